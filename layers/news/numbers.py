"""Numbers as Russian news writes them: ``1 850``, ``1,5``, ``547``, ``трёх``, ``одного``.

Digits may group thousands with spaces (ordinary, no-break or thin) and use a comma or a point
for decimals; numbers in words are recognised by their lemma (pymorphy3), so "трёх", "три" and
"тремя" all read 3, and a compound cardinal is read whole ("двухсот двадцати четырёх" is 224,
"двух тысяч трёхсот" 2300). Scale words ("млн", "миллиардов", "тыс.") multiply.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from caspian.layers.news.language import RUSSIAN, Language
from caspian.layers.news.text import (
    best_lemma,
    lemmas,
    per_text,
    text_words,
    word_forms,
    word_list,
)

# Thousands grouped by points ("1.768", "1.000.000"), Russian style: a point followed by exactly
# three digits and no further digit, after a first group that does not start with 0. Russian
# writes its decimals with a comma, so such a point groups thousands (see
# :func:`parse_digits`, and :func:`point_grouped` for the one exception, a scale word after it).
DIGITS_POINT_GROUPED = r"[1-9]\d{0,2}(?:\.\d{3})+(?!\d)"
# Digits, with thousands grouped by spaces (or points, above) and a decimal comma or point.
DIGITS = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|"
    rf"{DIGITS_POINT_GROUPED}|\d+(?:[.,]\d+)?"
)
# English thousands groups: "1,768", "2,500.75".
DIGITS_EN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"

_CYRILLIC = re.compile(r"[А-Яа-яЁё]+")
_POINT_GROUPED = re.compile(DIGITS_POINT_GROUPED)
_DIGITS_WHOLE = re.compile(DIGITS)
_DIGITS_EN_WHOLE = re.compile(DIGITS_EN)
_SPACES = re.compile(r"[ \u00a0\u202f]")
_DECIMALS = re.compile(r"[.,](\d+)\Z")

UNITS: dict[str, int] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}  # fmt: skip
HUNDREDS: dict[str, int] = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
THOUSAND = "тысяча"
HALF_MORE = "полтора"  # 1.5 ("полтора", "полутора"), alone or before "тысяча"
#: Every number word by its lemma, and its value.
NUMBER_WORDS: dict[str, float] = {
    **UNITS, **TEENS, **TENS, **HUNDREDS, THOUSAND: 1000, HALF_MORE: 1.5,
}  # fmt: skip
# Case forms pymorphy3's dictionary lacks (the plural of "сто" in "пятьюстами" is there, but
# "стами" alone is not).
_UNKNOWN_FORMS = {"стам": "сто", "стами": "сто", "стах": "сто"}
# "тысяч", "тысячам"… alone are "thousands", not one thousand: only a count makes them a number.
_PLURAL_THOUSANDS = {"тысяч", "тысячам", "тысячами", "тысячах"}
#: Most words of one cardinal ("девятисот девяноста девяти тысяч девятисот девяноста девяти").
MAX_NUMBER_WORDS = 7
# The place of each kind of word in a group: hundreds, then tens or teens, then units.
_RANKS = (HUNDREDS, TENS, TEENS, UNITS)

SCALES: dict[str, float] = {
    "тысяча": 1e3, "тыс": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9,
    "трлн": 1e12, "триллион": 1e12, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "mln": 1e6, "bn": 1e9,
}  # fmt: skip


def point_grouped(text: str) -> bool:
    """Whether ``text`` groups its thousands with points ("1.768", "2.500.000")."""
    return _POINT_GROUPED.fullmatch(text.strip()) is not None


def digits_pattern(language: Language) -> str:
    """A regular expression for one number in digits as ``language`` writes it: English
    "1,768" first, then the shapes of :data:`DIGITS`."""
    return f"{DIGITS_EN}|{DIGITS}" if language.comma_groups_thousands else DIGITS


def _groups_with_points(cleaned: str, language: Language, points_group: bool) -> bool:
    """Whether the points of ``cleaned`` group thousands: in a language that groups so
    (Russian) unless told not to, and always when there are two or more (a decimal point
    stands once)."""
    if not _POINT_GROUPED.fullmatch(cleaned):
        return False
    return cleaned.count(".") > 1 or (points_group and language.point_groups_thousands)


def parse_digits(text: str, language: Language = RUSSIAN, points_group: bool = True) -> float:
    """``"1 850,5"`` -> 1850.5; in English (:data:`~caspian.layers.news.language.ENGLISH`),
    ``"1,850.5"`` -> 1850.5 too.

    Russian writes a decimal comma, English groups thousands with commas: "1,768" is 1.768 in a
    Russian article and 1768 in an English one. For the same reason a point followed by exactly
    three digits groups thousands in a Russian article ("1.768 километров" is 1768 km; "1.5 км"
    stays 1.5); ``points_group=False`` reads it as a decimal point, as a figure before a scale
    word must be ("1.485 млн тонн" is 1.485 million: nobody writes 1485 million so). English
    text keeps the decimal point.

    Raises
    ------
    ValueError
        If ``text`` is not a number in one of the accepted shapes.
    """
    cleaned = text.strip()
    if language.comma_groups_thousands and _DIGITS_EN_WHOLE.fullmatch(cleaned):
        return float(cleaned.replace(",", ""))
    if not _DIGITS_WHOLE.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}")
    if _groups_with_points(cleaned, language, points_group):
        return float(cleaned.replace(".", ""))
    return float(_SPACES.sub("", cleaned).replace(",", "."))


def digits_step(text: str, language: Language = RUSSIAN, points_group: bool = True) -> float:
    """The value of one unit in the last digit written: ``"223,6"`` -> 0.1, ``"224"`` -> 1,
    ``"1.768"`` -> 1 (a thousands group, read as :func:`parse_digits` reads it); in
    English, ``"1,768"`` -> 1 (a thousands group) and ``"2.5"`` -> 0.1."""
    cleaned = text.strip()
    if language.comma_groups_thousands and _DIGITS_EN_WHOLE.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif _groups_with_points(cleaned, language, points_group):
        return 1.0
    decimals = _DECIMALS.search(cleaned)
    return 10.0 ** -len(decimals.group(1)) if decimals else 1.0


@lru_cache(maxsize=100_000)
def number_lemma(word: str) -> str | None:
    """The lemma of a Russian number word in any case ("двухсот" -> "двести"), else None."""
    if not _CYRILLIC.fullmatch(word):
        return None
    folded = word.lower().replace("ё", "е")
    if folded in _UNKNOWN_FORMS:
        return _UNKNOWN_FORMS[folded]
    for lemma in (best_lemma(word), *sorted(lemmas(word))):
        if lemma in NUMBER_WORDS:
            return lemma
    return None


def holds_number_word(text: str, start: int, end: int) -> bool:
    """Whether a run of Cyrillic letters of ``text[start:end]`` is a number word ("трёх":
    :func:`number_lemma`)."""
    found = number_word_starts(text, start, end)
    if found is None:
        return any(map(number_lemma, set(_CYRILLIC.findall(text, start, end))))
    return bool(found)


def number_word_starts(text: str, start: int, end: int) -> list[int] | None:
    """Where the runs of Cyrillic letters of ``text[start:end]`` that are number words begin,
    in order, looked up in the text's own (:func:`_number_word_runs`); None when the text is
    not split whole (:func:`caspian.layers.news.text.text_words`: a short text) or the range
    cuts a run of letters (its runs are then not the text's): the caller scans the range."""
    whole = text_words(text) if 0 <= start <= end <= len(text) else None
    if whole is None or _cuts_a_run(text, start) or _cuts_a_run(text, end):
        return None
    # A range that cuts no run holds the text's runs that lie in it, and no other.
    starts, ends = _number_word_runs(text)
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_right(ends, end, first)
    return starts[first:last]


def number_word_runs(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the runs of Cyrillic letters of ``text`` that are number words
    (:func:`number_lemma`), in order (the few texts read last remembered)."""
    return _number_word_runs(text)


def cuts_a_run(text: str, position: int) -> bool:
    """Whether ``position`` falls inside a run of Cyrillic letters of ``text`` (a range cut
    there holds a part of the run, which :func:`number_word_starts` does not list)."""
    return _cuts_a_run(text, position)


def _cuts_a_run(text: str, position: int) -> bool:
    """Whether ``position`` falls inside a run of Cyrillic letters of ``text``."""
    # two set lookups, not a pattern: asked at both ends of every sentence
    return (
        0 < position < len(text)
        and text[position - 1] in _CYRILLIC_LETTERS
        and text[position] in _CYRILLIC_LETTERS
    )


#: The letters of :data:`_CYRILLIC`.
_CYRILLIC_LETTERS = frozenset("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁё")


@per_text(maxsize=4)
def _number_word_runs(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the runs of Cyrillic letters of ``text`` that are number words,
    in order; found in the text's words (:func:`caspian.layers.news.text.text_words`: a
    run of letters lies in one word), each distinct word looked up once."""
    words = text_words(text) or word_list(text)
    holding = {
        word for word in set(words.texts) if any(map(number_lemma, _CYRILLIC.findall(word)))
    }
    starts, ends = [], []
    for index in itertools.compress(range(len(words)), map(holding.__contains__, words.texts)):
        for run in _CYRILLIC.finditer(words.texts[index]):
            if number_lemma(run.group()) is not None:
                starts.append(words.starts[index] + run.start())
                ends.append(words.starts[index] + run.end())
    return starts, ends


@cache
def number_words_pattern() -> str:
    """A regular expression for one number word in any case form (lower case; "ё" or "е"),
    longest forms first, for patterns that read a number inside a phrase ("в двух раза")."""
    forms = {form for lemma in NUMBER_WORDS for form in word_forms(lemma)} | set(_UNKNOWN_FORMS)
    longest_first = sorted(forms, key=lambda form: (-len(form), form))
    # the forms are folded: any "е" may be printed "ё" ("трёх")
    return "(?:" + "|".join(form.replace("е", "[её]") for form in longest_first) + r")(?!\w)"


def number_word(word: str) -> float | None:
    """The value of one Russian number word in any case ("трёх" -> 3), else ``None``."""
    lemma = number_lemma(word)
    return None if lemma is None else float(NUMBER_WORDS[lemma])


def _group(found: Sequence[str], index: int) -> tuple[int, int]:
    """The value and length of the group of hundreds, tens or teens and units that starts at
    ``found[index]`` (0, 0 when none does)."""
    value, size, rank = 0, 0, 0
    while index + size < len(found):
        lemma = found[index + size]
        place = next((i for i, table in enumerate(_RANKS) if lemma in table), None)
        if place is None or place < rank:
            break
        value += _RANKS[place][lemma]
        size += 1
        # after tens only units; after teens or units nothing
        rank = {0: 1, 1: 3, 2: 4, 3: 4}[place]
    return value, size


def compound_number(words: Sequence[str]) -> tuple[float, int] | None:
    """The Russian cardinal that starts ``words``, read whole: ``(value, words used)``.

    "двести двадцать четыре" -> (224, 3), "двух тысяч трёхсот" -> (2300, 3), "тысячу" ->
    (1000, 1), "полторы тысячи" -> (1500, 2), in any case. Reading stops where the numeral
    does (a second "двадцать" starts another number); ``None`` when ``words`` does not start
    with a number word, or starts with "тысяч" alone (thousands, not a count).
    """
    found: list[str] = []
    for word in words[:MAX_NUMBER_WORDS]:
        lemma = number_lemma(word)
        if lemma is None:
            break
        found.append(lemma)
    if not found:
        return None
    if found[0] == HALF_MORE:
        if len(found) > 1 and found[1] == THOUSAND:
            return 1500.0, 2
        return 1.5, 1
    value, size = _group(found, 0)
    if size < len(found) and found[size] == THOUSAND:
        if size == 0 and words[0].lower() in _PLURAL_THOUSANDS:
            return None
        rest, more = _group(found, size + 1)
        return float(max(value, 1) * 1000 + rest), size + 1 + more
    return (float(value), size) if size else None


def scale_word(word: str) -> float | None:
    """The multiplier of a scale word ("млн", "миллиардов", "тыс") else ``None``."""
    for lemma in (best_lemma(word), *sorted(lemmas(word))):
        if lemma.rstrip(".") in SCALES:
            return SCALES[lemma.rstrip(".")]
    return None
