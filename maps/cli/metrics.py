"""``caspian metrics`` and ``caspian distances``: lengths, country splits, chains, ports.

Only click is imported at module level; geopandas, pyproj and the catalog are imported inside
the commands so that ``caspian --help`` stays fast.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from caspian.geo.figures import delta_pct_or_none, none_if_missing, round_as_python
from caspian.layers.boundaries import border_source
from caspian.layers.io.userdata import gc_paused
from caspian.layers.metrics import (
    catalog_chains,
    catalog_metrics,
    chain_rows,
    chain_summary,
    file_metrics,
    port_distances,
)
from caspian.layers.partitioned import cluster_file_metrics
from caspian.maps.cli.formatting import render, render_json, render_table_columns
from caspian.maps.cli.options import format_option

if TYPE_CHECKING:
    import pandas

#: Kilometre values are printed to the metre, so JSON and CSV output is deterministic.
KM_DECIMALS = 3

_TABLE_COLUMNS = (
    "layer", "feature", "kind", "status", "geometry_accuracy",
    "length_km", "published_km", "delta_km", "delta_pct", "by_country_km",
    "traced_km", "waypoints_km", "schematic_km", "hypothetical_km", "traced_pct",
)
_COUNTRY_COLUMNS = (
    "layer", "feature", "country", "length_km", "published_km", "delta_km", "delta_pct", "basis",
)
_CHAIN_COLUMNS = ("chain", "order", "item", "mode", "status", "length_km")


def _round(value: Any) -> Any:
    """Round floats (also inside dicts and lists) to :data:`KM_DECIMALS`; NaN becomes None."""
    if isinstance(value, float) or (hasattr(value, "dtype") and hasattr(value, "item")):
        value = value.item() if hasattr(value, "item") else value
        if isinstance(value, float):
            value = none_if_missing(value)
            return None if value is None else round(value, KM_DECIMALS)
        return value
    if isinstance(value, Mapping):  # kilometres by country: a float inline, without a call
        return {str(key): round(val, KM_DECIMALS) if type(val) is float and math.isfinite(val)
                else _round(val) for key, val in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round(item) for item in value]
    return value


def _feature_columns(metrics: pandas.DataFrame, numbers: str = "values") -> dict[str, Any]:
    """The columns of ``metrics`` as plain Python values, kilometres rounded; NaN becomes
    None. With ``numbers="arrays"``, float columns stay rounded float arrays (NaN for none),
    as :func:`caspian.maps.cli.formatting.render_table_columns` takes them.

    Built column by column (a user's file may have a million rows: pandas' ``to_dict`` boxes
    every cell through its own checks and took longer than measuring the lines).
    """
    numeric = set(metrics.select_dtypes("number").columns)
    columns: dict[str, Any] = {}
    for name in metrics.columns:
        series = metrics[name].round(KM_DECIMALS) if name in numeric else metrics[name]
        if numbers == "arrays" and series.dtype.kind == "f":
            columns[str(name)] = series.to_numpy(dtype=float, na_value=math.nan)
            continue
        present, values = series.notna().tolist(), series.tolist()
        if name in numeric:
            values = [value if ok else None for value, ok in zip(values, present, strict=True)]
        elif not any(issubclass(kind, (dict, list)) for kind in set(map(type, values))):
            # No value to round (text, ids): by the types present, not value by value.
            values = values if all(present) else [
                value if ok else None for value, ok in zip(values, present, strict=True)]
        else:
            values = [(_round(value) if isinstance(value, (dict, list)) and value else value)
                      if ok else None for value, ok in zip(values, present, strict=True)]
        columns[str(name)] = values
    return columns


def _feature_rows(metrics: pandas.DataFrame) -> list[dict[str, Any]]:
    """Rows of plain Python values, kilometres rounded; NaN becomes None."""
    columns = _feature_columns(metrics)
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _country_columns(metrics: pandas.DataFrame, numbers: str = "values") -> dict[str, Any]:
    """One row per (feature, country), with the published by-country figure when there is
    one, column by column (:data:`_COUNTRY_COLUMNS`). With ``numbers="arrays"``, kilometre
    columns of floats become float arrays (NaN for none), as
    :func:`caspian.maps.cli.formatting.render_table_columns` takes them.

    ``basis`` names the borders the length was cut with, as the border data describes itself
    (:func:`caspian.layers.boundaries.border_source`).

    Built from flat lists of every (feature, code, km) entry, not row by row: a user's file
    may give a million rows, and appending to eight lists per row cost more than cutting the
    lines at the borders.
    """
    # slow import
    import numpy as np

    used = _feature_columns(metrics[["layer", "feature", "published_by_country_km"]])
    split_feature, split_code, split_km = _flat_km(metrics["by_country_km"].tolist())
    # An inland line: a row of zero sea says nothing.
    sea = np.fromiter(map("sea".__eq__, split_code), dtype=bool, count=len(split_code))
    dropped = [entry for entry in np.flatnonzero(sea).tolist() if not split_km[entry]]
    if dropped:
        kept = np.ones(len(split_code), dtype=bool)
        kept[dropped] = False
        split_feature = split_feature[kept]
        split_code = list(itertools.compress(split_code, kept.tolist()))
        split_km = list(itertools.compress(split_km, kept.tolist()))
    near_feature, near_code, near_km = _flat_km(metrics["sea_nearest_state_km"].tolist())
    # Each feature's rows by country, then its rows by nearest state: a stable sort.
    features = np.concatenate([split_feature, near_feature])
    order = np.argsort(features, kind="stable").tolist()

    def ordered(split_values: list[Any], near_values: list[Any]) -> list[Any]:
        return list(map([*split_values, *near_values].__getitem__, order))

    published = _published_by_country(
        used["published_by_country_km"], split_feature, split_code, split_km)
    source = border_source()
    bases = {code: source.basis(code) for code in set(split_code) - {"sea"}}
    bases["sea"] = "in no country"
    nones = [None] * len(near_code)
    feature_of = features[order].tolist()
    columns: dict[str, Any] = {
        "layer": list(map(used["layer"].__getitem__, feature_of)),
        "feature": list(map(used["feature"].__getitem__, feature_of)),
        "country": ordered(split_code, [f"sea~{code}" for code in near_code]),
        "length_km": ordered(split_km, near_km),
        **{name: ordered(values, nones) for name, values in published.items()},
        "basis": ordered(list(map(bases.__getitem__, split_code)),
                         ["Caspian, nearest littoral state (approximation)"] * len(near_code)),
    }
    if numbers == "arrays":
        for name in ("length_km", *published):
            values, kinds = columns[name], set(map(type, columns[name]))
            if kinds == {type(None)}:  # nothing published by country: the common case
                columns[name] = np.full(len(values), np.nan)
            elif kinds <= {float, type(None)}:
                columns[name] = np.array(values, dtype=float)
    return columns


def _flat_km(cells: list[Any]) -> tuple[Any, list[str], list[Any]]:
    """Every ``(code, km)`` pair of cells of kilometres by country, flat: the cell (row) of
    each as an integer array, the codes and the kilometres rounded as :func:`_km_items`
    rounds them."""
    # slow import
    import numpy as np

    if set(map(type, cells)) != {dict}:
        cells = [cell if type(cell) is dict else dict(_km_items(cell)) for cell in cells]
    counts = np.fromiter(map(len, cells), dtype=np.intp, count=len(cells))
    rows = np.repeat(np.arange(len(cells), dtype=np.intp), counts)
    codes = list(itertools.chain.from_iterable(cells))
    if set(map(type, codes)) - {str}:
        codes = list(map(str, codes))
    kms = list(itertools.chain.from_iterable(map(dict.values, cells)))
    if set(map(type, kms)) != {float}:
        return rows, codes, [_round(km) for km in kms]
    # Rounded as _round rounds each float (round() value by value cost 1 µs a value).
    rounded = round_as_python(np.array(kms, dtype=float), KM_DECIMALS)
    kms = rounded.tolist()
    for missing in np.flatnonzero(~np.isfinite(rounded)).tolist():
        kms[missing] = None
    return rows, codes, kms


def _published_by_country(
    published: list[Any], rows: Any, codes: list[str], kms: list[Any]
) -> dict[str, list[Any]]:
    """``published_km``, ``delta_km`` and ``delta_pct`` of each (row, code, km) entry (rows
    an integer array): the published figure for that code in that row's ``published``
    mapping, if there is one."""
    # slow import
    import numpy as np

    columns: dict[str, list[Any]] = {
        name: [None] * len(codes) for name in ("published_km", "delta_km", "delta_pct")}
    has_figures = np.array([bool(figures) for figures in published] or [False], dtype=bool)
    # Only the entries of rows with figures by country: most rows of a user's file have none.
    for entry in np.flatnonzero(has_figures[rows]).tolist():
        published_km, length_km = published[rows[entry]].get(codes[entry]), kms[entry]
        if published_km is None:
            continue
        published_km = float(published_km)
        pct = delta_pct_or_none(length_km, published_km)
        columns["published_km"][entry] = published_km
        columns["delta_km"][entry] = round(length_km - published_km, KM_DECIMALS)
        columns["delta_pct"][entry] = None if pct is None else round(pct, 1)
    return columns


def _km_items(split: Any) -> list[tuple[str, Any]]:
    """The ``(code, km)`` pairs of a cell of kilometres by country, as
    :func:`_feature_columns` rounds it (none for a missing or empty cell)."""
    if type(split) is not dict:
        # slow import
        import pandas

        if not pandas.notna(split) or not split:
            return []
        return list(_round(split).items())
    return [(str(code), round(km, KM_DECIMALS) if type(km) is float and math.isfinite(km)
             else _round(km)) for code, km in split.items()]


def _country_rows(metrics: pandas.DataFrame) -> list[dict[str, Any]]:
    """:func:`_country_columns` as rows."""
    columns = _country_columns(metrics)
    return [dict(zip(_COUNTRY_COLUMNS, row, strict=True))
            for row in zip(*columns.values(), strict=True)]


def _with_border_source(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Name the border source in every row that has a country split (JSON output)."""
    if not any(row.get("by_country_km") is not None for row in rows):
        return rows

    name = border_source().name
    return [
        {**row, "border_source": name} if row.get("by_country_km") is not None else row
        for row in rows
    ]


