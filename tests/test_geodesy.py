"""Geodesic lengths and distances agree with GeographicLib and never go planar."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import shapely
from caspian.geo.errors import GeometryError
from caspian.geo.geodesy import (
    GEOD,
    densify_geodesic,
    geod_for,
    geodesic_distance_matrix_m,
    geodesic_lengths_km,
    geodesic_lengths_m,
    line_length_m,
    segment_arrays,
)
from caspian.geo.settings import Settings
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import LineString, MultiLineString, Point, Polygon

WGS84 = Geodesic.WGS84
RELATIVE = 1e-9
# Relative agreement means nothing for a length of (nearly) zero: both libraries return exact
# zeros for repeated points, but two points a nanometre apart may round differently. One
# micrometre is far below any coordinate precision we store (7 decimals = 1 cm).
ABSOLUTE_M = 1e-6


def _reference_m(coords: list[tuple[float, float]]) -> float:
    """Sum of GeographicLib's inverse distances along a polyline (lon, lat) in metres."""
    return sum(
        WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords)
    )


def _close(value_m: float, reference_m: float) -> bool:
    return abs(value_m - reference_m) <= max(RELATIVE * reference_m, ABSOLUTE_M)


lons = st.floats(-180.0, 180.0, allow_nan=False)
lats = st.floats(-90.0, 90.0, allow_nan=False)
near_pole_lats = st.one_of(st.floats(89.999, 90.0), st.floats(-90.0, -89.999))
antimeridian_lons = st.one_of(st.floats(179.0, 180.0), st.floats(-180.0, -179.0))
vertex = st.one_of(
    st.tuples(lons, lats),
    st.tuples(lons, near_pole_lats),
    st.tuples(antimeridian_lons, lats),
)


@st.composite
def polylines(draw: st.DrawFn) -> list[tuple[float, float]]:
    """Random polylines, sometimes with repeated vertices (zero-length segments)."""
    coords = draw(st.lists(vertex, min_size=2, max_size=12))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(coords) - 1))
        coords.insert(i, coords[i])
    return coords


@settings(max_examples=300, deadline=None)
@given(polylines())
def test_line_length_matches_geographiclib_within_1e9_relative(
    coords: list[tuple[float, float]],
) -> None:
    (length_m,) = geodesic_lengths_m([LineString(coords)])
    assert _close(float(length_m), _reference_m(coords))


@settings(max_examples=100, deadline=None)
@given(st.lists(polylines(), min_size=1, max_size=6))
def test_vectorised_lengths_match_geographiclib_for_every_feature(
    lines: list[list[tuple[float, float]]],
) -> None:
    lengths_m = geodesic_lengths_m([LineString(coords) for coords in lines])
    for value_m, coords in zip(lengths_m.tolist(), lines, strict=True):
        assert _close(value_m, _reference_m(coords))


@settings(max_examples=100, deadline=None)
@given(st.lists(polylines(), min_size=2, max_size=5))
def test_multilinestring_length_is_the_sum_of_its_parts_without_the_jumps(
    parts: list[list[tuple[float, float]]],
) -> None:
    (length_m,) = geodesic_lengths_m([MultiLineString(parts)])
    assert _close(float(length_m), sum(_reference_m(coords) for coords in parts))


def test_antimeridian_crossing_takes_the_short_way() -> None:
    # 179.5°E to 179.5°W along the equator is one degree of longitude, not 359.
    (length_m,) = geodesic_lengths_m([LineString([(179.5, 0.0), (-179.5, 0.0)])])
    assert length_m == pytest.approx(111_319.49, abs=0.01)


def test_zero_length_segments_add_nothing() -> None:
    line = LineString([(49.87, 40.37), (49.87, 40.37), (51.15, 43.65)])
    reference_m = _reference_m(list(line.coords))
    assert geodesic_lengths_m([line])[0] == pytest.approx(reference_m, rel=1e-12)


