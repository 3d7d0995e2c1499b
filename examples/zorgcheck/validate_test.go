//go:build integration

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The project's own correct files: valid, nothing printed, exit 0.
func TestValidateCorrectFiles(t *testing.T) {
	for _, name := range []string{"../../ei/testdata/gz321-synthetic.txt", "../../ei/testdata/mz301-synthetic.txt", "testdata/pm304-synthetic.txt"} {
		code, out, errOut := runTool(t, "validate", "-today", "2026-01-01", name)
		if code != exitOK || !strings.HasPrefix(out, name+": ") || !strings.HasSuffix(out, " lines: valid\n") || errOut != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 0 and one summary line", name, code, out, errOut)
		}
	}
}

// brokenFile writes the project's GZ321 file with faults on several levels into a
// temporary directory: a letter in the BSN of a prestatierecord (N3), a leading space in a
// factuurnummer (N4), a total that does not add up (N5).
func brokenFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../ei/testdata/gz321-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	put := func(line, pos int, s string) { // pos 1-based
		l := lines[line-1]
		lines[line-1] = l[:pos-1] + s + l[pos-1+len(s):]
	}
	put(3, 15, "X") // 0403 BSN
	put(1, 81, " ") // 0116 factuurnummer
	for i, l := range lines {
		if strings.HasPrefix(l, "99") {
			put(i+1, 52, "12345") // 9910 totaal declaratiebedrag
		}
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "broken.txt")
	if err := os.WriteFile(name, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestValidateGolden(t *testing.T) {
	name := brokenFile(t)
	dir := filepath.Dir(name)
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"validate_broken.golden", []string{"validate", "-today", "2026-01-01", name}},
		{"validate_broken_json.golden", []string{"validate", "-json", "-today", "2026-01-01", name, "../../ei/testdata/gz321-synthetic.txt"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errOut := runTool(t, tc.args...)
			if code != exitFindings || errOut != "" {
				t.Fatalf("exit %d, stderr %q; want %d", code, errOut, exitFindings)
			}
			golden(t, tc.golden, strings.ReplaceAll(out, dir, "TMP"))
		})
	}
}

// The JSON form keeps the names other tools read.
func TestValidateJSONNames(t *testing.T) {
	code, out, _ := runTool(t, "validate", "-json", "-today", "2026-01-01", brokenFile(t))
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "standard", "version", "valid", "lines", "errors", "warnings", "findings"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("report has no %q: %s", k, out)
		}
	}
	var findings []map[string]json.RawMessage
	if err := json.Unmarshal(obj["findings"], &findings); err != nil || len(findings) == 0 {
		t.Fatalf("findings: %v (%s)", err, obj["findings"])
	}
	want := []string{"level", "rule", "line", "record", "field", "field_name", "position", "retourcode", "severity", "message"}
	for _, f := range findings {
		var keys []string
		for k := range f {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(keys, w) {
			t.Errorf("finding has keys %v, want %v", keys, w)
		}
	}
	if string(obj["standard"]) != `"GZ321"` || string(obj["version"]) != `"1.0"` || string(obj["valid"]) != "false" {
		t.Errorf("standard %s version %s valid %s", obj["standard"], obj["version"], obj["valid"])
	}
}

