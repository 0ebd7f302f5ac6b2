"""Ingestion: metadata, body and sentences of plain-text and HTML articles, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from caspian.layers.catalog.seeds import load_seed
from caspian.layers.news._errors import NewsInputError
from caspian.layers.news.corpus import seed_documents
from caspian.layers.news.documents import read_document
from cli_support import run_cli
from news_support import KARS_TEXT, PORTAL_HTML


def test_seed_metadata_read_from_the_text_matches_the_manifest() -> None:
    for document in seed_documents():
        manifest = load_seed(document.id).meta
        assert document.outlet == manifest["outlet"], document.id
        assert document.date == manifest["date"], document.id
        assert document.date_source == manifest["date_source"], document.id
        assert document.date_evidence == manifest["date_evidence"], document.id
        assert document.title == manifest["title"], document.id
        assert document.language == "ru"


def test_sentences_stay_inside_the_article_body() -> None:
    document = seed_documents()[2]  # Anews: ticker and related news around the article
    body = document.body_spans
    assert document.sentences
    for start, end in document.sentences:
        assert any(s <= start and end <= e for s, e in body)
    assert "Похожие новости" not in " ".join(document.text[s:e] for s, e in document.sentences)


def test_the_html_page_yields_title_outlet_date_and_only_the_article() -> None:
    document = read_document(PORTAL_HTML)
    assert document.format == "html"
    assert document.title == "Цифровой шелковый путь получит второй кабель"
    assert document.outlet == "Каспийский вестник (тест)"
    assert (document.date, document.date_evidence) == ("2025-11-22", "22.11.2025 18:40")
    body = " ".join(document.text[s:e] for s, e in document.body_spans)
    assert "транскаспийская волоконно-оптическая линия" in body
    for boilerplate in ("Главная", "1.9811", "cookie", "Похожие новости", "dataLayer", "©"):
        assert boilerplate not in body


_UNDATED_PAGE = (
    "<html><head><title>Порт Актау</title>{meta}</head><body><article>"
    "<p>Порт Актау принял 5 млн тонн груза в 2025 году, сообщили в порту.</p>"
    "<p>В 2026 году порт планирует расширить контейнерный хаб.</p>"
    "</article></body></html>"
)


def test_a_page_with_no_date_in_its_markup_or_dateline_has_no_date(tmp_path: Path) -> None:
    # htmldate's extensive search made "в 2025 году" a publication date of 2025-01-01
    path = tmp_path / "undated.html"
    path.write_text(_UNDATED_PAGE.format(meta=""), encoding="utf-8")
    document = read_document(path)
    assert (document.date, document.date_source) == (None, None)


def test_a_page_dated_only_in_its_markup_takes_that_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.html"
    meta = '<meta property="article:published_time" content="2024-03-05T10:00:00+04:00">'
    path.write_text(_UNDATED_PAGE.format(meta=meta), encoding="utf-8")
    document = read_document(path)
    assert (document.date, document.date_source) == ("2024-03-05", "html-meta")


def test_html_offsets_point_into_the_original_file() -> None:
    document = read_document(PORTAL_HTML)
    original = PORTAL_HTML.read_text(encoding="utf-8")
    start = document.text.index("Сумгаит")
    begin, end = document.original_span(start, start + len("Сумгаит"))
    assert original[begin:end] == "Сумгаит"


def test_a_date_in_russian_words_on_a_dateline_is_the_publication_date() -> None:
    document = read_document(KARS_TEXT)
    assert document.date == "2025-12-03"
    assert document.date_evidence == "3 декабря 2025 года, 14:05"
    assert document.outlet == "Kaspi-Test.kz"


def test_an_agency_dateline_of_city_date_and_agency_between_slashes_dates_the_page(
    tmp_path: Path,
) -> None:
    # Turan's lead as held280 prints it: "Баку/30.10.17/Turan: Железная дорога ..."
    path = tmp_path / "turan.txt"
    path.write_text(
        "Ильхам Алиев: БТК - самый короткий путь между Европой и Азией\n"
        "Баку/30.10.17/Turan: Железная дорога Баку-Тбилиси-Карс (БТК) самый короткий и "
        "надежный путь, соединяющий Европу и Азию.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert (document.date, document.date_evidence) == ("2017-10-30", "30.10.17")


def test_a_header_clock_an_agencys_dateline_contradicts_is_no_publication_date(
    tmp_path: Path,
) -> None:
    # held599 (RIA Novosti Ukraine): the site's header prints the day the page was viewed
    # ("28.04.202415:23"), the lead's dateline "КИЕВ, 26 фев — РИА Новости." the day, no year:
    # no date rather than the day of viewing; a dateline of the header's day confirms it
    path = tmp_path / "rian.txt"
    header = "наверх\n28.04.202415:23\nКурсы валют НБУ\n\n"
    lead = (
        "КИЕВ, 26 фев — РИА Новости. Транскаспийский транспортный коридор полноценно должен"
        " заработать в марте.\n"
    )
    path.write_text(header + lead, encoding="utf-8")
    assert read_document(path).date is None
    path.write_text(header + lead.replace("26 фев", "28 апр"), encoding="utf-8")
    assert read_document(path).date == "2024-04-28"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\x00\x01binary", "binary"), (b"\xfa\xfb\xfc bad", "not UTF-8"),
     (b"\xff\xfe\xfa bad", "utf-16 byte order mark but does not decode")],
)
def test_unreadable_files_raise_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(NewsInputError, match=message):
        read_document(path)


def test_ingest_prints_metadata_mentions_claims_and_conflicts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(["ingest", str(KARS_TEXT)], capsys)
    assert (code, err) == (0, "")
    assert "date: 2025-12-03" in out
    assert "zangezur_corridor/kars-dilucu" in out
    assert "length 240 km «240 км»" in out
    assert "! catalog: zangezur_corridor/kars-dilucu length" in out


def test_ingest_json_lists_documents_and_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["ingest", str(PORTAL_HTML), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    (document,) = data["documents"]
    assert document["title"] == "Цифровой шелковый путь получит второй кабель"
    assert {claim["kind"] for claim in document["claims"]} >= {"length", "bandwidth", "power"}
    assert data["stored"] == []


def test_ingest_without_add_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run_cli(["ingest", str(KARS_TEXT)], capsys)
    assert code == 0
    assert list(tmp_path.iterdir()) == []


def test_ingest_add_stores_the_article_byte_for_byte_with_manifest_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    code, out, _ = run_cli(["ingest", str(PORTAL_HTML), "--add", "--corpus", str(corpus)], capsys)
    assert code == 0
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["documents"]
    assert entry["date"] == "2025-11-22" and entry["outlet"] == "Каспийский вестник (тест)"
    assert (corpus / entry["id"]).read_bytes() == PORTAL_HTML.read_bytes()
    assert f"stored {PORTAL_HTML} as" in out
    # adding it again (here twice in one command) stores nothing new and says so; the corpus
    # is then read by the other commands
    code, out, _ = run_cli(
        ["ingest", str(PORTAL_HTML), str(PORTAL_HTML), "--add", "--corpus", str(corpus)], capsys)
    assert code == 0 and f"stored {PORTAL_HTML}" not in out
    assert out.count(f"{PORTAL_HTML} is already in the corpus as {corpus / entry['id']}; "
                     "not stored again") == 2
    assert len(json.loads((corpus / "manifest.json").read_text())["documents"]) == 1
    code, out, _ = run_cli(["mentions", "kuryk_port", "--corpus", str(corpus)], capsys)
    assert entry["id"] in out


def test_ingest_of_a_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["ingest", str(tmp_path / "nope.txt")], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "does not exist" in err


def test_ingest_refuses_a_corpus_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.write_text("not a folder")
    code, _, err = run_cli(["ingest", str(KARS_TEXT), "--add", "--corpus", str(corpus)], capsys)
    assert code == 2
    assert "corpus" in err and corpus.read_text() == "not a folder"


def test_mentions_command_filters_by_layer_and_rejects_unknown_layers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["mentions", "btc_pipeline", "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0
    assert {row["layer"] for row in rows} == {"btc_pipeline"}
    assert [row["text"] for row in rows] == [
        "Баку-Тбилиси-Джейхан",
        "трубопровода Баку–Тбилиси–Джейхан",
        "БТД",
        "Баку-Тбилиси-Джейхан",
    ]
    assert all(row["sentence_text"] for row in rows)
    code, _, err = run_cli(["mentions", "no_such_layer"], capsys)
    assert code == 2 and "unknown layer" in err


def test_a_corpus_folder_that_cannot_be_created_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run_cli(
        ["ingest", str(KARS_TEXT), "--add", "--corpus", "/proc/caspian-corpus"], capsys
    )
    assert code == 2
    assert err.startswith("caspian: error: cannot create corpus folder /proc/caspian-corpus")


def test_a_manifest_naming_a_path_outside_the_corpus_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "manifest.json").write_text('{"documents": [{"id": "../secret.txt"}]}')
    code, _, err = run_cli(["conflicts", "--corpus", str(tmp_path)], capsys)
    assert code == 2 and "not a file name in the folder" in err


def test_ingest_json_gives_sentence_offsets_into_the_original_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["ingest", str(KARS_TEXT), "--format", "json"], capsys)
    (document,) = json.loads(out)["documents"]
    original = KARS_TEXT.read_text(encoding="utf-8")
    first_start, first_end = document["sentences"][0]
    assert code == 0
    assert original[first_start:first_end].startswith("ТЕСТОВЫЙ ФРАГМЕНТ")
    assert len(document["sentences"]) == 9  # the dateline is metadata, not a sentence


def test_a_saved_page_in_the_charset_it_declares_is_read(tmp_path: Path) -> None:
    page = PORTAL_HTML.read_text(encoding="utf-8").replace(
        'charset="utf-8"', 'charset="windows-1251"'
    )
    page = page.replace("€", "EUR").replace("₺", "TRY").replace("₽", "RUB")  # not in cp1251
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("windows-1251"))
    document = read_document(path)
    assert document.title == "Цифровой шелковый путь получит второй кабель"
    assert document.date == "2025-11-22"


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r"])
def test_a_page_saved_without_its_charset_is_read_in_the_encoding_found_and_says_so(
    tmp_path: Path, encoding: str
) -> None:
    # A page saved without its <meta charset> (or a text file of an old Windows editor): the
    # same article, mentions and claims as the UTF-8 original, and the guess is said.
    original = read_document(KARS_TEXT)
    path = tmp_path / "article.txt"
    # the article's two en dashes are in neither code page
    path.write_bytes(KARS_TEXT.read_text(encoding="utf-8").replace("–", "-").encode(encoding))
    document = read_document(path)
    assert document.text.replace("-", "–") == original.text.replace("-", "–")
    assert len(document.text) == len(original.text)
    assert document.meta["encoding"] == (
        f"{encoding.replace('-', '_').replace('windows_', 'cp')} "
        "(guessed: the file declares no charset)")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_not_a_binary_file(
    tmp_path: Path, encoding: str
) -> None:
    # Windows editors save "Unicode" as UTF-16 with a byte order mark: NUL bytes, yet text.
    path = tmp_path / "article.txt"
    path.write_bytes(KARS_TEXT.read_text(encoding="utf-8").encode(encoding))
    document = read_document(path)
    assert document.text == read_document(KARS_TEXT).text
    assert document.meta["encoding"] == encoding


def test_bytes_no_encoding_reads_are_one_line_naming_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bytes(range(1, 256)) * 4)
    code, out, err = run_cli(["ingest", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {path} is not UTF-8 (byte 127), the file declares no "
                   "charset, and reads in no other encoding; save the article as UTF-8\n")


def test_a_page_that_declares_the_wrong_charset_is_read_in_the_one_its_letters_read_in(
    tmp_path: Path,
) -> None:
    # Saved in windows-1251 by a program that kept the page's <meta charset="utf-8">.
    page = PORTAL_HTML.read_text(encoding="utf-8")
    assert 'charset="utf-8"' in page
    page = page.replace("€", "EUR").replace("₺", "TRY").replace("₽", "RUB")  # not in cp1251
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("windows-1251"))
    document = read_document(path)
    assert document.title == "Цифровой шелковый путь получит второй кабель"
    assert document.meta["encoding"] == (
        "cp1251 (guessed: the file declares utf-8 but does not decode with it)")


def test_ingest_refuses_a_fifo_at_once_instead_of_waiting_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    code, out, err = run_cli(["ingest", str(fifo)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "is a FIFO (named pipe), not a regular file" in err


_ESCAPES = ("\x1b]0;owned\x07", "\x1b[2J", "\u202e")


def test_escapes_from_a_title_a_file_name_and_og_site_name_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = PORTAL_HTML.read_text(encoding="utf-8")
    page = page.replace(
        "<h1>Цифровой шелковый путь", "<h1>\x1b]0;owned\x07Цифровой\x1b[2J шелковый путь"
    ).replace('content="Каспийский вестник (тест)"', 'content="Вестник\u202eтсет"')
    path = tmp_path / "page\x1b[2J.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = run_cli(["ingest", str(path), "--add", "--corpus", str(tmp_path / "c")],
                             capsys)
    assert (code, err) == (0, "")
    assert not any(escape in out for escape in _ESCAPES)
    assert "\\x1b]0;owned\\x07Цифровой\\x1b[2J шелковый путь" in out
    assert "outlet: Вестник\\u202eтсет" in out
    assert f"stored {tmp_path}/page\\x1b[2J.html as" in out
    assert f"== {tmp_path}/page\\x1b[2J.html (html)" in out


def test_escapes_in_a_stored_file_name_are_escaped_in_the_conflicts_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "\u202ekars\x1b[2J.txt"
    article.write_text("Железная дорога Карс–Дилуджу протяжённостью 250 км.\n", encoding="utf-8")
    code, out, _ = run_cli(["ingest", str(article)], capsys)
    assert code == 0
    assert "! catalog: zangezur_corridor/kars-dilucu length" in out
    assert not any(escape in out for escape in _ESCAPES)
    assert "\\u202ekars\\x1b[2J.txt 44:50: «250 км» = 250 km" in out


def _absurd_article(folder: Path) -> Path:
    path = folder / "absurd.txt"
    path.write_text(
        "Железная дорога Карс–Дилуджу протяжённостью " + "9" * 400 + " км. Порт Курык "
        "пропустит " + "9" * 30 + " тонн грузов. Ветка Карс–Дилуджу длиной 224 км.\n",
        encoding="utf-8",
    )
    return path


def test_an_infinite_or_absurd_figure_is_skipped_with_a_line_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["ingest", str(_absurd_article(tmp_path))], capsys)
    assert (code, err) == (0, "")
    assert "figures skipped (2):" in out
    assert "absurd.txt s0 44:447: the value is not a finite number" in out
    assert "the value 1e+24 exceeds 1e+15, more than any real figure" in out
    assert "length 224 km «224 км»" in out
    code, out, _ = run_cli(["ingest", str(_absurd_article(tmp_path)), "--format", "json"], capsys)
    (document,) = json.loads(out)["documents"]
    assert [claim["value"] for claim in document["claims"]] == [224.0]
    assert [figure["reason"][:22] for figure in document["skipped"]] == [
        "the value is not a fin",
        "the value 1e+24 exceed",
    ]


def test_a_stored_corpus_holding_an_absurd_figure_stays_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    code, _, _ = run_cli(
        ["ingest", str(_absurd_article(tmp_path)), "--add", "--corpus", str(corpus)], capsys
    )
    assert code == 0
    for command in (["mentions"], ["conflicts"], ["conflicts", "--format", "json"]):
        code, out, err = run_cli([*command, "--corpus", str(corpus)], capsys)
        assert (code, err) == (0, ""), command
    values = [c["value"] for found in json.loads(out)["conflicts"] for c in found["claims"]]
    assert values and all(isinstance(value, float) for value in values)
    code, out, _ = run_cli(["conflicts", "--corpus", str(corpus)], capsys)
    assert "Figures skipped (2):" in out
    assert "skipped «999999" in out and "000_" in out


@pytest.mark.parametrize("address", ["https://report.az/news/123", "http://day.az/x.html",
                                     "www.zakon.kz/6400000-article.html"])
def test_a_web_address_gets_one_line_saying_to_save_the_page_first(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["ingest", address], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {address} is a web address; ingest reads saved files: "
                   "save the page first (e.g. curl -o page.html URL) and give the file's path\n")


def test_a_saved_file_named_like_a_web_address_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("www.day.az.txt").write_bytes(KARS_TEXT.read_bytes())
    code, out, _ = run_cli(["ingest", "www.day.az.txt"], capsys)
    assert code == 0 and "== www.day.az.txt (text)" in out


def test_ingest_lists_only_the_conflicts_that_involve_the_file_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text("Порт Курык расширяют.\n", encoding="utf-8")
    code, out, _ = run_cli(["ingest", str(calm), "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["conflicts"] == []  # the seeds' own stay out
    code, out, _ = run_cli(["ingest", str(KARS_TEXT), "--format", "json"], capsys)
    conflicts = json.loads(out)["conflicts"]
    assert conflicts and all(
        any(claim["document"] == str(KARS_TEXT) for claim in conflict["claims"])
        for conflict in conflicts
    )


_PRINTED_TWICE = (
    "КТЖ запустило строительство паромного комплекса в порту Курык\n\n"
    "КТЖ запустило строительство паромного комплекса в порту Курык\n\n"
    "Паромный комплекс в порту Курык является стратегически важным объектом, который обеспечит "
    "перевозку, не выгружая груз из вагонов, в сопредельные государства Каспийского региона.\n\n"
    "Паромный комплекс в порту Курык является стратегически важным объектом, который обеспечит "
    "перевозку, не выгружая груз из вагонов, в сопредельные государства Каспийского региона.\n"
)


def test_a_headline_printed_twice_is_read_once_and_a_paragraph_printed_twice_twice(
    tmp_path: Path,
) -> None:
    # held596 (Tengrinews) prints its headline and its first paragraph twice; the annotation
    # reads the paragraph's two copies (as held274's), the headline once
    path = tmp_path / "twice.txt"
    path.write_text(_PRINTED_TWICE, encoding="utf-8")
    document = read_document(path)
    body = [document.text[start:end] for start, end in document.body_spans]
    assert body.count("КТЖ запустило строительство паромного комплекса в порту Курык") == 1
    assert sum(line.startswith("Паромный комплекс в порту Курык") for line in body) == 2
