"""The Kazakh legs, BTK's Turkish end and the Kuryk branch through OpenStreetMap station nodes.

The station nodes come from the Overpass export of 2026-02-26 in njfinney/Asia_Railway_Calculator
(sources ``osm-stations-kz`` and ``osm-stations-tr``); the catalog keeps each one it uses as a
vertex or a route place, so these checks run offline on the shipped data.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.geometry
from caspian.geo.geodesy import GEOD, densify_geodesic
from caspian.geo.routing.railgraph import nearest_on_path
from caspian.layers.catalog.accuracy import accuracy_km, accuracy_stretches
from caspian.layers.catalog.loading import load_layer

STATION_SOURCES = ("osm-stations-kz", "osm-stations-tr")
STATION_LEGS = (
    "china-aktogay", "aktogay-zhezkazgan", "zhezkazgan-mangyshlak", "beyneu-junction",
    "mangyshlak-aktau", "mangyshlak-kuryk", "btk",
)
#: The rule: every OpenStreetMap station node a leg cites (as a vertex or a route place) lies
#: within 1.5 km of the legs' lines. Beyneu, the junction station the through line passes on
#: the direct connection south of it (2.31 km, tested below), lies on the junction feature
#: that draws the two lines into the station; docs/metrics.md ("Station nodes off the line").
STATION_KM = 1.5
BEYNEU = (55.19662, 45.32211)  # OpenStreetMap node 4064729697
SHALKAR = (59.62203, 47.83408)  # OpenStreetMap node 4032336057
#: Every node of the station export within this distance of a leg is classified (below).
NEAR_KM = 5.0
STATIONS_NEAR_LEGS = Path(__file__).parent / "data" / "osm_stations_near_legs.json"
#: The nodes within NEAR_KM of a leg but beyond STATION_KM, each on a line that is not one of
#: the legs (the evidence is tested below), or a junction the route does not enter.
OFF_THE_LEGS = {
    3792621586: "№33 темір жол айрығы: Turksib south of Aktogay, towards Almaty",
    9077139848: "Қож үйіндісі: line leaving Zhezkazgan east-south-east to Боздала",
    9077139853: "Жаңа: line leaving Zhezkazgan east-south-east to Боздала",
}


def _feature(feature_id: str) -> dict:
    return load_layer("middle_corridor").feature(feature_id)


def _station_positions(feature: dict) -> dict[str, list[float]]:
    """Every OpenStreetMap station node the feature cites (vertex or route place), by label."""
    properties = feature["properties"]
    places = {place["label"]: place["coordinates"]
              for place in properties.get("route_places") or []
              if place["source"] in STATION_SOURCES}
    places.update({entry["label"]: position for entry, position in zip(
        properties["vertex_sources"], shapely.get_coordinates(
            shapely.geometry.shape(feature["geometry"])).tolist(), strict=True)
        if entry["source"] in STATION_SOURCES})
    return places


def _station_distances_km(feature: dict) -> dict[str, float]:
    """Distance of every OpenStreetMap station node the feature cites to its line, km."""
    places = _station_positions(feature)
    dense = densify_geodesic([shapely.geometry.shape(feature["geometry"])], 0.05)
    vertices = shapely.get_coordinates(dense[0])
    _, distances_km = nearest_on_path(vertices, [p[0] for p in places.values()],
                                      [p[1] for p in places.values()])
    return {label: float(km) for label, km in zip(places, distances_km, strict=True)}


def _legs_km(lons: list[float], lats: list[float], feature_ids: tuple[str, ...]) -> np.ndarray:
    """Distance of each point to the nearest of the features' lines, km."""
    nearest = np.full(len(lons), np.inf)
    for feature_id in feature_ids:
        line = shapely.geometry.shape(_feature(feature_id)["geometry"])
        vertices = shapely.get_coordinates(densify_geodesic([line], 0.05)[0])
        nearest = np.minimum(nearest, nearest_on_path(vertices, lons, lats)[1])
    return nearest


def test_every_station_node_on_the_kazakh_legs_and_kars_kartsakhi_lies_within_1_5_km() -> None:
    cited: list[tuple[str, list[float]]] = []
    for feature_id in STATION_LEGS:
        cited += _station_positions(_feature(feature_id)).items()
    distances = _legs_km([lonlat[0] for _, lonlat in cited], [lonlat[1] for _, lonlat in cited],
                         STATION_LEGS)
    # 149 cited by the legs before the junction feature, and its station node.
    assert len(cited) == 150
    far = {label: round(float(km), 2) for (label, _), km in zip(cited, distances, strict=True)
           if km > STATION_KM}
    assert far == {}
    # The largest: № 11 on the Dostyk line (1.50 km); every other within 0.6 km.
    assert sorted(distances)[-2] < 0.6 and round(float(max(distances)), 2) == 1.5


