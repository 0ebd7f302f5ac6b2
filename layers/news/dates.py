"""Dates in Russian news pages: a collector's header, numeric datelines and dates in words.

The shapes read: the header ``date 2025-10-27`` that our collector put before an article, a
numeric ``22.10.2025``, an ISO ``2026-03-03``, and a date in words such as
``3 декабря 2025 года`` or ``3 марта, 2026``; each with a time of day printed after it
(``/ 09:15``, ``, 14:05``, ``в 09:20``) or before it (``09:15 / 3 марта 2026``). A month
word is recognised by its lemma (pymorphy3), so every case of
the month name is read without a list of endings, or by its first three or four letters when
a dateline cuts it ("02 Дек 2025"). A dateline may carry a bullet ("• 05 сентября, 2025") and
break over two lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from caspian.layers.news.expression import digit_run_starts, holds_digit
from caspian.layers.news.language import ENGLISH, RUSSIAN
from caspian.layers.news.text import best_lemma

# Every page is read for dates in both languages (a Russian page may print an English
# dateline): the month names come from the language records, the patterns are below.
MONTHS_RU: tuple[str, ...] = RUSSIAN.months
MONTHS_EN: tuple[str, ...] = ENGLISH.months
# A Ukrainian outlet reprinting Russian news prints its dateline in Ukrainian ("2 вересня,
# 2010, 12:13", nefterynok.info): the twelve genitive month names a day number takes, read as
# written (pymorphy3's Russian dictionary does not know them). None of them is a Russian
# month's form, and none is cut to its first letters: "лис" begins no single month here.
MONTHS_UK_GENITIVE: tuple[str, ...] = (
    "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
    "жовтня", "листопада", "грудня")  # fmt: skip

HEADER = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
# What outlets print between a date and its time: "3 марта, 2026 / 09:15", "2026 | 09:15",
# "2026 года, 14:05", "22.10.2025 в 09:20".
# One optional mark between two runs of spaces, written so that a long run of spaces is
# scanned once (two adjacent \s* would try every split of it: quadratic). The mark may be
# doubled, as a typo some pages print: "Published 21 ноября 2007,, 09:54" (Rosbalt).
_SEPARATOR = r"(?:\s*[,/|·—–-]{1,2})?\s*(?:в\s+)?"
# The seconds a page may print after the minutes are read and dropped: "22.05.2024 | 11:36:03".
_TIME_AFTER = rf"(?:{_SEPARATOR}(\d{{1,2}}):(\d{{2}})(?::\d{{2}})?(?![\d:]))?"
# The patterns that start with a digit open with a look-ahead at it: a pattern that opens
# with a look-behind is tried in full at every position of the text, twice as slow.
NUMERIC = re.compile(
    rf"(?=\d)(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})(?![.]\d){_TIME_AFTER}(?![\d.]\d)"
)
# Day, month and year between slashes, as some outlets print their dateline: "17/04/2012 10:50"
# (B24.am), or with a space each side of each slash: "12:32 - 12 / 06 / 2009" (1news.az). Day
# first, as in the dotted shape: the set's outlets print no month-first dates.
SLASHED = re.compile(
    rf"(?=\d)(?<![\d/])(\d{{1,2}}) ?/ ?(\d{{1,2}}) ?/ ?(\d{{4}})(?![/]\d){_TIME_AFTER}(?![\d/]\d)"
)
# Day, month and year between hyphens, read only with the time after them: "4-10-2012, 11:00"
# (Oko Planety); without a time such a run may be a range or a code.
DASHED = re.compile(
    rf"(?=\d)(?<![\d-])(\d{{1,2}})-(\d{{1,2}})-(\d{{4}})"
    rf"{_SEPARATOR}(\d{{1,2}}):(\d{{2}})(?::\d{{2}})?(?![\d:])"
)
# "3 декабря 2025 года, 14:05", "3 марта, 2026 / 09:15", the month in capitals and the year
# after a slash "10 ДЕКАБРЬ / 2020 / 17:32" (portofbaku.com); a range "20-21 октября 2025 года"
# yields its first day. A Ukrainian dateline writes "року" (or "р.") for "года": "10 серпня 2019
# року, 09:15" (fixygen.ua).
WORDS = re.compile(
    r"(?=\d)(?<!\d)(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+([А-Яа-яЁёA-Za-z]+)"
    r"\.?(?:,?\s+|\s*/\s*)(\d{4})"
    rf"(?:\s*(?:года|г\.|року|р\.))?{_TIME_AFTER}"
)
# English order: "December 3, 2025, 14:05".
WORDS_EN = re.compile(rf"\b([A-Za-z]+)\s+(\d{{1,2}}),?\s+(\d{{4}}){_TIME_AFTER.replace('в', 'at')}")
# ISO 8601 as some pages print it: "2026-03-03 09:15", "2026-03-03T09:15", or with a mark
# between the date and its time as other dates have: "2026-03-21 - 06:34" (The Kyrgyzstan Time);
# a month or a day of one digit as some sites print them unpadded: "2025-9-27 17:42" (AiF).
ISO = re.compile(
    rf"(?=\d)(?<![\d-])(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})"
    rf"(?:(?:T|{_SEPARATOR})(\d{{2}}):(\d{{2}}))?(?![\d-])"
)
_YEAR = re.compile(r"\d{4}")
# A time printed before its date: "09:15 / 3 марта 2026", "09:15, 03.03.2026".
_TIME_BEFORE = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*[,/|·—–-]?\s*\Z")


@dataclass(frozen=True)
class FoundDate:
    """A date read from text."""

    date: dt.date
    #: ``"HH:MM"`` when the text gives one.
    time: str | None
    #: ``"header"``, ``"numeric"`` or ``"words"``.
    shape: str
    #: Offset of the evidence's start in the text.
    start: int
    #: Offset of its end in the text.
    end: int
    #: The text that states the date.
    evidence: str


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _time(hour: str | None, minute: str | None) -> str | None:
    if hour is None or minute is None or int(hour) > 23 or int(minute) > 59:
        return None
    return f"{int(hour):02d}:{minute}"


def month_number(word: str) -> int | None:
    """1-12 for a Russian month name in any case ("декабря" -> 12), an English one
    ("December") or a Ukrainian one after a day ("вересня" -> 9), else ``None``."""
    if word.lower() in MONTHS_EN:
        return MONTHS_EN.index(word.lower()) + 1
    if word.lower() in MONTHS_UK_GENITIVE:
        return MONTHS_UK_GENITIVE.index(word.lower()) + 1
    lemma = best_lemma(word)
    if lemma in MONTHS_RU:
        return MONTHS_RU.index(lemma) + 1
    return _abbreviated_month(word)


def _abbreviated_month(word: str) -> int | None:
    """1-12 for a month cut to its first letters, as datelines print it ("Дек", "сент."):
    three or four letters (a dot allowed) that begin one month's name only, else ``None``."""
    cut = word.rstrip(".").lower()
    if not 3 <= len(cut) <= 4:
        return None
    found = [
        number
        for number, names in enumerate(zip(MONTHS_RU, MONTHS_EN, strict=True), start=1)
        if any(name.startswith(cut) for name in names)
    ]
    return found[0] if len(found) == 1 else None


