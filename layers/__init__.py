"""The cited layer catalog of caspian-gis: data, citations, loading, validation and exports.

Names resolve on first use (PEP 562), so ``import caspian.layers`` stays cheap. A name of a
sub-package resolves through that package's own ``__init__``, which names its module.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(
        ["Layer", "layer_ids", "load_layer", "load_catalog", "catalog_frame", "layers_frame",
         "SeedDocument", "load_seed", "load_seeds", "seed_ids",
         "Citation", "layer_citations", "conflict_rows", "check_catalog",
         "LayerNotFoundError", "CatalogError", "SeedError"],
        "caspian.layers.catalog",
    ),
    **dict.fromkeys(
        ["catalog_metrics", "metrics_frame", "file_metrics", "catalog_chains", "port_distances"],
        "caspian.layers.metrics",
    ),
    **dict.fromkeys(["read_user_geojson", "read_user_features", "validate_geojson",
                     "OutputError", "DependencyMissingError"],
                    "caspian.layers.io"),
    **dict.fromkeys(["to_geodataframe", "export_layers"], "caspian.layers.export"),
    **dict.fromkeys(
        ["sea_route", "sea_router", "load_rail", "route_by_rail", "route_on", "route"],
        "caspian.layers.routing",
    ),
    **dict.fromkeys(
        ["read_osm_features", "rail_ways", "rail_stations", "OsmSettings", "fetch_osm_features"],
        "caspian.layers.osm",
    ),
    "propose_alignment": "caspian.layers.refine",
}

# ``__version__`` (the installed metadata, read on first access) is here rather than in a
# ``caspian/__init__.py``: ``caspian`` is a namespace package of three folders.
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": "caspian.geo.version"})

__all__ = list(_EXPORTS)
