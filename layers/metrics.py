"""Metrics of the catalog (or of any GeoDataFrame): lengths, published figures, countries.

This is the glue between the catalog and the pure computation in :mod:`caspian.geo`:

* :func:`metrics_frame` measures any GeoDataFrame (one row per feature);
* :func:`catalog_metrics` does it for catalog layers, with the per-country split;
* :func:`file_metrics` does it for a user's GeoJSON file;
* :func:`catalog_chains` builds the Zangezur and Middle Corridor chains;
* :func:`port_distances` gives port-to-port distances of a chosen kind.

Lengths are geodesic on the WGS84 ellipsoid (``settings.ellps``), in kilometres.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from caspian.geo.arguments import file_path, flag, instance, refuse, settings_or_default
from caspian.geo.chains import build_chains
from caspian.geo.countries import CountryIndex, split_by_country
from caspian.geo.distances import (
    DISTANCE_KINDS,
    distance_function,
    distance_matrix_km,
    pairwise_rows,
)
from caspian.geo.errors import InputError
from caspian.geo.figures import delta_pct, none_if_missing
from caspian.geo.geodesy import as_geometry_array, measure_lines
from caspian.geo.settings import Settings
from caspian.layers.boundaries import country_index
from caspian.layers.catalog.accuracy import (
    STRETCHES_PROPERTY,
    accuracy_columns,
    unfitting_stretches,
    whole_accuracy_columns,
)
from caspian.layers.catalog.loading import catalog_frame
from caspian.layers.catalog.schema import USER_PROPERTIES
from caspian.layers.io.fileio import display_path
from caspian.layers.io.ogr_reader import chosen_layers
from caspian.layers.io.userdata import read_user_geojson
from caspian.layers.io.userfiles import (
    check_layer_choice,
    format_suffix,
    no_features,
    streams,
    user_layer_batches,
)
from caspian.layers.routing.sea import sea_distance_matrix_m

if TYPE_CHECKING:
    import geopandas
    import pandas
    from caspian.geo.chains import Chain
    from caspian.geo.countries import CountryIndex

#: Columns of :func:`metrics_frame`, in order.
METRIC_COLUMNS: tuple[str, ...] = (
    "layer",
    "feature",
    "name",
    "kind",
    "mode",
    "status",
    "geometry_accuracy",
    "length_km",
    "published_km",
    "published_source",
    "delta_km",
    "delta_pct",
    "published",
    "by_country_km",
    "published_by_country_km",
    "sea_nearest_state_km",
    # Kilometres by accuracy class and the traced share (caspian.layers.catalog.accuracy).
    "surveyed_km",
    "traced_km",
    "waypoints_km",
    "schematic_km",
    "hypothetical_km",
    "traced_pct",
)

_TEXT_COLUMNS = ("name", "kind", "mode", "status", "geometry_accuracy")

#: The columns :func:`metrics_frame` reads (besides ``id`` and ``geometry``): the only
#: properties of a user's file made into columns, however many other keys its features have.
INPUT_COLUMNS: tuple[str, ...] = (
    "layer", "feature", *_TEXT_COLUMNS, "published_length_km", "published_lengths",
    STRETCHES_PROPERTY,
)

#: Catalog kinds whose features are ports (points to measure distances between).
PORT_KIND = "port"


def published_figures(value: Any) -> list[dict[str, Any]]:
    """Normalise a ``published_length_km`` value (list of dicts, a number, or nothing)."""
    if none_if_missing(value) is None:
        return []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [{"value": float(value), "source": None}]
    if isinstance(value, Mapping):
        value = [value]
    if isinstance(value, (list, tuple)):
        out = []
        for entry in value:
            if isinstance(entry, Mapping) and isinstance(entry.get("value"), (int, float)):
                out.append(dict(entry))
        return out
    return []


def _exported_published(frame: pandas.DataFrame) -> list[Any] | None:
    """Every published figure of a frame read from our own export, whose
    ``published_lengths`` column holds them as JSON text (``published_length_km`` there is
    only the first figure, without its source); None for any other frame."""
    if "published_lengths" not in frame.columns:
        return None
    values = []
    for text in _column(frame, "published_lengths"):
        try:
            value = json.loads(text) if isinstance(text, str) else text
        except ValueError:
            return None  # not ours: fall back to published_length_km
        values.append(value or None)
    return values


def check_published_lengths(values: list[Any]) -> None:
    """Refuse a ``published_length_km`` that is neither a number nor a list of figures: the
    same rule the file validator applies (a figure silently dropped would hide a delta)."""

    for row, value in enumerate(values):
        if value is None:  # nothing published: the common case, a million times in a big file
            continue
        for message in USER_PROPERTIES({"published_length_km": value}, f"row {row}"):
            raise InputError(message)


def _column(frame: pandas.DataFrame, name: str, default: Any = None) -> list[Any]:
    if name not in frame.columns:
        return [default] * len(frame)
    values = frame[name].tolist()
    # By the types present: a column of text (a million names) has no float to make None.
    if not any(issubclass(kind, float) for kind in set(map(type, values))):
        return values
    return [none_if_missing(value) for value in values]


logger = logging.getLogger(__name__)

#: A whole number, as OpenStreetMap's ``layer`` tag holds (1 a bridge, -1 a tunnel: the
#: vertical order, kept by ``caspian osm fetch``), which names no layer: a catalog layer's id
#: is a word.
_OSM_LAYER_TAG = re.compile(r"[+-]?[0-9]+(\.0)?")


def _texts(values: list[Any]) -> list[str | None]:
    """Each value as text; None for a missing one (None, NaN, empty text)."""
    return [None if value is None or value == "" else str(value) for value in values]


def _line_mask(geoms: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    # slow import: GEOS and numpy
    import shapely

    types = shapely.get_type_id(geoms)
    polygonal = np.isin(
        types, [int(shapely.GeometryType.POLYGON), int(shapely.GeometryType.MULTIPOLYGON)]
    )
    return ~polygonal


def _in_lonlat(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` in EPSG:4326: lengths are geodesic, measured on longitudes and latitudes."""
    crs = getattr(frame, "crs", None)
    if crs is None or crs.equals("EPSG:4326") or crs.equals("OGC:CRS84"):
        return frame
    return frame.to_crs("EPSG:4326")


