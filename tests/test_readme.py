"""The README's examples run as written and its facts match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from caspian.layers.catalog.loading import layer_ids

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
    from caspian.maps.cli.main import cli
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["metrics"])
    assert result.exit_code == 0
    assert result.output.strip() in README, "regenerate the README's metrics table"


def _shipped_file_commands() -> list[str]:
    """The command-line examples that read a file shipped in the checkout."""
    (block,) = re.findall(r"## Command line\n\n```sh\n(.*?)```", README, flags=re.S)
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [line for line in lines if "docs/examples/" in line or "tests/data/" in line]


@pytest.mark.parametrize("command", _shipped_file_commands())
def test_command_line_example_with_a_shipped_file_runs(command: str, tmp_path: Path,
                                                       monkeypatch) -> None:
    import shlex

    from caspian.maps.cli.main import cli
    from click.testing import CliRunner

    monkeypatch.chdir(tmp_path)  # outputs land here; the inputs are named from the checkout
    args = [str(ROOT / arg) if arg.startswith(("docs/examples/", "tests/data/")) else arg
            for arg in shlex.split(command)[1:]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip() or list(tmp_path.iterdir())


def test_the_example_routes_file_is_valid_and_built_from_catalog_points() -> None:
    import json

    from caspian.layers.catalog.loading import load_catalog

    example_file = ROOT / "docs" / "examples" / "my_routes.geojson"
    example = json.loads(example_file.read_text(encoding="utf-8"))
    ports = {tuple(f["geometry"]["coordinates"]) for layer in load_catalog(
        ["aktau_port", "baku_port"]).values() for f in layer.features}
    for feature in example["features"]:
        coords = feature["geometry"]["coordinates"]
        points = [coords] if feature["geometry"]["type"] == "Point" else coords
        assert {tuple(point) for point in points} <= ports
