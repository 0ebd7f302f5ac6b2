"""The corridor network from data: ``caspian route FROM TO --mode corridor``.

Builds a :class:`caspian.geo.corridorgraph.CorridorNetwork` from

* the catalog's rail and sea lines (as the catalog holds them when it runs), each with its
  status, geometry accuracy and gauge (``layers/data/corridor.json``: the sourced gauge of
  each line and where it changes, e.g. at Akhalkalaki on BTK);
* the catalog's ports, with a port transfer to the nearest rail and a sea leg between every
  two ports of one basin that the catalog does not already join (the sea router's exact
  water path; it carries no status: the catalog records no service on it);
* the railways of OpenStreetMap extracts the user gives (``--osm-file``, repeatable; gauge
  from the ways' ``gauge`` tag), joined to the rest at shared nodes or within the tolerance.

Consecutive rail legs of a catalog chain that do not meet are joined by a gap (reported,
never drawn as track). Every segment (at most ``densify_km`` long) is given the country of its
midpoint on the borders the metrics use. The network is cached on disk in the folder the sea
router uses, keyed by the content of every input and the package version: a repeated query
reads it instead of building it.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from caspian.geo.corridorgraph import (
    RAIL,
    SEA,
    CorridorEdge,
    CorridorNetwork,
    CorridorNode,
    LineInput,
    Port,
    build_corridor_network,
    finish_network,
)
from caspian.geo.corridorsearch import DEFAULT_SEARCH, SearchSettings
from caspian.geo.corridorsearch import Path as CorridorPath
from caspian.geo.errors import InputError
from caspian.geo.geodesy import GEOD
from caspian.layers.places import Place, PlaceIndex, catalog_places, place_index

logger = logging.getLogger(__name__)

#: Bumped whenever the network's construction or its cache layout changes.
CORRIDOR_VERSION = 4

#: The gauges and gauge changes of the catalog's lines, in the package data.
DATA_FILE = "corridor.json"

#: OpenStreetMap way statuses a train could run on once built (as for --mode rail).
OSM_STATUSES = ("operating", "construction", "proposed", "disused")


@dataclass(frozen=True)
class CorridorSettings:
    """How the network is assembled (all in kilometres).

    Attributes
    ----------
    join_km : float
        A rail line's end joins another line within this distance (the stated tolerance).
    port_km : float
        A port is linked to the nearest rail within this distance by a port transfer.
    max_gap_km : float
        A chain's consecutive legs farther apart than this are not offered as a gap.
    densify_km : float
        Longest segment; each segment takes the country of its midpoint.
    sea_legs : bool
        Add the sea router's water path between ports the catalog does not join.
    """

    join_km: float = 1.0
    port_km: float = 15.0
    max_gap_km: float = 50.0
    densify_km: float = 2.0
    sea_legs: bool = True


@dataclass(frozen=True)
class CorridorAnswer:
    """Routes between resolved places: the paths, their summaries and the places."""

    places: tuple[Place, ...]
    paths: tuple[CorridorPath, ...]
    routes: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class LoadedCorridor:
    """A network with the places that name its points, and how it was obtained.

    Route many pairs over one loaded network::

        network = load_corridor_network()
        answer = network.route("Aktau", "Kars", alternatives=2)
    """

    network: CorridorNetwork
    places: PlaceIndex
    load_s: float
    from_cache: bool
    cache_file: str | None

    def resolve(self, text: str, label: str = "place") -> Place:
        """A place name (any common spelling), catalog id or ``lon,lat`` as a :class:`Place`."""
        from caspian.layers.places import geonames_index, resolve_named_endpoint

        return resolve_named_endpoint(text, [self.places, geonames_index], label)

    def route(
        self, start: str, end: str, *, vias: Sequence[str] = (), alternatives: int = 1,
        settings: SearchSettings = DEFAULT_SEARCH,
    ) -> CorridorAnswer:
        """The best route (and up to ``alternatives - 1`` others) from ``start`` to ``end``.

        Each route is :func:`caspian.geo.corridorroute.route_summary`'s mapping; the second and
        later carry ``compared_with_best``.

        Raises
        ------
        InputError, LayerNotFoundError
            For a name that is unknown or ambiguous.
        SnapError, NoRouteError
            For a place off the network, or no route under ``settings``.
        """
        from caspian.geo.corridorroute import compare_routes, route_summary
        from caspian.geo.corridorsearch import find_paths
        from caspian.layers.endpoints import parse_lonlat

        labels = ["FROM", *("--via" for _ in vias), "TO"]
        places = tuple(self.resolve(text, label)
                       for text, label in zip([start, *vias, end], labels, strict=True))
        named = [label if parse_lonlat(p.label) else f"{label} {p.label}"
                 for p, label in zip(places, labels, strict=True)]
        paths = find_paths(self.network, [p.lonlat for p in places], named, settings,
                           alternatives)
        routes = [route_summary(path, places[0].label, places[-1].label) for path in paths]
        for route in routes[1:]:
            route["compared_with_best"] = compare_routes(routes[0], route)
        return CorridorAnswer(places, tuple(paths), tuple(routes))


def _package_version() -> str:
    try:
        return metadata.version("caspian-gis")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def _data_bytes(name: str) -> bytes:
    return (resources.files("caspian.layers.data") / name).read_bytes()


def input_digest(osm_files: Sequence[str | Path], settings: CorridorSettings) -> str:
    """Hash of everything the network depends on: the catalog's files, the gauges, the border
    source, the OSM extracts, the settings and the versions."""
    from caspian.layers.boundaries import REGION_PROVENANCE_FILE, region_borders_path
    from caspian.layers.catalog import layer_ids
    from caspian.layers.sea_routing import GRAPH_VERSION

    digest = hashlib.sha256()
    digest.update(f"corridor v{CORRIDOR_VERSION} sea v{GRAPH_VERSION} "
                  f"{_package_version()} {settings!r}".encode())
    for name in ["catalog.json", DATA_FILE, *(f"{layer}.geojson" for layer in layer_ids())]:
        digest.update(name.encode() + hashlib.sha256(_data_bytes(name)).digest())
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
    from caspian.layers.sea_routing import cache_dir

    return cache_dir().parent / "corridor"


def load_corridor_network(
    osm_files: Sequence[str | Path] = (),
    settings: CorridorSettings = CorridorSettings(),
    *,
    use_cache: bool = True,
    folder: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadedCorridor:
    """The corridor network, from the cache when its inputs have not changed.

    Parameters
    ----------
    osm_files : sequence of path
        OpenStreetMap extracts (``.osm``, ``.osm.pbf``) whose railways join the network.
    settings : CorridorSettings
    use_cache : bool
        False builds afresh and writes nothing.
    folder : path, optional
        Cache folder (:func:`cache_folder` by default).
    progress : callable, optional
        Receives one line when the network is built rather than read.
    """
    started = time.perf_counter()
    key = input_digest(osm_files, settings)
    path = (Path(folder) if folder else cache_folder()) / f"network-{key}.json.gz"
    if use_cache and path.is_file():
        try:
            network, named = _read_cache(path)
            return LoadedCorridor(network, place_index(named), time.perf_counter() - started,
                                  True, str(path))
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            logger.warning("corridor cache %s unreadable (%s); rebuilding", path, exc)
    if progress:
        progress("building the corridor network (once; later queries read it from the cache)")
    network, named = build_network(osm_files, settings)
    if use_cache:
        _write_cache(path, network, named)
    return LoadedCorridor(network, place_index(named), time.perf_counter() - started, False,
                          str(path) if use_cache else None)


def _gauge_records() -> dict[str, dict[str, Any]]:
    data = json.loads(_data_bytes(DATA_FILE).decode("utf-8"))
    return {entry["feature"]: entry for entry in data["gauges"]}


def _parts(geometry: dict[str, Any]) -> list[np.ndarray]:
    if geometry.get("type") == "LineString":
        return [np.asarray(geometry["coordinates"], dtype=float)[:, :2]]
    if geometry.get("type") == "MultiLineString":
        return [np.asarray(part, dtype=float)[:, :2] for part in geometry["coordinates"]]
    return []


def _split_at(lonlats: np.ndarray, lonlat: Sequence[float]) -> int:
    """Index of the vertex nearest to a point."""
    _, _, dist_m = GEOD.inv(np.full(len(lonlats), lonlat[0]), np.full(len(lonlats), lonlat[1]),
                            lonlats[:, 0], lonlats[:, 1])
    return int(np.argmin(dist_m))


@dataclass
class CatalogLines:
    """The catalog's lines as records, with what joins them.

    Attributes
    ----------
    records : list of dict
        One per part of each rail or sea line, gauge sections split.
    ports : list of Port
    joins : list of (int, int, int, int)
        ``(record, vertex, record, vertex)`` that should meet: a chain's consecutive rail legs
        and the declared links of ``corridor.json``.
    named_points : list of (str, float, float)
        Names of points the data defines (where the gauge changes).
    """

    records: list[dict[str, Any]]
    ports: list[Port]
    joins: list[tuple[int, int, int, int]]
    named_points: list[tuple[str, float, float]]


def catalog_lines() -> CatalogLines:
    """The catalog's rail and sea lines, ports and the joins between them."""
    from caspian.layers.catalog import load_catalog

    data = json.loads(_data_bytes(DATA_FILE).decode("utf-8"))
    gauges = {entry["feature"]: entry for entry in data["gauges"]}
    out = CatalogLines([], [], [], [])
    of_feature: dict[str, list[int]] = {}
    chain_ends: dict[str, list[tuple[float, int, int]]] = {}
    for layer in load_catalog().values():
        for feature in layer.features:
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            feature_id = str(feature["id"])
            if properties.get("kind") == "port" and geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                out.ports.append(Port(str(properties.get("name") or feature_id), float(lon),
                                      float(lat), feature_id))
            mode = properties.get("mode")
            if mode not in (RAIL, SEA):
                continue
            first = len(out.records)
            for lonlats in _parts(geometry):
                _add_records(out, lonlats, mode, properties, feature_id, gauges.get(feature_id))
            of_feature[feature_id] = list(range(first, len(out.records)))
            chain = properties.get("chain")
            if chain and mode == RAIL and len(out.records) > first:
                chain_ends.setdefault(str(chain["id"]), []).append(
                    (float(chain["order"]), first, len(out.records) - 1))
    for legs in chain_ends.values():
        legs.sort()
        out.joins.extend((a[2], -1, b[1], 0) for a, b in itertools.pairwise(legs))
    for link in data.get("links", ()):
        if link["from"]["feature"] in of_feature and link["to"]["feature"] in of_feature:
            start = _link_end(out.records, of_feature[link["from"]["feature"]], link["from"], None)
            point = out.records[start[0]]["lonlats"][start[1]]
            end = _link_end(out.records, of_feature[link["to"]["feature"]], link["to"], point)
            out.joins.append((*start, *end))
    return out


