"""The user's corpus folder: documents added one by one, all or nothing, and a manifest that
cannot be read is one line naming it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from caspian.layers.io.errors import OutputError
from cli_support import run_cli
from news_support import KARS_TEXT


def _manifest_ids(corpus: Path) -> list[str]:
    data = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    return [entry["id"] for entry in data["documents"]]


def _article(folder: Path, number: int) -> Path:
    path = folder / f"article_{number:02d}.txt"
    path.write_text(f"Порт Курык примет {number + 1} новых судов. Длина причала 2{number} км.\n",
                    encoding="utf-8")
    return path


def test_twelve_articles_added_one_by_one_are_twelve_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    for number in range(12):
        code, _, err = run_cli(
            ["ingest", str(_article(tmp_path, number)), "--add", "--corpus", str(corpus)], capsys
        )
        assert (code, err) == (0, "")
    ids = _manifest_ids(corpus)
    assert len(ids) == 12
    assert sorted(path.name for path in corpus.iterdir()) == sorted([*ids, "manifest.json"])
    code, out, _ = run_cli(["mentions", "kuryk_port", "--corpus", str(corpus)], capsys)
    assert code == 0 and all(doc_id in out for doc_id in ids)


def test_a_manifest_that_cannot_be_written_stores_no_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    run_cli(["ingest", str(_article(tmp_path, 0)), "--add", "--corpus", str(corpus)], capsys)
    manifest = corpus / "manifest.json"
    before = manifest.read_bytes()
    manifest.chmod(stat.S_IRUSR)
    code, out, err = run_cli(
        ["ingest", str(_article(tmp_path, 1)), "--add", "--corpus", str(corpus)], capsys
    )
    assert (code, out) == (2, "") and "manifest.json is read-only" in err
    assert sorted(path.name for path in corpus.iterdir()) == sorted(
        [*_manifest_ids(corpus), "manifest.json"]
    )
    assert manifest.read_bytes() == before


def test_a_failed_manifest_write_takes_the_new_documents_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caspian.layers.news import corpus as corpus_module
    from caspian.layers.news.documents import read_document

    def full_disk(path: Path, text: str) -> Path:
        raise OutputError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(corpus_module, "write_text_atomic", full_disk)
    folder = tmp_path / "corpus"
    items = [
        (read_document(path), path.read_bytes(), ".txt")
        for path in (_article(tmp_path, 0), _article(tmp_path, 1))
    ]
    with pytest.raises(OutputError, match="No space left"):
        corpus_module.store_documents(items, folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('{"documents": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ('{"documents": [1, "x", null]}', "document 0 is int, not an object with an 'id'"),
        ('{"documents": [{"id": 7}]}', "document 0 has no 'id' text"),
        ('{"documents": [{"id": "a.txt", "format": "pdf"}]}', "has format 'pdf'"),
    ],
)
@pytest.mark.parametrize("command", ["mentions", "conflicts", "ingest"])
def test_a_corrupt_manifest_is_one_line_naming_it_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, message: str, command: str
) -> None:
    (tmp_path / "manifest.json").write_text(manifest, encoding="utf-8")
    argv = [command, "--corpus", str(tmp_path)]
    if command == "ingest":
        argv[1:1] = [str(KARS_TEXT)]
    code, out, err = run_cli(argv, capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert f"{tmp_path / 'manifest.json'}" in err and message in err
    assert err.rstrip().endswith("repair or remove it")


@pytest.mark.parametrize("command", ["mentions", "conflicts", "ingest"])
def test_a_named_corpus_folder_that_does_not_exist_is_an_error_not_the_seeds_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # A mistyped --corpus would otherwise report on the shipped seeds alone, exit 0.
    missing = tmp_path / "corpsu"
    argv = [command, "--corpus", str(missing)]
    if command == "ingest":
        argv[1:1] = [str(KARS_TEXT)]
    code, out, err = run_cli(argv, capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: corpus folder {missing} does not exist; check the path, "
                   f"or create it with 'caspian ingest --add FILE --corpus {missing}'\n")
    assert not missing.exists()


def test_ingest_add_creates_the_corpus_folder_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "new"
    code, _, err = run_cli(["ingest", str(KARS_TEXT), "--add", "--corpus", str(corpus)], capsys)
    assert (code, err) == (0, "")
    assert len(_manifest_ids(corpus)) == 1


def _add_in_a_process(article: str, corpus: str) -> int:
    """``caspian ingest ARTICLE --add --corpus CORPUS`` in its own process: its exit code."""
    return _added_in_a_process(article, corpus)[0]


def _added_in_a_process(article: str, corpus: str) -> tuple[int, str]:
    """``caspian ingest ARTICLE --add --corpus CORPUS`` in its own process: its exit code and
    the line that says whether it stored the article."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "caspian.maps", "ingest", article, "--add", "--corpus", corpus],
        capture_output=True, check=False, text=True,
    )
    return done.returncode, done.stdout.rstrip("\n").rsplit("\n", 1)[-1]


