"""Numeric claims: a quantity, what it is about, and the context that qualifies it.

Linking. A claim is about the feature that :func:`caspian.layers.news.linking.link_feature`
finds by the article's discourse (its sentence, the sentences before it, the article's
subject; a project the catalog does not map keeps its figures), and says by which rule; and
about the topic word of its sentence or of one of the three before it in its paragraph. Its
clause may give it a scope (:mod:`.scopes`: a country section, a second line, a stage, a
component…) and say more of its measure (:mod:`.measures`: a yearly rate, a share of work
done). A deadline before the publication's year, or one that is only another figure's
horizon, is no claim of its own.

Physical quantities (length, mass, power, bandwidth, containers) and deadlines and durations
are compared per feature;
economic ones (money, growth, percent) per topic, falling back to the feature. Within a
sentence, a money, growth or volume claim takes the sentence's reporting period ("за первые восемь
месяцев 2025 года"), base year ("с 2020 года") and horizon ("в течение ближайших трёх лет",
"к 2030 году"); a volume (mass, containers) with no such period takes the year it is counted
for (:func:`caspian.layers.news.timing.figure_year`: "в 2025 году", "по итогам 2025 года"), so
volumes of different years are never compared. A claim is a *target* when "до" stands right
before it or its sentence plans or forecasts ("планируется", "намерены", "предусматривают",
"цель", "По прогнозам Всемирного банка … может … достичь 11 миллионов тонн в год"), or it is
a growth by a year after the publication ("могут удвоиться к 2030 году"), and
it is no length (:data:`SIZES`: a planned line's length is its length) nor a deadline (every
deadline is a plan: "планируется ввести в эксплуатацию в 2024 году" and "Завершение испытаний …
в 2025 году" are one measure), else *reported*.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from caspian.layers.news import linking, timing
from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.gazetteer import Gazetteer, Match, load_gazetteer
from caspian.layers.news.hints import may_search, needs_words
from caspian.layers.news.language import language_of
from caspian.layers.news.measures import (
    FLOWS,
    PROGRESS,
    change_through,
    measured,
    not_a_length,
    refers_back,
    scope_of,
    sentence_lemmas,
    split_lengths,
    through_place,
    yearly_change,
)
from caspian.layers.news.mentions import Mention, find_mentions, road_in
from caspian.layers.news.quantities import Quantity, of_a_change, quantities
from caspian.layers.news.scopes import (
    ACTOR,
    CARGO,
    COMPONENT_REACH,
    SHIPPER_COMPANIES,
    STRETCH,
    WAYS,
    changed_share,
    clause,
    country_code,
    over_territory,
    through_country,
    whole_after_part,
)
from caspian.layers.news.text import (
    best_lemma,
    holds_lemma,
    is_plural,
    lemmas,
    per_text,
    range_lemmas,
    words,
)
from caspian.layers.news.timing import COMPLETION

PHYSICAL = ("length", "mass", "power", "bandwidth", "containers")
ECONOMIC = ("money", "growth", "percent")
CONTEXT = ("period", "since", "duration", "deadline")
#: Kinds compared per feature first (a deadline is a feature's, not a topic's).
FEATURE_FIRST = (*PHYSICAL, "duration", "deadline", "event")
#: Topics of a figure put into one project: compared per feature first too ("Инвестиции в проект
#: Баку-Тбилиси-Джейхан … составили около 6 млрд долларов" is the pipeline's, no figure of the
#: investment in a corridor another article counts).
PROJECT_TOPICS = ("investment",)
_PLANNING = {
    "планироваться", "планировать", "намереваться", "намерен", "предусматривать", "цель",
    "ориентир", "план", "plan", "target", "прогноз", "прогнозироваться", "прогнозировать",
    "прогнозный",
}  # fmt: skip
#: Largest value of a claim in its normal unit: a quadrillion (USD, km, t) is beyond any
#: figure of these projects, so a bigger one is a typo or a hostile page, not a claim.
MAX_VALUE = 1e15
#: Kinds that take a feature named in another sentence even when their own names a topic.
BORROWS = (*PHYSICAL, "deadline", "event")
#: What a claim keeps of its own expression: an event's verb, a relative deadline's anchor.
_OWN_CONTEXT = ("event", "date", "relative_to")


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One numeric claim of one document: where it stands, what it says, what it is about."""

    document: str
    sentence: int | None
    #: Offset of the claim's start in the original file.
    start: int
    #: Offset of its end in the original file.
    end: int
    #: The expression as written.
    text: str
    #: See :class:`caspian.layers.news.expression.Quantity`.
    kind: str
    #: Normalised value.
    value: float
    #: Upper end of a range, normalised.
    value_max: float | None = None
    unit: str | None
    qualifier: str | None
    #: The value of the last digit written, in the normal unit (224 km: 1; 223.6 km: 0.1);
    #: values that differ by less than half of it are one figure rounded.
    step: float | None = None
    #: ``"target"`` or ``"reported"``.
    role: str
    #: The linked mention's layer.
    layer: str | None = None
    #: The linked mention's feature.
    feature: str | None = None
    topic: str | None = None
    #: The rule that linked them (:mod:`.linking`: ``"sentence, before"``, ``"previous
    #: sentence"``, ``"article subject"``, ``"unmapped project (…)"``…).
    link: str | None = None
    #: The part of the feature measured (:mod:`.scopes`: ``"section:GE"``, ``"second
    #: line"``, ``"backup"``); None for the whole.
    scope: str | None = None
    #: ``period`` (``{"months": 8, "year": 2025}``), ``since`` (year), ``horizon`` (text and
    #: normal form) taken from the same sentence.
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def subject(self) -> str | None:
        """What the claim is compared by: ``"topic:trade_turnover"`` or ``"layer/feature"``;
        None for a figure of a project the catalog does not map (linked to it: "58%" of the
        North–South corridor is no figure of the freight the set's topics compare)."""
        if (self.link or "").startswith(linking.UNMAPPED):
            return None
        feature = f"{self.layer}/{self.feature or '*'}" if self.layer else None
        topic = f"topic:{self.topic}" if self.topic else None
        if self.kind in FEATURE_FIRST or self.topic in PROJECT_TOPICS:
            return feature or topic
        return topic or feature

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = {key: value for key, value in self.__dict__.items() if value not in (None, {})}
        data["subject"] = self.subject
        return data


#: Kinds that measure what a feature is, not what it is to carry: a planned line's length is
#: its length ("предусматривает строительство пяти тоннелей общей протяженностью 11,5 км"
#: against "строительство пяти тоннелей суммарной протяжённостью 11,3 километра"), so a plan
#: does not make it a target; nor is a planned cable's rated power or bandwidth ("план
#: строительства подводного энергетического кабеля мощностью 1 000 МВт").
SIZES = ("length", "power", "bandwidth")


def _role(
    item: Quantity,
    plans: bool,
    period: dict[str, Any],
    published: str | None,
    horizon: bool = False,
) -> str:
    """``target`` or ``reported`` (see the module's rules); a volume counted for a year
    before the publication's (``period``) is reported, whatever its sentence plans: "По итогам
    2025 года … перевезено около 77 тысяч контейнеров (ДФЭ), при этом к 2029 году
    планируется …"; a growth by a year after it (its ``horizon``) is foreseen, a target,
    whether or not its sentence plans: "могут удвоиться к 2030 году"."""
    year = period.get("period", {}).get("year")
    past = year is not None and published is not None and year < int(published[:4])
    # a growth by a year after the publication is foreseen, planning word or none: "могут
    # удвоиться к 2030 году" (held288) as "Согласно прогнозам, к 2030 году … могут утроиться"
    ahead = horizon and year is not None and published is not None and year > int(published[:4])
    planned = (plans or (ahead and item.kind == "growth")) and item.kind not in (
        *SIZES, "deadline"
    ) and not past
    return "target" if item.qualifier == "up to" or planned else "reported"


# The first end of a change, "вырос … с 0,8 млн до 4,5 млн тонн": the state before it.
_CHANGED_FROM = re.compile(r"\bсо?\s*\Z", re.IGNORECASE)
_CHANGED_TO = re.compile(r"\s*(?:[^\W\d_.]+\s+){0,2}?до\s*\Z", re.IGNORECASE)
# The other order: "до" before the new value, "с" right after it ("до 4,7 миллиона тонн с").
_CHANGED_TO_BEFORE = re.compile(r".?\bдо\s*", re.IGNORECASE)
_CHANGED_FROM_AFTER = re.compile(r",?\s*с\s*", re.IGNORECASE)


def is_share(kind: str, scope: str | None) -> bool:
    """Whether a figure of ``kind`` and ``scope`` is the share one origin has of a volume
    ("85,1% или 21 млн … тонн … нефть, добытая в Азербайджане"): counted over a window, as a
    volume is."""
    return kind == "percent" and (scope or "").startswith("share:")


def share_of_volume(volume: Claim) -> str | None:
    """The share, country section or actor a change after ``volume`` is of: the volume's
    ("транзит нефти Казахстана и Туркменистана … составил 2,888 млн тонн, это на 19,4%
    меньше"; "через Азербайджан … 1,741 млн тонн грузов, то есть на 7% больше"; "по
    магистральным нефтепроводам Азербайджана транспортировано 33 млн 408,9 тыс. тонн нефти. …
    это на 5,5% меньше": all the country's pipelines, no project's), else None."""
    share = volume.scope or ""
    parts = ("share:", "section:", ACTOR)
    return share if volume.kind in FLOWS and share.startswith(parts) else None


def _scope_of_volume_before(
    document: NewsDocument, item: Quantity, sentence: tuple[int, int], before: Claim, index: int
) -> str | None:
    """:func:`share_of_volume` of the claim ``before`` a change ``item`` (in sentence
    ``index``) when it stands in the change's sentence, or ends the sentence before and the
    change's clause refers back to it ("это на 5,5% меньше"); else None."""
    same = before.sentence == index
    back = before.sentence == index - 1 and refers_back(document, item, sentence)
    return share_of_volume(before) if same or back else None


def _actor_before(claims: Sequence[Claim], index: int) -> str | None:
    """The actor (``actor:<who>``) of a volume or change before in sentence ``index`` or
    the one before it: the volumes and changes of a sentence that names no project are that
    actor's too ("контейнерные перевозки через Азербайджан выросли … до 135 тысяч TEU, а
    объем транзита увеличилcя на 20%, достигнув 66,3 тысячи TEU"; "морским транспортом страны
    перевезено 4,002 миллиона тонн грузов. Наблюдается увеличение перевозок грузов на 42%");
    else None."""
    for claim in reversed(claims):
        if claim.sentence is None or claim.sentence < index - 1:
            return None
        if claim.kind in (*FLOWS, "growth") and (claim.scope or "").startswith(ACTOR):
            return claim.scope
    return None


def _country_traffic_before(
    document: NewsDocument,
    names: dict[int, list[linking.Located]],
    index: int,
    claims: Sequence[Claim] = (),
) -> str | None:
    """``actor:<country>`` when the sentence before sentence ``index`` (which names no
    project) names no project either but a country's traffic ("Минфин также ожидает роста
    объема транзитных перевозок через Казахстан. В 2025 году ожидается 34 млн тонн"): the
    figures that follow are that country's; else None. A sentence before whose figures are a
    project's (``claims`` found so far give one of them a feature) speaks of that project,
    by its noun alone: "Протяженность нефтепровода — около 1 тыс. 800 километров; из них по
    территории Грузии проходит 247 километров … Пропускная способность нефтепровода
    составляет 50 млн. тонн нефти в год" (held619) is the pipeline's capacity, no Georgian
    traffic."""
    if not index or any(isinstance(name.match, Mention) for name in names.get(index - 1, ())):
        return None
    if any(claim.sentence == index - 1 and claim.feature for claim in claims):
        return None
    start, end = document.sentences[index - 1]
    section = through_country(document.text, start, end) or over_territory(
        document.text, start, end
    )
    if section:
        return f"{ACTOR}{section.split(':', 1)[1]}"
    return _traffic_between_countries(document.text, start, end)


# Freight between two countries: "между Казахстаном и Азербайджаном наблюдается уверенный рост
# объёмов перевозок" (held263).
_BETWEEN_COUNTRIES = re.compile(r"\bмежду\s+([А-ЯЁ][а-яё]+)\s+и\s+([А-ЯЁ][а-яё]+)")
#: Words of freight carried, by lemma (not trade: "товарооборот" is a topic of its own).
_FREIGHT = frozenset({"перевозка", "грузоперевозка", "грузопоток", "транзит"})


def _traffic_between_countries(text: str, start: int, end: int) -> str | None:
    """``actor:<country>+<country>`` when ``text[start:end]`` (a sentence that names no
    project) speaks of freight (:data:`_FREIGHT`) between two countries ("Алдыбергенов
    отметил, что сегодня между Казахстаном и Азербайджаном наблюдается уверенный рост
    объёмов перевозок. "За последние четыре года они увеличились в семь раз", held263): the
    figures that follow are those two countries' traffic, no project's; else None."""
    if "между" not in text[start:end]:  # rare: test it before the pattern and the lemmas
        return None
    for match in _BETWEEN_COUNTRIES.finditer(text, start, end):
        first, second = country_code(match[1]), country_code(match[2])
        if first and second and any(
            lemmas(word.text) & _FREIGHT for word in words(text, start, end)
        ):
            return f"{ACTOR}{first}+{second}"
    return None


def _read_from(document: NewsDocument, before: Claim, written: Quantity) -> bool:
    """Whether the claim ``before`` was read from the figure ``written`` (the figure before
    another in its sentence may have been no claim, and then it says nothing of it)."""
    return document.original_span(written.start, written.end)[0] == before.start


# A percent and a volume joined by "или" state one share twice: "85,1% или 21 млн 199,8 тыс.
# тонн нефти … составила нефть, добытая в Азербайджане".
_OR = re.compile(r"\s*или\s*", re.IGNORECASE)


def _equated_share(
    document: NewsDocument, before: Claim, written: Quantity | None, volume: Quantity, share: str
) -> Claim:
    """``before`` (the claim before a volume in its sentence, ``written`` as read) with the
    volume's ``share`` when it is a percent the volume restates ("85,1% или 21 млн … тонн"),
    else ``before`` unchanged."""
    if written is None or before.kind != "percent" or before.scope is not None:
        return before
    if not _read_from(document, before, written):
        return before
    if not _OR.fullmatch(document.text, written.end, volume.start):
        return before
    return dataclasses.replace(before, scope=share)


# A change joined to the volume it reached: "увеличился в 2,5 раза и достиг 1,5 млн тонн".
_JOINED_TO_VOLUME = re.compile(r"\s+и\s+(?:[^\W\d_]+\s+){1,2}", re.IGNORECASE)


def _change_of_volume(
    document: NewsDocument,
    before: Claim,
    written: Quantity,
    volume: Quantity,
    index: int,
    link: linking.Link,
) -> Claim:
    """``before`` (the claim before ``volume`` in sentence ``index``, ``written`` as read)
    linked as the volume is (``link``) when it is an unlinked change joined to it by "и" and a
    verb ("объем грузоперевозок увеличился в 2,5 раза и достиг 1,5 млн тонн": the change of
    that volume, whatever topic word the sentence holds); else ``before`` unchanged."""
    if before.kind != "growth" or before.layer or before.link or before.scope:
        return before
    if before.sentence != index or volume.kind not in FLOWS:
        return before
    if not _read_from(document, before, written):
        return before
    if not _JOINED_TO_VOLUME.fullmatch(document.text, written.end, volume.start):
        return before
    rule = f"{link.rule}, the volume it reached"
    return dataclasses.replace(before, layer=link.layer, feature=link.feature, link=rule)


# A part of the figure before, right after it: ", из которых 30–35% придется на
# возобновляемые источники".
_OF_WHICH = re.compile(r"\s*,?\s*из\s+(?:которых|которого|них|него)\s*\Z", re.IGNORECASE)


def _scope_carried(
    document: NewsDocument,
    before: Claim,
    written: Quantity,
    later: Quantity,
    prefix: str,
    between: re.Pattern[str],
) -> str | None:
    """The scope of the claim ``before`` (read from ``written``) for the figure ``later``
    when that scope starts with ``prefix`` and ``between`` is all the text between the two
    figures; else None."""
    if not (before.scope or "").startswith(prefix) or not _read_from(document, before, written):
        return None
    return before.scope if between.fullmatch(document.text, written.end, later.start) else None


# "или" after a figure and up to two words of what it counts: "сварено 950 км труб или 54%".
_OR_AFTER_WORDS = re.compile(r"(?:\s+[^\W\d_]+){0,2}\s*,?\s*или\s*", re.IGNORECASE)


def _progress_restated(
    document: NewsDocument, before: Claim, written: Quantity, percent: Quantity, index: int
) -> str | None:
    """The progress scope (``construction``, ``design``) of the figure ``before`` of sentence
    ``index`` (``written`` as read) that the percent after it restates after "или" ("Из
    общей протяженности маршрута в 1768 км сварено 950 км труб или 54%", held460: the share
    of the route welded), else None."""
    if before.sentence != index or before.scope not in PROGRESS:
        return None
    return _scope_carried(document, before, written, percent, str(before.scope), _OR_AFTER_WORDS)


def _actor_of_whole_before(
    document: NewsDocument, before: Claim, written: Quantity, part: Quantity
) -> str | None:
    """The actor of the figure ``before`` (the claim before the share ``part``, ``written``
    as read) when the share is a part of it, "из которых" between ("страна планирует
    увеличить установленную мощность генерации до 26 ГВт, из которых 30–35% придется на
    возобновляемые источники": a part of the country's generation, no project's); else None."""
    return _scope_carried(document, before, written, part, ACTOR, _OF_WHICH)


# A volume joined by "и" and a verb to the change before it in its clause: "вырос на 86% в
# сравнении с аналогичным периодом прошлого и составил 1,6 млн тонн".
# Or by a participle of reaching after a comma: "вырос на 62%, достигнув 4,5 миллионов тонн"
# (held416).
_VOLUME_JOINED = re.compile(
    r"\s+и\s+(?:[^\W\d_]+\s+){1,2}\Z|\s*,\s*(?:достигнув|составив)\s+\Z", re.IGNORECASE
)


