"""Pure geodesy, metrics and routing for caspian-gis: numbers and geometries in and out, no I/O."""

from caspian.geo.errors import (
    CaspianError,
    CatalogError,
    DependencyMissingError,
    GeometryError,
    InputError,
    LayerNotFoundError,
    OutputError,
    SeedError,
)
from caspian.geo.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "CaspianError",
    "CatalogError",
    "DependencyMissingError",
    "GeometryError",
    "InputError",
    "LayerNotFoundError",
    "OutputError",
    "SeedError",
    "Settings",
]
