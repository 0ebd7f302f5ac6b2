"""Analyses kept on disk between commands, so a corpus is not read again for every article.

``caspian ingest``, ``mentions`` and ``conflicts`` need the analysis of every document of the
corpus; reading them all again took 5-7 CPU seconds for a corpus of 1,000 articles, so adding
articles one command at a time grew with the square of the corpus. An analysis is stored
under :func:`caspian.layers.io.cache.cache_root` ``/news-analyses/<reader version>/`` and
found again by its document's sha256 and format: the document's id (its path, which moves
with the corpus folder) is only copied into what the analysis found, and is filled in again.

The reader's version (:func:`reader_version`) is a digest of everything an analysis depends
on: the source files of :mod:`caspian.layers.news` and :mod:`caspian.layers.catalog`, the
catalog and gazetteer data, and the versions of the morphology and sentence libraries. It is
computed from the files themselves, so an edit to a rule or to the catalog is a new version
without anyone bumping a number.

An entry is plain JSON (no pickle: reading a cache file never runs code): a header line with
the reader's version, the document and the sha256 of the payload, then the payload. An entry
that is missing, truncated, corrupt, of another version or of another document is ignored and
the document analysed again. Entries are written atomically; a cache that cannot be written
(a read-only folder, a full disk) is skipped silently for the rest of the process: it only
saves time, and never changes what a command prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import sys
from array import array
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from caspian.geo.errors import InputError
from caspian.layers.io.cache import cache_root
from caspian.layers.io.errors import OutputError
from caspian.layers.io.fileio import InputFileError, read_input_bytes, write_bytes_atomic
from caspian.layers.news.analysis import Analysis, analyse
from caspian.layers.news.claims import Claim, SkippedFigure
from caspian.layers.news.documents import (
    NewsDocument,
    article_of_bytes,
    document_of_text,
    read_article_bytes,
    read_document,
    text_sha256,
)
from caspian.layers.news.mentions import Mention

logger = logging.getLogger(__name__)

#: Packages whose source files the analysis runs (the rules, the catalog and the seeds'
#: body rules) and the package of the data it reads.
READER_PACKAGES = ("caspian.layers.news", "caspian.layers.catalog")
DATA_PACKAGE = "caspian.layers.data"
DATA_SUFFIXES = (".json", ".geojson")
#: Libraries whose output a parsed document or an analysis keeps (lemmas, sentences, the
#: body of a saved page).
READER_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "razdel", "trafilatura", "lxml")
#: Largest entry written or read, bytes. The benchmark's 355,000-character article (291
#: claims) makes an entry of 0.38 MB with its document; a saved page about five bytes per
#: character of its HTML (the offset of each character of its text is kept).
MAX_ENTRY_BYTES = 64 * 1024 * 1024

_KINDS: dict[str, type[Any]] = {"mentions": Mention, "claims": Claim, "skipped": SkippedFigure}


class UnstorableError(TypeError):
    """A value the cache's JSON cannot carry back as the same object."""


def reader_files() -> list[tuple[str, Traversable]]:
    """The files an analysis depends on, as ``(package, file)``, in a fixed order."""
    files = [(package, item) for package in READER_PACKAGES
             for item in resources.files(package).iterdir() if item.name.endswith(".py")]
    files += [(DATA_PACKAGE, item) for item in resources.files(DATA_PACKAGE).iterdir()
              if item.name.endswith(DATA_SUFFIXES)]
    return sorted(files, key=lambda pair: (pair[0], pair[1].name))


def _file_bytes(item: Traversable) -> bytes:
    return item.read_bytes()


@cache
def reader_version() -> str:
    """Digest of everything an analysis depends on (24 hex digits), once per process (about
    10 ms: 4 MB of sources and data)."""
    digest = hashlib.sha256()
    for package, item in reader_files():
        data = _file_bytes(item)
        digest.update(f"{package}/{item.name} {len(data)}\n".encode())
        digest.update(data)
    for library in READER_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library} {version}\n".encode())
    digest.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    return digest.hexdigest()[:24]


def cache_folder() -> Path:
    """Where analyses are cached, one sub-folder per reader version (not created here).

    Raises
    ------
    InputError
        ``$CASPIAN_CACHE_DIR`` or ``$XDG_CACHE_HOME`` is unusable (see
        :func:`caspian.layers.io.cache.cache_root`).
    """
    return cache_root() / "news-analyses"


def _identity(document: NewsDocument) -> dict[str, str]:
    return {"reader": reader_version(), "kind": "analysis", "sha256": document.sha256,
            "format": document.format}


def _entry_name(identity: dict[str, str]) -> str:
    who = "\0".join(f"{key}={identity[key]}" for key in sorted(identity) if key != "reader")
    return f"{hashlib.sha256(who.encode('utf-8')).hexdigest()[:32]}.json"


def entry_path(document: NewsDocument, folder: Path) -> Path:
    """The cache file of ``document``'s analysis under ``folder``."""
    return folder / reader_version() / _entry_name(_identity(document))


