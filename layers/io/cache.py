"""The user's cache folder: what outlives a process (sea graphs, the country index).

``$CASPIAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/caspian-gis``, else ``~/.cache/caspian-gis``
(a relative ``$XDG_CACHE_HOME`` is ignored, as the XDG Base Directory Specification says).
Files are written atomically under a key that hashes what they were built from, so a new
input or a new version of the code builds a new file. A cache that cannot be read or written
is rebuilt or skipped with a warning, never fatal: it only saves time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from caspian.geo.errors import InputError
from caspian.layers.io.errors import OutputError
from caspian.layers.io.fileio import display_path, write_bytes_atomic

logger = logging.getLogger(__name__)


def cache_root() -> Path:
    """The caspian-gis cache folder (not created here).

    Raises
    ------
    InputError
        ``$CASPIAN_CACHE_DIR`` or ``$XDG_CACHE_HOME`` is blank or names an unknown user's
        home (``~nobody``): either would make a folder of that name where the command runs.
    """
    own = _folder_variable("CASPIAN_CACHE_DIR")
    if own is not None:
        return own
    xdg = _folder_variable("XDG_CACHE_HOME")
    # The XDG Base Directory Specification: "If an implementation encounters a relative path
    # in any of these variables it should consider the path invalid and ignore it." Taken, it
    # made the cache a folder of that name wherever the command ran.
    if xdg is None or not xdg.is_absolute():
        xdg = Path(os.path.expanduser("~")) / ".cache"
    return xdg / "caspian-gis"


def _folder_variable(name: str) -> Path | None:
    """The folder an environment variable names, ``~`` expanded; None when unset or empty."""

    value = os.environ.get(name)
    if not value:
        return None
    fix = f"set {name} to a folder, or unset it"
    if not value.strip():
        raise InputError(f"{name} holds only blanks ({value!r}); {fix}")
    folder = os.path.expanduser(value)
    if folder.startswith("~"):
        raise InputError(f"{name}={display_path(value)!r} starts with the home folder of an "
                         f"unknown user; {fix}")
    return Path(folder)


def store(path: Path, data: bytes) -> bool:
    """Write ``data`` to the cache file ``path`` atomically; False (and a warning) if the
    folder or the disk refuses it."""

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    except (OSError, OutputError) as exc:
        logger.warning("not cached at %s: %s", path, exc)
        return False
    return True
