"""Mentions: where an article names a layer or a feature of the catalog."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.gazetteer import Gazetteer, Match, load_gazetteer
from caspian.layers.news.scopes import country_code
from caspian.layers.news.text import is_plural, lemmas, range_lemmas, word_list, words

#: Road nouns: the catalog maps no road, so a name right after one ("строительство
#: автомобильной дороги Горадиз-Агбенд завершено на 95%") is a road's that shares its name
#: with a mapped line, not the line.
ROADS = {"автодорога", "автотрасса", "шоссе", "автобан"}
# A company's legal word after a name, up to two capitalised Latin words between: "совместное
# предприятие "TRIPP Company"", "компании Middle Corridor Multimodal Ltd" (held263) are the
# company, not the route it is named after.
_COMPANY_AFTER = re.compile(
    r"\s*(?:[A-Z][A-Za-z-]*\s+){0,2}(?:Company|Corporation|Co|LLC|Ltd|Inc|GmbH|JSC)\b"
)
# A grade of crude right after a name: "сорта BTC Blend", "некондиционной нефти BTC blend" is
# the oil blended for the pipeline, named after it, not the pipeline.
_GRADE_AFTER = re.compile(r"\s*(?:blend|бленд)\b", re.IGNORECASE)
# An organisation's noun right before a name: "Международной ассоциации ТМТМ", "финансового
# центра «Астана»", "международной ассоциации "Транскаспийский международный транспортный
# маршрут"" (its name in quotation marks, held342) are bodies named after the route or the
# city, not the route or the city; so is a special economic zone's quoted name ("входят в
# состав СЭЗ «Морпорт Актау»", held235).
_ORGANISATION_BEFORE = re.compile(
    r"(?:\bассоциаци[а-яё]*\s+[«\"„“]?|\bцентр[а-яё]*\s+«|\bСЭЗ\s+«)\Z", re.I
)
# An article's title quoted after the word: "Эта статья содержит материалы из статьи «Точной
# даты готовности Баку–Тбилиси-Джейхан пока не может назвать никто»" (held341, a wiki's
# licence line under the article) cites a headline, no mention in the text.
_TITLE_OF_ARTICLE_BEFORE = re.compile(r"\b[Сс]тать[еийюя]\s+«[^«»]*\Z")
#: How far before a name (characters) the quoted title it stands in may open.
TITLE_REACH = 120
# A company's legal form right before a name, in a sentence that signs something: "ЗАО
# «Бакинский международный морской торговый порт» (БММТП) и DP World подписали соглашение"
# (held241) names the company that runs the port as a party, not the port; the freight "в ЗАО
# "Бакинский Международный Морской Торговый Порт"" (held134) is the port's and stays.
_LEGAL_FORM_BEFORE = re.compile(r"\b(?:ЗАО|ОАО|ООО|ПАО|АО|ТОО|АОЗТ)\s*[«\"„“]?\Z")
# So does a company whose press service or statement is the source of the news: "в сообщении
# пресс-службы ЗАО «Бакинский международный морской торговый порт», распространенном в среду"
# (held388) is the company that runs the port.
_SOURCE_COMPANY_BEFORE = re.compile(
    r"\b(?:пресс-служб[а-яё]*|сообщени[а-яё]*)\s+(?:ЗАО|ОАО|ООО|ПАО|АО|ТОО|АОЗТ)\s*[«\"„“]?\Z",
    re.IGNORECASE,
)
# A settlement's noun right before a name: "в поселке Алят", "до поселка Курык" name the
# village a port stands in or a road goes to, not the port.
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:посел[ок][а-яё]*|сел[оаеу]|деревн[а-яё]*|аул[а-яё]*|город[а-яё]*)\s+\Z", re.IGNORECASE
)
# A name joined by a dash to another, as one end of a route: "на маршрут Актау-Алят" is a
# shipping line between two ports, not the port.
_DASH_BEFORE = re.compile(r"[А-ЯЁA-Z][\w]*\s?[-–—]\s?\Z")
_DASH_AFTER = re.compile(r"\s?[-–—]\s?[А-ЯЁA-Z]")
# The same route written with prepositions: "срок доставки грузов из Алята в Мерсин" goes from
# the station to a city, no port.
_FROM_BEFORE = re.compile(r"\bиз\s+\Z")
_TO_AFTER = re.compile(r"\s+(?:в|во|до)\s+[А-ЯЁA-Z]")
_FROM_TO_BEFORE = re.compile(r"\bиз\s+[А-ЯЁA-Z][\w]*\s+(?:в|во|до)\s+\Z")
# A place joined with no space to a name that is itself a route or an abbreviation: the route
# the feature carries on ("в направлении Актау-Баку-Тбилиси-Джейхан", "по направлению
# Актау-БТД": Kazakh oil from Aktau into the pipeline), not one end of it.
_JOINED_BEFORE = re.compile(r"[А-ЯЁA-Z][\w]*[-–—]\Z")
_JOINED_AFTER = re.compile(r"[-–—][А-ЯЁA-Z]")
_ABBREVIATION = re.compile(r"[А-ЯЁA-Z]{2,}")
# Ferry crossings named by the ports at their ends: "паромные переправы Черного и Каспийских
# морей (Ильичевск - Батуми и Алят - Актау-Порт)".
_FERRY_CROSSING_BEFORE = re.compile(r"\bпаромн[а-яё]+\s+переправ[а-яё]*\b[^.!?]*\Z", re.IGNORECASE)
#: How far before a route's end a ferry crossing's noun is looked for (the crossing names its
#: seas and lists its two or three crossings).
FERRY_REACH = 120
#: "автомобильная дорога": a road written in two words.
_MOTOR, _ROAD = "автомобильный", "дорога"


@dataclass(frozen=True)
class Mention:
    """One mention."""

    #: Document id.
    document: str
    layer: str
    #: Short feature id; ``None`` when the text names the layer as a whole.
    feature: str | None
    #: The words as written in the article.
    text: str
    #: The gazetteer name they matched.
    name: str
    #: Index of the sentence in the document.
    sentence: int | None
    #: Offset of the mention's start in the original file.
    start: int
    #: Offset of its end in the original file.
    end: int
    #: Offset of the first character in the analysed text (for distances). ``start`` and
    #: ``end`` are the file's: in a saved HTML page they lie past the markup before them, so
    #: text is read at ``position`` and :attr:`text_end`, never at them.
    position: int

    @property
    def text_end(self) -> int:
        """Offset in the analysed text right after the mention's last character."""
        return self.position + len(self.text)

    def as_dict(self, document: NewsDocument | None = None) -> dict[str, Any]:
        """JSON-ready form; with ``document``, the sentence's text too."""
        data: dict[str, Any] = {
            "document": self.document,
            "layer": self.layer,
            "feature": self.feature,
            "text": self.text,
            "name": self.name,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }
        if document is not None and self.sentence is not None:
            start, end = document.sentences[self.sentence]
            data["sentence_text"] = " ".join(document.text[start:end].split())
        return data


