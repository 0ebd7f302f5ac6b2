"""Routes over a :class:`~caspian.geo.routing.corridorgraph.CorridorNetwork`, as a train runs.

An edge-based Dijkstra: a search state is the node, the gauge of the train and the edge it
arrived by, so that two rules of real railways hold (as in OpenRailRouting):

* a train of one gauge never runs on track of another gauge: between them it must take a
  gauge transfer (or a gap between track of two gauges, reported as both);
* a path never reverses through a switch: at a junction (three or more rail edges) it may not
  leave on a branch that lies within ``min_turn_angle_deg`` of the branch it came in on (the
  other branch of the same side of a wye), nor go back along the edge it came by. Going on
  along the same input line is always allowed: a line's own course is a train's course.
  At a junction that is a station (a node named after a place) the train may reverse, as
  trains do in stations (the locomotive runs round or another takes the other end): the turn
  is a transfer of kind ``reversal``, priced as any transfer (``transfer_km``). Without it
  a train from Aktau's port to Kuryk's, whose branches leave Mangystau station on one side,
  ran 1,790.8 km out along the trunk and back to turn, for 91.2 km of track (91.4 km since
  the 178 m join of the Kuryk line to the station node is counted).

The K alternatives are found by penalising the edges of the routes found so far and searching
again; a route is kept only if it differs from every kept route by at least
``min_different_km`` and shares at most ``max_shared`` of its length with it.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import shapely
from caspian.geo.errors import CaspianError, swapped_point_fix
from caspian.geo.routing import distinct_ends
from caspian.geo.routing.corridorgraph import (
    GAP,
    RAIL,
    SEA,
    TRANSFER,
    CorridorEdge,
    CorridorNetwork,
    CorridorNode,
    bearing_away,
)


class NoRouteError(CaspianError, ValueError):
    """The network has no path between the two points under the given restrictions."""

    # mypy reads our ``caspian.*`` imports as Any (the namespace maps folders it cannot
    # follow), so it checks this class's calls against ValueError.__init__ and a call with the
    # fields of :class:`CaspianError` (``options=``) carries ``type: ignore[call-arg]``.


class SnapError(CaspianError, ValueError):
    """A point lies farther from the network than the snapping limit."""

    # As for NoRouteError, a call with fields carries ``type: ignore[call-arg]``.


@dataclass(frozen=True)
class Step:
    """One edge of a path, travelled from ``start_node`` to ``end_node`` (from the edge's ``u``
    to its ``v`` when ``forward``): its vertices, segment lengths and countries in that order."""

    edge: CorridorEdge
    origin: int
    start_node: CorridorNode
    end_node: CorridorNode
    forward: bool
    gauge_from: int | None = None
    gauge_to: int | None = None

    @property
    def _order(self) -> slice:
        return slice(None) if self.forward else slice(None, None, -1)

    @cached_property
    def lonlats(self) -> Any:
        """The edge's ``(lon, lat)`` vertices the way travelled."""
        return self.edge.lonlats[self._order]

    @cached_property
    def segment_km(self) -> Any:
        """The edge's segment lengths the way travelled, kilometres."""
        return self.edge.segment_km[self._order]

    @cached_property
    def segment_countries(self) -> tuple[str, ...]:
        """The country of each segment the way travelled."""
        return tuple(self.edge.segment_countries[self._order])

    @cached_property
    def segment_accuracies(self) -> tuple[str | None, ...]:
        """The accuracy class of each segment the way travelled (the edge's own class where
        it does not vary)."""
        if not self.edge.segment_accuracies:
            return (self.edge.accuracy,) * len(self.edge.segment_countries)
        return tuple(self.edge.segment_accuracies[self._order])


@dataclass(frozen=True)
class Path:
    """A path between two points: its steps and what the search paid for it."""

    steps: tuple[Step, ...]
    cost: float
    start_snap_km: float
    end_snap_km: float
    edge_km: dict[int, float] = field(default_factory=dict)

    @property
    def length_km(self) -> float:
        """Length over the network (transfers' connectors and gaps included), km."""
        return float(sum(float(step.segment_km.sum()) for step in self.steps))


