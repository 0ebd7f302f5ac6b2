"""The scorer of the news reader on tiny hand cases (docs/news-annotation.md, Scores)."""

from __future__ import annotations

import pytest
from caspian.layers.news._errors import NewsInputError
from caspian.layers.news.claims import Claim
from caspian.layers.news.conflicts import Conflict
from caspian.layers.news.mentions import Mention
from caspian.layers.news.scoring import (
    Tally,
    gold_items,
    locate,
    score_claims,
    score_conflicts,
    score_mentions,
)

TEXT = "Порт Актау. Мощность порта Актау 140 тысяч TEU. Длина 224 км, и ещё 224 км."


def _claim(written: str, occurrence: int = 1, document: str = "a.txt", **fields: object) -> Claim:
    start, end = locate(TEXT, written, occurrence)
    values = {"kind": "containers", "value": 140000.0, "unit": "TEU", "layer": "aktau_port",
              "feature": "aktau", "scope": None, **fields}  # fmt: skip
    return Claim(document=document, qualifier=None, role="reported", text=written,
                 sentence=1, start=start, end=end, **values)  # type: ignore[arg-type]  # fmt: skip


def _gold_claim(written: str, occurrence: int = 1, **fields: object) -> dict[str, object]:
    return {"text": written, "occurrence": occurrence, "layer": "aktau_port",
            "feature": "aktau", "kind": "containers", "value": 140000, "unit": "TEU",
            "scope": None, **fields}  # fmt: skip


def test_locate_finds_the_nth_occurrence_and_names_a_missing_text() -> None:
    assert locate(TEXT, "224 км", 2) == (TEXT.rindex("224 км"), TEXT.rindex("224 км") + 6)
    with pytest.raises(NewsInputError, match="occurrence 3"):
        locate(TEXT, "224 км", 3)


def test_tally_precision_and_recall() -> None:
    tally = Tally(right=3, found=4, expected=6) + Tally(right=1, found=1, expected=0)
    assert (tally.precision, tally.recall) == (0.8, 4 / 6)
    assert (Tally(0, 0, 0).precision, Tally(0, 0, 0).recall) == (1.0, 1.0)


def test_a_mention_counts_once_and_only_with_its_feature() -> None:
    start, end = locate(TEXT, "порта Актау")
    gold = gold_items(TEXT, [{"text": "порта Актау", "layer": "aktau_port", "feature": "aktau"}])
    right = Mention("a.txt", "aktau_port", "aktau", "порта Актау", "порт Актау", 1, start, end,
                    start)  # fmt: skip
    twice = Mention("a.txt", "aktau_port", "aktau", "Актау", "порт Актау", 1, start + 6, end,
                    start + 6)  # fmt: skip
    wrong = Mention("a.txt", "aktau_port", None, "порта", "порт", 1, start, start + 5, start)
    assert score_mentions([right, twice, wrong], gold, body=0) == Tally(1, 3, 1)


def test_mentions_before_the_lead_are_not_scored() -> None:
    start, end = locate(TEXT, "Порт Актау")
    headline = Mention("a.txt", "aktau_port", "aktau", "Порт Актау", "порт Актау", 0, start, end,
                       start)  # fmt: skip
    assert score_mentions([headline], [], body=locate(TEXT, "Мощность")[0]) == Tally(0, 0, 0)


def test_a_place_named_for_context_is_no_mention_held_against_the_reader() -> None:
    # the gazetteer's context features (Astana, Gabala, the Turkmenbashi port) are places the
    # reader finds so as not to give their figures to a project; the annotation counts no place
    # as a mention (docs/news-annotation.md, Mentions), so the scorer leaves them out
    text = "Астана. 15 ноября. Порт Актау принял 140 тысяч TEU."
    start, end = locate(text, "Астана")
    city = Mention("a.txt", "context", "astana", "Астана", "Астана", 0, start, end, start)
    start, end = locate(text, "Порт Актау")
    port = Mention("a.txt", "aktau_port", "aktau", "Порт Актау", "порт Актау", 0, start, end,
                   start)  # fmt: skip
    gold = gold_items(text, [{"text": "Порт Актау", "layer": "aktau_port", "feature": "aktau"}])
    assert score_mentions([city, port], gold, body=0) == Tally(1, 1, 1)


def test_a_claim_is_right_only_with_its_feature_measure_scope_and_value() -> None:
    gold = gold_items(TEXT, [_gold_claim("140 тысяч TEU", unit="TEU/yr", scope="stage:1")])
    right = _claim("140 тысяч TEU", unit="TEU/yr", scope="stage:1")
    assert score_claims([right], gold, body=0) == Tally(1, 1, 1)
    for wrong in (
        _claim("140 тысяч TEU", unit="TEU", scope="stage:1"),
        _claim("140 тысяч TEU", unit="TEU/yr", scope=None),
        _claim("140 тысяч TEU", unit="TEU/yr", scope="stage:1", feature=None),
        _claim("140 тысяч TEU", unit="TEU/yr", scope="stage:1", value=14000.0),
    ):
        assert score_claims([wrong], gold, body=0) == Tally(0, 1, 1)


def test_unlinked_and_context_claims_are_not_held_against_the_reader() -> None:
    unlinked = _claim("224 км", kind="length", value=224.0, unit="km", layer=None, feature=None)
    context = _claim("224 км", 2, kind="length", value=224.0, unit="km", layer="context",
                     feature="astana")  # fmt: skip
    assert score_claims([unlinked, context], [], body=0) == Tally(0, 0, 0)


def test_a_range_must_match_its_upper_end() -> None:
    gold = gold_items(TEXT, [_gold_claim("224 км", kind="length", value=224, unit="km",
                                         value_max=230)])  # fmt: skip
    single = _claim("224 км", kind="length", value=224.0, unit="km")
    ranged = _claim("224 км", kind="length", value=224.0, unit="km", value_max=230.0)
    assert score_claims([single], gold, body=0).right == 0
    assert score_claims([ranged], gold, body=0).right == 1


def test_only_a_conflict_holding_both_sides_of_a_real_disagreement_is_real() -> None:
    first = _claim("224 км", kind="length", value=224.0, unit="km", document="a.txt")
    second = _claim("224 км", 2, kind="length", value=230.0, unit="km", document="b.txt")
    other = _claim("140 тысяч TEU", document="b.txt")
    real = [[("a.txt", gold_items(TEXT, [{"text": "224 км"}])[0]),
             ("b.txt", gold_items(TEXT, [{"text": "224 км", "occurrence": 2}])[0])]]  # fmt: skip

    def conflict(*claims: Claim) -> Conflict:
        return Conflict("value:x", "value", "x", "length", "km", "reported", claims)

    score = score_conflicts([conflict(first, second), conflict(first, other)], real)
    assert (score.real_reported, score.reported, score.real_found, score.real) == (1, 2, 1, 1)
    assert (score.share_real, score.recall) == (0.5, 1.0)
