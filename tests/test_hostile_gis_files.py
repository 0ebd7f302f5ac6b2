"""A hostile GIS user's files: what QGIS, ogr2ogr and geopandas write that a careful reader
must still take right (empty parts, layers of no features, projected CRSs, names in Cyrillic
with spaces). Files are written by pyogrio (or by hand where pyogrio cannot) in tmp."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import geopandas
import numpy as np
import pyogrio
import pyogrio.raw
import pyproj
import pytest
import shapely
from caspian.layers.io.userfiles import read_user_layers
from caspian.layers.metrics import file_metrics
from cli_support import run_cli

#: WGS84, as the metrics use it; the expected lengths are computed here, not copied.
GEOD = pyproj.Geod(ellps="WGS84")

ALAT_BAKU = shapely.LineString([(49.407, 39.948), (49.6, 40.1), (49.867, 40.409)])


def _km(line: shapely.LineString) -> float:
    lons, lats = line.xy
    return float(GEOD.line_length(lons, lats)) / 1000


def _one_wkb(path: Path, wkt: str, geometry_type: str) -> Path:
    """A GeoPackage of one feature whose geometry is ``wkt`` exactly (geopandas would not
    keep an empty part)."""
    wkb = shapely.to_wkb(shapely.from_wkt(wkt), flavor="iso")
    pyogrio.raw.write(path, np.array([wkb], dtype=object), [np.array(["Ələt–Bakı"], dtype=object)],
                      fields=["name"], driver="GPKG", geometry_type=geometry_type,
                      crs="EPSG:4326")
    return path


def test_a_multilinestring_with_an_empty_part_is_refused_naming_the_part_as_in_geojson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpkg = _one_wkb(tmp_path / "parts.gpkg", "MULTILINESTRING ((49.407 39.948, 49.6 40.1), "
                    "EMPTY, (49.6 40.1, 49.867 40.409))", "MultiLineString")
    code, out, _ = run_cli(["validate", str(gpkg)], capsys)
    assert code == 2
    # before: "geometry (MultiLineString) has all positions equal, so it has no length",
    # of a line of three distinct positions
    assert out == (f"{gpkg}: feature 0: geometry part 1 (LineString) has 0 positions; a "
                   "LineString needs at least 2: remove the empty part\n")
    geojson = tmp_path / "parts.geojson"
    geojson.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": {
        "type": "MultiLineString", "coordinates": [
            [[49.407, 39.948], [49.6, 40.1]], [], [[49.6, 40.1], [49.867, 40.409]]]}}))
    code, out, _ = run_cli(["validate", str(geojson)], capsys)
    assert code == 2 and "coordinates[1] has 0 position(s)" in out


@pytest.mark.parametrize("command", [
    "caspian map btc_pipeline -o /dev/stdout",
    "caspian export btc_pipeline --format gpkg -o /dev/stdout",
])
def test_an_output_to_stdout_that_the_reader_closes_early_ends_quietly(command: str) -> None:
    # as `caspian layers | head` does; before: "caspian: error: cannot write /dev/stdout:
    # Broken pipe; choose another path" and exit 2. Both outputs are larger than a pipe holds.
    script = command.replace("caspian", f"{sys.executable} -m caspian.maps", 1)
    result = subprocess.run(["bash", "-c", f"{script} | head -c 10 >/dev/null; "
                             "echo ${PIPESTATUS[0]}"], capture_output=True, timeout=120)
    assert (result.stdout, result.stderr) == (b"0\n", b"")


def test_a_named_pipe_whose_reader_quits_early_says_so_and_leaves_nothing(
    tmp_path: Path
) -> None:
    fifo = tmp_path / "map.html"
    os.mkfifo(fifo)
    script = (f"head -c 10 {fifo} >/dev/null & {sys.executable} -m caspian.maps map "
              f"btc_pipeline -o {fifo}; echo $?; wait")
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=120,
                            cwd=tmp_path)
    assert result.stdout == b"2\n"
    assert result.stderr.decode() == (
        f"caspian: error: cannot write {fifo}: the program reading it closed it before the "
        "end (broken pipe); keep the reader open until caspian ends\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.html"]


def _iso_wkb(kind: int, positions: list[tuple[float, ...]]) -> bytes:
    """ISO WKB of a LineString with a measure: ``kind`` 2002 (XYM) or 3002 (XYZM)."""
    return struct.pack("<BII", 1, kind, len(positions)) + b"".join(
        struct.pack(f"<{len(position)}d", *position) for position in positions)


@pytest.mark.parametrize("kind, z", [(2002, None), (3002, [5.0, 6.0, 7.0])])
def test_a_measured_line_is_read_without_its_measures_and_drawn(
    kind: int, z: list[float] | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # LineString M / ZM, as linear referencing in QGIS or ArcGIS leaves it; the measure (1, 2,
    # 3 along the line) is no coordinate
    positions = [(lon, lat, *([z[i]] if z else []), float(i + 1))
                 for i, (lon, lat) in enumerate(ALAT_BAKU.coords)]
    path = tmp_path / "measured.gpkg"
    pyogrio.raw.write(path, np.array([_iso_wkb(kind, positions)], dtype=object),
                      [np.array(["Ələt–Bakı"], dtype=object)], fields=["name"], driver="GPKG",
                      geometry_type="Unknown", crs="EPSG:4326")
    (_, frame, _), = read_user_layers(path)
    (line,) = frame.geometry
    assert not shapely.has_m(line)
    if z:  # the heights stay, as in any 3-D line
        assert shapely.get_coordinates(line, include_z=True)[:, 2].tolist() == z
    else:
        assert not shapely.has_z(line)
    assert file_metrics(path)["length_km"].tolist() == pytest.approx([_km(ALAT_BAKU)], abs=1e-6)
    # before: a traceback, "ValueError: The ordinate (last) dimension should be 2 or 3, got 4"
    code, _, err = run_cli(["map", "--add", str(path), "-o", str(tmp_path / "m.html")], capsys)
    assert code == 0, err


ROUTES = geopandas.GeoDataFrame(
    {"name": ["Ələt–Bakı", "Актау–Алят", "Gardabani–Ağstafa"]},
    geometry=[ALAT_BAKU, shapely.LineString([(51.1, 43.6), (50.2, 42.0), (49.5, 40.2)]),
              shapely.LineString([(45.10, 41.46), (45.25, 41.30), (45.41, 41.12)])],
    crs="EPSG:4326")


@pytest.mark.parametrize("crs", ["EPSG:32639", "EPSG:32638", "EPSG:3857"])
@pytest.mark.parametrize("suffix, driver", [(".gpkg", "GPKG"), (".shp", "ESRI Shapefile")])
def test_a_projected_file_measures_as_the_same_lines_in_degrees_to_the_metre(
    crs: str, suffix: str, driver: str, tmp_path: Path
) -> None:
    # UTM 39N and 38N (Baku, Aktau; Gardabani lies west of 38N's zone) and Web Mercator
    projected = tmp_path / f"projected{suffix}"
    pyogrio.write_dataframe(ROUTES.to_crs(crs), projected, driver=driver)
    lengths = file_metrics(projected)["length_km"].tolist()
    assert lengths == pytest.approx([_km(line) for line in ROUTES.geometry], abs=1e-3)


def test_cyrillic_names_with_spaces_for_file_and_layer_pass_through_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "маршруты Баку – Алят.gpkg"
    pyogrio.write_dataframe(ROUTES.iloc[[0]], path, layer="железная дорога", driver="GPKG")
    pyogrio.write_dataframe(ROUTES.iloc[[1]], path, layer="паром", driver="GPKG")
    code, out, err = run_cli(["metrics", "--file", str(path), "--layer", "железная дорога",
                              "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert [row["layer"] for row in json.loads(out)] == ["маршруты Баку – Алят:железная дорога"]
    assert run_cli(["validate", str(path), "--layer", "паром"], capsys)[:2] == (
        0, "ok: 1 feature\n")
    html = tmp_path / "карта с пробелом.html"
    code, _, err = run_cli(["map", "--add", str(path), "--layer", "паром", "-o", str(html)],
                           capsys)
    assert code == 0, err
    assert "маршруты Баку – Алят: паром" in html.read_text(encoding="utf-8")
    code, _, err = run_cli(["validate", str(path), "--layer", "паромы"], capsys)
    assert code == 2 and "its layers with geometry: 'железная дорога', 'паром'" in err


def test_a_geopackage_of_raster_tiles_only_is_told_so_not_called_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a basemap QGIS saved as a GeoPackage: its one table holds tiles, as gpkg_contents says
    path = tmp_path / "basemap.gpkg"
    pyogrio.write_dataframe(ROUTES, path, layer="gone", driver="GPKG")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE tiles (id INTEGER PRIMARY KEY, zoom_level INTEGER, "
                   "tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                   "VALUES ('tiles', 'tiles', 'tiles', 4326)")
        for statement in ("DELETE FROM gpkg_contents WHERE table_name = 'gone'",
                          "DELETE FROM gpkg_geometry_columns WHERE table_name = 'gone'",
                          "DROP TABLE gone"):
            db.execute(statement)
    db.close()
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert (code, out) == (2, "")
    # before: "not readable as GeoPackage ('basemap.gpkg' not recognized as being in a
    # supported file format); check the file"
    assert err == (f"caspian: error: {path}: the GeoPackage holds raster tiles only ('tiles'), "
                   "no vector layer; give a GeoPackage of vector layers (lines, points or "
                   "polygons)\n")
