"""A user's file in every GIS format: written through pyogrio (GeoParquet through geopandas),
read back in batches, measured, validated and drawn like the same features in GeoJSON."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import geopandas
import numpy as np
import pandas
import pyogrio
import pyproj
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.io.ogr_reader import GdalNotices
from caspian.layers.io.userfiles import (
    read_user_file,
    read_user_layers,
    user_batches,
    user_format,
    user_layer_batches,
    validate_user_file,
)
from caspian.layers.metrics import file_metrics
from cli_support import run_cli

#: pyogrio driver of each streamed format (GeoParquet has none in pyogrio's wheels).
DRIVERS = {
    ".geojsonl": "GeoJSONSeq",
    ".parquet": None,
    ".gpkg": "GPKG",
    ".fgb": "FlatGeobuf",
    ".shp": "ESRI Shapefile",
}


def _routes() -> geopandas.GeoDataFrame:
    """Three lines around the Caspian (one across the Azerbaijan–Georgia border, one at sea)
    with Azerbaijani and Russian names and one published length."""
    return geopandas.GeoDataFrame(
        {
            "name": ["Ələt–Bakı", "Актау–Алят", "Gardabani–Ağstafa"],
            "published_length_km": [70.0, None, None],
        },
        geometry=[
            shapely.LineString([(49.407, 39.948), (49.6, 40.1), (49.867, 40.409)]),
            shapely.LineString([(51.1, 43.6), (50.2, 42.0), (49.5, 40.2)]),
            shapely.LineString([(45.10, 41.46), (45.25, 41.30), (45.41, 41.12)]),
        ],
        crs="EPSG:4326",
    )


def _write(frame: geopandas.GeoDataFrame, path: Path) -> Path:
    if path.suffix == ".parquet":
        frame.to_parquet(path)
    else:
        pyogrio.write_dataframe(frame, path, driver=DRIVERS[path.suffix])
    return path


@pytest.fixture(scope="module")
def geojson_metrics(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = tmp_path_factory.mktemp("geojson") / "routes.geojson"
    pyogrio.write_dataframe(_routes(), path, driver="GeoJSON")
    return file_metrics(path, by_country=True).set_index("name")


@pytest.mark.parametrize("suffix", list(DRIVERS))
def test_each_format_measures_and_splits_like_geojson_to_the_metre(
    suffix: str, tmp_path: Path, geojson_metrics: object
) -> None:
    path = _write(_routes(), tmp_path / f"routes{suffix}")
    assert user_format(path).streamed
    ours = file_metrics(path, by_country=True).set_index("name")
    theirs = geojson_metrics
    assert sorted(ours.index) == sorted(theirs.index)  # type: ignore[attr-defined]
    for name in ours.index:
        assert ours.at[name, "length_km"] == pytest.approx(
            theirs.at[name, "length_km"], abs=1e-3)  # type: ignore[attr-defined]
        ours_split = ours.at[name, "by_country_km"]
        theirs_split = theirs.at[name, "by_country_km"]  # type: ignore[attr-defined]
        assert ours_split.keys() == theirs_split.keys()
        for country, length_km in theirs_split.items():
            assert ours_split[country] == pytest.approx(length_km, abs=1e-3)
    border = ours.loc["Gardabani–Ağstafa", "by_country_km"]
    assert border["GEO"] > 0 and border["AZE"] > 0
    if suffix == ".shp":  # dBase cuts field names to 10 characters: "published_"
        return
    assert ours.loc["Ələt–Bakı", "published_km"] == 70.0
    assert ours.loc["Ələt–Bakı", "delta_km"] == pytest.approx(
        ours.loc["Ələt–Bakı", "length_km"] - 70.0)


def test_a_projected_geopackage_is_measured_in_degrees(tmp_path: Path) -> None:
    routes = _routes()
    path = _write(routes.to_crs("EPSG:3857"), tmp_path / "routes.gpkg")
    ours = file_metrics(path)["length_km"].to_numpy()
    expected = file_metrics(_write(routes, tmp_path / "lonlat.gpkg"))["length_km"].to_numpy()
    assert np.allclose(ours, expected, rtol=1e-9)
    assert 40 < ours[0] < 80  # Ələt–Bakı, some 60 km: not metres read as degrees


def test_batches_hold_at_most_their_size_and_number_features_over_the_file(
    tmp_path: Path,
) -> None:
    routes = geopandas.GeoDataFrame(
        {"name": [f"way {i}" for i in range(20)]},
        geometry=[shapely.LineString([(50 + i / 10, 40), (50 + i / 10, 40.1)])
                  for i in range(20)],
        crs="EPSG:4326",
    )
    path = _write(routes, tmp_path / "ways.parquet")
    batches = list(user_batches(path, batch_size=7))
    assert [len(batch) for batch in batches] == [7, 7, 6]
    assert np.concatenate([batch["id"] for batch in batches]).tolist() == list(range(20))
    assert batches[2]["name"].tolist()[-1] == "way 19"


def test_validate_names_the_feature_and_the_rule_of_geojson(tmp_path: Path) -> None:
    routes = _routes()
    routes.loc[1, "geometry"] = shapely.LineString([(51.1, 43.6), (50.2, 95.0)])
    path = _write(routes, tmp_path / "routes.gpkg")
    count, problems = validate_user_file(path)
    assert count == 3
    assert [(problem.index, problem.message) for problem in problems] == [
        (1, "position 1 has latitude 95, beyond ±90: coordinates look swapped: GeoJSON is "
            "[lon, lat]; swap the two numbers"),
    ]
    with pytest.raises(InputError, match=r"routes.gpkg: feature 1: position 1 has latitude 95"):
        file_metrics(path)


def test_a_streamed_file_with_several_problems_says_at_least_how_many_more(
    tmp_path: Path,
) -> None:
    # A streamed read stops at the first batch with a problem: later batches may hold more,
    # so the count is a floor, in the same wording as a whole GeoJSON file's exact count.
    routes = _routes()
    for row in (0, 2):
        routes.loc[row, "geometry"] = shapely.LineString([(51.1, 43.6), (50.2, 95.0)])
    path = _write(routes, tmp_path / "routes.gpkg")
    with pytest.raises(InputError) as info:
        read_user_file(path)
    assert str(info.value) == (
        f"{path}: feature 0: position 1 has latitude 95, beyond ±90: coordinates look swapped: "
        f"GeoJSON is [lon, lat]; swap the two numbers (and at least 1 more problem: run "
        f"`caspian validate {path}` to list them)")


def test_validate_command_counts_a_clean_flatgeobuf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(_routes(), tmp_path / "routes.fgb")
    code, out, _ = run_cli(["validate", str(path)], capsys)
    assert (code, out.strip()) == (0, "ok: 3 features")


def test_a_parquet_file_without_geoparquet_metadata_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "table.parquet"
    pandas.DataFrame(_routes().drop(columns="geometry")).to_parquet(path)
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {path}: a Parquet file without GeoParquet metadata (no "
                   "\"geo\" key naming a geometry column); write it with geopandas "
                   "(GeoDataFrame.to_parquet) or ogr2ogr -f Parquet\n")


def test_a_file_in_another_format_under_an_unknown_suffix_is_recognised(tmp_path: Path) -> None:
    path = _write(_routes(), tmp_path / "routes.gpkg").rename(tmp_path / "routes.data")
    assert user_format(path).name == "GeoPackage"
    assert len(file_metrics(path)) == 3


def test_map_reads_a_geoparquet_file_with_each_feature_own_properties(tmp_path: Path) -> None:
    path = _write(_routes(), tmp_path / "routes.parquet")
    frame, own = read_user_file(path)
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns) == ["name", "published_length_km", "id", "geometry"]
    assert own[0] == {"name": "Ələt–Bakı", "published_length_km": 70.0}
    assert own[1] == {"name": "Актау–Алят"}  # a null attribute is no property of the feature


def test_a_fifo_named_like_geoparquet_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "routes.parquet"
    os.mkfifo(path)
    with pytest.raises(InputError, match=r"is a FIFO \(named pipe\), not a regular file"):
        file_metrics(path)


def test_damaged_geometry_bytes_name_the_feature(tmp_path: Path) -> None:
    import pyarrow
    import pyarrow.parquet

    path = _write(_routes(), tmp_path / "routes.parquet")
    table = pyarrow.parquet.read_table(path)
    column = table.schema.get_field_index("geometry")
    damaged = table.set_column(column, table.schema.field(column), pyarrow.array(
        [table["geometry"][0].as_py(), b"\x01\x02\x00", table["geometry"][2].as_py()],
        type=pyarrow.binary()))
    pyarrow.parquet.write_table(damaged, path)
    with pytest.raises(InputError, match=r"routes.parquet: feature 1: geometry is not valid WKB"):
        file_metrics(path)


# A file of several vector layers: a GeoPackage as QGIS and ogr2ogr see it, every layer read.

#: WGS84, as the metrics use it; the expected lengths are computed here, not copied.
GEOD = pyproj.Geod(ellps="WGS84")


def _two_layers(path: Path) -> Path:
    """``land`` (Ələt–Bakı and Gardabani–Ağstafa) then ``sea`` (Актау–Алят), in that order."""
    routes = _routes()
    pyogrio.write_dataframe(routes.iloc[[0, 2]], path, layer="land", driver="GPKG")
    pyogrio.write_dataframe(routes.iloc[[1]], path, layer="sea", driver="GPKG")
    return path


def _geodesic_km(line: shapely.LineString) -> float:
    lons, lats = line.xy
    return float(GEOD.line_length(lons, lats)) / 1000


def test_every_layer_of_a_geopackage_is_measured_with_its_layer_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _two_layers(tmp_path / "routes.gpkg")
    routes = _routes()
    code, out, err = run_cli(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert (code, err) == (0, "")  # no UserWarning "More than one layer found" either
    rows = json.loads(out)
    assert [(row["layer"], row["feature"]) for row in rows] == [
        ("routes:land", "0"), ("routes:land", "1"), ("routes:sea", "0")]
    for row, line in zip(rows, routes.geometry.iloc[[0, 2, 1]], strict=True):
        assert row["length_km"] == pytest.approx(_geodesic_km(line), abs=1e-3)
    assert rows[0]["published_km"] == 70.0  # Ələt–Bakı's attribute, read from layer land


def test_layers_stream_one_after_the_other_each_counted_from_zero(tmp_path: Path) -> None:
    path = _two_layers(tmp_path / "routes.gpkg")
    batches = list(user_layer_batches(path, batch_size=1))
    assert [(layer, frame["id"].tolist(), frame["name"].tolist()) for layer, frame in batches] == [
        ("land", [0], ["Ələt–Bakı"]), ("land", [1], ["Gardabani–Ağstafa"]),
        ("sea", [0], ["Актау–Алят"])]


def test_a_geopackage_of_one_layer_measures_as_the_same_features_in_geojson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The layer column stays the file's stem: a one-layer file's output is what it was.
    (tmp_path / "gpkg").mkdir()
    gpkg = _write(_routes(), tmp_path / "gpkg" / "routes.gpkg")
    geojson = tmp_path / "routes.geojson"
    pyogrio.write_dataframe(_routes(), geojson, driver="GeoJSON")
    ours = run_cli(["metrics", "--file", str(gpkg), "--format", "csv"], capsys)
    theirs = run_cli(["metrics", "--file", str(geojson), "--format", "csv"], capsys)
    assert ours == theirs
    assert ours[1].splitlines()[1].startswith("routes,0,")


def test_validate_checks_every_layer_and_names_the_layer_of_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _two_layers(tmp_path / "routes.gpkg")
    assert run_cli(["validate", str(path)], capsys) == (0, "ok: 3 features\n", "")
    sea = _routes().iloc[[1]]
    sea.loc[1, "geometry"] = shapely.LineString([(51.1, 43.6), (50.2, 95.0)])
    path.unlink()
    pyogrio.write_dataframe(_routes().iloc[[0, 2]], path, layer="land", driver="GPKG")
    pyogrio.write_dataframe(sea, path, layer="sea", driver="GPKG")
    code, out, err = run_cli(["validate", str(path)], capsys)
    problem = ("position 1 has latitude 95, beyond ±90: coordinates look swapped: GeoJSON is "
               "[lon, lat]; swap the two numbers")
    assert (code, out, err) == (2, f"{path}: layer 'sea', feature 0: {problem}\n", "")
    code, out, _ = run_cli(["validate", str(path), "--format", "json"], capsys)
    assert json.loads(out) == [{"file": str(path), "index": 0, "id": None, "message": problem,
                                "layer": "sea"}]
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == f"caspian: error: {path}: layer 'sea', feature 0: {problem}\n"


def test_map_draws_each_layer_of_a_geopackage_as_its_own_overlay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _two_layers(tmp_path / "routes.gpkg")
    html = tmp_path / "map.html"
    code, _, err = run_cli(["map", "btc_pipeline", "--add", str(path), "-o", str(html)], capsys)
    assert code == 0
    assert "Warning" not in err
    page = html.read_text(encoding="utf-8")
    assert 'groups["Your data"]["routes: land"]' in page
    assert 'groups["Your data"]["routes: sea"]' in page
    assert 'groups["Your data"]["routes.gpkg"]' not in page
    layers = read_user_layers(path)
    assert [(layer, frame["name"].tolist()) for layer, frame, _ in layers] == [
        ("land", ["Ələt–Bakı", "Gardabani–Ağstafa"]), ("sea", ["Актау–Алят"])]


def _with_table(path: Path, *layers: geopandas.GeoDataFrame) -> Path:
    for number, frame in enumerate(layers):
        pyogrio.write_dataframe(frame, path, layer=f"routes{number}", driver="GPKG")
    pyogrio.write_dataframe(pandas.DataFrame({"route": ["Ələt–Bakı"], "tariff_usd": [12.5]}),
                            path, layer="tariffs", driver="GPKG")
    return path


def test_a_table_without_geometry_is_skipped_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_table(tmp_path / "routes.gpkg", _routes())
    assert [str(kind) for _, kind in pyogrio.list_layers(path)] == ["LineString", "None"]
    code, out, err = run_cli(["metrics", "--file", str(path), "--format", "csv"], capsys)
    assert code == 0
    assert [line.split(",")[:2] for line in out.splitlines()[1:]] == [
        ["routes", "0"], ["routes", "1"], ["routes", "2"]]  # one vector layer: the stem alone
    assert err == (f"caspian: {path}: skipped 1 table without geometry ('tariffs'): only "
                   "layers with geometry are measured, checked and drawn\n")
    assert run_cli(["validate", str(path)], capsys)[1:] == ("ok: 3 features\n", err)


def test_a_file_of_tables_alone_is_one_line_naming_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_table(tmp_path / "tariffs.gpkg")
    for argv in (["metrics", "--file", str(path)], ["map", "--add", str(path), "-o",
                                                      str(tmp_path / "m.html")]):
        assert run_cli(argv, capsys) == (2, "", (
            f"caspian: error: {path}: the file holds no layer with geometry (only 1 table "
            "without geometry ('tariffs')); give a file with a vector layer, or add a "
            "geometry to the table (in QGIS, or ogr2ogr with -nlt)\n"))
    assert not (tmp_path / "m.html").exists()


def test_a_flatgeobuf_cut_short_and_a_shapefile_without_its_index_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = tmp_path / "whole.fgb"
    pyogrio.write_dataframe(_routes(), whole, driver="FlatGeobuf")
    cut = tmp_path / "cut.fgb"
    cut.write_bytes(whole.read_bytes()[:200])  # the header survives, no feature does
    assert len(pyogrio.list_layers(cut)) == 0
    assert run_cli(["metrics", "--file", str(cut)], capsys) == (2, "", (
        f"caspian: error: {cut}: GDAL finds no layer in this FlatGeobuf file: it may be cut "
        "short or empty; check it, or export it again\n"))
    shapefile = tmp_path / "lines.shp"
    pyogrio.write_dataframe(_routes(), shapefile)
    shapefile.with_suffix(".shx").unlink()
    code, out, err = run_cli(["metrics", "--file", str(shapefile)], capsys)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"caspian: error: {shapefile}: not readable as Shapefile (")
    assert "lines.shx" in err and err.endswith("; check the file\n")


def test_a_geopackage_under_another_suffix_reads_without_gdal_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GDAL warns "has GPKG application_id, but non conformant file extension": we chose the
    # driver from the first bytes on purpose, so the warning is silenced.
    path = _two_layers(tmp_path / "routes.gpkg").rename(tmp_path / "routes.data")
    with pytest.warns(RuntimeWarning, match="non conformant file extension"):
        pyogrio.list_layers(path)
    assert run_cli(["validate", str(path)], capsys) == (0, "ok: 3 features\n", "")


def test_any_other_gdal_warning_is_one_line_of_ours_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notices = GdalNotices(tmp_path / "routes.gpkg")
    with caplog.at_level("WARNING", logger="caspian"), warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would fail the test
        for _ in range(2):
            with notices.caught():
                warnings.warn("Field 'x' of width 300 truncated to 254.\nmore", RuntimeWarning,
                              stacklevel=1)
                warnings.warn("More than one layer found in 'routes.gpkg'", UserWarning,
                              stacklevel=1)
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'routes.gpkg'}: Field 'x' of width 300 truncated to 254."]


def test_a_geopackage_without_features_is_one_line_on_the_map_as_in_metrics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.gpkg"
    pyogrio.write_dataframe(_routes().iloc[:0], path, layer="routes", driver="GPKG")
    line = f"caspian: error: {path}: the file holds no features; add some\n"
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", line)
    assert run_cli(["map", "--add", str(path), "-o", str(tmp_path / "m.html")], capsys) == (
        2, "", line)


def test_a_shapefile_whose_cpg_names_the_wrong_encoding_names_each_feature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Latin-1 bytes under a .cpg that says UTF-8: GDAL passes them on without a warning, and
    # pyarrow failed on them later with a traceback ("Wrapping Caf\ufffd failed").
    routes = _routes().assign(name=["Café", "Grüner Weg", "Ağstafa"])[["name", "geometry"]][:2]
    path = tmp_path / "routes.shp"
    pyogrio.write_dataframe(routes, path, encoding="latin1")
    path.with_suffix(".cpg").write_text("UTF-8", encoding="ascii")
    code, out, err = run_cli(["validate", str(path)], capsys)
    fix = ("the text is in another encoding than the file declares; read as CP1252 it says "
           "{!r}: if so, name that encoding (a Shapefile's .cpg: CP1252), or save the file "
           "again as UTF-8")
    assert (code, err) == (2, "")
    assert out.splitlines() == [
        f"{path}: feature 0: attribute 'name' is not UTF-8 (byte 0xe9 at byte 3): "
        + fix.format("Café"),
        f"{path}: feature 1: attribute 'name' is not UTF-8 (byte 0xfc at byte 2): "
        + fix.format("Grüner Weg")]
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"caspian: error: {path}: feature 0: attribute 'name' is not UTF-8")
    path.with_suffix(".cpg").write_text("ISO-8859-1", encoding="ascii")  # the fix it names
    assert read_user_file(path)[0]["name"].tolist() == ["Café", "Grüner Weg"]


def _feature_line(number: int) -> str:
    return json.dumps({"type": "Feature", "properties": {"name": f"line {number}"},
                       "geometry": {"type": "LineString",
                                    "coordinates": [[49.0 + number / 10, 40.0], [49.5, 40.5]]}})


@pytest.mark.parametrize(("bad", "reason"), [
    ("{broken", "not JSON (Expecting property name enclosed in double quotes"),
    ("[1, 2]", "not a GeoJSON Feature;"),
])
def test_a_geojson_lines_record_gdal_skips_is_named_not_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, reason: str
) -> None:
    # GDAL's GeoJSONSeq driver drops such a line without a word ("ok: 4 features" for five)
    path = tmp_path / "routes.geojsonl"
    lines = [_feature_line(0), "", _feature_line(1), bad, _feature_line(3), _feature_line(4)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for argv in (["validate", str(path)], ["metrics", "--file", str(path)]):
        code, out, err = run_cli(argv, capsys)
        assert code == 2 and (out + err).count("\n") == 1
        assert f"{path}: line 4 is {reason}" in out + err
        assert (out + err).rstrip().endswith("fix the line or remove it")


def test_geojson_lines_with_blank_lines_and_records_over_several_lines_read_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "blank.geojsonl"
    blank.write_text(_feature_line(0) + "\n\n   \n" + _feature_line(1) + "\n", encoding="utf-8")
    # RFC 8142: each record opens with RS and may span lines
    separated = tmp_path / "routes.geojsons"
    separated.write_text("".join("\x1e" + json.dumps(json.loads(_feature_line(n)), indent=1)
                                 + "\n" for n in range(3)), encoding="utf-8")
    assert run_cli(["validate", str(blank)], capsys) == (0, "ok: 2 features\n", "")
    assert run_cli(["validate", str(separated)], capsys) == (0, "ok: 3 features\n", "")
    separated.write_text(separated.read_text(encoding="utf-8") + "\x1e{\n\"type\": 1\n",
                         encoding="utf-8")
    code, out, _ = run_cli(["validate", str(separated)], capsys)
    assert code == 2 and f"{separated}: line 58 is not JSON" in out
