"""Which catalog lines are still schematic, and why they are not drawn along a mapped trace.

``caspian check`` lists them so that a reader sees, line by line, what is a picture of a link
rather than its track. The reason comes from the feature's ``untraced_reason`` property (see
``docs/catalog-schema.md``); a line without one says that no reason is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from caspian.layers.catalog import Layer, short_feature_id

#: Accuracy classes whose lines are not drawn along a surveyed or mapped alignment.
UNTRACED_ACCURACIES: tuple[str, ...] = ("schematic", "hypothetical")

#: GeoJSON types that are lines.
LINE_TYPES: tuple[str, ...] = ("LineString", "MultiLineString")

NO_REASON = "no reason recorded"


@dataclass(frozen=True)
class SchematicLine:
    """One line feature that is not drawn along a surveyed or mapped trace."""

    layer: str
    feature: str
    status: str
    geometry_accuracy: str
    reason: str

    def as_row(self) -> dict[str, str]:
        """The line as a table row (``feature``, ``status``, ``accuracy``, ``why``)."""
        return {
            "feature": f"{self.layer}/{self.feature}",
            "status": self.status,
            "accuracy": self.geometry_accuracy,
            "why": self.reason,
        }


def schematic_lines(layers: Iterable[Layer]) -> list[SchematicLine]:
    """Every line feature of ``layers`` whose geometry accuracy is schematic or hypothetical.

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