@dataclass(frozen=True, kw_only=True)
class SearchSettings:
    """What a route may use and what things cost."""

    #: Statuses of rail and sea edges that may be used (None: every status).
    statuses: frozenset[str] | None = None
    #: Feature ids (``layer/feature``) the route must not use.
    avoid_features: frozenset[str] = frozenset()
    #: ISO3 codes: an edge with at least ``avoid_min_km`` in one of them is not used.
    avoid_countries: frozenset[str] = frozenset()
    #: Country length below which an edge still passes (a border drawn through a station).
    avoid_min_km: float = 1.0
    #: Cost of each transfer (port call, break of gauge), in kilometres of travel.
    transfer_km: float = 0.0
    #: A kilometre of gap costs this many kilometres of track.
    gap_penalty: float = 10.0
    #: At a junction, the smallest angle between the branch entered and the branch left.
    min_turn_angle_deg: float = 90.0
    #: A point farther than this from the network is refused.
    max_snap_km: float = 25.0


#: Every status, nothing avoided, transfers free.
DEFAULT_SEARCH = SearchSettings()


class _View:
    """The network with the requested points added as nodes that split their edges."""

    def __init__(self, network: CorridorNetwork, cuts: dict[int, list[tuple[int, int]]],
                 extra_nodes: list[CorridorNode]) -> None:
        self.network = network
        self.nodes = list(network.nodes) + extra_nodes
        self.edges: list[CorridorEdge] = list(network.edges)
        self.origin = list(range(len(network.edges)))
        self.removed: set[int] = set()
        self.extra: dict[int, list[int]] = {}
        self.bearings: dict[int, tuple[float, float]] = {}
        # Plain lists: the search reads these once per transition, numpy scalars cost 10x.
        self.base_bearings: list[list[float]] = network.bearing_deg.tolist()
        self.rail_degree: list[int] = network.rail_degree.tolist()
        for e, points in cuts.items():
            self._cut(e, sorted(points))
        self.lonlats = np.array([(node.lon, node.lat) for node in self.nodes], dtype=float)

    def _cut(self, e: int, points: list[tuple[int, int]]) -> None:
        edge = self.edges[e]
        self.removed.add(e)
        last = edge.lonlats.shape[0] - 1
        stops = [(0, edge.u), *points, (last, edge.v)]
        for (a, u), (b, v) in itertools.pairwise(stops):
            if b <= a:
                continue
            piece = replace(edge, u=u, v=v, lonlats=edge.lonlats[a:b + 1],
                            segment_km=edge.segment_km[a:b],
                            segment_countries=edge.segment_countries[a:b],
                            segment_accuracies=edge.segment_accuracies[a:b])
            new = len(self.edges)
            self.edges.append(piece)
            self.origin.append(e)
            if piece.lonlats.shape[0] >= 2:
                geod = self.network.geod
                self.bearings[new] = (bearing_away(piece, False, geod),
                                      bearing_away(piece, True, geod))
            else:
                self.bearings[new] = (0.0, 0.0)
            for node in {u, v}:
                self.extra.setdefault(node, []).append(new)

    def out(self, node: int) -> list[int]:
        base = self.network.adjacency[node] if node < len(self.network.nodes) else ()
        return [e for e in base if e not in self.removed] + self.extra.get(node, [])

    def bearing(self, e: int, node: int) -> float:
        edge = self.edges[e]
        column = 0 if edge.u == node else 1
        if e in self.bearings:
            return self.bearings[e][column]
        return self.base_bearings[e][column]

    def junction(self, node: int) -> bool:
        return node < len(self.rail_degree) and self.rail_degree[node] >= 3


def _allowed(edge: CorridorEdge, settings: SearchSettings) -> bool:
    if (edge.mode in (RAIL, SEA) and settings.statuses is not None
            and (edge.status or "unknown") not in settings.statuses):
        return False
    if edge.feature is not None and edge.feature in settings.avoid_features:
        return False
    if settings.avoid_countries and edge.segment_countries:
        codes = np.asarray(edge.segment_countries)
        for code in settings.avoid_countries:
            if float(edge.segment_km[codes == code].sum()) >= settings.avoid_min_km:
                return False
    return True


def _weight(edge: CorridorEdge, settings: SearchSettings) -> float:
    if edge.mode == TRANSFER:
        return edge.length_km + settings.transfer_km
    if edge.mode == GAP:
        return edge.length_km * settings.gap_penalty + (settings.transfer_km if edge.gauges else 0)
    return edge.length_km


