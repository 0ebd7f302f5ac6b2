"""Options given hostile values on the command line: empty names, infinite costs, absurd worker
counts, scheduler addresses that are not addresses. Each is one line, exit code 2, naming the
flag and the fix, before any work is done."""

from __future__ import annotations

import json
import math
import os
import signal
import sys
from pathlib import Path

import click
import pytest
from caspian.geo.errors import InputError
from caspian.layers.io.userdata import validate_geojson
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


@pytest.mark.parametrize("hours, speed", [("inf", "40"), ("1e308", "1e308"), ("0", "inf")])
def test_a_transfer_cost_that_is_not_finite_is_refused_not_called_no_route(
    hours: str, speed: str, capsys: pytest.CaptureFixture[str],
) -> None:
    # An infinite cost forbade every transfer: Aktau to Tbilisi (a ferry, then rail) was
    # "no corridor route ... allow more statuses (--status), avoid less (--avoid)".
    code, out, err = run_cli(["route", "aktau_port/aktau", "Tbilisi", "--mode", "corridor",
                              "--transfer-hours", hours, "--speed-kmh", speed], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"caspian: error: --transfer-hours {float(hours)!r} and "
                          f"--speed-kmh {float(speed)!r} do not make a finite cost per transfer")
    assert "--status" not in err and err.count("\n") == 1


def test_the_library_refuses_an_infinite_transfer_cost_before_loading_the_network() -> None:
    from caspian.layers.routing.corridor import route_by_corridor, transfer_cost_km

    assert transfer_cost_km(2, 40.0) == 80.0
    with pytest.raises(InputError, match=r"transfer_hours=inf and speed_kmh=40\.0"):
        route_by_corridor("aktau_port/aktau", "Tbilisi", transfer_hours=math.inf)
    with pytest.raises(InputError, match="do not make a finite cost"):
        transfer_cost_km(True, 40.0)


@pytest.fixture()
def small_parquet(tmp_path: Path) -> Path:
    import geopandas
    from shapely.geometry import LineString

    path = tmp_path / "rail.parquet"
    frame = geopandas.GeoDataFrame(geometry=[LineString([(49.0, 40.0), (50.0, 41.0)])],
                                   crs="EPSG:4326")
    frame.to_parquet(path)
    return path


@pytest.mark.parametrize("address", ["garbage", "", "tcp://127.0.0.1"])
def test_a_scheduler_address_that_is_not_one_is_one_line(
    address: str, small_parquet: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("dask_geopandas")
    # It was distributed's ValueError "missing port number in address 'garbage'", raw.
    code, out, err = run_cli(["metrics", "--file", str(small_parquet), "--scheduler",
                              address], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"caspian: error: --scheduler {address!r} is not a dask scheduler "
                          "address (")
    assert err.endswith("; give --scheduler as tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786)\n")
    assert "Traceback" not in err


@pytest.mark.parametrize("workers", ["100000", "99999999999999999999"])
def test_more_local_workers_than_cpus_is_refused_before_starting_any(
    workers: str, small_parquet: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("dask_geopandas")
    import os

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # It started processes until the machine gave out (no answer within two minutes).
    code, out, err = run_cli(["metrics", "--file", str(small_parquet), "--workers", workers],
                             capsys)
    assert code == 2 and out == ""
    assert err == (f"caspian: error: --workers {workers} is more worker processes than this "
                   f"machine's {cpus} CPU(s); give --workers {max(2, cpus)} or fewer, or "
                   "--scheduler to use a cluster of several machines\n")


def test_a_feature_partly_in_metres_is_not_called_both_in_degrees_and_projected() -> None:
    # One feature with one vertex in degrees and one in metres was "mixed CRS hints: feature(s)
    # 0 are in degrees but feature(s) 0 look projected", above its own vertex problem.
    text = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "LineString", "coordinates": [[49.0, 40.0], [500000.0, 4400000.0]]}}]})
    messages = [problem.message for problem in validate_geojson(text)]
    assert len(messages) == 1
    assert messages[0].startswith("geometry.coordinates[1] is [500000, 4.4e+06]: that looks "
                                  "like a projected CRS (metres)")


