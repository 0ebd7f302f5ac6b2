"""``caspian route --mode rail`` over the hand-made OSM network: lengths, statuses, gaps."""

from __future__ import annotations

import json

import pytest
from caspian.geo.routing.railgraph import SnapError
from caspian.layers.routing.rail import load_rail, route_on
from cli_support import run_cli
from osm_fixtures import RAIL_PBF, RAIL_XML, geographiclib_km, lonlat


@pytest.fixture(scope="module")
def rail():
    return load_rail(RAIL_XML)


def test_route_along_operating_and_construction_track_has_the_geodesic_length(rail) -> None:
    route = route_on(rail, (45.0, 39.0), (45.2, 39.05))
    assert route.length_km == pytest.approx(geographiclib_km(1, 2, 3, 4, 5, 6), abs=1e-9)
    assert route.details["length_by_status_km"] == pytest.approx(
        {"operating": geographiclib_km(1, 2, 3, 4), "construction": geographiclib_km(4, 5, 6)}
    )
    assert route.details["osm_way_ids"] == [101, 102]
    assert route.gaps == ()
    assert route.geometry.geom_type == "LineString"


def test_branch_route_leaves_the_main_line_at_the_junction(rail) -> None:
    route = route_on(rail, (45.0, 39.0), (45.11, 39.09))
    assert route.length_km == pytest.approx(geographiclib_km(1, 2, 3, 7, 8), abs=1e-9)
    assert route.details["length_by_status_km"] == pytest.approx(
        {"operating": geographiclib_km(1, 2, 3), "proposed": geographiclib_km(3, 7, 8)}
    )
    assert route.details["osm_way_ids"] == [101, 103]


def test_a_gap_between_components_is_reported_and_not_counted_as_track(rail) -> None:
    route = route_on(rail, (45.0, 39.0), (45.35, 39.11))
    assert len(route.gaps) == 1
    gap = route.gaps[0]
    assert (gap.start_lonlat, gap.end_lonlat) == ((45.2, 39.05), (45.25, 39.08))
    assert gap.length_km == pytest.approx(geographiclib_km(6, 11), abs=1e-9)
    track_km = geographiclib_km(1, 2, 3, 4, 5, 6) + geographiclib_km(11, 12, 13)
    assert route.length_km == pytest.approx(track_km, abs=1e-9)
    assert route.geometry.geom_type == "MultiLineString"
    assert len(route.geometry.geoms) == 2


def test_the_road_between_the_components_is_never_used_as_track(rail) -> None:
    route = route_on(rail, (45.2, 39.05), (45.25, 39.08))
    assert route.length_km == 0.0
    assert route.gaps[0].length_km == pytest.approx(geographiclib_km(6, 11), abs=1e-9)


def test_abandoned_track_is_not_routed_over_and_the_snap_is_reported(rail) -> None:
    route = route_on(rail, (45.0, 39.0), (45.13, 39.12))  # the end of the abandoned way 104
    assert route.end_snap_km == pytest.approx(geographiclib_km(8, 10), abs=1e-9)
    assert 104 not in route.details["osm_way_ids"]


def test_stations_along_the_route_in_route_order(rail) -> None:
    route = route_on(rail, (45.0, 39.0), (45.35, 39.11))
    names = [station["name"] for station in route.details["stations"]]
    assert names == ["Şərur", "Bravo", "Charlie halt"]
    bravo = route.details["stations"][1]
    assert bravo["distance_km"] == pytest.approx(geographiclib_km(6, 20), abs=1e-3)
    assert route.details["end_station"]["name"] == "Charlie halt"


def test_a_point_far_from_any_track_is_refused_with_its_distance(rail) -> None:
    with pytest.raises(SnapError, match=r"lies 51\.\d km from the nearest track"):
        route_on(rail, (45.0, 39.0), (46.0, 39.11))


def test_cli_route_over_the_xml_fixture_prints_length_and_gap(capsys) -> None:
    code, out, err = run_cli(
        ["route", lonlat(1), lonlat(13), "--mode", "rail", "--osm-file", str(RAIL_XML),
         "--format", "json"], capsys,
    )
    assert code == 0
    collection = json.loads(out)
    route, gap = collection["features"]
    track_km = geographiclib_km(1, 2, 3, 4, 5, 6) + geographiclib_km(11, 12, 13)
    assert route["properties"]["length_km"] == pytest.approx(track_km, abs=1e-9)
    assert route["properties"]["gap_total_km"] == pytest.approx(geographiclib_km(6, 11))
    assert gap["properties"]["segment"] == "gap"
    assert "gap 0: no rail link for 5.5 km between 45.20000,39.05000 and 45.25000,39.08000" in err


