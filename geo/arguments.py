"""Checks of what a script passes to caspian's public functions, one rule per kind of argument.

A notebook that gives ``None`` for a layer, ``True`` for a coordinate or a numpy array for a
flag gets an :class:`~caspian.geo.errors.ArgumentError` that names the argument and says what
to give, instead of an ``AttributeError`` or numpy's "truth value of an array is ambiguous"
from deep inside. Each check returns the value it accepted (normalised where that is the rule:
``None`` settings become the defaults), so a public function checks and binds in one line.
Nothing here reads a file.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from caspian.geo.errors import ArgumentError
from caspian.geo.settings import DEFAULT_SETTINGS, Settings

T = TypeVar("T")


def described(value: Any) -> str:
    """A short phrase for a Python value in a message: ``None``, ``True (a bool)``,
    ``a numpy ndarray of shape (2,)``, ``the string 'x'``, ``the number 42``, ``a dict``."""
    if value is None or is_bool(value):
        return "None" if value is None else f"{bool(value)!r} (a bool)"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the string {shown!r}"
    if isinstance(value, numbers.Real):
        plain = value.item() if hasattr(value, "item") else value  # numpy scalar -> Python
        return f"the number {plain!r}"
    kind = type(value)
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple):
        return f"a {kind.__module__.split('.')[0]} {kind.__name__} of shape {shape}"
    article = "an" if kind.__name__[:1].lower() in "aeiou" else "a"
    return f"{article} {kind.__name__}"


def refuse(name: str, value: Any, expected: str) -> NoReturn:
    """Raise the one-line :class:`ArgumentError`: ``"<name> is <what>; give <expected>"``."""
    raise ArgumentError(f"{name} is {described(value)}; give {expected}")


def settings_or_default(settings: Any, name: str = "settings") -> Settings:
    """``settings`` itself, or :data:`DEFAULT_SETTINGS` for None."""
    if settings is None:
        return DEFAULT_SETTINGS
    if not isinstance(settings, Settings):
        refuse(name, settings, "a caspian.geo.Settings, or None for the defaults")
    return settings


def flag(value: Any, name: str) -> bool:
    """``True`` or ``False`` (numpy's booleans too); anything else, even 0 or "yes", is refused
    rather than guessed."""
    if not is_bool(value):
        refuse(name, value, "True or False")
    return bool(value)


def text(value: Any, name: str, expected: str = "a string") -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value:
        refuse(name, value, expected)
    return value


def texts(value: Any, name: str, expected: str) -> list[str]:
    """One string or an iterable of strings (a list, a tuple, a pandas Series), as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        refuse(name, value, expected)
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            refuse(f"an item of {name}", item, expected)
    return items


def file_path(value: Any, name: str) -> Path:
    """A file path: a ``str`` or an ``os.PathLike`` (``pathlib.Path``)."""
    if isinstance(value, Path):
        return value
    if not isinstance(value, (str, os.PathLike)) or isinstance(value, bytes) or value == "":
        refuse(name, value, "a file path (a str or a pathlib.Path)")
    return Path(value)


def is_positive_number(value: Any) -> bool:
    """Whether ``value`` is a finite number > 0 (never a bool): a distance limit, a spacing."""
    return (not is_bool(value) and isinstance(value, numbers.Real) and math.isfinite(value)
            and float(value) > 0)


def is_zero_number(value: Any) -> bool:
    """Whether ``value`` is the number 0 (never ``False``)."""
    return not is_bool(value) and isinstance(value, numbers.Real) and value == 0


def positive_number(value: Any, name: str, unit: str, *, zero: bool = False) -> float:
    """A finite number > 0 (or >= 0 with ``zero``), never a bool, e.g. a distance in km."""
    if not (is_positive_number(value) or (zero and is_zero_number(value))):
        refuse(name, value, f"a positive number of {unit}" + (" or 0" if zero else ""))
    return float(value)


def instance(value: Any, kind: type[T], name: str, expected: str) -> T:
    """``value`` when it is a ``kind``."""
    if not isinstance(value, kind):
        refuse(name, value, expected)
    return value


def mapping(value: Any, name: str, expected: str) -> Mapping[Any, Any]:
    """A mapping (a dict)."""
    if not isinstance(value, Mapping):
        refuse(name, value, expected)
    return value


def callback(value: Any, name: str) -> Callable[..., Any] | None:
    """None or something callable."""
    if value is not None and not callable(value):
        refuse(name, value, "a function taking one str, or None")
    return value


def is_bool(value: Any) -> bool:
    """Whether ``value`` is a bool, Python's or numpy's (no subclass of bool; named here so
    that this module needs no numpy)."""
    kind = type(value)
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in
                                       ("bool_", "bool"))
