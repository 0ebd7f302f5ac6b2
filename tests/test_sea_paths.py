"""The fast paths of sea routing give the answers of the slow ones they replace.

* the lazy, best-first attachment of end points (:func:`caspian.geo.routing.seapaths.best_pair`)
  picks the same pair of vertices, to the bit, as testing every candidate and taking the
  least total;
* the chord bound never exceeds the geodesic;
* the snap through the coast's STRtree lands where walking the whole coast does;
* the route's lean densification gives the vertices of ``densify_geodesic``, and a route's
  line joined from legs densified apart (its graph edges' kept) is that densification;
* the tangent test by the sign of the sides' product is the test by their two signs, and a
  query's test of every vertex through one matrix product (:func:`tangent_and_chords`) is
  :func:`tangent_at`, also where a side is zero;
* every chord bound the router reads (each end to every vertex) is below the geodesic;
* two ends found together have the candidates each found alone has, and bounds below the
  geodesic; a remembered end met again routes as a new one;
* a route's two ends snapped together land where each snapped alone does;
* a graph read from the cache needs no boundaries;
* the segment test of one segment in plain floats answers as the array test does, and a
  straight segment in water is the answer the search gives (so a route tests it first).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import pytest
import shapely
from caspian.geo.geodesy import GEOD, densify_geodesic, densify_legs, densify_path
from caspian.geo.routing.seagraph import (
    _cross,
    ecef_floats,
    tangent_and_chords,
    tangent_at,
    visible,
    visible_one,
)
from caspian.geo.routing.seapaths import (
    best_pair,
    end_point,
    end_points,
)
from caspian.geo.routing.searouting import SeaRouter, SeaRouteSettings, _nearest_on_coast
from caspian.layers import boundaries
from caspian.layers.routing.sea import load_sea_router, sea_router, sea_router_info
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sea_reference import BLACK_SEA_PORTS, CASPIAN_PORTS


def _water_point(data: st.DataObject, basin: int) -> tuple[tuple[float, float], tuple]:
    graph = sea_router().graphs[basin]
    west, south, east, north = graph.lonlat_bounds
    lon, lat = data.draw(st.floats(west, east)), data.draw(st.floats(south, north))
    xy = graph.transformer.transform(lon, lat)
    assume(shapely.contains_xy(graph.navigable, *xy))
    return (float(xy[0]), float(xy[1])), (lon, lat)


def _every_candidate_tested(graph, paths, start, end) -> tuple[float, int | None, int | None]:
    """The search as it was: every tangent candidate tested, the least total taken, and the
    straight segment when it is in water and no longer."""
    ends = []
    for point in (start, end):
        clear = visible(graph.navigable, graph.coast,
                        np.broadcast_to(point.water_xy, (point.candidates.size, 2)),
                        graph.vertices_xy[point.candidates])
        seen = point.candidates[clear]
        _, _, length_m = GEOD.inv(
            np.full(seen.size, point.water_lonlat[0]), np.full(seen.size, point.water_lonlat[1]),
            graph.vertices_lonlat[seen, 0], graph.vertices_lonlat[seen, 1],
        )
        ends.append((seen, np.asarray(length_m)))
    (first, first_m), (last, last_m) = ends
    best: tuple[float, int | None, int | None] = (np.inf, None, None)
    if first.size and last.size:
        total = first_m[:, None] + paths.lengths_m[np.ix_(first, last)] + last_m[None, :]
        k = int(np.argmin(total))
        a, b = divmod(k, last.size)
        if np.isfinite(total.flat[k]):
            best = (float(total.flat[k]), int(first[a]), int(last[b]))
    if visible(graph.navigable, graph.coast, [start.water_xy], [end.water_xy])[0]:
        _, _, direct_m = GEOD.inv(*start.water_lonlat, *end.water_lonlat)
        if direct_m <= best[0]:
            best = (float(direct_m), None, None)
    return best


def _on_water(examples: int) -> settings:
    """The settings of a property drawn from water points (:func:`_water_point` rejects the
    draws on land, so the filter and slow-data health checks do not apply)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@_on_water(60)
