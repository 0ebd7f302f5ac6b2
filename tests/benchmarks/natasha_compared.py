"""natasha (slovnet NER and syntax, navec embeddings) against the news reader's rules, on the
real annotated set (``tests/data/news_real``, scored by :mod:`caspian.layers.news.scoring`).

natasha is not a dependency of caspian-gis: this experiment runs in a scratch environment::

    python3 -m venv .venv-natasha
    .venv-natasha/bin/pip install natasha -e .
    OPENBLAS_NUM_THREADS=1 .venv-natasha/bin/python tests/benchmarks/natasha_compared.py \
        --part dev --part heldout

(one BLAS thread: with numpy's default threads slovnet ran 3 to 5 times slower on the shared
two-core machine).

It prints one JSON object; ``docs/news.md`` ("natasha compared") quotes the figures.

**Mentions.** natasha's NER marks LOC, ORG and PER spans. A LOC or ORG span is a project
mention when its normal form (natasha's ``span.normalize`` with its ``MorphVocab``) is a
gazetteer name normalised the same way (``ner lookup``), or when the gazetteer finds a name
inside the span (``ner + gazetteer``). Also scored: the rules' mentions that an NER span
overlaps (``rules filtered by ner``: does NER remove false mentions?) and the rules'
mentions plus the NER lookups they lack (``rules + ner``: does NER add missed ones?).
``ner spans`` is detection alone, whatever the span refers to: the gold mentions a LOC/ORG
span overlaps, and the spans that overlap a gold mention.

**Claims.** The rules give a figure the nearest name before it in its sentence, else the
nearest after it (:func:`caspian.layers.news.linking._nearest`). ``syntax`` gives it the name
closest to it in slovnet's dependency tree of the sentence (ties: the rules' choice); every
other rule (other sentences, a layer's feature, a section through a place, scopes) stays as
it is. The experiment swaps that one function for the run (``unittest.mock.patch``); the
library is not changed.

**Speed.** Articles per second of natasha's full pipeline (segmentation, morphology, syntax,
NER, span normal forms) and of NER alone, against the reader's ``analyse`` of the same
articles in the same run; import and model-loading time in a fresh interpreter; the size on
disk of the packages natasha brings.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from unittest import mock

from caspian.layers.news import linking
from caspian.layers.news.analysis import Analysis, analyse
from caspian.layers.news.documents import NewsDocument, read_document
from caspian.layers.news.evaluation import documents_of
from caspian.layers.news.gazetteer import Gazetteer, load_gazetteer
from caspian.layers.news.mentions import Mention
from caspian.layers.news.scoring import (
    GoldItem,
    Tally,
    gold_items,
    load_json,
    locate,
    same_claim,
    score_claims,
    score_mentions,
    scored_claims,
)

REAL = Path(__file__).parents[1] / "data" / "news_real"
#: The distributions natasha installs (its own, its models' and its dependencies').
NATASHA_DISTRIBUTIONS = (
    "natasha",
    "navec",
    "slovnet",
    "pymorphy2",
    "pymorphy2_dicts_ru",
    "razdel",
    "yargy",
    "ipymarkup",
    "dawg_python",
    "intervaltree",
    "sortedcontainers",
    "docopt",
)
#: The same for the rules' own morphology, for comparison.
RULES_DISTRIBUTIONS = ("pymorphy3", "pymorphy3_dicts_ru", "dawg2_python", "dawg2", "razdel")
_SPAN_TYPES = ("LOC", "ORG")
_KEY_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Natasha:
    """natasha's models, loaded once."""

    segmenter: Any
    morph_vocab: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any

    def doc(self, text: str, syntax: bool = True) -> Any:
        """``text`` segmented, NER-tagged and (with ``syntax``) morphology-tagged, parsed and
        its spans normalised."""
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        if syntax:
            doc.tag_morph(self.morph_tagger)
            doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        if syntax:
            for span in doc.spans:
                span.normalize(self.morph_vocab)
        return doc


