"""Every pair's shortest path over a sea graph, and the best way through it between two points.

Pure computation over :class:`caspian.geo.routing.seagraph.SeaGraph`:

* :func:`shortest_paths` runs Dijkstra from every vertex once (scipy); ``layers`` stores the
  result beside the graph in the cache, so a query never waits for it.
* :class:`EndPoint` is a water point's tangent candidates (the graph vertices a shortest path
  can leave it by) with a lower bound on the length to each: the straight 3-D chord between
  the two points on the ellipsoid, which no path over the surface can beat.
* :func:`best_pair` finds the shortest ``start -> a ... b -> end`` best-first (or the straight
  segment between the points, when it is in water and nothing is strictly shorter): the pair
  of candidates whose total is least is taken; where an end is not yet known to see its
  vertex, that segment is tested against the coast (and measured, when it is in water) and
  the pair's total rises to its true value or to infinity; when the least total is made of
  tested segments only, it is the shortest path. Most queries test a few dozen of the few
  hundred candidates, and the answer is the one every candidate tested would give (the same
  pair, ties broken the same way: the first in candidate order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from caspian.geo.routing.seagraph import SeaGraph, ecef_floats, tangent_and_chords, visible_rows

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Marker of "no predecessor" in :attr:`ShortestPaths.predecessors` (scipy's).
NO_PREDECESSOR = -9999


@dataclass(frozen=True)
class ShortestPaths:
    """Shortest paths between every pair of a graph's vertices."""

    #: Length of the shortest path from row to column vertex, metres (``inf``: none).
    #: Shape ``(n, n)``.
    lengths_m: FloatArray
    #: Row ``i`` holds each vertex's predecessor on its shortest path from vertex ``i``
    #: (:data:`NO_PREDECESSOR` for ``i`` itself and for vertices it cannot reach).
    #: Shape ``(n, n)``.
    predecessors: npt.NDArray[np.integer[Any]]


def shortest_paths(graph: SeaGraph) -> ShortestPaths:
    """Dijkstra from every vertex of ``graph`` (scipy; about 0.2 s for 1,300 vertices)."""
    # slow import
    from scipy.sparse import coo_matrix

    # slow import
    from scipy.sparse.csgraph import dijkstra

    n = graph.vertices_xy.shape[0]
    # A zero weight would read as "no edge" in a sparse matrix: 1 mm at least.
    weights = np.maximum(graph.edge_lengths_m, 1e-3)
    matrix = coo_matrix((weights, (graph.edges[:, 0], graph.edges[:, 1])), shape=(n, n))
    lengths_m, predecessors = dijkstra(matrix.tocsr(), directed=False, return_predecessors=True)
    # int16 holds every vertex number below 32,767: a quarter of the bytes in the cache.
    small = np.int16 if n < np.iinfo(np.int16).max else np.int32
    return ShortestPaths(np.asarray(lengths_m, dtype=float), predecessors.astype(small))


def check_shortest_paths(paths: ShortestPaths, vertex_count: int) -> None:
    """Raise ``ValueError`` naming the first inconsistency of a table read back from a file."""
    expected = (vertex_count, vertex_count)
    for name, array, kind, words in (
        ("path_lengths_m", paths.lengths_m, np.float64, "float64"),
        ("predecessors", paths.predecessors, np.integer, "integers"),
    ):
        if not isinstance(array, np.ndarray) or not np.issubdtype(array.dtype, kind):
            raise ValueError(f"{name} is not an array of {words}")
        if array.shape != expected:
            raise ValueError(f"{name} has shape {array.shape}, expected {expected}")
    if np.isnan(paths.lengths_m).any() or (paths.lengths_m < 0).any():
        raise ValueError("path_lengths_m holds a negative or NaN length")
    if vertex_count and (paths.predecessors.max() >= vertex_count
                         or ((paths.predecessors < 0)
                             & (paths.predecessors != NO_PREDECESSOR)).any()):
        raise ValueError(f"predecessors name vertices outside 0..{vertex_count - 1}")


