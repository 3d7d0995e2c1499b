//go:build integration

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// testdata/pm304-synthetic.txt is a PM304 3.2 file of made-up data (LF, Latin-1).
const synthetic = "testdata/pm304-synthetic.txt"

func TestDumpGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"dump-pm304.txt", []string{"dump", synthetic}},
		{"dump-pm304-unmasked.txt", []string{"dump", "-unmask", synthetic}},
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
	_, out, _ := runTool(t, "dump", "-json", "-unmask", synthetic)
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

// Personal data is masked by default: the values of the synthetic file's 02 record
// (BSN 100000009, born 19700517, Testpersoon, 1234AB 7) do not appear, their masks do.
func TestDumpMasksPersonalData(t *testing.T) {
	for _, args := range [][]string{{"dump", synthetic}, {"dump", "-json", synthetic}} {
		_, out, _ := runTool(t, args...)
		for _, secret := range []string{"100000009", "19700517", "Testpersoon", "1234AB", "00007"} {
			if strings.Contains(out, secret) {
				t.Errorf("%q shows %q", args, secret)
			}
		}
		for _, mask := range []string{"******009", "1970-**-**", "T**********", "1*****"} {
			if !strings.Contains(out, mask) {
				t.Errorf("%q does not show the mask %q", args, mask)
			}
		}
	}
}

// syntheticLines returns the lines of the synthetic file, each with its line break.
func syntheticLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(data), "\n")
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dump shows every line it can; a line it cannot split is shown raw with the reason,
// it goes on, and the exit status is 1.
func TestDumpTolerant(t *testing.T) {
	lines := syntheticLines(t)
	all := strings.Join(lines, "")
	for _, tc := range []struct {
		name, content string
		args          []string
		stdout        []string // each must be in the output
		stderr        string
	}{
		{"short record", lines[0] + lines[1] + lines[2][:100] + "\n" + strings.Join(lines[3:], ""), nil,
			[]string{"line 3: cannot be read as a record: the record has 100 positions; records of PM304@3.2 have 310", "line 4: record 98", "line 5: record 99"},
			"1 of 5 lines cannot be read as records"},
		{"unknown record type", lines[0] + "05" + lines[1][2:] + strings.Join(lines[2:], ""), []string{"-json"},
			[]string{`{"line":2,"record":"05","error":"record type \"05\" does not exist in PM304@3.2","raw":"05*********************`, `{"line":3,"record":"04"`},
			"1 of 5 lines"},
		{"blank line", all + "\n", nil, []string{"line 6: cannot be read as a record: line break without a record (empty line)"}, "1 of 6 lines"},
		{"UTF-8 character", lines[0] + lines[1][:60] + "ü" + lines[1][61:] + strings.Join(lines[2:], ""), nil,
			[]string{`line 2: cannot be read as a record: the record has 311 positions; records of PM304@3.2 have 310: the record holds a multi-byte UTF-8 character (\u00fc "ü" at position 61): EI files are Latin-1; in Latin-1 the record would have the right length`},
			"1 of 5 lines"},
		{"byte-order mark", "\ufeff" + all, nil,
			[]string{`line 1: cannot be read as a record: the record has 313 positions; records of PM304@3.2 have 310: the file starts with a UTF-8 byte-order mark (\ufeff): EI files have none`,
				`raw: "\ufeff` + lines[0][:9] + `***`, "line 2: record 02"},
			"1 of 5 lines"},
		{"escape character", lines[0] + lines[1] + "\x1b[" + lines[2][2:] + strings.Join(lines[3:], ""), nil,
			[]string{`line 3: cannot be read as a record: record type "\x1b[" does not exist in PM304@3.2: the record holds an escape character (\x1b) at position 1`, `raw: "\x1b[`},
			"1 of 5 lines"},
		{"unknown standard", "01999" + lines[0][5:], nil,
			[]string{"line 1: cannot be read as a record: no layout to read it with: unknown EI standard or version: EI code 999 version 03 subversion 02 (-standard chooses the layout to read it with)"},
			"1 of 1 lines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := writeTemp(t, "f.txt", tc.content)
			code, out, errOut := runTool(t, append(append([]string{"dump"}, tc.args...), name)...)
			if code != exitFindings {
				t.Errorf("exit %d, want %d", code, exitFindings)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout has no %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "\x1b") || strings.Contains(out, "\ufeff") {
				t.Errorf("stdout holds a raw control character or byte-order mark")
			}
			wantOneLine(t, errOut, tc.stderr)
		})
	}
}

