"""Read and validate a user's GeoJSON file strictly, before anything measures or draws it.

Two entry points:

* :func:`validate_geojson` lists every problem of a file (or of GeoJSON text) as
  :class:`Problem` objects, file-level problems first, then by feature index;
* :func:`read_user_geojson` returns a GeoDataFrame in EPSG:4326, or raises
  :class:`~caspian.geo.errors.InputError` with one line naming the file, the feature and the
  problem and its fix.

Accepted input: a FeatureCollection, a single Feature or a bare geometry, UTF-8 with or
without a byte-order mark. The rules themselves live in :mod:`caspian.layers.io.geojson_rules`
(structure) and :mod:`caspian.layers.io.geojson_coordinates` (positions).
"""

from __future__ import annotations

import codecs
import gc
import json
import os
import re
import shlex
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from caspian.geo.arguments import flag, refuse, texts
from caspian.geo.errors import InputError
from caspian.layers.io.fileio import InputFileError, display_path, read_input_bytes
from caspian.layers.io.geojson_rules import (
    GEOMETRY_TYPES,
    SUPPORTED_GEOMETRY_TYPES,
    BadNumber,
    Found,
    PositionBlock,
    check_document,
    prepare_positions,
)

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "GEOMETRY_TYPES",
    "SUPPORTED_GEOMETRY_TYPES",
    "Problem",
    "parse_geojson",
    "read_user_features",
    "read_user_geojson",
    "validate_geojson",
]

# Integers longer than this are not coordinates or ids anyone means; Python would also refuse
# to parse more than 4300 digits with a ValueError that is not a JSONDecodeError.
_MAX_INT_DIGITS = 300

#: Most distinct property keys made into columns of one table. A table holds a cell for every
#: feature and every key any feature has, so features that each bring keys of their own grow
#: it with the square of the file (5,000 features of 100 keys each: 2.5 billion cells, 18.6 GiB
#: for an 8 MB file); each feature's own properties, kept as a record, grow with the file.
MAX_PROPERTY_COLUMNS = 1000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a user's GeoJSON."""

    #: Position of the feature in ``features`` (0 for a single Feature or a bare geometry);
    #: None for a problem of the whole file (unreadable, invalid JSON, mixed CRS, ...).
    index: int | None
    #: What is wrong and how to fix it, one line.
    message: str
    #: The feature's ``id`` member when it has a usable one.
    feature_id: str | int | None = None
    #: The layer of a file of several vector layers (a GeoPackage), whose features ``index``
    #: counts from 0; None in a file of one layer.
    layer: str | None = None

    @property
    def where(self) -> str:
        """``"feature 3 (id 'a')"``, ``"feature 3"`` or ``"file"``; in a file of several
        layers, ``"layer 'two', feature 3"`` (or ``"layer 'two'"`` for the whole layer)."""
        if self.index is None:
            return "file" if self.layer is None else f"layer {self.layer!r}"
        feature = (f"feature {self.index}" if self.feature_id is None
                   else f"feature {self.index} (id {self.feature_id!r})")
        return feature if self.layer is None else f"layer {self.layer!r}, {feature}"

    @property
    def prefix(self) -> str:
        """``where`` and a colon to put before the message, nothing for the whole file."""
        return "" if self.index is None and self.layer is None else f"{self.where}: "

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def unusable_file_error(path: str | os.PathLike[str], problems: Sequence[Problem], *,
                        all_counted: bool) -> InputError:
    """The one-line error for a file with ``problems``: the first, and how to see the rest.

    ``all_counted`` says ``problems`` are every problem of the file; a streamed read stops at
    the first batch with one, so more may follow ("at least").
    """
    first = problems[0]
    more = len(problems) - 1
    command = f"caspian validate {shlex.quote(display_path(path))}"
    count = f"{more}" if all_counted else f"at least {more}"
    tail = (f" (and {count} more problem{'s' if more > 1 else ''}: "
            f"run `{command}` to list them)") if more else ""
    return InputError(f"{display_path(path)}: {first.prefix}{first.message}{tail}")


