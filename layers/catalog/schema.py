"""The catalog's schema (``docs/catalog-schema.md``) as typed specs, one rule in one place.

A spec is a function ``(value, where) -> messages``; :func:`record`, :func:`list_of`,
:func:`mapping_of` and the scalar specs compose into :data:`LAYER_MEMBERS` (a layer's foreign
members) and :data:`FEATURE_PROPERTIES` (a catalog feature's properties). The same specs guard
a user's GeoJSON: :data:`USER_PROPERTIES` holds the catalog properties that caspian reads with a
meaning (a published length is compared with the computed one), so a user's file that uses one
must give it the catalog's shape. Booleans are never numbers; numbers are finite.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from caspian.layers.catalog.loading import GROUPS
from caspian.layers.catalog.vocabulary import GEOMETRY_ACCURACIES, KINDS, MODES, STATUSES
from caspian.layers.io.geojson_coordinates import describe, is_number, shown

Spec = Callable[[Any, str], Iterator[str]]

SOURCE_TYPES: tuple[str, ...] = ("seed", "external")


def text(nullable: bool = False, non_empty: bool = False) -> Spec:
    """A string (or null when ``nullable``)."""
    def check(value: Any, where: str) -> Iterator[str]:
        if value is None and nullable:
            return
        if not isinstance(value, str):
            yield f"{where} is {describe(value)}, not a string" + (" or null" if nullable else "")
        elif non_empty and not value.strip():
            yield f"{where} is empty; give it a value"
    return check


def one_of(choices: Sequence[str], nullable: bool = False) -> Spec:
    """One string of a vocabulary (or null when ``nullable``)."""
    def check(value: Any, where: str) -> Iterator[str]:
        if value is None and nullable:
            return
        if not isinstance(value, str) or value not in choices:
            shown = repr(value) if isinstance(value, str) else describe(value)
            yield f"{where} {shown} is not one of {', '.join(choices)}"
    return check


def number(positive: bool = False, non_negative: bool = False, integer: bool = False,
           bounds: tuple[float, float] | None = None) -> Spec:
    """A finite JSON number (never a boolean), optionally > 0, >= 0, whole or within
    ``bounds`` (both ends included)."""
    def check(value: Any, where: str) -> Iterator[str]:
        if isinstance(value, bool):
            yield f"{where} is {describe(value)}, a boolean, not a number"
        elif not is_number(value) or (integer and not isinstance(value, int)):
            yield f"{where} is {describe(value)}, not {'an integer' if integer else 'a number'}"
        elif not math.isfinite(value):
            yield f"{where} is {value}, not a finite number"
        elif positive and not value > 0:
            yield f"{where} is {value!r}; it must be a positive number"
        elif non_negative and value < 0:
            yield f"{where} is {value!r}; it must not be negative"
        elif bounds is not None and not bounds[0] <= value <= bounds[1]:
            yield (f"{where} is {shown(value)}; it must be between {shown(bounds[0])} and "
                   f"{shown(bounds[1])} km")
    return check


def flag() -> Spec:
    """``true`` or ``false``."""
    def check(value: Any, where: str) -> Iterator[str]:
        if not isinstance(value, bool):
            yield f"{where} is {describe(value)}, not true or false"
    return check


def either(first: Spec, second: Spec, expected: str) -> Spec:
    """A value that passes ``first`` or ``second``."""
    def check(value: Any, where: str) -> Iterator[str]:
        if any(True for _ in first(value, where)) and any(True for _ in second(value, where)):
            yield f"{where} is {describe(value)}, not {expected}"
    return check


def position() -> Spec:
    """``[lon, lat]`` degrees."""
    coordinate = number()

    def check(value: Any, where: str) -> Iterator[str]:
        if not isinstance(value, list) or len(value) not in (2, 3):
            yield f"{where} is {describe(value)}, not a position [lon, lat]"
            return
        problems = [m for i, part in enumerate(value) for m in coordinate(part, f"{where}[{i}]")]
        if problems:
            yield from problems
        elif not abs(value[1]) <= 90:
            yield (f"{where} [{shown(value[0])}, {shown(value[1])}] has a latitude beyond ±90 "
                   "(GeoJSON is [lon, lat]: swapped?)")
        elif not abs(value[0]) <= 180:
            yield f"{where} [{shown(value[0])}, {shown(value[1])}] has a longitude beyond ±180"
    return check


def _typed(kind: type, noun: str, nullable: bool, inner: Spec) -> Spec:
    """``inner``'s messages for a value of type ``kind``; null passes when ``nullable``, any
    other value is one message naming ``noun``."""
    def check(value: Any, where: str) -> Iterator[str]:
        if value is None and nullable:
            return
        if not isinstance(value, kind):
            yield f"{where} is {describe(value)}, not {noun}"
            return
        yield from inner(value, where)
    return check


def _container(
    kind: type, noun: str, entries: Callable[[Any], Any], path: Callable[[str, Any], str]
) -> Callable[..., Spec]:
    def make(item: Spec, nullable: bool = False) -> Spec:
        def each_entry(value: Any, where: str) -> Iterator[str]:
            for key, entry in entries(value):
                yield from item(entry, path(where, key))
        return _typed(kind, noun, nullable, each_entry)
    return make


#: ``list_of(item, nullable=False)``: a list whose every item passes ``item``.
list_of = _container(list, "a list", enumerate, lambda where, index: f"{where}[{index}]")
#: ``mapping_of(item, nullable=False)``: an object whose every value passes ``item``.
mapping_of = _container(dict, "an object", dict.items, lambda where, key: f"{where}.{key}")


def record(fields: Mapping[str, tuple[Spec, bool]], nullable: bool = False) -> Spec:
    """An object with these members: ``name -> (spec, required)``; other members are allowed
    (a record is open, as GeoJSON's foreign members are)."""
    def each_field(value: Any, where: str) -> Iterator[str]:
        missing = [name for name, (_, required) in fields.items()
                   if required and name not in value]
        if missing:
            yield f"{where} is missing {', '.join(missing)}"
        for name, (spec, _) in fields.items():
            if name in value:
                yield from spec(value[name], f"{where}.{name}" if where else name)
    return _typed(dict, "an object", nullable, each_field)


def members(spec: Spec, value: Any) -> list[str]:
    """Every message of ``spec`` for a top-level object (paths start at its members)."""
    return list(spec(value, ""))


_SOURCE_ID = text(non_empty=True)

#: The kilometres a published length (or its part in one country) may have. Outside them the
#: figure is a typo or a unit slip, and comparing a line with it overflows (1e308 km made the
#: delta ``inf``): nothing is published to less than a metre, and 1,000,000 km is 25 times the
#: equator (40,075 km), far beyond the longest cable laid.
PUBLISHED_KM_BOUNDS: tuple[float, float] = (0.001, 1_000_000.0)
_PUBLISHED_KM = number(positive=True, bounds=PUBLISHED_KM_BOUNDS)


def _published_length(source: Spec, source_required: bool) -> Spec:
    return record({
        "value": (_PUBLISHED_KM, True),
        "source": (source, source_required),
        "by_country_km": (mapping_of(number(non_negative=True,
                                            bounds=(0.0, PUBLISHED_KM_BOUNDS[1])),
                                     nullable=True), False),
        "note": (text(nullable=True), False),
        # the stretch the figure is measured over, when it is not the line's own ends
        "span": (text(non_empty=True), False),
    })


#: One published length: ``{"value": km, "source": id, "by_country_km": {ISO3: km}}``.
PUBLISHED_LENGTH = _published_length(text(nullable=True), False)
CATALOG_PUBLISHED_LENGTH = _published_length(_SOURCE_ID, True)


def _stated_figures(note: str, source_required: bool) -> Spec:
    """A list of figures as sources state them: ``value`` (a number or a string), ``unit``,
    a ``note`` member (``label``, ``qualifier``) and the ``source``."""
    return list_of(record({
        "value": (either(number(), text(), "a number or a string"), True),
        "unit": (text(nullable=True), False),
        note: (text(nullable=True), False),
        "source": (_SOURCE_ID, source_required),
    }))


#: A catalog feature's properties.
FEATURE_PROPERTIES: Spec = record({
    "name": (text(non_empty=True), True),
    "name_ru": (text(), True),
    "kind": (one_of(KINDS), True),
    "mode": (one_of(MODES, nullable=True), False),
    "status": (one_of(STATUSES), True),
    "status_note": (text(nullable=True), False),
    "operator": (text(nullable=True), False),
    "owners": (list_of(text()), False),
    "capacity": (_stated_figures("label", source_required=False), False),
    "published_length_km": (list_of(CATALOG_PUBLISHED_LENGTH), True),
    "geometry_accuracy": (one_of(GEOMETRY_ACCURACIES), True),
    "traced_sources": (list_of(_SOURCE_ID), False),
    "vertex_sources": (list_of(record({
        "label": (text(), True),
        "source": (_SOURCE_ID, True),
        "approximate": (flag(), False),
    })), True),
    "route_places": (list_of(record({
        "label": (text(), True),
        "source": (_SOURCE_ID, True),
        "coordinates": (position(), True),
        "approximate": (flag(), False),
    })), False),
    "sources": (list_of(_SOURCE_ID), True),
    "chain": (record({"id": (text(non_empty=True), True), "order": (number(), True)},
                     nullable=True), False),
    "note": (text(nullable=True), False),
    "untraced_reason": (text(nullable=True), False),
    "osm_way_ids": (list_of(number(positive=True, integer=True)), False),
})

#: A layer's members beside ``type`` and ``features``.
LAYER_MEMBERS: Spec = record({
    "id": (text(non_empty=True), True),
    "name": (text(non_empty=True), True),
    "name_ru": (text(), False),
    "group": (one_of(GROUPS), True),
    "description": (text(), False),
    "sources": (list_of(record({
        "id": (_SOURCE_ID, True),
        "type": (one_of(SOURCE_TYPES), True),
        "seed": (text(), False),
        "quote": (text(), False),
        "start": (number(non_negative=True, integer=True), False),
        "end": (number(non_negative=True, integer=True), False),
        "outlet": (text(nullable=True), False),
        "page": (text(nullable=True), False),
        "date": (text(nullable=True), False),
        "url": (text(nullable=True), False),
        "attribution": (text(nullable=True), False),
    })), True),
    "conflicts": (list_of(record({
        "id": (text(non_empty=True), True),
        "topic": (text(), False),
        "values": (_stated_figures("qualifier", source_required=True), True),
        "features": (list_of(text()), False),
        "note": (text(nullable=True), False),
    })), False),
})

def with_hint(spec: Spec, hint: str) -> Spec:
    """``spec`` whose every message ends with ``hint``."""
    def check(value: Any, where: str) -> Iterator[str]:
        for message in spec(value, where):
            yield message + hint
    return check


#: A word of a vocabulary in the catalog; a user's file may use its own words, but as text.
_USER_WORD = text(nullable=True)

#: The catalog properties caspian reads with a meaning in a user's file: the published length
#: is compared, the words pick a style, a legend entry and a table column, the name labels the
#: line; an object or a list there would be shown as Python's repr or styled as nothing.
USER_PROPERTIES: Spec = with_hint(record({
    # metrics also takes a single number of km here (a flat export's column), or null
    "published_length_km": (
        lambda value, where: iter(()) if value is None else (
            list_of(PUBLISHED_LENGTH) if isinstance(value, list) else _PUBLISHED_KM
        )(value, where), False),
    "name": (either(text(nullable=True), number(), "a string, a number or null"), False),
    **{word: (_USER_WORD, False) for word in ("kind", "mode", "status", "geometry_accuracy")},
}), " (caspian reads this property as the catalog does: see docs/catalog-schema.md)")
