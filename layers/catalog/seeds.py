"""The seed corpus: Russian-language news articles that the catalog cites.

The documents ship inside the package (``caspian.seeds``) byte for byte as they were collected,
with ``manifest.json`` describing each. :func:`load_seed` returns the original text and a
*body* with page boilerplate removed (the ``date`` header, currency tickers, "related news"
lists, cookie notes); every body character keeps its offset into the original, so a quote
found in the body can be cited by its position in the untouched file.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from caspian.geo.arguments import text
from caspian.layers.catalog.errors import SeedError
from caspian.layers.io.packaged import packaged_json

SEED_PACKAGE = "caspian.seeds"

# A header the collector put before the article: " date 2025-10-27 ".
_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
# A currency-ticker line such as "  • € 1.9811".
_TICKER = re.compile(r"^\s*•\s*[$€₽₺£₼¥]\s*[\d.,]+\s*$")
# Headings after which a news page lists other stories until its end.
_TRAILERS = ("Похожие новости", "Последние новости", "Читайте также", "Related news")
# A line that teases another story, its headline after the colon: "Читайте также: Германия
# выделит 130 миллионов евро …" (a news page's aside, no article text).
_TEASER = re.compile(r"^\s*(?:Читайте|Смотрите)\s+также\s*:")
_COOKIE = re.compile(r"cookie|куки", re.IGNORECASE)
#: The words of :data:`_COOKIE` in lower case, found in a text lowered.
_COOKIE_WORDS = ("cookie", "куки")
#: The one letter ``re.IGNORECASE`` takes for a letter of those words that ``str.lower`` does
#: not lower to it: the dotless "ı" for "i" (the dotted "İ" lowers to two characters).
_COOKIE_ODD = "ı"
# A dateline printed in the page, "22.10.2025 09:20": metadata, not article text.
_DATELINE = re.compile(r"^\s*\d{2}\.\d{2}\.\d{4}(\s+\d{2}:\d{2})?\s*$")


@dataclass(frozen=True)
class SeedDocument:
    """One source document."""

    #: The file name, e.g. ``"003_833792392fde0c57.txt"``.
    id: str
    #: From the manifest.
    outlet: str
    #: From the manifest.
    title: str | None
    #: From the manifest, ISO 8601.
    date: str
    #: From the manifest: ``"header"`` or ``"inline"``.
    date_source: str
    #: From the manifest.
    language: str
    #: People whose words the article quotes.
    people_quoted: tuple[str, ...]
    #: The original file, decoded as UTF-8.
    text: str
    #: Half-open ranges of ``text`` that are article body; the rest is boilerplate.
    body_spans: tuple[tuple[int, int], ...]
    #: The whole manifest entry.
    meta: Mapping[str, Any]

    @property
    def body(self) -> str:
        """The article without boilerplate (spans joined by a newline)."""
        return "\n".join(self.text[start:end] for start, end in self.body_spans)

    def body_offset_to_original(self, index: int) -> int:
        """Map an index into :attr:`body` to the same character's index in :attr:`text`."""
        consumed = 0
        for start, end in self.body_spans:
            length = end - start
            if index < consumed + length:
                return start + index - consumed
            consumed += length + 1  # the joining newline
        raise IndexError(f"body index {index} is past the end of {self.id}'s body")

    def in_body(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside one body span (not in boilerplate)."""
        return any(s <= start and end <= e for s, e in self.body_spans)


def _cookie_starts(text: str, position: int) -> list[int]:
    """Where a match of :data:`_COOKIE` starts in ``text`` from ``position`` on, in order.

    The text lowered once and searched for each word (a pattern that ignores case is tried at
    every character: three times as long over a long article); the two letters the pattern
    reads as "i" and lowering does not lower to it (the dotted capital "İ", lowered to two
    characters, and the dotless "ı") are made "i" first. Neither word can overlap itself or
    the other, so every place of one is a match."""
    lowered = text.lower()
    if len(lowered) != len(text) or _COOKIE_ODD in text:
        # Each of the two: read as the "i" the pattern takes it for ("İ", the one character
        # lowered to two, is the dotted capital): the lowered text keeps the text's offsets
        # and holds the words where the pattern finds them (tests/test_seeds.py).
        lowered = text.replace("İ", "i").replace(_COOKIE_ODD, "i").lower()
    found: list[int] = []
    for word in _COOKIE_WORDS:
        at = lowered.find(word, position)
        while at >= 0:
            found.append(at)
            at = lowered.find(word, at + len(word))
    return sorted(found)


def body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Find the article body of a page as ranges of ``text``.

    Parameters
    ----------
    text : str
        A whole seed document.

    Returns
    -------
    tuple of (int, int)
        Half-open, ordered, non-overlapping ranges, one per body line with its surrounding
        white space trimmed. Left out: the collector's ``date`` header, currency tickers,
        datelines, a headline (no full stop at its end) repeated on the next line, cookie
        notes, a line teasing another story ("Читайте также: …"), and everything from a
        "related news" heading to the end.
    """
    spans: list[tuple[int, int]] = []
    previous = None
    header = _HEADER.match(text)
    position = header.end() if header else 0
    # The cookie notes, found in one scan of the text, not one per line (a match lies in one
    # line: the pattern holds no line break); each line asks whether one starts in it.
    cookies = _cookie_starts(text, position)
    for line in text[position:].splitlines(keepends=True):
        start, end = position, position + len(line)
        position = end
        stripped = line.strip()
        if stripped in _TRAILERS:
            break
        cookie = bisect.bisect_left(cookies, start) < bisect.bisect_left(cookies, end)
        if not stripped or _TICKER.match(line) or cookie or _DATELINE.match(line):
            continue
        if _TEASER.match(line):
            continue
        if stripped == previous and not stripped.endswith("."):
            # pages print their headline twice; a paragraph printed twice (it ends with a
            # full stop, as no headline does) is the article's text both times, as its
            # annotation reads it (held274, held596)
            continue
        previous = stripped
        lead = len(line) - len(line.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
    return tuple(spans)


@cache
def _manifest() -> dict[str, dict[str, Any]]:
    path = resources.files(SEED_PACKAGE) / "manifest.json"
    documents = packaged_json(path, f"seed manifest {path}", SeedError, "documents")
    return {entry["id"]: entry for entry in documents}


def seed_ids() -> list[str]:
    """Ids (file names) of every seed document, in manifest order."""
    return list(_manifest())


def load_seed(seed_id: str) -> SeedDocument:
    """Load one seed document by its file name (cached: the same object each time).

    Raises
    ------
    ArgumentError
        If ``seed_id`` is not a string.
    SeedError
        If the id is not in the manifest or its file is missing.
    """
    # checked before the cache, which would fail on a list with "unhashable type"
    return _load_seed(text(seed_id, "seed_id", "a seed file name, e.g. seed_ids()[0]"))


@cache
def _load_seed(seed_id: str) -> SeedDocument:
    entries = _manifest()
    if seed_id not in entries:
        raise SeedError(f"unknown seed {seed_id!r}; valid seeds: {', '.join(entries)}")
    meta = entries[seed_id]
    try:
        text = (resources.files(SEED_PACKAGE) / seed_id).read_text(encoding="utf-8")
    except OSError as exc:
        raise SeedError(f"seed file {seed_id} is missing ({exc}); reinstall caspian-gis") from exc
    return SeedDocument(
        id=seed_id,
        outlet=meta["outlet"],
        title=meta.get("title"),
        date=meta["date"],
        date_source=meta["date_source"],
        language=meta["language"],
        people_quoted=tuple(meta.get("people_quoted", ())),
        text=text,
        body_spans=body_spans(text),
        meta=MappingProxyType(copy.deepcopy(meta)),  # documents are cached and shared: read-only
    )


def load_seeds() -> list[SeedDocument]:
    """Load every seed document, in manifest order."""
    return [load_seed(seed_id) for seed_id in seed_ids()]


def normalise_whitespace(text: str) -> str:
    """Collapse every run of white space to one space and trim the ends."""
    return " ".join(text.split())
