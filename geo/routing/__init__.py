"""What every router returns: a route between two points over one network (rail, sea).

Pure data and geometry: a router in ``layers`` (which reads the network) builds a
:class:`Route`; the command line prints it and writes it with :func:`route_feature_collection`.
A route never bridges a missing link silently: what the network cannot connect is a
:class:`RouteGap`, reported beside the route and never drawn as track.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from caspian.geo.arguments import is_bool, is_positive_number
from caspian.geo.errors import InputError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Vertices that round equal at this many decimals of a degree (about 1 cm) are one node, in
#: every routing graph (the rail graph's nodes, the corridor network's joined vertices).
NODE_DECIMALS = 7


@dataclass(frozen=True)
class RouteGap:
    """A stretch the network does not connect, bridged by a straight line for reporting only."""

    #: Start of the gap, ``(lon, lat)`` degrees.
    start_lonlat: tuple[float, float]
    #: End of the gap, ``(lon, lat)`` degrees.
    end_lonlat: tuple[float, float]
    #: Geodesic length of the gap, kilometres.
    length_km: float


@dataclass(frozen=True)
class Route:
    """A route between two requested points."""

    #: ``"rail"`` or ``"sea"``.
    mode: str
    #: The point asked for as the start, ``(lon, lat)`` degrees.
    start_lonlat: tuple[float, float]
    #: The point asked for as the end, ``(lon, lat)`` degrees.
    end_lonlat: tuple[float, float]
    #: The path over the network only (``(lon, lat)``); a route with gaps is a
    #: MultiLineString whose parts the gaps separate.
    geometry: BaseGeometry
    #: Geodesic length of ``geometry`` on WGS84, kilometres (gaps and snaps excluded).
    length_km: float
    #: Geodesic distance from the requested start to where the route starts on the network,
    #: kilometres.
    start_snap_km: float
    #: Geodesic distance from the requested end to where the route ends on the network,
    #: kilometres.
    end_snap_km: float
    #: Every missing link, in route order.
    gaps: tuple[RouteGap, ...] = ()
    #: Mode-specific figures (``basin``; ``length_by_status_km``, ``osm_way_ids``,
    #: ``stations`` ...), JSON-serialisable.
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def gap_total_km(self) -> float:
        """Sum of the gaps' lengths, kilometres."""
        return float(sum(gap.length_km for gap in self.gaps))


def route_summary(route: Route, start_label: str, end_label: str) -> dict[str, Any]:
    """The route's figures as one flat-ish mapping (the properties of its GeoJSON feature)."""
    return {
        "mode": route.mode,
        "from": start_label,
        "to": end_label,
        "length_km": route.length_km,
        "start_snap_km": route.start_snap_km,
        "end_snap_km": route.end_snap_km,
        "gap_count": len(route.gaps),
        "gap_total_km": route.gap_total_km,
        **dict(route.details),
    }


def route_feature_collection(route: Route, start_label: str, end_label: str) -> dict[str, Any]:
    """Return the route as an RFC 7946 FeatureCollection (a Python mapping).

    The first feature is the route over the network (``"segment": "route"``); each gap follows
    as its own straight LineString feature with ``"segment": "gap"``, so that a reader never
    mistakes a missing link for track. Last come the snaps (``"segment": "snap"``, ``"end":
    "start"`` or ``"end"``): the straight link from each requested point to where the route
    meets the network (a port's landfall to navigable water, a town to its track), so that the
    written lines join the requested points without counting that link as route.
    """
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "properties": {"segment": "route", **route_summary(route, start_label, end_label)},
            "geometry": route.geometry.__geo_interface__,
        }
    ]
    for index, gap in enumerate(route.gaps):
        features.append(
            {
                "type": "Feature",
                "properties": {"segment": "gap", "gap": index, "length_km": gap.length_km},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [list(gap.start_lonlat), list(gap.end_lonlat)],
                },
            }
        )
    features.extend(_snap_features(route))
    return {"type": "FeatureCollection", "features": features}


