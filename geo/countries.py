"""Split line lengths by country with a spatial index, and the Caspian share by nearest state.

Pure computation: the country polygons come in as shapely geometries with their codes (the
``layers`` package loads them: Natural Earth with OSM land borders in our region). The
method, for all lines at once:

1. densify every line along its geodesic (``settings.densify_km``), so that the straight
   lon/lat segment between two vertices stays within metres of the true geodesic;
2. find candidate (line, country) pairs through an :class:`shapely.STRtree` (bounding boxes
   only: no pairwise overlay of every line with every country);
3. take a line's whole length for a country that contains it, nothing for one it does not
   touch (prepared predicates), and cut only the lines that cross a border: clip the country
   to the line's bounding box, intersect, and measure the pieces geodesically;
4. whatever length lies in no country is ``"sea"``. The same cut against the Caspian's
   nearest-shore zones (see :func:`build_country_index`) attributes the Caspian part of the
   sea to the nearest littoral state: an approximation (the seabed is divided by agreements,
   not by nearest coast), reported apart from the split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from caspian.geo.antimeridian import fold_lines
from caspian.geo.arguments import instance, refuse, settings_or_default, texts
from caspian.geo.borders import country_codes
from caspian.geo.errors import GeometryError
from caspian.geo.geodesy import (
    MeasuredLines,
    as_geometry_array,
    densify_measured,
    geodesic_lengths_m,
    local_projection,
    measure_lines,
)
from caspian.geo.settings import Settings

#: The five states on the Caspian shore (ISO 3166-1 alpha-3).
CASPIAN_LITTORAL: tuple[str, ...] = ("AZE", "IRN", "KAZ", "RUS", "TKM")

#: Key of the length that lies in no country.
SEA = "sea"

# Padding of the clipping box around each line, degrees (~1 cm).
_BOX_PAD_DEG = 1e-7
#: Side (degrees) of the grid cells a country is clipped to before each crossing line's box.
_CLIP_CELL_DEG = 2.0

# Spacing of the shore samples that define the nearest-state zones of the Caspian, metres.
_SHORE_SPACING_M = 2000.0

# Degrees of border kept around the Caspian's box when finding which state a shore point
# belongs to.
_MARGIN_DEG = 0.5

# Simplification of the rough union that finds the Caspian, and the degrees added around the
# rough basin before the exact union (the rough one closes narrow straits, such as that of
# Kara-Bogaz-Gol, 0.8 degrees east of the rough basin's edge).
_ROUGH_DEG = 0.02
_BASIN_PAD_DEG = 2.0


@dataclass(frozen=True)
class CountryIndex:
    """Country polygons with a spatial index, ready for :func:`split_by_country`.

    Build it with :func:`build_country_index`; it is immutable and can be shared.
    """

    #: Country (multi)polygons in ``(lon, lat)`` degrees (prepared); lines are cut at the
    #: antimeridian before they meet them (:func:`caspian.geo.antimeridian.fold_lines`).
    polygons: npt.NDArray[np.object_]
    #: ISO 3166-1 alpha-3 code of each polygon.
    codes: npt.NDArray[np.str_]
    #: Index over ``polygons``.
    tree: shapely.STRtree
    #: The Caspian's water (no islands), or None when the littoral states are not all given.
    caspian: Any
    #: Codes of the littoral states, in the order of ``caspian_zones``.
    littoral_codes: tuple[str, ...]
    #: The Caspian split into the parts nearest to each littoral state's shore
    #: (``(lon, lat)``, prepared); together they cover ``caspian``. An approximation.
    caspian_zones: npt.NDArray[np.object_]
    #: Index over ``caspian_zones``.
    zone_tree: shapely.STRtree | None
    #: Whether each polygon's interior meets another polygon's interior (DE-9IM
    #: ``T********``; borders spliced from two sources can overlap by metres): a line wholly
    #: inside a polygon that overlaps none meets no other polygon.
    overlapping: npt.NDArray[np.bool_]
    #: Whether each polygon's interior is clear of the Caspian's (DE-9IM ``F********``):
    #: a line in such a polygon's interior has no length in any nearest-state zone.
    dry: npt.NDArray[np.bool_]

    def __post_init__(self) -> None:
        # Shared (cached) by every caller: an assignment into an array must fail, not
        # change every later split.
        for array in (self.polygons, self.codes, self.caspian_zones, self.overlapping,
                      self.dry):
            array.flags.writeable = False



@dataclass(frozen=True)
class CountrySplit:
    """Per-line lengths by country."""

    #: One dict per input line: ISO3 code -> km inside that country, plus ``"sea"`` for the
    #: length in no country. The values add up to the line's geodesic length.
    by_country_km: list[dict[str, float]]
    #: One dict per line: for the part of ``"sea"`` that lies in the Caspian, ISO3 code of the
    #: nearest littoral state -> km. An approximation, not a legal boundary.
    sea_nearest_state_km: list[dict[str, float]]


def build_country_index(
    polygons: Sequence[Any] | npt.NDArray[np.object_],
    codes: Sequence[str] | npt.NDArray[np.str_],
    littoral: Sequence[str] = CASPIAN_LITTORAL,
) -> CountryIndex:
    """Index country polygons and derive the Caspian from its littoral states.

    Parameters
    ----------
    polygons : sequence of shapely (Multi)Polygons
        Country land areas, ``(lon, lat)`` degrees.
    codes : sequence of str
        ISO 3166-1 alpha-3 code for each polygon (repeats allowed: parts of one country).
    littoral : sequence of str
        Codes of the Caspian's littoral states. The Caspian is taken as the largest hole in
        the union of their polygons, so no coordinate is hard-coded here.

    Returns
    -------
    CountryIndex
    """
    polys = as_geometry_array(polygons, "polygons")
    code_arr = np.asarray(country_codes(codes, "codes", polys.size), dtype=str)
    littoral = texts(littoral, "littoral", "the country codes of the Caspian's shores")
    keep = ~(shapely.is_missing(polys) | shapely.is_empty(polys))
    polys, code_arr = polys[keep], code_arr[keep]
    shapely.prepare(polys)
    caspian, littoral_codes, zones = _caspian_zones(polys, code_arr, littoral)
    tree = shapely.STRtree(polys)
    return CountryIndex(
        polygons=polys, codes=code_arr, tree=tree,
        caspian=caspian, littoral_codes=littoral_codes, caspian_zones=zones,
        zone_tree=shapely.STRtree(zones) if zones.size else None,
        overlapping=overlapping_polygons(polys, tree), dry=dry_polygons(polys, caspian),
    )


def dry_polygons(polygons: npt.NDArray[np.object_], caspian: Any) -> npt.NDArray[np.bool_]:
    """Whether each polygon's interior is clear of the interior of ``caspian`` (all, when
    it is None)."""
    if caspian is None:
        return np.ones(polygons.size, dtype=bool)
    return ~shapely.relate_pattern(polygons, caspian, "T********")


def overlapping_polygons(
    polygons: npt.NDArray[np.object_], tree: shapely.STRtree
) -> npt.NDArray[np.bool_]:
    """Whether each polygon's interior meets the interior of another of ``polygons``
    (``tree`` indexes them): neighbours that only share a border do not overlap."""
    first, second = tree.query(polygons)
    pairs = first < second
    first, second = first[pairs], second[pairs]
    # Most boxes that overlap hold polygons that do not meet; relate() is the slow test.
    meet = shapely.intersects(polygons[first], polygons[second])
    first, second = first[meet], second[meet]
    both = shapely.relate_pattern(polygons[first], polygons[second], "T********")
    overlapping = np.zeros(polygons.size, dtype=bool)
    overlapping[first[both]] = overlapping[second[both]] = True
    return overlapping


def _caspian_zones(
    polys: npt.NDArray[np.object_], codes: npt.NDArray[np.str_], littoral: Sequence[str]
) -> tuple[Any, tuple[str, ...], npt.NDArray[np.object_]]:
    """The Caspian's water and its split into nearest-shore zones, one per littoral state.

    The shore (the water's boundary) is sampled every :data:`_SHORE_SPACING_M` in an
    azimuthal equidistant projection centred on the Caspian; each sample belongs to the
    state whose land it touches; the Voronoi cells of the samples, merged by state and
    brought back to lon/lat, are the zones. A sea point's nearest land is always on the
    shore, so the zones give the nearest state to within about half the spacing.
    """
    no_zones = np.empty(0, dtype=object)
    present = [code for code in littoral if code in set(codes.tolist())]
    if len(present) != len(littoral):
        return None, (), no_zones
    found = _basin(polys[np.isin(codes, present)])
    if found is None:
        return None, (), no_zones
    basin, land = found
    water = shapely.difference(basin, land)  # islands are land, not sea
    centre = shapely.centroid(basin)
    to_local = local_projection((centre.x, centre.y))
    local_water = shapely.transform(water, lambda xy: _forward(to_local, xy))
    shore = shapely.segmentize(shapely.boundary(local_water), _SHORE_SPACING_M)
    samples = np.unique(shapely.get_coordinates(shore), axis=0)
    # Each shore sample lies on (or within metres of) one state's border: find it among the
    # short edges of the states' borders near the basin (an index of whole countries would
    # make every query measure the distance to all of Russia).
    xmin, ymin, xmax, ymax = basin.bounds
    edges, edge_owner = [], []
    for k, code in enumerate(present):
        parts = polys[codes == code]
        near = shapely.clip_by_rect(
            parts[0] if parts.size == 1 else shapely.union_all(parts),
            xmin - _MARGIN_DEG, ymin - _MARGIN_DEG, xmax + _MARGIN_DEG, ymax + _MARGIN_DEG,
        )
        border = shapely.transform(shapely.boundary(near), lambda xy: _forward(to_local, xy))
        edges.append(_edges(border))
        edge_owner.append(np.full(edges[-1].size, k, dtype=np.intp))
    _, nearest_edge = shapely.STRtree(np.concatenate(edges)).query_nearest(
        shapely.points(samples), all_matches=False
    )
    owner = np.concatenate(edge_owner)[nearest_edge]
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(samples),
            extend_to=shapely.buffer(local_water, 10 * _SHORE_SPACING_M),
            ordered=True,
        )
    )
    zones = []
    for k in range(len(present)):
        local_zone = shapely.segmentize(shapely.union_all(cells[owner == k]), _SHORE_SPACING_M)
        zone = shapely.transform(local_zone, lambda xy: _inverse(to_local, xy))
        zones.append(shapely.intersection(zone, water))
    zone_array = np.array(zones, dtype=object)
    shapely.prepare(zone_array)
    shapely.prepare(water)
    return water, tuple(present), zone_array


def _largest_hole(geom: Any) -> Any:
    """The largest interior ring of a (multi)polygon, as a polygon; None if it has none."""
    holes = [
        shapely.Polygon(ring)
        for part in shapely.get_parts(geom)
        for ring in shapely.get_interior_ring(part, range(shapely.get_num_interior_rings(part)))
    ]
    return max(holes, key=lambda hole: hole.area) if holes else None


def _basin(polys: npt.NDArray[np.object_]) -> tuple[Any, Any] | None:
    """The largest hole in the union of ``polys`` (the Caspian), and the union around it.

    The exact union of five whole countries (Russia's border among them) is the slowest step
    of building the index, so the hole is first found on a rough union (simplified, gaps
    closed by a buffer), and the exact union is then taken only inside a box around it. That
    box's result is used only when its largest hole stays clear of the box's edge and is at
    least as large as the rough one (then it is a hole of the whole union too); otherwise the
    whole union is taken.
    """
    rough = shapely.union_all(
        shapely.make_valid(shapely.simplify(polys, _ROUGH_DEG, preserve_topology=False))
    )
    rough_basin = _largest_hole(shapely.buffer(rough, 2 * _ROUGH_DEG))
    if rough_basin is not None:
        xmin, ymin, xmax, ymax = rough_basin.bounds
        box = shapely.box(
            xmin - _BASIN_PAD_DEG, ymin - _BASIN_PAD_DEG, xmax + _BASIN_PAD_DEG,
            ymax + _BASIN_PAD_DEG,
        )
        near = shapely.union_all(shapely.clip_by_rect(polys, *box.bounds))
        basin = _largest_hole(near)
        if (
            basin is not None
            and basin.area >= rough_basin.area
            and shapely.distance(basin.exterior, box.exterior) > 0
        ):
            return basin, near
    land = shapely.union_all(polys)
    basin = _largest_hole(land)
    return None if basin is None else (basin, land)


def _edges(boundary: Any) -> npt.NDArray[np.object_]:
    """Split (multi)line boundaries into two-point lines, one per edge."""
    parts = shapely.get_parts(boundary)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    start = np.flatnonzero(part[1:] == part[:-1])
    pairs = np.stack([coords[start], coords[start + 1]], axis=1).reshape(-1, 2)
    return shapely.linestrings(pairs, indices=np.repeat(np.arange(start.size), 2))


def _forward(transformer: pyproj.Transformer, xy: npt.NDArray[np.float64]) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _inverse(transformer: pyproj.Transformer, xy: npt.NDArray[np.float64]) -> Any:
    lons, lats = transformer.transform(
        xy[:, 0], xy[:, 1], direction=pyproj.enums.TransformDirection.INVERSE
    )
    return np.column_stack([lons, lats])


def split_by_country(
    geoms: Any,
    index: CountryIndex,
    settings: Settings | None = None,
    *,
    measured: MeasuredLines | None = None,
) -> CountrySplit:
    """Split each line's geodesic length by the countries it crosses.

    Parameters
    ----------
    geoms : array_like of shapely geometries
        LineStrings / MultiLineStrings in ``(lon, lat)`` degrees. Points, empty and missing
        geometries get empty dicts.
    index : CountryIndex
        From :func:`build_country_index`.
    settings : Settings, optional
        ``densify_km`` (spacing of the geodesic densification) and ``ellps``.
    measured : MeasuredLines, optional
        ``geoms`` already measured (:func:`caspian.geo.geodesy.measure_lines`, with the same
        ``settings``): their segments are not measured again.

    Returns
    -------
    CountrySplit
        Kilometres per ISO3 code plus ``"sea"``, and the Caspian part of ``"sea"`` by nearest
        littoral state (approximation).
    """
    settings = settings_or_default(settings)
    instance(index, CountryIndex, "index", "a CountryIndex (build_country_index)")
    array = as_geometry_array(geoms)
    n = array.size
    by_country: list[dict[str, float]] = [{} for _ in range(n)]
    nearest: list[dict[str, float]] = [{} for _ in range(n)]
    if n == 0:
        return CountrySplit(by_country, nearest)
    if measured is None:
        measured = measure_lines(array, settings)
    elif not isinstance(measured, MeasuredLines):
        refuse("measured", measured, "the MeasuredLines of measure_lines(geoms), or None")
    elif measured.geoms.size != n:
        raise GeometryError(f"{measured.geoms.size} measured geometries for {n} lines")
    total_m = measured.lengths_m
    measurable = np.flatnonzero(np.nan_to_num(total_m) > 0)
    if measurable.size == 0:
        return CountrySplit(by_country, nearest)
    # Densified lines keep their longitudes continuous; cut back into [-180, 180] at the
    # antimeridian, every piece meets the countries where they are (Fiji, Chukotka, Alaska,
    # New Zealand and whatever else a line across the Pacific reaches).
    dense = fold_lines(densify_measured(measured, settings.densify_km, settings)[measurable])

    lengths_m = total_m[measurable]

    line_i, poly_j, piece_m, inside = _lengths_inside(
        dense, lengths_m, index.polygons, index.tree, settings, index.overlapping
    )
    code_names, code_of_poly = np.unique(index.codes, return_inverse=True)
    rows = [by_country[feature] for feature in measurable.tolist()]
    _add_km(rows, line_i, code_of_poly[poly_j], piece_m, code_names.tolist())
    # "sea" is whatever no country holds; it comes last, after the codes in order.
    inside_m = np.bincount(line_i, weights=piece_m, minlength=measurable.size)
    sea_m = np.maximum(lengths_m - inside_m, 0.0)
    for row, dist_m in zip(rows, sea_m.tolist(), strict=True):
        row[SEA] = dist_m / 1000.0

    if index.zone_tree is not None:
        # A line inside a country clear of the Caspian (most lines) has none of its length in
        # the Caspian's zones: only the others are cut against them.
        on_land = np.zeros(measurable.size, dtype=bool)
        on_land[line_i[inside & index.dry[poly_j]]] = True
        wet = np.flatnonzero(~on_land)
        line_i, zone_j, zone_m, _ = _lengths_inside(
            dense[wet], lengths_m[wet], index.caspian_zones, index.zone_tree, settings
        )
        rows = [nearest[feature] for feature in measurable[wet].tolist()]
        _add_km(rows, line_i, zone_j, zone_m, list(index.littoral_codes))
    return CountrySplit(by_country, nearest)


def _add_km(
    rows: list[dict[str, float]],
    line_i: npt.NDArray[np.intp],
    group: npt.NDArray[np.intp],
    length_m: npt.NDArray[np.float64],
    names: list[str],
) -> None:
    """Sum ``length_m`` per (line, group) and store it in km as ``rows[line][names[group]]``.

    Keys come out in the order of ``names``; groups with no length are left out.
    """
    hit = length_m > 0
    keys = line_i[hit] * len(names) + group[hit]
    unique_keys, key_of_piece = np.unique(keys, return_inverse=True)
    key_m = np.bincount(key_of_piece, weights=length_m[hit], minlength=unique_keys.size)
    for key, dist_m in zip(unique_keys.tolist(), key_m.tolist(), strict=True):
        line, name = divmod(key, len(names))
        rows[line][names[name]] = dist_m / 1000.0


def _lengths_inside(
    dense: npt.NDArray[np.object_],
    total_m: npt.NDArray[np.float64],
    polygons: npt.NDArray[np.object_],
    tree: shapely.STRtree,
    settings: Settings,
    overlapping: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64],
           npt.NDArray[np.bool_]]:
    """Geodesic length (m) of each line inside each polygon whose box it meets.

    Returns ``(line_i, poly_j, length_m, inside)`` for every candidate pair from ``tree``,
    ``inside`` telling the pairs whose line lies wholly in the polygon's interior.
    ``overlapping`` tells the polygons whose interior meets another's (all, if None).
    """
    line_i, poly_j = tree.query(dense)
    # Prepared polygons answer "wholly inside" quickly. A line wholly inside a polygon that
    # overlaps no other meets no other: its other candidates (by their boxes) are settled
    # without a test. Only the candidates of the other lines (most of them near a border
    # or the coast) are asked whether they touch at all, and only those that touch without
    # lying inside are cut.
    inside = shapely.contains_properly(polygons[poly_j], dense[line_i])
    settled = np.zeros(total_m.size, dtype=bool)
    if overlapping is not None:
        settled[line_i[inside & ~overlapping[poly_j]]] = True
    open_pairs = np.flatnonzero(~inside & ~settled[line_i])
    crossing = np.zeros(line_i.size, dtype=bool)
    crossing[open_pairs] = shapely.intersects(
        polygons[poly_j[open_pairs]], dense[line_i[open_pairs]])
    length_m = np.zeros(line_i.size)
    length_m[inside] = total_m[line_i[inside]]
    length_m[crossing] = _cut_lengths_m(
        dense, polygons, line_i[crossing], poly_j[crossing], settings
    )
    return line_i, poly_j, length_m, inside


def _clipped_to_boxes(
    polygons: npt.NDArray[np.object_],
    poly_j: npt.NDArray[np.intp],
    boxes: npt.NDArray[np.float64],
) -> npt.NDArray[np.object_]:
    """``polygons[poly_j]`` each clipped to its box (xmin, ymin, xmax, ymax), through the
    cells of a :data:`_CLIP_CELL_DEG` grid: clipping walks every vertex of the polygon, so
    each country is clipped once to each block of cells its crossing lines fall in, and that
    small piece to each line's box (the same area: the box lies inside its block)."""
    blocks = np.column_stack([np.floor(boxes[:, :2] / _CLIP_CELL_DEG),
                              np.ceil(boxes[:, 2:] / _CLIP_CELL_DEG)]) * _CLIP_CELL_DEG
    keys, block_of = np.unique(np.column_stack([poly_j, blocks]), axis=0, return_inverse=True)
    coarse = [shapely.clip_by_rect(polygons[int(key[0])], *key[1:]) for key in keys.tolist()]
    return np.array(
        [shapely.clip_by_rect(coarse[block], *box)
         for block, box in zip(block_of.reshape(-1).tolist(), boxes.tolist(), strict=True)],
        dtype=object,
    )


def _cut_lengths_m(
    dense: npt.NDArray[np.object_],
    polygons: npt.NDArray[np.object_],
    line_i: npt.NDArray[np.intp],
    poly_j: npt.NDArray[np.intp],
    settings: Settings,
) -> npt.NDArray[np.float64]:
    """Geodesic length (m) of each line ``line_i`` inside polygon ``poly_j``."""
    if line_i.size == 0:
        return np.zeros(0)
    # Clip each country to the line's box first: intersecting a line with all of Russia
    # costs far more than with the few hundred vertices near the line. The box is padded so
    # that a line along a meridian or a parallel (a box of zero width or height, which GEOS
    # refuses) still has one; the padding is far below coordinate precision and the line
    # stays wholly inside the box, so the result is unchanged.
    line_bounds = shapely.bounds(dense)[line_i] + np.array([-1, -1, 1, 1]) * _BOX_PAD_DEG
    clipped = _clipped_to_boxes(polygons, poly_j, line_bounds)
    pieces = shapely.intersection(dense[line_i], clipped)
    return np.nan_to_num(geodesic_lengths_m(pieces, settings))
