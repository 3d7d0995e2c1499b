package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// runVersion prints the module version of zorgcheck and how it was built: "zorgcheck
// v1.2.0 (go1.26.8, commit 1234abcd 2026-12-01T10:00:00Z)". A binary built from a
// checkout says "(devel)" and the commit, when Go recorded it.
func runVersion(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("version", "", stderr)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 0 {
		return exitFailure, fmt.Errorf("%w: version takes no arguments", errUsage)
	}
	_, err = fmt.Fprintln(stdout, versionLine())
	return exitOK, err
}

func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "zorgcheck (no build information)"
	}
	return formatVersion(info)
}

// formatVersion writes the version line of a binary built as info says.
func formatVersion(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	details := []string{info.GoVersion}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		commit := "commit " + rev[:min(12, len(rev))]
		if when != "" {
			commit += " " + when
		}
		details = append(details, commit+modified)
	}
	return fmt.Sprintf("zorgcheck %s (%s)", v, strings.Join(details, ", "))
}
