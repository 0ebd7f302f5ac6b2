"""Geodesic lengths and distances on the ellipsoid, vectorised over every segment at once.

Everything here goes through one :class:`pyproj.Geod` per ellipsoid (Karney's algorithm, the
same as GeographicLib), never through planar degrees. Coordinates are ``(lon, lat)`` in degrees;
lengths come back in metres (``_m``) or kilometres (``_km``) as the name says.

The core trick: :func:`segment_arrays` turns any number of LineStrings and MultiLineStrings into
four flat arrays of segment end points plus the index of the feature each segment belongs to, so
that one ``Geod.inv`` call measures every segment of every feature and ``np.bincount`` sums them.
:func:`measure_lines` keeps that call's results (:class:`MeasuredLines`), so lengths,
densification and the country split of one run share a single pass over the segments.
"""

from __future__ import annotations

import itertools
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.arguments import positive_number, refuse, settings_or_default
from caspian.geo.errors import GeometryError
from caspian.geo.private_api import agreeing
from caspian.geo.settings import Settings

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: The one geodesic calculator on the WGS84 ellipsoid used across caspian-gis.
GEOD = pyproj.Geod(ellps="WGS84")

_POLYGONAL = {shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON}
_COLLECTIONS = [int(shapely.GeometryType.MULTIPOINT), int(shapely.GeometryType.MULTILINESTRING),
                int(shapely.GeometryType.MULTIPOLYGON),
                int(shapely.GeometryType.GEOMETRYCOLLECTION)]


@lru_cache(maxsize=8)
def _geod_for_ellps(ellps: str) -> pyproj.Geod:
    # Geod objects are immutable calculators, so caching one per ellipsoid name is safe.
    return GEOD if ellps == "WGS84" else pyproj.Geod(ellps=ellps)


def geod_for(settings: Settings | None = None) -> pyproj.Geod:
    """Return the :class:`pyproj.Geod` for ``settings.ellps`` (WGS84 by default)."""
    return _geod_for_ellps(settings_or_default(settings).ellps)


def local_projection(
    centre_lonlat: tuple[float, float], *, kind: str = "aeqd", decimals: int = 6
) -> pyproj.Transformer:
    """The transformer from ``(lon, lat)`` degrees to a local plane in metres, WGS84 datum.

    Parameters
    ----------
    centre_lonlat : tuple of float
        ``(lon, lat)`` of the projection's centre, degrees.
    kind : str
        ``"aeqd"`` (azimuthal equidistant: true distances from the centre) or ``"gnom"``
        (gnomonic: every great circle is a straight line).
    decimals : int
        The centre is rounded to this many decimals, so that nearby centres give the same
        plane (and the same bytes downstream).

    Returns
    -------
    pyproj.Transformer
        ``always_xy=True``: ``transform(lons, lats)`` gives ``(x, y)`` metres; its inverse
        direction goes back.
    """
    lon_0, lat_0 = centre_lonlat
    return pyproj.Transformer.from_crs(
        "EPSG:4326",
        f"+proj={kind} +lat_0={lat_0:.{decimals}f} +lon_0={lon_0:.{decimals}f} +datum=WGS84 "
        "+units=m",
        always_xy=True,
    )


@dataclass(frozen=True)
class Segments:
    """Every segment of a set of line geometries as flat arrays."""

    #: Longitude of each segment's start, degrees.
    lons1: FloatArray
    #: Latitude of each segment's start, degrees.
    lats1: FloatArray
    #: Longitude of each segment's end, degrees.
    lons2: FloatArray
    #: Latitude of each segment's end, degrees.
    lats2: FloatArray
    #: Index (into the input array) of the geometry each segment belongs to.
    feature: IntArray
    #: Number of input geometries (so that ``np.bincount(..., minlength=n_features)`` covers
    #: geometries without segments).
    n_features: int

    def __len__(self) -> int:
        return int(self.lons1.size)


