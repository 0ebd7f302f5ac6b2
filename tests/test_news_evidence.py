"""``caspian check`` flags seed citations that the mentions do not support."""

from __future__ import annotations

import pytest
from caspian.layers.catalog.check import evidence_flags
from cli_support import run_cli


def _messages(layer: str) -> list[str]:
    return [flag.message for flag in evidence_flags([layer])]


def test_a_citation_whose_quote_names_no_port_is_flagged() -> None:
    flags = _messages("aktau_port")
    assert len(flags) == 2
    assert "s003-ports" in flags[0] and "quotes no mention of the layer" in flags[0]


def test_a_citation_that_names_its_layer_is_not_flagged() -> None:
    assert _messages("zangezur_corridor") == []
    assert not [m for m in _messages("btc_pipeline") if "s003-btc" in m]


def test_a_layer_mentioned_in_a_seed_it_does_not_cite_is_flagged() -> None:
    flags = [m for m in _messages("context") if "not cited" in m]
    assert [m.split(" but")[0] for m in flags] == [
        "mentioned in seed 001_57279e575f037d08.txt",
        "mentioned in seed 002_4c36eff9260ff7d6.txt",
    ]
    assert "«Астаной» 125:132" in flags[1]


def test_check_prints_the_flags_and_still_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check"], capsys)
    assert code == 0
    assert "Flagged by the news reader (16; evidence to review, not errors):" in out
    assert out.rstrip().endswith("catalog ok")
