"""OpenStreetMap in: Overpass downloads through osmnx, OSM XML files and ``.osm.pbf`` extracts.

Every source ends in the same GeoDataFrame, osmnx's features frame (index ``(element, id)``,
one column per tag, ``geometry`` in EPSG:4326). ``caspian.layers.osm.overpass`` downloads it
through ``osmnx.features_from_bbox`` (Overpass, with osmnx's cache); :func:`read_osm_features`
reads it with ``osmnx.features_from_xml`` from an OSM XML file, or from a ``.osm.pbf``
extract that pyosmium first cuts down to the wanted tags (and the nodes their ways use) and
writes as OSM XML. Why pyosmium: it is the OpenStreetMap project's own libosmium, maintained
with it, ships binary wheels (no compiler, no GDAL build) and streams an extract of any size
with a tag filter; pyrosm is tied to old Cython builds and reads whole files into memory, and
quackosm brings DuckDB for what is one filtered pass here.

Rail statuses (:func:`rail_status`) are decided in one place, from ``railway=*`` and the
lifecycle key it names (``railway=construction`` + ``construction=rail``).
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax import SAXException

import numpy as np
from caspian.geo.arguments import (
    file_path,
    instance,
    is_bool,
    positive_number,
    refuse,
    texts,
)
from caspian.geo.errors import InputError
from caspian.layers.io.fileio import MAX_INPUT_BYTES, check_input_file
from caspian.layers.osm.checks import check_osm_xml, way_without_nodes, ways_without_nodes

if TYPE_CHECKING:
    import geopandas as gpd

_LOG = logging.getLogger(__name__)

#: ``railway=*`` values that are track in some state of life -> the status we report.
RAIL_STATUSES: dict[str, str] = {
    "rail": "operating",
    "construction": "construction",
    "proposed": "proposed",
    "disused": "disused",
    "abandoned": "abandoned",
}

#: ``railway=*`` values of the stations and halts we name along a route.
STATION_VALUES: tuple[str, ...] = ("station", "halt")

#: What ``caspian osm fetch --what`` downloads: osmnx ``tags`` per kind of infrastructure.
OSM_TAGS: dict[str, dict[str, bool | str | list[str]]] = {
    "rail": {"railway": [*RAIL_STATUSES, *STATION_VALUES]},
    "pipeline": {"man_made": "pipeline"},
    "power": {"power": ["line", "minor_line", "cable"]},
    "port": {"landuse": ["port", "harbour"], "harbour": True, "industrial": "port"},
}

#: File suffixes read as OSM XML (osmnx) and as PBF (pyosmium).
XML_SUFFIXES = (".osm", ".xml")
PBF_SUFFIXES = (".pbf",)


def parse_bbox(text: str | Sequence[float]) -> tuple[float, float, float, float]:
    """Parse ``W,S,E,N`` degrees (text, or a sequence of four numbers) into
    ``(left, bottom, right, top)``.

    Raises
    ------
    InputError
        For anything but four finite numbers with W < E, S < N inside the globe.
    """
    if isinstance(text, (bytes, Mapping)) or not isinstance(text, (str, Sequence, np.ndarray)):
        refuse("bbox", text, "W,S,E,N degrees: text '44.7,38.8,46.3,39.8' or four numbers")
    parts = text.split(",") if isinstance(text, str) else list(text)
    if not isinstance(text, str):
        if any(is_bool(part) for part in parts):
            refuse("bbox", text, "four numbers of degrees, not booleans")
        text = ",".join(str(part) for part in parts)
    try:
        west, south, east, north = (float(part) for part in parts)
    except (TypeError, ValueError):
        raise InputError(
            f"bbox {text!r} is not four numbers; give W,S,E,N in degrees, e.g. 44.7,38.8,46.3,39.8"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InputError(
            f"bbox {text!r} must be W,S,E,N with W < E (within ±180) and S < N (within ±90); "
            "give the west, south, east and north edges in that order, e.g. 44.7,38.8,46.3,39.8"
        )
    return (west, south, east, north)


def rail_status(railway: Any, lifecycle: Mapping[str, Any]) -> str | None:
    """Return the status of a way from its tags, or None when it is not railway track.

    Parameters
    ----------
    railway : str or None
        The way's ``railway`` value.
    lifecycle : mapping
        The way's ``construction``, ``proposed``, ``disused`` and ``abandoned`` values.

    A lifecycle value (``railway=construction`` + ``construction=...``) must be ``rail`` or
    absent: a tram or subway under construction is not a railway.
    """
    status = RAIL_STATUSES.get(railway) if isinstance(railway, str) else None
    if status is None or railway == "rail":
        return status
    kind = lifecycle.get(railway)
    return status if not isinstance(kind, str) or kind == "rail" else None


def read_osm_features(
    path: str | Path, tags: dict[str, bool | str | list[str]], max_bytes: int = MAX_INPUT_BYTES
) -> gpd.GeoDataFrame:
    """Read the features matching ``tags`` from an OSM XML file or a ``.osm.pbf`` extract.

    Parameters
    ----------
    path : path-like
        OSM XML (``.osm``, ``.xml``) or ``.osm.pbf``.
    tags : dict
        osmnx tags (see :data:`OSM_TAGS`).
    max_bytes : int
        Largest file read, bytes; for a ``.osm.pbf`` also the largest OSM XML its matching
        objects make. osmnx holds about 17 times the XML in memory.

    Raises
    ------
    InputError
        For a missing, unreadable or too large file, an unknown suffix, ids that are not OSM
        ids, a node given twice at different positions, or no matching feature.
    """
    source = file_path(path, "path")
    check_tags(tags)
    max_bytes = int(positive_number(max_bytes, "max_bytes", "bytes"))
    check_input_file(source, max_bytes)
    name = source.name.lower()
    if name.endswith(PBF_SUFFIXES):
        with tempfile.TemporaryDirectory(prefix="caspian-osm-") as folder:
            xml = Path(folder) / "extract.osm"
            _pbf_to_xml(source, xml, tags)
            size = xml.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{source}: its objects tagged {tags_text(tags)} and their nodes make "
                    f"{size / 2**20:,.1f} MiB of OSM XML, more than the "
                    f"{max_bytes / 2**20:,.1f} MiB caspian parses; cut the extract to a "
                    "smaller area (osmium extract --bbox W,S,E,N)"
                )
            return _features_from_xml(xml, tags, label=source)
    if name.endswith(XML_SUFFIXES):
        return _features_from_xml(source, tags, label=source)
    raise InputError(
        f"{source}: unknown OSM file type; give an OSM XML file (.osm, .xml) or an .osm.pbf"
    )


def check_tags(tags: Any) -> dict[str, bool | str | list[str]]:
    """``tags`` as osmnx takes them: ``{key: True | "value" | ["value", ...]}``."""
    def usable(value: Any) -> bool:
        return isinstance(value, (bool, str)) or (
            isinstance(value, list) and all(isinstance(item, str) for item in value))

    if not isinstance(tags, dict) or not tags or not all(
            isinstance(key, str) and usable(value) for key, value in tags.items()):
        refuse("tags", tags, "osmnx tags, e.g. {'railway': ['rail', 'station']} or "
               "{'railway': True}")
    return tags


def _features_from_xml(
    xml: Path, tags: dict[str, bool | str | list[str]], label: Path
) -> gpd.GeoDataFrame:
    # slow import: geopandas, networkx and requests
    import osmnx as ox

    # slow import: GEOS and numpy
    import shapely.errors

    # slow import: geopandas, networkx and requests
    from osmnx._errors import InsufficientResponseError

    incomplete = check_osm_xml(xml, str(label))
    try:
        with warnings.catch_warnings():
            # NaN or infinite node positions make shapely warn before _check_positions
            # names them.
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = ox.features_from_xml(xml, tags=tags)
    except InsufficientResponseError:
        raise _nothing_tagged(xml, tags, label) from None
    except ValueError as exc:  # lat="" and the like, met while osmnx converts positions
        raise InputError(
            f"{label}: a node position is not a number ({exc}); fix or remove that node"
        ) from None
    except shapely.errors.GEOSException:  # lat="nan", lon="1e400": no geometry can be built
        raise InputError(
            f"{label}: a node position is not a finite number (NaN or out of range), so its "
            "ways cannot be built; fix or remove that node"
        ) from None
    except Exception as exc:
        if _is_xml_error(exc):
            raise InputError(f"{label} is not readable OSM XML: {exc}; give an OSM XML file "
                             "(as JOSM or osmium cat -f osm writes it)") from None
        raise
    _check_positions(frame, label)
    if incomplete:
        _warn_left_out(xml, tags, label)
    return frame


#: What to do about ways whose nodes an extract lacks.
_KEEP_NODES = ("extract the ways together with their nodes (osmium extract keeps them; in "
               "Overpass end the query with `(._;>;); out;`)")


def _warn_left_out(xml: Path, tags: dict[str, bool | str | list[str]], label: Path) -> None:
    """Say which tagged ways osmnx left out for lacking nodes (a clipped extract): a route or
    an alignment over the rest would otherwise miss them without a word."""
    lacking = ways_without_nodes(xml, tags)
    if lacking:
        (way_id, node_id), count = lacking[0], len(lacking)
        _LOG.warning(
            f"{label}: {count:,} way{'s' if count > 1 else ''} tagged {tags_text(tags)} "
            f"use{'' if count > 1 else 's'} nodes the file lacks (way {way_id} uses node "
            f"{node_id}) and {'are' if count > 1 else 'is'} left out; {_KEEP_NODES}"
        )


def _nothing_tagged(
    xml: Path, tags: dict[str, bool | str | list[str]], label: Path
) -> InputError:
    """Why osmnx found no feature: the tagged ways' nodes are missing, or there is none."""
    lacking = way_without_nodes(xml, tags)
    if lacking is not None:
        way_id, node_id = lacking
        return InputError(
            f"{label} has ways tagged {tags_text(tags)} but not their nodes (way {way_id} uses "
            f"node {node_id}, which is missing), so none can be drawn; {_KEEP_NODES}"
        )
    return InputError(f"{label} has no feature tagged {tags_text(tags)}; give an extract of "
                      "an area that has some (osmium tags-count lists a file's tags)")


