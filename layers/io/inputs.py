"""Every file caspian-gis reads as input goes through here, so no read can hang or fill memory.

Reads are bounded: :func:`read_input_bytes` (and :func:`check_input_file`, for a library that
opens the file itself) reads regular files only (a FIFO would hang, ``/dev/zero`` would fill
the memory) and at most ``max_bytes``. While :func:`protect_inputs` is active, each file read
is remembered, and :mod:`caspian.layers.io.fileio` refuses to write over it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from typing import BinaryIO

from caspian.geo.errors import InputError

#: Largest input file read, bytes: parsing JSON takes 10-20 times its size in memory.
MAX_INPUT_BYTES = 512 * 1024 * 1024

_CHUNK_BYTES = 1 << 20

# The files read while :func:`protect_inputs` is active: identity (device, inode) -> the name
# and size in bytes they were read by.
_INPUTS: ContextVar[dict[tuple[int, int], tuple[str, int]] | None] = ContextVar(
    "caspian_inputs", default=None
)


class InputFileError(InputError):
    """An input file cannot be read; ``reason`` says why and how to fix it."""

    def __init__(self, path: str, reason: str, options: tuple[str, ...] = ()) -> None:
        super().__init__(f"{path}: {reason}", options=options)
        self.path = path
        self.reason = reason


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as text that any UTF-8 writer accepts: bytes of a legacy encoding in a file
    name (kept by Python as lone surrogates) become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


@contextlib.contextmanager
def protect_inputs() -> Iterator[dict[tuple[int, int], tuple[str, int]]]:
    """Within the block, refuse to write over any file read by :func:`read_input_bytes` or
    checked by :func:`check_input_file`.

    The command line runs every command inside this, so ``caspian map --add mine.geojson -o
    mine.geojson`` cannot replace the user's GeoJSON with HTML, whatever the command.

    Yields
    ------
    dict
        The files read, as they are read: (device, inode) -> (name, size in bytes); still
        readable after the block (what a command that ran out of memory was working on).
    """
    inputs: dict[tuple[int, int], tuple[str, int]] = {}
    token = _INPUTS.set(inputs)
    try:
        yield inputs
    finally:
        _INPUTS.reset(token)


def kind_name(mode: int) -> str:
    """What a file of this ``st_mode`` is, as a message names it (``a FIFO (named pipe)``)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _remember_input(info: os.stat_result, path: str | os.PathLike[str]) -> None:
    inputs = _INPUTS.get()
    if inputs is not None:
        inputs[(info.st_dev, info.st_ino)] = (display_path(path), info.st_size)


def read_input_bytes(
    path: str | os.PathLike[str], max_bytes: int = MAX_INPUT_BYTES, *, edited: bool = False
) -> bytes:
    """Read a whole regular file of at most ``max_bytes`` bytes.

    The file is recorded as an input the command must not write over, unless ``edited``:
    a file the command is meant to rewrite in place (``caspian refine --write``).

    Raises
    ------
    InputFileError
        The file is missing, unreadable, not a regular file (a FIFO, a device, a folder) or
        larger than ``max_bytes``; ``reason`` names the fix.
    """
    name = display_path(path)
    fd, info = _open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > max_bytes:
            raise InputFileError(name, _too_large(info.st_size, max_bytes))
        try:
            data = _read_at_most(handle, info.st_size, max_bytes + 1)
        except OSError as exc:
            raise InputFileError(name, f"file cannot be read ({exc.strerror})") from None
        if len(data) > max_bytes:  # it grew while we read it
            raise InputFileError(name, _too_large(len(data), max_bytes))
    if not edited:
        _remember_input(info, path)
    return data


def check_input_file(path: str | os.PathLike[str],
                     max_bytes: int | None = MAX_INPUT_BYTES) -> None:
    """For a reader that hands the path to a library (osmnx, pyosmium, pyogrio): refuse now
    what :func:`read_input_bytes` would refuse, and record the file as an input.

    ``max_bytes=None`` for a file the library streams: its memory is bounded by a batch,
    not by the file.

    Raises
    ------
    InputFileError
        The file is missing, unreadable, not a regular file or larger than ``max_bytes``.
    """
    fd, info = _open_regular(path)
    os.close(fd)
    if max_bytes is not None and info.st_size > max_bytes:
        raise InputFileError(display_path(path), _too_large(info.st_size, max_bytes))
    _remember_input(info, path)


def check_input_folder(path: str | os.PathLike[str]) -> None:
    """:func:`check_input_file` for an input that is a folder (a File Geodatabase, which
    GDAL reads as a whole): it must exist and be a readable folder; recorded as an input.

    Raises
    ------
    InputFileError
        The folder is missing, unreadable or not a folder.
    """
    name = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except NotADirectoryError:
        raise InputFileError(name, "is not a folder; give the .gdb folder, or the "
                             ".gdb.zip file") from None
    except OSError as exc:
        raise _unopenable(name, exc) from None
    info = os.fstat(fd)
    os.close(fd)
    # GDAL opens the tables inside: a FIFO there would make it wait for a writer for ever
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        for entry in entries:
            mode = os.stat(entry.path).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise InputFileError(display_path(entry.path), (
                    f"is {kind_name(mode)} inside the folder, not a regular file; give a "
                    "folder of regular files (copy the geodatabase again)"))
    except OSError as exc:
        raise _unopenable(display_path(getattr(exc, "filename", None) or path), exc) from None
    _remember_input(info, path)


def _open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """A descriptor open for reading on the regular file ``path``, and its status."""
    name = display_path(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _unopenable(name, exc) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _not_regular(name, info.st_mode)
    return fd, info


def _unopenable(name: str, exc: OSError) -> InputFileError:
    if isinstance(exc, FileNotFoundError):
        return InputFileError(name, "file not found; check the path")
    if isinstance(exc, PermissionError):
        return InputFileError(name, "file is not readable (permission denied); fix its "
                              "permissions")
    return InputFileError(name, f"file cannot be read ({exc.strerror}); check the path")


def _not_regular(name: str, mode: int) -> InputFileError:
    if stat.S_ISDIR(mode):
        return InputFileError(name, "is a folder, not a file; give the path of a file")
    return InputFileError(name, f"is {kind_name(mode)}, not a regular file; save the data "
                          "to a file and give its path")


def _read_at_most(handle: BinaryIO, expected: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``handle``, whose size is ``expected`` (0 for a file of the
    kernel, such as /proc/self/status, that only knows its size once read).

    ``read(limit)`` would reserve ``limit`` bytes up front, 512 MiB for every small file,
    which fails under a memory limit (``ulimit -v``); this reserves what the file holds.
    """
    first = handle.read(min(expected + 1, limit))
    if len(first) <= expected:  # the whole file, as its size said: no copy
        return first
    parts, size = [first], len(first)
    while size < limit:
        part = handle.read(min(_CHUNK_BYTES, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _too_large(size: int, max_bytes: int) -> str:
    return (f"file is {size / 2**20:,.0f} MiB; caspian reads files up to "
            f"{max_bytes / 2**20:,.0f} MiB: split it into smaller files")


def files_read() -> tuple[tuple[int, int], ...]:
    """The (device, inode) of every file read within the active :func:`protect_inputs`
    (none outside it)."""
    return tuple(_INPUTS.get() or ())
