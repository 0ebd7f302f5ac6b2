"""Popup and tooltip HTML for map features, rendered from templates that escape every value.

This module gathers what a popup shows as plain text; ``maps/templates/*.html.j2`` turn it
into HTML (:mod:`caspian.maps.html_templates`), escaping every value, so a property such as
``<img src=x onerror=alert(1)>`` from the catalog, the seeds or a user's file shows as text.
The HTML reaches the page inside JSON (see :func:`caspian.maps.elements.script_json`), never
spliced into a script.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from caspian.geo.figures import delta_pct_or_none
from caspian.maps.html_templates import render_template

#: How many characters of a user's property value to show before cutting it.
USER_VALUE_MAX_CHARS = 300
#: How many characters of a name to show in a tooltip or a search result.
LABEL_MAX_CHARS = 80


def shorten(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class FeatureMetrics:
    """Measured values of one feature, as the popup shows them."""

    #: Geodesic length on WGS84 in kilometres; None for points.
    length_km: float | None = None
    #: Length per ISO 3166-1 alpha-3 country code (``"sea"`` for the part at sea),
    #: kilometres; empty when not measured.
    by_country_km: Mapping[str, float] = field(default_factory=dict)
    #: The Caspian part of ``"sea"`` attributed to the nearest littoral state, kilometres
    #: (an approximation; empty when none).
    sea_nearest_state_km: Mapping[str, float] = field(default_factory=dict)
    #: Name of the country borders the split was cut with (shown after the split).
    border_source: str | None = None


@dataclass(frozen=True)
class SourceLabel:
    """How a source is cited in a popup."""

    #: ``"Day.Az, 2025-10-27"`` for a seed, ``"bp.com — BTC page (2024)"`` for a page.
    label: str
    #: The verbatim Russian quote of a seed citation.
    quote: str | None = None
    #: The published page itself (http or https), linked from the popup.
    url: str | None = None


def format_number(value: Any) -> str:
    """``1768 -> "1,768"``, ``110.4 -> "110.4"``; whole numbers and values past 1,000 lose
    the decimal. Text (``"443 / 249 / 1,076"``) is returned as it is."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.1f}"


#: Kilometres in one international nautical mile (exact, by definition).
KM_PER_NAUTICAL_MILE = 1.852


def format_km(value: Any, nautical: bool = False) -> str:
    """``1768 -> "1,768 km"``, ``110.4 -> "110.4 km"``; with ``nautical`` the distance in
    nautical miles follows, as sea distances are read: ``540 -> "540 km (292 nmi)"``."""
    text = f"{format_number(value)} km"
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if nautical and numeric and math.isfinite(value):
        text += f" ({format_number(round(value / KM_PER_NAUTICAL_MILE))} nmi)"
    return text


def published_label(entry: Mapping[str, Any], nautical: bool = False) -> str:
    """A published length as a reader should take it: its value, the stretch it is measured
    over when that is not the line's own (``span``), and the word "published" (plain text)::

        "826 km, Baku–Tbilisi–Kars, published"
    """
    parts = [format_km(entry.get("value"), nautical)]
    if entry.get("span"):
        parts.append(str(entry["span"]))
    return ", ".join([*parts, "published"])


def format_value(value: Any, unit: str | None) -> str:
    """A published figure with its unit: ``"1.2 Mbbl/d"``, ``"1,768 km"``."""
    if unit == "km":
        return format_km(value)
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    text = f"{value:,}" if numeric else str(value)
    return f"{text} {unit}" if unit else text


def _shown(value: Any) -> str | None:
    """``value`` as text, or None where a popup shows nothing for it (missing or empty)."""
    return str(value) if value else None


def _split(
    by_country_km: Mapping[str, Any] | None, whole_km: bool = False
) -> list[tuple[str, str]]:
    """``{"AZE": 443, "GEO": 249}`` -> ``[("AZE", "443"), ("GEO", "249")]`` (the popup shows
    ``"AZE 443 · GEO 249 km"``); computed splits are rounded to whole kilometres and parts
    under half a kilometre left out."""
    parts = []
    for code, km in (by_country_km or {}).items():
        value = float(km)
        if whole_km:
            if value < 0.5:
                continue
            value = round(value)
        parts.append((str(code), format_number(value)))
    return parts


