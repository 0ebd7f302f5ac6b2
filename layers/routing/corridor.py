"""Routing by corridor: ``caspian route FROM TO --mode corridor``.

Loads the corridor network (from the cache when its inputs have not changed; building it and
the cache are :mod:`caspian.layers.routing.corridor_network`), resolves the places named,
checks the statuses, avoided places and transfer cost asked for, and returns the best routes
with their summaries (:class:`CorridorAnswer`).
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from caspian.geo.arguments import (
    callback,
    is_bool,
    is_positive_number,
    is_zero_number,
    positive_number,
    refuse,
    texts,
)
from caspian.geo.errors import InputError
from caspian.geo.routing.corridorgraph import CorridorNetwork
from caspian.geo.routing.corridorroute import compare_routes, route_summary
from caspian.geo.routing.corridorsearch import DEFAULT_SEARCH, SearchSettings, find_paths
from caspian.geo.routing.corridorsearch import Path as CorridorPath
from caspian.geo.settings import Settings
from caspian.layers.catalog.endpoints import parse_lonlat
from caspian.layers.catalog.places import (
    Place,
    PlaceIndex,
    geonames_index,
    place_index,
    resolve_named_endpoint,
)
from caspian.layers.routing.corridor_network import (
    CorridorSettings,
    build_network,
    cache_folder,
    input_digest,
    read_network_cache,
    write_network_cache,
)

logger = logging.getLogger(__name__)

#: The network's assembly when none is given (frozen: shared safely as a default).
DEFAULT_SETTINGS = CorridorSettings()


@dataclass(frozen=True)
class CorridorAnswer:
    """Routes between resolved places: the paths, their summaries and the places."""

    places: tuple[Place, ...]
    paths: tuple[CorridorPath, ...]
    routes: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class LoadedCorridor:
    """A network with the places that name its points, and how it was obtained.

    Route many pairs over one loaded network::

        network = load_corridor_network()
        answer = network.route("Aktau", "Kars", alternatives=2)
    """

    network: CorridorNetwork
    places: PlaceIndex
    load_s: float
    from_cache: bool
    cache_file: str | None

    def resolve(self, text: str, label: str = "place") -> Place:
        """A place name (any common spelling), catalog id or ``lon,lat`` as a :class:`Place`."""
        return resolve_named_endpoint(text, [self.places, geonames_index], label)

    def route(
        self, start: str, end: str, *, vias: Sequence[str] = (), alternatives: int = 1,
        settings: SearchSettings = DEFAULT_SEARCH,
    ) -> CorridorAnswer:
        """The best route (and up to ``alternatives - 1`` others) from ``start`` to ``end``.

        Each route is :func:`caspian.geo.routing.corridorroute.route_summary`'s mapping; the second
        and later carry ``compared_with_best``.

        Raises
        ------
        InputError, LayerNotFoundError
            For a name that is unknown or ambiguous.
        SnapError, NoRouteError
            For a place off the network, or no route under ``settings``.
        """

        vias = texts(vias, "vias", "place names (a list of str), e.g. ['Alat']")
        _check_alternatives(alternatives)
        labels = ["FROM", *("VIA" for _ in vias), "TO"]
        places = tuple(self.resolve(text, label)
                       for text, label in zip([start, *vias, end], labels, strict=True))
        named = [label if parse_lonlat(p.label) else f"{label} {p.label}"
                 for p, label in zip(places, labels, strict=True)]
        paths = find_paths(self.network, [p.lonlat for p in places], named, settings,
                           alternatives)
        routes = [route_summary(path, places[0].label, places[-1].label) for path in paths]
        for route in routes[1:]:
            route["compared_with_best"] = compare_routes(routes[0], route)
        return CorridorAnswer(places, tuple(paths), tuple(routes))


#: ``status`` keeps track of this status and of those listed before it.
STATUS_LEVELS = ("operating", "construction", "planned")


def statuses_for(level: str | None) -> frozenset[str] | None:
    """The statuses a route may use under ``--status LEVEL`` (None: every status)."""
    if level is None:
        return None
    if level not in STATUS_LEVELS:
        raise InputError(f"status {level!r} is not a level; use one of "
                         f"{', '.join(STATUS_LEVELS)}")
    return frozenset(STATUS_LEVELS[: STATUS_LEVELS.index(level) + 1])


def check_avoid(
    values: Sequence[str], network: CorridorNetwork
) -> tuple[frozenset[str], frozenset[str]]:
    """Split ``--avoid`` values into country codes and feature ids the network has.

    A layer id stands for all its features. Anything else is an :class:`InputError` naming
    the value.
    """
    features = {edge.feature for edge in network.edges if edge.feature}
    countries = {code for edge in network.edges for code in edge.segment_countries} - {"sea", ""}
    avoid_countries, avoid_features = set(), set()
    for value in values:
        if value.upper() in countries:
            avoid_countries.add(value.upper())
        elif value in features:
            avoid_features.add(value)
        elif any(feature.startswith(value + "/") for feature in features):
            avoid_features.update(f for f in features if f.startswith(value + "/"))
        else:
            examples = ", ".join(sorted(countries)[:4])
            raise InputError(
                f"avoid={value!r} is neither a country the network crosses ({examples}, ...) "
                "nor one of its feature or layer ids (e.g. zangezur_corridor/syunik, "
                "zangezur_corridor)",
                value=value, reason="neither a country nor a feature", options=("avoid",),
            )
    return frozenset(avoid_countries), frozenset(avoid_features)


def route_by_corridor(
    start: str,
    end: str,
    *,
    osm_file: Sequence[str | Path] = (),
    max_snap_km: float | None = None,
    via: Sequence[str] = (),
    avoid: Sequence[str] = (),
    status: str | None = None,
    alternatives: int = 1,
    transfer_hours: float = 0.0,
    speed_kmh: float = 40.0,
    progress: Callable[[str], None] | None = None,
    geo_settings: Settings | None = None,
) -> CorridorAnswer:
    """Rail, ferry and rail from ``start`` to ``end`` (``caspian route --mode corridor``).

    Parameters
    ----------
    start, end : str
        Place names in any common spelling, catalog ids or ``lon,lat``.
    osm_file : sequence of path
        OpenStreetMap extracts whose railways join the network.
    max_snap_km : float, optional
        A place farther than this from the network is refused (25 km by default).
    via : sequence of str
        Places to pass, in order.
    avoid : sequence of str
        Country codes (ISO3) or feature or layer ids the routes keep out of.
    status : str, optional
        ``operating``, ``construction`` or ``planned``: use track of that status and those
        before it (:data:`STATUS_LEVELS`); every status by default.
    alternatives : int
        How many routes that differ meaningfully.
    transfer_hours, speed_kmh : float
        Cost of each transfer in hours, turned into kilometres at ``speed_kmh`` (an
        assumption of the caller's, not a published figure).
    progress : callable, optional
        Receives one line when the network is built rather than read from the cache.
    geo_settings : Settings, optional
        ``ellps`` names the ellipsoid of every length and snap (WGS84 by default).
    """
    # one name alone is one value, not a sequence of its letters
    via = texts(via, "via", "place names (a list of str), e.g. ['Alat']")
    avoid = texts(avoid, "avoid", "country codes or feature ids (a list of str), e.g. ['ARM']")
    osm_file = _paths(osm_file)
    if max_snap_km is not None:
        positive_number(max_snap_km, "max_snap_km", "km", zero=True)
    callback(progress, "progress")
    _check_alternatives(alternatives)
    transfer_km = transfer_cost_km(transfer_hours, speed_kmh)
    loaded = load_corridor_network(osm_file, progress=progress, geo_settings=geo_settings)
    avoid_countries, avoid_features = check_avoid(avoid, loaded.network)
    settings = SearchSettings(
        statuses=statuses_for(status), avoid_features=avoid_features,
        avoid_countries=avoid_countries, transfer_km=transfer_km,
        **({"max_snap_km": max_snap_km} if max_snap_km is not None else {}),
    )
    return loaded.route(start, end, vias=via, alternatives=alternatives, settings=settings)





def _paths(value: Any) -> list[str | Path]:
    """``osm_file`` as a list: one path alone is one file, not the letters of its name."""
    expected = "OpenStreetMap extracts (a list of str or pathlib.Path), or () for none"
    if isinstance(value, (str, os.PathLike)):
        return [Path(value) if not isinstance(value, str) else value]
    if value is None or isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        refuse("osm_file", value, expected)
    items = list(value)
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            refuse("an item of osm_file", item, expected)
    return [item if isinstance(item, str) else Path(item) for item in items]


def _check_alternatives(alternatives: Any) -> None:
    """Refuse any count of routes but a whole number >= 1 (the search's loop needs an int, and
    0 routes is no answer: the command line refuses ``--alternatives 0`` too)."""
    if is_bool(alternatives) or not isinstance(alternatives, (int, np.integer)) or (
            alternatives < 1):
        refuse("alternatives", alternatives, "a whole number of routes, 1 or more")


def transfer_cost_km(transfer_hours: float, speed_kmh: float) -> float:
    """The cost of one transfer in kilometres of travel: ``transfer_hours * speed_kmh``.

    Raises
    ------
    InputError
        ``transfer_hours`` is not a finite number >= 0, ``speed_kmh`` not a finite number
        > 0, or their product overflows: an infinite cost would forbid every transfer, and
        the search would then call a route that needs one missing, blaming the statuses and
        avoided places instead of the numbers.
    """
    in_range = is_positive_number(speed_kmh) and (
        is_zero_number(transfer_hours) or is_positive_number(transfer_hours))
    cost_km = transfer_hours * speed_kmh if in_range else math.nan
    if not math.isfinite(cost_km):
        raise InputError(
            f"transfer_hours={transfer_hours!r} and speed_kmh={speed_kmh!r} do not make a "
            "finite cost per transfer; give transfer_hours= as hours (0 or more) and "
            "speed_kmh= as km/h (more than 0), both finite, e.g. 2 and 40",
            value=(transfer_hours, speed_kmh), reason="transfer cost not finite",
            options=("transfer_hours", "speed_kmh"))
    return float(cost_km)


def load_corridor_network(
    osm_files: Sequence[str | Path] = (),
    settings: CorridorSettings = DEFAULT_SETTINGS,
    *,
    use_cache: bool = True,
    folder: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    geo_settings: Settings | None = None,
) -> LoadedCorridor:
    """The corridor network, from the cache when its inputs have not changed.

    Parameters
    ----------
    osm_files : sequence of path
        OpenStreetMap extracts (``.osm``, ``.osm.pbf``) whose railways join the network.
    settings : CorridorSettings
    use_cache : bool
        False builds afresh and writes nothing.
    folder : path, optional
        Cache folder (:func:`cache_folder` by default).
    progress : callable, optional
        Receives one line when the network is built rather than read.
    geo_settings : Settings, optional
        ``ellps`` names the ellipsoid of every length (WGS84 by default).
    """
    started = time.perf_counter()
    key = input_digest(osm_files, settings, geo_settings)
    path = (Path(folder) if folder else cache_folder()) / f"network-{key}.json.gz"
    if use_cache and path.is_file():
        try:
            network, named = read_network_cache(path, geo_settings)
            for source in network.meta.get("osm", ()):
                for message in source.get("warnings", ()):
                    logger.warning("%s", message)  # as when the extract was read
            return LoadedCorridor(network, place_index(named), time.perf_counter() - started,
                                  True, str(path))
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            logger.warning("corridor cache %s unreadable (%s); rebuilding", path, exc)
    if progress:
        progress("building the corridor network (once; later queries read it from the cache)")
    network, named = build_network(osm_files, settings, geo_settings)
    if use_cache:
        write_network_cache(path, network, named)
    return LoadedCorridor(network, place_index(named), time.perf_counter() - started, False,
                          str(path) if use_cache else None)


