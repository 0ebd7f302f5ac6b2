"""Property tests of the GeoJSON parser: valid input round-trips, garbage only ever raises
InputError (or, from validate_geojson, returns problems)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import shapely.geometry
from caspian.geo.errors import InputError
from caspian.layers.io.userdata import read_user_geojson, validate_geojson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
positions = st.tuples(lons, lats).map(list)
# Names mixing the scripts our data uses: Azerbaijani, Turkish, Russian, plus anything else.
text = st.one_of(
    st.sampled_from(["Ələt", "Bakı", "Iğdır", "ışık", "Актау", "Курык", "Zəngəzur"]),
    st.text(max_size=20),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False), text)


def _point(position: list[float]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": position}


def _line(points: list[list[float]]) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": points}


@st.composite
def boxes(draw: st.DrawFn) -> dict[str, Any]:
    lon = draw(st.floats(-179, 178))
    lat = draw(st.floats(-89, 88))
    width = draw(st.floats(0.001, 1))
    height = draw(st.floats(0.001, 1))
    ring = [[lon, lat], [lon + width, lat], [lon + width, lat + height], [lon, lat + height],
            [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


distinct_lines = st.lists(positions, min_size=2, max_size=6, unique_by=tuple).map(_line)
positions_3d = st.tuples(lons, lats, st.floats(-500, 9000)).map(list)
lines_3d = st.lists(positions_3d, min_size=2, max_size=6,
                    unique_by=lambda p: (p[0], p[1])).map(_line)
multipoints = st.lists(positions, min_size=1, max_size=4).map(
    lambda points: {"type": "MultiPoint", "coordinates": points})
geometries = st.one_of(positions.map(_point), distinct_lines, lines_3d, multipoints, boxes())
properties = st.dictionaries(
    st.text(min_size=1, max_size=10).filter(lambda key: not key.startswith(("id", "property_")))
    | st.just("geometry"),
    scalars, max_size=4)


@st.composite
def collections(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 5))
    keys = draw(properties)
    features = []
    for index in range(count):
        values = {key: draw(scalars) for key in keys}
        features.append({"type": "Feature", "id": f"f{index}", "properties": values,
                         "geometry": draw(geometries)})
    return {"type": "FeatureCollection", "features": features}


def _write(data: bytes) -> Path:
    with tempfile.NamedTemporaryFile(suffix=".geojson", delete=False) as handle:
        handle.write(data)
    return Path(handle.name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(collections())
def test_random_valid_geojson_validates_clean_and_round_trips(doc: dict[str, Any]) -> None:
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    assert validate_geojson(data) == []
    path = _write(data)
    try:
        frame = read_user_geojson(path)
    finally:
        path.unlink()
    assert list(frame["id"]) == [feature["id"] for feature in doc["features"]]
    for row, feature in zip(frame.itertuples(index=False), doc["features"], strict=True):
        assert row.geometry.equals(shapely.geometry.shape(feature["geometry"]))
        for key, value in feature["properties"].items():
            column = "property_geometry" if key == "geometry" else key
            got = frame.loc[frame["id"] == feature["id"], column].iloc[0]
            assert got == value or (value is None and got is None) or (
                value is None and got != got  # pandas may store a missing number as NaN
            )


json_values = st.recursive(
    scalars | st.sampled_from(["Feature", "FeatureCollection", "Point", "Polygon",
                               "LineString", "GeometryCollection"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["type", "features", "geometry", "coordinates",
                                       "properties", "id", "crs", "geometries"]),
                      children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_structures_give_problems_or_a_frame_never_a_crash(value: Any) -> None:
    data = json.dumps(value).encode("utf-8")
    problems = validate_geojson(data)
    path = _write(data)
    try:
        read_user_geojson(path)
    except InputError as exc:
        assert problems
        assert "\n" not in str(exc)
    else:
        assert problems == []
    finally:
        path.unlink()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_random_bytes_never_raise_anything_but_input_error(data: bytes) -> None:
    assert isinstance(validate_geojson(data), list)
    path = _write(data)
    try:
        read_user_geojson(path)
    except InputError:
        pass
    finally:
        path.unlink()


# Coordinates built from anything JSON can hold, inside a well-formed geometry object, so that
# the position and ring checks (not only the top-level ones) meet garbage.
coordinate_junk = st.recursive(
    st.one_of(st.floats(), st.integers(-10**400, 10**400), st.booleans(), st.none(),
              st.text(max_size=3)),
    lambda children: st.lists(children, max_size=5),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                        "MultiPolygon"]), coordinate_junk)
def test_random_coordinates_give_problems_or_a_frame_never_a_crash(kind: str, coords: Any) -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": kind,
                                                                 "coordinates": coords}}
    data = json.dumps(feature).encode("utf-8")  # NaN and Infinity written as JSON extensions
    problems = validate_geojson(data)
    path = _write(data)
    try:
        frame = read_user_geojson(path)
    except InputError as exc:
        assert problems
        assert "\n" not in str(exc)
    else:
        assert problems == []
        assert frame.geometry.iloc[0].geom_type == kind
    finally:
        path.unlink()
