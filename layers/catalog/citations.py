"""Citations of the catalog: what each layer quotes and where, and the quote verifier.

A seed citation carries a verbatim Russian quote and its offsets into the seed file; the
verifier checks that the text at those offsets is the quote (after collapsing white space) and
that it lies in the article body, not in page boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from caspian.layers.catalog.errors import SeedError
from caspian.layers.catalog.loading import Layer, as_layer, as_layers, short_feature_id
from caspian.layers.catalog.seeds import load_seed, normalise_whitespace


@dataclass(frozen=True)
class Citation:
    """One source as a layer cites it."""

    #: Layer id.
    layer: str
    #: The source's id inside the layer.
    source_id: str
    #: ``"seed"`` or ``"external"``.
    type: str
    #: Seed outlet (from the manifest) or the external outlet.
    outlet: str
    #: ISO date of the seed, or the external source's date when it has one.
    date: str | None
    #: Verbatim quote (seeds only).
    quote: str | None = None
    #: Seed id (file name).
    seed: str | None = None
    #: Offset of the quote's start in the seed file.
    start: int | None = None
    #: Offset of the quote's end in the seed file.
    end: int | None = None
    #: Page name of an external source.
    page: str | None = None
    #: Short ids of the features that list this source.
    features: tuple[str, ...] = ()

    def label(self) -> str:
        """Short human label: ``"Zakon.kz, 2025-10-21"`` or ``"bp.com — BTC page"``."""
        if self.type == "seed":
            return f"{self.outlet}, {self.date}"
        parts = [self.outlet]
        if self.page:
            parts.append(self.page)
        text = " — ".join(parts)
        return f"{text} ({self.date})" if self.date else text

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``None`` fields dropped)."""
        data = {key: value for key, value in self.__dict__.items() if value not in (None, ())}
        data["features"] = list(self.features)
        return data


def _features_citing(layer: Layer) -> dict[str, list[str]]:
    citing: dict[str, list[str]] = {}
    for feature in layer.features:
        for source_id in (feature.get("properties") or {}).get("sources", []) or []:
            citing.setdefault(source_id, []).append(short_feature_id(feature))
    return citing


def layer_citations(layer: Layer) -> list[Citation]:
    """Every source of ``layer`` as a :class:`Citation`, seeds first, in file order."""
    layer = as_layer(layer)
    citing = _features_citing(layer)
    citations = []
    for source_id, source in layer.sources.items():
        features = tuple(citing.get(source_id, ()))
        if source.get("type") == "seed":
            seed_id = str(source.get("seed"))
            try:
                document = load_seed(seed_id)
                outlet, date = document.outlet, document.date
            except SeedError:
                outlet, date = "unknown seed", None
            citations.append(
                Citation(
                    layer=layer.id,
                    source_id=source_id,
                    type="seed",
                    outlet=outlet,
                    date=date,
                    quote=source.get("quote"),
                    seed=seed_id,
                    start=source.get("start"),
                    end=source.get("end"),
                    features=features,
                )
            )
        else:
            citations.append(
                Citation(
                    layer=layer.id,
                    source_id=source_id,
                    type="external",
                    outlet=str(source.get("outlet", "")),
                    date=source.get("date"),
                    page=source.get("page"),
                    features=features,
                )
            )
    return sorted(citations, key=lambda citation: citation.type != "seed")


def verify_seed_quote(source: Mapping[str, Any]) -> str | None:
    """Check one seed source; return ``None`` when it is right, else the problem.

    The quote must equal the seed text at ``[start:end]`` after white space is collapsed, and
    must lie in the article body.
    """
    seed_id, quote = source.get("seed"), source.get("quote")
    start, end = source.get("start"), source.get("end")
    if not isinstance(quote, str) or not quote.strip():
        return "seed citation has no quote"
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end:
        return f"seed citation has bad offsets start={start!r} end={end!r}"
    try:
        document = load_seed(str(seed_id))
    except SeedError as exc:
        return str(exc)
    found = document.text[start:end]
    if normalise_whitespace(found) != normalise_whitespace(quote):
        where = document.text.find(quote)
        hint = (
            f" (the quote occurs at {where}:{where + len(quote)})"
            if where >= 0
            else (" (the quote does not occur in the seed at all)")
        )
        return f"quote is not at {start}:{end} of {seed_id}{hint}"
    if not document.in_body(start, end):
        return f"quote at {start}:{end} of {seed_id} lies in page boilerplate, not in the article"
    return None


