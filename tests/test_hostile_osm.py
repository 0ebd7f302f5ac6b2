"""OSM extracts with broken node positions: one line naming the node, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_cli
from osm_fixtures import RAIL_XML


@pytest.mark.parametrize(
    ("attribute", "value", "message"),
    [
        ("lat", "nan", "not a finite number"),
        ("lon", "1e400", "not a finite number"),
        ("lat", "", "a node position is not a number"),
        ("lat", "95", "node 1 is at lon 45.0, lat 95.0, not a position on the globe"),
    ],
)
def test_a_broken_node_position_is_one_line(
    tmp_path: Path, capsys, attribute: str, value: str, message: str
) -> None:
    original = 'lat="39.0000" lon="45.0000"'
    text = Path(RAIL_XML).read_text(encoding="utf-8")
    assert text.count(original) == 1
    broken = tmp_path / "broken.osm"
    broken.write_text(
        text.replace(original, original.replace(
            f'{attribute}="{"39.0000" if attribute == "lat" else "45.0000"}"',
            f'{attribute}="{value}"',
        )),
        encoding="utf-8",
    )
    code, _, err = run_cli(
        ["route", "45.04,39.01", "45.2,39.05", "--mode", "rail", "--osm-file", str(broken)],
        capsys,
    )
    assert code == 2
    assert "Traceback" not in err and "Warning" not in err
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_a_path_name_too_long_for_the_file_system_is_one_line(capsys) -> None:
    code, _, err = run_cli(["ingest", "a" * 300], capsys)
    assert code == 2
    assert "the name is too long" in err and "Traceback" not in err
