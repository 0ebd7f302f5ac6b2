"""``caspian route FROM TO --mode rail|sea|corridor``: one command for every mode.

The modes, their options and their routers are the records of
:data:`caspian.layers.routing.modes.MODES`; this module only parses: it resolves FROM/TO,
calls :func:`caspian.layers.routing.modes.route`, prints the route (table or JSON), reports
every gap on stderr and writes ``-o`` atomically. A mode whose answer is several routes
(``--mode corridor``: rail, ferry and rail over the corridor network, by place name, with
alternatives) is printed by :mod:`caspian.maps.cli.corridor`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from caspian.geo.routing import route_feature_collection, route_summary
from caspian.layers.catalog.endpoints import Endpoint
from caspian.layers.catalog.places import route_end
from caspian.layers.io.fileio import check_output_target, names_standard_output
from caspian.layers.io.geojson_output import feature_collection_text, write_feature_collection
from caspian.layers.io.safe_text import terminal_text
from caspian.layers.routing.modes import MODES, mode_options, route
from caspian.maps.cli.corridor import echo_snaps, run_corridor
from caspian.maps.cli.formatting import render
from caspian.maps.cli.main import flag_of
from caspian.maps.cli.options import check_max_snap_km, format_option, nonempty_path

if TYPE_CHECKING:
    from caspian.geo.routing import Route

#: Options that only some modes take: option name -> the modes that accept it.
MODE_OPTIONS: dict[str, tuple[str, ...]] = mode_options()


def _mode_options(mode: str, given: dict[str, Any]) -> dict[str, Any]:
    options = {}
    for name, value in given.items():
        if value is None or value == ():
            continue
        if mode not in MODE_OPTIONS[name]:
            raise click.UsageError(
                f"{flag_of(name)} goes with --mode {'|'.join(MODE_OPTIONS[name])}"
            )
        options[name] = value
    return options


def _rail_options(options: dict[str, Any]) -> dict[str, Any]:
    """Rail routes over exactly one network: a file, or a box downloaded through osmnx."""
    if ("osm_file" in options) == ("bbox" in options) or len(options.get("osm_file", ())) > 1:
        raise click.UsageError(
            "--mode rail needs exactly one of --osm-file FILE (offline) or --bbox W,S,E,N"
        )
    if "osm_file" in options:
        options = {**options, "osm_file": options["osm_file"][0]}
    if "max_snap_km" in options:
        check_max_snap_km(options["max_snap_km"])
    return {**options, "progress": lambda line: click.echo(f"caspian: {line}", err=True)}


def _endpoint(text: str, label: str) -> Endpoint:
    """FROM/TO: a catalog id or ``lon,lat`` as given, else a place name, reported on stderr
    with what it resolved to, as the corridor mode does."""
    endpoint, place = route_end(text, label)
    if place is not None:
        click.echo(terminal_text(f"caspian: {label} is {place.label} ({place.lon:.5f},"
                                 f"{place.lat:.5f}; {place.origin})"), err=True)
    return endpoint


def _given(value: Any, default: Any) -> Any:
    """An option's value, or its default when it was not given (0 is a value)."""
    return default if value is None else value


#: Lists longer than this are shortened in the table (JSON and -o keep them whole).
TABLE_LIST_ITEMS = 6


def _display(value: Any) -> Any:
    """A table cell for one figure: stations by name and distance, long id lists shortened."""
    if isinstance(value, dict) and "distance_km" in value:
        return f"{value.get('name') or 'unnamed'} ({value['distance_km']:,.1f} km)"
    if isinstance(value, list):
        items = [_display(item) for item in value]
        if len(items) > TABLE_LIST_ITEMS:
            shown = "; ".join(str(item) for item in items[: TABLE_LIST_ITEMS - 1])
            return f"{shown}; ... {items[-1]} ({len(items)} in all; --format json lists them)"
        return items
    return value


def _table(summary: dict[str, Any]) -> str:
    rows = [{"figure": key, "value": _display(value)} for key, value in summary.items()]
    return render(rows, "table", ["figure", "value"])


