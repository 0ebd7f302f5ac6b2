"""HTML from Jinja2 templates that escape every value, safe by construction.

A template's ``{{ value }}`` is always escaped with :func:`html.escape` (``<``, ``>``, ``&``
and both quotes), the escaping the project's HTML has always used, so no caller can forget it;
what a template or a macro has already rendered (``Markup``) passes as it is. Strings from the
catalog, the seeds or a user's file therefore show as text wherever a template puts them.

Templates are package data (``templates/`` beside the package's modules, read through
:mod:`importlib.resources`). Their line breaks and indentation are layout for the reader only:
the :class:`OneLine` extension drops them when a template is compiled, so the output is the
one line the map's JSON and a KML description hold (data keeps its own line breaks). A space
that must stand at the start or end of a source line is written ``{{ " " }}``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import jinja2
import jinja2.ext
import markupsafe

# A line break and the indentation after it, in a template's source.
_LAYOUT = re.compile(r"\n[ \t]*")


class OneLine(jinja2.ext.Extension):
    """Drops the line breaks and indentation of a template's source before it is compiled."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _LAYOUT.sub("", source.strip())


def escape_value(value: Any) -> markupsafe.Markup:
    """``value`` as HTML text: rendered HTML (``Markup``) as it is, anything else escaped."""
    if isinstance(value, markupsafe.Markup):
        return value
    return markupsafe.Markup(html.escape(str(value)))


def template_environment(
    package: str, filters: Mapping[str, Callable[..., Any]] = MappingProxyType({})
) -> jinja2.Environment:
    """An environment for the templates in ``package``'s ``templates`` folder.

    Parameters
    ----------
    package : str
        ``"caspian.layers"`` or ``"caspian.maps"``.
    filters : mapping
        Extra filters by name (the map registers its JSON-for-script escaping).

    Returns
    -------
    jinja2.Environment
        Autoescaping (see the module docstring); an undefined name is an error, not an empty
        string, so a misspelt field cannot vanish from a popup.
    """
    folder = resources.files(package) / "templates"

    def source(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(source),
        autoescape=True,
        finalize=escape_value,
        undefined=jinja2.StrictUndefined,
        extensions=[OneLine],
    )
    environment.filters.update(filters)
    return environment
