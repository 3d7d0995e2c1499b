package retour_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The writer is generic over the standard pairs: the project's own synthetic files and the
// Vektis sample files (MZ301 1.3, PM304 3.2, when ../shared is there) are answered in both
// roles with a rejected first prestatie and a rejected first verzekerde, and every return
// is a valid answer by Check, with the rejected records and their parents in it.
func TestOtherPairs(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{"../testdata/gz321-synthetic.txt", "../testdata/mz301-synthetic.txt", "../../examples/zorgcheck/testdata/pm304-synthetic.txt"} {
		if data, err := os.ReadFile(name); err == nil {
			files[name] = data
		}
	}
	t.Run("shared", func(t *testing.T) {
		for _, n := range []string{"MZ301v1.3_sample.asc", "PM304v3.2_sample.dat"} {
			data, err := os.ReadFile(sharedtest.Path(t, "vektis", "samples", n))
			if err != nil {
				t.Fatal(err)
			}
			files[n] = data
		}
	})
	reg := standards.Registry()
	for name, data := range files {
		decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, ok := reg.ReturnOf(decl.Standard); !ok {
			t.Logf("%s: %s has no return standard", name, decl.Standard.ID())
			continue
		}
		var firstV, firstP int64
		if len(decl.Verzekerden) > 0 {
			firstV = decl.Verzekerden[0].Record.(record.Detail).DetailID()
			if len(decl.Verzekerden[0].Prestaties) > 0 {
				firstP = decl.Verzekerden[0].Prestaties[0].Record.(record.Detail).DetailID()
			}
		}
		for _, tc := range []struct {
			role retour.Role
			key  retour.Key
			code string
		}{
			{retour.Portal, k("04", firstP), "8007"},
			{retour.Insurer, k("04", firstP), "8007"},
			{retour.Insurer, k("02", firstV), "8004"},
		} {
			m, err := retour.Build(decl, rejects(tc.key, tc.code), retour.Options{Registry: standards.Registry(), Role: tc.role, Dagtekening: civil.NewDate(2025, 1, 1)})
			if err != nil {
				t.Errorf("%s %v %v: %v", name, tc.role, tc.key, err)
				continue
			}
			rf, err := m.File()
			if err != nil {
				t.Errorf("%s %v: reading the return back: %v", name, tc.role, err)
				continue
			}
			if probs := retour.Check(rf, decl); len(probs) > 0 {
				t.Errorf("%s %v %v: %v", name, tc.role, tc.key, retour.Err(probs))
			}
			found := false
			for _, r := range returned(t, m) {
				if r.code == tc.key.Record && r.id == tc.key.ID && r.codes == tc.code {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %v: %v with %s not in the return", name, tc.role, tc.key, tc.code)
			}
		}
	}
}
