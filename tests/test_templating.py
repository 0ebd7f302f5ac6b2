"""HTML from templates (caspian.layers.templating): escaped by construction, one line, bytes
as the hand-escaped f-strings wrote them."""

from __future__ import annotations

import html

import jinja2
import pytest
from caspian.layers.export.kml import description_html
from caspian.layers.templating import OneLine, escape_value
from caspian.maps.html_templates import map_templates
from caspian.maps.render import legend_html
from map_fixtures import IMG_PAYLOAD, SCRIPT_PAYLOAD

QUOTES = "O'Neil \"pipeline\" & <b>"


def _environment(source: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"t": source}), autoescape=True,
                              finalize=escape_value, extensions=[OneLine])


@pytest.mark.parametrize("payload", [IMG_PAYLOAD, SCRIPT_PAYLOAD, QUOTES])
def test_a_value_is_escaped_as_html_escape_does(payload: str) -> None:
    rendered = _environment("<td>{{ value }}</td>").get_template("t").render(value=payload)
    assert rendered == f"<td>{html.escape(payload)}</td>"


def test_layout_of_the_source_is_dropped_but_line_breaks_in_data_are_kept() -> None:
    source = "<ul>\n  {% for item in items %}\n    <li>{{ item }}</li>\n  {% endfor %}\n</ul>\n"
    rendered = _environment(source).get_template("t").render(items=["a\nb", "c"])
    assert rendered == "<ul><li>a\nb</li><li>c</li></ul>"


def test_a_misspelt_name_in_a_map_template_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        map_templates().from_string("{{ nmae }}").render(name="x")


def test_the_json_for_script_filter_is_registered() -> None:
    rendered = map_templates().from_string("{{ value|script_json }}").render(value="</script>")
    assert rendered == html.escape('"\\u003c/script\\u003e"')


def test_kml_description_escapes_names_quotes_and_citations() -> None:
    row = {"name_ru": IMG_PAYLOAD, "status": "operating", "length_km": 12.5,
           "citations": '[{"outlet": "Day.Az", "date": "2025-10-27", "quote": "<b>x</b>"}]'}
    text = description_html(row)
    assert IMG_PAYLOAD not in text and "<b>x</b>" not in text
    assert text == (
        f"<p><i>{html.escape(IMG_PAYLOAD)}</i></p><table>"
        '<tr><th align="left">Status</th><td>operating</td></tr>'
        '<tr><th align="left">Geodesic length of this drawing, km</th><td>12.5</td></tr>'
        "</table><p><b>Sources</b></p><ul><li>Day.Az 2025-10-27: «&lt;b&gt;x&lt;/b&gt;»</li></ul>"
    )


def test_legend_escapes_a_kind_name_from_data() -> None:
    text = legend_html(["pipeline", SCRIPT_PAYLOAD])
    assert SCRIPT_PAYLOAD not in text
    assert html.escape(SCRIPT_PAYLOAD) in text
    assert text.startswith('<h6>Kind</h6><div><svg width="36" height="14"><line x1="2"')
