"""The corridor network built from data, and its cache on disk.

Builds a :class:`caspian.geo.routing.corridorgraph.CorridorNetwork` from

* the catalog's rail and sea lines (as the catalog holds them when it runs), each with its
  status, geometry accuracy and gauge (``layers/data/corridor.json``: the sourced gauge of
  each line and where it changes, e.g. at Akhalkalaki on BTK);
* the catalog's ports, with a port transfer to the nearest rail and a sea leg between every
  two ports of one basin that the catalog does not already join (the sea router's exact
  water path; it carries no status: the catalog records no service on it);
* the railways of OpenStreetMap extracts the user gives (``--osm-file``, repeatable; gauge
  from the ways' ``gauge`` tag), joined to the rest at shared nodes or within the tolerance.

Reading those inputs is :mod:`caspian.layers.routing.corridor_lines`. Consecutive rail legs of a
catalog chain that do not meet are joined by a gap (reported, never drawn as track). Every
segment (at most ``densify_km`` long) is given the country of its midpoint on the borders
the metrics use. Every length is measured on the ellipsoid of the ``Settings`` passed
(``ellps``, WGS84 by default). The network is cached on disk in the folder the sea
router uses, keyed by the content of every input, the ellipsoid and the package version: a
repeated query reads it instead of building it. Loading it (from the cache or afresh) and
routing over it is :mod:`caspian.layers.routing.corridor`.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import itertools
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from caspian.geo.arguments import settings_or_default
from caspian.geo.errors import InputError
from caspian.geo.geodesy import densify_geodesic, geod_for
from caspian.geo.routing.corridorgraph import (
    LINE_ATTRIBUTES,
    SEA,
    CorridorEdge,
    CorridorNetwork,
    CorridorNode,
    LineInput,
    build_corridor_network,
    finish_network,
)
from caspian.geo.settings import Settings
from caspian.geo.version import package_version
from caspian.layers.boundaries import REGION_PROVENANCE_FILE, region_borders_path
from caspian.layers.catalog.loading import layer_ids
from caspian.layers.catalog.places import (
    Place,
    catalog_places,
)
from caspian.layers.io.errors import OutputError
from caspian.layers.io.fileio import write_bytes_atomic
from caspian.layers.routing.corridor_lines import (
    DATA_FILE,
    catalog_lines,
    data_bytes,
    nearest_port,
    osm_lines,
    sea_records,
    segment_countries,
)
from caspian.layers.routing.sea import GRAPH_VERSION, cache_dir

logger = logging.getLogger(__name__)

#: Bumped whenever the network's construction or its cache layout changes.
CORRIDOR_VERSION = 8



@dataclass(frozen=True, kw_only=True)
class CorridorSettings:
    """How the network is assembled (all in kilometres)."""

    #: A rail line's end joins another line within this distance (the stated tolerance).
    join_km: float = 1.0
    #: A port is linked to the nearest rail within this distance by a port transfer.
    port_km: float = 15.0
    #: A chain's consecutive legs farther apart than this are not offered as a gap.
    max_gap_km: float = 50.0
    #: Longest segment; each segment takes the country of its midpoint.
    densify_km: float = 2.0
    #: Add the sea router's water path between ports the catalog does not join.
    sea_legs: bool = True


def input_digest(osm_files: Sequence[str | Path], settings: CorridorSettings,
                 geo_settings: Settings | None = None) -> str:
    """Hash of everything the network depends on: the catalog's files, the gauges, the border
    source, the OSM extracts, the settings, the ellipsoid and the versions."""

    ellps = settings_or_default(geo_settings, "geo_settings").ellps
    digest = hashlib.sha256()
    digest.update(f"corridor v{CORRIDOR_VERSION} sea v{GRAPH_VERSION} "
                  f"{package_version()} {settings!r} {ellps}".encode())
    for name in ["catalog.json", DATA_FILE, *(f"{layer}.geojson" for layer in layer_ids())]:
        digest.update(name.encode() + hashlib.sha256(data_bytes(name)).digest())
    digest.update((region_borders_path().parent / REGION_PROVENANCE_FILE).read_bytes())
    for path in osm_files:
        digest.update(b"osm" + _file_digest(Path(path)))
    return digest.hexdigest()[:24]


def _file_digest(path: Path) -> bytes:
    if not path.is_file():
        raise InputError(f"OSM file {path} does not exist (or is not a file); "
                         "fix: give an .osm or .osm.pbf extract")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def cache_folder() -> Path:
    """Where networks are cached: beside the sea router's graphs."""
    return cache_dir().parent / "corridor"


