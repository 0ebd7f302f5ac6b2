"""Strict validation and reading of a user's GeoJSON (5,000 lines, 500,000 vertices), against
baselines measured in the same run: a plain ``json.loads`` of the same text and
``pyogrio.read_dataframe`` (GDAL's reader, which checks far less).

The strict reader pauses the cyclic garbage collector while it parses (see
``caspian.layers.io.userdata``), so it can finish before a plain ``json.loads`` with the collector
running does: a ratio below 1 to ``json_loads`` is expected, not a broken baseline.

Run with ``make bench``; the ratios are stored in each benchmark's ``extra_info``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from random_walks import write_random_walks

N_FEATURES = 5_000
N_VERTICES = 500_000

_MEANS: dict[str, float] = {}


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "big.geojson"
    return write_random_walks(path, N_FEATURES, N_VERTICES, seed=5_000, name="Ələt")


def _record(benchmark, name: str) -> None:
    _MEANS[name] = benchmark.stats.stats.mean
    for baseline in ("json_loads", "pyogrio_read"):
        if baseline in _MEANS and name != baseline:
            benchmark.extra_info[f"ratio_to_{baseline}"] = round(
                _MEANS[name] / _MEANS[baseline], 2)


def test_baseline_json_loads(benchmark, big_file: Path) -> None:
    text = big_file.read_text(encoding="utf-8")
    doc = benchmark.pedantic(json.loads, args=(text,), rounds=3)
    assert len(doc["features"]) == N_FEATURES
    _record(benchmark, "json_loads")


def test_baseline_pyogrio_read(benchmark, big_file: Path) -> None:
    import pyogrio

    frame = benchmark.pedantic(pyogrio.read_dataframe, args=(big_file,), rounds=3)
    assert len(frame) == N_FEATURES
    _record(benchmark, "pyogrio_read")


def test_validate_geojson(benchmark, big_file: Path) -> None:
    from caspian.layers.io.userdata import validate_geojson

    problems = benchmark.pedantic(validate_geojson, args=(big_file,), rounds=3)
    assert problems == []
    _record(benchmark, "validate")


def test_read_user_geojson(benchmark, big_file: Path) -> None:
    from caspian.layers.io.userdata import read_user_geojson

    frame = benchmark.pedantic(read_user_geojson, args=(big_file,), rounds=3)
    assert len(frame) == N_FEATURES
    _record(benchmark, "read")
