"""Validate the catalog: the GeoJSON rules, the catalog schema, references, quotes, lengths.

The catalog is checked by the same GeoJSON rules as a user's file
(:mod:`caspian.layers.io.geojson_rules`) plus the catalog's schema
(:mod:`caspian.layers.catalog.schema`, ``docs/catalog-schema.md``): one validator, so what
``caspian check`` accepts every reader can process. The checks are plain functions listed in
:data:`LAYER_CHECKS` and :data:`CATALOG_CHECKS`.

:func:`check_catalog` returns every problem it finds rather than stopping at the first, so
``caspian check`` can list them all; it also returns, for every feature with a published
length, the difference between that figure and the geodesic length of our geometry (a finding,
never something to tune the geometry against).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely.geometry
from caspian.geo.arguments import settings_or_default
from caspian.geo.figures import delta_pct
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.catalog.citations import verify_layer_citations
from caspian.layers.catalog.loading import Layer, load_catalog, short_feature_id
from caspian.layers.catalog.schema import FEATURE_PROPERTIES, LAYER_MEMBERS, members
from caspian.layers.io.geojson_rules import SUPPORTED_GEOMETRY_TYPES, check_document
from caspian.layers.news.evidence import citation_flags
from caspian.layers.routing.sea import sea_crossings


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
        return float(delta_pct(self.length_km, self.published_km))

    @property
    def within_tolerance(self) -> bool:
        """Whether the difference is inside the tolerance of the accuracy class."""
        return abs(self.delta_km) <= self.tolerance * self.published_km


LayerCheck = Callable[[Layer], Iterable[Problem]]
CatalogCheck = Callable[[Sequence[Layer]], Iterable[Problem]]


def geojson_problems(layer: Layer) -> Iterator[Problem]:
    """The rules every GeoJSON file passes (:mod:`caspian.layers.io.geojson_rules`, the same as
    ``caspian validate``), with the catalog schema for the features' properties."""
    features = layer.features
    found = check_document(layer.to_geojson(), SUPPORTED_GEOMETRY_TYPES, False,
                           properties=FEATURE_PROPERTIES)
    for index, _, message in found:
        feature = None if index is None or index >= len(features) else features[index]
        yield Problem(layer.id, None if feature is None else short_feature_id(feature), message)


def layer_schema_problems(layer: Layer) -> Iterator[Problem]:
    """The layer's own members: id, names, group, sources and conflicts
    (``docs/catalog-schema.md``)."""
    collection = layer.to_geojson()
    for message in members(LAYER_MEMBERS, collection):
        yield Problem(layer.id, None, message)
    if not layer.features:
        yield Problem(layer.id, None, "has no features")
    if not layer.sources:
        yield Problem(layer.id, None, "cites no sources")


def citation_problems(layer: Layer) -> Iterator[Problem]:
    """Every seed quote is found, verbatim, at its offsets in its seed."""
    for message in verify_layer_citations(layer):
        yield Problem(layer.id, None, message)


def _cited(properties: Mapping[str, Any]) -> list[Any]:
    cited = [source for key in ("sources", "traced_sources")
             if isinstance(properties.get(key), list) for source in properties[key]]
    for key in ("vertex_sources", "route_places", "published_length_km", "capacity"):
        entries = properties.get(key)
        if isinstance(entries, list):
            cited += [entry.get("source") for entry in entries
                      if isinstance(entry, Mapping) and "source" in entry]
    return cited


def _position_count(geometry: Any) -> int:
    """Vertices of a geometry the GeoJSON rules accepted (parts concatenated)."""
    # slow import: GEOS and numpy
    import shapely

    try:
        return int(shapely.get_num_coordinates(shapely.geometry.shape(geometry)))
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
        return -1


