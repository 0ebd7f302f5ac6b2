"""The ``caspian`` command line.

Commands live in their own modules and are imported only when they run (or when ``--help``
lists them); those modules import click alone at the top, so ``caspian --help`` never loads
geopandas or folium. Errors of the user's making (:class:`caspian.geo.errors.CaspianError`)
become one line on stderr and exit code 2; only bugs show a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click
from caspian.geo.errors import CaspianError

# command name -> "module:attribute"; the module is imported on first use.
COMMANDS: dict[str, str] = {
    "layers": "caspian.maps.cmd_catalog:layers_command",
    "cite": "caspian.maps.cmd_catalog:cite_command",
    "check": "caspian.maps.cmd_catalog:check_command",
    "metrics": "caspian.maps.cmd_metrics:metrics_command",
    "distances": "caspian.maps.cmd_metrics:distances_command",
    "map": "caspian.maps.cmd_map:map_command",
    "export": "caspian.maps.cmd_export:export_command",
    "route": "caspian.maps.cmd_route:route_command",
    "osm": "caspian.maps.cmd_osm:osm_command",
    "refine": "caspian.maps.cmd_refine:refine_command",
    "validate": "caspian.maps.cmd_export:validate_command",
    "ingest": "caspian.maps.cmd_news:ingest_command",
    "mentions": "caspian.maps.cmd_news:mentions_command",
    "conflicts": "caspian.maps.cmd_news:conflicts_command",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _importable(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attribute)
        return command


def _importable(name: str) -> bool:
    module_name = COMMANDS[name].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("caspian-gis")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), prog_name="caspian")
def cli() -> None:
    """Map and measure the infrastructure around the Caspian Sea.

    Every feature is cited to the news articles and public pages that state it.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the command line; our errors become one line on stderr and exit code 2."""
    try:
        result = cli.main(args=argv, prog_name="caspian", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("caspian: aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        # One line, like every other error of ours, instead of click's usage block.
        command = exc.ctx.command_path if exc.ctx else "caspian"
        message = " ".join(exc.format_message().replace(",\n", ", ").split())
        click.echo(f"caspian: error: {message} (see '{command} --help')", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CaspianError as exc:
        message = " ".join(str(exc).split())
        click.echo(f"caspian: error: {message}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        # ``caspian layers | head`` closes the pipe early; that is not an error.
        sys.exit(0)
    # standalone_mode=False hands back the code of ``ctx.exit(code)`` instead of exiting.
    if isinstance(result, int) and result != 0:
        sys.exit(result)
    return result
