"""The record every numeric reader of the news yields: :class:`Quantity`."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from caspian.layers.news.text import per_text

#: A year as news print them (1900-2099).
YEAR = r"(?:19|20)\d{2}"
#: The case ending some outlets print after a year's digits: "В 2014-м году", "к 2030-му году".
YEAR_ENDING = r"(?:-(?:м|му|го|й|ом))?"


def holds_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` holds one of ``words`` (lower case) in any case, as a
    pattern that ignores case reads it: a cheap test before a long pattern is scanned.

    Case folding maps every letter that ``re.IGNORECASE`` takes for a Russian letter (the
    capital, and old forms such as "ᲄ" for "т") to that letter, so no match is missed; a
    search that ignores case is ten times slower per sentence.
    """
    folded, several = folded_by_character(text)
    if several:  # "İ": a range that holds one (folds_apart, inlined: asked of every sentence)
        index = bisect.bisect_left(several, start)
        if index < len(several) and several[index] < end:
            return any(map(text[start:end].casefold().__contains__, words))
    # a loop, not any() over a generator (a frame per word): asked of every sentence
    for word in words:  # noqa: SIM110
        if folded.find(word, start, end) >= 0:
            return True
    return False


@per_text(maxsize=4)
def folded_text(text: str) -> str | None:
    """The whole of ``text`` case-folded, folded once for all its sentences (the few texts
    read last remembered); None when folding changes its length ("ß" is "ss"). A character
    folds to one character or more, so a folded text as long as the text folds each character
    to one: its offsets are the text's, and a range of it is the range folded."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


@per_text(maxsize=4)
def folded_by_character(text: str) -> tuple[str, list[int]]:
    """The whole of ``text`` case-folded with one character for each of its characters (the
    few texts read last remembered), and the offsets, in order, of the characters that fold
    to several ("İ" to "i̇", "ß" to "ss"; none folds to none), each of which stands as a NUL in
    it. Case folding maps each character by itself, so a range of ``text`` that holds none of
    those folds to the same range of this: a text with one Turkish capital is still folded
    once, not sentence by sentence (:func:`folded_text` gives None for it)."""
    folded = folded_text(text)
    if folded is not None:
        return folded, []
    # Found by one scan for the characters that may fold to several, not by a set of the
    # whole text's characters (10 ms for a long article) and a translation table (20 ms);
    # each character is replaced by a NUL by str.replace, which gives what the table gave.
    found = [
        match.start()
        for match in _may_fold_to_several().finditer(text)
        if len(match.group().casefold()) != 1
    ]
    for char in sorted({text[position] for position in found}):
        text = text.replace(char, "\0")
    return text.casefold(), found


@cache
def _may_fold_to_several() -> re.Pattern[str]:
    """A pattern of one character that may fold to several: each of the Basic Multilingual
    Plane's that does (104 in Python 3.11's Unicode), and any beyond it (asked one by one
    where found: rare, and the whole range takes a tenth of a second to list)."""
    several = "".join(chr(code) for code in range(0x10000) if len(chr(code).casefold()) != 1)
    return re.compile(f"[{re.escape(several)}\U00010000-\U0010FFFF]")


def folds_apart(several: Sequence[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds one of the characters that fold to several, at
    ``several`` (in order, as :func:`folded_by_character` lists them)."""
    index = bisect.bisect_left(several, start)
    return index < len(several) and several[index] < end


_DIGIT = re.compile(r"\d")


def holds_digit(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a digit (``\\d``, as the readers' patterns read one):
    a test by bisection in the digits of the whole text, which are found in one scan."""
    positions = _digit_positions(text)
    index = bisect.bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


def digit_run_starts(text: str, start: int, end: int) -> list[int]:
    """The offsets in ``[start, end)`` where a run of digits of ``text`` begins (a digit with
    no digit before it in the whole text), in order."""
    starts = _digit_run_starts(text)
    return starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


@per_text(maxsize=4)
def _digit_run_starts(text: str) -> list[int]:
    positions = _digit_positions(text)
    return [now for before, now in itertools.pairwise([-2, *positions]) if now - before > 1]


def digit_positions(text: str) -> list[int]:
    """The offset of every digit of ``text`` (``\\d``), in order; found in one scan and
    remembered for the few texts read last."""
    return _digit_positions(text)


@per_text(maxsize=4)
def _digit_positions(text: str) -> list[int]:
    """The offset of every digit of ``text``, in order (the few texts read last remembered:
    the readers ask of one sentence after another)."""
    if len(text) >= _VECTORISED_MIN_CHARS:
        # One vectorised lookup of each UTF-16 code unit (four times faster than a pattern
        # over a long article); a text with characters beyond the BMP (two units each) is
        # scanned by the pattern, whose offsets count characters.
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
        if len(units) == len(text):
            positions: list[int] = np.flatnonzero(_decimal_units()[units]).tolist()
            return positions
    return [match.start() for match in _DIGIT.finditer(text)]


#: Texts from this long on find their digits by :func:`_decimal_units`.
_VECTORISED_MIN_CHARS = 2_000


@cache
def _decimal_units() -> npt.NDArray[np.bool_]:
    """Whether each UTF-16 code unit is a character ``\\d`` reads as a digit (Unicode decimal
    digits, ``str.isdecimal``)."""
    return np.array([chr(unit).isdecimal() for unit in range(0x10000)], dtype=bool)


@dataclass(frozen=True)
class Quantity:
    """One numeric expression."""

    #: ``length``, ``mass``, ``money``, ``power``, ``bandwidth``, ``containers``,
    #: ``percent``, ``growth``, ``period``, ``duration``, ``deadline``, ``since`` or
    #: ``event`` (a dated event: the value is the date's proleptic ordinal, unit ``date``).
    kind: str
    #: In the normal unit (km, Mt, currency units, GW, Tbit/s; growth as a factor; a year
    #: for deadlines and base years; a count of ``unit`` for durations and periods).
    value: float
    #: Normal unit (``"km"``, ``"Mt/yr"``, ``"USD"``, ``"x"``, ``"month"``, ``"yr"``).
    unit: str | None
    #: Offset of the expression's start in the text.
    start: int
    #: Offset of its end in the text.
    end: int
    #: ``almost``, ``about``, ``more than``, ``less than``, ``up to``.
    qualifier: str | None = None
    #: Upper end of a range ("12-36 месяцев").
    value_max: float | None = None
    #: The value of one unit in the last digit written, in the normal unit: 224 km is stated
    #: to 1 km, 223.6 km to 0.1 km, "1,5 млн тонн" to 0.1 Mt (what a rounding may change).
    step: float | None = None
    #: Kind-specific details (a period's year, a deadline's ``end_of_year``).
    extra: dict[str, Any] = field(default_factory=dict)
