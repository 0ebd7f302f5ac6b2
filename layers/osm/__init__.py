"""OpenStreetMap: extracts, checks, Overpass downloads, output, border building.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["read_osm_features", "rail_ways", "rail_stations"],
                    "caspian.layers.osm.extracts"),
    **dict.fromkeys(["OsmSettings", "fetch_osm_features"], "caspian.layers.osm.overpass"),
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
