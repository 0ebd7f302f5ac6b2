"""Build the interactive map: :func:`build_map` returns a ``folium.Map``, :func:`write_map`
saves it.

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
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.errors import DependencyMissingError
from caspian.geo.settings import DEFAULT_SETTINGS, KINDS, Settings
from caspian.maps import popups, styles

if TYPE_CHECKING:
    import folium
    import geopandas
    from branca.element import Figure
    from caspian.layers.catalog import Layer

logger = logging.getLogger(__name__)

#: Decimal places of feature coordinates in the page (1e-5 degree is about 1 m).
FEATURE_DECIMALS = 5
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


def _round(coords: Any, decimals: int) -> Any:
    if isinstance(coords, (list, tuple)):
        return [_round(item, decimals) for item in coords]
    return round(float(coords), decimals)


def _geometry(geometry: Mapping[str, Any], decimals: int) -> dict[str, Any]:
    if geometry["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [_geometry(part, decimals) for part in geometry["geometries"]],
        }
    return {"type": geometry["type"], "coordinates": _round(geometry["coordinates"], decimals)}


def _feature(
    feature_id: str, geometry: Mapping[str, Any], properties: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": properties,
        "geometry": _geometry(geometry, FEATURE_DECIMALS),
    }


def feature_metrics(
    frame: geopandas.GeoDataFrame, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, popups.FeatureMetrics]:
    """Computed length and per-country split of each feature, by feature id.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Columns ``id`` and ``geometry`` (EPSG:4326).

    Returns
    -------
    dict
        Feature id -> :class:`~caspian.maps.popups.FeatureMetrics` from
        :func:`caspian.layers.metrics.metrics_frame` (geodesic km on ``settings.ellps``,
        split by Natural Earth country; ``"sea"`` for the part at sea).
    """
    import math

    from caspian.layers.metrics import metrics_frame

    table = metrics_frame(frame, settings, by_country=True)
    result = {}
    for fid, length_km, split, sea_split in zip(
        frame["id"], table["length_km"], table["by_country_km"], table["sea_nearest_state_km"],
        strict=True,
    ):
        measured = float(length_km) if math.isfinite(length_km) and length_km > 0 else None
        result[str(fid)] = popups.FeatureMetrics(
            length_km=measured,
            by_country_km=dict(split or {}) if measured else {},
            sea_nearest_state_km=dict(sea_split or {}) if measured else {},
        )
    return result


def _source_labels(layer: Layer) -> dict[str, popups.SourceLabel]:
    from caspian.layers.citations import layer_citations

    return {
        citation.source_id: popups.SourceLabel(citation.label(), citation.quote)
        for citation in layer_citations(layer)
    }


def catalog_collection(
    layer: Layer, metrics: Mapping[str, popups.FeatureMetrics]
) -> dict[str, Any]:
    """The FeatureCollection of one catalog layer as the map draws it.

    Each feature keeps its id and geometry (rounded to :data:`FEATURE_DECIMALS`) and gets the
    properties ``popup`` and ``tooltip`` (escaped HTML), ``style`` (Leaflet path options) and
    ``search`` (names to find it by).
    """
    sources = _source_labels(layer)
    features = []
    for feature in layer.features:
        fid = str(feature["id"])
        short_id = fid.split("/", 1)[-1]
        props = feature.get("properties") or {}
        measured = metrics.get(fid, popups.FeatureMetrics())
        conflicts = [c for c in layer.conflicts if short_id in (c.get("features") or [])]
        properties = {
            "popup": popups.feature_popup_html(
                fid, props, layer.name, measured, sources, conflicts
            ),
            "tooltip": popups.feature_tooltip_html(props, measured.length_km),
            "style": styles.feature_style(
                props.get("kind"), props.get("status"), props.get("geometry_accuracy")
            ),
            "search": [str(name) for name in (props.get("name"), props.get("name_ru")) if name],
        }
        features.append(_feature(fid, feature["geometry"], properties))
    return {"type": "FeatureCollection", "features": features}


def user_collection(name: str, frame: geopandas.GeoDataFrame) -> dict[str, Any]:
    """The FeatureCollection of a user's file (``--add``): every property in the popup."""
    import shapely
    from caspian.geo.geodesy import geodesic_lengths_km
    from shapely.geometry import mapping

    geoms = frame.geometry.values
    linear = shapely.get_type_id(geoms) == 1
    linear |= shapely.get_type_id(geoms) == 5
    lengths: list[float | None] = [None] * len(frame)
    if linear.any():
        for index, km in zip(linear.nonzero()[0], geodesic_lengths_km(geoms[linear]), strict=True):
            lengths[int(index)] = float(km)
    features = []
    columns = [column for column in frame.columns if column != frame.geometry.name]
    records = frame[columns].to_dict("records")
    for position, (row, geom) in enumerate(zip(records, geoms, strict=True)):
        if geom is None or geom.is_empty:
            continue
        properties = {
            "popup": popups.user_popup_html(name, row, lengths[position]),
            "tooltip": popups.user_tooltip_html(name, row),
            "style": styles.user_style(),
            "search": [str(row["name"])] if row.get("name") is not None else [],
        }
        features.append(_feature(f"{name}/{row.get('id', position)}", mapping(geom), properties))
    return {"type": "FeatureCollection", "features": features}


