"""The country index is built once and kept in the cache folder: what a later process reads
back splits every line exactly as the index it was built from."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import shapely
from caspian.geo.countries import split_by_country
from caspian.layers import boundaries
from caspian.layers.catalog.loading import catalog_frame


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no index held by this process before or after."""
    monkeypatch.setenv("CASPIAN_CACHE_DIR", str(tmp_path))
    boundaries.country_index.cache_clear()
    yield tmp_path / "country-index"
    boundaries.country_index.cache_clear()


def test_index_read_from_the_cache_splits_like_the_built_one(own_cache: Path) -> None:
    built = boundaries.country_index()
    (cached_file,) = own_cache.glob("index-*.npz")
    boundaries.country_index.cache_clear()
    read = boundaries.country_index()
    assert read is not built
    assert read.codes.tolist() == built.codes.tolist()
    assert shapely.equals_exact(read.polygons, built.polygons, 0.0).all()
    assert read.littoral_codes == built.littoral_codes == ("AZE", "IRN", "KAZ", "RUS", "TKM")
    assert shapely.equals_exact(read.caspian_zones, built.caspian_zones, 0.0).all()
    assert shapely.equals_exact(read.caspian, built.caspian, 0.0)
    assert read.overlapping.tolist() == built.overlapping.tolist()
    assert read.dry.tolist() == built.dry.tolist()
    lines = catalog_frame().geometry.values
    ours, theirs = split_by_country(lines, read), split_by_country(lines, built)
    assert ours.by_country_km == theirs.by_country_km
    assert ours.sea_nearest_state_km == theirs.sea_nearest_state_km
    assert cached_file.stat().st_size > 1_000_000  # every polygon of Natural Earth 10 m


def test_an_unreadable_cache_file_is_rebuilt_with_a_warning(
    own_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = own_cache / f"index-{boundaries._index_key()}.npz"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 not a zip")
    with caplog.at_level(logging.WARNING, logger="caspian.layers.boundaries"):
        index = boundaries.country_index()
    assert "unreadable" in caplog.text and str(path) in caplog.text
    assert "KAZ" in set(index.codes.tolist())
    assert np.load(path, allow_pickle=False)["codes"].tolist() == index.codes.tolist()
