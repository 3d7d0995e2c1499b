package main

import (
	"errors"
	"fmt"
	"io"
)

const reportArgs = "[-o report.html] [-today DATE] [-standard STANDARD@VERSION] [-unmask] FILE"

func runReport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("report", reportArgs, stderr)
	fs.String("o", "report.html", "write the page to this file (- for standard output)")
	addValidateFlags(fs)
	maskFlag(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(pos))
	}
	in, _, err := openInput(pos[0])
	if err != nil {
		return exitFailure, err
	}
	in.Close()
	return exitFailure, errors.New("not available yet")
}