def _svg_sample(style: Mapping[str, Any]) -> str:
    if "radius" in style:
        return (
            '<svg width="36" height="14"><circle cx="18" cy="7" r="5" '
            f'stroke="{style["color"]}" stroke-width="2" fill="{style["fillColor"]}" '
            f'fill-opacity="{style["fillOpacity"]}"/></svg>'
        )
    dash = f' stroke-dasharray="{style["dashArray"]}"' if style["dashArray"] else ""
    return (
        '<svg width="36" height="14"><line x1="2" y1="7" x2="34" y2="7" '
        f'stroke="{style["color"]}" stroke-width="3" stroke-linecap="{style["lineCap"]}"'
        f"{dash}/></svg>"
    )


def legend_html(kinds: Iterable[str], with_user_layer: bool = False) -> str:
    """The legend: a sample of every kind drawn and of every line pattern."""
    present = set(kinds)
    ordered = [kind for kind in KINDS if kind in present] + sorted(present - set(KINDS))
    kind_rows, status_rows = styles.legend_entries(ordered)
    if with_user_layer:
        kind_rows.append((USER_GROUP, styles.user_style()))
    parts = ["<h6>Kind</h6>"]
    parts += [f"<div>{_svg_sample(style)}{escape(label)}</div>" for label, style in kind_rows]
    parts.append("<h6>Status</h6>")
    parts += [f"<div>{_svg_sample(style)}{escape(label)}</div>" for label, style in status_rows]
    return "".join(parts)


def _bounds(frames: Sequence[geopandas.GeoDataFrame]) -> tuple[float, float, float, float]:
    import numpy as np

    boxes = np.array([frame.total_bounds for frame in frames if len(frame)], dtype=float)
    boxes = boxes[np.isfinite(boxes).all(axis=1)]
    if not len(boxes):
        return (44.0, 36.0, 56.0, 47.0)  # the Caspian region, when nothing has a geometry
    return (
        float(boxes[:, 0].min()), float(boxes[:, 1].min()),
        float(boxes[:, 2].max()), float(boxes[:, 3].max()),
    )


def _template_text(name: str) -> str:
    return (resources.files("caspian.maps") / "templates" / name).read_text(encoding="utf-8")


def _figure(fmap: folium.Map) -> Figure:
    from branca.element import Figure

    root = fmap.get_root()
    if not isinstance(root, Figure):  # pragma: no cover - folium.Map always makes one
        raise TypeError("the map is not inside a branca Figure")
    return root


def _add_header(fmap: folium.Map, offline: bool) -> None:
    from caspian.maps.elements import RawHtml
    from caspian.maps.offline import header_html

    header = _figure(fmap).header
    for name, html in header_html(offline):
        header.add_child(RawHtml(html), name=name)
    header.add_child(RawHtml(f"<style>{_template_text('caspian.css')}</style>"), name="cg_css")
    script = _template_text("caspian.js").replace("</script", "<\\/script")
    header.add_child(RawHtml(f"<script>{script}</script>"), name="cg_js")


def stabilise_ids(fmap: folium.Map) -> None:
    """Replace every element's random id by its position in the element tree.

    folium names each element ``<kind>_<uuid4>``; numbering the elements in tree order
    instead makes two builds from the same inputs render byte for byte the same.
    """
    counter = 0

    def visit(element: Any) -> None:
        nonlocal counter
        element._id = f"{counter:04d}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(fmap.get_root())


