"""A big user file in a real browser: drawn on one canvas, its popups built on click, every
property shown as text. Every request outside ``file:`` and ``data:`` is aborted
(``offline_page`` in conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import search_for
from caspian.maps.render import build_map, write_map
from caspian.maps.userbulk import BULK_MIN_FEATURES, BULK_PANE
from map_fixtures import IMG_PAYLOAD, SCRIPT_PAYLOAD, TEMPLATE_PAYLOAD

pytestmark = pytest.mark.browser

#: The hostile point: alone on the Absheron peninsula, far from the grid of the others.
HOSTILE_LON_LAT = (49.8, 40.4)


def _grid_points(count: int) -> list[dict[str, Any]]:
    """``count`` plain points on a grid east of the Caspian, 0.01 degree apart."""
    return [
        {"type": "Feature", "properties": {"name": f"Well {index}", "depth_m": 1000 + index},
         "geometry": {"type": "Point",
                      "coordinates": [58.0 + (index % 100) * 0.01, 44.0 + (index // 100) * 0.01]}}
        for index in range(count)
    ]


@pytest.fixture(scope="module")
def bulk_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    hostile = {"type": "Feature",
               "properties": {"name": IMG_PAYLOAD, "note": SCRIPT_PAYLOAD,
                              SCRIPT_PAYLOAD: "key payload", "template": TEMPLATE_PAYLOAD,
                              "depth_m": 2.5},
               "geometry": {"type": "Point", "coordinates": list(HOSTILE_LON_LAT)}}
    features = [hostile, *_grid_points(BULK_MIN_FEATURES - 1)]
    user = folder / "wells.geojson"
    user.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return write_map(build_map(["aktau_port"], add=[user], offline=True), folder / "map.html")


def _open(offline_page: Any, path: Path) -> tuple[Any, Any]:
    page, log = offline_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.caspian && caspian.state.ready")
    return page, log


def _screen_point(page: Any, lon_lat: tuple[float, float], zoom: int) -> tuple[float, float]:
    """Centre the map on ``lon_lat`` at ``zoom`` and return where it lies on the screen."""
    x, y = page.evaluate(
        """([lon, lat, zoom]) => { const map = caspian.state.map;
            map.setView([lat, lon], zoom, {animate: false});
            const p = map.latLngToContainerPoint([lat, lon]);
            const r = map.getContainer().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""",
        [*lon_lat, zoom],
    )
    page.wait_for_timeout(100)  # the canvas redraws in the next animation frame
    return x, y


def test_a_big_files_points_are_drawn_on_one_canvas_not_as_svg(offline_page: Any,
                                                              bulk_map: Path) -> None:
    page, log = _open(offline_page, bulk_map)
    pane = BULK_PANE[0]
    counts = page.evaluate(
        """(pane) => { const map = caspian.state.map;
            const el = map.getPane(pane);
            let n = 0;
            map.eachLayer((layer) => { if (layer.options && layer.options.pane === pane
                                          && layer.getLatLng) { n++; } });
            return {canvases: el.querySelectorAll('canvas').length,
                    svg: el.querySelectorAll('svg').length, points: n,
                    z: Number(el.style.zIndex)}; }""",
        pane,
    )
    assert counts == {"canvases": 1, "svg": 0, "points": BULK_MIN_FEATURES, "z": BULK_PANE[1]}
    assert log.page_errors == [] and log.blocked_requests == []


def test_clicking_a_big_files_point_shows_its_hostile_properties_as_text(
    offline_page: Any, bulk_map: Path
) -> None:
    page, log = _open(offline_page, bulk_map)
    page.mouse.click(*_screen_point(page, HOSTILE_LON_LAT, 10))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert "wells.geojson" in text
    assert f"name\t{IMG_PAYLOAD}" in text
    assert f"note\t{SCRIPT_PAYLOAD}" in text
    assert f"{SCRIPT_PAYLOAD}\tkey payload" in text
    assert f"template\t{TEMPLATE_PAYLOAD}" in text
    assert "depth_m\t2.5" in text
    assert page.locator("img[src='x']").count() == 0
    assert popup.locator("script").count() == 0
    assert log.dialogs == [] and log.page_errors == []


def test_hovering_a_big_files_point_shows_its_name_as_text(offline_page: Any,
                                                          bulk_map: Path) -> None:
    page, log = _open(offline_page, bulk_map)
    page.mouse.move(*_screen_point(page, HOSTILE_LON_LAT, 10))
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == IMG_PAYLOAD
    assert page.locator("img[src='x']").count() == 0 and log.dialogs == []


def test_a_catalog_port_over_a_big_file_stays_clickable(offline_page: Any,
                                                       bulk_map: Path) -> None:
    page, _ = _open(offline_page, bulk_map)
    lon, lat = page.evaluate("""() => { const ll = caspian.features['aktau_port/aktau']
        .getLatLng(); return [ll.lng, ll.lat]; }""")
    page.mouse.click(*_screen_point(page, (lon, lat), 9))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "Aktau" in popup.inner_text() and "wells.geojson" not in popup.inner_text()


def test_the_search_box_finds_a_big_files_point_and_opens_its_popup(offline_page: Any,
                                                                    bulk_map: Path) -> None:
    page, log = _open(offline_page, bulk_map)
    search_for(page, "Well 417")
    tip = page.locator(".search-tip", has_text="Well 417").first
    tip.wait_for()
    tip.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "name\tWell 417\n" in popup.inner_text() + "\n"
    assert "depth_m\t1417" in popup.inner_text()
    assert log.page_errors == []
