"""Country borders along the Araz: OpenStreetMap land borders spliced into Natural Earth.

The fixture ``tests/data/araz_osm_tracks.geojson`` holds two real OpenStreetMap railway traces
that hug the Araz, the Azerbaijan–Iran border (provenance and ODbL credit inside the file).
Neither enters Iran; Natural Earth 10 m, generalised there by one to three kilometres, puts
tens of kilometres of each in Iran, which is why the region's land borders are OSM's.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from caspian.geo.countries import SEA, build_country_index, split_by_country
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.layers.boundaries import (
    border_source,
    country_index,
    country_names,
    load_boundaries,
    load_natural_earth,
)
from cli_support import run_cli

ARAZ_TRACKS = Path(__file__).parent / "data" / "araz_osm_tracks.geojson"


@pytest.fixture(scope="module")
def araz_tracks() -> dict[str, shapely.LineString]:
    collection = json.loads(ARAZ_TRACKS.read_text(encoding="utf-8"))
    return {
        feature["id"]: shapely.geometry.shape(feature["geometry"])
        for feature in collection["features"]
    }


@pytest.fixture(scope="module")
def natural_earth_index():
    frame = load_natural_earth()
    return build_country_index(frame.geometry.values, frame["code"].to_numpy(dtype=str))


def _split(tracks: dict[str, shapely.LineString], index) -> dict[str, dict[str, float]]:
    rows = split_by_country(list(tracks.values()), index).by_country_km
    return dict(zip(tracks, rows, strict=True))


def test_fixture_credits_openstreetmap_and_names_its_extract() -> None:
    collection = json.loads(ARAZ_TRACKS.read_text(encoding="utf-8"))
    assert collection["licence"] == "ODbL-1.0"
    assert "OpenStreetMap contributors" in collection["attribution"]
    assert collection["source"]["commit"] == "ea7a2e27d11ae5bfe916e2fdb54ff4b384a8f8b3"
    assert all(feature["properties"]["osm_way_ids"] for feature in collection["features"])


def test_araz_tracks_have_their_mapped_lengths(araz_tracks) -> None:
    lengths = dict(zip(araz_tracks, geodesic_lengths_km(list(araz_tracks.values())), strict=True))
    # Published: Horadiz–Aghband 110.4 km; the trace ends at the stations' nearest ways.
    assert lengths["horadiz-aghband"] == pytest.approx(105.6, abs=0.1)
    assert lengths["julfa-ordubad"] == pytest.approx(41.4, abs=0.1)


@pytest.mark.parametrize("track", ["horadiz-aghband", "julfa-ordubad"])
def test_araz_track_lies_at_most_one_km_in_iran(araz_tracks, track: str) -> None:
    split = _split(araz_tracks, country_index())[track]
    total_km = float(geodesic_lengths_km([araz_tracks[track]])[0])
    assert split.get("IRN", 0.0) <= 1.0
    assert split["AZE"] == pytest.approx(total_km, rel=0.01)
    assert split[SEA] < 0.01


@pytest.mark.parametrize(
    ("track", "natural_earth_iran_km"), [("horadiz-aghband", 42.2), ("julfa-ordubad", 34.6)]
)
def test_natural_earth_alone_puts_tens_of_km_of_araz_track_in_iran(
    araz_tracks, natural_earth_index, track: str, natural_earth_iran_km: float
) -> None:
    # The finding that made us replace the region's land borders (docs/metrics.md).
    split = _split(araz_tracks, natural_earth_index)[track]
    assert split["IRN"] == pytest.approx(natural_earth_iran_km, abs=0.5)


def test_border_source_names_openstreetmap_with_its_licence() -> None:
    source = border_source()
    assert source.licence == "ODbL-1.0"
    assert "OpenStreetMap" in source.name and "Natural Earth 10 m" in source.name
    assert {"AZE", "ARM", "GEO", "IRN", "TUR", "KAZ", "UZB", "TKM", "RUS", "CHN"} <= set(
        source.region_codes
    )
    assert "ROU" not in source.region_codes  # outside the region: Natural Earth
    assert source.basis("AZE").startswith("OpenStreetMap")
    assert source.basis("ROU") == "Natural Earth 10 m border"


def test_region_keeps_natural_earth_land_and_coast() -> None:
    # Inside the region, OSM only redraws the land borders: the land (and so the Caspian and
    # Black Sea coasts a sea router derives from it) is Natural Earth's, without overlaps.
    region = shapely.box(*border_source().region_bounds)
    merged = shapely.intersection(load_boundaries().geometry.values, region)
    base = shapely.intersection(load_natural_earth().geometry.values, region)
    merged_area = float(np.sum(shapely.area(merged)))
    base_land = shapely.union_all(base)
    assert merged_area == pytest.approx(base_land.area, rel=1e-6)
    assert shapely.union_all(merged).area == pytest.approx(merged_area, rel=1e-6)


def test_public_functions_keep_their_shape() -> None:
    frame = load_boundaries()
    assert list(frame.columns) == ["code", "name", "geometry"]
    assert frame.crs.to_epsg() == 4326
    base = load_natural_earth()
    assert frame["code"].tolist() == base["code"].tolist()  # one row per Natural Earth row
    assert country_names()["AZE"] == "Azerbaijan"


def test_border_towns_fall_in_their_country() -> None:
    # Julfa station (AZE, on the Araz, 1 km from Iran) and Alashankou (CHN, the Chinese end of
    # the Dostyk crossing, reference/facts.md: 45.1703 N 82.5703 E), which Natural Earth puts
    # in Kazakhstan.
    index = country_index()
    for code, lon, lat in [("AZE", 45.632, 38.958), ("CHN", 82.5703, 45.1703)]:
        (hit,) = index.tree.query(shapely.Point(lon, lat), predicate="within")
        assert index.codes[hit] == code


def test_country_table_basis_names_the_border_source(capsys) -> None:
    code, out, err = run_cli(["metrics", "--file", str(ARAZ_TRACKS), "--by", "country"], capsys)
    assert code == 0, err
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert [row.split()[2] for row in rows] == ["AZE", "AZE"]
    assert all("OpenStreetMap (osm_borders 2024-12) border" in row for row in rows)


def test_json_output_names_the_border_source(capsys) -> None:
    code, out, err = run_cli(
        ["metrics", "--file", str(ARAZ_TRACKS), "--by", "country", "--format", "json"], capsys
    )
    assert code == 0, err
    rows = json.loads(out)
    assert {row["border_source"] for row in rows} == {border_source().name}
    assert all("IRN" not in row["by_country_km"] for row in rows)


def test_popup_split_names_the_border_source() -> None:
    from caspian.layers.catalog.loading import catalog_frame, load_catalog
    from caspian.maps.features import catalog_collection, feature_metrics

    layer = load_catalog(["btc_pipeline"])["btc_pipeline"]
    metrics = feature_metrics(catalog_frame(["btc_pipeline"]))
    popup = catalog_collection(layer, metrics)["features"][0]["properties"]["popup"]
    assert "(borders: OpenStreetMap (osm_borders 2024-12) + Natural Earth 10 m)" in popup