def load_natasha() -> Natasha:
    """natasha's segmenter, morphology vocabulary and its three news models."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return Natasha(
        Segmenter(),
        MorphVocab(),
        NewsMorphTagger(embedding),
        NewsSyntaxParser(embedding),
        NewsNERTagger(embedding),
    )


def _key(text: str) -> str:
    """A name's words, lower case, "ё" as "е", one space between: "Горадиз–Агбенд" and
    "Горадиз-Агбенд" give one key."""
    return " ".join(_KEY_WORDS.findall(text.lower().replace("ё", "е")))


def normal_names(natasha: Natasha, gazetteer: Gazetteer) -> dict[str, tuple[str, str | None]]:
    """Each Russian gazetteer name, normalised as natasha normalises an NER span (the
    nominative of its head), -> (layer, feature). A name written with alternatives
    ("линия|ветка") gives one key per alternative."""
    keys: dict[str, tuple[str, str | None]] = {}
    for entry in gazetteer.entries:
        target = (str(entry["layer"]), entry.get("feature"))
        for written in [
            *entry.get("ru", ()),
            *entry.get("en", ()),
            *entry.get("abbreviations", ()),
        ]:
            for variant in _alternatives(written):
                keys.setdefault(_key(variant), target)
                keys.setdefault(_key(_span_normal(natasha, variant)), target)
    return keys


def _alternatives(written: str) -> list[str]:
    """ "железнодорожная линия|ветка Нахчывана" -> one name per alternative."""
    words = written.split()
    for index, word in enumerate(words):
        if "|" in word:
            return [
                variant
                for choice in word.split("|")
                for variant in _alternatives(
                    " ".join([*words[:index], choice, *words[index + 1 :]])
                )
            ]
    return [written]


def _span_normal(natasha: Natasha, text: str) -> str:
    """``text`` read as one span and normalised by natasha (its head in the nominative)."""
    from natasha import Doc
    from natasha.doc import DocSpan

    doc = Doc(text)
    doc.segment(natasha.segmenter)
    doc.tag_morph(natasha.morph_tagger)
    doc.parse_syntax(natasha.syntax_parser)
    span = DocSpan(0, len(text), "LOC", text, tokens=list(doc.tokens))
    span.normalize(natasha.morph_vocab)
    return str(span.normal or text)


# --- mentions ---------------------------------------------------------------------------


def _mention(
    document: NewsDocument, target: tuple[str, str | None], start: int, end: int, name: str
) -> Mention:
    return Mention(
        document.id,
        target[0],
        target[1],
        document.text[start:end],
        name,
        document.sentence_index(start),
        start,
        end,
        start,
    )


def _project_spans(doc: Any) -> list[Any]:
    return [span for span in doc.spans if span.type in _SPAN_TYPES]


def ner_lookup(
    document: NewsDocument, doc: Any, names: dict[str, tuple[str, str | None]]
) -> list[Mention]:
    """The LOC/ORG spans whose normal form (or written form) is a gazetteer name."""
    found = []
    for span in _project_spans(doc):
        for form in (span.normal or "", span.text):
            target = names.get(_key(form))
            if target is not None:
                found.append(_mention(document, target, span.start, span.stop, form))
                break
    return found


def ner_gazetteer(document: NewsDocument, doc: Any, gazetteer: Gazetteer) -> list[Mention]:
    """The gazetteer's names found inside LOC/ORG spans."""
    return [
        _mention(document, match.target, match.start, match.end, match.name)
        for span in _project_spans(doc)
        for match in gazetteer.features.find(document.text, span.start, span.stop)
    ]


def _overlapping(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < stop and begin < end for begin, stop in spans)


def mention_variants(
    document: NewsDocument,
    analysis: Analysis,
    doc: Any,
    gazetteer: Gazetteer,
    names: dict[str, tuple[str, str | None]],
) -> dict[str, list[Mention]]:
    """Each way of finding mentions compared, for one document."""
    spans = [(span.start, span.stop) for span in _project_spans(doc)]
    rules = list(analysis.mentions)
    looked_up = ner_lookup(document, doc, names)
    extra = [
        m for m in looked_up if not _overlapping(m.start, m.end, [(r.start, r.end) for r in rules])
    ]
    return {
        "rules": rules,
        "ner lookup": looked_up,
        "ner + gazetteer": ner_gazetteer(document, doc, gazetteer),
        "rules filtered by ner": [m for m in rules if _overlapping(m.start, m.end, spans)],
        "rules + ner": sorted([*rules, *extra], key=lambda m: m.start),
    }