def test_baku_to_aktau_port_distance_matches_geographiclib() -> None:
    # Baku (Alat) 49.87 E 40.37 N to Aktau 51.15 E 43.65 N, ~380 km across the Caspian.
    reference_m = WGS84.Inverse(40.37, 49.87, 43.65, 51.15)["s12"]
    assert line_length_m([49.87, 51.15], [40.37, 43.65]) == pytest.approx(reference_m, rel=1e-12)
    assert 370_000 < reference_m < 390_000


def test_points_measure_zero_and_missing_geometries_nan() -> None:
    lengths_m = geodesic_lengths_m([Point(50.0, 40.0), LineString(), None])
    assert lengths_m[0] == 0.0
    assert lengths_m[1] == 0.0
    assert math.isnan(lengths_m[2])


def test_lengths_in_km_are_lengths_in_m_over_1000() -> None:
    line = LineString([(44.8, 41.7), (41.65, 42.15)])
    assert geodesic_lengths_km([line])[0] == pytest.approx(geodesic_lengths_m([line])[0] / 1000)


def test_latitude_beyond_90_is_refused_with_the_coordinate_order_hint() -> None:
    with pytest.raises(GeometryError, match=r"latitude 91.*\[lon, lat\]"):
        geodesic_lengths_m([LineString([(40.0, 50.0), (41.0, 91.0)])])


def test_non_finite_coordinates_are_refused() -> None:
    with pytest.raises(GeometryError, match="not a finite number"):
        line_length_m([40.0, float("nan")], [50.0, 51.0])


def test_polygons_are_refused_because_their_length_would_be_a_perimeter() -> None:
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    with pytest.raises(GeometryError, match="polygon"):
        geodesic_lengths_m([LineString([(0, 0), (1, 1)]), square])


def test_segments_do_not_cross_multilinestring_part_boundaries() -> None:
    multi = MultiLineString([[(0, 0), (1, 0)], [(10, 0), (11, 0), (12, 0)]])
    segments = segment_arrays([Point(5, 5), multi])
    assert len(segments) == 3
    assert segments.feature.tolist() == [1, 1, 1]
    assert segments.lons1.tolist() == [0.0, 10.0, 11.0]


def test_settings_choose_the_ellipsoid() -> None:
    line = LineString([(0.0, 0.0), (10.0, 0.0)])
    grs80_m = geodesic_lengths_m([line], Settings(ellps="GRS80"))[0]
    wgs84_m = geodesic_lengths_m([line])[0]
    assert geod_for(None) is GEOD
    # GRS80 and WGS84 differ in flattening only (~0.1 mm on 1,100 km of equator: same a).
    assert grs80_m == pytest.approx(wgs84_m, abs=1e-3)
    intl_m = geodesic_lengths_m([line], Settings(ellps="intl"))[0]
    assert intl_m - wgs84_m == pytest.approx(10 * (6378388.0 - 6378137.0) * math.pi / 180, rel=1e-6)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(lons, lats), min_size=1, max_size=8))
