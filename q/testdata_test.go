package q

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the files in testdata")

// testFiles are synthetic QVE301 files for the tests of other packages (zorgcheck q
// validate) and for trying the tools by hand; they are built by qfile and kept in
// testdata so that a change in the builder shows.
var testFiles = map[string]qfile{
	// Gelaagd: four risicodragers of indiener 9664 (seed 003 table 2-2); a BSN dummy with
	// its verzekerdennummer, a claim of the verzekerde (soort 02), an eigen risico.
	"qve301_valid.txt": {recs: []vals{
		{"0404": "7119", "0450": "A1"},
		{"0404": "0104", "0450": "A2", "0403": "999999999", "0405": "VZ9"},
		{"0404": "0201", "0450": "A3", "0447": "02", "0407": "05", "0408": "0", "0411": "0", "0412": "0"},
		{"0404": "7053", "0450": "A4", "0444": "1500", "0446": "0", "0442": "2000"},
	}},
	// One fault a record: soort 01 without prestatiecode (table 4-3), a verzekerde with an
	// AGB-code (2.3.13), the eigen risico indicator missing (2.3.19), an identificatie
	// twice (2.3.7).
	"qve301_invalid.txt": {recs: []vals{
		{"0450": "B1", "0412": "0"},
		{"0450": "B2", "0407": "05"},
		{"0450": "B3", "0446": "0"},
		{"0450": "B3"},
	}},
}

func TestTestdata(t *testing.T) {
	for name, f := range testFiles {
		path := filepath.Join("testdata", name)
		text := f.text(t)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./q -update)", err)
		}
		if string(b) != text {
			t.Errorf("%s differs from what the test builds (run go test ./q -update)", path)
		}
	}
}

func TestTestdataFindings(t *testing.T) {
	want := map[string][]found{
		"qve301_valid.txt": nil,
		"qve301_invalid.txt": {{2, RuleSoort01Mandatory, "0412", "0582"}, {3, RuleAGBIndiener, "0408", "8437"},
			{4, RuleEigenRisico, "0446", "8480"}, {5, RuleUniek, "0450", "8377"}},
	}
	for name, f := range testFiles {
		got := summary(check(t, f.text(t), RuleOptions{}))
		if fmt.Sprint(got) != fmt.Sprint(want[name]) {
			t.Errorf("%s: got %v, want %v", name, got, want[name])
		}
	}
}
