"""Position-level rules for a user's GeoJSON: one position, one coordinate array, and a bulk
pre-check over every coordinate array of a document at once.

:mod:`caspian.layers.io.geojson_rules` walks the document structure and calls
:func:`check_positions` for each coordinate array. A clean file of a million vertices would
spend most of its checking time there, so :func:`prepare_positions` first checks every array of
the document in one numpy pass; the arrays it clears are skipped by :func:`check_positions`,
and anything it cannot clear goes through the per-array checks, which name the bad position.
The outcome (problems, their order and wording) is the same either way. Nothing here reads files.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Nesting depth of ``coordinates`` per geometry type: 0 is a position.
DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}

#: Coordinate arrays flattened together by :func:`prepare_positions`.
_ARRAYS_PER_CHUNK = 4096

# A coordinate this far outside the degree range is almost certainly metres or feet.
_PROJECTED_ABS = 1000.0

_chain = itertools.chain.from_iterable


class BadNumber:
    """A number JSON cannot carry faithfully: NaN, Infinity, or one too large for a float.

    The parser returns this instead of a value so that the checks can name the place.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text if len(text) <= 24 else f"{text[:12]}…({len(text)} characters)"

    def __repr__(self) -> str:
        return self.text


Found = tuple[int | None, Any, str]


@dataclass(frozen=True)
class PositionBlock:
    """Every non-empty coordinate array of a document, all cleared by one numpy check."""

    #: The cleared arrays (lists of positions), in document order.
    arrays: tuple[list[Any], ...]
    #: Their positions stacked, shape ``(n, 2)`` or ``(n, 3)``, float64, degrees.
    coords: np.ndarray
    #: Number of positions of each array, so ``coords`` splits back into ``arrays``.
    counts: np.ndarray
    cleared: frozenset[int] = field(repr=False, default=frozenset())

    def clears(self, positions: list[Any]) -> bool:
        """True when ``positions`` is one of the arrays this block has checked."""
        return id(positions) in self.cleared


@dataclass
class Context:
    """What a document check carries along: the caller's options and what it found."""

    geometry_types: tuple[str, ...]
    allow_null_geometry: bool
    block: PositionBlock | None = None
    properties: Callable[[Any, str], Iterator[str]] = field(default=lambda value, where: iter(()))
    unicode_escapes: bool = True
    found: list[Found] = field(default_factory=list)
    crs_hints: list[tuple[int | None, str]] = field(default_factory=list)
    degree_features: list[int | None] = field(default_factory=list)
    projected_features: list[int | None] = field(default_factory=list)
    #: Every usable feature id met so far (as text), and the first feature that had it.
    ids_seen: dict[str, int] = field(default_factory=dict)

    def add(self, index: int | None, feature_id: Any, message: str) -> None:
        """Record one problem of feature ``index`` (None: the whole file)."""
        self.found.append((index, feature_id, message))


def describe(value: Any) -> str:
    """A short phrase for a JSON value in a message: ``null``, ``a list of 3``, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BadNumber):
        return value.text
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the string {shown!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value)


def shown(value: float) -> str:
    """A number for a message: short (``49``, ``1e+20``) unless that would round it, so that
    ``180.0000001`` is never shown as ``180`` beside "beyond ±180"."""
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def is_number(value: Any) -> bool:
    """True for a JSON number (int or float, not a boolean)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _coordinate_arrays(doc: Any) -> list[list[Any]]:
    """Every non-empty list that sits where a list of positions belongs, in document order."""
    if not isinstance(doc, dict):
        return []
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        geometries = ([f.get("geometry") for f in features if isinstance(f, dict)]
                      if isinstance(features, list) else [])
    elif kind == "Feature":
        geometries = [doc.get("geometry")]
    else:
        geometries = [doc]
    arrays: list[list[Any]] = []
    for geometry in geometries:
        if not isinstance(geometry, dict):
            continue
        kind = geometry.get("type")
        depth = DEPTH.get(kind, 0) if isinstance(kind, str) else 0
        level = [geometry.get("coordinates")] if depth else []
        for _ in range(depth - 1):
            level = [part for item in level if isinstance(item, list)
                     for part in item if isinstance(part, list)]
        arrays.extend(array for array in level if isinstance(array, list) and array)
    return arrays


