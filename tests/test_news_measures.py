"""Conflicts of capacities against the catalog and of event dates between articles.

The articles here are two-line texts written for these tests (not news); the capacities they
contradict are the catalog's (layers/data/zangezur_corridor.geojson: Horadiz–Aghband, design
15 Mt/yr).
"""

from __future__ import annotations

from caspian.layers.news.analysis import analyse, corpus_conflicts
from caspian.layers.news.conflicts import Conflict
from caspian.layers.news.documents import parse_document


def _conflicts(*texts: str) -> list[Conflict]:
    documents = [
        parse_document(f"date 2026-01-10\n{text}\n", f"test_{number}.txt", "text", ".txt")
        for number, text in enumerate(texts)
    ]
    return corpus_conflicts([analyse(document) for document in documents])


def test_a_capacity_the_catalog_does_not_state_is_a_conflict() -> None:
    (found,) = _conflicts(
        "Пропускная способность железной дороги Горадиз–Агбенд составит 20 млн тонн в год."
    )
    assert (found.rule, found.kind, found.unit, found.claims[0].value) == (
        "catalog", "mass", "Mt/yr", 20.0,
    )
    assert [value["value"] for value in found.catalog_values] == [15]


def test_a_capacity_the_catalog_states_is_no_conflict() -> None:
    assert _conflicts(
        "Пропускная способность железной дороги Горадиз–Агбенд составит 15 млн тонн в год."
    ) == []


def test_one_event_dated_differently_by_two_articles_is_a_conflict() -> None:
    (found,) = _conflicts(
        "Железная дорога Горадиз–Агбенд: соглашение подписали 5 марта 2024 года.",
        "Железная дорога Горадиз–Агбенд: соглашение подписали 6 марта 2024 года.",
    )
    assert (found.kind, found.subject) == ("event", "zangezur_corridor/horadiz-aghband")


def test_two_different_events_of_one_feature_are_no_conflict() -> None:
    assert _conflicts(
        "Железная дорога Горадиз–Агбенд: соглашение подписали 5 марта 2024 года.",
        "Железная дорога Горадиз–Агбенд: участок открыли 6 марта 2024 года.",
    ) == []


def _claims(text: str) -> list[tuple[str, str | None]]:
    document = parse_document(f"date 2026-01-10\n{text}\n", "test.txt", "text", ".txt")
    return [(claim.text, claim.scope) for claim in analyse(document).claims]


def test_a_part_named_after_including_is_no_total() -> None:
    # "включая 443 км" names the Azerbaijani section, not a total that counts more
    found = _claims(
        "Протяженность нефтепровода Баку–Тбилиси–Джейхан 1 768 км, включая 443 км по "
        "территории Азербайджана."
    )
    assert found == [("1 768 км", None), ("443 км", "section:AZ")]


def test_one_way_after_a_length_is_the_features_own_length() -> None:
    # a route split into parts needs two ways; "железной дороги" alone is the line itself
    found = _claims("Турция начала строительство 224 километров железной дороги Карс–Дилуджу.")
    assert found == [("224 километров", None)]


def test_a_depth_and_a_speed_in_words_are_no_lengths() -> None:
    found = _claims(
        "Кабель Сумгаит–Актау проложат на глубине до 1 км, протяженностью 380 км; "
        "поезда по линии Карс–Дилуджу пойдут со скоростью до 160 километров в час."
    )
    assert found == [("380 км", None)]


def test_an_owners_stake_in_brackets_closed_by_an_editors_mark_is_no_claim() -> None:
    """held453 (1news.az): "была создана компания, в которой долю имеют США (74% – ред.) и
    Армения (26% – ред.)": the owners' stakes in the company building the TRIPP route, no
    figure of the route."""
    from caspian.layers.news.scopes import stake_scope

    text = "Была создана компания, в которой долю имеют США (74% – ред.) и Армения (26% – ред.)."
    for written in ("74%", "26%"):
        start = text.index(written)
        assert stake_scope(text, 0, (start, start + len(written))) == "actor:owner"
    # a percent in brackets with no name before it is no stake
    assert stake_scope("долю имеют (74% – ред.)", 0, (12, 15)) is None
