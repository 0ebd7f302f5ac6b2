"""The conflicts the reader finds in the shipped corpus, shaped for the map's popups.

Each found conflict becomes a dict in the catalog's conflict shape (``topic``, ``values`` with
``value``/``unit``/``qualifier``/``source``, ``note``), listed under every feature it is about:
the features its claims are linked to; for a claim linked to a layer as a whole, every feature
of that layer; for a conflict with no linked feature (the trade figures), the features of the
hand-made conflict it matches, or every feature of that conflict's layer when it names none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from caspian.layers.catalog.loading import Layer, load_catalog
from caspian.layers.catalog.seeds import load_seed
from caspian.layers.news.analysis import analyse, corpus_conflicts
from caspian.layers.news.conflicts import Conflict, check_catalog_conflicts
from caspian.layers.news.corpus import seed_documents
from caspian.layers.news.gazetteer import load_gazetteer
from caspian.layers.news.units import format_quantity

_RULES = {
    "value": "sources state different values",
    "period": "the same figure for different periods",
    "catalog": "the article contradicts the catalog",
}


def _label(document_id: str) -> str:
    try:
        seed = load_seed(document_id)
    except Exception:  # a document outside the shipped corpus keeps its id
        return document_id
    return f"{seed.outlet}, {seed.date}"


def _subject_name(subject: str, catalog: dict[str, Layer]) -> str:
    """A readable name: the topic's label or the feature's (or layer's) name."""
    if subject.startswith("topic:"):
        topic = subject.removeprefix("topic:")
        return load_gazetteer().topic_labels.get(topic, topic)
    layer_id, _, feature = subject.partition("/")
    layer = catalog.get(layer_id)
    if layer is None:
        return subject
    if feature in layer.feature_ids():
        return str((layer.feature(feature).get("properties") or {}).get("name") or subject)
    return layer.name


def _as_catalog_shape(conflict: Conflict, catalog: dict[str, Layer]) -> dict[str, Any]:
    values: list[dict[str, Any]] = []
    for claim in conflict.claims:
        period = claim.context.get("period")
        since = claim.context.get("since")
        if conflict.kind == "growth":  # growth is since a base year, not over the period
            qualifier = f"since {since}" if since else None
        else:
            qualifier = period["text"] if period else None
        values.append(
            {
                "value": f"«{claim.text}» = {format_quantity(claim.value, claim.unit)}",
                "unit": None,
                "qualifier": qualifier,
                "source": _label(claim.document),
            }
        )
    values += [
        {"value": v["value"], "unit": "km", "source": v["source"]} for v in conflict.catalog_values
    ]
    return {
        "topic": f"{_subject_name(conflict.subject, catalog)}: {conflict.kind}",
        "values": values,
        "note": _RULES[conflict.rule],
    }


def _targets(
    conflict: Conflict, layers: dict[str, Layer], matched: dict[str, dict[str, Any]]
) -> set[tuple[str, str]]:
    targets = set()
    for claim in conflict.claims:
        if claim.layer in layers and claim.feature:
            targets.add((claim.layer, claim.feature))
        elif claim.layer in layers:
            targets |= {(claim.layer, f) for f in layers[claim.layer].feature_ids()}
    if not targets and conflict.id in matched:
        row = matched[conflict.id]
        layer = layers[row["layer"]]
        hand_made = next(c for c in layer.conflicts if c.get("id") == row["conflict"])
        features = hand_made.get("features") or layer.feature_ids()
        targets = {(layer.id, feature) for feature in features}
    return targets


def popup_conflicts(layers: Iterable[Layer]) -> dict[str, list[dict[str, Any]]]:
    """Found conflicts by feature id (``"layer/feature"``), in the catalog conflict shape."""
    catalog = {layer.id: layer for layer in layers}
    conflicts: Sequence[Conflict] = corpus_conflicts(
        [analyse(document) for document in seed_documents()], list(catalog.values())
    )
    matched = {
        found: row
        for row in check_catalog_conflicts(conflicts, catalog.values())
        for found in row["found"]
    }
    by_feature: dict[str, list[dict[str, Any]]] = {}
    for conflict in conflicts:
        for layer_id, feature in sorted(_targets(conflict, catalog, matched)):
            by_feature.setdefault(f"{layer_id}/{feature}", []).append(
                _as_catalog_shape(conflict, catalog)
            )
    return by_feature


@cache
def shipped_popup_conflicts() -> dict[str, list[dict[str, Any]]]:
    """:func:`popup_conflicts` of the whole shipped catalog and corpus (computed once)."""
    return popup_conflicts(load_catalog().values())
