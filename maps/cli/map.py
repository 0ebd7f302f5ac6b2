"""``caspian map``: write the interactive map as one HTML file.

Imports click alone at the top; folium and geopandas load inside the command.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click
from caspian.geo.routing.corridorsearch import SearchSettings
from caspian.layers.io.fileio import written_message
from caspian.layers.io.safe_text import terminal_text
from caspian.layers.routing.corridor import load_corridor_network
from caspian.maps.cli.corridor import write_route_collection
from caspian.maps.cli.options import check_max_snap_km, nonempty_path
from caspian.maps.render import build_map, write_map


@click.command("map")
@click.argument("layers", nargs=-1)
@click.option(
    "--add", "add", multiple=True, metavar="F.geojson",
    help="Also draw your own GeoJSON file (repeatable; also GeoJSON Lines, GeoParquet, "
    "GeoPackage, FlatGeobuf, Shapefile or a File Geodatabase); its properties show in the "
    "popup.",
)
@click.option(
    "--layer", "add_layers", multiple=True, metavar="NAME",
    help="Draw only this layer of each --add file of several (a GeoPackage), by name as "
    "ogr2ogr and QGIS list them (repeatable).",
)
@click.option(
    "--offline", is_flag=True,
    help="One self-contained file: scripts inlined, vector basemap, no network needed.",
)
@click.option(
    "--route", "route", nargs=2, default=None, metavar="FROM TO",
    help="Also draw the corridor route from FROM to TO (place names, as `caspian route FROM TO "
    "--mode corridor`), each leg styled by mode.",
)
@click.option(
    "--max-snap-km", type=float, default=None, metavar="KM",
    help="With --route: how far a place may lie from the corridor network (default 25).",
)
@click.option("--title", default=None, help="Title shown on the map and in the browser tab.")
@click.option(
    "-o", "--output", default="caspian-map.html", show_default=True, metavar="FILE.html",
    callback=nonempty_path(),
    help="Where to write the map.",
)
def map_command(
    layers: tuple[str, ...], add: tuple[str, ...], add_layers: tuple[str, ...],
    route: tuple[str, str] | None,
    max_snap_km: float | None, offline: bool, title: str | None, output: str,
) -> None:
    """Write an interactive map of LAYERS (all catalog layers by default).

    \b
    Examples:
      caspian map -o caspian-map.html
      caspian map btc_pipeline zangezur_corridor --add my-route.geojson -o map.html
      caspian map --offline -o caspian-map-offline.html
      caspian map zangezur_corridor middle_corridor --route Aktau Kars -o route.html
    """


    if max_snap_km is not None:
        if route is None:
            raise click.UsageError("--max-snap-km applies to --route only; fix: give --route "
                                   "FROM TO, or leave --max-snap-km out")
        check_max_snap_km(max_snap_km)
    if "" in add:
        raise click.UsageError("--add was given an empty name; give the path of a GeoJSON file")
    if add_layers and not add:
        raise click.UsageError("--layer picks layers of an --add file (a GeoPackage); catalog "
                               "layers are given as LAYER ids: caspian map btc_pipeline")
    if add_layers and route is not None:
        raise click.UsageError("--layer picks layers of the --add files, and the --route "
                               "drawn is a file of one layer: draw the route in a map of its "
                               "own, or leave --layer out")
    added = [Path(name) for name in add]
    with tempfile.TemporaryDirectory(prefix="caspian-route-") as folder:
        if route is not None:
            added.append(_route_file(route, Path(folder), max_snap_km))
        fmap = build_map(list(layers) or None, add=added, add_layers=list(add_layers) or None,
                         offline=offline, title=title)
    path = write_map(fmap, output)
    mode = "offline, self-contained" if offline else "online basemaps"
    line, to_stderr = written_message(path)
    size = "" if to_stderr else f"{os.stat(path).st_size / 1024:,.0f} kB, "
    click.echo(f"{line} ({size}{mode})", err=to_stderr)


def _route_file(route: tuple[str, str], folder: Path, max_snap_km: float | None) -> Path:
    """Route FROM to TO over the corridor network and write it where ``--add`` reads it: the
    route drawn is exactly the file ``caspian route FROM TO --mode corridor -o`` writes."""

    start, end = route
    loaded = load_corridor_network(
        progress=lambda line: click.echo(f"caspian: {line}", err=True))
    settings = (SearchSettings() if max_snap_km is None
                else SearchSettings(max_snap_km=max_snap_km))
    answer = loaded.route(start, end, settings=settings)
    (summary,) = answer.routes
    if not answer.paths[0].steps:
        raise click.UsageError(terminal_text(
            f"--route {start} {end}: both are {summary['from']}, nothing to draw; fix: give "
            "two different places"))
    # Place names come from data: no control character of theirs reaches the terminal.
    click.echo(terminal_text(f"caspian: route {summary['from']} → {summary['to']}, "
                             f"{summary['length_km']:,.1f} km"), err=True)
    target = folder / "corridor-route.geojson"
    write_route_collection(answer.paths, target)
    return target
