"""``caspian metrics --file 'rail/*.parquet' --workers N``: the same kernel on a dask cluster.

GeoParquet files are cut into parts of whole row groups (:class:`~caspian.layers.io.userfiles.
FilePart`, about :data:`ROWS_PER_PART` features each), the partitions of a dask-geopandas
GeoDataFrame (:func:`partitioned_frame`): every part is read and checked on a worker
(:func:`part_frame`, the features numbered as in the whole file) and measured there by the
kernel of a single process (:func:`caspian.layers.metrics.batches_metrics`, through
``map_partitions``); the partitions come back in file order. So the result equals the
single-process one.

The cluster is a local one of ``workers`` processes on the loopback interface, or an existing
``dask.distributed`` scheduler (``tcp://HOST:8786``) whose workers see the same paths (a
shared file system). dask-geopandas and dask's ``distributed`` are the optional extra
``caspian-gis[scale]``, imported only here.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.errors import InputError
from caspian.geo.settings import Settings
from caspian.layers.io.errors import DependencyMissingError
from caspian.layers.io.fileio import display_path
from caspian.layers.io.userfiles import FilePart, user_batches, user_format
from caspian.layers.metrics import batches_metrics, metrics_frame

if TYPE_CHECKING:
    import geopandas
    import pandas

#: Features a part holds at most (whole row groups are kept together).
ROWS_PER_PART = 100_000


def file_parts(pattern: str, rows_per_part: int = ROWS_PER_PART) -> list[FilePart]:
    """The parts of every GeoParquet file ``pattern`` names (a path or a glob), in order.

    Raises
    ------
    InputError
        No file matches, or a file is not GeoParquet.
    """
    # slow import
    import pyarrow.parquet

    paths = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
    if not paths:
        raise InputError(f"{display_path(pattern)}: no file matches; check the pattern")
    parts = []
    for path in paths:
        if user_format(path).reader != "parquet":
            raise InputError(f"{display_path(path)}: workers= reads GeoParquet files; convert "
                             "it (ogr2ogr -f Parquet out.parquet in) or drop workers=",
                             path=path, reason="not GeoParquet", options=("workers",))
        if not os.path.isfile(path):
            raise InputError(f"{display_path(path)}: file not found; check the path")
        metadata = pyarrow.parquet.ParquetFile(path).metadata
        first_row, groups, rows = 0, [], 0
        for group in range(metadata.num_row_groups):
            groups.append(group)
            rows += metadata.row_group(group).num_rows
            if rows >= rows_per_part or group == metadata.num_row_groups - 1:
                parts.append(FilePart(path, tuple(groups), first_row))
                first_row, groups, rows = first_row + rows, [], 0
    return parts


def part_frame(part: FilePart) -> geopandas.GeoDataFrame:
    """One part as a GeoDataFrame (runs on a worker): read and checked as
    :func:`caspian.layers.io.userfiles.user_batches` reads a whole file, EPSG:4326, the
    features numbered as in the whole file."""
    # slow import
    import pandas

    frames = list(user_batches(part.path, part=part))
    if not frames:
        return _empty_part()
    return frames[0] if len(frames) == 1 else pandas.concat(frames, ignore_index=True)


def _empty_part() -> geopandas.GeoDataFrame:
    # slow import: pandas and GDAL
    import geopandas

    return geopandas.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")


def _partition_metrics(
    frame: geopandas.GeoDataFrame,
    layers: Sequence[str],
    settings: Settings | None,
    by_country: bool,
    partition_info: dict[str, Any] | None = None,
) -> pandas.DataFrame:
    """The single-process kernel (:func:`caspian.layers.metrics.batches_metrics`) on one
    partition, named after its file (dask passes the partition's number)."""
    layer = None if partition_info is None else layers[partition_info["number"]]
    if not len(frame):  # nothing to measure (also dask's own empty sample)
        return metrics_frame(_empty_part(), settings, layer=layer)
    return batches_metrics([frame], settings, by_country=by_country, layer=layer)


def partitioned_frame(parts: Sequence[FilePart]) -> Any:
    """A dask-geopandas GeoDataFrame of ``parts``, one partition each (:func:`part_frame`),
    read lazily on the workers."""
    # optional dependency: extra [scale]
    import dask.dataframe
    import dask_geopandas  # noqa: F401  (registers the GeoDataFrame collection with dask)

    # The columns differ from file to file (the kernel reads what each has): the sample
    # only makes the collection a GeoDataFrame, and is not enforced.
    return dask.dataframe.from_map(part_frame, list(parts), meta=_empty_part(),
                                   enforce_metadata=False)


def cluster_file_metrics(
    pattern: str,
    settings: Settings | None = None,
    *,
    by_country: bool = False,
    workers: int = 2,
    scheduler: str | None = None,
    rows_per_part: int = ROWS_PER_PART,
) -> pandas.DataFrame:
    """:func:`caspian.layers.metrics.file_metrics` of GeoParquet files, part by part on a
    dask cluster: a dask-geopandas GeoDataFrame of the parts (:func:`partitioned_frame`)
    measured partition by partition by the single-process kernel.

    Parameters
    ----------
    pattern : str
        A GeoParquet file or a glob (``rail/*.parquet``); files are taken in sorted order.
    settings : Settings, optional
        ``ellps`` and ``densify_km``.
    by_country : bool
        Also split by country.
    workers : int
        Worker processes of the local cluster (one thread each).
    scheduler : str, optional
        Address of an existing ``dask.distributed`` scheduler; ``workers`` is then ignored.
    rows_per_part : int
        Features a partition holds at most (whole row groups are kept together).

    Raises
    ------
    DependencyMissingError
        dask-geopandas or ``distributed`` is not installed.
    InputError
        As :func:`file_parts`, or a problem in a feature (the first part's first one).
    """
    parts = file_parts(pattern, rows_per_part)
    with _Cluster(workers, scheduler) as client:
        # optional dependency: extra [scale]
        import dask

        layers = [display_path(Path(part.path).stem) for part in parts]
        # Columns of dicts and lists stay Python objects (dask would make them text).
        with dask.config.set({"dataframe.convert-string": False}):
            measured = partitioned_frame(parts).map_partitions(
                _partition_metrics, layers, settings, by_country,
                meta=metrics_frame(_empty_part(), settings), enforce_metadata=False)
            frame = client.compute(measured, sync=True)
    if not len(frame):
        raise InputError(f"{display_path(pattern)}: the files hold no features; add some")
    return frame.reset_index(drop=True)


def _local_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the system has one)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def _check_local_workers(workers: int) -> None:
    """Refuse a local cluster of more worker processes than CPUs (two are always allowed,
    the command line's default): each worker is a process of one thread, so more of them
    cannot measure faster, and a mistyped ``--workers 100000`` would start processes until
    the machine gave out instead of answering."""
    cpus = _local_cpus()
    if workers > max(2, cpus):
        raise InputError(f"workers={workers} is more worker processes than this machine's "
                         f"{cpus} CPU(s); give workers= {max(2, cpus)} or fewer, or "
                         "scheduler= to use a cluster of several machines",
                         value=workers, reason="more workers than CPUs",
                         options=("workers", "scheduler"))


