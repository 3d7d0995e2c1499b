package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
)

const reportArgs = "-o OUT.html|- [-force] [-today DATE] [-standard STANDARD@VERSION] [-max-records N] [-unmask] FILE"

// maxReportStdin is how much of standard input report keeps: the page is made in two
// passes over the file (validation, then the records), which a named file allows without
// keeping it; standard input is kept in memory for the second pass, up to this size.
const maxReportStdin = 64 << 20

// runReport validates a file and writes one self-contained HTML page (no network, no
// external assets) that shows the records with their field boundaries and every finding
// at its record and field, a summary at the top and a list linking to each finding.
// Personal data is masked as in dump unless -unmask. The rendering is the shared one of
// examples/internal/report (the web page renders with it too); memory stays bounded: the
// page holds the first -max-records records and every record with a listed finding.
func runReport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("report", reportArgs, stderr)
	outName := fs.String("o", "", "write the page to this file (- for standard output); required")
	force := forceFlag(fs)
	vf := addValidateFlags(fs)
	maxRecords := fs.Int("max-records", report.DefaultMaxRecords, "show at most this many records on the page, besides every record with a listed finding (all are counted)")
	unmask := maskFlag(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(pos))
	}
	if *outName == "" {
		return exitFailure, fmt.Errorf("%w: -o OUT is required (- for standard output)", errUsage)
	}
	if *maxRecords < 1 {
		return exitFailure, fmt.Errorf("%w: -max-records %d: want 1 or more", errUsage, *maxRecords)
	}
	opts, err := vf.options()
	if err != nil {
		return exitFailure, err
	}
	out, err := createOutput(*outName, pos, *force, stdout)
	if err != nil {
		return exitFailure, err
	}
	defer out.Abort()
	in, name, err := openInput(pos[0])
	if err != nil {
		return exitFailure, err
	}
	in.Close()
	var open report.Opener
	if pos[0] == "-" {
		chunks, err := readReportStdin(os.Stdin)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", name, err)
		}
		open = func() (io.ReadCloser, error) {
			rs := make([]io.Reader, len(chunks))
			for i, c := range chunks {
				rs[i] = bytes.NewReader(c)
			}
			return io.NopCloser(io.MultiReader(rs...)), nil
		}
	} else {
		open = func() (io.ReadCloser, error) {
			f, _, err := openInput(pos[0])
			return f, err
		}
	}
	var size int64
	if st, err := os.Stat(pos[0]); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	p := newProgress(stderr, name, size, true)
	var seen int64
	page, err := report.Build(context.Background(), name, open, report.Options{
		Validate: opts, Unmask: *unmask, MaxRecords: *maxRecords, FlagHints: true,
		Progress: func(pass int, read int64) {
			if pass == 1 {
				p.add(read-seen, 0)
				seen = read
			}
		},
	})
	p.done()
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	// The page may hold personal data (-unmask, or a record it cannot tell apart): the
	// output helper writes it for its owner only (0600), through a temporary file.
	bw := bufio.NewWriter(out)
	if err := page.WriteHTML(bw); err != nil {
		return exitFailure, err
	}
	if err := bw.Flush(); err != nil {
		return exitFailure, err
	}
	if err := out.Commit(); err != nil {
		return exitFailure, err
	}
	if *outName != "-" {
		fmt.Fprintf(stdout, "%s: wrote %s: %s\n", name, *outName, page.Summary())
	}
	if page.Errors > 0 {
		return exitFindings, nil
	}
	return exitOK, nil
}

// readReportStdin keeps standard input for the two passes of the report, in chunks (no
// doubling buffer), up to maxReportStdin. It stops early at a line longer than an EI
// line can be (/dev/zero, a file without line breaks).
func readReportStdin(r io.Reader) ([][]byte, error) {
	var chunks [][]byte
	total, line, sinceBreak := 0, 1, 0
	for {
		buf := make([]byte, 1<<20)
		n, err := io.ReadFull(r, buf)
		buf = buf[:n]
		for _, c := range buf {
			if c == '\n' {
				line++
				sinceBreak = 0
				continue
			}
			if sinceBreak++; sinceBreak > ei.MaxLineLength+1 {
				return nil, fmt.Errorf("line %d: longer than %d bytes: this is not an EI file, or it has no line breaks", line, ei.MaxLineLength)
			}
		}
		total += n
		if total > maxReportStdin {
			return nil, fmt.Errorf("more than %d MiB: report keeps standard input in memory up to %d MiB; give a larger file by its name (it is then read twice, not kept)", maxReportStdin>>20, maxReportStdin>>20)
		}
		if n > 0 {
			chunks = append(chunks, buf)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return chunks, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
