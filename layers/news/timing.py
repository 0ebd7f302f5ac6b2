"""When: deadlines, base years and dated events of one sentence.

* **deadlines**: ``до конца 2026 года``, ``к 2030 году``; a completion stated for a year
  (``будет завершено в 2027 году``, ``ввод запланирован на 2027 год``: only in a sentence
  that completes something, "строительство начнётся в 2026 году" is no deadline, or whose
  works bring a capacity, "в результате расширения порта в 2015 году будет обеспечен рост его
  пропускной способности", :func:`completes`); and the
  same relative to the publication ("до конца года", "в следующем году"), yielded with
  ``extra["relative_years"]`` for :mod:`.claims` to resolve against the page's date;
* **base years**: ``с 2020 года`` (kind ``since``);
* **years of a figure**: the year a volume is counted for ("в 2025 году сократился … до
  27,179 миллиона тонн с 29,470 миллиона тонн в 2024 году", "по итогам 2025 года", "на 2026
  год"): :func:`figure_year`;
* **events**: a date with its day, next to a verb that dates an event ("5 марта 2024 года
  подписали", "открыт 3 декабря 2025 года"): kind ``event``, the value the date's ordinal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from caspian.layers.news import dates
from caspian.layers.news.expression import (
    YEAR,
    YEAR_ENDING,
    Quantity,
    digit_run_starts,
    holds_digit,
    holds_word,
)
from caspian.layers.news.hints import may_search, needs_words, reads_where
from caspian.layers.news.text import (
    is_verbal,
    lemmas,
    per_text,
    range_lemmas,
    verb_time,
    word_list,
    words,
)

#: Words that say something is finished, opened or put into service.
COMPLETION = {
    "завершить", "завершиться", "завершение", "завершать", "ввести", "ввод", "сдать", "сдача",
    "запустить", "запуск", "открыть", "открытие", "заработать", "окончание", "закончить",
    "достроить", "готовый", "довести",
}  # fmt: skip
#: Works that raise a project's capacity, and the words of a capacity (by lemma): a year by
#: which such works bring a capacity is their completion ("в результате расширения порта в 2015
#: году будет обеспечен рост его пропускной способности до 20,5 миллиона тонн").
EXPANSION = {"расширение", "строительство", "реконструкция", "модернизация"}
CAPACITY_WORDS = {"мощность", "способность"}


#: Verbs of a working line, and its operation: started, they are its opening ("железная
#: дорога … начнет действовать в 2013 году", "в начале 2013 года начнется коммерческая
#: эксплуатация этого транспортного коридора"), not the start of works on it.
OPERATES = {"действовать", "функционировать", "эксплуатироваться", "эксплуатация"}


# A start of a line's operation, the verbs side by side: "железная дорога … начнет действовать
# в 2013 году" (not "запуск маршрута запланирован на начало следующего года, что позволит БТК
# функционировать на всю мощность": "начало" there dates), or in one: "железная дорога
# заработает в следующем году", "ЖД Баку-Тбилиси-Карс планируется сдать в 2013" (held257: a
# line handed over is commissioned), and its commissioning as a noun: "Ввод в эксплуатацию
# КАТБ … запланирован на 2009 год" (held657).
_OPENS = re.compile(
    r"\b(?:(?:начн[её]т|начнут|начал[аио]?|начинает|начинают)\s+"
    r"(?:действовать|функционировать|эксплуатироваться|работать)|заработа(?:ет|ют|л[аио]?)"
    r"|(?:начн[её]тся|начал[оа])\s+(?:коммерческ[а-яё]+\s+)?эксплуатаци[яи]"
    r"|сда(?:ть|ст|дут|н[аоы]?)|ввод(?:а|ом)?\s+в\s+эксплуатацию)\b",
    re.IGNORECASE,
)


def opens(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a sentence) starts a line's operation ("начнет
    действовать", "заработает"): its opening, the first stage of what is built on it later."""
    return _OPENS.search(text, start, end) is not None


#: Verbs and nouns that build or carry a project out: by a term ("к 2030 году", "до конца
#: года") they make it a deadline as a completion does ("будет построен в срок до 2030 года",
#: "к 2025 году планируем создать контейнерный хаб", "планируется строительство морского
#: терминала «Саржа» к 2025 году", "полное введение в эксплуатацию … планируется до конца
#: следующего года", "намерены реализовать к концу следующего года", "Срок реализации проекта
#: — январь — июнь 2026 года"), or bring it into service ("Новая магистраль войдет в
#: эксплуатацию к концу 2016 года").
BUILDS = {"построить", "строительство", "создать", "введение", "реализовать", "реализация",
          "эксплуатация"}  # fmt: skip


def builds_or_completes(said: frozenset[str] | set[str]) -> bool:
    """Whether a sentence of lemmas ``said`` completes something (:func:`completes`) or builds
    or carries it out (:data:`BUILDS`). A term in a sentence that does neither dates another
    plan: "до конца 2023 года по Каспию планируется выполнить 12-14 танкерных рейсов в месяц"
    (held295), "До конца 2027 года качественной связью планируется обеспечить более 3 тысяч
    сел" (held339), "рассчитывает к 2030 году увеличить объёмы генерации" (held586): of the
    31 terms the blind first runs found, this rejects 7, all wrong, and none of the 10 right.
    A term stays the horizon of the figures of its sentence (:mod:`.claims`)."""
    return completes(said) or bool(said & BUILDS)


def completes(said: frozenset[str] | set[str]) -> bool:
    """Whether a sentence of lemmas ``said`` completes something: a completion word
    (:data:`COMPLETION`), works that bring a capacity (:data:`EXPANSION` with
    :data:`CAPACITY_WORDS`), or a start of operation (:data:`STARTS` with :data:`OPERATES`)."""
    return (
        bool(said & COMPLETION)
        or bool(said & EXPANSION and said & CAPACITY_WORDS)
        or bool(said & STARTS and said & OPERATES)
    )


