"""``caspian refine``: a catalog line along OSM track, printed, and written only with --write."""

from __future__ import annotations

import json
import shutil

import pytest
from caspian.layers.catalog.check import check_layer
from caspian.layers.catalog.loading import parse_layer
from cli_support import run_cli
from geographiclib.geodesic import Geodesic
from osm_fixtures import DATA, RAIL_PBF, RAIL_XML, geographiclib_km

LAYER = DATA / "refine_layer.geojson"
OLD_VERTICES = [(45.001, 39.001), (45.121, 39.031), (45.199, 39.049)]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"] / 1000.0


def _km_to_geodesic(point: tuple[float, float], a: tuple[float, float],
                    b: tuple[float, float]) -> float:
    """Distance from a point to the geodesic a-b, sampled every metre (GeographicLib)."""
    line = Geodesic.WGS84.InverseLine(a[1], a[0], b[1], b[0])
    steps = int(line.s13) + 1
    return min(
        _km(point, (position["lon2"], position["lat2"]))
        for position in (line.Position(line.s13 * i / steps) for i in range(steps + 1))
    )


@pytest.fixture
def layer_copy(tmp_path):
    path = tmp_path / "test_rail.geojson"
    shutil.copyfile(LAYER, path)
    return path


def _refine(layer_copy, capsys, *extra: str, osm_file=RAIL_XML):
    return run_cli(
        ["refine", "test_rail/main", "--osm-file", str(osm_file), "--layer-file",
         str(layer_copy), "--format", "json", *extra], capsys,
    )


def test_refine_reports_old_and_new_length_and_the_published_delta(layer_copy, capsys) -> None:
    code, out, err = _refine(layer_copy, capsys)
    assert code == 0, err
    report = json.loads(out)
    new_km = geographiclib_km(1, 2, 3, 4, 5, 6)
    old_km = _km(OLD_VERTICES[0], OLD_VERTICES[1]) + _km(OLD_VERTICES[1], OLD_VERTICES[2])
    assert report["new_length_km"] == pytest.approx(new_km, abs=1e-9)
    assert report["old_length_km"] == pytest.approx(old_km, abs=1e-6)
    (published,) = report["published"]
    assert published["delta_pct"] == pytest.approx(100 * (new_km - 30.0) / 30.0)
    assert report["osm_way_ids"] == [101, 102]
    assert report["gaps"] == []


def test_refine_measures_every_sourced_place_against_the_new_line(layer_copy, capsys) -> None:
    _, out, _ = _refine(layer_copy, capsys)
    places = {place["place"]: place["distance_km"] for place in json.loads(out)["places"]}
    # Bravo lies beside node 6, the end of the new line: its distance is to that node.
    assert places["Bravo (station village)"] == pytest.approx(geographiclib_km(6, 20), abs=1e-3)
    # The line is densified to 50 m before measuring: the nearest vertex is within 5 m.
    expected_km = _km_to_geodesic(OLD_VERTICES[0], (45.0, 39.0), (45.04, 39.01))
    assert places["Şərur (town)"] == pytest.approx(expected_km, abs=5e-3)
    assert set(places) == {"Bravo (station village)", "Şərur (town)", "Middle (village)",
                           "East end (village)"}


def test_refine_without_write_leaves_the_layer_file_untouched(layer_copy, capsys) -> None:
    before = layer_copy.read_bytes()
    code, _, err = _refine(layer_copy, capsys)
    assert code == 0
    assert "not written; give --write" in err
    assert layer_copy.read_bytes() == before


def test_refine_write_replaces_the_line_and_records_provenance(layer_copy, capsys) -> None:
    code, _, err = _refine(layer_copy, capsys, "--write", osm_file=RAIL_PBF)
    assert code == 0, err
    collection = json.loads(layer_copy.read_text(encoding="utf-8"))
    feature = collection["features"][0]
    properties = feature["properties"]
    assert feature["geometry"]["coordinates"] == [
        [45.0, 39.0], [45.04, 39.01], [45.08, 39.015], [45.12, 39.03], [45.16, 39.035],
        [45.2, 39.05],
    ]
    source = collection["sources"][-1]
    assert source["page"] == "railway ways 101, 102"
    assert source["date"] == "2026-02-11"  # newest edit of the ways used
    assert "rail_network.osm.pbf (sha256 " in source["via"]
    assert "ODbL" in source["attribution"]
    assert {place["label"] for place in properties["route_places"]} >= {
        "Şərur (town)", "Middle (village)", "East end (village)"
    }
    assert check_layer(parse_layer(collection)) == []


def test_refine_write_is_idempotent_in_its_sources(layer_copy, capsys) -> None:
    _refine(layer_copy, capsys, "--write")
    first = json.loads(layer_copy.read_text(encoding="utf-8"))
    _refine(layer_copy, capsys, "--write")
    second = json.loads(layer_copy.read_text(encoding="utf-8"))
    assert [s["id"] for s in second["sources"]] == [s["id"] for s in first["sources"]]
    assert len(second["features"][0]["properties"]["route_places"]) == 4


