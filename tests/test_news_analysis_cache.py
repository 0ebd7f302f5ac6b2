"""The cache of analyses: the same analyses, conflicts and command output with and without it,
and every entry it cannot trust analysed again."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest
from caspian.layers.news import analysis_cache
from caspian.layers.news.analysis import Analysis, analyse, corpus_conflicts
from caspian.layers.news.analysis_cache import (
    AnalysisCache,
    decode_analysis,
    encode_analysis,
    entry_path,
    reader_version,
)
from caspian.layers.news.corpus import seed_documents
from caspian.layers.news.documents import NewsDocument, read_document
from cli_support import run_cli
from news_support import INTERVIEW_TEXT, KARS_TEXT, NEWS, PORTAL_HTML

REAL = Path(__file__).parent / "data" / "news_real"


@cache
def _documents() -> tuple[NewsDocument, ...]:
    """The seeds, the test articles (one saved HTML page) and every real article."""
    real = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return (
        *seed_documents(),
        *(read_document(path) for path in sorted(NEWS.glob("fixture_*"))),
        *(read_document(REAL / entry["id"]) for entry in real),
    )


@cache
def _analyses() -> tuple[Analysis, ...]:
    return tuple(analyse(document) for document in _documents())


def test_every_real_article_reads_back_from_the_cache_as_the_same_analysis_and_conflicts(
    tmp_path: Path,
) -> None:
    fresh = list(_analyses())
    assert len(fresh) >= 5 + 3 + 344
    assert sum(len(analysis.claims) for analysis in fresh) > 1_000
    written = AnalysisCache(tmp_path)
    assert written.analyse_all(_documents()) == fresh
    # Every analysis was stored: none holds a value the JSON cannot carry back.
    assert written.written == len(fresh) and written.read == 0
    warm = AnalysisCache(tmp_path)
    cached = warm.analyse_all(_documents())
    assert warm.read == len(fresh) and warm.written == 0
    assert cached == fresh
    assert [a.as_dict() for a in cached] == [a.as_dict() for a in fresh]
    conflicts = corpus_conflicts(fresh)
    assert len(conflicts) > 10
    assert corpus_conflicts(cached) == conflicts


def test_tuples_dicts_with_number_keys_and_infinities_come_back_as_they_were() -> None:
    analysis = _analyses()[0]
    claim = analysis.claims[0]
    odd = {"span": (1, (2, 3)), 7: "seven", "~tag": [1.5, float("inf")], "plain": {"a": None}}
    changed = Analysis(analysis.document, analysis.mentions,
                       (type(claim)(**{**claim.__dict__, "context": odd}),), analysis.skipped)
    back = decode_analysis(encode_analysis(changed), analysis.document)
    assert back == changed
    assert back is not None and back.claims[0].context["span"] == (1, (2, 3))


def test_a_value_json_cannot_carry_back_is_analysed_every_time_not_stored(
    tmp_path: Path,
) -> None:
    analysis = _analyses()[0]
    claim = analysis.claims[0]
    odd = Analysis(analysis.document, analysis.mentions,
                   (type(claim)(**{**claim.__dict__, "context": {"years": {2025}}}),), ())
    with pytest.raises(analysis_cache.UnstorableError, match="set"):
        encode_analysis(odd)


def _entry(folder: Path, document: NewsDocument) -> Path:
    return entry_path(document, folder)


def _corrupted(data: bytes) -> bytes:
    head, _, body = data.partition(b"\n")
    return head + b"\n" + body.replace(b'"start":', b'"start":"x",', 1)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x00\xff garbage", id="not-json"),
        pytest.param(_corrupted, id="payload-edited"),
        pytest.param(lambda data: data.replace(reader_version().encode(), b"0" * 24, 1),
                     id="other-version"),
        pytest.param(lambda data: b"[]\n" + data.partition(b"\n")[2], id="header-not-object"),
    ],
)
def test_an_entry_that_cannot_be_trusted_is_analysed_again_and_rewritten(
    tmp_path: Path, damage
) -> None:
    document = seed_documents()[0]
    expected = analyse(document)
    AnalysisCache(tmp_path).analyse(document)
    path = _entry(tmp_path, document)
    good = path.read_bytes()
    path.write_bytes(damage(good))
    again = AnalysisCache(tmp_path)
    assert again.analyse(document) == expected
    assert (again.read, again.written) == (0, 1)
    assert path.read_bytes() == good


def test_a_missing_entry_is_analysed_and_written(tmp_path: Path) -> None:
    document = seed_documents()[1]
    reader = AnalysisCache(tmp_path)
    assert reader.analyse(document) == analyse(document)
    assert (reader.read, reader.written) == (0, 1)
    assert _entry(tmp_path, document).is_file()


def test_an_entry_of_another_document_is_not_taken_for_this_one(tmp_path: Path) -> None:
    first, second = seed_documents()[:2]
    AnalysisCache(tmp_path).analyse(first)
    _entry(tmp_path, second).parent.mkdir(parents=True, exist_ok=True)
    _entry(tmp_path, second).write_bytes(_entry(tmp_path, first).read_bytes())
    reader = AnalysisCache(tmp_path)
    assert reader.analyse(second) == analyse(second)
    assert reader.read == 0


def test_an_unwritable_cache_analyses_everything_and_stops_trying(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    reader = AnalysisCache(blocker)
    documents = seed_documents()
    assert reader.analyse_all(documents) == [analyse(document) for document in documents]
    assert reader.written == 0 and not reader.enabled


def test_the_reader_version_covers_the_rules_the_catalog_and_the_gazetteer() -> None:
    names = {f"{package}/{item.name}" for package, item in analysis_cache.reader_files()}
    assert {"caspian.layers.news/claims.py", "caspian.layers.news/analysis_cache.py",
            "caspian.layers.catalog/loading.py", "caspian.layers.data/gazetteer.json",
            "caspian.layers.data/catalog.json",
            "caspian.layers.data/zangezur_corridor.geojson"} <= names
    assert len(reader_version()) == 24


def test_the_reader_version_changes_when_one_byte_of_a_rule_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = analysis_cache.reader_version.__wrapped__()
    read = analysis_cache._file_bytes

    def edited(item):  # type: ignore[no-untyped-def]
        data = read(item)
        return data + b"#" if item.name == "linking.py" else data

    monkeypatch.setattr(analysis_cache, "_file_bytes", edited)
    assert analysis_cache.reader_version.__wrapped__() != before


_COMMANDS = [
    ["ingest", str(KARS_TEXT)],
    ["ingest", str(KARS_TEXT), "--format", "json"],
    ["ingest", str(PORTAL_HTML), str(INTERVIEW_TEXT)],
    ["mentions"],
    ["mentions", "--format", "json"],
    ["conflicts"],
    ["conflicts", "--format", "json"],
]


def test_every_news_command_prints_the_same_bytes_without_with_a_cold_and_a_warm_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    real = sorted(REAL.glob("dev0*.txt"))[:6]
    code, _, _ = run_cli(["ingest", *map(str, real), "--add", "--corpus", str(corpus)], capsys)
    assert code == 0
    unwritable = tmp_path / "not-a-folder"
    unwritable.write_text("")
    outputs: dict[str, list[tuple[int, str, str]]] = {}
    for state, folder in (("none", unwritable), ("cold", tmp_path / "cache"),
                          ("warm", tmp_path / "cache")):
        monkeypatch.setenv("CASPIAN_CACHE_DIR", str(folder))
        outputs[state] = [run_cli([*argv, "--corpus", str(corpus)], capsys)
                          for argv in _COMMANDS]
    assert all(code == 0 and err == "" for code, _, err in outputs["none"])
    assert outputs["cold"] == outputs["none"]
    assert outputs["warm"] == outputs["none"]
    # An entry for each seed's analysis and each file's given, and one for each file of the
    # corpus (its parsed document and its analysis).
    assert len(list((tmp_path / "cache" / "news-analyses" / reader_version()).iterdir())) == (
        len(seed_documents()) + 3 + len(real)
    )
    assert any("conflicts (" in out and "! " in out for _, out, _ in outputs["none"])


def test_a_corpus_moved_to_another_folder_is_read_from_the_cache_under_its_new_paths(
    tmp_path: Path,
) -> None:
    first, moved = tmp_path / "a" / KARS_TEXT.name, tmp_path / "b" / KARS_TEXT.name
    for path in (first, moved):
        path.parent.mkdir()
        path.write_bytes(KARS_TEXT.read_bytes())
    AnalysisCache(tmp_path / "cache").analyse(read_document(first))
    reader = AnalysisCache(tmp_path / "cache")
    found = reader.analyse(read_document(moved))
    assert reader.read == 1
    assert found == analyse(read_document(moved))
    assert {claim.document for claim in found.claims} == {str(moved)}


def _article_files() -> list[Path]:
    real = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return [*sorted(NEWS.glob("fixture_*")), *(REAL / entry["id"] for entry in real)]


def test_every_real_article_and_saved_page_is_parsed_from_the_cache_as_the_same_document(
    tmp_path: Path,
) -> None:
    files = _article_files()
    fresh = [read_document(path) for path in files]
    assert any(document.format == "html" for document in fresh)
    cold = AnalysisCache(tmp_path)
    documents = [cold.read_document(path) for path in files]
    assert documents == fresh
    assert cold.written == 0  # a file's entry waits for its analysis
    assert cold.analyse_all(documents) == [analyse(document) for document in fresh]
    assert (cold.read, cold.written) == (0, len(files))
    moved = tmp_path / "moved"
    moved.mkdir()
    copies = []
    for path in files:
        copies.append(moved / path.name)
        copies[-1].write_bytes(path.read_bytes())
    warm = AnalysisCache(tmp_path)
    # Read from the cache under the files' new paths, as a corpus folder moved or copied.
    again = [warm.read_document(path) for path in copies]
    assert again == [read_document(path) for path in copies]
    assert warm.analyse_all(again) == [analyse(document) for document in again]
    assert (warm.read, warm.written) == (len(files), 0)


def test_a_damaged_document_entry_is_parsed_again_and_rewritten(tmp_path: Path) -> None:
    first = AnalysisCache(tmp_path)
    first.analyse(first.read_document(PORTAL_HTML))
    (path,) = (tmp_path / reader_version()).iterdir()
    good = path.read_bytes()
    path.write_bytes(good[:-40])
    again = AnalysisCache(tmp_path)
    document = again.read_document(PORTAL_HTML)
    assert document == read_document(PORTAL_HTML)
    assert again.analyse(document) == analyse(read_document(PORTAL_HTML))
    assert (again.read, again.written) == (0, 1)
    assert path.read_bytes() == good


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_an_entry_that_is_no_regular_file_is_passed_over_without_waiting(
    tmp_path: Path, kind: str
) -> None:
    document = seed_documents()[2]
    path = _entry(tmp_path, document)
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    reader = AnalysisCache(tmp_path)
    assert reader.analyse(document) == analyse(document)
    assert reader.read == 0


def test_an_entry_larger_than_the_limit_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = seed_documents()[3]
    size = len(encode_analysis(analyse(document)))
    monkeypatch.setattr(analysis_cache, "MAX_ENTRY_BYTES", size - 1)
    reader = AnalysisCache(tmp_path)
    assert reader.analyse(document) == analyse(document)
    assert reader.written == 0 and not _entry(tmp_path, document).exists()
    monkeypatch.setattr(analysis_cache, "MAX_ENTRY_BYTES", size)
    assert AnalysisCache(tmp_path).analyse(document) == analyse(document)
    assert _entry(tmp_path, document).stat().st_size == size
