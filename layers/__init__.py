"""The cited layer catalog of caspian-gis: data, citations, loading, validation and exports.

Names resolve on first use (PEP 562), so ``import caspian.layers`` stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(
        ["Layer", "layer_ids", "load_layer", "load_catalog", "catalog_frame", "layers_frame"],
        "caspian.layers.catalog.loading",
    ),
    **dict.fromkeys(
        ["SeedDocument", "load_seed", "load_seeds", "seed_ids"], "caspian.layers.catalog.seeds"
    ),
    **dict.fromkeys(
        ["Citation", "layer_citations", "conflict_rows"], "caspian.layers.catalog.citations"
    ),
    "check_catalog": "caspian.layers.catalog.check",
    **dict.fromkeys(
        ["catalog_metrics", "metrics_frame", "file_metrics", "catalog_chains", "port_distances"],
        "caspian.layers.metrics",
    ),
    **dict.fromkeys(["read_user_geojson", "read_user_features", "validate_geojson"],
                    "caspian.layers.io.userdata"),
    **dict.fromkeys(["to_geodataframe", "export_layers"], "caspian.layers.export.layers"),
    **dict.fromkeys(["sea_route", "sea_router"], "caspian.layers.routing.sea"),
    **dict.fromkeys(
        ["read_osm_features", "rail_ways", "rail_stations"], "caspian.layers.osm.extracts"
    ),
    **dict.fromkeys(["OsmSettings", "fetch_osm_features"], "caspian.layers.osm.overpass"),
    **dict.fromkeys(["load_rail", "route_by_rail", "route_on"], "caspian.layers.routing.rail"),
    "propose_alignment": "caspian.layers.refine",
    "route": "caspian.layers.routing.modes",
}

# ``__version__`` (the installed metadata, read on first access) is here rather than in a
# ``caspian/__init__.py``: ``caspian`` is a namespace package of three folders.
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": "caspian.geo.version"})

__all__ = list(_EXPORTS)
