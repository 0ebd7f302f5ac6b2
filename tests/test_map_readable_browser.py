"""The offline map reads like a map: names, no grey edge, a control that folds, popups in view.

Headless Chromium with every outside request blocked (``offline_page``), as in
test_map_browser.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from caspian.maps.render import build_map, write_map

pytestmark = pytest.mark.browser

BTC = "btc_pipeline/btc"
PHONE = {"width": 390, "height": 740}


@pytest.fixture(scope="module")
def offline_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readable") / "caspian-map-offline.html"
    write_map(build_map(offline=True), path)
    return path


def _open(offline_page: Any, path: Path, viewport: dict[str, int] | None = None) -> Any:
    page, log = offline_page(viewport)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.caspian && caspian.state.ready")
    page.wait_for_timeout(100)  # the labels are decluttered once they are on the map
    assert log.console_errors == [] and log.page_errors == [] and log.blocked_requests == []
    return page


def _shown_labels(page: Any) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.cg-label')]
             .filter((el) => el.parentNode.style.display !== 'none'
                             && caspian.state.map.getBounds().contains(
                                  caspian.state.map.containerPointToLatLng(L.point(
                                    el.getBoundingClientRect().left + 4,
                                    el.getBoundingClientRect().top + 4))))
             .map((el) => el.textContent)"""
    )


def _set_view(page: Any, lon: float, lat: float, zoom: float) -> None:
    page.evaluate(
        "([lon, lat, zoom]) => { caspian.state.map.setView([lat, lon], zoom, {animate: false}); }",
        [lon, lat, zoom],
    )
    page.wait_for_timeout(400)  # a spring back inside the bounds, if any


def test_default_view_names_the_seas_and_the_capitals(offline_page: Any,
                                                      offline_map: Path) -> None:
    shown = _shown_labels(_open(offline_page, offline_map))
    assert {"Caspian Sea", "Black Sea", "Baku", "Tbilisi", "Yerevan", "Ankara", "Tehran",
            "Astana"} <= set(shown)


def test_zooming_in_on_the_caucasus_names_the_towns_on_the_routes(offline_page: Any,
                                                                   offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    _set_view(page, 45.5, 40.2, 7)
    assert {"Kars", "Naxçıvan", "Baku", "Tbilisi", "Yerevan"} <= set(_shown_labels(page))
    _set_view(page, 51.2, 43.4, 8)
    # the ports are named where the towns are: the port's name stays
    assert {"Port of Aktau", "Port of Kuryk"} <= set(_shown_labels(page))


def test_no_two_shown_labels_overlap(offline_page: Any, offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    for lon, lat, zoom in ((50.0, 42.0, 4.25), (45.5, 40.2, 7)):
        _set_view(page, lon, lat, zoom)
        overlaps = page.evaluate(
            """() => {
              const boxes = [...document.querySelectorAll('.cg-label')]
                .filter((el) => el.parentNode.style.display !== 'none')
                .map((el) => [el.textContent, el.getBoundingClientRect()]);
              const hits = [];
              boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
                if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1
                    && s.top < r.bottom - 1) hits.push(a + ' / ' + b);
              }));
              return hits;
            }"""
        )
        assert overlaps == [], (zoom, overlaps[:5])


def test_labels_never_take_a_click_meant_for_a_feature(offline_page: Any,
                                                       offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    assert page.evaluate(
        "() => getComputedStyle(caspian.state.map.getPane('cgLabels')).pointerEvents") == "none"


def test_the_view_stays_inside_the_basemap_when_zoomed_out_and_dragged(
    offline_page: Any, offline_map: Path
) -> None:
    for viewport in ({"width": 1280, "height": 800}, PHONE, {"width": 1920, "height": 1080}):
        page = _open(offline_page, offline_map, viewport)
        page.evaluate("() => { caspian.state.map.setZoom(0, {animate: false}); }")
        inside = []
        for dx, dy in ((-5000, -5000), (5000, 5000), (-5000, 5000), (5000, -5000)):
            page.evaluate("([dx, dy]) => { caspian.state.map.panBy([dx, dy]); }", [dx, dy])
            page.wait_for_timeout(600)  # the pan, then the spring back inside the bounds
            inside.append(page.evaluate(
                "() => caspian.state.map.options.maxBounds.contains("
                "caspian.state.map.getBounds().pad(-0.001))"))
        assert inside == [True] * 4, viewport


def test_the_layer_control_is_folded_on_a_phone_and_opens_on_demand(
    offline_page: Any, offline_map: Path
) -> None:
    page = _open(offline_page, offline_map, PHONE)
    control = page.locator(".leaflet-control-layers")
    assert "leaflet-control-layers-expanded" not in (control.get_attribute("class") or "")
    assert page.locator(".leaflet-control-layers-list").is_hidden()
    box = page.locator(".leaflet-control-layers-toggle").bounding_box()
    # a tap on the button (the mouse passing over it opens the control already)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator(".leaflet-control-layers-list").is_visible()
    page.mouse.click(200, 400)  # a click on the map folds it again
    assert page.locator(".leaflet-control-layers-list").is_hidden()


def test_the_layer_control_is_open_on_a_large_screen_and_folds_on_demand(
    offline_page: Any, offline_map: Path
) -> None:
    # on a laptop it starts folded: open, it would hide a third of the map
    assert _open(offline_page, offline_map).locator(
        ".leaflet-control-layers-list").is_hidden()
    page = _open(offline_page, offline_map, {"width": 1920, "height": 1080})
    assert page.locator(".leaflet-control-layers-list").is_visible()
    page.mouse.click(400, 600)
    assert page.locator(".leaflet-control-layers-list").is_hidden()


def test_a_popup_opens_wholly_inside_a_phone_screen(offline_page: Any,
                                                    offline_map: Path) -> None:
    page = _open(offline_page, offline_map, PHONE)
    page.evaluate(f"() => {{ caspian.features['{BTC}'].openPopup(); }}")
    page.wait_for_selector(".leaflet-popup-content")
    page.wait_for_timeout(400)  # the auto-pan
    popup, screen = page.evaluate(
        """() => [document.querySelector('.leaflet-popup').getBoundingClientRect().toJSON(),
                  caspian.state.map.getContainer().getBoundingClientRect().toJSON()]"""
    )
    assert popup["left"] >= screen["left"] and popup["right"] <= screen["right"]
    assert popup["top"] >= screen["top"] and popup["bottom"] <= screen["bottom"]


def test_kura_and_aras_are_drawn_and_named_around_the_caucasus(offline_page: Any,
                                                              offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    _set_view(page, 46.5, 40.0, 7)
    assert {"Kura", "Aras"} <= set(_shown_labels(page))
    # river blue (#5b9bd0) on the basemap canvas
    river_px = page.evaluate(
        """() => {
          const canvas = document.querySelector('.leaflet-cgBasemap-pane canvas');
          const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 0; i < px.length; i += 4) {
            if (Math.abs(px[i] - 0x5b) < 12 && Math.abs(px[i + 1] - 0x9b) < 12
                && Math.abs(px[i + 2] - 0xd0) < 12) n++;
          }
          return n;
        }"""
    )
    assert river_px > 1500  # a few hundred km of 1.5 px lines
