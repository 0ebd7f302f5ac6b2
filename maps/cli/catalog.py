"""``caspian layers``, ``caspian cite`` and ``caspian check``: the catalog and its sources.

Only click is imported at module level; the catalog modules are imported inside the commands.
"""

from __future__ import annotations

from typing import Any

import click
from caspian.layers.catalog.check import check_catalog, evidence_flags
from caspian.layers.catalog.citations import conflict_rows, layer_citations
from caspian.layers.catalog.loading import load_catalog, load_layer
from caspian.layers.catalog.schematic import STRAIGHT_LIMIT_KM, schematic_lines, straight_stretches
from caspian.layers.io.safe_text import terminal_text
from caspian.maps.cli.formatting import render, render_json, render_table
from caspian.maps.cli.options import format_option


def _layer_rows() -> list[dict[str, Any]]:

    rows = []
    for layer in load_catalog().values():
        citations = layer_citations(layer)
        properties = [feature.get("properties") or {} for feature in layer.features]
        rows.append(
            {
                "id": layer.id,
                "group": layer.group,
                "kind": ", ".join(dict.fromkeys(str(p.get("kind")) for p in properties)),
                "status": ", ".join(dict.fromkeys(str(p.get("status")) for p in properties)),
                "features": len(layer.features),
                "citations": len(citations),
                "seed_quotes": sum(citation.type == "seed" for citation in citations),
                "conflicts": len(layer.conflicts),
                "name": layer.name,
            }
        )
    return rows


@click.command("layers")
@format_option("table", "json")
def layers_command(fmt: str) -> None:
    """List the catalog's layers: id, kind, status, features and citations."""
    click.echo(render(_layer_rows(), fmt))


def _lines(*lines: str) -> str:
    """Lines of text from data, each with its control characters escaped (a quote's line
    break or escape sequence must not act on the terminal)."""
    return "\n".join(map(terminal_text, lines))


def _citation_text(citation: Any) -> str:
    features = f" [{', '.join(citation.features)}]" if citation.features else ""
    if citation.type == "seed":
        return _lines(
            f"- {citation.source_id}{features}: {citation.label()} "
            f"({citation.seed} {citation.start}:{citation.end})", f"  «{citation.quote}»"
        )
    return _lines(f"- {citation.source_id}{features}: {citation.label()}")


def _conflict_text(conflict: dict[str, Any]) -> str:
    lines = [f"! {conflict.get('topic', conflict.get('id'))}:"]
    for value in conflict["values"]:
        qualifier = f" ({value['qualifier']})" if value.get("qualifier") else ""
        unit = f" {value['unit']}" if value.get("unit") else ""
        lines.append(f"    {value.get('value')}{unit}{qualifier} — {value['source_label']}")
    if conflict.get("note"):
        lines.append(f"    note: {conflict['note']}")
    return _lines(*lines)


@click.command("cite")
@click.argument("layer_id", metavar="LAYER")
@format_option("text", "json")
def cite_command(layer_id: str, fmt: str) -> None:
    """Show every citation of LAYER with its quote and source, and the conflicts between them."""

    layer = load_layer(layer_id)
    citations = layer_citations(layer)
    conflicts = conflict_rows([layer])
    if fmt == "json":
        click.echo(
            render_json(
                {
                    "layer": layer.id,
                    "citations": [citation.as_dict() for citation in citations],
                    "conflicts": conflicts,
                }
            )
        )
        return
    click.echo(_lines(f"{layer.name} — {layer.name_ru} ({layer.id})"))
    click.echo("Sources:")
    for citation in citations:
        click.echo(_citation_text(citation))
    if conflicts:
        click.echo("Conflicts between sources:")
        for conflict in conflicts:
            click.echo(_conflict_text(conflict))


@click.command("check")
@click.argument("layer_ids", nargs=-1, metavar="[LAYER]...")
@click.pass_context
def check_command(ctx: click.Context, layer_ids: tuple[str, ...]) -> None:
    """Validate the catalog: schema, coordinates, ids, verbatim quotes and lengths.

    Prints the published-versus-computed length of every feature that has a published length,
    the news reader's flags (seed quotes that mention no layer, layers a seed mentions but
    does not cite), then every problem; exits 1 when there is any problem.
    """

    problems, findings = check_catalog(list(layer_ids) or None)
    rows = [
        {
            "feature": f"{finding.layer}/{finding.feature}",
            "accuracy": finding.geometry_accuracy,
            "computed_km": finding.length_km,
            "published_km": finding.published_km,
            "delta_pct": round(finding.delta_pct, 1),
            "tolerance_pct": round(100 * finding.tolerance),
            "source": finding.source,
            "ok": "yes" if finding.within_tolerance else "NO",
        }
        for finding in findings
    ]
    click.echo("Published versus computed lengths:")
    click.echo(render_table(rows))
    _echo_schematic_lines(list(layer_ids) or None)
    flags = evidence_flags(list(layer_ids) or None)
    if flags:
        click.echo(f"\nFlagged by the news reader ({len(flags)}; evidence to review, not errors):")
        for flag in flags:
            click.echo(f"  {terminal_text(str(flag))}")
    if problems:
        click.echo(f"\n{len(problems)} problem(s):", err=True)
        for problem in problems:
            click.echo(f"  {terminal_text(str(problem))}", err=True)
        ctx.exit(1)
    click.echo("\ncatalog ok")


def _echo_schematic_lines(layer_ids: list[str] | None) -> None:
    """List the lines still drawn schematically, each with why it is not traced, then every
    straight segment longer than the limit."""

    layers = load_catalog(layer_ids).values()
    lines = schematic_lines(layers)
    if lines:
        click.echo(f"\n{len(lines)} line(s) not drawn along a mapped trace:")
        click.echo(render_table([line.as_row() for line in lines]))
    stretches = straight_stretches(layers)
    if stretches:
        click.echo(f"\n{len(stretches)} straight stretch(es) longer than "
                   f"{STRAIGHT_LIMIT_KM:g} km:")
        click.echo(render_table([stretch.as_row() for stretch in stretches]))
