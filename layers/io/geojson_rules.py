"""The rules a user's GeoJSON must pass before caspian-gis reads it (RFC 7946 and a bit more).

:func:`check_document` walks a parsed document and returns every problem it finds as
``(feature_index, feature_id, message)`` tuples in the order met; :mod:`caspian.layers.io.userdata`
wraps them in :class:`~caspian.layers.io.userdata.Problem`. Each message says what is wrong and
how to fix it. Nothing here reads files.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import shapely
import shapely.geometry
from caspian.layers.catalog.schema import USER_PROPERTIES, Spec
from caspian.layers.io.geojson_coordinates import (
    DEPTH,
    BadNumber,
    Context,
    Found,
    PositionBlock,
    bbox_problem,
    check_positions,
    describe,
    is_number,
    prepare_positions,
)
from caspian.layers.io.safe_text import lone_surrogate

__all__ = [
    "GEOMETRY_TYPES",
    "SUPPORTED_GEOMETRY_TYPES",
    "WGS84_NAMES",
    "BadNumber",
    "Found",
    "PositionBlock",
    "StreamedCollectionCheck",
    "check_document",
    "check_features",
    "prepare_positions",
]

#: Geometry types RFC 7946 defines, and the ones caspian-gis reads by default.
GEOMETRY_TYPES: tuple[str, ...] = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
SUPPORTED_GEOMETRY_TYPES: tuple[str, ...] = GEOMETRY_TYPES[:-1]

#: ``crs`` names that all mean WGS84 longitude/latitude (the only CRS RFC 7946 allows).
WGS84_NAMES = frozenset(
    {
        "urn:ogc:def:crs:ogc:1.3:crs84",
        "urn:ogc:def:crs:ogc::crs84",
        "ogc:crs84",
        "crs84",
        "epsg:4326",
        "urn:ogc:def:crs:epsg::4326",
        "urn:ogc:def:crs:epsg:6.6:4326",
        "http://www.opengis.net/def/crs/ogc/1.3/crs84",
        "http://www.opengis.net/def/crs/epsg/0/4326",
        "wgs84",
        "wgs 84",
    }
)

def _suggest_type(name: Any) -> str:
    if isinstance(name, str):
        for known in ("FeatureCollection", "Feature", *GEOMETRY_TYPES):
            if name.lower() == known.lower():
                return f"; GeoJSON types are case-sensitive: write {known!r}"
        if name == "Topology":
            return ("; this is TopoJSON: convert it to GeoJSON first "
                    "(e.g. mapshaper -o format=geojson)")
    return ("; expected FeatureCollection, Feature or a geometry type "
            "(Point, LineString, Polygon, ...)")


def check_document(
    doc: Any,
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    block: PositionBlock | None = None,
    *,
    properties: Spec = USER_PROPERTIES,
    unicode_escapes: bool = True,
) -> list[Found]:
    """Check a parsed GeoJSON document and return its problems in the order found.

    Parameters
    ----------
    doc : object
        The output of ``json.loads`` (with :class:`BadNumber` in place of NaN/Infinity).
    geometry_types : sequence of str
        Geometry types the caller can use; any other type is a problem.
    allow_null_geometry : bool
        Whether a Feature with ``"geometry": null`` is acceptable.
    block : PositionBlock, optional
        The document's :func:`prepare_positions`, when the caller already has it (it is
        computed here otherwise); the coordinate arrays it cleared are not checked again.
    properties : Spec
        The shape every Feature's ``properties`` must have
        (:mod:`caspian.layers.catalog.schema`): by default the catalog properties caspian
        reads with a meaning; the catalog check passes the whole catalog schema.
    unicode_escapes : bool
        Whether the JSON text may hold ``\\u`` escapes; only they can make a lone surrogate
        (text that is not valid Unicode), so without any the strings are not searched.

    Returns
    -------
    list of (int or None, object, str)
        ``(feature index, feature id, message)``; the index is None for file-level problems.
    """
    if block is None:
        block = prepare_positions(doc)
    ctx = Context(tuple(geometry_types), allow_null_geometry, block, properties=properties,
                  unicode_escapes=unicode_escapes)
    kind = _top_level_type(ctx, doc)
    if kind is None:
        return ctx.found
    _check_crs_member(ctx, doc, None, None)
    if kind == "FeatureCollection":
        # a single Feature's or geometry's bbox is its own, checked with it
        _check_bbox_member(ctx, doc, None, None, "\"bbox\"")
        _check_collection(ctx, doc)
    elif kind == "Feature":
        _check_feature(ctx, doc, 0)
    else:
        _check_geometry(ctx, doc, 0, None, "geometry")
    _check_crs_consistency(ctx)
    return ctx.found


def _top_level_type(ctx: Context, doc: Any) -> str | None:
    """The document's GeoJSON type; None (and the problem recorded) when it has none."""
    if not isinstance(doc, dict):
        ctx.add(None, None, f"not GeoJSON: the top level is {describe(doc)}, "
                f"not an object with a \"type\"; wrap features in a FeatureCollection")
        return None
    kind = doc.get("type")
    if "type" not in doc:
        hint = (" (it has \"features\": add \"type\": \"FeatureCollection\")"
                if "features" in doc else "")
        ctx.add(None, None, f"not GeoJSON: the top-level object has no \"type\" member{hint}")
        return None
    if kind != "FeatureCollection" and kind != "Feature" and kind not in GEOMETRY_TYPES:
        shown = repr(kind) if isinstance(kind, str) else describe(kind)
        ctx.add(None, None, f"not GeoJSON: unknown type {shown}{_suggest_type(kind)}")
        return None
    return str(kind)


