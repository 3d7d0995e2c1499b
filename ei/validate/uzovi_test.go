package validate_test

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// TestUZOVIRegister: a UZOVI-nummer that is not in the register is a warning naming the
// register's date by default, an error with Options.StrictUZOVI; a registered one (3311,
// Zilveren Kruis) gives no finding.
func TestUZOVIRegister(t *testing.T) {
	clean := synthetic(t)
	if rep := run(t, clean, validate.Options{Registry: standards.Registry(), StrictUZOVI: true}); len(rep.Findings) != 0 {
		t.Fatalf("the synthetic file, all UZOVI 3311, has findings:\n%v", rep.Findings)
	}
	unknown := func() []string {
		l := synthetic(t)
		put(l, 2, 24, "3317") // the verzekerdenrecord's 0204, and its prestatie's 0404 to match
		put(l, 3, 24, "3317")
		return l
	}
	for _, strict := range []bool{false, true} {
		rep := run(t, unknown(), validate.Options{Registry: standards.Registry(), StrictUZOVI: strict})
		var got []validate.Finding
		for _, f := range rep.Findings {
			if f.Rule == "N4-UZOVI" {
				got = append(got, f)
			}
		}
		if len(got) != 2 || got[0].Field != "0204" || got[0].Line != 2 || got[1].Field != "0404" || got[1].Line != 3 {
			t.Fatalf("strict=%v: N4-UZOVI findings %v, want 0204 on line 2 and 0404 on line 3", strict, got)
		}
		wantSeverity := validate.Warning
		if strict {
			wantSeverity = validate.Error
		}
		for _, f := range got {
			if f.Severity != wantSeverity || !strings.Contains(f.Message, "3317 is not in the UZOVI register (the module's copy of 2023)") {
				t.Errorf("strict=%v: %v (severity %v)", strict, f, f.Severity)
			}
		}
	}
}
