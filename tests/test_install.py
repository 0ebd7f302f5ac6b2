"""The package as users install it: sdist and wheel built, checked, installed, and run.

One ``python -m build`` per session (no build isolation: the build backend comes from the dev
extras, so no test reaches a package index). Each install goes into a fresh virtual
environment under the system temporary folder, outside the checkout, and is run from there.
The dependencies (folium, geopandas, ...) are not downloaded again: the fresh environment sees
a folder of links to the test environment's installed distributions, with caspian-gis itself
left out, and ``pip install --no-index`` resolves the package's requirements against them. So
pip checks the wheel's declared dependencies, and what runs is the installed copy alone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from caspian.maps import asset_files

pytestmark = [pytest.mark.packaging, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
VERSION = "0.1.0"


def _clean_environment() -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE makes setuptools warn that it skips byte-compiling: a warning of
    # this machine, not of the package; PYTHONPATH would let the checkout leak into an install.
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV")}


def _run(args: list[str | os.PathLike[str]], cwd: Path, **env: str) -> str:
    result = subprocess.run([str(arg) for arg in args], cwd=cwd,
                            env={**_clean_environment(), **env},
                            capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


@pytest.fixture(scope="session")
def build_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="caspian-build-") as folder:
        yield Path(folder)


@pytest.fixture(scope="session")
def build_log(build_dir: Path) -> str:
    """``python -m build`` of a clean copy of the checkout (tracked and new files only)."""
    source = build_dir / "source"
    _clean_copy(source)
    return _run([sys.executable, "-m", "build", "--no-isolation", "-o", build_dir / "dist",
                 source], cwd=build_dir)


@pytest.fixture(scope="session")
def wheel(build_dir: Path, build_log: str) -> Path:
    (path,) = (build_dir / "dist").glob(f"caspian_gis-{VERSION}-py3-none-any.whl")
    return path


@pytest.fixture(scope="session")
def sdist(build_dir: Path, build_log: str) -> Path:
    (path,) = (build_dir / "dist").glob(f"caspian_gis-{VERSION}.tar.gz")
    return path


def _clean_copy(target: Path) -> None:
    """The files git tracks or would track (no .venv, node_modules, egg-info, build output)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())


@pytest.fixture(scope="session")
def dependency_site(build_dir: Path) -> Path:
    """Links to every distribution installed here except caspian-gis and its editable hook."""
    site = build_dir / "dependencies"
    site.mkdir()
    purelib = Path(sysconfig.get_paths()["purelib"])
    for entry in purelib.iterdir():
        if re.match(r"(caspian|__editable__)", entry.name) or entry.suffix == ".pth":
            continue
        (site / entry.name).symlink_to(entry)
    return site


@pytest.fixture(scope="session")
def fresh_venv(build_dir: Path, dependency_site: Path) -> Callable[[str], Path]:
    """Factory: a new virtual environment that sees the dependencies but no caspian-gis."""

    def make(name: str) -> Path:
        venv = build_dir / name
        # no pip or setuptools of its own: the links bring this environment's (pip 22+ and
        # the setuptools the build needs), and pip installs into the running interpreter
        _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=build_dir)
        python = venv / "bin" / "python"
        purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=build_dir).strip()
        Path(purelib, "caspian-test-dependencies.pth").write_text(f"{dependency_site}\n")
        return venv

    return make


def _installed_map(venv: Path, folder: Path) -> Path:
    """Run the installed ``caspian map --offline`` from a folder outside the checkout."""
    folder.mkdir()
    where = _run([venv / "bin" / "python", "-c",
                  "import caspian.maps.offline as m; print(m.__file__)"], cwd=folder)
    assert Path(where.strip()).is_relative_to(venv), where
    output = folder / "caspian-map-offline.html"
    _run([venv / "bin" / "caspian", "map", "--offline", "-o", output.name], cwd=folder)
    return output


@pytest.fixture(scope="session")
def wheel_venv(fresh_venv: Callable[[str], Path], wheel: Path, build_dir: Path) -> Path:
    venv = fresh_venv("venv-wheel")
    _run([venv / "bin" / "python", "-m", "pip", "install", "--no-index", "-q", wheel],
         cwd=build_dir)
    return venv


def _load_offline(offline_page: Callable[..., tuple[Any, Any]], path: Path) -> tuple[int, Any]:
    page, log = offline_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.caspian && caspian.state.ready")
    page.wait_for_load_state("load")
    drawn = page.evaluate(
        "() => Object.values(caspian.features).filter((layer) => layer._path).length")
    return drawn, log


def _assert_clean(log: Any) -> None:
    assert log.blocked_requests == []
    assert log.failed_requests == []
    assert log.console_errors == []
    assert log.page_errors == []


