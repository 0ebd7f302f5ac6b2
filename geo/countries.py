"""Split line lengths by country with a spatial index, and the Caspian share by nearest state.

Pure computation: the country polygons come in as shapely geometries with their codes (the
``layers`` package loads them from Natural Earth). The method, for all lines at once:

1. densify every line along its geodesic (``settings.densify_km``), so that the straight
   lon/lat segment between two vertices stays within metres of the true geodesic;
2. find candidate (line, country) pairs through an :class:`shapely.STRtree` (bounding boxes
   only: no pairwise overlay of every line with every country);
3. clip each candidate country to the line's bounding box, intersect, and measure the pieces
   geodesically in one ``Geod.inv`` call;
4. whatever length lies in no country is ``"sea"``. Pieces inside the Caspian are also
   attributed to the nearest littoral state (an approximation: the Caspian's legal status
   divides the seabed by agreements, not by nearest coast), reported apart from the split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.errors import GeometryError
from caspian.geo.geodesy import (
    as_geometry_array,
    densify_geodesic,
    geodesic_lengths_m,
    segment_arrays,
    segment_lengths_m,
)
from caspian.geo.settings import DEFAULT_SETTINGS, Settings

#: The five states on the Caspian shore (ISO 3166-1 alpha-3).
CASPIAN_LITTORAL: tuple[str, ...] = ("AZE", "IRN", "KAZ", "RUS", "TKM")

#: Key of the length that lies in no country.
SEA = "sea"

# Padding of the clipping box around each line, degrees (~1 cm).
_BOX_PAD_DEG = 1e-7

# Degrees of coast kept around the Caspian when looking for the nearest littoral state.
_COAST_MARGIN_DEG = 3.0


@dataclass(frozen=True)
class CountryIndex:
    """Country polygons with a spatial index, ready for :func:`split_by_country`.

    Build it with :func:`build_country_index`; it is immutable and can be shared.

    Attributes
    ----------
    polygons : numpy.ndarray of shapely geometries
        Country (multi)polygons in ``(lon, lat)`` degrees, including copies shifted by ±360°
        for countries that touch the antimeridian.
    codes : numpy.ndarray of str
        ISO 3166-1 alpha-3 code of each polygon.
    tree : shapely.STRtree
        Index over ``polygons``.
    caspian : shapely geometry or None
        The Caspian's water (no islands), or None when the littoral states are not all given.
    littoral_codes : tuple of str
        Codes of the littoral states.
    littoral_tree : shapely.STRtree or None
        Edges of the littoral states' boundaries near the Caspian, in an azimuthal
        equidistant projection centred on it (metres).
    littoral_owner : numpy.ndarray of int
        For each edge in ``littoral_tree``, its state's position in ``littoral_codes``.
    to_local : pyproj.Transformer or None
        lon/lat to that projection (``always_xy=True``).
    """

    polygons: npt.NDArray[np.object_]
    codes: npt.NDArray[np.str_]
    tree: shapely.STRtree
    caspian: Any
    littoral_codes: tuple[str, ...]
    littoral_tree: shapely.STRtree | None
    littoral_owner: npt.NDArray[np.intp]
    to_local: pyproj.Transformer | None


@dataclass(frozen=True)
class CountrySplit:
    """Per-line lengths by country.

    Attributes
    ----------
    by_country_km : list of dict
        One dict per input line: ISO3 code -> km inside that country, plus ``"sea"`` for the
        length in no country. The values add up to the line's geodesic length.
    sea_nearest_state_km : list of dict
        One dict per line: for the part of ``"sea"`` that lies in the Caspian, ISO3 code of the
        nearest littoral state -> km. An approximation, not a legal boundary.
    """

    by_country_km: list[dict[str, float]]
    sea_nearest_state_km: list[dict[str, float]]


def build_country_index(
    polygons: Sequence[Any] | npt.NDArray[np.object_],
    codes: Sequence[str] | npt.NDArray[np.str_],
    littoral: Sequence[str] = CASPIAN_LITTORAL,
) -> CountryIndex:
    """Index country polygons and derive the Caspian from its littoral states.

    Parameters
    ----------
    polygons : sequence of shapely (Multi)Polygons
        Country land areas, ``(lon, lat)`` degrees.
    codes : sequence of str
        ISO 3166-1 alpha-3 code for each polygon (repeats allowed: parts of one country).
    littoral : sequence of str
        Codes of the Caspian's littoral states. The Caspian is taken as the largest hole in
        the union of their polygons, so no coordinate is hard-coded here.

    Returns
    -------
    CountryIndex
    """
    polys = as_geometry_array(polygons)
    code_arr = np.asarray(list(codes), dtype=str)
    if polys.size != code_arr.size:
        raise GeometryError(f"{polys.size} polygons but {code_arr.size} codes")
    keep = ~(shapely.is_missing(polys) | shapely.is_empty(polys))
    polys, code_arr = polys[keep], code_arr[keep]
    bounds = shapely.bounds(polys)
    # A line that crosses the antimeridian is kept continuous (longitudes beyond ±180), so
    # countries at the antimeridian also appear shifted by a full turn.
    east = bounds[:, 2] >= 179.9
    west = bounds[:, 0] <= -179.9
    turn = np.array([360.0, 0.0])
    all_polys = np.concatenate(
        [
            polys,
            shapely.transform(polys[east], lambda xy: xy - turn),
            shapely.transform(polys[west], lambda xy: xy + turn),
        ]
    )
    all_codes = np.concatenate([code_arr, code_arr[east], code_arr[west]])
    shapely.prepare(all_polys)
    caspian, littoral_codes, littoral_tree, littoral_owner, to_local = _caspian_parts(
        polys, code_arr, littoral
    )
    return CountryIndex(
        polygons=all_polys,
        codes=all_codes,
        tree=shapely.STRtree(all_polys),
        caspian=caspian,
        littoral_codes=littoral_codes,
        littoral_tree=littoral_tree,
        littoral_owner=littoral_owner,
        to_local=to_local,
    )


def _caspian_parts(
    polys: npt.NDArray[np.object_], codes: npt.NDArray[np.str_], littoral: Sequence[str]
) -> tuple[
    Any, tuple[str, ...], shapely.STRtree | None, npt.NDArray[np.intp], pyproj.Transformer | None
]:
    none = np.zeros(0, dtype=np.intp)
    present = [code for code in littoral if code in set(codes.tolist())]
    if len(present) != len(littoral):
        return None, (), None, none, None
    land = shapely.union_all(polys[np.isin(codes, present)])
    holes = [
        shapely.Polygon(ring)
        for part in shapely.get_parts(land)
        for ring in shapely.get_interior_ring(part, range(shapely.get_num_interior_rings(part)))
    ]
    if not holes:
        return None, (), None, none, None
    basin = max(holes, key=lambda hole: hole.area)
    water = shapely.difference(basin, land)  # islands are land, not sea
    shapely.prepare(water)
    centre = shapely.centroid(basin)
    to_local = pyproj.Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={centre.y:.6f} +lon_0={centre.x:.6f} +datum=WGS84 +units=m",
        always_xy=True,
    )
    xmin, ymin, xmax, ymax = basin.bounds
    m = _COAST_MARGIN_DEG
    pieces, owners = [], []
    for k, code in enumerate(present):
        country = shapely.union_all(polys[codes == code])
        near = shapely.clip_by_rect(country, xmin - m, ymin - m, xmax + m, ymax + m)
        local = shapely.transform(shapely.boundary(near), lambda xy: _project(to_local, xy))
        edges = _edges(local)
        pieces.append(edges)
        owners.append(np.full(edges.size, k, dtype=np.intp))
    # A sea point lies outside every state's land, so its nearest state is the one with the
    # nearest boundary edge; indexing short edges (not whole countries) keeps each nearest
    # query at a logarithmic cost instead of a scan of every coastline vertex.
    coast_tree = shapely.STRtree(np.concatenate(pieces))
    return water, tuple(present), coast_tree, np.concatenate(owners), to_local


def _edges(boundary: Any) -> npt.NDArray[np.object_]:
    """Split (multi)line boundaries into two-point lines, one per edge."""
    parts = shapely.get_parts(boundary)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    start = np.flatnonzero(part[1:] == part[:-1])
    pairs = np.stack([coords[start], coords[start + 1]], axis=1).reshape(-1, 2)
    return shapely.linestrings(pairs, indices=np.repeat(np.arange(start.size), 2))


def _project(transformer: pyproj.Transformer, xy: npt.NDArray[np.float64]) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def split_by_country(
    geoms: Any, index: CountryIndex, settings: Settings | None = None
) -> CountrySplit:
    """Split each line's geodesic length by the countries it crosses.

    Parameters
    ----------
    geoms : array_like of shapely geometries
        LineStrings / MultiLineStrings in ``(lon, lat)`` degrees. Points, empty and missing
        geometries get empty dicts.
    index : CountryIndex
        From :func:`build_country_index`.
    settings : Settings, optional
        ``densify_km`` (spacing of the geodesic densification) and ``ellps``.

    Returns
    -------
    CountrySplit
        Kilometres per ISO3 code plus ``"sea"``, and the Caspian part of ``"sea"`` by nearest
        littoral state (approximation).
    """
    settings = settings or DEFAULT_SETTINGS
    array = as_geometry_array(geoms)
    n = array.size
    by_country: list[dict[str, float]] = [{} for _ in range(n)]
    nearest: list[dict[str, float]] = [{} for _ in range(n)]
    if n == 0:
        return CountrySplit(by_country, nearest)
    total_m = geodesic_lengths_m(array, settings)
    measurable = np.flatnonzero(np.nan_to_num(total_m) > 0)
    if measurable.size == 0:
        return CountrySplit(by_country, nearest)
    dense = densify_geodesic(array[measurable], settings.densify_km, settings)

    line_i, poly_j = index.tree.query(dense)
    # Prepared polygons answer "wholly inside" and "touches at all" quickly; only the lines
    # that cross a border need cutting.
    inside = shapely.contains_properly(index.polygons[poly_j], dense[line_i])
    crossing = ~inside & shapely.intersects(index.polygons[poly_j], dense[line_i])
    piece_m = np.zeros(line_i.size)
    piece_m[inside] = total_m[measurable][line_i[inside]]
    piece_m[crossing] = _cut_lengths_m(dense, index, line_i[crossing], poly_j[crossing], settings)
    # Sum the pieces per (line, country code); codes sort alphabetically, so each line's
    # dict comes out in code order, with "sea" (whatever no country holds) last.
    code_names, code_of_poly = np.unique(index.codes, return_inverse=True)
    hit = piece_m > 0
    keys = line_i[hit] * code_names.size + code_of_poly[poly_j[hit]]
    unique_keys, key_of_piece = np.unique(keys, return_inverse=True)
    key_m = np.bincount(key_of_piece, weights=piece_m[hit], minlength=unique_keys.size)
    for key, dist_m in zip(unique_keys.tolist(), key_m.tolist(), strict=True):
        line, code = divmod(key, code_names.size)
        by_country[int(measurable[line])][str(code_names[code])] = dist_m / 1000.0
    inside_m = np.bincount(line_i, weights=piece_m, minlength=measurable.size)
    sea_m = np.maximum(total_m[measurable] - inside_m, 0.0)
    for k, feature in enumerate(measurable.tolist()):
        by_country[feature][SEA] = float(sea_m[k]) / 1000.0

    for k, code, dist_m in _caspian_nearest(dense, index, settings):
        row = nearest[int(measurable[k])]
        row[code] = row.get(code, 0.0) + dist_m / 1000.0
    for feature in measurable.tolist():
        nearest[feature] = dict(sorted(nearest[feature].items()))
    return CountrySplit(by_country, nearest)


def _cut_lengths_m(
    dense: npt.NDArray[np.object_],
    index: CountryIndex,
    line_i: npt.NDArray[np.intp],
    poly_j: npt.NDArray[np.intp],
    settings: Settings,
) -> npt.NDArray[np.float64]:
    """Geodesic length (m) of each line ``line_i`` inside country polygon ``poly_j``."""
    if line_i.size == 0:
        return np.zeros(0)
    # Clip each country to the line's box first: intersecting a line with all of Russia
    # costs far more than with the few hundred vertices near the line. The box is padded so
    # that a line along a meridian or a parallel (a box of zero width or height, which GEOS
    # refuses) still has one; the padding is far below coordinate precision and the line
    # stays wholly inside the box, so the result is unchanged.
    line_bounds = shapely.bounds(dense)[line_i] + np.array([-1, -1, 1, 1]) * _BOX_PAD_DEG
    clipped = np.array(
        [
            shapely.clip_by_rect(index.polygons[j], *box)
            for j, box in zip(poly_j.tolist(), line_bounds.tolist(), strict=True)
        ],
        dtype=object,
    )
    pieces = shapely.intersection(dense[line_i], clipped)
    return np.nan_to_num(geodesic_lengths_m(pieces, settings))


def _caspian_nearest(
    dense: npt.NDArray[np.object_], index: CountryIndex, settings: Settings
) -> list[tuple[int, str, float]]:
    """Attribute each Caspian segment to the nearest littoral state: (line, code, metres)."""
    if index.caspian is None or index.littoral_tree is None or index.to_local is None:
        return []
    candidates = np.flatnonzero(shapely.intersects(dense, index.caspian))
    if candidates.size == 0:
        return []
    pieces = shapely.intersection(dense[candidates], index.caspian)
    segments = segment_arrays(pieces)
    if len(segments) == 0:
        return []
    dist_m = segment_lengths_m(segments, settings)
    # Segments are at most densify_km long, so their lon/lat midpoint is close enough to say
    # which coast is nearest.
    mid_x, mid_y = index.to_local.transform(
        (segments.lons1 + segments.lons2) / 2.0, (segments.lats1 + segments.lats2) / 2.0
    )
    midpoints = shapely.points(mid_x, mid_y)
    _, nearest_edge = index.littoral_tree.query_nearest(midpoints, all_matches=False)
    nearest_j = index.littoral_owner[nearest_edge]
    n_codes = len(index.littoral_codes)
    sums = np.bincount(
        segments.feature * n_codes + nearest_j,
        weights=dist_m,
        minlength=candidates.size * n_codes,
    ).reshape(candidates.size, n_codes)
    out = []
    for row, col in zip(*np.nonzero(sums), strict=True):
        out.append((int(candidates[row]), index.littoral_codes[col], float(sums[row, col])))
    return out
