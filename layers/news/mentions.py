"""Mentions: where an article names a layer or a feature of the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from caspian.layers.news.documents import NewsDocument
from caspian.layers.news.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True)
class Mention:
    """One mention."""

    #: Document id.
    document: str
    layer: str
    #: Short feature id; ``None`` when the text names the layer as a whole.
    feature: str | None
    #: The words as written in the article.
    text: str
    #: The gazetteer name they matched.
    name: str
    #: Index of the sentence in the document.
    sentence: int | None
    #: Offset of the mention's start in the original file.
    start: int
    #: Offset of its end in the original file.
    end: int
    #: Offset of the first character in the analysed text (for distances).
    position: int

    def as_dict(self, document: NewsDocument | None = None) -> dict[str, Any]:
        """JSON-ready form; with ``document``, the sentence's text too."""
        data: dict[str, Any] = {
            "document": self.document,
            "layer": self.layer,
            "feature": self.feature,
            "text": self.text,
            "name": self.name,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }
        if document is not None and self.sentence is not None:
            start, end = document.sentences[self.sentence]
            data["sentence_text"] = " ".join(document.text[start:end].split())
        return data


def find_mentions(document: NewsDocument, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every mention of a catalog layer or feature in the body of ``document``, in order."""
    gazetteer = gazetteer or load_gazetteer()
    found = []
    for (start, end), tokens in zip(document.body_spans, document.body_words, strict=True):
        for match in gazetteer.features.find(document.text, start, end, tokens):
            layer, feature = match.target
            original_start, original_end = document.original_span(match.start, match.end)
            found.append(
                Mention(
                    document=document.id,
                    layer=str(layer),
                    feature=feature,
                    text=document.text[match.start : match.end],
                    name=match.name,
                    sentence=document.sentence_index(match.start),
                    start=original_start,
                    end=original_end,
                    position=match.start,
                )
            )
    return found
