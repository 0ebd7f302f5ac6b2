"""Numeric expressions of Russian news: quantities with units, growth factors, periods,
durations, deadlines and base years, found in one sentence.

Each reader is a small pure function over ``(text, start, end)`` that yields
:class:`Quantity` values with offsets into ``text``; :mod:`.claims` ties them to subjects.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache, lru_cache

from caspian.layers.news import numbers, timing, units
from caspian.layers.news.expression import YEAR as _YEAR
from caspian.layers.news.expression import Quantity, holds_digit, holds_word
from caspian.layers.news.hints import may_find, may_search, needs_words, reads_where
from caspian.layers.news.language import RUSSIAN, Language
from caspian.layers.news.magnitudes import (
    Reading,
    carried_unit,
    closes_sentence,
    currency_of_before,
    joined_range,
    listed_part,
    magnitude,
    parallel_part,
    part_of_which,
    range_start,
    range_top,
    tail,
    tail_tokens,
    unit_of_next,
)
from caspian.layers.news.text import best_lemma, lemmas, word_forms

_QUALIFIERS = {
    "почти": "almost", "около": "about", "примерно": "about", "порядка": "about",
    "приблизительно": "about", "более": "more than", "свыше": "more than",
    "больше": "more than", "превысить": "more than", "превышать": "more than",
    "менее": "less than", "меньше": "less than", "до": "up to", "almost": "almost",
    "about": "about", "over": "more than", "nearly": "almost", "up": "up to",
}  # fmt: skip
_GROWTH_VERBS = {
    "удвоить": 2.0, "удвоение": 2.0, "удваивать": 2.0, "вдвое": 2.0,
    "утроить": 3.0, "утроение": 3.0, "утраивать": 3.0, "втрое": 3.0,
    # "К 2030 году он может утроиться": the verbs of what grows by itself
    "удвоиться": 2.0, "удваиваться": 2.0, "утроиться": 3.0, "утраиваться": 3.0,
}  # fmt: skip
_HEDGES = r"почти|около|примерно|более\s+чем|свыше\s+чем|менее\s+чем|almost|nearly"
_DOTTED = {"долл", "руб", "тыс", "млн", "млрд", "трлн"}
_DURATION_UNITS = {"год": "yr", "лет": "yr", "месяц": "month", "день": "day", "неделя": "week"}
_WORD_RUN = re.compile(r"[А-Яа-яЁё]+")
_START = operator.methodcaller("start")
_YEAR_ONLY = re.compile(_YEAR)
# Containers counted in twenty-foot equivalent units; the unit may be named after the word
# "эквивалент" ("10 746 контейнеров в эквиваленте TEU", held388).
_TEU_AFTER = re.compile(
    r"\s*(?:\(\s*(?:ДФЭ|TEU)\s*\)|(?:ДФЭ|TEU)\b|в\s+(?:двадцатифутовом|20-футовом)\s+"
    r"эквиваленте|в\s+эквиваленте\s+(?:ДФЭ|TEU)\b)",
    re.IGNORECASE,
)
#: A counting word before what is counted: "100 тысяч единиц 20-футовых контейнеров".
_UNITS_OF = {"единиц", "единицы"}
_TWENTY_FOOT_BOXES = re.compile(r"\s+(?:20-|двадцати)футов[а-я]*\s+контейнер[а-я]*", re.I)
_TWENTY_FOOT = re.compile(r"(?:двадцатифутов|20-футов)[а-я]*", re.IGNORECASE)
# Words that may be a growth verb or adverb ("удвоить", "утроение", "вдвое"), checked by lemma.
_GROWTH_WORD = re.compile(r"(?<![А-Яа-яЁё])(?:[Уу]дв|[Уу]тр|[Вв]двое|[Вв]трое)[А-Яа-яЁё]*")
# Words each phrase must hold (see holds_word): a sentence without them is not scanned by the
# phrase's long pattern of number words, which costs far more per character.
# "раз" alone stands in "развитие", "образование": the whitespace before it is asked for too
# (a pattern that opens with whitespace is scanned fast even when it ignores case).
_GROWTH_HINT = needs_words(re.compile(r"\sраза?\b", re.IGNORECASE), ("раз",))
_PERIOD_HINT = ("месяц",)
_YEAR_HINT = ("год",)
_DURATION_HINT = (
    "течение", "протяжении", "ближайших", "следующих", "рассчитан", "через", "продолжал", "длил",
    "займ", "можно", "потребу",
)  # fmt: skip
# A growth said by a compound adjective of its factor: "более чем двукратный рост" (held384),
# "шестикратном росте", "трехкратное увеличение".
_FOLD_FACTORS = {"дву": 2.0, "двух": 2.0, "полутора": 1.5, "трех": 3.0, "трёх": 3.0,
                 "четырех": 4.0, "четырёх": 4.0, "пяти": 5.0, "шести": 6.0, "семи": 7.0,
                 "восьми": 8.0, "девяти": 9.0, "десяти": 10.0}  # fmt: skip
_FOLD_WORDS = "|".join(sorted(_FOLD_FACTORS, key=len, reverse=True))
_FOLD_GROWTH = needs_words(
    re.compile(
        rf"(?:\b({_HEDGES})\s+)?(?<![А-Яа-яЁё])({_FOLD_WORDS})"
        r"кратн[а-яё]*\s+(?:рост|увеличени)[а-яё]*",
        re.IGNORECASE,
    ),
    ("кратн",),
)
# The letters every growth word starts with (as case-sensitive as :data:`_GROWTH_WORD`).
_GROWTH_WORD_HINT = needs_words(re.compile(r"[УуВв](?:дв|тр)"), ("удв", "утр", "вдв", "втр"))
# The "от" of a range of figures ("разные объемы прокачки нефти … – от 40 до 80 млн. тонн в
# год"), not the "с" of a change, nor an "от" after a verb of change ("вырос от 40 до 80").
_FROM_RANGE = re.compile(r"(?<![^\W\d_])от\s+\Z", re.IGNORECASE)
_CHANGED_FROM = re.compile(
    r"(?:рос|увелич|сократ|сниз|уменьш|упа|повыс|подня)[а-яё]*\s+от\s+\Z", re.IGNORECASE
)
# "год" is in most sentences of figures: the scan asks for "за" too (hints.needs_words).
_WHOLE_YEAR = needs_words(re.compile(rf"\bза\s+({_YEAR})\s+год\b", re.IGNORECASE), ("за",))
# Half a year: "За полгода 2025-го", "за первое полугодие 2025 года", and with no year
# ("За первое полугодие перевалка грузов в Бакинском порту составила 2 млн тонн", held388:
# half a year of no year stated, no other article's whole year), the ordinal misspelt or the
# year the current one ("За первого полугодие нынешнего года", held388).
_HALF_YEAR_HINT = ("полгода", "полугодие")
_HALF_YEAR = needs_words(
    re.compile(
        rf"\bза\s+(?:полгода|(?:перв|втор)[а-яё]*\s+полугодие)"
        rf"(?:\s+({_YEAR})(?:-?го\b|\s+года\b)?|\s+(?:нынешнего|текущего|этого)\s+года\b)?",
        re.IGNORECASE,
    ),
    _HALF_YEAR_HINT,
)
# A gloss in brackets may stand between the unit and its "в год": "до 215 тыс. ДФЭ
# (двадцатифутовый эквивалент) в год" (held370).
_PER_YEAR = re.compile(
    r"(?:\s*\([^\W\d_][^()\d]{0,40}\))?"
    r"(?:\s+[^\W\d_]+){0,2}?\s*(в\s+год|ежегодно|per\s+year|a\s+year|/\s*yr)\b"
)


#: The Cyrillic capital the Kazakh press prints for the tenge sign before an amount ("Т20 млрд").
TENGE_LETTER = "Т"


@cache
def _prefix_currency(language: Language) -> re.Pattern[str]:
    """A currency sign before digits as ``language`` writes them ("$547", "$1,768"), the tenge's
    too, printed as its sign or, by the Kazakh press (KazTAG), as the capital letter it looks
    like, right before the digits ("Т42 млрд")."""
    signs = rf"[$€₽₸]|(?<!\w){TENGE_LETTER}(?=\d)"
    return re.compile(rf"({signs})\s?({numbers.digits_pattern(language)})")


@cache
def _digits_only(language: Language) -> re.Pattern[str]:
    """A number in digits as ``language`` writes them, not inside a word or another number."""
    # "(?=\d)" first: a look-behind tried at every position of the text is twice as slow.
    return re.compile(rf"(?=\d)(?<![\w.,])(?:{numbers.digits_pattern(language)})(?!\d)")


@cache
def _number_or_word(language: Language) -> re.Pattern[str]:
    """:func:`_digits_only`, or a run of Cyrillic letters (a number word perhaps)."""
    return re.compile(f"{_digits_only(language).pattern}|[А-Яа-яЁё]+")


@cache
def _number() -> str:
    """A number in digits or a cardinal in words ("двухсот двадцати четырёх"), for patterns
    that read one inside a phrase; built on first use (it asks pymorphy3 for the forms)."""
    word = numbers.number_words_pattern()
    return rf"(?:{numbers.DIGITS}|{word}(?:\s+{word}){{0,{numbers.MAX_NUMBER_WORDS - 1}}})"


@cache
def _phrase(name: str) -> re.Pattern[str]:
    """The compiled pattern of a phrase that holds a number (compiled once: each holds every
    case form of every number word)."""
    patterns = {
        # "в 3-4 раза": a range of factors
        "growth": rf"(?:\b({_HEDGES})\s+)?\bв\s+({_number()})(?:\s*[-–]\s*({_number()}))?"
        r"\s+раз(?:а)?\b",
        "period": rf"\bза\s+(?:первые\s+)?({_number()})\s+(месяц[а-я]*)"
        rf"(?:\s+({_YEAR})\s+года)?",
        # "Строительство рассчитано на пять лет": the time a work is planned to take; "а
        # строительство завершится через шесть лет": the time until it is done; "строительство
        # трубы продолжалось 12 лет" (held270): the time it took; "строительство займет около 3
        # лет" (held354): the time it will take.
        # "Восстановить … можно примерно за два года" (held212, held484): the time a work can
        # be done in; "Осуществление проекта потребует трех-четырех лет" (held617): the time
        # it will require, as "займёт".
        "duration": r"\b(?:(?:в\s+течение|на\s+протяжении|рассчитан[аоы]?\s+на|через|"
        r"можно(?:\s+(?:около|примерно|порядка|почти))?\s+за|"
        r"(?:займ(?:[её]т|ут)|потребу(?:ет|ют|ется|ются))(?:\s+(?:около|примерно|порядка|почти))?|"
        r"(?:продолжал|длил)(?:ось|ся|ась|ись))(?:\s+"
        r"(?:ближайших|следующих|последующих))?|ближайших|следующих|последующих)\s+"
        rf"({_number()})(?:\s*[-–]\s*({_number()}))?\s+(лет|год[а-я]*|месяц[а-я]*|"
        r"дн[а-я]*|недел[а-я]*)\b",
    }
    return re.compile(patterns[name], re.IGNORECASE)


def number_value(written: str) -> float | None:
    """The value of a number written in digits or as a whole Russian cardinal in words
    (``None`` when the words are not one cardinal, read whole)."""
    try:
        return numbers.parse_digits(written)
    except ValueError:
        pass
    found = numbers.compound_number(written.split())
    if found is None or found[1] != len(written.split()):
        return None
    return found[0] or None


def numbers_in(
    text: str, start: int, end: int, language: Language = RUSSIAN
) -> Iterator[tuple[int, int, float, float]]:
    """Numbers of ``text[start:end]`` as ``(start, end, value, step)``: digits, or a cardinal
    in words read whole ("двести двадцать четыре", "трёх", "одного"); ``step`` is the value of
    the last digit written (see :func:`caspian.layers.news.numbers.digits_step`; 1 for
    words)."""
    if numbers.holds_number_word(text, start, end):
        return numbers_and_words_in(text, start, end, language)
    # Most sentences hold no number in words: their numbers are the digits alone, found without
    # visiting every word in Python (the same matches: a run of letters never holds a digit).
    return digits_in(text, start, end, language)


def digits_in(
    text: str, start: int, end: int, language: Language = RUSSIAN
) -> Iterator[tuple[int, int, float, float]]:
    """The numbers in digits of ``text[start:end]``, as :func:`numbers_in` gives them."""
    if not holds_digit(text, start, end):
        return
    for match in _digits_only(language).finditer(text, start, end):
        written = match.group()
        yield (match.start(), match.end(), numbers.parse_digits(written, language),
               numbers.digits_step(written, language))  # fmt: skip


def numbers_and_words_in(
    text: str, start: int, end: int, language: Language = RUSSIAN
) -> Iterator[tuple[int, int, float, float]]:
    """:func:`numbers_in` read word by word: every run of letters is looked up as a number
    word."""
    taken_until = start
    # Searched from ``start`` (the look-behind still sees the text before it): rescanning the
    # text from its beginning for every sentence is quadratic in the document's length.
    pattern = _number_or_word(language)
    matches: Iterable[re.Match[str]] = pattern.finditer(text, start, end)
    word_starts = numbers.number_word_starts(text, start, end)
    if word_starts is not None:
        # The same matches less the words that are no number words (they are passed over
        # below): the digits, and the text's number words looked up, merged in text order.
        words = filter(None, (pattern.match(text, position, end) for position in word_starts))
        matches = sorted([*_digits_only(language).finditer(text, start, end), *words], key=_START)
    for match in matches:
        if match.start() < taken_until:
            continue
        written = match.group()
        if written[0].isdigit():
            value = numbers.parse_digits(written, language)
            yield match.start(), match.end(), value, numbers.digits_step(written, language)
            taken_until = match.end()
            continue
        if numbers.number_lemma(written) is None:
            continue
        run = list(itertools.islice(_WORD_RUN.finditer(text, match.start(), end),
                                    numbers.MAX_NUMBER_WORDS))
        found = numbers.compound_number([word.group() for word in _consecutive(text, run)])
        if found is None:
            continue
        value, size = found
        stop = run[size - 1].end()
        yield match.start(), stop, value, 0.1 if value % 1 else 1.0
        taken_until = stop


def _consecutive(text: str, run: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words of ``run`` up to the first that is not separated from the one before by
    whitespace alone."""
    kept = run[:1]
    for word in run[1:]:
        if text[kept[-1].end() : word.start()].strip():
            break
        kept.append(word)
    return kept


