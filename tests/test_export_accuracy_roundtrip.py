"""Our own export handed back: ``caspian metrics --file`` of a GeoJSON or GeoPackage export
gives the catalog's kilometres per accuracy class, because the export keeps each line's
stretches as vertex ranges (``accuracy_stretches``); a line edited since is measured as a
whole, said in one line."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import pytest
import shapely
from caspian.layers.catalog.accuracy import accuracy_km, accuracy_stretches
from caspian.layers.catalog.loading import load_catalog
from caspian.layers.export.layers import export_layers
from caspian.layers.metrics import catalog_metrics, file_metrics
from cli_support import run_cli

#: WGS84, as the metrics use it.
GEOD = pyproj.Geod(ellps="WGS84")

#: The columns of the measure by accuracy class, rounded as the command line prints them.
CLASS_COLUMNS = ["surveyed_km", "traced_km", "waypoints_km", "schematic_km", "hypothetical_km"]


@pytest.fixture(scope="module")
def catalog() -> dict[tuple[str, str], dict[str, float]]:
    metrics = catalog_metrics(by_country=False)
    lines = metrics[metrics["length_km"] > 0]
    return {(row["layer"], row["feature"]): {name: round(row[name], 3) for name in CLASS_COLUMNS}
            for _, row in lines.iterrows()}


def _by_class(path: Path) -> dict[tuple[str, str], dict[str, float]]:
    metrics = file_metrics(path)
    lines = metrics[metrics["length_km"] > 0]
    return {(row["layer"], row["feature"]): {name: round(row[name], 3) for name in CLASS_COLUMNS}
            for _, row in lines.iterrows()}


@pytest.mark.parametrize("fmt, suffix", [("geojson", ".geojson"), ("gpkg", ".gpkg")])
def test_an_export_measures_by_class_as_the_catalog_to_the_metre(
    fmt: str, suffix: str, tmp_path: Path, catalog: dict[tuple[str, str], dict[str, float]]
) -> None:
    (path,) = export_layers(fmt, tmp_path / f"caspian{suffix}")
    assert _by_class(path) == catalog
    # BTC, whose first segment joins the Sangachal terminal to the OpenStreetMap trace, was all
    # "traced" when read back before the export carried its stretches
    assert catalog[("btc_pipeline", "btc")]["waypoints_km"] > 0


def test_the_stretches_survive_a_save_as_through_pyogrio(
    tmp_path: Path, catalog: dict[tuple[str, str], dict[str, float]]
) -> None:
    # as a QGIS user saves a GeoPackage layer as GeoJSON: the text attribute goes along
    (gpkg,) = export_layers("gpkg", tmp_path / "caspian.gpkg", ["btc_pipeline"])
    frame = pyogrio.read_dataframe(gpkg, layer="btc_pipeline")
    saved = tmp_path / "btc saved.geojson"
    pyogrio.write_dataframe(frame, saved, driver="GeoJSON")
    assert _by_class(saved) == {key: value for key, value in catalog.items()
                                if key[0] == "btc_pipeline"}


def test_the_stretches_are_vertex_ranges_of_the_catalog_stretches(tmp_path: Path) -> None:
    (path,) = export_layers("geojson", tmp_path / "btc.geojson", ["btc_pipeline"])
    (feature,) = [feature for feature in json.loads(path.read_text(encoding="utf-8"))["features"]
                  if feature["properties"]["feature"] == "btc"]
    ranges = json.loads(feature["properties"]["accuracy_stretches"])
    (btc,) = [feature for feature in load_catalog(["btc_pipeline"])["btc_pipeline"].features
              if feature["id"].endswith("btc")]
    stretches = accuracy_stretches(btc["properties"], shapely.geometry.shape(btc["geometry"]))
    assert [entry[0] for entry in ranges] == [stretch.accuracy for stretch in stretches]
    assert [entry[2] - entry[1] + 1 for entry in ranges] == [
        len(stretch.coordinates) for stretch in stretches]
    assert ranges[0][1] == 0
    assert ranges[-1][2] == len(feature["geometry"]["coordinates"]) - 1


def test_a_line_edited_after_the_export_is_measured_whole_and_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (path,) = export_layers("geojson", tmp_path / "btc.geojson", ["btc_pipeline"])
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = [feature for feature in doc["features"]
                       if feature["properties"]["feature"] == "btc"]
    doc["features"][0]["geometry"]["coordinates"].pop()  # a vertex deleted in QGIS
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="caspian"):
        (row,) = file_metrics(path).to_dict(orient="records")
    assert row["traced_km"] == pytest.approx(row["length_km"], abs=1e-6)  # its own class, whole
    assert row["waypoints_km"] == 0.0
    assert [record.getMessage() for record in caplog.records] == [
        "feature 'btc_pipeline/btc': accuracy_stretches does not fit the line (vertices added "
        "or removed since the export?), so its whole length counts in its geometry_accuracy "
        "class; remove that property, or export the line again"]


@pytest.mark.parametrize("stretches", [
    "[" * 100_000,  # before: a RecursionError traceback from json.loads
    "not json", [["traced", 0, True]], [["traced", 0, 1.0]], [["paved", 0, 1]], {"traced": 1},
    [["traced", 1, 0]], [["traced", 0, 1], ["schematic", 0, 1]], [],
])
def test_stretches_of_another_shape_leave_the_line_whole_and_are_said(
    stretches: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.geojson"
    path.write_text(json.dumps({"type": "Feature", "id": "mine", "properties": {
        "geometry_accuracy": "schematic", "accuracy_stretches": stretches}, "geometry": {
        "type": "LineString", "coordinates": [[49.407, 39.948], [49.6, 40.1]]}}))
    code, out, err = run_cli(["metrics", "--file", str(path), "--format", "json"], capsys)
    assert code == 0
    (row,) = json.loads(out)
    assert (row["schematic_km"], row["traced_km"]) == (row["length_km"], 0.0)
    assert err.startswith(
        "caspian: feature 'hostile/mine': accuracy_stretches does not fit the line")


def test_a_range_per_segment_rates_each_segment_by_its_own_range() -> None:
    # as many ranges as segments: checked at once (by a difference array), not range by range
    # over every segment, which took their product in time (200,000 of each: minutes)
    lons, lats = np.linspace(45.0, 50.0, 1_001), np.linspace(40.0, 41.0, 1_001)
    line = shapely.LineString(np.column_stack([lons, lats]))
    ranges = [["traced" if start % 2 else "waypoints", start, start + 1]
              for start in range(1_000)]
    ranges.reverse()  # in any order
    km = accuracy_km({"geometry_accuracy": "schematic", "accuracy_stretches": ranges}, line)
    _, _, dist_m = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    assert km["traced_km"] == pytest.approx(dist_m[1::2].sum() / 1000, abs=1e-6)
    assert km["waypoints_km"] == pytest.approx(dist_m[0::2].sum() / 1000, abs=1e-6)
    assert km["schematic_km"] == 0.0