def test_cli_route_over_the_pbf_fixture_gives_the_same_length(capsys, tmp_path) -> None:
    output = tmp_path / "route.geojson"
    code, out, _ = run_cli(
        ["route", lonlat(1), lonlat(6), "--mode", "rail", "--osm-file", str(RAIL_PBF),
         "-o", str(output)], capsys,
    )
    assert code == 0
    route = json.loads(output.read_text(encoding="utf-8"))["features"][0]
    assert route["properties"]["length_km"] == pytest.approx(
        geographiclib_km(1, 2, 3, 4, 5, 6), abs=1e-9
    )
    assert "construction" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "needs exactly one of --osm-file FILE (offline) or --bbox"),
        (["--osm-file", str(RAIL_XML), "--bbox", "45,39,46,40"], "needs exactly one of"),
        (["--osm-file", str(RAIL_XML), "--max-snap-km", "0"], "--max-snap-km must be a positive"),
    ],
)
def test_cli_rail_option_errors_are_one_line(capsys, extra, message) -> None:
    code, _out, err = run_cli(["route", lonlat(1), lonlat(6), "--mode", "rail", *extra], capsys)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_cli_far_point_exits_2_naming_the_distance(capsys) -> None:
    code, _, err = run_cli(
        ["route", lonlat(1), "46,39.11", "--mode", "rail", "--osm-file", str(RAIL_XML)], capsys
    )
    assert code == 2
    assert "lies 51.9 km from the nearest track (limit 25 km)" in err


def test_cli_larger_snap_limit_routes_and_reports_the_snap(capsys) -> None:
    code, out, _ = run_cli(
        ["route", lonlat(1), "46,39.11", "--mode", "rail", "--osm-file", str(RAIL_XML),
         "--max-snap-km", "60", "--format", "json"], capsys,
    )
    assert code == 0
    properties = json.loads(out)["features"][0]["properties"]
    assert properties["end_snap_km"] == pytest.approx(51.9, abs=0.05)


def test_cli_table_names_stations_with_their_distance(capsys) -> None:
    code, out, _ = run_cli(
        ["route", lonlat(1), lonlat(13), "--mode", "rail", "--osm-file", str(RAIL_XML)], capsys
    )
    assert code == 0
    assert "Şərur (0.0 km); Bravo (0.2 km); Charlie halt (0.0 km)" in out
    assert "construction 7.4, operating 20.3" in out


def test_rail_lengths_and_snaps_are_measured_on_the_settings_ellipsoid() -> None:
    """``Settings.ellps`` reaches the rail graph: track and snaps are measured on pyproj's
    "sphere" (radius 6,370,997 m) when asked, through :func:`caspian.layers.routing.modes.route`."""
    import itertools

    from caspian.geo.settings import Settings
    from caspian.layers.routing.modes import route
    from geographiclib.geodesic import Geodesic
    from osm_fixtures import NODES

    sphere = Geodesic(6370997.0, 0.0)

    def sphere_km(*node_ids: int) -> float:
        return sum(sphere.Inverse(NODES[a][1], NODES[a][0], NODES[b][1], NODES[b][0])["s12"]
                   for a, b in itertools.pairwise(node_ids)) / 1000.0

    found = route((45.0, 39.0), (45.13, 39.12), "rail", osm_file=RAIL_XML,
                  geo_settings=Settings(ellps="sphere"))
    assert found.length_km == pytest.approx(sphere_km(1, 2, 3, 7, 8), abs=1e-9)
    assert found.end_snap_km == pytest.approx(sphere_km(8, 10), abs=1e-9)
    # these 15.93 km of track are 5.16 m shorter on the sphere than on WGS84
    assert geographiclib_km(1, 2, 3, 7, 8) - found.length_km == pytest.approx(0.00516, abs=5e-5)
    default = route((45.0, 39.0), (45.13, 39.12), "rail", osm_file=RAIL_XML)
    assert default.length_km == pytest.approx(geographiclib_km(1, 2, 3, 7, 8), abs=1e-9)
