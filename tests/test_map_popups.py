"""Popup, tooltip and style content of the map (no browser)."""

from __future__ import annotations

import pytest
from caspian.layers.catalog.loading import parse_layer
from caspian.maps import popups, styles
from caspian.maps.features import catalog_collection
from map_fixtures import IMG_PAYLOAD, SCRIPT_PAYLOAD, SEED_QUOTE, btc_collection


def _popup(**kwargs: str) -> str:
    layer = parse_layer(btc_collection(**kwargs))
    metrics = {"btc_pipeline/btc": popups.FeatureMetrics(1622.4, {"AZE": 459.2, "GEO": 213.8})}
    return catalog_collection(layer, metrics)["features"][0]["properties"]["popup"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(1768, "1,768 km"), (110.4, "110.4 km"), (1622.4, "1,622 km"), (42, "42 km")],
)
def test_lengths_are_formatted_with_thousands_separator(value: float, text: str) -> None:
    assert popups.format_km(value) == text


def test_text_length_values_are_kept_as_published() -> None:
    assert popups.format_value("443 / 249 / 1,076", "km") == "443 / 249 / 1,076 km"


def test_popup_shows_names_status_published_and_computed_lengths_with_delta() -> None:
    html = _popup()
    assert "<h4>BTC pipeline</h4>" in html
    assert 'lang="ru">БТД<' in html
    assert "<b>1,768 km, published</b> — bp.com — Baku-Tbilisi-Ceyhan pipeline" in html
    assert "the drawn line is 8.2 % shorter" in html
    assert "AZE 443 · GEO 249 · TUR 1,076 km" in html
    assert "1,622 km<br><span class=\"cg-split\">AZE 459 · GEO 214 km" in html
    assert "1.2 Mbbl/d (since March 2009)" in html


def test_popup_quotes_the_seed_verbatim_with_outlet_and_date_first() -> None:
    html = _popup()
    sources = html.split("<h5>Sources</h5>")[1]
    assert sources.startswith(f'<ul><li>Zakon.kz, 2025-10-21: <q lang="ru">{SEED_QUOTE}</q>')
    assert "<li>bp.com — Baku-Tbilisi-Ceyhan pipeline</li>" in sources


def test_popup_shows_conflicting_figures_as_a_conflict() -> None:
    html = _popup()
    assert "Sources disagree" in html
    assert "1,768 km (bp.com — Baku-Tbilisi-Ceyhan pipeline) <b>vs</b> 1,776 km" in html


def test_hypothetical_geometry_is_marked_in_the_popup() -> None:
    assert "Hypothetical route" in _popup(accuracy="hypothetical")
    assert "Hypothetical route" not in _popup()


@pytest.mark.parametrize("payload", [IMG_PAYLOAD, SCRIPT_PAYLOAD])
def test_catalog_strings_are_escaped_in_popup_and_tooltip(payload: str) -> None:
    layer = parse_layer(btc_collection(name=payload))
    props = catalog_collection(layer, {})["features"][0]["properties"]
    for html in (props["popup"], props["tooltip"]):
        assert payload not in html
        assert "&lt;" in html
    assert props["search"][0] == payload  # search shows it as text (textContent), unescaped


@pytest.mark.parametrize("payload", [IMG_PAYLOAD, SCRIPT_PAYLOAD])
def test_user_properties_and_keys_are_escaped(payload: str) -> None:
    html = popups.user_popup_html("f.geojson", {"name": payload, payload: "v"}, 12.0)
    assert payload not in html
    assert html.count("&lt;") >= 2
    assert "<th>Computed length</th><td>12 km</td>" in html


def test_long_user_values_are_cut() -> None:
    html = popups.user_popup_html("f.geojson", {"text": "x" * 1000}, None)
    assert "x" * popups.USER_VALUE_MAX_CHARS + "…" in html
    assert "x" * (popups.USER_VALUE_MAX_CHARS + 1) not in html


def test_tooltip_says_which_length_is_computed_and_which_published() -> None:
    props = {"name": "BTC pipeline", "published_length_km": [{"value": 1768}]}
    assert popups.feature_tooltip_html(props, 1622.0) == (
        "BTC pipeline · 1,622 km computed · 1,768 km, published")
    assert popups.feature_tooltip_html({"name": "Aktau"}, None) == "Aktau"


def test_tooltip_names_the_stretch_a_published_length_is_measured_over() -> None:
    props = {"name": "Alat – Baku–Tbilisi–Kars railway",
             "published_length_km": [{"value": 826, "span": "Baku–Tbilisi–Kars"}]}
    assert popups.feature_tooltip_html(props, 731.66) == (
        "Alat – Baku–Tbilisi–Kars railway · 731.7 km computed · "
        "826 km, Baku–Tbilisi–Kars, published")


def test_sea_lengths_are_given_in_nautical_miles_too() -> None:
    # 1 nautical mile is 1.852 km exactly: 433.0 km is 233.8 nmi
    assert popups.format_km(433.0, nautical=True) == "433 km (234 nmi)"
    props = {"name": "Aktau – Alat", "kind": "sea_route", "published_length_km": []}
    assert popups.feature_tooltip_html(props, 433.0) == "Aktau – Alat · 433 km (234 nmi) computed"


def test_operating_is_solid_planned_dashed_hypothetical_dotted() -> None:
    assert styles.feature_style("pipeline", "operating")["dashArray"] is None
    assert styles.feature_style("pipeline", "planned")["dashArray"] == "8 6"
    assert styles.feature_style("pipeline", "construction")["dashArray"] not in (None, "8 6")
    dotted = styles.feature_style("power_cable", "planned", "hypothetical")
    assert dotted["dashArray"] == styles.HYPOTHETICAL_DASH
    assert dotted["lineCap"] == "round"


def test_kinds_have_distinct_colours() -> None:
    colours = list(styles.KIND_COLOURS.values())
    assert len(set(colours)) == len(colours)


def test_a_cited_page_is_linked_and_a_non_web_address_is_not() -> None:
    sources = {"a": popups.SourceLabel("bp.com — BTC page", url="https://bp.com/btc"),
               "b": popups.SourceLabel("notes", url="javascript:alert(1)")}
    html = popups.feature_popup_html("l/f", {"sources": ["a", "b"]}, "L",
                                     popups.FeatureMetrics(), sources)
    assert '<a href="https://bp.com/btc" target="_blank" rel="noopener noreferrer">' in html
    assert "javascript:" not in html
