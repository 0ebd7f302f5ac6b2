"""``caspian route FROM TO --mode corridor``: rail, ferry and rail in one query, by place name.

The network (:mod:`caspian.layers.corridor`) is read from its disk cache when its inputs have
not changed; FROM, TO and every ``--via`` are place names in any common spelling, catalog ids
or ``lon,lat`` (:mod:`caspian.layers.places`). The answer lists each route's legs, lengths by
mode, country, status and accuracy, borders, transfers and gaps; ``--alternatives K`` adds
routes that differ meaningfully, and says how each compares with the best.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

#: ``--status`` keeps track of this status and of those listed before it.
STATUS_LEVELS = ("operating", "construction", "planned")


def statuses_for(level: str | None) -> frozenset[str] | None:
    """The statuses a route may use under ``--status LEVEL`` (None: every status)."""
    if level is None:
        return None
    return frozenset(STATUS_LEVELS[: STATUS_LEVELS.index(level) + 1])


def check_avoid(values: Sequence[str], network: Any) -> tuple[frozenset[str], frozenset[str]]:
    """Split ``--avoid`` values into country codes and feature ids the network has.

    A layer id stands for all its features. Anything else is a usage error naming the value.
    """
    features = {edge.feature for edge in network.edges if edge.feature}
    countries = {code for edge in network.edges for code in edge.segment_countries} - {"sea", ""}
    avoid_countries, avoid_features = set(), set()
    for value in values:
        if value.upper() in countries:
            avoid_countries.add(value.upper())
        elif value in features:
            avoid_features.add(value)
        elif any(feature.startswith(value + "/") for feature in features):
            avoid_features.update(f for f in features if f.startswith(value + "/"))
        else:
            examples = ", ".join(sorted(countries)[:4])
            raise click.UsageError(
                f"--avoid {value!r} is neither a country the network crosses ({examples}, ...) "
                "nor one of its feature or layer ids (e.g. zangezur_corridor/syunik, "
                "zangezur_corridor)"
            )
    return frozenset(avoid_countries), frozenset(avoid_features)


def _legs_table(route: dict[str, Any]) -> str:
    from caspian.maps.formatting import render

    rows = [
        {"mode": leg["mode"] if leg["mode"] != "transfer" else f"transfer ({leg['kind']})",
         "from": leg["from"], "to": leg["to"], "km": leg["length_km"],
         "status": leg["status"] or "", "accuracy": leg["accuracy"] or "",
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
    from caspian.layers.safe_text import terminal_text

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
    from caspian.geo.corridorroute import route_features

    return {"type": "FeatureCollection",
            "features": [f for i, path in enumerate(paths) for f in route_features(path, i)]}


def write_route_collection(paths: Sequence[Any], output: str | Path) -> None:
    """Write :func:`route_collection` as GeoJSON (through a temporary file, then renamed)."""
    from caspian.layers.fileio import write_text_atomic

    write_text_atomic(output, json.dumps(route_collection(paths), ensure_ascii=False, indent=1)
                      + "\n", kind="GeoJSON")


def run_corridor(
    start: str, end: str, *, vias: Sequence[str], avoid: Sequence[str], status: str | None,
    alternatives: int, transfer_hours: float, speed_kmh: float, osm_files: Sequence[str],
    max_snap_km: float | None, output: str | None, fmt: str,
) -> None:
    """Resolve the places, load the network, route, print and write (``caspian route``)."""
    from caspian.geo.corridorsearch import SearchSettings
    from caspian.layers.corridor import load_corridor_network
    from caspian.layers.safe_text import terminal_text

    if alternatives < 1:
        raise click.UsageError("--alternatives must be 1 or more")
    if not (transfer_hours >= 0 and speed_kmh > 0):
        raise click.UsageError("--transfer-hours must be >= 0 and --speed-kmh > 0")
    loaded = load_corridor_network(
        osm_files, progress=lambda line: click.echo(f"caspian: {line}", err=True))
    avoid_countries, avoid_features = check_avoid(avoid, loaded.network)
    settings = SearchSettings(
        statuses=statuses_for(status), avoid_features=avoid_features,
        avoid_countries=avoid_countries, transfer_km=transfer_hours * speed_kmh,
        **({"max_snap_km": max_snap_km} if max_snap_km is not None else {}),
    )
    answer = loaded.route(start, end, vias=vias, alternatives=alternatives, settings=settings)
    places, paths, routes = answer.places, answer.paths, list(answer.routes)
    labels = ["FROM", *("--via" for _ in vias), "TO"]
    if output is not None:
        write_route_collection(paths, output)
    for place, label in zip(places, labels, strict=True):
        click.echo(terminal_text(f"caspian: {label} is {place.label} ({place.lon:.5f},"
                                 f"{place.lat:.5f}; {place.origin})"), err=True)
    for number, route in enumerate(routes, start=1):
        for gap in route["gaps"]:
            click.echo(terminal_text(f"caspian: route {number}: gap of {gap['length_km']:,.1f} "
                                     f"km ({gap['between']}), not drawn as track"), err=True)
    if fmt == "json":
        from caspian.layers.safe_text import json_text

        click.echo(json_text(json.dumps({"routes": routes}, ensure_ascii=False, indent=1)))
    else:
        click.echo("\n\n".join(route_text(n, len(routes), r)
                               for n, r in enumerate(routes, start=1)))
