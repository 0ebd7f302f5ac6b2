"""The offline vector basemap: the metrics' country polygons, clipped and simplified.

Natural Earth 10 m, with OpenStreetMap land borders in the Caucasus and Central Asia: the same
polygons the metrics cut lines with (:func:`caspian.layers.boundaries.load_boundaries`)
are clipped to the region the map shows plus a margin, simplified, rounded and drawn by
Leaflet as vector shapes: coastlines and borders with no tile server. The offline map draws the
sea inside that region, names the seas and places (:mod:`caspian.maps.labels`) and keeps the
view inside the region.
"""

from __future__ import annotations

from typing import Any

from caspian.layers.boundaries import border_source, load_boundaries
from caspian.maps.html_templates import render_template
from caspian.maps.labels import country_labels, place_labels, sea_labels

#: Simplification tolerance in degrees (about 2 km at these latitudes; 3 px at zoom 8).
SIMPLIFY_DEG = 0.02
#: Coordinates are rounded to this grid, degrees (about 100 m).
GRID_DEG = 0.001
#: Degrees added around the features' bounds before clipping: enough that a laptop window
#: showing all the features at once lies inside the basemap (the view never leaves it).
MARGIN_DEG = 25.0
#: Degrees around the features' bounds inside which places and seas are named.
LABEL_MARGIN_DEG = 10.0


def region_bounds(
    bounds: tuple[float, float, float, float], margin_deg: float = MARGIN_DEG
) -> tuple[float, float, float, float]:
    """Pad ``(west, south, east, north)`` degrees by ``margin_deg``, kept inside the globe."""
    west, south, east, north = bounds
    return (
        max(-180.0, west - margin_deg),
        max(-90.0, south - margin_deg),
        min(180.0, east + margin_deg),
        min(90.0, north + margin_deg),
    )


#: Where OpenStreetMap's credit links to (its copyright and licence page).
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"


def basemap_attribution_html() -> str:
    """Escaped credits of the basemap's borders, joined with `` | ``.

    OpenStreetMap's ODbL credit for the land borders of the region (linked to its copyright
    page) and Natural Earth's. The first is written as a layer's source that measures against
    the same borders writes it (``Borders © OpenStreetMap contributors …``), so the map's
    attribution, which counts each credit on its own, shows it once.
    """
    source = border_source()
    return " | ".join([
        render_template("credit.html.j2", url=OSM_COPYRIGHT_URL,
                        text=f"Borders {source.attribution}"),
        render_template("credit.html.j2", url=None, text=f"{source.base_name} (public domain)"),
    ])


def basemap_geojson(
    bounds: tuple[float, float, float, float],
    simplify_deg: float = SIMPLIFY_DEG,
    grid_deg: float = GRID_DEG,
) -> dict[str, Any]:
    """Countries inside ``bounds`` as a GeoJSON FeatureCollection.

    Parameters
    ----------
    bounds : (float, float, float, float)
        ``(west, south, east, north)`` in degrees; the countries are clipped to it.
    simplify_deg : float
        Douglas–Peucker tolerance in degrees (topology preserved).
    grid_deg : float
        Coordinates are snapped to this grid, degrees.

    Returns
    -------
    dict
        FeatureCollection, one feature per country in code order, property ``code``
        (ISO 3166-1 alpha-3), coordinates ``[lon, lat]``.
    """
    # slow import: GEOS and numpy
    import shapely

    # slow import: GEOS and numpy
    from shapely.geometry import box, mapping

    countries = load_boundaries()
    clip = box(*bounds)
    geoms = shapely.intersection(countries.geometry.values, clip)
    geoms = shapely.simplify(geoms, simplify_deg, preserve_topology=True)
    geoms = shapely.set_precision(geoms, grid_deg)
    features = []
    for code, geom in sorted(zip(countries["code"], geoms, strict=True), key=lambda row: row[0]):
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        features.append(
            {"type": "Feature", "properties": {"code": str(code)}, "geometry": mapping(geom)}
        )
    return {"type": "FeatureCollection", "features": features}


def basemap_labels(
    feature_geometries: Any,
    bounds: tuple[float, float, float, float],
    margin_deg: float = LABEL_MARGIN_DEG,
) -> list[dict[str, Any]]:
    """Sea, country and place names near the features (see :mod:`caspian.maps.labels`), seas
    first.

    Parameters
    ----------
    feature_geometries : array of shapely geometries
        The catalog features, (lon, lat).
    bounds : (float, float, float, float)
        The features' ``(west, south, east, north)``, degrees; names are given within
        ``margin_deg`` of it.
    """

    region = region_bounds(bounds, margin_deg)
    countries = load_boundaries()
    codes = [str(code) for code in countries["code"]]
    seas = sea_labels(codes, countries.geometry.values, region)
    names = country_labels(codes, countries["name"].tolist(), countries.geometry.values, region)
    places = place_labels(feature_geometries, sorted(set(codes)), region)
    # in rank order (stable): where names overlap on screen the earlier one stays
    return sorted([*seas, *names, *places], key=lambda label: label["rank"])
