"""Options given hostile values on the command line: empty names, infinite costs, absurd worker
counts, scheduler addresses that are not addresses. Each is one line, exit code 2, naming the
flag and the fix, before any work is done."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_cli

_OSM = "an .osm or .osm.pbf extract"


@pytest.mark.parametrize("argv, flag, what", [
    (["map", "-o", ""], "-o/--output", "a file"),
    (["export", "-o", ""], "-o/--output", "a file (a folder with --split)"),
    (["export", "--split", "--format", "csv", "-o", ""], "-o/--output",
     "a file (a folder with --split)"),
    (["route", "aktau_port/aktau", "baku_port/alat", "--mode", "sea", "-o", ""], "-o/--output",
     "a file"),
    (["route", "44.7996,41.7211", "41.6777,41.6585", "--mode", "rail", "--osm-file", ""],
     "--osm-file", _OSM),
    (["refine", "middle_corridor/georgian-ports", "--osm-file", ""], "--osm-file", _OSM),
    (["refine", "middle_corridor/georgian-ports", "--osm-file", "x.osm", "--layer-file", ""],
     "--layer-file", "a file"),
    (["osm", "fetch", "--bbox", "44.7,38.8,46.3,39.8", "-o", ""], "-o/--output", "a file"),
    (["ingest", ""], "FILES", "a saved article"),
    (["mentions", "--corpus", ""], "--corpus", "a folder"),
])
def test_an_empty_name_for_a_path_is_refused_naming_the_flag(
    argv: list[str], flag: str, what: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # '' was read as the current folder: ". is a folder", "output is the string ''; give a
    # file path (a str or a pathlib.Path)", or a corpus read from wherever caspian ran.
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(argv, capsys)
    assert (code, out) == (2, "")
    command = " ".join(argv[:2] if argv[0] == "osm" else argv[:1])
    assert err == (f"caspian: error: {flag} was given an empty name; give the path of {what} "
                   f"(see 'caspian {command} --help')\n")
    assert list(tmp_path.iterdir()) == []
