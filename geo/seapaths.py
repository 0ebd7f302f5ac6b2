"""Every pair's shortest path over a sea graph, and the best way through it between two points.

Pure computation over :class:`caspian.geo.seagraph.SeaGraph`:

* :func:`shortest_paths` runs Dijkstra from every vertex once (scipy); ``layers`` stores the
  result beside the graph in the cache, so a query never waits for it.
* :class:`EndPoint` is a water point's tangent candidates (the graph vertices a shortest path
  can leave it by) with a lower bound on the length to each: the straight 3-D chord between
  the two points on the ellipsoid, which no path over the surface can beat.
* :func:`best_pair` finds the shortest ``start -> a ... b -> end`` best-first: the pair of
  candidates whose total is least is taken; where an end is not yet known to see its vertex,
  that segment alone is tested against the coast (and measured, when it is in water) and the
  pair's total rises to its true value or to infinity; when the least total is made of tested
  segments only, it is the shortest path. Most queries test a handful of the few hundred
  candidates, and the answer is the one every candidate tested would give (the same pair,
  ties broken the same way: the first in candidate order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from caspian.geo.geodesy import GEOD
from caspian.geo.seagraph import SeaGraph, ecef_of, tangent_at, visible

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Taken off every chord so that rounding never lifts a bound above the geodesic, metres.
_BOUND_MARGIN_M = 1e-6

#: Marker of "no predecessor" in :attr:`ShortestPaths.predecessors` (scipy's).
NO_PREDECESSOR = -9999


@dataclass(frozen=True)
class ShortestPaths:
    """Shortest paths between every pair of a graph's vertices.

    Attributes
    ----------
    lengths_m : numpy.ndarray, shape (n, n)
        Length of the shortest path from row to column vertex, metres (``inf``: none).
    predecessors : numpy.ndarray of int, shape (n, n)
        Row ``i`` holds each vertex's predecessor on its shortest path from vertex ``i``
        (:data:`NO_PREDECESSOR` for ``i`` itself and for vertices it cannot reach).
    """

    lengths_m: FloatArray
    predecessors: npt.NDArray[np.integer[Any]]


def shortest_paths(graph: SeaGraph) -> ShortestPaths:
    """Dijkstra from every vertex of ``graph`` (scipy; about 0.2 s for 1,300 vertices)."""
    from scipy.sparse import coo_matrix
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


def chord_bounds_m(ecef: FloatArray, origin_ecef: FloatArray) -> FloatArray:
    """Lower bounds of the geodesic distance from one point to each of others, metres.

    The straight line through the ellipsoid between two surface points (Earth-centred
    coordinates, :attr:`SeaGraph.vertices_ecef`) is never longer than the geodesic over it;
    at 300 km it is 28 m shorter.
    """
    return np.maximum(np.linalg.norm(ecef - origin_ecef, axis=-1) - _BOUND_MARGIN_M, 0.0)


@dataclass
class EndPoint:
    """A water point's candidate vertices and what is known of each (mutable, per point).

    Attributes
    ----------
    water_xy, water_lonlat : tuple of float
        The point in the basin's plane (metres) and in degrees.
    candidates : numpy.ndarray of int
        Vertices whose segment from the point is tangent at the vertex, ascending.
    lengths_m : numpy.ndarray of float
        Per candidate: the geodesic length once the segment is tested and in water,
        ``inf`` once it is found blocked, the chord bound until then.
    tested : numpy.ndarray of bool
        Which candidates' segments have been tested.
    """

    water_xy: tuple[float, float]
    water_lonlat: tuple[float, float]
    candidates: IntArray
    lengths_m: FloatArray
    tested: npt.NDArray[np.bool_]

    @property
    def seen(self) -> tuple[IntArray, FloatArray]:
        """The vertices found in sight so far and their geodesic distances, metres."""
        keep = self.tested & np.isfinite(self.lengths_m)
        return self.candidates[keep], self.lengths_m[keep]


def end_point(
    graph: SeaGraph, water_xy: tuple[float, float], water_lonlat: tuple[float, float]
) -> EndPoint:
    """A water point's tangent candidates with their chord bounds, nothing tested yet."""
    xy = np.asarray(water_xy, dtype=float)
    candidates = np.flatnonzero(
        tangent_at(xy, graph.vertices_xy, graph.previous_xy, graph.following_xy)
    )
    bounds = chord_bounds_m(graph.vertices_ecef[candidates], ecef_of(water_lonlat))
    return EndPoint(water_xy, water_lonlat, candidates, bounds,
                    np.zeros(candidates.size, dtype=bool))


