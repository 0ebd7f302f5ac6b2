"""Shared by the export tests: the synthetic layer and a reader that loads any export back."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas
import pandas
import pyogrio
from caspian.layers.catalog.loading import Layer, parse_layer

DATA = Path(__file__).parent / "data"
FORMATS = ("geojson", "gpkg", "kml", "csv", "parquet")
SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "csv": ".csv",
          "parquet": ".parquet"}


def synthetic_layer() -> Layer:
    """Made-up features (Point, LineString, MultiLineString, clockwise Polygon) with
    Azerbaijani, Turkish and Russian names and HTML-looking text."""
    path = DATA / "synthetic_layer.geojson"
    return parse_layer(json.loads(path.read_text(encoding="utf-8")), origin=path.name)


def read_back(fmt: str, path: Path, layer_ids: list[str]) -> geopandas.GeoDataFrame:
    """Read an export with pyogrio/geopandas into rows ordered as written."""
    if fmt == "parquet":
        return geopandas.read_parquet(path)
    if fmt == "csv":
        frame = pyogrio.read_dataframe(path, GEOM_POSSIBLE_NAMES="wkt", KEEP_GEOM_COLUMNS="NO",
                                       AUTODETECT_TYPE="YES")
        return frame.set_crs("EPSG:4326")
    if fmt == "gpkg":
        parts = [pyogrio.read_dataframe(path, layer=layer_id) for layer_id in layer_ids]
        return pandas.concat(parts, ignore_index=True)
    if fmt == "kml":
        names = [name for name, _ in pyogrio.list_layers(path)]
        parts = [pyogrio.read_dataframe(path, layer=name, driver="LIBKML") for name in names]
        return pandas.concat(parts, ignore_index=True)
    return pyogrio.read_dataframe(path)


def text_or_none(value: Any) -> str | None:
    """Normalise a cell that should hold text: None, NaN and "" all mean no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pandas.NA:
        return None
    text = str(value)
    return text or None


def number_or_nan(value: Any) -> float:
    """Normalise a cell that should hold a number (KML gives text)."""
    text = text_or_none(value)
    return math.nan if text is None else float(text)