def find_mentions(document: NewsDocument, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every mention of a catalog layer or feature in the body of ``document``, in order."""
    gazetteer = gazetteer or load_gazetteer()
    found = []
    spans = document.body_spans
    names = gazetteer.features.find_paragraphs(document.text, spans, document.body_words)
    for (start, end), matches in zip(spans, names, strict=True):
        taken = [(match.start, match.end) for match in matches]
        for name_start, name_end, port in listed_ports(document.text, start, end, gazetteer, taken):
            matches.append(dataclasses.replace(port, start=name_start, end=name_end))
        for name_start, name_end, terminal in placed_terminals(
            document.text, start, end, gazetteer, taken
        ):
            matches.append(dataclasses.replace(terminal, start=name_start, end=name_end))
        for match in bracketed_places(document.text, sorted(matches, key=lambda m: m.start)):
            if names_a_road(document.text, start, match.start):
                continue
            if _named_after(document.text, start, end, match.start, match.end):
                continue  # a company or a body named after the feature, or a title cited
            if _GRADE_AFTER.match(document.text, match.end):
                continue  # an oil grade named after the pipeline
            if _route_end(document.text, match.start, match.end):
                continue
            if _filed_from(document.text, start, match.start, match.end):
                continue  # "АСТАНА, 29 июн – Sputnik.": where the agency filed from
            if _SETTLEMENT_BEFORE.search(document.text, max(start, match.start - 20), match.start):
                continue  # a village or town of the same name
            if match.target[0] not in CONTEXT_LAYERS and _in_a_place(
                document.text, match.start, match.end, match.name
            ):
                continue  # "терминал компании Azertrans в Сангачале": where it stands
            if _kind_of_thing(document.text[match.start : match.end]) and not (
                _SINGLED_OUT.match(document.text, match.end, end)
            ):
                continue
            layer, feature = match.target
            if feature is None:
                # "железной дороги Ерасх-Джульфа-Ордубад-Мегри-Горадиз на своей территории"
                # (held392, "В Армении …"): the layer's one feature in that country
                feature = _feature_on_territory(document.text, start, match, gazetteer)
            original_start, original_end = document.original_span(match.start, match.end)
            found.append(
                Mention(
                    document=document.id,
                    layer=str(layer),
                    feature=feature,
                    text=document.text[match.start : match.end],
                    name=match.name,
                    sentence=document.sentence_index(match.start),
                    start=original_start,
                    end=original_end,
                    position=match.start,
                )
            )
    return found + defined_abbreviations(document, found)


# An abbreviation an article defines in brackets right after a name: "железной дороги Карс -
# Ахалкалаки - Тбилиси - Баку (КАТБ)" (held657): two to eight capitals, nothing else inside.
_DEFINED_ABBREVIATION = re.compile(r"\s*\(([А-ЯЁA-Z]{2,8})\)")
# The Cyrillic letter a Latin capital stands for at the start of a name: "BTC" after
# "Баку-Тбилиси-Джейхан" (held642).
_CYRILLIC_OF = str.maketrans("ABVGDEZIKLMNOPRSTUFH", "АБВГДЕЗИКЛМНОПРСТУФХ")


def _abbreviates(abbreviation: str, written: str) -> bool:
    """Whether ``abbreviation`` opens with the first letter of the name proper ``written`` it
    follows, its first capitalised word (a common noun before it, "нефтепровод Баку–Тбилиси–
    Джейхан (BTC)", is no part of it), in Cyrillic or in its Latin transliteration: "КАТБ" of
    "Карс - Ахалкалаки - Тбилиси - Баку"; not "ФОТО" after "БТК (ФОТО)", a caption's mark, nor
    "ТАЕ" after "Сегмент … магистрали Транс-Азия-Европа" (held256), the whole line's
    abbreviation, not the segment's."""
    first = next((word[0] for word in written.split() if word[0].isupper()), "")
    return bool(first) and abbreviation[0].translate(_CYRILLIC_OF) == first.translate(_CYRILLIC_OF)


#: How many places a route's name must join for its initials to abbreviate it.
_INITIALS_FROM = 3
# The places a route's name joins by dashes: "Карс-Ахалкалаки-Тбилиси-Баку".
_ROUTE_PLACES = re.compile(
    rf"[А-ЯЁ][а-яё]+(?:\s*[-–—]\s*[А-ЯЁ][а-яё]+){{{_INITIALS_FROM - 1},}}"
)


def route_initials(written: str) -> str | None:
    """The initials of a route's name that joins :data:`_INITIALS_FROM` places or more by
    dashes ("Карс-Ахалкалаки-Тбилиси-Баку" -> "КАТБ", "Баку–Тбилиси–Джейхан" -> "БТД"), the
    name proper opening with that route (its first capitalised word the route's first place):
    an abbreviation of it an article may write without defining it ("Стpоительство КАТБ,
    котоpое начнется в ближайшие месяцы", held490); None for any other name."""
    route = _ROUTE_PLACES.search(written)
    first = next((word for word in written.split() if word[0].isupper()), "")
    places = re.findall(r"[А-ЯЁ][а-яё]+", route[0]) if route else []
    if not places or not first.startswith(places[0]):
        return None  # not the name proper: "Сегмент … магистрали Транс-Азия-Европа" (held256)
    return "".join(place[0] for place in places)


def defined_abbreviations(document: NewsDocument, found: Sequence[Mention]) -> list[Mention]:
    """The mentions of abbreviations ``document`` defines for a feature it names (``found``):
    "Карс - Ахалкалаки - Тбилиси - Баку (КАТБ)" makes "КАТБ", there and wherever the body
    writes it after, a mention of that feature (the article's own alias; the gazetteer does not
    list it). Layers of places (:data:`CONTEXT_LAYERS`) define none; an abbreviation that is a
    mention already stays as it was, and one that names a company or a body after the feature
    (:func:`_named_after`) is none, as with the gazetteer's names."""
    text = document.text
    spans = sorted((mention.position, mention.position + len(mention.text)) for mention in found)
    starts = [start for start, _ in spans]
    taken = {start for start, _ in spans}
    aliases: dict[str, Mention] = {}
    for mention in found:
        defined = _DEFINED_ABBREVIATION.match(text, mention.position + len(mention.text))
        if (
            defined
            and defined.start(1) not in taken  # the gazetteer's own abbreviation: found already
            and mention.layer not in CONTEXT_LAYERS
            and _abbreviates(defined[1], mention.text)
        ):
            aliases.setdefault(defined[1], mention)
        initials = route_initials(mention.text)
        if initials and mention.layer not in CONTEXT_LAYERS:
            aliases.setdefault(initials, mention)
    if not aliases:
        return []
    added = []
    for abbreviation, named in aliases.items():
        # one scan of the text after the name, each hit placed in its paragraph after
        pattern = re.compile(rf"(?<![\w-]){abbreviation}(?![\w-])")
        for written in pattern.finditer(text, named.position):
            paragraph = document.paragraph_index(written.start())
            # the last mention that opens before the hit ends: does it reach into the hit?
            before = bisect.bisect_left(starts, written.end()) - 1
            if paragraph is None or (before >= 0 and spans[before][1] > written.start()):
                continue  # outside the body, or in a mention already
            start, end = document.body_spans[paragraph]
            if _named_after(text, start, end, *written.span()):
                continue  # "трубопроводной компании BTC Co", "ассоциации ТМТМ"
            original_start, original_end = document.original_span(*written.span())
            added.append(
                dataclasses.replace(
                    named,
                    text=abbreviation,
                    sentence=document.sentence_index(written.start()),
                    start=original_start,
                    end=original_end,
                    position=written.start(),
                )
            )
    return sorted(added, key=lambda mention: mention.position)


def _named_after(text: str, start: int, end: int, name_start: int, name_end: int) -> bool:
    """Whether the name ``text[name_start:name_end]`` in the paragraph ``text[start:end]``
    is a company's or a body's named after the feature ("компании Middle Corridor Multimodal
    Ltd", "Международной ассоциации ТМТМ"), or stands in an article's title cited."""
    before = max(start, name_start - 30)
    return bool(
        _COMPANY_AFTER.match(text, name_end)
        or _ORGANISATION_BEFORE.search(text, before, name_start)
        or _TITLE_OF_ARTICLE_BEFORE.search(text, max(start, name_start - TITLE_REACH), name_start)
        or (
            _LEGAL_FORM_BEFORE.search(text, before, name_start)
            and "подписать" in range_lemmas(text, start, end)
        )
        or _SOURCE_COMPANY_BEFORE.search(text, max(start, name_start - 60), name_start)
    )


# A whole line's name followed by the country whose part of it is meant: "на своей
# территории" (the sentence's country), "на территории Армении", "на армянской территории".
_ON_TERRITORY = re.compile(
    r"\s+на\s+(?:(своей)\s+территории|территории\s+([А-ЯЁ][а-яё]+)|([а-яё]+ской)\s+территории)\b"
)


def _feature_on_territory(
    text: str, sentence_start: int, match: Match, gazetteer: Gazetteer
) -> str | None:
    """The one feature of ``match``'s layer that lies in the country alone (its catalog
    ``countries``) when the name of the layer is followed by "на своей территории" (the country
    the sentence names before it, "В Армении начинаются полевые работы для будущего
    восстановления железной дороги Ерасх-Джульфа-Ордубад-Мегри-Горадиз на своей территории",
    held392: the Syunik route), "на территории <country>" or "на <adjective> территории"; else
    None."""
    found = _ON_TERRITORY.match(text, match.end)
    if found is None:
        return None
    if found[1]:
        named = (country_code(word.text) for word in words(text, sentence_start, match.start))
        country = next((code for code in named if code), None)
    else:
        country = country_code(found[2] or found[3])
    if country is None:
        return None
    layer = match.target[0]
    inside = {entry["feature"] for entry in gazetteer.entries
              if entry.get("layer") == layer and entry.get("feature")
              and entry.get("countries") == [country]}  # fmt: skip
    return inside.pop() if len(inside) == 1 else None


# An agency's dateline: the city it filed from in capitals opening the line, then a comma
# ("АСТАНА, 29 июн – Sputnik. Через паромный порт Курык …").
_FILED_FROM = re.compile(r"[\s•·|—–-]*\Z")
_CITY_COMMA = re.compile(r"[А-ЯЁ\s-]+,")


def _filed_from(text: str, line_start: int, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` is written in capitals opening the line that starts
    at ``line_start``, a comma after it: an agency's dateline, no mention of the place."""
    return bool(
        _CITY_COMMA.fullmatch(text, start, end + 1) and _FILED_FROM.match(text, line_start, start)
    )


# A plural port noun with the names that follow it: "в портах Актау и Баку", "морских портов
# Актау, Курык, Баку": each name is a port's ("порт Баку"), though the noun stands once.
_PORTS_LISTED = re.compile(
    r"\bпорт(?:ах|ов|ы|ам|ами)\s+([А-ЯЁ][а-яё]+(?:(?:\s*,\s*|\s+и\s+)[А-ЯЁ][а-яё]+)+)"
)
_LISTED_NAME = re.compile(r"[А-ЯЁ][а-яё]+")
_PORT_STEM = "порт"  # how every match of _PORTS_LISTED starts


# A place in brackets right after a name: "между портами Туркменбаши и Баку (Алят)"; a
# place's name, capitalised words, not an abbreviation ("(БТД)", "(ТМТМ)"), which the
# annotation counts as a mention of its own.
_BRACKET_AFTER = re.compile(r" ?\(")
_PLACE_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)*")


def bracketed_places(text: str, matches: Sequence[Match]) -> list[Match]:
    """``matches`` (in order) with a name of a feature followed by another name of the same
    feature in brackets ("Баку (Алят)", the Baku port at Alat) read as one mention that spans
    both: an outlet names the city and, in brackets, the place where the port stands, not two
    things. An abbreviation in brackets stays a mention of its own (:data:`_PLACE_NAME`)."""
    merged: list[Match] = []
    for match in matches:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.target == match.target
            and _BRACKET_AFTER.fullmatch(text, last.end, match.start)
            and text.startswith(")", match.end)
            and _PLACE_NAME.fullmatch(text, match.start, match.end)
        ):
            merged[-1] = dataclasses.replace(last, end=match.end + 1)
            continue
        merged.append(match)
    return merged


def listed_ports(
    text: str, start: int, end: int, gazetteer: Gazetteer, taken: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int, Match]]:
    """The ports named in a list after a plural port noun in ``text[start:end]`` that are no
    match already (``taken``, spans): each name as ``(start, end, match)`` of "порт <name>"
    in the gazetteer."""
    # Every match starts with the stem: the scan starts at its first (most paragraphs hold
    # none); the look-behind of "\b" still sees the text before.
    first = text.find(_PORT_STEM, start, end)
    for listed in _PORTS_LISTED.finditer(text, first, end) if first >= 0 else ():
        for name in _LISTED_NAME.finditer(text, listed.start(1), listed.end(1)):
            if any(a < name.end() and name.start() < b for a, b in taken):
                continue
            port = _named_whole(gazetteer, f"порт {name[0]}")
            if port is not None:
                yield name.start(), name.end(), port


def _named_whole(gazetteer: Gazetteer, written: str) -> Match | None:
    """The gazetteer's feature whose name is the whole of ``written`` ("порт Курык"), if any."""
    return next((match for match in gazetteer.features.find(written)
                 if (match.start, match.end) == (0, len(written))), None)


# A terminal noun right before the place it stands in: "терминал в Джейхане".
_TERMINAL_IN = re.compile(r"\b[Тт]ерминал[а-яё]*\s+во?\s+([А-ЯЁ][а-яё]+)")
_TERMINAL_STEM = "ерминал"  # in every match of _TERMINAL_IN


def placed_terminals(
    text: str, start: int, end: int, gazetteer: Gazetteer, taken: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int, Match]]:
    """The terminals named by the place they stand in, the noun right before "в <place>"
    ("Напомним, терминал в Джейхане является ключевым звеном … по трубопроводу
    Баку–Тбилиси–Джейхан"), in ``text[start:end]``, that the gazetteer names after that place
    ("терминал Джейхан") and are no match already (``taken``): each as ``(start, end,
    match)``, the span from the noun to the place. A word between ("терминал компании
    Azertrans в Сангачале") makes another's terminal, no mention; ports are left out, as
    "нового порта в Актау" (another investor's) and "на территории порта в Аляте" (a place)
    are not the mapped ports."""
    first = text.find(_TERMINAL_STEM, start, end)
    for placed in _TERMINAL_IN.finditer(text, max(start, first - 1), end) if first >= 0 else ():
        if any(a < placed.end() and placed.start() < b for a, b in taken):
            continue
        terminal = _named_whole(gazetteer, f"терминал {placed[1]}")
        if terminal is not None:
            yield placed.start(), placed.end(), terminal


def road_in(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a road: a capitalised name right after a road noun
    (:func:`names_a_road`), "автомобильной дороги Горадиз-Агбенд" (not the common noun of
    "4 250 километров железных дорог и автотрасс")."""
    # the words before each capitalised word are the range's first words, cut as
    # names_a_road cuts them (split once, not once per capitalised word)
    found = word_list(text, start, end).texts
    for index, written in enumerate(found):
        if written[:1].isupper() and ends_with_road_noun(found[max(0, index - 2) : index]):
            return True
    return False


def names_a_road(text: str, start: int, name: int) -> bool:
    """Whether the name at ``name`` follows a road noun (:data:`ROADS`, or "автомобильная
    дорога") in ``text[start:name]``: a road's name, not a mapped feature's."""
    # the last two words, made as words alone (the paragraph's others are not needed)
    return ends_with_road_noun(word_list(text, start, name).texts[-2:])


def ends_with_road_noun(last_two: Sequence[str]) -> bool:
    """Whether the words ``last_two`` (at most two, the last right before a name) end with a
    road noun (:func:`names_a_road`)."""
    before = [lemmas(written) for written in last_two]
    if before and before[-1] & ROADS:
        return True
    return len(before) == 2 and _MOTOR in before[0] and _ROAD in before[1]


def _route_end(text: str, start: int, end: int) -> bool:
    """Whether the one-word name ``text[start:end]`` is an end of a route written with a dash
    ("маршрут Актау-Алят") or with "из … в" ("из Алята в Мерсин"), not a feature of its own.

    A name that is itself a route or an abbreviation, joined with no space to a place ("в
    направлении Актау-Баку-Тбилиси-Джейхан", "Актау-БТД"), is the feature the route carries
    on through; the ends of a ferry crossing ("паромные переправы … (… Алят - Актау-Порт)") are
    its ports.
    """
    written = text[start:end].strip()
    if " " in written:
        return False
    before = text[max(0, start - 30) : start]
    if _DASH_BEFORE.search(before) or _DASH_AFTER.match(text, end):
        if _FERRY_CROSSING_BEFORE.search(text, max(0, start - FERRY_REACH), start):
            return False  # the ports at a ferry crossing's ends
        joined = _JOINED_BEFORE.search(before) or _JOINED_AFTER.match(text, end)
        route = any(dash in written for dash in "-–—") or _ABBREVIATION.fullmatch(written)
        return not (joined and route)
    return bool(
        (_FROM_BEFORE.search(before) and _TO_AFTER.match(text, end))
        or _FROM_TO_BEFORE.search(before)
    )


# A route by its two ends after a plural name, no clause between: "строительство
# волоконно-оптических линий связей по дну Каспия по маршруту Казахстан-Азербайджан" singles
# out the one line between the two, no kind of thing; so do its two ends after "между"
# ("подводных волоконно-оптических линий связи по дну Каспийского моря между Казахстаном и
# Азербайджаном").
_SINGLED_OUT = re.compile(
    r"[^.;:,!?()«»]{0,60}?\b(?:по\s+маршруту\s+[А-ЯЁ][а-яё]+\s?[-–—]\s?|"
    r"между\s+[А-ЯЁ][а-яё]+\s+и\s+)[А-ЯЁ][а-яё]+"
)


#: Layers of places named for context ("в Габале"), not projects: a place is their mention.
CONTEXT_LAYERS = ("context",)
# A place's name as one capitalised word: "Сангачале".
_PLACE_WORD = re.compile(r"[А-ЯЁ][а-яё]+")
# "в" right before a name: "в Сангачале", "на территории порта в Аляте".
_IN_BEFORE = re.compile(r"\b[Вв]о?\s+\Z")


def _in_a_place(text: str, start: int, end: int, name: str) -> bool:
    """Whether the one-word name ``text[start:end]`` (the gazetteer's ``name``) stands right
    after "в" in the locative: the place of that name ("терминал компании Azertrans в
    Сангачале", "на территории порта в Аляте"), not the port or terminal named after it; "в
    Алят" (where ferries go) keeps the port's name as written."""
    written = text[start:end].strip()
    if not _PLACE_WORD.fullmatch(written):
        return False  # two words, or an abbreviation: "в БТД" is the pipeline
    if written.lower() == name.lower() or not written.endswith("е"):
        return False  # the name as written, no locative
    return _IN_BEFORE.search(text, max(0, start - 4), start) is not None


def _kind_of_thing(written: str) -> bool:
    """Whether a name written with a common noun ends in the plural: "нефтяных и газовых
    трубопроводов, а также оптоволоконных кабелей" names a kind of thing, not one project."""
    last = written.split()[-1] if written.split() else ""
    return last[:1].islower() and is_plural(last)
