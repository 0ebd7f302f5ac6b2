"""The sea-graph cache: a damaged file is rebuilt with a line saying so, never a traceback or
an "aborted"; the cache folder's variable is checked."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import shapely
from caspian.geo.errors import InputError
from caspian.layers.routing.sea import (
    DamagedCacheError,
    basins,
    cache_dir,
    load_sea_router,
    read_graph_file,
    sea_route,
    sea_router_info,
)
from cli_support import run_cli
from hostile_support import one_error_line, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sea_reference import CASPIAN_PORTS

Arrays = dict[str, np.ndarray]


@pytest.fixture(scope="module")
def cached() -> dict[str, Path]:
    """The good cache file of each basin (built once for the session's router)."""
    return {basin: Path(path) for basin, path in sea_router_info().cache_files.items()}


def _arrays(path: Path) -> Arrays:
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def _npz(arrays: Arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _meta(arrays: Arrays, **changes: object) -> np.ndarray:
    meta = {**json.loads(arrays["meta"].tobytes()), **changes}
    return np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)


def _with(**changes: Callable[[Arrays], np.ndarray]) -> Callable[[Arrays], bytes]:
    return lambda arrays: _npz({**arrays, **{k: f(arrays) for k, f in changes.items()}})


DAMAGE: dict[str, tuple[Callable[[Arrays], bytes], str]] = {
    "empty file": (lambda arrays: b"", "EOFError"),
    "not a zip": (lambda arrays: b"not a graph", "ValueError"),
    "cut short": (lambda arrays: _npz(arrays)[:5000], "BadZipFile"),
    "bad WKB": (_with(navigable=lambda a: np.frombuffer(b"\x01\x03garbage", np.uint8)),
                "WKB"),
    "WKB of a line": (_with(navigable=lambda a: np.frombuffer(
        shapely.to_wkb(shapely.LineString([(0, 0), (1, 1)])), np.uint8)), "not a polygon"),
    "edges out of range": (_with(edges=lambda a: a["edges"] + 10**6), "edges name vertices"),
    "negative edge": (_with(edges=lambda a: a["edges"] - a["edges"].max() - 1),
                      "edges name vertices"),
    "truncated vertices": (_with(vertices_xy=lambda a: a["vertices_xy"][:10]),
                           "expected (10, 2)"),
    "truncated lengths": (_with(edge_lengths_m=lambda a: a["edge_lengths_m"][:-1]),
                          "edge_lengths_m has shape"),
    "edges as floats": (_with(edges=lambda a: a["edges"].astype(float)), "not an array of "
                        "integers"),
    "coordinates as text": (_with(vertices_lonlat=lambda a: a["vertices_lonlat"].astype(str)),
                            "not an array of float64"),
    "NaN coordinate": (_with(vertices_xy=lambda a: np.where(
        np.arange(a["vertices_xy"].size).reshape(-1, 2) == 0, np.nan, a["vertices_xy"])),
                       "not finite"),
    "flat vertices": (_with(vertices_xy=lambda a: a["vertices_xy"].ravel()), "shape"),
    "missing edges": (lambda arrays: _npz({k: v for k, v in arrays.items() if k != "edges"}),
                      "KeyError"),
    "meta not JSON": (_with(meta=lambda a: np.frombuffer(b"\xff\xfe", np.uint8)),
                      "UnicodeDecodeError"),
    "meta a list": (_with(meta=lambda a: np.frombuffer(b"[1]", np.uint8)), "TypeError"),
    "another clearance": (_with(meta=lambda a: _meta(a, clearance_m=50.0)), "50.0 m"),
    "path table cut": (_with(path_lengths_m=lambda a: a["path_lengths_m"][:-1]),
                       "path_lengths_m has shape"),
    "negative path": (_with(path_lengths_m=lambda a: -a["path_lengths_m"]), "negative or NaN"),
    "predecessor out of range": (_with(predecessors=lambda a: a["predecessors"] + 10_000),
                                 "predecessors name vertices"),
    "predecessors as floats": (_with(predecessors=lambda a: a["predecessors"].astype(float)),
                               "predecessors is not an array of integers"),
    "missing path table": (lambda arrays: _npz({k: v for k, v in arrays.items()
                                                if k != "predecessors"}), "KeyError"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_file_is_refused_with_what_is_wrong(
    tmp_path: Path, cached: dict[str, Path], damage: str
) -> None:
    make, reason = DAMAGE[damage]
    path = tmp_path / cached["caspian"].name
    path.write_bytes(make(_arrays(cached["caspian"])))
    definitions, clearance_m = basins()
    with pytest.raises(DamagedCacheError, match=re.escape(reason)):
        read_graph_file(path, definitions[0], clearance_m)


def test_the_other_basins_file_is_refused(tmp_path: Path, cached: dict[str, Path]) -> None:
    definitions, clearance_m = basins()
    caspian = next(basin for basin in definitions if basin.id == "caspian")
    with pytest.raises(DamagedCacheError, match="'black_sea' graph"):
        read_graph_file(cached["black_sea"], caspian, clearance_m)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_cut_or_flipped_byte_is_read_whole_or_refused(
    tmp_path: Path, cached: dict[str, Path], data: st.DataObject
) -> None:
    good = cached["caspian"].read_bytes()
    position = data.draw(st.integers(0, len(good) - 1))
    damaged = bytearray(good)
    if data.draw(st.booleans()):
        del damaged[position:]
    else:
        damaged[position] ^= data.draw(st.integers(1, 255))
    path = tmp_path / "graph.npz"
    path.write_bytes(bytes(damaged))
    definitions, clearance_m = basins()
    try:
        graph, paths = read_graph_file(path, definitions[0], clearance_m)
    except DamagedCacheError:
        return
    # read whole: a flip the zip ignores (in a header field that does not matter)
    assert graph.edges.max() < graph.vertices_xy.shape[0]
    assert paths.predecessors.max() < graph.vertices_xy.shape[0]


def test_damaged_caches_are_rebuilt_with_a_line_saying_so(
    tmp_path: Path, cached: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    for basin, damage in (("caspian", "bad WKB"), ("black_sea", "truncated vertices")):
        make, _ = DAMAGE[damage]
        (tmp_path / cached[basin].name).write_bytes(make(_arrays(cached[basin])))
    with caplog.at_level(logging.WARNING, logger="caspian"):
        router, info = load_sea_router(folder=tmp_path)
    assert info.from_cache == {"caspian": False, "black_sea": False}
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert "the sea graph of the Caspian Sea cached in" in lines[0]
    assert "is damaged (GEOSException: ParseException" in lines[0]
    assert "is damaged (previous_xy has shape" in lines[1] and lines[1].endswith("rebuilding it")
    rebuilt = router.route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"])
    assert rebuilt.length_km == sea_route(CASPIAN_PORTS["aktau"], CASPIAN_PORTS["alat"]).length_km
    assert all(load_sea_router(folder=tmp_path)[1].from_cache.values())  # rewritten whole


def test_an_empty_cache_file_is_rebuilt_not_an_abort(tmp_path: Path,
                                                     cached: dict[str, Path]) -> None:
    folder = tmp_path / "cache" / "sea-graphs"
    folder.mkdir(parents=True)
    (folder / cached["caspian"].name).write_bytes(b"")
    edges, _ = DAMAGE["edges out of range"]
    (folder / cached["black_sea"].name).write_bytes(edges(_arrays(cached["black_sea"])))
    result = subprocess.run(
        [sys.executable, "-m", "caspian.maps", "route", "aktau_port/aktau", "baku_port/alat",
         "--mode", "sea", "--format", "json"],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "CASPIAN_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (f"caspian: the sea graph of the Caspian Sea cached in "
                        f"{folder / cached['caspian'].name} is damaged (EOFError: No data left "
                        "in file); rebuilding it")
    assert "Black Sea" in lines[1] and "edges name vertices outside 0.." in lines[1]
    assert "aborted" not in result.stderr and "Traceback" not in result.stderr
    route = json.loads(result.stdout)["features"][0]
    from caspian.layers.catalog.endpoints import resolve_endpoint

    aktau, alat = (resolve_endpoint(name) for name in ("aktau_port/aktau", "baku_port/alat"))
    expected = sea_route((aktau.lon, aktau.lat), (alat.lon, alat.lat)).length_km
    assert route["properties"]["length_km"] == pytest.approx(expected, abs=0.05)
    assert (folder / cached["caspian"].name).stat().st_size > 100_000


def test_an_unexpected_end_of_data_is_a_bug_not_ctrl_d(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # click reports any EOFError as "Aborted!", exit 130: the empty cache file's old symptom.
    from caspian.maps.cli import catalog  # the command's own name for the function

    def truncated(*args: object, **kwargs: object) -> None:
        raise EOFError("No data left in file")

    monkeypatch.setattr(catalog, "load_catalog", truncated)
    with pytest.raises(RuntimeError, match="unexpected end of data: No data left in file"):
        run_cli(["layers"], capsys)
    assert "aborted" not in capsys.readouterr().err


def test_a_tilde_cache_folder_is_the_home_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CASPIAN_CACHE_DIR", "~")
    assert cache_dir() == tmp_path / "home" / "sea-graphs"
    monkeypatch.setenv("CASPIAN_CACHE_DIR", "~/caches")
    assert cache_dir() == tmp_path / "home" / "caches" / "sea-graphs"


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("CASPIAN_CACHE_DIR", "\t\n", "CASPIAN_CACHE_DIR holds only blanks ('\\t\\n')"),
    ("CASPIAN_CACHE_DIR", "~no-such-user-here/cache", "CASPIAN_CACHE_DIR='~no-such-user-here/"
     "cache' starts with the home folder of an unknown user"),
    ("XDG_CACHE_HOME", "  ", "XDG_CACHE_HOME holds only blanks ('  ')"),
])
def test_a_blank_cache_variable_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.delenv("CASPIAN_CACHE_DIR")
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=f"^{re.escape(problem)}.*; set {name} to a folder, "
                       "or unset it$"):
        cache_dir()


def test_a_blank_cache_folder_is_one_line_and_makes_no_folder(tmp_path: Path) -> None:
    result = run("route", "aktau_port/aktau", "baku_port/alat", "--mode", "sea",
                 env={"CASPIAN_CACHE_DIR": " "}, cwd=tmp_path)
    assert one_error_line(result) == ("caspian: error: CASPIAN_CACHE_DIR holds only blanks "
                                      "(' '); set CASPIAN_CACHE_DIR to a folder, or unset it")
    assert list(tmp_path.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored_as_the_xdg_spec_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The XDG Base Directory Specification: "If an implementation encounters a relative path
    # in any of these variables it should consider the path invalid and ignore it."
    # XDG_CACHE_HOME=cache made the cache a folder 'cache/caspian-gis' where the command ran.
    monkeypatch.delenv("CASPIAN_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    assert cache_dir() == tmp_path / "home" / ".cache" / "caspian-gis" / "sea-graphs"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "caspian-gis" / "sea-graphs"
