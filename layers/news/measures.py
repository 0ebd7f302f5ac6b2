"""What a figure measures: a yearly rate, a share of work done, the part of a feature it is
about (:mod:`.scopes`), and the feature a section through a named place belongs to.

These are read from the figure's clause and sentence once its quantity is known
(:mod:`.quantities`) and before it is linked and compared (:mod:`.claims`,
:mod:`.conflicts`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from caspian.layers.news import linking
from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.expression import Quantity
from caspian.layers.news.gazetteer import Gazetteer
from caspian.layers.news.scopes import (
    SECTION_WORDS,
    STRETCH,
    bank_financing,
    bracketed_country,
    bracketed_destination,
    capital_share,
    cargo_coming_from,
    company_share,
    component_scope,
    counted_stretch,
    counted_things_length,
    country_after,
    country_before_dash,
    created_component,
    done_to,
    elided_country_section,
    elided_direction,
    exporter_share,
    falls_on_country,
    figure_scope,
    first_before_a_later,
    funder_share,
    generation_referred,
    generation_scope,
    head_scope,
    including_scope,
    laid_after,
    laid_scope,
    lender_share,
    listed_country_part,
    listed_stake,
    named_stretch,
    names_section,
    of_works,
    ordinal_component,
    origin_after,
    origin_within,
    over_territory,
    paid_in_by,
    part_of_component,
    part_running,
    people_after,
    planner_share,
    progress_scope,
    projects_total,
    purpose_scope,
    readiness_after,
    referred_cargo_share,
    referred_component,
    same_volume_share,
    share_said_after,
    share_scope,
    shipper_share,
    shippers_share,
    speakers_share,
    spent_before,
    stage_scope,
    stake_price,
    stake_scope,
    through_country,
    way_after,
    work_after,
    work_component,
    works_in_country,
)
from caspian.layers.news.text import lemmas, range_lemmas, words
from caspian.layers.news.timing import COMPLETION, opens

#: The scope of a line's opening: the first stage of what is built on it later.
OPENING = "stage:1"

#: Kinds of a volume carried: counted for a year, and possibly one shipper's share.
FLOWS = ("mass", "containers")
#: Words that make a figure a yearly rate when they stand before it ("годовая мощность
#: составит 140 тысяч TEU", "ежегодную перевозку … 15 млн тонн").
YEARLY = {"годовой", "ежегодный"}
#: "в годовом выражении" compares with the year before (year-on-year), no rate per year:
#: "увеличился … в годовом выражении до 842.900 тонн".
_YEAR_ON_YEAR = re.compile(r"\bв\s+годовом\s+(?:выражении|исчислении|сопоставлении)", re.IGNORECASE)
#: Words of work done: "завершено на 68%" is a share of the work, not a growth.
DONE = {*COMPLETION, "выполнить", "готовность"}
#: Words of a change: "на 6,7% больше" is a growth, whatever else the sentence says.
CHANGE = {
    "больше", "меньше", "рост", "вырасти", "расти", "увеличиться", "увеличение", "снизиться",
    "снижение", "сократиться", "сокращение", "превысить", "прирост",
    # a plan to raise a volume by so much: "Казахстан готов увеличить прокачку нефти по БТД на
    # 46% в 2026 году" (held367, whose next sentence speaks of "выполнении плана")
    "увеличить", "нарастить",
}  # fmt: skip


#: Words right before a figure in km or m that make it another dimension than a length: "участков
#: общей шириной 60 метров" (a strip's width), "глубиной 2 км".
OTHER_DIMENSIONS = {"ширина", "глубина", "высота", "толщина", "диаметр", "радиус", "осадка"}
#: Verbs of deepening: a figure "на" so many metres in their clause is how much deeper, no
#: length ("Планируется углубить дно на полтора-два метра", held430, the Aktau port).
DEEPENING = {"углубить", "углублять", "углубление", "углубиться"}
#: How many words before the figure a dimension word may stand.
DIMENSION_REACH = 2
#: A distance per hour is a speed: "со скоростью до 160 километров в час".
_PER_HOUR = re.compile(r"\s*(?:в\s+час|/\s*ч)\b")
#: Verbs of rising: a length "до" which a thing rises is its height ("Пламя возвышалось до
#: 40-50 метров", held491), no line's length.
RISING = {"возвышаться", "подниматься", "подняться", "взметнуться"}
#: How far from a place a thing stands: "в 150 метрах от места взрыва" (held491), "на
#: расстоянии 2 км от": the figure in the prepositional case after "в", or after "на
#: расстоянии", and "от" right after it.
#: After a distance: "от" a place, or a direction from it ("в 55 км южнее Баку", held641).
_FROM_AFTER = re.compile(
    r"\s+(?:от\b|(?:юго-|северо-)?(?:южнее|севернее|западнее|восточнее)\b)", re.IGNORECASE
)
_DISTANCE_BEFORE = {"в", "расстояние"}


# A number joined by "и" or "или" right before a figure, the two of one measure: "ширина
# полос - 14 и 21 м" (held449), "ширина земляного полотна - 21,5 и 29,5 метра" (held94).
_JOINED_NUMBER = re.compile(r"(?<![\d,.])\d+(?:[.,]\d+)?\s+(?:и|или)\s+\Z", re.IGNORECASE)
# Where a clause before a figure opens: a comma or semicolon before a space (a comma between
# digits is a decimal one), a colon, an opening quotation mark.
_CLAUSE_OPENING = re.compile(r"[,;]\s|[:«]")
#: Conjunctions that may open a clause before its subject.
_JOINING = ("а", "и", "но")
#: How far before a joined number its clause's opening is looked for (characters).
_JOINED_REACH = 120


def _dimension_before(document: NewsDocument, start: int, before: int) -> bool:
    """Whether a dimension word (:data:`OTHER_DIMENSIONS`) stands among the few words before
    ``start`` (from ``before``), or is the subject of the clause (or of the quotation or the
    words after a colon) those words are in, its verb between: "объяснил погодными условиями:
    «Толщина снега местами достигает одного метра" (held610), a depth of snow."""
    near = words(document.text, before, start)[-DIMENSION_REACH:]
    if any(lemmas(word.text) & OTHER_DIMENSIONS for word in near):
        return True
    opened = max(document.text.rfind(":", before, start),
                 document.text.rfind("«", before, start))  # fmt: skip
    clause = words(document.text, opened + 1 if opened >= 0 else before, start)
    if clause and clause[0].text.lower() in _JOINING:
        clause = clause[1:]  # "…, а ширина земляного полотна - 21,5 и 29,5 метра" (held94)
    return len(clause) > DIMENSION_REACH and bool(lemmas(clause[0].text) & OTHER_DIMENSIONS)


