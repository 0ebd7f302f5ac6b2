"""Every read and write: atomic files, safe text, the cache, users' files.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["read_user_geojson", "read_user_features", "validate_geojson"],
                    "caspian.layers.io.userdata"),
    **dict.fromkeys(["OutputError", "DependencyMissingError"], "caspian.layers.io.errors"),
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