# The level a change reached, after its size: "На 58%, или до 2,1 млн тонн, выросла
# перевалка нефти" states 2.1 Mt handled, no "up to".
_REACHED_BY_CHANGE = re.compile(r"%\s*,?\s*или\s+до\s*\Z", re.IGNORECASE)


# The other end of a change from a figure: "с 18 тыс. TEU в 2022 году до", "с 0,8 млн до".
_FROM_FIGURE_TO = re.compile(r"\bсо?\s+\d[^;:!?]{0,50}?\sдо\s*\Z", re.IGNORECASE)


def _a_range_from(text: str, floor: int, figure: int) -> bool:
    """Whether "от" before ``figure`` opens a range of figures, no change (:data:`_FROM_RANGE`)."""
    return bool(
        _FROM_RANGE.search(text, max(floor, figure - 4), figure)
        and not _CHANGED_FROM.search(text, max(floor, figure - 30), figure)
    )


def _qualifier(text: str, start: int, floor: int) -> str | None:
    """A hedge among the three words before ``start`` ("почти", "более чем", "до"); none for
    the level a change reached (:data:`_REACHED_BY_CHANGE`)."""
    if _REACHED_BY_CHANGE.search(text, max(floor, start - 20), start):
        return None
    if _FROM_FIGURE_TO.search(text, max(floor, start - 60), start):
        return None  # "увеличиться с 18 тыс. TEU в 2022 году до 130 тыс. TEU": the level reached
    before = re.findall(r"[^\W\d_]+", text[max(floor, start - 40) : start])[-3:]
    for word in reversed(before):
        for lemma in (best_lemma(word), word.lower()):
            if lemma in _QUALIFIERS:
                return _QUALIFIERS[lemma]
    return None


