"""The offline map says how far to trust it: marked stretches, names, a chooser where lines
overlap, search by abbreviation. Headless Chromium, every outside request blocked, photographed
at the region, the Caucasus and Kazakhstan (test-artifacts/map-*.png)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import search_for
from caspian.maps.render import build_map, write_map

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FERRY = "middle_corridor/aktau-alat"
CABLE = "green_energy_cable/caspian"
#: [[south, west], [north, east]] of the three views the issue asks to photograph.
VIEWS = {
    "region": None,  # the first view
    "caucasus": [[38.3, 42.5], [42.5, 50.5]],
    "kazakhstan": [[42.5, 50.0], [49.5, 70.0]],
}


@pytest.fixture(scope="module")
def offline_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trust") / "caspian-map-offline.html"
    write_map(build_map(offline=True), path)
    return path


def _open(offline_page: Any, path: Path, view: list[list[float]] | None = None) -> Any:
    page, log = offline_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.caspian && caspian.state.ready")
    if view:
        page.evaluate("(b) => { caspian.state.map.fitBounds(b, {animate: false}); }", view)
    page.wait_for_timeout(400)  # labels are decluttered after each move
    assert log.console_errors == [] and log.page_errors == [] and log.blocked_requests == []
    return page


def _shown(page: Any, selector: str) -> list[str]:
    """Text of the elements matching ``selector`` that are displayed inside the window."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].filter((el) => {
             const r = el.getBoundingClientRect();
             return el.offsetParent !== null && r.width > 0 && r.left >= 0 && r.top >= 0
               && r.right <= innerWidth && r.bottom <= innerHeight;
           }).map((el) => el.textContent)""",
        selector,
    )


def _marks_in_view(page: Any, accuracy: str) -> int:
    return page.evaluate(
        """(accuracy) => [...document.querySelectorAll('path.cg-trust-' + accuracy)]
             .filter((el) => { const r = el.getBoundingClientRect();
                               return r.right > 0 && r.bottom > 0 && r.left < innerWidth
                                 && r.top < innerHeight && r.width + r.height > 20; }).length""",
        accuracy,
    )


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_view_shows_marked_stretches_and_country_names(offline_page: Any,
                                                            offline_map: Path,
                                                            view: str) -> None:
    page = _open(offline_page, offline_map, VIEWS[view])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{view}.png"))
    countries = set(_shown(page, ".cg-label-country"))
    expected = {
        # capitals stand above country names: Tbilisi and Ankara hide Georgia and Turkey here
        "region": ({"schematic", "waypoints"}, {"Iran", "Kazakhstan", "Uzbekistan"}),
        "caucasus": ({"schematic", "waypoints"}, {"Azerbaijan", "Georgia", "Armenia"}),
        "kazakhstan": ({"waypoints"}, {"Uzbekistan"}),
    }[view]
    for accuracy in expected[0]:
        assert _marks_in_view(page, accuracy) > 0, (view, accuracy)
    assert expected[1] <= countries, countries


def test_schematic_stretches_have_a_broken_core_and_waypoints_a_solid_one(
    offline_page: Any, offline_map: Path
) -> None:
    page = _open(offline_page, offline_map)
    dashes = page.evaluate(
        """() => Object.fromEntries(['schematic', 'waypoints'].map((name) => [name,
             [...new Set([...document.querySelectorAll('path.cg-trust-' + name)]
                .map((el) => el.getAttribute('stroke-dasharray')))]]))"""
    )
    assert dashes == {"schematic": ["2 4"], "waypoints": [None]}
    # a line's status keeps its own dash under the mark: Syunik is planned (8 6), schematic
    assert page.evaluate(
        "() => caspian.features['zangezur_corridor/syunik']._path.getAttribute('stroke-dasharray')"
    ) == "8 6"
    legend = page.locator(".cg-legend").inner_text()
    assert "Line position" in legend and "schematic (position approximate)" in legend
    assert "straight between sourced points" in legend


def test_ports_are_named_from_zoom_five(offline_page: Any, offline_map: Path) -> None:
    page = _open(offline_page, offline_map, VIEWS["kazakhstan"])
    assert {"Port of Aktau", "Port of Kuryk"} <= set(_shown(page, ".cg-label-port"))
    page.evaluate("() => { caspian.state.map.setView([43.6, 51.2], 4, {animate: false}); }")
    page.wait_for_timeout(400)
    assert _shown(page, ".cg-label-port") == []


_OVERLAP_POINT = """([ferry, cable]) => {
          const map = caspian.state.map, line = caspian.features[ferry];
          map.setView(line.getBounds().getCenter(), 7, {animate: false});
          const r = map.getContainer().getBoundingClientRect();
          for (const ll of line.getLatLngs().flat()) {
            const p = map.latLngToContainerPoint(ll);
            if (p.x < 80 || p.y < 80 || p.x > r.width - 80 || p.y > r.height - 80) continue;
            const ids = caspian.featuresAt(p);
            if (ids.includes(ferry) && ids.includes(cable)) return [r.left + p.x, r.top + p.y];
          }
          return null;
        }"""


def test_a_click_where_the_ferry_route_and_the_cable_overlap_offers_both(
    offline_page: Any, offline_map: Path
) -> None:
    page = _open(offline_page, offline_map)
    names = {}
    for feature in (FERRY, CABLE):
        # a point of the ferry route the cable passes within a few pixels of, at zoom 7 (set
        # again each time: the popup opened before panned the map)
        page.wait_for_timeout(400)  # the autoPan of the popup before, if any, has ended
        x, y = page.evaluate(_OVERLAP_POINT, [FERRY, CABLE])
        page.mouse.click(x, y)
        chooser = page.locator(".cg-chooser")
        chooser.wait_for(state="visible")
        listed = chooser.locator(".cg-chooser-item").evaluate_all(
            "(items) => items.map((item) => item.dataset.feature)")
        assert {FERRY, CABLE} <= set(listed), listed
        chooser.locator(f'.cg-chooser-item[data-feature="{feature}"]').click()
        popup = page.locator(".leaflet-popup-content .cg-id")
        popup.wait_for(state="visible")
        names[feature] = popup.inner_text()
        page.evaluate("() => { caspian.state.map.closePopup(); }")
        # the chooser's popup may still be fading out beside the feature's: wait for both
        page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
    assert names == {FERRY: FERRY, CABLE: CABLE}  # each popup is reachable


#: A point of China–Aktogay at zoom 8, where no other feature lies, in page pixels.
_LONE_LINE_POINT = """() => { const map = caspian.state.map;
          const ll = caspian.features['middle_corridor/china-aktogay'].getLatLngs()[150];
          map.setView(ll, 8, {animate: false});
          const p = map.latLngToContainerPoint(ll), r = map.getContainer().getBoundingClientRect();
          return [r.left + p.x, r.top + p.y]; }"""


def _hover_label(page: Any, x: float, y: float) -> str:
    """The hover label's text after the pointer moves onto (x, y) of the page."""
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    # the label of the path passed on the way may still be closing
    page.wait_for_function("() => document.querySelectorAll('.leaflet-tooltip').length === 1")
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    return tooltip.inner_text()


