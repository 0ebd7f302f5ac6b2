"""Text from data made safe for where it goes: terminals, spreadsheets and UTF-8 files.

A user's GeoJSON (or a news page) can hold any string. Three places would act on it instead of
showing it:

* a terminal runs escape sequences (clear the screen, set the window title), and a carriage
  return or line break forges what the table shows: :func:`terminal_text` escapes them;
* a spreadsheet runs a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after
  spaces, a tab or a line break, or written full-width: ``＝``) as a formula: :func:`csv_cell`
  neutralises it as OWASP recommends, with a leading apostrophe, and leaves numbers (also
  ``"-12.5"``) alone;
* a NUL ends the text in tools written in C (``grep`` calls the file binary, Python's csv
  before 3.11 raised "line contains NUL"): :func:`csv_cell`
  writes it as the visible escape ``\\x00``, as :func:`terminal_text` does;
* XML 1.0 allows no C0 control but tab, line feed and carriage return (nor U+FFFE, U+FFFF):
  a KML holding one is refused by every XML reader, so :func:`xml_text` writes them as
  visible escapes (``\\x00``);
* a UTF-8 encoder fails on a lone surrogate (JSON's ``"\\ud800"``): :func:`lone_surrogate`
  finds one so that validation can name it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

# C0 controls, DEL, C1 controls (CSI is U+009B), and the bidirectional overrides and isolates
# that make a terminal show text in another order than it is (CVE-2021-42574).
_INVISIBLE = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
# What json.dumps leaves raw inside strings (it escapes U+0000-U+001F itself).
_JSON_RAW = re.compile(f"[{_INVISIBLE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# A cell a spreadsheet would evaluate, and the evidence for each start:
# * = + - @, tab, CR and LF: OWASP's list (owasp.org/www-community/attacks/CSV_Injection; LF
#   was added by OWASP/www-community PR #1116). LibreOffice keeps a cell holding a line break
#   as text (sc/source/ui/docshell/impex.cxx, lcl_PutString), but Excel's rule is unpublished,
#   so LF stays on the list with CR and tab.
# * the full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20): Excel in a Japanese
#   environment runs "＝cmd|' /C calc'!A0" (OWASP/www-community issue #1088).
# * spaces before any of them: LibreOffice Calc's "Trim spaces" import option strips the
#   U+0020 spaces that lead an unquoted field (impex.cxx, ScanNextFieldFromString) before the
#   cell is parsed, and "Evaluate formulas" is on unless switched off
#   (sc/source/ui/dbgui/asciiopt.cxx), so " =1+2" becomes a formula.
# Not on the list: a zero-width space (U+200B) before "=". Calc trims U+0020 only, and no
# source reports a spreadsheet that skips U+200B, so such a cell is text and passes unchanged.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

_SURROGATE = re.compile("[\ud800-\udfff]")

# The characters XML 1.0 forbids (its Char production, W3C XML 1.0 section 2.2) that a
# Python str can hold: C0 controls but tab, LF and CR, and U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``,
    ``\\u202e``); everything else, Cyrillic included, unchanged."""
    return _CONTROL.sub(_escape, text)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character :func:`terminal_text` would escape."""
    return _CONTROL.search(text) is not None


def json_text(text: str) -> str:
    """JSON text with the controls :func:`json.dumps` leaves raw (DEL, C1, bidirectional
    overrides) written as ``\\uXXXX`` escapes: the same JSON value, safe on a terminal."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell value that no spreadsheet evaluates: text that starts like a formula, also
    after spaces, gets a leading apostrophe; a NUL is written ``\\x00``; numbers and text that
    is a plain number pass unchanged."""
    if isinstance(value, str):
        value = value.replace("\x00", "\\x00")
        trimmed = value.lstrip(" ")
        if trimmed.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(trimmed):
            return "'" + value
    return value


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids written as a visible escape (``\\x00``,
    ``\\ufffe``); tab, line breaks and everything else unchanged."""
    return _NOT_XML.sub(_escape, text)


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` as ``"\\ud800"``, or None when it is valid
    Unicode."""
    found = _SURROGATE.search(text)
    return None if found is None else f"\\u{ord(found.group()):04x}"


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """CSV text, one ``\\n``-terminated line per row, every cell through :func:`csv_cell`;
    None is an empty cell. A cell holding a carriage return is quoted too (the csv module
    quotes only the characters of its line terminator, so with ``\\n`` a bare ``\\r`` would
    split the row in a spreadsheet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(["" if value is None else csv_cell(value) for value in row])
        lines.append(buffer.getvalue()[:-2])
        buffer.seek(0)
        buffer.truncate()
    return "".join(line + "\n" for line in lines)
