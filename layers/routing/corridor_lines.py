"""The corridor network's inputs as line records: the catalog's lines (with their gauges and
the links between them, ``layers/data/corridor.json``), OpenStreetMap extracts' railways, the
sea router's legs between ports, and the country of every segment.

Used by :mod:`caspian.layers.routing.corridor`, which assembles them into a network and caches it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from caspian.geo.errors import CaspianError, InputError
from caspian.geo.geodesy import GEOD
from caspian.geo.routing.corridorgraph import RAIL, SEA, Port
from caspian.geo.settings import Settings
from caspian.layers.boundaries import country_index
from caspian.layers.catalog.accuracy import segment_accuracies
from caspian.layers.catalog.loading import load_catalog
from caspian.layers.catalog.places import Place, station_places
from caspian.layers.osm.extracts import OSM_TAGS, rail_stations, rail_ways, read_osm_features
from caspian.layers.routing.sea import sea_router

#: The gauges and gauge changes of the catalog's lines, in the package data.
DATA_FILE = "corridor.json"

#: OpenStreetMap way statuses a train could run on once built (as for --mode rail).
OSM_STATUSES = ("operating", "construction", "proposed", "disused")


def data_bytes(name: str) -> bytes:
    return (resources.files("caspian.layers.data") / name).read_bytes()


def _parts(geometry: dict[str, Any]) -> list[np.ndarray]:
    if geometry.get("type") == "LineString":
        return [np.asarray(geometry["coordinates"], dtype=float)[:, :2]]
    if geometry.get("type") == "MultiLineString":
        return [np.asarray(part, dtype=float)[:, :2] for part in geometry["coordinates"]]
    return []


def _split_at(lonlats: np.ndarray, lonlat: Sequence[float] | np.ndarray) -> int:
    """Index of the vertex nearest to a point."""
    _, _, dist_m = GEOD.inv(np.full(len(lonlats), lonlat[0]), np.full(len(lonlats), lonlat[1]),
                            lonlats[:, 0], lonlats[:, 1])
    return int(np.argmin(dist_m))


@dataclass
class CatalogLines:
    """The catalog's lines as records, with what joins them."""

    #: One per part of each rail or sea line, gauge sections split.
    records: list[dict[str, Any]]
    ports: list[Port]
    #: ``(record, vertex, record, vertex)`` that should meet: a chain's consecutive rail legs
    #: and the declared links of ``corridor.json``.
    joins: list[tuple[int, int, int, int]]
    #: Names of points the data defines (where the gauge changes).
    named_points: list[tuple[str, float, float]]


def catalog_lines() -> CatalogLines:
    """The catalog's rail and sea lines, ports and the joins between them."""
    data = json.loads(data_bytes(DATA_FILE).decode("utf-8"))
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
            parts = _parts(geometry)
            classes = _part_accuracies(properties, parts)
            for lonlats, part_classes in zip(parts, classes, strict=True):
                _add_records(out, lonlats, part_classes, mode, properties, feature_id,
                             gauges.get(feature_id))
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


def _part_accuracies(properties: dict[str, Any],
                     parts: Sequence[np.ndarray]) -> list[tuple[str, ...]]:
    """The accuracy class of each segment of each part (:mod:`caspian.layers.catalog.accuracy`'s
    rule, the one ``caspian metrics`` measures ``traced_km`` by); empty tuples for a line whose
    class does not vary along it."""
    sizes = [len(part) for part in parts]
    starts = np.cumsum([0, *sizes[:-1]], dtype=np.intp)
    pairs = np.concatenate([np.column_stack([np.arange(start, start + size - 1),
                                             np.arange(start + 1, start + size)])
                            for start, size in zip(starts, sizes, strict=True)] or
                           [np.zeros((0, 2), dtype=np.intp)])
    classes = segment_accuracies(properties, pairs, sum(sizes))
    if len(set(classes)) < 2:
        return [()] * len(parts)
    ends = np.cumsum([size - 1 for size in sizes])
    return [tuple(classes[end - size + 1:end]) for end, size in zip(ends, sizes, strict=True)]


def _add_records(out: CatalogLines, lonlats: np.ndarray, classes: tuple[str, ...], mode: str,
                 properties: dict[str, Any], feature_id: str,
                 gauge: dict[str, Any] | None) -> None:
    """One record for a part, or two where its gauge changes; ``classes``: the accuracy of
    each segment, or empty."""
    gauge = gauge or {}
    base = {"mode": mode, "status": properties.get("status"),
            "accuracy": properties.get("geometry_accuracy"), "feature": feature_id,
            "gauge_mm": gauge.get("gauge_mm") if mode == RAIL else None}
    change = gauge.get("changes_at")
    cut = _split_at(lonlats, change["coordinates"]) if change else 0
    if change and 0 < cut < len(lonlats) - 1:
        out.records.append({**base, "lonlats": lonlats[: cut + 1],
                            "segment_accuracies": classes[:cut]})
        out.records.append({**base, "lonlats": lonlats[cut:], "gauge_mm": gauge["then_gauge_mm"],
                            "segment_accuracies": classes[cut:]})
        lon, lat = (float(value) for value in lonlats[cut])
        out.named_points.append((str(change["label"]), lon, lat))
    else:
        out.records.append({**base, "lonlats": lonlats, "segment_accuracies": classes})


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


def sea_records(ports: list[Port], records: list[dict[str, Any]], port_km: float,
                geo_settings: Settings | None = None) -> list[dict[str, Any]]:
    """A water path between every two ports of one basin that no catalog sea line joins
    (the sea router of ``geo_settings.ellps``, WGS84 by default)."""

    joined = {frozenset(record["port_ends"]) for record in records
              if record["mode"] == SEA and None not in record["port_ends"]}
    router = sea_router(geo_settings)
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


def nearest_port(ports: list[Port], lonlat: np.ndarray, port_km: float,
                 geod: pyproj.Geod = GEOD) -> int | None:
    """The index of the port nearest ``lonlat`` on ``geod``'s ellipsoid, if within ``port_km``."""
    if not ports:
        return None
    lons = np.array([port.lon for port in ports])
    lats = np.array([port.lat for port in ports])
    _, _, dist_m = geod.inv(np.full(lons.shape, lonlat[0]), np.full(lats.shape, lonlat[1]),
                            lons, lats)
    best = int(np.argmin(dist_m))
    return best if dist_m[best] <= port_km * 1000.0 else None


def segment_countries(lines: list[np.ndarray]) -> list[tuple[str, ...]]:
    """The country of each segment's midpoint (``sea`` in none), for every line."""
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
