"""What the reader remembers of a text it reads once: a repeated paragraph's sentences and a
repeated range's quantities (:func:`caspian.layers.news.quantities.quantities` gives what it
found in a range whose characters and context, ``_CONTEXT_CHARS`` each side, it has read
before). That holds only while every reader of quantities looks no further from its range:
these tests read each figure of the real articles again with everything beyond that context
replaced by another article's text, and a long text that repeats them."""

from __future__ import annotations

from pathlib import Path

import pytest
from caspian.layers.news import quantities as reading
from caspian.layers.news.documents import NewsDocument, parse_document, read_document
from caspian.layers.news.language import language_of
from caspian.layers.news.quantities import Quantity, quantities

REAL = Path(__file__).parent / "data" / "news_real"
#: Text outside a range's context: figures, years and number words, so that a reader looking
#: beyond the context would read something else there.
FILLER = (
    "В 2019 году через порт прошло 4,5 млн тонн грузов, а к 2030 году объем вырастет в два "
    "раза. Протяженность линии составит 826 км, стоимость - $1,2 млрд. "
) * 12


@pytest.fixture(scope="module")
def documents() -> list[NewsDocument]:
    return [read_document(path) for path in sorted(REAL.glob("*.txt"))]


def _relative(found: list[Quantity], start: int) -> list[tuple[object, ...]]:
    return [
        (item.kind, item.value, item.unit, item.start - start, item.end - start, item.qualifier,
         item.value_max, item.step, item.extra)
        for item in found
    ]  # fmt: skip


def test_a_ranges_quantities_depend_on_its_context_alone(documents: list[NewsDocument]) -> None:
    """Every sentence of the real articles that states a quantity gives the same quantities,
    at the same places in it, when the text beyond its context is another."""
    reach = reading._CONTEXT_CHARS
    read = 0
    for document in documents:
        text, language = document.text, language_of(document.language)
        for start, end in document.sentences:
            found = quantities(text, start, end, language)
            if not found:
                continue
            first, last = max(0, start - reach), min(len(text), end + reach)
            before = FILLER[: len(FILLER) - 7] if first else ""  # a cut word, not the same length
            after = FILLER[3:] if last < len(text) else ""
            other = before + text[first:last] + after
            moved = start - first + len(before)
            again = quantities(other, moved, moved + end - start, language)
            assert _relative(again, moved) == _relative(found, start), (document.id, start)
            read += 1
    assert read > 1_400  # 1,465 sentences of the 768 articles on 7 Dec 2026


def test_a_repeated_text_reads_as_the_first_copy(documents: list[NewsDocument]) -> None:
    """A text of three articles repeated three times under a title line gives each copy the
    sentences of the three once, and each of its sentences, read the second and third time
    from what was found the first, the quantities a reading of that sentence alone finds."""
    title = "Заметка о трёх статьях.\n\n"  # the first line: the title, no body paragraph
    bodies = "\n\n".join(document.text for document in documents[:3]) + "\n\n"
    repeated = parse_document(title + bodies * 3, "repeated.txt", "text")
    once = parse_document(title + bodies, "once.txt", "text")
    copies = [
        [(start - shift, end - shift) for start, end in document.sentences
         if shift <= start < shift + len(bodies)]
        for document, shift in [(once, len(title))]
        + [(repeated, len(title) + copy * len(bodies)) for copy in range(3)]
    ]  # fmt: skip
    assert copies[0] == copies[1] == copies[2] == copies[3]
    assert len(copies[0]) > 10
    text, language = repeated.text, language_of(repeated.language)
    stated = 0
    for start, end in repeated.sentences:
        found = quantities(text, start, end, language)
        assert found == reading._read(text, start, end, language), start
        stated += bool(found)
    assert stated > 10
