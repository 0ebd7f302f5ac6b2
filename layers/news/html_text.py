"""The visible text of a saved HTML page, every character tied to its offset in the file.

:func:`project_html` turns markup into text (block elements become line breaks, entities are
decoded, ``script``/``style``/``head`` are dropped) and keeps, for each text character, where it
came from in the original file, so a mention found in the text is cited at its place in the
page. :func:`main_text_spans` then asks trafilatura (a maintained boilerplate remover, offline)
which paragraphs are the article, and finds each of them in the projected text: menus, tickers,
related-news lists and cookie notes stay out because trafilatura leaves them out. A page whose
visible body is filled by script keeps its article in its JSON-LD (``"articleBody"``), which
trafilatura reads: that text, decoded with each character's offset in the file, is searched
when the visible text holds none of the article.
"""

from __future__ import annotations

import html
import logging
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

import numpy as np

logger = logging.getLogger(__name__)

_SKIPPED = {"script", "style", "template", "head", "svg", "iframe"}
# What a <head> holds; any other element opens the body, </head> or not (HTML5 lets a page
# leave it out, and minifiers do).
_HEAD_CONTENT = {"meta", "title", "link", "style", "script", "noscript", "base", "template"}
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "main", "table", "tr", "td", "th",
    "blockquote", "figure", "figcaption", "form", "title", "time", "dd", "dt",
}  # fmt: skip


@dataclass(frozen=True)
class HtmlText:
    """Projected text of a page."""

    #: The visible text, with a line break for every block element.
    text: str
    #: ``origins[i]`` is the offset in the original file of ``text[i]`` (8 bytes each: a
    #: page of readers' comments projects to millions of characters).
    origins: Sequence[int]
    #: The ``<title>`` or first ``<h1>`` text.
    title: str | None
    #: ``<meta>`` properties and names (``og:site_name``, ``article:published_time``).
    meta: dict[str, str]
    #: The ``articleBody`` strings of the page's JSON-LD, decoded, one per line.
    embedded_text: str = ""
    #: ``embedded_origins[i]`` is the offset in the original file of ``embedded_text[i]``.
    embedded_origins: tuple[int, ...] = ()


class _Projector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.pieces: list[str] = []
        self.origins = array("q")
        self.last_char = ""
        self.skip_depth = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.in_json_ld = False
        self.in_head = False
        self.head_noscript = 0  # depth of <noscript> inside <head>
        self.embedded: list[str] = []
        self.embedded_origins: list[int] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _emit(self, text: str, origin: int, exact: bool) -> None:
        if self.in_title:
            self.title_parts.append(text)
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(text)
        if not text:
            return
        self.pieces.append(text)
        self.origins.extend(range(origin, origin + len(text)) if exact else [origin] * len(text))
        self.last_char = text[-1]

    def _break(self) -> None:
        if not self.skip_depth and self.last_char and self.last_char != "\n":
            self.pieces.append("\n")
            self.origins.append(self._offset())
            self.last_char = "\n"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_head and not self.head_noscript and tag not in _HEAD_CONTENT:
            self.handle_endtag("head")  # the body's first element closes a head left open
        if self.in_head and tag == "noscript":
            # a browser running scripts reads it as text: its tracking <img> closes no head
            self.head_noscript += 1
        if tag == "head":
            self.in_head = True
        if tag == "meta":
            values = dict(attrs)
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), str(values["content"]))
            return
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self.in_json_ld = kind.strip().lower() == "application/ld+json"
        if tag in _SKIPPED:
            self.skip_depth += 1
        if tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            if not self.in_head:
                return  # closed already, by the body's first element
            self.in_head = False
            self.head_noscript = 0
        if tag == "noscript" and self.head_noscript:
            self.head_noscript -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag == "script":
            self.in_json_ld = False
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            _decode_article_bodies(data, self._offset(), self.embedded, self.embedded_origins)
        self._emit(data, self._offset(), exact=True)

    def handle_entityref(self, name: str) -> None:
        self._emit(html.unescape(f"&{name};"), self._offset(), exact=False)

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"), self._offset(), exact=False)


def project_html(source: str) -> HtmlText:
    """Project the HTML page ``source`` to text with per-character origins."""
    parser = _Projector(source)
    parser.feed(source)
    parser.close()
    title = " ".join("".join(parser.title_parts).split()) or None
    h1 = " ".join("".join(parser.h1_parts).split()) or None
    return HtmlText("".join(parser.pieces), parser.origins, h1 or title, parser.meta,
                    "".join(parser.embedded), tuple(parser.embedded_origins))