def _scope_of_change_before(
    document: NewsDocument, before: Claim, written: Quantity, volume: Quantity, index: int
) -> str | None:
    """The section, share or actor of the change ``before`` (the claim before ``volume`` in
    sentence ``index``, ``written`` as read) when the volume is the one that change reached,
    joined to it by "и" and a verb with no clause set against it between ("объем
    грузоперевозок по … (ТМТМ) через Казахстан вырос на 86% … и составил 1,6 млн тонн": the
    Kazakh section's volume, as its change is), or by a participle of reaching ("трафик на
    казахстанском участке TITR вырос на 62%, достигнув 4,5 миллионов тонн", held416); else
    None."""
    if before.kind != "growth" or before.sentence != index or volume.kind not in FLOWS:
        return None
    if not (before.scope or "").startswith(("share:", "section:", ACTOR)):
        return None
    if not _read_from(document, before, written):
        return None
    text = document.text
    between = text[written.end : volume.start]
    if _CONTRAST.search(between) or not _VOLUME_JOINED.search(between):
        return None
    return before.scope


def _change_of_containers(
    document: NewsDocument,
    item: Quantity,
    sentence: tuple[int, int],
    claims: Sequence[Claim],
    index: int,
) -> dict[str, Any]:
    """``{"measure": "containers"}`` for a change whose clause refers back to a count of
    containers before it in its sentence ("перевезено 40 200 ДФЭ, что на 93 процента
    превышает прошлогодние показатели"): the containers' change; else nothing."""
    if item.kind != "growth" or not claims or claims[-1].sentence != index:
        return {}
    if claims[-1].kind != "containers" or not refers_back(document, item, sentence):
        return {}
    return {"measure": "containers"}


def _share_restated(
    document: NewsDocument, before: Claim, written: Quantity, percent: Quantity, index: int
) -> str | None:
    """The share of the volume ``before`` (the claim before ``percent`` in sentence
    ``index``, ``written`` as read) when the percent restates it after "или" ("Доля транзитных
    грузов составила более 5,1 млн тонн или 92,7% от общего объема"), else None."""
    if before.sentence != index or before.kind not in FLOWS:
        return None
    return _scope_carried(document, before, written, percent, "share:", _OR)


def _share_restated_after(claims: Sequence[Claim], item: Quantity, index: int) -> str | None:
    """The share of a volume of the sentence before ``index`` that ``item``, with no share of
    its own, restates with the same value (the speaker quoted after the report: "Казахстан
    может начать … экспортировать 1,5 миллиона тонн нефти в год через нефтепровод … до
    6-6,5 миллиона тонн". "Через Баку - Тбилиси - Джейхан у нас сейчас есть договоренность …
    1,5 миллиона тонн нефти грузить …", held493), else None."""
    for before in reversed(claims):
        if before.sentence is None or before.sentence < index - 1:
            break
        if (
            before.sentence == index - 1
            and before.kind == item.kind
            and (before.scope or "").startswith("share:")
            and before.value == item.value
            and before.value_max == item.value_max
        ):
            return before.scope
    return None


# A later increase of the volume before, to the figure: "экспортировать 1,5 миллиона тонн
# нефти в год … с дальнейшим увеличением объемов до 6-6,5 миллиона тонн" (held493).
_FURTHER_INCREASE = re.compile(
    r"[^.;!?\d]{0,80}?\bс\s+(?:дальнейшим\s+)?(?:увеличением|ростом|наращиванием)\s+"
    r"(?:[^\W\d_]+\s+){0,2}?до\s*",
    re.IGNORECASE,
)


def _share_increased(
    document: NewsDocument, before: Claim, written: Quantity, volume: Quantity, index: int
) -> str | None:
    """The share of the volume ``before`` (the claim before ``volume`` in sentence ``index``,
    ``written`` as read) when ``volume`` is what it is to be increased to, "с (дальнейшим)
    увеличением … до" between ("Казахстан может … экспортировать 1,5 миллиона тонн нефти в
    год … с дальнейшим увеличением объемов до 6-6,5 миллиона тонн", held493: Kazakh oil as
    the first is), else None."""
    if before.sentence != index or before.kind not in FLOWS:
        return None
    return _scope_carried(document, before, written, volume, "share:", _FURTHER_INCREASE)


# "за аналогичный период предыдущего года": the months of the figure before, a year earlier.
_SAME_PERIOD_YEAR_BEFORE = re.compile(
    r"\bза\s+аналогичный\s+период\s+(?:предыдущего|прошлого)\s+года\b", re.IGNORECASE
)


def _same_period_before(text: str, sentence: tuple[int, int], before: Claim) -> dict[str, Any]:
    """The period of a volume stated for "the same period of the year before" in
    ``sentence``, from the volume ``before`` it there ("в январе-феврале 2025 года
    увеличился до 4,7 миллиона тонн с 4,4 миллиона за аналогичный период предыдущего года"),
    else nothing."""
    period = before.context.get("period")
    if not period or period.get("year") is None or before.kind not in FLOWS:
        return {}
    if not _SAME_PERIOD_YEAR_BEFORE.search(text, *sentence):
        return {}
    year = period["year"] - 1
    return {"period": {"months": period["months"], "year": year, "text": f"same period {year}"}}


def _change_start(
    document: NewsDocument,
    item: Quantity,
    following: Quantity | None,
    preceding: Quantity | None = None,
) -> bool:
    """Whether ``item`` is the "с" end of a change whose "до" end is ``following`` ("с 4,4
    до 4,7 миллиона тонн") or, written the other way round, ``preceding`` ("до 4,7 миллиона
    тонн с 4,4 миллиона")."""
    text = document.text
    if _CHANGED_FROM.search(text[max(0, item.start - 3) : item.start]) is None:
        return False
    if following is not None and _CHANGED_TO.match(text[item.end : following.start]):
        return True
    return preceding is not None and _CHANGED_TO_BEFORE.fullmatch(
        text[max(0, preceding.start - 4) : preceding.start]
    ) is not None and _CHANGED_FROM_AFTER.fullmatch(text[preceding.end : item.start]) is not None


#: What a deadline may date that is a paper about the project, not the project: "До конца
#: года будет составлен план", "ТЭО будет готово к концу года".
DOCUMENTS = {
    "план", "документ", "отчёт", "отчет", "соглашение", "меморандум", "концепция", "заявка",
}  # fmt: skip
#: Studies of the project: a time figure whose own clause names one dates its design work
#: ("детальное технико-экономическое обоснование будет завершено в сентябре 2023 года",
#: held149; "предварительные исследования планируется провести в течение 11 месяцев", held412).
STUDIES = {"обоснование", "тэо", "исследование", "изыскание"}
# Where a deadline's own clause ends: punctuation, or a conjunction starting another clause.
_CLAUSE_EDGE = re.compile(r"[,;:.!?«»\"]|\s(?:а|но|однако)\s")


def _names_in_own_clause(
    text: str, item: Quantity, span: tuple[int, int], named: set[str]
) -> bool:
    """Whether a word of ``named`` (by lemma) stands in the figure ``item``'s own clause
    (bounded by :data:`_CLAUSE_EDGE`, within ``span``)."""
    # the clause and its lemmas found once for the several word sets a figure is asked of
    return bool(range_lemmas(text, *_own_clause(text, item.start, item.end, span)) & named)


@per_text(maxsize=8)
def _own_clause(text: str, start: int, end: int, span: tuple[int, int]) -> tuple[int, int]:
    """The range of the clause of the figure at ``text[start:end]`` (bounded by
    :data:`_CLAUSE_EDGE`, within ``span``)."""
    edges = [match.end() for match in _CLAUSE_EDGE.finditer(text, span[0], start)]
    after = _CLAUSE_EDGE.search(text, end, span[1])
    return (edges[-1] if edges else span[0]), (after.start() if after else span[1])


# "all the works" in the part of a sentence before a deadline: the works the text has just
# described ("Глава государства добавил, что все работы будут завершены в 2024 году", held508).
_ALL_THE_WORKS = re.compile(r"\bвсе\s+работы\b", re.IGNORECASE)


def _section_of_the_works(
    text: str, start: int, item: Quantity, claims: Sequence[Claim], link: linking.Link
) -> str | None:
    """The country section of the works a deadline of "все работы" closes: that of the last
    progress (a percent) on a section of the same project stated before it, no other measure of
    the project between ("На его участке, проходящем через территорию Азербайджана, выполнено
    40% работ по укладке железнодорожных путей и 70% по строительству автомобильной дороги",
    held508), or None."""
    if not _ALL_THE_WORKS.search(text, start, item.start):
        return None
    for claim in reversed(claims):
        if (claim.layer, claim.feature) != (link.layer, link.feature):
            continue
        if claim.kind != "percent":
            return None  # another measure came between
        if (claim.scope or "").startswith("section:"):
            return claim.scope  # the progresses listed after it may be of no section
    return None


# The first tanker, an adjective perhaps between: "заполнение первого танкера в порту Джейхан
# намечено на начало весны 2006 года" (held479), "первый танкер с каспийской нефтью отойдет из
# порта Джейхан во втором полугодии 2005 года" (held460): when a pipeline starts to deliver.
# And the first train on a line ("Первый пилотный поезд в рамках открытия железнодорожного
# сообщения по маршруту Баку-Тбилиси-Карс будет запущен в конце 2014 года", held504): when the
# line opens.
_FIRST_TANKER = re.compile(r"\bперв[а-яё]+\s+(?:[а-яё]+\s+)?(?:танкер|поезд)", re.IGNORECASE)


def _first_tanker(text: str, span: tuple[int, int]) -> bool:
    """Whether ``text[span[0]:span[1]]`` (a deadline's sentence up to the end of its clause)
    names the first tanker or the first train (a pipeline's first delivery, a line's first
    run: its start of operation, not a vessel's or a carrier's figure)."""
    return _FIRST_TANKER.search(text, *span) is not None


# Vessels counted by digits: "загружено в Джейхане в 70 танкеров" (held362).
_COUNTED_VESSELS = re.compile(
    r"(?<![\d,.])\d+\s+(?:[а-яё]+\s+)?(?:танкер|судн|суд[оа]в|паром|сухогруз|контейнеровоз|барж)"
)


