"""Hostile inputs get one line and exit 2 (or are read correctly), never a traceback or a hang:
files that are not regular files, invalid Unicode, wrongly shaped catalog properties, booleans,
numeric ids, streams that cannot take our text, absurd numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from caspian.layers.io.fileio import InputFileError, read_input_bytes
from caspian.layers.io.userdata import validate_geojson
from hostile_support import LINE, one_error_line, run, user_file

READERS = [("validate",), ("metrics", "--file"), ("map", "aktau_port", "-o", "/dev/null",
                                                 "--add")]


def _reader_args(reader: tuple[str, ...], path: str) -> list[str]:
    if reader[0] == "map":
        return ["map", "aktau_port", "--add", path, "-o", os.devnull]
    return [*reader, path]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r[0])
def test_a_fifo_as_input_is_refused_without_waiting(tmp_path: Path,
                                                    reader: tuple[str, ...]) -> None:
    fifo = tmp_path / "in.geojson"
    os.mkfifo(fifo)
    result = run(*_reader_args(reader, str(fifo)), timeout=30)
    if reader[0] == "validate":
        assert result.returncode == 2 and b"FIFO" in result.stdout
    else:
        assert "is a FIFO (named pipe), not a regular file" in one_error_line(result)


@pytest.mark.parametrize("name", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_as_input_is_refused_before_reading(name: str) -> None:
    line = one_error_line(run("metrics", "--file", name, timeout=30))
    assert "is a character device, not a regular file" in line


def test_a_file_larger_than_the_bound_is_refused_at_its_first_byte(tmp_path: Path) -> None:
    huge = tmp_path / "huge.geojson"
    with huge.open("wb") as handle:
        handle.truncate(600 * 2**20)  # sparse: 600 MiB on paper, nothing on disk
    # too large to read whole, so streamed: refused at the first byte, not read to the end
    line = one_error_line(run("metrics", "--file", str(huge)))
    assert line.endswith("huge.geojson: invalid JSON at line 1 column 1: Expecting value; fix "
                         "the syntax (a JSON linter shows the spot)")
    with pytest.raises(InputFileError, match="file is 600 MiB; caspian reads files up to 512"):
        read_input_bytes(huge)


def test_the_bound_holds_for_a_library_caller_too(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_bytes(b"{" + b" " * 100 + b"}")
    with pytest.raises(InputFileError, match="up to 0 MiB"):
        read_input_bytes(path, max_bytes=50)


def _messages(doc: Any) -> list[str]:
    return [problem.message for problem in validate_geojson(json.dumps(doc).encode())]


def _feature(properties: Any = None, **members: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties or {}, "geometry": LINE, **members}


@pytest.mark.parametrize(
    "feature, where",
    [
        (_feature({"name": "a\ud800b"}), "properties.name holds \\ud800"),
        (_feature({"\udfff": 1}), "properties key '\\udfff' holds \\udfff"),
        (_feature({"deep": [{"x": ["\udbff"]}]}), "properties.deep[0].x[0] holds \\udbff"),
        (_feature(id="id\ud83d"), "id holds \\ud83d"),
    ],
)
def test_lone_surrogates_anywhere_are_reported_by_validate(feature: dict[str, Any],
                                                           where: str) -> None:
    (message,) = _messages(feature)
    assert message.startswith(where) and "not valid Unicode" in message


def test_a_lone_surrogate_refused_by_metrics_and_map_alike(tmp_path: Path) -> None:
    path = user_file(tmp_path, {"name": "\ud800"})
    for reader in READERS[1:]:
        assert "lone surrogate" in one_error_line(run(*_reader_args(reader, str(path))))


def test_a_valid_astral_character_written_as_a_surrogate_pair_is_fine() -> None:
    assert _messages(_feature({"name": "\U0001f6a2 ship"})) == []


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r[0])
def test_a_file_name_in_a_legacy_encoding_is_shown_not_fatal(tmp_path: Path,
                                                             reader: tuple[str, ...]) -> None:
    data = json.dumps({"type": "Feature", "properties": {}, "geometry": LINE}).encode()
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.geojson"  # Latin-1 "café"
    with open(raw_name, "wb") as handle:
        handle.write(data)
    args: list[str | bytes] = [*(_reader_args(reader, "X"))]
    args[args.index("X")] = raw_name
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "published, expected",
    [
        ([{"value": 100, "by_country_km": "AZE 50"}], "by_country_km is the string"),
        ([{"value": 100, "by_country_km": ["AZE", 50]}], "by_country_km is a list of 2"),
        ([{"value": 100, "by_country_km": {"AZE": "50"}}], "by_country_km.AZE is the string"),
        ([{"value": 100, "by_country_km": {"AZE": True}}], "AZE is true, a boolean"),
        ([{"value": 100, "by_country_km": {"AZE": -5}}], "AZE is -5; it must not be negative"),
        ([{"value": True}], "value is true, a boolean, not a number"),
        ([{"value": "1768"}], "value is the string '1768', not a number"),
        (["1768 km"], "published_length_km[0] is the string '1768 km', not an object"),
        ([{"source": "bp"}], "published_length_km[0] is missing value"),
        ("1768 km", "published_length_km is the string '1768 km', not a number"),
        (True, "published_length_km is true, a boolean, not a number"),
        (0, "published_length_km is 0; it must be a positive number"),
    ],
)
def test_catalog_style_properties_of_the_wrong_shape_are_reported(published: Any,
                                                                  expected: str) -> None:
    (message,) = _messages(_feature({"published_length_km": published}))
    assert expected in message and "docs/catalog-schema.md" in message


@pytest.mark.parametrize("published", [[{"value": 100, "by_country_km": {"AZE": 50}}], 100,
                                       None, []])
def test_catalog_style_properties_of_the_right_shape_are_measured(tmp_path: Path,
                                                                  published: Any) -> None:
    path = user_file(tmp_path, {"published_length_km": published})
    result = run("metrics", "--file", str(path), "--by", "country", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


@pytest.mark.parametrize("feature_id", [7, 0, -3, 1.5, 1e3, 10**30])
def test_numeric_ids_allowed_by_rfc_7946_are_accepted(tmp_path: Path, feature_id: Any) -> None:
    path = user_file(tmp_path, feature_id=feature_id)
    assert validate_geojson(path) == []
    result = run("metrics", "--file", str(path), "--format", "json")
    assert json.loads(result.stdout)[0]["feature"] == str(feature_id)


@pytest.mark.parametrize("feature_id", [True, None, [1], {"a": 1}])
def test_ids_that_are_not_strings_or_numbers_are_reported(feature_id: Any) -> None:
    feature = _feature(id=feature_id)
    (message,) = _messages(feature)
    assert message.startswith("id is ") and "strings or numbers" in message


@pytest.mark.parametrize("text", ["1e400", "-1e999", "1" * 400])
def test_an_id_too_large_for_any_reader_is_not_called_a_non_number(text: str) -> None:
    body = '{"type": "Feature", "id": ' + text + ', "properties": {}, "geometry": {"type": '
    body += '"Point", "coordinates": [49, 40]}}'
    (problem,) = validate_geojson(body.encode())
    assert "a number no reader can hold exactly; write the id as a string" in problem.message


@pytest.mark.parametrize(
    "position, shown",
    [
        ([180.0000001, 40], "longitude 180.0000001, beyond ±180"),
        ([-180.00000001, 40], "longitude -180.00000001, beyond ±180"),
        ([49, 90.0000001], "latitude 90.0000001, beyond ±90"),
        ([1e20, 40], "[1e+20, 40]: that looks like a projected CRS"),
    ],
)
def test_absurd_numbers_get_messages_that_do_not_contradict_themselves(position: list[float],
                                                                       shown: str) -> None:
    feature = _feature(geometry={"type": "Point", "coordinates": position})
    feature["geometry"] = {"type": "Point", "coordinates": position}
    (message,) = _messages(feature)
    assert shown in message


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1251"])
@pytest.mark.parametrize("command", [("cite", "btc_pipeline"), ("layers",),
                                     ("metrics", "--format", "csv")])
def test_stdout_that_cannot_take_our_text_gets_escapes_not_a_traceback(
        encoding: str, command: tuple[str, ...]) -> None:
    result = run(*command, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    # Valid in that encoding; click takes an ASCII stream for a misconfigured one and writes
    # UTF-8 there instead.
    result.stdout.decode("utf-8" if encoding == "ascii" else encoding)


def test_an_error_line_with_cyrillic_survives_a_latin1_stderr(tmp_path: Path) -> None:
    result = run("metrics", "--file", str(tmp_path / "маршрут.geojson"),
                 env={"PYTHONIOENCODING": "latin-1"})
    line = one_error_line(result)
    assert "\\u043c\\u0430" in line and "file not found" in line


@pytest.mark.parametrize("command", ["caspian --version", "caspian layers",
                                     "caspian metrics --format json", "caspian cite btc_pipeline"])
def test_a_closed_pipe_ends_quietly_with_exit_0(command: str) -> None:
    script = command.replace("caspian", f"{sys.executable} -m caspian.maps", 1)
    result = subprocess.run(["bash", "-c", f"{script} | true; echo ${{PIPESTATUS[0]}}"],
                            capture_output=True, timeout=60)
    assert result.stdout == b"0\n"
    assert result.stderr == b""


def test_bare_caspian_prints_the_whole_help() -> None:
    result = run()
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("Usage: caspian [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in text and "validate" in text
    assert len(text.splitlines()) > 10


@pytest.mark.parametrize(
    "head, said",
    [
        (b"\x1f\x8b\x08\x00", "gzip-compressed"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive"),
        (b"SQLite format 3\x00\x10\x00", "a SQLite database (a GeoPackage?)"),
        (b"PAR1\x15\x04", "a Parquet file"),
        (b"\x00\x00\x27\x0a\x00\x00", "a shapefile's .shp"),
        # these two were "not UTF-8: byte 0x.. at line 1 ...: save the file again as UTF-8"
        # and "invalid JSON at line 1 column 1": true, but no help
        (b"fgb\x03fgb\x00\x10\x00", "a FlatGeobuf file"),
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<kml', "XML (KML, GPX or OSM?)"),
        (b'\xef\xbb\xbf<kml xmlns="http://www.opengis.net/kml/2.2">', "XML (KML, GPX or OSM?)"),
        (b"\n  <!DOCTYPE html><html><title>502 Bad Gateway", "an HTML page"),
    ],
)
def test_a_binary_file_given_as_geojson_is_named_with_the_conversion(tmp_path: Path,
                                                                     head: bytes,
                                                                     said: str) -> None:
    path = tmp_path / "data.geojson"
    path.write_bytes(head + bytes(range(256)))
    (problem,) = validate_geojson(path)
    assert problem.message.startswith(f"not GeoJSON: the file is {said}")
    assert said in one_error_line(run("metrics", "--file", str(path)))


@pytest.mark.parametrize("ring", [
    [[179, 50], [-179, 50], [-179, 51], [179, 51], [179, 50]],
    [[-170, -10], [170, -10], [170, 10], [-170, 10], [-170, -10]],
])
def test_a_polygon_across_the_antimeridian_uncut_is_reported(ring: list[list[float]]) -> None:
    feature = _feature(geometry={"type": "Polygon", "coordinates": [ring]})
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    (message,) = _messages(feature)
    assert "crosses the antimeridian uncut" in message and "RFC 7946" in message


def test_a_wide_polygon_whose_edges_say_the_long_way_is_fine() -> None:
    ring = [[-100, 0], [0, 0], [100, 0], [100, 10], [0, 10], [-100, 10], [-100, 0]]
    feature = _feature()
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    assert _messages(feature) == []
