"""Place names for routes: spellings folded across scripts, ambiguity in one line."""

from __future__ import annotations

import pytest
from caspian.geo.errors import InputError
from caspian.layers.catalog.errors import LayerNotFoundError
from caspian.layers.catalog.places import (
    Place,
    catalog_places,
    name_key,
    place_index,
    resolve_named_endpoint,
    resolve_place,
)
from hypothesis import given
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def catalog_index():
    return place_index(catalog_places())


@pytest.mark.parametrize(
    ("spellings"),
    [
        ("Aktau", "Актау", "Aqtau", "AKTAU", "Ақтау"),
        ("Alat", "Ələt", "Алят", "ALAT"),
        ("Kars", "Карс", "kars"),
        ("Nakhchivan", "Naxçıvan"),
        ("Iğdır", "Igdir", "IĞDIR"),
        ("Zhezkazgan", "Jezqazğan", "Жезказган"),
        # Russian writes English j as "дж" and drops the h of gh
        ("Julfa", "Джульфа"),
        ("Meghri", "Мегри"),
        ("Aghband", "Ağbənd"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({name_key(spelling) for spelling in spellings}) == 1


def test_different_names_keep_different_keys() -> None:
    assert len({name_key(name) for name in ("Aktau", "Alat", "Kars", "Kuryk", "Baku")}) == 5


@given(st.text(max_size=40))
def test_a_key_is_lower_case_ascii_and_stable(text: str) -> None:
    key = name_key(text)
    assert key == key.strip() and key.isascii() and key == key.lower()
    assert name_key(key) == key


@pytest.mark.parametrize(
    ("typed", "origin", "lonlat"),
    [
        ("Aktau", "aktau_port/aktau", (51.222, 43.6026)),
        ("Актау", "aktau_port/aktau", (51.222, 43.6026)),
        ("Ələt", "baku_port/alat", (49.407, 39.948)),
        ("Алят", "baku_port/alat", (49.407, 39.948)),
        ("Карс", None, (43.0958, 40.6078)),
        ("Dostyk", "middle_corridor/china-aktogay", (82.4855, 45.254)),
        # the Black Sea cable's landing, a village GeoNames (towns over 15,000) does not hold
        ("Anaklia", "green_energy_cable/anaklia-constanta", (41.5692, 42.3936)),
        ("Анаклия", "green_energy_cable/anaklia-constanta", (41.5692, 42.3936)),
    ],
)
def test_catalog_places_resolve_in_any_spelling(catalog_index, typed, origin, lonlat) -> None:
    place = resolve_named_endpoint(typed, [catalog_index], "FROM")
    assert place.lonlat == pytest.approx(lonlat)
    if origin:
        assert place.origin == origin


def test_two_spellings_give_the_same_label(catalog_index) -> None:
    latin = resolve_named_endpoint("Aktau", [catalog_index])
    cyrillic = resolve_named_endpoint("Актау", [catalog_index])
    assert latin == cyrillic and latin.label == "Port of Aktau (Aktau International Sea Trade Port)"


def test_ids_and_coordinates_still_work(catalog_index) -> None:
    kuryk = resolve_named_endpoint("kuryk_port/kuryk", [catalog_index])
    assert kuryk.lonlat == (51.44161, 43.16477)
    assert resolve_named_endpoint("49.5,40.1", [catalog_index]).lonlat == (49.5, 40.1)


def test_an_ambiguous_name_lists_its_candidates_in_one_line() -> None:
    index = place_index([
        (["Alat"], Place("Alat", 49.407, 39.948, "baku_port/alat", "baku_port/alat", 0)),
        (["Alat"], Place("Alat (UZ)", 63.8, 39.4, "geonames:1", "63.80000,39.40000", 0)),
    ])
    with pytest.raises(InputError) as raised:
        resolve_place("Алят", [index], "FROM")
    message = str(raised.value)
    assert "\n" not in message
    assert "names 2 places" in message
    assert "type baku_port/alat" in message and "type 63.80000,39.40000" in message


def test_matches_of_one_town_are_one_place() -> None:
    city = Place("Kars", 43.0958, 40.6078, "a/b", "a/b", 0)
    station = Place("Kars station", 43.11, 40.61, "osm", "43.11000,40.61000", 1)
    index = place_index([(["Kars"], city), (["Kars station"], station)])
    assert resolve_place("Kars", [index]) == city


def test_a_later_index_is_built_only_when_the_earlier_have_no_match(catalog_index) -> None:
    def never() -> None:
        raise AssertionError("the fallback index must not be built")

    assert resolve_place("Aktau", [catalog_index, never]).origin == "aktau_port/aktau"


def test_an_unknown_name_says_what_to_type(catalog_index) -> None:
    with pytest.raises(LayerNotFoundError, match="fix: check the spelling, give the point as"):
        resolve_named_endpoint("Atlantis-on-Caspian", [catalog_index], "TO")


def test_an_empty_name_is_refused(catalog_index) -> None:
    with pytest.raises(InputError, match="empty"):
        resolve_named_endpoint("  ", [catalog_index], "TO")


@pytest.mark.parametrize(("typed", "suggested"), [
    ("Горадиз", "Horadiz"),  # Russian writes Azerbaijani h as г
    ("Гаджигабул", "Hajigabul"),
    ("Culfa", "Julfa"),  # Azerbaijani c is English j
])
def test_an_unknown_name_suggests_a_catalog_place_spelt_nearly_so(
    catalog_index, typed: str, suggested: str
) -> None:
    with pytest.raises(LayerNotFoundError) as raised:
        resolve_named_endpoint(typed, [catalog_index], "FROM")
    assert f"; did you mean {suggested!r}? fix: check the spelling" in str(raised.value)
    assert resolve_named_endpoint(suggested, [catalog_index]).name == suggested


def test_a_geonames_place_is_never_suggested() -> None:
    index = place_index([(["Horadiz"], Place("Horadiz", 47.3, 39.4, "geonames:1", "47.3,39.4", 2))])
    with pytest.raises(LayerNotFoundError) as raised:
        resolve_place("Горадиз", [index], "FROM")
    assert "did you mean" not in str(raised.value)


@pytest.mark.parametrize(
    ("typed", "catalog_name"),
    [
        # Azerbaijani: was "FROM 'Bakı' names 3 places: Baku (AZ) ...; Baki (ID) ...; Baki (SO)"
        ("Bakı", "Baku"),
        # Turkmen: was GeoNames' town Türkmenbaşy (TM), 7 km from the catalog's port
        ("Türkmenbaşy", "Turkmenbashi"),
    ],
)
def test_a_catalog_place_in_its_countrys_language_is_the_catalog_place(
    catalog_index, typed: str, catalog_name: str
) -> None:
    # GeoNames gives the town both names; the catalog place of its country answers, as the
    # name the catalog knows does, and towns of the name abroad do not make it ambiguous
    from caspian.layers.catalog.places import geonames_index

    expected = resolve_place(catalog_name, [catalog_index])
    assert expected.tier == 0
    assert resolve_place(typed, [catalog_index, geonames_index]) == expected


def test_a_name_of_towns_abroad_only_stays_ambiguous(catalog_index) -> None:
    from caspian.layers.catalog.places import geonames_index

    with pytest.raises(InputError, match=r"'Paris' names 3 places: Paris \(FR\)"):
        resolve_place("Paris", [catalog_index, geonames_index])