def span_detection(doc: Any, gold: Sequence[GoldItem], body: int) -> dict[str, int]:
    """Detection alone, whatever a span refers to: the gold mentions a LOC/ORG span of the
    body overlaps, and the spans that overlap a gold mention."""
    spans = [(span.start, span.stop) for span in _project_spans(doc) if span.start >= body]
    golds = [(item.start, item.end) for item in gold]
    return {
        "gold_mentions_overlapped": sum(_overlapping(*item, spans) for item in golds),
        "gold_mentions": len(golds),
        "spans": len(spans),
        "spans_on_a_gold_mention": sum(_overlapping(*span, golds) for span in spans),
    }


# --- claims -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """slovnet's dependency parse of one sentence of the reader: token spans (offsets in the
    document's text) and each token's head (None at a root)."""

    spans: tuple[tuple[int, int], ...]
    heads: tuple[int | None, ...]

    def token_at(self, start: int, end: int) -> int | None:
        """The token of ``[start, end)`` highest in the tree (a name's head word)."""
        inside = [i for i, (a, b) in enumerate(self.spans) if a < end and start < b]
        if not inside:
            return None
        return min(inside, key=self.depth)

    def depth(self, index: int) -> int:
        return len(self.ancestors(index))

    def ancestors(self, index: int) -> list[int]:
        chain = []
        head = self.heads[index]
        while head is not None and head not in chain and len(chain) < len(self.heads):
            chain.append(head)
            head = self.heads[head]
        return chain

    def distance(self, first: int, second: int) -> float:
        """Edges between two tokens (infinite across natasha's own sentence breaks)."""
        up_first = [first, *self.ancestors(first)]
        up_second = [second, *self.ancestors(second)]
        common = set(up_first) & set(up_second)
        if not common:
            return float("inf")
        return min(up_first.index(node) + up_second.index(node) for node in common)


def parse_sentences(natasha: Natasha, document: NewsDocument) -> dict[int, Tree]:
    """slovnet's tree of each of the reader's sentences that holds a digit."""
    trees = {}
    for index, (start, end) in enumerate(document.sentences):
        text = document.text[start:end]
        if not any(character.isdigit() for character in text):
            continue
        doc = natasha.doc(text)
        spans, heads = [], []
        ids: dict[str, int] = {}
        for token in doc.tokens:
            ids[token.id] = len(spans)
            spans.append((start + token.start, start + token.stop))
        for token in doc.tokens:
            root = token.head_id.endswith("_0") or token.head_id not in ids
            heads.append(None if root else ids[token.head_id])
        trees[index] = Tree(tuple(spans), tuple(heads))
    return trees


def _name_span(located: linking.Located) -> tuple[int, int]:
    match = located.match
    if isinstance(match, Mention):
        return match.position, match.position + len(match.text)
    return match.start, match.end


def syntax_nearest(
    document: NewsDocument, trees: dict[int, Tree], rules: Callable[..., Any], choices: list[int]
) -> Callable[..., Any]:
    """A stand-in for :func:`linking._nearest` that picks the name closest in the tree; the
    position of each figure whose sentence offers two names or more is added to ``choices``."""

    def nearest(items: Sequence[linking.Located], position: int) -> tuple[linking.Located, str]:
        chosen, rule = rules(items, position)
        topic = not isinstance(chosen.match, Mention) and chosen.match.target[0] == "topic"
        sentence = document.sentence_index(position)
        tree = trees.get(sentence) if sentence is not None else None
        if topic or tree is None or len(items) < 2:
            return chosen, rule
        figure = tree.token_at(position, position + 1)
        if figure is None:
            return chosen, rule
        choices.append(position)
        distances = []
        for located in items:
            token = tree.token_at(*_name_span(located))
            distances.append(tree.distance(figure, token) if token is not None else float("inf"))
        best = min(distances)
        if best == float("inf") or distances[items.index(chosen)] == best:
            return chosen, rule
        pick = min(
            (i for i, d in enumerate(distances) if d == best),
            key=lambda i: abs(items[i].position - position),
        )
        return items[pick], "sentence, syntax"

    return nearest


@contextmanager
def syntax_linking(
    document: NewsDocument, trees: dict[int, Tree], choices: list[int]
) -> Iterator[None]:
    """The reader with :func:`syntax_nearest` in place of its in-sentence rule."""
    nearest = syntax_nearest(document, trees, linking._nearest, choices)
    with mock.patch.object(linking, "_nearest", nearest):
        yield


def _state(claim: Any, gold: Sequence[GoldItem], body: int) -> str:
    """How the scorer counts ``claim``: right, wrong, or not at all (unlinked, before the
    body, or given to a project the catalog does not map)."""
    if not scored_claims([claim], body):
        return "uncounted"
    return (
        "right"
        if any(_overlap(claim, g) and same_claim(claim, g.fields) for g in gold)
        else "wrong"
    )


def claim_changes(
    rules: Sequence[Any], syntax: Sequence[Any], gold: Sequence[GoldItem], body: int
) -> list[str]:
    """The claims whose project the syntax link changed: "text: before -> after (state ->
    state)"."""
    changes = []
    for before, after in zip(rules, syntax, strict=True):
        if (before.layer, before.feature) == (after.layer, after.feature) or before.start < body:
            continue
        changes.append(
            f"{before.text}: {before.feature or before.layer} -> "
            f"{after.feature or after.layer} ({_state(before, gold, body)} -> "
            f"{_state(after, gold, body)})"
        )
    return changes


def _overlap(claim: Any, gold: GoldItem) -> bool:
    return bool(claim.start < gold.end and gold.start < claim.end)


def rules_errors(
    claims: Sequence[Any], gold: Sequence[GoldItem], body: int
) -> dict[str, list[str]]:
    """The rules' wrong claims by cause: ``linking`` (the figure, kind, unit and scope of a
    gold claim, another project), ``measure`` (a gold claim's place, another kind, unit,
    scope or value), ``not a claim`` (no gold claim there), and the gold claims ``missed``."""
    found = scored_claims(claims, body)
    errors: dict[str, list[str]] = {"linking": [], "measure": [], "not a claim": [], "missed": []}
    for claim in found:
        overlapped = [g for g in gold if _overlap(claim, g)]
        if any(same_claim(claim, g.fields) for g in overlapped):
            continue
        relinked = [
            g
            for g in overlapped
            if same_claim(
                replace(claim, layer=g.fields["layer"], feature=g.fields["feature"]), g.fields
            )
        ]
        cause = "linking" if relinked else "measure" if overlapped else "not a claim"
        errors[cause].append(
            f"{claim.text} ({claim.kind}, {claim.feature or claim.layer}, {claim.scope})"
        )
    for item in gold:
        if not any(_overlap(c, item) for c in found):
            errors["missed"].append(str(item.fields["text"]))
    return errors


# --- speed and size ---------------------------------------------------------------------


def _seconds(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code`` (its own clock, not start-up)."""
    script = f"import time\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(run.stdout.split()[-1])


def start_up() -> dict[str, float]:
    """Import and model-loading seconds of natasha, and of the reader's morphology."""
    load = (
        "from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, "
        "NewsSyntaxParser, Segmenter\ne = NewsEmbedding(); Segmenter(); MorphVocab(); "
        "NewsMorphTagger(e); NewsSyntaxParser(e); NewsNERTagger(e)"
    )
    rules = (
        "from caspian.layers.news.gazetteer import load_gazetteer\nload_gazetteer()\n"
        "from caspian.layers.news.text import lemmas\nlemmas('дороги')"
    )
    return {
        "natasha_import_s": round(_seconds("import natasha"), 2),
        "natasha_import_and_models_s": round(_seconds(load), 2),
        "rules_import_and_gazetteer_s": round(_seconds(rules), 2),
    }


def _size_mb(names: Sequence[str]) -> dict[str, float]:
    """Megabytes on disk of each installed distribution's top-level package (or module)."""
    sizes = {}
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        root = Path(spec.origin).parent if spec.submodule_search_locations else Path(spec.origin)
        files = root.rglob("*") if root.is_dir() else [root]
        sizes[name] = round(sum(f.stat().st_size for f in files if f.is_file()) / 1e6, 1)
    return sizes


def sizes() -> dict[str, Any]:
    natasha = _size_mb(NATASHA_DISTRIBUTIONS)
    return {
        "natasha_packages_mb": natasha,
        "natasha_total_mb": round(sum(natasha.values()), 1),
        "rules_packages_mb": _size_mb(RULES_DISTRIBUTIONS),
    }


def throughput(
    natasha: Natasha, texts: Sequence[str], documents: Sequence[NewsDocument], rounds: int = 3
) -> dict[str, float]:
    """Articles per second over ``texts``, the best of ``rounds`` runs each, by the wall
    clock and by this process's processor time (which the other jobs of a shared machine do
    not add to)."""
    runs = {
        "natasha_full": lambda: [natasha.doc(text) for text in texts],
        "natasha_ner_only": lambda: [natasha.doc(text, syntax=False) for text in texts],
        "rules_analyse": lambda: [analyse(document) for document in documents],
    }
    rates: dict[str, float] = {
        "articles": len(texts),
        "characters_per_article": round(sum(map(len, texts)) / len(texts)),
    }
    for name, run in runs.items():
        for clock, suffix in ((time.perf_counter, "per_s"), (time.process_time, "per_cpu_s")):
            times = []
            for _ in range(rounds):
                start = clock()
                run()
                times.append(clock() - start)
            rates[f"{name}_{suffix}"] = round(len(texts) / min(times), 1)
    return rates


# --- the run ----------------------------------------------------------------------------


def _tally(tally: Tally) -> dict[str, Any]:
    return {
        "right": tally.right,
        "found": tally.found,
        "expected": tally.expected,
        "precision": round(tally.precision, 3),
        "recall": round(tally.recall, 3),
    }


def compare(part: str, natasha: Natasha, corpus: int) -> dict[str, Any]:
    """Mentions and claims of the rules and of natasha on ``part`` of the real set, and the
    speed over its articles and over ``corpus`` articles made by repeating them."""
    gazetteer = load_gazetteer()
    names = normal_names(natasha, gazetteer)
    mentions: dict[str, Tally] = {}
    detection: Counter[str] = Counter()
    choices: list[int] = []
    claims = {"rules": Tally(0, 0, 0), "syntax": Tally(0, 0, 0)}
    changes: list[str] = []
    errors: dict[str, list[str]] = {}
    documents, texts = [], []
    for entry in documents_of(REAL, part):
        name = entry["id"]
        gold = load_json(REAL / "gold" / name.replace(".txt", ".json"))
        document = read_document(REAL / name)
        documents.append(document)
        texts.append(document.text)
        body = locate(document.text, gold["lead"])[0]
        gold_mentions = gold_items(document.text, gold["mentions"])
        gold_claims = gold_items(document.text, gold["claims"])
        analysis = analyse(document)
        doc = natasha.doc(document.text)
        for variant, found in mention_variants(document, analysis, doc, gazetteer, names).items():
            mentions[variant] = mentions.get(variant, Tally(0, 0, 0)) + score_mentions(
                found, gold_mentions, body
            )
        detection.update(span_detection(doc, gold_mentions, body))
        offered: list[int] = []
        with syntax_linking(document, parse_sentences(natasha, document), offered):
            relinked = analyse(document)
        choices += [position for position in offered if position >= body]
        claims["rules"] += score_claims(analysis.claims, gold_claims, body)
        claims["syntax"] += score_claims(relinked.claims, gold_claims, body)
        changes += [
            f"{name[:5]} {text}"
            for text in claim_changes(analysis.claims, relinked.claims, gold_claims, body)
        ]
        for cause, listed in rules_errors(analysis.claims, gold_claims, body).items():
            errors.setdefault(cause, []).extend(f"{name[:5]} {text}" for text in listed)
    return {
        "part": part,
        "documents": len(documents),
        "mentions": {variant: _tally(tally) for variant, tally in mentions.items()},
        "ner_spans": dict(detection),
        "claims": {variant: _tally(tally) for variant, tally in claims.items()},
        "figures_with_two_names_or_more_in_their_sentence": len(choices),
        "rules_claim_errors": errors,
        "syntax_changes": changes,
        "speed": throughput(natasha, texts, documents),
        "corpus_speed": throughput(
            natasha, _cycled(texts, corpus), _cycled(documents, corpus), rounds=1
        ),
    }


def _cycled(items: Sequence[Any], count: int) -> list[Any]:
    """``count`` items: ``items`` repeated."""
    return [items[index % len(items)] for index in range(count)]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", choices=("dev", "heldout"))
    parser.add_argument("--corpus", type=int, default=1_000, help="articles of the speed run")
    args = parser.parse_args(argv)
    natasha = load_natasha()
    result = {
        "parts": [compare(part, natasha, args.corpus) for part in args.part or ["dev"]],
        "start_up": start_up(),
        "size": sizes(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
