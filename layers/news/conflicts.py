"""Conflicts: where sources disagree, found from the claims, not from the hand-made list.

Three rules, each over claims of *different* documents that share a measure: a subject
(:attr:`Claim.subject`), a kind, a unit, a role (target or reported) and a scope:

``value``
    the values differ while the reporting periods agree (or at most one states one): "почти в
    пять раз" against "почти в три раза";
``period``
    the value is the same but the reporting periods differ: 547 million USD "за первые восемь
    месяцев 2025 года" against "за девять месяцев 2025 года";
``catalog``
    a length, or a capacity (Mt/yr, TEU/yr, GW, Tbit/s), linked to a feature differs from
    every length (``published_length_km``) or capacity in its unit (``capacity``) the catalog
    publishes for it from other sources (a figure one of them states is that source's side of
    a disagreement the catalog keeps already).

Claims are indexed by measure and compared only within one, without comparing every pair
(:mod:`.agreement`), so the work grows about linearly with the claims, not with their cube. A
rounding difference is no conflict: values agree within half the last digit of the less
precise one (224 km and 223.6 km, :func:`caspian.layers.news.agreement.agree`).
:func:`check_catalog_conflicts` then tells, for each conflict the catalog lists by hand,
whether the reader found it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from caspian.layers.catalog.loading import Layer, short_feature_id
from caspian.layers.news.agreement import agree, disagreeing, step_of, tolerance_step
from caspian.layers.news.claims import AT_OPENING, Claim
from caspian.layers.news.mentions import CONTEXT_LAYERS

COMPARED = (
    "length", "mass", "power", "bandwidth", "containers", "money", "growth", "percent",
    "deadline", "event",
)  # fmt: skip
#: What else a measure holds, from a claim's context: the date a share of work done was
#: stated at (68% in November and 70% in February are progress, not a disagreement), and the
#: event a date dates ("подписали" and "открыли" are two events, not one disagreeing) and
#: the state before a change ("с 0,8 млн до 4,5 млн тонн": 0.8 is no figure of today's), a
#: capacity (or a volume only considered) against a volume carried, an increase (what brings
#: it) against a state, the year of an agreement whose volume is stated (one of 2023 is
#: not 2025's), and the cargo of a port's tonnage (its oil is not all it handled).
MEASURE_CONTEXT = (
    "as_of", "event", "state", "measure", "increase", "agreed", "component", "cargo",
)  # fmt: skip


@dataclass(frozen=True)
class Conflict:
    """One disagreement."""

    #: Stable id: ``"<rule>:<subject>:<kind>:<role>"``.
    id: str
    #: ``"value"``, ``"period"`` or ``"catalog"``.
    rule: str
    subject: str
    kind: str
    unit: str | None
    role: str
    #: The claims that disagree, in corpus order.
    claims: tuple[Claim, ...]
    #: For the ``catalog`` rule: the published values (``value``, ``source``) it contradicts.
    catalog_values: tuple[dict[str, Any], ...] = ()

    @property
    def layer(self) -> str | None:
        """The layer of the claims' features (the first that has one)."""
        return next((claim.layer for claim in self.claims if claim.layer), None)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "rule": self.rule,
            "subject": self.subject,
            "kind": self.kind,
            "unit": self.unit,
            "role": self.role,
            "claims": [claim.as_dict() for claim in self.claims],
            "catalog_values": list(self.catalog_values),
        }


#: Scopes written two ways for one thing, compared as one: outlets print "туннель" and
#: "тоннель" for the same tunnel (held360's 4.3 km against held207's and held258's 4.5 km).
SPELLINGS = {"component:туннель": "component:тоннель"}

MeasureKey = tuple[str, str, str | None, str, str | None, tuple[str | None, ...]]


def _measure_key(claim: Claim) -> MeasureKey | None:
    """The measure a claim states (subject, kind, unit, role, scope: a country section or a
    second line is not the whole, and :data:`MEASURE_CONTEXT`): compared only with claims of
    the same one."""
    if claim.kind not in COMPARED or claim.subject is None:
        return None
    if claim.layer in CONTEXT_LAYERS:
        # A place named for context is no project: a tariff linked to the city an agency
        # filed from ("Астана. 15 ноября. КазТАГ — … $11,7 за 1 тонну", held569) and a port's
        # cost linked to the capital are no two figures of one thing.
        return None
    if claim.kind == "percent" and claim.subject.startswith("topic:"):
        # A percent of a topic with no project has no common base across articles: the Suez
        # route's share of world oil shipments ("доли «суэцкого» маршрута в общемировых
        # перевозках нефти … превышавшей 25%", held686) is no figure of the Kazakh ports'
        # freight up 12% (held115). Amounts of a topic (a trade turnover) are still compared.
        return None
    extra = tuple(claim.context.get(name) for name in MEASURE_CONTEXT)
    scope = SPELLINGS.get(claim.scope, claim.scope) if claim.scope else claim.scope
    return (claim.subject, claim.kind, claim.unit, claim.role, scope, extra)


