"""How far to trust each stretch of a line: traced, waypoints, schematic or hypothetical.

A feature's ``geometry_accuracy`` is the class of its weakest part (``docs/catalog-schema.md``).
This module splits a line into *stretches* of one class each, from data the feature already
carries:

* a segment between two consecutive exact vertices (``approximate`` not true) that cite the
  same source, where that source is one of the feature's ``traced_sources`` (a mapped trace
  whose consecutive nodes the line keeps), is ``traced``;
* any other segment between two exact vertices of a feature that lists ``traced_sources`` is
  ``waypoints`` (``hypothetical`` if the feature is): a straight line between two sourced
  positions, such as two OpenStreetMap station nodes;
* a segment with an approximate end (a town point) is the weaker of the feature's own class
  and ``waypoints``;
* a feature without ``traced_sources`` (a user's file, a point, a line with no trace in it),
  or whose ``vertex_sources`` do not give one entry per vertex, has its own class throughout.

The exports keep the result as :data:`STRETCHES_PROPERTY`, the line's stretches as vertex
ranges (:func:`stretches_text`), and a file that carries it (our export handed back) is rated
by it (:func:`segment_accuracies`), so ``caspian metrics --file`` of an export gives the
catalog's kilometres per class. Ranges that do not fit the line (its vertices were edited
after the export) are not guessed at: the line has its own class throughout
(:func:`unfitting_stretches` names such features).

Lengths are geodesic (:func:`caspian.geo.geodesy.measure_lines`, one ``Geod.inv`` pass), in
kilometres.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from caspian.geo.geodesy import measure_lines
from caspian.geo.settings import Settings
from caspian.layers.catalog.vocabulary import GEOMETRY_ACCURACIES

#: The class of a straight segment between two sourced positions.
WAYPOINTS = "waypoints"

#: The property of an exported line holding its stretches of one class, as JSON text: a list
#: of ``[class, first vertex, last vertex]``, vertices counted from 0 over the line's parts
#: (as ``vertex_sources`` counts them), e.g. ``[["traced",0,1417],["waypoints",1417,1418]]``.
STRETCHES_PROPERTY = "accuracy_stretches"

#: Keys of :func:`accuracy_km`, one per accuracy class, in :data:`GEOMETRY_ACCURACIES` order.
ACCURACY_KM_KEYS: tuple[str, ...] = tuple(f"{name}_km" for name in GEOMETRY_ACCURACIES)


@dataclass(frozen=True)
class AccuracyStretch:
    """A run of consecutive segments of one line that share an accuracy class."""

    #: One of :data:`caspian.layers.catalog.vocabulary.GEOMETRY_ACCURACIES`.
    accuracy: str
    #: ``(lon, lat)`` degrees of the stretch, at least two points.
    coordinates: tuple[tuple[float, float], ...]
    #: Geodesic length on the ellipsoid, kilometres.
    length_km: float

    @property
    def straight(self) -> bool:
        """Whether the stretch is a single straight segment."""
        return len(self.coordinates) == 2


def _weaker(first: str, second: str) -> str:
    return max(first, second, key=GEOMETRY_ACCURACIES.index)


def segment_accuracies(properties: Mapping[str, Any], vertex_pairs: np.ndarray[Any, Any],
                       vertex_count: int) -> list[str]:
    """The accuracy class of each segment by the rule of this module's docstring.

    Parameters
    ----------
    properties : Mapping
        The feature's properties (``geometry_accuracy``, ``traced_sources``,
        ``vertex_sources``).
    vertex_pairs : numpy.ndarray of int, shape (segments, 2)
        Index (into the concatenated vertices) of each segment's start and end.
    vertex_count : int
        Number of vertices of the line (parts concatenated).

    Returns
    -------
    list of str
        One class per segment; empty when the feature's own class is not a known one.
    """
    own = properties.get("geometry_accuracy")
    if own not in GEOMETRY_ACCURACIES:
        return []
    own = str(own)
    if properties.get(STRETCHES_PROPERTY) is not None:
        given = _stretch_classes(properties[STRETCHES_PROPERTY], vertex_pairs, vertex_count)
        return [own] * len(vertex_pairs) if given is None else given
    traced_sources: Any = properties.get("traced_sources")
    vertex_sources: Any = properties.get("vertex_sources")
    if not _lists_traces(properties) or len(vertex_sources) != vertex_count:
        return [own] * len(vertex_pairs)
    traces = [str(source) for source in traced_sources]
    exact = np.array([isinstance(entry, Mapping) and not entry.get("approximate")
                      for entry in vertex_sources], dtype=bool)
    # One code per vertex: the index of the trace it is an exact node of, or -1.
    codes = np.array([
        traces.index(source) if is_exact and (source := str(entry.get("source"))) in traces
        else -1
        for entry, is_exact in zip(vertex_sources, exact.tolist(), strict=True)
    ], dtype=np.intp)
    starts, ends = vertex_pairs[:, 0], vertex_pairs[:, 1]
    traced = (codes[starts] >= 0) & (codes[starts] == codes[ends])
    both_exact = exact[starts] & exact[ends]
    # Two sourced positions make a waypoints segment, whatever the feature's weakest part,
    # unless the whole line is hypothetical; an approximate end keeps the feature's class.
    between_positions = own if own == "hypothetical" else WAYPOINTS
    return np.where(traced, "traced", np.where(both_exact, between_positions,
                                               _weaker(own, WAYPOINTS))).tolist()


def _stretch_classes(value: Any, vertex_pairs: np.ndarray[Any, Any],
                     vertex_count: int) -> list[str] | None:
    """The class of each segment by the :data:`STRETCHES_PROPERTY` ``value``, or None when it
    is no such list or does not fit the line: ranges out of order, beyond its last vertex,
    leaving a segment out or rating one twice."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            return None
    if not isinstance(value, list) or not value:
        return None
    for entry in value:
        if not (isinstance(entry, list) and len(entry) == 3 and entry[0] in GEOMETRY_ACCURACIES
                and all(type(bound) is int for bound in entry[1:])
                and 0 <= entry[1] < entry[2] < vertex_count):
            return None
    names, firsts, lasts = zip(*value, strict=True)
    # The segments a range rates are those starting at its first vertex up to the one before
    # its last: consecutive, since segments run in vertex order. Counted by a difference
    # array, not range by range over every segment (a file of as many ranges as segments
    # took their product in time).
    starts = vertex_pairs[:, 0]
    begin = np.searchsorted(starts, np.asarray(firsts), side="left")
    end = np.searchsorted(starts, np.asarray(lasts) - 1, side="right")
    rated = np.zeros(len(starts) + 1, dtype=np.intp)
    np.add.at(rated, begin, 1)
    np.add.at(rated, end, -1)
    if not bool(np.all(np.cumsum(rated)[:-1] == 1)):
        return None  # a segment left out, or rated twice
    order = np.argsort(begin, kind="stable")
    return np.repeat(np.asarray(names, dtype=object)[order], (end - begin)[order]).tolist()


