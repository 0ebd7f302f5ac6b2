"""`caspian route -o`: the output guard every command shares applies to routes too."""

from __future__ import annotations

import json
import os

import pytest
from cli_support import run_cli
from hostile_support import run


def test_route_output_with_another_formats_suffix_is_refused_and_not_written(
    tmp_path, capsys
) -> None:
    target = tmp_path / "route.gpkg"
    code, _, err = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(target)], capsys)
    assert code == 2
    assert "ends in .gpkg, which is GeoPackage, but this writes GeoJSON" in err
    assert not target.exists() and os.listdir(tmp_path) == []


def test_route_output_never_replaces_a_fifo_with_a_regular_file(tmp_path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(fifo)], capsys)
    assert code == 2 and err.count("\n") == 1
    assert fifo.is_fifo()


def test_route_output_is_a_feature_collection_whose_first_feature_is_the_route(
    tmp_path, capsys
) -> None:
    target = tmp_path / "route.geojson"
    code, _, _ = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(target)], capsys)
    assert code == 0
    collection = json.loads(target.read_text(encoding="utf-8"))
    route = collection["features"][0]
    assert route["properties"]["segment"] == "route"
    assert route["properties"]["from"] == "aktau_port/aktau"
    # the README's sea distance table: Aktau (quay)–Alat 469.2 km over water
    assert route["properties"]["length_km"] == pytest.approx(469.2, abs=0.05)


def test_written_sea_route_joins_both_ports_through_its_landfalls(tmp_path, capsys) -> None:
    target = tmp_path / "route.geojson"
    run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(target)], capsys)
    features = json.loads(target.read_text(encoding="utf-8"))["features"]
    route = features[0]
    snaps = {f["properties"]["end"]: f for f in features if f["properties"]["segment"] == "snap"}
    assert snaps["start"]["geometry"]["coordinates"][0] == [51.222, 43.6026]  # the Aktau quay
    assert snaps["start"]["geometry"]["coordinates"][1] == route["geometry"]["coordinates"][0]
    assert snaps["end"]["geometry"]["coordinates"][0] == route["geometry"]["coordinates"][-1]
    assert snaps["end"]["geometry"]["coordinates"][1] == [49.407, 39.948]  # the Ələt point
    assert snaps["start"]["properties"]["length_km"] == route["properties"]["start_snap_km"]


def test_route_output_never_overwrites_the_osm_extract_it_routed_over(tmp_path, capsys) -> None:
    from osm_fixtures import RAIL_XML

    extract = tmp_path / "rail.osm"
    extract.write_bytes(RAIL_XML.read_bytes())
    code, _, err = run_cli(
        ["route", "45.0,39.0", "45.3,39.1", "--mode", "rail", "--osm-file", str(extract),
         "-o", str(extract)], capsys,
    )
    assert code == 2
    assert "is one of this command's input files" in err
    assert extract.read_bytes() == RAIL_XML.read_bytes()


def test_sea_route_takes_place_names_in_any_spelling_as_the_corridor_mode_does(
    tmp_path, capsys
) -> None:
    by_id = tmp_path / "by_id.geojson"
    by_name = tmp_path / "by_name.geojson"
    run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(by_id)], capsys)
    code, _, err = run_cli(["route", "Актау", "Ələt", "--mode", "sea", "-o", str(by_name)],
                           capsys)
    assert code == 0
    # Each name is said with the place it resolved to, as `--mode corridor` says it.
    assert err.splitlines()[:2] == [
        "caspian: FROM is Port of Aktau (Aktau International Sea Trade Port) "
        "(51.22200,43.60260; aktau_port/aktau)",
        "caspian: TO is Baku International Sea Trade Port (Alat) (49.40700,39.94800; "
        "baku_port/alat)",
    ]
    lengths = [json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
               ["length_km"] for path in (by_id, by_name)]
    assert lengths[0] == lengths[1] == pytest.approx(469.2, abs=0.05)


def test_an_unknown_place_name_is_one_line_naming_the_argument(capsys) -> None:
    code, out, err = run_cli(["route", "aktau", "Qwxzv", "--mode", "sea"], capsys)
    assert (code, out) == (2, "")
    assert err == ("caspian: error: TO 'Qwxzv' is neither lon,lat, a catalog feature id nor "
                   "a known place name; fix: check the spelling, give the point as lon,lat, or "
                   "see 'caspian layers' for ids\n")


@pytest.mark.parametrize("mode", ["sea", "corridor"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_route_into_standard_output_prints_nothing_else_there(mode: str, fmt: str) -> None:
    # `caspian route aktau alat -o /dev/stdout`: the table (or the JSON summary) was printed on
    # stdout after the GeoJSON, so `| ogr2ogr` or `> route.geojson` got no valid JSON; as
    # ogr2ogr /vsistdout/ does, what is printed goes to stderr when the output is stdout
    result = run("route", "aktau", "alat", "--mode", mode, "--format", fmt, "-o", "/dev/stdout",
                 timeout=300)
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    printed = result.stderr.decode("utf-8")
    assert ("Aktau" in printed or "aktau" in printed) and "km" in printed
