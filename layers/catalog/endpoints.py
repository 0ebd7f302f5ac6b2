"""Resolve a route's FROM/TO argument: a catalog point feature id or ``lon,lat``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from caspian.geo.errors import InputError
from caspian.geo.routing import as_lonlat
from caspian.layers.catalog.errors import LayerNotFoundError
from caspian.layers.catalog.loading import load_catalog, short_feature_id


class LonLatRecord:
    """The ``lonlat`` pair of a record with ``lon`` and ``lat`` fields (degrees)."""

    lon: float
    lat: float

    @property
    def lonlat(self) -> tuple[float, float]:
        """``(lon, lat)``."""
        return (self.lon, self.lat)


@dataclass(frozen=True)
class Endpoint(LonLatRecord):
    """A point a route starts or ends at."""

    #: What the user gave, normalised (``"aktau_port/aktau"`` or ``"49.4070,39.9480"``).
    label: str
    #: Longitude, degrees, WGS84.
    lon: float
    #: Latitude, degrees, WGS84.
    lat: float


# A decimal number as people write coordinates; nan and inf get through to be refused by name.
_DECIMAL = re.compile(r"[-+]?((\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?|nan|inf(inity)?)", re.I)


def parse_lonlat(text: str) -> tuple[float, float] | None:
    """Return ``(lon, lat)`` for text such as ``"49.41,39.95"``, None if it is not a pair.

    Raises
    ------
    InputError
        For a pair of numbers outside [-180, 180] x [-90, 90], or not finite.
    """
    parts = text.split(",")
    if len(parts) != 2:
        return None
    if not all(_DECIMAL.fullmatch(part.strip()) for part in parts):
        return None  # float() would also take "4_5" or " 1_0 "
    pair = tuple(float(part) for part in parts)
    return as_lonlat(pair, repr(text))


def resolve_endpoint(text: str) -> Endpoint:
    """Turn a FROM/TO argument into an :class:`Endpoint`.

    Parameters
    ----------
    text : str
        ``lon,lat`` in degrees, a feature id ``layer/feature`` or a short feature id that is
        unique in the catalog (``aktau``), naming a Point feature.

    Raises
    ------
    InputError
        For coordinates out of range, or a feature that is not a point.
    LayerNotFoundError
        For an id the catalog does not have.
    """
    lonlat = parse_lonlat(text.strip())
    if lonlat is not None:
        return Endpoint(f"{lonlat[0]:.6f},{lonlat[1]:.6f}", *lonlat)
    feature = _catalog_feature(text.strip())
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        raise InputError(
            f"{feature['id']} is a {geometry.get('type', 'feature without geometry')}, "
            "not a point; give a point feature (a port, a terminal) or lon,lat"
        )
    lon, lat = (float(value) for value in geometry["coordinates"][:2])
    return Endpoint(str(feature["id"]), lon, lat)


def _catalog_feature(text: str) -> dict[str, Any]:
    catalog = load_catalog()
    if "/" in text:
        layer_id, _, feature_id = text.partition("/")
        if layer_id not in catalog:
            raise LayerNotFoundError(
                f"unknown layer {layer_id!r} in {text!r}; valid layers: {', '.join(catalog)}"
            )
        return catalog[layer_id].feature(feature_id)
    matches = [
        feature
        for layer in catalog.values()
        for feature in layer.features
        if short_feature_id(feature) == text
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(str(feature["id"]) for feature in matches)
        raise InputError(f"{text!r} names several features ({ids}); give layer/feature")
    raise LayerNotFoundError(
        f"{text!r} is neither lon,lat nor a catalog feature id; see 'caspian layers' "
        "for ids (e.g. aktau_port/aktau) or give the point as lon,lat"
    )