def test_features_in_degrees_beside_a_partly_projected_one_still_make_mixed_hints() -> None:
    line = {"type": "LineString", "coordinates": [[49.0, 40.0], [500000.0, 4400000.0]]}
    point = {"type": "Point", "coordinates": [49.8, 40.4]}
    text = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": geometry}
        for geometry in (line, point)]})
    assert validate_geojson(text)[0].message == (
        "mixed CRS hints: feature(s) 1 are in degrees but feature(s) 0 look projected "
        "(metres); reproject them all to EPSG:4326")


@click.command("swallow")
def _swallowing_command() -> None:
    """What numpy's C import does with Ctrl-C: the interrupt is printed through
    ``sys.excepthook`` and replaced by an ImportError."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]  # PyErr_Print does this
        raise ImportError("numpy._core.multiarray failed to import") from None


def test_ctrl_c_that_a_library_turns_into_another_error_is_still_interrupted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ctrl-C in the first second of 'caspian route' or 'caspian map' (numpy loading under
    # shapely) printed two tracebacks and exited 1.
    from caspian.maps.cli.main import COMMANDS, CommandEntry

    monkeypatch.setitem(COMMANDS, "swallow",
                        CommandEntry(f"{__name__}:_swallowing_command", "Swallow Ctrl-C."))
    code, out, err = run_cli(["swallow"], capsys)
    assert (code, out, err) == (130, "", "caspian: interrupted\n")


@click.command("abort")
def _aborting_command() -> None:
    """What click raises for a Ctrl-C inside a command."""
    raise click.exceptions.Abort()


def test_ctrl_c_that_click_turns_into_abort_says_interrupted_as_any_other(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same Ctrl-C printed "caspian: aborted" or "caspian: interrupted" by where it landed
    from caspian.maps.cli.main import COMMANDS, CommandEntry

    monkeypatch.setitem(COMMANDS, "abort",
                        CommandEntry(f"{__name__}:_aborting_command", "Abort."))
    assert run_cli(["abort"], capsys) == (130, "", "caspian: interrupted\n")


def test_an_error_without_ctrl_c_is_still_a_bug_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from caspian.maps.cli.main import COMMANDS, CommandEntry, main

    monkeypatch.setitem(COMMANDS, "broken",
                        CommandEntry(f"{__name__}:_broken_command", "Fail."))
    with pytest.raises(ImportError, match="not an interruption"):
        main(["broken"])


@click.command("broken")
def _broken_command() -> None:
    raise ImportError("not an interruption")


@pytest.mark.parametrize("bbox", ["0,0,180,90", "0,0,179,89"])
def test_a_box_osmnx_cannot_cut_into_queries_is_one_line_before_any_request(
    bbox: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # osmnx's split of the box projected it to NaN: "ValueError: cannot convert float NaN to
    # integer" and a traceback, exit 1. No request is made: the split comes first.
    output = tmp_path / "rail.geojson"
    code, out, err = run_cli(["osm", "fetch", "--bbox", bbox, "--cache-folder",
                              str(tmp_path / "cache"), "--overpass-url",
                              "http://127.0.0.1:9/api", "-o", str(output)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"caspian: error: bbox {bbox} is too large for osmnx to cut into "
                          "Overpass queries (cannot convert float NaN to integer); "
                          "give a smaller box (W,S,E,N)")
    assert err.count("\n") == 1 and not output.exists()


def test_a_plain_geojson_file_as_layer_file_is_told_what_a_layer_file_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # It said "mine.geojson: layer is missing id, name, group" and no fix.
    mine = tmp_path / "mine.geojson"
    mine.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "LineString", "coordinates": [[49.0, 40.0], [50.0, 41.0]]}}]}),
        encoding="utf-8")
    before = mine.read_bytes()
    code, out, err = run_cli(["refine", "middle_corridor/georgian-ports", "--osm-file",
                              str(Path(__file__).parent / "data" / "georgia_rail.osm.pbf"),
                              "--layer-file", str(mine),
                              "--write"], capsys)
    assert (code, out) == (2, "")
    assert err.endswith("mine.geojson: layer is missing id, name, group; give a catalog layer "
                        "file: a FeatureCollection with the layer's id, name, group and "
                        "features at its top level (docs/catalog-schema.md)\n")
    assert err.count("\n") == 1 and mine.read_bytes() == before


_GEORGIA_RAIL = str(Path(__file__).parent / "data" / "georgia_rail.osm.pbf")


@pytest.mark.parametrize(("mode_args", "said"), [
    # Tbilisi Central as lat,lon (41.7211,44.7996) was "lies 282.7 km from the corridor
    # network (limit 25 km); fix: give a place on the network, or a larger --max-snap-km".
    (["Kars", "--mode", "corridor"],
     "lies 282.7 km from the corridor network (limit 25 km); fix: the two numbers"),
    (["41.6777,41.6585", "--mode", "rail", "--osm-file", _GEORGIA_RAIL],
     "lies 202.1 km from the nearest track (limit 25 km); the two numbers"),
])
def test_tbilisi_given_lat_lon_is_told_to_swap_not_to_snap_farther(
    capsys: pytest.CaptureFixture[str], mode_args: list[str], said: str,
) -> None:
    code, out, err = run_cli(["route", "41.7211,44.7996", *mode_args], capsys)
    assert (code, out) == (2, "")
    last = err.splitlines()[-1] + "\n"  # after the progress line of a network build
    assert last.startswith(f"caspian: error: FROM 41.72110,44.79960 {said} look swapped: as "
                           "lon,lat 44.79960,41.72110 lies ")
    assert last.endswith(" km from it; give the point as lon,lat (swap the two numbers)\n")
    assert "--max-snap-km" not in last


def test_a_point_far_from_the_network_either_way_keeps_the_snap_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 60,60 (the Urals) is far from the network read either way round.
    code, _, err = run_cli(["route", "60,60", "Kars", "--mode", "corridor"], capsys)
    assert code == 2
    last = err.splitlines()[-1] + "\n"  # after the progress line of a network build
    assert last.startswith("caspian: error: FROM 60.00000,60.00000 lies ")
    assert "fix: give a place on the network, or a larger --max-snap-km" in last


@pytest.mark.parametrize("suffix", [".gpkg", ".fgb", ".parquet"])
def test_a_self_intersecting_polygon_is_refused_in_every_format_as_in_geojson(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import geopandas
    from shapely.geometry import Polygon

    # The bow-tie of validate's GeoJSON test, written by GDAL or pyarrow: it was "ok: 1
    # feature" and measured, where the same polygon in GeoJSON is refused.
    path = tmp_path / f"bowtie{suffix}"
    frame = geopandas.GeoDataFrame(
        {"name": ["bow-tie"]}, crs="EPSG:4326",
        geometry=[Polygon([(49.0, 40.0), (50.0, 41.0), (50.0, 40.0), (49.0, 41.0)])])
    if suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_file(path)
    code, out, _ = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert out == (f"{path}: feature 0: geometry (Polygon) is self-intersecting at "
                   "[49.5, 40.5]; fix it in QGIS (Vector > Geometry Tools > Fix Geometries) "
                   "or with shapely.make_valid\n")


def test_a_multipolygon_in_a_geopackage_is_read_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import geopandas
    from shapely.geometry import MultiPolygon, Polygon

    # Every MultiPolygon of a file read in batches was "geometry is a GeometryCollection,
    # which this command does not use" (type names taken in the wrong order).
    path = tmp_path / "square.gpkg"
    square = Polygon([(49.0, 40.0), (50.0, 40.0), (50.0, 41.0), (49.0, 41.0)])
    geopandas.GeoDataFrame({"name": ["square"]}, geometry=[MultiPolygon([square])],
                           crs="EPSG:4326").to_file(path)
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert (code, out, err) == (0, "ok: 1 feature\n", "")


def test_a_geometry_collection_in_a_geopackage_is_named_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import geopandas
    from shapely.geometry import GeometryCollection, LineString, Point

    # It was "IndexError: index 8 is out of bounds for axis 0 with size 8".
    path = tmp_path / "both.gpkg"
    both = GeometryCollection([Point(49.0, 40.0), LineString([(49.0, 40.0), (50.0, 41.0)])])
    geopandas.GeoDataFrame({"name": ["both"]}, geometry=[both], crs="EPSG:4326").to_file(path)
    code, out, _ = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert out == (f"{path}: feature 0: geometry is a GeometryCollection, which this command "
                   "does not use; use one of Point, MultiPoint, LineString, MultiLineString, "
                   "Polygon, MultiPolygon\n")


@pytest.mark.parametrize("wkt, problem", [
    ("LINESTRING EMPTY", "geometry is an empty LineString (no positions); give it positions or "
     "remove the feature"),
    ("LINESTRING (49 40, 49 40)", "geometry (LineString) has all positions equal, so it has no "
     "length; give it at least two distinct positions"),
    ("MULTILINESTRING ((49 40, 50 41), (49 40, 49 40))", "geometry (MultiLineString) has all "
     "positions equal, so it has no length; give it at least two distinct positions"),
])
def test_an_empty_or_lengthless_line_in_a_geopackage_is_refused_as_in_geojson(
    wkt: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import geopandas
    import shapely

    # Both were "ok: 1 feature" (and 0 km in metrics), where GeoJSON refuses them.
    path = tmp_path / "line.gpkg"
    geopandas.GeoDataFrame({"name": ["line"]}, geometry=[shapely.from_wkt(wkt)],
                           crs="EPSG:4326").to_file(path)
    code, out, _ = run_cli(["validate", str(path)], capsys)
    assert (code, out) == (2, f"{path}: feature 0: {problem}\n")


def test_a_sea_end_given_lat_lon_is_told_to_swap(capsys: pytest.CaptureFixture[str]) -> None:
    # Aktau as lat,lon (43.6,51.2) was "far from the navigable water of every basin"
    code, out, err = run_cli(["route", "43.6,51.2", "39.95,49.4", "--mode", "sea"], capsys)
    assert (code, out) == (2, "")
    assert err == ("caspian: error: 43.6000,51.2000 (lon,lat) is far from the navigable water "
                   "of every basin (Caspian Sea, Black Sea); the two numbers look swapped: as "
                   "lon,lat 51.20000,43.60000 lies at sea; give the point as lon,lat (swap the "
                   "two numbers)\n")
    # far either way (the swap of 10,10 is itself): the advice for a point far from the sea
    code, _, err = run_cli(["route", "10,10", "39.95,49.4", "--mode", "sea"], capsys)
    assert code == 2 and err.endswith("give a point at sea or a port within 15 km of the "
                                      "coast\n")


class _InterruptOnImport:
    """A finder that sends the process Ctrl-C when ``name`` is imported (a Ctrl-C in the
    first fraction of a second, while the command line is still loading)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname == self.name:
            os.kill(os.getpid(), signal.SIGINT)
        return None