def as_geometry_array(geoms: Any, name: str = "geoms") -> npt.NDArray[np.object_]:
    """Return ``geoms`` (one geometry, a sequence, a GeoSeries) as a 1-D object array.

    Raises
    ------
    ArgumentError
        For ``None`` itself, and for an item that is neither a shapely geometry nor ``None``
        (a missing geometry).
    """
    if geoms is None or isinstance(geoms, (str, bytes)):
        refuse(name, geoms, "shapely geometries (one, a list, an array or a GeoSeries)")
    crs = getattr(geoms, "crs", None)
    if crs is not None and getattr(crs, "is_projected", False):
        # a GeoSeries says its unit: metres read as degrees would give a length that looks
        # right and is not (10 m of EPSG:3857 near (0, 0) measured 1,541.9 km)
        raise GeometryError(
            f"{name} are in {crs.to_string()} ({getattr(crs, 'name', 'projected')}), whose "
            f"coordinates are not degrees of longitude and latitude; give {name}.to_crs(4326)")
    values = getattr(geoms, "values", geoms)
    array = np.asarray(values, dtype=object)
    array = array.reshape(-1) if array.ndim != 1 else array
    bad = ~(shapely.is_geometry(array) | shapely.is_missing(array))
    if bad.any():
        refuse(f"{name}[{int(np.flatnonzero(bad)[0])}]", array[bad][0],
               "a shapely geometry, or None for a missing one")
    return array


def degrees_array(values: npt.ArrayLike, name: str) -> FloatArray:
    """``values`` (a number or a sequence of numbers of degrees) as a flat float array; text,
    booleans and other objects are refused, not converted."""
    try:
        array = np.asarray(values)
    except (TypeError, ValueError):  # ragged nesting
        array = np.asarray(None)
    if array.dtype.kind not in "iuf":
        refuse(name, values, "numbers of degrees (a list or an array of floats)")
    return array.astype(float).reshape(-1)


def _same_count(lons: FloatArray, lats: FloatArray) -> None:
    if lons.shape != lats.shape:
        raise GeometryError(f"lons has {lons.size} value(s) but lats {lats.size}; give one "
                            "latitude per longitude")


def check_coordinates(lons: npt.ArrayLike, lats: npt.ArrayLike) -> None:
    """Raise :class:`GeometryError` for non-finite coordinates or latitudes beyond ±90°.

    Parameters
    ----------
    lons, lats : array_like of float
        Longitudes and latitudes in degrees.
    """
    lons_a = np.asarray(lons, dtype=float)
    lats_a = np.asarray(lats, dtype=float)
    bad = ~(np.isfinite(lons_a) & np.isfinite(lats_a))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise GeometryError(
            f"coordinate #{i} ({lons_a.flat[i]}, {lats_a.flat[i]}) is not a finite number; "
            "remove it or fix the source data"
        )
    out = np.abs(lats_a) > 90.0
    if out.any():
        i = int(np.flatnonzero(out)[0])
        raise GeometryError(
            f"coordinate #{i} has latitude {lats_a.flat[i]} beyond ±90°; coordinates must be "
            "[lon, lat] (longitude first)"
        )


@dataclass(frozen=True)
class _Vertices:
    """Every vertex of a set of geometries, with the part and feature it belongs to."""

    coords: FloatArray  # (n, 2) lon, lat
    vertex_part: IntArray  # part of each vertex
    part_feature: IntArray  # feature of each part
    start: IntArray  # vertex index of each segment's first end (its second is start + 1)


def _parts(array: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.object_], IntArray]:
    """The single parts of ``array`` and the geometry of each (``shapely.get_parts``), without
    copying when every geometry is single already (a user's ways: 0.15 s per 20,000)."""
    types = shapely.get_type_id(array)
    if np.isin(types, _COLLECTIONS).any():
        return shapely.get_parts(array, return_index=True)
    present = np.flatnonzero(types >= 0)
    return array[present], present


def _vertices(array: npt.NDArray[np.object_]) -> _Vertices:
    """The vertices of ``array``'s parts, checked (no polygon, finite, latitudes ±90°)."""
    parts, part_feature = _parts(array)
    if parts.size:
        types = shapely.get_type_id(parts)
        polygonal = np.isin(types, [int(t) for t in _POLYGONAL])
        if polygonal.any():
            i = int(part_feature[np.flatnonzero(polygonal)[0]])
            raise GeometryError(
                f"geometry #{i} is a polygon; lengths are measured on lines "
                "(pass its boundary to measure a perimeter)"
            )
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    check_coordinates(coords[:, 0], coords[:, 1])
    start = np.flatnonzero(vertex_part[1:] == vertex_part[:-1])
    return _Vertices(coords, vertex_part, part_feature.astype(np.intp, copy=False), start)


