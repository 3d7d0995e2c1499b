package transcribe

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Layout facts settled from outside the transcription (issue 9): PRESTATIECODE (GPH) of
// LH307/LH308 5.2 is Vektis element COD860-VEKT, N 12, in the declaration and the return;
// HUISNUMMER of AP304 8.0 keeps the M of AP304 7.2, with its reason in the notes.
func TestSettledFacts(t *testing.T) {
	in := sharedInput(t)
	results, err := All(Plans(), in)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Result{}
	for _, r := range results {
		byID[r.Standard.ID()] = r
	}
	for _, id := range []string{"LH307@5.2", "LH308@5.2"} {
		r := byID[id]
		if r == nil {
			t.Fatalf("%s was not transcribed", id)
		}
		f := r.Standard.Layout("04").Field("0411")
		if f == nil || f.Type != record.Numeric || f.Length != 12 {
			t.Errorf("%s field 0411 = %+v, want N 12", id, f)
		}
	}
	r := byID["AP304@8.0"]
	if r == nil {
		t.Fatal("AP304@8.0 was not transcribed")
	}
	if f := r.Standard.Layout("02").Field("0219"); f == nil || f.Obligation != record.Mandatory {
		t.Errorf("AP304@8.0 field 0219 = %+v, want obligation M", f)
	}
	if len(r.Decisions) != 1 || r.Decisions[0].Field != "0219" {
		t.Errorf("AP304@8.0 decisions = %+v, want the one on 0219", r.Decisions)
	}
	if notes := string(r.Notes()); !strings.Contains(notes, "## Decisions on facts the transcription leaves open") {
		t.Error("AP304@8.0 notes do not list the decision")
	}
}
