"""Validate the catalog: schema, vocabularies, coordinates, ids, quotes and lengths.

:func:`check_catalog` returns every problem it finds rather than stopping at the first, so
``caspian check`` can list them all; it also returns, for every feature with a published
length, the difference between that figure and the geodesic length of our geometry (a finding,
never something to tune the geometry against).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from caspian.geo.settings import (
    DEFAULT_SETTINGS,
    GEOMETRY_ACCURACIES,
    KINDS,
    MODES,
    STATUSES,
    Settings,
)
from caspian.layers.catalog import GROUPS, Layer, load_catalog, short_feature_id
from caspian.layers.citations import verify_layer_citations

REQUIRED_PROPERTIES = (
    "name",
    "name_ru",
    "kind",
    "status",
    "geometry_accuracy",
    "published_length_km",
    "vertex_sources",
    "sources",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog."""

    layer: str
    feature: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.layer}/{self.feature}" if self.feature else self.layer
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LengthFinding:
    """Published versus computed length of one feature, for one published value."""

    layer: str
    feature: str
    geometry_accuracy: str
    length_km: float
    published_km: float
    source: str
    tolerance: float

    @property
    def delta_km(self) -> float:
        """Computed minus published, in km."""
        return self.length_km - self.published_km

    @property
    def delta_pct(self) -> float:
        """Computed minus published, in percent of the published figure."""
        return 100.0 * self.delta_km / self.published_km

    @property
    def within_tolerance(self) -> bool:
        """Whether the difference is inside the tolerance of the accuracy class."""
        return abs(self.delta_km) <= self.tolerance * self.published_km


def _positions(geometry: Mapping[str, Any]) -> list[Any]:
    """Every position of a geometry, flattened in order."""
    coordinates = geometry.get("coordinates")
    kind = geometry.get("type")
    if kind == "Point":
        return [coordinates]
    if kind in ("LineString", "MultiPoint"):
        return list(coordinates or [])
    if kind in ("MultiLineString", "Polygon"):
        return [position for part in coordinates or [] for position in part]
    if kind == "MultiPolygon":
        return [position for polygon in coordinates or [] for ring in polygon for position in ring]
    return []


def _check_position(position: Any) -> str | None:
    if not isinstance(position, (list, tuple)) or len(position) not in (2, 3):
        return f"position {position!r} is not [lon, lat]"
    if not all(
        isinstance(value, (int, float)) and not isinstance(value, bool) for value in position
    ):
        return f"position {position!r} has a value that is not a number"
    lon, lat = position[0], position[1]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"position {position!r} is not finite"
    if not -180 <= lon <= 180:
        return f"longitude {lon} is outside ±180"
    if not -90 <= lat <= 90:
        return f"latitude {lat} is outside ±90 (GeoJSON is [lon, lat]: swapped?)"
    return None


def _entries(
    properties: Mapping[str, Any], key: str, problems: list[str]
) -> list[Mapping[str, Any]]:
    """The objects listed under ``key``; anything else there is reported in ``problems``, so
    one stray string does not stop the check of the rest."""
    listed = properties.get(key) or []
    if not isinstance(listed, list):
        problems.append(f"{key} must be a list of objects, not {type(listed).__name__}")
        return []
    objects = [entry for entry in listed if isinstance(entry, Mapping)]
    problems.extend(
        f"{key} entry {entry!r} is not an object"
        for entry in listed
        if not isinstance(entry, Mapping)
    )
    return objects