def _add_records(out: CatalogLines, lonlats: np.ndarray, mode: str, properties: dict[str, Any],
                 feature_id: str, gauge: dict[str, Any] | None) -> None:
    """One record for a part, or two where its gauge changes."""
    gauge = gauge or {}
    base = {"mode": mode, "status": properties.get("status"),
            "accuracy": properties.get("geometry_accuracy"), "feature": feature_id,
            "gauge_mm": gauge.get("gauge_mm") if mode == RAIL else None}
    change = gauge.get("changes_at")
    cut = _split_at(lonlats, change["coordinates"]) if change else 0
    if change and 0 < cut < len(lonlats) - 1:
        out.records.append({**base, "lonlats": lonlats[: cut + 1]})
        out.records.append({**base, "lonlats": lonlats[cut:], "gauge_mm": gauge["then_gauge_mm"]})
        out.named_points.append((str(change["label"]), *map(float, lonlats[cut])))
    else:
        out.records.append({**base, "lonlats": lonlats})


def _link_end(records: list[dict[str, Any]], indices: list[int], end: dict[str, Any],
              point: np.ndarray | None) -> tuple[int, int]:
    """``(record, vertex)`` of a link's end: a feature's first or last vertex, or its vertex
    nearest to ``point``."""
    if end["end"] == "first":
        return indices[0], 0
    if end["end"] == "last":
        return indices[-1], len(records[indices[-1]]["lonlats"]) - 1
    if point is None:
        raise InputError(f"{DATA_FILE}: a link cannot start at the 'nearest' vertex")
    best = min(((i, _split_at(records[i]["lonlats"], point)) for i in indices),
               key=lambda item: float(np.hypot(*(records[item[0]]["lonlats"][item[1]] - point))))
    return best


