"""``caspian route FROM TO --mode corridor``: rail, ferry and rail in one query, by place name.

The network (:mod:`caspian.layers.routing.corridor`) is read from its disk cache when its inputs
have not changed; FROM, TO and every ``--via`` are place names in any common spelling, catalog ids
or ``lon,lat`` (:mod:`caspian.layers.catalog.places`). The answer lists each route's legs, lengths
by mode, country, status and accuracy, borders, transfers and gaps; ``--alternatives K`` adds
routes that differ meaningfully, and says how each compares with the best.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from caspian.geo.routing.corridorroute import route_features
from caspian.layers.io.fileio import names_standard_output
from caspian.layers.io.geojson_output import write_feature_collection
from caspian.layers.io.safe_text import json_text, terminal_text
from caspian.layers.routing import modes as routing_modes
from caspian.maps.cli.formatting import render


def _accuracy_cell(leg: dict[str, Any]) -> str:
    """The leg's class, or the share of each where its kilometres are of several
    ("traced >99%, schematic <1%, waypoints <1%")."""
    by_accuracy = leg.get("by_accuracy_km") or {}
    if len(by_accuracy) < 2:
        return str(next(iter(by_accuracy), None) or leg["accuracy"] or "")
    total = sum(by_accuracy.values())
    shares = sorted(by_accuracy.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {_share_text(km / total)}" for name, km in shares)


def _share_text(share: float) -> str:
    """A share of a leg made of several classes: never 0% nor 100%, which would hide one."""
    if share < 0.005:
        return "<1%"
    if share >= 0.995:
        return ">99%"
    return f"{share:.0%}"


def _legs_table(route: dict[str, Any]) -> str:
    rows = [
        {"mode": leg["mode"] if leg["mode"] != "transfer" else f"transfer ({leg['kind']})",
         "from": leg["from"], "to": leg["to"], "km": leg["length_km"],
         "status": leg["status"] or "", "accuracy": _accuracy_cell(leg),
         "gauge": leg.get("gauges") or leg.get("gauge_mm") or "",
         "countries": ", ".join(leg["countries"])}
        for leg in route["legs"]
    ]
    return render(rows, "table", ["mode", "from", "to", "km", "status", "accuracy", "gauge",
                                  "countries"])


def _km_list(table: dict[str, float]) -> str:
    return ", ".join(f"{key} {value:,.1f}" for key, value in table.items()) or "none"


def route_text(number: int, count: int, route: dict[str, Any]) -> str:
    """One route as people read it: a heading, the legs, then the totals line by line."""
    borders = "; ".join(f"{b['from']}→{b['to']} at {b['place']}" for b in route["borders"])
    transfers = "; ".join(
        f"{t['kind']} at {t['place']}" + (f" ({t['gauges']})" if t.get("gauges") else "")
        for t in route["transfers"])
    gaps = "; ".join(f"{g['length_km']:,.1f} km ({g['between']})" for g in route["gaps"])
    lines = [
        f"route {number} of {count}: {route['from']} → {route['to']}, "
        f"{route['length_km']:,.1f} km; not yet operating {route['not_operating_km']:,.1f} km "
        f"({route['not_operating_share']:.0%})",
        _legs_table(route),
        f"by mode km: {_km_list(route['by_mode_km'])}",
        f"by country km: {_km_list(route['by_country_km'])}",
        f"by status km: {_km_list(route['by_status_km'])}",
        f"by accuracy km: {_km_list(route['by_accuracy_km'])}",
        f"borders: {borders or 'none'}",
        f"transfers: {transfers or 'none'}",
        f"gaps (not track): {gaps or 'none'}",
    ]
    if "compared_with_best" in route:
        c = route["compared_with_best"]
        lines.append(
            f"against route 1: {c['length_km']:+,.1f} km ({c['length_ratio']:.3f}×); by mode "
            + ", ".join(f"{k} {v:+,.1f}" for k, v in c["by_mode_km"].items())
            + f"; borders {c['borders'][1]} vs {c['borders'][0]}; transfers {c['transfers'][1]}"
            f" vs {c['transfers'][0]}; not yet operating {c['not_operating_share'][1]:.0%} vs "
            f"{c['not_operating_share'][0]:.0%}"
        )
    # Names come from data (and from the user's OSM extracts): no control character of theirs
    # reaches the terminal. The legs table is escaped by the renderer.
    return "\n".join(line if line is lines[1] else terminal_text(line) for line in lines)


def route_collection(paths: Sequence[Any]) -> dict[str, Any]:
    """The GeoJSON of routes (``-o``, ``caspian map --route``): one feature per leg, numbered
    by route."""
    return {"type": "FeatureCollection",
            "features": [f for i, path in enumerate(paths) for f in route_features(path, i)]}


def write_route_collection(paths: Sequence[Any], output: str | Path) -> None:
    """Write :func:`route_collection` as GeoJSON (through a temporary file, then renamed)."""
    write_feature_collection(output, route_collection(paths))


def echo_snaps(ends: Sequence[tuple[str, float]], network: str, prefix: str = "") -> None:
    """Say on stderr how far each end (``(label, km)``) was moved onto the ``network``: a place
    off the track or the water is never moved silently (every route mode)."""
    for label, snap_km in ends:
        if snap_km >= 0.0005:  # it prints as 0.000 below
            click.echo(terminal_text(f"caspian: {prefix}{label} snapped {snap_km:,.3f} km to the "
                                     f"{network} network"), err=True)


def run_corridor(
    start: str, end: str, *, vias: Sequence[str], avoid: Sequence[str], status: str | None,
    alternatives: int, transfer_hours: float, speed_kmh: float, osm_files: Sequence[str],
    max_snap_km: float | None, output: str | None, fmt: str,
) -> None:
    """Resolve the places, load the network, route, print and write (``caspian route``)."""

    if alternatives < 1:
        raise click.UsageError("--alternatives must be 1 or more")
    answer = routing_modes.route(
        start, end, "corridor", osm_file=osm_files, max_snap_km=max_snap_km, via=vias,
        avoid=avoid, status=status, alternatives=alternatives, transfer_hours=transfer_hours,
        speed_kmh=speed_kmh, progress=lambda line: click.echo(f"caspian: {line}", err=True),
    )
    places, paths, routes = answer.places, answer.paths, list(answer.routes)
    labels = ["FROM", *("--via" for _ in vias), "TO"]
    if output is not None:
        write_route_collection(paths, output)
    for place, label in zip(places, labels, strict=True):
        click.echo(terminal_text(f"caspian: {label} is {place.label} ({place.lon:.5f},"
                                 f"{place.lat:.5f}; {place.origin})"), err=True)
    for number, route in enumerate(routes, start=1):
        echo_snaps([(places[0].label, route["start_snap_km"]),
                    (places[-1].label, route["end_snap_km"])], "corridor", f"route {number}: ")
        for gap in route["gaps"]:
            click.echo(terminal_text(f"caspian: route {number}: gap of {gap['length_km']:,.1f} "
                                     f"km ({gap['between']}), not drawn as track"), err=True)
    # the GeoJSON went to stdout: what is printed goes beside it on stderr, not into it
    aside = output is not None and names_standard_output(output)
    if fmt == "json":
        click.echo(json_text(json.dumps({"routes": routes}, ensure_ascii=False, indent=1)),
                   err=aside)
    else:
        click.echo("\n\n".join(route_text(n, len(routes), r)
                               for n, r in enumerate(routes, start=1)), err=aside)
