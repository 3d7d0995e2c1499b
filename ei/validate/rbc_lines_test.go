package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The N5 files of the Vektis GZ321 suite must be caught where they break the base file:
// an N5 error on a line the test file changes (or, for a line it leaves out, on the line
// after the gap or on the sluitrecord, whose counts it upsets). A finding anywhere else
// does not count: it is a rule firing for the wrong reason. A date of care after the period
// or the invoice date is reported on the record of care; it counts when the file changes
// the voorlooprecord.
func TestVektisRBCGZ321N5Lines(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	base, err := os.ReadFile(filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "visible", "*_TB_N5_*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no N5 test files in %s (%v)", dir, err)
	}
	baseLines := splitLines(base)
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(data, base) {
				t.Skip("identical to the base file")
			}
			lines := splitLines(data)
			changed := changedLines(baseLines, lines)
			// A prestatie's conditions are checked on the 04 record against the records
			// under it: a finding on a 04 counts when its group changed.
			groupChanged := func(line int) bool {
				if line < 1 || line > len(lines) || !strings.HasPrefix(lines[line-1], "04") {
					return false
				}
				for l := line; l <= len(lines); l++ {
					if l > line && (strings.HasPrefix(lines[l-1], "04") || strings.HasPrefix(lines[l-1], "02") || strings.HasPrefix(lines[l-1], "99")) {
						break
					}
					if changed[l] {
						return true
					}
				}
				return false
			}
			wantField := mustBreak[filepath.Base(name)]
			found := false
			rep := check(t, data)
			var errs []validate.Finding
			for _, f := range rep.Findings {
				if f.Level == validate.N5 && f.Severity == validate.Error {
					errs = append(errs, f)
					// The other side of these relations is the voorlooprecord.
					header := (f.Rule == "N5-PERIOD" || f.Rule == "N5-INVOICEDATE") && changed[1]
					if (changed[f.Line] || header || groupChanged(f.Line)) && (wantField == "" || f.Field == wantField) {
						found = true
					}
				}
			}
			if !found {
				want := "an N5 error on a changed line"
				if wantField != "" {
					want = "an N5 error on field " + wantField + " on a changed line"
				}
				t.Errorf("no %s (changed: %v); N5 errors:\n%s", want, keys(changed), list(errs))
			}
		})
	}
}

// mustBreak are the fields some N5 files break, read from what they change. A file whose
// first tariefrecord becomes another kind of product than its three other tariefrecords,
// under a prestatierecord that fits theirs, is caught on that tariefrecord's soort: the
// finding names the record the relation makes wrong (issue 20, LEVELS.md). Where the
// prestatie has no other tariefrecords that agree, the prestatie's condition for the new
// kind catches it.
var mustBreak = map[string]string{
	// soort 10 → 02 (OVP) among three DBC tariefrecords (11, 11, 12) under a DBC prestatie
	// (0410 filled): the tariefrecord does not fit its prestatie (until issue 20: 0410).
	"GZ321v1.0_RBCu4_TB_N5_041_v1.asc": "0610",
	// soort 10 → 14 (Basis GGZ) among three DBC tariefrecords under a DBC prestatie: the
	// tariefrecord does not fit its prestatie (until issue 20: 0426 on the 04).
	"GZ321v1.0_RBCu4_TB_N5_053_v1.asc": "0610",
	// soort 10 → 15 (Transitie) with ROM J/N filled: "Niet vullen bij … Transitie."
	"GZ321v1.0_RBCu4_TB_N5_055_v1.asc": "0430",
	// code (zelf)verwijzer 08 with a verwijzer's AGB code.
	"GZ321v1.0_RBCu4_TB_N5_035_v1.asc": "0421",
}

func splitLines(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// changedLines returns the 1-based lines of got that are not in base at their place, by a
// longest-common-subsequence diff; where got leaves lines of base out, the line after the
// gap and the last line (the sluitrecord) count as changed.
func changedLines(base, got []string) map[int]bool {
	n, m := len(base), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if base[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := map[int]bool{}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && base[i] == got[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out[j+1] = true
			j++
		default: // base[i] left out
			out[j+1] = true
			out[m] = true
			i++
		}
	}
	return out
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
