"""Routers called from scripts: end points checked, a far gap reported, shared state kept."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from caspian.geo.errors import InputError
from caspian.geo.routing import as_lonlat
from caspian.layers.routing.rail import load_rail, route_on
from caspian.layers.routing.sea import sea_router
from cli_support import run_cli
from geographiclib.geodesic import Geodesic

# Two pieces of track 130 km apart: farther than the network's own gap edges reach (50 km).
FAR_APART_OSM = """<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6' generator='caspian-gis tests'>
  <node id='1' lat='39.0' lon='45.0'/>
  <node id='2' lat='39.0' lon='45.2'/>
  <node id='3' lat='39.0' lon='46.5'/>
  <node id='4' lat='39.0' lon='46.7'/>
  <way id='10'><nd ref='1'/><nd ref='2'/><tag k='railway' v='rail'/></way>
  <way id='11'><nd ref='3'/><nd ref='4'/><tag k='railway' v='rail'/></way>
</osm>
"""


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0


@pytest.fixture()
def far_apart(tmp_path: Path) -> Path:
    path = tmp_path / "far.osm"
    path.write_text(FAR_APART_OSM, encoding="utf-8")
    return path


def test_a_gap_longer_than_the_networks_gap_edges_is_reported_and_the_graph_kept(
    far_apart: Path,
) -> None:
    loaded = load_rail(far_apart)
    edges_before = loaded.network.graph.number_of_edges()
    for _ in range(2):  # the same answer twice: nothing of the first query stays in the graph
        route = route_on(loaded, (45.0, 39.0), (46.7, 39.0))
        assert route.length_km == pytest.approx(2 * _km(45.0, 39.0, 45.2, 39.0))
        (gap,) = route.gaps
        assert gap.length_km == pytest.approx(_km(45.2, 39.0, 46.5, 39.0))
        assert route.details["osm_way_ids"] == [10, 11]
    assert loaded.network.graph.number_of_edges() == edges_before


def test_cli_reports_the_far_gap_instead_of_a_traceback(far_apart: Path, capsys) -> None:
    code, _, err = run_cli(
        ["route", "45,39", "46.7,39", "--mode", "rail", "--osm-file", str(far_apart)], capsys
    )
    assert code == 0, err
    assert "Traceback" not in err
    assert "gap 0: no rail link for 112.6 km" in err


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ((float("nan"), 39.0), "finite numbers"),
        ((45.0, float("inf")), "finite numbers"),
        ((39.0, 95.0), "did you give lat,lon?"),
        (None, "is not a point"),
        ("45,39", "is not a point"),
        ((), "has 0 values"),
        (("a", "b"), "not a pair of numbers"),
    ],
)
def test_router_end_points_are_checked(point, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("?", r"\?")):
        as_lonlat(point, "FROM")


def test_a_height_is_dropped_and_a_point_object_accepted() -> None:
    import shapely

    assert as_lonlat((45.0, 39.0, 1200.0)) == (45.0, 39.0)
    assert as_lonlat(shapely.Point(45.0, 39.0)) == (45.0, 39.0)


def test_rail_router_refuses_a_nan_point_and_a_nan_snap_limit(far_apart: Path) -> None:
    loaded = load_rail(far_apart)
    with pytest.raises(InputError, match="finite numbers"):
        route_on(loaded, (float("nan"), 39.0), (45.2, 39.0))
    with pytest.raises(InputError, match="max_snap_km"):
        route_on(loaded, (45.0, 39.0), (45.2, 39.0), max_snap_km=float("nan"))


def test_sea_router_refuses_bad_points_and_mismatched_columns() -> None:
    router = sea_router()
    with pytest.raises(InputError, match="FROM"):
        router.route((float("nan"), 43.65), (49.407, 39.948))
    with pytest.raises(InputError, match="2 longitudes for 1 latitudes"):
        router.distance_matrix_m([51.15, 49.4], [43.65])


def test_sea_router_shared_between_threads_gives_one_answer() -> None:
    router = sea_router()
    expected = router.route((51.15, 43.65), (49.407, 39.948)).length_km
    lengths: list[float] = []

    def work() -> None:
        lengths.extend(
            router.route((51.15, 43.65), (49.407, 39.948)).length_km for _ in range(60)
        )

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(lengths) == 180 and set(lengths) == {expected}


def test_cached_shared_state_cannot_be_changed_by_a_caller() -> None:
    from caspian.layers.boundaries import country_index
    from caspian.layers.catalog.seeds import load_seed, seed_ids

    index = country_index()
    with pytest.raises(ValueError, match="read-only"):
        index.codes[0] = "XXX"
    seed = seed_ids()[0]
    with pytest.raises(TypeError):
        load_seed(seed).meta["hack"] = 1  # type: ignore[index]
    assert "hack" not in load_seed(seed).meta


def test_one_id_or_file_may_be_given_without_a_list(tmp_path: Path) -> None:
    import json

    from caspian.layers.catalog.loading import load_catalog
    from caspian.layers.io.userdata import read_user_geojson
    from caspian.maps.render import build_map

    assert list(load_catalog("btc_pipeline")) == ["btc_pipeline"]
    path = tmp_path / "leg.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": {
        "type": "LineString", "coordinates": [[49.4, 39.9], [50.0, 40.3]]}}), encoding="utf-8")
    assert len(read_user_geojson(str(path), geometry_types="LineString")) == 1
    with pytest.raises(InputError, match="unknown type 'linestring'"):
        read_user_geojson(path, geometry_types=["linestring"])
    fmap = build_map("btc_pipeline", add=path)
    assert "leg" in fmap.get_root().render()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ellps": "nope"}, "not an ellipsoid"),
        ({"densify_km": "2"}, "densify_km must be a positive number"),
        ({"densify_km": float("nan")}, "densify_km must be a positive number"),
        ({"coordinate_decimals": -1}, "coordinate_decimals must be a whole number"),
        ({"length_tolerance": {}}, "missing 'surveyed'"),
    ],
)
def test_settings_are_checked_when_made(changes: dict, message: str) -> None:
    from caspian.geo.settings import Settings

    with pytest.raises(ValueError, match=message):
        Settings(**changes)


def test_settings_none_means_the_defaults(tmp_path: Path) -> None:
    from caspian.layers.export.layers import export_layers, to_geodataframe

    assert set(to_geodataframe(["btc_pipeline"], None)["layer"]) == {"btc_pipeline"}
    (written,) = export_layers("geojson", tmp_path / "btc.geojson", ["btc_pipeline"], settings=None)
    assert written.stat().st_size > 0


def test_sea_and_rail_take_place_names_as_corridor_and_the_command_line_do() -> None:
    # route('Aktau', 'Baku', 'sea') raised "start 'Aktau' is not a point; give it as
    # (lon, lat)" while route('Aktau', 'Kars', 'corridor') and 'caspian route Aktau Baku
    # --mode sea' took the names.
    from caspian.layers.catalog.errors import LayerNotFoundError
    from caspian.layers.routing.modes import route

    by_points = route((51.222, 43.6026), (49.407, 39.948), "sea")
    assert route("Aktau", "Bakı", "sea").length_km == by_points.length_km
    from caspian.layers.catalog.places import endpoint_lonlat

    assert endpoint_lonlat("Aktau", "start") == (51.222, 43.6026)  # aktau_port/aktau
    assert endpoint_lonlat("Bakı", "end") == (49.407, 39.948)  # baku_port/alat
    assert endpoint_lonlat("aktau_port/aktau", "start") == (51.222, 43.6026)
    assert endpoint_lonlat("51.222,43.6026", "start") == (51.222, 43.6026)
    with pytest.raises(LayerNotFoundError, match="start 'Nowhereville' is neither lon,lat"):
        route("Nowhereville", "Baku", "sea")
    with pytest.raises(LayerNotFoundError, match="FROM 'Nowhereville' is neither lon,lat"):
        route("Nowhereville", "Baku", "rail", osm_file="unused.osm")