func TestValidateExitStatus(t *testing.T) {
	broken := brokenFile(t)
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		stderr  string // a line of standard error must contain it ("" = empty)
		printed bool   // findings on standard output
	}{
		{"usage without files", []string{"validate"}, exitFailure, "want at least one FILE", false},
		{"bad flag", []string{"validate", "-nope", broken}, exitFailure, "flag provided but not defined", false},
		{"bad today", []string{"validate", "-today", "1-1-2026", broken}, exitFailure, "-today", false},
		{"unknown standard", []string{"validate", "-standard", "XX999@1.0", broken}, exitFailure, "-standard", false},
		{"missing file", []string{"validate", filepath.Join(t.TempDir(), "none.txt")}, exitFailure, "none.txt", false},
		{"missing and broken", []string{"validate", "-today", "2026-01-01", "none.txt", broken}, exitFailure, "none.txt", true},
		{"broken", []string{"validate", "-today", "2026-01-01", broken}, exitFindings, "", true},
		{"not an EI file", []string{"validate", "validate_test.go"}, exitFindings, "", true},
		{"a directory", []string{"validate", t.TempDir()}, exitFailure, "is a directory, not a file", false},
		{"levels", []string{"validate", "-levels", "N1-N2", broken}, exitOK, "", true},
		{"disable", []string{"validate", "-today", "2026-01-01", "-disable", "N3-DIGITS,N4-LEADINGSPACE,N5-TOTAL", broken}, exitOK, "", true},
		{"warn", []string{"validate", "-today", "2026-01-01", "-warn", "n3-digits,N4-LEADINGSPACE,N5-TOTAL", broken}, exitOK, "", true},
		{"max", []string{"validate", "-today", "2026-01-01", "-max", "1", broken}, exitFindings, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runTool(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if tc.stderr == "" && errOut != "" || tc.stderr != "" && !strings.Contains(errOut, tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", errOut, tc.stderr)
			}
			if (out != "") != tc.printed {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

// Standard input is read with "-".
func TestValidateStdin(t *testing.T) {
	data, err := os.ReadFile(brokenFile(t))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	old := os.Stdin
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() { w.Write(data); w.Close() }()
	code := run([]string{"validate", "-today", "2026-01-01", "-"}, &stdout, &stderr)
	if code != exitFindings || !strings.HasPrefix(stdout.String(), "-:1: N4 0116 ") || !strings.Contains(stdout.String(), "\n-:3: N3 0403 ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// -json writes exactly one object per argument, one line each, in the order given: a
// file that cannot be read gets an object with an error member.
func TestValidateJSONPerArgument(t *testing.T) {
	broken := brokenFile(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.txt")
	code, out, errOut := runTool(t, "validate", "-json", "-today", "2026-01-01", broken, missing, dir, "../../ei/testdata/gz321-synthetic.txt")
	if code != exitFailure || errOut != "" {
		t.Errorf("exit %d, stderr %q; want %d and nothing on stderr", code, errOut, exitFailure)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), out)
	}
	wantErr := []string{"", "no such file", "is a directory, not a file", ""}
	wantFile := []string{broken, missing, dir, "../../ei/testdata/gz321-synthetic.txt"}
	for i, l := range lines {
		var obj struct {
			File  string `json:"file"`
			Error string `json:"error"`
			Valid *bool  `json:"valid"`
		}
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if obj.File != wantFile[i] || !strings.Contains(obj.Error, wantErr[i]) || (wantErr[i] == "") != (obj.Error == "") || (obj.Valid == nil) != (wantErr[i] != "") {
			t.Errorf("line %d: %s", i+1, l)
		}
	}
}

// Text mode: a summary line per file and a total when there is more than one.
func TestValidateSummary(t *testing.T) {
	broken := brokenFile(t)
	code, out, errOut := runTool(t, "validate", "-today", "2026-01-01", broken, "../../ei/testdata/gz321-synthetic.txt", filepath.Join(t.TempDir(), "none.txt"))
	if code != exitFailure {
		t.Errorf("exit %d", code)
	}
	wantOneLine(t, errOut, "none.txt: no such file")
	for _, want := range []string{
		broken + ": GZ321 1.0, 23 lines: 3 errors (N3 1, N4 1, N5 1)\n",
		"../../ei/testdata/gz321-synthetic.txt: GZ321 1.0, 23 lines: valid\n",
		"total: 3 files: 1 valid, 1 with errors, 1 not readable; 3 errors, 0 warnings\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout has no %q:\n%s", want, out)
		}
	}
	_, out, _ = runTool(t, "validate", "-today", "2026-01-01", "-warn", "N5-TOTAL", broken)
	if !strings.Contains(out, ": warning: N5 9910") || !strings.HasSuffix(out, ": GZ321 1.0, 23 lines: 2 errors (N3 1, N4 1), 1 warning\n") {
		t.Errorf("-warn: %s", out)
	}
}

// -today takes EEJJMMDD and YYYY-MM-DD, and says which form it read when the date is wrong.
func TestParseToday(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"20260131", "2026-01-31", ""},
		{"2026-01-31", "2026-01-31", ""},
		{"20261301", "", `"20261301" read as EEJJMMDD: month 13 does not exist`},
		{"2026-02-30", "", `"2026-02-30" read as YYYY-MM-DD: day 30 does not exist in 2026-02`},
		{"31-01-2026", "", `"31-01-2026" is not a date: want EEJJMMDD (20260131) or YYYY-MM-DD (2026-01-31)`},
		{"gisteren", "", "is not a date"},
	} {
		d, err := parseToday(tc.in)
		switch {
		case tc.err == "" && (err != nil || d.String() != tc.want):
			t.Errorf("%q: %v, %v; want %s", tc.in, d, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestParseLevels(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []validate.Level
		err  bool
	}{
		{"N1-N3", []validate.Level{validate.N1, validate.N2, validate.N3}, false},
		{"1-2", []validate.Level{validate.N1, validate.N2}, false},
		{"N1,N5", []validate.Level{validate.N1, validate.N5}, false},
		{"N4", []validate.Level{validate.N4}, false},
		{"N3-N1", nil, true},
		{"N6", nil, true},
		{"X", nil, true},
	} {
		got, err := parseLevels(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("%q: error %v", tc.in, err)
			continue
		}
		if err == nil && got != validate.Levels(tc.want...) {
			t.Errorf("%q: %v, want %v", tc.in, got, validate.Levels(tc.want...))
		}
	}
}

// Messages for the command line: amounts in euros, flags instead of Go names, escapes.
func TestCLIMessage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"holds 99999999999 cents; the declaratiebedragen of the file add up to 733000",
			"holds € 999999999.99; the declaratiebedragen of the file add up to € 7330.00"},
		{"more than 5 reference numbers: uniqueness was checked for the first ones only (Options.MaxReferences)",
			"more than 5 reference numbers: uniqueness was checked for the first ones only"},
		{"record type \"\x1b[\" does not exist", `record type "\x1b[" does not exist`},
		{"value \ufeff01", `value \ufeff01`},
	} {
		if got := report.Message(tc.in); got != tc.want {
			t.Errorf("report.Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Messages name what the bytes show, escaped: a byte-order mark, a UTF-8 character in a
// Latin-1 file, an escape character; nothing raw reaches the terminal. The JSON messages
// are the same.
func TestValidateEscapedMessages(t *testing.T) {
	lines := syntheticLines(t)
	all := strings.Join(lines, "")
	for _, tc := range []struct{ name, content, where, msg string }{
		{"byte-order mark", "\ufeff" + all, ":1: N1 file: ", `the file starts with a UTF-8 byte-order mark (\ufeff): EI files have none`},
		{"UTF-8", lines[0] + lines[1][:60] + "ü" + lines[1][61:] + strings.Join(lines[2:], ""), ":2: N2 record 02: ",
			`the record has 311 positions; records of PM304@3.2 have 310 (the record holds a multi-byte UTF-8 character (the first at position 61): EI files are Latin-1; in Latin-1 the record would have the right length)`},
		{"escape", lines[0] + lines[1] + lines[2][:100] + "\x1b" + lines[2][101:] + strings.Join(lines[3:], ""), ":3: N3 0416 ",
			`a numeric (N) field holds a non-digit at position 101 (the record holds an escape character (\x1b) at position 101)`},
		{"blank last line", all + "\n", ":6: N2 file: ", "line break without a record (empty line)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := writeTemp(t, "f.txt", tc.content)
			code, out, _ := runTool(t, "validate", "-today", "2026-01-01", name)
			if code != exitFindings || !strings.Contains(out, tc.where) || !strings.Contains(out, tc.msg) {
				t.Errorf("exit %d, output has no %q … %q:\n%s", code, tc.where, tc.msg, out)
			}
			if strings.ContainsAny(out, "\x1b\ufeff") {
				t.Errorf("output holds a raw escape character or byte-order mark")
			}
			_, out, _ = runTool(t, "validate", "-json", "-today", "2026-01-01", name)
			var rep struct{ Findings []struct{ Message string } }
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range rep.Findings {
				found = found || strings.Contains(f.Message, tc.msg)
			}
			if !found {
				t.Errorf("-json: no message with %q:\n%s", tc.msg, out)
			}
		})
	}
}

// No message names a Go identifier: the reference cap is the flag that sets it.
func TestValidateMaxReferencesMessage(t *testing.T) {
	name, _ := bigFile(t, 5, -1)
	for _, args := range [][]string{{"validate", "-max-references", "2", name}, {"validate", "-json", "-max-references", "2", name}} {
		code, out, _ := runTool(t, args...)
		if code != exitOK || !strings.Contains(out, "uniqueness was checked for the first ones only (-max-references raises the limit)") || strings.Contains(out, "Options.") {
			t.Errorf("%q: exit %d, %s", args, code, out)
		}
	}
}

// With -standard the file is checked against that standard, but its 01 record must still
// name it: every N1 test file of the Vektis GZ321 set gives an N1 error.
func TestValidateStandardGivenN1Files(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Dir(t), "vektis", "rbc-gz321", "visible", "*_TB_N1_*"))
	if len(files) == 0 {
		t.Skip("no N1 test files")
	}
	for _, f := range files {
		var out, errb bytes.Buffer
		code := run([]string{"validate", "-standard", "GZ321@1.0", "-today", "2026-01-01", f}, &out, &errb)
		if code != 1 || !strings.Contains(out.String(), ": N1 ") {
			t.Errorf("%s: exit %d, output:\n%s%s", filepath.Base(f), code, out.String(), errb.String())
		}
	}
}
