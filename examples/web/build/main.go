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
