"""Regenerate ``rail_network.osm.pbf`` from the hand-written ``rail_network.osm``.

Run from the repository root: ``.venv/bin/python tests/data/make_pbf_fixture.py``. The .pbf is
committed; the tests compare what is read from both files, so a stale .pbf fails them.
"""

from __future__ import annotations

from pathlib import Path

import osmium

HERE = Path(__file__).resolve().parent


def main() -> None:
    source = HERE / "rail_network.osm"
    target = HERE / "rail_network.osm.pbf"
    with osmium.SimpleWriter(str(target), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(source)):
            writer.add(obj)
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
