"""`caspian route -o`: the output guard every command shares applies to routes too."""

from __future__ import annotations

import json
import os

import pytest
from cli_support import run_cli


def test_route_output_with_another_formats_suffix_is_refused_and_not_written(
    tmp_path, capsys
) -> None:
    target = tmp_path / "route.gpkg"
    code, _, err = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(target)], capsys)
    assert code == 2
    assert "ends in .gpkg, which is GeoPackage, but this writes GeoJSON" in err
    assert not target.exists() and os.listdir(tmp_path) == []


def test_route_output_never_replaces_a_fifo_with_a_regular_file(tmp_path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(fifo)], capsys)
    assert code == 2 and err.count("\n") == 1
    assert fifo.is_fifo()


def test_route_output_is_a_feature_collection_whose_first_feature_is_the_route(
    tmp_path, capsys
) -> None:
    target = tmp_path / "route.geojson"
    code, _, _ = run_cli(["route", "aktau", "alat", "--mode", "sea", "-o", str(target)], capsys)
    assert code == 0
    collection = json.loads(target.read_text(encoding="utf-8"))
    route = collection["features"][0]
    assert route["properties"]["segment"] == "route"
    assert route["properties"]["from"] == "aktau_port/aktau"
    # the README's sea distance table: Aktau–Alat 472.5 km over water
    assert route["properties"]["length_km"] == pytest.approx(472.5, abs=0.05)
