"""The news reader on real articles (tests/data/news_real, docs/news-annotation.md).

The floors are the figures measured when the set was scored (README, "News reader on real
articles"): a change that makes the reader worse on real news fails here. Each class of error
the reader was improved on has a test on the real wording that showed it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from caspian.layers.news.analysis import Analysis, analyse, corpus_conflicts
from caspian.layers.news.claims import Claim
from caspian.layers.news.documents import read_document
from caspian.layers.news.evaluation import Evaluation, documents_of, evaluate
from cli_support import run_cli

REAL = Path(__file__).parent / "data" / "news_real"


@cache
def _evaluation(part: str) -> Evaluation:
    return evaluate(REAL, part)


@cache
def _analysis(name: str) -> Analysis:
    return analyse(read_document(REAL / name))


def _claim(name: str, written: str) -> Claim:
    """The claim of article ``name`` whose text starts with ``written``."""
    analysis = _analysis(name)
    found = [claim for claim in analysis.claims if claim.text.startswith(written)]
    assert found, f"no claim {written!r} in {name}: {[c.text for c in analysis.claims]}"
    return found[0]


def test_the_set_has_twelve_articles_from_four_outlets_and_a_held_out_part() -> None:
    entries = documents_of(REAL)
    held_out = documents_of(REAL, "heldout")
    assert len(entries) >= 12 and len({entry["outlet"] for entry in entries}) >= 4
    assert len(held_out) >= 4 and len({entry["outlet"] for entry in held_out}) >= 2
    for entry in entries:
        assert (REAL / entry["id"]).is_file()
        assert entry["url"].startswith("https://") and entry["date"][:2] == "20"
        gold = json.loads((REAL / "gold" / entry["id"].replace(".txt", ".json")).read_text())
        assert gold["date"] == entry["date"]


# (right, found, expected) measured on each part when the floors were set.
MEASURED = {
    "dev": {"mentions": (33, 34, 33), "claims": (28, 32, 30), "dates": 11,
            "conflicts": (1, 1, 1)},
    "heldout": {"mentions": (22, 22, 25), "claims": (20, 29, 27), "dates": 10,
                "conflicts": (0, 4, 0)},
}  # fmt: skip


@pytest.mark.parametrize("score", ["mentions", "claims"])
@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_mentions_and_claims_do_not_fall_below_the_measured_figures(part: str, score: str) -> None:
    right, found, expected = MEASURED[part][score]
    tally = getattr(_evaluation(part), score)
    assert tally.expected == expected
    assert tally.right >= right and tally.found - tally.right <= found - right


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_every_publication_date_is_read(part: str) -> None:
    evaluation = _evaluation(part)
    assert evaluation.dates_right == MEASURED[part]["dates"] == evaluation.documents


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_conflicts_do_not_fall_below_the_measured_figures(part: str) -> None:
    real_reported, reported, real_found = MEASURED[part]["conflicts"]
    score = _evaluation(part).conflicts
    assert score.real_found >= real_found
    assert score.reported - score.real_reported <= reported - real_reported


def test_a_yearly_capacity_of_the_first_stage_is_not_the_second_stages_total() -> None:
    name = "dev01_report_20251126_kazmortransflot.txt"
    first, second = _claim(name, "140 тысяч TEU"), _claim(name, "240 тысяч TEU")
    assert (first.unit, first.scope) == ("TEU/yr", "stage:1")
    assert (second.unit, second.scope) == ("TEU", "stage:2")
    deadline = _claim(name, "до конца этого года")
    assert (deadline.value, deadline.scope, deadline.layer) == (2025.0, "stage:1", "aktau_port")


def test_a_share_of_work_done_is_a_percent_of_design_or_construction() -> None:
    name = "dev05_report_20251113_horadiz_agbend.txt"
    design = [c for c in _analysis(name).claims if c.text == "85%"][-1]
    construction = _claim(name, "68%")
    assert (design.kind, design.scope, design.feature) == ("percent", "design", "horadiz-aghband")
    assert (construction.kind, construction.scope) == ("percent", "construction")
    assert construction.context["as_of"] == "2025-11-13"


def test_progress_stated_at_two_dates_is_no_conflict() -> None:
    analyses = [_analysis("dev05_report_20251113_horadiz_agbend.txt"),
                _analysis("held02_report_20260227_horadiz_agbend_70.txt")]  # fmt: skip
    assert [c for c in corpus_conflicts(analyses) if c.kind == "percent"] == []


def test_deadlines_by_quarter_bare_year_and_a_future_completion_date() -> None:
    quarter = _claim("dev04_dayaz_20260204_digital_silk_road.txt", "в третьем квартале 2026")
    assert (quarter.kind, quarter.value, quarter.feature) == ("deadline", 2026.0, "sumgayit-aktau")
    bare = _claim("dev06_dayaz_20251126_horadiz_agbend_deadline.txt", "в 2026")
    assert (bare.kind, bare.value, bare.feature) == ("deadline", 2026.0, "horadiz-aghband")
    dated = _claim("dev07_report_20260305_kars_depot.txt", "24 сентября 2029")
    assert (dated.kind, dated.value, dated.feature) == ("deadline", 2029.0, "kars-dilucu")


def test_a_past_year_and_a_forecast_horizon_are_not_deadlines() -> None:
    history = _analysis("dev11_haqqin_20250816_btc_azertrans.txt")
    assert not [c for c in history.claims if c.kind == "deadline"]  # "в 2001 году"
    forecast = _analysis("dev10_report_20251006_baku_port_record.txt")
    assert not [c for c in forecast.claims if c.kind == "deadline"]  # "к концу года"
    assert _claim("dev10_report_20251006_baku_port_record.txt", "100 тысяч TEU").value == 100000


def test_the_tunnels_length_and_the_depots_build_time_are_components_not_the_line() -> None:
    tunnels = _claim("dev07_report_20260305_kars_depot.txt", "11,5 км")
    assert (tunnels.feature, tunnels.scope) == ("kars-dilucu", "component:тоннель")
    depot = _claim("dev07_report_20260305_kars_depot.txt", "в течение двух месяцев")
    assert (depot.kind, depot.value, depot.scope) == ("duration", 2.0, "component:депо")


def test_a_section_named_by_the_place_it_passes_through_is_that_leg() -> None:
    section = _claim("dev06_dayaz_20251126_horadiz_agbend_deadline.txt", "188-километрового")
    assert (section.feature, section.scope) == ("nakhchivan", None)
    assert "section through Нахчыван" in str(section.link)


def test_a_figure_before_any_name_takes_the_project_named_next() -> None:
    length = _claim("dev08_report_20260114_nakhchivan_stations.txt", "194,1 км")
    assert (length.feature, length.link) == ("nakhchivan", "following sentence")


def test_a_part_of_the_corridor_is_the_feature_the_article_names() -> None:
    name = "dev09_tass_20250822_kars_groundbreaking.txt"
    assert _claim(name, "224-километровой").feature == "kars-dilucu"
    assert _claim(name, "15 млн тонн").unit == "Mt/yr"  # "ежегодную перевозку … 15 млн тонн"
    repair, new = _claim(name, "150 км"), _claim(name, "20-километровый")
    assert [(c.feature, c.scope) for c in (repair, new)] == [(None, "section:AZ")] * 2


def test_the_nakhchivan_lengths_of_two_outlets_are_a_real_conflict() -> None:
    analyses = [_analysis("dev06_dayaz_20251126_horadiz_agbend_deadline.txt"),
                _analysis("dev08_report_20260114_nakhchivan_stations.txt")]  # fmt: skip
    conflicts = corpus_conflicts(analyses)
    assert [(c.subject, sorted(x.value for x in c.claims)) for c in conflicts] == [
        ("zangezur_corridor/nakhchivan", [188.0, 194.1])
    ]


def test_adding_the_real_articles_to_a_new_corpus_stores_every_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [entry["id"] for entry in documents_of(REAL)]
    corpus = tmp_path / "corpus"
    argv = ["ingest", *(str(REAL / name) for name in names), "--add", "--corpus", str(corpus)]
    code, _, err = run_cli(argv, capsys)
    assert (code, err) == (0, "")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == len(names) >= 12
    assert len(list(corpus.glob("*.txt"))) == len(names)


def test_dates_printed_by_outlets_without_the_collectors_header_are_read() -> None:
    printed = {
        "held05_abcaz_20260205_black_sea_cable.txt": "2026-02-05",  # "17:29 - 5.02.2026"
        "held08_blackseanews_20260119_btc_exports.txt": "2026-01-19",  # "17:20 19.01.2026"
        "held10_railnews_20241115_aktau_container_hub.txt": "2024-11-15",  # "15.11.2024, 12:42"
    }
    for name, date in printed.items():
        document = _analysis(name).document
        assert (document.date, document.date_source) == (date, "inline"), name
