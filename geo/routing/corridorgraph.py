"""The corridor network: rail track, sea legs and transfers in one graph.

Pure graph work: lines (``(lon, lat)`` vertex arrays with their attributes) in, a
:class:`CorridorNetwork` out. Reading the catalog, the sea router and OpenStreetMap is
``caspian.layers.routing.corridor``'s job; the search is :mod:`caspian.geo.routing.corridorsearch`.

* Nodes are the ends of lines, the vertices where another line's end joins (within
  ``join_km``, the stated tolerance) or where two lines share a vertex, and the ports.
* Every edge is one piece of one line between two nodes, with its vertices, the length of each
  segment and the country of each segment (given by the caller), its mode (``rail`` or
  ``sea``), status, geometry accuracy, gauge (rail) and feature id. Where a join at a distance
  made a line's end one node with another line's vertex, the edge runs on from the end as
  drawn to its node by a segment of accuracy class ``join`` (:data:`JOIN`): counted, and
  never called track, so a route's legs meet there.
* Transfers are edges of mode ``transfer``: a *port* call links a port's node to the rail node
  nearest to it (within ``port_km``); a break of *gauge* links the two nodes into which a node
  where track of two gauges meets is split, so that no train passes from one gauge to the
  other without it.
* A join the tolerance does not make, between lines that the caller says follow each other
  (``expected_joins``), is a *gap* edge: reported with its ends and length, never track.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

import numpy as np
import pyproj
import shapely
from caspian.geo.errors import GeometryError
from caspian.geo.geodesy import GEOD, FloatArray, IntArray, geod_for
from caspian.geo.routing import NODE_DECIMALS
from caspian.geo.settings import Settings

#: Modes of an edge.
RAIL, SEA, TRANSFER, GAP = "rail", "sea", "transfer", "gap"
#: The accuracy class of the segment that runs a line on from its drawn end to the node it
#: is joined to at a distance (within ``join_km``): counted, and never called track.
JOIN = "join"

#: A line's direction at a node is read this far along it, kilometres: far enough to see
#: the track's course rather than the last short segment of a switch.
BEARING_KM = 1.0
#: Nodes this much farther from a place than its nearest node are not named after it,
#: kilometres: more than the spread of one station's switches and gauge-change yards.
NAME_TIE_KM = 0.5


@dataclass(frozen=True, kw_only=True)
class LineAttributes:
    """What a line says of itself, which every edge cut from it keeps (given by name)."""

    #: ``operating``/``construction``/...
    status: str | None = None
    #: ``traced``/``schematic``/...
    accuracy: str | None = None
    #: Track gauge (rail), None when not known.
    gauge_mm: int | None = None
    #: Where the line comes from (a catalog id, ``osm way 123``, ``sea route``).
    feature: str | None = None

    def line_attributes(self) -> dict[str, Any]:
        """The attributes by name, to build an edge of the same line."""
        return {name: getattr(self, name) for name in LINE_ATTRIBUTES}


#: The fields of :class:`LineAttributes`.
LINE_ATTRIBUTES = tuple(attribute.name for attribute in fields(LineAttributes))


@dataclass(frozen=True)
class LineInput(LineAttributes):
    """One line offered to the network (a catalog feature, an OSM way, a sea leg)."""

    #: Vertices ``(lon, lat)`` degrees, k >= 2. Shape ``(k, 2)``.
    lonlats: FloatArray
    #: ``rail`` or ``sea``.
    mode: str
    #: ISO3 code of each of the k-1 segments (``sea`` for none).
    segment_countries: tuple[str, ...]
    #: For a sea leg, the index in ``ports`` of the port at its first and last vertex.
    port_ends: tuple[int | None, int | None] = (None, None)
    #: Where the line was read. Lines of one mapped source (an OSM extract) join only where
    #: they share a vertex; the tolerance joins a dead end to a line of another source, or
    #: two separately drawn lines (``catalog``).
    source: str = "catalog"
    #: The accuracy class of each of the k-1 segments, where it varies along the line (a
    #: catalog line traced for most of its length and straight between stations elsewhere);
    #: empty: ``accuracy`` throughout.
    segment_accuracies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Port:
    """A port: ships call here, trains reach it through a port transfer."""

    name: str
    lon: float
    lat: float
    feature: str | None = None


@dataclass(frozen=True)
class CorridorEdge(LineAttributes):
    """One edge; ``lonlats`` run from node ``u`` to node ``v``.

    ``gauges`` is set on a gauge transfer (and on a gap between track of two gauges): the
    gauge at ``u`` and the gauge at ``v``. ``kind`` is ``port`` or ``gauge`` for transfers.
    ``line`` is the index of the input line the edge is a piece of: a train may always go on
    along its line's own course, whatever the angle a schematic drawing makes there.
    """

    u: int
    v: int
    mode: str
    lonlats: FloatArray
    segment_km: FloatArray
    segment_countries: tuple[str, ...]
    kind: str | None = None
    gauges: tuple[int, int] | None = None
    place: str | None = None
    line: int | None = None
    #: As :attr:`LineInput.segment_accuracies`: one class per segment, or empty.
    segment_accuracies: tuple[str, ...] = ()

    @cached_property
    def length_km(self) -> float:
        """Geodesic length, kilometres (computed once: the search reads it per transition)."""
        return float(self.segment_km.sum())


@dataclass(frozen=True)
class CorridorNode:
    """A station, junction, line end or port: ``(lon, lat)`` degrees and a name if known."""

    lon: float
    lat: float
    name: str | None = None
    port: bool = False


@dataclass(frozen=True)
class CorridorNetwork:
    """Nodes, edges and what the search needs about them."""

    nodes: tuple[CorridorNode, ...]
    edges: tuple[CorridorEdge, ...]
    #: Edge ids at each node.
    adjacency: tuple[tuple[int, ...], ...]
    #: Azimuth of each edge leaving ``u`` (column 0) and leaving ``v`` (column 1), degrees.
    #: Shape ``(n_edges, 2)``.
    bearing_deg: FloatArray
    #: Rail edges at each node: a node with 3 or more is a junction.
    rail_degree: IntArray
    #: Every join the tolerance made (the two lines, the distance): the network's provenance.
    joins: tuple[dict[str, Any], ...] = ()
    #: Whatever the builder records (sources, tolerance, version).
    meta: dict[str, Any] = field(default_factory=dict)
    #: Connected piece of each node (over every edge, gaps and transfers included).
    component: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: Every vertex of every rail edge (for snapping).
    vertex_lonlats: FloatArray = field(default_factory=lambda: np.zeros((0, 2)))
    #: The edge of each of those vertices.
    vertex_edge: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: The index of each of those vertices in its edge.
    vertex_index: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: The ellipsoid every length, snap and bearing of the network is measured on
    #: (``settings.ellps`` of :func:`build_corridor_network`).
    geod: pyproj.Geod = field(default_factory=lambda: GEOD, repr=False, compare=False)


def segment_lengths_km(lonlats: FloatArray, geod: pyproj.Geod = GEOD) -> FloatArray:
    """Geodesic length of each segment of a vertex array on ``geod``'s ellipsoid, kilometres."""
    if lonlats.shape[0] < 2:
        return np.zeros(0)
    _, _, dist_m = geod.inv(lonlats[:-1, 0], lonlats[:-1, 1], lonlats[1:, 0], lonlats[1:, 1])
    return np.asarray(dist_m, dtype=float) / 1000.0