@click.command("route")
@click.argument("start", metavar="FROM")
@click.argument("end", metavar="TO")
@click.option(
    "--mode", type=click.Choice(sorted(MODES)), required=True,
    help="; ".join(f"{name}: {mode.summary}" for name, mode in MODES.items()) + ".",
)
@click.option(
    "--osm-file", "osm_file", type=click.Path(dir_okay=False), multiple=True,
    callback=nonempty_path("an .osm or .osm.pbf extract"),
    help="rail: an OSM XML (.osm) or .osm.pbf extract to route over (offline); corridor: "
    "extracts whose railways join the network (repeatable).",
)
@click.option(
    "--bbox", default=None, metavar="W,S,E,N",
    help="rail: download the railways in this box through osmnx (Overpass) and route over them.",
)
@click.option(
    "--max-snap-km", "max_snap_km", type=float, default=None,
    help="rail: refuse FROM/TO farther than this from any track [default: 25].",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, callback=nonempty_path(),
    help="Write the route as a GeoJSON FeatureCollection (route, then one feature per gap).",
)
@click.option("--via", multiple=True, metavar="PLACE",
              help="corridor: pass this place (repeatable, in order).")
@click.option("--avoid", multiple=True, metavar="COUNTRY|FEATURE",
              help="corridor: keep out of a country (ISO3, e.g. IRN) or a feature or layer id "
              "(repeatable).")
@click.option("--status", type=click.Choice(["operating", "construction", "planned"]),
              default=None, help="corridor: use only track that is operating (runs today), "
              "or also under construction, or also planned [default: every status].")
@click.option("--alternatives", type=int, default=None, metavar="K",
              help="corridor: the K best routes that differ meaningfully [default: 1].")
@click.option("--transfer-hours", "transfer_hours", type=float, default=None,
              help="corridor: cost of each transfer (port call, break of gauge) in hours "
              "[default: 0].")
@click.option("--speed-kmh", "speed_kmh", type=float, default=None,
              help="corridor: the speed that turns --transfer-hours into km when ranking "
              "routes; an assumption of yours, not a published figure [default: 40].")
@format_option("table", "json", help="What to print on stdout.")
def route_command(
    start: str,
    end: str,
    mode: str,
    osm_file: tuple[str, ...],
    bbox: str | None,
    max_snap_km: float | None,
    output: str | None,
    fmt: str,
    **corridor: Any,
) -> None:
    """Route from FROM to TO (catalog point ids, lon,lat, or place names).

    FROM and TO are catalog point ids such as aktau_port/aktau, lon,lat, or place names in
    any common spelling (Aktau, Актау, Aqtau), looked up among the catalog's places, then
    (--mode corridor) the stations of the --osm-file extracts, then GeoNames' towns.

    Lengths are geodesic on WGS84. A link the network does not have is never bridged
    silently: every gap is listed, on stderr too, and written as a separate `gap` feature.
    """

    options = _mode_options(
        mode, {"osm_file": osm_file, "bbox": bbox, "max_snap_km": max_snap_km, **corridor}
    )
    if output is not None:
        # before a download or an extract's parsing, which can take minutes
        check_output_target(output, kind="GeoJSON")
    if MODES[mode].several:
        if max_snap_km is not None:
            check_max_snap_km(max_snap_km)
        run_corridor(
            start, end, vias=corridor["via"], avoid=corridor["avoid"], status=corridor["status"],
            alternatives=_given(corridor["alternatives"], 1),
            transfer_hours=_given(corridor["transfer_hours"], 0.0),
            speed_kmh=_given(corridor["speed_kmh"], 40.0), osm_files=osm_file,
            max_snap_km=max_snap_km, output=output, fmt=fmt,
        )
        return
    if mode == "rail":
        options = _rail_options(options)
    source, target = _endpoint(start, "FROM"), _endpoint(end, "TO")
    found: Route = route(source, target, mode, **options)
    collection = route_feature_collection(found, source.label, target.label)
    if output is not None:
        write_feature_collection(output, collection)
    echo_snaps([(source.label, found.start_snap_km), (target.label, found.end_snap_km)], mode)
    for index, gap in enumerate(found.gaps):
        click.echo(
            f"caspian: gap {index}: no {mode} link for {gap.length_km:,.1f} km between "
            f"{gap.start_lonlat[0]:.5f},{gap.start_lonlat[1]:.5f} and "
            f"{gap.end_lonlat[0]:.5f},{gap.end_lonlat[1]:.5f} (not drawn as {mode} route)",
            err=True,
        )
    # the GeoJSON went to stdout: what is printed goes beside it on stderr, not into it
    aside = output is not None and names_standard_output(output)
    if fmt == "json":
        click.echo(feature_collection_text(collection), nl=False, err=aside)
    else:
        click.echo(_table(route_summary(found, source.label, target.label)), err=aside)
