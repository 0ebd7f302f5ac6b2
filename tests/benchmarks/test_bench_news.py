"""Ingestion throughput of the news reader (articles per second), against a baseline measured
in the same run: razdel's plain sentence split of the same texts.

The corpus is the five seeds and the three test articles (two plain text, one saved HTML page).
``ingest`` does everything ``caspian ingest`` does per article: body and metadata, sentences,
lemma-matched mentions and claims; the lemma caches are emptied before every round, so each
round pays for its morphology (pymorphy3's dictionaries are loaded once, before timing, as a
long-running process would). Run with ``make bench``; the ratio and the articles per second are
stored in each benchmark's ``extra_info``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "data" / "news"
_MEANS: dict[str, float] = {}


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str, str]]:
    from caspian.layers.seeds import SEED_PACKAGE, seed_ids

    found = [
        (sid, (resources.files(SEED_PACKAGE) / sid).read_text(encoding="utf-8"), ".txt")
        for sid in seed_ids()
    ]
    for path in sorted(FIXTURES.glob("fixture_*")):
        found.append((path.name, path.read_text(encoding="utf-8"), path.suffix))
    return found


def _record(benchmark, name: str, count: int) -> None:
    _MEANS[name] = benchmark.stats.stats.mean
    benchmark.extra_info["articles_per_second"] = round(count / _MEANS[name], 1)
    if "razdel" in _MEANS and name != "razdel":
        benchmark.extra_info["ratio_to_razdel"] = round(_MEANS[name] / _MEANS["razdel"], 1)


def test_baseline_razdel_sentences(benchmark, articles: list[tuple[str, str, str]]) -> None:
    from razdel import sentenize

    def split() -> int:
        return sum(len(list(sentenize(text))) for _, text, _ in articles)

    assert benchmark.pedantic(split, rounds=5, warmup_rounds=1) > 100
    _record(benchmark, "razdel", len(articles))


def test_ingest_articles(benchmark, articles: list[tuple[str, str, str]]) -> None:
    from caspian.layers.news import text as news_text
    from caspian.layers.news.analysis import analyse
    from caspian.layers.news.documents import parse_document
    from caspian.layers.news.gazetteer import load_gazetteer

    load_gazetteer()  # dictionaries and the compiled gazetteer, once per process

    def ingest() -> int:
        return sum(
            len(analyse(parse_document(text, name, suffix=suffix)).mentions)
            for name, text, suffix in articles
        )

    mentions = benchmark.pedantic(ingest, setup=news_text.clear_caches, rounds=5, warmup_rounds=1)
    assert mentions >= 37 + 8
    _record(benchmark, "ingest", len(articles))


# One sentence of many figures, at two sizes (20 kB and 100 kB): a reader that reads each
# figure against the whole sentence grows with the square of its length (130 s at 100 kB).
_SENTENCE = "Карс Дилуджу 224 км "
_REPEATS = {"20kB": 1_000, "100kB": 5_000}


def _best_of(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def test_one_long_sentence_of_figures_is_read_in_linear_time(
    benchmark, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader's time per character, relative to razdel's word tokenizer over the same
    text (linear), must not grow with the sentence: from 20 kB to 100 kB the ratio to the
    baseline may vary with noise, not fivefold as a quadratic reader's does."""
    from caspian.layers.news.analysis import analyse
    from caspian.layers.news.documents import parse_document
    from caspian.layers.news.gazetteer import load_gazetteer
    from razdel import tokenize
    from timing_report import report_times

    load_gazetteer()
    times, ratios, claims = {}, {}, {}
    for size, repeats in _REPEATS.items():
        text = _SENTENCE * repeats
        times[f"razdel_tokenize_{size}"] = _best_of(3, lambda text=text: list(tokenize(text)))
        times[f"reader_{size}"] = _best_of(
            2, lambda text=text, size=size: claims.__setitem__(
                size, len(analyse(parse_document(text, "long.txt", "text")).claims)
            )
        )
        ratios[f"reader_to_razdel_{size}"] = (
            times[f"reader_{size}"] / times[f"razdel_tokenize_{size}"]
        )
    text = _SENTENCE * _REPEATS["100kB"]
    benchmark.pedantic(lambda: analyse(parse_document(text, "long.txt", "text")), rounds=1)
    growth = ratios["reader_to_razdel_100kB"] / ratios["reader_to_razdel_20kB"]
    ratios["ratio_growth_20kB_to_100kB"] = growth
    report_times(benchmark, capsys, "news long sentence", times, ratios)
    assert claims == {"20kB": 1_000, "100kB": 5_000}
    assert growth < 2.5