def test_ctrl_c_while_the_command_line_loads_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from caspian.maps.cli.entry import run

    monkeypatch.delitem(sys.modules, "caspian.maps.cli.main", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptOnImport("caspian.maps.cli.main"),
                                           *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 130
    assert capsys.readouterr() == ("", "caspian: interrupted\n")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


@pytest.mark.parametrize("argv, flag, times", [
    # the first route was dropped without a word: the map showed Baku-Kars only
    (["map", "--route", "Aktau", "Kars", "--route", "Baku", "Kars", "-o", "x.html"],
     "--route", 2),
    # a.csv was never written, and nothing said so
    (["export", "btc_pipeline", "-o", "a.csv", "-o", "b.csv"], "-o/--output", 2),
    (["export", "btc_pipeline", "-oa.csv", "--output=b.csv", "--output", "c.csv"],
     "-o/--output", 3),
    (["route", "Aktau", "Kars", "--mode", "corridor", "--status", "planned", "--status",
      "operating"], "--status", 2),
    (["osm", "fetch", "--bbox", "44.7,38.8,46.3,39.8", "--bbox", "1,2,3,4"], "--bbox", 2),
])
def test_an_option_given_twice_is_refused_not_silently_the_last(
    argv: list[str], flag: str, times: int, capsys: pytest.CaptureFixture[str],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(argv, capsys)
    assert code == 2
    assert err.splitlines() == [f"caspian: error: {flag} was given {times} times, and only the "
                                f"last would count; give it once (see 'caspian "
                                f"{' '.join(argv[:2 if argv[0] == 'osm' else 1])} --help')"]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("argv", [
    ["map", "context", "--add", "a.geojson", "--add", "b.geojson", "--help"],  # repeatable
    ["route", "Aktau", "Kars", "--mode", "corridor", "--via", "Baku", "--via", "Tbilisi",
     "--help"],
    ["map", "--offline", "--offline", "--help"],  # a switch twice says the same thing
])
def test_repeatable_options_and_switches_may_be_given_twice(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(argv, capsys)
    assert code == 0 and out.startswith("Usage: caspian ")
