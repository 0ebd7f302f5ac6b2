"""The HTML page around the map: the header's scripts and styles, stable element ids, the
page's text and its atomic write.

:func:`caspian.maps.render.build_map` and :func:`~caspian.maps.render.map_of_layers` build the
map; this module makes the page of it. ``render_html`` and ``write_map`` are also importable
from :mod:`caspian.maps.render`, as before.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.arguments import file_path, instance
from caspian.layers.io.fileio import write_text_atomic
from caspian.maps.elements import RawHtml
from caspian.maps.offline import header_html

if TYPE_CHECKING:
    import folium
    from branca.element import Figure


def _template_text(name: str) -> str:
    return (resources.files("caspian.maps") / "templates" / name).read_text(encoding="utf-8")


def figure_of(fmap: folium.Map) -> Figure:
    # slow import: jinja2
    from branca.element import Figure

    root = fmap.get_root()
    if not isinstance(root, Figure):  # pragma: no cover - folium.Map always makes one
        raise TypeError("the map is not inside a branca Figure")
    return root


#: An online map opened without the network would be a blank page ("L is not defined"): it
#: says why instead, and what to do.
NO_NETWORK_SCRIPT = """<script>
if (typeof L === "undefined") {
  document.addEventListener("DOMContentLoaded", function () {
    var note = document.createElement("div");
    note.className = "cg-no-network";
    note.textContent = "This map loads its map library (Leaflet) from the internet, which " +
      "cannot be reached from here. Open it with a network connection, or use the offline " +
      "version (caspian map --offline), which needs none.";
    document.body.insertBefore(note, document.body.firstChild);
  });
}
</script>"""


def add_header(fmap: folium.Map, offline: bool) -> None:
    header = figure_of(fmap).header
    for name, html in header_html(offline):
        header.add_child(RawHtml(html), name=name)
    header.add_child(RawHtml(f"<style>{_template_text('caspian.css')}</style>"), name="cg_css")
    script = _template_text("caspian.js").replace("</script", "<\\/script")
    header.add_child(RawHtml(f"<script>{script}</script>"), name="cg_js")
    if not offline:
        header.add_child(RawHtml(NO_NETWORK_SCRIPT), name="cg_no_network")


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
    # slow import: branca, jinja2 and requests
    import folium

    instance(fmap, folium.Map, "fmap", "a folium.Map (build_map)")
    file_path(path, "path")  # checked, but passed on as given: "map.html/" keeps its /
    return write_text_atomic(path, render_html(fmap), kind="HTML")
