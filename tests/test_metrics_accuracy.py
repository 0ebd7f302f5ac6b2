"""Metrics and exports say which kilometres of each line are traced, waypoints or schematic."""

from __future__ import annotations

import json

import pytest
from caspian.layers.catalog.accuracy import ACCURACY_COLUMNS
from caspian.layers.export.layers import COLUMNS, to_geodataframe
from caspian.layers.metrics import METRIC_COLUMNS, catalog_metrics, file_metrics

_KM = ("surveyed_km", "traced_km", "waypoints_km", "schematic_km", "hypothetical_km")


@pytest.fixture(scope="module")
def corridor():
    metrics = catalog_metrics(["middle_corridor"], by_country=False)
    return metrics.set_index("feature")


def test_accuracy_columns_come_after_the_existing_metric_columns() -> None:
    assert METRIC_COLUMNS[-len(ACCURACY_COLUMNS):] == ACCURACY_COLUMNS
    assert METRIC_COLUMNS[:16][-1] == "sea_nearest_state_km"


def test_btk_metrics_split_its_length_by_accuracy(corridor) -> None:
    btk = corridor.loc["btk"]
    assert btk["traced_km"] == pytest.approx(665.5, abs=0.05)
    assert btk["waypoints_km"] == pytest.approx(66.4, abs=0.05)  # Turkish station nodes
    assert btk["schematic_km"] == pytest.approx(1.7, abs=0.05)  # from the Ələt point
    assert sum(btk[key] for key in _KM) == pytest.approx(btk["length_km"], rel=1e-12)
    assert btk["traced_pct"] == pytest.approx(100 * 665.5 / btk["length_km"], abs=0.01)


def test_the_sea_leg_is_schematic_over_its_whole_length(corridor) -> None:
    sea = corridor.loc["aktau-alat"]
    assert sea["schematic_km"] == pytest.approx(sea["length_km"])
    assert sea["traced_pct"] == 0.0


def test_a_user_file_line_is_rated_by_its_own_class(tmp_path) -> None:
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"geometry_accuracy": "traced"},
         "geometry": {"type": "LineString", "coordinates": [[50, 40], [51, 40]]}},
        {"type": "Feature", "properties": {},
         "geometry": {"type": "Point", "coordinates": [50, 40]}},
    ]}), encoding="utf-8")
    metrics = file_metrics(path)
    line, point = metrics.to_dict(orient="records")
    assert line["traced_km"] == pytest.approx(line["length_km"])
    assert line["traced_pct"] == pytest.approx(100)
    assert point["length_km"] == 0 and all(point[key] == 0 for key in _KM)


def test_exports_carry_the_accuracy_columns_before_the_geometry() -> None:
    assert COLUMNS[-len(ACCURACY_COLUMNS) - 1:-1] == ACCURACY_COLUMNS
    frame = to_geodataframe(["middle_corridor"]).set_index("feature")
    zhezkazgan = frame.loc["zhezkazgan-mangyshlak"]
    assert zhezkazgan["traced_km"] == pytest.approx(1056.8, abs=0.05)
    assert zhezkazgan["waypoints_km"] == pytest.approx(517.2, abs=0.05)  # with Shalkar's call
    assert zhezkazgan["traced_pct"] == pytest.approx(67.1, abs=0.05)