def not_a_length(document: NewsDocument, item: Quantity, before: int) -> bool:
    """Whether a figure read as a length (``item``, its clause starting at ``before``) is a
    width, depth or height (:data:`OTHER_DIMENSIONS`, or "до" after a verb of :data:`RISING`),
    a distance from a place ("в 150 метрах от", "в 55 км южнее Баку"), how much deeper a
    verb of deepening makes a bottom (:data:`DEEPENING`), a speed, or a range of kilometre
    posts right after a section word: no claim of a length. A figure joined by "и" to a
    number right before it is the measure that number is ("ширина полос - 14 и 21 м")."""
    if item.kind != "length":
        return False
    if _PER_HOUR.match(document.text, item.end):
        return True
    near = words(document.text, before, item.start)[-DIMENSION_REACH:]
    if item.value_max is not None and near and lemmas(near[-1].text) & SECTION_WORDS:
        return True  # "на участке 75-106 км": where on the line (its chainage), no length
    if _dimension_before(document, item.start, before):
        return True
    joined = _JOINED_NUMBER.search(document.text, max(0, item.start - 30), item.start)
    if joined is not None:
        reach = max(0, joined.start() - _JOINED_REACH)
        openings = [edge.end() for edge in
                    _CLAUSE_OPENING.finditer(document.text, reach, joined.start())]  # fmt: skip
        if _dimension_before(document, joined.start(), openings[-1] if openings else reach):
            return True
    if len(near) == 2 and near[-1].text.lower() == "до" and lemmas(near[0].text) & RISING:
        return True  # "Пламя возвышалось до 40-50 метров": a height
    if near and lemmas(near[-1].text) & _DISTANCE_BEFORE and _FROM_AFTER.match(
        document.text, item.end
    ):
        return True  # "в 150 метрах от места взрыва", "в 55 км южнее Баку": a distance
    if near and near[-1].text.lower() == "на" and any(
        lemmas(word.text) & DEEPENING for word in words(document.text, before, item.start)
    ):
        return True
    return _added_to_a_dimension(document.text, item.end)


