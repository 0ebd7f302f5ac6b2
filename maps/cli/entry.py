"""The ``caspian`` console script.

A Ctrl-C while the command line is still being imported (click, the command table: the
first fraction of a second) ends as one during a command does, with ``caspian: interrupted``
and exit code 130, not with Python's traceback; :func:`caspian.maps.cli.main.main` answers
every later one.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _interrupted_while_loading(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("caspian: interrupted\n")
    raise SystemExit(130)


def run() -> None:
    """Import the command line with Ctrl-C answered quietly, then run it."""
    # not where Ctrl-C is ignored (a command started with & or nohup): leave that alone
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if quiet:
        signal.signal(signal.SIGINT, _interrupted_while_loading)
    try:
        # slow import: click and the command table (the fraction of a second it covers)
        from caspian.maps.cli.main import main
    finally:
        if quiet:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
