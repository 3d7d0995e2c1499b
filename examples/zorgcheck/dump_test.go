package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/pm304-synthetic.txt is a PM304 3.2 file of made-up data (LF, Latin-1).
const synthetic = "testdata/pm304-synthetic.txt"

func TestDumpGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"dump-pm304.txt", []string{"dump", synthetic}},
		{"dump-pm304.jsonl", []string{"dump", "-json", synthetic}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errOut := runTool(t, tc.args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}

func TestDumpJSONLines(t *testing.T) {
	_, out, _ := runTool(t, "dump", "-json", synthetic)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{"01", "02", "04", "98", "99"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		var rec dumpRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if rec.Line != i+1 || rec.Record != want[i] || rec.Fields[want[i]+"01"] != want[i] {
			t.Errorf("line %d: %+v", i+1, rec)
		}
	}
	var rec dumpRecord
	_ = json.Unmarshal([]byte(lines[3]), &rec)
	if got := rec.Fields["9804"]; got != "Behandeling in de praktijk; café <ruimte> & co" {
		t.Errorf("9804 = %q: want the Latin-1 text in UTF-8, trailing spaces trimmed", got)
	}
	_ = json.Unmarshal([]byte(lines[4]), &rec)
	if got := rec.Fields["9907"]; got != "00000003850" {
		t.Errorf("9907 = %q: want the N field's digits as they are", got)
	}
}

func TestDumpErrors(t *testing.T) {
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	short := write("short.txt", lines[0]+lines[1]+lines[2][:100]+"\n")
	unknownRecord := write("record.txt", lines[0]+"05"+lines[1][2:])
	unknownStd := write("std.txt", "01999"+lines[0][5:])
	empty := write("empty.txt", "")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"dump", filepath.Join(dir, "nope.txt")}, "no such file"},
		{"short record", []string{"dump", short}, "short.txt: line 3: record 04: wrong record length: want 310 positions, have 100"},
		{"unknown record type", []string{"dump", "-json", unknownRecord}, `line 2: record 05 position 1: wrong or unknown record type: PM304@3.2 has no record type "05"`},
		{"unknown standard", []string{"dump", unknownStd}, "line 1: unknown EI standard or version: EI code 999 version 03 subversion 02"},
		{"empty file", []string{"dump", empty}, "empty.txt: the file is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runTool(t, tc.args...)
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			oneLine(t, errOut, tc.want)
		})
	}
	code, _, errOut := runTool(t, "dump")
	if code != exitFailure || !strings.Contains(errOut, "want one FILE") || !strings.Contains(errOut, "usage: zorgcheck dump") {
		t.Errorf("dump without FILE: exit %d, stderr %q", code, errOut)
	}
}
