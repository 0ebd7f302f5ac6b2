"""Pure geodesy, metrics and routing for caspian-gis: numbers and geometries in and out, no I/O.

Errors are imported at once; settings and the numeric functions on first use, so that importing
``caspian.geo`` (which the command line does) does not load pyproj and shapely.
"""

from caspian.geo.errors import ArgumentError, CaspianError, GeometryError, InputError
from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    # Settings import dataclasses (and so inspect): the command line's --help does without.
    **dict.fromkeys(["DEFAULT_SETTINGS", "Settings"], "caspian.geo.settings"),
    **dict.fromkeys(
        [
            "GEOD",
            "geodesic_lengths_km",
            "geodesic_lengths_m",
            "line_length_m",
            "geodesic_distance_matrix_m",
            "densify_geodesic",
        ],
        "caspian.geo.geodesy",
    ),
    **dict.fromkeys(
        ["CountryIndex", "CountrySplit", "build_country_index", "split_by_country"],
        "caspian.geo.countries",
    ),
    **dict.fromkeys(["partition_region", "splice_region"], "caspian.geo.borders"),
    **dict.fromkeys(["Chain", "Gap", "Leg", "build_chains"], "caspian.geo.chains"),
    "split_at_antimeridian": "caspian.geo.antimeridian",
    **dict.fromkeys(["DISTANCE_KINDS", "distance_matrix_km"], "caspian.geo.distances"),
    **dict.fromkeys(
        ["RailNetwork", "RailPath", "build_rail_network", "shortest_rail_path"],
        "caspian.geo.routing.railgraph",
    ),
}

# ``__version__`` (the installed metadata, read on first access) is here rather than in a
# ``caspian/__init__.py``: ``caspian`` is a namespace package of three folders.
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": "caspian.geo.version"})

__all__ = [  # the lazy names resolve through __getattr__
    "ArgumentError",
    "CaspianError",
    "GeometryError",
    "InputError",
    *_EXPORTS,
]
