"""Sea routes: in water, exact to 1 %, snapped honestly, cached, and clear about bad ends."""

from __future__ import annotations

import itertools
import json
from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from caspian.geo.geodesy import GEOD, geodesic_lengths_km
from caspian.geo.routing.seagraph import to_lonlat
from caspian.geo.routing.searouting import DifferentBasinsError, NotInBasinError
from caspian.layers.boundaries import country_index, load_boundaries
from caspian.layers.routing.sea import (
    basins,
    graph_key,
    load_sea_router,
    sea_crossings,
    sea_route,
    sea_router,
)
from cli_support import run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sea_reference import (
    BLACK_SEA_PORTS,
    CASPIAN_PORTS,
    land_km,
    reference_graph,
    reference_length_km,
)

CASPIAN_PAIRS = list(itertools.combinations(CASPIAN_PORTS, 2))
BLACK_SEA_PAIRS = [("poti", "constanta"), ("anaklia", "constanta")]


@pytest.fixture(scope="module")
def references() -> dict[str, object]:
    """The exact reference graph of each basin (seconds each; built once)."""
    land = np.asarray(load_boundaries().geometry.values, dtype=object)
    router = sea_router()
    definitions, _ = basins()
    return {
        basin.id: reference_graph(land, basin.extent, basin.seed_lonlat, graph)
        for basin, graph in zip(definitions, router.graphs, strict=True)
    }


def _water_ends(route) -> tuple[tuple[float, float], tuple[float, float]]:
    return tuple(route.details["start_water_lonlat"]), tuple(route.details["end_water_lonlat"])


@pytest.mark.parametrize(("start", "end"), CASPIAN_PAIRS)
def test_caspian_port_pair_is_routed_with_no_land(start: str, end: str) -> None:
    route = sea_route(CASPIAN_PORTS[start], CASPIAN_PORTS[end])
    assert route.details["basin"] == "caspian"
    assert route.length_km > 10
    assert land_km(route.geometry, country_index()) == 0.0


@pytest.mark.parametrize(("start", "end"), CASPIAN_PAIRS + BLACK_SEA_PAIRS)
def test_route_is_within_one_percent_of_the_exact_shortest_water_path(
    start: str, end: str, references
) -> None:
    ports = {**CASPIAN_PORTS, **BLACK_SEA_PORTS}
    route = sea_route(ports[start], ports[end])
    exact_km = reference_length_km(references[route.details["basin"]], *_water_ends(route))
    # details round the water ends to 1e-6 degrees (0.1 m): compare to the metre.
    assert exact_km - 0.001 <= route.length_km <= 1.01 * exact_km


@pytest.mark.parametrize(("start", "end"), BLACK_SEA_PAIRS)
def test_black_sea_pair_is_routed_with_no_land(start: str, end: str) -> None:
    route = sea_route(BLACK_SEA_PORTS[start], BLACK_SEA_PORTS[end])
    assert route.details["basin"] == "black_sea"
    assert land_km(route.geometry, country_index()) == 0.0


@pytest.mark.parametrize(("start", "end"), CASPIAN_PAIRS)
def test_route_ends_at_the_snapped_points_and_reports_the_snap(start: str, end: str) -> None:
    route = sea_route(CASPIAN_PORTS[start], CASPIAN_PORTS[end])
    coords = shapely.get_coordinates(route.geometry)
    for requested, water, drawn, snap_km in (
        (CASPIAN_PORTS[start], route.details["start_water_lonlat"], coords[0], route.start_snap_km),
        (CASPIAN_PORTS[end], route.details["end_water_lonlat"], coords[-1], route.end_snap_km),
    ):
        _, _, drawn_m = GEOD.inv(water[0], water[1], drawn[0], drawn[1])
        _, _, snap_m = GEOD.inv(requested[0], requested[1], drawn[0], drawn[1])
        assert drawn_m < 1.0
        assert snap_m / 1000 == pytest.approx(snap_km, abs=1e-3)
        assert snap_km < 4.0, "the ports lie 1–4 km inland of the Natural Earth coast"


def test_length_is_the_geodesic_length_of_the_drawn_line() -> None:
    route = sea_route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"])
    assert geodesic_lengths_km([route.geometry])[0] == pytest.approx(route.length_km, rel=1e-9)


def test_aktau_alat_sails_round_the_absheron_peninsula() -> None:
    route = sea_route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"])
    _, _, straight_m = GEOD.inv(*CASPIAN_PORTS["aktau"], *CASPIAN_PORTS["alat"])
    assert route.length_km > 1.05 * straight_m / 1000
    assert shapely.get_coordinates(route.geometry)[:, 0].max() > 50.3, "east of Absheron's tip"


