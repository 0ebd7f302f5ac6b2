"""How a feature looks on the map: colour by kind, line pattern by status and accuracy.

One vocabulary for everyone: :data:`caspian.geo.settings.STATUSES` and
:data:`~caspian.geo.settings.KINDS`. The legend is built from the same tables, so the map and
its legend cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: Stroke colour per feature kind (colour-blind-safe Okabe–Ito palette where possible).
KIND_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "port": "#0b3d91",
        "pipeline": "#1a1a1a",
        "fiber_cable": "#7b3294",
        "power_cable": "#e66100",
        "railway": "#b2182b",
        "sea_route": "#0072b2",
        "road": "#6b6b6b",
        "point": "#4d4d4d",
    }
)

#: English labels of the kinds, for the legend.
KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "port": "Port",
        "pipeline": "Pipeline",
        "fiber_cable": "Fibre-optic cable",
        "power_cable": "Power cable",
        "railway": "Railway",
        "sea_route": "Sea route",
        "road": "Road",
        "point": "Other place",
    }
)

#: SVG ``stroke-dasharray`` per status; ``None`` is a solid line.
STATUS_DASHES: Mapping[str, str | None] = MappingProxyType(
    {
        "operating": None,
        "construction": "10 4 2 4",
        "planned": "8 6",
        "proposed": "8 6",
        "shelved": "3 7",
        "cancelled": "3 7",
    }
)

#: Stroke opacity per status: what is not being built is drawn fainter.
STATUS_OPACITY: Mapping[str, float] = MappingProxyType(
    {
        "operating": 0.95,
        "construction": 0.9,
        "planned": 0.8,
        "proposed": 0.7,
        "shelved": 0.45,
        "cancelled": 0.35,
    }
)

#: A line whose geometry is only a guess is dotted, whatever its status.
HYPOTHETICAL_DASH = "1 7"

#: Colour of features a user adds with ``--add``.
USER_COLOUR = "#009e73"

_DEFAULT_COLOUR = "#333333"

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
        One of :data:`caspian.geo.settings.KINDS`; unknown kinds are drawn dark grey.
    status : str or None
        One of :data:`caspian.geo.settings.STATUSES`; unknown statuses are drawn solid.
    geometry_accuracy : str or None
        ``"hypothetical"`` makes the line dotted.

    Returns
    -------
    dict
        ``color``, ``weight`` (pixels), ``opacity`` (0–1), ``dashArray`` (SVG dash pattern or
        None), ``lineCap``, ``pane`` (one of :data:`PANES`) and, for points, ``radius``
        (pixels), ``fillColor``, ``fillOpacity``.
    """
    colour = KIND_COLOURS.get(kind or "", _DEFAULT_COLOUR)
    dash = STATUS_DASHES.get(status or "operating")
    if geometry_accuracy == "hypothetical":
        dash = HYPOTHETICAL_DASH
    style: dict[str, Any] = {
        "color": colour,
        "weight": 4 if kind in ("pipeline", "railway") else 3,
        "opacity": STATUS_OPACITY.get(status or "operating", 0.9),
        "dashArray": dash,
        "lineCap": "round" if dash == HYPOTHETICAL_DASH else "butt",
        "pane": _KIND_PANES.get(kind or "", "cgLines"),
    }
    if kind in ("port", "point"):
        style.update(
            radius=7 if kind == "port" else 5,
            fillColor=colour,
            fillOpacity=0.85 if status == "operating" else 0.35,
            weight=2,
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