def header_date(text: str) -> FoundDate | None:
    """The collector's ``date YYYY-MM-DD`` header at the very start of ``text``."""
    match = HEADER.match(text)
    if not match:
        return None
    date = _valid(int(match[1]), int(match[2]), int(match[3]))
    if date is None:
        return None
    start = match.start(1) - len("date ")
    return FoundDate(date, None, "header", start, match.end(), text[start : match.end()])


def _numeric_date(match: re.Match[str]) -> dt.date | None:
    return _valid(int(match[3]), int(match[2]), int(match[1]))


def _worded_date(match: re.Match[str]) -> dt.date | None:
    month = month_number(match[2])
    return _valid(int(match[3]), month, int(match[1])) if month else None


# An English month cut to its first three letters, as blogs print their stamps: "Jun 12, 2018
# 19:33" (LiveJournal, held526); "Sept" too.
_MONTHS_EN_SHORT = {name[:3]: number for number, name in enumerate(MONTHS_EN, 1)} | {"sept": 9}


def _english_date(match: re.Match[str]) -> dt.date | None:
    word = match[1].lower()
    month = MONTHS_EN.index(word) + 1 if word in MONTHS_EN else _MONTHS_EN_SHORT.get(word)
    return _valid(int(match[3]), month, int(match[2])) if month else None


