"""Propose a catalog line's alignment along OpenStreetMap track: ``caspian refine``.

The line's own vertices are its sourced waypoints (stations, towns). Between each pair the
shortest path over the rail network is taken
(:func:`caspian.geo.routing.railgraph.shortest_rail_path`), and the legs are joined into one trace
at the network's full resolution. A line of several branches (a MultiLineString: Tbilisi–Poti and
Samtredia–Batumi) is refined branch by branch: no path is sought from the end of one branch to the
start of the next. Nothing is bent to hit a published length: the new length and its difference from
each published figure are reported, and so is the distance from every sourced place to the new line.

:func:`apply_refinement` turns a proposal into the layer's new content: the trace becomes the
geometry (every vertex cited to one new OpenStreetMap source that records the file, its
checksum and dates, and the way ids), the old waypoints join ``route_places`` so they stay
checked against the line, and the layer is validated before anything is written.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely
from caspian.geo.arguments import instance, mapping, positive_number, refuse
from caspian.geo.errors import InputError
from caspian.geo.figures import delta_pct
from caspian.geo.geodesy import densify_geodesic, geodesic_lengths_km
from caspian.geo.routing import RouteGap, as_lonlat
from caspian.geo.routing.railgraph import (
    RailPath,
    SnapError,
    nearest_node,
    nearest_on_path,
    shortest_rail_path,
    swap_fix,
)
from caspian.layers.catalog.check import check_layer
from caspian.layers.catalog.errors import CatalogError
from caspian.layers.catalog.loading import DATA_PACKAGE, parse_layer, resolve_layer_ids
from caspian.layers.io.geojson_output import write_feature_collection
from caspian.layers.metrics import check_published_lengths, published_figures
from caspian.layers.routing.rail import DEFAULT_MAX_SNAP_KM, LoadedRail

#: The new line is densified to this spacing before places are measured against it, km.
PLACE_CHECK_SPACING_KM = 0.05

#: Geometry accuracy given to a refined line: the most precise class the vocabulary has.
REFINED_ACCURACY_PREFERENCE = ("traced", "waypoints")


@dataclass(frozen=True)
class PlaceDistance:
    """How far a sourced place lies from the proposed line."""

    label: str
    #: ``route_place`` or ``waypoint`` (an old vertex of the line).
    kind: Literal["route_place", "waypoint"]
    lonlat: tuple[float, float]
    #: Geodesic distance to the nearest point of the densified new line.
    distance_km: float


@dataclass(frozen=True)
class Refinement:
    """A proposed alignment for one catalog line."""

    feature_id: str
    #: The trace's parts, ``(k, 2)`` arrays of ``(lon, lat)``; gaps lie between parts.
    parts: tuple[np.ndarray, ...]
    #: Geodesic length of the current line (gaps excluded).
    old_length_km: float
    #: Geodesic length of the trace (gaps excluded).
    new_length_km: float
    #: ``{"value", "source", "delta_km", "delta_pct"}`` for each published length.
    published: tuple[dict[str, Any], ...]
    length_by_status_km: dict[str, float]
    way_ids: tuple[int, ...]
    gaps: tuple[RouteGap, ...]
    places: tuple[PlaceDistance, ...]
    #: Distance from each waypoint to the track node it was snapped to.
    waypoint_snaps_km: tuple[float, ...]
    #: Length of the trace of each branch (each part of the old line), in order.
    branch_lengths_km: tuple[float, ...] = ()

    def geometry(self) -> Any:
        """The trace as a LineString, or a MultiLineString when it has gaps."""
        lines = [shapely.LineString(part) for part in self.parts]
        return lines[0] if len(lines) == 1 else shapely.MultiLineString(lines)


def _branches(feature: dict[str, Any]) -> tuple[list[list[tuple[float, float]]], list[str]]:
    """The line's waypoints branch by branch (one per part), and every vertex's label."""
    mapping(feature, "feature", "a GeoJSON Feature mapping, e.g. load_layer(...).features[0]")
    geometry: Any = feature.get("geometry")
    if not isinstance(geometry, dict) or "type" not in geometry:
        refuse("feature", feature, "a GeoJSON Feature with a line geometry, e.g. "
               "load_layer(...).features[0]")
    kind = geometry.get("type")
    if kind == "LineString":
        branches = [geometry["coordinates"]]
    elif kind == "MultiLineString":
        branches = list(geometry["coordinates"])
    else:
        raise InputError(f"{feature.get('id')} is a {kind}, not a line; refine a railway line")
    count = sum(len(branch) for branch in branches)
    properties = feature.get("properties")
    entries = (properties.get("vertex_sources") if isinstance(properties, dict) else None) or []
    if len(entries) > count or not all(isinstance(entry, dict) for entry in entries):
        raise InputError(
            f"{feature.get('id')}: vertex_sources must be one object per vertex "
            f"({len(entries)} entries for {count} vertices); fix the layer file"
        )
    labels = [str(entry.get("label", f"vertex {i}")) for i, entry in enumerate(entries)]
    labels += [f"vertex {i}" for i in range(len(labels), count)]
    if any(len(branch) < 2 for branch in branches):
        raise InputError(f"{feature.get('id')} has a part of fewer than two vertices; a line "
                         "needs two")
    where = f"{feature.get('id')} vertex"
    return [[as_lonlat(c, where) for c in branch] for branch in branches], labels


def _waypoints(feature: dict[str, Any]) -> tuple[list[tuple[float, float]], list[str]]:
    branches, labels = _branches(feature)
    return [position for branch in branches for position in branch], labels


def propose_alignment(
    feature: dict[str, Any], loaded: LoadedRail, *, max_snap_km: float = DEFAULT_MAX_SNAP_KM
) -> Refinement:
    """Route between the line's consecutive waypoints and join the legs into one trace.

    Raises
    ------
    SnapError
        When a waypoint lies farther than ``max_snap_km`` from any track (named by label).
    """
    branches, labels = _branches(feature)
    instance(loaded, LoadedRail, "loaded", "a LoadedRail (load_rail)")
    positive_number(max_snap_km, "max_snap_km", "km")
    waypoints = [position for branch in branches for position in branch]
    for lonlat, label in zip(waypoints, labels, strict=True):
        _, dist_m = nearest_node(loaded.network, *lonlat)
        if dist_m > max_snap_km * 1000.0:
            lon, lat = lonlat
            fix = (swap_fix(loaded.network, lonlat, max_snap_km)
                   or "use an extract that covers it or a larger max_snap_km=")
            raise SnapError(
                f"{feature.get('id')}: waypoint {label!r} ({lon:.5f},{lat:.5f}) lies "
                f"{dist_m / 1000:,.1f} km from the nearest track of {loaded.source} (limit "
                f"{max_snap_km:g} km); {fix}",
                value=lonlat, reason="too far from the nearest track", options=("max_snap_km",),
            )
    legs_by_branch = [
        [shortest_rail_path(loaded.network, start, end, max_snap_km)
         for start, end in itertools.pairwise(branch)]
        for branch in branches
    ]
    parts = tuple(part for branch_legs in legs_by_branch for part in _join_legs(branch_legs))
    legs = [leg for branch_legs in legs_by_branch for leg in branch_legs]
    properties = feature.get("properties") or {}
    new_km = float(sum(leg.length_km for leg in legs))
    old_km = float(geodesic_lengths_km(shapely.geometry.shape(feature["geometry"]))[0])
    by_status: dict[str, float] = {}
    for leg in legs:
        for status, km in leg.length_by_status_km.items():
            by_status[status] = by_status.get(status, 0.0) + km
    return Refinement(
        feature_id=str(feature.get("id")),
        parts=parts,
        old_length_km=old_km,
        new_length_km=new_km,
        published=tuple(_published(properties, new_km)),
        length_by_status_km=dict(sorted(by_status.items())),
        way_ids=tuple(dict.fromkeys(way for leg in legs for way in leg.way_ids)),
        gaps=tuple(gap for leg in legs for gap in leg.gaps),
        places=_place_distances(parts, properties, waypoints, labels),
        waypoint_snaps_km=tuple(
            snap for branch_legs in legs_by_branch
            for snap in (branch_legs[0].start_snap_km, *(leg.end_snap_km for leg in branch_legs))
        ),
        branch_lengths_km=tuple(float(sum(leg.length_km for leg in branch_legs))
                                for branch_legs in legs_by_branch),
    )


def _join_legs(legs: list[RailPath]) -> tuple[np.ndarray, ...]:
    """Concatenate the legs' parts; a leg starts where the previous one ended (same node)."""
    parts: list[np.ndarray] = []
    for leg in legs:
        for index, part in enumerate(leg.parts):
            if index == 0 and parts:
                parts[-1] = np.concatenate([parts[-1], part[1:]])
            else:
                parts.append(part)
    kept = tuple(part for part in parts if len(part) >= 2)
    if not kept:
        raise InputError("the waypoints all snap to one track node; no alignment to propose")
    return kept


