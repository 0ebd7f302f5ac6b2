"""Errors of the news reader; each names the bad input and the fix."""

from __future__ import annotations

from caspian.geo.errors import CaspianError


class NewsInputError(CaspianError, ValueError):
    """An article file that cannot be read or analysed (missing, binary, empty, not UTF-8)."""


class GazetteerError(CaspianError, ValueError):
    """The gazetteer data file is missing or breaks its schema."""


class CorpusError(CaspianError, ValueError):
    """A corpus folder or its manifest cannot be used."""
