"""Units of numeric claims and their normal forms.

Every unit word maps to a quantity and a factor into that quantity's normal unit: lengths to
km, masses to Mt (million tonnes), money to its currency, power to GW, bandwidth to Tbit/s.
Units are looked up by lemma, so "километров", "км" and "километровой" (in "224-километровой")
all read km. A quantity comes only from its unit: a capacity (Mt/yr, GW, Tbit/s) can never be
read as a length, whatever words stand around it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit as written, resolved: ``quantity`` and ``unit`` normal form, ``factor`` to it."""

    quantity: str
    unit: str
    factor: float


LENGTH = Unit("length", "km", 1.0)
METRE = Unit("length", "km", 1e-3)
TONNE = Unit("mass", "Mt", 1e-6)
MEGATONNE = Unit("mass", "Mt", 1.0)
USD = Unit("money", "USD", 1.0)
EUR = Unit("money", "EUR", 1.0)
KZT = Unit("money", "KZT", 1.0)
AZN = Unit("money", "AZN", 1.0)
RUB = Unit("money", "RUB", 1.0)
GEL = Unit("money", "GEL", 1.0)
GIGAWATT = Unit("power", "GW", 1.0)
MEGAWATT = Unit("power", "GW", 1e-3)
KILOWATT = Unit("power", "GW", 1e-6)
TERABIT = Unit("bandwidth", "Tbit/s", 1.0)
GIGABIT = Unit("bandwidth", "Tbit/s", 1e-3)
TEU = Unit("containers", "TEU", 1.0)
PERCENT = Unit("percent", "%", 1.0)

#: Unit words that after a hyphen are an ordinal's ending, no unit: "83-м заседании".
NOT_AFTER_HYPHEN = frozenset({"м"})
#: Unit words by lemma (lower case, "ё" as "е"), Russian and English.
UNIT_WORDS: dict[str, Unit] = {
    "км": LENGTH, "километр": LENGTH, "километровый": LENGTH, "km": LENGTH,
    "kilometre": LENGTH, "kilometer": LENGTH, "kilometres": LENGTH, "kilometers": LENGTH,
    "метр": METRE, "м": METRE,
    "тонна": TONNE, "тонн": TONNE, "т": TONNE, "tonne": TONNE, "tonnes": TONNE, "tons": TONNE,
    "mt": MEGATONNE,
    "доллар": USD, "долл": USD, "дол": USD, "usd": USD, "$": USD, "dollar": USD, "dollars": USD,
    "евро": EUR, "eur": EUR, "€": EUR,
    # "10,5 млрд тг": the Kazakh press's abbreviation
    "тенге": KZT, "тг": KZT, "kzt": KZT, "₸": KZT,
    "манат": AZN, "azn": AZN, "рубль": RUB, "руб": RUB, "₽": RUB,
    "лари": GEL, "gel": GEL, "₾": GEL,
    "гвт": GIGAWATT, "gw": GIGAWATT, "гигаватт": GIGAWATT,
    "мвт": MEGAWATT, "mw": MEGAWATT, "мегаватт": MEGAWATT,
    "квт": KILOWATT, "kw": KILOWATT, "киловатт": KILOWATT,
    "тбит/с": TERABIT, "tbit/s": TERABIT, "tbps": TERABIT, "терабит": TERABIT,
    "гбит/с": GIGABIT, "gbit/s": GIGABIT, "gbps": GIGABIT, "гигабит": GIGABIT,
    "teu": TEU, "дфэ": TEU,
    "%": PERCENT, "процент": PERCENT, "percent": PERCENT,
}  # fmt: skip


def unit_label(unit: str, per_year: bool) -> str:
    """``"Mt"`` -> ``"Mt/yr"`` when the claim is a rate per year."""
    return f"{unit}/yr" if per_year else unit


def format_quantity(value: float, unit: str | None = None) -> str:
    """A claim's value for people: ``547,000,000 USD``, ``1.3 GW``, ``2026 year`` (years are not
    grouped in thousands), ``2024-03-05`` (an event's date)."""
    if unit == "date":
        return dt.date.fromordinal(int(value)).isoformat()
    if unit == "year":
        number = str(int(value))
    elif value == int(value):
        number = f"{int(value):,}"
    else:
        number = f"{value:,.6g}"
    return f"{number} {unit}" if unit else number
