"""Helpers of the hostile-input tests: run the CLI, write user files, find what was left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

LINE = {"type": "LineString", "coordinates": [[49.87, 40.41], [51.15, 43.65]]}


def run(*args: str | bytes, env: dict[str, str] | None = None, cwd: Path | str = "/",
        timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """``caspian ARGS`` in a new process (bytes in and out, so nothing is decoded for us)."""
    return subprocess.run([sys.executable, "-m", "caspian.maps", *args], capture_output=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)


def run_limited(*args: str, address_space_bytes: int,
                timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    """:func:`run` under a limit of address space (``ulimit -v``), as a small machine or a
    container would impose.

    One BLAS thread and two malloc arenas: each further thread reserves address space of its
    own (64 MiB per arena), so without them the limit a command needs would grow with the
    number of cores of the machine running the test.
    """
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space_bytes, address_space_bytes))

    return subprocess.run([sys.executable, "-m", "caspian.maps", *args], capture_output=True,
                          cwd="/", timeout=timeout, preexec_fn=limit,
                          env={**os.environ, "OPENBLAS_NUM_THREADS": "1",
                               "MALLOC_ARENA_MAX": "2"})


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The single ``caspian: error:`` line of a refused command (asserts exit code 2)."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("caspian: error: "), lines
    return lines[0]


def user_file(folder: Path, properties: dict[str, Any] | None = None, *,
              name: str = "mine.geojson", feature_id: Any = None,
              geometry: dict[str, Any] | None = None) -> Path:
    """A one-feature GeoJSON file, written with ASCII escapes (so "\\ud800" stays an escape)."""
    feature: dict[str, Any] = {"type": "Feature", "properties": properties or {"name": "mine"},
                               "geometry": geometry or LINE}
    if feature_id is not None:
        feature["id"] = feature_id
    path = folder / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}),
                    encoding="ascii")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files of an atomic write left in ``folder``."""
    return sorted(name for name in os.listdir(folder) if ".tmp" in name)


def device(folder: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7) to write to.

    As root (the CI container) a test must never risk the system's own /dev nodes, so it makes
    its own node in ``folder``; others cannot replace /dev entries anyway and use them.
    """
    if os.geteuid() != 0:
        return Path("/dev") / name
    path = folder / name
    os.mknod(path, 0o666 | 0o020000, os.makedev(1, minor))
    return path
