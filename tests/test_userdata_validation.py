"""Strict validation of a user's GeoJSON: every malformed input gets its own clear message."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from caspian.geo.errors import InputError
from caspian.layers.io.userdata import Problem, read_user_geojson, validate_geojson


def _fc(*features: dict, **members: object) -> str:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)})


def _feature(geometry: object, fid: object = None, **properties: object) -> dict:
    feature: dict = {"type": "Feature", "geometry": geometry, "properties": properties}
    if fid is not None:
        feature["id"] = fid
    return feature


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


SQUARE = [[49.0, 40.0], [50.0, 40.0], [50.0, 41.0], [49.0, 41.0], [49.0, 40.0]]

# (case name, GeoJSON text, substring its one message must contain)
MALFORMED: list[tuple[str, str, str]] = [
    ("invalid_json", '{"type": "FeatureCollection",\n  "features": [,]}',
     "invalid JSON at line 2 column 16"),
    ("empty_text", "   \n", "file is empty"),
    ("top_level_list", "[1, 2]", "not GeoJSON: the top level is a list of 2"),
    ("no_type", '{"features": []}', 'no "type" member (it has "features"'),
    ("unknown_type", '{"type": "Thing"}', "unknown type 'Thing'"),
    ("wrong_case_type", '{"type": "featurecollection", "features": []}',
     "case-sensitive: write 'FeatureCollection'"),
    ("topojson", '{"type": "Topology", "objects": {}}', "this is TopoJSON"),
    ("empty_collection", _fc(), "empty FeatureCollection"),
    ("features_not_list", '{"type": "FeatureCollection", "features": {}}',
     '"features" is an object, not a list'),
    ("member_not_feature", _fc(_point(49.8, 40.4)), "features[0] is a Point, not a Feature"),
    ("missing_geometry_member", _fc({"type": "Feature", "properties": {}}),
     'Feature has no "geometry" member'),
    ("null_geometry", _fc(_feature(None)), "geometry is null"),
    ("geometry_as_wkt", _fc(_feature("POINT (49.8 40.4)")), "geometry is a string"),
    ("unsupported_geometry_collection",
     _fc(_feature({"type": "GeometryCollection", "geometries": [_point(49.8, 40.4)]})),
     "GeometryCollection, which this command does not use"),
    ("coordinates_missing", _fc(_feature({"type": "LineString"})), 'has no "coordinates"'),
    ("coordinate_string", _fc(_feature({"type": "Point", "coordinates": ["49.8", 40.4]})),
     "holds the string '49.8', not a number; write coordinates without quotes"),
    ("coordinate_boolean", _fc(_feature({"type": "Point", "coordinates": [True, 40.4]})),
     "holds true, not a number"),
    ("nan", '{"type": "Point", "coordinates": [NaN, 40.4]}', "holds NaN, not a finite number"),
    ("infinity", '{"type": "Point", "coordinates": [49.8, -Infinity]}',
     "holds -Infinity, not a finite number"),
    ("float_overflow", '{"type": "Point", "coordinates": [1e999, 40.4]}',
     "holds a number too large for a float (it overflows to infinity)"),
    ("float_overflow_in_properties", '{"type": "Feature", "geometry": {"type": "Point", '
     '"coordinates": [49.8, 40.4]}, "properties": {"capacity": -1e999}}',
     "properties.capacity is a number too large for a float, which JSON cannot hold"),
    ("huge_integer", '{"type": "Point", "coordinates": [' + "9" * 5000 + ", 40.4]}",
     "(5000 characters), not a finite number"),
    ("nan_in_properties", '{"type": "Feature", "geometry": {"type": "Point", '
     '"coordinates": [49.8, 40.4]}, "properties": {"length": NaN}}',
     "properties.length is NaN, which JSON cannot hold"),
    ("linestring_one_position",
     _fc(_feature({"type": "LineString", "coordinates": [[49.8, 40.4]]})),
     "has 1 position(s); a LineString needs at least 2"),
    ("linestring_zero_length",
     _fc(_feature({"type": "LineString", "coordinates": [[49.8, 40.4], [49.8, 40.4]]})),
     "has all positions equal, so it has no length"),
    ("longitude_out_of_range", _fc(_feature(_point(190.0, 40.4))),
     "longitude 190, beyond ±180"),
    ("latitude_swapped", _fc(_feature(_point(40.4, 95.0))),
     "coordinates look swapped: GeoJSON is [lon, lat]"),
    ("latitude_out_of_range", _fc(_feature(_point(170.0, 95.0))),
     "latitude 95, beyond ±90: latitude must lie in -90..90"),
    ("position_one_value", _fc(_feature({"type": "Point", "coordinates": [49.8]})),
     "has 1 value(s); a position is [lon, lat] or [lon, lat, altitude]"),
    ("position_four_values", _fc(_feature({"type": "Point", "coordinates": [49.8, 40.4, 0, 1]})),
     "has 4 value(s)"),
    ("position_not_list",
     _fc(_feature({"type": "LineString", "coordinates": [49.8, 40.4]})),
     "geometry.coordinates[0] is 49.8, not a position [lon, lat]"),
    ("mixed_dimensions",
     _fc(_feature({"type": "LineString", "coordinates": [[49.8, 40.4], [49.9, 40.5, 10.0]]})),
     "mixes [lon, lat] and [lon, lat, altitude] positions"),
    ("multipoint_empty", _fc(_feature({"type": "MultiPoint", "coordinates": []})),
     "a MultiPoint needs at least one position"),
    ("ring_unclosed", _fc(_feature({"type": "Polygon", "coordinates": [SQUARE[:-1]]})),
     "unclosed polygon ring"),
    ("ring_too_short",
     _fc(_feature({"type": "Polygon", "coordinates": [[SQUARE[0], SQUARE[1], SQUARE[0]]]})),
     "a ring needs at least 4"),
    ("polygon_without_rings", _fc(_feature({"type": "Polygon", "coordinates": []})),
     "a Polygon needs at least one of its rings"),
    ("polygon_self_intersecting",
     _fc(_feature({"type": "Polygon", "coordinates": [
         [[49.0, 40.0], [50.0, 41.0], [50.0, 40.0], [49.0, 41.0], [49.0, 40.0]]]})),
     "self-intersecting at [49.5, 40.5]"),
    ("crs_projected", _fc(_feature(_point(49.8, 40.4)),
                          crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
     "\"crs\" is 'EPSG:3857', not WGS84"),
    ("crs_without_name", _fc(_feature(_point(49.8, 40.4)), crs={"type": "name"}),
     "names no CRS"),
    ("projected_coordinates", _fc(_feature(_point(5543210.0, 4923456.0))),
     "looks like a projected CRS (metres), not degrees"),
    ("mixed_crs_members", _fc(
        {**_feature(_point(49.8, 40.4)), "crs": {"type": "name", "properties": {
            "name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}},
        {**_feature(_point(49.9, 40.5)), "crs": {"type": "name", "properties": {
            "name": "EPSG:32639"}}}),
     "mixed CRS hints: \"crs\" members name"),
    ("duplicate_ids", _fc(_feature(_point(49.8, 40.4), "a"), _feature(_point(49.9, 40.5), "a")),
     "duplicate id 'a' (feature 0 has it too)"),
    ("id_not_string_or_number", _fc(_feature(_point(49.8, 40.4), {"x": 1})),
     "id is an object; RFC 7946 ids are strings or numbers"),
    ("properties_not_object",
     _fc({"type": "Feature", "geometry": _point(49.8, 40.4), "properties": [1, 2]}),
     '"properties" is a list of 2, not an object'),
    ("properties_missing", _fc({"type": "Feature", "geometry": _point(49.8, 40.4)}),
     'Feature has no "properties" member'),
    ("duplicate_json_key", '{"type": "Point", "coordinates": [49.8, 40.4], '
     '"coordinates": [50.0, 40.0]}', "duplicate key 'coordinates'"),
    # was "invalid JSON at line 2 column 1: Extra data; fix the syntax": nothing to fix there
    ("geojson_lines_named_geojson", json.dumps(_feature(_point(49.8, 40.4))) + "\n"
     + json.dumps(_feature(_point(49.9, 40.5))) + "\n",
     "one JSON text per line is GeoJSON Lines: name the file .geojsonl"),
    ("bbox_of_two_values", _fc(_feature(_point(49.8, 40.4)), bbox=[49.8, 40.4]),
     "\"bbox\" has 2 value(s); RFC 7946 writes it [west, south, east, north]"),
    ("bbox_of_strings", _fc({**_feature(_point(49.8, 40.4)), "bbox": ["49", "40", "50", "41"]}),
     "\"bbox\"[0] is the string '49', not a number"),
    ("bbox_south_above_north", _fc(_feature(_point(49.8, 40.4)), bbox=[49.0, 41.0, 50.0, 40.0]),
     "\"bbox\" has its south 41 above its north 40"),
    ("bbox_latitude_beyond_90", _fc(_feature({**_point(49.8, 40.4), "bbox": [49, 40, 50, 95]})),
     "geometry.bbox[3] is latitude 95, beyond ±90"),
]

#: A test run on each malformed case, given its ``text`` and the ``expected`` message part.
EACH_MALFORMED = pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in MALFORMED], ids=[n for n, _, _ in MALFORMED])


@EACH_MALFORMED
def test_each_malformed_input_gives_its_own_clear_problem(text: str, expected: str) -> None:
    problems = validate_geojson(text)
    messages = [problem.message for problem in problems]
    assert any(expected in message for message in messages), messages


def test_malformed_suite_has_at_least_twenty_distinct_messages() -> None:
    firsts = {validate_geojson(text)[0].message for _, text, _ in MALFORMED}
    assert len(firsts) == len(MALFORMED) >= 20


@EACH_MALFORMED
def test_reading_a_malformed_file_raises_one_line_input_error_naming_the_file(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "user.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_user_geojson(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert expected in message or "more problem" in message


def test_missing_file_is_reported_with_the_fix(tmp_path: Path) -> None:
    problems = validate_geojson(tmp_path / "absent.geojson")
    assert problems == [Problem(None, "file not found; check the path")]


def test_folder_instead_of_file_is_reported(tmp_path: Path) -> None:
    assert "is a folder" in validate_geojson(tmp_path)[0].message


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 0 does not stop root (the CI container), so make reading fail the way it would.
    path = tmp_path / "secret.geojson"
    path.write_text("{}", encoding="utf-8")

    real_open = os.open

    def refuse(name: object, flags: int, *args: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert validate_geojson(path)[0].message == (
        "file is not readable (permission denied); fix its permissions")


def test_latin1_file_is_reported_as_not_utf8_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.geojson"
    path.write_bytes('{"type": "Point",\n "name": "Bakı"}'.replace("ı", "é").encode("latin-1"))
    message = validate_geojson(path)[0].message
    assert message.startswith("not UTF-8: byte 0xe9 at line 2 column 14")


def test_utf16_file_is_reported_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf16.geojson"
    path.write_bytes(json.dumps(_point(49.8, 40.4)).encode("utf-16"))
    assert "file is UTF-16" in validate_geojson(path)[0].message


def test_problems_list_file_level_first_then_by_feature_index() -> None:
    text = _fc(
        _feature(_point(49.8, 95.0), "late"),
        _feature(_point(49.8, 40.4), "x"),
        _feature(_point(49.9, 40.5), "x"),
        _feature(_point(5543210.0, 4923456.0)),
    )
    problems = validate_geojson(text)
    assert [p.index for p in problems] == [None, 0, 2, 3]
    assert problems[0].message.startswith("mixed CRS hints")
    assert problems == validate_geojson(text)


def test_every_bad_feature_is_reported_not_only_the_first() -> None:
    features = [_feature(_point(49.8, 91.0 + i)) for i in range(5)]
    problems = validate_geojson(_fc(*features))
    assert [p.index for p in problems] == [0, 1, 2, 3, 4]


def test_a_file_in_metres_gives_one_line_per_geometry_not_per_vertex() -> None:
    coords = [[5543210.0 + i, 4923456.0] for i in range(100)]
    problems = validate_geojson(_fc(_feature({"type": "LineString", "coordinates": coords})))
    assert len(problems) == 1
    assert "(99 more like it in this geometry)" in problems[0].message


def test_problem_where_names_feature_index_and_id() -> None:
    assert str(Problem(3, "bad", "a")) == "feature 3 (id 'a'): bad"
    assert str(Problem(None, "bad")) == "file: bad"


def test_wgs84_crs_members_are_accepted() -> None:
    for name in ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"):
        text = _fc(_feature(_point(49.8, 40.4)), crs={"type": "name", "properties": {"name": name}})
        assert validate_geojson(text) == []


def test_bbox_members_that_follow_rfc_7946_are_accepted() -> None:
    # 2D, 3D (six values), across the antimeridian (west > east, RFC 7946 §5.2), and null
    feature = {**_feature({**_point(179.5, 0.5), "bbox": [179.5, 0.5, 179.5, 0.5]}),
               "bbox": [170.0, -10.0, -170.0, 10.0]}
    text = _fc(feature, bbox=[170.0, -10.0, 0.0, -170.0, 10.0, 100.0])
    assert validate_geojson(text) == []
    assert validate_geojson(_fc(_feature(_point(49.8, 40.4)), bbox=None)) == []


def test_null_geometry_is_accepted_when_the_caller_allows_it(tmp_path: Path) -> None:
    path = tmp_path / "nulls.geojson"
    path.write_text(_fc(_feature(None, "n"), _feature(_point(49.8, 40.4), "p")), encoding="utf-8")
    frame = read_user_geojson(path, allow_null_geometry=True)
    assert list(frame["id"]) == ["n", "p"]
    assert frame.geometry.iloc[0] is None


def test_a_caller_can_restrict_geometry_types() -> None:
    problems = validate_geojson(_fc(_feature(_point(49.8, 40.4))),
                                geometry_types=("LineString", "MultiLineString"))
    assert "is a Point, which this command does not use" in problems[0].message


def test_geometry_collection_is_read_when_the_caller_allows_it() -> None:
    gc = {"type": "GeometryCollection", "geometries": [_point(49.8, 40.4)]}
    assert validate_geojson(_fc(_feature(gc)), geometry_types=("GeometryCollection",)) == []


def test_polygon_with_clockwise_exterior_is_legal() -> None:
    # RFC 7946 says parsers must not reject rings that break the right-hand rule.
    clockwise = list(reversed(SQUARE))
    assert validate_geojson(_fc(_feature({"type": "Polygon", "coordinates": [clockwise]}))) == []


def test_three_dimensional_positions_are_legal() -> None:
    line = {"type": "LineString", "coordinates": [[49.8, 40.4, -20.0], [50.0, 40.5, 3.5]]}
    assert validate_geojson(_fc(_feature(line))) == []
