// Command build writes the static files of zorgcheck in the browser to a directory, for
// any web server (or zorgcheck serve -dir):
//
//	go run ./examples/web/build -o web-dist
//
// It builds examples/web for GOOS=js GOARCH=wasm and copies wasm_exec.js from the Go
// toolchain that built it. Run it from a clone of the module.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/zorgbericht/zorgbericht/examples/internal/webbuild"
)

func main() {
	out := flag.String("o", "web-dist", "the directory to write the files to")
	flag.Parse()
	if err := webbuild.Build(context.Background(), *out); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	for _, f := range webbuild.Files {
		if st, err := os.Stat(*out + "/" + f); err == nil {
			fmt.Printf("%s/%s\t%d bytes\n", *out, f, st.Size())
		}
	}
}
