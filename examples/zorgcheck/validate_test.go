package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The project's own correct files: valid, nothing printed, exit 0.
func TestValidateCorrectFiles(t *testing.T) {
	for _, name := range []string{"../../ei/testdata/gz321-synthetic.txt", "../../ei/testdata/mz301-synthetic.txt", "testdata/pm304-synthetic.txt"} {
		code, out, errOut := runTool(t, "validate", "-today", "2026-01-01", name)
		if code != exitOK || out != "" || errOut != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 0 and nothing printed", name, code, out, errOut)
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
	for _, k := range []string{"file", "standard", "version", "valid", "findings"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("report has no %q: %s", k, out)
		}
	}
	var findings []map[string]json.RawMessage
	if err := json.Unmarshal(obj["findings"], &findings); err != nil || len(findings) == 0 {
		t.Fatalf("findings: %v (%s)", err, obj["findings"])
	}
	want := []string{"level", "rule", "line", "record", "field", "position", "retourcode", "severity", "message"}
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
	if code != exitFindings || !strings.Contains(stdout.String(), "\n-:3: N3 0403 ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