def _snap_features(route: Route) -> list[dict[str, Any]]:
    """The straight links from the requested points to the route's ends, where they differ."""
    parts = list(getattr(route.geometry, "geoms", [route.geometry]))
    if not parts or route.geometry.is_empty:
        return []
    first, last = parts[0].coords[0], parts[-1].coords[-1]
    links = [
        ("start", route.start_lonlat, first, route.start_snap_km),
        ("end", last, route.end_lonlat, route.end_snap_km),
    ]
    return [
        {
            "type": "Feature",
            "properties": {"segment": "snap", "end": end, "length_km": snap_km},
            "geometry": {"type": "LineString", "coordinates": [list(a[:2]), list(b[:2])]},
        }
        for end, a, b, snap_km in links
        if snap_km > 0 and tuple(a[:2]) != tuple(b[:2])
    ]


def as_lonlat(point: Any, label: str = "point") -> tuple[float, float]:
    """Check a router's end point and return it as ``(lon, lat)`` floats.

    Accepts any sequence of two numbers (a third, the height, is dropped), a numpy array, or
    a shapely Point. One rule for every router, the command line's ``lon,lat`` parser too.

    Raises
    ------
    InputError
        For anything else, for numbers that are not finite, or outside lon -180..180,
        lat -90..90 (with a hint when the two look swapped).
    """
    if type(point) is tuple and len(point) == 2 and type(point[0]) is float and (
        type(point[1]) is float
    ):
        # the common case, a pair of floats (a router's end points): the checks below that
        # can fail for it
        lon, lat = point
        if math.isfinite(lon) and math.isfinite(lat) and -180.0 <= lon <= 180.0 and (
            -90.0 <= lat <= 90.0
        ):
            return point
    # a shapely geometry can only be given once shapely is imported: the command line's
    # options check their numbers here without importing it (start-up time)
    geometry = sys.modules.get("shapely.geometry.base")
    if (geometry is not None and isinstance(point, geometry.BaseGeometry)
            and point.geom_type == "Point" and not point.is_empty):
        point = (point.x, point.y)
    if isinstance(point, (str, bytes, Mapping)) or not hasattr(point, "__len__"):
        raise InputError(f"{label} {point!r} is not a point; give it as (lon, lat)")
    if len(point) not in (2, 3):
        raise InputError(
            f"{label} {point!r} has {len(point)} values; give it as (lon, lat)"
        )
    if any(is_bool(value) for value in list(point)[:2]):  # float(True) would be 1°
        raise InputError(f"{label} {point!r} holds a boolean; give it as (lon, lat) numbers")
    try:
        lon, lat = float(point[0]), float(point[1])
    except (TypeError, ValueError):
        raise InputError(
            f"{label} {point!r} is not a pair of numbers; give it as (lon, lat)"
        ) from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InputError(f"{label} {point!r}: coordinates must be finite numbers, (lon, lat)")
    if not -180.0 <= lon <= 180.0 or not -90.0 <= lat <= 90.0:
        hint = " (did you give lat,lon? the order is lon,lat)" if abs(lat) > 90 >= abs(lon) else ""
        raise InputError(
            f"{label} {point!r} is outside lon -180..180, lat -90..90{hint}; give it as (lon, lat)"
        )
    return (lon, lat)


def distinct_ends(points: Sequence[tuple[float, float]], labels: Sequence[str], *,
                  vias: bool = False) -> None:
    """Refuse a route whose points are all one point (FROM = TO, and every via there too):
    there is no route to find, and every router's answer of one (an empty collection, a
    LineString of no or one position, 0.0 km) was worse than the error. One rule for every
    router; a round trip through a via elsewhere stays a route.

    Raises
    ------
    InputError
        Naming both ends (as ``labels`` name them) and the point.
    """
    first = points[0]
    if any(point != first for point in points[1:]):
        return
    fix = "give two different places" + (", or a via between them for a round trip"
                                         if vias else "")
    raise InputError(f"{labels[0]} and {labels[-1]} are the same point "
                     f"({first[0]:.5f},{first[1]:.5f}), so there is no route; fix: {fix}")


def is_positive_km(value: Any) -> bool:
    """Whether ``value`` is a usable distance limit (a snap limit): a finite number > 0."""
    return is_positive_number(value)
