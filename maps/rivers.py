"""Rivers of the offline basemap: Natural Earth 10 m rivers, processed once and shipped.

``maps/data/rivers.geojson`` holds the named rivers of Natural Earth's 10 m rivers and lake
centerlines around our region, with where they were read and how they were processed in its
``provenance`` member (no package ships these rivers: see that member). A map draws the major
rivers (:data:`MAJOR_SCALERANK` or better) and every river that a catalog feature follows or
crosses (within :data:`ROUTE_RIVER_KM`), simplified like the countries, and names each at the
middle of its longest stretch.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Natural Earth scalerank of the rivers drawn wherever they are (smaller is more important).
MAJOR_SCALERANK = 4
#: A river this near a catalog feature is drawn whatever its rank, km.
ROUTE_RIVER_KM = 5.0


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
    import numpy as np
    import shapely
    from caspian.maps.basemap import GRID_DEG, SIMPLIFY_DEG
    from caspian.maps.labels import local_projection, make_label, to_local
    from shapely.geometry import mapping, shape

    west, south, east, north = bounds
    local = local_projection((west + east) / 2, (south + north) / 2)
    route = to_local(local, shapely.union_all(np.asarray(feature_geometries, dtype=object)))
    clip = shapely.box(*bounds)
    features, labels = [], []
    for feature in load_rivers()["features"]:
        props = feature["properties"]
        geom = shapely.intersection(shape(feature["geometry"]), clip)
        if geom.is_empty:
            continue
        near = shapely.dwithin(to_local(local, geom), route, ROUTE_RIVER_KM * 1000.0)
        if props["scalerank"] > MAJOR_SCALERANK and not near:
            continue
        drawn = shapely.set_precision(shapely.simplify(geom, SIMPLIFY_DEG), GRID_DEG)
        features.append({"type": "Feature", "geometry": mapping(drawn),
                         "properties": {"name": props["name"], "scalerank": props["scalerank"]}})
        longest = max(shapely.get_parts(drawn), key=lambda part: part.length)
        middle = shapely.line_interpolate_point(longest, 0.5, normalized=True)
        labels.append(make_label(props["name"], "river", middle.x, middle.y))
    return {"type": "FeatureCollection", "features": features}, labels
