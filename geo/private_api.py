"""Private functions of the libraries we call, used only while they agree with the public ones.

A hot path may call a library's private function (``pyproj.Geod._fwd``, ``shapely.lib``) to
skip the public wrapper's checks. A later release may change or remove it, so the choice is
made once, at import, by a check that runs both on a sample: the private function serves only
while it gives exactly what the public one gives; any failure or difference, the public one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def agreeing(private: T, public: T, agrees: Callable[[], bool]) -> T:
    """``private`` when ``agrees()`` (which runs both on a sample) says it gives what
    ``public`` gives, else ``public``; an error in the check, too, means ``public``."""
    try:
        same = bool(agrees())
    except Exception:  # any failure of a private function: the public one serves
        return public
    return private if same else public