#: Nouns of a change (lemmas, read through the morphology), the one list of them: the change a
#: percent sizes after "в" ("увеличение в 80% грузоперевозок", "рост в 12%") or set off by a
#: dash ("рост — 53%"), the change a percent made an adjective sizes ("50-процентное
#: снижение", :func:`percent_adjectives`), and a change in the genitive right after a percent,
#: a share of that change ("25% роста мирового спроса", :func:`of_a_change`).
CHANGE_NOUNS = frozenset(
    {"увеличение", "уменьшение", "рост", "прирост", "снижение", "сокращение", "падение", "спад"}
)


def is_change_noun(word: str) -> bool:
    """Whether ``word`` is a form of a noun of change (:data:`CHANGE_NOUNS`)."""
    return bool(lemmas(word) & CHANGE_NOUNS)


def _change_forms(grammemes: frozenset[str] = frozenset()) -> str:
    """The forms of :data:`CHANGE_NOUNS` (those holding ``grammemes``) as one alternation,
    longest first."""
    forms = {form for lemma in CHANGE_NOUNS for form in word_forms(lemma, grammemes)}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


@cache
def of_a_change() -> re.Pattern[str]:
    """A noun of change in the genitive singular, matched right at a position after spaces:
    "25% роста мирового спроса на нефть" (held460)."""
    return re.compile(rf"\s*(?:{_change_forms(frozenset({'gent', 'sing'}))})\b", re.IGNORECASE)


