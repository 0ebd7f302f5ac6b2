"""Shortest water paths over the visibility graphs of :mod:`caspian.geo.routing.seagraph`.

A :class:`SeaRouter` holds one :class:`~caspian.geo.routing.seagraph.SeaGraph` per basin and its
table of every vertex pair's shortest path (:func:`caspian.geo.routing.seapaths.shortest_paths`;
built once and cached by ``layers``). A query

1. **locates** each end point: the basin whose navigable water is nearest. A point on land (a
   port 1–4 km inland of the Natural Earth coast) is *snapped* to the nearest navigable water
   (the nearest coast segment, found through an STRtree); the geodesic snap distance is
   reported. Beyond ``max_snap_km`` from every basin the point is in no basin
   (:class:`NotInBasinError`); two ends in different basins raise
   :class:`DifferentBasinsError`;
2. tests the **straight segment** between the two water points: when it is in water it is
   the route (no path through a vertex is shorter), and nothing is attached;
3. else **attaches** the end points to the graph by the same tangent-and-visible test as the
   graph's own edges, lazily: the candidate vertices are ranked by a lower bound of the path
   through them and only those the search reaches are tested against the coast
   (:func:`caspian.geo.routing.seapaths.best_pair`; the same path as testing them all);
4. returns the path as a :class:`~caspian.geo.routing.Route` whose geometry follows each
   geodesic edge (densified), so a reader who draws straight lon/lat segments still stays in
   water.

Also: :meth:`SeaRouter.distance_matrix_m` (every pair at once, each point attached once).
The land test of sea legs and subsea cables is in :mod:`caspian.geo.landfalls`.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.errors import InputError, swapped_point_fix
from caspian.geo.geodesy import densify_legs, densify_path
from caspian.geo.routing import Route, as_lonlat, distinct_ends
from caspian.geo.routing.seagraph import (
    SeaGraph,
    linestrings_of,
    points_of,
    visible_one,
)
from caspian.geo.routing.seapaths import (
    EndPoint,
    ShortestPaths,
    best_pair,
    end_point,
    end_points,
    shortest_paths,
    walk,
)

FloatArray = npt.NDArray[np.float64]

#: How far inside the navigable water a snapped point is placed, metres (off the very edge,
#: so that its segments are tested like any other).
_SNAP_INSET_M = 1.0

_INVERSE = pyproj.enums.TransformDirection.INVERSE

#: Stands for a leg's points until they are computed (:meth:`SeaRouter._line_points`).
_PENDING = np.empty((0, 2))


class NotInBasinError(InputError):
    """A point farther from every basin's navigable water than the snap limit."""


class DifferentBasinsError(InputError):
    """The two ends of a sea route lie in different basins (no water joins them)."""


@dataclass(frozen=True, kw_only=True)
class SeaRouteSettings:
    """Options of sea routing."""

    #: Farthest a point may be from navigable water and still be routed (snapped), km.
    max_snap_km: float = 15.0
    #: Spacing of the vertices added along each geodesic edge of a route's geometry, km.
    densify_km: float = 5.0
    #: How many water points' attachments to the graph a router keeps (ports are routed
    #: again and again, and the segments tested from a point need no second test); 0 keeps
    #: none.
    remembered_points: int = 1024


DEFAULT_SEA_SETTINGS = SeaRouteSettings()


class Located(NamedTuple):
    """A point placed in a basin's navigable water.

    A named tuple (immutable, as the frozen dataclass it was): made twice a route, at a third
    of a frozen dataclass's cost.
    """

    #: The basin.
    graph: SeaGraph
    #: The requested point, degrees.
    lonlat: tuple[float, float]
    #: Where the route starts or ends in water (the point itself when it is in water).
    water_lonlat: tuple[float, float]
    #: The same in the basin's plane, metres.
    water_xy: tuple[float, float]
    #: Geodesic distance from ``lonlat`` to ``water_lonlat``, km.
    snap_km: float


def _fmt(lonlat: tuple[float, float]) -> str:
    return f"{lonlat[0]:.4f},{lonlat[1]:.4f}"


