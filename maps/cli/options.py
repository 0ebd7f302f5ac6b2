"""Options that several ``caspian`` commands share, declared once (click only, imported cheaply)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from caspian.geo.routing import is_positive_km


def format_option(*choices: str, help: str = "Output format.") -> Callable[[Any], Any]:
    """``--format`` (as ``fmt``) with ``choices``; the first is the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
        show_default=True, help=help,
    )


def check_max_snap_km(value: float) -> None:
    """Refuse a ``--max-snap-km`` the routers would refuse (their rule), before any loading."""
    if not is_positive_km(value):
        raise click.UsageError("--max-snap-km must be a positive number of kilometres")