#: Verbs (and their nouns) that date an event.
EVENT_WORDS = {
    "подписать", "подписание", "открыть", "открытие", "запустить", "запуск", "начать",
    "начаться", "завершить", "завершиться", "ввести", "заключить", "утвердить",
    "ратифицировать", "состояться", "стартовать", "прибыть", "отправиться",
    # an act that dates a decision: "по указу Президента … от 25 февраля 2025 года"; a status
    # asked for and granted: "10 марта 2025 года … направили письмо … с просьбой присвоить
    # проекту … статус PMI", "Еврокомиссия 1 декабря 2025 года присвоила … статус"
    "указ", "распоряжение", "постановление", "направить", "присвоить",
    # a groundbreaking: "приняли участие в закладке фундамента железнодорожной линии"
    "закладка",
    # a presentation: "сегодня, 21 октября 2025 года, презентовали проект "Развитие Среднего
    # коридора"" (held325)
    "презентовать", "презентация",
    # the start of a line's fill with oil: "его заполнение нефтью - 18 мая 2005 года" (held381)
    "заполнение",
    # a joint statement adopted: "13 января правительства Армении и США приняли совместное
    # заявление о рамках реализации проекта TRIPP" (held407)
    "заявление",
}  # fmt: skip
# A range of years, the dash a minus sign too: "к 2026−2027 годам".
_ABSOLUTE = re.compile(
    rf"\b(до|к)\s+(конц[а-я]*\s+)?({YEAR}){YEAR_ENDING}(?:\s*[-–—−]\s*({YEAR}))?\s+год[а-я]*",
    re.IGNORECASE,
)
# The one deadline without "год": a bare "в 2026." closing a sentence.
_BARE_YEAR_TEXT = rf"в\s+({YEAR})(?=\s*[.!?])"
#: Where a deadline may stand without the word "год": a bare year closing its sentence, or a
#: year abbreviated "г." ("в первой половине 2005 г.", held269).
#: A part of a year closing its sentence stands without it too ("Полностью работы по проекту
#: Баку-Тбилиси-Карс будут завершены во второй половине 2013.", held317).
_PART_OF_YEAR = r"(?:квартал|полугоди|половин)[а-я]*\s+"
_BARE_PART_TEXT = rf"{_PART_OF_YEAR}({YEAR})(?=\s*[.!?])"
WITHOUT_YEAR_WORD = re.compile(
    rf"\b{_BARE_YEAR_TEXT}|\b{YEAR}\s+г\.|\b{_BARE_PART_TEXT}", re.IGNORECASE
)
# "в 2026 году", "на 2026 год", "в третьем квартале 2026 года", "в первой половине 2027
# года", the start of a year ("ввод в эксплуатацию запланирован в начале 2017 года"), its
# middle as a term ("все работы … будут завершены к середине 2026 года", held429; "в середине
# 2025 года" of a stage's works, held10, is left), and the bare year.
# The year abbreviated as outlets print it, "г." ("будет готов в первой половине 2005 г.",
# held269; "в 2015 г. закончится строительство сухогрузного терминала", held272).
_OF_YEAR = r"(?:года\b|г\.)"
_IN_YEAR = re.compile(
    rf"\b(?:в\s+({YEAR}){YEAR_ENDING}\s+(?:году\b|г\.)|на\s+({YEAR})\s+год\b|"
    rf"во?\s+(?:перв|втор|трет|четв[её]рт)[а-я]*\s+"
    rf"{_PART_OF_YEAR}({YEAR})(?:\s+{_OF_YEAR}|(?=\s*[.!?]))|в\s+начале\s+({YEAR})\s+{_OF_YEAR}|"
    rf"к\s+середин[а-яё]*\s+({YEAR})\s+{_OF_YEAR}|{_BARE_YEAR_TEXT}\b)",
    re.IGNORECASE,
)
# A quarter in Roman numerals, or a range of quarters: "во II-III квартале 2026 года".
_QUARTERS = re.compile(
    rf"\b[Вв]о?\s+[IV]{{1,3}}(?:\s*[-–]\s*[IV]{{1,3}})?\s+(?:квартал|полугоди)[а-я]*\s+({YEAR})\s+года\b"
    # a quarter a work is scheduled for: "Официальный старт эксплуатации намечен на третий
    # квартал 2026 года" (held287)
    rf"|\b[Нн]а\s+(?:[IV]{{1,3}}|перв|втор|трет|четв[её]рт)[а-я]*\s+(?:квартал|полугодие)\s+({YEAR})"
    rf"\s+года\b"
)
# A season of a year, perhaps its start, middle or end: "Летом 2005 года в эксплуатацию будет
# введен трубопровод" (held289), "заполнение первого танкера … намечено на начало весны 2006
# года" (held479). "лета", "летом" only: "лет" counts years.
_SEASON = re.compile(
    rf"\b(?:(?:в|на|к)\s+(?:(?:начал|конц|середин)[а-яё]*\s+)?)?"
    rf"(?:весн(?:а|ы|е|у|ой)|лет(?:о|а|ом)|осен(?:ь|и|ью)|зим(?:а|ы|е|у|ой))\s+({YEAR})\s+{_OF_YEAR}",
    re.IGNORECASE,
)
#: Words that schedule work for a time: a quarter they name is when it is to be done ("Работы
#: по прокладке кабеля планируются во II-III квартале 2026 года").
SCHEDULED = {"планироваться", "запланировать", "наметить", "намечаться"}
#: Words that start a work: the year beside them is its start, not its completion
#: ("Строительство началось в этом году, а закончить планируют к 2026−2027 годам").
STARTS = {"начаться", "начать", "начинаться", "стартовать", "старт", "начало"}
# Where a clause ends: punctuation, or a conjunction starting another clause.
_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:а|но|однако)\s")
# A year named relative to the publication, in the genitive (its offset: _OFFSET).
_WHICH_YEAR = r"(этого|текущего|следующего|будущего)\s+года\b"
_RELATIVE_END = needs_words(
    re.compile(rf"\b(?:до|к)\s+конц[а-я]*\s+(?:{_WHICH_YEAR}|года\b)", re.IGNORECASE), ("конц",)
)
_RELATIVE_IN = needs_words(
    re.compile(r"\bв\s+(этом|текущем|следующем|будущем)\s+году\b", re.IGNORECASE),
    ("этом", "текущем", "следующем", "будущем"),
)
# A quarter or half of a year named relative to the publication: "В третьем квартале
# следующего года планируется запуск проекта".
_RELATIVE_PART = re.compile(rf"\bв\s+(?:перв|втор|трет|четв[её]рт)[а-я]*\s+"
                            rf"(?:квартал|полугоди|половин)[а-я]*\s+{_WHICH_YEAR}", re.IGNORECASE)
