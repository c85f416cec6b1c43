/* gridcore-web: the little behaviour the pages need beyond htmx. No inline scripts (CSP script-src 'self'). */
(function () {
  "use strict";

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Every htmx request carries the session's CSRF token.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf();
  });

  // Forms that change or remove data ask first (data-confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // The facet panel is not asked for again when only the page, the sort or the chosen facet changed
  // (its counts stay the same): mark the chosen entries from the results' hidden facet inputs.
  function markFacets() {
    var panel = document.getElementById("facets");
    var results = document.getElementById("results");
    if (!panel || !results) { return; }
    var chosen = {};
    results.querySelectorAll('input[name="facet"]').forEach(function (input) { chosen[input.value] = true; });
    var none = Object.keys(chosen).length === 0;
    panel.querySelectorAll("button.facet").forEach(function (button) {
      var on = button.id === "facet-all" ? none : chosen[button.dataset.facet] === true;
      button.classList.toggle("chosen", on);
      if (on) { button.setAttribute("aria-pressed", "true"); } else { button.removeAttribute("aria-pressed"); }
    });
  }
  document.addEventListener("htmx:afterSwap", markFacets);

  // A download (export) posts the list's query as an ordinary form, outside htmx.
  function submitNatively(button) {
    var source = button.form;
    var form = document.createElement("form");
    form.method = "post";
    form.action = button.dataset.nativeAction;
    form.hidden = true;
    new FormData(source).forEach(function (value, name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  // 组合查询: append the chosen condition to the expression box.
  function addCondition() {
    var field = document.getElementById("b-field").value;
    var op = document.getElementById("b-op").value;
    var value = document.getElementById("b-value").value.trim();
    var join = document.getElementById("b-join").value;
    var expr = document.getElementById("expr");
    var part = field + " " + op;
    if (op !== "为空" && op !== "不为空") {
      part += ' "' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
    }
    var current = expr.value.trim();
    expr.value = current ? current + " " + join + " " + part : part;
    document.getElementById("b-value").value = "";
    expr.focus();
  }

  function fieldMessage(box, text, isError) {
    var old = box.querySelector(".id-message");
    if (old) { old.remove(); }
    if (!text) { return; }
    var span = document.createElement("span");
    span.className = "id-message " + (isError ? "field-error" : "field-ok");
    span.setAttribute("role", isError ? "alert" : "status");
    span.textContent = text;
    box.appendChild(span);
  }

  function setValue(form, label, value) {
    var target = form.querySelector('[data-label="' + label + '"]:not([readonly])');
    if (!target) { return; }
    if (target.tagName === "SELECT") {
      for (var i = 0; i < target.options.length; i += 1) {
        if (target.options[i].text === value) { target.selectedIndex = i; }
      }
    } else {
      target.value = value;
    }
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // The ID-number button: fill 出生日期, 性别, 籍贯, 出生地 from the number (R-E01).
  function fillFromId(button) {
    var input = document.getElementById(button.dataset.idInput);
    var box = button.closest(".field");
    var body = new URLSearchParams();
    body.set("number", input.value);
    fetch(button.dataset.url, {
      method: "POST",
      headers: { "X-CSRF-Token": csrf() },
      body: body,
      credentials: "same-origin"
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (!data.ok) { fieldMessage(box, data.message, true); return; }
      Object.keys(data.fields).forEach(function (label) { setValue(button.form, label, data.fields[label]); });
      fieldMessage(box, "已读取出生日期、性别、籍贯、出生地", false);
    }).catch(function () { fieldMessage(box, "读取失败, 请稍后再试", true); });
  }

  var pending = null;
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest("[data-native-action]");
    if (button) { event.preventDefault(); submitNatively(button); return; }
    if (target.closest("#b-add")) { event.preventDefault(); addCondition(); return; }
    var idButton = target.closest("button.id-fill");
    if (idButton) { event.preventDefault(); fillFromId(idButton); return; }
    var row = target.closest("table.selectable tr[data-href]");
    if (row && !target.closest("a, button, input, select, textarea")) {
      clearTimeout(pending);
      pending = setTimeout(function () { window.location.href = row.dataset.href; }, 250);
    }
  });

  // R-D07: choosing 户主 fills a blank 姓名 with the household's 户主姓名.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches('select[data-label="与户主关系"]')) { return; }
    var form = select.form;
    var chosen = select.options[select.selectedIndex];
    if (!form || !form.dataset.headName || !chosen || chosen.text !== "户主") { return; }
    var name = form.querySelector('input[data-label="姓名"]');
    if (name && !name.value.trim()) { name.value = form.dataset.headName; }
  });

  // A double-click on a row opens its form (workspaces) or its detail (lists), as in the old program.
  document.addEventListener("dblclick", function (event) {
    var row = event.target.closest("tr[data-edit], tr[data-href]");
    if (!row) { return; }
    clearTimeout(pending);
    window.location.href = row.dataset.edit || row.dataset.href;
  });
}());
