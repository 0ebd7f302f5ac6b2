"""The cheap tests a news reader asks before it scans a pattern hold wherever the pattern
matches: a range they turn away holds no match (each is exact, not a guess)."""

from __future__ import annotations

import pytest
from caspian.layers.news import timing
from caspian.layers.news.expression import holds_digit
from caspian.layers.news.gazetteer import load_gazetteer
from caspian.layers.news.text import WHOLE_TEXT_MIN_CHARS, words
from hypothesis import given, settings
from hypothesis import strategies as st

# Pieces of text around a year as the reader meets them: a bare year closing a sentence, a
# year abbreviated "г.", a part of a year, and digits and words that run into a year.
_PIECES = (
    "в 2026.", "в 2027!", "2005 г.", "во второй половине 2013.", "в третьем квартале 2019.",
    "12026 г.", "x2026 г.", "В 1998?", "1", "20", "19", "в ", " ", ".", "г.", "года",
)  # fmt: skip


@st.composite
def _ranges(draw: st.DrawFn) -> tuple[str, int, int]:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8)))
    start = draw(st.integers(0, len(text)))
    return text, start, draw(st.integers(start, len(text)))


@settings(deadline=None, max_examples=500)
@given(_ranges())
def test_a_bare_year_is_only_found_where_a_year_may_open(found: tuple[str, int, int]) -> None:
    """``timing.deadlines`` scans WITHOUT_YEAR_WORD only where a run of digits opening as a
    year lies in the range, or the range opens on a digit: every match is there."""
    text, start, end = found
    if timing.WITHOUT_YEAR_WORD.search(text, start, end):
        assert timing.holds_a_year(text, start, end) or holds_digit(text, start, start + 1)


# Names of several words and their first words alone or followed by another word, in a text
# long enough to be split whole (a gazetteer matcher then drops, once per text, the starts
# whose next word no name of theirs may go on with).
_NAME_PIECES = (
    "порт Баку", "Бакинский морской порт", "Баку–Тбилиси–Джейхан", "Баку", "Бакинский",
    "морской", "порт", "порт Актау", "Актауский порт", "паромный комплекс Курык", "паромный",
    "Транскаспийский газопровод", "Транскаспийский", "Южный газовый коридор", "Южный",
    "ТКГ", "БТК", "коридор", "Средний коридор", "и", "в", "новый", "через", "Баку-Тбилиси-Карс",
)  # fmt: skip
_SEPARATORS = (" ", ", ", ". ", "\n\n", " – ")


@st.composite
def _long_texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=30))
    text = "".join(piece + draw(st.sampled_from(_SEPARATORS)) for piece in pieces)
    filler = " слово" * (WHOLE_TEXT_MIN_CHARS // 6 + 1)
    return text + filler if draw(st.booleans()) else filler + " " + text


@pytest.mark.parametrize("which", ["features", "unmapped"])
@settings(deadline=None, max_examples=25)
@given(text=_long_texts())
def test_a_long_text_s_names_are_those_every_name_tried_at_every_word_finds(
    which: str, text: str
) -> None:
    """A matcher over a text split whole, its name starts found once and thinned by the word
    after each, finds the names that trying every name at each word finds (the longest that
    matches there, then on after it)."""
    matcher = getattr(load_gazetteer(), which)
    tokens = words(text)
    expected, index = [], 0
    while index < len(tokens):
        # the filler's words start no name (asserted below): tried at the pieces' words only
        filler = tokens[index].text == "слово"
        sizes = [1 if name.exact else len(name.lemma_sets) for name in matcher.names
                 if not filler and matcher._matches_at(name, text, tokens, index)]  # fmt: skip
        if sizes:
            expected.append((tokens[index].start, tokens[index + max(sizes) - 1].end))
        index += max(sizes) if sizes else 1
    assert len(text) >= WHOLE_TEXT_MIN_CHARS
    assert not any(matcher._matches_at(name, "слово", words("слово"), 0) for name in matcher.names)
    assert [(match.start, match.end) for match in matcher.find(text)] == expected
