"""Rivers of the offline basemap: Natural Earth 10 m rivers, processed once and shipped.

``maps/data/rivers.geojson`` holds the named rivers of Natural Earth's 10 m rivers and lake
centerlines around our region, with where they were read and how they were processed in its
``provenance`` member (no package ships these rivers: see that member). A map draws the major
rivers (:data:`MAJOR_SCALERANK` or better) and every river that a catalog feature follows or
crosses (within :data:`ROUTE_RIVER_KM`), simplified like the countries, and names each at the
middle of its longest stretch.

Where a river is a land border (the Aras between Nakhchivan and Iran, the Amu Darya), Natural
Earth's centreline and the border data the basemap draws (OpenStreetMap's, in the region) can
lie kilometres apart: the Aras ran up to 10 km south of the border the Nakhchivan railway
follows. Such a stretch (within :data:`BORDER_NEAR_KM` of a border for at least
:data:`BORDER_RUN_KM`) is drawn on the border itself, so river, border and railway agree.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from caspian.geo.geodesy import local_projection
from caspian.layers.boundaries import load_boundaries
from caspian.maps.basemap import GRID_DEG, SIMPLIFY_DEG
from caspian.maps.labels import make_label, to_local, to_lonlat

#: Natural Earth scalerank of the rivers drawn wherever they are (smaller is more important).
MAJOR_SCALERANK = 4
#: A river this near a catalog feature is drawn whatever its rank, km.
ROUTE_RIVER_KM = 5.0
#: A river stretch within this distance of a land border may be the border, km.
BORDER_NEAR_KM = 12.0
#: ... and is taken to be the border when it runs beside it for at least this long, km (a
#: river that only crosses a border stays as it is).
BORDER_RUN_KM = 40.0


def land_borders(bounds: tuple[float, float, float, float]) -> Any:
    """The land borders between the basemap's countries inside ``bounds``: an array of (lon,
    lat) lines, the edges that two countries' polygons share
    (:func:`caspian.layers.boundaries.load_boundaries`)."""
    # slow import: GEOS and numpy
    import shapely

    polygons = shapely.intersection(load_boundaries().geometry.values, shapely.box(*bounds))
    polygons = polygons[~shapely.is_empty(polygons)]
    edges = shapely.boundary(polygons)
    left, right = shapely.STRtree(polygons).query(polygons, predicate="intersects")
    pairs = left < right
    shared = shapely.intersection(edges[left[pairs]], edges[right[pairs]])
    # each pair's shared edges come as single segments: merge them pair by pair
    lines = shapely.get_parts(shapely.line_merge(shapely.get_parts(shared)))
    return lines[shapely.get_type_id(lines) == 1]  # LineStrings; points where borders touch


def along_borders(river_m: Any, borders_m: Any) -> Any:
    """A river (metres, local projection) with every stretch that runs beside a border
    (within :data:`BORDER_NEAR_KM` for at least :data:`BORDER_RUN_KM`) moved onto it: each
    vertex of the stretch (the river cut into 1 km steps) goes to its nearest border point.

    Parameters
    ----------
    river_m : shapely geometry
        A (Multi)LineString in metres.
    borders_m : array of LineString
        The land borders, in the same metres.
    """
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    if not len(borders_m):
        return river_m
    tree = shapely.STRtree(borders_m)
    parts = []
    for part in shapely.get_parts(river_m):
        coords = shapely.get_coordinates(shapely.segmentize(part, 1000.0))
        points = shapely.points(coords)
        found, nearest = tree.query_nearest(points, max_distance=BORDER_NEAR_KM * 1000.0,
                                            all_matches=False)
        near = np.zeros(len(coords), dtype=bool)
        near[found] = True
        onto = coords.copy()
        onto[found] = shapely.get_coordinates(
            shapely.get_point(shapely.shortest_line(points[found], borders_m[nearest]), 1))
        steps = np.r_[0.0, np.hypot(*np.diff(coords, axis=0).T)]
        # runs of consecutive near vertices, kept when long enough
        edges = np.flatnonzero(np.diff(np.r_[0, near.astype(int), 0]))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if steps[start + 1:end].sum() >= BORDER_RUN_KM * 1000.0:
                coords[start:end] = onto[start:end]
        parts.append(shapely.LineString(coords))
    return shapely.multilinestrings(parts) if len(parts) > 1 else parts[0]


@cache
def load_rivers() -> dict[str, Any]:
    """The shipped rivers: a FeatureCollection with a ``provenance`` member."""
    text = (resources.files("caspian.maps.data") / "rivers.geojson").read_text("utf-8")
    collection: dict[str, Any] = json.loads(text)
    return collection


def map_rivers(
    feature_geometries: Any, bounds: tuple[float, float, float, float]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The rivers to draw inside ``bounds``, and a label for each.

    Parameters
    ----------
    feature_geometries : array of shapely geometries
        The catalog features, (lon, lat).
    bounds : (float, float, float, float)
        ``(west, south, east, north)`` degrees that the basemap covers.

    Returns
    -------
    (dict, list of dict)
        A FeatureCollection (properties ``name``, ``scalerank``), and labels as
        :mod:`caspian.maps.labels` makes them (kind ``"river"``), in name order.
    """
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    # slow import: GEOS and numpy
    from shapely.geometry import mapping, shape

    west, south, east, north = bounds
    local = local_projection(((west + east) / 2, (south + north) / 2), decimals=4)
    route = to_local(local, shapely.union_all(np.asarray(feature_geometries, dtype=object)))
    clip = shapely.box(*bounds)
    chosen = []
    for feature in load_rivers()["features"]:
        props = feature["properties"]
        geom = shapely.intersection(shape(feature["geometry"]), clip)
        if geom.is_empty:
            continue
        geom_m = to_local(local, geom)
        near = bool(shapely.dwithin(geom_m, route, ROUTE_RIVER_KM * 1000.0))
        if props["scalerank"] > MAJOR_SCALERANK and not near:
            continue
        chosen.append((props, geom, geom_m, near))
    # The rivers our lines follow or cross are drawn on the borders they are; looking for
    # borders only around them keeps the map quick to build.
    followed = [geom for _, geom, _, near in chosen if near]
    borders = np.array([], dtype=object)
    if followed:
        pad_deg = 1.0  # more than BORDER_NEAR_KM at these latitudes: a search box only
        west_r, south_r, east_r, north_r = shapely.total_bounds(followed)
        box = (west_r - pad_deg, south_r - pad_deg, east_r + pad_deg, north_r + pad_deg)
        borders = to_local(local, land_borders(box))
    features, labels = [], []
    for props, geom, geom_m, near in chosen:
        if near:
            geom = to_lonlat(local, along_borders(geom_m, borders))
        drawn = shapely.set_precision(shapely.simplify(geom, SIMPLIFY_DEG), GRID_DEG)
        features.append({"type": "Feature", "geometry": mapping(drawn),
                         "properties": {"name": props["name"], "scalerank": props["scalerank"]}})
        longest = max(shapely.get_parts(drawn), key=lambda part: part.length)
        middle = shapely.line_interpolate_point(longest, 0.5, normalized=True)
        labels.append(make_label(props["name"], "river", middle.x, middle.y))
    return {"type": "FeatureCollection", "features": features}, labels
