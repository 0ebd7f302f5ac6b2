"""The cited catalog: loading, schema, checks, citations, seeds, places.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    "Layer": "caspian.layers.catalog.loading",
    "layer_ids": "caspian.layers.catalog.loading",
    "load_layer": "caspian.layers.catalog.loading",
    "load_catalog": "caspian.layers.catalog.loading",
    "catalog_frame": "caspian.layers.catalog.loading",
    "layers_frame": "caspian.layers.catalog.loading",
    "SeedDocument": "caspian.layers.catalog.seeds",
    "load_seed": "caspian.layers.catalog.seeds",
    "load_seeds": "caspian.layers.catalog.seeds",
    "seed_ids": "caspian.layers.catalog.seeds",
    "Citation": "caspian.layers.catalog.citations",
    "layer_citations": "caspian.layers.catalog.citations",
    "conflict_rows": "caspian.layers.catalog.citations",
    "check_catalog": "caspian.layers.catalog.check",
    "LayerNotFoundError": "caspian.layers.catalog.errors",
    "CatalogError": "caspian.layers.catalog.errors",
    "SeedError": "caspian.layers.catalog.errors",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