@contextlib.contextmanager
def _warnings_said() -> Iterator[list[str]]:
    """The warnings caspian's loggers say within the block (they are said as usual too)."""
    said: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    handler = Keep(logging.WARNING)
    root = logging.getLogger("caspian")
    root.addHandler(handler)
    try:
        yield said
    finally:
        root.removeHandler(handler)


def build_network(
    osm_files: Sequence[str | Path] = (), settings: CorridorSettings = CorridorSettings(),
    geo_settings: Settings | None = None,
) -> tuple[CorridorNetwork, list[tuple[list[str], Place]]]:
    """Build the network afresh, measured on ``geo_settings.ellps`` (WGS84 by default);
    return it and the named places of its inputs."""
    geo_settings = settings_or_default(geo_settings, "geo_settings")
    geod = geod_for(geo_settings)
    catalog = catalog_lines()
    records, ports = catalog.records, catalog.ports
    named = catalog_places()
    osm_sources = []
    for path in osm_files:
        with _warnings_said() as warnings:
            more, stations = osm_lines(path)
        records.extend(more)
        named.extend(stations)
        # the warnings (ways left out of a clipped extract) are kept to be said again each
        # time the network comes from the cache
        osm_sources.append({"file": Path(path).name, "sha256": _file_digest(Path(path)).hex(),
                            "ways": len(more), "licence": "ODbL 1.0, © OpenStreetMap contributors",
                            "warnings": warnings})
    for record in records:
        record.setdefault("port_ends", (None, None))
        if record["mode"] == SEA:
            record["port_ends"] = (
                nearest_port(ports, record["lonlats"][0], settings.port_km, geod),
                nearest_port(ports, record["lonlats"][-1], settings.port_km, geod))
    if settings.sea_legs:
        records.extend(sea_records(ports, records, settings.port_km, geo_settings))
    dense = densify_geodesic([shapely.LineString(r["lonlats"]) for r in records],
                             settings.densify_km)
    lonlats = [shapely.get_coordinates(line) for line in dense]
    countries = segment_countries(lonlats)
    joins = [(a, _dense_index(records[a]["lonlats"], lonlats[a], va), b,
              _dense_index(records[b]["lonlats"], lonlats[b], vb))
             for a, va, b, vb in catalog.joins]
    lines = [
        LineInput(coords, r["mode"], codes, r["port_ends"], r.get("source", "catalog"),
                  segment_accuracies=_dense_classes(r["lonlats"], coords,
                                                    r.get("segment_accuracies", ())),
                  **{name: r[name] for name in LINE_ATTRIBUTES})
        for r, coords, codes in zip(records, lonlats, countries, strict=True)
    ]
    place_names = catalog.named_points + [
        (place.name, place.lon, place.lat) for _, place in named if place.tier == 0]
    meta = {"version": CORRIDOR_VERSION, "settings": vars(settings) if hasattr(settings, "__dict__")
            else {}, "osm": osm_sources, "gauges": DATA_FILE, "ellps": geo_settings.ellps}
    network = build_corridor_network(
        lines, ports, join_km=settings.join_km, port_km=settings.port_km,
        expected_joins=joins, max_gap_km=settings.max_gap_km, place_names=place_names,
        meta=meta, settings=geo_settings,
    )
    return _straight_edge_countries(network), named


def _straight_edge_countries(network: CorridorNetwork) -> CorridorNetwork:
    """Give the straight edges the network made (gaps, transfers) the country of their
    midpoint, as every other segment has."""
    straight = [e for e, edge in enumerate(network.edges) if edge.segment_countries == ("",)]
    if not straight:
        return network
    codes = segment_countries([network.edges[e].lonlats for e in straight])
    edges = list(network.edges)
    for e, country in zip(straight, codes, strict=True):
        edges[e] = replace(edges[e], segment_countries=country)
    return finish_network(network.nodes, edges, network.joins, network.meta, geod=network.geod)


