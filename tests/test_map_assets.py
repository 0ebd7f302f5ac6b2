"""The committed map assets (maps/assets/vendor) are exactly what `npm ci` installs."""

from __future__ import annotations

from pathlib import Path

import pytest
from caspian.maps import asset_files
from caspian.maps.offline import ASSETS, ASSETS_DIR, FILES_DIR, locked_versions

NODE_MODULES = ASSETS_DIR / "node_modules"


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if not (NODE_MODULES / ".package-lock.json").is_file():
        # `make test` runs `npm ci` first; without it this comparison cannot be made.
        pytest.fail(f"{NODE_MODULES} is missing: run `make assets` (npm ci) first")
    return NODE_MODULES


def test_committed_files_match_their_manifest() -> None:
    assert asset_files.manifest_problems() == []


def test_manifest_records_the_current_lockfile_and_its_versions() -> None:
    manifest = asset_files.read_manifest()
    assert manifest["package-lock.json sha256"] == asset_files.sha256(
        ASSETS_DIR / "package-lock.json"
    )
    versions = locked_versions()
    packages = manifest["packages"]
    assert isinstance(packages, dict)
    assert {name: entry["version"] for name, entry in packages.items()} == {
        asset.package: versions[asset.package] for asset in ASSETS
    }


def test_committed_files_are_the_needed_files_of_npm_ci(node_modules: Path) -> None:
    needed = asset_files.needed_files(node_modules)
    committed = asset_files.read_manifest()["packages"]
    assert isinstance(committed, dict)
    listed = sorted((pkg, path) for pkg, entry in committed.items() for path in entry["files"])
    assert listed == needed


def test_committed_files_are_byte_for_byte_npm_ci_output(node_modules: Path) -> None:
    differing = [
        f"{package}/{path}"
        for package, path in asset_files.needed_files(node_modules)
        if (FILES_DIR / package / path).read_bytes()
        != (node_modules / package / path).read_bytes()
    ]
    assert differing == [], "run `make update-assets` and commit maps/assets/vendor"


def test_every_package_ships_its_licence(node_modules: Path) -> None:
    licensed = {package for package, path in asset_files.needed_files(node_modules)
                if "/" not in path and "lic" in path.lower()}
    assert licensed == {asset.package for asset in ASSETS}


def test_a_tampered_file_is_reported(tmp_path: Path, node_modules: Path) -> None:
    files_dir = tmp_path / "vendor"
    asset_files.copy_files(node_modules, files_dir)
    assert asset_files.manifest_problems(files_dir) == []
    (files_dir / "leaflet" / "dist" / "leaflet.js").write_text("alert(1)", encoding="utf-8")
    (files_dir / "leaflet" / "extra.js").write_text("", encoding="utf-8")
    assert asset_files.manifest_problems(files_dir) == [
        "leaflet/dist/leaflet.js does not match its sha256 in the manifest",
        "leaflet/extra.js is not in the manifest",
    ]


def test_update_without_npm_ci_names_the_command_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "vendor"
    assert asset_files.main([str(tmp_path / "node_modules"), str(target)]) == 2
    assert not target.exists()