def osm_lines(path: str | Path) -> tuple[list[dict[str, Any]], list[tuple[list[str], Place]]]:
    """The railway ways of an OSM extract as line records, and its named stations."""
    from caspian.layers.osm import OSM_TAGS, rail_stations, rail_ways, read_osm_features
    from caspian.layers.places import station_places

    frame = read_osm_features(path, OSM_TAGS["rail"])
    ways = rail_ways(frame, OSM_STATUSES)
    gauge_of: dict[int, int | None] = {}
    if "gauge" in frame.columns:
        tagged = frame.xs("way", level=0, drop_level=True)["gauge"].dropna()
        for osm_id, value in tagged.items():
            first = str(value).split(";")[0].strip()
            gauge_of[int(osm_id)] = int(first) if first.isdigit() else None
    records = []
    for osm_id, status, geometry in zip(ways["osm_id"], ways["status"], ways.geometry,
                                        strict=True):
        for part in shapely.get_parts(geometry):
            lonlats = shapely.get_coordinates(part)
            if len(lonlats) >= 2:
                records.append({"mode": RAIL, "status": status, "accuracy": "traced",
                                "feature": f"osm way {int(osm_id)}", "lonlats": lonlats,
                                "gauge_mm": gauge_of.get(int(osm_id)),
                                "source": f"osm:{Path(path).name}"})
    return records, station_places(rail_stations(frame), Path(path).name)


