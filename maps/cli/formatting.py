"""Render rows (lists of flat dicts) as an aligned table, JSON or CSV for the command line.

Text from data cannot act on what shows it: control characters are escaped in tables (a
terminal would run an escape sequence, and a line break would forge a row), JSON escapes every
control character, and a CSV cell a spreadsheet would run as a formula is neutralised
(:mod:`caspian.layers.io.safe_text`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from caspian.geo.figures import none_if_missing
from caspian.layers.io.safe_text import csv_text, has_control, json_text, terminal_text

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:,.1f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{_cell(key)} {_cell(val)}" for key, val in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(item) for item in value)
    return terminal_text(str(value))


def _is_numeric(values: Sequence[Any]) -> bool:
    if _is_float_array(values):
        return bool((~_nan_mask(values)).any())
    # By the types present, each tested once: a user's file may give a million rows.
    kinds = _types(values) - {type(None)}
    return bool(kinds) and all(
        issubclass(kind, (int, float)) and not issubclass(kind, bool) for kind in kinds
    )


def _types(values: Sequence[Any]) -> set[type]:
    """The types of ``values``, each once."""
    return set(map(type, values))


def _is_float_array(values: Any) -> bool:
    return getattr(getattr(values, "dtype", None), "kind", None) == "f"


def _nan_mask(values: Any) -> Any:
    return values != values  # NaN is the one float unequal to itself (no numpy import here)


def render_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Align ``rows`` in columns; numbers right-aligned, text left-aligned.

    Parameters
    ----------
    rows : sequence of mapping
        One mapping per row.
    columns : sequence of str, optional
        Column order; defaults to the keys of the first row.

    Returns
    -------
    str
        The table, a header line and a rule, without a trailing newline.
    """
    if not rows:
        return "(no rows)"
    names = list(columns or rows[0].keys())
    return render_table_columns({name: [row.get(name) for row in rows] for name in names})


def render_table_columns(columns: Mapping[str, Sequence[Any]]) -> str:
    """:func:`render_table` of a table given column by column (the same text).

    Parameters
    ----------
    columns : mapping of str to sequence
        The values of each column, in order, all of one length; a numpy array of floats is
        taken as it is (NaN shown empty), without boxing every value.

    Returns
    -------
    str
        The table, a header line and a rule, without a trailing newline.
    """
    if not columns or not len(next(iter(columns.values()))):
        return "(no rows)"
    cells, rules = [], []
    for name, values in columns.items():
        header = terminal_text(str(name))
        column, width = _padded([header, *_column_cells(values)], right=_is_numeric(values))
        cells.append(column)
        rules.append("-" * width)
    # Padded column by column, each distinct text once, and joined row by row: a user's file
    # may give a million rows, and a format call per row with a spec per cell cost more.
    lines = ["  ".join(row).rstrip() for row in zip(*cells, strict=True)]
    lines.insert(1, "  ".join(rules))  # the rule keeps its trailing dashes
    return "\n".join(lines)


def _padded(texts: list[str], *, right: bool) -> tuple[list[str], int]:
    """``texts`` padded with spaces to the longest one's width, right-aligned (numbers) or
    left-aligned, and that width."""
    distinct = set(texts)
    width = max(map(len, distinct))
    pad = str.rjust if right else str.ljust
    padded = {text: pad(text, width) for text in distinct}
    return list(map(padded.__getitem__, texts)), width


def _column_cells(values: Sequence[Any]) -> list[str]:
    """:func:`_cell` of every value, with shortcuts for a column of floats or of text."""
    if _is_float_array(values):
        # slow import
        import numpy as np

        # Each distinct value formatted once (a column of zeros is common): distinct by
        # its bits, so that -0.0 keeps its sign.
        bits, position = np.unique(np.asarray(values, dtype=np.float64).view(np.int64),
                                   return_inverse=True)
        texts = ["" if value != value else f"{value:,.1f}"
                 for value in bits.view(np.float64).tolist()]
        return np.asarray(texts, dtype=object)[position.reshape(-1)].tolist()
    kinds = _types(values)
    if kinds <= {float, type(None)}:
        return ["" if value is None or math.isnan(value) else f"{value:,.1f}"
                for value in values]
    if kinds <= {str, type(None)}:
        texts = ["" if value is None else value for value in values]
        # One search over the column: most columns hold no control character to escape.
        if not has_control("".join(texts)):
            return texts
        return [terminal_text(text) for text in texts]
    return [_cell(value) for value in values]


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def render_json(rows: Any) -> str:
    """Serialise ``rows`` as indented UTF-8 JSON (Cyrillic kept as is), NaN as null, every
    control character escaped."""
    text = json.dumps(_nan_to_none(rows), ensure_ascii=False, indent=2, default=_json_default)
    return json_text(text)


def _nan_to_none(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _nan_to_none(val) for key, val in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nan_to_none(item) for item in value]
    return none_if_missing(value)


def render_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Render ``rows`` as CSV; nested values become JSON text so a spreadsheet keeps them, and
    text that a spreadsheet would run as a formula starts with an apostrophe."""
    names = list(columns or (rows[0].keys() if rows else []))
    lines = [[str(name) for name in names]]
    for row in rows:
        out = []
        for name in names:
            value = _nan_to_none(row.get(name))
            if isinstance(value, (Mapping, list, tuple)):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out.append(value)
        lines.append(out)
    return csv_text(lines).rstrip("\n")


def render(
    rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None
) -> str:
    """Render ``rows`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(list(rows))
    if fmt == "csv":
        return render_csv(rows, columns)
    return render_table(rows, columns)
