"""OSM extracts with broken node positions: one line naming the node, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_cli
from osm_fixtures import RAIL_XML


@pytest.mark.parametrize(
    ("attribute", "value", "message"),
    [
        ("lat", "nan", "not a finite number"),
        ("lon", "1e400", "not a finite number"),
        ("lat", "", "a node position is not a number"),
        ("lat", "95", "node 1 is at lon 45.0, lat 95.0, not a position on the globe"),
    ],
)
def test_a_broken_node_position_is_one_line(
    tmp_path: Path, capsys, attribute: str, value: str, message: str
) -> None:
    original = 'lat="39.0000" lon="45.0000"'
    text = Path(RAIL_XML).read_text(encoding="utf-8")
    assert text.count(original) == 1
    broken = tmp_path / "broken.osm"
    broken.write_text(
        text.replace(original, original.replace(
            f'{attribute}="{"39.0000" if attribute == "lat" else "45.0000"}"',
            f'{attribute}="{value}"',
        )),
        encoding="utf-8",
    )
    code, _, err = run_cli(
        ["route", "45.04,39.01", "45.2,39.05", "--mode", "rail", "--osm-file", str(broken)],
        capsys,
    )
    assert code == 2
    assert "Traceback" not in err and "Warning" not in err
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_a_path_name_too_long_for_the_file_system_is_one_line(capsys) -> None:
    code, _, err = run_cli(["ingest", "a" * 300], capsys)
    assert code == 2
    assert "the name is too long" in err and "Traceback" not in err


def test_refine_refuses_a_layer_file_of_another_layer_and_a_fifo(tmp_path: Path, capsys) -> None:
    import os
    import shutil

    from osm_fixtures import DATA

    layer = tmp_path / "layer.geojson"
    shutil.copy(DATA / "refine_layer.geojson", layer)
    before = layer.read_bytes()
    code, _, err = run_cli(
        ["refine", "btc_pipeline/main", "--osm-file", str(RAIL_XML), "--layer-file", str(layer),
         "--write"], capsys,
    )
    assert code == 2 and "holds the layer 'test_rail', not 'btc_pipeline'" in err
    assert layer.read_bytes() == before
    fifo = tmp_path / "fifo.geojson"
    os.mkfifo(fifo)
    code, _, err = run_cli(
        ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(fifo)],
        capsys,
    )
    assert code == 2 and "is a FIFO (named pipe), not a regular file" in err


def test_a_corpus_manifest_that_is_a_fifo_and_a_corpus_that_is_a_file_are_refused(
    tmp_path: Path, capsys
) -> None:
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "manifest.json")
    code, _, err = run_cli(["conflicts", "--corpus", str(corpus)], capsys)
    assert code == 2 and "is a FIFO (named pipe)" in err
    code, _, err = run_cli(["mentions", "--corpus", "/dev/null"], capsys)
    assert code == 2 and "corpus /dev/null is not a folder" in err


def test_a_document_is_stored_only_with_the_bytes_it_was_read_from(tmp_path: Path) -> None:
    from caspian.layers.news._errors import CorpusError
    from caspian.layers.news.corpus import add_to_corpus, corpus_documents
    from caspian.layers.news.documents import document_from_bytes

    data = "Порт Актау расширяется.".encode("windows-1251")
    html = (b'<html><head><meta charset="windows-1251"></head><body><p>' + data
            + b"</p></body></html>")
    document = document_from_bytes(html, "page.html")
    with pytest.raises(CorpusError, match="sha256 differs"):
        add_to_corpus(document, b"completely different", tmp_path / "corpus", ".html")
    stored = add_to_corpus(document, html, tmp_path / "corpus", ".html")
    assert (tmp_path / "corpus" / stored).read_bytes() == html
    assert corpus_documents(tmp_path / "corpus")[-1].sha256 == document.sha256


@pytest.mark.parametrize("url", ["notaurl", "", "ftp://example.org/api", "http:///api"])
def test_an_overpass_url_that_is_not_http_is_refused_before_any_request(url: str, capsys) -> None:
    code, _, err = run_cli(["osm", "fetch", "--bbox", "45,39,45.1,39.1", "--overpass-url", url],
                           capsys)
    assert code == 2 and "is not an http(s) URL" in err and "Traceback" not in err


def test_a_geopackage_under_a_name_without_gpkg_is_written_quietly(tmp_path: Path) -> None:
    from hostile_support import run

    result = run("export", "--format", "gpkg", "-o", str(tmp_path / "plainname"), "aktau_port")
    assert result.returncode == 0, result.stderr
    assert b"Warning" not in result.stderr and b".tmp" not in result.stderr
    assert (tmp_path / "plainname").read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_corpus_document_changed_after_it_was_added_is_refused(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Порт Актау расширяется. Мощность порта вырастет.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    code, _, err = run_cli(["ingest", str(article), "--add", "--corpus", str(corpus)], capsys)
    assert code == 0, err
    (stored,) = [path for path in corpus.iterdir() if path.name != "manifest.json"]
    stored.write_text("Совсем другой текст.", encoding="utf-8")
    code, _, err = run_cli(["conflicts", "--corpus", str(corpus)], capsys)
    assert code == 2 and "is not the document" in err and "sha256 differs" in err


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda feature: feature["properties"]["vertex_sources"].append(
            {"label": "extra", "source": "test-source", "approximate": True}),
         "vertex_sources must be one object per vertex"),
        (lambda feature: feature["properties"].update(published_length_km="30"),
         "is the string '30', not a number"),
    ],
)
def test_refine_names_a_broken_layer_file_in_one_line(
    tmp_path: Path, capsys, edit, message
) -> None:
    import json

    from osm_fixtures import DATA

    collection = json.loads((DATA / "refine_layer.geojson").read_text(encoding="utf-8"))
    edit(collection["features"][0])
    layer = tmp_path / "layer.geojson"
    layer.write_text(json.dumps(collection), encoding="utf-8")
    code, _, err = run_cli(
        ["refine", "test_rail/main", "--osm-file", str(RAIL_XML), "--layer-file", str(layer)],
        capsys,
    )
    assert code == 2 and message in err and "Traceback" not in err


def test_a_negative_longitude_read_as_an_option_gets_the_fix(capsys) -> None:
    code, _, err = run_cli(["route", "-30,0", "10,0", "--mode", "sea"], capsys)
    assert code == 2 and "give the options first, then -- and the points" in err
    code, _, err = run_cli(["route", "--mode", "sea", "--", "-30,0", "10,0"], capsys)
    assert code == 2 and "No such option" not in err  # read as a point now (not at sea)


@pytest.mark.parametrize(
    "argv",
    [["validate", ""], ["metrics", "--file", ""], ["map", "--add", "", "-o", "never.html"]],
)
def test_an_empty_file_name_is_named_as_such(argv: list[str], capsys) -> None:
    code, _, err = run_cli(argv, capsys)
    assert code == 2 and "empty" in err and "folder" not in err


def test_a_map_title_that_is_not_text_is_refused() -> None:
    from caspian.geo.errors import InputError
    from caspian.maps.render import build_map

    with pytest.raises(InputError, match="title is the number 5; give text"):
        build_map(["aktau_port"], title=5)  # type: ignore[arg-type]


def test_python_only_number_spellings_are_not_coordinates(capsys) -> None:
    code, _, err = run_cli(
        ["route", "4_5.0,3_9.0", "45.2,39.05", "--mode", "rail", "--osm-file", str(RAIL_XML)],
        capsys,
    )
    assert code == 2 and "'4_5.0,3_9.0' is neither lon,lat, a catalog feature id nor a known" in err


def test_a_huge_argument_is_not_echoed_whole(capsys) -> None:
    code, _, err = run_cli(["route", "x" * 5000, "1,1", "--mode", "sea"], capsys)
    assert code == 2 and len(err) < 1100 and " … " in err and err.count("\n") == 1
