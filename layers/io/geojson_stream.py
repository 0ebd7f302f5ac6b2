"""A large GeoJSON FeatureCollection, read a batch of features at a time.

The strict reader (:mod:`caspian.layers.io.userdata`) parses a whole file, which needs memory
about nine times the file's size; a larger file
(:data:`caspian.layers.io.userfiles.STREAMED_GEOJSON_BYTES`) is read here instead, by the same JSON
decoder (NaN, huge integers and repeated keys kept for the rules to name) one feature of the
``features`` list at a time, and checked by the same rules
(:class:`caspian.layers.io.geojson_rules.StreamedCollectionCheck`) batch by batch. Memory is
bounded by a batch and the longest feature, not by the file.

The text is decoded from UTF-8 as it is read, and the top-level object is walked member by
member: each member other than ``features`` is decoded whole (they are small: ``type``,
``name``, ``crs``, ``bbox``), and the members of ``features`` one by one.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from caspian.layers.io.fileio import MAX_INPUT_BYTES
from caspian.layers.io.userdata import (
    EMPTY_FILE,
    TOO_DEEP,
    UnusableError,
    invalid_json,
    json_decoder,
    not_utf8,
    refuse_binary,
)

#: Bytes read from the file at a time.
CHUNK_BYTES = 1 << 24
#: The longest single value (one feature, or a top-level member) read: what the strict
#: reader reads whole.
MAX_VALUE_CHARS = MAX_INPUT_BYTES

_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: Bytes read first, at the least: enough to tell another format by its first bytes.
_HEAD_BYTES = 16
#: How near the end of the text read so far a JSON error may be the text's end, not the
#: file's ("tru" of "true", "1e" of "1e5", "\\u00" of an escape).
_CUT_CHARS = 16


@dataclass(frozen=True)
class FeatureBatch:
    """Some consecutive members of the ``features`` list."""

    #: Position of the first one in the file's ``features``, counted from 0.
    first_index: int
    #: The members as decoded (features, or whatever the file holds there).
    features: list[Any]
    #: Whether their text holds a ``\\u`` escape (only one can make a lone surrogate).
    unicode_escapes: bool


class _Text:
    """The file's text from the current position on: decoded as read, the part behind the
    position dropped, line and column kept for messages."""

    def __init__(self, handle: IO[bytes], chunk_bytes: int) -> None:
        self._handle = handle
        self._chunk_bytes = chunk_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._started = False
        self.text = ""
        self.pos = 0
        self.eof = False
        self._lines_dropped = 0  # line breaks in the text dropped before self.text
        self._column_dropped = 0  # characters after the last of them, before self.text
        self._bytes_fed = 0  # bytes given to the decoder
        self._lines_fed = 0  # line breaks among them
        self._last_break_fed = -1  # offset of the last one

    def more(self) -> bool:
        """Read the next chunk into the text (dropping what lies behind the position);
        False at the end of the file."""
        if self.eof:
            return False
        data = self._handle.read(
            self._chunk_bytes if self._started else max(self._chunk_bytes, _HEAD_BYTES))
        if not self._started:
            self._started = True
            refuse_binary(data)
            # a byte-order mark is no column of the first line: offsets count after it
            data = data.removeprefix(codecs.BOM_UTF8)
        self._drop_behind()
        pending = len(self._decoder.getstate()[0])
        try:
            self.text += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            start = self._bytes_fed - pending + exc.start  # exc.object: pending bytes + data
            self._count_breaks(exc.object[:exc.start], self._bytes_fed - pending)
            raise not_utf8(exc.object[exc.start], self._lines_fed + 1,
                           start - self._last_break_fed) from None
        self._count_breaks(data, self._bytes_fed)
        self._bytes_fed += len(data)
        self.eof = not data
        return True

    def _count_breaks(self, data: bytes, offset: int) -> None:
        breaks = data.count(b"\n")
        if breaks:
            self._lines_fed += breaks
            self._last_break_fed = offset + data.rfind(b"\n")

    def _drop_behind(self) -> None:
        dropped = self.text[:self.pos]
        breaks = dropped.count("\n")
        if breaks:
            self._lines_dropped += breaks
            self._column_dropped = len(dropped) - dropped.rfind("\n") - 1
        else:
            self._column_dropped += len(dropped)
        self.text, self.pos = self.text[self.pos:], 0

    def where(self, pos: int) -> tuple[int, int]:
        """Line and column (from 1) of ``pos`` in the text."""
        breaks = self.text.count("\n", 0, pos)
        if breaks:
            return self._lines_dropped + breaks + 1, pos - self.text.rfind("\n", 0, pos)
        return self._lines_dropped + 1, self._column_dropped + pos + 1

    def error(self, reason: str, pos: int | None = None) -> UnusableError:
        at = self.pos if pos is None else pos
        line, column = self.where(at)
        return invalid_json(line, column, reason, self.text[at:at + 1])

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            blank = _WHITESPACE.match(self.text, self.pos)
            assert blank is not None  # the pattern matches the empty string too
            self.pos = blank.end()
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos:self.pos + 1]

    def closed_by(self, closing: str) -> bool:
        """After a member of an object or list: True at its ``closing`` bracket, False at
        the comma before the next member (each read past)."""
        separator = self.peek()
        if separator != closing and separator != ",":
            raise self.error("Expecting ',' delimiter")
        self.pos += 1
        return separator == closing

    def expect(self, character: str, reason: str) -> None:
        if self.peek() != character:
            raise self.error(reason)
        self.pos += 1

    def value(self, decoder: json.JSONDecoder) -> tuple[Any, bool]:
        """Decode the next JSON value, reading on until it is whole; also say whether its
        text holds a ``\\u`` escape."""
        self.peek()
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self._maybe_cut(exc) and self._read_on():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise UnusableError(TOO_DEEP) from None
            # a number at the end of the text may go on in the next chunk
            if end == len(self.text) and self._read_on():
                continue
            escapes = "\\u" in self.text[self.pos:end]
            self.pos = end
            return value, escapes

    def _maybe_cut(self, exc: json.JSONDecodeError) -> bool:
        """Whether the error may be the end of the text read so far rather than of the JSON
        (a keyword, number or escape cut short fails a few characters before the end)."""
        return exc.pos >= len(self.text) - _CUT_CHARS or exc.msg.startswith("Unterminated")

    def _read_on(self) -> bool:
        if len(self.text) - self.pos > MAX_VALUE_CHARS:
            raise UnusableError(
                f"one value of the file is longer than {MAX_VALUE_CHARS / 2**20:,.0f} MiB, "
                "more than caspian reads at once: split it into smaller features")
        return self.more()


class CollectionReader:
    """Read a FeatureCollection file a batch of features at a time.

    Iterate :meth:`batches`; then :attr:`members` holds the top-level object's other members
    (and ``features`` when it is not a list), :attr:`duplicates` every key an object repeats,
    and :attr:`streamed_features` whether a ``features`` list was read.
    """

    def __init__(self, path: str | os.PathLike[str], batch_size: int, *,
                 chunk_bytes: int = CHUNK_BYTES) -> None:
        self._path = path
        self._batch_size = batch_size
        self._chunk_bytes = chunk_bytes
        self.members: dict[str, Any] = {}
        self.duplicates: list[str] = []
        self.streamed_features = False

    def batches(self) -> Iterator[FeatureBatch]:
        """The members of ``features``, in order, in batches of ``batch_size``.

        Raises
        ------
        UnusableError
            The text is not UTF-8, not JSON, or its top level is not an object.
        """
        decoder = json_decoder(self.duplicates)
        with open(self._path, "rb") as handle:
            text = _Text(handle, self._chunk_bytes)
            first = text.peek()
            if not first:
                raise UnusableError(EMPTY_FILE)
            if first not in '{["-0123456789tfnNI':
                raise text.error("Expecting value")
            if first != "{":
                what = {"[": "a list", '"': "a string"}.get(first, "not an object")
                raise UnusableError(f"not GeoJSON: the top level is {what}, not an object "
                                    "with a \"type\"; wrap features in a FeatureCollection")
            text.pos += 1
            if text.peek() == "}":
                text.pos += 1
            else:
                yield from self._members(text, decoder)
            if text.peek():
                raise text.error("Extra data")

    def _members(self, text: _Text, decoder: json.JSONDecoder) -> Iterator[FeatureBatch]:
        count = 0
        while True:
            if text.peek() != '"':
                raise text.error("Expecting property name enclosed in double quotes")
            key, _ = text.value(decoder)
            text.expect(":", "Expecting ':' delimiter")
            if key in self.members or (key == "features" and self.streamed_features):
                self.duplicates.append(key)
            if key == "features" and text.peek() == "[":
                self.members.pop("features", None)
                for batch in self._list(text, decoder, count):
                    count += len(batch.features)
                    yield batch
                self.streamed_features = True
            else:
                self.members[key], _ = text.value(decoder)
            if text.closed_by("}"):
                return

    def _list(self, text: _Text, decoder: json.JSONDecoder,
              first_index: int) -> Iterator[FeatureBatch]:
        """The members of the list that starts at the text's position, in batches."""
        text.pos += 1  # the "["
        if text.peek() == "]":
            text.pos += 1
            return
        batch: list[Any] = []
        escapes = False
        while True:
            value, escaped = text.value(decoder)
            batch.append(value)
            escapes = escapes or escaped
            if len(batch) == self._batch_size:
                yield FeatureBatch(first_index, batch, escapes)
                first_index += len(batch)
                batch, escapes = [], False
            if text.closed_by("]"):
                break
        if batch:
            yield FeatureBatch(first_index, batch, escapes)
