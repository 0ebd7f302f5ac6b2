"""The embedded catalog: ids, schema, sources, quotes, conflicts and lengths."""

from __future__ import annotations

import copy

import pyproj
import pytest
import shapely.geometry
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.layers.catalog.check import check_catalog, check_layer
from caspian.layers.catalog.citations import conflict_rows, layer_citations, verify_seed_quote
from caspian.layers.catalog.errors import LayerNotFoundError
from caspian.layers.catalog.loading import (
    catalog_frame,
    layer_ids,
    load_catalog,
    load_layer,
    parse_layer,
)
from caspian.layers.catalog.seeds import load_seed

EXPECTED_LAYERS = [
    "aktau_port",
    "kuryk_port",
    "baku_port",
    "btc_pipeline",
    "digital_silk_road",
    "green_energy_cable",
    "zangezur_corridor",
    "middle_corridor",
    "context",
]


def _coordinates(feature: dict) -> list[list[float]]:
    geometry = feature["geometry"]
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    if geometry["type"] == "LineString":
        return geometry["coordinates"]
    return [position for part in geometry["coordinates"] for position in part]


def test_catalog_has_the_nine_layers_in_display_order() -> None:
    assert layer_ids() == EXPECTED_LAYERS
    assert list(load_catalog()) == EXPECTED_LAYERS


@pytest.mark.parametrize(
    "feature_id",
    [
        "aktau_port/aktau",
        "kuryk_port/kuryk",
        "baku_port/alat",
        "btc_pipeline/btc",
        "digital_silk_road/sumgayit-aktau",
        "green_energy_cable/anaklia-constanta",
        "zangezur_corridor/horadiz-aghband",
        "zangezur_corridor/syunik",
        "zangezur_corridor/nakhchivan",
        "zangezur_corridor/kars-dilucu",
    ],
)
def test_catalog_has_the_named_feature(feature_id: str) -> None:
    layer_id, short = feature_id.split("/")
    assert load_layer(layer_id).feature(short)["id"] == feature_id


def test_unknown_layer_error_lists_the_valid_ids() -> None:
    with pytest.raises(LayerNotFoundError) as caught:
        load_layer("btc")
    message = str(caught.value)
    assert "unknown layer 'btc'" in message
    assert all(layer_id in message for layer_id in EXPECTED_LAYERS)


def test_unknown_feature_error_lists_the_layers_features() -> None:
    with pytest.raises(LayerNotFoundError, match=r"valid features: .*btc"):
        load_layer("btc_pipeline").feature("nope")


def test_whole_catalog_passes_its_own_check() -> None:
    problems, findings = check_catalog()
    assert [str(problem) for problem in problems] == []
    assert findings, "features with published lengths must report their difference"


def test_every_seed_quote_is_verbatim_at_its_offsets() -> None:
    checked = 0
    for layer in load_catalog().values():
        for source in layer.sources.values():
            if source["type"] == "seed":
                assert verify_seed_quote(source) is None, (layer.id, source["id"])
                text = load_seed(source["seed"]).text
                assert " ".join(text[source["start"] : source["end"]].split()) == " ".join(
                    source["quote"].split()
                )
                checked += 1
    assert checked >= 8


def test_verifier_rejects_a_quote_at_the_wrong_offsets() -> None:
    layer = load_layer("btc_pipeline")
    seed_source = next(source for source in layer.sources.values() if source["type"] == "seed")
    moved = {**seed_source, "start": seed_source["start"] + 3, "end": seed_source["end"] + 3}
    assert "is not at" in verify_seed_quote(moved)


def test_verifier_rejects_an_altered_quote() -> None:
    layer = load_layer("btc_pipeline")
    seed_source = next(source for source in layer.sources.values() if source["type"] == "seed")
    altered = {**seed_source, "quote": seed_source["quote"].replace("а", "о", 1)}
    assert "does not occur" in verify_seed_quote(altered)


def test_check_reports_a_swapped_coordinate_and_a_missing_source() -> None:
    collection = copy.deepcopy(load_layer("aktau_port").to_geojson())
    feature = collection["features"][0]
    lon, lat = feature["geometry"]["coordinates"][:2]
    feature["geometry"]["coordinates"] = [lat, lon + 60]  # latitude beyond ±90 after the swap
    feature["properties"]["sources"].append("no-such-source")
    messages = [problem.message for problem in check_layer(parse_layer(collection))]
    assert any("latitude" in message and "swapped" in message for message in messages)
    assert any("no-such-source" in message for message in messages)


def test_check_reports_a_swapped_route_place_and_its_unknown_source() -> None:
    collection = copy.deepcopy(load_layer("btc_pipeline").to_geojson())
    (line,) = [f for f in collection["features"] if f["id"] == "btc_pipeline/btc"]
    place = line["properties"]["route_places"][0]
    lon, lat = place["coordinates"]
    place["coordinates"] = [lat, lon + 60]  # latitude beyond ±90 after the swap
    place["source"] = "no-such-place-source"
    messages = [problem.message for problem in check_layer(parse_layer(collection))]
    assert any("route_places[0].coordinates" in m and "swapped" in m for m in messages), messages
    assert any("no-such-place-source" in message for message in messages)


