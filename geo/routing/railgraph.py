"""A rail network as a networkx graph, and shortest paths over it that never hide a gap.

Pure graph work: way geometries (shapely, ``(lon, lat)``) in, a :class:`RailNetwork` out;
two points in, a :class:`RailPath` out. Reading OpenStreetMap is ``caspian.layers.osm.extracts``'s
job.

* Nodes are the distinct vertices of the ways: ways that share an OSM node share its
  coordinates exactly, so they join there and nowhere else (crossings on bridges stay apart).
* Every edge is one segment of one way, measured on WGS84 (one vectorised ``Geod.inv`` for the
  whole network) and labelled with its way id and status.
* The track's connected components are labelled once. Each dead end is joined to the nearest
  node of every other component within ``max_gap_km`` by a *gap edge*. Between two points on
  the same piece of track the path uses track only. Between pieces, it crosses gaps, each gap
  metre costing :data:`GAP_PENALTY` track metres: a long way round on track beats a short
  gap, but a line mapped as two unjoined traces is not followed 400 km round to save a few
  hundred metres of gap. A path that still cannot reach its end gets one last gap between the
  closest nodes of what it can reach and what the end can reach. Gaps are reported, never
  drawn as track.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.arguments import instance, positive_number, refuse
from caspian.geo.errors import CaspianError, InputError, swapped_point_fix
from caspian.geo.geodesy import GEOD, FloatArray, IntArray, as_geometry_array, geod_for
from caspian.geo.routing import NODE_DECIMALS, RouteGap, as_lonlat, distinct_ends, is_positive_km
from caspian.geo.settings import Settings

#: Between pieces of track, a gap metre weighs this many track metres.
GAP_PENALTY = 100.0


#: Nearest-node candidates measured geodesically after a planar pre-selection.
_SNAP_CANDIDATES = 16

#: Another piece of track this much farther than the nearest may still be snapped to, km:
#: a double-track line mapped as two unjoined ways puts FROM and TO on one track, not both.
SNAP_SLACK_KM = 1.0


class SnapError(CaspianError, ValueError):
    """A requested point lies farther from the track than the snapping limit."""

    # mypy reads our ``caspian.*`` imports as Any (the namespace maps folders it cannot
    # follow), so it checks this class's calls against ValueError.__init__ and a call with the
    # fields of :class:`CaspianError` (``options=``) carries ``type: ignore[call-arg]``.


@dataclass(frozen=True)
class RailNetwork:
    """A rail network ready for shortest paths."""

    #: Nodes ``0 .. n-1``; track edges carry ``length_m``, ``way`` (OSM way id), ``status``
    #: and ``weight`` (= ``length_m``); gap edges carry ``gap=True``, ``length_m`` and
    #: ``weight = length_m * GAP_PENALTY``.
    graph: nx.Graph
    #: Node longitudes, degrees.
    lons: FloatArray
    #: Node latitudes, degrees.
    lats: FloatArray
    #: Connected component of each node over track edges only (0 = the largest).
    component: IntArray
    planar_scale: float = field(repr=False)
    _planar: FloatArray = field(repr=False)
    #: The ellipsoid every length of the network was measured on, and snaps and gaps are
    #: measured on (``settings.ellps`` of :func:`build_rail_network`).
    geod: pyproj.Geod = field(default_factory=lambda: GEOD, repr=False, compare=False)

    @property
    def n_components(self) -> int:
        """Number of connected pieces of track."""
        return int(self.component.max()) + 1 if self.component.size else 0

    @property
    def track_length_km(self) -> float:
        """Total length of the track edges, kilometres."""
        return (
            sum(d["length_m"] for _, _, d in self.graph.edges(data=True) if not d.get("gap"))
            / 1000.0
        )


@dataclass(frozen=True)
class RailPath:
    """A shortest path between two points, split where it crosses a gap."""

    #: Each part's vertices as an ``(k, 2)`` array of ``(lon, lat)``; gaps lie between parts.
    parts: tuple[FloatArray, ...]
    #: Track length (gaps excluded), kilometres.
    length_km: float
    #: Track length per way status, kilometres.
    length_by_status_km: dict[str, float]
    #: OSM ways used, in path order, each once.
    way_ids: tuple[int, ...]
    #: The missing links, in path order.
    gaps: tuple[RouteGap, ...]
    #: Geodesic distance from the requested start to the node the path starts at.
    start_snap_km: float
    #: Geodesic distance from the requested end to the node the path ends at.
    end_snap_km: float
    #: The network nodes of the path, in order.
    nodes: tuple[int, ...]

    def geometry(self) -> Any:
        """The path as a LineString, or a MultiLineString when gaps split it."""
        lines = [shapely.LineString(part) for part in self.parts if len(part) >= 2]
        if not lines:
            return shapely.LineString()
        if len(lines) == 1:
            return lines[0]
        return shapely.MultiLineString(lines)


def build_rail_network(
    geoms: Any,
    way_ids: npt.ArrayLike,
    statuses: npt.ArrayLike,
    max_gap_km: float = 50.0,
    settings: Settings | None = None,
) -> RailNetwork:
    """Build the network of a set of ways.

    Parameters
    ----------
    geoms : array_like of shapely LineString or MultiLineString
        One geometry per way, ``(lon, lat)`` degrees.
    way_ids : array_like of int
        The OSM id of each way.
    statuses : array_like of str
        The status of each way (``operating``, ``construction`` ...).
    max_gap_km : float
        Dead ends of different components closer than this are joined by gap edges.
    settings : Settings, optional
        ``ellps`` names the ellipsoid of every length (WGS84 by default).

    Returns
    -------
    RailNetwork
    """
    array = as_geometry_array(geoms)
    positive_number(max_gap_km, "max_gap_km", "km", zero=True)
    try:
        way_array = np.asarray(way_ids).reshape(-1)
    except (TypeError, ValueError):
        way_array = np.asarray(None).reshape(-1)
    if way_array.dtype.kind not in "iu" or way_array.size != array.size:
        refuse("way_ids", way_ids, f"{array.size} whole numbers, one OSM id per geometry")
    way_array = way_array.astype(np.int64)
    status_array = np.asarray(statuses, dtype=object).reshape(-1)
    if isinstance(statuses, str) or status_array.size != array.size or not all(
            isinstance(status, str) for status in status_array):
        refuse("statuses", statuses, f"{array.size} strings, one status per geometry")
    parts, part_way = shapely.get_parts(array, return_index=True)
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    keys = np.round(coords, NODE_DECIMALS)
    unique, vertex_node = np.unique(keys, axis=0, return_inverse=True)
    vertex_node = vertex_node.reshape(-1)
    start = np.flatnonzero(vertex_part[1:] == vertex_part[:-1])
    u, v = vertex_node[start], vertex_node[start + 1]
    distinct = u != v
    start, u, v = start[distinct], u[distinct], v[distinct]
    geod = geod_for(settings)
    dist_m = _geodesic_m(geod, coords[start, 0], coords[start, 1], coords[start + 1, 0],
                         coords[start + 1, 1])
    edge_way = part_way[vertex_part[start]]
    # Where two ways share a segment the shorter record must win: networkx keeps the attributes
    # of the last edge added between two nodes, so add the longest first.
    order = np.argsort(-dist_m, kind="stable")
    graph = nx.Graph()
    graph.add_nodes_from(range(unique.shape[0]))
    graph.add_edges_from(
        (
            int(u[i]),
            int(v[i]),
            {
                "length_m": float(dist_m[i]),
                "weight": float(dist_m[i]),
                "way": int(way_array[edge_way[i]]),
                "status": str(status_array[edge_way[i]]),
            },
        )
        for i in order
    )
    lons, lats = unique[:, 0].astype(float), unique[:, 1].astype(float)
    component = _components(graph)
    scale = _planar_scale(lats)
    planar = np.column_stack([lons * scale, lats])
    network = RailNetwork(graph, lons, lats, component, scale, planar, geod)
    _add_dead_end_gaps(network, max_gap_km)
    return network


def _components(graph: nx.Graph) -> IntArray:
    label = np.zeros(graph.number_of_nodes(), dtype=np.intp)
    pieces = sorted(nx.connected_components(graph), key=len, reverse=True)
    for index, nodes in enumerate(pieces):
        label[list(nodes)] = index
    return label


def _planar_scale(lats: FloatArray) -> float:
    """The longitude scale of equirectangular coordinates, used for candidate search only.

    Distances that are reported are always geodesic; the planar coordinates (longitude times
    the cosine of the mean latitude, latitude) only pick which few pairs to measure, so their
    distortion away from the mean latitude costs nothing but a wider search.
    """
    return float(np.cos(np.radians(np.mean(lats)))) if lats.size else 1.0


def _geodesic_m(
    geod: pyproj.Geod, lons1: Any, lats1: Any, lons2: Any, lats2: Any
) -> FloatArray:
    lons1, lats1, lons2, lats2 = np.broadcast_arrays(
        np.asarray(lons1, float), np.asarray(lats1, float),
        np.asarray(lons2, float), np.asarray(lats2, float),
    )
    if lons1.size == 0:
        return np.zeros(0)
    _, _, dist_m = geod.inv(lons1, lats1, lons2, lats2)
    return np.asarray(dist_m, dtype=float)


def _add_dead_end_gaps(network: RailNetwork, max_gap_km: float) -> None:
    """Join each dead end to the nearest node of every other component within reach.

    A line that stops short of another usually stops near its middle, not near its end, so
    a dead end is matched against every node of the other component. One spatial index per
    component keeps this to one nearest-neighbour query per (component, dead end).
    """
    graph = network.graph
    dead = np.array([node for node, degree in graph.degree() if degree <= 1], dtype=np.intp)
    if dead.size == 0 or network.n_components < 2:
        return
    # One degree of latitude is at least 110.5 km: this radius never misses a pair.
    radius = max_gap_km / 110.0
    points = shapely.points(network._planar)
    pairs_a, pairs_b = [], []
    for label in range(network.n_components):
        others = dead[network.component[dead] != label]
        if others.size == 0:
            continue
        members = np.flatnonzero(network.component == label)
        tree = shapely.STRtree(points[members])
        left, right = tree.query_nearest(points[others], max_distance=radius, all_matches=False)
        pairs_a.append(others[left])
        pairs_b.append(members[right])
    a, b = np.concatenate(pairs_a), np.concatenate(pairs_b)
    dist_m = _geodesic_m(network.geod, network.lons[a], network.lats[a], network.lons[b],
                         network.lats[b])
    close = dist_m <= max_gap_km * 1000.0
    for i, j, d in zip(a[close], b[close], dist_m[close], strict=True):
        if not graph.has_edge(int(i), int(j)):
            _add_gap_edge(graph, int(i), int(j), float(d))


def _add_gap_edge(graph: nx.Graph, u: int, v: int, dist_m: float) -> None:
    graph.add_edge(u, v, length_m=dist_m, weight=dist_m * GAP_PENALTY, gap=True)


def nearest_node(
    network: RailNetwork, lon: float, lat: float, candidates: IntArray | None = None
) -> tuple[int, float]:
    """Return the node nearest to ``(lon, lat)`` and its geodesic distance in metres.

    Parameters
    ----------
    network : RailNetwork
    lon, lat : float
        Degrees.
    candidates : numpy.ndarray of int, optional
        Restrict the search to these nodes.
    """
    pool = np.arange(network.lons.size) if candidates is None else np.asarray(candidates)
    if pool.size == 0:
        raise SnapError("the rail network has no track to snap to")
    planar = network._planar[pool]
    approx = (planar[:, 0] - lon * network.planar_scale) ** 2 + (planar[:, 1] - lat) ** 2
    count = min(_SNAP_CANDIDATES, pool.size)
    near = pool[np.argpartition(approx, count - 1)[:count]]
    dist_m = _geodesic_m(network.geod, lon, lat, network.lons[near], network.lats[near])
    best = int(np.argmin(dist_m))
    return int(near[best]), float(dist_m[best])


def snap_candidates(
    network: RailNetwork, lon: float, lat: float, slack_km: float = SNAP_SLACK_KM
) -> tuple[IntArray, FloatArray]:
    """Return the nearest node of each component within ``slack_km`` of the nearest node.

    Returns
    -------
    nodes, dist_m : numpy.ndarray
        One node per component, nearest first; geodesic distances in metres.
    """
    _, best_m = nearest_node(network, lon, lat)
    planar = network._planar
    approx_km = 111.4 * np.hypot(planar[:, 0] - lon * network.planar_scale, planar[:, 1] - lat)
    # The planar short-list is generous (its error is far below 10 % at rail-snapping range).
    near = np.flatnonzero(approx_km <= (best_m / 1000.0 + slack_km) * 1.1 + 0.01)
    dist_m = _geodesic_m(network.geod, lon, lat, network.lons[near], network.lats[near])
    keep = dist_m <= best_m + slack_km * 1000.0
    near, dist_m = near[keep], dist_m[keep]
    order = np.argsort(dist_m, kind="stable")
    near, dist_m = near[order], dist_m[order]
    _, first = np.unique(network.component[near], return_index=True)
    first = np.sort(first)
    return near[first], dist_m[first]


def shortest_rail_path(
    network: RailNetwork,
    start_lonlat: tuple[float, float],
    end_lonlat: tuple[float, float],
    max_snap_km: float = 25.0,
) -> RailPath:
    """Return the shortest path over track between two points, with every gap it needs.

    Parameters
    ----------
    network : RailNetwork
    start_lonlat, end_lonlat : tuple of float
        ``(lon, lat)`` degrees.
    max_snap_km : float
        Refuse a point farther than this from the nearest track node.

    Raises
    ------
    SnapError
        When a point lies farther than ``max_snap_km`` from any track.
    """
    instance(network, RailNetwork, "network", "a RailNetwork (build_rail_network)")
    start_lonlat, end_lonlat = as_lonlat(start_lonlat, "FROM"), as_lonlat(end_lonlat, "TO")
    distinct_ends([start_lonlat, end_lonlat], ["FROM", "TO"])
    if not is_positive_km(max_snap_km):
        raise InputError(f"max_snap_km must be a positive number of km, got {max_snap_km!r}")
    source, source_m = _snap(network, start_lonlat, "FROM", max_snap_km)
    target, target_m = _snap(network, end_lonlat, "TO", max_snap_km)
    graph = network.graph
    shared = _shared_piece(network, start_lonlat, end_lonlat, max_snap_km)
    if shared is not None:
        source, source_m, target, target_m = shared
    if network.component[source] == network.component[target]:
        nodes = nx.dijkstra_path(graph, source, target, weight=_track_weight)
        return _path_from_nodes(network, nodes, source_m, target_m)
    try:
        nodes = nx.dijkstra_path(graph, source, target, weight="weight")
    except nx.NetworkXNoPath:
        # The graph is shared (and may be used from several threads): the last-resort gap
        # is never added to it; the path is the two pieces on either side of it.
        u, v, gap_m = _last_resort_gap(network, source, target)
        nodes = nx.dijkstra_path(graph, source, u, weight="weight") + nx.dijkstra_path(
            graph, v, target, weight="weight"
        )
        return _path_from_nodes(network, nodes, source_m, target_m, {(u, v): gap_m})
    return _path_from_nodes(network, nodes, source_m, target_m)


def _shared_piece(
    network: RailNetwork,
    start_lonlat: tuple[float, float],
    end_lonlat: tuple[float, float],
    max_snap_km: float,
) -> tuple[int, float, int, float] | None:
    """Snap both ends to one piece of track when each has that piece within the slack.

    Of the pieces both ends can reach, the one with the least total snap distance wins.
    """
    starts, starts_m = snap_candidates(network, *start_lonlat)
    ends, ends_m = snap_candidates(network, *end_lonlat)
    best: tuple[int, float, int, float] | None = None
    for node, dist_m in zip(starts, starts_m, strict=True):
        match = np.flatnonzero(network.component[ends] == network.component[node])
        if match.size == 0 or max(dist_m, ends_m[match[0]]) > max_snap_km * 1000.0:
            continue
        candidate = (int(node), float(dist_m), int(ends[match[0]]), float(ends_m[match[0]]))
        if best is None or candidate[1] + candidate[3] < best[1] + best[3]:
            best = candidate
    return best


def _track_weight(u: int, v: int, edge: dict[str, Any]) -> float | None:
    """Edge weight for a path that stays on track: gap edges are hidden (None)."""
    return None if edge.get("gap") else float(edge["weight"])


def swap_fix(network: RailNetwork, lonlat: tuple[float, float], max_snap_km: float) -> str | None:
    """The fix for a point too far from the track that lands within ``max_snap_km`` of it
    once its two numbers are swapped (given lat,lon: a common slip); None otherwise, so that
    the caller's own advice (a larger snapping distance) stands."""
    lon, lat = lonlat
    if abs(lon) > 90:
        return None
    swapped_m = nearest_node(network, lat, lon)[1]
    if swapped_m > max_snap_km * 1000.0:
        return None
    return swapped_point_fix(lon, lat, f"lies {swapped_m / 1000:,.1f} km from it")