def _sea_records(ports: list[Port], records: list[dict[str, Any]],
                 port_km: float) -> list[dict[str, Any]]:
    """A water path between every two ports of one basin that no catalog sea line joins."""
    from caspian.geo.errors import CaspianError
    from caspian.layers.sea_routing import sea_router

    joined = {frozenset(record["port_ends"]) for record in records
              if record["mode"] == SEA and None not in record["port_ends"]}
    router = sea_router()
    out = []
    for a in range(len(ports)):
        for b in range(a + 1, len(ports)):
            if frozenset((a, b)) in joined:
                continue
            try:
                route = router.route((ports[a].lon, ports[a].lat), (ports[b].lon, ports[b].lat))
            except CaspianError:
                continue  # another basin, or a port the router cannot reach
            water = shapely.get_coordinates(route.geometry)
            lonlats = np.vstack([[ports[a].lon, ports[a].lat], water, [ports[b].lon, ports[b].lat]])
            out.append({"mode": SEA, "status": None, "accuracy": "schematic",
                        "feature": f"sea route {ports[a].feature} – {ports[b].feature}",
                        "lonlats": lonlats, "gauge_mm": None, "port_ends": (a, b)})
    return out


def _nearest_port(ports: list[Port], lonlat: np.ndarray, port_km: float) -> int | None:
    if not ports:
        return None
    lons = np.array([port.lon for port in ports])
    lats = np.array([port.lat for port in ports])
    _, _, dist_m = GEOD.inv(np.full(lons.shape, lonlat[0]), np.full(lats.shape, lonlat[1]),
                            lons, lats)
    best = int(np.argmin(dist_m))
    return best if dist_m[best] <= port_km * 1000.0 else None


def _segment_countries(lines: list[np.ndarray]) -> list[tuple[str, ...]]:
    """The country of each segment's midpoint (``sea`` in none), for every line."""
    from caspian.layers.boundaries import country_index

    index = country_index()
    mids = np.concatenate([(line[:-1] + line[1:]) / 2.0 for line in lines])
    codes = np.full(len(mids), "sea", dtype=object)
    # The polygons query a tree of the points: shapely prepares the query geometry, so each
    # country is prepared once (points querying a tree of countries took 17 s, this 0.1 s).
    found_poly, found_point = shapely.STRtree(shapely.points(mids)).query(
        index.polygons, predicate="contains")
    codes[found_point] = index.codes[found_poly]
    out, start = [], 0
    for line in lines:
        out.append(tuple(str(code) for code in codes[start:start + len(line) - 1]))
        start += len(line) - 1
    return out


