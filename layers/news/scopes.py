"""The part of a feature a figure measures: a country section, a backup or second line, a leg.

"Протяжённость азербайджанского участка — 443 км" is not the pipeline's length, nor is the
second line's or the backup cable's. A figure's scope is read from its clause (the text
between the figure before it and the figure after it, at most :data:`REACH` characters each
way):

* ``section:<country code>`` — a section word ("участок", "отрезок", "территория", "плечо")
  with a country ("азербайджанский участок", "по территории Грузии");
* ``section:<place>`` — a section word with a place it passes through ("участок
  Карс–Игдыр", "участок через Нахичевань") or an adjective made from one ("нахчыванский
  участок Зангезурского коридора": ``section:нахчыванский``): the leg through that place;
* a section word alone takes the country its sentence names before it ("на территории
  Азербайджана … ремонт 150 км … и построить новый 20-километровый участок");
* ``second line`` — "вторая нитка", "вторая линия", "второй кабель", "параллельная";
* ``backup`` — "резервная линия", "дублирующий кабель";
* ``component:<lemma>`` — a component word right before the figure ("пяти тоннелей общей
  протяженностью 11,5 км"): the tunnels, not the line;
  for a duration or deadline, also a work on a component in its sentence ("Строительство
  депо … планируется завершить в течение двух месяцев") or a component its sentence opens
  with ("Защитная галерея … будет готова до конца этого года"); a component word that opens
  a quoted name ("«Мост Трампа»") is none;
* ``share:<who>`` — a volume of one origin's or shipper's cargo, not the project's total
  ("Объем транспортировки казахстанской нефти … 1,5 млн тонн": ``share:KZ``; "транзитной
  нефти": ``share:transit``), read from the sentence before the figure, or from what the
  volume is said to be after it ("… составила нефть, добытая в Азербайджане",
  :func:`share_said_after`), or the cargo the sentence before names when the clause refers
  back to it ("транзит этого стратегического сырья", :func:`referred_cargo_share`), or the
  country a sentence opens with that exports it ("Казахстан думает об увеличении экспорта
  нефти …", :func:`exporter_share`); a change of a share, from its own clause ("транзитной - на
  24,2%") or its sentence (:func:`changed_share`);
* ``actor:<country>`` — a volume a country (or ``actor:region``, a region: "по Центральной
  Азии") carries, in a sentence naming no project: the actor's figure, which :mod:`.claims`
  links to no project; ``actor:owner``, a percent in brackets after a name ("BP (30,37%)",
  :func:`stake_scope`), ``actor:projects``, a total after a count of projects ("16
  проектов общей протяженностью 491 км", :func:`projects_total`), ``actor:people``, a
  share of people ("70% наемных рабочих", :func:`people_after`), and ``actor:generation``, a
  power of generating plants ("мощность генерации до 26 ГВт", :func:`generation_scope`),
  likewise;
* ``including:<lemmas>`` — a total that counts more than the feature, the words added named
  right after the figure or right before it ("110,4 км (с учетом подъездных путей - 140,6
  км)", "140,6 км с учетом подъездных путей": ``including:подъездный путь``);
* ``component:<way>`` — also one of the parts a sentence splits a route's length into, each
  figure followed by its way ("4 250 километров железных дорог и автотрасс и 500 километров
  морского пути": ``component:дорога``, ``component:путь``; :func:`way_after`);
* ``stage:<n>`` — a stage of the project ("на втором этапе", "первая очередь", "пилотный
  терминал"), read from the clause, else from the sentence when it names one stage only.

A share of work done ("завершено на 68%") has a scope of its own (:func:`progress_scope`):
``design`` or ``construction``, by the work word nearest before it.

Figures are compared only within one scope; a figure with none is the feature's whole.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from caspian.layers.news.hints import may_search, needs_words
from caspian.layers.news.text import (
    Word,
    attributive_lemma,
    best_lemma,
    holds_lemma,
    is_plural,
    last_words_start,
    lemmas,
    per_text,
    range_lemmas,
    text_words,
    word_list,
    words,
    words_meeting,
)


def _first_named(table: Mapping[str, str], lemma_set: Iterable[str]) -> str | None:
    """What ``table`` gives the first of ``lemma_set``'s lemmas it holds, in sorted order (a
    word's lemmas are a set: sorted, so the same word always gives the same answer), else
    None."""
    return next((table[lemma] for lemma in sorted(lemma_set) if lemma in table), None)


#: How far from the figure (characters) its clause may reach.
REACH = 100
SECTION_WORDS = {"участок", "отрезок", "территория", "сегмент", "плечо"}
LINE_WORDS = {"нитка", "линия", "кабель", "ветка", "труба", "трубопровод", "очередь", "канал"}
SECOND = {"второй", "параллельный"}
BACKUP = {"резервный", "дублирующий", "запасной"}
#: Words that make a line word a backup line: "дополнительного канала … протяженностью 330 км".
ADDITIONAL = {"дополнительный"}
#: Country names and adjectives by lemma, to ISO 3166 codes.
COUNTRIES = {
    "азербайджан": "AZ", "азербайджанский": "AZ", "грузия": "GE", "грузинский": "GE",
    "турция": "TR", "турецкий": "TR", "казахстан": "KZ", "казахстанский": "KZ",
    "армения": "AM", "армянский": "AM", "туркменистан": "TM", "туркменский": "TM",
    "узбекистан": "UZ", "узбекский": "UZ", "иран": "IR", "иранский": "IR",
    "россия": "RU", "российский": "RU", "китай": "CN", "китайский": "CN",
    "румыния": "RO", "румынский": "RO", "болгария": "BG", "болгарский": "BG",
}  # fmt: skip
#: Parts of a line or port whose figures are not the whole's ("тоннель", "депо").
COMPONENTS = {
    "тоннель", "туннель", "депо", "мост", "виадук", "эстакада", "станция", "галерея",
    "путепровод", "причал", "терминал",
    # a hub built in a port: "к 2025 году планируем создать контейнерный хаб в порту Актау"
    # (held370)
    "хаб",
}  # fmt: skip
#: How many words a component word may stand before its figure.
COMPONENT_REACH = 3
#: Nouns of work done on something: the thing after one is what a time figure dates.
WORKS_ON = {"строительство", "реконструкция", "ремонт", "сооружение", "модернизация"}
STAGE_WORDS = {"этап", "очередь", "фаза", "стадия"}
#: The ordinals of a stage word; "на начальном этапе" is the first stage.
ORDINALS = {"первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5,
            "начальный": 1}  # fmt: skip
#: A pilot stage is the first.
PILOT = "пилотный"
#: A run, not a stage, when "пилотный" qualifies one: "Первый пилотный поезд в рамках открытия
#: железнодорожного сообщения … будет запущен в конце 2014 года" (held504) is the line's
#: opening, no first stage of it.
PILOT_RUNS = frozenset({"поезд", "состав", "рейс"})


def _pilot_stage(lemma_set: frozenset[str], following: str | None) -> bool:
    """Whether a word (its lemmas ``lemma_set``) followed by the word ``following`` names a
    pilot stage (:data:`PILOT`), not a pilot run (:data:`PILOT_RUNS`)."""
    return PILOT in lemma_set and not (following and lemmas(following) & PILOT_RUNS)
#: "Физическая готовность проекта составляет 68%" is the progress of its construction.
WORK = {"проектирование": "design", "проектный": "design", "строительство": "construction",
        "строительный": "construction", "физический": "construction"}  # fmt: skip
#: Verbs and nouns of laying track or rails: a length after one in its sentence is work done,
#: counted in km ("уложено 75,6 км главного пути", "завершен монтаж 66 км длинномерных
#: рельсов"), the progress of construction, no length of the line. So is a length of the
#: line filled before it runs (line fill, the works' last stage: "нефть заполнена до 970 км
#: 1768-километровой линии"). So is pipe welded ("Из общей протяженности маршрута в 1768 км
#: сварено 950 км труб", held460).
LAID = {"уложить", "укладка", "монтаж", "смонтировать", "заполнить", "заполнение", "сварить"}
# "Проложено", "проложен": track already laid ("на железной дороге Баку-граница Грузии проложено
# 347-километровое железнодорож[ное полотно]"), work done; "будет проложена" and "проложить" of
# a plan ("будет проложена волоконно-оптическая линия связи протяжённостью 380 км") are the
# planned line's length.
# So is a road "реконструирован[о]" already: "было реконструировано более 500 километров дороги"
# (Mir 24), the old road rebuilt besides the new stretch; "будет реконструирован 183-километровый
# участок" is a plan, its figure the section's.
_LAID_DONE = re.compile(
    r"(?<!будет\s)(?<!будут\s)\b(?:[Пп]роложен|[Рр]еконструирован)[аоы]?\b"
)
# Works done over so many metres: "В турецкой части работы завершены на расстоянии 2,2
# километра, в грузинской части выполняются земляные работы на расстоянии 200 метров" (held360):
# progress of construction, no length of the line or its tunnel.
_WORKS_OVER = re.compile(r"\bработ[аы]?\b[^,.;!?]{0,40}?\s+на\s+расстоянии\s+\Z")
# A place a section passes through, a few words after the section word: "участка железной
# дороги, проходящего через Нахчыван".
# A section named by where it goes is the leg to that place: "участок железной дороги, ведущий
# в Агбендский район".
_THROUGH = re.compile(
    r"[^.;:]{0,60}?\b(?:через|(?:вед|ид)ущ[а-яё]*\s+(?:в|во|до|к))\s+"
    r"([А-ЯЁ][а-яё]+(?:[-–][А-ЯЁ][а-яё]+)*)"
)
# A volume carried through a country is that country's section: "через Азербайджан по
# Среднему коридору было перевезено 1,741 млн тонн", "через территорию Турции".
_THROUGH_COUNTRY = re.compile(r"\bчерез\s+(?:территори[юи]\s+)?([А-ЯЁ][а-яё]+)")
_PLACE = re.compile(r"(?:через\s+)?([А-ЯЁ][а-яё]+(?:[-–][А-ЯЁ][а-яё]+)*)")


def clause(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The range around a figure ``text[start:end]`` that its scope is read from, bounded by
    ``floor`` and ``ceiling`` (the neighbouring figures or the sentence)."""
    begin, stop = max(floor, start - REACH), min(ceiling, end + REACH)
    # A cut :data:`REACH` characters from the figure may fall inside a word: "турецкого
    # участка" cut to "рецкого участка" (held642) read "рецкий" as a place's adjective, a scope
    # "section:рецкий". The cut word is left out: every word of the clause is a whole one.
    while start > begin > 0 and text[begin - 1].isalnum() and text[begin].isalnum():
        begin += 1
    while end < stop < len(text) and text[stop - 1].isalnum() and text[stop].isalnum():
        stop -= 1
    return begin, stop


# Where the clause that follows a figure ends: "более 340 километров, резервный канал,
# протяженностью около 330 километров" (the backup line is the next figure's).
_CLAUSE_AFTER_END = re.compile(r"[,;:]\s|\s[-–—]\s")


def _neighbour(found: Sequence[frozenset[str] | set[str]], index: int) -> bool:
    """Whether the country at ``found[index]`` (lemma sets of a clause's words) is named as a
    border ("на границе с Арменией, на территории станции Саламмелик"): a neighbour, not the
    country the section lies in."""
    return index >= 2 and "с" in found[index - 1] and "граница" in found[index - 2]


def _and_another(found: Sequence[frozenset[str] | set[str]], index: int, country: str) -> str:
    """``country`` (named at ``found[index]``), or it and a second one joined by "и" right
    after it, as ``AZ+GE`` in alphabetical order: "только на территории Грузии и Азербайджана"
    (held273) is the two countries' sections together, not Georgia's."""
    if index + 2 < len(found) and "и" in found[index + 1]:
        other = next((COUNTRIES[lemma] for lemma in found[index + 2] if lemma in COUNTRIES), None)
        if other and other != country:
            return "+".join(sorted((country, other)))
    return country


def _countries_listed(found: Sequence[frozenset[str] | set[str]], index: int) -> bool:
    """Whether the section word at ``found[index]`` (lemma sets of a clause's words) is
    followed right away by two countries' names in a row, a list past a comma: "которая должна
    пройти по территории Азербайджана, Грузии и Турции" (held458) is the whole route, no
    section."""
    near = found[index + 1 : index + 3]
    return len(near) == 2 and all(any(lemma in COUNTRIES for lemma in word) for word in near)


def _of_countries(found: Sequence[frozenset[str] | set[str]], index: int) -> bool:
    """Whether the section word at ``found[index]`` (lemma sets of a clause's words) is a
    territory of countries, "страны", within two words after it ("пролегает по территории трех
    стран - Азербайджана, Грузии и Турции", held270): the whole route, no one country's."""
    return any("страна" in near for near in found[index + 1 : index + 3])


def figure_scope(
    text: str, start: int, end: int, figure_end: int | None = None
) -> str | None:
    """The scope stated in ``text[start:end]`` (a figure's clause), or None; a backup or second
    line named after the figure (ending at ``figure_end``, when given) is its only up to the
    first comma after it."""
    if not range_lemmas(text, start, end) & (SECTION_WORDS | BACKUP | ADDITIONAL | SECOND):
        return None  # no word either loop below acts on (most clauses): not read word by word
    if figure_end is not None:
        edge = _CLAUSE_AFTER_END.search(text, figure_end, end)
        lines_end = edge.start() if edge else end
    else:
        lines_end = end
    tokens = words(text, start, end)
    found = [lemmas(token.text) for token in tokens]
    for index, lemma_set in enumerate(found):
        if lemma_set & SECTION_WORDS and (
            _of_countries(found, index) or _countries_listed(found, index)
        ):
            continue
        if lemma_set & SECTION_WORDS:
            for near in range(max(0, index - 3), min(len(found), index + 4)):
                country = next((COUNTRIES[lemma] for lemma in found[near]
                                if lemma in COUNTRIES), None)  # fmt: skip
                if country and not _neighbour(found, near):
                    return f"section:{_and_another(found, near, country)}"
            adjective = _place_adjective(found[index - 1]) if index else None
            if adjective:
                return f"section:{adjective}"
            place = _PLACE.match(text, tokens[index].end + 1, end)
            if place and place.start() - tokens[index].end <= 2 and not _names_the_route(
                text, place.end(), end
            ):
                return _section_through(place.group(1))
            through = _THROUGH.match(text, tokens[index].end, end)
            if through:
                return _section_through(through.group(1))
    for index, lemma_set in enumerate(found):
        if tokens[index].start >= lines_end:
            break
        following = found[index + 1 : index + 3]
        if lemma_set & BACKUP:
            return "backup"
        lined = any(near & LINE_WORDS for near in following)
        if lemma_set & ADDITIONAL and lined:
            return "backup"
        if lemma_set & SECOND and lined:
            return "second line"
        if "параллельный" in lemma_set:
            # a parallel one is another line whatever its noun, cut or left out: "к концу 2006
            # года будет введена в строй параллельная ве" (held270, the excerpt ends there)
            return "second line"
    return None


#: Nouns of a route a section belongs to: "участок Зангезурского коридора" is a section of
#: the corridor (the feature linked), named by no place it passes through.
ROUTE_NOUNS = {"коридор", "маршрут"}


