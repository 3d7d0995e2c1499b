package report

import "html/template"

// reportHTML is the page of zorgcheck report: one file, no external assets. The summary
// and the list of findings are HTML; the records are rendered a page at a time from the
// JSON in #data by the script at the end (a file of 100,000 records is 500 pages of 200).
const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zorgcheck report: {{.File}}</title>
<style>
html, body { height: 100%; overflow: hidden; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; display: flex; flex-direction: column; }
header, section { padding: 0.5em 1.5em; }
header { background: #fff; border-bottom: 1px solid #ddd; }
h1 { font-size: 1.3em; margin: 0.3em 0; }
h2 { font-size: 1.1em; margin: 0.8em 0 0.3em; }
.meta { color: #555; }
.verdict { font-weight: 600; }
.verdict.bad { color: #b00020; } .verdict.good { color: #1b7a1b; }
table.summary { border-collapse: collapse; margin: 0.3em 2em 0.3em 0; display: inline-table; vertical-align: top; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
table.summary td.err { color: #b00020; font-weight: 600; }
#findings { max-height: 22vh; overflow: auto; background: #fff; border: 1px solid #ddd; margin: 0; padding: 0.3em 0.3em 0.3em 2.5em; }
#findings li { margin: 1px 0; }
#findings a { color: #0b4f9c; text-decoration: none; }
#findings a:hover { text-decoration: underline; }
.lvl { display: inline-block; min-width: 2.2em; font-weight: 600; }
.warning .lvl, .finding.warning .lvl { color: #8a5a00; }
.error .lvl { color: #b00020; }
nav.pager { background: #eef2f7; border-bottom: 1px solid #ccd; padding: 0.4em 1.5em; z-index: 2; }
nav.pager button { font: inherit; }
#records { flex: 1; min-height: 0; overflow: auto; padding: 0.3em 1.5em 3em; }
.rec { font: 13px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre; }
.rec .ln { display: inline-block; width: 5em; color: #888; text-align: right; padding-right: 0.6em; }
.rec .code { display: inline-block; width: 2.5em; color: #555; }
.rec .f { border-left: 1px solid #b9c3d0; }
.rec .f:nth-child(even) { background: #eef3fa; }
.rec .f.bad { background: #ffd6d6; outline: 2px solid #d33; outline-offset: -1px; }
.rec .f.bad.warning { background: #fff0c2; outline-color: #c90; }
.rec.badline .text { background: #ffe9e9; color: #700; }
.rec.has { background: #fff6f6; }
.finding { margin: 0 0 0.4em 8.6em; padding: 2px 8px; border-left: 4px solid #d33; background: #fff; font-size: 13px; white-space: normal; }
.finding.warning { border-left-color: #c90; }
.finding.current { background: #fff3a8; box-shadow: 0 0 0 2px #e0b400; }
.problem { margin: 0 0 0.4em 8.6em; color: #700; font-size: 13px; }
.hint { color: #555; font-size: 12px; }
.rec { cursor: pointer; }
table.fields { border-collapse: collapse; margin: 0.2em 0 0.6em 8.6em; font-size: 12px; background: #fff; }
table.fields th, table.fields td { border: 1px solid #ccc; padding: 1px 6px; text-align: left; }
table.fields td.v { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre; }
table.fields tr.bad td { background: #ffd6d6; }
</style>
</head>
<body>
<header>
<h1>zorgcheck report: {{.File}}</h1>
<div class="meta">Standard {{.Standard}} · {{.Lines}} lines, {{.Records}} records{{if .BadLines}}, {{.BadLines}} lines that cannot be read as records{{end}}{{if .Masked}} · personal data masked{{else}} · <strong>personal data shown (unmasked)</strong>{{end}}</div>
{{if .StandardNote}}<div class="meta">Note: {{.StandardNote}}</div>{{end}}
{{if lt .RecordsShown .Lines}}<div class="meta" id="capped">The page holds {{.RecordsShown}} of the {{.Lines}} {{.Unit}}s: the first ones and every {{.Unit}} with a listed finding (the counts are of the whole file).</div>{{end}}
<p class="verdict {{if .Errors}}bad{{else}}good{{end}}" id="verdict">{{.Verdict}}{{if .Truncated}} (validation stopped at the finding limit: there may be more){{end}}</p>
<table class="summary" id="by-level">
<tr><th>{{.LevelHeading}}</th><th>Errors</th><th>Warnings</th></tr>
{{range .Levels}}<tr data-level="{{.Level}}"><td>{{.Level}}</td><td class="{{if .Errors}}err{{end}}">{{.Errors}}</td><td>{{.Warnings}}</td></tr>
{{end}}</table>
<table class="summary" id="by-type">
<tr><th>Record type</th><th>Records</th><th>Errors</th><th>Warnings</th></tr>
{{range .Types}}<tr data-type="{{.Code}}"><td>{{.Code}} {{.Name}}</td><td>{{.Records}}</td><td class="{{if .Errors}}err{{end}}">{{.Errors}}</td><td>{{.Warnings}}</td></tr>
{{end}}</table>
</header>
<section>
<h2>Findings ({{if gt .FindingsTotal (len .Findings)}}{{.FindingsTotal}}, the first {{len .Findings}} listed{{else}}{{len .Findings}}{{end}})</h2>
{{if .Unlisted}}<p class="meta" id="unlisted">Not all listed:{{range .Unlisted}} {{.Rule}} {{.Listed}} of {{.Total}};{{end}}</p>{{end}}
{{if .Findings}}<ol id="findings">
{{range .Findings}}<li class="{{.Severity}}"><a href="#{{.ID}}" data-rule="{{.Rule}}">{{if .Line}}{{$.Unit}} {{.Line}}{{else}}file{{end}}: <span class="lvl">{{.Level}}</span>{{.Where}}: {{.Message}} [{{.Rule}}{{if .Retourcode}}, retourcode {{.Retourcode}}{{end}}{{if eq .Severity "warning"}}, warning{{end}}]</a></li>
{{end}}</ol>{{else}}<p>No findings.</p>{{end}}
{{range .FileFindings}}<div class="finding {{.Severity}}" id="{{.ID}}"><span class="lvl">{{.Level}}</span> {{.Where}}: {{.Message}} [{{.Rule}}{{if .Retourcode}}, retourcode {{.Retourcode}}{{end}}]</div>
{{end}}
</section>
<nav class="pager" id="pager">
<button type="button" id="prev">&larr; previous</button>
<span id="pageinfo">records</span>
<button type="button" id="next">next &rarr;</button>
· go to line <input id="goto" type="number" min="1" size="7">
<button type="button" id="nextbad">next record with a finding &darr;</button>
<noscript>The records are shown by a script: allow scripts for this page to see them.</noscript>
</nav>
<div id="records"></div>
<script type="application/json" id="data">{{.Data}}</script>
<script>
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const PAGE = {{.PageSize}};
  const byLine = new Map();   // line -> findings
  const byID = new Map();     // finding id -> finding
  for (const f of D.findings) {
    byID.set(f.id, f);
    if (f.line > 0) { if (!byLine.has(f.line)) byLine.set(f.line, []); byLine.get(f.line).push(f); }
  }
  const index = new Map();    // line -> index in D.records
  D.records.forEach((r, i) => index.set(r[0], i));
  const badIdx = D.records.map((r, i) => byLine.has(r[0]) ? i : -1).filter(i => i >= 0);
  const box = document.getElementById("records");
  let page = -1;
  const pages = Math.max(1, Math.ceil(D.records.length / PAGE));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function findingBox(f) {
    const d = el("div", "finding " + f.severity);
    d.id = "box-" + f.id; // not the id itself: the browser would scroll to it on its own
    d.appendChild(el("span", "lvl", f.level));
    d.appendChild(document.createTextNode(" " + f.where + ": " + f.message + " [" + f.rule +
      (f.retour ? ", retourcode " + f.retour : "") + (f.severity === "warning" ? ", warning" : "") + "]"));
    return d;
  }
  function renderRecord(r) {
    const [line, code, text, problem] = r;
    const fs = byLine.get(line) || [];
    const row = el("div", "rec" + (code ? "" : " badline") + (fs.length ? " has" : ""));
    row.id = "L" + line;
    row.appendChild(el("span", "ln", String(line)));
    row.appendChild(el("span", "code", code || "??"));
    const layout = D.layouts[code];
    if (!layout) {
      row.appendChild(el("span", "text", text));
    } else {
      for (const [start, len, num, name] of layout) {
        const s = el("span", "f", text.substr(start - 1, len));
        s.title = num + " " + name + " (positions " + start + "-" + (start + len - 1) + ")";
        s.dataset.field = num;
        for (const f of fs) {
          if (f.start >= start && f.start < start + len) {
            s.classList.add("bad");
            if (f.severity === "warning" && !s.classList.contains("error")) s.classList.add("warning");
            if (f.severity !== "warning") { s.classList.remove("warning"); s.classList.add("error"); }
            s.dataset.finding = f.id;
            s.title += "\n" + f.rule + ": " + f.message;
          }
        }
        row.appendChild(s);
      }
    }
    row.onclick = () => toggleFields(row, r);
    const frag = document.createDocumentFragment();
    frag.appendChild(row);
    // The reason a line cannot be split, unless a finding at the line says it already.
    if (problem && !fs.length) frag.appendChild(el("div", "problem", "cannot be read as a record: " + problem));
    for (const f of fs) frag.appendChild(findingBox(f));
    return frag;
  }
  // toggleFields shows (or hides) the record's fields under it, one row each: number,
  // name, positions and value (as on the page: masked unless the page shows personal data).
  function toggleFields(row, r) {
    const next = row.nextElementSibling;
    if (next && next.classList.contains("fields")) { next.remove(); return; }
    const [line, code, text] = r;
    const layout = D.layouts[code];
    if (!layout) return;
    const fs = byLine.get(line) || [];
    const t = el("table", "fields");
    t.id = "fields-" + line;
    const h = el("tr");
    for (const c of ["field", "name", "positions", "value"]) h.appendChild(el("th", "", c));
    t.appendChild(h);
    for (const [start, len, num, name] of layout) {
      const tr = el("tr", fs.some(f => f.start >= start && f.start < start + len) ? "bad" : "");
      tr.dataset.field = num;
      tr.appendChild(el("td", "", num));
      tr.appendChild(el("td", "", name));
      tr.appendChild(el("td", "", start + "-" + (start + len - 1)));
      tr.appendChild(el("td", "v", text.substr(start - 1, len)));
      t.appendChild(tr);
    }
    row.after(t);
  }
  function show(p) {
    p = Math.min(Math.max(0, p), pages - 1);
    if (p === page) return;
    page = p;
    box.textContent = "";
    const frag = document.createDocumentFragment();
    const end = Math.min(D.records.length, (p + 1) * PAGE);
    for (let i = p * PAGE; i < end; i++) frag.appendChild(renderRecord(D.records[i]));
    box.appendChild(frag);
    const first = D.records.length ? D.records[p * PAGE][0] : 0;
    const last = D.records.length ? D.records[end - 1][0] : 0;
    document.getElementById("pageinfo").textContent =
      "page " + (p + 1) + " of " + pages + " (" + D.unit + "s " + first + "–" + last + " of " + D.records.length + ")";
    document.getElementById("prev").disabled = p === 0;
    document.getElementById("next").disabled = p === pages - 1;
  }
  // scrollTo scrolls the records so that node is near their top, and notes where it is
  // (data-scroll-y, data-target-top: pixels below the top of the records pane).
  function scrollTo(node) {
    box.scrollTop += node.getBoundingClientRect().top - box.getBoundingClientRect().top - 40;
    document.documentElement.dataset.scrollY = String(Math.round(box.scrollTop));
    document.documentElement.dataset.targetTop = String(Math.round(node.getBoundingClientRect().top - box.getBoundingClientRect().top));
  }
  function goLine(line) {
    let i = index.get(line);
    if (i === undefined) return false;
    show(Math.floor(i / PAGE));
    const row = document.getElementById("L" + line);
    if (row) scrollTo(row);
    return true;
  }
  function follow() {
    const id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".finding.current").forEach(e => e.classList.remove("current"));
    if (byID.has(id)) {
      const f = byID.get(id);
      if (f.line > 0 && index.has(f.line)) show(Math.floor(index.get(f.line) / PAGE));
      const node = document.getElementById("box-" + id) || document.getElementById(id);
      if (node) {
        node.classList.add("current");
        const row = document.getElementById("L" + f.line) || node;
        scrollTo(row);
        document.documentElement.dataset.current = id;
      }
      return;
    }
    const m = /^L(\d+)$/.exec(id);
    if (m) goLine(Number(m[1]));
  }
  document.getElementById("prev").onclick = () => { show(page - 1); box.scrollTop = 0; };
  document.getElementById("next").onclick = () => { show(page + 1); box.scrollTop = 0; };
  document.getElementById("goto").onchange = e => { goLine(Number(e.target.value)); };
  document.getElementById("nextbad").onclick = () => {
    const cur = page * PAGE;
    const top = box.getBoundingClientRect().top + 60;
    let target = badIdx.find(i => { const r = document.getElementById("L" + D.records[i][0]); return i >= cur && (!r || r.getBoundingClientRect().top > top); });
    if (target === undefined) target = badIdx[0];
    if (target !== undefined) goLine(D.records[target][0]);
  };
  window.addEventListener("hashchange", follow);
  show(0);
  if (location.hash) follow();
})();
</script>
</body>
</html>
`

var pageTemplate = template.Must(template.New("report").Parse(pageHTML))
