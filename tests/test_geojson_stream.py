"""A GeoJSON FeatureCollection too large to read whole, read a batch of features at a time:
the same features, the same measurements and the same problems as the strict whole read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas
import pytest
from caspian.geo.errors import InputError
from caspian.layers.io import geojson_stream, userfiles
from caspian.layers.io.geojson_stream import CollectionReader
from caspian.layers.io.userdata import UnusableError, read_user_geojson, validate_geojson
from caspian.layers.io.userfiles import (
    read_user_file,
    streams,
    user_batches,
    validate_user_file,
)
from caspian.layers.metrics import INPUT_COLUMNS, batches_metrics, file_metrics, metrics_frame
from cli_support import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from test_userdata_validation import EACH_MALFORMED

DATA = Path(__file__).parent / "data"


def _network(features: int) -> dict:
    """A FeatureCollection of ``features`` short ways in Azerbaijan and Kazakhstan, with
    names (some Cyrillic, one with an escape), statuses and a published length."""
    rng = np.random.default_rng(7)
    starts = np.column_stack([rng.uniform(46.5, 52.0, features),
                              rng.uniform(40.0, 44.0, features)])
    return {"type": "FeatureCollection", "name": "ways", "features": [
        {"type": "Feature", "id": f"w{i}",
         "properties": {"name": f"путь {i}" if i % 3 else f"way \u00e9 {i}",
                        "status": ("operating", "proposed")[i % 2],
                        **({"published_length_km": 12.5} if i == 5 else {})},
         "geometry": {"type": "LineString", "coordinates": np.round(
             start + np.cumsum(rng.normal(0, 0.01, (6, 2)), axis=0), 6).tolist()}}
        for i, start in enumerate(starts)]}


def _streamed(path: Path, batch_size: int, chunk_bytes: int) -> tuple[list, dict]:
    reader = CollectionReader(path, batch_size, chunk_bytes=chunk_bytes)
    features = [feature for batch in reader.batches() for feature in batch.features]
    return features, reader.members


def _one_problem_streamed_alike(path: Path, chunk_bytes: int) -> str:
    """The whole read's one problem of ``path``, after checking that the stream read in
    chunks of ``chunk_bytes`` stops at the same words."""
    (whole,) = validate_geojson(path)
    with pytest.raises(UnusableError) as info:
        _streamed(path, 2, chunk_bytes)
    assert str(info.value) == whole.message
    return whole.message


def _plain(frame: pandas.DataFrame) -> pandas.DataFrame:
    frame = frame.reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None)


@pytest.mark.parametrize("chunk_bytes", [1, 7, 4096])
def test_the_features_and_members_are_the_file_s_whatever_the_chunks(
    tmp_path: Path, chunk_bytes: int
) -> None:
    doc = _network(40)
    doc["bbox"] = [46.0, 40.0, 52.5, 44.5]
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=chunk_bytes == 7), encoding="utf-8")
    features, members = _streamed(path, 6, chunk_bytes)
    assert features == doc["features"]
    assert members == {"type": "FeatureCollection", "name": "ways",
                       "bbox": [46.0, 40.0, 52.5, 44.5]}


def test_measured_batch_by_batch_equals_the_whole_read(tmp_path: Path) -> None:
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(_network(300)), encoding="utf-8")
    streamed = batches_metrics(user_batches(path, columns=INPUT_COLUMNS, batch_size=64),
                               layer="ways", by_country=True)
    whole = metrics_frame(read_user_geojson(path, columns=INPUT_COLUMNS), layer="ways",
                          by_country=True)
    pandas.testing.assert_frame_equal(_plain(streamed), _plain(whole))
    countries = {country for split in whole["by_country_km"] for country in split}
    assert {"AZE", "KAZ", "sea"} <= countries  # the split has real work: land and sea
    assert streamed["feature"].tolist()[:2] == ["w0", "w1"]


def test_batches_number_the_features_over_the_whole_file(tmp_path: Path) -> None:
    doc = _network(10)
    for feature in doc["features"]:
        del feature["id"]
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    batches = list(user_batches(path, batch_size=4))
    assert [len(batch) for batch in batches] == [4, 4, 2]
    assert np.concatenate([batch["id"] for batch in batches]).tolist() == list(range(10))


@EACH_MALFORMED
def test_a_streamed_file_has_the_problems_of_the_whole_read(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "user.geojson"
    path.write_text(text, encoding="utf-8")
    whole = [(problem.index, problem.message) for problem in validate_geojson(path)]
    _, problems = validate_user_file(path)
    streamed = [(problem.index, problem.message) for problem in problems]
    if text.lstrip()[:1] in ("[", '"'):
        # a top level that is no object: refused at its first character, not decoded whole
        assert streamed == [(None, streamed[0][1])]
        assert streamed[0][1].startswith("not GeoJSON: the top level is a ")
    else:  # a collection, or a single Feature or geometry (then decoded whole, as it is)
        assert streamed == whole


@pytest.mark.parametrize("top", ["Feature", "geometry"])
def test_a_single_feature_or_geometry_streamed_is_read_as_the_whole_read_reads_it(
    tmp_path: Path, top: str
) -> None:
    feature = _network(1)["features"][0]
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(feature if top == "Feature" else feature["geometry"]),
                    encoding="utf-8")
    (streamed,) = user_batches(path)
    whole = read_user_geojson(path)
    pandas.testing.assert_frame_equal(_plain(streamed), _plain(whole))
    assert validate_user_file(path) == (1, [])


def test_a_streamed_file_on_the_map_keeps_each_feature_s_properties_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _network(3)
    doc["features"][1]["properties"]["tracks"] = 2  # an integer only one feature has
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    whole_frame, whole_own = read_user_file(path, columns=())
    monkeypatch.setattr(userfiles, "STREAMED_GEOJSON_BYTES", 100)
    assert streams(path)
    frame, own = read_user_file(path, columns=())
    assert own == whole_own == [feature["properties"] for feature in doc["features"]]
    assert own[1]["tracks"] == 2 and isinstance(own[1]["tracks"], int)  # not 2.0 of a column
    assert list(frame.columns) == ["id", "geometry"]
    assert frame["geometry"].equals(whole_frame["geometry"])


@pytest.mark.parametrize("text", [
    '{"type":"FeatureCollection","features":[' + "[" * 100000 + "]" * 100000 + "]}",
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"abc',
    '{"type":"FeatureCollection","features":[],"features":[]}',
    '{"type":"FeatureCollection","features":null}',
    '\x00{}',
    '{"type":"FeatureCollection","f\\u0065atures":[{"type":"Feature","properties":{},'
    '"geometry":{"type":"Point","coordinates":[1,2]}}]}',
], ids=["nested", "unterminated", "features twice", "features null", "nul", "escaped key"])
def test_hostile_collections_have_the_problems_of_the_whole_read(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "hostile.geojson"
    path.write_text(text, encoding="utf-8")
    whole = [(problem.index, problem.message) for problem in validate_geojson(path)]
    assert [(problem.index, problem.message) for problem in validate_user_file(path)[1]] == whole


def test_ids_are_compared_across_batches(tmp_path: Path) -> None:
    doc = _network(9)
    doc["features"][8]["id"] = "w1"
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match=r"ways.geojson: feature 8 \(id 'w1'\): duplicate id "
                       r"'w1' \(feature 1 has it too\)"):
        list(user_batches(path, batch_size=4))


@pytest.mark.parametrize(("text", "line", "column"), [
    ('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature"}\n  {}]}', 4, 3),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "x": tru}]}', 1, 69),
    ('{"type": "FeatureCollection"\n "features": []}', 2, 2),
    ('{"type": "FeatureCollection", "features": []} []', 1, 47),
    ('{"type": "FeatureCollection", 7: []}', 1, 31),
])
@pytest.mark.parametrize("chunk_bytes", [1, 5, 4096])
def test_invalid_json_is_placed_as_the_whole_read_places_it(
    tmp_path: Path, text: str, line: int, column: int, chunk_bytes: int
) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(text, encoding="utf-8")
    message = _one_problem_streamed_alike(path, chunk_bytes)
    assert message.startswith(f"invalid JSON at line {line} column {column}: ")


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 4096])
def test_a_byte_that_is_not_utf8_is_placed_as_the_whole_read_places_it(
    tmp_path: Path, chunk_bytes: int
) -> None:
    path = tmp_path / "latin1.geojson"
    text = json.dumps(_network(2), ensure_ascii=False, indent=2)
    position = text.index("way é")
    path.write_bytes(text[:position].encode() + "way é".encode("latin-1")
                     + text[position + 5:].encode())
    message = _one_problem_streamed_alike(path, chunk_bytes)
    assert message.startswith("not UTF-8: byte 0xe9 at line ")


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 4096])
def test_a_byte_order_mark_is_no_column_of_the_first_line(
    tmp_path: Path, chunk_bytes: int
) -> None:
    path = tmp_path / "bom.geojson"
    path.write_bytes(b'\xef\xbb\xbf{"type": "FeatureCollection", "name": "\xe9", "features": []}')
    message = _one_problem_streamed_alike(path, chunk_bytes)
    # the byte itself named (not the one three bytes on), at its column after the mark
    assert message.startswith("not UTF-8: byte 0xe9 at line 1 column 40; ")


def test_a_file_cut_inside_a_character_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": [], "name": "\xd0')
    with pytest.raises(UnusableError, match="not UTF-8: byte 0xd0 at line 1 column 56"):
        _streamed(path, 2, 3)


def test_a_value_longer_than_one_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(geojson_stream, "MAX_VALUE_CHARS", 100)
    path = tmp_path / "long.geojson"
    path.write_text(json.dumps(_network(3)), encoding="utf-8")
    assert len(_streamed(path, 2, 1000)[0]) == 3  # each feature read at once is whole
    with pytest.raises(UnusableError, match="one value of the file is longer than 0 MiB"):
        _streamed(path, 2, 50)


@settings(max_examples=60, deadline=None)
@given(features=st.lists(st.fixed_dictionaries({
    "type": st.just("Feature"),
    "properties": st.dictionaries(st.text(max_size=4), st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=6)), max_size=3),
    "geometry": st.fixed_dictionaries({"type": st.just("Point"), "coordinates": st.tuples(
        st.floats(-180, 180), st.floats(-90, 90)).map(list)})}), max_size=12),
    indent=st.sampled_from([None, 0, 1, 3]), ascii_only=st.booleans(),
    chunk_bytes=st.integers(1, 64), batch_size=st.integers(1, 5))
def test_any_collection_streams_to_what_json_reads(
    tmp_path_factory: pytest.TempPathFactory, features: list, indent: int | None,
    ascii_only: bool, chunk_bytes: int, batch_size: int,
) -> None:
    path = tmp_path_factory.mktemp("property") / "fc.geojson"
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, indent=indent, ensure_ascii=ascii_only),
                    encoding="utf-8", errors="surrogatepass")
    try:
        expected = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        with pytest.raises(UnusableError, match="not UTF-8"):
            _streamed(path, batch_size, chunk_bytes)
        return
    streamed, members = _streamed(path, batch_size, chunk_bytes)
    assert streamed == expected["features"]
    assert members == {"type": "FeatureCollection"}


def test_only_geojson_larger_than_the_whole_read_streams(tmp_path: Path) -> None:
    path = tmp_path / "ways.geojson"
    path.write_text(json.dumps(_network(3)), encoding="utf-8")
    size = path.stat().st_size
    assert (streams(path), streams(path, whole_bytes=size - 1)) == (False, True)
    assert streams(tmp_path / "missing.geojson", whole_bytes=0) is False
    assert streams(DATA / "rail_network.osm.pbf") is False


def test_a_collection_beyond_512_mib_is_measured_and_validated_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = tmp_path / "ways.geojson"
    doc = _network(50)
    small.write_text(json.dumps(doc), encoding="utf-8")
    big = tmp_path / "big.geojson"
    padding = " " * (1 << 24)
    try:
        with open(big, "w", encoding="utf-8") as handle:
            handle.write('{"type": "FeatureCollection", "name": "ways", "features": [\n')
            for index, feature in enumerate(doc["features"]):
                handle.write(("," if index else "") + json.dumps(feature))
                if index % 10 == 0:  # 5 x 104 MiB of white space between features
                    for _ in range(104 // 16):
                        handle.write(padding)
                    handle.write(padding[:(104 % 16) << 20])
            handle.write("]}\n")
        assert big.stat().st_size > 512 << 20
        expected = run_cli(["metrics", "--file", str(small), "--by", "country"], capsys)
        measured = run_cli(["metrics", "--file", str(big), "--by", "country"], capsys)
        assert expected[0] == measured[0] == 0
        assert measured[1] == expected[1].replace("ways ", "big  ")
        assert run_cli(["validate", str(big)], capsys) == (0, "ok: 50 features\n", "")
        assert file_metrics(big)["length_km"].sum() == pytest.approx(
            file_metrics(small)["length_km"].sum(), abs=1e-9)
        (frame, own), (small_frame, small_own) = read_user_file(big), read_user_file(small)
        assert own == small_own and frame["geometry"].equals(small_frame["geometry"])
    finally:
        big.unlink(missing_ok=True)