#: A port and the rail node its port transfer reaches within this many km are one place: a route
#: from the port by rail, or to the rail end by sea, starts there without a transfer.
SAME_PLACE_KM = 0.1

#: Another piece of the network this much farther than the nearest may still be snapped to,
#: km: a port's own tracks mapped apart from the line (Batumi) must not strand the route.
SNAP_SLACK_KM = 2.0


def _short_listed_km(network: CorridorNetwork, lonlats: np.ndarray, lon: float, lat: float,
                     slack_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic km from ``(lon, lat)`` to each of ``lonlats`` that may lie within ``slack_km``
    of the nearest (inf for the others), and the indices of those short-listed."""
    # A planar estimate short-lists the vertices (it errs by far less than 10 % at snapping
    # range); only those are measured on the ellipsoid.
    scale = math.cos(math.radians(lat))
    approx_km = 111.3 * np.hypot((lonlats[:, 0] - lon) * scale, lonlats[:, 1] - lat)
    short = np.flatnonzero(approx_km <= approx_km.min() * 1.2 + slack_km * 1.2 + 1.0)
    km = np.full(lonlats.shape[0], np.inf)
    _, _, dist_m = network.geod.inv(np.full(short.size, lon), np.full(short.size, lat),
                                    lonlats[short, 0], lonlats[short, 1])
    km[short] = np.asarray(dist_m, dtype=float) / 1000.0
    return km, short


def snap(network: CorridorNetwork, lonlat: tuple[float, float], label: str,
         max_snap_km: float, slack_km: float = SNAP_SLACK_KM) -> list[tuple[int, int, float]]:
    """The nearest rail vertex or port of each piece of the network near a point.

    Returns ``[(edge or -1, vertex or node, km)]``, nearest first, one per connected piece,
    within ``slack_km`` of the nearest; a port node is ``(-1, node, km)``.

    Raises
    ------
    SnapError
        When nothing lies within ``max_snap_km``.
    """
    lon, lat = lonlat
    ports = np.asarray([node for node, item in enumerate(network.nodes) if item.port],
                       dtype=np.intp)
    port_lonlats = np.asarray([(network.nodes[n].lon, network.nodes[n].lat) for n in ports],
                              dtype=float).reshape(-1, 2)
    lonlats = np.concatenate([network.vertex_lonlats, port_lonlats])
    if lonlats.shape[0] == 0:
        raise SnapError(f"{label}: the corridor network is empty")
    km, short = _short_listed_km(network, lonlats, lon, lat, slack_km)
    n_vertices = network.vertex_lonlats.shape[0]
    best_km = float(km.min())
    if best_km > max_snap_km:
        swapped_km = (float(_short_listed_km(network, lonlats, lat, lon, 0.0)[0].min())
                      if abs(lon) <= 90 else math.inf)
        fix = ("give a place on the network, or a larger max_snap_km=" if swapped_km > max_snap_km
               else swapped_point_fix(lon, lat, f"lies {swapped_km:,.1f} km from it"))
        raise SnapError(
            f"{label} {lon:.5f},{lat:.5f} lies {best_km:,.1f} km from the corridor network "
            f"(limit {max_snap_km:g} km); fix: {fix}",
            value=(lon, lat), reason="too far from the corridor network",
            options=("max_snap_km",),
        )
    out, seen = [], set()
    for i in short[np.argsort(km[short], kind="stable")]:
        if km[i] > min(best_km + slack_km, max_snap_km):
            break
        if i < n_vertices:
            e, k = int(network.vertex_edge[i]), int(network.vertex_index[i])
            piece = int(network.component[network.edges[e].u])
        else:
            e, k = -1, int(ports[i - n_vertices])
            piece = int(network.component[k])
        if piece not in seen:
            seen.add(piece)
            out.append((e, k, float(km[i])))
    return out


def _piece(network: CorridorNetwork, candidate: tuple[int, int, float]) -> int:
    e, k, _ = candidate
    return int(network.component[network.edges[e].u if e >= 0 else k])


def _choose(network: CorridorNetwork, candidates: list[list[tuple[int, int, float]]]
            ) -> list[tuple[int, int, float]]:
    """One candidate per point: on a piece every point can reach if there is one (the least
    total snap distance), else each point's nearest."""
    shared = set.intersection(*({_piece(network, c) for c in options} for options in candidates))
    if not shared:
        return [options[0] for options in candidates]
    best = min(shared, key=lambda piece: sum(
        next(c[2] for c in options if _piece(network, c) == piece) for options in candidates))
    return [next(c for c in options if _piece(network, c) == best) for options in candidates]


def _same_place(network: CorridorNetwork, node: int) -> tuple[int, ...]:
    """The node and the nodes a port transfer shorter than :data:`SAME_PLACE_KM` links it to
    (a port drawn on its railway's end)."""
    if node >= len(network.nodes):
        return (node,)
    partners = [edge.v if edge.u == node else edge.u for edge in
                (network.edges[e] for e in network.adjacency[node])
                if edge.mode == TRANSFER and edge.kind == "port"
                and edge.length_km <= SAME_PLACE_KM]
    return (node, *partners)


def _place_points(network: CorridorNetwork, points: Sequence[tuple[float, float]],
                  labels: Sequence[str], settings: SearchSettings
                  ) -> tuple[_View, list[tuple[int, ...]], list[float]]:
    """Add each requested point as a node (splitting the edge it lies on); each point is
    that node and the nodes at the same place (:func:`_same_place`)."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    extra: list[CorridorNode] = []
    nodes, snaps = [], []
    chosen = _choose(network, [snap(network, lonlat, label, settings.max_snap_km)
                               for lonlat, label in zip(points, labels, strict=True)])
    for e, k, km in chosen:
        snaps.append(km)
        if e < 0:
            nodes.append(k)
            continue
        edge = network.edges[e]
        if k == 0 or k == edge.lonlats.shape[0] - 1:
            nodes.append(edge.u if k == 0 else edge.v)
            continue
        existing = [n for kk, n in cuts.get(e, []) if kk == k]
        if existing:
            nodes.append(existing[0])
            continue
        node = len(network.nodes) + len(extra)
        extra.append(CorridorNode(float(edge.lonlats[k, 0]), float(edge.lonlats[k, 1]), None))
        cuts.setdefault(e, []).append((k, node))
        nodes.append(node)
    return _View(network, cuts, extra), [_same_place(network, node) for node in nodes], snaps


def _search(view: _View, sources: Sequence[int], targets: Sequence[int],
            settings: SearchSettings, penalty: dict[int, float]
            ) -> tuple[int, list[_Move], float]:
    """Edge-based A* from any of ``sources`` (one place) to any of ``targets`` (one place);
    returns the source used, the moves (:data:`_Move`) and the cost.

    The estimate is the geodesic distance to the first target less :data:`SAME_PLACE_KM`:
    no edge weighs less than its length and no length is shorter than the geodesic, so the
    first path found is the cheapest.
    """
    target = targets[0]
    _, _, to_target_m = view.network.geod.inv(view.lonlats[:, 0], view.lonlats[:, 1],
                                 np.full(len(view.nodes), view.lonlats[target, 0]),
                                 np.full(len(view.nodes), view.lonlats[target, 1]))
    # Shaved by 0.1 %: the segments' own geodesics can be a hair shorter than rounding allows.
    estimate = np.maximum(np.asarray(to_target_m) / 1000.0 * 0.999
                          - (SAME_PLACE_KM if len(targets) > 1 else 0.0), 0.0).tolist()
    best: dict[Any, float] = {}
    previous: dict[Any, Any] = {}
    counter = itertools.count()
    heap: list[Any] = []
    for source in sources:
        best[(source, None, -1)] = 0.0
        heap.append((estimate[source], next(counter), 0.0, (source, None, -1)))
    min_angle = settings.min_turn_angle_deg
    while heap:
        _, _, cost, state = heapq.heappop(heap)
        if cost > best.get(state, math.inf):
            continue
        node, gauge, came_by = state
        if node in targets:
            edges, first = _unwind(previous, state)
            return first[0], edges, cost
        came = view.edges[came_by] if came_by >= 0 else None
        for e in view.out(node):
            edge = view.edges[e]
            if e == came_by or not _allowed(edge, settings):
                continue
            if came is not None and came.mode == SEA and edge.mode == SEA:
                continue  # a ship sails from port to port: no calls on the way
            reverses = (came is not None and came.mode == RAIL and edge.mode == RAIL
                        and view.junction(node) and (came.line is None or came.line != edge.line)
                        and _angle_deg(view.bearing(came_by, node), view.bearing(e, node))
                        < min_angle)
            if reverses and view.nodes[node].name is None:
                continue  # a switch on the open line: no train reverses there
            forward = edge.u == node
            new_gauge = _gauge_after(edge, forward, gauge)
            if new_gauge is False:
                continue
            nxt = edge.v if forward else edge.u
            weight = _weight(edge, settings) * penalty.get(view.origin[e], 1.0)
            if reverses:
                weight += settings.transfer_km
            new_state = (nxt, new_gauge, e)
            new_cost = cost + weight
            if new_cost < best.get(new_state, math.inf):
                best[new_state] = new_cost
                previous[new_state] = (state, e, gauge, new_gauge, reverses)
                heapq.heappush(heap, (new_cost + estimate[nxt], next(counter), new_cost,
                                      new_state))
    raise NoRouteError("no route")


def _angle_deg(a: float, b: float) -> float:
    """Smallest angle between two azimuths, degrees (0..180)."""
    diff = abs(a - b) % 360.0
    return min(diff, 360.0 - diff)


def _gauge_after(edge: CorridorEdge, forward: bool, gauge: int | None) -> Any:
    """The train's gauge after the edge, or False when the edge is closed to it."""
    if edge.mode == RAIL:
        if edge.gauge_mm is None:
            return gauge
        return edge.gauge_mm if gauge in (None, edge.gauge_mm) else False
    if edge.gauges is not None:
        before, after = edge.gauges if forward else edge.gauges[::-1]
        return after if gauge in (None, before) else False
    if edge.mode == TRANSFER or edge.mode == SEA:
        return None  # loaded onto a ship, or off it: the next train starts afresh
    return gauge


#: One move of a search: the edge taken, the train's gauge before and after it, and whether
#: the train reversed in a station to take it.
_Move = tuple[int, int | None, int | None, bool]

#: The ``origin`` of a step that is no edge of the network (a reversal in a station).
NO_EDGE = -1


def _unwind(previous: dict[Any, Any], state: Any) -> tuple[list[_Move], Any]:
    """The moves that led to ``state`` and the start state they left from."""
    out = []
    while state in previous:
        state, e, before, after, reverses = previous[state]
        out.append((e, before, after, reverses))
    return out[::-1], state


def _reversal(view: _View, node: int) -> Step:
    """The transfer of a train that reverses in the station at ``node``: no length, no track."""
    station = view.nodes[node]
    here = np.array([(station.lon, station.lat)] * 2, dtype=float)
    edge = CorridorEdge(u=node, v=node, mode=TRANSFER, lonlats=here, segment_km=np.zeros(1),
                        segment_countries=("",), kind="reversal", place=station.name)
    return Step(edge=edge, origin=NO_EDGE, start_node=station, end_node=station, forward=True)


def _steps(view: _View, source: int, edges: list[_Move]) -> tuple[tuple[Step, ...], int]:
    """The steps of the moves from ``source`` (a reversal is a step of its own), and the node
    they end at."""
    steps = []
    node = source
    for e, before, after, reverses in edges:
        if reverses:
            steps.append(_reversal(view, node))
        edge = view.edges[e]
        forward = edge.u == node
        nxt = edge.v if forward else edge.u
        steps.append(Step(
            edge=edge, origin=view.origin[e], start_node=view.nodes[node], end_node=view.nodes[nxt],
            forward=forward, gauge_from=before if edge.gauges else None,
            gauge_to=after if edge.gauges else None,
        ))
        node = nxt
    return tuple(steps), node


def find_paths(
    network: CorridorNetwork,
    points: Sequence[tuple[float, float]],
    labels: Sequence[str],
    settings: SearchSettings = DEFAULT_SEARCH,
    alternatives: int = 1,
    *,
    penalty_factor: float = 2.0,
    max_shared: float = 0.8,
    min_different_km: float = 20.0,
) -> list[Path]:
    """The best path through ``points`` (start, vias, end) and up to ``alternatives - 1`` others.

    Parameters
    ----------
    network : CorridorNetwork
    points : sequence of (lon, lat)
        Start, any via points, end.
    labels : sequence of str
        Names of the points for messages.
    settings : SearchSettings
    alternatives : int
        How many routes to return at most (1: the best only).
    penalty_factor : float
        Each search multiplies the cost of the edges of the routes already found by this.
    max_shared, min_different_km : float
        A route is kept only if it shares at most ``max_shared`` of its length with each kept
        route and has at least ``min_different_km`` that they do not.

    Returns
    -------
    list of Path
        Best (lowest cost without penalties) first.

    Raises
    ------
    SnapError, NoRouteError
    InputError
        When every point is one point (no route to find).
    """
    distinct_ends([(float(lon), float(lat)) for lon, lat in points], labels, vias=True)
    view, nodes, snaps = _place_points(network, points, labels, settings)
    kept: list[Path] = []
    penalty: dict[int, float] = {}
    # Each round penalises what was found; a few rounds past K find what differs, if anything.
    for _ in range(max(1, alternatives) + 2):
        try:
            path = _one_path(view, nodes, labels, settings, penalty, snaps)
        except NoRouteError:
            if not kept:
                raise
            break
        if all(_differs(path, other, max_shared, min_different_km) for other in kept):
            kept.append(path)
        if len(kept) >= alternatives:
            break
        for e in path.edge_km:
            penalty[e] = penalty.get(e, 1.0) * penalty_factor
    return sorted(kept, key=lambda path: path.cost)


def _one_path(view: _View, nodes: list[tuple[int, ...]], labels: Sequence[str],
              settings: SearchSettings, penalty: dict[int, float], snaps: list[float]) -> Path:
    steps: list[Step] = []
    cost = 0.0
    reached: int | None = None
    for (a, b), (label_a, label_b) in zip(itertools.pairwise(nodes),
                                          itertools.pairwise(labels), strict=True):
        # A via is left from the node reached (a change of mode there is a transfer).
        a = a if reached is None else (reached,)
        if set(a) & set(b):
            continue
        try:
            source, edges, _ = _search(view, a, b, settings, penalty)
        except NoRouteError:
            raise NoRouteError(
                f"no corridor route from {label_a} to {label_b} with these restrictions; fix: "
                "allow more statuses (status=), avoid less (avoid=), or give OSM extracts "
                "(osm_file=) that connect them",
                reason="no route under these restrictions",
                options=("status", "avoid", "osm_file"),
            ) from None
        leg_steps, reached = _steps(view, source, edges)
        steps.extend(leg_steps)
        cost += sum(_weight(step.edge, settings) for step in leg_steps)
    edge_km: dict[int, float] = {}
    for step in steps:
        if step.origin == NO_EDGE:
            continue
        edge_km[step.origin] = edge_km.get(step.origin, 0.0) + float(step.segment_km.sum())
    return Path(tuple(steps), cost, snaps[0], snaps[-1], edge_km)


#: Parts of two routes closer than this run the same way (the other track of a double-track
#: line, a parallel way of a yard), kilometres.
SAME_WAY_KM = 1.0


def shared_km(path: Path, other: Path, within_km: float = SAME_WAY_KM) -> float:
    """Length of ``path`` whose segments' midpoints lie within ``within_km`` of ``other``.

    Measured on the ground, not by edge identity: two tracks of one line, or a detour of a
    few hundred metres, are the same way.
    """
    if not path.steps or not other.steps:
        return 0.0
    coords = [step.lonlats for step in path.steps]
    km = np.concatenate([step.segment_km for step in path.steps])
    mids = np.concatenate([(c[:-1] + c[1:]) / 2.0 for c in coords])
    scale = float(np.cos(np.radians(np.mean(mids[:, 1]))))
    ends = np.concatenate([np.stack([c[:-1], c[1:]], axis=1) for c in
                           (step.lonlats for step in other.steps) if c.shape[0] >= 2])
    segments = shapely.linestrings(ends * (scale, 1.0))
    found, _ = shapely.STRtree(segments).query(
        shapely.points(mids[:, 0] * scale, mids[:, 1]), predicate="dwithin",
        distance=within_km / 111.0)
    return float(km[np.unique(found)].sum())


def _differs(path: Path, other: Path, max_shared: float, min_different_km: float) -> bool:
    shared = shared_km(path, other)
    length = max(path.length_km, 1e-9)
    return shared / length <= max_shared and length - shared >= min_different_km
