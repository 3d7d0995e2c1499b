package main

import (
	"strings"
	"testing"
)

// Every error is one line on stderr with a non-zero exit status.
func TestErrorsAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"dump"},
		{"dump", "-x", "f"},
		{"dump", "testdata/does-not-exist.txt"},
		{"describe", "XX999@1.0"},
		{"validate"},
		{"validate", "-today", "gisteren", "f"},
		{"validate", "testdata/does-not-exist.txt"},
	} {
		code, out, errOut := runTool(t, args...)
		if code != exitFailure || out != "" {
			t.Errorf("%q: exit %d, stdout %q; want exit %d and nothing on stdout", args, code, out, exitFailure)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "zorgcheck") {
			t.Errorf("%q: stderr %q; want one line starting with zorgcheck", args, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"dump", "-h"}, {"validate", "-h"}, {"describe", "-h"}} {
		code, _, errOut := runTool(t, args...)
		if code != exitOK || !strings.Contains(errOut, "usage") && !strings.Contains(errOut, "Usage") {
			t.Errorf("%q: exit %d, stderr %q; want usage and exit 0", args, code, errOut)
		}
	}
}
