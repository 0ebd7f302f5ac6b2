"""Building and writing the map: determinism, self-containment, escaping, CLI (no browser)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from caspian.layers.catalog.loading import parse_layer
from caspian.layers.io.errors import DependencyMissingError, OutputError
from caspian.layers.io.userdata import read_user_geojson
from caspian.maps import offline
from caspian.maps.elements import script_json
from caspian.maps.render import build_map, map_of_layers, render_html, write_map
from map_fixtures import (
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    TEMPLATE_PAYLOAD,
    btc_collection,
    write_xss_geojson,
)

ASSETS = Path(offline.ASSETS_DIR)


def _fixture_html(tmp_path: Path, *, offline_mode: bool, title: str | None = None) -> str:
    layer = parse_layer(btc_collection())
    path = write_xss_geojson(tmp_path)
    users = [(path.name, read_user_geojson(path))]
    return render_html(map_of_layers([layer], users, offline=offline_mode, title=title))


def test_script_json_cannot_close_a_script_element() -> None:
    text = script_json({"a": SCRIPT_PAYLOAD, "b": "x & y", "c": "\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": SCRIPT_PAYLOAD, "b": "x & y", "c": "\u2028"}


@pytest.mark.parametrize("offline_mode", [False, True])
def test_same_inputs_give_byte_identical_html(tmp_path: Path, offline_mode: bool) -> None:
    first = _fixture_html(tmp_path, offline_mode=offline_mode)
    second = _fixture_html(tmp_path, offline_mode=offline_mode)
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first), "a random folium id was left in the page"


def test_payloads_from_a_user_file_never_reach_the_page_raw(tmp_path: Path) -> None:
    html = _fixture_html(tmp_path, offline_mode=True, title=IMG_PAYLOAD)
    assert SCRIPT_PAYLOAD not in html
    assert IMG_PAYLOAD not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in html
    assert "\\u003c/script\\u003e" in html  # the payload travels as escaped JSON


def test_template_syntax_in_a_user_file_is_kept_as_text(tmp_path: Path) -> None:
    html = _fixture_html(tmp_path, offline_mode=False)
    assert TEMPLATE_PAYLOAD in html  # not evaluated by Jinja while the page was built


def test_offline_page_loads_nothing_from_another_host(tmp_path: Path) -> None:
    html = _fixture_html(tmp_path, offline_mode=True)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"<link\b", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html
    assert "L.tileLayer(" not in html.split("</head>", 1)[1]
    assert "Natural Earth (offline)" in html


def test_online_page_links_the_locked_versions_from_the_cdn(tmp_path: Path) -> None:
    html = _fixture_html(tmp_path, offline_mode=False)
    versions = offline.locked_versions()
    assert versions["leaflet"] == "1.9.4"
    for asset in offline.ASSETS:
        assert f"{offline.CDN}/{asset.package}@{versions[asset.package]}/{asset.path}" in html
    for dropped in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert dropped not in html.lower()
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html


def test_layer_control_lists_layers_under_their_group_escaped(tmp_path: Path) -> None:
    html = _fixture_html(tmp_path, offline_mode=True)
    assert 'groups["Energy"]["Baku–Tbilisi–Ceyhan pipeline"]' in html
    assert 'groups["Your data"]["payloads.geojson"]' in html


def test_lockfile_pins_every_asset_package_without_registry_urls() -> None:
    lock = json.loads((ASSETS / "package-lock.json").read_text(encoding="utf-8"))
    assert "resolved" not in json.dumps(lock)
    packages = {asset.package for asset in offline.ASSETS}
    assert packages <= set(offline.locked_versions())
    for entry in lock["packages"].values():
        assert "integrity" in entry or entry.get("name") == "caspian-gis-map-assets"


def test_offline_without_assets_names_the_reinstall(tmp_path: Path) -> None:
    (tmp_path / "package-lock.json").write_text(
        (ASSETS / "package-lock.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(DependencyMissingError, match=r"leaflet\.css is missing.*reinstall"):
        offline.header_html(True, tmp_path, tmp_path / "vendor")
    # online maps need only the lockfile
    assert offline.header_html(False, tmp_path, tmp_path / "vendor")


def test_stylesheet_urls_become_data_uris(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    css = "a{background:url(images/a.png)} b{behavior:url(#default#VML)}"
    out = offline.inline_css_urls(css, tmp_path)
    assert 'url("data:image/png;base64,iVBORw0KGgo=")' in out
    assert "url(#default#VML)" in out


def test_every_inlined_asset_is_free_of_remote_stylesheet_urls() -> None:
    offline.check_installed()
    for asset in offline.ASSETS:
        text = offline.read_asset(asset)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), asset
        assert "sourceMappingURL" not in text, asset
        if asset.kind == "js":
            assert not re.search(r"</script", text, re.IGNORECASE), asset


def test_write_map_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    fmap = map_of_layers([parse_layer(btc_collection())])
    with pytest.raises(OutputError, match="does not exist"):
        write_map(fmap, tmp_path / "missing" / "map.html")
    assert not (tmp_path / "missing").exists()


def test_write_map_leaves_no_temporary_file(tmp_path: Path) -> None:
    fmap = map_of_layers([parse_layer(btc_collection())])
    path = write_map(fmap, tmp_path / "map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_build_map_returns_a_folium_map_of_catalog_layers() -> None:
    import folium

    fmap = build_map(["btc_pipeline"])
    assert isinstance(fmap, folium.Map)
    html = render_html(fmap)
    assert "btc_pipeline/btc" in html
    assert "1,768 km" in html


def _caspian(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caspian.maps", *args], capture_output=True, text=True, cwd=cwd,
        check=False,
    )


def test_cli_writes_the_map_and_says_where(tmp_path: Path) -> None:
    result = _caspian("map", "btc_pipeline", "--title", "BTC", "-o", "m.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote m.html (")
    assert "<title>BTC</title>" in (tmp_path / "m.html").read_text(encoding="utf-8")


def test_cli_unknown_layer_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = _caspian("map", "no_such_layer", "-o", "m.html", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unknown layer 'no_such_layer'; valid layers: aktau_port" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_cli_bad_user_file_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    result = _caspian("map", "btc_pipeline", "--add", "bad.geojson", "-o", "m.html", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("caspian: error: bad.geojson")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_a_source_credit_reaches_the_page_escaped_and_only_as_json() -> None:
    from caspian.maps.features import layer_attribution_html

    collection = btc_collection()
    collection["sources"][0] |= {"attribution": SCRIPT_PAYLOAD, "url": "https://x.test/?a=1&b=2"}
    layer = parse_layer(collection)
    credit = layer_attribution_html(layer)
    assert SCRIPT_PAYLOAD not in credit
    assert credit.startswith('<a href="https://x.test/?a=1&amp;b=2">&lt;')
    html = render_html(map_of_layers([layer], offline=True))
    assert SCRIPT_PAYLOAD not in html
    assert script_json(credit) in html
