"""Merging detailed land borders into base country polygons (caspian.geo.borders)."""

from __future__ import annotations

import pytest
import shapely
from caspian.geo.borders import partition_region, splice_region
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

# Base: land box(0,0,4,2), A west of x=2, B east of it; an island C at (3.5..3.8, 3..3.3).
BASE = [box(0, 0, 2, 2), box(2, 0, 4, 2), box(3.5, 3, 3.8, 3.3)]
BASE_CODES = ["AAA", "BBB", "CCC"]
# Detail: the border is at x=2.4 (A claims up to 2.5, B from 2.4: a disputed strip), and both
# reach far into the sea, as territorial waters do. Nobody claims C's island.
DETAIL = [box(-5, -5, 2.5, 5), box(2.4, -5, 10, 2.9)]
DETAIL_CODES = ["AAA", "BBB"]
REGION = box(1, -1, 3.9, 3.5)


@pytest.fixture(scope="module")
def pieces():
    return partition_region(BASE, BASE_CODES, DETAIL, DETAIL_CODES, REGION)


def test_land_one_country_claims_goes_to_it(pieces) -> None:
    assert pieces["AAA"].equals(box(1, 0, 2.4, 2))


def test_land_two_countries_claim_keeps_the_base_country(pieces) -> None:
    # The strip 2.4 < x < 2.5 is claimed by both; the base says B (east of x=2).
    assert pieces["BBB"].equals(box(2.4, 0, 3.9, 2))


def test_land_nobody_claims_keeps_the_base_country(pieces) -> None:
    assert pieces["CCC"].equals(box(3.5, 3, 3.8, 3.3))


def test_territorial_waters_do_not_become_land(pieces) -> None:
    land = shapely.union_all(BASE)
    for piece in pieces.values():
        assert shapely.difference(piece, land).area == pytest.approx(0.0, abs=1e-12)


def test_splice_moves_the_border_inside_the_region_only(pieces) -> None:
    merged = dict(zip(BASE_CODES, splice_region(BASE, BASE_CODES, pieces, REGION), strict=True))
    assert merged["AAA"].equals(box(0, 0, 2.4, 2))
    assert merged["BBB"].equals(box(2.4, 0, 4, 2))
    assert merged["CCC"].equals(BASE[2])
    assert sum(geom.area for geom in merged.values()) == pytest.approx(
        shapely.union_all(BASE).area, rel=1e-12
    )


def test_splice_leaves_countries_outside_the_region_untouched() -> None:
    far = box(20, 20, 21, 21)
    (merged,) = splice_region([far], ["FAR"], {}, REGION)
    assert merged is far


@settings(max_examples=40, deadline=None)
@given(
    base_x=st.floats(0.5, 3.5),
    west_x=st.floats(0.2, 3.8),
    east_x=st.floats(0.2, 3.8),
    region_x=st.tuples(st.floats(-1.0, 2.0), st.floats(2.1, 5.0)),
)
def test_pieces_cover_the_base_land_in_the_region_without_overlap(
    base_x: float, west_x: float, east_x: float, region_x: tuple[float, float]
) -> None:
    # Detailed claims that overlap (east_x < west_x) or leave a gap (east_x > west_x).
    base = [box(0, 0, base_x, 2), box(base_x, 0, 4, 2)]
    detail = [box(-5, -5, west_x, 5), box(east_x, -5, 10, 5)]
    region = box(region_x[0], -1, region_x[1], 3)
    pieces = list(partition_region(base, ["AAA", "BBB"], detail, ["AAA", "BBB"], region).values())
    land = shapely.intersection(shapely.union_all(base), region)
    assert sum(piece.area for piece in pieces) == pytest.approx(land.area, rel=1e-9)
    assert shapely.union_all(pieces).area == pytest.approx(land.area, rel=1e-9)
