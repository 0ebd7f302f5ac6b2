"""The files GIS users bring, written by the tools they use (QGIS, ArcGIS, geopandas, GDAL):
curved geometries, ids left null or given twice, coordinates that are not numbers, a file
whose bytes say another format than its name. Each is read or refused in one line, as the
same features in GeoJSON are."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import geopandas
import numpy as np
import pandas
import pyarrow
import pyarrow.parquet
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.io.userfiles import read_user_file, user_batches
from caspian.layers.metrics import file_metrics
from caspian.maps.features import user_collection
from cli_support import run_cli
from hostile_support import one_error_line, run
from pyogrio.raw import write as write_raw

#: The first geometry every test file holds: a line north of Aktau.
_LINE = struct.pack("<BII", 1, 2, 2) + struct.pack("<4d", 50.0, 43.0, 51.0, 43.0)


def _arc_wkb() -> bytes:
    """An ISO WKB CircularString (type 8) over three positions west of Aktau."""
    positions = [(50.0, 43.0), (50.5, 43.5), (51.0, 43.0)]
    return struct.pack("<BII", 1, 8, 3) + b"".join(struct.pack("<2d", *p) for p in positions)


def _compound_wkb() -> bytes:
    """An ISO WKB CompoundCurve (type 9): the arc, then a straight line on to 52°E."""
    line = struct.pack("<BII", 1, 2, 2) + struct.pack("<4d", 51.0, 43.0, 52.0, 43.0)
    return struct.pack("<BII", 1, 9, 2) + _arc_wkb() + line


def _write_wkb(path: Path, geometries: list[bytes], driver: str) -> Path:
    """Features of ``geometries`` (WKB, any type GDAL stores) named ``f0``, ``f1``, ...; a
    curve needs the column type "Geometry", as QGIS and ArcGIS exports declare it."""
    names = np.array([f"f{i}" for i in range(len(geometries))], dtype=object)
    # a FlatGeobuf's spatial index would put the features in another order than written
    options = {"layer_options": {"SPATIAL_INDEX": "NO"}} if driver == "FlatGeobuf" else {}
    write_raw(path, np.array(geometries, dtype=object), field_data=[names], fields=["name"],
              geometry_type="Unknown", crs="EPSG:4326", driver=driver, **options)
    return path


@pytest.mark.parametrize("suffix, driver", [(".gpkg", "GPKG"), (".fgb", "FlatGeobuf")])
@pytest.mark.parametrize("wkb, kind", [(_arc_wkb(), "CircularString"),
                                       (_compound_wkb(), "CompoundCurve")],
                         ids=["arc", "compound"])
def test_a_curved_geometry_is_named_with_the_conversion_not_a_traceback(
    suffix: str, driver: str, wkb: bytes, kind: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # It was "NotImplementedError: Nonlinear geometry types are not currently supported"
    # with a traceback, from validate, metrics and map alike.
    path = _write_wkb(tmp_path / f"arcs{suffix}", [_LINE, wkb], driver)
    problem = (f"feature 1: geometry is a {kind}, which caspian does not measure or draw (it "
               "has curves); turn its curves into lines (ogr2ogr -nlt CONVERT_TO_LINEAR "
               "out.gpkg in.gpkg, or QGIS: Processing > Segmentize by maximum angle)")
    assert run_cli(["validate", str(path)], capsys) == (2, f"{path}: {problem}\n", "")
    for argv in (["metrics", "--file", str(path)],
                 ["map", "--add", str(path), "-o", str(tmp_path / "map.html")]):
        assert run_cli(argv, capsys) == (2, "", f"caspian: error: {path}: {problem}\n")
    assert not (tmp_path / "map.html").exists()


def _lines(tmp_path: Path, name: str, ids: list[object]) -> Path:
    """Lines north of Aktau, one above the other (at 45, 44, 43°N), one per id, with an ``id``
    attribute of ``ids`` (None: left NULL, as QGIS leaves the "id" field it adds to a new
    layer); ``ids`` empty: a file of no features."""
    lats = (45.0, 44.0, 43.0)[:len(ids)]
    frame = geopandas.GeoDataFrame(
        {"id": pandas.array(ids, dtype="Int64" if all(
            isinstance(i, int) or i is None for i in ids) else object),
         "name": ["north", "middle", "south"][:len(ids)]},
        geometry=[shapely.LineString([(50.0, lat), (51.0, lat)]) for lat in lats],
        crs="EPSG:4326")
    path = tmp_path / name
    if path.suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_file(path)
    return path


@pytest.mark.parametrize("name", ["lines.gpkg", "lines.shp", "lines.parquet"])
def test_a_null_id_is_the_features_row_and_an_integer_id_stays_an_integer(
    name: str, tmp_path: Path
) -> None:
    # The map gave all three features of an "id" column left NULL the one id
    # 'user:lines.gpkg/nan'; with one id given, metrics named the features '7.0', '1', '9.0'.
    path = _lines(tmp_path, name, [7, None, 9])
    frame, _ = read_user_file(path)
    assert frame["id"].tolist() == [7, 1, 9]
    assert file_metrics(path)["feature"].tolist() == ["7", "1", "9"]
    assert read_user_file(_lines(tmp_path, f"null-{name}", [None] * 3))[0]["id"].tolist() == [
        0, 1, 2]


def test_the_map_gives_every_feature_of_a_null_id_column_its_own_id(tmp_path: Path) -> None:
    frame, own = read_user_file(_lines(tmp_path, "lines.gpkg", [None] * 3))
    ids = [feature["id"] for feature in user_collection("lines.gpkg", frame, own)["features"]]
    assert ids == ["user:lines.gpkg/0", "user:lines.gpkg/1", "user:lines.gpkg/2"]


@pytest.mark.parametrize("name", ["lines.gpkg", "lines.shp", "lines.parquet"])
def test_a_duplicate_id_is_refused_as_in_geojson(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GeoJSON refused it; a GeoPackage was "ok" and drew two features of one map id.
    path = _lines(tmp_path, name, ["a", "b", "a"])
    problem = "feature 2: duplicate id 'a' (feature 0 has it too); give every feature its own id"
    assert run_cli(["validate", str(path)], capsys) == (2, f"{path}: {problem}\n", "")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (
        2, "", f"caspian: error: {path}: {problem}\n")


def test_ids_are_compared_across_batches(tmp_path: Path) -> None:
    path = _lines(tmp_path, "lines.gpkg", [1, 2, 1])
    with pytest.raises(InputError, match=r"feature 2: duplicate id 1 \(feature 0 has it too\)"):
        list(user_batches(path, batch_size=2))


@pytest.mark.parametrize("suffix, driver", [(".gpkg", "GPKG"), (".fgb", "FlatGeobuf")])
def test_a_position_that_is_not_a_number_is_one_line_without_a_python_warning(
    suffix: str, driver: str, tmp_path: Path
) -> None:
    # shapely's "RuntimeWarning: invalid value encountered in from_wkb" reached stderr,
    # with its source file and line, before caspian's own line.
    nan_line = struct.pack("<BII", 1, 2, 2) + struct.pack("<4d", 50.0, 43.0, float("nan"), 44.0)
    path = _write_wkb(tmp_path / f"nan{suffix}", [_LINE, nan_line], driver)
    assert one_error_line(run("metrics", "--file", str(path))) == (
        f"caspian: error: {path}: feature 1: position 1 is not a finite number; fix or remove "
        "the point")
    checked = run("validate", str(path))
    assert (checked.returncode, checked.stderr) == (2, b"")


@pytest.mark.parametrize("written, named", [(".parquet", ".gpkg"), (".gpkg", ".parquet"),
                                            (".fgb", ".gpkg"), (".gpkg", ".shp")])
def test_a_file_named_as_another_streamed_format_is_read_by_its_bytes(
    written: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A GeoParquet file saved as lines.gpkg was "not readable as GeoPackage (libduckdb.so:
    # cannot open shared object file: No such file or directory); check the file".
    path = _lines(tmp_path, f"lines{written}", [None] * 3).rename(tmp_path / f"lines{named}")
    assert run_cli(["validate", str(path)], capsys) == (0, "ok: 3 features\n", "")
    assert file_metrics(path)["length_km"].round(1).tolist() == [78.8, 80.2, 81.5]


def test_a_geopackage_saved_as_geojson_is_told_to_take_its_own_name(tmp_path: Path) -> None:
    # It said only "convert it (ogr2ogr -f GeoJSON ...)", for a format caspian reads.
    path = _lines(tmp_path, "lines.gpkg", [None] * 3).rename(tmp_path / "lines.geojson")
    assert one_error_line(run("metrics", "--file", str(path))) == (
        f"caspian: error: {path}: not GeoJSON: the file is a SQLite database (a GeoPackage?); "
        "name it .gpkg, or convert it (ogr2ogr -f GeoJSON out.geojson in.gpkg)")


@pytest.mark.parametrize("name", ["btc.csv", "btc.geojson"])
def test_our_own_csv_export_given_back_is_named_as_csv_not_broken_json(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It was "invalid JSON at line 1 column 1: Expecting value; fix the syntax (a JSON linter
    # shows the spot)".
    written = tmp_path / "export.csv"
    assert run_cli(["export", "btc_pipeline", "-o", str(written)], capsys)[0] == 0
    path = written.rename(tmp_path / name)
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", (
        f"caspian: error: {path}: not GeoJSON: the file is CSV text (a table); convert it, "
        "its geometry in a column named WKT (ogr2ogr -f GeoJSON out.geojson in.csv)\n"))


def test_a_shapefile_without_its_dbf_says_its_attributes_are_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GDAL reads the .shp alone without a word: "ok: 3 features", the names and ids gone.
    path = _lines(tmp_path, "lines.shp", ["a", "b", "c"])
    path.with_suffix(".dbf").unlink()
    said = (f"caspian: {path}: no lines.dbf beside it, so its features are read without their "
            "attributes (names, ids); copy the .dbf with the .shp\n")
    assert run_cli(["validate", str(path)], capsys) == (0, "ok: 3 features\n", said)
    assert run_cli(["metrics", "--file", str(path)], capsys)[::2] == (0, said)


@pytest.mark.parametrize("name", ["empty.gpkg", "empty.fgb", "empty.shp", "empty.parquet",
                                  "empty.geojsonl"])
def test_a_file_without_features_is_refused_by_validate_as_by_metrics_and_map(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate said "ok: 0 features" (exit 0) where metrics and map refused the file; an empty
    # GeoJSON Lines file was "not recognized as being in a supported file format".
    path = tmp_path / name
    if path.suffix == ".geojsonl":
        path.write_text("\n\n")  # GDAL writes no byte for no feature; blank lines alike
    else:
        _lines(tmp_path, name, [])
    said = f"{path}: the file holds no features; add some"
    assert run_cli(["validate", str(path)], capsys) == (2, f"{said}\n", "")
    for argv in (["metrics", "--file", str(path)],
                 ["map", "--add", str(path), "-o", str(tmp_path / "map.html")]):
        assert run_cli(argv, capsys) == (2, "", f"caspian: error: {said}\n")


@pytest.mark.parametrize("part", [".dbf", ".shx"])
def test_a_shapefile_whose_parts_hold_different_counts_is_refused(
    part: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A .dbf (or .shx) of another export beside the .shp: GDAL read one feature of three
    # without a word, "ok: 1 feature", and metrics measured that one.
    path = _lines(tmp_path, "lines.shp", ["a", "b", "c"])
    (tmp_path / "one").mkdir()
    other = _lines(tmp_path / "one", "one.shp", ["x"])
    path.with_suffix(part).write_bytes(other.with_suffix(part).read_bytes())
    shapes, records = ("1 shape", "3 records") if part == ".shx" else ("3 shapes", "1 record")
    said = (f"{path}: lines.shx indexes {shapes} but lines.dbf holds {records}, "
            "so features would be lost or take another's attributes; copy the .shp, .shx and "
            ".dbf of one export together")
    assert run_cli(["validate", str(path)], capsys) == (2, f"{said}\n", "")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", f"caspian: error: {said}\n")


@pytest.mark.parametrize("name", ["dated.gpkg", "dated.fgb", "dated.parquet"])
def test_a_null_date_is_no_property_and_a_list_is_a_list(name: str, tmp_path: Path) -> None:
    # The map's popup showed "opened: NaT" for a date left NULL (as "null" attributes are
    # left out), and a GeoParquet list [1, 2] as numpy's "[1 2]".
    frame = geopandas.GeoDataFrame(
        {"name": ["north", "south"],
         "opened": pandas.to_datetime(["2020-01-02T03:04:05Z", None])},
        geometry=[shapely.LineString([(50.0, lat), (51.0, lat)]) for lat in (45.0, 43.0)],
        crs="EPSG:4326")
    path = tmp_path / name
    if path.suffix == ".parquet":
        frame["stations"] = [[1, 2], [3]]
        frame.to_parquet(path)
    else:
        frame.to_file(path)
    _, own = read_user_file(path)
    assert [sorted(record) for record in own] == (
        [["name", "opened", "stations"], ["name", "stations"]] if path.suffix == ".parquet"
        else [["name", "opened"], ["name"]])
    if path.suffix == ".parquet":
        assert [record["stations"] for record in own] == [[1, 2], [3]]
        assert all(type(record["stations"]) is list for record in own)
    collection = user_collection(name, *read_user_file(path))
    assert "NaT" not in str(collection)


_BAD_CRS = ("give it a CRS PROJ knows: ogr2ogr -a_srs EPSG:4326 out.gpkg in (the EPSG code its "
            "positions are in), or fix a Shapefile's .prj")


def test_a_shapefile_whose_prj_is_broken_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It was "pyogrio.errors.CRSError: missing , or ]" with a traceback.
    path = _lines(tmp_path, "lines.shp", ["a", "b", "c"])
    path.with_suffix(".prj").write_text("GEOGCS[cut short", encoding="ascii")
    code, said, _ = run_cli(["validate", str(path)], capsys)
    # GDAL's reason (its words vary by version) in the brackets
    assert code == 2 and said.startswith(f"{path}: the file's CRS cannot be read (")
    assert said.endswith(f"); {_BAD_CRS}\n") and said.count("\n") == 1
    for argv in (["metrics", "--file", str(path)],
                 ["map", "--add", str(path), "-o", str(tmp_path / "map.html")]):
        assert run_cli(argv, capsys) == (2, "", f"caspian: error: {said}")


@pytest.mark.parametrize("crs", ["EPSG:99999999", [1, 2]])
def test_a_geoparquet_crs_proj_does_not_know_is_one_line(
    crs: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It was "pyproj.exceptions.CRSError: Invalid projection: ..." with a traceback.
    table = pyarrow.parquet.read_table(_lines(tmp_path, "lines.parquet", ["a", "b", "c"]))
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"]["geometry"]["crs"] = crs
    path = tmp_path / "odd.parquet"
    pyarrow.parquet.write_table(table.replace_schema_metadata(
        {**table.schema.metadata, b"geo": json.dumps(geo).encode()}), path)
    code, out, _ = run_cli(["validate", str(path)], capsys)
    assert code == 2 and out.startswith(f"{path}: the file's CRS cannot be read (")
    assert out.endswith(f"); {_BAD_CRS}\n") and out.count("\n") == 1


@pytest.mark.parametrize("name", ["drawing.shp", "drawing.parquet"])
def test_a_local_crs_of_a_cad_drawing_is_one_line_naming_it(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A CAD export's LOCAL_CS (an engineering CRS) ended in "pyproj.exceptions.ProjError:
    # Error creating Transformer from CRS." with a traceback.
    local = 'LOCAL_CS["Unknown",UNIT["metre",1]]'
    path = _lines(tmp_path, name, ["a", "b", "c"])
    if path.suffix == ".shp":
        path.with_suffix(".prj").write_text(local, encoding="ascii")
    else:
        table = pyarrow.parquet.read_table(path)
        geo = json.loads(table.schema.metadata[b"geo"])
        geo["columns"]["geometry"]["crs"] = local
        pyarrow.parquet.write_table(table.replace_schema_metadata(
            {**table.schema.metadata, b"geo": json.dumps(geo).encode()}), path)
    said = (f"{path}: the file's CRS ('Unknown', an engineering CRS) does not place its "
            "positions on the Earth's surface; give it the CRS its positions are in (ogr2ogr "
            "-a_srs EPSG:32639 out.gpkg in, with its EPSG code), or georeference it (QGIS "
            "Georeferencer)")
    assert run_cli(["validate", str(path)], capsys) == (2, f"{said}\n", "")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", f"caspian: error: {said}\n")


def test_geojson_lines_saved_with_a_byte_order_mark_is_told_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Notepad and PowerShell's "Out-File -Encoding utf8" write a BOM; GDAL skips the first
    # record then, and the line said only "GDAL read 1 features of 2 records; check the file
    # (ogrinfo -al) or save it as GeoJSON".
    record = ('{"type": "Feature", "properties": {"name": "%s"}, "geometry": {"type": '
              '"LineString", "coordinates": [[50, %d], [51, %d]]}}\r\n')
    path = tmp_path / "lines.geojsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (record % ("north", 44, 44) + record % ("south", 43, 43))
                     .encode("ascii"))
    said = (f"{path}: line 1 starts with a UTF-8 byte-order mark (BOM), after which GDAL skips "
            "the record, so its feature would be lost; save the file as UTF-8 without a BOM")
    assert run_cli(["validate", str(path)], capsys) == (2, f"{said}\n", "")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", f"caspian: error: {said}\n")


@pytest.mark.parametrize("crs, named", [("EPSG:4978", "'WGS 84', a geocentric CRS"),
                                        ("EPSG:5773", "'EGM96 height', a vertical CRS")])
def test_a_crs_that_is_no_map_of_the_surface_is_refused_not_measured(
    crs: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Declared geocentric (ECEF metres), the three lines measured 0.0 km each, silently; as a
    # vertical CRS 111.2 km each (their axes read swapped) instead of 78.8, 80.2 and 81.5.
    path = _lines(tmp_path, "lines.parquet", ["a", "b", "c"])
    table = pyarrow.parquet.read_table(path)
    geo = json.loads(table.schema.metadata[b"geo"])
    geo["columns"]["geometry"]["crs"] = crs
    pyarrow.parquet.write_table(table.replace_schema_metadata(
        {**table.schema.metadata, b"geo": json.dumps(geo).encode()}), path)
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == (f"caspian: error: {path}: the file's CRS ({named}) does not place its "
                   "positions on the Earth's surface; give it the CRS its positions are in "
                   "(ogr2ogr -a_srs EPSG:32639 out.gpkg in, with its EPSG code), or "
                   "georeference it (QGIS Georeferencer)\n")


def test_a_property_name_a_shapefile_cut_to_ten_characters_is_said_not_lost_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # dBase keeps 10 characters of a field name: published_length_km became "published_",
    # and metrics showed no published length and no delta, without a word.
    frame = geopandas.GeoDataFrame(
        {"name": ["north"], "published_length_km": [80.0], "geometry_accuracy": ["traced"]},
        geometry=[shapely.LineString([(50.0, 45.0), (51.0, 45.0)])], crs="EPSG:4326")
    path = tmp_path / "lines.shp"
    with pytest.warns(RuntimeWarning, match="laundered"):
        frame.to_file(path)
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert code == 0 and "78.8" in out
    assert err == (f"caspian: {path}: fields 'published_' and 'geometry_a' may be "
                   "published_length_km and geometry_accuracy cut to 10 characters (a "
                   "Shapefile's limit), so they are not read as such; rename them, or give a "
                   "GeoPackage\n")


@pytest.mark.parametrize("name", ["lines.gpkg", "lines.parquet"])
def test_an_attribute_called_geometry_is_kept_beside_the_geometry_as_in_geojson(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A GeoPackage's geometry column is "geom": a text attribute "geometry" beside it ended in
    # "KeyError: 'Field "geometry" exists 2 times in schema'" with a traceback.
    frame = geopandas.GeoDataFrame(
        {"name": ["north"], "geometry": ["schematic"],
         "geom": geopandas.GeoSeries([shapely.LineString([(50.0, 45.0), (51.0, 45.0)])])},
        geometry="geom", crs="EPSG:4326")
    path = tmp_path / name
    if path.suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_file(path)
    read, own = read_user_file(path)
    assert read["property_geometry"].tolist() == ["schematic"]
    assert own == [{"name": "north", "property_geometry": "schematic"}]
    assert read.geometry.iloc[0].equals(shapely.LineString([(50.0, 45.0), (51.0, 45.0)]))
    assert run_cli(["validate", str(path)], capsys) == (0, "ok: 1 feature\n", "")


def test_a_geoparquet_with_two_columns_of_one_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pyarrow writes two columns "name" (pandas cannot): metrics ended in "AttributeError:
    # 'DataFrame' object has no attribute 'tolist'" with a traceback; validate said "ok".
    table = pyarrow.parquet.read_table(_lines(tmp_path, "lines.parquet", ["a", "b", "c"]))
    doubled = pyarrow.Table.from_arrays(
        [table.column("name"), table.column("name"), table.column("geometry")],
        names=["name", "name", "geometry"]).replace_schema_metadata(table.schema.metadata)
    path = tmp_path / "doubled.parquet"
    pyarrow.parquet.write_table(doubled, path)
    said = f"{path}: the file has 2 attribute fields named 'name'; rename one of them"
    assert run_cli(["validate", str(path)], capsys) == (2, f"{said}\n", "")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", f"caspian: error: {said}\n")


def test_a_russian_shapefile_without_its_cpg_is_told_cp1251_not_cp1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fix said "e.g. CP1252": a .cpg of CP1252 then read 'Áàêó–Òáèëèñè' without a word.
    frame = geopandas.GeoDataFrame(
        {"name": ["Баку–Тбилиси"]},
        geometry=[shapely.LineString([(50.0, 45.0), (51.0, 45.0)])], crs="EPSG:4326")
    path = tmp_path / "routes.shp"
    frame.to_file(path, encoding="cp1251")
    path.with_suffix(".cpg").unlink()  # as a file copied without it, or from old software
    assert run_cli(["validate", str(path)], capsys) == (2, (
        f"{path}: feature 0: attribute 'name' is not UTF-8 (byte 0xc1 at byte 0): the text is "
        "in another encoding than the file declares; read as CP1251 it says 'Баку–Тбилиси': "
        "if so, name that encoding (a Shapefile's .cpg: CP1251), or save the file again as "
        "UTF-8\n"), "")
    path.with_suffix(".cpg").write_text("CP1251", encoding="ascii")  # the fix it names
    assert read_user_file(path)[0]["name"].tolist() == ["Баку–Тбилиси"]


def test_a_zipped_shapefile_is_told_to_be_unpacked_and_given_as_its_shp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "a ZIP archive (a KMZ or a zipped shapefile?); unpack it and convert it (ogr2ogr
    # -f GeoJSON out.geojson in.shp)": caspian reads the .shp itself.
    shapefile = _lines(tmp_path, "lines.shp", ["a", "b", "c"])
    path = tmp_path / "lines.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for part in sorted(tmp_path.glob("lines.*")):
            if part != path:
                archive.write(part, f"data/{part.name}")
    assert run_cli(["metrics", "--file", str(path)], capsys) == (2, "", (
        f"caspian: error: {path}: not GeoJSON: the file is a zipped shapefile (data/lines.cpg "
        "first); unpack it (unzip) and give its .shp\n"))
    assert run_cli(["metrics", "--file", str(shapefile)], capsys)[0] == 0


def test_a_geoparquet_covering_bbox_column_is_no_property_of_the_features(
    tmp_path: Path,
) -> None:
    # GeoParquet 1.1's per-row bounding box (geopandas write_covering_bbox=True; GDAL 3.9+
    # writes "geometry_bbox" by default) was shown in every popup as "bbox: {"xmin": 50.0, ...".
    path = tmp_path / "lines.parquet"
    frame = geopandas.GeoDataFrame(
        {"name": ["north"]}, geometry=[shapely.LineString([(50.0, 45.0), (51.0, 45.0)])],
        crs="EPSG:4326")
    frame.to_parquet(path, write_covering_bbox=True)
    assert "bbox" in pyarrow.parquet.read_schema(path).names
    read, own = read_user_file(path)
    assert own == [{"name": "north"}]
    assert list(read.columns) == ["name", "id", "geometry"]
