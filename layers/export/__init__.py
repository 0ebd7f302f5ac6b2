"""Exports of the catalog or a user's file: one ``Format`` record per format.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    "to_geodataframe": "caspian.layers.export.layers",
    "export_layers": "caspian.layers.export.layers",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
