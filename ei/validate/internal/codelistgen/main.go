package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "codelists", "directory to write the data files to")
	shared := flag.String("shared", "", "the shared reference directory (default: $ZORGBERICHT_SHARED or ../shared beside the repository)")
	flag.Parse()
	dir := *shared
	if dir == "" {
		dir = defaultShared()
	}
	if fi, err := os.Stat(filepath.Join(dir, "vektis", "codes")); err != nil || !fi.IsDir() {
		fmt.Fprintf(os.Stderr, "codelistgen: no code lists at %s: leaving %s as it is\n", dir, *out)
		return
	}
	files, err := Files(dir)
	if err == nil {
		err = Write(*out, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "codelistgen:", err)
		os.Exit(1)
	}
}

// defaultShared finds ../shared beside the repository (the directory holding go.mod).
func defaultShared() string {
	if d := os.Getenv("ZORGBERICHT_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared")
		} else if !errors.Is(err, os.ErrNotExist) || filepath.Dir(d) == d {
			return ""
		}
	}
}
