"""The cited catalog: loading, schema, checks, citations, seeds, places.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(
        ["Layer", "layer_ids", "load_layer", "load_catalog", "catalog_frame", "layers_frame"],
        "caspian.layers.catalog.loading",
    ),
    **dict.fromkeys(["SeedDocument", "load_seed", "load_seeds", "seed_ids"],
                    "caspian.layers.catalog.seeds"),
    **dict.fromkeys(["Citation", "layer_citations", "conflict_rows"],
                    "caspian.layers.catalog.citations"),
    "check_catalog": "caspian.layers.catalog.check",
    **dict.fromkeys(["LayerNotFoundError", "CatalogError", "SeedError"],
                    "caspian.layers.catalog.errors"),
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
