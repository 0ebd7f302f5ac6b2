"""Paths of the news-reader fixtures and the seed annotation (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
NEWS = DATA / "news"
PORTAL_HTML = NEWS / "fixture_portal.html"
KARS_TEXT = NEWS / "fixture_kars_dilucu.txt"
INTERVIEW_TEXT = NEWS / "fixture_interview.txt"


def seed_annotation() -> dict[str, Any]:
    """The hand annotation of every mention in the five seeds."""
    return json.loads((DATA / "seed_mentions.json").read_text(encoding="utf-8"))


def interview_annotation() -> set[tuple[str, str | None, int, int]]:
    """The held-out article's hand annotation as ``(layer, feature, start, end)``."""
    text = INTERVIEW_TEXT.read_text(encoding="utf-8")
    data = json.loads((NEWS / "interview_mentions.json").read_text(encoding="utf-8"))
    found = set()
    for item in data["mentions"]:
        position = -1
        for _ in range(item["occurrence"] + 1):
            position = text.index(item["text"], position + 1)
        found.add((item["layer"], item["feature"], position, position + len(item["text"])))
    return found