# A noun of change set right before a percent by a dash, colon or bracket: "наибольший рост —
# 53%", "Наиболее значительное увеличение (53%)" (held115).
_CHANGE_SET_OFF = re.compile(r"([^\W\d_]+)\s*[—–:(-]\s*\Z")
# A change's first size in digits joined by "и" to a percent: "вырастут на 10 и 12%" (held696).
_JOINED_CHANGE = re.compile(r"\bна\s+\d+(?:[.,]\d+)?\s*%?\s+и\s+\Z", re.IGNORECASE)


def _percent_of_change(text: str, position: int) -> bool:
    """Whether a percent at ``position`` is the size of a change: right after "на" ("выросла
    на 18 %"), or after "в" that follows a noun of change ("увеличение в 80%"), or right
    after a noun of change set off by a dash, colon or bracket ("рост — 53%"), or joined by
    "и" to a change's first size ("на 10 и 12%")."""
    before = text[max(0, position - 40) : position]
    found = re.findall(r"[^\W\d_]+", before)
    if not found:
        return False
    last = found[-1].lower()
    if last == "на":
        return True
    set_off = _CHANGE_SET_OFF.search(before)
    if set_off and is_change_noun(set_off[1]):
        return True
    if _JOINED_CHANGE.search(before):
        return True
    return last == "в" and len(found) > 1 and is_change_noun(found[-2])


def _unit_of(token: str) -> units.Unit | None:
    word = token.rstrip(".").lower().replace("ё", "е")
    if word in units.UNIT_WORDS:
        return units.UNIT_WORDS[word]
    for lemma in (best_lemma(token.rstrip(".")), *sorted(lemmas(token.rstrip(".")))):
        if lemma in units.UNIT_WORDS:
            return units.UNIT_WORDS[lemma]
        # "224-километровой": the unit is the adjective's stem word.
        if lemma.startswith("километров"):
            return units.LENGTH
    return None


# A unit written alone before a dash, as a label of the figure after it: "мощности перевалки
# составят 25 миллионов тонн, а перевалки контейнеров TEU — 500 тысяч" (held757). The word
# before the unit must be no number (that would be a figure of its own: "5 млн тонн — 500").
_UNIT_BEFORE_DASH = re.compile(r"(?<![\d\w])([^\W\d_]+)\s+([^\W\d_]+)\s*[—–]\s*\Z")
#: How far before a figure its unit, written before a dash, may start (characters).
_UNIT_BEFORE_REACH = 40


def _unit_before_dash(text: str, reading: Reading, floor: int) -> Reading | None:
    """``reading`` (a number after its scale word, its unit left out) with the unit written
    alone right before it and a dash (:data:`_UNIT_BEFORE_DASH`), the word before that unit
    no scale word; else None."""
    if reading.unit is not None or reading.scale == 1.0:
        return None
    match = _UNIT_BEFORE_DASH.search(
        text, max(floor, reading.start - _UNIT_BEFORE_REACH), reading.start
    )
    if match is None or numbers.scale_word(match[1]):
        return None
    unit = _unit_of(match[2])
    return None if unit is None else replace(reading, unit=unit)


def _containers_in_teu(text: str, position: int, end: int, twenty_foot: bool) -> int | None:
    """Where a count of containers stated in TEU ends ("контейнеров в двадцатифутовом
    эквиваленте", "контейнеров (ДФЭ)"), else ``None`` (boxes of any size are no TEU)."""
    match = _TEU_AFTER.match(text, position, end)
    if match:
        return match.end()
    return position if twenty_foot else None


def _per_year(text: str, position: int, end: int) -> int | None:
    """End of a "в год" / "per year" that follows within two words, else ``None``."""
    match = _PER_YEAR.match(text, position, end)
    return match.end() if match else None