@given(data=st.data(), basin=st.sampled_from([0, 1]))
def test_lazy_attachment_picks_the_pair_testing_every_candidate_picks(
    data: st.DataObject, basin: int
) -> None:
    router = sea_router()
    graph = router.graphs[basin]
    paths = router.shortest_paths(graph)
    (start_xy, start_lonlat), (end_xy, end_lonlat) = (_water_point(data, basin),
                                                      _water_point(data, basin))
    start, end = end_point(graph, start_xy, start_lonlat), end_point(graph, end_xy, end_lonlat)
    expected = _every_candidate_tested(graph, paths, start, end)
    assert best_pair(graph, paths, start, end) == expected
    assert start.tested.sum() < start.candidates.size  # it did not test them all


def test_lazy_attachment_of_the_ports_matches_and_tests_few() -> None:
    router = sea_router()
    located = {name: router.locate(lonlat) for name, lonlat in CASPIAN_PORTS.items()}
    graph = located["aktau"].graph
    paths = router.shortest_paths(graph)
    tested = []
    for name in ("kuryk", "alat", "baku", "turkmenbashi", "sumgayit"):
        ends = [end_point(graph, point.water_xy, point.water_lonlat)
                for point in (located["aktau"], located[name])]
        assert best_pair(graph, paths, *ends) == _every_candidate_tested(graph, paths, *ends)
        tested.append(sum(int(point.tested.sum()) for point in ends))
        candidates = sum(point.candidates.size for point in ends)
    assert max(tested) < candidates / 2  # e.g. 32 of about 450


def test_chord_is_a_tight_bound_at_sea_distances() -> None:
    # Aktau to the vertex nearest Alat, about 430 km: the chord is about 80 m shorter than the
    # geodesic (never longer: test_chord_to_every_vertex_never_exceeds_the_geodesic)
    graph = sea_router().graphs[0]
    aktau, alat = CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"]
    aktau_xy = tuple(float(v) for v in graph.transformer.transform(*aktau))
    chords_m = tangent_and_chords(graph, [aktau_xy], [ecef_floats(*aktau)])[1][0]
    vertices = graph.vertices_lonlat
    _, _, to_alat_m = GEOD.inv(np.full(len(vertices), alat[0]), np.full(len(vertices), alat[1]),
                               vertices[:, 0], vertices[:, 1])
    nearest_alat = int(np.argmin(to_alat_m))
    _, _, geodesic_m = GEOD.inv(*aktau, *vertices[nearest_alat])
    assert geodesic_m > 400_000
    assert 0 < geodesic_m - chords_m[nearest_alat] < 0.0005 * geodesic_m


#: Plane coordinates, metres: whole metres make collinear (zero-side) cases common.
_PLANE_M = st.integers(-2_000_000, 2_000_000).map(float)


@settings(max_examples=300, deadline=None)
@given(points=st.lists(st.tuples(_PLANE_M, _PLANE_M), min_size=4, max_size=4),
       collinear=st.booleans())
def test_tangent_by_the_sides_product_is_the_test_by_their_signs(
    points: list[tuple[float, float]], collinear: bool
) -> None:
    origin, vertex, previous, following = (np.asarray(point) for point in points)
    if collinear:  # the previous neighbour on the segment's line: its side is exactly 0
        previous = vertex + (vertex - origin)
    side_previous = _cross(origin, vertex, previous)
    side_following = _cross(origin, vertex, following)
    opposite = bool(side_previous > 0 > side_following or side_previous < 0 < side_following)
    assert bool(tangent_at(origin, vertex, previous, following)) == (not opposite)


@_on_water(40)
@given(data=st.data(), basin=st.sampled_from([0, 1]), vertex=st.integers(0, 10_000),
       on_line=st.booleans())
