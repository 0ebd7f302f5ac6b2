"""The cited layer catalog of caspian-gis: data, citations, loading, validation and exports.

Names resolve on first use (PEP 562), so ``import caspian.layers`` stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(
        ["Layer", "layer_ids", "load_layer", "load_catalog", "catalog_frame", "layers_frame"],
        "caspian.layers.catalog",
    ),
    **dict.fromkeys(
        ["SeedDocument", "load_seed", "load_seeds", "seed_ids"], "caspian.layers.seeds"
    ),
    **dict.fromkeys(["Citation", "layer_citations", "conflict_rows"], "caspian.layers.citations"),
    "check_catalog": "caspian.layers.check",
    **dict.fromkeys(
        ["catalog_metrics", "metrics_frame", "file_metrics", "catalog_chains", "port_distances"],
        "caspian.layers.metrics",
    ),
    **dict.fromkeys(["read_user_geojson", "read_user_features", "validate_geojson"],
                    "caspian.layers.userdata"),
    **dict.fromkeys(["to_geodataframe", "export_layers"], "caspian.layers.export"),
    **dict.fromkeys(["sea_route", "sea_router"], "caspian.layers.sea_routing"),
    **dict.fromkeys(["read_osm_features", "rail_ways", "rail_stations"], "caspian.layers.osm"),
    **dict.fromkeys(["OsmSettings", "fetch_osm_features"], "caspian.layers.overpass"),
    **dict.fromkeys(["load_rail", "route_by_rail", "route_on"], "caspian.layers.rail_routing"),
    "propose_alignment": "caspian.layers.refine",
    "route": "caspian.layers.routing_modes",
}

# ``__version__`` (the installed metadata, read on first access) is here rather than in a
# ``caspian/__init__.py``: ``caspian`` is a namespace package of three folders.
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": "caspian.geo.version"})

__all__ = list(_EXPORTS)
