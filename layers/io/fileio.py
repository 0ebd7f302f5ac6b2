"""Every file caspian-gis reads or writes goes through here, so no command can lose data.

Writes are atomic: the output goes to a temporary file in the target folder first and is then
moved over the target with :func:`os.replace` (atomic on POSIX and Windows); if the writer
fails, the temporary file is removed and the target is left as it was. What the rename would
destroy is never renamed over:

* a symbolic link is followed, and its target is written atomically (the link stays);
* a character device or a FIFO (``/dev/stdout``, ``/dev/null``, a named pipe) receives the
  finished bytes as a stream, written from a temporary file outside its folder;
* a block device, a socket, a read-only file and a file this command has read as input are
  refused, as are a name whose suffix says another format and ``-`` (which is not a file);
* disk full, a name the file system refuses, a library's failed commit: one
  :class:`~caspian.layers.io.errors.OutputError` naming the path and the reason.

Reads are :mod:`caspian.layers.io.inputs` (bounded, regular files only); a file read there
while :func:`~caspian.layers.io.inputs.protect_inputs` is active is never written over here.
Its names (``read_input_bytes``, ``check_input_file``, ``InputFileError``, ``protect_inputs``,
``MAX_INPUT_BYTES``, ``display_path``) are also importable from this module, as before.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from caspian.layers.export.formats import kinds_by_suffix
from caspian.layers.io import temporary
from caspian.layers.io.errors import OutputError
from caspian.layers.io.inputs import (
    _CHUNK_BYTES,
    MAX_INPUT_BYTES,
    InputFileError,
    check_input_file,
    display_path,
    files_read,
    kind_name,
    protect_inputs,
    read_input_bytes,
)
from caspian.layers.io.safe_text import terminal_text
from caspian.layers.io.streams import names_standard_output, redirected_stream

__all__ = [
    "MAX_INPUT_BYTES", "OTHER_SUFFIX_KINDS", "InputFileError", "atomic_path",
    "check_input_file", "check_output_target", "display_path", "names_standard_output",
    "os_error_reason", "output_path", "protect_inputs", "read_input_bytes", "suffix_kinds",
    "write_bytes_atomic", "write_text_atomic", "written_message",
]

#: What a file suffix says the file holds, for the suffixes no export format writes (those
#: are in the formats' records, :data:`caspian.layers.export.formats.FORMATS`).
OTHER_SUFFIX_KINDS: dict[str, str] = {
    ".html": "HTML", ".htm": "HTML", ".kmz": "KMZ", ".shp": "Shapefile", ".zip": "ZIP",
    ".png": "PNG", ".svg": "SVG", ".pdf": "PDF", ".txt": "text",
    # what an analyst saves beside the maps: web archives, documents, compressed pages, feeds
    ".mhtml": "MHTML", ".mht": "MHTML", ".docx": "Word", ".doc": "Word",
    ".odt": "OpenDocument", ".rtf": "RTF", ".gz": "gzip", ".xml": "XML",
}


@functools.cache
def suffix_kinds() -> dict[str, str]:
    """What each known file suffix says the file holds (``".gpkg"`` -> ``"GeoPackage"``); a
    writer refuses a suffix that names another kind than it writes."""
    # Imported on the first write, not with this module: ``caspian --help`` imports this
    # module, and the registry's dataclass records would bring dataclasses and inspect.

    return {**kinds_by_suffix(), **OTHER_SUFFIX_KINDS}


def written_message(path: str | os.PathLike[str]) -> tuple[str, bool]:
    """The ``wrote PATH`` line a command prints, and whether it belongs on stderr (when the
    output itself went to a stream such as /dev/stdout, the line must not join it).

    The path is shown with control characters escaped (a name may hold a line break).
    """
    try:
        # a pipe, a device, or standard output sent to a file by the shell (`> out.csv`:
        # the line would become the file's last row)
        stream = not stat.S_ISREG(os.stat(path).st_mode) or names_standard_output(path)
    except OSError:
        stream = False
    return terminal_text(f"wrote {display_path(path)}"), stream


def check_output_target(path: str | os.PathLike[str], *, kind: str | None = None) -> None:
    """Raise :class:`OutputError` now if ``path`` could not be written later.

    For commands that download or compute for a while before they write: the user hears
    about a missing or read-only folder before the work, not after it. The same rules as
    :func:`atomic_path`: what must not be written over is refused here already, and so is a
    name whose suffix says another ``kind`` than the one to be written.
    """
    requested = output_path(path)
    _refuse_suffix(requested, kind)
    stream = redirected_stream(requested)
    if stream is not None:  # written into the open descriptor, as atomic_path will
        stream.close()
        return
    target, _ = _resolve(requested, ())
    _check_folder(target)


def output_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a :class:`~pathlib.Path`, refused if its text names a folder.

    ``Path("route.geojson/")`` drops the slash, so a name the user ended in ``/`` (or ``/.``)
    would otherwise be written as a file; such a name is checked before it becomes a Path.

    Raises
    ------
    OutputError
        The name ends in a path separator or in ``.``.
    """
    text = os.fsdecode(path)
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    last = text
    for separator in separators:
        last = last.rsplit(separator, 1)[-1]
    if text not in ("", "-") and last in ("", ".", ".."):
        ending = text[-(len(last) + 1):]
        raise OutputError(f"{display_path(text)} ends in {display_path(ending)!r}, so it names "
                          "a folder, not a file; give a file name (without that ending)")
    return Path(path)


