"""Per-country split of line lengths: exact on synthetic borders, sane on Natural Earth."""

from __future__ import annotations

import pytest
import shapely
from caspian.geo.countries import SEA, build_country_index, split_by_country
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.geo.settings import Settings
from caspian.layers.boundaries import country_index, load_boundaries
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import LineString, Point, box


@pytest.fixture(scope="module")
def two_squares():
    return build_country_index([box(0, 0, 1, 1), box(1, 0, 2, 1)], ["AAA", "BBB"])


@pytest.fixture(scope="module")
def ring_sea():
    # Two states around a square sea: together they are box(0,0,3,3) with a hole box(1,1,2,2).
    hole = box(1, 1, 2, 2)
    west = box(0, 0, 1.5, 3).difference(hole)
    east = box(1.5, 0, 3, 3).difference(hole)
    return build_country_index([west, east], ["WWW", "EEE"], littoral=("EEE", "WWW"))


def test_line_across_a_border_splits_at_the_border(two_squares) -> None:
    line = LineString([(0.5, 0.5), (1.5, 0.5)])
    (split,) = split_by_country([line], two_squares).by_country_km
    total_km = geodesic_lengths_km([line])[0]
    assert set(split) == {"AAA", "BBB", SEA}
    assert split["AAA"] == pytest.approx(total_km / 2, rel=1e-4)
    assert split["BBB"] == pytest.approx(total_km / 2, rel=1e-4)
    assert split[SEA] == pytest.approx(0.0, abs=1e-6)


def test_length_outside_every_country_is_sea(two_squares) -> None:
    line = LineString([(1.5, 0.5), (2.5, 0.5)])
    (split,) = split_by_country([line], two_squares).by_country_km
    total_km = geodesic_lengths_km([line])[0]
    assert split["BBB"] == pytest.approx(total_km / 2, rel=1e-4)
    assert split[SEA] == pytest.approx(total_km / 2, rel=1e-4)


def test_parts_add_up_to_the_geodesic_length(two_squares) -> None:
    lines = [
        LineString([(-0.5, 0.2), (0.7, 0.9), (1.9, 0.1), (2.6, 0.6)]),
        LineString([(0.1, 0.1), (0.2, 0.3)]),
    ]
    splits = split_by_country(lines, two_squares).by_country_km
    for split, total_km in zip(splits, geodesic_lengths_km(lines), strict=True):
        assert sum(split.values()) == pytest.approx(total_km, rel=1e-9)


def test_points_and_missing_geometries_have_no_split(two_squares) -> None:
    result = split_by_country([Point(0.5, 0.5), None], two_squares)
    assert result.by_country_km == [{}, {}]
    assert result.sea_nearest_state_km == [{}, {}]


def test_the_enclosed_sea_is_found_and_attributed_to_the_nearest_state(ring_sea) -> None:
    assert ring_sea.caspian.equals(box(1, 1, 2, 2))
    line = LineString([(1.1, 1.5), (1.9, 1.5)])
    result = split_by_country([line], ring_sea)
    total_km = geodesic_lengths_km([line])[0]
    assert result.by_country_km[0] == pytest.approx({SEA: total_km})
    nearest = result.sea_nearest_state_km[0]
    assert set(nearest) == {"EEE", "WWW"}
    # Each densified segment (<= densify_km) goes whole to the state nearest its midpoint.
    assert nearest["WWW"] == pytest.approx(total_km / 2, abs=Settings().densify_km)
    assert sum(nearest.values()) == pytest.approx(total_km, rel=1e-9)


def test_sea_outside_the_enclosed_basin_has_no_nearest_state(ring_sea) -> None:
    line = LineString([(3.5, 0.5), (4.5, 0.5)])
    result = split_by_country([line], ring_sea)
    assert set(result.by_country_km[0]) == {SEA}
    assert result.sea_nearest_state_km[0] == {}


