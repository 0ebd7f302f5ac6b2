"""Build ``georgia_rail.osm.pbf`` from the OpenStreetMap export of Georgia's railways.

The source is the overpass-turbo GeoJSON export kept in github.com/Argbjorn/georgian_railway_2025
(``static/js/components/railway-network/railway-network-data.js``, Overpass timestamp
2026-01-27T11:23:15Z; see ``georgia_rail.md``). Usage, from the repository root::

    git -C MIRROR show 1a3c60f9b4977eae312de6917046a21e92b915ed:static/js/components/\\
railway-network/railway-network-data.js > /tmp/georgia.js
    .venv/bin/python tests/data/make_georgia_rail.py /tmp/georgia.js

The export has each way's id, tags and positions but no node ids: ways that share an OSM node
share the position exactly, so each distinct position becomes one node (ids 1, 2, ... in order
of first appearance), which keeps the network's junctions. Tags are kept as exported, except
overpass-turbo's own ``@id``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import osmium

HERE = Path(__file__).resolve().parent
PREFIX = "export const railwayNetworkData = "
TIMESTAMP = "2026-01-27T11:23:15Z"


def main(source: str) -> None:
    text = Path(source).read_text(encoding="utf-8")
    data = json.loads(text[len(PREFIX):] if text.startswith(PREFIX) else text)
    assert data["timestamp"] == TIMESTAMP, data.get("timestamp")
    node_ids: dict[tuple[float, float], int] = {}
    ways = []
    for feature in data["features"]:
        assert feature["geometry"]["type"] == "LineString"
        refs = []
        for lon, lat in feature["geometry"]["coordinates"]:
            refs.append(node_ids.setdefault((lon, lat), len(node_ids) + 1))
        tags = {key: str(value) for key, value in feature["properties"].items() if key != "@id"}
        ways.append((int(feature["properties"]["@id"].split("/")[1]), refs, tags))
    target = HERE / "georgia_rail.osm.pbf"
    with osmium.SimpleWriter(str(target), overwrite=True) as writer:
        for (lon, lat), node_id in node_ids.items():
            writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(lon, lat)))
        for way_id, refs, tags in sorted(ways):
            writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags))
    print(f"wrote {target}: {len(ways)} ways, {len(node_ids)} nodes, "
          f"{target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
