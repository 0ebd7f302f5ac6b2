"""One call that reads documents end to end: mentions, claims and the conflicts among them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from caspian.layers.catalog.loading import Layer, load_catalog
from caspian.layers.news.claims import Claim, SkippedFigure, read_claims
from caspian.layers.news.conflicts import Conflict, find_conflicts
from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.gazetteer import load_gazetteer
from caspian.layers.news.mentions import Mention, find_mentions


@dataclass(frozen=True)
class Analysis:
    """What the reader found in one document."""

    document: NewsDocument
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    skipped: tuple[SkippedFigure, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: metadata, sentence offsets in the original file, mentions (with their
        sentences) and claims."""
        return {
            **self.document.metadata(),
            "sentences": [
                list(self.document.original_span(start, end))
                for start, end in self.document.sentences
            ],
            "mentions": [mention.as_dict(self.document) for mention in self.mentions],
            "claims": [claim.as_dict() for claim in self.claims],
            "skipped": [figure.as_dict() for figure in self.skipped],
        }


def analyse(document: NewsDocument) -> Analysis:
    """Mentions and claims of one document, and the figures skipped as implausible."""
    gazetteer = load_gazetteer()
    mentions = find_mentions(document, gazetteer)
    claims, skipped = read_claims(document, mentions, gazetteer)
    return Analysis(document, tuple(mentions), tuple(claims), tuple(skipped))


def corpus_conflicts(
    analyses: Sequence[Analysis], layers: Sequence[Layer] | None = None
) -> list[Conflict]:
    """Conflicts among the claims of ``analyses`` and against the catalog.

    Documents with the same sha256 count once (an article given on the command line that is
    already in the corpus must not disagree with itself).
    """
    seen: set[str] = set()
    claims: list[Claim] = []
    for analysis in analyses:
        if analysis.document.sha256 in seen:
            continue
        seen.add(analysis.document.sha256)
        claims.extend(analysis.claims)
    return find_conflicts(claims, layers if layers is not None else load_catalog().values())
