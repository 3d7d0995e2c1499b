// The page of zorgcheck in the browser: hands the chosen files to the worker that runs the
// checker (worker.js) and shows what it answers: per file the report page of
// `zorgcheck report` (the same rendering), for a return and its declaration the outcome.
// The state of the page is on <html data-state>: loading, ready, working, done, failed.
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const root = document.documentElement;
  const status = $("status"), bar = $("bar"), results = $("results"), show = $("show");
  let files = [], id = 0, names = [], sentAt = 0;
  const worker = new Worker("worker.js");

  function say(text, error) {
    status.textContent = text;
    status.className = error ? "error" : "";
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function mb(n) { return (n / 1e6).toFixed(1) + " MB"; }

  function run() {
    if (!files.length || root.dataset.state === "loading") return;
    id++;
    names = files.map(f => f.name);
    root.dataset.state = "working";
    results.textContent = "";
    bar.hidden = false;
    bar.removeAttribute("value");
    say("Checking " + names.join(" and ") + "…");
    sentAt = performance.now();
    worker.postMessage({ id: id, files: files, unmask: show.checked });
  }
  function choose(list) {
    files = Array.from(list);
    show.checked = false; // personal data is shown only on request, per file, never remembered
    run();
  }

  worker.onmessage = e => {
    const m = e.data;
    switch (m.type) {
    case "ready":
      root.dataset.state = "ready";
      say("Ready: choose or drop a file.");
      run();
      return;
    case "fatal":
      root.dataset.state = "failed";
      say(m.message, true);
      return;
    case "progress":
      if (m.id !== id) return;
      bar.max = m.size || 1;
      bar.value = m.read;
      say(names[m.file] + ": " + (m.pass === 1 ? "validating" : "reading the records") + ", " + mb(m.read) + " of " + mb(m.size));
      return;
    case "result":
      if (m.id !== id) return;
      bar.hidden = true;
      // Timings: ms is the worker's (validation and rendering), answerMs from choosing
      // the file to the answer, shownMs to the reports shown (data-shown-ms, set when the
      // frames have loaded).
      root.dataset.answerMs = String(Math.round(performance.now() - sentAt));
      render(m);
      root.dataset.ms = String(m.ms);
      root.dataset.state = "done";
      say("Checked in " + (m.ms / 1000).toFixed(1) + " s, on this machine.");
    }
  };
  worker.onerror = e => { root.dataset.state = "failed"; say("The checker stopped: " + e.message, true); };

  function render(m) {
    results.textContent = "";
    m.results.forEach((r, i) => results.appendChild(section(r, i, "report")));
    if (m.outcome) results.appendChild(section(m.outcome, "outcome", "outcome"));
  }
  function section(r, i, cls) {
    const s = el("section", "file");
    s.id = "file-" + i;
    s.dataset.kind = r.kind;
    s.appendChild(el("h2", "", cls === "outcome" ? "Outcome per prestatie: " + r.name :
      r.name + (r.standard ? " — " + r.standard : "")));
    if (r.kind === "unknown" || r.kind === "error") {
      s.appendChild(el("p", "unknown", (r.kind === "unknown" ? "Not a known format: " : "Could not be read: ") + r.message));
      return s;
    }
    s.appendChild(el("p", "verdict " + (r.errors || /not a valid|rejected|failed/i.test(r.verdict) ? "bad" : "good"), r.verdict));
    const f = el("iframe", cls);
    f.title = (cls === "outcome" ? "outcome of " : "report of ") + r.name;
    f.onload = () => { f.dataset.loaded = "true"; root.dataset.shownMs = String(Math.round(performance.now() - sentAt)); };
    f.srcdoc = r.html;
    s.appendChild(f);
    return s;
  }

  $("file").onchange = e => choose(e.target.files);
  show.onchange = run;
  const drop = $("drop");
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); choose(e.dataTransfer.files); });
  // Dropped outside the box: still the page's, not the browser's (which would open the file).
  window.addEventListener("dragover", e => e.preventDefault());
  window.addEventListener("drop", e => { e.preventDefault(); if (e.dataTransfer.files.length) choose(e.dataTransfer.files); });

  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
})();