#: What each accuracy class means, for the popup.
ACCURACY_MEANINGS: Mapping[str, str] = MappingProxyType({
    "surveyed": "surveyed",
    "traced": "traced along a mapped trace",
    "waypoints": "straight between sourced points",
    "schematic": "schematic: position approximate",
    "hypothetical": "hypothetical",
})


def _accuracy(own: str, accuracy_km: Mapping[str, float]) -> dict[str, Any]:
    """The feature's class; with more than one class along the line, the class of its
    weakest part and the kilometres of each (``"traced along a mapped trace 665.5 km"``)."""
    if len(accuracy_km) < 2:
        return {"own": ACCURACY_MEANINGS.get(own, own), "parts": []}
    parts = [(ACCURACY_MEANINGS.get(name, name), format_km(km)) for name, km in accuracy_km.items()]
    return {"own": own, "parts": parts}


def _source_ref(source_id: str | None, sources: Mapping[str, SourceLabel]) -> str:
    """How a figure cites its source: the source's label, else its id; "" without one."""
    if not source_id:
        return ""
    found = sources.get(source_id)
    return found.label if found else source_id


def _capacity(
    items: Sequence[Mapping[str, Any]], sources: Mapping[str, SourceLabel]
) -> list[dict[str, Any]]:
    return [
        {"text": format_value(item.get("value"), item.get("unit")),
         "label": _shown(item.get("label")),
         "ref": _source_ref(item.get("source"), sources)}
        for item in items
    ]


def _computed(metrics: FeatureMetrics, nautical: bool) -> dict[str, Any] | None:
    """The computed length and its split by country and by nearest shore."""
    if not metrics.length_km:
        return None
    return {
        "length": format_km(metrics.length_km, nautical),
        "split": _split(metrics.by_country_km, whole_km=True),
        "borders": metrics.border_source,
        "sea": _split(metrics.sea_nearest_state_km, whole_km=True),
    }


def _published_lengths(
    published: Sequence[Mapping[str, Any]],
    computed_km: float | None,
    sources: Mapping[str, SourceLabel],
    nautical: bool = False,
) -> list[dict[str, Any]]:
    return [
        {"label": published_label(entry, nautical),
         "ref": _source_ref(entry.get("source"), sources),
         "delta": delta_pct_or_none(computed_km, entry.get("value")),
         "span": bool(entry.get("span")),
         "split": _split(entry.get("by_country_km")),
         "note": _shown(entry.get("note"))}
        for entry in published
    ]


def _conflicts(
    conflicts: Iterable[Mapping[str, Any]], sources: Mapping[str, SourceLabel]
) -> list[dict[str, Any]]:
    return [
        {"topic": str(conflict.get("topic", "")),
         "values": [
             {"text": format_value(value.get("value"), value.get("unit")),
              "qualifier": _shown(value.get("qualifier")),
              "ref": _source_ref(value.get("source"), sources)}
             for value in conflict.get("values", [])
         ],
         "note": _shown(conflict.get("note"))}
        for conflict in conflicts
    ]


def _citations(
    source_ids: Sequence[str], sources: Mapping[str, SourceLabel]
) -> list[dict[str, Any]]:
    # quoted seeds first: the verbatim Russian text is the primary citation
    quoted = [sid for sid in source_ids if sid in sources and sources[sid].quote]
    items = []
    for source_id in [*quoted, *(sid for sid in source_ids if sid not in quoted)]:
        found = sources.get(source_id)
        source = None if found is None else {
            "label": found.label,
            "quote": found.quote,
            # linked only to a web page: no javascript: or data: address reaches an href
            "url": found.url if (found.url or "").startswith(("https://", "http://")) else None,
        }
        items.append({"id": source_id, "source": source})
    return items


