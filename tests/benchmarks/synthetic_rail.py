"""A synthetic national-size rail network written as OSM XML, for the routing benchmarks.

No real extract can be fetched when ``make bench`` runs, so the network is generated: a tree of
curving lines (random walks of fixed step) that branch from one another, the size of
Kazakhstan's network (about 16,000 km of line; OSM maps it with roughly one node every
100–300 m, more in yards and sidings, which are left out here), cut into ways of 50 nodes as
OSM cuts lines at bridges and stations, with a share of the ways under construction or
proposed. The last lines start a few km from the network without touching it, so some routes
need a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

import numpy as np

STATUS_TAGS = {
    "operating": [("railway", "rail")],
    "construction": [("railway", "construction"), ("construction", "rail")],
    "proposed": [("railway", "proposed"), ("proposed", "rail")],
}


@dataclass(frozen=True)
class SyntheticRail:
    """What was written: the file and the facts the benchmark routes between."""

    path: Path
    n_nodes: int
    n_ways: int
    line_km: float
    far_ends: tuple[tuple[float, float], tuple[float, float]]
    detached_end: tuple[float, float]


def write_synthetic_rail(
    path: Path,
    n_lines: int = 64,
    line_km: float = 250.0,
    step_km: float = 0.2,
    n_detached: int = 3,
    seed: int = 16_000,
) -> SyntheticRail:
    """Write the network to ``path`` (OSM XML) and return what was written."""
    rng = np.random.default_rng(seed)
    steps = round(line_km / step_km)
    lines: list[np.ndarray] = []
    for index in range(n_lines):
        if index == 0:
            start = np.array([60.0, 47.0])
        else:
            parent = lines[int(rng.integers(0, index))]
            start = parent[int(rng.integers(steps // 4, steps))].copy()
            if index >= n_lines - n_detached:
                start = start + np.array([0.03, 0.02])  # about 3 km off: its own component
        heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, 0.04, steps))
        dlat = step_km * np.cos(heading) / 110.6
        dlon = step_km * np.sin(heading) / (111.3 * np.cos(np.radians(start[1])))
        walk = start + np.column_stack([np.cumsum(dlon), np.cumsum(dlat)])
        lines.append(np.vstack([start, walk]))
    return _write_xml(path, lines, rng, n_lines - n_detached, line_km)


def _write_xml(
    path: Path, lines: list[np.ndarray], rng: np.random.Generator, attached: int, line_km: float
) -> SyntheticRail:
    node_ids: dict[tuple[float, float], int] = {}
    nodes: list[str] = []
    ways: list[str] = []
    way_id = 1
    for line in lines:
        refs = []
        for lon, lat in np.round(line, 7):
            key = (float(lon), float(lat))
            if key not in node_ids:
                node_ids[key] = len(node_ids) + 1
                nodes.append(f'  <node id="{node_ids[key]}" lat="{lat:.7f}" lon="{lon:.7f}"/>')
            refs.append(node_ids[key])
        for first in range(0, len(refs) - 1, 49):
            chunk = refs[first:first + 50]
            status = str(rng.choice(list(STATUS_TAGS), p=[0.8, 0.15, 0.05]))
            tags = "".join(
                f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in STATUS_TAGS[status]
            )
            nds = "".join(f'<nd ref="{ref}"/>' for ref in chunk)
            ways.append(f'  <way id="{way_id}">{nds}{tags}</way>')
            way_id += 1
    text = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="caspian-gis '
         'synthetic benchmark network">', *nodes, *ways, "</osm>", ""]
    )
    path.write_text(text, encoding="utf-8")
    return SyntheticRail(
        path=path,
        n_nodes=len(node_ids),
        n_ways=way_id - 1,
        line_km=line_km * len(lines),
        far_ends=(tuple(lines[0][-1]), tuple(lines[attached - 1][-1])),
        detached_end=tuple(lines[-1][-1]),
    )
