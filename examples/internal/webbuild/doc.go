// Package webbuild builds the static files of zorgcheck in the browser (examples/web):
// the page's own files (examples/web/static), the WebAssembly program built from this
// module for GOOS=js GOARCH=wasm, and the wasm_exec.js of the Go toolchain that builds it
// (they must match, so it is copied from $(go env GOROOT), not kept in the repository).
// It runs the go command, so it needs the Go toolchain and the module's source: run it
// from a clone (go run ./examples/web/build, zorgcheck serve).
package webbuild
