"""Rail routing on a national-size network: graph load time and route query time.

Run with ``make bench``. Two networks: a synthetic one (see ``synthetic_rail.py``: 16,000 km of
line, 80,000 nodes, 1,664 ways, as OSM XML and as the .osm.pbf pyosmium makes of it), and a real
one, Georgia's railways from OpenStreetMap (``tests/data/georgia_rail.osm.pbf``, 1,798 ways,
routed Tbilisi Central–Batumi-Central). Every figure is a ratio against a baseline measured in
the same run on the same file or graph:

* load: ``caspian.layers.routing.rail.load_rail`` (osmnx ``features_from_xml``, status per
  way, our geodesic graph and its gap edges) against osmnx's own ``graph_from_xml``;
* query: ``route_on`` (snapping, Dijkstra, gaps, lengths by status, way ids) against plain
  ``networkx.dijkstra_path`` between the same two nodes of the same graph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synthetic_rail import SyntheticRail, write_synthetic_rail
from timing_report import best_time, report_times

ROUNDS = 3
_TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def network_file(tmp_path_factory: pytest.TempPathFactory) -> SyntheticRail:
    return write_synthetic_rail(tmp_path_factory.mktemp("rail") / "national.osm")


@pytest.fixture(scope="module")
def pbf_file(network_file: SyntheticRail) -> Path:
    import osmium

    target = network_file.path.with_suffix(".osm.pbf")
    with osmium.SimpleWriter(str(target), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(network_file.path)):
            writer.add(obj)
    return target


@pytest.fixture(scope="module")
def loaded(network_file: SyntheticRail) -> Any:
    from caspian.layers.routing.rail import load_rail

    return load_rail(network_file.path)


def _best(name: str, benchmark: Any, function: Callable[[], Any], rounds: int = ROUNDS) -> Any:
    return best_time(_TIMES, name, benchmark, function, rounds)


def test_bench_load_osmnx_graph_from_xml_baseline(benchmark: Any, network_file) -> None:
    import osmnx as ox

    graph = _best(
        "osmnx_graph_from_xml", benchmark,
        lambda: ox.graph_from_xml(network_file.path, simplify=False, retain_all=True),
    )
    assert len(graph) == network_file.n_nodes


def test_bench_load_rail_from_xml(benchmark: Any, network_file) -> None:
    from caspian.layers.routing.rail import load_rail

    loaded = _best("load_rail_xml", benchmark, lambda: load_rail(network_file.path))
    assert loaded.network.graph.number_of_nodes() == network_file.n_nodes
    assert loaded.network.track_length_km == pytest.approx(network_file.line_km, rel=0.01)


def test_bench_load_rail_from_pbf(benchmark: Any, network_file, pbf_file) -> None:
    from caspian.layers.routing.rail import load_rail

    loaded = _best("load_rail_pbf", benchmark, lambda: load_rail(pbf_file))
    assert loaded.network.graph.number_of_nodes() == network_file.n_nodes


def _end_nodes(loaded: Any, network_file: SyntheticRail) -> tuple[int, int]:
    from caspian.geo.routing.railgraph import nearest_node

    start, end = network_file.far_ends
    return nearest_node(loaded.network, *start)[0], nearest_node(loaded.network, *end)[0]


def test_bench_query_plain_networkx_dijkstra_baseline(benchmark, loaded, network_file) -> None:
    import networkx as nx

    source, target = _end_nodes(loaded, network_file)
    nodes = _best(
        "networkx_dijkstra", benchmark,
        lambda: nx.dijkstra_path(loaded.network.graph, source, target, weight="weight"),
        rounds=5,
    )
    assert len(nodes) > 1000


def test_bench_query_route_on(benchmark, loaded, network_file) -> None:
    from caspian.layers.routing.rail import route_on

    route = _best("route_query", benchmark, lambda: route_on(loaded, *network_file.far_ends),
                  rounds=5)
    assert route.gaps == ()
    assert route.length_km > 500


def test_bench_query_route_across_a_gap(benchmark, loaded, network_file) -> None:
    from caspian.layers.routing.rail import route_on

    start = network_file.far_ends[0]
    route = _best(
        "route_query_gap", benchmark,
        lambda: route_on(loaded, start, network_file.detached_end), rounds=5,
    )
    assert len(route.gaps) == 1
    assert route.gaps[0].length_km < 5


# A real national network: Georgia's railways from OpenStreetMap (tests/data/georgia_rail.md),
# 1,798 ways and 15,721 nodes, routed from the Tbilisi Central station node to Batumi-Central.
GEORGIA_PBF = Path(__file__).resolve().parents[1] / "data" / "georgia_rail.osm.pbf"
TBILISI_CENTRAL, BATUMI_CENTRAL = (44.7995883, 41.721053), (41.6776779, 41.6584901)


@pytest.fixture(scope="module")
def georgia_xml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import osmium

    target = tmp_path_factory.mktemp("georgia") / "georgia_rail.osm"
    with osmium.SimpleWriter(str(target), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(GEORGIA_PBF)):
            writer.add(obj)
    return target


@pytest.fixture(scope="module")
def georgia(georgia_xml: Path) -> Any:
    from caspian.layers.routing.rail import load_rail

    return load_rail(georgia_xml)


def test_bench_georgia_load_osmnx_graph_from_xml_baseline(benchmark: Any, georgia_xml) -> None:
    import osmnx as ox

    graph = _best(
        "georgia_osmnx_graph_from_xml", benchmark,
        lambda: ox.graph_from_xml(georgia_xml, simplify=False, retain_all=True),
    )
    assert len(graph) > 15_000


def test_bench_georgia_load_rail_from_xml(benchmark: Any, georgia_xml) -> None:
    from caspian.layers.routing.rail import load_rail

    loaded = _best("georgia_load_rail_xml", benchmark, lambda: load_rail(georgia_xml))
    assert loaded.network.graph.number_of_nodes() > 15_000


def test_bench_georgia_load_rail_from_pbf(benchmark: Any) -> None:
    from caspian.layers.routing.rail import load_rail

    loaded = _best("georgia_load_rail_pbf", benchmark, lambda: load_rail(GEORGIA_PBF))
    assert loaded.network.graph.number_of_nodes() > 15_000


def test_bench_georgia_networkx_dijkstra_baseline(benchmark: Any, georgia) -> None:
    import networkx as nx
    from caspian.geo.routing.railgraph import nearest_node

    source = nearest_node(georgia.network, *TBILISI_CENTRAL)[0]
    target = nearest_node(georgia.network, *BATUMI_CENTRAL)[0]
    nodes = _best(
        "georgia_networkx_dijkstra", benchmark,
        lambda: nx.dijkstra_path(georgia.network.graph, source, target, weight="weight"),
        rounds=5,
    )
    assert len(nodes) > 2000


def test_bench_georgia_route_tbilisi_batumi(benchmark: Any, georgia) -> None:
    from caspian.layers.routing.rail import route_on

    route = _best("georgia_route_query", benchmark,
                  lambda: route_on(georgia, TBILISI_CENTRAL, BATUMI_CENTRAL), rounds=5)
    assert route.gaps == ()
    assert route.length_km == pytest.approx(341.0, abs=1.0)


def test_bench_report_ratios(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Print this run's times and ratios (needs the benchmarks above to have run first)."""
    benchmark(lambda: None)
    pairs = {
        "load_xml_over_osmnx_graph_from_xml": ("load_rail_xml", "osmnx_graph_from_xml"),
        "load_pbf_over_osmnx_graph_from_xml": ("load_rail_pbf", "osmnx_graph_from_xml"),
        "route_query_over_networkx_dijkstra": ("route_query", "networkx_dijkstra"),
        "gap_query_over_networkx_dijkstra": ("route_query_gap", "networkx_dijkstra"),
        "georgia_load_xml_over_osmnx": ("georgia_load_rail_xml", "georgia_osmnx_graph_from_xml"),
        "georgia_load_pbf_over_osmnx": ("georgia_load_rail_pbf", "georgia_osmnx_graph_from_xml"),
        "georgia_route_over_networkx": ("georgia_route_query", "georgia_networkx_dijkstra"),
    }
    ratios = {
        name: _TIMES[ours] / _TIMES[base]
        for name, (ours, base) in pairs.items()
        if {ours, base} <= set(_TIMES)
    }
    report_times(benchmark, capsys, "rail bench", _TIMES, ratios)
    assert ratios, "run the whole module so the baselines are measured in the same run"
