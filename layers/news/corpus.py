"""The corpus the news reader compares against: the shipped seeds plus a user's folder.

The shipped seeds (``caspian.seeds``) are read-only package data. ``caspian ingest --add``
stores a new article in a corpus folder of the user's (``caspian-corpus`` by default) as
``NNN_<sha256[:16]><suffix>``, copied byte for byte, and records it in that folder's
``manifest.json`` in the shape of ``seeds/manifest.json``. Each write is atomic and an
addition is all or nothing: when the manifest cannot be written, the documents written for it
are removed again. Additions to one folder are serialised by a lock on the folder itself, so
that two ``ingest --add`` running at once both land in the manifest (each reads it after the
other has written it) instead of the later write dropping the earlier one's entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from caspian.layers.catalog.seeds import SEED_PACKAGE, seed_ids
from caspian.layers.io.fileio import (
    InputFileError,
    check_output_target,
    read_input_bytes,
    write_bytes_atomic,
    write_text_atomic,
)
from caspian.layers.news._errors import CorpusError, NewsInputError
from caspian.layers.news.documents import (
    FORMATS,
    NewsDocument,
    decode_article,
    parse_document,
    read_document,
)

if sys.platform != "win32":  # flock, the corpus folder's lock: POSIX only
    import fcntl

MANIFEST = "manifest.json"
DEFAULT_CORPUS = "caspian-corpus"


@cache
def _seed_document(seed_id: str) -> NewsDocument:
    text = (resources.files(SEED_PACKAGE) / seed_id).read_text(encoding="utf-8")
    return parse_document(text, seed_id, "text")


def seed_documents() -> list[NewsDocument]:
    """The shipped seed articles, analysed (once per process), in manifest order."""
    return [_seed_document(seed_id) for seed_id in seed_ids()]


def read_manifest(folder: Path) -> dict[str, Any]:
    """A corpus folder's manifest (an empty one when the folder has none yet).

    The manifest is the corpus's own record, which ``ingest --add`` rewrites: it is read
    without being protected as a user's input (that protection would refuse the rewrite).

    Raises
    ------
    CorpusError
        If the manifest exists but is not valid JSON with a ``documents`` list of entries.
    """
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {"description": "caspian-gis news corpus (caspian ingest --add)", "documents": []}
    try:
        # Bounded, and a FIFO or a device is refused instead of waited on.
        raw = read_input_bytes(path, edited=True)
    except InputFileError as exc:
        raise CorpusError(f"corpus manifest {exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise CorpusError(
            f"{path} is nested too deeply to be a corpus manifest; repair or remove it"
        ) from None
    except ValueError as exc:  # UnicodeDecodeError is one
        raise CorpusError(f"{path} is not valid JSON ({exc}); repair or remove it") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError(f"{path} has no 'documents' list; repair or remove it")
    for index, entry in enumerate(data["documents"]):
        problem = _entry_problem(entry)
        if problem:
            raise CorpusError(f"{path}: document {index} {problem}; repair or remove it")
    return data


def _entry_problem(entry: Any) -> str | None:
    """What makes ``entry`` unusable as a manifest entry, or None."""
    if not isinstance(entry, dict):
        return f"is {type(entry).__name__}, not an object with an 'id'"
    if not isinstance(entry.get("id"), str):
        return "has no 'id' text naming its file"
    if entry.get("format") not in (None, *FORMATS):
        return f"has format {entry.get('format')!r}, not one of {', '.join(FORMATS)}"
    if not isinstance(entry.get("sha256"), (str, type(None))):
        return "has a 'sha256' that is not text"
    return None


def corpus_documents(
    corpus: str | Path | None = None,
    read: Callable[[Path, str | None], NewsDocument] = read_document,
) -> list[NewsDocument]:
    """The shipped seeds, then every document recorded in ``corpus``'s manifest, each read
    by ``read(path, format)`` (:func:`~caspian.layers.news.documents.read_document`, or the
    cache's :meth:`~caspian.layers.news.analysis_cache.AnalysisCache.read_document`)."""
    documents = seed_documents()
    if corpus is None or not os.path.lexists(corpus):
        return documents  # no corpus yet: the seeds alone
    root = Path(corpus)
    if not root.is_dir():
        raise CorpusError(f"corpus {root} is not a folder; give a folder with corpus=",
                          path=str(root), options=("corpus",))
    for entry in read_manifest(root)["documents"]:
        name = entry["id"]
        if Path(name).name != name or name in ("", ".", ".."):
            raise CorpusError(f"{root / MANIFEST} lists {name!r}, not a file name in the folder")
        path = root / name
        if not path.is_file():
            raise CorpusError(f"{path} is in {root / MANIFEST} but missing; restore or unlist it")
        try:
            document = read(path, entry.get("format"))
        except NewsInputError as exc:
            # stored by an earlier version that read it (a feed, a web archive as text), or
            # made unreadable since: the fix is in the manifest, not in what ingest is given
            raise CorpusError(
                f"{root / MANIFEST} lists {name}, which is not read as an article ({exc}); "
                f"unlist it from {root / MANIFEST}") from None
        if entry.get("sha256") not in (None, document.sha256):
            raise CorpusError(
                f"{path} is not the document {root / MANIFEST} recorded (sha256 differs); "
                "restore it, or unlist it and add it again"
            )
        documents.append(document)
    return documents


def _ids_by_sha256(manifest: dict[str, Any]) -> dict[str, str]:
    return {entry["sha256"]: entry["id"] for entry in manifest["documents"] if entry.get("sha256")}


def add_to_corpus(document: NewsDocument, data: bytes, corpus: str | Path, suffix: str) -> str:
    """Store one document (its original bytes ``data``) in the corpus folder ``corpus``; see
    :func:`store_documents`."""
    return store_documents([(document, data, suffix)], corpus)[0]


def _check_bytes(document: NewsDocument, data: bytes) -> None:
    # document.sha256 is that of the article's decoded text: the bytes must decode to it.
    text = decode_article(data, Path(document.id))
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != document.sha256:
        raise CorpusError(
            f"the bytes given are not those of {document.id} (sha256 differs); store the "
            "document with the data it was read from"
        )


def _corpus_folder(corpus: str | Path) -> Path:
    root = Path(corpus)
    if root.exists() and not root.is_dir():
        raise CorpusError(f"corpus {root} is not a folder; give a folder with corpus=",
                          path=str(root), options=("corpus",))
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(
            f"cannot create corpus folder {root} ({exc.strerror or exc}); give another corpus=",
            path=str(root), options=("corpus",),
        ) from exc
    return root


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``flock`` on the folder's own descriptor, which
    leaves no lock file in the corpus) until the block ends; other processes wait for it.

    Where ``flock`` does not exist (Windows) or the file system refuses it, the block runs
    unlocked, as before: a lock only protects writers running at the same time.
    """
    if sys.platform == "win32":
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        # A file system without locks (OSError) runs the block unlocked, as before.
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


class StoredDocument(NamedTuple):
    """Where one document given to :func:`store_new_documents` is in the corpus."""

    #: Its id in the corpus folder.
    id: str
    #: Whether this call stored it (False: the same text was there before, or given earlier
    #: in the same call).
    new: bool


def store_documents(
    items: Sequence[tuple[NewsDocument, bytes, str]], corpus: str | Path
) -> list[str]:
    """The ids :func:`store_new_documents` stores ``items`` under, in order."""
    return [stored.id for stored in store_new_documents(items, corpus)]


def store_new_documents(
    items: Sequence[tuple[NewsDocument, bytes, str]], corpus: str | Path
) -> list[StoredDocument]:
    """Store documents in the corpus folder ``corpus``, all or none.

    Parameters
    ----------
    items : sequence of (NewsDocument, bytes, str)
        Each document, the original bytes it was read from and its file suffix (``".html"``).
    corpus : path-like
        The corpus folder; created when missing.

    Returns
    -------
    list of StoredDocument
        The stored id of each item, in order, and whether this call stored it: a document
        already in the corpus (same sha256) is not stored twice. Which documents were there
        before is read under the folder's lock, so another process adding the same article at
        the same time cannot make both report it as theirs.

    Raises
    ------
    CorpusError
        If ``corpus`` is not a folder, or the bytes of an item are not those of its document.
    OutputError
        If a file cannot be written; the files written before it are removed again and the
        manifest is left as it was.
    """
    for document, data, _ in items:
        _check_bytes(document, data)
    root = _corpus_folder(corpus)
    # The manifest is read, extended and written back under the folder's lock: another
    # process adding at the same time reads it only after this one has written it.
    with _locked(root):
        return _store(items, root)


def _store(
    items: Sequence[tuple[NewsDocument, bytes, str]], root: Path
) -> list[StoredDocument]:
    manifest = read_manifest(root)
    known = _ids_by_sha256(manifest)
    ids, new_files = [], []
    for document, data, suffix in items:
        new = document.sha256 not in known
        if new:
            doc_id = f"{len(manifest['documents']):03d}_{document.sha256[:16]}{suffix or '.txt'}"
            manifest["documents"].append(
                {**document.metadata(), "id": doc_id, "source_path": document.id}
            )
            known[document.sha256] = doc_id
            new_files.append((root / doc_id, data))
        ids.append(StoredDocument(known[document.sha256], new))
    if not new_files:
        return ids
    check_output_target(root / MANIFEST)  # refused now, before any document is written
    written: list[Path] = []
    try:
        for path, data in new_files:
            existed = os.path.lexists(path)
            write_bytes_atomic(path, data)
            if not existed:
                written.append(path)
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_text_atomic(root / MANIFEST, text)
    except BaseException:
        # A document the manifest does not list is a half-written corpus: take it back.
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return ids
