"""Lines across ±180°: cut there for drawing, and split by every country they reach, whichever
side of the antimeridian it lies on (Natural Earth 10 m)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from caspian.geo.antimeridian import fold_lines, split_at_antimeridian, unwrap_lines
from caspian.geo.countries import split_by_country
from caspian.geo.geodesy import geodesic_lengths_km
from caspian.layers.boundaries import country_index


def _line_from_the_antimeridian_to(lon: float, lat: float) -> shapely.LineString:
    """A line along the parallel from the antimeridian to (lon, lat), written in [-180, 180]
    as a user would: starting just across ±180 and stepping towards the point the long way,
    so that its unwrapped longitudes reach ``lon ± 360``."""
    if lon >= 0:  # reach an eastern-hemisphere place from the west side of the antimeridian
        start = -179.5
        unwrapped = np.linspace(start, lon - 360.0, 40)
    else:
        start = 179.5
        unwrapped = np.linspace(start, lon + 360.0, 40)
    wrapped = (unwrapped + 180.0) % 360.0 - 180.0
    wrapped[-1] = lon
    return shapely.LineString(np.column_stack([wrapped, np.full(wrapped.size, lat)]))


def test_every_country_is_met_by_a_line_that_reaches_it_across_the_antimeridian() -> None:
    index = country_index()
    codes, first = np.unique(index.codes, return_index=True)
    points = shapely.point_on_surface(index.polygons[first])
    xs, ys = shapely.get_x(points), shapely.get_y(points)
    # Lines near the poles bend far from their parallel; the end point is what must count.
    lines = [_line_from_the_antimeridian_to(x, y) for x, y in zip(xs, ys, strict=True)]
    split = split_by_country(lines, index)
    missed = [code for code, row in zip(codes, split.by_country_km, strict=True)
              if not row.get(code, 0) > 0]
    assert missed == [], f"{len(missed)} of {len(codes)} countries missed: {missed[:20]}"


@pytest.mark.parametrize(
    "coordinates, expected",
    [
        ([[-176.5, -43.95], [174.76, -36.85]], {"NZL"}),       # Chatham Islands to Auckland
        ([[158.6, 53.0], [-123.1, 49.3]], {"RUS", "USA", "CAN"}),  # Kamchatka to Vancouver
        ([[-123.1, 49.3], [139.7, 35.7]], {"CAN", "USA", "JPN"}),  # Vancouver to Tokyo
        ([[178.44, -18.14], [-175.2, -21.14]], {"FJI", "TON"}),    # Suva to Nuku'alofa
    ],
)
def test_pacific_lines_are_split_into_the_countries_on_both_sides(coordinates: list[list[float]],
                                                                   expected: set[str]) -> None:
    line = shapely.LineString(coordinates)
    (row,) = split_by_country([line], country_index()).by_country_km
    assert expected <= {code for code, km in row.items() if km > 0 and code != "sea"}
    assert sum(row.values()) == pytest.approx(geodesic_lengths_km([line])[0], rel=1e-6)


def test_splitting_keeps_a_densified_length_to_the_metre() -> None:
    line = shapely.LineString(np.column_stack([np.linspace(170, 190, 200), np.zeros(200)]))
    wrapped = shapely.LineString(np.column_stack([(np.linspace(170, 190, 200) + 180) % 360 - 180,
                                                  np.zeros(200)]))
    (folded,) = split_at_antimeridian([wrapped])
    assert folded.geom_type == "MultiLineString" and len(folded.geoms) == 2
    assert geodesic_lengths_km([folded])[0] == pytest.approx(
        geodesic_lengths_km([line])[0], abs=1e-3)


def test_unwrap_then_fold_is_identity_for_lines_inside_the_range() -> None:
    lines = [shapely.LineString([(49.8, 40.4), (51.2, 43.6)]), shapely.Point(0, 0), None]
    assert list(fold_lines(unwrap_lines(lines))) == lines


def test_a_line_that_circles_the_globe_is_cut_at_each_crossing() -> None:
    (line,) = split_at_antimeridian([shapely.LineString(
        [(100, 10), (-100, 10), (-20, 10), (60, 10), (140, 10), (-140, 10)])])
    assert len(line.geoms) == 3
    assert shapely.bounds(line)[[0, 2]].tolist() == [-180.0, 180.0]
