"""``metrics --file F --workers N``: parts of a GeoParquet file measured on a local dask
cluster (started here, on the loopback interface only) equal the single-process result."""

from __future__ import annotations

from pathlib import Path

import geopandas
import numpy as np
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.metrics import file_metrics
from caspian.layers.partitioned import cluster_file_metrics, file_parts, partitioned_frame

pytest.importorskip("distributed", reason="the optional extra caspian-gis[scale]")


def _ways(n: int) -> geopandas.GeoDataFrame:
    """``n`` ways of 20 vertices walking east across 44–52° E at 38–46° N (Azerbaijan, Iran,
    Armenia, Georgia, the Caspian, Kazakhstan): some cross a border or the coast."""
    rng = np.random.default_rng(7)
    starts = np.column_stack([rng.uniform(44, 52, n), rng.uniform(38, 46, n)])
    steps = np.cumsum(rng.normal([0.01, 0.0], 0.01, (n, 19, 2)), axis=1)
    coords = np.concatenate([starts[:, None], starts[:, None] + steps], axis=1)
    return geopandas.GeoDataFrame(
        {"name": [f"way {i}" for i in range(n)]},
        geometry=shapely.linestrings(coords.reshape(-1, 2), indices=np.repeat(np.arange(n), 20)),
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def partitioned_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parts") / "ways.parquet"
    _ways(300).to_parquet(path, row_group_size=50)
    return path


def test_parts_cover_every_row_group_once_numbered_as_in_the_file(partitioned_file: Path) -> None:
    parts = file_parts(str(partitioned_file), rows_per_part=100)
    assert [(part.row_groups, part.first_row) for part in parts] == [
        ((0, 1), 0), ((2, 3), 100), ((4, 5), 200)]


def test_parts_are_the_partitions_of_a_dask_geopandas_frame(partitioned_file: Path) -> None:
    dask_geopandas = pytest.importorskip("dask_geopandas")
    frame = partitioned_frame(file_parts(str(partitioned_file), rows_per_part=100))
    assert isinstance(frame, dask_geopandas.GeoDataFrame)
    assert frame.npartitions == 3
    second = frame.get_partition(1).compute(scheduler="sync")
    assert second["id"].tolist() == list(range(100, 200))  # numbered as in the whole file
    assert second.crs == "EPSG:4326"


def test_local_cluster_equals_one_process_to_the_metre(partitioned_file: Path) -> None:
    single = file_metrics(partitioned_file, by_country=True)
    cluster = cluster_file_metrics(str(partitioned_file), by_country=True, workers=2,
                                   rows_per_part=100)  # three partitions
    assert cluster["feature"].tolist() == single["feature"].tolist() == [
        str(i) for i in range(300)]
    assert np.array_equal(cluster["length_km"].round(3), single["length_km"].round(3))
    assert cluster["by_country_km"].tolist() == single["by_country_km"].tolist()
    assert any("sea" in row and row["sea"] > 0 for row in single["by_country_km"])
    assert any(len(row) > 2 for row in single["by_country_km"])  # a border crossed


def test_a_glob_of_files_keeps_each_file_as_its_layer(tmp_path: Path) -> None:
    ways = _ways(30)
    ways.iloc[:20].to_parquet(tmp_path / "a.parquet", row_group_size=10)
    ways.iloc[20:].reset_index(drop=True).to_parquet(tmp_path / "b.parquet")
    cluster = cluster_file_metrics(str(tmp_path / "*.parquet"), workers=1, rows_per_part=10)
    assert cluster["layer"].tolist() == ["a"] * 20 + ["b"] * 10
    assert cluster["feature"].tolist() == [str(i) for i in range(20)] + [
        str(i) for i in range(10)]
    expected_km = file_metrics(tmp_path / "b.parquet")["length_km"].round(3).tolist()
    assert cluster["length_km"].round(3).tolist()[20:] == expected_km


def test_a_glob_that_matches_nothing_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no file matches; check the pattern"):
        file_parts(str(tmp_path / "*.parquet"))


def test_workers_refuse_a_format_they_cannot_cut(tmp_path: Path) -> None:
    path = tmp_path / "ways.gpkg"
    _ways(3).to_file(path)
    with pytest.raises(InputError, match=r"workers= reads GeoParquet files"):
        file_parts(str(path))


def test_a_bad_feature_on_a_worker_is_one_error_without_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.parquet"
    lines = [shapely.LineString([(50, 40), (51, 41)]), shapely.LineString([(50, 40), (51, 95)])]
    geopandas.GeoDataFrame({"name": ["a", "b"]}, geometry=lines, crs="EPSG:4326").to_parquet(path)
    with pytest.raises(InputError, match=r"bad\.parquet: feature 1: position 1 has latitude 95"):
        cluster_file_metrics(str(path), workers=1)
    assert "Traceback" not in capfd.readouterr().err  # the workers' logs stay quiet
