"""Temporary files that a signal cannot strand.

The command line turns SIGTERM, SIGHUP and Ctrl-C into an exception that unwinds the stack,
so a ``finally`` block removes a temporary file. But Python raises that exception at whatever
line is running when the signal arrives: between creating a file and entering the ``try``
that removes it, or inside the ``finally`` before its removal, and the file stays behind
(5 of 15 runs in one measured case). Two guards close those gaps:

* :func:`held_signals` blocks the signals around a short step (create and note a file, or
  remove it): a signal that arrives meanwhile is delivered when the step is over, so the step
  is done whole or not at all;
* every temporary path is noted in :func:`created` before it is handed out and forgotten in
  :func:`removed`; what is still noted when the interpreter exits (a signal landed in a
  ``finally`` before its guard) is removed then.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

#: The signals that unwind a command (see :mod:`caspian.maps.cli`), and Ctrl-C.
_UNWINDING = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

# Temporary files and folders not yet removed, by path.
_PENDING: set[Path] = set()
_PENDING_LOCK = threading.Lock()


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Within the block, hold SIGINT, SIGTERM and SIGHUP back; they arrive when it ends.

    On a system without ``pthread_sigmask`` (Windows) the block runs unguarded.
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    previous = mask(signal.SIG_BLOCK, _UNWINDING)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def created(path: Path) -> Path:
    """Note ``path`` (a temporary file or folder) as to be removed; return it.

    Call it inside :func:`held_signals`, together with whatever creates the path.
    """
    with _PENDING_LOCK:
        _PENDING.add(path)
    return path


def remove(path: Path) -> None:
    """Remove the temporary file or folder ``path`` if it is there, and forget it."""
    with held_signals():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # gone already, or cannot go: nothing to do
                path.unlink()
        removed(path)


def removed(path: Path) -> None:
    """Forget ``path``: it was renamed into place or removed."""
    with _PENDING_LOCK:
        _PENDING.discard(path)


@atexit.register
def _remove_stranded() -> None:
    with _PENDING_LOCK:
        stranded = list(_PENDING)
    for path in stranded:
        with contextlib.suppress(OSError):
            remove(path)