def _segments(array: npt.NDArray[np.object_], vertices: _Vertices) -> Segments:
    coords, vertex_part, part_feature = vertices.coords, vertices.vertex_part, vertices.part_feature
    # Each vertex followed by one of its own part (the vertices at ``start`` and
    # ``start + 1``), taken by a mask over consecutive vertices rather than by the indices:
    # the same values, at half the cost of gathering a million of each.
    inner = vertex_part[1:] == vertex_part[:-1]
    part = vertex_part[:-1][inner]
    single = part_feature.size == array.size and bool(
        (part_feature == np.arange(array.size)).all())
    return Segments(
        lons1=coords[:-1, 0][inner],
        lats1=coords[:-1, 1][inner],
        lons2=coords[1:, 0][inner],
        lats2=coords[1:, 1][inner],
        # Each geometry one part (single lines, none missing): no second lookup.
        feature=part if single else part_feature[part],
        n_features=int(array.size),
    )


def segment_arrays(geoms: Any) -> Segments:
    """Flatten the segments of line geometries into arrays, without crossing part boundaries.

    Parameters
    ----------
    geoms : shapely geometry or array_like of geometries
        LineStrings, MultiLineStrings, Points (no segments), empty or missing geometries (no
        segments) and GeometryCollections of those. Coordinates are ``(lon, lat)`` degrees.

    Returns
    -------
    Segments
        One entry per segment. The last vertex of one part of a MultiLineString and the first
        vertex of the next part do not make a segment.

    Raises
    ------
    GeometryError
        For polygons (whose length would be a perimeter: measure ``geom.boundary`` instead),
        non-finite coordinates or latitudes beyond ±90°.
    """
    array = as_geometry_array(geoms)
    return _segments(array, _vertices(array))


@dataclass(frozen=True)
class MeasuredLines:
    """Geometries whose every segment has been measured once (one ``Geod.inv`` call).

    Lengths, geodesic densification (:func:`densify_measured`) and the country split
    (:func:`caspian.geo.countries.split_by_country`) all read these numbers, so a run
    measures each segment of the user's lines once.
    """

    #: The geometries measured, ``(lon, lat)`` degrees.
    geoms: npt.NDArray[np.object_]
    #: Geodesic length of each geometry, metres (0 for points and empty geometries, NaN for
    #: missing ones).
    lengths_m: FloatArray
    #: Every segment's end points and feature.
    segments: Segments
    #: Forward azimuth at each segment's start, degrees.
    azimuths_deg: FloatArray
    #: Geodesic length of each segment, metres.
    dist_m: FloatArray
    vertices: _Vertices
    ellps: str


#: Segments per thread of one measuring pass: pyproj's ``Geod.inv`` releases the GIL in its
#: loop, so the slices of a large pass run on every core at once (with the same numbers).
SEGMENTS_PER_THREAD = 50_000


