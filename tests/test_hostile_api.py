"""Every public function of ``caspian.geo``, ``caspian.layers`` and ``caspian.maps``, given a
hostile argument in place of one valid one (None, a number, a bool, a numpy array, a dict, an
object, NaN, a list holding None), raises caspian's own error: a ``TypeError`` or ``ValueError``
whose message names the argument. Never an ``AttributeError``, an "unhashable type" or numpy's
"truth value of an array is ambiguous" from inside, and never a silent wrong answer."""

from __future__ import annotations

import inspect
import json
import math
import typing
from functools import cache
from pathlib import Path
from typing import Any

import caspian.geo
import caspian.layers
import caspian.maps
import folium
import numpy as np
import pytest
import shapely
from caspian.geo import ArgumentError, CaspianError, InputError, Settings
from osm_fixtures import RAIL_XML

HOSTILE: dict[str, Any] = {
    "None": None, "number": 42, "bool": True, "ndarray": np.array([1.0, 2.0]),
    "dict": {"a": 1}, "object": object(), "nan": float("nan"), "list_of_None": [None],
}
FLAGS = {"by_country", "offline", "split", "allow_null_geometry", "use_cache"}
LINE = shapely.LineString([(49.87, 40.41), (51.15, 43.65)])
# The rail routers name their end points as the command line does.
RAIL_LABELS = {"start_lonlat": "FROM", "end_lonlat": "TO", "start": "FROM", "end": "TO"}


@cache
def _loaded_rail() -> Any:
    return caspian.layers.load_rail(RAIL_XML)


@cache
def _osm_frame() -> Any:
    return caspian.layers.read_osm_features(RAIL_XML, {"railway": True})


@cache
def _country_index() -> Any:
    from caspian.layers.boundaries import country_index

    return country_index()


def _square(lon: float, lat: float) -> Any:
    return shapely.box(lon, lat, lon + 1.0, lat + 1.0)


def _user_file(folder: Path) -> Path:
    path = folder / "mine.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {"name": "mine"},
                                "geometry": shapely.geometry.mapping(LINE)}), encoding="utf-8")
    return path