class StreamedCollectionCheck:
    """:func:`check_document` for a FeatureCollection read a batch of features at a time.

    The same rules in the same words: :meth:`batch` checks each batch's features (ids are
    compared with every id before them), :meth:`finish` the collection's other members and
    what only the whole file shows (no features, mixed CRS hints).
    """

    def __init__(self, geometry_types: Sequence[str], allow_null_geometry: bool, *,
                 properties: Spec = USER_PROPERTIES) -> None:
        self._ctx = Context(tuple(geometry_types), allow_null_geometry, properties=properties)
        #: Features checked so far.
        self.count = 0

    def batch(self, features: list[Any], block: PositionBlock | None,
              unicode_escapes: bool = True) -> list[Found]:
        """The problems of the next ``features`` (``block``: their :func:`prepare_positions`)."""
        first = len(self._ctx.found)
        self._ctx.block, self._ctx.unicode_escapes = block, unicode_escapes
        check_features(self._ctx, features, self.count)
        self.count += len(features)
        return self._ctx.found[first:]

    def finish(self, members: dict[str, Any], streamed_features: bool) -> list[Found]:
        """The problems of the collection's other ``members``, once every batch is checked.

        ``streamed_features``: a ``features`` list was read (its members went through
        :meth:`batch`); otherwise ``members`` holds ``features`` if the file has one. (A file
        whose top level is a single Feature or geometry is the document ``members``, checked
        whole by :func:`check_document`.)
        """
        ctx, first = self._ctx, len(self._ctx.found)
        doc = {**members, **({"features": []} if streamed_features else {})}
        kind = _top_level_type(ctx, doc)
        if kind is not None:
            _check_crs_member(ctx, doc, None, None)
            _check_bbox_member(ctx, doc, None, None, "\"bbox\"")
            if kind != "FeatureCollection":
                ctx.add(None, None, f"a {kind} with a \"features\" list; a collection of "
                        "features is written {\"type\": \"FeatureCollection\", ...}")
            elif not streamed_features or self.count == 0:
                _check_collection(ctx, doc)
        _check_crs_consistency(ctx)
        return ctx.found[first:]


def _check_collection(ctx: Context, doc: dict[str, Any]) -> None:
    features = doc.get("features")
    if "features" not in doc:
        ctx.add(None, None, "FeatureCollection has no \"features\" member; add \"features\": [...]")
        return
    if not isinstance(features, list):
        ctx.add(None, None, f"\"features\" is {describe(features)}, not a list; "
                "write \"features\": [ {\"type\": \"Feature\", ...}, ... ]")
        return
    if not features:
        ctx.add(None, None, "empty FeatureCollection: \"features\" is []; add at least one Feature")
        return
    check_features(ctx, features)


def check_features(ctx: Context, features: list[Any], first_index: int = 0) -> None:
    """Check the members of a FeatureCollection's ``features``, the first being feature
    ``first_index`` of the file (a streamed file is checked a batch at a time, ``ctx`` carried
    over, so an id is compared with every id before it)."""
    for index, feature in enumerate(features, first_index):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            what = feature.get("type") if isinstance(feature, dict) else None
            shown = f"a {what}" if isinstance(what, str) else describe(feature)
            ctx.add(index, None, f"features[{index}] is {shown}, not a Feature; write "
                    "{\"type\": \"Feature\", \"geometry\": ..., \"properties\": {...}}")
            continue
        _check_feature(ctx, feature, index)
        feature_id = feature.get("id")
        if _usable_id(feature_id):
            key = str(feature_id)
            if key in ctx.ids_seen:
                ctx.add(index, feature_id, duplicate_id_message(feature_id, ctx.ids_seen[key]))
            else:
                ctx.ids_seen[key] = index