#: How far after a figure the words "к" and a dimension are looked for (a few words).
_ADDED_REACH = 40


def _added_to_a_dimension(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` is added to a width, depth or height: "к" right
    after it and a dimension word within the two words after that ("Это плюс полтора метра к
    текущей глубине", held221: a harbour's deepening, no length of the port)."""
    after = words(text, end, min(len(text), end + _ADDED_REACH))[: DIMENSION_REACH + 1]
    return (
        bool(after)
        and after[0].text.lower() == "к"
        and any(lemmas(word.text) & OTHER_DIMENSIONS for word in after[1:])
    )


def sentence_lemmas(document: NewsDocument, sentence: tuple[int, int]) -> frozenset[str]:
    """Every lemma of every word of ``sentence`` (a ``(start, end)`` range of the text)."""
    return range_lemmas(document.text, *sentence)


# After a volume, a second volume joined by "и" and its "в год", which is the first's too:
# "до 25 млн тонн грузов и 500 тыс. контейнеров в год"; or a part of it set off by commas,
# "в том числе", before the "в год": "15 миллионов тонн, в том числе 100 тысяч контейнеров, в
# год" (held217).
_JOINED_YEARLY = re.compile(
    r"(?:\s*(?:[^\W\d_]+\s+){0,2}?и|,\s*в\s+том\s+числе)"
    r"\s+(?:до\s+)?\d[\d\s,.]*(?:(?:тыс|млн|млрд)[^\W\d_]*\.?)?"
    r"(?:\s+[^\W\d_]+){0,2},?\s+в\s+год\b",
    re.IGNORECASE,
)


def measured(
    document: NewsDocument, item: Quantity, before: int, sentence_lemmas: frozenset[str]
) -> Quantity:
    """``item`` with what the words around it say of its measure: a yearly rate ("годовая
    мощность", or the "в год" of a second volume joined to it by "и"), a share of work done
    ("завершено на 68%": ``percent``, not ``growth``)."""
    per_unit = item.kind in ("mass", "containers") and item.unit and "/" not in item.unit
    if per_unit and (
        _yearly_before(document.text, before, item.start)
        or _JOINED_YEARLY.match(document.text, item.end)
    ):
        return dataclasses.replace(item, unit=f"{item.unit}/yr")
    done = sentence_lemmas & DONE and not sentence_lemmas & CHANGE
    if item.kind == "growth" and item.unit == "%" and done:
        return dataclasses.replace(item, kind="percent")
    if item.kind == "percent" and _CHANGE_AFTER.match(document.text, item.end):
        return dataclasses.replace(item, kind="growth")
    return item


# A change per year, right after its figure: "растет со скоростью 30−35% в год", and a change
# over one year: "выросли на 19% в годовом выражении", "год к году".
_PER_YEAR_AFTER = (
    r"\s*(?:в\s+год|ежегодно|в\s+годовом\s+(?:выражении|исчислении)|год\s+к\s+году)\b"
)
#: A percent that is a change, read from the words right after it: a comparative ("на
#: 11,157 млн баррелей или 6,07% меньше показателя", "12,7% меньше по сравнению") or a rate
#: per year.
_CHANGE_AFTER = re.compile(rf"\s*(?:больше|меньше|выше|ниже)\b|{_PER_YEAR_AFTER}", re.IGNORECASE)
_YEARLY_CHANGE = re.compile(_PER_YEAR_AFTER, re.IGNORECASE)


def yearly_change(text: str, item: Quantity) -> bool:
    """Whether ``item``, a change, is a rate per year ("30−35% в год"): its window is any one
    year, not the whole time since a base year ("с 2023 года … на 90 процентов")."""
    return item.kind == "growth" and _YEARLY_CHANGE.match(text, item.end) is not None


def _yearly_before(text: str, before: int, figure: int) -> bool:
    """Whether a word of :data:`YEARLY` stands in ``text[before:figure]``, not as part of a
    year-on-year comparison."""
    found = any(lemmas(word.text) & YEARLY for word in words(text, before, figure))
    return found and not _YEAR_ON_YEAR.search(text, before, figure)


def scope_of(
    document: NewsDocument,
    item: Quantity,
    span: tuple[int, int],
    sentence: tuple[int, int],
    project_named: bool = True,
) -> str | None:
    """The part of the feature ``item`` measures (:mod:`.scopes`), read from its clause;
    ``project_named``: whether its sentence names a project (see :func:`share_scope`)."""
    text = document.text
    if _PART_OF_IT.match(text, item.end, span[1]):
        # "245 км, 175 из которых пролегают по территории Грузии" (held230): the country
        # after is the part's, the figure before it the whole's
        span = (span[0], item.end)
    if item.kind == "percent":
        return (
            stake_scope(text, span[0], (item.start, item.end))
            or listed_stake(text, sentence[0], (item.start, item.end))
            or people_after(text, item.end)
            or work_after(text, item.end)
            or readiness_after(text, item.end)
            or progress_scope(text, sentence[0], item.start)
            or shipper_share(text, sentence[0], (item.start, item.end))
            or share_said_after(text, item.end, span[1])
            or cargo_coming_from(text, item.end, sentence[1])
            or bracketed_destination(text, item.end, sentence[1])
            or figure_scope(text, *span)
            or works_in_country(text, span[0], item.start, item.end)
            # "почти 90 процентов работ" that name no design nor section: works built
            or ("construction" if of_works(text, item.end) else None)
            or ("construction" if done_to(text, sentence[0], item.start) else None)
        )
    generated = (
        generation_scope(text, span[0], item.start)
        or generation_referred(text, span[0], item.start, _previous(document, sentence))
        if item.kind == "power"
        else None
    )
    if generated:
        return generated  # "установленную мощность генерации до 26 ГВт": plants', no line's
    if item.kind == "length" and not whole_of_length_before(text, item.start) and (
        laid_scope(text, sentence[0], item.start)
        or (laid_after(text, item.end, sentence[1]) and not _named_length(text, item.start))
    ):
        return "construction"  # "уложено 75,6 км главного пути": work done, in km
    stretch = (
        head_scope(text, (item.start, item.end), sentence[1])
        or part_of_component(text, span[0], item.start)
        or counted_things_length(text, span[0], item.start)
        or named_stretch(text, span[0], item.start)
        or counted_stretch(text, span[0], item.start)
        or falls_on_country(text, span[0], item.start, item.end)
        or country_after(text, item.end, sentence[1])
        or bracketed_country(text, span[0], item.start, item.end)
        or elided_country_section(text, span[0], item.start)
        or part_running(text, item.end, sentence[1])
        if item.kind == "length"
        else None
    )
    if stretch:
        return stretch
    flow = item.kind in FLOWS
    if flow and not project_named:  # a country's traffic, when no project is named beside it
        actor = over_territory(text, span[0], item.start)
        if actor:
            return actor
    if names_section(text, *span) and not figure_scope(text, *span):
        return figure_scope(text, sentence[0], span[1])
    timed = item.kind in ("duration", "deadline")
    spent = item.kind == "money" and spent_before(text, span[0], item.start)
    return (
        projects_total(text, span[0], item.start)
        or including_scope(text, span[0], (item.start, item.end))
        or listed_country_part(text, sentence[0], item.start)
        or figure_scope(text, *span, item.end)
        or (referred_cargo_share(text, span[0], item.start, _previous(document, sentence))
            if flow else None)
        or (same_volume_share(text, span[0], item.start, _earlier(document, sentence))
            if flow else None)
        or (through_country(text, span[0], item.start) if flow else None)
        or (country_before_dash(text, span[0], item.start) if flow else None)
        or (company_share(text, sentence[0], item.start) if flow else None)
        or (speakers_share(text, sentence[0], item.start) if flow else None)
        or (capital_share(text, sentence[0], item.start) if flow else None)
        # the figure read over its cargo says whose that cargo is, whatever country its
        # sentence names: "SOCAR и казахстанская «КазМунайГаз» заключили соглашение о
        # транспортировке 1,5 миллиона тонн казахстанской нефти ежегодно" (held442)
        or (origin_within(text, item.start, item.end) if flow else None)
        or (share_scope(text, sentence[0], item.start, project_named) if flow else None)
        # the list's cargo named once, after its last item: the whole sentence is looked at
        or (elided_direction(text, item.end, sentence[1]) if flow else None)
        or (origin_after(text, item.end, span[1]) if flow else None)
        or (shippers_share(text, span[0], (item.start, item.end)) if flow else None)
        or (exporter_share(text, sentence[0], item.start) if flow else None)
        or (planner_share(text, sentence[0], item.start) if flow else None)
        or (share_said_after(text, item.end, span[1]) if flow else None)
        # preparatory work a sum is for outweighs who pays it: "Грузия потратит 25 млн лари
        # ($9 млн) на геологические исследования проекта" (held21) is the survey's money
        or (stake_price(text, sentence[0], item.start) if item.kind == "money" else None)
        or (purpose_scope(text, item.end, sentence[1]) if item.kind == "money" else None)
        or (lender_share(text, span[0], item.start, item.end) if item.kind == "money" else None)
        or (paid_in_by(text, item.end) if item.kind == "money" else None)
        or (funder_share(text, sentence[0], item.start) if item.kind == "money" else None)
        or (bank_financing(text, sentence[0], item.start) if item.kind == "money" else None)
        # a stage before a component: "вторая фаза строительства порта Курык – автомобильного
        # паромного терминала мощностью 2 млн тонн" is the stage, which is that terminal
        or stage_scope(text, span, sentence, item.start)
        or (first_of_a_later(document, sentence) if _yearly_flow(item) else None)
        or component_scope(text, span[0], item.start)
        or ordinal_component(text, span[0], item.start, item.end)
        or (referred_component(text, span[0], item.start, _previous(document, sentence))
            if item.kind == "length" else None)
        or (work_component(text, sentence[0], item.start) if timed else None)
        or (created_component(text, item.end, span[1]) if item.kind == "deadline" else None)
        or (first_before_a_later(text) if item.kind == "deadline" else None)
        or (OPENING if item.kind == "deadline" and opens(text, *sentence) else None)
        # "Уже освоено 200 млн. долл.": spent on the works so far, when on no component
        or (CONSTRUCTION if spent else None)
    )


def _yearly_flow(item: Quantity) -> bool:
    """Whether ``item`` is a volume counted per year (a capacity or a yearly rate)."""
    return item.kind in FLOWS and (item.unit or "").endswith("/yr")


# The sentence after a yearly volume opening with what comes later: "Предполагаемая
# пропускная способность БТК - миллион пассажиров и 6,5 миллиона тонн грузов в год. В
# дальнейшем пропускная способность транспортного коридора может быть увеличена до …" (held455).
_LATER_OPENS = re.compile(r"[\s«\"]*(?:В\s+(?:дальнейшем|последующем)|Впоследствии)\b")


def first_of_a_later(document: NewsDocument, sentence: tuple[int, int]) -> str | None:
    """``stage:1`` for a yearly volume of a sentence that names no stage when the next sentence
    opens with what comes later (:data:`_LATER_OPENS`): the volume is the first stage's."""
    index = document.sentence_index(sentence[0])
    if index is None or index + 1 >= len(document.sentences):
        return None
    following = document.sentences[index + 1]
    return "stage:1" if _LATER_OPENS.match(document.text, following[0], following[1]) else None


def _previous(document: NewsDocument, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence before ``sentence`` in ``document``, or None for its first."""
    index = document.sentence_index(sentence[0])
    return document.sentences[index - 1] if index else None


#: How many sentences back "такой же объем" looks for the cargo it repeats.
SAME_VOLUME_REACH = 2


def _earlier(document: NewsDocument, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The :data:`SAME_VOLUME_REACH` sentences before ``sentence``, nearest first."""
    index = document.sentence_index(sentence[0])
    if not index:
        return []  # the document's first sentence (or none found): nothing before it
    first = max(-1, index - 1 - SAME_VOLUME_REACH)
    return [document.sentences[at] for at in range(index - 1, first, -1)]


# A clause that refers back to the sentence before: "это на 11,157 млн баррелей или 6,07%
# меньше", "что на 12,7% меньше".
_REFERS_BACK = re.compile(r"(?:это|что)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:[;:—]|,(?!\d))\s*")  # not the comma of "11,157"


def change_through(
    document: NewsDocument,
    item: Quantity,
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
) -> str | None:
    """``section:<country>`` for a change (``item``, a growth) of a volume carried through a
    country (:func:`caspian.layers.news.scopes.through_country`) named before it in its
    sentence ("через территорию Турции … транспортировано … что на … 12,7% меньше"), or in
    the ``previous`` sentence when its clause refers back to that one ("это на … 6,07%
    меньше показателя"), or the share of the cargo of one origin that sentence names ("В первой
    половине 2025 года транспортировка казахстанской нефти по трубопроводу … приблизилась к
    150 тысячам баррелей в день. Это означает более чем двукратный рост", held384: share:KZ);
    else None."""
    text = document.text
    found = through_country(text, sentence[0], item.start)
    if found or previous is None:
        return found
    if refers_back(document, item, sentence):
        # the cargo's share only for a change that opens its sentence's figures: after a
        # volume of its own ("2 млрд. кубометров газа, что на 4,9% меньше") it is that one's
        alone = not any(character.isdigit() for character in text[sentence[0] : item.start])
        return through_country(text, *previous) or (
            share_scope(text, *previous) if alone else None
        )
    return None


def refers_back(document: NewsDocument, item: Quantity, sentence: tuple[int, int]) -> bool:
    """Whether the clause of ``item`` in ``sentence`` refers back to the sentence before ("это
    на 11,157 млн баррелей или 6,07% меньше", "что на 12,7% меньше")."""
    text = document.text
    starts = [match.end() for match in _CLAUSE_START.finditer(text, sentence[0], item.start)]
    own = max(starts, default=sentence[0])
    return _REFERS_BACK.match(text, own, item.start) is not None


def split_lengths(
    document: NewsDocument, figures: Sequence[Quantity], sentence_end: int
) -> dict[int, str]:
    """The parts a sentence splits a route's length into, by the figure's index in
    ``figures`` (the sentence's figures in order): ``component:<way>`` for each length
    followed by its way (:func:`caspian.layers.news.scopes.way_after`) when the sentence
    names two ways or more ("4 250 километров железных дорог и автотрасс и 500 километров
    морского пути"); one way alone is the feature's ("224 километра железной дороги")."""
    ways = {}
    for number, item in enumerate(figures):
        if item.kind != "length":
            continue
        ceiling = figures[number + 1].start if number + 1 < len(figures) else sentence_end
        way = way_after(document.text, item.end, ceiling)
        if way:
            ways[number] = way
    if len(set(ways.values())) < 2:
        return {}
    return {number: f"component:{way}" for number, way in ways.items()}


# A place written as two ends: "Ахалкалаки-Карцахи".
_TWO_ENDS = re.compile(r"[А-ЯЁ][а-яё]+\s?[-–—]\s?[А-ЯЁ][а-яё]+")

#: A part of the figure before set off after a comma: ", 175 из которых", ", из них".
# The parts may follow past a semicolon or a colon too: "Протяженность нефтепровода — около 1 тыс.
# 800 километров; из них по территории Грузии проходит 247 километров" (held619).
_PART_OF_IT = re.compile(
    r"\s*[,;:]\s*(?:(?:более|свыше|около|почти|примерно|менее)\s+)?(?:\d[\d\s,.]*\s+)?"
    r"из\s+(?:которых|них)\b"
)

#: Scopes of a share of work done: a state at the publication's date.
PROGRESS = ("design", "construction")
#: The scope of work done: km of track laid, money spent on the works so far.
CONSTRUCTION = "construction"


# A length right after another, no word between: the whole the first is part of ("нефть
# заполнена до 970 км 1768-километровой линии": the line's 1768 km, of which 970 are filled).
_LENGTH_JUST_BEFORE = re.compile(r"\d\s*(?:км|километр[а-яё]*)\.?\s+\Z")
#: How far before a length (characters) the length it is the whole of may end.
_JUST_BEFORE_REACH = 16


# The length named right before a figure: "Из общей протяженности маршрута в 1768 км сварено
# 950 км труб" (held460) gives the line's whole length, then the part welded.
_LENGTH_NAMED = re.compile(
    r"\b(?:протяж[её]нност|длин)[а-яё]*\s+(?:[а-яё]+\s+){0,2}?(?:в\s+)?\Z", re.IGNORECASE
)
#: How far before a length (characters) the word naming it as a length may stand.
_LENGTH_NAMED_REACH = 50


def _named_length(text: str, start: int) -> bool:
    """Whether the length starting at ``start`` is named a length right before it
    ("протяженности маршрута в"): the whole's, however its clause goes on."""
    return _LENGTH_NAMED.search(text, max(0, start - _LENGTH_NAMED_REACH), start) is not None


def whole_of_length_before(text: str, start: int) -> bool:
    """Whether the length starting at ``start`` follows another with no word between: the
    whole line the one before is a part of, no work done."""
    return _LENGTH_JUST_BEFORE.search(text[max(0, start - _JUST_BEFORE_REACH) : start]) is not None


def through_place(
    gazetteer: Gazetteer, link: linking.Link, scope: str | None
) -> tuple[linking.Link, str | None]:
    """A section named by a place it passes through ("section:Нахчыван") is the feature of
    the link's layer named after that place, as a whole."""
    if link.layer is None or not scope or not scope.startswith("section:"):
        return link, scope
    place = scope.removeprefix("section:")
    if len(place) == 2 and place.isupper():
        # a country's section; of a feature that lies in that country, the feature itself
        # ("по армянской территории 42-километровому участку": the route through Armenia)
        inside = link.feature and linking.feature_in_country(
            gazetteer.entries, link.layer, link.feature, place
        )
        if link.feature is None:
            # of the whole line, its section in a country where the line has one feature only
            # is that feature ("По территории Армении проходит около 45 километров железной
            # дороги Ерасх-Джульфа-Ордубад-Мегри-Горадиз": the Syunik route)
            only = linking.only_feature_in_country(gazetteer.entries, link.layer, place)
            if only:
                return linking.Link(link.layer, only, f"{link.rule}, section in {place}"), None
        return link, None if inside else scope
    feature = linking.feature_through(gazetteer.entries, link.layer, place)
    if feature is None:
        # a stretch named by its two ends and mapped as no feature: a part of the line linked
        return link, STRETCH if _TWO_ENDS.fullmatch(place) else scope
    return linking.Link(link.layer, feature, f"{link.rule}, section through {place}"), None
