"""``caspian layers`` and ``caspian cite``: the catalog and its sources.

They read the catalog alone; ``caspian check`` (:mod:`caspian.maps.cli.check`) has its own
module because it loads shapely and the sea router, which ``caspian layers`` does without.
"""

from __future__ import annotations

from typing import Any

import click
from caspian.layers.catalog.citations import conflict_rows, layer_citations
from caspian.layers.catalog.loading import load_catalog, load_layer
from caspian.layers.io.safe_text import terminal_text
from caspian.maps.cli.formatting import render, render_json
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
