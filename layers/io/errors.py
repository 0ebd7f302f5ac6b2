"""Errors of writing files and of what an install should have brought.

All are :class:`caspian.geo.errors.CaspianError`, so ``except CaspianError`` catches them.
"""

from __future__ import annotations

from caspian.geo.errors import CaspianError


class OutputError(CaspianError, OSError):
    """An output file cannot be written where the user asked."""


class DependencyMissingError(CaspianError, ImportError):  # type: ignore[misc]
    # ImportError's own ``path`` (a module's file) is shadowed by CaspianError's field; both are
    # an optional path, and nothing reads ImportError's.
    """An optional dependency, or a file the package ships, is needed for the requested
    operation and is not installed."""
