"""Merge two sets of country polygons: detailed land borders inside a region, a base elsewhere.

Pure geometry (shapely in, shapely out). Two steps, for country polygons in ``(lon, lat)``
degrees:

* :func:`partition_region` (slow, run once when the data file is built): the base's land
  inside ``region`` is divided among countries by the detailed polygons. Land that exactly one
  detailed country claims goes to it; land that several claim (disputed or overlapping
  polygons) or none claims (gaps, and the base's coast where it lies beyond the detailed one)
  keeps the base's country. The coastline therefore stays the base's, and the pieces still
  cover the base's land in the region without overlaps.
* :func:`splice_region` (fast, at load time): every country becomes its base polygon outside
  ``region`` joined with its piece inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from caspian.geo.arguments import instance, mapping, refuse, texts
from caspian.geo.geodesy import as_geometry_array

__all__ = ["partition_region", "splice_region"]


def country_codes(codes: Any, name: str, count: int) -> list[str]:
    """``codes`` checked: ``count`` strings, one country code per polygon."""
    checked = texts(codes, name, f"{count} country codes (str), one per polygon")
    if len(checked) != count:
        refuse(name, codes, f"{count} country codes, one per polygon (not {len(checked)})")
    return checked


def _region(region: Any) -> Any:
    return instance(region, shapely.Geometry, "region", "a shapely Polygon, (lon, lat) degrees")


def _by_code(polys: npt.NDArray[np.object_], codes: Sequence[str], name: str) -> dict[str, Any]:
    """Union of the polygons of each code, valid, in first-seen code order."""
    code_arr = np.asarray(country_codes(codes, name, polys.size), dtype=str)
    merged: dict[str, Any] = {}
    for code in dict.fromkeys(code_arr.tolist()):
        parts = polys[code_arr == code]
        geom = parts[0] if parts.size == 1 else shapely.union_all(parts)
        merged[code] = shapely.make_valid(geom)
    return merged


def _polygonal(geom: Any) -> Any:
    """Keep only the (multi)polygon part of ``geom`` (an overlay may add lines and points)."""
    parts = [part for part in shapely.get_parts(geom) if part.geom_type == "Polygon"]
    return shapely.multipolygons(parts) if parts else shapely.Polygon()


def partition_region(
    base_polygons: Sequence[Any] | npt.NDArray[np.object_],
    base_codes: Sequence[str],
    detail_polygons: Sequence[Any] | npt.NDArray[np.object_],
    detail_codes: Sequence[str],
    region: Any,
) -> dict[str, Any]:
    """Divide the base's land inside ``region`` among countries by the detailed borders.

    Parameters
    ----------
    base_polygons, base_codes : sequences
        Country land polygons covering the world (e.g. Natural Earth), with a code each
        (repeats allowed). Their union is the land; their outline is the coast kept.
    detail_polygons, detail_codes : sequences
        Country polygons with better land borders (e.g. from OpenStreetMap). They may reach
        into the sea (territorial waters), overlap or leave gaps: only their claims on the
        base's land count.
    region : shapely Polygon
        Where the detailed borders replace the base's, ``(lon, lat)`` degrees.

    Returns
    -------
    dict of str to shapely geometry
        Code -> the country's land inside ``region`` (valid (multi)polygons; empty codes left
        out). Together the pieces cover the base's land in ``region`` without overlaps.
    """
    region = _region(region)
    base = _by_code(as_geometry_array(base_polygons, "base_polygons"), base_codes, "base_codes")
    detail = _by_code(as_geometry_array(detail_polygons, "detail_polygons"), detail_codes,
                      "detail_codes")
    base_in = {code: _polygonal(shapely.intersection(geom, region)) for code, geom in base.items()}
    base_in = {code: geom for code, geom in base_in.items() if not geom.is_empty}
    land = shapely.union_all(list(base_in.values()))
    detail_in = {
        code: _polygonal(shapely.intersection(geom, land)) for code, geom in detail.items()
    }
    detail_in = {code: geom for code, geom in detail_in.items() if not geom.is_empty}
    claimed = list(detail_in.values())
    pieces: dict[str, Any] = {}
    exclusive_all = []
    for k, (code, geom) in enumerate(detail_in.items()):
        others = shapely.union_all(claimed[:k] + claimed[k + 1 :])
        exclusive = _polygonal(shapely.difference(geom, others))
        exclusive_all.append(exclusive)
        pieces[code] = exclusive
    # Land claimed by several detailed countries or by none keeps the base's country.
    undecided = _polygonal(shapely.difference(land, shapely.union_all(exclusive_all)))
    for code, geom in base_in.items():
        fallback = _polygonal(shapely.intersection(geom, undecided))
        if fallback.is_empty:
            continue
        own = pieces.get(code)
        pieces[code] = fallback if own is None else _polygonal(shapely.union(own, fallback))
    return {code: geom for code, geom in sorted(pieces.items()) if not geom.is_empty}


def splice_region(
    base_polygons: Sequence[Any] | npt.NDArray[np.object_],
    base_codes: Sequence[str],
    region_pieces: dict[str, Any],
    region: Any,
) -> npt.NDArray[np.object_]:
    """Replace the part of each base polygon inside ``region`` by its detailed piece.

    Parameters
    ----------
    base_polygons, base_codes : sequences
        One polygon per country (as loaded from the base data set).
    region_pieces : dict of str to shapely geometry
        From :func:`partition_region` over the same base and ``region``.
    region : shapely Polygon
        The region the pieces were cut to.

    Returns
    -------
    numpy.ndarray of shapely geometries
        One geometry per input row, in the input order: unchanged for a country that does not
        reach ``region``, the base outside joined with the piece inside for one that does.
        A country whose piece is empty keeps only its part outside ``region``; where a code
        has several rows, the piece joins the first.
    """
    polys = as_geometry_array(base_polygons, "base_polygons").copy()
    codes = country_codes(base_codes, "base_codes", polys.size)
    region = _region(region)
    pieces = mapping(region_pieces, "region_pieces", "the mapping partition_region returned")
    if not all(isinstance(piece, shapely.Geometry) for piece in pieces.values()):
        refuse("region_pieces", region_pieces, "the mapping of code -> geometry that "
               "partition_region returned")
    shapely.prepare(region)
    touches = shapely.intersects(region, polys)
    placed: set[str] = set()
    inside = shapely.contains_properly(region, polys)
    for i in np.flatnonzero(touches).tolist():
        # A country wholly inside the region needs no overlay: it is its piece.
        outside = (
            shapely.Polygon() if inside[i] else _polygonal(shapely.difference(polys[i], region))
        )
        piece = None if codes[i] in placed else region_pieces.get(codes[i])
        placed.add(codes[i])
        if piece is None:
            polys[i] = outside
        elif outside.is_empty:
            polys[i] = piece
        else:
            polys[i] = _polygonal(shapely.union(outside, piece))
    return polys
