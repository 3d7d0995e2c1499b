package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// rbcToday is "today" for the Vektis test files (dated 2014-2015).
var rbcToday = civil.NewDate(2016, 1, 1)

// The Vektis RBC test files of GZ321 v1.0: the base file is valid, every other file breaks
// one rule and must give an error at its level, for N3 and N4 on the field its name gives.
func TestVektisRBCGZ321(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	base, err := os.ReadFile(filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("base", func(t *testing.T) {
		rep := check(t, base)
		if len(rep.Findings) > 0 {
			t.Errorf("the base file has %d findings, want none:\n%s", len(rep.Findings), list(rep.Findings))
		}
	})
	names, err := filepath.Glob(filepath.Join(dir, "visible", "*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	nameRE := regexp.MustCompile(`_TB_(N[1-5])_(\d+)_`)
	for _, name := range names {
		m := nameRE.FindStringSubmatch(filepath.Base(name))
		if m == nil {
			t.Errorf("%s: unexpected name", name)
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			rep := check(t, data)
			var level validate.Level
			if err := level.UnmarshalText([]byte(m[1])); err != nil {
				t.Fatal(err)
			}
			field := ""
			if level == validate.N3 || level == validate.N4 {
				field = m[2]
			}
			if exempt, ok := defective[filepath.Base(name)]; ok {
				if exempt.field == "" {
					// Byte-identical to the base file: nothing to find.
					if !bytes.Equal(data, base) {
						t.Fatalf("listed as identical to the base file, but it differs")
					}
					if len(rep.Findings) > 0 {
						t.Errorf("identical to the base file, yet %d findings:\n%s", len(rep.Findings), list(rep.Findings))
					}
					return
				}
				field = exempt.field
			}
			for _, f := range rep.Findings {
				if f.Level == level && f.Severity == validate.Error && (field == "" || f.Field == field) {
					return
				}
			}
			want := level.String()
			if field != "" {
				want += " on field " + field
			}
			t.Errorf("no error %s; found:\n%s", want, list(rep.Findings))
		})
	}
}

// defective are Vektis test files that cannot be detected as named: two are byte-identical
// to the base file, one breaks another field than its name says.
var defective = map[string]struct{ field string }{
	// The rule (N2 0020) is not about the content of the file.
	"GZ321v1.0_RBCu4_TB_N2_0020_01_v1.asc": {},
	// Meant to break 0104 (subversion), but identical to the base file, whose 00 is right.
	"GZ321v1.0_RBCu4_TB_N3_0104_02_v1.asc": {},
	// Meant to break 0115 (einddatum declaratieperiode) with a date written DDMMEEJJ, but
	// the date written so is 0114 (begindatum): the error is found there.
	"GZ321v1.0_RBCu4_TB_N3_0115_04_v1.asc": {field: "0114"},
}

func check(t *testing.T, data []byte) *validate.Report {
	t.Helper()
	rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Today: rbcToday, MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	checkRetourcodes(t, rep.Findings)
	return rep
}

// checkRetourcodes requires every return code a finding names to be a COD954 code.
func checkRetourcodes(t *testing.T, fs []validate.Finding) {
	t.Helper()
	for _, f := range fs {
		if _, ok := validate.Retourcode(f.Retourcode); !ok {
			t.Errorf("%s: retourcode %q is not in COD954", f.Error(), f.Retourcode)
		}
	}
}

func list(fs []validate.Finding) string {
	var b strings.Builder
	for i := range fs {
		b.WriteString("\t")
		b.WriteString(fs[i].Error())
		b.WriteString(" [" + fs[i].Rule + " " + fs[i].Retourcode + "]\n")
	}
	return b.String()
}
