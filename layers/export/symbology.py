"""How the catalog is drawn, in one vocabulary for every renderer: colour by kind, line pattern
and opacity by status, a dotted line for a hypothetical geometry.

The interactive map (:mod:`caspian.maps.styles`) and the GeoPackage's QGIS styles
(:mod:`caspian.layers.export.qgis`) both read these tables, so the map, its legend and QGIS
cannot disagree. Widths and dash lengths are screen pixels.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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

#: Stroke width of a line, pixels: trunk lines (pipelines, railways) are drawn heavier.
HEAVY_KINDS: frozenset[str] = frozenset({"pipeline", "railway"})
#: Radius of a point's circle, pixels.
POINT_RADIUS_PX: Mapping[str, int] = MappingProxyType({"port": 7, "point": 5})
#: Kinds drawn as points.
POINT_KINDS: frozenset[str] = frozenset(POINT_RADIUS_PX)
#: Colour of a kind outside :data:`KIND_COLOURS`.
DEFAULT_COLOUR = "#333333"


def line_width_px(kind: str | None) -> int:
    """Stroke width of a line of ``kind``, pixels (points' outlines are 2 px)."""
    if kind in POINT_KINDS:
        return 2
    return 4 if kind in HEAVY_KINDS else 3


def dash_pattern(status: str | None, geometry_accuracy: str | None = None) -> str | None:
    """SVG ``stroke-dasharray`` (pixels) of a line: by status, dotted when hypothetical;
    None is solid."""
    if geometry_accuracy == "hypothetical":
        return HYPOTHETICAL_DASH
    return STATUS_DASHES.get(status or "operating")


def opacity(status: str | None) -> float:
    """Stroke opacity (0–1) by status: what is not being built is fainter."""
    return STATUS_OPACITY.get(status or "operating", 0.9)


def point_fill_opacity(status: str | None) -> float:
    """Fill opacity of a point: solid while operating."""
    return 0.85 if status == "operating" else 0.35