def _published(properties: dict[str, Any], new_km: float) -> list[dict[str, Any]]:
    check_published_lengths([properties.get("published_length_km")])
    rows = []
    for entry in published_figures(properties.get("published_length_km")):
        value = entry.get("value")
        if isinstance(value, int | float) and value > 0:
            rows.append(
                {
                    "value": float(value),
                    "source": entry.get("source"),
                    "delta_km": new_km - value,
                    "delta_pct": float(delta_pct(new_km, value)),
                }
            )
    return rows


def _place_distances(
    parts: tuple[np.ndarray, ...],
    properties: dict[str, Any],
    waypoints: list[tuple[float, float]],
    labels: list[str],
) -> tuple[PlaceDistance, ...]:
    places: list[tuple[str, Literal["route_place", "waypoint"], Any]] = [
        (str(place.get("label")), "route_place", tuple(place["coordinates"][:2]))
        for place in properties.get("route_places") or []
        if isinstance(place, dict) and place.get("coordinates")
    ]
    places += [(label, "waypoint", lonlat) for label, lonlat in zip(labels, waypoints,
                                                                     strict=True)]
    if not places:
        return ()
    lines = [shapely.LineString(part) for part in parts]
    dense = densify_geodesic(lines, PLACE_CHECK_SPACING_KM)
    vertices = np.concatenate([shapely.get_coordinates(line) for line in dense])
    lons = [lonlat[0] for _, _, lonlat in places]
    lats = [lonlat[1] for _, _, lonlat in places]
    _, dist_km = nearest_on_path(vertices, lons, lats)
    return tuple(
        PlaceDistance(label, kind, (float(lonlat[0]), float(lonlat[1])), float(km))
        for (label, kind, lonlat), km in zip(places, dist_km, strict=True)
    )


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file (identifies the exact extract a trace was read from)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def apply_refinement(
    collection: dict[str, Any],
    refinement: Refinement,
    osm_file: str | Path,
    dates: dict[str, str | None],
    accuracies: tuple[str, ...],
) -> dict[str, Any]:
    """Return a copy of the layer ``collection`` with the refined line written in.

    Parameters
    ----------
    collection : dict
        The layer's FeatureCollection, as in its catalog file.
    refinement : Refinement
    osm_file : path
        The extract the trace was read from (named, with its SHA-256, in the new source).
    dates : dict
        :func:`caspian.layers.osm.extracts.extract_dates` of the extract.
    accuracies : tuple of str
        The catalog's geometry-accuracy vocabulary.

    Raises
    ------
    CatalogError
        When the feature is not in the layer or the vocabulary has no class for a trace.
    """
    updated = copy.deepcopy(collection)
    feature = next(
        (item for item in updated["features"] if item.get("id") == refinement.feature_id), None
    )
    if feature is None:
        raise CatalogError(f"{refinement.feature_id} is not in layer {collection.get('id')}")
    accuracy = next((name for name in REFINED_ACCURACY_PREFERENCE if name in accuracies), None)
    if accuracy is None:
        raise CatalogError("the catalog's geometry_accuracy vocabulary has no class for a trace")
    source_id = f"osm-refine-{refinement.feature_id.split('/', 1)[-1]}"
    path = Path(osm_file)
    source = _osm_source(source_id, refinement, path, dates)
    updated["sources"] = [s for s in updated.get("sources", []) if s.get("id") != source_id]
    updated["sources"].append(source)
    properties = feature["properties"]
    old_positions, labels = _waypoints(feature)
    old_sources = properties.get("vertex_sources") or []
    places = list(properties.get("route_places") or [])
    known = {tuple(place.get("coordinates", [])[:2]) for place in places}
    for index, lonlat in enumerate(old_positions):
        entry = old_sources[index] if index < len(old_sources) else {}
        if lonlat in known or entry.get("source") == source_id:
            continue
        places.append(
            {
                "label": labels[index],
                "source": entry.get("source"),
                "coordinates": list(lonlat),
                "approximate": bool(entry.get("approximate", True)),
            }
        )
    geometry = refinement.geometry()
    feature["geometry"] = shapely.geometry.mapping(geometry)
    feature["geometry"] = _as_lists(feature["geometry"])
    n_vertices = sum(len(part) for part in refinement.parts)
    properties["vertex_sources"] = [
        {"label": "OpenStreetMap railway node", "source": source_id, "approximate": False}
    ] * n_vertices
    properties["route_places"] = places
    properties["geometry_accuracy"] = accuracy
    properties["sources"] = list(dict.fromkeys([*properties.get("sources", []), source_id]))
    return updated


