"""The corridor network built from the catalog and OSM extracts, and its disk cache."""

from __future__ import annotations

import logging

import pytest
from caspian.geo.errors import ArgumentError, InputError
from caspian.layers.routing.corridor import CorridorSettings, load_corridor_network
from osm_fixtures import RAIL_XML


def test_a_network_is_built_once_then_read_from_the_cache(tmp_path) -> None:
    first = load_corridor_network(folder=tmp_path)
    second = load_corridor_network(folder=tmp_path)
    assert not first.from_cache and second.from_cache
    assert second.cache_file == first.cache_file
    assert len(second.network.edges) == len(first.network.edges)
    a = first.route("Aktau", "Kars").routes[0]
    b = second.route("Актау", "Карс").routes[0]
    assert a == b


def test_other_settings_are_another_network(tmp_path) -> None:
    plain = load_corridor_network(folder=tmp_path)
    other = load_corridor_network(settings=CorridorSettings(join_km=0.5), folder=tmp_path)
    assert other.cache_file != plain.cache_file and not other.from_cache


def test_an_unreadable_cache_is_rebuilt_with_a_warning(tmp_path, caplog) -> None:
    built = load_corridor_network(folder=tmp_path)
    with open(built.cache_file, "wb") as handle:
        handle.write(b"not gzip at all")
    with caplog.at_level(logging.WARNING, logger="caspian.layers.routing.corridor"):
        again = load_corridor_network(folder=tmp_path)
    assert not again.from_cache and "unreadable" in caplog.text
    assert again.route("Aktau", "Kars").routes[0]["length_km"] > 1000


def test_the_catalog_network_has_ports_gauge_changes_and_reported_gaps(tmp_path) -> None:
    network = load_corridor_network(folder=tmp_path).network
    transfers = {(edge.kind, edge.place) for edge in network.edges if edge.mode == "transfer"}
    assert ("gauge", "Akhalkalaki gauge-change yard") in transfers
    assert {place for kind, place in transfers if kind == "port"} >= {
        "Baku International Sea Trade Port (Alat)",
        "Port of Aktau (Aktau International Sea Trade Port)"}
    gaps = {edge.place: edge.length_km for edge in network.edges if edge.mode == "gap"}
    assert gaps["zangezur_corridor/nakhchivan – zangezur_corridor/kars-dilucu"] == pytest.approx(
        6.1, abs=0.1)
    # The Syunik leg stays on the north bank: not a metre of it in Iran by our own borders.
    syunik = [edge for edge in network.edges if edge.feature == "zangezur_corridor/syunik"]
    assert syunik and all("IRN" not in edge.segment_countries for edge in syunik)


def test_an_osm_extract_joins_the_network_and_names_its_stations(tmp_path) -> None:
    loaded = load_corridor_network([RAIL_XML], folder=tmp_path)
    osm = [edge for edge in loaded.network.edges if (edge.feature or "").startswith("osm way")]
    assert osm and all(edge.accuracy == "traced" for edge in osm)
    station = loaded.resolve("bravo")  # a station of the extract only
    assert station.origin.startswith("osm:rail_network.osm") and station.lonlat != (0, 0)
    # A name the catalog knows is the catalog's, even where the extract has a station of it.
    assert loaded.resolve("Şərur").origin == "zangezur_corridor/nakhchivan"
    assert loaded.network.meta["osm"][0]["file"] == "rail_network.osm"
    assert loaded.network.meta["osm"][0]["licence"].startswith("ODbL")


def test_a_route_counts_each_kilometre_in_its_own_accuracy_class_from_build_and_cache(
    tmp_path,
) -> None:
    # BTK's weakest stretch (1.7 km from the Alat point to the trace) is schematic, the rest
    # traced or straight between station nodes: the route counts them as `caspian metrics`
    # does, not the whole line as its weakest part (it said "schematic 733.6").
    import shapely.geometry
    from caspian.layers.catalog.accuracy import accuracy_km
    from caspian.layers.catalog.loading import load_layer

    btk = load_layer("middle_corridor").feature("btk")
    expected = {name.removesuffix("_km"): round(km, 1) for name, km in accuracy_km(
        btk["properties"], shapely.geometry.shape(btk["geometry"])).items() if km > 0}
    assert expected == {"schematic": 1.7, "traced": 665.5, "waypoints": 66.4}
    built = load_corridor_network(folder=tmp_path)
    cached = load_corridor_network(folder=tmp_path)
    assert (built.from_cache, cached.from_cache) == (False, True)
    for loaded in (built, cached):
        (route,) = loaded.route("Alat", "Kars").routes
        assert route["by_accuracy_km"] == expected
        (first_rail, second_rail) = [leg for leg in route["legs"] if leg["mode"] == "rail"]
        # each leg keeps its line's own class, and says what its kilometres are
        assert first_rail["accuracy"] == second_rail["accuracy"] == "schematic"
        # (the 0.05 km straight between the two traces east of Tbilisi shows as 0.0)
        assert first_rail["by_accuracy_km"] == {"schematic": 1.7, "traced": 637.7,
                                                "waypoints": 0.0}
        assert second_rail["by_accuracy_km"] == {"traced": 27.8, "waypoints": 66.4}


