"""The news reader's shortcuts read what the full scans read.

The reader skips work a sentence cannot need: the phrases of number words ("в двух раза",
"в течение трёх лет") are scanned only where their key word stands, the digits are found
without visiting every word when no word is a number, and a gazetteer matcher visits only
the words that may start a name; a reader is called only where one of the hints it declares
holds, and a sentence where no reader's does is not read at all; a long text is split into
words and searched for number words once, and each range looked up. Each shortcut must never
drop a match: these properties hold them to the full scans on text made of the very words the
patterns read, in any case.
"""

from __future__ import annotations

import itertools
import re

import pytest
from caspian.layers.news import language, numbers, quantities, timing
from caspian.layers.news.expression import holds_word
from caspian.layers.news.gazetteer import load_gazetteer
from caspian.layers.news.text import lemmas
from hypothesis import given, settings
from hypothesis import strategies as st

NUMBERS = ("два", "двух", "Трёх", "трех", "пяти", "2,5", "3", "1 300", "12-36")
# Phrases as the patterns read them, one slot a tuple of choices ("" leaves the slot out).
PHRASES = (
    (("", "почти", "более чем"), ("в", "В"), NUMBERS, ("раз", "раза")),
    (("за", "За"), ("", "первые"), NUMBERS, ("месяцев", "месяца"), ("", "2025 года")),
    (("за",), ("2024",), ("год",)),
    (("в течение", "на протяжении", "ближайших", "следующих", "последующих", "продолжалось",
      "длился", "займет около", "займут", "можно за", "Можно примерно за", "потребует",
      "потребуется около"), NUMBERS,
     ("лет", "года", "месяцев", "дней", "недели")),
    (("до", "к"), ("", "конца"), ("2026", "этого", "следующего"), ("года", "году", "год")),
    (("до", "к"), ("2026−2027", "2026-2027"), ("годам", "годов")),
    (("во", "в"), ("II", "II-III", "IV"), ("квартале", "полугодии"), ("2026 года",)),
    (("к", "К"), ("середине", "середину"), ("2026",), ("года",)),
    (("Это", "это"), ("на",), ("64", "один млн 73 тысячи"), ("процента", "тонн"), ("больше",)),
    (("в", "В"), ("третьем", "первой"), ("квартале", "половине"), ("следующего", "этого"),
     ("года",), ("", "запуск")),
    (("29", "5"), ("января", "мая"), ("", "в Тбилиси"), ("подписаны", "началось")),
    (("в", "на"), ("2027", "этом", "следующем"), ("году", "год", "г.")),
    (("в",), ("первой половине", "начале", ""), ("2005",), ("г.", "года")),
    (("с", "С"), ("2020",), ("года",)),
    (("будет сдана", "завершится", "запланировано"), ("в", "до", "на"),
     ("мае", "ноября", "декабрь", "Марте"), ("2018",), ("года", "г.")),
    (("на", "в"), ("начало", "начале"), ("следующего", "этого"), ("года",)),
    (("на", "к", ""), ("начало", "конец", ""), ("весны", "Летом", "осени", "зиму"), ("2006",),
     ("года", "г.")),
    (("за", "За"), ("последние", ""), NUMBERS, ("лет", "года", "год")),
    (("на конец", "в конце"), ("2026",), ("года",), ("", "завершение")),
    (("сегодня,", "Сегодня"), ("22", "5"), ("августа", "мая"), ("состоялась", "состоится")),
    (("более", ""), ("полумиллиона", "полмиллиарда", "Полумиллиона"), ("TEU", "долларов", "тонн")),
    (("почти", ""), ("двухсоткилометрового", "Стокилометровый"), ("участка", "")),
    (("пришлись", ""), ("¾", "½"), ("объема", "всего", "")),
    (("процентов", "процента", "процент"), ("на",), ("40", "2,5"), ("дороже", "")),
    (("50", "2,5"), ("-процентное", "-процентный", "процентное"), ("снижение", "рост", "доля")),
    (("за", "За"), ("полгода", "первое полугодие", "второе полугодие", "первого полугодие"),
     ("2025", "", "нынешнего"), ("года", "-го", "")),
    (("удвоить", "Утроение", "вдвое", "втрое", "удобно", "утроиться"),),
    (("Карс", "БТК", "железная дорога", "224 км", "10 млн тонн", "завершено"),),
    (("Этот", "этот", "данный"), ("показатель", "показателя"), ("", "планируется")),
    (("2-3", "четырех", "6-ти"), ("полосной", "полосная", "полосную"), ("", "автомобильной"),
     ("дороги", "дорога")),
    (("Срок", "сроки"), ("реализации", "завершения"), ("проекта", ""), ("—", "-"),
     ("январь —", ""), ("июнь", "мае"), ("2026",), ("года",)),
    (("удвоить", "утроить"), ("этот", "данный"), ("показатель",), ("", "в течение трех лет")),
    (("в течение двух лет", ""), ("увеличить", "нарастить", "довести", "удвоить"),
     ("показатель", "показатели", "ПОКАЗАТЕЛЬ"), ("до 260 000 TEU",)),
    (("транзит", "объем"), ("этого", "данной", "этой"), ("", "стратегического"),
     ("сырья", "нефти", "груза")),
    (("Казахстан", "Азербайджан"), ("думает об увеличении", "наращивает"),
     ("экспорта", "поставки", "транзит"), ("", "казахстанской"), ("нефти", "грузов")),
    (("", "АЖД,"), ("это", "Это"), ("в 2 раза", "на 38%"), ("выше", "")),
    (("во", "в"), ("второй", "первом"), ("половине", "квартале"), ("2013",), (".", "года", "")),
    (("БТД),", "трубопровод,"), ("по которому", "через который", "которая", "которым"),
     ("экспортируется", ""), ("большая часть", ""), ("добываемой в Азербайджане", ""),
     ("нефти,",), ("было транспортировано", "")),
    (("Казахстан",), ("может начать", "", "намерен"), ("экспортировать", "прокачать"),
     ("", "до")),
    (("кредит", "грант", "кредита"), ("ЕБРР", "ЕС", "Европейского банка реконструкции и развития"),
     ("", "(", "в размере", "на"), ("", "до")),
    (("Казахстан", "Астана", "Азербайджан"), ("планировал", "рассчитывает", "намерен"),
     ("", "в"), ("прокачать", "перевезти")),
    (("по итогам", "в уходящем году"), ("2025 года", ""), ("составит",)),
    (("порт Роттердам,", "Актау,"), ("мощность", "протяженность"),
     ("которого", "которой", "которых"), ("составляет",)),
    (("в настоящее время", "Сейчас", "на сегодняшний день", "на данный момент",
      "в данный момент", "на текущий момент"), ("по нему", ""), ("прокачивается",)),
    (("более чем", "примерно", ""),
     ("двукратный", "Шестикратном", "трёхкратное", "полуторакратный"),
     ("рост", "росте", "увеличение")),
)  # fmt: skip
SEPARATORS = (" ", " ", " ", "  ", "\n", "\u00a0", ", ", "-", ". ")
# How a word may be printed: as is, in capitals, capitalised, or with "т" printed "ᲄ", a
# form of it that matching with case ignored accepts (a hint that lower-cased would miss it).
CASES = (str, str.upper, str.capitalize, lambda word: word.replace("т", "ᲄ"))
PROPERTY = settings(deadline=None, max_examples=300)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text of phrases, each word in some case, and a range of it (a sentence need not
    start the text)."""
    words = []
    for phrase in draw(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=5)):
        for slot in phrase:
            word = draw(st.sampled_from(CASES))(draw(st.sampled_from(slot)))
            words += [word, draw(st.sampled_from(SEPARATORS))] if word else []
    text = "".join(words)
    if draw(st.booleans()):
        return text, 0, len(text)
    start = draw(st.integers(0, len(text)))
    return text, start, draw(st.integers(start, len(text)))


Hint = tuple[str, ...] | re.Pattern[str] | tuple[str, re.Pattern[str]]


def _phrase_hints() -> list[tuple[re.Pattern[str], Hint]]:
    """Each long pattern and the hint (words, or a pattern) that must be found where it
    matches."""
    return [
        (quantities._phrase("growth"), quantities._GROWTH_HINT),
        (quantities._phrase("period"), quantities._PERIOD_HINT),
        (quantities._phrase("duration"), quantities._DURATION_HINT),
        (quantities._WHOLE_YEAR, quantities._YEAR_HINT),
        (quantities._GROWTH_WORD, quantities._GROWTH_WORD_HINT),
        (quantities._LAST_YEARS, quantities._LAST_YEARS_HINT),
        (quantities._HALF_YEAR, quantities._HALF_YEAR_HINT),
        (quantities._percent_adjective(), quantities._PERCENT_ADJECTIVE_HINT),
        *[(pattern, ("год",)) for pattern in (
            timing._ABSOLUTE, timing._RELATIVE_END, timing._RELATIVE_IN, timing._SINCE,
            timing._QUARTERS, timing._RELATIVE_START,
        )],
        # "в 2027." closes a sentence without "год", "в 2005 г." abbreviates it: its hint is
        # the bare or abbreviated year itself, as ``timing.deadlines`` checks it.
        (timing._IN_YEAR, ("год", timing.WITHOUT_YEAR_WORD)),
        (timing._SEASON, ("год", timing.WITHOUT_YEAR_WORD)),  # "весны 2006 г."
    ]  # fmt: skip


def _hint_holds(hint: Hint, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds the hint: one of its words, a match of its pattern,
    or (a pair of a word tuple and a pattern) either."""
    if isinstance(hint, re.Pattern):
        return bool(hint.search(text, start, end))
    if len(hint) == 2 and isinstance(hint[1], re.Pattern):
        return _hint_holds(hint[1], text, start, end) or _hint_holds((hint[0],), text, start, end)
    return holds_word(text, start, end, hint)


