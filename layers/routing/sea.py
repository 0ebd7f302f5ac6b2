"""Sea routing for the catalog and the command line: basins, graph cache, router.

The water comes from the same country polygons the metrics cut lines with
(:func:`caspian.layers.boundaries.load_boundaries`), so a route that the router calls "in
water" is also "sea" to ``caspian metrics``. Each basin's visibility graph
(:mod:`caspian.geo.routing.seagraph`) and its table of every vertex pair's shortest path
(:mod:`caspian.geo.routing.seapaths`) are built once and cached on disk in the user's cache folder
(``$CASPIAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/caspian-gis``, else ``~/.cache/caspian-gis``),
as plain numpy arrays (no pickles), written atomically, under a key that hashes the border
files the land comes from and the code that reads and merges them
(:func:`caspian.layers.boundaries.boundary_files`), the code that builds the graph, the
basin's definition, the ellipsoid its lengths are measured on (``Settings.ellps``) and the
graph version: another border source, or another coastline, builds another graph, and a
graph read from the cache needs no boundaries at all. A graph on another ellipsoid than
WGS84 is the WGS84 graph with its edges measured again (the water does not change). A cache
that cannot be read or written is rebuilt or skipped, never fatal; a file read back is
checked (:func:`read_graph_file`: array shapes, dtypes, vertex indices, the water's WKB) and,
if damaged, rebuilt with a warning saying so.

* :func:`sea_router` returns the process-wide :class:`~caspian.geo.routing.searouting.SeaRouter`;
* :func:`route_by_sea` is what ``caspian route --mode sea`` calls;
* :func:`sea_distance_matrix_m` is the ``"sea"`` kind of ``caspian distances``;
* :func:`sea_crossings` lists sea legs and subsea cables that cross land (``caspian check``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely
from caspian.geo.arguments import settings_or_default
from caspian.geo.geodesy import geod_for
from caspian.geo.landfalls import land_beyond_landfalls_km
from caspian.geo.routing import as_lonlat, seagraph, seapaths
from caspian.geo.routing.seagraph import (
    SeaGraph,
    basin_water,
    build_sea_graph,
    check_sea_graph,
    measured_on,
)
from caspian.geo.routing.seapaths import ShortestPaths, check_shortest_paths, shortest_paths
from caspian.geo.routing.searouting import DEFAULT_SEA_SETTINGS, SeaRouter, SeaRouteSettings
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.boundaries import boundary_files, country_index, load_boundaries
from caspian.layers.catalog.loading import short_feature_id
from caspian.layers.catalog.places import endpoint_lonlat
from caspian.layers.catalog.vocabulary import SEA_KINDS
from caspian.layers.io.cache import cache_root, store
from caspian.layers.io.fileio import display_path

if TYPE_CHECKING:
    from caspian.geo.routing import Route
    from caspian.layers.catalog.endpoints import Endpoint

logger = logging.getLogger(__name__)

#: Bumped whenever the graph's construction or its file layout changes.
GRAPH_VERSION = 3

#: The basins' definitions, in the package data.
BASINS_FILE = "sea_basins.json"


@dataclass(frozen=True)
class Basin:
    """A sea basin's definition (``layers/data/sea_basins.json``)."""

    id: str
    name: str
    extent: shapely.Polygon
    seed_lonlat: tuple[float, float]


@dataclass(frozen=True)
class RouterInfo:
    """How the router was obtained: seconds spent and whether each graph came from the cache."""

    load_s: float
    from_cache: dict[str, bool]
    cache_files: dict[str, str]


