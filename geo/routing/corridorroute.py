"""A corridor path as people read it: legs, lengths by mode, country, status and accuracy,
border crossings, transfers and gaps; and how two routes compare.

Pure: a :class:`caspian.geo.routing.corridorsearch.Path` in, JSON-ready mappings out. A *leg* is a
run of steps of one mode, feature, status, accuracy and gauge; each transfer and each gap is a
leg of its own. Country lengths add up the segments' countries as the network was built with
them (``sea`` for none), so they agree with the network's own ``--by country`` measure;
accuracy lengths add up each segment's class the same way, so a leg's ``accuracy`` (its line's
weakest part) and its ``by_accuracy_km`` (what its kilometres are) can differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from caspian.geo.routing.corridorgraph import GAP, RAIL, TRANSFER, CorridorNode
from caspian.geo.routing.corridorsearch import Path, Step

#: Status counted as running today.
OPERATING = "operating"

#: Figures are rounded to this many decimals of a kilometre in the answer.
KM_DECIMALS = 1


def _km(value: float) -> float:
    return round(float(value), KM_DECIMALS)


def node_label(node: CorridorNode) -> str:
    """A node's name, or its coordinates."""
    return node.name or f"{node.lon:.4f},{node.lat:.4f}"


def _leg_key(step: Step) -> tuple[Any, ...]:
    edge = step.edge
    if edge.mode in (TRANSFER, GAP):
        return (id(step),)
    return (edge.mode, edge.feature, edge.status, edge.accuracy, edge.gauge_mm)


def _add(table: dict[str, float], key: str | None, km: float) -> None:
    name = key or "unknown"
    table[name] = table.get(name, 0.0) + km


def _countries(steps: Sequence[Step]) -> dict[str, float]:
    by_country: dict[str, float] = {}
    for step in steps:
        codes = np.asarray(step.segment_countries, dtype=object)
        for code in dict.fromkeys(step.segment_countries):
            _add(by_country, code or "sea", float(step.segment_km[codes == code].sum()))
    return by_country


def _accuracies(steps: Sequence[Step]) -> dict[str, float]:
    """Kilometres of each accuracy class over the steps' segments (a catalog line's class
    varies along it: traced here, straight between stations there)."""
    by_accuracy: dict[str, float] = {}
    for step in steps:
        classes = np.asarray(step.segment_accuracies, dtype=object)
        for name in dict.fromkeys(step.segment_accuracies):
            _add(by_accuracy, name, float(step.segment_km[classes == name].sum()))
    return by_accuracy


def _leg(steps: Sequence[Step]) -> dict[str, Any]:
    first, edge = steps[0], steps[0].edge
    length = sum(float(step.segment_km.sum()) for step in steps)
    countries = [code for code, km in _countries(steps).items() if km > 0]
    leg: dict[str, Any] = {
        "mode": edge.mode,
        "from": node_label(first.start_node),
        "to": node_label(steps[-1].end_node),
        "length_km": _km(length),
        "status": edge.status,
        # the line's own class, that of its weakest part (as the catalog states it) ...
        "accuracy": edge.accuracy,
        # ... and how many of this leg's kilometres are of each class
        "by_accuracy_km": _rounded(_accuracies(steps)),
        "countries": countries,
        "feature": edge.feature,
    }
    if edge.mode == RAIL:
        leg["gauge_mm"] = edge.gauge_mm
    if edge.kind:
        leg["kind"] = edge.kind
    if first.gauge_from is not None:
        leg["gauges"] = f"{first.gauge_from}/{first.gauge_to}"
    return leg


