"""What stands around a number of Russian news: the scale words after it ("млн", "тыс."), a
smaller magnitude after the scale ("6 млн 108 тыс."), and the two ends of a range written with
its unit once ("с 0,8 млн до 4,5 млн тонн").

:mod:`.quantities` reads each number of a sentence into a :class:`Reading` with these helpers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from caspian.layers.news import numbers, units

# A unit, currency sign or word after a number ("км", "$", "млн.", "-километровой").
# A run of letters right before a digit or a power is no unit word: the "м" of "м3".
_TAIL_TOKEN = re.compile(r"\s*(?:-\s*)?(\$|€|₽|%|[^\W\d_]+(?:/[^\W\d_]+)?\.?)(?![\d²³])")
# A smaller magnitude after a scale word: the " 108 тыс." of "6 млн 108 тыс. тонн".
_SMALLER_MAGNITUDE = re.compile(rf"\s+({numbers.DIGITS})(?!\d)\s+([^\W\d_]+\.?)")
# "и более" between a number and its scale word: "до 17 и более миллионов тонн" (held718) is
# 17 million tonnes or more.
_OR_MORE = re.compile(r"\s+и\s+(?:более|больше|выше)(?=\s)", re.IGNORECASE)
# The three digits of units written after "тыс." before a word (its unit): "4 тыс. 936 метров".
_UNITS_AFTER_THOUSANDS = re.compile(r"\s+(\d{3})(?![\d,.\-])(?=\s+[^\W\d_])")
# The two ends of a range: "с"/"от" before the first, "до" between them.
_RANGE_FROM = re.compile(r"(?<![^\W\d_])(?:с|со|от)\s+\Z", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s+до\s+", re.IGNORECASE)
# The two ends of a range joined by a dash, the unit written once: "104-105 тысяч TEU"; a
# minus sign written for the dash too ("30−35% в год").
_RANGE_DASH = re.compile(r"\s*[-–—−]\s*")
# A second figure compared with a first, its unit left out: "до 4,7 миллиона тонн с 4,4
# миллиона", "15 млн тонн против 12 млн".
_COMPARED_WITH = re.compile(r",?\s+(?:с|со|от|против)\s+", re.IGNORECASE)


def tail(text: str, position: int, end: int, count: int) -> list[tuple[str, int]]:
    """Up to ``count`` tokens after ``position`` (a leading hyphen allowed), with their ends."""
    return list(tail_tokens(text, position, end, count))


def tail_tokens(text: str, position: int, end: int, count: int) -> Iterator[tuple[str, int]]:
    """:func:`tail`'s tokens one by one, each read when asked for: a reader that stops at the
    first word after a number (most numbers have no unit) does not match the next three."""
    for _ in range(count):
        match = _TAIL_TOKEN.match(text, position, end)
        if not match:
            return
        yield match.group(1), match.end()
        position = match.end()


@dataclass(frozen=True)
class Reading:
    """A number of a sentence and the scale and unit after it (``unit`` None when none is)."""

    start: int
    base: float  # the number as written, before its scale word
    scale: float
    added: float  # a smaller magnitude after the scale: the "108 тыс." of "6 млн 108 тыс."
    step: float
    unit: units.Unit | None
    stop: int  # end of the figure as written: its scale word, its unit or a "в год" after it
    per_year: bool


def magnitude(text: str, position: int, end: int) -> tuple[float, float, float | None, int]:
    """The scale word right after a number, and a smaller magnitude after it ("млн 108 тыс.":
    ``(1e6, 108000.0, 1000.0, stop)``; "млн. 280 тыс. 667 тонн", the units after the
    thousands too: ``(1e6, 280667.0, 1.0, stop)``); ``(1.0, 0.0, None, position)`` when none
    follows."""
    more = _OR_MORE.match(text, position, end)
    first = tail(text, more.end() if more else position, end, 1)
    factor = numbers.scale_word(first[0][0].rstrip(".")) if first else None
    if not factor:
        return 1.0, 0.0, None, position
    stop = first[0][1]
    smaller = _SMALLER_MAGNITUDE.match(text, stop, end)
    lesser = numbers.scale_word(smaller[2].rstrip(".")) if smaller else None
    if smaller and lesser and lesser < factor:
        added = numbers.parse_digits(smaller[1]) * lesser
        # and the units after the thousands: "2 млн. 280 тыс. 667 тонн" is 2 280 667 t
        ones = _UNITS_AFTER_THOUSANDS.match(text, smaller.end(), end) if lesser == 1e3 else None
        if ones:
            return factor, added + float(ones[1]), 1.0, ones.end(1)
        return factor, added, numbers.digits_step(smaller[1]) * lesser, smaller.end()
    units = _UNITS_AFTER_THOUSANDS.match(text, stop, end) if factor == 1e3 else None
    if units:  # "4 тыс. 936 метров" is 4 936 m
        return factor, float(units[1]), 1.0, units.end(1)
    return factor, 0.0, None, stop


def range_start(text: str, first: Reading, second: Reading, floor: int) -> Reading | None:
    """``first`` with the unit of ``second`` when they are the two ends of a range written with
    the unit once ("с 0,8 млн до 4,5 млн тонн", "от 5 до 10 км"); the first end keeps its own
    scale word, or takes the second's. ``None`` when they are no such range."""
    if first.unit is not None or second.unit is None:
        return None
    if not _RANGE_TO.fullmatch(text, first.stop, second.start):
        return None
    if not _RANGE_FROM.search(text, max(floor, first.start - 4), first.start):
        return None
    scale = first.scale if first.scale != 1.0 else second.scale
    step = first.step if first.scale != 1.0 else first.step * second.scale
    # the first end is a rate per year when the second is ("с 0,8 млн до 4,5 млн тонн в год")
    return replace(first, scale=scale, step=step, unit=second.unit, per_year=second.per_year)


