"""Map features as the page draws them: GeoJSON with popup, tooltip, style and search.

:func:`catalog_collection` turns a catalog layer, :func:`user_collection` a user's file into a
FeatureCollection whose features carry only what the page needs: the geometry (rounded), the
escaped ``popup`` and ``tooltip`` HTML, the Leaflet ``style`` and the names to ``search`` by.
Lengths and per-country splits come from :func:`caspian.layers.metrics.metrics_frame`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from caspian.geo.antimeridian import split_at_antimeridian
from caspian.geo.arguments import settings_or_default
from caspian.geo.figures import none_if_missing, round_coordinates, round_geometry
from caspian.geo.geodesy import linestring_lengths_km
from caspian.geo.settings import DEFAULT_SETTINGS, Settings
from caspian.layers.boundaries import border_source
from caspian.layers.catalog.accuracy import accuracy_stretches
from caspian.layers.catalog.citations import layer_citations
from caspian.layers.catalog.town_names import other_names
from caspian.layers.metrics import metrics_frame
from caspian.layers.news.popup_view import shipped_popup_conflicts
from caspian.maps import popups, styles
from caspian.maps.html_templates import render_template

if TYPE_CHECKING:
    import geopandas
    from caspian.layers.catalog.loading import Layer

#: Decimal places of feature coordinates in the page (1e-5 degree is about 1 m).
FEATURE_DECIMALS = 5

#: Three or more capitalised names joined by dashes, as a line is named after the places it
#: links ("Baku–Tbilisi–Ceyhan", "Баку–Тбилиси–Джейхан"): readers search by the initials.
_PLACE_CHAIN = re.compile(r"(?<![\w–-])(?:[^\W\d_][\w']*[–-]){2,}[^\W\d_][\w']*")


def place_initials(text: str) -> list[str]:
    """The initials of each chain of three or more dash-joined place names in ``text``:
    ``"Baku–Tbilisi–Ceyhan oil pipeline" -> ["BTC"]``, ``"Баку–Тбилиси–Джейхан" -> ["БТД"]``.
    Lower-case words (``Trans-Caspian-ish`` compounds) are not place chains."""
    found = []
    for chain in _PLACE_CHAIN.findall(text):
        words = re.split(r"[–-]", chain)
        if all(word[:1].isupper() for word in words):
            found.append("".join(word[0] for word in words))
    return found


def search_aliases(
    layer: Layer, properties: Mapping[str, Any], feature_id: str | None = None
) -> list[str]:
    """What else a feature is found by: its layer's names ("Middle Corridor (Trans-Caspian
    International Transport Route)", "…, ТМТМ"), the initials of the places its names chain
    (BTC, БТД, BTK), and, for a catalog feature, the names the news gazetteer and GeoNames
    know it by ("Бакинский порт", "Bakı": :func:`caspian.layers.catalog.town_names.other_names`),
    each once."""
    texts = [layer.name, layer.name_ru, *(str(properties.get(key) or "")
                                         for key in ("name", "name_ru"))]
    aliases = [layer.name, layer.name_ru]
    aliases += [initials for text in texts for initials in place_initials(text)]
    if feature_id is not None:
        aliases += other_names(feature_id, [text for text in texts[2:] if text])
    return [alias for alias in dict.fromkeys(aliases) if alias]


def drawable_geometry(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry as Leaflet should draw it: a line that crosses the antimeridian is
    cut at ±180° (else it is drawn the long way round the world), coordinates rounded."""
    if geometry.get("type") in ("LineString", "MultiLineString"):
        # slow import: GEOS and numpy
        import shapely.geometry

        shape = shapely.geometry.shape(geometry)
        (split,) = split_at_antimeridian([shape])
        if split is not shape:
            geometry = shapely.geometry.mapping(split)
    return round_geometry(geometry, FEATURE_DECIMALS)


def _feature(
    feature_id: str, geometry: Mapping[str, Any], properties: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": properties,
        "geometry": drawable_geometry(geometry),
    }