@PROPERTY
@given(sentences())
def test_a_phrase_is_only_found_where_its_hint_is(sentence: tuple[str, int, int]) -> None:
    text, start, end = sentence
    for pattern, hint in _phrase_hints():
        if not pattern.search(text, start, end):
            continue
        assert _hint_holds(hint, text, start, end), (pattern.pattern, text)


def test_case_folding_gives_every_letter_a_hint_word_may_be_printed_as() -> None:
    """Every character that a pattern ignoring case takes for a letter of a hint word folds to
    that letter (so the hint, which folds the sentence, never misses what the pattern reads)."""
    every_character = "".join(map(chr, range(0x110000))).encode(
        "utf-8", "surrogatepass"
    ).decode("utf-8", "replace")  # fmt: skip
    hints = [hint for _, hint in _phrase_hints() if not isinstance(hint, re.Pattern)]
    letters = sorted({
        letter for words in hints for word in words if isinstance(word, str) for letter in word
    })  # fmt: skip
    assert "т" in letters and "ᲄ".casefold() == "т"
    for letter in letters:
        read_as = {m.group() for m in re.finditer(letter, every_character, re.IGNORECASE)}
        assert {character.casefold() for character in read_as} == {letter}, letter


@PROPERTY
@given(sentences(), st.booleans())
def test_digits_alone_are_the_numbers_of_a_sentence_without_number_words(
    sentence: tuple[str, int, int], english: bool
) -> None:
    text, start, end = sentence
    read_as = language.ENGLISH if english else language.RUSSIAN
    full = list(quantities.numbers_and_words_in(text, start, end, read_as))
    assert list(quantities.numbers_in(text, start, end, read_as)) == full
    if not numbers.holds_number_word(text, start, end):
        assert list(quantities.digits_in(text, start, end, read_as)) == full


