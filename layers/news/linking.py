"""What a figure is about: the feature (by the article's discourse) and the topic.

News sites print one or two sentences per paragraph, so a figure's subject is often named a
paragraph before it. The **feature** of a figure is, by the first rule that finds one (each
claim says which, :class:`Link`):

``sentence, for``
    the name right after it that it is said to be for ("32 млн тонн для МТК «Север — Юг»"),
    whatever name stands nearer before it;
``sentence, before``
    the nearest name before the figure in its sentence ("железная дорога Карс–Дилуджу
    протяжённостью 240 км");
``sentence, after``
    the nearest name after it in its sentence ("224-километровой ж/д ветки от Карса"), unless
    a new clause (:data:`CLAUSE_BREAK`) begins between them: "Строительство рассчитано на пять
    лет, и запуск … по Зангезурскому маршруту … намечен на 2030 год" is about the line the
    sentences before name, not the route; never one in the cause of the change after it
    (:data:`CAUSE_AFTER`: "поскольку новая линия Баку-Тбилиси-Карс привлечет дополнительные
    грузы");
``quoted speaker's subject``
    for a figure inside a quotation («…»): the first name inside the quotation before it (the
    first of a mapped project, when another project is named before it), else the subject of
    the sentence that opens the quotation, else of the sentence before it ("Министр рассказал
    о дороге Карс–Дилуджу. «Работы займут пять лет. … Длина составит 224 км»");
``previous sentence``
    the subject (first name) of the closest of the :data:`MENTION_LOOKBACK` sentences before
    it, across paragraphs ("Его протяжённость составит 240 км");
``article subject``
    the feature the article is about: the only one it names, else the one named most often,
    at least twice and more often than any other;
``following sentence``
    the first name of the :data:`MENTION_LOOKAHEAD` sentences after it, when nothing before
    it names one (an article that opens with a figure and names its project next: "…
    протяженность … составляет 194,1 км. … железнодорожная линия Нахчывана будет …");
``line between its ends``
    when no name links it: a line ("кабель", "линия") laid "между" two places, in its
    sentence or one of the :data:`MENTION_LOOKBACK` before it, is the feature whose dashed
    name runs between those two places (:func:`link_between`: "Кабель прокладывают между
    Актау и Сумгаитом. Он обеспечит … 400 Тбит/с" is the Sumgayit–Aktau line);
``route through <country>``
    else, a route described by the one country it runs through ("маршруту, проходящему через
    Армению") or that it joins to a place ("линия …, которая соединит Турцию и Нахичевань"),
    in its sentence or one of the :data:`MENTION_LOOKBACK` before it, is the catalog's one
    feature lying in that country alone (:func:`link_through_country`: "Его протяженность
    составляет 43 километра" is the Syunik route).

A layer named as a whole gives way to one of its features (:func:`specific`): to a feature of
that layer named in the same sentence ("линии Горадиз-Агбенд, ведущей в Зангезурский
коридор, завершено на 85%"), and, for a figure borrowed from other sentences or about a part
of the layer ("железной дороги, которая станет частью … Зангезурского коридора"), to the
only feature of that layer the article names; a borrowed figure, else, to the article's
subject when that is a feature of the layer. A section named by a place it passes through
is the feature of that layer named after the place (:func:`feature_through`: "участка …,
проходящего через Нахчыван" is the Nakhchivan railway).

Only a physical quantity, a deadline or an event borrows a feature from other sentences, or
a figure whose sentence names no topic: "двусторонний товарооборот вырос почти в пять раз" is
about the trade its sentence names, not about the cable named a paragraph before.

A name of a project we do not map (the gazetteer's ``unmapped`` list: "Транскаспийский
газопровод", "КТК") takes part like any other: a figure it is nearest to is about that
project and gets no catalog subject (rule ``unmapped project``), instead of going to the
nearest catalog name.

The **topic** (``trade_turnover``…) is the nearest topic word of the figure's sentence, else
the first of the closest of the :data:`TOPIC_LOOKBACK` sentences before it in its paragraph.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from caspian.layers.catalog.loading import load_catalog, short_feature_id
from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.gazetteer import Match
from caspian.layers.news.mentions import Mention, ends_with_road_noun
from caspian.layers.news.scopes import COUNTRIES, LINE_WORDS, country_code
from caspian.layers.news.text import is_plural, lemmas, per_text, word_list, words

MENTION_LOOKBACK = 3
MENTION_LOOKAHEAD = 2
#: Words that make a name the whole of which a figure measures a part ("частью", "в рамках",
#: "Основные транспортные артерии Зангезурского коридора запустят в 2026 году").
PART_OF = {"часть", "рамка", "звено", "сегмент", "составной", "элемент", "артерия"}
#: How many words before a layer's name a part-of word may stand.
PART_OF_REACH = 4
TOPIC_LOOKBACK = 3
UNMAPPED = "unmapped"
# A quotation as Russian news print it, up to a few paragraphs long.
_NAME_PARTS = re.compile(r"[\s–-]+")
_QUOTATION = re.compile(r"«[^«»]{1,5000}»")
#: A figure followed by the name it is for: "32 млн тонн для МТК" (no clause break between).
_FOR_NAME = re.compile(r"(?:[^,;:«»()]|(?<=\d),(?=\d)){1,40}?\sдля\s+«?", re.IGNORECASE)
#: A new clause: a semicolon, or a comma before a conjunction that joins two clauses; or the
#: cause of a change ("выросла перевалка нефти за счет переориентации экспорта … на маршрут
#: «Баку – Тбилиси – Джейхан»"): a name in it is what caused the figure, not what it counts.
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:и|а|но|однако|тогда\s+как)\s|\b(?:за\s+сч[её]т|благодаря|из-за|поскольку)\s",
    re.IGNORECASE,
)
#: The cause of a change after the figure ("вырастут на 10 и 12% в 2022-2023 годах, поскольку
#: новая линия Баку-Тбилиси-Карс привлечет дополнительные грузы", held696): a name in it is
#: what brings the figure, whatever the figure's kind, never what it counts.
CAUSE_AFTER = re.compile(r"\b(?:за\s+сч[её]т|благодаря|из-за|поскольку)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Located:
    """A name (a mention, a topic word or an unmapped project) at a position of the text."""

    position: int
    match: Match | Mention


@dataclass(frozen=True)
class Link:
    """The feature a figure is about and the rule that found it (``layer`` is None for an
    unmapped project)."""

    layer: str | None
    feature: str | None
    rule: str
    position: int | None = None  # of the name that linked it


#: How far (a share) a length may stand outside a feature's published lengths and still be
#: that feature's (:func:`feature_by_length`): "более чем 40-километровый участок" of the
#: route through Armenia, published as 42 to 45 km.
LENGTH_MARGIN = 0.1
#: The end of the rule of a link :func:`feature_by_length` made.
OF_THAT_LENGTH = "the feature of that length"


# A catalog capacity's label that names its phase: "phase 2 target, incl. 500,000 TEU".
_PHASE_LABEL = re.compile(r"\bphase\s+(\d+)\b", re.IGNORECASE)
# The containers a phase's capacity includes, as its label gives them: "incl. 500,000 TEU".
_PHASE_CONTAINERS = re.compile(r"\bincl\.\s+(\d{1,3}(?:,\d{3})+|\d+)\s+TEU\b")


@functools.cache
def _phase_capacities() -> dict[tuple[str, str, str, float], int]:
    """The catalog's capacities labelled with a phase, as (layer, feature, unit, value) ->
    the phase's number; the containers a phase's label says its tonnage includes are that
    phase's too, in ``TEU`` (the Baku port's 500,000 TEU: its phase 2)."""
    found = {}
    for layer_id, layer in load_catalog().items():
        for feature in layer.features:
            for entry in feature.get("properties", {}).get("capacity") or []:
                label = str(entry.get("label") or "")
                phase = _PHASE_LABEL.search(label)
                if phase and isinstance(entry.get("value"), (int, float)):
                    key = (layer_id, short_feature_id(feature), str(entry.get("unit")))
                    found[(*key, float(entry["value"]))] = int(phase[1])
                    containers = _PHASE_CONTAINERS.search(label)
                    if containers:
                        teu = float(containers[1].replace(",", ""))
                        found[(layer_id, short_feature_id(feature), "TEU", teu)] = int(phase[1])
    return found


def catalog_phase(layer: str, feature: str, unit: str, value: float) -> int | None:
    """The number of the phase whose capacity the catalog publishes as ``value`` ``unit`` for
    ``feature`` of ``layer`` (the Baku port's 25 Mt/yr: its phase 2), else None."""
    return _phase_capacities().get((layer, feature, unit, float(value)))


@functools.cache
def _published_lengths() -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Each catalog layer's features with published lengths, as (feature, least, most) km."""
    found: dict[str, tuple[tuple[str, float, float], ...]] = {}
    for layer_id, layer in load_catalog().items():
        spans = []
        for feature in layer.features:
            values = [
                float(entry["value"])
                for entry in feature.get("properties", {}).get("published_length_km") or []
            ]
            if values:
                spans.append((short_feature_id(feature), min(values), max(values)))
        found[layer_id] = tuple(spans)
    return found


def _features_of_length(layer: str, kilometres: float) -> list[str]:
    """The features of ``layer`` among whose published lengths ``kilometres`` lies, within
    :data:`LENGTH_MARGIN`."""
    return [
        feature
        for feature, least, most in _published_lengths().get(layer, ())
        if least * (1 - LENGTH_MARGIN) <= kilometres <= most * (1 + LENGTH_MARGIN)
    ]


def _fits(layer: str, feature: str, kilometres: float | None) -> bool:
    """Whether ``kilometres`` lies among ``feature``'s published lengths, within
    :data:`LENGTH_MARGIN`."""
    return kilometres is not None and feature in _features_of_length(layer, kilometres)


def feature_by_length(link: Link, kilometres: float) -> Link:
    """A length linked to a layer as a whole that only one of its features is published at
    (within :data:`LENGTH_MARGIN`) is that feature's: the Zangezur corridor's "44-километровый
    участок" (held212), "протяженность маршрута составляет всего 42 километра" (held299) are
    the route through Armenia's, the corridor's one stretch of that length; ``link`` else."""
    if link.layer is None or link.feature is not None:
        return link
    fitting = _features_of_length(link.layer, kilometres)
    if len(fitting) != 1:
        return link
    return Link(link.layer, fitting[0], f"{link.rule}, {OF_THAT_LENGTH}", link.position)


def unmapped_link(what: str) -> Link:
    """The link of a figure that is a project's the catalog does not map, ``what`` saying
    which ("a road", or its name): no layer, no feature."""
    return Link(None, None, f"{UNMAPPED} project ({what})")


def by_sentence(document: NewsDocument, found: Sequence[Any]) -> dict[int, list[Located]]:
    """Names grouped by the sentence that holds them, each group in text order."""
    grouped: dict[int, list[Located]] = {}
    for item in sorted(found, key=_position):
        index = document.sentence_index(_position(item))
        if index is not None:
            grouped.setdefault(index, []).append(Located(_position(item), item))
    return grouped


def _position(item: Match | Mention) -> int:
    """Where ``item`` starts in the analysed text (a mention's ``start`` is the file's)."""
    return item.position if isinstance(item, Mention) else item.start


def _text_end(item: Match | Mention) -> int:
    """Where ``item`` ends in the analysed text (a mention's ``end`` is the file's)."""
    return item.text_end if isinstance(item, Mention) else item.end


def _nearest(items: Sequence[Located], position: int) -> tuple[Located, str]:
    """The closest item before ``position`` (the subject usually precedes its figure), else
    the closest after it; binary search (a sentence may hold thousands of names)."""
    index = bisect.bisect_left(items, position, key=lambda item: item.position)
    return (items[index - 1], "sentence, before") if index else (items[0], "sentence, after")


def article_subject(mentions: Sequence[Mention]) -> tuple[str, str | None] | None:
    """The (layer, feature) an article is about: the only one it names (once is enough: "…
    по проекту (Black Sea Energy)" and the cable's figures four sentences on), else the one
    it names most often, when named at least twice and more often than any other; else
    None."""
    counts = Counter((mention.layer, mention.feature) for mention in mentions)
    ranked = counts.most_common(2)
    if len(ranked) == 1:
        return ranked[0][0]
    if _feature_and_its_whole(counts):
        # "железнодорожной линии Карс – … – Дилуджу … частью «Зангезурского коридора»": the
        # one line of the corridor the article names, as often as the corridor itself
        return next(key for key in counts if key[1] is not None)
    if not ranked or ranked[0][1] < 2 or ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


# A name the sentence gives what it speaks of: "Проект был активизирован … под названием
# «Маршрут Трампа для международного мира и процветания» (TRIPP)".
_GIVEN_NAME_BEFORE = re.compile(r"\bпод\s+названием\s*[«\"]?\s*\Z", re.IGNORECASE)
_BRACKETED_AFTER = re.compile(r"\s*[»\"]?\s*\(\s*")


def given_names(text: str, mentions: Sequence[Mention]) -> set[Mention]:
    """The mentions that are a name given to what their sentence speaks of ("под названием
    «…»", and an abbreviation in brackets right after it): another name for that, not a
    project a figure is about nor the article's subject. Read once, in text order."""
    given: set[Mention] = set()
    last: Mention | None = None
    for mention in sorted(mentions, key=_position):
        before = _GIVEN_NAME_BEFORE.search(text, max(0, mention.position - 25), mention.position)
        after_given = last is not None and _BRACKETED_AFTER.fullmatch(
            text, last.text_end, mention.position
        )
        if before or after_given:
            given.add(mention)
            last = mention
        else:
            last = None
    return given


def _feature_and_its_whole(counts: Counter[tuple[str, str | None]]) -> bool:
    """Whether the names counted are one feature and its layer as a whole, as often."""
    if len(counts) != 2:
        return False
    (first, many), (second, more) = counts.items()
    return many == more and first[0] == second[0] and (first[1] is None) != (second[1] is None)


# Two projects named as one pair: "через морские порты Актау и Курык".
_PAIR_JOIN = re.compile(r"\s*(?:,|и)\s*")


#: How many names either side of a name may be its pair's other (one, with a spare for a
#: name matched twice at one place).
_PAIR_REACH = 2


def _in_a_pair(text: str, names: Sequence[Located], located: Located) -> bool:
    """Whether ``located`` is named as one of a pair with another project of its sentence
    (``names``), joined by "и" or a comma: a figure of the pair ("Объем грузов, отправляемых
    через морские порты Актау и Курык, … увеличился на 12%") is the two's together, no
    claim of either."""
    match = located.match
    if not isinstance(match, Mention):
        return False
    # only a name next to it may be joined to it (names are in text order): read those, not
    # every name of the sentence (a sentence may hold thousands)
    index = bisect.bisect_left(names, located.position, key=lambda name: name.position)
    for other in names[max(0, index - _PAIR_REACH) : index + _PAIR_REACH + 1]:
        near = other.match
        if not isinstance(near, Mention) or (near.layer, near.feature) == (
            match.layer, match.feature
        ):
            continue
        first, second = (match, near) if match.position < near.position else (near, match)
        if _PAIR_JOIN.fullmatch(text, first.text_end, second.position):
            return True
    return False


# A name as the start or the end of a route, "от … до …": "резервный канал … будет проложен от
# казахстанского порта Курык до Бузовна" (a word or two between the preposition and it).
_FROM_BEFORE = re.compile(r"\bот\s+(?:[^\W\d_]+\s+){0,2}\Z", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s*до\s+[А-ЯЁ]")
_TO_BEFORE = re.compile(r"\bот\s+[А-ЯЁ][^.;]{0,60}?\sдо\s+(?:[^\W\d_]+\s+){0,2}\Z")
# A name as the place a line starts, "берущий свое начало у терминала Сангачалы" (held457): a
# length beside it is the line's.
_ORIGIN_BEFORE = re.compile(
    r"\bначал[оа]\s+(?:у|от)\s+(?:[^\W\d_]+\s+){0,2}\Z|\bначинается\s+(?:у|от)\s+"
    r"(?:[^\W\d_]+\s+){0,2}\Z",
    re.IGNORECASE,
)


def route_end(text: str, located: Located) -> bool:
    """Whether the project name ``located`` stands as an end of a route written "от X до Y":
    a length beside it is the route's that ends there, not the project's (a port has no
    length in km: "кабель … протяженностью около 330 километров будет проложен от
    казахстанского порта Курык до Бузовна")."""
    match = located.match
    if not isinstance(match, Mention):
        return False
    start, end = located.position, located.position + len(match.text)
    origin = _FROM_BEFORE.search(text, max(0, start - 40), start)
    if origin and _TO_AFTER.match(text, end):
        return True
    if _ORIGIN_BEFORE.search(text, max(0, start - 40), start):
        return True
    return _TO_BEFORE.search(text, max(0, start - 120), start) is not None


def _as_link(located: Located, rule: str) -> Link:
    match = located.match
    if isinstance(match, Mention):
        return Link(match.layer, match.feature, rule, located.position)
    return unmapped_link(match.name)


def quotations(document: NewsDocument) -> list[tuple[int, int]]:
    """The quotations («…», not nested) of the document's text, as ``(start, end)``."""
    return [match.span() for match in _QUOTATION.finditer(document.text)]


def _speaker_subject(
    document: NewsDocument,
    names: dict[int, list[Located]],
    quotes: Sequence[tuple[int, int]],
    position: int,
) -> Located | None:
    """The subject of the quotation holding ``position`` (see the module's rules)."""
    index = bisect.bisect_right(quotes, (position, math.inf)) - 1
    if index < 0 or not quotes[index][0] < position < quotes[index][1]:
        return None
    start = quotes[index][0]
    opening = document.sentence_index(start)
    if opening is None:
        return None
    sentence = opening
    # The first project of ours named inside the quotation, else the first other one: a
    # speaker may set our project against another before he speaks of it ("«Хотя Северный
    # коридор … все еще обеспечивает 90% перевозок … Средний коридор, напротив, демонстрирует
    # исключительный рост. … выросли на 93%»", held690: the 93% is the Middle Corridor's).
    unmapped = None
    while sentence < len(document.sentences) and document.sentences[sentence][0] < position:
        for located in names.get(sentence, ()):
            if start < located.position < position:
                if isinstance(located.match, Mention):
                    return located
                unmapped = unmapped or located
        sentence += 1
    if unmapped is not None:
        return unmapped
    for introducing in (opening, opening - 1):
        before = [located for located in names.get(introducing, ()) if located.position < start]
        if before:
            return before[0]
    return None


#: Nouns of a facility a project holds: once named with its project ("строительство
#: контейнерного хаба в морском порту Актау"), the noun alone names it again ("По
#: контейнерному хабу … Объем инвестиций составляет 47,6 млрд тенге", held235).
FACILITY_NOUNS = frozenset({"хаб", "терминал"})
#: How far after a facility noun (characters) the name of its project is read.
FACILITY_NAME_REACH = 40


def _facility_named_before(
    document: NewsDocument, names: dict[int, list[Located]], index: int
) -> Located | None:
    """The project an earlier sentence named right after a facility noun (:data:`FACILITY_NOUNS`)
    that sentence ``index`` or the one before it names again with no project, else None."""
    start = document.sentences[max(0, index - 1)][0]
    said = {
        lemma
        for nouns, _ in _facility_words(document.text, start, document.sentences[index][1])
        for lemma in nouns
    }
    if not said:
        return None
    for earlier in sorted(key for key in names if key < index - 1):
        for nouns, word_end in _facility_words(document.text, *document.sentences[earlier]):
            if not nouns & said:
                continue
            after = [
                located
                for located in names[earlier]
                if 0 < located.position - word_end <= FACILITY_NAME_REACH
            ]
            if after:
                return after[0]
    return None


_FacilityWords = tuple[tuple[frozenset[str], int], ...]


def _facility_words(text: str, start: int, end: int) -> _FacilityWords:
    """The words of ``text[start:end]`` that are facility nouns (:data:`FACILITY_NOUNS`), as
    the nouns each may be and where it ends, in order: found once per range of a text (a
    claim's sentence is asked against every earlier sentence that names a project)."""
    found = _facility_words_found(text)
    if (start, end) not in found:
        found[start, end] = tuple(
            (nouns, word.end)
            for word in words(text, start, end)
            if (nouns := lemmas(word.text) & FACILITY_NOUNS)
        )
    return found[start, end]


@per_text(maxsize=4)
def _facility_words_found(text: str) -> dict[tuple[int, int], _FacilityWords]:
    return {}


def link_feature(
    document: NewsDocument,
    names: dict[int, list[Located]],
    subject: tuple[str, str | None] | None,
    index: int,
    position: int,
    borrow: bool = True,
    quotes: Sequence[tuple[int, int]] = (),
) -> Link | None:
    """The feature of the figure at ``position`` of sentence ``index`` (see the module's
    rules), or None; with ``borrow`` False, only a name of its own sentence."""
    if names.get(index):
        attributed = _named_for(document.text, names[index], position)
        if attributed is not None:
            return _as_link(attributed, "sentence, for")
        located, rule = _nearest(names[index], position)
        unmapped_after = _unmapped_right_after(document.text, names[index], located, position)
        if unmapped_after is not None:
            return _as_link(unmapped_after, "sentence, after")
        element = _key_element_of(document.text, names[index], located)
        if element is not None:
            return _as_link(element, f"{rule}, its key element")
        if _in_a_pair(document.text, names[index], located):
            return None
        after_a_break = rule == "sentence, after" and CLAUSE_BREAK.search(
            document.text, position, located.position
        )
        caused = rule == "sentence, after" and CAUSE_AFTER.search(
            document.text, position, located.position
        )
        if caused and not borrow:
            return None
        if not (after_a_break and borrow):
            return _as_link(located, rule)
    if not borrow:
        return None
    facility = _facility_named_before(document, names, index)
    if facility is not None:
        return _as_link(facility, "facility named before")
    speaker = _speaker_subject(document, names, quotes, position)
    if speaker is not None:
        return _as_link(speaker, "quoted speaker's subject")
    for previous in range(index - 1, max(-1, index - 1 - MENTION_LOOKBACK), -1):
        # an event named after a project is not what its sentence is about
        spoken = [name for name in names.get(previous, ())
                  if not _event_named_after(document, name)
                  and not _direction_named(document, name)
                  and not _in_a_cause(document, previous, name)]  # fmt: skip
        if spoken:
            return _as_link(_subject_of(document, spoken, previous), "previous sentence")
    if subject is not None:
        return Link(subject[0], subject[1], "article subject")
    quoted = _quotation_at(quotes, position)
    if not any(names.get(previous) for previous in range(index)):
        for following in range(index + 1, index + 1 + MENTION_LOOKAHEAD):
            ahead = [name for name in names.get(following, ())
                     if not _direction_named(document, name)]  # fmt: skip
            if ahead:
                if quoted is not None and ahead[0].position >= quoted[1]:
                    # a speaker's figure is about what the quotation names, not what the
                    # text goes on to ("«До конца 2027 года качественной связью планируется
                    # обеспечить более 3 тысяч сел…»" before the fiber line's project, held339)
                    return None
                return _as_link(ahead[0], "following sentence")
    return None


#: What may stand between a figure and the name of the project it runs over, read in the
#: same clause: no comma, semicolon, colon, bracket or dash between spaces.
_SAME_CLAUSE = re.compile(r"[^,;:()«»—–.!?]{0,60}")


def _unmapped_right_after(
    text: str, names: Sequence[Located], located: Located, position: int
) -> Located | None:
    """The unmapped project named right after a figure at ``position``, in its clause (no
    punctuation between, :data:`_SAME_CLAUSE`) and nearer it than ``located``, the name before
    it: "… маршрутом регионального значения – 80 % сухопутной торговли между Азией и Европой
    проходило по Северному коридору" (held513): the Northern Corridor's share, not the Middle
    Corridor's named at the sentence's start. Else None."""
    if located.position > position:
        return None
    index = bisect.bisect_right(names, position, key=lambda name: name.position)
    if index >= len(names) or isinstance(names[index].match, Mention):
        return None
    after = names[index]
    if after.position - position > position - located.position:
        return None
    if _SAME_CLAUSE.fullmatch(text, position, after.position) is None:
        return None
    return after


# A whole followed by the part the sentence calls its key element: "на развитие
# Транскаспийского транспортного коридора, ключевым элементом которого является порт Актау"
# (held713): the money goes to the port, the element named.
_KEY_ELEMENT = re.compile(
    r"\s*,?\s*(?:ключев|главн|основн|важнейш|центральн)[а-яё]*\s+(?:элемент|звен|объект)"
    r"[а-яё]*\s+(?:котор|чего)[а-яё]*\s+(?:явля|станови|стане)[а-яё]*\s*\Z",
    re.IGNORECASE,
)


def _key_element_of(text: str, names: Sequence[Located], located: Located) -> Located | None:
    """The name right after ``located`` (of ``names``, in order) that the sentence calls its
    key element (:data:`_KEY_ELEMENT`), else None."""
    # found by position (names are in text order), then by identity: list.index compared it
    # with every name before it, for every figure of a sentence that may hold thousands
    index = bisect.bisect_left(names, located.position, key=lambda name: name.position)
    while index < len(names) and names[index] is not located:
        index += 1
    if index == len(names):  # not one of them: the first equal to it, as list.index gives
        index = names.index(located)
    if index + 1 >= len(names):
        return None
    element = names[index + 1]
    if _KEY_ELEMENT.search(text, _text_end(located.match), element.position) is None:
        return None
    return element


def _quotation_at(quotes: Sequence[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The quotation (of ``quotes``, in order) that holds ``position``, or None."""
    index = bisect.bisect_right(quotes, (position, math.inf)) - 1
    if index >= 0 and quotes[index][0] <= position < quotes[index][1]:
        return quotes[index]
    return None


# A purpose clause opening a sentence: "Чтобы удвоить объемы транзита по транскаспийскому
# маршруту, в порту Актау планируется создать контейнерный хаб".
_PURPOSE_OPENING = re.compile(r"\s*(?:[Дд]ля\s+того\s*,?\s+)?[Чч]тобы\b[^,;]*,")


#: Events named after what they discuss: "на полях Ташкентского Форума инвесторов по
#: Транскаспийскому международному транспортному коридору" (held503).
EVENTS = frozenset({"форум", "конференция", "саммит", "выставка", "семинар", "совещание"})
#: How many words before a name the event it names may stand ("Форума инвесторов по").
_EVENT_REACH = 4


def _event_named_after(document: NewsDocument, name: Located) -> bool:
    """Whether the name at ``name`` is what an event is about: "по" right before it and an
    event word (:data:`EVENTS`) among the :data:`_EVENT_REACH` words before that ("Форума
    инвесторов по Транскаспийскому … коридору"): the sentence speaks of the event, so a figure
    of the next does not borrow the name."""
    before = words(document.text, max(0, name.position - 60), name.position)[-_EVENT_REACH:]
    if not before or before[-1].text.lower() != "по":
        return False
    return any(lemmas(word.text) & EVENTS for word in before[:-1])


# "в направлении" or "по направлению" right before a name: "Казахстан предпочел строить новый
# трубопровод в направлении Актау-Баку-Тбилиси-Джейхан" (held583) builds another pipeline.
# The route may start at a place joined to the name ("Актау-").
_DIRECTION_BEFORE = re.compile(
    r"(?:\bв\s+направлении|\bпо\s+направлению)\s+(?:[А-ЯЁA-Z][\w]*[-–—])?\Z", re.IGNORECASE
)


def names_a_direction(text: str, position: int) -> bool:
    """Whether the name at ``position`` of ``text`` is the direction something else goes in
    ("новый трубопровод в направлении Актау-Баку-Тбилиси-Джейхан"): its sentence speaks of
    that other thing, so neither a figure of another sentence nor the article's subject is
    the name's."""
    return _DIRECTION_BEFORE.search(text, max(0, position - 40), position) is not None


def _direction_named(document: NewsDocument, name: Located) -> bool:
    """:func:`names_a_direction` for a located name."""
    return names_a_direction(document.text, name.position)


#: How far before a name (characters) the cause it stands in is looked for.
_CAUSE_REACH = 120


def _in_a_cause(document: NewsDocument, index: int, name: Located) -> bool:
    """Whether ``name`` of sentence ``index`` stands in the cause of a change, no new clause
    between ("На 58%, или до 2,1 млн тонн, выросла перевалка нефти за счет переориентации
    экспорта казахстанской нефти на маршрут «Баку – Тбилиси – Джейхан»", held114): what
    brought the change, not what the sentence is about, so no later figure borrows it."""
    start = max(document.sentences[index][0], name.position - _CAUSE_REACH)
    causes = list(CAUSE_AFTER.finditer(document.text, start, name.position))
    if not causes:
        return False
    return re.search(r"[;,.:]", document.text[causes[-1].end() : name.position]) is None


def _subject_of(document: NewsDocument, names: Sequence[Located], index: int) -> Located:
    """The subject of sentence ``index`` (``names``, its names in order): its first name
    past a purpose clause that opens it, else its first."""
    start, end = document.sentences[index]
    purpose = _PURPOSE_OPENING.match(document.text, start, end)
    if purpose:
        after = [name for name in names if name.position >= purpose.end()]
        if after:
            return after[0]
    # "… коридора, ключевым элементом которого является порт Актау": the element
    return _key_element_of(document.text, names, names[0]) or names[0]


def _named_for(text: str, names: Sequence[Located], position: int) -> Located | None:
    """The name a figure at ``position`` is said to be for, right after it ("11,4 млн тонн
    для ТМТМ и 32 млн тонн для МТК «Север — Юг»": the 32 is the unmapped corridor's, though
    ТМТМ is nearer before it), else None."""
    index = bisect.bisect_right(names, position, key=lambda item: item.position)
    if index < len(names) and _FOR_NAME.fullmatch(text, position, names[index].position):
        return names[index]
    return None


def _part_of(document: NewsDocument, position: int) -> bool:
    """Whether a part-of word ("частью", "в рамках") stands right before the name at
    ``position``."""
    before = words(document.text, max(0, position - 80), position)[-PART_OF_REACH:]
    return any(lemmas(word.text) & PART_OF for word in before)


def whole_of_the_subject(
    document: NewsDocument, link: Link, subject: tuple[str, str | None]
) -> Link:
    """The article's ``subject`` for a figure ``link`` gave a name (of its sentence or one
    before) that stands after a part-of word, when the subject is a project of another layer:
    the subject is a
    part of that whole ("Будучи важным звеном Транс-каспийского международного транспортного
    маршрута, общий объем перевалки грузов в порту в 2021 году составил 5,6 млн": the port's);
    else ``link``."""
    if link.layer is None or link.position is None or subject[0] == link.layer:
        return link
    if not _part_of(document, link.position):
        return link
    return Link(subject[0], subject[1], "article subject, a part of the whole named")


def deadline_of_a_part(document: NewsDocument, link: Link, figure: int) -> bool:
    """Whether a deadline at ``figure`` was given by ``link`` to a whole named after it behind
    a part-of word ("в рамках", "частью"): the work finished then is a part built within the
    whole ("Власти Грузии планируют в 2026 году полностью завершить строительство автодорог,
    которые в рамках проекта Срединного коридора свяжут Азербайджан и Армению с Турцией",
    held623; "намерены в этом году запустить транспортный автомаршрут, который станет частью
    Среднего коридора", held624), not the whole's own deadline."""
    return (
        link.layer is not None
        and link.position is not None
        and link.position > figure
        and _part_of(document, link.position)
    )


#: How far before a figure (characters) its sentence's noun of a kind is read.
KIND_REACH = 120
#: Common nouns of a kind of project, by lemma, and how the ids of that kind's layers end.
KIND_NOUNS = {"порт": "_port", "нефтепровод": "_pipeline", "трубопровод": "_pipeline"}


def kind_named(
    document: NewsDocument, link: Link, subject: tuple[str, str | None], start: int, figure: int
) -> Link:
    """The article's ``subject`` for a figure that borrowed ``link`` from a sentence before
    when its own sentence names the subject's kind by its common noun before it
    (``text[start:figure]``, :data:`KIND_NOUNS`, in the singular) and the borrowed name is of
    another kind:
    "мощность порта составит 15 млн. т" in an article about a port is that port's, not the
    corridor's a conference named the sentence before; the same holds within the subject's
    layer for another feature of it ("терминал в Джейхане" the sentence before, "работы по
    строительству нефтепровода выполнены на 65%": the BTC pipeline's, held460); else
    ``link``."""
    if link.rule not in ("previous sentence", "sentence, after") or (
        link.layer == subject[0] and (subject[1] is None or link.feature == subject[1])
    ):
        return link
    reach = max(start, figure - KIND_REACH)
    named_in = document.sentence_index(link.position) if link.position is not None else None
    if link.rule == "previous sentence" and named_in is not None:
        # the sentences between the borrowed name's and the figure's speak of the subject by
        # its kind: "терминал в Джейхане. … работы по строительству нефтепровода выполнены на
        # 65%. Из общей протяженности маршрута в 1768 км сварено 950 км" (held460)
        reach = min(reach, document.sentences[named_in + 1][0])
    kinds = {
        KIND_NOUNS[lemma]
        for word in words(document.text, reach, figure)
        if not is_plural(word.text)  # "Грузооборот казахстанских морских портов": several
        for lemma in lemmas(word.text)
        if lemma in KIND_NOUNS
    }
    if not any(subject[0].endswith(kind) for kind in kinds):
        return link
    if link.layer != subject[0] and link.layer and any(link.layer.endswith(kind)
                                                       for kind in kinds):  # fmt: skip
        return link
    return Link(subject[0], subject[1], "article subject, its kind named")


#: The rules that give a figure a name from outside its own sentence.
BORROWED_RULES = ("previous sentence", "article subject", "following sentence",
                  "quoted speaker's subject")  # fmt: skip
#: Common nouns of a kind of work no layer of the catalog is, by lemma, with the endings of
#: the layer ids a figure they stand before cannot belong to ("" for every layer): the
#: catalog maps no gas pipeline and no airport, and a port's article that names a road names
#: a road, not the port.
OTHER_KINDS: dict[str, tuple[str, ...]] = {
    "газопровод": ("",),
    "аэропорт": ("",),
    "автодорога": ("_port",),
    "шоссе": ("_port",),
    "дорога": ("_port",),
}
#: A port named by a capitalised word right after its noun ("в порт Махачкала").
_PORT_NAMED = re.compile(r"\bпорт(?:а|у|ом|е)?\s+«?([А-ЯЁ][а-яё]+)")


def _catalog_name_keys(entries: Sequence[dict[str, Any]]) -> frozenset[str]:
    """The spelling keys (:func:`spelling_key`) of every word of the Russian names of the
    gazetteer's ``entries`` (the catalog's features and the places named for context)."""
    key = id(entries)
    cached = _NAME_KEYS.get(key)
    if cached is None or cached[0] is not entries:
        found = frozenset(
            spelling_key(word)
            for entry in entries
            for name in entry.get("ru", ())
            for word in re.findall(r"[А-ЯЁа-яё]+", name)
        )
        cached = _NAME_KEYS[key] = (entries, found)
    return cached[1]


_NAME_KEYS: dict[int, tuple[Sequence[dict[str, Any]], frozenset[str]]] = {}


#: Where the words after a figure stop being its clause: a comma, semicolon or colon, a dash
#: between spaces, a sentence's end.
_AFTER_CLAUSE_END = re.compile(r"[,;:.!?]\s|\s[-–—]\s|[.!?]\Z")


def road_after(text: str, end: int, ceiling: int) -> bool:
    """Whether the clause right after a figure that ends at ``end`` (up to ``ceiling``, the
    next figure or the sentence's end) names a road and no railway: "40% работ по укладке
    железнодорожных путей и 70% по строительству автомобильной дороги" (held508: the 70%),
    "в этом году намечается завершение создания трассы Батуми – Сарпи" (held624)."""
    stop = _AFTER_CLAUSE_END.search(text, end, ceiling)
    found = [word.text for word in words(text, end, stop.start() if stop else ceiling)]
    if any(written.lower().startswith(RAILWAY_WORD) for written in found):
        return False
    for index, written in enumerate(found):
        # a road noun, or "автомобильная дорога", as a road's name is read (mentions.ROADS);
        # "трасса" only before a capitalised name
        if ends_with_road_noun(found[max(0, index - 1) : index + 1]):
            return True
        following = found[index + 1] if index + 1 < len(found) else ""
        if "трасса" in lemmas(written) and following[:1].isupper():
            return True
    return False


def another_subject_named(
    document: NewsDocument,
    link: Link,
    entries: Sequence[dict[str, Any]],
    start: int,
    figure: int,
) -> str | None:
    """What the figure at ``figure`` is about, when its own sentence (from ``start``) names
    something the catalog does not map where ``link`` gave it one of our projects, else None:

    * a port named by a word no name of the gazetteer's ``entries`` holds, nearer before the
      figure than the name that linked it ("В то же время, объем отправки в порт Махачкала
      снизился на 5,9 тысячи тонн", held233, after the Aktau port's shipments): "another
      port";
    * for a figure linked from outside its sentence (:data:`BORROWED_RULES`), a common noun
      of another kind in the :data:`KIND_REACH` before it (:data:`OTHER_KINDS`: "по
      магистральным газопроводам было транспортировано 2 млрд. кубометров газа, что на 4,9%
      меньше", held121, in an article on the BTC pipeline: "a gas pipeline"; "дорога
      протяженностью в 27 километров до поселка Курык", held102: "a road"), or ports in the
      plural ("Грузооборот казахстанских морских портов вырос на 12%", held115; "увеличить
      пропускную способность портов на 50%", held350): "several ports";
    * for a figure linked from outside its sentence or to a whole named after a part-of word
      (:func:`_part_of`), "дорога" before it in its sentence, in an article that names no
      railway (:data:`_RAIL`): a road, not the whole ("Являясь
      одной из составных частей Зангезурского коридора, строительство дороги Горадиз -
      Джебраил - Зангилан - Агбенд завершено на 95%. Протяженность дороги составляет 123,6
      км", held449): "a road"."""
    if link.layer is None:
        return None
    text = document.text
    borrowed = link.rule.startswith(BORROWED_RULES)
    reach = max(start, figure - KIND_REACH)  # read near the figure: a sentence may be long
    nearest = reach if borrowed or link.position is None else max(reach, link.position)
    keys = _catalog_name_keys(entries)
    for port in _PORT_NAMED.finditer(text, nearest, figure):
        if spelling_key(port[1]) not in keys and spelling_key(port[1][:-1]) not in keys:
            return "another port"
    if not borrowed and (link.position is None or not _part_of(document, link.position)):
        return None
    speaks_of_rail = _speaks_of_rail(text)
    if speaks_of_rail and not borrowed:
        return None
    before = words(text, reach, figure)  # read once for both tests below
    if not speaks_of_rail and any("дорога" in lemmas(word.text) for word in before):
        return "a road"
    if not borrowed:
        return None
    for word in before:
        found = lemmas(word.text)
        if "порт" in found and is_plural(word.text):
            return "several ports"
        for lemma in found & OTHER_KINDS.keys():
            if any(link.layer.endswith(end) for end in OTHER_KINDS[lemma]):
                return {"газопровод": "a gas pipeline", "аэропорт": "an airport"}.get(
                    lemma, "a road"
                )
    return None


_BOTH = re.compile(r"\b(?:[Оо]ба|[Оо]бе|[Оо]бои[хм]|[Оо]беи[хм]|[Оо]боими|[Оо]беими)\b")


def continues_unmapped(document: NewsDocument, link: Link, last: Any, index: int) -> bool:
    """Whether a figure of sentence ``index`` that ``link`` gave a name from outside its
    sentence (:data:`BORROWED_RULES`) goes on about the project the catalog does not map
    that the sentence right before gave its last figure to (``last``, a claim): the name
    borrowed stands further back than that sentence ("строительство дороги Горадиз - Джебраил
    - Зангилан - Агбенд завершено на 95%. Протяженность дороги составляет 123,6 км и состоит
    из двух участков. Участок 78,5 км состоит из 6 полос", held449: the road's, not the
    Zangezur corridor's named in the quotation's first sentence; "пропускную способность
    портов на 50%. Также в 3 раза увеличится пропуск контейнеров", held350). A sentence about
    both ("полное введение в эксплуатацию обеих транспортных артерий", held91) is not."""
    if last is None or not link.rule.startswith(BORROWED_RULES) or index == 0:
        return False
    if last.sentence != index - 1 or not str(last.link or "").startswith(UNMAPPED):
        return False
    before = document.sentences[index - 1][0]
    if link.position is not None and link.position >= before:
        return False
    start, end = document.sentences[index]
    return _BOTH.search(document.text, start, end) is None


# The route just named, referred back to by a demonstrative: "естественной частью Среднего
# коридора … Контейнерные перевозки по этому направлению в 2024 году выросли в 15 раз".
_THIS_ROUTE = re.compile(
    r"\b(?:[Ээ]т|[Дд]анн)[а-яё]{1,3}\s+(?:направлени|маршрут|коридор)[а-яё]*\s+(?:[^\s]+\s+){0,4}\Z"
)
# The route by its bare common noun, no name after it, right before the figure: "объем
# грузоперевозок по маршруту вырос в шесть раз" (held426) is the route the sentences before
# named, as with a demonstrative; the words between are lower case, so "по маршруту Китай –
# Европа" is another route's. The same in the corridor, its adjective lower case and no name
# after it: "грузопотоки в транспортном коридоре увеличатся в три раза к 2030 году" (held531).
# The same through a port by its bare noun: "за последние три года объем транзита через порт
# увеличился в пять раз" (held789) is the port the sentence before named ("порта Алят").
_BARE_ROUTE = re.compile(
    r"\b(?:по\s+(?:маршруту|коридору)|в\s+(?:[а-яё]+[оеы]м\s+)?коридоре|через\s+порт)\s+"
    r"(?:[а-яё][^\s]*\s+){1,4}\Z"
)
#: How far before a figure (characters) its demonstrative of the route is read.
_THIS_ROUTE_REACH = 80
# The same said of the whole a share is of, right after it: "Транзит составляет 81% от общего
# объема перевозок грузов по данному маршруту" (held390).
_THIS_ROUTE_AFTER = re.compile(
    r"(?:\s+[^\s.;!?]+){0,5}?\s+по\s+(?:эт|данн)[а-яё]{1,3}\s+(?:направлени|маршрут|коридор)",
    re.IGNORECASE,
)


def refers_to_route(
    text: str, start: int, figure: int, figure_end: int | None = None, end: int | None = None
) -> bool:
    """Whether the figure at ``figure`` refers back to the route by a demonstrative in
    ``text[start:figure]`` (its sentence before it): "Согласно прогнозам, к 2030 году
    грузопотоки по этому направлению могут утроиться" (held306, held325) is the growth of the
    route the sentences before named, whatever topic word ("грузопотоки") its own holds; or,
    when ``figure_end`` and ``end`` (its sentence's end) are given, in the few words right
    after it ("81% от общего объема перевозок грузов по данному маршруту")."""
    reach = max(start, figure - _THIS_ROUTE_REACH)
    if _THIS_ROUTE.search(text, reach, figure) or _BARE_ROUTE.search(text, reach, figure):
        return True
    if figure_end is None or end is None:
        return False
    return _THIS_ROUTE_AFTER.match(text, figure_end, end) is not None


def specific(
    document: NewsDocument,
    link: Link,
    sentence_names: Sequence[Located],
    named_features: dict[str, set[str]],
    subject: tuple[str, str | None] | None = None,
    figure: int | None = None,
) -> Link:
    """``link``, or the feature of its layer that the discourse says the figure is about
    (see the module's rules); ``named_features`` are the features the article names, by
    layer, ``subject`` the feature it is about (:func:`article_subject`). A figure at
    ``figure`` that refers back to the route by a demonstrative ("по этому направлению") keeps
    the whole the sentences before named."""
    if link.layer is None or link.feature is not None:
        return link
    if figure is not None and _THIS_ROUTE.search(
        document.text, max(0, figure - _THIS_ROUTE_REACH), figure
    ):
        return link
    for located in sentence_names:
        match = located.match
        if isinstance(match, Mention) and match.layer == link.layer and match.feature:
            return Link(match.layer, match.feature, f"{link.rule}, feature of the layer named")
    borrowed = not link.rule.startswith("sentence")
    features = named_features.get(link.layer, set())
    part = link.position is not None and _part_of(document, link.position)
    if len(features) == 1 and (borrowed or part):
        return Link(link.layer, next(iter(features)), f"{link.rule}, the article's feature")
    if borrowed and subject is not None and subject[0] == link.layer and subject[1]:
        # "в целях реализации Зангезурского коридора … строительство железной дороги
        # Горадиз-Агбенд. Проектные работы … выполнены на 84%": the line the article is about
        return Link(link.layer, subject[1], f"{link.rule}, the article's subject")
    return link


def feature_through(entries: Sequence[dict[str, Any]], layer: str, place: str) -> str | None:
    """The feature of ``layer`` one of whose names is made from ``place`` ("Нахчыван" ->
    "Нахчыванская железная дорога"), else None."""
    stem = spelling_key(place[: max(4, len(place) - 2)])
    if len(stem) < 2:
        return None
    for entry in entries:
        if entry.get("layer") != layer or not entry.get("feature"):
            continue
        parts = [
            spelling_key(part)
            for name in (*entry.get("ru", ()), *entry.get("en", ()))
            for part in _NAME_PARTS.split(name)
        ]
        if any(part.startswith(stem) for part in parts):
            return str(entry["feature"])
    return None


#: The word a railway's names hold: a section of a railway through a place is the line the
#: catalog names after that place (:func:`railway_through`).
RAILWAY_WORD = "железн"


def railway_through(entries: Sequence[dict[str, Any]], place: str) -> Link | None:
    """The railway of any layer named after ``place`` ("участка железной дороги через
    Нахчыван" -> the Nakhchivan railway), as a whole, else None: read once per such
    figure, over the catalog's entries."""
    for layer in dict.fromkeys(str(entry.get("layer")) for entry in entries if entry.get("layer")):
        feature = feature_through(entries, layer, place)
        entry = next((entry for entry in entries if entry.get("layer") == layer
                      and entry.get("feature") == feature), None)  # fmt: skip
        if entry is not None and any(RAILWAY_WORD in name.lower() for name in entry.get("ru", ())):
            return Link(layer, feature, f"railway section through {place}")
    return None


# A line laid between two places: "Кабель прокладывают между Актау и Сумгаитом".
_BETWEEN = re.compile(r"\bмежду\s+([А-ЯЁ][а-яё]+)\s+и\s+([А-ЯЁ][а-яё]+)")
_DASHES = re.compile(r"[–-]")


def _same_place(written: str, name_part: str) -> bool:
    """Whether ``written`` (a place in any case form) is one of the ``|`` alternatives of
    ``name_part``, by :func:`spelling_key`, as :func:`feature_through` compares them."""
    stem = spelling_key(written[: max(4, len(written) - 2)])
    return len(stem) >= 2 and any(
        spelling_key(alternative).startswith(stem) for alternative in name_part.split("|")
    )


def feature_between(
    entries: Sequence[dict[str, Any]], first: str, second: str
) -> tuple[str, str] | None:
    """The (layer, feature) one of whose names is a dashed run of places from ``first`` to
    ``second`` or back ("Сумгаит–Актау" for "между Актау и Сумгаитом"), else None."""
    for entry in entries:
        if not entry.get("feature"):
            continue
        for name in (*entry.get("ru", ()), *entry.get("en", ())):
            parts = _DASHES.split(name)
            if " " in name or len(parts) < 2:
                continue  # a run of places only, no descriptive words
            ends = (parts[0], parts[-1])
            if (_same_place(first, ends[0]) and _same_place(second, ends[1])) or (
                _same_place(first, ends[1]) and _same_place(second, ends[0])
            ):
                return str(entry["layer"]), str(entry["feature"])
    return None


def link_between(
    document: NewsDocument, entries: Sequence[dict[str, Any]], index: int
) -> Link | None:
    """The line laid between two places, in sentence ``index`` or one of the
    :data:`MENTION_LOOKBACK` before it, that a figure with no name to link is about (see the
    module's rules), else None."""
    text = document.text
    for sentence in range(index, max(-1, index - 1 - MENTION_LOOKBACK), -1):
        start, end = document.sentences[sentence]
        between = list(_BETWEEN.finditer(text, start, end))  # rare: test it before the lemmas
        if not between or not any(lemmas(w.text) & LINE_WORDS for w in words(text, start, end)):
            continue
        for match in between:
            found = feature_between(entries, match[1], match[2])
            if found:
                return Link(found[0], found[1], "line between its ends", match.start())
    return _route_before(document, entries, index)


# A route described by the one country it runs through, no name: "маршруту, проходящему через
# Армению", "маршрута из Азербайджана в Нахиджеван через Армению" (up to six words between).
_THROUGH_COUNTRY = re.compile(
    r"\b(?:маршрут|коридор|дорог|ветк|лини)[а-яё]*(?:,?\s+[^\s.;:!?«»]+){0,6}?\s+через\s+"
    r"(?:территорию\s+)?([А-ЯЁ][а-яё]+)"
)


# A line described by the country it joins to a place: "линия железной дороги, протяженностью
# 224 км, которая соединит Турцию и Нахичевань" (held120).
_JOINS_COUNTRY = re.compile(r"\bсоедин[а-яё]*\s+([А-ЯЁ][а-яё]+)\s+(?:и|с)\s+[А-ЯЁ]")
# Works in a country, a line to build named in the figure's sentence: "на территории Армении
# работы еще не начаты. Там необходимо построить дорогу протяженностью 42 километра" (held92).
_ON_TERRITORY = re.compile(r"\bна\s+территории\s+([А-ЯЁ][а-яё]+)")
_LINE_NOUN = re.compile(r"\b(?:дорог|лини|ветк|маршрут)[а-яё]*", re.IGNORECASE)
# What makes "дорога" a railway: an article that never writes one of these speaks of roads,
# which the catalog does not map ("дороги, которая соединит Турцию с Азербайджаном", held667:
# Georgia's roads to the borders, no railway named).
_RAIL = re.compile(r"железн|ж/д|поезд|рельс", re.IGNORECASE)


@per_text(maxsize=4)
def _speaks_of_rail(text: str) -> bool:
    return _RAIL.search(text) is not None


def _names_only_a_road(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` describes its line only as "дорога" in an
    article that names no railway (:data:`_RAIL`): a road, no mapped line."""
    nouns = [noun[0].lower() for noun in _LINE_NOUN.finditer(text, start, end)]
    return (
        bool(nouns)
        and all(noun.startswith("дорог") for noun in nouns)
        and not _speaks_of_rail(text)
    )


def link_through_country(
    document: NewsDocument,
    entries: Sequence[dict[str, Any]],
    index: int,
    kilometres: float | None = None,
) -> Link | None:
    """The feature a route described by the country it runs through is, when the catalog
    has one feature lying in that country alone (its ``countries``), in sentence ``index`` or
    one of the :data:`MENTION_LOOKBACK` before it: "Ведутся работы по маршруту, проходящему
    через Армению. Его протяженность составляет 43 километра" (held579) is the Syunik route,
    which the text describes and never names, and a line "которая соединит Турцию и
    Нахичевань" (held120) the Kars–Dilucu line; else None. A length of ``kilometres`` in a
    sentence that speaks of a line, after works "на территории Армении" in it or the one
    before, is that feature's when it fits the feature's published lengths
    (:func:`feature_by_length`): "на территории Армении работы еще не начаты. Там необходимо
    построить дорогу протяженностью 42 километра" (held92); the 305 km of a railway planned
    from Iran through Armenia (held117) is not. A road is no such line: a sentence that calls
    its line only "дорога" in an article that names no railway (held667's "дороги, которая
    соединит Турцию с Азербайджаном", Georgia's roads to the borders) links nothing."""
    text = document.text
    line_here = kilometres is not None and (
        _LINE_NOUN.search(text, *document.sentences[index]) is not None
    )
    for sentence in range(index, max(-1, index - 1 - MENTION_LOOKBACK), -1):
        start, end = document.sentences[sentence]
        said = text[start:end]
        # the territory of a country in the figure's sentence or the one before, when the
        # figure's sentence speaks of a line
        territory = line_here and index - sentence <= 1 and "территории" in said
        if "через" not in said and "соедин" not in said and not territory:
            continue  # rare: test it before the patterns
        if _names_only_a_road(text, start, end):
            continue  # "дороги, которая соединит Турцию с Азербайджаном": a road
        described = [*_THROUGH_COUNTRY.finditer(text, start, end),
                     *_JOINS_COUNTRY.finditer(text, start, end)]  # fmt: skip
        fitting = list(_ON_TERRITORY.finditer(text, start, end)) if territory else []
        for match in [*described, *fitting]:
            country = country_code(match[1])
            inside = {(str(entry["layer"]), str(entry["feature"])) for entry in entries
                      if entry.get("feature") and entry.get("countries") == [country]}  # fmt: skip
            if country and len(inside) == 1:
                layer, feature = inside.pop()
                if match in fitting and not _fits(layer, feature, kilometres):
                    continue
                return Link(layer, feature, f"route through {country}", match.start())
    return None


# A route by its two ends: "на будущем маршруте — от Актау до Сумгаита".
_FROM_TO = re.compile(r"\bот\s+([А-ЯЁ][а-яё]+)\s+до\s+([А-ЯЁ][а-яё]+)")


def _route_before(
    document: NewsDocument, entries: Sequence[dict[str, Any]], index: int
) -> Link | None:
    """The feature whose dashed name runs between the two ends of a route written "от X до
    Y" in any sentence up to sentence ``index``, the nearest first, in an article that speaks
    of a line (a line word in one of those sentences: "Казахстанские инженеры начали
    обследование дна Каспия для прокладки линии связи … на будущем маршруте — от Актау до
    Сумгаита. … По расчётам, линия сможет передавать до 400 терабит в секунду"); else None."""
    text = document.text
    end = document.sentences[index][1]
    routes = [route for route in _routes(text) if route[0] < end]
    if not routes:
        return None
    line = _first_line_word(text, document.sentences[0][0] if document.sentences else 0)
    if line is None or line >= end:
        return None
    for position, first, second in reversed(routes):
        found = feature_between(entries, first, second)
        if found:
            return Link(found[0], found[1], "route between its ends, before", position)
    return None


@per_text(maxsize=4)
def _routes(text: str) -> tuple[tuple[int, str, str], ...]:
    """Every route "от X до Y" of ``text`` as ``(start, X, Y)``, in order: read once per text,
    not once per figure."""
    return tuple((match.start(), match[1], match[2]) for match in _FROM_TO.finditer(text))


@per_text(maxsize=4)
def _first_line_word(text: str, start: int) -> int | None:
    """Where the first line word (:data:`LINE_WORDS`) of ``text`` from ``start`` stands, or
    None: read once per text."""
    # the words' texts and starts as lists, not a Word per word of the text (an article of
    # 355,000 characters has some 50,000 words; the first line word is often among the first)
    found = word_list(text, start, len(text))
    return next(
        (at for word, at in zip(found.texts, found.starts, strict=True)
         if lemmas(word) & LINE_WORDS),
        None,
    )  # fmt: skip


# What transliterations of one place name differ in: vowels, soft and hard signs, "дж" for
# "ч" ("Нахчыван", "Нахичевань", "Нахиджеван"); an adjective's ending ("Агбендский").
_VOWELS_AND_SIGNS = re.compile(r"[аеёиоуыэюяьъй]")
_ADJECTIVE_END = re.compile(r"(?:ск|цк)[а-яё]{0,3}\Z")


def spelling_key(word: str) -> str:
    """``word`` reduced to what its transliterations share: lower case, an adjective's ending
    dropped, "дж" read as "ч", vowels and signs dropped ("Нахиджеван" and "Нахчыван" ->
    "нхчвн", "Агбендский" -> "гбнд")."""
    folded = _ADJECTIVE_END.sub("", word.lower()).replace("дж", "ч")
    return _VOWELS_AND_SIGNS.sub("", folded)


def only_feature_in_country(
    entries: Sequence[dict[str, Any]], layer: str, country: str
) -> str | None:
    """The one feature of ``layer`` whose catalog ``countries`` are ``country`` alone, or None
    when none or several are (the Zangezur corridor's section in Armenia is its Syunik route;
    in Azerbaijan it has two)."""
    found = {entry["feature"] for entry in entries
             if entry.get("layer") == layer and entry.get("feature")
             and entry.get("countries") == [country]}  # fmt: skip
    return found.pop() if len(found) == 1 else None


def feature_in_country(
    entries: Sequence[dict[str, Any]], layer: str, feature: str, country: str
) -> bool:
    """Whether the catalog's ``countries`` of ``feature`` of ``layer``, or one of its names,
    place it in ``country`` (an ISO code: "железная дорога на территории Армении" is in AM;
    the Kars–Dilucu line lies in TR)."""
    for entry in entries:
        if entry.get("layer") != layer or entry.get("feature") != feature:
            continue
        if country in entry.get("countries", ()):
            return True
        for name in entry.get("ru", ()):
            for word in words(name):
                if any(COUNTRIES.get(lemma) == country for lemma in lemmas(word.text)):
                    return True
    return False


def link_topic(
    document: NewsDocument, topics: dict[int, list[Located]], index: int, position: int
) -> Match | None:
    """The topic word of the figure at ``position`` of sentence ``index``, or None."""
    # topic words are gazetteer matches: a Located of a topic never holds a Mention
    if topics.get(index):
        return cast(Match, _nearest(topics[index], position)[0].match)
    paragraph = document.paragraph_index(document.sentences[index][0])
    for previous in range(index - 1, max(-1, index - 1 - TOPIC_LOOKBACK), -1):
        if document.paragraph_index(document.sentences[previous][0]) != paragraph:
            break
        if topics.get(previous):
            return cast(Match, topics[previous][0].match)
    return None
