"""A big user file's page data (caspian.maps.userbulk): columns, shared styles, text values,
and the switch between the small files' layer and the canvas layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas
import pytest
from caspian.maps.elements import FeatureLayer
from caspian.maps.features import UserFile
from caspian.maps.popups import USER_VALUE_MAX_CHARS
from caspian.maps.render import build_map, render_html
from caspian.maps.styles import USER_COLOUR
from caspian.maps.userbulk import (
    BULK_MIN_FEATURES,
    BulkUserLayer,
    bulk_payload,
    page_value,
    user_overlay,
)
from map_fixtures import IMG_PAYLOAD, SCRIPT_PAYLOAD
from shapely.geometry import LineString, Point, Polygon


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2.5, 2.5),  # JavaScript prints these as Python does: they stay numbers
        (17, 17),
        (-0.125, -0.125),
        (1.0, "1.0"),  # JavaScript would print 1
        (1e-05, "1e-05"),  # JavaScript would print 0.00001
        (1e16, "1e+16"),
        (True, "True"),
        (2**60, "1152921504606846976"),  # past 2**53 a JavaScript number is not exact
        (float("nan"), ""),
        ({"a": [1, "б"]}, '{"a": [1, "б"]}'),
        ("Ələt", "Ələt"),
        (None, None),
    ],
)
def test_page_values_are_the_text_the_small_files_popup_shows(value: Any, shown: Any) -> None:
    assert page_value(value) == shown
    assert type(page_value(value)) is type(shown)


def test_a_long_value_is_cut_with_an_ellipsis() -> None:
    assert page_value("x" * 1000) == "x" * USER_VALUE_MAX_CHARS + "…"


def _frame(geometries: list[Any]) -> geopandas.GeoDataFrame:
    return geopandas.GeoDataFrame({"id": range(len(geometries))}, geometry=geometries,
                                  crs="EPSG:4326")


def test_properties_travel_as_columns_with_none_where_a_feature_lacks_a_key() -> None:
    frame = _frame([Point(49.123456789, 40.4), Point(50.0, 41.0)])
    payload = bulk_payload(UserFile("wells.geojson", frame, [{"name": "A", "depth_m": 2.5},
                                                             {"operator": "SOCAR", "name": "B"}]))
    assert payload["name"] == "wells.geojson"
    assert payload["columns"] == [["name", ["A", "B"]], ["depth_m", [2.5, None]],
                                  ["operator", [None, "SOCAR"]]]
    assert payload["geometries"] == [[49.12346, 40.4], [50.0, 41.0]]


def test_points_share_one_style_and_carry_no_style_index() -> None:
    payload = bulk_payload(UserFile("p.geojson", _frame([Point(49, 40), Point(50, 41)]), [{}, {}]))
    assert len(payload["styles"]) == 1 and payload["styles"][0]["color"] == USER_COLOUR
    assert "style_of" not in payload and "lengths" not in payload


def test_areas_get_a_style_of_their_own_and_features_an_index_into_the_styles() -> None:
    area = Polygon([(49, 40), (50, 40), (50, 41), (49, 40)])
    payload = bulk_payload(UserFile("mixed.geojson", _frame([Point(49, 40), area, Point(50, 41)]),
                                    [{}, {}, {}]))
    assert payload["style_of"] == [0, 1, 0]
    assert [style["fillOpacity"] for style in payload["styles"]] == [0.6, 0.2]


def test_lines_carry_their_computed_length_and_points_none() -> None:
    frame = _frame([Point(49, 40), LineString([(49.0, 40.0), (50.0, 40.0)])])
    payload = bulk_payload(UserFile("mixed.geojson", frame, [{}, {}]))
    assert payload["lengths"] == [None, "85.4 km"]  # a degree of longitude at 40° N, WGS84
    assert payload["geometries"][1] == {"type": "LineString",
                                        "coordinates": [[49.0, 40.0], [50.0, 40.0]]}


def test_features_without_geometry_are_left_out_with_their_values() -> None:
    frame = _frame([Point(49, 40), None, Point(50, 41)])
    payload = bulk_payload(UserFile("gaps.geojson", frame, [{"n": 1}, {"n": 2}, {"n": 3}]))
    assert payload["columns"] == [["n", [1, 3]]]
    assert len(payload["geometries"]) == 2


def test_a_file_of_the_threshold_size_is_drawn_on_the_canvas_and_one_less_is_not() -> None:
    points = [Point(49 + index * 0.001, 40) for index in range(BULK_MIN_FEATURES)]
    records = [{"name": str(index)} for index in range(BULK_MIN_FEATURES)]
    big = user_overlay(("big.geojson", _frame(points), records), "big.geojson", "Your data")
    small = user_overlay(("small.geojson", _frame(points[1:]), records[1:]), "small.geojson",
                         "Your data")
    assert isinstance(big, BulkUserLayer) and isinstance(small, FeatureLayer)


def _write_points(path: Path, count: int, first: dict[str, Any]) -> Path:
    features = [{"type": "Feature", "properties": first if index == 0 else {"n": index},
                 "geometry": {"type": "Point", "coordinates": [50 + index * 1e-4, 40.0]}}
                for index in range(count)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


def test_hostile_values_of_a_big_file_reach_the_page_only_as_escaped_json(
    tmp_path: Path,
) -> None:
    hostile = {"name": IMG_PAYLOAD, SCRIPT_PAYLOAD: SCRIPT_PAYLOAD}
    user = _write_points(tmp_path / "big.geojson", BULK_MIN_FEATURES, hostile)
    html = render_html(build_map(["aktau_port"], add=[user]))
    assert IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_the_canvas_script_is_in_the_page_once_for_two_big_files_and_not_without_one(
    tmp_path: Path,
) -> None:
    big = [_write_points(tmp_path / f"{name}.geojson", BULK_MIN_FEATURES, {})
           for name in ("a", "b")]
    small = _write_points(tmp_path / "small.geojson", 3, {})
    assert render_html(build_map(["aktau_port"], add=big)).count("var caspianBulk =") == 1
    assert "caspianBulk" not in render_html(build_map(["aktau_port"], add=[small]))
