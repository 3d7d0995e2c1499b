// Package static holds the files of the web page of zorgcheck (examples/web) other than
// the ones the build makes: the page, its script, the worker that runs the WebAssembly
// program and the service worker that keeps the page working offline. The build
// (examples/internal/webbuild) adds zorgcheck.wasm and Go's wasm_exec.js.
package static

import "embed"

// Files are index.html, app.js, worker.js and sw.js.
//
//go:embed index.html app.js worker.js sw.js
var Files embed.FS
