"""``caspian osm fetch`` and ``route --bbox``: the real osmnx download path, on a recorded response.

The recorded Overpass answer is put where osmnx's cache expects it; the Overpass URL points at
a closed local port, so a cache miss fails at once instead of reaching the network.
"""

from __future__ import annotations

import json

import pytest
from caspian.layers.osm.extracts import OSM_TAGS
from caspian.layers.osm.overpass import OsmSettings, OverpassError, fetch_osm_features
from cli_support import run_cli
from osm_fixtures import geographiclib_km, lonlat, seed_overpass_cache

BBOX = (44.9, 38.9, 45.5, 39.2)
BBOX_TEXT = "44.9,38.9,45.5,39.2"
CLOSED_PORT_URL = "http://127.0.0.1:9/api"


def _fetch_args(tmp_path, *extra: str) -> list[str]:
    return [
        "osm", "fetch", "--bbox", BBOX_TEXT, "--cache-folder", str(tmp_path / "cache"),
        "--overpass-url", CLOSED_PORT_URL, *extra,
    ]


def test_fetch_from_the_recorded_response_keeps_each_ways_status(tmp_path, capsys) -> None:
    with_url = OsmSettings(cache_folder=tmp_path / "cache", overpass_url=CLOSED_PORT_URL)
    assert seed_overpass_cache(with_url.cache_folder, BBOX, with_url.overpass_url) == 1
    output = tmp_path / "rail.geojson"
    code, out, err = run_cli(_fetch_args(tmp_path, "-o", str(output)), capsys)
    assert code == 0, err
    assert "answering from osmnx's cache" in err
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    ways = {f["properties"]["osm_id"]: f["properties"]["status"] for f in features
            if f["properties"]["osm_type"] == "way"}
    assert ways == {101: "operating", 102: "construction", 103: "proposed",
                    104: "abandoned", 201: "operating", 202: "disused"}
    stations = {f["properties"]["name"] for f in features if f["geometry"]["type"] == "Point"}
    assert stations == {"Şərur", "Bravo", "Charlie halt"}
    assert out.startswith(f"wrote {output}: 3 nodes, 6 ways")


def test_fetch_output_is_byte_identical_on_a_second_run(tmp_path, capsys) -> None:
    seed_overpass_cache(tmp_path / "cache", BBOX, CLOSED_PORT_URL)
    output = tmp_path / "rail.geojson"
    run_cli(_fetch_args(tmp_path, "-o", str(output)), capsys)
    first = output.read_bytes()
    run_cli(_fetch_args(tmp_path, "-o", str(output)), capsys)
    assert output.read_bytes() == first
    assert json.loads(first)["name"] == "rail"


def test_offline_fetch_is_one_line_and_exit_2_and_writes_nothing(tmp_path, capsys) -> None:
    output = tmp_path / "rail.geojson"
    code, _out, err = run_cli(_fetch_args(tmp_path, "-o", str(output)), capsys)
    assert code == 2
    assert err.strip().splitlines()[-1].startswith(
        "caspian: error: cannot reach Overpass at 127.0.0.1:9"
    )
    assert "--osm-file" in err
    assert not output.exists()


def test_offline_library_call_raises_overpass_error(tmp_path) -> None:
    settings = OsmSettings(cache_folder=tmp_path, overpass_url=CLOSED_PORT_URL)
    with pytest.raises(OverpassError, match=r"offline\?"):
        fetch_osm_features(BBOX, OSM_TAGS["rail"], settings)


def test_osmnx_settings_are_restored_after_a_fetch(tmp_path) -> None:
    import osmnx as ox

    before = (ox.settings.cache_folder, ox.settings.overpass_url)
    seed_overpass_cache(tmp_path, BBOX, CLOSED_PORT_URL)
    fetch_osm_features(
        BBOX, OSM_TAGS["rail"], OsmSettings(cache_folder=tmp_path, overpass_url=CLOSED_PORT_URL)
    )
    assert (ox.settings.cache_folder, ox.settings.overpass_url) == before