def _refuse_suffix(target: Path, kind: str | None) -> None:
    named = suffix_kinds().get(target.suffix.lower())
    if kind is not None and named is not None and named != kind:
        raise OutputError(f"{display_path(target)} ends in {target.suffix}, which is "
                          f"{named}, but this writes {kind}; give the file a matching name "
                          f"(e.g. {display_path(target.with_suffix(_suffix_for(kind)))})")


def _named_kind(path: Path) -> str:
    """The kind of file ``path``'s suffix names (``"HTML"``), or the suffix itself if no known
    kind (``""`` for none)."""
    suffix = path.suffix.lower()
    return suffix_kinds().get(suffix, suffix)


def _suffix_for(kind: str) -> str:
    return next(suffix for suffix, named in suffix_kinds().items() if named == kind)


def _check_folder(path: Path) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"folder {display_path(parent)} does not exist; create it first or "
                          "choose another path")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"folder {display_path(parent)} is not writable; choose another path")


def _resolve(path: Path, inputs: Iterable[str | os.PathLike[str]]) -> tuple[Path, int | None]:
    """The path to write (a symbolic link's target) and its file mode (None: does not exist).

    Raises :class:`OutputError` for what must not be written over.
    """
    name = display_path(path)
    if str(path) == "-":
        raise OutputError("'-' is not a file name here; give a file name, or /dev/stdout to "
                          "write to standard output")
    try:
        info = path.stat()  # follows symbolic links
    except FileNotFoundError:
        if os.path.islink(path):
            # As GNU cp does: a dangling link could send the write anywhere (a link left in
            # an --split folder pointed at /): never create its target.
            raise OutputError(
                f"{name} is a symbolic link to {display_path(os.readlink(path))}, which does "
                "not exist; remove the link or give another name"
            ) from None
        return path, None
    except OSError as exc:
        raise _output_error(path, exc) from exc
    # A link to a regular file is replaced at its target; a device or FIFO (also behind a
    # link such as /dev/stdout -> /proc/self/fd/1) is opened by the name given.
    mode = info.st_mode
    regular_link = stat.S_ISREG(mode) and os.path.islink(path)
    target = Path(os.path.realpath(path)) if regular_link else path
    if stat.S_ISDIR(mode):
        raise OutputError(f"{name} is a folder; give a file name, e.g. "
                          f"{display_path(path / 'out')}")
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise OutputError(f"{name} is {kind_name(mode)}; refusing to write to it: choose a "
                          "file name")
    protected = set(files_read())
    for source in inputs:
        with contextlib.suppress(OSError):
            source_info = os.stat(source)
            protected.add((source_info.st_dev, source_info.st_ino))
    if stat.S_ISREG(mode):
        if (info.st_dev, info.st_ino) in protected:
            raise OutputError(f"{name} is one of this command's input files; writing there "
                              "would destroy it: choose another output name")
        if regular_link and _named_kind(target) != _named_kind(path):
            # A stray "map.html -> /etc/passwd" would otherwise replace a file of another kind
            # whose name the user never typed; a link to a file of its own kind (latest.html ->
            # maps/7-dec.html) is what such links are made for.
            raise OutputError(
                f"{name} is a symbolic link to {display_path(target)}, whose suffix "
                f"({target.suffix or 'none'}) says another kind of file than "
                f"{path.suffix or 'none'}: writing there would replace it; remove the link or "
                "give another name"
            )
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            target, os.W_OK
        ):
            raise OutputError(f"{name} is read-only; make it writable (chmod u+w) or choose "
                              "another name")
    return target, mode


