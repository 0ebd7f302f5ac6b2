"""Conflicts found from the claims, checked against the catalog's hand-made list."""

from __future__ import annotations

import json
import re

import pytest
from caspian.layers.catalog import load_catalog
from caspian.layers.news.analysis import analyse, corpus_conflicts
from caspian.layers.news.conflicts import Conflict, check_catalog_conflicts
from caspian.layers.news.corpus import seed_documents
from caspian.layers.news.documents import read_document
from cli_support import run_cli
from news_support import KARS_TEXT, PORTAL_HTML


def _seed_conflicts() -> list[Conflict]:
    return corpus_conflicts([analyse(document) for document in seed_documents()])


def _by_id(conflicts: list[Conflict]) -> dict[str, Conflict]:
    return {conflict.id: conflict for conflict in conflicts}


def test_the_547_million_usd_for_eight_and_for_nine_months_is_found() -> None:
    conflict = _by_id(_seed_conflicts())["period:topic:trade_turnover:money:reported"]
    assert [(c.document[:3], c.value, c.context["period"]["months"]) for c in conflict.claims] == [
        ("002", 547e6, 8),
        ("003", 547e6, 9),
    ]


def test_almost_five_times_against_almost_three_times_is_found() -> None:
    conflict = _by_id(_seed_conflicts())["value:topic:trade_turnover:growth:reported"]
    assert [(c.text, c.value) for c in conflict.claims] == [
        ("почти в пять раз", 5.0),
        ("почти в три раза", 3.0),
    ]


def test_the_seeds_give_exactly_three_conflicts() -> None:
    assert sorted(_by_id(_seed_conflicts())) == [
        "catalog:zangezur_corridor/kars-dilucu:length:003_833792392fde0c57.txt:3799",
        "period:topic:trade_turnover:money:reported",
        "value:topic:trade_turnover:growth:reported",
    ]


def test_the_hand_made_conflicts_are_checked_against_what_was_found() -> None:
    rows = check_catalog_conflicts(_seed_conflicts(), load_catalog().values())
    status = {row["conflict"]: row["status"] for row in rows}
    assert status["mc-trade-period"] == "found"
    assert status["mc-trade-growth"] == "found"
    assert status["kars-dilucu-length"] == "found"
    # one horizon stated, one not: no contradiction in numbers; the operator is not numeric
    assert status["mc-trade-target"] == "not found"
    assert status["btc-operator"] == "not found"
    assert status["btc-length"] == "not checkable"  # every value is from an external page
    assert len(rows) == sum(len(layer.conflicts) for layer in load_catalog().values())


def test_a_length_that_contradicts_the_catalog_is_reported() -> None:
    analyses = [analyse(read_document(KARS_TEXT)), *map(analyse, seed_documents())]
    found = [c for c in corpus_conflicts(analyses) if c.rule == "catalog"]
    fixture = next(c for c in found if c.claims[0].document == str(KARS_TEXT))
    assert fixture.claims[0].value == 240.0
    assert {(v["value"], v["source"]) for v in fixture.catalog_values} == {
        (224, "s003-kars"),
        (223.6, "menafn-trend-2025-08-22"),
        (223.6, "reportaz-2026-03-05"),
    }


def test_an_agreeing_length_is_no_conflict() -> None:
    analyses = [analyse(read_document(PORTAL_HTML))]
    assert not [c for c in corpus_conflicts(analyses) if c.kind == "length"]


def test_the_same_article_twice_does_not_disagree_with_itself() -> None:
    analyses = [analyse(document) for document in seed_documents()]
    assert len(corpus_conflicts([*analyses, *analyses])) == len(corpus_conflicts(analyses))


def test_conflicts_command_lists_found_conflicts_and_the_catalog_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(["conflicts"], capsys)
    assert code == 0
    assert "! period: topic:trade_turnover money (reported)" in out
    # Column widths follow the longest conflict id of the catalog.
    assert re.search(r"mc-trade-growth +found", out)
    code, out, _ = run_cli(["conflicts", "--format", "json"], capsys)
    data = json.loads(out)
    assert len(data["conflicts"]) == 3
    assert {row["status"] for row in data["catalog_conflicts"]} == {
        "found",
        "not found",
        "not checkable",
    }
