"""folium elements of the caspian map: feature layers, basemaps and the controls.

Each element is a small ``MacroElement`` with Jinja macros, as folium's plugins are. Data goes
into the page only as JSON from :func:`script_json` (``<``, ``>`` and ``&`` escaped, so a
``</script>`` inside a string cannot end the element), in ``<script type="application/json">``
elements that the page reads with ``JSON.parse``.

branca's ``MacroElement`` passes each rendered macro through ``Element()``, which parses it as
a Jinja template a second time: a property such as ``{{ 7*7 }}`` in a user's file would be
evaluated while the page is built. :class:`RawMacroElement` adds the rendered text as it is.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any, Protocol

from branca.element import Element, MacroElement
from caspian.maps.styles import PANES
from folium.template import Template


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    UTF-8 text is kept as is (Cyrillic stays readable and small); ``<``, ``>``, ``&`` and the
    two JavaScript line terminators U+2028/U+2029 become ``\\uXXXX`` escapes.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class RawHtml(Element):
    """Literal HTML for the page header (an inlined script or stylesheet), not a template."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "raw"
        self.html = html

    def render(self, **kwargs: Any) -> str:
        return self.html


class RawMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros reach the page verbatim (never re-templated)."""

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                target = getattr(figure, part)
                target.add_child(RawHtml(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""


#: The ``html`` macro of an element whose data travels as JSON in the page (its ``data_json``,
#: read by ``caspian.data``): the start of the template of each such element.
DATA_SCRIPT_MACRO = """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">
        {{- this.data_json -}}
        </script>
        {% endmacro %}"""


class Overlay(Protocol):
    """What the layer control reads of an overlay: a catalog layer or a user's file."""

    #: The overlay's name in the layer control (escaped HTML).
    label_html: str
    #: The group of the layer control it is listed under.
    group: str

    def get_name(self) -> str: ...


