//go:build integration

package main

import (
	"strings"
	"testing"
)

// Several files are checked concurrently and reported in the order given, and the
// findings do not depend on -workers.
func TestValidateManyFilesInOrder(t *testing.T) {
	broken := brokenFile(t)
	names := []string{broken, "../../ei/testdata/gz321-synthetic.txt", broken, "../../ei/testdata/mz301-synthetic.txt", "testdata/pm304-synthetic.txt", broken}
	first := map[bool]string{}
	for _, workers := range []string{"1", "-1", "3"} {
		for _, json := range []bool{false, true} {
			args := []string{"validate", "-today", "2026-01-01", "-workers", workers}
			if json {
				args = append(args, "-json")
			}
			code, out, errOut := runTool(t, append(args, names...)...)
			if code != exitFindings || errOut != "" {
				t.Fatalf("%q: exit %d, stderr %q", args, code, errOut)
			}
			// The files come out in argument order.
			at := 0
			for _, name := range names {
				i := strings.Index(out[at:], name)
				if i < 0 {
					t.Fatalf("%q: %s not reported after position %d:\n%s", args, name, at, out)
				}
				at += i + len(name)
			}
			if first[json] == "" {
				first[json] = out
			} else if out != first[json] {
				t.Errorf("-workers %s (json %v) gives other output than -workers 1:\n%s\nwant:\n%s", workers, json, out, first[json])
			}
		}
	}
	if code, _, _ := runTool(t, "validate", "-workers", "0", broken); code != exitFailure {
		t.Errorf("-workers 0: exit %d, want %d", code, exitFailure)
	}
}
