"""Corridor chains: ordered legs, totals by mode and status, and the gaps between legs.

A chain (the Zangezur route, the Middle Corridor) is a sequence of legs, each a line feature
with a ``chain = {"id": ..., "order": n}`` property. The gap between two consecutive legs is
the geodesic distance from the last vertex of one to the first vertex of the next: a gap is a
finding (a missing link, or a leg drawn the wrong way), so it is reported, never closed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from caspian.geo.arguments import mapping, refuse, settings_or_default
from caspian.geo.errors import GeometryError
from caspian.geo.geodesy import geod_for, geodesic_lengths_m
from caspian.geo.settings import Settings

#: Statuses counted as in service; every other status is "not operating".
OPERATING = "operating"


@dataclass(frozen=True)
class Leg:
    """One leg of a chain."""

    #: Feature id (``"layer/feature"``).
    feature: str
    #: Position in the chain (from the data; need not be contiguous).
    order: float
    #: ``rail``, ``sea``, ``road``, ... (None when the data has none).
    mode: str | None
    #: ``operating``, ``construction``, ``planned``, ...
    status: str | None
    #: Geodesic length, kilometres.
    length_km: float
    #: First vertex, ``(lon, lat)`` degrees.
    start: tuple[float, float]
    #: Last vertex, ``(lon, lat)`` degrees.
    end: tuple[float, float]


@dataclass(frozen=True)
class Gap:
    """The distance between the end of one leg and the start of the next."""

    #: Feature id of the leg that ends.
    after: str
    #: Feature id of the leg that starts.
    before: str
    #: Geodesic distance from ``after``'s last vertex to ``before``'s first vertex, km.
    gap_km: float
    #: Smallest distance between any end of ``after`` and any end of ``before``, km. When it
    #: is much smaller than ``gap_km``, one of the two legs is drawn in reverse.
    nearest_ends_km: float


@dataclass(frozen=True)
class Chain:
    """An ordered corridor with its totals."""

    #: Chain id, e.g. ``"middle_corridor"``.
    id: str
    #: In chain order.
    legs: tuple[Leg, ...]
    #: Sum of the legs' lengths, km (gaps not included).
    total_km: float
    #: Mode -> km (``"unknown"`` for legs without a mode).
    by_mode_km: dict[str, float] = field(default_factory=dict)
    #: Status -> km.
    by_status_km: dict[str, float] = field(default_factory=dict)
    #: Length of legs whose status is ``operating``.
    operating_km: float = 0.0
    #: Length of all the other legs.
    not_operating_km: float = 0.0
    #: One per pair of consecutive legs.
    gaps: tuple[Gap, ...] = ()

    @property
    def gap_total_km(self) -> float:
        """Sum of the gaps between consecutive legs, km."""
        return float(sum(gap.gap_km for gap in self.gaps))


def _ends(geometry: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    coords = shapely.get_coordinates(geometry)
    if coords.shape[0] == 0:
        raise GeometryError("a chain leg has an empty geometry; give it at least two vertices")
    return (float(coords[0, 0]), float(coords[0, 1])), (float(coords[-1, 0]), float(coords[-1, 1]))


def build_chains(
    features: Iterable[Mapping[str, Any]], settings: Settings | None = None
) -> list[Chain]:
    """Group chain legs into ordered chains and total them.

    Parameters
    ----------
    features : iterable of mapping
        Each with keys ``feature`` (id), ``chain`` (``{"id": str, "order": number}`` or None:
        skipped), ``mode``, ``status`` and ``geometry`` (shapely line, ``(lon, lat)``).
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid.

    Returns
    -------
    list of Chain
        Sorted by chain id; legs sorted by ``order``.

    Raises
    ------
    GeometryError
        If two legs of one chain share an order (their sequence would be arbitrary) or a leg
        has no coordinates.
    """
    settings = settings_or_default(settings)
    if isinstance(features, (str, bytes, Mapping)) or not isinstance(features, Iterable):
        refuse("features", features, "an iterable of leg mappings")
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for feature in features:
        chain = mapping(feature, "an item of features", "a mapping with a \"chain\" key").get(
            "chain")
        if not chain:
            continue
        grouped.setdefault(str(chain["id"]), []).append(feature)
    return [_build_chain(chain_id, legs, settings) for chain_id, legs in sorted(grouped.items())]


def _build_chain(
    chain_id: str, features: Sequence[Mapping[str, Any]], settings: Settings | None
) -> Chain:
    ordered = sorted(features, key=lambda feature: float(feature["chain"]["order"]))
    orders = [float(feature["chain"]["order"]) for feature in ordered]
    if len(set(orders)) != len(orders):
        duplicate = next(order for order in orders if orders.count(order) > 1)
        raise GeometryError(
            f"chain {chain_id!r} has two legs with order {duplicate:g}; give each leg its own order"
        )
    lengths_km = geodesic_lengths_m([feature["geometry"] for feature in ordered], settings) / 1000.0
    legs = []
    for feature, order, length_km in zip(ordered, orders, lengths_km.tolist(), strict=True):
        start, end = _ends(feature["geometry"])
        legs.append(
            Leg(
                feature=str(feature["feature"]),
                order=order,
                mode=feature.get("mode"),
                status=feature.get("status"),
                length_km=float(length_km),
                start=start,
                end=end,
            )
        )
    by_mode: dict[str, float] = {}
    by_status: dict[str, float] = {}
    for leg in legs:
        mode, status = leg.mode or "unknown", leg.status or "unknown"
        by_mode[mode] = by_mode.get(mode, 0.0) + leg.length_km
        by_status[status] = by_status.get(status, 0.0) + leg.length_km
    operating = sum(leg.length_km for leg in legs if leg.status == OPERATING)
    total = float(sum(leg.length_km for leg in legs))
    return Chain(
        id=chain_id,
        legs=tuple(legs),
        total_km=total,
        by_mode_km=dict(sorted(by_mode.items())),
        by_status_km=dict(sorted(by_status.items())),
        operating_km=float(operating),
        not_operating_km=total - float(operating),
        gaps=_gaps(legs, settings),
    )


def _gaps(legs: Sequence[Leg], settings: Settings | None) -> tuple[Gap, ...]:
    if len(legs) < 2:
        return ()
    pairs = list(itertools.pairwise(legs))
    # For each pair: end->start (the gap), then the other three end combinations.
    points_a = [(a.end, a.end, a.start, a.start) for a, _ in pairs]
    points_b = [(b.start, b.end, b.start, b.end) for _, b in pairs]
    a = np.array(points_a, dtype=float).reshape(-1, 2)
    b = np.array(points_b, dtype=float).reshape(-1, 2)
    _, _, dist_m = geod_for(settings).inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    dist_km = np.asarray(dist_m, dtype=float).reshape(-1, 4) / 1000.0
    return tuple(
        Gap(
            after=x.feature,
            before=y.feature,
            gap_km=float(row[0]),
            nearest_ends_km=float(row.min()),
        )
        for (x, y), row in zip(pairs, dist_km, strict=True)
    )