def range_top(low: float, high: float | None) -> float | None:
    """``high`` when it is the upper end of a range that starts at ``low``, else None (a
    dash between two numbers of which the second is not larger joins no range)."""
    return high if high is not None and high > low else None


def joined_range(text: str, first: Reading, second: Reading) -> Reading | None:
    """``first`` with the scale and unit of ``second`` when they are the two ends of a range
    joined by a dash, the unit written once ("104-105 тысяч TEU"); ``None`` when they are no
    such range (a first end with a unit or a scale of its own, a dash no range's)."""
    if first.unit is not None or first.scale != 1.0 or second.unit is None:
        return None
    if not _RANGE_DASH.fullmatch(text, first.stop, second.start):
        return None
    if range_top(first.base, second.base) is None:
        return None
    return replace(first, scale=second.scale, step=first.step * second.scale,
                   unit=second.unit, per_year=second.per_year)  # fmt: skip


def carried_unit(text: str, before: Reading, figure: Reading) -> Reading | None:
    """``figure`` with the unit of the figure ``before`` it when it is compared with that one
    and its unit left out after its own scale word ("до 4,7 миллиона тонн с 4,4 миллиона":
    4.4 million tonnes). ``None`` when it is no such figure."""
    if figure.unit is not None or before.unit is None:
        return None
    if not _COMPARED_WITH.fullmatch(text, before.stop, figure.start):
        return None
    if figure.scale == 1.0:
        return None  # "20 км с 2 станциями": a bare number after "с" counts something else
    return replace(figure, unit=before.unit, per_year=before.per_year)


# A part listed after a comma with its place past a dash and its unit left out: "443
# километра пролегают по территории Азербайджана, 249 – по Грузии"; or after "и" with its
# territory as an adjective, "территории" left out: "248 км на грузинской территории, 443 км
# на азербайджанской и 1076 на турецкой" (held269).
_LISTED_AFTER_COMMA = re.compile(r"(?:,|\sи)\s*\Z")
_PLACE_PAST_DASH = re.compile(r"\s*[–—-]\s*(?:по|в)\s+[А-ЯЁ]|\s+на\s+[а-яё]+[сц]кой\b")


def listed_part(text: str, before: Reading, figure: Reading, floor: int) -> Reading | None:
    """``figure`` (a bare number) with the unit of the figure ``before`` it when it is listed
    after a comma as a part in a place past a dash ("443 километра … по территории
    Азербайджана, 249 – по Грузии": 249 km); ``None`` when it is no such figure."""
    if figure.unit is not None or figure.scale != 1.0 or before.unit is None:
        return None
    if not _LISTED_AFTER_COMMA.search(text, max(floor, figure.start - 3), figure.start):
        return None
    if not _PLACE_PAST_DASH.match(text, figure.stop):
        return None
    return replace(figure, scale=before.scale, step=figure.step * before.scale,
                   unit=before.unit, per_year=before.per_year)  # fmt: skip