def _iso_date(match: re.Match[str]) -> dt.date | None:
    return _valid(int(match[1]), int(match[2]), int(match[3]))


def _time_before(text: str, start: int, floor: int) -> re.Match[str] | None:
    """A time of day printed right before the date at ``start`` ("09:15 / 3 марта 2026")."""
    return _TIME_BEFORE.search(text, max(floor, start - 12), start)


def _at_digit_runs(
    pattern: re.Pattern[str], text: str, start: int, stop: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, stop)`` for a pattern whose every match begins where a
    run of digits does (:data:`NUMERIC`, :data:`SLASHED`, :data:`DASHED`, :data:`WORDS`,
    :data:`ISO`: a digit with none before it): tried only there, not at every character of the
    text."""
    free = start  # matches do not overlap: the next may begin where the last ended
    for position in digit_run_starts(text, start, stop):
        if position < free:
            continue
        match = pattern.match(text, position, stop)
        if match:
            yield match
            free = match.end()


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """Every numeric (dotted, slashed or, with a time, hyphened), worded or ISO date in
    ``text[start:end]``, in text order, with a time of day printed after it or right before
    it."""
    stop = len(text) if end is None else end
    found: list[FoundDate] = []
    if not holds_digit(text, start, stop) or not _YEAR.search(text, start, stop):
        return  # every shape read holds a four-digit year: most lines and sentences hold none
    readers = (
        (_at_digit_runs(NUMERIC, text, start, stop), "numeric", _numeric_date),
        (_at_digit_runs(SLASHED, text, start, stop), "numeric", _numeric_date),
        (_at_digit_runs(DASHED, text, start, stop), "numeric", _numeric_date),
        (_at_digit_runs(WORDS, text, start, stop), "words", _worded_date),
        (WORDS_EN.finditer(text, start, stop), "words", _english_date),
        (_at_digit_runs(ISO, text, start, stop), "numeric", _iso_date),
    )
    for matches, shape, read in readers:
        for match in matches:
            date = read(match)
            if date is None:
                continue
            time, begin = _time(match[4], match[5]), match.start()
            before = None if time else _time_before(text, begin, start)
            if before is not None and _time(before[1], before[2]):
                time, begin = _time(before[1], before[2]), before.start()
            evidence = text[begin : match.end()]
            found.append(FoundDate(date, time, shape, begin, match.end(), evidence))
    yield from sorted(found, key=lambda item: item.start)


# Marks outlets print before a dateline: bullets, dashes, bars.
_LINE_MARKS = " \t\n\u00a0•·|—–-"


def _bare(text: str) -> str:
    """``text`` without the marks around it and with its runs of whitespace made one space."""
    return " ".join(text.strip(_LINE_MARKS).split())


# What a dateline may print before its date: the weekday ("Четверг, 17 июля 2008 г.",
# rosinvest.com) or the issue's number ("N°190, 13 октября 2005", vremya.ru), with a comma.
_DATELINE_LEAD = re.compile(
    r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|(?:N[°oº]\.?|№)\s*\d+)\s*,\s*",
    re.IGNORECASE,
)


def _weekday_led(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` opens with a weekday before its date ("воскресенье,
    16 марта 2025 г."), as a site's header prints the day it is viewed."""
    lead = _DATELINE_LEAD.match(_bare(text[start:end]))
    return lead is not None and not lead[0].lstrip().startswith(("N", "№"))


# A rubric an outlet prints before the date on one line, set off by a vertical bar:
# "Экономика | 24 Июня, 2016" (mayupravo.com). Words of letters only, at most three, so that
# a line of text with a bar in it is no dateline; a comma after a word stays no rubric
# ("Сообщение, 24 июня 2016" is no dateline).
# Or one capitalised word run together with the date, as a page's text keeps its rubric's
# link and its date with nothing between them: "Политика09/12/2021" (nv.am, held651).
_RUBRIC_LEAD = re.compile(
    r"[^\W\d_]+(?:[ -][^\W\d_]+){0,2}\s*\|\s*|[А-ЯЁA-Z][а-яёa-z]+(?=\d)"
)


