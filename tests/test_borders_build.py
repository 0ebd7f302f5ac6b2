"""Building the region borders file from an OSM-derived border file (synthetic, small)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.boundaries import load_natural_earth
from caspian.layers.osm.borders_build import build, write_region_file

# Around Julfa on the Araz; a made-up border along 38.95 N between two claims that reach far
# beyond the region (as territorial waters do).
REGION = (45.3, 38.7, 46.0, 39.3)


def _osm_file(tmp_path: Path, codes: tuple[str, str] = ("AZE", "IRN")) -> Path:
    north, south = shapely.box(44.0, 38.95, 47.0, 40.0), shapely.box(44.0, 37.0, 47.0, 38.95)
    features = [
        {"type": "Feature", "properties": {"isoA3": code},
         "geometry": json.loads(shapely.to_geojson(shapely.GeometryCollection([geom])))}
        for code, geom in zip(codes, (north, south), strict=True)
    ]
    path = tmp_path / "borders.geo.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_build_divides_natural_earth_land_by_the_osm_claims(tmp_path: Path) -> None:
    collection, provenance = build(_osm_file(tmp_path), REGION, check_source=False)
    pieces = {
        feature["properties"]["code"]: shapely.geometry.shape(feature["geometry"])
        for feature in collection["features"]
    }
    assert set(pieces) == {"AZE", "IRN"}
    assert pieces["AZE"].bounds[1] == pytest.approx(38.95, abs=1e-5)
    assert pieces["IRN"].bounds[3] == pytest.approx(38.95, abs=1e-5)
    base = shapely.intersection(load_natural_earth().geometry.values, shapely.box(*REGION))
    land_area = shapely.union_all(base).area
    assert sum(piece.area for piece in pieces.values()) == pytest.approx(land_area, rel=1e-4)
    assert provenance["source"]["licence"] == "ODbL-1.0"
    assert provenance["region_bounds"] == list(REGION)


def test_build_refuses_a_code_natural_earth_has_not_in_the_region(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="XXK"):
        build(_osm_file(tmp_path, ("AZE", "XXK")), REGION, check_source=False)


def test_build_refuses_a_file_that_is_not_the_named_release(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="SHA-256"):
        build(_osm_file(tmp_path), REGION)


def test_region_file_round_trips_through_pyogrio_byte_for_byte(tmp_path: Path) -> None:
    collection, _ = build(_osm_file(tmp_path), REGION, check_source=False)
    first, second = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    write_region_file(collection, first)
    write_region_file(collection, second)
    assert first.read_bytes() == second.read_bytes()
    frame = pyogrio.read_dataframe(first)
    assert frame["code"].tolist() == ["AZE", "IRN"]
    assert np.all(shapely.is_valid(frame.geometry.values))