def test_build_prints_no_warning(build_log: str) -> None:
    assert [line for line in build_log.splitlines() if re.search(r"warn", line, re.I)] == []


def test_twine_check_passes(wheel: Path, sdist: Path, build_dir: Path) -> None:
    output = _run([sys.executable, "-m", "twine", "check", "--strict", wheel, sdist],
                  cwd=build_dir)
    assert output.count("PASSED") == 2, output


def test_wheel_carries_the_map_assets_templates_and_nothing_of_npm(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    manifest = asset_files.read_manifest()["packages"]
    assert isinstance(manifest, dict)
    assets = {f"caspian/maps/assets/vendor/{package}/{path}"
              for package, entry in manifest.items() for path in entry["files"]}
    assert assets <= names
    assert {"caspian/maps/assets/vendor/manifest.json", "caspian/maps/assets/package.json",
            "caspian/maps/assets/package-lock.json", "caspian/maps/templates/caspian.js",
            "caspian/maps/templates/caspian.css", "caspian/maps/py.typed"} <= names
    # the popup, legend and KML description templates
    templates = {f"caspian/{path.relative_to(ROOT).as_posix()}"
                 for path in ROOT.glob("*/templates/*.j2")}
    assert len(templates) >= 6 and templates <= names
    assert not [name for name in names if "node_modules" in name or name.startswith("tests/")]


def test_sdist_carries_the_assets_but_not_node_modules(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    prefix = f"caspian_gis-{VERSION}/"
    assert f"{prefix}maps/assets/vendor/leaflet/dist/leaflet.js" in names
    assert f"{prefix}maps/assets/vendor/manifest.json" in names
    assert not [name for name in names if "node_modules" in name]


def test_wheel_in_a_fresh_venv_writes_an_offline_map_chromium_loads_offline(
    wheel_venv: Path, build_dir: Path, offline_page: Callable[..., tuple[Any, Any]]
) -> None:
    path = _installed_map(wheel_venv, build_dir / "run-wheel")
    assert path.stat().st_size < 3_000_000
    drawn, log = _load_offline(offline_page, path)
    _assert_clean(log)
    assert drawn >= 10  # the catalog's lines and points


def test_installed_wheel_files_match_the_manifest(wheel_venv: Path, build_dir: Path) -> None:
    output = _run([wheel_venv / "bin" / "python", "-c",
                   "from caspian.maps.asset_files import manifest_problems as p; print(p())"],
                  cwd=build_dir)
    assert output.strip() == "[]"


def test_pip_install_of_a_clean_checkout_writes_an_offline_map(
    fresh_venv: Callable[[str], Path], build_dir: Path, build_log: str,
    offline_page: Callable[..., tuple[Any, Any]],
) -> None:
    venv = fresh_venv("venv-checkout")
    _run([venv / "bin" / "python", "-m", "pip", "install", "--no-index", "--no-build-isolation",
          "-q", build_dir / "source"], cwd=build_dir)
    drawn, log = _load_offline(offline_page, _installed_map(venv, build_dir / "run-checkout"))
    _assert_clean(log)
    assert drawn >= 10


# --- a plain install: only what the wheel declares ------------------------------------------

def _requires(metadata_text: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in metadata_text.splitlines()
            if line.startswith("Requires-Dist:")]


def _declared_closure(requirements: list[str]) -> list[Any]:
    """The installed distributions a plain ``pip install`` of these requirements brings.

    Requirements are followed through this environment's metadata, with markers evaluated for
    the extras asked for (none for the package itself), so an import the wheel does not
    declare, directly or through a dependency, is missing in the environment built from it.
    An extra counts only under the name its distribution provides, as pip 23 reads it: justext
    asks for ``lxml[html_clean]``, lxml 6 provides ``html-clean``, and that pip installed no
    ``lxml_html_clean`` for it.
    """
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, Any] = {}
    pending = [(Requirement(text), ("",)) for text in requirements]
    while pending:
        requirement, extras = pending.pop()
        if requirement.marker and not any(
                requirement.marker.evaluate({"extra": extra}) for extra in extras):
            continue
        name = canonicalize_name(requirement.name)
        wanted = ("", *sorted(requirement.extras))
        if name in found and set(wanted) <= found[name][1]:
            continue
        distribution = metadata.distribution(requirement.name)
        provided = set(distribution.metadata.get_all("Provides-Extra") or [])
        wanted = tuple(extra for extra in wanted if extra == "" or extra in provided)
        asked = found.get(name, (distribution, set()))[1] | set(wanted)
        found[name] = (distribution, asked)
        pending += [(Requirement(text), tuple(asked)) for text in distribution.requires or []]
    return [distribution for distribution, _ in found.values()]


@pytest.fixture(scope="session")
def declared_site(build_dir: Path, wheel: Path) -> Path:
    """Links to the files of the wheel's declared dependencies (and theirs) only."""
    site = build_dir / "declared-dependencies"
    site.mkdir()
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requirements = _requires(archive.read(name).decode())
    for distribution in _declared_closure(requirements):
        root = Path(distribution.locate_file(""))
        tops = {Path(str(file)).parts[0] for file in distribution.files or []}
        for top in sorted(tops - {".."}):
            if (root / top).exists() and not (site / top).exists():
                (site / top).symlink_to(root / top)
    return site


@pytest.fixture(scope="session")
def plain_venv(build_dir: Path, declared_site: Path, wheel: Path) -> Path:
    """The wheel installed as ``pip install caspian-gis`` would: its dependencies and no more."""
    venv = build_dir / "venv-plain"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=build_dir)
    python = venv / "bin" / "python"
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   cwd=build_dir).strip()
    Path(purelib, "caspian-declared-dependencies.pth").write_text(f"{declared_site}\n")
    # pip of the test environment, run for the new interpreter: --no-index, so a dependency
    # that is declared but missing from the links fails the install
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-index", "-q",
          wheel], cwd=build_dir)
    return venv


