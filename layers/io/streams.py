"""Outputs that are open descriptors of this process: standard output, ``/dev/fd/N``.

A command asked to write ``-o /dev/stdout`` writes into the descriptor, wherever the shell
sent it (a pipe, a terminal, a file after ``>`` or ``>>``), and prints nothing else there.
:mod:`caspian.layers.io.fileio` asks here before it treats such a name as a path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


def names_standard_output(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is this process's standard output (``/dev/stdout``, ``/dev/fd/1``, or
    any name of the pipe, terminal or file that descriptor 1 is open on).

    A command that writes its output there must print nothing else on stdout (a table beside
    GeoJSON is neither), as ``ogr2ogr /vsistdout/`` keeps its messages on stderr.
    """
    if descriptor_named(Path(path)) == 1:
        return True
    try:
        named, standard = os.stat(path), os.fstat(1)
        # /dev/null swallows both, whatever is printed where
        return os.path.samestat(named, standard) and not os.path.samestat(
            named, os.stat(os.devnull))
    except (OSError, ValueError):  # no such file yet, or no descriptor 1
        return False


def descriptor_named(path: Path) -> int | None:
    """The file descriptor of this process that ``path`` names (``/dev/stdout``,
    ``/dev/fd/3``, ``/proc/self/fd/1``), or None for any other name."""
    try:
        text = os.path.abspath(path)
    except OSError:  # a relative name in a folder since deleted: no descriptor's name
        return None
    if text in ("/dev/stdout", "/dev/stderr"):
        return 1 if text == "/dev/stdout" else 2
    for folder in ("/dev/fd/", "/proc/self/fd/", f"/proc/{os.getpid()}/fd/"):
        number = text.removeprefix(folder)
        if number != text and number.isdigit():
            return int(number)
    return None


def redirected_stream(path: Path) -> BinaryIO | None:
    """A stream into the open descriptor ``path`` names when it leads to a regular file (the
    shell's ``-o /dev/stdout > out.csv`` or ``>>``), else None.

    Such a name is a link to that file, but the user asked for the descriptor: the bytes go
    where a pipe's would, at the shell's offset (appended after ``>>``), instead of replacing
    the file by name (or being refused as a link to a file of another kind).
    """
    number = descriptor_named(path)
    if number is None:
        return None
    try:
        if not stat.S_ISREG(os.fstat(number).st_mode):
            return None
        return os.fdopen(os.dup(number), "wb")
    except OSError:
        return None  # not open here: the name is resolved as any other
