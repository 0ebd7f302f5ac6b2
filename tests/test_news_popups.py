"""The map's popups show the conflicts the news reader found."""

from __future__ import annotations

from caspian.layers.catalog import load_layer
from caspian.maps.features import catalog_collection


def test_popups_show_the_conflicts_found_in_the_news() -> None:
    layer = load_layer("middle_corridor")
    collection = catalog_collection(layer, {})
    popup = next(f for f in collection["features"] if f["id"] == "middle_corridor/btk")
    html = popup["properties"]["popup"]
    assert "Found in the news" in html
    assert "Azerbaijan–Kazakhstan trade turnover: growth" in html
    assert "«почти в пять раз»" in html and "since 2020" in html and "Zakon.kz, 2025-10-21" in html


def test_a_found_length_conflict_names_the_catalog_figures_it_contradicts() -> None:
    collection = catalog_collection(load_layer("zangezur_corridor"), {})
    popup = next(f for f in collection["features"] if f["id"] == "zangezur_corridor/kars-dilucu")
    html = popup["properties"]["popup"]
    assert "Kars–Iğdır–Aralık–Dilucu railway: length" in html
    assert "«224-километровой» = 224 km" in html
    assert "the article contradicts the catalog" in html
