"""The shortcuts that bring ``metrics --file`` to its floor give what the plain paths give:
the table built column by column, ``Geod.inv`` in slices on threads, countries clipped through
grid blocks, accuracy classes of whole features without row dicts."""

from __future__ import annotations

import math

import geopandas
import numpy as np
import pandas
import pyproj
import shapely
from caspian.geo.countries import _clipped_to_boxes
from caspian.geo.geodesy import GEOD, _inverse_in_threads, segment_arrays
from caspian.layers.catalog.accuracy import accuracy_columns, whole_accuracy_columns
from caspian.layers.metrics import metrics_frame
from caspian.maps.cli.formatting import render_table, render_table_columns
from caspian.maps.cli.metrics import _country_columns, _country_rows
from hypothesis import given, settings
from hypothesis import strategies as st

FLOATS = st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-1e7, max_value=1e7))
TEXTS = st.one_of(st.none(), st.text(max_size=6))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(FLOATS, TEXTS), min_size=1, max_size=12))
def test_a_table_of_float_arrays_is_the_table_of_rows(rows: list[tuple[float | None, str | None]]
                                                      ) -> None:
    as_rows = [{"km": None if km is None or math.isnan(km) else km, "name": name}
               for km, name in rows]
    columns = {"km": np.array([math.nan if km is None else km for km, _ in rows]),
               "name": [name for _, name in rows]}
    assert render_table_columns(columns) == render_table(as_rows, ["km", "name"])


def test_a_table_pads_text_left_and_numbers_right_and_strips_each_line_end() -> None:
    table = render_table_columns({"name": ["Баку", "Aktau", None], "km": [1.25, None, 1234.5],
                                  "n": [1, 22, None], "note": [None, "x ", None]})
    assert table.split("\n") == [
        "name        km   n  note",
        "-----  -------  --  ----",
        "Баку       1.2   1",
        "Aktau           22  x",
        "       1,234.5",
    ]


def test_text_with_a_terminal_escape_is_escaped_in_the_column_path() -> None:
    table = render_table_columns({"name": ["plain", "\x1b[2Jred"]})
    assert "\x1b" not in table and "\\x1b[2Jred" in table


def test_geod_inv_in_slices_on_threads_gives_the_same_numbers() -> None:
    rng = np.random.default_rng(3)
    coords = np.column_stack([rng.uniform(-180, 180, 1001), rng.uniform(-89, 89, 1001)])
    segments = segment_arrays(shapely.linestrings(coords))
    azimuths_deg, dist_m = _inverse_in_threads(GEOD, segments, per_thread=100)
    expected_az, _, expected_m = GEOD.inv(segments.lons1, segments.lats1, segments.lons2,
                                          segments.lats2)
    assert np.array_equal(dist_m, expected_m) and np.array_equal(azimuths_deg, expected_az)
    assert _inverse_in_threads(pyproj.Geod(ellps="WGS84"), segment_arrays([]))[1].size == 0


def test_a_country_clipped_through_grid_blocks_is_clipped_to_each_box() -> None:
    country = shapely.Polygon([(44.1, 38.3), (52.7, 39.9), (50.2, 46.4), (45.5, 43.0)])
    rng = np.random.default_rng(11)
    lows = np.column_stack([rng.uniform(43, 52, 40), rng.uniform(37, 46, 40)])
    boxes = np.column_stack([lows, lows + rng.uniform(0.01, 3.0, (40, 2))])
    clipped = _clipped_to_boxes(np.array([country]), np.zeros(40, dtype=np.intp), boxes)
    direct = [shapely.clip_by_rect(country, *box) for box in boxes.tolist()]
    assert np.allclose(shapely.area(clipped), shapely.area(direct), rtol=1e-12, atol=1e-15)
    assert any(0 < area < shapely.area(shapely.box(*box))
               for area, box in zip(shapely.area(clipped), boxes.tolist(), strict=True))


