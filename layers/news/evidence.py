"""The catalog's seed citations checked against the mentions the reader finds.

Two findings, reported by ``caspian check`` beside its problems (they are evidence to review,
not schema errors, so they do not fail the check):

* a seed citation whose quote holds no mention of the citing layer (``"реконструируют порты на
  Каспийском море"`` cited for the port of Aktau names no port);
* a layer that a seed mentions while the layer cites no quote of that seed.
"""

from __future__ import annotations

from collections.abc import Iterable

from caspian.layers.catalog.loading import Layer
from caspian.layers.news.corpus import seed_documents
from caspian.layers.news.mentions import Mention, find_mentions


def _mentions_by_seed() -> dict[str, list[Mention]]:
    return {document.id: find_mentions(document) for document in seed_documents()}


def citation_flags(layers: Iterable[Layer]) -> list[tuple[str, str | None, str]]:
    """Findings as ``(layer, feature or None, message)``, in catalog order."""
    by_seed = _mentions_by_seed()
    flags: list[tuple[str, str | None, str]] = []
    for layer in layers:
        cited_seeds = set()
        for source_id, source in layer.sources.items():
            if source.get("type") != "seed":
                continue
            seed, start, end = source.get("seed"), source.get("start"), source.get("end")
            cited_seeds.add(seed)
            if not isinstance(start, int) or not isinstance(end, int):
                continue  # bad offsets are the quote verifier's problem
            inside = [m for m in by_seed.get(str(seed), []) if start <= m.start and m.end <= end]
            own = [m for m in inside if m.layer == layer.id]
            if own:
                continue
            others = sorted({m.layer for m in inside})
            held = f"it mentions only {', '.join(others)}" if others else "it mentions no layer"
            flags.append(
                (
                    layer.id,
                    None,
                    f"seed citation {source_id} ({seed} {start}:{end}) quotes no mention of the "
                    f"layer; {held}: «{source.get('quote')}»",
                )
            )
        for seed, mentions in by_seed.items():
            own = [m for m in mentions if m.layer == layer.id]
            if own and seed not in cited_seeds:
                written = ", ".join(dict.fromkeys(f"«{m.text}» {m.start}:{m.end}" for m in own))
                flags.append((layer.id, None, f"mentioned in seed {seed} but not cited: {written}"))
    return flags
