"""The fast paths of the strict reader: one numpy check over every coordinate array and one
shapely call for all-LineString files must give exactly what the per-feature path gives, and
pausing the garbage collector while parsing must leave it as the caller had it."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
import shapely.geometry
from caspian.geo.errors import InputError
from caspian.layers.io.geojson_rules import (
    SUPPORTED_GEOMETRY_TYPES,
    PositionBlock,
    check_document,
    prepare_positions,
)
from caspian.layers.io.userdata import read_user_geojson, validate_geojson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# A block that clears no array: check_document then checks every array on its own, as it did
# before the bulk pre-check existed.
NO_BLOCK = PositionBlock((), np.empty((0, 2)), np.empty(0, dtype=np.int64))


def _line_feature(index: int, coords: list[Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": f"f{index}", "properties": {"name": f"line {index}"},
            "geometry": {"type": "LineString", "coordinates": coords}}


def _collection(lines: list[list[Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection",
            "features": [_line_feature(i, coords) for i, coords in enumerate(lines)]}


def _write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "lines.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_clean_lines_are_stacked_into_one_block_in_file_order() -> None:
    doc = _collection([[[49.0, 40.0], [49.5, 40.5]], [[50, 41], [50.5, 41.5], [51.0, 42]]])
    block = prepare_positions(doc)
    assert block is not None
    assert block.counts.tolist() == [2, 3]
    assert block.coords.tolist() == [[49.0, 40.0], [49.5, 40.5], [50.0, 41.0], [50.5, 41.5],
                                     [51.0, 42.0]]
    assert all(block.clears(feature["geometry"]["coordinates"]) for feature in doc["features"])


def test_polygon_rings_and_multiline_parts_are_each_an_array_of_the_block() -> None:
    ring = [[49.0, 40.0], [50.0, 40.0], [50.0, 41.0], [49.0, 40.0]]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                                                           "coordinates": [ring, ring]}},
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "MultiLineString",
            "coordinates": [[[49, 40], [50, 41]], [[51, 42], [52, 43]]]}},
    ]}
    block = prepare_positions(doc)
    assert block is not None
    assert block.counts.tolist() == [4, 4, 2, 2]


def test_lines_past_one_chunk_are_stacked_whole_and_a_boolean_in_the_last_clears_none(
) -> None:
    lines = [[[49.0 + i / 1e4, 40.0], [49.5, 40.5 + i / 1e4]] for i in range(4096 * 2 + 3)]
    block = prepare_positions(_collection(lines))
    assert block is not None
    assert block.coords.tolist() == [position for line in lines for position in line]
    lines[-1][1] = [49.5, True]  # a boolean is no coordinate, though numpy would take it as 1
    assert prepare_positions(_collection(lines)) is None


def test_one_bad_vertex_among_clean_lines_clears_nothing_and_is_named() -> None:
    lines = [[[49.0 + i / 100, 40.0], [49.1 + i / 100, 40.1]] for i in range(50)]
    lines[37][1] = [49.1, 95.0]
    doc = _collection(lines)
    assert prepare_positions(doc) is None
    problems = validate_geojson(json.dumps(doc))
    assert [(p.index, p.feature_id) for p in problems] == [(37, "f37")]
    assert "coordinates[1] has latitude 95, beyond ±90" in problems[0].message


def test_mixed_2d_and_3d_features_are_read_exactly_without_the_block(tmp_path: Path) -> None:
    doc = _collection([[[49.0, 40.0], [49.5, 40.5]], [[50.0, 41.0, -28.0], [50.5, 41.5, 3.0]]])
    assert prepare_positions(doc) is None
    frame = read_user_geojson(_write(tmp_path, doc))
    assert not frame.geometry.iloc[0].has_z
    assert list(frame.geometry.iloc[1].coords) == [(50.0, 41.0, -28.0), (50.5, 41.5, 3.0)]


def test_3d_lines_built_in_bulk_equal_shapely_shape_exactly(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    lines = [np.round(rng.uniform([44, 37, -30], [56, 47, 900], size=(n, 3)), 6).tolist()
             for n in (2, 5, 17, 3)]
    doc = _collection(lines)
    frame = read_user_geojson(_write(tmp_path, doc))
    expected = [shapely.geometry.shape(f["geometry"]) for f in doc["features"]]
    assert all(shapely.equals_exact(frame.geometry.values, expected, tolerance=0))
    assert frame.geometry.iloc[2].has_z
    assert list(frame["id"]) == ["f0", "f1", "f2", "f3"]


good = st.floats(-180, 180, allow_nan=False)
values = st.one_of(good, st.integers(-180, 180), st.sampled_from(
    [95.0, -91, 250.0, 500_000.0, 10**400, True, "49.8", None, 1e308 * 10]))
positions = st.one_of(
    st.lists(good, min_size=2, max_size=2),
    st.lists(values, min_size=2, max_size=3),
    st.sampled_from([[], [49.8], 49.8, {"lon": 49.8}]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(positions, max_size=5), min_size=1, max_size=5))
def test_problems_are_identical_with_and_without_the_bulk_check(lines: list[Any]) -> None:
    doc = _collection(lines)
    bulk = check_document(doc, SUPPORTED_GEOMETRY_TYPES, False)
    one_by_one = check_document(doc, SUPPORTED_GEOMETRY_TYPES, False, NO_BLOCK)
    assert bulk == one_by_one


def test_reading_restores_the_garbage_collector_after_success_and_failure(
    tmp_path: Path,
) -> None:
    good = _write(tmp_path, _collection([[[49.0, 40.0], [49.5, 40.5]]]))
    assert gc.isenabled()
    assert len(read_user_geojson(good)) == 1
    assert gc.isenabled()
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Point", "coordinates": [49.8, 95.0]}', encoding="utf-8")
    with pytest.raises(InputError):
        read_user_geojson(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        assert validate_geojson(good) == []
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()