def test_refine_across_a_gap_reports_it_and_keeps_it_out_of_the_track(tmp_path, capsys) -> None:
    collection = json.loads(LAYER.read_text(encoding="utf-8"))
    feature = collection["features"][0]
    feature["geometry"]["coordinates"] = [[45.0, 39.0], [45.35, 39.11]]
    feature["properties"]["vertex_sources"] = feature["properties"]["vertex_sources"][:2]
    path = tmp_path / "gap.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli(
        ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(path),
         "--format", "json"], capsys,
    )
    assert code == 0
    report = json.loads(out)
    assert report["gaps"][0]["length_km"] == pytest.approx(geographiclib_km(6, 11))
    assert report["new_length_km"] == pytest.approx(
        geographiclib_km(1, 2, 3, 4, 5, 6) + geographiclib_km(11, 12, 13)
    )
    assert "caspian: gap: no track for 5.5 km" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["refine", "main", "--osm-file", str(RAIL_XML)], "give the line as LAYER/FEATURE"),
        (["refine", "nope/main", "--osm-file", str(RAIL_XML)], "unknown layer 'nope'"),
    ],
)
def test_refine_bad_arguments_are_one_line(capsys, args, message) -> None:
    code, _, err = run_cli(args, capsys)
    assert code == 2
    assert message in err


def test_refine_names_the_waypoint_that_lies_off_the_track(tmp_path, capsys) -> None:
    collection = json.loads(LAYER.read_text(encoding="utf-8"))
    collection["features"][0]["geometry"]["coordinates"][1] = [46.0, 39.5]
    path = tmp_path / "far.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(
        ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(path)],
        capsys,
    )
    assert code == 2
    assert "waypoint 'Middle (village)' (46.00000,39.50000) lies" in err
    assert "from the nearest track of rail_network.osm (limit 25 km)" in err


def test_refine_tells_a_waypoint_given_lat_lon_to_swap(tmp_path, capsys) -> None:
    collection = json.loads(LAYER.read_text(encoding="utf-8"))
    collection["features"][0]["geometry"]["coordinates"][1] = [39.031, 45.121]  # lat,lon
    path = tmp_path / "swapped.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(
        ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(path)],
        capsys,
    )
    assert code == 2 and err.count("\n") == 1
    assert "waypoint 'Middle (village)' (39.03100,45.12100) lies" in err
    assert ("the two numbers look swapped: as lon,lat 45.12100,39.03100 lies 0.1 km from it; "
            "give the point as lon,lat (swap the two numbers)") in err


def _branched_layer(tmp_path):
    """The test layer with a line of two branches: the main line 1–6 and the branch 3–8."""
    from osm_fixtures import NODES

    collection = json.loads(LAYER.read_text(encoding="utf-8"))
    feature = collection["features"][0]
    feature["geometry"] = {"type": "MultiLineString", "coordinates": [
        [list(NODES[1]), list(NODES[4]), list(NODES[6])], [list(NODES[3]), list(NODES[8])]]}
    feature["properties"]["vertex_sources"] = [
        {"label": label, "source": "test-source", "approximate": False}
        for label in ("Alpha", "Delta", "Foxtrot", "Charlie (branch start)", "Hotel")]
    path = tmp_path / "test_rail.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def test_refine_routes_each_branch_on_its_own(tmp_path, capsys) -> None:
    path = _branched_layer(tmp_path)
    code, out, err = _refine(path, capsys)
    assert code == 0, err
    # Not 1–6, back from 6 to 3, then 3–8: each branch between its own waypoints.
    main_km, branch_km = geographiclib_km(1, 2, 3, 4, 5, 6), geographiclib_km(3, 7, 8)
    assert json.loads(out)["new_length_km"] == pytest.approx(main_km + branch_km, abs=1e-9)
    code, _, err = _refine(path, capsys, "--write")
    assert code == 0, err
    geometry = json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"]
    from osm_fixtures import NODES

    assert geometry == {"type": "MultiLineString", "coordinates": [
        [list(NODES[n]) for n in (1, 2, 3, 4, 5, 6)], [list(NODES[n]) for n in (3, 7, 8)]]}


def test_refine_prints_a_short_summary_of_the_old_waypoints(tmp_path, capsys) -> None:
    path = _branched_layer(tmp_path)
    args = ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(path)]
    code, out, err = run_cli(args, capsys)
    assert code == 0, err
    # The waypoints are nodes of the track: counted, not listed; the route place is listed.
    assert "5 old waypoint(s): 5 within 0.1 km of the new line" in out
    assert "Bravo (station village)" in out and "Charlie (branch start)" not in out
    assert "branches_km" in out
    code, out, err = run_cli([*args, "--all-places"], capsys)
    assert code == 0, err
    assert "Charlie (branch start)" in out and "old waypoint(s)" not in out
