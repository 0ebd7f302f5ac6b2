"""Errors of the catalog: an unknown layer, a broken catalog file, a seed that does not match.

All are :class:`caspian.geo.errors.CaspianError`, so ``except CaspianError`` catches them.
"""

from __future__ import annotations

from caspian.geo.errors import CaspianError


class LayerNotFoundError(CaspianError, KeyError):
    """A layer or feature id that the catalog does not have."""

    def __str__(self) -> str:
        # KeyError quotes its message; ours is a sentence, so show it as one.
        return str(self.args[0]) if self.args else ""


class CatalogError(CaspianError, ValueError):
    """The embedded catalog (or a file shaped like it) breaks its schema."""


class SeedError(CaspianError, ValueError):
    """A seed document or its manifest is missing or does not match its citations."""