_ARTICLE_BODY = re.compile(r'"articleBody"\s*:\s*"')
_JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _decode_article_bodies(data: str, base: int, chars: list[str], origins: list[int]) -> None:
    """Append to ``chars`` each ``"articleBody"`` string of the JSON-LD text ``data`` (which
    starts at offset ``base`` of the file) decoded, a line break after it, and to ``origins``
    each character's offset in the file (an escape's backslash for an escaped one)."""
    for match in _ARTICLE_BODY.finditer(data):
        position = match.end()
        while position < len(data) and data[position] != '"':
            char, size = data[position], 1
            if char == "\\":
                escape = data[position + 1:position + 2]
                if escape == "u":
                    char, size = _unicode_escape(data, position)
                else:
                    char, size = _JSON_ESCAPES.get(escape, escape), 2
                if not char:
                    break  # not JSON: what was decoded stays
            chars.append(char)
            origins.append(base + position)
            position += size
        chars.append("\n")
        origins.append(base + position)


def _unicode_escape(data: str, position: int) -> tuple[str, int]:
    """The character of the JSON escape ``\\uXXXX`` at ``data[position]`` (a surrogate pair
    as one character, a lone surrogate as U+FFFD) and its length; ``("", 0)`` if malformed."""
    digits = data[position + 2:position + 6]
    if not _HEX4.fullmatch(digits):
        return "", 0
    code = int(digits, 16)
    if not 0xD800 <= code <= 0xDFFF:
        return chr(code), 6
    low = data[position + 8:position + 12]
    if (code < 0xDC00 and data[position + 6:position + 8] == "\\u" and _HEX4.fullmatch(low)
            and 0xDC00 <= int(low, 16) <= 0xDFFF):
        return chr(0x10000 + ((code - 0xD800) << 10) + int(low, 16) - 0xDC00), 12
    return "\ufffd", 6


_HEX4 = re.compile("[0-9A-Fa-f]{4}")


_SPACES = re.compile(r"\s+")


def _normalised(text: str) -> tuple[str, np.ndarray]:
    """``text`` with white-space runs folded to one space (a leading run dropped), and each
    kept character's index in it."""
    # re's \s is str.isspace() and str.split()'s white space
    kept = np.ones(len(text), dtype=bool)
    for run in _SPACES.finditer(text):
        kept[run.start() + (run.start() > 0):run.end()] = False
    normal = _SPACES.sub(" ", text)
    return normal.removeprefix(" ") if text[:1].isspace() else normal, np.flatnonzero(kept)


def main_text_spans(source: str, projected: str) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Article paragraphs of an HTML page as ranges of its projected text.

    Parameters
    ----------
    source : str
        The original HTML.
    projected : str
        Its :func:`project_html` text.

    Returns
    -------
    spans : list of (int, int)
        Half-open ranges of ``projected``, in order, one per article paragraph.
    metadata : dict
        ``title``, ``sitename`` and ``date`` as trafilatura reads them (missing keys omitted;
        the date from the page's markup only).
    """
    paragraphs, metadata = article_paragraphs(source)
    return locate_paragraphs(paragraphs, projected), metadata


def article_paragraphs(source: str) -> tuple[list[str], dict[str, str]]:
    """The article's paragraphs as trafilatura reads them from the HTML page ``source``, and
    its ``title``, ``sitename`` and ``date`` (see :func:`main_text_spans`)."""
    # slow import: lxml and justext
    import trafilatura

    # htmldate's extensive search guesses a day from any year in the text ("в 2025 году"
    # became 2025-01-01): the page's markup alone may give a date; the text's own dateline
    # is read by dates.publication_date.
    extracted = trafilatura.bare_extraction(
        source,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None:
        return [], {}
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    metadata = {key: str(data[key]) for key in ("title", "sitename", "date") if data.get(key)}
    return str(data.get("text") or "").split("\n"), metadata


def locate_paragraphs(paragraphs: list[str], projected: str) -> list[tuple[int, int]]:
    """Each of ``paragraphs`` found in ``projected`` (white space folded, in order) as a
    half-open range of it; a paragraph not found is left out."""
    normal, index = _normalised(projected)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for paragraph in paragraphs:
        wanted = " ".join(paragraph.split())
        if not wanted:
            continue
        found = normal.find(wanted, cursor)
        if found < 0:
            logger.debug("paragraph not found in the page text: %.60s", wanted)
            continue
        start, end = int(index[found]), int(index[found + len(wanted) - 1]) + 1
        spans.append((start, end))
        cursor = found + len(wanted)
    return spans