def test_a_line_in_a_country_over_the_enclosed_sea_keeps_its_nearest_states() -> None:
    # An island state in the middle of the ring's sea: its interior is the sea's, so a line
    # wholly inside it is still cut against the nearest-state zones (the littoral states'
    # lines are not: their interiors are clear of the sea).
    hole = box(1, 1, 2, 2)
    west = box(0, 0, 1.5, 3).difference(hole)
    east = box(1.5, 0, 3, 3).difference(hole)
    index = build_country_index([west, east, box(1.2, 1.2, 1.8, 1.8)], ["WWW", "EEE", "III"],
                                littoral=("EEE", "WWW"))
    assert index.dry.tolist() == [True, True, False]
    island_line, land_line = LineString([(1.3, 1.5), (1.7, 1.5)]), LineString([(0.2, 0.5),
                                                                            (0.8, 0.5)])
    result = split_by_country([island_line, land_line], index)
    total_km = geodesic_lengths_km([island_line])[0]
    assert result.by_country_km[0] == pytest.approx({"III": total_km, SEA: 0.0})
    assert set(result.sea_nearest_state_km[0]) == {"EEE", "WWW"}
    assert sum(result.sea_nearest_state_km[0].values()) == pytest.approx(total_km, rel=1e-9)
    assert result.sea_nearest_state_km[1] == {}


def test_a_line_inside_two_overlapping_polygons_is_counted_in_both() -> None:
    # Borders spliced from two sources can overlap; a line in both keeps its length in both
    # (the shortcut for lines inside one polygon is taken only where it overlaps no other).
    index = build_country_index([box(0, 0, 1, 1), box(0.9, 0, 2, 1), box(2, 0, 3, 1)],
                                ["AAA", "BBB", "CCC"])
    assert index.overlapping.tolist() == [True, True, False]
    in_both, in_one = LineString([(0.92, 0.5), (0.98, 0.5)]), LineString([(2.2, 0.5),
                                                                          (2.8, 0.5)])
    result = split_by_country([in_both, in_one], index)
    both_km, one_km = geodesic_lengths_km([in_both, in_one])
    assert result.by_country_km[0] == pytest.approx({"AAA": both_km, "BBB": both_km, SEA: 0.0})
    assert result.by_country_km[1] == pytest.approx({"CCC": one_km, SEA: 0.0})


def test_the_packaged_borders_overlap_only_where_the_region_borders_were_spliced() -> None:
    index = country_index()
    assert set(index.codes[index.overlapping].tolist()) == {"ARM", "AZE", "GEO"}


def test_no_country_of_the_packaged_borders_reaches_into_the_caspian() -> None:
    assert country_index().dry.all()


def test_densify_spacing_comes_from_settings(two_squares) -> None:
    # A long diagonal: coarse and fine densification agree because pieces are geodesic.
    line = LineString([(0.0, 0.0), (2.0, 1.0)])
    fine = split_by_country([line], two_squares, Settings(densify_km=0.5)).by_country_km[0]
    coarse = split_by_country([line], two_squares, Settings(densify_km=50.0)).by_country_km[0]
    assert fine["AAA"] == pytest.approx(coarse["AAA"], rel=1e-3)


def test_natural_earth_codes_are_alpha3_even_where_iso_a3_is_minus_99() -> None:
    codes = set(load_boundaries()["code"])
    assert {"FRA", "NOR", "AZE", "GEO", "TUR", "KAZ", "TKM", "IRN", "RUS"} <= codes
    assert "-99" not in codes
    assert all(len(code) == 3 for code in codes)


def test_a_line_inside_azerbaijan_is_all_azerbaijan() -> None:
    # Kurdamir (48.16 E, 40.35 N) to Yevlakh (47.15 E, 40.62 N): inland, one country.
    line = LineString([(48.16, 40.35), (47.15, 40.62)])
    (split,) = split_by_country([line], country_index()).by_country_km
    assert split == pytest.approx({"AZE": geodesic_lengths_km([line])[0], SEA: 0.0}, abs=1e-6)


def test_paris_to_lyon_is_in_fra_not_minus_99() -> None:
    line = LineString([(2.35, 48.85), (4.83, 45.76)])
    (split,) = split_by_country([line], country_index()).by_country_km
    assert split["FRA"] == pytest.approx(geodesic_lengths_km([line])[0], rel=1e-9)


def test_baku_to_aktau_is_mostly_caspian_shared_by_azerbaijan_and_kazakhstan() -> None:
    # Baku 49.87 E 40.37 N, Aktau 51.15 E 43.65 N.
    line = LineString([(49.87, 40.37), (51.15, 43.65)])
    result = split_by_country([line], country_index())
    split, nearest = result.by_country_km[0], result.sea_nearest_state_km[0]
    total_km = geodesic_lengths_km([line])[0]
    assert split[SEA] > 0.9 * total_km
    assert sum(split.values()) == pytest.approx(total_km, rel=1e-9)
    assert set(nearest) == {"AZE", "KAZ"}
    assert sum(nearest.values()) == pytest.approx(split[SEA], rel=1e-6)


