"""The seed corpus: byte-for-byte copies, manifest, dates and boilerplate stripping."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from caspian.layers.catalog.seeds import (
    body_spans,
    load_seed,
    load_seeds,
    normalise_whitespace,
    seed_ids,
)
from hypothesis import given
from hypothesis import strategies as st

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REPO_SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_corpus_has_the_five_documents() -> None:
    assert seed_ids() == sorted(path.name for path in REPO_SEEDS.glob("*.txt"))
    assert len(seed_ids()) == 5


@pytest.mark.parametrize("seed_id", sorted(path.name for path in REPO_SEEDS.glob("*.txt")))
def test_seed_matches_its_manifest_checksum(seed_id: str) -> None:
    document = load_seed(seed_id)
    assert hashlib.sha256(document.text.encode("utf-8")).hexdigest() == document.meta["sha256"]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared/ is not beside this checkout")
@pytest.mark.parametrize("path", sorted(REPO_SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_is_a_byte_for_byte_copy_of_the_shared_corpus(path: Path) -> None:
    assert path.read_bytes() == (SHARED_SEEDS / path.name).read_bytes()


def test_dates_come_from_header_or_inline_dateline() -> None:
    dates = {document.id[:3]: (document.date, document.date_source) for document in load_seeds()}
    assert dates == {
        "000": ("2025-10-27", "header"),
        "001": ("2025-10-21", "header"),
        "002": ("2025-10-22", "inline"),
        "003": ("2025-10-21", "header"),
        "004": ("2026-01-02", "header"),
    }


def test_every_manifest_fact_is_stated_in_its_document() -> None:
    for document in load_seeds():
        assert document.meta["outlet_evidence"] in document.text
        assert document.meta["date_evidence"] in document.text
        for person in document.people_quoted:
            assert person.split()[-1][:6] in document.text, (document.id, person)


def test_people_quoted_are_recorded() -> None:
    quoted = {document.id[:3]: document.people_quoted for document in load_seeds()}
    assert quoted["003"] == ("Эдуард Полетаев",)
    assert quoted["001"] == ("Амина Косбаева",)
    assert quoted["004"] == ("Нурболат Нышанбаев",)


def test_body_of_anews_page_drops_tickers_dateline_and_related_news() -> None:
    document = load_seed("002_4c36eff9260ff7d6.txt")
    assert "€ 1.9811" in document.text and "€ 1.9811" not in document.body
    assert "Похожие новости" in document.text and "Похожие новости" not in document.body
    assert "Трамп заморозил нефть Венесуэлы" not in document.body
    assert "22.10.2025 09:20" not in document.body
    assert document.body.count("Визит Алиева в Казахстан углубляет сотрудничество") == 1
    assert document.body.endswith("M.Aли")


def test_body_drops_the_collectors_date_header() -> None:
    document = load_seed("003_833792392fde0c57.txt")
    assert document.text.startswith(" date 2025-10-21 ")
    assert document.body.startswith("Президент Азербайджана Ильхам Алиев прибыл")


@pytest.mark.parametrize("seed_id", seed_ids())
def test_body_offsets_map_back_to_the_original_text(seed_id: str) -> None:
    document = load_seed(seed_id)
    body = document.body
    for index in range(0, len(body), 97):
        if body[index] != "\n":
            assert document.text[document.body_offset_to_original(index)] == body[index]


def test_quote_in_boilerplate_is_not_in_body() -> None:
    document = load_seed("002_4c36eff9260ff7d6.txt")
    start = document.text.index("Рекордная цена на золото")
    assert not document.in_body(start, start + len("Рекордная цена на золото"))
    start = document.text.index("Две прикаспийские страны подписали 15 соглашений")
    assert document.in_body(start, start + 20)


def test_cookie_notes_are_boilerplate() -> None:
    text = "Статья о порте Актау.\nМы используем файлы cookie для улучшения сайта.\nКонец."
    body = " ".join(text[start:end] for start, end in body_spans(text))
    assert body == "Статья о порте Актау. Конец."


#: Pieces of text with the cookie words in any case, and the letters re.IGNORECASE reads as
#: theirs that lower() may not: the dotless "ı", the dotted "İ", the Kelvin sign "K".
_COOKIE_PIECES = ["cookie", "COOKIE", "Cookie", "куки", "КУКИ", "Куки", "cookıe", "COOKİE",
                  "coo\u212aie", "İ", "ı", "x", " ", "\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_COOKIE_PIECES), max_size=6), st.integers(0, 40))
def test_cookie_notes_are_found_in_the_lowered_text_where_the_pattern_finds_them(
    pieces: list[str], position: int
) -> None:
    """The places of "cookie" and "куки" found in the text lowered are those the pattern
    that ignores case finds, with the letters it reads otherwise (the dotless "ı", the dotted
    "İ", the Kelvin sign "K") too."""
    from caspian.layers.catalog.seeds import _COOKIE, _cookie_starts

    text = "".join(pieces)
    position = min(position, len(text))
    expected = [match.start() for match in _COOKIE.finditer(text, position)]
    assert _cookie_starts(text, position) == expected


@given(st.text(alphabet=st.sampled_from("аб $€•\n\t 12.,Похжиеновст"), max_size=300))
def test_body_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    spans = body_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@given(st.text(max_size=200))
def test_normalised_whitespace_has_no_runs_and_keeps_words(text: str) -> None:
    normalised = normalise_whitespace(text)
    assert "  " not in normalised
    assert normalised.split() == text.split()
