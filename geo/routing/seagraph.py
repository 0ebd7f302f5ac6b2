"""The water of a sea basin and its visibility graph: the exact shortest-path network by sea.

Pure computation: land polygons come in as shapely geometries (``layers`` loads them from the
country boundaries the metrics use), a :class:`SeaGraph` comes out. The method (the reasoning
is in ``docs/sea-routing.md``):

1. **Water** (:func:`basin_water`): the basin's extent minus the land, the connected part that
   holds the basin's seed point. Islands are holes.
2. **Projection**: a gnomonic projection centred on the basin. It maps great circles to
   straight lines, so "the straight segment between two points stays in water" is tested in
   the plane for the geodesic (the ellipsoidal geodesic strays from the spherical great circle
   by metres at these distances, far less than the clearance below).
3. **Navigable water** (:func:`navigable_water`): the water eroded by ``clearance_m`` (a
   negative buffer with mitred corners, bevelled at two clearances). Every edge of the graph
   then keeps at least ``clearance_m`` from the coast, so no projection or densification
   error puts any length on land. Nothing else is simplified: the coast is the boundaries'
   own.
4. **Vertices** (:func:`reflex_vertices`): a shortest path in a polygon with holes bends only
   at reflex vertices (where the coast juts into the water), so only those are kept.
5. **Edges**: pairs of vertices whose segment is *tangent* at both ends (both neighbours of
   each end lie on one side of it: a path can only wrap round a corner, never cut into it) and
   lies in the navigable water, plus the coast edges between successive reflex vertices (a
   path may run along the coast round a headland). Each edge is weighted by its geodesic
   length on the settings' ellipsoid (WGS84 by default). The water, its vertices and edges do
   not depend on the ellipsoid, so :func:`measured_on` gives the graph on another one by
   measuring the edges again.

Dijkstra over this graph, with the two end points attached the same way, is then the exact
shortest path in the navigable water (see :mod:`caspian.geo.routing.searouting`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.geodesy import GEOD, geod_for, local_projection
from caspian.geo.private_api import agreeing
from caspian.geo.settings import Settings

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Erosion keeps corners sharp (mitred) up to this many clearances from the coast vertex and
#: bevels them beyond: one or two vertices per headland instead of an arc, and every point of
#: the navigable water stays at least one clearance from land.
_MITRE_LIMIT = 2.0

#: Pairs of vertices tested per block when the graph is built (bounds memory to ~100 MB).
_BLOCK_PAIRS = 2_000_000

#: How far each end of a segment is pulled in before it is tested against the coast, metres:
#: a segment between two coast vertices touches the coast at its ends by construction.
_END_TRIM_M = 1e-3

#: From this length a segment loses the whole trim at each end (a quarter of it is the trim:
#: exact, as multiplying by four is).
_FULL_TRIM_FROM_M = 4.0 * _END_TRIM_M


def _creation_functions() -> tuple[Any, Any]:
    """``(linestrings, points)`` of an array of coordinates, as :func:`shapely.linestrings`
    and :func:`shapely.points` make them.

    From shapely 2.1 those wrap a C function with Python that converts their ``handle_nan``
    enum on every call: about 2 µs around a 2 µs call for a query's few segments, spent four
    or five times a route. The C functions are called directly with the default's number
    (``allow``: what the wrappers pass, so the same geometries); shapely 2.0 has no such
    argument, and its own functions are used.
    """
    public = (shapely.linestrings, shapely.points)
    handle_nan = getattr(getattr(shapely, "creation", None), "HandleNaN", None)
    lib = getattr(shapely, "lib", None)
    if handle_nan is None or lib is None:
        return public
    allow = np.intc(handle_nan.allow)

    def linestrings(coords: Any) -> Any:
        return lib.linestrings(coords, allow)

    def points(coords: Any) -> Any:
        return lib.points(coords, allow)

    # shapely.lib is not public API: a later shapely may change it, so the direct calls are
    # kept only while they make what the public functions make
    def agrees() -> bool:
        sample = np.array([[0.5, 1.0], [2.0, -3.25]])
        return bool(
            shapely.equals_exact(linestrings(sample), shapely.linestrings(sample), 0.0)
            and np.all(shapely.equals_exact(points(sample), shapely.points(sample), 0.0)))

    return agreeing((linestrings, points), public, agrees)


#: :func:`shapely.linestrings` and :func:`shapely.points` of one array of coordinates,
#: without their wrappers' cost (:func:`_creation_functions`).
linestrings_of, points_of = _creation_functions()


def gnomonic(centre_lonlat: tuple[float, float]) -> pyproj.Transformer:
    """Return the lon/lat -> gnomonic (metres) transformer centred on ``centre_lonlat``."""
    return local_projection(centre_lonlat, kind="gnom")


def to_plane(transformer: pyproj.Transformer, lonlats: Any) -> FloatArray:
    """Project ``(n, 2)`` lon/lat degrees to ``(n, 2)`` plane metres."""
    array = np.asarray(lonlats, dtype=float).reshape(-1, 2)
    x, y = transformer.transform(array[:, 0], array[:, 1])
    return np.column_stack([x, y])


def to_lonlat(transformer: pyproj.Transformer, xys: Any) -> FloatArray:
    """Back-project ``(n, 2)`` plane metres to ``(n, 2)`` lon/lat degrees."""
    array = np.asarray(xys, dtype=float).reshape(-1, 2)
    lons, lats = transformer.transform(
        array[:, 0], array[:, 1], direction=pyproj.enums.TransformDirection.INVERSE
    )
    return np.column_stack([lons, lats])


def ecef_of(lonlat: Any, geod: pyproj.Geod = GEOD) -> FloatArray:
    """Earth-centred ``(x, y, z)`` metres of ``(..., 2)`` lon/lat degrees on ``geod``'s
    ellipsoid."""
    if isinstance(lonlat, tuple):
        return np.asarray(ecef_floats(lonlat[0], lonlat[1], geod))
    lonlat = np.asarray(lonlat, dtype=float)
    lons, lats = np.radians(lonlat[..., 0]), np.radians(lonlat[..., 1])
    e2 = geod.f * (2.0 - geod.f)
    radius = geod.a / np.sqrt(1.0 - e2 * np.sin(lats) ** 2)
    return np.stack([radius * np.cos(lats) * np.cos(lons), radius * np.cos(lats) * np.sin(lons),
                     radius * (1.0 - e2) * np.sin(lats)], axis=-1)


def ecef_floats(lon: float, lat: float, geod: pyproj.Geod = GEOD) -> tuple[float, float, float]:
    """:func:`ecef_of` of one point (a query's end), in plain floats: a tenth of the time of
    twelve array calls (the last bit may differ from numpy's; the chord bounds keep a
    micrometre's margin)."""
    lon, lat = math.radians(lon), math.radians(lat)
    e2 = geod.f * (2.0 - geod.f)
    radius = geod.a / math.sqrt(1.0 - e2 * math.sin(lat) ** 2)
    return (radius * math.cos(lat) * math.cos(lon), radius * math.cos(lat) * math.sin(lon),
            radius * (1.0 - e2) * math.sin(lat))


def basin_water(land: Any, extent: Any, seed_lonlat: tuple[float, float]) -> Any:
    """Return the basin's water: ``extent`` minus ``land``, the part holding the seed point.

    Parameters
    ----------
    land : array_like of shapely (Multi)Polygons
        Land areas (country polygons), ``(lon, lat)`` degrees.
    extent : shapely Polygon
        Where the basin lies, ``(lon, lat)``; its edges should run over land, or cut the basin
        off from a neighbouring sea (the Bosporus, say).
    seed_lonlat : tuple of float
        A point of open water in the basin.

    Returns
    -------
    shapely Polygon
        The water, islands as holes, ``(lon, lat)`` degrees.

    Raises
    ------
    ValueError
        When the seed point is not in water (the land or the extent is wrong).
    """
    polygons = np.asarray(land, dtype=object)
    # Cut to the extent before the union: the union of whole countries (Russia, Kazakhstan)
    # took seconds; their pieces in the extent union in a fraction of one, to the same water.
    near = shapely.intersection(polygons[shapely.intersects(polygons, extent)], extent)
    water = shapely.difference(extent, shapely.union_all(near))
    seed = shapely.Point(seed_lonlat)
    for part in shapely.get_parts(water):
        if part.contains(seed):
            # normalised: the rings' start and order (so the vertices' numbers) do not depend
            # on the order the overlay happened to produce
            return shapely.normalize(part)
    raise ValueError(f"the seed point {seed_lonlat} of the basin is not in water")


def navigable_water(water_xy: Any, clearance_m: float) -> Any:
    """Erode planar water by ``clearance_m`` and keep its largest part, oriented.

    The exterior ring runs counter-clockwise and the holes clockwise, so the water is on the
    left of every ring. Narrow inlets and straits under twice the clearance fall away.
    """
    eroded = shapely.buffer(water_xy, -clearance_m, join_style="mitre", mitre_limit=_MITRE_LIMIT)
    parts = shapely.get_parts(eroded)
    if parts.size == 0:
        raise ValueError(f"no water is left {clearance_m} m from the coast")
    largest = parts[int(np.argmax(shapely.area(parts)))]
    return shapely.orient_polygons(largest)


def reflex_vertices(
    polygon: Any,
) -> tuple[FloatArray, FloatArray, FloatArray, IntArray]:
    """Return the reflex vertices of an oriented polygon, their ring neighbours and coast edges.

    A vertex is reflex (its interior angle exceeds 180°) where the ring turns right, the water
    being on the left. Returns ``(vertices, previous, following, coast_edges)``: three
    ``(n, 2)`` arrays and the ``(k, 2)`` index pairs of reflex vertices that follow each other
    on a ring (the coast edge between them is itself a shortest-path edge).
    """
    rings = [polygon.exterior, *polygon.interiors]
    vertices, previous, following, coast_edges = [], [], [], []
    offset = 0
    for ring in rings:
        xy = np.asarray(ring.coords)[:-1]
        before, after = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0)
        reflex = _cross(before, xy, after) < 0
        numbers = offset + np.cumsum(reflex) - 1
        successive = reflex & np.roll(reflex, -1)
        coast_edges.append(
            np.column_stack([numbers[successive], np.roll(numbers, -1)[successive]])
        )
        vertices.append(xy[reflex])
        previous.append(before[reflex])
        following.append(after[reflex])
        offset += int(reflex.sum())
    return (
        np.concatenate(vertices),
        np.concatenate(previous),
        np.concatenate(following),
        np.concatenate(coast_edges).astype(np.intp),
    )


def _cross(a: FloatArray, b: FloatArray, c: FloatArray) -> FloatArray:
    """z of (b - a) x (c - a): positive when a, b, c turn left."""
    return (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (
        c[..., 0] - a[..., 0]
    )


def tangent_at(
    origins: FloatArray, vertices: FloatArray, previous: FloatArray, following: FloatArray
) -> npt.NDArray[np.bool_]:
    """Whether each segment ``origin -> vertex`` is tangent to the coast at ``vertex``.

    Tangent means both ring neighbours of the vertex lie on one side of the segment's line (or
    on it): only such a segment can be part of a shortest path that bends at, or ends on, the
    vertex. Arrays broadcast; points are ``(..., 2)``.
    """
    origins = np.asarray(origins, dtype=float)
    return _tangent(origins[..., 0], origins[..., 1], vertices[..., 0], vertices[..., 1],
                    previous, following)


def _tangent(
    origin_x: Any, origin_y: Any, vertex_x: Any, vertex_y: Any,
    previous: FloatArray, following: FloatArray,
) -> npt.NDArray[np.bool_]:
    """:func:`tangent_at` with the coordinates apart (:func:`_tangent_columns`)."""
    return _tangent_columns(origin_x, origin_y, vertex_x, vertex_y, previous[..., 0],
                            previous[..., 1], following[..., 0], following[..., 1])


def _tangent_columns(
    origin_x: Any, origin_y: Any, vertex_x: Any, vertex_y: Any,
    previous_x: Any, previous_y: Any, following_x: Any, following_y: Any,
) -> npt.NDArray[np.bool_]:
    """:func:`tangent_at` of coordinates given apart: the sides are :func:`_cross`'s
    numbers, the step to the vertex computed once for both neighbours (the graph's build
    tests its vertex pairs with it; a query's ends use :func:`tangent_and_chords`, which
    answers as this does)."""
    step_x, step_y = vertex_x - origin_x, vertex_y - origin_y
    # step_x * (previous_y - origin_y) - step_y * (previous_x - origin_x), and the same of the
    # following neighbour, written into six arrays rather than ten (the same operations;
    # fewer temporaries keep a query's arrays in the processor's cache)
    side_previous = previous_y - origin_y
    side_previous *= step_x
    other = previous_x - origin_x
    other *= step_y
    side_previous -= other
    side_following = following_y - origin_y
    side_following *= step_x
    other = following_x - origin_x
    other *= step_y
    side_following -= other
    # the product is negative only for strictly opposite sides (its sign is exact: the sides
    # are products of plane metres, far from the smallest double, so it never underflows)
    side_previous *= side_following
    return side_previous >= 0


def visible(navigable: Any, coast: Any, starts: FloatArray, ends: FloatArray) -> Any:
    """Whether each straight segment ``start -> end`` lies in the navigable water.

    ``coast`` is the prepared boundary of ``navigable`` (prepared too). A segment is in the
    water when, trimmed by a millimetre at each end, it meets no coast and its midpoint is in
    the water (a segment that meets no coast lies wholly inside or wholly outside). Segments
    that only graze a coast vertex count as blocked: the path through that vertex is as short.
    """
    starts = np.asarray(starts, dtype=float).reshape(-1, 2)
    ends = np.asarray(ends, dtype=float).reshape(-1, 2)
    if starts.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    return visible_rows(navigable, coast, starts, ends)


def visible_rows(navigable: Any, coast: Any, starts: FloatArray, ends: FloatArray) -> Any:
    """:func:`visible` of ``(m, 2)`` float arrays, ``m >= 1`` (a query's segments: the
    conversion and reshaping of its arguments skipped, four array calls a test)."""
    middle = starts + ends
    middle *= 0.5
    inside = shapely.contains_xy(navigable, middle[:, 0], middle[:, 1])
    count = np.count_nonzero(inside)  # a third of the cost of any() or all()
    if not count:
        return inside
    # every segment is trimmed (a few dozen: the arithmetic is the calls' cost, and one
    # selection of the trimmed ends costs less than one of the starts and one of the ends);
    # only those whose midpoint is in water are built and tested. The cut at each end is
    # step * min(trim, length / 4) / max(length, 1e-12), computed in place
    cut = ends - starts
    length = np.hypot(cut[:, 0], cut[:, 1])
    if np.minimum.reduce(length) >= _FULL_TRIM_FROM_M:
        # every segment at least four trims long (all but degenerate ones): the minimum is the
        # trim and the maximum the length, so the factor is trim / length, the same number
        factor = np.divide(_END_TRIM_M, length, out=length)
    else:
        factor = 0.25 * length
        np.minimum(factor, _END_TRIM_M, out=factor)
        factor /= np.maximum(length, 1e-12, out=length)
    cut *= factor[:, None]
    coords = np.empty((starts.shape[0], 2, 2))
    np.add(starts, cut, out=coords[:, 0])
    np.subtract(ends, cut, out=coords[:, 1])
    if count < inside.size:
        coords = coords[inside]
    inside[inside] = ~shapely.intersects(coast, linestrings_of(coords))
    return inside


def visible_one(navigable: Any, coast: Any, start: tuple[float, float],
                end: tuple[float, float]) -> bool:
    """:func:`visible` of one segment given as plain floats (a route's straight segment
    between its ends): the same operations, so the same numbers and the same answer, without
    building arrays."""
    start_x, start_y = start
    end_x, end_y = end
    if not shapely.contains_xy(navigable, 0.5 * (start_x + end_x), 0.5 * (start_y + end_y)):
        return False
    step_x, step_y = end_x - start_x, end_y - start_y
    length = float(np.hypot(step_x, step_y))
    factor = min(_END_TRIM_M, 0.25 * length) / max(length, 1e-12)
    cut_x, cut_y = step_x * factor, step_y * factor
    trimmed = linestrings_of([(start_x + cut_x, start_y + cut_y),
                              (end_x - cut_x, end_y - cut_y)])
    return not shapely.intersects(coast, trimmed)


#: How many rounding errors of its largest term a sum of a few products may hold, at most: the
#: tolerance of :func:`tangent_and_chords` (a dot product of three or seven terms, each
#: rounded once or twice, errs by well under ten; the test it stands in for, by under eight).
_ROUNDING_SLACK = 64.0 * np.finfo(float).eps


class EndTerms(NamedTuple):
    """Every vertex's terms of a query end's tangent test and chord bound (graph-only numbers,
    computed once per graph: :attr:`SeaGraph.end_terms`).

    A side of the tangent test at vertex ``v`` with ring neighbour ``p``, seen from ``o``, is
    ``cross(v - o, p - o) = cross(v - o, d)`` with ``d = p - v``, that is
    ``cross(v, d) - o_x d_y + o_y d_x``: linear in ``(1, o_x, o_y)``. The squared chord from an
    Earth-centred point ``e`` to a vertex ``w`` (both taken from :attr:`centre_ecef`) is
    ``|w|² - 2 w·e + |e|²``: linear in ``(1, e_x, e_y, e_z, |e|²)``. So two matrix products
    give every side and every squared chord of ``k`` ends (the separate array operations they
    replaced cost a query more than their arithmetic).
    """

    #: ``(3, 2n)``: the previous neighbours' sides, then the following neighbours'.
    sides: FloatArray
    #: ``(5, n)``: the squared chords.
    chords: FloatArray
    #: The largest distance of a vertex or either neighbour from the plane's origin, metres.
    plane_radius_m: float
    #: The largest of ``|w|``, metres.
    ecef_radius_m: float
    #: The Earth-centred point the chords' terms are taken from (the vertices' mean), metres.
    centre_ecef: tuple[float, float, float]


def end_terms(graph: SeaGraph) -> EndTerms:
    """:class:`EndTerms` of ``graph``."""
    vertices = graph.vertices_xy
    n = vertices.shape[0]
    sides = np.empty((3, 2 * n))
    for block, neighbours in enumerate((graph.previous_xy, graph.following_xy)):
        step = neighbours - vertices
        columns = slice(block * n, (block + 1) * n)
        sides[0, columns] = vertices[:, 0] * step[:, 1] - vertices[:, 1] * step[:, 0]
        sides[1, columns] = -step[:, 1]
        sides[2, columns] = step[:, 0]
    centre = graph.vertices_ecef.mean(axis=0) if n else np.zeros(3)
    from_centre = graph.vertices_ecef - centre
    chords = np.empty((5, n))
    chords[0] = np.einsum("ij,ij->i", from_centre, from_centre)
    chords[1:4] = -2.0 * from_centre.T
    chords[4] = 1.0
    radius = max((float(np.hypot(*points.T).max()) if n else 0.0)
                 for points in (vertices, graph.previous_xy, graph.following_xy))
    ecef_radius = float(np.sqrt(chords[0].max())) if n else 0.0
    return EndTerms(sides, chords, radius, ecef_radius,
                    (float(centre[0]), float(centre[1]), float(centre[2])))


def tangent_and_chords(
    graph: SeaGraph, origins_xy: Sequence[tuple[float, float]],
    ecefs: Sequence[tuple[float, float, float]],
) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    """Which vertices each of ``k`` query ends sees tangentially, and its chord bound to
    every vertex: ``(k, n)`` booleans (:func:`tangent_at`'s answer) and ``(k, n)`` metres.

    Two matrix products (:class:`EndTerms`). Their rounding differs from :func:`tangent_at`'s,
    so a side within the two tests' rounding of zero (both are bounded by
    ``_ROUNDING_SLACK`` times the squared size of the plane) is computed again by
    :func:`tangent_at`: the answer is :func:`tangent_at`'s, element for element. The bound
    is the chord less its own rounding (``sqrt(max(c² - slack, 0))``), never above the
    straight line through the ellipsoid, so never above the geodesic; the search's answer does
    not depend on the bounds' last bits, only on their being bounds
    (:func:`caspian.geo.routing.seapaths.best_pair`).
    """
    terms = graph.end_terms
    centre_x, centre_y, centre_z = terms.centre_ecef
    planes = []
    spaces = []
    side_slack = []
    for (x, y), (ex, ey, ez) in zip(origins_xy, ecefs, strict=True):
        ex, ey, ez = ex - centre_x, ey - centre_y, ez - centre_z
        squared = ex * ex + ey * ey + ez * ez
        # the chord's slack taken off in the product (a term of |e|²'s row)
        chord_slack = _ROUNDING_SLACK * (terms.ecef_radius_m + math.sqrt(squared)) ** 2
        planes.append((1.0, x, y))
        spaces.append((1.0, ex, ey, ez, squared - chord_slack))
        side_slack.append(_ROUNDING_SLACK * (terms.plane_radius_m + math.hypot(x, y)) ** 2)
    n = graph.vertices_xy.shape[0]
    sides = np.array(planes) @ terms.sides
    tangent = np.multiply(sides[:, :n], sides[:, n:]) >= 0
    magnitudes = np.abs(sides, out=sides)  # the signs are read: in place (less memory read)
    if any(least <= slack for least, slack in zip(magnitudes.min(axis=1).tolist(), side_slack,
                                                   strict=True)):
        rows, columns = (magnitudes <= np.array(side_slack)[:, None]).nonzero()
        columns %= n
        origins = np.asarray(origins_xy, dtype=float)[rows]
        tangent[rows, columns] = tangent_at(origins, graph.vertices_xy[columns],
                                            graph.previous_xy[columns],
                                            graph.following_xy[columns])
    chords = np.array(spaces) @ terms.chords
    np.maximum(chords, 0.0, out=chords)
    return tangent, np.sqrt(chords, out=chords)


#: Entries per node of the coast segments' tree (:attr:`SeaGraph.coast_segments`).
_NEAREST_NODE_CAPACITY = 3


@dataclass(frozen=True)
class SeaGraph:
    """The visibility graph of one basin's navigable water."""

    #: Basin id (``"caspian"``, ``"black_sea"``).
    basin: str
    #: Basin name for messages (``"Caspian Sea"``).
    name: str
    #: Centre of the gnomonic projection, degrees.
    centre_lonlat: tuple[float, float]
    #: How far the navigable water keeps from the coast, metres.
    clearance_m: float
    #: Navigable water in the gnomonic plane, metres.
    navigable: Any
    #: Reflex vertices, plane metres. Shape ``(n, 2)``.
    vertices_xy: FloatArray
    #: Each reflex vertex's previous neighbour on its ring, plane metres. Shape ``(n, 2)``.
    previous_xy: FloatArray
    #: Each reflex vertex's following neighbour on its ring, plane metres. Shape ``(n, 2)``.
    following_xy: FloatArray
    #: The vertices in degrees. Shape ``(n, 2)``.
    vertices_lonlat: FloatArray
    #: Vertex pairs joined by a tangent segment in water. Shape ``(m, 2)``.
    edges: IntArray
    #: Geodesic length of each edge on the ellipsoid of ``geod``, metres. Shape ``(m,)``.
    edge_lengths_m: FloatArray
    #: The ellipsoid the edges, snaps and chord bounds are measured on.
    geod: pyproj.Geod = field(default_factory=lambda: GEOD, repr=False, compare=False)

    @cached_property
    def transformer(self) -> pyproj.Transformer:
        """lon/lat -> plane transformer of this basin."""
        return gnomonic(self.centre_lonlat)

    @cached_property
    def coast(self) -> Any:
        """The navigable water's boundary, prepared for fast segment tests."""
        boundary = shapely.boundary(self.navigable)
        shapely.prepare(boundary)
        shapely.prepare(self.navigable)
        return boundary

    @cached_property
    def prepared_navigable(self) -> Any:
        """:attr:`navigable`, prepared (with :attr:`coast`) for fast point and segment tests."""
        _ = self.coast
        return self.navigable

    @cached_property
    def prepared_arrays(self) -> tuple[Any, Any]:
        """``(navigable, coast)``, prepared, each held in a 0-d object array for a query's
        predicates: shapely takes an array of geometries as it takes one, and skips the call
        that prepares a single geometry on every test (it costs as much as testing a point:
        about 2 µs of 4)."""
        coast = self.coast
        navigable_held, coast_held = np.empty((), dtype=object), np.empty((), dtype=object)
        navigable_held[()], coast_held[()] = self.navigable, coast
        return navigable_held, coast_held

    @cached_property
    def coast_segments(self) -> tuple[Any, FloatArray, FloatArray]:
        """Every coast segment of the navigable water in an STRtree, with its two ends.

        Returns ``(tree, starts, ends)``; the tree finds the segment nearest a point in
        microseconds (the whole coast walked, it took a tenth of a millisecond). Its nodes
        hold 3 entries, not shapely's 10: a nearest query of two points takes 11 µs for 18
        (random points of both basins, 2,700 segments each; the same nearest segments, since
        every segment at the least distance is returned whatever the tree's shape).
        """
        starts, ends = [], []
        for ring in (self.navigable.exterior, *self.navigable.interiors):
            xy = shapely.get_coordinates(ring)
            starts.append(xy[:-1])
            ends.append(xy[1:])
        start_xy, end_xy = np.concatenate(starts), np.concatenate(ends)
        tree = shapely.STRtree(shapely.linestrings(np.stack([start_xy, end_xy], axis=1)),
                               node_capacity=_NEAREST_NODE_CAPACITY)
        return tree, start_xy, end_xy

    @cached_property
    def coast_segment_ends(self) -> list[tuple[float, float, float, float]]:
        """``(start x, start y, end x, end y)`` of every segment of :attr:`coast_segments`,
        plain floats (a snap reads one or two)."""
        _, starts, ends = self.coast_segments
        return [(ax, ay, bx, by) for (ax, ay), (bx, by) in zip(starts.tolist(), ends.tolist(),
                                                               strict=True)]

    @cached_property
    def vertices_lonlat_list(self) -> list[tuple[float, float]]:
        """:attr:`vertices_lonlat` as plain floats (a query measures a dozen segments one at
        a time, through pyproj's path for floats)."""
        return [(lon, lat) for lon, lat in self.vertices_lonlat.tolist()]

    @cached_property
    def vertices_ecef(self) -> FloatArray:
        """The vertices in Earth-centred ``(x, y, z)`` metres (for chord bounds)."""
        return ecef_of(self.vertices_lonlat, self.geod)

    @cached_property
    def edge_points(self) -> dict[tuple[int, int, float], FloatArray]:
        """The points a route's line holds along each edge it has followed, by
        ``(from vertex, to vertex, step in metres)``: the from vertex and the points inserted
        every step along the geodesic (:func:`caspian.geo.geodesy.densify_legs`), read-only.
        Filled by the router as edges are first used (they depend on the graph only); at most
        every edge both ways: at 5 km, 8.9 MB for the Caspian's 4,657 edges and 7.5 MB for the
        Black Sea's 3,814 (their points, 16 bytes each, and 176 bytes an array)."""
        return {}

    @cached_property
    def end_terms(self) -> EndTerms:
        """What a query's end needs of every vertex, as one matrix (:class:`EndTerms`)."""
        return end_terms(self)

    @cached_property
    def lonlat_bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of the navigable water, degrees."""
        ring = shapely.get_coordinates(self.navigable.exterior)
        lonlats = to_lonlat(self.transformer, ring)
        return (
            float(lonlats[:, 0].min()), float(lonlats[:, 1].min()),
            float(lonlats[:, 0].max()), float(lonlats[:, 1].max()),
        )


def build_sea_graph(
    basin: str, name: str, water_lonlat: Any, clearance_m: float,
    settings: Settings | None = None,
) -> SeaGraph:
    """Build the visibility graph of a basin's water.

    Parameters
    ----------
    basin, name : str
        Id and name of the basin.
    water_lonlat : shapely Polygon
        The basin's water (:func:`basin_water`), ``(lon, lat)`` degrees.
    clearance_m : float
        Distance the routes keep from the coast, metres (> 0).
    settings : Settings, optional
        ``ellps`` names the ellipsoid the edges are measured on (WGS84 by default).

    Returns
    -------
    SeaGraph
    """
    centre = shapely.centroid(water_lonlat)
    centre_lonlat = (round(float(centre.x), 6), round(float(centre.y), 6))
    transformer = gnomonic(centre_lonlat)
    water_xy = shapely.transform(water_lonlat, lambda xy: to_plane(transformer, xy))
    navigable = navigable_water(water_xy, clearance_m)
    vertices, previous, following, coast_edges = reflex_vertices(navigable)
    coast = shapely.boundary(navigable)
    shapely.prepare(coast)
    shapely.prepare(navigable)
    pairs = _tangent_pairs(vertices, previous, following)
    seen = visible(navigable, coast, vertices[pairs[:, 0]], vertices[pairs[:, 1]])
    edges = np.unique(np.sort(np.vstack([pairs[seen], coast_edges]), axis=1), axis=0)
    lonlats = to_lonlat(transformer, vertices)
    geod = geod_for(settings)
    return SeaGraph(
        basin=basin,
        name=name,
        centre_lonlat=centre_lonlat,
        clearance_m=float(clearance_m),
        navigable=navigable,
        vertices_xy=vertices,
        previous_xy=previous,
        following_xy=following,
        vertices_lonlat=lonlats,
        edges=edges.astype(np.intp),
        edge_lengths_m=_edge_lengths_m(geod, lonlats, edges),
        geod=geod,
    )


def measured_on(graph: SeaGraph, settings: Settings | None) -> SeaGraph:
    """``graph`` with its edges measured on ``settings.ellps`` (WGS84 by default)."""
    geod = geod_for(settings)
    return replace(graph, geod=geod,
                   edge_lengths_m=_edge_lengths_m(geod, graph.vertices_lonlat, graph.edges))


def _edge_lengths_m(geod: pyproj.Geod, lonlats: FloatArray, edges: IntArray) -> FloatArray:
    """Geodesic length of each edge ``(i, j)`` between vertices ``lonlats``, metres."""
    _, _, lengths_m = geod.inv(
        lonlats[edges[:, 0], 0], lonlats[edges[:, 0], 1],
        lonlats[edges[:, 1], 0], lonlats[edges[:, 1], 1],
    )
    return np.asarray(lengths_m, dtype=float)


def _tangent_pairs(vertices: FloatArray, previous: FloatArray, following: FloatArray) -> IntArray:
    """Pairs ``i < j`` whose segment is tangent at both ends, in blocks of rows.

    Each block is a rows-by-every-vertex matrix of both tests, broadcast from the vertex
    arrays: half its cells are below the diagonal and wasted, but nothing is gathered per
    pair (gathering the pairs' coordinates took most of the time).
    """
    n = vertices.shape[0]
    xs, ys = vertices[:, 0], vertices[:, 1]
    rows_per_block = max(1, _BLOCK_PAIRS // max(n, 1))
    found = []
    for first in range(0, n, rows_per_block):
        rows = np.arange(first, min(n, first + rows_per_block))
        # at j, seen from i; then at i, seen from j
        keep = (rows[:, None] < np.arange(n)[None, :]) & _tangent(
            xs[rows, None], ys[rows, None], xs, ys, previous, following
        )
        keep &= _tangent(xs, ys, xs[rows, None], ys[rows, None], previous[rows, None],
                         following[rows, None])
        i, j = np.nonzero(keep)
        found.append(np.column_stack([rows[i], j]))
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.intp)


def check_sea_graph(graph: SeaGraph) -> None:
    """Raise ``ValueError`` naming the first inconsistency of ``graph``'s arrays.

    For a graph read back from a file: coordinates are finite float64 ``(n, 2)`` arrays of one
    length, longitudes and latitudes in range, edges integer ``(m, 2)`` indices of those
    vertices with one finite, non-negative length each, and the navigable water a valid
    polygon. A graph that passes cannot fail the router's setup or a segment test later.
    """
    lon_0, lat_0 = graph.centre_lonlat
    if not (abs(lon_0) <= 180 and abs(lat_0) < 90):  # also refuses NaN
        raise ValueError(f"the projection centre {graph.centre_lonlat} is off the globe")
    if not isinstance(graph.navigable, shapely.Polygon) or graph.navigable.is_empty:
        raise ValueError("the navigable water is not a polygon")
    if not graph.navigable.is_valid:
        reason = shapely.is_valid_reason(graph.navigable)
        raise ValueError(f"the navigable water is not a valid polygon ({reason})")
    count = _checked_rows("vertices_xy", graph.vertices_xy, np.float64, 2)
    for name in ("previous_xy", "following_xy", "vertices_lonlat"):
        _checked_rows(name, getattr(graph, name), np.float64, 2, count)
    lonlats = graph.vertices_lonlat
    if (np.abs(lonlats[:, 0]) > 180).any() or (np.abs(lonlats[:, 1]) > 90).any():
        raise ValueError("vertices_lonlat holds a position off the globe")
    edge_count = _checked_rows("edges", graph.edges, np.integer, 2)
    if edge_count and (graph.edges.min() < 0 or graph.edges.max() >= count):
        raise ValueError(f"edges name vertices outside 0..{count - 1}")
    _checked_rows("edge_lengths_m", graph.edge_lengths_m, np.float64, None, edge_count)
    if (graph.edge_lengths_m < 0).any():
        raise ValueError("edge_lengths_m holds a negative length")


def _checked_rows(
    name: str, array: Any, dtype: Any, columns: int | None, rows: int | None = None
) -> int:
    """The number of rows of ``array`` after checking its type, shape and finiteness."""
    if not isinstance(array, np.ndarray) or not np.issubdtype(array.dtype, dtype):
        kind = "integers" if dtype is np.integer else np.dtype(dtype).name
        raise ValueError(f"{name} is not an array of {kind}")
    if rows is None:
        rows = array.shape[0] if array.ndim else -1
    expected = (rows,) if columns is None else (rows, columns)
    if array.shape != expected:
        raise ValueError(f"{name} has shape {array.shape}, expected {expected}")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ValueError(f"{name} holds a value that is not finite")
    return int(array.shape[0])
