"""``caspian validate`` (check a user's GeoJSON) and ``caspian export`` (write the catalog as
GeoJSON, GeoPackage, KML, CSV or GeoParquet).

Only click and the format registry (:mod:`caspian.layers.export.formats`, which names its
writers without importing them) are imported at module level; validation and the writers are
imported inside the commands, so ``caspian --help`` stays fast. The ``--format`` choices and
the list of formats in ``caspian export --help`` come from the registry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from caspian.layers.export.formats import FORMATS
from caspian.layers.export.layers import export_layers
from caspian.layers.io.fileio import display_path, written_message
from caspian.layers.io.ogr_reader import chosen_layers
from caspian.layers.io.safe_text import terminal_text
from caspian.layers.io.userdata import parse_geojson
from caspian.layers.io.userfiles import check_layer_choice, streams, validate_user_file
from caspian.maps.cli.formatting import render_json
from caspian.maps.cli.options import format_option, nonempty_path

#: The ``--format`` choices: every format of the registry, in its order.
EXPORT_FORMATS = tuple(FORMATS)


def _feature_count(doc: Any) -> int:
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        return len(doc.get("features") or [])
    return 1


@click.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--allow-null-geometry", is_flag=True,
    help="Accept features whose geometry is null (legal GeoJSON, but nothing to measure).",
)
@click.option(
    "--layer", "layers", multiple=True, metavar="NAME",
    help="Check only this layer of each FILE of several (a GeoPackage), by name as ogr2ogr and "
    "QGIS list them (repeatable).",
)
@format_option(
    "text", "json", help="text: one line per problem; json: a list of {file, index, id, message}."
)
@click.pass_context
def validate_command(
    ctx: click.Context, files: tuple[str, ...], allow_null_geometry: bool,
    layers: tuple[str, ...], fmt: str,
) -> None:
    """Check a GeoJSON FILE strictly (RFC 7946 and sanity checks) and list every problem.

    GeoJSON Lines, GeoParquet, GeoPackage, FlatGeobuf, Shapefile and File Geodatabase
    (.gdb folder or .gdb.zip) files (by suffix) are read in batches and checked by the same
    rules for positions, geometry types and
    properties (features counted from 0). Every vector layer of a GeoPackage of several is
    counted and checked, its problems named "layer 'L', feature I" (and a "layer" key in
    json); --layer checks the layers named instead. Prints "ok: N features" and exits 0
    when FILE is clean; otherwise prints one line per problem, "FILE: feature I (id X):
    problem; fix" (or "FILE: problem; fix" for the whole file), and exits 2.
    """

    records: list[dict[str, Any]] = []
    lines: list[str] = []
    if "" in files:
        raise click.UsageError("an empty file name was given; give the path of a GeoJSON file")
    chosen = chosen_layers(list(layers) or None)
    for path in files:
        if streams(path):
            count, problems = validate_user_file(path, allow_null_geometry=allow_null_geometry,
                                                 layers=chosen)
        else:
            check_layer_choice(path, chosen)
            doc, problems = parse_geojson(Path(path), allow_null_geometry=allow_null_geometry)
            count = _feature_count(doc) if not problems else 0
        name = display_path(path)
        if not problems:
            lines.append(f"{name}: ok: {count} feature{'s' if count != 1 else ''}"
                         if len(files) > 1 else f"ok: {count} feature{'s' if count != 1 else ''}")
        for problem in problems:
            lines.append(f"{name}: {problem.prefix}{problem.message}")
            record = {"file": name, "index": problem.index, "id": problem.feature_id,
                      "message": problem.message}
            if problem.layer is not None:  # a file of several layers: which one
                record["layer"] = problem.layer
            records.append(record)
    if fmt == "json":
        click.echo(render_json(records))
    else:
        for line in lines:
            click.echo(terminal_text(line))
    if records:
        ctx.exit(2)


@click.command("export")
@click.argument("layer_ids", nargs=-1, metavar="[LAYER]...")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
    help="Output format; by default inferred from the suffix of -o ("
    + ", ".join("/".join(entry.suffixes[:2]) for entry in FORMATS.values()) + ").",
)
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(dir_okay=True),
    callback=nonempty_path("a file (a folder with --split)"),
    help="Output file; with --split, an existing folder that gets one file per layer.",
)
@click.option(
    "--split", is_flag=True,
    help="Write one file per layer into the folder -o ("
    + ", ".join(entry.kind for entry in FORMATS.values() if not entry.one_file)
    + "; " + ", ".join(f"a {entry.kind}" for entry in FORMATS.values() if entry.one_file)
    + " always holds one table per layer).",
)
def export_command(
    layer_ids: tuple[str, ...], fmt: str | None, output: str, split: bool
) -> None:
    """Export catalog layers (all by default) for QGIS, Google Earth, spreadsheets or pandas."""

    written = export_layers(fmt, output, list(layer_ids) or None, split=split)
    for path in written:
        line, to_stderr = written_message(path)
        click.echo(line, err=to_stderr)


def _formats_help() -> str:
    """One line per format of the registry, as ``caspian export --help`` lists them."""
    width = max(len(name) for name in FORMATS) + 2
    lines = [f"{name:<{width}}{entry.summary}" for name, entry in FORMATS.items()]
    return "\b\n" + "\n".join(lines)


export_command.help = f"{export_command.help}\n\n{_formats_help()}"
