"""The hand-made OSM test network (tests/data/rail_network.osm) and its independent lengths."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from geographiclib.geodesic import Geodesic

DATA = Path(__file__).resolve().parent / "data"
RAIL_XML = DATA / "rail_network.osm"
RAIL_PBF = DATA / "rail_network.osm.pbf"
OVERPASS_RESPONSE = DATA / "overpass_rail_response.json"

#: Node id -> (lon, lat), as written in rail_network.osm.
NODES: dict[int, tuple[float, float]] = {
    1: (45.0000, 39.0000), 2: (45.0400, 39.0100), 3: (45.0800, 39.0150),
    4: (45.1200, 39.0300), 5: (45.1600, 39.0350), 6: (45.2000, 39.0500),
    7: (45.1000, 39.0500), 8: (45.1100, 39.0900), 10: (45.1300, 39.1200),
    11: (45.2500, 39.0800), 12: (45.3000, 39.1000), 13: (45.3500, 39.1100),
    14: (45.4000, 39.1200), 20: (45.2010, 39.0520),
}


def geographiclib_km(*node_ids: int) -> float:
    """Geodesic length through the given nodes (GeographicLib, WGS84), kilometres."""
    total_m = 0.0
    for a, b in itertools.pairwise(node_ids):
        (lon1, lat1), (lon2, lat2) = NODES[a], NODES[b]
        total_m += Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
    return total_m / 1000.0


def lonlat(node_id: int) -> str:
    """The node as a FROM/TO argument, ``lon,lat``."""
    lon, lat = NODES[node_id]
    return f"{lon},{lat}"


def seed_overpass_cache(
    cache_folder: Path,
    bbox: tuple[float, float, float, float],
    overpass_url: str,
    what: str = "rail",
    response: dict | None = None,
) -> int:
    """Put a recorded Overpass response where osmnx looks for this query; return the count.

    By default the recorded rail response (``overpass_rail_response.json``).
    """
    from caspian.layers.osm.extracts import OSM_TAGS
    from caspian.layers.osm.overpass import OsmSettings, osmnx_settings, overpass_cache_files

    if response is None:
        response = json.loads(OVERPASS_RESPONSE.read_text(encoding="utf-8"))
    with osmnx_settings(OsmSettings(cache_folder=cache_folder, overpass_url=overpass_url)):
        files = overpass_cache_files(bbox, OSM_TAGS[what])
    for path, _query in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(response), encoding="utf-8")
    return len(files)