def test_distance_matrix_matches_geographiclib_and_is_symmetric(
    points: list[tuple[float, float]],
) -> None:
    lons_, lats_ = zip(*points, strict=True)
    matrix_m = geodesic_distance_matrix_m(lons_, lats_)
    assert matrix_m.shape == (len(points), len(points))
    assert np.array_equal(matrix_m, matrix_m.T)
    assert np.all(np.diag(matrix_m) == 0)
    for i, (lon1, lat1) in enumerate(points):
        for j, (lon2, lat2) in enumerate(points):
            if i != j:
                assert _close(matrix_m[i, j], WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"])


@settings(max_examples=100, deadline=None)
@given(polylines(), st.floats(0.5, 500.0))
def test_densify_keeps_the_length_and_caps_every_segment(
    coords: list[tuple[float, float]], max_km: float
) -> None:
    line = LineString(coords)
    (dense,) = densify_geodesic([line], max_km)
    original_m = _reference_m(coords)
    dense_m = float(geodesic_lengths_m([dense])[0])
    assert abs(dense_m - original_m) <= max(1e-9 * original_m, 1e-3)
    segments = segment_arrays([dense])
    _, _, seg_m = GEOD.inv(segments.lons1, segments.lats1, segments.lons2, segments.lats2)
    assert np.all(np.asarray(seg_m) <= max_km * 1000 * (1 + 1e-9) + 1e-6)


def test_densify_keeps_longitudes_continuous_across_the_antimeridian() -> None:
    (dense,) = densify_geodesic([LineString([(179.0, 10.0), (-179.0, 10.0)])], 10.0)
    lons_ = shapely.get_coordinates(dense)[:, 0]
    assert lons_[0] == 179.0
    assert lons_[-1] == pytest.approx(181.0)
    assert np.all(np.diff(lons_) > 0)


def test_densify_keeps_multilinestrings_and_passes_points_through() -> None:
    multi = MultiLineString([[(44.0, 40.0), (45.0, 40.0)], [(50.0, 40.0), (51.0, 40.0)]])
    point = Point(47.0, 40.0)
    dense_multi, dense_point = densify_geodesic([multi, point], 2.0)
    assert dense_multi.geom_type == "MultiLineString"
    assert len(dense_multi.geoms) == 2
    # ~85 km per part at 40°N, so 43 pieces of at most 2 km each: 44 vertices per part.
    assert [len(part.coords) for part in dense_multi.geoms] == [44, 44]
    assert dense_point is point


def test_linestring_lengths_measure_lines_and_give_nan_for_everything_else() -> None:
    from caspian.geo.geodesy import linestring_lengths_km

    line = shapely.LineString([(49.87, 40.37), (51.15, 43.65)])
    parts = shapely.MultiLineString([[(47.3, 39.4), (46.5, 38.9)], [(45.4, 39.2), (44.8, 39.6)]])
    point = shapely.Point(49.87, 40.37)
    box = shapely.box(50, 40, 51, 41)
    lengths = linestring_lengths_km([line, point, box, parts, None])
    expected_line, expected_parts = geodesic_lengths_km([line, parts])
    assert lengths[0] == expected_line and lengths[3] == expected_parts
    assert 360 < lengths[0] < 380  # Baku to Aktau is about 370 km
    assert np.isnan(lengths[[1, 2, 4]]).all()


def test_densify_of_lines_with_short_segments_returns_them_unchanged() -> None:
    from caspian.geo.geodesy import densify_measured, measure_lines

    line = LineString([(44.0, 40.0), (44.001, 40.001), (44.002, 40.0)])  # about 140 m steps
    point = Point(45.0, 40.0)
    measured = measure_lines([line, point, None])
    dense = densify_measured(measured, 2.0)
    assert dense[0] is line and dense[1] is point and dense[2] is None


def test_densify_of_measured_lines_matches_densify_of_the_lines() -> None:
    from caspian.geo.geodesy import densify_measured, measure_lines

    geoms = [
        MultiLineString([[(44.0, 40.0), (45.0, 40.0)], [(50.0, 40.0), (50.01, 40.0)]]),
        Point(47.0, 40.0),
        LineString([(179.0, 10.0), (-179.9, 10.0), (-179.8, 10.1)]),
    ]
    ours = densify_measured(measure_lines(geoms), 5.0)
    theirs = densify_geodesic(geoms, 5.0)
    assert all(shapely.equals_exact(a, b, 0.0) for a, b in zip(ours, theirs, strict=True))


def test_measured_lines_refuse_another_ellipsoid_when_densified() -> None:
    from caspian.geo.geodesy import densify_measured, measure_lines

    measured = measure_lines([LineString([(44.0, 40.0), (45.0, 40.0)])])
    with pytest.raises(GeometryError, match="measured on WGS84 cannot be densified on GRS80"):
        densify_measured(measured, 2.0, Settings(ellps="GRS80"))


# The one local projection (countries' shore zones, the sea graph, map labels) ----------------

_CASPIAN_LONS = st.floats(min_value=46.0, max_value=55.0)
_CASPIAN_LATS = st.floats(min_value=36.5, max_value=47.0)


@settings(max_examples=60, deadline=None)
@given(_CASPIAN_LONS, _CASPIAN_LATS, _CASPIAN_LONS, _CASPIAN_LATS)
def test_local_equidistant_plane_keeps_the_true_distance_from_its_centre(
    lon0: float, lat0: float, lon: float, lat: float
) -> None:
    from caspian.geo.geodesy import local_projection

    plane = local_projection((lon0, lat0))
    x, y = plane.transform(lon, lat)
    centre = (round(lon0, 6), round(lat0, 6))  # the projection's centre, as it is named
    true_m = Geodesic.WGS84.Inverse(centre[1], centre[0], lat, lon)["s12"]
    assert math.hypot(x, y) == pytest.approx(true_m, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(_CASPIAN_LONS, _CASPIAN_LATS, _CASPIAN_LONS, _CASPIAN_LATS)
def test_gnomonic_plane_draws_a_geodesic_as_a_straight_line(
    lon1: float, lat1: float, lon2: float, lat2: float
) -> None:
    from caspian.geo.geodesy import local_projection

    plane = local_projection((50.5, 42.0), kind="gnom")
    line = Geodesic.WGS84.InverseLine(lat1, lon1, lat2, lon2)
    middle = line.Position(line.s13 / 2)
    xs, ys = plane.transform([lon1, middle["lon2"], lon2], [lat1, middle["lat2"], lat2])
    chord = shapely.LineString([(xs[0], ys[0]), (xs[2], ys[2])])
    # exactly straight only on a sphere; on WGS84 over the Caspian the midpoint of a geodesic
    # strays at most 0.28 m from the chord (2,000 random pairs)
    assert chord.distance(shapely.Point(xs[1], ys[1])) < 1.0


def test_local_projection_rounds_its_centre_as_asked() -> None:
    from caspian.geo.geodesy import local_projection

    coarse = local_projection((49.86712345, 40.37654321), decimals=4)
    assert coarse.transform(49.8671, 40.3765) == pytest.approx((0.0, 0.0), abs=1e-6)


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:32639"])
def test_a_geoseries_in_a_projected_crs_is_refused_not_measured_as_degrees(crs: str) -> None:
    # a GeoSeries in metres was measured as if its metres were degrees: 10 m by 10 m of
    # EPSG:3857 near (0, 0) gave 1,541.9 km, and a line of the Caspian in EPSG:3857 was
    # refused as "latitude 4925702.5 beyond ±90°; coordinates must be [lon, lat]"
    geopandas = pytest.importorskip("geopandas")
    series = geopandas.GeoSeries([LineString([(10, 10), (20, 20)])], crs=crs)
    with pytest.raises(GeometryError, match=rf"geoms are in {crs} .*; give geoms\.to_crs\(4326\)"):
        geodesic_lengths_km(series)
    frame = geopandas.GeoDataFrame(geometry=series)
    with pytest.raises(GeometryError, match=r"to_crs\(4326\)"):
        geodesic_lengths_km(frame)


def test_a_geoseries_in_degrees_or_without_a_crs_is_measured() -> None:
    geopandas = pytest.importorskip("geopandas")
    line = LineString([(49.87, 40.41), (51.15, 43.65)])
    expected = Geodesic.WGS84.Inverse(40.41, 49.87, 43.65, 51.15)["s12"] / 1000
    for series in (geopandas.GeoSeries([line], crs=4326), geopandas.GeoSeries([line])):
        assert geodesic_lengths_km(series)[0] == pytest.approx(expected, abs=1e-6)