def _cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _inverse_in_threads(
    geod: pyproj.Geod, segments: Segments, per_thread: int = SEGMENTS_PER_THREAD
) -> tuple[FloatArray, FloatArray]:
    """Forward azimuth (degrees) and length (metres) of every segment: ``Geod.inv`` over
    slices of at least ``per_thread`` segments, one thread per core."""
    count = len(segments)
    azimuths_deg, dist_m = np.empty(count), np.empty(count)
    threads = max(1, min(_cores(), count // per_thread))
    bounds = np.linspace(0, count, threads + 1).astype(int).tolist()

    def inverse(first: int, last: int) -> None:
        azimuths, _, dist = geod.inv(
            segments.lons1[first:last], segments.lats1[first:last],
            segments.lons2[first:last], segments.lats2[first:last],
        )
        azimuths_deg[first:last], dist_m[first:last] = azimuths, dist

    if threads == 1:
        if count:
            inverse(0, count)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(inverse, bounds[:-1], bounds[1:]))
    return azimuths_deg, dist_m


def measure_lines(geoms: Any, settings: Settings | None = None) -> MeasuredLines:
    """Measure every segment of ``geoms`` in one vectorised ``Geod.inv`` call.

    Parameters
    ----------
    geoms : shapely geometry or array_like of geometries
        As :func:`segment_arrays` takes them.
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid (WGS84 by default).

    Raises
    ------
    GeometryError
        As :func:`segment_arrays`.
    """
    array = as_geometry_array(geoms)
    vertices = _vertices(array)
    segments = _segments(array, vertices)
    azimuths_deg, dist_m = _inverse_in_threads(geod_for(settings), segments)
    lengths_m: FloatArray = np.bincount(
        segments.feature, weights=dist_m, minlength=segments.n_features
    ).astype(float)
    lengths_m[shapely.is_missing(array)] = np.nan
    return MeasuredLines(array, lengths_m, segments, azimuths_deg, dist_m, vertices,
                         settings_or_default(settings).ellps)


def geodesic_lengths_m(geoms: Any, settings: Settings | None = None) -> FloatArray:
    """Return the geodesic length of each geometry on the ellipsoid, in metres.

    All segments of all geometries are measured in one vectorised ``Geod.inv`` call and summed
    per geometry, so the cost is that of the call, not of a Python loop.

    Parameters
    ----------
    geoms : shapely geometry or array_like of geometries
        LineStrings and MultiLineStrings in ``(lon, lat)`` degrees. Points and empty
        geometries have length 0; missing geometries (``None``) give NaN.
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid (WGS84 by default).

    Returns
    -------
    numpy.ndarray of float
        One length per input geometry, metres.

    Raises
    ------
    GeometryError
        For polygons, non-finite coordinates or latitudes beyond ±90°.
    """
    return measure_lines(geoms, settings).lengths_m


def geodesic_lengths_km(geoms: Any, settings: Settings | None = None) -> FloatArray:
    """Return :func:`geodesic_lengths_m` in kilometres."""
    return geodesic_lengths_m(geoms, settings) / 1000.0


def linestring_lengths_km(geoms: Any, settings: Settings | None = None) -> FloatArray:
    """Return the geodesic length of each (Multi)LineString in kilometres, NaN for the rest.

    Unlike :func:`geodesic_lengths_km`, which measures points as 0 and refuses polygons, this
    gives a length only where a length means something — lines — and NaN for points,
    polygons and missing geometries, so mixed layers (a user's file, an export) can be
    measured in one call.

    Parameters
    ----------
    geoms : shapely geometry or array_like of geometries
        Any geometries in ``(lon, lat)`` degrees.
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid (WGS84 by default).

    Returns
    -------
    numpy.ndarray of float
        One value per input geometry, kilometres or NaN.
    """
    array = as_geometry_array(geoms)
    types = shapely.get_type_id(array)
    lines = (types == shapely.GeometryType.LINESTRING) | (
        types == shapely.GeometryType.MULTILINESTRING
    )
    lengths_km = np.full(array.size, np.nan)
    if lines.any():
        lengths_km[lines] = geodesic_lengths_km(array[lines], settings)
    return lengths_km


def line_length_m(
    lons: npt.ArrayLike, lats: npt.ArrayLike, settings: Settings | None = None
) -> float:
    """Return the geodesic length of one polyline in metres.

    Parameters
    ----------
    lons, lats : array_like of float
        Vertices in order, degrees.
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid.
    """
    lons_a, lats_a = degrees_array(lons, "lons"), degrees_array(lats, "lats")
    _same_count(lons_a, lats_a)
    check_coordinates(lons_a, lats_a)
    if lons_a.size < 2:
        return 0.0
    _, _, dist_m = geod_for(settings).inv(lons_a[:-1], lats_a[:-1], lons_a[1:], lats_a[1:])
    return float(np.sum(dist_m))


def geodesic_distance_matrix_m(
    lons: npt.ArrayLike, lats: npt.ArrayLike, settings: Settings | None = None
) -> FloatArray:
    """Return the geodesic (shortest path on the ellipsoid) distance between every pair.

    This is what is loosely called a great-circle distance, computed exactly on the ellipsoid
    rather than on a sphere: the shortest over-the-surface path, not a route by sea or road.

    Parameters
    ----------
    lons, lats : array_like of float
        Point coordinates, degrees; ``n`` points.
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid.

    Returns
    -------
    numpy.ndarray of float, shape (n, n)
        Distances in metres; symmetric with a zero diagonal.
    """
    lons_a, lats_a = degrees_array(lons, "lons"), degrees_array(lats, "lats")
    _same_count(lons_a, lats_a)
    check_coordinates(lons_a, lats_a)
    n = lons_a.size
    matrix = np.zeros((n, n))
    if n < 2:
        return matrix
    # Measure each unordered pair once and mirror it, so the matrix is exactly symmetric.
    i, j = np.triu_indices(n, k=1)
    _, _, dist_m = geod_for(settings).inv(lons_a[i], lats_a[i], lons_a[j], lats_a[j])
    matrix[i, j] = dist_m
    matrix[j, i] = dist_m
    return matrix


def densify_geodesic(
    geoms: Any, max_segment_km: float, settings: Settings | None = None
) -> npt.NDArray[np.object_]:
    """Add vertices along each segment's geodesic so that no segment exceeds a length.

    Vectorised: one ``Geod.inv`` for all segments, one ``Geod.fwd`` for all new vertices.
    Longitudes are kept continuous along each part (they may leave [-180, 180] where a line
    crosses the antimeridian), so that the planar line between two vertices stays near the
    geodesic and can be cut by country polygons.

    Parameters
    ----------
    geoms : array_like of geometries
        LineStrings and MultiLineStrings (others pass through unchanged), ``(lon, lat)``.
    max_segment_km : float
        Longest allowed segment, kilometres (> 0).
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid.

    Returns
    -------
    numpy.ndarray of shapely geometries
        LineStrings stay LineStrings and MultiLineStrings stay MultiLineStrings; the geodesic
        length of each output equals the input's to rounding.
    """
    positive_number(max_segment_km, "max_segment_km", "km")
    array = as_geometry_array(geoms)
    out = array.copy()
    is_line = _is_line(array)
    if is_line.any():
        lines_only = array.copy()
        lines_only[~is_line] = None
        measured = measure_lines(lines_only, settings)
        out[is_line] = densify_measured(measured, max_segment_km, settings)[is_line]
    return out


def _is_line(array: npt.NDArray[np.object_]) -> npt.NDArray[np.bool_]:
    types = shapely.get_type_id(array)
    return np.isin(
        types, [int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING)]
    ) & ~shapely.is_empty(array)


