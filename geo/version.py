"""The version of caspian-gis, as installed (``caspian.geo.__version__``, ``caspian --version``).

``caspian`` is a namespace package made of three folders (``package-dir`` in pyproject.toml),
so it has no ``__init__`` of its own to hold ``__version__``: each of ``caspian.geo``,
``caspian.layers`` and ``caspian.maps`` exposes this one, resolved on first access so that
``caspian --help`` does not read the installed metadata.
"""

from __future__ import annotations

from importlib import metadata

__all__ = ["DISTRIBUTION", "UNKNOWN_VERSION", "__version__", "package_version"]

#: The distribution whose metadata holds the version.
DISTRIBUTION = "caspian-gis"

#: The version of a source tree that was never installed (PEP 440: a local version of 0).
UNKNOWN_VERSION = "0+unknown"


def package_version() -> str:
    """The installed version of caspian-gis, or :data:`UNKNOWN_VERSION` when the code runs
    from a source tree that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


__version__ = package_version()
