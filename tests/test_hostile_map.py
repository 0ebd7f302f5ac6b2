"""The map with hostile user data: JavaScript object keys as feature names (in Chromium), two
files of the same name, popups of each feature's own properties, very long values, lines across
the antimeridian."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import search_for
from caspian.layers.catalog.loading import load_catalog
from caspian.layers.io.userdata import read_user_features
from caspian.maps.features import drawable_geometry, user_collection
from caspian.maps.popups import LABEL_MAX_CHARS
from caspian.maps.render import build_map, user_layer_names, write_map

JS_KEYS = ["__proto__", "hasOwnProperty", "constructor", "toString", "valueOf",
           "__defineGetter__", "isPrototypeOf"]
LONG_NAME = "Very long name " + "x" * 2000


def _collection(names: list[str], lon: float = 50.0) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Point", "coordinates": [lon + i * 0.2, 42.0]}}
        for i, name in enumerate(names)]}


@pytest.fixture(scope="module")
def js_key_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jskeys")
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        (folder / sub / "routes.geojson").write_text(
            json.dumps(_collection([*JS_KEYS, LONG_NAME] if sub == "a" else ["b-only"])),
            encoding="utf-8")
    paths = [folder / "a" / "routes.geojson", folder / "b" / "routes.geojson"]
    return write_map(build_map(["aktau_port"], add=paths, offline=True), folder / "map.html")


def _open(offline_page: Any, path: Path) -> tuple[Any, Any]:
    page, log = offline_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.caspian && caspian.state.ready")
    return page, log


pytestmark_browser = pytest.mark.browser


@pytestmark_browser
@pytest.mark.parametrize("name", JS_KEYS)
def test_search_finds_features_named_like_javascript_object_keys(offline_page: Any,
                                                                 js_key_map: Path,
                                                                 name: str) -> None:
    page, log = _open(offline_page, js_key_map)
    search_for(page, name)
    tip = page.locator(".search-tip", has_text=name).first
    tip.wait_for()
    tip.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert f"<td>{name}</td>" in page.locator(".leaflet-popup-content").inner_html()
    assert log.page_errors == [] and log.console_errors == []


@pytestmark_browser
def test_the_search_store_is_prototype_free_in_the_browser(offline_page: Any,
                                                           js_key_map: Path) -> None:
    page, log = _open(offline_page, js_key_map)
    result = page.evaluate("""() => {
        // JSON.parse makes "__proto__" an own key, as the page's data does.
        const records = JSON.parse('{"__proto__": 1, "hasOwnProperty": 2, "constructor": 3}');
        const found = caspian.filterRecords("o", records);
        return [Object.getPrototypeOf(found) === null, Object.keys(found).sort(),
                ({}).polluted === undefined];
    }""")
    assert result == [True, ["__proto__", "constructor", "hasOwnProperty"], True]
    assert log.page_errors == []


@pytestmark_browser
def test_two_files_with_the_same_name_get_two_layers(offline_page: Any,
                                                     js_key_map: Path) -> None:
    page, _ = _open(offline_page, js_key_map)
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("a/routes.geojson" in label for label in labels)
    assert any("b/routes.geojson" in label for label in labels)


@pytestmark_browser
def test_a_long_name_is_cut_in_the_search_results(offline_page: Any, js_key_map: Path) -> None:
    page, _ = _open(offline_page, js_key_map)
    search_for(page, "Very long")
    tip = page.locator(".search-tip").first
    tip.wait_for()
    assert len(tip.inner_text()) == LABEL_MAX_CHARS + 1 and tip.inner_text().endswith("…")


@pytest.mark.parametrize(
    "paths, names",
    [
        (["a/x.geojson", "b/x.geojson"], ["a/x.geojson", "b/x.geojson"]),
        (["x.geojson", "x.geojson"], ["x.geojson", "x.geojson (2)"]),
        (["a/x.geojson", "a/x.geojson", "y.geojson"],
         ["a/x.geojson", "a/x.geojson (2)", "y.geojson"]),
    ],
)
def test_user_layers_get_distinct_names(paths: list[str], names: list[str]) -> None:
    assert user_layer_names(paths) == names


def test_a_popup_shows_only_the_features_own_properties(tmp_path: Path) -> None:
    path = tmp_path / "mixed.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "first", "count": 3},
         "geometry": {"type": "Point", "coordinates": [50, 42]}},
        {"type": "Feature", "properties": {"name": "second", "secret": "only mine"},
         "geometry": {"type": "Point", "coordinates": [51, 42]}}]}), encoding="utf-8")
    frame, properties = read_user_features(path)
    first, second = user_collection("mixed.geojson", frame, properties)["features"]
    assert "<td>3</td>" in first["properties"]["popup"]  # 3, not the frame's 3.0
    assert "secret" not in first["properties"]["popup"]
    assert "count" not in second["properties"]["popup"]


def test_a_long_value_is_cut_in_the_tooltip(tmp_path: Path) -> None:
    path = tmp_path / "long.geojson"
    path.write_text(json.dumps(_collection([LONG_NAME])), encoding="utf-8")
    (feature,) = user_collection("long.geojson", *read_user_features(path))["features"]
    assert len(feature["properties"]["tooltip"]) == LABEL_MAX_CHARS + 1
    assert len(feature["properties"]["search"][0]) == LABEL_MAX_CHARS + 1


@pytest.mark.parametrize(
    "coordinates, pieces",
    [
        ([[179.5, 51.0], [-179.5, 51.5]], [[[179.5, 51.0], [180.0, 51.25]],
                                           [[-180.0, 51.25], [-179.5, 51.5]]]),
        ([[-179.0, -16.0], [178.0, -17.0]], [[[-179.0, -16.0], [-180.0, -16.33333]],
                                             [[180.0, -16.33333], [178.0, -17.0]]]),
    ],
)
def test_a_line_across_the_antimeridian_is_drawn_in_two_pieces(coordinates: list[Any],
                                                               pieces: list[Any]) -> None:
    drawn = drawable_geometry({"type": "LineString", "coordinates": coordinates})
    assert drawn == {"type": "MultiLineString", "coordinates": pieces}


def test_a_line_that_stays_on_one_side_is_drawn_as_it_is() -> None:
    line = {"type": "LineString", "coordinates": [[49.87, 40.41], [51.15, 43.65]]}
    assert drawable_geometry(line) == line


def _btc_impostor(folder: Path) -> Path:
    """A user's file named like the catalog's BTC layer, with a feature ``btc`` of its name."""
    path = folder / "btc_pipeline"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "btc", "properties": {"name": "Baku–Tbilisi–Ceyhan oil pipeline",
                                                        "note": "my own trace"},
         "geometry": {"type": "LineString", "coordinates": [[49.5, 40.2], [45.0, 41.0]]}}]}),
        encoding="utf-8")
    return path


def test_user_features_have_ids_apart_from_the_catalogs(tmp_path: Path) -> None:
    (feature,) = user_collection("btc_pipeline",
                                 *read_user_features(_btc_impostor(tmp_path)))["features"]
    assert feature["id"] == "user:btc_pipeline/btc"
    catalog_ids = [str(feature["id"]) for layer in load_catalog().values()
                   for feature in layer.features]
    assert "btc_pipeline/btc" in catalog_ids
    assert not any(fid.startswith("user:") for fid in catalog_ids)


@pytestmark_browser
def test_a_user_file_named_like_a_catalog_layer_takes_nothing_of_it(offline_page: Any,
                                                                    tmp_path: Path) -> None:
    html = write_map(build_map(["btc_pipeline"], add=[_btc_impostor(tmp_path)], offline=True),
                     tmp_path / "map.html")
    page, log = _open(offline_page, html)
    popups = page.evaluate("""() => ["btc_pipeline/btc", "user:btc_pipeline/btc"].map(
        (id) => caspian.features[id].getPopup().getContent())""")
    assert "my own trace" not in popups[0] and "bp.com" in popups[0]
    assert "my own trace" in popups[1]
    search_for(page, "Ceyhan oil")
    page.locator(".search-tip").nth(1).wait_for()
    # the layer's name also finds its points (search by layer names); the two lines keep
    # their own entries, the catalog's first
    tips = page.locator(".search-tip").all_inner_texts()
    assert [tip for tip in tips if tip.startswith("Baku–Tbilisi–Ceyhan oil pipeline")] == [
        "Baku–Tbilisi–Ceyhan oil pipeline", "Baku–Tbilisi–Ceyhan oil pipeline (2)"]
    assert tips[0] == "Baku–Tbilisi–Ceyhan oil pipeline"
    page.locator(".search-tip").first.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert "bp.com" in page.locator(".leaflet-popup-content").last.inner_text()
    assert log.page_errors == []


@pytestmark_browser
@pytest.mark.parametrize("layer", ["aktau_port", "kuryk_port"])
def test_a_map_of_one_point_opens_at_a_finite_view(offline_page: Any, tmp_path: Path,
                                                   layer: str) -> None:
    # one point gives bounds of no size, which the offline map (a vector basemap: no tile
    # layer, so no maximum zoom) fitted at zoom Infinity: "Invalid LatLng object: (NaN, NaN)"
    # and nothing drawn
    path = write_map(build_map([layer], offline=True), tmp_path / "one.html")
    page, log = offline_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.caspian && caspian.state.ready", timeout=10_000)
    assert log.page_errors == []
    (feature,) = load_catalog()[layer].features
    lon, lat = feature["geometry"]["coordinates"][:2]
    assert page.evaluate(f"caspian.state.map.getBounds().contains([{lat}, {lon}])")
    assert 0 < page.evaluate("caspian.state.map.getZoom()") <= 12
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() >= 1