def _temp_name(target: Path) -> tuple[str, str]:
    """Prefix and suffix of the temporary file, short enough that a legal target name gives a
    legal temporary name: names are limited in bytes (255 on most file systems), and so is the
    whole path handed to the system (4,096 bytes on Linux)."""
    folder = str(target.parent) if str(target.parent) else "."
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
        path_max = os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError):
        name_max, path_max = 255, 4096
    # The whole path ends in a NUL, and its folder is followed by a "/".
    available = min(name_max, path_max - 1 - len(os.fsencode(folder)) - 1)
    suffix = f".tmp{target.suffix}" if len(os.fsencode(target.suffix)) <= 16 else ".tmp"
    room = available - len(os.fsencode(suffix)) - 2 - 8  # the dots, 8 random characters
    if room < 0:  # no room for a readable name: "." and the 8 random characters
        return ".", ""
    stem = os.fsencode(target.name)[:room]
    return "." + os.fsdecode(stem.decode("utf-8", "ignore").encode()) + ".", suffix


@contextlib.contextmanager
def atomic_path(
    path: str | os.PathLike[str],
    *,
    kind: str | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Path]:
    """Yield a temporary path; when the block succeeds, its file becomes ``path``.

    Parameters
    ----------
    path : path-like
        The final file: a new or regular file (replaced atomically), a symbolic link (its
        target is replaced, if its suffix says the same kind of file as the link's), or a
        character device or FIFO (the bytes are streamed to it).
    kind : str, optional
        What is written (a value of :func:`suffix_kinds`, e.g. ``"HTML"``); a name whose
        suffix says another kind is refused.
    inputs : iterable of path-like
        Files the output must not replace (besides those read inside :func:`protect_inputs`).

    Yields
    ------
    pathlib.Path
        A path that does not exist yet, with the target's suffix. Write the whole output there.

    Raises
    ------
    OutputError
        The target cannot or must not be written; nothing is left behind.
    """
    requested = output_path(path)
    _refuse_suffix(requested, kind)
    sink = redirected_stream(requested)
    if sink is not None:
        target, mode, stream = requested, None, True
    else:
        target, mode = _resolve(requested, inputs)
        stream = mode is not None and not stat.S_ISREG(mode)
    if not stream:
        _check_folder(target)
    # A FIFO without a reader is refused now, before anything (or any other file) is written.
    if stream and sink is None:
        sink = _open_stream(target)
    scratch: Path | None = None  # the temporary file, or (for a stream) its folder
    try:
        # Tracked from before it exists, so that SIGTERM or Ctrl-C cannot leave it behind
        # (see caspian.layers.io.temporary); the ``finally`` below removes it.
        if stream:
            scratch = temporary.new_folder()
            tmp = scratch / f"out{requested.suffix if len(requested.suffix) < 17 else ''}"
        else:
            prefix, suffix = _temp_name(target)
            tmp = scratch = temporary.new_file_name(target.parent, prefix, suffix)
        yield tmp
        if not tmp.exists():
            raise OutputError(f"nothing was written for {display_path(requested)}")
        if sink is not None:
            _stream_into(tmp, sink, target)
        else:
            _keep_permissions(tmp, mode)
            with temporary.held_signals():
                os.replace(tmp, target)
                temporary.forget(tmp)
    except (OutputError, BrokenPipeError):
        raise
    except OSError as exc:
        raise _output_error(target, exc) from exc
    except Exception as exc:
        if _storage_failure(exc):
            raise _output_error(target, exc) from exc
        raise
    finally:
        if sink is not None and not sink.closed:
            with contextlib.suppress(OSError):
                sink.close()
        if scratch is not None:
            temporary.remove(scratch)


