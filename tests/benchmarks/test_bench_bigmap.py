"""A map with a 50,000-point user file against ``GeoDataFrame.explore()`` of the same file, in
the same run.

Run with ``make bench``. Ours is ``caspian map --add wells.geojson`` as the command draws it
(every catalog layer too, online: assets linked from the CDN, like explore's page); explore's
is ``explore()`` with its default settings on the GeoDataFrame read from the same file.
Measured here:

* HTML size, ours against explore's (target: at most 1x), and the time to build the page
  in Python (reported, no target);
* time until the page is ready in headless Chromium: the second animation frame after the
  ``load`` event (and, on ours, after ``caspian.state.ready``, set once the features and
  the tools are on the map), so that the frame holding every feature has been painted
  (target: at most explore's).

Nothing leaves the machine: the CDN addresses of both pages point to the loopback server of
``test_bench_map`` (npm packages from ``maps/assets/node_modules``, anything else an empty
file, which favours explore).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from caspian.maps.render import build_map, render_html
from test_bench_map import _local_links, asset_server, bench_browser

pytestmark = pytest.mark.browser

__all__ = ["asset_server", "bench_browser"]  # fixtures shared with the default map's bench

N_POINTS = 50_000
ROUNDS = 5
OPERATORS = ("SOCAR", "KazMunayGas", "Turkmennebit", "Lukoil", "NIOC")
STATUSES = ("operating", "suspended", "abandoned", "drilling")

# Installed before the page's own scripts: from the first animation frame on, waits for the
# load event (and caspian.state.ready on our map), then records the time one frame later.
_WATCH_READY = """(() => {
  function ready() {
    return document.readyState === "complete" &&
      (typeof caspian === "undefined" || caspian.state.ready);
  }
  function check() {
    if (ready()) {
      requestAnimationFrame(() => { window.__readyAt = performance.now(); });
    } else {
      requestAnimationFrame(check);
    }
  }
  requestAnimationFrame(check);
})();"""

_RESULTS: dict[str, float] = {}


def wells_collection(n_points: int, seed: int = 50) -> dict[str, Any]:
    """``n_points`` synthetic wells around the Caspian (46–56° E, 37–47° N) with the
    attributes a well register has: id, name, operator, status, depth, spud year."""
    rng = np.random.default_rng(seed)
    lons, lats = rng.uniform(46.0, 56.0, n_points), rng.uniform(37.0, 47.0, n_points)
    depths = np.round(rng.uniform(300.0, 6500.0, n_points), 1)
    years = rng.integers(1950, 2025, n_points)
    operators, statuses = rng.integers(0, 5, n_points), rng.integers(0, 4, n_points)
    features = [
        {"type": "Feature",
         "properties": {"well_id": f"W-{index:06d}", "name": f"Well {index}",
                        "operator": OPERATORS[operators[index]],
                        "status": STATUSES[statuses[index] % 4],
                        "depth_m": float(depths[index]), "spud_year": int(years[index])},
         "geometry": {"type": "Point",
                      "coordinates": [float(lons[index]), float(lats[index])]}}
        for index in range(n_points)
    ]
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def wells_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench-bigmap") / "wells.geojson"
    path.write_text(json.dumps(wells_collection(N_POINTS)), encoding="utf-8")
    return path


def _explore_html(wells: Path) -> str:
    import geopandas

    html: str = geopandas.read_file(wells).explore().get_root().render()
    return html


def _ours_html(wells: Path) -> str:
    return render_html(build_map(add=[wells]))


@pytest.fixture(scope="module")
def pages(wells_file: Path, asset_server: str) -> dict[str, Path]:
    out = {}
    for name, html in (("explore", _explore_html(wells_file)), ("ours", _ours_html(wells_file))):
        out[name] = wells_file.parent / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")
        (wells_file.parent / f"{name}.local.html").write_text(_local_links(html, asset_server),
                                                             "utf-8")
    return out


def _ready_ms(browser: Any, path: Path) -> float:
    """Milliseconds from navigation start until the page is ready (see the module's doc)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(_WATCH_READY)
        page = context.new_page()
        page.goto(path.with_suffix(".local.html").as_uri(), wait_until="commit")
        page.wait_for_function("() => window.__readyAt !== undefined", timeout=120_000)
        ready: float = page.evaluate("() => window.__readyAt")
        return ready
    finally:
        context.close()


def test_big_user_file_html_size_and_build_time_against_explore(
    benchmark: Any, wells_file: Path, pages: dict[str, Path]
) -> None:
    start = time.perf_counter()
    _explore_html(wells_file)
    explore_s = time.perf_counter() - start
    benchmark.pedantic(_ours_html, args=(wells_file,), rounds=1, iterations=1)
    sizes = {name: path.stat().st_size for name, path in pages.items()}
    _RESULTS.update(explore_mb=sizes["explore"] / 2**20, ours_mb=sizes["ours"] / 2**20,
                    size_ratio=sizes["ours"] / sizes["explore"],
                    build_ratio=benchmark.stats.stats.mean / explore_s)
    benchmark.extra_info.update(sizes_bytes=sizes)
    assert sizes["ours"] <= sizes["explore"]


def test_big_user_file_ready_time_against_explore(
    benchmark: Any, bench_browser: Any, pages: dict[str, Path]
) -> None:
    times: dict[str, list[float]] = {name: [] for name in pages}

    def one_round() -> None:
        # both pages load one after the other in every round: a busy machine slows both
        for name, path in pages.items():
            times[name].append(_ready_ms(bench_browser, path))

    one_round()  # warm the browser and the OS cache
    times = {name: [] for name in pages}
    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    medians = {name: statistics.median(values) for name, values in times.items()}
    _RESULTS.update(explore_ready_ms=medians["explore"], ours_ready_ms=medians["ours"],
                    ready_ratio=medians["ours"] / medians["explore"])
    benchmark.extra_info.update({f"{name}_ready_ms": round(ms, 1)
                                 for name, ms in medians.items()})
    assert medians["ours"] <= medians["explore"]


def teardown_module() -> None:
    if _RESULTS:
        lines = [f"  {key}: {value:,.2f}" for key, value in sorted(_RESULTS.items())]
        print(f"\n{N_POINTS:,}-point user file vs GeoDataFrame.explore():\n" + "\n".join(lines))
