"""No input can take the memory down: work grows with the file, whatever keys its features
carry, and running out of memory anyway is one line naming what was too big, not a traceback."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from caspian.geo.errors import InputError
from caspian.layers.io.userdata import MAX_PROPERTY_COLUMNS, read_user_features, read_user_geojson
from cli_support import run_cli
from hostile_support import LINE, run_limited, user_file

#: Features of the wide file, and property keys each brings of its own.
WIDE_FEATURES = 5000
KEYS_PER_FEATURE = 100

#: Address space the commands get for the 8 MB wide file. A table of one column per key
#: needs 18.6 GiB there (5,000 x 500,001 cells); the commands take about 2 GiB.
LIMIT_BYTES = 4 * 2**30

#: Geodesic length of hostile_support.LINE, km (every feature of the wide file has it).
LINE_KM = 375.2


def _wide_collection(features: int) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": index, "geometry": LINE,
         "properties": {f"k{index}_{key}": key for key in range(KEYS_PER_FEATURE)}}
        for index in range(features)
    ]}


@pytest.fixture(scope="module")
def wide_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 features, each with 100 property keys no other feature has: 8 MB."""
    path = tmp_path_factory.mktemp("wide") / "wide_5000.geojson"
    path.write_text(json.dumps(_wide_collection(WIDE_FEATURES)), encoding="utf-8")
    assert path.stat().st_size > 8_000_000
    return path


def test_validate_reads_a_file_of_500000_distinct_keys_under_a_memory_limit(
    wide_file: Path,
) -> None:
    result = run_limited("validate", str(wide_file), address_space_bytes=LIMIT_BYTES)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.decode().strip() == f"ok: {WIDE_FEATURES} features"


def test_metrics_measures_a_file_of_500000_distinct_keys_under_a_memory_limit(
    wide_file: Path,
) -> None:
    result = run_limited("metrics", "--file", str(wide_file), "--format", "json",
                         address_space_bytes=LIMIT_BYTES)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads(result.stdout)
    assert [row["feature"] for row in rows] == [str(index) for index in range(WIDE_FEATURES)]
    assert all(round(row["length_km"], 1) == LINE_KM for row in rows)


def test_map_draws_a_file_of_500000_distinct_keys_under_a_memory_limit(
    wide_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "wide.html"
    result = run_limited("map", "aktau_port", "--add", str(wide_file), "-o", str(out),
                         address_space_bytes=LIMIT_BYTES)
    assert result.returncode == 0, result.stderr[-2000:]
    html = out.read_text(encoding="utf-8")
    # Each popup holds its feature's own properties (and no other feature's keys).
    assert "k4999_99" in html and "k0_0" in html
    assert html.count("k17_") == KEYS_PER_FEATURE


def test_more_distinct_keys_than_columns_are_refused_in_one_line(tmp_path: Path) -> None:
    features = MAX_PROPERTY_COLUMNS // KEYS_PER_FEATURE + 1
    path = tmp_path / "wide.geojson"
    path.write_text(json.dumps(_wide_collection(features)), encoding="utf-8")
    keys = features * KEYS_PER_FEATURE
    with pytest.raises(InputError, match=f"have {keys:,} distinct property keys, too many "
                       f"for one column each \\(at most {MAX_PROPERTY_COLUMNS:,}\\); name the "
                       "columns you need"):
        read_user_geojson(path)


def test_named_columns_and_records_read_a_file_of_too_many_keys(tmp_path: Path) -> None:
    features = MAX_PROPERTY_COLUMNS // KEYS_PER_FEATURE + 1
    path = tmp_path / "wide.geojson"
    path.write_text(json.dumps(_wide_collection(features)), encoding="utf-8")
    frame = read_user_geojson(path, columns=["k1_7", "not_there"])
    assert list(frame.columns) == ["k1_7", "id", "geometry"]
    assert frame["k1_7"].iloc[1] == 7 and math.isnan(frame["k1_7"].iloc[0])
    frame, properties = read_user_features(path, columns=())
    assert list(frame.columns) == ["id", "geometry"]
    assert properties[3] == {f"k3_{key}": key for key in range(KEYS_PER_FEATURE)}


def test_a_small_file_is_read_without_reserving_the_size_limit(tmp_path: Path) -> None:
    # Under 256 MiB of address space to spare, a 1 kB file must be readable: reading it
    # with read(512 MiB + 1) reserves the whole bound first.
    path = user_file(tmp_path)
    script = (
        "import resource, sys\n"
        "from caspian.layers.io.fileio import read_input_bytes\n"
        "size = next(int(line.split()[1]) for line in open('/proc/self/status')\n"
        "            if line.startswith('VmSize:')) * 1024\n"
        "limit = size + 256 * 2**20\n"
        "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
        "print(len(read_input_bytes(sys.argv[1])))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == path.stat().st_size


def _array_memory_error() -> MemoryError:
    import numpy as np

    try:
        from numpy._core._exceptions import _ArrayMemoryError
    except ImportError:  # numpy < 2
        from numpy.core._exceptions import _ArrayMemoryError
    return _ArrayMemoryError((5000, 500001), np.dtype(object))


def _geos_bad_alloc() -> Exception:
    import shapely.errors

    return shapely.errors.GEOSException("std::bad_alloc")


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (_array_memory_error, "Unable to allocate 18.6 GiB for an array with shape "
                              "(5000, 500001) and data type object"),
        (MemoryError, "big.geojson (0.0 MiB); give a smaller file"),
        (lambda: ImportError("/venv/lib/pyogrio.libs/libgdal-253d08a6.so.38: failed to map "
                             "segment from shared object"),
         "a library could not be loaded (libgdal-253d08a6.so.38: failed to map segment from "
         "shared object)"),
        (lambda: OSError(12, "Cannot allocate memory"),
         "the system refused memory (Cannot allocate memory)"),
        (_geos_bad_alloc, "shapely could not allocate memory (std::bad_alloc)"),
    ],
    ids=["numpy", "MemoryError", "ImportError", "ENOMEM", "GEOS"],
)
def test_out_of_memory_is_one_line_naming_the_file_and_a_fix(
    tmp_path: Path, capsys, monkeypatch, error, detail: str
) -> None:
    import caspian.layers.metrics

    path = user_file(tmp_path, name="big.geojson")

    def measure_out_of_memory(*args, **kwargs):
        raise error()

    monkeypatch.setattr(caspian.layers.metrics, "metrics_frame", measure_out_of_memory)
    code, out, err = run_cli(["metrics", "--file", str(path)], capsys)
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith(f"caspian: error: out of memory while working on {path} (0.0 MiB")
    assert detail in line
    assert line.endswith("; give a smaller file (split it) or free some memory") or line.endswith(
        "; give a smaller file (split it) or raise the memory limit (ulimit -v)")


