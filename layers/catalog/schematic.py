"""Which catalog lines are still schematic, and why they are not drawn along a mapped trace;
which of their segments are still long straight lines.

``caspian check`` lists them so that a reader sees, line by line, what is a picture of a link
rather than its track. The reason comes from the feature's ``untraced_reason`` property (see
``docs/catalog-schema.md``); a line without one says that no reason is recorded.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from caspian.geo.settings import Settings
from caspian.layers.catalog.accuracy import long_segments
from caspian.layers.catalog.loading import Layer, short_feature_id

#: Accuracy classes whose lines are not drawn along a surveyed or mapped alignment (a
#: ``waypoints`` line is straight between its sourced positions, at least in part).
UNTRACED_ACCURACIES: tuple[str, ...] = ("waypoints", "schematic", "hypothetical")

#: GeoJSON types that are lines.
LINE_TYPES: tuple[str, ...] = ("LineString", "MultiLineString")

NO_REASON = "no reason recorded"


@dataclass(frozen=True)
class LineFinding(ABC):
    """Something ``caspian check`` lists about one catalog line: a row of its table."""

    layer: str
    feature: str

    def as_row(self) -> dict[str, str]:
        """The finding as a table row: ``feature`` (``layer/feature``), then :meth:`cells`."""
        return {"feature": f"{self.layer}/{self.feature}", **self.cells()}

    @abstractmethod
    def cells(self) -> dict[str, str]:
        """The row's columns after ``feature``."""


@dataclass(frozen=True)
class SchematicLine(LineFinding):
    """One line feature that is not drawn along a surveyed or mapped trace."""

    status: str
    geometry_accuracy: str
    reason: str

    def cells(self) -> dict[str, str]:
        """``status``, ``accuracy`` and ``why``."""
        return {"status": self.status, "accuracy": self.geometry_accuracy, "why": self.reason}


def schematic_lines(layers: Iterable[Layer]) -> list[SchematicLine]:
    """Every line feature of ``layers`` whose geometry accuracy is waypoints, schematic or
    hypothetical.

    Parameters
    ----------
    layers : iterable of Layer
        Catalog layers, in the order the lines are to be listed.

    Returns
    -------
    list of SchematicLine
        In layer order, then feature order.
    """
    lines = []
    for layer in layers:
        for feature in layer.features:
            properties = feature.get("properties") or {}
            accuracy = str(properties.get("geometry_accuracy"))
            geometry_type = (feature.get("geometry") or {}).get("type")
            if accuracy in UNTRACED_ACCURACIES and geometry_type in LINE_TYPES:
                lines.append(
                    SchematicLine(
                        layer=layer.id,
                        feature=short_feature_id(feature),
                        status=str(properties.get("status")),
                        geometry_accuracy=accuracy,
                        reason=str(properties.get("untraced_reason") or NO_REASON),
                    )
                )
    return lines


#: Straight segments longer than this many kilometres are listed by ``caspian check``.
STRAIGHT_LIMIT_KM = 50.0


@dataclass(frozen=True)
class StraightStretch(LineFinding):
    """One straight segment of a catalog line longer than :data:`STRAIGHT_LIMIT_KM`."""

    accuracy: str
    length_km: float
    start: str
    end: str

    def cells(self) -> dict[str, str]:
        """``accuracy``, ``km`` (one decimal) and the segment's ends, ``from`` and ``to``."""
        return {"accuracy": self.accuracy, "km": f"{self.length_km:,.1f}", "from": self.start,
                "to": self.end}


def _vertex_label(vertex_sources: Any, index: int) -> str:
    if isinstance(vertex_sources, list) and index < len(vertex_sources):
        entry = vertex_sources[index]
        if isinstance(entry, Mapping) and entry.get("label"):
            return str(entry["label"])
    return f"vertex {index}"


def straight_stretches(
    layers: Iterable[Layer], min_km: float = STRAIGHT_LIMIT_KM, settings: Settings | None = None
) -> list[StraightStretch]:
    """Every straight segment longer than ``min_km`` km of every line of ``layers``.

    A traced line keeps its mapped trace's own long segments (OpenStreetMap maps some lines
    coarsely), so those are listed too, with their class; the rest are the stretches still
    drawn straight between two positions.

    Returns
    -------
    list of StraightStretch
        In layer, feature and line order; ``start``/``end`` are the ends' ``vertex_sources``
        labels (why the line is not traced is in :func:`schematic_lines`).
    """
    # slow import: GEOS and numpy
    import shapely.geometry

    stretches = []
    for layer in layers:
        for feature in layer.features:
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if geometry.get("type") not in LINE_TYPES:
                continue
            vertex_sources = properties.get("vertex_sources")
            for segment in long_segments(properties, shapely.geometry.shape(geometry), min_km,
                                         settings):
                stretches.append(StraightStretch(
                    layer=layer.id,
                    feature=short_feature_id(feature),
                    accuracy=segment.accuracy,
                    length_km=segment.length_km,
                    start=_vertex_label(vertex_sources, segment.start_vertex),
                    end=_vertex_label(vertex_sources, segment.end_vertex),
                ))
    return stretches