# A "в год" said after a figure joined to this one: by "и" ("17 миллионов тонн и двух
# миллионов пассажиров в год"; the cargo named first, the joined figure in digits: "10
# миллионов тонн грузов и 50 тысяч контейнеров крупного объема в год", held504) or as its
# part after "в том числе" ("15 млн. тонн, в том числе 100 тыс. контейнеров в год"): the rate
# is both figures'.
_PER_YEAR_AFTER_JOINED = re.compile(
    r"(?:(?:\s+груз[а-яё]*)?\s+и\s+(?:[\d,.]+\s+)?[^\W\d_]+|,\s*в\s+том\s+числе\s+[\d,.]+)"
    r"(?:\s+[^\W\d_.]+\.?){0,3}?\s+в\s+год\b"
)


def _per_year_joined(text: str, position: int, end: int) -> bool:
    """Whether a figure joined to the one ending at ``position`` is counted "в год"."""
    return _PER_YEAR_AFTER_JOINED.match(text, position, end) is not None


def _reading(
    text: str, number: tuple[int, int, float, float], end: int, language: Language
) -> Reading:
    """What follows one number of :func:`numbers_in`: its scale word (a smaller magnitude
    after it added: "6 млн 108 тыс." is 6 108 000) and its unit."""
    number_start, number_end, value, step = number
    scale, added, added_step, stop = magnitude(text, number_end, end)
    written = text[number_start:number_end]
    if scale != 1.0 and numbers.point_grouped(written):
        # "1.485 млн тонн": before a scale word a point is a decimal point
        value = numbers.parse_digits(written, language, points_group=False)
        step = numbers.digits_step(written, language, points_group=False)
    unit, twenty_foot = None, False
    for token, token_end in tail_tokens(text, stop, end, 4):
        if _TWENTY_FOOT.fullmatch(token):
            twenty_foot = True  # "500 двадцатифутовых контейнеров"
            continue
        if token.lower() in _UNITS_OF and not twenty_foot:
            boxes = _TWENTY_FOOT_BOXES.match(text, token_end, end)
            if boxes:  # "100 тысяч единиц 20-футовых контейнеров"
                unit, stop = units.TEU, boxes.end()
                break
            continue
        unit = _unit_of(token)
        if token in units.NOT_AFTER_HYPHEN and "-" in text[stop : token_end - len(token)]:
            unit = None  # "83-м заседании": an ordinal's ending
        if unit is None and "контейнер" in lemmas(token.rstrip(".")):
            token_end -= token.endswith(".")  # a sentence's full stop
            teu_end = _containers_in_teu(text, token_end, end, twenty_foot)
            if teu_end is not None:
                unit, stop = units.TEU, teu_end
            break
        if unit:
            # a sentence's full stop is not part of "долларов."; an abbreviation's is
            keeps_dot = token.rstrip(".").lower() in _DOTTED
            stop = token_end - (token.endswith(".") and not keeps_dot)
        break
    yearly = (
        _per_year(text, stop, end) if unit and unit.quantity in ("mass", "containers") else None
    )
    step = added_step if added_step is not None else step * scale
    per_year = bool(yearly) or bool(
        unit and unit.quantity in ("mass", "containers") and _per_year_joined(text, stop, end)
    )
    return Reading(number_start, value, scale, added, step, unit, yearly or stop, per_year)


#: How far into the next sentence (characters) its first figure is read for a left-out unit.
_NEXT_REACH = 80


def _first_reading_after(text: str, end: int, language: Language) -> Reading | None:
    """The first figure of the text right after ``end`` (the next sentence's), or None."""
    stop = min(len(text), end + _NEXT_REACH)
    first = next(iter(numbers_in(text, end, stop, language)), None)
    return None if first is None else _reading(text, first, stop, language)


# Half a scale in one word, before a unit: "более полумиллиона TEU", "полмиллиарда долларов".
_HALF_SCALE = needs_words(
    re.compile(r"\bпол(?:у)?(?=(?:миллион|миллиард)[а-яё]*)", re.IGNORECASE),
    ("полмилли", "полумилли"),
)


def _half_scales(text: str, start: int, end: int, language: Language) -> Iterator[Quantity]:
    """The figures of half a scale word with a unit after it ("полумиллиона TEU": 500 000
    TEU); the scale's part of the word is read as a scale word after a number."""
    if not may_search(_HALF_SCALE, text, start, end):
        return
    for match in _HALF_SCALE.finditer(text, start, end):
        reading = _reading(text, (match.start(), match.end(), 0.5, 0.1), end, language)
        if reading.unit is None or reading.scale == 1.0:
            continue
        unit = reading.unit
        yield Quantity(
            unit.quantity,
            round(0.5 * reading.scale * unit.factor, 9),
            units.unit_label(unit.unit, reading.per_year),
            match.start(),
            reading.stop,
            _qualifier(text, match.start(), start),
            step=reading.step * unit.factor,
        )


# A length in hundreds fused into one adjective with its unit: "почти двухсоткилометрового
# участка" (200 km), "стокилометровый".
_FUSED_HUNDREDS = {"сто": 100, "двухсот": 200, "трехсот": 300, "трёхсот": 300,
                   "четырехсот": 400, "четырёхсот": 400, "пятисот": 500, "шестисот": 600,
                   "семисот": 700, "восьмисот": 800, "девятисот": 900}  # fmt: skip