def test_check_reports_entries_that_are_not_objects_instead_of_crashing() -> None:
    collection = copy.deepcopy(load_layer("btc_pipeline").to_geojson())
    (line,) = [f for f in collection["features"] if f["id"] == "btc_pipeline/btc"]
    line["properties"]["vertex_sources"][0] = "Sangachal"
    line["properties"]["route_places"] = ["Tsalka"]
    line["properties"]["capacity"] = "1.2 Mbbl/d"
    messages = [problem.message for problem in check_layer(parse_layer(collection))]
    assert ("properties.vertex_sources[0] is the string 'Sangachal', not an object"
            in messages)
    assert "properties.route_places[0] is the string 'Tsalka', not an object" in messages
    assert "properties.capacity is the string '1.2 Mbbl/d', not a list" in messages


def test_every_vertex_names_its_source() -> None:
    for layer in load_catalog().values():
        for feature in layer.features:
            vertex_sources = feature["properties"]["vertex_sources"]
            assert len(vertex_sources) == len(_coordinates(feature)), feature["id"]
            assert all(entry["source"] in layer.sources for entry in vertex_sources), feature["id"]


def test_caspian_power_cable_geometry_is_marked_hypothetical() -> None:
    layer = load_layer("green_energy_cable")
    caspian = [
        feature
        for feature in layer.features
        if feature["properties"]["geometry_accuracy"] == "hypothetical"
    ]
    assert caspian, "the Azerbaijan–Kazakhstan–Uzbekistan link has no published landing points"
    assert all(feature["properties"]["note"] for feature in caspian)


def test_status_vocabulary_distinguishes_operating_from_planned() -> None:
    assert load_layer("btc_pipeline").feature("btc")["properties"]["status"] == "operating"
    assert (
        load_layer("digital_silk_road").feature("sumgayit-aktau")["properties"]["status"]
        == "planned"
    )
    assert load_layer("zangezur_corridor").feature("syunik")["properties"]["status"] == "planned"


def test_kars_dilucu_keeps_the_kars_anchor_from_the_reference_sheet_near_its_west_end() -> None:
    feature = load_layer("zangezur_corridor").feature("kars-dilucu")
    (kars,) = [
        place for place in feature["properties"]["route_places"]
        if place["label"].startswith("Kars")
    ]
    assert kars["coordinates"] == [43.0958, 40.6078]
    # The mapped construction way ends where it leaves the existing line east of Kars.
    west_end = _coordinates(feature)[-1]
    _, _, dist_m = pyproj.Geod(ellps="WGS84").inv(*kars["coordinates"], *west_end[:2])
    assert dist_m < 15_000


def test_btc_geodesic_length_within_ten_percent_of_operator_figure() -> None:
    feature = load_layer("btc_pipeline").feature("btc")
    (length_km,) = geodesic_lengths_km([shapely.geometry.shape(feature["geometry"])])
    assert abs(length_km - 1768) <= 0.10 * 1768
    published = {entry["value"] for entry in feature["properties"]["published_length_km"]}
    assert {1768, 1776, 1743} <= published


def test_btc_length_disagreement_is_kept_as_a_conflict() -> None:
    conflicts = conflict_rows([load_layer("btc_pipeline")])
    values = {value["value"] for conflict in conflicts for value in conflict["values"]}
    assert {1768, 1776, 1743, 1773, 1778} <= values
    splits = {value["value"] for conflict in conflicts if conflict["id"] == "btc-country-split"
              for value in conflict["values"]}
    # 449 + 235 + 1,059 is 1,743 although the same page states 1,773: kept as published.
    published_splits = {"443 / 249 / 1,076", "449 / 235 / 1,092", "449 / 235 / 1,059",
                        "440 / 260 / 1,076"}
    assert published_splits <= splits


def test_trade_figure_period_disagreement_is_kept_with_both_quotes() -> None:
    conflicts = [
        conflict
        for conflict in conflict_rows(load_catalog().values())
        if any("547" in str(value.get("quote") or "") for value in conflict["values"])
    ]
    assert conflicts, "the 547 million USD figure is stated for 8 months and for 9 months"
    quotes = " ".join(value["quote"] for conflict in conflicts for value in conflict["values"])
    assert "восемь месяцев" in quotes and "девять месяцев" in quotes


def test_trade_growth_disagreement_is_kept() -> None:
    quotes = " ".join(
        str(value.get("quote"))
        for conflict in conflict_rows(load_catalog().values())
        for value in conflict["values"]
    )
    assert "почти в пять раз" in quotes and "почти в три раза" in quotes


def test_each_layer_cites_at_least_one_source_and_seed_layers_quote_russian() -> None:
    for layer in load_catalog().values():
        citations = layer_citations(layer)
        assert citations, layer.id
        for citation in citations:
            if citation.type == "seed":
                assert any("а" <= char <= "я" for char in citation.quote.lower())


def test_catalog_frame_is_wgs84_with_one_row_per_feature() -> None:
    frame = catalog_frame()
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == sum(len(layer.features) for layer in load_catalog().values())
    assert frame["id"].is_unique
    assert set(frame["layer"]) == set(EXPECTED_LAYERS)
