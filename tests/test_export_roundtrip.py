"""Every export format reads back with pyogrio/geopandas with the same features, ids,
properties and geometries (coordinates equal to 1e-7 degrees), Unicode byte for byte."""

from __future__ import annotations

import math

import pytest
import shapely
from caspian.layers.export.layers import COLUMNS, frame_from_layers, write_layers
from export_helpers import (
    FORMATS,
    SUFFIX,
    number_or_nan,
    read_back,
    synthetic_layer,
    text_or_none,
)

TEXT_COLUMNS = [c for c in COLUMNS if c not in ("published_length_km", "length_km", "geometry")]


@pytest.fixture(scope="module")
def layer():
    return synthetic_layer()


@pytest.fixture(scope="module")
def expected(layer):
    return frame_from_layers([layer])


@pytest.fixture(scope="module")
def exports(layer, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    written = {}
    for fmt in FORMATS:
        (path,) = write_layers([layer], fmt, folder / f"synthetic{SUFFIX[fmt]}")
        written[fmt] = path
    return written


def _by_id(frame):
    return {row["id"]: row for row in frame.to_dict("records")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reads_back_with_the_same_ids_in_order(fmt, exports, expected, layer) -> None:
    back = read_back(fmt, exports[fmt], [layer.id])
    assert list(back["id"]) == list(expected["id"]) == [
        "synthetic_test/point", "synthetic_test/line", "synthetic_test/multi",
        "synthetic_test/area"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reads_back_with_epsg_4326(fmt, exports, layer) -> None:
    back = read_back(fmt, exports[fmt], [layer.id])
    assert back.crs.to_epsg() == 4326


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_geometries_equal_to_1e7_degrees(fmt, exports, expected, layer) -> None:
    back = _by_id(read_back(fmt, exports[fmt], [layer.id]))
    for row in expected.to_dict("records"):
        got = back[row["id"]]["geometry"]
        assert got.geom_type == row["geometry"].geom_type
        assert shapely.equals_exact(got, row["geometry"], tolerance=1e-7), (got, row["geometry"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_text_properties_survive_byte_for_byte(fmt, exports, expected, layer) -> None:
    back = _by_id(read_back(fmt, exports[fmt], [layer.id]))
    columns = [c for c in TEXT_COLUMNS if not (fmt == "kml" and c == "name")]
    for row in expected.to_dict("records"):
        got = back[row["id"]]
        for column in columns:
            want = text_or_none(row[column])
            have = text_or_none(got.get(column))
            assert (have or "").encode("utf-8") == (want or "").encode("utf-8"), (fmt, column)


def test_kml_keeps_the_name_in_the_placemark_name(exports, expected, layer) -> None:
    back = _by_id(read_back("kml", exports["kml"], [layer.id]))
    assert [back[i]["Name"] for i in expected["id"]] == list(expected["name"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_numbers_survive(fmt, exports, expected, layer) -> None:
    back = _by_id(read_back(fmt, exports[fmt], [layer.id]))
    for row in expected.to_dict("records"):
        for column in ("published_length_km", "length_km"):
            want, have = row[column], number_or_nan(back[row["id"]][column])
            assert (math.isnan(want) and math.isnan(have)) or want == pytest.approx(have), column


def test_synthetic_values_are_what_the_layer_says(expected) -> None:
    line = expected.set_index("feature").loc["line"]
    assert line["published_length_km"] == 10.0
    assert line["published_lengths"] == (
        '[{"source":"ex-a","value":10},{"source":"ex-b","value":12.5}]')
    # Geodesic length of the three synthetic vertices on WGS84, to the metre.
    assert line["length_km"] == pytest.approx(12.416, abs=0.001)
    assert line["sources"] == (
        "example.org 2025-01-02: Test page «ə» & <b>bold</b>; example.net: Другая страница")


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_text_formats_hold_unicode_unescaped(fmt, exports) -> None:
    data = exports[fmt].read_bytes()
    for name in ("Ələt test nöqtəsi", "Iğdır ışık hattı (test)", "Тестовая линия"):
        assert name.encode("utf-8") in data
    assert b"\\u" not in data


def test_gpkg_stores_unicode_byte_for_byte(exports) -> None:
    import sqlite3

    with sqlite3.connect(exports["gpkg"]) as connection:
        connection.text_factory = bytes
        names = [row[0] for row in connection.execute('SELECT name FROM "synthetic_test"')]
    assert "Iğdır ışık hattı (test)".encode() in names
    assert "Ələt test nöqtəsi".encode() in names