def metrics_frame(
    frame: geopandas.GeoDataFrame,
    settings: Settings | None = None,
    *,
    by_country: bool = False,
    index: CountryIndex | None = None,
    layer: str | None = None,
) -> pandas.DataFrame:
    """Measure every feature of ``frame`` and compare it with its published length.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Features in ``(lon, lat)`` degrees: a frame with another CRS is reprojected to
        EPSG:4326 first, one with no CRS is taken as EPSG:4326. Optional columns used when present:
        ``layer``, ``feature`` (else ``id``, else the row number), ``name``, ``kind``,
        ``mode``, ``status``, ``geometry_accuracy`` and ``published_length_km`` (a list of
        ``{"value", "source", "by_country_km"}`` dicts as in the catalog, or a number).
    settings : Settings, optional
        ``ellps`` and ``densify_km``; :data:`~caspian.geo.settings.DEFAULT_SETTINGS` if None.
    by_country : bool
        Also split each length by country (:func:`caspian.layers.boundaries.load_boundaries`:
        Natural Earth 10 m with OpenStreetMap land borders in the Caucasus and Central Asia)
        and report the Caspian part of the sea by nearest littoral state.
    index : CountryIndex, optional
        Country polygons to split with; :func:`caspian.layers.boundaries.country_index`
        (cached) if None.
    layer : str, optional
        Value of the ``layer`` column for a row whose ``layer`` is missing or a whole
        number (OpenStreetMap's vertical ``layer`` tag), e.g. the file name.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`METRIC_COLUMNS`: ``length_km`` (geodesic; NaN for polygons and
        missing geometries, 0 for points), ``published_km`` and ``published_source`` (the
        first published figure), ``delta_km = length_km - published_km``, ``delta_pct``
        (percent of ``published_km``), ``published`` (every published figure with its
        source), ``by_country_km`` (ISO3 -> km plus ``"sea"``; None unless ``by_country``),
        ``published_by_country_km`` (from the first published figure, if it has one) and
        ``sea_nearest_state_km`` (Caspian part of ``"sea"`` by nearest littoral state: an
        approximation; None unless ``by_country``); then the kilometres of each geometry
        accuracy class (``surveyed_km``, ``traced_km``, ``waypoints_km``, ``schematic_km``,
        ``hypothetical_km``; :mod:`caspian.layers.catalog.accuracy`, from ``geometry_accuracy``,
        ``traced_sources`` and ``vertex_sources``) and ``traced_pct``, the traced share of
        ``length_km`` in percent.
    """
    # slow import: pandas and GDAL
    import geopandas

    # slow import
    import pandas

    instance(frame, geopandas.GeoDataFrame, "frame", "a geopandas.GeoDataFrame")
    settings = settings_or_default(settings)
    by_country = flag(by_country, "by_country")
    if index is not None:
        instance(index, CountryIndex, "index", "a CountryIndex, or None for the packaged one")
    if layer is not None and not isinstance(layer, str):
        refuse("layer", layer, "a layer name (a str) or None")
    geoms = as_geometry_array(_in_lonlat(frame).geometry)
    lines = _line_mask(geoms)
    # Every segment measured once: the country split below reuses these numbers.
    measured = measure_lines(np.where(lines, geoms, np.array(None)), settings)
    length_km = np.where(lines, measured.lengths_m / 1000.0, np.nan)

    values = _exported_published(frame) or _column(frame, "published_length_km")
    check_published_lengths(values)
    published = [[] if value is None else published_figures(value) for value in values]
    first = [entries[0] if entries else None for entries in published]
    published_km = np.array([np.nan if f is None else float(f["value"]) for f in first])
    delta_km = length_km - published_km

    # Row by row: a file where only some features carry `feature` or `layer` (a catalog
    # export with features added by hand) names the others by their id and the file.
    own, ids = (_texts(_column(frame, name)) for name in ("feature", "id"))
    features = [mine or by_id or str(row)
                for row, (mine, by_id) in enumerate(zip(own, ids, strict=True))]

    columns: dict[str, Any] = {
        "layer": [layer if given is None or _OSM_LAYER_TAG.fullmatch(given) else given
                  for given in _texts(_column(frame, "layer"))],
        "feature": features,
        **{name: _column(frame, name) for name in _TEXT_COLUMNS},
        "length_km": length_km,
        "published_km": published_km,
        "published_source": [None if f is None else f.get("source") for f in first],
        "delta_km": delta_km,
        "delta_pct": delta_pct(length_km, published_km),
        "published": [
            [{"value": float(e["value"]), "source": e.get("source")} for e in entries]
            if entries else [] for entries in published
        ],
        "by_country_km": [None] * len(frame),
        "published_by_country_km": [
            None if f is None or not f.get("by_country_km") else dict(f["by_country_km"])
            for f in first
        ],
        "sea_nearest_state_km": [None] * len(frame),
        **_accuracy(frame, geoms, length_km, settings),
    }
    _say_unfitting_stretches(frame, geoms, columns["layer"], features)
    if by_country:
        if index is None:
            index = country_index()
        split = split_by_country(measured.geoms, index, settings, measured=measured)
        measured_ok = lines & ~np.isnan(length_km)
        columns["by_country_km"] = [
            row if ok else None for row, ok in zip(split.by_country_km, measured_ok, strict=True)
        ]
        columns["sea_nearest_state_km"] = [
            row if ok else None
            for row, ok in zip(split.sea_nearest_state_km, measured_ok, strict=True)
        ]
    # One frame built once, in its column order (no column inserted or reordered after).
    return pandas.DataFrame({name: columns[name] for name in METRIC_COLUMNS},
                            index=pandas.RangeIndex(len(frame)))