def _between_documents(claims: Sequence[Claim]) -> list[Conflict]:
    # The index: one bucket of claims per measure; figures are compared only within one.
    groups: dict[MeasureKey, list[Claim]] = {}
    for claim in claims:
        key = _measure_key(claim)
        if key:
            groups.setdefault(key, []).append(claim)
    found = []
    for (subject, kind, unit, role, scope, extra), members in groups.items():
        qualifiers = [str(value) for value in (scope, *extra) if value]
        order = {id(claim): index for index, claim in enumerate(members)}
        for rule, involved in disagreeing(members).items():
            found.append(
                Conflict(
                    id=":".join([rule, subject, kind, role, *qualifiers]),
                    rule=rule,
                    subject=subject,
                    kind=kind,
                    unit=unit,
                    role=role,
                    claims=tuple(sorted(involved.values(), key=lambda c: order[id(c)])),
                )
            )
    return found


def _seed_sources(layer: Layer) -> dict[str, dict[str, Any]]:
    return {sid: src for sid, src in layer.sources.items() if src.get("type") == "seed"}


def _cited_here(claim: Claim, source: dict[str, Any] | None) -> bool:
    """Whether ``source`` is a seed citation of ``claim``'s document."""
    if source is None:
        return False
    return source.get("type") == "seed" and source.get("seed") == claim.document


#: Catalog capacity units (``capacity`` entries) as a claim's normal unit and the factor into
#: it; a capacity in another unit (Mbbl/d, passengers) is compared with no claim.
CAPACITY_UNITS = {"Mt/yr": ("Mt/yr", 1.0), "TEU/yr": ("TEU/yr", 1.0), "GW": ("GW", 1.0),
                  "MW": ("GW", 1e-3), "Tbit/s": ("Tbit/s", 1.0)}  # fmt: skip


def _published(claim: Claim, layer: Layer, feature: dict[str, Any]) -> list[dict[str, Any]]:
    """The values the catalog publishes for ``claim``'s measure of ``feature``: its lengths
    (``published_length_km``) for a length, its capacities in the claim's unit for a rate or
    a power; those cited from ``claim``'s own document left out."""
    properties = feature.get("properties") or {}
    if claim.kind == "length":
        entries = [(entry, 1.0) for entry in properties.get("published_length_km") or []]
    else:
        entries = [
            (entry, CAPACITY_UNITS[entry["unit"]][1])
            for entry in properties.get("capacity") or []
            if CAPACITY_UNITS.get(entry.get("unit"), ("",))[0] == claim.unit
        ]
    return [
        {"value": entry["value"] * factor, "source": entry.get("source")}
        for entry, factor in entries
        if isinstance(entry.get("value"), (int, float))
        and not _cited_here(claim, layer.sources.get(str(entry.get("source"))))
    ]


def _against_catalog(claims: Sequence[Claim], layers: Iterable[Layer]) -> list[Conflict]:
    features = {
        (layer.id, short_feature_id(feature)): (layer, feature)
        for layer in layers
        for feature in layer.features
    }
    units = {unit for unit, _ in CAPACITY_UNITS.values()}
    found = []
    for claim in claims:
        compared = claim.kind == "length" or claim.unit in units
        if not compared or not claim.layer or not claim.feature or claim.scope:
            continue  # a section's or a second line's figure is not the feature's
        if claim.context.get("state"):
            # The value a change started from ("увеличить его пропускную способность в пять
            # раз: с одного до пяти миллионов тонн", held441) is a former state, not the
            # feature's figure the catalog publishes.
            continue
        if claim.context.get("measure") == AT_OPENING:
            # a volume of the first years after the opening ("с открытием … 3 млн тонн грузов
            # в год", held718) is no figure of the capacities the catalog publishes
            continue
        located = features.get((claim.layer, claim.feature))
        if located is None:
            continue
        published = _published(claim, *located)
        # A figure that one published source states is that source's side of a disagreement
        # the catalog already keeps, not a new one: only a figure that none states conflicts.
        if not published or any(
            agree(float(d["value"]), claim.value, step_of(d["value"]), tolerance_step(claim))
            for d in published
        ):
            continue
        unique = list({(d["value"], d["source"]): d for d in published}.values())
        found.append(
            Conflict(
                id=f"catalog:{claim.subject}:{claim.kind}:{claim.document}:{claim.start}",
                rule="catalog",
                subject=str(claim.subject),
                kind=claim.kind,
                unit=claim.unit,
                role=claim.role,
                claims=(claim,),
                catalog_values=tuple(unique),
            )
        )
    return found