# A label an outlet prints before the date on its dateline: "Дата публикации: 1 декабря 2018"
# (lazarevsky.club, held663), "Опубликовано: 12.03.2020", "Дата: 5 мая 2021". Only a line
# that is the label and a date is read so (the rest of :func:`publication_date`'s test): a
# sentence that names a publication date goes on after it.
_LABEL_LEAD = re.compile(
    r"(?:дата(?:\s+(?:публикации|размещения|выхода|создания|новости))?\s*:"
    r"|(?:дата\s+(?:публикации|размещения|выхода)|опубликовано|размещено|добавлено)\s*:?)\s*",
    re.IGNORECASE,
)


# The same date restated at once in short form, as Dzen prints its dateline: "5 декабря 2023"
# and "5 дек 2023" with nothing between them ("5 декабря 20235 дек 2023", held465); the short
# form's year may be cut where the excerpt ends ("18 апреля 202518 апр 20", held518): its
# first two digits at least, the same as the date's.
_RESTATED = re.compile(r"(\d{1,2})\s+([А-Яа-яЁё]+)\.?\s+(\d{2,4})")


def _restated(line: str, found: FoundDate) -> bool:
    """Whether ``line`` (made :func:`_dateline`) is ``found``'s date and then the same day
    again, in any spelling of its month: the dateline printed twice, not a date in running
    text."""
    evidence = _bare(found.evidence)
    rest = _RESTATED.fullmatch(line[len(evidence) :].strip()) if line.startswith(evidence) else None
    return (
        rest is not None
        and (int(rest[1]), month_number(rest[2])) == (found.date.day, found.date.month)
        and str(found.date.year).startswith(rest[3])
    )


# The count of reads a site prints after its dateline on one line: "30 ОКТЯБРЯ 2017
# Прочитано: 3757" (vzglyad.az), a counter of the page, not text after a date.
_READ_COUNT = re.compile(r"\s+(?:Прочитано|Просмотров|Просмотры)\s*:?\s*\d+\Z", re.IGNORECASE)


def _dateline(line: str) -> str:
    """``line`` (made :func:`_bare`) without a weekday, an issue's number, a label ("Дата
    публикации:") or a rubric before its date, nor a count of reads after it, nor the round
    brackets a digest prints its date in, alone on its line under its title ("(30.12.1999)",
    caspinfo.org, held675)."""
    if line[:1] == "(" and line[-1:] == ")":
        line = line[1:-1].strip()
    lead = _DATELINE_LEAD.match(line) or _LABEL_LEAD.match(line) or _RUBRIC_LEAD.match(line)
    line = line[lead.end() :] if lead else line
    count = _READ_COUNT.search(line) if line[-1:].isdigit() else None
    return line[: count.start()] if count else line


# A dateline with a two-digit year, alone on its line: "15.05.18" (vch.ru), with the time of
# day after it "01.12.23 19:11" (bm.ge), or after a news agency's name in capitals, with the
# word count a press database prints after it: "ТАСС 03.07.24 Слов: 123" (TASS through
# biang.ru). Read only as a whole line: in running text "1.2.18" may be anything.
_SHORT_DATELINE = re.compile(
    r"(?:[А-ЯЁA-Z]{2,}(?:[ -][А-ЯЁA-Z]{2,})*\s+)?"
    r"(?P<date>(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?)"
    r"(?:\s+Слов:\s*\d+)?"
)
#: The century of a two-digit year: the set's pages are of this one.
_CENTURY = 2000


def _two_digit_year_date(match: re.Match[str]) -> dt.date | None:
    """The date of a dateline's ``dd.mm.yy`` (groups 2-4 of ``match``), in this century, or
    None when no such day exists."""
    return _valid(_CENTURY + int(match[4]), int(match[3]), int(match[2]))


def _whole_line_dateline(
    pattern: re.Pattern[str], shape: str, text: str, start: int, end: int
) -> FoundDate | None:
    """A line ``text[start:end]`` that is nothing but ``pattern``'s dateline of a two-digit year
    (:data:`_SHORT_DATELINE`, :data:`_WORDED_SHORT_DATELINE`: groups ``day``, ``month`` in
    digits or words, ``year``, ``hour``, ``minute`` and the ``date`` read), or None."""
    line = text[start:end].strip(_LINE_MARKS)
    match = pattern.fullmatch(line)
    if match is None:
        return None
    written = match["month"]
    month = int(written) if written.isdigit() else month_number(written)
    year, day = _CENTURY + int(match["year"]), int(match["day"])
    date = None if month is None else _valid(year, month, day)
    if date is None:
        return None
    at = text.index(line, start)
    return FoundDate(date, _time(match["hour"], match["minute"]), shape, at + match.start("date"),
                     at + match.end("date"), match["date"])  # fmt: skip


