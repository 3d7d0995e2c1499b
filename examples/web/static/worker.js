// The Web Worker that runs zorgcheck's WebAssembly program (examples/web), so that a
// large file does not freeze the page. The program answers the page's messages itself.
"use strict";
importScripts("wasm_exec.js");
const go = new Go();
WebAssembly.instantiateStreaming(fetch("zorgcheck.wasm"), go.importObject)
  .then(r => go.run(r.instance))
  .catch(e => postMessage({ type: "fatal", message: "the checker could not be loaded: " + e }));