def _document_identity(
    sha256: str, fmt: str | None, suffix: str, encoding: str | None
) -> dict[str, str]:
    return {"reader": reader_version(), "kind": "document", "sha256": sha256,
            "format": fmt or "", "suffix": suffix, "encoding": encoding or ""}


def _entry(identity: dict[str, str], payload: Any) -> bytes:
    """A header line (what the entry is of, and the sha256 of the payload), then the
    payload."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {**identity, "payload": hashlib.sha256(body).hexdigest()}
    return json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + body


def _payload(data: bytes, identity: dict[str, str]) -> Any:
    """The payload of an entry of ``identity``; None when the entry is truncated, corrupt or
    of something else.

    Raises
    ------
    ValueError
        If the header or the payload is not JSON.
    """
    head, newline, body = data.partition(b"\n")
    header = json.loads(head)
    if (not newline or not isinstance(header, dict)
            or header.get("payload") != hashlib.sha256(body).hexdigest()
            or {key: header.get(key) for key in identity} != identity):
        return None
    return json.loads(body)


def _encoded(value: Any) -> Any:
    """``value`` as JSON that :func:`_decoded` turns back into an equal value of the same
    types: tuples, arrays and dicts whose keys are not text are tagged."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        if not math.isfinite(value):
            return {"~float": repr(value)}
        return value
    if kind is list:
        return [_encoded(item) for item in value]
    if kind is tuple:
        return {"~tuple": [_encoded(item) for item in value]}
    if kind is array:  # an HTML page's offsets (documents.NewsDocument.origins)
        return {"~array": [value.typecode, value.tolist()]}
    if kind is dict:
        if all(type(key) is str and not key.startswith("~") for key in value):
            return {key: _encoded(item) for key, item in value.items()}
        return {"~dict": [[_encoded(key), _encoded(item)] for key, item in value.items()]}
    raise UnstorableError(f"{kind.__name__} is not stored in the analysis cache")


def _decoded(value: Any) -> Any:
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "~tuple":
            return tuple(_decoded(item) for item in inner)
        if tag == "~array":
            typecode, items = inner
            return array(typecode, items)
        if tag == "~dict":
            return {_decoded(key): _decoded(item) for key, item in inner}
        if tag == "~float":
            return float(inner)
    return {key: _decoded(item) for key, item in value.items()}


def _analysis_payload(analysis: Analysis) -> dict[str, Any]:
    own = analysis.document.id
    if any(item.document != own for name in _KINDS for item in getattr(analysis, name)):
        raise UnstorableError(f"an item of {own}'s analysis names another document")
    return {
        name: [{field.name: _encoded(getattr(item, field.name))
                for field in dataclasses.fields(item) if field.name != "document"}
               for item in getattr(analysis, name)]
        for name in _KINDS
    }


def _analysis_of(payload: dict[str, Any], document: NewsDocument) -> Analysis:
    parts = {name: tuple(kind(document=document.id, **_decoded(item)) for item in payload[name])
             for name, kind in _KINDS.items()}
    return Analysis(document, parts["mentions"], parts["claims"], parts["skipped"])


_BAD_ENTRY = (ValueError, TypeError, KeyError, AttributeError, RecursionError)


def encode_analysis(analysis: Analysis) -> bytes:
    """The cache entry of ``analysis``.

    Raises
    ------
    UnstorableError
        If a value would not come back as the same object.
    """
    return _entry(_identity(analysis.document), _analysis_payload(analysis))


def decode_analysis(data: bytes, document: NewsDocument) -> Analysis | None:
    """The analysis of ``document`` an entry holds; None when the entry is truncated, corrupt,
    of another reader version or of another document."""
    try:
        payload = _payload(data, _identity(document))
        return None if payload is None else _analysis_of(payload, document)
    except _BAD_ENTRY:
        return None


#: What a document entry keeps: all but what the file gives again (its text, its sha256)
#: and its path (which moves with the corpus).
_DOCUMENT_FIELDS = tuple(field.name for field in dataclasses.fields(NewsDocument)
                         if field.name not in ("id", "original", "sha256"))


def encode_document(
    document: NewsDocument, identity: dict[str, str], analysis: Analysis | None = None
) -> bytes:
    """The cache entry of a parsed ``document`` (the plain text is not kept twice) and, when
    given, its analysis.

    Raises
    ------
    UnstorableError
        If a value would not come back as the same object.
    """
    fields = {name: _encoded(getattr(document, name)) for name in _DOCUMENT_FIELDS}
    if document.text == document.original:
        fields["text"] = None
    return _entry(identity, {"document": fields, "analysis": None if analysis is None
                             else _analysis_payload(analysis)})


