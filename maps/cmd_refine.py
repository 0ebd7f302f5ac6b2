"""``caspian refine LAYER/FEATURE --osm-file F [--write]``: a catalog line along OSM track."""

from __future__ import annotations

from typing import Any

import click
from caspian.maps.options import check_max_snap_km, format_option


def _figures(refinement: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"figure": "feature", "value": refinement.feature_id},
        {"figure": "old_length_km", "value": refinement.old_length_km},
        {"figure": "new_length_km", "value": refinement.new_length_km},
    ]
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
    help="OSM XML (.osm) or .osm.pbf extract whose railways the line should follow.",
)
@click.option("--write", is_flag=True, help="Write the new line into the layer file.")
@click.option(
    "--layer-file", type=click.Path(dir_okay=False), default=None,
    help="Read (and with --write, replace) this layer file instead of the packaged catalog's.",
)
@click.option(
    "--max-snap-km", type=float, default=25.0, show_default=True,
    help="Refuse a waypoint farther than this from any track.",
)
@format_option("table", "json")
def refine_command(
    feature_id: str, osm_file: str, write: bool, layer_file: str | None, max_snap_km: float,
    fmt: str,
) -> None:
    """Propose an alignment for a catalog line from OSM railways between its waypoints.

    Prints the old and new length, the change against each published figure and the distance
    of every sourced place to the new line. Nothing is written without --write; with it, the
    layer file is replaced atomically and the new geometry cites the OSM file and way ids.
    """
    import json
    from pathlib import Path

    from caspian.geo.settings import GEOMETRY_ACCURACIES
    from caspian.layers.catalog import parse_layer
    from caspian.layers.osm import extract_dates
    from caspian.layers.rail_routing import load_rail
    from caspian.layers.refine import (
        apply_refinement,
        packaged_layer_file,
        propose_alignment,
        write_layer,
    )
    from caspian.maps.formatting import render

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
        click.echo()
        click.echo(render(places, "table", ["place", "kind", "distance_km"]))
    for gap in refinement.gaps:
        click.echo(f"caspian: gap: no track for {gap.length_km:,.1f} km; kept as a gap", err=True)
    if not write:
        click.echo(f"caspian: not written; give --write to replace {path}", err=True)
        return
    dates = extract_dates(osm_file, list(refinement.way_ids))
    updated = apply_refinement(collection, refinement, osm_file, dates, GEOMETRY_ACCURACIES)
    write_layer(updated, path)
    click.echo(f"caspian: wrote {path}", err=True)


def _read_layer(path: Any) -> dict[str, Any]:
    import json

    from caspian.geo.errors import InputError
    from caspian.layers.fileio import InputFileError, read_input_bytes

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
