"""What each format promises: RFC 7946 GeoJSON, GeoPackage tables and CRS, escaped KML,
WKT CSV, GeoParquet; deterministic bytes; atomic writes; the optional-dependency hint."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas
import pyogrio
import pytest
import shapely
from caspian.layers.export import formats as export_formats
from caspian.layers.export.layers import citation_table, source_table, write_layers
from caspian.layers.io.errors import DependencyMissingError, OutputError
from caspian.layers.io.userdata import validate_geojson
from export_helpers import FORMATS, SUFFIX, synthetic_layer

KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def layer():
    return synthetic_layer()


def _export(layer, fmt: str, folder: Path) -> Path:
    (path,) = write_layers([layer], fmt, folder / f"out{SUFFIX[fmt]}")
    return path


# GeoJSON ---------------------------------------------------------------------------------


def test_geojson_export_passes_our_own_strict_validation(layer, tmp_path: Path) -> None:
    assert validate_geojson(_export(layer, "geojson", tmp_path)) == []


def test_geojson_has_no_crs_member_and_flat_properties(layer, tmp_path: Path) -> None:
    doc = json.loads(_export(layer, "geojson", tmp_path).read_text("utf-8"))
    assert "crs" not in doc
    for feature in doc["features"]:
        assert "crs" not in feature
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())


def test_geojson_polygons_are_counter_clockwise(layer, tmp_path: Path) -> None:
    doc = json.loads(_export(layer, "geojson", tmp_path).read_text("utf-8"))
    (area,) = [f for f in doc["features"] if f["id"] == "synthetic_test/area"]
    ring = area["geometry"]["coordinates"][0]
    # The input ring was clockwise; RFC 7946 wants exterior rings counter-clockwise.
    assert shapely.is_ccw(shapely.LinearRing(ring))
    assert ring == [[51.0, 42.0], [51.1, 42.0], [51.1, 42.1], [51.0, 42.1], [51.0, 42.0]]


def test_geojson_coordinates_have_at_most_seven_decimals(layer, tmp_path: Path) -> None:
    doc = json.loads(_export(layer, "geojson", tmp_path).read_text("utf-8"))
    (point,) = [f for f in doc["features"] if f["id"] == "synthetic_test/point"]
    # The catalog value 49.12345678, 40.98765432 is rounded to 7 decimals (about 1 cm).
    assert point["geometry"]["coordinates"] == [49.1234568, 40.9876543]
    text = json.dumps([f["geometry"] for f in doc["features"]])
    assert not re.search(r"\d\.\d{8,}", text)


def test_exports_are_deterministic(layer, tmp_path: Path) -> None:
    for fmt in ("geojson", "kml", "csv"):
        first = _export(layer, fmt, tmp_path).read_bytes()
        second = _export(layer, fmt, tmp_path).read_bytes()
        assert first == second, fmt


# GeoPackage ------------------------------------------------------------------------------


def test_gpkg_has_one_table_per_layer_plus_citation_and_style_tables(layer,
                                                                    tmp_path: Path) -> None:
    path = _export(layer, "gpkg", tmp_path)
    assert [name for name, _ in pyogrio.list_layers(path)] == [
        "synthetic_test", "citations", "sources", "conflicts", "layer_styles"]


def test_gpkg_spatial_table_is_epsg_4326(layer, tmp_path: Path) -> None:
    path = _export(layer, "gpkg", tmp_path)
    info = pyogrio.read_info(path, layer="synthetic_test")
    assert info["crs"] == "EPSG:4326"
    assert info["features"] == 4


def test_gpkg_citation_table_lists_each_feature_source_pair(layer, tmp_path: Path) -> None:
    path = _export(layer, "gpkg", tmp_path)
    table = pyogrio.read_dataframe(path, layer="citations")
    assert list(zip(table["feature"], table["source"], strict=True)) == [
        ("point", "ex-a"), ("line", "ex-a"), ("line", "ex-b"), ("multi", "ex-b")]
    assert table.loc[0, "outlet"] == "example.org"
    assert table.loc[0, "page"] == "Test page «ə» & <b>bold</b>"


def test_gpkg_sources_and_conflicts_tables(layer, tmp_path: Path) -> None:
    path = _export(layer, "gpkg", tmp_path)
    sources = pyogrio.read_dataframe(path, layer="sources")
    assert list(sources["source"]) == ["ex-a", "ex-b"]
    assert list(sources["features"]) == ["point; line", "line; multi"]
    assert sources.loc[1, "url"] == "https://example.net/x?a=1&b=2"
    conflicts = pyogrio.read_dataframe(path, layer="conflicts")
    assert list(conflicts["value"]) == ["10", "12.5"]
    assert list(conflicts["value_number"]) == [10.0, 12.5]
    assert list(conflicts["source"]) == ["ex-a", "ex-b"]


def test_citation_and_source_tables_keep_quote_offsets_as_integers(layer) -> None:
    assert str(citation_table([layer])["start"].dtype) == "Int64"
    assert str(source_table([layer])["end"].dtype) == "Int64"


# KML -------------------------------------------------------------------------------------


def _placemarks(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    marks = {}
    for mark in root.iter(f"{KML}Placemark"):
        marks[mark.get("id")] = mark
    return marks


def test_kml_declares_every_column_with_its_type(layer, tmp_path: Path) -> None:
    import pyogrio

    path = _export(layer, "kml", tmp_path)
    root = ET.parse(path).getroot()
    fields = {field.get("name"): field.get("type")
              for field in root.iter(f"{KML}SimpleField")}
    assert fields["length_km"] == fields["published_length_km"] == "double"
    assert fields["osm_way_ids"] == "string"  # declared though no feature has way ids
    back = pyogrio.read_dataframe(path, driver="LIBKML")
    assert back["length_km"].dtype == "float64" and "osm_way_ids" in back.columns
    assert "id2" not in back.columns


def test_kml_descriptions_escape_html_from_the_data(layer, tmp_path: Path) -> None:
    mark = _placemarks(_export(layer, "kml", tmp_path))["synthetic_test/point"]
    description = mark.findtext(f"{KML}description")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description
    assert "<script>" not in description
    assert "Şirkət «Test» &amp; Co &lt;x&gt;" in description
    assert "example.org 2025-01-02: «" not in description  # a page, not a quote
    assert "example.org 2025-01-02: Test page «ə» &amp; &lt;b&gt;bold&lt;/b&gt;" in description


def test_kml_styles_follow_status(layer, tmp_path: Path) -> None:
    marks = _placemarks(_export(layer, "kml", tmp_path))
    styles = {key: mark.findtext(f"{KML}styleUrl") for key, mark in marks.items()}
    assert styles == {
        "synthetic_test/point": "#status-operating",
        "synthetic_test/line": "#status-planned",
        "synthetic_test/multi": "#status-construction",
        "synthetic_test/area": "#status-proposed",
    }
    root = ET.parse(tmp_path / "out.kml").getroot()
    declared = {style.get("id") for style in root.iter(f"{KML}Style")}
    assert set(s[1:] for s in styles.values()) <= declared


def test_kml_has_one_folder_per_layer_named_after_it(layer, tmp_path: Path) -> None:
    root = ET.parse(_export(layer, "kml", tmp_path)).getroot()
    folders = [folder.findtext(f"{KML}name") for folder in root.iter(f"{KML}Folder")]
    assert folders == ["Synthetic test layer — ə ı ğ Ж"]


# CSV and GeoParquet ----------------------------------------------------------------------


def test_csv_has_wkt_geometry_and_no_byte_order_mark(layer, tmp_path: Path) -> None:
    path = _export(layer, "csv", tmp_path)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = pandas.read_csv(path, encoding="utf-8")
    assert table.columns[-1] == "wkt"
    assert table.loc[0, "wkt"] == "POINT (49.1234568 40.9876543)"
    assert table.loc[1, "length_km"] == pytest.approx(12.416)


def test_parquet_carries_geoparquet_metadata_with_the_crs(layer, tmp_path: Path) -> None:
    import pyarrow.parquet

    path = _export(layer, "parquet", tmp_path)
    geo = json.loads(pyarrow.parquet.read_metadata(path).metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["crs"]["id"] == {"authority": "EPSG", "code": 4326}


# Atomic writes, splitting, missing dependencies --------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_failed_export_leaves_no_file(fmt, layer, tmp_path: Path, monkeypatch) -> None:
    def half_write(fmt_, layers, frame, path, settings):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_formats, "write", half_write)
    with pytest.raises(RuntimeError):
        write_layers([layer], fmt, tmp_path / f"out{SUFFIX[fmt]}")
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(layer, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.geojson"
    target.write_bytes(b"previous")
    monkeypatch.setattr(export_formats, "write", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_layers([layer], "geojson", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_missing_pyarrow_names_the_pip_command_and_writes_nothing(
    layer, tmp_path: Path, monkeypatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(DependencyMissingError, match=r"pip install 'caspian-gis\[export\]'"):
        write_layers([layer], "parquet", tmp_path / "out.parquet")
    assert list(tmp_path.iterdir()) == []


def test_split_writes_one_file_per_layer_into_a_folder(layer, tmp_path: Path) -> None:
    other = synthetic_layer().__class__(**{**synthetic_layer().__dict__, "id": "second_test"})
    paths = write_layers([layer, other], "geojson", tmp_path, split=True)
    assert paths == [tmp_path / "synthetic_test.geojson", tmp_path / "second_test.geojson"]
    assert json.loads(paths[1].read_text("utf-8"))["name"] == "second_test"


def test_split_into_a_missing_folder_is_refused(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="create it first"):
        write_layers([layer], "csv", tmp_path / "absent", split=True)


def test_split_gpkg_is_refused_because_tables_already_split(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="one table per layer; drop split=True"):
        write_layers([layer], "gpkg", tmp_path, split=True)


def test_folder_without_split_is_refused_with_the_hint(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="add split=True"):
        write_layers([layer], "kml", tmp_path)


def test_unknown_format_is_refused(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unknown export format 'shp'"):
        write_layers([layer], "shp", tmp_path / "x.shp")


def test_format_is_inferred_from_the_suffix(layer, tmp_path: Path) -> None:
    (path,) = write_layers([layer], None, tmp_path / "inferred.gpkg")
    assert pyogrio.read_info(path, layer="synthetic_test")["driver"] == "GPKG"


def test_format_contradicting_the_suffix_is_refused(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"out.geojson ends in .geojson, which is geojson, but "
                       r"the format is gpkg; name it out.gpkg or drop fmt="):
        write_layers([layer], "gpkg", tmp_path / "out.geojson")
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_without_format_is_refused(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"cannot tell the format from the name 'out\.dat'"):
        write_layers([layer], None, tmp_path / "out.dat")


def test_split_needs_an_explicit_format(layer, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"say which with fmt=geojson\|gpkg"):
        write_layers([layer], None, tmp_path, split=True)
