"""Words, lemmas and sentences of Russian (and English) text, with character offsets.

Words are runs of letters and digits; dashes, hyphens, slashes and quotes between them are
left out, so "Баку–Тбилиси–Джейхан", "Баку-Тбилиси-Джейхан" and "Баку – Тбилиси – Джейхан" give
the same words. A word's lemmas are every normal form pymorphy3 offers for it (lower case,
"ё" read as "е"): matching on the set rather than the first guess keeps names that the
dictionary does not know ("Габале", "Алята") matching their dictionary form.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# The same words as separators of a split: the text between them comes with them.
_WORD_SPLIT = re.compile(f"({WORD.pattern})", re.UNICODE)
_ALNUM_SPLIT = re.compile(r"(\w+)", re.UNICODE)


Function = TypeVar("Function", bound=Callable[..., Any])
_PER_TEXT: list[Any] = []


def per_text(maxsize: int) -> Callable[[Function], Function]:
    """Remember the last ``maxsize`` answers of a function of a text (and a range of it):
    what the readers find once in a text and ask of one sentence after another."""

    def remembered(function: Function) -> Function:
        cached = lru_cache(maxsize=maxsize)(function)
        _PER_TEXT.append(cached)
        return cast(Function, cached)

    return remembered


def forget_texts() -> None:
    """Forget what :func:`per_text` functions remember (a benchmark reads one text again as
    a new one)."""
    for cached in _PER_TEXT:
        cached.cache_clear()


class Word(NamedTuple):
    """One word of a text: its characters and half-open offsets ``[start, end)`` (a named
    tuple: an article makes tens of thousands)."""

    text: str
    start: int
    end: int


@cache
def _analyzer() -> Any:
    # slow import: dictionaries
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def is_plural(word: str) -> bool:
    """Whether every pymorphy3 reading of ``word`` is plural ("кабелей", not "кабеля")."""
    parses = _analyzer().parse(word)
    return bool(parses) and all("plur" in parse.tag for parse in parses)


#: Latin letters drawn like Cyrillic ones, and those Cyrillic letters: a Russian word typed with
#: some of them ("Стpоительство КАТБ, котоpое … завеpшится к 2010 году", held490, its "р" a
#: Latin "p") is read as the word it looks like.
_LOOKALIKES = str.maketrans("aceopxyk", "асеорхук")
_MIXED = re.compile(r"[а-яё]+[a-z]|[a-z]+[а-яё]")


@lru_cache(maxsize=200_000)
def _normal_forms(word: str) -> tuple[str, ...]:
    """pymorphy3's normal forms of ``word``, most likely first, folded (one parse per word)."""
    folded = _fold(word)
    if not re.search(r"[а-яё]", folded):
        return (folded,)
    if _MIXED.search(folded):
        word = folded = folded.translate(_LOOKALIKES)
    forms = [_fold(parse.normal_form) for parse in _analyzer().parse(word)]
    return tuple(dict.fromkeys(forms or [folded]))


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form of ``word`` (lower case, "ё" as "е"), including the word itself."""
    return frozenset({*_normal_forms(word), _fold(word)})


def best_lemma(word: str) -> str:
    """The most likely normal form of ``word`` (pymorphy3's first parse)."""
    return _normal_forms(word)[0]


@lru_cache(maxsize=20_000)
def attributive_lemma(word: str) -> str:
    """:func:`best_lemma`, but a participle named as an attribute keeps the form of an
    adjective: "сопутствующей" -> "сопутствующий" (pymorphy3's normal form is the verb,
    "сопутствовать"), as a reader names what a total counts ("с учетом сопутствующей
    инфраструктуры")."""
    parses = _analyzer().parse(word) if re.search(r"[а-яё]", _fold(word)) else []
    if parses and "PRTF" in parses[0].tag:
        adjective = parses[0].inflect({"sing", "masc", "nomn"})
        if adjective is not None:
            return _fold(adjective.word)
    return best_lemma(word)


#: pymorphy3's parts of speech of a verb: its personal forms, infinitive, participles and
#: verbal adverb.
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=200_000)
def _verb_tag(word: str) -> Any:
    """pymorphy3's most likely reading of ``word`` (its tag) when that is a form of a verb
    (:data:`_VERBAL`), else None."""
    if not re.search(r"[а-яё]", _fold(word)):
        return None
    parses = _analyzer().parse(word)
    return parses[0].tag if parses and parses[0].tag.POS in _VERBAL else None


