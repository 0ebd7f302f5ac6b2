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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from caspian.layers.news.expression import holds_word

#: What a reader needs in a range of text: a pattern found in it (searched with the range's
#: bounds, as ``pattern.search(text, start, end)``), one of some lower-case words in any case
#: (:func:`caspian.layers.news.expression.holds_word`), or a test ``(text, start, end)``.
Hint = re.Pattern[str] | tuple[str, ...] | Callable[[str, int, int], object]
Reader = TypeVar("Reader", bound=Callable[..., object])
_DECLARED: dict[object, tuple[Hint, ...]] = {}


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
        return hint.search(text, start, end) is not None
    if isinstance(hint, tuple):
        return holds_word(text, start, end, hint)
    return bool(hint(text, start, end))


@dataclass(frozen=True)
class _Joined:
    """The hints of several readers, each asked once."""

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
    words = tuple(dict.fromkeys(
        word for hint in hints if isinstance(hint, tuple) for word in hint
    ))  # fmt: skip
    others = tuple(dict.fromkeys(hint for hint in hints if not isinstance(hint, tuple)))
    return _Joined(words, others)  # type: ignore[arg-type]


def may_find(readers: Sequence[object], text: str, start: int, end: int) -> bool:
    """Whether one of ``readers`` may find anything in ``text[start:end]``: one of the hints
    it declares (:func:`reads_where`) holds there, or it declares none. Each distinct hint is
    asked once, the words of all in one search."""
    joined = _joined(tuple(readers))
    if joined is None:
        return True
    if joined.words and holds_word(text, start, end, joined.words):
        return True
    return any(_holds(hint, text, start, end) for hint in joined.others)