def densify_measured(
    measured: MeasuredLines, max_segment_km: float, settings: Settings | None = None
) -> npt.NDArray[np.object_]:
    """:func:`densify_geodesic` of lines already measured: no segment is measured again.

    When no segment is longer than ``max_segment_km`` and none steps across the
    antimeridian, the lines are returned as they are (in 2-D): there is nothing to add.

    Parameters
    ----------
    measured : MeasuredLines
        From :func:`measure_lines`, with the same ``settings``.
    max_segment_km : float
        Longest allowed segment, kilometres (> 0).
    settings : Settings, optional
        ``settings.ellps`` names the ellipsoid of the new vertices.

    Returns
    -------
    numpy.ndarray of shapely geometries
        One per geometry of ``measured``; only non-empty (Multi)LineStrings change.
    """
    positive_number(max_segment_km, "max_segment_km", "km")
    if measured.ellps != settings_or_default(settings).ellps:
        raise GeometryError(
            f"lines measured on {measured.ellps} cannot be densified on "
            f"{settings_or_default(settings).ellps}; measure them with the same settings"
        )
    array = measured.geoms
    out = array.copy()
    is_line = _is_line(array)
    n_sub = np.maximum(1, np.ceil(measured.dist_m / (max_segment_km * 1000.0))).astype(np.intp)
    segments = measured.segments
    if not (n_sub > 1).any() and not (np.abs(segments.lons2 - segments.lons1) > 180.0).any():
        # Nothing to add and nothing to unwrap: the common case of finely mapped lines.
        has_z = shapely.has_z(array[is_line])
        if has_z.any():
            out[np.flatnonzero(is_line)[has_z]] = shapely.force_2d(array[is_line][has_z])
        return out
    vertices = measured.vertices
    # Only the vertices of line features are rebuilt (points and collections pass through).
    keep_part = is_line[vertices.part_feature]
    keep_vertex = keep_part[vertices.vertex_part]
    part_number = np.cumsum(keep_part) - 1
    vertex_number = np.cumsum(keep_vertex) - 1
    keep_segment = keep_vertex[vertices.start]
    coords = vertices.coords[keep_vertex]
    vertex_part = part_number[vertices.vertex_part[keep_vertex]]
    part_feature = vertices.part_feature[keep_part]
    start = vertex_number[vertices.start[keep_segment]]
    az12 = measured.azimuths_deg[keep_segment]
    dist_m = measured.dist_m[keep_segment]
    n_sub = n_sub[keep_segment]
    new_xy, new_part = _insert_points(coords, vertex_part, start, az12, dist_m, n_sub,
                                      geod_for(settings))
    new_xy[:, 0] = _unwrap_lons(new_xy[:, 0], new_part)
    new_parts = shapely.linestrings(new_xy, indices=new_part)
    is_multi = shapely.get_type_id(array) == int(shapely.GeometryType.MULTILINESTRING)
    single = ~is_multi[part_feature]
    out[part_feature[single]] = new_parts[single]
    if (~single).any():
        # ``indices`` must run 0, 1, 2 ... so number the multi-part features compactly.
        owners, compact = np.unique(part_feature[~single], return_inverse=True)
        out[owners] = shapely.multilinestrings(new_parts[~single], indices=compact)
    return out