def stretches_text(
    properties: Mapping[str, Any], geometry: Any, settings: Settings | None = None
) -> str | None:
    """The :data:`STRETCHES_PROPERTY` of a line: its stretches of one class as vertex ranges
    in JSON text (None for anything but a line of known class)."""
    rated = _rated_segments(properties, geometry)
    if rated is None:
        return None
    pairs, labels, _ = rated
    breaks = np.flatnonzero(labels[1:] != labels[:-1]) + 1
    firsts, lasts = np.concatenate([[0], breaks]), np.concatenate([breaks, [labels.size]]) - 1
    # A range may span two parts of a MultiLineString: it rates the segments inside it, and
    # the step between parts is no segment.
    return json.dumps([[str(labels[first]), int(pairs[first, 0]), int(pairs[last, 1])]
                       for first, last in zip(firsts.tolist(), lasts.tolist(), strict=True)],
                      separators=(",", ":"))


def unfitting_stretches(
    properties: Sequence[Mapping[str, Any]], geometries: Sequence[Any]
) -> list[int]:
    """The rows whose :data:`STRETCHES_PROPERTY` is given but does not fit their line (so
    they are rated as a whole, in their own class)."""
    rows = []
    for row, (props, geometry) in enumerate(zip(properties, geometries, strict=True)):
        value = props.get(STRETCHES_PROPERTY)
        if value is None or props.get("geometry_accuracy") not in GEOMETRY_ACCURACIES:
            continue
        if not _is_line(geometry):
            rows.append(row)
            continue
        pairs = _vertex_pairs(geometry)
        if _stretch_classes(value, pairs, len(shapely.get_coordinates(geometry))) is None:
            rows.append(row)
    return rows


def _lists_traces(properties: Mapping[str, Any]) -> bool:
    """Whether the feature gives ``traced_sources`` and ``vertex_sources`` as lists, or its
    stretches (:data:`STRETCHES_PROPERTY`), so that its segments are rated one by one
    (otherwise the feature's class holds throughout)."""
    if properties.get(STRETCHES_PROPERTY) is not None:
        return True
    traced_sources = properties.get("traced_sources")
    vertex_sources = properties.get("vertex_sources")
    return (isinstance(traced_sources, Sequence) and not isinstance(traced_sources, str)
            and isinstance(vertex_sources, Sequence) and not isinstance(vertex_sources, str))


