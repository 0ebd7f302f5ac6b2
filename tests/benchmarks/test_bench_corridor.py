"""The corridor network (``caspian route --mode corridor``): build, warm query, repeated CLI.

Run with ``make bench``. Every figure has a baseline measured in the same run:

* build: :func:`caspian.layers.routing.corridor.build_network` from the catalog (the sea router's
  graphs already loaded) against a plain networkx graph of every segment of the same lines
  (:func:`caspian.geo.routing.railgraph.build_rail_network`); with the Georgian OpenStreetMap export
  added, against osmnx's ``graph_from_xml`` of that export;
* warm query: ``network.route("Aktau", "Kars")`` (names resolved, turn- and gauge-aware
  search, summary) against ``networkx.dijkstra_path`` between the same two nodes of a graph of
  the same edges;
* repeated CLI query: ``caspian route Tbilisi Batumi --mode corridor --osm-file
  georgia_rail.osm.pbf`` (the network read from the disk cache) against the same route with
  ``--mode rail``, which re-reads the extract through osmnx on every call; and ``caspian route
  Aktau Kars --mode corridor --alternatives 2`` over the catalog.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from timing_report import best_time, report_times

ROUNDS = 3
_TIMES: dict[str, float] = {}
GEORGIA_PBF = Path(__file__).resolve().parents[1] / "data" / "georgia_rail.osm.pbf"


def _best(name: str, benchmark: Any, function: Callable[[], Any], rounds: int = ROUNDS) -> Any:
    return best_time(_TIMES, name, benchmark, function, rounds)


@pytest.fixture(scope="module")
def warm_sea_router() -> None:
    from caspian.layers.routing.sea import sea_router

    sea_router()


@pytest.fixture(scope="module")
def loaded(warm_sea_router: None) -> Any:
    from caspian.layers.routing.corridor import load_corridor_network

    return load_corridor_network()


def test_bench_build_networkx_segments_baseline(benchmark: Any, warm_sea_router) -> None:
    import numpy as np
    import shapely
    from caspian.geo.routing.railgraph import build_rail_network
    from caspian.layers.routing.corridor_lines import catalog_lines

    records = catalog_lines().records
    lines = [shapely.LineString(record["lonlats"]) for record in records]
    network = _best("build_networkx_baseline", benchmark,
                    lambda: build_rail_network(lines, np.arange(len(lines)),
                                               [r["status"] or "unknown" for r in records]))
    assert network.graph.number_of_edges() > 5000


def test_bench_build_corridor_network(benchmark: Any, warm_sea_router) -> None:
    from caspian.layers.routing.corridor import build_network

    network, _ = _best("build_corridor", benchmark, build_network)
    assert {edge.kind for edge in network.edges if edge.mode == "transfer"} == {"port", "gauge"}


def test_bench_build_with_georgia_osmnx_baseline(benchmark: Any, tmp_path_factory) -> None:
    import osmium
    import osmnx as ox

    xml = tmp_path_factory.mktemp("georgia") / "georgia_rail.osm"
    with osmium.SimpleWriter(str(xml), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(GEORGIA_PBF)):
            writer.add(obj)
    graph = _best("georgia_osmnx_graph_from_xml", benchmark,
                  lambda: ox.graph_from_xml(xml, simplify=False, retain_all=True))
    assert len(graph) > 15_000


def test_bench_build_with_georgia(benchmark: Any, warm_sea_router) -> None:
    from caspian.layers.routing.corridor import build_network

    network, _ = _best("build_corridor_georgia", benchmark,
                       lambda: build_network([GEORGIA_PBF]), rounds=2)
    assert sum(edge.feature.startswith("osm way") for edge in network.edges
               if edge.feature) > 1000


def test_bench_load_from_cache(benchmark: Any, loaded) -> None:
    from caspian.layers.routing.corridor import load_corridor_network

    again = _best("load_from_cache", benchmark, load_corridor_network, rounds=5)
    assert again.from_cache


def _node_graph(loaded: Any) -> tuple[Any, int, int]:
    import networkx as nx

    graph = nx.MultiGraph()
    for e, edge in enumerate(loaded.network.edges):
        graph.add_edge(edge.u, edge.v, key=e, weight=edge.length_km)
    answer = loaded.route("Aktau", "Kars")
    steps = answer.paths[0].steps
    nodes = {(n.lon, n.lat): i for i, n in enumerate(loaded.network.nodes)}
    return (graph, nodes[(steps[0].start_node.lon, steps[0].start_node.lat)],
            nodes[(steps[-1].end_node.lon, steps[-1].end_node.lat)])


def test_bench_query_networkx_dijkstra_baseline(benchmark: Any, loaded) -> None:
    import networkx as nx

    graph, source, target = _node_graph(loaded)
    nodes = _best("networkx_dijkstra", benchmark,
                  lambda: nx.dijkstra_path(graph, source, target, weight="weight"), rounds=20)
    assert len(nodes) >= 3


def test_bench_query_corridor_route(benchmark: Any, loaded) -> None:
    answer = _best("corridor_query", benchmark, lambda: loaded.route("Aktau", "Kars"),
                   rounds=20)
    assert [t["kind"] for t in answer.routes[0]["transfers"]] == ["port", "gauge"]


def test_bench_query_corridor_two_alternatives(benchmark: Any, loaded) -> None:
    answer = _best("corridor_query_k2", benchmark,
                   lambda: loaded.route("Aktau", "Kars", alternatives=2), rounds=10)
    assert len(answer.routes) == 2


def _cli(*argv: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "caspian.maps", *argv], capture_output=True,
                          text=True, env=os.environ.copy(), check=False)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started


def test_bench_cli_rail_mode_baseline(benchmark: Any) -> None:
    _best("cli_rail_tbilisi_batumi", benchmark,
          lambda: _cli("route", "44.7995883,41.721053", "41.6776779,41.6584901", "--mode",
                       "rail", "--osm-file", str(GEORGIA_PBF)))


def test_bench_cli_corridor_repeated(benchmark: Any, warm_sea_router) -> None:
    _cli("route", "Tbilisi", "Batumi", "--mode", "corridor", "--osm-file", str(GEORGIA_PBF))
    _best("cli_corridor_tbilisi_batumi", benchmark,
          lambda: _cli("route", "Tbilisi", "Batumi", "--mode", "corridor", "--osm-file",
                       str(GEORGIA_PBF)))


def test_bench_cli_corridor_aktau_kars(benchmark: Any, loaded) -> None:
    _best("cli_corridor_aktau_kars_k2", benchmark,
          lambda: _cli("route", "Aktau", "Kars", "--mode", "corridor", "--alternatives", "2"))


def test_bench_cli_python_startup_baseline(benchmark: Any) -> None:
    _best("cli_version", benchmark, lambda: _cli("--version"))


def test_bench_report_ratios(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Print this run's times and ratios (needs the benchmarks above to have run first)."""
    benchmark(lambda: None)
    pairs = {
        "build_over_networkx_segments": ("build_corridor", "build_networkx_baseline"),
        "build_georgia_over_osmnx": ("build_corridor_georgia", "georgia_osmnx_graph_from_xml"),
        "query_over_networkx_dijkstra": ("corridor_query", "networkx_dijkstra"),
        "cli_corridor_over_cli_rail": ("cli_corridor_tbilisi_batumi", "cli_rail_tbilisi_batumi"),
        "cli_aktau_kars_over_cli_version": ("cli_corridor_aktau_kars_k2", "cli_version"),
    }
    ratios = {name: _TIMES[a] / _TIMES[b] for name, (a, b) in pairs.items()
              if a in _TIMES and b in _TIMES}
    report_times(benchmark, capsys, "corridor", dict(_TIMES), ratios)
