package q

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// TestWriterFillsQTotals: ei.Writer fills every total and debet/credit indicator of the
// QVE301 sluitrecord (9904-9911, RoleTotal in the spec for 9906, 9908, 9910), so a file
// written with the writer and no 99 of its own passes the Q rules. The expected 99 is the
// one qfile computes from the prestatierecords by hand.
func TestWriterFillsQTotals(t *testing.T) {
	f := qfile{recs: []vals{
		{"0450": "P1", "0438": "45000", "0440": "40000", "0442": "5000", "0444": "38500", "0446": "0"},
		{"0450": "P2", "0438": "12000", "0440": "12000", "0442": "0", "0444": "0"},
		// A credit of P2, larger than what is left: the vergoed basis total turns credit.
		{"0450": "P3", "0451": "P2", "0438": "99000", "0439": "C", "0440": "99000", "0441": "C", "0442": "0", "0443": "C", "0444": "0", "0445": "C"},
	}}
	want := strings.Split(strings.TrimSpace(f.text(t)), "\r\n")
	std := Standards()[0]
	var out bytes.Buffer
	w := ei.NewWriter(&out, std, ei.WriterOptions{})
	for _, ln := range want[:len(want)-1] {
		rec := std.NewRecord(ln[:2])
		if err := rec.Parse(ln); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\r\n")
	if g, e := got[len(got)-1], want[len(want)-1]; g != e {
		t.Errorf("99 record\n got %q\nwant %q", g[:70], e[:70])
	}
	if e := want[len(want)-1]; e[27:39] != "00000047000C" {
		t.Fatalf("test data: 9906/9907 %q, want 49000 credit", e[27:39])
	}
	rep, err := validate.File(context.Background(), bytes.NewReader(out.Bytes()),
		validate.Options{Registry: Registry(), RuleSets: []*validate.RuleSet{RuleSet(RuleOptions{})}})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range rep.Findings {
		t.Errorf("written file: %s", fd.Error())
	}
}
