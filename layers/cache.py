"""The user's cache folder: what outlives a process (sea graphs, the country index).

``$CASPIAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/caspian-gis``, else ``~/.cache/caspian-gis``.
Files are written atomically under a key that hashes what they were built from, so a new
input or a new version of the code builds a new file. A cache that cannot be read or written
is rebuilt or skipped with a warning, never fatal: it only saves time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)


def cache_root() -> Path:
    """The caspian-gis cache folder (not created here)."""
    if os.environ.get("CASPIAN_CACHE_DIR"):
        return Path(os.environ["CASPIAN_CACHE_DIR"])
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "caspian-gis"


def store(path: Path, data: bytes) -> bool:
    """Write ``data`` to the cache file ``path`` atomically; False (and a warning) if the
    folder or the disk refuses it."""
    from caspian.geo.errors import OutputError
    from caspian.layers.fileio import write_bytes_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    except (OSError, OutputError) as exc:
        logger.warning("not cached at %s: %s", path, exc)
        return False
    return True
