"""The export formats: one :class:`Format` record per format, the only table of them.

Everything else that knows about formats reads :data:`FORMATS`: the ``--format`` choices and
help of ``caspian export``, the suffix a format is inferred from
(:func:`format_of_suffix`), the kind of file :mod:`caspian.layers.io.fileio` refuses to write
under another format's suffix, the optional packages a format needs
(:func:`require_dependencies`) and the writer (:func:`write`).

A record names its writer as ``"module:function"``, imported on the first write: this module
imports no writer, so reading the registry (``caspian export --help``, the suffix check of every
write) costs no geopandas, and the writers, which import the export frame, form no cycle with
:mod:`caspian.layers.export.layers`, which imports the registry.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from caspian.geo.lazy import import_target
from caspian.layers.io.errors import DependencyMissingError

if TYPE_CHECKING:
    import geopandas
    from caspian.geo.settings import Settings
    from caspian.layers.catalog.loading import Layer

__all__ = [
    "FORMATS",
    "INSTALL_HINT",
    "Format",
    "Writer",
    "format_of_suffix",
    "kinds_by_suffix",
    "require_dependencies",
    "write",
]

#: How to install the optional packages of the export formats.
INSTALL_HINT = "pip install 'caspian-gis[export]'"


class Writer(Protocol):
    """What a format's writer is called with: the layers, their flat export frame
    (:func:`caspian.layers.export.frame.frame_from_layers`), a path that does not exist yet
    (the temporary path of :func:`caspian.layers.io.fileio.atomic_path`) and the settings."""

    def __call__(
        self,
        layers: Sequence[Layer],
        frame: geopandas.GeoDataFrame,
        path: Path,
        settings: Settings,
    ) -> None: ...


class Format(NamedTuple):
    """One export format (a named tuple, not a dataclass: ``caspian --help`` reads the
    suffixes of this table through :mod:`caspian.layers.io.fileio` without importing
    :mod:`dataclasses`).
    """

    #: The value of ``--format`` (``"gpkg"``).
    name: str
    #: Lower-case file suffixes that name it; the first is the one written
    #: (``--split`` files, suggested names).
    suffixes: tuple[str, ...]
    #: What the file holds, as :func:`caspian.layers.io.fileio.suffix_kinds` names it
    #: (``"GeoPackage"``): a file whose suffix names another kind is refused.
    kind: str
    #: ``"module:function"`` of its :class:`Writer`, imported on first use.
    writer: str
    #: One line for ``caspian export --help``.
    summary: str
    #: Optional packages (import names) it needs beyond the core dependencies.
    needs: tuple[str, ...] = ()
    #: The file holds one table per layer, so ``--split`` is refused.
    one_file: bool = False

    @property
    def suffix(self) -> str:
        """The suffix written (the first of :attr:`suffixes`)."""
        return self.suffixes[0]

    def load_writer(self) -> Writer:
        """The writer function, imported now."""
        writer: Writer = import_target(self.writer)
        return writer


def _registry(*formats: Format) -> Mapping[str, Format]:
    return MappingProxyType({entry.name: entry for entry in formats})


#: Every export format, in the order ``--help`` lists them.
FORMATS: Mapping[str, Format] = _registry(
    Format("geojson", (".geojson", ".json"), "GeoJSON",
           "caspian.layers.export.writers:write_geojson",
           "RFC 7946: [lon, lat], no crs, counter-clockwise polygons, 7 decimals, UTF-8"),
    Format("gpkg", (".gpkg",), "GeoPackage", "caspian.layers.export.writers:write_gpkg",
           "one table per layer plus `citations`, `sources`, `conflicts` tables, EPSG:4326",
           one_file=True),
    Format("kml", (".kml",), "KML", "caspian.layers.export.kml:write_kml",
           "Google Earth: names, descriptions with the citations, styles by status"),
    Format("csv", (".csv",), "CSV", "caspian.layers.export.writers:write_csv",
           "one row per feature, geometry as WKT, lengths in km"),
    Format("parquet", (".parquet", ".geoparquet"), "GeoParquet",
           "caspian.layers.export.writers:write_parquet",
           "GeoParquet for geopandas/DuckDB (needs pyarrow)", needs=("pyarrow",)),
)

def kinds_by_suffix() -> dict[str, str]:
    """File suffix -> the kind of file the export formats write under it."""
    return {suffix: entry.kind for entry in FORMATS.values() for suffix in entry.suffixes}


def format_of_suffix(suffix: str) -> Format | None:
    """The format a file suffix (any case, with its dot) names, or None."""
    lowered = suffix.lower()
    return next((entry for entry in FORMATS.values() if lowered in entry.suffixes), None)


def require_dependencies(fmt: str) -> None:
    """Raise :class:`DependencyMissingError` with the install command if ``fmt`` needs a
    package that is not installed."""
    for module in FORMATS[fmt].needs:
        if importlib.util.find_spec(module) is None:
            raise DependencyMissingError(
                f"fmt={fmt} needs the {module} package, which is not installed; "
                f"run: {INSTALL_HINT}",
                value=fmt, reason=f"{module} is not installed", options=("fmt",),
            )


def write(
    fmt: str,
    layers: Sequence[Layer],
    frame: geopandas.GeoDataFrame,
    path: Path,
    settings: Settings,
) -> None:
    """Write ``frame`` (built from ``layers``) in format ``fmt`` to ``path``."""
    FORMATS[fmt].load_writer()(layers, frame, path, settings)
