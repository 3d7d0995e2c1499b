// The service worker keeps the page's own files, so that the page opens offline once it
// has been loaded. It fetches nothing but them, from the page's own origin.
"use strict";
const CACHE = "zorgcheck-web-v1";
const FILES = ["./", "index.html", "app.js", "worker.js", "wasm_exec.js", "zorgcheck.wasm"];
self.addEventListener("install", e => e.waitUntil(caches.open(CACHE).then(c => c.addAll(FILES))));
self.addEventListener("fetch", e => {
  if (new URL(e.request.url).origin !== location.origin) return;
  // The network first (a new build), the kept copy when offline.
  e.respondWith(fetch(e.request).then(r => {
    const copy = r.clone();
    if (r.ok) caches.open(CACHE).then(c => c.put(e.request, copy));
    return r;
  }).catch(() => caches.match(e.request)));
});
