"""The part of a feature a figure measures: a country section, a backup or second line, a leg.

"Протяжённость азербайджанского участка — 443 км" is not the pipeline's length, nor is the
second line's or the backup cable's. A figure's scope is read from its clause (the text
between the figure before it and the figure after it, at most :data:`REACH` characters each
way):

* ``section:<country code>`` — a section word ("участок", "отрезок", "территория", "плечо")
  with a country ("азербайджанский участок", "по территории Грузии");
* ``section:<place>`` — a section word with a place it passes through ("участок
  Карс–Игдыр", "участок через Нахичевань"): the leg through that place;
* ``second line`` — "вторая нитка", "вторая линия", "второй кабель", "параллельная";
* ``backup`` — "резервная линия", "дублирующий кабель".

Figures are compared only within one scope; a figure with none is the feature's whole.
"""

from __future__ import annotations

import re

from caspian.layers.news.text import lemmas, words

#: How far from the figure (characters) its clause may reach.
REACH = 100
SECTION_WORDS = {"участок", "отрезок", "территория", "сегмент", "плечо"}
LINE_WORDS = {"нитка", "линия", "кабель", "ветка", "труба", "трубопровод", "очередь"}
SECOND = {"второй", "параллельный"}
BACKUP = {"резервный", "дублирующий", "запасной"}
#: Country names and adjectives by lemma, to ISO 3166 codes.
COUNTRIES = {
    "азербайджан": "AZ", "азербайджанский": "AZ", "грузия": "GE", "грузинский": "GE",
    "турция": "TR", "турецкий": "TR", "казахстан": "KZ", "казахстанский": "KZ",
    "армения": "AM", "армянский": "AM", "туркменистан": "TM", "туркменский": "TM",
    "узбекистан": "UZ", "узбекский": "UZ", "иран": "IR", "иранский": "IR",
    "россия": "RU", "российский": "RU", "китай": "CN", "китайский": "CN",
    "румыния": "RO", "румынский": "RO", "болгария": "BG", "болгарский": "BG",
}  # fmt: skip
_PLACE = re.compile(r"(?:через\s+)?([А-ЯЁ][а-яё]+(?:[-–][А-ЯЁ][а-яё]+)*)")


def clause(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The range around a figure ``text[start:end]`` that its scope is read from, bounded by
    ``floor`` and ``ceiling`` (the neighbouring figures or the sentence)."""
    return max(floor, start - REACH), min(ceiling, end + REACH)


def figure_scope(text: str, start: int, end: int) -> str | None:
    """The scope stated in ``text[start:end]`` (a figure's clause), or None."""
    tokens = words(text, start, end)
    found = [lemmas(token.text) for token in tokens]
    for index, lemma_set in enumerate(found):
        if lemma_set & SECTION_WORDS:
            nearby = found[max(0, index - 3) : index + 4]
            for near in nearby:
                country = next((COUNTRIES[lemma] for lemma in near if lemma in COUNTRIES), None)
                if country:
                    return f"section:{country}"
            place = _PLACE.match(text, tokens[index].end + 1, end)
            if place and place.start() - tokens[index].end <= 2:
                return f"section:{place.group(1)}"
    for index, lemma_set in enumerate(found):
        following = found[index + 1 : index + 3]
        if lemma_set & BACKUP:
            return "backup"
        if lemma_set & SECOND and any(near & LINE_WORDS for near in following):
            return "second line"
    return None
