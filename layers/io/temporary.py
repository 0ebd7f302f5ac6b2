"""Temporary files that a signal cannot strand.

The command line turns SIGTERM, SIGHUP and Ctrl-C into an exception that unwinds the stack,
so a ``finally`` block removes a temporary file. But Python raises that exception at whatever
line is running when the signal arrives: between creating a file and entering the ``try``
that removes it, or inside the ``finally`` before its removal, and the file stays behind (an
empty hidden file beside the output, 53 times in 1,000 signals sent during writes). So:

* every temporary path is noted *before* it is created (:func:`new_file_name`,
  :func:`new_folder`) and forgotten once it is renamed into place or removed
  (:func:`forget`, :func:`remove`); whatever is still noted when the interpreter exits (an
  interrupted step left it) is removed then;
* :func:`held_signals` holds the signals back around a short step (remove and forget, rename
  and forget), so that in a single-threaded program the step is done whole: a signal that
  arrives meanwhile is delivered when it is over.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

#: The signals that unwind a command (see :mod:`caspian.maps.cli.main`), and Ctrl-C.
_UNWINDING = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

# Temporary files and folders not yet renamed or removed.
_PENDING: set[Path] = set()
_PENDING_LOCK = threading.Lock()


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Within the block, hold SIGINT, SIGTERM and SIGHUP back; they arrive when it ends.

    Only the calling thread holds them (another thread may still take one, and the main
    thread then acts on it inside the block); on a system without ``pthread_sigmask``
    (Windows) the block runs unguarded. Either way :func:`forget` and the removal at exit
    keep the temporary files accounted for.
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    previous = mask(signal.SIG_BLOCK, ())  # the current mask, unchanged
    try:
        # Python runs a handler for a signal that came just before inside this call, so the
        # call can raise after it has blocked the signals: restore them in any case.
        mask(signal.SIG_BLOCK, _UNWINDING)
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def _note(path: Path) -> Path:
    with _PENDING_LOCK:
        _PENDING.add(path)
    return path


def forget(path: Path) -> None:
    """Stop tracking ``path``: it was renamed into place (or removed)."""
    with _PENDING_LOCK:
        _PENDING.discard(path)


def new_file_name(folder: Path, prefix: str, suffix: str) -> Path:
    """A name ``prefix`` + 8 random characters + ``suffix`` in ``folder`` that no file has.

    The file is created (so that a name the file system refuses fails here, with its own
    error) and removed again at once, because writers such as GDAL's GPKG driver refuse to
    write into an existing empty file; the name stays tracked until :func:`forget` or
    :func:`remove`.

    Raises
    ------
    OSError
        The folder refuses the file (permissions, a name too long).
    """
    while True:
        path = _note(folder / f"{prefix}{os.urandom(4).hex()}{suffix}")
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another program's file: never ours to remove
            forget(path)
            continue
        except OSError:  # not created; an interrupt instead may come after the creation
            forget(path)
            raise
        os.close(handle)
        os.unlink(path)
        return path


def new_folder() -> Path:
    """A new private folder in the system's temporary folder, tracked until removed."""
    while True:
        path = _note(Path(tempfile.gettempdir()) / f"caspian-{os.urandom(4).hex()}")
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            forget(path)
            continue
        except OSError:
            forget(path)
            raise
        return path


def remove(path: Path) -> None:
    """Remove the temporary file or folder ``path`` if it is there, and forget it."""
    with held_signals():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # gone already, or cannot go: nothing to do
                path.unlink()
        forget(path)


def _forget_all_in_child() -> None:
    # A forked child that exits normally must not remove the files its parent is writing
    # (and the lock may have been held by another of the parent's threads).
    global _PENDING_LOCK
    _PENDING_LOCK = threading.Lock()
    _PENDING.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_all_in_child)


@atexit.register
def _remove_stranded() -> None:
    with _PENDING_LOCK:
        stranded = list(_PENDING)
    for path in stranded:
        with contextlib.suppress(OSError):
            remove(path)
