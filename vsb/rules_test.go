package vsb

import (
	"context"
	"errors"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The checks are the rule set Rules on the validation engine: every finding names its
// rule and level, the rules can be switched off by id, and a rule set of one's own runs
// beside them, its findings going to the content validation with their eFact letter.
func TestRulesOnTheEngine(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	r50 := recordOf(t, f, "50")
	b := []byte(r50.Text)
	b[348], b[349] = '9', '8' // zone 99 is 00 … 96: 509902, technical
	r50.Text = string(b)
	setRaw(t, recordOf(t, f, "80"), "98", "01") // control number: 809802, content
	rep := Check(f)
	if len(rep.Technical) != 1 || rep.Technical[0].Rule != "VSB-CHECKNUMBER" || rep.Technical[0].Level != validate.N2 ||
		rep.Technical[0].Retourcode != "509902" || rep.Technical[0].Letter != "B" || !errors.Is(rep.Technical[0], validate.ErrValue) {
		t.Errorf("technical %+v", rep.Technical)
	}
	if len(rep.Content) != 1 || rep.Content[0].Rule != "VSB-TOTALS" || rep.Content[0].Level != validate.N5 || rep.Content[0].Retourcode != "809802" {
		t.Errorf("content %+v", rep.Content)
	}

	own := &validate.RuleSet{Name: "zorgkas", Rules: []*validate.Rule{{
		ID: "ZK-UNITS", Records: []string{"50"},
		Record: func(p *validate.Pass, rec *validate.Record) {
			Fail(p, rec, "22", "500130", "invented rule")
		},
	}}}
	rep, err = Validate(context.Background(), f, validate.Options{RuleSets: []*validate.RuleSet{own}, Disable: []string{"VSB-CHECKNUMBER"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Technical) != 0 {
		t.Errorf("VSB-CHECKNUMBER disabled: technical %+v", rep.Technical)
	}
	units := 0
	for _, x := range rep.Content {
		if x.Rule == "ZK-UNITS" {
			units++
			if x.Letter != "R" || x.Retourcode != "500130" || x.Field != "22" || x.Line == 0 || x.Level != validate.N6 {
				t.Errorf("own finding %+v", x)
			}
		}
	}
	if units == 0 {
		t.Errorf("own rule found nothing: %+v", rep.Content)
	}
	if _, err := Validate(context.Background(), f, validate.Options{Disable: []string{"VSB-NONE"}}); !errors.Is(err, validate.ErrUnknownRule) {
		t.Errorf("unknown rule id: %v", err)
	}
}

// A code erreur of segment 200 or 300 is the core's positioned error: the segment, the
// zone with its name and position from the layout, and the code, which errors.As gives
// back (01 is the core's "not a digit").
func TestSegmentErrorIsTheCoreError(t *testing.T) {
	e := NewSegmentError("300", "301", 1)
	if e.Record != "300" || e.Field != "301" || e.Position == 0 || e.FieldName == "" {
		t.Errorf("error %+v", e)
	}
	if code, ok := SegmentCode(e); !ok || code != 1 || !errors.Is(e, record.ErrNotDigit) {
		t.Errorf("code %d %t, is ErrNotDigit %t", code, ok, errors.Is(e, record.ErrNotDigit))
	}
	if code, _ := SegmentCode(NewSegmentError("200", "202", 3)); code != 3 || errors.Is(NewSegmentError("200", "202", 3), record.ErrNotDigit) {
		t.Errorf("code erreur 03: %d", code)
	}
	if _, ok := SegmentCode(errors.New("other")); ok {
		t.Error("an error without a code erreur has one")
	}
}

// VSB-SAMEAS compares a 50/51/52/80 with its invoice's 20, its parent in the engine's
// hierarchy. When the invoice has no 20 of its own (here the second invoice's 20 is
// written as an 80, so its records hang under the 10), the records are compared with the
// last 20 read, as a VI reading in order does: they keep the codes 500812/800812/800912
// beside the sequence code the broken structure gets.
func TestSameAsWithoutItsOwn20(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range f.Records {
		if codeOf(f.Records[i].Text) == "20" {
			if n++; n == 2 {
				f.Records[i].Text = "80" + f.Records[i].Text[2:]
			}
		}
	}
	got := map[string]bool{}
	rep := Check(f)
	for _, x := range append(rep.Technical, rep.Content...) {
		if x.Rule == ruleSameAs {
			got[x.Retourcode] = true
		}
	}
	for _, want := range []string{"500812", "800812", "800912"} {
		if !got[want] {
			t.Errorf("VSB-SAMEAS codes %v, want %s (the last 20 read stands in for the missing one)", got, want)
		}
	}
}