def test_a_query_tests_both_neighbours_at_once_as_tangent_at_does(
    data: st.DataObject, basin: int, vertex: int, on_line: bool
) -> None:
    graph = sea_router().graphs[basin]
    vertex %= graph.vertices_xy.shape[0]
    water_xy, _ = _water_point(data, basin)
    here, before = graph.vertices_xy[vertex], graph.previous_xy[vertex]
    # the second origin on a vertex's line to its previous neighbour (that side exactly 0) or
    # on the vertex itself (every side 0)
    other = here + (here - before) if on_line else here
    origins = np.array([water_xy, other])
    expected = tangent_at(origins[:, None, :], graph.vertices_xy, graph.previous_xy,
                          graph.following_xy)
    ecef = ecef_floats(*graph.vertices_lonlat_list[vertex])  # the bounds are not read here
    tangent, _ = tangent_and_chords(graph, [tuple(xy) for xy in origins.tolist()],
                                    [ecef, ecef])
    assert np.array_equal(tangent, expected)


@_on_water(40)
@given(data=st.data(), basin=st.sampled_from([0, 1]))
def test_chord_to_every_vertex_never_exceeds_the_geodesic(data: st.DataObject,
                                                          basin: int) -> None:
    graph = sea_router().graphs[basin]
    water_xy, (lon, lat) = _water_point(data, basin)
    chords_m = tangent_and_chords(graph, [water_xy], [ecef_floats(lon, lat)])[1][0]
    vertices = graph.vertices_lonlat
    _, _, geodesic_m = GEOD.inv(np.full(len(vertices), lon), np.full(len(vertices), lat),
                                vertices[:, 0], vertices[:, 1])
    assert (chords_m <= geodesic_m).all()


@_on_water(30)
@given(data=st.data(), basin=st.sampled_from([0, 1]))
def test_two_ends_found_together_are_each_found_alone(data: st.DataObject, basin: int) -> None:
    graph = sea_router().graphs[basin]
    (a_xy, a_lonlat), (b_xy, b_lonlat) = _water_point(data, basin), _water_point(data, basin)
    together = end_points(graph, [a_xy, b_xy], [a_lonlat, b_lonlat])
    alone = [end_point(graph, a_xy, a_lonlat), end_point(graph, b_xy, b_lonlat)]
    vertices = graph.vertices_lonlat
    for pair, single, (lon, lat) in zip(together, alone, [a_lonlat, b_lonlat], strict=True):
        assert np.array_equal(pair.candidates, single.candidates)
        _, _, geodesic_m = GEOD.inv(np.full(len(vertices), lon), np.full(len(vertices), lat),
                                    vertices[:, 0], vertices[:, 1])
        assert (pair.chords_m <= geodesic_m).all() and (single.chords_m <= geodesic_m).all()
    paths = sea_router().shortest_paths(graph)
    assert best_pair(graph, paths, *together) == best_pair(graph, paths, *alone)


def test_a_remembered_end_met_again_routes_as_a_new_one() -> None:
    shared = sea_router()
    paths = {graph.basin: shared.shortest_paths(graph) for graph in shared.graphs}
    warm = SeaRouter(shared.graphs, SeaRouteSettings(), paths)
    cold = SeaRouter(shared.graphs, SeaRouteSettings(remembered_points=0), paths)
    warm.route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"])  # both ends new: found together
    for other in ("baku", "turkmenbashi", "kuryk", "alat"):
        for ends in ((CASPIAN_PORTS["aktau"], CASPIAN_PORTS[other]),
                     (CASPIAN_PORTS[other], CASPIAN_PORTS["alat"])):
            if ends[0] == ends[1]:
                continue  # a place to itself is no route (refused: test_hostile_routes)
            got, expected = warm.route(*ends), cold.route(*ends)
            assert got.length_km == expected.length_km
            assert shapely.to_wkb(got.geometry) == shapely.to_wkb(expected.geometry)