def build_map(
    layer_ids: Sequence[str] | None = None,
    *,
    add: Sequence[str | os.PathLike[str]] = (),
    offline: bool = False,
    title: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> folium.Map:
    """Build the interactive map of catalog layers and a user's own GeoJSON files.

    Parameters
    ----------
    layer_ids : sequence of str, optional
        Catalog layers to draw, in this order; all layers by default.
    add : sequence of path-like
        A user's GeoJSON files, each drawn as its own overlay with every property in the
        popup (escaped). Validated by :func:`caspian.layers.userdata.read_user_geojson`.
    offline : bool
        Inline every script and stylesheet and draw a vector basemap instead of tiles, so the
        saved file makes no request to any host.
    title : str, optional
        Shown on the map and as the page title.
    settings : Settings
        Ellipsoid for the computed lengths.

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
    from caspian.layers.catalog import load_catalog
    from caspian.layers.userdata import read_user_geojson

    if offline:
        from caspian.maps.offline import check_installed

        check_installed()  # fail before any work
    layers = list(load_catalog(list(layer_ids) if layer_ids else None).values())
    users = [(Path(path).name, read_user_geojson(path)) for path in add]
    return map_of_layers(layers, users, offline=offline, title=title, settings=settings)


def layers_frame(layers: Sequence[Layer]) -> geopandas.GeoDataFrame:
    """Feature ``id``, ``kind`` and ``geometry`` of ``layers`` (EPSG:4326), for measuring."""
    import geopandas
    import shapely.geometry

    rows = [
        {
            "id": str(feature["id"]),
            "kind": (feature.get("properties") or {}).get("kind"),
            "geometry": shapely.geometry.shape(feature["geometry"]),
        }
        for layer in layers
        for feature in layer.features
    ]
    return geopandas.GeoDataFrame(
        rows, columns=["id", "kind", "geometry"], geometry="geometry", crs="EPSG:4326"
    )


def map_of_layers(
    layers: Sequence[Layer],
    users: Sequence[tuple[str, geopandas.GeoDataFrame]] = (),
    *,
    offline: bool = False,
    title: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> folium.Map:
    """Build the map of already loaded layers; :func:`build_map` loads them by id.

    Parameters
    ----------
    layers : sequence of Layer
        Catalog layers, drawn in this order.
    users : sequence of (str, GeoDataFrame)
        A name (shown in the layer control) and the frame of each user file.
    offline, title, settings
        As in :func:`build_map`.
    """
    try:
        import folium
    except ImportError as exc:  # pragma: no cover - folium is a dependency
        raise DependencyMissingError(
            "maps need folium; install it with: pip install folium"
        ) from exc
    from caspian.layers.catalog import GROUPS
    from caspian.maps.basemap import basemap_geojson, region_bounds
    from caspian.maps.elements import Basemaps, Controls, FeatureLayer

    frame = layers_frame(layers)
    metrics = feature_metrics(frame, settings)
    west, south, east, north = _bounds([frame, *(user for _, user in users)])

    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2], zoom_start=5, tiles=None,
        control_scale=True, font_size="12px",
    )
    # Leaflet and the plugins come from _add_header; folium's CDN list (jQuery, Bootstrap,
    # Font Awesome, ...) is not needed by anything on this map.
    fmap.default_js = []
    fmap.default_css = []
    _figure(fmap).title = escape(title or "caspian-gis: Caspian infrastructure")
    _add_header(fmap, offline)

    if offline:
        region = region_bounds((west, south, east, north))
        vector = basemap_geojson(region)
        mini = basemap_geojson(region, simplify_deg=MINIMAP_SIMPLIFY_DEG, grid_deg=0.05)
        for collection, decimals in ((vector, BASEMAP_DECIMALS), (mini, 2)):
            for feature in collection["features"]:
                feature["geometry"] = _geometry(feature["geometry"], decimals)
        corners = [[region[1], region[0]], [region[3], region[2]]]
        basemaps = Basemaps([], vector, corners, mini)
    else:
        basemaps = Basemaps([(escape(label), url, attr) for label, url, attr in TILES])
    fmap.add_child(basemaps)

    overlays = [
        FeatureLayer(catalog_collection(layer, metrics), escape(layer.name), layer.group)
        for layer in layers
    ]
    overlays += [
        FeatureLayer(user_collection(name, user), escape(name), USER_GROUP)
        for name, user in users
    ]
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


def render_html(fmap: folium.Map) -> str:
    """The map's whole HTML page, with stable element ids."""
    stabilise_ids(fmap)
    html: str = fmap.get_root().render()
    return html


def write_map(fmap: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write ``fmap`` as one HTML file, atomically (temporary file, then rename).

    Returns
    -------
    pathlib.Path
        The written path.
    """
    from caspian.layers.fileio import write_text_atomic

    return write_text_atomic(path, render_html(fmap))
