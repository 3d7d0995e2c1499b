//go:build integration

package zorgkas

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// sending builds a sending whose invoices have the given numbers of prestaties. Records:
// 10, per invoice 20 + n×50 + 80, then 90; every 50 is 100.00 on account A.
func sending(t *testing.T, lines ...int) *vsb.File {
	t.Helper()
	z := &vsb.Zending{Test: true, MessageRef: 1, Number: 12, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: vsb.Date{Year: 2026, Month: 12, Day: 1}, InvoiceType: 3, Mode: 1, IBAN: "BE68539007547034", BIC: "GEBABEBB", BCE: "0123456749"}
	for i, n := range lines {
		fa := vsb.Factuur{Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 1, Type: 3, Number: int64(i + 1),
			Date: vsb.Date{Year: 2026, Month: 11, Day: 30}}
		if i%2 == 1 {
			fa.Destination = "319"
		}
		for range n {
			fa.Prestaties = append(fa.Prestaties, vsb.Prestatie{Code: 761294, Amount: 10000, Units: 1,
				First: vsb.Date{Year: 2026, Month: 11, Day: 1}, Last: vsb.Date{Year: 2026, Month: 11, Day: 1}})
		}
		z.Facturen = append(z.Facturen, fa)
	}
	f, err := vsb.Build(z)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func fnd(order int, letter, code string) validate.Finding {
	return validate.Finding{Line: order, Letter: letter, Retourcode: code}
}

var received = vsb.Date{Year: 2026, Month: time.December, Day: 2}

// Layout of sending(t, 2, 94): order 1 = 10; invoice 0 = orders 2..5 (20, 50, 50, 80);
// invoice 1 = orders 6..101? No: 6 = 20, 7..100 = 94×50, 101 = 80; 102 = 90. Total 102.
// sending(t, 2, 92): invoice 1 = 6 (20), 7..98 (50), 99 (80); 100 = 90. Total 100.
func TestDecideFivePercent(t *testing.T) {
	f := sending(t, 2, 92) // 100 records
	tests := []struct {
		name         string
		findings     []validate.Finding
		accepted     bool
		reason       Reason
		rejected     int
		percentage   int
		confirmation bool
	}{
		{"no errors", nil, true, NoErrors, 0, 0, false},
		{"5 R errors = exactly 5 %: accepted", []validate.Finding{fnd(7, "R", "502201"), fnd(8, "R", "502201"), fnd(9, "R", "502201"), fnd(10, "R", "502201"), fnd(11, "R", "502201")}, true, WithinThreshold, 5, 500, false},
		{"6 R errors: refused", []validate.Finding{fnd(7, "R", "502201"), fnd(8, "R", "502201"), fnd(9, "R", "502201"), fnd(10, "R", "502201"), fnd(11, "R", "502201"), fnd(12, "R", "502201")}, false, OverThreshold, 6, 600, true},
		{"two findings on one record count once", []validate.Finding{fnd(7, "R", "502201"), fnd(7, "R", "501901")}, true, WithinThreshold, 1, 100, false},
		{"F in record 20 of a 4-record invoice + 1 R = 5: accepted", []validate.Finding{fnd(2, "F", "200130"), fnd(7, "R", "502201")}, true, WithinThreshold, 5, 500, false},
		{"F in record 20 + 2 R = 6: refused", []validate.Finding{fnd(2, "F", "200130"), fnd(7, "R", "502201"), fnd(8, "R", "502201")}, false, OverThreshold, 6, 600, true},
		{"F in record 80 counts the invoice", []validate.Finding{fnd(5, "F", "801910"), fnd(7, "R", "502201"), fnd(8, "R", "502201")}, false, OverThreshold, 6, 600, true},
		{"an R error in record 20 counts the invoice too", []validate.Finding{fnd(2, "R", "200130"), fnd(7, "R", "502201")}, true, WithinThreshold, 5, 500, false},
		{"F in a 50 rejects its invoice", []validate.Finding{fnd(3, "F", "500130"), fnd(7, "R", "502201")}, true, WithinThreshold, 5, 500, false},
		{"B refuses at 1 %", []validate.Finding{fnd(7, "B", "509902")}, false, Blocking, 1, 100, false},
		{"B in a segment refuses at 0 %", []validate.Finding{{Record: "200", Letter: "B", Retourcode: "100101"}}, false, Blocking, 0, 0, false},
		{"big invoice rejected", []validate.Finding{fnd(6, "F", "200130")}, false, OverThreshold, 94, 9400, true},
		{"every prestatie rejected waits for confirmation", []validate.Finding{fnd(2, "F", "200130"), fnd(6, "F", "200130")}, false, AllRejected, 98, 9800, true},
	}
	for _, tt := range tests {
		d, err := Decide(f, tt.findings, received)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if d.Records != 100 || d.Accepted != tt.accepted || d.Reason != tt.reason || d.Rejected != tt.rejected || d.Percentage != tt.percentage || d.NeedsConfirmation != tt.confirmation {
			t.Errorf("%s: got accepted=%v reason=%q rejected=%d/%d pct=%d confirm=%v", tt.name, d.Accepted, d.Reason, d.Rejected, d.Records, d.Percentage, d.NeedsConfirmation)
		}
		wantReply := map[bool]string{true: "920098", false: "920099"}[tt.accepted]
		if d.Reply != wantReply {
			t.Errorf("%s: reply %s, want %s", tt.name, d.Reply, wantReply)
		}
		if d.NeedsSignature != tt.accepted {
			t.Errorf("%s: needs signature %v", tt.name, d.NeedsSignature)
		}
		if tt.accepted && d.PaymentDue != (vsb.Date{Year: 2027, Month: time.January, Day: 13}) {
			t.Errorf("%s: payment due %v, want 2027-01-13 (6 weeks after 2026-12-02)", tt.name, d.PaymentDue)
		}
		if !tt.accepted && !d.PaymentDue.IsZero() {
			t.Errorf("%s: refused sending has a due date", tt.name)
		}
	}
}

// A refusal for the percentage never reads 5 % or less: 100 of 1999 records (5.0025 %)
// is refused and written 5.01 % in zone 310 (rounded up), not 5.00 %.
func TestDecidePercentageRoundsUp(t *testing.T) {
	f := sending(t, 1995) // 10, 20, 1995×50, 80, 90 = 1999
	var fs []validate.Finding
	for o := 3; o < 3+100; o++ {
		fs = append(fs, fnd(o, "R", "502201"))
	}
	d, err := Decide(f, fs, received)
	if err != nil {
		t.Fatal(err)
	}
	if d.Records != 1999 || d.Accepted || d.Reason != OverThreshold || d.Percentage != 501 {
		t.Errorf("100/1999: records %d accepted=%v reason %s pct=%d, want refused at 501 (5.01 %%)", d.Records, d.Accepted, d.Reason, d.Percentage)
	}
	if r := SendingReply(f, d); r.ErrorPercentage != 501 {
		t.Errorf("zone 310 = %d, want 501", r.ErrorPercentage)
	}
}

// Just over 5 % with a percentage that rounds to 5.00 would be misleading: 1001 records,
// 51 rejected = 5.09 %: refused.
func TestDecideJustOver(t *testing.T) {
	f := sending(t, 997) // 10, 20, 997×50, 80, 90 = 1001
	var fs []validate.Finding
	for o := 3; o < 3+50; o++ {
		fs = append(fs, fnd(o, "R", "502201"))
	}
	d, _ := Decide(f, fs, received)
	if !d.Accepted || d.Rejected != 50 || d.Percentage != 500 { // 4.995 % rounded up: 5.00, accepted
		t.Errorf("50/1001: accepted=%v pct=%d", d.Accepted, d.Percentage)
	}
	fs = append(fs, fnd(60, "R", "502201"))
	d, _ = Decide(f, fs, received)
	if d.Accepted || d.Rejected != 51 || d.Percentage != 510 || d.Reason != OverThreshold {
		t.Errorf("51/1001: accepted=%v pct=%d reason %s", d.Accepted, d.Percentage, d.Reason)
	}
}

func TestDecideUnknownOrder(t *testing.T) {
	if _, err := Decide(sending(t, 1), []validate.Finding{fnd(99, "R", "502201")}, received); err == nil {
		t.Error("finding on order 99 of a 4-record sending accepted")
	}
}

func TestSettle(t *testing.T) {
	f := sending(t, 2, 3) // orders: 1 10; 2 20, 3-4 50, 5 80; 6 20 (319), 7-9 50, 10 80; 11 90
	d, err := Decide(f, []validate.Finding{fnd(8, "R", "502201")}, received)
	if err != nil {
		t.Fatal(err)
	}
	// 1 of 11 = 9.09 %: over. Use a bigger sending for the settlement.
	if d.Accepted {
		t.Fatal("1/11 accepted")
	}
	f = sending(t, 2, 30) // 2+4+32+1 = 10,20,2×50,80,20,30×50,80,90 = 38 records
	d, err = Decide(f, []validate.Finding{fnd(8, "R", "502201")}, received)
	if err != nil || !d.Accepted {
		t.Fatalf("decision %+v %v", d, err)
	}
	s, err := Settle(f, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Payable) != 31 || len(s.Rejected) != 1 || s.Rejected[0].Order != 8 || s.Rejected[0].Findings[0].Retourcode != "502201" {
		t.Errorf("payable %d rejected %+v", len(s.Payable), s.Rejected)
	}
	if len(s.Totals) != 3 {
		t.Fatalf("totals %+v", s.Totals)
	}
	m306, m319, tot := s.Totals[0], s.Totals[1], s.Totals[2]
	if m306.Mutualiteit != "306" || m306.Asked != 20000 || m306.Accepted != 20000 || m306.Refused != 0 || m306.Records != 4 {
		t.Errorf("306: %+v", m306)
	}
	if m319.Mutualiteit != "319" || m319.Asked != 300000 || m319.AcceptedA != 290000 || m319.RefusedA != 10000 || m319.Records != 32 {
		t.Errorf("319: %+v", m319)
	}
	if tot.Record != "92" || tot.Mutualiteit != "399" || tot.Accepted != 310000 || tot.Refused != 10000 {
		t.Errorf("total: %+v", tot)
	}
	po := s.Order
	if po.Amount != 310000 || po.Due != (vsb.Date{Year: 2027, Month: time.January, Day: 13}) || po.Sending != 12 || po.IBAN != "BE68539007547034" {
		t.Errorf("payment order %+v", po)
	}
	// DF017 as an event: JSON and back.
	js, err := json.Marshal(po)
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != `{"df":"DF017","sending":12,"third_party":"071234567890","iban":"BE68539007547034","bic":"GEBABEBB","amount":"3100.00","received":"2026-12-02","due":"2027-01-13"}` {
		t.Errorf("json %s", js)
	}
	var back PaymentOrder
	if err := json.Unmarshal(js, &back); err != nil || back != po {
		t.Errorf("json round trip %+v %v", back, err)
	}
	if _, err := Settle(f, &Decision{Reason: Blocking}); err == nil {
		t.Error("settlement of a refused sending")
	}
}

func TestValidateAndReplies(t *testing.T) {
	f := sending(t, 2, 30)
	tech := Validate(f)
	if !tech.Accepted || tech.Reply != "931000" {
		t.Fatalf("technical %+v", tech)
	}
	r := FileAccepted(f)
	if r.Type != "931000" || r.DF() != "DF011" || r.Sending != 12 || r.Year != 2026 || r.Month != 11 || !r.Test {
		t.Errorf("931000 %+v", r)
	}
	// One wrong check number: DF012 with code 509902 on order 3.
	b := f.Bytes()
	off := 227 + 2*350 + 348
	b[off] = '9'
	b[off+1] = '9'
	g, err := vsb.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	tech = Validate(g)
	if tech.Accepted || tech.Reply != "920999" || len(tech.Findings) != 1 || tech.Findings[0].Retourcode != "509902" {
		t.Fatalf("technical %+v", tech)
	}
	r = FileRefused(g, tech)
	if r.DF() != "DF012" || len(r.Echoes) != 1 || vsb.Order(r.Echoes[0].Record) != 3 || r.Echoes[0].Rejections[0] != (vsb.Rejection{Letter: "B", Code: "509902"}) {
		t.Errorf("920999 %+v", r)
	}

	d, _ := Decide(f, []validate.Finding{vsb.NewFinding(8, "50", "1", "500130", ""), vsb.NewFinding(8, "50", "1", "500119", ""),
		vsb.NewFinding(8, "50", "3", "500303", ""), vsb.NewFinding(8, "50", "1", "500118", "")}, received)
	r = SendingReply(f, d)
	if r.Type != "920098" || r.ErrorPercentage != 264 || len(r.Echoes) != 2 || len(r.Echoes[0].Rejections) != 3 || len(r.Echoes[1].Rejections) != 1 {
		t.Errorf("920098: %s pct %d echoes %+v", r.Type, r.ErrorPercentage, r.Echoes)
	}
	s, _ := Settle(f, d)
	sr, err := SettlementReply(f, d, s)
	if err != nil || sr.DF() != "DF015" || len(sr.Settlement) != 3 {
		t.Errorf("920900 %+v %v", sr, err)
	}
	d, _ = Decide(f, []validate.Finding{vsb.NewFinding(1, "10", "7", "100721", "")}, received)
	r = SendingReply(f, d)
	if r.Type != "920099" || r.DF() != "DF013" || r.RefusalType != 1 || r.Echoes[0].Rejections[0].Letter != "B" {
		t.Errorf("920099 %+v", r)
	}
	if _, err := SettlementReply(f, d, s); err == nil {
		t.Error("afrekenbestand for a refused sending")
	}
}

// A wrong record-95 total carries its code and letter (950410 B, the project's code for
// the 95, which the dictionary does not cover), so the decision refuses the sending
// (920099) instead of answering 920098.
func TestWrong95TotalRefuses(t *testing.T) {
	f := sending(t, 2, 3)
	for i, r := range f.Records {
		if code(r) == "95" {
			l := vsb.LayoutOf("95")
			b := []byte(r.Text)
			if err := record.PutInt(b, l, l.Field("404"), recordInt(r, "404")+1); err != nil {
				t.Fatal(err)
			}
			f.Records[i].Text = string(b)
			break
		}
	}
	if tech := Validate(f); !tech.Accepted {
		t.Fatalf("technical %v", tech.Findings)
	}
	content, err := Content(f)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decide(f, content, received)
	if err != nil {
		t.Fatal(err)
	}
	if d.Accepted || d.Reason != Blocking || d.Reply != vsb.MsgSendingRefused {
		t.Errorf("decision %s %s, want 920099 for a blocking error; findings %v", d.Reply, d.Reason, d.Findings)
	}
}
