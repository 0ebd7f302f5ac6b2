"""The ``caspian`` command line.

Commands live in their own modules and are imported only when they run: ``caspian --help``
lists them from :data:`COMMANDS`, so it loads neither a command module nor numpy, pyproj,
geopandas or folium (``tests/test_architecture.py`` counts what it imports). Errors of the
user's making (:class:`caspian.geo.errors.CaspianError`) become one line on stderr and exit
code 2; only bugs show a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import importlib.util
import logging
import os
import re
import resource
import signal
import sys
from typing import Any, NamedTuple, NoReturn

import click
from caspian.geo.errors import CaspianError
from caspian.layers.io.fileio import display_path, os_error_reason, protect_inputs
from caspian.layers.io.safe_text import terminal_text


class CommandEntry(NamedTuple):
    """Where a command lives, and the first paragraph of its help for ``caspian --help``.

    The summary is kept here so that listing the commands imports none of them;
    ``tests/test_architecture.py`` holds it equal to the command's own docstring.
    """

    target: str  # "module:attribute"; the module is imported on first use
    summary: str


COMMANDS: dict[str, CommandEntry] = {
    "layers": CommandEntry(
        "caspian.maps.cli.catalog:layers_command",
        "List the catalog's layers: id, kind, status, features and citations.",
    ),
    "cite": CommandEntry(
        "caspian.maps.cli.catalog:cite_command",
        "Show every citation of LAYER with its quote and source, and the conflicts between "
        "them.",
    ),
    "check": CommandEntry(
        "caspian.maps.cli.check:check_command",
        "Validate the catalog: schema, coordinates, ids, verbatim quotes and lengths.",
    ),
    "metrics": CommandEntry(
        "caspian.maps.cli.metrics:metrics_command",
        "Geodesic lengths (WGS84) against published figures, by feature, country or chain.",
    ),
    "distances": CommandEntry(
        "caspian.maps.cli.metrics:distances_command",
        "Distances between every pair of catalog ports (Aktau, Kuryk, Baku, ...), in km.",
    ),
    "map": CommandEntry(
        "caspian.maps.cli.map:map_command",
        "Write an interactive map of LAYERS (all catalog layers by default).",
    ),
    "export": CommandEntry(
        "caspian.maps.cli.export:export_command",
        "Export catalog layers (all by default) for QGIS, Google Earth, spreadsheets or pandas.",
    ),
    "route": CommandEntry(
        "caspian.maps.cli.route:route_command",
        "Route from FROM to TO (catalog point ids, lon,lat, or place names).",
    ),
    "osm": CommandEntry(
        "caspian.maps.cli.osm:osm_command",
        "Read OpenStreetMap: download railways, pipelines, power lines or ports.",
    ),
    "refine": CommandEntry(
        "caspian.maps.cli.refine:refine_command",
        "Propose an alignment for a catalog line from OSM railways between its waypoints.",
    ),
    "validate": CommandEntry(
        "caspian.maps.cli.export:validate_command",
        "Check a GeoJSON FILE strictly (RFC 7946 and sanity checks) and list every problem.",
    ),
    "ingest": CommandEntry(
        "caspian.maps.cli.news:ingest_command",
        "Read news articles (plain text or saved HTML): metadata, mentions, claims, and the\n"
        "conflicts that involve them (with each other, the corpus and the catalog). Changes\n"
        "nothing unless --add is given.",
    ),
    "mentions": CommandEntry(
        "caspian.maps.cli.news:mentions_command",
        "Every mention of a layer (all layers by default) in the corpus, with its document,\n"
        "sentence and offsets into the original file.",
    ),
    "conflicts": CommandEntry(
        "caspian.maps.cli.news:conflicts_command",
        "Conflicts found in the corpus's claims (between articles, and against the catalog's\n"
        "published lengths), then whether each hand-made conflict of the catalog was found.",
    ),
}


def refuse_repeated_options(command: click.Command, name: str, args: list[str],
                            parent: click.Context) -> None:
    """Refuse an option of ``command`` that ``args`` give more than once and that holds one
    value: click keeps the last silently, so ``map --route A B --route C D`` drew one route and
    ``-o a.csv -o b.csv`` wrote b.csv alone. Repeatable options (``--add``, ``--via``) and
    switches (given twice, they say the same thing) may repeat."""
    ctx = click.Context(command, info_name=name, parent=parent)
    try:
        _, _, order = command.make_parser(ctx).parse_args(args=list(args))
    except click.UsageError:
        return  # the command's own parse reports it, in its words
    options = [param for param in order if isinstance(param, click.Option)]
    if any(param.name == "help" for param in options):
        return
    for param in dict.fromkeys(options):
        times = options.count(param)
        if times > 1 and not (param.multiple or param.is_flag or param.count):
            raise click.UsageError(f"{'/'.join(param.opts)} was given {times} times, and only "
                                   "the last would count; give it once", ctx=ctx)


class OnceGroup(click.Group):
    """A group whose commands refuse an option given twice (:func:`refuse_repeated_options`)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and command is not None and not isinstance(command, click.Group):
            refuse_repeated_options(command, name, rest, ctx)
        return name, command, rest


