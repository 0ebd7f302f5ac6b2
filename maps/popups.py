"""Popup and tooltip HTML for map features; every data string is escaped here.

Strings from the catalog, the seeds or a user's file pass through :func:`html.escape` before
they become HTML, so a property such as ``<img src=x onerror=alert(1)>`` shows as text. The
HTML built here reaches the page inside JSON (see :func:`caspian.maps.render.script_json`),
never spliced into a script.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType
from typing import Any

#: How many characters of a user's property value to show before cutting it.
USER_VALUE_MAX_CHARS = 300
#: How many characters of a name to show in a tooltip or a search result.
LABEL_MAX_CHARS = 80


def shorten(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class FeatureMetrics:
    """Measured values of one feature, as the popup shows them.

    Attributes
    ----------
    length_km : float or None
        Geodesic length on WGS84 in kilometres; None for points.
    by_country_km : Mapping[str, float]
        Length per ISO 3166-1 alpha-3 country code (``"sea"`` for the part at sea),
        kilometres; empty when not measured.
    sea_nearest_state_km : Mapping[str, float]
        The Caspian part of ``"sea"`` attributed to the nearest littoral state, kilometres
        (an approximation; empty when none).
    border_source : str or None
        Name of the country borders the split was cut with (shown after the split).
    """

    length_km: float | None = None
    by_country_km: Mapping[str, float] = field(default_factory=dict)
    sea_nearest_state_km: Mapping[str, float] = field(default_factory=dict)
    border_source: str | None = None


@dataclass(frozen=True)
class SourceLabel:
    """How a source is cited in a popup.

    Attributes
    ----------
    label : str
        ``"Day.Az, 2025-10-27"`` for a seed, ``"bp.com — BTC page (2024)"`` for a page.
    quote : str or None
        The verbatim Russian quote of a seed citation.
    url : str or None
        The published page itself (http or https), linked from the popup.
    """

    label: str
    quote: str | None = None
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


def delta_pct(computed_km: float | None, published_km: Any) -> float | None:
    """Signed difference of the computed from the published length, in percent."""
    if computed_km is None or not math.isfinite(computed_km):
        return None
    if isinstance(published_km, bool) or not isinstance(published_km, (int, float)):
        return None
    if not published_km:
        return None
    return (computed_km - published_km) / published_km * 100.0


def _split(by_country_km: Mapping[str, Any] | None, whole_km: bool = False) -> str:
    """``{"AZE": 443, "GEO": 249}`` -> ``"AZE 443 · GEO 249 km"``; computed splits are
    rounded to whole kilometres and parts under half a kilometre left out."""
    if not by_country_km:
        return ""
    parts = []
    for code, km in by_country_km.items():
        value = float(km)
        if whole_km:
            if value < 0.5:
                continue
            value = round(value)
        parts.append(f"{escape(str(code))} {format_number(value)}")
    return " · ".join(parts) + " km" if parts else ""


#: What each accuracy class means, for the popup.
ACCURACY_MEANINGS: Mapping[str, str] = MappingProxyType({
    "surveyed": "surveyed",
    "traced": "traced along a mapped trace",
    "waypoints": "straight between sourced points",
    "schematic": "schematic: position approximate",
    "hypothetical": "hypothetical",
})


def _accuracy(own: str, accuracy_km: Mapping[str, float]) -> str:
    """``"schematic (weakest part): traced 665.5 km · waypoints 66.4 km · ..."``."""
    if len(accuracy_km) < 2:
        return escape(ACCURACY_MEANINGS.get(own, own))
    parts = " · ".join(f"{escape(ACCURACY_MEANINGS.get(name, name))} {escape(format_km(km))}"
                       for name, km in accuracy_km.items())
    return f"{escape(own)} (its weakest part)<br><span class=\"cg-split\">{parts}</span>"


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{value_html}</td></tr>"


def _source_ref(source_id: str | None, sources: Mapping[str, SourceLabel]) -> str:
    if not source_id:
        return ""
    found = sources.get(source_id)
    return escape(found.label if found else source_id)


def _capacity(items: Sequence[Mapping[str, Any]], sources: Mapping[str, SourceLabel]) -> str:
    parts = []
    for item in items:
        text = escape(format_value(item.get("value"), item.get("unit")))
        if item.get("label"):
            text += f" ({escape(str(item['label']))})"
        ref = _source_ref(item.get("source"), sources)
        parts.append(f"{text} <span class=\"cg-src\">[{ref}]</span>" if ref else text)
    return "<br>".join(parts)


def _published_lengths(
    published: Sequence[Mapping[str, Any]],
    computed_km: float | None,
    sources: Mapping[str, SourceLabel],
    nautical: bool = False,
) -> str:
    items = []
    for entry in published:
        value = entry.get("value")
        text = (f"<b>{escape(published_label(entry, nautical))}</b> — "
                f"{_source_ref(entry.get('source'), sources)}")
        delta = delta_pct(computed_km, value)
        if delta is not None:
            side = "longer" if delta > 0 else "shorter"
            span = " (measured over another stretch)" if entry.get("span") else ""
            text += f"; the drawn line is {abs(delta):.1f} % {side}{span}"
        split = _split(entry.get("by_country_km"))
        if split:
            text += f"<br><span class=\"cg-split\">{split}</span>"
        if entry.get("note"):
            text += f"<br><i>{escape(str(entry['note']))}</i>"
        items.append(f"<li>{text}</li>")
    return f"<h5>Published lengths (as the sources give them)</h5><ul>{''.join(items)}</ul>" \
        if items else ""


def _conflicts(
    conflicts: Iterable[Mapping[str, Any]],
    sources: Mapping[str, SourceLabel],
    heading: str = "Sources disagree",
) -> str:
    items = []
    for conflict in conflicts:
        values = []
        for value in conflict.get("values", []):
            text = escape(format_value(value.get("value"), value.get("unit")))
            if value.get("qualifier"):
                text = f"{escape(str(value['qualifier']))} {text}"
            values.append(f"{text} ({_source_ref(value.get('source'), sources)})")
        body = " <b>vs</b> ".join(values)
        note = f"<br><i>{escape(str(conflict['note']))}</i>" if conflict.get("note") else ""
        items.append(f"<li><b>{escape(str(conflict.get('topic', '')))}</b>: {body}{note}</li>")
    if not items:
        return ""
    return f"<h5 class=\"cg-conflict\">{escape(heading)}</h5><ul>{''.join(items)}</ul>"


def _cited(source: SourceLabel) -> str:
    """A source's label, linked to its page when it has a web address."""
    url = source.url or ""
    if not url.startswith(("https://", "http://")):
        return escape(source.label)
    return (f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
            f"{escape(source.label)}</a>")