class _Cluster:
    """A ``distributed.Client`` and the local cluster it may own, closed together."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        try:
            import dask_geopandas  # noqa: F401  (optional dependency, checked here to name the fix)

            # optional dependency: extra [scale]
            import distributed
        except ImportError as exc:
            raise DependencyMissingError(
                "workers= and scheduler= need dask-geopandas and dask's distributed; "
                "install them with: pip install 'caspian-gis[scale]'",
                reason=str(exc), options=("workers", "scheduler"),
            ) from exc
        self.cluster = None
        if scheduler is None:
            _check_local_workers(workers)
            # Loopback only: a local cluster is nobody else's business.
            # Its workers log a failed task with a traceback on our stderr; the error itself
            # comes back to the caller as one line, so their logs are kept to crashes.
            self.cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, silence_logs=logging.CRITICAL,
            )
            self.client = distributed.Client(self.cluster)
        else:
            try:
                self.client = distributed.Client(scheduler, timeout="10s")
            except OSError as exc:
                raise InputError(f"no dask scheduler answers at {scheduler} ({exc}); start "
                                 "one (dask scheduler) or check the address") from None
            except (ValueError, TypeError) as exc:
                # distributed parses the address before it connects: 'garbage', '' or
                # 'tcp://host' (no port) fail there with a ValueError of its own.
                raise InputError(f"scheduler={scheduler!r} is not a dask scheduler address "
                                 f"({exc}); give scheduler= as tcp://HOST:PORT "
                                 "(e.g. tcp://127.0.0.1:8786)", value=scheduler,
                                 reason=str(exc), options=("scheduler",)) from None

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
