"""A synthetic national-size line network (a railway, a pipeline or a power grid as OSM maps
it), written in the formats users bring, for the ``metrics --file`` scaling benchmarks.

Every feature is a way of 50 nodes (49 segments of 200 m, as OSM cuts lines at bridges and
stations) that wanders with a persistent heading from a random start in 46–70° E, 40–50° N:
Kazakhstan, Uzbekistan, Turkmenistan, Russia and the Caspian, so that some ways cross a
border or the coast and the country split has real work. Seeded: the same size gives the
same file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: Segments per feature (a way of 50 nodes).
SEGMENTS_PER_FEATURE = 49
STEP_KM = 0.2
STATUSES = ("operating", "construction", "proposed")


def network_frame(n_segments: int, seed: int = 200) -> object:
    """A GeoDataFrame (EPSG:4326) of about ``n_segments`` segments in ways of 49.

    Columns: ``name`` (``"way 17"``), ``status`` (80 % operating) and ``geometry``.
    """
    import geopandas
    import shapely

    rng = np.random.default_rng(seed)
    n_features = max(1, round(n_segments / SEGMENTS_PER_FEATURE))
    starts = np.column_stack(
        [rng.uniform(46.0, 70.0, n_features), rng.uniform(40.0, 50.0, n_features)]
    )
    heading = rng.uniform(0, 2 * np.pi, (n_features, 1)) + np.cumsum(
        rng.normal(0, 0.04, (n_features, SEGMENTS_PER_FEATURE)), axis=1
    )
    dlat = STEP_KM * np.cos(heading) / 110.6
    dlon = STEP_KM * np.sin(heading) / (111.3 * np.cos(np.radians(starts[:, 1:2])))
    steps = np.stack([np.cumsum(dlon, axis=1), np.cumsum(dlat, axis=1)], axis=2)
    coords = np.concatenate([starts[:, None, :], starts[:, None, :] + steps], axis=1)
    coords = np.round(coords, 7)  # OSM's precision, about 1 cm
    geometry = shapely.linestrings(
        coords.reshape(-1, 2),
        indices=np.repeat(np.arange(n_features), SEGMENTS_PER_FEATURE + 1),
    )
    status = rng.choice(len(STATUSES), n_features, p=[0.8, 0.15, 0.05])
    return geopandas.GeoDataFrame(
        {"name": [f"way {i}" for i in range(n_features)],
         "status": np.asarray(STATUSES)[status]},
        geometry=geometry, crs="EPSG:4326",
    )


def write_network(frame: object, path: Path) -> Path:
    """Write ``frame`` as its suffix says: ``.geojson`` (7 decimals), ``.parquet``
    (GeoParquet), ``.gpkg``, ``.fgb``, ``.geojsonl`` or ``.shp``."""
    import pyogrio

    if path.suffix == ".parquet":
        frame.to_parquet(path)  # type: ignore[attr-defined]
        return path
    options = {".geojson": {"COORDINATE_PRECISION": 7}, ".geojsonl": {"COORDINATE_PRECISION": 7}}
    drivers = {".geojson": "GeoJSON", ".geojsonl": "GeoJSONSeq", ".gpkg": "GPKG",
               ".fgb": "FlatGeobuf", ".shp": "ESRI Shapefile"}
    pyogrio.write_dataframe(frame, path, driver=drivers[path.suffix],
                            layer_options=options.get(path.suffix))
    return path
