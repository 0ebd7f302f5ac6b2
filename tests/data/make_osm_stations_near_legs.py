"""Build ``osm_stations_near_legs.json``: the OpenStreetMap station nodes near the station legs.

The source is the Overpass export of 2026-02-26 in github.com/njfinney/Asia_Railway_Calculator
(``data/stations/kazakhstan.json`` and ``data/stations/turkey.json``; see
``osm_stations_near_legs.md``). Usage, from the repository root::

    git -C MIRROR show ea7a2e27d11ae5bfe916e2fdb54ff4b384a8f8b3:data/stations/kazakhstan.json \\
        > /tmp/kazakhstan.json
    git -C MIRROR show ea7a2e27d11ae5bfe916e2fdb54ff4b384a8f8b3:data/stations/turkey.json \\
        > /tmp/turkey.json
    .venv/bin/python tests/data/make_osm_stations_near_legs.py /tmp/kazakhstan.json /tmp/turkey.json

Every node of each file that lies within ``BAND_KM`` of one of its country's legs (as the
catalog draws them when the extract is made) is kept, as exported: id, name, local name, type
and position (5 decimals); so are the few farther nodes the tests cite as evidence of which line
a nearby node is on (``EVIDENCE``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
import shapely.geometry
from caspian.geo.geodesy import densify_geodesic
from caspian.geo.routing.railgraph import nearest_on_path
from caspian.layers.catalog.loading import load_layer

HERE = Path(__file__).resolve().parent
BAND_KM = 10.0
LEGS = {
    "kazakhstan": ("china-aktogay", "aktogay-zhezkazgan", "zhezkazgan-mangyshlak",
                   "mangyshlak-aktau", "mangyshlak-kuryk"),
    "turkey": ("btk",),
}
#: Nodes beyond the band that show which line a node near a leg is on: the junction Боздала and
#: Сарысу on the line leaving Zhezkazgan east-south-east, Кокшалпин on the Turksib south of
#: Aktogay.
EVIDENCE = {"kazakhstan": (9077139875, 9077142460, 3792619976), "turkey": ()}


def near_legs(stations: list[dict], feature_ids: tuple[str, ...],
              evidence_ids: tuple[int, ...]) -> list[dict]:
    """The stations within ``BAND_KM`` of any of the features or named, sorted by node id."""
    layer = load_layer("middle_corridor")
    lons = [station["lon"] for station in stations]
    lats = [station["lat"] for station in stations]
    kept = {i for i, station in enumerate(stations) if station["id"] in evidence_ids}
    for feature_id in feature_ids:
        line = shapely.geometry.shape(layer.feature(feature_id)["geometry"])
        vertices = shapely.get_coordinates(densify_geodesic([line], 0.05)[0])
        _, distances_km = nearest_on_path(vertices, lons, lats)
        kept.update(i for i, km in enumerate(distances_km) if km <= BAND_KM)
    return sorted((stations[i] for i in kept), key=lambda station: station["id"])


def main(kazakhstan: str, turkey: str) -> None:
    out = {}
    for country, path in (("kazakhstan", kazakhstan), ("turkey", turkey)):
        stations = json.loads(Path(path).read_text(encoding="utf-8"))
        out[country] = near_legs(stations, LEGS[country], EVIDENCE[country])
    target = HERE / "osm_stations_near_legs.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                      encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
