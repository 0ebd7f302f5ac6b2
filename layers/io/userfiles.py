"""A user's file in any format a GIS user has, read in batches and checked batch by batch.

GeoJSON (``.geojson``, ``.json``) is read strictly (JSON-level rules: duplicate keys, numbers,
Unicode): whole by :mod:`caspian.layers.io.userdata` up to :data:`STREAMED_GEOJSON_BYTES`, and
above it a feature at a time by :mod:`caspian.layers.io.geojson_stream`, checked by the same
rules a batch of :data:`GEOJSON_BATCH_FEATURES` at a time. Every other format streams: GeoJSON
Lines, GeoPackage, FlatGeobuf and Shapefile through pyogrio's Arrow reader, GeoParquet through
pyarrow (GDAL's Parquet driver is not in pyogrio's wheels), one batch of
:data:`BATCH_FEATURES` features at a time, so the memory a command needs is bounded by a
batch, not by the file (and the 512 MiB limit of a whole read does not apply).

Each batch is brought to EPSG:4326 (the file's CRS says from what) and checked by the same
rules as GeoJSON positions (:func:`caspian.layers.io.geojson_coordinates.range_problems`) and
properties (:data:`caspian.layers.catalog.schema.USER_PROPERTIES`), plus the geometry types
the command uses; a problem raises :class:`~caspian.geo.errors.InputError` naming the file,
the feature (its row, counted from 0) and the fix.

* :func:`user_format` names a file's format (by suffix, else by its first bytes);
* :func:`user_batches` yields checked GeoDataFrames;
* :func:`validate_user_file` lists every problem of a streamed file;
* :func:`read_user_file` reads any format whole (for the map, which draws everything).
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from caspian.geo.errors import InputError
from caspian.layers.catalog.schema import USER_PROPERTIES
from caspian.layers.io.errors import DependencyMissingError
from caspian.layers.io.file_geometry import (
    SHAPELY_TYPE_NAMES,
    check_crs,
    decode_wkb,
    to_lonlat,
)
from caspian.layers.io.fileio import InputFileError, check_input_file, display_path
from caspian.layers.io.geojson_coordinates import range_problems
from caspian.layers.io.geojson_rules import (
    GEOMETRY_TYPES,
    SUPPORTED_GEOMETRY_TYPES,
    StreamedCollectionCheck,
    check_document,
    duplicate_id_message,
    equal_positions_message,
    invalid_polygon_message,
    prepare_positions,
)
from caspian.layers.io.geojson_stream import CollectionReader
from caspian.layers.io.inputs import check_input_folder
from caspian.layers.io.ogr_reader import (
    LayerChoiceError,
    check_fields,
    chosen_layers,
    first_line,
    ogr_batches,
    parameter_of,
    undecodable_text,
)
from caspian.layers.io.userdata import (
    Problem,
    ReadOptions,
    UnusableError,
    by_place,
    document_features,
    features_frame,
    gc_paused,
    geometry_first,
    kept_columns,
    problems_of,
    read_options,
    read_user_features,
    unusable_file_error,
)

if TYPE_CHECKING:
    import geopandas
    import pyarrow
    from caspian.layers.io.userdata import Problem

#: The problem of a file (or a file's every layer) without a feature, whatever reads it.
NO_FEATURES = "the file holds no features; add some"


def no_features(layers: Sequence[str] | None = None) -> str:
    """:data:`NO_FEATURES`, or, when ``layers`` were chosen (a GeoPackage's, which may hold
    others with features), the problem of those layers."""
    if not layers:
        return NO_FEATURES
    names = ", ".join(map(repr, layers))
    return (f"layer {names} holds no features" if len(layers) == 1 else
            f"layers {names} hold no features") + "; add some, or choose another layer"


#: Features per batch: about 25 MB for ways of 50 vertices, and enough rows that the
#: vectorised work per batch outweighs its fixed cost.
BATCH_FEATURES = 65_536
#: GeoJSON larger than this is streamed, not read whole: decoded whole, its objects take about
#: nine times the file (2.2 GB for 250 MB of ways, against 0.35 GB streamed, in the same CPU
#: time); a smaller file is read whole, so that its problems are listed file-level first.
#: Above :data:`~caspian.layers.io.fileio.MAX_INPUT_BYTES` the whole read refuses a file.
STREAMED_GEOJSON_BYTES = 64 * 2**20
#: Features per batch of a streamed GeoJSON file: decoded JSON holds each position as
#: Python objects (about 150 bytes), so 4,096 ways of 50 vertices take some 30 MB.
GEOJSON_BATCH_FEATURES = 4_096


@dataclass(frozen=True)
class UserFormat:
    """A file format users bring: its name, suffixes, leading bytes and reader."""

    name: str
    suffixes: tuple[str, ...]
    magic: bytes | None
    reader: str  # "geojson" (strict, whole), "ogr" (pyogrio's Arrow reader) or "parquet"
    layered: bool = False  # holds layers to choose from by name (ogr2ogr's layer arguments)

    @property
    def streamed(self) -> bool:
        return self.reader != "geojson"


#: Every format ``metrics --file``, ``validate`` and ``map --add`` read: one record each.
USER_FORMATS: tuple[UserFormat, ...] = (
    UserFormat("GeoJSON", (".geojson", ".json"), None, "geojson"),
    UserFormat("GeoJSON Lines", (".geojsonl", ".geojsons", ".geojsonseq"), None, "ogr"),
    UserFormat("GeoParquet", (".parquet", ".geoparquet"), b"PAR1", "parquet"),
    UserFormat("GeoPackage", (".gpkg",), b"SQLite format 3\x00", "ogr", layered=True),
    UserFormat("FlatGeobuf", (".fgb",), b"fgb\x03", "ogr"),
    UserFormat("Shapefile", (".shp",), b"\x00\x00\x27\x0a", "ogr"),
    # a folder as ArcGIS writes it, or that folder zipped (GDAL's OpenFileGDB reads both)
    UserFormat("FileGDB", (".gdb", ".gdb.zip"), None, "ogr", layered=True),
)


def user_format(path: str | os.PathLike[str]) -> UserFormat:
    """The format of ``path``: by its suffix, else by its first bytes, else GeoJSON (whose
    strict reader names what the file really is when it is not).

    A suffix of a binary format whose bytes are another's (a GeoParquet file saved as
    ``routes.gpkg``) gives the format of the bytes, as GDAL opens a file by its content; a
    ``.geojson`` holding another format is left to the GeoJSON reader, which names it."""
    suffix = Path(path).suffix.lower()
    double = "".join(Path(path).suffixes[-2:]).lower()  # .gdb.zip
    for entry in USER_FORMATS:
        if suffix in entry.suffixes or double in entry.suffixes:
            if entry.magic is None:
                return entry
            return _by_first_bytes(path) or entry
    return _by_first_bytes(path) or USER_FORMATS[0]


def format_suffix(path: str | os.PathLike[str]) -> str:
    """The suffix that names ``path``'s format, as given (``.gdb.zip`` whole; the last
    suffix for any other name): what is left without it is the file's stem in the layer
    and overlay names (``routes.gdb.zip``'s layer ``rail`` is ``routes:rail``, as the
    folder's)."""
    name = Path(path).name
    double = "".join(Path(path).suffixes[-2:])
    if double.lower() in {suffix for entry in USER_FORMATS for suffix in entry.suffixes
                          if suffix.count(".") > 1}:
        return name[-len(double):]
    return Path(path).suffix


def _by_first_bytes(path: str | os.PathLike[str]) -> UserFormat | None:
    """The format whose leading bytes ``path`` starts with, if any."""
    head = b""  # not a regular file: the GeoJSON reader says what is wrong with the path
    if os.path.isfile(path):  # never open a FIFO here: it would wait for a writer
        try:
            with open(path, "rb") as handle:
                head = handle.read(16)
        except OSError:
            pass
    for entry in USER_FORMATS:
        if entry.magic is not None and head.startswith(entry.magic):
            return entry
    return None


def _needs_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401  (slow import, checked here so the message names the fix)
    except ImportError as exc:
        raise DependencyMissingError(
            "reading this format needs pyarrow; install it with: pip install pyarrow"
        ) from exc


def _parquet_batches(
    path: Path, batch_size: int, row_groups: Sequence[int] | None = None
) -> Iterator[tuple[str | None, pyarrow.RecordBatch, Any]]:
    # slow import
    import pyarrow

    # slow import
    import pyarrow.parquet

    name = display_path(path)
    try:
        parquet = pyarrow.parquet.ParquetFile(path)
    except (pyarrow.ArrowInvalid, OSError) as exc:
        raise InputFileError(name, f"not a readable Parquet file ({first_line(exc)}); "
                             "check the file") from None
    geo = json.loads((parquet.schema_arrow.metadata or {}).get(b"geo", b"null"))
    if not isinstance(geo, dict) or geo.get("primary_column") not in (geo.get("columns") or {}):
        raise InputFileError(name, "a Parquet file without GeoParquet metadata (no \"geo\" "
                             "key naming a geometry column); write it with geopandas "
                             "(GeoDataFrame.to_parquet) or ogr2ogr -f Parquet")
    column = geo["primary_column"]
    meta = geo["columns"][column]
    if meta.get("encoding", "WKB") != "WKB":
        raise InputFileError(name, f"GeoParquet geometry encoded as {meta['encoding']!r}; "
                             "caspian reads WKB: write it again with geometry_encoding='WKB'")
    crs = meta.get("crs", "OGC:CRS84")  # GeoParquet: an absent crs means OGC:CRS84
    coverings = _covering_columns(meta)
    fields = [name_ for name_ in parquet.schema_arrow.names if name_ not in coverings]
    check_fields(path, [name_ for name_ in fields if name_ != column])
    for batch in parquet.iter_batches(batch_size=batch_size, row_groups=row_groups,
                                      columns=fields):
        yield None, batch.rename_columns(geometry_first(batch.schema.names, column)), crs


def _covering_columns(meta: dict[str, Any]) -> set[str]:
    """The columns GeoParquet 1.1 names as the geometry's covering (a per-row bounding box:
    geopandas' ``write_covering_bbox``, GDAL's ``geometry_bbox``): an index of the file, not a
    property of its features."""
    covering = meta.get("covering")
    boxes = covering.get("bbox") if isinstance(covering, dict) else None
    if not isinstance(boxes, dict):
        return set()
    return {str(where[0]) for where in boxes.values() if isinstance(where, list) and where}


@dataclass(frozen=True)
class _Checked:
    frame: geopandas.GeoDataFrame | None  # None: not built, the batch has problems
    problems: list[Problem]  # by row in the file (index), the whole file's first
    rows: int  # features in the batch
    own: list[dict[str, Any]] | None = None  # GeoJSON: each feature's properties as given
    layer: str | None = None  # the layer of a file of several vector layers


def _check_batch(
    batch: pyarrow.RecordBatch,
    crs: Any,
    first_row: int,
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    layer: str | None = None,
    ids_seen: dict[str, int] | None = None,
) -> _Checked:
    """One batch as a GeoDataFrame in EPSG:4326, and its problems by the GeoJSON rules;
    ``first_row`` counts from 0 in the batch's ``layer`` (None: the file's one layer),
    ``ids_seen`` holds the ids of the layer's batches before (updated)."""
    ids_seen = {} if ids_seen is None else ids_seen
    # slow import: pandas and GDAL
    import geopandas

    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    batch, problems = undecodable_text(batch, first_row)
    wkb = batch.column("geometry").to_numpy(zero_copy_only=False)
    shapes, curved = decode_wkb(wkb)
    geoms = to_lonlat(shapes, crs)
    rows = np.arange(first_row, first_row + batch.num_rows)
    problems += [(int(rows[i]), f"geometry is a {kind}, which caspian does not measure or "
                  "draw (it has curves); turn its curves into lines (ogr2ogr -nlt "
                  "CONVERT_TO_LINEAR out.gpkg in.gpkg, or QGIS: Processing > Segmentize by "
                  "maximum angle)") for i, kind in curved.items()]
    absent = shapely.is_missing(geoms)
    missing = absent.copy()
    missing[list(curved)] = False  # said above
    unreadable = missing & np.array([value is not None for value in wkb], dtype=bool)
    problems += [(int(row), "geometry is not valid WKB (the file is damaged or was written "
                  "wrongly); write it again from its source") for row in rows[unreadable]]
    missing &= ~unreadable
    if not allow_null_geometry:
        problems += [(int(row), "geometry is null (legal GeoJSON, but there is nothing to "
                      "measure or draw); give it a geometry or remove the feature")
                     for row in rows[missing]]
    names = np.array(SHAPELY_TYPE_NAMES)[shapely.get_type_id(geoms) + 1]
    unused = ~absent & ~np.isin(names, list(geometry_types))
    problems += [(int(row), f"geometry is a {kind}, which this command does not use; use one "
                  f"of {', '.join(geometry_types)}") for row, kind in zip(
                      rows[unused], names[unused], strict=True)]
    problems += _position_problems(geoms, rows)
    problems += _polygon_problems(geoms, names, rows)
    problems += _degenerate_problems(geoms, names, rows, missing)
    properties = batch.drop_columns(["geometry"]).to_pandas()
    problems += _property_problems(properties, rows)
    if "id" in properties.columns:
        properties["id"], duplicates = _feature_ids(
            batch.column("id").to_pylist(), rows.tolist(), ids_seen)
        problems += duplicates
    else:
        properties["id"] = rows  # as GeoJSON features without an id: their position
    frame = geopandas.GeoDataFrame(properties, geometry=geoms, crs="EPSG:4326")
    return _Checked(frame, [Problem(row, message, layer=layer) for row, message in
                            sorted(problems, key=lambda problem: problem[0])], len(frame),
                    layer=layer)


def _feature_ids(
    values: list[Any], rows: list[int], seen: dict[str, int]
) -> tuple[list[Any], list[tuple[int, str]]]:
    """The features' ids from their ``id`` attribute, and the problem of each id given before
    (``seen``: the layer's ids so far, by text, with their row; updated).

    A null id (QGIS leaves the "id" field of a new layer NULL) is the feature's row, as a
    GeoJSON feature without an id has its position; the values come from Arrow, so an integer
    column with nulls keeps integers (pandas made them 7.0 beside NaN)."""
    ids: list[Any] = []
    problems = []
    for row, value in zip(rows, values, strict=True):
        if value is None or (isinstance(value, float) and value != value):
            ids.append(row)
            continue
        ids.append(value)
        first = seen.setdefault(str(value), row)
        if first != row:
            problems.append((row, duplicate_id_message(value, first)))
    return ids, problems


def _position_problems(geoms: Any, rows: Any) -> list[tuple[int, str]]:
    """The first bad position of each feature (not finite, projected, beyond ±90/±180)."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    lons, lats = coords[:, 0], coords[:, 1]
    finite = np.isfinite(lons) & np.isfinite(lats)
    bad = ~finite | (np.abs(lats) > 90) | (np.abs(lons) > 180)
    problems = []
    seen: set[int] = set()
    for vertex in np.flatnonzero(bad).tolist():
        feature = int(owner[vertex])
        if feature in seen:
            continue
        seen.add(feature)
        where = f"position {vertex - int(np.searchsorted(owner, feature))}"
        if not finite[vertex]:
            problems.append((int(rows[feature]), f"{where} is not a finite number; fix or "
                             "remove the point"))
            continue
        problems += [(int(rows[feature]), message)
                     for message in range_problems(float(lons[vertex]), float(lats[vertex]),
                                                   where)]
    return problems


def _polygon_problems(geoms: Any, names: Any, rows: Any) -> list[tuple[int, str]]:
    """Polygons GEOS calls invalid (self-intersecting, ...), as the GeoJSON rules report them:
    a GeoPackage's bow-tie was "ok" where the same polygon in GeoJSON was refused."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    polygonal = np.flatnonzero(np.isin(names, ["Polygon", "MultiPolygon"]))
    invalid = polygonal[~shapely.is_valid(geoms[polygonal])]
    return [(int(rows[i]), invalid_polygon_message("geometry", str(names[i]),
                                                   str(shapely.is_valid_reason(geoms[i]))))
            for i in invalid.tolist()]


def _degenerate_problems(geoms: Any, names: Any, rows: Any, missing: Any) -> list[tuple[int, str]]:
    """Empty geometries, and lines with a part whose positions are all equal, as the GeoJSON
    rules report them (a GeoPackage's ``LINESTRING EMPTY`` was "ok" and measured 0 km)."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    empty = shapely.is_empty(geoms) & ~missing
    problems = [(int(rows[i]), f"geometry is an empty {names[i]} (no positions); give it "
                 "positions or remove the feature") for i in np.flatnonzero(empty).tolist()]
    lines = np.flatnonzero(np.isin(names, ["LineString", "MultiLineString"]) & ~empty)
    parts, owner = shapely.get_parts(geoms[lines], return_index=True)
    # An empty part of a MultiLineString (GDAL keeps ``MULTILINESTRING ((...), EMPTY)``) has
    # no length either, but its line may have many positions: named as the part it is.
    hollow = shapely.is_empty(parts)
    first_part = np.searchsorted(owner, owner)  # each part's index within its line
    said = set(owner[hollow].tolist())
    problems += [(int(rows[lines[line]]), f"geometry part {part - int(first_part[part])} "
                  "(LineString) has 0 positions; a LineString needs at least 2: remove the "
                  "empty part") for part, line in zip(np.flatnonzero(hollow).tolist(),
                                                       owner[hollow].tolist(), strict=True)]
    flat = np.unique(owner[(shapely.length(parts) == 0) & ~hollow])
    problems += [(int(rows[lines[i]]), equal_positions_message("geometry", str(names[lines[i]])))
                 for i in flat.tolist() if i not in said]
    return problems


def _property_problems(properties: Any, rows: Any) -> list[tuple[int, str]]:
    """``published_length_km`` must have the catalog's shape (a number here, or JSON text
    of the catalog's list, as a flat export writes it)."""
    if "published_length_km" not in properties.columns:
        return []
    problems = []
    for row, value in zip(rows.tolist(), properties["published_length_km"].tolist(),
                          strict=True):
        if value is None or (isinstance(value, float) and value != value):
            continue
        problems += [(row, message) for message in
                     USER_PROPERTIES({"published_length_km": value}, "properties")]
    return problems


def _geojson_batches(
    path: str | os.PathLike[str],
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    batch_size: int,
    columns: Sequence[str] | None,
) -> Iterator[_Checked]:
    """A GeoJSON FeatureCollection streamed (:mod:`caspian.layers.io.geojson_stream`) and
    checked batch by batch by the strict reader's rules."""
    reader = CollectionReader(path, batch_size)
    check = StreamedCollectionCheck(geometry_types, allow_null_geometry)
    reported = 0  # repeated keys already reported
    try:
        with gc_paused():
            for batch in reader.batches():
                block = prepare_positions({"type": "FeatureCollection", "features": batch.features})
                problems = problems_of(check.batch(batch.features, block, batch.unicode_escapes),
                                       reader.duplicates[reported:])
                reported = len(reader.duplicates)
                own = [_properties(feature) for feature in batch.features]
                frame = (None if problems else features_frame(
                    batch.features, block, kept_columns(path, own, columns), batch.first_index))
                yield _Checked(frame, problems, len(batch.features), own)
    except UnusableError as exc:
        yield _Checked(None, [Problem(None, str(exc))], 0)
        return
    if not reader.streamed_features and reader.members.get("type") in (
            "Feature", *GEOMETRY_TYPES):
        yield _whole_document(path, reader, geometry_types, allow_null_geometry, columns)
        return
    problems = problems_of(check.finish(reader.members, reader.streamed_features),
                           reader.duplicates[reported:])
    if problems:
        yield _Checked(None, problems, 0)


def _properties(feature: Any) -> dict[str, Any]:
    """A feature's own properties, a copy (none when the feature or they are no object: a
    problem then keeps the batch from being read)."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return dict(properties) if isinstance(properties, dict) else {}


def _whole_document(
    path: str | os.PathLike[str],
    reader: CollectionReader,
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    columns: Sequence[str] | None,
) -> _Checked:
    """A file whose top level is one Feature or geometry: the reader's members are the whole
    document, checked and read as the strict reader does."""
    doc = reader.members
    block = prepare_positions(doc)
    problems = problems_of(check_document(doc, geometry_types, allow_null_geometry, block),
                           reader.duplicates)
    if problems:
        return _Checked(None, problems, 0)
    features = document_features(doc)
    own = [_properties(feature) for feature in features]
    return _Checked(features_frame(features, block, kept_columns(path, own, columns)), [], 1,
                    own)


def check_layer_choice(path: str | os.PathLike[str], layers: list[str] | None) -> None:
    """Refuse ``layers`` (checked by :func:`~caspian.layers.io.ogr_reader.chosen_layers`)
    for a file whose format holds one layer, with nothing to choose: GeoJSON, GeoJSON Lines,
    GeoParquet, FlatGeobuf and Shapefile. A GeoPackage's layers are checked as it is opened.

    Raises
    ------
    LayerChoiceError
        ``layers`` given for a file of a one-layer format.
    """
    if layers is None:
        return
    entry = user_format(path)
    _check_input(path, entry)  # a missing file is told as such first
    _refuse_layers_of_one_layer_format(path, entry, layers)


def _refuse_layers_of_one_layer_format(path: str | os.PathLike[str], entry: UserFormat,
                                       layers: list[str] | None) -> None:
    """:func:`check_layer_choice` of a file already checked as an input."""
    if layers is not None and not entry.layered:
        parameter = parameter_of(layers)
        raise LayerChoiceError(display_path(path), (
            f"a {entry.name} file holds one layer, so there is no layer to choose; leave "
            f"{parameter}= out (it picks layers of a GeoPackage or File Geodatabase)"),
            options=(parameter,))


def _check_input(path: str | os.PathLike[str], entry: UserFormat) -> None:
    """Refuse what cannot be read (missing, not a regular file, ...); a File Geodatabase is a
    folder."""
    if entry.name == "FileGDB" and os.path.isdir(path):
        check_input_folder(path)
    else:
        check_input_file(path, max_bytes=None)


def _batches(
    path: str | os.PathLike[str],
    geometry_types: Sequence[str],
    allow_null_geometry: bool,
    batch_size: int | None,
    part: FilePart | None = None,
    columns: Sequence[str] | None = None,
    layers: list[str] | None = None,
) -> Iterator[_Checked]:
    entry = user_format(path)
    _check_input(path, entry)
    _refuse_layers_of_one_layer_format(path, entry, layers)
    if entry.reader == "geojson" and part is None:
        yield from _geojson_batches(path, geometry_types, allow_null_geometry,
                                    batch_size or GEOJSON_BATCH_FEATURES, columns)
        return
    batch_size = batch_size or BATCH_FEATURES
    _needs_pyarrow()
    first_row = 0
    if part is not None:
        if entry.reader != "parquet":
            raise InputError(f"{display_path(path)}: only GeoParquet files are read in parts; "
                             "convert it (ogr2ogr -f Parquet out.parquet in)")
        first_row = part.first_row
        batches = _parquet_batches(Path(path), batch_size, part.row_groups)
    elif entry.reader == "parquet":
        batches = _parquet_batches(Path(path), batch_size)
    elif entry.name == "GeoJSON Lines" and next(_sequence_records(Path(path)), None) is None:
        # GDAL calls a file of no record "not recognized as being in a supported file format"
        raise InputFileError(display_path(path), NO_FEATURES)
    else:
        batches = ogr_batches(Path(path), entry.name, batch_size, tuple(columns or ()), layers)
    layer, ids_seen = None, dict[str, int]()
    for name, batch, crs in batches:
        if name != layer:  # the next layer of a file of several: its rows and ids start anew
            layer, first_row, ids_seen = name, 0, {}
        check_crs(path, crs)  # cached: parsed once per file
        yield _check_batch(batch, crs, first_row, geometry_types, allow_null_geometry, layer,
                           ids_seen)
        first_row += batch.num_rows
    if entry.name == "GeoJSON Lines":
        check_every_record_read(Path(path), first_row)


def _sequence_records(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(line number from 1, text)`` of each record of a GeoJSON Lines file: a line that is
    not blank, or, in a sequence whose records open with RS (RFC 8142), each RS's text."""
    with open(path, "rb") as handle:
        separated = handle.read(1) == b"\x1e"
        handle.seek(0)
        if separated:
            # a record may span lines; it starts at its RS
            record, start = b"", 1
            for number, text in enumerate(handle, start=1):
                first, *opened = text.split(b"\x1e")
                record += first
                for part in opened:
                    if record.strip():
                        yield start, record
                    record, start = part, number
            if record.strip():
                yield start, record
            return
        for number, text in enumerate(handle, start=1):
            if text.strip():
                yield number, text


def check_every_record_read(path: Path, rows: int) -> None:
    """Raise when GDAL read fewer features than a GeoJSON Lines file has records.

    GDAL's GeoJSONSeq driver skips a record it cannot parse without a word, so a broken line
    would drop a feature silently (and number the ones after it wrong). Counting the records
    is one pass over the file's bytes; only when the counts differ is each record parsed, to
    name the first that is not a feature.

    Raises
    ------
    InputFileError
        Naming the line of the first record that is no GeoJSON Feature or FeatureCollection.
    """
    records = sum(1 for _ in _sequence_records(path))
    if rows >= records:
        return
    for number, text in _sequence_records(path):
        if text.lstrip(b"\x1e").startswith(codecs.BOM_UTF8):  # json.loads reads it, GDAL not
            raise InputFileError(display_path(path), (
                f"line {number} starts with a UTF-8 byte-order mark (BOM), after which GDAL "
                "skips the record, so its feature would be lost; save the file as UTF-8 "
                "without a BOM"))
        try:
            record = json.loads(text)
        except ValueError as exc:
            reason = f"not JSON ({first_line(exc)})"
        else:
            kind = record.get("type") if isinstance(record, dict) else None
            if kind in ("Feature", "FeatureCollection"):
                continue
            reason = "not a GeoJSON Feature"
        raise InputFileError(display_path(path), f"line {number} is {reason}; GDAL skips it, "
                             "so its feature would be lost: fix the line or remove it")
    raise InputFileError(display_path(path), f"GDAL read {rows} features of {records} records; "
                         "check the file (ogrinfo -al) or save it as GeoJSON")


@dataclass(frozen=True)
class FilePart:
    """Some row groups of a GeoParquet file: a partition one worker of a cluster reads."""

    #: The file.
    path: str
    #: Its row groups in this part, consecutive.
    row_groups: tuple[int, ...]
    #: Row number (from 0 over the whole file) of the part's first feature.
    first_row: int


def user_batches(
    path: str | os.PathLike[str],
    *,
    batch_size: int | None = None,
    part: FilePart | None = None,
    layers: Sequence[str] | str | None = None,
    **options: Unpack[ReadOptions],
) -> Iterator[geopandas.GeoDataFrame]:
    """Yield a user's file as checked GeoDataFrames of ``batch_size`` rows.

    Each frame holds the file's attributes as columns, ``id`` (the file's ``id`` attribute,
    else the row number counted from 0 over the whole file) and ``geometry`` in EPSG:4326;
    ``batch_size`` is :data:`BATCH_FEATURES` by default (:data:`GEOJSON_BATCH_FEATURES` for
    GeoJSON). With ``part``, only those row groups of a GeoParquet file are read (numbered as in the
    whole file). A GeoJSON FeatureCollection is read a batch of features at a time too
    (:mod:`caspian.layers.io.geojson_stream`), its properties made columns as
    :func:`~caspian.layers.io.userdata.read_user_geojson` makes them (``columns``: those
    kept, all by default). A file of several vector layers (a GeoPackage) gives every
    layer's batches in turn, rows counted from 0 in each: :func:`user_layer_batches` says
    which layer each batch is of. ``layers``: the names of the layers to read, in that order
    (one name or several; every vector layer by default), as ``ogr2ogr`` takes them.

    Raises
    ------
    InputError
        At the first batch with a problem: the file, the feature, the problem and its fix.
    LayerChoiceError
        ``layers`` names a layer the file does not hold (the message lists those it does),
        or is given for a format of one layer.
    """
    for _, frame in user_layer_batches(path, batch_size=batch_size, part=part, layers=layers,
                                       **options):
        yield frame


def user_layer_batches(
    path: str | os.PathLike[str],
    *,
    batch_size: int | None = None,
    part: FilePart | None = None,
    layers: Sequence[str] | str | None = None,
    **options: Unpack[ReadOptions],
) -> Iterator[tuple[str | None, geopandas.GeoDataFrame]]:
    """:func:`user_batches`, each frame with the name of its layer: ``(layer, frame)``.

    A file of several vector layers (a GeoPackage, or any file GDAL lists several layers of)
    is read layer after layer in the file's order, one batch at a time; ``layer`` is None for
    a file of one layer (every other format, and a GeoPackage of one vector layer). Tables
    without geometry are skipped, said on stderr (:mod:`caspian.layers.io.ogr_reader`).
    ``layers`` names those to read instead, in that order; ``layer`` is still None for a
    file of one vector layer.
    """
    geometry_types, allow_null_geometry, columns = read_options(**options)
    chosen = chosen_layers(layers)
    for checked in _usable(path, _batches(path, geometry_types, allow_null_geometry,
                                          batch_size, part, columns, chosen)):
        assert checked.frame is not None
        yield checked.layer, checked.frame


def _usable(path: str | os.PathLike[str], batches: Iterable[_Checked]) -> Iterator[_Checked]:
    """``batches`` up to the first with a problem, which raises :class:`InputError`."""
    for checked in batches:
        if checked.problems:
            raise unusable_file_error(path, checked.problems, all_counted=False)
        yield checked


def validate_user_file(
    path: str | os.PathLike[str],
    *,
    geometry_types: Sequence[str] = SUPPORTED_GEOMETRY_TYPES,
    allow_null_geometry: bool = False,
    layers: Sequence[str] | str | None = None,
) -> tuple[int, list[Problem]]:
    """Every problem of a streamed file, and its number of features.

    Every vector layer of a file of several is counted and checked, its problems naming it
    (:attr:`Problem.layer`), listed layer after layer in the file's order; or, with
    ``layers``, those layers alone, in the order given.

    Returns
    -------
    tuple
        ``(features, problems)``; a file that cannot be read at all gives one problem of the
        whole file (index None).

    Raises
    ------
    LayerChoiceError
        ``layers`` names a layer the file does not hold, or is given for a format of one
        layer: the request, not the file, is at fault.
    """
    chosen = chosen_layers(layers)
    count, problems = 0, []
    try:
        for checked in _batches(path, geometry_types, allow_null_geometry, None,
                                layers=chosen):
            count += checked.rows
            problems += checked.problems
    except LayerChoiceError:
        raise
    except InputFileError as exc:
        return count, [Problem(None, exc.reason or str(exc))]
    if not count and not problems:  # as metrics and map refuse it
        return 0, [Problem(None, no_features(chosen))]
    return count, _in_file_order(problems)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` of the whole file first, then layer after layer as they were read, each
    layer's by feature (:func:`~caspian.layers.io.userdata.by_place`)."""
    rank: dict[str | None, int] = {None: -1}
    for problem in problems:
        rank.setdefault(problem.layer, len(rank))
    return sorted(by_place(problems), key=lambda problem: rank[problem.layer])


def streams(path: str | os.PathLike[str], whole_bytes: int | None = None) -> bool:
    """Whether ``path`` is read in batches: every format but GeoJSON, and GeoJSON larger
    than ``whole_bytes`` (:data:`STREAMED_GEOJSON_BYTES` by default)."""
    if user_format(path).streamed:
        return True
    limit = STREAMED_GEOJSON_BYTES if whole_bytes is None else whole_bytes
    try:
        return os.path.isfile(path) and os.path.getsize(path) > limit
    except (OSError, ValueError):
        return False  # the strict reader names what is wrong with the path


def read_user_file(
    path: str | os.PathLike[str],
    *,
    layers: Sequence[str] | str | None = None,
    **options: Unpack[ReadOptions],
) -> tuple[geopandas.GeoDataFrame, list[dict[str, Any]]]:
    """Any user file whole, as :func:`caspian.layers.io.userdata.read_user_features` reads
    GeoJSON: the frame, and each feature's own properties (its non-null attributes).

    ``columns`` names the property columns the frame keeps (all when None; ``()`` keeps
    ``id`` and ``geometry`` alone, the properties living only in the records). The features
    of a file of several vector layers come layer after layer (each layer's ids from 0):
    :func:`read_user_layers` keeps the layers apart; ``layers`` picks some, as there."""
    read = read_user_layers(path, layers=layers, **options)
    if len(read) == 1:
        return read[0][1], read[0][2]
    # slow import: pandas and GDAL
    import geopandas

    # slow import
    import pandas

    frame = geopandas.GeoDataFrame(pandas.concat([layer[1] for layer in read],
                                                 ignore_index=True), crs="EPSG:4326")
    columns = [name for name in frame.columns if name not in ("id", "geometry")]
    return frame[[*columns, "id", "geometry"]], [own for layer in read for own in layer[2]]


def read_user_layers(
    path: str | os.PathLike[str],
    *,
    layers: Sequence[str] | str | None = None,
    **options: Unpack[ReadOptions],
) -> list[tuple[str | None, geopandas.GeoDataFrame, list[dict[str, Any]]]]:
    """Every layer of a user file whole, as :func:`read_user_file` reads one: ``(layer,
    frame, properties)`` in the file's order, ``layer`` None for a file of one layer.

    A GeoPackage (or any file GDAL lists several layers of) gives one entry per vector
    layer that holds features; tables without geometry are skipped, said on stderr.
    ``layers`` names the layers to read instead, in that order.

    Raises
    ------
    InputError
        The file cannot be used (the first problem, as :func:`user_batches` says it), or
        holds no features.
    LayerChoiceError
        ``layers`` names a layer the file does not hold, or is given for a format of one
        layer."""
    chosen = chosen_layers(layers)
    if not streams(path):
        check_layer_choice(path, chosen)
        return [(None, *read_user_features(path, **options))]
    geometry_types, allow_null_geometry, columns = read_options(**options)
    checked = list(_usable(path, _batches(path, geometry_types, allow_null_geometry, None,
                                          columns=columns, layers=chosen)))
    if not checked:  # as metrics --file says it (a layer without features gives no batch)
        raise InputError(f"{display_path(path)}: {no_features(chosen)}")
    names = list(dict.fromkeys(batch.layer for batch in checked))
    return [(name, *_whole_layer([batch for batch in checked if batch.layer == name], columns))
            for name in names]


def _whole_layer(
    checked: list[_Checked], columns: Sequence[str] | None
) -> tuple[geopandas.GeoDataFrame, list[dict[str, Any]]]:
    """One layer's checked batches as one frame, and each feature's own properties."""
    # slow import: pandas and GDAL
    import geopandas

    # slow import
    import pandas

    frame = geopandas.GeoDataFrame(pandas.concat([batch.frame for batch in checked],
                                                 ignore_index=True), crs="EPSG:4326")
    properties = [name for name in frame.columns if name not in ("id", "geometry")]
    if all(batch.own is not None for batch in checked):  # GeoJSON: as the file gives them
        own = [record for batch in checked for record in batch.own or ()]
    else:
        own = [{key: _plain(value) for key, value in row.items() if not _is_null(value)}
               for row in frame[properties].to_dict(orient="records")]
    kept = properties if columns is None else [name for name in properties if name in columns]
    return frame[[*kept, "id", "geometry"]], own


def _is_null(value: Any) -> bool:
    """Whether an attribute is null: None, NaN, or pandas' NaT (a null date or time)."""
    # slow import
    import pandas

    return value is None or (isinstance(value, float) and value != value) or value is pandas.NaT


def _plain(value: Any) -> Any:
    """An attribute as the popup shows it: a list (Arrow's list type) as a list, not numpy's
    array, whose text is ``[1 2]``."""
    # slow import
    import numpy as np

    return value.tolist() if isinstance(value, np.ndarray) else value
