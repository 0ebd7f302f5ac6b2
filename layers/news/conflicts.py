"""Conflicts: where sources disagree, found from the claims, not from the hand-made list.

Three rules, each over claims of *different* documents that share a subject
(:attr:`Claim.subject`), a kind, a unit and a role (target or reported):

``value``
    the values differ while the reporting periods agree (or at most one states one): "почти в
    пять раз" against "почти в три раза";
``period``
    the value is the same but the reporting periods differ: 547 million USD "за первые восемь
    месяцев 2025 года" against "за девять месяцев 2025 года";
``catalog``
    a length claim linked to a feature differs from a length the catalog publishes for it
    from another source (``published_length_km``).

Values are compared after rounding to three decimals, so a rounding difference (224 against
223.6 km) is kept visible, as the catalog keeps it. :func:`check_catalog_conflicts` then tells,
for each conflict the catalog lists by hand, whether the reader found it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from caspian.layers.catalog import Layer, short_feature_id
from caspian.layers.news.claims import Claim

COMPARED = ("length", "mass", "power", "bandwidth", "money", "growth", "percent", "deadline")


@dataclass(frozen=True)
class Conflict:
    """One disagreement.

    Attributes
    ----------
    id : str
        Stable id: ``"<rule>:<subject>:<kind>:<role>"``.
    rule : str
        ``"value"``, ``"period"`` or ``"catalog"``.
    subject : str
    kind, unit, role : str
    claims : tuple of Claim
        The claims that disagree, in corpus order.
    catalog_values : tuple of dict
        For the ``catalog`` rule: the published values (``value``, ``source``) it contradicts.
    """

    id: str
    rule: str
    subject: str
    kind: str
    unit: str | None
    role: str
    claims: tuple[Claim, ...]
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


def _period(claim: Claim) -> tuple[Any, Any] | None:
    period = claim.context.get("period")
    return (period["months"], period.get("year")) if period else None


def _same(a: float, b: float) -> bool:
    return round(a, 3) == round(b, 3)


def _group_key(claim: Claim) -> tuple[str, str, str | None, str] | None:
    if claim.kind not in COMPARED or claim.subject is None:
        return None
    return (claim.subject, claim.kind, claim.unit, claim.role)


def _pair_rule(a: Claim, b: Claim) -> str | None:
    if a.document == b.document:
        return None
    if _same(a.value, b.value):
        periods = _period(a), _period(b)
        return "period" if None not in periods and periods[0] != periods[1] else None
    periods = _period(a), _period(b)
    # A period stated on one side only does not make the figures incomparable.
    return "value" if None in periods or periods[0] == periods[1] else None


def _between_documents(claims: Sequence[Claim]) -> list[Conflict]:
    groups: dict[tuple[str, str, str | None, str], list[Claim]] = {}
    for claim in claims:
        key = _group_key(claim)
        if key:
            groups.setdefault(key, []).append(claim)
    found = []
    for (subject, kind, unit, role), members in groups.items():
        by_rule: dict[str, list[Claim]] = {}
        for a, b in combinations(members, 2):
            rule = _pair_rule(a, b)
            if rule:
                bucket = by_rule.setdefault(rule, [])
                bucket.extend(claim for claim in (a, b) if claim not in bucket)
        for rule, involved in by_rule.items():
            order = {id(claim): index for index, claim in enumerate(members)}
            found.append(
                Conflict(
                    id=f"{rule}:{subject}:{kind}:{role}",
                    rule=rule,
                    subject=subject,
                    kind=kind,
                    unit=unit,
                    role=role,
                    claims=tuple(sorted(involved, key=lambda claim: order[id(claim)])),
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


def _against_catalog(claims: Sequence[Claim], layers: Iterable[Layer]) -> list[Conflict]:
    features = {
        (layer.id, short_feature_id(feature)): (layer, feature)
        for layer in layers
        for feature in layer.features
    }
    found = []
    for claim in claims:
        if claim.kind != "length" or not claim.layer or not claim.feature:
            continue
        located = features.get((claim.layer, claim.feature))
        if located is None:
            continue
        layer, feature = located
        published = (feature.get("properties") or {}).get("published_length_km") or []
        differing = [
            {"value": entry["value"], "source": entry.get("source")}
            for entry in published
            if isinstance(entry.get("value"), (int, float))
            and not _cited_here(claim, layer.sources.get(str(entry.get("source"))))
            and not _same(float(entry["value"]), claim.value)
        ]
        if differing:
            unique = list({(d["value"], d["source"]): d for d in differing}.values())
            found.append(
                Conflict(
                    id=f"catalog:{claim.subject}:length:{claim.document}:{claim.start}",
                    rule="catalog",
                    subject=str(claim.subject),
                    kind="length",
                    unit="km",
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


def check_catalog_conflicts(
    conflicts: Sequence[Conflict], layers: Iterable[Layer]
) -> list[dict[str, Any]]:
    """Compare the catalog's hand-made conflicts with the conflicts found.

    Returns
    -------
    list of dict
        One row per hand-made conflict: ``layer``, ``conflict``, ``status`` (``"found"``,
        ``"not found"`` or ``"not checkable"`` when none of its values comes from a seed),
        ``found`` (ids of the matching found conflicts) and ``reason``.
    """
    rows = []
    for layer in layers:
        seeds = _seed_sources(layer)
        for hand_made in layer.conflicts:
            values = hand_made.get("values", [])
            seed_values = [seeds[v["source"]] for v in values if v.get("source") in seeds]
            external = {v.get("source") for v in values} - set(seeds)
            row = {"layer": layer.id, "conflict": hand_made.get("id"), "found": []}
            if not seed_values:
                rows.append(
                    {**row, "status": "not checkable", "reason": "no value comes from a seed"}
                )
                continue
            matching = []
            for conflict in conflicts:
                covered = [source for source in seed_values if _covers(conflict, source)]
                cited = {value.get("source") for value in conflict.catalog_values}
                if covered and len(covered) + len(cited & external) >= min(2, len(values)):
                    matching.append(conflict.id)
            if matching:
                rows.append({**row, "status": "found", "found": matching, "reason": ""})
            else:
                numeric = all(isinstance(v.get("value"), (int, float)) for v in values)
                reason = (
                    "the claims in these quotes agree or are not numeric"
                    if not numeric
                    else "no claim in the quoted text contradicts the other values"
                )
                rows.append({**row, "status": "not found", "reason": reason})
    return rows