def _vertex_pairs(geometry: Any) -> np.ndarray[Any, Any]:
    """Start and end vertex index (parts concatenated) of every segment of ``geometry``."""
    parts = shapely.get_parts(np.asarray([geometry], dtype=object))
    _, vertex_part = shapely.get_coordinates(parts, return_index=True)
    start = np.flatnonzero(vertex_part[1:] == vertex_part[:-1])
    return np.column_stack([start, start + 1])


def _classified_segments(
    properties: Mapping[str, Any], geometry: Any, settings: Settings | None
) -> tuple[np.ndarray[Any, Any], ...] | None:
    """Vertex pairs, classes, geodesic lengths (km) of the segments, and the vertices; None
    for anything but a line of known class."""
    rated = _rated_segments(properties, geometry)
    if rated is None:
        return None
    pairs, labels, coords = rated
    lengths_km = measure_lines(geometry, settings).dist_m / 1000.0
    return pairs, labels, lengths_km, coords


def _is_line(geometry: Any) -> bool:
    """Whether ``geometry`` is a LineString or MultiLineString with positions."""
    return geometry is not None and not shapely.is_empty(geometry) and geometry.geom_type in (
        "LineString", "MultiLineString")


def _rated_segments(
    properties: Mapping[str, Any], geometry: Any
) -> tuple[np.ndarray[Any, Any], ...] | None:
    """Vertex pairs and classes of the segments, and the vertices, unmeasured; None for
    anything but a line of known class."""
    if not _is_line(geometry):
        return None
    pairs = _vertex_pairs(geometry)
    coords = shapely.get_coordinates(geometry)
    classes = segment_accuracies(properties, pairs, len(coords))
    if not classes:
        return None
    return pairs, np.asarray(classes), coords


@dataclass(frozen=True)
class LongSegment:
    """One straight segment of a line longer than a threshold."""

    #: Index of its first vertex among the line's vertices (parts concatenated, as
    #: ``vertex_sources`` counts them).
    start_vertex: int
    #: Index of its last vertex, counted the same way.
    end_vertex: int
    #: Its class by the rule of this module.
    accuracy: str
    #: Geodesic length, kilometres.
    length_km: float


def long_segments(
    properties: Mapping[str, Any], geometry: Any, min_km: float,
    settings: Settings | None = None,
) -> list[LongSegment]:
    """Every straight segment of a line longer than ``min_km`` kilometres, in line order."""
    classified = _classified_segments(properties, geometry, settings)
    if classified is None:
        return []
    pairs, labels, lengths_km, _ = classified
    return [
        LongSegment(int(pairs[i, 0]), int(pairs[i, 1]), str(labels[i]), float(lengths_km[i]))
        for i in np.flatnonzero(lengths_km > min_km).tolist()
    ]


def accuracy_stretches(
    properties: Mapping[str, Any], geometry: Any, settings: Settings | None = None
) -> list[AccuracyStretch]:
    """Split a line into maximal runs of segments of one accuracy class.

    Parameters
    ----------
    properties : Mapping
        The feature's properties.
    geometry : shapely geometry
        LineString or MultiLineString in ``(lon, lat)`` degrees; anything else (a point,
        ``None``, an empty geometry) has no stretches. A stretch never crosses from one part
        of a MultiLineString to the next.
    settings : Settings, optional
        ``ellps`` for the lengths.

    Returns
    -------
    list of AccuracyStretch
        In the order of the line; empty for a feature of unknown class.
    """
    classified = _classified_segments(properties, geometry, settings)
    if classified is None:
        return []
    pairs, labels, lengths_km, coords = classified
    # A run ends where the class changes or the next segment starts a new part.
    breaks = np.flatnonzero((labels[1:] != labels[:-1]) | (pairs[1:, 0] != pairs[:-1, 1])) + 1
    run_starts = np.concatenate([[0], breaks])
    run_ends = np.concatenate([breaks, [labels.size]])
    run_km = np.add.reduceat(lengths_km, run_starts)
    return [
        AccuracyStretch(
            accuracy=str(labels[first]),
            coordinates=tuple(map(tuple, coords[pairs[first, 0]:pairs[last - 1, 1] + 1].tolist())),
            length_km=float(km),
        )
        for first, last, km in zip(run_starts.tolist(), run_ends.tolist(), run_km.tolist(),
                                   strict=True)
    ]