class SeaRouter:
    """Shortest water paths in every basin it holds.

    Parameters
    ----------
    graphs : sequence of SeaGraph
        One per basin.
    settings : SeaRouteSettings, optional
        Snap limit and output densification.
    paths : mapping of str to ShortestPaths, optional
        Each basin's table of shortest paths (from a cache); a basin without one has its
        table computed at first use.

    Examples
    --------
    >>> route = router.route((51.15, 43.65), (49.407, 39.948))  # doctest: +SKIP
    >>> round(route.length_km), route.details["basin"]  # doctest: +SKIP
    """

    def __init__(
        self,
        graphs: Sequence[SeaGraph],
        settings: SeaRouteSettings = DEFAULT_SEA_SETTINGS,
        paths: Mapping[str, ShortestPaths] | None = None,
    ) -> None:
        self.graphs = tuple(graphs)
        self.settings = settings
        self._paths: dict[str, ShortestPaths] = dict(paths or {})
        self._attachments: dict[tuple[str, tuple[float, float]], EndPoint] = {}
        # each basin's box widened by the snap limit (a point outside is in no reach of it)
        self._snap_boxes: list[tuple[float, float, float, float]] | None = None
        # GEOS prepared geometries and the remembered attachments are not safe to share
        # between threads: one query at a time (a router is usually shared, see sea_router).
        self._lock = threading.RLock()

    @property
    def basin_names(self) -> str:
        """The basins' names, joined for messages."""
        return ", ".join(graph.name for graph in self.graphs)

    def locate(self, lonlat: tuple[float, float]) -> Located:
        """Place a point in the nearest basin's navigable water (snapping it when on land).

        Raises
        ------
        NotInBasinError
            When no basin's navigable water is within ``settings.max_snap_km``.
        InputError
            When ``lonlat`` is not a finite ``(lon, lat)`` pair.
        """
        lonlat = as_lonlat(lonlat)
        with self._lock:
            return self._locate(lonlat)

    def _locate(self, lonlat: tuple[float, float]) -> Located:
        return self._locate_all([lonlat])[0]

    def _locate_all(self, lonlats: Sequence[tuple[float, float]],
                    swap_hint: bool = True) -> list[Located]:
        """:meth:`locate` of several points (a route's two ends): each basin snaps the points
        in its reach together (one GEOS call for what took one a point)."""
        if self._snap_boxes is None:
            self._snap_boxes = [_snap_box(graph, self.settings.max_snap_km)
                                for graph in self.graphs]
        best: list[Located | None] = [None] * len(lonlats)
        nearest_km = [math.inf] * len(lonlats)
        limit_km = self.settings.max_snap_km
        found = 0
        for graph, (west, south, east, north) in zip(self.graphs, self._snap_boxes,
                                                     strict=True):
            near = [k for k, (lon, lat) in enumerate(lonlats)
                    if west <= lon <= east and south <= lat <= north]
            if not near:
                continue
            # every point in the box (a route's two ends, usually): the list itself
            points = lonlats if len(near) == len(lonlats) else [lonlats[k] for k in near]
            for k, located in zip(near, _snap_all(graph, points), strict=True):
                snap_km = located.snap_km
                if snap_km < nearest_km[k]:
                    nearest_km[k] = snap_km
                current = best[k]
                if snap_km <= limit_km and (current is None or snap_km < current.snap_km):
                    found += current is None
                    best[k] = located
        if found == len(lonlats):
            return best  # type: ignore[return-value]  # no None is left
        for lonlat, kept, far_km in zip(lonlats, best, nearest_km, strict=True):
            if kept is None:
                far = f"{far_km:,.0f} km from" if np.isfinite(far_km) else "far from"
                fix = (self._far_point_fix(lonlat) if swap_hint else "")
                raise NotInBasinError(
                    f"{_fmt(lonlat)} (lon,lat) is {far} the navigable water of every basin "
                    f"({self.basin_names}); {fix}"
                )
        return best  # type: ignore[return-value]  # no None is left

    def _far_point_fix(self, lonlat: tuple[float, float]) -> str:
        """The fix for a point no basin reaches: swap the numbers when the point given as
        lat,lon lies in a basin's reach (a common slip), else a point nearer the sea."""
        lon, lat = lonlat
        if abs(lon) <= 90 and lon != lat:
            try:
                swapped = self._locate_all([(lat, lon)], swap_hint=False)[0]
            except NotInBasinError:
                pass
            else:
                return swapped_point_fix(lon, lat, "lies at sea" if swapped.snap_km < 0.05
                                         else f"lies {swapped.snap_km:,.1f} km from the water")
        return (f"give a point at sea or a port within {self.settings.max_snap_km:g} km of "
                "the coast")

    def route(self, start_lonlat: tuple[float, float], end_lonlat: tuple[float, float]) -> Route:
        """Return the shortest water path from ``start_lonlat`` to ``end_lonlat``.

        Raises
        ------
        NotInBasinError, DifferentBasinsError
        InputError
            When an end is not a finite ``(lon, lat)`` pair, or both are one point.
        """
        start_lonlat, end_lonlat = as_lonlat(start_lonlat, "FROM"), as_lonlat(end_lonlat, "TO")
        distinct_ends([start_lonlat, end_lonlat], ["FROM", "TO"])
        with self._lock:
            return self._route(start_lonlat, end_lonlat)

    def _route(self, start_lonlat: tuple[float, float], end_lonlat: tuple[float, float]) -> Route:
        start, end = self._locate_all([start_lonlat, end_lonlat])
        if start.graph.basin != end.graph.basin:
            raise DifferentBasinsError(
                f"{_fmt(start_lonlat)} is in the {start.graph.name} and {_fmt(end_lonlat)} "
                f"in the {end.graph.name}: no sea route joins different basins "
                "(canals and straits between them are not modelled)"
            )
        graph = start.graph
        direct_m = _direct_m(graph, start, end)
        nodes: list[int] = []
        if direct_m < math.inf:
            # the straight segment is in water: no path through the graph is shorter (the
            # geodesic is the shortest line), and the ends need no attachment
            length_m = direct_m
        else:
            length_m, nodes = self._shortest(graph, *self._attachments_of(start, end), direct_m)
        # shapely's array function: a LineString without the class's checks of its input
        line = linestrings_of(self._line_points(graph, start.water_lonlat, nodes,
                                                end.water_lonlat))
        return Route(
            mode="sea",
            start_lonlat=(start_lonlat[0], start_lonlat[1]),
            end_lonlat=(end_lonlat[0], end_lonlat[1]),
            geometry=line,
            length_km=length_m / 1000.0,
            start_snap_km=start.snap_km,
            end_snap_km=end.snap_km,
            details={
                "basin": graph.basin,
                "basin_name": graph.name,
                "start_water_lonlat": [round(start.water_lonlat[0], 6),
                                       round(start.water_lonlat[1], 6)],
                "end_water_lonlat": [round(end.water_lonlat[0], 6), round(end.water_lonlat[1], 6)],
                "snapped": bool(start.snap_km > 0 or end.snap_km > 0),
                "bends": len(nodes),
                "clearance_m": graph.clearance_m,
                "method": "visibility graph over the navigable water (exact shortest path)",
            },
        )

    def _line_points(self, graph: SeaGraph, start_lonlat: tuple[float, float], nodes: list[int],
                     end_lonlat: tuple[float, float]) -> FloatArray:
        """The route's vertices densified along its geodesics: :func:`densify_path`'s numbers.

        The points along the graph's edges depend on the graph only: each edge's are computed
        at its first use and kept (:attr:`SeaGraph.edge_points`, by direction), and a route
        computes those of its two end legs (and of edges met for the first time) in one call
        (:func:`densify_legs`).
        """
        vertices_lonlat = graph.vertices_lonlat_list
        path = [start_lonlat, *[vertices_lonlat[node] for node in nodes], end_lonlat]
        km = self.settings.densify_km
        lons = [lon for lon, _ in path]
        if (max(lons) - min(lons) >= 179.0 or type(km) is not float
                or not 0.0 < km < math.inf):
            # near the antimeridian (densify_path unwraps), or a setting to check: the
            # general function
            return densify_path(path, km, graph.geod)
        step_m = km * 1000.0
        known = graph.edge_points
        parts: list[FloatArray] = []
        legs, missing = [], []
        for k, ((lon, lat), (next_lon, next_lat)) in enumerate(itertools.pairwise(path)):
            key = ((nodes[k - 1], nodes[k], step_m) if 0 < k < len(nodes) else None)
            points = None if key is None else known.get(key)
            if points is None:
                legs.append((lon, lat, next_lon, next_lat))
                missing.append((len(parts), key))
                points = _PENDING  # replaced below
            parts.append(points)
        for (position, key), points in zip(missing, densify_legs(legs, step_m, graph.geod),
                                           strict=True):
            parts[position] = points
            if key is not None:
                # a copy: the array is a view of this route's rows, which it would keep
                kept = points.copy()
                kept.flags.writeable = False
                known[key] = kept
        parts.append(np.array([end_lonlat]))
        return np.concatenate(parts)

    def distance_matrix_m(self, lons: Any, lats: Any, *, strict: bool = True) -> FloatArray:
        """Shortest water distance between every pair of points, metres.

        Points in different basins are ``inf`` apart. A point in no basin raises
        :class:`NotInBasinError` (one that is not a finite ``(lon, lat)``, :class:`InputError`),
        or with ``strict=False`` gets a row of NaN. Snap distances are not included (water to
        water).
        """
        lons_a, lats_a = np.ravel(np.asarray(lons, float)), np.ravel(np.asarray(lats, float))
        if lons_a.shape != lats_a.shape:
            raise InputError(
                f"{lons_a.size} longitudes for {lats_a.size} latitudes; give one of each per point"
            )
        with self._lock:
            return self._distance_matrix_m(np.column_stack([lons_a, lats_a]), strict)

    def _distance_matrix_m(self, lonlats: FloatArray, strict: bool) -> FloatArray:
        located = [self._locate_or_none((float(lon), float(lat)), strict) for lon, lat in lonlats]
        attachments = [None if point is None else self._attachment(point) for point in located]
        matrix = np.full((len(located), len(located)), np.inf)
        np.fill_diagonal(matrix, 0.0)
        for i, j in zip(*np.triu_indices(len(located), k=1), strict=True):
            here, there = attachments[i], attachments[j]
            if here is None or there is None:
                matrix[i, j] = matrix[j, i] = np.nan
            elif here.point.graph is there.point.graph:
                length_m, _ = self._shortest(here.point.graph, here, there)
                matrix[i, j] = matrix[j, i] = length_m
        return matrix

    def _locate_or_none(self, lonlat: tuple[float, float], strict: bool) -> Located | None:
        try:
            return self._locate(as_lonlat(lonlat))
        except InputError:  # not a valid point, or in no basin
            if strict:
                raise
            return None

    def _attachments_of(self, start: Located, end: Located) -> tuple[_Attachment, _Attachment]:
        """:meth:`_attachment` of a route's two ends; two new ends are found together."""
        keys = [(point.graph.basin, point.water_xy) for point in (start, end)]
        if keys[0] == keys[1] or (self._attachments
                                  and any(key in self._attachments for key in keys)):
            return self._attachment(start), self._attachment(end)
        found = end_points(start.graph, [start.water_xy, end.water_xy],
                           [start.water_lonlat, end.water_lonlat])
        for point, ends in zip((start, end), found, strict=True):
            self._remember(point, ends)
        return _Attachment(start, found[0]), _Attachment(end, found[1])

    def _remember(self, point: Located, ends: EndPoint) -> None:
        """Keep a point's attachment, forgetting the oldest beyond the setting's count."""
        if self.settings.remembered_points > 0:
            if len(self._attachments) >= self.settings.remembered_points:
                self._attachments.pop(next(iter(self._attachments)))
            self._attachments[(point.graph.basin, point.water_xy)] = ends

    def _attachment(self, point: Located) -> _Attachment:
        """The point with its candidate vertices and what has been tested of them.

        Remembered for the last ``settings.remembered_points`` water points.
        """
        key = (point.graph.basin, point.water_xy)
        known = self._attachments.get(key)
        if known is None:
            known = end_point(point.graph, point.water_xy, point.water_lonlat)
            self._remember(point, known)
        return _Attachment(point, known)

    def prepare(self) -> None:
        """Compute every basin's all-pairs table now rather than at its first route."""
        with self._lock:
            for graph in self.graphs:
                self._all_pairs(graph)

    def shortest_paths(self, graph: SeaGraph) -> ShortestPaths:
        """The basin's table of every vertex pair's shortest path (computed at first use)."""
        with self._lock:
            return self._all_pairs(graph)

    def _all_pairs(self, graph: SeaGraph) -> ShortestPaths:
        if graph.basin not in self._paths:
            self._paths[graph.basin] = shortest_paths(graph)
        return self._paths[graph.basin]

    def _shortest(
        self, graph: SeaGraph, start: _Attachment, end: _Attachment,
        direct_m: float | None = None,
    ) -> tuple[float, list[int]]:
        """Length (m) and graph vertices of the shortest path between two attached points
        (``direct_m``: the straight segment's length if known, ``inf`` when not in water)."""
        length_m, first, last = best_pair(graph, self._all_pairs(graph), start.ends, end.ends,
                                          direct_m)
        if first is not None and last is not None:
            return length_m, walk(self._all_pairs(graph).predecessors[first], first, last)
        if not np.isfinite(length_m):
            here, there = start.point, end.point
            raise InputError(
                f"no water path joins {_fmt(here.lonlat)} and {_fmt(there.lonlat)} in the "
                f"{graph.name} (one of them is in water cut off from the open sea)"
            )
        return length_m, []


