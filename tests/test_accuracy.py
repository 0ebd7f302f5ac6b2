"""Accuracy by stretch: which kilometres of a line are traced, waypoints, schematic."""

from __future__ import annotations

import itertools

import pytest
import shapely.geometry
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.layers.catalog.accuracy import ACCURACY_KM_KEYS, accuracy_km, accuracy_stretches
from caspian.layers.catalog.loading import load_layer
from hypothesis import given, settings
from hypothesis import strategies as st


def _vertex(source: str, approximate: bool = False) -> dict[str, object]:
    return {"label": source, "source": source, "approximate": approximate}


def _feature(layer_id: str, feature_id: str) -> tuple[dict[str, object], object]:
    feature = load_layer(layer_id).feature(feature_id)
    return feature["properties"], shapely.geometry.shape(feature["geometry"])


def test_segments_between_nodes_of_one_trace_are_traced_and_a_station_hop_is_waypoints() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.1, 40.0), (50.2, 40.0), (51.0, 40.0)])
    properties = {
        "geometry_accuracy": "waypoints",
        "traced_sources": ["trace"],
        "vertex_sources": [_vertex("trace"), _vertex("trace"), _vertex("trace"),
                           _vertex("stations")],
    }
    stretches = accuracy_stretches(properties, line)
    assert [(s.accuracy, len(s.coordinates)) for s in stretches] == [
        ("traced", 3), ("waypoints", 2)]
    assert stretches[0].coordinates == ((50.0, 40.0), (50.1, 40.0), (50.2, 40.0))
    assert stretches[1].straight and not stretches[0].straight


def test_an_approximate_end_is_never_traced_and_a_schematic_line_stays_schematic() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.1, 40.0), (51.0, 40.0)])
    properties = {
        "geometry_accuracy": "schematic",
        "traced_sources": ["trace"],
        "vertex_sources": [_vertex("trace"), _vertex("trace"), _vertex("trace", True)],
    }
    assert [s.accuracy for s in accuracy_stretches(properties, line)] == [
        "traced", "schematic"]


def test_two_exact_stations_make_waypoints_even_in_a_schematic_line() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.3, 40.0), (50.6, 40.0), (51.0, 40.0)])
    properties = {
        "geometry_accuracy": "schematic",
        "traced_sources": ["trace"],
        "vertex_sources": [_vertex("town", True), _vertex("trace"), _vertex("stations"),
                           _vertex("stations")],
    }
    assert [(s.accuracy, len(s.coordinates)) for s in accuracy_stretches(properties, line)] == [
        ("schematic", 2), ("waypoints", 3)]
    properties["geometry_accuracy"] = "hypothetical"
    assert [s.accuracy for s in accuracy_stretches(properties, line)] == ["hypothetical"]


def test_two_traces_meeting_are_joined_by_a_waypoints_segment() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.1, 40.0), (50.2, 40.0), (50.3, 40.0)])
    properties = {
        "geometry_accuracy": "traced",
        "traced_sources": ["a", "b"],
        "vertex_sources": [_vertex("a"), _vertex("a"), _vertex("b"), _vertex("b")],
    }
    assert [s.accuracy for s in accuracy_stretches(properties, line)] == [
        "traced", "waypoints", "traced"]


def test_a_feature_without_traced_sources_has_its_own_class_throughout() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.5, 40.0), (51.0, 40.0)])
    km = accuracy_km({"geometry_accuracy": "traced"}, line)
    assert km["traced_km"] == pytest.approx(geodesic_lengths_km([line])[0])
    assert sum(km.values()) == pytest.approx(km["traced_km"])


def test_too_few_vertex_sources_fall_back_to_the_feature_class() -> None:
    line = shapely.geometry.LineString([(50.0, 40.0), (50.5, 40.0), (51.0, 40.0)])
    properties = {"geometry_accuracy": "schematic", "traced_sources": ["a"],
                  "vertex_sources": [_vertex("a")]}
    assert [s.accuracy for s in accuracy_stretches(properties, line)] == ["schematic"]


def test_points_and_unknown_classes_have_no_stretches() -> None:
    assert accuracy_stretches({"geometry_accuracy": "traced"},
                              shapely.geometry.Point(50, 40)) == []
    line = shapely.geometry.LineString([(50.0, 40.0), (51.0, 40.0)])
    assert accuracy_stretches({"geometry_accuracy": "guessed"}, line) == []
    assert accuracy_km({}, line) == dict.fromkeys(ACCURACY_KM_KEYS, 0.0)


def test_a_stretch_never_joins_two_parts_of_a_multilinestring() -> None:
    properties, geometry = _feature("middle_corridor", "georgian-ports")
    stretches = accuracy_stretches(properties, geometry)
    # Tbilisi–Poti and Samtredia–Batumi, each one traced stretch: 307.8 and 101.3 km.
    assert [(s.accuracy, round(s.length_km, 1)) for s in stretches] == [
        ("traced", 307.8), ("traced", 101.3)]


def test_btc_is_traced_but_for_its_straight_connector_to_the_sangachal_terminal() -> None:
    properties, geometry = _feature("btc_pipeline", "btc")
    km = accuracy_km(properties, geometry)
    assert km["waypoints_km"] == pytest.approx(4.9, abs=0.05)
    assert km["traced_km"] == pytest.approx(1742.8, abs=0.05)


def test_the_hypothetical_cable_is_hypothetical_over_its_whole_length() -> None:
    properties, geometry = _feature("green_energy_cable", "caspian")
    km = accuracy_km(properties, geometry)
    assert km["hypothetical_km"] == pytest.approx(geodesic_lengths_km([geometry])[0])


_lons = st.floats(min_value=-179.0, max_value=179.0, allow_nan=False)
_lats = st.floats(min_value=-80.0, max_value=80.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(st.tuples(_lons, _lats), min_size=2, max_size=12),
    sources=st.lists(st.sampled_from(["a", "b", "c"]), min_size=12, max_size=12),
    approximate=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_stretches_cover_the_line_once_and_sum_to_its_length(
    points: list[tuple[float, float]], sources: list[str], approximate: list[bool]
) -> None:
    line = shapely.geometry.LineString(points)
    properties = {
        "geometry_accuracy": "schematic",
        "traced_sources": ["a", "b"],
        "vertex_sources": [_vertex(source, flag) for source, flag in
                           zip(sources, approximate, strict=True)][:len(points)],
    }
    stretches = accuracy_stretches(properties, line)
    assert sum(s.length_km for s in stretches) == pytest.approx(
        geodesic_lengths_km([line])[0], rel=1e-9, abs=1e-9)
    joined = [stretches[0].coordinates[0]] + [c for s in stretches for c in s.coordinates[1:]]
    assert joined == [tuple(map(float, p)) for p in points]
    assert all(a.accuracy != b.accuracy for a, b in itertools.pairwise(stretches))
