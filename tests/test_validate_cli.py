"""``caspian validate FILE``: ok line and exit 0 when clean, one line per problem and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run_cli as _run


def _point_feature(lon: float, lat: float, fid: str) -> dict:
    return {"type": "Feature", "id": fid, "properties": {"name": "Ələt"},
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def test_clean_file_prints_ok_with_feature_count_and_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ok.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _point_feature(49.407, 39.948, "a"), _point_feature(51.15, 43.65, "b")]}), "utf-8")
    code, out, err = _run(["validate", str(path)], capsys)
    assert (code, out, err) == (0, "ok: 2 features\n", "")


def test_every_problem_is_one_line_prefixed_by_file_and_feature_and_exit_is_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _point_feature(49.407, 39.948, "a"),
        _point_feature(39.948, 139.407, "b"),
        _point_feature(51.15, 43.65, "a"),
    ]}), "utf-8")
    code, out, _ = _run(["validate", str(path)], capsys)
    assert code == 2
    assert out.splitlines() == [
        f"{path}: feature 1 (id 'b'): geometry.coordinates has latitude 139.407, beyond ±90: "
        "coordinates look swapped: GeoJSON is [lon, lat]; swap the two numbers",
        f"{path}: feature 2 (id 'a'): duplicate id 'a' (feature 0 has it too); "
        "give every feature its own id",
    ]


def test_invalid_json_reports_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}\n', "utf-8")
    code, out, _ = _run(["validate", str(path)], capsys)
    assert code == 2
    assert out == (f"{path}: invalid JSON at line 2 column 15: Expecting value; "
                   "fix the syntax (a JSON linter shows the spot)\n")


def test_missing_file_exits_two_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "absent.geojson"
    code, out, _ = _run(["validate", str(path)], capsys)
    assert (code, out) == (2, f"{path}: file not found; check the path\n")


def test_json_format_lists_problems_as_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(_point_feature(200.0, 40.0, "x")), "utf-8")
    code, out, _ = _run(["validate", "--format", "json", str(path)], capsys)
    assert code == 2
    records = json.loads(out)
    assert [(r["file"], r["index"], r["id"]) for r in records] == [(str(path), 0, "x")]
    assert "longitude 200, beyond ±180" in records[0]["message"]


def test_null_geometry_is_accepted_with_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "null.geojson"
    path.write_text(json.dumps({"type": "Feature", "geometry": None, "properties": {}}), "utf-8")
    assert _run(["validate", str(path)], capsys)[0] == 2
    assert _run(["validate", "--allow-null-geometry", str(path)], capsys)[:2] == (
        0, "ok: 1 feature\n")


def test_installed_command_exits_two_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "nan.geojson"
    path.write_text('{"type": "Point", "coordinates": [NaN, 40]}', "utf-8")
    result = subprocess.run([sys.executable, "-m", "caspian.maps", "validate", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == (f"{path}: feature 0: geometry.coordinates holds NaN, not a finite "
                             "number; remove or correct the vertex\n")
