"""Reading railways from OSM XML and .osm.pbf: statuses kept, non-rail ways left out."""

from __future__ import annotations

import pytest
from caspian.geo.errors import InputError
from caspian.layers.osm.extracts import (
    OSM_TAGS,
    parse_bbox,
    rail_stations,
    rail_status,
    rail_ways,
    read_osm_features,
)
from osm_fixtures import RAIL_PBF, RAIL_XML


@pytest.fixture(scope="module")
def xml_frame():
    return read_osm_features(RAIL_XML, OSM_TAGS["rail"])


def test_each_way_keeps_its_status(xml_frame) -> None:
    ways = rail_ways(xml_frame)
    assert dict(zip(ways["osm_id"], ways["status"], strict=True)) == {
        101: "operating", 102: "construction", 103: "proposed", 104: "abandoned",
        201: "operating", 202: "disused",
    }


def test_a_road_and_a_tram_under_construction_are_not_railway_track(xml_frame) -> None:
    assert not {301, 302} & set(rail_ways(xml_frame)["osm_id"])


def test_status_filter_keeps_only_the_statuses_asked_for(xml_frame) -> None:
    ways = rail_ways(xml_frame, ("operating",))
    assert sorted(ways["osm_id"]) == [101, 201]


def test_stations_and_halts_keep_their_unicode_names(xml_frame) -> None:
    stations = rail_stations(xml_frame)
    assert dict(zip(stations["osm_id"], stations["name"], strict=True)) == {
        1: "Şərur", 13: "Charlie halt", 20: "Bravo",
    }


def test_pbf_extract_reads_the_same_ways_as_the_xml(xml_frame) -> None:
    from_pbf = rail_ways(read_osm_features(RAIL_PBF, OSM_TAGS["rail"]))
    from_xml = rail_ways(xml_frame)
    assert list(from_pbf["osm_id"]) == list(from_xml["osm_id"])
    assert list(from_pbf["status"]) == list(from_xml["status"])
    assert from_pbf.geometry.geom_equals_exact(from_xml.geometry, tolerance=1e-9).all()
    assert sorted(rail_stations(read_osm_features(RAIL_PBF, OSM_TAGS["rail"]))["osm_id"]) == [
        1, 13, 20,
    ]


@pytest.mark.parametrize(
    ("railway", "lifecycle", "status"),
    [
        ("rail", {}, "operating"),
        ("construction", {"construction": "rail"}, "construction"),
        ("construction", {}, "construction"),
        ("construction", {"construction": "subway"}, None),
        ("proposed", {"proposed": "rail"}, "proposed"),
        ("abandoned", {}, "abandoned"),
        ("platform", {}, None),
        (None, {}, None),
    ],
)
def test_rail_status_rule(railway, lifecycle, status) -> None:
    assert rail_status(railway, lifecycle) == status


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("garbage", ".osm", "is not readable OSM XML"),
        ("garbage", ".osm.pbf", "is not a readable .osm.pbf"),
        ('<osm version="0.6"></osm>', ".osm", "has no feature tagged railway="),
        ("{}", ".geojson", "unknown OSM file type"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, suffix, message) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_osm_features(path, OSM_TAGS["rail"])


def test_missing_file_is_named(tmp_path) -> None:
    with pytest.raises(InputError, match=r"nope\.osm: file not found; check the path"):
        read_osm_features(tmp_path / "nope.osm", OSM_TAGS["rail"])


@pytest.mark.parametrize("text", ["1,2,3", "46,39,45,40", "a,b,c,d", "0,-91,1,0"])
def test_bad_bbox_is_refused(text) -> None:
    with pytest.raises(InputError, match="bbox"):
        parse_bbox(text)


def test_bbox_is_west_south_east_north() -> None:
    assert parse_bbox("44.7,38.8,46.3,39.8") == (44.7, 38.8, 46.3, 39.8)