# A part of a whole, the unit written once with the whole: "245 км, 175 из которых пролегают
# по территории Грузии" (held230), "850 километров, более 500 из которых" (held355): a bare
# number after a comma (a word of about or more perhaps) with "из которых" or "из них" after it.
_PART_AFTER_COMMA = re.compile(
    r"\s*,\s*(?:(?:более|менее|свыше|около|почти|порядка|примерно)\s+)?\Z", re.IGNORECASE
)
_OF_WHICH_AFTER = re.compile(r"\s+из\s+(?:которых|них)\b", re.IGNORECASE)


def part_of_which(text: str, before: Reading, figure: Reading) -> Reading | None:
    """``figure`` (a bare number) with the unit of the figure ``before`` it when it is a part
    of that one, "из которых" after it (:data:`_PART_AFTER_COMMA`: "245 км, 175 из
    которых"); ``None`` when it is no such figure."""
    if figure.unit is not None or figure.scale != 1.0 or before.unit is None:
        return None
    if not _PART_AFTER_COMMA.fullmatch(text, before.stop, figure.start):
        return None
    if _OF_WHICH_AFTER.match(text, figure.stop) is None:
        return None
    return replace(figure, scale=before.scale, step=figure.step * before.scale,
                   unit=before.unit, per_year=before.per_year)  # fmt: skip


# A second part joined by "и" with the same purpose word as the first: "25 миллиардов долларов
# потребуется для железных дорог и 1,8 миллиарда для расширения и модернизации портов".
_AND_FOR = re.compile(r"[^\d;.]{0,60}\sдля\s[^\d;.]{1,60}\sи\s*\Z")
_FOR_AFTER = re.compile(r"\s+для\s")


def parallel_part(text: str, before: Reading, figure: Reading, floor: int) -> Reading | None:
    """``figure`` (a number after its scale word, its unit left out) with the unit of the
    figure ``before`` it when both have the same scale and are parts said "для" one thing "и"
    the other ("25 миллиардов долларов потребуется для железных дорог и 1,8 миллиарда для …
    портов": 1.8 billion dollars, held371); ``None`` when it is no such figure."""
    if figure.unit is not None or figure.scale == 1.0 or before.unit is None:
        return None
    if before.scale != figure.scale or before.stop < floor:
        return None
    if not _AND_FOR.fullmatch(text, before.stop, figure.start):
        return None
    if not _FOR_AFTER.match(text, figure.stop):
        return None
    return replace(figure, unit=before.unit, per_year=before.per_year)


# What may stand after a figure that closes its sentence: the full stop, a bracket, spaces.
_CLOSES = re.compile(r"[\s.)»\"]*\Z")


def closes_sentence(text: str, figure: Reading, end: int) -> bool:
    """Whether nothing but a full stop follows ``figure`` before its sentence's ``end``."""
    return _CLOSES.match(text[figure.stop : end]) is not None


def currency_of_before(text: str, before: Reading, figure: Reading, end: int) -> Reading | None:
    """``figure`` (a scaled number whose unit is left out, closing its sentence) with the
    currency of the sum ``before`` it in its sentence, when that has the same scale word
    ("первоначально стоимость проекта составляла 422 млн долларов, хотя согласно Баку только
    Азербайджан вложил в него 640 млн»", held551: 640 million dollars); else None."""
    if figure.unit is not None or figure.scale == 1.0 or before.unit is None:
        return None
    if before.unit.quantity != "money" or before.scale != figure.scale:
        return None
    if not closes_sentence(text, figure, end):
        return None
    return replace(figure, unit=before.unit, per_year=before.per_year)


def unit_of_next(figure: Reading, following: Reading | None) -> Reading | None:
    """``figure`` (a scaled number whose unit is left out, closing its sentence: "общий объем
    перевалки грузов в порту в 2021 году составил 5,6 млн.") with the unit of the first figure
    of the next sentence (``following``) when that has the same scale word and states one
    ("Доля транзитных грузов составила более 5,1 млн тонн"); else None."""
    if figure.unit is not None or figure.scale == 1.0 or following is None:
        return None
    if following.unit is None or following.scale != figure.scale:
        return None
    return replace(figure, unit=following.unit, per_year=following.per_year)
