// The local page: the workbook's tabs as tables, the real sidebar in a 300 px iframe beside them. Cells are
// written with textContent only, so nothing from the sheet is ever parsed as HTML. The tables reload after
// every sidebar call (the shim posts a message), and selectCell jumps to the cell like Sheets would.

const PAGE_CSS = `
*{box-sizing:border-box}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
html,body{margin:0;height:100%}
body{font:13px Roboto,Arial,sans-serif;color:#202124;display:flex;flex-direction:column}
header{display:flex;align-items:center;gap:12px;padding:8px 12px;border-bottom:1px solid #dadce0;background:#f8f9fa}
header h1{font-size:16px;font-weight:500;margin:0;white-space:nowrap}
header h1 span{color:#188038}
#search{flex:0 1 260px;padding:5px 8px;border:1px solid #dadce0;border-radius:4px;font:inherit}
#status{color:#5f6368;font-size:12px;margin-left:auto;white-space:nowrap}
.layout{flex:1;display:flex;min-height:0}
.sheet{flex:1;display:flex;flex-direction:column;min-width:0}
.grid{flex:1;overflow:auto}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #e2e3e3;padding:2px 6px;white-space:nowrap;max-width:280px;overflow:hidden;text-overflow:ellipsis}
thead th{position:sticky;top:0;background:#f1f3f4;font-weight:500;z-index:1}
td.rn,th.rn{position:sticky;left:0;background:#f8f9fa;color:#5f6368;text-align:right;z-index:2}
thead th.rn{z-index:3}
td.n{text-align:right}
tr.sel td{background:#e8f0fe}
td.selcell{outline:2px solid #1a73e8;outline-offset:-2px}
.more{padding:6px 12px;color:#5f6368;font-size:12px;border-top:1px solid #dadce0;display:flex;gap:8px;align-items:center}
.more button,header button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid #dadce0;border-radius:4px;background:#fff;cursor:pointer}
nav.tabs{display:flex;gap:2px;padding:0 8px;border-top:1px solid #dadce0;background:#f8f9fa;overflow-x:auto}
nav.tabs button{font:inherit;padding:6px 14px;border:none;border-bottom:3px solid transparent;background:none;cursor:pointer;white-space:nowrap;color:#3c4043}
nav.tabs button[aria-selected=true]{border-bottom-color:#188038;color:#188038;font-weight:500;background:#fff}
aside{width:301px;flex:none;border-left:1px solid #dadce0;display:flex;flex-direction:column}
aside .title{padding:10px 12px;font-size:14px;font-weight:500;border-bottom:1px solid #dadce0}
#sidebar{width:300px;flex:1;border:0}
`;

