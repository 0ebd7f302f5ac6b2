"""The package's shape: namespace layout, dependency direction, lazy CLI imports."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_help_imports_neither_geopandas_nor_folium_nor_jinja2() -> None:
    code = (
        "import sys\n"
        "from caspian.maps.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], prog_name='caspian')\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('geopandas', 'folium', 'pyogrio', 'shapely', 'pandas', 'jinja2')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "Commands:" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (which prints nothing)."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


#: Every caspian module ``caspian --help`` may import: the command table and the error lines.
_HELP_CASPIAN_MODULES = {
    "caspian", "caspian.geo", "caspian.geo.errors", "caspian.geo.lazy", "caspian.layers",
    "caspian.layers.fileio", "caspian.layers.temporary", "caspian.maps", "caspian.maps.cli",
}


def test_help_imports_no_command_module_and_few_modules_beyond_click() -> None:
    """``caspian --help`` lists the commands from the table in cli.py: importing a command
    module, numpy or pyproj again (to check the default settings) makes this fail."""
    click_only = _modules_after("import click")
    with_help = _modules_after(
        "import contextlib, io\n"
        "from caspian.maps.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    added = with_help - click_only
    assert {name for name in added if name.startswith("caspian")} == _HELP_CASPIAN_MODULES
    assert not added & {"numpy", "pyproj", "dataclasses", "importlib.metadata"}
    # 28 when this was written (tempfile, signal, textwrap and their own imports).
    assert len(added) <= 35, sorted(added)


def test_help_lists_each_command_with_its_own_docstring() -> None:
    """The summaries in the command table are the commands' docstrings, so the list cannot
    drift from ``caspian COMMAND --help``."""
    import inspect

    import click
    from caspian.maps.cli import COMMANDS, cli

    context = click.Context(cli, info_name="caspian")
    for name, entry in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None and command.help is not None, name
        assert entry.summary == inspect.cleandoc(command.help).split("\n\n")[0], name


@pytest.mark.parametrize("width", [50, 80, 120])
def test_help_cuts_summaries_as_click_does(width: int) -> None:
    """The commands block without imports is byte for byte the one click writes after
    importing every command."""
    import click
    from caspian.maps.cli import LazyGroup, cli

    def block(format_commands: Any) -> str:
        context = click.Context(cli, info_name="caspian", terminal_width=width)
        formatter = context.make_formatter()
        format_commands(context, formatter)
        return formatter.getvalue()

    ours = block(cli.format_commands)
    assert "  metrics " in ours
    assert ours == block(super(LazyGroup, cli).format_commands)


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


def _modules_named_in_architecture_doc() -> set[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return set(re.findall(r"`([a-z_][a-z0-9_]*)`", text))


@pytest.mark.parametrize("folder", ["geo", "layers", "layers/news", "maps"])
def test_the_architecture_doc_names_every_module_of_each_package(folder: str) -> None:
    named = _modules_named_in_architecture_doc()
    modules = {path.stem for path in (ROOT / folder).glob("*.py") if path.stem != "__init__"}
    assert sorted(modules - named) == []


def test_every_module_the_architecture_doc_lists_exists() -> None:
    # the tables' module columns: names in backticks in the last cell of each row
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = {name for row in re.findall(r"^\|[^|\n]*\| (.*) \|$", text, re.M)
              for name in re.findall(r"`([a-z_][a-z0-9_]*)`", row)}
    existing = {path.stem for folder in ("geo", "layers", "layers/news", "maps")
                for path in (ROOT / folder).glob("*.py")}
    assert listed and sorted(listed - existing) == []


def _escape_calls(tree: ast.AST) -> list[int]:
    """Lines that name ``escape`` or ``html.escape`` in ``tree``: calls, and aliases such as
    ``esc = html.escape`` that would hide a call."""
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Name) and node.id == "escape")
            or (isinstance(node, ast.Attribute) and node.attr == "escape")
            or (isinstance(node, ast.ImportFrom)
                and any(alias.name == "escape" for alias in node.names))]


#: Where HTML for popups, tooltips, the legend and KML descriptions is gathered: templates
#: (which escape every value) make it, so none of these escapes by hand.
_TEMPLATED_MODULES = sorted([*(ROOT / "maps").glob("popups*.py"), ROOT / "maps/html_templates.py",
                             ROOT / "layers/export_kml.py"])


@pytest.mark.parametrize("path", _TEMPLATED_MODULES, ids=lambda p: p.name)
def test_popup_and_kml_code_calls_no_escape_by_hand(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _escape_calls(tree), f"{path.name} escapes by hand at lines {_escape_calls(tree)}"
    names = {getattr(node, "id", None) for node in ast.walk(tree)}
    assert "Markup" not in names, f"{path.name} marks text as safe HTML itself"


def test_legend_code_calls_no_escape_by_hand() -> None:
    tree = ast.parse((ROOT / "maps/render.py").read_text(encoding="utf-8"))
    (legend,) = [node for node in tree.body
                 if isinstance(node, ast.FunctionDef) and node.name == "legend_html"]
    assert not _escape_calls(legend)


_TEMPLATES = sorted([*(ROOT / "maps/templates").glob("*.j2"),
                     *(ROOT / "layers/templates").glob("*.j2")])


@pytest.mark.parametrize("path", _TEMPLATES, ids=lambda p: p.name)
def test_templates_never_turn_escaping_off(path: Path) -> None:
    """No ``|safe`` and no ``autoescape false``; no ``|join`` either, which escapes with
    markupsafe's entities (``&#39;``) rather than ours (``&#x27;``) and so changes bytes."""
    assert len(_TEMPLATES) >= 6
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\|\s*safe\b|autoescape\s+false|\|\s*join\b", text), path.name