def densify_path(lonlats: Any, max_segment_km: float, geod: pyproj.Geod = GEOD) -> FloatArray:
    """The vertices of one line as :func:`densify_geodesic` densifies it, faster.

    For a router's path of a few vertices, where building and measuring a geometry array
    cost more than the two ``Geod`` calls; the vertices are the same numbers.

    Parameters
    ----------
    lonlats : array_like, shape (n, 2)
        The line's vertices, ``(lon, lat)`` degrees, n >= 2.
    max_segment_km : float
        Longest allowed segment, kilometres (> 0).
    geod : pyproj.Geod
        The ellipsoid whose geodesics the inserted vertices follow (WGS84 by default).

    Returns
    -------
    numpy.ndarray, shape (m, 2)
    """
    if type(max_segment_km) is not float or not 0.0 < max_segment_km < math.inf:
        max_segment_km = positive_number(max_segment_km, "max_segment_km", "km")
    step_m = max_segment_km * 1000.0
    # a router's path comes as a list of (lon, lat) tuples of floats: read as it is (an
    # array made and turned back into lists costs 3 µs, the same numbers)
    vertices = (lonlats if type(lonlats) is list and all(
        type(vertex) is tuple and len(vertex) == 2 and type(vertex[0]) is float
        and type(vertex[1]) is float for vertex in lonlats)
        else np.asarray(lonlats, dtype=float).tolist())
    # each segment measured in plain floats (a route has a dozen segments: pyproj's path for
    # floats costs a tenth of its array path's overhead); the operations, so the numbers, are
    # those of _insert_points
    inverse = geod.inv
    segments: list[list[float]] = [[], [], [], []]  # start lons, start lats, azimuths, metres
    start_lons, start_lats, azimuths, distances = segments
    pieces = []
    jump = False
    for (lon, lat), (next_lon, next_lat) in itertools.pairwise(vertices):
        azimuth, _, dist_m = inverse(lon, lat, next_lon, next_lat)
        pieces.append(max(1, math.ceil(dist_m / step_m)))
        jump = jump or abs(next_lon - lon) > 180.0
        start_lons.append(lon)
        start_lats.append(lat)
        azimuths.append(azimuth)
        distances.append(dist_m)
    rows_total = sum(pieces)
    if rows_total == len(pieces) and not jump:
        return np.asarray(lonlats, dtype=float)
    # Every row of the output but the last is point k = 0 .. pieces - 1 of its segment, at
    # k / pieces of its length: the per-segment values repeated once per row (one array call
    # each), one Geod.fwd over every row, then the vertices written over their k = 0 rows (a
    # point 0 m along is the vertex; its own numbers are kept).
    rows = np.array(segments).repeat(pieces, axis=1)
    # k / pieces of each segment, from arrays kept per count of pieces (the same division)
    rows[3] *= np.concatenate([_fractions(count) for count in pieces])
    _forward(geod, rows)
    new_xy = np.empty((rows_total + 1, 2))
    new_xy[:-1] = rows[:2].T
    # the vertices row by row: a route has a handful, and an index array of their rows
    # cost more to build and scatter through
    row = 0
    for vertex, count in zip(vertices, pieces, strict=False):  # the last has no segment
        new_xy[row] = vertex
        row += count
    new_xy[row] = vertices[-1]
    # A geodesic's longitude runs monotonically between its ends, so where the vertices span
    # less than 179 degrees the line spans less than 180 and holds no step of 180 or more
    # (the test below, skipped: two array reductions for nothing)
    vertex_lons = [lon for lon, _ in vertices]
    if max(vertex_lons) - min(vertex_lons) >= 179.0:
        lons = new_xy[:, 0]
        # no step of 180 degrees or more can hide in a span of less
        if lons.max() - lons.min() >= 180.0 and (np.abs(np.diff(lons)) >= 180.0).any():
            new_xy[:, 0] = _unwrap_lons(lons, np.zeros(new_xy.shape[0], dtype=np.intp))
    return new_xy


