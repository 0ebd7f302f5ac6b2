"""``caspian refine LAYER/FEATURE --osm-file F [--write]``: a catalog line along OSM track."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from caspian.geo.errors import InputError
from caspian.layers.catalog.loading import parse_layer
from caspian.layers.catalog.vocabulary import GEOMETRY_ACCURACIES
from caspian.layers.io.fileio import InputFileError, read_input_bytes
from caspian.layers.osm.extracts import extract_dates
from caspian.layers.refine import (
    apply_refinement,
    packaged_layer_file,
    propose_alignment,
    write_layer,
)
from caspian.layers.routing.rail import load_rail
from caspian.maps.cli.formatting import render
from caspian.maps.cli.options import check_max_snap_km, format_option, nonempty_path

#: An old waypoint nearer the new line than this (km) is counted, not listed, by default.
ON_LINE_KM = 0.1

#: By default at most this many old waypoints farther than :data:`ON_LINE_KM` are listed.
LISTED_WAYPOINTS = 10


def _figures(refinement: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"figure": "feature", "value": refinement.feature_id},
        {"figure": "old_length_km", "value": refinement.old_length_km},
        {"figure": "new_length_km", "value": refinement.new_length_km},
    ]
    if len(refinement.branch_lengths_km) > 1:
        rows.append({"figure": "branches_km", "value": ", ".join(
            f"{km:,.1f}" for km in refinement.branch_lengths_km)})
    for entry in refinement.published:
        rows.append(
            {
                "figure": f"published_km ({entry['source']})",
                "value": f"{entry['value']:,.1f}: new line {entry['delta_km']:+,.1f} km "
                f"({entry['delta_pct']:+.1f} %)",
            }
        )
    rows += [
        {"figure": "length_by_status_km", "value": refinement.length_by_status_km},
        {"figure": "osm_ways", "value": len(refinement.way_ids)},
        {"figure": "gaps", "value": "; ".join(
            f"{gap.length_km:,.1f} km between {gap.start_lonlat[0]:.5f},{gap.start_lonlat[1]:.5f}"
            f" and {gap.end_lonlat[0]:.5f},{gap.end_lonlat[1]:.5f}" for gap in refinement.gaps
        ) or "none"},
        {"figure": "largest_waypoint_snap_km", "value": max(refinement.waypoint_snaps_km)},
    ]
    return rows


@click.command("refine")
@click.argument("feature_id", metavar="LAYER/FEATURE")
@click.option(
    "--osm-file", "osm_file", type=click.Path(dir_okay=False), required=True,
    callback=nonempty_path("an .osm or .osm.pbf extract"),
    help="OSM XML (.osm) or .osm.pbf extract whose railways the line should follow.",
)
@click.option("--write", is_flag=True, help="Write the new line into the layer file.")
@click.option(
    "--layer-file", type=click.Path(dir_okay=False), default=None, callback=nonempty_path(),
    help="Read (and with --write, replace) this layer file instead of the packaged catalog's.",
)
@click.option(
    "--max-snap-km", type=float, default=25.0, show_default=True,
    help="Refuse a waypoint farther than this from any track.",
)
@click.option(
    "--all-places", is_flag=True,
    help="List every old waypoint's distance to the new line, not only the farthest.",
)
@format_option("table", "json")
def refine_command(
    feature_id: str, osm_file: str, write: bool, layer_file: str | None, max_snap_km: float,
    all_places: bool, fmt: str,
) -> None:
    """Propose an alignment for a catalog line from OSM railways between its waypoints.

    Each branch (part) of a line is refined on its own. Prints the old and new length, the
    change against each published figure, the distance of every route place to the new line
    and a summary of the old waypoints' distances (the farthest listed; --all-places lists
    every one; JSON always has them all). Nothing is written without --write; with it, the
    layer file is replaced atomically and the new geometry cites the OSM file and way ids.
    """


    layer_id, slash, _ = feature_id.partition("/")
    if not slash:
        raise click.UsageError(f"{feature_id!r}: give the line as LAYER/FEATURE")
    check_max_snap_km(max_snap_km)
    path = Path(layer_file) if layer_file else packaged_layer_file(layer_id)
    collection = _read_layer(path)
    layer = parse_layer(collection, origin=str(path))
    if layer.id != layer_id:
        raise click.UsageError(
            f"{path} holds the layer {layer.id!r}, not {layer_id!r}; give "
            f"{layer.id}/FEATURE or the file of layer {layer_id!r}"
        )
    feature = layer.feature(feature_id.partition("/")[2])
    loaded = load_rail(osm_file)
    refinement = propose_alignment(feature, loaded, max_snap_km=max_snap_km)
    places = [
        {"place": place.label, "kind": place.kind, "distance_km": place.distance_km}
        for place in refinement.places
    ]
    if fmt == "json":
        click.echo(json.dumps({
            "feature": refinement.feature_id,
            "old_length_km": refinement.old_length_km,
            "new_length_km": refinement.new_length_km,
            "published": list(refinement.published),
            "length_by_status_km": refinement.length_by_status_km,
            "osm_way_ids": list(refinement.way_ids),
            "gaps": [{"start": gap.start_lonlat, "end": gap.end_lonlat,
                      "length_km": gap.length_km} for gap in refinement.gaps],
            "places": places,
        }, ensure_ascii=False, indent=1))
    else:
        click.echo(render(_figures(refinement), "table", ["figure", "value"]))
        listed, summary = _listed_places(places, all_places)
        if listed:
            click.echo()
            click.echo(render(listed, "table", ["place", "kind", "distance_km"]))
        if summary:
            click.echo(summary)
    for gap in refinement.gaps:
        click.echo(f"caspian: gap: no track for {gap.length_km:,.1f} km; kept as a gap", err=True)
    if not write:
        click.echo(f"caspian: not written; give --write to replace {path}", err=True)
        return
    dates = extract_dates(osm_file, list(refinement.way_ids))
    updated = apply_refinement(collection, refinement, osm_file, dates, GEOMETRY_ACCURACIES)
    write_layer(updated, path)
    click.echo(f"caspian: wrote {path}", err=True)


def _listed_places(
    places: list[dict[str, Any]], all_places: bool
) -> tuple[list[dict[str, Any]], str | None]:
    """The place rows to print and a one-line summary of the old waypoints: every route place,
    then the old waypoints farther than :data:`ON_LINE_KM` from the new line, farthest first
    and at most :data:`LISTED_WAYPOINTS` of them (every row with ``all_places``)."""
    if all_places:
        return places, None
    waypoints = [row for row in places if row["kind"] == "waypoint"]
    off = sorted((row for row in waypoints if row["distance_km"] > ON_LINE_KM),
                 key=lambda row: -row["distance_km"])
    summary = (f"{len(waypoints):,} old waypoint(s): {len(waypoints) - len(off):,} within "
               f"{ON_LINE_KM:g} km of the new line")
    if off:
        summary += (f"; {len(off):,} farther, the {min(len(off), LISTED_WAYPOINTS)} farthest "
                    "listed above")
    summary += "; --all-places lists every one"
    route_places = [row for row in places if row["kind"] != "waypoint"]
    return route_places + off[:LISTED_WAYPOINTS], summary


def _read_layer(path: Any) -> dict[str, Any]:
    try:
        # Bounded, and a FIFO is refused instead of waited on.
        data = read_input_bytes(path, edited=True)  # --write replaces it on purpose
    except InputFileError as exc:
        raise InputError(f"layer file {exc}") from None
    try:
        collection: dict[str, Any] = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"layer file {path} is not readable JSON: {exc}") from None
    if not isinstance(collection, dict):
        raise InputError(f"layer file {path} is not a GeoJSON FeatureCollection")
    return collection
