"""The catalog's vocabularies: the words a feature's status, kind, geometry accuracy and
transport mode may take (``schema`` holds every feature to them)."""

from __future__ import annotations

#: The one status vocabulary every feature uses.
STATUSES: tuple[str, ...] = (
    "operating",
    "construction",
    "planned",
    "proposed",
    "shelved",
    "cancelled",
)

#: How a feature's geometry was obtained, from best to worst; ``Settings.length_tolerance``
#: gives each its tolerance (a test holds the two lists equal).
GEOMETRY_ACCURACIES: tuple[str, ...] = (
    "surveyed",
    "traced",
    "waypoints",
    "schematic",
    "hypothetical",
)

#: Kinds of feature in the catalog.
KINDS: tuple[str, ...] = (
    "port",
    "pipeline",
    "fiber_cable",
    "power_cable",
    "railway",
    "sea_route",
    "road",
    "point",
)

#: Kinds that must stay at sea between their landfalls.
SEA_KINDS: tuple[str, ...] = ("sea_route", "fiber_cable", "power_cable")

#: Transport modes for corridor legs.
MODES: tuple[str, ...] = ("rail", "sea", "road", "pipeline", "cable")