def _valid(name: str, folder: Path) -> dict[str, Any]:
    """Arguments with which ``name`` does its job (so that only the hostile one is wrong)."""
    layer = caspian.layers.load_layer("aktau_port")
    user_file = _user_file(folder) if folder.is_dir() else folder / "mine.geojson"
    lonlats = {"lons": [49.0, 50.0], "lats": [40.0, 41.0]}
    rail_ends = {"start_lonlat": (45.0, 39.0), "end_lonlat": (45.4, 39.12)}
    return {
        "geodesic_lengths_km": {"geoms": [LINE]},
        "geodesic_lengths_m": {"geoms": [LINE]},
        "line_length_m": lonlats,
        "geodesic_distance_matrix_m": lonlats,
        "densify_geodesic": {"geoms": [LINE], "max_segment_km": 10.0},
        "split_at_antimeridian": {"geoms": [LINE]},
        "build_country_index": {"polygons": [_square(49.0, 40.0)], "codes": ["AZE"]},
        "split_by_country": {"geoms": [LINE], "index": _country_index()},
        "partition_region": {"base_polygons": [_square(49.0, 40.0)], "base_codes": ["AZE"],
                             "detail_polygons": [_square(49.5, 40.0)], "detail_codes": ["AZE"],
                             "region": _square(49.2, 40.2)},
        "splice_region": {"base_polygons": [_square(49.0, 40.0)], "base_codes": ["AZE"],
                          "region_pieces": {}, "region": _square(49.2, 40.2)},
        "distance_matrix_km": {**lonlats, "kind": "geodesic"},
        "build_chains": {"features": []},
        "build_rail_network": {"geoms": [LINE], "way_ids": [1], "statuses": ["operating"]},
        "shortest_rail_path": {"network": _loaded_rail().network, **rail_ends},
        "Settings": {},
        "load_layer": {"layer_id": "aktau_port"},
        "load_catalog": {"layer_ids": ["aktau_port"]},
        "catalog_frame": {"layer_ids": ["aktau_port"]},
        "layers_frame": {"layers": [layer]},
        "load_seed": {"seed_id": caspian.layers.seed_ids()[0]},
        "layer_citations": {"layer": layer},
        "conflict_rows": {"layers": [layer]},
        "check_catalog": {"layer_ids": ["aktau_port"]},
        "catalog_metrics": {"layer_ids": ["aktau_port"], "by_country": False},
        "metrics_frame": {"frame": caspian.layers.catalog_frame(["aktau_port"])},
        "file_metrics": {"path": user_file},
        "catalog_chains": {},
        "port_distances": {"kind": "geodesic"},
        "read_user_geojson": {"path": user_file},
        "read_user_features": {"path": user_file},
        "validate_geojson": {"source": user_file},
        "to_geodataframe": {"layer_ids": ["aktau_port"]},
        "export_layers": {"fmt": "geojson", "output": folder / "out.geojson",
                          "layer_ids": ["aktau_port"]},
        "sea_route": {"start_lonlat": (49.87, 40.35), "end_lonlat": (51.15, 43.6)},
        "route": {"start": (49.87, 40.35), "end": (51.15, 43.6), "mode": "sea"},
        "read_osm_features": {"path": RAIL_XML, "tags": {"railway": True}},
        "rail_ways": {"frame": _osm_frame()},
        "rail_stations": {"frame": _osm_frame()},
        "OsmSettings": {"cache_folder": folder},
        # a loopback port nothing listens on: a call that got past its checks could not leave
        # the machine
        "fetch_osm_features": {
            "bbox": (45.0, 39.0, 45.5, 39.2), "tags": {"railway": True},
            "settings": caspian.layers.OsmSettings(cache_folder=folder,
                                                   overpass_url="http://127.0.0.1:9/api")},
        "load_rail": {"osm_file": RAIL_XML},
        "route_by_rail": {"start": (45.0, 39.0), "end": (45.4, 39.12), "osm_file": RAIL_XML},
        "route_on": {"loaded": _loaded_rail(), **rail_ends},
        "propose_alignment": {
            "feature": {"type": "Feature", "id": "x", "properties": {}, "geometry": {
                "type": "LineString", "coordinates": [[45.0, 39.0], [45.4, 39.12]]}},
            "loaded": _loaded_rail()},
        "build_map": {"layer_ids": ["aktau_port"]},
        "write_map": {"fmap": folium.Map(), "path": folder / "map.html"},
    }[name]


def _public_functions() -> dict[str, Any]:
    """Every callable each package exports, except result records (Chain, Layer, RailPath ...)
    that caspian builds and a caller only reads, and the exceptions."""
    records = {"CountryIndex", "CountrySplit", "Chain", "Gap", "Leg", "RailNetwork", "RailPath",
               "Layer", "SeedDocument", "Citation"}
    found = {}
    for package in (caspian.geo, caspian.layers, caspian.maps):
        for name in package.__all__:
            value = getattr(package, name)
            if (callable(value) and name not in records
                    and not (inspect.isclass(value) and issubclass(value, BaseException))):
                found[name] = value
    return found


FUNCTIONS = _public_functions()
# functions that take nothing a caller could get wrong
NO_ARGUMENTS = {"layer_ids", "seed_ids", "load_seeds", "sea_router"}


def _parameters(function: Any) -> dict[str, bool]:
    """Each keyword ``function`` takes, and whether None is one of its values: its own
    parameters, and the keys of a ``**options: Unpack[SomeTypedDict]`` (PEP 692)."""
    found = {}
    for name, param in inspect.signature(function).parameters.items():
        if param.kind is param.VAR_KEYWORD:
            # the annotation is a string (postponed evaluation); only its own names resolve
            unpacked = eval(param.annotation, function.__globals__)
            if typing.get_origin(unpacked) is typing.Unpack:
                (options,) = typing.get_args(unpacked)
                found.update({key: type(None) in typing.get_args(hint)
                              for key, hint in typing.get_type_hints(options).items()})
                continue
        found[name] = param.default is None or isinstance(param.default, Settings)
    return found


