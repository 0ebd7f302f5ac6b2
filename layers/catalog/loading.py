"""Load the embedded layer catalog (``caspian.layers.data``).

Each layer is one RFC 7946 FeatureCollection with its metadata, sources and conflicts as foreign
members; ``docs/catalog-schema.md`` describes the format. Loaders return fresh objects on every
call, so a caller may change what it gets without touching anybody else's copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from caspian.geo.arguments import refuse, texts
from caspian.layers.catalog.errors import CatalogError, LayerNotFoundError

if TYPE_CHECKING:
    import geopandas

DATA_PACKAGE = "caspian.layers.data"
INDEX_FILE = "catalog.json"

#: Layer groups of the map's layer control, in display order.
GROUPS: tuple[str, ...] = ("Ports", "Energy", "Telecom", "Transport", "Context")


@dataclass(frozen=True)
class Layer:
    """One catalog layer."""

    #: Layer id, e.g. ``"btc_pipeline"``.
    id: str
    #: Title in English.
    name: str
    #: Title in Russian.
    name_ru: str
    #: One of :data:`GROUPS`.
    group: str
    #: One or two sentences.
    description: str
    #: Every source the layer cites, by source id.
    sources: Mapping[str, dict[str, Any]]
    #: Disagreements between sources, kept as data.
    conflicts: tuple[dict[str, Any], ...]
    #: GeoJSON Feature objects; ``feature["id"]`` is ``"<layer>/<feature>"``.
    features: tuple[dict[str, Any], ...]

    def feature_ids(self) -> list[str]:
        """Short feature ids (the part after ``layer/``), in file order."""
        return [short_feature_id(feature) for feature in self.features]

    def feature(self, feature_id: str) -> dict[str, Any]:
        """Return the feature with short id ``feature_id``.

        Raises
        ------
        LayerNotFoundError
            If the layer has no such feature; the message lists the valid ids.
        """
        for feature in self.features:
            if short_feature_id(feature) == feature_id:
                return feature
        valid = ", ".join(self.feature_ids())
        raise LayerNotFoundError(
            f"layer {self.id!r} has no feature {feature_id!r}; valid features: {valid}"
        )

    def to_geojson(self) -> dict[str, Any]:
        """The layer as a FeatureCollection with its foreign members, as in the catalog file."""
        return {
            "type": "FeatureCollection",
            "id": self.id,
            "name": self.name,
            "name_ru": self.name_ru,
            "group": self.group,
            "description": self.description,
            "sources": list(self.sources.values()),
            "conflicts": list(self.conflicts),
            "features": list(self.features),
        }


def short_feature_id(feature: Mapping[str, Any]) -> str:
    """``"btc_pipeline/btc"`` -> ``"btc"``."""
    return str(feature.get("id", "")).split("/", 1)[-1]


@cache
def _read_text(name: str) -> str:
    return (resources.files(DATA_PACKAGE) / name).read_text(encoding="utf-8")


def layer_ids() -> list[str]:
    """Ids of every catalog layer, in display order."""
    try:
        return list(json.loads(_read_text(INDEX_FILE))["layers"])
    except (OSError, ValueError, KeyError) as exc:
        raise CatalogError(
            f"catalog index {INDEX_FILE} is unreadable ({exc}); reinstall caspian-gis"
        ) from exc


def resolve_layer_ids(requested: Iterable[str] | str | None = None) -> list[str]:
    """Check requested layer ids against the catalog; ``None`` or empty means all layers.

    A single id may be given as a ``str``.

    Raises
    ------
    LayerNotFoundError
        Naming the first unknown id and listing the valid ones.
    """
    valid = layer_ids()
    # One id given as a str (load_catalog("btc_pipeline")) is that layer, not its letters.
    wanted = [] if requested is None else texts(
        requested, "layer_ids", "a layer id or a list of them, e.g. ['btc_pipeline'] (all: "
        "caspian.layers.layer_ids())")
    if not wanted:
        return valid
    for layer_id in wanted:
        if layer_id not in valid:
            raise LayerNotFoundError(
                f"unknown layer {layer_id!r}; valid layers: {', '.join(valid)}"
            )
    return list(dict.fromkeys(wanted))


#: The fix of every structural error of a layer file (a plain GeoJSON file given as
#: ``refine --layer-file`` was "layer is missing id, name, group", without one).
_LAYER_FIX = ("give a catalog layer file: a FeatureCollection with the layer's id, name, group "
              "and features at its top level (docs/catalog-schema.md)")


def parse_layer(collection: Mapping[str, Any], origin: str = "<layer>") -> Layer:
    """Build a :class:`Layer` from a parsed catalog FeatureCollection.

    Only the structure needed to load is checked here; :mod:`caspian.layers.catalog.check` validates
    the whole schema.
    """
    if collection.get("type") != "FeatureCollection":
        raise CatalogError(f"{origin}: a layer must be a GeoJSON FeatureCollection; {_LAYER_FIX}")
    missing = [key for key in ("id", "name", "group", "features") if key not in collection]
    if missing:
        raise CatalogError(f"{origin}: layer is missing {', '.join(missing)}; {_LAYER_FIX}")
    for key in ("sources", "conflicts", "features"):
        listed = collection.get(key, [])
        if not isinstance(listed, list) or not all(isinstance(item, dict) for item in listed):
            raise CatalogError(f"{origin}: {key} must be a list of objects; {_LAYER_FIX}")
    sources = collection.get("sources", [])
    return Layer(
        id=str(collection["id"]),
        name=str(collection["name"]),
        name_ru=str(collection.get("name_ru", "")),
        group=str(collection["group"]),
        description=str(collection.get("description", "")),
        sources={str(source.get("id")): dict(source) for source in sources},
        conflicts=tuple(dict(conflict) for conflict in collection.get("conflicts", [])),
        features=tuple(dict(feature) for feature in collection["features"]),
    )


def load_layer(layer_id: str) -> Layer:
    """Load one catalog layer by id.

    Raises
    ------
    LayerNotFoundError
        If ``layer_id`` is not in the catalog (the message lists the valid ids).
    CatalogError
        If the layer's file is missing or not valid JSON.
    """
    (layer_id,) = resolve_layer_ids([layer_id])
    name = f"{layer_id}.geojson"
    try:
        collection = json.loads(_read_text(name))
    except FileNotFoundError as exc:
        raise CatalogError(f"catalog file {name} is missing; reinstall caspian-gis") from exc
    except ValueError as exc:
        raise CatalogError(f"catalog file {name} is not valid JSON: {exc}") from exc
    layer = parse_layer(collection, origin=name)
    if layer.id != layer_id:
        raise CatalogError(f"catalog file {name} declares id {layer.id!r}; expected {layer_id!r}")
    return layer


def load_catalog(layer_ids: Sequence[str] | None = None) -> dict[str, Layer]:
    """Load several layers (all by default) as an ordered ``{id: Layer}`` mapping."""
    return {layer_id: load_layer(layer_id) for layer_id in resolve_layer_ids(layer_ids)}


def catalog_frame(layer_ids: Sequence[str] | None = None) -> geopandas.GeoDataFrame:
    """The catalog's features as one GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    layer_ids : sequence of str, optional
        Layers to include; all by default.

    Returns
    -------
    geopandas.GeoDataFrame
        See :func:`layers_frame`.
    """
    return layers_frame(load_catalog(layer_ids).values())


def as_layer(value: Any, name: str = "layer") -> Layer:
    """``value`` when it is a :class:`Layer`; a layer id given instead is named in the fix."""
    if not isinstance(value, Layer):
        hint = f", e.g. load_layer({value!r})" if isinstance(value, str) else " (load_layer)"
        refuse(name, value, f"a Layer{hint}")
    return value


def as_layers(value: Any, name: str = "layers") -> list[Layer]:
    """One :class:`Layer` or an iterable of them, as a list."""
    if isinstance(value, Layer):
        return [value]
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        refuse(name, value, "Layers (load_layer, or load_catalog().values())")
    return [as_layer(item, f"an item of {name}") for item in value]


def layers_frame(layers: Iterable[Layer]) -> geopandas.GeoDataFrame:
    """The features of already loaded layers as one GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    layers : iterable of Layer
        In the order their features should appear.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature with columns ``layer``, ``feature``, ``id``, ``name``, ``name_ru``,
        ``kind``, ``mode``, ``status``, ``geometry_accuracy``, ``published_length_km`` (list
        of dicts), ``properties`` (the whole properties dict) and ``geometry``.
    """
    # slow import: pandas and GDAL
    import geopandas

    # slow import: GEOS and numpy
    import shapely.geometry

    rows = []
    for layer in as_layers(layers):
        for feature in layer.features:
            properties = dict(feature.get("properties") or {})
            rows.append(
                {
                    "layer": layer.id,
                    "feature": short_feature_id(feature),
                    "id": feature["id"],
                    "name": properties.get("name"),
                    "name_ru": properties.get("name_ru"),
                    "kind": properties.get("kind"),
                    "mode": properties.get("mode"),
                    "status": properties.get("status"),
                    "geometry_accuracy": properties.get("geometry_accuracy"),
                    "published_length_km": list(properties.get("published_length_km") or []),
                    "properties": properties,
                    "geometry": shapely.geometry.shape(feature["geometry"]),
                }
            )
    columns = [
        "layer",
        "feature",
        "id",
        "name",
        "name_ru",
        "kind",
        "mode",
        "status",
        "geometry_accuracy",
        "published_length_km",
        "properties",
        "geometry",
    ]
    return geopandas.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")
