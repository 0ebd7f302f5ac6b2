"""The languages the news reader knows: one :class:`Language` record holds what differs
between them, so a reader is told "read this as English" rather than passed a flag.

Only what the code switches on is here: how digits group thousands and mark decimals
(read by :mod:`.numbers`, and the number patterns :mod:`.quantities` builds from it) and
the month names :mod:`.dates` reads. The rest of the vocabulary (number words, unit words,
claim words) is still Russian and lives in its own modules; see docs/architecture.md,
"Adding a news language".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language's conventions, as the news reader uses them."""

    #: ISO 639-1 code, as :func:`caspian.layers.news.documents.detect_language` gives it.
    code: str
    #: Whether commas group thousands ("1,768" is 1768, "2,500.75" 2500.75): English.
    comma_groups_thousands: bool
    #: Whether one point followed by three digits groups thousands ("1.768" is 1768): Russian,
    #: which writes a decimal comma. Two or more such points group thousands in any language.
    point_groups_thousands: bool
    #: The twelve month names, January first, lower case (Russian ones as lemmas).
    months: tuple[str, ...]


RUSSIAN = Language("ru", comma_groups_thousands=False, point_groups_thousands=True, months=(
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
    "октябрь", "ноябрь", "декабрь"))  # fmt: skip
ENGLISH = Language("en", comma_groups_thousands=True, point_groups_thousands=False, months=(
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"))  # fmt: skip

#: Every language the reader knows, by code.
LANGUAGES: dict[str, Language] = {"ru": RUSSIAN, "en": ENGLISH}


def language_of(code: str) -> Language:
    """The language of a document's ``code``; Russian, the reader's own language, for a code
    it does not know (``"und"`` when a text holds no letters)."""
    return LANGUAGES.get(code, RUSSIAN)