def _vessels_counted_after(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the vessels of the figure ``item``'s own clause are only counted by digits after
    it ("экспортировано более 6,7 млн тонн сырой нефти (51 млн баррелей) и загружено в
    Джейхане в 70 танкеров", held362): the volume the tankers took is the pipeline's exports,
    no vessel's figure."""
    start, end = _own_clause(text, item.start, item.end, span)
    if range_lemmas(text, start, item.start) & VESSELS:
        return False
    return _COUNTED_VESSELS.search(text, item.end, end) is not None


#: Verbs by which an agreement states what it provides for.
PROVIDES = {"предусматривать", "предусмотреть"}


def _provided_for(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the volume ``item`` stands in a participle's clause of :data:`PROVIDES` that
    follows a clause naming a contract (:data:`CONTRACT`): "в рамках соглашения между SOCAR и
    компанией "Казмунайгаз", предусматривающего транзит 1,5 млн тонн сырья в год" is what the
    agreement provides for, as a volume whose own clause names the contract is."""
    start, _ = _own_clause(text, item.start, item.end, span)
    opening = words(text, start, item.start)
    if not opening or not lemmas(opening[0].text) & PROVIDES:
        return False
    # the agreement's clause may hold quotation marks of a company's name: look back to the
    # sentence's last clause edge that is no quotation mark
    edges = [match.end() for match in re.finditer(r"[,;:.!?]", text[span[0] : start - 1])]
    before = span[0] + edges[-1] if edges else span[0]
    return bool(range_lemmas(text, before, start) & CONTRACT)


def _of_trade(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the change ``item`` is of a country's trade in goods: a word of :data:`TRADE`
    and one of :data:`GOODS` in its own clause ("а экспорт казахстанской продукции увеличился в
    12 раз")."""
    return _names_in_own_clause(text, item, span, TRADE) and _names_in_own_clause(
        text, item, span, GOODS
    )


def _of_a_document(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the deadline ``item`` dates a document or a study (:data:`DOCUMENTS` named in
    its own clause, within ``span``), not the completion of the project."""
    return _names_in_own_clause(text, item, span, DOCUMENTS)


#: Vessels and what measures one: a figure in a clause that names one is the fleet's (a
#: vessel's tonnage, the date ferries go into service), not the port's or the route's:
#: "сухогрузное судно … грузоподъемностью 7 тыс. тонн", "до 2028 года … введут в эксплуатацию
#: шесть паромов".
VESSELS = {
    "судно", "паром", "флот", "танкер", "сухогруз", "контейнеровоз", "баржа", "теплоход",
    "грузоподъемность",
}  # fmt: skip
#: Carriers whose figures are their own when the sentence names them before the figure
#: ("поезд преодолеет расстояние около 7 тыс. км", "390 грузовых поездов …, на 38% больше",
#: "пароходство … втрое увеличило грузоперевозки", "перевезенных судами ASCO … 18 542 TEU");
#: a train service is a carrier's too ("нового сервиса из Пекина, запущенного 30 июня 2025
#: года", held374: an operator launched it, the line it runs on opened long before).
CARRIERS = {"поезд", "пароходство", "судно", "сервис"}
_CARRIER_LEMMAS = frozenset(CARRIERS)


# Where a part of a sentence ends for a carrier's figure: a semicolon, or a clause set against
# the one before ("До конца 2012 года планируется запуск рабочего поезда, а уже в полную силу
# железная дорога заработает в следующем году": the next year is the line's, not the train's).
_CARRIER_PART_END = re.compile(r";|,\s+(?:а|но|однако)\s")


@per_text(maxsize=8)
def _carrier_part_ends(text: str, start: int, end: int) -> list[int]:
    """Where each part of the sentence ``text[start:end]`` ends (:data:`_CARRIER_PART_END`), in
    order: found once per sentence, not once per figure from the sentence's start (a sentence
    of thousands of figures was read a thousand times)."""
    return [edge.end() for edge in _CARRIER_PART_END.finditer(text, start, end)]


def _carrier_named(text: str, sentence: tuple[int, int], item: Quantity) -> bool:
    """Whether a carrier (:data:`CARRIERS`) is named in the part of ``sentence`` (between
    semicolons, or up to a clause set against it by "а", "но") before the figure ``item``, or
    anywhere in that part for an event's date or a deadline ("19 января … отправился первый
    грузовой поезд", "До конца 2012 года планируется запуск рабочего поезда"): the figure is
    the carrier's."""
    edges = _carrier_part_ends(text, *sentence)
    before = bisect.bisect_right(edges, item.start)
    after = edges[before - 1] if before else sentence[0]
    end = item.start
    if item.kind in ("event", "deadline"):
        stop = _CARRIER_PART_END.search(text, item.end, sentence[1])
        end = stop.start() if stop else sentence[1]
    if not holds_lemma(text, after, end, _CARRIER_LEMMAS):
        return False
    # the word in a company's name in quotes is no carrier: "Азербайджанская компания «Азер
    # роуд сервис» завершила строительство 29-километрового участка" (held476) is the builder's
    return any(
        lemmas(word.text) & _CARRIER_LEMMAS and not _in_quoted_name(text, after, word.start)
        for word in words(text, after, end)
    )


def _in_quoted_name(text: str, start: int, at: int) -> bool:
    """Whether ``at`` stands inside a name in guillemets opened in ``text[start:at]``."""
    return text.rfind("«", start, at) > text.rfind("»", start, at)


# A change said of the figure of the sentence before: "это в 2 раза выше по сравнению с
# аналогичным периодом прошлого года".
_OF_THAT = needs_words(re.compile(r"\bэто\b", re.IGNORECASE), ("это",))
# A count of carriers, an adjective or a word joined by a hyphen perhaps between: "приняло 225
# блок-поездов из Китая", "390 грузовых поездов".
_COUNTED_CARRIERS = re.compile(
    r"(?<![\d,.])\d+\s+(?:[а-яё]+\s+)?(?:[а-яё]+-)?(?:поезд|судн|суд[оа]в)", re.IGNORECASE
)


def _change_of_counted_carriers(
    document: NewsDocument, item: Quantity, sentence: tuple[int, int], index: int
) -> bool:
    """Whether the change ``item`` is said ("это") of the sentence before, which counts
    carriers ("АЖД приняло 225 блок-поездов из Китая по Среднему коридору. … это в 2 раза выше
    по сравнению с аналогичным периодом прошлого года", held319): the trains' number grew, no
    volume of the project."""
    if not index or not may_search(_OF_THAT, document.text, sentence[0], item.start):
        return False
    if not _OF_THAT.search(document.text, sentence[0], item.start):
        return False
    before = document.sentences[index - 1]
    return holds_lemma(document.text, *before, _CARRIER_LEMMAS) and bool(
        _COUNTED_CARRIERS.search(document.text, *before)
    )


#: Verbs of covering a distance: a length right after one is a trip's, no line's ("За 12 дней
#: он должен преодолеть около 11,5 тысячи километров", held223: a train's route to Prague).
_TRIP_VERBS = frozenset({"преодолеть", "проехать", "проделать"})
#: How many words before a length a verb of a trip may stand ("преодолеть около 11,5").
_TRIP_REACH = 3


def _a_trip(text: str, before: int, item: Quantity) -> bool:
    """Whether the length ``item`` (its clause starting at ``before``) is a distance covered:
    a verb of :data:`_TRIP_VERBS` among the few words before it."""
    if item.kind != "length":
        return False
    # a few words: read from a bounded stretch before the figure, not the whole clause
    near = words(text, max(before, item.start - 16 * _TRIP_REACH), item.start)[-_TRIP_REACH:]
    return any(lemmas(word.text) & _TRIP_VERBS for word in near)


#: Words of a train's run: a length in kilometres in their sentence, before it, is the run's
#: ("общая протяженность маршрута состава … составляет 8,693 тысяч километров", held761;
#: "протяженность маршрута составляет 4 186 километров", held764; "Маршрут длиной четыре с
#: лишним тысячи километров", held387), never a port's: a port the train passes has no length
#: in kilometres.
_RUN_WORDS = frozenset({"маршрут", "поезд", "состав", "путь"})


def _a_run_through_a_port(
    text: str, sentence: tuple[int, int], item: Quantity, link: linking.Link
) -> bool:
    """Whether the length ``item`` linked to a port (``link``) is a train's run through it: in
    kilometres, a word of :data:`_RUN_WORDS` in its sentence before it."""
    if item.kind != "length" or item.unit != "km" or not (link.layer or "").endswith("_port"):
        return False
    return holds_lemma(text, sentence[0], item.start, _RUN_WORDS)


#: The scope of a vessel's figure: an actor's, linked to no project.
OF_A_VESSEL = f"{ACTOR}vessel"
#: Words of a time a change may measure: "время обработки грузов увеличилось в три раза" is
#: how long handling takes, no volume's growth.
TIMES = {"время", "срок"}
#: The scope of a change of a time (:data:`TIMES`): no project's, no topic's figure.
OF_A_TIME = f"{ACTOR}time"
#: Words of a cost a change may measure: "снизить транспортные затраты на 18–25%" is what
#: carriage costs, no volume's growth.
COSTS = {"затрата", "расход", "издержка"}
#: The scope of a change of a cost (:data:`COSTS`): no project's, no topic's figure.
OF_A_COST = f"{ACTOR}cost"
#: A country's trade in goods: a change of "экспорт казахстанской продукции" is the country's
#: exports, not a route's traffic (both words in the change's own clause).
TRADE = {"экспорт", "импорт"}
GOODS = {"продукция", "товар"}
#: The scope of a change of a country's trade (:data:`TRADE` of :data:`GOODS`).
OF_TRADE = f"{ACTOR}trade"
# A verb of supplying before a power figure and "электроэнергии" right after it: "Баку
# собирается поставлять на международные рынки 157 ГВт электроэнергии через Грузию" (Apsny.ge)
# is what a country means to sell, in no project's sentence: no cable's capacity.
_SUPPLY_VERB = re.compile(r"\b(?:постав|экспорт|прода)[а-яё]*\b")
_OF_ELECTRICITY = re.compile(r"\s+электроэнергии\b")


def _supplied_power(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the power ``item`` is electricity supplied (:data:`_SUPPLY_VERB` in its clause
    ``span`` before it, "электроэнергии" right after it): a seller's volume, no capacity."""
    return bool(
        _OF_ELECTRICITY.match(text, item.end) and _SUPPLY_VERB.search(text, span[0], item.start)
    )


#: The scope of a volume sent on one day (:func:`timing.dated_to_a_day`): a shipment's.
OF_A_SHIPMENT = f"{ACTOR}shipment"
# The loading of a cargo named in a volume's clause before it: "Планируемая масса отгрузки
# нефти по направлению БТД на апрель 2023 года составляет 125 тыс. тонн" (Sputnik Azerbaijan) is
# what a shipper loads, no throughput of the pipeline it heads for.
_LOADING_BEFORE = re.compile(r"\b(?:масса|объ[её]м)\s+отгрузки\b", re.IGNORECASE)
# A participle of sending right before a volume: "Казахстан вновь начал экспорт нефти … с 13
# сентября, отправив 8,800 тонн" (held424): the batch sent, no traffic of the pipeline.
_SENT_BEFORE = re.compile(r"\b(?:отправив|отгрузив|направив)\s+(?:около\s+|более\s+)?\Z")
# A port said to be new, a word or two between: "строительство нового морского порта (первый
# этап) стоимостью 300 млн долларов" (the noun: "первая фаза нового портового комплекса" is
# the port the article names). The catalog maps the ports that work; a new one is
# another project (a new line or road may be the one mapped: "Новая дорога рассчитана на
# перевозку … 15 миллионов тонн" is the Kars–Dilucu line).
_NEW_PORT = re.compile(
    r"\bнов(?:ый|ого|ому|ым|ом)\s+(?:[а-яё-]+\s+){0,2}?порт(?:а|у|ом|е|ы|ов)?\b", re.IGNORECASE
)


# A line named by its two ends in a sentence where the gazetteer finds no project: "В этом
# году мы сдадим вторые пути железнодорожной ветки Достык–Мойынты" (or in quotes: "участка
# "Достык – Мойынты"", "железной дороги "Достык – Мойынты"") is a line not mapped; so
# is a railway network's main line ("модернизация главной линии увеличила ее пропускную
# способность"), a company's, not one of the corridors mapped.
_UNNAMED_LINE = re.compile(
    r"\b(?:ветк|лини|магистрал|участ|дорог)[а-яё]*\s+[«\"“]?[А-ЯЁ][а-яё]+\s?[-–—]\s?[А-ЯЁ][а-яё]+"
    r"|\b[Гг]лавн(?:ая|ой|ую)\s+лини[а-яё]*"
)
# A company's legal form and the opening quote of its name, perhaps with the company's country
# between: 'ООО Грузии «Железная дорога Марабда-Карцахи»' (held257) names a company, whose name
# holds a line's words, not another line.
_COMPANY_NAME_OPENED = re.compile(
    r"\b(?:ЗАО|ОАО|ООО|ПАО|АО|ТОО|АОЗТ)\s+(?:[А-ЯЁ][а-яё]+\s+)?[«\"„“][^«»\"„“”]*\Z"
)


def _unnamed_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a line by its ends ("ветки Жезказган-Бейнеу",
    :data:`_UNNAMED_LINE`) outside a company's name in quotes (:data:`_COMPANY_NAME_OPENED`)."""
    return any(
        not _COMPANY_NAME_OPENED.search(text, max(0, match.start() - 60), match.start())
        for match in _UNNAMED_LINE.finditer(text, start, end)
    )



# A way other than a pipe that cargo went by: "по железной дороге в порт Батуми - 749,13 тыс.
# тонн", "железнодорожными цистернами", "танкерами".
_OTHER_WAY = re.compile(
    r"\bпо\s+железной\s+дорог|\bжелезнодорожн[а-яё]*\s+(?:транспорт|цистерн)|\bтанкерами\b",
    re.IGNORECASE,
)


def _by_another_way(text: str, start: int, figure: int, link: linking.Link) -> bool:
    """Whether a pipeline's figure (``link``) is said by its own clause (``text[start:figure]``,
    from the figure before it) to have gone another way: in "в том числе … по нефтепроводу
    Баку-Тбилиси-Джейхан - 10 млн 716,4 тыс. тонн, по железной дороге в порт Батуми - 749,13
    тыс. тонн" the railway's volume is no figure of the pipeline named in the item before."""
    pipe = (link.layer or "").endswith("_pipeline")
    return pipe and _OTHER_WAY.search(text, start, figure) is not None


#: Words of generating power: a cable carries power, generates none.
GENERATION = frozenset({"генерация", "генерировать", "выработка"})


def _of_generation(text: str, span: tuple[int, int], link: linking.Link) -> bool:
    """Whether a cable's figure (``link``) stands in a clause (``span``) about power
    generation: "страна … рассчитывает к 2030 году увеличить объёмы генерации" (held586) is
    the country's own plan, no figure of the cable that would carry the power."""
    cable = (link.layer or "").endswith("_cable")
    return cable and bool(range_lemmas(text, *span) & GENERATION)


# A price per unit of what is carried right after a sum: "с 5559 долларов до 3980 долларов за
# 40 футовый контейнер" (held602), "$11,7 за 1 тонну на 1 тыс. км", "0,82 доллара за 1 тонну на
# 1 километр" (held569, held595): a tariff of a service, no cost of the project.
_PER_UNIT = re.compile(
    r"(?:\s+до\s+\$?\d[\d\s,.]*?\s*(?:(?:[а-яё]+|\$|€)\s*)?)?"  # "с 5559 до 3980 долларов"
    r"\s*(?:США\s+)?за\s+(?:(?:1|один|одну|одного)\s+)?(?:\d+\s*-?\s*[а-яё]*\s+)?"
    r"(?:тонн[уы]?|контейнер[а-яё]*|TEU|ДФЭ|вагон[а-яё]*|баррел[а-яё]*|кубометр[а-яё]*|"
    r"километр[а-яё]*|км)\b"
)


# A sum its own clause calls a tariff or a difference of tariffs: "разница между тарифом при
# фрахтовании нашими операторами вагонов составляет от 10 до 15 долларов" (held743, the price
# per tonne of a freight service, no cost of the Aktau port). Searched in the 100 characters
# before the sum only, and within one clause (no sentence end, semicolon or comma-free limit
# beyond that window).
_TARIFF_BEFORE = re.compile(r"\bтариф[а-яё]*\b[^.;!?()]{0,80}\Z", re.IGNORECASE)
_TARIFF_WINDOW = 100


def _per_unit(text: str, item: Quantity) -> bool:
    """Whether a sum (``item``) is a price per unit carried, "за" a tonne, a container, a
    wagon or a kilometre right after it (:data:`_PER_UNIT`), or after the sum a range from it
    goes down or up to, or a sum its clause calls a tariff (:data:`_TARIFF_BEFORE`): a
    tariff, no project's cost."""
    if item.kind != "money":
        return False
    if _PER_UNIT.match(text, item.end) is not None:
        return True
    return _TARIFF_BEFORE.search(text, max(0, item.start - _TARIFF_WINDOW), item.start) is not None


#: Facilities a relative clause may be about, other than the project named before them.
FACILITIES = {"терминал", "комплекс", "причал", "завод", "хаб", "склад"}
# A relative clause right before its figure: ", мощность которого составляет до".
_RELATIVE_CLAUSE = re.compile(r",\s+[а-яё]+\s+котор(?:ого|ой|ых)\b[^,;.]*\Z", re.IGNORECASE)


def _of_another_facility(
    text: str, link: linking.Link, item: Quantity, named: Sequence[linking.Located]
) -> bool:
    """Whether the figure ``item``, linked by the name nearest before it in its sentence
    (``link``), stands in a relative clause about a facility named after that name ("из
    порта Актау на терминал компании Azertrans в Сангачале, мощность которого составляет до
    20 миллионов тонн нефти в год": the terminal's, a facility the catalog does not map)."""
    if link.rule != "sentence, before" or link.position is None:
        return False
    if _RELATIVE_CLAUSE.search(text, link.position, item.start) is None:
        return False  # most figures: no relative clause between the name and them
    name = next((n.match for n in named if n.position == link.position), None)
    if not isinstance(name, Mention):
        return False
    name_end = link.position + len(name.text)
    clause_start = _RELATIVE_CLAUSE.search(text, name_end, item.start)
    if clause_start is None:
        return False
    between = words(text, name_end, clause_start.start())
    return any(lemmas(word.text) & FACILITIES for word in between)


#: Adjectives of a way a network's length may stand with: "1,4 тыс. км железнодорожных путей".
_WAY_ADJECTIVES = {"железнодорожный", "автомобильный", "железный"}


# All the lines of a country or a plan, before their total: "Общая протяженность всех новых
# железнодорожных линий составляет 2,5 тыс. километров".
_ALL_LINES = re.compile(
    r"\bвсе[хм]?\s+(?:[а-яё]+\s+){0,3}?(?:лини|дорог|веток|ветк|путей|магистрал)[а-яё]*\s+"
    r"(?:[а-яё]+\s+){0,3}\Z"
)


def _object_after(text: str, item: Quantity, span: tuple[int, int], layer: str | None) -> bool:
    """Whether a length (``item``, its clause ``span``) names its own object right after it,
    one that is not a feature of ``layer``: a road ("20 км автомобильной дороги"), or pipes
    outside a pipeline's layer ("10 км оросительных труб" in a report on a railway's survey)."""
    if item.kind != "length":
        return False
    following = [lemmas(word.text) for word in words(text, item.end, span[1])[:2]]
    if not following:
        return False
    road = "автодорога" in following[0] or (
        "автомобильный" in following[0] and len(following) > 1 and "дорога" in following[1]
    )
    pipes = any("труба" in found for found in following)
    return road or (pipes and not (layer or "").endswith("_pipeline"))


def _of_a_network(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether a length (``item``, its clause ``span``) counts a way in the plural right after
    it ("В 2024 году будет отремонтировано более 1,4 тыс. км железнодорожных путей") or all
    the lines right before it ("протяженность всех новых железнодорожных линий составляет 2,5
    тыс. километров"): a network's tracks or roads, in a sentence naming no project (the
    caller's test), no project's length."""
    if item.kind != "length":
        return False
    if _ALL_LINES.search(text, span[0], item.start):
        return True
    following = words(text, item.end, span[1])[:2]
    if following and lemmas(following[0].text) & _WAY_ADJECTIVES:
        following = following[1:]
    if not following:
        return False
    way = following[0].text
    return bool(lemmas(way) & WAYS) and is_plural(way)


# A company named by its name in quotes: "в развитие компании «Грузинские железные дороги»
# планируется инвестировать около 1 млрд лари", "АО «НК «ҚТЖ»".
_COMPANY = re.compile(r"\b(?:[Кк]омпани[а-яё]*|АО|ЗАО|ОАО|ТОО|ООО)\s+[«\"“]")
# Or by a quoted name alone that a sum is invested in: "в \"Грузинские железные дороги\" будет
# инвестирован 1 млрд лари ($370 млн)" (held410).
_INVESTED_IN_NAME = re.compile(
    r"\bв\s+[«\"“][^»\"”]{2,60}[»\"”]\s+(?:[а-яё]+\s+){0,2}инвест[а-яё]*\b"
)
#: How far before a sum of money (characters) the company it is put into is read.
_COMPANY_REACH = 120


#: Words of oil fields and their output: a figure of a sentence that says one and names no
#: project is the fields' ("На блоке месторождений АЧГ … производство … сократилось до 17,8 млн
#: тонн", "Консорциум …, который занимается добычей нефти …, экспортировал … 22,1 млн тонн",
#: held261), not the pipeline's the article is about.
_OIL_FIELDS = frozenset({"месторождение", "добыча", "нефтедобыча"})
# An agreement or contract on the development ("разработка") of a field, the field named in a
# sentence before: "Контракт на разработку АЧГ был подписан в 1994 году. 14 сентября 2017 года
# в Баку было подписано новое соглашение о разработке — до 2050 года" (held788): the field's
# agreement, no event of the pipeline the article also names (a project's design is
# "разработка ТЭО", no agreement on it).
_FIELD_AGREEMENT = re.compile(
    r"\b(?:соглашени|контракт)[а-яё]*\s+(?:о|на)\s+разработк[а-яё]*(?!\s+(?:ТЭО|проект))",
    re.IGNORECASE,
)
# A quotation opened after a colon, after the figure: a speaker's own words, another statement.
_QUOTATION_OPENS = re.compile(r":\s*[«\"“„]")
#: How far (characters) after a figure its quotation may open, and before it a field's word.
_QUOTATION_REACH = 200


def _oil_fields_outside_quotation(
    text: str, item: Quantity, sentence: tuple[int, int]
) -> bool:
    """Whether a word of :data:`_OIL_FIELDS` stands in the sentence outside a quotation opened
    after a colon past the figure ``item`` (both within :data:`_QUOTATION_REACH` of it):
    "остались всего 0,3% работ, и они относятся к турецкой части трубопровода: "Первый танкер
    с азербайджанской нефтью из месторождения …" (held637) quotes the minister on the first
    tanker; the share is the works', no field's."""
    # bounded (a sentence of thousands of figures is not read again for each): the quotation
    # within _QUOTATION_REACH after the figure, the field's word looked for from as far before
    quotation = _QUOTATION_OPENS.search(
        text, item.end, min(sentence[1], item.end + _QUOTATION_REACH)
    )
    if quotation is None:
        return True
    before = words(text, max(sentence[0], item.start - _QUOTATION_REACH), quotation.start())
    return any(lemmas(word.text) & _OIL_FIELDS for word in before)


# A percent a year of a loan: "кредит в $575 млн. под 5% годовых", "кредитная ставка – 1%
# годовых" (held255, held257): an interest rate, no share or progress of a project.
_PER_ANNUM = re.compile(r"\s*годовых\b")


def _a_rate_of_interest(text: str, item: Quantity, end: int) -> bool:
    """Whether ``item`` is a percent with "годовых" (a year, of a loan) right after it, before
    ``end``."""
    return item.kind == "percent" and _PER_ANNUM.match(text, item.end, end) is not None


def _share_of_a_change(text: str, item: Quantity, end: int) -> bool:
    """Whether ``item`` is a percent with a noun of change in the genitive right after it
    (:func:`caspian.layers.news.quantities.of_a_change`), before ``end``: "25% роста мирового
    спроса на нефть" (held460), a share of a change, of something else's (the world's demand),
    no share or progress of the project."""
    return item.kind == "percent" and of_a_change().match(text, item.end, end) is not None


def _of_a_company(text: str, item: Quantity, start: int) -> bool:
    """Whether a sum of money (``item``) is put into a company named in quotes within
    :data:`_COMPANY_REACH` before it in its sentence (from ``start``), or into a quoted name
    it is invested in ("в \"Грузинские железные дороги\" будет инвестирован 1 млрд лари",
    held410), in a sentence naming no project (the caller's test): the company's money, not a
    project's."""
    floor = max(start, item.start - _COMPANY_REACH)
    if item.kind != "money":
        return False
    return (
        _COMPANY.search(text, floor, item.start) is not None
        or _INVESTED_IN_NAME.search(text, floor, item.start) is not None
    )


# A line named by its two ends, spaced dash or not: "Аркалык - Шубарколь протяженностью 214 км".
_ENDS = re.compile(r"\b[А-ЯЁ][а-яё]+\s?[-–—]\s?[А-ЯЁ][а-яё]+\b")
#: How far before a figure (characters) another line named by its ends is read.
_ENDS_REACH = 60
# More stops of the name itself, dashed on right after the part the gazetteer matched:
# "железной дороги Карс-Игдыр-Аралык-Дилуджу составит 224 километра" (held542).
_NAME_GOES_ON = re.compile(r"(?:\s?[-–—]\s?[А-ЯЁ][а-яё]+)+")


def _another_line_between(
    text: str, link: linking.Link, named: Sequence[linking.Located], figure: int
) -> bool:
    """Whether another line named by its ends (no name the gazetteer knows: the link took the
    nearest) stands between the name ``link`` took from the figure's sentence (``named``) and
    the figure at ``figure`` ("по новым железным дорогам - Жезказган - Бейнеу протяженностью
    988 км и Аркалык - Шубарколь протяженностью 214 км": the 214 km are the other line's)."""
    if link.rule != "sentence, before" or link.position is None:
        return False
    # names are in text order: the one linked is found by bisection, not by reading them all
    index = bisect.bisect_left(named, link.position, key=lambda located: located.position)
    name = named[index].match if index < len(named) else None
    if not isinstance(name, Mention):
        return False
    name_end = name.text_end
    goes_on = _NAME_GOES_ON.match(text, name_end)
    if goes_on is not None:  # the name's own further stops are not another line's ends
        name_end = goes_on.end()
    return _ENDS.search(text, max(name_end, figure - _ENDS_REACH), figure) is not None


# Shipments between two ports named as their ends: "из порта Актау в порт Баку", "между
# портами Туркменбаши (Туркменистан) и Алят (Азербайджан)" (held691), a country in brackets
# after either.
_PORT_TO_PORT = re.compile(
    r"\bиз\s+порта\s+[А-ЯЁ][а-яё]+\s+в\s+порт\s+[А-ЯЁ][а-яё]+"
    r"|\bмежду\s+портами\s+[А-ЯЁ][а-яё]+(?:\s*\([^()]{1,40}\))?\s+и\s+[А-ЯЁ][а-яё]+"
)
#: The kinds a route between two ports carries: its shipments and their growth.
_ROUTE_KINDS = (*FLOWS, "growth")
# A verb of a project that holds a part: "Проект … включает строительство железнодорожной
# ветки Карс-Ахалкалаки" (held476).
_INCLUDES = re.compile(r"\bвключа(?:ет|ют|л[аио]?)\b", re.IGNORECASE)
#: How far after the start of the project's name (characters: the name and a word or two)
#: its verb of holding a part is read.
_INCLUDES_REACH = 80


def _included(text: str, link: linking.Link, figure: int) -> bool:
    """Whether the project named at ``link.position`` is said, right after its name, to include
    (:data:`_INCLUDES`) what follows up to the figure at ``figure``: the line named by its ends
    there is a part of it, not another line."""
    if link.position is None:
        return False
    stop = min(figure, link.position + _INCLUDES_REACH)
    return _INCLUDES.search(text, link.position, stop) is not None


def _new_port_before(text: str, start: int, figure: int) -> bool:
    """Whether ``text[start:figure]`` (a figure's clause before it) names a new port."""
    return _NEW_PORT.search(text, start, figure) is not None


def _section_of_part(
    text: str, floor: int, item: Quantity, scope: str | None, before: Claim
) -> tuple[Claim, str | None]:
    """``before`` (the claim before ``item`` in its sentence, ending at ``floor``) and
    ``item``'s scope, the section moved to ``before`` when ``item`` is the whole's length
    named after that part's ("Более 500 километров железной дороги общей протяженностью около
    850 километров проходят по территории Азербайджана": the 500 km are the section)."""
    moved = (scope or "").startswith("section:") and before.scope is None
    if moved and before.kind == item.kind and whole_after_part(text, floor, item.start):
        return dataclasses.replace(before, scope=scope), None
    return before, scope


# A clause set against the one before it: "общий объем транзита вырос на 50%, а по
# Транскаспийскому маршруту — в шесть раз".
_CONTRAST = re.compile(r",\s+а\s")


def _contrasted(text: str, item: Quantity, named: Sequence[linking.Located]) -> bool:
    """Whether every project of the sentence is named after ``item`` past a contrast
    (:data:`_CONTRAST`): the figure is the whole the project is set against, not its own."""
    after = [name.position for name in named if name.position > item.end]
    return bool(after) and len(after) == len(named) and all(
        _CONTRAST.search(text, item.end, position) for position in after
    )


def _one_of_listed(text: str, item: Quantity, named: Sequence[linking.Located], end: int) -> bool:
    """Whether every project of the sentence is named after ``item`` inside one parenthesis,
    opened after the figure and ending by ``end``, that lists several ways ("порядка 300 тыс.
    тонн был перенаправлен … в экспортном направлении (Германия, Китай, Баку-Тбилиси-Джейхан,
    через порты Новороссийск и Усть-Луга)"): the figure went by all of them, not the project's."""
    after = [name.position for name in named if name.position > item.end]
    if not after or len(after) != len(named):
        return False
    opened = text.rfind("(", item.end, after[0])
    if opened < 0 or text.find(")", opened, after[-1]) >= 0:
        return False
    closed = text.find(")", after[-1], end)
    return "," in text[opened : closed if closed >= 0 else end]


def _rate_of_change_start(item: Quantity, before: Claim) -> Quantity:
    """``item`` counted per year when it is the "до" end of a change whose "с" end
    (``before``, the claim before it in its sentence) is: "годовая мощность … со 100 тыс. TEU
    до 150 тыс. TEU" (the word that makes the first a yearly rate stands before both)."""
    yearly = f"{item.unit}/yr"
    if before.context.get("state") and before.kind == item.kind and before.unit == yearly:
        return dataclasses.replace(item, unit=yearly)
    return item


#: The ``measure`` of a volume stated for a feature's opening (:data:`_AT_OPENING`).
AT_OPENING = "at opening"
# A volume's clause that dates it to the feature's opening: "с открытием железой дороги БТК",
# "при вводе в эксплуатацию", "после запуска".
_AT_OPENING = re.compile(
    r"\b(?:с|со|при|после)\s+(?:открыти|запуск|ввод)[а-яё]*\b", re.IGNORECASE
)


# A part of the total before it: "15 миллионов тонн грузов в год, в том числе 100 тысяч единиц
# 20-футовых контейнеров".
_INCLUDING = re.compile(r"\s*,?\s*в\s+том\s+числе\s*\Z")


def _part_of_yearly_total(text: str, item: Quantity, before: Claim) -> Quantity:
    """``item`` counted per year when it is listed "в том числе" right after a yearly total
    (``before``, the claim before it in its sentence)."""
    if not (before.unit or "").endswith("/yr") or item.kind not in ("mass", "containers"):
        return item
    if (item.unit or "").endswith("/yr") or not _INCLUDING.search(text, before.end, item.start):
        return item
    return dataclasses.replace(item, unit=f"{item.unit}/yr")


def _per_year_of_other_stage(
    yearly: Quantity | Claim, plain: Quantity | Claim, stages: tuple[str | None, str | None]
) -> bool:
    """Whether ``plain`` takes ``yearly``'s unit: the same kind and measure of another stage
    (``stages``: the two figures' scopes), ``yearly`` counted per year and ``plain`` not."""
    unit, other = yearly.unit or "", plain.unit
    first, second = stages[0] or "", stages[1] or ""
    return (
        unit.endswith("/yr")
        and other == unit[: -len("/yr")]
        and yearly.kind == plain.kind
        and first.startswith("stage:")
        and second.startswith("stage:")
        and first != second
    )


def _yearly_stage_before(item: Quantity, scope: str | None, before: Claim) -> Claim:
    """``before`` (the claim before ``item`` in its sentence) counted per year when it is the
    same measure of another stage and ``item`` is a yearly rate: "На первом этапе …
    предполагается перевозить … 6,5 миллиона тонн грузов, на втором этапе объем
    грузоперевозок может достигнуть 17 миллионов тонн … в год" (one capacity by stage)."""
    if _per_year_of_other_stage(item, before, (before.scope, scope)):
        return dataclasses.replace(before, unit=item.unit)
    return before


def _yearly_as_stage_before(item: Quantity, scope: str | None, before: Claim) -> Quantity:
    """``item`` counted per year when the claim before it in its sentence (``before``) is the
    same measure of another stage, counted per year: "На первом этапе по нему будет
    перевозиться ежегодно 5 млн. тонн грузов, а в последующем - до 17 млн" (held280)."""
    if _per_year_of_other_stage(before, item, (before.scope, scope)):
        return dataclasses.replace(item, unit=before.unit)
    return item


# A figure said to be the same measure as the sentence before's: "Пиковая пропускная способность
# коридора составит 17 миллионов тонн грузов в год. На начальном этапе этот показатель будет
# находиться на уровне … 6,5 миллиона тонн грузов".
_THIS_MEASURE = needs_words(
    re.compile(r"\b(?:этот|данный)\s+показател[ья]\b", re.IGNORECASE), ("этот", "данный")
)
# A measure raised to a figure, named "показатель" right after the verb that raises it: "в
# течение ближайших двух лет планируется увеличить показатель до 260 000 TEU" (held567).
_RAISE_THE_MEASURE = needs_words(
    re.compile(
        r"\b(?:увеличить|нарастить|довести|удвоить|утроить)\s+показател[ьи]\b", re.IGNORECASE
    ),
    ("показатель", "показатели"),
)
#: The link rule of a figure its sentence calls "этот показатель": the figure before's.
THIS_MEASURE_LINK = "this measure, previous sentence's figure"


def _this_measure_before(
    text: str, sentence: tuple[int, int], item: Quantity, before: Claim, index: int
) -> Claim | None:
    """The linked figure of the sentence before that ``item`` (in sentence ``index``) is
    said to be again, "этот показатель" before it ("С начала года через порт перевезено
    свыше 1 миллиона тонн груза. Этот показатель планируется увеличить до 2 миллионов 300
    тысяч тонн", held221: the Kuryk port's volume, not the Middle Corridor the article
    opened with): ``before``, when it is of ``item``'s kind; else None."""
    if before.kind != item.kind or before.layer is None or before.sentence != index - 1:
        return None
    if not may_search(_THIS_MEASURE, text, sentence[0], item.start):
        return None
    return before if _THIS_MEASURE.search(text, sentence[0], item.start) else None


def _scope_of_measure_changed(
    text: str, span: tuple[int, int], before: Claim, index: int
) -> str | None:
    """The section or share of ``before``, the last claim of the sentence before, when a
    growth's clause (``span``) changes "этот показатель", that figure: "… контейнерный трафик
    на казахстанском участке TITR вырос на 62%, достигнув 4,5 миллионов тонн. Власти
    планируют удвоить этот показатель в течение трех лет" (held416) is the Kazakh section's
    plan; else None."""
    if before.sentence != index - 1 or before.kind not in FLOWS:
        return None
    if not (before.scope or "").startswith(("section:", "share:")):
        return None
    if not may_search(_THIS_MEASURE, text, *span) or not _THIS_MEASURE.search(text, *span):
        return None
    return before.scope


# A sentence that opens by comparing "это" (what the sentence before stated) with a year
# before: "Это на один млн 73 тысячи тонн или на 64 процента больше, чем годом ранее" (held425).
_THIS_IS_MORE = needs_words(re.compile(r"\s*Это\s+на\s", re.IGNORECASE), ("это",))


def _scope_of_this_compared(
    text: str, sentence: tuple[int, int], claims: Sequence[Claim], index: int
) -> str | None:
    """The section or share of the last volume of the sentence before, when ``sentence``
    opens "Это на …" (:data:`_THIS_IS_MORE`): its increase and growth are that volume's ("С
    начала 2023 года по ТМТМ через Казахстан перевезли 2,7 миллиона тонн грузов. Это на один
    млн 73 тысячи тонн или на 64 процента больше, чем годом ранее", held425: the Kazakh
    section's); else None."""
    if not may_search(_THIS_IS_MORE, text, *sentence):
        return None
    if _THIS_IS_MORE.match(text, *sentence) is None:
        return None
    before = [claim for claim in claims if claim.sentence == index - 1 and claim.kind in FLOWS]
    if not before or not (before[-1].scope or "").startswith(("section:", "share:")):
        return None
    return before[-1].scope


def _rate_referred_back(text: str, item: Quantity, start: int, before: Claim | None) -> Quantity:
    """``item`` counted per year when its sentence (from ``start``) calls it "этот
    показатель" before it and the last volume of the sentence before (``before``) is a yearly
    rate of its kind."""
    if before is None or before.kind != item.kind or not (before.unit or "").endswith("/yr"):
        return item
    if item.unit != (before.unit or "")[: -len("/yr")]:
        return item
    if not may_search(_THIS_MEASURE, text, start, item.start):
        return item
    if _THIS_MEASURE.search(text, start, item.start) is None:
        return item
    return dataclasses.replace(item, unit=before.unit)


def _context(document: NewsDocument, found: Sequence[Quantity]) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for item in found:
        written = " ".join(document.text[item.start : item.end].split())
        if item.kind == "period":
            context["period"] = {"months": item.value, "year": item.extra.get("year"),
                                 "text": written}  # fmt: skip
        elif item.kind == "since":
            context["since"] = int(item.value)
            if item.extra.get("relative_to"):  # "за последние семь лет": up to the page's year
                context["until"] = int(item.extra["relative_to"][:4])
            elif item.extra.get("until_published") and document.date:
                context["until"] = int(document.date[:4])  # "с 2022 года по сегодняшний день"
        elif item.kind in ("duration", "deadline"):
            context["horizon"] = {"kind": item.kind, "value": item.value, "unit": item.unit,
                                  "value_max": item.value_max, "text": written}  # fmt: skip
    return context


def _of_its_time(item: Quantity, scope: str | None) -> bool:
    """Whether a figure that states no period is its article's when published: a volume (not
    a yearly rate) or a share of a whole ("81,6% от общего объема нефти", scope None)."""
    volume = item.kind in FLOWS and not (item.unit or "").endswith("/yr")
    return volume or (item.kind == "percent" and scope is None)


# A figure in a relative clause about the name right before it: "крупнейший порт Западной
# Европы Роттердам, мощность которого составляет 134 млн тонн нефти в год" (held411).
_WHOSE_CLAUSE = needs_words(
    re.compile(
        r"(?<!\w)([А-ЯЁ][а-яё]+)\s*,\s*(?!из\s)(?:[а-яё]+\s+){0,2}(?:которого|которой|которых)"
        r"(?:\s+[а-яё]+){0,3}\s*\Z"
    ),
    ("которого", "которой", "которых"),
)


def _of_a_place_named_before(
    text: str, item: Quantity, span: tuple[int, int], mentions: Sequence[Mention]
) -> bool:
    """Whether ``item`` stands in a relative clause of whose ("…, мощность которого
    составляет") the name right before it (within ``span``) is the antecedent, a name no
    mention covers: "Порт Джейхан превзойдет крупнейший порт Западной Европы Роттердам,
    мощность которого составляет 134 млн тонн нефти в год" (held411) is Rotterdam's, no
    figure of the BTC pipeline the sentence before named."""
    if not may_search(_WHOSE_CLAUSE, text, span[0], item.start):
        return False
    found = _WHOSE_CLAUSE.search(text, span[0], item.start)
    if found is None:
        return False
    return not any(
        mention.position <= found.start(1) < mention.position + len(mention.text)
        for mention in mentions
    )


# A road told by its lanes: "Протяженность 2-3 полосной дороги составляет 32 км" (held418).
_LANED_ROAD = needs_words(
    re.compile(r"\b(?:[\d-]+\s*|[а-яё]+)полосн[а-яё]*\s+(?:[а-яё]+\s+)?дорог", re.IGNORECASE),
    ("полосной", "полосная", "полосную", "полосных", "полосного", "полосный", "полосное"),
)


def _laned_road(text: str, start: int, figure: int) -> bool:
    """Whether the sentence before a figure (``text[start:figure]``) names a road by its
    lanes ("Протяженность 2-3 полосной дороги составляет 32 км, из них 10-км участок должен
    быть построен Арменией", held418): a motor road's figures, no corridor's line."""
    return may_search(_LANED_ROAD, text, start, figure) and bool(
        _LANED_ROAD.search(text, start, figure)
    )


# A volume said of the present, no period named: "В настоящее время по нему прокачивается
# около 25 млн тонн нефти" (held404), a state on the day, no year's total.
_NOW = needs_words(
    re.compile(
        r"\b(?:в\s+настоящее\s+время|сейчас|на\s+сегодняшний\s+день|на\s+(?:данный|текущий)"
        r"\s+момент|в\s+данный\s+момент)\b",
        re.IGNORECASE,
    ),
    ("настоящее", "сейчас", "сегодняшний", "данный", "текущий"),
)


def _said_of_now(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the figure ``item``'s own clause (within ``span``) says it is the present's
    ("В настоящее время по нему прокачивается около 25 млн тонн нефти", held404): a state on
    the day the article was written, which a year's total of another article is not; a
    capacity or an agreed volume so said stays what it is."""
    if item.kind not in FLOWS or _names_in_own_clause(text, item, span, CAPACITY | CONTRACT):
        return False  # a capacity or an agreed volume is no volume carried (_flow_measure)
    begin, _ = _own_clause(text, item.start, item.end, span)
    return may_search(_NOW, text, begin, item.start) and bool(
        _NOW.search(text, begin, item.start)
    )


def _when_published(document: NewsDocument) -> dict[str, Any]:
    """A volume that states no period is its article's figure when it was published: the
    year of the publication date, or of an excerpt that prints none the last year its text
    writes (:func:`caspian.layers.news.timing.latest_year_written`) —
    ``{"published": year}`` (:func:`caspian.layers.news.agreement.window_of`); ``{"published":
    None}`` when neither is known (held265: an excerpt of 2002 that writes no year), a figure
    of an unknown time, which no year's figure is set against."""
    if document.date:
        return {"published": int(document.date[:4])}
    return {"published": timing.latest_year_written(document.text)}


def _change_dated(kind: str, document: NewsDocument, context: dict[str, Any]) -> dict[str, Any]:
    """``context`` with the year of a change over some months of a year that names none ("за
    9 месяцев", "в январе-сентябре ... на 22 процента ниже") set to its article's year of
    publication: a part of a year is the one running when the article was written, and a
    change over nine months of 2025 is no figure of nine months of 2012 (held218 against
    dev10). An article that prints no year leaves it unknown."""
    period = context.get("period")
    if kind != "growth" or not period or period.get("year") is not None or not document.date:
        return context
    months = period.get("months")
    if not isinstance(months, (int, float)) or not 0 < months < WHOLE_YEAR_MONTHS:
        return context
    return {**context, "period": {**period, "year": int(document.date[:4])}}


#: Qualifiers of a deadline that is a forecast's horizon ("к 2030 году", "к концу года").
_HORIZONS = ("by", "end of")


#: The key of a period that is a rate per month, not a window of the calendar.
RATE = "rate"


def _flow_period(
    document: NewsDocument,
    item: Quantity,
    span: tuple[int, int],
    years: list[tuple[int, int, int]],
    horizons: list[int],
    horizon_years: Sequence[int] = (),
    scope: str | None = None,
) -> dict[str, Any]:
    """The months (:func:`caspian.layers.news.timing.months_stated`) or else the whole year
    a volume (or a change, or a share of a volume: a percent of ``scope`` ``share:``) is
    counted for, as a claim's ``period``, or nothing; a forecast
    with no year of its own is the volume of the one year its sentence's horizon names ("достигнет 8
    миллионов тонн к концу этого года": that year's, ``horizon_years``)."""
    if item.kind not in (*FLOWS, "growth") and not is_share(item.kind, scope):
        return {}  # a change in a year is over that year
    if yearly_change(document.text, item):  # as "в месяц" is a month, of no year named
        return {"period": {"months": 12, "year": None, "text": "a year"}}
    published = (int(document.date[:4]), int(document.date[5:7])) if document.date else None
    window = timing.months_stated(document.text, *span, published)
    if window is not None:  # "в июле … 308 тысяч тонн": a month's volume, not a year's
        months, year = window
        if timing.monthly_rate(document.text, *span):
            # "Объем транспортировки составляет около 200 тыс. тонн в месяц" (held301): a rate,
            # no figure of one month of the calendar ("В январе … 2,577 млн. тонн", held98)
            return {"period": {"months": months, "year": year, "text": "a month", RATE: True}}
        return {"period": {"months": months, "year": year, "text": f"{months} months"}}
    if timing.year_to_date(document.text, *span):  # "С начала года … перевезено 4,1 млн тонн"
        year = published[0] if published else None
        return {"period": {"months": None, "year": year, "text": "since the start of the year"}}
    found = timing.figure_year(years, (item.start, item.end), span, horizons)
    if found is None and len(set(horizon_years)) == 1:
        found = horizon_years[0], "horizon"
    if found is None:
        return {}
    year, how = found
    return {"period": {"months": 12, "year": year, "text": f"{year} ({how})"}}


# "за отчетный период", "за рассматриваемый период": the period the article stated before.
_THE_PERIOD_SAID = re.compile(
    r"\bза\s+(?:отч[её]тный|рассматриваемый|указанный|этот|данный)\s+период\b", re.IGNORECASE
)


def _period_said_before(
    text: str, sentence: tuple[int, int], item: Quantity, claims: Sequence[Claim]
) -> dict[str, Any]:
    """The period of a volume or change (``item``) counted "за отчетный период" in
    ``sentence``: that of the last claim before it that states one and is no state before a
    change ("в 2025 году сократился … до 27,179 миллиона тонн …. Объем прокачки транзитной
    нефти по БТД за отчетный период сократился до 4,122 миллиона тонн"); else nothing."""
    if item.kind not in (*FLOWS, "growth") or not _THE_PERIOD_SAID.search(text, *sentence):
        return {}
    for claim in reversed(claims):
        if claim.context.get("period") and not claim.context.get("state"):
            return {"period": claim.context["period"]}
    return {}


def _last_volume_since(claims: Sequence[Claim], first: int, index: int) -> Claim | None:
    """The last volume (:data:`FLOWS`) among ``claims`` (in order) of the sentences from
    ``first`` up to before sentence ``index``, read back only that far."""
    for claim in reversed(claims):
        if claim.sentence is None or claim.sentence < first:
            return None
        if claim.sentence < index and claim.kind in FLOWS:
            return claim
    return None


def _share_again(
    text: str, item: Quantity, volume: Claim | None, link: linking.Link
) -> str | None:
    """The share of ``volume`` (the last volume of the three sentences before) for a volume of cargo
    (``item``, linked by ``link``) of a sentence that says "также": the same shipper's again
    ("Объем транспортировки казахстанской нефти по … БТД … составит порядка 1,5 млн тонн … На
    2026 год также запланирована транспортировка 1,5 млн тонн нефти по маршруту БТД"); else
    None."""
    if item.kind not in FLOWS or volume is None or not (volume.scope or "").startswith("share:"):
        return None
    if (volume.layer, volume.feature) != (link.layer, link.feature):
        return None
    # the cargo word right after the figure, or inside it before its "в год"
    cargo = any(lemmas(word.text) & CARGO for word in words(text, item.start, item.end + 12))
    return volume.scope if cargo else None


def _company_again(volume: Claim | None, link: linking.Link) -> str | None:
    """The company share of ``volume`` (the last volume of the sentence before) for a volume
    of a sentence that names no project, about the same one (``link``): the company's report
    goes on ("… (SOCAR) экспортировала по трубопроводу Баку-Тбилиси-Джейхан (BTC) 18,552 млн.
    т. … В январе экспорт был в объеме 1,9097 млн. т, в феврале – …"); else None."""
    if volume is None or (volume.layer, volume.feature) != (link.layer, link.feature):
        return None
    share = volume.scope or ""
    return share if share.removeprefix("share:") in SHIPPER_COMPANIES.values() else None


def _window_of_sentence_before(volume: Claim | None, link: linking.Link) -> dict[str, Any]:
    """The window shorter than a year of ``volume``, the last volume of the sentence before,
    when it is about the same project (``link``), for a volume or change that states no
    period nor year: the report goes on over that window ("за первые шесть месяцев 2025 года
    объем перевозок по маршруту составил 926 тысяч тонн … Особенно заметен рост контейнерных
    перевозок - перевезено 40 200 ДФЭ"); else nothing."""
    if volume is None or volume.context.get("state"):
        return {}
    period = volume.context.get("period")
    partial = period and period.get("months") != WHOLE_YEAR_MONTHS
    same = (volume.layer, volume.feature) == (link.layer, link.feature)
    return {"period": period} if partial and same else {}


#: The months of a whole year.
WHOLE_YEAR_MONTHS = 12
#: Words of a time a sentence may count its figures over, read or not.
TIME_WORDS = {"год", "месяц", "квартал", "полугодие", "неделя", "период"}


#: What makes a volume the same figure restated: kind, unit, layer, feature and value.
Restated = tuple[str, str | None, str | None, str | None, float]


def _restated_key(kind: str, unit: str | None, link: linking.Link, value: float) -> Restated:
    return (kind, unit, link.layer, link.feature, value)


def _period_restated(
    item: Quantity, link: linking.Link, stated: dict[Restated, dict[str, Any]]
) -> dict[str, Any]:
    """The period of a volume (``item``, linked by ``link``) stated with no period of its own
    that its article stated before with one (``stated``: the last period of each figure): the
    same value, unit and feature ("на 2026 год перевозки по нему планируются на уровне 5,2 млн
    тонн. … При этом непосредственно по ТМТМ грузопоток вырастет до 5,2 млн тонн"); else
    nothing."""
    period = stated.get(_restated_key(item.kind, item.unit, link, item.value))
    return {"period": period} if period else {}


@dataclass(frozen=True)
class SkippedFigure:
    """A figure the reader refuses to make a claim of, and why (see :func:`implausible`)."""

    document: str
    text: str
    sentence: int
    start: int
    end: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


class ClaimReading(NamedTuple):
    """The claims of one document and the figures skipped on the way."""

    claims: list[Claim]
    skipped: list[SkippedFigure]


def implausible(item: Quantity) -> str | None:
    """Why ``item`` cannot be a claim (a value that is not finite, or beyond
    :data:`MAX_VALUE`), else None."""
    for value in (item.value, item.value_max):
        if value is None:
            continue
        if not math.isfinite(value):
            return "the value is not a finite number"
        if abs(value) > MAX_VALUE:
            return f"the value {value:.3g} exceeds {MAX_VALUE:.0e}, more than any real figure"
    return None


def find_claims(
    document: NewsDocument,
    mentions: Sequence[Mention] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Claim]:
    """Every numeric claim of ``document``'s body, linked to features and topics."""
    return read_claims(document, mentions, gazetteer).claims


#: Why a figure whose unit is the excerpt's last word is not read.
CUT_UNIT = "the text ends inside the figure's unit: the word may be cut"


def cut_at_the_end(text: str, item: Quantity) -> bool:
    """Whether ``item``'s unit is the last word of ``text``, with no stop after it: an excerpt
    cut inside a word ("каждый - объемом до одного м", of "миллиона") leaves a unit that may
    be only the start of another word, so it is not read (docs/news-annotation.md: "a cut
    word is not read")."""
    written = text[item.start : item.end]
    # the rest of the text is spaces only (matched from the figure on, not copied: a copy of
    # the rest for each figure was quadratic in the text's length)
    return bool(written) and written[-1].isalpha() and bool(_ONLY_SPACES.match(text, item.end))


#: What is left of a text after a figure it ends with: spaces (str.isspace, as \s), or nothing.
_ONLY_SPACES = re.compile(r"\s*\Z")
#: Why a share whose text ends one word after it is not read.
CUT_SHARE = "the text ends inside the word after the share: what it is a share of may be cut"
# One word and nothing after it, the excerpt's last: "сегодня более 80 процентов тов" (held706).
_ONE_WORD_LEFT = re.compile(r"\s+[^\W\d_]+\s*\Z")


def _share_of_a_cut_word(text: str, item: Quantity) -> bool:
    """Whether ``item`` is a share followed by one word with no stop and the end of ``text``:
    the excerpt was cut inside that word, what the share is of ("более 80 процентов тов", of
    "товаров", held706), so the share is not read, as a cut word is not."""
    return item.kind == "percent" and bool(_ONE_WORD_LEFT.match(text, item.end))


def _plausible(
    document: NewsDocument, index: int, found: Sequence[Quantity], skipped: list[SkippedFigure]
) -> list[Quantity]:
    kept = []
    for item in found:
        reason = (
            implausible(item)
            or (CUT_UNIT if cut_at_the_end(document.text, item) else None)
            or (CUT_SHARE if _share_of_a_cut_word(document.text, item) else None)
        )
        if reason is None:
            kept.append(item)
            continue
        start, end = document.original_span(item.start, item.end)
        written = " ".join(document.text[item.start : item.end].split())
        skipped.append(SkippedFigure(document.id, written, index, start, end, reason))
    return kept


def _date_in_year(published: str, day_month: tuple[int, int]) -> dt.date | None:
    """The ``(day, month)`` in the publication's year, or the year before when that falls
    after the publication (``published``, ISO); None when there is no such day."""
    on = dt.date.fromisoformat(published[:10])
    try:
        found = dt.date(on.year, day_month[1], day_month[0])
        return found if found <= on else found.replace(year=on.year - 1)
    except ValueError:  # "30 февраля", or 29 February of a year before that has none
        return None


def _date_under_heading(text: str, start: int, day_month: tuple[int, int]) -> dt.date | None:
    """The ``(day, month)`` at ``start`` of a page that states no date, in the year of the
    heading in capitals above it ("ЯНВАРЬ — ИЮНЬ 2021 ГОДА" over "14 февраля Президент …
    приняли участие в закладке фундамента", held227); None without one."""
    year = timing.heading_year(text, start)
    if year is None:
        return None
    try:
        return dt.date(year, day_month[1], day_month[0])
    except ValueError:
        return None


def _resolved(
    document: NewsDocument, index: int, found: Sequence[Quantity], skipped: list[SkippedFigure]
) -> list[Quantity]:
    """``found`` with each deadline relative to the publication ("до конца года", "в
    следующем году") made a year, and each event dated by a day and month alone ("29 января
    … подписаны") dated in the last year up to it, by the page's date; skipped when the page
    states none."""
    year = int(document.date[:4]) if document.date else None
    kept = []
    for item in found:
        offset = item.extra.get("relative_years")
        day_month = item.extra.get("day_month")
        dated = _date_in_year(document.date, day_month) if document.date and day_month else None
        if day_month and year is None:  # a chronicle's entry under a heading of its year
            dated = _date_under_heading(document.text, item.start, day_month)
            if dated is not None:
                extra = {**item.extra, "date": dated.isoformat()}
                kept.append(dataclasses.replace(item, value=float(dated.toordinal()), extra=extra))
                continue
        if offset is None and day_month is None:
            kept.append(item)
        elif year is None or (day_month and dated is None):
            start, end = document.original_span(item.start, item.end)
            written = " ".join(document.text[item.start : item.end].split())
            reason = f"a {item.kind} relative to the publication, and the page states no date"
            skipped.append(SkippedFigure(document.id, written, index, start, end, reason))
        elif dated is not None:
            extra = {**item.extra, "date": dated.isoformat(), "relative_to": document.date}
            kept.append(dataclasses.replace(item, value=float(dated.toordinal()), extra=extra))
        else:
            assert offset is not None  # an item of a day and month alone was dated above
            extra = {**item.extra, "relative_to": document.date}
            kept.append(dataclasses.replace(item, value=float(year + offset), extra=extra))
    return kept


#: Words of what a project can carry: a volume in a clause that names one is its capacity,
#: no volume carried or to be carried ("пропускная способность … может быть увеличена до 150
#: тысяч TEU" against "рост показателей до 100 тысяч TEU к концу года"; "Гавань способна
#: обработать порядка 12 млн тонн"; "есть возможность довести физические поставки до 7 млн
#: тонн": what can be reached; "Ежегодно по нему можно прокачивать на мировые рынки до 50
#: миллионов тонн каспийской нефти": what can be pumped).
CAPACITY = {"мощность", "способность", "способный", "возможность", "можно"}
#: Words of an agreed volume: a volume whose own clause names a contract is what was agreed
#: ("по контракту у нас закреплено 2,2 млн тонн", "договоренности … предусматривают поставки
#: до 2,2 млн тонн нефти в год"), no volume carried nor one intended by a state.
CONTRACT = {"контракт", "договор", "договорённость", "договоренность", "соглашение"}
#: Words of a volume a party only thinks of: "Казахстан думает об увеличении экспорта нефти
#: … до 20 миллионов тонн в год" (held330), no volume intended nor carried.
CONSIDERED = {"думать", "обдумывать"}
# A period's result said before it is known, in the future tense: "по итогам 2025 года
# составит порядка 1,5 млн тонн" (held09), "в уходящем году … составит 1,5 млн т" (held367).
_RESULT_AHEAD = needs_words(
    re.compile(r"\b(?:по\s+итогам|в\s+уходящем\s+году)\b", re.IGNORECASE),
    ("итогам", "уходящем"),
)
_WILL_AMOUNT = re.compile(r"\bсостав(?:ит|ят)\b", re.IGNORECASE)


def _result_expected(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether the volume ``item`` is a period's result expected before it is known: its own
    clause (within ``span``) says it will amount to it ("составит") "по итогам" of the period
    or "в уходящем году" ("Объем транспортировки казахстанской нефти по трубопроводу … по
    итогам 2025 года составит порядка 1,5 млн тонн, что соответствует планам", held09). Such
    a figure is neither the plan made for the period (held424's "На 2025 год Казахстан
    планировал прокачать … 1,7 миллиона тонн") nor the figure reported after it (held313's
    1.3 Mt), docs/news-annotation.md: expected against planned or achieved."""
    begin, _ = _own_clause(text, item.start, item.end, span)
    if not may_search(_RESULT_AHEAD, text, begin, item.start):
        return False
    found = _RESULT_AHEAD.search(text, begin, item.start)
    return found is not None and _WILL_AMOUNT.search(text, found.end(), item.start) is not None


#: Words of containers: a change whose own clause names them is of the containers carried
#: ("рост контейнерных перевозок в два раза"), no change of the whole freight.
CONTAINERS = {"контейнер", "контейнерный"}
#: Words of an increase: a figure in its own unit right after "на" in a sentence that holds
#: one is the size of the increase ("увеличит пропускную способность Среднего коридора на 15
#: млн тонн в год"), no state of the project.
INCREASES = {
    "увеличить", "увеличиться", "увеличивать", "увеличение", "нарастить", "наращивание",
    "расширить", "расширение", "повысить", "повышение", "рост", "прирост", "вырасти",
}  # fmt: skip
# The "на" of a change's size, right before its figure.
_CHANGE_BY = re.compile(r"\bна\s*\Z", re.IGNORECASE)


def _cause(
    named: Sequence[linking.Located], layer: str | None, subject: tuple[str, str | None] | None
) -> tuple[str, str | None] | None:
    """What may bring a change to a figure of ``layer``: the first project of another layer
    its sentence names (``named``), else the article's ``subject`` when of another layer;
    None when neither is. Asked only of a figure that is an increase (a sentence may name
    thousands of projects; one is read)."""
    for located in named:
        if isinstance(located.match, Mention) and located.match.layer != layer:
            return located.match.layer, located.match.feature
    return subject if subject and subject[0] != layer else None


#: The link rule of a figure whose sentence goes on about the one before's by a pronoun.
PRONOUN_LINK = "pronoun, previous sentence's figure"
# A personal pronoun as a word: "К 2030 году он может утроиться".
_PRONOUN = re.compile(r"\b(?:он|она|оно|они)\b", re.IGNORECASE)


def _continued(
    text: str, sentence: tuple[int, int], item: Quantity, before: Claim, index: int
) -> Claim | None:
    """The figure of the sentence before that a change ``item`` (in sentence ``index``)
    goes on about: its sentence refers to it by a personal pronoun before the figure ("…
    объем грузоперевозок по Среднему коридору … уже вырос в четыре раза. "К 2030 году он
    может утроиться…""), and ``before``, the last claim of the sentence before, is a linked
    change; else None."""
    if item.kind != "growth" or before.kind != "growth" or before.layer is None:
        return None
    if before.sentence != index - 1 or not _PRONOUN.search(text, sentence[0], item.start):
        return None
    return before


def _topic_of(claim: Claim) -> Match | None:
    """``claim``'s topic as the gazetteer match :func:`linking.link_topic` gives."""
    return None if claim.topic is None else Match(("topic", claim.topic), claim.topic, 0, 0)


def _flow_measure(
    document: NewsDocument,
    item: Quantity,
    span: tuple[int, int],
    said: frozenset[str],
    cause: Callable[[], tuple[str, str | None] | None],
    state_before: bool = False,
) -> dict[str, Any]:
    """What a physical figure measures beyond its kind and unit, as a claim's context: a
    volume in a clause that names a capacity (:data:`CAPACITY`) has ``measure``
    ``capacity``, one a party only thinks of (:data:`CONSIDERED`; not the state before the
    change it thinks of, ``state_before``) ``considered``; a figure right after "на" beside an
    increase (:data:`INCREASES`) is an ``increase``, and its value what brings it: ``cause()``
    (``(layer, feature)``: the first other project its sentence names, else the article's
    subject; see :func:`_cause`), so the increases two projects bring are two measures
    ("Открытие Зангезурского коридора увеличит пропускную способность … на 15
    млн тонн в год" against "Завершение проекта [терминалов Курыка] позволит увеличить … на
    10 млн тонн в год")."""
    text = document.text
    if item.kind == "growth" and _FURTHER.search(text, max(0, item.start - _FURTHER_REACH),
                                                 item.start):  # fmt: skip
        # "За год объём … утроился, а к 2030 году … может увеличиться ещё в два раза"
        # (held532): a change on top of the one before, counted from its end, not from today
        return {"measure": "further"}
    if item.kind == "growth" and _names_in_own_clause(text, item, span, CONTAINERS):
        return {"measure": "containers"}  # "рост контейнерных перевозок в два раза"
    if item.kind not in PHYSICAL:
        return {}
    context: dict[str, Any] = {}
    if item.kind in FLOWS and _names_in_own_clause(text, item, span, CAPACITY):
        context["measure"] = "capacity"
    elif item.kind in FLOWS and not state_before and _names_in_own_clause(
        text, item, span, CONSIDERED
    ):
        # "Казахстан думает об увеличении экспорта нефти по нефтепроводу БТД до 20 миллионов
        # тонн в год" (held330): a volume thought of, no volume intended ("подтвердили намерение
        # … увеличить поставки … до 7 миллионов тонн в год", held211) nor carried
        context["measure"] = "considered"
    elif item.kind in FLOWS and _AT_OPENING.search(text, span[0], item.start):
        # "с открытием железой дороги БТК по ней планируется транспортировать 3 млн тонн
        # грузов в год" (held718): the volume of the line's first years, a measure of its own,
        # not its capacity as the catalog publishes it
        context["measure"] = AT_OPENING
    elif item.kind in FLOWS and _result_expected(text, item, span):
        context["measure"] = "expected"
    elif item.kind in FLOWS and (
        _names_in_own_clause(text, item, span, CONTRACT) or _provided_for(text, item, span)
    ):
        context["measure"] = "contract"
        # an agreement's volume is the one in force when the article was written: 2023's
        # "соглашения …, предусматривающего транзит 1,5 млн тонн сырья в год" is no figure of
        # 2025's "договоренности … предусматривают поставки до 2,2 млн тонн нефти в год" (a
        # measure of its own, conflicts.MEASURE_CONTEXT; a yearly rate has no window)
        context["agreed"] = _when_published(document)["published"]
    if said & INCREASES and _CHANGE_BY.search(text, max(0, item.start - 4), item.start):
        layer, feature = cause() or (None, None)
        context["increase"] = f"{layer}/{feature or '*'}" if layer else "unknown"
    return context


# "ещё" right before a change: one more on top of a change stated before ("ещё в два раза").
_FURTHER = re.compile(r"(?<!\w)ещ[её]\s+\Z", re.IGNORECASE)
#: How far before a change (characters) its "ещё" may end.
_FURTHER_REACH = 6


#: Verbs of a change that comes by itself: a date beside one in a sentence that completes
#: nothing is the horizon of a forecast ("к 2027 году безопасность и скорость грузоперевозок
#: … значительно увеличатся"), no deadline of the project.
CHANGES_BY_ITSELF = {
    "увеличиться", "вырасти", "возрасти", "расти", "снизиться", "сократиться", "улучшиться",
    "утроиться", "удвоиться",
}  # fmt: skip


# A volume in brackets after the whole a share is taken of ("от всей нефти", "от общего
# объема"), the words between holding no bracket: "76,7 процента от всей нефти (5,575
# миллиона тонн), прокачанной по магистральным нефтепроводам Азербайджана" and "от всей
# нефти, транспортированной в январе - феврале 2021 года (5,8 миллиона тонн)" (held427) are
# all the trunk pipelines' oil.
_WHOLE_IN_BRACKETS = re.compile(r"\bот\s+(?:вс|общ)[а-яё]+\s+[^().!?;]{0,80}\(\s*\Z", re.IGNORECASE)
#: How far before a volume (characters) the whole it is in brackets after is looked for.
_WHOLE_REACH = 120


# Pipelines in the plural a volume went by, its clause before it: "Транзит сырой нефти по
# существующим на территории Грузии нефтепроводам в 2010 году составил 42,77 миллиона тонн"
# (held523) is all of them together, no one pipeline's.
_BY_PIPELINES = re.compile(
    r"\bпо\s+(?:[^\s.!?;,]+\s+){0,5}[а-яё]*проводам\b[^.!?;,]{0,80}\Z", re.IGNORECASE
)
#: How far before a volume (characters) the pipelines it went by are looked for.
_PIPELINES_REACH = 160


def _is_claim(
    document: NewsDocument, item: Quantity, figures: Sequence[Quantity], said: frozenset[str]
) -> bool:
    """Whether a figure is a claim of its own: a deadline before the publication's year is
    history, and one in a sentence that completes nothing but states another figure is that
    figure's horizon ("рост показателей до 100 тысяч TEU к концу года"), or states a change
    without a figure ("к 2027 году безопасность и скорость грузоперевозок … увеличатся"); a
    duration in a sentence that changes "этот показатель" by a figure is that change's span
    ("удвоить этот показатель в течение трех лет")."""
    # whether the sentence states a figure besides deadlines (asked of each figure: any() stops
    # at the first, where a list of them all made a sentence of many figures quadratic)
    others = any(other.kind not in ("deadline", *CONTEXT) for other in figures)
    if item.kind == "duration" and others:
        # "Власти планируют удвоить этот показатель в течение трех лет" (held416): the span
        # the measure is to be changed in, no time of the project's works
        stop = document.text.find(".", item.end)
        return not _of_this_measure(document.text, item, stop)
    if item.kind in FLOWS and _WHOLE_IN_BRACKETS.search(
        document.text, max(0, item.start - _WHOLE_REACH), item.start
    ):
        return False  # the whole a share is of, given in brackets: not the project's own
    if item.kind != "deadline":
        return True
    if document.date and item.value < int(document.date[:4]):
        return False
    stop = document.text.find(".", item.end)
    if _COUNT_A_MONTH.search(document.text, item.end, stop if stop > 0 else len(document.text)):
        return False  # "до конца 2023 года … планируется выполнить 12-14 танкерных рейсов в месяц"
    if others and _of_this_measure(document.text, item, stop):
        return False  # "К 2028 году данный показатель планируют довести до 10 миллионов тонн"
    if _measure_follows(document.text, item):
        return False  # "К 2027 году пропускная способность маршрута может достичь …"
    if item.qualifier in _TERMS and not timing.builds_or_completes(said):
        return False  # "рассчитывает к 2030 году увеличить объёмы генерации" (held586)
    return timing.completes(said) or not (others or said & CHANGES_BY_ITSELF)


#: Qualifiers of a term ("к 2030 году", "до конца года"): a deadline only in a sentence that
#: builds, completes or opens something (:func:`caspian.layers.news.timing.builds_or_completes`).
_TERMS = ("by", "end of")


#: Measures a year may be the horizon of, by lemma: the subject right after a deadline.
HORIZON_MEASURES = {"способность", "мощность", "объём", "объем", "грузопоток", "грузооборот"}
#: How many words after a deadline the measure it is the horizon of may stand ("пропускная
#: способность").
_HORIZON_REACH = 2
#: How far after a deadline (characters) its next words are read.
_HORIZON_CHARS = 40
#: Endings of the adjective that may stand before the measure ("пропускная способность").
_ADJECTIVE_ENDINGS = ("ая", "ой", "ый", "ий", "ое", "ые", "ую", "ых", "ей")


def _measure_follows(text: str, item: Quantity) -> bool:
    """Whether a measure (:data:`HORIZON_MEASURES`) stands within :data:`_HORIZON_REACH` words
    right after the deadline ``item``, only an adjective before it, the subject of its clause,
    with nothing completed in it:
    the year is the horizon of a forecast of that measure ("К 2027 году пропускная способность
    маршрута может достичь 10 млн тонн в год", held614; "Согласно проведенным подсчетам, к 2030
    году пропускная способность Средне…", held615, the excerpt cut), no project's deadline."""
    after = words(text, item.end, min(len(text), item.end + _HORIZON_CHARS))[:_HORIZON_REACH]
    measure = next((at for at, word in enumerate(after) if lemmas(word.text) & HORIZON_MEASURES),
                   None)  # fmt: skip
    if measure is None or not all(word.text.lower().endswith(_ADJECTIVE_ENDINGS)
                                  for word in after[:measure]):  # fmt: skip
        return False  # only an adjective between: "увеличить объёмы генерации" is a plan
    if any(text[item.end : word.start].strip(" ") for word in after[:1]):
        return False  # a comma or a mark between: the measure is no subject of the year's clause
    # its own clause: "…, что создаст устойчивую базу для расширения" expands nothing of it
    stops = [at for at in (text.find(".", item.end), text.find(",", item.end)) if at > 0]
    return not timing.completes(range_lemmas(text, item.end, min(stops, default=len(text))))


#: How far before a deadline (characters) its sentence's start is looked for.
_MEASURE_REACH = 200


def _of_this_measure(text: str, item: Quantity, stop: int) -> bool:
    """Whether the deadline ``item``'s sentence (up to ``stop``, its end) calls its figure
    "этот показатель" (:data:`_THIS_MEASURE`): the year is the horizon of the measure brought
    to that figure ("К 2028 году данный показатель планируют довести до 10 миллионов тонн",
    held312), no completion of the project, though "довести" may complete one. A duration's
    sentence may also name it "показатель" right after the verb raising it ("в течение
    ближайших двух лет планируется увеличить показатель до 260 000 TEU", held567)."""
    # the sentence's start, looked for a bounded way back (a deadline opens most such ones)
    begin = text.rfind(".", max(0, item.start - _MEASURE_REACH), item.start) + 1
    end = stop if stop > 0 else len(text)
    patterns = (_THIS_MEASURE, _RAISE_THE_MEASURE) if item.kind == "duration" else (_THIS_MEASURE,)
    return any(
        may_search(pattern, text, begin, end) and pattern.search(text, begin, end)
        for pattern in patterns
    )


# A count of things done a month, a week or a day after a deadline in its sentence: the
# deadline is that rate's horizon, no project's ("до конца 2023 года по Каспию планируется
# выполнить 12-14 танкерных рейсов в месяц").
_COUNT_A_MONTH = re.compile(
    r"\d+(?:\s*[-–]\s*\d+)?\s+(?:[а-яё]+\s+){1,2}в\s+(?:месяц|неделю|сутки|день)\b"
)


#: Words of what a duration times when it is the project's: its completion, or the span it
#: is planned for ("реализация проекта рассчитана на четыре-пять лет").
_TIMED_WORK = {*COMPLETION, "рассчитать"}
# The purpose a completion word is named as: "установит все работы необходимые для завершения".
_FOR = re.compile(r"\bдля\s*\Z", re.IGNORECASE)


def _times_another_action(
    text: str, sentence: tuple[int, int], figures: Sequence[Quantity]
) -> bool:
    """Whether a duration of ``sentence`` (``figures``: its figures) times an action whose
    purpose alone is the completion: each completion word of the sentence stands right after
    "для" ("в течение 10 дней Минэкономики установит все работы необходимые для завершения
    строительства": the ministry's ten days, no figure of the line). Read once per sentence."""
    if not any(item.kind == "duration" for item in figures):
        return False
    timed = [word for word in words(text, *sentence) if lemmas(word.text) & _TIMED_WORK]
    return bool(timed) and all(
        _FOR.search(text, max(sentence[0], word.start - 8), word.start) for word in timed
    )


#: Verbs of raising a quality of traffic and the qualities raised: "Грузия планирует в течение
#: двух лет значительно нарастить скорость и безопасность перевозок".
_RAISING = {"нарастить", "наращивать", "повысить", "повышать", "улучшить", "улучшать"}
_QUALITIES = {"скорость", "безопасность", "качество", "надёжность", "надежность"}
#: How many words after a duration its raising of a quality may stand.
_RAISING_REACH = 5


def _times_an_improvement(text: str, item: Quantity, ceiling: int) -> bool:
    """Whether a duration (``item``) times raising a quality of traffic named in the
    :data:`_RAISING_REACH` words after it, before ``ceiling`` ("в течение двух лет значительно
    нарастить скорость и безопасность перевозок"): the time of an improvement of the service,
    no construction time of a project."""
    if item.kind != "duration":
        return False
    stop = min(ceiling, item.end + _RAISING_REACH * 20)  # a bounded window, not the sentence
    following = [lemmas(word.text) for word in words(text, item.end, stop)[:_RAISING_REACH]]
    raised = [index for index, found in enumerate(following) if found & _RAISING]
    return bool(raised) and any(found & _QUALITIES for found in following[raised[0] + 1 :])


# A time from now, "через" before it: "строительство завершится через шесть лет".
_AFTER_A_TIME = re.compile(r"через\b", re.IGNORECASE)


def _time_until_no_completion(text: str, item: Quantity, span: tuple[int, int]) -> bool:
    """Whether a duration (``item``) is a time from now ("через две недели") in a clause
    (``span``) that completes nothing (:func:`caspian.layers.news.timing.completes`): when
    something else happens, no time of the works ("Временно приостановленное строительство
    … продолжится через две недели", held520; "через пять лет Узбекистан будет продавать в
    ЕС … энергии", held286); "строительство завершится через шесть лет" (held149) stays."""
    if item.kind != "duration" or _AFTER_A_TIME.match(text, item.start) is None:
        return False
    return not timing.completes(range_lemmas(text, *span))


#: Verbs of handing over what the works need (land, funds): a duration right before one times
#: that allocation, an official's task ("Кабинету министров поручено … в течение 1 месяца
#: выделить земельный участок в посёлке Алят для строительства порта", held568), no time of
#: the works.
_ALLOCATING = {"выделить", "отвести", "предоставить"}


def _times_an_allocation(text: str, item: Quantity, ceiling: int) -> bool:
    """Whether a duration (``item``) is followed, as the next word before ``ceiling``, by a
    verb of allocating (:data:`_ALLOCATING`): the span of handing over land or funds."""
    if item.kind != "duration":
        return False
    following = words(text, item.end, min(ceiling, item.end + 40))[:1]
    return any(lemmas(word.text) & _ALLOCATING for word in following)


# Railway works in a place, as an article opens: "завершили проектные работы по реконструкции
# и модернизации железнодорожной инфраструктуры в Нахчыванской Автономной Республике".
_RAILWAY_WORKS_IN = re.compile(r"\bжелезнодорожн[а-яё]*\s+(?:[а-яё]+\s+){0,2}в\s+([А-ЯЁ][а-яё]+)")
#: How many sentences an article opens with, to say where its railway works are.
_OPENING_SENTENCES = 2


def _railway_works_place(document: NewsDocument) -> str | None:
    """The place whose railway works the article's first sentences name, else None."""
    for start, end in document.sentences[:_OPENING_SENTENCES]:
        found = _RAILWAY_WORKS_IN.search(document.text, start, end)
        if found:
            return found[1]
    return None


def _of_the_works_railway(
    text: str, item: Quantity, span: tuple[int, int], link: linking.Link | None, named: list[Any]
) -> bool:
    """Whether ``item`` (a length or a volume, in a sentence naming no project: ``named``) is
    the railway's of the works the article opens with: a railway word in its clause and no
    project linked but by a sentence after it."""
    if named or item.kind not in ("length", *FLOWS):
        return False
    if link is not None and link.rule != "following sentence":
        return False
    return linking.RAILWAY_WORD in text[span[0] : span[1]].lower()


def _railway_section(text: str, item: Quantity, span: tuple[int, int], scope: str | None) -> bool:
    """Whether ``item`` is the length of a railway's section named by a place it passes
    through, not a country (``scope`` "section:Нахчыван"; a railway word in its clause)."""
    place = (scope or "").removeprefix("section:")
    if item.kind != "length" or not (scope or "").startswith("section:") or _of_a_country(scope):
        return False
    return bool(place) and linking.RAILWAY_WORD in text[span[0] : span[1]].lower()


def _of_a_country(scope: str | None) -> bool:
    """Whether ``scope`` is a country's section ("section:TR"): of a layer named as a whole,
    the feature the discourse names may lie in that country (:func:`through_place`); a
    section named by a place is measured on the layer named."""
    place = (scope or "").removeprefix("section:")
    return len(place) == 2 and place.isupper()


#: The lenders whose share a sum may be (``share:EBRD``, ``share:EU``, ``share:EBRD+EU``).
_LENDERS = frozenset({"EBRD", "EU"})


def _lenders_share(scope: str | None) -> bool:
    """Whether ``scope`` is the share of one lender or more (``share:EBRD+EU``)."""
    who = (scope or "").removeprefix("share:")
    return who != (scope or "") and bool(who) and set(who.split("+")) <= _LENDERS


def _origin_share(scope: str | None) -> bool:
    """Whether ``scope`` is the share of cargo from one country ("share:KZ")."""
    origin = (scope or "").removeprefix("share:")
    return scope != origin and len(origin) == 2 and origin.isupper()


def _specific_in(
    gazetteer: Gazetteer, specific: linking.Link, link: linking.Link, scope: str
) -> linking.Link:
    """``specific`` (the feature the discourse names for a layer's ``link``) when it lies in
    the country of the section ``scope`` ("Железная дорога на территории Турции протянется
    примерно на 224 километра": the Kars–Dilucu line), else ``link``: a section of the
    corridor in Azerbaijan is no part of the Turkish line the article names."""
    if specific is link or specific.layer is None or specific.feature is None:
        return link
    country = scope.removeprefix("section:")
    inside = linking.feature_in_country(
        gazetteer.entries, specific.layer, specific.feature, country
    )
    return specific if inside else link


# A ferry facility of a port named by its kind: "Паромный комплекс Курык", "на …
# железнодорожном паромном терминале порта Курык".
_FERRY_FACILITY = re.compile(r"\b[Пп]аромн[а-яё]*\s+(комплекс|терминал)[а-яё]*")
#: How far (characters) either side of a figure its ferry facility is read.
_FACILITY_REACH = 120
# A colon or a semicolon that closes a figure's clause and opens one that explains it.
_EXPLAINED = re.compile(r"[:;]\s")


def _ferry_facility(text: str, item: Quantity, sentence: tuple[int, int]) -> str | None:
    """``component:паромный <kind>`` for a port's figure whose sentence names a ferry facility
    of the port near it, after it ("Перевалка первого миллиона тонн … зафиксирована на …
    паромном терминале порта Курык") or before it with no "порт" between ("Паромный
    комплекс Курык, способный обрабатывать 4 миллиона тонн грузов в год"; not "С учетом
    железнодорожного паромного комплекса порт сможет обрабатывать до 6 миллионов тонн"),
    else None. A bounded window, not the sentence. A facility named past a colon or a
    semicolon after the figure is in the clause that explains it, not the figure's facility:
    "его производственная мощность составляет 6 млн тонн грузов в год: через паромный комплекс
    проходят экспортные казахстанские и транзитные товары" (held706) is the port's capacity."""
    start = max(sentence[0], item.start - _FACILITY_REACH)
    end = min(sentence[1], item.end + _FACILITY_REACH)
    for match in _FERRY_FACILITY.finditer(text, start, end):
        if match.start() >= item.end and _EXPLAINED.search(text, item.end, match.start()):
            break  # past the figure's clause: every later facility is too
        if match.start() >= item.end or not any(
            "порт" in lemmas(word.text) for word in words(text, match.end(), item.start)
        ):
            return f"component:паромный {match[1]}"
    # the facility named before by its noun alone: "… строительство паромного комплекса в
    # порту Курык … планируемая мощность комплекса составляет до 4 млн тонн грузов в год"
    first = _first_ferry_facility(text)
    if first is None or first[0] >= item.start:
        return None
    before = words(text, max(sentence[0], item.start - _FACILITY_REACH), item.start)
    if any(first[1] in lemmas(word.text) for word in before[-COMPONENT_REACH:]):
        return f"component:паромный {first[1]}"
    return None


@per_text(maxsize=4)
def _first_ferry_facility(text: str) -> tuple[int, str] | None:
    """Where the text first names a ferry facility and its kind ("комплекс"), or None: read
    once per text."""
    match = _FERRY_FACILITY.search(text)
    return None if match is None else (match.start(), match[1])


#: Nouns of money earned, not spent on a project: "принесут Турции прибыль в размере 147,6
#: млрд лир ($3,6 млрд по текущему курсу)".
_EARNINGS = {"прибыль", "доход", "выручка"}
#: Verbs of receiving and words of every year: money received every year is earned.
_RECEIVES = {"получать", "получить"}
_YEARLY_WORDS = {"ежегодно", "ежегодный"}
#: Payments to a state's budget ("Выплаты в бюджет составили 23,6 млрд тенге", held474), and
#: goods made ("выпущено продукции на 260,4 млрд тенге"): what a zone's firms pay and produce,
#: no cost of a project.
_TO_THE_STATE = {"выплата", "отчисление", "налог"}
_STATE_BUDGET = {"бюджет", "налог"}
_OUTPUT = {"продукция"}
#: How far before a sum (characters) its noun of earnings is read.
_EARNINGS_REACH = 60


def _earned(text: str, item: Quantity, floor: int) -> bool:
    """Whether a sum (``item``) is money earned: a noun of earnings (:data:`_EARNINGS`), or a
    verb of receiving with a word of every year (:data:`_RECEIVES`, :data:`_YEARLY_WORDS`), in
    the :data:`_EARNINGS_REACH` characters before it, from ``floor`` (its sentence's start)
    on: no cost or investment of a project."""
    if item.kind != "money":
        return False
    before = words(text, max(floor, item.start - _EARNINGS_REACH), item.start)
    said = frozenset().union(*(lemmas(word.text) for word in before))
    # money received every year: "турецкая экономика будет ежегодно получать 200 миллионов
    # долларов" (held479) is a country's income from the pipeline, no cost of it
    return (
        bool(said & _EARNINGS)
        or bool(said & _RECEIVES and said & _YEARLY_WORDS)
        or bool(said & _TO_THE_STATE and said & _STATE_BUDGET)
        or bool(said & _OUTPUT)
    )


def _without_route_ends(
    text: str, names: dict[int, list[linking.Located]], index: int
) -> dict[int, list[linking.Located]]:
    """``names`` with the names of sentence ``index`` that stand as an end of a route
    (:func:`linking.route_end`) left out: what a length of that sentence may be linked to."""
    ends = [name for name in names.get(index, ()) if linking.route_end(text, name)]
    if not ends:
        return names
    return {**names, index: [name for name in names[index] if name not in ends]}


def _unnamed_line_reach(sentence: tuple[int, int], link: linking.Link) -> tuple[int, int]:
    """Where a line not mapped takes a figure from ``link``: its sentence, and for a name
    borrowed from a sentence after it, up to that name ("Работы будут полностью завершены до
    конца текущего года. По строительству линии "Дарбаза – Мактаарал" … В рамках работы по
    развитию Транскаспийского … маршрута": the line named between is nearer)."""
    if link.rule == "following sentence" and link.position is not None:
        return sentence[0], link.position
    return sentence


def read_claims(
    document: NewsDocument,
    mentions: Sequence[Mention] | None = None,
    gazetteer: Gazetteer | None = None,
) -> ClaimReading:
    """Every numeric claim of ``document``'s body, linked to features and topics, and the
    figures skipped as implausible."""
    gazetteer = gazetteer or load_gazetteer()
    mentions = find_mentions(document, gazetteer) if mentions is None else mentions
    unmapped = [
        match
        for found in gazetteer.unmapped.find_paragraphs(
            document.text, document.body_spans, document.body_words
        )
        for match in found
    ]
    given = linking.given_names(document.text, mentions)
    linked = [mention for mention in mentions if mention not in given]
    names = linking.by_sentence(document, [*linked, *unmapped])
    # a direction something else goes in ("новый трубопровод в направлении …") is not what
    # the article is about
    subject = linking.article_subject(
        [found for found in linked
         if not linking.names_a_direction(document.text, found.position)]
    )
    # a figure printed before the article first names its subject is not borrowed from it
    subject_named_at = min(
        (mention.position for mention in linked if (mention.layer, mention.feature) == subject),
        default=0,
    )
    quotes = linking.quotations(document)
    topics = [
        match
        for found in gazetteer.topics.find_paragraphs(
            document.text, document.body_spans, document.body_words
        )
        for match in found
    ]
    topics_by_sentence = linking.by_sentence(document, topics)
    named_features: dict[str, set[str]] = {}
    for mention in linked:
        if mention.feature:
            named_features.setdefault(mention.layer, set()).add(mention.feature)
    works_place = _railway_works_place(document)
    claims: list[Claim] = []
    stated_periods: dict[Restated, dict[str, Any]] = {}
    skipped: list[SkippedFigure] = []
    language = language_of(document.language)
    for index, sentence in enumerate(document.sentences):
        found = quantities(document.text, *sentence, language)
        if not found:
            continue  # most sentences state no figure
        found = _plausible(document, index, _resolved(document, index, found, skipped), skipped)
        context = _context(document, [item for item in found if item.kind in CONTEXT])
        said = sentence_lemmas(document, sentence) if found else frozenset()
        plans = bool(said & _PLANNING)
        figures = [item for item in found if item.kind not in ("period", "since")]
        this_year = int(document.date[:4]) if document.date else None
        years = timing.years_stated(document.text, *sentence, this_year) if figures else []
        named_here = [name for name in names.get(index, ()) if isinstance(name.match, Mention)]
        horizon_items = [
            item for item in found if item.kind == "deadline" and item.qualifier in _HORIZONS
        ]
        horizons = [item.start for item in horizon_items]
        horizon_years = [int(item.value) for item in horizon_items]
        parts = split_lengths(document, figures, sentence[1])
        without_ends: dict[int, list[linking.Located]] | None = None  # read once per sentence
        flow_before = _last_volume_since(claims, index - 1, index)
        other_action = _times_another_action(document.text, sentence, figures)
        for number, item in enumerate(figures):
            if not _is_claim(document, item, figures, said):
                continue
            if item.kind == "duration" and other_action:
                continue  # "в течение 10 дней Минэкономики установит … для завершения"
            floor = figures[number - 1].end if number else sentence[0]
            ceiling = figures[number + 1].start if number + 1 < len(figures) else sentence[1]
            if _earned(document.text, item, sentence[0]):
                continue  # "прибыль в размере 147,6 млрд лир ($3,6 млрд …)": no project's cost
            if _times_an_improvement(document.text, item, ceiling):
                continue  # "в течение двух лет значительно нарастить скорость и безопасность"
            if _times_an_allocation(document.text, item, ceiling):
                continue  # "в течение 1 месяца выделить земельный участок … для строительства"
            if _a_rate_of_interest(document.text, item, ceiling):
                continue  # "кредит в $575 млн. под 5% годовых": the loan's terms
            if _share_of_a_change(document.text, item, ceiling):
                continue  # "25% роста мирового спроса на нефть": a share of another's growth
            span = clause(document.text, item.start, item.end, floor, ceiling)
            if not_a_length(document, item, span[0]):
                continue  # a width or a speed
            if _time_until_no_completion(document.text, item, span):
                continue  # "продолжится через две недели": when, not how long the works take
            if item.kind == "deadline" and _of_a_document(document.text, item, span):
                continue  # a plan's or a study's date, not the project's
            item = measured(document, item, span[0], said)
            if claims and claims[-1].sentence == index:
                item = _rate_of_change_start(item, claims[-1])
                item = _part_of_yearly_total(document.text, item, claims[-1])
                if item.kind in FLOWS:
                    # "планируется транспортировать 3 млн тонн грузов в год, но этот показатель
                    # … может возрасти до 17 и более миллионов тонн" (held718): the same rate
                    item = _rate_referred_back(document.text, item, claims[-1].end, claims[-1])
            elif item.kind in FLOWS:
                item = _rate_referred_back(document.text, item, sentence[0], flow_before)
            scope = parts.get(number) or scope_of(document, item, span, sentence, bool(named_here))
            if scope is None and item.kind in ("deadline", "duration") and _names_in_own_clause(
                document.text, item, span, STUDIES
            ):
                scope = "design"  # a study's time: design work, not the project's completion
            if claims and claims[-1].sentence == index:
                claims[-1], scope = _section_of_part(document.text, floor, item, scope, claims[-1])
                claims[-1] = _yearly_stage_before(item, scope, claims[-1])
                item = _yearly_as_stage_before(item, scope, claims[-1])
            if item.kind == "growth" and scope is None and claims:
                scope = _scope_of_volume_before(document, item, sentence, claims[-1], index)
            if item.kind in FLOWS and scope is None:
                day = timing.dated_to_a_day(document.text, sentence[0], item.start)
                scope = OF_A_SHIPMENT if day else None
            if item.kind in FLOWS and _SENT_BEFORE.search(
                document.text, max(span[0], item.start - 16), item.start
            ):
                scope = OF_A_SHIPMENT  # "…, отправив 8,800 тонн": one batch, whoever's oil
            if item.kind in FLOWS and scope is None and _LOADING_BEFORE.search(
                document.text, span[0], item.start
            ):
                scope = OF_A_SHIPMENT  # "масса отгрузки нефти … составляет 125 тыс. тонн"
            if item.kind in (*FLOWS, "growth") and scope is None and not named_here:
                scope = _actor_before(claims, index) or _country_traffic_before(
                    document, names, index, claims
                )
            if item.kind == "growth" and scope is None:
                # a change that follows a volume of its own sentence ("составил 926 тысяч
                # тонн, что на 6 процентов выше") refers to that one, not the sentence before
                own_volume = bool(claims) and claims[-1].sentence == index and (
                    claims[-1].kind in FLOWS
                )
                previous = document.sentences[index - 1] if index and not own_volume else None
                scope = change_through(document, item, sentence, previous)
            if item.kind == "growth" and scope is None:
                scope = changed_share(document.text, sentence[0], item.start)
            if item.kind == "growth" and scope is None and not named_here:
                counted = _change_of_counted_carriers(document, item, sentence, index)
                scope = OF_A_VESSEL if counted else None
            if (scope or "").startswith("share:") and claims and claims[-1].sentence == index:
                written = figures[number - 1] if number else None
                claims[-1] = _equated_share(document, claims[-1], written, item, str(scope))
            if item.kind == "percent" and scope is None and claims and number:
                scope = _share_restated(document, claims[-1], figures[number - 1], item, index)
                scope = scope or _actor_of_whole_before(
                    document, claims[-1], figures[number - 1], item
                )
                scope = scope or _progress_restated(
                    document, claims[-1], figures[number - 1], item, index
                )
            if item.kind in FLOWS and scope is None and claims and number:
                written = figures[number - 1]
                scope = _scope_of_change_before(document, claims[-1], written, item, index)
                scope = scope or _share_increased(document, claims[-1], written, item, index)
            if item.kind in FLOWS and scope is None and claims:
                scope = _share_restated_after(claims, item, index)
            # a figure "по этому направлению" is the route's the sentences before named
            this_route = linking.refers_to_route(
                document.text, sentence[0], item.start, item.end, sentence[1]
            )
            borrow = item.kind in BORROWS or not topics_by_sentence.get(index) or this_route
            # a funder's sum is the funded project's, whatever topic word ("инвестиционного
            # гранта") its sentence holds: "Финансовый пакет состоит из кредита ЕБРР в размере
            # до 35 миллионов евро и потенциального инвестиционного гранта …" (held501)
            borrow = borrow or (item.kind == "money" and _lenders_share(scope))
            named = names
            if item.kind == "length":  # a length is not of a project named as an end of its route
                if without_ends is None:
                    without_ends = _without_route_ends(document.text, names, index)
                named = without_ends
            named_before = subject if item.start > subject_named_at else None
            link = linking.link_feature(
                document, named, named_before, index, item.start, borrow, quotes
            )
            if link is None and borrow:
                link = linking.link_between(document, gazetteer.entries, index)
                kilometres = item.value if (item.kind, item.unit) == ("length", "km") else None
                link = link or linking.link_through_country(
                    document, gazetteer.entries, index, kilometres
                )
            if link is not None and subject is not None:
                link = linking.whole_of_the_subject(document, link, subject)
                link = linking.kind_named(document, link, subject, sentence[0], item.start)
            carried = _carrier_named(document.text, sentence, item)
            carried = carried or _a_trip(document.text, span[0], item)
            vessel = _names_in_own_clause(document.text, item, span, VESSELS)
            if item.kind == "deadline" and _first_tanker(document.text, (sentence[0], span[1])):
                # the first tanker's loading is the pipeline's start, the first train's run
                # the line's
                vessel = carried = False
            if (vessel and not _vessels_counted_after(document.text, item, span)) or carried:
                scope = OF_A_VESSEL
            if link is not None and item.kind in _ROUTE_KINDS and _PORT_TO_PORT.search(
                document.text, sentence[0], item.start
            ):
                # "транспортировке нефти из порта Актау в порт Баку, который увеличился на 870
                # тысяч тонн, достигнув отметки в 990,2 тысячи тонн" (held233): a route's
                # shipments between two ports, neither port's handling; "Объем контейнерных
                # перевозок между портами Туркменбаши … и Алят … увеличился в 2,9 раза"
                # (held691): the line's growth, not the Alat port's
                link = linking.unmapped_link("ports' route")
            if link is not None and _a_run_through_a_port(document.text, sentence, item, link):
                link = linking.unmapped_link("a train's route")
            if link is not None and _new_port_before(document.text, span[0], item.start):
                link = linking.unmapped_link("a new port")
            if link is not None and (
                road_in(document.text, span[0], item.start)
                or _laned_road(document.text, sentence[0], item.start)
            ):
                link = linking.unmapped_link("a road")
            if link is not None and _by_another_way(document.text, span[0], item.start, link):
                link = linking.unmapped_link("another way")
            if link is not None and _of_generation(document.text, span, link):
                link = linking.unmapped_link("generation")
            if link is not None and _per_unit(document.text, item):
                link = linking.unmapped_link("a tariff")
            if link is not None and not named_here and _unnamed_line(
                document.text, *_unnamed_line_reach(sentence, link)
            ):
                link = linking.unmapped_link("a line")
            if link is not None and _of_another_facility(document.text, link, item, named_here):
                link = linking.unmapped_link("a facility")
            if (
                link is not None
                and not named_here
                and item.kind in FLOWS
                and _BY_PIPELINES.search(
                    document.text, max(span[0], item.start - _PIPELINES_REACH), item.start
                )
            ):
                link = linking.unmapped_link("all pipelines")
            if link is not None and not named_here and _of_a_network(document.text, item, span):
                link = linking.unmapped_link("a network")
            if (
                link is not None
                and not named_here
                and _object_after(document.text, item, span, link.layer)
            ):
                link = linking.unmapped_link("its own object")
            if (  # a stretch of the line named by its ends is a section of it, not another line
                link is not None
                and scope is None
                and _another_line_between(document.text, link, named_here, item.start)
            ):
                if _included(document.text, link, item.start):
                    scope = STRETCH  # "Проект … Баку-Тбилиси-Карс включает строительство
                    # железнодорожной ветки Карс-Ахалкалаки протяженностью 98 км" (held476)
                else:
                    link = linking.unmapped_link("a line")
            if link is not None and not named_here and _of_a_company(
                document.text, item, sentence[0]
            ):
                link = linking.unmapped_link("a company")
            if (
                link is not None
                and link.layer is not None
                and _of_a_place_named_before(document.text, item, span, mentions)
            ):
                link = linking.unmapped_link("a place named")
            if (
                link is not None
                and not named_here
                and said & _OIL_FIELDS
                and _oil_fields_outside_quotation(document.text, item, sentence)
            ):
                link = linking.unmapped_link("an oil field")
            if (
                link is not None
                and not named_here
                and _FIELD_AGREEMENT.search(document.text, sentence[0], sentence[1])
            ):
                link = linking.unmapped_link("an oil field")
            if (
                link is not None
                and item.kind == "deadline"
                and linking.deadline_of_a_part(document, link, item.start)
            ):
                link = linking.unmapped_link("a part built within the whole")
            if link is not None and not (scope or "").startswith(ACTOR):
                # a figure whose own sentence names what the catalog does not map: a port by a
                # name no feature bears, ports in the plural, a gas pipeline, a road
                other = linking.another_subject_named(
                    document, link, gazetteer.entries, sentence[0], item.start
                )
                link = link if other is None else linking.unmapped_link(other)
            if (  # "и 70% по строительству автомобильной дороги": the road's share of work
                link is not None
                and link.layer is not None
                and not (scope or "").startswith(ACTOR)
                and linking.road_after(document.text, item.end, ceiling)
            ):
                link = linking.unmapped_link("a road")
            if (
                link is not None
                and link.layer is not None
                and not (scope or "").startswith(ACTOR)
                and linking.continues_unmapped(
                    document, link, claims[-1] if claims else None, index
                )
            ):
                link = linking.Link(None, None, str(claims[-1].link))
            if link is not None and link.rule == "sentence, after":
                listed = _one_of_listed(document.text, item, named_here, sentence[1])
                link = None if listed or _contrasted(document.text, item, named_here) else link
            if item.kind == "growth" and _names_in_own_clause(document.text, item, span, TIMES):
                scope = OF_A_TIME
            elif item.kind == "growth" and _names_in_own_clause(document.text, item, span, COSTS):
                scope = OF_A_COST
            elif item.kind == "growth" and _of_trade(document.text, item, span):
                scope = OF_TRADE
            elif item.kind == "power" and not named_here and _supplied_power(
                document.text, item, span
            ):
                scope = OF_TRADE  # electricity a country means to sell, no line's capacity
            of_unmapped = link is not None and link.layer is None and link.rule.startswith(
                linking.UNMAPPED
            )
            if (scope or "").startswith(ACTOR) and not of_unmapped:
                # a country's own traffic, a vessel's figure: not the project's; a figure of
                # an unmapped project stays its ("По казахстанско-китайскому нефтепроводу
                # прокачивается 1 млн тонн": no Kazakh traffic to compare)
                link = None
            if works_place and _of_the_works_railway(document.text, item, span, link, named_here):
                # "… модернизации железнодорожной инфраструктуры в Нахчыванской Автономной
                # Республике … Работы охватывают 188-километровую железнодорожную линию"
                works = linking.railway_through(gazetteer.entries, works_place)
                same = works and link and (works.layer, works.feature) == (link.layer, link.feature)
                link = link if same or works is None else works
            if item.kind == "deadline" and scope is None and link is not None:
                # "все работы будут завершены в 2024 году" after the works' progress on a
                # section: the deadline of those works, on that section (held508)
                scope = _section_of_the_works(document.text, sentence[0], item, claims, link)
            if link is None and _railway_section(document.text, item, span, scope):
                # "почти 200-километрового участка железной дороги через Нахчыван", no project
                # named before it: the railway the catalog names after that place
                link = linking.railway_through(gazetteer.entries, str(scope)[len("section:") :])
            if link is not None:
                if not (scope or "").startswith("section:"):  # measured on the layer named
                    link = linking.specific(
                        document, link, names.get(index, ()), named_features, subject, item.start
                    )
                elif _of_a_country(scope):  # the feature named that lies in that country
                    link = _specific_in(
                        gazetteer, linking.specific(document, link, names.get(index, ()),
                                                    named_features, subject, item.start),
                        link, str(scope),
                    )  # fmt: skip
                link, scope = through_place(gazetteer, link, scope)
                if item.kind == "length" and item.unit == "km" and scope is None:
                    link = linking.feature_by_length(link, item.value)
                if (
                    (link.layer or "").endswith("_port")
                    and _origin_share(scope)
                    and item.kind not in ("percent", "money")
                ):
                    # a port handles a country's cargo: "Через порт Актау в Азербайджан
                    # отправлено 1,5 млн тонн казахстанской нефти" is the port's volume; a
                    # percent is a share of the port's traffic ("16 526 пассажиров (82,8
                    # процента) совершили поездку в Туркменистан", held388) and keeps it, and
                    # a sum is a funder's part ("Евросоюз предоставил порту Актау грант в
                    # размере 10 млн евро", held503) and keeps it
                    scope = None
                if scope is None and (link.layer or "").endswith("_port"):
                    scope = _ferry_facility(document.text, item, sentence)
                if scope is None and "также" in said:
                    volume = _last_volume_since(claims, index - linking.MENTION_LOOKBACK, index)
                    scope = _share_again(document.text, item, volume, link)
                if scope is None and not named_here and item.kind in FLOWS:
                    volume = _last_volume_since(claims, index - 1, index)
                    scope = _company_again(volume, link)
            topic = linking.link_topic(document, topics_by_sentence, index, item.start)
            topic = None if scope in (OF_A_TIME, OF_A_COST, OF_TRADE) else topic
            if this_route and link is not None and link.layer and not named_here:
                topic = None  # the route's own traffic, compared as the route's figure
            if link is None and scope is None and claims:
                before = _continued(document.text, sentence, item, claims[-1], index)
                if before is not None:
                    link = linking.Link(before.layer, before.feature, PRONOUN_LINK)
                    topic = _topic_of(before)
            if scope is None and claims and not named_here:
                before = _this_measure_before(document.text, sentence, item, claims[-1], index)
                if before is not None:
                    link = linking.Link(before.layer, before.feature, THIS_MEASURE_LINK)
                    topic = _topic_of(before)
                    # the measure said again is the same cargo's: "около 4,2 млн тонн (нефти
                    # из Туркменистана) … в 2020-м этот показатель будет не менее четырех
                    # миллионов тонн" (held409) is Turkmen oil too
                    scope = before.scope if (before.scope or "").startswith("share:") else None
            if scope is None and claims and not named_here and item.kind == "growth":
                scope = _scope_of_measure_changed(document.text, span, claims[-1], index)
            if scope is None and claims and not named_here and item.kind in (*FLOWS, "growth"):
                scope = _scope_of_this_compared(document.text, sentence, claims, index)
            if scope is None and link is not None:
                scope = _later_phase_raised_to(document.text, sentence, item, link)
            if scope is None and item.kind == "deadline" and number and claims:
                scope = _stage_of_figure_before(document, item, figures[number - 1], claims[-1])
            period = _flow_period(document, item, span, years, horizons, horizon_years, scope)
            if not period and item.kind in FLOWS and claims and claims[-1].sentence == index:
                period = _same_period_before(document.text, sentence, claims[-1])
            period = period or _period_said_before(document.text, sentence, item, claims)
            if not period and item.kind in FLOWS and link is not None:
                period = _period_restated(item, link, stated_periods)
            if period and item.kind in FLOWS and link is not None:
                key = _restated_key(item.kind, item.unit, link, item.value)
                stated_periods[key] = period["period"]
            # a sentence naming a time ("в течение прошлого года") counts over its own
            continued = item.kind in (*FLOWS, "growth") and not said & TIME_WORDS
            if not period and continued and link is not None:
                period = _window_of_sentence_before(flow_before, link)
            if not period and _of_its_time(item, scope):
                # a volume of the present is a state on the day, no year's volume
                now = _said_of_now(document.text, item, span) and document.date
                period = {"as_of": document.date} if now else _when_published(document)
            following = figures[number + 1] if number + 1 < len(figures) else None
            preceding = figures[number - 1] if number else None
            if link is not None and link.layer and claims and preceding is not None:
                claims[-1] = _change_of_volume(document, claims[-1], preceding, item, index, link)
            state_before = _change_start(document, item, following, preceding)
            # the state a change starts from is the feature's as it was stated, not of the year
            # the change is to be done by: "его пропускная способность увеличится с 10 до 25 млн
            # тонн в год к 2030 году" (held789) is 10 Mt a year in October 2025
            stated_now = state_before and str(
                period.get("period", {}).get("text", "")
            ).endswith("(horizon)")
            if stated_now:
                period = {"as_of": document.date} if document.date else {}
            start, end = document.original_span(item.start, item.end)
            claims.append(
                Claim(
                    document=document.id,
                    kind=item.kind,
                    value=item.value,
                    unit=item.unit,
                    qualifier=item.qualifier,
                    role=_role(item, plans, period, document.date, "horizon" in context),
                    text=" ".join(document.text[item.start : item.end].split()),
                    sentence=index,
                    start=start,
                    end=end,
                    layer=link.layer if link else None,
                    feature=link.feature if link else None,
                    link=link.rule if link else None,
                    scope=scope,
                    topic=topic.target[1] if topic else None,
                    value_max=item.value_max,
                    step=item.step,
                    context=_change_dated(item.kind, document, {
                        **({"as_of": document.date} if scope in PROGRESS else {}),
                        **period,
                        **({"state": "before the change"} if state_before else {}),
                        **{
                            key: value
                            for key, value in context.items()
                            if item.kind in (*ECONOMIC, *FLOWS) or key == "horizon"
                            if not (item.kind in ("duration", "deadline") and key == "horizon")
                            if not (stated_now and key == "horizon")
                        },
                        **{key: item.extra[key] for key in _OWN_CONTEXT if key in item.extra},
                        **_flow_measure(document, item, span, said, partial(
                            _cause, named_here, link.layer if link else None, subject
                        ), state_before),
                        **_change_of_containers(document, item, sentence, claims, index),
                    }),
                )
            )
    claims = _of_the_feature_of_that_length(claims)
    return ClaimReading(_with_port_cargo(document, _with_component_kind(document, claims)), skipped)


# A capacity raised to a figure, right before it: "ведется работа по увеличению перевалочных
# мощностей порта с 15 до 25 млн тонн грузов в год" (held708), "поручил увеличить его мощность
# до 25 млн тонн в год" (held709); the verb may be "вырасти", and a figure of containers after
# it, its verb left out for a dash, is raised by it too: "перевалка вырастет до 25 млн тонн,
# перевалка контейнеров — до 500 тыс. TEU" (held757); or "возрасти": "На последующих этапах
# возможности возрастут до 25 млн тонн" (held504).
_RAISED_TO = re.compile(
    r"\b(?:увелич|нараст|наращ|расшир|довест|доведен|вырас|возрас)[а-яё]*\s[^.!?]{0,60}?\bдо\s+\Z",
    re.IGNORECASE,
)
#: How far before a figure its verb of raising a capacity may start.
_RAISED_REACH = 80


def _later_phase_raised_to(
    text: str, sentence: tuple[int, int], item: Quantity, link: linking.Link
) -> str | None:
    """``stage:<n>`` for a yearly capacity a feature is to be raised to that the catalog
    publishes as the feature's ``n``-th phase, a later one than the first (the Baku port's
    25 Mt/yr: "по увеличению перевалочных мощностей порта с 15 до 25 млн тонн грузов в год",
    held708): the target of the works is that phase's capacity, not the port's as it stands.
    The first phase's capacity is the feature's own as it stands (no scope); else None. A
    capacity raised to it in tonnes with no "в год" is that phase's too: "В будущем возможности
    порта могут быть увеличены до 25 миллионов тонн грузов" (held716)."""
    if (item.kind, item.unit) in (("mass", "Mt/yr"), ("mass", "Mt")):
        unit = "Mt/yr"
    elif (item.kind, item.unit) == ("containers", "TEU"):
        unit = "TEU"  # the containers a phase's tonnage includes, as the catalog labels them
    else:
        return None
    if not link.layer or not link.feature:
        return None
    phase = linking.catalog_phase(link.layer, link.feature, unit, item.value)
    if phase is None or phase < 2:
        return None
    raised = _RAISED_TO.search(text, max(sentence[0], item.start - _RAISED_REACH), item.start)
    return f"stage:{phase}" if raised else None


def _stage_of_figure_before(
    document: NewsDocument, item: Quantity, preceding: Quantity, before: Claim
) -> str | None:
    """The stage of ``before``, the claim of the figure ``preceding`` right before the
    deadline ``item`` (nothing but spaces between), when it is a stage's: "его пропускная
    способность увеличится с 10 до 25 млн тонн в год к 2030 году" (held789) is the year the
    second phase's 25 Mt a year is to be reached, as the figure is the second phase's; else
    None."""
    if not (before.scope or "").startswith("stage:"):
        return None
    if document.original_span(preceding.start, preceding.end) != (before.start, before.end):
        return None
    return before.scope if not document.text[preceding.end : item.start].strip() else None


# The cargo a facility is for, right after its noun: "Терминал для перевалки удобрений"
# (held757) is the fertilizer terminal.
_FACILITY_FOR = re.compile(
    r"\s+(?:для|по)\s+(?:перевалк|хранени|прием|обработк)[а-яё]*\s+([а-яё]+)", re.IGNORECASE
)
#: Adjectives of the cargo a facility handles, right before its noun ("сухогрузного
#: терминала", "паромного терминала", "зернового терминала").
CARGO_ADJECTIVES = frozenset({
    "сухогрузный", "наливной", "нефтяной", "нефтеналивной", "зерновой", "контейнерный",
    "паромный", "генеральный", "угольный", "газовый",
})  # fmt: skip


def _component_kind(
    text: str, sentence: tuple[int, int], listed: Sequence[Any], lemma: str, figure: int
) -> str | None:
    """The cargo of the facility ``lemma`` (a component's noun, "терминал") the sentence
    (``listed``: its words) names nearest before the figure at ``figure`` (else nearest after
    it): an adjective of :data:`CARGO_ADJECTIVES` right before the noun ("сухогрузного
    терминала", held272: ``сухогрузный``) or the cargo it is for right after it ("Терминал для
    перевалки удобрений", held757: ``удобрение``); else None."""
    found = [index for index, word in enumerate(listed) if lemma in lemmas(word.text)]
    if not found:
        return None
    before = [index for index in found if listed[index].start < figure]
    noun = before[-1] if before else found[0]
    cargo = _FACILITY_FOR.match(text, listed[noun].end, sentence[1])
    if cargo:
        return best_lemma(cargo[1])
    adjective = best_lemma(listed[noun - 1].text) if noun else None
    return adjective if adjective in CARGO_ADJECTIVES else None


def _with_component_kind(document: NewsDocument, claims: list[Claim]) -> list[Claim]:
    """The claims of a component of one word (``component:терминал``) with the cargo that
    facility handles in their context (:func:`_component_kind`): a dry-cargo terminal and a
    fertilizer terminal of one port are two components, their deadlines no disagreement
    (held272's 2015 and held757's 2023). Each sentence's words are listed once."""
    kept = []
    listed: dict[int, list[Any]] = {}
    for claim in claims:
        scope = claim.scope or ""
        lemma = scope.removeprefix("component:")
        if lemma == scope or " " in lemma or claim.sentence is None:
            kept.append(claim)
            continue
        sentence = document.sentences[claim.sentence]
        if claim.sentence not in listed:
            listed[claim.sentence] = list(words(document.text, *sentence))
        kind = _component_kind(
            document.text, sentence, listed[claim.sentence], lemma, claim.start
        )
        kept.append(
            dataclasses.replace(claim, context={**(claim.context or {}), "component": kind})
            if kind else claim
        )
    return kept


# Oil named right after a port's tonnage: "перевалил 60 тысяч тонн нефтеналивных грузов",
# "1,99 миллиона тонн нефти и нефтепродуктов" (held758, Trend): the port's oil, not all it
# handled (held218's 6.7 Mt of 2011 is the whole port's, held758's 1.74 Mt its oil).
_OIL_AFTER = re.compile(r"\s+(?:нефтеналивн|нефтепродукт|нефт[иья]\b|нефтью\b)", re.IGNORECASE)
# A figure set against the one before it: "1,4 миллиона тонн нефтеналивных грузов против 1,74
# миллиона тонн в 2011 году" (held758): the same cargo's.
_AGAINST_BEFORE = re.compile(r"\s+против\s+(?:около\s+|более\s+)?\Z", re.IGNORECASE)
#: The context of a port's figure of oil (:func:`_with_port_cargo`).
OIL = "нефть"


def _with_port_cargo(document: NewsDocument, claims: list[Claim]) -> list[Claim]:
    """The tonnages of a port with the oil named right after them (:data:`_OIL_AFTER`), or set
    against one that has it (:data:`_AGAINST_BEFORE`), with ``cargo`` in their context: a
    port's oil and its whole handling are two measures, compared apart."""
    kept: list[Claim] = []
    for claim in claims:
        if claim.kind == "mass" and (claim.layer or "").endswith("_port"):
            text = document.text
            oil = _OIL_AFTER.match(text, claim.end) is not None
            last = kept[-1] if kept else None
            oil = oil or (
                last is not None
                and last.sentence == claim.sentence
                and (last.context or {}).get("cargo") == OIL
                and _AGAINST_BEFORE.search(text, last.end, claim.start) is not None
            )
            if oil:
                claim = dataclasses.replace(claim, context={**(claim.context or {}), "cargo": OIL})
        kept.append(claim)
    return kept


def _of_the_feature_of_that_length(claims: list[Claim]) -> list[Claim]:
    """The figures of a sentence whose length singled out one feature of the layer they are
    linked to as a whole (:func:`linking.feature_by_length`) are that feature's: "Восстановить
    44-километровый участок Зангезурского коридора можно примерно за два года" (held212) is
    the time to restore the route through Armenia, the 44-km stretch; another length of the
    sentence is another stretch's."""
    singled = {
        (claim.sentence, claim.layer): claim.feature
        for claim in claims
        if claim.link and claim.link.endswith(linking.OF_THAT_LENGTH)
    }
    if not singled:
        return claims
    return [
        dataclasses.replace(
            claim, feature=singled[claim.sentence, claim.layer],
            link=f"{claim.link}, {linking.OF_THAT_LENGTH} in its sentence",
        )
        # another length of the sentence is another stretch's
        if claim.feature is None and claim.kind != "length"
        and (claim.sentence, claim.layer) in singled
        else claim
        for claim in claims
    ]  # fmt: skip
