"""The code in docs/interop.md ("Use the data in QGIS / geopandas") runs as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "interop.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_python_block_runs(index: int, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(_blocks("python")[index], f"{DOC.name}[python {index}]", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_python_examples_print_what_the_doc_promises(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    exec(_blocks("python")[-1], {})
    out = capsys.readouterr().out
    assert "Ələt" in out
    assert "coordinates look swapped: GeoJSON is [lon, lat]" in out
    assert "swapped.geojson: feature 0: geometry.coordinates has latitude 149.407" in out


def test_shell_block_exports_every_format(tmp_path: Path) -> None:
    (script,) = _blocks("sh")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert written == ["caspian.csv", "caspian.gpkg", "caspian.kml", "caspian.parquet",
                       "routes.geojson"]
    assert (tmp_path / "layers" / "btc_pipeline.geojson").is_file()


def test_console_example_is_the_real_validate_output() -> None:
    (block,) = _blocks("console")
    lines = block.strip().splitlines()
    command = lines[0].removeprefix("$ ").split()
    result = subprocess.run([sys.executable, "-m", "caspian.maps", *command[1:]],
                            cwd=ROOT / "tests" / "data", capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2
    assert result.stdout.splitlines() == lines[1:]