def resolve_candidates(graph: SeaGraph, point: EndPoint, which: IntArray) -> None:
    """Test the segments from ``point`` to the candidates ``which`` (positions) not yet tested.

    In water: the length becomes the segment's geodesic length; blocked: ``inf``.
    """
    which = which[~point.tested[which]]
    if which.size == 0:
        return
    vertices = point.candidates[which]
    clear = visible(graph.navigable, graph.coast,
                    np.broadcast_to(np.asarray(point.water_xy, dtype=float), (which.size, 2)),
                    graph.vertices_xy[vertices])
    point.tested[which] = True
    point.lengths_m[which[~clear]] = np.inf
    seen = vertices[clear]
    if seen.size:
        _, _, length_m = GEOD.inv(
            np.full(seen.size, point.water_lonlat[0]), np.full(seen.size, point.water_lonlat[1]),
            graph.vertices_lonlat[seen, 0], graph.vertices_lonlat[seen, 1],
        )
        point.lengths_m[which[clear]] = length_m


def best_pair(
    graph: SeaGraph, paths: ShortestPaths, start: EndPoint, end: EndPoint, beat_m: float
) -> tuple[float, int, int] | None:
    """The shortest ``start -> a ~> b -> end`` through the graph, if shorter than ``beat_m``.

    Returns ``(length_m, a, b)`` with ``a`` and ``b`` vertex ids, or None when no pair of
    vertices in sight of the two points is joined by a path shorter than ``beat_m``.
    Candidates are tested as the search reaches them (:func:`resolve_candidates`), and stay
    tested in ``start`` and ``end`` for later queries.
    """
    if start.candidates.size == 0 or end.candidates.size == 0:
        return None
    between = paths.lengths_m[np.ix_(start.candidates, end.candidates)]
    while True:
        totals = start.lengths_m[:, None] + between + end.lengths_m[None, :]
        k = int(np.argmin(totals))
        total = float(totals.flat[k])
        if not total < beat_m:
            return None
        a, b = divmod(k, end.candidates.size)
        if start.tested[a] and end.tested[b]:
            # Every other total is a lower bound of its path: this one is the least.
            return total, int(start.candidates[a]), int(end.candidates[b])
        # The pair's untested ends, and with them the candidates whose best total is as low
        # (one GEOS call tests a batch about as fast as one segment).
        if not start.tested[a]:
            rows = (start.lengths_m + np.min(between + end.lengths_m[None, :], axis=1))
            resolve_candidates(graph, start, _lowest_untested(rows, start.tested))
        if not end.tested[b]:
            columns = (end.lengths_m + np.min(start.lengths_m[:, None] + between, axis=0))
            resolve_candidates(graph, end, _lowest_untested(columns, end.tested))


#: How many untested candidates one GEOS call tests together.
_BATCH = 8


def _lowest_untested(totals: FloatArray, tested: npt.NDArray[np.bool_]) -> IntArray:
    """Positions of the ``_BATCH`` untested candidates with the least totals."""
    untested = np.flatnonzero(~tested)
    if untested.size <= _BATCH:
        return untested
    lowest = np.argpartition(totals[untested], _BATCH - 1)[:_BATCH]
    return untested[lowest]