def _check_positions(frame: gpd.GeoDataFrame, label: Path) -> None:
    """Refuse features with a node that is not a finite ``(lon, lat)`` on the globe."""
    # slow import: GEOS and numpy
    import shapely

    coords, owner = shapely.get_coordinates(frame.geometry.values, return_index=True)
    bad = ~(np.isfinite(coords).all(axis=1)
            & (np.abs(coords[:, 0]) <= 180.0) & (np.abs(coords[:, 1]) <= 90.0))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        element, osm_id = frame.index[owner[first]]
        lon, lat = coords[first]
        where = f"node {osm_id} is" if element == "node" else f"{element} {osm_id} has a node"
        raise InputError(
            f"{label}: {where} at lon {lon}, lat {lat}, not a position on the globe "
            "(lon -180..180, lat -90..90); fix or remove that node"
        )


def _is_xml_error(exc: Exception) -> bool:
    return isinstance(exc, SAXException | UnicodeDecodeError) or type(exc).__name__ == (
        "ParseError"
    )


def _pbf_to_xml(pbf: Path, xml: Path, tags: dict[str, bool | str | list[str]]) -> None:
    """Write the objects of ``pbf`` matching ``tags``, and the nodes their ways use, as XML."""
    # slow import
    import osmium

    pairs = [
        (key, value)
        for key, values in tags.items()
        for value in ([values] if isinstance(values, str | bool) else values)
    ]
    key_only = [key for key, value in pairs if value is True]
    tag_pairs = [(key, value) for key, value in pairs if isinstance(value, str)]
    filters: list[Any] = []
    if tag_pairs:
        filters.append(osmium.filter.TagFilter(*tag_pairs))
    if key_only:
        filters.append(osmium.filter.KeyFilter(*key_only))
    try:
        with osmium.BackReferenceWriter(str(xml), ref_src=str(pbf), overwrite=True) as writer:
            for one_filter in filters:
                for obj in osmium.FileProcessor(str(pbf)).with_filter(one_filter):
                    writer.add(obj)
    except RuntimeError as exc:
        raise InputError(f"{pbf} is not a readable .osm.pbf extract: {exc}; give an .osm.pbf "
                         "file (as Geofabrik serves them, or osmium cat -o x.osm.pbf writes)"
                         ) from None