def prepare_positions(doc: Any) -> PositionBlock | None:
    """Check every coordinate array of a parsed document in one vectorised pass.

    Parameters
    ----------
    doc : object
        The output of ``json.loads`` (with :class:`BadNumber` in place of NaN/Infinity).

    Returns
    -------
    PositionBlock or None
        The arrays and their stacked coordinates when every position of every array is a list
        of 2 (or, throughout, 3) finite numbers inside the degree range; None when any is not
        (then each array is checked on its own, which names the bad position).
    """
    arrays = _coordinate_arrays(doc)
    if not arrays or set(map(type, _chain(arrays))) != {list}:
        return None
    lengths = set(map(len, _chain(arrays)))
    if lengths not in ({2}, {3}):
        return None
    counts = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
    width = lengths.pop()
    coords = np.empty((int(counts.sum()), width))
    row = 0
    for first in range(0, len(arrays), _ARRAYS_PER_CHUNK):
        block = _numbers(arrays[first:first + _ARRAYS_PER_CHUNK])
        if block is None:
            return None
        coords[row:row + block.size // width] = block.reshape(-1, width)
        row += block.size // width
    if not np.isfinite(coords).all():
        return None
    if (np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any():
        return None
    return PositionBlock(tuple(arrays), coords, counts, frozenset(map(id, arrays)))


def _numbers(arrays: list[list[Any]]) -> np.ndarray | None:
    """Every number of ``arrays``' positions as floats, in order; None when one is not a JSON
    number or is an integer beyond the float range. The numbers are flattened into one list
    once, then typed and converted from it (walking the nested lists twice cost more), a
    chunk of arrays at a time so that the list stays small beside the document."""
    numbers = list(_chain(_chain(arrays)))
    if not set(map(type, numbers)) <= {float, int}:
        return None
    try:
        return np.array(numbers, dtype=float)
    except OverflowError:  # an integer beyond the float range
        return None


def _fast_positions_ok(ctx: Context, positions: list[Any], index: int) -> bool:
    """True when every position is a list of 2 or 3 finite numbers inside the degree range.

    The common case, checked with C-level ``map``/``set`` and numpy instead of a Python loop
    per vertex; anything else goes to the slow path, which names the first bad position.
    """
    if ctx.block is not None and ctx.block.clears(positions):
        ctx.degree_features.append(index)
        return True
    if not positions or set(map(type, positions)) != {list}:
        return False
    lengths = set(map(len, positions))
    if not lengths <= {2, 3}:
        return False
    if not set(map(type, _chain(positions))) <= {float, int}:
        return False
    try:
        rows = positions if len(lengths) == 1 else [position[:2] for position in positions]
        xyz = np.asarray(rows, dtype=float)
    except OverflowError:  # an integer beyond the float range
        return False
    if not np.isfinite(xyz).all():
        return False
    if (np.abs(xyz[:, 0]) > 180).any() or (np.abs(xyz[:, 1]) > 90).any():
        return False
    ctx.degree_features.append(index)
    return True


def check_positions(
    ctx: Context, positions: list[Any], index: int, fid: Any, where: str, single: bool = False
) -> bool:
    """Check a list of positions (or, with ``single``, one position); True when all are good.

    Problems go to ``ctx``: one per kind of fault per coordinate array, with a count, so that
    a file in metres gives a handful of lines rather than one per vertex.
    """
    if not single and _fast_positions_ok(ctx, positions, index):
        return True
    faults: dict[str, tuple[str, int]] = {}

    def fault(key: str, message: str) -> None:
        first, count = faults.get(key, (message, 0))
        faults[key] = (first, count + 1)

    for number, position in enumerate(positions):
        here = where if single else f"{where}[{number}]"
        _check_position(ctx, position, index, here, fault)
    for key in sorted(faults):
        message, count = faults[key]
        more = f" ({count - 1} more like it in this geometry)" if count > 1 else ""
        ctx.add(index, fid, message + more)
    return not faults


Fault = Callable[[str, str], None]


def _check_position(ctx: Context, position: Any, index: int, where: str, fault: Fault) -> None:
    if not isinstance(position, list):
        fault("shape", f"{where} is {describe(position)}, not a position [lon, lat]")
        return
    if len(position) not in (2, 3):
        fault("dimension", f"{where} has {len(position)} value(s); a position is [lon, lat] "
              "or [lon, lat, altitude]")
        return
    bad = [value for value in position if not is_number(value)]
    if bad:
        value = bad[0]
        if isinstance(value, BadNumber):
            fault("finite", f"{where} holds {value.text}, not a finite number; "
                  "remove or correct the vertex")
        elif isinstance(value, str):
            fault("string", f"{where} holds {describe(value)}, not a number; "
                  "write coordinates without quotes")
        else:
            fault("type", f"{where} holds {describe(value)}, not a number; give each "
                  "position as [lon, lat] numbers")
        return
    try:
        values = [float(value) for value in position]
    except OverflowError:
        values = [math.inf]
    if not all(math.isfinite(value) for value in values):
        fault("finite", f"{where} holds a number too large for a float (it overflows to "
              "infinity); remove or correct the vertex")
        return
    _range_faults(ctx, values[0], values[1], index, where, fault)


def _range_faults(
    ctx: Context, lon: float, lat: float, index: int, where: str, fault: Fault
) -> None:
    projected = abs(lon) > _PROJECTED_ABS or abs(lat) > _PROJECTED_ABS
    (ctx.projected_features if projected else ctx.degree_features).append(index)
    for key, message in _range_messages(lon, lat, where):
        fault(key, message)


def range_problems(lon: float, lat: float, where: str) -> list[str]:
    """What is wrong with position ``where`` at ``(lon, lat)``: projected metres instead of
    degrees, a latitude beyond ±90 (swapped?) or a longitude beyond ±180; empty when fine.

    The one rule for positions, also applied to the formats read in batches
    (:mod:`caspian.layers.io.userfiles`).
    """
    return [message for _, message in _range_messages(lon, lat, where)]


def _range_messages(lon: float, lat: float, where: str) -> list[tuple[str, str]]:
    if abs(lon) > _PROJECTED_ABS or abs(lat) > _PROJECTED_ABS:
        return [("projected", f"{where} is [{shown(lon)}, {shown(lat)}]: that looks like a "
                 "projected CRS (metres), not degrees; reproject to EPSG:4326 "
                 "(ogr2ogr -t_srs EPSG:4326 ...)")]
    messages = []
    if abs(lat) > 90:
        swapped = abs(lon) <= 90 and abs(lat) <= 180
        hint = ("coordinates look swapped: GeoJSON is [lon, lat]; swap the two numbers"
                if swapped else "latitude must lie in -90..90")
        messages.append(("lat", f"{where} has latitude {shown(lat)}, beyond ±90: {hint}"))
    if abs(lon) > 180:
        messages.append(("lon", f"{where} has longitude {shown(lon)}, beyond ±180; wrap it "
                         "into -180..180 (add or subtract 360)"))
    return messages


def bbox_problem(value: Any, where: str) -> str | None:
    """What is wrong with a ``bbox`` member (RFC 7946 §5) found at ``where``; None when fine.

    A bbox is ``[west, south, east, north]``, or six values with the lowest and highest
    altitude after south and north; every value a finite number of degrees (metres for an
    altitude). West may exceed east: that box crosses the antimeridian (§5.2). A null bbox
    is let through as a null ``crs`` is: writers that have no box write that. Whether the
    box holds the geometries is not checked here (readers compute the extent themselves).
    """
    if value is None:
        return None
    if not isinstance(value, list):
        return (f"{where} is {describe(value)}, not a list; write [west, south, east, north] "
                "in degrees, or remove it")
    if len(value) not in (4, 6):
        return (f"{where} has {len(value)} value(s); RFC 7946 writes it [west, south, east, "
                "north] (six values with altitudes): fix it or remove it")
    for position, number in enumerate(value):
        if not is_number(number) or not math.isfinite(number):
            kind = "a finite number" if is_number(number) else "a number"
            return f"{where}[{position}] is {describe(number)}, not {kind}; fix it or remove it"
    half = len(value) // 2
    for position, limit, axis in ((0, 180, "longitude"), (1, 90, "latitude"),
                                  (half, 180, "longitude"), (half + 1, 90, "latitude")):
        if abs(value[position]) > limit:
            return (f"{where}[{position}] is {axis} {shown(value[position])}, beyond ±{limit}; "
                    "a bbox is in degrees, [west, south, east, north]")
    south, north = value[1], value[half + 1]
    if south > north:
        return (f"{where} has its south {shown(south)} above its north {shown(north)}; write "
                "[west, south, east, north]")
    if half == 3 and value[2] > value[5]:
        return (f"{where} has its lowest altitude {shown(value[2])} above its highest "
                f"{shown(value[5])}; write [west, south, low, east, north, high]")
    return None
