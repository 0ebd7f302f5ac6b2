"""Build ``layers/data/borders/osm_region_borders.gpkg`` (run by hand, never at run time).

The shipped country polygons are Natural Earth 10 m everywhere, except that inside
:data:`REGION_BOUNDS` (the Caucasus, eastern Turkey, northern Iran, Central Asia and southern
Russia) the land borders come from OpenStreetMap. This module turns an OSM-derived world
border file into the small region file that :mod:`caspian.layers.boundaries` reads:

    python -m caspian.layers.osm.borders_build /path/to/borders.geo.json

The input is ``borders.geo.json`` of the npm package ``@osm_borders/maritime_10m`` 1.1.0
(itisem/osm_borders; OSM admin_level 2 boundaries, simplified to 10 m, ODbL), fetched once with
``npm pack`` by whoever rebuilds the file (the tarball's and the file's checksums are in
:data:`SOURCE`; the build refuses a different file). Its polygons reach into the sea (territorial
waters); only their claims on Natural Earth's land count (see
:func:`caspian.geo.borders.partition_region`), so coasts stay Natural Earth's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from caspian.geo.borders import partition_region
from caspian.geo.errors import InputError
from caspian.layers.boundaries import (
    REGION_BORDERS_FILE,
    REGION_PROVENANCE_FILE,
    load_natural_earth,
)
from caspian.layers.io.fileio import atomic_path, write_text_atomic

logger = logging.getLogger(__name__)

#: (west, south, east, north) degrees where OSM land borders replace Natural Earth's. South of
#: 36° N it would reach the disputed parts of Kashmir, where OSM's country polygons overlap.
REGION_BOUNDS = (34.0, 36.0, 88.0, 56.0)

#: Coordinates of the shipped pieces are rounded to this grid, degrees (about 1 m).
GRID_DEG = 1e-5

#: Timestamp GDAL writes into the GeoPackage (the osm_borders release), for stable bytes.
GPKG_TIMESTAMP = "2024-12-13T00:00:00Z"

#: Provenance written into the file; :func:`caspian.layers.boundaries.border_source` reads it.
SOURCE = {
    "name": "OpenStreetMap (osm_borders 2024-12)",
    "data": "OpenStreetMap admin_level=2 country boundaries, simplified to 10 m",
    "package": "npm @osm_borders/maritime_10m 1.1.0 (published 2024-12-13), file borders.geo.json",
    "package_shasum": "027599d776eae680d688b7160e374a531a1a8bba",
    "file_sha256": "a1aaf348a83087e9c210fc673a2226c0193aa41178b0ea53b4f79460d76eb7e4",
    "repository": "github.com/itisem/osm_borders",
    "licence": "ODbL-1.0",
    "attribution": "© OpenStreetMap contributors (ODbL 1.0)",
    "coast": "Natural Earth 10 m admin-0 5.1.1 (public domain): the land is Natural Earth's",
}


def build(
    osm_borders_path: str | os.PathLike[str],
    region_bounds: tuple[float, float, float, float] = REGION_BOUNDS,
    *,
    check_source: bool = True,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the region file's content (a GeoJSON FeatureCollection) and its provenance.

    Parameters
    ----------
    osm_borders_path : path-like
        ``borders.geo.json`` of ``@osm_borders/maritime_10m`` (features with ``isoA3`` and a
        Polygon, MultiPolygon or GeometryCollection of polygons each).
    region_bounds : (float, float, float, float)
        ``(west, south, east, north)`` degrees where the OSM borders replace Natural Earth's.
    check_source : bool
        Refuse a file whose SHA-256 is not the one of :data:`SOURCE` (off for tests).

    Raises
    ------
    InputError
        For a file that is not the release named in :data:`SOURCE`, or a country code that
        Natural Earth has no polygon in the region for (the piece would have no row to join
        at load time).
    """
    # slow import: GDAL
    import pyogrio

    # slow import: GEOS and numpy
    import shapely

    if check_source:
        _check_sha256(osm_borders_path, SOURCE["file_sha256"])
    region = shapely.box(*region_bounds)
    base = load_natural_earth()
    # The world's largest countries are single GeoJSON objects beyond GDAL's default limit.
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": "0"})
    osm = pyogrio.read_dataframe(osm_borders_path, bbox=region_bounds, columns=["isoA3"])
    osm_polys = [shapely.union_all(shapely.get_parts(geom)) for geom in osm.geometry.values]
    pieces = partition_region(
        base.geometry.values, base["code"].tolist(), osm_polys, osm["isoA3"].tolist(), region
    )
    in_region = set(base["code"][shapely.intersects(base.geometry.values, region)])
    unknown = sorted(set(pieces) - in_region)
    if unknown:
        raise InputError(
            f"{osm_borders_path}: {', '.join(unknown)} have no Natural Earth polygon in the "
            "region; map those codes to Natural Earth's before building"
        )
    features = []
    for code, geom in pieces.items():
        rounded = shapely.set_precision(geom, GRID_DEG)
        if rounded.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": json.loads(shapely.to_geojson(rounded)),
            }
        )
        logger.info("%s: %d vertices", code, shapely.get_num_coordinates(rounded))
    collection = {"type": "FeatureCollection", "features": features}
    provenance = {
        "source": SOURCE,
        "region_bounds": list(region_bounds),
        "grid_deg": GRID_DEG,
        "built_by": "python -m caspian.layers.osm.borders_build",
    }
    return collection, provenance


def _check_sha256(path: str | os.PathLike[str], expected: str) -> None:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    if digest != expected:
        raise InputError(
            f"{path}: SHA-256 {digest} is not that of the osm_borders release the provenance "
            f"names ({expected}); update SOURCE with the new release's details first"
        )


def write_region_file(collection: dict[str, Any], path: Path) -> None:
    """Write the region's FeatureCollection as a GeoPackage (layer ``region_borders``).

    A GeoPackage because it reads ten times faster than GeoJSON (the borders are loaded by
    every process that splits by country) and QGIS opens it as it is. GDAL's timestamp is
    pinned, so the same input gives the same bytes.
    """
    # slow import: pandas and GDAL
    import geopandas

    # slow import: GDAL
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
    frame = geopandas.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    with atomic_path(path) as tmp:
        frame.to_file(
            tmp, driver="GPKG", layer="region_borders", engine="pyogrio", SPATIAL_INDEX="NO",
        )


def main(argv: list[str] | None = None) -> None:
    """Command line: build the region file from an ``osm_borders`` GeoJSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("osm_borders", help="borders.geo.json of @osm_borders/maritime_10m")
    parser.add_argument(
        "-o", "--output-dir", default=str(Path(__file__).parent.parent / "data" / "borders"),
        help="folder that receives osm_region_borders.gpkg and its .json provenance",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    collection, provenance = build(args.osm_borders)
    out = Path(args.output_dir)
    write_region_file(collection, out / REGION_BORDERS_FILE)
    write_text_atomic(
        out / REGION_PROVENANCE_FILE,
        json.dumps(provenance, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
    )


if __name__ == "__main__":
    main()