def test_beyneu_station_is_on_the_junction_feature_not_on_the_through_line() -> None:
    # The through line keeps the direct connection (no source says trains call at Beyneu);
    # the junction feature runs from it into the station node and out again.
    through, junction = (_station_distances_km(_feature(feature_id))
                         for feature_id in ("zhezkazgan-mangyshlak", "beyneu-junction"))
    beyneu = "Beyneu station (OpenStreetMap railway=station node)"
    assert round(through[beyneu], 2) == 2.31
    assert junction == {"Бейнеу (Beyneu) station (OpenStreetMap railway=station node 4064729697)":
                        0.0}
    parts = _feature("beyneu-junction")["geometry"]["coordinates"]
    line = _feature("zhezkazgan-mangyshlak")["geometry"]["coordinates"]
    # Both parts end at the station node; their other ends are nodes of the through line.
    assert parts[0][-1] == parts[1][0] == list(BEYNEU)
    assert parts[0][0] in line and parts[1][-1] in line


def _nearest_vertex(coordinates: np.ndarray, lon: float, lat: float) -> int:
    _, _, dist_m = GEOD.inv(np.full(len(coordinates), lon), np.full(len(coordinates), lat),
                            coordinates[:, 0], coordinates[:, 1])
    return int(dist_m.argmin())


def test_the_line_calls_at_shalkar_station_and_reverses_there_for_beyneu() -> None:
    coordinates = np.asarray(_feature("zhezkazgan-mangyshlak")["geometry"]["coordinates"])
    (call,) = np.flatnonzero((coordinates == SHALKAR).all(axis=1))
    switch = coordinates[call - 1]
    # Out to the station node and back to the switch the mapped route turns back at.
    assert (coordinates[call + 1] == switch).all()
    (into, out_of), _, _ = GEOD.inv(coordinates[[call - 2, call + 1], 0],
                                    coordinates[[call - 2, call + 1], 1],
                                    coordinates[[call - 1, call + 2], 0],
                                    coordinates[[call - 1, call + 2], 1])
    assert abs((out_of - into + 540) % 360 - 180) > 179  # the router's turn at the switch
    # The station node lies on the main line the trace came up (two vertices before the
    # switch, to the switch), run on straight: 2.65 km further along its bearing lies within
    # 50 m of the node; the line counts those 2.65 km twice.
    bearing, _, _ = GEOD.inv(*coordinates[call - 3], *switch)
    _, _, to_station_m = GEOD.inv(*switch, *SHALKAR)
    lon, lat, _ = GEOD.fwd(*switch, bearing, to_station_m)
    _, _, off_m = GEOD.inv(lon, lat, *SHALKAR)
    assert round(to_station_m / 1000, 2) == 2.65 and off_m < 50


def test_the_trace_takes_the_direct_connection_south_of_beyneu_station() -> None:
    coordinates = np.asarray(_feature("zhezkazgan-mangyshlak")["geometry"]["coordinates"])
    kokbekty, number_one = (55.30247, 45.26736), (55.16566, 45.20832)  # route places
    station = (55.19662, 45.32211)  # OpenStreetMap node 4064729697
    start, end = (_nearest_vertex(coordinates, *place) for place in (kokbekty, number_one))
    part = coordinates[start:end + 1]
    _, _, steps_m = GEOD.inv(part[:-1, 0], part[:-1, 1], part[1:, 0], part[1:, 1])
    _, _, via_m = GEOD.inv([kokbekty[0], station[0]], [kokbekty[1], station[1]],
                           [station[0], number_one[0]], [station[1], number_one[1]])
    # 20.4 km along the trace; even straight lines through the station node make 23.2 km
    assert (round(steps_m.sum() / 1000, 1), round(sum(via_m) / 1000, 1)) == (20.4, 23.2)


BEYNEU_MAIN_LINES = Path(__file__).parent / "data" / "beyneu_main_lines.json"


