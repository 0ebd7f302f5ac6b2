"""Exports of the real catalog: to_geodataframe's columns, and every format reading back with
every catalog feature, id, name and geometry intact."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import shapely
from caspian.layers.catalog.loading import layer_ids, load_catalog
from caspian.layers.export.layers import COLUMNS, export_layers, to_geodataframe
from export_helpers import FORMATS, SUFFIX, read_back, text_or_none


@pytest.fixture(scope="module")
def frame():
    return to_geodataframe()


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalog")
    return {fmt: export_layers(fmt, folder / f"caspian{SUFFIX[fmt]}")[0] for fmt in FORMATS}


def test_to_geodataframe_has_flat_columns_in_epsg_4326(frame) -> None:
    assert tuple(frame.columns) == COLUMNS
    assert frame.crs.to_epsg() == 4326
    for column in COLUMNS[:-1]:
        assert not any(isinstance(v, (dict, list, tuple)) for v in frame[column]), column


def test_to_geodataframe_has_one_row_per_catalog_feature(frame) -> None:
    layers = load_catalog()
    expected = [str(f["id"]) for layer in layers.values() for f in layer.features]
    assert list(frame["id"]) == expected
    assert list(dict.fromkeys(frame["layer"])) == [
        layer_id for layer_id in layer_ids() if layers[layer_id].features]


def test_to_geodataframe_selects_layers_in_the_order_asked(frame) -> None:
    part = to_geodataframe(["btc_pipeline"])
    assert set(part["layer"]) == {"btc_pipeline"}
    assert len(part) == int((frame["layer"] == "btc_pipeline").sum())


def test_btc_row_carries_the_operator_length_and_its_sources(frame) -> None:
    btc = frame.set_index("id").loc["btc_pipeline/btc"]
    lengths = json.loads(btc["published_lengths"])
    # The first published value is the operator's (bp.com: 1,768 km), and all are kept.
    assert btc["published_length_km"] == 1768.0
    assert [entry["value"] for entry in lengths][:1] == [1768]
    assert 1000 < btc["length_km"] < 2000
    citations = json.loads(btc["citations"])
    assert "bp-btc" in [c["source"] for c in citations]
    assert "bp.com" in btc["sources"]


def test_citations_column_is_json_and_sources_column_is_readable(frame) -> None:
    for row in frame.to_dict("records"):
        citations = json.loads(row["citations"])
        assert isinstance(citations, list)
        for citation in citations:
            label = str(citation.get("outlet") or citation["source"])
            assert label in (row["sources"] or "")
            if citation.get("quote"):
                assert f"«{citation['quote']}»" in row["sources"]


def test_lengths_are_measured_for_lines_only(frame) -> None:
    for row in frame.to_dict("records"):
        is_line = row["geometry"].geom_type in ("LineString", "MultiLineString")
        assert is_line == (not math.isnan(row["length_km"])), row["id"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_catalog_feature_reads_back_with_its_id_name_and_geometry(
    fmt, exports, frame
) -> None:
    back = read_back(fmt, exports[fmt], list(dict.fromkeys(frame["layer"])))
    assert list(back["id"]) == list(frame["id"])
    name_column = "Name" if fmt == "kml" else "name"
    for want, got in zip(frame.to_dict("records"), back.to_dict("records"), strict=True):
        assert text_or_none(got[name_column]).encode() == want["name"].encode()
        assert text_or_none(got["name_ru"]) == text_or_none(want["name_ru"])
        assert text_or_none(got["citations"]) == want["citations"]
        geometry = got["geometry"]
        if fmt == "gpkg" and geometry.geom_type == "MultiLineString" and (
            want["geometry"].geom_type == "LineString"
        ):  # a layer of lines and multi-lines is one MultiLineString table
            (geometry,) = geometry.geoms
        assert shapely.equals_exact(geometry, want["geometry"], tolerance=1e-7), want["id"]


def test_gpkg_tables_have_one_geometry_type_unless_a_layer_mixes_lines_and_points(
    exports,
) -> None:
    import pyogrio

    types = {
        name: pyogrio.read_info(exports["gpkg"], layer=name)["geometry_type"]
        for name, _ in pyogrio.list_layers(exports["gpkg"])
        if name not in ("citations", "sources", "conflicts")
    }
    assert types["middle_corridor"] == "MultiLineString"
    assert types["btc_pipeline"] == "Unknown"  # the pipeline and its terminal points
    assert {name for name, kind in types.items() if kind == "Unknown"} == {"btc_pipeline"}


def test_catalog_geojson_export_is_valid_rfc7946(exports) -> None:
    from caspian.layers.io.userdata import validate_geojson

    assert validate_geojson(exports["geojson"]) == []


def test_catalog_gpkg_opens_with_layer_names_and_crs(exports, frame) -> None:
    import pyogrio

    path: Path = exports["gpkg"]
    layers = list(dict.fromkeys(frame["layer"]))
    assert [name for name, _ in pyogrio.list_layers(path)] == [
        *layers, "citations", "sources", "conflicts", "layer_styles"]
    for layer_id in layers:
        assert pyogrio.read_info(path, layer=layer_id)["crs"] == "EPSG:4326"


def test_catalog_gpkg_citations_keep_verbatim_seed_quotes(exports) -> None:
    import pyogrio
    from caspian.layers.catalog.seeds import load_seed, normalise_whitespace

    table = pyogrio.read_dataframe(exports["gpkg"], layer="sources")
    seeds = table[table["type"] == "seed"]
    for row in seeds.to_dict("records"):
        text = load_seed(row["seed"]).text
        assert normalise_whitespace(text[int(row["start"]):int(row["end"])]) == (
            normalise_whitespace(row["quote"]))


def test_our_geojson_export_reads_back_through_the_strict_user_reader(exports, frame) -> None:
    from caspian.layers.io.userdata import read_user_geojson

    back = read_user_geojson(exports["geojson"])
    assert list(back["id"]) == list(frame["id"])
    assert [n.encode() for n in back["name"]] == [n.encode() for n in frame["name"]]
    assert all(shapely.equals_exact(a, b, tolerance=1e-7)
               for a, b in zip(back.geometry, frame.geometry, strict=True))


def test_geopackage_sources_table_carries_the_openstreetmap_credit(exports) -> None:
    import pyogrio

    sources = pyogrio.read_dataframe(exports["gpkg"], layer="sources")
    (osm,) = sources[sources["source"] == "osm-btc"].itertuples()
    assert osm.attribution == "BTC line © OpenStreetMap contributors (ODbL)"
    assert osm.url == "https://www.openstreetmap.org/copyright"
    assert "btc" in osm.features.split("; ")
    credited = sources[sources["attribution"].notna()]
    # Exactly the OpenStreetMap-derived sources ask for a credit.
    assert set(credited["source"]) == {
        "osm-btc", "osm-rail-aze", "osm-rail-ge", "osm-stations-ge", "osm-rail-beineu-aktau",
        "osm-rail-dostyk-aktogay", "osm-rail-mointy-zharyk", "osm-stations-kz", "osm-stations-tr",
        "osm-routes-kz-allur", "osm-borders-region",
    }
    (rail,) = credited[
        (credited["source"] == "osm-rail-aze") & (credited["layer"] == "zangezur_corridor")
    ].itertuples()
    assert rail.attribution == "Railway traces © OpenStreetMap contributors (ODbL)"
    assert {"alat-horadiz", "horadiz-aghband", "nakhchivan", "kars-dilucu"} <= set(
        rail.features.split("; "))


def test_geopackage_lists_the_openstreetmap_ways_of_each_traced_line(exports) -> None:
    import pyogrio

    rows = pyogrio.read_dataframe(exports["gpkg"], layer="zangezur_corridor", read_geometry=False)
    ways = dict(zip(rows["feature"], rows["osm_way_ids"], strict=True))
    assert ways["kars-dilucu"] == "1363141257"
    assert len(ways["nakhchivan"].split("; ")) == 104
    assert text_or_none(ways["syunik"]) is None  # schematic: no ways


def test_column_types_do_not_depend_on_the_layers_chosen(tmp_path: Path) -> None:
    import pyarrow.dataset
    import pyarrow.parquet
    import pyogrio
    from caspian.layers.export.layers import export_layers

    (gpkg,) = export_layers("gpkg", tmp_path / "aktau.gpkg", ["aktau_port"])
    info = pyogrio.read_info(gpkg, layer="aktau_port")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["published_length_km"] == (
        "float64"
    )  # no published length in this layer: still a number column, not text
    folder = tmp_path / "split"
    folder.mkdir()
    files = export_layers("parquet", folder, ["aktau_port", "btc_pipeline"], split=True)
    schemas = [pyarrow.parquet.read_schema(path) for path in files]
    assert schemas[0].field("mode").type == schemas[1].field("mode").type != "null"
    table = pyarrow.dataset.dataset([str(path) for path in files]).to_table()
    assert table.num_rows == sum(pyarrow.parquet.read_metadata(p).num_rows for p in files)