def _row_properties(frame: pandas.DataFrame) -> list[Mapping[str, Any]]:
    """Each row's feature properties: the catalog frame's ``properties`` column, or for any
    other frame the columns the accuracy rule reads."""
    if "properties" in frame.columns:
        return [value if isinstance(value, Mapping) else {}
                for value in frame["properties"].tolist()]
    columns = {name: _column(frame, name) for name in _SEGMENT_RULE_COLUMNS}
    return [{name: columns[name][row] for name in _SEGMENT_RULE_COLUMNS}
            for row in range(len(frame))]


#: The columns the accuracy rule reads (:mod:`caspian.layers.catalog.accuracy`).
_SEGMENT_RULE_COLUMNS = ("geometry_accuracy", "traced_sources", "vertex_sources",
                         STRETCHES_PROPERTY)


def _accuracy(frame: pandas.DataFrame, geoms: np.ndarray[Any, Any],
              length_km: np.ndarray[Any, Any], settings: Settings) -> dict[str, Any]:
    if "properties" not in frame.columns and not set(_SEGMENT_RULE_COLUMNS[1:]) & set(
            frame.columns):  # no feature lists its traces (a user's file): no row dicts
        return whole_accuracy_columns(_column(frame, "geometry_accuracy"), length_km)
    return accuracy_columns(_row_properties(frame), list(geoms), length_km, settings)