def _main_line_km(line: list[list[float]], lonlats: np.ndarray) -> np.ndarray:
    """Distance of each point to a main line given as ``[lat, lon, km]`` points, km."""
    vertices = shapely.get_coordinates(densify_geodesic(
        [shapely.LineString([(lon, lat) for lat, lon, _ in line])], 0.01)[0])
    return nearest_on_path(vertices, lonlats[:, 0], lonlats[:, 1])[1]


def test_the_direct_connection_cuts_the_corner_of_the_triangle_at_beyneu_station() -> None:
    # A second copy of the mapped main lines (service tracks left out, simplified to 0.25 km;
    # tests/data/beyneu_main_lines.md): both lines start at the station node and leave it to
    # the south-east; the trace runs on the Shalkar line, then on the Mangyshlak line, joined
    # by a curve of its own: it never enters the station, which lies at the triangle's apex.
    data = json.loads(BEYNEU_MAIN_LINES.read_text(encoding="utf-8"))
    node = data["station_node"]
    kyzylorda, mangistau = (data["routes"][route]["points"] for route in ("BEY-KYZ", "BEY-MAN"))
    _, _, starts_m = GEOD.inv([node["lon"]] * 2, [node["lat"]] * 2,
                              [kyzylorda[0][1], mangistau[0][1]],
                              [kyzylorda[0][0], mangistau[0][0]])
    assert (np.asarray(starts_m) < 20).all()
    coordinates = np.asarray(_feature("zhezkazgan-mangyshlak")["geometry"]["coordinates"])
    kokbekty, number_one = (55.30247, 45.26736), (55.16566, 45.20832)  # route places
    start, end = (_nearest_vertex(coordinates, *place) for place in (kokbekty, number_one))
    part = coordinates[start:end + 1]
    on_shalkar_line, on_mangyshlak_line = (_main_line_km(line, part)
                                           for line in (kyzylorda, mangistau))
    # Every vertex within the export's simplification of one line or the other.
    assert round(float(np.minimum(on_shalkar_line, on_mangyshlak_line).max()), 2) == 0.25
    # On the Shalkar line up to the curve, on the Mangyshlak line from its end.
    assert (on_shalkar_line[:16] < 0.13).all() and (on_mangyshlak_line[-4:] < 0.06).all()
    # Through the station along the two lines: 23.8 km and a reversal, against 20.4 km.
    kok_km = sum(GEOD.inv(*a, *b)[2] for a, b in (
        ((kyzylorda[0][1], kyzylorda[0][0]), (kyzylorda[1][1], kyzylorda[1][0])),
        ((kyzylorda[1][1], kyzylorda[1][0]), kokbekty))) / 1000
    number_one_km = sum(GEOD.inv(*a, *b)[2] for a, b in (
        ((mangistau[0][1], mangistau[0][0]), (mangistau[1][1], mangistau[1][0])),
        ((mangistau[1][1], mangistau[1][0]), number_one))) / 1000
    assert round(kok_km + number_one_km, 1) == 23.8
    assert data["routes"]["BEY-MAN"]["stops"][1] == ["№1", 13.4]  # the export's own figure


def _stations_near_legs() -> dict[str, list[dict]]:
    return json.loads(STATIONS_NEAR_LEGS.read_text(encoding="utf-8"))


def _station(stations: list[dict], node_id: int) -> tuple[float, float]:
    (station,) = (station for station in stations if station["id"] == node_id)
    return station["lon"], station["lat"]


def test_every_station_node_near_a_leg_lies_on_it_or_on_another_line() -> None:
    stations = _stations_near_legs()
    legs = {"kazakhstan": STATION_LEGS[:-1], "turkey": STATION_LEGS[-1:]}
    on_legs, off = {}, {}
    for country, feature_ids in legs.items():
        km = _legs_km([station["lon"] for station in stations[country]],
                      [station["lat"] for station in stations[country]], feature_ids)
        on_legs[country] = int((km <= STATION_KM).sum())
        off.update({station["id"]: round(float(distance), 2)
                    for station, distance in zip(stations[country], km, strict=True)
                    if STATION_KM < distance <= NEAR_KM})
    # Every node of the export within 5 km of a leg lies within 1.5 km of it, or is one of
    # the classified nodes, at its distance: a new node, or one of them moving, fails here.
    assert on_legs == {"kazakhstan": 143, "turkey": 8}
    assert off == pytest.approx(
        {3792621586: 2.78, 9077139848: 2.55, 9077139853: 4.40}, abs=0.02)
    assert off.keys() == OFF_THE_LEGS.keys()