def _chain_output(fmt: str) -> str:
    chains = catalog_chains()
    if fmt == "json":
        return render_json([_round(chain_summary(chain)) for chain in chains])
    rows = [_round(row) for row in chain_rows(chains)]
    if fmt == "csv":
        return render(rows, "csv", _CHAIN_COLUMNS)
    blocks = [render(rows, "table", _CHAIN_COLUMNS)]
    for chain in chains:
        summary = _round(chain_summary(chain))
        blocks.append(
            f"{chain.id}: {summary['total_km']:,.1f} km in {len(chain.legs)} legs; "
            f"by mode {_pairs(summary['by_mode_km'])}; "
            f"by status {_pairs(summary['by_status_km'])}; "
            f"gaps {summary['gap_total_km']:,.1f} km"
        )
    return "\n".join(blocks)


def _pairs(values: Mapping[str, float]) -> str:
    return ", ".join(f"{key} {value:,.1f}" for key, value in values.items()) or "none"


def measure(
    layers: Sequence[str],
    file: str | None,
    by_country: bool,
    cluster: tuple[int | None, str | None] = (None, None),
    file_layers: Sequence[str] = (),
) -> pandas.DataFrame:
    """The metrics table ``caspian metrics`` prints (catalog routes, or every feature of a file,
    or of its ``file_layers``; on a dask cluster when ``cluster``, ``(workers, scheduler)``,
    names one)."""
    workers, scheduler = cluster
    if file_layers and file is None:
        raise click.UsageError("--layer picks layers of a --file (a GeoPackage); catalog "
                               "layers are given as LAYER ids: caspian metrics btc_pipeline")
    if workers is not None or scheduler is not None:
        if not file:
            raise click.UsageError("--workers and --scheduler measure a --file; add --file")
        if file_layers:
            raise click.UsageError("--workers and --scheduler measure GeoParquet, a format of "
                                   "one layer: leave --layer out")

        return cluster_file_metrics(file, by_country=by_country, workers=workers or 2,
                                    scheduler=scheduler)
    if file is None:
        metrics = catalog_metrics(layers or None, by_country=True)
        # Routes only: a port's length is zero by definition and would only add noise.
        return metrics[metrics["length_km"] > 0].reset_index(drop=True)
    if not file:
        raise click.UsageError("--file was given an empty name; give the path of a GeoJSON file")
    return file_metrics(Path(file), by_country=by_country, layers=list(file_layers) or None)


