"""What a numeric reader needs to find anything in a sentence, declared beside the reader, and
one pass that tests the hints of every reader at once.

Most sentences of an article state no figure. Each reader (:mod:`.quantities`,
:mod:`.timing`) tests a few cheap hints before it scans its long patterns (a digit, a key word
such as "год", a short pattern such as "в … раз"); :func:`reads_where` declares those tests
beside the reader, and :func:`may_find` asks the hints of all readers in one go (each
distinct hint once, the words of all in one search), so that a sentence without any is
skipped whole and the readers are not called on it one by one (each still tests its own
hints when called). A reader that declares no hint is run on every sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from caspian.layers.news import numbers
from caspian.layers.news.expression import (
    digit_positions,
    folded_by_character,
    folds_apart,
    holds_digit,
    holds_word,
)
from caspian.layers.news.text import per_text, text_words

#: What a reader needs in a range of text: a pattern found in it (searched with the range's
#: bounds, as ``pattern.search(text, start, end)``), one of some lower-case words in any case
#: (:func:`caspian.layers.news.expression.holds_word`), or a test ``(text, start, end)``.
Hint = re.Pattern[str] | tuple[str, ...] | Callable[[str, int, int], object]
Reader = TypeVar("Reader", bound=Callable[..., object])
_DECLARED: dict[object, tuple[Hint, ...]] = {}
_NEEDED: dict[re.Pattern[str], tuple[str, ...]] = {}
#: :data:`_NEEDED` by the pattern's id, for the lookups of every range: a compiled pattern
#: hashes its whole compiled code each time it is looked up (16 µs for the longest, with its
#: number words; a long article asks some 10,000 times), an int does not. The patterns are
#: kept alive by :data:`_NEEDED`, so no id is reused.
_NEEDED_BY_ID: dict[int, tuple[str, ...]] = {}
Pattern = TypeVar("Pattern", bound=re.Pattern[str])


def needs_words(pattern: Pattern, words: tuple[str, ...]) -> Pattern:
    """Declare that every match of ``pattern`` holds one of ``words`` (lower case, found in
    any case as :func:`holds_word` finds them) whole, and return the pattern: a range that
    holds none of them is not searched (:func:`may_search`; as a reader's hint,
    :func:`may_find` looks them up once per text). The pattern, an ``IGNORECASE`` scan of
    every character, is searched only in the few ranges that hold one."""
    _NEEDED[pattern] = words
    _NEEDED_BY_ID[id(pattern)] = words
    return pattern


def may_search(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether ``pattern.search(text, start, end)`` may find anything: False only where the
    words it needs (:func:`needs_words`) are known to be missing from ``text[start:end]``."""
    needed = _NEEDED_BY_ID.get(id(pattern))
    # a sentence's few words are found in it as fast as looked up in the whole text's
    return needed is None or holds_word(text, start, end, needed)