def test_node_33_is_on_the_turksib_where_the_dostyk_line_turns_east_south_of_aktogay() -> None:
    coordinates = _feature("china-aktogay")["geometry"]["coordinates"]
    # The Dostyk leg's last straight step out of Aktogay station to the south-south-west,
    # before it curves east; №33 lies on along that step's bearing.
    start, curve = [79.6753, 46.944], [79.6585, 46.9207]
    assert coordinates.index(start) == coordinates.index(curve) + 1
    node_33 = _station(_stations_near_legs()["kazakhstan"], 3792621586)
    bearing, _, _ = GEOD.inv(*start, *curve)
    _, _, beyond_m = GEOD.inv(*curve, *node_33)
    lon, lat, _ = GEOD.fwd(*curve, bearing, beyond_m)
    _, _, off_m = GEOD.inv(lon, lat, *node_33)
    # 4.05 km on, 14 m off that straight line: on a track running on south-south-west past
    # the curve (the Turksib towards Almaty, with Кокшалпин 33 km south-west of Aktogay), not
    # on the Dostyk leg (3.5 km) nor on the line to Mointy (2.8 km).
    assert round(beyond_m / 1000, 2) == 4.05 and off_m < 50


def test_two_zhezkazgan_nodes_are_on_the_line_leaving_east_south_east_to_bozdala() -> None:
    stations = _stations_near_legs()["kazakhstan"]
    zhezkazgan, bozdala = _station(stations, 922818608), _station(stations, 9077139875)
    line = shapely.geometry.LineString([zhezkazgan, bozdala])
    vertices = shapely.get_coordinates(densify_geodesic([line], 0.05)[0])
    nodes = [_station(stations, node_id) for node_id in (9081437868, 9077139848, 9077139853)]
    _, off_km = nearest_on_path(vertices, *zip(*nodes, strict=True))
    # Мыс, Қож үйіндісі and Жаңа lie within 0.7 km of the straight line from Zhezkazgan
    # station to the Боздала junction (32.3 km out), which the leg to Karaganda leaves at
    # 48° (it arrives from рзд. №60, 26 km north of Боздала).
    assert np.round(off_km, 2).tolist() == [0.09, 0.67, 0.04]
    leg = _feature("aktogay-zhezkazgan")["geometry"]["coordinates"]
    assert leg[-1] == list(zhezkazgan)
    to_bozdala, _, _ = GEOD.inv(*zhezkazgan, *bozdala)
    to_leg, _, _ = GEOD.inv(*zhezkazgan, *leg[-2])
    assert round(abs(to_bozdala - to_leg)) == 48


def test_no_rail_segment_in_the_corridor_is_longer_than_100_km() -> None:
    layer = load_layer("middle_corridor")
    longest = []
    for feature in layer.features:
        if feature["properties"]["mode"] != "rail":
            continue
        line = shapely.geometry.shape(feature["geometry"])
        for part in getattr(line, "geoms", [line]):
            lons, lats = np.asarray(part.coords).T
            _, _, step_m = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
            longest.append(step_m.max() / 1000)
    # The longest: Promezhutochnaya–Abay on the Zhezkazgan–Saksaulskaya line, 95.8 km.
    assert max(longest) == pytest.approx(95.8, abs=0.1)


def test_each_station_waypoint_is_checked_by_its_neighbours() -> None:
    worst = {}
    for feature_id in ("aktogay-zhezkazgan", "zhezkazgan-mangyshlak", "btk"):
        feature = _feature(feature_id)
        coordinates = np.asarray(feature["geometry"]["coordinates"])
        sources = [entry["source"] for entry in feature["properties"]["vertex_sources"]]
        # A station the line runs out to and back from (Shalkar) has no line to detour from.
        inner = [i for i in range(1, len(sources) - 1) if sources[i] in STATION_SOURCES
                 and coordinates[i - 1].tolist() != coordinates[i + 1].tolist()]
        before, here, after = (coordinates[[i + k for i in inner]] for k in (-1, 0, 1))
        _, _, in_m = GEOD.inv(before[:, 0], before[:, 1], here[:, 0], here[:, 1])
        _, _, out_m = GEOD.inv(here[:, 0], here[:, 1], after[:, 0], after[:, 1])
        _, _, across_m = GEOD.inv(before[:, 0], before[:, 1], after[:, 0], after[:, 1])
        worst[feature_id] = float(((in_m + out_m) / across_m).max())
    # No station is a spike: the largest detour is Sayak's 1.17 (the line bends north to it).
    assert worst == pytest.approx(
        {"aktogay-zhezkazgan": 1.166, "zhezkazgan-mangyshlak": 1.118, "btk": 1.021}, abs=0.002)


