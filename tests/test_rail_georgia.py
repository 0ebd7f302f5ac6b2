"""Rail routing over a real national network: Georgia's railways from OpenStreetMap.

``tests/data/georgia_rail.osm.pbf`` is the export the catalog's Georgian traces were read from
(see ``tests/data/georgia_rail.md``), so routing over it must give the catalog's lines back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from caspian.layers.catalog.loading import load_layer
from caspian.layers.routing.rail import load_rail, route_on

GEORGIA_PBF = Path(__file__).resolve().parent / "data" / "georgia_rail.osm.pbf"
TBILISI_CENTRAL = (44.7995883, 41.721053)
BATUMI_CENTRAL = (41.6776779, 41.6584901)
BTK_BORDER_END = (43.296411, 41.1679616)  # last node of way 523465476

TO_METRES = pyproj.Transformer.from_crs(
    "EPSG:4326", "+proj=eqdc +lat_1=40 +lat_2=43 +lon_0=43 +datum=WGS84", always_xy=True
)


@pytest.fixture(scope="module")
def georgia():
    return load_rail(GEORGIA_PBF)


def _metres(geometry):
    return shapely.transform(geometry, TO_METRES.transform, interleaved=False)


def _metres_xy(lonlats):
    return np.column_stack(TO_METRES.transform(lonlats[:, 0], lonlats[:, 1]))


def test_tbilisi_to_batumi_follows_the_catalogs_trace(georgia) -> None:
    route = route_on(georgia, TBILISI_CENTRAL, BATUMI_CENTRAL)
    assert route.gaps == ()
    assert route.length_km == pytest.approx(341.0, abs=0.5)
    to_poti, to_batumi = load_layer("middle_corridor").feature("georgian-ports")[
        "geometry"]["coordinates"]
    catalog = _metres(shapely.MultiLineString([to_poti, to_batumi]))
    vertices = shapely.points(shapely.get_coordinates(_metres(route.geometry)))
    distances_m = shapely.distance(catalog, vertices)
    # The same OSM ways, except where the router takes the other track of the double-track
    # main line (10-20 m away) through a station.
    assert float(np.median(distances_m)) == 0.0
    assert float(np.max(distances_m)) < 25.0


def test_tbilisi_to_the_turkish_border_crosses_the_exports_three_small_breaks(georgia) -> None:
    route = route_on(georgia, TBILISI_CENTRAL, BTK_BORDER_END)
    assert route.length_km == pytest.approx(215.6, abs=0.5)
    # The export leaves the BTK line in pieces 30, 7 and 20 m apart: reported, not hidden.
    assert sorted(round(gap.length_km * 1000) for gap in route.gaps) == [7, 20, 30]
    btk = load_layer("middle_corridor").feature("btk")["geometry"]["coordinates"]
    # The catalog's Georgian nodes, from where its line comes in from Gardabani to the border
    # (the Turkish station nodes to Kars follow them); the first 45 run through eastern
    # Tbilisi, which a route from Tbilisi Central does not use.
    georgian_nodes = np.array(btk[-1810:-5])
    assert tuple(georgian_nodes[44]) == (44.892699, 41.6742468)  # the last one before it
    distances_m = shapely.distance(
        _metres(route.geometry), shapely.points(_metres_xy(georgian_nodes[45:]))
    )
    assert float(np.max(distances_m)) < 25.0
