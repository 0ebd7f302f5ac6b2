"""Choosing layers of a file of several (a GeoPackage): ``--layer NAME`` on every command that
reads a user's file, by name as ``ogr2ogr in.gpkg rail`` and ``geopandas.read_file(layer=)``
take it. The GeoPackages are written by pyogrio in a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import geopandas
import pandas
import pyogrio
import pyproj
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.io.ogr_reader import LayerChoiceError, _pick
from caspian.layers.io.userfiles import read_user_layers, user_layer_batches, validate_user_file
from caspian.layers.metrics import file_metrics
from caspian.maps.render import build_map
from cli_support import run_cli

#: WGS84, as the metrics use it; the expected lengths are computed here, not copied.
GEOD = pyproj.Geod(ellps="WGS84")

RAIL = shapely.LineString([(49.407, 39.948), (49.6, 40.1), (49.867, 40.409)])  # Ələt–Bakı
ROAD = shapely.LineString([(45.10, 41.46), (45.25, 41.30), (45.41, 41.12)])  # Gardabani–Ağstafa


def _km(line: shapely.LineString) -> float:
    lons, lats = line.xy
    return float(GEOD.line_length(lons, lats)) / 1000


def _line(name: str, line: shapely.LineString) -> geopandas.GeoDataFrame:
    return geopandas.GeoDataFrame({"name": [name]}, geometry=[line], crs="EPSG:4326")


@pytest.fixture
def routes(tmp_path: Path) -> Path:
    """``rail``, ``road`` and ``2024`` (a layer named by a year, as people do), then a table
    ``tariffs`` without geometry."""
    path = tmp_path / "routes.gpkg"
    pyogrio.write_dataframe(_line("Ələt–Bakı", RAIL), path, layer="rail", driver="GPKG")
    pyogrio.write_dataframe(_line("Gardabani–Ağstafa", ROAD), path, layer="road", driver="GPKG")
    pyogrio.write_dataframe(_line("Bakı 2024", RAIL), path, layer="2024", driver="GPKG")
    pyogrio.write_dataframe(pandas.DataFrame({"tariff_usd": [12.5]}), path, layer="tariffs",
                            driver="GPKG")
    return path


def test_metrics_layer_measures_that_layer_alone_named_as_in_the_whole_file(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["metrics", "--file", str(routes), "--layer", "road",
                              "--format", "json"], capsys)
    assert (code, err) == (0, "")  # the table it did not ask for is not announced either
    rows = json.loads(out)
    assert [(row["layer"], row["name"]) for row in rows] == [("routes:road", "Gardabani–Ağstafa")]
    assert rows[0]["length_km"] == pytest.approx(_km(ROAD), abs=1e-3)


def test_layers_given_several_times_are_read_in_the_order_given(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["metrics", "--file", str(routes), "--layer", "road", "--layer",
                            "rail", "--format", "json"], capsys)
    assert code == 0
    assert [row["layer"] for row in json.loads(out)] == ["routes:road", "routes:rail"]


def test_a_layer_the_file_does_not_hold_is_one_line_listing_those_it_does(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["metrics", "--file", str(routes), "--layer", "rial"], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {routes}: the file holds no layer 'rial'; its layers with "
                   "geometry: 'rail', 'road', '2024'; give one of them to --layer\n")


def test_a_layer_is_a_name_not_a_position(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["metrics", "--file", str(routes), "--layer", "2024",
                            "--format", "json"], capsys)
    assert code == 0
    assert [row["name"] for row in json.loads(out)] == ["Bakı 2024"]  # the layer, not row 2024
    code, _, err = run_cli(["metrics", "--file", str(routes), "--layer", "0"], capsys)
    assert code == 2
    assert "no layer '0' (--layer takes a name, not a position, as ogr2ogr does)" in err


def test_a_layer_name_in_another_case_picks_that_layer_as_ogr_does(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GDAL's GetLayerByName (ogr2ogr, QGIS, pyogrio.read_dataframe(layer="RAIL")) falls back
    # to the one layer whose name matches ignoring case; before: "the file holds no layer"
    code, out, err = run_cli(["metrics", "--file", str(routes), "--layer", "RAIL",
                              "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert [(row["layer"], row["name"]) for row in json.loads(out)] == [
        ("routes:rail", "Ələt–Bakı")]  # named as the file names it
    assert validate_user_file(routes, layers="Road") == (1, [])
    code, _, err = run_cli(["validate", str(routes), "--layer", "Tariffs"], capsys)
    assert code == 2
    assert "layer 'tariffs' is a table without geometry" in err


def test_one_layer_named_twice_in_two_cases_is_refused(routes: Path) -> None:
    with pytest.raises(LayerChoiceError, match="'rail' and 'RAIL' both name the layer 'rail'"):
        file_metrics(routes, layers=["rail", "RAIL"])


def test_a_name_matching_several_layers_ignoring_case_and_none_exactly_names_them() -> None:
    # GDAL writes no GeoPackage or File Geodatabase of layers "rail" and "Rail" (it refuses
    # the second, or renames it Rail_1), so the rule is tested on the names alone
    spatial = ["rail", "Rail", "road"]
    assert _pick(Path("routes.gpkg"), spatial, [], ["Rail"]) == ["Rail"]  # exact first
    with pytest.raises(LayerChoiceError) as refused:
        _pick(Path("routes.gpkg"), spatial, [], ["RAIL"])
    assert str(refused.value) == (
        "routes.gpkg: the file holds no layer 'RAIL', and 2 whose names differ from it only "
        "in case: 'rail', 'Rail'; give one of them, as it is written, to layers=")


def test_a_table_without_geometry_chosen_is_named_as_such(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["validate", str(routes), "--layer", "tariffs"], capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert "layer 'tariffs' is a table without geometry" in err


def test_validate_layer_counts_and_checks_that_layer_alone(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["validate", str(routes), "--layer", "rail"], capsys)
    assert (code, out, err) == (0, "ok: 1 feature\n", "")
    assert validate_user_file(routes, layers=["rail", "road"]) == (2, [])


def test_map_add_layer_draws_that_layer_alone(
    routes: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "map.html"
    code, _, err = run_cli(["map", "btc_pipeline", "--add", str(routes), "--layer", "road",
                            "-o", str(html)], capsys)
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert 'groups["Your data"]["routes: road"]' in page
    assert 'groups["Your data"]["routes: rail"]' not in page


def test_the_library_takes_one_name_or_several(routes: Path) -> None:
    assert [(layer, frame["name"].tolist()) for layer, frame, _ in
            read_user_layers(routes, layers="road")] == [("road", ["Gardabani–Ağstafa"])]
    assert [layer for layer, _ in user_layer_batches(routes, layers=("2024", "rail"))] == [
        "2024", "rail"]
    assert file_metrics(routes, layers=["rail"])["layer"].tolist() == ["routes:rail"]
    fmap = build_map(["btc_pipeline"], add=[routes], add_layers="rail")
    assert "routes: rail" in fmap.get_root().render()


def test_build_map_names_its_own_keyword_add_layers_in_a_refusal(
    routes: Path, tmp_path: Path
) -> None:
    # before: "give one of them to layers=", a keyword build_map does not take
    with pytest.raises(LayerChoiceError) as refused:
        build_map(["btc_pipeline"], add=[routes], add_layers="rial")
    assert str(refused.value).endswith("give one of them to add_layers=")
    assert refused.value.options == ("add_layers",)
    with pytest.raises(LayerChoiceError, match="both name the layer 'rail'") as refused:
        build_map(["btc_pipeline"], add=[routes], add_layers=["rail", "RAIL"])
    assert str(refused.value).startswith(f"{routes}: add_layers= 'rail' and 'RAIL'")
    path = tmp_path / "rail.geojson"
    pyogrio.write_dataframe(_line("Ələt–Bakı", RAIL), path, driver="GeoJSON")
    with pytest.raises(LayerChoiceError, match="leave add_layers= out"):
        build_map([], add=[path], add_layers="rail")
    with pytest.raises(LayerChoiceError, match="give one of them to layers="):
        read_user_layers(routes, layers="rial")  # its own keyword, as before


def test_a_layer_given_twice_or_empty_is_refused(routes: Path) -> None:
    with pytest.raises(InputError, match="names 'rail' twice"):
        file_metrics(routes, layers=["rail", "rail"])
    with pytest.raises(InputError, match="holds an empty name"):
        file_metrics(routes, layers=[""])
    with pytest.raises(InputError, match="layer names"):
        file_metrics(routes, layers=[])


@pytest.mark.parametrize("suffix, driver", [(".geojson", "GeoJSON"), (".fgb", "FlatGeobuf"),
                                            (".shp", "ESRI Shapefile")])
def test_a_format_of_one_layer_refuses_a_layer_choice_naming_the_format(
    suffix: str, driver: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"rail{suffix}"
    pyogrio.write_dataframe(_line("Ələt–Bakı", RAIL), path, driver=driver)
    for argv in (["metrics", "--file", str(path)], ["validate", str(path)],
                 ["map", "--add", str(path), "-o", str(tmp_path / "m.html")]):
        code, out, err = run_cli([*argv, "--layer", "rail"], capsys)
        assert (code, out) == (2, "")
        assert err.endswith("file holds one layer, so there is no layer to choose; leave "
                            "--layer out (it picks layers of a GeoPackage or File Geodatabase)\n")
    assert not (tmp_path / "m.html").exists()
    with pytest.raises(LayerChoiceError, match="leave layers= out"):
        read_user_layers(path, layers="rail")


def test_layer_without_a_file_to_choose_from_is_a_usage_error(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["metrics", "--layer", "rail"], capsys)
    assert code == 2
    assert "--layer picks layers of a --file" in err


def test_a_chosen_layer_of_no_features_is_named_not_called_an_empty_file(
    routes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a layer QGIS made and left empty: its geometry type declared, no feature in it
    empty = geopandas.GeoDataFrame({"name": pandas.Series([], dtype=str)},
                                   geometry=geopandas.GeoSeries([], crs="EPSG:4326"))
    pyogrio.write_dataframe(empty, routes, layer="planned", driver="GPKG",
                            geometry_type="LineString")
    fix = f"{routes}: layer 'planned' holds no features; add some, or choose another layer\n"
    code, out, err = run_cli(["metrics", "--file", str(routes), "--layer", "planned"], capsys)
    assert (code, out, err) == (2, "", f"caspian: error: {fix}")  # before: "the file holds no
    code, out, _ = run_cli(["validate", str(routes), "--layer", "planned"], capsys)  # features"
    assert (code, out) == (2, fix)
    code, _, err = run_cli(["map", "--add", str(routes), "--layer", "planned", "-o",
                            str(routes.with_suffix(".html"))], capsys)
    assert (code, err) == (2, f"caspian: error: {fix}")
    # beside a layer with features, it adds no row
    code, out, _ = run_cli(["metrics", "--file", str(routes), "--layer", "planned", "--layer",
                            "rail", "--format", "json"], capsys)
    assert (code, [row["layer"] for row in json.loads(out)]) == (0, ["routes:rail"])


@pytest.fixture
def geodatabase(tmp_path: Path) -> Path:
    """A File Geodatabase (a folder, as ArcGIS writes it) of layers ``rail`` and ``road``."""
    path = tmp_path / "routes.gdb"
    pyogrio.write_dataframe(_line("Ələt–Bakı", RAIL), path, layer="rail", driver="OpenFileGDB")
    pyogrio.write_dataframe(_line("Gardabani–Ağstafa", ROAD), path, layer="road",
                            driver="OpenFileGDB")
    return path


def test_a_file_geodatabase_folder_is_read_layer_by_layer(
    geodatabase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: "Invalid value for '--file': File 'routes.gdb' is a directory"
    code, out, err = run_cli(["metrics", "--file", str(geodatabase), "--format", "json"], capsys)
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(row["layer"], row["name"]) for row in rows] == [
        ("routes:rail", "Ələt–Bakı"), ("routes:road", "Gardabani–Ağstafa")]
    assert [row["length_km"] for row in rows] == pytest.approx([_km(RAIL), _km(ROAD)], abs=1e-3)
    code, out, _ = run_cli(["validate", str(geodatabase), "--layer", "road"], capsys)
    assert (code, out) == (0, "ok: 1 feature\n")
    html = geodatabase.with_name("map.html")
    code, _, err = run_cli(["map", "--add", str(geodatabase), "-o", str(html)], capsys)
    assert code == 0, err
    assert 'groups["Your data"]["routes: road"]' in html.read_text(encoding="utf-8")


def test_a_zipped_file_geodatabase_is_read_as_the_folder(
    geodatabase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zipped = geodatabase.with_name("routes.gdb.zip")
    shutil.make_archive(str(zipped.with_suffix("")), "zip", geodatabase.parent, geodatabase.name)
    # before: "not GeoJSON: the file is a ZIP archive (a KMZ or a zipped shapefile?)"
    code, out, err = run_cli(["metrics", "--file", str(zipped), "--layer", "road", "--format",
                              "json"], capsys)
    assert (code, err) == (0, "")
    # named as the folder's layer (before this, "routes.gdb:road")
    assert [(row["layer"], row["name"]) for row in json.loads(out)] == [
        ("routes:road", "Gardabani–Ağstafa")]


def test_a_folder_named_gdb_that_is_no_geodatabase_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.gdb").mkdir()
    code, out, err = run_cli(["metrics", "--file", str(tmp_path / "empty.gdb")], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"caspian: error: {tmp_path / 'empty.gdb'}: not readable as FileGDB")
    assert err.count("\n") == 1


def test_a_geodatabase_holding_a_fifo_is_refused_without_waiting(
    geodatabase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: GDAL opened the table and waited for a writer, for ever
    table = geodatabase / "a00000001.gdbtable"
    table.unlink()
    os.mkfifo(table)
    code, out, err = run_cli(["metrics", "--file", str(geodatabase)], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {table}: is a FIFO (named pipe) inside the folder, not a "
                   "regular file; give a folder of regular files (copy the geodatabase again)\n")


@pytest.mark.parametrize("argv, said", [
    (["map", "--layer", "rail"], "--layer picks layers of an --add file"),
    (["map", "--add", "routes.gpkg", "--layer", "rail", "--route", "Aktau", "Kars"],
     "the --route drawn is a file of one layer"),
    (["metrics", "--file", "rail.parquet", "--layer", "rail", "--workers", "2"],
     "GeoParquet, a format of one layer: leave --layer out"),
    (["metrics", "--by", "chain", "--layer", "rail"], "drop LAYER/--file/--layer"),
])
def test_layer_where_it_has_nothing_to_choose_from_is_a_usage_error(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing is read or written: refused before any work
    code, out, err = run_cli(argv, capsys)
    assert (code, out) == (2, "")
    assert said in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