def basins() -> tuple[list[Basin], float]:
    """Return the basins and the routes' clearance from the coast (metres)."""
    text = (resources.files("caspian.layers.data") / BASINS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    out = [
        Basin(
            id=entry["id"],
            name=entry["name"],
            extent=shapely.Polygon(entry["extent"]),
            seed_lonlat=(float(entry["seed"][0]), float(entry["seed"][1])),
        )
        for entry in data["basins"]
    ]
    return out, float(data["clearance_m"])


def cache_dir() -> Path:
    """The folder the sea graphs are cached in (not created here).

    Raises
    ------
    InputError
        ``$CASPIAN_CACHE_DIR`` or ``$XDG_CACHE_HOME`` is blank or names an unknown user's
        home (see :func:`caspian.layers.io.cache.cache_root`).
    """
    return cache_root() / "sea-graphs"


def _basin_land(land: npt.NDArray[np.object_], basin: Basin) -> npt.NDArray[np.object_]:
    return land[shapely.intersects(land, basin.extent)]


def graph_key(
    basin: Basin, clearance_m: float, sources: list[Path] | None = None,
    settings: Settings | None = None,
) -> str:
    """Hash of everything a basin's graph depends on.

    ``sources`` are the files the land and the graph come from: by default the border files
    and the code that merges them (:func:`caspian.layers.boundaries.boundary_files`) and the
    modules that build the graph. Hashing them costs about 20 ms, against seconds to read
    and merge the boundaries. ``settings.ellps`` is the ellipsoid of the edge lengths.
    """
    if sources is None:
        sources = _graph_sources()
    ellps = settings_or_default(settings).ellps
    digest = hashlib.sha256()
    digest.update(
        f"v{GRAPH_VERSION}|{basin.id}|{basin.name}|{clearance_m!r}|{ellps}|".encode()
    )
    digest.update(shapely.to_wkb(basin.extent) + repr(basin.seed_lonlat).encode())
    for source in sources:
        digest.update(hashlib.sha256(Path(source).read_bytes()).digest())
    return digest.hexdigest()[:20]


def _graph_sources() -> list[Path]:
    return [*boundary_files(), Path(seagraph.__file__), Path(seapaths.__file__)]


def _graph_bytes(graph: SeaGraph, paths: ShortestPaths, ellps: str) -> bytes:
    buffer = io.BytesIO()
    meta = {"basin": graph.basin, "name": graph.name, "centre": list(graph.centre_lonlat),
            "clearance_m": graph.clearance_m, "ellps": ellps}
    # Stored, not deflated: the path table (most of the file) does not compress, and
    # inflating it took longer than reading it; the zip's CRCs still catch damage.
    np.savez(
        buffer,
        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        navigable=np.frombuffer(shapely.to_wkb(graph.navigable), dtype=np.uint8),
        vertices_xy=graph.vertices_xy,
        previous_xy=graph.previous_xy,
        following_xy=graph.following_xy,
        vertices_lonlat=graph.vertices_lonlat,
        edges=graph.edges.astype(np.int32),
        edge_lengths_m=graph.edge_lengths_m,
        path_lengths_m=paths.lengths_m,
        predecessors=paths.predecessors,
    )
    return buffer.getvalue()


class DamagedCacheError(ValueError):
    """A cached sea graph that cannot be read or does not check out; it is rebuilt."""


def read_graph_file(
    path: Path, basin: Basin, clearance_m: float, settings: Settings | None = None
) -> tuple[SeaGraph, ShortestPaths]:
    """The graph and path table cached in ``path`` for ``basin``, checked.

    Raises
    ------
    DamagedCacheError
        The file cannot be read, is not such a graph, or is another basin's, clearance's or
        ellipsoid's (``settings.ellps``, WGS84 by default).
    """
    ellps = settings_or_default(settings).ellps
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            graph = SeaGraph(
                basin=meta["basin"],
                name=meta["name"],
                centre_lonlat=(float(meta["centre"][0]), float(meta["centre"][1])),
                clearance_m=float(meta["clearance_m"]),
                navigable=shapely.from_wkb(data["navigable"].tobytes()),
                vertices_xy=data["vertices_xy"],
                previous_xy=data["previous_xy"],
                following_xy=data["following_xy"],
                vertices_lonlat=data["vertices_lonlat"],
                edges=data["edges"],
                edge_lengths_m=data["edge_lengths_m"],
                geod=geod_for(settings),
            )
            stored_ellps = meta["ellps"]
            paths = ShortestPaths(data["path_lengths_m"], data["predecessors"])
    except Exception as exc:
        # A damaged file fails in many ways: numpy's reader (a file cut short, pickled data),
        # zipfile (a bad CRC, an unknown compression method, an "encrypted" flag), the JSON of
        # ``meta``, shapely's WKB parser. The file is only a cache of what can be rebuilt, so
        # any failure to read it means: rebuild (a bug here would show as a rebuild line on
        # every run, and test_sea_cache reads a good file back).
        raise DamagedCacheError(f"{type(exc).__name__}: {exc}") from exc
    try:
        check_sea_graph(graph)
        check_shortest_paths(paths, graph.vertices_xy.shape[0])
    except ValueError as exc:
        raise DamagedCacheError(str(exc)) from exc
    if (graph.basin, graph.name, graph.clearance_m) != (basin.id, basin.name, clearance_m):
        raise DamagedCacheError(f"it holds the {graph.basin!r} graph at {graph.clearance_m} m "
                                f"from the coast, not {basin.id!r} at {clearance_m} m")
    if stored_ellps != ellps:
        raise DamagedCacheError(f"its lengths are measured on {stored_ellps!r}, not {ellps!r}")
    return dataclasses.replace(graph, edges=graph.edges.astype(np.intp)), paths


def _cached_graph(
    basin: Basin, clearance_m: float, folder: Path | None, settings: Settings | None = None
) -> tuple[SeaGraph, ShortestPaths, bool, str]:
    """The basin's graph from the cache, or built (and cached when ``folder`` is given)."""
    settings = settings_or_default(settings)
    key = graph_key(basin, clearance_m, settings=settings)
    path = None if folder is None else folder / f"{basin.id}-{key}.npz"
    if path is not None and path.is_file():
        try:
            return *read_graph_file(path, basin, clearance_m, settings), True, str(path)
        except DamagedCacheError as exc:
            logger.warning("the sea graph of the %s cached in %s is damaged (%s); rebuilding it",
                           basin.name, display_path(path), exc)

    started = time.perf_counter()
    if settings.ellps != DEFAULT_SETTINGS.ellps:
        # the same water, vertices and edges: only the lengths differ
        graph = measured_on(_cached_graph(basin, clearance_m, folder)[0], settings)
    else:
        land = np.asarray(load_boundaries().geometry.values, dtype=object)
        water = basin_water(_basin_land(land, basin), basin.extent, basin.seed_lonlat)
        graph = build_sea_graph(basin.id, basin.name, water, clearance_m, settings)
    paths = shortest_paths(graph)
    logger.info(
        "built the %s sea graph (%d vertices, %d edges) on %s in %.1f s",
        basin.name, graph.vertices_xy.shape[0], graph.edges.shape[0], settings.ellps,
        time.perf_counter() - started,
    )
    if path is not None:
        store(path, _graph_bytes(graph, paths, settings.ellps))
    return graph, paths, False, "" if path is None else str(path)


def load_sea_router(
    settings: SeaRouteSettings = DEFAULT_SEA_SETTINGS,
    folder: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    geo_settings: Settings | None = None,
) -> tuple[SeaRouter, RouterInfo]:
    """Build (or read from the cache) every basin's graph and return a router.

    Parameters
    ----------
    settings : SeaRouteSettings, optional
        Snap limit and output densification.
    folder : str or path-like, optional
        Cache folder; :func:`cache_dir` by default.
    use_cache : bool
        False builds every graph afresh and writes nothing.
    geo_settings : Settings, optional
        ``ellps`` names the ellipsoid of every length and snap (WGS84 by default).
    """
    geo_settings = settings_or_default(geo_settings, "geo_settings")
    started = time.perf_counter()
    target = None if not use_cache else (cache_dir() if folder is None else Path(folder))
    definitions, clearance_m = basins()
    graphs, tables, from_cache, files = [], {}, {}, {}
    for basin in definitions:
        graph, tables[basin.id], cached, path = _cached_graph(basin, clearance_m, target,
                                                              geo_settings)
        graphs.append(graph)
        from_cache[basin.id], files[basin.id] = cached, path
    router = SeaRouter(graphs, settings, tables)
    return router, RouterInfo(time.perf_counter() - started, from_cache, files)


@lru_cache(maxsize=4)
def _default_router(ellps: str) -> tuple[SeaRouter, RouterInfo]:
    return load_sea_router(geo_settings=DEFAULT_SETTINGS.replace(ellps=ellps))


def sea_router(geo_settings: Settings | None = None) -> SeaRouter:
    """The process-wide sea router of ``geo_settings.ellps`` (WGS84 by default), built or
    read from the cache at first use."""
    return _default_router(settings_or_default(geo_settings, "geo_settings").ellps)[0]


def sea_router_info(geo_settings: Settings | None = None) -> RouterInfo:
    """How :func:`sea_router` was obtained (load seconds, cache hits)."""
    return _default_router(settings_or_default(geo_settings, "geo_settings").ellps)[1]


def route_by_sea(
    start: Endpoint | tuple[float, float] | str, end: Endpoint | tuple[float, float] | str,
    geo_settings: Settings | None = None,
) -> Route:
    """Shortest water path between two endpoints, ``(lon, lat)`` points or place names
    (``caspian route --mode sea``; a name is read as the command line reads it, see
    :func:`caspian.layers.catalog.places.endpoint_lonlat`), measured on
    ``geo_settings.ellps`` (WGS84 by default)."""
    # checked before the router is loaded
    start_lonlat = endpoint_lonlat(start, "start")
    end_lonlat = endpoint_lonlat(end, "end")
    return sea_router(geo_settings).route(start_lonlat, end_lonlat)


def sea_route(
    start_lonlat: tuple[float, float], end_lonlat: tuple[float, float],
    geo_settings: Settings | None = None,
) -> Route:
    """Shortest water path between two ``(lon, lat)`` points: the one-call Python API.

    Returns a :class:`caspian.geo.routing.Route`: ``geometry`` (LineString over water),
    ``length_km``, ``start_snap_km``/``end_snap_km`` and ``details["basin"]``, measured on
    ``geo_settings.ellps`` (WGS84 by default).
    """
    # checked before the router is loaded, and named as this function names them
    start_lonlat = as_lonlat(start_lonlat, "start_lonlat")
    end_lonlat = as_lonlat(end_lonlat, "end_lonlat")
    return sea_router(geo_settings).route(start_lonlat, end_lonlat)


def sea_distance_matrix_m(
    lons: npt.ArrayLike, lats: npt.ArrayLike, settings: Settings | None = None
) -> npt.NDArray[np.float64]:
    """The ``"sea"`` distance kind: shortest water path between every pair, metres, on
    ``settings.ellps`` (WGS84 by default).

    Points in different basins are ``inf`` apart; a point in no basin (an inland port) gets
    NaN rather than failing the whole table.
    """
    return sea_router(settings_or_default(settings)).distance_matrix_m(lons, lats, strict=False)


@dataclass(frozen=True)
class SeaCrossing:
    """A sea leg or subsea cable with length on land between its landfalls."""

    layer: str
    feature: str
    land_km: float

    @property
    def message(self) -> str:
        """What ``caspian check`` says about it."""
        return (
            f"crosses {self.land_km:,.1f} km of land between its landfalls (a ship or subsea "
            "cable cannot); route it over water, e.g. with the sea routing mode"
        )


def sea_crossings(layers: Any, min_land_km: float = 0.5) -> list[SeaCrossing]:
    """Sea legs and subsea cables whose line crosses land beyond its landfalls.

    Parameters
    ----------
    layers : iterable of caspian.layers.catalog.loading.Layer
        Layers to look through; features of :data:`SEA_KINDS` are checked.
    min_land_km : float
        Land shorter than this is not reported (the coast's resolution).
    """

    found = []
    for layer in layers:
        for feature in layer.features:
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if properties.get("kind") in SEA_KINDS and geometry.get("type") == "LineString":
                line = shapely.geometry.shape(geometry)
                found.append((layer.id, short_feature_id(feature), line))
    if not found:
        return []
    land_km = land_beyond_landfalls_km([line for *_, line in found], country_index())
    return [
        SeaCrossing(layer_id, feature_id, float(km))
        for (layer_id, feature_id, _), km in zip(found, land_km, strict=True)
        if km >= min_land_km
    ]