# The middle of a year named relative to the publication, beside a completion: "будет сдана в
# эксплуатацию в середине текущего года", "к середине текущего года магистраль … будет сдана";
# and a year as a whole, "планируется завершить в течение следующего года".
_RELATIVE_MID = re.compile(rf"\b(?:в|к)\s+середин[а-яё]*\s+{_WHICH_YEAR}", re.IGNORECASE)
_RELATIVE_WITHIN = re.compile(rf"\bв\s+течение\s+{_WHICH_YEAR}", re.IGNORECASE)
# The start of a year named relative to the publication, beside a completion: "запуск
# маршрута запланирован на начало следующего года", "в начале следующего года".
_RELATIVE_START = re.compile(rf"\b(?:на|в)\s+начал[а-я]*\s+{_WHICH_YEAR}", re.IGNORECASE)
# "в конце следующего года": the end of a year, dated like "до конца года" but a deadline
# only beside a completion ("Завершить строительство планируют в конце следующего года").
_RELATIVE_AT_END = re.compile(rf"\bв\s+конц[а-я]*\s+(?:{_WHICH_YEAR}|года\b)", re.IGNORECASE)
# The end of a named year beside a completion: "Завершение работ … запланировано на конец
# 2026 года", "завершится в конце 2026 года".
# ("по состоянию на конец 2024 года" dates a figure: no deadline).
_AT_END_OF = re.compile(
    rf"\b(?<!состоянию\s)(?:на\s+конец|в\s+конце)\s+({YEAR})\s+года\b", re.IGNORECASE
)
_SINCE = re.compile(rf"\b[Сс]\s+({YEAR})\s+год[а-я]*")
# A base year's window said to run up to now, right after it: "с 2022 года по сегодняшний
# день уже вырос в четыре раза" (held74).
_TO_THIS_DAY = re.compile(
    r"\s+(?:по|до)\s+(?:сегодняшн(?:ий|его)\s+д(?:ень|ня)|настоящее\s+время|сей\s+день)\b",
    re.IGNORECASE,
)
# Looked up case-folded: a match with case ignored may hold a letter's other form ("ᲄ", the
# tall "т", folds to "т"; lower() keeps it).
_OFFSET = {"этого": 0, "текущего": 0, "этом": 0, "текущем": 0, "следующего": 1,
           "будущего": 1, "следующем": 1, "будущем": 1}  # fmt: skip
# Words that put a completion in the future: "будет завершена", "планируется завершить".
_FUTURE = re.compile(r"\b(?:будет|будут|планируется|планируют|ожидается|предстоит)\b", re.I)
# How far (characters) an event word may stand from its date.
_EVENT_REACH = 60


