"""The routing modes (rail, sea, corridor) behind one ``route`` call.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    "sea_route": "caspian.layers.routing.sea",
    "sea_router": "caspian.layers.routing.sea",
    "load_rail": "caspian.layers.routing.rail",
    "route_by_rail": "caspian.layers.routing.rail",
    "route_on": "caspian.layers.routing.rail",
    "route": "caspian.layers.routing.modes",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
