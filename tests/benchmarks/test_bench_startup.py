"""Start-up of the command line, against importing geopandas and folium (``make bench``).

A user who types ``caspian --help`` or ``caspian layers`` waits for the interpreter and
what the command imports. The baseline, measured in the same run, is a fresh interpreter that
imports geopandas and folium, the libraries a map-and-measure tool cannot avoid for its real
work. Targets: ``--help`` ≤ 0.15×, ``layers`` ≤ 0.2× of it. Every run is a new process, so
the operating system's file cache is warm for all three alike after the first round.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from timing_report import report_times

ROUNDS = 5

#: Each measurement's command line (after ``python``).
COMMANDS: dict[str, list[str]] = {
    "import_geopandas_folium": ["-c", "import geopandas, folium"],
    "caspian_help": ["-m", "caspian.maps", "--help"],
    "caspian_layers": ["-m", "caspian.maps", "layers"],
}

#: Ratio of each command to the baseline that the project holds itself to.
TARGETS = {"caspian_help": 0.15, "caspian_layers": 0.2}

_TIMES: dict[str, float] = {}


def _run(arguments: list[str]) -> None:
    subprocess.run([sys.executable, *arguments], check=True, capture_output=True)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_bench_startup(benchmark: Any, name: str) -> None:
    _run(COMMANDS[name])  # compile and cache the byte code once, outside the timing
    benchmark.pedantic(_run, args=(COMMANDS[name],), rounds=ROUNDS, iterations=1)
    _TIMES[name] = benchmark.stats.stats.min


def test_bench_startup_report(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Print each command's time as a ratio of the baseline, beside its target."""
    benchmark(lambda: None)
    assert "import_geopandas_folium" in _TIMES, "run the whole module: the baseline first"
    baseline = _TIMES["import_geopandas_folium"]
    ratios = {
        f"{name}_over_import (target <= {target})": _TIMES[name] / baseline
        for name, target in TARGETS.items() if name in _TIMES
    }
    report_times(benchmark, capsys, "start-up bench", _TIMES, ratios)
