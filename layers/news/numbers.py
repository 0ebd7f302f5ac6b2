"""Numbers as Russian news writes them: ``1 850``, ``1,5``, ``547``, ``трёх``, ``одного``.

Digits may group thousands with spaces (ordinary, no-break or thin) and use a comma or a point
for decimals; numbers in words are recognised by their lemma (pymorphy3), so "трёх", "три" and
"тремя" all read 3. Scale words ("млн", "миллиардов", "тыс.") multiply.
"""

from __future__ import annotations

import re

from caspian.layers.news.text import best_lemma, lemmas

# Digits, with thousands grouped by spaces and a decimal comma or point.
DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# English thousands groups: "1,768", "2,500.75".
DIGITS_EN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"

NUMBER_WORDS: dict[str, float] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "сто": 100, "полтора": 1.5,
}  # fmt: skip

SCALES: dict[str, float] = {
    "тысяча": 1e3, "тыс": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9,
    "трлн": 1e12, "триллион": 1e12, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "mln": 1e6, "bn": 1e9,
}  # fmt: skip


def parse_digits(text: str, english: bool = False) -> float:
    """``"1 850,5"`` -> 1850.5; with ``english``, ``"1,850.5"`` -> 1850.5 too.

    Russian writes a decimal comma, English groups thousands with commas: "1,768" is 1.768 in a
    Russian article and 1768 in an English one.

    Raises
    ------
    ValueError
        If ``text`` is not a number in one of the accepted shapes.
    """
    cleaned = text.strip()
    if english and re.fullmatch(DIGITS_EN, cleaned):
        return float(cleaned.replace(",", ""))
    if not re.fullmatch(DIGITS, cleaned):
        raise ValueError(f"not a number: {text!r}")
    cleaned = re.sub(r"[ \u00a0\u202f]", "", cleaned).replace(",", ".")
    return float(cleaned)


def number_word(word: str) -> float | None:
    """The value of a Russian number word in any case ("трёх" -> 3), else ``None``."""
    if not re.fullmatch(r"[А-Яа-яЁё]+", word):
        return None
    for lemma in (best_lemma(word), *sorted(lemmas(word))):
        if lemma in NUMBER_WORDS:
            return float(NUMBER_WORDS[lemma])
    return None


def scale_word(word: str) -> float | None:
    """The multiplier of a scale word ("млн", "миллиардов", "тыс") else ``None``."""
    for lemma in (best_lemma(word), *sorted(lemmas(word))):
        if lemma.rstrip(".") in SCALES:
            return SCALES[lemma.rstrip(".")]
    return None
