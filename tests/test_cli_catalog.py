"""``caspian layers``, ``cite`` and ``check`` end to end through the console entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caspian.maps", *args], capture_output=True, text=True, cwd="/"
    )


def test_layers_json_lists_nine_layers_with_features_and_citations() -> None:
    result = run("layers", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 9
    btc = next(row for row in rows if row["id"] == "btc_pipeline")
    assert btc["group"] == "Energy" and btc["features"] >= 1 and btc["citations"] >= 2


def test_layers_table_is_aligned() -> None:
    lines = run("layers").stdout.splitlines()
    assert lines[0].split()[:2] == ["id", "group"]
    assert len(lines) == 2 + 9
    assert len({line.index(" ") for line in lines[2:]}) >= 1
    assert {
        len(line.split("  ")[0].rstrip()) <= len(lines[1].split()[0]) for line in lines[2:]
    } == {True}


def test_cite_prints_russian_quotes_and_the_length_conflict() -> None:
    result = run("cite", "btc_pipeline")
    assert result.returncode == 0, result.stderr
    assert "Баку" in result.stdout and "«" in result.stdout
    assert "1768" in result.stdout and "1776" in result.stdout and "1743" in result.stdout


def test_cite_json_has_offsets_for_every_seed_quote() -> None:
    data = json.loads(run("cite", "zangezur_corridor", "--format", "json").stdout)
    seeds = [citation for citation in data["citations"] if citation["type"] == "seed"]
    assert seeds and all(citation["end"] > citation["start"] for citation in seeds)


@pytest.mark.parametrize(
    "args",
    [
        ("cite", "nope"),
        ("metrics", "nope"),
        ("export", "nope", "--format", "geojson", "-o", "/tmp/x.geojson"),
    ],
)
def test_unknown_layer_exits_2_with_one_line_listing_valid_ids(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "nope" in lines[0] and "btc_pipeline" in lines[0] and "aktau_port" in lines[0]
    assert "Traceback" not in result.stderr


def test_check_passes_and_reports_length_differences() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "btc_pipeline/btc" in result.stdout and "catalog ok" in result.stdout
    assert "zangezur_corridor/horadiz-aghband" in result.stdout


def test_check_lists_each_line_not_drawn_along_a_mapped_trace() -> None:
    result = run("check", "middle_corridor", "zangezur_corridor")
    assert result.returncode == 0, result.stdout + result.stderr
    listed = result.stdout.split("not drawn along a mapped trace:")[1].split("\n\n")[0]
    rows = {line.split()[0]: line for line in listed.strip().splitlines()[2:] if line.strip()}
    assert "middle_corridor/btk" in rows and "zangezur_corridor/syunik" in rows
    assert "middle_corridor/georgian-ports" not in rows  # traced to Poti and Batumi
    assert "Aktogay–Mointy" in rows["middle_corridor/aktogay-zhezkazgan"]
    assert "zangezur_corridor/nakhchivan" not in rows


@pytest.mark.parametrize(
    "args, expected",
    [
        (("frobnicate",), "No such command 'frobnicate'"),
        (("metrics", "--format", "xml"), "'xml' is not one of"),
        (("cite",), "Missing argument 'LAYER'"),
    ],
)
def test_usage_errors_are_one_line_with_a_help_hint(args: tuple[str, ...], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert expected in line and "--help" in line


@pytest.mark.parametrize(
    "output, expected",
    [
        ("/nonexistent-folder/x.html", "does not exist"),
        ("/proc/caspian-test.html", "/proc"),  # root: mkstemp fails; others: not writable
        ("/tmp/" + "a" * 300 + ".html", "the name is too long (305 bytes)"),
    ],
)
def test_unwritable_output_is_one_line_and_exit_2(output: str, expected: str) -> None:
    result = run("map", "aktau_port", "-o", output)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert expected in line and "Traceback" not in result.stderr


def test_check_lists_every_straight_stretch_longer_than_fifty_km() -> None:
    result = run("check", "green_energy_cable", "btc_pipeline")
    assert result.returncode == 0, result.stdout + result.stderr
    listed = result.stdout.split("straight stretch(es) longer than 50 km:")[1]
    rows = listed.split("\n\n")[0].strip().splitlines()[2:]
    by_feature = {row.split()[0]: row.split() for row in rows}
    # The Black Sea cable is one straight line between its landing towns; the hypothetical
    # Caspian cable is routed over water in short steps, so it is not listed.
    assert by_feature["green_energy_cable/anaklia-constanta"][1:3] == ["schematic", "1,066.8"]
    assert "green_energy_cable/caspian" not in by_feature
    # OpenStreetMap maps BTC's last 62 km before Ceyhan as one segment: listed, as traced.
    assert by_feature["btc_pipeline/btc"][1:3] == ["traced", "62.0"]
    assert len(rows) == 2