def walk(predecessors: Any, source: int, target: int) -> list[int]:
    """Vertex ids from ``source`` to ``target`` along one row of the predecessors."""
    nodes = [target]
    while nodes[-1] != source:
        step = int(predecessors[nodes[-1]])
        if step == NO_PREDECESSOR or len(nodes) > len(predecessors):
            raise ValueError(f"no path from vertex {source} to {target} in the table")
        nodes.append(step)
    return nodes[::-1]


@dataclass
class EndPoint:
    """A water point's candidate vertices and what is known of each (mutable, per point)."""

    #: The point in the basin's plane, metres.
    water_xy: tuple[float, float]
    #: The point in degrees.
    water_lonlat: tuple[float, float]
    #: Chord bound from the point to every vertex of the graph (the chord less its rounding:
    #: :func:`caspian.geo.routing.seagraph.tangent_and_chords`), metres. Shape ``(n,)``: the
    #: other end of a route reads its bounds here.
    chords_m: FloatArray
    #: Vertices whose segment from the point is tangent at the vertex, ascending.
    candidates: IntArray
    #: Per candidate: the geodesic length once the segment is tested and in water,
    #: ``inf`` once it is found blocked, the chord bound until then.
    lengths_m: FloatArray
    #: Which candidates' segments have been tested.
    tested: npt.NDArray[np.bool_]
    #: The point in Earth-centred ``(x, y, z)`` metres (:func:`ecef_floats`).
    ecef: tuple[float, float, float]
    #: Whether any of :attr:`tested` is True (a new point's first test skips the check).
    any_tested: bool = False

    @property
    def seen(self) -> tuple[IntArray, FloatArray]:
        """The vertices found in sight so far and their geodesic distances, metres."""
        keep = self.tested & np.isfinite(self.lengths_m)
        return self.candidates[keep], self.lengths_m[keep]


def end_point(
    graph: SeaGraph, water_xy: tuple[float, float], water_lonlat: tuple[float, float]
) -> EndPoint:
    """A water point's tangent candidates with their chord bounds, nothing tested yet."""
    return end_points(graph, [water_xy], [water_lonlat])[0]


def end_points(
    graph: SeaGraph,
    waters_xy: Sequence[tuple[float, float]],
    waters_lonlat: Sequence[tuple[float, float]],
) -> list[EndPoint]:
    """:func:`end_point` of several points, their tangent tests and chord bounds in two
    matrix products over the vertices (:func:`caspian.geo.routing.seagraph.tangent_and_chords`).

    A route's two ends cost little more than one: the tests were array operations over every
    vertex, whose cost was mostly the calls, not the arithmetic; products of the ends'
    terms with the graph's (computed once per graph) replace them. Each point's bounds are
    to every vertex (a remembered point may meet any other end).
    """
    ecef_list = [ecef_floats(float(lon), float(lat), graph.geod) for lon, lat in waters_lonlat]
    tangent, chords_m = tangent_and_chords(graph, waters_xy, ecef_list)
    out = []
    for water_xy, water_lonlat, row, chords, ecef in zip(waters_xy, waters_lonlat, tangent,
                                                        chords_m, ecef_list, strict=True):
        candidates = row.nonzero()[0]
        out.append(EndPoint(water_xy, water_lonlat, chords, candidates, chords[candidates],
                            np.zeros(candidates.size, dtype=bool), ecef))
    return out


