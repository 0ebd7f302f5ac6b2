"""Errors of writing files and of what an install should have brought.

All are :class:`caspian.geo.errors.CaspianError`, so ``except CaspianError`` catches them.
"""

from __future__ import annotations

from caspian.geo.errors import CaspianError


class OutputError(CaspianError, OSError):
    """An output file cannot be written where the user asked."""


class DependencyMissingError(CaspianError, ImportError):
    """An optional dependency, or a file the package ships, is needed for the requested
    operation and is not installed."""
