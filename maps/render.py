"""Build the interactive map: :func:`build_map` returns a ``folium.Map``, :func:`write_map`
saves it (the page itself: :mod:`caspian.maps.page`).

The map has one overlay per catalog layer (plus one per ``--add`` file) in a layer control
grouped as the catalog groups them, a legend, popups with names, status, lengths, conflicts
and citations, and the tools analysts expect: search, measure, fullscreen, minimap, mouse
position and scale. Online it links Leaflet from a CDN and offers three tile basemaps; with
``offline=True`` every script and stylesheet is inlined and a Natural Earth vector basemap
replaces the tiles, so the file opens with no network at all.

Output is deterministic: folium's random element ids are replaced by ids numbered in tree
order, coordinates are rounded, and JSON keeps input order.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from caspian.geo.arguments import file_path, flag, refuse, settings_or_default
from caspian.geo.errors import ArgumentError
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.catalog.loading import GROUPS, layers_frame, load_catalog
from caspian.layers.catalog.vocabulary import KINDS
from caspian.layers.io.errors import DependencyMissingError
from caspian.layers.io.fileio import display_path
from caspian.layers.io.ogr_reader import chosen_layers
from caspian.layers.io.userfiles import format_suffix, read_user_layers
from caspian.maps import html_templates, styles
from caspian.maps.basemap import (
    basemap_attribution_html,
    basemap_geojson,
    basemap_labels,
    region_bounds,
)
from caspian.maps.elements import Basemaps, Controls, FeatureLayer
from caspian.maps.features import (
    catalog_collection,
    feature_metrics,
    layer_attribution_html,
    round_geometry,
)
from caspian.maps.labels import catalog_place_labels
from caspian.maps.offline import check_installed
from caspian.maps.page import add_header, figure_of, stabilise_ids

# The page's text and its write live in caspian.maps.page; importable from here, as before.
from caspian.maps.page import render_html as render_html
from caspian.maps.page import write_map as write_map
from caspian.maps.rivers import map_rivers
from caspian.maps.userbulk import BulkUserLayer, user_overlay

if TYPE_CHECKING:
    import folium
    import geopandas
    from caspian.layers.catalog.loading import Layer

    #: A user's file on the map: its layer name and frame, and optionally each feature's own
    #: properties for the popups.
    UserLayer = (tuple[str, geopandas.GeoDataFrame]
                 | tuple[str, geopandas.GeoDataFrame, list[dict[str, Any]]])

logger = logging.getLogger(__name__)

#: Decimal places of the offline basemap's coordinates (about 100 m).
BASEMAP_DECIMALS = 3
#: Simplification of the minimap's basemap, degrees (it is drawn 4 zoom levels out).
MINIMAP_SIMPLIFY_DEG = 0.25
#: Layer-control group of the features a user adds.
USER_GROUP = "Your data"

#: Online basemaps: (label, URL template, attribution HTML). The first one is shown.
TILES: tuple[tuple[str, str, str], ...] = (
    (
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    (
        "Light (CARTO Positron)",
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
        ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
    ),
    (
        "Satellite (Esri World Imagery)",
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/"
        "{z}/{y}/{x}",
        "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, and the GIS User"
        " Community",
    ),
)


def legend_html(kinds: Iterable[str], with_user_layer: bool = False) -> str:
    """The legend: a sample of every kind drawn and of every line pattern (rendered from
    ``maps/templates/legend.html.j2``, which escapes every value)."""
    present = set(kinds)
    ordered = [kind for kind in KINDS if kind in present] + sorted(present - set(KINDS))
    kind_rows, status_rows = styles.legend_entries(ordered)
    if with_user_layer:
        kind_rows.append((USER_GROUP, styles.user_style()))
    sections = [("Kind", kind_rows), ("Status", status_rows),
                ("Line position", styles.trust_legend_entries())]
    return html_templates.render_template("legend.html.j2", sections=sections)


def _bounds(frames: Sequence[geopandas.GeoDataFrame]) -> tuple[float, float, float, float]:
    # slow import
    import numpy as np

    boxes = np.array([frame.total_bounds for frame in frames if len(frame)], dtype=float)
    boxes = boxes[np.isfinite(boxes).all(axis=1)]
    if not len(boxes):
        return (44.0, 36.0, 56.0, 47.0)  # the Caspian region, when nothing has a geometry
    return (
        float(boxes[:, 0].min()), float(boxes[:, 1].min()),
        float(boxes[:, 2].max()), float(boxes[:, 3].max()),
    )


class MapOptions(TypedDict, total=False):
    """How a map is drawn: the keyword arguments of :func:`build_map` and
    :func:`map_of_layers`, with their defaults in :func:`map_options` alone."""

    title: str | None
    offline: bool
    settings: Settings | None


def _options_of(caller: str, options: Mapping[str, Any]) -> MapOptions:
    """``options`` when each is a :class:`MapOptions` key: an unknown one is named as the
    caller's, not as Python's TypeError of :func:`map_options` (which the caller never called)."""
    known = MapOptions.__annotations__
    for name in options:
        if name not in known:
            raise ArgumentError(f"{caller} takes no option {name!r}; give only "
                                + ", ".join(f"{key}=" for key in known))
    return cast(MapOptions, options)


def map_options(
    *,
    title: str | None = None,
    offline: bool = False,
    settings: Settings | None = DEFAULT_SETTINGS,
) -> tuple[str | None, bool, Settings]:
    """The :class:`MapOptions` checked, defaults filled in: the title, whether the map is
    offline (its assets must then be installed) and the settings.

    Parameters
    ----------
    title : str, optional
        Shown on the map and as the page title.
    offline : bool
        Inline every script and stylesheet and draw a vector basemap instead of tiles, so the
        saved file makes no request to any host.
    settings : Settings
        Ellipsoid for the computed lengths.

    Raises
    ------
    DependencyMissingError
        ``offline=True`` but the map assets are not installed (the message gives the command).
    """
    settings, offline = settings_or_default(settings), flag(offline, "offline")
    if title is not None and not isinstance(title, str):
        refuse("title", title, "text (a str), or None")
    if offline:
        check_installed()
    return title, offline, settings


def build_map(
    layer_ids: Sequence[str] | None = None,
    *,
    add: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (),
    add_layers: Sequence[str] | str | None = None,
    **options: Unpack[MapOptions],
) -> folium.Map:
    """Build the interactive map of catalog layers and a user's own GeoJSON files.

    Parameters
    ----------
    layer_ids : sequence of str, optional
        Catalog layers to draw, in this order; all layers by default.
    add : sequence of path-like
        A user's files (GeoJSON, or any format of
        :data:`caspian.layers.io.userfiles.USER_FORMATS`), each drawn as its own overlay with
        every property in the popup (escaped), each vector layer of a file of several (a
        GeoPackage) as its own overlay named ``stem: layer``. Validated as
        :func:`caspian.layers.io.userfiles.read_user_layers` reads them.
    add_layers : str or sequence of str, optional
        The layers of each file of ``add`` to draw (each must hold them, as a GeoPackage
        does), by name, in this order; every vector layer by default.
    **options
        ``title``, ``offline``, ``settings``: see :func:`map_options`.

    Returns
    -------
    folium.Map
        Displays inline in a notebook; save with :func:`write_map` (or ``Map.save``).

    Raises
    ------
    LayerNotFoundError
        An unknown layer id (the message lists the valid ids).
    InputError
        A user's file cannot be used.
    DependencyMissingError
        ``offline=True`` but the map assets are not installed (the message gives the command).
    """
    title, offline, settings = map_options(**_options_of("build_map", options))  # before work
    if isinstance(add, (str, os.PathLike)):
        add = [add]  # one file given on its own
    if isinstance(add, (bytes, Mapping)) or not isinstance(add, Iterable):
        refuse("add", add, "GeoJSON file paths (a list of str or pathlib.Path), or one of them")
    add = [file_path(path, "an item of add") for path in add]
    add_layers = chosen_layers(add_layers, "add_layers")
    layers = list(load_catalog(layer_ids).values())
    # Popups show each feature's own properties, read as records: no table of every key.
    read = [(name, path, layer, frame, own)
            for name, path in zip(user_layer_names(add), add, strict=True)
            for layer, frame, own in read_user_layers(path, columns=(), layers=add_layers)]
    names = _overlay_names([(name, path, layer) for name, path, layer, *_ in read])
    users = [(overlay, frame, own)
             for overlay, (*_, frame, own) in zip(names, read, strict=True)]
    return map_of_layers(layers, users, title=title, offline=offline, settings=settings)


def _overlay_names(
    files: Sequence[tuple[str, str | os.PathLike[str], str | None]]
) -> list[str]:
    """The overlay name of each ``(file's name, path, layer)``: the file's name for a file
    of one layer, ``stem: layer`` for a layer of a file of several (``two.gpkg`` gives
    ``two: rail``), ``two.gpkg: rail`` where stems repeat (``two.gpkg`` and ``two.sqlite``
    both given), numbered where even that repeats."""
    def stem(name: str, path: str | os.PathLike[str]) -> str:
        suffix = format_suffix(path)
        return name[:-len(suffix)] if suffix and name.endswith(suffix) else name

    names = [name if layer is None else f"{stem(name, path)}: {layer}"
             for name, path, layer in files]
    names = [f"{name}: {layer}" if layer is not None and names.count(overlay) > 1 else overlay
             for overlay, (name, _, layer) in zip(names, files, strict=True)]
    return _numbered(names)


def user_layer_names(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """A distinct layer name for each user file: its file name, with its folder when two files
    share one (``a/routes.geojson``, ``b/routes.geojson``), numbered when even that repeats."""
    names = [display_path(Path(path).name) for path in paths]
    repeated = {name for name in names if names.count(name) > 1}
    names = [display_path(Path(Path(path).parent.name) / name) if name in repeated else name
             for name, path in zip(names, paths, strict=True)]
    return _numbered(names)


def _numbered(names: Sequence[str]) -> list[str]:
    """``names``, each repeat numbered from its second (``a``, ``a (2)``, ``a (3)``)."""
    seen: dict[str, int] = {}
    distinct = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        distinct.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return distinct


def map_of_layers(
    layers: Sequence[Layer],
    users: Sequence[UserLayer] = (),
    **options: Unpack[MapOptions],
) -> folium.Map:
    """Build the map of already loaded layers; :func:`build_map` loads them by id.

    Parameters
    ----------
    layers : sequence of Layer
        Catalog layers, drawn in this order.
    users : sequence of (str, GeoDataFrame) or (str, GeoDataFrame, list of dict)
        A name (shown in the layer control; give each its own) and the frame of each user
        file, optionally with each feature's own properties for the popups.
    **options
        ``title``, ``offline``, ``settings``: see :func:`map_options`.
    """
    title, offline, settings = map_options(**_options_of("map_of_layers", options))  # first
    try:
        # slow import: branca, jinja2 and requests
        import folium
    except ModuleNotFoundError as exc:  # pragma: no cover - folium is a dependency
        # (not ImportError: a folium that cannot load for want of memory is not missing)
        raise DependencyMissingError(
            "maps need folium; install it with: pip install folium"
        ) from exc

    frame = layers_frame(layers)
    metrics = feature_metrics(frame, settings)
    west, south, east, north = _bounds([frame, *(user[1] for user in users)])

    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2], zoom_start=5, tiles=None,
        control_scale=True, font_size="12px",
    )
    # Leaflet and the plugins come from add_header; folium's CDN list (jQuery, Bootstrap,
    # Font Awesome, ...) is not needed by anything on this map.
    fmap.default_js = []
    fmap.default_css = []
    figure_of(fmap).title = escape(title or "caspian-gis: Caspian infrastructure")
    add_header(fmap, offline)

    if offline:
        region = region_bounds((west, south, east, north))
        vector = basemap_geojson(region)
        mini = basemap_geojson(region, simplify_deg=MINIMAP_SIMPLIFY_DEG, grid_deg=0.05)
        for collection, decimals in ((vector, BASEMAP_DECIMALS), (mini, 2)):
            for feature in collection["features"]:
                feature["geometry"] = round_geometry(feature["geometry"], decimals)
        corners = [[region[1], region[0]], [region[3], region[2]]]
        rivers, river_labels = map_rivers(frame.geometry.values, region)
        labels = basemap_labels(frame.geometry.values, (west, south, east, north))
        labels += catalog_place_labels(layers)
        # one list in rank order: where names overlap on screen the earlier one stays
        labels = sorted([*labels, *river_labels], key=lambda label: label["rank"])
        basemaps = Basemaps(
            [], vector, corners, mini, labels, rivers,
            vector_attribution=basemap_attribution_html(),
        )
    else:
        basemaps = Basemaps([(escape(label), url, attr) for label, url, attr in TILES])
    fmap.add_child(basemaps)

    overlays: list[FeatureLayer | BulkUserLayer] = [
        FeatureLayer(
            catalog_collection(layer, metrics),
            escape(layer.name),
            layer.group,
            layer_attribution_html(layer),
        )
        for layer in layers
    ]
    # a big file is drawn on a canvas with popups built in the page (caspian.maps.userbulk)
    overlays += [user_overlay(user, escape(user[0]), USER_GROUP) for user in users]
    for overlay in overlays:
        fmap.add_child(overlay)
    kinds = [str(kind) for kind in frame["kind"].dropna().unique()]
    fmap.add_child(
        Controls(
            basemaps, overlays, [*GROUPS, USER_GROUP], legend_html(kinds, bool(users)),
            [[south, west], [north, east]], title,
        )
    )
    stabilise_ids(fmap)
    logger.debug("map: %d overlays, offline=%s", len(overlays), offline)
    return fmap