def _check_feature(layer: Layer, feature: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    properties = feature.get("properties") or {}
    missing = [key for key in REQUIRED_PROPERTIES if key not in properties]
    if missing:
        problems.append(f"missing properties: {', '.join(missing)}")
    for key, vocabulary in (
        ("kind", KINDS),
        ("status", STATUSES),
        ("geometry_accuracy", GEOMETRY_ACCURACIES),
    ):
        if key in properties and properties[key] not in vocabulary:
            problems.append(f"{key} {properties[key]!r} is not one of {', '.join(vocabulary)}")
    if properties.get("mode") not in (None, *MODES):
        problems.append(f"mode {properties['mode']!r} is not one of {', '.join(MODES)}")
    geometry = feature.get("geometry") or {}
    positions = _positions(geometry)
    if not positions:
        problems.append(f"geometry {geometry.get('type')!r} has no positions")
    problems.extend(filter(None, (_check_position(position) for position in positions)))
    vertex_sources = _entries(properties, "vertex_sources", problems)
    if len(vertex_sources) != len(positions):
        problems.append(
            f"{len(vertex_sources)} vertex_sources for {len(positions)} vertices; "
            "give one per vertex"
        )
    route_places = _entries(properties, "route_places", problems)
    published = _entries(properties, "published_length_km", problems)
    capacity = _entries(properties, "capacity", problems)
    for place in route_places:
        problem = _check_position(place.get("coordinates"))
        if problem:
            problems.append(f"route place {place.get('label')!r}: {problem}")
    cited = list(properties.get("sources") or [])
    for entries in (vertex_sources, route_places, published, capacity):
        cited += [entry.get("source") for entry in entries]
    for source_id in dict.fromkeys(cited):
        if source_id not in layer.sources:
            problems.append(f"cites source {source_id!r}, which the layer does not list")
    if not properties.get("sources"):
        problems.append("lists no sources")
    if properties.get("geometry_accuracy") == "hypothetical" and not properties.get("note"):
        problems.append("hypothetical geometry needs a note saying why")
    for entry in published:
        value = entry.get("value")
        if not isinstance(value, (int, float)) or not value > 0:
            problems.append(f"published length {value!r} is not a positive number")
    return problems


def check_layer(layer: Layer) -> list[Problem]:
    """Every schema, coordinate, source and quote problem of one layer."""
    problems = [Problem(layer.id, None, message) for message in verify_layer_citations(layer)]
    if layer.group not in GROUPS:
        problems.append(
            Problem(layer.id, None, f"group {layer.group!r} is not one of {', '.join(GROUPS)}")
        )
    if not layer.features:
        problems.append(Problem(layer.id, None, "has no features"))
    if not layer.sources:
        problems.append(Problem(layer.id, None, "cites no sources"))
    for conflict in layer.conflicts:
        for value in conflict.get("values", []):
            if value.get("source") not in layer.sources:
                problems.append(
                    Problem(
                        layer.id,
                        None,
                        f"conflict {conflict.get('id')!r} cites unknown source "
                        f"{value.get('source')!r}",
                    )
                )
    for feature in layer.features:
        feature_id = str(feature.get("id", ""))
        if not feature_id.startswith(f"{layer.id}/") or feature_id == f"{layer.id}/":
            problems.append(
                Problem(layer.id, feature_id or None, "feature id must be '<layer>/<feature>'")
            )
        short = short_feature_id(feature)
        problems.extend(
            Problem(layer.id, short, message) for message in _check_feature(layer, feature)
        )
    return problems


def _duplicate_ids(layers: Iterable[Layer]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for layer in layers:
        for feature in layer.features:
            feature_id = str(feature.get("id"))
            if feature_id in seen:
                problems.append(
                    Problem(
                        layer.id, short_feature_id(feature), f"duplicate feature id {feature_id}"
                    )
                )
            seen[feature_id] = layer.id
    return problems


def length_findings(
    layers: Iterable[Layer], settings: Settings = DEFAULT_SETTINGS
) -> list[LengthFinding]:
    """Published versus geodesic length for every published value of every line feature."""
    import shapely.geometry
    from caspian.geo.geodesy import geodesic_lengths_km

    findings = []
    for layer in layers:
        geometries = [shapely.geometry.shape(feature["geometry"]) for feature in layer.features]
        lengths = geodesic_lengths_km(geometries, settings)
        for feature, length_km in zip(layer.features, lengths, strict=True):
            properties = feature.get("properties") or {}
            accuracy = str(properties.get("geometry_accuracy"))
            tolerance = settings.length_tolerance.get(accuracy, 0.0)
            for entry in properties.get("published_length_km") or []:
                if (
                    length_km > 0
                    and isinstance(entry.get("value"), (int, float))
                    and entry["value"] > 0
                ):
                    findings.append(
                        LengthFinding(
                            layer=layer.id,
                            feature=short_feature_id(feature),
                            geometry_accuracy=accuracy,
                            length_km=float(length_km),
                            published_km=float(entry["value"]),
                            source=str(entry.get("source")),
                            tolerance=tolerance,
                        )
                    )
    return findings


def check_catalog(
    layer_ids: Sequence[str] | None = None, settings: Settings = DEFAULT_SETTINGS
) -> tuple[list[Problem], list[LengthFinding]]:
    """Validate the catalog.

    Returns
    -------
    problems : list of Problem
        Everything wrong; empty when the catalog is valid. A published length outside the
        tolerance of its feature's accuracy class (``settings.length_tolerance``) is a problem.
    findings : list of LengthFinding
        Published versus computed length for every feature that has a published length.
    """
    layers = list(load_catalog(layer_ids).values())
    problems = [problem for layer in layers for problem in check_layer(layer)]
    problems += _duplicate_ids(layers)
    findings = length_findings(layers, settings)
    from caspian.layers.sea_routing import sea_crossings  # loads the borders only when run

    problems += [Problem(c.layer, c.feature, c.message) for c in sea_crossings(layers)]
    for finding in findings:
        if not finding.within_tolerance:
            problems.append(
                Problem(
                    finding.layer,
                    finding.feature,
                    f"computed {finding.length_km:,.1f} km is {finding.delta_pct:+.1f}% from the "
                    f"published {finding.published_km:,.1f} km ({finding.source}); the "
                    f"{finding.geometry_accuracy} class allows ±{finding.tolerance:.0%}",
                )
            )
    return problems, findings


def evidence_flags(layer_ids: Sequence[str] | None = None) -> list[Problem]:
    """Seed citations whose quote mentions no layer, and layers a seed mentions but does not
    cite: findings of the news reader (:mod:`caspian.layers.news.evidence`) to review, which do
    not make the catalog invalid."""
    from caspian.layers.news.evidence import citation_flags

    return [Problem(*flag) for flag in citation_flags(load_catalog(layer_ids).values())]
