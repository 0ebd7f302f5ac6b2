"""The catalog as flat tables that QGIS, Google Earth, spreadsheets and pandas can take.

:func:`to_geodataframe` (:mod:`caspian.layers.export.frame`) gives one row per feature with
flat columns (text, numbers, JSON text), EPSG:4326; :func:`export_layers` writes it in one of
the formats of :mod:`caspian.layers.export.formats` (GeoJSON, GeoPackage, KML, CSV,
GeoParquet). Coordinates are rounded to ``settings.coordinate_decimals`` (7, about 1 cm) and
polygons are oriented counter-clockwise, the same in every format.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from caspian.geo.arguments import file_path, flag, refuse, settings_or_default
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.catalog.loading import Layer, load_catalog
from caspian.layers.export import formats as export_formats
from caspian.layers.export.frame import (
    COLUMNS,
    citation_table,
    frame_from_layers,
    source_table,
    to_geodataframe,
)
from caspian.layers.io.errors import OutputError
from caspian.layers.io.fileio import atomic_path, display_path, output_path

__all__ = [
    "COLUMNS",
    "citation_table",
    "export_layers",
    "frame_from_layers",
    "resolve_format",
    "source_table",
    "to_geodataframe",
    "write_layers",
]

def _split_targets(fmt: str, output: Path, layers: Sequence[Layer]) -> list[Path]:
    entry = export_formats.FORMATS[fmt]
    if entry.one_file:
        raise OutputError(f"a {entry.kind} already holds one table per layer; drop split=True",
                          value=fmt, reason="one file holds every layer", options=("split",))
    if not os.path.isdir(output):
        raise OutputError(f"split=True writes one file per layer into a folder, and {output} "
                          "is not one; create it first (mkdir) or drop split=True",
                          path=output, reason="not a folder", options=("split",))
    targets = [output / f"{layer.id}{entry.suffix}" for layer in layers]
    for layer, target in zip(layers, targets, strict=True):
        if os.path.isdir(target):  # the name is ours, not the caller's: say what is in the way
            raise OutputError(f"{display_path(target)} is a folder where layer {layer.id}'s "
                              "file goes; move or remove it, or split into another folder",
                              path=target, reason="a folder in the way")
    return targets


def resolve_format(fmt: str | None, output: str | os.PathLike[str], split: bool = False) -> str:
    """The export format: ``fmt`` if given, else inferred from the suffix of ``output``.

    Raises
    ------
    OutputError
        ``fmt`` is unknown, cannot be inferred, or contradicts the file's suffix (writing a
        GeoPackage into ``out.geojson`` would only confuse whoever opens it).
    """
    # read at each call, so that a format added to the registry is known everywhere
    formats = export_formats.FORMATS
    choices = "|".join(formats)
    if fmt is not None and not isinstance(fmt, str):
        refuse("fmt", fmt, f"one of {', '.join(formats)}, or None to infer it from the suffix")
    if fmt is not None and fmt not in formats:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(formats)}")
    if split:
        if fmt is None:
            raise OutputError(
                f"split=True writes a folder of files; say which with fmt={choices}",
                reason="no format for the folder's files", options=("split", "fmt"),
            )
        return fmt
    path = Path(output)
    entry = export_formats.format_of_suffix(path.suffix)
    named = None if entry is None else entry.name
    if fmt is None:
        if named is None:
            raise OutputError(f"cannot tell the format from the name {path.name!r}; "
                              f"add fmt={choices} or use a suffix such as .gpkg",
                              path=path, reason="unknown suffix", options=("fmt",))
        return named
    if named is not None and named != fmt:
        raise OutputError(f"{path.name} ends in {path.suffix}, which is {named}, but the format "
                          f"is {fmt}; name it {path.stem}{formats[fmt].suffix} or drop fmt=",
                          path=path, value=fmt, reason="the suffix names another format",
                          options=("fmt",))
    return fmt


def write_layers(
    layers: Sequence[Layer],
    fmt: str | None,
    output: str | os.PathLike[str],
    *,
    split: bool = False,
    settings: Settings | None = DEFAULT_SETTINGS,
) -> list[Path]:
    """Write ``layers`` in ``fmt`` to ``output``; see :func:`export_layers`."""
    settings = settings_or_default(settings)
    fmt = resolve_format(fmt, output, split)
    entry = export_formats.FORMATS[fmt]
    target = Path(output)
    if not split and os.path.isdir(target):
        raise OutputError(f"{target} is a folder; give a file name (e.g. "
                          f"{target / ('caspian' + entry.suffix)}) or add split=True",
                          path=target, reason="a folder", options=("split",))
    if not split:  # with --split, ``-o layers/`` is the folder it should be
        target = output_path(output)
    export_formats.require_dependencies(fmt)
    groups = ([[layer] for layer in layers] if split else [list(layers)])
    targets = _split_targets(fmt, target, layers) if split else [target]
    # Every file is written to its temporary path first; only when all succeeded are they
    # moved into place, so a failure leaves no new file behind.
    with contextlib.ExitStack() as stack:
        for group, path in zip(groups, targets, strict=True):
            tmp = stack.enter_context(atomic_path(path, kind=entry.kind))
            export_formats.write(fmt, group, frame_from_layers(group, settings), tmp, settings)
    return targets


def export_layers(
    fmt: str | None,
    output: str | os.PathLike[str],
    layer_ids: Sequence[str] | None = None,
    *,
    split: bool = False,
    settings: Settings | None = DEFAULT_SETTINGS,
) -> list[Path]:
    """Export catalog layers to a file (or one file per layer).

    Parameters
    ----------
    fmt : str or None
        A name of :data:`caspian.layers.export.formats.FORMATS`: ``geojson``, ``gpkg``,
        ``kml``, ``csv``, ``parquet``; None infers it from the suffix of ``output`` (each
        format's ``suffixes``).
    output : path-like
        The file to write; with ``split=True`` an existing folder that receives
        ``<layer_id>.<suffix>`` per layer.
    layer_ids : sequence of str, optional
        Layers to export (all by default).
    split : bool
        One file per layer instead of one combined file (not for ``gpkg``, which always holds
        one table per layer).
    settings : Settings
        Coordinate precision and ellipsoid.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    LayerNotFoundError
        Unknown layer id.
    OutputError
        The output cannot be written there, or the format is unknown or contradicts the
        file's suffix; nothing is left behind.
    DependencyMissingError
        ``parquet`` without pyarrow (``pip install 'caspian-gis[export]'``).
    """
    settings = settings_or_default(settings)
    file_path(output, "output")  # checked, but passed on as given: "out.geojson/" keeps its /
    split = flag(split, "split")
    layers = list(load_catalog(layer_ids).values())
    return write_layers(layers, fmt, output, split=split, settings=settings)
