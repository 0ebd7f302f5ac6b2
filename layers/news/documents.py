"""An ingested news article: its text, body, sentences and metadata.

A plain-text page keeps its text as is; its body is found by the seed corpus's own rules
(:func:`caspian.layers.catalog.seeds.body_spans`: collector header, currency tickers, datelines, a
repeated headline, cookie notes and related-news trailers are left out). A saved HTML page is
projected to text with each character's offset in the file (:mod:`.html_text`) and its body is
what trafilatura keeps. Every offset a caller sees (:meth:`NewsDocument.original_span`) points
into the original file.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import dataclasses
import hashlib
import itertools
import os
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
from caspian.layers.catalog.seeds import body_spans
from caspian.layers.io.fileio import InputFileError, read_input_bytes
from caspian.layers.news import dates, html_text, text
from caspian.layers.news._errors import NewsInputError
from caspian.layers.news.gazetteer import load_gazetteer
from caspian.layers.news.text import WordList

FORMATS = ("text", "html")
# A web address as typed ("https://…", "www.…"); a path object turns "//" into "/".
_URL = re.compile(r"\A(?:[a-z][a-z0-9+.-]*:/|www\.)", re.I)
_FILE_URL = re.compile(r"\Afile:/", re.I)
# Markup an HTML page opens with, perhaps after XHTML's XML declaration or comments (Internet
# Explorer's "<!-- saved from url=(0034)https://… -->").
_HTML_HINT = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"
    r"(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p\b)", re.I | re.S)
# An element's tag, a comment or a doctype: what markup is made of.
_TAG = re.compile(r"<(?:[A-Za-z][\w:-]*[\s/>]|/[A-Za-z]|!)")
# A news feed, not an article: its root element after the XML declaration and comments.
_FEED = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)\b",
    re.S)
_FEED_KINDS = {"rss": "RSS", "rdf:RDF": "RSS", "feed": "Atom"}
# A web archive (.mhtml, .mht): MIME headers, the page inside quoted-printable or base64.
_MIME_HEADER = re.compile(rb"\A[A-Za-z][\w-]*:[ \t]")
_MULTIPART = re.compile(rb"^Content-Type:\s*multipart/related", re.I | re.M)
#: Leading bytes of the files given to ingest instead of an article, and what to do instead.
_OTHER_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip {name}) and give the page"),
    (b"%PDF-", "a PDF document; save its text as .txt (pdftotext {name} article.txt) and give "
     "that"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 (or other old Office) document; save "
     "the article as plain text (.txt) and give that"),
    (b"{\\rtf", "an RTF document; save the article as plain text (.txt) and give that"),
)
# Characters of a Russian, Azerbaijani or Turkish article: ASCII, Latin-1 to Cyrillic, general
# punctuation ("—", "«»" are Latin-1), "№" and currency signs; anything else in a text read as
# UTF-16 without a byte order mark says the bytes are not UTF-16 text.
_NOT_ARTICLE_CHARACTER = re.compile(
    "[^\t\n\r\f\x20-\x7e\u00a0-\u052f\u2000-\u206f\u2116\u20ac-\u20bf]")
#: Share of a UTF-16 reading's characters that may be outside an article's (an emoji, a sign).
MAX_UTF16_STRANGE_SHARE = 0.01
# Letters as ranges of UTF-16 code units: Cyrillic "А"-"я", "Ё", "ё"; Latin "A"-"Z", "a"-"z".
_CYRILLIC = ((0x410, 0x44F), (0x401, 0x401), (0x451, 0x451))
_LATIN = ((0x41, 0x5A), (0x61, 0x7A))
_ATTRIBUTION = re.compile(
    r"(?:сообща(?:ет|ют)|переда(?:ет|ёт)|пишет|корреспондент[а-я]*|в\s+комментарии|"
    r"в\s+интервью|по\s+данным|reports?|told)\s+([A-Z][\w-]*(?:\.[A-Za-z]{2,})+|[A-Z]{2,}[\w.]*)"
)


# A photo's caption credited to the agency that took it, closing its line: "Железнодорожные
# пути, архивное фото - Sputnik Таджикистан".
_PHOTO_CREDIT = re.compile(r"\s[-–—]\s*Sputnik(?:\s+[А-ЯЁ][а-яё]+)?\s*\Z")
# How a line of the article's own text ends: a sentence's closing mark, perhaps in quotes.
_SENTENCE_END = re.compile(r"[.!?…][»\"”)]*\s*\Z|[:»\"”]\s*\Z")


def _without_stories_under_photos(
    value: str, body: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """``body`` without a photo's caption credited to its agency with the line right under it
    when that ends with no sentence's closing mark: the caption and headline of another story
    the page links there ("Железнодорожные пути, архивное фото - Sputnik Таджикистан" / "АБР
    выделит 2 миллиона долларов на развитие железных дорог в странах ЦАРЭС", held698;
    "Строительство железной дороги Баку-Тбилиси-Карс - Sputnik Азербайджан" / "Баку поможет
    защитить от пиратов идущие из Китая в Турцию грузы", held753), whose names and figures
    are not the article's."""
    linked = {
        number
        for number, (start, end) in enumerate(body[:-1])
        if _PHOTO_CREDIT.search(value, start, end)
        and not _SENTENCE_END.search(value, *body[number + 1])
    }
    # a caption with no linked headline under it is the article's own photo's: kept
    dropped = {body[number] for number in linked} | {body[number + 1] for number in linked}
    return tuple(span for span in body if span not in dropped) if dropped else body


@dataclass(frozen=True)
class NewsDocument:
    """One article as the news reader sees it."""

    #: File name (corpus documents) or the path given.
    id: str
    #: ``"text"`` or ``"html"``.
    format: str
    #: The file as read (UTF-8).
    original: str
    #: The analysed text: ``original`` for plain text, the projected text for HTML.
    text: str
    #: For HTML, ``origins[i]`` is the offset in ``original`` of ``text[i]``.
    origins: Sequence[int] | None
    #: Article paragraphs as ranges of ``text``.
    body_spans: tuple[tuple[int, int], ...]
    #: Sentences of the body (razdel), ranges of ``text``; a sentence never crosses a
    #: paragraph.
    sentences: tuple[tuple[int, int], ...]
    #: Metadata.
    title: str | None
    #: Metadata.
    outlet: str | None
    #: Metadata, ISO 8601.
    date: str | None
    date_source: str | None
    #: The text that states the date.
    date_evidence: str | None
    #: Metadata.
    language: str
    #: Of the original bytes.
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def body_words(self) -> tuple[WordList, ...]:
        """The words of each body paragraph (tokenized once, for every reader)."""
        return tuple(text.word_list(self.text, start, end) for start, end in self.body_spans)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        # bisected as numbers: a sentence is looked up for every mention and claim
        return [start for start, _ in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [start for start, _ in self.body_spans]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original file of ``text[start:end]``."""
        if self.origins is None:
            return start, end
        return self.origins[start], self.origins[end - 1] + 1

    def sentence_index(self, position: int) -> int | None:
        """Index of the sentence holding ``text[position]``, else ``None``."""
        return _containing(self.sentences, self._sentence_starts, position)

    def paragraph_index(self, position: int) -> int | None:
        """Index of the body paragraph holding ``text[position]``, else ``None``."""
        return _containing(self.body_spans, self._paragraph_starts, position)

    def metadata(self) -> dict[str, Any]:
        """Metadata in the shape of a ``seeds/manifest.json`` entry (:data:`MANIFEST_FIELDS`)."""
        return {name: getattr(self, name) for name in MANIFEST_FIELDS}


#: The attributes of a document that its ``seeds/manifest.json`` entry holds, in that order.
MANIFEST_FIELDS = ("id", "format", "outlet", "title", "date", "date_source", "date_evidence",
                   "language", "sha256")


def _containing(
    spans: Sequence[tuple[int, int]], starts: Sequence[int], position: int
) -> int | None:
    """Index of the span of ordered, disjoint ``spans`` (which start at ``starts``) that
    holds ``position``."""
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return index
    return None


def detect_format(original: str, suffix: str = "") -> str:
    """``"html"`` for text that starts with markup, or a ``.html``/``.htm`` file holding a tag
    anywhere, else ``"text"`` (an article's text saved under an HTML name)."""
    if _HTML_HINT.match(original) or (
        suffix.lower() in (".html", ".htm", ".xhtml") and _TAG.search(original)
    ):
        return "html"
    return "text"


def detect_language(sample: str) -> str:
    """``"ru"`` when most letters are Cyrillic, ``"en"`` when most are Latin, else ``"und"``."""
    # Counted on the text's UTF-16 code units in one vectorised pass (a regular expression
    # took thirty times as long over a long article); a character beyond the BMP is two
    # surrogate units, neither of them a letter here.
    codes = np.frombuffer(sample.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    cyrillic, latin = _count_in(codes, _CYRILLIC), _count_in(codes, _LATIN)
    if cyrillic + latin == 0:
        return "und"
    return "ru" if cyrillic >= latin else "en"


def _count_in(codes: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> int:
    """How many of ``codes`` fall in one of the inclusive ``ranges``."""
    inside = np.zeros(codes.shape, dtype=bool)
    for low, high in ranges:
        inside |= (codes >= low) & (codes <= high)
    return int(np.count_nonzero(inside))


def _lines(value: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in value.splitlines(keepends=True):
        spans.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    return spans


def _text_title(value: str) -> str | None:
    """A headline printed twice in a row, as news pages do (the body keeps one copy)."""
    # Only the first 13 lines that hold text are read: a long article is not stripped whole.
    stripped = (line.strip() for line in value.splitlines())
    lines = list(itertools.islice(filter(None, stripped), 13))
    for first, second in itertools.pairwise(lines):
        if first == second and len(first.split()) >= 3:
            return first
    return None


def _outlet(value: str, known: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The outlet named in an attribution ("сообщает Zakon.kz"), else a known outlet's name."""
    for match in _ATTRIBUTION.finditer(value):
        name = match.group(1).rstrip(".,")
        for outlet, names in known:
            if name.lower() in (alias.lower() for alias in names):
                return outlet
        if "." in name:
            return name
    for outlet, names in known:
        for alias in names:
            # the plain substring first: most pages name none of the outlets
            if alias in value and re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", value):
                return outlet
    return None


# A JSON-LD publication date: '"datePublished": "2018-05-14T09:00:00+04:00"'.
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,40})"')
#: ``<meta>`` names (lowercased) of the day a page was last updated, not published.
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                  "dcterms.modified")


def _update_stamp_only(day: str, meta: dict[str, str], original: str) -> bool:
    """Whether ``day``, the date trafilatura read from a page's markup, is only the day the
    page was last updated (a CMS migration stamps every archived page with the day it ran):
    a modification meta gives it, and nothing in the page marks a publication (a meta named
    for it, a ``<time datetime>`` of that day)."""
    if day not in {meta[key][:10] for key in _MODIFIED_META if key in meta}:
        return False
    if any("publish" in key or "pubdate" in key or key.endswith(("date.issued", "date.created"))
           for key in meta):
        return False
    return re.search(rf"<time\b[^>]*datetime=[\"']?{day}", original) is None


def _sentences(value: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    for start, end in spans:
        found.extend(text.sentences(value, start, end))
    return tuple(found)


def parse_document(
    original: str, doc_id: str, fmt: str | None = None, suffix: str = ""
) -> NewsDocument:
    """Analyse one article given as a string.

    Parameters
    ----------
    original : str
        The file's text.
    doc_id : str
        Its name, kept as :attr:`NewsDocument.id`.
    fmt : {"text", "html"}, optional
        Detected from ``suffix`` and the content when not given.
    suffix : str
        The file name's suffix (``".html"``), used to detect the format.

    Raises
    ------
    NewsInputError
        If the text is empty or has no article body.
    """
    if not original.strip():
        raise NewsInputError(f"{doc_id} is empty; give a news article as text or HTML")
    feed = _FEED.match(original)
    if feed is not None:
        raise NewsInputError(
            f"{doc_id} is a news feed ({_FEED_KINDS[feed.group(1)]}), not an article; save the "
            "article's own page (the link of its item) and give that")
    fmt = fmt or detect_format(original, suffix)
    if fmt not in FORMATS:
        raise NewsInputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    origins: Sequence[int] | None = None
    html_meta: dict[str, str] = {}
    if fmt == "html":
        projected = html_text.project_html(original)
        value, origins = projected.text, projected.origins
        paragraphs, extracted = html_text.article_paragraphs(original)
        spans = html_text.locate_paragraphs(paragraphs, value)
        if not spans and projected.embedded_text:
            # the visible text holds none of the article: its JSON-LD's articleBody does
            value = f"{value}\n{projected.embedded_text}"
            origins = array("q", itertools.chain(
                origins, projected.embedded_origins[:1], projected.embedded_origins))
            spans = html_text.locate_paragraphs(paragraphs, value)
        body = tuple(spans)
        title = projected.title or extracted.get("title")
        html_meta = {**projected.meta, **{f"trafilatura:{k}": v for k, v in extracted.items()}}
    else:
        value = original
        body = body_spans(value)
        title = _text_title(value)
    body = _without_stories_under_photos(value, body)
    found = dates.publication_date(value, _lines(value))
    if found is not None:
        # a dateline is page metadata, not article text (the seeds' own rule for numeric ones)
        body = tuple(span for span in body if span != (found.start, found.end))
    if not body:
        raise NewsInputError(
            f"{doc_id} has no article text that the reader can find; give the page's full text"
        )
    date = found.date.isoformat() if found else None
    date_source = {"header": "header"}.get(found.shape, "inline") if found else None
    evidence = found.evidence if found else None
    if found is None and html_meta:
        # the page's own mark of its publication, else the date trafilatura reads from its
        # markup (which takes og:updated_time over a JSON-LD datePublished) unless that is
        # only the day of its last update
        marked = _JSON_LD_PUBLISHED.search(original)
        published = (html_meta.get("article:published_time") or html_meta.get("datepublished")
                     or (marked[1] if marked else None))
        if published is None and "trafilatura:date" in html_meta:
            stamp = html_meta["trafilatura:date"]
            published = None if _update_stamp_only(stamp[:10], html_meta, original) else stamp
        if published and re.match(r"\d{4}-\d{2}-\d{2}", published):
            date, date_source, evidence = published[:10], "html-meta", published
    known = load_gazetteer().outlets
    # the page's own name for its outlet (og:site_name; else what trafilatura reads from its
    # markup: the JSON-LD publisher, application-name), else the text's attribution
    outlet = (html_meta.get("og:site_name") or html_meta.get("trafilatura:sitename")
              or _outlet(value, known))
    body_text = " ".join(value[start:end] for start, end in body)
    return NewsDocument(
        id=doc_id,
        format=fmt,
        original=original,
        text=value,
        origins=origins,
        body_spans=body,
        sentences=_sentences(value, body),
        title=title,
        outlet=outlet,
        date=date,
        date_source=date_source,
        date_evidence=evidence,
        language=detect_language(body_text),
        sha256=text_sha256(original),
        meta=html_meta,
    )


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_HEAD_END = re.compile(rb"</head\s*>", re.I)
#: Bytes of a page searched for its charset: its <head> up to this many (pages put analytics
#: scripts and styles before their <meta http-equiv>, tens of kilobytes of them).
CHARSET_SCAN_BYTES = 1 << 20
#: Byte order marks of the UTF encodings Windows editors save "Unicode" text in; longest
#: first, since UTF-32 LE's begins with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
#: charset-normalizer's "chaos" (share of the text that looks mis-decoded) above which a guess
#: is refused: a binary file or a mixture of encodings, not an article.
MAX_GUESS_CHAOS = 0.1
#: The legacy encodings an article of the region's outlets may be saved in (Cyrillic, then
#: the Latin ones of Turkish and Azerbaijani pages): a guess is one of these, never a code page
#: of another script that happens to decode a few bytes.
#: MacCyrillic is left out: it shares cp1251's small letters and has punctuation where cp1251
#: has capitals, so it reads a cp1251 page as well but for its capitals ("“ретий" for
#: "Третий"), and no outlet serves it.
GUESSED_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "cp1252", "cp1254",
                     "iso8859_9")
#: charset-normalizer's language coherence (how far the text's most frequent letters are a
#: language's) below which a guess is refused: real Russian articles score 0.6-0.7, one
#: sentence about 0.4, a run of one repeated letter 0.
MIN_GUESS_COHERENCE = 0.2
#: Letters beyond ASCII a guessed text must hold: fewer say nothing about the encoding.
MIN_GUESSED_LETTERS = 16
#: Share of a guessed text's characters beyond ASCII that must be letters.
MIN_GUESSED_LETTER_SHARE = 0.9


def _declared_charset(data: bytes) -> re.Match[bytes] | None:
    """The ``<meta>`` of ``data``'s head that declares its charset, if any."""
    head = data[:CHARSET_SCAN_BYTES]
    end = _HEAD_END.search(head)
    return _CHARSET.search(head, 0, end.start() if end else len(head))


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _small_letter_share(text: str) -> float:
    letters = [char for char in text if ord(char) > 127 and char.isalpha()]
    return sum(char.islower() for char in letters) / max(len(letters), 1)


def _guessed_text(data: bytes) -> tuple[str, str] | None:
    """The text and encoding charset-normalizer reads ``data`` in, if the text reads as
    letters of one of :data:`GUESSED_ENCODINGS`."""
    # slow import: its detection tables (29 ms), needed only for a file that is not UTF-8
    import charset_normalizer

    readings = [match for match in charset_normalizer.from_bytes(
        data, cp_isolation=list(GUESSED_ENCODINGS)) if match.chaos <= MAX_GUESS_CHAOS]
    if not readings:
        return None
    # koi8-r's small letters are cp1251's capitals, in another order: both can read as
    # plausible Russian, one in capitals. An article is written in small letters: the reading
    # with the most of them (to a tenth; ties keep charset-normalizer's order) is the text,
    # and it must read as a language itself (a wrong reading may score higher).
    best = max(readings, key=lambda match: round(_small_letter_share(str(match)), 1))
    if best.coherence < MIN_GUESS_COHERENCE:
        return None
    text = str(best)
    beyond_ascii = [char for char in text if ord(char) > 127]
    letters = sum(char.isalpha() for char in beyond_ascii)
    if letters < MIN_GUESSED_LETTERS or letters < MIN_GUESSED_LETTER_SHARE * len(beyond_ascii):
        return None
    return text, best.encoding


def article_text(data: bytes, file: Path) -> tuple[str, str | None]:
    """The text of an article file and, when it is not plain UTF-8, how it was decoded.

    UTF-8; UTF-16/32 with a byte order mark; the charset a saved HTML page declares
    (``windows-1251`` is common); else, when it declares none or one that does not decode
    it, the encoding charset-normalizer finds (a page saved without its ``<meta charset>`` or
    re-encoded with the old one left in, a text file from an old Windows editor), said as
    guessed.

    Raises
    ------
    NewsInputError
        Bytes after a UTF-16/32 byte order mark that do not decode in it, or bytes no
        encoding reads as article text.
    """
    bom = _bom_encoding(data)
    if bom is not None and bom != "utf-8-sig":
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as exc:
            raise NewsInputError(f"{file} starts with a {bom} byte order mark but does not "
                                 f"decode as {bom} ({exc}); save the article as UTF-8") from exc
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        # a UTF-8 byte order mark an editor put before bytes it left in a code page: a stray
        # mark, not part of the page (read in the code page, it is "п»ї")
        data = data.removeprefix(codecs.BOM_UTF8)
        declared = _declared_charset(data)
        charset = declared.group(1).decode("ascii") if declared else None
        if charset is not None:
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                return data.decode(charset), charset
        # A page saved by a program that re-encoded it and left the old <meta charset>, or
        # saved without one: the code page its letters read in, said as a guess.
        guessed = _guessed_text(data)
        why = "the file declares no charset" if charset is None else (
            f"the file declares {charset} but does not decode with it")
        if guessed is not None:
            return guessed[0], f"{guessed[1]} (guessed: {why})"
        raise NewsInputError(
            f"{file} is not UTF-8 (byte {exc.start}), {why}, and reads in no other encoding; "
            "save the article as UTF-8"
        ) from exc


def decode_article(data: bytes, file: Path) -> str:
    """The text of an article file (see :func:`article_text`)."""
    return article_text(data, file)[0]


def read_document(path: str | Path, fmt: str | None = None) -> NewsDocument:
    """Read and analyse one article file (UTF-8 plain text or saved HTML).

    Raises
    ------
    NewsInputError
        If the file is missing, not a regular file, too large, not UTF-8, or has no article
        text.
    """
    return document_from_bytes(read_article_bytes(path), path, fmt)


def read_article_bytes(path: str | Path) -> bytes:
    """The bytes of an article file, read once and bounded (see
    :func:`caspian.layers.io.fileio.read_input_bytes`).

    Raises
    ------
    NewsInputError
        If ``path`` is a web address, or the file is missing, not a regular file or too
        large.
    """
    if _FILE_URL.match(str(path)) and not os.path.lexists(path):
        # a saved page opened in the browser, its address copied: the path is in it
        local = unquote(urlsplit(str(path)).path)
        local = local[1:] if re.match(r"/[A-Za-z]:[/\\]", local) else local  # file:///C:/…
        raise NewsInputError(
            f"{path} is the address of a file on this computer; give its path: {local}")
    if _URL.match(str(path)) and not os.path.lexists(path):
        raise NewsInputError(
            f"{path} is a web address; ingest reads saved files: save the page first "
            "(e.g. curl -o page.html URL) and give the file's path"
        )
    if not Path(path).exists():
        if any(char in str(path) for char in "*?["):
            raise NewsInputError(f"{path} matches no file (the shell passes a pattern that "
                                 "matches none as it is); check the folder and the pattern")
        raise NewsInputError(f"{path} does not exist; give the path of a saved article")
    try:
        return read_input_bytes(path)
    except InputFileError as exc:
        raise NewsInputError(str(exc)) from None


def document_from_bytes(
    data: bytes, path: str | Path, fmt: str | None = None
) -> NewsDocument:
    """Analyse an article file's bytes ``data`` (read from ``path``).

    Raises
    ------
    NewsInputError
        If the bytes are binary, not UTF-8, or hold no article text.
    """
    original, encoding = article_of_bytes(data, path)
    return document_of_text(original, encoding, path, fmt)


def text_sha256(original: str) -> str:
    """A document's ``sha256``: the digest of its text as read (UTF-8), whatever the file's
    encoding, so the manifest and the cache of analyses name one text alike."""
    return hashlib.sha256(original.encode("utf-8")).hexdigest()


def article_of_bytes(data: bytes, path: str | Path) -> tuple[str, str | None]:
    """The text of an article file's bytes and, when not plain UTF-8, how it was decoded
    (see :func:`article_text`).

    Raises
    ------
    NewsInputError
        If the bytes are binary or no encoding reads them as article text.
    """
    file = Path(path)
    _refuse_other_formats(data, file)
    if _bom_encoding(data) in (None, "utf-8-sig") and b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise NewsInputError(f"{file} is a binary file; give a text or HTML article")
    return article_text(data, file)


def _refuse_other_formats(data: bytes, file: Path) -> None:
    """Refuse a file of another format given as an article, naming it and the conversion.

    Raises
    ------
    NewsInputError
        If ``data`` starts like a compressed file, a PDF, Word or RTF document, a ZIP archive
        or a web archive (MHTML).
    """
    name = file.name
    for magic, what in _OTHER_FORMATS:
        if data.startswith(magic):
            raise NewsInputError(f"{file} is {what.format(name=name)}")
    if data.startswith(b"PK\x03\x04"):
        what = ("a Word document (.docx)" if b"word/document.xml" in data
                else "a ZIP archive (an .odt or .epub document?)")
        raise NewsInputError(f"{file} is {what}; save the article as plain text (.txt) or open "
                             "the page and save it as HTML, and give that")
    head = data[:4096]
    if _MIME_HEADER.match(head) and _MULTIPART.search(head):
        raise NewsInputError(
            f"{file} is a web archive (MHTML), not a page; open it in the browser, save it as "
            '"Webpage, HTML only" (.html) and give that')


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """The text of ``data`` read as UTF-16 without a byte order mark (a program's "Unicode"
    export) and its encoding, said as guessed, if every character reads as an article's."""
    if len(data) % 2:
        return None
    # ASCII characters (spaces, digits, Latin letters) put their zero byte first in UTF-16 BE,
    # second in LE; Cyrillic ones 0x04 there
    encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    strange = sum(1 for _ in _NOT_ARTICLE_CHARACTER.finditer(text))
    if not text.strip() or strange > MAX_UTF16_STRANGE_SHARE * len(text):
        return None
    return text, f"{encoding} (guessed: no byte order mark)"


def document_of_text(
    original: str, encoding: str | None, path: str | Path, fmt: str | None = None
) -> NewsDocument:
    """The document of an article file's text ``original`` (decoded as ``encoding``, None
    for UTF-8), read from ``path``.

    Raises
    ------
    NewsInputError
        If the text holds no article.
    """
    document = parse_document(original, str(path), fmt, Path(path).suffix)
    if encoding is None:
        return document
    return dataclasses.replace(document, meta={**document.meta, "encoding": encoding})
