"""What osmnx takes on trust in an OSM XML file, checked before it reads the file.

osmnx keeps the last of two nodes that share an id (a route between points 8 km apart came
out 34,892.9 km long), keeps a way id of 2^63, which then wraps to -9223372036854775808 in an
int64 column, reads a way id of ``1e30`` as "a node position that is not a number", fails
with a traceback on a ``<tag>`` outside any element or a node without ``lat``, and drops the
ways whose nodes the file lacks, to say afterwards that no feature has the tags.

:func:`check_osm_xml` reads the start tags once with expat (the C parser under osmnx's own
reader) and refuses those files with one line naming the element; :func:`ways_without_nodes`
names the tagged ways an extract holds without all their nodes. Both keep a few numbers per node
(24 bytes), not the document.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.parsers import expat

import numpy as np
from caspian.geo.errors import InputError

#: OSM ids are signed 64-bit integers: positive in the database, negative for the new
#: objects of an editor's file.
OSM_ID_LIMIT = 2**63

#: Child elements and the element each belongs in.
_CHILDREN: dict[str, tuple[str, ...]] = {
    "tag": ("node", "way", "relation"), "nd": ("way",), "member": ("relation",),
}

#: Attributes each element needs.
_NEEDED: dict[str, tuple[str, ...]] = {
    "node": ("id", "lat", "lon"), "way": ("id",), "relation": ("id",),
    "tag": ("k", "v"), "nd": ("ref",), "member": ("ref",),
}


def osm_id(text: str | None) -> int | None:
    """``text`` as an OSM id, or None when it is not one (not a whole number, or beyond
    64 bits)."""
    try:
        value = int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if -OSM_ID_LIMIT < value < OSM_ID_LIMIT else None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")  # osmnx names a position that is not a number


def _plain_id(text: str) -> bool:
    """True for the common id: up to 18 digits (below 2^63 for sure), no sign or space."""
    return len(text) < 19 and text.isdigit()


class _Scan:
    """Start tags of an OSM XML file: checks each one, keeps every node's id and position.

    The usual element costs a few string tests (this runs once per node, tag and node
    reference); the full check and the message are made only for an unusual one.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        # The element a <tag>, <nd> or <member> belongs to: the last one opened, as osmnx
        # reads it (no end-tag handler: a third of the scan's time).
        self.element: str | None = None
        self.ids = array("q")
        self.lons = array("d")
        self.lats = array("d")
        #: Every way's node references, to tell whether some way uses a node not in the file.
        self.refs = array("q")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        needed = _NEEDED.get(name)
        if needed is None:
            return
        parent = self.element
        if name not in _CHILDREN:
            self.element = name
        key = "ref" if name in ("nd", "member") else "id"
        if not (all(need in attrs for need in needed)
                and (name not in _CHILDREN or parent in _CHILDREN[name])
                and (key not in needed or _plain_id(attrs[key]))):
            self._check(name, attrs, parent, key)
        if name == "node":
            self.ids.append(int(attrs["id"]))
            self.lons.append(_number(attrs["lon"]))
            self.lats.append(_number(attrs["lat"]))
        elif name == "nd":
            self.refs.append(int(attrs["ref"]))

    def _check(self, name: str, attrs: dict[str, str], parent: str | None, key: str) -> None:
        """Refuse an element without the attributes it needs, outside its parent, or with an
        id that is not an OSM id (a negative id of an editor's new object is one)."""
        where = self._where(name, attrs, parent)
        missing = [need for need in _NEEDED[name] if need not in attrs]
        if missing:
            raise InputError(f"{self.label}: {where} has no {' or '.join(missing)} attribute; "
                             f"fix or remove that {name}")
        if name in _CHILDREN and parent not in _CHILDREN[name]:
            raise InputError(f"{self.label}: a <{name}> outside any "
                             f"{' or '.join(_CHILDREN[name])}; fix or remove it")
        if key in attrs and osm_id(attrs[key]) is None:
            raise InputError(
                f"{self.label}: {where} is not an OSM id (a whole number below 2^63 in size); "
                f"fix or remove that {'reference' if key == 'ref' else name}"
            )

    def _where(self, name: str, attrs: dict[str, str], parent: str | None) -> str:
        if name in ("nd", "member"):
            return f"a reference ref={attrs.get('ref', '')!r} in a {parent or 'nothing'}"
        if name == "tag":
            return f"a tag in a {parent or 'nothing'}"
        return f"{name} id {attrs['id']!r}" if "id" in attrs else f"a {name}"