class _Attachment(NamedTuple):
    """A located point and its candidate vertices (tested as queries need them).

    A named tuple: made twice a route, a third of a frozen dataclass's cost to build.
    """

    point: Located
    ends: EndPoint


def _direct_m(graph: SeaGraph, start: Located, end: Located) -> float:
    """Geodesic length of the straight segment between two located points when it lies in
    the navigable water, metres; ``inf`` when it does not."""
    if visible_one(*graph.prepared_arrays, start.water_xy, end.water_xy):
        return float(graph.geod.inv(*start.water_lonlat, *end.water_lonlat)[2])
    return math.inf


def _snap_box(graph: SeaGraph, margin_km: float) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of the basin widened by ``margin_km``, degrees (a point
    outside it is farther than ``margin_km`` from the basin's water: a cheap pre-test)."""
    west, south, east, north = graph.lonlat_bounds
    margin_deg = margin_km / 111.0 / max(np.cos(np.radians(min(abs(south), abs(north)))), 0.1)
    return (west - margin_deg, south - margin_km / 111.0, east + margin_deg,
            north + margin_km / 111.0)


def _snap_all(graph: SeaGraph, lonlats: Sequence[tuple[float, float]]) -> list[Located]:
    """Each point itself when in navigable water, else the nearest navigable point, inset 1 m.

    The points' tests against the water and the coast are one GEOS call each; the arithmetic
    is in plain floats, point by point (for a point or two numpy's calls cost more than the
    arithmetic; the operations, so the numbers, are those of the array version this
    replaced).
    """
    transform = graph.transformer.transform
    xys = [transform(lon, lat) for lon, lat in lonlats]
    navigable = graph.prepared_arrays[0]
    xs, ys = zip(*xys, strict=True)
    inside = shapely.contains_xy(navigable, xs, ys).tolist()
    on_land = [k for k, is_inside in enumerate(inside) if not is_inside]
    if not on_land:
        return [Located(graph, lonlat, lonlat, xy, 0.0)
                for lonlat, xy in zip(lonlats, xys, strict=True)]
    nears = _nearest_coast_points(graph, [xys[k] for k in on_land])
    waters = []
    for k, (near_x, near_y) in zip(on_land, nears, strict=True):
        step_x, step_y = near_x - xys[k][0], near_y - xys[k][1]
        norm = max(float(np.hypot(step_x, step_y)), 1e-9)
        waters.append((near_x + step_x / norm * _SNAP_INSET_M,
                       near_y + step_y / norm * _SNAP_INSET_M))
    in_water = shapely.contains_xy(navigable, [x for x, _ in waters],
                                   [y for _, y in waters]).tolist()
    located = {}
    inverse = graph.geod.inv
    for k, near, water, is_in_water in zip(on_land, nears, waters, in_water, strict=True):
        water_x, water_y = water if is_in_water else near
        lon, lat = lonlats[k]
        water_lon, water_lat = transform(water_x, water_y, direction=_INVERSE)
        snap_m = inverse(lon, lat, water_lon, water_lat)[2]
        located[k] = Located(graph, lonlats[k], (water_lon, water_lat), (water_x, water_y),
                             snap_m / 1000.0)
    return [located[k] if k in located else Located(graph, lonlat, lonlat, xy, 0.0)
            for k, (lonlat, xy) in enumerate(zip(lonlats, xys, strict=True))]


def _nearest_on_coast(graph: SeaGraph, xy: FloatArray) -> FloatArray:
    """The point of the navigable water's coast nearest ``xy`` (plane metres).

    Of equally near segments, the first in ring order (exterior, then holes).
    """
    return np.asarray(_nearest_coast_points(graph, [(float(xy[0]), float(xy[1]))])[0])


def _nearest_coast_points(
    graph: SeaGraph, xys: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """:func:`_nearest_on_coast` of several points given as plain floats, one tree query."""
    tree = graph.coast_segments[0]
    segment_ends = graph.coast_segment_ends
    # shapely's array paths (quicker than its paths for one geometry, Point(x, y)): every
    # segment nearest each point, as (point, segment) columns; of several equally near, the
    # first is taken
    points, segments = tree.query_nearest(points_of(xys), all_matches=True).tolist()
    nearest: dict[int, int] = {}
    for k, segment in zip(points, segments, strict=True):
        nearest[k] = min(segment, nearest.get(k, segment))
    out = []
    for k, (x, y) in enumerate(xys):
        ax, ay, bx, by = segment_ends[nearest[k]]
        dx, dy = bx - ax, by - ay
        along = min(max(((x - ax) * dx + (y - ay) * dy) / max(dx * dx + dy * dy, 1e-18), 0.0),
                    1.0)
        out.append((ax + along * dx, ay + along * dy))
    return out
