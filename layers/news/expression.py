"""The record every numeric reader of the news yields: :class:`Quantity`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: A year as news print them (1900-2099).
YEAR = r"(?:19|20)\d{2}"


def holds_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` holds one of ``words`` (lower case) in any case, as a
    pattern that ignores case reads it: a cheap test before a long pattern is scanned.

    Case folding maps every letter that ``re.IGNORECASE`` takes for a Russian letter (the
    capital, and old forms such as "ᲄ" for "т") to that letter, so no match is missed; a
    search that ignores case is ten times slower per sentence.
    """
    folded = text[start:end].casefold()
    return any(word in folded for word in words)


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