def feature_popup_html(
    feature_id: str,
    properties: Mapping[str, Any],
    layer_name: str,
    metrics: FeatureMetrics,
    sources: Mapping[str, SourceLabel],
    conflicts: Iterable[Mapping[str, Any]] = (),
    found_conflicts: Iterable[Mapping[str, Any]] = (),
    accuracy_km: Mapping[str, float] | None = None,
) -> str:
    """The popup of one catalog feature.

    Parameters
    ----------
    feature_id : str
        ``"layer/feature"``.
    properties : mapping
        The feature's properties (``docs/catalog-schema.md``).
    layer_name : str
        English title of the layer.
    metrics : FeatureMetrics
        Computed length (km) and per-country split (km).
    sources : mapping
        Source id -> :class:`SourceLabel` for every source of the layer.
    conflicts : iterable of mapping
        The layer's conflicts that name this feature.
    found_conflicts : iterable of mapping
        Conflicts the news reader found about this feature, in the same shape
        (:mod:`caspian.layers.news.popup_view`).
    accuracy_km : mapping, optional
        Kilometres of the line in each accuracy class (traced, waypoints, schematic, ...),
        shown beside the feature's own class when the line has more than one.

    Returns
    -------
    str
        HTML in which every string from data is escaped.
    """
    nautical = properties.get("kind") == "sea_route"
    accuracy = properties.get("geometry_accuracy")
    return render_template(
        "feature_popup.html.j2",
        feature_id=feature_id,
        name=str(properties.get("name") or feature_id),
        name_ru=_shown(properties.get("name_ru")),
        layer_name=layer_name,
        hypothetical=accuracy == "hypothetical",
        status=str(properties.get("status") or "unknown"),
        status_note=_shown(properties.get("status_note")),
        operator=_shown(properties.get("operator")),
        owners=[str(owner) for owner in properties.get("owners") or []],
        capacity=_capacity(properties.get("capacity") or [], sources),
        accuracy=_accuracy(str(accuracy), accuracy_km or {}) if accuracy else None,
        computed=_computed(metrics, nautical),
        published=_published_lengths(properties.get("published_length_km") or [],
                                      metrics.length_km, sources, nautical),
        conflicts=_conflicts(conflicts, sources),
        found_conflicts=_conflicts(found_conflicts, sources),
        note=_shown(properties.get("note")),
        citations=_citations(list(properties.get("sources") or []), sources),
    )


def feature_tooltip_html(properties: Mapping[str, Any], length_km: float | None) -> str:
    """Tooltip: the name, the computed length of the line drawn and the first published
    figure, each said to be which (``"BTK · 731.7 km computed · 826 km, Baku–Tbilisi–Kars,
    published"``); sea routes in nautical miles too."""
    nautical = properties.get("kind") == "sea_route"
    parts = [str(properties.get("name") or "")]
    if length_km:
        parts.append(f"{format_km(length_km, nautical)} computed")
    published = [entry for entry in properties.get("published_length_km") or []
                 if isinstance(entry, Mapping) and entry.get("value")]
    if published:
        parts.append(published_label(published[0], nautical))
    return render_template("tooltip.html.j2", parts=[part for part in parts if part])


def _user_value(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (dict, list, tuple)):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return shorten(text, USER_VALUE_MAX_CHARS)


def user_popup_html(
    layer_name: str, properties: Mapping[str, Any], length_km: float | None
) -> str:
    """The popup of a feature from a user's ``--add`` file: every property, escaped."""
    rows = [(shorten(str(key)), _user_value(value))
            for key, value in properties.items() if value is not None]
    return render_template("user_popup.html.j2", layer_name=layer_name, rows=rows,
                           length=format_km(length_km) if length_km else None)


def user_tooltip_html(layer_name: str, properties: Mapping[str, Any]) -> str:
    """Tooltip of a user's feature: its ``name`` property, else the file name."""
    name = properties.get("name")
    return render_template("tooltip.html.j2",
                           parts=[shorten(str(name) if name is not None else layer_name)])
