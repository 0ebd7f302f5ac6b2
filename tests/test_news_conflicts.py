"""Conflicts found from the claims, checked against the catalog's hand-made list."""

from __future__ import annotations

import json
import re

import pytest
from caspian.layers.catalog.loading import load_catalog
from caspian.layers.news.agreement import agree, significant_step
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


def test_the_seeds_give_exactly_two_conflicts() -> None:
    # 224 km (seed 003) against the catalog's 223.6 km is a rounding difference, no conflict
    assert sorted(_by_id(_seed_conflicts())) == [
        "period:topic:trade_turnover:money:reported",
        "value:topic:trade_turnover:growth:reported",
    ]


def test_the_hand_made_conflicts_are_checked_against_what_was_found() -> None:
    rows = check_catalog_conflicts(_seed_conflicts(), load_catalog().values())
    status = {row["conflict"]: row["status"] for row in rows}
    assert status["mc-trade-period"] == "found"
    assert status["mc-trade-growth"] == "found"
    reasons = {row["conflict"]: row["reason"] for row in rows}
    assert (status["kars-dilucu-length"], reasons["kars-dilucu-length"]) == (
        "not found", "the values agree within rounding, which is no conflict"
    )
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
    assert re.search(r"^middle_corridor +mc-trade-growth +found$", out, re.M)
    code, out, _ = run_cli(["conflicts", "--format", "json"], capsys)
    data = json.loads(out)
    assert len(data["conflicts"]) == 2
    assert {row["status"] for row in data["catalog_conflicts"]} == {
        "found",
        "not found",
        "not checkable",
    }


def test_two_hundred_twenty_four_km_in_words_agrees_with_224_km() -> None:
    from caspian.layers.news.documents import parse_document

    worded = analyse(parse_document(
        "Железная дорога Карс–Дилуджу протяжённостью двести двадцать четыре километра.\n",
        "worded.txt", "text",
    ))
    assert [(c.value, c.text) for c in worded.claims] == [
        (224.0, "двести двадцать четыре километра")
    ]
    found = corpus_conflicts([*[analyse(d) for d in seed_documents()], worded], [])
    assert not [c for c in found if any(claim.document == "worded.txt" for claim in c.claims)]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("224 км", "223,6 км", False),
        ("224 км", "224,4 км", False),
        ("224 км", "224,6 км", True),
        ("240 км", "224 км", True),
        ("1,5 млн тонн", "1 450 тысяч тонн", False),
        ("1,5 млн тонн", "1 400 тысяч тонн", True),
    ],
)
def test_a_rounding_difference_between_articles_is_no_conflict(
    first: str, second: str, conflict: bool
) -> None:
    from caspian.layers.news.documents import parse_document

    analyses = [
        analyse(parse_document(f"Порт Курык: за год {figure}.\n", f"{index}.txt", "text"))
        for index, figure in enumerate((first, second))
    ]
    found = corpus_conflicts(analyses, [])
    assert [c.rule for c in found] == (["value"] if conflict else [])


def test_conflicts_among_many_claims_of_one_measure_list_each_claim_once() -> None:
    from caspian.layers.news.documents import parse_document

    analyses = [
        analyse(parse_document(
            f"Заметка {index}. Порт Курык: {200 + index % 3} км.\n", f"{index}.txt", "text"
        ))
        for index in range(60)
    ]
    (found,) = corpus_conflicts(analyses, [])
    assert [claim.document for claim in found.claims] == [f"{i}.txt" for i in range(60)]


@pytest.mark.parametrize(
    ("section", "scope"),
    [
        ("Из них 443 км — азербайджанский участок нефтепровода Баку–Тбилиси–Джейхан.",
         "section:AZ"),
        ("По территории Грузии нефтепровод Баку–Тбилиси–Джейхан проходит 249 км.", "section:GE"),
        ("Вторая нитка нефтепровода Баку–Тбилиси–Джейхан составит 500 км.", "second line"),
        ("Резервная линия нефтепровода Баку–Тбилиси–Джейхан — 300 км.", "backup"),
    ],
)
def test_a_section_or_second_line_is_not_compared_with_the_whole(section: str, scope: str) -> None:
    from caspian.layers.news.documents import parse_document

    whole = analyse(parse_document(
        "Длина нефтепровода Баку–Тбилиси–Джейхан составляет 1768 км.\n", "whole.txt", "text"
    ))
    part = analyse(parse_document(section + "\n", "part.txt", "text"))
    (claim,) = part.claims
    assert (claim.subject, claim.scope) == ("btc_pipeline/btc", scope)
    assert corpus_conflicts([whole, part], load_catalog().values()) == [
        c for c in corpus_conflicts([whole], load_catalog().values())
    ]


