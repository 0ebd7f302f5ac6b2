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
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