def _geodesic_km(geod: pyproj.Geod, lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> FloatArray:
    lons1, lats1, lons2, lats2 = np.broadcast_arrays(
        *(np.asarray(value, dtype=float) for value in (lon1, lat1, lon2, lat2)))
    if lons1.size == 0:
        return np.zeros(lons1.shape)
    _, _, dist_m = geod.inv(lons1, lats1, lons2, lats2)
    return np.asarray(dist_m, dtype=float) / 1000.0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}
        #: Each root's members (``(line, vertex)``), for :meth:`members`.
        self._members: dict[Any, list[Any]] = {}

    def members(self, item: Any) -> list[Any]:
        """Everything in ``item``'s set."""
        root = self.find(item)
        return self._members.get(root, [root])

    def find(self, item: Any) -> Any:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[ra] = rb
        self._members[rb] = self._members.pop(rb, [rb]) + self._members.pop(ra, [ra])


def _check_line(index: int, line: LineInput) -> None:
    if line.lonlats.ndim != 2 or line.lonlats.shape[0] < 2 or line.lonlats.shape[1] != 2:
        raise GeometryError(f"line {index} ({line.feature}) needs at least two (lon, lat) vertices")
    if len(line.segment_countries) != line.lonlats.shape[0] - 1:
        raise GeometryError(f"line {index} ({line.feature}) needs one country per segment")
    if line.segment_accuracies and len(line.segment_accuracies) != line.lonlats.shape[0] - 1:
        raise GeometryError(f"line {index} ({line.feature}) needs one accuracy per segment, "
                            "or none")


