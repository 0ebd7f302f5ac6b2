"""``caspian export``: writes the requested format, and bad requests exit 2 with one line and
no file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run_cli as _run


def test_export_one_layer_as_geojson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "btc.geojson"
    code, out, err = _run(["export", "btc_pipeline", "--format", "geojson", "-o", str(path)],
                          capsys)
    assert (code, out, err) == (0, f"wrote {path}\n", "")
    doc = json.loads(path.read_text("utf-8"))
    assert {f["properties"]["layer"] for f in doc["features"]} == {"btc_pipeline"}
    assert "btc_pipeline/btc" in [f["id"] for f in doc["features"]]


def test_export_split_writes_one_file_per_layer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["export", "btc_pipeline", "--format", "csv", "--split",
                         "-o", str(tmp_path)], capsys)
    assert code == 0
    assert out == f"wrote {tmp_path / 'btc_pipeline.csv'}\n"


def test_unknown_layer_exits_two_with_one_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.kml"
    code, out, err = _run(["export", "atlantis", "--format", "kml", "-o", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("caspian: error: unknown layer 'atlantis'; valid layers: ")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder_exits_two_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "absent" / "x.gpkg"
    code, _, err = _run(["export", "btc_pipeline", "--format", "gpkg", "-o", str(path)], capsys)
    assert code == 2
    assert err == (f"caspian: error: folder {path.parent} does not exist; create it first or "
                   "choose another path\n")


def test_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["export", "--format", "shp", "-o", str(tmp_path / "x.shp")], capsys)
    assert code == 2
    assert "'shp' is not one of 'geojson', 'gpkg', 'kml', 'csv', 'parquet'" in err


def test_installed_command_prints_no_traceback_for_a_folder_target(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "caspian.maps", "export", "btc_pipeline", "--format", "kml",
         "-o", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is a folder; give a file name" in result.stderr
    assert "add --split" in result.stderr


def test_format_is_inferred_from_the_output_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "btc.kml"
    code, out, _ = _run(["export", "btc_pipeline", "-o", str(path)], capsys)
    assert (code, out) == (0, f"wrote {path}\n")
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<kml")
