"""Catalog lines redrawn along mapped (OpenStreetMap) track: lengths, places, provenance."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely
import shapely.geometry
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.layers.catalog.loading import load_catalog, load_layer
from caspian.layers.catalog.schematic import NO_REASON, schematic_lines
from caspian.layers.catalog.vocabulary import GEOMETRY_ACCURACIES

# An equidistant conic over the Caucasus and Kazakhstan: distances in metres to well under 1 %.
TO_METRES = pyproj.Transformer.from_crs(
    "EPSG:4326", "+proj=eqdc +lat_1=37 +lat_2=45 +lon_0=48 +datum=WGS84", always_xy=True
)

TRACED = [
    ("zangezur_corridor", "horadiz-aghband"),
    ("zangezur_corridor", "nakhchivan"),
    ("zangezur_corridor", "kars-dilucu"),
    ("btc_pipeline", "btc"),
    ("middle_corridor", "btk"),
    ("middle_corridor", "georgian-ports"),
]


def _length_km(feature) -> float:
    (length_km,) = geodesic_lengths_km([shapely.geometry.shape(feature["geometry"])])
    return float(length_km)


def _place_distances_km(feature) -> dict[str, float]:
    line = shapely.transform(
        shapely.geometry.shape(feature["geometry"]), TO_METRES.transform, interleaved=False
    )
    places = feature["properties"]["route_places"]
    xs, ys = TO_METRES.transform(*np.array([place["coordinates"] for place in places]).T)
    distances_km = shapely.distance(line, shapely.points(xs, ys)) / 1000
    return {place["label"]: float(km) for place, km in zip(places, distances_km, strict=True)}


def test_traced_sits_between_surveyed_and_waypoints() -> None:
    assert GEOMETRY_ACCURACIES[:3] == ("surveyed", "traced", "waypoints")


@pytest.mark.parametrize(
    ("feature_id", "published_km"),
    [("horadiz-aghband", 110.4), ("nakhchivan", 188), ("kars-dilucu", 224)],
)
def test_traced_zangezur_leg_within_ten_percent_of_published(
    feature_id: str, published_km: float
) -> None:
    feature = load_layer("zangezur_corridor").feature(feature_id)
    assert feature["properties"]["geometry_accuracy"] == "traced"
    assert abs(_length_km(feature) - published_km) <= 0.10 * published_km


@pytest.mark.parametrize(
    ("feature_id", "max_km"),
    # Horadiz–Aghband: village points of the listed stations; Nakhchivan: town centres and an
    # approximate district point; Kars–Dilucu: town points of stations of a new line (Digor
    # 10 km, Kars 12 km where the mapped way leaves the existing line).
    [("horadiz-aghband", 1.0), ("nakhchivan", 5.0), ("kars-dilucu", 13.0)],
)
def test_sourced_places_lie_along_the_traced_zangezur_leg(feature_id: str, max_km: float) -> None:
    distances = _place_distances_km(load_layer("zangezur_corridor").feature(feature_id))
    assert len(distances) >= 5
    assert max(distances.values()) < max_km, distances


def test_btk_follows_the_traced_track_through_its_station_towns() -> None:
    feature = load_layer("middle_corridor").feature("btk")
    distances = _place_distances_km(feature)
    azerbaijan = [
        "Hajigabul (station town)", "Kurdamir (station town)", "Ujar (station town)",
        "Yevlakh (station town)", "Shamkir (town near Dallar station)", "Tovuz (station town)",
        "Agstafa (station town)",
    ]
    # Shamkir is the town, Dallar station 4 km away; the others are station towns.
    assert max(distances[town] for town in azerbaijan) < 5.0, distances
    assert np.median([distances[town] for town in azerbaijan]) < 1.0
    # In Georgia the line keeps to the freight route through the marshalling yard, 4 km from the
    # city point; the gauge-change yard lies south of Akhalkalaki town (7.8 km measured).
    (yard,) = [label for label in distances if label.startswith("Tbilisi Marshalling")]
    assert distances[yard] < 0.1
    assert distances["Tetritskaro (town on the BTK line)"] < 2.0
    assert distances["Akhalkalaki (gauge-change station town)"] < 8.0
    assert distances["Tbilisi (city)"] < 5.0


def test_btk_runs_from_the_turkish_border_to_kars_through_station_nodes() -> None:
    feature = load_layer("middle_corridor").feature("btk")
    coordinates = np.array(feature["geometry"]["coordinates"])
    sources = [entry["source"] for entry in feature["properties"]["vertex_sources"]]
    geod = pyproj.Geod(ellps="WGS84")
    _, _, step_m = geod.inv(
        coordinates[:-1, 0], coordinates[:-1, 1], coordinates[1:, 0], coordinates[1:, 1]
    )
    # Five OpenStreetMap station nodes from Canbazlar to Kars follow the Georgian trace.
    assert sources[-5:] == ["osm-stations-tr"] * 5 and sources[-6] == "osm-rail-ge"
    border_end = coordinates[-6]
    assert 43.2 < border_end[0] < 43.4 and 41.1 < border_end[1] < 41.2  # near Kartsakhi
    # Mapped ways across open country have nodes up to 9 km apart; from the border the steps
    # between the Turkish station nodes are 4.2 to 20.8 km (Porsuklu–Kars), 66.4 km in all.
    assert step_m[:-5].max() < 9_500
    assert (step_m[-5:] / 1000).round(1).tolist() == [4.2, 18.1, 15.9, 7.3, 20.8]
    assert step_m[-5:].sum() / 1000 == pytest.approx(66.4, abs=0.1)
    assert feature["properties"]["untraced_reason"].startswith("Turkish border–Kars")


@pytest.mark.parametrize(("layer_id", "feature_id"), TRACED)
def test_traced_line_credits_openstreetmap_and_lists_its_ways(
    layer_id: str, feature_id: str
) -> None:
    layer = load_layer(layer_id)
    properties = layer.feature(feature_id)["properties"]
    osm_sources = [
        layer.sources[source_id] for source_id in properties["sources"]
        if "ODbL" in str(layer.sources[source_id].get("outlet"))
    ]
    assert osm_sources and all(source.get("attribution") for source in osm_sources)
    if layer_id != "btc_pipeline":  # BTC's ways were stitched upstream (see osm-btc)
        way_ids = properties["osm_way_ids"]
        assert way_ids and len(set(way_ids)) == len(way_ids)
        labelled = {
            int(entry["label"].split()[2])
            for entry in properties["vertex_sources"]
            if entry["label"].startswith("OpenStreetMap way ")
        }
        assert labelled == set(way_ids)


def test_traced_vertices_keep_the_mapped_resolution() -> None:
    coordinates = load_layer("zangezur_corridor").feature("nakhchivan")["geometry"]["coordinates"]
    assert len(coordinates) > 1000
    decimals = [len(str(value).split(".")[-1]) for position in coordinates for value in position]
    assert max(decimals) <= 7


def test_schematic_lines_are_listed_with_why_they_are_not_traced() -> None:
    listed = schematic_lines(load_catalog().values())
    lines = {f"{line.layer}/{line.feature}": line for line in listed}
    assert "zangezur_corridor/horadiz-aghband" not in lines
    assert "btc_pipeline/btc" not in lines
    assert "middle_corridor/georgian-ports" not in lines
    for feature_id in (
        "middle_corridor/btk",
        "middle_corridor/aktogay-zhezkazgan",
        "zangezur_corridor/syunik",
    ):
        assert lines[feature_id].reason != NO_REASON
    assert lines["middle_corridor/btk"].reason.startswith("Turkish border–Kars")


def test_georgian_ports_branch_follows_the_mapped_railway_to_poti_and_batumi() -> None:
    feature = load_layer("middle_corridor").feature("georgian-ports")
    assert feature["properties"]["geometry_accuracy"] == "traced"
    assert "untraced_reason" not in feature["properties"]
    to_poti, to_batumi = feature["geometry"]["coordinates"]
    poti_km, batumi_km = geodesic_lengths_km(
        [shapely.geometry.LineString(to_poti), shapely.geometry.LineString(to_batumi)]
    )
    # An earlier route over an OpenStreetMap-derived network gave 308.8 km for Tbilisi–Poti.
    assert poti_km == pytest.approx(307.8, abs=0.5)
    assert batumi_km == pytest.approx(101.3, abs=0.5)
    assert len(to_poti) > 2000 and len(to_batumi) > 800
    distances = _place_distances_km(feature)
    stations = {label: km for label, km in distances.items() if "railway=station node" in label}
    assert len(stations) == 5 and max(stations.values()) < 0.1, stations
    assert distances["Poti (port)"] < 1.0
    # The port's tracks are not connected in the export: the trace ends by Batumi-Central.
    assert distances["Batumi (port)"] < 2.0
    # The Batumi part leaves the Poti line at the Samtredia-1 station node.
    assert to_batumi[0] in to_poti


def test_mangyshlak_aktau_leg_follows_the_mapped_railway_to_the_port() -> None:
    layer = load_layer("middle_corridor")
    leg = layer.feature("mangyshlak-aktau")
    assert leg["properties"]["geometry_accuracy"] == "traced"
    distances = _place_distances_km(leg)
    assert distances["Aktau port station (OpenStreetMap railway=station node)"] < 0.5
    assert distances["Mangyshlak station (settlement Mangghystau)"] < 1.0
    # The chain stays joined where the Zhezkazgan leg hands over to it.
    previous = layer.feature("zhezkazgan-mangyshlak")["geometry"]["coordinates"]
    assert previous[-1] == leg["geometry"]["coordinates"][0]


def test_traced_beineu_mangyshlak_section_within_ten_percent_of_published() -> None:
    feature = load_layer("middle_corridor").feature("zhezkazgan-mangyshlak")
    coordinates = np.array(feature["geometry"]["coordinates"])
    places = feature["properties"]["route_places"]
    (beyneu,) = [place for place in places if place["label"].startswith("Beyneu")]
    geod = pyproj.Geod(ellps="WGS84")
    _, _, to_station_m = geod.inv(
        np.full(len(coordinates), beyneu["coordinates"][0]),
        np.full(len(coordinates), beyneu["coordinates"][1]),
        coordinates[:, 0],
        coordinates[:, 1],
    )
    start = int(np.argmin(to_station_m))
    assert to_station_m[start] < 3_000
    section_km = geod.line_length(coordinates[start:, 0], coordinates[start:, 1]) / 1000
    # Beineu–Mangistau 404 km (xalqqazeti.az); measured 400.6 km on 2026-12-01.
    assert abs(section_km - 404) <= 0.10 * 404


def test_china_aktogay_leg_follows_the_mapped_railway_through_dostyk() -> None:
    layer = load_layer("middle_corridor")
    leg = layer.feature("china-aktogay")
    assert leg["properties"]["geometry_accuracy"] == "traced"
    distances = _place_distances_km(leg)
    sourced = {label: km for label, km in distances.items() if "OpenStreetMap" not in label}
    assert max(sourced.values()) < 0.5, sourced  # Alashankou, Dostyk, Aktogay
    # The OpenStreetMap station nodes along it: all within 0.25 km but № 11 (1.50 km).
    stations = sorted(km for label, km in distances.items() if "OpenStreetMap" in label)
    assert len(stations) == 20 and stations[-2] < 0.25 and stations[-1] < 1.5, stations
    following = layer.feature("aktogay-zhezkazgan")["geometry"]["coordinates"]
    assert leg["geometry"]["coordinates"][-1] == following[0]


def test_aktogay_zhezkazgan_runs_through_the_junction_stations_with_mointy_traced() -> None:
    leg = load_layer("middle_corridor").feature("aktogay-zhezkazgan")
    properties = leg["properties"]
    assert properties["geometry_accuracy"] == "waypoints"
    distances = _place_distances_km(leg)
    stations = {label: km for label, km in distances.items() if "railway=station node" in label}
    # Sayak, Mointy, Сәкен Сейфуллин, Zhezkazgan and the ten station nodes along the traced
    # Mointy–Karaganda part: the line passes every one of them within 0.3 km.
    assert len(stations) == 14 and max(stations.values()) < 0.35, stations
    traced = [
        position
        for position, entry in zip(
            leg["geometry"]["coordinates"], properties["vertex_sources"], strict=True
        )
        if entry["source"] == "osm-rail-mointy-zharyk"
    ]
    (traced_km,) = geodesic_lengths_km([shapely.geometry.LineString(traced)])
    # Measured 214.7 km on 2026-12-01; no published length of this section was found.
    assert traced_km == pytest.approx(214.7, abs=0.5)


@pytest.fixture(scope="module")
def catalog_split() -> dict[str, dict[str, float]]:
    from caspian.layers.metrics import catalog_metrics

    metrics = catalog_metrics(["zangezur_corridor", "middle_corridor"], by_country=True)
    return dict(zip(metrics["feature"], metrics["by_country_km"], strict=True))


@pytest.mark.parametrize("feature_id", ["horadiz-aghband", "nakhchivan", "kars-dilucu"])
def test_traced_araz_and_kars_legs_lie_at_most_one_km_in_iran(
    catalog_split: dict[str, dict[str, float]], feature_id: str
) -> None:
    assert catalog_split[feature_id].get("IRN", 0.0) <= 1.0


def test_araz_legs_lie_in_azerbaijan_and_kars_dilucu_in_turkey(
    catalog_split: dict[str, dict[str, float]],
) -> None:
    for feature_id, country in [
        ("horadiz-aghband", "AZE"), ("nakhchivan", "AZE"), ("kars-dilucu", "TUR"),
    ]:
        (length_km,) = geodesic_lengths_km(
            [shapely.geometry.shape(load_layer("zangezur_corridor").feature(feature_id)["geometry"])]
        )
        assert catalog_split[feature_id][country] == pytest.approx(length_km, abs=1.0)


def test_middle_corridor_sea_leg_starts_where_the_mapped_railway_ends() -> None:
    layer = load_layer("middle_corridor")
    rail_end = layer.feature("mangyshlak-aktau")["geometry"]["coordinates"][-1]
    assert layer.feature("aktau-alat")["geometry"]["coordinates"][0] == rail_end


def test_btk_georgian_section_against_the_published_split(
    catalog_split: dict[str, dict[str, float]],
) -> None:
    split = catalog_split["btk"]
    # Published 503 / 259 / 76 km (btk-figures); measured 241.8 km in Georgia (-6.6 %).
    assert abs(split["GEO"] - 259) <= 0.10 * 259
    assert set(split) == {"AZE", "GEO", "TUR", "sea"} and split.get("ARM", 0.0) == 0.0