def _snap(
    network: RailNetwork, lonlat: tuple[float, float], label: str, max_snap_km: float
) -> tuple[int, float]:
    node, dist_m = nearest_node(network, *lonlat)
    if dist_m > max_snap_km * 1000.0:
        lon, lat = lonlat
        fix = swap_fix(network, lonlat, max_snap_km) or (
            "give a point nearer the railway, an extract that covers it, or a larger "
            "max_snap_km=")
        raise SnapError(
            f"{label} {lon:.5f},{lat:.5f} lies {dist_m / 1000:,.1f} km from the "
            f"nearest track (limit {max_snap_km:g} km); {fix}",
            value=lonlat, reason="too far from the nearest track", options=("max_snap_km",),
        )
    return node, dist_m


def _last_resort_gap(network: RailNetwork, source: int, target: int) -> tuple[int, int, float]:
    """The closest nodes ``(u, v, metres)`` of what ``source`` and ``target`` can reach."""
    reach_source = np.fromiter(nx.node_connected_component(network.graph, source), np.intp)
    reach_target = np.fromiter(nx.node_connected_component(network.graph, target), np.intp)
    tree = shapely.STRtree(shapely.points(network._planar[reach_target]))
    from_points = shapely.points(network._planar[reach_source])
    (left, right), approx = tree.query_nearest(from_points, return_distance=True)
    # The planar distance only short-lists the pairs; the geodesic decides between them.
    short = approx <= approx.min() * 1.5 + 1e-9
    a, b = reach_source[left[short]], reach_target[right[short]]
    dist_m = _geodesic_m(network.geod, network.lons[a], network.lats[a], network.lons[b],
                         network.lats[b])
    best = int(np.argmin(dist_m))
    return int(a[best]), int(b[best]), float(dist_m[best])


