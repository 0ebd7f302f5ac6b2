"""A user's file read through pyogrio (GDAL): every vector layer, in batches, GDAL's warnings
said our way.

A GeoPackage (or any file GDAL lists several layers of) is read as all of its vector layers in
the file's order, as QGIS offers them and ``ogr2ogr`` converts them, one layer after the other
so that only one batch is held at a time; or, given layer names (``ogr2ogr out in rail road``,
``geopandas.read_file(path, layer="rail")``), those layers alone, in the order given. Tables
without geometry (attribute-only layers of a GeoPackage) are skipped, said once on stderr; a
file without any vector layer is refused.

pyogrio turns GDAL's warnings into Python warnings, which would reach the user as a raw
``UserWarning`` with a source line. Every pyogrio call here runs inside :class:`GdalNotices`:
the warnings of :data:`SILENCED` (each says why) and deprecations (addressed to our code,
not to the user) are dropped; every other one, GDAL telling that it altered or skipped
something it read, becomes one ``caspian: FILE: ...`` line (a logging warning, which the
command line prints), said once per file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo.arguments import refuse, texts
from caspian.geo.errors import ArgumentError
from caspian.layers.io.fileio import InputFileError, display_path
from caspian.layers.io.userdata import MAX_PROPERTY_COLUMNS, geometry_first

if TYPE_CHECKING:
    import pyarrow

logger = logging.getLogger(__name__)

#: pyogrio and GDAL warnings that tell the user nothing they need, silenced.
SILENCED: tuple[re.Pattern[str], ...] = (
    # pyogrio, when no layer is named: "More than one layer found in 'two.gpkg': 'one'
    # (default), 'two'". We name every layer we read, and read them all.
    re.compile(r"^More than one layer found in "),
    # GDAL's GeoPackage driver on a file not named .gpkg ("has GPKG application_id, but non
    # conformant file extension"): we recognised the format by its first bytes on purpose, and
    # the file reads the same under any name.
    re.compile(r"has GPKG application_id, but non conformant file extension"),
)

#: Warnings addressed to the code that calls pyogrio, not to the user: silenced.
_FOR_DEVELOPERS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


class GdalNotices:
    """The warnings pyogrio and GDAL raise while one file is read, said as our own lines.

    Use :meth:`caught` around each pyogrio call (never around a ``yield``: the filter would
    then catch the caller's warnings too). A warning of :data:`SILENCED` is dropped; any other
    (GDAL altering or skipping something it read, for instance) is logged once as
    ``FILE: warning``, its first line only.
    """

    def __init__(self, path: str | Path) -> None:
        self.name = display_path(path)
        self.said: set[str] = set()

    @contextmanager
    def caught(self) -> Iterator[None]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        for warning in caught:
            text = (str(warning.message).strip().splitlines() or [""])[0]
            # Deprecations speak to this package's code, not to the user about the file:
            # silenced here (the test suite, which calls pyogrio directly, still sees them).
            if (not text or text in self.said or issubclass(warning.category, _FOR_DEVELOPERS)
                    or any(pattern.search(text) for pattern in SILENCED)):
                continue
            self.said.add(text)
            logger.warning("%s: %s", self.name, text)


def first_line(exc: Exception) -> str:
    """The library's reason, up to its first full stop (GDAL adds driver advice after it)."""
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return re.split(r"[.;] ", line, maxsplit=1)[0].rstrip(".")


def check_fields(path: Path, names: list[str]) -> None:
    """Refuse a file of more attribute fields than a table takes columns: a batch holds a
    cell for every row and field (GeoJSON Lines of 1,000 features, each with 100 keys of its
    own, make 100,000 fields; GDAL read it for minutes at 1.3 GB), or of two fields of one
    name (pyarrow writes them; pandas then gives a table for the one name, and the commands
    failed with a traceback)."""
    fields = len(names)
    twice = next((name for name, count in Counter(names).items() if count > 1), None)
    if twice is not None:
        raise InputFileError(display_path(path), f"the file has {names.count(twice)} attribute "
                             f"fields named {twice!r}; rename one of them")
    if fields > MAX_PROPERTY_COLUMNS:
        raise InputFileError(
            display_path(path),
            f"the file has {fields:,} attribute fields, too many for one column each (at most "
            f"{MAX_PROPERTY_COLUMNS:,}); keep the fields you need (ogr2ogr -select name,status "
            "out in), or give GeoJSON, whose properties are read feature by feature",
        )


def unknown_crs(path: str | os.PathLike[str], exc: Exception) -> InputFileError:
    """The problem of a file naming a CRS that PROJ cannot read (a Shapefile's .prj cut
    short, a GeoParquet ``crs`` of another shape), for every reader."""
    return InputFileError(display_path(path), (
        f"the file's CRS cannot be read ({first_line(exc)}); give it a CRS PROJ knows: "
        "ogr2ogr -a_srs EPSG:4326 out.gpkg in (the EPSG code its positions are in), or fix a "
        "Shapefile's .prj"))


def _unreadable(path: Path, format_name: str, exc: Exception) -> InputFileError:
    if format_name == "GeoPackage":
        rasters = _raster_tables(path)
        if rasters:
            return InputFileError(display_path(path), (
                f"the GeoPackage holds raster tiles only ({', '.join(map(repr, rasters))}), "
                "no vector layer; give a GeoPackage of vector layers (lines, points or "
                "polygons)"))
    return InputFileError(display_path(path), f"not readable as {format_name} "
                          f"({first_line(exc)}); check the file")


def _raster_tables(path: Path) -> list[str]:
    """The tables a GeoPackage's ``gpkg_contents`` lists as raster (``tiles``, gridded
    coverages) when it lists nothing else: GDAL's vector driver then calls the file "not
    recognized", though it is a GeoPackage (a basemap QGIS saved); [] otherwise, or when the
    file cannot be read as SQLite (opened read-only, never changed)."""
    try:
        with contextlib.closing(sqlite3.connect(
                f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall()
    except (sqlite3.Error, ValueError, OSError):
        return []
    kinds = {str(kind) for _, kind in rows}
    if not rows or kinds - {"tiles", "2d-gridded-coverage"}:
        return []
    return [str(name) for name, _ in rows]


class LayerChoiceError(InputFileError):
    """``layers=`` names a layer the file does not hold as a vector layer (or the file's
    format holds no layers to choose from): the message lists the layers there are."""


class LayerNames(list[str]):
    """Layer names checked by :func:`chosen_layers`, with the keyword argument they were
    given as (``add_layers`` of ``build_map``, ``layers`` elsewhere), so that a refusal of
    them deep in the reader names the caller's own keyword."""

    def __init__(self, names: list[str], parameter: str) -> None:
        super().__init__(names)
        self.parameter = parameter


def parameter_of(layers: list[str]) -> str:
    """The keyword argument ``layers`` were given as: ``layers`` unless they say otherwise."""
    return layers.parameter if isinstance(layers, LayerNames) else "layers"


def chosen_layers(layers: Any, parameter: str = "layers") -> list[str] | None:
    """``layers`` checked: None (every vector layer), one name, or names, each once;
    ``parameter`` is the keyword argument they were given as, named by any refusal of them
    (names already checked keep the keyword they were first given as).

    A name is a name, never a position: a layer may be called ``2024`` or ``0`` (pyogrio's
    ``layer=0`` reads the first layer; ``ogr2ogr`` and QGIS take names)."""
    if layers is None or isinstance(layers, LayerNames):
        return layers
    expected = "layer names (a list of str), or None for every layer"
    names = texts(layers, parameter, expected)
    if not names:
        refuse(parameter, layers, expected)
    for name in names:
        if not name:
            raise ArgumentError(f"{parameter}= holds an empty name; give the name of a layer "
                                "of the file", options=(parameter,))
        if names.count(name) > 1:
            raise ArgumentError(f"{parameter}= names {name!r} twice, and its features would "
                                "be counted twice; give it once", options=(parameter,))
    return LayerNames(names, parameter)


def _pick(path: Path, spatial: list[str], tables: list[str], chosen: list[str]) -> list[str]:
    """The file's names of the layers ``chosen`` names, in the order given, when the file
    holds each as a vector layer.

    A name is the layer of that name, else the one layer whose name matches it ignoring case,
    as GDAL's ``GetLayerByName`` finds a layer for ``ogr2ogr``, QGIS and pyogrio (``--layer
    RAIL`` reads ``rail``); several matching it ignoring case, and none exactly, are named."""
    parameter = parameter_of(chosen)
    picked: dict[str, str] = {}
    for name in chosen:
        layer = _layer_named(path, spatial, tables, name, parameter)
        if layer in picked:
            raise LayerChoiceError(
                display_path(path), f"{parameter}= {picked[layer]!r} and {name!r} both name "
                f"the layer {layer!r}, and its features would be counted twice; give it once",
                options=(parameter,))
        picked[layer] = name
    return list(picked)


def _layer_named(path: Path, spatial: list[str], tables: list[str], name: str,
                 parameter: str) -> str:
    """The vector layer ``name`` (of keyword ``parameter``) names: its own, else the one
    matching it ignoring case."""
    if name in spatial:
        return name
    folded = [layer for layer in (*spatial, *tables) if layer.casefold() == name.casefold()]
    if name in tables or (len(folded) == 1 and folded[0] in tables):
        table = name if name in tables else folded[0]
        reason = (f"layer {table!r} is a table without geometry, nothing to measure, check "
                  "or draw")
    elif len(folded) == 1:
        return folded[0]
    elif folded:
        raise LayerChoiceError(
            display_path(path), f"the file holds no layer {name!r}, and {len(folded)} whose "
            f"names differ from it only in case: {', '.join(map(repr, folded))}; give one of "
            f"them, as it is written, to {parameter}=", options=(parameter,))
    else:
        reason = f"the file holds no layer {name!r}"
        if name.isdigit() and int(name) < len(spatial):
            reason += f" ({parameter}= takes a name, not a position, as ogr2ogr does)"
    listed = ", ".join(map(repr, spatial))
    raise LayerChoiceError(display_path(path), f"{reason}; its layer"
                           f"{'s' if len(spatial) > 1 else ''} with geometry: {listed}; "
                           f"give one of them to {parameter}=", options=(parameter,))


def vector_layers(path: Path, format_name: str, notices: GdalNotices,
                  chosen: list[str] | None = None) -> tuple[list[str], int]:
    """The names of the file's layers with geometry to read, in the file's order (or, when
    ``chosen``, those named, in the order given), and how many the file holds.

    Tables without geometry (pyogrio lists their geometry type as None) are skipped and said
    in one line, unless ``chosen`` says which layers to read.

    Raises
    ------
    InputFileError
        The file cannot be opened, or it holds no layer with geometry.
    LayerChoiceError
        A name of ``chosen`` is no vector layer of the file.
    """
    # slow import: GDAL
    import pyogrio

    # slow import: GDAL
    import pyogrio.errors

    try:
        with notices.caught():
            listed = pyogrio.list_layers(path)
    except pyogrio.errors.DataSourceError as exc:
        raise _unreadable(path, format_name, exc) from None
    if not len(listed):
        # GDAL opened it but found no layer at all: a one-layer format cut short (a
        # FlatGeobuf whose header survived) or an empty container
        raise InputFileError(display_path(path), f"GDAL finds no layer in this {format_name} "
                             "file: it may be cut short or empty; check it, or export it again")
    spatial = [str(name) for name, kind in listed if kind is not None]
    tables = [str(name) for name, kind in listed if kind is None]
    if not spatial:
        held = (f"only {len(tables)} table{'s' if len(tables) > 1 else ''} without geometry "
                f"({', '.join(map(repr, tables))})")
        raise InputFileError(
            display_path(path),
            f"the file holds no layer with geometry ({held}); give a file with a vector "
            "layer, or add a geometry to the table (in QGIS, or ogr2ogr with -nlt)")
    if chosen is not None:
        return _pick(path, spatial, tables, chosen), len(spatial)
    if tables:
        logger.warning("%s: skipped %d table%s without geometry (%s): only layers with "
                       "geometry are measured, checked and drawn", notices.name, len(tables),
                       "s" if len(tables) > 1 else "", ", ".join(map(repr, tables)))
    return spatial, len(spatial)


def _beside(path: Path, suffix: str) -> Path | None:
    """The part ``suffix`` of the Shapefile ``path`` (GDAL also reads it upper case)."""
    return next((part for part in (path.with_suffix(suffix), path.with_suffix(suffix.upper()))
                 if part.is_file()), None)


def _check_shapefile_parts(path: Path, notices: GdalNotices) -> None:
    """Say when a Shapefile has no .dbf, and refuse one whose .shx and .dbf count different
    features: GDAL reads either without a word, so a user who copied the .shp and .shx
    only would get features without names or ids, and a .dbf of another export would lose
    features or give them another's attributes.

    Raises
    ------
    InputFileError
        The .shx indexes another number of shapes than the .dbf holds records.
    """
    dbf, shx = _beside(path, ".dbf"), _beside(path, ".shx")
    if dbf is None:
        logger.warning("%s: no %s beside it, so its features are read without their "
                       "attributes (names, ids); copy the .dbf with the .shp", notices.name,
                       path.with_suffix(".dbf").name)
        return
    if shx is None:
        return  # GDAL refuses it, naming the .shx
    with open(dbf, "rb") as handle:
        header = handle.read(8)
    if len(header) < 8 or shx.stat().st_size < 100:
        return  # GDAL refuses a .dbf or .shx cut short
    # the .shx: a 100-byte header, then 8 bytes per shape; the .dbf: its count at byte 4
    shapes = (shx.stat().st_size - 100) // 8
    records = int.from_bytes(header[4:8], "little")
    if shapes != records:
        raise InputFileError(notices.name, (
            f"{shx.name} indexes {shapes:,} shape{'s' if shapes != 1 else ''} but {dbf.name} "
            f"holds {records:,} record{'s' if records != 1 else ''}, "
            "so features would be lost or take another's attributes; copy the .shp, .shx and "
            ".dbf of one export together"))


#: The longest field name a Shapefile's dBase table keeps; GDAL cuts longer ones.
_DBASE_NAME_CHARS = 10


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _say_cut_field_names(fields: list[str], wanted: tuple[str, ...],
                         notices: GdalNotices) -> None:
    """Say which fields of a Shapefile look like ``wanted`` names cut to 10 characters
    (``published_`` for ``published_length_km``): read by their whole names, they would be
    lost without a word."""
    # reversed: of two names one field may be cut from, the first wanted is said
    cut = {field: name for field in fields for name in reversed(wanted)
           if len(name) > _DBASE_NAME_CHARS and name[:_DBASE_NAME_CHARS] == field
           and name not in fields}
    if not cut:
        return
    one = len(cut) == 1
    logger.warning(
        "%s: field%s %s may be %s cut to %d characters (a Shapefile's limit), so %s not read "
        "as such; rename %s, or give a GeoPackage", notices.name, "" if one else "s",
        _and([repr(field) for field in cut]), _and(list(cut.values())), _DBASE_NAME_CHARS,
        "it is" if one else "they are", "it" if one else "them")


def ogr_batches(
    path: Path, format_name: str, batch_size: int, wanted: tuple[str, ...] = (),
    layers: list[str] | None = None,
) -> Iterator[tuple[str | None, pyarrow.RecordBatch, Any]]:
    """``(layer, batch, crs)`` of every vector layer in turn (or of ``layers``, checked by
    :func:`chosen_layers`, in that order), through pyogrio's Arrow reader.

    ``layer`` is the layer's name when the file holds several vector layers, None when it
    holds one (its features are then the file's, as in a one-layer format). The geometry
    column is named ``geometry``. ``wanted``: the property names the caller reads, said when
    a Shapefile holds them cut to 10 characters.
    """
    # slow import: GDAL
    import pyogrio

    # slow import: GDAL
    import pyogrio.errors

    notices = GdalNotices(path)
    read, held = vector_layers(path, format_name, notices, layers)
    if format_name == "Shapefile":
        _check_shapefile_parts(path, notices)
    for layer in read:
        opened = ExitStack()
        try:
            with notices.caught():
                meta, reader = opened.enter_context(pyogrio.open_arrow(
                    path, layer=layer, batch_size=batch_size, use_pyarrow=True))
            fields = [str(field) for field in meta["fields"]]
            check_fields(path, fields)
            if format_name == "Shapefile":
                _say_cut_field_names(fields, wanted, notices)
            name = meta["geometry_name"] or "wkb_geometry"
            while True:
                with notices.caught():
                    batch = next(reader, None)
                if batch is None:
                    break
                yield None if held == 1 else layer, batch.rename_columns(
                    geometry_first(batch.schema.names, name)), meta["crs"]
        except pyogrio.errors.DataSourceError as exc:
            raise _unreadable(path, format_name, exc) from None
        except pyogrio.errors.CRSError as exc:
            raise unknown_crs(path, exc) from None
        finally:
            with notices.caught():  # closing the layer may warn too
                opened.close()


def likely_encoding(value: bytes) -> str:
    """The legacy code page ``value`` is most likely in: CP1251 (Russian, Kazakh in Cyrillic)
    when at least half its letters are bytes above ASCII, as in Cyrillic text; otherwise
    CP1252 (Latin text with a few accented letters)."""
    high = sum(byte >= 0x80 for byte in value)
    letters = high + sum(chr(byte).isalpha() for byte in value if byte < 0x80)
    return "cp1251" if letters and 2 * high >= letters else "cp1252"


def undecodable_text(
    batch: pyarrow.RecordBatch, first_row: int
) -> tuple[pyarrow.RecordBatch, list[tuple[int, str]]]:
    """Attribute text that is not UTF-8, each value's problem by row, and the batch with those
    values null (pyarrow would fail on them later, with a traceback).

    GDAL hands text on as the file declares it: a Shapefile whose ``.cpg`` says UTF-8 over
    Windows-1252 bytes gives strings pyarrow cannot hold ("Wrapping Caf\\ufffd failed"), and
    GDAL warns of nothing.
    """
    # slow import
    import pyarrow

    problems: list[tuple[int, str]] = []
    for index, field in enumerate(batch.schema):
        large = pyarrow.types.is_large_string(field.type)
        if not (large or pyarrow.types.is_string(field.type)):
            continue
        column = batch.column(index)
        try:
            column.validate(full=True)
            continue
        except pyarrow.ArrowInvalid:
            pass  # rare: find the values, one by one
        values: list[Any] = column.cast(
            pyarrow.large_binary() if large else pyarrow.binary()).to_pylist()
        for row, value in enumerate(values):
            if value is None:
                continue
            try:
                values[row] = value.decode("utf-8")
            except UnicodeDecodeError as exc:
                values[row] = None
                encoding = likely_encoding(value)
                preview = value.decode(encoding, "replace")
                problems.append((first_row + row, (
                    f"attribute {field.name!r} is not UTF-8 (byte 0x{value[exc.start]:02x} at "
                    f"byte {exc.start}): the text is in another encoding than the file "
                    f"declares; read as {encoding.upper()} it says "
                    f"{preview if len(preview) <= 40 else preview[:39] + '…'!r}: if so, name "
                    f"that encoding (a Shapefile's .cpg: {encoding.upper()}), or save the file "
                    "again as UTF-8")))
        batch = batch.set_column(index, field, pyarrow.array(values, type=field.type))
    return batch, problems