// A file whose 01 record names a version zorgcheck does not know is shown with the
// newest layout of its EI code and record length, saying so; -standard picks one.
func TestDumpWrongVersion(t *testing.T) {
	lines := syntheticLines(t)
	name := writeTemp(t, "v.txt", lines[0][:5]+"09"+lines[0][7:]+strings.Join(lines[1:], ""))
	code, out, errOut := runTool(t, "dump", name)
	if code != exitOK || errOut != "" {
		t.Errorf("exit %d, stderr %q; want 0", code, errOut)
	}
	if !strings.Contains(out, "note: the 01 record names EI code 107 version 09 subversion 02, which zorgcheck does not know: shown with the layout of PM304@3.2") ||
		!strings.Contains(out, "line 5: record 99") {
		t.Errorf("stdout:\n%s", out)
	}
	code, out, _ = runTool(t, "dump", "-standard", "PM304@3.2", name)
	if code != exitOK || strings.Contains(out, "note:") || !strings.HasPrefix(out, "PM304 3.2") {
		t.Errorf("-standard: exit %d, stdout:\n%s", code, out)
	}
}

func TestDumpErrors(t *testing.T) {
	dir := t.TempDir()
	empty := writeTemp(t, "empty.txt", "")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing file", []string{"dump", filepath.Join(dir, "nope.txt")}, exitFailure, "nope.txt: no such file"},
		{"directory", []string{"dump", dir}, exitFailure, "is a directory, not a file"},
		{"empty file", []string{"dump", empty}, exitFindings, "empty.txt: the file is empty"},
		{"no FILE", []string{"dump"}, exitFailure, "want one FILE (- for standard input), have 0 arguments (usage: zorgcheck dump"},
		{"unknown -standard", []string{"dump", "-standard", "XX999@1.0", synthetic}, exitFailure, "-standard"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runTool(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			wantOneLine(t, errOut, tc.want)
		})
	}
}

// Every Vektis GZ321 test file of level N2 is dumped to its end: each line shown, as
// a record or raw with the reason; the exit status is 0, or 1 when a line was bad.
func TestDumpVektisN2Files(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321", "visible")
	names, err := filepath.Glob(filepath.Join(dir, "*_TB_N2_*"))
	if err != nil || len(names) == 0 {
		t.Skipf("no N2 test files in %s", dir)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			n := strings.Count(string(data), "\n")
			if !strings.HasSuffix(string(data), "\n") {
				n++
			}
			code, out, errOut := runTool(t, "dump", name)
			if code != exitOK && code != exitFindings {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			shown := strings.Count(out, "\nline ")
			if shown != n {
				t.Errorf("%d lines shown, the file has %d", shown, n)
			}
			bad := strings.Count(out, ": cannot be read as a record: ")
			if (bad > 0) != (code == exitFindings) {
				t.Errorf("%d bad lines, exit %d", bad, code)
			}
			if bad > 0 {
				wantOneLine(t, errOut, "lines cannot be read as records")
			}
		})
	}
}

// A file name with a control character is escaped in every line that names it.
func TestFileNameEscaped(t *testing.T) {
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	name := writeTemp(t, "a\x1b[31mb.txt", string(data)+"\n")
	for _, args := range [][]string{{"dump", name}, {"validate", name}, {"validate", name + "x"}} {
		_, out, errOut := runTool(t, args...)
		if strings.Contains(out+errOut, "\x1b") || !strings.Contains(out+errOut, `a\x1b[31mb.txt`) {
			t.Errorf("%q: stdout %q stderr %q", args, out, errOut)
		}
	}
}
