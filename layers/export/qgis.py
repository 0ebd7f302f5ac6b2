"""What a GeoPackage export carries for QGIS users: layer styles and per-country lengths.

QGIS reads a layer's default style from a ``layer_styles`` table in the same GeoPackage (the
table its *Save Style ▸ In Database* writes; QgsOgrProviderMetadata::saveStyle/loadStyle:
``f_table_schema = ''``, ``f_table_name`` the table, ``f_geometry_column`` its geometry column,
``useAsDefault`` 1). :func:`layer_styles_table` writes one row per layer with a QML rule-based
renderer and the same rules as OGC SLD, built from :mod:`caspian.layers.export.symbology`, so QGIS
opens the file drawn as the interactive map draws it: colour by kind, dashes by status, a
dotted line for a hypothetical geometry, widths and dash lengths in pixels.

:func:`with_country_lengths` adds a ``length_km_<ISO3>`` column per country a layer crosses
(``length_km_sea`` at sea), cut as ``caspian metrics --by country`` cuts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

# Imported by the GeoPackage writer only (export_writers), when pandas is already loaded.
import numpy as np
import pandas
from caspian.geo.settings import Settings
from caspian.layers.catalog.loading import Layer
from caspian.layers.export import symbology
from caspian.layers.metrics import metrics_frame

if TYPE_CHECKING:
    import geopandas

#: Columns of QGIS's layer_styles table, in its own order.
LAYER_STYLE_COLUMNS: tuple[str, ...] = (
    "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
    "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time",
)
#: Name of each style (QGIS's styleName column is 30 characters wide).
STYLE_NAME = "caspian-gis"
#: Prefix of the per-country length columns.
COUNTRY_COLUMN_PREFIX = "length_km_"


def _rgba(colour: str, alpha: float = 1.0) -> str:
    """``"#0b3d91"`` -> ``"11,61,145,255"``, QGIS's colour text."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"{red},{green},{blue},{round(alpha * 255)}"


def _qgis_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def style_rules(frame: geopandas.GeoDataFrame) -> list[dict[str, Any]]:
    """One rule per (kind, status, hypothetical or not) in ``frame``, in first-seen order.

    Returns
    -------
    list of dict
        ``kind``, ``status``, ``hypothetical`` (bool), ``label``, ``colour`` (``#rrggbb``),
        ``width_px``, ``opacity`` (0–1), ``dash`` (SVG dash text in pixels, or None), and for
        points ``radius_px`` and ``fill_opacity``.
    """
    rules: dict[tuple[str, str, bool], dict[str, Any]] = {}
    for kind, status, accuracy in zip(frame["kind"], frame["status"],
                                      frame["geometry_accuracy"], strict=True):
        kind, status = str(kind or ""), str(status or "")
        hypothetical = accuracy == "hypothetical"
        if (kind, status, hypothetical) in rules:
            continue
        label = f"{symbology.KIND_LABELS.get(kind, kind)}, {status}"
        rule: dict[str, Any] = {
            "kind": kind, "status": status, "hypothetical": hypothetical,
            "label": label + (", hypothetical route" if hypothetical else ""),
            "colour": symbology.KIND_COLOURS.get(kind, symbology.DEFAULT_COLOUR),
            "width_px": symbology.line_width_px(kind),
            "opacity": symbology.opacity(status),
            "dash": symbology.dash_pattern(status, accuracy),
        }
        if kind in symbology.POINT_KINDS:
            rule.update(radius_px=symbology.POINT_RADIUS_PX[kind],
                        fill_opacity=symbology.point_fill_opacity(status), dash=None)
        rules[(kind, status, hypothetical)] = rule
    return list(rules.values())


def _qgis_filter(rule: dict[str, Any]) -> str:
    accuracy = ("\"geometry_accuracy\" = 'hypothetical'" if rule["hypothetical"]
                else "coalesce(\"geometry_accuracy\", '') <> 'hypothetical'")
    return (f"\"kind\" = {_qgis_literal(rule['kind'])} AND "
            f"\"status\" = {_qgis_literal(rule['status'])} AND {accuracy}")


