"""OSM files osmnx would misread: too large, ids that are not OSM ids, a node given twice,
ways without their nodes, broken structure. One line naming the element and the fix, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from caspian.geo.errors import InputError
from caspian.layers.osm.extracts import OSM_TAGS, parse_bbox, rail_ways, read_osm_features
from caspian.layers.osm.overpass import OsmSettings
from caspian.layers.routing.rail import load_rail
from cli_support import run_cli
from osm_fixtures import RAIL_PBF, RAIL_XML, lonlat

RAIL_TAGS = "railway=rail|construction|proposed|disused|abandoned|station|halt"


def _edited(folder: Path, old: str, new: str, name: str = "edited.osm") -> Path:
    """The test network with ``old`` (found exactly once) replaced by ``new``."""
    text = RAIL_XML.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = folder / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _route_error(path: Path, capsys) -> str:
    code, out, err = run_cli(["route", lonlat(1), lonlat(6), "--mode", "rail", "--osm-file",
                              str(path)], capsys)
    assert code == 2 and out == "", (code, out, err)
    (line,) = err.strip().splitlines()
    assert line.startswith("caspian: error: ") and "Traceback" not in err
    return line


def test_an_osm_file_larger_than_the_bound_is_refused_before_parsing(
    tmp_path: Path, capsys
) -> None:
    huge = tmp_path / "huge.osm"
    with huge.open("wb") as handle:
        handle.truncate(600 * 2**20)  # sparse: 600 MiB on paper, nothing on disk
    line = _route_error(huge, capsys)
    assert "huge.osm: file is 600 MiB; caspian reads files up to 512 MiB" in line


def test_the_osm_bound_can_be_set_by_a_library_caller() -> None:
    with pytest.raises(InputError, match=re.escape("rail_network.osm: file is 0 MiB; caspian "
                                                   "reads files up to 0 MiB")):
        read_osm_features(RAIL_XML, OSM_TAGS["rail"], max_bytes=1000)


def test_a_pbf_whose_matching_objects_make_too_much_xml_is_refused() -> None:
    size = RAIL_PBF.stat().st_size
    with pytest.raises(InputError, match=f"its objects tagged {re.escape(RAIL_TAGS)} and their "
                       "nodes make 0.0 MiB of OSM XML, more than the 0.0 MiB caspian parses; "
                       "cut the extract to a smaller area"):
        read_osm_features(RAIL_PBF, OSM_TAGS["rail"], max_bytes=size + 1)


def test_a_node_given_twice_at_different_positions_is_refused(tmp_path: Path, capsys) -> None:
    # Node 2 again, 100 degrees east: osmnx kept the last one and the route went round the
    # globe and back.
    node = '<node id="2" lat="39.0100" lon="45.0400" version="1" timestamp="2026-02-01T00:00:00Z"/>'
    path = _edited(tmp_path, node, node + node.replace('lon="45.0400"', 'lon="145.0400"'))
    line = _route_error(path, capsys)
    assert ("node 2 is given twice, at lon 45.04, lat 39.01 and at lon 145.04, lat 39.01, so its "
            "ways could be drawn through either; keep one of them") in line


def test_a_node_given_twice_at_one_position_is_read(tmp_path: Path) -> None:
    node = '<node id="2" lat="39.0100" lon="45.0400" version="1" timestamp="2026-02-01T00:00:00Z"/>'
    path = _edited(tmp_path, node, node + node.replace('"39.0100"', '"39.01"'))
    assert sorted(rail_ways(read_osm_features(path, OSM_TAGS["rail"]))["osm_id"]) == [
        101, 102, 103, 104, 201, 202,
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('<way id="101"', '<way id="9223372036854775808"',
         "way id '9223372036854775808' is not an OSM id; fix or remove that way"),
        ('<way id="101"', '<way id="1e30"', "way id '1e30' is not an OSM id"),
        ('<node id="5"', '<node id="-9223372036854775808"',
         "node id '-9223372036854775808' is not an OSM id"),
        ('<way id="202" version="1" timestamp="2026-02-13T00:00:00Z">\n    <nd ref="13"/>',
         '<way id="202" version="1" timestamp="2026-02-13T00:00:00Z">\n    <nd ref="1.5"/>',
         "a reference ref='1.5' in a way is not an OSM id; fix or remove that reference"),
    ],
    ids=["2^63", "1e30", "-2^63", "ref 1.5"],
)
def test_an_id_that_is_not_an_osm_id_is_refused_naming_the_element(
    tmp_path: Path, capsys, old: str, new: str, message: str
) -> None:
    line = _route_error(_edited(tmp_path, old, new), capsys)
    assert message in line.replace(" (a whole number below 2^63 in size)", "")
    assert "position" not in line


def test_the_largest_osm_id_is_kept_exact(tmp_path: Path) -> None:
    path = _edited(tmp_path, '<way id="101"', '<way id="9223372036854775807"')
    ways = rail_ways(read_osm_features(path, OSM_TAGS["rail"]))
    assert 9223372036854775807 in ways["osm_id"].tolist()


def test_ways_without_their_nodes_are_named_as_such(tmp_path: Path, capsys) -> None:
    text = RAIL_XML.read_text(encoding="utf-8")
    without = re.sub(r"<node [^>]*/>\s*|<node [^>]*[^/]>.*?</node>\s*", "", text, flags=re.S)
    assert "<node" not in without and "<way" in without
    path = tmp_path / "ways_only.osm"
    path.write_text(without, encoding="utf-8")
    line = _route_error(path, capsys)
    assert (f"ways_only.osm has ways tagged {RAIL_TAGS} but not their nodes (way 101 uses node "
            "1, which is missing), so none can be drawn; extract the ways together with their "
            "nodes") in line
    assert "has no feature tagged" not in line


def test_a_way_that_lacks_one_of_its_nodes_is_said_to_be_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # osmnx drops a way whose nodes the file lacks (a clipped extract); the route was then
    # made over the other ways without a word, or refused as "no railway track"
    path = _edited(tmp_path, '<nd ref="3"/><nd ref="4"/>', '<nd ref="3"/><nd ref="999"/>'
                   '<nd ref="4"/>', "clipped.osm")
    with caplog.at_level("WARNING", logger="caspian"):
        ways = rail_ways(read_osm_features(path, OSM_TAGS["rail"]))
    assert 101 not in ways["osm_id"].tolist() and 102 in ways["osm_id"].tolist()
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}: 1 way tagged {RAIL_TAGS} uses nodes the file lacks (way 101 uses node 999) "
        "and is left out; extract the ways together with their nodes (osmium extract keeps "
        "them; in Overpass end the query with `(._;>;); out;`)"]


def test_a_file_whose_ways_have_all_their_nodes_warns_of_nothing(
    caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="caspian"):
        read_osm_features(RAIL_XML, OSM_TAGS["rail"])
    assert caplog.records == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<osm version="0.6"><tag k="a" v="b"/></osm>',
         "a <tag> outside any node or way or relation; fix or remove it"),
        ('<osm version="0.6"><node id="1" lat="39"/></osm>',
         "node id '1' has no lon attribute; fix or remove that node"),
        ('<osm version="0.6"><node id="1" lat="39" lon="45"><nd ref="1"/></node></osm>',
         "a <nd> outside any way; fix or remove it"),
        ('<osm version="0.6"><way><nd ref="1"/></way></osm>',
         "a way has no id attribute; fix or remove that way"),
    ],
    ids=["orphan tag", "no lon", "nd in a node", "no id"],
)
def test_a_broken_osm_structure_is_one_line(tmp_path: Path, capsys, text: str,
                                            message: str) -> None:
    path = tmp_path / "broken.osm"
    path.write_text(text, encoding="utf-8")
    assert message in _route_error(path, capsys)


def _messages(tmp_path: Path) -> list[str]:
    """Every error line of the OSM and PBF readers, the Overpass settings and rail loading
    that a test can provoke without the network."""
    garbage_xml = tmp_path / "garbage.osm"
    garbage_xml.write_text("garbage", encoding="utf-8")
    garbage_pbf = tmp_path / "garbage.osm.pbf"
    garbage_pbf.write_text("garbage", encoding="utf-8")
    empty = tmp_path / "empty.osm"
    empty.write_text('<osm version="0.6"></osm>', encoding="utf-8")
    unknown = tmp_path / "x.geojson"
    unknown.write_text("{}", encoding="utf-8")
    calls = [
        lambda: read_osm_features(garbage_xml, OSM_TAGS["rail"]),
        lambda: read_osm_features(garbage_pbf, OSM_TAGS["rail"]),
        lambda: read_osm_features(empty, OSM_TAGS["rail"]),
        lambda: read_osm_features(unknown, OSM_TAGS["rail"]),
        lambda: read_osm_features(tmp_path / "missing.osm", OSM_TAGS["rail"]),
        lambda: parse_bbox("1,2,3"),
        lambda: parse_bbox("46,39,45,40"),
        lambda: OsmSettings(overpass_url="ftp://x"),
        lambda: OsmSettings(requests_timeout_s=-1),
        lambda: load_rail(),
        lambda: load_rail(RAIL_XML, statuses=("nonexistent",)),
    ]
    messages = []
    for call in calls:
        with pytest.raises(InputError) as caught:
            call()
        messages.append(str(caught.value))
    return messages


def test_every_osm_error_line_says_how_to_fix_it(tmp_path: Path) -> None:
    for message in _messages(tmp_path):
        problem, _, fix = message.rpartition("; ")
        assert problem and len(fix.split()) >= 3, message
