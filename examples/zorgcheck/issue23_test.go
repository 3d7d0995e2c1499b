//go:build integration

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The points of issue 23, one test each (the output helper of point 2 also in
// output_test.go).

// zorgcheckSection returns the README's zorgcheck section.
func zorgcheckSection(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n## zorgcheck, the command-line tool")
	if i < 0 {
		t.Fatal("README.md has no section \"## zorgcheck, the command-line tool\"")
	}
	s = s[i+1:]
	if j := strings.Index(s[3:], "\n## "); j >= 0 {
		s = s[:j+3]
	}
	return s
}

// Point 1: the install command that works from a clone comes first; @latest is said to
// be for when the module is published.
func TestIssue23InstallFromClone(t *testing.T) {
	sec := zorgcheckSection(t)
	i := strings.Index(sec, "go install ./examples/zorgcheck")
	j := strings.Index(sec, "examples/zorgcheck@latest")
	if i < 0 || j >= 0 && j < i {
		t.Errorf("the README's zorgcheck section does not give `go install ./examples/zorgcheck` first")
	}
	if j >= 0 && !strings.Contains(sec[max(0, j-300):min(len(sec), j+300)], "published") {
		t.Errorf("the README gives @latest without saying it works once the module is published")
	}
	b, _ := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "README.md"))
	if k := strings.Index(string(b), "zorgcheck@latest"); k >= 0 && !strings.Contains(string(b)[max(0, k-300):k+300], "published") {
		t.Errorf("README.md gives zorgcheck@latest without saying it works once the module is published")
	}
}

// Point 2: -o - is standard output everywhere; report needs -o; - twice is refused.
func TestIssue23Output(t *testing.T) {
	dir := t.TempDir()
	old, _ := os.Getwd()
	decl, _ := filepath.Abs(seedDecl + "MZ301-date.txt")
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	code, stdout, stderr := runTool(t, "retour", "-role", "insurer", "-date", "2011-04-15", "-o", "-", decl)
	if code != exitFindings || !strings.HasPrefix(stdout, "01") || !strings.Contains(stderr, "written to standard output") {
		t.Errorf("retour -o -: exit %d, stdout %.40q, stderr %q; want the return on standard output", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("retour -o - created a file named -")
	}
	code, _, stderr = runTool(t, "report", decl)
	if code != exitFailure || !strings.Contains(stderr, "-o") {
		t.Errorf("report without -o: exit %d, stderr %q; want a usage error naming -o", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Error("report without -o wrote ./report.html")
	}
	for _, args := range [][]string{{"outcome", "-", "-"}, {"validate", "-", "-"}, {"retour", "-role", "portal", "-invoices", "-", "-o", "x", "-"}} {
		code, _, stderr := runTool(t, args...)
		if code != exitFailure || !strings.Contains(stderr, "standard input (-) given 2 times") {
			t.Errorf("%v: exit %d, stderr %q; want - twice refused", args, code, stderr)
		}
	}
}

// Point 3: the commit and its date are apart.
func TestIssue23Version(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "1234abcd5678ef901234"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}}}
	if got, want := formatVersion(info), "zorgcheck v1.2.0 (go1.26.0, commit 1234abcd5678 2026-12-01T10:00:00Z)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Point 4: outcome exits 1 when the return rejects everything, as retour does; swapped
// arguments get a usage hint.
func TestIssue23OutcomeExit(t *testing.T) {
	code, _, _ := runTool(t, "outcome", seedGolden+"VE303-2a-portal.txt", seedDecl+"VE303-uzovi9900.txt")
	if code != exitFindings {
		t.Errorf("outcome of a return rejecting the whole file: exit %d, want 1", code)
	}
	code, _, stderr := runTool(t, "outcome", seedDecl+"MZ301-birth.txt", seedGolden+"MZ301-4a-insurer.txt")
	if code != exitFailure || !strings.Contains(stderr, "RETOUR comes first") || !strings.Contains(stderr, "usage:") {
		t.Errorf("outcome DECL RETOUR: exit %d, stderr %q; want a usage hint", code, stderr)
	}
}

// Point 5 (the part that is the CLI's): a file that does not exist is named in words, as
// by every command.
func TestIssue23VSBMissingFile(t *testing.T) {
	code, _, stderr := runTool(t, "vsb", "check", "/nonexistent/f.txt")
	if code != exitFailure || stderr != "zorgcheck vsb: /nonexistent/f.txt: no such file\n" {
		t.Errorf("vsb check /nonexistent: exit %d, stderr %q", code, stderr)
	}
}

