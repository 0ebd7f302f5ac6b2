"""Land crossed by a sea leg or a subsea cable between its landfalls.

Pure computation over the country polygons of a :class:`~caspian.geo.countries.CountryIndex`:
what ``caspian check`` asks of every ``sea_route``, ``fiber_cable`` and ``power_cable`` line.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from caspian.geo.countries import SEA, CountryIndex, split_by_country
from caspian.geo.geodesy import densify_geodesic
from caspian.geo.settings import Settings


def land_beyond_landfalls_km(
    geoms: Any, index: CountryIndex, settings: Settings | None = None
) -> npt.NDArray[np.float64]:
    """Length on land of each line between where it first reaches and last leaves the sea, km.

    A sea leg or a subsea cable starts and ends on land (its landfalls, a port inland of the
    coast); what lies on land between its first and last point at sea is a crossing of land
    that a ship or a cable cannot make. "At sea" means in no country polygon, as in
    :func:`caspian.geo.countries.split_by_country`. A line that never reaches the sea counts
    all its length.

    Parameters
    ----------
    geoms : array_like of shapely LineStrings
        ``(lon, lat)`` degrees.
    index : CountryIndex
        The land.
    settings : Settings, optional
        ``densify_km`` for the cut.
    """
    lines = np.asarray(geoms, dtype=object)
    dense = densify_geodesic(lines, 1.0, settings)
    inner = np.empty(lines.size, dtype=object)
    for k, line in enumerate(dense):
        inner[k] = _between_landfalls(line, index)
    split = split_by_country(inner, index, settings)
    return np.array(
        [sum(v for key, v in parts.items() if key != SEA) for parts in split.by_country_km]
    )


def _between_landfalls(line: Any, index: CountryIndex) -> Any:
    """The part of ``line`` from its first to its last vertex at sea (whole line if none).

    ``line`` is densified to 1 km, so at most the last kilometre of each landfall is left out.
    """
    coords = shapely.get_coordinates(line)
    point_index, _ = index.tree.query(shapely.points(coords), predicate="intersects")
    on_land = np.zeros(len(coords), dtype=bool)
    on_land[point_index] = True
    at_sea = np.flatnonzero(~on_land)
    if at_sea.size == 0:
        return line
    inner = coords[int(at_sea[0]) : int(at_sea[-1]) + 1]
    return shapely.LineString(inner) if inner.shape[0] >= 2 else shapely.LineString()