def test_the_hover_label_over_overlapping_lines_names_them_all_as_the_chooser_lists_them(
    offline_page: Any, offline_map: Path
) -> None:
    page = _open(offline_page, offline_map)
    x, y = page.evaluate(_OVERLAP_POINT, [FERRY, CABLE])
    label = _hover_label(page, x, y)
    titles = page.evaluate(
        "(ids) => ids.map((id) => caspian.features[id].feature.properties.title)",
        [FERRY, CABLE])
    assert label.startswith("2 lines here: ") and label.endswith(" — click to choose"), label
    named = label.removeprefix("2 lines here: ").removesuffix(" — click to choose").split(" · ")
    assert sorted(named) == sorted(titles)
    page.mouse.click(x, y)
    chooser = page.locator(".cg-chooser")
    chooser.wait_for(state="visible")
    assert chooser.locator(".cg-chooser-head").inner_text() == "2 lines here: choose one"
    listed = chooser.locator(".cg-chooser-item").evaluate_all(
        "(items) => items.map((item) => item.dataset.feature)")
    assert page.evaluate("(ids) => ids.map((id) => caspian.features[id].feature.properties"
                         ".title)", listed) == named  # the same features, in the same order


def test_the_hover_label_of_a_lone_line_is_its_own(offline_page: Any, offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    x, y = page.evaluate(_LONE_LINE_POINT)
    label = _hover_label(page, x, y)
    own = page.evaluate("""() => { const div = document.createElement('div');
        div.innerHTML = caspian.features['middle_corridor/china-aktogay'].feature.properties
          .tooltip; return div.textContent; }""")
    assert label == own and "here" not in label


def test_a_click_on_a_lone_line_opens_its_popup_at_once(offline_page: Any,
                                                        offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    x, y = page.evaluate(_LONE_LINE_POINT)
    page.mouse.click(x, y)
    page.locator(".leaflet-popup-content .cg-id").wait_for(state="visible")
    assert page.locator(".cg-chooser").count() == 0
    assert "middle_corridor/china-aktogay" in page.locator(".leaflet-popup-content").inner_text()


@pytest.mark.parametrize(("typed", "found"), [
    ("BTC", "Baku–Tbilisi–Ceyhan oil pipeline"),
    ("БТД", "Baku–Tbilisi–Ceyhan oil pipeline"),
    ("Middle Corridor", "Caspian crossing Aktau – Alat"),
    ("ТМТМ", "Alat – Baku–Tbilisi–Kars railway"),
    ("BTK", "Alat – Baku–Tbilisi–Kars railway"),
])
def test_search_finds_abbreviations_and_layer_names(offline_page: Any, offline_map: Path,
                                                    typed: str, found: str) -> None:
    page = _open(offline_page, offline_map)
    search_for(page, typed, keys=False)
    page.locator(".search-tip", has_text=found).first.wait_for(timeout=5000)


def test_btk_tooltip_says_its_826_km_are_baku_to_kars_and_published(
    offline_page: Any, offline_map: Path
) -> None:
    page = _open(offline_page, offline_map)
    text = page.evaluate(
        "() => caspian.features['middle_corridor/btk'].getTooltip().getContent()")
    assert text.startswith("Alat – Baku–Tbilisi–Kars railway · ")
    assert " km computed · 826 km, Baku–Tbilisi–Kars, published" in text


def test_sea_route_length_is_in_nautical_miles_too(offline_page: Any,
                                                   offline_map: Path) -> None:
    page = _open(offline_page, offline_map)
    page.evaluate(f"() => {{ caspian.features['{FERRY}'].openPopup(); }}")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "nmi)" in text
