"""How a feature looks on the map: colour by kind, line pattern by status and accuracy.

One vocabulary for everyone: :data:`caspian.layers.catalog.vocabulary.STATUSES` and
:data:`~caspian.layers.catalog.vocabulary.KINDS`. The legend is built from the same tables, so
the map and its legend cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from caspian.layers.export.symbology import (
    DEFAULT_COLOUR,
    HYPOTHETICAL_DASH,
    KIND_COLOURS,
    KIND_LABELS,
    POINT_KINDS,
    POINT_RADIUS_PX,
    STATUS_DASHES,
    STATUS_OPACITY,
    dash_pattern,
    line_width_px,
    opacity,
    point_fill_opacity,
)

__all__ = [
    "HYPOTHETICAL_DASH", "KIND_COLOURS", "KIND_LABELS", "PANES", "STATUS_DASHES",
    "STATUS_OPACITY", "TRUST_MARKS", "USER_COLOUR", "feature_style", "legend_entries",
    "trust_legend_entries", "trust_mark_style", "user_style",
]

#: Colour of features a user adds with ``--add``.
USER_COLOUR = "#009e73"

#: Leaflet panes from bottom to top, with their z-index (Leaflet's own overlayPane is 400).
#: Corridors and sea routes lie under pipelines and cables, so a cable that shares a landfall
#: with a ferry route stays visible; points lie on top so ports stay clickable; a user's own
#: features lie above everything of ours.
PANES: Mapping[str, int] = MappingProxyType(
    {"cgUserAreas": 405, "cgRoutes": 410, "cgLines": 420, "cgPoints": 430, "cgUser": 440}
)
_KIND_PANES: Mapping[str, str] = MappingProxyType(
    {"railway": "cgRoutes", "sea_route": "cgRoutes", "road": "cgRoutes",
     "port": "cgPoints", "point": "cgPoints"}
)


def feature_style(
    kind: str | None, status: str | None, geometry_accuracy: str | None = None
) -> dict[str, Any]:
    """Leaflet path options for one catalog feature.

    Parameters
    ----------
    kind : str or None
        One of :data:`caspian.layers.catalog.vocabulary.KINDS`; unknown kinds are drawn dark grey.
    status : str or None
        One of :data:`caspian.layers.catalog.vocabulary.STATUSES`; unknown statuses are drawn solid.
    geometry_accuracy : str or None
        ``"hypothetical"`` makes the line dotted.

    Returns
    -------
    dict
        ``color``, ``weight`` (pixels), ``opacity`` (0–1), ``dashArray`` (SVG dash pattern or
        None), ``lineCap``, ``pane`` (one of :data:`PANES`) and, for points, ``radius``
        (pixels), ``fillColor``, ``fillOpacity``.
    """
    dash = dash_pattern(status, geometry_accuracy)
    style: dict[str, Any] = {
        "color": KIND_COLOURS.get(kind or "", DEFAULT_COLOUR),
        "weight": line_width_px(kind),
        "opacity": opacity(status),
        "dashArray": dash,
        "lineCap": "round" if dash == HYPOTHETICAL_DASH else "butt",
        "pane": _KIND_PANES.get(kind or "", "cgLines"),
    }
    if kind in POINT_KINDS:
        style.update(
            radius=POINT_RADIUS_PX[kind],
            fillColor=style["color"],
            fillOpacity=point_fill_opacity(status),
            lineCap="round",
        )
    return style


#: A corridor route's legs (``caspian route --mode corridor -o``, their ``segment``), drawn
#: by mode when the file is added: rail and sea in the catalog's colours, a transfer dotted,
#: a gap (no track) dashed grey.
ROUTE_LEG_STYLES: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "rail": {"color": KIND_COLOURS["railway"], "dashArray": None, "weight": 5},
    "sea": {"color": KIND_COLOURS["sea_route"], "dashArray": None, "weight": 5},
    "transfer": {"color": "#000000", "dashArray": HYPOTHETICAL_DASH, "weight": 5},
    "gap": {"color": "#999999", "dashArray": "6 6", "weight": 4},
})


def user_style(geometry_type: str | None = None, segment: Any = None) -> dict[str, Any]:
    """Leaflet path options for a user's own features (``--add``).

    A user's lines and points lie above everything of ours; their polygons lie under our
    lines and points, lightly filled, so that an area drawn over the Caspian does not hide
    the ports or take their clicks. A corridor route's leg (``segment`` one of
    :data:`ROUTE_LEG_STYLES`) is drawn by its mode.
    """
    area = geometry_type in ("Polygon", "MultiPolygon")
    leg = ROUTE_LEG_STYLES.get(segment) if isinstance(segment, str) and not area else None
    return {
        "color": USER_COLOUR,
        "weight": 2 if area else 3,
        "opacity": 0.95,
        "dashArray": None,
        "lineCap": "round",
        "radius": 6,
        "fillColor": USER_COLOUR,
        "fillOpacity": 0.2 if area else 0.6,
        "pane": "cgUserAreas" if area else "cgUser",
        **(leg or {}),
    }


#: The mark drawn on top of a stretch of a line, by accuracy class: a white core along the
#: line, solid where the line runs straight between sourced points (waypoints), broken where
#: its position is only approximate (schematic). Traced stretches are the line as it is; a
#: hypothetical line is dotted as a whole. ``core`` is the core's share of the line's width.
TRUST_MARKS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "waypoints": MappingProxyType({"color": "#ffffff", "core": 0.34, "dashArray": None,
                                   "label": "straight between sourced points"}),
    "schematic": MappingProxyType({"color": "#ffffff", "core": 0.5, "dashArray": "2 4",
                                   "label": "schematic (position approximate)"}),
})


def trust_mark_style(accuracy: str, line_style: Mapping[str, Any]) -> dict[str, Any]:
    """Leaflet path options of the mark on a ``waypoints`` or ``schematic`` stretch of a line
    drawn with ``line_style`` (:func:`feature_style`): not interactive, in the line's pane."""
    mark = TRUST_MARKS[accuracy]
    return {
        "color": mark["color"],
        "weight": max(1.0, round(line_style["weight"] * mark["core"], 1)),
        "opacity": 0.95,
        "dashArray": mark["dashArray"],
        "lineCap": "butt",
        "pane": line_style["pane"],
        "interactive": False,
    }


