"""The built wheel: namespace layout, package data, and use from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from caspian.layers.catalog.citations import REFERENCE_SHEET, cited_package_files
from caspian.layers.catalog.loading import load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("caspian_gis-*.whl")
    return path


def test_wheel_installs_only_the_caspian_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {
        name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")
    }
    assert top_levels == {"caspian"}
    assert "caspian/__init__.py" not in names  # a namespace package
    for package in ("geo", "layers", "maps", "seeds"):
        assert f"caspian/{package}/__init__.py" in names


def test_wheel_carries_seeds_manifest_and_catalog(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))
    assert {f"caspian/seeds/{name}" for name in seeds} <= names
    assert "caspian/seeds/manifest.json" in names
    layer_ids = json.loads((ROOT / "layers/data/catalog.json").read_text(encoding="utf-8"))[
        "layers"
    ]
    assert {f"caspian/layers/data/{layer_id}.geojson" for layer_id in layer_ids} <= names
    assert "caspian/geo/py.typed" in names


def test_wheel_carries_the_region_borders_and_their_provenance(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "caspian/layers/data/borders/osm_region_borders.gpkg" in names
    assert "caspian/layers/data/borders/osm_region_borders.json" in names


def test_wheel_carries_every_file_the_catalog_cites(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    cited = {path for layer in load_catalog().values() for source in layer.sources.values()
             for path in cited_package_files(source)}
    assert REFERENCE_SHEET in cited
    assert cited <= names, cited - names


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [name for name in archive.namelist() if name.endswith("entry_points.txt")]
    assert "caspian = caspian.maps.cli.entry:run" in archive.read(entry_points).decode()


def test_unpacked_wheel_lists_all_layers_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import caspian.layers.catalog.loading as c, sys\n"
        "print(c.__file__)\n"
        "from caspian.maps.cli.main import main\n"
        "sys.argv = ['caspian', 'layers', '--format', 'json']\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    module_file, _, listing = result.stdout.partition("\n")
    assert module_file.startswith(str(site))
    rows = json.loads(listing)
    index = json.loads((ROOT / "layers/data/catalog.json").read_text(encoding="utf-8"))
    assert [row["id"] for row in rows] == index["layers"]
    assert len(rows) == 9