# A two-digit year's date opening a line with its time in brackets right after it, the
# article's text following on the same line: "05.08.04.[09:49] Министерство охраны ..."
# (RosInvest, held785). The bracketed clock makes it a stamp, not a figure of the text.
_STAMPED_SHORT_DATE = re.compile(
    r"(?P<date>(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2}))\.?\s*"
    r"[\[(](?P<hour>\d{1,2}):(?P<minute>\d{2})[\])]"
)


def _stamped_short_date(text: str, start: int, end: int) -> FoundDate | None:
    """The date of a line ``text[start:end]`` that opens with :data:`_STAMPED_SHORT_DATE`."""
    line = text[start:end]
    at = start + len(line) - len(line.lstrip(_LINE_MARKS))
    match = _STAMPED_SHORT_DATE.match(text, at, end)
    if match is None:
        return None
    date = _valid(_CENTURY + int(match["year"]), int(match["month"]), int(match["day"]))
    if date is None:
        return None
    return FoundDate(date, _time(match["hour"], match["minute"]), "numeric", match.start("date"),
                     match.end("date"), match["date"])  # fmt: skip


# A dateline of a time, the day, the month in words and a two-digit year: "17:58, 18 Августа
# 08" (energyland.info). Read only as a whole line, as the dotted shape is.
_WORDED_SHORT_DATELINE = re.compile(
    r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2}),?\s+)?"
    r"(?P<date>(?P<day>\d{1,2})\s+(?P<month>[А-Яа-яЁё]+)\.?\s+(?P<year>\d{2}))"
)


# An agency's dateline opening its lead with the city, the date of a two-digit year and the
# agency's name between slashes, and a colon: "Баку/30.10.17/Turan: Железная дорога ..."
# (turan.az). Read only at the start of a line, where a dateline stands.
_SLASHED_DATELINE = re.compile(
    r"[\s•·|—–-]*[А-ЯЁA-Z][а-яёa-z]+(?:[ -][А-ЯЁA-Z][а-яёa-z]+)*/"
    r"(?P<date>(\d{1,2})\.(\d{1,2})\.(\d{2}))/[А-ЯЁA-Z][\w-]*:"
)


def _slashed_dateline(text: str, start: int, end: int) -> FoundDate | None:
    """The date of an agency's "City/dd.mm.yy/Agency:" opening ``text[start:end]``, or None."""
    match = _SLASHED_DATELINE.match(text, start, end)
    date = None if match is None else _two_digit_year_date(match)
    if match is None or date is None:
        return None
    return FoundDate(date, None, "numeric", match.start("date"), match.end("date"), match["date"])


# A date in a breadcrumb, as an archive path of year, month and day: "Главная » 2019»Январь»25
# » headline" (moysu.az). The path is the page's place in the archive by publication day.
_BREADCRUMB = re.compile(r"(?<!\d)(\d{4})\s*»\s*([А-Яа-яЁё]+)\s*»\s*(\d{1,2})(?!\d)")


def _breadcrumb_date(text: str, start: int, end: int) -> FoundDate | None:
    """The archive date in a breadcrumb line ``text[start:end]``, or None."""
    match = _BREADCRUMB.search(text, start, end)
    month = month_number(match[2]) if match else None
    date = _valid(int(match[1]), month, int(match[3])) if match and month else None
    if match is None or date is None:
        return None
    return FoundDate(date, None, "words", match.start(), match.end(), match[0])


# A numeric date that closes a line after a comma: the stamp under a photo or in a page title
# ("фото из архива - Sputnik Азербайджан, 1920, 13.02.2022", "%Железная дорога - ПРАЙМ, 1920,
# 08.02.2023"): the day the page was put out.
_CLOSING_STAMP = re.compile(r",\s*\Z")


