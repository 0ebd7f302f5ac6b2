"""The rail graph (geo/routing/railgraph.py): properties that hold for any polyline cut into
ways."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from caspian.geo.routing.railgraph import build_rail_network, shortest_rail_path
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st


def _geographiclib_km(coords: np.ndarray) -> float:
    return sum(
        Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"]
        for a, b in itertools.pairwise(coords)
    ) / 1000.0


@st.composite
def cut_polylines(draw):
    """A random walk of 3..40 vertices near the Caspian, cut into 1..5 consecutive ways."""
    n = draw(st.integers(3, 40))
    steps = draw(st.lists(st.tuples(st.floats(0.001, 0.05), st.floats(-0.05, 0.05)),
                          min_size=n - 1, max_size=n - 1))
    start = np.array([draw(st.floats(44.0, 60.0)), draw(st.floats(37.0, 47.0))])
    coords = np.vstack([start, start + np.cumsum(np.array(steps), axis=0)])
    cuts = sorted(draw(st.sets(st.integers(1, n - 2), max_size=4))) if n > 2 else []
    bounds = [0, *cuts, n - 1]
    ways = [coords[a:b + 1] for a, b in itertools.pairwise(bounds)]
    return coords, ways


@settings(max_examples=40, deadline=None)
@given(cut_polylines())
def test_route_end_to_end_is_the_polylines_geodesic_length(sample) -> None:
    coords, ways = sample
    statuses = ["operating" if i % 2 == 0 else "construction" for i in range(len(ways))]
    network = build_rail_network(
        [shapely.LineString(way) for way in ways], np.arange(len(ways)) + 100, statuses
    )
    path = shortest_rail_path(network, tuple(coords[0]), tuple(coords[-1]))
    assert path.gaps == ()
    assert path.length_km == pytest.approx(_geographiclib_km(coords), rel=1e-9, abs=1e-9)
    assert sum(path.length_by_status_km.values()) == pytest.approx(path.length_km)
    assert list(path.way_ids) == [100 + i for i in range(len(ways))]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.01, 0.05), min_size=3, max_size=30), st.floats(44.0, 60.0))
def test_cutting_a_line_in_two_makes_one_gap_of_the_missing_segment(steps, lon0) -> None:
    # A line due east: the missing segment is the shortest link between the two pieces.
    coords = np.column_stack([lon0 + np.concatenate([[0.0], np.cumsum(steps)]),
                              np.full(len(steps) + 1, 40.0)])
    middle = (len(coords) - 1) // 2
    first, second = coords[: middle + 1], coords[middle + 1:]
    network = build_rail_network(
        [shapely.LineString(first), shapely.LineString(second)], [1, 2], ["operating"] * 2
    )
    path = shortest_rail_path(network, tuple(coords[0]), tuple(coords[-1]))
    assert len(path.gaps) == 1
    # Nodes sit at OSM's 7 decimals, so a gap measured between nodes may differ by millimetres.
    assert path.gaps[0].length_km == pytest.approx(
        _geographiclib_km(coords[middle:middle + 2]), abs=1e-5
    )
    assert path.length_km == pytest.approx(
        _geographiclib_km(first) + _geographiclib_km(second), rel=1e-9
    )


def test_a_shared_segment_keeps_one_edge_and_the_route_counts_it_once() -> None:
    line = shapely.LineString([(45.0, 40.0), (45.1, 40.0), (45.2, 40.0)])
    twin = shapely.LineString([(45.1, 40.0), (45.2, 40.0)])
    network = build_rail_network([line, twin], [1, 2], ["operating", "proposed"])
    assert network.graph.number_of_edges() == 2
    path = shortest_rail_path(network, (45.0, 40.0), (45.2, 40.0))
    assert path.length_km == pytest.approx(_geographiclib_km(np.array(line.coords)))


def test_ways_that_cross_without_a_shared_node_do_not_join() -> None:
    west_east = shapely.LineString([(45.0, 40.0), (45.2, 40.0)])
    south_north = shapely.LineString([(45.1, 39.9), (45.1, 40.1)])
    network = build_rail_network([west_east, south_north], [1, 2], ["operating"] * 2)
    assert network.n_components == 2
    path = shortest_rail_path(network, (45.0, 40.0), (45.1, 40.1))
    assert len(path.gaps) == 1


def test_double_track_mapped_as_two_unjoined_lines_is_followed_along_one_track() -> None:
    # Two tracks 10 m apart (0.00009° of latitude), joined to nothing; the start point lies
    # nearer the north track, the end point nearer the south one. Without the snapping slack
    # the route would switch tracks at a far end: here it stays on one and has no gap.
    north = shapely.LineString([(45.0 + i * 0.01, 40.00009) for i in range(21)])
    south = shapely.LineString([(45.0 + i * 0.01, 40.0) for i in range(21)])
    network = build_rail_network([north, south], [1, 2], ["construction"] * 2)
    path = shortest_rail_path(network, (45.05, 40.001), (45.15, 39.999))
    assert path.gaps == ()
    assert path.length_km == pytest.approx(
        _geographiclib_km(np.array([(45.05, 40.0), (45.15, 40.0)])), rel=1e-3
    )
    assert len(path.way_ids) == 1
