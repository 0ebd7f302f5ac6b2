"""Distances between places, by kind: geodesic here; by sea through a router that plugs in.

A distance kind is a function ``(lons, lats, settings) -> (n, n) matrix of metres``. The
registry :data:`DISTANCE_KINDS` is read-only; a caller with another kind (a sea router, say)
passes its own mapping as ``kinds=`` rather than patching module state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
from caspian.geo.arguments import mapping, refuse
from caspian.geo.errors import InputError
from caspian.geo.geodesy import geodesic_distance_matrix_m
from caspian.geo.settings import Settings

#: ``(lons, lats, settings) -> (n, n) matrix of metres``.
DistanceFunction = Callable[
    [npt.ArrayLike, npt.ArrayLike, "Settings | None"], npt.NDArray[np.float64]
]

#: Distance kinds available out of the box. ``"geodesic"`` is the shortest path over the
#: ellipsoid's surface (a "great-circle" distance computed exactly on WGS84), not a route.
DISTANCE_KINDS: Mapping[str, DistanceFunction] = MappingProxyType(
    {"geodesic": geodesic_distance_matrix_m}
)


def distance_function(
    kind: str, kinds: Mapping[str, DistanceFunction] = DISTANCE_KINDS
) -> DistanceFunction:
    """Return the distance function registered as ``kind``.

    Raises
    ------
    InputError
        For an unknown kind; the message lists the valid ones.
    """
    mapping(kinds, "kinds", "a mapping of kind names to distance functions")
    if not isinstance(kind, str):
        refuse("kind", kind, f"the name of a distance kind: {', '.join(sorted(kinds))}")
    try:
        return kinds[kind]
    except KeyError:
        valid = ", ".join(sorted(kinds))
        hint = (
            " (the sea kind needs the basins' water: use caspian.layers.metrics.distance_kinds())"
            if kind == "sea"
            else ""
        )
        raise InputError(f"unknown distance kind {kind!r}{hint}; valid kinds: {valid}") from None


def distance_matrix_km(
    lons: npt.ArrayLike,
    lats: npt.ArrayLike,
    kind: str = "geodesic",
    settings: Settings | None = None,
    kinds: Mapping[str, DistanceFunction] = DISTANCE_KINDS,
) -> npt.NDArray[np.float64]:
    """Return the ``kind`` distance between every pair of points, in kilometres.

    Parameters
    ----------
    lons, lats : array_like of float
        Point coordinates, degrees.
    kind : str
        A key of ``kinds`` (``"geodesic"`` by default).
    settings : Settings, optional
        Passed to the distance function (``ellps``).
    kinds : mapping, optional
        Registry of distance functions; :data:`DISTANCE_KINDS` by default.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        Kilometres; symmetric for ``"geodesic"``.
    """
    function = distance_function(kind, kinds)
    return np.asarray(function(lons, lats, settings), dtype=float) / 1000.0


def pairwise_rows(
    names: Sequence[str], matrix_km: npt.NDArray[np.float64], kind: str
) -> list[dict[str, object]]:
    """Turn a distance matrix into one row per unordered pair ``(from, to, distance_km)``.

    Parameters
    ----------
    names : sequence of str
        Label of each point, in matrix order.
    matrix_km : numpy.ndarray, shape (n, n)
        Distances in kilometres.
    kind : str
        Distance kind, copied into each row.
    """
    rows: list[dict[str, object]] = []
    upper_i, upper_j = np.triu_indices(len(names), k=1)
    for i, j in zip(upper_i.tolist(), upper_j.tolist(), strict=True):
        rows.append(
            {"from": names[i], "to": names[j], "kind": kind, "distance_km": float(matrix_km[i, j])}
        )
    return rows
