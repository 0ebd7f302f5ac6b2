"""Small layers and user files for the map tests (figures from shared/reference/facts.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
TEMPLATE_PAYLOAD = "{{ 7*7 }} {% if true %}x{% endif %} {# c #}"
SEED_QUOTE = (
    "Казахстан также проявлял интерес к эксплуатации трубопровода Баку–Тбилиси–Джейхан (БТД)"
)


def btc_collection(name: str = "BTC pipeline", status: str = "operating",
                   accuracy: str = "waypoints") -> dict[str, Any]:
    """A one-feature layer shaped like the catalog's BTC layer."""
    return {
        "type": "FeatureCollection", "id": "btc_pipeline",
        "name": "Baku–Tbilisi–Ceyhan pipeline", "name_ru": "Нефтепровод Баку–Тбилиси–Джейхан",
        "group": "Energy", "description": "Test layer.",
        "sources": [
            {"id": "s003-btc", "type": "seed", "seed": "003_833792392fde0c57.txt",
             "quote": SEED_QUOTE, "start": 2783, "end": 2869},
            {"id": "bp-btc", "type": "external", "outlet": "bp.com",
             "page": "Baku-Tbilisi-Ceyhan pipeline", "date": None, "url": None},
            {"id": "geo-enc-btc", "type": "external", "outlet": "georgianencyclopedia.ge",
             "page": "BTC", "date": None, "url": None},
        ],
        "conflicts": [
            {"id": "btc-length", "topic": "BTC total length",
             "values": [{"value": 1768, "unit": "km", "qualifier": None, "source": "bp-btc"},
                        {"value": 1776, "unit": "km", "qualifier": None,
                         "source": "geo-enc-btc"}],
             "features": ["btc"], "note": None},
        ],
        "features": [
            {"type": "Feature", "id": "btc_pipeline/btc",
             "properties": {
                 "name": name, "name_ru": "БТД", "kind": "pipeline", "mode": "pipeline",
                 "status": status, "status_note": None, "operator": "BP", "owners": ["bp 30.10"],
                 "capacity": [{"value": 1.2, "unit": "Mbbl/d", "label": "since March 2009",
                               "source": "bp-btc"}],
                 "published_length_km": [
                     {"value": 1768, "source": "bp-btc",
                      "by_country_km": {"AZE": 443, "GEO": 249, "TUR": 1076}, "note": None}],
                 "geometry_accuracy": accuracy, "sources": ["bp-btc", "s003-btc"],
                 "note": None},
             "geometry": {"type": "LineString",
                          "coordinates": [[49.4813, 40.2013], [45.0, 41.0], [35.817, 37.033]]}},
        ],
    }


def write_xss_geojson(folder: Path) -> Path:
    """A user's file whose names and properties are script-injection attempts."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": IMG_PAYLOAD, "note": SCRIPT_PAYLOAD,
                                               SCRIPT_PAYLOAD: "key payload"},
             "geometry": {"type": "LineString", "coordinates": [[49.87, 40.41], [51.15, 43.65]]}},
            {"type": "Feature", "properties": {"name": SCRIPT_PAYLOAD, "x": IMG_PAYLOAD,
                                               "template": TEMPLATE_PAYLOAD},
             "geometry": {"type": "Point", "coordinates": [50.5, 42.0]}},
        ],
    }
    path = folder / "payloads.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path