def test_two_ends_snapped_together_land_where_each_alone_does() -> None:
    router = sea_router()
    ports = {**CASPIAN_PORTS, **BLACK_SEA_PORTS}
    at_sea = (50.5, 42.0)  # open water: not snapped, beside a port that is
    for first, second in [*itertools.combinations(ports.values(), 2),
                          (at_sea, ports["baku"]), (ports["aktau"], at_sea)]:
        together = router._locate_all([first, second])
        alone = [router.locate(first), router.locate(second)]
        assert [(point.graph.basin, point.water_lonlat, point.water_xy, point.snap_km)
                for point in together] == [
            (point.graph.basin, point.water_lonlat, point.water_xy, point.snap_km)
            for point in alone]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_snap_through_the_tree_finds_the_nearest_point_of_the_coast(data: st.DataObject) -> None:
    graph = sea_router().graphs[0]
    west, south, east, north = graph.lonlat_bounds
    lon, lat = data.draw(st.floats(west, east)), data.draw(st.floats(south, north))
    xy = np.asarray(graph.transformer.transform(lon, lat))
    near = _nearest_on_coast(graph, xy)
    # GEOS's exact nearest point; projecting onto the multi-part coast (line_locate_point)
    # is not: at (49.0, 44.75) it lands 102.8 km away where the nearest point is 81.0 km
    nearest = shapely.get_coordinates(shapely.shortest_line(graph.coast, shapely.Point(xy)))[0]
    assert shapely.distance(graph.coast, shapely.Point(near)) < 1e-6  # on the coast
    assert np.hypot(*(near - xy)) == pytest.approx(
        shapely.distance(graph.coast, shapely.Point(xy)), abs=1e-6)  # and nearest
    assert np.hypot(*(near - nearest)) < 1e-3  # where GEOS finds it


# Paths of two to eight points over the Caspian, densified at three spacings.
_CASPIAN_PATHS = st.lists(st.tuples(st.floats(46.0, 54.0), st.floats(36.5, 47.5)),
                          min_size=2, max_size=8)
_SPACINGS_KM = st.sampled_from([0.5, 5.0, 50.0])


@settings(max_examples=100, deadline=None)
@given(points=_CASPIAN_PATHS, spacing_km=_SPACINGS_KM)
def test_lean_densify_gives_the_vertices_of_densify_geodesic(
    points: list[tuple[float, float]], spacing_km: float
) -> None:
    assume(all(a != b for a, b in itertools.pairwise(points)))
    expected = shapely.get_coordinates(
        densify_geodesic([shapely.LineString(points)], spacing_km)[0])
    np.testing.assert_array_equal(densify_path(points, spacing_km), expected)


@given(points=_CASPIAN_PATHS, spacing_km=_SPACINGS_KM)
def test_legs_densified_apart_join_into_the_densified_line(
    points: list[tuple[float, float]], spacing_km: float
) -> None:
    assume(all(a != b for a, b in itertools.pairwise(points)))
    legs = [(*a, *b) for a, b in itertools.pairwise(points)]
    # every leg alone, and all in one call: the rows densify_path gives, to the bit
    for pieces in (densify_legs(legs, spacing_km * 1000.0),
                   [densify_legs([leg], spacing_km * 1000.0)[0] for leg in legs]):
        joined = np.concatenate([*pieces, [points[-1]]])
        assert joined.tobytes() == densify_path(points, spacing_km).tobytes()


def test_a_route_line_from_kept_edges_is_the_densified_path() -> None:
    shared = sea_router()
    paths = {graph.basin: shared.shortest_paths(graph) for graph in shared.graphs}
    graphs = [replace(graph) for graph in shared.graphs]  # nothing kept yet
    router = SeaRouter(graphs, SeaRouteSettings(remembered_points=0), paths)
    for _ in range(2):  # the edges' points computed, then read from what was kept
        for start, end in itertools.combinations(CASPIAN_PORTS.values(), 2):
            route = router.route(start, end)
            graph = graphs[0]
            assert route.details["bends"] == 0 or graph.edge_points
            vertices = shapely.get_coordinates(route.geometry)
            bends = [tuple(vertex) for vertex in vertices.tolist()
                     if tuple(vertex) in set(graph.vertices_lonlat_list)]
            ends = [tuple(route.details["start_water_lonlat"]),
                    tuple(route.details["end_water_lonlat"])]
            path = [tuple(vertices[0].tolist()), *bends, tuple(vertices[-1].tolist())]
            assert len(bends) == route.details["bends"]
            assert np.allclose(path[0], ends[0], atol=1e-6)
            assert vertices.tobytes() == densify_path(path, 5.0).tobytes()


