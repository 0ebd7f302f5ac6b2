"""The catalog as one flat table: one row per feature, flat columns (text, numbers, JSON
text), EPSG:4326, the frame every export format writes (:mod:`caspian.layers.export.formats`).

Coordinates are rounded to ``settings.coordinate_decimals`` (7, about 1 cm) and polygons are
oriented counter-clockwise, the same in every format.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
import shapely.geometry
from caspian.geo.arguments import settings_or_default
from caspian.geo.figures import round_coordinates
from caspian.geo.geodesy import linestring_lengths_km
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.catalog.accuracy import (
    ACCURACY_COLUMNS,
    STRETCHES_PROPERTY,
    accuracy_columns,
    stretches_text,
)
from caspian.layers.catalog.citations import layer_citations
from caspian.layers.catalog.loading import Layer, load_catalog, short_feature_id

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = [
    "COLUMNS",
    "NUMBER_COLUMNS",
    "TEXT_COLUMNS",
    "citation_table",
    "frame_from_layers",
    "source_table",
    "to_geodataframe",
]

#: Columns of :func:`to_geodataframe`, in order (``geometry`` last).
COLUMNS: tuple[str, ...] = (
    "layer", "feature", "id", "name", "name_ru", "kind", "mode", "status", "status_note",
    "geometry_accuracy", "operator", "owners", "capacity", "published_length_km",
    "published_lengths", "length_km", "note", "osm_way_ids", "citations", "sources",
    STRETCHES_PROPERTY, *ACCURACY_COLUMNS, "geometry",
)

NUMBER_COLUMNS = ("published_length_km", "length_km", *ACCURACY_COLUMNS)
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in (*NUMBER_COLUMNS, "geometry"))


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _capacity_text(entries: Any) -> str | None:
    parts = []
    for entry in entries or []:
        if not isinstance(entry, Mapping):
            parts.append(str(entry))
            continue
        text = " ".join(str(entry[key]) for key in ("value", "unit") if entry.get(key) is not None)
        if entry.get("label"):
            text += f", {entry['label']}"
        parts.append(text)
    return "; ".join(parts) or None


def _first_length(entries: Any) -> float | None:
    for entry in entries or []:
        value = entry.get("value") if isinstance(entry, Mapping) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def _citations(layer: Layer, source_ids: Sequence[str], labels: Mapping[str, Any]) -> list[dict]:
    records = []
    for source_id in source_ids:
        source = dict(layer.sources.get(source_id) or {"id": source_id})
        citation = labels.get(source_id)
        record = {
            "source": source_id,
            "type": source.get("type"),
            "outlet": citation.outlet if citation else source.get("outlet"),
            "date": citation.date if citation else source.get("date"),
            "page": source.get("page"),
            "url": source.get("url"),
            "attribution": source.get("attribution"),
            "seed": source.get("seed"),
            "quote": source.get("quote"),
            "start": source.get("start"),
            "end": source.get("end"),
        }
        records.append({key: value for key, value in record.items() if value is not None})
    return records


def _sources_text(records: Sequence[Mapping[str, Any]]) -> str | None:
    parts = []
    for record in records:
        label = str(record.get("outlet") or record["source"])
        if record.get("date"):
            label += f" {record['date']}"
        if record.get("quote"):
            label += f": «{record['quote']}»"
        elif record.get("page"):
            label += f": {record['page']}"
        parts.append(label)
    return "; ".join(parts) or None


def _labels(layer: Layer) -> dict[str, Any]:
    return {citation.source_id: citation for citation in layer_citations(layer)}


def _rows(layer: Layer) -> list[dict[str, Any]]:
    labels = _labels(layer)
    rows = []
    for feature in layer.features:
        properties = dict(feature.get("properties") or {})
        citations = _citations(layer, list(properties.get("sources") or []), labels)
        lengths = list(properties.get("published_length_km") or [])
        owners = properties.get("owners") or []
        rows.append({
            "layer": layer.id,
            "feature": short_feature_id(feature),
            "id": str(feature["id"]),
            **{key: properties.get(key) for key in (
                "name", "name_ru", "kind", "mode", "status", "status_note",
                "geometry_accuracy", "operator")},
            "owners": "; ".join(str(owner) for owner in owners) or None,
            "capacity": _capacity_text(properties.get("capacity")),
            "published_length_km": _first_length(lengths),
            "published_lengths": _json_text(lengths),
            "note": properties.get("note"),
            "osm_way_ids": "; ".join(str(way) for way in properties.get("osm_way_ids") or [])
            or None,
            "citations": _json_text(citations),
            "sources": _sources_text(citations),
            "geometry": feature["geometry"],
        })
    return rows


def _normalise(geometries: Any, settings: Settings) -> Any:
    decimals = settings.coordinate_decimals
    rounded = shapely.transform(np.asarray(geometries, dtype=object),
                                lambda xy: round_coordinates(xy, decimals), include_z=None)
    return shapely.orient_polygons(rounded, exterior_cw=False)


def _lengths_km(geometries: Any, settings: Settings) -> Any:
    return np.round(linestring_lengths_km(geometries, settings), 3)


def frame_from_layers(
    layers: Sequence[Layer], settings: Settings | None = DEFAULT_SETTINGS
) -> geopandas.GeoDataFrame:
    """Flatten ``layers`` into the export frame (see :func:`to_geodataframe`)."""
    settings = settings_or_default(settings)
    import geopandas  # slow to import (pandas, pyogrio): only when a frame is built

    rows = [row for layer in layers for row in _rows(layer)]
    shapes = [shapely.geometry.shape(row.pop("geometry")) for row in rows]
    geometries = _normalise(shapes, settings)
    frame = geopandas.GeoDataFrame(rows, columns=[c for c in COLUMNS if c != "geometry"])
    for column in TEXT_COLUMNS:
        # An all-null column would otherwise become float; keep text as text, null as None.
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    # A number column stays a number column whatever the layers chosen (all None: NaN).
    frame["published_length_km"] = frame["published_length_km"].astype("float64")
    frame["length_km"] = _lengths_km(geometries, settings) if rows else []
    properties = [feature.get("properties") or {} for layer in layers
                  for feature in layer.features]
    by_accuracy = accuracy_columns(properties, list(geometries), frame["length_km"], settings)
    for column, values in by_accuracy.items():
        frame[column] = np.round(values, 1 if column == "traced_pct" else 3)
    # Each line's stretches as vertex ranges, so that the file measures as the catalog does.
    frame[STRETCHES_PROPERTY] = [stretches_text(props, geometry, settings)
                                 for props, geometry in zip(properties, geometries, strict=True)]
    frame = frame.set_geometry(geopandas.GeoSeries(list(geometries), crs="EPSG:4326"))
    return frame[list(COLUMNS)]


def to_geodataframe(
    layer_ids: Sequence[str] | None = None, settings: Settings | None = DEFAULT_SETTINGS
) -> geopandas.GeoDataFrame:
    """The catalog as one flat GeoDataFrame in EPSG:4326, ready for any GIS.

    Parameters
    ----------
    layer_ids : sequence of str, optional
        Layers to include, in that order; all layers by default.
    settings : Settings
        ``coordinate_decimals`` (7) rounds coordinates; ``ellps`` measures ``length_km``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature with the columns :data:`COLUMNS`: ``layer``, ``feature`` (short
        id), ``id`` (``layer/feature``), ``name``, ``name_ru``, ``kind``, ``mode``,
        ``status``, ``status_note``, ``geometry_accuracy``, ``operator``, ``owners`` (text,
        ``"; "``-separated), ``capacity`` (text), ``published_length_km`` (first published
        value, km, float or NaN), ``published_lengths`` (every published value as JSON text),
        ``length_km`` (geodesic length on the WGS84 ellipsoid for lines, km; NaN for points
        and polygons), ``note``, ``citations`` (JSON text: a list of {source, type, outlet,
        date, page, url, seed, quote, start, end}), ``sources`` (readable text:
        ``"Outlet date: «quote»; ..."``), the kilometres of each geometry accuracy class and
        the traced share in percent (:data:`caspian.layers.catalog.accuracy.ACCURACY_COLUMNS`; NaN
        where ``length_km`` is) and ``geometry`` (polygons counter-clockwise).

    Raises
    ------
    LayerNotFoundError
        If a layer id is not in the catalog.
    """
    settings = settings_or_default(settings)
    return frame_from_layers(list(load_catalog(layer_ids).values()), settings)


def citation_table(layers: Sequence[Layer]) -> pandas.DataFrame:
    """One row per (feature, cited source): layer, feature, source, type, outlet, date, page,
    url, seed, quote, start, end."""
    import pandas  # slow to import: only when a table is built

    columns = ["layer", "feature", "source", "type", "outlet", "date", "page", "url", "seed",
               "quote", "start", "end"]
    rows = []
    for layer in layers:
        labels = _labels(layer)
        for feature in layer.features:
            source_ids = list((feature.get("properties") or {}).get("sources") or [])
            for record in _citations(layer, source_ids, labels):
                rows.append({"layer": layer.id, "feature": short_feature_id(feature), **record})
    frame = pandas.DataFrame(rows, columns=columns)
    return frame.astype({"start": "Int64", "end": "Int64"})


def source_table(layers: Sequence[Layer]) -> pandas.DataFrame:
    """One row per source of each layer: layer, source, type, outlet, date, page, url,
    attribution (the credit its licence asks for, if any), seed, quote, start, end, features
    (``"; "``-separated short ids citing it)."""
    import pandas  # slow to import: only when a table is built

    columns = ["layer", "source", "type", "outlet", "date", "page", "url", "attribution", "seed",
               "quote", "start", "end", "features"]
    rows = []
    for layer in layers:
        labels = _labels(layer)
        for record in _citations(layer, list(layer.sources), labels):
            citation = labels.get(record["source"])
            features = "; ".join(citation.features) if citation else ""
            rows.append({"layer": layer.id, **record, "features": features})
    frame = pandas.DataFrame(rows, columns=columns)
    return frame.astype({"start": "Int64", "end": "Int64"})
