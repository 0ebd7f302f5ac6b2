"""The GeoPackage opens in QGIS styled as the map: QGIS's layer_styles table, read back."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
from caspian.layers.export import symbology
from caspian.layers.export.layers import export_layers

LAYERS = ["btc_pipeline", "green_energy_cable", "zangezur_corridor", "aktau_port"]
SLD = {"se": "http://www.opengis.net/se", "ogc": "http://www.opengis.net/ogc"}


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gpkg") / "caspian.gpkg"
    export_layers("gpkg", path, LAYERS)
    return path


def _styles(gpkg: Path) -> dict[str, dict]:
    table = pyogrio.read_dataframe(gpkg, layer="layer_styles")
    return {row["f_table_name"]: row for row in table.to_dict("records")}


def _qml_rules(qml: str) -> dict[str, dict[str, str]]:
    """Rule filter -> the options of its symbol layer, as QGIS reads them."""
    root = ET.fromstring(qml)
    symbols = {
        symbol.get("name"): {
            option.get("name"): option.get("value")
            for option in symbol.find("layer").find("Option").findall("Option")
        } | {"class": symbol.find("layer").get("class")}
        for symbol in root.iter("symbol")
    }
    return {rule.get("filter"): symbols[rule.get("symbol")] for rule in root.iter("rule")}


def test_every_layer_table_has_a_default_style_on_its_geometry_column(gpkg: Path) -> None:
    styles = _styles(gpkg)
    assert sorted(styles) == sorted(LAYERS)
    for name, row in styles.items():
        # what QGIS's OGR provider matches when it loads a layer's default style
        assert row["f_table_schema"] == ""
        assert row["f_geometry_column"] == pyogrio.read_info(gpkg, layer=name)["geometry_name"]
        assert row["useAsDefault"] == 1
        assert row["styleQML"].startswith("<!DOCTYPE qgis")


def test_the_table_has_qgis_own_columns(gpkg: Path) -> None:
    with sqlite3.connect(gpkg) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(layer_styles)")]
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    # QGIS's loadStyle filters on these and orders by useAsDefault, then update_time
    assert columns[1:13] == ["f_table_catalog", "f_table_schema", "f_table_name",
                             "f_geometry_column", "styleName", "styleQML", "styleSLD",
                             "useAsDefault", "description", "owner", "ui", "update_time"]
    with sqlite3.connect(gpkg) as db:
        (qml,) = db.execute(
            "SELECT styleQML FROM layer_styles WHERE f_table_schema='' "
            "AND f_table_name='btc_pipeline' AND f_geometry_column='geom' "
            "ORDER BY CASE WHEN useAsDefault THEN 1 ELSE 2 END, update_time DESC LIMIT 1"
        ).fetchone()
    assert "RuleRenderer" in qml
    assert kinds["layer_styles"] == "attributes"


def test_qml_draws_btc_solid_black_at_the_maps_width(gpkg: Path) -> None:
    rules = _qml_rules(_styles(gpkg)["btc_pipeline"]["styleQML"])
    line = next(options for rule, options in rules.items() if "'pipeline'" in rule)
    assert line["class"] == "SimpleLine"
    assert line["line_color"] == "26,26,26,242"  # #1a1a1a at the map's 0.95 opacity
    assert line["line_width"] == "4" and line["line_width_unit"] == "Pixel"
    assert line["use_custom_dash"] == "0"
    port = next(options for rule, options in rules.items() if "'point'" in rule)
    assert port["class"] == "SimpleMarker" and port["size"] == "10"  # radius 5 px


def test_qml_dashes_are_the_maps_dashes(gpkg: Path) -> None:
    rules = _qml_rules(_styles(gpkg)["green_energy_cable"]["styleQML"])
    dashes = {"\"geometry_accuracy\" = 'hypothetical'" in rule: options["customdash"]
              for rule, options in rules.items()}
    assert dashes[False] == symbology.STATUS_DASHES["planned"].replace(" ", ";")  # 8;6
    assert dashes[True] == symbology.HYPOTHETICAL_DASH.replace(" ", ";")  # 1;7
    rules = _qml_rules(_styles(gpkg)["zangezur_corridor"]["styleQML"])
    construction = next(o for rule, o in rules.items() if "'construction'" in rule)
    assert construction["customdash"] == "10;4;2;4"
    assert construction["line_color"].startswith("178,24,43,")  # railway red, #b2182b


def test_sld_carries_the_same_colours_and_dashes(gpkg: Path) -> None:
    root = ET.fromstring(_styles(gpkg)["green_energy_cable"]["styleSLD"].encode("utf-8"))
    strokes = [
        {p.get("name"): p.text for p in rule.iterfind(".//se:LineSymbolizer//se:SvgParameter",
                                                      SLD)}
        for rule in root.iterfind(".//se:Rule", SLD)
    ]
    assert {s["stroke"] for s in strokes} == {symbology.KIND_COLOURS["power_cable"]}
    assert {s.get("stroke-dasharray") for s in strokes} == {"8 6", "1 7"}


def test_btc_has_its_length_per_country_summing_to_its_length(gpkg: Path) -> None:
    btc = pyogrio.read_dataframe(gpkg, layer="btc_pipeline")
    line = btc[btc["feature"] == "btc"].iloc[0]
    parts = {column: line[column] for column in btc.columns if column.startswith("length_km_")}
    assert set(parts) >= {"length_km_AZE", "length_km_GEO", "length_km_TUR"}
    assert sum(parts.values()) == pytest.approx(line["length_km"], rel=1e-3)
    # the operator's split is 443 / 249 / 1,076 km: the traced line is near it
    assert line["length_km_TUR"] == pytest.approx(1076, rel=0.1)
    point = btc[btc["feature"] == "psa2"].iloc[0]
    assert point[list(parts)].isna().all()  # points have no length to split