def test_points_in_different_basins_are_a_clear_error() -> None:
    with pytest.raises(DifferentBasinsError, match=r"Black Sea.*Caspian Sea"):
        sea_route(BLACK_SEA_PORTS["poti"], CASPIAN_PORTS["alat"])


def test_a_point_in_no_basin_is_a_clear_error() -> None:
    with pytest.raises(NotInBasinError, match=r"30\.0000,50\.0000 .*Caspian Sea, Black Sea"):
        sea_route((30.0, 50.0), CASPIAN_PORTS["aktau"])


def test_route_cli_writes_the_sea_route_and_says_it_snapped(tmp_path, capsys) -> None:
    out = tmp_path / "route.geojson"
    code, stdout, err = run_cli(
        ["route", "aktau", "alat", "--mode", "sea", "-o", str(out), "--format", "json"], capsys
    )
    assert code == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == json.loads(stdout)
    properties = written["features"][0]["properties"]
    assert properties["basin"] == "caspian"
    # From the Aktau port quay (the catalog point since the ports moved off the towns).
    expected = sea_route((51.222, 43.6026), (49.407, 39.948))
    assert properties["length_km"] == pytest.approx(expected.length_km)
    assert "aktau_port/aktau snapped 0.731 km to the sea network" in err


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [("41.6544,42.1550", "alat", "Black Sea"), ("30,50", "aktau", "navigable water")],
)
def test_route_cli_bad_basins_exit_2_with_one_line(start, end, words, capsys) -> None:
    code, out, err = run_cli(["route", start, end, "--mode", "sea"], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("caspian: error:") and words in err


def test_distances_by_sea_are_printed_beside_the_geodesic_ones(capsys) -> None:
    code, out, _ = run_cli(["distances", "--kind", "sea", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 6  # four catalog ports, all in the Caspian
    for row in rows:
        assert row["kind"] == "sea"
        assert row["distance_km"] >= row["geodesic_km"]
    alat = next(r for r in rows if {r["from"], r["to"]} == {"aktau_port/aktau", "baku_port/alat"})
    # Aktau quay to the Ələt point (from the Aktau city point: 472.5 and 435.9 km).
    assert alat["distance_km"] == pytest.approx(469.2, abs=0.5)
    assert alat["geodesic_km"] == pytest.approx(433.0, abs=0.1)


def test_distance_matrix_matches_the_single_routes() -> None:
    names = list(CASPIAN_PORTS)
    lons, lats = zip(*CASPIAN_PORTS.values(), strict=True)
    matrix_km = sea_router().distance_matrix_m(lons, lats) / 1000
    for i, j in itertools.combinations(range(len(names)), 2):
        route = sea_route(CASPIAN_PORTS[names[i]], CASPIAN_PORTS[names[j]])
        assert matrix_km[i, j] == pytest.approx(route.length_km, rel=1e-9)
        assert matrix_km[j, i] == matrix_km[i, j]


def test_graph_is_cached_on_disk_and_read_back_identically(tmp_path) -> None:
    built, built_info = load_sea_router(folder=tmp_path)
    again, again_info = load_sea_router(folder=str(tmp_path))  # a script passes a str
    assert not any(built_info.from_cache.values())
    assert all(again_info.from_cache.values())
    assert sorted(path.name.split("-")[0] for path in tmp_path.glob("*.npz")) == [
        "black_sea", "caspian",
    ]
    first = built.route(CASPIAN_PORTS["kuryk"], CASPIAN_PORTS["baku"])
    second = again.route(CASPIAN_PORTS["kuryk"], CASPIAN_PORTS["baku"])
    assert second.length_km == first.length_km
    assert second.geometry.equals_exact(first.geometry, 0.0)


def test_cache_key_changes_when_the_coastline_changes(tmp_path) -> None:
    from caspian.layers.routing.sea import _graph_sources

    caspian = basins()[0][0]
    sources = _graph_sources()
    changed = []
    for number, source in enumerate(sources):
        copy = tmp_path / f"{number}-{source.name}"
        data = bytearray(source.read_bytes())
        data[len(data) // 2] ^= 1  # one bit of one border file (or of the code) changed
        copy.write_bytes(bytes(data))
        changed.append(graph_key(caspian, 100.0, [*sources[:number], copy,
                                                  *sources[number + 1:]]))
    original = graph_key(caspian, 100.0, sources)
    assert original == graph_key(caspian, 100.0)
    assert original not in changed and len(set(changed)) == len(sources)
    assert graph_key(caspian, 50.0) != original
    assert {source.name for source in sources} >= {
        "ne_10m_admin_0_countries_deu.zip", "osm_region_borders.gpkg", "seagraph.py"}


def _feature(layer: str, feature: str, kind: str, coords: list[list[float]]) -> dict[str, object]:
    return {
        "id": f"{layer}/{feature}",
        "properties": {"kind": kind},
        "geometry": {"type": "LineString", "coordinates": coords},
    }


def test_check_reports_a_sea_leg_that_crosses_land_and_not_a_routed_one() -> None:
    routed = sea_route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"])
    layer = SimpleNamespace(
        id="test_layer",
        features=[
            _feature("test_layer", "straight", "sea_route", [[51.15, 43.65], [49.407, 39.948]]),
            _feature(
                "test_layer", "routed", "power_cable",
                [[51.15, 43.65], *shapely.get_coordinates(routed.geometry).tolist(),
                 [49.407, 39.948]],
            ),
            _feature("test_layer", "rail", "railway", [[49.407, 39.948], [45.0, 41.7]]),
        ],
    )
    crossings = sea_crossings([layer])
    assert [crossing.feature for crossing in crossings] == ["straight"]
    assert crossings[0].land_km == pytest.approx(56.3, abs=1.0)
    assert "crosses 56" in crossings[0].message


def test_catalog_sea_legs_and_cables_pass_the_land_check() -> None:
    from caspian.layers.catalog.loading import load_catalog

    assert sea_crossings(load_catalog().values()) == []


def _caspian_water_point(data: st.DataObject) -> tuple[float, float]:
    graph = sea_router().graphs[0]
    west, south, east, north = graph.lonlat_bounds
    lon = data.draw(st.floats(west, east))
    lat = data.draw(st.floats(south, north))
    xy = graph.transformer.transform(lon, lat)
    assume(shapely.contains_xy(graph.navigable, *xy))
    back = to_lonlat(graph.transformer, [xy])[0]
    return (float(back[0]), float(back[1]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data())
def test_random_caspian_routes_stay_in_water_and_are_never_shorter_than_the_geodesic(
    data,
) -> None:
    start, end = _caspian_water_point(data), _caspian_water_point(data)
    assume(start != end)  # one point twice is refused (test_hostile_routes)
    route = sea_route(start, end)
    _, _, geodesic_m = GEOD.inv(start[0], start[1], end[0], end[1])
    assert route.start_snap_km == 0.0 and route.end_snap_km == 0.0
    assert route.length_km >= geodesic_m / 1000 * (1 - 1e-9)
    assert land_km(route.geometry, country_index()) == 0.0


def test_readme_sea_distance_table_is_the_commands_output(capsys) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    code, out, _ = run_cli(["distances", "--kind", "sea"], capsys)
    assert code == 0
    assert out.strip() in readme, "regenerate the README's sea distance table"


def test_caspian_check_reports_a_straight_sea_leg_across_absheron(monkeypatch) -> None:
    import copy
    import dataclasses

    import caspian.layers.catalog.check as check
    from caspian.layers.catalog.loading import load_catalog

    catalog = load_catalog(["middle_corridor"])
    layer = catalog["middle_corridor"]
    features = copy.deepcopy(list(layer.features))
    leg = next(f for f in features if f["id"] == "middle_corridor/aktau-alat")
    leg["geometry"]["coordinates"] = [[51.15, 43.65], [49.407, 39.948]]
    sources = leg["properties"]["vertex_sources"]
    leg["properties"]["vertex_sources"] = [sources[0], sources[-1]]
    straight = dataclasses.replace(layer, features=tuple(features))
    monkeypatch.setattr(check, "load_catalog", lambda ids=None: {"middle_corridor": straight})
    problems, _ = check.check_catalog()
    assert [str(p) for p in problems] == [
        "middle_corridor/aktau-alat: " + sea_crossings([straight])[0].message
    ]


def test_a_corrupt_cache_file_is_rebuilt_not_fatal(tmp_path) -> None:
    load_sea_router(folder=tmp_path)
    for path in tmp_path.glob("*.npz"):
        path.write_bytes(b"not a graph")
    router, info = load_sea_router(folder=tmp_path)
    assert not any(info.from_cache.values())
    assert router.route(CASPIAN_PORTS["alat"], CASPIAN_PORTS["baku"]).length_km > 60
    assert all(load_sea_router(folder=tmp_path)[1].from_cache.values())


def test_matrix_gives_nan_for_a_point_in_no_basin_and_inf_across_basins() -> None:
    points = [CASPIAN_PORTS["aktau"], (45.0, 40.3), BLACK_SEA_PORTS["poti"]]
    lons, lats = zip(*points, strict=True)
    matrix = sea_router().distance_matrix_m(lons, lats, strict=False)
    assert np.isnan(matrix[0, 1]) and np.isnan(matrix[1, 2])
    assert np.isinf(matrix[0, 2]) and matrix[0, 2] == matrix[2, 0]
    with pytest.raises(NotInBasinError):
        sea_router().distance_matrix_m(lons, lats)
