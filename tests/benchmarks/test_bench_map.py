"""Our default map against ``GeoDataFrame.explore()`` of the same features, in the same run.

Run with ``make bench``. Measured here:

* HTML size: the online map (assets linked from the CDN, like explore's) against explore's
  page, and the self-contained offline map in absolute terms (target < 3 MB);
* build time in Python (build + render the page), ours against explore;
* time until Chromium has drawn every feature (``performance.now()`` at the first animation
  frame in which every feature is in the DOM), ours online and offline against explore.

Nothing leaves the machine. For the online pages (ours and explore's) every CDN address is
rewritten to a web server on 127.0.0.1 that serves the npm packages from
``maps/assets/node_modules`` (explore gets Leaflet 1.9.4 there for its 1.9.3) and answers
anything we do not ship (jQuery, Bootstrap, Font Awesome, awesome-markers: explore's only) with
an empty file, which favours explore. Chromium resolves no other host, so map tiles fail at
once for both. docs/maps.md records the numbers.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM
from browser_support import CHROMIUM_ARGS as BASE_CHROMIUM_ARGS
from caspian.layers.catalog.loading import catalog_frame
from caspian.maps.offline import ASSETS_DIR
from caspian.maps.render import build_map, render_html

pytestmark = pytest.mark.browser

ROUNDS = 9
NODE_MODULES = ASSETS_DIR / "node_modules"
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    # every host but the loopback server fails to resolve: no request leaves the machine
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
_NPM_PATH = re.compile(r"^/npm/((?:@[^/]+/)?[^@/]+)@[^/]+/(.+)$")
_LINK = re.compile(r"""((?:src|href)=["'])https://([^"']+)""")
_TYPES = {".js": "application/javascript", ".css": "text/css"}

# Medians and sizes, filled as the benchmarks run, printed at the end of the module.
_RESULTS: dict[str, float] = {}

# Installed before the page's own scripts: checks the DOM at every animation frame from the
# first one on and keeps the time of the first frame in which every feature is there (a
# poller injected after navigation would queue behind the page's own tasks).
_WATCH_DRAWN = """(n) => {
  const pane = '.folium-map > .leaflet-map-pane > ';
  function drawn() {
    // explore() draws in Leaflet's overlay pane, our map in its own panes: count both.
    const paths = document.querySelectorAll(
      '.folium-map > .leaflet-map-pane path.leaflet-interactive');
    const icons = document.querySelectorAll(
      pane + '.leaflet-marker-pane .leaflet-marker-icon');
    return paths.length + icons.length >= n;
  }
  function check() {
    if (drawn()) { window.__drawnAt = performance.now(); } else { requestAnimationFrame(check); }
  }
  requestAnimationFrame(check);
}"""


class _AssetHandler(http.server.BaseHTTPRequestHandler):
    """``/npm/<pkg>@<version>/<path>`` from node_modules; anything else an empty file."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        match = _NPM_PATH.match(path)
        body = b""
        if match and (NODE_MODULES / match.group(1) / match.group(2)).is_file():
            body = (NODE_MODULES / match.group(1) / match.group(2)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(Path(path).suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        # The page may close before it has read everything: nothing to serve any more.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def asset_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AssetHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def bench_browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _explore_html() -> str:
    html: str = catalog_frame().explore().get_root().render()
    return html


def _ours_html(offline: bool) -> str:
    return render_html(build_map(offline=offline))


def _local_links(html: str, server: str) -> str:
    """Point every ``src``/``href`` at a CDN to the loopback server."""

    def replace(match: re.Match[str]) -> str:
        address = match.group(2)
        if address.startswith("cdn.jsdelivr.net/npm/"):
            return f"{match.group(1)}{server}/npm/{address[len('cdn.jsdelivr.net/npm/'):]}"
        return f"{match.group(1)}{server}/other/{address}"

    return _LINK.sub(replace, html)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, asset_server: str) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bench-map")
    out = {}
    for name, html in (
        ("explore", _explore_html()),
        ("online", _ours_html(False)),
        ("offline", _ours_html(True)),
    ):
        out[name] = folder / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")
        (folder / f"{name}.local.html").write_text(_local_links(html, asset_server), "utf-8")
    return out


def _draw_ms(browser: Any, path: Path, n_features: int) -> float:
    """Milliseconds from navigation start until every feature is in the DOM."""
    local = path.with_suffix(".local.html")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(f"({_WATCH_DRAWN})({int(n_features)});")
        page = context.new_page()
        page.goto(local.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.__drawnAt !== undefined", timeout=30_000)
        drawn: float = page.evaluate("() => window.__drawnAt")
        return drawn
    finally:
        context.close()


def test_html_size_and_build_time_against_explore(benchmark: Any, pages: dict[str, Path]) -> None:
    start = time.perf_counter()
    for _ in range(3):
        _explore_html()
    explore_s = (time.perf_counter() - start) / 3
    benchmark.pedantic(_ours_html, args=(False,), rounds=3, iterations=1)
    ours_s = benchmark.stats.stats.mean
    sizes = {name: path.stat().st_size for name, path in pages.items()}
    _RESULTS.update(
        explore_kb=sizes["explore"] / 1024,
        online_kb=sizes["online"] / 1024,
        offline_kb=sizes["offline"] / 1024,
        online_size_ratio=sizes["online"] / sizes["explore"],
        build_ratio=ours_s / explore_s,
    )
    benchmark.extra_info.update(sizes_bytes=sizes, build_ratio=round(ours_s / explore_s, 2))
    assert sizes["online"] <= 1.5 * sizes["explore"]
    assert sizes["offline"] < 3 * 1024 * 1024


def test_time_to_draw_every_feature_against_explore(
    benchmark: Any, bench_browser: Any, pages: dict[str, Path]
) -> None:
    n_features = len(catalog_frame())
    times: dict[str, list[float]] = {name: [] for name in pages}

    def one_round() -> None:
        # the three pages load one after another in every round, so that a busy machine
        # slows all of them alike
        for name, path in pages.items():
            times[name].append(_draw_ms(bench_browser, path, n_features))

    one_round()  # warm the browser and the OS cache
    times = {name: [] for name in pages}
    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    medians = {name: statistics.median(values) for name, values in times.items()}
    _RESULTS.update(
        explore_draw_ms=medians["explore"],
        online_draw_ms=medians["online"],
        offline_draw_ms=medians["offline"],
        online_draw_ratio=medians["online"] / medians["explore"],
        offline_draw_ratio=medians["offline"] / medians["explore"],
    )
    benchmark.extra_info.update({f"{k}_draw_ms": round(v, 1) for k, v in medians.items()})
    assert medians["online"] <= 1.5 * medians["explore"]
    assert medians["offline"] <= 1.5 * medians["explore"]


def teardown_module() -> None:
    if _RESULTS:
        lines = [f"  {key}: {value:,.2f}" for key, value in sorted(_RESULTS.items())]
        print("\nmap vs GeoDataFrame.explore():\n" + "\n".join(lines))
