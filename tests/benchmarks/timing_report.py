"""The closing report of a benchmark module: its timings and the ratios between them."""

from __future__ import annotations

from collections.abc import Mapping
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