def _legitimate(function: Any, param: str, hostile: str) -> bool:
    """Whether the hostile value is in fact a fine value of ``param``."""
    return (
        (hostile == "None" and _parameters(function)[param])
        # None is a missing geometry
        or (hostile == "list_of_None" and param.endswith(("geoms", "polygons")))
        # an array of two numbers is a point, as it is a pair of coordinates
        or (hostile == "ndarray" and param in ("lons", "lats", "start_lonlat", "end_lonlat",
                                               "start", "end"))
        or (hostile == "None" and param == "fmt")  # the format is read from the suffix
        or (hostile == "number" and (param.endswith(("_km", "_s", "_bytes"))
                                     or param == "way_ids"))
        or (hostile == "bool" and param in FLAGS)
    )


CASES = [
    pytest.param(name, param, hostile, id=f"{name}({param}={hostile})")
    for name, function in FUNCTIONS.items() if name not in NO_ARGUMENTS
    for param in _parameters(function)
    for hostile in HOSTILE
    if not _legitimate(function, param, hostile)
]


def test_every_exported_function_is_swept() -> None:
    folder = Path("/nonexistent")
    for name in set(FUNCTIONS) - NO_ARGUMENTS:
        assert set(_valid(name, folder)) <= set(_parameters(FUNCTIONS[name]))
    assert len(CASES) > 500
    # a typed **options is swept key by key
    assert {"geometry_types", "allow_null_geometry", "columns"} <= set(
        _parameters(caspian.layers.read_user_geojson))


@pytest.mark.parametrize("name, param, hostile", CASES)
def test_a_hostile_argument_is_refused_naming_it(name: str, param: str, hostile: str,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing a wrongly accepted call writes lands in the checkout
    arguments = {**_valid(name, tmp_path), param: HOSTILE[hostile]}
    with pytest.raises(CaspianError) as caught:
        FUNCTIONS[name](**arguments)
    error = caught.value
    assert isinstance(error, (TypeError, ValueError)), repr(error)
    message = str(error)
    rail = name in ("shortest_rail_path", "route_on", "route_by_rail")
    assert (RAIL_LABELS.get(param, param) if rail else param) in message, message
    assert "\n" not in message


def test_the_examples_of_the_issue_say_what_to_give() -> None:
    from caspian.layers import layer_citations, metrics_frame, propose_alignment, sea_route
    from caspian.maps import write_map

    with pytest.raises(ArgumentError, match=r"layer is the string 'btc_pipeline'; give a Layer, "
                                            r"e\.g\. load_layer\('btc_pipeline'\)"):
        layer_citations("btc_pipeline")
    with pytest.raises(ArgumentError, match=r"frame is None; give a geopandas\.GeoDataFrame"):
        metrics_frame(None)
    with pytest.raises(ArgumentError, match=r"fmap is None; give a folium\.Map \(build_map\)"):
        write_map(None, "map.html")
    with pytest.raises(ArgumentError, match="feature is the string 'nope/x'; give a GeoJSON "
                                            "Feature mapping"):
        propose_alignment("nope/x", _loaded_rail())
    with pytest.raises(InputError, match=r"start_lonlat \(True, False\) holds a boolean"):
        sea_route((True, False), (49.87, 40.35))


def test_an_array_of_layer_ids_is_as_good_as_a_list() -> None:
    from caspian.layers import to_geodataframe

    frame = to_geodataframe(np.array(["aktau_port"]))
    assert set(frame["layer"]) == {"aktau_port"} and len(frame) > 0
    with pytest.raises(ArgumentError, match=r"an item of layer_ids is the number 1\.0"):
        to_geodataframe(np.array([1.0, 2.0]))


def test_a_boolean_coordinate_is_not_taken_for_one_degree() -> None:
    from caspian.geo import line_length_m

    with pytest.raises(ArgumentError, match="lons is a list; give numbers of degrees"):
        line_length_m([True, False], [40.0, 41.0])
    assert math.isclose(line_length_m(np.array([49.0, 50.0]), [40.0, 41.0]), 139_698.755,
                        rel_tol=1e-6)


def test_build_map_names_an_unknown_option_as_its_own() -> None:
    # build_map(["aktau_port"], route=...) raised "TypeError: map_options() got an unexpected
    # keyword argument 'route'", naming a function the caller never called
    with pytest.raises(ArgumentError, match=r"^build_map takes no option 'route'; give only "
                                            r"title=, offline=, settings="):
        caspian.maps.build_map(["aktau_port"], route=("Aktau", "Baku"))  # type: ignore[call-arg]