def test_whole_features_take_their_length_in_their_own_class() -> None:
    length_km = np.array([10.0, 4.0, math.nan, 2.5])
    own = ["traced", None, "schematic", ["not", "a", "class"]]
    columns = whole_accuracy_columns(own, length_km)
    assert columns["traced_km"][0] == 10.0 and columns["traced_pct"][0] == 100.0
    assert columns["schematic_km"][0] == 0.0
    assert math.isnan(columns["schematic_km"][2])
    # no class, or no class name: unknown in every column, not "0 % traced"
    for row in (1, 3):
        assert all(math.isnan(values[row]) for values in columns.values())
    lines = [shapely.LineString([(50, 40), (50.1, 40)])] * 4
    rows = accuracy_columns([{"geometry_accuracy": value} for value in own], lines, length_km)
    for key, values in rows.items():
        assert np.array_equal(values, columns[key], equal_nan=True), key


def test_a_user_file_with_accuracy_classes_puts_each_length_in_its_class() -> None:
    frame = geopandas.GeoDataFrame(
        {"geometry_accuracy": ["waypoints", "hypothetical"]},
        geometry=[shapely.LineString([(50, 40), (50.1, 40)]),
                  shapely.LineString([(51, 41), (51, 41.2)])], crs="EPSG:4326")
    metrics = metrics_frame(frame)
    assert metrics["waypoints_km"].tolist()[0] == metrics["length_km"].tolist()[0] > 8
    assert metrics["hypothetical_km"].tolist() == [0.0, metrics["length_km"].tolist()[1]]


def _country_rows_one_by_one(frame: pandas.DataFrame) -> list[dict[str, object]]:
    """The rows by country as the specification states them, row by row."""
    rows = []
    for record in frame.to_dict("records"):
        split, nearest = record["by_country_km"], record["sea_nearest_state_km"]
        published = record["published_by_country_km"] or {}
        for code, km in (split if isinstance(split, dict) else {}).items():
            if code == "sea" and not km:
                continue
            figure = published.get(code)
            length_km = round(km, 3)
            delta = None if figure is None else round(length_km - figure, 3)
            rows.append({"layer": record["layer"], "feature": record["feature"],
                         "country": code, "length_km": length_km, "published_km": figure,
                         "delta_km": delta,
                         "delta_pct": None if figure is None else round(
                             100 * (length_km - figure) / figure, 1),
                         "basis": "in no country" if code == "sea" else "test borders"})
        for code, km in (nearest if isinstance(nearest, dict) else {}).items():
            rows.append({"layer": record["layer"], "feature": record["feature"],
                         "country": f"sea~{code}", "length_km": round(km, 3),
                         "published_km": None, "delta_km": None, "delta_pct": None,
                         "basis": "Caspian, nearest littoral state (approximation)"})
    return rows


def test_the_rows_by_country_built_flat_are_those_of_each_feature_in_turn(monkeypatch) -> None:
    class Borders:
        def basis(self, code: str) -> str:
            return "test borders"

    monkeypatch.setattr("caspian.maps.cli.metrics.border_source", Borders)
    frame = pandas.DataFrame({
        "layer": ["net"] * 4,
        "feature": ["a", "b", "c", "d"],
        # Halves of a metre (0.0125, 1.0005) round to even as round() rounds them.
        "by_country_km": [{"KAZ": 1.0005, "UZB": 2.0125, "sea": 0.0}, None,
                          {"AZE": 440.25, "sea": 3.5}, {"RUS": 7.0, "sea": 0.0}],
        "sea_nearest_state_km": [{}, None, {"AZE": 2.0, "KAZ": 1.5}, {}],
        "published_by_country_km": [None, None, {"AZE": 443.0}, {"KAZ": 1.0}],
    })
    expected = _country_rows_one_by_one(frame)
    assert [row["country"] for row in expected] == [
        "KAZ", "UZB", "AZE", "sea", "sea~AZE", "sea~KAZ", "RUS"]
    assert _country_rows(frame) == expected
    assert render_table_columns(_country_columns(frame, numbers="arrays")) == render_table(
        expected)