def reference_problems(layer: Layer) -> Iterator[Problem]:
    """Ids are ``<layer>/<feature>``, every cited source is listed, one vertex source per
    vertex, and a hypothetical line says why in its note."""
    for conflict in layer.conflicts:
        for value in conflict.get("values") or []:
            if isinstance(value, Mapping) and value.get("source") not in layer.sources:
                yield Problem(layer.id, None, f"conflict {conflict.get('id')!r} cites unknown "
                              f"source {value.get('source')!r}")
    for feature in layer.features:
        feature_id = str(feature.get("id", ""))
        short = short_feature_id(feature)
        if not feature_id.startswith(f"{layer.id}/") or feature_id == f"{layer.id}/":
            yield Problem(layer.id, feature_id or None, "feature id must be '<layer>/<feature>'")
        properties = feature.get("properties")
        if not isinstance(properties, Mapping):
            continue
        for source_id in dict.fromkeys(map(str, _cited(properties))):
            if source_id not in layer.sources:
                yield Problem(layer.id, short,
                              f"cites source {source_id!r}, which the layer does not list")
        if "sources" in properties and not properties.get("sources"):
            yield Problem(layer.id, short, "lists no sources")
        if properties.get("geometry_accuracy") == "hypothetical" and not properties.get("note"):
            yield Problem(layer.id, short, "hypothetical geometry needs a note saying why")
        vertex_sources = properties.get("vertex_sources")
        count = _position_count(feature.get("geometry"))
        if isinstance(vertex_sources, list) and count >= 0 and len(vertex_sources) != count:
            yield Problem(layer.id, short, f"{len(vertex_sources)} vertex_sources for {count} "
                          "vertices; give one per vertex")


def duplicate_id_problems(layers: Sequence[Layer]) -> Iterator[Problem]:
    """A feature id used by two layers (within a layer, the GeoJSON rules report it)."""
    seen: dict[str, str] = {}
    for layer in layers:
        for feature_id in dict.fromkeys(str(feature.get("id")) for feature in layer.features):
            if seen.get(feature_id, layer.id) != layer.id:
                yield Problem(layer.id, feature_id.split("/", 1)[-1],
                              f"duplicate feature id {feature_id} (layer {seen[feature_id]} has "
                              "it too)")
            seen.setdefault(feature_id, layer.id)


def sea_crossing_problems(layers: Sequence[Layer]) -> Iterator[Problem]:
    """Sea legs and subsea cables that cross land between their landfalls."""
    for crossing in sea_crossings(layers):
        yield Problem(crossing.layer, crossing.feature, crossing.message)


#: What ``caspian check`` checks in each layer, in order; add a check here (a function of a
#: :class:`Layer` yielding :class:`Problem`) and ``check_layer``/``check_catalog`` run it.
LAYER_CHECKS: tuple[LayerCheck, ...] = (
    geojson_problems,
    layer_schema_problems,
    reference_problems,
    citation_problems,
)

#: Checks across the layers (a function of every checked layer yielding :class:`Problem`);
#: the published-length tolerance is applied by :func:`check_catalog` from its findings.
CATALOG_CHECKS: tuple[CatalogCheck, ...] = (duplicate_id_problems, sea_crossing_problems)


def check_layer(layer: Layer) -> list[Problem]:
    """Every problem of one layer: each of :data:`LAYER_CHECKS` in turn."""
    return [problem for check in LAYER_CHECKS for problem in check(layer)]


def length_findings(
    layers: Iterable[Layer], settings: Settings | None = DEFAULT_SETTINGS
) -> list[LengthFinding]:
    """Published versus geodesic length for every published value of every line feature."""
    settings = settings_or_default(settings)

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


def _km(value: float) -> str:
    """Kilometres to 0.1 km, or to their significant digits when that would show a positive
    length as 0.0 (a published 0.00001 km is not "0.0 km" beside "+...%")."""
    return f"{value:,.1f}" if value == 0 or abs(value) >= 0.05 else f"{value:.3g}"


def check_catalog(
    layer_ids: Sequence[str] | None = None, settings: Settings | None = DEFAULT_SETTINGS
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
    settings = settings_or_default(settings)
    layers = list(load_catalog(layer_ids).values())
    problems = [problem for layer in layers for problem in check_layer(layer)]
    problems += [problem for check in CATALOG_CHECKS for problem in check(layers)]
    findings = length_findings(layers, settings)
    for finding in findings:
        if not finding.within_tolerance:
            problems.append(
                Problem(
                    finding.layer,
                    finding.feature,
                    f"computed {_km(finding.length_km)} km is {finding.delta_pct:+.1f}% from the "
                    f"published {_km(finding.published_km)} km ({finding.source}); the "
                    f"{finding.geometry_accuracy} class allows ±{finding.tolerance:.0%}",
                )
            )
    return problems, findings


def evidence_flags(layer_ids: Sequence[str] | None = None) -> list[Problem]:
    """Seed citations whose quote mentions no layer, and layers a seed mentions but does not
    cite: findings of the news reader (:mod:`caspian.layers.news.evidence`) to review, which do
    not make the catalog invalid."""
    return [Problem(*flag) for flag in citation_flags(load_catalog(layer_ids).values())]
