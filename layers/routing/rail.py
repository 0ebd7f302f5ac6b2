"""Rail routing over OpenStreetMap: ``caspian route FROM TO --mode rail``.

Reads the railways of an OSM extract (``.osm`` XML or ``.osm.pbf``) or downloads those of a
bounding box through osmnx (:mod:`caspian.layers.osm.extracts`), builds the graph
(:func:`caspian.geo.routing.railgraph.build_rail_network`) and returns a
:class:`caspian.geo.routing.Route` whose details carry the length by way status, the OSM way
ids used and the tagged stations along the way. What the track does not connect is a gap,
reported and never drawn as track.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from caspian.geo.arguments import callback, file_path, instance, settings_or_default
from caspian.geo.errors import InputError
from caspian.geo.routing import Route, as_lonlat
from caspian.geo.routing.railgraph import (
    RailNetwork,
    RailPath,
    build_rail_network,
    nearest_on_path,
    shortest_rail_path,
)
from caspian.layers.catalog.places import endpoint_lonlat
from caspian.layers.osm.extracts import (
    OSM_TAGS,
    check_statuses,
    parse_bbox,
    rail_stations,
    rail_ways,
    read_osm_features,
)
from caspian.layers.osm.overpass import OsmSettings, fetch_osm_features

if TYPE_CHECKING:
    import geopandas as gpd
    import pyproj
    from caspian.geo.settings import Settings
    from caspian.layers.catalog.endpoints import Endpoint

#: Statuses a train could run on once built: abandoned track (rails lifted) is left out.
ROUTED_STATUSES: tuple[str, ...] = ("operating", "construction", "proposed", "disused")

#: Tagged stations this close to the route are listed along it, kilometres.
STATION_RADIUS_KM = 2.0

#: A requested point farther than this from any track is refused, kilometres.
DEFAULT_MAX_SNAP_KM = 25.0


@dataclass(frozen=True)
class LoadedRail:
    """A rail network with its stations and where it was read."""

    network: RailNetwork
    #: ``osm_id``, ``railway``, ``name``, point ``geometry``.
    stations: gpd.GeoDataFrame
    #: The OSM file's name, or ``overpass bbox W,S,E,N``.
    source: str
    #: The ways the network was built from (``osm_id``, ``status``, ``name``, ``geometry``).
    ways: gpd.GeoDataFrame


def load_rail(
    osm_file: str | Path | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    *,
    statuses: tuple[str, ...] = ROUTED_STATUSES,
    settings: OsmSettings | None = None,
    progress: Callable[[str], None] | None = None,
    geo_settings: Settings | None = None,
) -> LoadedRail:
    """Read (or download) the railways and build their network.

    Parameters
    ----------
    osm_file : path, optional
        OSM XML (``.osm``) or ``.osm.pbf`` extract.
    bbox : str or tuple, optional
        ``W,S,E,N`` degrees, downloaded through osmnx when no file is given.
    statuses : tuple of str
        Way statuses to route over.
    settings : OsmSettings, optional
        osmnx cache and Overpass settings, for ``bbox``.
    progress : callable, optional
        Receives one line per download stage.
    geo_settings : Settings, optional
        ``ellps`` names the ellipsoid the track, snaps and gaps are measured on (WGS84 by
        default).

    Raises
    ------
    InputError
        Without exactly one of ``osm_file`` and ``bbox``, or when the source has no railway.
    """
    tags = OSM_TAGS["rail"]
    statuses = check_statuses(statuses)
    if settings is not None:
        instance(settings, OsmSettings, "settings", "an OsmSettings, or None for the defaults")
    callback(progress, "progress")
    geo_settings = settings_or_default(geo_settings, "geo_settings")
    if osm_file is not None and bbox is None:
        frame = read_osm_features(file_path(osm_file, "osm_file"), tags)
        source = Path(osm_file).name
    elif bbox is not None and osm_file is None:
        box = parse_bbox(bbox)
        frame = fetch_osm_features(box, tags, settings or OsmSettings(), progress)
        source = "overpass bbox " + ",".join(f"{value:g}" for value in box)
    else:
        raise InputError(
            "rail routing needs exactly one network: an OSM extract file or a bbox to download; "
            "give osm_file or bbox, not both and not neither"
        )
    ways = rail_ways(frame, statuses)
    if ways.empty:
        raise InputError(
            f"{source} has no railway track with status {', '.join(statuses)} to route over; "
            "allow more statuses or give an extract of an area with such track"
        )
    network = build_rail_network(ways.geometry.values, ways["osm_id"], ways["status"],
                                 settings=geo_settings)
    return LoadedRail(network, rail_stations(frame), source, ways)


def route_by_rail(
    start: Endpoint | tuple[float, float] | str,
    end: Endpoint | tuple[float, float] | str,
    *,
    osm_file: str | Path | None = None,
    bbox: str | None = None,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
    settings: OsmSettings | None = None,
    progress: Callable[[str], None] | None = None,
    geo_settings: Settings | None = None,
) -> Route:
    """Route from ``start`` to ``end`` over the railways of an OSM file or a downloaded box.

    ``start`` and ``end`` are endpoints, ``(lon, lat)`` points or place names, read as the
    command line reads FROM and TO (:func:`caspian.layers.catalog.places.endpoint_lonlat`).

    ``geo_settings.ellps`` names the ellipsoid of every length (WGS84 by default); the other
    options are :func:`load_rail`'s and :func:`route_on`'s.

    Returns
    -------
    Route
        ``details``: ``length_by_status_km``, ``osm_way_ids``, ``stations`` (tagged stations
        within :data:`STATION_RADIUS_KM` of the route, in route order), ``start_station`` and
        ``end_station`` (nearest to each end), ``osm_source``.

    Raises
    ------
    SnapError
        When FROM or TO lies farther than ``max_snap_km`` from any track.
    """
    start_lonlat = endpoint_lonlat(start, "FROM")
    end_lonlat = endpoint_lonlat(end, "TO")
    loaded = load_rail(osm_file, bbox, settings=settings, progress=progress,
                       geo_settings=geo_settings)
    return route_on(loaded, start_lonlat, end_lonlat, max_snap_km=max_snap_km)


def route_on(
    loaded: LoadedRail,
    start_lonlat: tuple[float, float],
    end_lonlat: tuple[float, float],
    *,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
) -> Route:
    """Route between two ``(lon, lat)`` points over an already loaded network."""
    instance(loaded, LoadedRail, "loaded", "a LoadedRail (load_rail)")
    start_lonlat, end_lonlat = as_lonlat(start_lonlat, "FROM"), as_lonlat(end_lonlat, "TO")
    path = shortest_rail_path(loaded.network, start_lonlat, end_lonlat, max_snap_km)
    details: dict[str, Any] = {
        "length_by_status_km": path.length_by_status_km,
        "osm_way_ids": list(path.way_ids),
        **_station_details(path, loaded.stations, loaded.network.geod),
        "osm_source": loaded.source,
    }
    return Route(
        mode="rail",
        start_lonlat=start_lonlat,
        end_lonlat=end_lonlat,
        geometry=path.geometry(),
        length_km=path.length_km,
        start_snap_km=path.start_snap_km,
        end_snap_km=path.end_snap_km,
        gaps=path.gaps,
        details=details,
    )


def _station_details(
    path: RailPath, stations: gpd.GeoDataFrame, geod: pyproj.Geod
) -> dict[str, Any]:
    if stations.empty:
        return {"stations": [], "start_station": None, "end_station": None}
    vertices = np.concatenate(path.parts)
    lons, lats = stations.geometry.x.to_numpy(), stations.geometry.y.to_numpy()
    index, dist_km = nearest_on_path(vertices, lons, lats, geod)
    along = sorted(
        (int(index[i]), i) for i in np.flatnonzero(dist_km <= STATION_RADIUS_KM)
    )
    ends = nearest_on_path(
        np.column_stack([lons, lats]),
        [vertices[0, 0], vertices[-1, 0]],
        [vertices[0, 1], vertices[-1, 1]],
        geod,
    )

    def station(i: int, km: float) -> dict[str, Any]:
        row = stations.iloc[i]
        name = row["name"] if isinstance(row["name"], str) else None
        return {"name": name, "osm_id": int(row["osm_id"]), "distance_km": round(km, 3)}

    return {
        "stations": [station(int(i), float(dist_km[i])) for _, i in along],
        "start_station": station(int(ends[0][0]), float(ends[1][0])),
        "end_station": station(int(ends[0][1]), float(ends[1][1])),
    }
