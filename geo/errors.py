"""Every exception caspian-gis raises on purpose.

Each class subclasses a built-in so that callers who do not know our names can still catch
them (``except KeyError``), and each message names the bad value and the fix. The command line
turns any :class:`CaspianError` into one line on stderr and exit code 2; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations


class CaspianError(Exception):
    """Base class of every error that is the user's input, not a bug."""


class LayerNotFoundError(CaspianError, KeyError):
    """A layer or feature id that the catalog does not have."""

    def __str__(self) -> str:
        # KeyError quotes its message; ours is a sentence, so show it as one.
        return str(self.args[0]) if self.args else ""


class CatalogError(CaspianError, ValueError):
    """The embedded catalog (or a file shaped like it) breaks its schema."""


class SeedError(CaspianError, ValueError):
    """A seed document or its manifest is missing or does not match its citations."""


class InputError(CaspianError, ValueError):
    """A user's file or argument cannot be used; the message names where and why."""


class ArgumentError(InputError, TypeError):
    """An argument of a public function is of the wrong type or shape (``None`` for a layer, a
    numpy array for a flag); the message names the argument and what to give instead. It is
    both a ``TypeError`` and, as an :class:`InputError`, a ``ValueError``."""


class GeometryError(CaspianError, ValueError):
    """Coordinates or geometries that geodesy cannot measure (out of range, non-finite)."""


class OutputError(CaspianError, OSError):
    """An output file cannot be written where the user asked."""


class DependencyMissingError(CaspianError, ImportError):
    """An optional dependency is needed for the requested operation."""