class UnusableError(Exception):
    """Raised by the GeoJSON readers when the text cannot even be parsed: the message is the
    file's one problem (kept as a :class:`Problem` of the whole file, not raised to users)."""


def _source_name(
    source: str | os.PathLike[str] | bytes, name: str = "source"
) -> tuple[str, bytes | None, Path | None]:
    """Decide whether ``source`` is a path or GeoJSON text; return (name, data, path).

    ``bytes`` and a ``str`` with a line break are text. A one-line ``str`` that starts like
    JSON (``{``, ``[``, ``"``) is text too, unless a file of that name exists: a file called
    ``[2025] routes.geojson`` is read as the file. Pass a :class:`pathlib.Path` to make a
    path unambiguous.
    """
    if not isinstance(source, (bytes, str, os.PathLike)):
        refuse(name, source, "a file path (a str or a pathlib.Path), or GeoJSON text")
    if isinstance(source, bytes):
        return "<text>", source, None
    if isinstance(source, str) and (
        "\n" in source
        or (source.lstrip("\ufeff \t\r")[:1] in ("{", "[", '"', "")
            and not os.path.lexists(source))
    ):
        return "<text>", source.encode("utf-8"), None
    path = Path(source)
    return str(path), None, path


def _read_bytes(path: Path) -> bytes:
    try:
        return read_input_bytes(path)
    except InputFileError as exc:
        raise UnusableError(exc.reason) from None


#: Leading bytes of binary files users give instead of GeoJSON, and what to do about them.
_BINARY_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip)"),
    (b"PK\x03\x04", "a ZIP archive (a KMZ or a zipped shapefile?); unpack it and convert it "
     "(ogr2ogr -f GeoJSON out.geojson in.shp)"),
    (b"SQLite format 3\x00", "a SQLite database (a GeoPackage?); name it .gpkg, or convert "
     "it (ogr2ogr -f GeoJSON out.geojson in.gpkg)"),
    (b"PAR1", "a Parquet file; name it .parquet, or convert it "
     "(ogr2ogr -f GeoJSON out.geojson in.parquet)"),
    (b"\x00\x00\x27\x0a", "a shapefile's .shp; name it .shp (its .shx and .dbf beside "
     "it), or convert it (ogr2ogr -f GeoJSON out.geojson in.shp)"),
    (b"fgb\x03", "a FlatGeobuf file; name it .fgb, or convert it "
     "(ogr2ogr -f GeoJSON out.geojson in.fgb)"),
)


#: Suffixes of the files a shapefile is made of (GDAL's and ESRI's).
_SHAPEFILE_PARTS = frozenset({"shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"})