# The outlet's name closing a line after a numeric date and a comma: "… освоено 239 миллионов
# 27.06.2025, Sputnik Грузия" (held529), the stamp a subheadline carries; one to three words,
# each capitalised.
_STAMP_OUTLET = re.compile(r",\s*[A-ZА-ЯЁ][\w.-]*(?:\s+[A-ZА-ЯЁ][\w.-]*){0,2}\s*\Z")


def _closing_stamp(text: str, lines: Sequence[tuple[int, int]]) -> FoundDate | None:
    """The first numeric date that ends a line of ``lines`` right after a comma, or that the
    outlet's name after a comma ends, or None."""
    for start, end in lines:
        for found in find_dates(text, start, end):
            if found.shape != "numeric":
                continue
            closes = not text[found.end : end].strip()
            if (closes and _CLOSING_STAMP.search(text, start, found.start)) or (
                _STAMP_OUTLET.match(text, found.end, end)
            ):
                return found
    return None


# A dateline opening a news agency's lead: the city in capitals, a comma and the date ("АСТАНА,
# 4 марта 2025г. — ИА Караван Инфо. По дну …"), as agencies print it before their first sentence.
_AGENCY_CITY = re.compile(r"[\s•·|—–-]*[А-ЯЁA-Z]{3,}(?:[ -][А-ЯЁA-Z]{3,})*,\s*")


def _date_after(pattern: re.Pattern[str], text: str, start: int, end: int) -> FoundDate | None:
    """The date right after ``pattern`` matched at the start of ``text[start:end]``, or None."""
    match = pattern.match(text, start, end)
    found = None if match is None else next(find_dates(text, match.end(), end), None)
    return found if found is not None and match is not None and found.start == match.end() else None


# A closing byline: the outlet by its web address, a comma and the date alone on the line
# ("BNews.kz, 31 июля 2014"), as reprints sign the article they took.
_OUTLET_BYLINE = re.compile(r"[\s•·|—–-]*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4},\s*")


def _outlet_byline(text: str, lines: Sequence[tuple[int, int]]) -> FoundDate | None:
    """The date of the first line that is an outlet's web address and a date, or None."""
    for start, end in lines:
        found = _date_after(_OUTLET_BYLINE, text, start, end)
        if found is not None and not text[found.end : end].strip():
            return found
    return None


# A site's clock under its date in the page header: the weekday and the time of day alone on
# the line after it ("29 Марта 2024" / "Пятница, 11:06", regionplus.az): the day the page was
# viewed, not the day it was published.
_CLOCK = re.compile(
    r"\s*(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\s*,?\s*"
    r"\d{1,2}:\d{2}\s*",
    re.IGNORECASE,
)


def _clock_follows(text: str, lines: Sequence[tuple[int, int]], number: int) -> bool:
    """Whether the first line after ``lines[number]`` that holds anything is a site's clock."""
    for start, end in lines[number + 1 : number + 3]:
        if text[start:end].strip():
            return _CLOCK.fullmatch(text, start, end) is not None
    return False


# A line that opens with a full numeric date and then names the agency in capitals, with the
# site's counter (views, comments) after it: "15.02.2021 ТАСС 1" (TASS through bigasia.ru), the
# dateline a reprint prints under its headline.
_DATE_AGENCY_LINE = re.compile(
    r"[\s•·|—–-]*(?P<date>(\d{1,2})\.(\d{1,2})\.(\d{4}))\s+"
    r"[А-ЯЁA-Z]{2,}(?:[ -][А-ЯЁA-Z]{2,})*(?:\s+\d+)?\s*"
)


def _date_agency_line(text: str, start: int, end: int) -> FoundDate | None:
    """The date of a line ``text[start:end]`` that is a numeric date and an agency's name in
    capitals (perhaps a counter after it), or None."""
    match = _DATE_AGENCY_LINE.fullmatch(text, start, end)
    date = None if match is None else _valid(int(match[4]), int(match[3]), int(match[2]))
    if match is None or date is None:
        return None
    return FoundDate(date, None, "numeric", match.start("date"), match.end("date"), match["date"])