@click.command("metrics")
@click.argument("layers", nargs=-1)
@click.option(
    "--file", "file", type=click.Path(), default=None,
    help="Measure a GeoJSON file (FeatureCollection, Feature or geometry) instead of the "
    "catalog; GeoJSON Lines, GeoParquet, GeoPackage, FlatGeobuf, Shapefile and File "
    "Geodatabase (a .gdb folder, or .gdb.zip) files are read in batches.",
)
@click.option(
    "--layer", "file_layers", multiple=True, metavar="NAME",
    help="Measure only this layer of a --file of several (a GeoPackage, a File Geodatabase), "
    "by name as ogr2ogr "
    "and QGIS list them (repeatable, measured in the order given).",
)
@click.option(
    "--by", "by", type=click.Choice(["country", "chain"]), default=None,
    help="country: one row per feature and country (plus sea); chain: corridor legs, totals "
    "and gaps.",
)
@click.option(
    "--workers", type=click.IntRange(1), default=None,
    help="Measure the --file (GeoParquet; a glob such as 'rail/*.parquet') in parts on a local "
    "dask cluster of this many processes (needs caspian-gis[scale]).",
)
@click.option(
    "--scheduler", default=None, metavar="tcp://HOST:8786",
    help="Measure the --file in parts on this running dask.distributed scheduler instead "
    "(its workers must see the same path).",
)
@format_option("table", "json", "csv")
def metrics_command(
    layers: tuple[str, ...], file: str | None, file_layers: tuple[str, ...], by: str | None,
    workers: int | None, scheduler: str | None, fmt: str,
) -> None:
    """Geodesic lengths (WGS84) against published figures, by feature, country or chain.

    LAYERS are catalog layer ids (all layers if none). The catalog is always split by country
    (OpenStreetMap land borders in the Caucasus and Central Asia, Natural Earth 10 m coasts
    and elsewhere); a --file is split only with --by country, since a big file costs much
    more to split than to measure.
    """
    if file is not None and layers:
        raise click.UsageError("give either LAYER ids or --file, not both")
    if by == "chain":
        if file is not None or layers or file_layers:
            raise click.UsageError("--by chain works on the whole catalog; drop "
                                   "LAYER/--file/--layer")
        click.echo(_chain_output(fmt))
        return
    # A file of 10^7 segments makes millions of rows, lists and dicts, none in a cycle: the
    # cyclic collector walking them again and again cost a fifth of the run.

    with gc_paused():
        metrics = measure(layers, file, by == "country", (workers, scheduler), file_layers)
        if fmt == "json":
            text = render(_with_border_source(_feature_rows(metrics)), "json")
        elif by == "country" and fmt == "table":
            text = render_table_columns(_country_columns(metrics, numbers="arrays"))
        elif by == "country":
            text = render(_country_rows(metrics), fmt, _COUNTRY_COLUMNS)
        elif fmt == "csv":
            rows = _feature_rows(metrics)
            text = render(rows, "csv", list(rows[0]) if rows else list(_TABLE_COLUMNS))
        else:
            text = render_table_columns(
                _feature_columns(metrics[list(_TABLE_COLUMNS)], numbers="arrays"))
    click.echo(text)


@click.command("distances")
@click.option(
    "--kind", default="geodesic", show_default=True,
    help="Distance kind: geodesic (shortest path over the WGS84 ellipsoid) or sea (shortest "
    "water path, printed beside the geodesic one).",
)
@format_option("table", "json", "csv")
def distances_command(kind: str, fmt: str) -> None:
    """Distances between every pair of catalog ports (Aktau, Kuryk, Baku, ...), in km."""

    rows = [_round(row) for row in port_distances(kind=kind)]
    columns = ["from", "to", "kind", "distance_km"]
    click.echo(render(rows, fmt, columns if kind == "geodesic" else [*columns, "geodesic_km"]))
