"""The news reader on real articles (tests/data/news_real, docs/news-annotation.md).

The floors are the figures measured when the set was scored (README, "Measured on real
articles"; every part and round in docs/news-measured.md): a change that makes the reader
worse on real news fails here. Each class of error the reader was improved on has a test on
the real wording that showed it.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from caspian.layers.news.agreement import tolerance_step
from caspian.layers.news.analysis import Analysis, analyse, corpus_conflicts
from caspian.layers.news.claims import CUT_UNIT, Claim, find_claims
from caspian.layers.news.dates import find_dates, month_number
from caspian.layers.news.documents import parse_document, read_document
from caspian.layers.news.evaluation import Evaluation, documents_of, evaluate
from caspian.layers.news.linking import refers_to_route
from caspian.layers.news.mentions import route_initials
from caspian.layers.news.quantities import is_change_noun, of_a_change, quantities
from caspian.layers.news.scopes import (
    clause,
    cut_country,
    first_before_a_later,
    share_scope,
    stage_scope,
    works_in_country,
)
from caspian.layers.news.text import lemmas
from caspian.layers.news.timing import deadlines, events, heading_year, years_stated
from cli_support import run_cli

REAL = Path(__file__).parent / "data" / "news_real"


@cache
def _evaluation(part: str) -> Evaluation:
    return evaluate(REAL, part)


@cache
def _analysis(name: str) -> Analysis:
    return analyse(read_document(REAL / name))


def _conflicts(*names: str) -> list[Any]:
    """The conflicts the reader finds among the real articles ``names``."""
    return corpus_conflicts([_analysis(name) for name in names])


@cache
def _dev_conflicts() -> tuple[Any, ...]:
    """The conflicts the reader finds over the whole development part (computed once)."""
    return tuple(corpus_conflicts([_analysis(entry["id"]) for entry in documents_of(REAL, "dev")]))


def _dev_btc_conflicts(kind: str) -> list[Any]:
    """The conflicts over development between figures of ``kind`` of the BTC pipeline."""
    return [conflict for conflict in _dev_conflicts()
            if conflict.subject == "btc_pipeline/btc" and conflict.kind == kind]


def _conflict_kinds(*names: str) -> set[str]:
    """The kinds of figure (``length``, ``deadline`` ...) the conflicts among ``names`` are of."""
    return {conflict.kind for conflict in _conflicts(*names)}


def _claim(name: str, written: str) -> Claim:
    """The claim of article ``name`` whose text starts with ``written``."""
    analysis = _analysis(name)
    found = [claim for claim in analysis.claims if claim.text.startswith(written)]
    assert found, f"no claim {written!r} in {name}: {[c.text for c in analysis.claims]}"
    return found[0]


def _last_claim(name: str, written: str) -> Claim:
    """The last claim of article ``name`` whose text is exactly ``written``."""
    found = [claim for claim in _analysis(name).claims if claim.text == written]
    assert found, f"no claim {written!r} in {name}"
    return found[-1]


#: The held-out parts seen and fixed, so development now: held01-held10, held11-held17,
#: held18-held26, held27-held38, held39-held52, held53-held63, held64-held78, held79-held97,
#: held98-held112, held113-held127, held128-held139, held140-held154, held155-held167,
#: held168-held180, held181-held192, held193-held204, held205-held216, held217-held228,
#: held229-held240, held241-held252, held253-held264, held265-held276, held277-held288,
#: held289-held300, held301-held311, held312-held321, held322-held333, held334-held345,
#: held346-held357, held358-held369, held370-held380, held381-held390, held391-held424,
#: held425-held441, held442-held461, held462-held475, held476-held485, held486-held503,
#: held504-held524, held525-held540, held541-held553, held554-held568, held569-held580,
#: held581-held596, held597-held618, held619-held640, held641-held656, held657-held668,
#: held669-held689, held690-held712, held713-held727, held728-held743, held744-held757,
#: held758-held772, held773-held787 and held788-held800.
SEEN = {f"held{n:02d}" for n in range(1, 801)}


def _part_id(entry: dict[str, Any]) -> str:
    """``held07`` of ``held07_report_...txt``, ``held100`` of ``held100_vch_...txt``."""
    return str(entry["id"]).split("_", 1)[0]


def _held_out() -> list[dict[str, Any]]:
    """The entries of the held-out part; skips the test when the set has none yet (a part
    once seen moves to development before the next one is added)."""
    entries = documents_of(REAL, "heldout")
    if not entries:
        pytest.skip("the set holds no held-out part now: all of it has been seen")
    return entries


def test_the_set_has_twelve_articles_from_four_outlets_and_every_seen_part_in_development() -> None:
    entries = documents_of(REAL)
    assert len(entries) >= 12 and len({entry["outlet"] for entry in entries}) >= 4
    assert {_part_id(entry) for entry in documents_of(REAL, "dev")} >= SEEN
    for entry in entries:
        assert (REAL / entry["id"]).is_file()
        assert entry["url"].startswith(("https://", "http://"))
        # the earliest article is of 1999 (held550, the BTC pipeline's financing talks)
        day = datetime.date.fromisoformat(entry["date"])
        assert datetime.date(1999, 1, 1) <= day <= datetime.date(2026, 12, 7)
        gold = json.loads((REAL / "gold" / entry["id"].replace(".txt", ".json")).read_text())
        assert gold["date"] == entry["date"]


def test_the_held_out_part_is_new_articles_from_four_outlets() -> None:
    held_out = _held_out()
    assert len(held_out) >= 10 and len({entry["outlet"] for entry in held_out}) >= 4
    assert not {_part_id(entry) for entry in held_out} & SEEN


# (right, found, expected) measured on each part when the floors were set; conflicts are
# (real reported, reported, real found). Development (811 articles) with the fifty-sixth part
# (held788-held800) in it, measured before anything was changed for it (mentions (1851, 1887,
# 1905), claims (1030, 1113, 1192), dates 598, conflicts (62, 81, 701)).
# The held-out part (held801-held813, the fifty-seventh part, 13 articles) from its first and
# only run (8 Dec 2026), before anything was changed for it.
MEASURED = {
    "dev": {"mentions": (1851, 1887, 1905), "claims": (1034, 1104, 1192), "dates": 598,
            "conflicts": (62, 77, 703)},
    "heldout": {"mentions": (39, 39, 41), "claims": (7, 13, 19), "dates": 11,
                "conflicts": (0, 0, 0)},
}  # fmt: skip


def _scored(part: str) -> Evaluation:
    """The scores of ``part``; the held-out one's test is skipped while it holds nothing."""
    if part == "heldout":
        _held_out()
    return _evaluation(part)


@pytest.mark.parametrize("score", ["mentions", "claims"])
@pytest.mark.parametrize("part", sorted(MEASURED))
def test_mentions_and_claims_do_not_fall_below_the_measured_figures(part: str, score: str) -> None:
    right, found, expected = MEASURED[part][score]
    tally = getattr(_scored(part), score)
    assert tally.expected == expected
    assert tally.right >= right and tally.found - tally.right <= found - right


@pytest.mark.parametrize("part", sorted(MEASURED))
def test_publication_dates_are_read_as_often_as_measured(part: str) -> None:
    evaluation = _scored(part)
    assert evaluation.dates_right >= MEASURED[part]["dates"]
    if part == "dev":  # every date an excerpt prints
        assert evaluation.dates_right == evaluation.documents - len(DATELESS)


#: Development excerpts that print no date, or no year (docs/news-annotation.md, Parts).
DATELESS = ("held29", "held31", "held36", "held63", "held77", "held81", "held84", "held97",
            "held98", "held99", "held101", "held107", "held115", "held117", "held120",
            "held123", "held128", "held130", "held133", "held140", "held142", "held144",
            "held149", "held161", "held163", "held171", "held181", "held182", "held183",
            "held185", "held194", "held195", "held198", "held212", "held213", "held217",
            "held218", "held219", "held221", "held223", "held227", "held232", "held233",
            "held235", "held261", "held265", "held266", "held267", "held270", "held272",
            "held274", "held276", "held283", "held285", "held286",
            "held290", "held292", "held293", "held295", "held297",
            "held302", "held305", "held311",
            "held313", "held317", "held320", "held321",
            "held326", "held328", "held329", "held330", "held333",
            "held334",
            "held348", "held349", "held350", "held353", "held354", "held355",
            "held359", "held360", "held365",
            "held370",
            "held382", "held385", "held390",
            "held392", "held393", "held394", "held402", "held405", "held409", "held419",
            "held421", "held424",
            "held430", "held434", "held439",
            "held442", "held443", "held446", "held455", "held456", "held457", "held458",
            "held459", "held461",
            "held464", "held467", "held468", "held469", "held471", "held475",
            "held477", "held479",
            "held486", "held487", "held489", "held490", "held493", "held495",
            "held496",
            "held507", "held508", "held513", "held514", "held515", "held516",
            "held528", "held536", "held539",
            "held541", "held543", "held545", "held550", "held551", "held552",
            "held558", "held559", "held560", "held566",
            "held569", "held570", "held573", "held576", "held577",
            "held585", "held586", "held587",
            "held597", "held598", "held599", "held601", "held604", "held606", "held607",
            "held610",
            "held619", "held620", "held621", "held629", "held630", "held632", "held633",
            "held634", "held639",
            "held652", "held653",
            "held658", "held660", "held666", "held668",
            "held669", "held670", "held671", "held674", "held677", "held679", "held680",
            "held681", "held682", "held683", "held684", "held686", "held687",
            "held691", "held698", "held699", "held700", "held701", "held702", "held704",
            "held706", "held707", "held708",
            "held718", "held720", "held721", "held724", "held727",
            "held745", "held746", "held753", "held756",
            "held761", "held772", "held774", "held776", "held784", "held787",
            "held788", "held797", "held799")  # fmt: skip


@pytest.mark.parametrize("part", sorted(MEASURED))
def test_conflicts_do_not_fall_below_the_measured_figures(part: str) -> None:
    real_reported, reported, real_found = MEASURED[part]["conflicts"]
    score = _scored(part).conflicts
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
    design = _last_claim(name, "85%")
    construction = _claim(name, "68%")
    assert (design.kind, design.scope, design.feature) == ("percent", "design", "horadiz-aghband")
    assert (construction.kind, construction.scope) == ("percent", "construction")
    assert construction.context["as_of"] == "2025-11-13"
    # readiness right after the share, made an adjective: "говорили о его 99%-ной готовности, а
    # глава ГНКАР уверял, что азербайджанский отрезок БТД будет сдан в январе" (held620): the
    # whole pipeline's construction, not the Azerbaijani section named after it
    ready = _claim("held620_utro_20050211_btc_sections_99pct.txt", "99%")
    assert (ready.kind, ready.scope, ready.feature) == ("percent", "construction", "btc")
    # an oil field named only in a quotation opened after a colon past the share: "остались
    # всего 0,3% работ, и они относятся к турецкой части трубопровода: "Первый танкер с
    # азербайджанской нефтью из месторождения Азери - Чираг - Гюнешли …" (held637): the works'
    # share, the pipeline's, no field's
    left = _claim("held637_rosinvest_20060215_btc_works_0_3pct_left.txt", "0,3%")
    assert (left.kind, left.scope, left.feature) == ("percent", "construction", "btc")


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


def test_an_approximate_figure_agrees_within_its_last_non_zero_digit() -> None:
    about = _claim("held06_servernews_20251031_caspian_fiber.txt", "400 км")  # "около 400 км"
    assert (about.qualifier, tolerance_step(about)) == ("about", 100.0)
    # the catalog's 380 km is within "около 400 км"
    assert corpus_conflicts([_analysis("held06_servernews_20251031_caspian_fiber.txt")]) == []
    almost = _claim("held04_vestikavkaza_20260112_nakhchivan_stations.txt", "200 км")
    assert (almost.qualifier, almost.feature) == ("almost", "nakhchivan")  # "почти 200 км"
    analyses = [_analysis("held04_vestikavkaza_20260112_nakhchivan_stations.txt"),
                _analysis("held03_report_20251205_nakhchivan_188km.txt"),
                _analysis("dev08_report_20260114_nakhchivan_stations.txt")]  # fmt: skip
    [conflict] = corpus_conflicts(analyses)  # 188 against 194.1 km; "почти 200" agrees with both
    assert sorted(c.value for c in conflict.claims) == [188.0, 194.1]


def test_volumes_of_different_years_and_a_shippers_share_are_different_measures() -> None:
    exports = "held08_blackseanews_20260119_btc_exports.txt"
    assert _claim(exports, "27,179").context["period"]["year"] == 2025  # "в 2025 году … до"
    assert _claim(exports, "29,470").context["period"]["year"] == 2024  # "… в 2024 году"
    assert _claim(exports, "4,122").scope == "share:transit"  # "транзитной нефти"
    kazakh = _claim("held09_haqqin_20251215_kazakh_oil_btc.txt", "1,5 млн тонн")
    assert (kazakh.scope, kazakh.context["period"]["year"]) == ("share:KZ", 2025)
    series = _analysis("held07_report_20260310_tmtm_volumes.txt")
    years = [c.context["period"]["year"] for c in series.claims if c.unit == "Mt" and c.value < 5]
    assert years == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    # a country's sea freight in a sentence that names no project is no claim of the corridor
    freight = _claim("dev02_trend_20260117_kazmortransflot_teu.txt", "4,002")
    assert (freight.scope, freight.layer) == ("actor:country", None)  # "страны"
    names = ["dev02_trend_20260117_kazmortransflot_teu.txt", exports,
             "held07_report_20260310_tmtm_volumes.txt", "held09_haqqin_20251215_kazakh_oil_btc.txt"]
    assert "mass" not in _conflict_kinds(*names)


def test_a_section_named_by_a_place_adjective_is_the_leg_through_that_place() -> None:
    section = _claim("held03_report_20251205_nakhchivan_188km.txt", "188 километров")
    assert (section.feature, section.scope) == ("nakhchivan", None)  # "нахчыванский участок"
    assert "section through нахчыванский" in str(section.link)


def test_names_written_with_other_line_and_cable_words_are_found() -> None:
    branch = _analysis("held04_vestikavkaza_20260112_nakhchivan_stations.txt").mentions
    assert ("железнодорожную ветку Нахчывана", "nakhchivan") in [
        (m.text, m.feature) for m in branch
    ]
    cable = _claim("held05_abcaz_20260205_black_sea_cable.txt", "1 155 км")
    assert (cable.layer, cable.feature) == ("green_energy_cable", "anaklia-constanta")


def test_a_thousands_abbreviation_does_not_end_the_sentence() -> None:
    teu = _claim("held07_report_20260310_tmtm_volumes.txt", "77 тыс. TEU")  # "около 77 тыс. TEU."
    assert (teu.value, teu.layer, teu.context["period"]["year"]) == (77000, "middle_corridor", 2025)


def test_a_point_between_thousands_in_a_russian_article_groups_them() -> None:
    name = "held08_blackseanews_20260119_btc_exports.txt"
    length = _claim(name, "1.768 километров")  # "составляет 1.768 километров"
    assert (length.value, length.unit, length.feature) == (1768.0, "km", "btc")
    # read as 1.768 km it was a false conflict with the catalog's length of BTC
    assert [c for c in corpus_conflicts([_analysis(name)]) if c.kind == "length"] == []


def test_millions_and_thousands_written_together_are_one_figure() -> None:
    cargo = _claim("dev10_report_20251006_baku_port_record.txt", "6 млн 108 тыс. тонн")
    assert (cargo.value, cargo.unit, cargo.feature) == (6.108, "Mt", "alat")


def test_the_first_end_of_a_range_takes_the_unit_of_the_second() -> None:
    name = "held07_report_20260310_tmtm_volumes.txt"  # "с 0,8 млн до 4,5 млн тонн в год"
    first, second = _claim(name, "0,8 млн"), _claim(name, "4,5 млн тонн в год")
    assert [(c.value, c.unit) for c in (first, second)] == [(0.8, "Mt/yr"), (4.5, "Mt/yr")]
    assert second.qualifier is None  # the "до" of a range is no "up to"


# The classes the second held-out part (held11-held17) showed, each on its real wording.


def test_kars_line_spellings_of_other_outlets_name_the_kars_dilucu_line() -> None:
    minval = "held12_minval_20250820_kars_dilucu_financing.txt"  # "Карс-Ыгдыр-Дильуджу"
    haqqin = "held11_haqqin_20250822_kars_dilucu.txt"  # "Карс–Ыгдыр–Аралык–Дилудж"
    for name in (minval, haqqin):
        assert "kars-dilucu" in {m.feature for m in _analysis(name).mentions}, name
    assert _claim(minval, "224-километровой").feature == "kars-dilucu"
    assert _claim(haqqin, "224 километра").feature == "kars-dilucu"


def test_a_total_including_access_tracks_is_not_the_lines_length() -> None:
    # "(с учетом подъездных путей - 140,6 км)" and "(140,6 км с учетом подъездных путей)"
    before = "held14_trend_20250905_horadiz_agbend_110km.txt"
    after = "held15_dayaz_20250905_horadiz_agbend_tunnel.txt"
    for name in (before, after):
        assert _claim(name, "140,6 км").scope == "including:подъездный путь", name
        assert _claim(name, "110,4 км").scope is None, name
        # the catalog's 110.4 km of the line is no conflict with the total
        assert corpus_conflicts([_analysis(name)]) == [], name


def test_a_strips_width_and_a_speed_are_not_lengths() -> None:
    width = _analysis("held14_trend_20250905_horadiz_agbend_110km.txt")  # "шириной 60 метров"
    assert not [c for c in width.claims if c.text.startswith("60 метров")]
    speed = _analysis("held11_haqqin_20250822_kars_dilucu.txt")  # "до 160 километров в час"
    assert not [c for c in speed.claims if c.text.startswith("160 километров")]


def test_the_viaducts_length_is_a_component_of_the_line() -> None:
    # "включая три арочных виадука общей длиной 2,8 километра"
    viaducts = _claim("held11_haqqin_20250822_kars_dilucu.txt", "2,8 километра")
    assert (viaducts.feature, viaducts.scope) == ("kars-dilucu", "component:виадук")


def test_the_land_and_sea_lengths_of_a_route_are_its_parts() -> None:
    # "4 250 километров железных дорог и автотрасс и 500 километров морского пути"
    name = "held16_dayaz_20251019_titr_axis.txt"
    land, sea = _claim(name, "4 250 километров"), _claim(name, "500 километров")
    assert [(c.layer, c.scope) for c in (land, sea)] == [
        ("middle_corridor", "component:дорога"), ("middle_corridor", "component:путь")
    ]


def test_a_regions_freight_is_not_the_corridors() -> None:
    # "В целом по Центральной Азии … ожидается увеличение грузопотоков … до 90-95 млн тонн"
    region = _claim("held17_trend_20260116_middle_corridor_turkmenistan.txt", "90-95 млн тонн")
    assert (region.layer, region.scope) == (None, "actor:region")
    assert (region.value, region.value_max) == (90, 95)  # a range keeps both ends


def test_a_planned_duration_is_read_and_linked_to_the_line_not_the_next_clause() -> None:
    # "Строительство рассчитано на пять лет, и запуск … по Зангезурскому маршруту … на 2030 год"
    name = "held11_haqqin_20250822_kars_dilucu.txt"
    duration = _claim(name, "рассчитано на пять лет")
    assert (duration.kind, duration.value, duration.unit) == ("duration", 5.0, "yr")
    assert (duration.feature, duration.link) == ("kars-dilucu", "previous sentence")
    assert not [c for c in _analysis(name).claims if c.kind == "deadline" and c.value == 5]


def test_the_tunnels_of_two_outlets_disagree_though_one_states_them_as_planned() -> None:
    # "предусматривает строительство пяти тоннелей общей протяженностью 11,5 км" (Report.az)
    # against "строительство пяти тоннелей суммарной протяжённостью 11,3 километра" (Haqqin.az)
    analyses = [_analysis("dev07_report_20260305_kars_depot.txt"),
                _analysis("held11_haqqin_20250822_kars_dilucu.txt")]  # fmt: skip
    [conflict] = corpus_conflicts(analyses)
    assert sorted(c.value for c in conflict.claims) == [11.3, 11.5]
    assert {c.scope for c in conflict.claims} == {"component:тоннель"}


# Classes of the third held-out part (held18-held26), each on the wording that showed it.
BLACK_SEA_SURVEY = "held21_vestikavkaza_20251201_black_sea_cable_survey.txt"
BLACK_SEA_ENERGY = "held26_trend_20260123_black_sea_energy.txt"


def test_the_only_project_an_article_names_takes_figures_four_sentences_on() -> None:
    # "(Black Sea Energy)" once in the lead; the cable's figures in the fourth sentence after
    for written, kind in (("1 000 МВт", "power"), ("1 195 километров", "length")):
        claim = _claim(BLACK_SEA_ENERGY, written)
        assert (claim.kind, claim.feature, claim.link) == (kind, "anaklia-constanta",
                                                           "article subject")  # fmt: skip
    # a planned cable's rated power is its size, as its length is: not a target
    assert _claim(BLACK_SEA_ENERGY, "1 000 МВт").role == "reported"


def test_the_oil_of_named_countries_is_their_share_of_the_pipeline() -> None:
    name = "held24_haqqin_20250912_btd_kazakh_turkmen_oil.txt"
    # "242 тысячи тонн нефти Казахстана и Туркменистана", "транзита нефти Казахстана и
    # Туркменистана по БТД составил 2,888 млн тонн": two origins are transit oil
    for written in ("242 тысячи тонн", "400 тысяч тонн", "2,888 млн тонн"):
        assert _claim(name, written).scope == "share:transit"


def test_survey_money_is_not_the_projects_cost_and_lari_are_a_currency() -> None:
    # "потратит $9 млн на геологические изыскания", "25 млн лари ($9 млн) на геологические
    # исследования"
    surveys = [c for c in _analysis(BLACK_SEA_SURVEY).claims if c.text == "$9 млн"]
    assert [c.scope for c in surveys[1:]] == ["component:изыскание", "component:исследование"]
    lari = _claim(BLACK_SEA_SURVEY, "25 млн лари")
    assert (lari.value, lari.unit, lari.scope) == (25e6, "GEL", "component:исследование")


def test_an_energy_bridge_is_the_cable_not_a_bridge() -> None:
    bridge = _claim(BLACK_SEA_SURVEY, "1 тыс км")  # "энергетического моста … более 1 тыс км"
    assert (bridge.feature, bridge.scope) == ("anaklia-constanta", None)


def test_a_yearly_rate_after_the_second_of_two_joined_volumes_is_the_firsts_too() -> None:
    # "до 25 млн тонн грузов и 500 тыс. контейнеров в год"
    cargo = _claim("held22_report_20251218_baku_port_110k_teu.txt", "25 млн тонн")
    assert (cargo.unit, cargo.scope) == ("Mt/yr", "stage:2")


def test_a_decrees_date_is_an_event_and_this_year_is_the_publications() -> None:
    name = "held23_dayaz_20251218_baku_port_100k_teu.txt"
    decree = _claim(name, "25 февраля 2025 года")  # "по указу Президента … от 25 февраля"
    assert (decree.kind, decree.feature, decree.context["event"]) == ("event", "alat", "указ")
    record = _last_claim(name, "100 000 TEU")
    assert record.context["period"]["year"] == 2025  # "в текущем году", published 2025-12-18


def test_a_forecast_for_next_year_and_this_years_record_do_not_disagree() -> None:
    # "в 2026 году превысит 110 тыс. TEU" (Report) against "в текущем году … превысил 100 000
    # TEU" (Day.Az): one figure for two years is two measures
    analyses = [_analysis("held22_report_20251218_baku_port_110k_teu.txt"),
                _analysis("held23_dayaz_20251218_baku_port_100k_teu.txt")]  # fmt: skip
    assert corpus_conflicts(analyses) == []


def test_the_railway_to_the_armenian_border_is_the_horadiz_aghband_line() -> None:
    name = "held25_interfax_20250821_railway_to_armenian_border.txt"
    deadlines = [c for c in _analysis(name).claims if c.kind == "deadline" and c.layer]
    assert {(c.feature, c.value) for c in deadlines} == {("horadiz-aghband", 2026.0)}
    # so the corridor's 2030 (held19) and this line's 2026 are deadlines of different things
    kars = _analysis("held19_1news_20260113_kars_dilucu_2030.txt")
    assert corpus_conflicts([kars, _analysis(name)]) == []


def test_the_black_sea_cables_two_lengths_and_two_powers_are_real_conflicts() -> None:
    conflicts = corpus_conflicts([_analysis(BLACK_SEA_SURVEY), _analysis(BLACK_SEA_ENERGY)])
    values = {c.kind: sorted(claim.value for claim in c.claims) for c in conflicts
              if c.rule == "value"}  # fmt: skip
    assert values == {"length": [1155.0, 1195.0], "power": [1.0, 1.3]}


def test_a_months_volume_and_the_state_before_a_change_are_measures_of_their_own() -> None:
    oil = "held24_haqqin_20250912_btd_kazakh_turkmen_oil.txt"
    # "В июле … 308 тысяч тонн", "в январе-августе 2025 года … 2,888 млн тонн", "в месяц"
    assert _claim(oil, "308 тысяч тонн").context["period"]["months"] == 1
    assert _claim(oil, "2,888 млн тонн").context["period"]["months"] == 8
    assert _claim(oil, "19,4%").scope == "share:transit"  # the change of that transit
    # "вырос в пять раз - с 0,8 млн до 4,5 млн тонн в год": 0.8 is the state before
    tmtm = "held20_baq_20260311_tmtm_volumes.txt"
    assert _claim(tmtm, "0,8 млн").context["state"] == "before the change"
    # "По итогам 2025 года … перевезено около 77 тысяч контейнеров (ДФЭ), при этом к 2029 году
    # планируется …": a past year's volume is reported, not a plan
    assert _claim(tmtm, "77 тысяч").role == "reported"
    names = [oil, tmtm, "held07_report_20260310_tmtm_volumes.txt",
             "held08_blackseanews_20260119_btc_exports.txt",
             "dev02_trend_20260117_kazmortransflot_teu.txt"]  # fmt: skip
    assert _conflicts(*names) == []


# Classes of the fourth held-out part (held27-held38), each on the wording that showed it.
TUNNEL = "held27_report_20250905_horadiz_agbend_tunnel.txt"
ZANGEZUR_15MT = "held28_abcmedia_20251202_zangezur_15mt.txt"
BTC_JAN_FEB = "held31_moscowtimes_20250317_btc_jan_feb.txt"
BAKU_8MT = "held32_trend_20251218_baku_port_8mt.txt"


def test_datelines_with_a_bullet_or_an_abbreviated_month_are_the_publication_date() -> None:
    # "• 05 сентября, 2025" (Report.az) and "02 Дек" / "2025" on two lines (ABCMEDIA)
    assert _analysis(TUNNEL).document.date == "2025-09-05"
    assert _analysis(ZANGEZUR_15MT).document.date == "2025-12-02"


def test_a_length_in_metres_in_brackets_is_the_tunnels() -> None:
    tunnel = _claim(TUNNEL, "1 071 м")  # "самого длинного железнодорожного туннеля … (1 071 м)"
    assert (tunnel.value, tunnel.unit, tunnel.scope) == (1.071, "km", "component:туннель")
    # "на 83-м заседании": an ordinal's ending is no metre
    assert not [c for c in _analysis(ZANGEZUR_15MT).claims if c.text.startswith("83")]


def test_a_section_named_by_where_it_goes_or_a_spelling_is_its_feature() -> None:
    # "участок железной дороги, ведущий в Агбендский район … будет завершён в 2026 году"
    deadline = _claim(ZANGEZUR_15MT, "в 2026 году")
    assert (deadline.feature, deadline.scope) == ("horadiz-aghband", None)
    # "200-километрового участка железной дороги, проходящего через Нахиджеван"
    length = _claim(ZANGEZUR_15MT, "200-километрового")
    assert (length.feature, length.scope) == ("nakhchivan", None)


def test_a_country_section_of_a_feature_in_that_country_is_the_feature() -> None:
    # "маршруту TRIPP – проходящему по армянской территории 42-километровому участку"
    name = "held29_1news_20260218_zangezur_first_stage_tripp.txt"
    tripp = _claim(name, "42-километровому")
    assert (tripp.feature, tripp.scope) == ("syunik", None)


def test_a_volume_carried_through_a_country_is_its_section_and_so_is_its_growth() -> None:
    # "через Азербайджан по Среднему коридору было перевезено 1,741 млн тонн грузов, то есть
    # на 7% больше"
    name = "held37_1news_20250929_middle_corridor_azcon.txt"
    assert _claim(name, "1,741 млн тонн").scope == "section:AZ"
    assert _claim(name, "7%").scope == "section:AZ"


def test_the_second_figure_of_a_change_takes_the_unit_left_out_and_its_own_period() -> None:
    # "увеличился до 4,7 миллиона тонн с 4,4 миллиона за аналогичный период предыдущего года";
    # a bare number after "с" counts something else ("20 км с 2 станциями")
    assert [q.unit for q in quantities("Построят 20 км с 2 станциями.", 0, 29)] == ["km"]
    before = _claim(BTC_JAN_FEB, "4,4 миллиона")
    assert (before.kind, before.value, before.unit) == ("mass", 4.4, "Mt")
    assert before.context["state"] == "before the change"
    assert before.context["period"]["year"] == 2024
    # "в годовом выражении" compares with the year before: no rate per year
    assert _claim(BTC_JAN_FEB, "842.900 тонн").unit == "Mt"


def test_ranges_keep_both_ends() -> None:
    teu = _claim(BAKU_8MT, "104-105 тысяч TEU")
    assert (teu.value, teu.value_max, teu.unit) == (104_000, 105_000, "TEU")
    growth = _claim("held38_report_20251107_bcg_middle_corridor.txt", "в 3-4 раза")
    assert (growth.value, growth.value_max, growth.unit) == (3, 4, "x")


def test_a_stage_in_digits_and_an_additional_channel_are_scopes() -> None:
    # "до конца года будет завершено строительство 1-ой очереди контейнерного хаба"
    hub = _claim("held34_1news_20251125_aktau_container_hub.txt", "до конца года")
    assert (hub.value, hub.scope) == (2025, "stage:1")
    # "дополнительного канала волоконно-оптической линии протяженностью 330 км"
    backup = _claim("held36_digitalbusiness_20230111_caspian_fiber_340km.txt", "330 км")
    assert backup.scope == "backup"


def test_a_forecast_to_the_end_of_this_year_is_that_years_volume() -> None:
    # "к концу этого года … достигнет 8 миллионов тонн" (published 2025-12-18) is 2025's, no
    # disagreement with the 3,787 million tonnes of 2018
    forecast = _claim(BAKU_8MT, "8 миллионов тонн")
    assert forecast.context["period"]["year"] == 2025
    analyses = [_analysis(BAKU_8MT), _analysis("held33_dayaz_20251218_baku_port_11_months.txt")]
    assert not [c for c in corpus_conflicts(analyses) if c.kind == "mass"]


def test_changes_disagree_only_over_one_stated_window() -> None:
    # cargo +6,7% and containers +40,4% over nine months (dev10), +40% for the year (held32),
    # +54,2% (held39), +48% over eight months (held40); "в 1,5 раза" and "в 3-4 раза" (held17,
    # held38) say no window: none of them is one figure disagreeing
    names = ("dev10_report_20251006_baku_port_record.txt",
             "held32_trend_20251218_baku_port_8mt.txt",
             "held39_report_20250808_baku_port_100k_forecast.txt",
             "held40_trend_20250909_baku_port_8_months.txt",
             "held17_trend_20260116_middle_corridor_turkmenistan.txt",
             "held38_report_20251107_bcg_middle_corridor.txt")  # fmt: skip
    conflicts = _conflicts(*names)
    assert [c.id for c in conflicts if c.kind == "growth"] == []


@pytest.mark.parametrize(
    "names",
    [
        # "превысил 100 000 TEU" for 2025 and "около 70 тысяч TEU" for eight months of it
        ("held23_dayaz_20251218_baku_port_100k_teu.txt",
         "held40_trend_20250909_baku_port_8_months.txt"),
        # a round figure: "За полгода 2025-го перевезено около 2,5 миллиона тонн" (held63) and
        # "в этом году вырос на 20% и составил 2,5 млн тонн" (held65, December 2025); the 547
        # million USD of seeds 002 and 003 stays one figure mistaken (test_news_conflicts)
        ("held63_ati_20250908_tmtm_sixfold.txt",
         "held65_kazinform_20251223_mangystau_titr_20pct.txt"),
    ],
)  # fmt: skip
def test_approximate_or_round_figures_of_two_windows_are_no_mistaken_period(
    names: tuple[str, str],
) -> None:
    analyses = [_analysis(name) for name in names]
    assert [c for c in corpus_conflicts(analyses) if c.rule == "period"] == []


def test_the_second_end_of_a_yearly_change_is_yearly_too() -> None:
    name = "held39_report_20250808_baku_port_100k_forecast.txt"
    upper = _claim(name, "150 тыс. TEU")  # "годовая мощность … со 100 тыс. TEU до 150 тыс. TEU"
    assert (upper.kind, upper.value, upper.unit) == ("containers", 150_000.0, "TEU/yr")


def test_the_eskene_kuryk_oil_pipelines_figures_are_no_mapped_ports() -> None:
    # "протяженность Ескене-Курык составит порядка 770 километров, а с учетом соединительного
    # нефтепровода от Тенгиза до нефтепровода Ескене-Курык и до порта Актау - около 950
    # километров ... максимальной мощности нефтепровода - 56 миллионов тонн в год и 80
    # миллионов тонн в год" (held446): a pipeline the catalog does not map, not the Aktau port's
    name = "held446_mfd_20091006_eskene_kuryk_unmapped.txt"
    for written in ("770 километров", "950 километров", "56 миллионов тонн в год",
                    "80 миллионов тонн в год"):
        claim = _claim(name, written)
        assert claim.layer is None and "Ескене–Курык" in (claim.link or "")
    assert not [conflict for conflict in corpus_conflicts([_analysis(name)])
                if conflict.subject.startswith("aktau_port")]  # fmt: skip


def test_a_figure_said_to_be_for_an_unmapped_project_is_not_the_corridors() -> None:
    name = "held49_trend_20251211_edb_middle_corridor.txt"
    mapped, unmapped = _claim(name, "11,4 млн тонн"), _claim(name, "32 млн тонн")
    assert mapped.layer == "middle_corridor"
    assert unmapped.layer is None and "unmapped" in (unmapped.link or "")


def test_a_plans_date_is_no_deadline_but_the_end_of_next_year_is() -> None:
    plan = _analysis("held48_vestikavkaza_20251105_zangezur_pashinyan.txt")
    assert [c.text for c in plan.claims if c.kind == "deadline"] == []  # "составлен план"
    fiber = _claim("held45_kazinform_20250808_caspian_fiber_survey.txt", "в конце следующего")
    assert (fiber.kind, fiber.value) == ("deadline", 2026.0)


def test_the_fiber_line_named_fiber_optic_takes_its_deadline() -> None:
    name = "held43_dayaz_20251117_caspian_fiber_production.txt"
    assert ("digital_silk_road", "sumgayit-aktau") in {
        (m.layer, m.feature) for m in _analysis(name).mentions if m.text.startswith("фибер")
    }
    deadline = _claim(name, "До конца следующего года")
    assert (deadline.value, deadline.feature) == (2026.0, "sumgayit-aktau")


def test_a_percent_of_the_total_a_country_carried_is_its_share() -> None:
    share = _claim("held31_moscowtimes_20250317_btc_jan_feb.txt", "74,9%")
    assert (share.kind, share.scope) == ("percent", "share:AZ")


# Classes of the sixth held-out part (held53-held63), each on the wording that showed it.
BTD_TURKEY = "held53_report_20251126_btd_turkey_6pct.txt"
TMTM_5_2MT = "held57_report_20260225_tmtm_5_2mt.txt"
TMTM_SIXFOLD = "held63_ati_20250908_tmtm_sixfold.txt"


def test_a_percent_less_is_a_fall_of_the_section_the_oil_crossed() -> None:
    # "через территорию Турции … транспортировано … нефти." then "это на 11,157 млн баррелей
    # или 6,07% меньше"; "через территорию Турции … что на 2,419 тыс. баррелей или 12,7% меньше"
    for written in ("6,07%", "12,7%"):
        fall = _claim(BTD_TURKEY, written)
        assert (fall.kind, fall.unit, fall.scope, fall.feature) == (
            "growth", "%", "section:TR", "btc"
        ), written


def test_a_percent_a_year_is_a_yearly_growth_range() -> None:
    # "Транскаспийский международный маршрут (TITR) растет со скоростью 30−35% в год"
    name = "held59_mailru_20251208_mangystau_new_port_titr.txt"
    rate = _claim(name, "30−35%")
    assert (rate.kind, rate.value, rate.value_max, rate.layer) == (
        "growth", 30.0, 35.0, "middle_corridor"
    )
    assert rate.context["period"]["months"] == 12  # a rate over one year, no base year
    routes = {m.text for m in _analysis(name).mentions if m.layer == "middle_corridor"}
    assert "Транскаспийский международный маршрут" in routes


def test_a_cable_laid_between_two_ports_is_the_line_named_after_them() -> None:
    # "Кабель прокладывают между Актау и Сумгаитом. Он обеспечит … 400 Тбит/с"
    bandwidth = _claim("held54_lada_20250913_caspian_fiber_survey_ends.txt", "400 Тбит/с")
    assert (bandwidth.layer, bandwidth.feature, bandwidth.link) == (
        "digital_silk_road", "sumgayit-aktau", "line between its ends"
    )


def test_water_transport_over_a_countrys_territory_is_the_countrys() -> None:
    # "объем грузоперевозок по территории Казахстана водным транспортом планируется
    # увеличить до 11,4 млн тонн", the route named only in the sentence before
    country = _claim(TMTM_5_2MT, "11,4 млн тонн")
    assert (country.layer, country.scope) == (None, "actor:KZ")


def test_the_green_corridor_and_the_cables_descriptive_names_are_in_the_gazetteer() -> None:
    black_sea = _analysis("held55_report_20260225_black_sea_cable_seabed_stages.txt")
    assert [(m.text, m.feature) for m in black_sea.mentions] == [
        ('энергокоридора "Каспий-Черное море-Европа', None),
        ("Black Sea Submarine Cable", "anaklia-constanta"),
        ("BSSC", "anaklia-constanta"),
        ("BSSC", "anaklia-constanta"),
        ('зеленого коридора "Каспий-Черное море-Европа', None),
    ]
    # "зеленого энергокабеля между Казахстаном и Азербайджаном по дну Каспийского моря",
    # "высоковольтного глубоководного кабеля постоянного тока по дну Каспийского моря"
    for name in ("held61_1news_20251022_green_cable_feasibility.txt",
                 "held62_otyrar_20260311_green_corridor_mazhilis.txt"):  # fmt: skip
        cables = [m for m in _analysis(name).mentions if m.layer == "green_energy_cable"]
        assert cables and {m.feature for m in cables} == {"caspian"}, name


def test_a_half_years_volume_is_no_years_plan() -> None:
    # "За полгода 2025-го перевезено около 2,5 миллиона тонн, это на 7 процентов больше"
    half = _claim(TMTM_SIXFOLD, "2,5 миллиона тонн")
    assert half.context["period"]["months"] == 6 and half.context["period"]["year"] == 2025
    assert _claim(TMTM_SIXFOLD, "7 процентов").context["period"]["months"] == 6
    # so it does not disagree with the 5,2 million tonnes planned for 2026
    analyses = [_analysis(TMTM_SIXFOLD), _analysis(TMTM_5_2MT)]
    assert not [c for c in corpus_conflicts(analyses) if c.kind == "mass"]


def test_last_year_is_the_year_before_the_publications() -> None:
    # "Только за прошлый год перевозки увеличились на 62 процента" (held63, whose excerpt
    # prints no date: read as if published in 2025)
    sentence = "Только за прошлый год перевозки увеличились на 62 процента."
    assert [year for _, _, year in years_stated(sentence, 0, len(sentence), 2025)] == [2024]


def test_progress_after_the_corridor_named_as_a_purpose_is_the_articles_line() -> None:
    # "в целях реализации Зангезурского коридора … строительство железной дороги
    # Горадиз-Агбенд. Проектные работы железнодорожной линии выполнены на 84%"
    name = "held46_report_20250905_horadiz_agbend_2026.txt"
    for written, scope in (("84%", "design"), ("67%", "construction")):
        progress = _claim(name, written)
        assert (progress.feature, progress.scope) == ("horadiz-aghband", scope), written


def test_the_reporting_period_is_the_one_the_article_stated_before() -> None:
    # "в 2025 году сократился … Объем прокачки транзитной нефти по БТД за отчетный период
    # сократился до 4,122 миллиона тонн" (held08) and "в январе-феврале 2025 года … за
    # рассматриваемый период … до 842.900 тонн" (held31): a year and two months, no conflict
    year = _claim("held08_blackseanews_20260119_btc_exports.txt", "4,122 миллиона тонн")
    months = _claim(BTC_JAN_FEB, "842.900 тонн")
    assert [(c.context["period"]["months"], c.context["period"]["year"])
            for c in (year, months)] == [(12, 2025), (2, 2025)]  # fmt: skip
    analyses = [_analysis("held08_blackseanews_20260119_btc_exports.txt"),
                _analysis(BTC_JAN_FEB)]  # fmt: skip
    assert not [c for c in corpus_conflicts(analyses) if c.kind == "mass"]


# Classes of the seventh held-out part (held64-held78), each on the wording that showed it.
BTD_11_MONTHS = "held64_report_20251212_btd_11_months.txt"


def test_a_percent_in_brackets_after_a_name_is_an_owners_stake() -> None:
    # "Участниками АЧГ являются: BP (30,37%), SOCAR (31,65%), "MOL Group" (9,57%) …"
    for written in ("30,37%", "31,65%", "9,57%", "3,65%"):
        stake = _claim(BTD_11_MONTHS, written)
        assert (stake.layer, stake.scope) == (None, "actor:owner"), written
    # a share of the pipeline's oil, not in brackets, is still the pipeline's
    assert _claim(BTD_11_MONTHS, "74,6%").layer == "btc_pipeline"


def test_a_volume_said_to_be_one_origins_oil_is_its_share_as_are_its_percent_and_change() -> None:
    # "85,1% или 21 млн 199,8 тыс. тонн нефти, транспортированной по трубопроводу БТД,
    # составила нефть, добытая в Азербайджане, а 14,9% или 3 млн 707,6 тыс. тонн – транзитная
    # нефть из Туркменистана и Казахстана"
    shares = {written: _claim(BTD_11_MONTHS, written).scope
              for written in ("85,1%", "21 млн 199,8 тыс. тонн", "14,9%", "3 млн 707,6 тыс. тонн")}
    assert shares == {"85,1%": "share:AZ", "21 млн 199,8 тыс. тонн": "share:AZ",
                      "14,9%": "share:transit", "3 млн 707,6 тыс. тонн": "share:transit"}
    # "объем азербайджанской нефти … сократился на 3,4%, транзитной - на 24,2%"
    assert _claim(BTD_11_MONTHS, "3,4%").scope == "share:AZ"
    assert _claim(BTD_11_MONTHS, "24,2%").scope == "share:transit"
    # a share stated for no window is not compared with one of a year ("74,9% совокупного
    # объема …, составившего в 2025 году")
    analyses = [_analysis(BTD_11_MONTHS),
                _analysis("held08_blackseanews_20260119_btc_exports.txt")]  # fmt: skip
    assert not [c for c in corpus_conflicts(analyses) if c.kind == "percent"]


def test_a_figure_or_date_of_a_vessel_is_the_fleets_not_the_ports() -> None:
    name = "held65_kazinform_20251223_mangystau_titr_20pct.txt"
    # "сухогрузное судно «Nasipkali Marabayev» грузоподъемностью 7 тыс. тонн", "Для развития
    # флота до 2027 года количество судов …", "до 2028 года … введут в эксплуатацию шесть
    # паромов"; "до 2027 года" there builds nothing: no deadline at all
    for written in ("7 тыс. тонн", "до 2028 года"):
        fleet = _claim(name, written)
        assert (fleet.layer, fleet.scope) == (None, "actor:vessel"), written
    assert "до 2027 года" not in _deadline_texts(name)
    # "отправка груженого металлом судна общим весом 4,5 тыс. тонн"
    cargo = _claim("held68_railnews_20231026_kuryk_sarzha.txt", "4,5 тыс. тонн")
    assert cargo.layer is None
    # the route's traffic in the same article is still the route's
    assert _claim(name, "2,5 млн тонн").layer == "middle_corridor"


def test_a_start_a_change_and_a_horizon_are_no_deadlines_but_ranges_and_quarters_are() -> None:
    fiber = "held69_mailru_20251030_caspian_fiber_russia.txt"
    # "Строительство началось в этом году, а закончить планируют к 2026−2027 годам."
    deadlines = [(c.text, c.value, c.value_max) for c in _analysis(fiber).claims
                 if c.kind == "deadline"]  # fmt: skip
    assert deadlines == [("к 2026−2027 годам", 2026.0, 2027.0)]
    # "Работы по прокладке кабеля планируются во II-III квартале 2026 года"
    laying = _claim("held77_azh_20251021_caspian_fiber_roadmap.txt", "во II-III квартале")
    assert (laying.kind, laying.value, laying.feature) == ("deadline", 2026.0, "sumgayit-aktau")
    # "к 2027 году безопасность и скорость грузоперевозок … значительно увеличатся"
    btk = _analysis("held67_icma_20251022_btk_georgia_5mt.txt")
    assert [c.text for c in btk.claims if c.kind == "deadline"] == []
    # "К 2030 году он может утроиться": a growth by a number verb, the year its horizon
    forecast = _analysis("held74_report_20251127_kos_middle_corridor_fourfold.txt")
    assert [c.text for c in forecast.claims if c.kind == "deadline"] == []
    tripled = _claim("held74_report_20251127_kos_middle_corridor_fourfold.txt", "утроиться")
    assert (tripled.kind, tripled.value, tripled.unit) == ("growth", 3.0, "x")


def test_the_work_named_right_after_a_share_done_is_its_measure() -> None:
    # "«84% проектных и 67% строительно-монтажных работ железнодорожной линии Горадиз-Агбенд
    # завершены"
    name = "held78_caliber_20250830_horadiz_agbend_84pct.txt"
    for written, scope in (("84%", "design"), ("67%", "construction")):
        progress = _claim(name, written)
        assert (progress.kind, progress.feature, progress.scope) == (
            "percent", "horadiz-aghband", scope
        ), written


def test_a_section_through_a_country_named_as_a_place_is_the_countrys() -> None:
    # "184-километрового участка линии БТК, пролегающего через Грузию"
    section = _claim("held66_dayaz_20260129_btk_contracts.txt", "184-километрового")
    assert (section.feature, section.scope) == ("btk", "section:GE")


def test_a_range_of_kilometres_after_a_section_word_is_where_works_go_on_not_a_length() -> None:
    # "ведутся земляные работы … на участке 75-106 км этой железнодорожной линии"
    name = "held78_caliber_20250830_horadiz_agbend_84pct.txt"
    assert [c.text for c in _analysis(name).claims if c.kind == "length"] == []
    # so it disagrees neither with the line's 110,4 km nor with the catalog
    analyses = [_analysis(name), _analysis("held14_trend_20250905_horadiz_agbend_110km.txt")]
    assert [c for c in corpus_conflicts(analyses) if c.kind == "length"] == []
    # a range with its length word is still a length
    text = "Участок железной дороги Горадиз-Агбенд протяженностью 30-35 км построят."
    lengths = [c for c in find_claims(parse_document(text, "t.txt", "text")) if c.kind == "length"]
    assert [(c.value, c.value_max) for c in lengths] == [(30.0, 35.0)]


def test_a_change_or_volume_of_an_actors_traffic_is_the_actors_too() -> None:
    # "по магистральным нефтепроводам Азербайджана транспортировано 33 млн 408,9 тыс. тонн
    # нефти. … это на 5,5% меньше": all the country's pipelines, not the BTC pipeline
    fall = _claim(BTD_11_MONTHS, "5,5%")
    assert (fall.layer, fall.scope) == (None, "actor:AZ")
    assert _claim(BTD_11_MONTHS, "7,2%").layer == "btc_pipeline"  # the pipeline's own fall
    # "контейнерные перевозки через Азербайджан выросли … до 135 тысяч TEU, а объем транзита
    # увеличилcя на 20%, достигнув 66,3 тысячи TEU": ADY's, not the Middle Corridor's
    transit = _claim("held71_trend_20260105_ady_2025_results.txt", "66,3 тысячи TEU")
    assert (transit.layer, transit.scope) == (None, "actor:AZ")
    # "морским транспортом страны перевезено 4,002 миллиона тонн грузов. Наблюдается увеличение
    # перевозок грузов на 42% … Грузооборот … увеличился на 17,6%": the country's, so no
    # disagreement with the Middle Corridor's "на 62 процента"
    country = "dev02_trend_20260117_kazmortransflot_teu.txt"
    assert [_claim(country, written).scope for written in ("42%", "17,6%")] == ["actor:country"] * 2
    analyses = [_analysis(country), _analysis("held63_ati_20250908_tmtm_sixfold.txt")]
    assert [c for c in corpus_conflicts(analyses) if c.kind == "growth"] == []


def test_a_capacity_an_increase_and_a_restated_figure_are_measures_of_their_own() -> None:
    # "пропускная способность уже сейчас может быть увеличена до 150 тысяч TEU" is no target
    # volume like "рост показателей до 100 тысяч TEU к концу года" (dev10)
    ady = "held71_trend_20260105_ady_2025_results.txt"
    assert _claim(ady, "150 тысяч TEU").context.get("measure") == "capacity"
    dev10 = "dev10_report_20251006_baku_port_record.txt"
    assert "measure" not in _claim(dev10, "100 тысяч TEU").context
    # "Открытие Зангезурского коридора увеличит пропускную способность … на 15 млн тонн в год"
    # and "Завершение проекта [терминалов «Саржа» в порту Курык] позволит увеличить пропускную
    # способность Среднего коридора на 10 млн тонн в год": increases two projects bring, no
    # state of the corridor like its "4,5 млн тонн в год" (held07)
    zangezur = _claim("held72_report_20250826_zangezur_middle_corridor_15mt.txt", "15 млн тонн")
    sarzha = _claim("held68_railnews_20231026_kuryk_sarzha.txt", "10 млн тонн в год")
    assert [c.context["increase"] for c in (zangezur, sarzha)] == [
        "zangezur_corridor/*", "kuryk_port/kuryk"
    ]
    # "на 2026 год перевозки по нему планируются на уровне 5,2 млн тонн. … грузопоток вырастет
    # до 5,2 млн тонн": the figure restated keeps its year, so it meets no 2030 forecast
    tmtm = "held57_report_20260225_tmtm_5_2mt.txt"
    restated = [c for c in _analysis(tmtm).claims if c.text == "5,2 млн тонн"][-1]
    assert restated.context["period"]["year"] == 2026
    names = [ady, dev10, "held72_report_20250826_zangezur_middle_corridor_15mt.txt",
             "held68_railnews_20231026_kuryk_sarzha.txt", "held07_report_20260310_tmtm_volumes.txt",
             tmtm, "held17_trend_20260116_middle_corridor_turkmenistan.txt",
             "held39_report_20250808_baku_port_100k_forecast.txt"]  # fmt: skip
    assert [c.id for c in _conflicts(*names)
            if c.kind in ("mass", "containers") and c.role == "target"] == []  # fmt: skip
    assert not [c for c in _conflicts(*names)
                if c.kind == "mass" and c.unit == "Mt/yr"]  # fmt: skip
    # capacities of one hub are still compared: 240 against 200 thousand TEU a year
    hubs = [_analysis("held10_railnews_20241115_aktau_container_hub.txt"),
            _analysis("held34_1news_20251125_aktau_container_hub.txt")]  # fmt: skip
    assert [c.kind for c in corpus_conflicts(hubs)] == ["containers"]


def test_a_new_ports_cost_and_a_total_of_many_projects_are_no_claims_of_a_mapped_port() -> None:
    name = "held65_kazinform_20251223_mangystau_titr_20pct.txt"
    # "В 2026 году начнется строительство нового морского порта (первый этап) стоимостью 300
    # млн долларов США": another port than Kuryk, named a sentence before
    cost = _claim(name, "300 млн долларов")
    assert (cost.layer, cost.link) == (None, "unmapped project (a new port)")
    # "в рамках 16 проектов общей протяженностью 491 км": the region's projects together
    total = _claim(name, "491 км")
    assert (total.layer, total.scope) == (None, "actor:projects")
    # five tunnels' total is still the tunnels' ("пяти тоннелей общей протяженностью 11,5 км")
    assert _claim("dev07_report_20260305_kars_depot.txt", "11,5 км").scope == "component:тоннель"


def test_a_dotted_capital_i_and_two_more_spellings_name_their_features() -> None:
    # "Если маршрут TRİPP будет реализован, по нему смогут перевозить до 15 млн тонн грузов"
    tripp = "held70_report_20251022_tripp_15mt_bayramov.txt"
    assert [(m.text, m.feature) for m in _analysis(tripp).mentions] == [("TRİPP", "syunik")]
    capacity = _claim(tripp, "15 млн тонн")
    assert (capacity.feature, capacity.value, capacity.unit) == ("syunik", 15.0, "Mt")
    # "Актауского морского торгового порта", "Транскаспийскому транспортному коридору"
    names = ("held65_kazinform_20251223_mangystau_titr_20pct.txt",
             "held74_report_20251127_kos_middle_corridor_fourfold.txt")  # fmt: skip
    named = {(m.text, m.feature) for name in names for m in _analysis(name).mentions}
    assert {("Актауского морского торгового порта", "aktau"),
            ("Транскаспийскому транспортному коридору", None)} <= named  # fmt: skip


def test_a_day_and_month_opening_a_sentence_date_its_event_in_the_publications_year() -> None:
    # "29 января в Тбилиси между BTKI Railways … и АО "Грузинская железная дорога" подписаны
    # договоры … по железнодорожной линии Баку-Тбилиси-Карс (БТК)" (published 2026-01-29)
    signed = _claim("held66_dayaz_20260129_btk_contracts.txt", "29 января")
    assert (signed.kind, signed.feature, signed.context["date"]) == ("event", "btk", "2026-01-29")
    # a day after the publication's is the year before's; a date inside a sentence is not read
    text = "15 декабря подписано соглашение по железной дороге Баку-Тбилиси-Карс."
    [event] = [c for c in find_claims(parse_document(f"date 2026-01-10\n{text}", "t.txt", "text"))
               if c.kind == "event"]  # fmt: skip
    assert event.context["date"] == "2025-12-15"
    inside = "Соглашение по дороге Баку-Тбилиси-Карс подписано 15 декабря в Баку."
    claims = find_claims(parse_document(f"date 2026-01-10\n{inside}", "t.txt", "text"))
    assert [c for c in claims if c.kind == "event"] == []


def test_a_change_said_of_a_pronoun_goes_on_about_the_sentence_befores() -> None:
    # "объем грузоперевозок по Среднему коридору … уже вырос в четыре раза. "К 2030 году он
    # может утроиться, если будут правильно направлены инвестиции …""
    tripled = _claim("held74_report_20251127_kos_middle_corridor_fourfold.txt", "утроиться")
    assert (tripled.layer, tripled.topic, tripled.link) == (
        "middle_corridor", "freight_volume", "pronoun, previous sentence's figure"
    )


# The eighth held-out part (held79-held97), each class of error it showed.

H79 = "held79_mailru_20250923_tmtm_minfin_plan.txt"
H80 = "held80_kazinform_20251226_caspian_fiber_q3_2026.txt"
H82 = "held82_dayaz_20251030_btk_eight_years.txt"
H83 = "held83_pravda_20250918_kmg_btc_resumed.txt"
H84 = "held84_ria_20251210_tripp_company.txt"
H85 = "held85_railnews_20250715_titr_sixfold_premier.txt"
H86 = "held86_report_20251126_north_south_belozerov.txt"
H87 = "held87_seanews_20260121_tianjin_baku_train.txt"
H88 = "held88_report_20251202_black_sea_energy_pmi.txt"
H91 = "held91_report_20251223_gummetov_horadiz_69pct.txt"
H95 = "held95_report_20251226_asco_middle_corridor.txt"
H97 = "held97_timekz_20220511_titr_four_months.txt"


def test_a_section_named_after_the_whole_length_is_the_part_figure_before_it() -> None:
    # "Более 500 километров железной дороги общей протяженностью около 850 километров
    # проходят по территории Азербайджана"
    part, whole = _claim(H82, "500 километров"), _claim(H82, "850 километров")
    assert [(c.feature, c.scope) for c in (part, whole)] == [("btk", "section:AZ"), ("btk", None)]


def test_a_figure_of_a_train_a_ship_or_a_shipping_company_is_the_carriers() -> None:
    for name, written in [(H87, "7 тыс. км"), (H87, "38%"), (H95, "втрое"),
                          (H95, "18 542 TEU"), (H95, "6 186 TEU")]:  # fmt: skip
        claim = _claim(name, written)
        assert claim.layer is None and (claim.scope or "").startswith("actor:"), written
    departure = _claim(H87, "19 января")  # "… отправился первый грузовой поезд"
    assert (departure.kind, departure.layer) == ("event", None)


def test_a_volume_sent_on_one_day_is_a_shipment_not_the_projects_traffic() -> None:
    shipment = _claim(H83, "8,8 тыс. тонн")  # "13 сентября из порта Актау было отправлено"
    assert (shipment.layer, shipment.scope) == (None, "actor:shipment")
    share = _claim(H83, "0,9 млн тонн")  # "за первые восемь месяцев 2025 года"
    assert (share.feature, share.scope) == ("btc", "share:KZ")


def test_a_status_asked_for_and_granted_are_events_of_the_project() -> None:
    found = [(c.text, c.kind, c.feature) for c in _analysis(H88).claims if c.kind == "event"]
    assert found == [("10 марта 2025 года", "event", "anaklia-constanta"),
                     ("1 декабря 2025 года", "event", "anaklia-constanta")]  # fmt: skip


def test_a_road_named_like_a_mapped_line_is_no_mention_and_its_figures_no_claims() -> None:
    analysis = _analysis(H91)
    road = analysis.document.text.index("автомобильной дороги Горадиз-Агбенд")
    assert not [m for m in analysis.mentions if road < m.position < road + 40]
    assert _claim(H91, "95%").layer is None  # "автомобильной дороги … завершено на 95%"
    assert (_claim(H91, "69%").feature, _claim(H91, "69%").scope) == (
        "horadiz-aghband", "construction"
    )


def test_a_figure_set_against_the_project_after_a_contrast_is_not_the_projects() -> None:
    # "общий объем транзита вырос на 50%, а по Транскаспийскому маршруту — в шесть раз"
    assert _claim(H85, "50%").layer is None
    assert _claim(H85, "в шесть раз").layer == "middle_corridor"


def test_figures_after_a_sentence_on_a_countrys_transit_are_the_countrys() -> None:
    # "Минфин также ожидает роста объема транзитных перевозок через Казахстан. В 2025 году
    # ожидается 34 млн тонн, в 2026 году — 35,2 млн тонн …"
    for written in ("34 млн тонн", "35,2 млн тонн", "38 млн тонн"):
        assert (_claim(H79, written).layer, _claim(H79, written).scope) == (None, "actor:KZ")
    assert _claim(H79, "5,2 млн тонн").layer == "middle_corridor"


def test_a_volume_of_a_direction_is_the_routes_not_the_origin_countrys() -> None:
    volume = _claim(H85, "4,5 миллиона тонн")  # "объем поставок из Китая в Европу … достиг"
    assert (volume.layer, volume.scope) == ("middle_corridor", None)


def test_a_year_with_its_preposition_left_out_is_the_year_counted_for() -> None:
    forecast = _claim(H97, "50 тыс. ДФЭ")  # "По данным нацкомпании, 2022 году ожидается"
    assert forecast.context["period"]["year"] == 2022


def test_a_quarter_of_next_year_is_a_deadline() -> None:
    launch = _claim(H80, "В третьем квартале следующего года")
    assert (launch.kind, launch.value, launch.feature) == ("deadline", 2026.0, "sumgayit-aktau")


def test_figures_of_an_unmapped_project_and_a_yearly_change_are_not_compared_as_the_topic() -> (
    None
):
    north_south = [c for c in _analysis(H86).claims if c.text.startswith("58")]
    assert north_south and all(c.subject is None for c in north_south)
    yearly = _claim("held71_trend_20260105_ady_2025_results.txt", "19%")  # "в годовом выражении"
    assert yearly.context["period"]["months"] == 12


def test_a_company_and_a_routes_end_are_no_mentions() -> None:
    tripp = _analysis(H84)
    named = [tripp.document.text[m.position : m.position + 14] for m in tripp.mentions]
    assert "TRIPP Company" not in " ".join(named) and any(n.startswith("TRIPP") for n in named)
    assert not [m for m in _analysis(H95).mentions if m.feature == "alat"]  # "Актау-Алят"


def test_a_deadline_of_a_line_named_by_its_ends_and_not_mapped_is_not_the_corridors() -> None:
    # "В этом году мы сдадим вторые пути железнодорожной ветки Достык–Мойынты"
    deadline = _claim(H85, "В этом году")
    assert (deadline.layer, deadline.link) == (None, "unmapped project (a line)")


def test_a_plural_common_name_is_a_kind_of_thing_and_a_cable_across_the_sea_is_named() -> None:
    listed = _analysis(H84)  # "трубопроводов, а также оптоволоконных кабелей"
    assert not [m for m in listed.mentions if m.layer == "digital_silk_road"]
    cable = _analysis("held89_apsny_20251028_black_sea_cable_pci_wait.txt")
    assert "подводного электроэнергетического кабеля через Чёрное море" in [
        m.text for m in cable.mentions if m.feature == "anaklia-constanta"
    ]


#: The one BTC volume conflict that is real: Kazakh oil planned for 2026 (held313's "1,6 млн
#: тонн" against held09's "1,5 млн тонн").
KAZAKH_OIL_2026 = "value:btc_pipeline/btc:mass:reported:share:KZ"
#: The BTC volume conflicts left false since held486-held503 moved (a class left): held493's
#: "прорабатывается дальнейшее его увеличение до 6-6,5 миллиона тонн" (a quote whose own 1.5
#: Mt is read with no share) against held265's "40-50 млн. тонн" (targets), and held488's
#: design "50 млн тонн нефти в год" against held265's "от 40 до 80 млн. тонн в год".
LEFT_BTC_VOLUMES = ("value:btc_pipeline/btc:mass:target", "value:btc_pipeline/btc:mass:reported")


def test_a_volume_of_no_period_is_its_articles_when_published() -> None:
    # 2013's "в течение прошлого года … 29,671 млн. тонн" and 2018's "8 млн 258,6 тыс. тонн"
    # (an excerpt printing no date: its last year written) are no figures of 2025's 36,306.
    old = _claim("held98_1news_20130409_btc_q1_2013_exports.txt", "29,671 млн. тонн")
    later = _claim("held99_1news_20180419_btc_q1_2018_growth.txt", "8 млн 258,6 тыс. тонн")
    assert (old.context, later.context) == ({"published": 2013}, {"published": 2018})
    capacity = _claim("held09_haqqin_20251215_kazakh_oil_btc.txt", "2,2 млн тонн нефти в год")
    assert "published" not in capacity.context  # a rate is no volume of a time
    btc = [conflict.id for conflict in _dev_btc_conflicts("mass")]
    # the one left of those before held486-held503 is real: Kazakh oil planned for 2026,
    # held313's 1.6 Mt against held09's 1.5
    assert [conflict for conflict in btc if conflict not in LEFT_BTC_VOLUMES] == [KAZAKH_OIL_2026]
    # A share of a whole is its time's too: 2018's "81,6% от общего объема нефти" is no
    # figure of 2025's "74,6% нефти транспортировано по … БТД" (eleven months).
    share = _claim("held99_1news_20180419_btc_q1_2018_growth.txt", "81,6%")
    assert share.context == {"published": 2018}
    percents = _dev_btc_conflicts("percent")
    assert not percents


def test_lengths_listed_after_of_them_by_country_are_those_countries_sections() -> None:
    name = "held98_1news_20130409_btc_q1_2013_exports.txt"
    scopes = [_claim(name, written).scope for written in ("1768 км", "443 км", "248 км", "1076 км")]
    assert scopes == [None, "section:AZ", "section:GE", "section:TR"]
    # over development: a held-out part's errors are measured, not tested, until they are fixed
    lengths = _dev_btc_conflicts("length")
    # no part against the whole, nor against the catalog's 1768 km; those left are real: the
    # Georgian section as 249 km (held142, "249 – по Грузии"; held174 and held381, "249
    # километров - Грузии") against 248 km here, in held183 ("в Грузии – 248 км"), in held253
    # ("открыли 248-километровый грузинский участок нефтепровода") and in held269 ("248 км на
    # грузинской территории"); the whole as 1767 km (held269) and 1776 km (held270) against
    # 1768 km; held301's "Общая протяженность нефтепровода составляет 1 768 километров: 443 км
    # проходят по территории Азербайджана, 248 км - Грузии и 1 077 км - Турции", the item before
    # the last closed by "и": its 248 km Georgian, its 1,077 km Turkish section against 1,076 km;
    # held408's "по 1800-километровому трубопроводу БТД", the whole as 1,800 km against 1,768 km
    # (held409's "1768 километров" among them) and against the catalog's; held427's "1768
    # километров", "249 километров" and "1 076 километров" join their groups; the thirty-fifth
    # part's: held461's "Нефтепровод проходит по территории трёх стран — Азербайджана (449 км),
    # Грузии (235 км) и Турции (1059 км)", each country's bracketed length its section (against
    # 443, 248 and 1076 km: real); held458's "(1760 км), которая должна пройти по территории
    # Азербайджана, Грузии и Турции", the whole, not Azerbaijan's section, as is its cost;
    # held459's "протяженность грузинского участка составляет 248 км, турецкого — 1076 км", the
    # noun left out: Turkey's section
    held461 = "held461_domgazya_20180327_btc_1773km_sections.txt"
    assert [_claim(held461, written).scope for written in ("1773 километра", "449 км", "235 км",
                                                           "1059 км")] == [
        None, "section:AZ", "section:GE", "section:TR"]  # fmt: skip
    held458 = "held458_ng_20031226_btc_1760km_3_6_4_3bn.txt"
    assert _claim(held458, "1760 км").scope is None
    assert _claim(held458, "3,6 до 4,3 миллиарда долларов").scope is None
    held459 = "held459_pravdareport_20030623_btc_azerbaijan_section_443km.txt"
    assert _claim(held459, "1076 км").scope == "section:TR"
    # held457's "Нефтепровод Баку-Тбилиси-Джейхан (БТД), берущий свое начало у терминала
    # Сангачалы, … имеет протяженность 1768 километров": the terminal is where the line starts,
    # the length the line's (in the first group)
    assert _claim("held457_inosmi_20050525_btc_1768km_3bn.txt", "1768 километров").feature == "btc"
    # held460's "работы по строительству нефтепровода выполнены на 65%" after a sentence that
    # ends on "терминал в Джейхане": the pipeline its noun names, not the terminal
    assert _claim("held460_canews_20040604_btc_65pct_950km_2005.txt", "65%").feature == "btc"
    assert _claim("held301_nefterynok_20100902_btc_turkmen_oil_200kt.txt", "248 км").scope == (
        "section:GE")
    # held487's "Из 1767 км … 443 км приходится на территорию Азербайджана, 248 км на Грузию и
    # 1076 км на Турцию" and held486's "На Грузию приходится … участок … в 248 км" join the
    # whole's and the three sections' groups; so do held519's whole of 1 767 km and its
    # sections of 443, 248 and 1 076 km (the thirty-ninth part moved), its whole against the
    # catalog's 1768 km too, and held539's whole of 1767 km (the fortieth part moved); held460's
    # "Из общей протяженности маршрута в 1768 км сварено 950 км труб", the whole's (the
    # pipeline's kind named the sentence before), joins the first. The forty-sixth part's:
    # held620's "на всех трех участках – азербайджанском (443 км), грузинском (248 км) и
    # турецком (1076 км)", each country's adjective before its bracketed length its section
    # (the two last were the whole, against its 1768 km); held619's "Протяженность
    # нефтепровода — около 1 тыс. 800 километров; из них по территории Грузии проходит 247
    # километров нефтяного пути, по территории Азербайджана — 445 километров", the parts past
    # the semicolon not the whole's ("около" 1,800 km is no disagreement with 1,768 km). The
    # fifty-sixth part's: held788's "Общая протяженность нефтепровода БТД — 1768 км, из которых
    # 443 км пролегают по территории Азербайджана, 249 км — Грузии, 1076 км — Турц", the
    # excerpt cut inside the last country's name: its four lengths join the four groups, the
    # last Turkey's section (a name the cut word begins, one country's only), no whole against
    # the catalog's 1768 km
    held788 = "held788_oilcapital_20200417_btc_chevron_share_mol.txt"
    assert [_claim(held788, written).scope for written in ("1768 км", "443 км", "249 км",
                                                           "1076 км")] == [
        None, "section:AZ", "section:GE", "section:TR"]  # fmt: skip
    assert cut_country("Турц") == "TR" and cut_country("Ту") is None
    held620 = "held620_utro_20050211_btc_sections_99pct.txt"
    assert [_claim(held620, written).scope for written in ("443 км", "248 км", "1076 км")] == [
        "section:AZ", "section:GE", "section:TR"]  # fmt: skip
    held619 = "held619_politru_20041021_btc_1800km_445km_247km.txt"
    assert [_claim(held619, written).scope for written in (
        "1 тыс. 800 километров", "247 километров", "445 километров")] == [
        None, "section:GE", "section:AZ"]  # fmt: skip
    assert [sorted(claim.text for claim in conflict.claims) for conflict in lengths] == [
        ["1 767 км", "1 768 километров", "1 768 километров", "1 768 км", "1,768 тыс. км",
         "1.768 километров", "1.768 километров", "1760 км", "1767 километров", "1767 км",
         "1767 км",
         "1768 километров", "1768 километров", "1768 километров", "1768 километров",
         "1768 километров", "1768 км", "1768 км", "1768 км", "1768 км", "1768 км",
         "1773 километра", "1776 километров",
         "1800-километровому"],
        ["443 километра", "443 километра", "443 километра", "443 километра", "443 км",
         "443 км", "443 км", "443 км", "443 км", "443 км", "443 км", "443 км", "443 км",
         "443 км", "445 километров", "449 км"],
        ["235 км", "247 километров", "248 км", "248 км", "248 км", "248 км", "248 км", "248 км",
         "248 км", "248 км", "248 км", "248-километровый", "249", "249 километров",
         "249 километров", "249 километров", "249 км", "249 км"],
        ["1 076 километров", "1 076 км", "1 076 км", "1 077 км", "1059 км", "1076",
         "1076 километров", "1076 километров", "1076 км", "1076 км", "1076 км", "1076 км",
         "1076 км", "1076 км"],
        ["1767 км"],
        ["1800-километровому"],
        ["1760 км"],
        ["1773 километра"],
        ["1767 км"],
        ["1 767 км"],
        ["1767 километров"],
    ]


def test_a_figure_of_a_railway_networks_main_line_is_no_mapped_corridors() -> None:
    # S&P on the Georgian Railway: "модернизация главной линии увеличила ее пропускную
    # способность с 27 до 48 миллионов тонн в год" is not the BTK line's capacity.
    analysis = _analysis("held109_dayaz_20251218_sp_georgian_railway.txt")
    assert [claim.text for claim in analysis.claims if claim.layer] == ["в 2025 году"]
    assert all(conflict.rule != "catalog" or "held109" not in conflict.id
               for conflict in corpus_conflicts([analysis]))  # fmt: skip


def test_a_date_a_figure_is_given_as_of_is_no_event() -> None:
    name = "held98_1news_20130409_btc_q1_2013_exports.txt"
    analysis = _analysis(name)
    assert "(по состоянию на 1 апреля 2013 года)" in analysis.document.text
    assert not [claim for claim in analysis.claims if claim.kind == "event"]
    assert _claim(name, "212,795").value == 212.795


def test_a_section_named_by_its_corridor_is_no_leg_through_a_place() -> None:
    name = "held104_report_20251027_tripp_russia_42km.txt"
    section = _claim(name, "42-километровый")  # "участок Зангезурского коридора"
    assert (section.feature, section.scope, section.value) == ("syunik", None, 42.0)


def test_a_change_of_a_time_is_no_volumes_growth() -> None:
    name = "held110_dayaz_20260310_middle_corridor_demand_500pct.txt"
    time = _claim(name, "в три раза")  # "время обработки грузов увеличилось в три раза"
    assert (time.layer, time.topic, time.scope) == (None, None, "actor:time")
    demand = _claim(name, "450-500 процентов")  # the demand's growth stays the corridor's
    assert (demand.layer, demand.scope) == ("middle_corridor", None)


def test_a_part_said_to_fall_to_a_cargo_is_that_cargos_share() -> None:
    name = "held99_1news_20180419_btc_q1_2018_growth.txt"
    transit = _claim(name, "1,539 млн тонн")  # "Из общего объема … пришлись на транзитную нефть"
    assert (transit.feature, transit.scope) == ("btc", "share:transit")
    assert _claim(name, "8 млн 258,6 тыс. тонн").scope is None


def test_the_names_after_a_plural_port_noun_are_ports() -> None:
    name = "held110_dayaz_20260310_middle_corridor_demand_500pct.txt"
    ports = [(m.text, m.feature) for m in _analysis(name).mentions if m.layer.endswith("_port")]
    assert ports == [("портах Актау", "aktau"), ("Баку", "alat")]  # "в портах Актау и Баку"
    listed = _analysis("held105_exclusive_20220428_aktau_hub_10bn_tenge.txt").mentions
    assert ("Баку", "alat") in [(m.text, m.feature) for m in listed]  # "портов Актау, Курык, Баку"


def test_a_name_before_co_is_the_company() -> None:
    name = "held98_1news_20130409_btc_q1_2013_exports.txt"
    texts = [(m.text, m.start) for m in _analysis(name).mentions if m.text == "BTC"]
    assert len(texts) == 1  # "нефтепровода BTC" is the pipeline; "компании BTC Co" is not


def test_a_dateline_with_a_two_digit_year_alone_on_its_line_is_read() -> None:
    analysis = _analysis("held100_vch_20180515_baku_port_opening.txt")
    assert analysis.document.text.lstrip().startswith("15.05.18\n")
    assert analysis.document.date is not None and analysis.document.date[:10] == "2018-05-15"


def test_a_dateline_with_a_two_digit_year_after_an_agencys_name_is_read() -> None:
    analysis = _analysis("held222_biang_20240703_titr_launch_tokayev_xi.txt")
    assert "\nТАСС 03.07.24 Слов: 123\n" in analysis.document.text
    assert analysis.document.date is not None and analysis.document.date[:10] == "2024-07-03"


def test_a_volume_of_a_cargo_with_an_adjective_of_origin_after_it_is_that_countrys_share() -> None:
    name = "held121_moysu_20190125_btc_january_2019.txt"
    turkmen = _claim(name, "196,4 тыс. тонн")
    assert (turkmen.feature, turkmen.kind, turkmen.scope) == ("btc", "mass", "share:TM")


def test_a_breadcrumbs_archive_date_is_the_publication_date() -> None:
    assert _analysis("held121_moysu_20190125_btc_january_2019.txt").document.date == "2019-01-25"


def test_a_project_named_in_the_cause_of_a_change_is_not_what_the_change_counts() -> None:
    name = "held114_zk_20230905_aktau_port_7m_2023.txt"
    for written in ("58%", "2,1 млн тонн"):
        claim = _claim(name, written)
        assert (claim.layer, claim.feature) == ("aktau_port", "aktau"), written


def test_what_a_port_is_able_to_handle_is_its_capacity_not_a_volume_handled() -> None:
    name = "held103_kazpress_20230718_aktau_kuryk_press_tour.txt"
    assert _claim(name, "12 млн тонн").context.get("measure") == "capacity"


def test_a_percent_after_a_noun_of_change_and_v_is_the_size_of_the_change() -> None:
    name = "held115_bizmedia_20230901_aktau_kuryk_ports_12pct.txt"
    corridor = _last_claim(name, "80%")
    assert (corridor.layer, corridor.kind, corridor.value) == ("middle_corridor", "growth", 80.0)


def test_a_change_after_a_volume_of_its_own_sentence_takes_no_section_from_the_one_before() -> None:
    name = "held113_dayaz_20251008_titr_h1_2025_926kt.txt"
    change = _claim(name, "6 процентов")
    assert (change.layer, change.kind, change.scope) == ("middle_corridor", "growth", None)


def test_a_figure_of_two_projects_named_as_a_pair_is_no_claim_of_either() -> None:
    name = "held115_bizmedia_20230901_aktau_kuryk_ports_12pct.txt"
    pair = [c for c in _analysis(name).claims if c.text == "12%"]
    assert pair and all(c.layer not in ("aktau_port", "kuryk_port") for c in pair)


def test_the_abbreviation_mtp_names_a_sea_trade_port() -> None:
    analysis = _analysis("held122_blackseanews_20180208_baku_port_first_phase.txt")
    named = [m for m in analysis.mentions if m.text.startswith("Бакинского международного МТП")]
    assert [(m.layer, m.feature) for m in named] == [("baku_port", "alat")]


def test_a_body_named_after_a_route_or_a_city_is_no_mention_of_it() -> None:
    for name, written in (("held113_dayaz_20251008_titr_h1_2025_926kt.txt", "ТМТМ Нургуль"),
                          ("held119_caspianenergy_20250618_ebrd_container_forecast.txt",
                           "Астана» и Института")):  # fmt: skip
        text = _analysis(name).document.text
        at = text.index(written)
        assert not [m for m in _analysis(name).mentions if m.position == at], name


def test_the_level_a_change_reached_after_its_size_is_no_up_to() -> None:
    reached = _claim("held114_zk_20230905_aktau_port_7m_2023.txt", "2,1 млн тонн")
    assert (reached.value, reached.qualifier, reached.role) == (2.1, None, "reported")


def test_a_dateline_with_a_two_digit_year_and_a_time_alone_on_its_line_is_read() -> None:
    document = _analysis("held132_bmge_20231201_btk_90pct_2024.txt").document
    assert "\n01.12.23 19:11\n" in document.text and document.date == "2023-12-01"


def test_a_numeric_date_closing_a_line_after_a_comma_is_the_publication_date() -> None:
    caption = _analysis("held134_sputnikaz_20220213_baku_port_2021.txt").document
    assert "Sputnik Азербайджан, 1920, 13.02.2022\n" in caption.text
    assert caption.date == "2022-02-13"
    title = _analysis("held136_prime_20230208_titr_2022_1_5mt.txt").document
    assert "ПРАЙМ, 1920, 08.02.2023\n" in title.text and title.date == "2023-02-08"
    # not when an agency's dateline of day and month names another day: the title's stamp is
    # then a later update's ("... - РИА Новости, 06.06.2008" over "АСТАНА, 30 ноя - РИА
    # "Новости"", published on 30 November 2004): no date rather than a wrong one
    updated = _analysis("held443_ria_20041130_khromtau_altynsarino_unmapped.txt").document
    assert "РИА Новости, 06.06.2008\n" in updated.text and "АСТАНА, 30 ноя - " in updated.text
    assert updated.date is None


H129 = "held129_1news_20251106_horadiz_agbend_68pct.txt"


def test_a_length_of_track_laid_is_construction_progress_and_physical_readiness_too() -> None:
    # "уже уложено 75,6 км главного пути и 87 км с боковыми ветками, завершен монтаж 66 км
    # длинномерных рельсов": work done, counted in km, not the line's length (110,4 км)
    for written in ("75,6 км", "87 км", "66 км"):
        laid = _claim(H129, written)
        assert (laid.feature, laid.scope) == ("horadiz-aghband", "construction")
        assert laid.context["as_of"] == "2025-11-06"
    assert _claim(H129, "110,4 км").scope is None
    # "Физическая готовность проекта составляет 68%"
    physical = [claim for claim in _analysis(H129).claims if claim.text == "68%"][-1]
    assert (physical.feature, physical.scope) == ("horadiz-aghband", "construction")
    lengths = [c for c in corpus_conflicts([_analysis(H129)]) if c.kind == "length"]
    assert lengths == []


H133 = "held133_sputnikgeorgia_20170928_btk_georgian_section_70pct.txt"


def test_a_stretch_named_by_its_two_ends_is_a_part_of_the_line_not_its_countrys_section() -> None:
    # "на грузинском участке отремонтирован участок железной дороги Марабда-Ахалкалаки длиной
    # 153 километра и построен участок Ахалкалаки-Карцахи (граница с Турцией) – длиной 27
    # километров": the nearest section word names a stretch the catalog does not map
    for written in ("153 километра", "27 километров"):
        stretch = _claim(H133, written)
        assert (stretch.feature, stretch.scope) == ("btk", "component:участок")
    assert _claim(H133, "70%").scope == "section:GE"
    names = [H133, "held66_dayaz_20260129_btk_contracts.txt"]  # its 184-km Georgian section
    assert "length" not in _conflict_kinds(*names)


def test_a_duration_of_an_action_whose_purpose_is_the_completion_is_no_claim() -> None:
    # "в течение 10 дней Минэкономики установит все работы необходимые для завершения"
    assert not [c for c in _analysis(H133).claims if c.kind == "duration"]
    assert _claim("dev07_report_20260305_kars_depot.txt", "в течение двух месяцев").value == 2.0


H132 = "held132_bmge_20231201_btk_90pct_2024.txt"


def test_a_share_of_works_naming_no_design_nor_section_is_construction_progress() -> None:
    works = _claim(H132, "90 процентов")  # "почти 90 процентов работ на новой … линии"
    assert (works.feature, works.kind, works.scope) == ("btk", "percent", "construction")
    # "примерно 70% работ по строительству грузинского участка" keeps the section
    assert _claim(H133, "70%").scope == "section:GE"


def test_the_start_of_next_year_beside_a_launch_is_a_deadline() -> None:
    # "запуск маршрута запланирован на начало следующего года" (published 1 December 2023)
    start = _claim(H132, "на начало следующего года")
    assert (start.kind, start.value, start.feature) == ("deadline", 2024.0, "btk")
    trials = _analysis("held109_dayaz_20251218_sp_georgian_railway.txt")
    deadlines = [c for c in corpus_conflicts([_analysis(H132), trials]) if c.kind == "deadline"]
    # 2024 (stated in 2023) against 2025, a real disagreement; a deadline in a sentence that
    # plans ("планируется … ввести в эксплуатацию в 2024 году") is no other measure
    assert [[c.text for c in conflict.claims] for conflict in deadlines] == [
        ["в 2024 году", "на начало следующего года", "в 2025 году"]
    ]


H128 = "held128_zonakz_20221027_caspian_fiber_340km.txt"


def test_a_plural_line_named_with_its_route_by_two_ends_is_the_project() -> None:
    # "строительство волоконно-оптических линий связей по дну Каспия по маршруту
    # Казахстан-Азербайджан": the one line, no kind of thing
    fiber = [m for m in _analysis(H128).mentions if m.layer == "digital_silk_road"]
    assert [m.text for m in fiber] == ["волоконно-оптических линий"]


def test_a_length_is_not_of_a_port_named_as_an_end_of_its_route() -> None:
    # "маршрут … составит более 340 километров, резервный канал, протяженностью около 330
    # километров будет проложен от казахстанского порта Курык до Бузовна"
    line, backup = _claim(H128, "340 километров"), _claim(H128, "330 километров")
    assert (line.feature, line.scope) == ("sumgayit-aktau", None)  # the backup is the next's
    assert (backup.feature, backup.scope) == ("sumgayit-aktau", "backup")
    lengths = [c for c in corpus_conflicts([_analysis(H128), _analysis(
        "held18_report_20250808_caspian_fiber_survey.txt")]) if c.kind == "length"]
    assert ["340 километров", "380 км"] in [
        sorted(c.text for c in conflict.claims) for conflict in lengths
    ]  # a real disagreement (the catalog's 380 km too)


H134 = "held134_sputnikaz_20220213_baku_port_2021.txt"


def test_a_unit_left_out_at_a_sentences_end_is_the_next_sentences_of_the_same_scale() -> None:
    # "общий объем перевалки грузов в порту в 2021 году составил 5,6 млн. Доля транзитных
    # грузов составила более 5,1 млн тонн"
    handled = _claim(H134, "5,6 млн")
    assert (handled.feature, handled.kind, handled.value, handled.unit) == (
        "alat", "mass", 5.6, "Mt"
    )  # fmt: skip


def test_a_percent_after_or_restating_a_shares_volume_is_that_share() -> None:
    # "Доля транзитных грузов составила более 5,1 млн тонн или 92,7% от общего объема"
    volume = [c for c in _analysis(H134).claims if c.text.startswith("5,1 млн тонн")][-1]
    share = [c for c in _analysis(H134).claims if c.text == "92,7%"][-1]
    assert volume.scope == share.scope == "share:transit"


H136 = "held136_prime_20230208_titr_2022_1_5mt.txt"


def test_a_change_joined_to_the_volume_it_reached_is_that_volumes() -> None:
    # "В 2022 году объем грузоперевозок увеличился в 2,5 раза и достиг 1,5 млн тонн"
    volume = _claim(H136, "1,5 млн тонн")
    change = [c for c in _analysis(H136).claims if c.text == "в 2,5 раза"][-1]
    assert (change.layer, change.sentence) == ("middle_corridor", volume.sentence)


def test_a_change_of_containers_is_no_change_of_the_whole_freight() -> None:
    # "ожидается рост контейнерных перевозок в два раза" (held97) against the route's freight
    # "выросли в 2,5 раза в 2022 году" (held136): two measures
    names = [H136, "held97_timekz_20220511_titr_four_months.txt"]
    assert "growth" not in _conflict_kinds(*names)
    assert _claim(names[1], "в два раза").context["measure"] == "containers"


H130 = "held130_atisu_20241218_titr_63pct_2024.txt"
H113 = "held113_dayaz_20251008_titr_h1_2025_926kt.txt"


def test_a_volume_since_the_start_of_the_year_is_no_whole_years() -> None:
    # "С начала года по Транскаспийскому … маршруту перевезено 4,1 млн тонн грузов" (the
    # excerpt prints no date: a window of a year not known, shorter than it)
    since = _claim(H130, "4,1 млн тонн")
    assert since.context["period"]["months"] is None


def test_a_volume_of_no_period_after_a_window_of_months_is_counted_over_it() -> None:
    # "за первые шесть месяцев 2025 года объем перевозок по маршруту составил 926 тысяч тонн
    # … Особенно заметен рост контейнерных перевозок - перевезено 40 200 ДФЭ, что на 93
    # процента превышает прошлогодние показатели"
    containers = _claim(H113, "40 200 ДФЭ")
    assert containers.context["period"] == _claim(H113, "926 тысяч тонн").context["period"]
    assert _claim(H113, "93 процента").context["measure"] == "containers"
    # held130: "… контейнерные перевозки, увеличившись в 2,6 раза – до 50,5 тыс. ДФЭ"
    assert _claim(H130, "50,5 тыс. ДФЭ").context["period"]["months"] is None
    names = [H113, H130, "held07_report_20260310_tmtm_volumes.txt",
             "held49_trend_20251211_edb_middle_corridor.txt"]  # fmt: skip
    found = _conflicts(*names)
    assert [c for c in found if c.kind == "containers"] == []


H119 = "held119_caspianenergy_20250618_ebrd_container_forecast.txt"
H108 = "held108_lada_20250822_titr_sixfold_ministry.txt"


def test_the_end_of_a_change_a_horizon_follows_is_that_horizons_level_reached() -> None:
    # "может увеличиться с 18 тыс. TEU в 2022 году до 130 тыс. TEU к 2040 году": 2040's, the
    # level the change reaches (no "up to"), not 2022's (held97's 50 тыс. ДФЭ of 2022)
    reached = _claim(H119, "130 тыс. TEU")
    assert (reached.context["period"]["year"], reached.qualifier) == (2040, None)
    found = _conflicts(H119, "held97_timekz_20220511_titr_four_months.txt")
    assert [c for c in found if c.kind == "containers"] == []
    # against held93's "к 2040 году контейнерный поток составит 865 тыс. TEU": a real one
    found = _conflicts(H119, "held93_report_20250905_middle_corridor_865k_teu.txt")
    assert [sorted(c.text for c in f.claims) for f in found if f.kind == "containers"] == [
        ["130 тыс. TEU", "865 тыс. TEU"]
    ]


def test_a_year_right_after_the_figure_before_is_not_the_next_figures() -> None:
    # "вырос в шесть раз – с 0,8 млн тонн в 2020 году до 4,5 млн тонн в 2024 году"
    assert _claim(H108, "4,5 млн тонн").context["period"]["year"] == 2024
    assert _claim(H108, "0,8 млн тонн").context["period"]["year"] == 2020
    # held49: its 3,3 млн тонн of 2024
    found = _conflicts(H108, "held49_trend_20251211_edb_middle_corridor.txt")
    assert any({"4,5 млн тонн", "3,3 млн тонн"} <= {c.text for c in f.claims} for f in found)


def test_a_forecasts_figure_is_a_target_not_the_traffic_reported() -> None:
    # "По прогнозам Всемирного банка, объем грузоперевозок … может увеличиться в три раза …
    # и достичь 11 миллионов тонн в год" against "с 0,8 млн до 4,5 млн тонн в год" carried
    forecast = _claim(H119, "11 миллионов тонн в год")
    assert (forecast.unit, forecast.role) == ("Mt/yr", "target")
    found = _conflicts(H119, "held07_report_20260310_tmtm_volumes.txt")
    assert [c for c in found if c.unit == "Mt/yr"] == []


def test_a_date_of_a_corridors_arteries_is_of_the_line_the_article_names() -> None:
    # "Основные транспортные артерии Зангезурского коридора запустят в 2026 году": its parts,
    # the Horadiz-Aghband line the article names, not the corridor's 2030 as a whole
    headline = _claim(H91, "в 2026 году")
    assert (headline.layer, headline.feature) == ("zangezur_corridor", "horadiz-aghband")
    found = _conflicts(H91, "held19_1news_20260113_kars_dilucu_2030.txt")
    assert [c for c in found if c.kind == "deadline"] == []


def test_the_corridor_named_as_a_transport_corridor_by_abbreviation_or_a_hyphen() -> None:
    # "ТМТК показывает устойчивый рост" (held130), "Транс-каспийского международного
    # транспортного маршрута" (held134), "«Транскаспийскому международному транспортному
    # коридору»" (held122)
    for name, written in ((H130, "ТМТК"), (H134, "Транс-каспийского"),
                          ("held122_blackseanews_20180208_baku_port_first_phase.txt",
                           "Транскаспийскому международному")):  # fmt: skip
        found = [m for m in _analysis(name).mentions if m.text.startswith(written)]
        assert found and all(m.layer == "middle_corridor" for m in found), name


def test_a_figure_of_a_port_that_is_a_link_of_the_corridor_named_is_the_ports() -> None:
    # "Будучи важным звеном Транс-каспийского международного транспортного маршрута, общий
    # объем перевалки грузов в порту в 2021 году составил 5,6 млн."
    for written in ("5,6 млн", "92,7%"):
        assert _claim(H134, written).feature == "alat", written
    # "…конференции, посвященной «Транскаспийскому международному транспортному коридору» …
    # По его словам, после завершения первого этапа строительства, мощность порта составит 15
    # млн. т грузов ежегодно": the port's, its kind named, not the corridor's
    capacity = _claim("held122_blackseanews_20180208_baku_port_first_phase.txt", "15 млн. т")
    assert (capacity.feature, capacity.scope) == ("alat", "stage:1")


def test_a_name_after_a_settlements_noun_is_the_village_not_the_port() -> None:
    # "в поселке Алят" (held33, held100), "дорога … до поселка Курык" (held102)
    for name, village in (("held33_dayaz_20251218_baku_port_11_months.txt", "Алят"),
                          ("held100_vch_20180515_baku_port_opening.txt", "Алят"),
                          ("held102_kuryk_20171206_auto_ferry_6mt.txt", "Курык")):  # fmt: skip
        text = _analysis(name).document.text
        after = [m for m in _analysis(name).mentions if m.text == village]
        assert not [m for m in after if "посел" in text[max(0, m.position - 10) : m.position]]
    ports = [m.text for m in _analysis("held102_kuryk_20171206_auto_ferry_6mt.txt").mentions]
    assert ports.count("порту Курык") == 2


def test_a_length_of_ways_in_the_plural_in_a_sentence_naming_no_project_is_a_networks() -> None:
    # "В 2024 году будет отремонтировано более 1,4 тыс. км железнодорожных путей" (KTZ's)
    repair = _claim("held107_kursiv_20241230_ktz_export_forecast.txt", "1,4 тыс. км")
    assert (repair.layer, repair.link) == (None, "unmapped project (a network)")
    # a project named beside the ways keeps them: "TITR - это 4 250 километров железных дорог"
    assert _claim("held16_dayaz_20251019_titr_axis.txt", "4 250").layer == "middle_corridor"


def test_figures_of_an_article_naming_its_line_only_by_its_route_are_that_lines() -> None:
    # "…для прокладки линии связи … на будущем маршруте — от Актау до Сумгаита. … По
    # расчётам, линия сможет передавать до 400 терабит в секунду. Завершить строительство
    # планируют в конце следующего года"
    name = "held45_kazinform_20250808_caspian_fiber_survey.txt"
    for written in ("400 терабит", "в конце следующего года"):
        found = _claim(name, written)
        assert (found.feature, found.link) == ("sumgayit-aktau", "route between its ends, before")


DEV11 = "dev11_haqqin_20250816_btc_azertrans.txt"


def test_a_one_word_name_right_after_v_is_the_place_and_a_facilitys_clause_its_own() -> None:
    # "из порта Актау на терминал компании Azertrans в Сангачале, мощность которого составляет
    # до 20 миллионов тонн нефти в год": Sangachal the place, the capacity the Azertrans
    # terminal's (not mapped), neither the Sangachal terminal's nor the Aktau port's
    assert "Сангачале" not in [m.text for m in _analysis(DEV11).mentions]
    capacity = _claim(DEV11, "20 миллионов тонн")
    assert (capacity.layer, capacity.link) == (None, "unmapped project (a facility)")
    # "на территории порта в Аляте" (held122) is the place too; "в БТД" stays the pipeline
    held122 = _analysis("held122_blackseanews_20180208_baku_port_first_phase.txt")
    assert "Аляте" not in [m.text for m in held122.mentions]


def test_tenge_as_tg_and_the_subject_past_an_opening_purpose_clause() -> None:
    # "Чтобы удвоить объемы транзита по транскаспийскому маршруту, в порту Актау планируется
    # создать контейнерный хаб. Проект оценивается почти в 10,5 млрд тг."
    cost = _claim("held105_exclusive_20220428_aktau_hub_10bn_tenge.txt", "10,5 млрд тг")
    assert (cost.feature, cost.kind, cost.unit, cost.value) == ("aktau", "money", "KZT", 10.5e9)


def test_a_volume_of_cargo_the_countries_named_shipped_is_their_share() -> None:
    # "В июле Казахстан и Туркменистан успели прокачать через БТД 308 тысяч тонн нефти"
    name = "held24_haqqin_20250912_btd_kazakh_turkmen_oil.txt"
    assert _claim(name, "308 тысяч тонн").scope == "share:transit"


def test_a_volume_of_cargo_said_also_is_the_share_of_the_volume_before() -> None:
    # "Объем транспортировки казахстанской нефти по … БТД … составит порядка 1,5 млн тонн …
    # На 2026 год также запланирована транспортировка 1,5 млн тонн нефти по маршруту БТД. …
    # Ерлан Аккенженов также отметил, что … предусматривают поставки до 2,2 млн тонн нефти в год"
    name = "held09_haqqin_20251215_kazakh_oil_btc.txt"
    assert [c.scope for c in _analysis(name).claims if c.kind == "mass"] == ["share:KZ"] * 3


def test_an_agency_dateline_opening_the_lead_after_a_city_in_capitals_is_read() -> None:
    document = _analysis("held141_caravan_20250304_fiber_370km.txt").document
    assert "АСТАНА, 4 марта 2025г. — ИА Караван Инфо." in document.text
    assert document.date == "2025-03-04"
    # "АСТАНА, 29 июн – Sputnik." (held140) prints no year: no date is made of it
    assert _analysis("held140_sputnikkz_20170629_kuryk_400kt.txt").document.date is None


def test_a_closing_byline_of_the_outlets_web_address_and_a_date_is_read() -> None:
    # "BNews.kz, 31 июля 2014" and, below it, the reprinting site's "Текущая дата: 15.11.2024"
    document = _analysis("held143_bnews_20140731_zhezkazgan_beineu_988km.txt").document
    assert "\nBNews.kz, 31 июля 2014\n" in document.text and document.date == "2014-07-31"


H150 = "held150_baq_20250905_dostyk_moyynty_fivefold.txt"


def test_a_figure_before_the_article_first_names_its_subject_is_not_the_subjects() -> None:
    # a government report on lines we do not map ("вторых путей участка "Достык – Мойынты"",
    # "обводной дороге Алматы", "линии "Дарбаза – Мактаарал"") names the Middle Corridor only
    # in its last paragraph: none of the figures before is the corridor's
    analysis = _analysis(H150)
    linked = [claim.text for claim in analysis.claims if claim.layer]
    assert not linked, linked
    # nor the exchange rates a page header prints before the article names its cable (held77)
    rates = _analysis("held77_azh_20251021_caspian_fiber_roadmap.txt").claims
    assert [c.layer for c in rates if c.text in ("$ 513.55", "€ 602.09", "₽ 6.42")] == [None] * 3


def test_a_line_named_in_quotes_between_a_figure_and_a_name_after_it_takes_the_figure() -> None:
    # "Реализация Послания: в 5 раз увеличится пропускная способность железной дороги "Достык –
    # Мойынты""; "Работы будут полностью завершены до конца текущего года. По строительству
    # линии "Дарбаза – Мактаарал" …": the line between is nearer than the corridor after it
    links = {claim.text: claim.link for claim in _analysis(H150).claims}
    assert links["до конца текущего года"] == "unmapped project (a line)"
    # without that rule the lead's own quoted line would make it no corridor's either
    assert "вторых путей участка \"Достык – Мойынты\"" in _analysis(H150).document.text


H142 = "held142_sololaki_20250501_btc_591mt.txt"


def test_a_part_listed_with_its_country_past_a_dash_is_that_countrys_section() -> None:
    # "Общая протяженность нефтепровода – 1 768 километров, из которых 443 километра пролегают
    # по территории Азербайджана, 249 – по Грузии, а чуть более 1 тысячи километров – по
    # Турции": the bare 249 is kilometres too, and each part the country after it
    claims = _analysis(H142).claims
    parts = [(c.text, c.value, c.unit, c.scope) for c in claims if c.kind == "length"]
    assert parts == [("1 768 километров", 1768.0, "km", None),
                     ("443 километра", 443.0, "km", "section:AZ"),
                     ("249", 249.0, "km", "section:GE"),
                     ("1 тысячи километров", 1000.0, "km", "section:TR")]  # fmt: skip


def test_an_investment_in_a_named_project_is_compared_by_that_project() -> None:
    # "Инвестиции в проект Баку-Тбилиси-Джейхан (БТД) … составили около 6 млрд долларов" is
    # the pipeline's, not the corridor's "$4,6 млрд" of investment (held17) as one topic
    investment = _claim(H142, "6 млрд долларов")
    assert (investment.topic, investment.subject) == ("investment", "btc_pipeline/btc")
    corridor = _claim("held17_trend_20260116_middle_corridor_turkmenistan.txt", "$4,6 млрд")
    assert corridor.subject == "topic:investment"


def test_a_figure_of_the_route_referred_back_to_as_this_direction_is_the_wholes() -> None:
    # "естественной частью Среднего коридора … Контейнерные перевозки по этому направлению в
    # 2024 году выросли в 15 раз" is the corridor's, not its one line the article names (BTK)
    growth = _claim("held146_report_20251112_btk_capacity_triple.txt", "в 15 раз")
    assert (growth.layer, growth.feature) == ("middle_corridor", None)


H147 = "held147_trend_20260106_nakhchivan_194km_264km.txt"


def test_the_railway_in_the_autonomous_republic_abbreviated_ar_and_its_total_with_sidings() -> None:
    # "строительства железнодорожной линии в Нахчыванской АР"; "«Длина железных дорог
    # составляет 194,1 км, а с подъездными путями - 264 км»"
    named = {(m.layer, m.feature) for m in _analysis(H147).mentions}
    assert named == {("zangezur_corridor", "nakhchivan")}
    own, total = _claim(H147, "194,1 км"), _claim(H147, "264 км")
    assert (own.feature, own.scope) == ("nakhchivan", None)
    assert (total.feature, total.scope) == ("nakhchivan", "including:подъездный путь")


def test_a_sum_put_into_a_company_named_in_quotes_is_no_projects() -> None:
    # "В ближайшие годы в развитие компании «Грузинские железные дороги» планируется
    # инвестировать около 1 млрд лари, или $370 млн." (held144): the railway company's
    analysis = _analysis("held144_ixbtge_20251213_btk_threefold.txt")
    sums = [(c.text, c.layer, c.link) for c in analysis.claims if c.kind == "money"]
    assert sums == [("1 млрд лари", None, "unmapped project (a company)"),
                    ("$370 млн.", None, "unmapped project (a company)")]  # fmt: skip


def test_the_time_to_raise_the_speed_and_safety_of_traffic_is_no_construction_time() -> None:
    # "Грузия планирует в течение двух лет значительно нарастить скорость и безопасность
    # перевозок" (held145)
    analysis = _analysis("held145_vestikavkaza_20251002_btk_5mt_modernization.txt")
    assert not [claim for claim in analysis.claims if claim.kind == "duration"]


H143 = "held143_bnews_20140731_zhezkazgan_beineu_988km.txt"


def test_a_year_with_its_case_ending_and_the_lengths_of_another_line_and_of_all_lines() -> None:
    # "В 2014-м году в Казахстане будет открыто движение по двум новым железнодорожным веткам
    # Жезказган-Бейнеу и Аркалык - Шубарколь"; "по новым железным дорогам - Жезказган - Бейнеу
    # протяженностью 988 км и Аркалык - Шубарколь протяженностью 214 км. Общая протяженность
    # всех новых железнодорожных линий составляет 2,5 тыс. километров"
    opening = _claim(H143, "В 2014-м году")
    assert (opening.kind, opening.value, opening.feature) == (
        "deadline", 2014.0, "zhezkazgan-mangyshlak"
    )  # fmt: skip
    assert _claim(H143, "988 км").feature == "zhezkazgan-mangyshlak"
    assert (_claim(H143, "214 км").layer, _claim(H143, "214 км").link) == (
        None, "unmapped project (a line)"
    )  # fmt: skip
    total = _claim(H143, "2,5 тыс. километров")
    assert (total.layer, total.link) == (None, "unmapped project (a network)")


H149 = "held149_minfin_20221218_black_sea_cable_six_years.txt"


def test_the_black_sea_cable_by_its_adjective_a_teaser_line_and_a_time_until_done() -> None:
    # "Черноморский электрический кабель — это новый маршрут передачи"; "а строительство
    # завершится через шесть лет"; "Читайте также: Германия выделит 130 миллионов евро …" is
    # another story's teaser, no article text; "детальное технико-экономическое обоснование
    # будет завершено в сентябре 2023 года" is the design's deadline
    analysis = _analysis(H149)
    assert [m.feature for m in analysis.mentions] == ["anaklia-constanta"]
    assert [(c.text, c.kind, c.value, c.feature, c.scope) for c in analysis.claims] == [
        ("в сентябре 2023 года", "deadline", 2023.0, "anaklia-constanta", "design"),
        ("через шесть лет", "duration", 6.0, "anaklia-constanta", None),
    ]


def test_the_city_of_an_agency_dateline_is_no_mention() -> None:
    # "АСТАНА, 29 июн – Sputnik. Через паромный порт Курык …" (held140)
    analysis = _analysis("held140_sputnikkz_20170629_kuryk_400kt.txt")
    assert "АСТАНА, 29 июн – Sputnik." in analysis.document.text
    assert "АСТАНА" not in [mention.text for mention in analysis.mentions]


def test_the_caspian_green_corridor_by_its_three_countries_and_as_transcaspian() -> None:
    # "по проекту "зеленого" коридора Азербайджан-Казахстан-Узбекистан", "для реализации
    # Транскаспийского энергетического коридора" (held152)
    analysis = _analysis("held152_dayaz_20250922_green_corridor_feasibility.txt")
    named = {(m.text, m.feature) for m in analysis.mentions}
    assert ("Транскаспийского энергетического коридора", "caspian") in named
    assert any(text.endswith("коридора Азербайджан-Казахстан-Узбекистан") and feature == "caspian"
               for text, feature in named)  # fmt: skip


def test_a_day_and_month_said_to_be_today_date_a_past_event_not_an_announced_one() -> None:
    # "В турецкой провинции Карс сегодня, 22 августа, состоялась церемония закладки фундамента"
    laid = _claim("held155_ekhokavkaza_20250822_kars_dilucu_224km.txt", "22 августа")
    assert (laid.kind, laid.context["date"], laid.feature) == ("event", "2025-08-22", "kars-dilucu")
    # "Сегодня, 22 августа, в турецком городе Ыгдыр состоится церемония закладки" (held11)
    held11 = _analysis("held11_haqqin_20250822_kars_dilucu.txt").claims
    assert not [c for c in held11 if c.kind == "event" and c.text == "22 августа"]


def test_the_end_of_a_named_year_beside_a_completion_is_a_deadline() -> None:
    # "Завершение работ по строительству подводных волоконно-оптических линий связи по дну
    # Каспийского моря между Казахстаном и Азербайджаном запланировано на конец 2026 года."
    name = "held164_report_20251018_caspian_fiber_end_2026.txt"
    deadline = _claim(name, "на конец 2026 года")
    assert (deadline.kind, deadline.value) == ("deadline", 2026.0)
    assert deadline.feature == "sumgayit-aktau"
    # "по состоянию на конец 2024 года составили около 6 млрд долларов" dates a figure (held142)
    held142 = _analysis("held142_sololaki_20250501_btc_591mt.txt").claims
    assert not [c for c in held142 if c.kind == "deadline" and "2024" in c.text]


def test_a_plural_line_singled_out_by_its_two_ends_after_between_is_a_mention() -> None:
    mentions = _analysis("held164_report_20251018_caspian_fiber_end_2026.txt").mentions
    assert ("волоконно-оптических линий", "sumgayit-aktau") in [
        (m.text, m.feature) for m in mentions
    ]


def test_the_railway_infrastructure_in_nakhchivan_and_a_cable_in_the_black_sea_are_named() -> None:
    length = _claim("held157_haqqin_20251206_nakhchivan_188km.txt", "188 километров")
    assert (length.feature, length.value, length.scope) == ("nakhchivan", 188.0, None)
    mentions = _analysis("held160_sputnikgeorgia_20260205_black_sea_cable_memorandum.txt").mentions
    assert ("подводного кабеля в Черном море", "anaklia-constanta") in [
        (m.text, m.feature) for m in mentions
    ]


def test_a_sum_earned_is_no_projects_cost() -> None:
    # "за 30 лет принесут Турции прибыль в размере 147,6 млрд лир ($3,6 млрд по текущему курсу)"
    claims = _analysis("held167_haqqin_20250823_kars_dilucu_profit.txt").claims
    assert not [claim for claim in claims if claim.kind == "money"]
    # a cost beside it stays: "Стоимость строительства оценивается примерно в 2,4 млрд евро"
    cost = _claim("held155_ekhokavkaza_20250822_kars_dilucu_224km.txt", "2,4 млрд евро")
    assert (cost.kind, cost.value) == ("money", 2.4e9)


def test_a_name_given_under_another_lends_no_figure_and_a_countrys_section_is_its_line() -> None:
    # "Проект был активизирован … под названием «Маршрут Трампа для международного мира и
    # процветания» (TRIPP). Железная дорога на территории Турции протянется примерно на 224
    # километра. … 15 миллионов тонн грузов в год. … 2,4 млрд евро. … к концу 2029 года."
    name = "held155_ekhokavkaza_20250822_kars_dilucu_224km.txt"
    mentions = [(m.text, m.feature) for m in _analysis(name).mentions]
    assert ("TRIPP", "syunik") in mentions  # still a mention of the name it is
    length = _claim(name, "224 километра")
    assert (length.feature, length.scope) == ("kars-dilucu", None)
    for written in ("15 миллионов тонн", "2,4 млрд евро", "в течение четырёх–пяти лет",
                    "к концу 2029 года"):  # fmt: skip
        assert _claim(name, written).feature == "kars-dilucu"


def test_a_ports_figure_beside_its_ferry_facility_is_that_facilitys() -> None:
    # "Паромный комплекс Курык, способный обрабатывать 4 миллиона тонн грузов в год, был
    # введён в эксплуатацию в декабре 2016 года."
    capacity = _claim("held161_b4mms_20250604_kuryk_restrictions_4mt.txt", "4 миллиона тонн")
    assert (capacity.feature, capacity.scope) == ("kuryk", "component:паромный комплекс")
    # "С учетом железнодорожного паромного комплекса порт сможет обрабатывать до 6 миллионов
    # тонн грузов в год" (held102) is the port's as a whole
    port = _claim("held102_kuryk_20171206_auto_ferry_6mt.txt", "6 миллионов тонн")
    assert (port.feature, port.scope) == ("kuryk", None)


def test_half_a_scale_in_one_word_is_read() -> None:
    # "обеспечит нам пропускную способность не менее 25 миллионов тонн и более полумиллиона TEU"
    teu = _claim("held158_trend_20251218_baku_port_phase2_25mt.txt", "полумиллиона TEU")
    assert (teu.kind, teu.value, teu.unit, teu.scope) == ("containers", 5e5, "TEU", "stage:2")


def test_a_ports_figure_of_the_ferry_facility_named_before_by_its_noun_is_that_facilitys() -> None:
    # "6 апреля … началось строительство паромного комплекса в порту Курык … планируемая
    # мощность комплекса составляет до 4 млн тонн грузов в год"
    capacity = _claim("held101_seanews_20150408_kuryk_ferry_4mt.txt", "4 млн тонн")
    assert (capacity.feature, capacity.scope) == ("kuryk", "component:паромный комплекс")


def test_a_sites_clock_under_a_header_date_marks_the_day_viewed_not_published() -> None:
    # "29 Марта 2024" / "Пятница, 11:06" heads the page; the article's own line says 15.05.2018
    assert _analysis("held173_regionplus_20180515_baku_port_opening_15mt.txt").document.date == (
        "2018-05-15"
    )


def test_a_company_named_as_the_reports_source_shipped_nothing() -> None:
    # "Как передает 1news.az со ссылкой на сообщение SOCAR, в прошедшем месяце по BTC было
    # транспортировано 154 тыс. 308 тонн туркменской нефти против 148 тыс. 118 тонн в августе,
    # …": Turkmen oil month by month, not SOCAR's own (held382)
    name = "held382_1news_20111010_btc_turkmen_oil_9m_2011.txt"
    for written in ("154 тыс. 308 тонн", "148 тыс. 118 тонн", "225 тыс. 142 тонны"):
        claim = _claim(name, written)
        assert (claim.feature, claim.scope) == ("btc", "share:TM")
    # the company that ships stays the shipper: "Госнефтекомпания Азербайджана (SOCAR)
    # экспортировала по трубопроводу Баку-Тбилиси-Джейхан (BTC) 18,552 млн. т"
    shipper = _claim("held183_ukrenergy_20121218_btc_socar_jan_nov_2012.txt", "18,552 млн. т")
    assert shipper.scope == "share:SOCAR"


def test_a_volume_after_its_country_of_origin_and_a_dash_is_that_countrys_share() -> None:
    # "больше всего было перевезено из Казахстана - 3 206 TEU, на втором месте Китай - 2915 TEU,
    # на третьем Туркменистан - 912 TEU, следом идет Узбекистан - 747 TEU" (held390)
    name = "held390_yerzemin_20210705_btk_h1_2021_11084_teu.txt"
    scopes = [_claim(name, written).scope for written in ("3 206", "2915", "912", "747")]
    assert scopes == ["share:KZ", "share:CN", "share:TM", "share:UZ"]
    # a country a noun before it owns is no origin: "общая пропускная способность морских
    # портов Казахстана — 27 млн тонн грузов в год" (held105) stays all Kazakh ports'
    ports = _claim("held105_exclusive_20220428_aktau_hub_10bn_tenge.txt", "27 млн тонн")
    assert (ports.layer, ports.scope) == (None, "actor:KZ")


def test_a_direction_of_trade_after_a_volume_its_cargo_named_once_is_its_share() -> None:
    # "С января текущего года по железнодорожной линии БТК обработано 369 TEU импортных, 397
    # TEU экспортных и 10 318 TEU транзитных грузов" (held390)
    name = "held390_yerzemin_20210705_btk_h1_2021_11084_teu.txt"
    scopes = [_claim(name, written).scope for written in ("369 TEU", "397 TEU", "10 318 TEU")]
    assert scopes == ["share:import", "share:export", "share:transit"]


def test_a_percent_said_to_fall_to_the_share_of_a_cargo_is_that_cargos_share() -> None:
    # "объем перевалки грузов достиг двух миллионов тонн, из которых 86 процентов приходится на
    # долю транзитных грузов" (held388): the Baku port's transit share
    share = _claim("held388_vestiaz_20180711_baku_port_h1_2018.txt", "86 процентов")
    assert (share.feature, share.kind, share.scope) == ("alat", "percent", "share:transit")


def test_containers_counted_in_the_equivalent_of_teu_are_teu() -> None:
    # "в первой половине 2018 года зарегистрировано 10 746 контейнеров в эквиваленте TEU, что
    # на 53 процента больше" (held388): was not read at all
    boxes = _claim("held388_vestiaz_20180711_baku_port_h1_2018.txt", "10 746 контейнеров")
    assert (boxes.text, boxes.value, boxes.unit, boxes.feature) == (
        "10 746 контейнеров в эквиваленте TEU", 10746.0, "TEU", "alat")
    # boxes of no stated size are still no TEU
    assert quantities("500 контейнеров в эквиваленте", 0, 29) == []


def test_the_year_most_of_the_works_end_in_is_no_deadline_of_the_line() -> None:
    # "Ожидается, что основная часть строительства завершится в 2012 году, а в 2013 году эта
    # дорога будет проложена до Европы" (held383), as held230's "к 2012 году"
    name = "held383_bakrabochiy_20111217_btk_245km_2013.txt"
    assert [claim.text for claim in _analysis(name).claims if claim.kind == "deadline"] == [
        "в 2013 году"]


def test_a_year_by_which_a_profit_is_expected_is_no_deadline() -> None:
    # "По предварительным оценкам железнодорожников, до 2020 года ожидается прибыль в сотни
    # миллионов манатов" (held387): a forecast of earnings, not the Middle Corridor's deadline,
    # and no conflict with held106's "в 2024 году"
    name = "held387_migoff_20150915_first_container_train_baku.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "deadline"]
    assert not _conflicts(name, "held106_railnews_20230814_poti_kz_terminal.txt")


def test_the_baku_trade_port_is_the_baku_port() -> None:
    # "Огромным событием стало прибытие в Бакинский торговый порт первого контейнерного поезда
    # из Китая" (held387)
    mentions = _analysis("held387_migoff_20150915_first_container_train_baku.txt").mentions
    assert ("Бакинский торговый порт", "baku_port", "alat") in [
        (mention.text, mention.layer, mention.feature) for mention in mentions]


def test_a_company_whose_press_service_is_the_source_is_no_mention_of_its_port() -> None:
    # "об этом говорится в сообщении пресс-службы ЗАО «Бакинский международный морской торговый
    # порт», распространенном в среду" (held388): the company that runs the port
    mentions = _analysis("held388_vestiaz_20180711_baku_port_h1_2018.txt").mentions
    assert "Бакинский международный морской торговый порт" not in [m.text for m in mentions]
    assert [m.text for m in mentions if m.feature == "alat"][-2:] == [
        "Бакинском порту", "Бакинского порта"]


def test_months_of_a_named_year_are_no_duration() -> None:
    # '"В течение двух месяцев текущего года с Сангачальского терминала по нефтепроводу БТД было
    # транспортировано 938,4 тысяч тонн транзитной туркменской нефти"' (held385): the window of
    # the volume, no time a work takes
    name = "held385_ecis_20140317_btc_turkmen_oil_jan_feb_2014.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "duration"]
    assert "horizon" not in _last_claim(name, "938,4 тысяч тонн").context
    # months said of no year stay a duration
    assert [q.kind for q in quantities("в течение двух месяцев после запуска", 0, 36)] == [
        "duration"]


def test_a_share_of_the_total_on_this_route_is_the_routes_and_transit_is_its_kind() -> None:
    # "Железная дорога Баку-Тбилиси-Карс сдана введена в эксплуатацию в октябре 2017 года.
    # Транзит составляет 81% от общего объема перевозок грузов по данному маршруту." (held390):
    # the route the sentence before named ("по данному маршруту", after the figure), and the
    # transit share of its traffic; was linked to nothing (its topic word kept the sentence's)
    share = _claim("held390_yerzemin_20210705_btk_h1_2021_11084_teu.txt", "81%")
    assert (share.feature, share.scope, share.link) == ("btk", "share:transit", "previous sentence")


def test_a_bracketed_share_of_a_count_is_the_share_of_the_country_it_went_to() -> None:
    # "За шесть месяцев услугами Бакинского порта воспользовались 19 965 пассажиров. Так, 16 526
    # пассажиров (82,8 процента) совершили поездку в Туркменистан, 3439 пассажиров (17,2
    # процента) – в Казахстан." (held388): the port's passengers by destination; a port's
    # percent keeps its share, as its volume of a country's cargo does not
    name = "held388_vestiaz_20180711_baku_port_h1_2018.txt"
    scopes = [(_claim(name, written).feature, _claim(name, written).scope)
              for written in ("82,8 процента", "17,2 процента")]  # fmt: skip
    assert scopes == [("alat", "share:TM"), ("alat", "share:KZ")]


def test_a_percent_said_to_be_cargo_from_a_country_is_that_countrys_share() -> None:
    # "По его словам, примерно 38-40% грузов составляют импортные и транзитные грузы из
    # Китая." (held386): China's share of the Baku port's cargo, whatever its kinds
    share = _claim("held386_dayaz_20251218_baku_port_china_share.txt", "38-40%")
    assert (share.feature, share.value, share.value_max, share.scope) == (
        "alat", 38.0, 40.0, "share:CN")


def test_a_growth_said_by_a_compound_adjective_of_its_factor_is_read() -> None:
    # "В первой половине 2025 года транспортировка казахстанской нефти по трубопроводу
    # Баку-Тбилиси-Джейхан приблизилась к 150 тысячам баррелей в день. Это означает более чем
    # двукратный рост по сравнению с 2023 годом." (held384): the growth was not read
    growth = _claim("held384_dayaz_20251024_kazakh_oil_btc_twofold.txt", "более чем двукратный")
    assert (growth.kind, growth.value, growth.unit, growth.feature) == ("growth", 2.0, "x", "btc")
    # "Это означает …" refers back to the sentence before: the growth of Kazakh oil
    assert growth.scope == "share:KZ"
    assert [(q.value, q.qualifier) for q in quantities("о шестикратном росте", 0, 20)] == [
        (6.0, None)]


def test_an_event_word_before_a_date_is_read_in_the_dates_own_clause() -> None:
    # "Строительство трубопровода началось в апреле 2003 года, а его заполнение нефтью - 18 мая
    # 2005 года." (held381): the start of the line fill, not a start, so no conflict with
    # held271's fire "начавшийся после взрыва 5 августа 2008 года"
    fill = _claim("held381_trend_20160325_btc_jan_feb_2016_sections.txt", "18 мая 2005 года")
    assert (fill.kind, fill.feature, fill.context["event"]) == ("event", "btc", "заполнение")
    assert not _conflicts("held381_trend_20160325_btc_jan_feb_2016_sections.txt",
                          "held271_flexcom_20080811_btc_explosion_turkey.txt")


def test_millions_thousands_and_units_written_apart_are_one_figure() -> None:
    # "за январь-сентябрь текущего года по BTC транспортировано 2 млн. 280 тыс. 667 тонн
    # туркменской нефти", "составила на 1 октября 2011 года 3 млн. 550 тыс. 667 тонн" (held382):
    # the units after the thousands were read without the millions (280 667 t)
    name = "held382_1news_20111010_btc_turkmen_oil_9m_2011.txt"
    nine_months = _claim(name, "2 млн. 280 тыс. 667 тонн")
    assert (nine_months.value, nine_months.unit, nine_months.scope) == (2.280667, "Mt", "share:TM")
    assert _claim(name, "3 млн. 550 тыс. 667 тонн").value == 3.550667
    # without units after the thousands the reading is as before
    assert quantities("2 млн. 280 тыс. тонн", 0, 20)[0].value == 2.28


def test_the_cargo_of_a_relative_clause_before_a_volume_is_the_lines_not_the_volumes() -> None:
    # "по нефтепроводу Баку-Тбилиси-Джейхан (БТД), по которому экспортируется большая часть
    # добываемой в Азербайджане нефти, было транспортировано 938,4 тысяч тонн туркменской нефти
    # против 372,8 тысяч тонн в аналогичном периоде 2013 года" (held385): Turkmen oil, not
    # Azerbaijan's, and no conflict with held168's Azerbaijani 29.7 Mt
    name = "held385_ecis_20140317_btc_turkmen_oil_jan_feb_2014.txt"
    assert [_claim(name, written).scope for written in ("938,4", "372,8")] == ["share:TM"] * 2
    assert not [conflict for conflict in _conflicts(
        name, "held168_trend_20151007_btc_9m_2015_azeri_oil.txt") if conflict.kind == "mass"]


def test_a_weekday_date_opening_the_page_is_the_day_viewed_when_a_dateline_follows() -> None:
    # "воскресенье, 16 марта 2025 г." heads the page (the site's today), above the headline;
    # the reprint's own line under it says "15.02.2021 ТАСС 1" (Big Asia, reprinting TASS)
    document = _analysis("held389_bigasia_20210215_horadiz_aghband_100km.txt").document
    assert (document.date, document.date_evidence) == ("2021-02-15", "15.02.2021")
    # a weekday's date under the headline, the page's only dateline, stays its date
    # ("Вторник, 17 марта 2015, 17:44", Ekonomichna Pravda)
    assert _analysis("held344_epravda_20150317_tanap_unmapped.txt").document.date == "2015-03-17"


def test_a_dateline_after_a_rubric_and_a_bar_is_the_publication_date() -> None:
    # the page's first line prints the rubric, a bar and the date, its month capitalised and a
    # comma before the year: "Экономика | 24 Июня, 2016" (Mayupravo)
    document = _analysis("held420_mayupravo_20160624_aktau_port_route_ukraine.txt").document
    assert (document.date, document.date_evidence) == ("2016-06-24", "24 Июня, 2016")


def test_a_librarys_citation_of_a_newspaper_issue_dates_the_article() -> None:
    # the anl.az archive signs the article it keeps "Бакинский рабочий.- 2011.- 17 декабря.- С.1."
    document = _analysis("held383_bakrabochiy_20111217_btk_245km_2013.txt").document
    assert (document.date, document.date_evidence) == ("2011-12-17", "2011.- 17 декабря")


def test_a_length_listed_with_a_country_alone_after_a_dash_is_that_countrys_section() -> None:
    # "443 километра пролегает по территории Азербайджана, 249 километров - Грузии, 1076
    # километров - Турции": no 'по территории' before Georgia and Turkey
    name = "held174_trend_20200521_btc_4m_2020_sections.txt"
    assert _claim(name, "443 километра").scope == "section:AZ"
    assert _claim(name, "249 километров").scope == "section:GE"
    assert _claim(name, "1076 километров").scope == "section:TR"


def test_oil_of_origins_named_by_adjectives_before_it_is_a_share() -> None:
    # several countries' oil is transit; a share word wins over the origin in brackets after it
    oil = _claim("held168_trend_20151007_btc_9m_2015_azeri_oil.txt", "359,9 тысячи тонн")
    assert oil.scope == "share:transit"
    name = "held174_trend_20200521_btc_4m_2020_sections.txt"
    assert _claim(name, "1,4 миллиона тонн").scope == "share:transit"  # транзитной (туркменской)
    assert _claim(name, "2,6 процента").scope == "share:transit"


def test_a_capacity_by_stage_is_a_yearly_rate_of_each_stage_named_in_its_own_clause() -> None:
    # "На первом этапе … 6,5 миллиона тонн грузов, на втором этапе … 17 миллионов тонн и двух
    # миллионов пассажиров в год": each stage's, both per year
    name = "held171_dmo_20171030_btk_opening_826km.txt"
    first, second = _claim(name, "6,5 миллиона тонн"), _claim(name, "17 миллионов тонн")
    assert (first.unit, first.scope) == ("Mt/yr", "stage:1")
    assert (second.unit, second.scope) == ("Mt/yr", "stage:2")
    # "… 17 миллионов тонн грузов в год. На начальном этапе этот показатель … 6,5 миллиона тонн"
    early = _claim("held169_kavkazplus_20161108_btk_testing_17mt.txt", "6,5 миллиона тонн")
    assert (early.unit, early.scope) == ("Mt/yr", "stage:1")


def test_a_total_with_its_part_counted_per_year_is_a_yearly_rate() -> None:
    # "Грузоперевалочная способность порта составляет 15 млн. тонн, в том числе 100 тыс.
    # контейнеров в год"
    total = _claim("held173_regionplus_20180515_baku_port_opening_15mt.txt", "15 млн. тонн")
    assert total.unit == "Mt/yr"


def test_a_new_phase_of_the_port_named_with_its_counted_berths_is_the_ports_stage() -> None:
    # "первая фаза нового портового комплекса будет обладать 12 причалами грузоперевалочной
    # возможностью 15 миллионов тонн грузов в год, в том числе 100 тысяч единиц 20-футовых
    # контейнеров": the Alat port named before (no new port, no berth's figure), each per year
    name = "held172_president_20180109_baku_port_roro_15mt.txt"
    cargo, boxes = _claim(name, "15 миллионов тонн"), _claim(name, "100 тысяч единиц")
    assert (cargo.feature, cargo.unit, cargo.scope) == ("alat", "Mt/yr", "stage:1")
    assert (boxes.feature, boxes.value, boxes.unit, boxes.scope) == (
        "alat", 100000.0, "TEU/yr", "stage:1"
    )


def test_a_railway_section_through_a_place_is_the_line_named_after_it_in_digits_or_words() -> None:
    # "почти 200-километрового участка железной дороги через Нахчыван" and "почти
    # двухсоткилометрового участка железной дороги, проходящей через Нахчыван": no project
    # named before them, the Nakhchivan railway as a whole
    name = "held178_trend_20251126_nakhchivan_200km.txt"
    for written in ("200-километрового", "двухсоткилометрового"):
        length = _claim(name, written)
        assert (length.feature, length.value, length.unit, length.scope) == (
            "nakhchivan", 200.0, "km", None
        )


def test_a_change_of_a_cost_or_of_a_countrys_exports_of_goods_is_no_projects_growth() -> None:
    # "снизить транспортные затраты на 18–25%"; "а экспорт казахстанской продукции увеличился в
    # 12 раз" beside the route's own sixfold growth
    costs = _analysis("held177_vlast_20251125_aktau_new_port_300m.txt").claims
    assert all(claim.layer is None for claim in costs if claim.text.startswith("18–25%"))
    name = "held175_vestikavkaza_20250317_titr_4_5mt_sixfold.txt"
    assert all(c.layer is None for c in _analysis(name).claims if c.text.startswith("в 12 раз"))
    assert _claim(name, "в шесть раз").layer == "middle_corridor"


def test_a_share_printed_as_a_vulgar_fraction_of_the_whole_is_read_in_percent() -> None:
    # "на долю основного экспортного трубопровода Баку-Тбилиси-Джейхан пришлись ¾ объема"
    share = _claim("held121_moysu_20190125_btc_january_2019.txt", "¾")
    assert (share.feature, share.kind, share.value, share.unit) == ("btc", "percent", 75.0, "%")


def test_a_shipping_companys_volume_through_a_pipeline_is_its_share_and_so_are_the_next() -> None:
    aioc = _claim("held181_1news_20070609_btc_aioc_jan_may_2007.txt", "10 млн 716,4 тыс. тонн")
    assert (aioc.feature, aioc.value, aioc.scope) == ("btc", 10.7164, "share:AIOC")
    name = "held183_ukrenergy_20121218_btc_socar_jan_nov_2012.txt"
    for written, value in (("18,552 млн. т", 18.552), ("1,9097 млн. т", 1.9097),
                           ("1,461 млн. т", 1.461), ("2,77 млн. т", 2.77)):  # fmt: skip
        claim = _claim(name, written)
        assert (claim.feature, claim.value, claim.scope) == ("btc", value, "share:SOCAR")
    assert _claim(name, "1768 км").scope is None  # the pipeline's own length stays its


def test_a_volume_listed_after_a_pipelines_that_went_by_rail_is_no_figure_of_the_pipeline() -> None:
    # "по нефтепроводу Баку-Тбилиси-Джейхан - 10 млн 716,4 тыс. тонн, по железной дороге в порт
    # Батуми - 749,13 тыс. тонн"
    rail = _claim("held181_1news_20070609_btc_aioc_jan_may_2007.txt", "749,13 тыс. тонн")
    assert (rail.layer, rail.feature) == (None, None)


def test_the_cables_are_named_as_their_own_pages_print_them() -> None:
    cable = _analysis("held184_report_20240813_black_sea_cable_feasibility.txt")
    fiber = _analysis("held186_caliber_20250522_caspian_fiber_tcfo.txt")
    named = {(cable.document.text[m.start : m.end], m.feature) for m in cable.mentions}
    assert ("Черноморского кабеля зеленой энергии", "anaklia-constanta") in named
    named = {(fiber.document.text[m.start : m.end], m.feature) for m in fiber.mentions}
    assert {("TransCaspian Fiber Optic", "sumgayit-aktau"), ("TCFO", "sumgayit-aktau")} <= named


def test_a_railways_figures_are_of_the_works_the_article_opens_with_not_of_a_border() -> None:
    # "… модернизации железнодорожной инфраструктуры в Нахчыванской Автономной Республике …
    # на границе с Арменией, на территории станции Саламмелик … Работы охватывают
    # 188-километровую железнодорожную линию … пропускная способность железной дороги
    # составит 15 миллионов тонн"
    name = "held190_1news_20251205_nakhchivan_188km_15mt.txt"
    length, capacity = _claim(name, "188-километровую"), _claim(name, "15 миллионов тонн")
    assert (length.feature, length.value, length.scope) == ("nakhchivan", 188.0, None)
    assert (capacity.feature, capacity.value, capacity.unit) == ("nakhchivan", 15.0, "Mt/yr")


def test_a_unit_cut_by_the_excerpts_end_is_not_read() -> None:
    # the excerpt ends "… каждый - объемом до одного м" (of "миллиона"): no length of BTC, so
    # no conflict with the catalog's 1768 km; the figure is listed as skipped, with the reason
    analysis = _analysis("held202_haqqin_20250902_ceyhan_tanks_cleaned.txt")
    assert not [claim for claim in analysis.claims if claim.text.startswith("одного")]
    assert [(figure.text, figure.reason) for figure in analysis.skipped] == [
        ("одного м", CUT_UNIT)
    ]
    assert not corpus_conflicts([analysis])


def test_a_share_of_people_is_no_figure_of_the_line() -> None:
    # "Тем временем, по контракту, 70% наемных рабочих должны составлять граждане Грузии":
    # the workforce's share, after the BTK line is named in the sentence before
    share = _claim("held193_opendemocracy_20151102_btk_end_2016.txt", "70%")
    assert (share.layer, share.feature, share.scope) == (None, None, "actor:people")


def test_a_volume_joined_to_the_change_before_it_is_of_that_changes_section() -> None:
    # "объем грузоперевозок по … (ТМТМ) через Казахстан вырос на 86% в сравнении с аналогичным
    # периодом прошлого и составил 1,6 млн тонн": the Kazakh section's volume, as its change is
    name = "held196_trend_20230908_tmtm_7m_2023.txt"
    change, volume = _claim(name, "86%"), _claim(name, "1,6 млн тонн")
    assert (change.layer, change.scope) == ("middle_corridor", "section:KZ")
    assert (volume.layer, volume.value, volume.scope) == ("middle_corridor", 1.6, "section:KZ")


def test_a_countrys_part_of_the_volume_before_is_its_share_not_its_own_traffic() -> None:
    # "… через Казахстан … составил 1,6 млн тонн … Отмечается, что при этом доля экспорта из
    # Казахстана составила 1,2 млн тонн (наблюдается рост в 2,5 раза)."
    name = "held196_trend_20230908_tmtm_7m_2023.txt"
    part, change = _claim(name, "1,2 млн тонн"), _claim(name, "в 2,5 раза")
    assert (part.layer, part.value, part.scope) == ("middle_corridor", 1.2, "share:KZ")
    assert (change.layer, change.value, change.scope) == ("middle_corridor", 2.5, "share:KZ")


def test_the_year_works_bring_a_capacity_is_their_deadline() -> None:
    # "По словам Жумагалиева, в результате расширения порта в 2015 году будет обеспечен рост
    # его пропускной способности до 20,5 миллиона тонн": the expansion's completion, not only
    # the capacity's horizon
    name = "held195_trend_20140203_aktau_20_5mt.txt"
    deadline, capacity = _claim(name, "в 2015 году"), _claim(name, "20,5 миллиона тонн")
    assert (deadline.kind, deadline.feature, deadline.value) == ("deadline", "aktau", 2015.0)
    assert (capacity.kind, capacity.feature, capacity.value) == ("mass", "aktau", 20.5)


def test_a_terminal_named_by_the_place_it_stands_in_is_the_catalogs_terminal_of_that_name() -> None:
    # "Напомним, терминал в Джейхане является ключевым звеном в инфраструктуре экспорта нефти
    # по трубопроводу Баку–Тбилиси–Джейхан"; "терминал компании Azertrans в Сангачале" is
    # another company's terminal (dev11), no mention
    ceyhan = _analysis("held202_haqqin_20250902_ceyhan_tanks_cleaned.txt")
    named = {(mention.text, mention.feature) for mention in ceyhan.mentions}
    assert ("терминал в Джейхане", "ceyhan_terminal") in named
    azertrans = _analysis("dev11_haqqin_20250816_btc_azertrans.txt")
    assert not [m for m in azertrans.mentions if m.text.endswith("Сангачале")]


def test_an_oil_grade_named_after_the_pipeline_is_no_mention_of_it() -> None:
    # "под транспортировку сорта BTC Blend", "от закупок BTC Blend" (held202); "Решение вопроса
    # некондиционной нефти BTC blend требует времени" (held203); "БТД" there is the pipeline
    ceyhan = _analysis("held202_haqqin_20250902_ceyhan_tanks_cleaned.txt")
    chlorides = _analysis("held203_haqqin_20250823_btc_chlorides.txt")
    assert [m.text for m in ceyhan.mentions if m.feature == "btc"] == [
        "трубопроводу Баку–Тбилиси–Джейхан", "БТД"
    ]
    assert [m.text for m in chlorides.mentions] == [
        "трубопроводу Баку – Тбилиси – Джейхан", "БТД", "БТД", "БТД"
    ]  # fmt: skip


def test_a_countrys_generating_capacity_and_its_part_are_no_figures_of_the_corridor() -> None:
    # "Жаркешов сообщил, что к 2030 году страна планирует увеличить установленную мощность
    # генерации до 26 ГВт, из которых 30–35% придется на возобновляемые источники", after the
    # article names the green energy corridor
    name = "held52_report_20260304_green_corridor_seminar.txt"
    for written in ("26 ГВт", "30–35%"):
        claim = _claim(name, written)
        assert (claim.layer, claim.scope) == (None, "actor:generation"), written


def test_the_green_energy_corridor_is_named_as_its_pages_print_it() -> None:
    seminar = _analysis("held199_dayaz_20260311_green_corridor_seminar.txt")
    assert [(m.text, m.feature) for m in seminar.mentions] == [
        ("Транскаспийского коридора зеленой энергии", "caspian")
    ]
    pmi = _analysis("held52_report_20260304_green_corridor_seminar.txt")
    named = {mention.text for mention in pmi.mentions}
    assert named == {"Зеленый энергетический коридор Центральная Азия – Азербайджан",
                     "Транскаспийский коридор зеленой энергии"}  # fmt: skip


def test_a_dateline_with_slashes_and_a_time_is_the_publication_date() -> None:
    # "17/04/2012 10:50" (B24.am) opens the page; the sidebar's "30/10/2025" comes later
    document = _analysis("held206_b24_20120417_btk_2013_850m_usd.txt").document
    assert document.date == "2012-04-17"


def test_a_length_written_as_an_adjective_measures_the_noun_after_it() -> None:
    # "строительство 75,6-километрового участка на территории Турции, строительство и
    # реконструкция 183-километрового участка на территории Грузии и строительство
    # 4,5-километрового туннеля на турецко-грузинской границе"
    name = "held207_apa_20141016_btk_sections_under_construction.txt"
    scopes = [_claim(name, written).scope
              for written in ("75,6-километрового", "183-километрового", "4,5-километрового")]
    assert scopes == ["section:TR", "section:GE", "component:туннель"]
    assert _claim(name, "183-километрового").feature == "btk"


def test_volumes_of_pipelines_we_do_not_map_are_neither_the_ports_nor_a_countrys() -> None:
    # "По маршруту "Атырау - Самара" обеспечена транспортировка 8,8 млн тонн нефти. По
    # казахстанско-китайскому нефтепроводу прокачивается 1 млн тонн, а также дополнительно
    # формируется транзит 10 млн тонн российской нефти." (the Aktau port named before)
    name = "held215_dayaz_20260128_kazakh_oil_aktau_btc.txt"
    for written in ("8,8 млн тонн", "1 млн тонн", "10 млн тонн"):
        claim = _claim(name, written)
        assert claim.layer is None and claim.subject is None, claim.as_dict()
        assert str(claim.link).startswith("unmapped project")


def test_a_countrys_cargo_through_a_port_is_the_ports_volume_not_a_share() -> None:
    # "Через порт Актау в Азербайджан отправлено 1,5 млн тонн казахстанской нефти."
    claim = _claim("held215_dayaz_20260128_kazakh_oil_aktau_btc.txt", "1,5 млн тонн")
    assert (claim.feature, claim.kind, claim.unit, claim.scope) == ("aktau", "mass", "Mt", None)


def test_a_volume_a_quoted_official_calls_ours_is_his_countrys_share() -> None:
    # "… заявил министр энергетики Казахстана Ерлан Аккенженов. … "В настоящее время по
    # контракту у нас закреплено 2,2 млн тонн, а для увеличения объемов есть возможность
    # довести физические поставки до 7 млн тонн", - отметил министр." (BTC named before)
    name = "held215_dayaz_20260128_kazakh_oil_aktau_btc.txt"
    contracted = _last_claim(name, "2,2 млн тонн")
    possible = _claim(name, "7 млн тонн")
    assert [(c.feature, c.scope) for c in (contracted, possible)] == [("btc", "share:KZ")] * 2


def test_a_contracted_or_possible_volume_is_not_the_volume_carried_or_intended() -> None:
    # held215's contracted 2.2 Mt and possible 7 Mt against held09's 1.5 Mt of 2025 and
    # held211's intended 7 Mt a year against held09's agreed "до 2,2 млн тонн нефти в год"
    name = "held215_dayaz_20260128_kazakh_oil_aktau_btc.txt"
    contracted = _last_claim(name, "2,2 млн тонн")
    assert contracted.context["measure"] == "contract"
    assert _claim(name, "7 млн тонн").context["measure"] == "capacity"
    assert _claim("held09_haqqin_20251215_kazakh_oil_btc.txt",
                  "2,2 млн тонн нефти в год").context["measure"] == "contract"
    btc = [conflict.id for conflict in _dev_btc_conflicts("mass")]
    # held313's 1.6 Mt against held09's 1.5 Mt: real
    assert [conflict for conflict in btc if conflict not in LEFT_BTC_VOLUMES] == [KAZAKH_OIL_2026]


def test_a_volume_that_can_be_pumped_is_a_capacity_not_a_volume_expected() -> None:
    # "Ежегодно по нему можно прокачивать на мировые рынки до 50 миллионов тонн каспийской
    # нефти" (held270) is the pipeline's capacity, no figure against held277's Tengiz oil
    # expected "до 4 млн тонн в год"
    claim = _claim("held270_regnum_20060713_btc_opening_1776km.txt", "50 миллионов тонн")
    assert (claim.feature, claim.unit, claim.context) == ("btc", "Mt/yr", {"measure": "capacity"})
    pair = _conflicts("held270_regnum_20060713_btc_opening_1776km.txt",
                      "held277_kt_20091020_btc_kazakh_oil_1_3mt.txt")
    assert [conflict for conflict in pair if conflict.kind == "mass"] == []


def test_the_power_of_renewable_sources_is_generation_no_cables() -> None:
    # "До конца этого года мы доведем общую мощность энергии, получаемой из возобновляемых
    # источников, до более чем 4 ГВт." (held285): Uzbekistan's plants, not the Black Sea cable
    claim = _claim("held285_kunuz_20240807_caspian_cable_2_5gw.txt", "4 ГВт")
    assert (claim.layer, claim.scope) == (None, "actor:generation")
    # and "К 2030 году этот объем превысит 20 ГВт" refers back to it: generation too
    later = _claim("held285_kunuz_20240807_caspian_cable_2_5gw.txt", "20 ГВт")
    assert (later.layer, later.scope) == (None, "actor:generation")


def test_the_kars_line_named_by_its_first_two_stations_after_a_line_noun_is_kars_dilucu() -> None:
    # "Строительство железнодорожной линии Карс-Игдыр-Аралыr-Дилуджу в направлении Нахчывана"
    # (held281, a Latin "r" typed in "Аралык"): the line's first two stations name it
    mentions = _analysis("held281_restproperty_20180607_kars_igdir_224km.txt").mentions
    assert ("железнодорожной линии Карс-Игдыр", "kars-dilucu") in {
        (mention.text, mention.feature) for mention in mentions
    }


def test_a_terminals_capacity_is_a_components_and_a_stage_named_before_it_wins() -> None:
    # "за счет строительства зернового терминала мощностью 1,5 миллиона тонн в год" (held279)
    # is the grain terminal's, not the Aktau port's against the catalog's 7.5-15 Mt a year;
    # "вторая фаза строительства порта Курык – автомобильного паромного терминала мощностью 2
    # млн тонн" (held118) is the second stage's: the stage is that terminal
    grain = _claim("held279_tengrinews_20141001_aktau_expansion_19_5mt.txt", "1,5 миллиона")
    assert (grain.feature, grain.scope) == ("aktau", "component:терминал")
    ferry = _claim("held118_baigenews_20171019_kuryk_first_million.txt", "2 млн тонн")
    assert ferry.scope == "stage:2"


@pytest.mark.parametrize(("name", "written", "feature", "scope"), [
    # "а также двух терминалов для генеральных грузов и контейнеров мощностью 1,5 миллиона
    # тонн в год" (held279): the two terminals', not the port's against the catalog
    ("held279_tengrinews_20141001_aktau_expansion_19_5mt.txt", "1,5 миллиона тонн в год",
     "aktau", "component:терминал"),
    # "Грузия обратится во Всемирный банк с просьбой предоставить $75 млн для составления
    # технико-экономического обоснования проекта" (held294): the study's money, no cost of
    # the Black Sea cable
    ("held294_interfaxua_20230109_black_sea_cable_75m_usd.txt", "$75 млн",
     "anaklia-constanta", "component:обоснование"),
])
def test_a_figure_of_a_component_named_with_it_is_the_components(
    name: str, written: str, feature: str, scope: str
) -> None:
    claim = _last_claim(name, written)
    assert (claim.feature, claim.scope) == (feature, scope)


def test_the_yeraskh_horadiz_railway_in_armenia_is_syunik_and_its_objects_are_not() -> None:
    # "Проведена геодезическая съемка 43 километров пути железной дороги Ерасх-Горадиз на
    # территории Армении" (held283): the Syunik route's 43 km, against the 40-44 km of others
    name = "held283_sputnikam_20220517_yeraskh_horadiz_43km.txt"
    length = _claim(name, "43 километров")
    assert (length.feature, length.scope) == ("syunik", None)
    # "составлены отчеты по 9 тоннелям (3050 м), 22 залам, 5 переездам, 2 мостам, 20 км
    # автомобильной дороги, 10 км оросительных труб": the tunnels' total; a road and pipes
    assert _claim(name, "3050 м").scope == "component:тоннель"
    assert (_claim(name, "20 км").layer, _claim(name, "10 км").layer) == (None, None)
    lengths = [conflict for conflict in _conflicts(
        name, "held104_report_20251027_tripp_russia_42km.txt"
    ) if conflict.kind == "length"]  # fmt: skip
    assert lengths


def test_a_sum_a_country_allocates_to_a_project_is_its_share_of_the_funding() -> None:
    # "В общей сложности Азербайджан выделил на реализацию этого проекта 850 млн. долл."
    claim = _claim("held206_b24_20120417_btk_2013_850m_usd.txt", "850 млн. долл.")
    assert (claim.feature, claim.kind, claim.scope) == ("btk", "money", "share:AZ")


def test_a_trains_launch_is_no_deadline_of_the_line_and_ends_at_a_clause_set_against_it() -> None:
    # "До конца 2012 года планируется запуск рабочего поезда, а уже в полную силу железная
    # дорога заработает в следующем году."
    name = "held206_b24_20120417_btk_2013_850m_usd.txt"
    train, line = _claim(name, "До конца 2012 года"), _claim(name, "в следующем году")
    assert (train.layer, train.scope) == (None, "actor:vessel")
    assert (line.feature, line.kind, line.value) == ("btk", "deadline", 2013.0)


def test_an_article_that_names_a_later_stage_dates_the_first_when_it_names_none() -> None:
    # "… к середине текущего года магистраль Баку-Тбилиси-Карс будет сдана в эксплуатацию. …
    # На втором этапе мы планируем продлить магистраль до Нахчывана, …"
    later = _analysis("held208_kaspiy_20170212_btk_mid_2017.txt").document.text
    assert first_before_a_later(later) == "stage:1"
    assert first_before_a_later(_analysis("held206_b24_20120417_btk_2013_850m_usd.txt")
                                .document.text) is None  # names no stage


def test_the_middle_or_course_of_a_year_named_from_the_publication_and_a_start_of_service() -> None:
    # "будет сдана в эксплуатацию в середине текущего года" (12 Feb 2017), "к середине
    # текущего года магистраль … будет сдана в эксплуатацию"; "Строительство … Горадиз-Агбенд
    # планируется завершить в течение следующего года" (13 Oct 2025); "железная дорога
    # Баку-Тбилиси-Карс … начнет действовать в 2013 году" (17 Apr 2012)
    middle = [_claim("held208_kaspiy_20170212_btk_mid_2017.txt", written)
              for written in ("в середине текущего года", "к середине текущего года")]
    assert [(c.feature, c.value, c.scope) for c in middle] == [("btk", 2017.0, "stage:1")] * 2
    within = _claim("held210_trend_20251013_horadiz_agbend_next_year.txt",
                    "в течение следующего года")
    assert (within.feature, within.kind, within.value) == ("horadiz-aghband", "deadline", 2026.0)
    opens = _claim("held206_b24_20120417_btk_2013_850m_usd.txt", "в 2013 году")
    assert (opens.feature, opens.kind, opens.value) == ("btk", "deadline", 2013.0)


def test_the_fiber_line_spelt_optiko_volokonnaya_is_the_trans_caspian_line() -> None:
    # "обсудит вопрос прокладки оптико-волоконной линии связи по дну Каспийского моря между
    # Азербайджаном и Казахстаном" (Kazakhstan Today, 2007)
    mentions = _analysis("held205_kt_20070328_fiber_turkey_talks.txt").mentions
    found = {(m.layer, m.feature) for m in mentions if m.text.startswith("оптико-волоконной")}
    assert found == {("digital_silk_road", "sumgayit-aktau")}


def test_track_laid_already_is_work_done_not_the_lines_length() -> None:
    # "В то же время, на железной дороге Баку-граница Грузии проложено 347-километровое
    # железнодорож" (against the catalog's 826 km of BTK); "будет проложена … линия связи
    # протяжённостью 380 км" stays the fiber line's length
    laid = _claim("held207_apa_20141016_btk_sections_under_construction.txt", "347-километровое")
    assert (laid.feature, laid.scope) == ("btk", "construction")
    planned = _claim("held18_report_20250808_caspian_fiber_survey.txt", "380 км")
    assert planned.scope is None


def test_a_name_between_from_and_to_is_an_end_of_a_route_not_the_port() -> None:
    # "То есть срок доставки грузов из Алята в Мерсин должен составить 4,5 дня." (the station)
    mentions = _analysis("held209_dayaz_20251004_btk_delivery_memorandum.txt").mentions
    assert [(m.text, m.feature) for m in mentions if m.feature == "alat"] == []
    # "до 2028 года между портами Курык и Алят поэтапно введут в эксплуатацию шесть паромов"
    held65 = _analysis("held65_kazinform_20251223_mangystau_titr_20pct.txt").mentions
    assert "Алят" in [m.text for m in held65 if m.feature == "alat"]


def test_a_year_a_line_starts_operating_is_its_opening_the_first_stage() -> None:
    # "железная дорога Баку-Тбилиси-Карс … начнет действовать в 2013 году" (April 2012)
    # against "к середине текущего года магистраль … будет сдана в эксплуатацию" (February
    # 2017): two opening years of one line, a real disagreement
    opening = _claim("held206_b24_20120417_btk_2013_850m_usd.txt", "в 2013 году")
    assert (opening.feature, opening.value, opening.scope) == ("btk", 2013.0, "stage:1")
    openings = [conflict for conflict in _dev_conflicts()
                if conflict.kind == "deadline" and opening in conflict.claims]
    assert len(openings) == 1
    # (and held229's "Начало эксплуатации … планируется на 2011 год", real against both, and
    # held360's "Работы будут завершены в 2014 году", October 2013, real against them all;
    # held657's "Ввод в эксплуатацию КАТБ … запланирован на 2009 год", November 2007, and
    # held646's "будет полностью сдана в эксплуатацию до ноября 2016 года", October 2015;
    # held728's "работы завершатся в конце 2012 года", October 2010, since held728 moved to
    # development, its gold pairing it with the line's other first-stage years)
    assert {claim.value for claim in openings[0].claims} == {
        2009.0, 2011.0, 2012.0, 2013.0, 2014.0, 2016.0, 2017.0
    }
    # "запуск маршрута запланирован на начало следующего года, что позволит БТК
    # функционировать на всю мощность" (held132): "начало" dates, no opening
    later = _claim("held132_bmge_20231201_btk_90pct_2024.txt", "на начало следующего года")
    assert later.scope is None
    # "…, а уже в полную силу железная дорога заработает в следующем году": one verb
    full = _claim("held206_b24_20120417_btk_2013_850m_usd.txt", "в следующем году")
    assert (full.value, full.scope) == (2013.0, "stage:1")


def test_the_start_of_a_named_year_beside_a_completion_is_a_deadline() -> None:
    # "Ее ввод в эксплуатацию запланирован в начале 2017 года" (November 2016, the first stage
    # named the sentence before), against held206's openings in 2013: a real disagreement
    opening = _claim("held169_kavkazplus_20161108_btk_testing_17mt.txt", "в начале 2017 года")
    assert (opening.feature, opening.kind, opening.value, opening.scope) == (
        "btk", "deadline", 2017.0, "stage:1")


def test_a_change_over_months_of_no_year_named_is_of_the_year_published() -> None:
    # "за 9 месяцев ... рост перевалки сухих грузов на 36,7%" (dev10, 6 Oct 2025) against "в
    # январе-сентябре ... на 22 процента ниже" (held218, which prints no year): no one window
    dated = _claim("dev10_report_20251006_baku_port_record.txt", "36,7%")
    undated = _claim("held218_trend_20121008_baku_port_9m_2012.txt", "22 процента")
    assert (dated.context["period"]["months"], dated.context["period"]["year"]) == (9, 2025)
    assert undated.context["period"]["year"] is None
    analyses = [_analysis("dev10_report_20251006_baku_port_record.txt"),
                _analysis("held218_trend_20121008_baku_port_9m_2012.txt")]  # fmt: skip
    assert [c for c in corpus_conflicts(analyses) if c.kind == "growth"] == []


def test_a_figure_added_to_a_depth_is_no_length() -> None:
    # "Это плюс полтора метра к текущей глубине": the harbour deepened, not the Kuryk port's length
    analysis = _analysis("held221_almatytv_20240704_kuryk_1mt_to_2_3mt.txt")
    assert "полтора метра к текущей глубине" in analysis.document.text
    assert [c.text for c in analysis.claims if c.kind == "length"] == []


def test_a_distance_a_train_covers_is_its_trip_not_the_lines_length() -> None:
    # "За 12 дней он должен преодолеть около 11,5 тысячи километров" (the Xi'an-Prague train)
    trip = _claim("held223_ria_20191107_middle_corridor_train_prague.txt", "11,5 тысячи")
    assert (trip.layer, trip.feature) == (None, None)
    assert trip.scope is not None and trip.scope.endswith("vessel")


def test_a_figure_called_this_measure_is_the_figure_befores_project() -> None:
    # "С начала года через порт перевезено свыше 1 миллиона тонн груза. Этот показатель
    # планируется увеличить до 2 миллионов 300 тысяч тонн": the Kuryk port's, not the corridor's
    planned = _claim("held221_almatytv_20240704_kuryk_1mt_to_2_3mt.txt", "2 миллионов 300")
    assert (planned.layer, planned.feature, planned.value) == ("kuryk_port", "kuryk", 2.3)


def test_a_yearly_capacity_with_its_part_set_off_before_the_year_is_per_year() -> None:
    # "Грузоперевалочная способность порта составляет 15 миллионов тонн, в том числе 100
    # тысяч контейнеров, в год" (the Alat port at its opening)
    capacity = _claim("held217_holodcatalog_20180514_alat_port_opening_15mt.txt", "15 миллионов")
    assert (capacity.feature, capacity.value, capacity.unit) == ("alat", 15.0, "Mt/yr")


def test_kilometres_of_a_line_that_run_somewhere_are_a_stretch_of_it() -> None:
    # "Около 1100 километров линии пройдут по дну Черного моря": the seabed stretch, not the
    # cable's whole 1155-1200 km
    seabed = _claim("held224_haqqin_20260221_black_sea_cable_2032.txt", "1100 километров")
    assert (seabed.feature, seabed.scope) == ("anaklia-constanta", "component:участок")


def test_the_kars_line_named_by_its_first_leg_is_the_kars_dilucu_line() -> None:
    # "Железная дорога Карс - Ыгдыр длиной 224 километра ... Линия будет перевозить ... 15
    # миллионов тонн грузов в год. С вводом в эксплуатацию проекта стоимостью 2,4 миллиарда евро"
    name = "held228_prime_20250825_kars_igdir_224km_tripp_40km.txt"
    named = [m for m in _analysis(name).mentions if m.text.startswith("Железная дорога Карс")]
    assert [(m.layer, m.feature) for m in named] == [("zangezur_corridor", "kars-dilucu")]
    for written in ("224 километра", "15 миллионов тонн", "2,4 миллиарда евро"):
        assert _claim(name, written).feature == "kars-dilucu"


def _features_named_in(name: str, written: str) -> list[str | None]:
    """The features of the mentions that start inside the first ``written`` of article
    ``name``."""
    analysis = _analysis(name)
    start = analysis.document.text.index(written)
    return [m.feature for m in analysis.mentions if start <= m.start < start + len(written)]


@pytest.mark.parametrize(
    ("name", "written", "feature"),
    [
        ("held220_dbw_20161207_kuryk_ferry_complex_opened.txt",
         "паромный комплекс в поселке Курык", "kuryk"),
        ("held225_report_20251007_black_sea_cable_siemens.txt",
         "Черноморского подводного энергетического кабеля", "anaklia-constanta"),
        ("held226_ladakz_20260312_caspian_green_cable_ratified.txt",
         "подводного энергетического кабеля по дну Каспийского моря", "caspian"),
    ],
)  # fmt: skip
def test_a_project_named_as_these_outlets_write_it_is_found(
    name: str, written: str, feature: str
) -> None:
    assert _features_named_in(name, written) == [feature]


def test_the_day_a_ferry_complex_was_commissioned_is_its_event() -> None:
    # "6 декабря в Казахстане введены ... - паромный комплекс в поселке Курык" (7 Dec 2016)
    opened = _claim("held220_dbw_20161207_kuryk_ferry_complex_opened.txt", "6 декабря")
    assert (opened.kind, opened.feature, opened.scope) == ("event", "kuryk",
                                                           "component:паромный комплекс")
    assert opened.context["date"] == "2016-12-06"


def test_a_day_and_month_under_a_heading_of_its_year_takes_that_year() -> None:
    # "ЯНВАРЬ — ИЮНЬ 2021 ГОДА" over "14 февраля Президент …" (a chronicle that prints no date)
    text = _analysis("held227_zeferdenbugune_20210214_horadiz_agbend_100km.txt").document.text
    assert heading_year(text, text.index("14 февраля")) == 2021
    assert heading_year("Итоги 2021 года\n14 февраля открыли", 20) is None


def test_a_groundbreaking_on_a_day_is_the_lines_event() -> None:
    # "14 февраля Президент … приняли участие в закладке фундамента железнодорожной линии
    # Горадиз-Агбенд" under "ЯНВАРЬ — ИЮНЬ 2021 ГОДА"
    laid = _claim("held227_zeferdenbugune_20210214_horadiz_agbend_100km.txt", "14 февраля")
    assert (laid.kind, laid.feature, laid.scope) == ("event", "horadiz-aghband", None)
    assert laid.context["date"] == "2021-02-14"


def test_btk_named_from_kars_through_akhalkalaki_and_its_new_branch_is_a_stretch() -> None:
    # "в рамках проекта Карс-Ахалкалаки-Тбилиси-Баку планируется построить новую
    # 105-километровую ветку" (held229): the line named from its other end, the branch a part
    name = "held229_regnum_20090311_btk_2011_15mt.txt"
    assert {m.feature for m in _analysis(name).mentions} == {"btk"}
    branch = _claim(name, "105-километровую")
    assert (branch.feature, branch.scope) == ("btk", "component:участок")
    again = _claim("held230_b24_20111216_btk_245km_2013.txt", "105-километровая")
    assert again.scope == "component:участок"


def test_a_total_with_the_related_infrastructure_after_a_dash_and_a_preposition() -> None:
    # "Проект оценивается в $422 млн., а с учетом сопутствующей инфраструктуры - в $600 млн."
    name = "held229_regnum_20090311_btk_2011_15mt.txt"
    assert _claim(name, "$422 млн.").scope is None
    total = _claim(name, "$600 млн.")
    assert (total.value, total.scope) == (600e6, "including:сопутствующий инфраструктура")


def test_money_already_spent_is_constructions_not_the_cost() -> None:
    # "Уже освоено 200 млн. долл." (held230): spent on the works so far, no conflict with the
    # $422 million the project was estimated at (held229)
    spent = _claim("held230_b24_20111216_btk_245km_2013.txt", "200 млн. долл.")
    assert (spent.feature, spent.scope) == ("btk", "construction")
    analyses = [_analysis("held229_regnum_20090311_btk_2011_15mt.txt"),
                _analysis("held230_b24_20111216_btk_245km_2013.txt")]  # fmt: skip
    assert [c for c in corpus_conflicts(analyses) if c.kind == "money"] == []
    survey = _claim("held21_vestikavkaza_20251201_black_sea_cable_survey.txt", "25 млн лари")
    assert survey.scope == "component:исследование"  # spent on a component keeps its own


def test_a_country_after_a_part_of_the_figure_is_the_parts_not_the_wholes() -> None:
    # "Длина железнодорожной магистрали составляет 245 км, 175 из которых пролегают по
    # территории Грузии" (held230): the 245 km are the line's, not its Georgian section
    whole = _claim("held230_b24_20111216_btk_245km_2013.txt", "245 км")
    assert (whole.feature, whole.kind, whole.scope) == ("btk", "length", None)


def test_a_facility_named_with_its_port_and_then_alone_is_that_ports() -> None:
    # "строительство контейнерного хаба в морском порту Актау и … терминала «Саржа» в порту
    # Курык" … "Строительство второго пускового комплекса выполнено на 95%" after "Строительство
    # контейнерного хаба осуществляется поэтапно" (held235): the hub's, so the Aktau port's
    name = "held235_inform_20251125_aktau_hub_47_6bn_240k_teu.txt"
    progress = _claim(name, "95%")
    assert (progress.feature, progress.scope) == ("aktau", "construction")
    assert progress.link == "facility named before"
    assert _claim(name, "до конца 2026 года").feature == "aktau"


def test_a_year_most_of_the_works_end_by_is_no_deadline_of_the_line() -> None:
    # "Большая часть работ будет завершена к 2012 году, и в 2013 году это будет путь в Европу"
    # (held230): the works' part; the line's opening is the 2013 of the next clause
    deadlines = [c for c in _analysis("held230_b24_20111216_btk_245km_2013.txt").claims
                 if c.kind == "deadline"]  # fmt: skip
    assert [c.text for c in deadlines] == ["в 2013 году"]
    assert deadlines[0].value == 2013.0


def test_the_green_corridor_and_the_trump_route_under_their_other_names() -> None:
    # held245: 'Транскаспийского «зеленого энергетического коридора»'; held246: 'коридора
    # зеленой энергии Центральная Азия-Азербайджан'; held248: 'он же TRIPP, он же мост Трампа'.
    # The bare 'коридора Центральная Азия - Азербайджан' (held245, held26) is not added: with it
    # held26's and others' figures moved to the cable (dev claims 517 of 546, was 520).
    h245 = _analysis("held245_trend_20260123_green_corridor_cesi_feasibility.txt").mentions
    h246 = _analysis("held246_dayaz_20251020_green_corridor_feasibility_november.txt").mentions
    assert any(m.text.startswith("Транскаспийского") and m.feature == "caspian" for m in h245)
    assert any("зеленой энергии" in m.text and m.feature == "caspian" for m in h246)
    tripp = _analysis("held248_vestikavkaza_20251209_tripp_explainer_42km.txt").mentions
    assert ("мост Трампа", "syunik") in {(m.text, m.feature) for m in tripp}


def test_a_year_negotiations_end_in_is_no_deadline_of_the_project() -> None:
    # held250: 'В первой половине будущего года стороны должны завершить переговоры о
    # технических деталях проекта TRIPP' was TRIPP's deadline of 2026; the talks' year is not.
    analysis = _analysis("held250_dayaz_20251112_tripp_megri_railway.txt")
    assert not [claim for claim in analysis.claims if claim.kind == "deadline"]
    # the clause of the works keeps its year: a completion with no talks in it
    text = "Строительство дороги будет завершено в 2027 году, переговоры о тарифах идут."
    assert [q.value for q in deadlines(text, 0, len(text)) if q.kind == "deadline"] == [2027.0]


def test_a_company_that_runs_the_port_signing_an_agreement_is_no_mention_of_the_port() -> None:
    # held241: 'ЗАО «Бакинский международный морской торговый порт» (БММТП) и DP World подписали
    # соглашение' names the company, a party; 'Бакинского международного морского торгового
    # порта в Аляте' before it is the port. held134's freight 'в ЗАО "Бакинский Международный
    # Морской Торговый Порт"' signs nothing and stays the port's.
    signed = _analysis("held241_blackseanews_20170530_alat_port_dp_world_15mt.txt")
    assert [(m.text, m.feature) for m in signed.mentions if m.layer == "baku_port"] == [
        ("Бакинского международного морского торгового порта", "alat")
    ]
    freight = _analysis("held134_sputnikaz_20220213_baku_port_2021.txt").mentions
    assert ("Бакинский Международный Морской Торговый Порт", "alat") in {
        (m.text, m.feature) for m in freight
    }


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("held253_vremya_20051013_btc_georgian_section_248km.txt", "2005-10-13"),
        ("held256_rosinvest_20080717_tae_fiber_siyazan_aktau.txt", "2008-07-17"),
    ],
)  # fmt: skip
def test_a_dateline_after_its_issue_number_or_weekday_is_the_publication_date(
    name: str, date: str
) -> None:
    # "N°190, 13 октября 2005 |" (Vremya Novostei), "Четверг, 17 июля 2008 г." (RosInvest)
    document = _analysis(name).document
    assert (document.date, document.date_source) == (date, "inline")


def test_a_scale_word_that_ends_the_sentence_after_a_currency_sign_scales_the_sum() -> None:
    # "Общая стоимость проекта составляет $600 миллионов." and "… кредит в $300 миллионов."
    # (held255): the full stop after the word hid its lemma, so $600 and $300 were read
    name = "held255_wikinews_20070207_btk_agreement_600m_usd.txt"
    total, loan = _claim(name, "$600 миллионов"), _claim(name, "$300 миллионов")
    assert (total.value, total.unit, total.feature, total.scope) == (600e6, "USD", "btk", None)
    assert (loan.value, loan.scope) == (300e6, "section:GE")


def test_a_line_named_inside_a_companys_name_is_the_company_not_another_line() -> None:
    # "Азербайджан выделил ООО Грузии «Железная дорога Марабда-Карцахи» льготный кредит на
    # сумму $200 млн." (held257): the line's words name the borrower, so the loan stays BTK's
    loan = _claim("held257_blackseanews_20120504_btk_2013_loans.txt", "$200 млн.")
    assert (loan.feature, loan.link) == ("btk", "previous sentence")


def test_a_percent_a_year_of_a_loan_is_its_interest_not_a_claim() -> None:
    # "кредит в $575 млн. под 5% годовых" (held257), "кредитная ставка – 1% годовых" (held255)
    for name in ("held257_blackseanews_20120504_btk_2013_loans.txt",
                 "held255_wikinews_20070207_btk_agreement_600m_usd.txt"):  # fmt: skip
        assert [c.text for c in _analysis(name).claims if c.kind == "percent"] == []


def test_a_loan_a_country_gives_another_is_for_the_borrowers_section() -> None:
    # "для строительства дороги Азербайджан выделил Грузии кредит в $575 млн." and "На
    # строительство грузинского участка ЖД Азербайджан выделил ООО Грузии … кредит на сумму $200
    # млн." (held257) against held255's "$300 миллионов" for the same Georgian section: a real
    # disagreement; held206's "Азербайджан выделил … 850 млн. долл." (no loan) stays its share
    name = "held257_blackseanews_20120504_btk_2013_loans.txt"
    assert [_claim(name, written).scope for written in ("$200 млн.", "$575 млн.")] == [
        "section:GE", "section:GE"]
    assert _claim("held206_b24_20120417_btk_2013_850m_usd.txt", "850 млн.").scope == "share:AZ"
    loans = [c for c in _conflicts(name, "held255_wikinews_20070207_btk_agreement_600m_usd.txt")
             if c.kind == "money"]  # fmt: skip
    [loan] = loans  # the $575 million, a second loan at 5 %, joins it (left: one measure)
    assert {200e6, 300e6} <= {x.value for x in loan.claims}


def test_the_output_of_oil_fields_is_no_figure_of_the_pipeline() -> None:
    # "На блоке месторождений АЧГ … производство … сократилось до 17,8 млн тонн с 20,4 млн т",
    # "Консорциум …, который занимается добычей нефти …, экспортировал … 22,1 млн тонн нефти, что
    # составило 87,7% всего экспорта стра" (held261, an article about BTC): the fields'
    name = "held261_eadaily_20240129_btc_turkey_2023.txt"
    for written in ("17,8 млн тонн", "20,4 млн т", "22,1 млн тонн", "87,7%"):
        claim = _claim(name, written)
        assert (claim.layer, claim.link) == (None, "unmapped project (an oil field)")
    assert _claim(name, "1,5%").layer == "btc_pipeline"  # the oil carried through Turkey


@pytest.mark.parametrize(
    ("name", "written", "feature"),
    [
        ("held254_trend_20070113_btk_talks_200m_usd.txt", "Карс-Ахалкалаки-Баку", "btk"),
        ("held256_rosinvest_20080717_tae_fiber_siyazan_aktau.txt",
         "Сегмент фиброоптической кабельной магистрали Транс-Азия-Европа", "sumgayit-aktau"),
        ("held260_7or_20210112_zangezur_railway_434m_usd.txt",
         "Карс-Нахиджеван-Мегри-Зангелан-Баку", None),
        ("held264_1news_20260313_green_corridor_ratified.txt",
         "Черноморский энергетический проект", "anaklia-constanta"),
    ],
)  # fmt: skip
def test_a_project_named_as_the_twenty_first_parts_outlets_write_it_is_found(
    name: str, written: str, feature: str | None
) -> None:
    assert _features_named_in(name, written) == [feature]


def test_a_year_a_line_is_handed_over_in_is_its_opening() -> None:
    # "ЖД Баку-Тбилиси-Карс планируется сдать в 2013." (held257, May 2012): the first stage, so
    # a real disagreement with the line's openings of 2017 (held208, held169)
    opening = _claim("held257_blackseanews_20120504_btk_2013_loans.txt", "в 2013")
    assert (opening.feature, opening.value, opening.scope) == ("btk", 2013.0, "stage:1")
    names = ["held257_blackseanews_20120504_btk_2013_loans.txt",
             "held208_kaspiy_20170212_btk_mid_2017.txt"]
    found = [c for c in _conflicts(*names) if c.kind == "deadline"]
    assert [sorted(x.value for x in c.claims) for c in found] == [[2013.0, 2017.0, 2017.0]]


def test_a_name_two_words_before_a_companys_legal_word_is_the_company() -> None:
    # "присоединения компании China Railway Container Transport (CRCT) к компании Middle
    # Corridor Multimodal Ltd" (held263): the company, not the corridor; "по Среднему коридору"
    # after it is the corridor
    mentions = _analysis("held263_trend_20251126_middle_corridor_crct_double.txt").mentions
    assert [m.text for m in mentions if m.layer == "middle_corridor"][:1] == ["Среднему коридору"]
    assert "Middle Corridor" not in [m.text for m in mentions]


def test_a_share_the_project_is_done_to_and_lengths_of_pipe_laid_are_construction() -> None:
    # "проект выполнен на 56%. Во всех трех странах подготовлено почти 760 км строительного
    # коридора и свыше 580 км труб уложены и готовы к сварке" (held268): work done, not the
    # pipeline's length, so no conflict with its 1768 km
    name = "held268_oilcapital_20040204_btc_56pct.txt"
    for written in ("56%", "760 км", "580 км"):
        assert _claim(name, written).scope == "construction", written
    assert _conflicts(name) == []


def test_a_length_over_the_territory_of_three_countries_is_the_whole_route() -> None:
    # "Маршрут нефтепровода Баку-Тбилиси-Джейхан протяженностью 1776 километров пролегает по
    # территории трех стран - Азербайджана, Грузии и Турции" (held270): no Azerbaijani section
    total = _claim("held270_regnum_20060713_btc_opening_1776km.txt", "1776 километров")
    assert (total.feature, total.scope) == ("btc", None)
    lengths = [c for c in _conflicts("held270_regnum_20060713_btc_opening_1776km.txt",
                                     "held98_1news_20130409_btc_q1_2013_exports.txt")
               if c.kind == "length"]  # fmt: skip
    assert [sorted(x.value for x in c.claims) for c in lengths] == [[1768.0, 1776.0]]


def test_country_sections_listed_with_the_countrys_adjective_and_the_unit_left_out() -> None:
    # "Длина трассы - 1767 км: 248 км на грузинской территории, 443 км на азербайджанской и 1076
    # на турецкой." (held269): the 443 km are Azerbaijan's, not Georgia's; 1076 km, Turkey's
    name = "held269_mineral_20040412_btc_georgia_60pct.txt"
    sections = [(_claim(name, written).value, _claim(name, written).scope)
                for written in ("248 км", "443 км", "1076")]  # fmt: skip
    assert sections == [(248.0, "section:GE"), (443.0, "section:AZ"), (1076.0, "section:TR")]
    assert _claim(name, "1076").unit == "km"


def test_a_range_from_one_figure_to_another_is_one_claim_of_both_ends() -> None:
    # "В разное время назывались разные объемы прокачки нефти по будущему трубопроводу – от 40 до
    # 80 млн. тонн в год." (held265): one range of figures named, not 40 Mt a year and 80
    volumes = [c for c in _analysis("held265_utro_20020830_btc_2_9bn_usd.txt").claims
               if c.unit == "Mt/yr"]  # fmt: skip
    assert [(c.value, c.value_max, c.feature) for c in volumes] == [(40.0, 80.0, "btc")]
    # a change from one figure to another keeps both ends ("с 0,8 млн до 4,5 млн тонн")
    text = "Объем вырос с 0,8 млн до 4,5 млн тонн."
    assert [q.value for q in quantities(text, 0, len(text)) if q.unit == "Mt"] == [0.8, 4.5]


def test_a_deadline_with_the_year_abbreviated_is_read() -> None:
    # "Экспортный нефтепровод Баку-Тбилиси-Джейхан (БТД) будет готов в первой половине 2005 г."
    # (held269); "в 2015 г. закончится строительство сухогрузного терминала нового порта"
    # (held272)
    ready = _claim("held269_mineral_20040412_btc_georgia_60pct.txt", "в первой половине 2005 г.")
    assert (ready.kind, ready.value, ready.feature) == ("deadline", 2005.0, "btc")
    terminal = _claim("held272_transukr_20131107_alat_port_11_6mt.txt", "в 2015 г.")
    assert (terminal.kind, terminal.value, terminal.feature) == ("deadline", 2015.0, "alat")


@pytest.mark.parametrize(("name", "written", "scope", "other", "kind"), [
    # "Предполагается, что к концу 2006 года будет введена в строй параллельная ве" (held270,
    # the excerpt ends there): the parallel line's year, no conflict with the pipeline's 2005
    ("held270_regnum_20060713_btc_opening_1776km.txt", "к концу 2006 года", "second line",
     "held269_mineral_20040412_btc_georgia_60pct.txt", "deadline"),
    # "Всемирный банк одобрил инвестиции в размере 35 млн долларов США на работы по прокладке
    # подводного кабеля в Черном море" (held298): the bank's financing, no cost of the Black
    # Sea cable against held286's "Стоимость работ составит более $2 млрд."
    ("held298_bizzone_20240522_black_sea_cable_35m_usd.txt", "35 млн долларов", "share:bank",
     "held286_kursivuz_20250315_green_corridor_2bn_usd.txt", "money"),
])
def test_a_figure_of_another_line_or_funder_conflicts_with_no_figure_of_the_project(
    name: str, written: str, scope: str, other: str, kind: str
) -> None:
    assert _claim(name, written).scope == scope
    assert kind not in _conflict_kinds(name, other)


def test_the_time_building_lasted_is_a_duration() -> None:
    # "Отметим, строительство трубы продолжалось 12 лет." (held270)
    took = _claim("held270_regnum_20060713_btc_opening_1776km.txt", "продолжалось 12 лет")
    assert (took.kind, took.value, took.unit, took.feature) == ("duration", 12.0, "yr", "btc")


def test_a_percent_written_before_its_number_is_an_estimated_overrun() -> None:
    # "(по независимым оценкам, строительство обойдется в итоге процентов на 40 дороже
    # расчетной суммы)" (held265): about 40 % more than the $2.9 billion
    overrun = _claim("held265_utro_20020830_btc_2_9bn_usd.txt", "процентов на 40")
    assert (overrun.kind, overrun.value, overrun.unit, overrun.qualifier, overrun.feature) == (
        "growth", 40.0, "%", "about", "btc")


def test_a_cost_on_the_territory_of_two_countries_is_their_sections_together() -> None:
    # "Инвестиции в проект Баку-Тбилиси-Карс только на территории Грузии и Азербайджана
    # оцениваются в $2,8 млрд." (held273): not the Georgian section's, so not compared with the
    # loans for it ($200, $300, $575 million)
    name = "held273_vestiaz_20150106_btk_test_wagon_840km.txt"
    assert _claim(name, "$2,8 млрд.").scope == "section:AZ+GE"
    loans = [c for c in _conflicts(name, "held257_blackseanews_20120504_btk_2013_loans.txt")
             if c.kind == "money"]  # fmt: skip
    assert all(2.8e9 not in {x.value for x in c.claims} for c in loans)


def test_a_stake_in_brackets_that_names_the_capital_is_an_owners() -> None:
    # "Участниками проекта «БТД» являются компании British Petroleum (30.1% капитала), ГНКАР
    # (25%), …" (held269): BP's stake, no percent of the pipeline
    stake = _claim("held269_mineral_20040412_btc_georgia_60pct.txt", "30.1%")
    assert (stake.layer, stake.scope) == (None, "actor:owner")


def test_a_volume_of_an_article_of_unknown_time_is_no_years_figure() -> None:
    # "40-50 млн. тонн – это нижний предел рентабельности" (held265: an excerpt of 2002 that
    # prints no date and writes no year) is no figure of 2025's "27,179 миллиона тонн" (held08)
    floor = _claim("held265_utro_20020830_btc_2_9bn_usd.txt", "40-50 млн. тонн")
    assert floor.context == {"published": None}
    names = ("held265_utro_20020830_btc_2_9bn_usd.txt",
             "held08_blackseanews_20260119_btc_exports.txt")  # fmt: skip
    assert "mass" not in _conflict_kinds(*names)


def test_a_volume_an_agreement_is_about_is_a_contracted_one() -> None:
    # "НК «КазМунайГаз» и … SOCAR заключили соглашение о транспортировке 1,5 миллиона тонн
    # нефти ежегодно с месторождения Тенгиз" (held233): contracted, not set against the 40 to
    # 80 million tonnes a year named for the pipeline (held265)
    agreed = _claim("held233_bizmedia_20231011_aktau_kaztransoil_btc_1_5mt.txt",
                    "1,5 миллиона тонн нефти ежегодно")  # fmt: skip
    assert agreed.context["measure"] == "contract"


def test_dollars_abbreviated_dol_are_a_sum_in_dollars() -> None:
    # "Общая стоимость проекта, по последним оценкам, составляет 3.6 млрд дол." (held269): a real
    # disagreement with the $2.9 billion (held265) and the 2.95-3.3 billion (held266) estimated
    cost = _claim("held269_mineral_20040412_btc_georgia_60pct.txt", "3.6 млрд дол")
    assert (cost.kind, cost.value, cost.unit, cost.feature) == ("money", 3.6e9, "USD", "btc")


def test_a_volume_an_agreement_provides_for_is_a_contract_of_its_year() -> None:
    # "в рамках соглашения между SOCAR и компанией "Казмунайгаз", предусматривающего транзит
    # 1,5 млн тонн сырья в год" (held295, 2023): what the agreement provides for, no target
    # against held211's intended 7 Mt a year, nor 2025's agreed "до 2,2 млн тонн" (held09)
    name = "held295_sputnikgeorgia_20230325_btc_kazakh_oil_1_5mt.txt"
    claim = _claim(name, "1,5 млн тонн сырья в год")
    assert claim.context == {"measure": "contract", "agreed": 2023}
    pair = _conflicts(name, "held211_haqqin_20251024_btc_kazakh_oil_7mt.txt",
                      "held09_haqqin_20251215_kazakh_oil_btc.txt")
    assert [conflict for conflict in pair if conflict.kind == "mass"] == []


def test_numbered_tunnels_are_components_and_thousands_take_their_units() -> None:
    # "Первый туннель между Каракале и Карзаки протянулся на 4 тыс. 936 метров ... Закладка
    # труб и бетона во втором (1050 м) и третьем (2900 м) туннелях" (held291): the tunnels'
    # lengths, no lengths of the BTK line against the catalog's 826 km
    name = "held291_blackseanews_20111121_btk_tunnels_76km.txt"
    first = _claim(name, "4 тыс. 936 метров")
    assert (first.value, first.scope) == (4.936, "component:туннель")
    assert [_claim(name, written).scope for written in ("1050 м", "2900 м")] == [
        "component:туннель", "component:туннель"]
    catalog = [conflict for conflict in _conflicts(name) if conflict.rule == "catalog"]
    assert catalog == []


def test_a_deadline_of_a_monthly_count_is_no_projects() -> None:
    # "до конца 2023 года по Каспию планируется выполнить 12-14 танкерных рейсов в месяц"
    # (held295): the horizon of the tankers' trips, no deadline of the BTC pipeline against
    # held269's "в первой половине 2005 г."
    name = "held295_sputnikgeorgia_20230325_btc_kazakh_oil_1_5mt.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "deadline"]
    pair = _conflicts(name, "held269_mineral_20040412_btc_georgia_60pct.txt")
    assert [conflict for conflict in pair if conflict.kind == "deadline"] == []


def test_the_last_stretch_of_a_line_is_a_stretch() -> None:
    # "Строительные работы идут на последнем участке протяженностью 4,5 км" (held291): one
    # stretch of the BTK line, not its length against the catalog's 826 km
    name = "held291_blackseanews_20111121_btk_tunnels_76km.txt"
    assert _claim(name, "4,5 км").scope == "component:участок"
    assert [conflict for conflict in _conflicts(name) if conflict.rule == "catalog"] == []


def test_a_length_of_a_part_of_the_line_is_a_stretch() -> None:
    # "уже была сдана в эксплуатацию проходящая через территорию Джебраильского района
    # 23-километровая часть железной дороги" (held293): a stretch of the Horadiz–Aghband line
    name = "held293_caliber_20220527_horadiz_agbend_23km.txt"
    claim = _claim(name, "23-километровая")
    assert (claim.feature, claim.scope) == ("horadiz-aghband", "component:участок")


@pytest.mark.parametrize(("name", "printed", "date"), [
    # under the headline, with seconds after the time
    ("held298_bizzone_20240522_black_sea_cable_35m_usd.txt", "22.05.2024 | 11:36:03",
     "2024-05-22"),
    # atop a Russian article a Ukrainian outlet reprinted
    ("held301_nefterynok_20100902_btc_turkmen_oil_200kt.txt", "2 вересня, 2010, 12:13",
     "2010-09-02"),
])
def test_a_dateline_as_these_outlets_print_it_is_the_publication_date(
    name: str, printed: str, date: str
) -> None:
    document = _analysis(name).document
    assert printed in document.text and document.date == date


def test_every_ukrainian_genitive_month_name_is_read() -> None:
    genitives = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                 "вересня", "жовтня", "листопада", "грудня")  # fmt: skip
    assert [month_number(word) for word in genitives] == list(range(1, 13))


def test_a_volume_a_month_is_a_rate_not_one_months_volume() -> None:
    # "Объем транспортировки составляет около 200 тыс. тонн в месяц" (held301, Turkmen oil)
    # is no figure of held98's "В январе по трубопроводу экспортировано 2,577 млн. тонн"
    rate = _claim("held301_nefterynok_20100902_btc_turkmen_oil_200kt.txt", "200 тыс. тонн")
    january = _claim("held98_1news_20130409_btc_q1_2013_exports.txt", "2,577 млн. тонн")
    assert rate.context["period"]["rate"] and "rate" not in january.context["period"]
    conflicts = _conflicts("held301_nefterynok_20100902_btc_turkmen_oil_200kt.txt",
                           "held98_1news_20130409_btc_q1_2013_exports.txt")
    # the one left is real: the Turkish section as 1,077 km against 1,076 km
    assert [(conflict.kind, conflict.id) for conflict in conflicts] == [
        ("length", "value:btc_pipeline/btc:length:reported:section:TR")]


def test_an_event_that_takes_place_is_the_noun_after_the_verb() -> None:
    # "30 октября 2017 года состоится официальное открытие первой железнодорожной линии
    # Баку-Тбилиси-Карс" (held303) is an opening, no date of held254's meeting "В ходе
    # состоявшегося 13 октября 2006 года в Баку заседания трехсторонней рабочей группы"
    opening = _claim("held303_restproperty_20171016_btk_opening_2017.txt", "30 октября 2017 года")
    meeting = _claim("held254_trend_20070113_btk_talks_200m_usd.txt", "13 октября 2006 года")
    assert (opening.context["event"], meeting.context["event"]) == ("открытие", "состояться")
    assert not _conflicts("held303_restproperty_20171016_btk_opening_2017.txt",
                          "held254_trend_20070113_btk_talks_200m_usd.txt")


def test_a_project_listed_in_parentheses_among_other_ways_does_not_own_the_figure() -> None:
    # "Объем нефти порядка 300 тыс. тонн был перенаправлен по системе КТО для дальнейшей
    # поставки в экспортном направлении (Германия, Китай, Баку-Тбилиси-Джейхан, через порты
    # Новороссийск и Усть-Луга)" (held313): oil sent by all those ways, no BTC volume
    name = "held313_trend_20260116_btc_kazakh_oil_1_6mt_2026.txt"
    assert _claim(name, "300 тыс. тонн").layer is None
    assert _claim(name, "1,6 млн тонн").feature == "btc"  # the pipeline named after it alone
    assert _conflict_kinds(name, "held08_blackseanews_20260119_btc_exports.txt") == set()


def test_a_deadline_of_a_sentence_about_a_component_is_the_components() -> None:
    # "Защитная галерея, строящаяся на 99-м километре железнодорожной линии Горадиз–Агбенд,
    # будет готова до конца этого года" (held315): the gallery's completion, no deadline of
    # the line against its "в 2026 году" in other articles
    name = "held315_report_20251106_horadiz_gallery_108m.txt"
    deadline = _claim(name, "до конца этого года")
    assert (deadline.feature, deadline.scope) == ("horadiz-aghband", "component:галерея")
    assert _conflict_kinds(name, "held14_trend_20250905_horadiz_agbend_110km.txt") == set()


def test_a_component_word_that_opens_a_quoted_name_is_no_component() -> None:
    # "Созданный в рамках транспортный коридор «Мост Трампа» длиной 42 км пройдёт через регион
    # Сюник" (held320): the route's length through Armenia, no bridge's; against 43 km (held116)
    name = "held320_fotkaew_20251116_zangezur_15mt_tripp_42km.txt"
    length = _claim(name, "42 км")
    assert (length.feature, length.scope) == ("syunik", None)
    assert _conflict_kinds(name, "held116_caliber_20251218_tripp_43km.txt") == {"length"}


def test_an_ordinal_whose_stage_word_is_left_out_before_a_dash_is_that_stage() -> None:
    # "На первом этапе объем грузоперевозок по новому маршруту составит пять миллионов тонн, на
    # втором - десять миллионов тонн и на третьем, завершающем этапе – 15 миллионов тонн"
    # (held317): the second stage's 10 Mt, not the third named after it
    name = "held317_blackseanews_20121017_btk_kazakh_cargo_2013.txt"
    scopes = [_claim(name, written).scope
              for written in ("пять миллионов тонн", "десять миллионов тонн", "15 миллионов тонн")]
    assert scopes == ["stage:1", "stage:2", "stage:3"]


def test_a_half_of_a_year_closing_its_sentence_after_vo_is_a_deadline() -> None:
    # "Полностью работы по проекту Баку-Тбилиси-Карс будут завершены во второй половине 2013."
    # (held317, October 2012): "во", no "года"; the first stage's completion (the article
    # names later stages), against the beginning of 2017 (held169)
    name = "held317_blackseanews_20121017_btk_kazakh_cargo_2013.txt"
    deadline = _claim(name, "во второй половине 2013")
    assert (deadline.kind, deadline.value, deadline.feature, deadline.scope) == (
        "deadline", 2013.0, "btk", "stage:1")
    assert _conflict_kinds(name, "held169_kavkazplus_20161108_btk_testing_17mt.txt") == {
        "deadline"}


def test_the_black_sea_cable_named_along_the_sea_is_the_cable() -> None:
    # "Подводный кабель по Чёрному морю имеет протяжённость 1155 километров" (held314): the
    # Black Sea cable's length, against held26's 1 195 km
    name = "held314_apsny_20260114_black_sea_cable_1155km.txt"
    mentions = [mention for mention in _analysis(name).mentions if mention.start > 200]
    assert {(mention.layer, mention.feature) for mention in mentions} >= {
        ("green_energy_cable", "anaklia-constanta")}
    assert _claim(name, "1155 километров").feature == "anaklia-constanta"
    assert "length" in _conflict_kinds(name, "held26_trend_20260123_black_sea_energy.txt")


def test_a_sum_of_counted_projects_is_no_one_projects_cost() -> None:
    # "в Мангистауской области реализуют 24 инфраструктурных проекта на общую сумму 1,9
    # триллиона тенге" (held312): the region's projects together, no cost of the Middle
    # Corridor named in the next sentence
    total = _claim("held312_railnews_20250418_tmtm_4_5mt_aktau_240k_teu.txt",
                   "1,9 триллиона тенге")
    assert (total.layer, total.scope) == (None, "actor:projects")


def test_a_change_said_of_a_count_of_trains_before_is_the_trains() -> None:
    # "За январь-июль этого года ЗАО "Азербайджанские железные дороги" (АЖД) приняло 225
    # блок-поездов из Китая по Среднему коридору. Как сообщает Report со ссылкой на АЖД, это в
    # 2 раза выше по сравнению с аналогичным периодом прошлого года." (held319): the number of
    # trains doubled, no growth of the corridor against its five- to sevenfold ones
    name = "held319_report_20250807_middle_corridor_china_trains_24k_teu.txt"
    change = _claim(name, "в 2 раза")
    assert (change.layer, change.scope) == (None, "actor:vessel")
    assert _conflict_kinds(name, "held20_baq_20260311_tmtm_volumes.txt") == set()


def test_a_year_a_measure_is_to_be_brought_to_a_figure_by_is_no_completion() -> None:
    # "По данному направлению … объем экспорта составил 3,2 миллиона тонн. К 2028 году данный
    # показатель планируют довести до 10 миллионов тонн." (held312): the horizon of the 10 Mt,
    # no deadline of the Middle Corridor against held106's "в 2024 году"
    name = "held312_railnews_20250418_tmtm_4_5mt_aktau_240k_teu.txt"
    assert not [claim for claim in _analysis(name).claims if claim.text == "К 2028 году"]
    target = _claim(name, "10 миллионов тонн")
    assert target.context["horizon"]["text"] == "К 2028 году"


def test_a_growth_along_this_route_is_the_routes_not_a_topics() -> None:
    # "Согласно прогнозам, к 2030 году грузопотоки по этому направлению могут утроиться."
    # (held325, and held306 in the same words): the Middle Corridor the sentences before name,
    # though "грузопотоки" is a topic word of its own sentence
    for name in ("held325_zakon_20251021_middle_corridor_tripling_2030.txt",
                 "held306_baq_20251021_middle_corridor_tripling_2030.txt"):
        growth = _claim(name, "утроиться")
        assert (growth.layer, growth.topic, growth.value) == ("middle_corridor", None, 3.0)
        assert growth.subject == "middle_corridor/*"


def test_a_growth_by_a_year_ahead_is_foreseen_with_or_without_a_planning_word() -> None:
    # "Объемы перевозок по маршруту … (Средний коридор) могут удвоиться к 2030 году" (held288,
    # January 2026) against "Согласно прогнозам, к 2030 году грузопотоки по этому направлению
    # могут утроиться" (held325, held306, October 2025): both foreseen, one disagreement
    doubling = _claim("held288_trend_20260108_middle_corridor_3_2mt.txt", "удвоиться")
    assert doubling.role == "target"
    names = ("held288_trend_20260108_middle_corridor_3_2mt.txt",
             "held325_zakon_20251021_middle_corridor_tripling_2030.txt",
             "held306_baq_20251021_middle_corridor_tripling_2030.txt")
    growths = [conflict for conflict in _conflicts(*names) if conflict.kind == "growth"]
    assert [sorted(claim.text for claim in conflict.claims) for conflict in growths] == [
        ["удвоиться", "утроиться", "утроиться"]]


def test_kazakh_oil_referred_back_to_or_exported_by_the_country_is_its_share() -> None:
    # "… по транспортировке казахстанской нефти по маршруту Баку–Тбилиси–Джейхан. В прошлом
    # году транзит этого стратегического сырья через Азербайджан составил почти 1,5 млн тонн"
    # (held331): the oil of the sentence before, no Azerbaijani section's total
    referred = _claim("held331_report_20251021_tokayev_btc_kazakh_oil_1_5mt.txt", "1,5 млн тонн")
    assert (referred.feature, referred.scope) == ("btc", "share:KZ")
    # "АСТАНА, 25 ноя (Рейтер) - Казахстан думает об увеличении экспорта нефти по нефтепроводу
    # Баку-Тбилиси-Джейхан (БТД) до 20 миллионов тонн в год с 1,5 миллионов тонн в 2024 году"
    # (held330): both Kazakhstan's exports, no BTC total against held08's 29.47 Mt
    name = "held330_moscowtimes_20241125_btc_kazakh_oil_20mt.txt"
    for written in ("20 миллионов тонн в год", "1,5 миллионов тонн"):
        assert _claim(name, written).scope == "share:KZ"
    assert _conflict_kinds(name, "held08_blackseanews_20260119_btc_exports.txt") == set()


def test_a_volume_a_country_only_thinks_of_is_not_one_it_intends() -> None:
    # "Казахстан думает об увеличении экспорта нефти по нефтепроводу … (БТД) до 20 миллионов
    # тонн в год с 1,5 миллионов тонн в 2024 году" (held330) against "стороны подтвердили
    # намерение уже в ближайшие годы увеличить поставки казахстанской нефти через нефтепровод
    # … до 7 миллионов тонн в год" (held211): a measure of its own, no disagreement
    name = "held330_moscowtimes_20241125_btc_kazakh_oil_20mt.txt"
    assert _claim(name, "20 миллионов тонн в год").context["measure"] == "considered"
    assert "measure" not in _claim(name, "1,5 миллионов тонн").context  # where it starts from
    assert _conflict_kinds(name, "held211_haqqin_20251024_btc_kazakh_oil_7mt.txt") == set()


def test_a_presentation_dates_an_event() -> None:
    # "Президентам … сегодня, 21 октября 2025 года, презентовали проект "Развитие Среднего
    # коридора"" (held325): the presentation's date, the Middle Corridor's event
    event = _claim("held325_zakon_20251021_middle_corridor_tripling_2030.txt",
                   "21 октября 2025 года")
    assert (event.kind, event.layer, event.context["date"]) == (
        "event", "middle_corridor", "2025-10-21")


def test_months_of_no_year_known_are_no_other_articles_months() -> None:
    # "в октябре по нефтепроводу Баку-Тбилиси-Джейхан было транспортировано около 2.7 млн.
    # тонн нефти … в августе составлял 2.8 млн. тонн" (held334, an excerpt printing no date)
    # against "В январе по трубопроводу экспортировано 2,577 млн. тонн" (held98, no year in
    # its dateline): months of no year known, perhaps years apart, no disagreement
    october = _claim("held334_1news_20071114_btc_october_2007_2_7mt.txt", "2.7 млн. тонн")
    january = _claim("held98_1news_20130409_btc_q1_2013_exports.txt", "2,577 млн. тонн")
    for month in (october, january):
        assert (month.feature, month.context["period"]["months"]) == ("btc", 1)
        assert month.context["period"]["year"] is None
    assert _conflict_kinds("held334_1news_20071114_btc_october_2007_2_7mt.txt",
                           "held98_1news_20130409_btc_q1_2013_exports.txt") == set()


def test_a_length_of_the_line_filled_is_work_done_and_the_whole_after_it_the_lines() -> None:
    # "нефть заполнена до 970 км 1768-километровой линии" (held341): line fill, the works'
    # last stage, in km; the length right after it is the whole line's, no work done
    name = "held341_wikinews_20060306_btc_filling_970km.txt"
    filled, whole = _claim(name, "970 км"), _claim(name, "1768-километровой")
    assert (filled.feature, filled.kind, filled.scope) == ("btc", "length", "construction")
    assert (whole.feature, whole.value, whole.scope) == ("btc", 1768.0, None)
    assert _conflict_kinds(name, "held98_1news_20130409_btc_q1_2013_exports.txt") == set()


def test_an_association_named_after_the_route_in_quotation_marks_is_no_mention() -> None:
    # "заседание общего собрания международной ассоциации "Транскаспийский международный
    # транспортный маршрут" (Middle сorridor)" (held342): the body, not the route; "по
    # маршруту ТМТМ" in the same article is the route
    mentions = _analysis("held342_tengrinews_20220511_titr_3_2mt_50k_teu.txt").mentions
    assert not [m for m in mentions if m.text.startswith("Транскаспийский")]
    assert [m.layer for m in mentions if m.text == "ТМТМ"] == ["middle_corridor"] * 2


def test_a_name_in_a_cited_articles_title_is_no_mention() -> None:
    # "Эта статья содержит материалы из статьи «Точной даты готовности Баку–Тбилиси-Джейхан
    # пока не может назвать никто»" (held341's licence line): a headline cited, while the
    # body's "нефтепровода Баку–Тбилиси-Джейхан на территории Турции" is the pipeline
    name = "held341_wikinews_20060306_btc_filling_970km.txt"
    text = (REAL / name).read_text(encoding="utf-8")
    cited = text.index("из статьи «") + len("из статьи «")
    mentions = [m for m in _analysis(name).mentions if m.text == "Баку–Тбилиси-Джейхан"]
    assert mentions and all(m.start < cited for m in mentions)
    assert {m.feature for m in mentions} == {"btc"}


def test_a_start_of_operation_written_as_a_noun_is_the_lines_opening() -> None:
    # "Ожидается, что уже в начале 2013 года начнется коммерческая эксплуатация этого
    # транспортного коридора" (held335) and "Начало эксплуатации нового транспортного коридора
    # планируется на 2011 год" (held229): the BTK line's opening, its first stage
    opening = _claim("held335_regionplus_20110715_btk_commercial_2013.txt", "в начале 2013 года")
    planned = _claim("held229_regnum_20090311_btk_2011_15mt.txt", "на 2011 год")
    for claim, year in ((opening, 2013.0), (planned, 2011.0)):
        assert (claim.kind, claim.feature, claim.value, claim.scope) == (
            "deadline", "btk", year, "stage:1")
    # against the line's other planned openings (held169's beginning of 2017): real
    assert "deadline" in _conflict_kinds("held335_regionplus_20110715_btk_commercial_2013.txt",
                                         "held169_kavkazplus_20161108_btk_testing_17mt.txt")


def test_a_year_works_are_sped_up_in_is_no_completion() -> None:
    # ""В текущем году будет ускорено строительство железной дороги Баку - Тбилиси - Карс, и
    # с ее вводом в эксплуатацию появится новый крайне выгодный сухопутный маршрут" (held335):
    # the year of the acceleration, no opening; the opening is the sentence before's 2013
    name = "held335_regionplus_20110715_btk_commercial_2013.txt"
    deadlines_read = [c.text for c in _analysis(name).claims if c.kind == "deadline"]
    assert deadlines_read == ["в начале 2013 года"]


def test_the_kars_igdir_line_named_by_its_end_in_nakhchivan() -> None:
    # "Турция приступит к реализации железнодорожного проекта Карс-Игдыр-Нахчыван" (held343):
    # the Kars-Dilucu line, named by the end it goes to
    mentions = _analysis("held343_trend_20180319_kars_igdir_nakhchivan.txt").mentions
    named = [m for m in mentions if m.text == "Карс-Игдыр-Нахчыван"]
    assert named and {(m.layer, m.feature) for m in named} == {("zangezur_corridor", "kars-dilucu")}


def test_the_fiber_line_by_its_project_name_and_its_route_in_reverse() -> None:
    # "международный проект «Каспий ВОЛС», предусматривающий строительство подводной
    # волоконно-оптической линии связи по маршруту Актау – Сумгаит" (held339)
    mentions = _analysis("held339_otyrar_20260304_kaspiy_vols.txt").mentions
    named = {m.text: (m.layer, m.feature) for m in mentions}
    for written in ("Каспий ВОЛС", "Актау – Сумгаит"):
        assert named[written] == ("digital_silk_road", "sumgayit-aktau")


def test_figures_of_the_lianyungang_logistics_base_are_no_aktau_ports() -> None:
    # "общий грузооборот через китайско-казахстанскую логистическую базу в городе Ляньюньган
    # вырос по итогам 2025 года на 13,74%" and "совокупный грузооборот базы достиг 43 млн
    # тонн" (held337, after "Китайско-казахстанская логистическая база в Ляньюньгане"): a
    # project the catalog does not map, no figure of the Aktau port the article names
    name = "held337_seanews_20260204_aktau_hub_lianyungang.txt"
    for written in ("13,74%", "43 млн тонн"):
        claim = _claim(name, written)
        assert (claim.layer, claim.feature) == (None, None)
        assert claim.link and claim.link.startswith("unmapped project")
    assert _conflict_kinds(name, "held215_dayaz_20260128_kazakh_oil_aktau_btc.txt") == set()


def test_a_quoted_figure_borrows_no_project_named_after_the_quotation() -> None:
    # "«До конца 2027 года качественной связью планируется обеспечить более 3 тысяч сел…»"
    # before "…представил международный проект «Каспий ВОЛС»" (held339): Kazakhtelecom's rural
    # programme, no deadline of the fiber line; and the minister's "«… из которых от 2 до 5 ГВт
    # будет экспортироваться в Европу»" (held285) is no figure of the Anaklia-Constanta cable
    # the text names after it
    # (the rural programme's term, which builds nothing, is no deadline at all)
    assert not _deadline_texts("held339_otyrar_20260304_kaspiy_vols.txt")
    exported = _claim("held285_kunuz_20240807_caspian_cable_2_5gw.txt", "2 до 5 ГВт")
    assert exported.layer is None
    assert _conflict_kinds("held339_otyrar_20260304_kaspiy_vols.txt",
                           "held336_prime_20251018_caspian_fiber_end_2026.txt") == set()


def test_the_railway_through_armenia_by_its_stations_and_its_meghri_stretch() -> None:
    # "железной дороги Ерасх – Джульфа (Джуга) – Ордубад – Мегри – Горадиз на территории
    # Армении" (held346), "мегринский участок железной дороги", "Мегринской железной дороге",
    # "горадизский" and the whole line "железной дороги Ерасх-Джульфа-Ордубад-Мегри-Горадиз"
    # (held354)
    named = {m.text: (m.layer, m.feature)
             for m in _analysis("held354_step1_20250523_meghri_railway_45km_200m.txt").mentions}
    assert named["мегринский участок железной дороги"] == ("zangezur_corridor", "syunik")
    assert named["Мегринской железной дороге"] == ("zangezur_corridor", "syunik")
    assert named["горадизский"] == ("zangezur_corridor", "horadiz-aghband")
    whole = named["железной дороги Ерасх-Джульфа-Ордубад-Мегри-Горадиз"]
    assert whole == ("zangezur_corridor", None)
    name = "held346_sputnikam_20211228_yeraskh_horadiz_226m_usd.txt"
    cost = _claim(name, "226 миллионов долларов")
    assert (cost.layer, cost.feature, cost.scope) == ("zangezur_corridor", "syunik", None)


def test_the_length_of_the_stretch_is_no_length_of_the_line() -> None:
    # "длина участка составит примерно 45 километров" (held346): the Meghri stretch, a part
    length = _claim("held346_sputnikam_20211228_yeraskh_horadiz_226m_usd.txt", "45 километров")
    assert (length.feature, length.scope) == ("syunik", "component:участок")


def test_the_whole_lines_section_in_a_country_of_one_feature_is_that_feature() -> None:
    # "По территории Армении проходит около 45 километров железной дороги
    # Ерасх-Джульфа-Ордубад-Мегри-Горадиз" (held354): the corridor's part in Armenia is its
    # Syunik route, and the 45 km join the route's other lengths (42, 43, 44, 40 km)
    name = "held354_step1_20250523_meghri_railway_45km_200m.txt"
    length = _claim(name, "45 километров")
    assert (length.layer, length.feature, length.scope) == ("zangezur_corridor", "syunik", None)
    assert "length" in _conflict_kinds(name, "held29_1news_20260218_zangezur_first_stage_tripp.txt")


def test_tenge_printed_as_a_letter_before_the_amount() -> None:
    # "«… морпорта Актау … Сумма составляет Т42 млрд. Объем работы включает три этапа. Первый
    # этап, стоимостью Т20 млрд, …»" (held353, KazTAG): the tenge sign as the capital letter
    name = "held353_zonakz_20250123_aktau_dredging_42bn.txt"
    total = _claim(name, "Т42 млрд")
    assert (total.kind, total.unit, total.value) == ("money", "KZT", 42e9)
    assert (total.layer, total.feature) == ("aktau_port", "aktau")
    stages = [c for c in _analysis(name).claims if c.text.startswith("Т20 млрд")]
    assert [c.value for c in stages] == [20e9, 20e9] and stages[-1].scope == "stage:1"


def test_a_special_economic_zones_quoted_name_is_no_mention_of_the_port() -> None:
    # "оба проекта входят в состав СЭЗ «Морпорт Актау»" (held235): the zone, not the port
    mentions = _analysis("held235_inform_20251125_aktau_hub_47_6bn_240k_teu.txt").mentions
    assert "Морпорт Актау" not in {m.text for m in mentions}


def test_a_capital_planning_a_volume_is_its_countrys_share_of_the_corridor() -> None:
    # "Астана собирается в ближайшие пару лет нарастить транспортировку нефти по
    # Транкаспийскому коридору до 3 млн тонн" (held349): the Middle Corridor, named with the
    # outlet's misspelling, and Kazakhstan's oil on it, no figure of the city
    name = "held349_oilcapital_20240418_btc_kazakh_oil_2_2mt.txt"
    named = {m.text: (m.layer, m.feature) for m in _analysis(name).mentions}
    assert named["Транкаспийскому коридору"] == ("middle_corridor", None)
    planned = _claim(name, "3 млн тонн")
    assert (planned.layer, planned.feature, planned.scope) == ("middle_corridor", None, "share:KZ")


def test_a_length_whose_hedged_part_follows_is_the_whole_lines() -> None:
    # "длина железной дороги БТК составляет примерно 850 километров, более 500 из которых
    # проходят по территории Азербайджана" (held355): the line's length, the country the part's
    name = "held355_trend_20251112_btk_tripling_850km.txt"
    length = _claim(name, "850 километров")
    assert (length.feature, length.scope) == ("btk", None)
    assert "length" in _conflict_kinds(name, "held273_vestiaz_20150106_btk_test_wagon_840km.txt")


def test_a_volume_from_a_countrys_field_is_that_countrys_share() -> None:
    # "страны условились поставлять порядка 1,5 млн тонн с казахстанского нефтяного
    # месторождения Тенгиз по трубе Баку — Тбилиси — Джейхан" (held349): Kazakh oil in BTC
    volume = _claim("held349_oilcapital_20240418_btc_kazakh_oil_2_2mt.txt", "1,5 млн тонн")
    assert (volume.feature, volume.scope) == ("btc", "share:KZ")


def test_a_stage_numbered_in_roman_numerals() -> None:
    # "На I этап дноуглубительных работ в акватории морпорта Актау, стоимостью Т20 млрд"
    # (held353): the first stage's cost
    first = _claim("held353_zonakz_20250123_aktau_dredging_42bn.txt", "Т20 млрд")
    assert (first.feature, first.scope) == ("aktau", "stage:1")


def test_the_time_a_work_will_take() -> None:
    # "По его словам, строительство займет около 3 лет." (held354): the Syunik route's
    # construction time
    took = _claim("held354_step1_20250523_meghri_railway_45km_200m.txt", "займет около 3 лет")
    assert (took.kind, took.value, took.unit, took.feature) == ("duration", 3.0, "yr", "syunik")


def test_a_tunnel_between_two_countries_and_works_done_over_a_distance_are_no_line_length() -> None:
    # "строительство тоннеля между Грузией и Турцией протяженностью 4,3 километра. В турецкой
    # части работы завершены на расстоянии 2,2 километра, в грузинской части выполняются
    # земляные работы на расстоянии 200 метров" (held360): none is the BTK line's 826 km.
    name = "held360_ng_20131017_btk_2014_tunnel_4_3km.txt"
    assert _claim(name, "4,3 километра").scope == "component:тоннель"
    assert _claim(name, "2,2 километра").scope == "construction"
    assert _claim(name, "200 метров").scope == "construction"
    btk = [conflict for conflict in _dev_conflicts()
           if conflict.rule == "catalog" and name in conflict.id]
    assert not btk


def test_the_same_volume_again_is_the_share_of_the_cargo_named_before() -> None:
    # "Транзит казахстанской нефти по трубопроводу Баку-Тбилиси-Джейхан в уходящем году …
    # составит 1,5 млн т … Министр заявил, что отхождения от плана не намечаются. На будущий год
    # заложен такой же объем в 1,5 млн т" (held367): Kazakh oil again, not all the pipeline's
    name = "held367_vestikavkaza_20251212_kazakh_oil_btc_1_5mt.txt"
    assert _last_claim(name, "1,5 млн т").scope == "share:KZ"
    assert not [conflict for conflict in _dev_btc_conflicts("mass")
                if conflict.id == "value:btc_pipeline/btc:mass:reported"
                and any("held367" in claim.document for claim in conflict.claims)]  # fmt: skip


def test_a_plan_to_raise_a_volume_by_a_percent_is_a_growth() -> None:
    # "Казахстан готов увеличить прокачку нефти по БТД на 46% в 2026 году" (held367's headline,
    # its next sentence on "выполнении плана"): a growth, no share of the oil (held64's 74,6%)
    claim = _claim("held367_vestikavkaza_20251212_kazakh_oil_btc_1_5mt.txt", "46%")
    assert claim.kind == "growth"


def test_tankers_counted_after_a_volume_do_not_make_it_a_vessels() -> None:
    # "по нефтепроводу Баку — Тбилиси — Джейхан (БТД) экспортировано более 6,7 млн тонн сырой
    # нефти (51 млн баррелей) и загружено в Джейхане в 70 танкеров" (held362): the pipeline's
    claim = _claim("held362_braz_20210503_btc_482mt_q1_2021.txt", "6,7 млн тонн")
    assert (claim.feature, claim.scope) == ("btc", None)


def test_the_btk_line_by_its_early_name_baku_kars_akhalkalaki() -> None:
    # "на строительство железной дороги Баку-Карс-Ахалкалаки … Он отметил, что на
    # строительство железной дороги понадобится около $400млн." (held358, October 2006)
    name = "held358_trend_20061011_btk_400m_usd.txt"
    assert [m.feature for m in _analysis(name).mentions if m.text == "Баку-Карс-Ахалкалаки"] == [
        "btk", "btk", "btk"]
    claim = _claim(name, "$400млн.")
    assert (claim.feature, claim.kind, claim.value, claim.scope) == ("btk", "money", 4e8, None)


def test_a_tunnel_spelt_two_ways_is_one_measure() -> None:
    # "тоннеля между Грузией и Турцией протяженностью 4,3 километра" (held360, 2013) against
    # "строительство 4,5-километрового туннеля на турецко-грузинской границе" (held207, 2014)
    name = "held360_ng_20131017_btk_2014_tunnel_4_3km.txt"
    tunnel = _claim(name, "4,3 километра")
    tunnels = [conflict for conflict in _dev_conflicts() if tunnel in conflict.claims]  # fmt: skip
    assert len(tunnels) == 1
    assert "held207_apa_20141016_btk_sections_under_construction.txt" in {
        claim.document.rsplit("/", 1)[-1] for claim in tunnels[0].claims}


def test_figures_of_the_north_west_corridor_are_not_the_btk_lines() -> None:
    # "по транспортному коридору Север-Запад, составил 4,4 миллиона тонн … по транспортным
    # коридорам было перевезено 10,556 миллиона тонн грузов железнодорожным транспортом … Доля
    # транзитных грузов составила 46% … Отметим, что создание транспортного коридора Север-Запад
    # стало возможным с вводом в эксплуатацию железной дороги Баку-Тбилиси-Карс в 2017 году."
    # (held379): the corridor is a project the catalog does not map; the BTK line, named in
    # passing at the end, gets none of its figures (they were linked to it by the following
    # sentence rule while nothing before them was a name).
    analysis = _analysis("held379_trend_20251205_north_west_corridor_unmapped.txt")
    figures = ("4,4 миллиона тонн", "10,556 миллиона тонн", "8,009 миллиона тонн",
               "5,590 миллиона тонн", "46%", "41,9%", "94,7%")  # fmt: skip
    for written in figures:
        claim = next(claim for claim in analysis.claims if claim.text == written)
        assert (claim.feature, claim.link) == (None, "unmapped project (коридор Север–Запад)")
    assert [m.feature for m in analysis.mentions] == ["btk"]


def test_the_launch_of_a_train_service_is_not_the_lines_event() -> None:
    # "Маршрут был расширен за счет нового сервиса из Пекина, запущенного 30 июня 2025 года.
    # Ключевым событием стала модернизация железной дороги Баку–Тбилиси–Карс в 2024 году"
    # (held374): an operator's service began that day, no event of the BTK line's.
    claim = _claim("held374_trend_20260124_xian_baku_titr_btk.txt", "30 июня 2025 года")
    assert (claim.kind, claim.feature, claim.scope) == ("event", None, "actor:vessel")


def test_a_yearly_rate_after_a_bracketed_gloss_of_the_unit() -> None:
    # "этот проект увеличит объем перевозок с 40 тыс. до 215 тыс. ДФЭ (двадцатифутовый
    # эквивалент) в год" (held370): the gloss stands between the unit and its "в год"; both
    # ends of the change are the Aktau port's yearly container traffic.
    name = "held370_kazinform_20221019_aktau_hub_215k_teu_sarzha_2025.txt"
    before, after = _claim(name, "40 тыс."), _claim(name, "215 тыс. ДФЭ")
    assert [(c.feature, c.kind, c.value, c.unit) for c in (before, after)] == [
        ("aktau", "containers", 40000.0, "TEU/yr"), ("aktau", "containers", 215000.0, "TEU/yr")]


def test_parts_of_a_whole_by_kind_of_infrastructure_and_a_unit_left_out() -> None:
    # "По ее словам, 25 миллиардов долларов потребуется для железных дорог и 1,8 миллиарда
    # для расширения и модернизации портов." (held371): the Middle Corridor's investment needs
    # by mode; the second part's dollars are the first's, left out after its scale word.
    name = "held371_trend_20250922_world_bank_middle_corridor_28bn.txt"
    railways, ports = _claim(name, "25 миллиардов долларов"), _claim(name, "1,8 миллиарда")
    assert [(c.kind, c.value, c.unit, c.scope) for c in (railways, ports)] == [
        ("money", 25e9, "USD", "component:железная дорога"),
        ("money", 1.8e9, "USD", "component:порт"),
    ]
    assert _claim(name, "28 миллиардов долларов").scope is None


def test_a_volume_of_a_cargo_from_a_country_in_brackets_is_that_countrys_share() -> None:
    # "«В прошлом году мы транспортировали около 4,2 млн тонн (нефти из Туркменистана)" (held409,
    # SOCAR's vice-president on the BTC pipeline): Turkmen oil, not all the pipeline carried
    name = "held409_eadaily_20190322_btc_turkmen_oil_4mt_2020.txt"
    assert _claim(name, "4,2 млн тонн").scope == "share:TM"


def test_a_measure_said_again_by_this_measure_is_the_same_cargos() -> None:
    # "«В прошлом году мы транспортировали около 4,2 млн тонн (нефти из Туркменистана). Ожидаем,
    # что в этом году цифры будут ниже, но в 2020-м этот показатель будет не менее четырех
    # миллионов тонн»" (held409): Turkmen oil through the BTC pipeline in 2020, not all of it
    name = "held409_eadaily_20190322_btc_turkmen_oil_4mt_2020.txt"
    claim = _claim(name, "четырех миллионов тонн")
    assert (claim.feature, claim.scope) == ("btc", "share:TM")
    masses = _dev_btc_conflicts("mass")
    assert not any(claim.text == "четырех миллионов тонн" for conflict in masses
                   for claim in conflict.claims)  # fmt: skip


def test_a_volume_a_country_planned_to_carry_is_its_share() -> None:
    # "На 2025 год Казахстан планировал прокачать через БТД, который является одним из основных
    # альтернативных маршрутов для транзита нефти, 1,7 миллиона тонн нефти" (held424)
    claim = _claim("held424_novostivip_20250917_btc_kazakh_oil_plan_1_7mt.txt", "1,7 миллиона тонн")
    assert (claim.feature, claim.scope) == ("btc", "share:KZ")
    # the cargo's own origin comes first: "Азербайджан рассчитывает прокачать по нефтепроводу …
    # по меньшей мере четыре миллиона тонн туркменской нефти" (held409) is Turkmen oil
    turkmen = _claim(
        "held409_eadaily_20190322_btc_turkmen_oil_4mt_2020.txt", "четыре миллиона тонн"
    )
    assert turkmen.scope == "share:TM"


def test_a_periods_result_said_ahead_is_no_plan_for_it() -> None:
    # "… по итогам 2025 года составит порядка 1,5 млн тонн, что соответствует планам" (held09)
    # and "в уходящем году не отходит от изначального плана и составит 1,5 млн т" (held367):
    # the year's result expected, neither held424's plan "На 2025 год Казахстан планировал
    # прокачать через БТД … 1,7 миллиона тонн нефти" nor a figure reported after the year
    expected = [_claim("held09_haqqin_20251215_kazakh_oil_btc.txt", "1,5 млн тонн"),
                _claim("held367_vestikavkaza_20251212_kazakh_oil_btc_1_5mt.txt", "1,5 млн т")]
    assert [claim.context.get("measure") for claim in expected] == ["expected", "expected"]
    plan = _claim("held424_novostivip_20250917_btc_kazakh_oil_plan_1_7mt.txt", "1,7 миллиона тонн")
    assert "measure" not in plan.context
    masses = _dev_btc_conflicts("mass")
    assert not any(claim.text == "1,7 миллиона тонн" for conflict in masses
                   for claim in conflict.claims)  # fmt: skip


def test_a_volume_said_of_the_present_is_a_state_on_the_day_no_years_total() -> None:
    # "В настоящее время по нему прокачивается около 25 млн тонн нефти" (held404, the BTC
    # pipeline): no figure of a year, so no disagreement with held08's 36.306 Mt of 2025
    name = "held404_ladakz_20250827_btc_25mt_50mt_capacity.txt"
    assert _claim(name, "25 млн тонн").context == {"as_of": "2025-08-27"}
    # a contract in force so said stays the agreed volume: "В настоящее время по контракту у
    # нас закреплено 2,2 млн тонн" (held215)
    agreed = _last_claim("held215_dayaz_20260128_kazakh_oil_aktau_btc.txt", "2,2 млн тонн")
    assert "as_of" not in agreed.context and agreed.context["measure"] == "contract"
    masses = _dev_btc_conflicts("mass")
    assert not any(claim.text == "25 млн тонн" for conflict in masses for claim in conflict.claims)


def test_a_figure_in_a_relative_clause_of_a_name_no_mention_covers_is_that_places() -> None:
    # "Порт Джейхан превзойдет крупнейший порт Западной Европы Роттердам, мощность которого
    # составляет 134 млн тонн нефти в год" (held411): Rotterdam's, no figure of the BTC pipeline
    claim = _claim("held411_trend_20060622_ceyhan_storage_945kt.txt", "134 млн тонн нефти в год")
    assert claim.layer is None and claim.link == "unmapped project (a place named)"
    capacities = _dev_btc_conflicts("mass")
    assert "value:btc_pipeline/btc:mass:reported:capacity" not in [c.id for c in capacities]


def test_a_sum_the_united_states_allocate_is_their_share() -> None:
    # "США инвестировали $140 млн в рамках подготовительного этапа проекта …" and "На данный
    # момент США, предварительно, уже выделили $140 млн для подготовительного этапа программы
    # TRIPP" (held406): the US funding of the route through Armenia, not its cost
    name = "held406_interfax_20260115_tripp_us_140m_usd.txt"
    assert [claim.scope for claim in _analysis(name).claims if claim.text == "$140 млн"] == [
        "share:US", "share:US", "share:US"]


def test_a_full_date_opening_its_sentence_dates_the_event_its_sentence_names_further_on() -> None:
    # "14 мая 2018 года при участии президента Азербайджана Ильхама Алиева в поселке Аляты
    # (Гарадагский район Баку) состоялось открытие международного морского порта" (held405): the
    # event word stands past the few words after the date an event is otherwise read in
    claim = _claim("held405_logist_20180515_baku_port_opening_15mt.txt", "14 мая 2018 года")
    assert (claim.kind, claim.context["date"], claim.context["event"]) == (
        "event", "2018-05-14", "открытие")
    # a dateline opening its line with a time is no event ("09 января 2018, 10:30", held172)
    dateline = _analysis("held172_president_20180109_baku_port_roro_15mt.txt")
    assert not [claim for claim in dateline.claims
                if claim.kind == "event" and claim.text.startswith("09 января 2018")]


def test_a_joint_statement_adopted_on_a_day_is_an_event() -> None:
    # "13 января правительства Армении и США приняли совместное заявление о рамках реализации
    # проекта TRIPP" (held407, published 11 March 2026): the statement of 13 January 2026
    claim = _claim("held407_interfax_20260311_tripp_joint_statement.txt", "13 января")
    assert (claim.kind, claim.feature, claim.context["date"], claim.context["event"]) == (
        "event", "syunik", "2026-01-13", "заявление")


def test_a_volume_a_change_reached_and_its_planned_change_keep_the_changes_section() -> None:
    # "Только в 2024 году контейнерный трафик на казахстанском участке TITR вырос на 62%,
    # достигнув 4,5 миллионов тонн. Власти планируют удвоить этот показатель в течение трех
    # лет" (held416): the Kazakh section's volume and its planned doubling
    name = "held416_trend_20260212_titr_new_lines_triple_2030.txt"
    written = ("62%", "4,5 миллионов тонн", "удвоить")
    assert [_claim(name, text).scope for text in written] == ["section:KZ"] * 3


def test_the_length_of_a_road_told_by_its_lanes_is_no_corridors() -> None:
    # "Протяженность 2-3 полосной дороги составляет 32 км, из них 10-км участок должен быть
    # построен Арменией на своей территории" (held418, the Lachin bypass, which the catalog does
    # not map): no figure of the Zangezur corridor nor of the route through Armenia
    name = "held418_kaspiy_20230218_lachin_road_unmapped.txt"
    for written in ("32 км", "10-км"):
        claim = _claim(name, written)
        assert (claim.layer, claim.link) == (None, "unmapped project (a road)")


def test_a_sum_invested_in_a_quoted_name_is_that_companys() -> None:
    # "в ближайшие годы в \"Грузинские железные дороги\" будет инвестирован 1 млрд лари ($370
    # млн)" (held410), as held144's "в развитие компании «Грузинские железные дороги»
    # планируется инвестировать около 1 млрд лари": Georgian Railway's money, not the BTK line's
    name = "held410_vestikavkaza_20251112_btk_opening_threefold.txt"
    for written in ("1 млрд лари", "$370 млн"):
        claim = _claim(name, written)
        assert (claim.layer, claim.link) == (None, "unmapped project (a company)")


def test_the_time_of_a_feasibility_study_is_design_work() -> None:
    # "предварительные исследования планируется провести в течение 11 месяцев, что означает,
    # что технико-экономическое обоснование может быть завершено в начале 2027 года" (held412,
    # the Caspian green-energy cable): the study's duration and completion, scope design
    name = "held412_trend_20260224_green_corridor_fs_11_months.txt"
    study = [(claim.kind, claim.value, claim.scope) for claim in _analysis(name).claims
             if claim.text in ("в течение 11 месяцев", "в начале 2027 года")]  # fmt: skip
    assert study == [("duration", 11.0, "design"), ("deadline", 2027.0, "design")]


def test_a_projects_term_given_as_months_of_a_year_is_that_years_deadline() -> None:
    # "Срок реализации проекта — январь — июнь 2026 года" (held413, the Kuryk port's dredging)
    name = "held413_russhipping_20251224_kuryk_dredging_2026.txt"
    claim = _claim(name, "январь — июнь 2026 года")
    assert (claim.kind, claim.value, claim.feature, claim.scope) == (
        "deadline", 2026.0, "kuryk", None)


def test_a_volume_right_after_a_participle_of_sending_is_one_shipment() -> None:
    # "Казахстан вновь начал экспорт нефти с месторождения Кашаган в направлении нефтепровода
    # Баку-Тбилиси-Джейхан (БТД) с 13 сентября, отправив 8,800 тонн" (held424): one batch,
    # KazMunayGas's shipment, no volume of the pipeline (and out of the Kazakh oil group)
    claim = _claim("held424_novostivip_20250917_btc_kazakh_oil_plan_1_7mt.txt", "8,800 тонн")
    assert (claim.layer, claim.scope) == (None, "actor:shipment")


def test_a_lines_name_on_its_own_territory_is_that_countrys_feature() -> None:
    # "В Армении начинаются полевые работы для будущего восстановления железной дороги
    # Ерасх-Джульфа-Ордубад-Мегри-Горадиз на своей территории" (held392): the Syunik route, the
    # Zangezur corridor's one feature in Armenia; its "43-километровом участке" is that route's
    name = "held392_report_20220303_yeraskh_meghri_43km_survey.txt"
    analysis = _analysis(name)
    assert [(mention.layer, mention.feature) for mention in analysis.mentions] == [
        ("zangezur_corridor", "syunik")]
    assert _claim(name, "43-километровом").feature == "syunik"


def test_the_span_a_measure_is_to_be_changed_in_is_no_duration_of_the_project() -> None:
    # "Власти планируют удвоить этот показатель в течение трех лет" (held416): the doubling's
    # horizon, kept with it, no time of the Middle Corridor's works
    analysis = _analysis("held416_trend_20260212_titr_new_lines_triple_2030.txt")
    assert not [claim for claim in analysis.claims if claim.kind == "duration"]
    doubling = _claim("held416_trend_20260212_titr_new_lines_triple_2030.txt", "удвоить")
    assert doubling.context["horizon"]["text"] == "в течение трех лет"


def test_the_middle_of_a_named_year_is_a_deadline_and_a_plan_made_before_is_none() -> None:
    # "все работы на автомобильной и железнодорожной инфраструктуре на территории Азербайджана
    # будут завершены к середине 2026 года" (held429, the Zangezur corridor's Azerbaijani works)
    claim = _claim("held429_vestikavkaza_20251020_zangezur_2028_az_2026.txt",
                   "к середине 2026 года")  # fmt: skip
    assert (claim.kind, claim.value, claim.layer, claim.scope) == (
        "deadline", 2026.0, "zangezur_corridor", "section:AZ")
    # "ее сдача в эксплуатацию ранее планировалась к середине 2011 года" (held230): a plan the
    # text says was given up, no deadline
    assert not [claim for claim in _analysis("held230_b24_20111216_btk_245km_2013.txt").claims
                if claim.text == "к середине 2011 года"]  # fmt: skip


def test_a_start_by_the_end_of_the_year_is_no_deadline() -> None:
    # "Планируется, что процесс начнется к концу года" (held437, the Caspian green-energy
    # cable's study) and "уже к концу года строительные работы могут начаться" (held338)
    for name in ("held437_report_20250922_green_corridor_tender.txt",
                 "held338_cableman_20150119_tasim_caspian_segment.txt"):
        assert not [claim for claim in _analysis(name).claims if claim.text == "к концу года"]


def test_the_value_a_change_started_from_is_not_set_against_the_catalog() -> None:
    # "модернизация БТК позволила к настоящему моменту увеличить его пропускную способность в
    # пять раз: с одного до пяти миллионов тонн грузов в год" (held441): the 1 Mt a year is the
    # line's former capacity, no disagreement with the catalog's 6.5 Mt at opening
    name = "held441_trend_20240918_btk_capacity_fivefold.txt"
    before = _claim(name, "одного")
    assert (before.value, before.unit, before.context.get("state")) == (
        1.0, "Mt/yr", "before the change")
    assert corpus_conflicts([_analysis(name)]) == []


def test_a_figure_of_the_route_by_its_bare_noun_is_the_route_named_before() -> None:
    # "развития Транскаспийского международного транспортного маршрута (ТМТМ). … По данным
    # Министерства транспорта, за последние 5 лет объем грузоперевозок по маршруту вырос в
    # шесть раз" (held426): the Middle Corridor's growth
    claim = _claim("held426_zakon_20250822_titr_sixfold_ministry.txt", "в шесть раз")
    assert (claim.kind, claim.value, claim.layer, claim.feature) == (
        "growth", 6.0, "middle_corridor", None)
    # a route named after the noun is another one's, lower case words only before the figure
    assert not refers_to_route("перевозки по маршруту Китай – Европа выросли ", 0, 45)
    assert refers_to_route("объем грузоперевозок по маршруту вырос ", 0, 39)


def test_oil_from_a_country_through_the_line_its_sentence_names_is_that_countrys_share() -> None:
    # "Суммарный объем прокачки нефти из Казахстана по Баку-Тбилиси-Джейхан (БТД) … составил
    # порядка 3,4 млн тонн нефти" (held537): Kazakh oil through the BTC pipeline, as its
    # press release says again ("перевезено порядка 3,4 млн тонн казахстанской нефти")
    name = "held537_report_20251002_btc_kazakh_oil_3_4mt.txt"
    first = _claim(name, "3,4 млн тонн")
    assert (first.layer, first.feature, first.value, first.scope) == (
        "btc_pipeline", "btc", 3.4, "share:KZ")
    sentence = "Суммарный объем прокачки нефти из Казахстана по нефтепроводу составил "
    assert share_scope(sentence, 0, len(sentence)) == "share:KZ"
    # cargo of a corridor from a country is its direction, and a country's export of oil
    # in a sentence naming no line is the country's own (held181: actor:AZ)
    sentence = "Объем перевозок грузов из Китая по Среднему коридору составил "
    assert share_scope(sentence, 0, len(sentence)) is None
    sentence = "Экспорт нефти из Азербайджана в январе-мае 2007 года составил "
    assert share_scope(sentence, 0, len(sentence), project_named=False) == "actor:AZ"
    # only "из" names the origin right after the oil: oil pumped in a country the line crosses
    # is not that country's (the module once bound the words of origin after a volume, "в"
    # among them, to the same name, and this rule read those)
    sentence = "Суммарный объем прокачки нефти в Турции по нефтепроводу составил "
    assert share_scope(sentence, 0, len(sentence)) is None


def test_a_figure_in_the_corridor_by_its_bare_noun_is_the_corridor_named_before() -> None:
    # "Президенты … обсудили Средний коридор … По плану, представленному президентам,
    # грузопотоки в транспортном коридоре увеличатся в три раза к 2030 году" (held531): the
    # Middle Corridor's tripling, as held530's "по маршруту"
    claim = _claim("held531_lenta_20251021_middle_corridor_tripling_2030.txt", "в три раза")
    assert (claim.kind, claim.value, claim.layer, claim.feature) == (
        "growth", 3.0, "middle_corridor", None)
    sentence = "грузопотоки в транспортном коридоре увеличатся "
    assert refers_to_route(sentence, 0, len(sentence))
    # a corridor named after the noun is another one's
    sentence = "грузопотоки в транспортном коридоре «Север – Юг» увеличатся "
    assert not refers_to_route(sentence, 0, len(sentence))


def test_a_sentence_opening_this_is_more_compares_the_volume_before_and_keeps_its_section() -> None:
    # "С начала 2023 года по Транскаспийскому международному транспортному маршруту через
    # Казахстан перевезли 2,7 миллиона тонн грузов … Это на один млн 73 тысячи тонн или на 64
    # процента больше, чем годом ранее" (held425): the Kazakh section's increase and growth
    name = "held425_baigenews_20231227_titr_kz_2_7mt_64pct.txt"
    found = [(claim.text, claim.kind, claim.value, claim.scope) for claim in _analysis(name).claims
             if claim.start > _claim(name, "2,7 миллиона тонн").start]  # fmt: skip
    assert found == [("один млн 73 тысячи тонн", "mass", 1.073, "section:KZ"),
                     ("64 процента", "growth", 64.0, "section:KZ")]  # fmt: skip


def test_a_volume_in_brackets_after_the_whole_a_share_is_of_is_no_claim() -> None:
    # "что составляет 76,7 процента от всей нефти (5,575 миллиона тонн), прокачанной по
    # магистральным нефтепроводам Азербайджана, по сравнению с 4,437 миллиона тонн, или 76,5
    # процента от всей нефти, транспортированной в январе - феврале 2021 года (5,8 миллиона
    # тонн)" (held427): all trunk pipelines' oil, not the BTC pipeline's; its own figures stay
    found = {claim.text for claim in _analysis(
        "held427_trend_20220315_btc_transit_jan_feb_2022_sections.txt").claims}
    assert {"4,277 миллиона тонн", "76,7 процента", "4,437 миллиона тонн"} <= found
    assert not found & {"5,575 миллиона тонн", "5,8 миллиона тонн"}


def test_the_metres_a_bottom_is_deepened_by_are_no_length() -> None:
    # "Планируется углубить дно на полтора-два метра" (held430, the Aktau port's dredging)
    name = "held430_bizmedia_20250510_aktau_dredging_q4.txt"
    assert "углубить дно на полтора-два метра" in _analysis(name).document.text
    assert not [claim for claim in _analysis(name).claims if claim.kind == "length"]


def test_ready_before_an_infinitive_is_willing_and_dates_no_completion() -> None:
    # "Казахстан готов увеличить прокачку нефти по БТД на 46% в 2026 году" (held367): the year
    # of a planned growth, no deadline of the pipeline, and no conflict with held269's "будет
    # готов в первой половине 2005 г." (a completion, read as before)
    willing = "held367_vestikavkaza_20251212_kazakh_oil_btc_1_5mt.txt"
    ready = "held269_mineral_20040412_btc_georgia_60pct.txt"
    assert not [claim for claim in _analysis(willing).claims if claim.kind == "deadline"]
    assert _claim(ready, "в первой половине 2005 г.").value == 2005.0
    assert not [conflict for conflict in _conflicts(willing, ready) if conflict.kind == "deadline"]


def test_a_memorandum_signed_is_an_event_of_its_own() -> None:
    # "1 октября … главы железнодорожных ведомств Азербайджана, Турции и Грузии подписали
    # Меморандум о взаимопонимании" (held209) is not the BTK agreement "подписан 8 февраля
    # 2007 в Тбилиси" (held257): no event conflict between them
    memorandum = "held209_dayaz_20251004_btk_delivery_memorandum.txt"
    agreement = "held257_blackseanews_20120504_btk_2013_loans.txt"
    assert _claim(memorandum, "1 октября").context["event"] == "меморандум"
    assert _claim(agreement, "8 февраля 2007").context["event"] == "подписать"
    assert not [conflict for conflict in _conflicts(memorandum, agreement)
                if conflict.kind == "event"]  # fmt: skip


def test_a_deadline_before_a_component_made_dates_that_component() -> None:
    # "к 2025 году планируем создать контейнерный хаб в порту Актау" (held370): the hub's, no
    # deadline of the port against held195's expansion "в 2015 году"; "в 2015 г. закончится
    # строительство сухогрузного терминала нового порта" (held272): the terminal's, as annotated
    hub = "held370_kazinform_20221019_aktau_hub_215k_teu_sarzha_2025.txt"
    assert _claim(hub, "к 2025 году").scope == "component:хаб"
    terminal = "held272_transukr_20131107_alat_port_11_6mt.txt"
    assert _claim(terminal, "в 2015 г.").scope == "component:терминал"
    assert not [conflict for conflict in _conflicts(hub, "held195_trend_20140203_aktau_20_5mt.txt")
                if conflict.kind == "deadline"]  # fmt: skip


def test_spaced_slashes_a_hyphened_date_with_its_time_and_a_cut_short_form_are_read() -> None:
    # "12:32 - 12 / 06 / 2009" (1news.az): a space each side of each slash; "взрыв4-10-2012,
    # 11:00." (Oko Planety): day, month and year between hyphens with the time after them;
    # "18 апреля 202518 апр 20" (Dzen): the dateline restated in short form, its year cut where
    # the excerpt ends
    dates = {"held505_1news_20090612_tae_fiber_24000km_unmapped.txt": "2009-06-12",
             "held506_1news_20071019_alat_port_decree.txt": "2007-10-19",
             "held522_okoplanet_20121004_scp_gas_halt_unmapped.txt": "2012-10-04",
             "held518_dzen_20250418_kazakh_oil_aktau_btc.txt": "2025-04-18"}  # fmt: skip
    for name, date in dates.items():
        assert _analysis(name).document.date == date
    # without a time a hyphened run is no date (a range, a code)
    assert not list(find_dates("в 4-10-2012 годах"))
    assert [found.date.isoformat() for found in find_dates("4-10-2012, 11:00")] == ["2012-10-04"]


def test_an_english_month_cut_short_and_a_stamp_closed_by_its_outlets_name_are_read() -> None:
    # "Jun 12, 2018 19:33" (LiveJournal): an English month in three letters; "… освоено 239
    # миллионов 27.06.2025, Sputnik Грузия" (Sputnik Georgia): the subheadline's stamp, the
    # outlet's name after the date and a comma
    dates = {
        "held526_livejournal_20180612_zhezkazgan_beineu_1000km.txt": "2018-06-12",
        "held529_sputnikgeorgia_20250627_georgian_rail_modernization_unmapped.txt": "2025-06-27",
    }
    for name, date in dates.items():
        assert _analysis(name).document.date == date
    assert [found.date.isoformat() for found in find_dates("Sept 3, 2019")] == ["2019-09-03"]
    # a word that is no month, cut or whole, is no date
    assert not list(find_dates("Vol 12, 2018"))


def test_a_doubled_comma_and_a_dateline_restated_in_short_form_are_read() -> None:
    # "Published 21 ноября 2007,, 09:54" (Rosbalt): a doubled mark before the time; "5 декабря
    # 20235 дек 2023" (Dzen): the dateline and the same day again in short form, unspaced
    assert _analysis("held462_rosbalt_20071121_btk_groundbreaking_marabda.txt").document.date == (
        "2007-11-21")
    assert _analysis("held465_dzen_20231205_kajaran_meghri_unmapped.txt").document.date == (
        "2023-12-05")


def test_a_road_reconstructed_and_its_tunnels_length_said_of_it_are_not_the_lines() -> None:
    # "было реконструировано более 500 километров дороги, а также возведен тоннель на границе
    # Турции и Грузии. Его протяженность составила около пяти километров" (Mir 24): work done in
    # km and the tunnel's length; "будет реконструирован 183-километровый участок" (held229) is
    # a plan, not work done
    opening = "held466_mir24_20171030_btk_opening_50mt.txt"
    assert _claim(opening, "500 километров").scope == "construction"
    assert _claim(opening, "пяти километров").scope == "component:тоннель"
    assert _claim("held229_regnum_20090311_btk_2011_15mt.txt", "183-километровый").scope != (
        "construction")


def test_the_black_sea_cable_between_georgia_and_the_eu_and_electricity_a_country_sells() -> None:
    # "подводного электрокабеля между Грузией и ЕС", "электрокабелем Грузии и Румынии"
    # (Apsny.ge) name the Black Sea cable; "Баку собирается поставлять на международные рынки
    # 157 ГВт электроэнергии через Грузию" is what a country means to sell, no cable's figure
    cable = "held472_apsny_20221212_black_sea_cable_eu_2_3bn_eur.txt"
    named = {mention.text for mention in _analysis(cable).mentions
             if mention.feature == "anaklia-constanta"}  # fmt: skip
    assert {"подводного электрокабеля между Грузией и ЕС", "электрокабелем Грузии и Румынии"} <= (
        named)
    assert _claim(cable, "2,3 млрд евро").feature == "anaklia-constanta"
    assert _claim(cable, "157 ГВт").feature is None


def test_the_mass_of_a_loading_is_a_shippers_batch_not_the_pipelines() -> None:
    # "Планируемая масса отгрузки нефти по направлению БТД на апрель 2023 года составляет 125
    # тыс. тонн, сообщает национальный оператор Казахстана" (Sputnik Azerbaijan): KazTransOil's
    # plan, no BTC figure
    batch = _claim("held469_sputnikaz_20230328_kaztransoil_btc_tengiz_batch.txt", "125 тыс. тонн")
    assert (batch.scope, batch.feature) == ("actor:shipment", None)


def test_a_dateline_in_capitals_with_a_count_of_reads_after_it_is_the_publication_date() -> None:
    # "30 ОКТЯБРЯ 2017    Прочитано: 3757" (Vzglyad.az): the month in capitals and the page's
    # count of reads on the dateline's line
    first_train = _analysis("held483_vzglyadaz_20171030_btk_first_freight_train.txt")
    assert first_train.document.date == "2017-10-30"


def test_a_stretch_between_two_places_and_a_branch_a_project_includes_are_stretches() -> None:
    # "Азербайджанская компания «Азер роуд сервис» завершила строительство 29-километрового
    # участка железной дороги от Марабды до Карцахи" (PortNews): the word "сервис" in the
    # builder's quoted name is no carrier, the stretch between two places no whole line;
    # "Проект транспортного коридора Баку-Тбилиси-Карс включает строительство железнодорожной
    # ветки Карс-Ахалкалаки протяженностью 98 км": the branch the project includes is a stretch
    # of it, not another line
    kartsakhi = "held476_portnews_20120621_btk_kartsakhi_29km_98km.txt"
    for written in ("29-километрового", "98 км"):
        stretch = _claim(kartsakhi, written)
        assert (stretch.feature, stretch.scope) == ("btk", "component:участок")


def test_a_percent_of_a_companys_capital_is_an_owners_stake_in_brackets_or_not() -> None:
    # "компании ВР, которая владеет 30% капитала этой второй по протяженности в мире нефтяной
    # трассы" (PortNews): BP's stake, as "British Petroleum (30.1% капитала)" (held269)
    stake = _claim("held478_portnews_20080825_btc_restored_after_fire.txt", "30%")
    assert (stake.scope, stake.layer) == ("actor:owner", None)


def test_a_season_of_a_year_and_the_first_tankers_loading_are_the_pipelines_deadlines() -> None:
    # "заполнение первого танкера в порту Джейхан намечено на начало весны 2006 года"
    # (Turkey.ru) and "Летом 2005 года в эксплуатацию будет введен трубопровод Баку-Джейхан"
    # (held289): a season of a year; the first tanker is when the pipeline starts to deliver,
    # no vessel's figure
    spring = _claim("held479_turkeyru_20051121_btc_oil_crosses_into_turkey.txt", "на начало весны")
    summer = _claim("held289_dw_20050517_btc_summer_2005.txt", "Летом 2005 года")
    for deadline in (spring, summer):
        assert (deadline.kind, deadline.feature, deadline.scope) == ("deadline", "btc", None)
    assert (spring.value, summer.value) == (2006.0, 2005.0)
    first_tanker = _claim("held460_canews_20040604_btc_65pct_950km_2005.txt", "во втором полугодии")
    assert first_tanker.scope is None and first_tanker.layer == "btc_pipeline"
    # "весной 2026 года начнется строительство" would be a start: no deadline
    assert not [item for item in deadlines("Весной 2026 года начнется строительство дороги.", 0, 48)
                if item.kind == "deadline"]  # fmt: skip


def test_the_subjects_kind_named_before_a_figure_outweighs_another_feature_named_after_it() -> None:
    # "строительство трубопровода будет завершено в начале 2005 года, после чего … будут
    # заполняться нефтью трубопровод и терминал в Джейхане" (held460): the pipeline's deadline,
    # not the Ceyhan terminal's named after it
    start = _claim("held460_canews_20040604_btc_65pct_950km_2005.txt", "в начале 2005 года")
    assert (start.feature, start.link) == ("btc", "article subject, its kind named")


def test_money_received_every_year_paid_to_the_budget_or_of_goods_made_is_no_cost() -> None:
    # "турецкая экономика будет ежегодно получать 200 миллионов долларов" (Turkey.ru): a
    # country's income from the pipeline; "выпущено продукции на 260,4 млрд тенге", "Выплаты в
    # бюджет составили 23,6 млрд тенге" (held474): a zone's output and taxes, no investment
    income = "held479_turkeyru_20051121_btc_oil_crosses_into_turkey.txt"
    assert not [claim for claim in _analysis(income).claims if claim.kind == "money"]
    zone = "held474_kazpravda_20180227_aktau_sez_unmapped.txt"
    assert not [claim for claim in _analysis(zone).claims
                if claim.text in ("260,4 млрд тенге", "23,6 млрд тенге")]  # fmt: skip
    # "Казахстан инвестирует 47,6 млрд тенге в контейнерный хаб" stays an investment
    hub = _claim("held235_inform_20251125_aktau_hub_47_6bn_240k_teu.txt", "47,6 млрд тенге")
    assert hub.kind == "money"


def test_a_change_or_a_sum_over_the_last_years_is_counted_up_to_the_pages_year() -> None:
    # "за последние семь лет общий объем перевозок по ТМТМ увеличился почти в пять раз"
    # (held07, 2026) and "увеличились в 6 раз за последние 6 лет" (held175, 2025) both reach
    # back to 2019 but end a year apart; "за пять лет увеличились в семь раз" (held485, 2026)
    # is no window of "с 2019 года … вырос в шесть раз" (held175): none disagree
    fivefold = _claim("held07_report_20260310_tmtm_volumes.txt", "почти в пять раз")
    assert (fivefold.context["since"], fivefold.context["until"]) == (2019, 2026)
    sixfold = _claim("held175_vestikavkaza_20250317_titr_4_5mt_sixfold.txt", "в 6 раз")
    assert (sixfold.context["since"], sixfold.context["until"]) == (2019, 2025)
    corridor = [conflict for conflict in _dev_conflicts()
                if conflict.subject == "middle_corridor/*" and conflict.unit == "x"
                and conflict.role == "reported" and not conflict.claims[0].scope]  # fmt: skip
    assert not [conflict for conflict in corridor
                if {"held07", "held175", "held485"} & {Path(claim.document).name.split("_")[0]
                                                       for claim in conflict.claims}]  # fmt: skip
    # "С 2019 года инвестиции … превысили $4,6 млрд" (held17) and "Инвестиции … составили 30
    # млрд долларов за 10 лет" (held296, 2023): totals since different years
    assert not _conflicts("held17_trend_20260116_middle_corridor_turkmenistan.txt",
                          "held296_railnews_20231130_kuryk_sarzha_2025.txt")
    # "По прогнозным данным, в этом году объемы перевозок вырастут в шесть раз" is a forecast
    forecast = _last_claim("held342_tengrinews_20220511_titr_3_2mt_50k_teu.txt", "в шесть раз")
    assert forecast.role == "target"


def test_the_european_unions_money_for_a_project_is_its_share_not_construction() -> None:
    # "Евросоюз потратит 2,3 млрд евро на проект подводного электрокабеля" (Apsny.ge),
    # "Европейский Союз намерен выделить 2,3 млрд евро на реализацию проекта" (held305): the
    # EU's funding; "Грузия потратит 25 млн лари ($9 млн) на геологические исследования" (held21)
    # stays the survey's money
    for name in ("held472_apsny_20221212_black_sea_cable_eu_2_3bn_eur.txt",
                 "held305_sputnikam_20240627_black_sea_cable_eu_2_3bn_eur.txt"):
        assert _last_claim(name, "2,3 млрд евро").scope == "share:EU"
    survey = _claim("held21_vestikavkaza_20251201_black_sea_cable_survey.txt", "25 млн лари")
    assert survey.scope == "component:исследование"


def test_what_comes_later_after_a_stages_yearly_volume_is_the_next_stage() -> None:
    # "На первом этапе по нему будет перевозиться ежегодно 5 млн. тонн грузов, а в последующем
    # - до 17 млн" (held280): the second stage's yearly volume; "Предполагаемая пропускная
    # способность БТК - миллион пассажиров и 6,5 миллиона тонн грузов в год. В дальнейшем
    # пропускная способность … может быть увеличена до" (held455): the first stage's, no
    # disagreement with held169's peak of 17 million tonnes a year
    later = _claim("held280_turan_20171030_btk_5mt_17mt.txt", "17 млн. тонн")
    assert (later.scope, later.unit) == ("stage:2", "Mt/yr")
    first = _claim("held455_ekhokavkaza_20181101_btk_passengers_q3_2019.txt", "6,5 миллиона тонн")
    assert first.scope == "stage:1"
    assert not _conflicts("held455_ekhokavkaza_20181101_btk_passengers_q3_2019.txt",
                          "held169_kavkazplus_20161108_btk_testing_17mt.txt")


def _of_held504s_first_stage(conflict: Any) -> bool:
    """Whether ``conflict`` holds held504's 10 Mt a year of the Baku port's first stage, which
    the annotation lists as a real disagreement with the 15 Mt a year of other articles."""
    return any("held504_" in claim.document and claim.text == "10 миллионов тонн"
               for claim in conflict.claims)  # fmt: skip


def test_half_a_year_of_no_year_and_shipments_between_two_ports_are_no_ports_volume() -> None:
    # "За первое полугодие перевалка грузов в Бакинском порту составила 2 млн тонн", "За
    # первого полугодие нынешнего года объем перевалки грузов достиг двух миллионов тонн"
    # (held388): half a year, no whole year of another article; "транспортировке нефти из
    # порта Актау в порт Баку, который увеличился на 870 тысяч тонн, достигнув отметки в 990,2
    # тысячи тонн" (held233): shipments between two ports, neither port's handling
    half = "held388_vestiaz_20180711_baku_port_h1_2018.txt"
    for written in ("2 млн тонн", "двух миллионов тонн"):
        assert _claim(half, written).context["period"]["months"] == 6.0
    route = _claim("held233_bizmedia_20231011_aktau_kaztransoil_btc_1_5mt.txt", "990,2 тысячи тонн")
    assert (route.layer, route.link) == (None, "unmapped project (ports' route)")
    assert not [conflict for conflict in _dev_conflicts()
                if conflict.subject == "baku_port/alat" and conflict.kind == "mass"
                and conflict.rule == "value"
                and not _of_held504s_first_stage(conflict)]  # fmt: skip


def test_a_change_since_a_year_up_to_this_day_ends_when_the_page_was_written() -> None:
    # "объем грузоперевозок по Среднему коридору с 2022 года по сегодняшний день уже вырос в
    # четыре раза" (held74, 2025): a window from 2022 to the page's year, no base year a change
    # of no window shares ("В шесть раз выросли грузоперевозки по Транскаспийскому …", held63)
    fourfold = _claim("held74_report_20251127_kos_middle_corridor_fourfold.txt", "в четыре раза")
    assert (fourfold.context["since"], fourfold.context["until"]) == (2022, 2025)
    assert not _conflicts("held74_report_20251127_kos_middle_corridor_fourfold.txt",
                          "held63_ati_20250908_tmtm_sixfold.txt")


def test_a_dateline_of_a_time_a_worded_month_and_a_two_digit_year_is_read() -> None:
    document = _analysis("held492_energyland_20080818_btc_explosion_5_august_2008.txt").document
    assert "\n17:58, 18 Августа 08\n" in document.text and document.date == "2008-08-18"


def test_a_length_said_to_fall_on_a_country_is_that_countrys_section() -> None:
    # "443 км приходится на территорию Азербайджана, 248 км на Грузию и 1076 км на Турцию"
    listed = "held487_newsru_20050524_btc_1767km_3_6bn_usd.txt"
    assert [_claim(listed, written).scope for written in ("443 км", "248 км", "1076 км")] == [
        "section:AZ", "section:GE", "section:TR"]
    assert _claim(listed, "1767 км").scope is None
    # "На Грузию приходится самый короткий участок нефтепровода в 248 км"
    before = _claim("held486_zonakz_20040805_btc_georgia_protests_248km.txt", "248 км")
    assert (before.feature, before.scope) == ("btc", "section:GE")


def test_a_drained_segments_length_a_flames_height_and_a_distance_are_no_line_length() -> None:
    name = "held491_kavkazuzel_20080807_btc_explosion_erzincan_6km.txt"
    # "вся нефть, оставшаяся в трубе до задвижки №30 (длина участка - 6 километров)"
    segment = _claim(name, "6 километров")
    assert (segment.feature, segment.scope) == ("btc", "component:участок")
    # "Пламя возвышалось до 40-50 метров", "газопровода, проходящего всего в 150 метрах от
    # места взрыва": a height and a distance
    found = {claim.text for claim in _analysis(name).claims}
    assert not found & {"40-50 метров", "150 метрах"}
    assert "6 километров" in found


def test_a_volume_a_country_opening_its_sentence_will_export_is_that_countrys_share() -> None:
    # "Казахстан может начать со следующего года экспортировать 1,5 миллиона тонн нефти в год
    # через нефтепровод Баку - Тбилиси - Джейхан (БТД)"
    name = "held493_sputnikaz_20221110_kazakh_oil_btc_1_5mt_6_5mt.txt"
    kazakh = _claim(name, "1,5 миллиона тонн нефти в год")
    assert (kazakh.feature, kazakh.scope) == ("btc", "share:KZ")


def test_a_lenders_loan_or_grant_and_a_package_they_give_are_their_shares() -> None:
    # "Финансовый пакет в размере до 45 миллионов евро, предоставленный ЕБРР и Европейским
    # союзом" and "Финансовый пакет состоит из кредита ЕБРР в размере до 35 миллионов евро"
    arminfo = "held501_arminfo_20251002_aktau_port_ebrd_45m_eur.txt"
    assert _claim(arminfo, "45 миллионов евро").scope == "share:EBRD+EU"
    assert _claim(arminfo, "35 миллионов евро").scope == "share:EBRD"
    # "финансовый пакет в размере до 45 миллионов евро включает кредит ЕБРР (35 млн евро) и
    # возможный грант ЕС (10 млн евро)"
    ladakz = "held502_ladakz_20251002_aktau_port_ebrd_45m_eur_2026.txt"
    assert [(_claim(ladakz, written).feature, _claim(ladakz, written).scope)
            for written in ("45 миллионов евро", "35 млн евро", "10 млн евро")] == [
        ("aktau", "share:EBRD+EU"), ("aktau", "share:EBRD"), ("aktau", "share:EU")]
    # "Евросоюз предоставил порту Актау грант в размере 10 млн евро": a port's sum from a
    # funder keeps the funder's share (a port's cargo from a country does not)
    report = "held503_report_20251202_aktau_port_eu_grant_10m_eur.txt"
    grant = _last_claim(report, "10 млн евро")
    assert grant.scope == "share:EU"
    assert [c.scope for c in _analysis(report).claims if c.text == "10 млн евро"][1] == "share:EU"
    assert _claim(report, "35 млн евро").scope == "share:EBRD"  # "кредит … (ЕБРР) в размере"


def test_what_a_countrys_volume_is_to_be_increased_to_is_its_share_too() -> None:
    # "экспортировать 1,5 миллиона тонн нефти в год через нефтепровод … с дальнейшим
    # увеличением объемов до 6-6,5 миллиона тонн"
    name = "held493_sputnikaz_20221110_kazakh_oil_btc_1_5mt_6_5mt.txt"
    later = _claim(name, "6-6,5 миллиона тонн")
    assert (later.feature, later.scope, later.value_max) == ("btc", "share:KZ", 6.5)


def test_a_sum_a_consortium_pays_in_and_a_grant_of_a_lenders_fund_are_their_shares() -> None:
    # "Трубопровод стоит 3,6 млрд долларов США, из них 1,3 млрд долларов вносит консорциум ВТС"
    name = "held487_newsru_20050524_btc_1767km_3_6bn_usd.txt"
    assert _claim(name, "1,3 млрд долларов").scope == "share:consortium"
    assert _claim(name, "3,6 млрд долларов").scope is None
    # "инвестиционного гранта в размере до 10 миллионов евро в рамках Азиатско-Тихоокеанского
    # инвестиционного фонда ЕС"
    grant = _claim("held501_arminfo_20251002_aktau_port_ebrd_45m_eur.txt", "10 миллионов евро")
    assert grant.scope == "share:EU"


def test_a_lenders_sum_is_the_funded_projects_whatever_topic_word_its_sentence_holds() -> None:
    # "… позволит профинансировать увеличение пропускной способности в порту Актау …
    # Финансовый пакет состоит из кредита ЕБРР в размере до 35 миллионов евро и потенциального
    # инвестиционного гранта в размере до 10 миллионов евро"
    name = "held501_arminfo_20251002_aktau_port_ebrd_45m_eur.txt"
    for written, scope in (("35 миллионов евро", "share:EBRD"), ("10 миллионов евро", "share:EU")):
        claim = _claim(name, written)
        assert (claim.layer, claim.feature, claim.scope) == ("aktau_port", "aktau", scope)


def test_the_deadline_of_all_the_works_is_that_of_the_section_whose_progress_came_before() -> None:
    # "На его участке, проходящем через территорию Азербайджана, выполнено 40% работ по укладке
    # железнодорожных путей и 70% по строительству автомобильной дороги. … Глава государства
    # добавил, что все работы будут завершены в 2024 году" (held508): the Azerbaijani section's
    name = "held508_azerforum_20221214_zangezur_az_40pct_2024.txt"
    deadline = _claim(name, "в 2024 году")
    assert (deadline.layer, deadline.scope) == ("zangezur_corridor", "section:AZ")
    assert _claim(name, "40%").scope == "section:AZ"
    # a deadline with no "все работы" keeps no section ("будет завершено в 2024 году": the
    # corridor's)
    assert _claim("held520_kavkazuzel_20100503_btk_georgia_2012.txt", "в 2012 году").scope is None


def test_a_volume_of_all_the_pipelines_of_a_country_is_no_one_pipelines() -> None:
    # "Транзит сырой нефти по существующим на территории Грузии нефтепроводам в 2010 году
    # составил 42,77 миллиона тонн" (held523, BlackSeaNews): all of them together, not the BTC
    # pipeline's Georgian section, named only in the next sentence; its own 38.55 Mt stays its
    name = "held523_blackseanews_20110110_btc_georgia_transit_2010.txt"
    assert _claim(name, "42,77 миллиона тонн").layer is None
    assert _claim(name, "38,55 миллиона тонн").feature == "btc"
    # a comparison after a comma is the pipeline's again ("… прокачанной по магистральным
    # нефтепроводам Азербайджана, по сравнению с 4,437 миллиона тонн", held427)
    held427 = "held427_trend_20220315_btc_transit_jan_feb_2022_sections.txt"
    assert _claim(held427, "4,437 миллиона тонн").feature == "btc"


def test_a_line_name_that_goes_on_past_the_matched_part_is_not_another_line_by_its_ends() -> None:
    # "протяжённость железной дороги Карс-Игдыр-Аралык-Дилуджу составит 224 километра" (held542,
    # Trend): the gazetteer matches "железной дороги Карс-Игдыр"; "-Аралык-Дилуджу" are the same
    # line's further stops, not the ends of another line
    claim = _claim("held542_trend_20250820_kars_dilucu_224km_15mt.txt", "224 километра")
    assert (claim.layer, claim.feature) == ("zangezur_corridor", "kars-dilucu")
    # another line named by its ends after the name still is one ("Жезказган - Бейнеу
    # протяженностью 988 км и Аркалык - Шубарколь протяженностью 214 км", held143)
    assert _claim(H143, "214 км").link == "unmapped project (a line)"


def test_a_list_of_sections_closed_by_a_genitive_in_a_gives_each_item_its_country() -> None:
    # "76-километровый участок железной дороги проходит по территории Турции, 259-километровый -
    # Грузии, 503-километровый - Азербайджана" (held541, rf-smi.ru): the last item's country
    # ends in "-а", as the Georgian one's in "-и"
    name = "held541_rfsmi_20171030_btk_opening_sections.txt"
    for written, scope in (("259-километровый", "section:GE"), ("503-километровый", "section:AZ")):
        assert _claim(name, written).scope == scope


def test_a_section_of_a_component_is_the_components_wherever_it_lies() -> None:
    # "Один участок тоннеля протяженностью 2375 метров находится на территории Турции" (held541,
    # rf-smi.ru): part of the border tunnel, not the line's Turkish section
    name = "held541_rfsmi_20171030_btk_opening_sections.txt"
    assert _claim(name, "2375 метров").scope == "component:тоннель"
    # the territory of a station is where a work is, no part of the station ("на территории
    # станции Саламмелик … «Работы охватывают 188-километровую железнодорожную линию»", held190)
    held190 = "held190_1news_20251205_nakhchivan_188km_15mt.txt"
    assert _claim(held190, "188-километровую").scope is None


def test_a_year_by_which_the_details_are_to_be_put_on_paper_is_no_deadline_of_the_works() -> None:
    # "До конца этого года мы должны описать все детали на бумаге" (held544, Kazinform) and "до
    # конца текущего года должны быть обсуждены все детали" (held512, 1news.az): talks on the
    # route through Armenia, whose construction is to start in 2026
    for name, written in (
        ("held544_kazinform_20251113_tripp_second_half_2026.txt", "До конца этого года"),
        ("held512_1news_20251112_tripp_second_half_2026.txt", "до конца текущего года"),
    ):
        assert not [c for c in _analysis(name).claims if c.text.startswith(written)]


def test_a_length_laid_between_two_places_is_a_stretch_of_the_line() -> None:
    # "Ушло 10 лет на прокладку от Карса до Ахалкалаки полотна длиной в 105 километров, из
    # которых 76 километров проложены по территории Турции" (held551, Regnum): the new stretch
    # from Kars to Akhalkalaki, not the BTK line's whole length
    name = "held551_regnum_20171030_btk_opening_105km_422m.txt"
    stretch = _claim(name, "105 километров")
    assert (stretch.feature, stretch.scope) == ("btk", "component:участок")
    assert _claim(name, "76 километров").scope == "section:TR"


def test_a_sum_closing_its_sentence_with_no_currency_takes_that_of_the_sum_before_it() -> None:
    # "«первоначально стоимость проекта составляла 422 млн долларов, хотя согласно Баку только
    # Азербайджан вложил в него 640 млн»" (held551, Regnum): 640 million dollars, Azerbaijan's
    name = "held551_regnum_20171030_btk_opening_105km_422m.txt"
    invested = _claim(name, "640 млн")
    assert (invested.kind, invested.value, invested.unit) == ("money", 640_000_000.0, "USD")
    assert (invested.feature, invested.scope) == ("btk", "share:AZ")


def test_figures_linked_to_a_place_named_for_context_conflict_with_nothing() -> None:
    """held569 (Zona.kz, "Астана. 15 ноября. КазТАГ — …"): the tariff "$11,7 за 1 тонну" of a
    route the catalog does not map was linked to the city the agency filed from (a price per
    tonne is now unlinked as a tariff); held42's port cost is linked to the capital. A place
    named for context is no project: no conflict."""
    tariff = _claim("held569_zonakz_20171115_kaztransoil_uzbek_tariff_unmapped.txt", "$11,7")
    assert (tariff.layer, tariff.link) == (None, "unmapped project (a tariff)")
    assert _claim("held42_trend_20251125_aktau_new_port.txt", "300 миллионов").layer == "context"
    assert _conflicts(
        "held42_trend_20251125_aktau_new_port.txt",
        "held569_zonakz_20171115_kaztransoil_uzbek_tariff_unmapped.txt",
    ) == []


def test_a_sentence_between_naming_the_subjects_kind_outweighs_an_older_name() -> None:
    """held460 (CA-News, 2004): "… терминал в Джейхане … работы по строительству нефтепровода
    выполнены на 65%. Из общей протяженности маршрута в 1768 км сварено 950 км труб": the
    sentence between speaks of the pipeline by its kind, so the next sentence's lengths are
    the pipeline's, not the terminal's; 1768 km, named the route's length, is the whole line
    and 950 km of pipe welded is work done."""
    name = "held460_canews_20040604_btc_65pct_950km_2005.txt"
    whole, welded = _claim(name, "1768 км"), _claim(name, "950 км")
    assert (whole.subject, whole.scope, whole.link) == (
        "btc_pipeline/btc", None, "article subject, its kind named"
    )
    assert (welded.subject, welded.scope) == ("btc_pipeline/btc", "construction")


def test_a_further_change_on_top_of_one_before_is_no_growth_from_today() -> None:
    """held532 (Day.Az): "За год объём контейнерных перевозок по нему утроился, а к 2030
    году … может увеличиться ещё в два раза": doubling again after the tripling, counted from
    its end, against held307's "к 2030 году увеличится в 3 раза по сравнению с текущим
    периодом": two measures, no conflict."""
    name = "held532_dayaz_20251101_middle_corridor_containers_tripled.txt"
    assert _claim(name, "в два раза").context["measure"] == "further"
    assert _conflicts(
        "held307_1news_20251021_middle_corridor_presentation.txt", name
    ) == []


def test_a_deadline_of_a_part_built_within_a_corridor_is_not_the_corridors() -> None:
    # "Власти Грузии планируют в 2026 году полностью завершить строительство автодорог, которые
    # в рамках проекта Срединного коридора свяжут Азербайджан и Армению с Турцией" (held623)
    # and "намерены в этом году запустить транспортный автомаршрут, который станет частью
    # Среднего коридора" (held624): Georgia's roads, built within the corridor, finished then;
    # no deadline of the corridor's (they disagreed with held106's 2024)
    roads = _claim("held623_haqqin_20260118_georgia_roads_middle_corridor.txt", "в 2026 году")
    route = _analysis("held624_vestikavkaza_20260116_georgia_roads_middle_corridor.txt").claims
    this_year = [claim for claim in route if claim.text == "в этом году"]
    assert (roads.kind, roads.layer, roads.link) == (
        "deadline", None, "unmapped project (a part built within the whole)")  # fmt: skip
    assert [claim.layer for claim in this_year[:2]] == [None, None]


def test_a_year_after_within_is_a_period_not_a_duration() -> None:
    # "если в 2021 г. срединным коридором (по территории Грузии) проехали 332 070 трейлеров, то в
    # течение 2022 года уже 448 335 машин" (held644): the trucks of that year, no duration of
    # 2,022 years
    name = "held644_caliber_20230124_georgia_trucks_middle_corridor.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "duration"]
    assert not [q for q in quantities("в течение 2022 года уже", 0, 23) if q.kind == "duration"]
    # so many years after it stay a duration
    assert [(q.kind, q.value) for q in quantities("в течение 20 лет", 0, 16)] == [
        ("duration", 20)]


def test_a_clause_cut_inside_a_word_reads_no_scope_from_its_tail() -> None:
    # "Проведение официальной церемонии открытия турецкого участка маршрута нефтепровода
    # Баку-Тбилиси-Джейхан (BTC) и терминала в Джейхане планируется на весну 2006 года"
    # (held642): the clause cut 100 characters before the figure fell inside "турецкого", and
    # "рецкого" was read as a place's adjective ("section:рецкий"); the clause now starts at a
    # whole word (the season itself is no deadline since: a ceremony's, below)
    text = ("Проведение официальной церемонии открытия турецкого участка маршрута нефтепровода "
            "Баку-Тбилиси-Джейхан (BTC) и терминала в Джейхане планируется на весну 2006 года")
    figure = text.index("на весну")
    begin, _ = clause(text, figure, len(text), 0, len(text))
    assert text[begin:].startswith(" участка маршрута")  # 100 characters before: "рецкого"


def test_a_rubric_run_together_with_its_date_is_a_dateline() -> None:
    # "Политика09/12/2021" (held651, nv.am): the rubric's link and the date with nothing between
    # them, alone on their line
    name = "held651_nvam_20211209_meghri_road_unmapped.txt"
    assert _analysis(name).document.date == "2021-12-09"
    # a word run together with a date inside a sentence is no dateline
    text = "Заголовок\n\nВ тексте сказано Политика09/12/2021 и далее.\n"
    assert parse_document(text, "x.txt").date is None


def test_the_btk_line_named_from_its_other_end_and_the_titr_as_tktm_are_found() -> None:
    # "Армения отслеживает ситуацию по строительству железной дороги Карс-Тбилиси-Баку"
    # (held648): the BTK line named from Kars; "Транскаспийского международного транспортного
    # маршрута (ТКТМ)" (held653): the Middle Corridor's abbreviation as that text writes it
    btk = "held648_bizzone_20110126_btk_armenia_watches.txt"
    assert "Карс-Тбилиси-Баку" in [m.text for m in _analysis(btk).mentions if m.feature == "btk"]
    titr = "held653_ritmeurasia_20220318_titr_joint_venture.txt"
    assert [(m.layer, m.feature) for m in _analysis(titr).mentions if m.text == "ТКТМ"] == [
        ("middle_corridor", None)]


def test_a_labelled_date_line_is_a_dateline() -> None:
    # "Дата публикации: 1 декабря 2018" (held663, lazarevsky.club), alone on its line
    name = "held663_lazarevsky_20181201_turkish_stream_unmapped.txt"
    assert _analysis(name).document.date == "2018-12-01"
    text = "Заголовок\n\nОпубликовано: 12.03.2020\n\nТекст статьи.\n"
    assert parse_document(text, "x.txt").date == "2020-03-12"
    # a sentence that names a date after such a word goes on after it: no dateline
    text = "Заголовок\n\nДата публикации: 1 декабря 2018 года перенесена на весну.\n"
    assert parse_document(text, "x.txt").date is None


def test_a_road_described_by_the_countries_it_joins_is_no_mapped_line() -> None:
    # held667 (Day.Az): "дороги, которая соединит Турцию с Азербайджаном … К концу 2030 года
    # практически все основные участки дорог … будут завершены": Georgia's roads, in an
    # article that names no railway; the deadline is no claim of the Kars-Dilucu line
    name = "held667_dayaz_20260208_georgia_roads_2030_unmapped.txt"
    deadlines = [claim for claim in _analysis(name).claims if claim.kind == "deadline"]
    # the lead printed twice, and once more after; its copy cut after "все основные"
    # ('"Согласно нашему плану, к концу 2030 года практически все основные') completes nothing
    assert len(deadlines) == 2
    assert {(claim.value, claim.layer) for claim in deadlines} == {(2030.0, None)}
    # a railway line so described still is (held120: "линия железной дороги … которая
    # соединит Турцию и Нахичевань")
    line = _claim("held120_vz_20230928_kars_nakhchivan_224km_five_years.txt", "224 км")
    assert (line.feature, line.link) == ("kars-dilucu", "route through TR")


def test_a_lines_commissioning_as_a_noun_is_its_opening() -> None:
    # held657 (Kazakhstan Today): "Ввод в эксплуатацию КАТБ, строительство которого обойдется
    # почти в полмиллиарда долларов, запланирован на 2009 год": the opening, the first stage,
    # as "будет сдана в эксплуатацию" is
    deadline = _claim("held657_kt_20071121_btk_422m_usd_2009.txt", "на 2009 год")
    assert (deadline.feature, deadline.value, deadline.scope) == ("btk", 2009.0, "stage:1")


def test_a_month_of_a_named_year_ahead_beside_a_completion_is_a_deadline() -> None:
    # "Железная дорога Баку – Тбилиси - Карс (БТК) будет полностью сдана в эксплуатацию до
    # ноября 2016 года" (held646), "Завершение первого этапа строительства запланировано на
    # декабрь 2014 года" (held279), "Первая фаза строительства … завершится в мае 2018 года"
    # (held122): deadlines of their year
    btk = _claim("held646_kavkazuzel_20151014_btk_november_2016.txt", "до ноября 2016 года")
    assert (btk.feature, btk.value, btk.scope, btk.qualifier) == ("btk", 2016.0, "stage:1", "by")
    aktau = _claim("held279_tengrinews_20141001_aktau_expansion_19_5mt.txt", "на декабрь 2014")
    assert (aktau.feature, aktau.value, aktau.scope) == ("aktau", 2014.0, "stage:1")
    alat = _last_claim("held122_blackseanews_20180208_baku_port_first_phase.txt",
                       "в мае 2018 года")  # fmt: skip
    assert (alat.feature, alat.value, alat.scope) == ("alat", 2018.0, "stage:1")
    # a month gone is a past event with no day, no claim: "Проект введен в эксплуатацию в
    # сентябре 2025 года" (held109), "Паромный комплекс Курык … был введён в эксплуатацию в
    # декабре 2016 года" (held161); nor does "по состоянию на февраль 2026 года" (dev04) date one
    for name, written in (("held109_dayaz_20251218_sp_georgian_railway.txt", "в сентябре"),
                          ("held161_b4mms_20250604_kuryk_restrictions_4mt.txt", "в декабре"),
                          ("dev04_dayaz_20260204_digital_silk_road.txt", "на февраль")):
        assert not [claim for claim in _analysis(name).claims if claim.text.startswith(written)]


def test_a_date_in_brackets_alone_on_its_line_is_a_dateline() -> None:
    # "(30.12.1999)" under a digest's title and main points (held675, caspinfo.org); the
    # reprinted newspaper's "*Независимая газета, 21.12.1999." below it is not the page's date
    name = "held675_caspinfo_19991230_caspian_geopolitics_ng_unmapped.txt"
    assert _analysis(name).document.date == "1999-12-30"
    text = "Заголовок\n\n(5 мая 2021 г.)\n\nТекст статьи.\n"
    assert parse_document(text, "x.txt").date == "2021-05-05"
    # a bracketed date that goes on into a sentence is no dateline
    text = "Заголовок\n\n(30.12.1999) соглашение подписано в Баку.\n"
    assert parse_document(text, "x.txt").date is None


def test_a_year_a_country_plans_to_reach_a_rank_by_is_no_deadline() -> None:
    # "после сдачи в эксплуатацию строящихся ныне на Каспии портов казахстанская нефть начнет
    # транспортироваться по БТД, и что к 2012 году его страна планирует войти в пятерку
    # крупнейших экспортеров нефти" (held689): Kazakhstan's goal, no deadline of the pipeline
    name = "held689_1news_20071214_gul_btc_kazakh_oil.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "deadline"]
    text = "К 2030 году страна планирует войти в число лидеров по транзиту грузов."
    assert not [q for q in deadlines(text, 0, len(text)) if q.kind == "deadline"]
    # a completion by the same year stays one
    text = "Строительство порта будет завершено к 2030 году."
    assert [q.value for q in deadlines(text, 0, len(text)) if q.kind == "deadline"] == [2030.0]


def test_descriptive_names_of_the_black_sea_cable_and_the_ceyhan_terminal_are_mentions() -> None:
    # "подводного кабеля возобновляемой электроэнергии между Румынией и Азербайджаном через
    # Грузию и Черное море", "Черноморского подводного силового кабеля" (held684); "Проект
    # «Подводный кабель Чёрного моря»" (held685)
    cable = ("green_energy_cable", "anaklia-constanta")
    for name, written in [
        ("held684_radiomoldova_20221217_black_sea_cable_agreement.txt",
         "подводного кабеля возобновляемой электроэнергии между Румынией и Азербайджаном"),
        ("held684_radiomoldova_20221217_black_sea_cable_agreement.txt",
         "Черноморского подводного силового кабеля"),
        ("held685_apsny_20251202_black_sea_cable_pmi_status.txt", "Подводный кабель Чёрного моря"),
    ]:  # fmt: skip
        assert [(m.layer, m.feature) for m in _analysis(name).mentions if m.text == written] == [
            cable]
    # "нефтяной терминал в турецком порту Джейхан" (held680), "терминале в порту Джейхан"
    # (held480): the Ceyhan terminal
    for name, written in [
        ("held680_newsruil_20230206_ceyhan_terminal_earthquake.txt",
         "терминал в турецком порту Джейхан"),
        ("held480_rosinvest_20060529_btc_first_oil_ceyhan.txt", "терминале в порту Джейхан"),
    ]:  # fmt: skip
        assert [m.feature for m in _analysis(name).mentions if m.text == written] == [
            "ceyhan_terminal"]


def test_a_ceremony_planned_for_a_season_is_no_deadline() -> None:
    # "Проведение официальной церемонии открытия турецкого участка маршрута нефтепровода
    # Баку-Тбилиси-Джейхан (BTC) и терминала в Джейхане планируется на весну 2006 года после
    # того, как нефть будет доставлена до этого порта" (held642): the works are done before it
    name = "held642_trend_20051124_btc_ceyhan_opening_plan.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "deadline"]


def test_percents_of_a_topic_with_no_project_are_not_compared() -> None:
    # "серьёзное сокращение доли «суэцкого» маршрута в общемировых перевозках нефти …,
    # превышавшей 25%" (held686: the Suez route's share) against "Объем грузов, отправляемых
    # через морские порты Актау и Курык, с начала года увеличился на 12%" (held115): no
    # common base, no conflict
    suez = _claim("held686_fondsk_20240705_israel_eilat_hub_unmapped.txt", "25%")
    assert (suez.kind, suez.subject) == ("percent", "topic:freight_volume")
    assert not _conflicts("held686_fondsk_20240705_israel_eilat_hub_unmapped.txt",
                          "held115_bizmedia_20230901_aktau_kuryk_ports_12pct.txt")


def test_an_iso_date_with_a_mark_before_its_time_is_a_dateline() -> None:
    # "2026-03-21 - 06:34" under the headline (held705, The Kyrgyzstan Time)
    name = "held705_kyrgyzstantime_20260321_cku_railway_2030_unmapped.txt"
    assert _analysis(name).document.date == "2026-03-21"
    found = next(find_dates("2026-03-21 - 06:34"))
    assert (found.date.isoformat(), found.time) == ("2026-03-21", "06:34")
    # a hyphen that opens a range of dates is no mark before a time
    assert [f.date.isoformat() for f in find_dates("2026-03-21 - 2026-03-23")] == [
        "2026-03-21", "2026-03-23"]  # fmt: skip


def test_a_dateline_of_day_and_month_on_the_line_of_a_month_header_takes_its_year() -> None:
    # "date 2021-06 ТБИЛИСИ, 25 июн — Sputnik." (held696, Sputnik Georgia): the collector's
    # header of year and month and the agency's dateline of day and cut month on one line
    name = "held696_sputnikgeorgia_20210625_georgian_railway_btk.txt"
    assert _analysis(name).document.date == "2021-06-25"
    text = "date 2021-06 ТБИЛИСИ, 25 июн — Sputnik. Текст статьи.\n"
    assert parse_document(text, "x.txt").date == "2021-06-25"
    # a header of another month lends the day no year
    text = "date 2021-07 ТБИЛИСИ, 25 июн — Sputnik. Текст статьи.\n"
    assert parse_document(text, "x.txt").date is None


def test_the_growth_of_a_line_between_two_ports_is_neither_ports() -> None:
    # "Объем контейнерных перевозок между портами Туркменбаши (Туркменистан) и Алят
    # (Азербайджан) в первом полугодии 2023 увеличился в 2,9 раза" (held691): the container
    # line's growth, not the Alat port's, and no conflict with held282's doubling of the port's
    name = "held691_atisu_20230723_turkmenbashi_alat_containers.txt"
    growth = _claim(name, "в 2,9 раза")
    assert (growth.layer, growth.link) == (None, "unmapped project (ports' route)")
    assert not [conflict for conflict in _dev_conflicts()
                if conflict.subject == "baku_port/alat" and conflict.kind == "growth"]  # fmt: skip
    # a port's own growth stays the port's
    text = "Грузооборот порта Алят в первом полугодии 2023 года увеличился в 2,9 раза."
    claims = find_claims(parse_document(f"date 2023-07-23\n{text}", "t.txt", "text"))
    assert [(c.layer, c.kind) for c in claims if c.unit == "x"] == [("baku_port", "growth")]


def test_a_capacity_raised_to_a_later_phase_of_the_catalog_is_that_phase() -> None:
    # "ведется работа по увеличению перевалочных мощностей порта с 15 до 25 млн тонн грузов в
    # год" (held708), "поручил увеличить его мощность до 25 млн тонн в год" (held709): the Baku
    # port's 25 Mt/yr, the catalog's phase 2, is the second phase's capacity; the 15 it starts
    # from is the port's as it stands. held708's 25 no longer conflicts with held272's 11.6
    raised = (("held708_korabel_20221006_baku_port_15_to_25mt.txt", "25 млн тонн грузов в год"),
              ("held709_report_20251118_baku_port_15mt_25mt.txt", "25 млн тонн в год"))
    for name, written in raised:
        assert _claim(name, written).scope == "stage:2"
    assert _claim(raised[0][0], "15").scope is None
    assert not [conflict for conflict in _dev_conflicts()
                if conflict.subject == "baku_port/alat" and conflict.kind == "mass"
                and conflict.rule == "value"
                and not _of_held504s_first_stage(conflict)]  # fmt: skip
    # a figure the catalog publishes as no later phase, or one not raised to, takes no stage
    for text in ("Бакинский порт планируют расширить. Его мощность увеличат до 20 млн тонн в год.",
                 "Бакинский порт расширен. Его мощность составляет 25 млн тонн в год."):
        claims = find_claims(parse_document(f"date 2023-07-23\n{text}", "t.txt", "text"))
        assert [(c.layer, c.scope) for c in claims if c.unit == "Mt/yr"] == [("baku_port", None)]


def test_a_ferry_facility_past_a_colon_after_a_capacity_is_not_its_scope() -> None:
    # "На сегодня его производственная мощность составляет 6 млн тонн грузов в год: через
    # паромный комплекс проходят экспортные казахстанские и транзитные товары" (held706): the
    # Kuryk port's capacity, the ferry complex named in the clause that explains it
    claim = _claim("held706_lada_20230621_steinmeier_kuryk_6mt.txt", "6 млн тонн грузов в год")
    assert (claim.layer, claim.scope) == ("kuryk_port", None)
    # a facility named after the figure in its own clause stays its scope
    text = ("Порт Курык принял новые суда. Перевалка 1 млн тонн грузов зафиксирована на "
            "паромном терминале порта Курык.")
    claims = find_claims(parse_document(f"date 2023-07-23\n{text}", "t.txt", "text"))
    assert [c.scope for c in claims if c.unit in ("Mt", "Mt/yr")] == ["component:паромный терминал"]


def test_a_headline_under_a_photo_credited_to_its_agency_is_another_story() -> None:
    # "Железнодорожные пути, архивное фото - Sputnik Таджикистан" / "АБР выделит 2 миллиона
    # долларов на развитие железных дорог в странах ЦАРЭС" (held698): the headline of a story
    # the page links under the photo, not the Aktau port's money
    name = "held698_sputniktj_20190515_aktau_uzbek_transit.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "money"]
    caption = "Порт Актау, архивное фото - Sputnik Казахстан\n"
    linked = "Порт Актау получит 2 миллиона долларов на развитие терминала\n"
    text = f"Заголовок\n\nПорт Актау принял первый поезд.\n{caption}{linked}Поезд ушел.\n"
    assert linked.strip() not in [text[s:e] for s, e in parse_document(text, "x.txt").body_spans]
    # a line of the article's own text under the caption stays: it ends as a sentence ends
    text = text.replace(linked, linked.strip() + ".\n")
    assert linked.strip() + "." in [text[s:e] for s, e in parse_document(text, "x.txt").body_spans]


def test_the_northern_corridor_is_a_project_we_do_not_map() -> None:
    # "«Хотя Северный коридор, проходящий через Россию и Беларусь, все еще обеспечивает 90%
    # перевозок, он постепенно теряет свою долю рынка. Средний коридор, напротив, демонстрирует
    # исключительный рост. В первой половине прошлого года контейнерные перевозки по этому
    # маршруту выросли на 93%»" (held690): the 90% is the route through Russia's; the 93% of
    # the same quotation stays the Middle Corridor's, the first project of ours it names
    name = "held690_1news_20260313_middle_corridor_containers_93pct.txt"
    share = _claim(name, "90%")
    assert (share.layer, share.link) == (None, "unmapped project (Северный коридор)")
    assert _claim(name, "93%").layer == "middle_corridor"


def test_a_project_named_as_the_cause_after_a_figure_is_not_what_it_counts() -> None:
    # "По нашим оценкам, в 2021 году объемы перевозок увеличатся на 5%, и вырастут на 10 и 12%
    # в 2022-2023 годах, поскольку новая линия Баку-Тбилиси-Карс привлечет дополнительные
    # грузы" (held696): the Georgian Railway's freight, which the BTK line brings
    name = "held696_sputnikgeorgia_20210625_georgian_railway_btk.txt"
    assert _claim(name, "12%").layer is None
    text = "Объем перевозок вырастет на 12%, поскольку порт Курык привлечет новые грузы."
    claims = find_claims(parse_document(f"date 2021-06-25\n{text}", "t.txt", "text"))
    assert [(c.value, c.layer) for c in claims] == [(12.0, None)]
    # a name after the figure in its own clause stays its project
    text = "Объем перевозок через порт Курык вырастет на 12%."
    claims = find_claims(parse_document(f"date 2021-06-25\n{text}", "t.txt", "text"))
    assert [(c.value, c.layer) for c in claims] == [(12.0, "kuryk_port")]


def test_a_share_of_a_word_the_excerpt_cuts_is_not_read() -> None:
    # "Было отмечено, что сегодня более 80 процентов тов" (held706, the excerpt's end): what
    # the share is of is cut, so it is not the Kuryk port's
    name = "held706_lada_20230621_steinmeier_kuryk_6mt.txt"
    assert not [claim for claim in _analysis(name).claims if claim.kind == "percent"]
    text = "Порт Курык принял первый поезд. Сегодня более 80 процентов тов"
    claims = find_claims(parse_document(f"date 2023-06-21\n{text}", "t.txt", "text"))
    assert not [c for c in claims if c.kind == "percent"]
    # a share with its whole sentence after it stays
    text = ("Порт Курык принял первый поезд. Сегодня более 80 процентов товаров идут через "
            "порт Курык.")
    claims = find_claims(parse_document(f"date 2023-06-21\n{text}", "t.txt", "text"))
    assert [(c.value, c.layer) for c in claims if c.kind == "percent"] == [(80.0, "kuryk_port")]


def test_an_iso_date_with_a_month_of_one_digit_is_a_dateline() -> None:
    # "2025-9-27 17:42 |" above the standfirst (held726, Rodina.news's reprint of AiF)
    name = "held726_rodina_20250927_rasht_astara_162km_unmapped.txt"
    assert _analysis(name).document.date == "2025-09-27"
    found = next(find_dates("2025-9-27 17:42 |"))
    assert (found.date.isoformat(), found.time) == ("2025-09-27", "17:42")
    # a month of two digits that no calendar has is still no date
    assert not list(find_dates("2025-13-27"))


def test_the_alat_port_and_the_black_sea_cable_by_their_long_names() -> None:
    # "был сдан в эксплуатацию Алятский международный морской торговый порт" (held716): the
    # Alat port's full name as the Baku port's is written, with "Алятский" for "Бакинский"
    port = _analysis("held716_armeniaaz_20200703_alat_port_15mt_1m_containers.txt")
    assert [(m.feature, m.text) for m in port.mentions if m.layer == "baku_port"] == [
        ("alat", "Алятский международный морской торговый порт")]  # fmt: skip
    # "для реализации проекта "Черноморский подводный кабель"" (held720), "проекта
    # Черноморского подводного кабеля" (held721), the cable named with no word for its power
    for name, written in (
        ("held720_report_20240903_black_sea_energy_jv_bucharest.txt",
         "Черноморский подводный кабель"),
        ("held721_neftegaz_20240904_black_sea_energy_jv.txt", "Черноморского подводного кабеля"),
    ):  # fmt: skip
        cable = _analysis(name).mentions
        assert ("anaklia-constanta", written) in {(m.feature, m.text) for m in cable}


def test_the_alat_port_capacities_at_its_opening_and_raised_to_its_second_phase() -> None:
    # "был сдан в эксплуатацию Алятский международный морской торговый порт грузоперевалочной
    # способностью 15 миллионов тонн грузов … В будущем возможности порта могут быть увеличены
    # до 25 миллионов тонн грузов" (held716): the port's capacity as it stands, and the second
    # phase's (the catalog's 25 Mt/yr) raised to, though neither says "в год"
    name = "held716_armeniaaz_20200703_alat_port_15mt_1m_containers.txt"
    opening, later = _claim(name, "15 миллионов тонн"), _claim(name, "25 миллионов тонн")
    assert (opening.feature, opening.unit, opening.scope) == ("alat", "Mt", None)
    assert (later.feature, later.unit, later.scope) == ("alat", "Mt", "stage:2")


def test_a_volume_at_a_lines_opening_is_no_figure_of_the_catalogs_capacities() -> None:
    # "с открытием железой дороги БТК по ней планируется транспортировать 3 млн тонн грузов в
    # год" (held718): the first years' freight, a measure of its own, not against the catalog's
    # 5, 6.5 or 17 Mt a year
    name = "held718_cfts_20160713_btk_2016_3mt_17mt.txt"
    opening = _claim(name, "3 млн тонн")
    assert (opening.feature, opening.unit, opening.context.get("measure")) == (
        "btk", "Mt/yr", "at opening")  # fmt: skip
    assert [conflict for conflict in _conflicts(name) if conflict.rule == "catalog"] == []


def test_a_number_and_more_before_its_scale_word_referred_back_to_a_yearly_rate() -> None:
    # "по ней планируется транспортировать 3 млн тонн грузов в год, но этот показатель за
    # короткое время может возрасти до 17 и более миллионов тонн" (held718): 17 million tonnes
    # or more ("и более" between the number and "миллионов"), a year's as "этот показатель"
    # says, the 3 Mt a year before it in the sentence
    name = "held718_cfts_20160713_btk_2016_3mt_17mt.txt"
    later = _claim(name, "17 и более миллионов тонн")
    assert (later.feature, later.value, later.unit) == ("btk", 17.0, "Mt/yr")


def test_money_for_a_corridor_whose_key_element_is_named_is_the_elements() -> None:
    # "(ЕБРР) выделил 45 миллионов евро на развитие Транскаспийского транспортного коридора,
    # ключевым элементом которого является порт Актау" (held713): the Aktau port's money
    money = _claim("held713_vestiaz_20251003_aktau_port_ebrd_45m_eur.txt", "45 миллионов евро")
    assert (money.layer, money.feature) == ("aktau_port", "aktau")


def test_a_sentence_whose_whole_names_its_key_element_is_about_the_element() -> None:
    # "… на развитие Транскаспийского транспортного коридора, ключевым элементом которого
    # является порт Актау …. Эти меры позволят удвоить пропускную способность по контейнерам"
    # (held713): the figure borrowed from that sentence is the port's, not the corridor's
    growth = _claim("held713_vestiaz_20251003_aktau_port_ebrd_45m_eur.txt", "удвоить")
    assert (growth.layer, growth.feature, growth.value) == ("aktau_port", "aktau", 2.0)


def test_a_place_in_brackets_after_a_ports_city_is_one_mention() -> None:
    # "между портами Туркменбаши и Баку (Алят)" (held740, held741): the Baku port at Alat,
    # named once; an abbreviation in brackets stays a mention of its own ("(БТД)", dev11)
    for name in ("held740_turkmenistanlive_20260128_turkmenbashi_baku_ports_talks.txt",
                 "held741_minval_20260127_turkmenbashi_baku_ports_meeting.txt"):  # fmt: skip
        alat = [m.text for m in _analysis(name).mentions if m.feature == "alat"]
        assert "Баку (Алят)" in alat and "Алят" not in alat, name
    btc = [m.text for m in _analysis("dev11_haqqin_20250816_btc_azertrans.txt").mentions]
    assert "БТД" in btc


def test_the_middle_transit_corridor_is_the_middle_corridor() -> None:
    # "меры по развитию Среднего транзитного коридора и мультимодальных перевозок" (held741)
    name = "held741_minval_20260127_turkmenbashi_baku_ports_meeting.txt"
    corridor = [m for m in _analysis(name).mentions if m.text == "Среднего транзитного коридора"]
    assert [(m.layer, m.feature) for m in corridor] == [("middle_corridor", None)]


def test_a_sum_its_clause_calls_a_tariff_is_no_figure_of_the_port() -> None:
    # "разница между тарифом при фрахтовании нашими операторами вагонов составляет от 10 до
    # 15 долларов" (held743, KTZ on the Aktau port): a freight tariff, no cost of the port
    tariff = _claim("held743_ladakz_20251017_aktau_grain_restriction_ktzh.txt", "10 до 15 долларов")
    assert (tariff.layer, tariff.link) == (None, "unmapped project (a tariff)")


def test_a_bypass_lines_length_is_the_bypass_not_the_corridor() -> None:
    # "для строительства 130-километровой электрифицированной железнодорожной обходной линии
    # вокруг Алматы" (held729, the Middle Corridor's money): the bypass's length
    length = _claim("held729_report_20260114_ifc_300m_usd_almaty_bypass.txt", "130-километровой")
    assert (length.layer, length.scope, length.value) == (
        "middle_corridor", "component:обходная линия", 130.0)


def test_a_ukrainian_dateline_with_its_word_for_the_year_and_a_time_dates_the_page() -> None:
    # "10 серпня 2019 року, 09:15" under the headline (held747, Fixygen): "року" is the
    # Ukrainian "года", so the whole line is the dateline
    document = _analysis("held747_fixygen_20190810_georgian_railway_h1_2019_unmapped.txt").document
    assert (document.date, document.date_evidence) == ("2019-08-10", "10 серпня 2019 року, 09:15")


def test_containers_raised_to_the_catalogs_second_phase_are_that_phases() -> None:
    # "В результате планируемого расширения порта перевалка вырастет до 25 млн тонн, перевалка
    # контейнеров — до 500 тыс. TEU" (held757, RUPEC, after "второй фазы Бакинского порта"):
    # the catalog's phase 2 is 25 Mt a year including 500,000 TEU, so both are stage 2's
    name = "held757_rupec_20230811_baku_port_fertilizer_terminal_2_5mt_25mt_500k_teu.txt"
    for written in ("25 млн тонн", "500 тыс. TEU"):
        claim = _claim(name, written)
        assert (claim.feature, claim.scope) == ("alat", "stage:2"), written
    # containers raised to a figure that is no phase's take no stage: "его пропускная
    # способность уже сейчас может быть увеличена до 150 тысяч TEU" (held71)
    raised = _claim("held71_trend_20260105_ady_2025_results.txt", "150 тысяч TEU")
    assert (raised.feature, raised.scope) == ("alat", None)


def test_a_unit_written_alone_before_a_dash_is_the_unit_of_the_figure_after_it() -> None:
    # "по завершении второй фазы, мощности перевалки составят 25 миллионов тонн, а перевалки
    # контейнеров TEU — 500 тысяч" (held757, RUPEC): 500,000 TEU of the Baku port's phase 2
    name = "held757_rupec_20230811_baku_port_fertilizer_terminal_2_5mt_25mt_500k_teu.txt"
    teu = _claim(name, "500 тысяч")
    assert (teu.kind, teu.value, teu.unit) == ("containers", 500000.0, "TEU")
    assert (teu.feature, teu.scope) == ("alat", "stage:2")


def test_a_credited_caption_over_a_linked_headline_is_not_the_articles_text() -> None:
    # "Строительство железной дороги Баку-Тбилиси-Карс - Sputnik Азербайджан" / "Баку поможет
    # защитить от пиратов идущие из Китая в Турцию грузы" (held753): a story the page links,
    # its caption no mention of the article's; the line of the BTK line the article names stays
    analysis = _analysis("held753_sputnikaz_20171025_btk_first_freight_train_82_containers.txt")
    text = analysis.document.text
    caption = text.index("Строительство железной дороги Баку-Тбилиси-Карс - Sputnik")
    assert not [m for m in analysis.mentions if caption <= m.start < caption + 70]
    corridor = text.index("коридору Баку-Тбилиси-Карс")
    assert [m.feature for m in analysis.mentions if corridor <= m.start < corridor + 30] == ["btk"]
    # a credited caption with a sentence of the article under it is the article's own photo's:
    # "Аскар Мамин посещает порт Курык - Sputnik Казахстан" (held140) names the Kuryk port
    kuryk = _analysis("held140_sputnikkz_20170629_kuryk_400kt.txt")
    own = kuryk.document.text.index("Аскар Мамин посещает порт Курык - Sputnik")
    assert [m.feature for m in kuryk.mentions if own <= m.start < own + 40] == ["kuryk"]


@pytest.mark.parametrize(("name", "written"), [
    ("held483_vzglyadaz_20171030_btk_first_freight_train.txt",
     "Бакинского международного порта"),
    ("held272_transukr_20131107_alat_port_11_6mt.txt",
     "Бакинском международном торговом морском порту"),
    ("held568_1news_20071105_alat_port_400m_2011.txt",
     "Бакинского морского международного торгового порта"),
    ("held468_mediaaz_20180514_baku_port_opening_fleet.txt",
     "Бакинского международного морского торгового портового комплекса"),
    ("held504_rosbalt_20131205_btk_2014_alat_port_10mt.txt", "морского торгового порта в Аляте"),
    ("held541_rfsmi_20171030_btk_opening_sections.txt",
     "морского торгового порта в поселке Алят"),
])
def test_the_baku_port_is_named_with_its_adjectives_in_any_order_or_by_its_place(
    name: str, written: str
) -> None:
    # the port's name with one to three of "международный", "морской", "торговый" in the order
    # an outlet writes them, its "портовый комплекс", or a sea trade port "в Аляте", "в поселке
    # Алят": the Baku port at Alat
    found = [m.feature for m in _analysis(name).mentions if m.text == written]
    assert found and set(found) == {"alat"}, name


@pytest.mark.parametrize(("name", "written", "feature"), [
    ("held285_kunuz_20240807_caspian_cable_2_5gw.txt",
     "глубоководному кабелю по дну Каспия", "caspian"),
    ("held297_spotuz_20240501_caspian_cable_terms_of_reference.txt",
     "глубоководный кабель по дну Каспийского моря", "caspian"),
    ("held509_report_20251116_digital_silk_road_aliyev.txt",
     "электрического кабеля по дну Каспия", "caspian"),
    ("held294_interfaxua_20230109_black_sea_cable_75m_usd.txt",
     "подводной линии электропередачи по дну Черного моря", "anaklia-constanta"),
    ("held298_bizzone_20240522_black_sea_cable_35m_usd.txt",
     "подводного черноморского кабеля", "anaklia-constanta"),
    ("held305_sputnikam_20240627_black_sea_cable_eu_2_3bn_eur.txt",
     "электрокабеля из Азербайджана в Румынию", "anaklia-constanta"),
    ("held376_report_20251024_black_sea_cable_regulators.txt",
     "подводного электрического кабеля через Черное море", "anaklia-constanta"),
])
def test_an_energy_cable_described_by_its_kind_and_its_sea_is_that_sea_cable(
    name: str, written: str, feature: str
) -> None:
    # a deep-water or electric cable on the Caspian's bottom is the green energy cable (a
    # plain "кабель по дну Каспия" may be the fibre-optic line: not read as either); an
    # underwater power line or electric cable across the Black Sea is the Black Sea cable
    found = [m.feature for m in _analysis(name).mentions if m.text == written]
    assert found and set(found) == {feature}, name


def test_a_capacity_that_will_rise_to_the_catalogs_second_phase_is_that_phases() -> None:
    # "На последующих этапах возможности возрастут до 25 млн тонн сухих гру…" (held504, the
    # Baku port at Alat, cut there): the catalog's phase 2 capacity, stage 2
    rise = _claim("held504_rosbalt_20131205_btk_2014_alat_port_10mt.txt", "25 млн тонн")
    assert (rise.feature, rise.scope) == ("alat", "stage:2")


def test_a_year_said_after_a_figure_joined_by_and_in_digits_is_both_figures_rate() -> None:
    # "По завершении первого этапа возможности по транспортировке составят 10 миллионов тонн
    # грузов и 50 тысяч контейнеров крупного объема в год" (held504): 10 Mt a year
    first = _claim("held504_rosbalt_20131205_btk_2014_alat_port_10mt.txt", "10 миллионов тонн")
    assert (first.unit, first.feature, first.scope) == ("Mt/yr", "alat", "stage:1")


def test_two_terminals_of_one_port_for_different_cargo_are_two_components() -> None:
    # "в 2015 г. закончится строительство сухогрузного терминала нового порта" (held272) and
    # "Терминал для перевалки удобрений … планируют запустить в Бакинском порту в текущем году"
    # (held757): the Baku port's dry-cargo and fertilizer terminals, no one deadline
    dry = _claim("held272_transukr_20131107_alat_port_11_6mt.txt", "в 2015 г.")
    name = "held757_rupec_20230811_baku_port_fertilizer_terminal_2_5mt_25mt_500k_teu.txt"
    fertilizer = _claim(name, "в текущем году")
    assert (dry.scope, dry.context["component"]) == ("component:терминал", "сухогрузный")
    assert (fertilizer.scope, fertilizer.context["component"]) == (
        "component:терминал", "удобрение")
    assert "deadline" not in _conflict_kinds("held272_transukr_20131107_alat_port_11_6mt.txt", name)


def test_a_figure_whose_sentence_names_what_the_catalog_does_not_map_is_not_borrowed() -> None:
    # "В то же время, объем отправки в порт Махачкала снизился на 5,9 тысячи тонн и составил
    # 1 494,6 тысячи тонн" (held233, after the Aktau port's shipments to Baku): a port no
    # feature of the catalog is, nearer the figure than the Aktau port named before
    name = "held233_bizmedia_20231011_aktau_kaztransoil_btc_1_5mt.txt"
    for written in ("5,9 тысячи тонн", "1 494,6 тысячи тонн"):
        assert (_claim(name, written).layer, _claim(name, written).link) == (
            None, "unmapped project (another port)")  # fmt: skip
    # a port of ours named so stays ours: "заполнение первого танкера в порту Джейхан намечено
    # на начало весны 2006 года" (the BTC line's terminal, held479)
    start = _claim("held479_turkeyru_20051121_btc_oil_crosses_into_turkey.txt", "на начало весны")
    assert start.layer == "btc_pipeline"
    # ports in the plural, a figure borrowing the corridor named the sentence before: "К 2028
    # году планируется увеличить пропускную способность портов на 50%" (held350), "через
    # порты Казахстана в направлении Азербайджана, составил 1,9 млн тонн" (held643),
    # "Грузооборот казахстанских морских портов вырос на 12%" (held115)
    for name, written in (
        ("held350_sputnikkz_20240522_caspian_ports_plan_2028.txt", "50%"),
        ("held643_sputnikaz_20220908_titr_8m_2022_1_3mt.txt", "1,9 млн тонн"),
    ):
        assert (_claim(name, written).layer, _claim(name, written).link) == (
            None, "unmapped project (several ports)")  # fmt: skip
    claims = _analysis("held115_bizmedia_20230901_aktau_kuryk_ports_12pct.txt").claims
    several = "unmapped project (several ports)"
    ports = [claim for claim in claims if claim.text == "12%" and claim.link == several]
    assert len(ports) == 1 and ports[0].layer is None
    # gas pipelines in an article on the BTC oil pipeline: "по магистральным газопроводам было
    # транспортировано 2 млрд. кубометров газа, что на 4,9% меньше" (held121)
    gas = _claim("held121_moysu_20190125_btc_january_2019.txt", "4,9%")
    assert (gas.layer, gas.link) == (None, "unmapped project (a gas pipeline)")
    # a road in a port's article: "дорога протяженностью в 27 километров до поселка Курык"
    road = _claim("held102_kuryk_20171206_auto_ferry_6mt.txt", "27 километров")
    assert (road.layer, road.link) == (None, "unmapped project (a road)")


def test_a_road_in_an_article_that_names_no_railway_is_no_project_of_ours() -> None:
    # "Являясь одной из составных частей Зангезурского коридора, строительство дороги Горадиз -
    # Джебраил - Зангилан - Агбенд завершено на 95%. Протяженность дороги составляет 123,6 км"
    # (held449, a highway): the article names no railway, so its "дорога" is a road, not the
    # corridor the quotation names as its whole
    name = "held449_caliber_20251106_horadiz_zangilan_highway_unmapped.txt"
    for claim in (_last_claim(name, "95%"), _claim(name, "123,6 км")):
        assert (claim.layer, claim.link) == (None, "unmapped project (a road)")


def test_a_road_named_right_after_a_figure_is_what_it_measures() -> None:
    # "выполнено 40% работ по укладке железнодорожных путей и 70% по строительству
    # автомобильной дороги" (held508): the 70% is the road's, the 40% still the corridor's
    name = "held508_azerforum_20221214_zangezur_az_40pct_2024.txt"
    road, rail = _claim(name, "70%"), _claim(name, "40%")
    assert (road.layer, road.link) == (None, "unmapped project (a road)")
    assert rail.layer == "zangezur_corridor"
    # "Также в этом году намечается завершение создания трассы Батуми – Сарпи" (held624,
    # after the Middle Corridor's roads in Georgia): the road's deadline
    deadline = _last_claim("held624_vestikavkaza_20260116_georgia_roads_middle_corridor.txt",
                           "в этом году")  # fmt: skip
    assert (deadline.layer, deadline.link) == (None, "unmapped project (a road)")


def test_a_borrowed_figure_goes_on_about_the_unmapped_project_of_the_sentence_before() -> None:
    # "… строительство дороги Горадиз - Джебраил - Зангилан - Агбенд завершено на 95%.
    # Протяженность дороги составляет 123,6 км и состоит из двух участков. Участок 78,5 км
    # состоит из 6 полос" (held449): the road's, not the corridor's named two sentences back
    road = _claim("held449_caliber_20251106_horadiz_zangilan_highway_unmapped.txt", "78,5 км")
    assert (road.layer, road.link) == (None, "unmapped project (a road)")
    # "увеличить пропускную способность портов на 50%. Также в 3 раза увеличится пропуск
    # контейнеров" (held350)
    ports = _claim("held350_sputnikkz_20240522_caspian_ports_plan_2028.txt", "в 3 раза")
    assert (ports.layer, ports.link) == (None, "unmapped project (several ports)")
    # a sentence about both is not: "Замминистра отметил, что полное введение в эксплуатацию
    # обеих транспортных артерий планируется до конца следующего года" (held91, after the
    # road's 95%): still the Horadiz-Aghband line's
    both = _claim("held91_report_20251223_gummetov_horadiz_69pct.txt",
                  "до конца следующего года")  # fmt: skip
    assert both.subject == "zangezur_corridor/horadiz-aghband"


def test_a_name_in_the_cause_of_a_change_is_not_borrowed_by_the_next_sentence() -> None:
    # "На 58%, или до 2,1 млн тонн, выросла перевалка нефти за счет переориентации экспорта
    # казахстанской нефти на маршрут «Баку – Тбилиси – Джейхан». ТНа 87% увеличился объем
    # перевозки металла" (held114, the Aktau port's handling): the BTC line caused the first
    # change; the next sentence borrows the port named before it
    metal = _claim("held114_zk_20230905_aktau_port_7m_2023.txt", "87%")
    assert (metal.subject, metal.link) == ("aktau_port/aktau", "previous sentence")


def test_the_western_route_export_pipeline_to_supsa_is_an_unmapped_project() -> None:
    # "По нефтепроводу Баку-Тбилиси-Джейхан (BTC) в прошлом году был осуществлен транзит в
    # 38,55 миллиона тонн сырой нефти, западным маршрутом по экспортному трубопроводу (WREP) в
    # терминал Супса было перевезено 4,22 миллиона тонн сырой нефти" (held523): the Baku-Supsa
    # line's, not the BTC line's named before it in the sentence
    supsa = _claim("held523_blackseanews_20110110_btc_georgia_transit_2010.txt", "4,22 миллиона")
    assert supsa.layer is None and str(supsa.link).startswith("unmapped project (")
    btc = _claim("held523_blackseanews_20110110_btc_georgia_transit_2010.txt", "38,55 миллиона")
    assert btc.subject == "btc_pipeline/btc"


def test_a_distance_in_a_direction_from_a_place_is_no_length() -> None:
    # "на Сангачальском терминале, расположенном в 55 км южнее Баку" (held641): where the
    # terminal stands, no length of it, as "в 150 метрах от места взрыва" already was
    name = "held641_ng_20050525_btc_azerbaijani_section_ceremony.txt"
    assert not [claim for claim in _analysis(name).claims if claim.text.startswith("55 км")]


def test_an_unmapped_project_named_right_after_a_figure_in_its_clause_is_its_own() -> None:
    # "… был скорее факультативным и малоокупаемым маршрутом регионального значения – 80 %
    # сухопутной торговли между Азией и Европой проходило по Северному коридору" (held513): the
    # Northern Corridor's share, not the Middle Corridor's named at the sentence's start
    share = _claim("held513_knews_20240801_middle_corridor_forbes.txt", "80 %")
    assert (share.layer, share.link) == (None, "unmapped project (Северный коридор)")


def _deadline_texts(name: str) -> list[str]:
    """The deadline claims of article ``name``, as written."""
    return [claim.text for claim in _analysis(name).claims if claim.kind == "deadline"]


def test_a_term_in_a_sentence_that_builds_or_completes_nothing_is_no_deadline() -> None:
    # "До конца 2027 года качественной связью планируется обеспечить более 3 тысяч сел"
    # (held339) and "рассчитывает к 2030 году увеличить объёмы генерации" (held586): terms of
    # other plans, said beside the fiber line and the energy corridor
    assert "До конца 2027 года" not in _deadline_texts("held339_otyrar_20260304_kaspiy_vols.txt")
    name = "held586_ixbtuz_20260307_caspian_green_corridor_seminar.txt"
    assert "к 2030 году" not in _deadline_texts(name)
    # "Новая магистраль войдет в эксплуатацию к концу 2016 года" (held193): into service
    put_in_service = _claim("held193_opendemocracy_20151102_btk_end_2016.txt", "к концу 2016 года")
    assert (put_in_service.kind, put_in_service.value) == ("deadline", 2016.0)
    # "планируется строительство морского терминала «Саржа» к 2025 году" (held370): a build
    name = "held370_kazinform_20221019_aktau_hub_215k_teu_sarzha_2025.txt"
    sarzha = [claim.value for claim in _analysis(name).claims
              if claim.kind == "deadline" and claim.feature == "kuryk"]  # fmt: skip
    assert sarzha == [2025.0]


def test_a_term_stays_the_horizon_of_its_sentences_figure() -> None:
    # "Согласно прогнозам, к 2030 году грузопотоки по этому направлению могут утроиться"
    # (held306): the year is no deadline (nothing built) but stays the growth's horizon
    name = "held306_baq_20251021_middle_corridor_tripling_2030.txt"
    tripling = _claim(name, "утроиться")
    assert (tripling.role, tripling.value) == ("target", 3.0)


def test_a_completion_typed_with_latin_lookalike_letters_is_read() -> None:
    # "Стpоительство КАТБ, котоpое начнется в ближайшие месяцы и завеpшится к 2010 году"
    # (held490): its "р" are Latin "p"; the completion is read all the same
    deadline = _claim("held490_newdaynews_20070207_btk_agreement_2010.txt", "к 2010 году")
    assert (deadline.kind, deadline.value, deadline.feature) == ("deadline", 2010.0, "btk")
    assert "завершиться" in lemmas("завеpшится")


def test_a_year_whose_clause_denies_its_verb_is_no_deadline() -> None:
    # "В будущем году Армения не планирует восстанавливать инфраструктуру, необходимую для
    # запуска Зангезурского коридора" (held647): no plan, so no deadline of the corridor
    name = "held647_vestikavkaza_20251022_zangezur_armenia_budget.txt"
    assert "В будущем году" not in _deadline_texts(name)
    text = "Строительство дороги не будет завершено в 2026 году."
    assert not [q for q in deadlines(text, 0, len(text)) if q.kind == "deadline"]
    # the same clause without "не" keeps its deadline
    text = "Строительство дороги будет завершено в 2026 году."
    assert [q.value for q in deadlines(text, 0, len(text)) if q.kind == "deadline"] == [2026.0]


def test_a_percent_after_a_noun_of_change_set_off_or_joined_to_a_change_is_a_growth() -> None:
    # "а наибольший рост — 53% — отмечается в перевалке нефти", "Наиболее значительное
    # увеличение (53%) наблюдается в сегменте нефтеперевозок" (held115) and "вырастут на 10 и
    # 12% в 2022-2023 годах" (held696): sizes of a change, no shares
    name = "held115_bizmedia_20230901_aktau_kuryk_ports_12pct.txt"
    assert {claim.kind for claim in _analysis(name).claims if claim.text == "53%"} == {"growth"}
    rise = _claim("held696_sputnikgeorgia_20210625_georgian_railway_btk.txt", "12%")
    assert (rise.kind, rise.value) == ("growth", 12.0)
    # a share so set off stays one
    text = "Доля транзита — 53% от общего объема."
    assert [(q.kind, q.value) for q in quantities(text, 0, len(text))] == [("percent", 53.0)]


def test_a_completion_said_as_done_is_no_deadline() -> None:
    # "Нефтепровод был запущен летом 2006 года" (held539) and "в текущем году завершено
    # строительство вторых путей участка "Достык – Мойынты"" (held150): done, no plan
    assert "летом 2006 года" not in _deadline_texts("held539_mk_20080808_btc_explosion_1767km.txt")
    dostyk = "held150_baq_20250905_dostyk_moyynty_fivefold.txt"
    assert "в текущем году" not in _deadline_texts(dostyk)
    text = "Строительство вторых путей завершено в 2026 году."
    assert not [q for q in deadlines(text, 0, len(text)) if q.kind == "deadline"]
    # in the future, or planned, it is one
    for text in ("Строительство вторых путей будет завершено в 2026 году.",
                 "Строительство вторых путей планируется завершить в 2026 году.",
                 "Ожидается, что строительство завершено будет летом 2026 года."):
        assert [q.value for q in deadlines(text, 0, len(text)) if q.kind == "deadline"] == [2026.0]


def test_a_percent_of_a_change_after_it_is_no_share_of_the_project() -> None:
    # "Посредством этого трубопровода будет обеспечиваться 25% роста спроса нефти в мире"
    # (held460): a share of the world's demand growth, no share or progress of the pipeline;
    # the progress of its construction stays
    name = "held460_canews_20040604_btc_65pct_950km_2005.txt"
    assert not [claim for claim in _analysis(name).claims if claim.text == "25%"]
    assert _claim(name, "65%").scope == "construction"


def test_a_two_digit_years_date_with_its_time_in_brackets_opening_a_line_dates_the_page() -> None:
    # "05.08.04.[09:49] Министерство охраны окружающей среды …" (held785, RosInvest): the
    # bracketed clock makes the two-digit year's date a stamp, though the text runs on after it
    document = _analysis("held785_rosinvest_20040805_btc_borjomi_resumed.txt").document
    assert (document.date, document.date_evidence) == ("2004-08-05", "05.08.04")


def test_a_ports_oil_tonnage_is_not_compared_with_all_it_handled() -> None:
    # "В 2012 году порт перевалил 1,4 миллиона тонн нефтеналивных грузов против 1,74 миллиона
    # тонн в 2011 году", "1,99 миллиона тонн нефти и нефтепродуктов" (held758, Trend): the Baku
    # port's oil, with the figure set against it; held218's 6.7 Mt of 2011 is all it handled
    name = "held758_trend_20130227_baku_port_oil_cargo_60kt_2012_1_4mt.txt"
    for written in ("60 тысяч тонн", "1,4 миллиона тонн", "1,74 миллиона тонн", "1,99 миллиона"):
        assert _claim(name, written).context.get("cargo") == "нефть", written
    other = "held218_trend_20121008_baku_port_9m_2012.txt"
    assert "cargo" not in _claim(other, "6,7 миллиона тонн").context
    assert "mass" not in _conflict_kinds(name, other)


def test_a_trains_route_length_is_no_ports_length() -> None:
    # "общая протяженность маршрута состава … составляет 8,693 тысяч километров" (held761,
    # Mor-vesti, the train shipped through the Baku port), "протяженность маршрута составляет
    # 4 186 километров" (held764, BlackSeaNews, by the Kuryk ferry), "Маршрут длиной четыре с
    # лишним тысячи километров" (held387): a run of kilometres is the train's, no port's
    for name, written in (
        ("held761_morvesti_20201219_turkish_train_xian_btk_baku_port.txt", "8,693 тысяч"),
        ("held764_blackseanews_20180123_urumqi_train_kuryk_baku.txt", "4 186 километров"),
        ("held387_migoff_20150915_first_container_train_baku.txt", "тысячи километров"),
    ):
        claim = _claim(name, written)
        assert (claim.kind, claim.layer, claim.feature) == ("length", None, None), name
    # a port's own length in metres stays the port's (held173's berths, "примерно 2100 метров")
    berth = _claim("held173_regionplus_20180515_baku_port_opening_15mt.txt", "2100 метров")
    assert berth.layer == "baku_port"


def test_a_lender_giving_a_sum_as_the_subject_of_its_sentence_is_that_sums_share() -> None:
    # "ЕС оказывает поддержку Бакинскому порту в Аляты в размере 1 млн. евро на расширение
    # операционных возможностей" (held759, Turan): the EU's part of the port's funding
    claim = _claim("held759_turan_20180316_baku_port_eu_support_1m_eur.txt", "1 млн. евро")
    assert (claim.layer, claim.scope, claim.value) == ("baku_port", "share:EU", 1_000_000.0)


def test_a_percent_made_an_adjective_of_a_change_is_the_changes_size() -> None:
    # "В январе наблюдалось 50-процентное снижение перевалки нефти и нефтепродуктов" (held758,
    # Trend): the Baku port's fall of 50 %, as "на 50 процентов ниже" before it
    name = "held758_trend_20130227_baku_port_oil_cargo_60kt_2012_1_4mt.txt"
    claim = _claim(name, "50-процентное")
    assert (claim.kind, claim.value, claim.unit, claim.layer) == ("growth", 50.0, "%", "baku_port")
    # a percent adjective before no noun of change is no change ("50-процентная доля")
    assert not [item for item in quantities("50-процентная доля", 0, 18) if item.kind == "growth"]


def test_a_sentence_whose_figures_are_a_projects_names_no_countrys_traffic() -> None:
    # "Протяженность нефтепровода — около 1 тыс. 800 километров; из них по территории Грузии
    # проходит 247 километров …. Пропускная способность нефтепровода составляет 50 млн. тонн
    # нефти в год" (held619): the sentence before gives its lengths to the BTC pipeline, so
    # "по территории Грузии" there is the pipeline's section, and the capacity after it is the
    # pipeline's, no Georgian traffic
    name = "held619_politru_20041021_btc_1800km_445km_247km.txt"
    capacity = _claim(name, "50 млн. тонн")
    assert (capacity.layer, capacity.feature, capacity.scope) == ("btc_pipeline", "btc", None)
    assert _claim(name, "247 километров").scope == "section:GE"
    # a sentence of a country's traffic whose figures are no project's still makes the next
    # that country's ("… транзитных перевозок через Казахстан. В 2025 году ожидается 34 млн
    # тонн", H79)
    assert _claim(H79, "34 млн тонн").scope == "actor:KZ"


def test_the_first_trains_launch_is_the_lines_opening_no_carriers_figure_nor_a_stage() -> None:
    # "Первый пилотный поезд в рамках открытия железнодорожного сообщения по маршруту
    # Баку-Тбилиси-Карс будет запущен в конце 2014 года" (held504): the BTK line opens, as a
    # pipeline's first tanker starts it; "пилотный" before a train names no first stage
    claim = _claim("held504_rosbalt_20131205_btk_2014_alat_port_10mt.txt", "в конце 2014 года")
    assert (claim.kind, claim.feature, claim.scope, claim.value) == ("deadline", "btk", None, 2014)
    # a pilot terminal stays the first stage
    text = "Пилотный терминал будет сдан в 2026 году"
    assert stage_scope(text, (0, len(text)), (0, len(text))) == "stage:1"
    text = "Первый пилотный поезд будет запущен в 2026 году"
    assert stage_scope(text, (0, len(text)), (0, len(text))) is None


def test_a_countrys_adjective_right_before_the_cargo_after_transit_is_that_countrys_share() -> None:
    # "было транспортировано 938,4 тысяч тонн транзитной туркменской нефти" (held385): Turkmen
    # oil, share:TM; in brackets the country only says whose transit it is, "транзитной
    # (туркменской) нефти" (held174): share:transit
    turkmen = _claim("held385_ecis_20140317_btc_turkmen_oil_jan_feb_2014.txt", "938,4 тысяч тонн")
    assert (turkmen.feature, turkmen.scope) == ("btc", "share:TM")
    transit = _claim("held174_trend_20200521_btc_4m_2020_sections.txt", "1,4 миллиона тонн")
    assert transit.scope == "share:transit"


def test_a_width_or_draught_joined_to_another_number_is_no_length() -> None:
    # "ширина полос - 14 и 21 м" (held449), "а ширина земляного полотна - 21,5 и 29,5 метра"
    # (held94): the second of two widths is a width as the first is; "осадка - 4,2 м"
    # (held603): a vessel's draught
    for name, written in (
        ("held449_caliber_20251106_horadiz_zangilan_highway_unmapped.txt", "21 м"),
        ("held94_report_20251106_horadiz_zangilan_highway.txt", "29,5 метра"),
        ("held603_centrasia_20231128_kmg_tankers_aktau.txt", "4,2 м"),
    ):
        assert not [c for c in _analysis(name).claims if c.text == written], name
    # a length after two joined numbers of no dimension stays one
    text = "Участок 78,5 км состоит из 6 полос, 45,1 км - из 4 полос."
    assert [c.value for c in find_claims(parse_document(text, "t.txt")) if c.kind == "length"] == [
        78.5, 45.1]


def test_a_time_from_now_of_no_completion_is_no_duration_of_the_works() -> None:
    # "Временно приостановленное строительство … продолжится через две недели" (held520),
    # "через пять лет Узбекистан будет продавать в ЕС 10-15 млрд кВт/ч" (held286): when
    # something else happens, no claim; "строительство завершится через шесть лет" (held149)
    # is the construction time
    for name in ("held520_kavkazuzel_20100503_btk_georgia_2012.txt",
                 "held286_kursivuz_20250315_green_corridor_2bn_usd.txt"):
        assert not [c for c in _analysis(name).claims if c.kind == "duration"], name
    six = _claim("held149_minfin_20221218_black_sea_cable_six_years.txt", "через шесть лет")
    assert (six.kind, six.value, six.feature) == ("duration", 6.0, "anaklia-constanta")


def test_a_routes_initials_written_after_its_name_are_that_feature() -> None:
    # "Карс-Ахалкалаки-Тбилиси-Баку" … "Стpоительство КАТБ, котоpое начнется в ближайшие
    # месяцы и завеpшится к 2010 году" (held490): the line's initials, undefined, are the line
    name = "held490_newdaynews_20070207_btk_agreement_2010.txt"
    analysis = _analysis(name)
    assert [(m.layer, m.feature) for m in analysis.mentions if m.text == "КАТБ"] == [
        ("middle_corridor", "btk")]
    assert _claim(name, "к 2010 году").link == "sentence, before"
    assert route_initials("железная дорога Баку – Тбилиси – Карс") == "БТК"
    # a name that does not open with the route has no such initials ("Сегмент … магистрали
    # Транс-Азия-Европа", held256: "ТАЕ" is the whole line's, not the segment's)
    assert route_initials("Сегмент Транскаспийской магистрали Транс-Азия-Европа") is None


def test_a_bare_number_of_which_a_length_before_it_is_a_part_takes_its_unit() -> None:
    # "Длина железнодорожной магистрали составляет 245 км, 175 из которых пролегают по
    # территории Грузии" (held230), "длина железной дороги БТК составляет примерно 850
    # километров, более 500 из которых проходят по территории Азербайджана" (held355)
    for name, written, scope in (
        ("held230_b24_20111216_btk_245km_2013.txt", "175", "section:GE"),
        ("held355_trend_20251112_btk_tripling_850km.txt", "500", "section:AZ"),
    ):
        claim = _claim(name, written)
        assert (claim.kind, claim.unit, claim.feature, claim.scope) == (
            "length", "km", "btk", scope), name
    text = "Объем составил 15 млн тонн, 10 из них пришлись на нефть."
    assert [(q.kind, q.value) for q in quantities(text, 0, len(text))] == [
        ("mass", 15.0), ("mass", 10.0)]


def test_a_share_of_works_done_in_a_named_country_is_that_countrys_section() -> None:
    # "В Грузии проделано 70-80 % работы" (held290): the Georgian section's progress, as
    # "60% работ на грузинской территории" (held269) is
    claim = _claim("held290_1news_20110607_btk_800m_usd.txt", "70-80 %")
    assert (claim.feature, claim.scope) == ("btk", "section:GE")
    assert _claim("held269_mineral_20040412_btc_georgia_60pct.txt", "60%").scope == "section:GE"
    # works with no country named stay the construction's
    text = "Строители выполнили почти 90 процентов работ на новой линии."
    assert works_in_country(text, 0, text.index("почти"), text.index(" работ")) is None


def test_the_nouns_of_change_are_one_list_read_in_every_form() -> None:
    # one list of lemmas (quantities.CHANGE_NOUNS) sizes a change after "в" or a dash, after a
    # percent made an adjective, and makes a percent before its genitive a share of a change:
    # "25% роста спроса нефти в мире" (held460), "50-процентное снижение перевалки" (held758)
    assert of_a_change().match("25% роста спроса нефти", 3)
    assert not of_a_change().match("25% рост", 3)  # the genitive only
    assert is_change_noun("снижением") and is_change_noun("спада")
    for text in ("50-процентное снижение перевалки", "50-процентным спадом перевалки",
                 "рост в 12%", "уменьшение — 12%", "спад в 12%"):
        assert [q.kind for q in quantities(text, 0, len(text))] == ["growth"], text


def test_a_topics_volume_of_no_period_is_not_compared_with_another_articles_year() -> None:
    # "По данным Госкомстата, зафиксирован показатель в 658,8 тыс т" (held549, Azerbaijan's sea
    # freight, no period said) and "объем транзита в этом году достигнет 33 млн тонн" (held768,
    # Kazakhstan's transit): figures of the freight topic, of no one subject, are compared only
    # over one stated window
    older = "held549_vestikavkaza_20260222_az_sea_freight_unmapped.txt"
    newer = "held768_kazpravda_20250819_kz_transit_33mt_unmapped.txt"
    assert _claim(older, "658,8 тыс т").subject == _claim(newer, "33 млн тонн").subject
    assert "mass" not in _conflict_kinds(older, newer)


H788 = "held788_oilcapital_20200417_btc_chevron_share_mol.txt"


def test_owners_stakes_listed_after_dashes_and_a_stakes_price_are_no_figures_of_the_line() -> None:
    # "Долевое участие в проекте теперь выглядит следующим образом: BP (оператор) — 30,37%,
    # AzACG (SOCAR) — 25%, MOL — 9,57%, …" (held788): owners' stakes, as "BP (30,1%)" (held98);
    # "продали свои неоперационные доли в … нефтепроводе Баку — Тбилиси — Джейхан (БТД) …
    # венгерской MOL за $1,57 млрд": the stakes' price, no cost of the pipeline
    claims = _analysis(H788).claims
    stakes = [claim for claim in claims if claim.kind == "percent"]
    assert [claim.text for claim in stakes] == [
        "30,37%", "25%", "9,57%", "9,31%", "7,27%", "6,79%", "5,73%", "3,65%", "2,31%"]
    prices = [claim for claim in claims if claim.kind == "money"]
    assert [claim.text for claim in prices] == ["$1,57 млрд", "$1,57 млрд"]
    for claim in stakes + prices:
        assert (claim.scope, claim.feature) == ("actor:owner", None), claim.text
    assert _claim("held98_1news_20130409_btc_q1_2013_exports.txt", "30,1%").scope == "actor:owner"
    # a share after a dash after no company's name, or a sum of no sale, stays
    text = ("date 2023-07-23\nПо БТД прокачано 30 млн тонн: Азербайджан — 74,9%. "
            "Проект стоил $4 млрд.")
    found = find_claims(parse_document(text, "t.txt", "text"))
    assert [c.scope for c in found if c.kind in ("percent", "money")] == [None, None]


H789 = "held789_report_20251010_nabiyev_alat_port_25mt_2030.txt"


def test_a_deadline_right_after_a_stages_capacity_is_that_stages() -> None:
    # "его пропускная способность увеличится с 10 до 25 млн тонн в год к 2030 году" (held789):
    # 25 Mt a year is the port's second phase, and 2030 the year that phase is to be reached,
    # no deadline of the port as it stands (whose 2011 is another stage's: no conflict)
    target, deadline = _claim(H789, "25 млн тонн в год"), _claim(H789, "к 2030 году")
    assert (target.scope, deadline.scope, deadline.feature) == ("stage:2", "stage:2", "alat")
    assert "deadline" not in _conflict_kinds(H789, "held568_1news_20071105_alat_port_400m_2011.txt")
    # the figure before a deadline of no stage gives none
    assert _claim(H789, "10").scope is None


def test_the_state_a_change_starts_from_is_the_features_on_its_day_not_the_changes_year() -> None:
    # "его пропускная способность увеличится с 10 до 25 млн тонн в год к 2030 году" (held789):
    # 10 Mt a year is the port's in October 2025, not of 2030; no disagreement with the 15 Mt a
    # year it was raised from in 2022 ("с 15 до 25 млн тонн грузов в год", held708)
    ten = _claim(H789, "10")
    assert ten.context is not None
    assert (ten.context.get("as_of"), ten.context.get("state")) == (
        "2025-10-10", "before the change")
    assert "horizon" not in ten.context and "period" not in ten.context
    assert "mass" not in _conflict_kinds(H789, "held708_korabel_20221006_baku_port_15_to_25mt.txt")
    # the target keeps the year it is to be reached by
    assert _claim(H789, "25 млн тонн в год").context["period"]["year"] == 2030


def test_a_growth_through_a_port_by_its_bare_noun_is_the_port_named_before() -> None:
    # "… расширение мощностей порта Алят … Такой шаг обусловлен стремительным ростом
    # грузопотока - за последние три года объем транзита через порт увеличился в пять раз"
    # (held789): the Alat port's transit, no freight topic of its own (was compared with the
    # Middle Corridor's fourfold growth, held74)
    growth = _claim(H789, "в пять раз")
    assert (growth.kind, growth.value, growth.feature, growth.topic) == (
        "growth", 5.0, "alat", None)
    assert "growth" not in _conflict_kinds(
        H789, "held74_report_20251127_kos_middle_corridor_fourfold.txt"
    )
    # a port named after the noun is that port's own clause, no reference back
    assert not refers_to_route("объем транзита через порт Актау вырос в два раза", 0, 38)


def test_a_date_after_ot_dates_the_act_named_before_it_with_its_issuer_between() -> None:
    # "в соответствии с Указом Президента Азербайджанской Республики Ильхама Алиева от 25
    # февраля 2025 года" (held790, after an inter-title naming the Baku port's integration
    # into ADY): the decree's date, 65 characters after "Указом", an event of the port, as
    # held23's "по указу Президента Ильхама Алиева от 25 февраля 2025 года" is
    name = "held790_trend_20260120_baku_port_salakhov_interview.txt"
    decree = _claim(name, "25 февраля 2025 года")
    assert (decree.kind, decree.feature) == ("event", "alat")
    assert decree.context is not None and decree.context["event"] == "указ"
    # a date after "от" with no act named before it in its clause dates none
    text = "Письмо министерства транспорта Азербайджанской Республики от 25 февраля 2025 года"
    assert not [q for q in events(text, 0, len(text)) if q.kind == "event"]


def test_the_date_of_an_agreement_on_a_fields_development_is_no_event_of_the_line() -> None:
    # "Контракт на разработку АЧГ был подписан в 1994 году. 14 сентября 2017 года в Баку было
    # подписано новое соглашение о разработке — до 2050 года" (held788, on the sale of stakes
    # in the field and the BTC pipeline): the field's agreement, no event of the pipeline
    signed = _claim(H788, "14 сентября 2017 года")
    assert (signed.kind, signed.feature, signed.link) == (
        "event", None, "unmapped project (an oil field)")
    # the pipeline's own lengths in the same article stay its
    assert _claim(H788, "1768 км").feature == "btc"