def _names_the_route(text: str, name_end: int, end: int) -> bool:
    """Whether the word right after a name ending at ``name_end`` is a route noun
    (:data:`ROUTE_NOUNS`): the name is the route's, not a place's."""
    following = words(text, name_end, end)[:1]
    return bool(following and lemmas(following[0].text) & ROUTE_NOUNS)


#: The scope of a stretch of a line named by its two ends that the catalog maps as no feature
#: ("участок железной дороги Марабда-Ахалкалаки длиной 153 километра" of the BTK line): a part,
#: neither a country's whole section nor a leg of its own.
STRETCH = "component:участок"
# A section word, up to two words, a stretch named by its two ends, an aside in brackets, and
# the measure right before the figure: "участок железной дороги Марабда-Ахалкалаки длиной",
# "участок Ахалкалаки-Карцахи (граница с Турцией) – длиной".
_NAMED_STRETCH = re.compile(
    r"\b(?:участ|отрез|сегмент)[а-яё]*\s+(?:[а-яё]+\s+){0,2}?"
    r"([А-ЯЁ][а-яё]+\s?[-–—]\s?[А-ЯЁ][а-яё]+)\s*(?:\([^()]{0,40}\)\s*)?(?:[-–—]\s*)?"
    r"(?:(?:длин|протяж[её]нност)[а-яё]*\s+)?"
    r"(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z"
)


# A section word counted in order or the last, and the measure right before the figure: "на
# последнем участке протяженностью 4,5 км" is one stretch of the line, not the line.
_COUNTED_STRETCH = re.compile(
    r"\b(?:последн|перв|втор|трет|четв[её]рт|пят)[а-яё]*\s+участ[а-яё]*\s+"
    r"(?:(?:длин|протяж[её]нност)[а-яё]*\s+)?"
    r"(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z"
)


# The length of "the stretch", the section word right after the measure and nothing but a
# verb or a dash between it and the figure: "длина участка составит примерно 45 километров",
# "(длина участка - 6 километров)" (held491) measure the
# stretch the sentence is about, not the line (a country's or a named section has its own word).
_LENGTH_OF_STRETCH = re.compile(
    r"\b(?:длин|протяж[её]нност)[а-яё]*\s+участк[а-яё]*\s+(?:состав[а-яё]+\s+|[-–—]\s*)?"
    r"(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z"
)


# Two places a stretch runs between: "от Марабды до Карцахи".
_FROM_PLACE_TO_PLACE = r"от\s+[А-ЯЁ][а-яё]+\s+до\s+[А-ЯЁ][а-яё]+"


# A stretch laid between two places, then what was laid and the measure right before the
# figure: "Ушло 10 лет на прокладку от Карса до Ахалкалаки полотна длиной в 105 километров"
# (held551): the track between them, not the line from end to end.
_LAID_FROM_TO = re.compile(
    rf"\b{_FROM_PLACE_TO_PLACE}\s+(?:[а-яё]+\s+){{1,2}}"
    r"(?:длин|протяж[её]нност)[а-яё]*\s+(?:в\s+)?"
    r"(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z"
)


def counted_stretch(text: str, start: int, figure: int) -> str | None:
    """:data:`STRETCH` when the length at ``figure`` is of a stretch counted in order or the
    last one, named right before it in ``text[start:figure]`` ("Строительные работы идут на
    последнем участке протяженностью 4,5 км"), or of "the stretch" ("длина участка составит
    примерно 45 километров"), or of a stretch laid between two places ("на прокладку от
    Карса до Ахалкалаки полотна длиной в 105 километров"), else None."""
    window = max(start, figure - 80)
    found = (
        _COUNTED_STRETCH.search(text, window, figure)
        or _LENGTH_OF_STRETCH.search(text, window, figure)
        or _LAID_FROM_TO.search(text, window, figure)
    )
    return STRETCH if found else None


def named_stretch(text: str, start: int, figure: int) -> str | None:
    """``section:<ends>`` when the length at ``figure`` is of a stretch named by its two ends
    right before it in ``text[start:figure]`` ("участок … Марабда-Ахалкалаки длиной 153
    километра"): the nearest section word before the figure, whatever section the sentence
    named before ("на грузинском участке"); :func:`caspian.layers.news.measures.through_place`
    makes it the feature so named, else :data:`STRETCH`. Else None."""
    found = _NAMED_STRETCH.search(text, start, figure)
    return _section_through(found[1]) if found else None


def _section_through(place: str) -> str:
    """The scope of a section through ``place``: a country's section when it is a country
    ("участка линии БТК, пролегающего через Грузию": ``section:GE``), else the leg through
    that place (``section:Нахчыван``)."""
    country = country_code(place)
    return f"section:{country or place}"


def _country_of(pattern: re.Pattern[str], text: str, start: int, end: int) -> str | None:
    """The code of the first country that ``pattern`` (its group 1 the name) finds in
    ``text[start:end]``, else None."""
    for match in pattern.finditer(text, start, end):
        country = country_code(match[1])
        if country:
            return country
    return None


# A total's parts listed by the country each lies in, after "из них" or "в том числе": "1768
# км, из них в Азербайджане – 443 км, в Грузии – 248 км".
_PARTS_LISTED = re.compile(r"\b(?:из\s+них|в\s+том\s+числе)\b", re.IGNORECASE)
_IN_COUNTRY_JUST_BEFORE = re.compile(r"\bв\s+([А-ЯЁ][а-яё]+)\s*[–—-]?\s*$")
#: How far (characters) before a listed part its "в <country>" may start.
_LISTED_REACH = 30


def listed_country_part(text: str, start: int, figure: int) -> str | None:
    """``section:<country code>`` for a figure at ``figure`` listed as a total's part in a
    country ("из них в Грузии – 248 км"): "из них" or "в том числе" stands in
    ``text[start:figure]`` and "в <country>" right before the figure; else None."""
    # The country right before the figure first: the words that list the parts are searched
    # in all the text before it only for a figure that has one (one per figure of a long
    # sentence made it quadratic).
    before = text[max(start, figure - _LISTED_REACH) : figure]
    found = _IN_COUNTRY_JUST_BEFORE.search(before)
    if not found:
        return None
    country = country_code(found[1])
    if not country or not _PARTS_LISTED.search(text, start, figure):
        return None
    return f"section:{country}"


# A part listed with its country right after it, past a dash: "443 километра пролегают по
# территории Азербайджана, 249 – по Грузии, а чуть более 1 тысячи километров – по Турции"; or
# the country alone in the genitive, "по территории" left out, closing the list's item: "443
# километра пролегает по территории Азербайджана, 249 километров - Грузии, 1076 километров -
# Турции". The item before the list's last closes with "и" instead of a comma: "443 км проходят
# по территории Азербайджана, 248 км - Грузии и 1 077 км - Турции" (held301); a second
# country's name after "и" ("- Грузии и Турции") is no item's close. A genitive in "-а" closes
# an item too: "76-километровый участок железной дороги проходит по территории Турции,
# 259-километровый - Грузии, 503-километровый - Азербайджана" (held541).
_COUNTRY_RIGHT_AFTER = re.compile(
    r"\s*[–—-]\s*(?:(?:по|в)\s+(?:территории\s+)?([А-ЯЁ][а-яё]+)"
    r"|([А-ЯЁ][а-яё]+[иа])(?=\s*[,.;]|\s+и\s+(?![А-ЯЁ])|\s*\Z))"
)


# A length that "falls on" a country, said right after it ("443 км приходится на территорию
# Азербайджана, 248 км на Грузию и 1076 км на Турцию", held487) or before it in its clause
# ("На Грузию приходится самый короткий участок нефтепровода в 248 км", held486): that
# country's section, whatever country a section word of the list's first item names.
_FALLS_ON_AFTER = re.compile(
    r"\s+(?:приход[а-яё]+\s+)?на\s+(?:территори[юи]\s+)?([А-ЯЁ][а-яё]+)"
)
_FALLS_ON_BEFORE = re.compile(
    r"\b[Нн]а\s+(?:территори[юи]\s+)?([А-ЯЁ][а-яё]+)\s+приход[а-яё]+\s[^.;!?\d]*\Z"
)
#: How far (characters) before a length "На <country> приходится" may start.
_FALLS_ON_REACH = 80


def falls_on_country(text: str, start: int, figure: int, figure_end: int) -> str | None:
    """``section:<country code>`` for a length at ``text[figure:figure_end]`` said to fall on
    a country ("248 км на Грузию", "На Грузию приходится … участок … в 248 км"), the words
    before it looked at from ``start`` on; else None."""
    after = _FALLS_ON_AFTER.match(text, figure_end)
    found = after[1] if after else None
    if found is None and "риход" in text[max(start, figure - _FALLS_ON_REACH) : figure]:
        before = _FALLS_ON_BEFORE.search(text, max(start, figure - _FALLS_ON_REACH), figure)
        found = before[1] if before else None
    country = country_code(found) if found else None
    return f"section:{country}" if country else None


# The same item's country cut by the end of the excerpt, after a dash: "из которых 443 км
# пролегают по территории Азербайджана, 249 км — Грузии, 1076 км — Турц" (held788).
_CUT_COUNTRY_AFTER = re.compile(r"\s*[–—-]\s*([А-ЯЁ][а-яё]{2,})\s*\Z")


def cut_country(word: str) -> str | None:
    """The code of the one country whose name or adjective ``word`` (a word cut by the end of
    the text, "Турц") begins, else None."""
    codes = {code for name, code in COUNTRIES.items() if name.startswith(word.lower())}
    return codes.pop() if len(codes) == 1 else None


def country_after(text: str, figure_end: int, end: int) -> str | None:
    """``section:<country code>`` for a length ending at ``figure_end`` that a dash and "по"
    or "в" a country follow right after ("1 тысячи километров – по Турции"), or "на" and a
    country's adjective ("443 км на азербайджанской"), or a dash and a country's name cut by
    the text's end ("1076 км — Турц"), else None: that country's, whatever country the clause
    before it named."""
    found = _COUNTRY_RIGHT_AFTER.match(text, figure_end, end)
    group = (1 if found[1] else 2) if found else 0
    country = _country_of(_PLACE, text, found.start(group), found.end(group)) if found else None
    if not country and end >= len(text.rstrip()):
        cut = _CUT_COUNTRY_AFTER.match(text, figure_end)
        country = cut_country(cut[1]) if cut else None
    if not country:
        adjective = _COUNTRY_ADJECTIVE_AFTER.match(text, figure_end, end)
        lemma_set = lemmas(adjective[1]) if adjective else frozenset()
        country = _first_named(COUNTRIES, lemma_set)
    return f"section:{country}" if country else None


# A length in brackets right after a country's name in the genitive, one item of a list of the
# countries a line crosses: "Нефтепровод проходит по территории трёх стран — Азербайджана (449
# км), Грузии (235 км) и Турции (1059 км)" (held461): that country's section. The name opens a
# list's item (after a dash, a comma or "и"): not a thing of or in a country, its size in
# brackets ("туннеля Азербайджана (1 071 м)", held27; "тоннеля в Азербайджане (1071 метр)").
# The items may be the country's adjectives, the section word named once before the list: "на
# всех трех участках – азербайджанском (443 км), грузинском (248 км) и турецком (1076 км)"
# (held620).
_COUNTRY_BRACKET = re.compile(
    r"(?:[,:—–-]|(?<![^\W\d_])и)\s*([А-ЯЁ][а-яё]+|[а-яё]+[сц]к(?:ом|ой|ого|ому|ий|ая))"
    r"\s*\(\s*\Z"
)
_BRACKET_CLOSES = re.compile(r"\s*\)")


def bracketed_country(text: str, start: int, figure: int, figure_end: int) -> str | None:
    """``section:<country code>`` for a length at ``text[figure:figure_end]`` alone in brackets
    right after a country's name or adjective in ``text[start:figure]`` ("Азербайджана (449
    км)", "грузинском (248 км)"), else None."""
    match = _COUNTRY_BRACKET.search(text, max(start, figure - 30), figure)
    if match is None or not _BRACKET_CLOSES.match(text, figure_end):
        return None
    country = _country_of(_PLACE, text, match.start(1), match.end(1)) or _first_named(
        COUNTRIES, lemmas(match[1])
    )
    return f"section:{country}" if country else None


# A list's next item with its noun left out: a country's adjective and a dash right before a
# length, "протяженность грузинского участка составляет 248 км, турецкого — 1076 км" (held459):
# that country's section, as the item before it.
_COUNTRY_ADJECTIVE_DASH = re.compile(r"(?<![^\W\d_])([а-яё]+[сц]к(?:ого|ой))\s*[—–-]\s*\Z")


def elided_country_section(text: str, start: int, figure: int) -> str | None:
    """``section:<country code>`` for a length at ``figure`` right after a country's adjective
    and a dash in ``text[start:figure]`` ("турецкого — 1076 км"), else None."""
    match = _COUNTRY_ADJECTIVE_DASH.search(text, max(start, figure - 30), figure)
    lemma_set = lemmas(match[1]) if match else frozenset()
    country = _first_named(COUNTRIES, lemma_set)
    return f"section:{country}" if country else None


# A part's territory right after it as a country's adjective, "территории" left out or after
# it: "248 км на грузинской территории, 443 км на азербайджанской и 1076 на турецкой" (held269).
_COUNTRY_ADJECTIVE_AFTER = re.compile(r"\s+на\s+([а-яё]+[сц]кой)\b")


# A length written as an adjective ("75,6-километрового", "4,5-километрового"): the noun right
# after it is the thing it measures.
_ADJECTIVAL = re.compile(r"[-–][^\W\d_]+(?:ый|ий|ой|ого|его|ое|ее|ая|яя|ую|юю|ом|ем|ым|им|ых|их)\Z")
#: How many words after a section noun its country may stand: "участка на территории Грузии".
HEAD_COUNTRY_REACH = 3


def head_scope(text: str, figure: tuple[int, int], end: int) -> str | None:
    """The scope of a length written as an adjective (``text[figure[0]:figure[1]]``,
    "183-километрового") read from the noun it qualifies, right after it: a component's
    (:data:`COMPONENTS`: "4,5-километрового туннеля" is ``component:туннель``), or a section's
    with the country named within :data:`HEAD_COUNTRY_REACH` words after it, up to the next
    comma ("183-километрового участка на территории Грузии": ``section:GE``, whatever country
    the list's item before named); else None. ``end``: the sentence's end."""
    if not _ADJECTIVAL.search(text, figure[0], figure[1]):
        return None
    edge = _CLAUSE_AFTER_END.search(text, figure[1], end)
    after = words(text, figure[1], edge.start() if edge else end)
    if not after or after[0].start - figure[1] > 1:
        return None
    head = lemmas(after[0].text)
    if head & COMPONENTS:
        return f"component:{min(head & COMPONENTS)}"
    bypass = _bypass(after[:BYPASS_REACH])
    if bypass:
        return bypass
    if "часть" in head:
        # "23-километровая часть железной дороги" (held293): a part of the line, a stretch,
        # wherever it runs
        return STRETCH
    if "ветка" in head and _new_before(text, figure[0]):
        # "новую 105-километровую ветку железнодорожной магистрали" (held229, held230): a new
        # branch built for the line is a stretch of it, not the line's whole length
        return STRETCH
    if not head & SECTION_WORDS:
        return None
    for token in after[1 : 1 + HEAD_COUNTRY_REACH]:
        found = lemmas(token.text)
        country = _first_named(COUNTRIES, found)
        if country:
            return f"section:{country}"
    if _FROM_TO_AFTER.match(text, after[0].end, edge.start() if edge else end):
        # "29-километрового участка железной дороги от Марабды до Карцахи" (held476): a
        # stretch between two places, not a country's whole section nor the line
        return STRETCH
    return None