def test_a_sentence_of_digits_and_words_reads_both() -> None:
    text = "Длина двухсот двадцати четырёх км, а не 1 300 км."
    assert [(text[s:e], v) for s, e, v, _ in quantities.numbers_in(text, 0, len(text))] == [
        ("двухсот двадцати четырёх", 224.0), ("1 300", 1300.0),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def feature_matcher():
    return load_gazetteer().features


def _matches_word_by_word(matcher, text: str) -> list[tuple[int, int]]:
    """Where names of ``matcher`` stand, trying every name at each word in turn: the longest
    that matches there, then on after it (the matcher's documented rule, without its index)."""
    from caspian.layers.news.text import words

    tokens = words(text)
    found, index = [], 0
    while index < len(tokens):
        sizes = [
            1 if name.exact else len(name.lemma_sets)
            for name in matcher.names
            if matcher._matches_at(name, text, tokens, index)
        ]
        if not sizes:
            index += 1
            continue
        found.append((tokens[index].start, tokens[index + max(sizes) - 1].end))
        index += max(sizes)
    return found


@settings(deadline=None, max_examples=40)
@given(sentences())
def test_the_matcher_finds_what_trying_every_name_at_every_word_finds(
    feature_matcher, sentence: tuple[str, int, int]
) -> None:
    text, _, _ = sentence
    assert [(m.start, m.end) for m in feature_matcher.find(text)] == _matches_word_by_word(
        feature_matcher, text
    )


def test_the_matcher_finds_an_abbreviation_and_a_three_word_name(feature_matcher) -> None:
    text = "БТК и железная дорога Карс–Ахалкалаки, Баку-Тбилиси-Карс"
    assert [(text[m.start : m.end], m.target) for m in feature_matcher.find(text)] == [
        ("БТК", ("middle_corridor", "btk")), ("Баку-Тбилиси-Карс", ("middle_corridor", "btk")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        ("Работы займут В ТЕЧЕНИЕ трёх лет.", "duration", 3.0),
        ("Работы займут в ᲄечение трёх лет.", "duration", 3.0),  # "ᲄ": an old form of "т"
        ("Оборот вырос почти в ПЯТЬ РАЗ.", "growth", 5.0),
        ("За первые восемь МЕСЯЦЕВ 2025 года.", "period", 8.0),
    ],
)
def test_a_phrase_in_any_case_passes_its_hint(sentence: str, kind: str, value: float) -> None:
    from caspian.layers.news.quantities import quantities as read

    assert [(q.kind, q.value) for q in read(sentence, 0, len(sentence))] == [(kind, value)]


# Any characters: letters of both alphabets, digits of other scripts ("٣" is a digit to
# ``\d``), underscores, which words leave out, and separators.
_ANY_TEXT = st.text(st.sampled_from("Баку-Тбилиси 224км_ё٣\u00a0\n.,ᲄ"), max_size=40)


@PROPERTY
@given(_ANY_TEXT, st.data())
def test_a_word_list_holds_the_words_of_the_word_scan(text: str, data: st.DataObject) -> None:
    from caspian.layers.news.text import WORD, Word, word_list, words

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    scanned = [Word(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    listed = word_list(text, start, end)
    assert list(listed) == scanned
    assert [listed[i] for i in range(len(listed))] == scanned
    assert words(text, start, end) == scanned


@PROPERTY
@given(_ANY_TEXT, st.data())
def test_the_digit_index_finds_a_digit_where_a_scan_of_the_range_does(
    text: str, data: st.DataObject
) -> None:
    from caspian.layers.news.expression import holds_digit

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert holds_digit(text, start, end) == bool(re.search(r"\d", text[start:end]))


def test_a_remembered_sentence_is_not_taken_for_the_same_range_of_another_text() -> None:
    assert holds_word("к 2030 году", 0, 11, ("год",))
    assert not holds_word("к 2030 мест", 0, 11, ("год",))


_DATE_PARTS = ("3", "03", "2025", "20", "-", ".", " ", ", ", "марта", "года", "14:05", "T", "x")


@PROPERTY
@given(st.lists(st.sampled_from(_DATE_PARTS), max_size=12), st.data())
def test_dates_tried_where_digits_begin_are_the_dates_a_scan_finds(
    parts: list[str], data: st.DataObject
) -> None:
    from caspian.layers.news import dates

    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for pattern in (dates.NUMERIC, dates.WORDS, dates.ISO):
        assert [m.span() for m in dates._at_digit_runs(pattern, text, start, end)] == [
            m.span() for m in pattern.finditer(text, start, end)
        ]


# Filler that makes a text long enough to be split once and looked up by range
# (text.WHOLE_TEXT_MIN_CHARS), with number words and hint words of its own.
_FILLER = "Порт Актау принял три судна в течение года, а грузооборот вырос. " * 40


@st.composite
def long_sentences(draw: st.DrawFn) -> tuple[str, int, int]:
    """A sentence of :func:`sentences` inside a long text, and a range of it: the sentence,
    or any range (one that may cut a word)."""
    text, start, end = draw(sentences())
    before, after = draw(st.sampled_from(["", _FILLER])), draw(st.sampled_from(["", _FILLER]))
    whole = before + text + after
    if draw(st.booleans()):
        return whole, len(before) + start, len(before) + end
    start = draw(st.integers(0, len(whole)))
    return whole, start, draw(st.integers(start, min(len(whole), start + 300)))


def _readers() -> tuple:
    return (quantities.measured, *quantities.READERS)


@PROPERTY
@given(st.one_of(sentences(), long_sentences()))
def test_the_hints_never_skip_a_sentence_a_reader_reads(sentence: tuple[str, int, int]) -> None:
    """A sentence is read only where one reader's declared hints hold: a reader that finds
    anything in the range must pass its own hints, and so the sentence's."""
    from caspian.layers.news.hints import may_find

    text, start, end = sentence
    for reader in _readers():
        found = list(reader(text, start, end))
        if found:
            assert may_find((reader,), text, start, end), (reader.__name__, found)
            assert may_find(_readers(), text, start, end), (reader.__name__, found)


@PROPERTY
@given(long_sentences(), st.sampled_from(["", "İ"]), st.sampled_from([0, 0.3, 0.6]))
def test_the_hints_of_a_long_text_found_once_answer_as_each_range_asked(
    sentence: tuple[str, int, int], widening: str, at: float
) -> None:
    """In a long text, the hint words, digits and number words are found once and each range
    looked up; the answer is the one that asking every hint in the range gives (a range that
    cuts a word included, and one that holds a character that folds to two)."""
    from caspian.layers.news import hints

    text, start, end = _widened(sentence, widening, at)
    joined = hints._joined(_readers())
    assert joined is not None
    asked = holds_word(text, start, end, joined.words) or any(
        hints._holds(hint, text, start, end) for hint in joined.others
    )
    assert hints.may_find(_readers(), text, start, end) == asked


@PROPERTY
@given(st.data())
def test_a_long_range_looked_up_for_a_lemma_answers_as_its_words_read_one_by_one(
    data: st.DataObject,
) -> None:
    """:func:`caspian.layers.news.text.holds_lemma` looks a long range up in the words of the
    whole text that have the lemma; its answer is that of reading each word of the range (the
    two at its ends cut at its bounds), whatever range, wanted lemmas and place of the word."""
    from caspian.layers.news.text import holds_lemma, word_list

    word = data.draw(st.sampled_from(["поезд", "поездами", "Судно", "пароходство", "порта"]))
    at = data.draw(st.integers(0, len(_FILLER)))
    text = _FILLER[:at] + " " + word + _FILLER[at:]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    wanted = frozenset(data.draw(st.sampled_from([{"поезд"}, {"судно", "пароходство"}, {"х"}])))
    by_word = any(lemmas(written) & wanted for written in word_list(text, start, end).texts)
    assert holds_lemma(text, start, end, wanted) == by_word


def test_a_lemma_looked_up_at_every_bound_around_its_word() -> None:
    """Every range that ends or starts at, inside or next to the word sought, long enough to
    be looked up: the same answer as reading each word."""
    from caspian.layers.news.text import holds_lemma, word_list

    at = len(_FILLER) // 2
    text = f"{_FILLER[:at]} поездом {_FILLER[at:]}"
    word = text.index("поездом")
    wanted = frozenset({"поезд"})
    for start in (0, word - 600, word - 9, word - 1, word, word + 3):
        for end in range(word - 12, word + 20):
            if start < end:
                by_word = any(lemmas(w) & wanted for w in word_list(text, start, end).texts)
                assert holds_lemma(text, start, end, wanted) == by_word, (start, end)


def test_a_sentence_without_figures_is_skipped_and_a_reader_without_hints_is_not() -> None:
    from caspian.layers.news.hints import may_find

    def undeclared(text: str, start: int, end: int) -> list:
        return []

    text = "Стороны обсудили сотрудничество."
    assert not may_find(_readers(), text, 0, len(text))
    assert quantities.quantities(text, 0, len(text)) == []
    assert may_find((undeclared,), text, 0, len(text))
    assert may_find((*_readers(), undeclared), text, 0, len(text))
    for figure in ("Стороны обсудили 3 проекта.", "Оборот удвоился.", "в течение пяти лет"):
        assert may_find(_readers(), figure, 0, len(figure)), figure


@PROPERTY
@given(long_sentences(), st.booleans())
def test_numbers_of_a_long_text_found_by_its_number_words_are_those_of_a_word_scan(
    sentence: tuple[str, int, int], english: bool
) -> None:
    """In a long text the number words are looked up once for the whole text: the numbers of
    any range are those of the scan of every word, and a range holds a number word when a
    run of its letters is one."""
    text, start, end = sentence
    read_as = language.ENGLISH if english else language.RUSSIAN
    found = list(quantities.numbers_and_words_in(text, start, end, read_as))
    index, numbers.number_word_starts = numbers.number_word_starts, lambda *_: None
    try:
        scanned = list(quantities.numbers_and_words_in(text, start, end, read_as))
        held = numbers.holds_number_word(text, start, end)
    finally:
        numbers.number_word_starts = index
    assert found == scanned
    assert numbers.holds_number_word(text, start, end) == held
    runs = re.findall(r"[А-Яа-яЁё]+", text[start:end])
    assert held == any(numbers.number_lemma(run) for run in runs)


@PROPERTY
@given(long_sentences())
def test_a_long_text_split_once_gives_each_range_the_words_of_its_scan(
    sentence: tuple[str, int, int],
) -> None:
    from caspian.layers.news.text import WORD, Word, range_lemmas, word_list

    text, start, end = sentence
    scanned = [Word(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    assert list(word_list(text, start, end)) == scanned
    assert range_lemmas(text, start, end) == frozenset().union(
        *(lemmas(word.text) for word in scanned)
    )


@settings(deadline=None, max_examples=40)
@given(st.lists(long_sentences(), min_size=1, max_size=3))
def test_paragraphs_matched_in_one_pass_are_those_matched_one_by_one(
    feature_matcher, parts: list[tuple[str, int, int]]
) -> None:
    """A document's paragraphs matched in one pass over the text's name starts
    (``find_paragraphs``) give each paragraph the names :meth:`find` gives it alone."""
    from caspian.layers.news.text import word_list

    text = "\n\n".join(part for part, _, _ in parts) + "\n\n" + _FILLER
    spans, position = [], 0
    for part, _, _ in parts:
        spans.append((position, position + len(part)))
        position += len(part) + 2
    spans.append((position, len(text)))
    tokens = [word_list(text, start, end) for start, end in spans]
    assert feature_matcher.find_paragraphs(text, spans, tokens) == [
        feature_matcher.find(text, start, end, listed)
        for (start, end), listed in zip(spans, tokens, strict=True)
    ]


def _widened(sentence: tuple[str, int, int], widening: str, at: float) -> tuple[str, int, int]:
    """``sentence`` with ``widening`` put in its text at ``at`` (a fraction of its length,
    at the text's start for 0): before, inside or after the range."""
    text, start, end = sentence
    place = round(at * len(text))
    text = text[:place] + widening + text[place:]
    return text, start + len(widening) * (start > place), end + len(widening) * (end > place)


@PROPERTY
@given(long_sentences(), st.sampled_from(["", "ß", "ﬁ", "İ"]), st.sampled_from([0, 0.3, 0.6]))
def test_a_hint_word_is_found_in_the_folded_text_where_the_folded_range_holds_it(
    sentence: tuple[str, int, int], widening: str, at: float
) -> None:
    """The text is folded once; a character that folds to two ("ß" is "ss") stands as one
    NUL in it (expression.folded_by_character), and a range that holds one is folded
    alone."""
    text, start, end = _widened(sentence, widening, at)
    for words in (("год",), quantities._DURATION_HINT, ("месяц", "год")):
        assert holds_word(text, start, end, words) == any(
            word in text[start:end].casefold() for word in words
        )


@PROPERTY
@given(st.text(st.sampled_from("Баку Ёё İßﬁŉẞ 224 😀𐐀\U0001e900ǅ"), max_size=60))
def test_a_text_is_folded_one_character_for_each_as_a_table_of_its_characters_folds_it(
    sample: str,
) -> None:
    """expression.folded_by_character finds the characters that fold to several by one
    pattern (those of the BMP listed, any beyond it asked): the text folded and those
    characters' offsets are what a table of every character of the text gives."""
    from caspian.layers.news.expression import folded_by_character
    from caspian.layers.news.text import forget_texts

    forget_texts()
    several = sorted(char for char in set(sample) if len(char.casefold()) != 1)
    if not several:
        assert folded_by_character(sample) == (sample.casefold(), [])
        return
    table = dict.fromkeys(map(ord, several), "\0")
    offsets = [at for at, char in enumerate(sample) if char in several]
    assert folded_by_character(sample) == (sample.translate(table).casefold(), offsets)


@PROPERTY
@given(st.text(st.sampled_from("Баку Ёё ЯяАа Zz Aa 224\u00a0ÀЀѐ😀ǅ"), max_size=60))
def test_the_language_counts_the_letters_a_scan_of_each_alphabet_counts(sample: str) -> None:
    """The letters are counted as UTF-16 code units: the counts of a scan for each alphabet
    ("À", "Ѐ", "ѐ" are none of its letters; "😀" is two surrogate units)."""
    from caspian.layers.news.documents import detect_language

    cyrillic = len(re.findall("[А-Яа-яЁё]", sample))
    latin = len(re.findall("[A-Za-z]", sample))
    expected = "und" if cyrillic + latin == 0 else "ru" if cyrillic >= latin else "en"
    assert detect_language(sample) == expected


@PROPERTY
@given(_ANY_TEXT, st.sampled_from(["", "𝟎", "🚆"]))
def test_a_long_text_finds_the_digits_a_scan_finds(text: str, astral: str) -> None:
    """A long text's digits are found by its UTF-16 code units; one with a character
    beyond the BMP (two units, "𝟎" a digit to ``\\d``) by the scan itself."""
    from caspian.layers.news.expression import digit_positions
    from caspian.layers.news.text import forget_texts

    forget_texts()
    long_text = (text + astral + "Баку 2025 ٣ ") * (2_000 // (len(text) + 12) + 1)
    assert len(long_text) >= 2_000
    assert digit_positions(long_text) == [m.start() for m in re.finditer(r"\d", long_text)]


def _every_phrase() -> list[str]:
    """Every phrase of :data:`PHRASES` (each choice of each slot), in each case."""
    return [
        case(" ".join(word for word in words if word))
        for phrase in PHRASES
        for words in itertools.product(*phrase)
        for case in CASES
    ]


def test_a_pattern_that_needs_words_matches_only_where_one_of_them_stands() -> None:
    """A pattern declared with the words every match holds (``hints.needs_words``) is not
    searched where none stands: none may match where they do not, in any phrase its
    reader reads, in any case."""
    from caspian.layers.news.hints import _NEEDED, may_search

    matched = set()
    for phrase in _every_phrase():
        for pattern, words in _NEEDED.items():
            if pattern.search(phrase):
                matched.add(pattern)
                assert holds_word(phrase, 0, len(phrase), words), (pattern.pattern, phrase)
                assert may_search(pattern, phrase, 0, len(phrase))
    assert matched == set(_NEEDED)  # each pattern met a phrase it reads


@pytest.mark.parametrize("added", ["с учетом", "с учётом", "вс учетом", "ВКЛЮЧАЯ", "вместе с",
                                   "а с", "А С"])  # fmt: skip
def test_a_pattern_closing_a_range_is_searched_from_its_last_words_as_from_its_start(
    added: str,
) -> None:
    """"с учетом подъездных путей - " before a figure is found from the last four runs of
    non-space characters before it, as a search from the clause's start finds it."""
    from caspian.layers.news.scopes import _INCLUDING_BEFORE, _INCLUDING_WORDS
    from caspian.layers.news.text import last_words_start

    found_any = False
    for lead, words, closing, space in itertools.product(
        ("", "224 км, ", "путь ", "а ", "км"),
        ("подъездных", "подъездных путей", "подъездных путей и веток"),
        ("", " ", " - ", "-", ":", " — ", "\n", " -: "),
        (" ", "  ", "\n", "\u00a0"),
    ):
        text = lead + space.join((*added.split(), *words.split())) + closing
        whole = _INCLUDING_BEFORE.search(text, 0, len(text))
        tail = last_words_start(text, 0, len(text), _INCLUDING_WORDS)
        found = _INCLUDING_BEFORE.search(text, tail, len(text))
        assert (found and (found.span(), found.groups())) == (
            whole and (whole.span(), whole.groups())
        ), text
        found_any |= whole is not None
    assert found_any


@PROPERTY
@given(_ANY_TEXT, st.sampled_from(["", "𝟎", "🚆", "\ud800"]))
def test_a_long_text_split_by_its_code_units_gives_the_words_of_the_scan(
    text: str, astral: str
) -> None:
    """A long text is split into words by its UTF-16 code units (a character beyond the
    BMP sends it back to the pattern's split): the words and offsets of :data:`WORD`."""
    from caspian.layers.news.text import WORD, Word, forget_texts, text_words

    forget_texts()
    long_text = (text + astral + "Баку_2025 ٣ ") * (2_000 // (len(text) + 12) + 1)
    whole = text_words(long_text)
    assert whole is not None
    assert list(whole) == [Word(m.group(), m.start(), m.end()) for m in WORD.finditer(long_text)]
