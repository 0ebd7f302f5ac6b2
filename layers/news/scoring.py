"""Scoring the reader against hand annotation: mentions, claims, dates and conflicts.

The annotation rules are in ``docs/news-annotation.md``. A gold file locates each item by the
text as written and its occurrence in the file; the annotated body starts at the gold
``lead``, and what the reader finds before it (headline, tags, dateline) is not scored.
Matching is one to one: a gold item is matched by at most one found item.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from caspian.layers.news._errors import NewsInputError
from caspian.layers.news.claims import Claim
from caspian.layers.news.conflicts import Conflict
from caspian.layers.news.mentions import Mention

#: Layers whose names are context, not projects: their mentions and claims are not scored.
CONTEXT_LAYERS = ("context",)
_CLAIM_FIELDS = ("layer", "feature", "kind", "unit", "scope")


def share(part: int, whole: int) -> float:
    """``part`` over ``whole``; 1.0 when ``whole`` is 0 (nothing to get wrong)."""
    return part / whole if whole else 1.0


class Share:
    """A score's read-only :func:`share` of two of its counts, named by field."""

    def __init__(self, part: str, whole: str) -> None:
        self.part, self.whole = part, whole
        self.__doc__ = f"``{part}`` over ``{whole}`` (1.0 when ``{whole}`` is 0)."

    @overload
    def __get__(self, score: None, owner: type) -> Share: ...

    @overload
    def __get__(self, score: object, owner: type | None = None) -> float: ...

    def __get__(self, score: object, owner: type | None = None) -> Share | float:
        if score is None:  # read on the class: the descriptor itself, for help() and docs
            return self
        return share(getattr(score, self.part), getattr(score, self.whole))


@dataclass(frozen=True)
class Tally:
    """Right, found and expected items of one score."""

    right: int
    found: int
    expected: int

    precision = Share("right", "found")
    recall = Share("right", "expected")

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.right + other.right, self.found + other.found, self.expected + other.expected
        )


@dataclass(frozen=True)
class GoldItem:
    """One annotated mention or claim, located in its file."""

    start: int
    end: int
    fields: dict[str, Any]


def locate(text: str, written: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (from 1) occurrence of ``written`` in ``text``.

    Raises
    ------
    NewsInputError
        If the text holds fewer occurrences.
    """
    start = -1
    for _ in range(occurrence):
        start = text.find(written, start + 1)
        if start < 0:
            raise NewsInputError(
                f"gold text {written!r} (occurrence {occurrence}) is not in the article; "
                "fix: copy the text as the article writes it"
            )
    return start, start + len(written)


def gold_items(text: str, items: Iterable[dict[str, Any]]) -> list[GoldItem]:
    """Gold items located in ``text``."""
    located = []
    for item in items:
        start, end = locate(text, item["text"], int(item.get("occurrence", 1)))
        located.append(GoldItem(start, end, item))
    return located


def _overlaps(start: int, end: int, gold: GoldItem) -> bool:
    return start < gold.end and gold.start < end


def _match(found: Sequence[Any], gold: Sequence[GoldItem], same: Any) -> int:
    """Right items: each found item takes the first unmatched gold item it overlaps and
    ``same`` accepts."""
    taken: set[int] = set()
    right = 0
    for item in found:
        for index, expected in enumerate(gold):
            if index not in taken and _overlaps(item.start, item.end, expected) and same(
                item, expected.fields
            ):
                taken.add(index)
                right += 1
                break
    return right


def score_mentions(mentions: Sequence[Mention], gold: Sequence[GoldItem], body: int) -> Tally:
    """Mentions found from offset ``body`` on against the gold mentions; a place named for
    context (:data:`CONTEXT_LAYERS`: "в Астане") is no mention of a project
    (docs/news-annotation.md, Mentions), as a claim linked to one is not counted."""
    found = [mention for mention in mentions
             if mention.start >= body and mention.layer not in CONTEXT_LAYERS]  # fmt: skip
    right = _match(
        found,
        gold,
        lambda mention, expected: (mention.layer, mention.feature)
        == (expected["layer"], expected["feature"]),
    )
    return Tally(right, len(found), len(gold))


def scored_claims(claims: Sequence[Claim], body: int) -> list[Claim]:
    """The claims that count: linked to a catalog project, from offset ``body`` on."""
    return [
        claim
        for claim in claims
        if claim.start >= body and claim.layer and claim.layer not in CONTEXT_LAYERS
    ]


def same_claim(claim: Claim, expected: dict[str, Any]) -> bool:
    """Whether ``claim`` states the gold claim ``expected`` (feature, measure and value)."""
    if any(getattr(claim, name) != expected.get(name) for name in _CLAIM_FIELDS):
        return False
    if not math.isclose(claim.value, float(expected["value"]), rel_tol=1e-9):
        return False
    value_max = expected.get("value_max")
    if value_max is None:
        return claim.value_max in (None, claim.value)
    return claim.value_max is not None and math.isclose(claim.value_max, value_max)


def score_claims(claims: Sequence[Claim], gold: Sequence[GoldItem], body: int) -> Tally:
    """Linked claims found from offset ``body`` on against the gold claims."""
    found = scored_claims(claims, body)
    return Tally(_match(found, gold, same_claim), len(found), len(gold))


def _states(claim: Claim, side: GoldItem, document: str) -> bool:
    return Path(claim.document).name == document and _overlaps(claim.start, claim.end, side)


@dataclass(frozen=True)
class ConflictScore:
    """Reported conflicts against the real disagreements."""

    real_reported: int  # reported conflicts that are real
    reported: int
    real_found: int  # real disagreements reported at least once
    real: int

    #: The share of reported conflicts that are real.
    share_real = Share("real_reported", "reported")
    #: The share of real disagreements reported.
    recall = Share("real_found", "real")


def score_conflicts(
    conflicts: Sequence[Conflict], real: Sequence[Sequence[tuple[str, GoldItem]]]
) -> ConflictScore:
    """Reported conflicts against the real disagreements (``real``: each one's sides as
    (document, gold claim)); a conflict is real when it holds a claim stating every side."""
    real_reported = 0
    found: set[int] = set()
    for conflict in conflicts:
        # One reported conflict may hold several real ones (three outlets' figures of one
        # measure): each real one it states is found.
        covered = {
            index
            for index, sides in enumerate(real)
            if all(
                any(_states(claim, item, document) for claim in conflict.claims)
                for document, item in sides
            )
        }
        real_reported += bool(covered)
        found |= covered
    return ConflictScore(real_reported, len(conflicts), len(found), len(real))


def load_json(path: Path) -> Any:
    """A gold or manifest file.

    Raises
    ------
    NewsInputError
        If it is missing or not JSON.
    """
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsInputError(f"{path} cannot be read as JSON ({exc}); fix the file") from None