#: A bypass the line's figure is of, by the noun "обходной" qualifies: "130-километровой
#: электрифицированной железнодорожной обходной линии вокруг Алматы" (held729) is the
#: bypass's length, ``component:обходная линия``, not the corridor's or the line's.
BYPASSES = {"линия": "обходная линия", "путь": "обходной путь", "дорога": "обходная дорога"}
#: How many words after a length's adjective its bypass noun may stand (adjectives between).
BYPASS_REACH = 4


def _bypass(after: Sequence[Word]) -> str | None:
    """``component:<bypass>`` when "обходной" and then its noun (:data:`BYPASSES`) stand
    among the words ``after`` a length's adjective, every word before them an adjective."""
    for token, following in itertools.pairwise(after):
        if "обходной" in lemmas(token.text):
            noun = lemmas(following.text) & BYPASSES.keys()
            return f"component:{BYPASSES[min(noun)]}" if noun else None
        if not _ADJECTIVE_WORD.search(token.text):
            return None
    return None


_ADJECTIVE_WORD = re.compile(r"(?:ый|ий|ой|ого|его|ое|ее|ая|яя|ую|юю|ом|ем|ым|им|ых|их)\Z")


# A stretch's two ends after its section word, up to three words between: "участка железной
# дороги от Марабды до Карцахи".
_FROM_TO_AFTER = re.compile(rf"(?:\s+[а-яё]+){{0,3}}?\s+{_FROM_PLACE_TO_PLACE}")