def test_out_of_memory_before_any_file_is_read_names_no_file(capsys, monkeypatch) -> None:
    import caspian.maps.cli.metrics  # the command's own name for the function

    def measure_out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(caspian.maps.cli.metrics, "catalog_metrics", measure_out_of_memory)
    code, _, err = run_cli(["metrics", "aktau_port"], capsys)
    assert code == 2 and "Traceback" not in err
    assert err.startswith("caspian: error: out of memory") and "working on" not in err


def test_an_import_error_that_is_not_memory_stays_a_bug(capsys, monkeypatch) -> None:
    import caspian.maps.cli.metrics

    def broken(*args, **kwargs):
        raise ImportError("cannot import name 'x' from 'y'")

    monkeypatch.setattr(caspian.maps.cli.metrics, "catalog_metrics", broken)
    with pytest.raises(ImportError, match="cannot import name"):
        run_cli(["metrics", "aktau_port"], capsys)



@pytest.mark.parametrize("command", ["metrics", "validate", "map"])
def test_a_streamed_file_of_more_fields_than_columns_is_refused_in_one_line(
    tmp_path: Path, capsys, command: str
) -> None:
    # GeoJSON Lines go through GDAL, whose schema holds every key of every feature as a
    # field: a batch then has a cell per row and field.
    features = MAX_PROPERTY_COLUMNS // KEYS_PER_FEATURE + 1
    path = tmp_path / "wide.geojsonl"
    path.write_text("".join(json.dumps(feature) + "\n" for feature in
                            _wide_collection(features)["features"]), encoding="utf-8")
    argv = {"metrics": ["metrics", "--file", str(path)], "validate": ["validate", str(path)],
            "map": ["map", "aktau_port", "--add", str(path), "-o", str(tmp_path / "m.html")]}
    code, out, err = run_cli(argv[command], capsys)
    assert code == 2 and "Traceback" not in err
    # validate lists problems on stdout; the other commands have one error line on stderr
    (line,) = (out if command == "validate" else err).strip().splitlines()
    assert (f"wide.geojsonl: the file has {features * KEYS_PER_FEATURE:,} attribute fields, too "
            f"many for one column each (at most {MAX_PROPERTY_COLUMNS:,}); keep the fields you "
            "need") in line
    assert not (tmp_path / "m.html").exists()
