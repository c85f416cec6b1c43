/* 地图标注: the map image in Leaflet (L.CRS.Simple, pixel coordinates), its markers, 坐标移动, 坐标复原 and
   search-to-focus. No inline script (CSP script-src 'self'); text is set with textContent only. */
(function () {
  "use strict";

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf() }
    }).then(function (response) {
      return response.json().catch(function () { return { error: "操作未完成 (" + response.status + ")" }; })
        .then(function (data) { if (!response.ok) { throw new Error(data.error || String(response.status)); } return data; });
    });
  }

  function start() {
    var element = document.getElementById("map");
    if (!element || !window.L) { return; }
    var data = JSON.parse(element.dataset.map);
    var status = document.getElementById("map-status");
    var toggle = document.getElementById("move-switch");
    var height = data.height;
    var width = data.width;
    var map = window.gridcoreMaps.imageMap(element, data);

    function say(text, isError) { window.gridcoreMaps.say(status, text, isError); }
    function toLatLng(left, top) { return L.latLng(height - top, left); }
    function clamp(value, room) { return Math.max(0, Math.min(room, Math.round(value))); }
    function row(kind, key) {
      return document.querySelector('#marker-list tr[data-kind="' + CSS.escape(kind) + '"][data-key="' + CSS.escape(key) + '"]');
    }
    function showPosition(kind, key, left, top) {
      var found = row(kind, key);
      if (found) { found.querySelector(".position").textContent = left + ", " + top; }
    }

    function tip(entry) {
      var box = document.createElement("div");
      box.className = "maps-tip";
      var head = document.createElement("strong");
      head.textContent = entry.kind_title + " " + entry.label;
      box.appendChild(head);
      var table = document.createElement("table");
      Object.keys(entry.info).forEach(function (label) {
        var tr = table.insertRow();
        tr.insertCell().textContent = label;
        tr.insertCell().textContent = String(entry.info[label]);
      });
      box.appendChild(table);
      return box;
    }

    var markers = {};
    function icon(kind) {
      return L.divIcon({
        className: "maps-marker kind-" + kind,
        iconSize: [data.markerWidth, data.markerHeight],
        iconAnchor: [0, 0]
      });
    }
    function addMarker(entry) {
      var marker = L.marker(toLatLng(entry.left, entry.top), { icon: icon(entry.kind), draggable: false, keyboard: false });
      marker.entry = entry;
      marker.bindTooltip(tip(entry), { direction: "top", offset: [data.markerWidth / 2, 0] });
      marker.on("add", function () {
        var el = marker.getElement();
        el.dataset.kind = entry.kind;
        el.dataset.key = entry.key;
        el.title = "";
      });
      marker.on("dragend", function () {
        var at = marker.getLatLng();
        var left = clamp(at.lng, width - data.markerWidth);
        var top = clamp(height - at.lat, height - data.markerHeight);
        post(element.dataset.place, { kind: entry.kind, key: entry.key, "左起点": left, "上起点": top })
          .then(function (placed) {
            entry.left = placed.left;
            entry.top = placed.top;
            marker.setLatLng(toLatLng(placed.left, placed.top));
            showPosition(entry.kind, entry.key, placed.left, placed.top);
            say("已保存 " + entry.label + " 的位置: " + placed.left + ", " + placed.top, false);
          })
          .catch(function (error) {
            marker.setLatLng(toLatLng(entry.left, entry.top));
            say(error.message, true);
          });
      });
      marker.addTo(map);
      if (toggle && toggle.checked) { marker.dragging.enable(); }
      markers[entry.kind + "\u0000" + entry.key] = marker;
      return marker;
    }
    data.markers.forEach(addMarker);

    if (toggle) {
      toggle.checked = false;
      toggle.addEventListener("change", function () {
        Object.keys(markers).forEach(function (name) {
          var marker = markers[name];
          if (toggle.checked) { marker.dragging.enable(); } else { marker.dragging.disable(); }
        });
        element.classList.toggle("maps-movable", toggle.checked);
        say(toggle.checked ? "坐标移动已打开: 拖动标注即保存" : "坐标移动已关闭", false);
      });
    }

    document.querySelectorAll("#marker-list .reset-button").forEach(function (button) {
      button.addEventListener("click", function () {
        var tr = button.closest("tr");
        var kind = tr.dataset.kind;
        var key = tr.dataset.key;
        post(element.dataset.reset, { kind: kind, key: key }).then(function (placed) {
          var marker = markers[kind + "\u0000" + key];
          if (marker) {
            marker.entry.left = placed.left;
            marker.entry.top = placed.top;
            marker.setLatLng(toLatLng(placed.left, placed.top));
          } else {
            var label = tr.cells[1].textContent;
            addMarker({ kind: kind, key: key, label: label, kind_title: tr.cells[0].textContent,
              left: placed.left, top: placed.top, info: {} });
          }
          showPosition(kind, key, placed.left, placed.top);
          say("坐标已复原: " + key + " 移到 0, 0", false);
        }).catch(function (error) { say(error.message, true); });
      });
    });

    function focus(kind, key) {
      document.querySelectorAll(".maps-marker.focused, #marker-list tr.focused").forEach(function (el) {
        el.classList.remove("focused");
      });
      var found = row(kind, key);
      if (found) { found.classList.add("focused"); found.scrollIntoView({ block: "nearest" }); }
      var marker = markers[kind + "\u0000" + key];
      if (!marker) { return false; }
      map.panTo(marker.getLatLng());
      marker.getElement().classList.add("focused");
      marker.openTooltip();
      return true;
    }

    var form = document.getElementById("locate-form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = form.action + "?q=" + encodeURIComponent(document.getElementById("locate-keyword").value);
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json().then(function (found) { return [response.ok, found]; }); })
        .then(function (answer) {
          var found = answer[1];
          if (!answer[0]) { say(found.error, true); return; }
          if (focus(found.kind, found.key)) { say("已定位: " + found.key, false); }
          else { say(found.key + " 未标注", true); }
        })
        .catch(function () { say("查找失败", true); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
