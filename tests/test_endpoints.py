"""FROM/TO of `caspian route`: catalog point ids or lon,lat, and clear errors otherwise."""

from __future__ import annotations

import pytest
from caspian.geo.errors import InputError
from caspian.layers.catalog.endpoints import parse_lonlat, resolve_endpoint
from caspian.layers.catalog.errors import LayerNotFoundError
from hypothesis import given
from hypothesis import strategies as st


def test_short_id_resolves_to_the_catalog_point() -> None:
    endpoint = resolve_endpoint("aktau")
    assert endpoint.label == "aktau_port/aktau"
    # The port's quay, where the mapped railway ends (the city point is context/aktau_city).
    assert endpoint.lonlat == (51.222, 43.6026)


def test_layer_slash_feature_resolves_to_alat() -> None:
    assert resolve_endpoint("baku_port/alat").lonlat == (49.407, 39.948)


def test_lonlat_pair_keeps_its_order_and_is_labelled_to_the_micro_degree() -> None:
    endpoint = resolve_endpoint(" 49.5,40.25 ")
    assert endpoint.lonlat == (49.5, 40.25)
    assert endpoint.label == "49.500000,40.250000"


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("btc_pipeline/btc", InputError, "not a point"),
        ("nowhere/aktau", LayerNotFoundError, "unknown layer 'nowhere'"),
        ("aktau_port/nothing", LayerNotFoundError, "has no feature 'nothing'"),
        ("atlantis", LayerNotFoundError, "neither lon,lat nor a catalog feature id"),
        ("40.2,200", InputError, "outside lon -180..180"),
        ("40.2,95", InputError, "did you give lat,lon?"),
        ("nan,40", InputError, "finite"),
        ("inf,40", InputError, "finite"),
    ],
)
def test_bad_endpoints_name_the_problem(text: str, error: type, words: str) -> None:
    with pytest.raises(error, match=words.replace("?", r"\?").replace("(", r"\(")):
        resolve_endpoint(text)


@pytest.mark.parametrize("text", ["", "1", "1,2,3", "a,b", "49.5;40.2"])
def test_text_that_is_not_a_pair_is_not_read_as_coordinates(text: str) -> None:
    assert parse_lonlat(text) is None


@given(
    st.floats(min_value=-180, max_value=180, allow_nan=False),
    st.floats(min_value=-90, max_value=90, allow_nan=False),
)
def test_any_valid_pair_round_trips_through_its_text(lon: float, lat: float) -> None:
    assert parse_lonlat(f"{lon!r},{lat!r}") == (lon, lat)