def verify_layer_citations(layer: Layer) -> list[str]:
    """Problems with ``layer``'s seed quotes, one message per bad citation."""
    problems = []
    for source_id, source in layer.sources.items():
        if source.get("type") == "seed":
            problem = verify_seed_quote(source)
            if problem:
                problems.append(f"source {source_id}: {problem}")
    return problems


def conflict_rows(layers: Iterable[Layer]) -> list[dict[str, Any]]:
    """Every conflict of ``layers`` with each value's source resolved to a readable label."""
    rows = []
    for layer in as_layers(layers):
        labels = {citation.source_id: citation for citation in layer_citations(layer)}
        for conflict in layer.conflicts:
            values = []
            for value in conflict.get("values", []):
                citation = labels.get(value.get("source"))
                values.append(
                    {
                        **value,
                        "source_label": citation.label() if citation else value.get("source"),
                        "quote": citation.quote if citation else None,
                    }
                )
            rows.append({"layer": layer.id, **conflict, "values": values})
    return rows


#: The sheet of published figures and anchor coordinates the catalog was built from, shipped
#: with the package so that a citation of it can be followed (a copy of the project's
#: ``reference/facts.md``).
REFERENCE_SHEET = "caspian/layers/data/reference_facts.md"

#: A file named in a citation: a relative path ending in a data or text suffix.
_FILE_PATH = re.compile(
    r"(?<![\w/.-])[\w.-]+(?:/[\w.-]+)*\.(?:md|json|geojson|gpkg|pbf|osm|csv|txt|py|parquet)\b"
)
_WEB_ADDRESS = re.compile(r"https?://\S+")
#: A file of another repository is followed by the repository and the commit it was read at.
_REPOSITORY_AT_COMMIT = re.compile(r"github\.com/[\w.-]+/[\w.-]+\b.*\bcommit [0-9a-f]{40}\b")
#: Source members that may name a file; a seed's ``seed`` is checked by :func:`verify_seed_quote`.
_CITING_MEMBERS = ("outlet", "page", "via", "note")


def shipped_file_exists(path: str) -> bool:
    """Whether ``path`` (``"caspian/layers/data/reference_facts.md"``) is a file of the
    installed ``caspian`` package."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "caspian" or ".." in parts:
        return False
    for split in range(len(parts) - 1, 1, -1):
        try:
            found = resources.files(".".join(parts[:split])).joinpath(*parts[split:])
        except ModuleNotFoundError:
            continue
        return found.is_file()
    return False


def _cited_paths(source: Mapping[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """``(member, path, named_at_commit)`` for every file ``source`` names outside a web
    address; ``named_at_commit`` when the same text names a repository and a full commit."""
    for member in _CITING_MEMBERS:
        text = source.get(member)
        if isinstance(text, str):
            at_commit = bool(_REPOSITORY_AT_COMMIT.search(text))
            for path in _FILE_PATH.findall(_WEB_ADDRESS.sub(" ", text)):
                yield member, path, at_commit


def cited_package_files(source: Mapping[str, Any]) -> list[str]:
    """The files of the package ``source`` cites (``"caspian/layers/data/..."``)."""
    return [path for _, path, _ in _cited_paths(source) if path.startswith("caspian/")]


def cited_file_problems(source: Mapping[str, Any]) -> Iterator[str]:
    """Files ``source`` names that a reader could not open, one message each.

    A file counts as followable when it is shipped with the package (named from the package
    root, ``caspian/...``) or when the same text names the public repository and the commit
    it was read at. Web addresses are left alone.
    """
    for member, path, at_commit in _cited_paths(source):
        if path.startswith("caspian/"):
            if not shipped_file_exists(path):
                yield (f"{member} cites {path}, which the installed package does not hold; "
                       "fix: ship the file as package data or cite the page itself")
        elif not at_commit:
            yield (f"{member} cites {path}, a file neither shipped with the package "
                   "(caspian/...) nor named with its repository and commit; fix: cite "
                   f"the shipped copy (e.g. {REFERENCE_SHEET}) or the published page")


def unfollowable_citations(layer: Layer) -> list[str]:
    """Every file ``layer``'s sources name that a reader could not open (see
    :func:`cited_file_problems`), as ``"source <id>: <problem>"``."""
    return [f"source {source_id}: {problem}"
            for source_id, source in as_layer(layer).sources.items()
            for problem in cited_file_problems(source)]