def _zip_first_entry(head: bytes) -> str | None:
    """The name of the first file in a ZIP archive starting ``head``, from its local header
    (the archive's directory is at its end, past what a streamed read has seen)."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return None
    flags, length = int.from_bytes(head[6:8], "little"), int.from_bytes(head[26:28], "little")
    name = head[30:30 + length]
    return name.decode("utf-8" if flags & 0x800 else "cp437", "replace") or None


def refuse_binary(head: bytes) -> None:
    """Refuse a file whose first bytes show another format (gzip, ZIP, SQLite, UTF-16, XML,
    ...): a JSON text never starts with ``<``."""
    zipped = _zip_first_entry(head)
    if zipped is not None and zipped.rsplit(".", 1)[-1].lower() in _SHAPEFILE_PARTS:
        raise UnusableError(f"not GeoJSON: the file is a zipped shapefile ({zipped} first); "
                            "unpack it (unzip) and give its .shp")
    for magic, what in _BINARY_FORMATS:
        if head.startswith(magic):
            raise UnusableError(f"not GeoJSON: the file is {what}")
    text = head[:256].removeprefix(codecs.BOM_UTF8).lstrip()
    if text.lower().startswith((b"<!doctype html", b"<html")):
        raise UnusableError("not GeoJSON: the file is an HTML page (a download that got an "
                            "error page?); download the GeoJSON itself")
    if text.startswith(b"<"):
        raise UnusableError("not GeoJSON: the file is XML (KML, GPX or OSM?); convert it "
                            "(ogr2ogr -f GeoJSON out.geojson in.kml)")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnusableError("file is UTF-16; GeoJSON must be UTF-8: save it again as UTF-8")
    if _CSV_HEADER.match(text):
        raise UnusableError("not GeoJSON: the file is CSV text (a table); convert it, its "
                            "geometry in a column named WKT (ogr2ogr -f GeoJSON out.geojson "
                            "in.csv)")


#: A CSV header line: names (bare or quoted) parted by commas, semicolons or tabs. JSON text
#: never starts so (a GeoJSON text starts with "{"; a bare string is followed by nothing).
_CSV_HEADER = re.compile(rb'(?:"[^"\r\n]*"|[A-Za-z_][^,;\t\r\n"{}\[\]:]*)[,;\t]')


def not_utf8(byte: int, line: int, column: int) -> UnusableError:
    """The problem of a byte that is not UTF-8, at ``line`` and byte ``column`` (from 1)."""
    return UnusableError(f"not UTF-8: byte 0x{byte:02x} at line {line} column {column}; "
                         "GeoJSON must be UTF-8: save the file again as UTF-8")


def _decode(data: bytes) -> str:
    refuse_binary(data)
    # a byte-order mark is no column of the first line: offsets count after it
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return str(memoryview(data)[start:], "utf-8")  # no copy of a large file
    except UnicodeDecodeError as exc:
        at = start + exc.start
        line = data.count(b"\n", start, at) + 1
        column = at - max(data.rfind(b"\n", start, at) + 1, start) + 1
        raise not_utf8(data[at], line, column) from None


def _parse_int(text: str) -> int | BadNumber:
    if len(text) > _MAX_INT_DIGITS:
        return BadNumber(text)
    return int(text)


def _pairs(duplicates: list[str]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result and key not in duplicates:
                duplicates.append(key)
            result[key] = value
        return result

    return hook


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore its state.

    ``json.loads`` of a million-vertex file creates a million lists; every 700 new container
    objects trigger a collection, and the older generations are walked again and again as
    they grow: that was more than half of the parsing time. A parsed JSON document holds no
    reference cycles, so the collector has nothing to find in it; reference counting still
    frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: The problem of a file that holds only white space.
EMPTY_FILE = "file is empty; it should hold a GeoJSON FeatureCollection"
#: The problem of JSON nested deeper than Python's parser goes.
TOO_DEEP = "JSON nested too deeply to be GeoJSON; check the file"


#: The column of a property (an attribute) called ``geometry``, beside the frame's geometry.
PROPERTY_GEOMETRY = "property_geometry"


def geometry_first(names: list[str], geometry: str) -> list[str]:
    """Column ``names`` of a file read through Arrow, its geometry column ``geometry`` named
    ``geometry`` and an attribute of that name :data:`PROPERTY_GEOMETRY`, as in GeoJSON (a
    GeoPackage's geometry column is ``geom``, so a text attribute may be ``geometry``)."""
    return ["geometry" if name == geometry else PROPERTY_GEOMETRY if name == "geometry"
            else name for name in names]


def json_decoder(duplicates: list[str]) -> json.JSONDecoder:
    """The strict decoder: NaN and Infinity kept as :class:`BadNumber`, integers of more
    than 300 digits too, and each key an object repeats appended to ``duplicates``."""
    return json.JSONDecoder(parse_constant=BadNumber, parse_int=_parse_int,
                            object_pairs_hook=_pairs(duplicates))


def invalid_json(line: int, column: int, reason: str, found: str = "") -> UnusableError:
    """The problem of text that is not JSON, at ``line`` and ``column`` (from 1), where the
    text has the character ``found`` (when the caller knows it)."""
    fix = "fix the syntax (a JSON linter shows the spot)"
    if reason == "Extra data" and line > 1 and column == 1 and found == "{":
        # a whole JSON text, then another on the next line: GeoJSON Lines (RFC 8142 without
        # the separators) under a .geojson name, which GDAL reads by its suffix
        fix = "one JSON text per line is GeoJSON Lines: name the file .geojsonl"
    return UnusableError(f"invalid JSON at line {line} column {column}: {reason}; {fix}")


def _loads(text: str, duplicates: list[str]) -> Any:
    if not text.strip():
        raise UnusableError(EMPTY_FILE)
    try:
        return json_decoder(duplicates).decode(text)
    except json.JSONDecodeError as exc:
        raise invalid_json(exc.lineno, exc.colno, exc.msg, text[exc.pos:exc.pos + 1]) from None
    except RecursionError:
        raise UnusableError(TOO_DEEP) from None


def _duplicate_key(key: str) -> str:
    """The problem of a key repeated in one JSON object."""
    return (f"duplicate key {key!r} in a JSON object; readers disagree on which value wins: "
            "keep one")


def problems_of(found: Iterable[Found], duplicates: Iterable[str] = ()) -> list[Problem]:
    """The rules' findings and each key an object repeats, as problems in the order a reader
    lists them (:func:`by_place`)."""
    problems = [Problem(index, message, feature_id) for index, feature_id, message in found]
    problems += [Problem(None, _duplicate_key(key)) for key in duplicates]
    return by_place(problems)


def by_place(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` of the whole file first, then by feature, each feature's in the order
    found."""
    return sorted(problems, key=lambda problem: -1 if problem.index is None else problem.index)


def _geometry_types(requested: Sequence[str] | str) -> tuple[str, ...]:
    """The accepted geometry types, checked: one type may be given as a ``str``."""
    types = tuple(texts(requested, "geometry_types",
                        f"GeoJSON geometry type names, e.g. {list(SUPPORTED_GEOMETRY_TYPES[:3])}"))
    unknown = [name for name in types if name not in GEOMETRY_TYPES]
    if unknown or not types:
        raise InputError(
            f"geometry_types {list(types)!r}: "
            + (f"unknown type {unknown[0]!r}; " if unknown else "none given; ")
            + f"use some of {', '.join(SUPPORTED_GEOMETRY_TYPES)} (GeoJSON spelling)"
        )
    return types


def _parse(
    source: str | os.PathLike[str] | bytes,
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    name: str = "source",
) -> tuple[Any, list[Problem], PositionBlock | None]:
    """:func:`parse_geojson`, also returning the document's checked coordinate block."""
    geometry_types = _geometry_types(geometry_types)
    allow_null_geometry = flag(allow_null_geometry, "allow_null_geometry")
    _, data, path = _source_name(source, name)
    duplicates: list[str] = []
    with gc_paused():
        try:
            if path is not None:
                data = _read_bytes(path)
            assert data is not None
            text = _decode(data)
            doc = _loads(text, duplicates)
        except UnusableError as exc:
            return None, [Problem(None, str(exc))], None
        block = prepare_positions(doc)
        found = check_document(doc, geometry_types, allow_null_geometry, block,
                               unicode_escapes="\\u" in text)
    return doc, problems_of(found, duplicates), block


def parse_geojson(
    source: str | os.PathLike[str] | bytes,
    *,
    geometry_types: Sequence[str] = SUPPORTED_GEOMETRY_TYPES,
    allow_null_geometry: bool = False,
) -> tuple[Any, list[Problem]]:
    """Parse GeoJSON and check it; return the document (None if unparsable) and its problems.

    Parameters
    ----------
    source : path-like, str or bytes
        A path, or GeoJSON text (bytes, or a str that starts with ``{``/``[`` or holds a
        line break).
    geometry_types : sequence of str
        Geometry types the caller can use (default: all but GeometryCollection).
    allow_null_geometry : bool
        Accept features whose geometry is null (legal GeoJSON, useless for measuring).

    Returns
    -------
    tuple
        ``(document, problems)``; problems are sorted with file-level ones first, then by
        feature index, in the order found within a feature.
    """
    doc, problems, _ = _parse(source, geometry_types, allow_null_geometry)
    return doc, problems


def validate_geojson(
    source: str | os.PathLike[str] | bytes,
    *,
    geometry_types: Sequence[str] = SUPPORTED_GEOMETRY_TYPES,
    allow_null_geometry: bool = False,
) -> list[Problem]:
    """Return every problem of a GeoJSON file or text (empty list when it is clean).

    Parameters are those of :func:`parse_geojson`. The order is deterministic: file-level
    problems first, then by feature index.
    """
    return parse_geojson(
        source, geometry_types=geometry_types, allow_null_geometry=allow_null_geometry
    )[1]


def document_features(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The features of a checked document: a collection's, a Feature, or a bare geometry as
    a Feature without properties."""
    if doc["type"] == "FeatureCollection":
        return list(doc["features"])
    if doc["type"] == "Feature":
        return [doc]
    return [{"type": "Feature", "geometry": doc, "properties": {}}]


def _shape(geometry: dict[str, Any]) -> Any:
    """A validated GeoJSON geometry as a shapely geometry, built from numpy arrays (much
    faster than ``shapely.geometry.shape`` for long lines)."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    # slow import: GEOS and numpy
    import shapely.geometry

    def array(coords: Any) -> Any:
        return np.asarray(coords, dtype=float)

    def polygon(rings: Any) -> Any:
        holes = [array(ring) for ring in rings[1:]]
        return shapely.polygons(array(rings[0]), holes=holes or None)

    kind = geometry["type"]
    coords: Any = geometry.get("coordinates")
    if kind == "Point":
        return shapely.points(array(coords))
    if kind == "LineString":
        return shapely.linestrings(array(coords))
    if kind == "Polygon":
        return polygon(coords)
    if kind == "MultiLineString":
        return shapely.multilinestrings([shapely.linestrings(array(part)) for part in coords])
    if kind == "MultiPolygon":
        return shapely.multipolygons([polygon(part) for part in coords])
    return shapely.geometry.shape(geometry)  # MultiPoint, GeometryCollection


def _lines_in_bulk(features: list[dict[str, Any]], block: PositionBlock | None) -> Any:
    """When every feature is a LineString, all of them built by one shapely call from the
    coordinates :func:`~caspian.layers.io.geojson_rules.prepare_positions` stacked; else None."""
    if block is None or len(block.arrays) != len(features):
        return None
    for feature, array in zip(features, block.arrays, strict=True):
        geometry = feature.get("geometry")
        if not (isinstance(geometry, dict) and geometry.get("type") == "LineString"
                and geometry.get("coordinates") is array):
            return None
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    indices = np.repeat(np.arange(len(features)), block.counts)
    return shapely.linestrings(block.coords, indices=indices)


class ReadOptions(TypedDict, total=False):
    """How a user's file is read: the keyword arguments of every ``read_user_*`` function,
    with their defaults in :func:`read_options` alone."""

    geometry_types: Sequence[str]
    allow_null_geometry: bool
    columns: Sequence[str] | None


def read_options(
    *,
    geometry_types: Sequence[str] = SUPPORTED_GEOMETRY_TYPES,
    allow_null_geometry: bool = False,
    columns: Sequence[str] | None = None,
) -> tuple[tuple[str, ...], bool, list[str] | None]:
    """The :class:`ReadOptions` checked, defaults filled in: the geometry types, whether a
    null geometry is kept, and the property columns (None: all of them)."""
    return (_geometry_types(geometry_types), flag(allow_null_geometry, "allow_null_geometry"),
            _property_names(columns))


def read_user_geojson(
    path: str | os.PathLike[str], **options: Unpack[ReadOptions]
) -> geopandas.GeoDataFrame:
    """Read a user's GeoJSON into a GeoDataFrame (EPSG:4326), refusing anything doubtful.

    Parameters
    ----------
    path : path-like
        A ``.geojson``/``.json`` file holding a FeatureCollection, a Feature or a geometry.
    geometry_types : sequence of str
        Geometry types the caller can use (default: all but GeometryCollection).
    allow_null_geometry : bool
        Keep features whose geometry is null (their geometry is None in the frame).
    columns : sequence of str, optional
        The properties to make columns of (those no feature has are left out); every
        property by default, when the features have at most :data:`MAX_PROPERTY_COLUMNS`
        distinct keys among them.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature, in file order: the user's properties as columns, ``id`` (the
        feature's ``id`` member, else its ``id`` property, else its index) and ``geometry``
        (2-D or 3-D as given).
        A property itself called ``id`` is kept as ``property_id`` when the feature also has
        an id, and one called ``geometry`` as ``property_geometry``. Nested property values
        stay Python lists/dicts.

    Raises
    ------
    caspian.geo.errors.InputError
        The file is unusable; the one-line message names the file, the feature, the first
        problem and its fix, and how many more problems ``caspian validate`` would list;
        or, when ``columns`` is None, the features have more than
        :data:`MAX_PROPERTY_COLUMNS` distinct property keys.
    """
    return read_user_features(path, **options)[0]


def read_user_features(
    path: str | os.PathLike[str], **options: Unpack[ReadOptions]
) -> tuple[geopandas.GeoDataFrame, list[dict[str, Any]]]:
    """:func:`read_user_geojson`, also returning each feature's own properties.

    With ``columns=()`` the frame holds ``id`` and ``geometry`` alone, and the properties
    are only records: memory grows with the file, whatever keys its features have.

    Returns
    -------
    frame : geopandas.GeoDataFrame
        As :func:`read_user_geojson` returns it.
    properties : list of dict
        Per feature, in file order, the properties exactly as the file gives them (a frame
        row also has the other features' columns, as nulls, and numbers of a column with a
        gap become floats).
    """
    # The parsed document dies inside _frame, before the collector resumes: it never walks it.
    with gc_paused():
        return _frame(path, *read_options(**options))


def _property_names(columns: Any) -> list[str] | None:
    """``columns`` checked: None (every property), one name, or names."""
    if columns is None:
        return None
    return texts(columns, "columns", "property names (a list of str), or None for all of them")


def kept_columns(
    path: str | os.PathLike[str], own: list[dict[str, Any]], columns: Sequence[str] | None
) -> set[str] | None:
    """The property columns to build (None: all of them), refusing a table too wide to hold."""
    if columns is not None:
        return set(texts(columns, "columns", "property names (a list of str), or None for all"))
    keys = len(set().union(*own))
    if keys > MAX_PROPERTY_COLUMNS:
        raise InputError(
            f"{display_path(path)}: the {len(own):,} features have {keys:,} distinct property "
            f"keys, too many for one column each (at most {MAX_PROPERTY_COLUMNS:,}); name "
            "the columns you need (columns=[...]) or read the properties as records "
            "(read_user_features(path, columns=()))"
        )
    return None


def _frame(
    path: str | os.PathLike[str],
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    columns: Sequence[str] | None,
) -> tuple[geopandas.GeoDataFrame, list[dict[str, Any]]]:
    doc, problems, block = _parse(path, geometry_types, allow_null_geometry, "path")
    if problems:
        raise unusable_file_error(path, problems, all_counted=True)
    features = document_features(doc)
    own = [dict(feature.get("properties") or {}) for feature in features]
    return features_frame(features, block, kept_columns(path, own, columns)), own


def features_frame(
    features: list[dict[str, Any]],
    block: PositionBlock | None,
    kept: set[str] | None,
    first_index: int = 0,
) -> geopandas.GeoDataFrame:
    """The frame of checked features (see :func:`read_user_geojson`), the first being
    feature ``first_index`` of the file; ``kept``: the property columns (None: all)."""
    # slow import: pandas and GDAL
    import geopandas

    rows: list[dict[str, Any]] = []
    geometries: Any = _lines_in_bulk(features, block)
    for index, feature in enumerate(features, first_index):
        row = dict(feature.get("properties") or {})
        if "geometry" in row:
            row[PROPERTY_GEOMETRY] = row.pop("geometry")
        if "id" in row:
            row["property_id"] = row.pop("id")
        row["id"] = feature.get("id", index)
        if "id" not in feature and "property_id" in row:
            row["id"] = row.pop("property_id")
        if kept is not None:
            row = {key: value for key, value in row.items() if key in kept or key == "id"}
        rows.append(row)
    if geometries is None:
        geometries = [None if feature.get("geometry") is None else _shape(feature["geometry"])
                      for feature in features]
    frame = geopandas.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    columns = [name for name in frame.columns if name not in ("id", "geometry")]
    return frame[[*columns, "id", "geometry"]]