def _options(values: dict[str, str]) -> str:
    items = "".join(f'<Option type="QString" name={quoteattr(name)} value={quoteattr(value)}/>'
                    for name, value in values.items())
    return f'<Option type="Map">{items}</Option>'


def _qml_symbol(index: int, rule: dict[str, Any]) -> str:
    if "radius_px" in rule:
        layer = ('<layer class="SimpleMarker" enabled="1" locked="0" pass="0">' + _options({
            "name": "circle",
            "color": _rgba(rule["colour"], rule["fill_opacity"]),
            "outline_color": _rgba(rule["colour"], rule["opacity"]),
            "outline_style": "solid",
            "outline_width": str(rule["width_px"]),
            "outline_width_unit": "Pixel",
            "size": str(2 * rule["radius_px"]),
            "size_unit": "Pixel",
        }) + "</layer>")
        return f'<symbol type="marker" name="{index}" alpha="1" clip_to_extent="1">{layer}</symbol>'
    dash = rule["dash"]
    layer = ('<layer class="SimpleLine" enabled="1" locked="0" pass="0">' + _options({
        "line_color": _rgba(rule["colour"], rule["opacity"]),
        "line_width": str(rule["width_px"]),
        "line_width_unit": "Pixel",
        "line_style": "solid",
        "use_custom_dash": "1" if dash else "0",
        "customdash": ";".join(dash.split()) if dash else "5;2",
        "customdash_unit": "Pixel",
        "capstyle": "round" if rule["hypothetical"] else "flat",
        "joinstyle": "round",
    }) + "</layer>")
    return f'<symbol type="line" name="{index}" alpha="1" clip_to_extent="1">{layer}</symbol>'


def qml_style(rules: Sequence[dict[str, Any]]) -> str:
    """A QGIS style document (QML): a rule-based renderer with one rule per entry of
    ``rules`` (:func:`style_rules`)."""
    rule_xml = "".join(
        f'<rule key="{{rule-{index}}}" symbol="{index}" label={quoteattr(rule["label"])} '
        f"filter={quoteattr(_qgis_filter(rule))}/>"
        for index, rule in enumerate(rules)
    )
    symbols = "".join(_qml_symbol(index, rule) for index, rule in enumerate(rules))
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.28.0" styleCategories="Symbology">'
        '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
        f'<rules key="{{root}}">{rule_xml}</rules><symbols>{symbols}</symbols>'
        "</renderer-v2></qgis>\n"
    )


def _sld_filter(rule: dict[str, Any]) -> str:
    def equal(name: str, value: str) -> str:
        return (f"<ogc:PropertyIsEqualTo><ogc:PropertyName>{name}</ogc:PropertyName>"
                f"<ogc:Literal>{_xml_text(value)}</ogc:Literal></ogc:PropertyIsEqualTo>")

    accuracy = (equal("geometry_accuracy", "hypothetical") if rule["hypothetical"] else
                equal("geometry_accuracy", "hypothetical").replace(
                    "PropertyIsEqualTo", "PropertyIsNotEqualTo"))
    return (f"<ogc:Filter><ogc:And>{equal('kind', rule['kind'])}"
            f"{equal('status', rule['status'])}{accuracy}</ogc:And></ogc:Filter>")


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _css(name: str, value: Any) -> str:
    return f'<se:SvgParameter name="{name}">{value}</se:SvgParameter>'


