"""Options that several ``caspian`` commands share, declared once (click only, imported cheaply)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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


def nonempty_path(
    what: str = "a file", *, as_path: bool = False
) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback refusing an empty name (``-o ''``, ``--osm-file ''``) before anything
    runs: pathlib reads ``''`` as the current folder, so it would otherwise surface as
    "``.`` is a folder", a library's "give a str or a pathlib.Path", or a corpus read from
    wherever the command was started. ``what`` says what to give ("a folder"); ``as_path``
    hands the value on as a ``pathlib.Path`` (made here: click's ``path_type`` would turn
    ``''`` into ``.`` before the check could see it)."""

    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        names = value if isinstance(value, tuple) else (value,)
        if "" in names:
            given = "/".join(param.opts) if isinstance(param, click.Option) else (
                param.human_readable_name)
            raise click.UsageError(f"{given} was given an empty name; give the path of {what}")
        if as_path and isinstance(value, str):
            return Path(value)
        return value

    return check