def test_caspian_is_derived_from_natural_earth_not_hard_coded() -> None:
    caspian = country_index().caspian
    lon_min, lat_min, lon_max, lat_max = caspian.bounds
    assert 46 < lon_min < 47.5 and 54 < lon_max < 55.5
    assert 36 < lat_min < 37.5 and 46.5 < lat_max < 47.5
    assert caspian.contains(Point(51.0, 42.0))  # mid-Caspian
    assert not caspian.contains(Point(35.0, 43.0))  # Black Sea


def test_nearest_state_zones_cover_the_caspian_without_overlap() -> None:
    index = country_index()
    zones = index.caspian_zones
    assert index.littoral_codes == ("AZE", "IRN", "KAZ", "RUS", "TKM")
    assert sum(zone.area for zone in zones) == pytest.approx(index.caspian.area, rel=1e-6)
    assert shapely.union_all(zones).area == pytest.approx(index.caspian.area, rel=1e-6)
    # Mid-Caspian off Baku is nearest Azerbaijan; the north Caspian off Atyrau, Kazakhstan.
    codes = dict(zip(index.littoral_codes, zones, strict=True))
    assert codes["AZE"].contains(Point(50.5, 40.3))
    assert codes["KAZ"].contains(Point(51.5, 46.5))
    assert codes["IRN"].contains(Point(51.0, 37.0))


def test_antimeridian_crossing_line_is_split_into_russia_not_across_the_world() -> None:
    # Chukotka: 179.0 E to 179.0 W at 66 N, all on land in Russia.
    line = LineString([(178.0, 67.0), (-179.0, 67.0)])
    (split,) = split_by_country([line], country_index()).by_country_km
    total_km = geodesic_lengths_km([line])[0]
    assert total_km < 200
    assert split["RUS"] == pytest.approx(total_km, rel=0.05)
    assert shapely.get_num_coordinates(line) == 2


region_vertex = st.tuples(st.floats(40.0, 60.0), st.floats(35.0, 50.0))


@settings(max_examples=40, deadline=None)
@given(st.lists(region_vertex, min_size=2, max_size=6))
def test_any_line_around_the_caspian_splits_into_parts_that_add_up(
    coords: list[tuple[float, float]],
) -> None:
    line = LineString(coords)
    result = split_by_country([line], country_index())
    split, nearest = result.by_country_km[0], result.sea_nearest_state_km[0]
    total_km = float(geodesic_lengths_km([line])[0])
    if total_km == 0:
        assert split == {}
        return
    assert all(km >= 0 for km in split.values())
    assert sum(split.values()) == pytest.approx(total_km, rel=1e-9, abs=1e-9)
    assert set(nearest) <= {"AZE", "IRN", "KAZ", "RUS", "TKM"}
    assert sum(nearest.values()) <= split[SEA] * (1 + 1e-6) + 1e-6


def test_country_split_of_measured_lines_measures_no_segment_again(
    two_squares, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines of short segments inside one country: the split reuses the lengths measured
    for the metrics and calls ``Geod.inv`` for no segment of its own."""
    import caspian.geo.geodesy as geodesy
    import numpy as np

    steps = np.linspace(0.1, 0.9, 401)
    lines = [LineString(np.column_stack([steps, np.full(steps.size, y)])) for y in (0.3, 0.6)]
    measured = geodesy.measure_lines(lines)
    expected = split_by_country(lines, two_squares).by_country_km
    calls: list[int] = []
    real_geod_for = geodesy.geod_for

    class CountingGeod:
        def __init__(self, geod):
            self.geod = geod

        def inv(self, lons1, *args, **kwargs):
            calls.append(len(lons1))
            return self.geod.inv(lons1, *args, **kwargs)

        def fwd(self, *args, **kwargs):
            return self.geod.fwd(*args, **kwargs)

    monkeypatch.setattr(geodesy, "geod_for", lambda s=None: CountingGeod(real_geod_for(s)))
    split = split_by_country(lines, two_squares, measured=measured).by_country_km
    assert calls == []
    assert split == expected
    assert split[0]["AAA"] == pytest.approx(measured.lengths_m[0] / 1000.0, rel=1e-12)