def _path_from_nodes(
    network: RailNetwork,
    nodes: list[int],
    source_m: float,
    target_m: float,
    extra_gaps: dict[tuple[int, int], float] | None = None,
) -> RailPath:
    """The path along ``nodes``; ``extra_gaps`` are gaps between consecutive nodes that are
    not edges of the graph, ``{(u, v): metres}``."""
    graph = network.graph
    extra_gaps = extra_gaps or {}
    parts: list[list[int]] = [[nodes[0]]]
    gaps: list[RouteGap] = []
    by_status: dict[str, float] = {}
    ways: dict[int, None] = {}
    track_m = 0.0
    for u, v in itertools.pairwise(nodes):
        edge: dict[str, Any] = (
            {"gap": True, "length_m": extra_gaps[(u, v)]}
            if (u, v) in extra_gaps else graph.edges[u, v]
        )
        if edge.get("gap"):
            gaps.append(
                RouteGap(
                    (float(network.lons[u]), float(network.lats[u])),
                    (float(network.lons[v]), float(network.lats[v])),
                    edge["length_m"] / 1000.0,
                )
            )
            parts.append([v])
            continue
        parts[-1].append(v)
        track_m += edge["length_m"]
        by_status[edge["status"]] = by_status.get(edge["status"], 0.0) + edge["length_m"] / 1e3
        ways.setdefault(edge["way"], None)
    arrays = tuple(
        np.column_stack([network.lons[part], network.lats[part]]) for part in parts
    )
    return RailPath(
        parts=arrays,
        length_km=track_m / 1000.0,
        length_by_status_km=dict(sorted(by_status.items())),
        way_ids=tuple(ways),
        gaps=tuple(gaps),
        start_snap_km=source_m / 1000.0,
        end_snap_km=target_m / 1000.0,
        nodes=tuple(nodes),
    )


