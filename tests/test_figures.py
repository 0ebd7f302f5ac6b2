"""The rules every figure follows (caspian.geo.figures): percent delta, missing numbers,
coordinate rounding."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from caspian.geo.figures import (
    delta_pct,
    delta_pct_or_none,
    none_if_missing,
    round_as_python,
    round_coordinate,
    round_coordinates,
    round_geometry,
)
from hypothesis import given
from hypothesis import strategies as st

finite_degrees = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)


def test_btc_delta_is_percent_of_the_operator_figure() -> None:
    # BTC: 1,768 km published by bp; a drawn line of 1,622 km is 8.26 % shorter.
    assert delta_pct_or_none(1622.0, 1768) == pytest.approx(-8.258, abs=1e-3)
    assert float(delta_pct(1622.0, 1768)) == pytest.approx(100.0 * (1622.0 - 1768) / 1768)


@pytest.mark.parametrize("published", ["about 1,700", None, 0, -5.0, True, math.nan])
def test_delta_has_no_value_against_a_figure_that_is_not_a_positive_number(published) -> None:
    assert delta_pct_or_none(1622.0, published) is None


@pytest.mark.parametrize("computed", [None, math.nan, "1622"])
def test_delta_has_no_value_without_a_computed_length(computed) -> None:
    assert delta_pct_or_none(computed, 1768) is None


def test_delta_is_vectorised_with_nan_where_no_figure_is_published() -> None:
    result = delta_pct([110.0, 90.0, 5.0, np.nan], [100.0, 100.0, np.nan, 10.0])
    assert result[:2].tolist() == pytest.approx([10.0, -10.0])
    assert np.isnan(result[2:]).all()


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_missing_numbers_become_none(value: float) -> None:
    assert none_if_missing(value) is None


@pytest.mark.parametrize("value", [None, 0.0, -1.5, 3, "nan", [math.nan], {"a": 1}])
def test_everything_else_passes_unchanged(value) -> None:
    assert none_if_missing(value) is value


@given(finite_degrees, st.integers(min_value=0, max_value=9))
def test_rounding_is_pythons_correct_rounding_without_negative_zero(value, decimals) -> None:
    rounded = round_coordinate(value, decimals)
    assert rounded == round(value, decimals)
    assert math.copysign(1.0, rounded) == 1.0 or rounded != 0


@given(st.lists(st.tuples(finite_degrees, finite_degrees), min_size=1, max_size=20),
       st.integers(min_value=0, max_value=9))
def test_lists_and_arrays_round_alike(positions, decimals) -> None:
    as_lists = round_coordinates([list(position) for position in positions], decimals)
    as_array = round_coordinates(np.array(positions), decimals)
    assert as_array.tolist() == as_lists


def test_a_coordinate_just_below_zero_is_written_as_zero() -> None:
    geometry = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [-0.000001, 40.1234567]},
        {"type": "LineString", "coordinates": [[49.8671, 40.4093], [-0.00004, -0.0]]},
    ]}
    text = json.dumps(round_geometry(geometry, 4))
    assert text == ('{"type": "GeometryCollection", "geometries": ['
                    '{"type": "Point", "coordinates": [0.0, 40.1235]}, '
                    '{"type": "LineString", "coordinates": [[49.8671, 40.4093], [0.0, 0.0]]}]}')


@given(st.lists(st.one_of(st.floats(), st.integers(-10**6, 10**6).map(lambda k: k / 2000),
                          st.integers(-10**6, 10**6).map(lambda k: k / 2000 + 1e-13)),
                min_size=1, max_size=50),
       st.integers(min_value=0, max_value=15))
def test_an_array_rounds_bit_for_bit_as_round_rounds_each_float(values, decimals) -> None:
    rounded = round_as_python(values, decimals)
    expected = np.array([round(value, decimals) for value in values])
    assert rounded.view(np.int64).tolist() == expected.view(np.int64).tolist()


def test_an_array_rounds_the_halves_numpy_rounds_the_other_way_as_round_does() -> None:
    # Kilometres to the metre: k / 2000 is a half metre away from two roundings, and the
    # product numpy.round takes first carries many of them across the half.
    values = np.arange(-10**5, 10**5) / 2000
    expected = np.array([round(value, 3) for value in values.tolist()])
    assert (np.round(values, 3) != expected).sum() > 1000
    assert (round_as_python(values, 3) == expected).all()
