/* caspian-gis: a big user file (caspian.maps.userbulk) drawn on one canvas. Its data comes as
   columns in JSON; a popup or tooltip is built when it is wanted, from the feature's values,
   and every key and value is set as text (textContent), never parsed as HTML. */
var caspianBulk = (function () {
  "use strict";

  // One canvas for every big file of a map: two canvases in one pane would leave the lower
  // one's features unclickable (a canvas takes every click over its whole area).
  function renderer(map, options) {
    if (!map.getPane(options.pane)) {
      map.createPane(options.pane).style.zIndex = options.zIndex;
    }
    if (!map.cgBulkRenderer) {
      map.cgBulkRenderer = L.canvas({pane: options.pane});
    }
    return map.cgBulkRenderer;
  }

  // What the popups of caspian.js's layers use too: fit the window, pan into view clear of
  // the title and the zoom buttons (kept here, as caspian.js is the same in every map).
  function popupOptions() {
    var maxWidth = Math.max(Math.min(460, window.innerWidth - 80), 160);
    return {maxWidth: maxWidth, minWidth: Math.min(280, maxWidth),
      maxHeight: Math.max(window.innerHeight - 140, 160), autoPan: true,
      autoPanPaddingTopLeft: [12, 60], autoPanPaddingBottomRight: [12, 24]};
  }

  function addRow(table, label, value) {
    var row = table.insertRow();
    var head = document.createElement("th");
    head.textContent = label;
    row.appendChild(head);
    row.insertCell().textContent = String(value);
  }

  // The popup of feature ``index``: the layer's name, then each of its properties, as the
  // popups of small files show them (caspian.maps.popups.user_popup_html).
  // Feature ``index``'s value in ``column``: ``[key, values]`` holds one value per feature,
  // a sparse ``[key, values, indices]`` only those of the features that have the key.
  function columnValue(column, index) {
    if (column.length < 3) { return column[1][index]; }
    if (!column.byIndex) {
      column.byIndex = {};
      column[2].forEach(function (at, i) { column.byIndex[at] = column[1][i]; });
    }
    return column.byIndex[index];
  }

  function popupContent(data, index) {
    var root = document.createElement("div");
    root.className = "cg-popup";
    var name = document.createElement("div");
    name.className = "cg-layer";
    name.textContent = data.name;
    root.appendChild(name);
    var table = document.createElement("table");
    data.columns.forEach(function (column) {
      var value = columnValue(column, index);
      if (value !== null && value !== undefined) { addRow(table, column[0], value); }
    });
    if (data.lengths && data.lengths[index]) {
      addRow(table, "Computed length", data.lengths[index]);
    }
    root.appendChild(table);
    return root;
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit) + "\u2026";
  }

  // The tooltip: the feature's ``name`` property, else the layer's name.
  function tooltipContent(data, names, index, limit) {
    var span = document.createElement("span");
    var value = names ? columnValue(names, index) : null;
    span.textContent = shorten(value === null || value === undefined ? data.name : String(value),
                               limit);
    return span;
  }

  // The map's search box (caspian.js's addSearch) finds a feature by the names in
  // ``feature.properties.search`` and opens it with ``openPopup``: a named feature gets both,
  // its popup being the group's, filled for this feature.
  function openFromSearch() {
    var popup = this.cgGroup.getPopup();
    popup._source = this;
    this.cgGroup.openPopup(this.getLatLng ? this.getLatLng() : this.getBounds().getCenter());
  }

  function makeSearchable(group, part, name, limit) {
    if (name === null || name === undefined) { return; }
    part.feature = {properties: {search: [shorten(String(name), limit)]}};
    part.cgGroup = group;
    part.openPopup = openFromSearch;
  }

  function markIndex(layer, index) {
    layer.cgIndex = index;
    if (layer.eachLayer) {  // a GeometryCollection: each of its parts
      layer.eachLayer(function (part) { markIndex(part, index); });
    }
  }

  // The features of ``data`` (caspian.maps.userbulk.bulk_payload) as one group on the canvas.
  function layer(map, data, options) {
    var canvas = renderer(map, options);
    var styles = data.styles.map(function (style) {
      var drawn = L.extend({}, style, {pane: options.pane, renderer: canvas});
      drawn.pointToLayer = function (feature, latlng) { return L.circleMarker(latlng, drawn); };
      return drawn;
    });
    var group = L.featureGroup();
    var names = null;
    data.columns.forEach(function (column) { if (column[0] === "name") { names = column; } });
    data.geometries.forEach(function (geometry, index) {
      var style = styles[data.style_of ? data.style_of[index] : 0], part;
      if (Array.isArray(geometry)) {  // a point, as [lon, lat]
        part = L.circleMarker([geometry[1], geometry[0]], style);
      } else {
        part = L.GeoJSON.geometryToLayer({type: "Feature", geometry: geometry}, style);
      }
      markIndex(part, index);
      if (names) {
        makeSearchable(group, part, columnValue(names, index), options.labelMaxChars);
      }
      group.addLayer(part);
    });
    group.bindPopup(function (clicked) { return popupContent(data, clicked.cgIndex); },
                    popupOptions());
    group.bindTooltip(function (hovered) {
      return tooltipContent(data, names, hovered.cgIndex, options.labelMaxChars);
    }, {sticky: true, direction: "top"});
    return group;
  }

  return {layer: layer, popupContent: popupContent};
})();