@_on_water(60)
@given(data=st.data(), basin=st.sampled_from([0, 1]), to_vertex=st.booleans())
def test_one_segment_in_floats_is_tested_as_the_array_test_does(
    data: st.DataObject, basin: int, to_vertex: bool
) -> None:
    graph = sea_router().graphs[basin]
    (start_xy, _), (end_xy, _) = _water_point(data, basin), _water_point(data, basin)
    if to_vertex:  # a segment that ends on the coast, as a candidate's does
        vertex = data.draw(st.integers(0, graph.vertices_xy.shape[0] - 1))
        end_xy = tuple(graph.vertices_xy[vertex].tolist())
    expected = bool(visible(graph.navigable, graph.coast, [start_xy], [end_xy])[0])
    assert visible_one(graph.navigable, graph.coast, start_xy, end_xy) is expected


@_on_water(60)
@given(data=st.data(), basin=st.sampled_from([0, 1]))
def test_a_straight_segment_in_water_is_the_path_the_search_finds(
    data: st.DataObject, basin: int
) -> None:
    router = sea_router()
    graph = router.graphs[basin]
    (start_xy, start_lonlat), (end_xy, end_lonlat) = (_water_point(data, basin),
                                                      _water_point(data, basin))
    assume(visible_one(graph.navigable, graph.coast, start_xy, end_xy))
    start, end = end_point(graph, start_xy, start_lonlat), end_point(graph, end_xy, end_lonlat)
    _, _, direct_m = GEOD.inv(*start_lonlat, *end_lonlat)
    assert best_pair(graph, router.shortest_paths(graph), start, end) == (direct_m, None, None)


def test_a_cached_graph_is_read_without_the_boundaries(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sea-graphs"
    folder.mkdir()
    for name in sea_router_info().cache_files.values():
        (folder / Path(name).name).write_bytes(Path(name).read_bytes())

    def refused() -> None:
        raise AssertionError("a cache hit read the boundaries")

    monkeypatch.setattr(boundaries, "load_boundaries", refused)
    router, info = load_sea_router(folder=folder)
    assert all(info.from_cache.values())
    aktau, alat = CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"]
    assert router.route(aktau, alat).length_km == sea_router().route(aktau, alat).length_km


def test_the_direct_creation_functions_make_what_shapely_makes_or_are_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # seagraph calls shapely's C functions directly (not public API): they are used only
    # while they make what shapely.linestrings and shapely.points make, else the public ones.
    from caspian.geo.routing import seagraph

    coords = np.array([[49.2, 40.1], [50.75, 41.0], [51.1, 43.6]])
    assert shapely.equals_exact(seagraph.linestrings_of(coords), shapely.linestrings(coords), 0)
    assert np.all(shapely.equals_exact(seagraph.points_of(coords), shapely.points(coords), 0))
    if getattr(shapely, "lib", None) is not None:
        def broken(*args: object) -> object:
            raise TypeError("changed signature")

        monkeypatch.setattr(shapely.lib, "linestrings", broken)
        assert seagraph._creation_functions() == (shapely.linestrings, shapely.points)


def test_the_private_geodesic_forward_gives_what_geod_fwd_gives_or_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # densify_path calls pyproj's private Geod._fwd (not public API): it is used only while it
    # gives what Geod.fwd gives, else Geod.fwd itself.
    from caspian.geo import geodesy

    rows = np.array([[51.1, -179.9], [43.6, 10.0], [250.0, -30.0], [12_345.6, 987_654.3]])
    expected = rows.copy()
    GEOD.fwd(expected[0], expected[1], expected[2], expected[3], inplace=True)
    found = rows.copy()
    geodesy._forward(GEOD, found)
    np.testing.assert_array_equal(found, expected)

    def broken(*args: object) -> None:
        raise TypeError("changed signature")

    def shifted(self: pyproj.Geod, lons: Any, *args: object) -> None:
        original(self, lons, *args)
        lons[0] += 1e-9  # a different number

    original = pyproj.Geod._fwd
    for replacement in (broken, shifted):
        monkeypatch.setattr(pyproj.Geod, "_fwd", replacement)
        assert geodesy._forward_function().__name__ == "public"
    monkeypatch.setattr(pyproj.Geod, "_fwd", original)
    assert geodesy._forward_function().__name__ == "private"