def rail_ways(frame: gpd.GeoDataFrame, statuses: tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
    """Return the railway ways of an OSM features frame with their status.

    Parameters
    ----------
    frame : GeoDataFrame
        osmnx features (index ``(element, id)``).
    statuses : tuple of str, optional
        Keep only these statuses (see :data:`RAIL_STATUSES`); all by default.

    Returns
    -------
    GeoDataFrame
        Columns ``osm_id`` (int), ``status``, ``railway``, ``name`` and ``geometry``
        (LineStrings), sorted by ``osm_id``.
    """
    # slow import: pandas and GDAL
    import geopandas as gpd

    ways = _elements(frame, "way")
    ways = ways[ways.geometry.geom_type.isin(["LineString", "MultiLineString"])]
    lifecycle = ways.reindex(columns=list(RAIL_STATUSES)[1:])
    status = [
        rail_status(railway, row)
        for railway, row in zip(
            ways.get("railway", [None] * len(ways)), lifecycle.to_dict("records"), strict=True
        )
    ]
    result = gpd.GeoDataFrame(
        {
            "osm_id": ways.index.get_level_values("id").astype("int64"),
            "status": status,
            "railway": ways.get("railway"),
            "name": _text_column(ways, "name"),
        },
        geometry=ways.geometry.values,
        crs="EPSG:4326",
    )
    keep = result["status"].notna()
    if statuses is not None:
        keep &= result["status"].isin(check_statuses(statuses))
    return result[keep].sort_values("osm_id").reset_index(drop=True)


def check_statuses(statuses: Any, name: str = "statuses") -> tuple[str, ...]:
    """Way statuses to keep, each one of :data:`RAIL_STATUSES`' values."""
    known = sorted(set(RAIL_STATUSES.values()))
    wanted = tuple(texts(statuses, name, f"statuses among {', '.join(known)}"))
    unknown = [status for status in wanted if status not in known]
    if unknown:
        refuse(f"an item of {name}", unknown[0], f"one of {', '.join(known)}")
    return wanted


def rail_stations(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the stations and halts (``railway=station|halt`` points) with their names."""
    # slow import: pandas and GDAL
    import geopandas as gpd

    nodes = _elements(frame, "node")
    nodes = nodes[nodes.get("railway", gpd.pd.Series(dtype=object)).isin(STATION_VALUES)]
    return gpd.GeoDataFrame(
        {
            "osm_id": nodes.index.get_level_values("id").astype("int64"),
            "railway": nodes.get("railway"),
            "name": _text_column(nodes, "name"),
        },
        geometry=nodes.geometry.values,
        crs="EPSG:4326",
    ).reset_index(drop=True)


def _elements(frame: gpd.GeoDataFrame, element: str) -> gpd.GeoDataFrame:
    # slow import: pandas and GDAL
    import geopandas as gpd

    instance(frame, gpd.GeoDataFrame, "frame",
             "the osmnx features frame of read_osm_features or fetch_osm_features")
    if "element" not in frame.index.names:
        refuse("frame", frame, "the osmnx features frame of read_osm_features or "
               "fetch_osm_features (indexed by element and id), not a table made from it")
    if frame.empty or element not in frame.index.get_level_values("element"):
        return frame.iloc[0:0]
    return frame.xs(element, level="element", drop_level=False)


def _text_column(frame: gpd.GeoDataFrame, name: str) -> list[str | None]:
    if name not in frame.columns:
        return [None] * len(frame)
    return [value if isinstance(value, str) else None for value in frame[name]]


def tags_text(tags: Mapping[str, Any]) -> str:
    """``{"railway": ["rail", "halt"]}`` -> ``"railway=rail|halt"``."""
    return " or ".join(
        f"{key}={'|'.join(values) if isinstance(values, list) else values}"
        for key, values in tags.items()
    )


def extract_dates(path: str | Path, way_ids: list[int]) -> dict[str, str | None]:
    """Dates that identify an extract: its replication timestamp and the newest edit used.

    Parameters
    ----------
    path : path
        OSM XML or ``.osm.pbf`` file (read with pyosmium).
    way_ids : list of int
        The ways whose newest edit is wanted.

    Returns
    -------
    dict
        ``extract_timestamp`` (the header's replication timestamp, None when the file has
        none) and ``newest_way_edit`` (ISO date of the newest of ``way_ids``, None if unknown).
    """
    # slow import
    import osmium

    reader = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
    try:
        replication = reader.header().get("osmosis_replication_timestamp") or None
    finally:
        reader.close()
    newest = None
    if way_ids:
        processor = osmium.FileProcessor(str(path), osmium.osm.WAY).with_filter(
            osmium.filter.IdFilter(way_ids)
        )
        stamps = [
            way.timestamp for way in processor
            if isinstance(way, osmium.osm.Way) and way.timestamp.year > 1970
        ]
        newest = max(stamps).date().isoformat() if stamps else None
    return {"extract_timestamp": replication, "newest_way_edit": newest}
