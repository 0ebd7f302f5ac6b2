"""Library errors speak the Python API and carry fields; the command line writes its flags.

A library message names a parameter as a keyword argument (``max_snap_km=``) and lists it in
``error.options``; ``caspian.maps.cli.main.error_message`` is the one place that turns it into
the flag (``--max-snap-km``), so no string in ``geo`` or ``layers`` names a flag.
"""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
from caspian.geo.errors import CaspianError, InputError
from caspian.geo.routing.railgraph import SnapError
from caspian.geo.settings import DEFAULT_SETTINGS
from caspian.layers.catalog.errors import CatalogError, LayerNotFoundError, SeedError
from caspian.layers.catalog.vocabulary import GEOMETRY_ACCURACIES
from caspian.layers.export.layers import resolve_format
from caspian.layers.io.errors import DependencyMissingError, OutputError
from caspian.layers.news.corpus import CorpusError, corpus_documents
from caspian.layers.routing.rail import load_rail, route_on
from caspian.maps.cli.main import error_message, flag_of
from cli_support import run_cli
from osm_fixtures import RAIL_XML, lonlat

ROOT = Path(__file__).resolve().parents[1]

#: ``--word`` as a command line spells a flag (not ``---`` or ``a--b``).
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")

#: Strings of geo/layers that may hold a ``--word``, each with the reason; the test fails when
#: one is no longer there, so the list cannot go stale.
ALLOWED = {
    ("layers/osm/extracts.py", "--bbox"): "osmium's own option, in the `osmium extract` "
    "command the message suggests; not a caspian flag",
    ("layers/refine.py", "--osm-file"): "provenance written into the catalog (the `via` of an "
    "OpenStreetMap source: the command that made the trace), not a message",
    ("layers/news/corpus.py", "--add"): "the description a new corpus manifest records (the "
    "command that writes it), data in the file, not a message",
}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: documentation may show a command line."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _declared_options(tree: ast.AST) -> set[int]:
    """ids of the strings an ``add_argument`` call declares as its own flags (a build
    script's argparse), which declare a flag rather than name one in a message."""
    return {id(arg) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_argument"
            for arg in node.args}


def _flags_in_source(source: str) -> set[str]:
    """The flags that the strings of ``source`` name, docstrings and declarations aside."""
    tree = ast.parse(source)
    skipped = _docstrings(tree) | _declared_options(tree)
    return {flag for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skipped
            for flag in FLAG.findall(node.value)}


def _flags_in_strings(folder: str) -> set[tuple[str, str]]:
    return {(path.relative_to(ROOT).as_posix(), flag)
            for path in sorted((ROOT / folder).rglob("*.py"))
            for flag in _flags_in_source(path.read_text(encoding="utf-8"))}


def test_the_scan_finds_a_flag_in_a_message_not_in_a_docstring_or_a_declaration() -> None:
    source = (
        '"""``caspian route --mode rail``."""\n'
        'def f(x):\n'
        '    """Doc --doc-only."""\n'
        '    parser.add_argument("-o", "--output-dir")\n'
        '    raise InputError(f"{x} is bad; fix: give a larger --max-snap-km or --via ---")\n'
    )
    assert _flags_in_source(source) == {"--max-snap-km", "--via"}


def test_no_string_in_geo_or_layers_names_a_command_line_flag() -> None:
    found = _flags_in_strings("geo") | _flags_in_strings("layers")
    assert sorted(found - set(ALLOWED)) == []
    assert sorted(set(ALLOWED) - found) == []  # an exception that no longer applies


def test_flag_of_a_parameter_is_its_name_with_dashes_except_fmt() -> None:
    assert [flag_of(name) for name in ("max_snap_km", "osm_file", "split", "fmt")] == [
        "--max-snap-km", "--osm-file", "--split", "--format"]