def _citations(source_ids: Sequence[str], sources: Mapping[str, SourceLabel]) -> str:
    # quoted seeds first: the verbatim Russian text is the primary citation
    quoted = [sid for sid in source_ids if sid in sources and sources[sid].quote]
    items = []
    for source_id in [*quoted, *(sid for sid in source_ids if sid not in quoted)]:
        found = sources.get(source_id)
        if found is None:
            items.append(f"<li>{escape(source_id)}</li>")
        elif found.quote:
            items.append(
                f"<li>{_cited(found)}: <q lang=\"ru\">{escape(found.quote)}</q></li>"
            )
        else:
            items.append(f"<li>{_cited(found)}</li>")
    return f"<h5>Sources</h5><ul>{''.join(items)}</ul>" if items else ""


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
    name = escape(str(properties.get("name") or feature_id))
    parts = [f"<div class=\"cg-popup\"><h4>{name}</h4>"]
    if properties.get("name_ru"):
        parts.append(f"<div class=\"cg-ru\" lang=\"ru\">{escape(str(properties['name_ru']))}</div>")
    parts.append(f"<div class=\"cg-layer\">{escape(layer_name)}</div>")
    if properties.get("geometry_accuracy") == "hypothetical":
        parts.append(
            "<p class=\"cg-warn\"><b>Hypothetical route</b>: the line is only a picture of the "
            "link, not a surveyed or published alignment.</p>"
        )
    rows = []
    status = escape(str(properties.get("status") or "unknown"))
    if properties.get("status_note"):
        status += f" — {escape(str(properties['status_note']))}"
    rows.append(_row("Status", status))
    if properties.get("operator"):
        rows.append(_row("Operator", escape(str(properties["operator"]))))
    owners = properties.get("owners") or []
    if owners:
        rows.append(_row("Owners", "; ".join(escape(str(owner)) for owner in owners)))
    capacity = properties.get("capacity") or []
    if capacity:
        rows.append(_row("Capacity", _capacity(capacity, sources)))
    if properties.get("geometry_accuracy"):
        rows.append(_row("Geometry", _accuracy(str(properties["geometry_accuracy"]),
                                               accuracy_km or {})))
    nautical = properties.get("kind") == "sea_route"
    if metrics.length_km:
        computed = escape(format_km(metrics.length_km, nautical))
        split = _split(metrics.by_country_km, whole_km=True)
        if split:
            if metrics.border_source:
                split += f" (borders: {escape(metrics.border_source)})"
            computed += f"<br><span class=\"cg-split\">{split}</span>"
        sea = _split(metrics.sea_nearest_state_km, whole_km=True)
        if sea:
            computed += (
                f"<br><span class=\"cg-split\">Caspian part by nearest shore "
                f"(approximate): {sea}</span>"
            )
        rows.append(_row("Computed length (of the line drawn)", computed))
    parts.append(f"<table>{''.join(rows)}</table>")
    parts.append(
        _published_lengths(properties.get("published_length_km") or [], metrics.length_km, sources,
                           nautical)
    )
    parts.append(_conflicts(conflicts, sources))
    parts.append(_conflicts(found_conflicts, sources, heading="Found in the news"))
    if properties.get("note"):
        parts.append(f"<p class=\"cg-note\">{escape(str(properties['note']))}</p>")
    parts.append(_citations(list(properties.get("sources") or []), sources))
    parts.append(f"<div class=\"cg-id\">{escape(feature_id)}</div></div>")
    return "".join(parts)


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
    return escape(" · ".join(part for part in parts if part))


def _user_value(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (dict, list, tuple)):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return escape(shorten(text, USER_VALUE_MAX_CHARS))


def user_popup_html(
    layer_name: str, properties: Mapping[str, Any], length_km: float | None
) -> str:
    """The popup of a feature from a user's ``--add`` file: every property, escaped."""
    rows = [
        _row(shorten(str(key)), _user_value(value))
        for key, value in properties.items()
        if value is not None
    ]
    if length_km:
        rows.append(_row("Computed length", escape(format_km(length_km))))
    return (
        f"<div class=\"cg-popup\"><div class=\"cg-layer\">{escape(layer_name)}</div>"
        f"<table>{''.join(rows)}</table></div>"
    )


def user_tooltip_html(layer_name: str, properties: Mapping[str, Any]) -> str:
    """Tooltip of a user's feature: its ``name`` property, else the file name."""
    name = properties.get("name")
    return escape(shorten(str(name) if name is not None else layer_name))
