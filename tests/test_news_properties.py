"""Property tests of the news reader's parsers: dates, numbers and units."""

from __future__ import annotations

import datetime as dt

import pytest
from caspian.layers.news import dates, language, numbers, units
from caspian.layers.news.quantities import quantities
from hypothesis import given, settings
from hypothesis import strategies as st

GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
DAYS = st.dates(min_value=dt.date(1991, 1, 1), max_value=dt.date(2099, 12, 31))
# The first example of a process loads pymorphy3's dictionaries (~0.4 s): no per-example deadline.
MORPHOLOGY = settings(deadline=None, max_examples=60)
SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


def _grouped(value: int, space: str) -> str:
    return f"{value:,}".replace(",", space)


@MORPHOLOGY
@given(DAYS, st.integers(0, 23), st.integers(0, 59))
def test_numeric_datelines_round_trip(day: dt.date, hour: int, minute: int) -> None:
    line = f"{day:%d.%m.%Y} {hour:02d}:{minute:02d}"
    found = dates.publication_date(f"Заголовок\n{line}\nТекст.", [(0, 9), (10, 10 + len(line))])
    assert found is not None
    assert (found.date, found.time, found.evidence) == (day, f"{hour:02d}:{minute:02d}", line)


@MORPHOLOGY
@given(DAYS, st.booleans())
def test_dates_in_russian_words_round_trip(day: dt.date, with_year_word: bool) -> None:
    text = f"{day.day} {GENITIVE[day.month - 1]} {day.year}" + (" года" if with_year_word else "")
    (found,) = list(dates.find_dates(f"Сообщили {text}."))
    assert found.date == day and found.shape == "words"


@MORPHOLOGY
@given(DAYS, st.booleans())
def test_dates_in_english_words_round_trip(day: dt.date, month_first: bool) -> None:
    month = dates.MONTHS_EN[day.month - 1].capitalize()
    text = f"{month} {day.day}, {day.year}" if month_first else f"{day.day} {month} {day.year}"
    (found,) = list(dates.find_dates(f"Published {text}."))
    assert found.date == day


@MORPHOLOGY
@given(DAYS)
def test_the_collector_header_wins_over_dates_in_the_text(day: dt.date) -> None:
    text = f" date {day.isoformat()} Визит 3 декабря 2025 года, 14:05 прошёл."
    found = dates.publication_date(text, [(0, len(text))])
    assert found is not None and (found.date, found.shape) == (day, "header")


@MORPHOLOGY
@given(st.integers(32, 99), st.integers(1, 12), st.integers(2000, 2030))
def test_impossible_dates_are_not_read(day: int, month: int, year: int) -> None:
    assert list(dates.find_dates(f"{day}.{month:02d}.{year}")) == []
    assert list(dates.find_dates(f"{day}/{month:02d}/{year}")) == []


@MORPHOLOGY
@given(st.integers(0, 10**12), SPACES)
def test_digit_groups_parse_to_their_value(value: int, space: str) -> None:
    assert numbers.parse_digits(_grouped(value, space)) == value


@MORPHOLOGY
@given(st.integers(1_000, 10**12), st.integers(0, 99))
def test_english_thousands_commas_parse_in_english_only(value: int, cents: int) -> None:
    written = f"{value:,}.{cents:02d}"
    assert numbers.parse_digits(written, language.ENGLISH) == pytest.approx(value + cents / 100)
    with pytest.raises(ValueError, match="not a number"):
        numbers.parse_digits(written)  # Russian: "1,768.05" is no number


@MORPHOLOGY
@given(st.integers(0, 10**6), st.integers(0, 99), st.sampled_from([",", "."]))
def test_decimal_commas_and_points_parse(whole: int, cents: int, mark: str) -> None:
    assert numbers.parse_digits(f"{whole}{mark}{cents:02d}") == pytest.approx(whole + cents / 100)


@MORPHOLOGY
@given(st.text(alphabet="abcxyz-+ ", min_size=1))
def test_non_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        numbers.parse_digits(text)


UNIT_CASES = [
    ("км", units.LENGTH), ("километров", units.LENGTH), ("km", units.LENGTH),
    ("млн тонн", None), ("ГВт", units.GIGAWATT), ("МВт", units.MEGAWATT),
    ("Тбит/с", units.TERABIT), ("Гбит/с", units.GIGABIT), ("долларов", units.USD),
    ("евро", units.EUR),
]  # fmt: skip


