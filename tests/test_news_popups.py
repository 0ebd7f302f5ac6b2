"""The map's popups show the conflicts the news reader found."""

from __future__ import annotations

from caspian.layers.catalog.loading import load_layer
from caspian.maps.features import catalog_collection


def test_popups_show_the_conflicts_found_in_the_news() -> None:
    layer = load_layer("middle_corridor")
    collection = catalog_collection(layer, {})
    popup = next(f for f in collection["features"] if f["id"] == "middle_corridor/btk")
    html = popup["properties"]["popup"]
    assert "Found in the news" in html
    assert "Azerbaijan–Kazakhstan trade turnover: growth" in html
    assert "«почти в пять раз»" in html and "since 2020" in html and "Zakon.kz, 2025-10-21" in html


def test_a_rounding_difference_is_not_shown_as_found_in_the_news() -> None:
    collection = catalog_collection(load_layer("zangezur_corridor"), {})
    popup = next(f for f in collection["features"] if f["id"] == "zangezur_corridor/kars-dilucu")
    html = popup["properties"]["popup"]
    # seed 003's 224 km against the catalog's 223.6 km: one figure, rounded
    assert "«224-километровой» = 224 km" not in html
    assert "the article contradicts the catalog" not in html
