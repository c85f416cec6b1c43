/* 住户居民分布图 / 营业场所分布图: the map image in Leaflet (L.CRS.Simple, pixel coordinates), one marker per
   placed record, hover information, members on click, search-to-focus. View-only. The data comes from
   the server already masked (data-map); text is set with textContent only, styles through CSSOM (CSP). */
(function () {
  "use strict";

  function infoTable(info) {
    var table = document.createElement("table");
    Object.keys(info).forEach(function (label) {
      var tr = table.insertRow();
      tr.insertCell().textContent = label;
      tr.insertCell().textContent = String(info[label]);
    });
    return table;
  }

  function membersTable(rows, columns) {
    var table = document.createElement("table");
    table.className = "grid";
    var head = table.createTHead().insertRow();
    columns.forEach(function (column) {
      var th = document.createElement("th");
      th.textContent = column;
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      columns.forEach(function (column) {
        var value = row[column];
        tr.insertCell().textContent = value === null || value === undefined ? "" : String(value);
      });
    });
    return table;
  }

  function start() {
    var element = document.getElementById("map");
    if (!element || !window.L) { return; }
    var data = JSON.parse(element.dataset.map);
    var status = document.getElementById("map-status");
    var details = document.getElementById("details");
    var height = data.height;
    var map = window.gridcoreMaps.imageMap(element, data);

    document.querySelectorAll("#legend .maps-swatch").forEach(function (swatch) {
      swatch.style.background = swatch.dataset.colour;
    });

    function say(text, isError) { window.gridcoreMaps.say(status, text, isError); }
    function title(entry) {
      var style = data.styles[entry.kind];
      return (style ? style.title + " " : "") + entry.label;
    }

    function tip(entry) {
      var box = document.createElement("div");
      box.className = "maps-tip";
      var head = document.createElement("strong");
      head.textContent = title(entry);
      box.appendChild(head);
      box.appendChild(infoTable(entry.info));
      return box;
    }

    function showDetails(entry) {
      details.replaceChildren();
      var head = document.createElement("h2");
      head.textContent = title(entry);
      details.appendChild(head);
      details.appendChild(infoTable(entry.info));
      if (entry.link) {
        var p = document.createElement("p");
        var a = document.createElement("a");
        a.href = entry.link;
        a.className = "drill-down";
        a.textContent = data.linkText + ": " + entry.label;
        p.appendChild(a);
        details.appendChild(p);
      }
      if (entry.members === null) {
        if (data.membersNote) {
          var note = document.createElement("p");
          note.className = "muted";
          note.textContent = data.membersNote;
          details.appendChild(note);
        }
        return;
      }
      var count = document.createElement("h3");
      count.textContent = "居民 / 从业人员 (" + entry.members.length + ")";
      details.appendChild(count);
      if (entry.members.length) {
        var table = membersTable(entry.members, data.memberColumns);
        table.id = "member-list";
        details.appendChild(table);
      }
    }

    function label(entry) {  // regions (a community's compounds) are few: their names stay on the map
      var text = document.createElement("span");
      text.textContent = entry.label;
      L.marker(L.latLng(height - entry.top - data.markerHeight, entry.left + data.markerWidth / 2), {
        icon: L.divIcon({ className: "maps-label", html: text, iconSize: null }),
        interactive: false,
        keyboard: false
      }).addTo(map);
    }

    var markers = [];
    function select(marker) {
      document.querySelectorAll(".maps-point.focused, #unplaced-list li.focused").forEach(function (el) {
        el.classList.remove("focused");
      });
      marker.getElement().classList.add("focused");
      showDetails(marker.entry);
    }
    data.markers.forEach(function (entry) {
      var style = data.styles[entry.kind] || { colour: "#c62828", shape: "circle" };
      var icon = L.divIcon({
        className: "maps-point maps-shape-" + style.shape,
        iconSize: [data.markerWidth, data.markerHeight],
        iconAnchor: [0, 0]
      });
      var marker = L.marker(L.latLng(height - entry.top, entry.left), { icon: icon, keyboard: true, title: "" });
      marker.entry = entry;
      marker.bindTooltip(tip(entry), { direction: "top", offset: [data.markerWidth / 2, 0] });
      marker.on("add", function () {
        var el = marker.getElement();
        el.dataset.kind = entry.kind;
        el.dataset.key = entry.key;
        el.style.background = style.colour;
        el.setAttribute("aria-label", title(entry));
      });
      marker.on("click", function () { select(marker); });
      marker.addTo(map);
      markers.push(marker);
      if (entry.kind === "region") { label(entry); }
    });

    function matches(entry, words) {
      var text = [entry.key, entry.label].concat(Object.keys(entry.info).map(function (k) {
        return String(entry.info[k]);
      })).join(" ").toLowerCase();
      return text.indexOf(words) >= 0;
    }

    document.getElementById("find-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var words = document.getElementById("find-keyword").value.trim().toLowerCase();
      if (!words) { say("请输入要查找的名称、门牌号或编号", true); return; }
      var found = markers.filter(function (marker) { return matches(marker.entry, words); });
      if (found.length) {
        map.panTo(found[0].getLatLng());
        select(found[0]);
        found[0].openTooltip();
        say("已定位: " + title(found[0].entry) + (found.length > 1 ? " (共 " + found.length + " 个符合)" : ""), false);
        return;
      }
      var unplaced = Array.prototype.filter.call(document.querySelectorAll("#unplaced-list li"), function (li) {
        return li.textContent.toLowerCase().indexOf(words) >= 0;
      });
      if (unplaced.length) {
        unplaced[0].classList.add("focused");
        unplaced[0].scrollIntoView({ block: "nearest" });
        say(unplaced[0].textContent + " 未标注, 不在图上", true);
        return;
      }
      say("没有找到包含「" + document.getElementById("find-keyword").value.trim() + "」的标注", true);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
