"""What a numeric reader needs to find anything in a sentence, declared beside the reader, and
one pass that tests the hints of every reader at once.

Most sentences of an article state no figure. Each reader (:mod:`.quantities`,
:mod:`.timing`) tests a few cheap hints before it scans its long patterns (a digit, a key word
such as "год", a short pattern such as "в … раз"); :func:`reads_where` declares those tests
beside the reader, and :func:`may_find_any` runs the hints of all readers in one go (their
patterns joined into one, their words into another, scanned in C), so that a sentence
without any is skipped whole and the readers are not called on it one by one. A reader that
declares no hint is run on every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from caspian.layers.news.expression import folded_text, holds_word

#: What a reader needs in a range of text: a pattern found in it (searched with the range's
#: bounds, as ``pattern.search(text, start, end)``), one of some lower-case words in any case
#: (:func:`caspian.layers.news.expression.holds_word`), or a test ``(text, start, end)``.
Hint = re.Pattern[str] | tuple[str, ...] | Callable[[str, int, int], object]
Reader = TypeVar("Reader", bound=Callable[..., object])
_DECLARED: dict[object, tuple[Hint, ...]] = {}
# Flags a pattern may carry and still be joined to the others: case, scoped as "(?i:…)".
_JOINABLE_FLAGS = re.IGNORECASE | re.UNICODE


def reads_where(*hints: Hint) -> Callable[[Reader], Reader]:
    """Declare that the reader it decorates finds nothing in a range where none of ``hints``
    holds: the very tests its body makes before it scans its patterns."""

    def declared(reader: Reader) -> Reader:
        _DECLARED[reader] = hints
        return reader

    return declared


def _holds(hint: Hint, text: str, start: int, end: int) -> bool:
    if isinstance(hint, re.Pattern):
        return hint.search(text, start, end) is not None
    if isinstance(hint, tuple):
        return holds_word(text, start, end, hint)
    return bool(hint(text, start, end))


def may_find(reader: object, text: str, start: int, end: int, held: dict[Hint, bool]) -> bool:
    """Whether ``reader`` may find anything in ``text[start:end]``: one of its hints holds
    there; a reader that declares none may find anything. ``held`` remembers each hint's
    answer for this range (readers share hints)."""
    hints = _DECLARED.get(reader)
    if hints is None:
        return True
    for hint in hints:
        if hint not in held:
            held[hint] = _holds(hint, text, start, end)
        if held[hint]:
            return True
    return False


@dataclass(frozen=True)
class _Joined:
    """The hints of several readers, joined for one pass."""

    #: Their patterns as one alternation, searched in the text.
    patterns: re.Pattern[str] | None
    #: Their words as one alternation of literals, searched in the text case-folded.
    words: re.Pattern[str] | None
    #: Their words, for a text whose case folding changes its length.
    word_list: tuple[str, ...]
    #: Their other tests (and patterns whose flags cannot be joined).
    others: tuple[Hint, ...]


def _scoped(pattern: re.Pattern[str]) -> str:
    return f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"


@cache
def _joined(readers: tuple[object, ...]) -> _Joined | None:
    """The hints of ``readers`` joined; None when one of them declares none."""
    hints = [hint for reader in readers for hint in _DECLARED.get(reader, (None,))]
    if None in hints:
        return None
    # A pattern of groups stays apart: joined, its back-references would count others' groups.
    patterns = list(dict.fromkeys(
        hint for hint in hints if isinstance(hint, re.Pattern)
        if isinstance(hint.pattern, str) and not hint.flags & ~_JOINABLE_FLAGS and not hint.groups
    ))  # fmt: skip
    words = tuple(dict.fromkeys(
        word for hint in hints if isinstance(hint, tuple) for word in hint
    ))  # fmt: skip
    others = tuple(dict.fromkeys(
        hint for hint in hints if not isinstance(hint, tuple) and hint not in patterns
    ))  # fmt: skip
    return _Joined(
        re.compile("|".join(map(_scoped, patterns))) if patterns else None,
        re.compile("|".join(map(re.escape, words))) if words else None,
        words,
        others,  # type: ignore[arg-type]
    )


def may_find_any(readers: Sequence[object], text: str, start: int, end: int) -> bool:
    """Whether one of ``readers`` may find anything in ``text[start:end]`` (:func:`may_find`
    of each, in one pass: their patterns and their words each searched once)."""
    joined = _joined(tuple(readers))
    if joined is None:
        return True
    if joined.patterns is not None and joined.patterns.search(text, start, end):
        return True
    if joined.words is not None:
        folded = folded_text(text)
        if folded is None:
            if holds_word(text, start, end, joined.word_list):
                return True
        elif joined.words.search(folded, start, end):
            return True
    return any(_holds(hint, text, start, end) for hint in joined.others)
