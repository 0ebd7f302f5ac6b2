"""The map's HTML templates (``maps/templates/*.html.j2``): popups, tooltips and the legend.

Rendered by :func:`caspian.layers.templating.template_environment`, so every value is escaped
by construction; the map's JSON-for-script escaping is registered as the filter
``script_json`` (as folium's own ``template.py`` registers ``tojavascript``), for data that
goes into a ``<script>`` element.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from caspian.layers.templating import template_environment
from caspian.maps.elements import script_json


@functools.cache
def map_templates() -> jinja2.Environment:
    """The environment of the map's templates (built once)."""
    # elements imports folium (slow to import): popups are gathered without it

    return template_environment("caspian.maps", filters={"script_json": script_json})


def render_template(template: str, /, **context: Any) -> str:
    """``maps/templates/<template>`` rendered with ``context``: HTML in which every value is
    escaped."""
    return map_templates().get_template(template).render(**context)