def test_an_extract_s_left_out_ways_are_said_again_when_the_network_comes_from_the_cache(
    tmp_path, caplog
) -> None:
    # a clipped extract: way 101 uses node 999, which the file lacks. The warning was said
    # when the network was built, and never again once it came from the cache
    text = RAIL_XML.read_text(encoding="utf-8")
    clipped = tmp_path / "clipped.osm"
    clipped.write_text(text.replace('<nd ref="3"/><nd ref="4"/>',
                                    '<nd ref="3"/><nd ref="999"/><nd ref="4"/>', 1),
                       encoding="utf-8")
    said = []
    for _ in range(2):
        caplog.clear()
        with caplog.at_level("WARNING", logger="caspian"):
            loaded = load_corridor_network([clipped], folder=tmp_path / "cache")
        said.append((loaded.from_cache, [record.getMessage() for record in caplog.records]))
    message = (f"{clipped}: 1 way tagged railway=rail|construction|proposed|disused|abandoned|"
               "station|halt uses nodes the file lacks (way 101 uses node 999) and is left out; "
               "extract the ways together with their nodes (osmium extract keeps them; in "
               "Overpass end the query with `(._;>;); out;`)")
    assert said == [(False, [message]), (True, [message])]


@pytest.fixture(scope="module")
def catalog_network(tmp_path_factory):
    return load_corridor_network(folder=tmp_path_factory.mktemp("corridor"))


def test_a_single_via_or_avoid_string_is_one_value_not_its_letters(catalog_network) -> None:
    # route(..., via="Baku") read the string letter by letter: "VIA 'B' is neither lon,lat, a
    # catalog feature id nor a known place name"; avoid="AZE" was "avoid='A' is neither ..."
    from caspian.layers.routing.corridor import route_by_corridor

    listed = catalog_network.route("Aktau", "Kars", vias=["Alat"])
    alone = catalog_network.route("Aktau", "Kars", vias="Alat")
    assert [p.origin for p in alone.places] == [p.origin for p in listed.places]
    assert alone.routes[0]["length_km"] == listed.routes[0]["length_km"]
    with pytest.raises(InputError, match=r"avoid='Nowhere' is neither a country"):
        route_by_corridor("Aktau", "Kars", avoid="Nowhere")


@pytest.mark.parametrize("alternatives", [0, -1, 1.5, True, "2", None])
def test_alternatives_must_be_a_whole_number_of_routes(catalog_network, alternatives) -> None:
    # 1.5 raised "TypeError: 'float' object cannot be interpreted as an integer" from inside the
    # search; 0 returned routes although the command line refuses --alternatives 0
    with pytest.raises(ArgumentError, match=r"^alternatives is .*; give a whole number of "
                                            r"routes, 1 or more"):
        catalog_network.route("Aktau", "Kars", alternatives=alternatives)


def test_a_single_osm_file_path_is_one_file_not_its_letters(tmp_path) -> None:
    # osm_file="rail.osm" was read as the files "r", "a", "i", ...: "OSM file r does not exist"
    from caspian.layers.routing.corridor import route_by_corridor

    with pytest.raises(InputError, match=r"OSM file .*missing\.osm does not exist"):
        route_by_corridor("Aktau", "Kars", osm_file=str(tmp_path / "missing.osm"))


@pytest.mark.parametrize(("options", "message"), [
    # was "TypeError: '>' not supported between instances of 'float' and 'str'"
    ({"max_snap_km": "5"}, r"^max_snap_km is the string '5'; give a positive number of km or 0"),
    # was accepted: NaN compares false, so no place was ever too far
    ({"max_snap_km": float("nan")}, r"^max_snap_km is the number nan; give a positive number"),
    # was "TypeError: 'NoneType' object is not iterable"
    ({"osm_file": None}, r"^osm_file is None; give OpenStreetMap extracts"),
    ({"osm_file": [5]}, r"^an item of osm_file is the number 5; give OpenStreetMap extracts"),
    # was accepted, and failed only when the network had to be built
    ({"progress": 5}, r"^progress is the number 5"),
])
def test_corridor_options_of_the_wrong_kind_are_refused_up_front(options, message) -> None:
    from caspian.layers.routing.corridor import route_by_corridor

    with pytest.raises(ArgumentError, match=message):
        route_by_corridor("Aktau", "Kars", **options)


@pytest.mark.parametrize("start", [None, 5, ("a", "b"), b"Aktau"])
def test_a_corridor_end_that_is_no_text_nor_pair_is_refused(catalog_network, start) -> None:
    # was "AttributeError: 'NoneType' object has no attribute 'strip'" (a tuple, an int alike)
    with pytest.raises(ArgumentError, match=r"^FROM is .*; give a place name, a catalog id or "
                                            r"'lon,lat' \(a str\), or a \(lon, lat\) pair"):
        catalog_network.route(start, "Kars")


def test_a_corridor_end_given_as_a_lonlat_pair_is_that_point(catalog_network) -> None:
    # sea and rail take (lon, lat) pairs; the corridor raised AttributeError on one
    as_text = catalog_network.route("51.2,43.6", "Kars")
    as_pair = catalog_network.route((51.2, 43.6), "Kars")
    assert as_pair.places[0].lonlat == (51.2, 43.6)
    assert as_pair.routes[0]["length_km"] == as_text.routes[0]["length_km"]