def _as_lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_as_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_lists(item) for key, item in value.items()}
    if isinstance(value, float):
        return round(value, 7)
    return value


def _osm_source(
    source_id: str, refinement: Refinement, path: Path, dates: dict[str, str | None]
) -> dict[str, Any]:
    ways = ", ".join(str(way) for way in refinement.way_ids)
    statuses = ", ".join(
        f"{status} {km:,.1f} km" for status, km in refinement.length_by_status_km.items()
    )
    gaps = (
        f"; {len(refinement.gaps)} gap(s) the track does not connect, "
        f"{sum(gap.length_km for gap in refinement.gaps):,.1f} km, not drawn"
        if refinement.gaps
        else ""
    )
    return {
        "id": source_id,
        "type": "external",
        "outlet": "OpenStreetMap contributors (ODbL 1.0)",
        "page": f"railway ways {ways}",
        "date": dates.get("extract_timestamp") or dates.get("newest_way_edit"),
        "url": "https://www.openstreetmap.org/copyright",
        "via": f"caspian refine --osm-file {path.name} (sha256 {file_sha256(path)})",
        "note": (
            f"© OpenStreetMap contributors, Open Database License 1.0. Shortest path over the "
            f"extract's railways between the line's sourced waypoints: "
            f"{refinement.new_length_km:,.1f} km ({statuses}){gaps}; newest edit of the ways "
            f"used {dates.get('newest_way_edit') or 'unknown'}."
        ),
        "attribution": "Rail trace © OpenStreetMap contributors (ODbL)",
    }


def packaged_layer_file(layer_id: str) -> Path:
    """The packaged catalog file of ``layer_id`` (what ``--write`` replaces by default).

    Raises
    ------
    CatalogError
        When the installed catalog is not a regular file on disk (a zipped install).
    """
    (layer_id,) = resolve_layer_ids([layer_id])
    path = Path(str(resources.files(DATA_PACKAGE) / f"{layer_id}.geojson"))
    if not path.is_file():
        raise CatalogError(f"catalog file {path} is not a regular file; give the layer's file "
                           "(layer_file=)", path=path, reason="not a regular file",
                           options=("layer_file",))
    return path


def write_layer(collection: dict[str, Any], path: str | Path) -> Path:
    """Validate ``collection`` with the catalog checks, then write it atomically as the
    catalog files are written (UTF-8, one-space indent).

    Raises
    ------
    CatalogError
        Listing the problems, when the layer would fail ``caspian check``.
    """

    problems = check_layer(parse_layer(collection, origin=str(path)))
    if problems:
        listed = "; ".join(str(problem) for problem in problems[:3])
        raise CatalogError(f"not written: the refined layer would fail the checks: {listed}")
    return write_feature_collection(path, collection)