def test_one_article_added_by_many_processes_at_once_is_stored_by_one(tmp_path: Path) -> None:
    # Each process looked up what the corpus held before taking the folder's lock: two that
    # looked before either stored both said "stored", though one file and one entry were made.
    from concurrent.futures import ThreadPoolExecutor

    corpus, article = tmp_path / "corpus", str(_article(tmp_path, 0))
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: _added_in_a_process(article, str(corpus)), range(4)))
    assert [code for code, _ in runs] == [0] * 4
    said = [line for _, line in runs]
    assert sum(line.startswith("stored ") for line in said) == 1, said
    assert sum(line.endswith("; not stored again") for line in said) == 3, said
    assert len(_manifest_ids(corpus)) == 1


def test_ingest_add_run_by_many_processes_at_once_keeps_every_article(tmp_path: Path) -> None:
    # Each process read the manifest, added its entry and wrote the manifest back: one that
    # read before another wrote dropped the other's entry (8 processes left 2 to 5 of 8
    # entries, and the other files unlisted in the folder).
    from concurrent.futures import ThreadPoolExecutor

    corpus = tmp_path / "corpus"
    articles = [str(_article(tmp_path, number)) for number in range(8)]
    with ThreadPoolExecutor(len(articles)) as pool:
        codes = list(pool.map(lambda path: _add_in_a_process(path, str(corpus)), articles))
    assert codes == [0] * 8
    ids = _manifest_ids(corpus)
    assert len(ids) == 8 == len(set(ids))
    assert sorted(path.name for path in corpus.iterdir()) == sorted([*ids, "manifest.json"])


def test_an_addition_made_while_another_has_read_the_manifest_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lost update made certain: the first addition reads the manifest, then the second
    # addition runs whole, then the first writes. Unlocked, the first wrote back the manifest
    # it had read and the second article was dropped from it; locked, the second waits for
    # the first (the first's wait below gives up) and reads the manifest it wrote.
    import threading

    from caspian.layers.news import corpus as corpus_module
    from caspian.layers.news.documents import read_document

    corpus = tmp_path / "corpus"
    first, second = (_article(tmp_path, number) for number in (0, 1))
    read, second_done = threading.Event(), threading.Event()
    reading = corpus_module.read_manifest

    def read_then_wait(folder: Path) -> dict[str, object]:
        manifest = reading(folder)
        if threading.current_thread().name == "first":
            read.set()
            second_done.wait(2)
        return manifest

    monkeypatch.setattr(corpus_module, "read_manifest", read_then_wait)

    def add(path: Path) -> None:
        corpus_module.add_to_corpus(read_document(path), path.read_bytes(), corpus, ".txt")
        if threading.current_thread().name == "second":
            second_done.set()

    threads = [threading.Thread(target=add, args=(first,), name="first"),
               threading.Thread(target=add, args=(second,), name="second")]
    threads[0].start()
    assert read.wait(30)
    threads[1].start()
    for thread in threads:
        thread.join()
    ids = _manifest_ids(corpus)
    assert len(ids) == 2 == len(set(ids))
    assert sorted(path.name for path in corpus.iterdir()) == sorted([*ids, "manifest.json"])
