"""When two stated figures are one, and which claims of one measure disagree across documents.

Rounding is one rule (:func:`tolerance_step`): a figure is exact to half its last digit, and a
figure marked approximate or bounded ("около 400 км", "почти 200 км", "более 1 тыс. км") to
half the unit of its last non-zero digit ("около 400 км" covers 350–450 km).

Two rules, over claims of *different* documents:

``value``
    the values differ (beyond rounding, :func:`agree`) while the reporting periods agree, or
    only one states one (for a volume, a whole year; for a change see :func:`_changes_comparable`;
    a share of a volume, "85,1% или 21 млн … тонн", only over one stated window);
``period``
    the values (one at least written plainly, of three significant digits or more) agree but
    both state a period of the same year and the windows differ (547 million USD "за восемь
    месяцев 2025 года" against "за девять месяцев"); one figure for
    two different years (a 2026 forecast of 110,000 TEU against a 2025 record of more than
    100,000) is two measures, not a disagreement.

Without comparing every pair: for the value rule each claim is checked against the lowest and
the highest figure of every period it is compatible with, per precision (the top two from
distinct documents, so a claim never meets only its own document); for the period rule each
distinct figure is checked against the figures within rounding of it (a binary search over
the sorted values). The work is about linear in the claims of a measure.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from caspian.layers.news.claims import RATE, Claim, is_share
from caspian.layers.news.measures import FLOWS

Period = tuple[Any, Any] | None
#: The months of a whole year's period.
WHOLE_YEAR = 12


def period_of(claim: Claim) -> Period:
    """A claim's reporting period as ``(months, year)``, ``(RATE, months)`` for a rate per
    month ("в месяц": one month of no calendar), or None when it states none."""
    period = claim.context.get("period")
    if period and period.get(RATE):
        return (RATE, period["months"])
    return (period["months"], period.get("year")) if period else None


#: The window of a volume that states no period: its article's figure when published.
PUBLISHED = "published"


def window_of(claim: Claim) -> Any:
    """What a claim's figure is counted over: its reporting period, and for a change also
    its base year ("с 2020 года … вырос почти в пять раз") and the year a window of the last
    years ends in ("за последние семь лет", the page's year); for a volume that states no
    period, the year its article was published (``(PUBLISHED, year)``): "экспортировано 29,671
    млн. тонн" in 2013 is no figure of 2025."""
    if claim.kind == "growth":
        return (period_of(claim), claim.context.get("since"), claim.context.get("until"))
    if PUBLISHED in claim.context and period_of(claim) is None:
        return (PUBLISHED, claim.context[PUBLISHED])  # the year None when it is unknown
    return period_of(claim)


def step_of(value: float) -> float:
    """The last digit of a value as the catalog types it: 223.6 -> 0.1, 224 -> 1."""
    written = repr(float(value))
    decimals = written.split(".")[1] if "." in written and "e" not in written else ""
    return 10.0 ** -len(decimals.rstrip("0")) if decimals.rstrip("0") else 1.0


def agree(a: float, b: float, step_a: float | None = None, step_b: float | None = None) -> bool:
    """Whether two stated values are one figure: equal to within half the last digit of the
    less precise one (224 km and 223.6 km agree, 240 km does not), else to three decimals."""
    tolerance = max(step_a or 0.0, step_b or 0.0) / 2
    if tolerance:
        return abs(a - b) <= tolerance * (1 + 1e-9)
    return round(a, 3) == round(b, 3)


#: Qualifiers (:mod:`.quantities`) that make a figure approximate or a bound, not exact.
APPROXIMATE = frozenset({"about", "almost", "more than", "less than"})


def significant_step(value: float, step: float | None) -> float | None:
    """The unit of the last non-zero digit of ``value`` written to ``step``: 400 -> 100,
    1 155 -> 1, 194.1 -> 0.1 (None when the step is unknown or the value is zero)."""
    if not step or not value:
        return step
    digits = round(abs(value) / step)
    while digits and digits % 10 == 0:
        digits //= 10
        step *= 10
    return step


def tolerance_step(claim: Claim) -> float | None:
    """The step a claim is compared to: its last digit written, or for an approximate figure
    ("около", "почти", "более", :data:`APPROXIMATE`) the unit of its last non-zero digit."""
    if claim.qualifier in APPROXIMATE:
        return significant_step(claim.value, claim.step)
    return claim.step


def _claims_agree(a: Claim, b: Claim) -> bool:
    """Whether two claims state one figure: their values agree (:func:`agree`), or one states
    a range ("от 40 до 80 млн. тонн в год", held265) that holds the other's figure or meets
    its range."""
    if agree(a.value, b.value, tolerance_step(a), tolerance_step(b)):
        return True
    if a.value_max is None and b.value_max is None:
        return False
    tolerance = max(tolerance_step(a) or 0.0, tolerance_step(b) or 0.0) / 2 * (1 + 1e-9)
    top_a = a.value if a.value_max is None else a.value_max
    top_b = b.value if b.value_max is None else b.value_max
    return a.value - tolerance <= top_b and b.value - tolerance <= top_a


def _two_from_distinct_documents(claims: Iterable[Claim]) -> list[Claim]:
    """The first claim, and the first after it from another document."""
    kept: list[Claim] = []
    for claim in claims:
        if not kept or claim.document != kept[0].document:
            kept.append(claim)
            if len(kept) == 2:
                break
    return kept


def _extremes(members: Sequence[Claim]) -> dict[tuple[Any, Any, Any], list[Claim]]:
    """Per (window, step, base, :func:`base_of`): the two lowest and the two highest figures,
    each pair from distinct documents."""
    pools: dict[tuple[Any, Any, Any], list[Claim]] = {}
    for claim in members:
        key = (window_of(claim), tolerance_step(claim), base_of(claim))
        pools.setdefault(key, []).append(claim)
    found = {}
    for key, pool in pools.items():
        ordered = sorted(pool, key=lambda claim: claim.value)
        found[key] = [
            *_two_from_distinct_documents(ordered),
            *_two_from_distinct_documents(reversed(ordered)),
        ]
    return found


def _comparable(period: Period, other: Period, volume: bool) -> bool:
    """Whether figures of two periods measure one thing: the same period, or a period
    stated on one side only (the other did not say it) — for a ``volume`` only a whole year:
    a month's or a few months' volume ("в июле … 308 тысяч тонн") is never the figure of an
    unstated period, which is a year's or the total. Nor is a volume of some months of no
    year known (a month named in an article whose date and year are unknown: "в октябре … около
    2.7 млн. тонн", held334) the figure of another article's: they may be months years apart."""
    if period == other:
        return not (volume and _months_of_no_year(period))
    unstated = [side for side in (period, other) if side is not None and side[0] == PUBLISHED]
    if unstated:
        # A volume of no period said is its article's at publication: comparable with no
        # other year's (two articles' of different years, a whole year long before).
        stated = other if period is unstated[0] else period
        year = unstated[0][1]
        if year is None:  # an article of an unknown time: no year's figure is its
            return stated is None or (stated[0] == WHOLE_YEAR and stated[1] is None)
        return stated is None or (
            stated[0] == WHOLE_YEAR and stated[1] in (None, year, year - 1)
        )
    stated = other if period is None else period if other is None else None
    return stated is not None and (not volume or stated[0] == WHOLE_YEAR)


def _months_of_no_year(period: Period) -> bool:
    """Whether ``period`` is some months of the calendar (fewer than a year, not a rate per
    month) whose year is unknown."""
    return (
        period is not None
        and isinstance(period[0], (int, float))
        and 0 < period[0] < WHOLE_YEAR
        and period[1] is None
    )


def _changes_comparable(window: Any, other: Any) -> bool:
    """Whether two changes (windows ``(period, base year, until)``, :func:`window_of`) are one
    measure: over one stated window, or since a base year against a change that states no
    window ("с 2020 года … почти в пять раз" against "рост произошел почти в три раза"). Not
    two changes that state none ("в 1,5 раза", "в 3-4 раза"), nor a change over some months
    against one whose months are unstated ("на 40,4% больше" over nine months, "на 48%
    больше" over eight the sentence before says)."""
    unstated = (None, None, None)
    if window == other:
        return window != unstated
    stated = other if window == unstated else window if other == unstated else None
    # "за последние семь лет" stated in 2026 is a window of its own up to the page's year
    # (``until``), not a base year a change of no window may share: "почти в пять раз" over
    # the last seven years and "в шесть раз" over the last six, said a year apart, both
    # reach 2019
    return stated is not None and stated[1] is not None and stated[2] is None


def base_of(claim: Claim) -> tuple[Any, Any] | None:
    """What a sum is counted from: its base year and, for the last years up to the page, the
    year they end in ("С 2019 года инвестиции … превысили $4,6 млрд", "30 млрд долларов за 10
    лет", stated in 2023: two totals of different years, no disagreement); None for any other
    figure, or a sum that states none."""
    if claim.kind != "money" or claim.context.get("since") is None:
        return None
    return (claim.context["since"], claim.context.get("until"))


def _unstated_topic_volume(claim: Claim, window: Any, other_window: Any) -> bool:
    """Whether ``claim`` is a topic's amount (no project's) compared across two windows, one
    of them no period said (the article's year at publication): a topic has no one subject
    (whose freight, by which way), so "зафиксирован показатель в 658,8 тыс т" (Azerbaijan's sea
    freight, held549) is no figure of Kazakhstan's transit "в этом году … 33 млн тонн"
    (held768). Changes, and amounts of one stated window, are still compared."""
    if claim.kind == "growth" or not (claim.subject or "").startswith("topic:"):
        return False
    unstated = [side for side in (window, other_window)
                if isinstance(side, tuple) and side[:1] == (PUBLISHED,)]  # fmt: skip
    return bool(unstated) and window != other_window


def _value_rule(members: Sequence[Claim]) -> dict[int, Claim]:
    extremes = _extremes(members)
    involved = {}
    for claim in members:
        window = window_of(claim)
        base = base_of(claim)
        for (other_window, _, other_base), candidates in extremes.items():
            if base is not None and other_base is not None and base != other_base:
                continue  # sums since different years
            if _unstated_topic_volume(claim, window, other_window):
                continue
            if claim.kind == "growth":
                if not _changes_comparable(window, other_window):
                    continue
            elif is_share(claim.kind, claim.scope):
                if window is None or window != other_window:
                    continue  # as a change: a share is compared over one stated window only
            elif not _comparable(window, other_window, claim.kind in FLOWS):
                continue
            if any(
                other.document != claim.document and not _claims_agree(claim, other)
                for other in candidates
            ):
                involved[id(claim)] = claim
                break
    return involved


def _windows_differ(period: Period, other: Period) -> bool:
    """Whether two stated periods are different windows of one year (months differ, the year
    is the same): what the period rule compares."""
    return period is not None and other is not None and period[1] == other[1] and period != other


#: The fewest significant digits of a figure that two windows do not share by chance: "547
#: миллионов долларов" for eight months and for nine is one figure with its period mistaken;
#: "около 2,5 миллиона тонн" in half a year and "2,5 млн тонн" in the whole year are two.
SPECIFIC_DIGITS = 3


def _specific(claim: Claim) -> bool:
    """Whether ``claim``'s figure has :data:`SPECIFIC_DIGITS` significant digits or more."""
    step = significant_step(claim.value, claim.step)
    if not step:
        return False
    return round(abs(claim.value) / step) >= 10 ** (SPECIFIC_DIGITS - 1)


def _period_rule(members: Sequence[Claim]) -> dict[int, Claim]:
    # Figures that state a period, grouped by (value, step, period): a thousand articles
    # repeating one figure for one period are one group, compared once.
    # A figure written as approximate or bounded ("около 70 тысяч", "превысил 100 000") fits
    # windows of many lengths: two of them show no period mistaken, one beside a plainly
    # written figure may ("превысив 547 миллионов" against "составил 547 миллионов"); a
    # round one (:func:`_specific`) shows none.
    groups: dict[tuple[float, Any, Period, bool], list[Claim]] = {}
    for claim in members:
        if period_of(claim) is not None and _specific(claim):
            plain = claim.qualifier not in APPROXIMATE
            key = (claim.value, tolerance_step(claim), period_of(claim), plain)
            groups.setdefault(key, []).append(claim)
    keys = sorted(groups, key=lambda key: key[0])
    values = [key[0] for key in keys]
    reach = max(((key[1] or 0.0) for key in keys), default=0.0) / 2 + 0.0005
    involved = {}
    for key in keys:
        value, step, period, plain = key
        low = bisect.bisect_left(values, value - reach * (1 + 1e-9))
        high = bisect.bisect_right(values, value + reach * (1 + 1e-9))
        for other in keys[low:high]:
            if not (plain or other[3]) or not _windows_differ(period, other[2]):
                continue
            if not agree(value, other[0], step, other[1]):
                continue
            documents = {claim.document for claim in groups[other]}
            for claim in groups[key]:
                if documents - {claim.document}:
                    involved[id(claim)] = claim
    return involved


def disagreeing(members: Sequence[Claim]) -> dict[str, dict[int, Claim]]:
    """Per rule (``"value"``, ``"period"``), the claims of ``members`` (one measure) that
    disagree with a claim of another document, keyed by ``id``; rules with none are left
    out."""
    found = {"value": _value_rule(members), "period": _period_rule(members)}
    return {rule: claims for rule, claims in found.items() if claims}