def _usable_id(value: Any) -> bool:
    """RFC 7946 §3.2: an id is "either a JSON string or number", any finite number (1.5 too)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) or is_number(value)


def _check_feature(ctx: Context, feature: dict[str, Any], index: int) -> None:
    feature_id = feature.get("id")
    if "id" in feature and (isinstance(feature_id, BadNumber) or (
            isinstance(feature_id, float) and not math.isfinite(feature_id))):
        ctx.add(index, None, "id is a number too large for a float, a number no reader can "
                "hold exactly; write the id as a string")
        feature_id = None
    elif "id" in feature and not _usable_id(feature_id):
        ctx.add(index, None, f"id is {describe(feature_id)}; RFC 7946 ids are strings or "
                "numbers (write a number or a string)")
        feature_id = None
    elif ctx.unicode_escapes:
        feature_id = _check_unicode(ctx, feature, index, feature_id)
    properties = feature.get("properties")
    if "properties" not in feature:
        ctx.add(index, feature_id, "Feature has no \"properties\" member; "
                "add \"properties\": {} (or null)")
    elif properties is not None and not isinstance(properties, dict):
        ctx.add(index, feature_id, f"\"properties\" is {describe(properties)}, not an object; "
                "write \"properties\": {\"name\": ...}")
    elif isinstance(properties, dict):
        bad = list(_bad_numbers(properties, "properties"))
        for key, path in bad:
            ctx.add(index, feature_id, f"{path} is {key}, which JSON cannot hold; "
                    "write null or a finite number")
        if not bad:
            for message in ctx.properties(properties, "properties"):
                ctx.add(index, feature_id, message)
    _check_crs_member(ctx, feature, index, feature_id)
    _check_bbox_member(ctx, feature, index, feature_id, "\"bbox\"")
    if "geometry" not in feature:
        ctx.add(index, feature_id, "Feature has no \"geometry\" member; add one, or "
                "\"geometry\": null for a feature without a location")
        return
    geometry = feature["geometry"]
    if geometry is None:
        if not ctx.allow_null_geometry:
            ctx.add(index, feature_id, "geometry is null (legal GeoJSON, but there is nothing to "
                    "measure or draw); give it a geometry or remove the feature")
        return
    _check_geometry(ctx, geometry, index, feature_id, "geometry")


def _check_unicode(ctx: Context, feature: dict[str, Any], index: int, feature_id: Any) -> Any:
    """Report text that is not valid Unicode (a lone surrogate from a ``\\ud800`` escape) in
    the id or anywhere in the properties, keys included; returns the id to report with."""
    if isinstance(feature_id, str) and lone_surrogate(feature_id):
        ctx.add(index, None, f"id holds {lone_surrogate(feature_id)}, a lone surrogate (not "
                "valid Unicode); fix the text, e.g. remove the escape")
        feature_id = None
    for path, code in _surrogates(feature.get("properties"), "properties"):
        ctx.add(index, feature_id, f"{path} holds {code}, a lone surrogate (not valid "
                "Unicode); fix the text, e.g. remove the escape")
    return feature_id


def _surrogates(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        code = lone_surrogate(value)
        if code:
            yield path, code
    elif isinstance(value, dict):
        for key, item in value.items():
            code = lone_surrogate(key)
            if code:
                yield f"{path} key {key!a}", code
            else:
                yield from _surrogates(item, f"{path}.{key}")
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _surrogates(item, f"{path}[{position}]")


def _bad_numbers(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BadNumber):
        yield value.text, path
    elif isinstance(value, float) and not math.isfinite(value):
        yield "a number too large for a float", path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _bad_numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _bad_numbers(item, f"{path}[{position}]")


def _check_crs_member(ctx: Context, obj: dict[str, Any], index: int | None, fid: Any) -> None:
    if "crs" not in obj or obj["crs"] is None:
        return
    crs = obj["crs"]
    name = None
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            name = props.get("name") or props.get("href")
    if not isinstance(name, str):
        ctx.add(index, fid, f"\"crs\" member {describe(crs)} names no CRS; RFC 7946 GeoJSON is "
                "always WGS84 [lon, lat]: remove the \"crs\" member")
        return
    ctx.crs_hints.append((index, name))
    if name.strip().lower() not in WGS84_NAMES:
        ctx.add(index, fid, f"\"crs\" is {name!r}, not WGS84; RFC 7946 GeoJSON is always WGS84 "
                "[lon, lat]: reproject (ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson) and "
                "remove the \"crs\" member")


def _check_bbox_member(ctx: Context, obj: dict[str, Any], index: int | None, fid: Any,
                       where: str) -> None:
    problem = bbox_problem(obj.get("bbox"), where)
    if problem:
        ctx.add(index, fid, problem)


def _check_crs_consistency(ctx: Context) -> None:
    names = sorted({name.strip().lower() for _, name in ctx.crs_hints})
    if len(names) > 1:
        ctx.add(None, None, f"mixed CRS hints: \"crs\" members name {', '.join(names)}; "
                "reproject everything to EPSG:4326 and remove the \"crs\" members")
    # A feature with vertices of both kinds is named by its own problem (the vertices that
    # look projected); only whole features that differ make a file-level contradiction, so
    # such a feature is not listed as being in degrees too.
    projected = set(ctx.projected_features)
    degrees = [index for index in ctx.degree_features if index not in projected]
    if degrees and projected:
        ctx.add(None, None, "mixed CRS hints: feature(s) "
                f"{_index_list(degrees)} are in degrees but feature(s) "
                f"{_index_list(ctx.projected_features)} look projected (metres); "
                "reproject them all to EPSG:4326")


def _index_list(indexes: list[int | None]) -> str:
    unique = sorted({i for i in indexes if i is not None})
    shown = ", ".join(str(i) for i in unique[:5])
    return shown + (f" and {len(unique) - 5} more" if len(unique) > 5 else "")


def _check_geometry(
    ctx: Context, geometry: Any, index: int, fid: Any, where: str, nested: bool = False
) -> None:
    if isinstance(geometry, str):
        ctx.add(index, fid, f"{where} is a string; GeoJSON needs an object "
                "{\"type\": ..., \"coordinates\": [...]} (convert WKT first)")
        return
    if not isinstance(geometry, dict):
        ctx.add(index, fid, f"{where} is {describe(geometry)}, not a geometry object")
        return
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        missing = "has no \"type\"" if "type" not in geometry else f"has type {describe(kind)}"
        ctx.add(index, fid, f"{where} {missing}, which is not a GeoJSON geometry type"
                f"{_suggest_type(kind) if kind is not None else ''}")
        return
    _check_crs_member(ctx, geometry, index, fid)
    _check_bbox_member(ctx, geometry, index, fid, f"{where}.bbox")
    if kind not in ctx.geometry_types and not nested:
        ctx.add(index, fid, f"{where} is a {kind}, which this command does not use; "
                f"use one of {', '.join(ctx.geometry_types)}"
                + (" (split the collection into separate features)"
                   if kind == "GeometryCollection" else ""))
        return
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            ctx.add(index, fid, f"{where}.geometries is {describe(members)}, not a list")
            return
        for position, member in enumerate(members):
            _check_geometry(ctx, member, index, fid, f"{where}.geometries[{position}]", True)
        return
    if "coordinates" not in geometry:
        ctx.add(index, fid, f"{where} ({kind}) has no \"coordinates\" member")
        return
    before = len(ctx.found)
    _check_nesting(ctx, geometry["coordinates"], DEPTH[kind], kind, index, fid,
                   f"{where}.coordinates")
    if len(ctx.found) != before:
        return
    dimensions = _dimensions(geometry["coordinates"], DEPTH[kind])
    if len(dimensions) > 1:
        ctx.add(index, fid, f"{where} ({kind}) mixes [lon, lat] and [lon, lat, altitude] "
                "positions; give every position the same number of values")
        return
    _check_validity(ctx, geometry, index, fid, where)


def _dimensions(coords: Any, depth: int) -> set[int]:
    """The set of position lengths (2 and/or 3) in a validated coordinate array."""
    if depth == 0:
        return {len(coords)}
    if depth == 1:
        return set(map(len, coords))
    return set().union(*(_dimensions(part, depth - 1) for part in coords))


def _check_nesting(
    ctx: Context, coords: Any, depth: int, kind: str, index: int, fid: Any, where: str
) -> None:
    if depth == 0:
        check_positions(ctx, [coords], index, fid, where, single=True)
        return
    if not isinstance(coords, list):
        ctx.add(index, fid, f"{where} is {describe(coords)}; a {kind} needs "
                f"{'a list of ' * depth}positions [lon, lat]")
        return
    if depth == 1:
        if check_positions(ctx, coords, index, fid, where):
            _check_counts(ctx, coords, kind, index, fid, where)
        return
    if not coords:
        what = {"Polygon": "rings", "MultiLineString": "lines", "MultiPolygon": "polygons"}[kind]
        ctx.add(index, fid, f"{where} is empty; a {kind} needs at least one of its {what}")
        return
    parts = {"MultiLineString": "LineString", "Polygon": "ring", "MultiPolygon": "Polygon"}
    part_kind = parts[kind]
    for position, part in enumerate(coords):
        _check_nesting(ctx, part, depth - 1, part_kind, index, fid, f"{where}[{position}]")


def _check_counts(
    ctx: Context, positions: list[Any], kind: str, index: int, fid: Any, where: str
) -> None:
    if kind == "MultiPoint" and not positions:
        ctx.add(index, fid, f"{where} is empty; a MultiPoint needs at least one position")
    elif kind == "LineString" and len(positions) < 2:
        ctx.add(index, fid, f"{where} has {len(positions)} position(s); a LineString needs at "
                "least 2 (use a Point for a single place)")
    elif kind == "ring":
        if len(positions) < 4:
            ctx.add(index, fid, f"{where} is a polygon ring of {len(positions)} position(s); a "
                    "ring needs at least 4 (3 corners and the first repeated at the end)")
        elif positions[0] != positions[-1]:
            ctx.add(index, fid, f"{where} is an unclosed polygon ring: it ends at "
                    f"{positions[-1]} but starts at {positions[0]}; repeat the first position "
                    "at the end")


def _jumps_antimeridian(shape: Any) -> bool:
    """True when a polygon ring steps more than 180° of longitude between two vertices."""
    # slow import
    import numpy as np

    rings = shapely.get_rings(shapely.get_parts(shape))
    return any(bool((np.abs(np.diff(shapely.get_coordinates(ring)[:, 0])) > 180).any())
               for ring in rings)


def _check_validity(
    ctx: Context, geometry: dict[str, Any], index: int, fid: Any, where: str
) -> None:
    kind = geometry["type"]
    if kind in ("Point", "MultiPoint"):
        return
    if kind in ("LineString", "MultiLineString"):
        # Self-crossing lines are legal; a line whose positions are all equal has no length.
        coords = geometry["coordinates"]
        parts = [coords] if kind == "LineString" else coords
        if any(part.count(part[0]) == len(part) for part in parts):
            ctx.add(index, fid, equal_positions_message(where, kind))
        return
    shape = shapely.geometry.shape(geometry)
    if _jumps_antimeridian(shape):
        ctx.add(index, fid, f"{where} ({kind}) has an edge that spans more than 180° of "
                "longitude: if it crosses the antimeridian uncut it covers the rest of the "
                "world instead, so cut it at ±180° into two polygons (RFC 7946 §3.1.9; ogr2ogr "
                "-wrapdateline); if it really runs the long way, add a vertex in between")
        return
    if shapely.is_valid(shape):
        return
    ctx.add(index, fid, invalid_polygon_message(where, kind, shapely.is_valid_reason(shape)))


def duplicate_id_message(feature_id: Any, first: int) -> str:
    """The problem of an id that feature ``first`` has already, for GeoJSON and for the files
    read in batches alike (the map tells features apart by their ids)."""
    return (f"duplicate id {feature_id!r} (feature {first} has it too); give every feature "
            "its own id")


def equal_positions_message(where: str, kind: str) -> str:
    """The problem of a line (or a part of one) whose positions are all equal."""
    return (f"{where} ({kind}) has all positions equal, so it has no length; give it at least "
            "two distinct positions")


def invalid_polygon_message(where: str, kind: str, reason: str) -> str:
    """The problem of a polygon GEOS calls invalid (``reason`` from ``is_valid_reason``), for
    GeoJSON and for the files read in batches alike."""
    if "Self-intersection" in reason:
        at = reason[reason.find("[") + 1 : reason.find("]")].split()
        place = f" at [{float(at[0]):g}, {float(at[1]):g}]" if len(at) >= 2 else ""
        return (f"{where} ({kind}) is self-intersecting{place}; fix it in QGIS "
                "(Vector > Geometry Tools > Fix Geometries) or with shapely.make_valid")
    return (f"{where} ({kind}) is not a valid polygon: {reason}; fix it in "
            "QGIS (Fix Geometries) or with shapely.make_valid")
