"""A big user file on the map: drawn on one canvas, its popups built in the page on click.

A user's file of :data:`BULK_MIN_FEATURES` features or more is not drawn as the small ones are
(:func:`caspian.maps.features.user_collection`: one SVG element, one escaped popup and one
style object per feature, about 800 bytes a point). Instead the page gets

* the geometries, rounded as every feature of the map is (a point as a bare ``[lon, lat]``);
* the properties as columns: each key once, then one value per feature;
* the styles once each, and per feature the index of its style when there is more than one;

and ``templates/userbulk.js`` draws them on a Leaflet canvas and builds a popup from the
clicked feature's column values when it is clicked, setting every key and value as text
(``textContent``), so a value such as ``<img src=x onerror=...>`` shows as it is written.

The canvas lies in a pane of its own under the catalog's lines and points: a cloud of
thousands of points would otherwise hide the catalog and, since a canvas takes every click
over its whole area, leave none of the catalog's features clickable.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from branca.element import Figure
from caspian.geo.figures import round_coordinates
from caspian.geo.geodesy import linestring_lengths_km
from caspian.maps import popups, styles
from caspian.maps.elements import (
    DATA_SCRIPT_MACRO,
    FeatureLayer,
    RawHtml,
    RawMacroElement,
    script_json,
)
from caspian.maps.features import (
    FEATURE_DECIMALS,
    UserFile,
    drawable_geometry,
    user_collection,
)
from folium.template import Template

if TYPE_CHECKING:
    pass

#: A user's file with this many features or more is drawn on a canvas with in-page popups.
#: Below it every feature keeps its own SVG element, popup and tooltip, and with them the
#: map's list of the features under a click and an id per feature; at a thousand features those
#: cost about 0.8 MB of HTML and a thousand DOM elements, past which the canvas pays.
BULK_MIN_FEATURES = 1000
#: The pane of the big files' canvas: above the basemap (250) and under every pane of the
#: catalog and the small user files (:data:`caspian.maps.styles.PANES`, 405 and up).
BULK_PANE = ("cgUserBulk", 404)
#: Largest integer a JavaScript number holds exactly: a larger one travels as text.
_JS_SAFE_INT = 2**53


def page_value(value: Any) -> Any:
    """A property value as the page shows it, JSON-ready: the same text the small files'
    popup shows (:func:`caspian.maps.popups.user_popup_html`), unescaped, since the page
    sets it as text.

    Numbers stay numbers where JavaScript prints them as Python does (``2.5``, ``17``);
    others travel as Python's text (``1.0``, ``1e-05``, ``True``, integers past 2**53).
    Lists and mappings become their JSON text; long text is cut to
    :data:`~caspian.maps.popups.USER_VALUE_MAX_CHARS` characters. None stays None (no row).
    """
    if value is None or isinstance(value, str):
        return None if value is None else popups.shorten(value, popups.USER_VALUE_MAX_CHARS)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value if abs(value) < _JS_SAFE_INT else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = repr(value)
        return value if "e" not in text and not value.is_integer() else text
    if isinstance(value, (dict, list, tuple)):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return popups.shorten(text, popups.USER_VALUE_MAX_CHARS)


def _page_geometry(geom: Any) -> Any:
    if geom.geom_type == "Point":
        return round_coordinates([geom.x, geom.y], FEATURE_DECIMALS)
    # slow import: GEOS and numpy
    from shapely.geometry import mapping

    return drawable_geometry(mapping(geom))


def bulk_payload(user: UserFile) -> dict[str, Any]:
    """What the page needs to draw a big user file, as columns.

    Parameters
    ----------
    user : UserFile
        The file; its ``name`` is shown at the top of each popup.

    Returns
    -------
    dict
        ``name``; ``geometries`` (``[lon, lat]`` degrees for a point, a GeoJSON geometry
        otherwise, rounded to :data:`~caspian.maps.features.FEATURE_DECIMALS` places);
        ``columns``, ``[key, [value per feature]]`` in the order keys first appear (a
        feature without the key has None), or ``[key, values, indices]`` for a key fewer than
        half the features hold; ``styles`` (Leaflet path options, each once) and
        ``style_of`` (index per feature, only with more than one style); ``lengths`` (the
        computed length's text per line, only when a feature has one). Features with no
        geometry are left out, as on the small files' layer.
    """
    name, frame, properties = user
    geoms = frame.geometry.values
    if properties is None:
        columns = [column for column in frame.columns if column != frame.geometry.name]
        properties = frame[columns].to_dict("records")
    kept = [position for position, geom in enumerate(geoms)
            if geom is not None and not geom.is_empty]
    lengths_km = linestring_lengths_km(geoms)
    columns_out = _columns(properties, kept)
    style_index: dict[str, int] = {}
    style_of = []
    for position in kept:
        style = styles.user_style(geoms[position].geom_type, properties[position].get("segment"))
        style_of.append(style_index.setdefault(json.dumps(style, sort_keys=True),
                                               len(style_index)))
    lengths = [popups.format_km(float(lengths_km[position]))
               if math.isfinite(lengths_km[position]) and lengths_km[position] > 0 else None
               for position in kept]
    payload: dict[str, Any] = {
        "name": name,
        "geometries": [_page_geometry(geoms[position]) for position in kept],
        "columns": columns_out,
        "styles": [json.loads(style) for style in style_index],
    }
    if len(style_index) > 1:
        payload["style_of"] = style_of
    if any(lengths):
        payload["lengths"] = lengths
    return payload


def _columns(properties: Sequence[Mapping[str, Any]], kept: Sequence[int]) -> list[list[Any]]:
    """``[key, values]`` per key in the order keys first appear, each value at its feature's
    index; a key that fewer than half the features hold is sparse, ``[key, values, indices]``.

    One pass over the properties: a file of many distinct keys (500,000 keys over 5,000
    features) costs what its properties hold, not keys times features.
    """
    by_key: dict[Any, tuple[list[int], list[Any]]] = {}
    for index, position in enumerate(kept):
        for key, value in properties[position].items():
            indices, values = by_key.setdefault(key, ([], []))
            indices.append(index)
            values.append(page_value(value))
    columns = []
    for key, (indices, values) in by_key.items():
        label = popups.shorten(str(key))
        if 2 * len(indices) < len(kept):
            columns.append([label, values, indices])
            continue
        dense: list[Any] = [None] * len(kept)
        for index, value in zip(indices, values, strict=True):
            dense[index] = value
        columns.append([label, dense])
    return columns


def _script_text() -> str:
    text = (resources.files("caspian.maps") / "templates" / "userbulk.js").read_text(
        encoding="utf-8")
    return text.replace("</script", "<\\/script")


class BulkUserLayer(RawMacroElement):
    """One big user file as an overlay: its :func:`bulk_payload` as JSON in the page, drawn
    by ``caspianBulk.layer`` (``templates/userbulk.js``, put in the page header once).

    Parameters
    ----------
    payload : dict
        From :func:`bulk_payload`.
    label_html : str
        Escaped name shown in the layer control.
    group : str
        Group of the layer control.
    """

    _template = Template(
        DATA_SCRIPT_MACRO
        + """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = caspianBulk.layer({{ this._parent.get_name() }},
            caspian.data("{{ this.get_name() }}_data"), {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict[str, Any], label_html: str, group: str) -> None:
        super().__init__()
        self._name = "bulk_overlay"
        self.data_json = script_json(payload)
        self.label_html = label_html
        self.group = group
        pane, z_index = BULK_PANE
        self.options_json = script_json({"pane": pane, "zIndex": z_index,
                                         "labelMaxChars": popups.LABEL_MAX_CHARS})

    def render(self, **kwargs: Any) -> str:
        # one copy of the script however many big files the map has (same name, one child)
        root = self.get_root()
        assert isinstance(root, Figure)  # a layer renders inside the map's figure
        root.header.add_child(RawHtml(f"<script>{_script_text()}</script>"), name="cg_bulk_js")
        return super().render(**kwargs)


def user_overlay(
    user: tuple[Any, ...], label_html: str, group: str
) -> FeatureLayer | BulkUserLayer:
    """The overlay of one user file: a canvas layer from :data:`BULK_MIN_FEATURES` features
    on, else the small files' layer (:func:`caspian.maps.features.user_collection`).

    ``user`` is a :class:`~caspian.maps.features.UserFile`, or its fields ``(name, frame)``
    or ``(name, frame, properties)`` as :func:`caspian.maps.render.map_of_layers` takes them.
    """
    file = UserFile(*user)
    if len(file.frame) >= BULK_MIN_FEATURES:
        return BulkUserLayer(bulk_payload(file), label_html, group)
    return FeatureLayer(user_collection(*file), label_html, group)
