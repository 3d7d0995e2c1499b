// Command build writes the static files of zorgcheck in the browser to a directory, for
// any web server (or zorgcheck serve -dir):
//
//	go run ./examples/web/build -o web-dist
//
// It builds examples/web for GOOS=js GOARCH=wasm and copies wasm_exec.js from the Go
// toolchain that built it. Run it from a clone of the module.
package main
