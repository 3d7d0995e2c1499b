package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: validatemz301 FILE...")
		os.Exit(2)
	}
	status := 0
	for _, name := range os.Args[1:] {
		valid, err := checkFile(context.Background(), name, os.Stdout)
		switch {
		case err != nil:
			fmt.Fprintln(os.Stderr, "validatemz301:", err)
			status = 2
		case !valid && status == 0:
			status = 1
		}
	}
	os.Exit(status)
}

func checkFile(ctx context.Context, name string, out io.Writer) (bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	return check(ctx, f, name, out)
}

// check validates the file in r against MZ301 1.3 and prints its findings (masked).
func check(ctx context.Context, r io.Reader, name string, out io.Writer) (bool, error) {
	reg, err := ei.NewRegistry(mz301v13.Standard())
	if err != nil {
		return false, err
	}
	rep, err := validate.File(ctx, r, validate.Options{Registry: reg})
	if err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(out, "%s: %s\n", name, f.Error())
	}
	verdict := "valid"
	if !rep.Valid() {
		verdict = "NOT valid"
	}
	fmt.Fprintf(out, "%s: %s, %d lines, %s\n", name, rep.Standard, rep.Lines, verdict)
	return rep.Valid(), nil
}