const PAGE_JS = String.raw`(function () {
  "use strict";
  var LIMIT = 500;
  var state = { tabs: [], active: null, values: [], offset: 0, query: "", sel: null };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function show(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)) return v.replace(/\.\d+Z$|Z$/, "Z").replace("T", " ");
    return String(v);
  }
  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }
  function renderTabs() {
    var nav = $("tabs");
    nav.textContent = "";
    state.tabs.forEach(function (t) {
      var b = el("button", "", t.name);
      b.type = "button";
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(t.name === state.active));
      b.title = t.rows + " rows";
      b.addEventListener("click", function () { open(t.name, null); });
      nav.appendChild(b);
    });
  }
  function matches(row, q) {
    for (var i = 0; i < row.length; i++) if (show(row[i]).toLowerCase().indexOf(q) >= 0) return true;
    return false;
  }
  function renderTable() {
    var grid = $("grid");
    var values = state.values;
    var header = values[0] || [];
    var q = state.query.trim().toLowerCase();
    var rows = [];
    for (var r = 1; r < values.length; r++) if (!q || matches(values[r], q)) rows.push(r);
    var start = q ? 0 : Math.min(state.offset, Math.max(0, rows.length - 1));
    var shown = rows.slice(start, start + LIMIT);
    var table = el("table");
    table.setAttribute("aria-label", state.active || "");
    var thead = el("thead"), htr = el("tr");
    htr.appendChild(el("th", "rn", "1"));
    header.forEach(function (h) { var th = el("th", "", show(h)); th.scope = "col"; htr.appendChild(th); });
    thead.appendChild(htr);
    table.appendChild(thead);
    var tbody = el("tbody");
    var selCol = state.sel ? header.map(String).indexOf(state.sel.column) : -1;
    var selRow = null;
    shown.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.row = String(r + 1);
      tr.appendChild(el("td", "rn", String(r + 1)));
      var row = values[r];
      for (var c = 0; c < Math.max(header.length, row.length); c++) {
        var v = row[c];
        var td = el("td", typeof v === "number" ? "n" : "", show(v));
        td.title = show(v);
        if (state.sel && state.sel.row === r + 1 && c === selCol) td.className += " selcell";
        tr.appendChild(td);
      }
      if (state.sel && state.sel.row === r + 1) { tr.className = "sel"; selRow = tr; }
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    grid.textContent = "";
    grid.appendChild(table);
    var total = values.length ? values.length - 1 : 0;
    var info = $("more-info");
    info.textContent = shown.length
      ? "Rows " + (shown[0] + 1) + "–" + (shown[shown.length - 1] + 1) + " · showing " + shown.length + " of " + rows.length + (q ? " matching" : "") + " (" + total + " data rows)"
      : (q ? "No row matches." : "No data rows.");
    $("prev").disabled = q !== "" || start === 0;
    $("next").disabled = q !== "" || start + LIMIT >= rows.length;
    if (selRow) selRow.scrollIntoView({ block: "center" });
  }
  function open(name, sel) {
    state.active = name;
    state.sel = sel;
    state.offset = sel && sel.row > 1 ? Math.max(0, Math.floor((sel.row - 2) / LIMIT) * LIMIT) : 0;
    if (sel) { state.query = ""; $("search").value = ""; }
    renderTabs();
    return loadActive();
  }
  function loadActive() {
    if (!state.active) return Promise.resolve();
    return getJson("/api/tabs?tab=" + encodeURIComponent(state.active)).then(function (t) {
      state.values = t.values;
      renderTable();
    });
  }
  function refresh() {
    $("status").textContent = "Refreshing…";
    return getJson("/api/tabs?summary=1").then(function (tabs) {
      state.tabs = tabs;
      var names = tabs.map(function (t) { return t.name; });
      if (names.indexOf(state.active) < 0) state.active = names[0] || null;
      renderTabs();
      return loadActive();
    }).then(function () {
      $("status").textContent = "Updated " + new Date().toLocaleTimeString();
    }, function (e) {
      $("status").textContent = "Could not load the workbook: " + e.message;
    });
  }
  window.addEventListener("message", function (ev) {
    if (ev.origin !== location.origin || ev.source !== $("sidebar").contentWindow) return;
    var m = ev.data || {};
    if (m.type !== "leadscore:rpc" || !m.ok) return;
    if (m.name === "selectCell" && m.args && typeof m.args[0] === "string") {
      refresh().then(function () { open(m.args[0], { row: Number(m.args[1]) || 0, column: String(m.args[2] || "") }); });
    } else {
      refresh();
    }
  });
  $("search").addEventListener("input", function () { state.query = this.value; state.offset = 0; renderTable(); });
  $("prev").addEventListener("click", function () { state.offset = Math.max(0, state.offset - LIMIT); renderTable(); });
  $("next").addEventListener("click", function () { state.offset += LIMIT; renderTable(); });
  $("refresh").addEventListener("click", refresh);
  refresh();
})();`;

export function pageHtml(title: string): string {
  // `title` is ours (not from the sheet) but escape it anyway: this string is HTML.
  const safe = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${safe}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
  <h1><span>▦</span> ${safe}</h1>
  <label for="search" class="sr">Search rows</label>
  <input id="search" type="search" placeholder="Search this tab" autocomplete="off">
  <button id="refresh" type="button">Refresh</button>
  <span id="status" role="status"></span>
</header>
<div class="layout">
  <main class="sheet">
    <div id="grid" class="grid"></div>
    <div class="more"><span id="more-info"></span><button id="prev" type="button">Previous ${500}</button><button id="next" type="button">Next ${500}</button></div>
    <nav id="tabs" class="tabs" role="tablist" aria-label="Workbook tabs"></nav>
  </main>
  <aside>
    <div class="title">Leadscore</div>
    <iframe id="sidebar" src="/sidebar" title="Leadscore sidebar"></iframe>
  </aside>
</div>
<script>${PAGE_JS}</script>
</body>
</html>`;
}