def nearest_on_path(
    path_lonlats: FloatArray,
    lons: npt.ArrayLike,
    lats: npt.ArrayLike,
    geod: pyproj.Geod = GEOD,
) -> tuple[IntArray, FloatArray]:
    """Return, for each point, the index of the nearest path vertex and its distance in km.

    Parameters
    ----------
    path_lonlats : numpy.ndarray, shape (k, 2)
        Path vertices ``(lon, lat)``.
    lons, lats : array_like of float
        The points, degrees.
    geod : pyproj.Geod
        The ellipsoid of the distances: the network's (:attr:`RailNetwork.geod`).
    """
    lons_a = np.asarray(lons, dtype=float).reshape(-1)
    lats_a = np.asarray(lats, dtype=float).reshape(-1)
    if lons_a.size == 0 or path_lonlats.shape[0] == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0)
    scale = _planar_scale(path_lonlats[:, 1])
    tree = shapely.STRtree(shapely.points(path_lonlats[:, 0] * scale, path_lonlats[:, 1]))
    (point, vertex) = tree.query_nearest(shapely.points(lons_a * scale, lats_a), all_matches=False)
    index = np.zeros(lons_a.size, dtype=np.intp)
    index[point] = vertex
    dist_m = _geodesic_m(geod, lons_a, lats_a, path_lonlats[index, 0], path_lonlats[index, 1])
    return index, dist_m / 1000.0