LegendRows = list[tuple[str, dict[str, Any]]]


def legend_entries(kinds: list[str]) -> tuple[LegendRows, LegendRows]:
    """Legend rows: one per kind present, one per line pattern.

    Parameters
    ----------
    kinds : list of str
        The kinds drawn on the map, in the order to show them.

    Returns
    -------
    (list, list)
        ``(label, style)`` pairs for the kinds and for the statuses (plus the hypothetical
        pattern); labels are plain text, to be escaped by the caller.
    """
    kind_rows = [(KIND_LABELS.get(kind, kind), feature_style(kind, "operating")) for kind in kinds]
    status_rows: LegendRows = []
    seen: set[str | None] = set()
    for status, dash in STATUS_DASHES.items():
        if dash in seen:
            # statuses that share a pattern share a row: "planned / proposed"
            label, style = status_rows[-1]
            status_rows[-1] = (f"{label} / {status}", style)
            continue
        seen.add(dash)
        status_rows.append((status, feature_style("road", status)))
    status_rows.append(("hypothetical route", feature_style("road", "planned", "hypothetical")))
    return kind_rows, status_rows


def trust_legend_entries() -> LegendRows:
    """Legend rows of how far a line's position can be trusted: traced, then each mark
    (:data:`TRUST_MARKS`) on a sample line, then hypothetical; each style carries the mark
    under ``"mark"``."""
    line = feature_style("railway", "operating")
    rows: LegendRows = [("traced (follows a mapped trace)", line)]
    for accuracy, mark in TRUST_MARKS.items():
        rows.append((str(mark["label"]), {**line, "mark": trust_mark_style(accuracy, line)}))
    rows.append(("hypothetical (dotted)", feature_style("railway", "planned", "hypothetical")))
    return rows
