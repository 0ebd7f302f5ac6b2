"""Write OpenStreetMap features (osmnx's frame) as RFC 7946 GeoJSON, atomically.

pyogrio's GeoJSON driver writes the file (``RFC7946=YES``: ``[lon, lat]``, no ``crs``, 7
decimals), so we keep no GeoJSON writer of our own; rows are sorted by element type and id and
the columns by name, so that the same download gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from caspian.layers.io.fileio import atomic_path
from caspian.layers.osm.extracts import RAIL_STATUSES, rail_status

if TYPE_CHECKING:
    import geopandas as gpd

#: Decimals of the written coordinates (~1 cm), as OSM itself stores them.
COORDINATE_DECIMALS = 7


def osm_features_table(frame: gpd.GeoDataFrame, what: str) -> gpd.GeoDataFrame:
    """Flatten osmnx's features frame: ``osm_type``, ``osm_id``, the tags, ``geometry``.

    For ``what == "rail"`` every way also gets its ``status`` (see
    :func:`caspian.layers.osm.extracts.rail_status`) and ways that are not railway track (a tram
    under construction) are dropped; stations and halts are kept as points.
    """
    # slow import: pandas and GDAL
    import geopandas as gpd

    table = frame.reset_index().rename(columns={"element": "osm_type", "id": "osm_id"})
    tags = sorted(column for column in table.columns if column not in {"osm_type", "osm_id",
                                                                         "geometry"})
    table = table[["osm_type", "osm_id", *tags, "geometry"]]
    for column in tags:
        table[column] = [
            None if value is None or value != value else str(value) for value in table[column]
        ]
    if what == "rail":
        lifecycle = table.reindex(columns=list(RAIL_STATUSES)[1:]).to_dict("records")
        status = [
            rail_status(railway, row) if kind == "way" else None
            for kind, railway, row in zip(
                table["osm_type"], table.get("railway"), lifecycle, strict=True
            )
        ]
        table.insert(2, "status", status)
        table = table[(table["osm_type"] != "way") | table["status"].notna()]
    table = table.sort_values(["osm_type", "osm_id"], kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(table, geometry="geometry", crs="EPSG:4326")


def write_osm_geojson(table: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write ``table`` to ``path`` as RFC 7946 GeoJSON, atomically; return the path."""
    # slow import: GDAL
    import pyogrio

    with atomic_path(path, kind="GeoJSON") as tmp:
        pyogrio.write_dataframe(
            table, tmp, driver="GeoJSON", layer=Path(path).name.split(".")[0], layer_options={
                "RFC7946": "YES", "COORDINATE_PRECISION": str(COORDINATE_DECIMALS),
            },
        )
    return Path(path)
