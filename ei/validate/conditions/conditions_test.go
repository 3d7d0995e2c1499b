package conditions_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite SUMMARY.md from the tables")

// The eleven official BERs each have a table.
func TestTables(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"AP304@7.2", "AP305@7.2", "AW319@1.4", "EI181@1.1", "EI181@2.0", "EP301@1.2", "EP302@1.2",
		"GZ321@1.0", "MZ301@1.3", "MZ302@1.3", "ZH308@9.0"}
	var got []string
	for _, tab := range tables {
		got = append(got, tab.ID())
		if len(tab.Rows) == 0 {
			t.Errorf("%s: no rows", tab.File)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tables %v, want %v", got, want)
	}
	if tab, ok := conditions.Lookup("MZ301", ""); !ok || tab.Version != "1.3" || tab.Row("0421") == nil {
		t.Errorf("Lookup(MZ301) = %v, %v; want version 1.3 with field 0421", tab, ok)
	}
	if _, ok := conditions.Lookup("MZ301", "9.9"); ok {
		t.Error("Lookup(MZ301, 9.9) found a table")
	}
}

func TestParseErrors(t *testing.T) {
	head := "# standard: XX999\n# version: 1.0\n# source: Vektis, BER XX\nfield,name,level,rules,status,note\n"
	for _, tc := range []struct{ name, text, want string }{
		{"no source", "# standard: XX999\n# version: 1.0\nfield,name,level,rules,status,note\n", "Vektis"},
		{"bad header", "# standard: XX999\n# version: 1.0\n# source: Vektis\nfield,name,level,rules,state,note\n", "header"},
		{"bad field", head + "417,X,N5,R,implemented,n\n", "four digits"},
		{"twice", head + "0417,X,N5,R,implemented,n\n0417,X,N5,R,implemented,n\n", "second row"},
		{"status", head + "0417,X,N5,R,done,n\n", "status"},
		{"no rules", head + "0417,X,N5,,implemented,n\n", "needs the rules"},
		{"no note", head + "0417,X,N5,R,implemented,\n", "note"},
	} {
		_, err := conditions.Parse(strings.NewReader(tc.text), "t.csv")
		if !errors.Is(err, conditions.ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want ErrFormat mentioning %q", tc.name, err, tc.want)
		}
	}
	wide := strings.Replace(head, "note\n", "note,allowed,why,required,zero_ok,not_future\n", 1)
	for _, tc := range []struct{ name, text, want string }{
		{"short row", wide + "0417,X,N4,N4-ALLOWED,implemented,n\n", "wrong number of fields"},
		{"half header", strings.Replace(head, "note\n", "note,allowed\n", 1), "header"},
		{"flag", wide + "0417,X,N3,N3-MANDATORY,implemented,n,,,,ja,\n", "zero_ok"},
		{"no why", wide + "0417,X,N4,N4-ALLOWED,implemented,n,026,,,,\n", "without why"},
		{"why alone", wide + "0417,X,N4,N4-ALLOWED,implemented,n,,because,,,\n", "no allowed values"},
		{"rule", wide + "0417,X,N4,N4-CODELIST,implemented,n,026,because,,,\n", "N4-ALLOWED"},
		{"required", wide + "0417,X,N4,N4-ALLOWED,implemented,n,,because,yes,,\n", "N3-REQUIRED"},
		{"future", wide + "0417,X,N4,N4-DATE,implemented,n,,,,,yes\n", "N4-FUTURE"},
	} {
		_, err := conditions.Parse(strings.NewReader(tc.text), "t.csv")
		if !errors.Is(err, conditions.ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want ErrFormat mentioning %q", tc.name, err, tc.want)
		}
	}
	ntab, err := conditions.Parse(strings.NewReader(wide+"0417,X,N4,N4-ALLOWED,implemented,n,026  -,\"because, so\",,yes,\n"), "t.csv")
	if want := (conditions.Narrowing{Allowed: "026 -", Why: "because, so", ZeroOK: true}); err != nil || ntab.Rows[0].Narrowing != want {
		t.Errorf("Parse = %+v, %v; want the narrowing %+v", ntab, err, want)
	}
	tab, err := conditions.Parse(strings.NewReader(head+"0417,X,N5,A B,implemented,n\n"), "t.csv")
	if err != nil || tab.Rows[0].Line != 5 || len(tab.Rows[0].Rules) != 2 {
		t.Errorf("Parse = %+v, %v; want one row on line 5 with two rules", tab, err)
	}
}

// SUMMARY.md is the README's table of conditions per standard; it follows the tables
// (go test -update rewrites it). README.md holds a copy between the markers
// <!-- conditions-summary --> and <!-- /conditions-summary -->, which must match.
func TestSummaryCurrent(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := conditions.WriteSummary(&buf, tables); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("SUMMARY.md", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("SUMMARY.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("SUMMARY.md is not current; run go test ./ei/validate/conditions -update\nwant:\n%s", buf.String())
	}
	for _, name := range []string{"README.md"} {
		text, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), name))
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok := strings.Cut(string(text), "<!-- conditions-summary -->\n")
		if !ok {
			t.Fatalf("%s has no <!-- conditions-summary --> table", name)
		}
		block, _, ok := strings.Cut(rest, "<!-- /conditions-summary -->")
		if !ok {
			t.Fatalf("%s: <!-- conditions-summary --> without <!-- /conditions-summary -->", name)
		}
		if strings.TrimSpace(block) != strings.TrimSpace(buf.String()) {
			t.Errorf("%s: the conditions summary is not current; copy ei/validate/conditions/SUMMARY.md into it", name)
		}
	}
}
