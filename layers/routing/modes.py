"""The routing modes: one :class:`RoutingMode` record per mode, and :func:`route`.

A mode is a pure graph and search in :mod:`caspian.geo`, an adapter in :mod:`caspian.layers`
that builds it from data, and its record here, which is all the command line reads: the
``--mode`` choices, which options each mode takes, and the function that routes. A record
names that function as ``"module:function"``, imported when the mode first runs, so reading
the registry loads no graph library.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from caspian.geo.arguments import refuse
from caspian.geo.errors import ArgumentError
from caspian.geo.lazy import import_target

__all__ = ["MODES", "RoutingMode", "mode_options", "route"]


@dataclass(frozen=True)
class RoutingMode:
    """One routing mode."""

    #: The value of ``--mode`` (``"rail"``).
    name: str
    #: ``"module:function"`` of the function that routes: ``function(start, end,
    #: **options)``, with ``start`` and ``end`` as :func:`route` takes them.
    router: str
    #: What it routes over, for ``caspian route --help``.
    summary: str
    #: The keyword options it takes beyond ``start`` and ``end`` (``"osm_file"``); the
    #: command line refuses the others with this mode.
    options: tuple[str, ...] = ()
    #: Its answer is several routes (a :class:`caspian.layers.routing.corridor.CorridorAnswer`),
    #: not one :class:`caspian.geo.routing.Route`.
    several: bool = False

    def load_router(self) -> Callable[..., Any]:
        """The routing function, imported now."""
        router: Callable[..., Any] = import_target(self.router)
        return router


def _registry(*modes: RoutingMode) -> Mapping[str, RoutingMode]:
    return MappingProxyType({mode.name: mode for mode in modes})


#: Every routing mode; a new mode adds its record here.
MODES: Mapping[str, RoutingMode] = _registry(
    RoutingMode(
        "rail", "caspian.layers.routing.rail:route_by_rail",
        "shortest path over OpenStreetMap railways",
        options=("osm_file", "bbox", "max_snap_km", "settings", "progress", "geo_settings"),
    ),
    RoutingMode(
        "sea", "caspian.layers.routing.sea:route_by_sea", "shortest water path",
        options=("geo_settings",),
    ),
    RoutingMode(
        "corridor", "caspian.layers.routing.corridor:route_by_corridor",
        "rail, ferry and rail over the catalog's corridors, by place name",
        options=("osm_file", "max_snap_km", "via", "avoid", "status", "alternatives",
                 "transfer_hours", "speed_kmh", "progress", "geo_settings"),
        several=True,
    ),
)


def mode_options() -> dict[str, tuple[str, ...]]:
    """Option name -> the modes that take it, in the registry's order."""
    table: dict[str, tuple[str, ...]] = {}
    for mode in MODES.values():
        for option in mode.options:
            table[option] = (*table.get(option, ()), mode.name)
    return table


def route(start: Any, end: Any, mode: str, **options: Any) -> Any:
    """Route from ``start`` to ``end`` in ``mode``.

    Parameters
    ----------
    start, end
        In every mode: a place name (``"Aktau"``, ``"Bakı"``), a catalog point id
        (``"aktau_port/aktau"``), ``"lon,lat"`` text, a ``(lon, lat)`` pair or an
        :class:`caspian.layers.catalog.endpoints.Endpoint`.
    mode : str
        One of :data:`MODES`.
    **options
        The mode's own options (:attr:`RoutingMode.options`).

    Returns
    -------
    caspian.geo.routing.Route or caspian.layers.routing.corridor.CorridorAnswer
        One route, or several for a mode whose record says ``several``.

    Raises
    ------
    ArgumentError
        For an unknown mode or an option the mode does not take.
    """
    if not isinstance(mode, str) or mode not in MODES:
        refuse("mode", mode, f"one of {', '.join(MODES)}")
    record = MODES[mode]
    unknown = sorted(set(options) - set(record.options))
    if unknown:
        takes = f"only {', '.join(record.options)}" if record.options else "none"
        raise ArgumentError(f"mode {mode} takes no option {', '.join(unknown)}; give {takes}")
    return record.load_router()(start, end, **options)