def test_the_plain_install_lacks_what_only_the_tests_need(plain_venv: Path,
                                                          build_dir: Path) -> None:
    # the environment is really narrower than the test environment: pytest, playwright and
    # hypothesis are not declared by the package, so they are not there
    output = _run([plain_venv / "bin" / "python", "-c",
                   "import importlib.util as u; print([n for n in ('pytest', 'playwright', "
                   "'hypothesis', 'lxml_html_clean', 'pyarrow') if u.find_spec(n)])"],
                  cwd=build_dir)
    assert output.strip() == "['lxml_html_clean', 'pyarrow']"


def _plain(venv: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "caspian"), *args], cwd=folder,
                          env={**_clean_environment(), "CASPIAN_CACHE_DIR": str(folder / "cache")},
                          capture_output=True, text=True, check=False)


PLAIN_COMMANDS: list[tuple[str, ...]] = [
    ("layers",),
    ("cite", "btc_pipeline"),
    ("check",),
    ("metrics",),
    ("metrics", "btc_pipeline", "--by", "country"),
    ("metrics", "--by", "chain"),
    ("metrics", "--file", "{data}/synthetic_layer.geojson", "--format", "csv"),
    ("distances",),
    ("distances", "--kind", "sea"),
    ("validate", "{data}/synthetic_layer.geojson"),
    ("map", "-o", "map.html"),
    ("map", "--offline", "-o", "map-offline.html"),
    ("map", "zangezur_corridor", "--add", "{data}/synthetic_layer.geojson", "-o", "zangezur.html"),
    ("export", "--format", "geojson", "-o", "caspian.geojson"),
    ("export", "--format", "gpkg", "-o", "caspian.gpkg"),
    ("export", "--format", "kml", "-o", "caspian.kml"),
    ("export", "--format", "csv", "-o", "caspian.csv"),
    ("export", "--format", "parquet", "-o", "caspian.parquet"),
    ("metrics", "--file", "caspian.parquet", "--by", "country"),
    ("route", "kuryk", "alat", "--mode", "sea", "-o", "kuryk-alat.geojson"),
    ("route", "44.7995883,41.721053", "41.6776779,41.6584901", "--mode", "rail",
     "--osm-file", "{data}/georgia_rail.osm.pbf"),
    ("refine", "middle_corridor/georgian-ports", "--osm-file", "{data}/georgia_rail.osm.pbf"),
    ("ingest", "{data}/news/fixture_kars_dilucu.txt", "{data}/news/fixture_portal.html",
     "--add", "--corpus", "corpus"),
    ("mentions", "zangezur_corridor", "--corpus", "corpus"),
    ("conflicts", "--corpus", "corpus"),
]


def test_a_plain_install_runs_every_command(plain_venv: Path, build_dir: Path) -> None:
    folder = build_dir / "run-plain"
    folder.mkdir()
    data = ROOT / "tests" / "data"
    failed = []
    for command in PLAIN_COMMANDS:
        args = [arg.format(data=data) for arg in command]
        result = _plain(plain_venv, folder, *args)
        if result.returncode != 0 or "Traceback" in result.stderr:
            failed.append(f"caspian {' '.join(command)}: {result.returncode} {result.stderr}")
    assert failed == [], "\n".join(failed)
    assert (folder / "map-offline.html").stat().st_size > 500_000
    assert (folder / "corpus" / "manifest.json").is_file()
