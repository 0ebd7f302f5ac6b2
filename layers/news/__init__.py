"""Reading the news: ingest Russian articles, find mentions of the layers, numeric claims and
the conflicts between sources.

Names resolve on first use (PEP 562), so importing the package does not load the
morphological dictionaries.
"""

from caspian.geo.lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(
        ["NewsDocument", "read_document", "parse_document"], "caspian.layers.news.documents"
    ),
    **dict.fromkeys(["Gazetteer", "load_gazetteer"], "caspian.layers.news.gazetteer"),
    **dict.fromkeys(["Mention", "find_mentions"], "caspian.layers.news.mentions"),
    **dict.fromkeys(["Claim", "find_claims"], "caspian.layers.news.claims"),
    **dict.fromkeys(
        ["Conflict", "find_conflicts", "check_catalog_conflicts"], "caspian.layers.news.conflicts"
    ),
    **dict.fromkeys(["corpus_documents", "add_to_corpus"], "caspian.layers.news.corpus"),
    "analyse": "caspian.layers.news.analysis",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
