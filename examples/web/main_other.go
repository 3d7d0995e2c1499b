//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main says how to build the program: it runs in the browser, built for GOOS=js
// GOARCH=wasm by go run ./examples/web/build.
func main() {
	fmt.Fprintln(os.Stderr, "examples/web runs in the browser: build the page with go run ./examples/web/build -o DIR (or run zorgcheck serve)")
	os.Exit(2)
}
