"""The cheap tests a news reader asks before it scans a pattern hold wherever the pattern
matches: a range they turn away holds no match (each is exact, not a guess)."""

from __future__ import annotations

from caspian.layers.news import timing
from caspian.layers.news.expression import holds_digit
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