# A library's citation of a newspaper issue, as archives print it under the article they keep:
# the paper's title, the year, the day and month and the page, each after ".-" ("Бакинский
# рабочий.- 2011.- 17 декабря.- С.1.", the anl.az archive): the issue's day is the article's.
_ISSUE_CITATION = re.compile(
    r"[^\n]*?\S\.\s*-\s*(\d{4})\s*\.\s*-\s*(\d{1,2})\s+([А-Яа-яЁё]+)\.?"
    r"(?:\s*-\s*(?:С|C|с)\.\s*\d+(?:\s*-\s*\d+)?\.?)?\s*"
)


def _issue_citation(text: str, start: int, end: int) -> FoundDate | None:
    """The issue's day of a line ``text[start:end]`` that is a library's citation of a
    newspaper issue ("Бакинский рабочий.- 2011.- 17 декабря.- С.1."), or None."""
    match = _ISSUE_CITATION.fullmatch(text, start, end)
    month = month_number(match[3]) if match else None
    date = _valid(int(match[1]), month, int(match[2])) if match and month else None
    if match is None or date is None:
        return None
    return FoundDate(
        date, None, "words", match.start(1), match.end(3), text[match.start(1) : match.end(3)]
    )


# A collector's header of year and month only ("date 2024-08"), and an agency's lead that dates
# itself by day and month between the city and the agency's name in capitals ("Астана. 27
# августа. KAZAKHSTAN TODAY - ...", kt.kz): the header lends the day its year when the months
# agree (the lead is the article's own dateline, the header the month it was collected under).
_MONTH_HEADER = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})(?![-\d])")
_AGENCY_DAY = re.compile(
    r"[\s•·|—–-]*[А-ЯЁA-Z][а-яёa-z]+(?:[ -][А-ЯЁA-Z][а-яёa-z]+)*\.\s+(\d{1,2})\s+([А-Яа-яЁё]+)\.\s+"
    r"[А-ЯЁA-Z]{2,}(?:[ -][А-ЯЁA-Z]{2,})*\s+[—–-]\s"
)


# An agency's dateline of day and month only opening a line ("АСТАНА, 30 ноя - РИА
# "Новости"."): the day the news was put out, whatever year.
_AGENCY_DAY_MONTH = re.compile(r"(\d{1,2})\s+([а-яё]+)\.?\s*[-–—]")


def _agency_day(text: str, start: int, end: int, header: re.Match[str]) -> FoundDate | None:
    """The day and month of an agency's lead opening ``text[start:end]`` (after the header
    when the lead follows it on its line: "date 2021-06 ТБИЛИСИ, 25 июн — Sputnik.", held696),
    in the year of the month ``header`` when its month is that header's, or None. The lead is
    the city and the day between full stops and the agency in capitals ("Астана. 27 августа.
    KAZAKHSTAN TODAY -"), or the city in capitals, a comma and the day ("ТБИЛИСИ, 25 июн —")."""
    start = max(start, header.end())
    match = _AGENCY_DAY.match(text, start, end)
    if match is None:
        city = _AGENCY_CITY.match(text, start, end)
        match = _AGENCY_DAY_MONTH.match(text, city.end(), end) if city else None
    if match is None or month_number(match[2]) != int(header[2]):
        return None
    date = _valid(int(header[1]), int(header[2]), int(match[1]))
    if date is None:
        return None
    return FoundDate(
        date, None, "words", match.start(1), match.end(2), text[match.start(1) : match.end(2)]
    )




def _dateline_disagrees(text: str, lines: Sequence[tuple[int, int]], stamp: FoundDate) -> bool:
    """Whether an agency's dateline of day and month (no year) in ``lines`` names another day
    than ``stamp``, a title's closing stamp: the page's title then carries the day it was last
    updated ("... - РИА Новости, 06.06.2008" over "АСТАНА, 30 ноя - РИА "Новости"", held443),
    not the day it was published."""
    for start, end in lines:
        city = _AGENCY_CITY.match(text, start, end)
        day = _AGENCY_DAY_MONTH.match(text, city.end(), end) if city else None
        month = month_number(day[2]) if day else None
        if day and month:
            return (int(day[1]), month) != (stamp.date.day, stamp.date.month)
    return False