def resolve_candidates(
    graph: SeaGraph,
    *batches: tuple[EndPoint, IntArray],
    also: tuple[EndPoint, EndPoint] | None = None,
) -> bool:
    """Test the segments from each point to its candidates at the given positions.

    ``batches`` are ``(point, positions)`` pairs, tested in one GEOS call; candidates already
    tested are skipped. In water: the length becomes the segment's geodesic length
    (``Geod.inv``); blocked: ``inf``. ``also`` adds the segment between two points to the
    same call; returns whether that one is in water (False without one).
    """
    picked = []
    for point, which in batches:
        # a new point's first test (every route between new ends) has nothing to skip
        untested = which[~point.tested[which]] if point.any_tested else which
        if untested.size:
            picked.append((point, untested))
    if not picked and also is None:
        return False
    # every segment's two ends as whole arrays (one GEOS call for the lot: the calls, not
    # the arithmetic, are a query's cost)
    counts = [which.size for _, which in picked]
    ids = [point.candidates[which] for point, which in picked]
    origins = [point.water_xy for point, _ in picked]
    if also is not None:
        counts.append(1)
        origins.append(also[0].water_xy)
    starts_xy = np.array(origins).repeat(counts, axis=0)
    # take: a third of the time of indexing the rows
    ends_xy = graph.vertices_xy.take(np.concatenate(ids) if len(ids) > 1 else ids[0],
                                     axis=0) if ids else np.empty((0, 2))
    if also is not None:
        ends_xy = np.concatenate([ends_xy, [also[1].water_xy]])
    clear = visible_rows(*graph.prepared_arrays, starts_xy, ends_xy)
    # the lengths of the clear segments one at a time: pyproj's path for plain floats costs a
    # tenth of its array path's overhead, and a query measures a dozen segments (the same
    # numbers); the blocked ones are set to inf together
    inverse = graph.geod.inv
    vertices_lonlat = graph.vertices_lonlat_list
    offset = 0
    for (point, which), vertex_ids in zip(picked, ids, strict=True):
        here = clear[offset:offset + which.size]
        offset += which.size
        point.tested[which] = True
        point.any_tested = True
        lengths_m = point.lengths_m
        lengths_m[which] = np.inf
        lon, lat = point.water_lonlat
        for position, vertex in zip(which[here].tolist(), vertex_ids[here].tolist(),
                                    strict=True):
            lengths_m[position] = inverse(lon, lat, *vertices_lonlat[vertex])[2]
    return also is not None and bool(clear[-1])


def best_pair(
    graph: SeaGraph, paths: ShortestPaths, start: EndPoint, end: EndPoint,
    direct_m: float | None = None,
) -> tuple[float, int | None, int | None]:
    """The shortest water path between two points: straight, or through graph vertices.

    Returns ``(length_m, a, b)``: ``a`` and ``b`` are the first and last vertex ids of the
    path through the graph, or None when the straight segment between the points is in water
    and no path through the graph is strictly shorter (a rounding tie goes to the segment);
    ``(inf, None, None)`` when nothing joins them. Candidates are tested as the search reaches
    them (:func:`resolve_candidates`), and stay tested in ``start`` and ``end`` for later
    queries.

    Two rounds keep the pairs searched few: the candidates with the least bounds give a path
    first (tested in one GEOS call with the straight segment); then only the candidates whose
    bound (the length to them, then the chord on to the other point) does not exceed that
    path's length can be on a shorter one.

    ``direct_m``, when given, is the straight segment's length already found (``inf``: it is
    not in water), and the segment is not tested again.
    """
    via_start = start.lengths_m + end.chords_m[start.candidates]
    via_end = end.lengths_m + start.chords_m[end.candidates]
    (rows, next_start), (columns, next_end) = _least(via_start), _least(via_end)
    if direct_m is None:
        direct_m = np.inf
        if resolve_candidates(graph, (start, rows), (end, columns), also=(start, end)):
            _, _, direct_m = graph.geod.inv(*start.water_lonlat, *end.water_lonlat)
    else:
        resolve_candidates(graph, (start, rows), (end, columns))
    beat_m = float(direct_m)
    first = _search(graph, paths, start, end, rows, columns, beat_m)
    if first is not None and first[0] < next_start and first[0] < next_end:
        # No candidate outside the first round can be on a path as short (the least bound
        # outside it is longer): the second round would search the same pairs, and find this
        # one (the others' totals only rise).
        return first
    limit = beat_m if first is None else first[0]
    rows, columns = (via_start <= limit).nonzero()[0], (via_end <= limit).nonzero()[0]
    untested = (rows.size - np.count_nonzero(start.tested[rows])
                + columns.size - np.count_nonzero(end.tested[columns]))
    if untested <= _AT_ONCE:
        # few left: one GEOS call for all of them beats a search step per batch
        resolve_candidates(graph, (start, rows), (end, columns))
    found = _search(graph, paths, start, end, rows, columns, beat_m)
    return (beat_m, None, None) if found is None else found