// Point 5: vsb output counts in good English ("1 error"), the dump gives the Dutch
// record name and what a zone holds beside the French zone name, and the advice of vsb
// read names no Go functions.
func TestIssue23VSBStyle(t *testing.T) {
	code, stdout, _ := runTool(t, "vsb", "read", "testdata/vsb/920098-011.txt")
	if code != exitOK || strings.Contains(stdout, "1 errors") || !strings.Contains(stdout, "1 error listed") {
		t.Errorf("vsb read 920098: exit %d, stdout %q", code, stdout)
	}
	for _, f := range []string{"testdata/vsb/920098-011.txt", "testdata/vsb/920099-011.txt", "testdata/vsb/920999-011.txt"} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		_, stdout, _ := runTool(t, "vsb", "read", f)
		if strings.Contains(stdout, "voorziening.") || strings.Contains(stdout, "After") {
			t.Errorf("vsb read %s names Go code to facility staff:\n%s", f, stdout)
		}
	}
	code, stdout, _ = runTool(t, "vsb", "dump", vsbFile)
	for _, want := range []string{"record 10 order 000001 (ZENDING BEGIN)", "record 200 (SEGMENT 200 BERICHTHEADER)", "French eFact layout", "record number", "personal data"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("vsb dump: exit %d, no %q in the output", code, want)
		}
	}
	code, stdout, _ = runTool(t, "vsb", "-h")
	for _, sub := range []string{"dump", "check", "answer", "read"} {
		if code != exitOK || !strings.Contains(stdout, "\n  "+sub+" ") {
			t.Errorf("vsb -h has no line for %s:\n%s", sub, stdout)
		}
	}
}

// Point 5: an error of "zorgcheck q SUB" says "zorgcheck q SUB:" and names the file once.
func TestIssue23QErrorPrefix(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.asc")
	if err := os.WriteFile(empty, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "l.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"q", "apply", "-db", db, empty}, "zorgcheck q apply: " + empty + ": file structure: the file is empty\n"},
		{[]string{"q", "plan", "-db", filepath.Join(dir, "none.db"), empty}, "zorgcheck q plan: "},
		{[]string{"q", "active"}, "zorgcheck q active: -db is required"},
		{[]string{"q", "retour", empty}, "zorgcheck q retour: " + empty + ": file structure: the file is empty\n"},
	} {
		code, _, stderr := runTool(t, tt.args...)
		if code != exitFailure || !strings.HasPrefix(stderr, tt.want) || strings.Count(stderr, empty) > 1 || strings.Contains(stderr, "wrong usage") {
			t.Errorf("%v: exit %d, stderr %q; want it to begin %q", tt.args, code, stderr, tt.want)
		}
	}
}

// Point 6: one JSON style: snake_case keys; a finding has the same keys from the API as
// from the CLI.
func TestIssue23JSONStyle(t *testing.T) {
	snake := func(t *testing.T, what string, v any) {
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					if k != strings.ToLower(k) || strings.ContainsAny(k, "- ") {
						if !(what == "describe" && strings.HasPrefix(k, "COD")) { // value_lists is keyed by list name
							t.Errorf("%s: key %q is not snake_case", what, k)
						}
					}
					walk(e)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(v)
	}
	for _, args := range [][]string{
		{"describe", "-json", "MZ301@1.3"}, {"describe", "-json"}, {"validate", "-json", "-today", "2026-01-01", seedDecl + "MZ301-date.txt"},
		{"dump", "-json", seedDecl + "MZ301-date.txt"}, {"outcome", "-json", seedGolden + "MZ301-6-insurer.txt", seedDecl + "MZ301-key.txt"},
		{"rules", "-json", "MZ301"}, {"codes", "-json", "COD046"},
	} {
		_, stdout, _ := runTool(t, args...)
		dec := json.NewDecoder(strings.NewReader(stdout))
		n := 0
		for dec.More() {
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%v: %v", args, err)
			}
			snake(t, args[0], v)
			n++
		}
		if n == 0 {
			t.Errorf("%v: no JSON", args)
		}
	}
	// A finding: the API's keys are the CLI's.
	api, err := json.Marshal(validate.Finding{Level: validate.N3, Field: "0403", FieldName: "BSN"})
	if err != nil {
		t.Fatal(err)
	}
	var a map[string]any
	json.Unmarshal(api, &a)
	cli, err := json.Marshal(findingJSON{Level: validate.N3, Field: "0403", FieldName: "BSN"})
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	json.Unmarshal(cli, &c)
	if !reflect.DeepEqual(keys(a), keys(c)) {
		t.Errorf("a finding's JSON keys differ: API %v, CLI %v", keys(a), keys(c))
	}
}