@reads_where(("год",), holds_digit)
def deadlines(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Deadlines (absolute, completions in a year, relative to the publication) and base
    years of ``text[start:end]``."""
    # The patterns that read a year in digits read it where a run of digits opens ("… 2026"):
    # a sentence with no such run is not scanned for them, nor one with neither a year nor a
    # word of a year named relative to the publication read further; nor for a bare year
    # (WITHOUT_YEAR_WORD: its year follows a space or a word boundary), unless the range opens
    # on a digit (inside a run perhaps, whose start the text's runs put before the range).
    a_year = holds_a_year(text, start, end)
    year_opens = a_year or holds_digit(text, start, start + 1)
    bare_year = year_opens and WITHOUT_YEAR_WORD.search(text, start, end)
    if not holds_word(text, start, end, ("год",)) and not bare_year:
        return  # every other pattern holds "год" ("года", "году"): most sentences do not
    dated = bool(bare_year) or a_year
    for match in _ABSOLUTE.finditer(text, start, end) if dated else ():
        if (
            _of_most_works(text, match, start, end)
            or _of_talks(text, match, start, end)
            or _of_earnings(text, match, start, end)
            or _of_rank(text, match, start, end)
        ):
            continue
        last = float(match[4]) if match[4] and int(match[4]) > int(match[3]) else None
        yield Quantity("deadline", float(match[3]), "year", match.start(), match.end(),
                       qualifier="end of" if match[2] else "by", value_max=last,
                       extra={"end_of_year": bool(match[2])})  # fmt: skip
    for match in _searched(_TERM_MONTHS, text, start, end) if dated else ():
        yield Quantity("deadline", float(match[2]), "year", match.start(1), match.end(1),
                       qualifier="by", extra={"end_of_year": False})  # fmt: skip
    for match in _searched(_RELATIVE_END, text, start, end):
        if _starts_work(text, match, start, end) or _of_talks(text, match, start, end):
            continue  # "Планируется, что процесс начнется к концу года" (held437): a start
        offset = _OFFSET[match[1].casefold()] if match[1] else 0
        yield Quantity("deadline", 0.0, "year", match.start(), match.end(), qualifier="end of",
                       extra={"end_of_year": True, "relative_years": offset})  # fmt: skip
    if not dated and not holds_word(text, start, end, _RELATIVE_WORDS):
        return
    said = range_lemmas(text, start, end)
    if "готовый" in said and _only_willing(text, start, end):
        said = said - {"готовый"}
    if said & (COMPLETION | SCHEDULED):
        for match in _QUARTERS.finditer(text, start, end) if dated else ():
            yield Quantity("deadline", float(match[1] or match[2]), "year", match.start(),
                           match.end(), qualifier="in", extra={"end_of_year": False})  # fmt: skip
        for match in _SEASON.finditer(text, start, end) if dated else ():
            if (
                _starts_around(text, match, start, end)
                or _of_talks(text, match, start, end)
                or _done(text, match, start, end)
            ):
                continue  # "весной 2026 года начнется строительство": a start
            yield Quantity("deadline", float(match[1]), "year", match.start(), match.end(),
                           qualifier="in", extra={"end_of_year": False})  # fmt: skip
    if completes(said):
        in_year = [match for match in (_IN_YEAR.finditer(text, start, end) if dated else ())
                   if not _starts_work(text, match, start, end)
                   and not _planned_before(text, match, start, end)
                   and not _of_talks(text, match, start, end)
                   and not _of_most_works(text, match, start, end)
                   and not _of_earnings(text, match, start, end)
                   and not _of_rank(text, match, start, end)
                   and not _denied(text, match, start, end)
                   and not _done(text, match, start, end)]  # fmt: skip
        relative = [match
                    for pattern in (_RELATIVE_IN, _RELATIVE_PART, _RELATIVE_START,
                                    _RELATIVE_MID, _RELATIVE_WITHIN)
                    for match in _searched(pattern, text, start, end)
                    if not _starts_work(text, match, start, end)
                    and not _of_talks(text, match, start, end)
                    and not _denied(text, match, start, end)
                    and not _done(text, match, start, end)]  # fmt: skip
        in_year.extend(
            match for match in (_IN_MONTH.finditer(text, start, end) if dated else ())
            if _ahead(text, match, start, end)
            and not _starts_work(text, match, start, end)
            and not _of_talks(text, match, start, end)
        )  # fmt: skip
        for match in in_year:
            if match.re is _IN_MONTH:
                yield Quantity("deadline", float(match[3]), "year", match.start(), match.end(),
                               qualifier="by" if match[1].lower() in ("до", "к") else "in",
                               extra={"end_of_year": False})  # fmt: skip
                continue
            year = next(group for group in match.groups() if group)
            yield Quantity("deadline", float(year), "year", match.start(),
                           match.end(), qualifier="in", extra={"end_of_year": False})
        for match in relative:
            yield Quantity("deadline", 0.0, "year", match.start(), match.end(), qualifier="in",
                           extra={"end_of_year": False,
                                  "relative_years": _OFFSET[match[1].casefold()]})  # fmt: skip
    if said & COMPLETION:
        for match in _AT_END_OF.finditer(text, start, end) if dated else ():
            yield Quantity("deadline", float(match[1]), "year", match.start(), match.end(),
                           qualifier="end of", extra={"end_of_year": True})  # fmt: skip
        for match in _RELATIVE_AT_END.finditer(text, start, end):
            offset = _OFFSET[match[1].casefold()] if match[1] else 0
            yield Quantity("deadline", 0.0, "year", match.start(), match.end(),
                           qualifier="end of",
                           extra={"end_of_year": True, "relative_years": offset})  # fmt: skip
    for match in _SINCE.finditer(text, start, end) if dated else ():
        # "с 2022 года по сегодняшний день": a window that ends when the page was written
        to_date = _TO_THIS_DAY.match(text, match.end(), end) is not None
        yield Quantity("since", float(match[1]), "year", match.start(), match.end(),
                       extra={"until_published": True} if to_date else {})  # fmt: skip


#: What every pattern of a year named relative to the publication holds (:data:`_WHICH_YEAR`,
#: :data:`_RELATIVE_IN`, "конец"), folded.
_RELATIVE_WORDS = ("этого", "текущего", "следующего", "будущего", "этом", "текущем", "следующем",
                   "будущем", "конц")  # fmt: skip


def holds_a_year(text: str, start: int, end: int) -> bool:
    """Whether a run of digits of ``text`` that opens in ``[start, end)`` starts as a year
    (:data:`YEAR`: "19", "20"): every year the patterns read follows a space."""
    # by bisection in the text's runs that open so, found once (asked of every sentence)
    starts = _year_run_starts(text)
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


@per_text(maxsize=4)
def _year_run_starts(text: str) -> list[int]:
    """Where the runs of digits of ``text`` that open with "19" or "20" begin, in order."""
    runs = digit_run_starts(text, 0, len(text))
    return [at for at in runs if text.startswith(("19", "20"), at)]


def _searched(pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, not scanned where the words every match holds
    are missing (:func:`caspian.layers.news.hints.needs_words`)."""
    return pattern.finditer(text, start, end) if may_search(pattern, text, start, end) else iter(())


#: Words of a part of the works, not their whole: "Большая часть работ будет завершена к 2012
#: году, и в 2013 году это будет путь в Европу" (held230), "основная часть строительства
#: завершится в 2012 году" (held383): no deadline of the project.
_MOST = frozenset({"большой", "основной", "значительный"})


def _clause_around(text: str, match: re.Match[str], start: int, end: int) -> tuple[int, int]:
    """Where the clause of ``match`` (within ``text[start:end]``, its sentence) opens and
    closes: the last clause mark before it (:func:`_own_clause_start`) and the first after."""
    after = _CLAUSE_END.search(text, match.end(), end)
    return _own_clause_start(text, start, match.start()), after.start() if after else end


def _of_most_works(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence)
    completes a part of the works ("большая часть", "основная часть"), not the project."""
    said = range_lemmas(text, _own_clause_start(text, start, match.start()), match.start())
    return "часть" in said and bool(said & _MOST)


def _of_talks(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence) ends
    negotiations, not the works: "В первой половине будущего года стороны должны завершить
    переговоры о технических деталях проекта TRIPP" (held250) is no deadline of the project."""
    return bool(range_lemmas(text, *_clause_around(text, match, start, end)) & (_TALKS | _CEREMONY))


#: Words of talks: negotiations, and the details the sides are to discuss or put on paper
#: ("До конца этого года мы должны описать все детали на бумаге", held544; "до конца текущего
#: года должны быть обсуждены все детали", held512): no deadline of the works.
_TALKS = frozenset({"переговоры", "деталь"})
#: A ceremony planned for a time is no deadline of the works either: "Проведение официальной
#: церемонии открытия турецкого участка … и терминала в Джейхане планируется на весну 2006
#: года после того, как нефть будет доставлена до этого порта" (held642): the works are done
#: before it.
_CEREMONY = frozenset({"церемония"})


#: Words of money earned: a year by which a profit is expected ("до 2020 года ожидается
#: прибыль в сотни миллионов манатов", held387) is a forecast of earnings, no deadline.
EARNINGS = {"прибыль", "доход", "выручка"}


def _of_earnings(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence) says
    what is to be earned by then (:data:`EARNINGS`), not what is to be done."""
    return bool(range_lemmas(text, *_clause_around(text, match, start, end)) & EARNINGS)


#: Words of a rank among countries or companies: a year by which a country plans to reach
#: one ("к 2012 году его страна планирует войти в пятерку крупнейших экспортеров нефти",
#: held689, said beside the BTC pipeline) is the country's goal, no deadline of a project.
RANKS = frozenset({"пятерка", "тройка", "десятка", "двадцатка", "лидер"})


def _of_rank(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence) says
    what rank is to be reached by then (:data:`RANKS`; "войти в число" too), not what is to
    be done."""
    said = range_lemmas(text, *_clause_around(text, match, start, end))
    return bool(said & RANKS) or {"войти", "число"} <= said


#: Words that speed a work up: a year in whose clause works are sped up is no completion ("В
#: текущем году будет ускорено строительство железной дороги …, и с ее вводом в эксплуатацию
#: появится …", held335: the opening is the next clause's, of no year).
SPEEDS = {"ускорить", "ускорение", "ускориться"}


# A plan the text says was made before and given up: "ее сдача в эксплуатацию ранее
# планировалась к середине 2011 года" (held230).
_PLANNED_BEFORE = re.compile(r"\bранее\s+(?:планировал|намечал|предполагал)[а-я]*", re.IGNORECASE)


# "Готов" before an infinitive is willing, not ready: "Казахстан готов увеличить прокачку
# нефти по БТД на 46% в 2026 году" (held367) completes nothing; "будет готов в 2005 г." does.
_READY = re.compile(r"\bготов(?:а|о|ы)?\b", re.IGNORECASE)
_WILLING = re.compile(r"\bготов(?:а|о|ы)?\s+[а-яё]+(?:ть|ться|ти)\b", re.IGNORECASE)


def _only_willing(text: str, start: int, end: int) -> bool:
    """Whether every "готов" of ``text[start:end]`` stands before an infinitive (willing to)."""
    return len(_READY.findall(text, start, end)) == len(_WILLING.findall(text, start, end))


def _planned_before(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence) says
    it was planned before (:data:`_PLANNED_BEFORE`): no deadline the text states."""
    return bool(_PLANNED_BEFORE.search(text, *_clause_around(text, match, start, end)))


# "не" before a verb: "не планирует", "не будет".
_NOT = re.compile(r"\bне\s+([а-яё]+)", re.IGNORECASE)


#: Words that put what a clause completes ahead, whatever its verb's form: a plan, an
#: expectation, an intention, an obligation ("Ожидается, что … завершится", "намерен …
#: завершить", "должны быть завершены").
_AHEAD_WORDS = frozenset(
    SCHEDULED | {"планировать", "ожидаться", "предполагаться", "намерен", "намереваться",
                 "должный", "предстоять", "прогнозироваться"}
)  # fmt: skip


def _done(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence) says
    the completion is done: a completion word (:data:`COMPLETION`) in the past ("в текущем
    году завершено строительство вторых путей", held150; "Нефтепровод был запущен летом 2006
    года", held539), no verb of the clause in the future or the infinitive and no word of a
    plan (:data:`_AHEAD_WORDS`). A completion done is an event, no deadline."""
    clause_words = word_list(text, *_clause_around(text, match, start, end)).texts
    times = [verb_time(word) for word in clause_words]
    if "futr" in times or "infn" in times:
        return False
    said = frozenset().union(*map(lemmas, clause_words))
    if said & _AHEAD_WORDS:
        return False
    return any(
        time == "past" and lemmas(word) & COMPLETION
        for word, time in zip(clause_words, times, strict=True)
    )


def _denied(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence)
    denies its verb ("не" before a form of a verb, :func:`is_verbal`): "В будущем году Армения
    не планирует восстанавливать инфраструктуру, необходимую для запуска Зангезурского
    коридора" (held647) is no plan, so no deadline."""
    clause_of = _clause_around(text, match, start, end)
    return any(is_verbal(found[1]) for found in _NOT.finditer(text, *clause_of))


def _starts_work(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of a year ``match`` (within ``text[start:end]``, its sentence)
    starts a work (:data:`STARTS`) or speeds one up (:data:`SPEEDS`) and completes none:
    "Строительство началось в этом году"."""
    said = range_lemmas(text, *_clause_around(text, match, start, end))
    return bool(said & (STARTS | SPEEDS)) and not completes(said)


def _starts_around(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """:func:`_starts_work` of the clause around a time ``match`` that may itself say
    "начало" ("на начало весны 2006 года"): the words of the match left out."""
    opens, closes = _clause_around(text, match, start, end)
    said = range_lemmas(text, opens, match.start()) | range_lemmas(text, match.end(), closes)
    return bool(said & (STARTS | SPEEDS)) and not completes(said)


# A year a figure is counted for: "в 2025 году", "за 2024 год", "по итогам 2025 года", "на
# 2026 год" (not "к 2030 году": that is a horizon), and "году" with its "в" left out, right
# after a comma: "По данным нацкомпании, 2022 году ожидается рост … до 50 тыс. ДФЭ".
_YEAR_OF = re.compile(
    rf"\b(?:(?:в|за)\s+({YEAR}){YEAR_ENDING}\s+(?:году|год\b|г\.)|по\s+итогам\s+({YEAR})\s+года|"
    rf"на\s+({YEAR})\s+год\b)|(?<=[,;:]\s)({YEAR})\s+году\b",
    re.IGNORECASE,
)
# The year before the publication's, counted for: "Только за прошлый год перевозки
# увеличились на 62 процента" (no deadline: a year gone).
_LAST_YEAR = re.compile(
    r"\b(?:в\s+(?:прошлом|минувшем)\s+году|за\s+(?:прошлый|минувший)\s+год)\b", re.IGNORECASE
)
# Any year written as one ("2013 года", "2018 году", "2006 г."): what an excerpt that prints
# no publication date says of when it was written.
_YEAR_WRITTEN = re.compile(rf"\b({YEAR})\s+(?:год|г\.)", re.IGNORECASE)


def latest_year_written(text: str) -> int | None:
    """The last year ``text`` writes as a year ("В первом квартале 2018 года": 2018), or
    None: no article speaks in the past of a year after it was published."""
    years = [int(match[1]) for match in _YEAR_WRITTEN.finditer(text)]
    return max(years) if years else None


def heading_year(text: str, before: int) -> int | None:
    """The year of the last heading before offset ``before`` that writes one: a line in
    capitals with a year ("ЯНВАРЬ — ИЮНЬ 2021 ГОДА", a chronicle's heading over its entries),
    which dates the days and months written under it; else None."""
    headings = _year_headings(text)
    at = bisect.bisect_right(headings, before, key=lambda heading: heading[0])
    return headings[at - 1][1] if at else None


@per_text(maxsize=4)
def _year_headings(text: str) -> list[tuple[int, int]]:
    # the text's headings with a year found once, as (year's end, year), not per entry dated
    found = []
    for match in _YEAR_WRITTEN.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if text[start : end if end >= 0 else len(text)].isupper():
            found.append((match.end(), int(match[1])))
    return found


#: How far (characters) after a figure a horizon stands when it follows it right after (one
#: space): "до 130 тыс. TEU к 2040 году".
_HORIZON_RIGHT_AFTER = 1
#: How far (characters) after a figure a year may stand and still be the figure's own.
_YEAR_AFTER_REACH = 30


def years_stated(
    text: str, start: int, end: int, this_year: int | None = None
) -> list[tuple[int, int, int]]:
    """Each year ``text[start:end]`` counts something for, as ``(start, end, year)``, in text
    order; "в текущем году" and "в этом году" are ``this_year`` (the publication's), "за
    прошлый год" the one before, when known."""
    found = [
        (match.start(), match.end(), int(next(group for group in match.groups() if group)))
        for match in _YEAR_OF.finditer(text, start, end)
    ]
    if this_year is not None:
        found.extend(
            (match.start(), match.end(), this_year + _OFFSET[match[1].casefold()])
            for match in _searched(_RELATIVE_IN, text, start, end)
        )
        found.extend(
            (match.start(), match.end(), this_year - 1)
            for match in _LAST_YEAR.finditer(text, start, end)
        )
    return sorted(found)


_MONTH = (r"(?:(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)"
          r"[а-я]*|ма[йяе])")
# A window of months a volume is counted over: "в июле", "в январе-августе 2025 года", and a
# monthly rate: "в среднем … в месяц".
_MONTHS_OF = re.compile(
    rf"\bв\s+({_MONTH})(?:\s*[-–]\s*({_MONTH}))?(?:\s+({YEAR})\s+года)?\b|\bв\s+месяц\b",
    re.IGNORECASE,
)
_MONTH_NUMBERS = {stem: number for number, stem in enumerate(
    ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
     "ноябр", "декабр"), start=1)}  # fmt: skip


# A project's term given as months of a year: "Срок реализации проекта — январь — июнь 2026
# года" (held413): done by the last month, a deadline of that year.
_TERM_MONTHS = needs_words(
    re.compile(
        rf"\bсрок[а-я]*\s+(?:реализации|завершения|строительства|выполнения|окончания)"
        rf"(?:\s+[а-яё]+){{0,2}}\s*[—–-]\s*((?:{_MONTH}\s*[—–-]\s*)?{_MONTH}\s+({YEAR})\s+года)",
        re.IGNORECASE,
    ),
    ("срок", "сроки", "срока", "сроков"),
)


# A month of a named year beside a completion: "Первая фаза строительства … завершится в мае
# 2018 года" (held122), "будет полностью сдана в эксплуатацию до ноября 2016 года" (held646),
# "Завершение первого этапа строительства запланировано на декабрь 2014 года" (held279). One
# month only, "в" right before it: "в январе-мае 2018 года" is a window, no deadline; "по
# состоянию на февраль 2026 года" dates a state. Only a month ahead, its clause in the future
# (:data:`_AHEAD`): a month gone, "Проект введен в эксплуатацию в сентябре 2025 года", is a
# past event with no day, no claim (docs/news-annotation.md).
_IN_MONTH = re.compile(
    rf"\b(?<!состоянию\s)(в|во|до|к|на)\s+({_MONTH})\s+({YEAR})\s+{_OF_YEAR}", re.IGNORECASE
)
# A clause in the future: "будет сдана", "планируется", "запланировано на", or a perfective
# verb of completion in the future ("завершится", "закончатся").
_AHEAD = re.compile(
    r"\b(?:будет|будут|планиру[а-яё]+|запланирован[а-яё]*|ожидается|предстоит|намечен[а-яё]*"
    r"|заверш[иа]тся|законч[иа]тся)\b",
    re.IGNORECASE,
)


def _ahead(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the clause of ``match`` in its sentence ``text[start:end]`` speaks of what is
    ahead (:data:`_AHEAD`)."""
    return _AHEAD.search(text, *_clause_around(text, match, start, end)) is not None


def _month_number(word: str) -> int:
    """1-12 for a month's name in any case (:data:`_MONTH` matched it; "март" is tried
    before "ма"); case-folded, as a match with case ignored may hold a letter's other form
    ("ᲄ", the tall "т")."""
    lowered = word.casefold()
    return next(number for stem, number in _MONTH_NUMBERS.items() if lowered.startswith(stem))


# A window from the start of the year to the report: "С начала года по … маршруту перевезено
# 4,1 млн тонн грузов".
_YEAR_TO_DATE = re.compile(r"\bс\s+начала\s+(?:(?:этого|текущего)\s+)?года\b", re.IGNORECASE)


def year_to_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` counts from the start of the year to the report ("С начала
    года"): a window shorter than the year, of the publication's year."""
    return _YEAR_TO_DATE.search(text, start, end) is not None


def months_stated(
    text: str, start: int, end: int, published: tuple[int, int] | None = None
) -> tuple[int, int | None] | None:
    """The first window of months ``text[start:end]`` counts a volume over, as ``(months,
    year)``: "в июле" (1, the last July up to ``published``, a ``(year, month)``), "в
    январе-августе 2025 года" (8, 2025), "в месяц" (1, None: a monthly rate); else None."""
    match = _MONTHS_OF.search(text, start, end)
    if match is None:
        return None
    if match[1] is None:
        return 1, None
    first = _month_number(match[1])
    last = _month_number(match[2]) if match[2] else first
    if match[3]:
        return last - first + 1, int(match[3])
    if published is None:
        return last - first + 1, None
    year, month = published
    return last - first + 1, year if last <= month else year - 1


def monthly_rate(text: str, start: int, end: int) -> bool:
    """Whether the first window of months in ``text[start:end]`` (:func:`months_stated`) is a
    rate per month ("около 200 тыс. тонн в месяц"), not a month of the calendar ("в январе")."""
    match = _MONTHS_OF.search(text, start, end)
    return match is not None and match[1] is None


def figure_year(
    years: list[tuple[int, int, int]], figure: tuple[int, int], clause: tuple[int, int],
    horizons: list[int],
) -> tuple[int, str] | None:
    """The year a volume at ``figure`` is counted for, and how it was found: the last year
    before it in its clause ("в 2024 году - 4,484 млн тонн"), else one right after it in its
    clause ("29,470 миллиона тонн в 2024 году"), else the last one before it in its sentence
    with no horizon ("к 2030 году", at ``horizons``) between; ``years`` are the sentence's
    (:func:`years_stated`). None for a figure a horizon follows right after ("до 130 тыс. TEU
    к 2040 году"): a forecast for that horizon, not the year its change starts from."""
    start, end = figure
    if any(end <= horizon <= end + _HORIZON_RIGHT_AFTER for horizon in horizons):
        return None  # "с 18 тыс. TEU в 2022 году до 130 тыс. TEU к 2040 году": the horizon's
    before = [year for year in years if year[1] <= start]
    after = [year for year in years
             if end <= year[0] <= min(clause[1], end + _YEAR_AFTER_REACH)]  # fmt: skip
    # a year that opens the clause right after the figure before is that one's: "с 0,8 млн
    # тонн в 2020 году до 4,5 млн тонн в 2024 году" (4,5 is 2024's)
    owned = before and after and before[-1][0] - clause[0] <= 1
    if before and before[-1][0] >= clause[0] and not owned:
        return before[-1][2], "clause"
    if after:
        return after[0][2], "after"
    if before and not any(before[-1][1] <= horizon < start for horizon in horizons):
        return before[-1][2], "sentence"
    return None


#: An event word that only says an event took place: the event is the noun after it.
_TOOK_PLACE = "состояться"
#: How many words after :data:`_TOOK_PLACE` may name its event.
_TOOK_PLACE_REACH = 3


#: A signing, and what it signs when that is a memorandum (of understanding, of intent): one
#: of the many a project's parties sign, an event of its own, not the signing of the project's
#: agreement ("1 октября … главы железнодорожных ведомств Азербайджана, Турции и Грузии
#: подписали Меморандум о взаимопонимании "Об организации грузоперевозок …"", held209, is not
#: the BTK agreement "подписан 8 февраля 2007", held257).
_SIGNING = {"подписать", "подписание"}
_MEMORANDUM = "меморандум"
#: How many words after the signing may name the memorandum.
_SIGNED_REACH = 3


def _event_word(text: str, start: int, end: int) -> str | None:
    """The first word of ``text[start:end]`` that dates an event, by lemma; after "состояться"
    the event word among the few words that follow, when one stands there ("состоится
    официальное открытие": ``открытие``, not any meeting that "состоялось", held303)."""
    tokens = [lemmas(word.text) for word in words(text, start, end)]
    for index, lemma_set in enumerate(tokens):
        found = lemma_set & EVENT_WORDS
        if not found:
            continue
        if _TOOK_PLACE in found:
            for after in tokens[index + 1 : index + 1 + _TOOK_PLACE_REACH]:
                named = after & EVENT_WORDS - {_TOOK_PLACE}
                if named:
                    return min(named)
        if found & _SIGNING and any(
            _MEMORANDUM in after for after in tokens[index + 1 : index + 1 + _SIGNED_REACH]
        ):
            return _MEMORANDUM
        return min(found)
    return None


# An event of the day announced in the future tense.
_ANNOUNCED = re.compile(r"\b(?:состоится|состоятся|пройд[её]т|будет|будут)\b", re.IGNORECASE)
# A day and month with no year opening a sentence: "29 января в Тбилиси … подписаны договоры";
# or said to be today, anywhere in it: "В турецкой провинции Карс сегодня, 22 августа,
# состоялась церемония закладки фундамента".
_DAY_MONTH_OPENING = re.compile(
    rf"(?:\s*|.*?\bсегодня,?\s+)(\d{{1,2}})\s+({_MONTH})\b(?!\s*,?\s*\d{{4}})",
    re.IGNORECASE,
)
# What :data:`_DAY_MONTH_OPENING`'s first branch opens with.
_OPENING_DIGIT = re.compile(r"\s*\d")


# A day and month, not an end of a window ("с 1 января", "по 30 сентября", "на 1 октября",
# "до 5 марта"): "13 сентября из порта Актау было отправлено 8,8 тыс. тонн нефти".
_DAY_MONTH = re.compile(
    rf"(?<!\bс\s)(?<!\bпо\s)(?<!\bна\s)(?<!\bдо\s)\b([0-3]?\d)\s+{_MONTH}\b", re.IGNORECASE
)


def dated_to_a_day(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a sentence before a volume) dates one day: a volume
    sent on a day ("13 сентября … было отправлено 8,8 тыс. тонн нефти") is one shipment, not
    a project's traffic, which is counted over months or years."""
    return any(1 <= int(found[1]) <= 31 for found in _DAY_MONTH.finditer(text, start, end))


def _events_of_the_year(text: str, start: int, end: int) -> Iterator[Quantity]:
    """An event dated by a day and month that open its sentence or are said to be today
    ("сегодня, 22 августа"), with no year (they date the sentence's event word, wherever it
    stands): the year is the publication's, so it is
    yielded with ``extra["day_month"]`` for :mod:`.claims` to resolve against the page's
    date."""
    # Either a digit opens the sentence or "сегодня" is in it: else the pattern's lazy scan
    # for "сегодня" would step through the whole sentence to find nothing.
    opens = _OPENING_DIGIT.match(text, start, end) or holds_word(text, start, end, ("сегодня",))
    found = _DAY_MONTH_OPENING.match(text, start, end) if opens else None
    if found is None or not 1 <= int(found[1]) <= 31:
        return
    if _ANNOUNCED.search(text, found.end(), end):
        return  # "Сегодня, 22 августа, … состоится церемония": announced, not yet happened
    event = _event_word(text, found.end(), end)
    if event is None or (event in COMPLETION and _FUTURE.search(text, start, end)):
        return
    yield Quantity("event", 0.0, "date", found.start(1), found.end(),
                   extra={"event": event, "day_month": (int(found[1]), _month_number(found[2]))})


def _own_clause_start(text: str, start: int, date: int) -> int:
    """Where the clause of a date at ``date`` opens, looked for from ``start``: an event word
    before the date is read in it only ("Строительство трубопровода началось в апреле 2003
    года, а его заполнение нефтью - 18 мая 2005 года", held381: the fill, not the start of
    construction, is dated)."""
    edges = [edge.end() for edge in _CLAUSE_END.finditer(text, start, date)]
    return edges[-1] if edges else start


# The date a figure is given as of, right before it: "(по состоянию на 1 апреля 2013 года) по
# нему прокачано 212,795 млн. тонн" — no event happened that day.
_AS_OF = re.compile(r"\bпо\s+состоянию\s+на\s*\Z", re.IGNORECASE)


#: Acts whose date follows them after "от", the one who issued them between.
_ACTS = frozenset({"указ", "распоряжение", "постановление"})
# A date right after "от": the date of the act named before it.
_OF_DATE = re.compile(r"\bот\s*\Z", re.IGNORECASE)
#: How far before its date (characters) an act may be named, its issuer's title and name
#: between: "в соответствии с Указом Президента Азербайджанской Республики Ильхама Алиева от 25
#: февраля 2025 года" (held790) holds 65 characters between.
_ACT_REACH = 120


def _act_dated(text: str, start: int, date: int) -> str | None:
    """The act (:data:`_ACTS`) named in the clause of a date at ``date`` that "от" opens
    ("Указом Президента … от 25 февраля 2025 года"), looked for from ``start``; else None."""
    for word in words(text, _own_clause_start(text, start, date), date):
        found = lemmas(word.text) & _ACTS
        if found:
            return min(found)
    return None


@reads_where(holds_digit)  # every date :func:`dates.find_dates` reads holds digits
def events(text: str, start: int, end: int) -> Iterator[Quantity]:
    """Dated events: a date with its day ("5 марта 2024 года", "05.03.2024") and an event
    word within a few words after it, else before it ("подписали 5 марта 2024 года"); a day
    and month opening the sentence, of the publication's year (:func:`_events_of_the_year`)."""
    yield from _events_of_the_year(text, start, end)
    for found in dates.find_dates(text, start, end):
        if re.search(r"\b(?:до|к)\s*\Z", text[max(start, found.start - 4) : found.start]):
            continue  # "до 5 марта 2026 года" is a deadline, not an event
        if _AS_OF.search(text[max(start, found.start - 24) : found.start]):
            continue  # "по состоянию на 1 апреля 2013 года" dates a figure, no event
        # a date opening its sentence dates the sentence's event wherever it stands ("14 мая
        # 2018 года при участии президента Азербайджана … в поселке Аляты (Гарадагский район
        # Баку) состоялось открытие международного морского порта", held405), as a day and
        # month opening it do (:func:`_events_of_the_year`)
        opening = not text[start : found.start].strip() and found.time is None  # no dateline
        reach = end if opening else min(end, found.end + _EVENT_REACH)
        event = _event_word(text, found.end, reach) or _event_word(
            text, _own_clause_start(text, max(start, found.start - _EVENT_REACH), found.start),
            found.start,
        )
        if event is None and _OF_DATE.search(text, max(start, found.start - 6), found.start):
            event = _act_dated(text, max(start, found.start - _ACT_REACH), found.start)
        if event is None:
            continue
        if event in COMPLETION and _FUTURE.search(text, start, end):
            # "будет завершена 24 сентября 2029 года": a completion to come is a deadline
            yield Quantity("deadline", float(found.date.year), "year", found.start, found.end,
                           qualifier="by", extra={"end_of_year": False,
                                                  "date": found.date.isoformat()})  # fmt: skip
            continue
        yield Quantity("event", float(found.date.toordinal()), "date", found.start, found.end,
                       extra={"date": found.date.isoformat(), "event": event})  # fmt: skip
