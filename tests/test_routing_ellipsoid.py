"""``Settings.ellps`` reaches sea and corridor routing: every length is the geodesic on it.

Each route is checked against geographiclib's own geodesics on the named ellipsoid (pyproj's
parameters, an independent implementation of the measure); the default stays WGS84, which the
published-figure tests of test_sea_routing and test_corridor_cli hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pyproj
import pytest
from caspian.geo.routing.corridorsearch import Path as CorridorPath
from caspian.geo.settings import Settings
from caspian.layers.routing.corridor import load_corridor_network
from caspian.layers.routing.modes import route
from caspian.layers.routing.sea import (
    DamagedCacheError,
    basins,
    read_graph_file,
    sea_distance_matrix_m,
    sea_route,
    sea_router,
    sea_router_info,
)
from geographiclib.geodesic import Geodesic
from sea_reference import CASPIAN_PORTS

AKTAU, BAKU = CASPIAN_PORTS["aktau"], CASPIAN_PORTS["baku"]
CLARKE = Settings(ellps="clrk66")


def geodesic_of(ellps: str) -> Geodesic:
    """geographiclib's geodesic on pyproj's ellipsoid ``ellps``."""
    params = pyproj.get_ellps_map()[ellps]
    a = params["a"]
    flattening = 1.0 / params["rf"] if "rf" in params else (a - params["b"]) / a
    return Geodesic(a, flattening)


def line_km(geodesic: Geodesic, lonlats: Iterable[Sequence[float]]) -> float:
    return sum(geodesic.Inverse(lat1, lon1, lat2, lon2)["s12"]
               for (lon1, lat1), (lon2, lat2) in itertools.pairwise(lonlats)) / 1000.0


@pytest.mark.parametrize("ellps", ["WGS84", "GRS80", "clrk66"])
def test_a_sea_route_is_its_path_measured_on_the_settings_ellipsoid(ellps: str) -> None:
    settings = Settings(ellps=ellps)
    found = route(AKTAU, BAKU, "sea", geo_settings=settings)
    on_ellipsoid = geodesic_of(ellps)
    assert found.length_km == pytest.approx(line_km(on_ellipsoid, found.geometry.coords),
                                            abs=1e-6)
    # the water end is rounded to 1e-6 degrees in the details: 0.1 m
    water = found.details["start_water_lonlat"]
    assert found.start_snap_km == pytest.approx(line_km(on_ellipsoid, [AKTAU, water]), abs=2e-4)
    matrix_m = sea_distance_matrix_m([AKTAU[0], BAKU[0]], [AKTAU[1], BAKU[1]], settings)
    assert matrix_m[0, 1] == pytest.approx(found.length_km * 1000.0, abs=1e-6)


def test_clarke_1866_shortens_the_aktau_baku_sea_route_by_what_its_geodesics_say() -> None:
    default = sea_route(AKTAU, BAKU)
    clarke = sea_route(AKTAU, BAKU, CLARKE)
    assert clarke.details["bends"] == default.details["bends"]  # the same path
    vertices = default.geometry.coords
    expected_km = line_km(geodesic_of("clrk66"), vertices) - line_km(geodesic_of("WGS84"), vertices)
    assert clarke.length_km - default.length_km == pytest.approx(expected_km, abs=1e-6)
    # 430.5 km mostly north-south: Clarke's meridian is the shorter, by 4.05 m here
    assert clarke.length_km - default.length_km == pytest.approx(-0.00405, abs=5e-5)


def test_each_ellipsoid_has_its_own_cached_sea_graph() -> None:
    wgs84_file = Path(sea_router_info().cache_files["caspian"])
    clarke_file = Path(sea_router_info(CLARKE).cache_files["caspian"])
    assert clarke_file != wgs84_file and clarke_file.parent == wgs84_file.parent
    definitions, clearance_m = basins()
    caspian = next(basin for basin in definitions if basin.id == "caspian")
    graph, _ = read_graph_file(clarke_file, caspian, clearance_m, CLARKE)
    default_graph = sea_router().graphs[0]
    np.testing.assert_array_equal(graph.edges, default_graph.edges)
    assert not np.array_equal(graph.edge_lengths_m, default_graph.edge_lengths_m)
    with pytest.raises(DamagedCacheError, match="measured on 'clrk66', not 'WGS84'"):
        read_graph_file(clarke_file, caspian, clearance_m)


@pytest.fixture(scope="module")
def corridor_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorridorPath]:
    """Aktau to Kars over the corridor network on WGS84 (the default) and on Clarke 1866."""
    folder = tmp_path_factory.mktemp("corridor")
    return {
        name: load_corridor_network(folder=folder, geo_settings=settings)
        .route("Aktau", "Kars").paths[0]
        for name, settings in (("WGS84", None), ("clrk66", CLARKE))
    }


def _path_km(geodesic: Geodesic, path: CorridorPath) -> float:
    return sum(line_km(geodesic, step.lonlats) for step in path.steps)


@pytest.mark.parametrize("ellps", ["WGS84", "clrk66"])
def test_a_corridor_route_is_its_steps_measured_on_the_settings_ellipsoid(
    ellps: str, corridor_paths: dict[str, CorridorPath]
) -> None:
    path = corridor_paths[ellps]
    assert [step.edge.mode for step in path.steps] == [
        "sea", "transfer", "rail", "rail", "rail", "transfer", "rail"]
    assert path.length_km == pytest.approx(_path_km(geodesic_of(ellps), path), abs=1e-5)


def test_clarke_1866_lengthens_aktau_kars_by_what_its_geodesics_say(
    corridor_paths: dict[str, CorridorPath]
) -> None:
    default, clarke = corridor_paths["WGS84"], corridor_paths["clrk66"]
    expected_km = (_path_km(geodesic_of("clrk66"), default)
                   - _path_km(geodesic_of("WGS84"), default))
    assert clarke.length_km - default.length_km == pytest.approx(expected_km, abs=1e-5)
    # 1,205.4 km, most of it east-west track: Clarke's equator is the larger, by 6 m here
    assert clarke.length_km - default.length_km == pytest.approx(0.00596, abs=5e-5)


def test_the_corridor_network_of_another_ellipsoid_is_cached_apart(tmp_path: Path) -> None:
    plain = load_corridor_network(folder=tmp_path)
    clarke = load_corridor_network(folder=tmp_path, geo_settings=CLARKE)
    again = load_corridor_network(folder=tmp_path, geo_settings=CLARKE)
    assert clarke.cache_file != plain.cache_file and not clarke.from_cache and again.from_cache
    assert again.network.meta["ellps"] == "clrk66"
    # the cache keeps each segment to the millimetre
    assert again.route("Aktau", "Kars").paths[0].length_km == pytest.approx(
        clarke.route("Aktau", "Kars").paths[0].length_km, abs=1e-4)
