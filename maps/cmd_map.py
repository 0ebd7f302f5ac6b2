"""``caspian map``: write the interactive map as one HTML file.

Imports click alone at the top; folium and geopandas load inside the command.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("map")
@click.argument("layers", nargs=-1)
@click.option(
    "--add", "add", multiple=True, metavar="F.geojson",
    help="Also draw your own GeoJSON file (repeatable; also GeoJSON Lines, GeoParquet, "
    "GeoPackage, FlatGeobuf or Shapefile); its properties show in the popup.",
)
@click.option(
    "--offline", is_flag=True,
    help="One self-contained file: scripts inlined, vector basemap, no network needed.",
)
@click.option("--title", default=None, help="Title shown on the map and in the browser tab.")
@click.option(
    "-o", "--output", default="caspian-map.html", show_default=True, metavar="FILE.html",
    help="Where to write the map.",
)
def map_command(
    layers: tuple[str, ...], add: tuple[str, ...], offline: bool, title: str | None, output: str
) -> None:
    """Write an interactive map of LAYERS (all catalog layers by default).

    \b
    Examples:
      caspian map -o caspian-map.html
      caspian map btc_pipeline zangezur_corridor --add my-route.geojson -o map.html
      caspian map --offline -o caspian-map-offline.html
    """
    import os

    from caspian.layers.fileio import written_message
    from caspian.maps.render import build_map, write_map

    if "" in add:
        raise click.UsageError("--add was given an empty name; give the path of a GeoJSON file")
    added = [Path(name) for name in add]
    fmap = build_map(list(layers) or None, add=added, offline=offline, title=title)
    path = write_map(fmap, output)
    mode = "offline, self-contained" if offline else "online basemaps"
    line, to_stderr = written_message(path)
    size = "" if to_stderr else f"{os.stat(path).st_size / 1024:,.0f} kB, "
    click.echo(f"{line} ({size}{mode})", err=to_stderr)
