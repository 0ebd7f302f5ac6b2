"""Citations a reader can follow: every file a source names is shipped with the package or
named with its repository and commit, and popups cite the published pages themselves."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from caspian.layers.catalog.citations import (
    REFERENCE_SHEET,
    cited_file_problems,
    shipped_file_exists,
    unfollowable_citations,
)
from caspian.layers.catalog.loading import load_catalog, load_layer
from caspian.maps.features import catalog_collection


def _popups(layer_id: str) -> dict[str, str]:
    collection = catalog_collection(load_layer(layer_id), {})
    return {feature["id"]: feature["properties"]["popup"] for feature in collection["features"]}


def test_every_file_the_catalog_cites_is_shipped_or_named_with_its_repository_and_commit() -> None:
    problems = [f"{layer_id}: {problem}" for layer_id, layer in load_catalog().items()
                for problem in unfollowable_citations(layer)]
    assert problems == []


def test_the_reference_sheet_is_package_data_with_the_figures_cited_from_it() -> None:
    sheet = resources.files("caspian.layers.data").joinpath("reference_facts.md").read_text(
        encoding="utf-8")
    citing = [source for layer in load_catalog().values() for source in layer.sources.values()
              if REFERENCE_SHEET in str(source)]
    assert len(citing) == 59
    # Figures the catalog cites from the sheet are the sheet's own words.
    for figure in ("Baku–Tbilisi–Kars railway **826 km**", "Ələt settlement 39.948, 49.407",
                   "988 km via Saksaulskaya and Shalkar", "Length **1,768 km**"):
        assert figure in sheet


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ({"via": "reference/facts.md"}, "via cites reference/facts.md, a file neither shipped"),
        ({"page": "as gathered in caspian/layers/data/facts.md"},
         "page cites caspian/layers/data/facts.md, which the installed package does not hold"),
        ({"via": "github.com/owner/repo, data/x.json at commit 04a97b1b"},
         "via cites data/x.json, a file neither shipped"),
    ],
)
def test_a_file_a_reader_cannot_open_is_named_with_the_fix(source: dict, problem: str) -> None:
    (message,) = cited_file_problems(source)
    assert message.startswith(problem) and "; fix: " in message


def test_web_addresses_and_files_read_at_a_commit_are_followable() -> None:
    source = {
        "url": "https://example.org/data.json",
        "page": "see https://example.org/a/b.geojson",
        "via": f"github.com/owner/repo, data/x.json at commit {'ab12' * 10}",
        "note": f"sheet {REFERENCE_SHEET}; module caspian/layers/routing/sea.py",
    }
    assert list(cited_file_problems(source)) == []
    assert not shipped_file_exists("caspian/../layers/data/reference_facts.md")


def test_no_popup_cites_a_file_that_is_not_shipped() -> None:
    unshipped = re.compile(r"(?<!caspian/layers/data/)\breference/facts\.md|docs/[\w-]+\.md")
    for layer_id in load_catalog():
        for feature_id, html in _popups(layer_id).items():
            assert not unshipped.search(html), feature_id


def test_popups_link_the_published_pages_themselves() -> None:
    btk = _popups("middle_corridor")["middle_corridor/btk"]
    assert ('<a href="https://turystyka.rp.pl/transport/18424-pociagiem-z-azerbejdzanu-do-'
            'gruzji-i-turcji" target="_blank" rel="noopener noreferrer">turystyka.rp.pl — '
            "Pociągiem z Azerbejdżanu do Gruzji i Turcji</a>") in btk
    # A figure the sheet gathered from named outlets cites those outlets, not the sheet.
    assert "<li>encyclopedia; report.az; raillynews — Baku–Tbilisi–Kars railway" in btk
    btc = _popups("btc_pipeline")["btc_pipeline/btc"]
    assert '<a href="https://bp.com/en_ge/georgia/home/who-we-are/btc.html"' in btc


def test_a_coordinate_the_sheet_gives_without_a_page_cites_the_shipped_sheet() -> None:
    alat = _popups("baku_port")["baku_port/alat"]
    assert (f"<li>caspian-gis reference facts sheet, {REFERENCE_SHEET} — Ports: Baku "
            "International Sea Trade Port, Ələt settlement 39.948, 49.407") in alat
