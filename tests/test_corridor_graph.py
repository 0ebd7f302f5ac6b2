"""The corridor graph and its search on small fixtures: a wye, a gauge break, a missing link,
port transfers and alternatives."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from caspian.geo.errors import GeometryError
from caspian.geo.routing.corridorgraph import (
    CorridorEdge,
    CorridorNode,
    LineInput,
    Port,
    build_corridor_network,
    finish_network,
    segment_lengths_km,
)
from caspian.geo.routing.corridorroute import route_features, route_summary
from caspian.geo.routing.corridorsearch import NoRouteError, SearchSettings, SnapError, find_paths


def rail(coords, gauge=1520, status="operating", feature="line", country="AZE"):
    lonlats = np.array(coords, dtype=float)
    return LineInput(lonlats, "rail", (country,) * (len(coords) - 1), status=status,
                     accuracy="traced", gauge_mm=gauge, feature=feature)


def sea(coords, ports, feature="ferry"):
    lonlats = np.array(coords, dtype=float)
    return LineInput(lonlats, "sea", ("sea",) * (len(coords) - 1), ports, status="operating",
                     accuracy="schematic", feature=feature)


# A wye: the main line A-J-B runs east; at J a branch leaves east-north-east to C, on the
# same side as B. From C to B a plain shortest path goes C-J-B, reversing at J; a train
# must take the loop C-L-B.
A, J, B, C = (44.0, 40.0), (44.5, 40.0), (45.0, 40.0), (44.9, 40.15)
WYE = [
    rail([A, J, B], feature="main"),
    rail([J, (44.6, 40.03), C], feature="branch"),
    rail([C, (45.3, 40.3), (45.4, 40.0), B], feature="loop"),
]


def features_used(path):
    return [step.edge.feature for step in path.steps]


def test_a_plain_dijkstra_reverses_through_the_wye() -> None:
    network = build_corridor_network(WYE)
    graph = nx.Graph()
    for edge in network.edges:
        graph.add_edge(edge.u, edge.v, weight=edge.length_km, feature=edge.feature)
    node = {(n.lon, n.lat): i for i, n in enumerate(network.nodes)}
    plain = nx.dijkstra_path(graph, node[C], node[B], weight="weight")
    assert node[J] in plain


def test_the_route_never_reverses_through_a_switch() -> None:
    network = build_corridor_network(WYE)
    (path,) = find_paths(network, [C, B], ["C", "B"])
    assert features_used(path) == ["loop"]
    lengths = segment_lengths_km(np.array([C, (45.3, 40.3), (45.4, 40.0), B]))
    assert path.length_km == pytest.approx(lengths.sum(), rel=1e-9)


def test_a_train_runs_through_the_wye_on_the_branch_it_may_take() -> None:
    network = build_corridor_network(WYE)
    (path,) = find_paths(network, [A, C], ["A", "C"])
    assert features_used(path) == ["main", "branch"]


def test_a_train_reverses_in_a_station_at_the_wye_as_a_transfer() -> None:
    # J named after a station: the train runs C-J, reverses there and runs on J-B, a transfer
    # of kind "reversal" at J, instead of the loop (which a switch on the open line forces).
    network = build_corridor_network(WYE, place_names=[("Junction station", *J)])
    (path,) = find_paths(network, [C, B], ["C", "B"])
    assert features_used(path) == ["branch", None, "main"]
    summary = route_summary(path, "C", "B")
    assert [leg["mode"] for leg in summary["legs"]] == ["rail", "transfer", "rail"]
    assert summary["transfers"] == [
        {"kind": "reversal", "place": "Junction station", "length_km": 0.0}]
    via_j = segment_lengths_km(np.array([C, (44.6, 40.03), J, B])).sum()
    assert path.length_km == pytest.approx(via_j, rel=1e-9)


def test_a_reversal_costs_what_a_transfer_costs() -> None:
    # The loop C-L-B is 25.7 km longer than the reversal at J: a transfer dearer than that
    # sends the train round the loop again.
    network = build_corridor_network(WYE, place_names=[("Junction station", *J)])
    loop = segment_lengths_km(np.array([C, (45.3, 40.3), (45.4, 40.0), B])).sum()
    via_j = segment_lengths_km(np.array([C, (44.6, 40.03), J, B])).sum()
    assert round(loop - via_j, 1) == 25.7
    (cheap,) = find_paths(network, [C, B], ["C", "B"], SearchSettings(transfer_km=25.0))
    (dear,) = find_paths(network, [C, B], ["C", "B"], SearchSettings(transfer_km=26.5))
    assert features_used(cheap) == ["branch", None, "main"]
    assert features_used(dear) == ["loop"]
    assert cheap.cost == pytest.approx(via_j + 25.0, rel=1e-9)


def test_a_wider_turn_limit_lets_the_reversal_through() -> None:
    network = build_corridor_network(WYE)
    (path,) = find_paths(network, [C, B], ["C", "B"], SearchSettings(min_turn_angle_deg=0.0))
    assert features_used(path) == ["branch", "main"]


G = (43.5, 41.4)
GAUGE_LINES = [
    rail([(44.0, 41.5), G], gauge=1520, feature="broad", country="GEO"),
    rail([G, (43.0, 40.6)], gauge=1435, feature="standard", country="TUR"),
]


def test_a_break_of_gauge_is_a_transfer_with_both_gauges() -> None:
    network = build_corridor_network(GAUGE_LINES, place_names=[("Akhalkalaki", *G)])
    (path,) = find_paths(network, [(44.0, 41.5), (43.0, 40.6)], ["a", "b"])
    summary = route_summary(path, "a", "b")
    assert [leg["mode"] for leg in summary["legs"]] == ["rail", "transfer", "rail"]
    assert summary["transfers"] == [
        {"kind": "gauge", "place": "Akhalkalaki", "gauges": "1520/1435", "length_km": 0.0}
    ]
    assert summary["by_country_km"].keys() == {"GEO", "TUR"}
    assert summary["borders"][0]["from"] == "GEO" and summary["borders"][0]["to"] == "TUR"


def test_the_search_does_not_let_a_train_change_gauge_without_a_transfer() -> None:
    # Two gauges at one node with no transfer edge: the gauge state alone must stop the train.
    nodes = [CorridorNode(44.0, 41.5), CorridorNode(*G), CorridorNode(43.0, 40.6)]

    def edge(u, v, gauge):
        lonlats = np.array([(nodes[u].lon, nodes[u].lat), (nodes[v].lon, nodes[v].lat)])
        return CorridorEdge(u, v, "rail", lonlats, segment_lengths_km(lonlats), ("GEO",),
                            status="operating", accuracy="traced", gauge_mm=gauge,
                            feature=f"g{gauge}")

    network = finish_network(nodes, [edge(0, 1, 1520), edge(1, 2, 1435)])
    with pytest.raises(NoRouteError, match="no corridor route from a to b"):
        find_paths(network, [(44.0, 41.5), (43.0, 40.6)], ["a", "b"])
    same_gauge = finish_network(nodes, [edge(0, 1, 1520), edge(1, 2, 1520)])
    assert len(find_paths(same_gauge, [(44.0, 41.5), (43.0, 40.6)], ["a", "b"])) == 1


# Two lines that should meet, 6 km apart: a gap, reported and priced, never track.
END_A, START_B = (45.0, 39.7), (44.93, 39.69)
GAP_LINES = [
    rail([(45.5, 39.3), END_A], feature="nakhchivan"),
    rail([START_B, (44.0, 39.9)], gauge=1435, feature="kars-dilucu", country="TUR"),
]


def test_a_missing_link_is_a_gap_with_its_ends_and_length() -> None:
    network = build_corridor_network(GAP_LINES, expected_joins=[(0, -1, 1, 0)])
    (path,) = find_paths(network, [(45.5, 39.3), (44.0, 39.9)], ["a", "b"])
    summary = route_summary(path, "a", "b")
    gap_km = float(segment_lengths_km(np.array([END_A, START_B]))[0])
    assert summary["gaps"] == [{"between": "nakhchivan – kars-dilucu", "from": [45.0, 39.7],
                                "to": [44.93, 39.69], "length_km": round(gap_km, 2)}]
    assert summary["by_mode_km"]["gap"] == pytest.approx(gap_km, abs=0.05)
    # Gauges differ across the gap: it is a break of gauge too.
    assert summary["transfers"][0]["gauges"] == "1520/1435"
    gap_features = [f for f in route_features(path, 0) if f["properties"]["segment"] == "gap"]
    assert len(gap_features) == 1


def test_lines_not_expected_to_meet_are_not_bridged() -> None:
    network = build_corridor_network(GAP_LINES)
    with pytest.raises(NoRouteError):
        find_paths(network, [(45.5, 39.3), (44.0, 39.9)], ["a", "b"])


def test_a_gap_longer_than_the_limit_is_not_offered() -> None:
    network = build_corridor_network(GAP_LINES, expected_joins=[(0, -1, 1, 0)], max_gap_km=5.0)
    with pytest.raises(NoRouteError):
        find_paths(network, [(45.5, 39.3), (44.0, 39.9)], ["a", "b"])


PORT_A, PORT_B = Port("Port A", 51.2, 43.6), Port("Port B", 49.4, 39.95)
FERRY_NETWORK = [
    rail([(52.0, 43.8), (51.21, 43.6)], feature="to-a", country="KAZ"),
    sea([(51.2, 43.6), (50.5, 42.0), (49.4, 39.95)], (0, 1)),
    rail([(49.41, 39.95), (48.0, 40.5)], feature="from-b", country="AZE"),
]


def test_rail_to_ship_and_back_are_port_transfers() -> None:
    network = build_corridor_network(FERRY_NETWORK, [PORT_A, PORT_B])
    (path,) = find_paths(network, [(52.0, 43.8), (48.0, 40.5)], ["x", "y"])
    summary = route_summary(path, "x", "y")
    assert [leg["mode"] for leg in summary["legs"]] == [
        "rail", "transfer", "sea", "transfer", "rail"]
    assert [t["place"] for t in summary["transfers"]] == ["Port A", "Port B"]
    assert summary["by_country_km"]["sea"] > 200
    assert [b["to"] for b in summary["borders"]] == ["AZE"]


def test_a_port_drawn_on_its_railways_end_is_one_place_with_it() -> None:
    # Port A moved onto the end of the line (as the catalog draws Aktau and Kuryk): leaving
    # it by sea or by rail is no transfer; arriving by rail and sailing on still is one.
    on_end = [rail([(52.0, 43.8), (51.2, 43.6)], feature="to-a", country="KAZ"),
              *FERRY_NETWORK[1:]]
    network = build_corridor_network(on_end, [PORT_A, PORT_B])
    by_sea, = find_paths(network, [(51.2, 43.6), (48.0, 40.5)], ["port", "y"])
    assert [step.edge.mode for step in by_sea.steps] == ["sea", "transfer", "rail"]
    by_rail, = find_paths(network, [(51.2, 43.6), (52.0, 43.8)], ["port", "x"])
    assert [step.edge.mode for step in by_rail.steps] == ["rail"]
    to_port, = find_paths(network, [(52.0, 43.8), (51.2, 43.6)], ["x", "port"])
    assert [step.edge.mode for step in to_port.steps] == ["rail"]
    through, = find_paths(network, [(52.0, 43.8), (51.2, 43.6), (48.0, 40.5)],
                          ["x", "port", "y"])
    assert [step.edge.mode for step in through.steps] == [
        "rail", "transfer", "sea", "transfer", "rail"]


def test_a_point_far_from_the_network_is_refused_with_its_distance() -> None:
    network = build_corridor_network(FERRY_NETWORK, [PORT_A, PORT_B])
    with pytest.raises(SnapError, match=r"FROM 60\.00000,50\.00000 lies [\d,.]+ km from"):
        find_paths(network, [(60.0, 50.0), (48.0, 40.5)], ["FROM", "TO"])


# Two ways from S to T: north (shorter) and south; plus a 200 m detour on the north way.
S, T = (40.0, 40.0), (41.0, 40.0)
TWO_WAYS = [
    rail([S, (40.25, 40.1), (40.251, 40.1), (40.5, 40.2), T], feature="north"),
    rail([S, (40.5, 39.7), T], feature="south"),
    rail([(40.25, 40.1), (40.2505, 40.1009), (40.251, 40.1)], feature="detour"),
]


def test_alternatives_differ_meaningfully_and_come_best_first() -> None:
    network = build_corridor_network(TWO_WAYS, join_km=0.2)
    assert {edge.feature for edge in network.edges} == {"north", "south", "detour"}
    assert network.rail_degree.max() == 3  # the detour leaves and rejoins the north way
    paths = find_paths(network, [S, T], ["S", "T"], alternatives=3)
    assert [set(features_used(p)) - {"detour"} for p in paths] == [{"north"}, {"south"}]
    assert paths[0].cost < paths[1].cost


def test_a_via_point_is_passed() -> None:
    network = build_corridor_network(TWO_WAYS)
    (path,) = find_paths(network, [S, (40.5, 39.7), T], ["S", "via", "T"])
    assert set(features_used(path)) == {"south"}


def test_avoiding_a_feature_or_a_status_changes_the_route() -> None:
    network = build_corridor_network(TWO_WAYS)
    (path,) = find_paths(network, [S, T], ["S", "T"],
                         SearchSettings(avoid_features=frozenset({"north"})))
    assert set(features_used(path)) == {"south"}
    with pytest.raises(NoRouteError):
        find_paths(network, [S, T], ["S", "T"], SearchSettings(statuses=frozenset({"planned"})))


def test_a_point_nearest_a_detached_stub_snaps_to_the_line_that_reaches_the_other_end() -> None:
    # A port's own tracks mapped apart from the line (as at Batumi): 0.3 km to the stub,
    # 1.5 km to the line's end.
    line = rail([(41.0, 41.0), (41.6, 41.65)], feature="line")
    stub = rail([(41.62, 41.661), (41.63, 41.67)], feature="port tracks")
    network = build_corridor_network([line, stub])
    target = (41.617, 41.6625)
    (path,) = find_paths(network, [(41.0, 41.0), target], ["a", "b"])
    assert features_used(path) == ["line"]
    assert 1.0 < path.end_snap_km < 2.0


def test_a_corridor_route_file_added_to_the_map_is_styled_by_mode(tmp_path) -> None:
    import json

    from caspian.layers.io.userdata import read_user_geojson
    from caspian.maps.features import user_collection
    from caspian.maps.styles import KIND_COLOURS, USER_COLOUR

    network = build_corridor_network(FERRY_NETWORK, [PORT_A, PORT_B])
    (path,) = find_paths(network, [(52.0, 43.8), (48.0, 40.5)], ["x", "y"])
    target = tmp_path / "route.geojson"
    target.write_text(json.dumps({"type": "FeatureCollection",
                                  "features": route_features(path, 0)}), encoding="utf-8")
    collection = user_collection(target.name, read_user_geojson(target))
    colours = [feature["properties"]["style"]["color"] for feature in collection["features"]]
    assert colours[0] == KIND_COLOURS["railway"] and colours[2] == KIND_COLOURS["sea_route"]
    assert USER_COLOUR not in colours


def test_a_line_traced_in_part_counts_each_segment_in_its_class_both_ways() -> None:
    # A line straight between stations, then traced: the summary counts each segment's own
    # kilometres, in whichever direction the route runs it, and from a point on the line.
    coords = [(44.0, 40.0), (44.15, 40.0), (44.3, 40.0), (44.31, 40.01), (44.32, 40.0)]
    line = LineInput(np.array(coords), "rail", ("AZE",) * 4, status="operating",
                     accuracy="waypoints", gauge_mm=1520, feature="line",
                     segment_accuracies=("waypoints", "waypoints", "traced", "traced"))
    network = build_corridor_network([line])
    km = segment_lengths_km(np.array(coords))
    for start, end, straight in ((coords[0], coords[-1], km[0] + km[1]),
                                 (coords[-1], coords[1], km[1])):
        (path,) = find_paths(network, [start, end], ["FROM", "TO"])
        summary = route_summary(path, "a", "b")
        assert summary["by_accuracy_km"] == {"traced": round(km[2] + km[3], 1),
                                             "waypoints": round(straight, 1)}
        (leg,) = summary["legs"]
        assert leg["accuracy"] == "waypoints" and leg["by_accuracy_km"] == (
            summary["by_accuracy_km"])


def test_a_line_with_one_accuracy_short_of_a_segment_is_refused() -> None:
    line = LineInput(np.array([(44.0, 40.0), (44.3, 40.0), (44.4, 40.0)]), "rail",
                     ("AZE",) * 2, accuracy="traced", segment_accuracies=("traced",))
    with pytest.raises(GeometryError, match="needs one accuracy per segment, or none"):
        build_corridor_network([line])


# A junction triangle narrower than the join tolerance (Beyneu's): the through line takes the
# direct connection FORK-MERGE; a second catalog feature runs from FORK into the STATION and
# out to MERGE, in two parts that meet there. The parts' first points are 0.7 km from the
# other side's ends, under join_km = 1.0.
FORK, MERGE, STATION = (55.2178, 45.3041), (55.2074, 45.3014), (55.19662, 45.32211)
THROUGH = rail([(55.30, 45.27), FORK, MERGE, (55.17, 45.21)], feature="through")
SIDES = [rail([FORK, (55.2112, 45.3072), STATION], feature="junction"),
         rail([STATION, (55.2084, 45.304), MERGE], feature="junction")]


def test_a_shared_end_is_not_joined_again_to_the_other_side_of_a_narrow_triangle() -> None:
    network = build_corridor_network([THROUGH, *SIDES], place_names=[("Beyneu", *STATION)])
    coordinates = {(node.lon, node.lat) for node in network.nodes}
    # FORK, MERGE and STATION are nodes of their own; no side's inner point is merged with
    # the other side's end.
    assert {FORK, MERGE, STATION} <= coordinates and (55.2112, 45.3072) not in coordinates
    sides = sorted(round(edge.length_km, 2) for edge in network.edges
                   if edge.feature == "junction")
    assert sides == [2.51, 2.63]
    assert not network.joins  # every join was at a shared vertex, none at a distance


def test_only_a_places_nearest_nodes_take_its_name() -> None:
    network = build_corridor_network([THROUGH, *SIDES], place_names=[("Beyneu", *STATION)])
    names = {(node.lon, node.lat): node.name for node in network.nodes}
    # FORK and MERGE lie 2.4 and 2.6 km from the station, within name_km (3 km) but far beyond the
    # station node itself: they are junctions, not the station.
    assert (names[STATION], names[FORK], names[MERGE]) == ("Beyneu", None, None)
    # The nodes of one station's tracks all take its name: each within NAME_TIE_KM (0.5 km)
    # of the nearest one's distance (0.11 and 0.44 km), not one 1.11 km away.
    ends = [(50.0, 45.001), (50.0, 45.004), (50.0, 44.99)]
    # (three ways of one OpenStreetMap extract, which join only where they share a node)
    tracks = [LineInput(np.array([end, (50.5, end[1])]), "rail", ("KAZ",), source="osm",
                        feature=f"way {n}") for n, end in enumerate(ends)]
    yard = build_corridor_network(tracks, place_names=[("Yard", 50.0, 45.0)])
    names = {(node.lon, node.lat): node.name for node in yard.nodes}
    assert [names[end] for end in ends] == ["Yard", "Yard", None]


# Lines joined at a distance to the main line's vertex J: the branch is drawn from
# BRANCH_START, 0.44 km north of J, the spur to SPUR_END, 0.33 km south of it; both within
# join_km (0.5 here: the two drawn ends, 0.78 km apart, are not joined to each other).
BRANCH_START, SPUR_END = (44.5, 40.004), (44.5, 39.997)
BRANCH_END, SPUR_START = (44.6, 40.3), (44.6, 39.7)
JOINED = [rail([A, J, B], feature="main"),
          rail([BRANCH_START, BRANCH_END], feature="branch", country="GEO"),
          rail([SPUR_START, SPUR_END], feature="spur")]


def test_a_line_joined_at_a_distance_is_run_on_to_its_node_as_a_join() -> None:
    network = build_corridor_network(JOINED, join_km=0.5)
    assert [(j["from"], j["to"], j["distance_km"]) for j in network.joins] == [
        ("branch", "main", 0.4441), ("spur", "main", 0.3331)]
    edges = {edge.feature: edge for edge in network.edges if edge.feature != "main"}
    branch, spur = edges["branch"], edges["spur"]
    # the edge starts (ends) at its node, then runs on along the line as drawn
    assert tuple(branch.lonlats[0]) == J and tuple(branch.lonlats[1]) == BRANCH_START
    assert tuple(spur.lonlats[-1]) == J and tuple(spur.lonlats[-2]) == SPUR_END
    nodes = [(node.lon, node.lat) for node in network.nodes]
    assert nodes[branch.u] == J and nodes[spur.v] == J
    # the connecting segment is counted, of class 'join', in the country it continues
    assert branch.segment_accuracies == ("join", "traced")
    assert branch.segment_countries == ("GEO", "GEO")
    assert branch.segment_km[0] == pytest.approx(0.4441, abs=1e-4)
    assert spur.segment_accuracies == ("traced", "join")
    assert spur.segment_km[-1] == pytest.approx(0.3331, abs=1e-4)
    # the main line, whose ends join nothing, is as drawn
    assert all(not edge.segment_accuracies for edge in network.edges if edge.feature == "main")


@pytest.mark.parametrize(("start", "end", "join_km"), [
    (A, BRANCH_END, 0.4441), (BRANCH_END, A, 0.4441), (SPUR_START, A, 0.3331),
    (SPUR_START, BRANCH_END, 0.7772), (BRANCH_END, SPUR_START, 0.7772),
])
def test_a_route_over_a_join_at_a_distance_is_continuous_and_counts_it(
    start: tuple[float, float], end: tuple[float, float], join_km: float
) -> None:
    network = build_corridor_network(JOINED, join_km=0.5)
    (path,) = find_paths(network, [start, end], ["FROM", "TO"])
    for before, after in zip(path.steps, path.steps[1:], strict=False):
        assert tuple(before.lonlats[-1]) == tuple(after.lonlats[0])
    summary = route_summary(path, "a", "b")
    assert summary["length_km"] == round(path.length_km, 1)
    joins = sum(float(step.segment_km[np.asarray(step.segment_accuracies) == "join"].sum())
                for step in path.steps)
    assert joins == pytest.approx(join_km, abs=1e-4)
    assert summary["by_accuracy_km"]["join"] == round(join_km, 1)


def test_the_node_of_an_end_joined_to_a_yard_lies_where_the_least_join_is_run() -> None:
    # A catalog line ends at END; three ways of one mapped yard run north-south 85, 256 and
    # 426 m east of it, each with a vertex level with END: the end joins all three (the
    # tolerance joins a catalog end to every line within it), so the four are one node. It
    # lies at the middle way's vertex, which leaves the least join to run (0.256 km from
    # END, 2 x 0.171 km from each outer way, which passes through), not at the last way
    # joined (the farthest, 0.427 km from END).
    end = (44.5, 40.0)
    lons = (44.501, 44.503, 44.505)
    ways = [LineInput(np.array([(lon, 39.99), (lon, 40.0), (lon, 40.01)]), "rail",
                      ("AZE", "AZE"), source="osm", accuracy="traced", feature=f"way {n}")
            for n, lon in enumerate(lons)]
    network = build_corridor_network([rail([A, end], feature="catalog"), *ways])
    assert [(j["to"], j["distance_km"]) for j in network.joins] == [
        ("way 0", 0.0854), ("way 1", 0.2562), ("way 2", 0.427)]
    (catalog,) = [edge for edge in network.edges if edge.feature == "catalog"]
    assert (network.nodes[catalog.v].lon, network.nodes[catalog.v].lat) == (lons[1], 40.0)
    joins = sorted((edge.feature, round(float(edge.segment_km[np.asarray(
        edge.segment_accuracies) == "join"].sum()), 4))
        for edge in network.edges if "join" in edge.segment_accuracies)
    assert joins == [("catalog", 0.2562), ("way 0", 0.1708), ("way 0", 0.1708),
                     ("way 2", 0.1708), ("way 2", 0.1708)]
    for start, stop in (((lons[0], 39.99), (lons[2], 40.01)), ((lons[2], 39.99), A)):
        (path,) = find_paths(network, [start, stop], ["FROM", "TO"])
        for before, after in zip(path.steps, path.steps[1:], strict=False):
            assert tuple(before.lonlats[-1]) == tuple(after.lonlats[0])