def _sld_symbolizer(rule: dict[str, Any]) -> str:
    stroke = (_css("stroke", rule["colour"]) + _css("stroke-width", rule["width_px"])
              + _css("stroke-opacity", rule["opacity"]))
    if "radius_px" in rule:
        return (
            "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>"
            f"<se:Fill>{_css('fill', rule['colour'])}{_css('fill-opacity', rule['fill_opacity'])}"
            f"</se:Fill><se:Stroke>{stroke}</se:Stroke></se:Mark>"
            f"<se:Size>{2 * rule['radius_px']}</se:Size></se:Graphic></se:PointSymbolizer>"
        )
    if rule["dash"]:
        stroke += _css("stroke-dasharray", rule["dash"])
    return f"<se:LineSymbolizer><se:Stroke>{stroke}</se:Stroke></se:LineSymbolizer>"


def sld_style(table: str, rules: Sequence[dict[str, Any]]) -> str:
    """The same rules as OGC Symbology Encoding 1.1 (SLD), for tools that read SLD."""
    body = "".join(
        f"<se:Rule><se:Name>{_xml_text(rule['label'])}</se:Name>{_sld_filter(rule)}"
        f"{_sld_symbolizer(rule)}</se:Rule>"
        for rule in rules
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" '
        'xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.opengis.net/sld '
        'http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">'
        f"<NamedLayer><se:Name>{_xml_text(table)}</se:Name><UserStyle>"
        f"<se:Name>{STYLE_NAME}</se:Name><se:FeatureTypeStyle>{body}</se:FeatureTypeStyle>"
        "</UserStyle></NamedLayer></StyledLayerDescriptor>\n"
    )


def layer_styles_table(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, geometry_column: str
) -> pandas.DataFrame:
    """QGIS's ``layer_styles`` rows: one default style per layer table.

    Parameters
    ----------
    layers : sequence of Layer
        The layers written, each as a table named by its id.
    frame : geopandas.GeoDataFrame
        The export frame (columns ``layer``, ``kind``, ``status``, ``geometry_accuracy``).
    geometry_column : str
        The name of the tables' geometry column (QGIS matches it).
    """
    rows = []
    for layer in layers:
        rules = style_rules(frame[frame["layer"] == layer.id])
        rows.append({
            "f_table_catalog": "", "f_table_schema": "", "f_table_name": layer.id,
            "f_geometry_column": geometry_column, "styleName": STYLE_NAME,
            "styleQML": qml_style(rules), "styleSLD": sld_style(layer.id, rules),
            "useAsDefault": True,
            "description": f"{layer.name}: colour by kind, dashes by status (as caspian map)",
            # QGIS orders a table's styles by update_time when it loads one, so the column
            # must exist; left empty, the file stays the same bytes from one export to the next
            "owner": "", "ui": "", "update_time": pandas.NaT,
        })
    frame = pandas.DataFrame(rows, columns=list(LAYER_STYLE_COLUMNS))
    return frame.astype({"update_time": "datetime64[ms]"})


def with_country_lengths(
    part: geopandas.GeoDataFrame, settings: Settings
) -> geopandas.GeoDataFrame:
    """``part`` with a ``length_km_<ISO3>`` column per country its lines cross, and
    ``length_km_sea`` for the part at sea, in the order of the codes (kilometres on
    ``settings.ellps``, rounded to 3 decimals; 0 where a line does not enter the country,
    NaN for points).

    The split is :func:`caspian.layers.metrics.metrics_frame`'s (``by_country=True``), the
    one ``caspian metrics --by country`` prints.
    """
    table = metrics_frame(part[["id", "geometry"]], settings, by_country=True)
    splits = [dict(split or {}) for split in table["by_country_km"]]
    codes = sorted({code for split in splits for code in split if code != "sea"})
    codes += ["sea"] if any("sea" in split for split in splits) else []
    lines = np.asarray(part.geom_type.str.contains("LineString"), dtype=bool)
    result = part.copy()
    for code in codes:
        values = [round(float(split.get(code, 0.0)), 3) for split in splits]
        result[f"{COUNTRY_COLUMN_PREFIX}{code}"] = np.where(lines, values, np.nan)
    return result.set_geometry(part.geometry.name)