def test_two_sections_of_one_country_that_disagree_are_a_conflict() -> None:
    from caspian.layers.news.documents import parse_document

    analyses = [
        analyse(parse_document(f"Азербайджанский участок нефтепровода Баку–Тбилиси–Джейхан — "
                               f"{length} км.\n", f"{length}.txt", "text"))
        for length in (443, 449)
    ]
    (found,) = corpus_conflicts(analyses, [])
    assert found.id == "value:btc_pipeline/btc:length:reported:section:AZ"


def test_a_hand_made_conflict_is_found_from_users_articles_not_only_from_seeds(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    for length in (1768, 1776):
        article = tmp_path / f"btc_{length}.txt"
        article.write_text(f"Длина нефтепровода Баку–Тбилиси–Джейхан — {length} км.\n",
                           encoding="utf-8")
        code, _, _ = run_cli(["ingest", str(article), "--add", "--corpus", str(corpus)], capsys)
        assert code == 0
    code, out, _ = run_cli(["conflicts", "--corpus", str(corpus), "--format", "json"], capsys)
    data = json.loads(out)
    rows = {row["conflict"]: row for row in data["catalog_conflicts"]}
    assert (rows["btc-length"]["status"], rows["btc-length"]["found"]) == (
        "found", ["value:btc_pipeline/btc:length:reported"]
    )
    assert rows["bse-length"]["status"] == "not checkable"
    # each figure is one published source's: no conflict with the catalog of its own
    assert not [c for c in data["conflicts"] if c["rule"] == "catalog"
                and c["subject"] == "btc_pipeline/btc"]


def test_one_article_stating_one_published_figure_makes_the_hand_made_conflict_checkable(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "btc.txt"
    article.write_text("Длина нефтепровода Баку–Тбилиси–Джейхан — 1776 км.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    run_cli(["ingest", str(article), "--add", "--corpus", str(corpus)], capsys)
    code, out, _ = run_cli(["conflicts", "--corpus", str(corpus), "--format", "json"], capsys)
    rows = {row["conflict"]: row for row in json.loads(out)["catalog_conflicts"]}
    assert (code, rows["btc-length"]["status"]) == (0, "not found")


@pytest.mark.parametrize(
    ("value", "step", "expected"),
    [(400.0, 1.0, 100.0), (1155.0, 1.0, 1.0), (194.1, 0.1, 0.1), (4250.0, 1.0, 10.0),
     (0.0, 1.0, 1.0), (200.0, None, None)],
)  # fmt: skip
def test_an_approximate_figure_is_exact_to_its_last_non_zero_digit(
    value: float, step: float | None, expected: float | None
) -> None:
    assert significant_step(value, step) == expected


def test_about_400_km_covers_380_and_about_1100_km_does_not_cover_1195() -> None:
    assert agree(400.0, 380.0, significant_step(400.0, 1.0), 1.0)
    assert not agree(400.0, 460.0, significant_step(400.0, 1.0), 1.0)
    assert not agree(1100.0, 1195.0, significant_step(1100.0, 1.0), 1.0)


@pytest.mark.parametrize(("other", "conflict"), [("50", False), ("80", False), ("90", True)])
def test_a_range_holding_the_other_figure_is_no_conflict(other: str, conflict: bool) -> None:
    """held265 (Utro.ru) names 'от 40 до 80 млн. тонн в год' for the BTC pipeline; held488's
    '50 млн тонн нефти в год' lies in that range: no disagreement; 90 Mt a year lies outside."""
    from caspian.layers.news.documents import parse_document

    ranged = analyse(parse_document(
        "Пропускная способность нефтепровода Баку-Тбилиси-Джейхан составит от 40 до 80 млн. тонн"
        " в год.\n", "range.txt", "text",
    ))
    assert [(c.value, c.value_max) for c in ranged.claims] == [(40.0, 80.0)]
    plain = analyse(parse_document(
        f"Пропускная способность нефтепровода Баку-Тбилиси-Джейхан составит {other} млн тонн"
        " нефти в год.\n", "plain.txt", "text",
    ))
    found = corpus_conflicts([ranged, plain], [])
    assert bool(found) is conflict
