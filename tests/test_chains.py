"""Corridor chains: order, totals by mode and status, gaps; port distance kinds."""

from __future__ import annotations

import numpy as np
import pytest
from caspian.geo.chains import build_chains
from caspian.geo.distances import DISTANCE_KINDS, distance_matrix_km, pairwise_rows
from caspian.geo.errors import GeometryError, InputError
from caspian.geo.geodesy import geodesic_lengths_km
from geographiclib.geodesic import Geodesic
from shapely import LineString

WGS84 = Geodesic.WGS84


def _leg(feature, chain, order, mode, status, coords):
    return {
        "feature": feature,
        "chain": {"id": chain, "order": order},
        "mode": mode,
        "status": status,
        "geometry": LineString(coords),
    }


@pytest.fixture
def legs():
    # Deliberately listed out of order; the second leg starts 0.1° east of the first's end.
    return [
        _leg("t/sea", "demo", 2, "sea", "operating", [(51.1, 43.6), (49.9, 40.4)]),
        _leg("t/rail_a", "demo", 1, "rail", "operating", [(53.0, 44.0), (51.0, 43.6)]),
        _leg("t/rail_b", "demo", 3, "rail", "planned", [(49.9, 40.4), (46.5, 40.9)]),
        _leg("t/other", "other", 1, "road", "construction", [(45.0, 39.0), (45.5, 39.2)]),
        {"feature": "t/no_chain", "chain": None, "mode": "rail", "status": "operating",
         "geometry": LineString([(0, 0), (1, 1)])},
    ]


def test_chains_are_grouped_by_id_and_ordered(legs) -> None:
    chains = build_chains(legs)
    assert [chain.id for chain in chains] == ["demo", "other"]
    assert [leg.feature for leg in chains[0].legs] == ["t/rail_a", "t/sea", "t/rail_b"]


def test_chain_totals_equal_the_sum_of_their_parts(legs) -> None:
    (demo, _) = build_chains(legs)
    parts_km = geodesic_lengths_km([leg["geometry"] for leg in legs[:3]])
    assert demo.total_km == pytest.approx(float(parts_km.sum()), rel=1e-12)
    assert sum(demo.by_mode_km.values()) == pytest.approx(demo.total_km, rel=1e-12)
    assert sum(demo.by_status_km.values()) == pytest.approx(demo.total_km, rel=1e-12)
    assert demo.operating_km + demo.not_operating_km == pytest.approx(demo.total_km, rel=1e-12)
    assert demo.by_mode_km["rail"] == pytest.approx(parts_km[1] + parts_km[2], rel=1e-12)
    assert demo.by_status_km["planned"] == pytest.approx(parts_km[2], rel=1e-12)
    assert demo.operating_km == pytest.approx(parts_km[0] + parts_km[1], rel=1e-12)


def test_gap_is_the_geodesic_distance_from_one_end_to_the_next_start(legs) -> None:
    (demo, _) = build_chains(legs)
    first, second = demo.gaps
    assert (first.after, first.before) == ("t/rail_a", "t/sea")
    expected_km = WGS84.Inverse(43.6, 51.0, 43.6, 51.1)["s12"] / 1000
    assert first.gap_km == pytest.approx(expected_km, rel=1e-9)
    assert 7.5 < first.gap_km < 8.5
    assert second.gap_km == 0.0
    assert demo.gap_total_km == pytest.approx(first.gap_km)


def test_a_leg_drawn_backwards_shows_as_a_large_gap_with_near_ends() -> None:
    chain_legs = [
        _leg("t/a", "c", 1, "rail", "operating", [(44.0, 40.0), (45.0, 40.0)]),
        _leg("t/b", "c", 2, "rail", "operating", [(46.0, 40.0), (45.0, 40.0)]),
    ]
    (gap,) = build_chains(chain_legs)[0].gaps
    assert gap.gap_km > 80
    assert gap.nearest_ends_km == 0.0


def test_two_legs_with_the_same_order_are_refused() -> None:
    chain_legs = [
        _leg("t/a", "c", 1, "rail", "operating", [(44.0, 40.0), (45.0, 40.0)]),
        _leg("t/b", "c", 1, "rail", "operating", [(45.0, 40.0), (46.0, 40.0)]),
    ]
    with pytest.raises(GeometryError, match="two legs with order 1"):
        build_chains(chain_legs)


def test_geodesic_port_distances_match_geographiclib() -> None:
    # Aktau 51.15 E 43.65 N, Baku 49.87 E 40.37 N (town points; the catalog has the ports).
    matrix_km = distance_matrix_km([51.15, 49.87], [43.65, 40.37])
    expected_km = WGS84.Inverse(43.65, 51.15, 40.37, 49.87)["s12"] / 1000
    assert matrix_km[0, 1] == pytest.approx(expected_km, rel=1e-12)
    assert matrix_km[1, 0] == matrix_km[0, 1]


def test_unknown_distance_kind_lists_the_valid_kinds() -> None:
    with pytest.raises(InputError, match=r"unknown distance kind 'rhumb'; valid kinds: geodesic"):
        distance_matrix_km([0, 1], [0, 1], kind="rhumb")


def test_sea_distance_in_pure_geo_points_to_the_layers_registry() -> None:
    with pytest.raises(InputError, match=r"caspian\.layers\.metrics\.distance_kinds"):
        distance_matrix_km([0, 1], [0, 1], kind="sea")


def test_a_new_distance_kind_plugs_in_through_the_registry() -> None:
    def doubled(lons, lats, settings):
        return 2 * DISTANCE_KINDS["geodesic"](lons, lats, settings)

    kinds = {**DISTANCE_KINDS, "doubled": doubled}
    plain = distance_matrix_km([0, 1], [0, 0])
    assert np.allclose(distance_matrix_km([0, 1], [0, 0], kind="doubled", kinds=kinds), 2 * plain)


def test_pairwise_rows_list_each_unordered_pair_once() -> None:
    matrix_km = np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [2.0, 3.0, 0.0]])
    rows = pairwise_rows(["a", "b", "c"], matrix_km, "geodesic")
    assert [(row["from"], row["to"], row["distance_km"]) for row in rows] == [
        ("a", "b", 1.0), ("a", "c", 2.0), ("b", "c", 3.0)
    ]