def _say_unfitting_stretches(frame: pandas.DataFrame, geoms: np.ndarray[Any, Any],
                             layers: list[str | None], features: list[str]) -> None:
    """Say, in one line, which features carry stretches (an export's
    :data:`~caspian.layers.catalog.accuracy.STRETCHES_PROPERTY`) that no longer fit their
    line, and so are measured in their own class as a whole."""
    if STRETCHES_PROPERTY not in frame.columns:
        return
    rows = unfitting_stretches(_row_properties(frame), list(geoms))
    if not rows:
        return
    shown = ", ".join(repr(f"{layers[row]}/{features[row]}" if layers[row] else features[row])
                      for row in rows[:3])
    more = f" and {len(rows) - 3:,} more" if len(rows) > 3 else ""
    logger.warning(
        "%s %s%s: %s does not fit the line (vertices added or removed since the export?), "
        "so its whole length counts in its geometry_accuracy class; remove that property, "
        "or export the line again", "feature" if len(rows) == 1 else "features", shown, more,
        STRETCHES_PROPERTY)


def catalog_metrics(
    layer_ids: Sequence[str] | None = None,
    settings: Settings | None = None,
    *,
    by_country: bool = True,
) -> pandas.DataFrame:
    """Return :func:`metrics_frame` for catalog layers (all by default), split by country.

    Raises
    ------
    LayerNotFoundError
        For an unknown layer id (the message lists the valid ones).
    """
    settings, by_country = settings_or_default(settings), flag(by_country, "by_country")
    return metrics_frame(catalog_frame(layer_ids), settings, by_country=by_country)


