"""``caspian metrics --file 'rail/*.parquet' --workers N``: the same kernel on a dask cluster.

GeoParquet files are cut into parts of whole row groups (:class:`~caspian.layers.userfiles.
FilePart`, about :data:`ROWS_PER_PART` features each); every part is read, checked and
measured on a worker by :func:`part_metrics` — the kernel of a single process
(:func:`caspian.layers.metrics.batches_metrics`), with the features numbered as in the whole
file — and the parts come back in file order. So the result equals the single-process one.

The cluster is a local one of ``workers`` processes on the loopback interface, or an existing
``dask.distributed`` scheduler (``tcp://HOST:8786``) whose workers see the same paths (a
shared file system). dask's ``distributed`` is the optional extra ``caspian-gis[scale]``,
imported only here.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.errors import DependencyMissingError, InputError
from caspian.geo.settings import Settings
from caspian.layers.fileio import display_path
from caspian.layers.userfiles import FilePart, user_format

if TYPE_CHECKING:
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
    import pyarrow.parquet

    paths = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
    if not paths:
        raise InputError(f"{display_path(pattern)}: no file matches; check the pattern")
    parts = []
    for path in paths:
        if user_format(path).reader != "parquet":
            raise InputError(f"{display_path(path)}: --workers reads GeoParquet files; convert "
                             "it (ogr2ogr -f Parquet out.parquet in) or drop --workers")
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


def part_metrics(part: FilePart, settings: Settings | None, by_country: bool) -> Any:
    """The metrics of one part (runs on a worker): read, checked and measured as
    :func:`caspian.layers.metrics.file_metrics` does a whole file."""
    from caspian.layers.metrics import batches_metrics
    from caspian.layers.userfiles import user_batches

    return batches_metrics(user_batches(part.path, part=part), settings,
                           by_country=by_country, layer=display_path(Path(part.path).stem))


def cluster_file_metrics(
    pattern: str,
    settings: Settings | None = None,
    *,
    by_country: bool = False,
    workers: int = 2,
    scheduler: str | None = None,
) -> pandas.DataFrame:
    """:func:`caspian.layers.metrics.file_metrics` of GeoParquet files, part by part on a
    dask cluster.

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

    Raises
    ------
    DependencyMissingError
        ``distributed`` is not installed.
    InputError
        As :func:`file_parts`, or a problem in a feature (the first part's first one).
    """
    import pandas

    parts = file_parts(pattern)
    with _Cluster(workers, scheduler) as client:
        futures = client.map(part_metrics, parts, settings=settings, by_country=by_country,
                             pure=False)
        frames = client.gather(futures)
    frames = [frame for frame in frames if frame is not None]
    if not frames:
        raise InputError(f"{display_path(pattern)}: the files hold no features; add some")
    return pandas.concat(frames, ignore_index=True)


class _Cluster:
    """A ``distributed.Client`` and the local cluster it may own, closed together."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        try:
            import distributed
        except ImportError as exc:
            raise DependencyMissingError(
                "--workers and --scheduler need dask's distributed; install it with: "
                "pip install 'caspian-gis[scale]'"
            ) from exc
        self.cluster = None
        if scheduler is None:
            # Loopback only: a local cluster is nobody else's business.
            self.cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None,
            )
            self.client = distributed.Client(self.cluster)
        else:
            try:
                self.client = distributed.Client(scheduler, timeout="10s")
            except OSError as exc:
                raise InputError(f"no dask scheduler answers at {scheduler} ({exc}); start "
                                 "one (dask scheduler) or check the address") from None

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