_FUSED_LENGTH = needs_words(
    re.compile(
        rf"\b({'|'.join(sorted(_FUSED_HUNDREDS, key=len, reverse=True))})километров[а-яё]*",
        re.IGNORECASE,
    ),
    ("километров",),
)


def _fused_lengths(text: str, start: int, end: int) -> Iterator[Quantity]:
    """The lengths of :data:`_FUSED_LENGTH` in ``text[start:end]``: km, to the hundred."""
    if not may_search(_FUSED_LENGTH, text, start, end):
        return
    for match in _FUSED_LENGTH.finditer(text, start, end):
        value = float(_FUSED_HUNDREDS[match[1].casefold()])
        qualifier = _qualifier(text, match.start(), start)
        yield Quantity("length", value, "km", match.start(), match.end(), qualifier, step=100.0)


# A share printed as a vulgar fraction before the whole it divides: "на долю … пришлись ¾
# объема транспортировок" (75%).
_FRACTIONS = {"¼": 25.0, "½": 50.0, "¾": 75.0}
_FRACTION = needs_words(
    re.compile(r"([¼½¾])(?=\s+(?:объ[её]м|всего\b|общего\b))", re.IGNORECASE), tuple(_FRACTIONS)
)


def _fractions(text: str, start: int, end: int) -> Iterator[Quantity]:
    """The shares of :data:`_FRACTION` in ``text[start:end]``, in percent."""
    if not may_search(_FRACTION, text, start, end):
        return
    for match in _FRACTION.finditer(text, start, end):
        qualifier = _qualifier(text, match.start(), start)
        yield Quantity("percent", _FRACTIONS[match[1]], "%", match.start(), match.end(), qualifier)


#: An equals sign right after a figure and its unit: the unit explained ("(1 TEU = один
#: 20-футовый контейнер - ред.)", held554), no figure of the text's.
_DEFINED_AS = re.compile(r"\s*=")


# A power line's or substation's voltage class fused to its abbreviation: "прокладка воздушных
# линий электропередачи ВЛ-110 кВт от поселка Курык до порта" (held572, kV misprinted kW): the
# line's name, no power of a project.
_VOLTAGE_CLASS = re.compile(r"(?<![А-ЯЁA-Z])(?:ВЛ|ЛЭП|ПС)\s?[-–]?\s?\Z")


@reads_where(  # the tests of numbers_in, and the one-word figures read after them
    holds_digit, numbers.holds_number_word, _HALF_SCALE, _FUSED_LENGTH, _FRACTION
)
def measured(text: str, start: int, end: int, language: Language = RUSSIAN) -> Iterator[Quantity]:
    """Quantities with a unit: ``224-километровой``, ``10 млн тонн грузов в год``, ``$547
    million``, ``547 миллионов долларов``, ``400 Тбит/с``, ``1 300 МВт``, ``15 %``, ``6 млн
    108 тыс. тонн``, and both ends of ``с 0,8 млн до 4,5 млн тонн``."""
    readings = [
        _reading(text, number, end, language)
        for number in numbers_in(text, start, end, language)
        if not _YEAR_ONLY.fullmatch(text, number[0], number[1])
    ]
    range_ends: set[int] = set()
    joined_ends: set[int] = set()
    for index, reading in enumerate(readings):
        if index in joined_ends:
            continue
        upper: Reading | None = None
        if reading.unit is None and index + 1 < len(readings):
            following = readings[index + 1]
            opened = range_start(text, reading, following, start)
            joined = None if opened else joined_range(text, reading, following)
            if opened is not None and _a_range_from(text, start, reading.start):
                # "от 40 до 80 млн. тонн в год" (held265): one range of figures named, not a
                # change from one to the other ("с 0,8 млн до 4,5 млн тонн", both ends read)
                reading, upper = opened, following
                joined_ends.add(index + 1)
            elif opened is not None:
                reading = opened
                range_ends.add(index + 1)
            elif joined is not None:
                reading, upper = joined, following
                joined_ends.add(index + 1)
        if reading.unit is None and index:
            reading = (
                carried_unit(text, readings[index - 1], reading)
                or listed_part(text, readings[index - 1], reading, start)
                or parallel_part(text, readings[index - 1], reading, start)
                or part_of_which(text, readings[index - 1], reading)
                or reading
            )
        reading = _unit_before_dash(text, reading, start) or reading
        if reading.unit is None and index + 1 == len(readings) and closes_sentence(
            text, reading, end
        ):  # "составил 5,6 млн. Доля … составила более 5,1 млн тонн"
            reading = unit_of_next(reading, _first_reading_after(text, end, language)) or reading
        if reading.unit is None and index:
            reading = currency_of_before(text, readings[index - 1], reading, end) or reading
        unit = reading.unit
        if unit is None or _DEFINED_AS.match(text, reading.stop, end):
            continue
        if _VOLTAGE_CLASS.search(text, max(start, reading.start - 5), reading.start):
            continue
        label = units.unit_label(unit.unit, reading.per_year)
        # "выросла на 18 %", "увеличение в 80%" is growth in percent, not a share
        kind = (
            "growth"
            if unit is units.PERCENT and _percent_of_change(text, reading.start)
            else unit.quantity
        )
        # the "до" of a range's second end is no "up to"
        qualifier = None if index in range_ends else _qualifier(text, reading.start, start)
        yield Quantity(
            kind,
            round((reading.base * reading.scale + reading.added) * unit.factor, 9),
            label,
            reading.start,
            upper.stop if upper else reading.stop,
            qualifier,
            value_max=(
                round((upper.base * upper.scale + upper.added) * unit.factor, 9) if upper else None
            ),
            step=reading.step * unit.factor,
        )
    yield from _half_scales(text, start, end, language)
    yield from _fused_lengths(text, start, end)
    yield from _fractions(text, start, end)
    prefixed = _prefix_currency(language)
    signed = prefixed.finditer(text, start, end) if holds_digit(text, start, end) else ()
    for match in signed:
        unit = units.KZT if match[1] == TENGE_LETTER else units.UNIT_WORDS[match[1]]
        scale, stop = 1.0, match.end()
        tokens = tail(text, match.end(), end, 1)
        # the token keeps a full stop after it ("$600 миллионов."): a word's, not an
        # abbreviation's, whose lemma is then not found
        factor = numbers.scale_word(tokens[0][0].rstrip(".")) if tokens else None
        if match[1] == TENGE_LETTER and not factor:
            continue  # a letter and digits with no "млрд" after them may be a model's name
        if tokens and factor:
            scale, stop = factor, tokens[0][1]
        yield Quantity(
            unit.quantity,
            numbers.parse_digits(match[2], language) * scale,
            unit.unit,
            match.start(),
            stop,
            _qualifier(text, match.start(), start),
            step=numbers.digits_step(match[2], language) * scale,
        )


