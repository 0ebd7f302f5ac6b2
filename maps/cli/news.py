"""``caspian ingest``, ``caspian mentions`` and ``caspian conflicts``: reading the news.

Only click is imported at module level; the news reader (and its morphological dictionaries)
loads inside the commands.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from caspian.layers.catalog.loading import load_catalog, resolve_layer_ids
from caspian.layers.io.fileio import display_path
from caspian.layers.io.safe_text import terminal_text
from caspian.layers.news.analysis import corpus_conflicts
from caspian.layers.news.analysis_cache import AnalysisCache
from caspian.layers.news.conflicts import check_catalog_conflicts
from caspian.layers.news.corpus import (
    CorpusError,
    StoredDocument,
    corpus_documents,
    store_new_documents,
)
from caspian.layers.news.documents import document_from_bytes, read_article_bytes
from caspian.layers.news.units import format_quantity
from caspian.maps.cli.formatting import render_json, render_table
from caspian.maps.cli.options import format_option, nonempty_path

_FORMAT = format_option("text", "json")
_CORPUS = click.option(
    "--corpus",
    "corpus",
    type=click.Path(file_okay=False),
    callback=nonempty_path("a folder", as_path=True),
    default="caspian-corpus",
    show_default=True,
    help=("Folder of articles added with 'caspian ingest --add' (the default is read when it "
          "exists; a folder named here must exist, unless --add creates it)."),
)


def _where(item: Any) -> str:
    target = f"{item.layer}/{item.feature or '*'}" if item.layer else (item.subject or "-")
    sentence = f"s{item.sentence}" if item.sentence is not None else "s-"
    return f"{target} {sentence} {item.start}:{item.end}"


def _claim_text(claim: Any) -> str:
    value = format_quantity(claim.value, claim.unit)
    if claim.value_max:
        value = f"{format_quantity(claim.value)}–{format_quantity(claim.value_max, claim.unit)}"
    extras = [part for part in (claim.qualifier, claim.role, claim.scope) if part]
    period = claim.context.get("period")
    if period:
        extras.append(period["text"])
    if "since" in claim.context:
        extras.append(f"since {claim.context['since']}")
    horizon = claim.context.get("horizon")
    if horizon:
        extras.append(horizon["text"])
    if "event" in claim.context:
        extras.append(f"event: {claim.context['event']}")
    if "relative_to" in claim.context:
        extras.append(f"relative to {claim.context['relative_to']}")
    return (
        f"    {claim.kind} {value} «{claim.text}» -> {claim.subject or '-'}"
        f"{f' ({claim.link})' if claim.link else ''} "
        f"s{claim.sentence} {claim.start}:{claim.end} [{'; '.join(extras)}]"
    )


def _conflict_text(conflict: Any) -> list[str]:
    lines = [f"! {conflict.rule}: {conflict.subject} {conflict.kind} ({conflict.role})"]
    for claim in conflict.claims:
        period = claim.context.get("period")
        during = f", {period['text']}" if period else ""
        lines.append(
            f"    {claim.document} {claim.start}:{claim.end}: «{claim.text}» = "
            f"{format_quantity(claim.value, claim.unit)}{during}"
        )
    for value in conflict.catalog_values:
        lines.append(
            f"    catalog: {format_quantity(value['value'], conflict.unit)} ({value['source']})"
        )
    return lines


def _shortened(text: str, limit: int = 60) -> str:
    """``text`` cut in the middle when longer than ``limit`` (a 400-digit figure)."""
    return text if len(text) <= limit else f"{text[: limit - 21]}…{text[-20:]}"


def _skipped_text(figure: Any) -> str:
    return (
        f"    skipped «{_shortened(figure.text)}» in {figure.document} s{figure.sentence} "
        f"{figure.start}:{figure.end}: {figure.reason}"
    )


def _echo_lines(lines: Sequence[str]) -> None:
    """Print ``lines`` with what came from data made visible: a title, a mention or a file
    name holding terminal escapes or bidirectional overrides is shown escaped."""
    click.echo("\n".join(terminal_text(line) for line in lines))


def _document_text(analysis: Any) -> list[str]:
    document = analysis.document
    lines = [
        f"== {document.id} ({document.format})" + (f" — {document.title}" if document.title else "")
    ]
    evidence = f' ({document.date_source}: "{document.date_evidence}")' if document.date else ""
    lines.append(
        f"   outlet: {document.outlet or '-'} · date: {document.date or '-'}{evidence} · "
        f"language: {document.language} · {len(document.sentences)} sentences"
        + (f" · read as {document.meta['encoding']}" if "encoding" in document.meta else "")
    )
    lines.append(f"   mentions ({len(analysis.mentions)}):")
    lines += [f"    {_where(m)} «{m.text}»" for m in analysis.mentions]
    lines.append(f"   claims ({len(analysis.claims)}):")
    lines += [_claim_text(claim) for claim in analysis.claims]
    if analysis.skipped:
        lines.append(f"   figures skipped ({len(analysis.skipped)}):")
        lines += [_skipped_text(figure) for figure in analysis.skipped]
    return lines


def _corpus_analyses(
    corpus: Path, *, creating: bool = False, cache: AnalysisCache | None = None
) -> list[Any]:
    """The analyses of the seeds and of ``corpus``'s articles, from the cache of analyses
    where it holds them (``cache``, the user's cache folder by default).

    The default folder is read when it exists; a folder the user names must exist unless
    this command creates it (``ingest --add``): a mistyped name would otherwise give the
    seeds alone, silently.
    """
    source = click.get_current_context().get_parameter_source("corpus")
    if (not creating and source is not click.core.ParameterSource.DEFAULT
            and not os.path.lexists(corpus)):
        raise CorpusError(
            f"corpus folder {display_path(corpus)} does not exist; check the path, or create "
            f"it with 'caspian ingest --add FILE --corpus {display_path(corpus)}'",
            path=str(corpus), options=("--corpus",))
    cache = cache or AnalysisCache()
    return cache.analyse_all(corpus_documents(corpus, cache.read_document))


@click.command("ingest")
# Text, not a path: a path object would turn "https://" into "https:/" before it is read.
@click.argument("files", nargs=-1, required=True, type=click.Path(),
                callback=nonempty_path("a saved article"))
@_FORMAT
@click.option("--add", is_flag=True, help="Store the articles in the corpus folder.")
@_CORPUS
def ingest_command(files: Sequence[str], fmt: str, add: bool, corpus: Path) -> None:
    """Read news articles (plain text or saved HTML): metadata, mentions, claims, and the
    conflicts that involve them (with each other, the corpus and the catalog). Changes
    nothing unless --add is given."""

    # Each file is read once: what --add stores is the very bytes that were analysed.
    contents = [read_article_bytes(path) for path in files]
    cache = AnalysisCache()
    analyses = [
        cache.analyse(document_from_bytes(data, path))
        for path, data in zip(files, contents, strict=True)
    ]
    given = {analysis.document.id for analysis in analyses}
    everything = [*analyses, *_corpus_analyses(corpus, creating=add, cache=cache)]
    conflicts = [
        conflict
        for conflict in corpus_conflicts(everything)
        if any(claim.document in given for claim in conflict.claims)
    ]
    stored: list[StoredDocument] = []
    if add:
        items = [
            (analysis.document, data, Path(path).suffix)
            for path, data, analysis in zip(files, contents, analyses, strict=True)
        ]
        stored = store_new_documents(items, corpus)
    if fmt == "json":
        click.echo(
            render_json(
                {
                    "documents": [analysis.as_dict() for analysis in analyses],
                    "conflicts": [conflict.as_dict() for conflict in conflicts],
                    "stored": [document.id for document in stored],
                }
            )
        )
        return
    lines = [line for analysis in analyses for line in _document_text(analysis)]
    lines.append(f"conflicts ({len(conflicts)}):")
    lines += [line for conflict in conflicts for line in _conflict_text(conflict)]
    lines += _stored_lines(files, stored, corpus)
    _echo_lines(lines)


def _stored_lines(files: Sequence[str], stored: Sequence[StoredDocument],
                  corpus: Path) -> list[str]:
    """One line per file given to ``ingest --add``: stored, or (the same text stored before,
    or given twice) not stored again."""
    lines = []
    for path, document in zip(files, stored, strict=False):
        where = display_path(corpus / document.id)
        if document.new:
            lines.append(f"stored {display_path(path)} as {where}")
        else:
            lines.append(f"{display_path(path)} is already in the corpus as {where}; "
                         "not stored again")
    return lines


@click.command("mentions")
@click.argument("layer_id", required=False, metavar="[LAYER]")
@_FORMAT
@_CORPUS
def mentions_command(layer_id: str | None, fmt: str, corpus: Path) -> None:
    """Every mention of a layer (all layers by default) in the corpus, with its document,
    sentence and offsets into the original file."""

    wanted = set(resolve_layer_ids([layer_id] if layer_id else None))
    rows = []
    for analysis in _corpus_analyses(corpus):
        for mention in analysis.mentions:
            if mention.layer in wanted:
                rows.append(mention.as_dict(analysis.document))
    if fmt == "json":
        click.echo(render_json(rows))
        return
    columns = ["document", "layer", "feature", "text", "sentence", "start", "end"]
    click.echo(render_table(rows, columns))


@click.command("conflicts")
@_FORMAT
@_CORPUS
def conflicts_command(fmt: str, corpus: Path) -> None:
    """Conflicts found in the corpus's claims (between articles, and against the catalog's
    published lengths), then whether each hand-made conflict of the catalog was found."""

    layers = list(load_catalog().values())
    analyses = _corpus_analyses(corpus)
    conflicts = corpus_conflicts(analyses, layers)
    claims = [claim for analysis in analyses for claim in analysis.claims]
    checked = check_catalog_conflicts(conflicts, layers, claims)
    if fmt == "json":
        click.echo(
            render_json(
                {"conflicts": [c.as_dict() for c in conflicts], "catalog_conflicts": checked}
            )
        )
        return
    lines = [f"Conflicts found in the news ({len(conflicts)}):"]
    lines += [line for conflict in conflicts for line in _conflict_text(conflict)]
    skipped = [figure for analysis in analyses for figure in analysis.skipped]
    if skipped:
        lines.append(f"Figures skipped ({len(skipped)}):")
        lines += [_skipped_text(figure) for figure in skipped]
    _echo_lines(lines)
    click.echo("\nThe catalog's hand-made conflicts against what was found:")
    click.echo(render_table(checked, ["layer", "conflict", "status", "reason"]))