def _parse(path: Path, start: Any, end: Any = None) -> bool:
    """Run expat over the file at ``path``; False when the file is not well-formed XML (osmnx's own
    reading then names the problem)."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.buffer_text = True
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except expat.ExpatError:
        return False
    return True


def check_osm_xml(xml: Path, label: str) -> bool:
    """Refuse an OSM XML file osmnx would misread; return whether some way uses a node the
    file does not hold (osmnx then leaves that way out: :func:`ways_without_nodes` says which).

    Raises
    ------
    InputError
        Naming the element: an id or node reference that is not an OSM id (``1e30``,
        2^63), an element without the attributes it needs, a child element outside its
        parent, or a node given twice at different positions.
    """
    scan = _Scan(label)
    if not _parse(xml, scan.start):
        return False
    ids = np.frombuffer(scan.ids, dtype=np.int64)
    _refuse_moved_duplicates(label, ids, np.frombuffer(scan.lons), np.frombuffer(scan.lats))
    return not bool(np.isin(np.frombuffer(scan.refs, dtype=np.int64), ids).all())


def _refuse_moved_duplicates(label: str, ids: Any, lons: Any, lats: Any) -> None:
    order = np.argsort(ids, kind="stable")
    ids, lons, lats = ids[order], lons[order], lats[order]
    same = ids[1:] == ids[:-1]
    finite = np.isfinite(lons) & np.isfinite(lats)
    moved = same & finite[1:] & finite[:-1] & ((lons[1:] != lons[:-1]) | (lats[1:] != lats[:-1]))
    if moved.any():
        first = int(np.flatnonzero(moved)[0])
        raise InputError(
            f"{label}: node {ids[first]} is given twice, at lon {lons[first]}, lat "
            f"{lats[first]} and at lon {lons[first + 1]}, lat {lats[first + 1]}, so its ways "
            "could be drawn through either; keep one of them (`osmium merge` merges extracts "
            "keeping one version of each node)"
        )


def _tagged(element_tags: Mapping[str, str], tags: Mapping[str, Any]) -> bool:
    """True when one of ``element_tags`` is asked for by osmnx ``tags``."""
    for key, wanted in tags.items():
        value = element_tags.get(key)
        if value is not None and (wanted is True or value == wanted
                                  or (isinstance(wanted, list) and value in wanted)):
            return True
    return False


def way_without_nodes(xml: Path, tags: Mapping[str, Any]) -> tuple[int, int] | None:
    """``(way id, node id)`` of the first way tagged with ``tags`` that uses a node the file
    does not hold, or None."""
    lacking = ways_without_nodes(xml, tags)
    return lacking[0] if lacking else None


def ways_without_nodes(xml: Path, tags: Mapping[str, Any]) -> list[tuple[int, int]]:
    """``(way id, first missing node id)`` of every way tagged with ``tags`` that uses a node
    the file does not hold, in file order."""
    nodes: list[int] = []
    ways: list[tuple[int, list[int], dict[str, str]]] = []
    in_way = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "node":
            nodes.append(int(attrs["id"]))
        elif name == "way":
            ways.append((int(attrs["id"]), [], {}))
            in_way[0] = True
        elif name == "nd" and in_way[0]:
            ways[-1][1].append(int(attrs["ref"]))
        elif name == "tag" and in_way[0]:
            ways[-1][2][attrs["k"]] = attrs["v"]

    def end(name: str) -> None:
        if name == "way":
            in_way[0] = False
            if not _tagged(ways[-1][2], tags):
                ways.pop()  # keep only the ways asked for

    _parse(xml, start, end)
    held = np.unique(np.asarray(nodes, dtype=np.int64))
    found = []
    for way_id, refs, _ in ways:
        refs_array = np.asarray(refs, dtype=np.int64)
        lacking = refs_array[~np.isin(refs_array, held)]
        if lacking.size:
            found.append((way_id, int(lacking[0])))
    return found
