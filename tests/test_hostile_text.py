"""Text from data cannot act on what shows it: terminal escapes, forged rows, spreadsheet
formulas."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import pytest
from caspian.layers.catalog.loading import load_layer, parse_layer
from caspian.layers.export.layers import write_layers
from caspian.layers.io.safe_text import csv_cell, terminal_text
from caspian.maps.cli.formatting import render_csv, render_json, render_table
from hostile_support import one_error_line, run, user_file
from hypothesis import given
from hypothesis import strategies as st

# Bytes a terminal acts on: C0 controls but the final newline, DEL, UTF-8 encoded C1 controls,
# bidirectional overrides.
RAW_CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|"
                         rb"\xe2\x81[\xa6-\xa9]")

PAYLOADS = [
    "\x1b[2J\x1b[H",            # clear the screen
    "\x1b]0;owned\x07",         # set the window title
    "ok\rFAKE",                 # carriage return overwrites the line
    "a\nlayer  forged  row",    # a newline forges a table row
    "\x9b31m",                  # C1 CSI
    "\u202egnp.exe",            # right-to-left override
    "tab\there\x7f",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_metrics_table_escapes_control_characters_from_feature_ids(tmp_path: Path,
                                                                  payload: str) -> None:
    path = user_file(tmp_path, feature_id=payload)
    result = run("metrics", "--file", str(path))
    assert result.returncode == 0
    assert not RAW_CONTROL.search(result.stdout), result.stdout
    assert len(result.stdout.splitlines()) == 3  # header, rule, one row: nothing forged


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_validate_output_escapes_control_characters_from_keys(tmp_path: Path,
                                                             payload: str) -> None:
    path = user_file(tmp_path, {payload: float("nan")})  # NaN: a problem that names the key
    result = run("validate", str(path))
    assert result.returncode == 2
    assert b"is NaN" in result.stdout
    assert not RAW_CONTROL.search(result.stdout)


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_an_error_line_escapes_control_characters_in_a_file_name(tmp_path: Path,
                                                                 payload: str) -> None:
    line = one_error_line(run("metrics", "--file", str(tmp_path / f"{payload}.geojson")))
    assert "file not found" in line
    assert not RAW_CONTROL.search(line.encode())


def test_json_output_escapes_the_controls_json_dumps_leaves_raw() -> None:
    text = render_json([{"name": "x\x9b2J\u202ey\x7f", "n": -1}])
    assert not RAW_CONTROL.search(text.encode())
    assert json.loads(text) == [{"name": "x\x9b2J\u202ey\x7f", "n": -1}]


def test_terminal_text_keeps_cyrillic_and_azerbaijani_as_they_are() -> None:
    assert terminal_text("Баку–Тбилиси, Şəki, İskenderun") == "Баку–Тбилиси, Şəki, İskenderun"


def test_a_table_header_from_data_is_escaped_too() -> None:
    table = render_table([{"a\x1b[31m": 1}])
    assert "\x1b" not in table and "a\\x1b[31m" in table


@pytest.mark.parametrize("formula", [
    "=HYPERLINK(\"http://evil\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1",
    "\r=1+1",
    # LibreOffice's "Trim spaces" strips these spaces, then runs the formula
    " =1+1", "   @SUM(A1:A9)", " -2+3",
    # OWASP's list names the line feed
    "\n=1+1",
    # full-width forms, run by Excel in a Japanese environment (OWASP/www-community#1088)
    "\uff1dcmd|' /C calc'!A0", "\uff0b1+1", "\uff0d2+3", "\uff20SUM(A1:A9)", " \uff1d1+1",
])
def test_csv_cells_that_start_like_a_formula_are_neutralised(formula: str) -> None:
    (row,) = list(csv.reader(io.StringIO(render_csv([{"name": formula}]), newline="")))[1:]
    assert row == ["'" + formula]


@pytest.mark.parametrize("text", ["\u200b=1+1", "Baku \u2013 Ceyhan", " 12 km", "a=b", "  "])
def test_csv_cells_no_spreadsheet_runs_pass_unchanged(text: str) -> None:
    # A zero-width space is not what Calc trims (only U+0020) and no spreadsheet is reported
    # to skip it: "\u200b=1+1" is shown as text, so it stays as it is.
    assert csv_cell(text) == text


@pytest.mark.parametrize("value", [-5, -12.5, "-12.5", "+3", "1e-3", "-.5", " -12.5"])
def test_numbers_and_plain_number_text_are_not_mangled(value: object) -> None:
    assert csv_cell(value) == value
    (row,) = list(csv.reader(io.StringIO(render_csv([{"x": value}]))))[1:]
    assert row == [str(value)]


def test_metrics_csv_of_a_hostile_file_has_no_live_formula(tmp_path: Path) -> None:
    path = user_file(tmp_path, {"name": "=1+1", "@evil": "x"}, feature_id="+cmd")
    result = run("metrics", "--file", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert rows[0]["feature"] == "'+cmd" and rows[0]["name"] == "'=1+1"
    assert float(rows[0]["length_km"]) > 0


def test_export_csv_neutralises_formulas_and_keeps_negative_numbers(tmp_path: Path) -> None:
    collection = copy.deepcopy(load_layer("aktau_port").to_geojson())
    properties = collection["features"][0]["properties"]
    properties["name"] = "=WEBSERVICE(\"http://evil\")"
    properties["operator"] = "@operator"
    layer = parse_layer(collection)
    (path,) = write_layers([layer], "csv", tmp_path / "out.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[0]["name"] == "'=WEBSERVICE(\"http://evil\")"
    assert rows[0]["operator"] == "'@operator"
    assert rows[0]["wkt"].startswith("POINT (")


def test_export_csv_header_is_neutralised_too() -> None:
    assert render_csv([{"=cmd": 1}]).splitlines()[0] == "'=cmd"


def test_cite_text_escapes_control_characters_from_the_catalog() -> None:
    from caspian.maps.cli.catalog import _conflict_text

    text = _conflict_text({"topic": "length\x1b[2J", "note": "a\rb", "values": [
        {"value": "1\n768", "unit": "km", "qualifier": None, "source_label": "x\x07"}]})
    assert text == "! length\\x1b[2J:\n    1\\n768 km — x\\x07\n    note: a\\rb"


@given(st.text())
def test_terminal_text_never_lets_a_control_character_through(text: str) -> None:
    assert not RAW_CONTROL.search(terminal_text(text).encode("utf-8", "surrogatepass"))


@given(st.text())
def test_no_csv_cell_starts_a_formula(text: str) -> None:
    cell = csv_cell(text).lstrip(" ")
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b",
                                "\uff0d", "\uff20")) or re.fullmatch(
        r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", cell)


def test_a_nul_in_a_users_property_is_escaped_in_csv_output(tmp_path: Path) -> None:
    # A NUL ends the text in C string tools (grep calls the file binary, Python's csv before
    # 3.11 raised "line contains NUL"): 'metrics --file --format csv' wrote the raw byte.
    path = user_file(tmp_path, {"name": "A\x00B"}, feature_id="x\x00y")
    result = run("metrics", "--file", str(path), "--format", "csv")
    assert b"\x00" not in result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert (rows[0]["feature"], rows[0]["name"]) == ("x\\x00y", "A\\x00B")


def test_a_nul_in_an_exported_property_is_escaped_in_the_csv_file(tmp_path: Path) -> None:
    collection = copy.deepcopy(load_layer("aktau_port").to_geojson())
    collection["features"][0]["properties"]["operator"] = "Port\x00Authority"
    (path,) = write_layers([parse_layer(collection)], "csv", tmp_path / "out.csv")
    assert b"\x00" not in path.read_bytes()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[0]["operator"] == "Port\\x00Authority"


def test_kml_of_a_property_with_controls_xml_forbids_is_well_formed(tmp_path: Path) -> None:
    # XML 1.0 allows no C0 control but tab, LF and CR: write_layers(..., "kml") wrote an
    # operator "Port\x00Auth\x01x" raw, and every XML reader refused the file ("Char 0x0 out
    # of allowed range").
    import xml.etree.ElementTree as ET

    collection = copy.deepcopy(load_layer("aktau_port").to_geojson())
    properties = collection["features"][0]["properties"]
    properties["operator"] = "Port\x00Auth\x01x\tok"
    properties["name"] = "Aktau\x0b"
    (path,) = write_layers([parse_layer(collection)], "kml", tmp_path / "out.kml")
    root = ET.parse(path).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    (operator,) = root.findall(".//k:SimpleData[@name='operator']", ns)
    assert operator.text == "Port\\x00Auth\\x01x\tok"
    assert root.find(".//k:Placemark/k:name", ns).text == "Aktau\\x0b"