def decode_document(
    data: bytes, identity: dict[str, str], original: str, path: str
) -> tuple[NewsDocument, Analysis | None] | None:
    """The document of the file ``path`` (whose text is ``original``) an entry holds, and its
    analysis when the entry holds one; None when the entry is truncated, corrupt or of
    something else."""
    try:
        payload = _payload(data, identity)
        if payload is None:
            return None
        fields = {name: _decoded(payload["document"][name]) for name in _DOCUMENT_FIELDS}
        if fields["text"] is None:
            fields["text"] = original
        document = NewsDocument(id=path, original=original, sha256=identity["sha256"], **fields)
        stored = payload["analysis"]
        return document, None if stored is None else _analysis_of(stored, document)
    except _BAD_ENTRY:
        return None


class AnalysisCache:
    """Analyses read from and written to one cache folder.

    Parameters
    ----------
    folder : path, optional
        The cache folder (:func:`cache_folder` by default); None with ``enabled=False``
        analyses everything and writes nothing.
    enabled : bool
    """

    def __init__(self, folder: str | Path | None = None, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._folder = Path(folder) if folder is not None else None
        self.read = self.written = 0
        # By id(): documents hold dicts, so they cannot be hashed; each value keeps its
        # document alive, so an id is not reused while it is here.
        self._analysed: dict[int, Analysis] = {}
        self._unstored: dict[int, tuple[NewsDocument, dict[str, str], Path]] = {}

    def _root(self) -> Path | None:
        if self._folder is None:
            try:
                self._folder = cache_folder()
            except InputError as exc:
                # An unusable variable is the sea router's error to report; here it only
                # means no cache.
                logger.debug("news analyses not cached: %s", exc)
                self.enabled = False
                return None
        return self._folder

    def read_document(self, path: str | Path, fmt: str | None = None) -> NewsDocument:
        """The document of the article file ``path`` (see
        :func:`~caspian.layers.news.documents.read_document`), parsed from the cache when an
        entry of this reader holds it. The entry keeps the document's analysis too: one file
        per article, written once :meth:`analyse` has it.

        Raises
        ------
        NewsInputError
            As :func:`~caspian.layers.news.documents.read_document`.
        """
        root = self._root() if self.enabled else None
        if root is None:
            return read_document(path, fmt)
        original, encoding = article_of_bytes(read_article_bytes(path), path)
        identity = _document_identity(text_sha256(original), fmt, Path(path).suffix, encoding)
        entry = root / reader_version() / _entry_name(identity)
        data = self._load(entry)
        found = None if data is None else decode_document(data, identity, original, str(path))
        if found is not None and found[1] is not None:
            self.read += 1
            self._analysed[id(found[0])] = found[1]
            return found[0]
        document = document_of_text(original, encoding, path, fmt)
        self._unstored[id(document)] = (document, identity, entry)
        return document

    def analyse(self, document: NewsDocument) -> Analysis:
        """``document``'s analysis, from the cache when an entry of this reader holds it."""
        known = self._analysed.pop(id(document), None)
        if known is not None and known.document is document:
            return known
        root = self._root() if self.enabled else None
        if root is None:
            return analyse(document)
        unstored = self._unstored.pop(id(document), None)
        if unstored is not None and unstored[0] is document:
            # A file read by read_document: its document and analysis make one entry.
            analysis = analyse(document)
            _, identity, path = unstored
            self._keep(path, lambda: encode_document(document, identity, analysis),
                       lambda data: decode_document(data, identity, document.original,
                                                    document.id) == (document, analysis))
            return analysis
        path = entry_path(document, root)
        data = self._load(path)
        found = None if data is None else decode_analysis(data, document)
        if found is not None:
            self.read += 1
            return found
        analysis = analyse(document)
        self._keep(path, lambda: encode_analysis(analysis),
                   lambda data: decode_analysis(data, document) == analysis)
        return analysis

    def _keep(
        self, path: Path, encode: Callable[[], bytes], reads_back: Callable[[bytes], bool]
    ) -> None:
        """Write the entry ``encode()`` gives, if it reads back as what it holds: the cache
        must never change a result."""
        try:
            data = encode()
        except UnstorableError as exc:
            logger.debug("%s not cached: %s", path.name, exc)
            return
        if len(data) > MAX_ENTRY_BYTES:
            logger.debug("%s not cached: %d bytes", path.name, len(data))
        elif reads_back(data):
            self._write(path, data)
        else:
            logger.debug("%s not cached: it does not read back equal", path.name)

    def analyse_all(self, documents: Iterable[NewsDocument]) -> list[Analysis]:
        """The analyses of ``documents``, in order."""
        return [self.analyse(document) for document in documents]

    @staticmethod
    def _load(path: Path) -> bytes | None:
        """The entry at ``path``; None when it is missing, unreadable, not a regular file (a
        FIFO put in the cache must not hang the command) or larger than an entry can be:
        the document is analysed again."""
        try:
            # edited: the entry may be written over (an entry that does not decode)
            return read_input_bytes(path, MAX_ENTRY_BYTES, edited=True)
        except InputFileError:
            return None

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, data)
        except (OSError, OutputError) as exc:
            # Debug, not a warning: the command's output must not depend on the cache, and a
            # read-only folder would say so once per document.
            logger.debug("news analyses not cached at %s: %s", path.parent, exc)
            self.enabled = False
            return
        self.written += 1
