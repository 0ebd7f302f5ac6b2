"""Overpass downloads through osmnx, with osmnx's own cache and an honest offline error.

:func:`fetch_osm_features` calls ``osmnx.features_from_bbox`` with our :class:`OsmSettings`
applied to ``osmnx.settings`` only for the call. Before any request it looks in osmnx's cache
(:func:`overpass_cache_files` follows osmnx 2.x's own cache key) and, on a miss, tries the
Overpass host with a short timeout, so that an offline machine gets one line at once instead
of osmnx's rate-limit pause and retries.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from caspian.geo.arguments import callback, flag, instance, refuse
from caspian.geo.errors import CaspianError, InputError
from caspian.layers.osm.extracts import check_tags, parse_bbox, tags_text

if TYPE_CHECKING:
    import geopandas as gpd

logger = logging.getLogger(__name__)


class OverpassError(CaspianError, ConnectionError):
    """The Overpass API cannot be reached or refused the query."""

    # mypy reads our ``caspian.*`` imports as Any (the namespace maps folders it cannot
    # follow), so it checks this class's calls against ConnectionError.__init__ and a call with the
    # fields of :class:`CaspianError` (``options=``) carries ``type: ignore[call-arg]``.


@dataclass(frozen=True, kw_only=True)
class OsmSettings:
    """How osmnx talks to Overpass; applied to ``osmnx.settings`` only while a call runs."""

    #: osmnx's response cache (osmnx's default is ``./cache``); a cached query needs no network.
    cache_folder: str | Path = "./cache"
    #: Base URL of the Overpass API (without ``/interpreter``).
    overpass_url: str = "https://overpass-api.de/api"
    #: Timeout osmnx gives Overpass (also the query's ``[timeout:]``), seconds.
    requests_timeout_s: float = 180.0
    #: How long to try to open a connection before calling the network unreachable, seconds.
    connect_timeout_s: float = 10.0
    #: Read and write osmnx's cache.
    use_cache: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.cache_folder, (str, Path)) or self.cache_folder == "":
            refuse("OsmSettings.cache_folder", self.cache_folder, "a folder path (str or Path)")
        flag(self.use_cache, "OsmSettings.use_cache")
        if not isinstance(self.overpass_url, str):
            refuse("OsmSettings.overpass_url", self.overpass_url, "an http(s) URL (a str)")
        parts = urlsplit(str(self.overpass_url))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(
                f"Overpass URL {self.overpass_url!r} is not an http(s) URL; give one such as "
                f"{OsmSettings.overpass_url}"
            )
        for name in ("requests_timeout_s", "connect_timeout_s"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                0 < value < float("inf")
            ):
                raise InputError(f"{name} must be a positive number of seconds, got {value!r}; "
                                 f"give one such as {getattr(OsmSettings, name):g}")


#: OsmSettings field -> the ``osmnx.settings`` name it sets.
_OSMNX_SETTING_NAMES: dict[str, str] = {
    "cache_folder": "cache_folder",
    "overpass_url": "overpass_url",
    "requests_timeout_s": "requests_timeout",
    "use_cache": "use_cache",
}


@contextlib.contextmanager
def osmnx_settings(settings: OsmSettings) -> Iterator[Any]:
    """Apply ``settings`` to ``osmnx.settings`` for the ``with`` block, then restore them.

    osmnx reads module-level settings; setting them only around our own calls keeps them from
    leaking into the rest of a user's program.
    """
    # slow import: geopandas, networkx and requests
    import osmnx as ox

    saved = {name: getattr(ox.settings, name) for name in _OSMNX_SETTING_NAMES.values()}
    try:
        for ours, theirs in _OSMNX_SETTING_NAMES.items():
            setattr(ox.settings, theirs, getattr(settings, ours))
        with warnings.catch_warnings():
            # A large box is split into sub-queries: our progress line already counts them.
            warnings.filterwarnings("ignore", r"This area is .* max query area", UserWarning)
            yield ox
    finally:
        for name, value in saved.items():
            setattr(ox.settings, name, value)


def fetch_osm_features(
    bbox: tuple[float, float, float, float],
    tags: dict[str, bool | str | list[str]],
    settings: OsmSettings,
    progress: Callable[[str], None] | None = None,
) -> gpd.GeoDataFrame:
    """Download the features matching ``tags`` in ``bbox`` through osmnx (Overpass).

    A query osmnx has cached is answered from ``settings.cache_folder`` without the network.
    Otherwise the Overpass host is tried first with a short connection timeout, so that an
    offline machine gets a one-line error at once instead of osmnx's rate-limit pause.

    Parameters
    ----------
    bbox : tuple of float
        ``(left, bottom, right, top)`` degrees.
    tags : dict
        osmnx tags (see :data:`OSM_TAGS`).
    settings : OsmSettings
        Cache folder, Overpass URL and timeouts.
    progress : callable, optional
        Called with one short line per stage (for a progress indication on stderr).

    Raises
    ------
    OverpassError
        When Overpass cannot be reached or answers with an error.
    InputError
        When the box holds no matching feature.
    """
    # slow import: geopandas, networkx and requests
    import osmnx as ox

    # slow import: urllib3 and certificates
    import requests

    # slow import: geopandas, networkx and requests
    from osmnx._errors import InsufficientResponseError, ResponseStatusCodeError

    bbox, tags = parse_bbox(bbox), check_tags(tags)
    instance(settings, OsmSettings, "settings", "an OsmSettings")
    say = callback(progress, "progress") or logger.info
    with osmnx_settings(settings):
        try:
            cached, total = _cached_queries(bbox, tags, settings)
        except ValueError as exc:
            # osmnx cuts the box into Overpass queries in the UTM zone of its centre; a box
            # reaching far from that zone (0,0,180,90) projects to NaN there.
            raise InputError(
                f"bbox {_bbox_text(bbox)} is too large for osmnx to cut into Overpass queries "
                f"({_one_line(exc)}); give a smaller box (W,S,E,N), e.g. 44.7,38.8,46.3,39.8",
                value=bbox, reason=_one_line(exc), options=("bbox",),
            ) from None
        host = urlsplit(settings.overpass_url).hostname or settings.overpass_url
        if cached < total:
            say(f"querying Overpass at {host}: {total - cached} of {total} request(s) not cached")
            _check_reachable(settings)
        else:
            say(f"answering from osmnx's cache in {settings.cache_folder} ({total} request(s))")
        try:
            frame = ox.features_from_bbox(bbox=bbox, tags=tags)
        except InsufficientResponseError:
            raise InputError(
                f"no feature tagged {tags_text(tags)} in bbox {_bbox_text(bbox)}; widen the box "
                "(W,S,E,N) or check on openstreetmap.org that the area has such features"
            ) from None
        except (requests.RequestException, ResponseStatusCodeError) as exc:
            raise OverpassError(
                f"Overpass at {host} failed: {_one_line(exc)}; try again later, another "
                "Overpass server (overpass_url=), or work from a file (osm_file=extract.osm "
                "or .osm.pbf)",
                value=settings.overpass_url, reason=_one_line(exc),
                options=("overpass_url", "osm_file"),
            ) from None
    say(f"received {len(frame):,} feature(s)")
    return frame


def overpass_cache_files(
    bbox: tuple[float, float, float, float],
    tags: dict[str, bool | str | list[str]],
) -> list[tuple[Path, str]]:
    """Return, per Overpass request osmnx makes for this query, its cache file and query.

    Call inside :func:`osmnx_settings`: the query text and cache folder come from osmnx's
    settings. This follows osmnx 2.x's own request path (``_overpass._overpass_request``),
    whose cache key is the SHA-1 of the prepared request URL.
    """
    # slow import: geopandas, networkx and requests
    import osmnx as ox

    # slow import: urllib3 and certificates
    import requests

    # slow import: geopandas, networkx and requests
    from osmnx import _http, _overpass

    polygon = ox.utils_geo.bbox_to_poly(bbox)
    url = ox.settings.overpass_url.rstrip("/") + "/interpreter"
    files = []
    for coord_str in _overpass._make_overpass_polygon_coord_strs(polygon):
        query = _overpass._create_overpass_features_query(coord_str, tags)
        prepared = str(requests.Request("GET", url, params=OrderedDict(data=query)).prepare().url)
        files.append((_http._resolve_cache_filepath(prepared), query))
    return files


def _cached_queries(
    bbox: tuple[float, float, float, float],
    tags: dict[str, bool | str | list[str]],
    settings: OsmSettings,
) -> tuple[int, int]:
    files = overpass_cache_files(bbox, tags)
    cached = sum(path.is_file() for path, _ in files) if settings.use_cache else 0
    return cached, len(files)


def _check_reachable(settings: OsmSettings) -> None:
    parts = urlsplit(settings.overpass_url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=settings.connect_timeout_s):
            pass
    except OSError as exc:
        raise OverpassError(
            f"cannot reach Overpass at {host}:{port} ({exc.strerror or exc}); offline? "
            "work from a file instead (osm_file=extract.osm or .osm.pbf)",
            value=settings.overpass_url, reason=str(exc.strerror or exc), options=("osm_file",),
        ) from None


def _bbox_text(bbox: tuple[float, float, float, float]) -> str:
    return ",".join(f"{value:g}" for value in bbox)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]
