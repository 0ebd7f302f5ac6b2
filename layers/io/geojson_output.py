"""GeoJSON FeatureCollections as the commands write them: one layout, one writer.

Routes (``caspian route -o``, both the single-route modes and ``--mode corridor``) and refined
alignments (``caspian refine -o``) are FeatureCollections built as mappings; they are all
written here, one space of indent per level, UTF-8 characters kept (no ``\\u`` escapes), a
final newline, through a temporary file that is then renamed. The catalog export's GeoJSON
(one feature per line, rounded coordinates, a frame as input) is a format of its own,
:func:`caspian.layers.export.writers.write_geojson`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from caspian.layers.io.fileio import write_text_atomic

__all__ = ["feature_collection_text", "write_feature_collection"]


def feature_collection_text(collection: Mapping[str, Any]) -> str:
    """``collection`` as GeoJSON text, ending in a newline."""
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


def write_feature_collection(
    path: str | os.PathLike[str], collection: Mapping[str, Any]
) -> Path:
    """Write ``collection`` to ``path`` atomically (a suffix naming another kind of file, such
    as ``.html``, is refused) and return the path written."""
    return write_text_atomic(path, feature_collection_text(collection), kind="GeoJSON")