@pytest.mark.parametrize(
    ("message", "options", "line"),
    [
        ("far (limit 25 km); or a larger max_snap_km=", ("max_snap_km",),
         "far (limit 25 km); or a larger --max-snap-km"),
        ("say which with fmt=geojson|gpkg", ("fmt",), "say which with --format geojson|gpkg"),
        ("x is a folder; add split=True", ("split",), "x is a folder; add --split"),
        ("avoid='XX' is neither", ("avoid",), "--avoid 'XX' is neither"),
        ("allow more (status=), avoid less (avoid=)", ("status", "avoid"),
         "allow more (--status), avoid less (--avoid)"),
        ("workers= reads GeoParquet files; or drop workers=", ("workers",),
         "--workers reads GeoParquet files; or drop --workers"),
        # A name the error does not list, or one inside a longer word, stays as it is.
        ("data/my_fmt=1.csv: bad; drop fmt=", ("fmt",), "data/my_fmt=1.csv: bad; drop --format"),
        ("drop fmt=", (), "drop fmt="),
    ],
)
def test_the_command_line_writes_each_listed_parameter_as_its_flag(
    message: str, options: tuple[str, ...], line: str
) -> None:
    assert error_message(InputError(message, options=options)) == line


def test_errors_keep_their_fields_through_pickling() -> None:
    """A dask worker's error reaches the client pickled; its fields must come along."""
    error = OutputError("out.gpkg is a folder", path="out.gpkg", value="gpkg",
                        reason="a folder", options=("split",))
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.path, copy.value, copy.reason, copy.options, copy.option) == (
        "out.gpkg is a folder", "out.gpkg", "gpkg", "a folder", ("split",), "split")


@pytest.mark.parametrize(
    ("error", "builtin"),
    [(LayerNotFoundError("x"), KeyError), (CatalogError("x"), ValueError),
     (SeedError("x"), ValueError), (OutputError("x"), OSError),
     (DependencyMissingError("x"), ImportError)],
)
def test_errors_moved_beside_their_raisers_are_still_caspian_errors(
    error: CaspianError, builtin: type[Exception]
) -> None:
    assert isinstance(error, CaspianError) and isinstance(error, builtin)


def test_the_moved_errors_are_public_in_caspian_layers() -> None:
    import caspian.layers

    assert caspian.layers.LayerNotFoundError is LayerNotFoundError
    assert caspian.layers.OutputError is OutputError


def test_settings_hold_a_tolerance_for_each_accuracy_of_the_catalog_vocabulary() -> None:
    assert tuple(DEFAULT_SETTINGS.length_tolerance) == GEOMETRY_ACCURACIES


def test_an_unknown_suffix_names_the_parameter_in_the_library_and_the_flag_on_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(OutputError) as caught:
        resolve_format(None, tmp_path / "out.dat")
    assert str(caught.value) == ("cannot tell the format from the name 'out.dat'; add "
                                 "fmt=geojson|gpkg|kml|csv|parquet or use a suffix such as .gpkg")
    assert (caught.value.options, caught.value.path) == (("fmt",), tmp_path / "out.dat")
    code, _, err = run_cli(["export", "btc_pipeline", "-o", str(tmp_path / "out.dat")], capsys)
    assert (code, err) == (2, "caspian: error: cannot tell the format from the name 'out.dat'; "
                           "add --format geojson|gpkg|kml|csv|parquet or use a suffix such as "
                           ".gpkg\n")


def test_a_far_rail_point_asks_for_max_snap_km_in_python_and_the_flag_on_the_line(
    capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SnapError) as caught:
        route_on(load_rail(RAIL_XML), (45.0, 39.0), (46.0, 39.11))
    assert str(caught.value).endswith("or a larger max_snap_km=")
    assert caught.value.value == (46.0, 39.11)
    code, _, err = run_cli(
        ["route", lonlat(1), "46,39.11", "--mode", "rail", "--osm-file", str(RAIL_XML)], capsys
    )
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("caspian: error: ") and err.rstrip().endswith(
        "lies 51.9 km from the nearest track (limit 25 km); give a point nearer the railway, "
        "an extract that covers it, or a larger --max-snap-km")


def test_a_corpus_that_is_a_file_names_the_parameter_in_the_library_and_the_flag_for_the_line(
    tmp_path: Path,
) -> None:
    not_a_folder = tmp_path / "corpus"
    not_a_folder.write_text("a file", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        corpus_documents(not_a_folder)
    assert str(caught.value) == f"corpus {not_a_folder} is not a folder; give a folder with corpus="
    assert caught.value.path == str(not_a_folder)
    assert error_message(caught.value).endswith("give a folder with --corpus")
