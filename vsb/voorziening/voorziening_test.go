package voorziening

import (
	"errors"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
)

func sent() *vsb.Zending {
	return &vsb.Zending{Number: 17, InvoiceType: 3, Created: vsb.Date{Year: 2026, Month: time.November, Day: 30},
		Facturen: []vsb.Factuur{
			{Number: 1, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Prestaties: []vsb.Prestatie{{Code: 761294, EID: &vsb.EIDLezing{Code: 1}}}},
			{Number: 2, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}},
		}}
}

var today = vsb.Date{Year: 2026, Month: time.December, Day: 4}

// Seed 001: after 920999 keep zending number, invoice type and invoice date; change the
// creation date. After 920099 keep zending number and invoice type; change creation date
// and invoice date.
func TestResubmit(t *testing.T) {
	orig := sent()
	a, err := Resubmit(orig, &vsb.Reply{Type: "920999", Sending: 17}, today)
	if err != nil {
		t.Fatal(err)
	}
	if a.Number != 17 || a.InvoiceType != 3 || a.Created != today || a.Facturen[0].Date != orig.Facturen[0].Date || a.Facturen[1].Date != orig.Facturen[1].Date {
		t.Errorf("after 920999: %+v", a)
	}
	if p := CheckResubmission(orig, a, "920999"); len(p) != 0 {
		t.Errorf("after 920999 problems %v", p)
	}
	b, err := Resubmit(orig, &vsb.Reply{Type: "920099", Sending: 17}, today)
	if err != nil {
		t.Fatal(err)
	}
	if b.Number != 17 || b.InvoiceType != 3 || b.Created != today || b.Facturen[0].Date != today || b.Facturen[1].Date != today {
		t.Errorf("after 920099: %+v", b)
	}
	if p := CheckResubmission(orig, b, "920099"); len(p) != 0 {
		t.Errorf("after 920099 problems %v", p)
	}
	// The copy is deep: the original is untouched.
	b.Facturen[0].Prestaties[0].EID.Code = 2
	if orig.Facturen[0].Date == today || orig.Created == today || orig.Facturen[0].Prestaties[0].EID.Code != 1 {
		t.Error("original changed")
	}
	for _, typ := range []string{"931000", "920098", "920900"} {
		if _, err := Resubmit(orig, &vsb.Reply{Type: typ}, today); !errors.Is(err, ErrNoResubmission) {
			t.Errorf("%s: %v", typ, err)
		}
	}
	if _, err := Resubmit(orig, &vsb.Reply{Type: "920999", Sending: 18}, today); err == nil {
		t.Error("reply about another sending accepted")
	}
}

func TestCheckResubmissionFindsMistakes(t *testing.T) {
	orig := sent()
	bad := AfterSendingRefused(orig, today, today)
	bad.Number = 18
	got := CheckResubmission(orig, bad, "920999") // new invoice date is wrong after 920999
	want := []string{"zending number changed from 17 to 18", "invoice 1: invoice date changed", "invoice 2: invoice date changed"}
	if len(got) != len(want) {
		t.Fatalf("problems %v", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %q, want prefix %q", i, got[i], want[i])
		}
	}
	same := AfterFileRefused(orig, orig.Created)
	got = CheckResubmission(orig, same, "920099")
	if len(got) != 3 || got[0] != "creation date unchanged: it must change" {
		t.Errorf("problems %v", got)
	}
}

func TestRead(t *testing.T) {
	b, err := (&ef920000v20.Prestatie{NumeroDordreDeLenregistrement: 8}).AppendTo(nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := record.Raw{Text: string(b)}
	tests := []struct {
		r     vsb.Reply
		df    string
		steps []Step
		says  string
	}{
		{vsb.Reply{Type: "931000", Sending: 7}, "DF011", []Step{Wait}, "accepted after technical validation"},
		{vsb.Reply{Type: "920999", Sending: 7, Echoes: []vsb.Echo{{Record: rec, Rejections: []vsb.Rejection{{Letter: "B", Code: "509902"}}}}}, "DF012", []Step{Resend}, "refused by the technical validation (1 error)"},
		{vsb.Reply{Type: "920099", Sending: 7, RefusalType: 2, ErrorPercentage: 612}, "DF013", []Step{Resend}, "too many rejected records (6.12 %"},
		{vsb.Reply{Type: "920098", Sending: 7, ErrorPercentage: 263, Echoes: []vsb.Echo{{Record: rec, Rejections: []vsb.Rejection{{Letter: "R", Code: "500130"}}}}}, "DF014", []Step{Wait, Correct}, "2.63 % of the records rejected"},
		{vsb.Reply{Type: "920900", Sending: 7, Settlement: []vsb.Afrekening{{Record: "92", Accepted: 310000, Refused: 10000}}}, "DF015", []Step{Book, Contact}, "3100.00 accepted, 100.00 refused"},
	}
	for _, tt := range tests {
		a := Read(&tt.r)
		if a.DF != tt.df || !strings.Contains(a.Says, tt.says) || strings.Join(stepStrings(a.Steps), ",") != strings.Join(stepStrings(tt.steps), ",") {
			t.Errorf("%s: %+v", tt.r.Type, a)
		}
		// The advice is for facility staff: plain words, no Go names (issue 23 point 5).
		for _, d := range append([]string{a.Says}, a.Do...) {
			if strings.Contains(d, "voorziening.") || strings.Contains(d, "After") || strings.Contains(d, "1 errors") {
				t.Errorf("%s: advice %q names Go code or miscounts", tt.r.Type, d)
			}
		}
	}
	a := Read(&tests[1].r)
	if a.Errors[0].Text != "Controlecijfer van het record foutief." || a.Errors[0].Order != 8 || a.Errors[0].Zone != "99" {
		t.Errorf("errors %+v", a.Errors)
	}
	if !strings.Contains(a.String(), "record 000008 (type 50) zone 99: B 509902") {
		t.Errorf("text:\n%s", a)
	}
}

func stepStrings(s []Step) []string {
	var out []string
	for _, x := range s {
		out = append(out, string(x))
	}
	return out
}
