package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// Issue 20: every visible Vektis GZ321 test file is caught at the level its name gives,
// with an error on a line the file changes (N1 and N2: anywhere). An N5 finding names the
// record the relation makes wrong (LEVELS.md in ei/validate/conditions): the 01 whose
// period no care lies within (N5_013), the 04 out of step with all its records (N5_031),
// the first tariefrecord out of step with the other three (N5_053).
func TestVektisRBCGZ321AtLevel(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	base, err := os.ReadFile(filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "visible", "*_TB_N*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	baseLines := splitLines(base)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(data, base) {
			continue
		}
		bn := filepath.Base(name)
		i := strings.Index(bn, "_TB_N")
		lvl := bn[i+4 : i+6]
		changed := changedLines(baseLines, splitLines(data))
		rep := check(t, data)
		ok := false
		for _, f := range rep.Findings {
			if f.Severity == validate.Error && f.Level.String() == lvl && (changed[f.Line] || lvl == "N1" || lvl == "N2") {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("%s: no %s error on a changed line (changed %v):\n%s", bn, lvl, keys(changed), list(rep.Findings))
		}
	}
}

// Issue 20, level principle: a count or total of the 99 that holds only zeros is not
// filled: N3 on that field, not N5 (the file's base has 3 verzekerden, 6 prestaties, 10
// tariefrecords, 27 detail records and € 7330,00).
func TestTrailerZerosNotFilled(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	base, err := os.ReadFile(filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(base), "\n")
	last := len(lines) - 1
	for lines[last] == "" {
		last--
	}
	for _, tc := range []struct {
		field      string
		start, len int
	}{{"9902", 3, 6}, {"9904", 15, 6}, {"9905", 21, 6}, {"9909", 45, 7}, {"9910", 52, 11}} {
		ls := slicesClone(lines)
		l := ls[last]
		ls[last] = l[:tc.start-1] + strings.Repeat("0", tc.len) + l[tc.start-1+tc.len:]
		rep := check(t, []byte(strings.Join(ls, "")))
		var got []string
		for _, f := range rep.Findings {
			if f.Severity == validate.Error {
				got = append(got, f.Level.String()+":"+f.Field+":"+f.Rule)
			}
		}
		if want := "N3:" + tc.field + ":N3-TRAILERZERO"; strings.Join(got, " ") != want {
			t.Errorf("%s zeros: findings %v, want %s", tc.field, got, want)
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }
