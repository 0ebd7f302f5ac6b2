"""OpenStreetMap in: Overpass downloads through osmnx, OSM XML files and ``.osm.pbf`` extracts.

Every source ends in the same GeoDataFrame, osmnx's features frame (index ``(element, id)``,
one column per tag, ``geometry`` in EPSG:4326): :func:`fetch_osm_features` downloads it
through ``osmnx.features_from_bbox`` (Overpass, with osmnx's cache), :func:`read_osm_features`
reads it with ``osmnx.features_from_xml`` from an OSM XML file, or from a ``.osm.pbf``
extract that pyosmium first cuts down to the wanted tags (and the nodes their ways use) and
writes as OSM XML. Why pyosmium: it is the OpenStreetMap project's own libosmium, maintained
with it, ships binary wheels (no compiler, no GDAL build) and streams an extract of any size
with a tag filter; pyrosm is tied to old Cython builds and reads whole files into memory, and
quackosm brings DuckDB for what is one filtered pass here.

Rail statuses (:func:`rail_status`) are decided in one place, from ``railway=*`` and the
lifecycle key it names (``railway=construction`` + ``construction=rail``).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from caspian.geo.errors import CaspianError, InputError

if TYPE_CHECKING:
    import geopandas as gpd

logger = logging.getLogger(__name__)

#: ``railway=*`` values that are track in some state of life -> the status we report.
RAIL_STATUSES: dict[str, str] = {
    "rail": "operating",
    "construction": "construction",
    "proposed": "proposed",
    "disused": "disused",
    "abandoned": "abandoned",
}

#: ``railway=*`` values of the stations and halts we name along a route.
STATION_VALUES: tuple[str, ...] = ("station", "halt")

#: What ``caspian osm fetch --what`` downloads: osmnx ``tags`` per kind of infrastructure.
OSM_TAGS: dict[str, dict[str, bool | str | list[str]]] = {
    "rail": {"railway": [*RAIL_STATUSES, *STATION_VALUES]},
    "pipeline": {"man_made": "pipeline"},
    "power": {"power": ["line", "minor_line", "cable"]},
    "port": {"landuse": ["port", "harbour"], "harbour": True, "industrial": "port"},
}

#: File suffixes read as OSM XML (osmnx) and as PBF (pyosmium).
XML_SUFFIXES = (".osm", ".xml")
PBF_SUFFIXES = (".pbf",)


class OverpassError(CaspianError, ConnectionError):
    """The Overpass API cannot be reached or refused the query."""


@dataclass(frozen=True)
class OsmSettings:
    """How osmnx talks to Overpass; applied to ``osmnx.settings`` only while a call runs.

    Attributes
    ----------
    cache_folder : str or Path
        osmnx's response cache (osmnx's default is ``./cache``); a cached query needs no network.
    overpass_url : str
        Base URL of the Overpass API (without ``/interpreter``).
    requests_timeout_s : float
        Timeout osmnx gives Overpass (also the query's ``[timeout:]``), seconds.
    connect_timeout_s : float
        How long to try to open a connection before calling the network unreachable, seconds.
    use_cache : bool
        Read and write osmnx's cache.
    """

    cache_folder: str | Path = "./cache"
    overpass_url: str = "https://overpass-api.de/api"
    requests_timeout_s: float = 180.0
    connect_timeout_s: float = 10.0
    use_cache: bool = True


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
    import osmnx as ox

    saved = {name: getattr(ox.settings, name) for name in _OSMNX_SETTING_NAMES.values()}
    try:
        for ours, theirs in _OSMNX_SETTING_NAMES.items():
            setattr(ox.settings, theirs, getattr(settings, ours))
        yield ox
    finally:
        for name, value in saved.items():
            setattr(ox.settings, name, value)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``W,S,E,N`` degrees into ``(left, bottom, right, top)``.

    Raises
    ------
    InputError
        For anything but four finite numbers with W < E, S < N inside the globe.
    """
    parts = text.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise InputError(
            f"bbox {text!r} is not four numbers; give W,S,E,N in degrees, e.g. 44.7,38.8,46.3,39.8"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InputError(
            f"bbox {text!r} must be W,S,E,N with W < E (within ±180) and S < N (within ±90)"
        )
    return (west, south, east, north)


def rail_status(railway: Any, lifecycle: Mapping[str, Any]) -> str | None:
    """Return the status of a way from its tags, or None when it is not railway track.

    Parameters
    ----------
    railway : str or None
        The way's ``railway`` value.
    lifecycle : mapping
        The way's ``construction``, ``proposed``, ``disused`` and ``abandoned`` values.

    A lifecycle value (``railway=construction`` + ``construction=...``) must be ``rail`` or
    absent: a tram or subway under construction is not a railway.
    """
    status = RAIL_STATUSES.get(railway) if isinstance(railway, str) else None
    if status is None or railway == "rail":
        return status
    kind = lifecycle.get(railway)
    return status if not isinstance(kind, str) or kind == "rail" else None


def read_osm_features(
    path: str | Path, tags: dict[str, bool | str | list[str]]
) -> gpd.GeoDataFrame:
    """Read the features matching ``tags`` from an OSM XML file or a ``.osm.pbf`` extract.

    Raises
    ------
    InputError
        For a missing or unreadable file, an unknown suffix, or no matching feature.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"OSM file {source} does not exist (or is not a file)")
    name = source.name.lower()
    if name.endswith(PBF_SUFFIXES):
        with tempfile.TemporaryDirectory(prefix="caspian-osm-") as folder:
            xml = Path(folder) / "extract.osm"
            _pbf_to_xml(source, xml, tags)
            return _features_from_xml(xml, tags, label=source)
    if name.endswith(XML_SUFFIXES):
        return _features_from_xml(source, tags, label=source)
    raise InputError(
        f"{source}: unknown OSM file type; give an OSM XML file (.osm, .xml) or an .osm.pbf"
    )


def _features_from_xml(
    xml: Path, tags: dict[str, bool | str | list[str]], label: Path
) -> gpd.GeoDataFrame:
    import osmnx as ox
    from osmnx._errors import InsufficientResponseError

    try:
        return ox.features_from_xml(xml, tags=tags)
    except InsufficientResponseError:
        raise InputError(f"{label} has no feature tagged {_tags_text(tags)}") from None
    except Exception as exc:
        if _is_xml_error(exc):
            raise InputError(f"{label} is not readable OSM XML: {exc}") from None
        raise


def _is_xml_error(exc: Exception) -> bool:
    from xml.sax import SAXException

    return isinstance(exc, SAXException | UnicodeDecodeError) or type(exc).__name__ == (
        "ParseError"
    )


def _pbf_to_xml(pbf: Path, xml: Path, tags: dict[str, bool | str | list[str]]) -> None:
    """Write the objects of ``pbf`` matching ``tags``, and the nodes their ways use, as XML."""
    import osmium

    pairs = [
        (key, value)
        for key, values in tags.items()
        for value in ([values] if isinstance(values, str | bool) else values)
    ]
    key_only = [key for key, value in pairs if value is True]
    tag_pairs = [(key, value) for key, value in pairs if isinstance(value, str)]
    filters = []
    if tag_pairs:
        filters.append(osmium.filter.TagFilter(*tag_pairs))
    if key_only:
        filters.append(osmium.filter.KeyFilter(*key_only))
    try:
        with osmium.BackReferenceWriter(str(xml), ref_src=str(pbf), overwrite=True) as writer:
            for one_filter in filters:
                for obj in osmium.FileProcessor(str(pbf)).with_filter(one_filter):
                    writer.add(obj)
    except RuntimeError as exc:
        raise InputError(f"{pbf} is not a readable .osm.pbf extract: {exc}") from None


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
    import osmnx as ox
    import requests
    from osmnx._errors import InsufficientResponseError, ResponseStatusCodeError

    say = progress or logger.info
    with osmnx_settings(settings):
        cached, total = _cached_queries(bbox, tags, settings)
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
                f"no feature tagged {_tags_text(tags)} in bbox {_bbox_text(bbox)}"
            ) from None
        except (requests.RequestException, ResponseStatusCodeError) as exc:
            raise OverpassError(f"Overpass at {host} failed: {_one_line(exc)}") from None
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
    from collections import OrderedDict

    import osmnx as ox
    import requests
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
            "work from a file instead (--osm-file extract.osm or .osm.pbf)"
        ) from None


def rail_ways(frame: gpd.GeoDataFrame, statuses: tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
    """Return the railway ways of an OSM features frame with their status.

    Parameters
    ----------
    frame : GeoDataFrame
        osmnx features (index ``(element, id)``).
    statuses : tuple of str, optional
        Keep only these statuses (see :data:`RAIL_STATUSES`); all by default.

    Returns
    -------
    GeoDataFrame
        Columns ``osm_id`` (int), ``status``, ``railway``, ``name`` and ``geometry``
        (LineStrings), sorted by ``osm_id``.
    """
    import geopandas as gpd

    ways = _elements(frame, "way")
    ways = ways[ways.geometry.geom_type.isin(["LineString", "MultiLineString"])]
    lifecycle = ways.reindex(columns=list(RAIL_STATUSES)[1:])
    status = [
        rail_status(railway, row)
        for railway, row in zip(
            ways.get("railway", [None] * len(ways)), lifecycle.to_dict("records"), strict=True
        )
    ]
    result = gpd.GeoDataFrame(
        {
            "osm_id": ways.index.get_level_values("id").astype("int64"),
            "status": status,
            "railway": ways.get("railway"),
            "name": _text_column(ways, "name"),
        },
        geometry=ways.geometry.values,
        crs="EPSG:4326",
    )
    keep = result["status"].notna()
    if statuses is not None:
        keep &= result["status"].isin(statuses)
    return result[keep].sort_values("osm_id").reset_index(drop=True)


def rail_stations(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the stations and halts (``railway=station|halt`` points) with their names."""
    import geopandas as gpd

    nodes = _elements(frame, "node")
    nodes = nodes[nodes.get("railway", gpd.pd.Series(dtype=object)).isin(STATION_VALUES)]
    return gpd.GeoDataFrame(
        {
            "osm_id": nodes.index.get_level_values("id").astype("int64"),
            "railway": nodes.get("railway"),
            "name": _text_column(nodes, "name"),
        },
        geometry=nodes.geometry.values,
        crs="EPSG:4326",
    ).reset_index(drop=True)


def _elements(frame: gpd.GeoDataFrame, element: str) -> gpd.GeoDataFrame:
    if frame.empty or element not in frame.index.get_level_values("element"):
        return frame.iloc[0:0]
    return frame.xs(element, level="element", drop_level=False)


def _text_column(frame: gpd.GeoDataFrame, name: str) -> list[str | None]:
    if name not in frame.columns:
        return [None] * len(frame)
    return [value if isinstance(value, str) else None for value in frame[name]]


def _tags_text(tags: Mapping[str, Any]) -> str:
    return " or ".join(
        f"{key}={'|'.join(values) if isinstance(values, list) else values}"
        for key, values in tags.items()
    )


def _bbox_text(bbox: tuple[float, float, float, float]) -> str:
    return ",".join(f"{value:g}" for value in bbox)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def extract_dates(path: str | Path, way_ids: list[int]) -> dict[str, str | None]:
    """Dates that identify an extract: its replication timestamp and the newest edit used.

    Parameters
    ----------
    path : path
        OSM XML or ``.osm.pbf`` file (read with pyosmium).
    way_ids : list of int
        The ways whose newest edit is wanted.

    Returns
    -------
    dict
        ``extract_timestamp`` (the header's replication timestamp, None when the file has
        none) and ``newest_way_edit`` (ISO date of the newest of ``way_ids``, None if unknown).
    """
    import osmium

    reader = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
    try:
        replication = reader.header().get("osmosis_replication_timestamp") or None
    finally:
        reader.close()
    newest = None
    if way_ids:
        processor = osmium.FileProcessor(str(path), osmium.osm.WAY).with_filter(
            osmium.filter.IdFilter(way_ids)
        )
        stamps = [way.timestamp for way in processor if way.timestamp.year > 1970]
        newest = max(stamps).date().isoformat() if stamps else None
    return {"extract_timestamp": replication, "newest_way_edit": newest}
