"""Atomic file writes: a reader never sees a half-written output.

Everything caspian-gis writes goes to a temporary file in the target folder first and is then
moved over the target with :func:`os.replace`, which is atomic on POSIX and Windows. If the
writer fails, the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from caspian.geo.errors import OutputError


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name, e.g. {path / 'out'}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(
            f"folder {parent} does not exist; create it first or choose another -o path"
        )
    if not os.access(parent, os.W_OK):
        raise OutputError(f"folder {parent} is not writable; choose another -o path")


def check_output_target(path: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputError` now if ``path`` could not be written later.

    For commands that download or compute for a while before they write: the user hears
    about a missing or read-only folder before the work, not after it.
    """
    _check_target(Path(path))


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it over ``path``.

    Parameters
    ----------
    path : path-like
        The final file.

    Yields
    ------
    pathlib.Path
        A path in the same folder, with the same suffix, that does not exist yet. Write the
        whole output there; it replaces ``path`` only if the ``with`` block succeeds.
    """
    target = Path(path)
    try:
        _check_target(target)
        handle, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent or "."
        )
        os.close(handle)
    except OutputError:
        raise
    except OSError as exc:
        raise _output_error(target, exc) from exc
    tmp = Path(tmp_name)
    # Drivers such as GPKG refuse to write into an existing (empty) file.
    tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, target)
    except OutputError:
        raise
    except OSError as exc:
        # Disk full, a folder that only looks writable (root on /proc), a name too long...
        raise _output_error(target, exc) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _output_error(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {target}: {reason}; choose another -o path")


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically and return the path."""
    return write_bytes_atomic(path, text.encode("utf-8"))