def find_conflicts(claims: Sequence[Claim], layers: Iterable[Layer]) -> list[Conflict]:
    """Every conflict among ``claims`` (of several documents) and against the catalog."""
    return [*_between_documents(claims), *_against_catalog(claims, list(layers))]


def _covers(conflict: Conflict, source: dict[str, Any]) -> bool:
    """Whether one of the conflict's claims lies inside the seed quote ``source``."""
    start, end = source.get("start"), source.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    return any(
        claim.document == source.get("seed") and start <= claim.start and claim.end <= end
        for claim in conflict.claims
    )


def _not_found_reason(values: Sequence[dict[str, Any]]) -> str:
    numbers = [number for number in (v.get("value") for v in values)
               if isinstance(number, (int, float))]
    if len(numbers) < len(values):
        return "the claims in these quotes agree or are not numeric"
    if all(agree(a, b, step_of(a), step_of(b)) for a in numbers for b in numbers):
        return "the values agree within rounding, which is no conflict"
    return "no claim in the quoted text contradicts the other values"


def _states(claim: Claim, layer: Layer, hand_made: dict[str, Any], value: dict[str, Any]) -> bool:
    """Whether ``claim`` states ``value`` of the hand-made conflict (same layer, one of its
    features, same unit, the whole feature, equal within rounding)."""
    features = hand_made.get("features") or []
    number = value.get("value")
    return (
        claim.layer == layer.id
        and (not features or claim.feature in features)
        and claim.unit == value.get("unit")
        and claim.scope is None
        and isinstance(number, (int, float))
        and agree(claim.value, float(number), tolerance_step(claim), step_of(number))
    )


def _found_in_corpus(conflict: Conflict, layer: Layer, hand_made: dict[str, Any]) -> bool:
    """Whether a found conflict shows two values of the hand-made one: stated by its claims
    (from any document) or cited as the catalog values it contradicts."""
    values = hand_made.get("values", [])
    stated = {
        index
        for index, value in enumerate(values)
        for claim in conflict.claims
        if _states(claim, layer, hand_made, value)
    }
    cited = {value.get("source") for value in conflict.catalog_values}
    stated |= {index for index, value in enumerate(values) if value.get("source") in cited}
    return bool(stated) and len(stated) >= min(2, len(values))


def check_catalog_conflicts(
    conflicts: Sequence[Conflict], layers: Iterable[Layer], claims: Sequence[Claim] = ()
) -> list[dict[str, Any]]:
    """Compare the catalog's hand-made conflicts with the conflicts found.

    A hand-made conflict is *found* when a found conflict has claims inside its seed quotes,
    or (from any document of the corpus) states two of its values or one of them against
    another it cites; *not checkable* when none of its values comes from a seed and no claim
    of ``claims`` states one.

    Returns
    -------
    list of dict
        One row per hand-made conflict: ``layer``, ``conflict``, ``status`` (``"found"``,
        ``"not found"`` or ``"not checkable"``), ``found`` (ids of the matching found
        conflicts) and ``reason``.
    """
    rows = []
    for layer in layers:
        seeds = _seed_sources(layer)
        for hand_made in layer.conflicts:
            values = hand_made.get("values", [])
            seed_values = [seeds[v["source"]] for v in values if v.get("source") in seeds]
            external = {v.get("source") for v in values} - set(seeds)
            row: dict[str, Any] = {"layer": layer.id, "conflict": hand_made.get("id"),
                                   "found": []}
            matching = []
            for conflict in conflicts:
                covered = [source for source in seed_values if _covers(conflict, source)]
                cited = {value.get("source") for value in conflict.catalog_values}
                quoted = covered and len(covered) + len(cited & external) >= min(2, len(values))
                if quoted or _found_in_corpus(conflict, layer, hand_made):
                    matching.append(conflict.id)
            if matching:
                rows.append({**row, "status": "found", "found": matching, "reason": ""})
            elif seed_values or any(
                _states(claim, layer, hand_made, value) for claim in claims for value in values
            ):
                rows.append({**row, "status": "not found", "reason": _not_found_reason(values)})
            else:
                reason = "no value comes from a seed and no claim of the corpus states one"
                rows.append({**row, "status": "not checkable", "reason": reason})
    return rows
