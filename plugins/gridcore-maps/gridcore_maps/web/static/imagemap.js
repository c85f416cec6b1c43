// The map pages' shared start: a Leaflet map (L.CRS.Simple) over a region's image, and the status line.
(function () {
  "use strict";

  // A map of data.width × data.height pixels over element.dataset.image, shown whole.
  function imageMap(element, data) {
    var height = data.height;
    var width = data.width;
    var bounds = [[0, 0], [height, width]];
    var map = L.map(element, { crs: L.CRS.Simple, minZoom: -3, maxZoom: 3, zoomSnap: 0.25, attributionControl: false });
    L.imageOverlay(element.dataset.image, bounds).addTo(map);
    if (element.clientWidth >= width && element.clientHeight >= height) {
      map.setView([height / 2, width / 2], 0);
    } else {
      map.fitBounds(bounds);
    }
    map.setMaxBounds(L.latLngBounds(bounds).pad(0.2));
    return map;
  }

  // Show text in the status line, as an error or as a note.
  function say(status, text, isError) {
    status.textContent = text;
    status.className = isError ? "field-error" : "muted";
  }

  window.gridcoreMaps = { imageMap: imageMap, say: say };
})();
