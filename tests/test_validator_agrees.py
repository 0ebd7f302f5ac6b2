"""One validator: whatever ``validate`` (a user's file) or ``check`` (a catalog layer) accepts,
metrics, the map and every export process without an exception (hypothesis)."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from caspian.geo.errors import CaspianError
from caspian.layers.catalog.check import check_layer
from caspian.layers.catalog.loading import load_layer, parse_layer
from caspian.layers.export.layers import write_layers
from caspian.layers.io.userdata import validate_geojson
from caspian.layers.metrics import file_metrics, metrics_frame
from caspian.maps.cli.formatting import render
from caspian.maps.cli.metrics import _country_rows, _feature_rows
from caspian.maps.render import build_map, map_of_layers, render_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Text with what breaks naive code: controls, bidi overrides, lone surrogates, formulas, JS keys.
texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["__proto__", "hasOwnProperty", "constructor", "=1+2", "-5", "@x",
                     "\x1b[2J", "a\r\nb", "\u202eevil", "\ud800", "x" * 400, "{{ 7*7 }}"]),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=False, allow_infinity=False), texts)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)), max_leaves=8)
published_entries = st.lists(st.fixed_dictionaries(
    {"value": values}, optional={"by_country_km": values, "source": values, "note": values}),
    max_size=2)
# The catalog's keys first, since those are the ones read with a meaning.
keys = st.one_of(st.sampled_from(["name", "published_length_km", "kind", "status", "id",
                                  "geometry", "mode", "layer", "feature"]), texts)
properties = st.dictionaries(keys, st.one_of(values, published_entries), max_size=5)
lons = st.one_of(st.floats(-180, 180), st.sampled_from([179.9, -179.9, 180.0, -180.0]))
lats = st.floats(-89, 89)
positions = st.lists(st.tuples(lons, lats).map(list), min_size=2, max_size=4)
geometries = st.one_of(
    positions.map(lambda coords: {"type": "LineString", "coordinates": coords}),
    st.tuples(lons, lats).map(lambda p: {"type": "Point", "coordinates": list(p)}),
    st.lists(positions, min_size=1, max_size=2).map(
        lambda parts: {"type": "MultiLineString", "coordinates": parts}),
)
ids = st.one_of(st.none(), st.integers(-5, 5), st.floats(allow_nan=False), texts, st.booleans())


@st.composite
def feature_collections(draw: Any) -> dict[str, Any]:
    features = []
    for _ in range(draw(st.integers(1, 3))):
        feature: dict[str, Any] = {"type": "Feature", "properties": draw(properties),
                                   "geometry": draw(geometries)}
        feature_id = draw(ids)
        if feature_id is not None:
            feature["id"] = feature_id
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(feature_collections())
def test_what_validate_accepts_metrics_and_the_map_process(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.geojson"
        path.write_text(json.dumps(doc), encoding="ascii")  # surrogates travel as \ud800
        if validate_geojson(path):
            return
        metrics = file_metrics(path, by_country=True)
        for fmt in ("table", "json", "csv"):
            render(_feature_rows(metrics), fmt)
            render(_country_rows(metrics), fmt)
        html = render_html(build_map(["aktau_port"], add=[path]))
        (Path(folder) / "map.html").write_text(html, encoding="utf-8")


BTC = load_layer("btc_pipeline").to_geojson()
km = st.one_of(st.floats(1e-9, 1e12), st.integers(1, 10**15))
# Per catalog key, values of the right type (texts with hostile content, odd numbers) and of
# any type, so that both what check accepts and what it refuses are tried.
CATALOG_VALUES = {
    "name": texts.filter(str.strip),
    "operator": st.one_of(st.none(), texts),
    "note": st.one_of(st.none(), texts),
    "owners": st.lists(texts, max_size=3),
    "kind": st.sampled_from(["pipeline", "railway", "port", "sea_route"]),
    "status": st.sampled_from(["operating", "planned", "cancelled"]),
    "published_length_km": st.lists(st.fixed_dictionaries(
        {"value": km, "source": st.just("bp-btc")},
        optional={"by_country_km": st.one_of(st.none(), st.dictionaries(texts, km, max_size=3)),
                  "note": st.one_of(st.none(), texts)}), max_size=3),
    "capacity": st.lists(st.fixed_dictionaries(
        {"value": st.one_of(km, texts), "unit": st.one_of(st.none(), texts),
         "source": st.just("bp-btc")}, optional={"label": texts}), max_size=2),
    "chain": st.one_of(st.none(), st.fixed_dictionaries({"id": texts.filter(str.strip),
                                                         "order": km})),
}


@st.composite
def mutated_layers(draw: Any) -> dict[str, Any]:
    collection = copy.deepcopy(BTC)
    feature = collection["features"][draw(st.integers(0, len(collection["features"]) - 1))]
    for key in draw(st.lists(st.sampled_from(sorted(CATALOG_VALUES)), min_size=1, max_size=3)):
        wild = draw(st.integers(0, 4)) == 0
        feature["properties"][key] = draw(values if wild else CATALOG_VALUES[key])
    if draw(st.booleans()):
        feature["id"] = draw(ids)
    return collection


@PROPERTY_SETTINGS
@given(mutated_layers())
def test_what_check_accepts_metrics_the_map_and_every_export_process(
    collection: dict[str, Any]
) -> None:
    try:
        layer = parse_layer(collection)
    except CaspianError:
        return
    if check_layer(layer):
        return
    from caspian.layers.catalog.loading import layers_frame

    metrics_frame(layers_frame([layer]), by_country=True)
    render_html(map_of_layers([layer]))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("geojson", "gpkg", "kml", "csv", "parquet"):
            write_layers([layer], fmt, Path(folder) / f"out.{fmt}")


@pytest.mark.parametrize("value", [True, "12", [1], {"AZE": 1}, 0, -3])
def test_a_published_length_that_is_not_a_positive_number_is_refused(value: Any) -> None:
    doc = {"type": "Feature", "properties": {"published_length_km": [{"value": value}]},
           "geometry": {"type": "LineString", "coordinates": [[49, 40], [50, 41]]}}
    (problem,) = validate_geojson(json.dumps(doc).encode())
    assert problem.message.startswith("properties.published_length_km[0].value is ")
