"""Generated benchmark input: seeded random walks around the Caspian region."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def write_random_walks(
    path: Path, n_features: int, n_vertices: int, seed: int, name: str = "line"
) -> Path:
    """Write a FeatureCollection of ``n_features`` LineStrings, ``n_vertices`` in all.

    Each walk starts at a uniform random point in 44–56° E, 37–47° N and takes ~1 km normal
    steps (0.01°), coordinates rounded to 6 decimals; names are ``f"{name} {i}"`` in UTF-8.
    """
    rng = np.random.default_rng(seed)
    per_feature = n_vertices // n_features
    starts = np.column_stack(
        [rng.uniform(44.0, 56.0, n_features), rng.uniform(37.0, 47.0, n_features)]
    )
    steps = rng.normal(0.0, 0.01, size=(n_features, per_feature, 2)).cumsum(axis=1)
    coords = np.round(starts[:, None, :] + steps, 6)
    features = [
        {
            "type": "Feature",
            "id": f"f{i}",
            "properties": {"name": f"{name} {i}"},
            "geometry": {"type": "LineString", "coordinates": coords[i].tolist()},
        }
        for i in range(n_features)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path
