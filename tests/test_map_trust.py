"""What the map builds to say how far to trust it: names, rivers on borders, search aliases."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from caspian.geo.geodesy import local_projection
from caspian.layers.catalog.loading import load_catalog
from caspian.maps.features import place_initials, search_aliases
from caspian.maps.labels import catalog_place_labels, to_local
from caspian.maps.rivers import land_borders, load_rivers, map_rivers
from shapely.geometry import shape

#: Around Nakhchivan, where the Aras is the border with Iran and the railway follows it.
NAKHCHIVAN = (44.8, 38.8, 46.2, 39.8)


@pytest.mark.parametrize(("text", "initials"), [
    ("Baku–Tbilisi–Ceyhan oil pipeline", ["BTC"]),
    ("Нефтепровод Баку–Тбилиси–Джейхан", ["БТД"]),
    ("Alat – Baku–Tbilisi–Kars railway", ["BTK"]),
    ("Trans-Caspian fiber-optic cable Sumgayit–Aktau", []),  # two places, lower-case words
])
def test_place_chains_give_their_initials(text: str, initials: list[str]) -> None:
    assert place_initials(text) == initials


def test_middle_corridor_legs_are_found_by_the_corridor_and_its_russian_abbreviation() -> None:
    layer = load_catalog(["middle_corridor"])["middle_corridor"]
    btk = next(f for f in layer.features if f["id"] == "middle_corridor/btk")
    aliases = search_aliases(layer, btk["properties"])
    assert any("Middle Corridor" in alias for alias in aliases)
    assert any("ТМТМ" in alias for alias in aliases)
    assert "BTK" in aliases


def test_ports_and_osm_stations_are_labelled_at_catalog_positions() -> None:
    labels = catalog_place_labels(list(load_catalog().values()))
    ports = {label["name"]: label for label in labels if label["kind"] == "port"}
    assert {"Port of Aktau", "Port of Kuryk", "Baku International Sea Trade Port"} <= set(ports)
    assert all(label["min_zoom"] == 5 for label in ports.values())
    stations = {label["name"] for label in labels if label["kind"] == "station"}
    assert {"Poti", "Batumi-Central", "Aktogay"} <= stations
    assert not any("Dostyk" in name for name in stations)  # an approximate point, no node


def _km_from_border(river: shapely.Geometry) -> np.ndarray:
    local = local_projection((45.5, 39.3), decimals=4)
    stretch = shapely.intersection(river, shapely.box(*NAKHCHIVAN))
    points = shapely.points(shapely.get_coordinates(shapely.segmentize(stretch, 0.01)))
    borders = shapely.multilinestrings(to_local(local, land_borders((43, 37, 48, 41))))
    return shapely.distance(to_local(local, points), borders) / 1000.0


def test_the_aras_is_drawn_on_the_border_the_nakhchivan_railway_follows() -> None:
    shipped = next(f for f in load_rivers()["features"] if f["properties"]["name"] == "Aras")
    # Natural Earth's centreline lies up to about 10 km off the border data
    assert _km_from_border(shape(shipped["geometry"])).max() > 9.0
    railway = next(f for f in load_catalog(["zangezur_corridor"])["zangezur_corridor"].features
                   if f["id"] == "zangezur_corridor/nakhchivan")
    rivers, _ = map_rivers(np.array([shape(railway["geometry"])]), (*NAKHCHIVAN[:2], 48, 41))
    drawn = next(f for f in rivers["features"] if f["properties"]["name"] == "Aras")
    # drawn on the border, within the basemap's 0.02° simplification
    assert _km_from_border(shape(drawn["geometry"])).max() < 3.0