def densify_legs(
    legs: list[tuple[float, float, float, float]], step_m: float, geod: pyproj.Geod = GEOD
) -> list[FloatArray]:
    """The rows :func:`densify_path` gives each segment of a line, segment by segment.

    ``legs`` are ``(lon1, lat1, lon2, lat2)`` segments in degrees, plain floats, none
    crossing the antimeridian (``abs(lon2 - lon1) <= 180``); ``step_m`` is
    ``max_segment_km * 1000``. Each leg's array (a view of one array of every leg's points)
    holds its start vertex and the points :func:`densify_path` inserts along it (one
    ``Geod.fwd`` call for every leg's points), not its end vertex: the arrays of a line's
    legs joined, and its last vertex after them, are :func:`densify_path`'s vertices of the
    line, the same numbers (the same operations on each point), as long as its vertices span
    less than 179 degrees of longitude (where :func:`densify_path` never unwraps). A router
    keeps the arrays of its graph's edges (computed once) and measures only its ends' legs.
    """
    inverse = geod.inv
    segments: list[list[float]] = [[], [], [], []]  # start lons, start lats, azimuths, metres
    start_lons, start_lats, azimuths, distances = segments
    pieces = []
    for lon, lat, next_lon, next_lat in legs:
        azimuth, _, dist_m = inverse(lon, lat, next_lon, next_lat)
        pieces.append(max(1, math.ceil(dist_m / step_m)))
        start_lons.append(lon)
        start_lats.append(lat)
        azimuths.append(azimuth)
        distances.append(dist_m)
    rows = np.array(segments).repeat(pieces, axis=1)
    rows[3] *= np.concatenate([_fractions(count) for count in pieces])
    _forward(geod, rows)
    out = []
    row = 0
    for (lon, lat, _, _), count in zip(legs, pieces, strict=True):
        # a point 0 m along is the vertex: its own numbers (written number by number: a
        # sequence assigned to a row costs more)
        rows[0, row] = lon
        rows[1, row] = lat
        out.append(rows[:2, row:row + count].T)  # a view: the caller joins or copies it
        row += count
    return out