def _unless_contradicted(
    text: str, later: Sequence[tuple[int, int]], found: FoundDate
) -> FoundDate | None:
    """``found``, a line's date given with a time of day, unless a later line (``later``) is
    an agency's dateline of day and month that names another day: the line is then a site's
    clock, the day the page was viewed ("28.04.202415:23" over "КИЕВ, 26 фев — РИА Новости.",
    held599), and no date is better than a wrong one. A date with no time is returned as it
    is."""
    if found.time is None or not _dateline_disagrees(text, later, found):
        return found
    return None


def publication_date(text: str, lines: Sequence[tuple[int, int]]) -> FoundDate | None:
    """The date a page was published, or ``None``.

    In order: the collector's header; a line that holds nothing but a date (a dateline, as
    news pages print under the headline, perhaps after its weekday or issue number, "Четверг,
    17 июля 2008 г.", "N°190, 13 октября 2005", or after a rubric and a bar, "Экономика | 24
    Июня, 2016"; not one a site's clock follows, "Пятница, 11:06"),
    a line of a time and a date of a worded month and a two-digit year ("17:58, 18 Августа 08");
    a breadcrumb's archive date ("2019»Январь»25") or an agency's dateline opening its lead
    ("АСТАНА, 4 марта 2025г. — ИА Караван Инфо.", "Баку/30.10.17/Turan:"; under a
    collector's header of year and month, "date 2024-08", one of day and month only,
    "Астана. 27 августа. KAZAKHSTAN TODAY -");
    a line of a numeric date and the agency's name in capitals ("15.02.2021 ТАСС 1"); a
    library's citation of a newspaper issue ("Бакинский рабочий.- 2011.- 17 декабря.- С.1.");
    a weekday's date that opens the page ("воскресенье, 16 марта 2025 г.") is the day a site's
    header says it is viewed, not the publication date, when a later line is a dateline of an
    earlier day, and the publication date when none is;
    the first date given with a time of day; the first numeric date closing a line after a
    comma (a photo's or a title's stamp: "Sputnik Азербайджан, 1920, 13.02.2022"); the date of
    a closing byline of the outlet's web address ("BNews.kz, 31 июля 2014").

    Parameters
    ----------
    text : str
        The page text.
    lines : sequence of (int, int)
        Ranges of ``text`` to search for datelines, in page order (all lines, boilerplate
        included: pages print the dateline outside the article body).
    """
    header = header_date(text)
    if header:
        return header
    month_header = _MONTH_HEADER.match(text)
    first = next((number for number, (start, end) in enumerate(lines) if text[start:end].strip()),
                 None)  # fmt: skip
    today = None  # a weekday's date opening the page: perhaps the day it was viewed
    for number, (start, end) in enumerate(lines):
        if month_header is not None:
            lead = _agency_day(text, start, end, month_header)
            if lead is not None:
                return lead
        # a dateline may be marked ("• 05 сентября, 2025") or broken after its month ("02 Дек"
        # / "2025"): the date is the line, or the line and the next, without the marks
        for stop in (end, *(next_end for _, next_end in lines[number + 1 : number + 2])):
            line = None  # made only for a line that holds a date (most hold none)
            for found in find_dates(text, start, stop):
                line = _dateline(_bare(text[start:stop])) if line is None else line
                if (_bare(found.evidence) == line or _restated(line, found)) and not _clock_follows(
                    text, lines, number
                ):
                    if today is None and number == first and _weekday_led(text, start, stop):
                        today = found  # the site's "today" unless the page dates itself later
                        break
                    if today is None or found.date < today.date:
                        return _unless_contradicted(text, lines[number + 1 :], found)
        short = (
            _whole_line_dateline(_SHORT_DATELINE, "numeric", text, start, end)
            or _whole_line_dateline(_WORDED_SHORT_DATELINE, "words", text, start, end)
            or _stamped_short_date(text, start, end)
            or _breadcrumb_date(text, start, end)
            or _date_after(_AGENCY_CITY, text, start, end)
            or _slashed_dateline(text, start, end)
            or _date_agency_line(text, start, end)
            or _issue_citation(text, start, end)
        )
        if short and (today is None or short.date < today.date):
            return short
    if today is not None:
        return today
    for found in find_dates(text):
        if found.time:
            return found
    stamp = _closing_stamp(text, lines)
    if stamp is not None and _dateline_disagrees(text, lines, stamp):
        return None  # a later update's stamp: no date rather than a wrong one
    return stamp or _outlet_byline(text, lines)
