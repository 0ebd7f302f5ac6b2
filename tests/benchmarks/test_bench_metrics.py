"""``caspian metrics --file`` on 20,000 features / 1,000,000 vertices, against baselines.

Run with ``make bench``. Every number is relative to baselines measured in the same run:

* the floor: read the file with pyogrio, then one vectorised ``Geod.inv`` over all segments;
* the loop: ``Geod.geometry_length`` called feature by feature.

The ratios are written to the terminal at the end of the run (and to each benchmark's
``extra_info``); docs/metrics.md records the last measured values.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from random_walks import write_random_walks
from timing_report import best_time, report_times

N_FEATURES = 20_000
N_VERTICES = 1_000_000
ROUNDS = 3

# Module-level store of the best time of each measurement, filled as the benchmarks run.
_TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "big.geojson"
    return write_random_walks(path, N_FEATURES, N_VERTICES, seed=20_000)


def _best(name: str, benchmark: Any, function: Callable[[], Any]) -> Any:
    return best_time(_TIMES, name, benchmark, function, ROUNDS)


def _floor(path: Path) -> np.ndarray:
    import pyogrio
    from caspian.geo.geodesy import GEOD

    frame = pyogrio.read_dataframe(path)
    coords = shapely.get_coordinates(frame.geometry.values)
    _, _, dist_m = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    return np.asarray(dist_m)


def _cli_in_process(path: Path, fmt: str) -> str:
    from caspian.maps.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["metrics", "--file", str(path), "--format", fmt])
    return out.getvalue()


def test_bench_floor_pyogrio_read_plus_one_geod_inv(benchmark: Any, big_file: Path) -> None:
    dist_m = _best("floor", benchmark, lambda: _floor(big_file))
    assert dist_m.size == N_VERTICES - 1


def test_bench_metrics_file_command_in_process(benchmark: Any, big_file: Path) -> None:
    """``caspian metrics --file big.geojson`` as a user types it (table output)."""
    out = _best("cli", benchmark, lambda: _cli_in_process(big_file, "table"))
    assert len(out.splitlines()) == N_FEATURES + 2  # header and rule


def test_bench_metrics_file_command_json(benchmark: Any, big_file: Path) -> None:
    out = _best("cli_json", benchmark, lambda: _cli_in_process(big_file, "json"))
    rows = json.loads(out)
    assert len(rows) == N_FEATURES
    assert all(row["length_km"] > 0 for row in rows[:100])


def test_bench_metrics_stages(benchmark: Any, big_file: Path) -> None:
    """Where the command's time goes: strict reading, then measuring."""
    from caspian.layers.io.userdata import read_user_geojson
    from caspian.layers.metrics import metrics_frame

    start = time.perf_counter()
    frame = read_user_geojson(big_file)
    _TIMES["read_user_geojson"] = time.perf_counter() - start
    metrics = _best("metrics_frame", benchmark, lambda: metrics_frame(frame))
    assert len(metrics) == N_FEATURES


def test_bench_vectorised_lengths(benchmark: Any, big_file: Path) -> None:
    import pyogrio
    from caspian.geo.geodesy import geodesic_lengths_m

    geoms = pyogrio.read_dataframe(big_file).geometry.values
    lengths_m = _best("vectorised_lengths", benchmark, lambda: geodesic_lengths_m(geoms))
    assert lengths_m.size == N_FEATURES


def test_bench_per_feature_geometry_length_loop(benchmark: Any, big_file: Path) -> None:
    import pyogrio
    from caspian.geo.geodesy import GEOD, geodesic_lengths_m

    geoms = pyogrio.read_dataframe(big_file).geometry.values
    loop_m = _best("loop", benchmark, lambda: [GEOD.geometry_length(g) for g in geoms])
    # Same numbers as the vectorised path, to the nanometre.
    assert np.allclose(loop_m, geodesic_lengths_m(geoms), rtol=1e-12, atol=1e-9)


def test_bench_metrics_file_subprocess_once(benchmark: Any, big_file: Path) -> None:
    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "caspian.maps", "metrics", "--file", str(big_file)],
            capture_output=True, check=True,
        )

    result = benchmark.pedantic(run, rounds=1, iterations=1)
    _TIMES["cli_subprocess"] = benchmark.stats.stats.min
    assert result.stdout.startswith(b"layer")


def test_bench_catalog_country_split(benchmark: Any) -> None:
    """Per-country split of every catalog line, boundaries already loaded (target < 1 s)."""
    from caspian.geo.countries import split_by_country
    from caspian.layers.boundaries import country_index, load_boundaries
    from caspian.layers.catalog.loading import catalog_frame

    load_boundaries.cache_clear()
    country_index.cache_clear()
    start = time.perf_counter()
    index = country_index()
    _TIMES["country_index_build"] = time.perf_counter() - start
    geoms = catalog_frame().geometry.values
    split = _best("catalog_split", benchmark, lambda: split_by_country(geoms, index))
    assert any("AZE" in row for row in split.by_country_km)


def test_bench_report_ratios(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Print the ratios of this run (needs the benchmarks above to have run first)."""
    benchmark(lambda: None)
    ratios = {}
    if {"cli", "floor"} <= set(_TIMES):
        ratios["cli_over_floor"] = _TIMES["cli"] / _TIMES["floor"]
    if {"cli_json", "floor"} <= set(_TIMES):
        ratios["cli_json_over_floor"] = _TIMES["cli_json"] / _TIMES["floor"]
    if {"loop", "vectorised_lengths"} <= set(_TIMES):
        ratios["loop_over_vectorised_lengths"] = _TIMES["loop"] / _TIMES["vectorised_lengths"]
    if {"loop", "cli"} <= set(_TIMES):
        ratios["loop_over_cli"] = _TIMES["loop"] / _TIMES["cli"]
    if {"metrics_frame", "floor"} <= set(_TIMES):
        ratios["metrics_frame_over_floor"] = _TIMES["metrics_frame"] / _TIMES["floor"]
    report_times(benchmark, capsys, "metrics bench", _TIMES, ratios)
    assert _TIMES, "run the whole module so the baselines are measured in the same run"
