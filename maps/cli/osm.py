"""``caspian osm fetch``: OpenStreetMap infrastructure of a box, downloaded through osmnx."""

from __future__ import annotations

import click
from caspian.layers.io.fileio import check_output_target, written_message
from caspian.layers.osm.extracts import OSM_TAGS, parse_bbox
from caspian.layers.osm.output import osm_features_table, write_osm_geojson
from caspian.layers.osm.overpass import (
    OsmSettings,  # light: the heavy imports are inside calls
    fetch_osm_features,
)
from caspian.maps.cli.main import OnceGroup
from caspian.maps.cli.options import nonempty_path

WHAT = ("rail", "pipeline", "power", "port")


def _progress(line: str) -> None:
    click.echo(f"caspian: {line}", err=True)


@click.group("osm", cls=OnceGroup)
def osm_command() -> None:
    """Read OpenStreetMap: download railways, pipelines, power lines or ports."""


@osm_command.command("fetch")
@click.option("--bbox", required=True, metavar="W,S,E,N", help="Box to download, degrees.")
@click.option(
    "--what", type=click.Choice(WHAT), default="rail", show_default=True,
    help="rail: railway=rail|construction|proposed|disused|abandoned (status kept per way) "
    "and stations; pipeline: man_made=pipeline; power: power=line|minor_line|cable; "
    "port: landuse=port|harbour, harbour=*, industrial=port.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, callback=nonempty_path(),
    help="GeoJSON file to write (default: osm-<what>.geojson).",
)
@click.option(
    "--cache-folder", type=click.Path(file_okay=False), default=str(OsmSettings.cache_folder),
    callback=nonempty_path("a folder"),
    show_default=True,
    help="osmnx's response cache; a query answered before needs no network.",
)
@click.option(
    "--overpass-url", default=OsmSettings.overpass_url, show_default=True,
    help="Overpass API base URL (a mirror or your own instance).",
)
def fetch_command(
    bbox: str, what: str, output: str | None, cache_folder: str, overpass_url: str
) -> None:
    """Download OpenStreetMap features in a box through osmnx (Overpass) into GeoJSON.

    Offline, a query osmnx has cached still works; anything else fails with one line.
    """

    box = parse_bbox(bbox)
    target = output or f"osm-{what}.geojson"
    check_output_target(target, kind="GeoJSON")
    settings = OsmSettings(cache_folder=cache_folder, overpass_url=overpass_url)
    frame = fetch_osm_features(box, OSM_TAGS[what], settings, _progress)
    table = osm_features_table(frame, what)
    path = write_osm_geojson(table, target)
    counts = table["osm_type"].value_counts().sort_index()
    summary = ", ".join(f"{count:,} {kind}s" for kind, count in counts.items())
    if what == "rail":
        by_status = table["status"].value_counts().sort_index()
        summary += " (" + ", ".join(f"{n:,} {s}" for s, n in by_status.items()) + ")"
    line, to_stderr = written_message(path)
    click.echo(f"{line}: {summary}", err=to_stderr)
