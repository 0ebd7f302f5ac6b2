"""``caspian check``: the catalog validated, its lengths against the published ones, and the
lines still drawn straight."""

from __future__ import annotations

import click
from caspian.layers.catalog.check import check_catalog, evidence_flags
from caspian.layers.catalog.loading import load_catalog
from caspian.layers.catalog.schematic import STRAIGHT_LIMIT_KM, schematic_lines, straight_stretches
from caspian.layers.io.safe_text import terminal_text
from caspian.maps.cli.formatting import render_table


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