def build_network(
    osm_files: Sequence[str | Path] = (), settings: CorridorSettings = CorridorSettings()
) -> tuple[CorridorNetwork, list[tuple[list[str], Place]]]:
    """Build the network afresh; return it and the named places of its inputs."""
    from caspian.geo.geodesy import densify_geodesic

    catalog = catalog_lines()
    records, ports = catalog.records, catalog.ports
    named = catalog_places()
    osm_sources = []
    for path in osm_files:
        more, stations = osm_lines(path)
        records.extend(more)
        named.extend(stations)
        osm_sources.append({"file": Path(path).name, "sha256": _file_digest(Path(path)).hex(),
                            "ways": len(more), "licence": "ODbL 1.0, © OpenStreetMap contributors"})
    for record in records:
        record.setdefault("port_ends", (None, None))
        if record["mode"] == SEA:
            record["port_ends"] = (_nearest_port(ports, record["lonlats"][0], settings.port_km),
                                   _nearest_port(ports, record["lonlats"][-1], settings.port_km))
    if settings.sea_legs:
        records.extend(_sea_records(ports, records, settings.port_km))
    dense = densify_geodesic([shapely.LineString(r["lonlats"]) for r in records],
                             settings.densify_km)
    lonlats = [shapely.get_coordinates(line) for line in dense]
    countries = _segment_countries(lonlats)
    joins = [(a, _dense_index(records[a]["lonlats"], lonlats[a], va), b,
              _dense_index(records[b]["lonlats"], lonlats[b], vb))
             for a, va, b, vb in catalog.joins]
    lines = [
        LineInput(coords, r["mode"], codes, r["status"], r["accuracy"], r["gauge_mm"],
                  r["feature"], r["port_ends"], r.get("source", "catalog"))
        for r, coords, codes in zip(records, lonlats, countries, strict=True)
    ]
    place_names = catalog.named_points + [
        (place.name, place.lon, place.lat) for _, place in named if place.tier == 0]
    meta = {"version": CORRIDOR_VERSION, "settings": vars(settings) if hasattr(settings, "__dict__")
            else {}, "osm": osm_sources, "gauges": DATA_FILE}
    network = build_corridor_network(
        lines, ports, join_km=settings.join_km, port_km=settings.port_km,
        expected_joins=joins, max_gap_km=settings.max_gap_km, place_names=place_names,
        meta=meta,
    )
    return _straight_edge_countries(network), named


def _straight_edge_countries(network: CorridorNetwork) -> CorridorNetwork:
    """Give the straight edges the network made (gaps, transfers) the country of their
    midpoint, as every other segment has."""
    from dataclasses import replace

    straight = [e for e, edge in enumerate(network.edges) if edge.segment_countries == ("",)]
    if not straight:
        return network
    codes = _segment_countries([network.edges[e].lonlats for e in straight])
    edges = list(network.edges)
    for e, country in zip(straight, codes, strict=True):
        edges[e] = replace(edges[e], segment_countries=country)
    return finish_network(network.nodes, edges, network.joins, network.meta)


def _dense_index(raw: np.ndarray, dense: np.ndarray, vertex: int) -> int:
    """Where a line's vertex lies after densifying (which keeps every original vertex)."""
    target = raw[vertex]
    return int(np.argmin(np.abs(dense - target).sum(axis=1)))


def _edge_record(edge: CorridorEdge) -> dict[str, Any]:
    return {
        "u": edge.u, "v": edge.v, "mode": edge.mode,
        "lonlats": np.round(edge.lonlats, 7).tolist(),
        "segment_km": np.round(edge.segment_km, 6).tolist(),
        "countries": list(edge.segment_countries), "status": edge.status,
        "accuracy": edge.accuracy, "gauge_mm": edge.gauge_mm, "feature": edge.feature,
        "kind": edge.kind, "gauges": list(edge.gauges) if edge.gauges else None,
        "place": edge.place, "line": edge.line,
    }


def _write_cache(path: Path, network: CorridorNetwork,
                 named: list[tuple[list[str], Place]]) -> None:
    from caspian.geo.errors import OutputError
    from caspian.layers.fileio import write_bytes_atomic

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


def _read_cache(path: Path) -> tuple[CorridorNetwork, list[tuple[list[str], Place]]]:
    body = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    nodes = [CorridorNode(lon, lat, name, port) for lon, lat, name, port in body["nodes"]]
    edges = [
        CorridorEdge(
            u=e["u"], v=e["v"], mode=e["mode"], lonlats=np.asarray(e["lonlats"], dtype=float),
            segment_km=np.asarray(e["segment_km"], dtype=float),
            segment_countries=tuple(e["countries"]), status=e["status"],
            accuracy=e["accuracy"], gauge_mm=e["gauge_mm"], feature=e["feature"],
            kind=e["kind"], gauges=tuple(e["gauges"]) if e["gauges"] else None,
            place=e["place"], line=e["line"],
        )
        for e in body["edges"]
    ]
    named = [(names, Place(*fields)) for names, fields in body["places"]]
    return (finish_network(nodes, edges, body["joins"], body["meta"],
                           np.asarray(body["bearing_deg"], dtype=float)), named)