def _dense_classes(raw: np.ndarray, dense: np.ndarray,
                   classes: Sequence[str]) -> tuple[str, ...]:
    """Each segment of the densified line takes the class of the segment it cuts."""
    if not classes:
        return ()
    # Densifying keeps every original vertex, in order: walk both lines once.
    position = np.empty(len(raw), dtype=np.intp)
    k = 0
    dense_points = dense.tolist()
    for j, (lon, lat) in enumerate(raw.tolist()):
        while abs(dense_points[k][0] - lon) + abs(dense_points[k][1] - lat) > 1e-9:
            k += 1
        position[j] = k
    return tuple(np.repeat(np.asarray(classes, dtype=object), np.diff(position)).tolist())


def _dense_index(raw: np.ndarray, dense: np.ndarray, vertex: int) -> int:
    """Where a line's vertex lies after densifying (which keeps every original vertex)."""
    target = raw[vertex]
    return int(np.argmin(np.abs(dense - target).sum(axis=1)))


def _runs(values: Sequence[str]) -> list[list[Any]]:
    """``[value, count]`` of each run of equal values (the cache keeps classes so)."""
    return [[value, len(list(run))] for value, run in itertools.groupby(values)]


def _edge_record(edge: CorridorEdge) -> dict[str, Any]:
    return {
        "u": edge.u, "v": edge.v, "mode": edge.mode,
        "lonlats": np.round(edge.lonlats, 7).tolist(),
        "segment_km": np.round(edge.segment_km, 6).tolist(),
        "countries": list(edge.segment_countries), **edge.line_attributes(),
        "accuracies": _runs(edge.segment_accuracies),
        "kind": edge.kind, "gauges": list(edge.gauges) if edge.gauges else None,
        "place": edge.place, "line": edge.line,
    }


def write_network_cache(path: Path, network: CorridorNetwork,
                        named: list[tuple[list[str], Place]]) -> None:
    """Keep a built network and its named places at ``path`` (gzipped JSON); a cache that
    cannot be written is said as a warning, since the route itself is not lost."""

    body = {
        "nodes": [[n.lon, n.lat, n.name, n.port] for n in network.nodes],
        "edges": [_edge_record(edge) for edge in network.edges],
        "joins": list(network.joins), "meta": network.meta,
        "bearing_deg": np.round(network.bearing_deg, 6).tolist(),
        "places": [[names, [p.name, p.lon, p.lat, p.origin, p.type_instead, p.tier]]
                   for names, p in named],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, gzip.compress(json.dumps(body).encode("utf-8"), mtime=0))
    except (OSError, OutputError) as exc:
        logger.warning("corridor network not cached at %s: %s", path, exc)


def read_network_cache(
    path: Path, geo_settings: Settings | None
) -> tuple[CorridorNetwork, list[tuple[list[str], Place]]]:
    """The network and named places :func:`write_network_cache` kept at ``path``."""
    body = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    nodes = [CorridorNode(lon, lat, name, port) for lon, lat, name, port in body["nodes"]]
    edges = [
        CorridorEdge(
            u=e["u"], v=e["v"], mode=e["mode"], lonlats=np.asarray(e["lonlats"], dtype=float),
            segment_km=np.asarray(e["segment_km"], dtype=float),
            segment_countries=tuple(e["countries"]),
            segment_accuracies=tuple(name for name, count in e["accuracies"]
                                     for _ in range(count)),
            **{name: e[name] for name in LINE_ATTRIBUTES}, kind=e["kind"],
            gauges=tuple(e["gauges"]) if e["gauges"] else None, place=e["place"], line=e["line"],
        )
        for e in body["edges"]
    ]
    named = [(names, Place(*fields)) for names, fields in body["places"]]
    return (finish_network(nodes, edges, body["joins"], body["meta"],
                           np.asarray(body["bearing_deg"], dtype=float),
                           geod=geod_for(geo_settings)), named)
