"""An independent reference for sea routes: the exact shortest path in the un-eroded water.

The router works in water eroded by its clearance (100 m) and tests visibility with a fast
trimmed-segment predicate; this reference keeps the Natural Earth coast exactly as it is (no
clearance), tests every segment with ``shapely.covers`` on the water polygon itself, attaches
the end points to *every* reflex vertex they see (no tangent pruning) and runs networkx's
Dijkstra. Its length between two water points is the true shortest water path on that coast
(shortest paths bend only at reflex vertices), so the router can never beat it and must stay
within 1 % of it. Slow (seconds per basin), so tests build it once per session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
from caspian.geo.geodesy import GEOD
from caspian.geo.routing.seagraph import (
    SeaGraph,
    _tangent_pairs,
    basin_water,
    gnomonic,
    reflex_vertices,
    to_lonlat,
    to_plane,
)

#: The six Caspian ports of the issue; Baku and Sumgayit are not catalog points, their
#: coordinates are the city points of /work/shared/reference/facts.md (Sumgayit) and of the
#: Simple English Wikipedia article "Baku" (40.39528 N, 49.88222 E), both town points.
CASPIAN_PORTS: dict[str, tuple[float, float]] = {
    "aktau": (51.15, 43.65),
    "kuryk": (51.65, 43.2),
    "alat": (49.407, 39.948),
    "baku": (49.88222, 40.39528),
    "turkmenbashi": (53.03, 40.0),
    "sumgayit": (49.6686, 40.5897),
}

#: Black Sea ends (facts.md): Poti, Anaklia (Georgia) and Constanța (Romania).
BLACK_SEA_PORTS: dict[str, tuple[float, float]] = {
    "poti": (41.6544, 42.1550),
    "anaklia": (41.5692, 42.3936),
    "constanta": (28.6383, 44.1733),
}


@dataclass
class ReferenceGraph:
    """The exact visibility graph of one basin's water, no clearance."""

    transformer: Any
    water_xy: Any
    vertices_xy: np.ndarray
    vertices_lonlat: np.ndarray
    graph: nx.Graph


def reference_graph(land: Any, extent: Any, seed: tuple[float, float], like: SeaGraph) -> Any:
    """Build the reference graph in the same projection as the router's graph ``like``."""
    water = basin_water(land, extent, seed)
    transformer = gnomonic(like.centre_lonlat)
    water_xy = shapely.orient_polygons(
        shapely.transform(water, lambda xy: to_plane(transformer, xy))
    )
    vertices, previous, following, _ = reflex_vertices(water_xy)
    pairs = _tangent_pairs(vertices, previous, following)
    shapely.prepare(water_xy)
    lines = shapely.linestrings(np.stack([vertices[pairs[:, 0]], vertices[pairs[:, 1]]], axis=1))
    pairs = pairs[shapely.covers(water_xy, lines)]
    lonlats = to_lonlat(transformer, vertices)
    _, _, lengths = GEOD.inv(
        lonlats[pairs[:, 0], 0], lonlats[pairs[:, 0], 1],
        lonlats[pairs[:, 1], 0], lonlats[pairs[:, 1], 1],
    )
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), np.asarray(lengths).tolist(), strict=True)
    )
    return ReferenceGraph(transformer, water_xy, vertices, lonlats, graph)


def reference_length_km(
    reference: ReferenceGraph, start_lonlat: tuple[float, float], end_lonlat: tuple[float, float]
) -> float:
    """Exact shortest water path between two points of the water, km."""
    graph = reference.graph.copy()
    ends = to_plane(reference.transformer, [start_lonlat, end_lonlat])
    for name, xy, lonlat in zip(("start", "end"), ends, (start_lonlat, end_lonlat), strict=True):
        lines = shapely.linestrings(
            np.stack([np.broadcast_to(xy, reference.vertices_xy.shape), reference.vertices_xy], 1)
        )
        seen = np.flatnonzero(shapely.covers(reference.water_xy, lines))
        _, _, lengths = GEOD.inv(
            np.full(seen.size, lonlat[0]), np.full(seen.size, lonlat[1]),
            reference.vertices_lonlat[seen, 0], reference.vertices_lonlat[seen, 1],
        )
        graph.add_weighted_edges_from(
            (name, int(v), float(w)) for v, w in zip(seen, lengths, strict=True)
        )
    if shapely.covers(reference.water_xy, shapely.LineString(ends)):
        _, _, direct = GEOD.inv(start_lonlat[0], start_lonlat[1], end_lonlat[0], end_lonlat[1])
        graph.add_edge("start", "end", weight=float(direct))
    return float(nx.dijkstra_path_length(graph, "start", "end")) / 1000.0


def land_km(geometry: Any, index: Any) -> float:
    """Length of ``geometry`` inside any country polygon (densified like the metrics), km."""
    from caspian.geo.countries import SEA, split_by_country

    split = split_by_country([geometry], index).by_country_km[0]
    return float(sum(value for key, value in split.items() if key != SEA))
