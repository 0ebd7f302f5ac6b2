"""Values of the right JSON type but no sense: a published length of 1e308 km (which made the
delta ``inf`` with numpy warnings on stderr), of 1e-300 km (a delta of 7e302 %), and catalog
words given as an object or a list. Each is one line naming the feature and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.io.userdata import validate_geojson
from caspian.layers.metrics import metrics_frame
from hostile_support import LINE, one_error_line, run, user_file

READERS = [("metrics", "--file"), ("validate",)]

ABSURD_LENGTHS = [
    (1e308, "published_length_km is 1e+308; it must be between 0.001 and 1e+06 km"),
    (1e-300, "published_length_km is 1e-300; it must be between 0.001 and 1e+06 km"),
    ([{"value": 1e308}], "published_length_km[0].value is 1e+308; it must be between"),
    ([{"value": 100, "by_country_km": {"AZE": 1e300}}],
     "published_length_km[0].by_country_km.AZE is 1e+300; it must be between 0 and 1e+06 km"),
]


@pytest.mark.parametrize("published, expected", ABSURD_LENGTHS)
@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader[0])
def test_an_absurd_published_length_is_one_line_without_warnings(
        tmp_path: Path, reader: tuple[str, ...], published: Any, expected: str) -> None:
    path = user_file(tmp_path, {"published_length_km": published}, feature_id="leg")
    result = run(*reader, str(path))
    if reader[0] == "validate":  # validate reports on stdout, exit 2
        assert result.returncode == 2 and result.stderr == b""
        lines = result.stdout.decode().splitlines()
        assert len(lines) == 1
        line = lines[0]
    else:
        line = one_error_line(result)  # one line is all of stderr: no RuntimeWarning
    assert "feature 0 (id 'leg')" in line and expected in line
    assert "inf" not in line.replace("info", "")


@pytest.mark.parametrize("published", [0.001, 1768, 1_000_000])
def test_published_lengths_at_the_bounds_are_compared(tmp_path: Path, published: float) -> None:
    path = user_file(tmp_path, {"published_length_km": published})
    result = run("metrics", "--file", str(path), "--format", "json")
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    (row,) = json.loads(result.stdout)
    assert row["published_km"] == published
    assert row["delta_km"] == pytest.approx(row["length_km"] - published)


def test_a_frame_with_an_absurd_published_length_is_refused_by_the_library_too() -> None:
    frame = geopandas.GeoDataFrame({"published_length_km": [1e308]},
                                   geometry=[shapely.geometry.shape(LINE)], crs="EPSG:4326")
    with pytest.raises(InputError, match=r"published_length_km is 1e\+308; it must be between"):
        metrics_frame(frame)


@pytest.mark.parametrize(
    "properties, expected",
    [
        ({"status": {"state": "operating"}}, "properties.status is an object, not a string"),
        ({"kind": ["pipeline", "railway"]}, "properties.kind is a list of 2, not a string"),
        ({"mode": {"rail": True}}, "properties.mode is an object, not a string"),
        ({"geometry_accuracy": [1]}, "properties.geometry_accuracy is a list of 1, not a string"),
        ({"name": {"en": "BTC"}}, "properties.name is an object, not a string, a number or null"),
    ],
)
def test_a_catalog_word_of_the_wrong_shape_is_refused_naming_feature_and_field(
        tmp_path: Path, properties: dict[str, Any], expected: str) -> None:
    path = user_file(tmp_path, properties, feature_id="leg")
    for reader in (("metrics", "--file"), ("map", "aktau_port", "-o", "/dev/null", "--add")):
        line = one_error_line(run(*reader, str(path)))
        assert "feature 0 (id 'leg')" in line and expected in line, line


@pytest.mark.parametrize("properties", [{"status": "in service"}, {"kind": "ferry"},
                                        {"name": 17}, {"name": None, "status": None}])
def test_own_words_and_numbered_names_stay_accepted(properties: dict[str, Any]) -> None:
    feature = {"type": "Feature", "properties": properties, "geometry": LINE}
    assert validate_geojson(json.dumps(feature).encode()) == []
