"""The closing report of a benchmark module: its timings and the ratios between them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest


def report_times(
    benchmark: Any,
    capsys: pytest.CaptureFixture[str],
    prefix: str,
    times_s: Mapping[str, float],
    ratios: Mapping[str, float],
) -> None:
    """Attach the seconds and ratios to the benchmark's JSON and print them, one a line."""
    benchmark.extra_info.update({k: round(v, 3) for k, v in {**times_s, **ratios}.items()})
    width = max(map(len, [*times_s, *ratios]), default=0)
    with capsys.disabled():
        print()
        for name, seconds in times_s.items():
            print(f"{prefix}: {name:<{width}} {seconds:8.3f} s")
        for name, ratio in ratios.items():
            print(f"{prefix}: {name:<{width}} {ratio:8.2f} x")


def best_time(times_s: dict[str, float], name: str, benchmark: Any,
              function: Callable[[], Any], rounds: int) -> Any:
    """Run ``function`` ``rounds`` times under pytest-benchmark and keep its fastest round in
    ``times_s[name]`` (the closing report's ratios are of fastest rounds)."""
    result = benchmark.pedantic(function, rounds=rounds, iterations=1, warmup_rounds=0)
    times_s[name] = benchmark.stats.stats.min
    benchmark.extra_info["min_s"] = round(times_s[name], 3)
    return result