def file_metrics(
    path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    by_country: bool = False,
    layers: Sequence[str] | str | None = None,
) -> pandas.DataFrame:
    """Read a user's file strictly and return its :func:`metrics_frame`.

    Parameters
    ----------
    path : path-like
        GeoJSON (a FeatureCollection, Feature or bare geometry; read whole by
        :func:`caspian.layers.io.userdata.read_user_geojson`, or, a FeatureCollection of
        more than 64 MiB, batch by batch), or any format of
        :data:`caspian.layers.io.userfiles.USER_FORMATS` (GeoParquet, GeoPackage, FlatGeobuf,
        Shapefile, GeoJSON Lines), measured batch by batch as
        :func:`caspian.layers.io.userfiles.user_batches` reads it, so that only one batch of
        geometries is held at a time. Every vector layer of a file of several (a
        GeoPackage) is measured, layer after layer; the ``layer`` column is the file's stem,
        and ``stem:layer`` for a file of several layers.
    settings : Settings, optional
        ``ellps`` and ``densify_km``.
    by_country : bool
        Also split by country (costs far more than measuring on a large file).
    layers : str or sequence of str, optional
        The layers of a GeoPackage to measure, in this order (every vector layer by default),
        by name as ``ogr2ogr`` and ``geopandas.read_file(layer=)`` take them.

    Raises
    ------
    InputError
        One line naming the file, the feature and the problem (invalid JSON, latitude beyond
        ±90, empty collection, unsupported geometry, a layer the file does not hold, ...).
    """

    settings, by_country = settings_or_default(settings), flag(by_country, "by_country")
    given = file_path(path, "path")
    stem = display_path(given.name[:len(given.name) - len(format_suffix(given))] or given.name)
    chosen = chosen_layers(layers)
    if not streams(path):
        check_layer_choice(path, chosen)
        return metrics_frame(read_user_geojson(path, columns=INPUT_COLUMNS), settings,
                             by_country=by_country, layer=stem)
    # slow import
    import pandas

    # One layer after the other, a batch at a time: groupby hands each layer's batches on as
    # they are read, never a whole layer.
    parts = [batches_metrics((frame for _, frame in batches), settings, by_country=by_country,
                             layer=stem if name is None else f"{stem}:{name}")
             for name, batches in itertools.groupby(
                 user_layer_batches(path, columns=INPUT_COLUMNS, layers=chosen),
                 key=itemgetter(0))]
    frames = [part for part in parts if part is not None]
    if not frames:
        raise InputError(f"{display_path(path)}: {no_features(chosen)}")
    return frames[0] if len(frames) == 1 else pandas.concat(frames, ignore_index=True)


def batches_metrics(
    batches: Iterable[geopandas.GeoDataFrame],
    settings: Settings | None = None,
    *,
    by_country: bool = False,
    layer: str | None = None,
) -> pandas.DataFrame | None:
    """:func:`metrics_frame` of each batch, concatenated (None when there is no batch): the
    one kernel of a streamed file, in one process or on each partition of a cluster."""
    # slow import
    import pandas

    index = None
    if by_country:
        index = country_index()
    parts = [metrics_frame(batch, settings, by_country=by_country, index=index, layer=layer)
             for batch in batches]
    return pandas.concat(parts, ignore_index=True) if parts else None


def chain_legs(frame: geopandas.GeoDataFrame) -> list[dict[str, Any]]:
    """Turn a catalog frame into the leg records :func:`caspian.geo.chains.build_chains` takes."""
    legs = []
    for row in frame.itertuples(index=False):
        properties = getattr(row, "properties", None) or {}
        chain = properties.get("chain")
        if not chain or row.geometry is None or row.geometry.is_empty:
            continue
        legs.append(
            {
                "feature": getattr(row, "id", None) or f"{row.layer}/{row.feature}",
                "chain": chain,
                "mode": row.mode,
                "status": row.status,
                "geometry": row.geometry,
            }
        )
    return legs


def catalog_chains(settings: Settings | None = None) -> list[Chain]:
    """Return the catalog's corridor chains (Zangezur, Middle Corridor), ordered and totalled."""

    return build_chains(chain_legs(catalog_frame()), settings_or_default(settings))


def chain_rows(chains: Sequence[Chain]) -> list[dict[str, Any]]:
    """One row per leg and one per gap, in chain order, for tables and JSON."""
    rows: list[dict[str, Any]] = []
    for chain in chains:
        gaps = {gap.after: gap for gap in chain.gaps}
        for leg in chain.legs:
            rows.append(
                {
                    "chain": chain.id,
                    # Orders are numbers so a leg can slot in between (2.5); show 2, not 2.0.
                    "order": int(leg.order) if float(leg.order).is_integer() else leg.order,
                    "item": leg.feature,
                    "mode": leg.mode,
                    "status": leg.status,
                    "length_km": leg.length_km,
                }
            )
            gap = gaps.get(leg.feature)
            if gap is not None:
                rows.append(
                    {
                        "chain": chain.id,
                        "order": None,
                        "item": f"gap to {gap.before}",
                        "mode": None,
                        "status": None,
                        "length_km": gap.gap_km,
                    }
                )
    return rows


