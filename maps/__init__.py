"""Rendering of the caspian-gis catalog as interactive maps, and the ``caspian`` command line.

``build_map`` returns a ``folium.Map`` (it displays inline in a notebook); ``write_map`` saves
one atomically. Both import folium on first use.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = dict.fromkeys(["build_map", "write_map"], "caspian.maps.render")

# ``__version__`` (the installed metadata, read on first access) is here rather than in a
# ``caspian/__init__.py``: ``caspian`` is a namespace package of three folders.
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": "caspian.geo.version"})

__all__ = list(_EXPORTS)
