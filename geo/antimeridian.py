"""Lines that cross the antimeridian (±180° longitude), cut there.

A line from 179° E to 179° W is 2° long, but drawn or intersected in plain lon/lat it runs
358° the other way round. Two steps put it right:

* :func:`unwrap_lines` makes each part's longitudes continuous (179 -> 181), so the line is
  one short stroke whose longitudes may leave [-180, 180];
* :func:`fold_lines` cuts such a line at every multiple of ±180° and shifts each piece back into
  [-180, 180], giving a MultiLineString whose pieces meet at the antimeridian.

:func:`split_at_antimeridian` does both. The cut adds a vertex where the straight lon/lat
segment meets ±180°, so a densified line keeps its length to the metre. Pure: shapely
geometries in, shapely geometries out.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from caspian.geo.geodesy import as_geometry_array

_LINE_TYPES = (int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING))


def _unwrapped(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = coords.copy()
    if len(out) > 1:
        step = np.diff(out[:, 0])
        out[1:, 0] += np.cumsum(-360.0 * np.round(step / 360.0))
    return out


def unwrap_lines(geoms: Any) -> npt.NDArray[np.object_]:
    """Each line part with continuous longitudes: no step between vertices exceeds 180°.

    Parameters
    ----------
    geoms : array_like of shapely geometries
        ``(lon, lat)`` degrees; lines that never step more than 180° and other geometries are
        returned as they are.
    """
    array = as_geometry_array(geoms)
    out = array.copy()
    for position, geom in enumerate(array):
        if geom is None or shapely.get_type_id(geom) not in _LINE_TYPES or geom.is_empty:
            continue
        parts = shapely.get_parts(geom)
        coords = [shapely.get_coordinates(part, include_z=part.has_z) for part in parts]
        if not any(len(c) > 1 and (np.abs(np.diff(c[:, 0])) > 180).any() for c in coords):
            continue
        lines = [shapely.linestrings(_unwrapped(c)) for c in coords]
        out[position] = lines[0] if geom.geom_type == "LineString" else (
            shapely.multilinestrings(lines))
    return out


def fold_lines(geoms: Any) -> npt.NDArray[np.object_]:
    """Lines whose longitudes leave [-180, 180], cut at each ±180° and shifted back into range.

    Parameters
    ----------
    geoms : array_like of shapely geometries
        ``(lon, lat)`` degrees with continuous longitudes (e.g. from :func:`unwrap_lines` or
        :func:`caspian.geo.geodesy.densify_geodesic`). Geometries inside [-180, 180] are
        returned as they are.

    Returns
    -------
    numpy.ndarray of shapely geometries
        A line that left the range becomes a MultiLineString of its pieces, in the line's
        order.
    """
    array = as_geometry_array(geoms)
    out = array.copy()
    types = shapely.get_type_id(array)
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(array)
        outside = np.isin(types, _LINE_TYPES) & ((bounds[:, 0] < -180) | (bounds[:, 2] > 180))
    lines = np.flatnonzero(outside)
    if not lines.size:
        return out
    first = np.floor((bounds[lines, 0] + 180.0) / 360.0).astype(int)
    last = np.ceil((bounds[lines, 2] - 180.0) / 360.0).astype(int)
    pieces, owners, shifts = [], [], []
    for window in range(int(first.min()), int(last.max()) + 1):
        chosen = lines[(first <= window) & (window <= last)]
        west = -180.0 + 360.0 * window
        clipped = shapely.clip_by_rect(array[chosen], west, -90.0, west + 360.0, 90.0)
        shift = 360.0 * window

        def back(xy: npt.NDArray[np.float64], shift: float = shift) -> npt.NDArray[np.float64]:
            moved = xy.copy()
            moved[:, 0] -= shift
            return moved

        parts, which = shapely.get_parts(shapely.transform(clipped, back, include_z=None),
                                         return_index=True)
        keep = (shapely.get_type_id(parts) == _LINE_TYPES[0]) & ~shapely.is_empty(parts)
        pieces.append(parts[keep])
        owners.append(chosen[which[keep]])
        shifts.append(np.full(int(keep.sum()), shift))
    all_pieces = np.concatenate(pieces)
    all_owners = np.concatenate(owners)
    # Keep the pieces in the line's own order: where each starts along the unwrapped line.
    starts = shapely.get_coordinates(shapely.get_point(all_pieces, 0))
    starts[:, 0] += np.concatenate(shifts)
    with np.errstate(divide="ignore", invalid="ignore"):  # a line of zero length: no order
        along = np.nan_to_num(shapely.line_locate_point(array[all_owners], shapely.points(starts)))
    order = np.lexsort((along, all_owners))
    folded, compact = np.unique(all_owners[order], return_inverse=True)
    out[folded] = shapely.multilinestrings(all_pieces[order], indices=compact)
    return out


def split_at_antimeridian(geoms: Any) -> npt.NDArray[np.object_]:
    """Lines that cross ±180° as MultiLineStrings cut there (see the module docstring)."""
    return fold_lines(unwrap_lines(geoms))
