"""The gazetteer: names of every layer and feature, kept as data and matched on lemmas.

``caspian/layers/data/gazetteer.json`` lists, per layer and feature, its Russian and English
names and its abbreviations. A name matches a run of adjacent words of the text whose lemma
sets (:func:`caspian.layers.news.text.lemmas`) meet the lemmas of the name's words, word by
word; only dashes, hyphens, slashes, quotes and spaces may stand between the words.
A word written as alternatives ("железнодорожная линия|ветка|магистраль Нахчывана", also
inside a dashed name: "Карс–Игдыр|Ыгдыр–Дилуджу|Дильуджу") matches any of them, so one name
covers the ways outlets write a line or transliterate a place. Abbreviations match the exact word,
case included, so "BTC" never matches "btc" inside a URL
slug and "БТД" only as written. At each place the longest name wins.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from caspian.layers.io.packaged import packaged_json
from caspian.layers.news._errors import GazetteerError
from caspian.layers.news.text import (
    Word,
    WordList,
    lemmas,
    per_text,
    text_words,
    word_list,
    words,
)

DATA_PACKAGE = "caspian.layers.data"
GAZETTEER_FILE = "gazetteer.json"
_MEMO_WORDS = 200_000  # written words whose candidate names a matcher remembers
_WRITTEN = operator.attrgetter("text")  # a Word's characters
# What may stand between two words of one name.
_JOINING = r"[\s\-‐‑‒–—/«»\"'“”„]"
_JOINER = re.compile(f"{_JOINING}*")
_JOINED_WORDS = re.compile(f"{_JOINING}+")  # what splits a dashed name into its words


@dataclass(frozen=True)
class Name:
    """One name of the gazetteer: what it refers to and how it is written."""

    target: tuple[str, str | None]  # (layer, feature) or ("topic", topic id)
    written: str
    lemma_sets: tuple[frozenset[str], ...]
    exact: bool  # an abbreviation: match the word as written


@dataclass(frozen=True)
class Match:
    """A name found in a text: ``text[start:end]`` names ``target``."""

    target: tuple[str, str | None]
    name: str
    start: int
    end: int


class Matcher:
    """Finds names in text; built once from a list of :class:`Name`."""

    def __init__(self, names: Sequence[Name]) -> None:
        self.names = tuple(names)
        self._by_first: dict[str, list[Name]] = {}
        self._memo: dict[str, list[Name]] = {}
        #: For each word of :attr:`_memo`, the lemmas one of which the word after it must have
        #: for a name to start there (:func:`_second_words`), None when a name may end at it.
        self._second: dict[str, frozenset[str] | None] = {}
        for name in names:
            keys = {name.written.split()[0]} if name.exact else name.lemma_sets[0]
            for key in keys:
                self._by_first.setdefault(key, []).append(name)

    def _candidates(
        self, texts: Sequence[str], distinct: frozenset[str] | None = None
    ) -> dict[str, list[Name]]:
        """Every word of ``texts`` (whose set is ``distinct``, when known) -> the names that
        may start there (by its spelling or a lemma); looked up once per distinct written
        word and remembered (an article repeats its words, a corpus its vocabulary), up to
        :data:`_MEMO_WORDS` words."""
        memo = self._memo
        distinct = frozenset(texts) if distinct is None else distinct
        unseen = distinct.difference(memo)
        if len(memo) + len(unseen) > _MEMO_WORDS:
            memo.clear()  # bounded: forget, and learn this text's words again
            self._second.clear()
            unseen = distinct
        for written in unseen:
            found = list(self._by_first.get(written, ()))
            for lemma in lemmas(written):
                found.extend(self._by_first.get(lemma, ()))
            # longest first (a stable sort: of equal length, in the order found), so that the
            # first that matches is the one to take
            memo[written] = sorted(found, key=_size, reverse=True)
            self._second[written] = _second_words(memo[written])
        return memo

    @staticmethod
    def _matches_at(name: Name, text: str, tokens: Sequence[Word], index: int) -> bool:
        """Whether ``name`` is written from the word at ``index`` of ``tokens``."""
        listed = _listed(tokens)
        if name.exact:
            return listed.texts[index] == name.written
        if index + len(name.lemma_sets) > len(listed.texts):
            return False
        first = bool(lemmas(listed.texts[index]) & name.lemma_sets[0])
        return first and Matcher._goes_on_at(name, text, listed, index)

    @staticmethod
    def _goes_on_at(name: Name, text: str, listed: WordList, index: int) -> bool:
        """Whether ``name``, one of the candidates of the word at ``index``
        (:meth:`_candidates`), is written from there: :meth:`_matches_at` less the test of
        the first word, which a candidate passes (a name found by its first lemma meets that
        word's lemmas; one found by the word's spelling too: the gazetteer's lemmas are
        folded, so such a word is folded and among its own lemmas). Each further word's
        lemmas are tested before what joins it to the one before."""
        texts = listed.texts
        if name.exact:
            return texts[index] == name.written
        sets = name.lemma_sets
        if index + len(sets) > len(texts):
            return False
        for at in range(index + 1, index + len(sets)):
            if not lemmas(texts[at]) & sets[at - index]:
                return False
            if not _JOINER.fullmatch(text, listed.ends[at - 1], listed.starts[at]):
                return False
        return True

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        tokens: Sequence[Word] | None = None,
    ) -> list[Match]:
        """Non-overlapping matches in ``text[start:end]``, longest first at each place;
        ``tokens``, the words of that range when the caller has them already."""
        listed = _listed(tokens) if tokens is not None else word_list(text, start, end)
        return self._found(text, listed, self._starts(text, listed))

    def find_paragraphs(
        self, text: str, spans: Sequence[tuple[int, int]], tokens: Sequence[WordList]
    ) -> list[list[Match]]:
        """:meth:`find` of each range of ``spans`` (a document's paragraphs) whose words are
        ``tokens``, in one pass over the text's name starts: a paragraph where no name may
        start is not read (most of a long article's, for the topics and unmapped names)."""
        whole = text_words(text)
        starts, names = _name_starts(self, text) if whole is not None else ([], [])
        found: list[list[Match]] = []
        for (start, end), listed in zip(spans, tokens, strict=True):
            if whole is None or listed.origin is None or listed.origin[0] is not whole:
                found.append(self.find(text, start, end, listed))
                continue
            first = listed.origin[1]
            low = bisect.bisect_left(starts, first)
            high = bisect.bisect_left(starts, first + len(listed.texts), low)
            if low == high:
                found.append([])
                continue
            local = [at - first for at in starts[low:high]]
            found.append(self._found(text, listed, zip(local, names[low:high], strict=True)))
        return found

    def _found(
        self, text: str, listed: WordList, starts: Iterable[tuple[int, list[Name]]]
    ) -> list[Match]:
        """The matches of :meth:`find` in the words ``listed``, from the places a name may
        start there (:meth:`_starts`)."""
        found: list[Match] = []
        free = 0  # the first token after the last match: matches do not overlap
        for index, names in starts:
            if index < free:
                continue
            for best in names:  # the first (longest) that is written from there
                if self._goes_on_at(best, text, listed, index):
                    break
            else:
                continue
            size, name = _size(best), best
            start_at, end_at = listed.starts[index], listed.ends[index + size - 1]
            found.append(Match(name.target, name.written, start_at, end_at))
            free = index + size
        return found

    def _starts(self, text: str, listed: WordList) -> Iterable[tuple[int, list[Name]]]:
        """The indices of the words of ``listed`` where a name may start, with those names.
        A document asks once per paragraph: its paragraphs' words are ranges of the text's
        words (:func:`caspian.layers.news.text.text_words`), which are looked up once for
        the whole text, so a paragraph's are found by bisection; other words are looked up
        here. Only the words that may start a name are visited (compress, map: no Python
        loop over the others, which are most words of an article)."""
        texts = listed.texts
        first = _first_in_text(text, listed)
        if first is None:
            candidates = self._candidates(texts)
            indices = range(len(texts))
            starting = itertools.compress(indices, map(candidates.__getitem__, texts))
            return [(index, candidates[texts[index]]) for index in starting]
        starts, names = _name_starts(self, text)
        low = bisect.bisect_left(starts, first)
        high = bisect.bisect_left(starts, first + len(texts), low)
        return zip([start - first for start in starts[low:high]], names[low:high], strict=True)


@per_text(maxsize=12)
def _name_starts(matcher: Matcher, text: str) -> tuple[list[int], list[list[Name]]]:
    """The indices of the words of the whole of ``text`` where one of ``matcher``'s names
    may start, in order, and the names that may start at each (the few texts read last
    remembered, for each matcher)."""
    whole = text_words(text)
    assert whole is not None  # asked only of a text split whole
    texts = whole.texts
    candidates = matcher._candidates(texts, _distinct_words(text))
    starts = list(itertools.compress(range(len(texts)), map(candidates.__getitem__, texts)))
    # A word whose names all need a second word that the next word cannot be is no start
    # (most starts of a common first word, "коридор", "Баку"): dropped here, once per text,
    # not tried name by name in its paragraph (Matcher._goes_on_at tests that word first).
    second = matcher._second
    last = len(texts) - 1
    kept = [
        index
        for index in starts
        if (needed := second[texts[index]]) is None
        or (index < last and not needed.isdisjoint(lemmas(texts[index + 1])))
    ]
    return kept, [candidates[texts[index]] for index in kept]


def _second_words(names: Sequence[Name]) -> frozenset[str] | None:
    """The lemmas one of which the word after a name's first must have for one of ``names``
    to be written from there (every name's second word's, joined); None when one of them may
    end at its first word (an abbreviation, matched as written, or a name of one word)."""
    if any(name.exact or len(name.lemma_sets) < 2 for name in names):
        return None
    return frozenset().union(*(name.lemma_sets[1] for name in names))


@per_text(maxsize=4)
def _distinct_words(text: str) -> frozenset[str]:
    """The distinct words of the whole of ``text`` (one set for every matcher)."""
    whole = text_words(text)
    assert whole is not None  # asked only of a text split whole
    return frozenset(whole.texts)


def _first_in_text(text: str, listed: WordList) -> int | None:
    """The index in the words of the whole of ``text`` of the first word of ``listed`` when
    ``listed`` are a run of those words, uncut (a paragraph's); else None."""
    whole = text_words(text)
    if whole is None or not listed.texts:
        return None
    if listed.origin is not None and listed.origin[0] is whole:
        return listed.origin[1]  # cut from those words by word_list, which knows where
    first = bisect.bisect_left(whole.starts, listed.starts[0])
    last = first + len(listed.texts) - 1
    if last >= len(whole.texts):
        return None
    same_ends = (
        whole.starts[first] == listed.starts[0] and whole.ends[first] == listed.ends[0]
        and whole.starts[last] == listed.starts[-1] and whole.ends[last] == listed.ends[-1]
    )  # fmt: skip
    return first if same_ends else None


def _size(name: Name) -> int:
    """How many words ``name`` spans in a text."""
    return 1 if name.exact else len(name.lemma_sets)


def _listed(tokens: Sequence[Word]) -> WordList:
    """``tokens`` as a :class:`WordList` (a document's paragraphs come as one already)."""
    if isinstance(tokens, WordList):
        return tokens
    return WordList(list(map(_WRITTEN, tokens)), [token.start for token in tokens],
                    [token.end for token in tokens])  # fmt: skip


@dataclass(frozen=True)
class Gazetteer:
    """The loaded gazetteer."""

    #: Names of layers and features; targets are ``(layer, feature or None)``.
    features: Matcher
    #: Topic words of numeric claims; targets are ``("topic", topic id)``.
    topics: Matcher
    #: Names of projects the catalog does not map (other corridors and pipelines); targets
    #: are ``("unmapped", id)``. Their figures must not go to a catalog feature.
    unmapped: Matcher
    #: Topic id -> readable label.
    topic_labels: dict[str, str]
    #: Outlet name and the names it appears under.
    outlets: tuple[tuple[str, tuple[str, ...]], ...]
    #: The raw entries, for listing.
    entries: tuple[dict[str, Any], ...]


def _word_lemmas(written: str) -> list[frozenset[str]]:
    """The lemma sets of the words of one space-separated part of a name; alternatives
    ("линия|ветка", and in a dashed name "Карс–Игдыр|Ыгдыр–Дилуджу|Дильуджу") are one word
    whose lemmas are those of every alternative."""
    if "|" not in written:
        return [frozenset(lemmas(word.text)) for word in words(written)]
    return [
        frozenset().union(*(lemmas(word.text) for word in words(piece.replace("|", " "))))
        for piece in _JOINED_WORDS.split(written)
        if piece
    ]


def _dotted_spellings(abbreviation: str) -> tuple[str, ...]:
    """An abbreviation as written, and with the dotted capital I that Azerbaijani and
    Turkish outlets type for a Latin one ("TRİPP" for "TRIPP"), when it holds an I."""
    dotted = abbreviation.replace("I", "İ")
    return (abbreviation, dotted) if dotted != abbreviation else (abbreviation,)


def _name(target: tuple[str, str | None], written: str, exact: bool) -> Name:
    if exact:
        return Name(target, written, (frozenset({written}),), True)
    lemma_sets = tuple(lemma_set for part in written.split() for lemma_set in _word_lemmas(part))
    if not lemma_sets:
        raise GazetteerError(f"gazetteer name {written!r} of {target} has no words; remove it")
    return Name(target, written, lemma_sets, False)


def parse_gazetteer(data: dict[str, Any]) -> Gazetteer:
    """Build a :class:`Gazetteer` from the parsed JSON file.

    Raises
    ------
    GazetteerError
        If an entry lacks ``layer`` or a name list is not a list of strings.
    """
    names: list[Name] = []
    for entry in data.get("entries", []):
        if "layer" not in entry:
            raise GazetteerError(f"gazetteer entry {entry!r} has no 'layer'; add it")
        target = (str(entry["layer"]), entry.get("feature"))
        for key, exact in (("ru", False), ("en", False), ("abbreviations", True)):
            listed = entry.get(key, [])
            if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
                raise GazetteerError(f"gazetteer entry {target}: {key} must be a list of names")
            spellings = [spelling for written in listed
                         for spelling in (_dotted_spellings(written) if exact else (written,))]
            names.extend(_name(target, written, exact) for written in spellings)
    topics = [
        _name(("topic", str(topic["id"])), written, False)
        for topic in data.get("topics", [])
        for written in [*topic.get("ru", []), *topic.get("en", [])]
    ]
    unmapped: list[Name] = []
    for project in data.get("unmapped", []):
        target = ("unmapped", str(project.get("id")))
        for key, exact in (("ru", False), ("en", False), ("abbreviations", True)):
            unmapped.extend(_name(target, written, exact) for written in project.get(key, []))
    return Gazetteer(
        features=Matcher(names),
        topics=Matcher(topics),
        unmapped=Matcher(unmapped),
        topic_labels={str(t["id"]): str(t.get("label", t["id"])) for t in data.get("topics", [])},
        outlets=tuple(
            (str(o["name"]), tuple(o.get("names", [o["name"]]))) for o in data.get("outlets", [])
        ),
        entries=tuple(data.get("entries", [])),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``caspian.layers.data`` (read and compiled once).

    Raises
    ------
    GazetteerError
        If the file is missing or is not valid JSON.
    """
    data = packaged_json(resources.files(DATA_PACKAGE) / GAZETTEER_FILE,
                         f"gazetteer {GAZETTEER_FILE}", GazetteerError)
    return parse_gazetteer(data)