class LazyGroup(OnceGroup):
    """A click group whose sub-commands are imported on demand.

    ``caspian --help`` lists them from :data:`COMMANDS` alone, so it imports no command
    module (each would bring its own imports with it).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _importable(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attribute = entry.target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EOFError as exc:
            # click reads any EOFError as Ctrl-D at a prompt and reports "aborted" (exit 130),
            # but no command prompts: this one is a library's (numpy reading an empty file),
            # a bug to show, not the user's interruption.
            raise RuntimeError(f"unexpected end of data: {exc}") from exc

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The ``Commands:`` block, as click writes it, from the summaries of :data:`COMMANDS`."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        # A bare command holding only the summary cuts it exactly as the real one would.
        rows = [(name, click.Command(name, help=COMMANDS[name].summary).get_short_help_str(limit))
                for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _importable(name: str) -> bool:
    module_name = COMMANDS[name].target.split(":")[0]
    return importlib.util.find_spec(module_name) is not None


def _version() -> str:
    # slow import, read on ``--version`` only: importlib.metadata would cost every command.
    from caspian.geo.version import package_version

    return package_version()


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # click's own version_option wants the version when the group is declared, and reading
    # it (importlib.metadata) would cost every command, --help included.
    if value and not ctx.resilient_parsing:
        click.echo(f"caspian, version {_version()}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Map and measure the infrastructure around the Caspian Sea.

    Every feature is cited to the news articles and public pages that state it.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the command line; our errors become one line on stderr and exit code 2.

    Whatever the command: a bare ``caspian`` prints the help; text that the terminal's
    encoding cannot show is escaped, not fatal; a closed pipe (``caspian layers | head``) ends
    quietly; a full disk behind stdout is one error line; SIGTERM and Ctrl-C unwind (so no
    temporary file is left behind); and no command can write over a file it has read.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    inputs: dict[Any, tuple[str, int]] = {}
    _tolerant_streams()
    handlers: dict[Any, Any] = dict.fromkeys(_UNWIND_SIGNALS, _terminate)
    interrupts: list[int] = []
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (nohup, &)
        handlers[signal.SIGINT] = _counting_interrupt(interrupts)
    previous = _on_signals(handlers)
    excepthook = sys.excepthook
    sys.excepthook = _quiet_interrupt_hook(excepthook)
    warnings = _WarningLines()
    logging.getLogger("caspian").addHandler(warnings)
    try:
        if not args:
            click.echo(cli.get_help(click.Context(cli, info_name="caspian")))
            _flush_stdout()
            return None
        with protect_inputs() as inputs:
            result = cli.main(args=args, prog_name="caspian", standalone_mode=False)
        _flush_stdout()
    except (click.exceptions.Abort, KeyboardInterrupt):
        # click turns a Ctrl-C inside a command into Abort: one word for both
        _error_line("interrupted")
        sys.exit(130)
    except click.UsageError as exc:
        # One line, like every other error of ours, instead of click's usage block.
        command = exc.ctx.command_path if exc.ctx else "caspian"
        hint = f"see '{command} --help'"
        if isinstance(exc, click.NoSuchOption) and exc.option_name[1:2].isdigit():
            # "-30,0" read as options: a point with a negative longitude.
            hint = (f"a negative coordinate? give the options first, then -- and the "
                    f"points: {command} [OPTIONS] -- -30,0 ...")
        _error_line(f"error: {exc.format_message()} ({hint})")
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CaspianError as exc:
        _error_line(f"error: {error_message(exc)}")
        sys.exit(2)
    except BrokenPipeError:
        # ``caspian layers | head`` closes the pipe early; that is not an error.
        _silence_stdout()
        sys.exit(0)
    except SystemExit as exc:
        # click answers a closed pipe inside its own echo with exit code 1.
        if exc.code == 1 and type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            _silence_stdout()
            sys.exit(0)
        raise
    except OSError as exc:
        if _memory_failure(exc) is not None:
            _out_of_memory(exc, list(inputs.values()))
        if not _is_stdout_failure(exc):
            if exc.filename is None:
                raise
            # A path the command's own checks did not foresee (a library opened it):
            # still one line, naming the path, not a traceback.
            _error_line(f"error: {_os_error_line(exc)}")
            sys.exit(2)
        _silence_stdout()
        _error_line(f"error: cannot write to standard output: {exc.strerror or exc}")
        sys.exit(2)
    except Exception as exc:
        if interrupts:
            # Ctrl-C landed inside a library that turned it into an error of its own (numpy's
            # C import prints the KeyboardInterrupt and raises "numpy._core.multiarray failed
            # to import"): still the user's interruption, not a bug.
            _error_line("interrupted")
            sys.exit(130)
        if _memory_failure(exc) is None:
            raise
        _out_of_memory(exc, list(inputs.values()))
    finally:
        logging.getLogger("caspian").removeHandler(warnings)
        _on_signals(previous)
        sys.excepthook = excepthook
    # standalone_mode=False hands back the code of ``ctx.exit(code)`` instead of exiting.
    if isinstance(result, int) and result != 0:
        sys.exit(result)
    return result


#: Parameters of the library whose flag is not the name with dashes (``max_snap_km`` is
#: ``--max-snap-km``).
_FLAGS = {"fmt": "--format", "layers": "--layer", "add_layers": "--layer"}


def flag_of(parameter: str) -> str:
    """The command line's flag for the library's parameter ``parameter`` (``fmt``: ``--format``).

    Parameters
    ----------
    parameter : str
        A keyword argument of the Python API, as a :class:`CaspianError` lists it in
        ``options``.

    Returns
    -------
    str
        The flag, e.g. ``--max-snap-km``.
    """
    return _FLAGS.get(parameter, "--" + parameter.replace("_", "-"))


def error_message(error: CaspianError) -> str:
    """``str(error)`` with each parameter it names written as the command line's flag.

    The library writes a parameter as its keyword argument: ``max_snap_km=`` becomes
    ``--max-snap-km``, ``fmt=gpkg`` becomes ``--format gpkg`` and ``split=True`` (a switch)
    ``--split``. Only the parameters the error lists in ``options`` are rewritten, and only
    where the name starts a word, so a path or value that the message quotes stays as it is
    unless it spells ``name=`` itself.
    """
    if not error.options:
        return str(error)
    names = "|".join(re.escape(name) for name in error.options)
    # name, then True (a switch) or the next character when it starts a value.
    keyword = re.compile(rf"(?<![\w.=/-])({names})=(True\b)?(?=([^\s),;:.])?)")
    return keyword.sub(_flag_for, str(error))


def _flag_for(match: re.Match[str]) -> str:
    """The flag for one ``name=`` of :func:`error_message`, a space after it before a value."""
    flag = flag_of(match.group(1))
    return flag if match.group(2) or match.group(3) is None else f"{flag} "


def _os_error_line(exc: OSError) -> str:
    """``PATH: what went wrong; what to do`` for an operating-system error on a path."""
    reason, fix = os_error_reason(exc.filename, exc, "check the path")
    return f"{display_path(os.fsdecode(exc.filename))}: {reason}; {fix}"


def _memory_failure(exc: BaseException) -> str | None:
    """What ran out of memory, or None when ``exc`` is not the system refusing memory.

    Besides MemoryError (numpy's ``_ArrayMemoryError`` too), a library that cannot map its
    code under a memory limit (``ulimit -v``) fails to import with ImportError or OSError,
    and a C++ library (GEOS through shapely, GDAL) reports ``std::bad_alloc``.
    """
    text = str(exc)
    if isinstance(exc, MemoryError):
        return text.rstrip(".")
    if isinstance(exc, ImportError | OSError) and "failed to map segment" in text:
        head, _, reason = text.rpartition(": ")
        return f"a library could not be loaded ({os.path.basename(head)}: {reason})"
    if isinstance(exc, ImportError | OSError) and (
        getattr(exc, "errno", None) == errno.ENOMEM or "cannot allocate memory" in text.lower()
    ):
        return f"the system refused memory ({getattr(exc, 'strerror', None) or text})"
    if "bad_alloc" in text:
        return f"{type(exc).__module__.split('.')[0]} could not allocate memory ({text})"
    return None


def _out_of_memory(exc: BaseException, inputs: list[tuple[str, int]]) -> NoReturn:
    """Exit with ``out of memory while working on FILE (SIZE): detail (limit); fix``: the
    files the command read are what was too big, unless it read none."""
    files = ", ".join(f"{name} ({size / 2**20:,.1f} MiB)" for name, size in inputs)
    where = f" while working on {files}" if files else ""
    detail = _memory_failure(exc)
    limit = _memory_limit()
    more = "raise the memory limit (ulimit -v)" if limit else "free some memory"
    fix = f"give a smaller file (split it) or {more}" if files else more
    _error_line(f"error: out of memory{where}{': ' + detail if detail else ''}{limit}; {fix}")
    sys.exit(2)


def _memory_limit() -> str:
    """`` (limit: 300 MiB)`` when the process runs under a limit of address space
    (``ulimit -v``), else ``""``."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return "" if soft == resource.RLIM_INFINITY else f" (limit: {soft / 2**20:,.0f} MiB)"


# Signals that end a command by unwinding it (so that ``finally`` removes temporary files):
# ``kill`` and a closed terminal.
_UNWIND_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                        if hasattr(signal, name))