func keys(m map[string]any) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	slices.Sort(k)
	return k
}

// Point 7: the values of a code list can be seen: describe shows them, codes lists one.
func TestIssue23Codes(t *testing.T) {
	code, stdout, _ := runTool(t, "codes", "COD046")
	if code != exitOK || !strings.Contains(stdout, "source: Vektis") || !strings.Contains(stdout, "Vrouwelijk") {
		t.Errorf("codes COD046: exit %d, %q", code, stdout)
	}
	_, stdout, _ = runTool(t, "describe", "PM304@3.2")
	if !strings.Contains(stdout, "COD046 (field 0208):") || !strings.Contains(stdout, "Vrouwelijk") {
		t.Errorf("describe does not show the values of COD046")
	}
	_, stdout, _ = runTool(t, "describe", "-json", "PM304@3.2")
	var j struct {
		ValueLists map[string][]validate.Code `json:"value_lists"`
	}
	if err := json.Unmarshal([]byte(stdout), &j); err != nil || len(j.ValueLists["COD046"]) != 4 {
		t.Errorf("describe -json: value_lists COD046 = %v (%v); want its 4 codes", j.ValueLists["COD046"], err)
	}
	if code, _, _ := runTool(t, "codes", "COD99999"); code != exitFailure {
		t.Errorf("codes of an unknown list: exit %d, want 2", code)
	}
}

// Point 8: validate stops at N1 when the file does not name -standard; rules fits a
// terminal; -q and -v exist.
func TestIssue23ValidateN1RulesQuiet(t *testing.T) {
	gz := sharedtest.Path(t, "vektis", "rbc-gz321", "GZ321-basisbestand-correct.ASC")
	code, stdout, _ := runTool(t, "validate", "-json", "-standard", "MZ301@1.3", gz)
	var rep reportJSON
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if code != exitFindings || len(rep.Findings) == 0 || len(rep.Findings) > 3 {
		t.Errorf("validate -standard MZ301@1.3 on a GZ321 file: exit %d, %d findings; want the N1 ones only", code, len(rep.Findings))
	}
	for _, f := range rep.Findings {
		if f.Level != validate.N1 {
			t.Errorf("finding beyond N1: %+v", f)
		}
	}
	for _, std := range []string{"MZ301", "GZ321", "QVE301"} {
		_, stdout, _ := runTool(t, "rules", std)
		for _, l := range strings.Split(stdout, "\n") {
			if len([]rune(l)) > 160 {
				t.Errorf("rules %s: a line of %d characters: %.80q…", std, len([]rune(l)), l)
				break
			}
		}
	}
	code, stdout, _ = runTool(t, "validate", "-q", "-today", "2026-01-01", seedDecl+"MZ301-date.txt")
	if code != exitFindings || stdout != "" {
		t.Errorf("validate -q: exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	code, stdout, _ = runTool(t, "validate", "-v", "-today", "2026-01-01", seedDecl+"MZ301-date.txt")
	if code != exitFindings || !strings.Contains(stdout, "  N4-DATE: ") {
		t.Errorf("validate -v: exit %d, stdout %q; want what N4-DATE checks", code, stdout)
	}
}

// Point 10: the files and mechanisms the docs name exist.
func TestIssue23SmallTruths(t *testing.T) {
	root := sharedtest.RepoRoot()
	b, err := os.ReadFile(filepath.Join(root, "q", "ledger", "helpers_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), ".ci/qledger.sh") {
		t.Error("the PostgreSQL skip message names .ci/qledger.sh")
	}
	if _, err := os.Stat(filepath.Join(root, ".ci", "services", "postgres.sh")); err != nil || !strings.Contains(string(b), ".ci/services/postgres.sh") {
		t.Errorf("the PostgreSQL skip message does not name .ci/services/postgres.sh (%v)", err)
	}
	doc, _ := os.ReadFile(filepath.Join(root, "q", "ledger", "doc.go"))
	code, _ := os.ReadFile(filepath.Join(root, "q", "ledger", "sqlstore.go"))
	if bytes.Contains(code, []byte("CopyFrom")) && (!bytes.Contains(doc, []byte("COPY")) || bytes.Contains(doc, []byte("unnest"))) {
		t.Error("the q/ledger doc does not say that inserts use COPY on PostgreSQL")
	}
}