def _new_before(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is a form of "новый" ("новую 105-километровую")."""
    before = words(text, max(0, start - 12), start)
    return bool(before) and "новый" in lemmas(before[-1].text)


#: Verbs of money already spent: a sum right after one is spent on the works so far, not the
#: project's cost ("Уже освоено 200 млн. долл.", held230).
SPENT = frozenset({"освоить", "потратить", "израсходовать"})
#: How many words before a sum its verb of spending may stand ("освоено более 200 млн").
SPENT_REACH = 3


# Running costs a sum is spent on: "на операционные расходы", "эксплуатационных затрат".
_RUNNING_COSTS = re.compile(r"(?:операционн|эксплуатационн)[а-яё]*\s+(?:расход|затрат)", re.I)


def spent_before(text: str, start: int, figure: int) -> bool:
    """Whether a verb of money spent (:data:`SPENT`) is among the :data:`SPENT_REACH` words
    right before a sum at ``figure`` in ``text[start:figure]``; a sum spent on running costs
    ("на операционные расходы по Баку-Tбилиси-Джейхан (BTC) было потрачено около $111 млн",
    held574) pays for operating the line, not for its works."""
    before = words(text, last_words_start(text, start, figure, SPENT_REACH), figure)
    # a verb in the infinitive is money to spend, a plan ("В этом году мы готовы освоить $300
    # млн", held290), not money spent
    spent = any(lemmas(token.text) & SPENT and not _INFINITIVE.search(token.text)
                for token in before)  # fmt: skip
    reached = any(token.text.lower().startswith("достиг") for token in before) and bool(
        _BUILDING_COSTS.search(text, start, figure)
    )
    if not (spent or reached):
        return False
    return _RUNNING_COSTS.search(text, start, figure) is None


# An infinitive: "освоить", "потратить".
_INFINITIVE = re.compile(r"(?:ть|ти)\Z", re.IGNORECASE)
# The cost of building named before a sum that it "reached": "Сумма расходов на строительство
# железной дороги Баку-Тбилиси-Карс достигла $800 млн.", "цена строительства … достигла".
_BUILDING_COSTS = re.compile(
    r"\b(?:расход[а-яё]*\s+на\s+строительств|(?:цен|стоимост)[а-яё]*\s+строительств)", re.I
)


#: Nouns of a line whose kilometres a figure may count ("1100 километров линии").
_LINE_NOUNS = frozenset({"линия", "кабель", "трасса", "дорога", "трубопровод", "магистраль"})
#: Verbs of where a line runs ("пройдут по дну Черного моря").
_RUN_VERBS = frozenset({"пройти", "проходить", "пролечь", "пролегать"})
#: How far after a figure its line noun and verb are looked for (characters: a few words).
_RUNNING_REACH = 40


def part_running(text: str, figure_end: int, end: int) -> str | None:
    """:data:`STRETCH` for a length followed by a line noun and a verb of where it runs
    ("Около 1100 километров линии пройдут по дну Черного моря", held224): so many kilometres
    *of* the line run somewhere, a part of it, not its whole length (which is written "линия
    протяженностью …", "кабель длиной …"); else None. ``end``: the sentence's end."""
    after = words(text, figure_end, min(end, figure_end + _RUNNING_REACH))[:3]
    if len(after) < 2 or not lemmas(after[0].text) & _LINE_NOUNS:
        return None
    verbs = [word for word in after[1:] if lemmas(word.text) & _RUN_VERBS]
    return STRETCH if verbs else None


# What a quoted official says his country has: "по контракту у нас закреплено 2,2 млн тонн".
_OURS = re.compile(r"\b[Уу]\s+нас\b")
# An official introduced with his country: "министр энергетики Казахстана Ерлан Аккенженов".
_OFFICIAL = re.compile(
    r"\b(?:министр|президент|премьер|посол|глав[аеуы]|председател)[а-яё-]*"
    r"(?:\s+[а-яё]+){0,3}?\s+([А-ЯЁ][а-яё]+)"
)


def speakers_share(text: str, start: int, figure: int) -> str | None:
    """``share:<country code>`` for a volume at ``figure`` that its sentence (from ``start``)
    says is "у нас", ours, when the last official the text introduces before it with a country
    is of that country ("… заявил министр энергетики Казахстана …": "В настоящее время по
    контракту у нас закреплено 2,2 млн тонн", Kazakhstan's share of the pipeline's volume);
    else None."""
    if not _OURS.search(text, start, figure):
        return None
    for official in reversed(_officials_before(text, figure)):
        country = _country_of(_PLACE, text, official.start(1), official.end(1))
        if country:
            return f"share:{country}"
    return None


def _officials_before(text: str, figure: int) -> list[re.Match[str]]:
    """The officials :data:`_OFFICIAL` finds in ``text[:figure]``, in order (what
    ``_OFFICIAL.finditer(text, 0, figure)`` gives): those of the whole text (found once) that
    end by ``figure``, then the text from the start of the next one searched up to ``figure``
    (that match runs past ``figure`` and may be cut shorter there; where the whole text has
    no match, the text cut at ``figure`` has none either: the pattern asserts nothing after
    its end). Searching the text from its start for every figure was quadratic in the
    article's length."""
    ends, found = _officials(text)
    kept = bisect.bisect_right(ends, figure)
    if kept == len(found) or found[kept].start() >= figure:
        return found[:kept]
    return [*found[:kept], *_OFFICIAL.finditer(text, found[kept].start(), figure)]


@per_text(maxsize=4)
def _officials(text: str) -> tuple[list[int], list[re.Match[str]]]:
    """Every match of :data:`_OFFICIAL` in ``text`` and their ends, in order."""
    found = list(_OFFICIAL.finditer(text))
    return [match.end() for match in found], found


# A country that puts money into a project, named right before the verb: "В общей сложности
# Азербайджан выделил на реализацию этого проекта 850 млн. долл.".
# The United States by its abbreviation too, perhaps an adverb set off by commas and "уже"
# between: "США инвестировали $140 млн", "США, предварительно, уже выделили $140 млн" (held406).
# The European Union as a funder, and its intent before the verb, and the verb of spending:
# "Европейский Союз намерен выделить 2,3 млрд евро на реализацию проекта" (held305),
# "Евросоюз потратит 2,3 млрд евро на проект подводного электрокабеля" (held472).
_FUNDED_BY = re.compile(
    r"\b([А-ЯЁ][а-яё]+|США|ЕС|Европейский\s+[Сс]оюз)(?:\s*,\s*[а-яё]+\s*,)?(?:\s+уже)?"
    r"(?:\s+намерен[а-яё]*)?\s+(?:выдел|профинансир|инвестир|вложи|потрат|предостав)[а-яё]*\b"
)
#: Funders named by no adjective or noun :data:`COUNTRIES` knows.
_FUNDERS = {"сша": "US", "ес": "EU", "евросоюз": "EU", "европейский союз": "EU"}


# A country named after the verb, as the one a loan is given to: "Азербайджан выделил Грузии
# кредит в $575 млн.", "выделил ООО Грузии «…» льготный кредит на сумму $200 млн.".
_LENT_TO = re.compile(r"\b([А-ЯЁ][а-яё]+)\b")
_LOAN = re.compile(r"\bкредит", re.IGNORECASE)


def funder_share(text: str, start: int, figure: int) -> str | None:
    """``share:<country code>`` for a sum at ``figure`` a country named in ``text[start:figure]``
    (its sentence before it) allocates, funds or invests ("Азербайджан выделил на реализацию
    этого проекта 850 млн. долл.": its part of the funding, not the project's cost); when the sum
    is a loan ("кредит") to another country named after the verb ("Азербайджан выделил Грузии
    кредит в $575 млн."), ``section:<that country's code>``, the borrower's section the loan
    builds; else None."""
    funded = _FUNDED_BY.search(text, start, figure)
    funders = _FUNDED_BY.finditer(text, start, figure)
    named = (" ".join(found[1].lower().split()) for found in funders)  # one space, lower case
    country = _country_of(_FUNDED_BY, text, start, figure) or next(
        (_FUNDERS[name] for name in named if name in _FUNDERS), None
    )
    if funded is not None and country and _LOAN.search(text, funded.end(), figure):
        borrower = _country_of(_LENT_TO, text, funded.end(), figure)
        if borrower and borrower != country:
            return f"section:{borrower}"
    return f"share:{country}" if country else None


# Lenders and donors named by their initials or their full name, as the share's code: the
# EBRD and the European Union.
_LENDER_NAMES = (
    (r"ЕБРР|Европейск[а-яё]+\s+банк[а-яё]*\s+реконструкции\s+и\s+развития(?:\s*\(ЕБРР\))?",
     "EBRD"),
    (r"ЕС|Евросоюз[а-яё]*|Европейск[а-яё]+\s+[Сс]оюз[а-яё]*", "EU"),
)  # fmt: skip
_LENDER = "|".join(f"(?:{pattern})" for pattern, _ in _LENDER_NAMES)
# A loan or a grant, in any form: "кредита", "грант", "займа".
_INSTRUMENT = r"(?:кредит|грант|заем|займ)[а-яё]*"
# A loan or a grant, its lender right after it, and its sum closing the clause before it, an
# aside in brackets allowed: "кредита ЕБРР в размере до 35 миллионов евро", "кредит ЕБРР (35
# млн евро)", "грант ЕС на 10 млн евро", "кредит Европейского банка реконструкции и развития
# (ЕБРР) в размере 35 млн евро" (held501-held503).
_INSTRUMENT_OF = needs_words(
    re.compile(rf"\b{_INSTRUMENT}\s+({_LENDER})\s*"
               r"(?:\(\s*|в\s+размере\s+|на\s+(?:сумму\s+)?)?(?:(?:до|около)\s+)?\Z"),
    ("кредит", "кредита", "кредиту", "кредитом", "грант", "гранта", "гранту", "грантом",
     "заем", "займа"),
)  # fmt: skip
# A sum given by lenders, said right after it: "Финансовый пакет в размере до 45 миллионов
# евро, предоставленный ЕБРР и Европейским союзом" (held501); a package of loans named after
# it: "финансовый пакет в размере до 45 миллионов евро включает кредит ЕБРР (35 млн евро) и
# возможный грант ЕС" (held502).
_GIVEN_BY_AFTER = re.compile(
    rf"[^.;!?]{{0,12}}?,?\s+предоставленн[а-яё]*\s+({_LENDER})(?:\s+и\s+({_LENDER}))?\b"
)
_PACKAGE_OF_AFTER = re.compile(
    rf"[^.;!?]{{0,12}}?\s+(?:включа[а-яё]+|состо[а-яё]+\s+из)\s+(?:[а-яё]+\s+){{0,2}}?"
    rf"{_INSTRUMENT}\s+({_LENDER})\b"
    rf"[^.;!?]{{0,60}}?\s+и\s+(?:[а-яё]+\s+){{0,2}}?{_INSTRUMENT}\s+({_LENDER})\b"
)
_LENDER_CODES = [(re.compile(rf"(?:{pattern})\Z"), code) for pattern, code in _LENDER_NAMES]
# A lender or donor giving a sum, it the subject of a verb of support or giving before the sum
# in its sentence: "ЕС оказывает поддержку Бакинскому порту в Аляты в размере 1 млн. евро"
# (held759, Turan): the EU's part of the funding, no cost of the port.
_LENDER_GIVES = re.compile(
    rf"(?<![А-ЯЁа-яё])({_LENDER})\s+(?:оказ|предоставл|предостав|выдел|выделя)[а-яё]*\s+"
    r"[^.!?\d]{0,80}?(?:в\s+размере\s+|на\s+сумму\s+)(?:(?:до|около|более)\s+)?\Z"
)
# A grant or a loan of no lender named before the sum, a lender's fund after it: "потенциального
# инвестиционного гранта в размере до 10 миллионов евро в рамках Азиатско-Тихоокеанского
# инвестиционного фонда ЕС" (held501).
_INSTRUMENT_BEFORE = re.compile(
    rf"\b{_INSTRUMENT}\s+(?:в\s+размере\s+|на\s+сумму\s+)?"
    r"(?:(?:до|около)\s+)?\Z"
)
_FUND_OF_AFTER = re.compile(rf"[^.;!?\d]{{0,80}}?\bфонд[а-яё]*\s+({_LENDER})\b")
# Who pays a sum in, right after it: "из них 1,3 млрд долларов вносит консорциум ВТС" (held487):
# the consortium's part of the cost, no cost of the project.
_PAID_IN_BY = re.compile(r"\s+(?:внос|внес)[а-яё]*\s+([А-ЯЁа-яё]+)")


def _lender_code(name: str) -> str | None:
    """``EBRD`` or ``EU`` for a lender's name as :data:`_LENDER_NAMES` write it, else None."""
    return next((code for pattern, code in _LENDER_CODES if pattern.match(name)), None)


def lender_share(text: str, start: int, figure: int, figure_end: int) -> str | None:
    """``share:<lender>`` for a sum at ``text[figure:figure_end]`` that is a loan or grant of a
    lender named right before it ("кредит ЕБРР (35 млн евро)": ``share:EBRD``), or a sum a
    lender or two gave, or a package of two lenders' loans and grants, said right after it
    ("до 45 миллионов евро, предоставленный ЕБРР и Европейским союзом": ``share:EBRD+EU``):
    the lenders' part of the funding, no cost of the project; else None."""
    before = _INSTRUMENT_OF.search(text, max(start, figure - 120), figure) if may_search(
        _INSTRUMENT_OF, text, max(start, figure - 120), figure) else None  # fmt: skip
    if before:
        code = _lender_code(before[1])
        return f"share:{code}" if code else None
    gives = _LENDER_GIVES.search(text, max(start, figure - 160), figure)
    code = _lender_code(gives[1]) if gives else None
    if code:
        return f"share:{code}"
    window = max(start, figure - 60)
    if _INSTRUMENT_BEFORE.search(text, window, figure):
        fund = _FUND_OF_AFTER.match(text, figure_end)
        code = _lender_code(fund[1]) if fund else None
        if code:
            return f"share:{code}"
    after = _GIVEN_BY_AFTER.match(text, figure_end) or _PACKAGE_OF_AFTER.match(text, figure_end)
    if after is None:
        return None
    codes = sorted({code for name in after.groups() if name
                    for code in (_lender_code(name),) if code})  # fmt: skip
    return f"share:{'+'.join(codes)}" if codes else None


def paid_in_by(text: str, figure_end: int) -> str | None:
    """``share:consortium`` (or ``share:<country code>``) for a sum ending at ``figure_end``
    that a consortium (a country) is said right after it to pay in ("1,3 млрд долларов вносит
    консорциум ВТС", held487): its part of the cost; else None."""
    found = _PAID_IN_BY.match(text, figure_end)
    if found is None:
        return None
    if "консорциум" in lemmas(found[1]):
        return "share:consortium"
    country = country_code(found[1])
    return f"share:{country}" if country else None


# A bank that approved a sum before it in its sentence: "Всемирный банк одобрил инвестиции в
# размере 35 млн долларов", "Совет исполнительных директоров Всемирного банка … одобрил
# выделение 35 миллионов долларов".
_BANK_APPROVED = re.compile(r"\b[Бб]анк[а-яё]*\b[^.!?]{0,80}?\bодобр[а-яё]*\b[^.!?]{0,60}\Z")


def bank_financing(text: str, start: int, figure: int) -> str | None:
    """``share:bank`` for a sum at ``figure`` a bank approves in ``text[start:figure]`` (its
    sentence before it): the bank's financing, no cost of the project; else None."""
    return "share:bank" if _BANK_APPROVED.search(text, max(start, figure - 160), figure) else None


def through_country(text: str, start: int, figure: int) -> str | None:
    """``section:<country code>`` when a volume at ``figure`` is carried "через" a country
    named in ``text[start:figure]`` (its clause before it), else None."""
    country = _country_of(_THROUGH_COUNTRY, text, start, figure)
    return f"section:{country}" if country else None


# A country named right before a dash before a volume, as an origin ("из") or named alone:
# "больше всего было перевезено из Казахстана - 3 206 TEU, на втором месте Китай - 2915 TEU"
# (held390); not a country after a noun it belongs to ("общая пропускная способность морских
# портов Казахстана — 27 млн тонн", all its ports'). The dash is spaced: a hyphen joins the
# names of a line ("Баку-Тбилиси-Карс").
_COUNTRY_DASH = re.compile(r"(?<![^\W\d_])(из\s+)?([А-ЯЁ][а-яё]+)\s+[-–—]\s+\Z")


def country_before_dash(text: str, start: int, figure: int) -> str | None:
    """``share:<country code>`` for a volume at ``figure`` that a country named right before a
    spaced dash (in ``text[start:figure]``) introduces: that country's cargo, one item of a
    list by origin ("из Казахстана - 3 206 TEU, на втором месте Китай - 2915 TEU"); else
    None."""
    match = _COUNTRY_DASH.search(text, max(start, figure - 40), figure)
    if match is None or not (match[1] or match[2].lower() in COUNTRIES):
        return None  # neither an origin ("из Казахстана") nor a name alone ("Китай")
    country = country_code(match[2])
    return f"share:{country}" if country else None


# Traffic over a country's whole territory: "объем грузоперевозок по территории Казахстана".
_OVER_TERRITORY = re.compile(r"\bпо\s+территории\s+([А-ЯЁ][а-яё]+)")


def over_territory(text: str, start: int, figure: int) -> str | None:
    """``actor:<country code>`` when a volume at ``figure`` is counted "по территории" of a
    country named in ``text[start:figure]`` (its clause before it): all that country's
    traffic ("объем грузоперевозок по территории Казахстана водным транспортом планируется
    увеличить до 11,4 млн тонн"), not a section of a project; else None."""
    country = _country_of(_OVER_TERRITORY, text, start, figure)
    return f"{ACTOR}{country}" if country else None


def _place_adjective(lemma_set: frozenset[str] | set[str]) -> str | None:
    """The lemma of an adjective made from a place name ("нахчыванский", "ордубадский"), not a
    country's (those are :data:`COUNTRIES`), else None."""
    for lemma in sorted(lemma_set):
        if lemma.endswith(("ский", "цкий")) and lemma not in COUNTRIES:
            return lemma
    return None


def names_section(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a section word ("участок", "отрезок")."""
    # the range's lemmas, remembered for the figure's clause that the other rules read too
    return bool(range_lemmas(text, start, end) & SECTION_WORDS)


#: Adjectives that make a component word a figure of speech for the whole project:
#: "Протяженность энергетического моста составит более 1 тыс км" is the cable's length.
FIGURATIVE = {"энергетический", "транспортный", "цифровой", "логистический", "информационный"}


#: Marks that open a quoted name.
_QUOTE_OPENS = frozenset("«\"“„")


def component_scope(text: str, start: int, figure: int) -> str | None:
    """``component:<lemma>`` when a component word stands among the
    :data:`COMPONENT_REACH` words before the figure at ``figure`` (``text[start:figure]``
    is its clause before it) and no :data:`FIGURATIVE` adjective right before it, else None;
    components counted ("будет обладать 12 причалами грузоперевалочной возможностью 15
    миллионов тонн") are what the whole has, not the part the figure measures."""
    if not range_lemmas(text, start, figure) & COMPONENTS:
        return None  # no component word in the clause before the figure (most): not read
    spans = words(text, start, figure)
    tokens = [lemmas(token.text) for token in spans]
    for index in range(len(tokens) - 1, max(-1, len(tokens) - 1 - COMPONENT_REACH), -1):
        found = tokens[index] & COMPONENTS
        counted = _COUNT_BEFORE.search(text, max(start, spans[index].start - 8), spans[index].start)
        # counted components give their total in brackets: "по 9 тоннелям (3050 м)"
        bracketed = _BRACKET_BEFORE.fullmatch(text, spans[index].end, figure) is not None
        # a component word that opens a quoted name names the project: "транспортный коридор
        # «Мост Трампа» длиной 42 км" (held320) is the route's length, no bridge's
        quoted = text[spans[index].start - 1 : spans[index].start] in _QUOTE_OPENS
        if (
            found
            and not quoted
            and not (index and tokens[index - 1] & FIGURATIVE)
            and (not counted or bracketed)
        ):
            return f"component:{min(found)}"
    return _component_for(text, spans, tokens, figure)


#: Section words that make a part of the component after them: not "территория", whose
#: component is where a work is ("на территории станции Саламмелик … 188-километровую
#: железнодорожную линию", held190).
_PART_WORDS = SECTION_WORDS - {"территория"}


def part_of_component(text: str, start: int, figure: int) -> str | None:
    """``component:<lemma>`` when the figure's clause before it (``text[start:figure]``) has a
    section word right before a component word ("Один участок тоннеля протяженностью 2375
    метров находится на территории Турции", held541): a part of the component, whichever
    country's territory holds it, not the line's section there; else None."""
    if not range_lemmas(text, start, figure) & COMPONENTS:
        return None  # no component word in the clause before the figure (most): not read
    spans = words(text, start, figure)
    for first, then in itertools.pairwise(spans):
        found = lemmas(then.text) & COMPONENTS
        if found and then.start - first.end == 1 and lemmas(first.text) & _PART_WORDS:
            return f"component:{min(found)}"
    return None


# Things counted in digits, then their length: "465 водопропускных труб длиной 18 километров",
# "144 подземных перехода общей протяженностью 5,5 километра" (held120).
_COUNTED_THINGS_LENGTH = re.compile(
    r"(?<![\d,.])\d{1,4}\s+(?:(?!общ)[а-яё]+\s+)?((?!общ)[а-яё]+)\s+(?:общей\s+)?"
    r"(?:длиной|протяж[её]нностью)\s+(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z"
)


def counted_things_length(text: str, start: int, figure: int) -> str | None:
    """``component:<lemma>`` when a length at ``figure`` follows things counted in digits and
    the word of their length (``text[start:figure]``, its clause before it): "465
    водопропускных труб длиной 18 километров" is those culverts' total, no length of the line;
    else None."""
    found = _COUNTED_THINGS_LENGTH.search(text, max(start, figure - 80), figure)
    if found is None or lemmas(found[1]) & PROJECTS:
        return None  # "16 проектов общей протяженностью 491 км": a set of projects' total
    forms = lemmas(found[1])
    return f"component:{min(forms - {found[1].lower()} or forms)}"  # the dictionary form


# An ordinal and an opening bracket right before a figure, and after it the closing bracket,
# perhaps another ordinal's bracketed figure, and the word they count: "во втором (1050 м) и
# третьем (2900 м) туннелях".
_ORDINAL_BRACKET = re.compile(r"([^\W\d_]+)\s*\(\s*\Z")
_BRACKETED_THEN_WORD = re.compile(
    r"\s*\)\s*(?:и\s+[^\W\d_]+\s*\([^()]{0,30}\)\s*)?([^\W\d_]+)"
)


# A length said of "its" extent: "Его протяженность составила около пяти километров".
_ITS_LENGTH = re.compile(r"\b(?:[Ее]го|[Ее][её]|[Ии]х)\s+(?:протяж[её]нность|длина)\b")


def referred_component(
    text: str, start: int, figure: int, previous: tuple[int, int] | None
) -> str | None:
    """``component:<lemma>`` when a length's clause before it (``text[start:figure]``) gives
    "its" extent ("Его протяженность") and the sentence before (``previous``) names one
    component and no other ("было реконструировано более 500 километров дороги, а также
    возведен тоннель на границе Турции и Грузии. Его протяженность составила около пяти
    километров", Mir 24: the tunnel's length, not the line's); else None."""
    if previous is None or not _ITS_LENGTH.search(text, start, figure):
        return None
    named = range_lemmas(text, *previous) & COMPONENTS
    return f"component:{min(named)}" if len(named) == 1 else None


def ordinal_component(text: str, start: int, figure: int, figure_end: int) -> str | None:
    """``component:<lemma>`` of a numbered component (:data:`ORDINALS`) the figure at
    ``text[figure:figure_end]`` measures: bracketed after the ordinal, the component word after
    the brackets ("во втором (1050 м) и третьем (2900 м) туннелях"), or a clause that opens
    with the ordinal and the component word ("Первый туннель между Каракале и Карзаки
    протянулся на 4 тыс. 936 метров"; ``text[start:figure]`` is the clause before the
    figure); else None."""
    ordinal = _ORDINAL_BRACKET.search(text, max(start, figure - 40), figure)
    if ordinal and lemmas(ordinal[1]) & ORDINALS.keys():
        after = _BRACKETED_THEN_WORD.match(text, figure_end, figure_end + 60)
        found = lemmas(after[1]) & COMPONENTS if after else frozenset()
        if found:
            return f"component:{min(found)}"
    opening = word_list(text, start, figure).texts[:2]  # no Word made for the clause's others
    if len(opening) == 2 and lemmas(opening[0]) & ORDINALS.keys():
        found = lemmas(opening[1]) & COMPONENTS
        if found:
            return f"component:{min(found)}"
    return None


# An opening bracket right before a figure: "9 тоннелям (3050 м)".
_BRACKET_BEFORE = re.compile(r"\s*\(\s*")


# A component's purpose between it and its capacity: "двух терминалов для генеральных грузов и
# контейнеров мощностью 1,5 миллиона тонн в год".
_PURPOSE_THEN_CAPACITY = re.compile(
    r"\s+для\s+[^\d,;:.!?()«»]{1,60}?\s+(?:мощностью|производительностью)\s+"
    r"(?:(?:до|более|около|свыше)\s+)?\Z"
)


# Two places a component joins between it and its length: "тоннеля между Грузией и Турцией
# протяженностью 4,3 километра" (held360).
_BETWEEN_THEN_LENGTH = re.compile(
    r"\s+между\s+[А-ЯЁ][а-яё-]+\s+и\s+[А-ЯЁ][а-яё-]+\s+(?:протяж[её]нностью|длиной)\s+"
    r"(?:(?:около|более|свыше|почти|примерно)\s+)?\Z"
)


def _component_for(
    text: str, spans: Sequence[Word], tokens: Sequence[frozenset[str]], figure: int
) -> str | None:
    """``component:<lemma>`` when a component word is followed by its purpose ("для …") and
    then the capacity word right before the figure at ``figure``, or by the two places it joins
    ("между Грузией и Турцией") and then the length word; else None."""
    for index in range(len(tokens) - 1, -1, -1):
        found = tokens[index] & COMPONENTS
        if found and (
            _PURPOSE_THEN_CAPACITY.fullmatch(text, spans[index].end, figure)
            or _BETWEEN_THEN_LENGTH.fullmatch(text, spans[index].end, figure)
        ):
            return f"component:{min(found)}"
    return None


# A count right before a word: "12 причалами".
_COUNT_BEFORE = re.compile(r"(?<![\d,.])\d{1,3}\s+\Z")


#: Words for projects counted: a total after a count of them ("в рамках 16 проектов общей
#: протяженностью 491 км") is the whole set's, no figure of one project.
PROJECTS = {"проект", "объект"}
# A count, its noun (an adjective may stand before it) and a total's adjective and measure
# (perhaps after "на") right before the figure: "24 инфраструктурных проекта на общую сумму 1,9
# триллиона тенге" (held312).
_COUNTED_TOTAL = re.compile(
    r"(?<!\d)\d+\s+(?:[а-яё]+\s+)?([а-яё]+)\s+(?:на\s+)?(?:общ|суммарн|совокупн)[а-яё]*\s+"
    r"[а-яё]+\s*\Z",
    re.IGNORECASE,
)


def projects_total(text: str, start: int, figure: int) -> str | None:
    """``actor:projects`` when the figure at ``figure`` is the total of a count of projects
    (:data:`PROJECTS`) named right before it in ``text[start:figure]``, else None."""
    counted = _COUNTED_TOTAL.search(text, start, figure)
    return f"{ACTOR}projects" if counted and lemmas(counted[1]) & PROJECTS else None


# A whole's measure right before a figure, an approximation between: "Более 500 километров
# железной дороги общей протяженностью около 850 километров проходят по территории
# Азербайджана" (the 850 km is the line's, the 500 km the section's).
_TOTAL_BEFORE = re.compile(
    r"(?:общ|суммарн|совокупн|полн)[а-яё]*\s+(?:протяж[её]нност|длин)[а-яё]*\s+"
    r"(?:(?:около|более|свыше|почти|порядка|примерно)\s+)?\Z",
    re.IGNORECASE,
)


def whole_after_part(text: str, before: int, figure: int) -> bool:
    """Whether the figure at ``figure`` is the whole's length named right after a part's
    (``text[before:figure]``, from the figure before it): "общей протяженностью около 850
    километров"; a section its clause names is then the part's, not the whole's."""
    return _TOTAL_BEFORE.search(text, before, figure) is not None


#: Preparatory work money may be spent on: "$9 млн на геологические изыскания" is the
#: surveys' money, not the project's cost.
PREPARATORY = {
    "изыскание", "исследование", "тэо", "обоснование", "проектирование", "экспертиза",
    "разведка", "аудит",
}  # fmt: skip
# "на" or "для" and up to four words right after a figure, across a parenthesised equivalent:
# "25 млн лари ($9 млн) на геологические исследования", "$75 млн для составления
# технико-экономического обоснования".
# A verb of need may stand between: "25 миллиардов долларов потребуется для железных дорог".
_PURPOSE = re.compile(
    r"\)?\s*(?:\([^()]{0,40}\)\s*)?(?:(?:потребуется|понадобится|необходимо|нужно)\s+)?"
    r"(?:на|для)\s+((?:[^\W\d_]+[\s-]+){0,3}[^\W\d_]+)"
)
#: Kinds of infrastructure, named in the plural, that a whole's money is divided among: "25
#: миллиардов долларов потребуется для железных дорог и 1,8 миллиарда для расширения и
#: модернизации портов" (held371: the Middle Corridor's needs, by mode). The singular names
#: one project ("для порта Актау"), whose money it is.
MODES = {"порт": "порт", "дорога": "железная дорога"}
#: The adjective a mode's noun needs: "железных дорог", not any roads.
_MODE_ADJECTIVE = {"дорога": "железный"}


def purpose_scope(text: str, figure_end: int, ceiling: int) -> str | None:
    """``component:<lemma>`` when money is spent on preparatory work (:data:`PREPARATORY`)
    or on a kind of infrastructure in the plural (:data:`MODES`) named right after the figure
    ending at ``figure_end`` (before ``ceiling``), else None."""
    purpose = _PURPOSE.match(text, figure_end, ceiling)
    if not purpose:
        return None
    said = words(purpose[1])
    for word in said:
        found = lemmas(word.text) & PREPARATORY
        if found:
            return f"component:{min(found)}"
    for index, word in enumerate(said):
        mode = lemmas(word.text) & MODES.keys()
        if not mode:
            continue
        noun = min(mode)
        adjective = _MODE_ADJECTIVE.get(noun)
        if adjective is None:
            if is_plural(word.text):
                return f"component:{MODES[noun]}"
            continue
        # "дорог" reads as the short adjective "дорог" too: the plural is its adjective's
        before = said[index - 1].text if index else ""
        if before and adjective in lemmas(before) and is_plural(before):
            return f"component:{MODES[noun]}"
    return None


#: How many words open a sentence whose component word is what the sentence is about.
_SUBJECT_REACH = 2


def work_component(text: str, start: int, figure: int) -> str | None:
    """``component:<lemma>`` when the work a time figure dates is on a component: a work
    noun right before a component word ("Строительство депо … планируется завершить в течение
    двух месяцев") in ``text[start:figure]`` (the sentence before the figure), or a component
    word among the sentence's first :data:`_SUBJECT_REACH` words ("Защитная галерея … будет
    готова до конца этого года")."""
    tokens = [lemmas(token.text) for token in words(text, start, figure)]
    for work, following in itertools.pairwise(tokens):
        found = following & COMPONENTS
        if work & WORKS_ON and found:
            return f"component:{min(found)}"
    # the component the sentence is about, its first noun (an adjective may stand before it):
    # "Защитная галерея, строящаяся на 99-м километре железнодорожной линии Горадиз–Агбенд,
    # будет готова до конца этого года" (held315) dates the gallery, not the line
    for token in tokens[:_SUBJECT_REACH]:
        if token & COMPONENTS:
            return f"component:{min(token & COMPONENTS)}"
    return None


#: Verbs of making something new: the component made after a deadline is what it dates.
CREATES = {"создать", "создание", "построить", *WORKS_ON}
#: How many words after a verb of making its component may stand (an adjective between).
_CREATED_REACH = 2


def created_component(text: str, figure_end: int, end: int) -> str | None:
    """``component:<lemma>`` when, after a deadline (``text[figure_end:end]``, the rest of its
    clause), a verb of making (:data:`CREATES`) is followed within :data:`_CREATED_REACH`
    words by a component word: "к 2025 году планируем создать контейнерный хаб в порту
    Актау" (held370) dates the hub, not the port."""
    tokens = [lemmas(token.text) for token in words(text, figure_end, end)]
    for index, token in enumerate(tokens):
        if not token & CREATES:
            continue
        for following in tokens[index + 1 : index + 1 + _CREATED_REACH]:
            if following & COMPONENTS:
                return f"component:{min(following & COMPONENTS)}"
    return None


#: What a pipeline, line or port carries: a volume of one origin's of these is a share.
CARGO = {"нефть", "газ", "груз", "контейнер", "конденсат", "продукция", "зерно"}
#: The scope prefix of an actor's figure: no claim of the project (:mod:`.claims` unlinks it).
ACTOR = "actor:"
#: Words for "the country" as the one whose traffic a figure counts.
COUNTRY_WORDS = {"страна", "государство"}
#: Regions whose traffic a figure may count, by lemma: "В целом по Центральной Азии …
#: ожидается увеличение грузопотоков … до 90-95 млн тонн" is the region's, not the corridor's.
REGIONS = {"азия": "region", "кавказ": "region", "европа": "region", "евразия": "region",
           "регион": "region"}  # fmt: skip
#: Adjectives that say the cargo is only a part of the flow (besides a country's).
SHARE_WORDS = {"транзитный": "transit"}
#: The share of cargo of several origins named after it ("нефти Казахстана и Туркменистана"):
#: other countries' oil through a pipeline is its transit oil.
SHARE_WORDS_MANY = "transit"
#: Words that join origins named after a cargo word.
_AND = {"и", "или"}
#: The oil a country is named after, its origin: "нефти из Казахстана".
_OIL = {"нефть"}
_OUT_OF = {"из"}


#: How many words of origin may stand before a cargo word: "казахстанской и туркменской
#: нефти", "транзитной (туркменской) нефти".
_ORIGIN_WORDS = 3


def _origin_before(
    tokens: Sequence[frozenset[str] | set[str]], index: int, country_plain: bool = False
) -> str | None:
    """The share of the cargo word at ``tokens[index]`` (lemma sets) by the adjectives of
    origin right before it, joined by "и" or one in brackets: a share word's ("транзитной
    (туркменской) нефти": transit, the bracket says whose), else one country's or several
    countries' transit ("казахстанской и туркменской нефти"); None when none stands there.
    With ``country_plain`` (the word right before the cargo word is not closed by a bracket),
    a country's adjective right before the cargo word, a share word before it, is that
    country's share: "транзитной туркменской нефти" (held385) is Turkmen oil, its transit
    said of it as a quality."""
    origins: list[str] = []
    share = None
    for lemma_set in reversed(tokens[max(0, index - _ORIGIN_WORDS) : index]):
        country = next((COUNTRIES[word] for word in sorted(lemma_set) if word in COUNTRIES), None)
        word = next((SHARE_WORDS[word] for word in sorted(lemma_set) if word in SHARE_WORDS), None)
        if country:
            origins.append(country)
        elif word:
            if country_plain and origins and share is None:
                return _share_of(origins)
            share = share or word
        elif not (origins and lemma_set & _AND):
            break
    if share:
        return f"share:{share}"
    return _share_of(origins) if origins else None


def _share_of(origins: Sequence[str]) -> str:
    """The share of cargo from ``origins`` (country codes): one country's, else transit."""
    return f"share:{origins[0]}" if len(set(origins)) == 1 else f"share:{SHARE_WORDS_MANY}"


def _origins_after(following: Sequence[frozenset[str] | set[str]]) -> list[str]:
    """The countries named right after a cargo word, joined by "и" ("нефти Казахстана и
    Туркменистана": KZ, TM), from the lemma sets of the words that follow it."""
    origins: list[str] = []
    for lemma_set in following:
        country = next((COUNTRIES[word] for word in sorted(lemma_set) if word in COUNTRIES), None)
        if country:
            origins.append(country)
        elif not (origins and lemma_set & _AND):
            break
    return origins


#: Capitals that stand for their country as the subject of a plan, by lemma.
CAPITALS = {"астана": "KZ", "баку": "AZ", "тбилиси": "GE", "анкара": "TR", "ташкент": "UZ",
            "ашхабад": "TM", "ереван": "AM"}  # fmt: skip
#: Verbs of a plan or an intention a capital opening a sentence is the subject of.
_INTENDS = {"собираться", "планировать", "намереваться", "намерен", "рассчитывать"}


def capital_share(text: str, start: int, figure: int) -> str | None:
    """``share:<country code>`` when the sentence ``text[start:figure]`` before a volume opens
    with a capital that plans it ("Астана собирается в ближайшие пару лет нарастить
    транспортировку нефти по Транкаспийскому коридору до 3 млн тонн", held349: Kazakhstan's
    oil, its part of the corridor's volume), else None."""
    tokens = [lemmas(token.text) for token in words(text, start, figure)[:2]]
    if len(tokens) < 2 or not tokens[1] & _INTENDS:
        return None
    country = _first_named(CAPITALS, tokens[0])
    return f"share:{country}" if country else None


# A country (or its capital) that plans to carry a cargo, the figure after it in its sentence:
# "На 2025 год Казахстан планировал прокачать через БТД, …, 1,7 миллиона тонн нефти" (held424).
_PLAN_WORDS = ("планирует", "планировал", "планировала", "планируют", "планировали",
               "рассчитывает", "рассчитывал", "рассчитывала", "намерен", "намерена",
               "собирается", "собирался", "собиралась")  # fmt: skip
_PLANS_TO_CARRY = needs_words(
    re.compile(
        rf"\b([А-ЯЁ][а-яё]+)\s+(?:{'|'.join(_PLAN_WORDS)})\s+(?:[а-яё]+\s+)?"
        r"(?:прокачать|транспортировать|перевезти|экспортировать|поставить|отправить)\b"
    ),
    _PLAN_WORDS,
)


def planner_share(text: str, start: int, figure: int) -> str | None:
    """``share:<country>`` when a country or its capital (:data:`CAPITALS`) plans to carry
    the volume at ``figure``, in its sentence (from ``start``) before it: "На 2025 год Казахстан
    планировал прокачать через БТД, который является одним из основных альтернативных
    маршрутов для транзита нефти, 1,7 миллиона тонн нефти" (held424) is Kazakhstan's oil, not
    all the pipeline's; else None. Asked after the cargo's own origin ("Азербайджан
    рассчитывает прокачать … четыре миллиона тонн туркменской нефти", held409: Turkmen)."""
    if not may_search(_PLANS_TO_CARRY, text, start, figure):
        return None
    for found in _PLANS_TO_CARRY.finditer(text, start, figure):
        names = lemmas(found[1])
        country = country_code(found[1]) or _first_named(CAPITALS, names)
        if country:
            return f"share:{country}"
    return None


# A relative clause set off by commas, perhaps after a preposition: ", по которому
# экспортируется большая часть добываемой в Азербайджане нефти," (held385) says what the
# pipeline carries, not what the figure after it is.
_RELATIVE_CLAUSE = needs_words(
    re.compile(
        r",\s*(?:(?:по|через|в|на|из|с|для)\s+)?(?:котор[а-яё]*)\b[^,.;]*,", re.IGNORECASE
    ),
    ("которому", "которой", "который", "которая", "которое", "которые", "которых", "которым",
     "которую", "которого", "котором", "которыми", "которою"),
)  # fmt: skip


def _relative_clauses(text: str, start: int, figure: int) -> list[tuple[int, int]]:
    """The spans of the relative clauses (:data:`_RELATIVE_CLAUSE`) closed between ``start``
    and ``figure``."""
    if not may_search(_RELATIVE_CLAUSE, text, start, figure):
        return []
    return [clause.span() for clause in _RELATIVE_CLAUSE.finditer(text, start, figure)]


#: Words of export: the country named after "из" right after one is the exporter.
EXPORT_WORDS = {"экспорт", "экспортный"}
#: How many words may stand between an export word and "из": "экспорта грузов из".
_EXPORT_REACH = 2
#: Prepositions of a destination after an origin: "из Китая в Европу" is a direction.
_INTO = {"в", "во", "до"}
#: A cargo word or an export word: :func:`share_scope` of a figure in a sentence that names a
#: project finds nothing before it without one (its words, the relative clauses' too).
_CARGO_OR_EXPORT = frozenset(CARGO | EXPORT_WORDS)


def _exporter_share(tokens: Sequence[frozenset[str] | set[str]]) -> str | None:
    """``share:<country code>`` when an export word (:data:`EXPORT_WORDS`) among ``tokens``
    (the lemma sets of a figure's sentence before it, in a sentence that names a project or
    links to one) is followed within :data:`_EXPORT_REACH` words by "из" and one country with
    no destination after it: "Объем экспортных перевозок из Казахстана по маршруту вырос в 7,9
    раза" (held604) is Kazakhstan's export on the route, a part of its traffic, not all of it;
    else None."""
    for index, token in enumerate(tokens):
        if not token & EXPORT_WORDS:
            continue
        for at in range(index + 1, min(len(tokens) - 1, index + 2 + _EXPORT_REACH)):
            if tokens[at] & _OUT_OF:
                return _origin_out_of(tokens, at)
    return None


def _origin_out_of(tokens: Sequence[frozenset[str] | set[str]], at: int) -> str | None:
    """``share:<country code>`` when "из" at ``tokens[at]`` (lemma sets of words) is followed
    by one country and no destination after it ("из Казахстана по маршруту"; "из Китая в
    Европу" is a direction), else None."""
    origins = _origins_after(tokens[at + 1 : at + 2])
    if origins and not (tokens[at + 2 : at + 3] and tokens[at + 2] & _INTO):
        return f"share:{origins[0]}"
    return None


def share_scope(text: str, start: int, figure: int, project_named: bool = True) -> str | None:
    """``share:<country code or word>`` when a cargo word in ``text[start:figure]`` (the
    sentence before a volume) has an adjective of origin before it ("казахстанской нефти",
    "транзитной нефти"); or ``actor:<country code>``, in a sentence that names no project
    (``project_named``) but a country in the figure's clause: the country's own traffic, not
    the project's ("в 2025 году морским транспортом страны перевезено 4,002 миллиона тонн",
    :data:`COUNTRY_WORDS`), unless a part word (:data:`PART_WORDS`) stands before the country:
    then ``share:<country code>``, the country's part of the volume stated before ("доля
    экспорта из Казахстана составила 1,2 млн тонн"). Else None."""
    if project_named and not holds_lemma(text, start, figure, _CARGO_OR_EXPORT):
        return None  # in such a sentence each answer below needs one of those words' lemmas
    clauses = _relative_clauses(text, start, figure)
    kept = [token for token in words(text, start, figure)
            if not any(begin <= token.start < end for begin, end in clauses)]  # fmt: skip
    tokens = [lemmas(token.text) for token in kept]
    for index, (_, noun) in enumerate(itertools.pairwise(tokens)):
        if not noun & CARGO:
            continue
        before = _origin_before(tokens, index + 1, _plain_before(text, kept, index + 1))
        if before:
            return before
        origins = _origins_after(tokens[index + 2 :])
        if not origins and project_named and noun & _OIL and tokens[index + 2 : index + 3] and (
            tokens[index + 2] & _OUT_OF
        ):
            # "Суммарный объем прокачки нефти из Казахстана по Баку-Тбилиси-Джейхан … составил
            # порядка 3,4 млн тонн нефти" (held537): one country's oil through the line its
            # sentence names; only oil, as "грузов из Китая в Европу" is the direction of a
            # corridor's whole traffic, and with no line named "Экспорт нефти из Азербайджана"
            # (held181) is the country's own export
            origins = _origins_after(tokens[index + 3 : index + 4])
        if origins:
            return _share_of(origins)
    if project_named:
        return _exporter_share(tokens)
    # Only the figure's own clause, after the last comma: "Согласно данным … Казахстана, в
    # 2025 году морским транспортом страны перевезено …" names its source before the comma
    # (a comma between words: "в 1,5 раза" holds a decimal one).
    cut = text.rfind(", ", start, figure)
    own = cut + 2 if cut >= 0 else start
    if _DIRECTION.search(text, own, figure):
        return None  # "поставок из Китая в Европу": a route's direction, no country's traffic
    part = False
    for lemma_set in (lemmas(token.text) for token in words(text, own, figure)):
        part = part or bool(lemma_set & PART_WORDS)
        country = next((COUNTRIES[word] for word in sorted(lemma_set) if word in COUNTRIES), None)
        if country and part:
            # "при этом доля экспорта из Казахстана составила 1,2 млн тонн": a part of the
            # volume stated before, the country's share of it, not all its own traffic
            return f"share:{country}"
        region = next((REGIONS[word] for word in sorted(lemma_set) if word in REGIONS), None)
        if country or region or lemma_set & COUNTRY_WORDS:
            return f"{ACTOR}{country or region or 'country'}"
    return None


# A cargo referred back to by a demonstrative: "транзит этого стратегического сырья через
# Азербайджан составил почти 1,5 млн тонн" (held331), the oil the sentence before named.
_THIS_WORDS = ("этого", "этой", "этих", "этот", "эта", "эту", "данного", "данной", "данных",
               "данный", "данная", "данную")  # fmt: skip
_THIS_CARGO = needs_words(
    re.compile(rf"\b(?:{'|'.join(_THIS_WORDS)})\s+(?:[а-яё]+\s+)?"
               r"(?:сырь|нефт|груз|газ[аеуо]?\b|конденсат)", re.IGNORECASE),
    _THIS_WORDS,
)  # fmt: skip


def referred_cargo_share(
    text: str, start: int, figure: int, previous: tuple[int, int] | None
) -> str | None:
    """The share (:func:`share_scope`) of the cargo the ``previous`` sentence names when a
    volume at ``figure`` refers back to it by a demonstrative in ``text[start:figure]`` (its
    clause before it): "С удовлетворением отмечаю совместную работу по транспортировке
    казахстанской нефти по маршруту Баку–Тбилиси–Джейхан. В прошлом году транзит этого
    стратегического сырья через Азербайджан составил почти 1,5 млн тонн" (held331) is Kazakh
    oil, a share, not all the oil through the Azerbaijani section; else None."""
    if previous is None or not may_search(_THIS_CARGO, text, start, figure):
        return None
    if _THIS_CARGO.search(text, start, figure) is None:
        return None
    return share_scope(text, *previous)


# "The same volume" right before a figure: "На будущий год заложен такой же объем в 1,5 млн т"
# (held367), the volume of the cargo a sentence before named.
_SAME_VOLUME = re.compile(
    r"\b[Тт]ак(?:ой|ого|ому|им|ом)\s+же\s+(?:объ[её]м[а-яё]*|количеств[а-яё]*)\s+(?:в\s+)?\Z"
)


def same_volume_share(
    text: str, start: int, figure: int, earlier: Sequence[tuple[int, int]]
) -> str | None:
    """The share (:func:`share_scope`) of the cargo the nearest of the ``earlier`` sentences
    (nearest first) names when a volume at ``figure`` is "такой же объем" as one stated before
    (``text[start:figure]`` is its clause before it): "Транзит казахстанской нефти по
    трубопроводу Баку-Тбилиси-Джейхан в уходящем году … составит 1,5 млн т … Министр заявил,
    что отхождения от плана не намечаются. На будущий год заложен такой же объем в 1,5 млн т"
    (held367) is Kazakh oil, a share, not all the oil the pipeline carries; else None."""
    if _SAME_VOLUME.search(text, max(start, figure - 40), figure) is None:
        return None
    for sentence in earlier:
        found = share_scope(text, *sentence)
        if found:
            return found
    return None


# A country as the subject of its sentence, then its export or transit of a cargo: "Казахстан
# думает об увеличении экспорта нефти по нефтепроводу Баку-Тбилиси-Джейхан (БТД) до 20
# миллионов тонн в год с 1,5 миллионов тонн в 2024 году" (held330).
_EXPORT_WORDS = ("экспорт", "экспорта", "экспорту", "экспортом", "транзит", "транзита",
                 "транзиту", "транзитом", "поставки", "поставок", "поставку", "поставкам",
                 "транспортировки", "транспортировку", "прокачки", "прокачку")  # fmt: skip
_COUNTRY_EXPORT = needs_words(
    re.compile(rf"([А-ЯЁ][а-яё]+)\s+(?:[а-яё]+\s+){{1,4}}?(?:{'|'.join(_EXPORT_WORDS)})\s+"
               r"(?:[а-яё]+\s+)?(?:нефт|газ[аеуо]?\b|груз|конденсат)"),
    _EXPORT_WORDS,
)  # fmt: skip


# A country opening the sentence that exports the figure itself, the verb right before it and
# its cargo right after: "Казахстан может начать со следующего года экспортировать 1,5
# миллиона тонн нефти в год через нефтепровод Баку - Тбилиси - Джейхан" (held493).
_EXPORT_VERBS = ("экспортировать", "экспортирует", "экспортируют", "экспортировал",
                 "экспортировала", "экспортировало", "прокачивать", "прокачать")  # fmt: skip
_COUNTRY_EXPORTS_FIGURE = needs_words(
    re.compile(rf"([А-ЯЁ][а-яё]+)\s+(?:[а-яё]+\s+){{0,6}}?(?:{'|'.join(_EXPORT_VERBS)})"
               r"(?:\s+(?:около|до|порядка|более|свыше))?\s*\Z"),
    _EXPORT_VERBS,
)  # fmt: skip
_CARGO_AFTER = re.compile(r"(?:[^.;,]|,(?=\d)){0,40}?\b(?:нефт|газ[аеуо]?\b|груз|конденсат)")


def exporter_share(text: str, start: int, figure: int) -> str | None:
    """``share:<country>`` when the sentence of a volume at ``figure`` (from ``start``) opens
    with a country (or has it right after a dateline's dash) whose export or transit of a
    cargo it names before the figure: "АСТАНА, 25 ноя (Рейтер) - Казахстан думает об
    увеличении экспорта нефти по нефтепроводу Баку-Тбилиси-Джейхан (БТД) до 20 миллионов тонн
    в год с 1,5 миллионов тонн в 2024 году" (held330) are Kazakhstan's oil through the
    pipeline, not all it carries; or whose verb of export stands right before the figure and a
    cargo right after it ("Казахстан может начать со следующего года экспортировать 1,5
    миллиона тонн нефти в год через нефтепровод", held493); else None."""
    exports = may_search(_COUNTRY_EXPORT, text, start, figure)
    verb = may_search(_COUNTRY_EXPORTS_FIGURE, text, start, figure)
    if not exports and not verb:
        return None
    opening = _SUBJECT_OPENS.match(text, start, figure)
    dash = _DATELINE_DASH.search(text, start, min(figure, start + _DATELINE_REACH))
    for at in (opening.end() if opening else None, dash.end() if dash else None):
        found = _COUNTRY_EXPORT.match(text, at, figure) if at is not None and exports else None
        if found is None and at is not None and verb and _CARGO_AFTER.match(text, figure):
            found = _COUNTRY_EXPORTS_FIGURE.match(text, at, figure)
        country = country_code(found[1]) if found else None
        if country:
            return f"share:{country}"
    return None


#: How far into its sentence (characters) a dateline's dash before a country may stand.
_DATELINE_REACH = 60
_SUBJECT_OPENS = re.compile(r"\s*")
_DATELINE_DASH = re.compile(r"\)\s*[-–—]\s*")


#: Words that make a volume a part of another (by lemma): "доля экспорта из Казахстана".
PART_WORDS = {"доля"}


# A direction, from one place to another: "объем поставок из Китая в Европу".
_DIRECTION = re.compile(r"\bиз\s+[А-ЯЁ][а-яё]+\s+(?:в|во|до)\s+[А-ЯЁ][а-яё]+")


# A share "of the total volume": "74,9% совокупного объема", "от общего объема".
_OF_TOTAL = re.compile(r"\s*(?:от\s+)?(?:совокупного|общего|всего)\s+объ[её]ма", re.IGNORECASE)


# A share in brackets after a count, its clause naming where they went: "16 526 пассажиров
# (82,8 процента) совершили поездку в Туркменистан, 3439 пассажиров (17,2 процента) – в
# Казахстан" (held388).
_TO_COUNTRY = re.compile(r"\bв(?:о)?\s+([А-ЯЁ][а-яё]+)")
_CLAUSE_STOP = re.compile(r"[,;.!?(]")


def bracketed_destination(text: str, figure_end: int, end: int) -> str | None:
    """``share:<country code>`` for a percent in brackets (ending at ``figure_end``) whose
    clause after it, before ``end``, names the country its count went to ("(82,8 процента)
    совершили поездку в Туркменистан", "(17,2 процента) – в Казахстан"); else None."""
    closes = _BRACKET_CLOSES.match(text, figure_end, end)
    if closes is None:
        return None
    stop = _CLAUSE_STOP.search(text, closes.end(), end)
    country = _country_of(_TO_COUNTRY, text, closes.end(), stop.start() if stop else end)
    return f"share:{country}" if country else None


#: Nouns of a kind of cargo by its direction, by lemma: "Транзит составляет 81% от общего
#: объема перевозок" is the transit share.
SHARE_NOUNS = {"транзит": "transit"}


def shipper_share(text: str, start: int, figure: tuple[int, int]) -> str | None:
    """``share:<country>`` for a percent of the total volume (``figure``, its sentence from
    ``start``) that a country named before it carried: "Азербайджан прокачал по БТД 74,9%
    совокупного объема" is Azerbaijan's share of the pipeline's oil; ``share:transit`` when
    transit is said before it ("Транзит составляет 81% от общего объема перевозок грузов",
    held390); else None."""
    if not _OF_TOTAL.match(text, figure[1]):
        return None
    for token in words(text, start, figure[0]):
        said = lemmas(token.text)
        country = _first_named(COUNTRIES, said)
        if country:
            return f"share:{country}"
        kind = _first_named(SHARE_NOUNS, said)
        if kind:
            return f"share:{kind}"
    return None


# A percent in brackets right after a name: "Участниками АЧГ являются: BP (30,37%), SOCAR
# (31,65%), "MOL Group" (9,57%)" are the owners' stakes.
_NAME_BEFORE_BRACKET = re.compile(r"(?:\b[A-ZА-ЯЁ][\w&.-]*|[\"»”])\s*\(\s*\Z")
# The bracket may name what the stake is of: "British Petroleum (30.1% капитала)" (held269).
# An editor's mark may close it: "компания, в которой долю имеют США (74% – ред.) и Армения
# (26% – ред.)" (held453).
_STAKE_BRACKET_CLOSES = re.compile(
    r"\s*(?:(?:капитал|акци)[а-яё]*\s*)?(?:[-–—]\s*ред\.?\s*)?\)"
)
#: How far before its figure (characters) the name and the bracket may stand.
_STAKE_REACH = 40
# A share of a company's capital or shares right after the percent, in brackets or not: "BP,
# которая владеет 30% капитала этой второй по протяженности в мире нефтяной трассы" (held478)
# is the owner's stake, no figure of the pipeline.
_OF_CAPITAL_AFTER = re.compile(r"\s+(?:уставного\s+)?(?:капитал|акци)[а-яё]*\b")


def stake_scope(text: str, start: int, figure: tuple[int, int]) -> str | None:
    """``actor:owner`` for a percent in brackets right after a name (``figure``, its clause
    from ``start``) or followed by the capital or shares it is of: "BP (30,37%)", "владеет 30%
    капитала" are an owner's stake, no figure of the project; else None."""
    if _OF_CAPITAL_AFTER.match(text, figure[1]):
        return f"{ACTOR}owner"  # "ВР, которая владеет 30% капитала этой … трассы" (held478)
    if not _STAKE_BRACKET_CLOSES.match(text, figure[1]):
        return None
    before = max(start, figure[0] - _STAKE_REACH)
    return f"{ACTOR}owner" if _NAME_BEFORE_BRACKET.search(text, before, figure[0]) else None


# A percent right after a dash after a company's name in Latin letters (its bracket, if any,
# between), in a sentence that says it lists stakes: "Долевое участие в проекте теперь выглядит
# следующим образом: BP (оператор) — 30,37%, AzACG (SOCAR) — 25%, MOL — 9,57%" (held788) are
# the owners' stakes, as "BP (30,1%)" is (held98).
_NAME_AND_DASH_BEFORE = re.compile(
    r"\b[A-Z][\w&.-]*(?:\s*\([^()]{1,30}\))?\s*[—–-]\s*\Z"
)
_STAKES_SAID = re.compile(r"\b(?:дол[еия]|долев|акционер|владе)[а-яё]*", re.IGNORECASE)


def listed_stake(text: str, sentence: int, figure: tuple[int, int]) -> str | None:
    """``actor:owner`` for a percent (``figure``, its sentence from ``sentence``) right after a
    dash after a name in Latin letters, in a sentence that names stakes ("Долевое участие …: BP
    (оператор) — 30,37%"); else None."""
    before = max(sentence, figure[0] - _STAKE_REACH)
    if not _NAME_AND_DASH_BEFORE.search(text, before, figure[0]):
        return None
    return f"{ACTOR}owner" if _STAKES_SAID.search(text, sentence, figure[0]) else None


# A sum right after "за" in a sentence that sells or buys stakes or shares is the stake's price,
# a figure of its owners, no cost of the project: "продали свои неоперационные доли в … нефтепроводе
# Баку — Тбилиси — Джейхан (БТД) … венгерской MOL за $1,57 млрд" (held788).
_PRICE_AFTER = re.compile(r"\bза\s*\Z", re.IGNORECASE)
_STAKE_SOLD = re.compile(r"\b(?:прода|покуп|купи|купл|приобре|выкуп)[а-яё]*", re.IGNORECASE)
_STAKE_NOUN = re.compile(r"\b(?:дол(?:[еияю]|ей|ям|ями|ях)\b|акци[йияюе]|пакет)", re.IGNORECASE)


def stake_price(text: str, sentence: int, figure: int) -> str | None:
    """``actor:owner`` for a sum right after "за" (``figure`` its start, its sentence from
    ``sentence``) in a sentence that sells or buys stakes or shares ("продали … доли … за
    $1,57 млрд"); else None."""
    if not _PRICE_AFTER.search(text, max(sentence, figure - 6), figure):
        return None
    said = _STAKE_SOLD.search(text, sentence, figure) and _STAKE_NOUN.search(text, sentence, figure)
    return f"{ACTOR}owner" if said else None


# Countries as the ones who ship, right before a verb of shipping: "Казахстан и Туркменистан
# успели прокачать через БТД 308 тысяч тонн нефти".
_SHIPPERS = re.compile(
    r"\b([А-ЯЁ][а-яё]+(?:\s*(?:,|и)\s*[А-ЯЁ][а-яё]+)*)\s+(?:[а-яё]+\s+)?"
    r"(?:прокача|транспортирова|экспортирова|отгрузи|отгружа|поставил|поставля)[а-яё]*\b"
)


_CAPITALISED = re.compile(r"[А-ЯЁ][а-яё]+")


def shippers_share(text: str, start: int, figure: tuple[int, int]) -> str | None:
    """``share:<who>`` for a volume of cargo (``figure``: a cargo word right after it) that
    the countries named right before a verb of shipping in ``text[start:figure[0]]`` (its
    clause before it) shipped: one country's share, several countries' transit ("Казахстан и
    Туркменистан успели прокачать через БТД 308 тысяч тонн нефти"); else None."""
    after = words(text, figure[1], figure[1] + 20)[:1]
    if not after or not lemmas(after[0].text) & CARGO:
        return None
    shippers = list(_SHIPPERS.finditer(text, start, figure[0]))
    if not shippers:
        return None
    names = _CAPITALISED.findall(shippers[-1][1])
    origins = [country_code(name) for name in names]
    found = [origin for origin in origins if origin]
    return _share_of(found) if found and len(found) == len(names) else None


#: Companies that ship their own cargo through a pipeline, by the words that name them (lower
#: case): a volume such a company shipped is its share, not the pipeline's total.
SHIPPER_COMPANIES = {"socar": "SOCAR", "гнкар": "SOCAR", "госнефтекомпания": "SOCAR",
                     "aioc": "AIOC", "амок": "AIOC"}  # fmt: skip
# A verb of shipping: "экспортировала", "прокачала", "транспортировала".
_SHIPPED = re.compile(
    r"\b(?:прокача|транспортирова|экспортирова|отгрузи|отгружа)[а-яё]*\b", re.IGNORECASE
)
#: How far before its figure (characters) the company and its verb may stand.
_COMPANY_REACH = 300
#: Words that name a company as the source of a report, not the shipper: "со ссылкой на
#: сообщение SOCAR", "по данным SOCAR" (the figures it reports may be anyone's oil).
REPORT_SOURCE = {"ссылка", "сообщение", "данные"}
#: How many words before the company such a word may stand.
_SOURCE_REACH = 2


def company_share(text: str, start: int, figure: int) -> str | None:
    """``share:<company>`` for a volume (at ``figure``, its sentence from ``start``) that a
    shipping company named right before a verb of shipping shipped: "Госнефтекомпания
    Азербайджана (SOCAR) экспортировала по трубопроводу Баку-Тбилиси-Джейхан (BTC) 18,552 млн.
    т" is SOCAR's oil, not the pipeline's total; "… компания (АМОК, …) экспортировала …, в том
    числе … по нефтепроводу Баку-Тбилиси-Джейхан - 10 млн 716,4 тыс. тонн", AIOC's. A company
    named as the report's source ("со ссылкой на сообщение SOCAR, … по BTC было
    транспортировано 154 тыс. 308 тонн туркменской нефти") shipped nothing. Else None."""
    before = max(start, figure - _COMPANY_REACH)
    verb = next(_SHIPPED.finditer(text, before, figure), None)
    if verb is None:
        return None
    tokens = words(text, before, verb.start())
    for index in reversed(range(len(tokens))):
        who = SHIPPER_COMPANIES.get(tokens[index].text.lower())
        source = tokens[max(0, index - _SOURCE_REACH) : index]
        if who and not any(lemmas(token.text) & REPORT_SOURCE for token in source):
            return f"share:{who}"
    return None


def country_code(name: str) -> str | None:
    """The ISO code of the country ``name`` is a form of, else None."""
    return _first_named(COUNTRIES, lemmas(name))


#: Nouns of the place oil or gas is produced at.
FIELDS = {"месторождение"}


def _field_origin(tokens: Sequence[frozenset[str]]) -> str | None:
    """``share:<country code>`` when the words right after a volume (their lemma sets
    ``tokens``) say it comes from a country's field ("порядка 1,5 млн тонн с казахстанского
    нефтяного месторождения Тенгиз", held349), else None."""
    if len(tokens) < 3 or not tokens[0] & {"с", "из"}:
        return None
    if not any(token & FIELDS for token in tokens[2:4]):
        return None
    country = _first_named(COUNTRIES, tokens[1])
    return f"share:{country}" if country else None


#: Adjectives of a cargo's direction of trade, by lemma.
DIRECTIONS = {"импортный": "import", "экспортный": "export", "транзитный": "transit"}
#: How many words after a figure a list's cargo word may stand.
_LIST_REACH = 10


def elided_direction(text: str, figure_end: int, ceiling: int) -> str | None:
    """``share:<direction>`` when an adjective of direction (:data:`DIRECTIONS`) right after a
    volume stands alone, its cargo named once at the list's end: "369 TEU импортных, 397 TEU
    экспортных и 10 318 TEU транзитных грузов" (held390); else None. The volume ends at
    ``figure_end``, its clause at ``ceiling``."""
    following = words(text, figure_end, ceiling)[:_LIST_REACH]
    if len(following) < 2:
        return None
    direction = _first_named(DIRECTIONS, lemmas(following[0].text))
    if direction is None:
        return None
    after, between = following[1].text, text[following[0].end : following[1].start]
    alone = after[0].isdigit() or after in _AND or "," in between
    if not alone or not any(lemmas(word.text) & CARGO for word in following[2:]):
        return None
    return f"share:{direction}"


def origin_after(text: str, figure_end: int, ceiling: int) -> str | None:
    """``share:<who>`` when the cargo word right after a volume is followed by the countries
    it comes from ("242 тысячи тонн нефти Казахстана и Туркменистана"), or has an adjective
    of origin right before it ("196,4 тыс. тонн туркменской нефти"), else None; the volume
    ends at ``figure_end``, its clause at ``ceiling``."""
    found = words(text, figure_end, ceiling)[:6]
    tokens = [lemmas(token.text) for token in found]
    field = _field_origin(tokens)
    if field:
        return field
    cargo = next((index for index in range(1, min(_ORIGIN_WORDS + 1, len(tokens)))
                  if tokens[index] & CARGO), None)  # fmt: skip
    if cargo and not tokens[0] & CARGO:
        return _origin_before(tokens, cargo, _plain_before(text, found, cargo))
    if not tokens or not tokens[0] & CARGO:
        return None
    # the countries after "из" too: "около 4,2 млн тонн (нефти из Туркменистана)" (held409)
    origins = _origins_after(tokens[2:] if len(tokens) > 1 and "из" in tokens[1] else tokens[1:])
    return _share_of(origins) if origins else None


def origin_within(text: str, start: int, end: int) -> str | None:
    """``share:<who>`` when the figure ``text[start:end]``, read over its cargo to a word of
    rate after it, holds an adjective of origin right before its cargo word ("1,5 миллиона
    тонн казахстанской нефти ежегодно", held442), as :func:`origin_after` reads one after a
    figure; else None."""
    found = words(text, start, end)
    tokens = [lemmas(token.text) for token in found]
    cargo = next((index for index, lemma_set in enumerate(tokens) if lemma_set & CARGO), None)
    return _origin_before(tokens, cargo, _plain_before(text, found, cargo)) if cargo else None


def _plain_before(text: str, found: Sequence[Word], index: int) -> bool:
    """Whether the word before ``found[index]`` (words of ``text``) is not closed by a bracket
    ("транзитной туркменской нефти", not "транзитной (туркменской) нефти")."""
    return index > 0 and ")" not in text[found[index - 1].end : found[index].start]


#: Words between a cargo word and the countries it comes from: "нефть, добытая в
#: Азербайджане", "нефть из Туркменистана и Казахстана".
_FROM = {"в", "из", "добыть", "добывать", "произвести", "производить"}
# What a volume is said to be, after it: a dash ("3 млн 707,6 тыс. тонн – транзитная нефть")
# or "составить" in its clause ("21 млн 199,8 тыс. тонн нефти, транспортированной по
# трубопроводу БТД, составила нефть, добытая в Азербайджане"), or a part of a total said to
# fall to one ("Из общего объема 1,539 млн тонн пришлись на транзитную нефть").
_SAID_TO_BE = re.compile(
    r"\s*[-–—]|[^.;]*?\bсостав(?:ил|ля)[а-я]*|\s*(?:приход|пришл)[а-я]*\s+на\b",
    re.IGNORECASE,
)


def _cargo_origin(tokens: Sequence[frozenset[str] | set[str]], index: int) -> str | None:
    """The share of the cargo word at ``tokens[index]`` (lemma sets of a clause's words): an
    adjective of origin right before it, or the countries after it, across a participle and
    a preposition ("нефть, добытая в Азербайджане"); else None."""
    before = _origin_before(tokens, index)
    if before:
        return before
    following = tokens[index + 1 :]
    skipped = 0
    while skipped < min(2, len(following)) and following[skipped] & _FROM:
        skipped += 1
    origins = _origins_after(following[skipped:])
    return _share_of(origins) if origins else None


def share_said_after(text: str, figure_end: int, ceiling: int) -> str | None:
    """``share:<who>`` when the volume ending at ``figure_end`` is said to be (a dash,
    "составила", before ``ceiling``) a cargo of one origin: "85,1% или 21 млн 199,8 тыс. тонн
    нефти … составила нефть, добытая в Азербайджане" is Azerbaijan's oil; so is a percent said
    to fall to the share of one ("86 процентов приходится на долю транзитных грузов",
    held388: transit); else None."""
    said = _SAID_TO_BE.match(text, figure_end, ceiling)
    if not said:
        return None
    tokens = [lemmas(token.text) for token in words(text, said.end(), ceiling)[:8]]
    if tokens and tokens[0] & PART_WORDS:
        tokens = tokens[1:]  # "на долю транзитных грузов": the share of the cargo
    cargo = next((index for index in range(min(2, len(tokens))) if tokens[index] & CARGO), None)
    if cargo is not None:
        return _cargo_origin(tokens, cargo)
    # the cargo after its kinds, from one country: "38-40% грузов составляют импортные и
    # транзитные грузы из Китая" (held386) is China's share, whatever its kinds
    for index in range(min(_ORIGIN_WORDS + 2, len(tokens) - 2)):
        if tokens[index] & CARGO and "из" in tokens[index + 1]:
            country = _first_named(COUNTRIES, tokens[index + 2])
            return f"share:{country}" if country else None
    return None


#: Verbs of a cargo coming from somewhere, by lemma: "грузов, поступающих в порт Баку, идут из
#: Китая".
_COMES = {"идти", "поступать", "поступить", "приходить", "прийти", "прибывать", "прибыть"}
#: How many words after a percent its cargo word may stand: "около 40% контейнерных грузов".
_CARGO_REACH = 2
#: How many words after a percent its verb of coming may stand, across a participle's clause.
_COMES_REACH = 12


def cargo_coming_from(text: str, figure_end: int, end: int) -> str | None:
    """``share:<country code>`` for a percent ending at ``figure_end`` of a cargo (a cargo word
    within :data:`_CARGO_REACH` words after it) that its sentence (to ``end``) says comes
    ("идут", "поступают") from one country, with no destination after it: "около 40%
    контейнерных грузов, поступающих в порт Баку, идут из Китая" (held616) is China's share of
    the port's containers; else None."""
    tokens = [lemmas(token.text) for token in words(text, figure_end, end)[:_COMES_REACH]]
    if not any(token & CARGO for token in tokens[:_CARGO_REACH]):
        return None
    for index, token in enumerate(tokens[:-2]):
        if token & _COMES and tokens[index + 1] & _OUT_OF:
            return _origin_out_of(tokens, index + 1)
    return None


# A change of a share named by its adjective alone, the cargo left out: "объем азербайджанской
# нефти … сократился на 3,4%, транзитной - на 24,2%".
_ELLIPTIC_SHARE = re.compile(r"([а-яё]+)\s*[-–—]?\s*на\s*\Z", re.IGNORECASE)


def changed_share(text: str, start: int, figure: int) -> str | None:
    """``share:<who>`` for a change at ``figure`` (its sentence from ``start``) of a share's
    volume: the adjective of origin its own clause opens with ("транзитной - на 24,2%"), else
    the share of a cargo its sentence names before it (:func:`share_scope`: "объем
    азербайджанской нефти … сократился на 3,4%"); else None."""
    cut = max(text.rfind(", ", start, figure), text.rfind("; ", start, figure))
    elliptic = _ELLIPTIC_SHARE.fullmatch(text, cut + 2, figure) if cut >= 0 else None
    if elliptic:
        for lemma in sorted(lemmas(elliptic[1])):
            who = COUNTRIES.get(lemma) or SHARE_WORDS.get(lemma)
            if who:
                return f"share:{who}"
    return share_scope(text, start, figure)


# A stage number in digits with its ordinal ending: "1-ой очереди", "2-го этапа".
_ORDINAL_DIGITS = re.compile(r"(?<!\d)(\d{1,2})\s*-\s*?[а-яё]{1,3}\s+\Z")


# A stage number in Roman numerals right before the stage word: "На I этап дноуглубительных
# работ" (held353).
_ROMAN_ORDINAL = re.compile(r"(?<!\w)(I{1,3}|IV|V)\s+\Z")
#: Roman numerals of stage numbers.
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _stages(text: str, start: int, end: int) -> list[int]:
    """The stage numbers ``text[start:end]`` names, in order."""
    said = range_lemmas(text, start, end)
    if PILOT not in said and not said & STAGE_WORDS:
        return []  # no stage word (most ranges): not read word by word
    spans = words(text, start, end)
    tokens = [lemmas(token.text) for token in spans]
    found = []
    for index, lemma_set in enumerate(tokens):
        if PILOT in lemma_set:
            following = spans[index + 1].text if index + 1 < len(spans) else None
            if _pilot_stage(lemma_set, following):
                found.append(1)
        elif lemma_set & STAGE_WORDS:
            near = tokens[max(0, index - 2) : index]
            number = _stage_number(text, start, spans[index].start, near)
            if number is not None:
                found.append(number)
    return found


def _stage_number(
    text: str, start: int, word_start: int, near: Sequence[frozenset[str]]
) -> int | None:
    """The number of the stage word at ``word_start`` (its range from ``start``): its ordinal
    in digits right before it, else that of the two words before it (their lemmas, ``near``)."""
    written = _ORDINAL_DIGITS.search(text, max(start, word_start - 12), word_start)
    if written:
        return int(written[1])
    roman = _ROMAN_ORDINAL.search(text, max(start, word_start - 6), word_start)
    if roman:
        return ROMAN[roman[1]]
    for lemma_set in near:
        number = next((ORDINALS[lemma] for lemma in lemma_set if lemma in ORDINALS), None)
        if number:
            return number
    return None


# An ordinal whose stage word is left out, then a dash, right before a figure: "На первом этапе
# … составит пять миллионов тонн, на втором - десять миллионов тонн".
_ELIDED_ORDINAL = re.compile(r"\b(?:на|в)\s+([^\W\d_]+)\s*[-–—]\s*\Z", re.IGNORECASE)
#: How far before a figure an elided ordinal and its dash may start.
_ELIDED_REACH = 24


def _elided_stage(text: str, sentence: tuple[int, int], figure: int) -> str | None:
    """``stage:<n>`` when an ordinal with its stage word left out and a dash stand right
    before the figure at ``figure`` in a sentence that names a stage (the word the ordinal
    leaves out), else None."""
    elided = _ELIDED_ORDINAL.search(text, max(sentence[0], figure - _ELIDED_REACH), figure)
    if elided is None:
        return None
    numbers = [ORDINALS[lemma] for lemma in lemmas(elided[1]) if lemma in ORDINALS]
    if not numbers or not _sentence_stages(text, *sentence):
        return None
    return f"stage:{numbers[0]}"


# What comes after a stage, right before a figure: "На первом этапе … 5 млн. тонн грузов, а в
# последующем - до 17 млн" (held280): the next stage's figure.
_LATER_BEFORE = re.compile(
    r"\b(?:в\s+последующем|в\s+дальнейшем|впоследствии)\s*[-–—]?\s*(?:до\s+)?\Z", re.IGNORECASE
)
#: How far before a figure its word of what comes later may start.
_LATER_REACH = 24


def _later_stage(text: str, sentence: tuple[int, int], figure: int) -> str | None:
    """``stage:<n+1>`` for a figure right after "в последующем", "в дальнейшем" in a sentence
    that names one stage, the ``n``-th, before it; else None."""
    if _LATER_BEFORE.search(text, max(sentence[0], figure - _LATER_REACH), figure) is None:
        return None
    stages = set(_stages(text, sentence[0], figure))
    return f"stage:{stages.pop() + 1}" if len(stages) == 1 else None


def stage_scope(
    text: str, clause_span: tuple[int, int], sentence: tuple[int, int], figure: int | None = None
) -> str | None:
    """``stage:<n>`` named in the figure's clause, else the one stage its sentence names; of
    a clause that names several, the one stage named in the figure's own part of it before
    the figure (at ``figure``), after the last comma: "На первом этапе … 6,5 миллиона тонн
    грузов, на втором этапе объем грузоперевозок может достигнуть 17 миллионов тонн"."""
    if figure is not None:
        elided = _elided_stage(text, sentence, figure) or _later_stage(text, sentence, figure)
        if elided is not None:
            return elided
    stages = _stages(text, *clause_span) or _sentence_stages(text, *sentence)
    if len(set(stages)) > 1 and figure is not None:
        floor = clause_span[0]
        cut = max(text.rfind(", ", floor, figure), text.rfind("; ", floor, figure))
        stages = _stages(text, max(cut, floor), figure)
    return f"stage:{stages[0]}" if len(set(stages)) == 1 else None


def first_before_a_later(text: str) -> str | None:
    """``stage:1`` for a completion deadline that names no stage in an article ``text`` that
    names a later stage of the work ("к середине текущего года магистраль Баку-Тбилиси-Карс
    будет сдана в эксплуатацию. … На втором этапе мы планируем продлить магистраль до
    Нахчывана": the commissioning before the second stage is the first's), else None."""
    return "stage:1" if any(stage > 1 for stage in _text_stages(text)) else None


@per_text(maxsize=4)
def _text_stages(text: str) -> list[int]:
    """The stage numbers of the whole of ``text`` (:func:`_stages`), found once per text: a
    long text's stage words are looked up among its distinct words and only they are read
    (asked of every deadline, the whole text read again each time was quadratic)."""
    whole = text_words(text)
    if whole is None:
        return _stages(text, 0, len(text))
    found = []
    for index in words_meeting(text, frozenset({PILOT, *STAGE_WORDS})):
        if PILOT in lemmas(whole.texts[index]):
            following = whole.texts[index + 1] if index + 1 < len(whole.texts) else None
            if _pilot_stage(lemmas(whole.texts[index]), following):
                found.append(1)
            continue
        near = [lemmas(word) for word in whole.texts[max(0, index - 2) : index]]
        number = _stage_number(text, 0, whole.starts[index], near)
        if number is not None:
            found.append(number)
    return found


@per_text(maxsize=16)
def _sentence_stages(text: str, start: int, end: int) -> tuple[int, ...]:
    """The distinct stage numbers a sentence names, in order of number: read once per
    sentence, not once per figure of it (a sentence of many figures read its whole text
    for each: quadratic)."""
    return tuple(sorted(set(_stages(text, start, end))))


# The word right after a share of work done: "84% проектных и 67% строительно-монтажных работ".
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


def work_after(text: str, figure_end: int) -> str | None:
    """``design`` or ``construction`` when the work word (:data:`WORK`) stands right after a
    share of work done ending at ``figure_end`` ("84% проектных … работ"): it names the work
    before any other before the figure; else None."""
    after = _WORD_AFTER.match(text, figure_end)
    found = lemmas(after[1]) if after else frozenset()
    return _first_named(WORK, found)


# Readiness right after a share, the share made an adjective or not: "говорили о его 99%-ной
# готовности, а глава ГНКАР уверял, что азербайджанский отрезок БТД будет сдан в январе"
# (held620): the progress of the whole's construction, not of the section named after it.
_READINESS_AFTER = re.compile(r"(?:[-–][а-яё]{2,4})?\s+готовност(?:ь|и|ью)\b")


def readiness_after(text: str, figure_end: int) -> str | None:
    """``construction`` when "готовность" follows a share ending at ``figure_end`` right away
    ("99%-ной готовности"), else None."""
    return "construction" if _READINESS_AFTER.match(text, figure_end) else None


#: How far before a length (characters) its word of laying may stand: "уложено 75,6 км
#: главного пути и 87 км с боковыми ветками" (bounded: a sentence of thousands of figures is
#: not read again for each).
LAID_REACH = 120


def laid_scope(text: str, start: int, figure: int) -> str | None:
    """``construction`` when a word of laying (:data:`LAID`, or "проложено": laid already)
    stands in ``text[start:figure]`` (a length's sentence before it), at most
    :data:`LAID_REACH` characters before it, or works done "на расстоянии" of the figure
    ("работы завершены на расстоянии 2,2 километра"), else None."""
    floor = max(start, figure - LAID_REACH)
    laid = any(lemmas(token.text) & LAID for token in words(text, floor, figure))
    done = _LAID_DONE.search(text, floor, figure) or _WORKS_OVER.search(text, floor, figure)
    return "construction" if laid or done else None


#: How far after a length (characters, within its clause) its work may be named: "свыше 580 км
#: труб уложены", "почти 760 км строительного коридора" (held268): work done, in km.
LAID_AFTER_REACH = 40
_CLAUSE_END = re.compile(r"[,;.:]")


def laid_after(text: str, figure_end: int, end: int) -> bool:
    """Whether a word of laying (:data:`LAID`) or of building ("строительный") stands after a
    length ending at ``figure_end``, in its clause and at most :data:`LAID_AFTER_REACH`
    characters on (``end``: its sentence's end)."""
    stop = min(end, figure_end + LAID_AFTER_REACH)
    cut = _CLAUSE_END.search(text, figure_end, stop)
    stop = cut.start() if cut else stop
    return any(lemmas(token.text) & (LAID | {"строительный"})
               for token in words(text, figure_end, stop))  # fmt: skip


# A share the whole project is done to: "проект выполнен на 56%" (held268), works built.
_DONE_TO = re.compile(r"\bвыполнен[аоы]?\s+на\s*\Z", re.IGNORECASE)


def done_to(text: str, start: int, figure: int) -> bool:
    """Whether ``text[start:figure]`` (a share's clause before it) ends with "выполнен на"."""
    return _DONE_TO.search(text, max(start, figure - 20), figure) is not None


#: Words of generating power (by lemma): a power in a clause that names one is the capacity of
#: plants, a country's or a company's, no line's or cable's ("страна планирует увеличить
#: установленную мощность генерации до 26 ГВт"; "мы доведем общую мощность энергии, получаемой
#: из возобновляемых источников, до более чем 4 ГВт": what renewable plants make; pymorphy3
#: gives "возобновляемых" the lemma of its verb).
GENERATION = {"генерация", "генерировать", "электростанция", "возобновлять"}
#: A generating capacity: no project's figure.
OF_GENERATION = f"{ACTOR}generation"


def generation_scope(text: str, start: int, figure: int) -> str | None:
    """:data:`OF_GENERATION` when a word of generating power (:data:`GENERATION`) stands in
    a power's clause before it (``text[start:figure]``); else None."""
    found = any(lemmas(token.text) & GENERATION for token in words(text, start, figure))
    return OF_GENERATION if found else None


# A demonstrative amount that refers back to the figure of the sentence before: "К 2030 году
# этот объем превысит 20 ГВт".
_THIS_AMOUNT = re.compile(r"\b(?:[Ээ]тот|[Дд]анный)\s+(?:объ[её]м|показатель)\b")


def generation_referred(
    text: str, start: int, figure: int, previous: tuple[int, int] | None
) -> str | None:
    """:data:`OF_GENERATION` when a power's clause before it (``text[start:figure]``) refers
    back by "этот объем" to the sentence before (``previous``) when that one names
    generating power ("мы доведем общую мощность энергии, получаемой из возобновляемых
    источников, до более чем 4 ГВт. К 2030 году этот объем превысит 20 ГВт"); else None."""
    if previous is None or not _THIS_AMOUNT.search(text, start, figure):
        return None
    return generation_scope(text, *previous)


#: Nouns of people (by lemma): a share of them is no project's figure.
PEOPLE = {"рабочий", "работник", "сотрудник", "персонал", "специалист", "житель", "гражданин",
          "население", "человек"}  # fmt: skip
# The two words right after a share: "70% наемных рабочих".
_TWO_WORDS_AFTER = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
#: A share of people ("по контракту, 70% наемных рабочих должны составлять граждане Грузии").
OF_PEOPLE = f"{ACTOR}people"


def people_after(text: str, figure_end: int) -> str | None:
    """:data:`OF_PEOPLE` when a noun of people (:data:`PEOPLE`) is one of the two words right
    after a share ending at ``figure_end`` ("70% наемных рабочих должны составлять граждане
    Грузии": a share of the workforce, not of the line); else None."""
    after = _TWO_WORDS_AFTER.match(text, figure_end)
    found = [lemmas(word) for word in after.groups() if word] if after else []
    return OF_PEOPLE if any(lemma_set & PEOPLE for lemma_set in found) else None


def of_works(text: str, figure_end: int) -> bool:
    """Whether "работ" stands right after a share ending at ``figure_end`` ("почти 90
    процентов работ на новой железнодорожной линии"): a share of the works done."""
    after = _WORD_AFTER.match(text, figure_end)
    return after is not None and "работа" in lemmas(after[1])


# A country named as the place of the works, "в" or "на" right before its name: "В Грузии
# проделано 70-80 % работы" (held290).
_IN_A_PLACE = re.compile(r"\b(?:в|во|на)\s+([А-ЯЁ][а-яё]+)", re.IGNORECASE)


def works_in_country(text: str, start: int, figure: int, figure_end: int) -> str | None:
    """``section:<country code>`` for a share of works done ("работ" right after it, ending at
    ``figure_end``) whose clause before it (``text[start:figure]``) names the country the
    works are done in ("В Грузии проделано 70-80 % работы", held290): that country's section's
    progress, as "60% работ на грузинской территории" (docs/news-annotation.md); else None."""
    if not of_works(text, figure_end):
        return None
    for match in _IN_A_PLACE.finditer(text, start, figure):
        country = country_code(match[1]) if match[1][0].isupper() else None
        if country:
            return f"section:{country}"
    return None


def progress_scope(text: str, start: int, figure: int) -> str | None:
    """``design`` or ``construction``: the work word nearest before a share of work done at
    ``figure`` (``text[start:figure]`` is its clause before it)."""
    for token in reversed(words(text, start, figure)):
        work = next((WORK[lemma] for lemma in lemmas(token.text) if lemma in WORK), None)
        if work:
            return work
    return None


# What a total counts besides the feature, in at most two words: "с учетом подъездных путей",
# and set against the feature's own figure: "составляет 194,1 км, а с подъездными путями - 264 км".
_ADDED = r"(?:с\s+уч[её]том|включая|вместе\s+с|\bа\s+с)\s+([а-яё]+(?:\s+[а-яё]+)?)"
#: The added words right after a figure ("140,6 км с учетом подъездных путей") ...
_INCLUDING_AFTER = re.compile(rf"\s*{_ADDED}", re.IGNORECASE)
#: ... or right before it, across a dash ("с учетом подъездных путей - 140,6 км") and the
#: preposition of an amount ("а с учетом сопутствующей инфраструктуры - в $600 млн.", held229).
_INCLUDING_BEFORE = re.compile(rf"{_ADDED}\s*[-–—:]?\s*(?:в\s+)?\Z", re.IGNORECASE)
#: How many runs of non-space characters a match of :data:`_INCLUDING_BEFORE` spans at most
#: ("с учетом сопутствующей инфраструктуры - в"): it is searched from the last so many before
#: the figure.
_INCLUDING_WORDS = 6


def including_scope(text: str, start: int, figure: tuple[int, int]) -> str | None:
    """``including:<lemmas>`` when the figure at ``figure`` (``text[start:figure[0]]`` is its
    clause before it) is a total that counts more than the feature ("с учетом подъездных
    путей"), else None. "включая 443 км …" names a part, not the total: the figure must stand
    after the added words."""
    added = _INCLUDING_AFTER.match(text, figure[1]) or _INCLUDING_BEFORE.search(
        text, last_words_start(text, start, figure[0], _INCLUDING_WORDS), figure[0]
    )
    if not added:
        return None
    return "including:" + " ".join(attributive_lemma(word.text) for word in words(added[1]))


#: Ways a route's length is split into by mode (land, sea, pipe, cable).
WAYS = {
    "дорога", "автодорога", "автотрасса", "трасса", "путь", "магистраль", "трубопровод",
    "кабель",
}  # fmt: skip
#: How many words after a length its way may stand ("километров железных дорог").
WAY_REACH = 2


def way_after(text: str, figure_end: int, ceiling: int) -> str | None:
    """The way (:data:`WAYS`, by its most likely lemma) named among the :data:`WAY_REACH`
    words right after a length ending at ``figure_end``, before ``ceiling``, else None."""
    for word in words(text, figure_end, ceiling)[:WAY_REACH]:
        lemma = best_lemma(word.text)
        if lemma in WAYS:
            return lemma
    return None
