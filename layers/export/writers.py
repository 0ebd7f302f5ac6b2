"""Writers behind :func:`caspian.layers.export.layers.export_layers`: GeoJSON, GeoPackage, CSV and
GeoParquet (KML is in :mod:`caspian.layers.export.kml`); each format's record in
:mod:`caspian.layers.export.formats` names its writer here.

Each writer takes the layers, their flat export frame and a path that does not exist yet (the
temporary path of :func:`caspian.layers.io.fileio.atomic_path`) and writes the whole file there.
Output is deterministic: the same catalog gives the same bytes (GeoPackage and Parquet embed
library versions, so the same bytes for the same installed versions).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# geopandas, pandas and pyogrio cost nothing more here: this module is imported by the format
# registry on the first write, after the export frame (a GeoDataFrame) was built.
import pandas
import pyogrio
import shapely
import shapely.geometry
from caspian.geo.figures import none_if_missing, round_geometry
from caspian.geo.settings import Settings
from caspian.layers.catalog.loading import Layer
from caspian.layers.export.frame import TEXT_COLUMNS, citation_table, source_table
from caspian.layers.export.qgis import layer_styles_table, with_country_lengths
from caspian.layers.io.safe_text import csv_text

if TYPE_CHECKING:
    import geopandas

#: Attribute-only tables a GeoPackage export adds beside the layer tables.
GPKG_TABLES: tuple[str, ...] = ("citations", "sources", "conflicts", "layer_styles")


def _plain(value: Any) -> Any:
    """A JSON-ready scalar: numpy scalars unwrapped, NaN and pandas NA as None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    value = none_if_missing(value)
    if value is pandas.NA:
        return None
    return value


def geojson_text(frame: geopandas.GeoDataFrame, settings: Settings, name: str | None) -> str:
    """RFC 7946 FeatureCollection text: [lon, lat], no ``crs``, flat properties, one feature
    per line, UTF-8 characters kept (no ``\\u`` escapes)."""
    decimals = settings.coordinate_decimals
    columns = [column for column in frame.columns if column != frame.geometry.name]
    lines = []
    for row in frame.itertuples(index=False):
        values = row._asdict()
        geometry = values[frame.geometry.name]
        mapping = shapely.geometry.mapping(geometry) if geometry is not None else None
        if mapping is not None:
            mapping = round_geometry(mapping, decimals)
        feature = {
            "type": "Feature",
            "id": values["id"],
            "properties": {column: _plain(values[column]) for column in columns},
            "geometry": mapping,
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = {"type": "FeatureCollection"}
    if name:
        head["name"] = name  # foreign member; GDAL and QGIS use it as the layer name
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    if not lines:
        return opening + ',"features":[]}\n'
    return opening + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_geojson(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, path: Path, settings: Settings
) -> None:
    """Write ``frame`` as one RFC 7946 FeatureCollection."""
    name = layers[0].id if len(layers) == 1 else "caspian"
    path.write_bytes(geojson_text(frame, settings, name).encode("utf-8"))


def _value_text(value: Any) -> str | None:
    value = _plain(value)
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _value_number(value: Any) -> float | None:
    value = _plain(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def conflict_table(layers: Sequence[Layer]) -> pandas.DataFrame:
    """One row per value of each conflict: layer, conflict, topic, features, value (as the
    source gives it, text), value_number (the value when it is a number, else NaN), unit,
    qualifier, source, note."""
    columns = ["layer", "conflict", "topic", "features", "value", "value_number", "unit",
               "qualifier", "source", "note"]
    rows = []
    for layer in layers:
        for conflict in layer.conflicts:
            for value in conflict.get("values", []):
                rows.append({
                    "layer": layer.id,
                    "conflict": conflict.get("id"),
                    "topic": conflict.get("topic"),
                    "features": "; ".join(conflict.get("features") or []),
                    "value": _value_text(value.get("value")),
                    "value_number": _value_number(value.get("value")),
                    "unit": value.get("unit"),
                    "qualifier": value.get("qualifier"),
                    "source": value.get("source"),
                    "note": conflict.get("note"),
                })
    frame = pandas.DataFrame(rows, columns=columns)
    return frame.astype({"value_number": "float64"})


def write_gpkg(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, path: Path, settings: Settings
) -> None:
    """One spatial table per layer (named by layer id, EPSG:4326, with a ``length_km_<ISO3>``
    column per country crossed) plus the attribute tables ``citations``, ``sources``,
    ``conflicts`` and ``layer_styles`` (QGIS's default style of each layer table)."""
    with warnings.catch_warnings():
        # GDAL warns when a GeoPackage's name does not end in .gpkg: the temporary file's name,
        # or the user's own choice (/dev/stdout), is no problem of the data.
        warnings.filterwarnings("ignore", r".*(extension|conformant)", RuntimeWarning)
        for layer in layers:
            part = with_country_lengths(
                frame[frame["layer"] == layer.id].reset_index(drop=True), settings)
            types = set(part.geom_type)
            # A table of one geometry type opens in QGIS as one layer. Lines and multi-lines
            # together are written as MultiLineString (QGIS would split them into two
            # sublayers); lines and points together stay "Unknown" (docs/interop.md). Otherwise
            # features keep their own type, so what is read back is what the catalog holds.
            promote = types == {"LineString", "MultiLineString"}
            geometry_type = (
                "MultiLineString" if promote else types.pop() if len(types) == 1 else "Unknown"
            )
            pyogrio.write_dataframe(
                part, path, layer=layer.id, driver="GPKG", geometry_type=geometry_type,
                promote_to_multi=promote,
                layer_options={"DESCRIPTION": layer.name}, append=path.exists(),
            )
        geometry_column = pyogrio.read_info(path, layer=layers[0].id)["geometry_name"] \
            if layers else "geom"
        tables = {
            "citations": citation_table(layers),
            "sources": source_table(layers),
            "conflicts": conflict_table(layers),
            # QGIS opens each layer table with this style (colours and dashes of the map)
            "layer_styles": layer_styles_table(layers, frame, geometry_column),
        }
        for name, table in tables.items():
            pyogrio.write_dataframe(table, path, layer=name, driver="GPKG", append=path.exists())


def csv_frame(frame: geopandas.GeoDataFrame, settings: Settings) -> pandas.DataFrame:
    """The export frame with the geometry as WKT text in a last column ``wkt``."""
    table = frame.drop(columns=frame.geometry.name)
    table["wkt"] = shapely.to_wkt(
        frame.geometry.array, rounding_precision=settings.coordinate_decimals, trim=True
    )
    return table


def write_csv(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, path: Path, settings: Settings
) -> None:
    """Write one row per feature, geometry as WKT (column ``wkt``), UTF-8 without BOM; text a
    spreadsheet would run as a formula starts with an apostrophe (numbers are untouched)."""
    table = csv_frame(frame, settings)
    cells = table.astype(object).where(table.notna(), None).to_numpy().tolist()
    rows = [list(table.columns), *([_plain(value) for value in row] for row in cells)]
    path.write_bytes(csv_text(rows).encode("utf-8"))


def write_parquet(
    layers: Sequence[Layer], frame: geopandas.GeoDataFrame, path: Path, settings: Settings
) -> None:
    """Write GeoParquet (WKB geometry, CRS in the ``geo`` metadata).

    Text columns are written as strings even when all null, so that every file (one per layer
    with ``--split``) has the same schema and they read back as one dataset.
    """
    frame.astype({column: "string" for column in TEXT_COLUMNS}).to_parquet(path, index=False)
