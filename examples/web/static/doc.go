// Package static holds the files of the web page of zorgcheck (examples/web) other than
// the ones the build makes: the page, its script, the worker that runs the WebAssembly
// program and the service worker that keeps the page working offline. The build
// (examples/internal/webbuild) adds zorgcheck.wasm and Go's wasm_exec.js.
package static