@reads_where(_GROWTH_HINT, _GROWTH_WORD_HINT, _FOLD_GROWTH)
def growth(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Growth factors: ``почти в пять раз``, ``в 2,5 раза``, ``утроить``, ``удвоение``,
    ``более чем двукратный рост``."""
    if may_search(_FOLD_GROWTH, text, start, end):
        for match in _FOLD_GROWTH.finditer(text, start, end):
            hedge = _QUALIFIERS.get(match[1].split()[0].lower()) if match[1] else None
            yield Quantity("growth", _FOLD_FACTORS[match[2].casefold()], "x", match.start(),
                           match.end(), hedge)  # fmt: skip
    hinted = may_search(_GROWTH_HINT, text, start, end) and _GROWTH_HINT.search(text, start, end)
    phrases = _phrase("growth").finditer(text, start, end) if hinted else ()
    for match in phrases:
        value = number_value(match[2])
        if value:
            hedge = _QUALIFIERS.get(match[1].split()[0].lower()) if match[1] else None
            yield Quantity(
                "growth",
                value,
                "x",
                match.start(),
                match.end(),
                hedge or _qualifier(text, match.start(), start),
                value_max=range_top(value, number_value(match[3]) if match[3] else None),
            )
    words = _GROWTH_WORD.finditer(text, start, end) if may_search(
        _GROWTH_WORD_HINT, text, start, end
    ) and _GROWTH_WORD_HINT.search(text, start, end) else ()
    for match in words:
        factor = _growth_verb(match.group())
        if factor:
            yield Quantity("growth", factor, "x", match.start(), match.end())


@lru_cache(maxsize=100_000)
def _growth_verb(word: str) -> float | None:
    """The factor of a growth word ("утроить" -> 3), else None."""
    return next((_GROWTH_VERBS[lemma] for lemma in lemmas(word) if lemma in _GROWTH_VERBS), None)


# A percent written before its number, the order of an estimate: "строительство обойдется в
# итоге процентов на 40 дороже расчетной суммы" (held265), about 40 % more.
_PERCENT_FIRST = needs_words(
    re.compile(r"\bпроцент(?:ов|а)?\s+на\s+(\d+(?:,\d+)?)(?![\d,])", re.IGNORECASE),
    ("процент", "процентов", "процента"),
)


@reads_where(_PERCENT_FIRST)
def percents_first(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Changes in percent written before their number, ``процентов на 40``: about so many
    percent (the inverted order hedges the figure)."""
    # the words every match holds first: the pattern ignores case, a scan of every character
    if not may_search(_PERCENT_FIRST, text, start, end):
        return
    for match in _PERCENT_FIRST.finditer(text, start, end):
        yield Quantity("growth", numbers.parse_digits(match[1]), units.PERCENT.unit,
                       match.start(), match.end(), "about")  # fmt: skip


@cache
def _percent_adjective() -> re.Pattern[str]:
    """A percent made an adjective of the change it sizes: "наблюдалось 50-процентное снижение
    перевалки нефти" (held758), "10-процентный рост": a change of so many percent, as "на 50
    процентов" is. Only before a noun of change (:data:`CHANGE_NOUNS`, any of its forms;
    "50-процентная доля" is a share, left to the share readers)."""
    return re.compile(
        rf"(?<![\d,])(\d+(?:,\d+)?)\s?-\s?процентн[а-яё]+\s+(?:{_change_forms()})\b",
        re.IGNORECASE,
    )


_PERCENT_ADJECTIVE_HINT = re.compile(r"-\s?процентн", re.IGNORECASE)


@reads_where(_PERCENT_ADJECTIVE_HINT)
def percent_adjectives(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Changes whose percent is an adjective before them: ``50-процентное снижение``."""
    if _PERCENT_ADJECTIVE_HINT.search(text, start, end) is None:
        return
    for match in _percent_adjective().finditer(text, start, end):
        yield Quantity("growth", numbers.parse_digits(match[1]), units.PERCENT.unit,
                       match.start(), match.start() + len(match[0].split()[0]))  # fmt: skip


@reads_where(_PERIOD_HINT, _YEAR_HINT, _HALF_YEAR_HINT)
def periods(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Reporting periods: ``за первые восемь месяцев 2025 года``, ``за 2024 год``, ``за
    полгода 2025-го``."""
    hinted = holds_word(text, start, end, _PERIOD_HINT)
    phrases = _phrase("period").finditer(text, start, end) if hinted else ()
    for match in phrases:
        value = number_value(match[1])
        if value:
            year = int(match[3]) if match[3] else None
            yield Quantity(
                "period",
                value,
                "month",
                match.start(),
                match.end(),
                extra={"year": year},
            )
    # Read in the sentence cut out: "\\b" at its start does not look at the text before it.
    hinted = holds_word(text, start, end, _YEAR_HINT)
    for months, pattern in ((12.0, _WHOLE_YEAR), (6.0, _HALF_YEAR)):
        searched = (hinted or months == 6.0) and may_search(pattern, text, start, end)
        for match in pattern.finditer(text[start:end]) if searched else ():
            yield Quantity(
                "period",
                months,
                "month",
                start + match.start(),
                start + match.end(),
                extra={"year": int(match[1]) if match[1] else None},
            )


# The year months are counted in, after them: "в течение двух месяцев текущего года" (held385)
# is a window of that year, no time a work takes.
_OF_A_YEAR = re.compile(
    r"\s+(?:(?:текущего|этого|нынешнего|прошлого|минувшего)\s+года|\d{4}\s+(?:года|г\.))",
    re.IGNORECASE,
)

# A year written in four digits after "в течение" is the period it names, never so many years:
# "то в течение 2022 года уже 448 335 машин" (held644) is the trucks of that year.
_CALENDAR_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")


@reads_where(_DURATION_HINT)
def durations(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Durations: ``в течение ближайших трёх лет``, ``ближайших 12-36 месяцев``, and ranges of
    number words, ``в течение четырёх-пяти лет``."""
    if not holds_word(text, start, end, _DURATION_HINT):
        return
    for match in _phrase("duration").finditer(text, start, end):
        value = number_value(match[1])
        unit = _DURATION_UNITS.get(best_lemma(match[3]), _DURATION_UNITS.get(match[3].lower()))
        if unit == "month" and _OF_A_YEAR.match(text, match.end(), end):
            continue  # "В течение двух месяцев текущего года": the months a volume is of
        if unit == "yr" and not match[2] and _CALENDAR_YEAR.fullmatch(match[1]):
            continue  # "в течение 2022 года" (held644): a period, that year, no duration
        if value and unit:
            maximum = range_top(value, number_value(match[2]) if match[2] else None)
            yield Quantity("duration", value, unit, match.start(), match.end(), value_max=maximum)


# The last so many years up to the publication: "за последние семь лет … увеличился почти в
# пять раз" (held07), "За последние четыре года они увеличились в семь раз" (held263), "за
# пять лет увеличились в семь раз" (held485): a change's window, its base year that many
# years before the page's. A year ("за 2024 год") is a reporting period, read by
# :func:`periods`.
_LAST_YEARS_HINT = ("лет", "года", "год")
_LAST_YEARS = needs_words(
    re.compile(rf"\bза\s+(?:последние\s+)?({_number()})\s+(?:лет|года?)\b", re.IGNORECASE),
    _LAST_YEARS_HINT,
)
#: The most years a window of the last years is read for: a larger number is a year.
_MOST_YEARS = 100


@reads_where(_LAST_YEARS_HINT)
def last_years(text: str, start: int, end: int) -> Iterator[Quantity]:
    """The window "за (последние) N лет": a base year (kind ``since``) ``N`` years before the
    publication's, ``extra["relative_years"]`` for :mod:`.claims` to resolve."""
    # both words every match holds: "за" and a word of years ("года" alone is in most
    # sentences of figures)
    if not holds_word(text, start, end, ("за",)) or not may_search(_LAST_YEARS, text, start, end):
        return
    for match in _LAST_YEARS.finditer(text, start, end):
        value = number_value(match[1])
        if value and value == int(value) and value <= _MOST_YEARS:
            yield Quantity("since", 0.0, "year", match.start(), match.end(),
                           extra={"relative_years": -int(value)})  # fmt: skip


READERS = (
    growth, percents_first, percent_adjectives, periods, durations, last_years,
    timing.deadlines, timing.events,
)  # fmt: skip


def quantities(text: str, start: int, end: int, language: Language = RUSSIAN) -> list[Quantity]:
    """Every numeric expression of ``text[start:end]``, in text order, overlaps dropped
    (a number read as a duration is not read again as a measure). ``language`` tells how
    digits are written (English reads commas as thousands separators: "1,768 km")."""
    # A sentence where no reader's hint holds is not read (most hold no digit, no number
    # word, no key word); the readers of one that is test their own hints.
    if not may_find((measured, *READERS), text, start, end):
        return []
    found = sorted(
        (
            *measured(text, start, end, language),
            *(item for reader in READERS for item in reader(text, start, end)),
        ),
        key=lambda item: (item.start, -(item.end - item.start)),
    )
    kept: list[Quantity] = []
    covered_until = start  # sorted by start: an overlap can only be with what reaches furthest
    for item in found:
        if item.start < covered_until:
            continue
        kept.append(item)
        covered_until = item.end
    return kept
