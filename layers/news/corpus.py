"""The corpus the news reader compares against: the shipped seeds plus a user's folder.

The shipped seeds (``caspian.seeds``) are read-only package data. ``caspian ingest --add``
stores a new article in a corpus folder of the user's (``caspian-corpus`` by default) as
``NNN_<sha256[:16]><suffix>``, copied byte for byte, and records it in that folder's
``manifest.json`` in the shape of ``seeds/manifest.json``; both writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from caspian.layers.fileio import (
    InputFileError,
    read_input_bytes,
    write_bytes_atomic,
    write_text_atomic,
)
from caspian.layers.news._errors import CorpusError
from caspian.layers.news.documents import (
    NewsDocument,
    decode_article,
    parse_document,
    read_document,
)
from caspian.layers.seeds import SEED_PACKAGE, seed_ids

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

    Raises
    ------
    CorpusError
        If the manifest exists but is not valid JSON with a ``documents`` list.
    """
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {"description": "caspian-gis news corpus (caspian ingest --add)", "documents": []}
    try:
        # Bounded, and a FIFO or a device is refused instead of waited on.
        raw = read_input_bytes(path)
    except InputFileError as exc:
        raise CorpusError(f"corpus manifest {exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError is one
        raise CorpusError(f"{path} is not valid JSON ({exc}); repair or remove it") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError(f"{path} has no 'documents' list; repair or remove it")
    return data


def corpus_documents(folder: str | Path | None = None) -> list[NewsDocument]:
    """The shipped seeds, then every document recorded in ``folder``'s manifest."""
    documents = seed_documents()
    if folder is None or not os.path.lexists(folder):
        return documents  # no corpus yet: the seeds alone
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"corpus {root} is not a folder; give a folder with --corpus")
    for entry in read_manifest(root)["documents"]:
        name = str(entry.get("id"))
        if Path(name).name != name or name in ("", ".", ".."):
            raise CorpusError(f"{root / MANIFEST} lists {name!r}, not a file name in the folder")
        path = root / name
        if not path.is_file():
            raise CorpusError(f"{path} is in {root / MANIFEST} but missing; restore or unlist it")
        document = read_document(path, entry.get("format"))
        if entry.get("sha256") not in (None, document.sha256):
            raise CorpusError(
                f"{path} is not the document {root / MANIFEST} recorded (sha256 differs); "
                "restore it, or unlist it and add it again"
            )
        documents.append(document)
    return documents


def add_to_corpus(document: NewsDocument, data: bytes, folder: str | Path, suffix: str) -> str:
    """Store ``document`` (its original bytes ``data``) in the corpus ``folder``.

    Returns
    -------
    str
        The stored id; a document already in the corpus (same sha256) is not stored twice.

    Raises
    ------
    CorpusError
        If ``folder`` exists and is not a folder.
    """
    # document.sha256 is that of the article's decoded text: the bytes must decode to it.
    text = decode_article(data, Path(document.id))
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != document.sha256:
        raise CorpusError(
            f"the bytes given are not those of {document.id} (sha256 differs); store the "
            "document with the data it was read from"
        )
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise CorpusError(f"corpus {root} is not a folder; give a folder with --corpus")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(
            f"cannot create corpus folder {root} ({exc.strerror or exc}); give another --corpus"
        ) from exc
    manifest = read_manifest(root)
    for entry in manifest["documents"]:
        if entry.get("sha256") == document.sha256:
            return str(entry["id"])
    doc_id = f"{len(manifest['documents']):03d}_{document.sha256[:16]}{suffix or '.txt'}"
    write_bytes_atomic(root / doc_id, data)
    entry = {**document.metadata(), "id": doc_id, "source_path": document.id}
    manifest["documents"].append(entry)
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_text_atomic(root / MANIFEST, text)
    return doc_id