def test_a_line_reaches_kuryk_port_from_the_mangyshlak_line() -> None:
    branch = _feature("mangyshlak-kuryk")
    coordinates = branch["geometry"]["coordinates"]
    labels = [entry["label"] for entry in branch["properties"]["vertex_sources"]]
    assert "node 11910129790" in labels[-1] and coordinates[-1] == [51.44161, 43.16477]
    assert "node 4034464670" in labels[0]  # Mangyshlak, where the Aktau–Uzen line leaves
    rail_start = _feature("mangyshlak-aktau")["geometry"]["coordinates"][0]
    _, _, gap_m = GEOD.inv(rail_start[0], rail_start[1], *coordinates[0])
    assert gap_m < 1_000
    km = accuracy_km(branch["properties"], shapely.geometry.shape(branch["geometry"]))
    # 45.6 + 16.5 + 12.0 km between station nodes; published: Borzhakty–Ersai 13.9 or 14 km,
    # Ersai–port 13 km (kept as findings, the line is not bent to them).
    assert km["waypoints_km"] == pytest.approx(74.1, abs=0.1)


@pytest.mark.parametrize(
    ("feature_id", "expected"),
    [
        ("aktogay-zhezkazgan", [("waypoints", 503.6), ("traced", 214.7), ("waypoints", 407.1)]),
        ("zhezkazgan-mangyshlak", [("waypoints", 511.9), ("traced", 162.7), ("waypoints", 5.3),
                                   ("traced", 894.0)]),
        ("btk", [("schematic", 1.7), ("traced", 454.8), ("waypoints", 0.0), ("traced", 210.7),
                 ("waypoints", 66.4)]),
    ],
)
def test_legs_know_which_kilometres_are_traced_and_which_run_between_stations(
    feature_id: str, expected: list[tuple[str, float]]
) -> None:
    feature = _feature(feature_id)
    stretches = accuracy_stretches(feature["properties"],
                                   shapely.geometry.shape(feature["geometry"]))
    assert [(s.accuracy, round(s.length_km, 1)) for s in stretches] == expected


def test_port_points_stand_on_the_port_and_the_towns_stay_as_context() -> None:
    corridor = load_layer("middle_corridor")
    aktau = load_layer("aktau_port").feature("aktau")
    # The quay where the mapped railway ends and the ferry leg starts.
    assert aktau["geometry"]["coordinates"] == corridor.feature(
        "mangyshlak-aktau")["geometry"]["coordinates"][-1]
    assert aktau["geometry"]["coordinates"] == corridor.feature(
        "aktau-alat")["geometry"]["coordinates"][0]
    kuryk = load_layer("kuryk_port").feature("kuryk")
    assert kuryk["geometry"]["coordinates"] == corridor.feature(
        "mangyshlak-kuryk")["geometry"]["coordinates"][-1]
    for port in (aktau, kuryk):
        (vertex,) = port["properties"]["vertex_sources"]
        assert vertex["approximate"] is False
    context = load_layer("context")
    towns = {feature_id: context.feature(feature_id)["geometry"]["coordinates"]
             for feature_id in ("aktau_city", "kuryk_village")}
    assert towns == {"aktau_city": [51.15, 43.65], "kuryk_village": [51.65, 43.2]}
    _, _, aktau_m = GEOD.inv(*towns["aktau_city"], *aktau["geometry"]["coordinates"])
    _, _, kuryk_m = GEOD.inv(*towns["kuryk_village"], *kuryk["geometry"]["coordinates"])
    assert (round(aktau_m / 1000, 1), round(kuryk_m / 1000, 1)) == (7.8, 17.4)


def test_the_alat_port_point_is_marked_as_the_settlement_it_stands_on() -> None:
    alat = load_layer("baku_port").feature("alat")
    properties = alat["properties"]
    # No sourced position of the port itself was found: the point is the reference sheet's
    # settlement, drawn and measured as schematic, and says so.
    assert alat["geometry"]["coordinates"] == [49.407, 39.948]
    assert properties["geometry_accuracy"] == "schematic"
    assert properties["vertex_sources"] == [
        {"label": "Ələt (settlement point)", "source": "facts-alat", "approximate": True}]
    assert properties["note"].startswith("Point is the settlement of Ələt, not the port")