def _forward_function() -> Any:
    """``forward(geod, rows)``: :meth:`pyproj.Geod.fwd` of the four rows of a ``(4, m)``
    float64 array (start lons, start lats, azimuths, metres) in place, the end points'
    lons and lats written over the first two rows.

    ``Geod.fwd`` of arrays first tries its path for scalars (a raised and caught TypeError),
    then checks and wraps each of its four arguments and unwraps three results: about 4.6 µs
    of a route's 30 µs of geodesics. Its private ``Geod._fwd`` does the same geodesic
    computation in place; pyproj may change it, so it is used only while it gives what
    ``Geod.fwd`` gives (checked here, at import: any failure or difference falls back to the
    public method).
    """

    def public(geod: pyproj.Geod, rows: FloatArray) -> None:
        geod.fwd(rows[0], rows[1], rows[2], rows[3], inplace=True)

    def private(geod: pyproj.Geod, rows: FloatArray) -> None:
        geod._fwd(rows[0], rows[1], rows[2], rows[3], False, True)

    def agrees() -> bool:
        sample = np.array([[50.25, -179.5, 10.0], [42.5, 60.0, -89.0], [30.0, 271.0, -45.5],
                           [0.0, 123_456.7, 9_000_000.0]])
        expected, found = sample.copy(), sample.copy()
        public(GEOD, expected)
        private(GEOD, found)
        return bool(np.array_equal(expected, found))

    return agreeing(private, public, agrees)


#: :meth:`pyproj.Geod.fwd` of a ``(4, m)`` array's rows in place (:func:`_forward_function`).
_forward = _forward_function()


@lru_cache(maxsize=4096)
def _fractions(pieces: int) -> FloatArray:
    """``k / pieces`` for ``k = 0 .. pieces - 1``, read-only (:func:`densify_path` joins
    them: one array call for the several it took to build them)."""
    fractions = np.arange(pieces) / pieces
    fractions.flags.writeable = False
    return fractions


def _insert_points(
    coords: FloatArray,
    vertex_part: IntArray,
    start: IntArray,
    az12: FloatArray,
    dist_m: FloatArray,
    n_sub: IntArray,
    geod: pyproj.Geod,
) -> tuple[FloatArray, IntArray]:
    """Vertices with ``n_sub - 1`` points inserted along each segment's geodesic (one
    ``Geod.fwd`` call), and the part of each."""
    n_vertices = coords.shape[0]
    # Vertices each original vertex contributes: itself plus (n_sub - 1) interior points.
    extra = np.zeros(n_vertices, dtype=np.intp)
    extra[start] = n_sub - 1
    counts = 1 + extra
    offsets = np.concatenate([[0], np.cumsum(counts)])
    new_xy = np.empty((int(offsets[-1]), 2))
    new_part = np.repeat(vertex_part, counts)
    new_xy[offsets[:-1]] = coords
    # Interior points: for segment s with n_sub[s] pieces, points k = 1 .. n_sub[s] - 1.
    seg_of_point = np.repeat(np.arange(start.size), n_sub - 1)
    if seg_of_point.size:
        first = np.repeat(np.cumsum(n_sub - 1) - (n_sub - 1), n_sub - 1)
        k = np.arange(seg_of_point.size) - first + 1
        frac = k / n_sub[seg_of_point]
        s0 = start[seg_of_point]
        lons_new, lats_new, _ = geod.fwd(
            coords[s0, 0], coords[s0, 1], az12[seg_of_point], dist_m[seg_of_point] * frac
        )
        position = offsets[s0] + k
        new_xy[position, 0] = lons_new
        new_xy[position, 1] = lats_new
    return new_xy, new_part


def _unwrap_lons(lons: FloatArray, part: IntArray) -> FloatArray:
    """Make longitudes continuous within each part (no jump of ~360° at the antimeridian)."""
    if lons.size < 2:
        return lons
    step = np.diff(lons)
    step[part[1:] != part[:-1]] = 0.0
    wrap = np.zeros_like(lons)
    correction = -360.0 * np.round(step / 360.0)
    # Reset the running correction at the start of each part.
    cumulative = np.cumsum(correction)
    starts = np.flatnonzero(np.concatenate([[True], part[1:] != part[:-1]]))
    base = np.concatenate([[0.0], cumulative])[starts]
    wrap[1:] = cumulative
    wrap -= np.repeat(base, np.diff(np.concatenate([starts, [lons.size]])))
    return lons + wrap
