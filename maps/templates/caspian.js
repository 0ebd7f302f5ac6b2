/* caspian-gis map helpers. Data reaches this code only as JSON; popup, tooltip and legend
   strings were escaped in Python (caspian.maps.popups), search results are set as text. */
var caspian = (function () {
  "use strict";
  // Feature id -> Leaflet layer, and the map: for links into the map and for tests.
  var features = {};
  var state = {map: null, ready: false};

  // Data travels as JSON in <script type="application/json"> elements.
  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // Popups fit the window they open in (a phone's too) and pan fully into view, clear of the
  // title and the zoom buttons at the top left.
  function popupOptions() {
    // the popup's frame adds about 45 px to its content's width
    var maxWidth = Math.max(Math.min(460, window.innerWidth - 80), 160);
    return {maxWidth: maxWidth, minWidth: Math.min(280, maxWidth),
      maxHeight: Math.max(window.innerHeight - 140, 160), autoPan: true,
      autoPanPaddingTopLeft: [12, 60], autoPanPaddingBottomRight: [12, 24]};
  }

  function bindFeature(feature, layer) {
    var p = feature.properties;
    features[feature.id] = layer;
    layer.bindPopup(p.popup, popupOptions());
    // A click goes to identify(), which opens this popup or, where features overlap, a list.
    layer.off("click", layer._openPopup, layer);
    layer.on("click", identify);
    bindHoverLabel(layer, p.tooltip);
  }

  // The hover label is the feature's own tooltip; where several features lie under the
  // pointer it says so and names them in the order the click's list will offer them.
  function bindHoverLabel(layer, tooltip) {
    var shown = "";
    layer.bindTooltip(tooltip, {sticky: true, direction: "top"});
    layer.on("mousemove", function (event) {
      var ids = featuresAt(event.containerPoint), key = ids.length < 2 ? "" : ids.join("\n");
      if (key === shown) { return; }
      shown = key;
      layer.setTooltipContent(key ? severalLabel(ids) : tooltip);
    });
    // back to its own label on leaving, so the next hover does not open with a stale list
    layer.on("mouseout", function () {
      if (shown) { shown = ""; layer.setTooltipContent(tooltip); }
    });
  }

  // "2 lines here", "3 features here" (a point among them): the head of the hover label and
  // of the click's list alike.
  function severalHere(ids) {
    var lines = ids.every(function (id) { return !features[id].getLatLng; });
    return ids.length + (lines ? " lines" : " features") + " here";
  }

  function featureTitle(id) {
    return features[id].feature.properties.title || id;
  }

  // Built as text nodes: feature titles come from data.
  function severalLabel(ids) {
    var label = L.DomUtil.create("div", "cg-hover-several");
    L.DomUtil.create("b", "", label).textContent = severalHere(ids) + ": ";
    L.DomUtil.create("span", "cg-hover-names", label).textContent =
      ids.map(featureTitle).join(" · ");
    L.DomUtil.create("span", "cg-hover-hint", label).textContent = " — click to choose";
    return label;
  }

  // The smallest window, in CSS pixels, on which the layer control starts open.
  var LARGE_WINDOW = [1600, 900];

  // How far from a line or a point's edge a click still hits it, in screen pixels.
  var HIT_PX = 6;

  // The closest first view: a town and its surroundings (see fitTo).
  var FIT_MAX_ZOOM = 12;

  function hitsLayer(layer, point) {
    var map = state.map, at = map.containerPointToLayerPoint(point);
    if (layer.getLatLng) {  // a circle marker
      return at.distanceTo(layer._point) <= (layer._radius || 0) + HIT_PX;
    }
    if (layer instanceof L.Polygon && layer._containsPoint(at)) { return true; }
    return (layer._parts || []).some(function (part) {
      for (var i = 1; i < part.length; i++) {
        if (L.LineUtil.pointToSegmentDistance(at, part[i - 1], part[i]) <= HIT_PX) {
          return true;
        }
      }
      return false;
    });
  }

  function paneZ(layer) {
    return Number(state.map.getPane(layer.options.pane).style.zIndex) || 400;
  }

  // The ids of every drawn feature under a point of the map container, topmost first: what
  // QGIS's identify tool would list there.
  function featuresAt(point) {
    var map = state.map, found = [];
    Object.keys(features).forEach(function (id) {
      var layer = features[id];
      if (map.hasLayer(layer) && hitsLayer(layer, point)) { found.push(id); }
    });
    // An area under a line or a point is not offered beside it: the click was meant for the
    // line or the point (a user's zone drawn over the ports leaves them one click away).
    var drawn = found.filter(function (id) { return !(features[id] instanceof L.Polygon); });
    if (drawn.length) { found = drawn; }
    return found.sort(function (a, b) { return paneZ(features[b]) - paneZ(features[a]); });
  }

  // A line's popup opens where it was clicked, a point's at the point.
  function openAt(layer, latlng) {
    layer.openPopup(layer.getLatLng ? undefined : latlng);
  }

  // One feature under the click: its popup. Several (a cable beside a ferry route, a port on
  // a line): a short list of them, each opening its own popup.
  function identify(event) {
    var map = state.map, target = event.target.cgFeature || event.target;
    var ids = featuresAt(event.containerPoint);
    if (ids.length < 2) {
      openAt(target, event.latlng);
      return;
    }
    var list = L.DomUtil.create("div", "cg-chooser");
    L.DomUtil.create("div", "cg-chooser-head", list).textContent =
      severalHere(ids) + ": choose one";
    ids.forEach(function (id) {
      var layer = features[id], props = layer.feature.properties;
      var item = L.DomUtil.create("button", "cg-chooser-item", list);
      item.type = "button";
      item.setAttribute("data-feature", id);
      var swatch = L.DomUtil.create("span", "cg-swatch", item);
      swatch.style.borderColor = (props.style || {}).color || "#333";
      L.DomUtil.create("span", "", item).textContent = featureTitle(id);
      if (props.kind_label) {
        L.DomUtil.create("span", "cg-chooser-kind", item).textContent = props.kind_label;
      }
      L.DomEvent.on(item, "click", function (clicked) {
        L.DomEvent.stop(clicked);
        map.closePopup();
        openAt(layer, event.latlng);
      });
    });
    L.popup({maxWidth: Math.max(Math.min(360, window.innerWidth - 80), 160), autoPan: true,
      className: "cg-chooser-popup"}).setLatLng(event.latlng).setContent(list).openOn(map);
  }

  // Each credit of a layer (joined with " | " in caspian.maps.features and
  // caspian.maps.basemap) is counted on its own, so that two layers sharing one credit (a
  // layer measured against the basemap's borders and the basemap) show it once and it goes
  // with the last.
  function creditWhileOn(layer, attribution) {
    var credits = attribution ? attribution.split(" | ") : [], shownOn = null;
    layer.on("add", function () {
      shownOn = layer._map && layer._map.attributionControl;
      if (shownOn) { credits.forEach(function (text) { shownOn.addAttribution(text); }); }
    });
    layer.on("remove", function () {
      if (shownOn) { credits.forEach(function (text) { shownOn.removeAttribution(text); }); }
      shownOn = null;
    });
  }

  function featureLayer(data, attribution) {
    var group = L.geoJSON(data, {
      style: function (feature) { return feature.properties.style; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, feature.properties.style);
      },
      onEachFeature: bindFeature
    });
    // A dashed or dotted line takes clicks only on its dashes (half of it): an invisible
    // solid line, wider than the drawn one, lies over it and opens the same popup.
    group.getLayers().forEach(function (layer) {
      var style = layer.feature.properties.style || {};
      if (!style.dashArray || !layer.getLatLngs) { return; }
      var halo = L.polyline(layer.getLatLngs(), {pane: style.pane, weight: 12, opacity: 0,
                                                 lineCap: "round", className: "cg-halo"});
      halo.cgFeature = layer;
      halo.on("click", identify);
      bindHoverLabel(halo, layer.feature.properties.tooltip);
      group.addLayer(halo);
    });
    creditWhileOn(group, attribution);
    // How far to trust each stretch of a line: a white core on top of the stretches drawn
    // straight between sourced points (solid) or only schematically (broken). It takes no
    // clicks: those go to the line beneath.
    group.getLayers().forEach(function (layer) {
      var stretches = (layer.feature && layer.feature.properties.stretches) || [];
      stretches.forEach(function (stretch) {
        var latlngs = stretch.coordinates.map(function (xy) { return [xy[1], xy[0]]; });
        var options = L.extend({}, stretch.style,
                               {className: "cg-trust cg-trust-" + stretch.accuracy});
        group.addLayer(L.polyline(latlngs, options));
      });
    });
    return group;
  }

  // Drawn on a canvas: thousands of coastline vertices as SVG would cost a long first layout.
  // With ``region`` the sea inside it is painted first, on the same canvas, and ``rivers``
  // last, thicker for a more important river (a smaller Natural Earth scalerank).
  // The credit of the border data shows in the attribution control while the layer is on.
  function basemapLayer(data, pane, region, rivers, attribution) {
    var renderer = L.canvas({pane: pane || "overlayPane"});
    // A layer group adds its layers in the order of their Leaflet ids and the canvas paints
    // them in the order they were added: stamp the sea before the countries get their ids.
    var sea = region && L.rectangle(L.latLngBounds(region), {pane: pane, renderer: renderer,
      interactive: false, stroke: false, fillColor: "#cfe3ef", fillOpacity: 1});
    if (sea) { L.stamp(sea); }
    var countries = L.geoJSON(data, {
      pane: pane,
      renderer: renderer,
      interactive: false,
      style: {color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
    });
    if (!sea) { creditWhileOn(countries, attribution); return countries; }
    var water = L.geoJSON(rivers, {pane: pane, renderer: renderer, interactive: false,
      style: function (feature) {
        return {color: "#5b9bd0", weight: feature.properties.scalerank <= 4 ? 2 : 1.5,
          opacity: 0.95};
      }});
    var basemap = L.featureGroup([sea, countries, water]);
    creditWhileOn(basemap, attribution);
    return basemap;
  }

  // Names of places and seas (caspian.maps.labels), set as text. Labels are shown from their
  // min_zoom on; where two overlap, the one that comes first (lower rank, larger town) stays.
  function labelLayer(labels, pane) {
    var markers = labels.map(function (label) {
      var text = document.createElement("span");
      text.className = "cg-label cg-label-" + label.kind;
      text.textContent = label.name;
      var marker = L.marker([label.lat, label.lon], {pane: pane, interactive: false,
        keyboard: false, icon: L.divIcon({html: text, className: "cg-label-anchor",
          iconSize: [0, 0]})});
      marker.label = label;
      return marker;
    });
    var group = L.layerGroup(markers);
    function declutter() {
      var map = group._map, zoom = map.getZoom(), placed = [];
      markers.forEach(function (marker) {
        var anchor = marker.getElement(), text = anchor.firstChild;
        anchor.style.display = zoom >= marker.label.min_zoom ? "" : "none";
        if (anchor.style.display) { return; }
        var width = text.offsetWidth, height = text.offsetHeight;
        // sea names are centred on their point by a CSS transform, which offsets ignore
        var centred = ["sea", "river", "country"].indexOf(marker.label.kind) !== -1;
        var at = map.latLngToLayerPoint(marker.getLatLng()).add(centred
          ? L.point(-width / 2, -height / 2) : L.point(text.offsetLeft, text.offsetTop));
        var box = L.bounds([at.x - 2, at.y - 1], [at.x + width + 2, at.y + height + 1]);
        if (placed.some(function (other) { return other.intersects(box); })) {
          anchor.style.display = "none";
        } else {
          placed.push(box);
        }
      });
    }
    group.on("add", function () {
      // the layer group is added before its markers: declutter once they are on the map
      // after every move too: a zoom that ends inside an animation ends with a moveend
      group._map.on("zoomend moveend", declutter);
      setTimeout(declutter, 0);
    });
    group.on("remove", function (event) { event.target._map && event.target._map.off("zoomend moveend", declutter); });
    group.declutter = declutter;
    return group;
  }

  // Search labels are users' feature names, so they are keys of prototype-free objects only:
  // a feature called "__proto__" or "hasOwnProperty" is a record like any other.
  function store() { return Object.create(null); }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function searchRecords(overlays) {
    var records = store();
    overlays.forEach(function (group) {
      group.eachLayer(function (layer) {
        if (!layer.feature) { return; }  // a dashed line's click halo, a stretch's mark
        var labels = layer.feature.properties.search || [];
        var loc = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
        labels.forEach(function (label, index) {
          var key = label, n = 2;
          while (own(records, key)) { key = label + " (" + n++ + ")"; }
          var record = L.latLng(loc.lat, loc.lng);
          record.layer = layer;
          record.group = group;
          // the layer's names and the initials (BTC, ТМТМ) find the feature's first name
          record.aliases = index === 0 ? (layer.feature.properties.aliases || []) : [];
          records[key] = record;
        });
      });
    });
    return records;
  }

  // The plugin's own filter copies matches into a plain object ({}["__proto__"] = x sets
  // its prototype); this one keeps them in a prototype-free store.
  // Names are matched without case and accents, and with the letters of the region's
  // alphabets that have no accent to strip folded to Latin: "Ələt" finds Alat, "Igdir" Iğdır,
  // "Constanta" Constanța.
  var FOLDED = {"ə": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"};
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[əıłøđß]/g, function (letter) { return FOLDED[letter]; });
  }

  function filterRecords(text, records) {
    var found = store(), needle = fold(text);
    if (!needle) { return found; }
    function matches(text) { return fold(text).indexOf(needle) !== -1; }
    Object.keys(records).forEach(function (key) {
      if (matches(key) || (records[key].aliases || []).some(matches)) {
        found[key] = records[key];
      }
    });
    return found;
  }

  function addSearch(map, overlays) {
    var records = searchRecords(overlays);
    var control = new L.Control.Search({
      sourceData: function (text, respond) { respond(records); },
      formatData: function (data) { return data; },
      filterData: filterRecords,
      buildTip: function (text) {
        var tip = L.DomUtil.create("li");
        tip.textContent = text;
        return tip;
      },
      initial: false,
      marker: false,
      textPlaceholder: "Find a feature…",
      moveToLocation: function (latlng, title, map) {
        if (!map.hasLayer(latlng.group)) { map.addLayer(latlng.group); }
        // Without animation the view is final before the popup opens, so autoPan can bring
        // the whole popup into view (opened during a zoom animation, its top was cut off).
        if (latlng.layer.getBounds) {
          map.fitBounds(latlng.layer.getBounds(), {maxZoom: 9, padding: [30, 30],
                                                   animate: false});
        } else {
          map.setView(latlng, Math.max(map.getZoom(), 8), {animate: false});
        }
        latlng.layer.openPopup();
      },
      position: "topleft"
    });
    // The plugin looks results up with records.hasOwnProperty(key), which a prototype-free
    // store does not have (and a record named "hasOwnProperty" would shadow).
    control._getLocation = function (key) {
      return own(this._recordsCache, key) ? this._recordsCache[key] : false;
    };
    map.addControl(control);
    // The plugin listens to keys and paste; text dropped in, completed by an input method or
    // set by a script comes as an "input" event only (the plugin debounces the two).
    L.DomEvent.on(control._input, "input", function () { control._handleKeypress({}); });
    return control;
  }

  function addLegend(map, html) {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "cg-legend");
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legend.addTo(map);
    return legend;
  }

  function addTitle(map, text) {
    var div = L.DomUtil.create("div", "cg-title", map.getContainer());
    div.textContent = text;
    L.DomEvent.disableClickPropagation(div);
    return div;
  }

  function addTools(map, options) {
    L.control.polylineMeasure({position: "topleft", unit: "kilometres", showBearings: false,
      clearMeasurementsOnStop: false, showClearControl: true}).addTo(map);
    map.addControl(new L.Control.FullScreen({position: "topleft"}));
    L.control.mousePosition({position: "bottomright", lngFirst: true, numDigits: 4,
      separator: ", ", emptyString: "lon, lat", prefix: "lon, lat:"}).addTo(map);
    new L.Control.MiniMap(options.minimapLayer, {toggleDisplay: true, position: "bottomleft",
      width: 150, height: 120, zoomLevelOffset: -4}).addTo(map);
  }

  // The vector basemap covers a region only: the view never leaves it. The smallest zoom is
  // the one at which the whole window still lies inside the region, recomputed when the
  // window changes size, and the region is the hard edge of panning.
  function keepInside(map, region) {
    var bounds = L.latLngBounds(region);
    L.DomUtil.addClass(map.getContainer(), "cg-offline");
    // quarter zoom steps, so that the smallest zoom shows nearly all of the region
    map.options.zoomSnap = 0.25;
    map.options.maxBoundsViscosity = 1.0;
    map.setMaxBounds(bounds);
    function fitMinZoom() { map.setMinZoom(Math.max(map.getBoundsZoom(bounds, true), 0)); }
    fitMinZoom();
    map.on("resize", fitMinZoom);
  }

  // The layer control: open on a large window, folded into its button on a laptop's or a
  // phone's (open, it would hide a third of a 1280 px wide map and shrink the first view); a
  // click on the map, or the mouse leaving it, folds it again.
  function addLayerControl(map, basemaps, groups) {
    var large = map.getSize().x >= LARGE_WINDOW[0] && map.getSize().y >= LARGE_WINDOW[1];
    var control = L.control.groupedLayers(basemaps, groups,
      {collapsed: true, position: "topright"}).addTo(map);
    if (large) { control._expand(); }
    return control;
  }

  // Run ``callback`` once the browser has painted the next frame.
  function afterFirstFrame(callback) {
    requestAnimationFrame(function () { setTimeout(callback, 0); });
  }

  // Fit the view to the features, leaving room for the layer control on the right. A map of
  // one point has bounds of no size: without a cap the offline map (no tile layer, so no
  // maximum zoom) would fit them at zoom Infinity and draw nothing; 12 shows a town.
  function fitTo(map, bounds, control) {
    var width = control.getContainer().offsetWidth || 0;
    map.fitBounds(bounds, {paddingTopLeft: [50, 20], paddingBottomRight: [width + 20, 20],
      maxZoom: FIT_MAX_ZOOM, animate: false});
  }

  return {
    afterFirstFrame: afterFirstFrame,
    filterRecords: filterRecords,
    data: data,
    features: features,
    featuresAt: featuresAt,
    fitTo: fitTo,
    keepInside: keepInside,
    labelLayer: labelLayer,
    addLayerControl: addLayerControl,
    state: state,
    featureLayer: featureLayer,
    basemapLayer: basemapLayer,
    addSearch: addSearch,
    addLegend: addLegend,
    addTitle: addTitle,
    addTools: addTools
  };
})();
