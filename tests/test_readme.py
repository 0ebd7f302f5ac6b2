"""The README's examples run as written and its facts match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from caspian.layers.catalog import layer_ids

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_python_example_runs(index: int, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(_python_blocks()[index], f"README.md[python {index}]", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_geopackage_example_prints_the_crs_and_a_citation(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    (block,) = [block for block in _python_blocks() if "caspian.gpkg" in block]
    exec(block, {})
    out = capsys.readouterr().out
    assert "EPSG:4326" in out
    assert "btc" in out


def test_layer_table_lists_every_catalog_layer() -> None:
    listed = re.findall(r"^\| `(\w+)` \|", README, flags=re.M)
    assert listed == layer_ids()


def test_readme_shows_the_screenshot_the_browser_test_writes() -> None:
    assert "![The default map, offline](docs/map.png)" in README
    assert (ROOT / "docs" / "map.png").stat().st_size > 10_000


def test_readme_metrics_table_is_the_commands_output() -> None:
    from caspian.maps.cli import cli
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["metrics"])
    assert result.exit_code == 0
    assert result.output.strip() in README, "regenerate the README's metrics table"
