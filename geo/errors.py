"""The errors geo raises, and the base class of every exception caspian-gis raises on purpose.

Each class subclasses a built-in so that callers who do not know our names can still catch
them (``except ValueError``), and each message names the bad value and the fix. The command
line turns any :class:`CaspianError` into one line on stderr and exit code 2; anything else is
a bug and keeps its traceback.

Errors live beside the code that raises them: the catalog's in
:mod:`caspian.layers.catalog.errors`, those of writing files and of a missing dependency in
:mod:`caspian.layers.io.errors`, the news reader's in ``caspian.layers.news._errors``; all of
them are :class:`CaspianError`.
"""

from __future__ import annotations

import os
from typing import Any


class CaspianError(Exception):
    """Base class of every error that is the user's input, not a bug.

    ``str(error)`` is the message, one sentence naming the problem and the fix, in the words
    of the Python API: a parameter it asks to change is written as a keyword argument
    (``max_snap_km=``, ``fmt=gpkg``, ``split=True``). The fields say the same for a program:

    Parameters
    ----------
    *args
        The message (as for any exception).
    path : str or os.PathLike, optional
        The file the error is about.
    value : object, optional
        The value that was refused.
    reason : str, optional
        Why, in a few words, without the fix.
    options : sequence of str, optional
        The parameters the message names, each written ``name=`` in it; the command line
        writes its own flag there (``--max-snap-km``), so one message serves both.
    """

    def __init__(
        self,
        *args: Any,
        path: str | os.PathLike[str] | None = None,
        value: Any = None,
        reason: str | None = None,
        options: tuple[str, ...] = (),
    ) -> None:
        super().__init__(*args)
        self.path = path
        self.value = value
        self.reason = reason
        self.options = tuple(options)

    @property
    def option(self) -> str | None:
        """The first parameter the message names, or None."""
        return self.options[0] if self.options else None


class InputError(CaspianError, ValueError):
    """A user's file or argument cannot be used; the message names where and why."""


class ArgumentError(InputError, TypeError):
    """An argument of a public function is of the wrong type or shape (``None`` for a layer, a
    numpy array for a flag); the message names the argument and what to give instead. It is
    both a ``TypeError`` and, as an :class:`InputError`, a ``ValueError``."""


class GeometryError(CaspianError, ValueError):
    """Coordinates or geometries that geodesy cannot measure (out of range, non-finite)."""


def swapped_point_fix(lon: float, lat: float, where: str) -> str:
    """The fix for a point given as lat,lon that would reach the network swapped: ``lon, lat``
    are the numbers as given, ``where`` what the swapped point does ("lies 0.9 km from it").
    One wording for every router."""
    return (f"the two numbers look swapped: as lon,lat {lat:.5f},{lon:.5f} {where}; give the "
            "point as lon,lat (swap the two numbers)")
