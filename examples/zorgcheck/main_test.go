//go:build integration

package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every error is one line on stderr with exit status 2 and nothing on stdout: wrong
// usage and input that cannot be read, for every command.
func TestErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"help", "dump", "validate"},
		{"dump"},
		{"dump", "-x", "f"},
		{"dump", "testdata/does-not-exist.txt"},
		{"dump", dir},
		{"dump", "-standard", "XX999@1.0", synthetic},
		{"describe", "XX999@1.0"},
		{"describe", "-nope"},
		{"validate"},
		{"validate", "-today", "gisteren", "f"},
		{"validate", "-levels", "N7", "f"},
		{"validate", "-max", "-3", "f"},
		{"validate", "-disable", "not a rule", "f"},
		{"validate", "-warn", "N9-NOPE", "f"},
		{"report", "-disable", "N9-NOPE", synthetic},
		{"validate", "testdata/does-not-exist.txt"},
		{"validate", dir},
		{"report"},
		{"report", "testdata/does-not-exist.txt"},
		{"report", "a", "b"},
		{"version", "extra"},
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

// -h, -help, --help and help COMMAND print the usage on standard output and exit 0.
func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		code, out, errOut := runTool(t, args...)
		if code != exitOK || errOut != "" || out != usageText() {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want the usage on stdout and exit 0", args, code, errOut, out)
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {"help", c.name}} {
			code, out, errOut := runTool(t, args...)
			if code != exitOK || errOut != "" || !strings.HasPrefix(out, "usage: zorgcheck "+c.name) || !strings.Contains(out, exitTable) {
				t.Errorf("%q: exit %d, stderr %q, stdout %q; want the command's usage and the exit table on stdout, exit 0", args, code, errOut, out)
			}
		}
	}
}

// The usage names every command, says that - is standard input and has the exit table.
func TestUsageText(t *testing.T) {
	u := usageText()
	for _, c := range commands() {
		if !strings.Contains(u, "zorgcheck "+c.name) {
			t.Errorf("usage does not name %s", c.name)
		}
	}
	for _, want := range []string{"FILE - reads standard input", "0  all is well", "1  findings", "2  wrong usage"} {
		if !strings.Contains(u, want) {
			t.Errorf("usage has no %q", want)
		}
	}
}

// The README shows the same usage as -h and the go install line.
func TestREADMEShowsUsage(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	notes := string(data)
	if !strings.Contains(notes, usageText()) {
		t.Errorf("README.md does not hold the text of zorgcheck -h:\n%s", usageText())
	}
	if !strings.Contains(notes, "go install github.com/zorgbericht/zorgbericht/examples/zorgcheck@latest") {
		t.Error("README.md has no go install line")
	}
}

func TestVersion(t *testing.T) {
	re := regexp.MustCompile(`^zorgcheck \S+ \(go\d+\.\d+[^)]*\)\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		code, out, errOut := runTool(t, args...)
		if code != exitOK || errOut != "" || !re.MatchString(out) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want one version line", args, code, out, errOut)
		}
	}
}

// Control characters in what a user typed are escaped in the error line.
func TestErrorLineEscaped(t *testing.T) {
	_, _, errOut := runTool(t, "fr\x1b[31mob")
	if strings.Contains(errOut, "\x1b") || !strings.Contains(errOut, `\x1b[31m`) {
		t.Errorf("stderr %q: want the escape character written as \\x1b", errOut)
	}
}