@MORPHOLOGY
@given(st.integers(1, 99_999), st.sampled_from(UNIT_CASES), SPACES)
def test_a_number_with_a_unit_normalises_by_the_unit_factor(
    value: int, case: tuple[str, units.Unit | None], space: str
) -> None:
    written, unit = case
    text = f"Показатель составил {_grouped(value, space)} {written}."
    (found,) = [q for q in quantities(text, 0, len(text)) if q.kind not in ("growth",)]
    if unit is None:  # "млн тонн": a million tonnes is one Mt
        assert (found.kind, found.unit, found.value) == ("mass", "Mt", pytest.approx(value))
    else:
        assert (found.kind, found.unit) == (unit.quantity, unit.unit)
        assert found.value == pytest.approx(value * unit.factor)


@MORPHOLOGY
@given(st.integers(1, 9_999), st.sampled_from(["ГВт", "Тбит/с", "млн тонн в год", "МВт"]))
def test_a_capacity_is_never_a_length(value: int, written: str) -> None:
    text = f"Мощность и пропускная способность линии протяжённостью {value} {written}."
    assert all(q.kind != "length" for q in quantities(text, 0, len(text)))


@MORPHOLOGY
@given(st.sampled_from(["два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]))
def test_growth_in_words_reads_the_factor(word: str) -> None:
    text = f"Товарооборот вырос почти в {word} раз."
    (found,) = quantities(text, 0, len(text))
    assert found.kind == "growth" and found.qualifier == "almost"
    assert found.value == numbers.NUMBER_WORDS[word]


_UNITS_RU = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_TEENS_RU = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
_TENS_RU = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
            "восемьдесят", "девяносто")
_HUNDREDS_RU = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот",
                "восемьсот", "девятьсот")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _triad(value: int) -> list[str]:
    hundreds, rest = divmod(value, 100)
    words = [_HUNDREDS_RU[hundreds]]
    if 10 <= rest < 20:
        words.append(_TEENS_RU[rest - 10])
    else:
        words += [_TENS_RU[rest // 10], _UNITS_RU[rest % 10]]
    return [word for word in words if word]


def _inflected(word: str, case: str, grammemes: frozenset[str] = frozenset()) -> str:
    from caspian.layers.news.text import _analyzer

    for parse in _analyzer().parse(word):
        if parse.normal_form == word:
            form = parse.inflect({case, *grammemes})
            if form is not None:
                return form.word
    return word


def russian_cardinal(value: int, case: str) -> str:
    """``value`` (1-999 999) as Russian words in grammatical ``case`` ("224", "gent" ->
    "двухсот двадцати четырёх")."""
    thousands, rest = divmod(value, 1000)
    words = []
    if thousands:
        count = _triad(thousands)
        last = thousands % 100
        plural = not (last % 10 == 1 and last != 11)
        if case in ("nomn", "accs"):
            feminine = {"один": "одна", "два": "две"}  # тысяча is feminine
            thousand = ("тысяча" if not plural else
                        "тысячи" if last % 10 in (2, 3, 4) and last // 10 != 1 else "тысяч")
            if case == "accs" and thousand == "тысяча":
                thousand = "тысячу"
            words += [feminine.get(word, word) if last // 10 != 1 else word for word in count]
            words.append(thousand)
        else:
            words += [_inflected(word, case, frozenset({"femn"} if word == "один" else ()))
                      for word in count]
            words.append(_inflected("тысяча", case, frozenset({"plur" if plural else "sing"})))
    words += [_inflected(word, case) if case != "nomn" else word for word in _triad(rest)]
    return " ".join(words)


@MORPHOLOGY
@given(st.integers(1, 999_999), st.sampled_from(CASES))
def test_a_russian_cardinal_in_any_case_reads_back_whole(value: int, case: str) -> None:
    written = russian_cardinal(value, case)
    assert numbers.compound_number(written.split()) == (value, len(written.split()))
    text = f"Протяжённость линии — {written} километров."
    (found,) = quantities(text, 0, len(text))
    assert (found.kind, found.value, text[found.start : found.end]) == (
        "length", value, f"{written} километров"
    )


def test_the_cardinal_reader_knows_every_word_of_the_formatter() -> None:
    assert russian_cardinal(224, "nomn") == "двести двадцать четыре"
    assert russian_cardinal(224, "gent") == "двухсот двадцати четырёх"
    assert russian_cardinal(2300, "nomn") == "две тысячи триста"
    assert russian_cardinal(21_000, "ablt") == "двадцатью одной тысячей"


DATELINE_SHAPES = (
    "{day} {month}, {year} / {time}",  # Report.az
    "{day} {month} {year} | {time}",
    "{day} {month} {year}, {time}",
    "{time} / {day} {month} {year}",
    "{time}, {dd}.{mm}.{year}",
    "{dd}.{mm}.{year} / {time}",
    "{dd}/{mm}/{year} {time}",  # B24.am
    "{year}-{mm}-{dd}T{time}",
    "{year}-{mm}-{dd} {time}",
)


@MORPHOLOGY
@given(DAYS, st.integers(0, 23), st.integers(0, 59), st.sampled_from(DATELINE_SHAPES))
def test_datelines_in_the_shapes_outlets_print_round_trip(
    day: dt.date, hour: int, minute: int, shape: str
) -> None:
    line = shape.format(day=day.day, month=GENITIVE[day.month - 1], year=day.year,
                        time=f"{hour:02d}:{minute:02d}", dd=f"{day.day:02d}",
                        mm=f"{day.month:02d}")
    text = f"Заголовок\n{line}\nТекст статьи."
    found = dates.publication_date(text, [(0, 9), (10, 10 + len(line))])
    assert found is not None
    assert (found.date, found.time, found.evidence) == (day, f"{hour:02d}:{minute:02d}", line)


@MORPHOLOGY
@given(st.integers(1_000, 10**12))
def test_points_between_thousands_parse_in_russian_only(value: int) -> None:
    written = f"{value:,}".replace(",", ".")
    assert numbers.parse_digits(written) == value
    assert numbers.digits_step(written) == 1.0
    if written.count(".") == 1:  # "1.768": English and a figure before a scale word keep 1.768
        assert numbers.parse_digits(written, language.ENGLISH) == pytest.approx(value / 1000)
        assert numbers.parse_digits(written, points_group=False) == pytest.approx(value / 1000)


@MORPHOLOGY
@given(st.integers(1, 999), st.integers(1, 99), st.sampled_from(["км", "километров"]))
def test_a_point_before_one_to_two_digits_or_a_scale_word_is_a_decimal_point(
    whole: int, decimals: int, unit: str
) -> None:
    text = f"Длина линии {whole}.{decimals} {unit}, экспорт {whole}.{decimals:03d} млн тонн."
    length, mass = quantities(text, 0, len(text))
    assert (length.unit, length.value) == ("km", pytest.approx(float(f"{whole}.{decimals}")))
    assert (mass.unit, mass.value) == ("Mt", pytest.approx(whole + decimals / 1000))


@MORPHOLOGY
@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["тыс.", "тысяч"]))
def test_millions_and_thousands_add_up(millions: int, thousands: int, scale: str) -> None:
    text = f"Перевалено {millions} млн {thousands} {scale} тонн грузов."
    (found,) = quantities(text, 0, len(text))
    assert (found.unit, found.value) == ("Mt", pytest.approx(millions + thousands / 1000))
    assert found.step == pytest.approx(0.001)


@MORPHOLOGY
@given(
    st.integers(1, 99), st.integers(100, 999), st.sampled_from(["с", "от"]),
    st.sampled_from([("млн тонн", "Mt", 1.0), ("км", "km", 1.0), ("МВт", "GW", 1e-3)]),
)  # fmt: skip
def test_the_first_end_of_a_range_takes_the_unit_written_after_the_second(
    low: int, high: int, opener: str, unit: tuple[str, str, float]
) -> None:
    written, normal, factor = unit
    text = f"Показатель вырос {opener} {low} до {high} {written}."
    first, second = quantities(text, 0, len(text))
    assert (first.unit, first.value) == (normal, pytest.approx(low * factor))
    assert (second.unit, second.value) == (normal, pytest.approx(high * factor))
    assert second.qualifier is None  # the "до" of a range is no "up to"


@MORPHOLOGY
@given(st.integers(1, 8), st.sampled_from(["лет", "месяцев"]))
def test_a_duration_range_in_number_words_reads_both_ends(low: int, unit: str) -> None:
    words = ["одного", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти"]
    text = f"Работы продлятся в течение {words[low - 1]}-{words[low]} {unit}."
    (found,) = quantities(text, 0, len(text))
    assert (found.kind, found.value, found.value_max) == ("duration", low, low + 1)
    assert found.unit == {"лет": "yr", "месяцев": "month"}[unit]


ABBREVIATED = ("Янв", "Фев", "Мар", "Апр", "Мая", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек")


@MORPHOLOGY
@given(DAYS, st.booleans(), st.booleans())
def test_datelines_with_an_abbreviated_month_or_a_bullet_round_trip(
    day: dt.date, abbreviated: bool, two_lines: bool
) -> None:
    # "02 Дек" / "2025" (ABCMEDIA), "• 05 сентября, 2025" (Report.az)
    month = ABBREVIATED[day.month - 1] if abbreviated else GENITIVE[day.month - 1]
    first, second = (f"{day:%d} {month}", f"{day.year}") if two_lines else (
        f"• {day:%d} {month}, {day.year}", "Текст")
    text = f"Заголовок\n{first}\n{second}\nТекст."
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    found = dates.publication_date(text, lines)
    assert found is not None and found.date == day


@MORPHOLOGY
@given(st.integers(1, 998), st.integers(1, 999), st.sampled_from(["-", "–"]),
       st.sampled_from([("тысяч TEU", 1000.0, "TEU"), ("млн тонн", 1.0, "Mt"), ("км", 1.0, "km")]))
def test_a_dashed_range_reads_both_ends_only_when_it_rises(
    low: int, high: int, dash: str, unit: tuple[str, float, str]
) -> None:
    written, factor, label = unit
    text = f"Показатель составит {low}{dash}{high} {written}."
    (found,) = [item for item in quantities(text, 0, len(text)) if item.unit == label]
    assert found.value_max == (high * factor if high > low else None)
    assert found.value == (low if high > low else high) * factor


CYRILLIC_WORDS = st.lists(
    st.text(st.characters(min_codepoint=0x0410, max_codepoint=0x044F), min_size=1, max_size=12),
    min_size=1, max_size=40).map(" ".join)


@given(CYRILLIC_WORDS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_articles_read_back_exactly_in_every_unicode_form(
    words: str, encoding: str
) -> None:
    from pathlib import Path

    from caspian.layers.news.documents import article_text

    text, _ = article_text(words.encode(encoding), Path("article.txt"))
    assert text == words


def _seed_words() -> list[str]:
    from caspian.layers.news.corpus import seed_documents

    return sorted({word for document in seed_documents() for word in document.text.split()
                   if word.isalpha() and all(0x0410 <= ord(c) <= 0x044F for c in word)})


SEED_WORDS = st.lists(st.sampled_from(_seed_words()), min_size=8, max_size=60).map(" ".join)


@given(SEED_WORDS, st.sampled_from(["cp1251", "koi8_r", "cp866", "iso8859_5"]))
def test_a_guess_is_the_encoding_or_no_text_at_all(words: str, encoding: str) -> None:
    # Russian words of the seeds, saved in a Cyrillic code page with no charset: the guess may
    # refuse (too little text to tell) but never returns other letters than the ones written.
    from pathlib import Path

    from caspian.layers.news._errors import NewsInputError
    from caspian.layers.news.documents import article_text

    try:
        text, _ = article_text(words.encode(encoding), Path("article.txt"))
    except NewsInputError:
        return
    assert text == words


AGENCIES = ("ТАСС", "ИТАР-ТАСС", "РИА", "AFP", "ИА REGNUM")


@MORPHOLOGY
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(AGENCIES), st.integers(0, 9999), st.booleans())
def test_a_dateline_with_a_two_digit_year_after_an_agency_round_trips(
    day: dt.date, agency: str, words: int, counted: bool
) -> None:
    # "ТАСС 03.07.24 Слов: 123" (TASS through biang.ru): the agency, the date, the word count
    line = f"{agency} {day:%d.%m.%y}" + (f" Слов: {words}" if counted else "")
    text = f"Заголовок\n\n{line}\n\nТекст статьи."
    found = dates.publication_date(text, [(0, 9), (11, 11 + len(line))])
    assert found is not None
    assert (found.date, found.evidence) == (day, f"{day:%d.%m.%y}")


@MORPHOLOGY
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(AGENCIES), st.sampled_from(["сообщает", "тонн", "- ред."]))
def test_a_two_digit_year_date_in_a_line_of_text_is_not_a_dateline(
    day: dt.date, agency: str, word: str
) -> None:
    # the short year is read only when the line is the agency, the date and a word count:
    # "ТАСС 03.07.24 сообщает" or "РИА 1.5.24 тонн" may be anything
    line = f"{agency} {day:%d.%m.%y} {word}"
    assert dates.publication_date(f"{line}\nТекст.", [(0, len(line))]) is None


@MORPHOLOGY
@given(DAYS, st.integers(0, 23), st.integers(0, 59), st.sampled_from([" / ", "/", " /"]))
def test_a_dateline_of_a_month_in_capitals_and_the_year_after_a_slash_round_trips(
    day: dt.date, hour: int, minute: int, slash: str
) -> None:
    # "10 ДЕКАБРЬ / 2020 / 17:32" (portofbaku.com): the month's name in capitals, in any case
    month = dates.MONTHS_RU[day.month - 1].upper()
    line = f"{day.day} {month}{slash}{day.year} / {hour:02d}:{minute:02d}"
    text = f"Новости\n\n{line}\n\nТекст статьи."
    found = dates.publication_date(text, [(0, 7), (9, 9 + len(line))])
    assert found is not None
    assert (found.date, found.time, found.evidence) == (day, f"{hour:02d}:{minute:02d}", line)


CITIES = ("Астана", "Баку", "Актау", "Нур-Султан", "Алма Ата")


@MORPHOLOGY
@given(DAYS, st.sampled_from(CITIES), st.sampled_from(["KAZAKHSTAN TODAY", "ТАСС", "ИА REGNUM"]))
def test_an_agency_lead_of_day_and_month_takes_the_year_of_a_month_header(
    day: dt.date, city: str, agency: str
) -> None:
    # "date 2024-08 …" / "Астана. 27 августа. KAZAKHSTAN TODAY - …" (kt.kz)
    lead = f"{city}. {day.day} {GENITIVE[day.month - 1]}. {agency} - Объем перевозок вырос."
    lines = [(0, 17), (19, 19 + len(lead))]
    found = dates.publication_date(f"date {day:%Y-%m} Фото\n\n{lead}", lines)
    assert found is not None
    assert (found.date, found.evidence) == (day, f"{day.day} {GENITIVE[day.month - 1]}")
    other = day.replace(day=1) - dt.timedelta(days=1)  # a header of another month lends no year
    assert dates.publication_date(f"date {other:%Y-%m} Фото\n\n{lead}", lines) is None


WEEKDAYS = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье")


@MORPHOLOGY
@given(DAYS, st.sampled_from([*WEEKDAYS, "N°190", "№ 7"]), st.sampled_from(["", " г.", " года"]))
def test_a_dateline_after_a_weekday_or_an_issue_number_round_trips(
    day: dt.date, lead: str, year_word: str
) -> None:
    # "Четверг, 17 июля 2008 г." (rosinvest.com), "N°190, 13 октября 2005 |" (vremya.ru)
    date = f"{day.day} {GENITIVE[day.month - 1]} {day.year}{year_word}"
    line = f"{lead}, {date} |"
    text = f"Заголовок\n{line}\nТекст статьи."
    found = dates.publication_date(text, [(0, 9), (10, 10 + len(line))])
    assert found is not None
    assert (found.date, found.evidence) == (day, date)


@MORPHOLOGY
@given(DAYS, st.sampled_from(["Экономика", "Политика", "В мире"]), st.booleans())
def test_a_dateline_after_a_rubric_and_a_bar_round_trips(
    day: dt.date, rubric: str, capital: bool
) -> None:
    # "Экономика | 24 Июня, 2016" (mayupravo.com): the month capitalised, a comma before the year
    month = GENITIVE[day.month - 1]
    date = f"{day.day} {month.capitalize() if capital else month}, {day.year}"
    line = f"{rubric} | {date}"
    found = dates.publication_date(f"{line}\nТекст статьи.", [(0, len(line))])
    assert found is not None
    assert (found.date, found.evidence) == (day, date)
    # a rubric is words only: a line of text with a bar before a date is no dateline
    text = f"Сообщили 5 | {date}"
    assert dates.publication_date(f"{text}\nТекст.", [(0, len(text))]) is None


@MORPHOLOGY
@given(DAYS, st.sampled_from(["Сообщение", "Выпуск"]))
def test_a_dateline_after_another_word_is_no_dateline(day: dt.date, lead: str) -> None:
    # only a weekday or an issue's number may stand before the date of a dateline
    line = f"{lead}, {day.day} {GENITIVE[day.month - 1]} {day.year}"
    assert dates.publication_date(f"{line}\nТекст.", [(0, len(line))]) is None
