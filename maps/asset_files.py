"""The committed copy of the map assets, and its manifest of sha256 hashes.

``npm ci --prefix maps/assets`` installs Leaflet and its plugins exactly as
``maps/assets/package-lock.json`` pins them, but ``node_modules`` is not in git, so an install
from a clean checkout, an sdist or ``pip install git+URL`` would have none of them. The few
files the offline map reads (each asset of :data:`caspian.maps.offline.ASSETS`, the images its
stylesheets reference and each package's licence) are therefore committed under
``maps/assets/vendor/<package>/<path>``, byte for byte as npm installs them, with
``manifest.json`` giving each file's sha256 and each package's locked version. A test compares
that copy with a fresh ``npm ci``; ``make update-assets`` rewrites it::

    python -m caspian.maps.asset_files maps/assets/node_modules maps/assets/vendor

The folder is named ``vendor``, as third-party code conventionally is, so that tools which
read our own code (linters, duplicate finders) pass over it. setuptools would take its
importable sub-folders (``vendor/leaflet/dist``) for would-be packages and warn about them, so
the wheel carries exactly the declared package-data globs (``include-package-data = false`` in
``pyproject.toml``).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from caspian.maps.offline import ASSETS, ASSETS_DIR, FILES_DIR, css_references, locked_versions

#: The manifest's file name inside :data:`caspian.maps.offline.FILES_DIR`.
MANIFEST_NAME = "manifest.json"

_LICENCE = re.compile(r"^(licen[cs]e|mit-licen[cs]e)(\.(txt|md))?$", re.IGNORECASE)


def sha256(path: Path) -> str:
    """Hex sha256 of the file at ``path``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def needed_files(node_modules: Path) -> list[tuple[str, str]]:
    """``(package, path)`` of every file the map needs from ``node_modules``, sorted.

    The assets themselves, every file their stylesheets reference with ``url(...)``, and the
    licence file at the top of each package.
    """
    files = {(asset.package, asset.path) for asset in ASSETS}
    for asset in ASSETS:
        if asset.kind == "css":
            root = (node_modules / asset.package).resolve()
            css = node_modules / asset.package / asset.path
            for target in css_references(css.read_text(encoding="utf-8"), css.parent):
                files.add((asset.package, target.resolve().relative_to(root).as_posix()))
    for package in {asset.package for asset in ASSETS}:
        for path in (node_modules / package).iterdir():
            if path.is_file() and _LICENCE.match(path.name):
                files.add((package, path.name))
    return sorted(files)


def manifest_of(files_dir: Path, files: list[tuple[str, str]]) -> dict[str, object]:
    """The manifest of ``files`` as they are in ``files_dir``: versions and sha256 hashes."""
    versions = locked_versions(ASSETS_DIR)
    packages: dict[str, dict[str, object]] = {}
    for package, path in files:
        entry = packages.setdefault(package, {"version": versions[package], "files": {}})
        entry["files"][path] = sha256(files_dir / package / path)  # type: ignore[index]
    return {
        "comment": "Written by `make update-assets` from `npm ci` output; do not edit by hand.",
        "package-lock.json sha256": sha256(ASSETS_DIR / "package-lock.json"),
        "packages": packages,
    }


def copy_files(node_modules: Path, files_dir: Path) -> dict[str, object]:
    """Replace ``files_dir`` by the needed files of ``node_modules`` and their manifest.

    Returns
    -------
    dict
        The manifest written to ``files_dir / manifest.json``.
    """
    files = needed_files(node_modules)
    staging = files_dir.with_name(files_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    for package, path in files:
        target = staging / package / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / package / path, target)
    manifest = manifest_of(staging, files)
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (staging / MANIFEST_NAME).write_text(text, encoding="utf-8")
    shutil.rmtree(files_dir, ignore_errors=True)
    staging.rename(files_dir)
    return manifest


def read_manifest(files_dir: Path = FILES_DIR) -> dict[str, object]:
    """The committed manifest."""
    result: dict[str, object] = json.loads((files_dir / MANIFEST_NAME).read_text("utf-8"))
    return result


def manifest_problems(files_dir: Path = FILES_DIR) -> list[str]:
    """Why the files in ``files_dir`` do not match their manifest (empty when they do)."""
    manifest = read_manifest(files_dir)
    problems = []
    listed = {MANIFEST_NAME}
    packages: dict[str, dict[str, dict[str, str]]] = manifest["packages"]  # type: ignore[assignment]
    for package, entry in sorted(packages.items()):
        for path, digest in sorted(entry["files"].items()):
            listed.add(f"{package}/{path}")
            file = files_dir / package / path
            if not file.is_file():
                problems.append(f"{package}/{path} is listed but missing")
            elif sha256(file) != digest:
                problems.append(f"{package}/{path} does not match its sha256 in the manifest")
    present = {p.relative_to(files_dir).as_posix() for p in files_dir.rglob("*") if p.is_file()}
    problems += [f"{name} is not in the manifest" for name in sorted(present - listed)]
    return problems


def main(argv: list[str]) -> int:
    """``python -m caspian.maps.asset_files NODE_MODULES FILES_DIR``."""
    if len(argv) != 2:
        print("usage: python -m caspian.maps.asset_files NODE_MODULES FILES_DIR", file=sys.stderr)
        return 2
    node_modules, files_dir = (Path(arg) for arg in argv)
    missing = sorted({a.package for a in ASSETS if not (node_modules / a.package).is_dir()})
    if missing:
        print(f"{node_modules} lacks {', '.join(missing)}: run `make assets` (npm ci) first",
              file=sys.stderr)
        return 2
    manifest = copy_files(node_modules, files_dir)
    packages: dict[str, dict[str, dict[str, str]]] = manifest["packages"]  # type: ignore[assignment]
    count = sum(len(entry["files"]) for entry in packages.values())
    print(f"wrote {count} files and {MANIFEST_NAME} to {files_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