def accuracy_km(
    properties: Mapping[str, Any], geometry: Any, settings: Settings | None = None
) -> dict[str, float]:
    """Kilometres of a line in each accuracy class.

    Returns
    -------
    dict of str to float
        ``{"surveyed_km", "traced_km", "waypoints_km", "schematic_km", "hypothetical_km"}``
        (:data:`ACCURACY_KM_KEYS`), summing to the line's geodesic length; all 0.0 for a point
        or a feature of unknown class.
    """
    totals = dict.fromkeys(ACCURACY_KM_KEYS, 0.0)
    for stretch in accuracy_stretches(properties, geometry, settings):
        totals[f"{stretch.accuracy}_km"] += stretch.length_km
    return totals


#: Columns :func:`accuracy_columns` adds to the metrics and the exports, in order.
ACCURACY_COLUMNS: tuple[str, ...] = (*ACCURACY_KM_KEYS, "traced_pct")


def accuracy_columns(
    properties: Sequence[Mapping[str, Any]],
    geometries: Sequence[Any],
    length_km: Any,
    settings: Settings | None = None,
) -> dict[str, np.ndarray[Any, Any]]:
    """:func:`accuracy_km` of many features as columns, plus the traced share.

    Parameters
    ----------
    properties : sequence of Mapping
        Each feature's properties.
    geometries : sequence of shapely geometries
        The features' geometries, ``(lon, lat)`` degrees.
    length_km : array_like of float
        Each feature's length as the caller measured it; where it is NaN (a polygon, a missing
        geometry) every column is NaN too.
    settings : Settings, optional
        ``ellps``.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`ACCURACY_COLUMNS`: kilometres per class, and ``traced_pct``, the traced share
        of the length in percent (NaN for a length of 0).
    """
    # Each feature that lists its traces (the catalog's traced lines) is rated segment by
    # segment; every other one (every user file) as a whole.
    own = [props.get("geometry_accuracy") for props in properties]
    by_segment = np.array([own_class in GEOMETRY_ACCURACIES and _lists_traces(props)
                           for own_class, props in zip(own, properties, strict=True)],
                          dtype=bool)
    columns = whole_accuracy_columns(own, length_km, rated=~by_segment)
    lengths = np.asarray(length_km, dtype=float).reshape(-1)
    for row in np.flatnonzero(by_segment).tolist():
        for key, km in accuracy_km(properties[row], geometries[row], settings).items():
            columns[key][row] = km
    return _with_traced_share(columns, lengths)


def whole_accuracy_columns(
    own_classes: Sequence[Any], length_km: Any, rated: Any = True
) -> dict[str, np.ndarray[Any, Any]]:
    """:func:`accuracy_columns` of features rated as a whole (none lists its traces): each
    puts its whole length in its own class; a feature of unknown class (a user's file without
    a ``geometry_accuracy`` column) with a length is NaN in every class and in ``traced_pct``:
    unknown, not "0 % traced".

    Parameters
    ----------
    own_classes : sequence
        Each feature's ``geometry_accuracy`` (anything but a class name counts as unknown).
    length_km : array_like of float
        Each feature's length; NaN makes every column NaN.
    rated : array_like of bool
        The features rated here (the others get 0 in every class, for the caller to fill).
    """
    lengths = np.asarray(length_km, dtype=float).reshape(-1)
    codes = {name: code for code, name in enumerate(GEOMETRY_ACCURACIES)}
    own_class = np.array([codes.get(own, -1) if isinstance(own, str) else -1
                          for own in own_classes], dtype=np.intp).reshape(-1)
    own_class[~np.broadcast_to(np.asarray(rated, dtype=bool), own_class.shape)] = -1
    whole_km = np.where(np.isfinite(lengths), lengths, 0.0)
    columns = {key: np.where(own_class == code, whole_km, 0.0)
               for code, key in enumerate(ACCURACY_KM_KEYS)}
    # a point (no length) has 0 km in every class, whatever its class
    unknown = np.isnan(lengths) | ((own_class < 0) & (lengths > 0) & np.broadcast_to(
        np.asarray(rated, dtype=bool), own_class.shape))
    return _with_traced_share(columns, np.where(unknown, np.nan, lengths))


def _with_traced_share(
    columns: dict[str, np.ndarray[Any, Any]], lengths: np.ndarray[Any, Any]
) -> dict[str, np.ndarray[Any, Any]]:
    """``columns`` NaN where the length is, and ``traced_pct`` (NaN for a length of 0)."""
    for key in ACCURACY_KM_KEYS:
        columns[key][np.isnan(lengths)] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        columns["traced_pct"] = np.where(lengths > 0, 100.0 * columns["traced_km"] / lengths,
                                         np.nan)
    return columns