def _on_signals(handlers: dict[Any, Any]) -> dict[Any, Any]:
    """Install ``handlers`` (signal -> handler); return the previous ones (empty when this is
    not the main thread, where signals cannot be set and stay as they are)."""
    previous = {}
    try:
        for signum, handler in handlers.items():
            previous[signum] = signal.signal(signum, handler)
    except ValueError:
        pass
    return previous


def _counting_interrupt(interrupts: list[int]) -> Any:
    """Python's own Ctrl-C handler (raise KeyboardInterrupt) that also notes the signal in
    ``interrupts``, so that an error a library raises in its place is known for what it is."""

    def interrupt(signum: int, frame: Any) -> None:
        interrupts.append(signum)
        raise KeyboardInterrupt

    return interrupt


def _quiet_interrupt_hook(hook: Any) -> Any:
    """``sys.excepthook`` that prints nothing for a KeyboardInterrupt: while a command runs,
    the hook is called only by a C library printing an error it then replaces (numpy's
    import), and our own one line says the command was interrupted."""

    def quiet(kind: type[BaseException], value: BaseException, trace: Any) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            hook(kind, value, trace)

    return quiet


def _terminate(signum: int, frame: Any) -> None:
    # Unwind like an exit, so that ``finally`` blocks remove temporary files.
    raise SystemExit(128 + signum)


class _WarningLines(logging.Handler):
    """The library's warnings (a damaged cache rebuilt) as ``caspian: ...`` lines on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _error_line(record.getMessage())


def _tolerant_streams() -> None:
    """Escape what the stream's encoding cannot carry (Cyrillic on a Latin-1 terminal, a
    legacy file name) instead of failing with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="backslashreplace")


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _is_stdout_failure(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EPIPE, errno.EBADF)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


#: Characters of an error line kept before the middle is elided.
_LONGEST_ERROR = 1000


def _error_line(message: str) -> None:
    """``caspian: MESSAGE`` on stderr, as one line with any control character escaped."""
    line = terminal_text(" ".join(message.replace(",\n", ", ").split()))
    if len(line) > _LONGEST_ERROR:  # a huge argument echoed back: keep both ends readable
        line = f"{line[:_LONGEST_ERROR - 200]} … {line[-200:]}"
    with contextlib.suppress(OSError):  # stderr itself is gone: nothing left to tell
        click.echo(f"caspian: {line}", err=True)
