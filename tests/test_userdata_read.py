"""Reading a valid user GeoJSON: FeatureCollection, Feature or bare geometry, Unicode intact."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
import shapely.geometry
from caspian.layers.io.userdata import read_user_geojson, validate_geojson

NAMES = {
    "az": "Ələt limanı",
    "tr": "Iğdır–Kars demiryolu, ışık",
    "ru": "Порт Актау",
}


def _write(tmp_path: Path, doc: object, *, bom: bool = False) -> Path:
    path = tmp_path / "user.geojson"
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_feature_collection_becomes_one_row_per_feature_in_epsg_4326(tmp_path: Path) -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "alat", "properties": {"name": NAMES["az"], "berths": 12},
         "geometry": {"type": "Point", "coordinates": [49.407, 39.948]}},
        {"type": "Feature", "id": "line", "properties": {"name": NAMES["ru"], "berths": None},
         "geometry": {"type": "LineString", "coordinates": [[49.4813, 40.2013], [47.1, 40.6]]}},
    ]}
    frame = read_user_geojson(_write(tmp_path, doc))
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns) == ["name", "berths", "id", "geometry"]
    assert list(frame["id"]) == ["alat", "line"]
    assert frame.geometry.iloc[0].equals(shapely.Point(49.407, 39.948))
    assert frame.geometry.iloc[1].coords[0] == (49.4813, 40.2013)


def test_unicode_names_survive_reading_byte_for_byte(tmp_path: Path) -> None:
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": {
            "type": "Point", "coordinates": [49.0 + i, 40.0]}}
        for i, name in enumerate(NAMES.values())
    ]
    frame = read_user_geojson(_write(tmp_path, {"type": "FeatureCollection", "features": features}))
    assert [name.encode("utf-8") for name in frame["name"]] == [
        name.encode("utf-8") for name in NAMES.values()]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    doc = {"type": "Point", "coordinates": [49.8, 40.4]}
    frame = read_user_geojson(_write(tmp_path, doc, bom=True))
    assert frame.geometry.iloc[0].equals(shapely.Point(49.8, 40.4))


def test_single_feature_is_read_as_one_row(tmp_path: Path) -> None:
    doc = {"type": "Feature", "id": 7, "properties": {"name": NAMES["tr"]},
           "geometry": {"type": "Point", "coordinates": [43.0, 40.6]}}
    frame = read_user_geojson(_write(tmp_path, doc))
    assert list(frame["id"]) == [7]
    assert frame["name"].iloc[0] == NAMES["tr"]


def test_bare_geometry_is_read_with_index_as_id(tmp_path: Path) -> None:
    doc = {"type": "MultiLineString", "coordinates": [[[49.0, 40.0], [50.0, 41.0]],
                                                      [[51.0, 42.0], [51.5, 42.5]]]}
    frame = read_user_geojson(_write(tmp_path, doc))
    assert list(frame.columns) == ["id", "geometry"]
    assert list(frame["id"]) == [0]
    assert frame.geometry.iloc[0].geom_type == "MultiLineString"


def test_features_without_ids_get_their_index(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [49.8, 40.4]}
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": point} for _ in range(3)]}
    assert list(read_user_geojson(_write(tmp_path, doc))["id"]) == [0, 1, 2]


def test_id_property_is_used_when_the_feature_has_no_id(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [49.8, 40.4]}
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "p1"}, "geometry": point},
        {"type": "Feature", "id": "f2", "properties": {"id": "p2"}, "geometry": point}]}
    frame = read_user_geojson(_write(tmp_path, doc))
    assert list(frame["id"]) == ["p1", "f2"]
    assert frame["property_id"].iloc[1] == "p2"


def test_three_dimensional_coordinates_are_kept(tmp_path: Path) -> None:
    doc = {"type": "LineString", "coordinates": [[49.8, 40.4, -20.0], [50.0, 40.5, 3.5]]}
    geometry = read_user_geojson(_write(tmp_path, doc)).geometry.iloc[0]
    assert geometry.has_z
    assert list(geometry.coords) == [(49.8, 40.4, -20.0), (50.0, 40.5, 3.5)]


def test_validate_accepts_text_and_bytes_as_well_as_paths(tmp_path: Path) -> None:
    text = json.dumps({"type": "Point", "coordinates": [49.8, 95.0]})
    path = tmp_path / "p.geojson"
    path.write_text(text, encoding="utf-8")
    assert validate_geojson(text) == validate_geojson(text.encode()) == validate_geojson(path)
    assert len(validate_geojson(path)) == 1


def test_a_property_called_geometry_is_kept_beside_the_geometry(tmp_path: Path) -> None:
    doc = {"type": "Feature", "properties": {"geometry": "schematic"},
           "geometry": {"type": "Point", "coordinates": [49.8, 40.4]}}
    frame = read_user_geojson(_write(tmp_path, doc))
    assert frame["property_geometry"].iloc[0] == "schematic"
    assert frame.geometry.iloc[0].equals(shapely.Point(49.8, 40.4))


def test_polygons_with_holes_and_multipolygons_are_read_exactly(tmp_path: Path) -> None:
    outer = [[49.0, 40.0], [50.0, 40.0], [50.0, 41.0], [49.0, 41.0], [49.0, 40.0]]
    hole = [[49.2, 40.2], [49.2, 40.4], [49.4, 40.4], [49.4, 40.2], [49.2, 40.2]]
    far = [[51.0, 40.0], [52.0, 40.0], [52.0, 41.0], [51.0, 40.0]]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                                                           "coordinates": [outer, hole]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon",
                                                           "coordinates": [[outer], [far]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint",
                                                           "coordinates": outer[:2]}},
    ]}
    frame = read_user_geojson(_write(tmp_path, doc))
    for geometry, feature in zip(frame.geometry, doc["features"], strict=True):
        assert geometry.equals_exact(shapely.geometry.shape(feature["geometry"]), 0)
    assert len(frame.geometry.iloc[0].interiors) == 1


def test_a_file_whose_name_starts_like_json_is_read_as_the_file(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from cli_support import run_cli

    doc = {"type": "Feature", "properties": {"name": "leg"},
           "geometry": {"type": "LineString", "coordinates": [[49.4, 39.9], [50.0, 40.3]]}}
    monkeypatch.chdir(tmp_path)
    for name in ("[2025] routes.geojson", '"quoted".geojson', "{draft}.geojson"):
        Path(name).write_text(json.dumps(doc), encoding="utf-8")
        frame = read_user_geojson(name)  # a relative str, as a script passes it
        assert frame["name"].tolist() == ["leg"]
        code, out, err = run_cli(["metrics", "--file", name], capsys)
        assert code == 0, err
        assert Path(name).stem in out and "67.8" in out
