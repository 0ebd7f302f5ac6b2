"""``caspian metrics --file 'net/*.parquet' --by country`` on a dask cluster of 1 and 2
workers (``make bench``; needs the extra caspian-gis[scale]).

The network of :mod:`synthetic_network` (10^6 segments) is written as four GeoParquet files;
a local cluster on the loopback interface is started outside the timing (as a running cluster
would be) and the command is pointed at it with ``--scheduler``, as on a real cluster. The
report gives the seconds for each number of workers, the ratio of 2 workers to 1, the single
process beside them, and each worker's peak memory.
"""

from __future__ import annotations

import contextlib
import io
import resource
from typing import Any

import pytest
from synthetic_network import network_frame, write_network
from timing_report import report_times

distributed = pytest.importorskip("distributed", reason="the optional extra caspian-gis[scale]")

SEGMENTS = 1_000_000
FILES = 4
ROUNDS = 2

_TIMES: dict[str, float] = {}
_MEMORY_MB: dict[str, float] = {}


@pytest.fixture(scope="module")
def network_glob(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("net")
    frame = network_frame(SEGMENTS)
    step = -(-len(frame) // FILES)
    for number in range(FILES):
        part = frame.iloc[number * step:(number + 1) * step]
        write_network(part.reset_index(drop=True), folder / f"net-{number}.parquet")
    return str(folder / "net-*.parquet")


def _metrics(pattern: str, *options: str) -> str:
    from caspian.maps.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["metrics", "--file", pattern, "--by", "country", *options])
    return out.getvalue()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def test_bench_dask_one_process_per_file(benchmark: Any, network_glob: str) -> None:
    """The same files measured one after the other in this process (no cluster)."""
    import glob

    paths = sorted(glob.glob(network_glob))
    benchmark.pedantic(lambda: [_metrics(path) for path in paths], rounds=ROUNDS, iterations=1)
    _TIMES["one_process"] = benchmark.stats.stats.min


@pytest.mark.parametrize("workers", [1, 2])
def test_bench_dask_workers(benchmark: Any, network_glob: str, workers: int) -> None:
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        out = benchmark.pedantic(_metrics, args=(network_glob, "--scheduler",
                                                 cluster.scheduler_address),
                                 rounds=ROUNDS, iterations=1)
        peaks = client.run(_peak_rss_mb)
    _TIMES[f"workers_{workers}"] = benchmark.stats.stats.min
    _MEMORY_MB[f"workers_{workers}_peak_mb_per_worker"] = max(peaks.values())
    assert out.count("\n") > SEGMENTS / 49  # a row per way and country at least


def test_bench_dask_report(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    benchmark(lambda: None)
    assert {"workers_1", "workers_2"} <= set(_TIMES), "run the whole module"
    ratios = {"workers_2_over_workers_1": _TIMES["workers_2"] / _TIMES["workers_1"]}
    if "one_process" in _TIMES:
        ratios["workers_1_over_one_process"] = _TIMES["workers_1"] / _TIMES["one_process"]
    report_times(benchmark, capsys, "dask bench", _TIMES, ratios)
    with capsys.disabled():
        for name, megabytes in _MEMORY_MB.items():
            print(f"dask bench: {name} {megabytes:8.0f} MB")