def test_route_by_bbox_downloads_through_osmnx_and_routes(tmp_path, capsys, monkeypatch) -> None:
    # `caspian route --bbox` uses osmnx's default cache folder, ./cache, and default Overpass.
    monkeypatch.chdir(tmp_path)
    seed_overpass_cache(tmp_path / "cache", BBOX, OsmSettings().overpass_url)
    code, out, err = run_cli(
        ["route", lonlat(1), lonlat(13), "--mode", "rail", "--bbox", BBOX_TEXT,
         "--format", "json"], capsys,
    )
    assert code == 0, err
    assert "answering from osmnx's cache" in err
    properties = json.loads(out)["features"][0]["properties"]
    track_km = geographiclib_km(1, 2, 3, 4, 5, 6) + geographiclib_km(11, 12, 13)
    assert properties["length_km"] == pytest.approx(track_km, abs=1e-9)
    assert properties["gap_count"] == 1
    assert properties["osm_source"] == f"overpass bbox {BBOX_TEXT}"


@pytest.mark.parametrize("name", ["route.html", "no/route.geojson"])
def test_route_refuses_an_output_it_cannot_write_before_the_download(
    tmp_path, capsys, monkeypatch, name: str
) -> None:
    # the cache answers (no network either way); the refusal came only after the routing
    monkeypatch.chdir(tmp_path)
    seed_overpass_cache(tmp_path / "cache", BBOX, OsmSettings().overpass_url)
    code, _, err = run_cli(["route", lonlat(1), lonlat(13), "--mode", "rail", "--bbox",
                            BBOX_TEXT, "-o", str(tmp_path / name)], capsys)
    assert code == 2
    assert ("but this writes GeoJSON" if name.endswith(".html") else
            "does not exist; create it first") in err
    assert "osmnx" not in err and "Overpass" not in err


def test_an_unwritable_output_is_refused_before_any_download(tmp_path, capsys) -> None:
    code, _, err = run_cli(_fetch_args(tmp_path, "-o", str(tmp_path / "no" / "rail.geojson")),
                           capsys)
    assert code == 2
    assert "does not exist; create it first" in err
    assert "querying Overpass" not in err


@pytest.mark.parametrize("name", ["rail.html", "rail.gpkg", "rail.csv"])
def test_an_output_named_for_another_format_is_refused_before_any_download(
    tmp_path, capsys, name: str
) -> None:
    # fetch writes GeoJSON; "-o rail.html" was refused only after the whole download
    code, _, err = run_cli(_fetch_args(tmp_path, "-o", str(tmp_path / name)), capsys)
    assert code == 2
    assert f"{name} ends in .{name.split('.')[1]}" in err and "but this writes GeoJSON" in err
    assert "querying Overpass" not in err


#: A pipeline answer in Overpass's JSON form: one way of three nodes (hand-made).
PIPELINE_RESPONSE = {
    "version": 0.6,
    "elements": [
        {"type": "node", "id": 1, "lat": 39.0, "lon": 45.0},
        {"type": "node", "id": 2, "lat": 39.1, "lon": 45.1},
        {"type": "node", "id": 3, "lat": 39.15, "lon": 45.3},
        {"type": "way", "id": 7, "nodes": [1, 2, 3],
         "tags": {"man_made": "pipeline", "substance": "oil", "name": "Bakı–Tbilisi–Ceyhan"}},
    ],
}


def test_fetch_pipelines_keeps_their_tags_and_names(tmp_path, capsys) -> None:
    seed_overpass_cache(tmp_path / "cache", BBOX, CLOSED_PORT_URL, "pipeline", PIPELINE_RESPONSE)
    output = tmp_path / "pipeline.geojson"
    code, out, err = run_cli(_fetch_args(tmp_path, "--what", "pipeline", "-o", str(output)),
                             capsys)
    assert code == 0, err
    (feature,) = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert feature["properties"] == {
        "osm_type": "way", "osm_id": 7, "man_made": "pipeline", "name": "Bakı–Tbilisi–Ceyhan",
        "substance": "oil",
    }
    assert feature["geometry"]["coordinates"] == [[45.0, 39.0], [45.1, 39.1], [45.3, 39.15]]
    assert out.startswith(f"wrote {output}: 1 ways")

