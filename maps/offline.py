"""Leaflet and its plugins: linked from a CDN online, inlined for ``--offline``.

The versions are pinned once, in ``maps/assets/package.json`` and its lockfile; the files the
map needs are committed under ``maps/assets/vendor`` exactly as ``npm ci`` installs them
(see :mod:`caspian.maps.asset_files` and docs/maps.md), so every install of the package has
them. An online map links each file at ``cdn.jsdelivr.net/npm/<pkg>@<ver>``, which serves the
very files of the locked package version, so the online and offline maps run the same code. An
offline map inlines the committed files, with every ``url(...)`` in a stylesheet turned into a
``data:`` URI so that no request leaves the page.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from caspian.layers.io.errors import DependencyMissingError
from caspian.layers.io.packaged import packaged_json

#: Where package.json and package-lock.json live (and, in a checkout, npm's node_modules).
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
#: The committed files of the locked packages, ``<package>/<path>``, and their manifest.
FILES_DIR = ASSETS_DIR / "vendor"

#: What to do when a file is missing: it ships in every install, so the install is broken.
INSTALL_HINT = "reinstall caspian-gis (`pip install --force-reinstall caspian-gis`)"

CDN = "https://cdn.jsdelivr.net/npm"


@dataclass(frozen=True)
class Asset:
    """One file of an npm package that the map loads."""

    #: npm package name.
    package: str
    #: File inside the package.
    path: str

    @property
    def kind(self) -> str:
        """``"js"`` or ``"css"``."""
        return "css" if self.path.endswith(".css") else "js"


#: Every file the map needs, in load order (Leaflet first).
ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", "dist/leaflet.css"),
    Asset("leaflet", "dist/leaflet.js"),
    Asset("leaflet-groupedlayercontrol", "dist/leaflet.groupedlayercontrol.min.css"),
    Asset("leaflet-groupedlayercontrol", "dist/leaflet.groupedlayercontrol.min.js"),
    Asset("leaflet-minimap", "dist/Control.MiniMap.min.css"),
    Asset("leaflet-minimap", "dist/Control.MiniMap.min.js"),
    Asset("leaflet-mouse-position", "src/L.Control.MousePosition.css"),
    Asset("leaflet-mouse-position", "src/L.Control.MousePosition.js"),
    Asset("leaflet-search", "dist/leaflet-search.min.css"),
    Asset("leaflet-search", "dist/leaflet-search.min.js"),
    Asset("leaflet.fullscreen", "dist/Control.FullScreen.css"),
    Asset("leaflet.fullscreen", "dist/Control.FullScreen.umd.js"),
    Asset("leaflet.polylinemeasure", "Leaflet.PolylineMeasure.css"),
    Asset("leaflet.polylinemeasure", "Leaflet.PolylineMeasure.js"),
)

_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.MULTILINE)
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


@cache
def locked_versions(assets_dir: Path = ASSETS_DIR) -> dict[str, str]:
    """Package versions from ``package-lock.json``.

    Returns
    -------
    dict
        npm package name -> exact version.

    Raises
    ------
    DependencyMissingError
        If the lockfile is missing (a broken install).
    """
    lock = assets_dir / "package-lock.json"
    packages = packaged_json(lock, f"map asset lockfile {lock}", DependencyMissingError,
                             "packages")
    prefix = "node_modules/"
    return {
        name[len(prefix) :]: entry["version"]
        for name, entry in packages.items()
        if name.startswith(prefix) and "/node_modules/" not in name[len(prefix) :]
    }


def cdn_url(asset: Asset, assets_dir: Path = ASSETS_DIR) -> str:
    """The CDN address of ``asset`` at its locked version."""
    version = locked_versions(assets_dir)[asset.package]
    return f"{CDN}/{asset.package}@{version}/{asset.path}"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DependencyMissingError(
            f"map asset {path} is missing; install the map assets with: {INSTALL_HINT}"
        ) from exc


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(_read(path)).decode('ascii')}"


def _is_local(target: str) -> bool:
    return not target.startswith(("data:", "#", "http:", "https:", "//"))


def css_references(css: str, base: Path) -> list[Path]:
    """The local files that the ``url(...)`` references of ``css`` (a file in ``base``) name."""
    targets = (match.group(2).strip() for match in _URL.finditer(css))
    return [base / target for target in targets if _is_local(target)]


def inline_css_urls(css: str, base: Path) -> str:
    """Replace each relative ``url(...)`` in ``css`` by a ``data:`` URI of the file.

    ``data:`` URIs, fragment references (``#default#VML``) and absolute URLs are kept as they
    are; the latter never occur in the pinned packages and a test checks that.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        if not _is_local(target):
            return match.group(0)
        return f'url("{_data_uri((base / target).resolve())}")'

    return _URL.sub(replace, css)


def read_asset(asset: Asset, files_dir: Path = FILES_DIR) -> str:
    """The text of ``asset``, ready to inline in a ``<script>`` or ``<style>`` element.

    Source-map comments are dropped (they would make developer tools fetch a file),
    stylesheet ``url()`` references become ``data:`` URIs, and ``</script`` or ``</style``
    inside the text is escaped so that it cannot close the element early.

    Raises
    ------
    DependencyMissingError
        If the file is missing (a broken install; the message gives the fix).
    """
    path = files_dir / asset.package / asset.path
    text = _SOURCE_MAP.sub("", _read(path).decode("utf-8"))
    if asset.kind == "css":
        text = inline_css_urls(text, path.parent)
        return re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return _SCRIPT_END.sub(r"<\\/\1", text)


def check_installed(files_dir: Path = FILES_DIR) -> None:
    """Raise :class:`DependencyMissingError` unless every asset file is present."""
    for asset in ASSETS:
        path = files_dir / asset.package / asset.path
        if not path.is_file():
            raise DependencyMissingError(
                f"--offline needs the map assets ({path} is missing); install them with: "
                f"{INSTALL_HINT}"
            )


def header_html(
    offline: bool, assets_dir: Path = ASSETS_DIR, files_dir: Path = FILES_DIR
) -> list[tuple[str, str]]:
    """The ``<head>`` elements that load every asset.

    Parameters
    ----------
    offline : bool
        Inline the files (True) or link them from the CDN (False).

    Returns
    -------
    list of (str, str)
        ``(name, html)`` pairs in load order; names are stable, for the figure's header.
    """
    if offline:
        check_installed(files_dir)
    elements = []
    for index, asset in enumerate(ASSETS):
        name = f"asset_{index:02d}_{asset.package}_{asset.kind}"
        if offline:
            text = read_asset(asset, files_dir)
            tag = "style" if asset.kind == "css" else "script"
            html = f"<{tag}>{text}</{tag}>"
        elif asset.kind == "css":
            html = f'<link rel="stylesheet" href="{cdn_url(asset, assets_dir)}"/>'
        else:
            html = f'<script src="{cdn_url(asset, assets_dir)}"></script>'
        elements.append((name, html))
    return elements