#: Candidates of each end tested and searched in the first round.
_FIRST_ROUND = 16

#: Up to this many candidates left untested for the second round are tested together.
_AT_ONCE = 100


def _least(bounds: FloatArray) -> tuple[IntArray, float]:
    """Positions of the ``_FIRST_ROUND`` least bounds, ascending, and the least bound of the
    others (``inf`` when there are none)."""
    if bounds.size <= _FIRST_ROUND:
        return np.arange(bounds.size), math.inf
    # a whole sort of a few hundred bounds is quicker than numpy's partition (which of equal
    # bounds are taken changes no answer: every bound is below its path's length)
    order = bounds.argsort()
    least = order[:_FIRST_ROUND]
    least.sort()
    return least, float(bounds[order[_FIRST_ROUND]])


def _search(
    graph: SeaGraph,
    paths: ShortestPaths,
    start: EndPoint,
    end: EndPoint,
    rows: IntArray,
    columns: IntArray,
    beat_m: float,
) -> tuple[float, int, int] | None:
    """:func:`best_pair` over the candidates at positions ``rows`` and ``columns`` only.

    ``rows`` and ``columns`` ascend, so the first least pair is the first in candidate order.
    """
    # candidates found blocked cannot be on the path (their totals are inf): left out, fewer
    # of the table's scattered entries are read (the first round leaves about a third of its
    # candidates of each end); the order, so the first least pair, is kept
    rows = rows[start.lengths_m[rows] < math.inf]
    columns = columns[end.lengths_m[columns] < math.inf]
    if rows.size == 0 or columns.size == 0:
        return None
    # the table's rows by columns of the two ends' candidates, read from the flat table
    # (take without an axis reads it flat: quicker than two-dimensional indexing; the same
    # numbers)
    table = paths.lengths_m
    between = table.take(start.candidates[rows][:, None] * table.shape[1]
                         + end.candidates[columns])
    while True:
        start_m, end_m = start.lengths_m[rows], end.lengths_m[columns]
        totals = start_m[:, None] + between + end_m[None, :]
        k = int(totals.argmin())
        total = totals.item(k)
        if not total < beat_m:
            return None
        a, b = divmod(k, columns.size)
        if start.tested[rows[a]] and end.tested[columns[b]]:
            # Every other total is a lower bound of its path: this one is the least.
            return total, int(start.candidates[rows[a]]), int(end.candidates[columns[b]])
        # The pair's untested ends, and with them the candidates whose best total is as low
        # (one GEOS call tests a batch about as fast as one segment).
        batches = []
        if not start.tested[rows[a]]:
            least = start_m + np.minimum.reduce(between + end_m[None, :], axis=1)
            batches.append((start, rows[_lowest_untested(least, start.tested[rows])]))
        if not end.tested[columns[b]]:
            least = end_m + np.minimum.reduce(start_m[:, None] + between, axis=0)
            batches.append((end, columns[_lowest_untested(least, end.tested[columns])]))
        resolve_candidates(graph, *batches)


#: How many untested candidates one GEOS call tests together.
_BATCH = 32


def _lowest_untested(totals: FloatArray, tested: npt.NDArray[np.bool_]) -> IntArray:
    """Positions of the ``_BATCH`` untested candidates with the least totals."""
    untested = (~tested).nonzero()[0]
    if untested.size <= _BATCH:
        return untested
    lowest = totals[untested].argpartition(_BATCH - 1)[:_BATCH]
    return untested[lowest]
