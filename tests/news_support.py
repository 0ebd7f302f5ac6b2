"""Paths of the news-reader fixtures and the seed annotation (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
NEWS = DATA / "news"
PORTAL_HTML = NEWS / "fixture_portal.html"
KARS_TEXT = NEWS / "fixture_kars_dilucu.txt"


def seed_annotation() -> dict[str, Any]:
    """The hand annotation of every mention in the five seeds."""
    return json.loads((DATA / "seed_mentions.json").read_text(encoding="utf-8"))
