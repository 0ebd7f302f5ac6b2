"""The package's shape: namespace layout, dependency direction, lazy CLI imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return called


@pytest.mark.parametrize("path", sorted((ROOT / "geo").glob("*.py")), ids=lambda p: p.name)
def test_geo_imports_nothing_above_it_and_no_io_libraries(path: Path) -> None:
    forbidden = (
        "caspian.layers",
        "caspian.maps",
        "folium",
        "geopandas",
        "pyogrio",
        "requests",
        "urllib",
    )
    bad = [name for name in _imports(path) if name.startswith(forbidden)]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", sorted((ROOT / "geo").glob("*.py")), ids=lambda p: p.name)
def test_geo_does_no_file_io(path: Path) -> None:
    io_calls = {
        "open",
        "read_text",
        "read_bytes",
        "write_text",
        "write_bytes",
        "read_file",
        "to_file",
    }
    assert not (_calls(path) & io_calls), f"{path.name} does file I/O"


@pytest.mark.parametrize("path", sorted((ROOT / "layers").glob("*.py")), ids=lambda p: p.name)
def test_layers_never_import_maps_or_folium(path: Path) -> None:
    bad = [name for name in _imports(path) if name.startswith(("caspian.maps", "folium"))]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("package", ["geo", "layers", "maps"])
def test_code_imports_our_modules_through_the_caspian_namespace(package: str) -> None:
    for path in (ROOT / package).glob("*.py"):
        bad = [
            name
            for name in _imports(path)
            if name.split(".")[0] in {"geo", "layers", "maps", "seeds"}
        ]
        assert not bad, f"{path} imports {bad} as top-level modules"


def test_no_top_level_geo_layers_or_maps_module_is_importable() -> None:
    # Run outside the source tree so the current folder is not on sys.path.
    code = (
        "import importlib.util, sys\n"
        "found = [m for m in ('geo', 'layers', 'maps', 'seeds') if importlib.util.find_spec(m)]\n"
        "print(','.join(found))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True
    )
    assert result.stdout.strip() == ""


def test_help_imports_neither_geopandas_nor_folium() -> None:
    code = (
        "import sys\n"
        "from caspian.maps.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], prog_name='caspian')\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('geopandas', 'folium', 'pyogrio', 'shapely', 'pandas')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "Commands:" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "caspian.maps", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("caspian, version ")


@pytest.mark.parametrize("package", ["caspian.geo", "caspian.layers", "caspian.maps"])
def test_every_public_name_of_a_package_resolves(package: str) -> None:
    import importlib

    module = importlib.import_module(package)
    assert module.__all__
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018