def chain_summary(chain: Chain) -> dict[str, Any]:
    """A JSON-ready summary of one chain: totals by mode and status, gaps."""
    return {
        "chain": chain.id,
        "legs": [leg.feature for leg in chain.legs],
        "total_km": chain.total_km,
        "by_mode_km": chain.by_mode_km,
        "by_status_km": chain.by_status_km,
        "operating_km": chain.operating_km,
        "not_operating_km": chain.not_operating_km,
        "gaps": [
            {
                "after": gap.after,
                "before": gap.before,
                "gap_km": gap.gap_km,
                "nearest_ends_km": gap.nearest_ends_km,
            }
            for gap in chain.gaps
        ],
        "gap_total_km": chain.gap_total_km,
    }


def port_points(frame: geopandas.GeoDataFrame) -> list[tuple[str, float, float]]:
    """Return ``(feature id, lon, lat)`` for every port feature of a catalog frame.

    Ports are the features whose ``kind`` is ``"port"``; a port drawn as a polygon or a line
    is represented by a point on its surface.
    """
    ports = []
    for row in frame.itertuples(index=False):
        if row.kind != PORT_KIND or row.geometry is None or row.geometry.is_empty:
            continue
        geometry = row.geometry
        point = geometry if geometry.geom_type == "Point" else geometry.point_on_surface()
        ports.append((str(row.id), float(point.x), float(point.y)))
    return ports


def distance_kinds() -> Mapping[str, Any]:
    """Every distance kind: :data:`caspian.geo.distances.DISTANCE_KINDS` plus ``"sea"``.

    ``"sea"`` is the shortest water path (:func:`caspian.layers.routing.sea.sea_distance_matrix_m`,
    between the points' nearest navigable water; ``inf`` across basins).
    """

    return MappingProxyType({**DISTANCE_KINDS, "sea": sea_distance_matrix_m})


def port_distances(
    kind: str = "geodesic",
    settings: Settings | None = None,
    layer_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Distances between every pair of catalog ports.

    Parameters
    ----------
    kind : str
        Distance kind from :func:`distance_kinds`: ``"geodesic"`` (the shortest path over the
        WGS84 ellipsoid) or ``"sea"`` (the shortest water path between the ports' nearest
        navigable water; ``None`` for ports in different basins).
    settings : Settings, optional
        ``ellps``.
    layer_ids : sequence of str, optional
        Layers to take ports from; all by default.

    Returns
    -------
    list of dict
        ``{"from", "to", "kind", "distance_km"}``, one per unordered pair, sorted by
        ``from`` then ``to``; other kinds than ``"geodesic"`` add ``geodesic_km`` beside.

    Raises
    ------
    InputError
        For an unknown ``kind`` (listing the valid kinds) or fewer than two ports.
    """

    settings = settings_or_default(settings)
    kinds = distance_kinds()
    distance_function(kind, kinds)  # fail on an unknown kind before loading anything
    ports = sorted(port_points(catalog_frame(layer_ids)))
    if len(ports) < 2:
        raise InputError(
            f"port distances need at least two ports; found {len(ports)} in the chosen layers"
        )
    names = [name for name, _, _ in ports]
    lons = [lon for _, lon, _ in ports]
    lats = [lat for _, _, lat in ports]
    matrix_km = distance_matrix_km(lons, lats, kind=kind, settings=settings, kinds=kinds)
    rows = pairwise_rows(names, matrix_km, kind)
    if kind != "geodesic":
        geodesic_km = distance_matrix_km(lons, lats, settings=settings)
        upper_i, upper_j = np.triu_indices(len(names), k=1)
        for row, i, j in zip(rows, upper_i.tolist(), upper_j.tolist(), strict=True):
            row["geodesic_km"] = float(geodesic_km[i, j])
            if not math.isfinite(float(cast(float, row["distance_km"]))):
                row["distance_km"] = None  # different basins, or in none: no water path
    return rows