def is_verbal(word: str) -> bool:
    """Whether pymorphy3's most likely reading of ``word`` is a form of a verb ("планирует",
    "завершить", "завершена", "будет")."""
    return _verb_tag(word) is not None


def verb_time(word: str) -> str | None:
    """The time pymorphy3's most likely reading of ``word`` puts a verb in: ``"past"``
    ("завершено", "был запущен"), ``"futr"`` ("завершится", "будет"), ``"pres"``, or
    ``"infn"`` for an infinitive ("завершить"); None for a word that is no verb."""
    tag = _verb_tag(word)
    if tag is None:
        return None
    if tag.POS == "INFN":
        return "infn"
    return str(tag.tense) if tag.tense else None


@cache
def word_forms(lemma: str, grammemes: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every inflected form of the dictionary word ``lemma`` (folded: lower case, "ё" as
    "е"): "двести" -> {"двести", "двухсот", "двумстам", …}; only those whose pymorphy3 tag
    holds every one of ``grammemes`` when given ("рост", {"gent", "sing"} -> {"роста"})."""
    return frozenset(
        _fold(form.word)
        for parse in _analyzer().parse(lemma)
        if _fold(parse.normal_form) == lemma
        for form in parse.lexeme
        if grammemes <= form.tag.grammemes
    )


def clear_caches() -> None:
    """Forget every word analysed so far (benchmarks measure cold lookups)."""
    _normal_forms.cache_clear()
    attributive_lemma.cache_clear()
    lemmas.cache_clear()
    is_plural.cache_clear()
    range_lemmas.cache_clear()  # type: ignore[attr-defined]


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` (runs of :data:`WORD`) with offsets into ``text``."""
    return list(_words(text, start, end))  # a list of the caller's own


@per_text(maxsize=32)
def _words(text: str, start: int, end: int | None) -> tuple[Word, ...]:
    # remembered for the ranges read last: the rules of one figure read its clause in turn
    return tuple(word_list(text, start, end)[:])


class WordList(Sequence[Word]):
    """The words of a range of a text, as :func:`words` gives them, kept as three lists
    (``texts``, ``starts``, ``ends``) built without a Python step per word; a :class:`Word`
    is made only for the words asked for (a name matcher asks for the few that may start a
    name)."""

    __slots__ = ("ends", "origin", "starts", "texts")

    def __init__(
        self,
        texts: list[str],
        starts: list[int],
        ends: list[int],
        origin: tuple[WordList, int] | None = None,
    ) -> None:
        self.texts, self.starts, self.ends = texts, starts, ends
        #: For a run of a whole text's words, uncut (a paragraph's): those words
        #: (:func:`text_words`) and the index of the first of the run in them.
        self.origin = origin

    @overload
    def __getitem__(self, index: int) -> Word: ...
    @overload
    def __getitem__(self, index: slice) -> list[Word]: ...
    def __getitem__(self, index: int | slice) -> Word | list[Word]:
        if isinstance(index, slice):
            fields = zip(self.texts[index], self.starts[index], self.ends[index], strict=True)
            return list(map(tuple.__new__, itertools.repeat(Word), fields))
        return Word(self.texts[index], self.starts[index], self.ends[index])

    def __len__(self) -> int:
        return len(self.texts)

    def __iter__(self) -> Iterator[Word]:
        return iter(self[:])


def word_list(text: str, start: int = 0, end: int | None = None) -> WordList:
    """The words of ``text[start:end]`` (those of :func:`words`) as a :class:`WordList`."""
    stop = len(text) if end is None else end
    whole = text_words(text) if 0 <= start < stop <= len(text) else None
    if whole is None:
        return _split_words(text, start, stop)
    # A word is a run of characters of one class: the words of a range are the text's words
    # that meet it, the two at its ends cut at its bounds.
    first = bisect.bisect_right(whole.ends, start)
    last = bisect.bisect_left(whole.starts, stop, first)
    texts, starts, ends = whole.texts[first:last], whole.starts[first:last], whole.ends[first:last]
    uncut = True
    if texts and starts[0] < start:
        texts[0], starts[0] = texts[0][start - starts[0] :], start
        uncut = False
    if texts and ends[-1] > stop:
        texts[-1], ends[-1] = texts[-1][: len(texts[-1]) - (ends[-1] - stop)], stop
        uncut = False
    return WordList(texts, starts, ends, (whole, first) if uncut and texts else None)


def _split_words(text: str, start: int, stop: int) -> WordList:
    # A split alternates separators and words; the running sum of their lengths gives every
    # offset, all in C (a third of the cost of a match object and a named tuple per word).
    part = text[start:stop]
    # Without "_" in it, the runs of \w are the words: a third faster to scan than [^\W_].
    parts = (_WORD_SPLIT if "_" in part else _ALNUM_SPLIT).split(part)
    bounds = list(itertools.accumulate(map(len, parts), initial=start))
    return WordList(parts[1::2], bounds[1:-1:2], bounds[2::2])


#: Texts at least this long are split into words whole, once, and their ranges cut from that
#: (an article is asked for the words of its paragraphs, sentences and clauses many times);
#: shorter ones (a name, a test sentence) are split range by range and not remembered.
WHOLE_TEXT_MIN_CHARS = 2_000


def text_words(text: str) -> WordList | None:
    """Every word of ``text``, split once (the few texts read last remembered), when it is
    at least :data:`WHOLE_TEXT_MIN_CHARS` long; else None."""
    return _text_words(text) if len(text) >= WHOLE_TEXT_MIN_CHARS else None


@per_text(maxsize=4)
def _text_words(text: str) -> WordList:
    return _units_split(text) or _split_words(text, 0, len(text))


def _units_split(text: str) -> WordList | None:
    """The words of the whole of ``text`` found by one vectorised lookup of its UTF-16 code
    units (letters and digits, :func:`_word_units`) and the places the lookup changes: the
    same words as :func:`_split_words`, in a third of its time over a long article. None for
    a text with characters beyond the BMP (two units each: the offsets would not count
    characters)."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    if len(units) != len(text):
        return None
    inside = np.zeros(len(units) + 2, dtype=bool)
    inside[1:-1] = _word_units()[units]
    # where a run of word characters begins and ends, in turn
    changes = np.flatnonzero(inside[1:] != inside[:-1])
    starts: list[int] = changes[0::2].tolist()
    ends: list[int] = changes[1::2].tolist()
    # The words themselves: every other character made a space and the text split on spaces
    # (a letter or digit is never a space), in C; a slice per word takes twice as long.
    spaced = np.where(inside[1:-1], units, np.uint16(ord(" "))).tobytes().decode("utf-16-le")
    return WordList(spaced.split(), starts, ends)


@cache
def _word_units() -> npt.NDArray[np.bool_]:
    """Whether each UTF-16 code unit is a character of :data:`WORD` (``[^\\W_]``: a letter
    or digit, ``str.isalnum``)."""
    return np.array([chr(unit).isalnum() for unit in range(0x10000)], dtype=bool)


@per_text(maxsize=16)
def range_lemmas(text: str, start: int, end: int) -> frozenset[str]:
    """Every lemma (:func:`lemmas`) of every word of ``text[start:end]``; remembered for the
    ranges read last, as the readers of a sentence and its claims each ask it of the same
    sentence."""
    return frozenset().union(*map(lemmas, word_list(text, start, end).texts))


#: Ranges of at least this many words are looked up in :func:`words_meeting`; shorter ones
#: are read word by word (the lookup pays a pass over the text's distinct words once).
_LOOKED_UP_WORDS = 64


def holds_lemma(text: str, start: int, end: int, wanted: frozenset[str]) -> bool:
    """Whether one of the words of ``text[start:end]`` (as :func:`word_list` cuts them) has a
    lemma in ``wanted``. A long range of a text split whole is looked up by bisection in the
    words of the whole text that have one (found once for each ``wanted``), and its two end
    words, which the range may cut, read as cut: a reader asking it of the text before each
    figure of a long sentence stays linear."""
    whole = text_words(text) if 0 <= start < end <= len(text) else None
    if whole is None:
        return any(lemmas(word) & wanted for word in word_list(text, start, end).texts)
    first = bisect.bisect_right(whole.ends, start)
    last = bisect.bisect_left(whole.starts, end, first) - 1
    if last - first < _LOOKED_UP_WORDS:
        return any(lemmas(word) & wanted for word in word_list(text, start, end).texts)
    for edge in (first, last):  # cut at the range's bounds, as word_list cuts them
        if lemmas(text[max(start, whole.starts[edge]) : min(end, whole.ends[edge])]) & wanted:
            return True
    meeting = words_meeting(text, wanted)
    inner = bisect.bisect_right(meeting, first)
    return inner < len(meeting) and meeting[inner] < last


@per_text(maxsize=8)
def words_meeting(text: str, wanted: frozenset[str]) -> list[int]:
    """The indices of the words of the whole of ``text`` that have a lemma in ``wanted``, in
    order (each distinct word looked up once)."""
    whole = text_words(text) or word_list(text)
    meets = {word for word in set(whole.texts) if lemmas(word) & wanted}
    return list(itertools.compress(range(len(whole.texts)), map(meets.__contains__, whole.texts)))


def last_words_start(text: str, start: int, end: int, count: int) -> int:
    """Where the last ``count`` runs of non-space characters of ``text[start:end]`` begin
    (``start`` when it holds no more), its closing spaces, dashes and colons left aside.

    A pattern anchored at the range's end (``\\Z``) whose matches span at most ``count``
    such runs, then only those closing characters, finds the same match searched from
    there: searched from ``start`` it is tried at every character of the range."""
    head = text[start:end]
    stripped = head.rstrip()
    while stripped and stripped[-1] in _CLOSING:
        stripped = stripped.rstrip(_CLOSING).rstrip()
    parts = stripped.rsplit(None, count)
    return start + len(parts[0]) if len(parts) > count else start


#: What may close a range after its last word (:func:`last_words_start`), besides spaces.
_CLOSING = "-–—:"


#: A sentence razdel ends inside a figure: a number with an abbreviated multiplier ("около 77
#: тыс. TEU" is one figure, not a sentence ending at "тыс.").
_CUT_FIGURE = re.compile(r"\d\s*(?:тыс|млн|млрд|трлн)\.\Z")
#: How every match of :data:`_CUT_FIGURE` ends: a sentence that ends otherwise is not searched.
_CUT_ENDINGS = ("тыс.", "млн.", "млрд.", "трлн.")
#: What the figure's unit looks like after such a cut: a lower-case word or an upper-case
#: abbreviation ("TEU", "ДФЭ", "USD").
_GOES_ON = re.compile(r"[a-zа-яё]|[A-ZА-ЯЁ]{2,}\b")


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence ranges of ``text[start:end]`` found by razdel, as offsets into ``text``; a
    range razdel cuts after a multiplier's dot ("77 тыс." | "TEU.") is joined to the next."""
    # slow import
    from razdel import sentenize

    pending: tuple[int, int] | None = None
    for sentence in sentenize(text[start:end]):
        here = (start + sentence.start, start + sentence.stop)
        if pending is not None:
            if _GOES_ON.match(text, *here):
                here = (pending[0], here[1])
            else:
                yield pending
        cut = text.endswith(_CUT_ENDINGS, *here) and _CUT_FIGURE.search(text, *here)
        pending = here if cut else None
        if pending is None:
            yield here
    if pending is not None:
        yield pending
