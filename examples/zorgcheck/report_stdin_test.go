//go:build integration

package main

import (
	"io"
	"strings"
	"testing"
)

// endless repeats a pattern for ever, as /dev/zero and yes do.
type endless struct {
	pattern string
	off     int
}

func (e *endless) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = e.pattern[e.off%len(e.pattern)]
		e.off++
	}
	return len(b), nil
}

// report reads standard input for its two passes, and stops early where it cannot:
// at a line no EI file has (/dev/zero), or beyond maxReportStdin.
func TestReportStdinBounded(t *testing.T) {
	_, err := readReportStdin(&endless{pattern: "\x00"})
	if err == nil || err.Error() != "line 1: longer than 4096 bytes: this is not an EI file, or it has no line breaks" {
		t.Errorf("/dev/zero: %v", err)
	}
	if testing.Short() {
		return
	}
	_, err = readReportStdin(&endless{pattern: "a\n"})
	if err == nil || !strings.HasPrefix(err.Error(), "more than 64 MiB: report keeps standard input in memory up to 64 MiB") {
		t.Errorf("endless lines: %v", err)
	}
	chunks, err := readReportStdin(io.LimitReader(&endless{pattern: "a\n"}, 3<<20+5))
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	if err != nil || n != 3<<20+5 {
		t.Errorf("3 MiB: %d bytes kept, %v", n, err)
	}
}
