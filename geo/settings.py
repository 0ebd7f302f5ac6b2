"""Settings in one place: an immutable object passed to whatever needs it.

Nothing here is module-level mutable state; a caller who wants other values builds its own
``Settings(...)`` (or ``DEFAULT_SETTINGS.replace(...)``) and passes it down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from caspian.geo.errors import ArgumentError


def _default_tolerances() -> Mapping[str, float]:
    # One fraction per geometry accuracy of the catalog, in the order of its vocabulary
    # (``caspian.layers.catalog.vocabulary.GEOMETRY_ACCURACIES``): how far a computed length
    # may sit from the published one before ``caspian check`` calls it a problem. A surveyed
    # line should match closely; a mapped trace (OpenStreetMap) follows the track, but its ends
    # and those of the published figure (sidings, junctions, a border) need not agree; a line
    # drawn through town centres runs short because real routes bend more than their
    # waypoints; a schematic or hypothetical line is only a picture of the link.
    return MappingProxyType(
        {
            "surveyed": 0.02,
            "traced": 0.10,
            "waypoints": 0.10,
            "schematic": 0.35,
            "hypothetical": 1.0,
        }
    )


#: The default ellipsoid: known to every PROJ, so making the default settings needs no pyproj
#: (which would cost ``caspian --help`` a third of its time).
DEFAULT_ELLIPSOID = "WGS84"


def _known_ellipsoid(name: str) -> bool:
    """Whether pyproj knows ellipsoid ``name`` (asked only for another than the default)."""
    if name == DEFAULT_ELLIPSOID:
        return True
    import pyproj  # slow to import: only for an ellipsoid other than the default

    return name in pyproj.get_ellps_map()


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Tunable values of caspian-gis."""

    #: Ellipsoid for every geodesic computation (``pyproj.Geod(ellps=...)``).
    ellps: str = DEFAULT_ELLIPSOID
    #: Allowed relative difference between computed and published length, per
    #: geometry-accuracy class (0.10 means 10 %).
    length_tolerance: Mapping[str, float] = field(default_factory=_default_tolerances)
    #: Decimal places kept when coordinates are written (7 is about 1 cm).
    coordinate_decimals: int = 7
    #: Maximum spacing of geodesic densification before lines are cut by country
    #: borders, in kilometres.
    densify_km: float = 2.0

    def __post_init__(self) -> None:
        if not isinstance(self.ellps, str) or not _known_ellipsoid(self.ellps):
            raise ArgumentError(
                f"Settings.ellps {self.ellps!r} is not an ellipsoid pyproj knows; use e.g. "
                "'WGS84' or 'GRS80'"
            )
        decimals = self.coordinate_decimals
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 15:
            raise ArgumentError(
                f"Settings.coordinate_decimals must be a whole number 0..15, got {decimals!r}"
            )
        spacing = self.densify_km
        if isinstance(spacing, bool) or not isinstance(spacing, (int, float)) or not (
            math.isfinite(spacing) and spacing > 0
        ):
            raise ArgumentError(f"Settings.densify_km must be a positive number, got {spacing!r}")
        tolerances = self.length_tolerance
        accuracies = tuple(_default_tolerances())
        if not isinstance(tolerances, Mapping):
            raise ArgumentError(
                f"Settings.length_tolerance is {type(tolerances).__name__}, not a mapping; give "
                f"{{accuracy: fraction}} for {', '.join(accuracies)}"
            )
        missing = [name for name in accuracies if name not in tolerances]
        bad = [name for name, value in tolerances.items()
               if isinstance(value, bool) or not isinstance(value, (int, float))
               or not (math.isfinite(value) and value >= 0)]
        if missing or bad:
            raise ArgumentError(
                "Settings.length_tolerance needs a fraction >= 0 for every geometry accuracy "
                f"({', '.join(accuracies)}); "
                + (f"missing {missing[0]!r}" if missing
                   else f"{bad[0]!r} is {tolerances[bad[0]]!r}")
            )

    def replace(self, **changes: object) -> Settings:
        """Return a copy with ``changes`` applied; unknown names raise ``TypeError``."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_SETTINGS = Settings()