def _stream_into(tmp: Path, sink: BinaryIO, target: Path) -> None:
    """Copy the written file into the stream ``sink`` opened on ``target`` and close it.

    Raises
    ------
    BrokenPipeError
        ``target`` is this process's standard output and its reader closed it early
        (``caspian map -o /dev/stdout | head``): the command line ends quietly, as when a
        table printed there is cut short.
    OutputError
        Another stream (a named pipe) whose reader closed it before the end.
    """
    try:
        with tmp.open("rb") as data:
            shutil.copyfileobj(data, sink, _CHUNK_BYTES)
        sink.close()
    except BrokenPipeError:
        if names_standard_output(target):
            raise
        raise OutputError(f"cannot write {display_path(target)}: the program reading it closed "
                          "it before the end (broken pipe); keep the reader open until caspian "
                          "ends") from None


def _keep_permissions(tmp: Path, mode: int | None) -> None:
    """Give the new file the permissions of the file it replaces (a private 0600 file stays
    private), as ``cp`` and editors do; a new file keeps the writer's (the umask's)."""
    if mode is not None:
        os.chmod(tmp, stat.S_IMODE(mode))


def _open_stream(target: Path) -> BinaryIO:
    """Open a character device or FIFO for writing, without waiting for a FIFO's reader."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{display_path(target)} is a FIFO that no program is reading; "
                              "start the reader first") from None
        raise _output_error(target, exc) from exc
    os.set_blocking(fd, True)
    return os.fdopen(fd, "wb")


def _storage_failure(exc: Exception) -> bool:
    """True for an error of a writing library (GDAL through pyogrio, SQLite): what we hand
    them is checked before, so their failure to write a new file is the storage's (a full
    disk fails a GeoPackage with "no such table: gpkg_contents" as readily as with "disk
    full")."""
    module = type(exc).__module__ or ""
    return module.startswith(("pyogrio", "sqlite3"))


def os_error_reason(path: str | os.PathLike[str], exc: OSError, fix: str) -> tuple[str, str]:
    """What an operating-system error on ``path`` means and what to do: ``(reason, fix)``,
    ``fix`` unless the error names a better one (a shorter name, free space)."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        name = os.path.basename(os.fsencode(path))
        return f"the name is too long ({len(name)} bytes) for this file system", (
            "use a shorter name")
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return (f"{reason} (the disk is full or the file too large)",
                "free some space or choose another path")
    return reason, fix


def _output_error(target: Path, exc: Exception) -> OutputError:
    if isinstance(exc, OSError):
        reason, fix = os_error_reason(target, exc, "choose another path")
    else:  # a writing library's failure (see _storage_failure)
        reason = " ".join(str(exc).split())
        fix = "check that the disk has space, or choose another path"
    return OutputError(f"cannot write {display_path(target)}: {reason}; {fix}")


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, kind: str | None = None
) -> Path:
    """Write ``data`` to ``path`` (see :func:`atomic_path`) and return the path."""
    with atomic_path(path, kind=kind) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text_atomic(path: str | os.PathLike[str], text: str, *, kind: str | None = None) -> Path:
    """Write ``text`` as UTF-8 to ``path`` (see :func:`atomic_path`) and return the path.

    A code point UTF-8 cannot carry (a lone surrogate that slipped through) becomes U+FFFD
    rather than failing the whole write.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode()
    return write_bytes_atomic(path, data, kind=kind)
