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