@dataclass(frozen=True)
class _Spans:
    """Spans of a text, for asking whether a range holds one of them whole."""

    #: The spans' starts, in order.
    starts: list[int]
    #: The least end of the spans from each on.
    least_ends: list[int]

    @classmethod
    def of(cls, starts: list[int], ends: list[int]) -> _Spans:
        """The spans ``zip(starts, ends)``, in any order."""
        if not starts:
            return cls([], [])
        # Sorted as whole numbers (start, then length), several times faster than pairs.
        size = max(end - start for start, end in zip(starts, ends, strict=True)) + 1
        keys = sorted(start * size + end - start for start, end in zip(starts, ends, strict=True))
        starts = [key // size for key in keys]
        ends = [start + key % size for start, key in zip(starts, keys, strict=True)]
        least = list(itertools.accumulate(reversed(ends), min))
        return cls(starts, least[::-1])

    def holds(self, start: int, end: int) -> bool:
        """Whether one of the spans lies in ``[start, end)``."""
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.least_ends[index] <= end


def _found_words(folded: str, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """The starts and ends of every place of ``words`` in ``folded`` (overlapping ones too),
    each word's found once per text (several hints and patterns ask for the same words)."""
    starts: list[int] = []
    ends: list[int] = []
    for word in words:
        found = _found_word(folded, word)
        starts.extend(found)
        ends.extend(position + len(word) for position in found)
    return starts, ends


@per_text(maxsize=64)
def _found_word(folded: str, word: str) -> list[int]:
    """The start of every place of ``word`` in ``folded`` (a whole text folded), in order."""
    found = []
    position = folded.find(word)
    while position >= 0:
        found.append(position)
        position = folded.find(word, position + 1)
    return found




def reads_where(*hints: Hint) -> Callable[[Reader], Reader]:
    """Declare that the reader it decorates finds nothing in a range where none of ``hints``
    holds: the very tests its body makes before it scans its patterns. A pattern added to a
    reader outside those tests needs its own hint here, and its phrase in the property test
    (``tests/test_news_fast_paths.py``), or its sentences may be skipped."""

    def declared(reader: Reader) -> Reader:
        _DECLARED[reader] = hints
        return reader

    return declared


def _holds(hint: Hint, text: str, start: int, end: int) -> bool:
    if isinstance(hint, re.Pattern):
        return may_search(hint, text, start, end) and hint.search(text, start, end) is not None
    if isinstance(hint, tuple):
        return holds_word(text, start, end, hint)
    return bool(hint(text, start, end))


@dataclass(frozen=True, eq=False)
class _Joined:
    """The hints of several readers, each asked once (one per readers, :func:`_joined`: told
    apart by identity, a cheap key for what is found of it in a text)."""

    #: Their words, in one tuple (the folded sentence is searched for each).
    words: tuple[str, ...]
    #: Their patterns and tests.
    others: tuple[Hint, ...]


@cache
def _joined(readers: tuple[object, ...]) -> _Joined | None:
    """The hints of ``readers`` joined; None when one of them declares none."""
    hints = [hint for reader in readers for hint in _DECLARED.get(reader, (None,))]
    if None in hints:
        return None
    words = _least(tuple(dict.fromkeys(
        word for hint in hints if isinstance(hint, tuple) for word in hint
    )))  # fmt: skip
    others = tuple(dict.fromkeys(hint for hint in hints if not isinstance(hint, tuple)))
    return _Joined(words, others)  # type: ignore[arg-type]


def _least(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` less each that holds another of them ("года" holds "год"): wherever it
    stands, that one stands within it, so a range holds one of ``words`` exactly where it
    holds one of these, and a text is searched for fewer words."""
    return tuple(
        word for word in words if not any(other != word and other in word for other in words)
    )


def may_find(readers: Sequence[object], text: str, start: int, end: int) -> bool:
    """Whether one of ``readers`` may find anything in ``text[start:end]``: one of the hints
    it declares (:func:`reads_where`) holds there, or it declares none. Each distinct hint is
    asked once, the words of all in one search; in a text split whole, the hints found once
    in it (:class:`_InText`) are looked up by bisection."""
    joined = _joined(tuple(readers))
    if joined is None:
        return True
    found = _in_text(joined, text)
    if found is None or (found.several and found.folds_apart(start, end)):
        if joined.words and holds_word(text, start, end, joined.words):
            return True
        return any(_holds(hint, text, start, end) for hint in joined.others)
    if found.holds(start, end):
        return True
    # A range that cuts a run of letters holds runs that are not the text's: asked itself.
    cut = found.number_words and (
        numbers.cuts_a_run(text, start) or numbers.cuts_a_run(text, end)
    )
    if cut and numbers.holds_number_word(text, start, end):
        return True
    if any(_holds(hint, text, start, end) for hint in found.others):
        return True
    # The patterns that need words (needs_words): none is searched where none of them stands.
    return found.needed.holds(start, end) and any(
        _holds(hint, text, start, end) for hint in found.guarded
    )


@dataclass(frozen=True)
class _InText(_Spans):
    """Where in a whole text the hints found once in it hold: a range holds one of them
    where it holds one of these spans whole (a hint word, folded, :func:`holds_word`; a
    digit, :func:`holds_digit`; a run of letters that is a number word,
    :func:`numbers.holds_number_word`, where the range cuts no run of letters)."""

    #: Whether number words are among them (a range that cuts a run is asked itself).
    number_words: bool
    #: The hints asked range by range (other tests, patterns that declare no words).
    others: tuple[Hint, ...]
    #: The patterns that declare the words they need (:func:`needs_words`), asked range by
    #: range where one of those words stands (:attr:`needed`).
    guarded: tuple[re.Pattern[str], ...]
    #: Where the words :attr:`guarded` need stand.
    needed: _Spans
    #: Where the characters of the text that fold to several stand, in order: a range that
    #: holds one is asked itself (its words were not found in the text folded).
    several: list[int]

    def folds_apart(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` holds a character that folds to several."""
        return folds_apart(self.several, start, end)


#: The tests whose spans in a whole text :func:`_in_text` lists.
_LISTED_TESTS = (holds_digit, numbers.holds_number_word)


@per_text(maxsize=4)
def _in_text(joined: _Joined, text: str) -> _InText | None:
    """The hints of ``joined`` found once in the whole of ``text``; None for a text not split
    whole (:func:`caspian.layers.news.text.text_words`): its ranges are asked one by one, as
    are those that hold a character that folds to several
    (:func:`caspian.layers.news.expression.folded_by_character`)."""
    if text_words(text) is None:
        return None
    folded, several = folded_by_character(text)
    starts, ends = _found_words(folded, joined.words)
    if holds_digit in joined.others:
        digits = digit_positions(text)
        starts.extend(digits)
        ends.extend(position + 1 for position in digits)
    number_words = numbers.holds_number_word in joined.others
    if number_words:
        run_starts, run_ends = numbers.number_word_runs(text)
        starts.extend(run_starts)
        ends.extend(run_ends)
    spans = _Spans.of(starts, ends)
    asked = [hint for hint in joined.others if hint not in _LISTED_TESTS]
    guarded = tuple(
        hint for hint in asked if isinstance(hint, re.Pattern) and id(hint) in _NEEDED_BY_ID
    )
    others = tuple(hint for hint in asked if hint not in guarded)
    needed = _least(
        tuple(dict.fromkeys(word for hint in guarded for word in _NEEDED_BY_ID[id(hint)]))
    )
    return _InText(
        spans.starts, spans.least_ends, number_words, others, guarded,
        _Spans.of(*_found_words(folded, needed)), several,
    )  # fmt: skip
