"""``caspian metrics`` / ``caspian distances`` end to end: output shapes and bad inputs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run_cli as _run
from geographiclib.geodesic import Geodesic

WGS84 = Geodesic.WGS84

# Baku 49.87 E 40.37 N to Aktau 51.15 E 43.65 N, across the Caspian.
BAKU_AKTAU = {"type": "LineString", "coordinates": [[49.87, 40.37], [51.15, 43.65]]}




def _write(tmp_path: Path, name: str, content: object) -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def _assert_one_line_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_file_metrics_as_json_have_the_documented_keys(tmp_path, capsys) -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": "crossing", "properties": {"name": "Baku–Aktau",
             "published_length_km": [{"value": 380, "source": "trend"}]},
             "geometry": BAKU_AKTAU},
        ],
    }
    path = _write(tmp_path, "routes.geojson", collection)
    code, out, err = _run(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert code == 0, err
    (row,) = json.loads(out)
    expected_km = WGS84.Inverse(40.37, 49.87, 43.65, 51.15)["s12"] / 1000
    keys = {"layer", "feature", "length_km", "published_km", "delta_pct", "by_country_km"}
    assert keys <= set(row)
    assert row["layer"] == "routes"
    assert row["feature"] == "crossing"
    assert row["name"] == "Baku–Aktau"
    assert row["length_km"] == pytest.approx(expected_km, abs=0.0005)
    assert row["published_km"] == 380
    assert row["delta_pct"] == pytest.approx(100 * (expected_km - 380) / 380, abs=0.001)
    assert row["published"] == [{"value": 380.0, "source": "trend"}]


def test_file_split_by_country_reports_sea_and_the_caspian_nearest_states(tmp_path, capsys) -> None:
    path = _write(tmp_path, "crossing.geojson", BAKU_AKTAU)
    code, out, err = _run(
        ["metrics", "--file", str(path), "--by", "country", "--format", "json"], capsys
    )
    assert code == 0, err
    (row,) = json.loads(out)
    split = row["by_country_km"]
    assert "sea" in split
    assert sum(split.values()) == pytest.approx(row["length_km"], abs=0.005)
    assert set(row["sea_nearest_state_km"]) == {"AZE", "KAZ"}


def test_country_table_has_one_row_per_country_and_flags_the_approximation(
    tmp_path, capsys
) -> None:
    path = _write(tmp_path, "crossing.geojson", BAKU_AKTAU)
    code, out, _ = _run(["metrics", "--file", str(path), "--by", "country"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["layer", "feature", "country", "length_km"]
    assert set(lines[1]) == {"-", " "}
    countries = [line.split()[2] for line in lines[2:]]
    assert "sea" in countries and "sea~AZE" in countries and "sea~KAZ" in countries
    assert all("approximation" in line for line in lines[2:] if "sea~" in line)


def test_file_metrics_as_csv_open_as_a_table(tmp_path, capsys) -> None:
    path = _write(tmp_path, "crossing.geojson", BAKU_AKTAU)
    code, out, _ = _run(["metrics", "--file", str(path), "--format", "csv"], capsys)
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert float(row["length_km"]) > 370
    assert row["by_country_km"] == ""  # a file is split only with --by country


def test_invalid_json_exits_2_with_one_line(tmp_path, capsys) -> None:
    path = _write(tmp_path, "broken.geojson", '{"type": "FeatureCollection", "features": [')
    code, out, err = _run(["metrics", "--file", str(path)], capsys)
    _assert_one_line_error(code, out, err, "broken.geojson", "JSON")


def test_latitude_beyond_90_names_the_feature_and_the_coordinate_order(tmp_path, capsys) -> None:
    swapped = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": BAKU_AKTAU},
            {"type": "Feature", "properties": {},
             "geometry": {"type": "LineString", "coordinates": [[43.65, 51.15], [45.25, 95.0]]}},
        ],
    }
    path = _write(tmp_path, "swapped.geojson", swapped)
    code, out, err = _run(["metrics", "--file", str(path)], capsys)
    _assert_one_line_error(code, out, err, "feature 1", "95")


def test_empty_collection_exits_2_with_one_line(tmp_path, capsys) -> None:
    path = _write(tmp_path, "empty.geojson", {"type": "FeatureCollection", "features": []})
    code, out, err = _run(["metrics", "--file", str(path)], capsys)
    _assert_one_line_error(code, out, err, "empty.geojson")


def test_unsupported_geometry_exits_2_naming_the_type(tmp_path, capsys) -> None:
    circle = {"type": "Feature", "properties": {},
              "geometry": {"type": "Circle", "coordinates": [49.87, 40.37], "radius": 5}}
    path = _write(tmp_path, "circle.geojson", circle)
    code, out, err = _run(["metrics", "--file", str(path)], capsys)
    _assert_one_line_error(code, out, err, "feature 0", "Circle")


def test_missing_file_exits_2_with_one_line(tmp_path, capsys) -> None:
    code, out, err = _run(["metrics", "--file", str(tmp_path / "nope.geojson")], capsys)
    _assert_one_line_error(code, out, err, "nope.geojson")


def test_unknown_layer_exits_2_listing_the_valid_layers(capsys) -> None:
    code, out, err = _run(["metrics", "no_such_layer"], capsys)
    _assert_one_line_error(code, out, err, "no_such_layer", "btc_pipeline")


def test_layers_and_file_together_are_a_usage_error(tmp_path, capsys) -> None:
    path = _write(tmp_path, "crossing.geojson", BAKU_AKTAU)
    code, _, err = _run(["metrics", "btc_pipeline", "--file", str(path)], capsys)
    assert code == 2
    assert "either LAYER ids or --file" in err


def test_unknown_distance_kind_exits_2_listing_the_valid_kinds(capsys) -> None:
    code, out, err = _run(["distances", "--kind", "rhumb"], capsys)
    _assert_one_line_error(code, out, err, "'rhumb'", "valid kinds: geodesic, sea")


def test_subprocess_error_has_no_traceback(tmp_path) -> None:
    path = _write(tmp_path, "broken.geojson", "not json at all")
    result = subprocess.run(
        [sys.executable, "-m", "caspian.maps", "metrics", "--file", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("caspian: error:")


def test_catalog_json_is_byte_for_byte_the_same_on_every_run(capsys) -> None:
    first = _run(["metrics", "--format", "json"], capsys)
    second = _run(["metrics", "--format", "json"], capsys)
    assert first[0] == 0
    assert first == second


def test_chain_table_lists_legs_gaps_and_totals(capsys) -> None:
    code, out, _ = _run(["metrics", "--by", "chain"], capsys)
    assert code == 0
    assert "zangezur_corridor/horadiz-aghband" in out
    assert "gap to zangezur_corridor/syunik" in out
    summaries = [line for line in out.splitlines() if line.startswith("zangezur: ")]
    assert len(summaries) == 1
    assert "by mode rail" in summaries[0]


def test_distances_table_pairs_the_ports(capsys) -> None:
    code, out, _ = _run(["distances", "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    pairs = {(row["from"], row["to"]) for row in rows}
    assert ("aktau_port/aktau", "kuryk_port/kuryk") in pairs
    assert all(float(row["distance_km"]) > 0 for row in rows)


@pytest.mark.parametrize("name", ["ways.geojson", "ways.geojsonl"])
def test_a_row_without_the_layer_or_feature_property_others_have_keeps_stem_and_id(
    tmp_path, capsys, name: str
) -> None:
    # one feature naming its own `feature` and one its `layer` (as a catalog export does):
    # the others were listed with layer "" and feature "nan" instead of the stem and their id
    line = {"type": "LineString", "coordinates": [[49.0, 40.0], [50.0, 41.0]]}
    features = [
        {"type": "Feature", "id": "w1", "properties": {"feature": "named"}, "geometry": line},
        {"type": "Feature", "id": "w2", "properties": {}, "geometry": line},
        {"type": "Feature", "properties": {"layer": "mine"}, "geometry": line},
    ]
    text = (json.dumps({"type": "FeatureCollection", "features": features})
            if name.endswith(".geojson") else "".join(json.dumps(f) + "\n" for f in features))
    path = _write(tmp_path, name, text)
    code, out, err = _run(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert [(row["layer"], row["feature"]) for row in rows] == [
        ("ways", "named"), ("ways", "w2"), ("mine", "2")]


def test_openstreetmap_s_layer_tag_is_not_taken_for_the_layer_s_name(tmp_path, capsys) -> None:
    # `caspian osm fetch` keeps every tag, and OSM's layer=1 (a bridge) or layer=-1 (a
    # tunnel) was listed as the layer of those ways: rows "1" and "-1" beside "osm-rail"
    line = {"type": "LineString", "coordinates": [[49.0, 40.0], [50.0, 41.0]]}
    features = [{"type": "Feature", "id": f"way/{i}", "properties": {"railway": "rail", **tags},
                 "geometry": line}
                for i, tags in enumerate([{"layer": "1", "bridge": "yes"}, {"layer": "-1"}, {}])]
    path = _write(tmp_path, "osm-rail.geojson", {"type": "FeatureCollection",
                                                 "features": features})
    code, out, err = _run(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert code == 0, err
    assert [row["layer"] for row in json.loads(out)] == ["osm-rail"] * 3


def test_file_metrics_list_points_and_polygons_as_the_docs_say(tmp_path, capsys) -> None:
    # docs/metrics.md said the command "lists routes only", but of a --file it lists every
    # feature; the docs now say so: a point measures 0, a polygon has no length (null)
    polygon = {"type": "Polygon", "coordinates": [[[49, 40], [50, 40], [50, 41], [49, 40]]]}
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "r", "properties": {}, "geometry": BAKU_AKTAU},
        {"type": "Feature", "id": "p", "properties": {},
         "geometry": {"type": "Point", "coordinates": [49.87, 40.37]}},
        {"type": "Feature", "id": "g", "properties": {}, "geometry": polygon},
    ]}
    path = _write(tmp_path, "mixed.geojson", collection)
    code, out, err = _run(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert [row["feature"] for row in rows] == ["r", "p", "g"]
    expected_km = WGS84.Inverse(40.37, 49.87, 43.65, 51.15)["s12"] / 1000
    assert rows[0]["length_km"] == pytest.approx(expected_km, abs=0.0005)
    assert rows[1]["length_km"] == 0.0
    assert rows[2]["length_km"] is None
    docs = (Path(__file__).parents[1] / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert "Of a `--file`, it lists every feature" in docs
