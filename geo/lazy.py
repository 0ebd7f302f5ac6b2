"""Lazy re-exports for package ``__init__`` modules (PEP 562).

The command line imports ``caspian.geo.errors``, which runs ``caspian/geo/__init__.py``; if that
imported pyproj and shapely eagerly, ``caspian --help`` would pay for them. Names are therefore
resolved from their modules on first access.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Build ``__getattr__`` and ``__dir__`` for a package.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : Mapping[str, str]
        Public name -> module that defines it.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__)`` to assign at module level.
    """

    def get_attribute(name: str) -> Any:
        module_name = exports.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module_name), name)

    def list_names() -> list[str]:
        return sorted(exports)

    return get_attribute, list_names


def import_target(target: str) -> Any:
    """The object a ``"module:attribute"`` string names, its module imported now.

    The registries of export formats and routing modes name their functions this way, so
    that reading a registry imports none of them.
    """
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)
