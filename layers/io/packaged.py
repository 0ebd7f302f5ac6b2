"""Files the package ships (the catalog index, the seed manifest, the map assets' lockfile):
read as JSON, with one message for a broken install.

Such a file missing or damaged is never the user's input at fault: the fix is to reinstall.
"""

from __future__ import annotations

import json
from typing import Any, Protocol


class _Readable(Protocol):
    """A :class:`pathlib.Path` or an :mod:`importlib.resources` file."""

    def read_text(self, encoding: str | None = None) -> str: ...


def packaged_json(
    source: _Readable, what: str, error: type[Exception], member: str | None = None
) -> Any:
    """The JSON of a file the package ships, or its top-level ``member``.

    Parameters
    ----------
    source : pathlib.Path or importlib.resources.abc.Traversable
        The file.
    what : str
        What the file is, for the message (``"seed manifest /path/manifest.json"``).
    error : type of Exception
        The error the caller's callers expect (``SeedError``, ``DependencyMissingError``).
    member : str, optional
        The key of the top-level object to return (the whole document by default).

    Raises
    ------
    error
        ``"<what> is unreadable (<reason>); reinstall caspian-gis"`` when the file is missing,
        is not JSON or lacks ``member``.
    """
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
        return document if member is None else document[member]
    except (OSError, ValueError, KeyError) as exc:
        raise error(f"{what} is unreadable ({exc}); reinstall caspian-gis") from exc
