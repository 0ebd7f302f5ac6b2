"""A user's file's geometries as the batch readers get them: WKB decoded into shapely, and
moved from the file's CRS to EPSG:4326 (lon, lat).

* :func:`decode_wkb` reads a batch's WKB values, telling which hold curves (GEOS, so
  shapely, holds none);
* :func:`check_crs` refuses a CRS PROJ cannot read or that does not place positions on the
  Earth's surface, naming it;
* :func:`to_lonlat` moves geometries to lon/lat (a file's CRS parsed once, cached).
"""

from __future__ import annotations

import json
import os
import struct
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from caspian.layers.io.fileio import InputFileError, display_path
from caspian.layers.io.ogr_reader import unknown_crs

if TYPE_CHECKING:
    import numpy as np

#: Geometry type names by ``shapely.get_type_id + 1`` (-1 is a missing geometry): shapely's
#: numbering, not the order of GEOMETRY_TYPES (which named every MultiPolygon a
#: GeometryCollection and ran past its end on a real GeometryCollection).
SHAPELY_TYPE_NAMES = ("Unknown", "Point", "LineString", "LinearRing", "Polygon", "MultiPoint",
                      "MultiLineString", "MultiPolygon", "GeometryCollection")


#: WKB types (ISO numbering) of the curves of OGC Simple Features 1.2 / ISO 13249-3, which
#: GDAL reads from a GeoPackage, FlatGeobuf or File Geodatabase (QGIS and ArcGIS write them)
#: and GEOS, so shapely, cannot hold.
_CURVED_WKB_TYPES = {8: "CircularString", 9: "CompoundCurve", 10: "CurvePolygon",
                     11: "MultiCurve", 12: "MultiSurface"}


def decode_wkb(wkb: Any) -> tuple[Any, dict[int, str]]:
    """Shapely geometries of a batch's WKB values, and by position the type of each value
    with curves (None in the geometries): shapely refuses a whole batch for one curve."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    # A position that is not a number is reported by feature (the batch readers check every
    # position); numpy would also print "RuntimeWarning: invalid value encountered in
    # from_wkb" on stderr.
    with np.errstate(invalid="ignore"):
        try:
            return _without_measures(shapely.from_wkb(wkb, on_invalid="ignore")), {}
        except NotImplementedError:  # "Nonlinear geometry types are not currently supported"
            pass
    geoms = np.full(len(wkb), None, dtype=object)
    curved = {}
    for i, value in enumerate(wkb):  # rare: a batch with a curve, read value by value
        try:
            with np.errstate(invalid="ignore"):
                geoms[i] = shapely.from_wkb(value, on_invalid="ignore")
        except NotImplementedError:
            code = _wkb_type(value)
            curved[i] = _CURVED_WKB_TYPES.get(code) or (
                f"{SHAPELY_TYPE_NAMES[code + 1]} with curves" if 0 <= code < 8
                else "geometry with curves")
    return _without_measures(geoms), curved


def _without_measures(geoms: Any) -> Any:
    """``geoms`` with any M (a measure along the line, as linear referencing in QGIS or
    ArcGIS writes ``LineString M``/``ZM``) dropped: a measure is no coordinate, and the map's
    GeoJSON holds 2 or 3 numbers a position (a ZM line failed it with a traceback). Heights
    stay."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    has_m = getattr(shapely, "has_m", None)
    if has_m is None:  # shapely 2.0 (GEOS before 3.12) reads no measure at all
        return geoms
    measured = np.flatnonzero(has_m(geoms))
    if not measured.size:
        return geoms
    geoms = np.asarray(geoms, dtype=object).copy()
    for dimension in (2, 3):
        chosen = measured[shapely.has_z(geoms[measured]) == (dimension == 3)]
        if chosen.size:
            geoms[chosen] = shapely.from_wkb(shapely.to_wkb(
                geoms[chosen], output_dimension=dimension, flavor="iso"))
    return geoms


def _wkb_type(value: bytes) -> int:
    """The type of a WKB value, its dimensions dropped (ISO's +1000s, EWKB's flag bits)."""
    code: int = struct.unpack_from("<I" if value[0] == 1 else ">I", value, 1)[0]
    return (code & 0x0FFFFFFF) % 1000


def _crs_key(crs: Any) -> str:
    """A CRS the file names (text, or GeoParquet's PROJJSON object) as text, to cache by."""
    return crs if isinstance(crs, str) else json.dumps(crs, sort_keys=True)


def check_crs(path: str | os.PathLike[str], crs: Any) -> None:
    """Refuse a CRS that PROJ cannot read, or that does not place positions on the Earth's
    surface: a CAD drawing's local (engineering) CRS or another planet's raised with a
    traceback when the first batch was moved, a geocentric one measured 0 km and a vertical
    one swapped the axes, silently.

    Raises
    ------
    InputFileError
        Naming the CRS and how to give the right one.
    """
    if crs is None:
        return
    # slow import: PROJ database
    import pyproj.exceptions

    key = _crs_key(crs)
    try:
        source = _source_crs(key)
        if source.is_geographic or source.is_projected:
            _transformer(key)
            return
    except pyproj.exceptions.CRSError as exc:
        raise unknown_crs(path, exc) from None
    except pyproj.exceptions.ProjError:
        pass  # no transformation to lon/lat on the Earth (Mars's): said below
    kind = source.type_name[0].lower() + source.type_name[1:]
    raise InputFileError(display_path(path), (
        f"the file's CRS ({source.name!r}, {'an' if kind[0] in 'aeiou' else 'a'} {kind}) does "
        "not place its positions on the Earth's surface; give it the CRS its positions are in "
        "(ogr2ogr -a_srs EPSG:32639 out.gpkg in, with its EPSG code), or georeference it (QGIS "
        "Georeferencer)"))


def to_lonlat(geoms: np.ndarray[Any, Any], crs: Any) -> np.ndarray[Any, Any]:
    """``geoms`` in EPSG:4326 (lon, lat), from the file's CRS (None: taken as lon/lat;
    :func:`check_crs` has passed it)."""
    transformer = None if crs is None else _transformer(_crs_key(crs))
    if transformer is None:
        return geoms
    # slow import: GEOS and numpy
    import shapely

    return shapely.transform(geoms, lambda xy: _transformed(transformer, xy))


@lru_cache(maxsize=8)
def _transformer(crs: str) -> Any:
    """The transformer from ``crs`` (text or PROJJSON) to lon/lat; None when it is lon/lat.
    Cached: every batch of a file names the same CRS, and parsing it costs 30 ms."""
    # slow import: PROJ database
    import pyproj

    source = _source_crs(crs)
    if source.equals("EPSG:4326", ignore_axis_order=True) or source.equals("OGC:CRS84"):
        return None
    return pyproj.Transformer.from_crs(source, "EPSG:4326", always_xy=True)


@lru_cache(maxsize=8)
def _source_crs(crs: str) -> Any:
    """The pyproj CRS of ``crs`` (text or PROJJSON); cached, as :func:`_transformer`."""
    # slow import: PROJ database
    import pyproj

    return pyproj.CRS.from_user_input(json.loads(crs) if crs.startswith("{") else crs)


def _transformed(transformer: Any, xy: Any) -> Any:
    # slow import
    import numpy as np

    lons, lats = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lons, lats])