class FeatureLayer(RawMacroElement):
    """One overlay: a GeoJSON FeatureCollection whose features carry ``popup``, ``tooltip``,
    ``style`` and ``search`` properties (built by :mod:`caspian.maps.render`).

    Parameters
    ----------
    collection : dict
        The FeatureCollection.
    label_html : str
        Escaped name shown in the layer control.
    group : str
        Group of the layer control (``Ports``, ``Energy``, ...).
    attribution_html : str
        Escaped credit that Leaflet's attribution control shows while the layer is on (the
        licence of data such as OpenStreetMap's asks for it); empty for none.
    """

    _template = Template(
        DATA_SCRIPT_MACRO
        + """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = caspian.featureLayer(
            caspian.data("{{ this.get_name() }}_data"), {{ this.attribution_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self, collection: dict[str, Any], label_html: str, group: str, attribution_html: str = ""
    ) -> None:
        super().__init__()
        self._name = "overlay"
        self.data_json = script_json(collection)
        self.label_html = label_html
        self.group = group
        self.attribution_json = script_json(attribution_html)


class Basemaps(RawMacroElement):
    """The base layers: tile servers online, or the Natural Earth vector basemap offline.

    Parameters
    ----------
    tiles : sequence of (str, str, str)
        ``(label, url template, attribution HTML)`` per tile server; empty offline.
    vector : dict or None
        The vector basemap FeatureCollection (offline), drawn in its own pane under the
        overlays.
    region : list or None
        ``[[south, west], [north, east]]`` degrees that the vector basemap covers; the view is
        kept inside it.
    mini_vector : dict or None
        A coarser copy of ``vector`` for the minimap (which shows the region 16 times smaller).
    labels : list of dict or None
        Place and sea names drawn with the vector basemap (:mod:`caspian.maps.labels`).
    rivers : dict or None
        Rivers drawn on the vector basemap (:mod:`caspian.maps.rivers`).
    vector_attribution : str
        Escaped credit of the vector basemap's borders, shown while it is on.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        {% if this.vector_json %}
        {%- for suffix, data_json in [("data", this.vector_json), ("mini", this.mini_json),
                                      ("labels", this.labels_json),
                                      ("rivers", this.rivers_json)] %}
        <script type="application/json" id="{{ this.get_name() }}_{{ suffix }}">
        {{- data_json -}}
        </script>
        {%- endfor %}
        {% endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {};
        {% if this.vector_json %}
        {{ this._parent.get_name() }}.createPane("cgBasemap").style.zIndex = 250;
        caspian.keepInside({{ this._parent.get_name() }}, {{ this.region_json }});
        {{ this._parent.get_name() }}.createPane("cgLabels").style.zIndex = 445;
        {{ this._parent.get_name() }}.getPane("cgLabels").style.pointerEvents = "none";
        var {{ this.get_name() }}_labels = caspian.labelLayer(
            caspian.data("{{ this.get_name() }}_labels"), "cgLabels");
        var {{ this.get_name() }}_default = caspian.basemapLayer(
            caspian.data("{{ this.get_name() }}_data"), "cgBasemap", {{ this.region_json }},
            caspian.data("{{ this.get_name() }}_rivers"),
            {{ this.vector_attribution_json }});
        {{ this.get_name() }}[{{ this.vector_label_json }}] = {{ this.get_name() }}_default;
        var {{ this.get_name() }}_mini = caspian.basemapLayer(
            caspian.data("{{ this.get_name() }}_mini"));
        {% else %}
        var {{ this.get_name() }}_labels = null;  // the tiles carry their own names
        {% for label_json, url_json, attribution_json in this.tiles %}
        {{ this.get_name() }}[{{ label_json }}] = L.tileLayer({{ url_json }},
            {maxZoom: 18, attribution: {{ attribution_json }}});
        {% if loop.first %}
        var {{ this.get_name() }}_default = {{ this.get_name() }}[{{ label_json }}];
        {% endif %}
        {% endfor %}
        var {{ this.get_name() }}_mini = L.tileLayer({{ this.tiles[0][1] }}, {maxZoom: 13});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        tiles: Sequence[tuple[str, str, str]],
        vector: dict[str, Any] | None = None,
        region: list[list[float]] | None = None,
        mini_vector: dict[str, Any] | None = None,
        labels: list[dict[str, Any]] | None = None,
        rivers: dict[str, Any] | None = None,
        vector_attribution: str = "",
    ) -> None:
        super().__init__()
        self._name = "basemaps"
        self.vector_attribution_json = script_json(vector_attribution)
        self.tiles = [tuple(script_json(part) for part in tile) for tile in tiles]
        self.vector_json = script_json(vector) if vector is not None else ""
        self.vector_label_json = script_json("Natural Earth (offline)")
        self.region_json = script_json(region)
        self.mini_json = script_json(mini_vector if mini_vector is not None else vector)
        self.labels_json = script_json(labels or [])
        self.rivers_json = script_json(rivers or {"type": "FeatureCollection", "features": []})


class Controls(RawMacroElement):
    """Layer control, legend, search, measure, fullscreen, mouse position, minimap, title.

    Parameters
    ----------
    basemaps : Basemaps
        Base layers of the layer control.
    overlays : sequence of Overlay
        Overlays (a FeatureLayer, a user file's canvas layer), shown in the layer control
        under their ``group``.
    groups : sequence of str
        Group order of the layer control.
    legend_html : str
        The legend (escaped HTML).
    bounds : list
        ``[[south, west], [north, east]]`` degrees to fit the view to.
    title : str or None
        Title shown on the map (set as text, not HTML).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          caspian.state.map = map;
          var groups = {};
          {% for group in this.groups %}
          groups[{{ this.json(this.esc(group)) }}] = {};
          {% endfor %}
          {% for overlay in this.overlays %}
          groups[{{ this.json(this.esc(overlay.group)) }}][{{ this.json(overlay.label_html) }}] =
              {{ overlay.get_name() }};
          {% endfor %}
          var overlays = [
            {% for overlay in this.overlays %}{{ overlay.get_name() }},{% endfor %}
          ];
          var layerControl = caspian.addLayerControl(map, {{ this.basemaps.get_name() }}, groups);
          {% for pane, z_index in this.panes %}
          map.createPane({{ this.json(pane) }}).style.zIndex = {{ z_index }};
          {% endfor %}
          // Fit first, then add the layers: they are drawn once, at the final view.
          caspian.fitTo(map, {{ this.json(this.bounds) }}, layerControl);
          {{ this.basemaps.get_name() }}_default.addTo(map);
          overlays.forEach(function (overlay) { overlay.addTo(map); });
          caspian.addLegend(map, {{ this.json(this.legend_html) }});
          {% if this.title %}caspian.addTitle(map, {{ this.json(this.title) }});{% endif %}
          // The tools come one frame later, so that the data is on screen first.
          caspian.afterFirstFrame(function () {
            // the names come after the features are on screen, with the tools
            var labels = {{ this.basemaps.get_name() }}_labels;
            if (labels) { labels.addTo(map); }
            caspian.addSearch(map, overlays);
            caspian.addTools(map, {minimapLayer: {{ this.basemaps.get_name() }}_mini});
            caspian.state.ready = true;
          });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        basemaps: Basemaps,
        overlays: Sequence[Overlay],
        groups: Sequence[str],
        legend_html: str,
        bounds: list[list[float]],
        title: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "controls"
        self.basemaps = basemaps
        self.overlays = list(overlays)
        present = {overlay.group for overlay in self.overlays}
        self.groups = [group for group in groups if group in present]
        self.groups += sorted(present - set(self.groups))
        self.legend_html = legend_html
        self.bounds = bounds
        self.title = title
        self.panes = list(PANES.items())
        self.json = script_json
        # the grouped layer control sets group names as HTML
        self.esc = html.escape
