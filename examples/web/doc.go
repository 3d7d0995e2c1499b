// Command web is zorgcheck in the browser: built for GOOS=js GOARCH=wasm, it runs in a
// Web Worker of the page in static/ and validates the files a person drops on the page,
// on that person's machine: no byte of a file leaves it. It renders with the shared
// rendering of `zorgcheck report` (examples/internal/report).
//
// Build the static files (README, "zorgcheck in the browser"):
//
//	go run ./examples/web/build -o web-dist
//
// and serve them with any web server, or run `zorgcheck serve`.
package main
