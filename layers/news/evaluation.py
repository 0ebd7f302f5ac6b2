"""The reader measured on an annotated set of articles (``tests/data/news_real``).

The folder holds the articles, ``manifest.json`` (each article's outlet, date and part:
``dev`` or ``heldout``) and ``gold/`` (one annotation per article and ``conflicts.json``); the
rules are in ``docs/news-annotation.md`` and the scores in :mod:`.scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caspian.layers.news.analysis import Analysis, analyse, corpus_conflicts
from caspian.layers.news.documents import read_document
from caspian.layers.news.scoring import (
    ConflictScore,
    GoldItem,
    Tally,
    gold_items,
    load_json,
    locate,
    score_claims,
    score_conflicts,
    score_mentions,
    share,
)


@dataclass(frozen=True)
class Evaluation:
    """The scores of one part of the set."""

    documents: int
    mentions: Tally
    claims: Tally
    dates_right: int
    conflicts: ConflictScore
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        """The share of articles whose publication date was read right."""
        return share(self.dates_right, self.documents)

    def summary(self) -> dict[str, Any]:
        """The figures, rounded to three places, JSON-ready."""
        return {
            "documents": self.documents,
            "mentions": {"precision": round(self.mentions.precision, 3),
                         "recall": round(self.mentions.recall, 3)},
            "claims": {"precision": round(self.claims.precision, 3),
                       "recall": round(self.claims.recall, 3),
                       "right": self.claims.right, "found": self.claims.found,
                       "expected": self.claims.expected},
            "date_accuracy": round(self.date_accuracy, 3),
            "conflicts": {"reported": self.conflicts.reported,
                          "real_reported": self.conflicts.real_reported,
                          "real": self.conflicts.real, "real_found": self.conflicts.real_found},
        }  # fmt: skip


def documents_of(folder: Path, part: str | None = None) -> list[dict[str, Any]]:
    """The manifest entries of ``part`` (all when None), in manifest order."""
    entries: list[dict[str, Any]] = load_json(folder / "manifest.json")["documents"]
    return [entry for entry in entries if part is None or entry["part"] == part]


def _claim_misses(name: str, analysis: Analysis, gold: Sequence[GoldItem]) -> list[dict[str, Any]]:
    """What a reader of the scores needs to see why a gold claim was missed."""
    return [
        {
            "document": name,
            "gold": item.fields,
            "found": [
                claim.as_dict()
                for claim in analysis.claims
                if claim.start < item.end and item.start < claim.end
            ],
        }
        for item in gold
    ]


def evaluate(folder: Path, part: str | None = None) -> Evaluation:
    """Run the reader over the articles of ``part`` and score it against the annotation."""
    mentions = claims = Tally(0, 0, 0)
    dates_right = 0
    analyses: list[Analysis] = []
    located: dict[str, list[GoldItem]] = {}
    misses: list[dict[str, Any]] = []
    entries = documents_of(folder, part)
    for entry in entries:
        name = entry["id"]
        gold = load_json(folder / "gold" / name.replace(".txt", ".json"))
        analysis = analyse(read_document(folder / name))
        text = analysis.document.text
        body = locate(text, gold["lead"])[0]
        gold_claims = gold_items(text, gold["claims"])
        located[name] = gold_claims
        mentions += score_mentions(analysis.mentions, gold_items(text, gold["mentions"]), body)
        scored = score_claims(analysis.claims, gold_claims, body)
        claims += scored
        if scored.right < max(scored.found, scored.expected):
            misses.extend(_claim_misses(name, analysis, gold_claims))
        dates_right += analysis.document.date == gold["date"]
        analyses.append(analysis)
    real = [
        [(document, _gold_claim(located, document, written, occurrence, folder))
         for document, written, occurrence in disagreement["claims"]]
        for disagreement in load_json(folder / "gold" / "conflicts.json")["real"]
        if all(document in located for document, _, _ in disagreement["claims"])
    ]  # fmt: skip
    conflicts = score_conflicts(corpus_conflicts(analyses), real)
    return Evaluation(len(entries), mentions, claims, dates_right, conflicts, misses)


def _gold_claim(
    located: dict[str, list[GoldItem]], document: str, written: str, occurrence: int, folder: Path
) -> GoldItem:
    """The gold claim of ``document`` a real disagreement names."""
    text = (folder / document).read_text(encoding="utf-8")
    start, end = locate(text, written, occurrence)
    for item in located[document]:
        if (item.start, item.end) == (start, end):
            return item
    return GoldItem(start, end, {"text": written})
