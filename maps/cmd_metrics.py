"""``caspian metrics`` and ``caspian distances``: lengths, country splits, chains, ports.

Only click is imported at module level; geopandas, pyproj and the catalog are imported inside
the commands so that ``caspian --help`` stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from caspian.maps.options import format_option

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
            return None if not math.isfinite(value) else round(value, KM_DECIMALS)
        return value
    if isinstance(value, Mapping):
        return {str(key): _round(val) for key, val in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round(item) for item in value]
    return value


def _feature_rows(metrics: pandas.DataFrame) -> list[dict[str, Any]]:
    """Rows of plain Python values, kilometres rounded; NaN becomes None."""
    numeric = metrics.select_dtypes("number").columns
    rounded = metrics.assign(**{name: metrics[name].round(KM_DECIMALS) for name in numeric})
    nested = [name for name in metrics.columns if name not in numeric]
    rows = rounded.astype(object).where(rounded.notna(), None).to_dict(orient="records")
    for row in rows:
        for name in nested:
            value = row[name]
            if isinstance(value, (dict, list)):
                row[name] = _round(value)
    return rows


def _country_rows(metrics: pandas.DataFrame) -> list[dict[str, Any]]:
    """One row per (feature, country), with the published by-country figure when there is one.

    ``basis`` names the borders the length was cut with, as the border data describes itself
    (:func:`caspian.layers.boundaries.border_source`).
    """
    from caspian.layers.boundaries import border_source

    source = border_source()
    rows: list[dict[str, Any]] = []
    for row in _feature_rows(metrics):
        split = row.get("by_country_km") or {}
        published = row.get("published_by_country_km") or {}
        for country, length_km in split.items():
            published_km = published.get(country)
            if published_km is not None:
                published_km = float(published_km)
            if country == "sea" and not length_km:
                continue  # an inland line: a row of zero sea says nothing
            delta = None if published_km is None else round(length_km - published_km, KM_DECIMALS)
            pct = None if not published_km or delta is None else 100 * delta / published_km
            rows.append(
                {
                    "layer": row["layer"],
                    "feature": row["feature"],
                    "country": country,
                    "length_km": length_km,
                    "published_km": published_km,
                    "delta_km": delta,
                    "delta_pct": None if pct is None else round(pct, 1),
                    "basis": "in no country" if country == "sea" else source.basis(country),
                }
            )
        for country, length_km in (row.get("sea_nearest_state_km") or {}).items():
            rows.append(
                {
                    "layer": row["layer"],
                    "feature": row["feature"],
                    "country": f"sea~{country}",
                    "length_km": length_km,
                    "published_km": None,
                    "delta_km": None,
                    "delta_pct": None,
                    "basis": "Caspian, nearest littoral state (approximation)",
                }
            )
    return rows


def _with_border_source(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Name the border source in every row that has a country split (JSON output)."""
    if not any(row.get("by_country_km") is not None for row in rows):
        return rows
    from caspian.layers.boundaries import border_source

    name = border_source().name
    return [
        {**row, "border_source": name} if row.get("by_country_km") is not None else row
        for row in rows
    ]


def _chain_output(fmt: str) -> str:
    from caspian.layers.metrics import catalog_chains, chain_rows, chain_summary
    from caspian.maps.formatting import render, render_json

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


def measure(layers: Sequence[str], file: str | None, by_country: bool) -> pandas.DataFrame:
    """The metrics table ``caspian metrics`` prints (catalog routes, or every feature of a file)."""
    from caspian.layers.metrics import catalog_metrics, file_metrics

    if file is None:
        metrics = catalog_metrics(layers or None, by_country=True)
        # Routes only: a port's length is zero by definition and would only add noise.
        return metrics[metrics["length_km"] > 0].reset_index(drop=True)
    if not file:
        raise click.UsageError("--file was given an empty name; give the path of a GeoJSON file")
    return file_metrics(Path(file), by_country=by_country)


@click.command("metrics")
@click.argument("layers", nargs=-1)
@click.option(
    "--file", "file", type=click.Path(dir_okay=False), default=None,
    help="Measure a GeoJSON file (FeatureCollection, Feature or geometry) instead of the catalog.",
)
@click.option(
    "--by", "by", type=click.Choice(["country", "chain"]), default=None,
    help="country: one row per feature and country (plus sea); chain: corridor legs, totals "
    "and gaps.",
)
@format_option("table", "json", "csv")
def metrics_command(layers: tuple[str, ...], file: str | None, by: str | None, fmt: str) -> None:
    """Geodesic lengths (WGS84) against published figures, by feature, country or chain.

    LAYERS are catalog layer ids (all layers if none). The catalog is always split by country
    (OpenStreetMap land borders in the Caucasus and Central Asia, Natural Earth 10 m coasts
    and elsewhere); a --file is split only with --by country, since a big file costs much
    more to split than to measure.
    """
    from caspian.maps.formatting import render

    if file is not None and layers:
        raise click.UsageError("give either LAYER ids or --file, not both")
    if by == "chain":
        if file is not None or layers:
            raise click.UsageError("--by chain works on the whole catalog; drop LAYER/--file")
        click.echo(_chain_output(fmt))
        return
    metrics = measure(layers, file, by == "country")
    if fmt == "json":
        click.echo(render(_with_border_source(_feature_rows(metrics)), "json"))
    elif by == "country":
        click.echo(render(_country_rows(metrics), fmt, _COUNTRY_COLUMNS))
    elif fmt == "csv":
        rows = _feature_rows(metrics)
        click.echo(render(rows, "csv", list(rows[0]) if rows else list(_TABLE_COLUMNS)))
    else:
        click.echo(render(_feature_rows(metrics), "table", _TABLE_COLUMNS))


@click.command("distances")
@click.option(
    "--kind", default="geodesic", show_default=True,
    help="Distance kind: geodesic (shortest path over the WGS84 ellipsoid) or sea (shortest "
    "water path, printed beside the geodesic one).",
)
@format_option("table", "json", "csv")
def distances_command(kind: str, fmt: str) -> None:
    """Distances between every pair of catalog ports (Aktau, Kuryk, Baku, ...), in km."""
    from caspian.layers.metrics import port_distances
    from caspian.maps.formatting import render

    rows = [_round(row) for row in port_distances(kind=kind)]
    columns = ["from", "to", "kind", "distance_km"]
    click.echo(render(rows, fmt, columns if kind == "geodesic" else [*columns, "geodesic_km"]))
