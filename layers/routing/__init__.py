"""The routing modes (rail, sea, corridor) behind one ``route`` call.

Names resolve on first use (PEP 562), so importing the package stays cheap.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["sea_route", "sea_router"], "caspian.layers.routing.sea"),
    **dict.fromkeys(["load_rail", "route_by_rail", "route_on"], "caspian.layers.routing.rail"),
    "route": "caspian.layers.routing.modes",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