def feature_metrics(
    frame: geopandas.GeoDataFrame, settings: Settings | None = DEFAULT_SETTINGS
) -> dict[str, popups.FeatureMetrics]:
    """Computed length and per-country split of each feature, by feature id.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Columns ``id`` and ``geometry`` (EPSG:4326).

    Returns
    -------
    dict
        Feature id -> :class:`~caspian.maps.popups.FeatureMetrics` from
        :func:`caspian.layers.metrics.metrics_frame` (geodesic km on ``settings.ellps``,
        split by country with :func:`caspian.layers.boundaries.load_boundaries`, whose source
        each entry names; ``"sea"`` for the part at sea).
    """
    settings = settings_or_default(settings)


    table = metrics_frame(frame, settings, by_country=True)
    borders = border_source().name
    result = {}
    for fid, length_km, split, sea_split in zip(
        frame["id"], table["length_km"], table["by_country_km"], table["sea_nearest_state_km"],
        strict=True,
    ):
        measured = float(length_km) if math.isfinite(length_km) and length_km > 0 else None
        result[str(fid)] = popups.FeatureMetrics(
            length_km=measured,
            by_country_km=dict(split or {}) if measured else {},
            sea_nearest_state_km=dict(sea_split or {}) if measured else {},
            border_source=borders if measured and split else None,
        )
    return result


def _source_labels(layer: Layer) -> dict[str, popups.SourceLabel]:
    return {
        citation.source_id: popups.SourceLabel(
            citation.label(), citation.quote,
            str(layer.sources.get(citation.source_id, {}).get("url") or "") or None,
        )
        for citation in layer_citations(layer)
    }


def layer_attribution_html(layer: Layer) -> str:
    """The credits a map must show while ``layer`` is drawn, as escaped HTML.

    Sources whose licence asks for a credit carry an ``attribution`` text (and a ``url`` to
    link it to); those of the layer are joined with `` | ``, each distinct credit once (two
    traces from different files share one OpenStreetMap credit). Empty when none does.
    """
    credits = []
    for source in layer.sources.values():
        text = source.get("attribution")
        if not text:
            continue
        url = source.get("url")
        credits.append(render_template("credit.html.j2", url=url, text=text))
    return " | ".join(dict.fromkeys(credits))


#: Accuracy classes drawn with a mark of their own on top of the line (hypothetical lines
#: are dotted as a whole; traced and surveyed stretches are the line as it is).
MARKED_ACCURACIES = ("waypoints", "schematic")


