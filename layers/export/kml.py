"""KML for Google Earth, written with :mod:`xml.etree`; descriptions from a Jinja2 template.

One ``Folder`` per layer, one ``Placemark`` per feature with its name, an HTML description
listing status, figures and citations (from a template that HTML-escapes every value, and
the whole description XML-escaped by ElementTree), a style per status and every export column in
``ExtendedData`` as ``SchemaData`` of one typed ``Schema``, so that GDAL's KML and LIBKML
drivers read every column back, numbers as numbers.
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.figures import none_if_missing, round_coordinate
from caspian.geo.settings import Settings
from caspian.layers.catalog.loading import Layer
from caspian.layers.catalog.vocabulary import STATUSES
from caspian.layers.export.frame import NUMBER_COLUMNS
from caspian.layers.io.safe_text import xml_text
from caspian.layers.templating import template_environment

if TYPE_CHECKING:
    import geopandas
    import jinja2

KML_NS = "http://www.opengis.net/kml/2.2"

#: Style per status: KML colour (aabbggrr) and line width. What is not being built is
#: drawn thinner and more transparent.
STATUS_STYLES: Mapping[str, tuple[str, float]] = {
    "operating": ("ff2e7d32", 4.0),
    "construction": ("ff0080ff", 3.5),
    "planned": ("e0d08a1e", 3.0),
    "proposed": ("c0b5399c", 2.5),
    "shelved": ("a0808080", 2.0),
    "cancelled": ("a04040a0", 2.0),
}
_UNKNOWN_STYLE = ("ff808080", 2.0)

#: Id of the one ``Schema`` every placemark's ``SchemaData`` refers to.
SCHEMA_ID = "caspian"

# The Placemark carries these itself (<name>, its id attribute, its geometry); repeating them
# in ExtendedData would clash in GDAL, whose field names are case-insensitive ("Name" from
# <name>) and which reads the id attribute as its field "id" (a schema field "id" would be
# renamed "id2").
_NOT_IN_DATA = {"name", "id", "geometry"}


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        # ElementTree writes a NUL or another control XML forbids as it is: not well-formed
        element.text = xml_text(text)
    return element


def _number(value: float, decimals: int) -> str:
    text = f"{round_coordinate(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return text or "0"


def _coordinates(coords: Any, decimals: int) -> str:
    return " ".join(",".join(_number(v, decimals) for v in position) for position in coords)


def _geometry(parent: ET.Element, geometry: Any, decimals: int) -> None:
    kind = geometry.geom_type
    if kind == "Point":
        _sub(_sub(parent, "Point"), "coordinates", _coordinates(geometry.coords, decimals))
    elif kind == "LineString":
        line = _sub(parent, "LineString")
        _sub(line, "tessellate", "1")  # follow the ground, not a straight 3-D chord
        _sub(line, "coordinates", _coordinates(geometry.coords, decimals))
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        _sub(polygon, "tessellate", "1")
        rings = [("outerBoundaryIs", geometry.exterior)]
        rings += [("innerBoundaryIs", ring) for ring in geometry.interiors]
        for tag, ring in rings:
            linear = _sub(_sub(polygon, tag), "LinearRing")
            _sub(linear, "coordinates", _coordinates(ring.coords, decimals))
    else:  # Multi* and GeometryCollection
        multi = _sub(parent, "MultiGeometry")
        for part in geometry.geoms:
            _geometry(multi, part, decimals)


def _styles(document: ET.Element) -> None:
    for status in (*STATUSES, "unknown"):
        colour, width = STATUS_STYLES.get(status, _UNKNOWN_STYLE)
        style = _sub(document, "Style")
        style.set("id", f"status-{status}")
        _sub(_sub(style, "IconStyle"), "color", colour)
        line = _sub(style, "LineStyle")
        _sub(line, "color", colour)
        _sub(line, "width", f"{width:g}")
        poly = _sub(style, "PolyStyle")
        _sub(poly, "color", "60" + colour[2:])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    value = none_if_missing(value)
    if isinstance(value, float):
        return repr(value)
    return None if value is None else str(value)


def _citation_items(citations_json: str | None) -> list[tuple[str, str | None, str | None]]:
    """``(label, quote, page)`` of each citation: the outlet and date (else the source id),
    the verbatim quote, the page cited."""
    items = []
    for citation in json.loads(citations_json or "[]"):
        label = " ".join(str(citation[key]) for key in ("outlet", "date") if citation.get(key))
        quote, page = citation.get("quote"), citation.get("page")
        items.append((label or str(citation["source"]), str(quote) if quote else None,
                      str(page) if page else None))
    return items


def description_html(row: Mapping[str, Any]) -> str:
    """HTML description of one feature: names, status, figures and its citations with quotes.

    Rendered from ``templates/kml_description.html.j2``, which escapes every value.
    """
    facts = [("Status", row.get("status")), ("Status note", row.get("status_note")),
             ("Operator", row.get("operator")), ("Owners", row.get("owners")),
             ("Capacity", row.get("capacity")),
             ("Published length, km", _text(row.get("published_length_km"))),
             ("Geodesic length of this drawing, km", _text(row.get("length_km"))),
             ("Geometry", row.get("geometry_accuracy")), ("Note", row.get("note"))]
    return _templates().get_template("kml_description.html.j2").render(
        name_ru=row.get("name_ru"),
        facts=[(label, str(value)) for label, value in facts if value not in (None, "")],
        citations=_citation_items(row.get("citations")),
    )


@functools.cache
def _templates() -> jinja2.Environment:
    return template_environment("caspian.layers")


def kml_bytes(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, settings: Settings
) -> bytes:
    """The KML document for ``frame`` (rows grouped into one folder per layer), UTF-8."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = _sub(root, "Document")
    _sub(document, "name", layers[0].name if len(layers) == 1 else "caspian-gis")
    _styles(document)
    columns = [column for column in frame.columns if column not in _NOT_IN_DATA]
    decimals = settings.coordinate_decimals
    # A typed schema: every column exists in every folder (also where all values are empty)
    # and numbers read back as numbers.
    schema = _sub(document, "Schema")
    schema.set("name", SCHEMA_ID)
    schema.set("id", SCHEMA_ID)
    for column in columns:
        field = _sub(schema, "SimpleField")
        field.set("name", xml_text(column))
        field.set("type", "double" if column in NUMBER_COLUMNS else "string")
    for layer in layers:
        folder = _sub(document, "Folder")
        _sub(folder, "name", layer.name)
        _sub(folder, "description", layer.description)
        for row in frame[frame["layer"] == layer.id].to_dict("records"):
            placemark = _sub(folder, "Placemark")
            placemark.set("id", xml_text(str(row["id"])))  # GDAL's "id" field
            _sub(placemark, "name", str(row.get("name") or row["id"]))
            _sub(placemark, "description", description_html(row))
            status = row.get("status") if row.get("status") in STATUS_STYLES else "unknown"
            _sub(placemark, "styleUrl", f"#status-{status}")
            data = _sub(_sub(placemark, "ExtendedData"), "SchemaData")
            data.set("schemaUrl", f"#{SCHEMA_ID}")
            for column in columns:
                text = _text(row.get(column))
                if text is not None:
                    _sub(data, "SimpleData", text).set("name", xml_text(column))
            if row.get("geometry") is not None:
                _geometry(placemark, row["geometry"], decimals)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_kml(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, path: Path, settings: Settings
) -> None:
    """Write ``frame`` as KML for Google Earth."""
    path.write_bytes(kml_bytes(layers, frame, settings))