def group_legs(steps: Sequence[Step]) -> list[list[Step]]:
    """Consecutive steps of one leg together."""
    groups: list[list[Step]] = []
    for step in steps:
        if groups and _leg_key(groups[-1][-1]) == _leg_key(step):
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _borders(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """Each change of country along the path (sea between two countries counts as a change)."""
    out = []
    current: str | None = None
    for step in steps:
        for k, code in enumerate(step.segment_countries):
            if not code or code == "sea":
                continue
            if current is not None and code != current:
                lon, lat = step.lonlats[k]
                out.append({"from": current, "to": code,
                            "place": f"{lon:.4f},{lat:.4f}",
                            "near": node_label(step.start_node) + " – "
                            + node_label(step.end_node)})
            current = code
    return out


def route_summary(path: Path, start_label: str, end_label: str) -> dict[str, Any]:
    """The path's answer: legs and every total the corridor question asks for."""
    groups = group_legs(path.steps)
    legs = [_leg(group) for group in groups]
    by_mode: dict[str, float] = {}
    by_status: dict[str, float] = {}
    for step in path.steps:
        km = float(step.segment_km.sum())
        _add(by_mode, step.edge.mode, km)
        if step.edge.mode not in (TRANSFER,):
            _add(by_status, step.edge.status, km)
    by_accuracy = _accuracies([step for step in path.steps if step.edge.mode != TRANSFER])
    transfers = [
        {"kind": step.edge.kind, "place": step.edge.place or node_label(step.start_node),
         **({"gauges": f"{step.gauge_from}/{step.gauge_to}"} if step.gauge_from else {}),
         "length_km": _km(step.segment_km.sum())}
        for step in path.steps if step.edge.mode == TRANSFER
    ] + [
        {"kind": "gauge", "place": step.edge.place, "gauges": f"{step.gauge_from}/{step.gauge_to}",
         "length_km": _km(step.segment_km.sum()), "across_gap": True}
        for step in path.steps if step.edge.mode == GAP and step.gauge_from is not None
    ]
    gaps = [
        {"between": step.edge.place, "from": [round(float(v), 5) for v in step.lonlats[0]],
         "to": [round(float(v), 5) for v in step.lonlats[-1]],
         "length_km": round(float(step.segment_km.sum()), 2)}
        for step in path.steps if step.edge.mode == GAP
    ]
    length = path.length_km
    operating = by_status.get(OPERATING, 0.0)
    not_operating = sum(km for status, km in by_status.items() if status != OPERATING)
    return {
        "from": start_label,
        "to": end_label,
        "length_km": _km(length),
        "not_operating_km": _km(not_operating),
        "not_operating_share": round(not_operating / max(operating + not_operating, 1e-9), 3),
        "by_mode_km": _rounded(by_mode),
        "by_country_km": _rounded(_countries(path.steps)),
        "by_status_km": _rounded(by_status),
        "by_accuracy_km": _rounded(by_accuracy),
        "borders": _borders(path.steps),
        "transfers": transfers,
        "gaps": gaps,
        "start_snap_km": round(path.start_snap_km, 3),
        "end_snap_km": round(path.end_snap_km, 3),
        "legs": legs,
    }


def _rounded(table: dict[str, float]) -> dict[str, float]:
    return {key: _km(value) for key, value in sorted(table.items()) if round(value, 3) > 0}


def compare_routes(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """How the second route compares with the first: differences of the totals (second minus
    first), borders and transfers counted, and the share not yet operating."""
    def diff(key: str) -> dict[str, float]:
        keys = sorted(set(first[key]) | set(second[key]))
        return {k: _km(second[key].get(k, 0.0) - first[key].get(k, 0.0)) for k in keys}

    return {
        "length_km": _km(second["length_km"] - first["length_km"]),
        "length_ratio": round(second["length_km"] / max(first["length_km"], 1e-9), 3),
        "by_mode_km": diff("by_mode_km"),
        "by_status_km": diff("by_status_km"),
        "borders": [len(first["borders"]), len(second["borders"])],
        "transfers": [len(first["transfers"]), len(second["transfers"])],
        "gaps_km": [sum(g["length_km"] for g in first["gaps"]),
                    sum(g["length_km"] for g in second["gaps"])],
        "not_operating_share": [first["not_operating_share"], second["not_operating_share"]],
    }


def route_features(path: Path, index: int) -> list[dict[str, Any]]:
    """One GeoJSON feature per leg (``route`` = rank, 0 the best)."""
    features = []
    for number, group in enumerate(group_legs(path.steps)):
        leg = _leg(group)
        coords: list[list[float]] = []
        for step in group:
            part = [[round(float(lon), 7), round(float(lat), 7)] for lon, lat in step.lonlats]
            coords.extend(part if not coords or coords[-1] != part[0] else part[1:])
        geometry: dict[str, Any] = (
            {"type": "LineString", "coordinates": coords} if (len(coords) >= 2 and coords[0] !=
            coords[-1]) or len(coords) > 2 else {"type": "Point", "coordinates": coords[0]}
        )
        properties = {"route": index, "leg": number, "segment": leg["mode"], **leg}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return features