def trust_stretches(
    properties: Mapping[str, Any], geometry: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The stretches of a catalog line that the map marks, and its kilometres per class.

    Returns
    -------
    (list of dict, dict)
        ``{"accuracy", "coordinates"}`` (rounded ``[lon, lat]``) per waypoints or schematic
        stretch of a line that is not hypothetical as a whole, and ``{class: km}`` in
        line order (:func:`caspian.layers.catalog.accuracy.accuracy_stretches`); both empty for
        points.
    """
    if geometry.get("type") not in ("LineString", "MultiLineString"):
        return [], {}
    # slow import: GEOS and numpy
    import shapely.geometry

    stretches = accuracy_stretches(properties, shapely.geometry.shape(geometry))
    km: dict[str, float] = {}
    for stretch in stretches:
        km[stretch.accuracy] = km.get(stretch.accuracy, 0.0) + stretch.length_km
    if properties.get("geometry_accuracy") == "hypothetical":
        return [], km
    marked = [
        {"accuracy": stretch.accuracy,
         "coordinates": round_coordinates([list(xy) for xy in stretch.coordinates],
                                         FEATURE_DECIMALS)}
        for stretch in stretches if stretch.accuracy in MARKED_ACCURACIES
    ]
    return marked, km


def catalog_collection(
    layer: Layer, metrics: Mapping[str, popups.FeatureMetrics]
) -> dict[str, Any]:
    """The FeatureCollection of one catalog layer as the map draws it.

    Each feature keeps its id and geometry (rounded to :data:`FEATURE_DECIMALS`) and gets the
    properties ``popup`` and ``tooltip`` (escaped HTML), ``style`` (Leaflet path options) and
    ``search`` (names to find it by).
    """
    sources = _source_labels(layer)
    features = []
    for feature in layer.features:
        fid = str(feature["id"])
        short_id = fid.split("/", 1)[-1]
        props = feature.get("properties") or {}
        measured = metrics.get(fid, popups.FeatureMetrics())
        conflicts = [c for c in layer.conflicts if short_id in (c.get("features") or [])]
        found = shipped_popup_conflicts().get(fid, [])
        stretches, accuracy_km = trust_stretches(props, feature["geometry"])
        style = styles.feature_style(
            props.get("kind"), props.get("status"), props.get("geometry_accuracy")
        )
        properties: dict[str, Any] = {
            "popup": popups.feature_popup_html(
                fid, props, layer.name, measured, sources, conflicts, found, accuracy_km
            ),
            "tooltip": popups.feature_tooltip_html(props, measured.length_km),
            "style": style,
            "search": [str(name) for name in (props.get("name"), props.get("name_ru")) if name],
            "aliases": search_aliases(layer, props, fid),
            "title": str(props.get("name") or fid),
            "kind_label": styles.KIND_LABELS.get(str(props.get("kind")), str(props.get("kind"))),
        }
        if stretches:
            properties["stretches"] = [
                {**stretch, "style": styles.trust_mark_style(stretch["accuracy"], style)}
                for stretch in stretches
            ]
        features.append(_feature(fid, feature["geometry"], properties))
    return {"type": "FeatureCollection", "features": features}


#: Prefix of every feature id of a user's file. Catalog ids are ``layer/feature`` with no
#: colon, so a user's ``btc_pipeline`` file with a feature ``btc`` cannot take the place of
#: the catalog's ``btc_pipeline/btc`` in the map's links and search.
USER_ID_PREFIX = "user:"


def user_feature_id(name: str, feature_id: Any) -> str:
    """The map's id of feature ``feature_id`` of the user's file (layer) ``name``."""
    return f"{USER_ID_PREFIX}{name}/{feature_id}"


class UserFile(NamedTuple):
    """A user's file (``--add``) as the map draws it."""

    #: The layer's name (the file name); feature ids are :func:`user_feature_id`.
    name: str
    #: The file as :func:`caspian.layers.io.userdata.read_user_features` reads it.
    frame: geopandas.GeoDataFrame
    #: Each feature's own properties as the file gives them; the popup shows exactly these
    #: (a frame row also holds the columns of every other feature, as nulls). Taken from the
    #: frame's rows when not given.
    properties: Sequence[Mapping[str, Any]] | None = None


def user_collection(
    name: str,
    frame: geopandas.GeoDataFrame,
    properties: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The FeatureCollection of a user's file (``--add``): its properties in the popup.

    ``name``, ``frame`` and ``properties`` are the fields of a :class:`UserFile`.
    """

    # slow import: GEOS and numpy
    from shapely.geometry import mapping

    geoms = frame.geometry.values
    lengths = [none_if_missing(float(km)) for km in linestring_lengths_km(geoms)]
    features = []
    columns = [column for column in frame.columns if column != frame.geometry.name]
    records = frame[columns].to_dict("records")
    ids = frame["id"].tolist() if "id" in frame.columns else list(range(len(frame)))
    for position, (row, geom) in enumerate(zip(records, geoms, strict=True)):
        if geom is None or geom.is_empty:
            continue
        own = row if properties is None else properties[position]
        label = own.get("name")
        feature_properties = {
            "popup": popups.user_popup_html(name, own, lengths[position]),
            "tooltip": popups.user_tooltip_html(name, own),
            "style": styles.user_style(geom.geom_type, own.get("segment")),
            "search": [popups.shorten(str(label))] if label is not None else [],
            "title": popups.shorten(str(label) if label is not None else name),
            "kind_label": name,
        }
        features.append(
            _feature(user_feature_id(name, ids[position]), mapping(geom), feature_properties)
        )
    return {"type": "FeatureCollection", "features": features}