def build_corridor_network(
    lines: Sequence[LineInput],
    ports: Sequence[Port] = (),
    *,
    join_km: float = 1.0,
    port_km: float = 15.0,
    expected_joins: Sequence[tuple[int, int, int, int]] = (),
    max_gap_km: float = 50.0,
    place_names: Sequence[tuple[str, float, float]] = (),
    name_km: float = 3.0,
    meta: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> CorridorNetwork:
    """Assemble lines, ports and transfers into a network.

    Parameters
    ----------
    lines : sequence of LineInput
    ports : sequence of Port
        Sea legs end at ports (``LineInput.port_ends``); each port gets a transfer to the
        rail node nearest to it within ``port_km``.
    join_km : float
        A rail line's end joins another rail line's nearest vertex (or end) within this.
    port_km : float
        Largest port transfer, kilometres.
    expected_joins : sequence of (int, int, int, int)
        ``(line a, vertex of a, line b, vertex of b)`` (a vertex -1 is the last) where two rail
        lines should meet (a chain's consecutive legs, a link the data does not draw); where
        they do not join, a gap edge up to ``max_gap_km``.
    place_names : sequence of (name, lon, lat)
        Names given to the nodes within ``name_km`` (the nearest place wins, and only the
        place's nearest nodes take it: :func:`_node_names`).
    meta : dict, optional
        Recorded as :attr:`CorridorNetwork.meta`.
    settings : Settings, optional
        ``ellps`` names the ellipsoid of every length and distance (WGS84 by default).

    Returns
    -------
    CorridorNetwork
    """
    geod = geod_for(settings)
    for index, line in enumerate(lines):
        _check_line(index, line)
    rail = [i for i, line in enumerate(lines) if line.mode == RAIL]
    splits: dict[int, set[int]] = {i: {0, lines[i].lonlats.shape[0] - 1} for i in range(len(lines))}
    expected_joins = [
        (a, va % lines[a].lonlats.shape[0], b, vb % lines[b].lonlats.shape[0])
        for a, va, b, vb in expected_joins
    ]
    for a, va, b, vb in expected_joins:
        splits[a].add(va)
        splits[b].add(vb)
    union = _UnionFind()
    joins = _join_rail_lines(geod, lines, rail, join_km, splits, union)
    port_links = _port_links(geod, lines, rail, ports, port_km, splits)
    # Nodes: the split vertices of every line, merged where joined.
    node_of: dict[tuple[int, int], int] = {}
    coords: list[tuple[float, float]] = []
    for i in range(len(lines)):
        for vertex in sorted(splits[i]):
            root = union.find((i, vertex))
            if root not in node_of:
                node_of[root] = len(coords)
                coords.append(_node_lonlat(geod, lines, union.members(root)))
            node_of[(i, vertex)] = node_of[root]
    port_nodes = []
    for port in ports:
        port_nodes.append(len(coords))
        coords.append((port.lon, port.lat))
    edges = _line_edges(geod, lines, splits, node_of, port_nodes, coords)
    for port_index, (line_index, vertex, dist_km) in port_links.items():
        node = node_of[(line_index, vertex)]
        edges.append(_straight_edge(geod, port_nodes[port_index], node, coords, TRANSFER,
                                    kind="port",
                                    place=ports[port_index].name, feature=ports[port_index].feature,
                                    length_km=dist_km))
    edges.extend(_gap_edges(geod, lines, expected_joins, node_of, coords, max_gap_km))
    names = _node_names(geod, coords, place_names, name_km)
    nodes = [CorridorNode(lon, lat, names[i]) for i, (lon, lat) in enumerate(coords)]
    for port_index, node in enumerate(port_nodes):
        nodes[node] = CorridorNode(*coords[node], ports[port_index].name, port=True)
    nodes, edges = _split_gauges(geod, nodes, edges)
    return finish_network(nodes, edges, joins, meta or {}, geod=geod)


def _join_rail_lines(
    geod: pyproj.Geod, lines: Sequence[LineInput], rail: list[int], join_km: float,
    splits: dict[int, set[int]], union: _UnionFind,
) -> list[dict[str, Any]]:
    """Merge shared vertices of rail lines, and each line end with the nearest vertex of
    every other rail line within ``join_km`` (of another source only, where the end is
    already a shared vertex); return the joins made at a distance."""
    if not rail:
        return []
    owner = np.concatenate([np.full(lines[i].lonlats.shape[0], i) for i in rail])
    index = np.concatenate([np.arange(lines[i].lonlats.shape[0]) for i in rail])
    stacked = np.concatenate([lines[i].lonlats for i in rail])
    keys = np.round(stacked, NODE_DECIMALS)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    shared = np.flatnonzero(np.bincount(inverse)[inverse] > 1)
    for k in shared:
        a = (int(owner[k]), int(index[k]))
        b = (int(owner[first[inverse[k]]]), int(index[first[inverse[k]]]))
        if a != b:
            splits[a[0]].add(a[1])
            splits[b[0]].add(b[1])
            union.union(a, b)
    shared_ends = {(int(owner[k]), int(index[k])) for k in shared}
    scale = float(np.cos(np.radians(np.mean(stacked[:, 1]))))
    tree = shapely.STRtree(shapely.points(stacked[:, 0] * scale, stacked[:, 1]))
    joins = []
    radius = join_km / 110.0 / max(scale, 0.1)
    for i in rail:
        for end in (0, lines[i].lonlats.shape[0] - 1):
            if (i, end) in shared_ends and lines[i].source != "catalog":
                continue  # a mapped way's end on another way's node: joined as mapped
            lon, lat = lines[i].lonlats[end]
            near = tree.query(shapely.Point(lon * scale, lat).buffer(radius))
            near = near[owner[near] != i]
            if near.size == 0:
                continue
            dist_km = _geodesic_km(geod, lon, lat, stacked[near, 0], stacked[near, 1])
            # nearest line first: a farther join that would fold a line onto itself is left out
            others = np.unique(owner[near])
            nearest = [float(dist_km[owner[near] == other].min()) for other in others]
            for other in others[np.argsort(nearest, kind="stable")]:
                if lines[int(other)].source == lines[i].source != "catalog":
                    continue  # one mapped source joins only where it shares a node
                if (i, end) in shared_ends and lines[int(other)].source == lines[i].source:
                    # a catalog end on another catalog line's vertex is joined there, not
                    # also to a third line that passes within the tolerance (the two sides
                    # of a narrow junction triangle stay apart)
                    continue
                mine = np.flatnonzero(owner[near] == other)
                best = mine[np.argmin(dist_km[mine])]
                if dist_km[best] > join_km:
                    continue
                target = (int(other), int(index[near[best]]))
                if _folds_a_line(lines, union, (i, end), target):
                    continue
                splits[target[0]].add(target[1])
                if union.find((i, end)) != union.find(target):
                    union.union((i, end), target)
                    if dist_km[best] > 0:
                        joins.append({"from": lines[i].feature, "to": lines[int(other)].feature,
                                      "distance_km": round(float(dist_km[best]), 4)})
    return joins


def _place(lonlat: Any) -> tuple[float, float]:
    """A vertex's place: its position rounded as the rail graph rounds a node's
    (:data:`~caspian.geo.routing.NODE_DECIMALS`), so vertices about 1 cm apart are
    one place."""
    lon, lat = np.round(np.asarray(lonlat, dtype=float), NODE_DECIMALS)
    return (float(lon), float(lat))


def _node_lonlat(geod: pyproj.Geod, lines: Sequence[LineInput],
                 members: list[tuple[int, int]]) -> tuple[float, float]:
    """Where the node of joined vertices lies: at the member vertex that leaves the least
    length of ``join`` segments to run on to it (each member's distance to it, twice for a
    vertex a line passes through, which two of its edges reach). A line's end joined to a
    vertex another line passes through makes its node there (the Mangystau station node,
    not the Kuryk line's drawn start 178 m away); a catalog line's end joined to several
    ways of a mapped yard, at the yard's middle. Shared vertices lie at one place."""
    places = np.array([lines[line].lonlats[vertex] for line, vertex in members], dtype=float)
    first = places[0]
    if all(_place(place) == _place(first) for place in places):
        return (float(first[0]), float(first[1]))
    weight = np.array([1.0 if vertex in (0, lines[line].lonlats.shape[0] - 1) else 2.0
                       for line, vertex in members])
    n = len(members)
    left, right = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    km = _geodesic_km(geod, places[left, 0], places[left, 1],
                      places[right, 0], places[right, 1]).reshape(n, n)
    best = int(np.argmin(km @ weight))
    return (float(places[best, 0]), float(places[best, 1]))


def _folds_a_line(lines: Sequence[LineInput], union: _UnionFind, a: tuple[int, int],
                  b: tuple[int, int]) -> bool:
    """Whether joining ``a`` and ``b`` would make one node of two vertices of one line at
    different places: the track between them would become a loop no route runs (an end
    within the tolerance of a junction's two lines, 405 m apart on one of them, at
    Mangystau), and a route's legs would no longer meet."""
    here: dict[int, set[tuple[float, float]]] = {}
    for line, vertex in union.members(a):
        here.setdefault(line, set()).add(_place(lines[line].lonlats[vertex]))
    return any(
        line in here and _place(lines[line].lonlats[vertex]) not in here[line]
        for line, vertex in union.members(b)
    )


def _port_links(
    geod: pyproj.Geod, lines: Sequence[LineInput], rail: list[int], ports: Sequence[Port],
    port_km: float, splits: dict[int, set[int]],
) -> dict[int, tuple[int, int, float]]:
    """Each port's nearest rail vertex within ``port_km``: ``{port: (line, vertex, km)}``."""
    links = {}
    for port_index, port in enumerate(ports):
        best: tuple[int, int, float] | None = None
        for i in rail:
            dist_km = _geodesic_km(geod, port.lon, port.lat, lines[i].lonlats[:, 0],
                                   lines[i].lonlats[:, 1])
            vertex = int(np.argmin(dist_km))
            if dist_km[vertex] <= port_km and (best is None or dist_km[vertex] < best[2]):
                best = (i, vertex, float(dist_km[vertex]))
        if best is not None:
            splits[best[0]].add(best[1])
            links[port_index] = best
    return links


def _line_edges(
    geod: pyproj.Geod, lines: Sequence[LineInput], splits: dict[int, set[int]],
    node_of: dict[tuple[int, int], int], port_nodes: list[int],
    coords: list[tuple[float, float]],
) -> list[CorridorEdge]:
    edges = []
    for i, line in enumerate(lines):
        cuts = sorted(splits[i])
        segment_km = segment_lengths_km(line.lonlats, geod)
        for a, b in itertools.pairwise(cuts):
            u, v = node_of[(i, a)], node_of[(i, b)]
            if line.mode == SEA:
                # A sea leg runs between its ports' own nodes, never a rail node.
                u = port_nodes[line.port_ends[0]] if a == 0 and line.port_ends[0] is not None else u
                last = line.lonlats.shape[0] - 1
                v = (port_nodes[line.port_ends[1]]
                     if b == last and line.port_ends[1] is not None else v)
            edge = CorridorEdge(
                u=u, v=v, mode=line.mode, lonlats=line.lonlats[a:b + 1],
                segment_km=segment_km[a:b], segment_countries=line.segment_countries[a:b],
                line=i, segment_accuracies=line.segment_accuracies[a:b],
                **line.line_attributes(),
            )
            edges.append(edge if line.mode == SEA else _reach_nodes(geod, edge, coords))
    return edges


def _reach_nodes(geod: pyproj.Geod, edge: CorridorEdge,
                 coords: list[tuple[float, float]]) -> CorridorEdge:
    """The edge, run on to its nodes where a join at a distance made its end vertex one node
    with a vertex of another line (the Kuryk line's drawn start, 178 m from the Mangystau
    station node): the connecting segment is counted, of the accuracy class :data:`JOIN`
    (a join within the tolerance, not track), in the country of the segment it continues.
    Without it a route's legs would not meet there, and no length would count the join."""
    ends = [(edge.u, 0), (edge.v, -1)]
    reach = [_place(coords[node]) != _place(edge.lonlats[at]) for node, at in ends]
    if not any(reach):
        return edge
    lonlats, countries = edge.lonlats, edge.segment_countries
    classes = edge.segment_accuracies or (edge.accuracy or "unknown",) * len(countries)
    if reach[0]:
        lonlats = np.vstack([coords[edge.u], lonlats])
        countries, classes = (countries[0], *countries), (JOIN, *classes)
    if reach[1]:
        lonlats = np.vstack([lonlats, coords[edge.v]])
        countries, classes = (*countries, countries[-1]), (*classes, JOIN)
    return replace(edge, lonlats=lonlats, segment_km=segment_lengths_km(lonlats, geod),
                   segment_countries=countries, segment_accuracies=classes)


def _straight_edge(
    geod: pyproj.Geod, u: int, v: int, coords: list[tuple[float, float]], mode: str,
    length_km: float | None = None, **attributes: Any,
) -> CorridorEdge:
    lonlats = np.array([coords[u], coords[v]], dtype=float)
    km = segment_lengths_km(lonlats, geod) if length_km is None else np.array([length_km])
    return CorridorEdge(u=u, v=v, mode=mode, lonlats=lonlats, segment_km=km,
                        segment_countries=("",), **attributes)


def _gap_edges(
    geod: pyproj.Geod, lines: Sequence[LineInput], expected: Sequence[tuple[int, int, int, int]],
    node_of: dict[tuple[int, int], int], coords: list[tuple[float, float]], max_gap_km: float,
) -> list[CorridorEdge]:
    gaps = []
    for a, va, b, vb in expected:
        u, v = node_of[(a, va)], node_of[(b, vb)]
        if u == v:
            continue
        gap = _straight_edge(geod, u, v, coords, GAP, status="missing", accuracy="gap",
                             place=f"{lines[a].feature} – {lines[b].feature}")
        if gap.length_km > max_gap_km:
            continue
        gauges = (lines[a].gauge_mm, lines[b].gauge_mm)
        if None not in gauges and gauges[0] != gauges[1]:
            gap = replace(gap, gauges=(int(gauges[0]), int(gauges[1])))  # type: ignore[arg-type]
        gaps.append(gap)
    return gaps


def _node_names(
    geod: pyproj.Geod, coords: list[tuple[float, float]],
    places: Sequence[tuple[str, float, float]], name_km: float,
) -> list[str | None]:
    """Each node's name: that of the nearest place within ``name_km``, if the node is also
    among that place's nearest nodes (within :data:`NAME_TIE_KM` of the nearest one's
    distance). A junction 2.4 km from a station is not named after it when the station
    itself is a node; the several nodes of one station's tracks all are."""
    if not places or not coords:
        return [None] * len(coords)
    lons = np.array([lon for _, lon, _ in places])
    lats = np.array([lat for _, _, lat in places])
    chosen: list[tuple[int, float] | None] = []
    for lon, lat in coords:
        dist_km = _geodesic_km(geod, lon, lat, lons, lats)
        best = int(np.argmin(dist_km))
        chosen.append((best, float(dist_km[best])) if dist_km[best] <= name_km else None)
    nearest_km: dict[int, float] = {}
    for choice in chosen:
        if choice is not None:
            nearest_km[choice[0]] = min(nearest_km.get(choice[0], np.inf), choice[1])
    return [places[choice[0]][0]
            if choice is not None and choice[1] <= nearest_km[choice[0]] + NAME_TIE_KM else None
            for choice in chosen]


def _split_gauges(
    geod: pyproj.Geod, nodes: list[CorridorNode], edges: list[CorridorEdge]
) -> tuple[list[CorridorNode], list[CorridorEdge]]:
    """Split every node where rail of two gauges meets into one node per gauge, linked by
    gauge transfers: a break of gauge is a transfer, never a silent pass."""
    at_node: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for e, edge in enumerate(edges):
        if edge.mode == RAIL and edge.gauge_mm is not None:
            for end, node in enumerate((edge.u, edge.v)):
                at_node.setdefault(node, {}).setdefault(edge.gauge_mm, []).append((e, end))
    for node, by_gauge in at_node.items():
        if len(by_gauge) < 2:
            continue
        gauges = sorted(by_gauge)
        base = nodes[node]
        new_nodes = {gauges[0]: node}
        for gauge in gauges[1:]:
            new_nodes[gauge] = len(nodes)
            nodes.append(base)
        for gauge, uses in by_gauge.items():
            for e, end in uses:
                edge = edges[e]
                edges[e] = replace(edge, u=new_nodes[gauge]) if end == 0 else replace(
                    edge, v=new_nodes[gauge])
        coords = [(n.lon, n.lat) for n in nodes]
        for a, b in itertools.combinations(gauges, 2):
            edges.append(_straight_edge(geod, new_nodes[a], new_nodes[b], coords, TRANSFER,
                                        length_km=0.0, kind="gauge", gauges=(a, b),
                                        place=base.name))
    return nodes, edges


def bearing_away(edge: CorridorEdge, at_v: bool, geod: pyproj.Geod) -> float:
    """Azimuth of the edge leaving one of its ends, read :data:`BEARING_KM` along it, degrees."""
    lonlats = edge.lonlats[::-1] if at_v else edge.lonlats
    km = np.cumsum(edge.segment_km[::-1] if at_v else edge.segment_km)
    far = int(min(np.searchsorted(km, BEARING_KM), lonlats.shape[0] - 2)) + 1
    azimuth, _, _ = geod.inv(lonlats[0, 0], lonlats[0, 1], lonlats[far, 0], lonlats[far, 1])
    return float(azimuth)


def finish_network(
    nodes: Sequence[CorridorNode], edges: Sequence[CorridorEdge],
    joins: Sequence[dict[str, Any]] = (), meta: dict[str, Any] | None = None,
    bearing_deg: FloatArray | None = None, *, geod: pyproj.Geod = GEOD,
) -> CorridorNetwork:
    """Index nodes and edges for the search (adjacency, bearings, junction degree).

    ``bearing_deg`` (as :attr:`CorridorNetwork.bearing_deg`) skips measuring the bearings
    again when a cached network is read; ``geod`` is the ellipsoid the edges were measured on
    (:attr:`CorridorNetwork.geod`).
    """
    adjacency: list[list[int]] = [[] for _ in nodes]
    rail_degree = np.zeros(len(nodes), dtype=np.intp)
    bearings = np.zeros((len(edges), 2))
    for e, edge in enumerate(edges):
        adjacency[edge.u].append(e)
        if edge.v != edge.u:
            adjacency[edge.v].append(e)
        if edge.mode == RAIL:
            rail_degree[edge.u] += 1
            rail_degree[edge.v] += 1
            if bearing_deg is None:
                bearings[e] = (bearing_away(edge, False, geod), bearing_away(edge, True, geod))
    if bearing_deg is not None:
        bearings = np.asarray(bearing_deg, dtype=float).reshape(len(edges), 2)
    union = _UnionFind()
    for edge in edges:
        union.union(edge.u, edge.v)
    roots = [union.find(node) for node in range(len(nodes))]
    _, component = np.unique(np.asarray(roots, dtype=np.intp), return_inverse=True)
    rail = [e for e, edge in enumerate(edges) if edge.mode == RAIL]
    counts = [edges[e].lonlats.shape[0] for e in rail]
    return CorridorNetwork(
        nodes=tuple(nodes), edges=tuple(edges),
        adjacency=tuple(tuple(edge_ids) for edge_ids in adjacency),
        bearing_deg=bearings, rail_degree=rail_degree, joins=tuple(joins), meta=dict(meta or {}),
        component=component.reshape(-1),
        vertex_lonlats=(np.concatenate([edges[e].lonlats for e in rail]) if rail
                        else np.zeros((0, 2))),
        vertex_edge=np.repeat(np.asarray(rail, dtype=np.intp), counts),
        vertex_index=(np.concatenate([np.arange(c) for c in counts]) if rail
                      else np.zeros(0, dtype=np.intp)),
        geod=geod,
    )
