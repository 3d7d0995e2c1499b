//go:build integration

package zorgkas

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

func kinds(ms []Message) string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.To)+":"+m.Kind())
	}
	return strings.Join(out, " ")
}

func rs(orders ...int) []validate.Finding {
	var out []validate.Finding
	for _, o := range orders {
		out = append(out, vsb.NewFinding(o, "50", "4", "500430", ""))
	}
	return out
}

// Seed 001: a refusal for the percentage "wordt (in een eerste tijd) pas aan de
// zorgvoorziening gestuurd, nadat de zorgkas de automatisch uitgevoerde controle ... heeft
// bevestigd"; for a sending whose every prestatie is refused "moet de zorgkasmedewerker de
// weigering bevestigen, dan pas vertrekt er een antwoord weigering (920099)".
func TestDeskRefusalWaitsForConfirmation(t *testing.T) {
	for _, tt := range []struct {
		name     string
		file     *vsb.File
		findings []validate.Finding
		reason   Reason
	}{
		{"6 of 100 records rejected", sending(t, 2, 92), rs(7, 8, 9, 10, 11, 12), OverThreshold},
		{"every prestatie rejected", sending(t, 1), rs(3), AllRejected},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := &MemoryHistory{}
			desk := &Desk{History: h}
			c, out, err := desk.Receive(t.Context(), tt.file, received, tt.findings...)
			if err != nil {
				t.Fatal(err)
			}
			if kinds(out) != "zorgvoorziening:931000" || c.Decision.Reason != tt.reason || c.Sending.State != StateAwaitingConfirmation {
				t.Fatalf("sent %q, reason %s, state %s: want only the 931000 until an employee confirms", kinds(out), c.Decision.Reason, c.Sending.State)
			}
			if _, err := desk.Sign(t.Context(), c, "J. Peeters", received); !errors.Is(err, ErrWrongStep) {
				t.Errorf("Sign on a refusal: %v", err)
			}
			if _, err := desk.Confirm(t.Context(), c, ""); err == nil {
				t.Error("a confirmation by nobody was accepted")
			}
			out, err = desk.Confirm(t.Context(), c, "J. Peeters")
			if err != nil || kinds(out) != "zorgvoorziening:920099" || out[0].Reply.RefusalType != 2 {
				t.Fatalf("Confirm: %q, %v", kinds(out), err)
			}
			if kept, _ := h.Get(t.Context(), c.Sending.ID); kept.State != StateRefused || kept.Reply != "920099" {
				t.Errorf("history holds %s %s", kept.State, kept.Reply)
			}
			if _, err := desk.Confirm(t.Context(), c, "J. Peeters"); !errors.Is(err, ErrWrongStep) {
				t.Errorf("a second confirmation: %v", err)
			}
			if len(c.Sent) != 2 {
				t.Errorf("case sent %q", kinds(c.Sent))
			}
		})
	}
}

// A blocking error refuses the sending at once: no confirmation. Here the zending
// number was used before (100721, B).
func TestDeskBlockingRefusalLeavesAtOnce(t *testing.T) {
	h := &MemoryHistory{}
	desk := &Desk{History: h}
	c, _, err := desk.Receive(t.Context(), sending(t, 2, 30), received)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := desk.Sign(t.Context(), c, "J. Peeters", received); err != nil {
		t.Fatal(err)
	}
	again, err := vsb.Build(zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 20) }))
	if err != nil {
		t.Fatal(err)
	}
	c, out, err := desk.Receive(t.Context(), again, day(2026, 12, 21))
	if err != nil {
		t.Fatal(err)
	}
	if kinds(out) != "zorgvoorziening:931000 zorgvoorziening:920099" || c.Sending.State != StateRefused || c.Decision.Reason != Blocking {
		t.Fatalf("sent %q, state %s, reason %s", kinds(out), c.Sending.State, c.Decision.Reason)
	}
	if r := out[1].Reply; r.RefusalType != 1 || r.Echoes[0].Rejections[0] != (vsb.Rejection{Letter: "B", Code: "100721"}) {
		t.Errorf("920099: refusal type %d, echoes %+v", r.RefusalType, r.Echoes)
	}
	if _, err := desk.Confirm(t.Context(), c, "J. Peeters"); !errors.Is(err, ErrWrongStep) {
		t.Errorf("Confirm after a blocking refusal: %v", err)
	}
}

// Seed 001: "De zorgkasmedewerker moet de zending ondertekenen als er geen blokkerende
// fouten zijn en als het aantal verworpen records ≤ 5%", and signing sends the 920098
// and the 920900 to the facility, the betaalopdracht (DF017) to the zorgkas and a
// "notificatie aanvaarde prestaties" to the mutualiteiten.
func TestDeskSigning(t *testing.T) {
	h := &MemoryHistory{}
	desk := &Desk{History: h}
	// Orders: 1 = 10; 2 = 20, 3-4 = 50, 5 = 80; 6 = 20, 7-36 = 50, 37 = 80; 38 = 90.
	f := sending(t, 2, 30)
	c, out, err := desk.Receive(t.Context(), f, received, rs(4)...)
	if err != nil {
		t.Fatal(err)
	}
	if kinds(out) != "zorgvoorziening:931000" || c.Sending.State != StateAwaitingSignature || !c.Decision.Accepted {
		t.Fatalf("sent %q, state %s: want the 931000 only, and a signature to wait for", kinds(out), c.Sending.State)
	}
	if _, err := desk.Confirm(t.Context(), c, "J. Peeters"); !errors.Is(err, ErrWrongStep) {
		t.Errorf("Confirm on an acceptance: %v", err)
	}

	// Another process takes the same sending up again (e.g. `zorgcheck vsb answer -sign`):
	// it is the waiting case, not a second sending with the same number.
	desk2 := &Desk{History: h}
	c2, out, err := desk2.Receive(t.Context(), f, received, rs(4)...)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 0 || c2.Sending.ID != c.Sending.ID || len(c2.Decision.Findings) != 1 {
		t.Fatalf("taken up again: sent %q, id %d (want %d), findings %v", kinds(out), c2.Sending.ID, c.Sending.ID, c2.Decision.Findings)
	}

	signed := day(2026, 12, 4)
	out, err = desk2.Sign(t.Context(), c2, "J. Peeters", signed)
	if err != nil {
		t.Fatal(err)
	}
	if kinds(out) != "zorgvoorziening:920098 zorgvoorziening:920900 zorgkas:DF017 mutualiteiten:notification" {
		t.Fatalf("signing sent %q", kinds(out))
	}
	pay := out[2].Payment
	if pay.DF != "DF017" || pay.Amount != 31*10000 || pay.Due != day(2027, 1, 13) || pay.Sending != 12 || pay.IBAN != "BE68539007547034" {
		t.Errorf("payment order %+v: want 31 × 100.00 due 2027-01-13 (6 weeks after 2026-12-02)", pay)
	}
	n := out[3].Notification
	if len(n.Prestaties) != 31 || n.SignedBy != "J. Peeters" || n.Signed != signed || n.Sending != 12 || n.ThirdParty != "071234567890" {
		t.Fatalf("notification: %d prestaties, %+v", len(n.Prestaties), n)
	}
	for _, p := range n.Prestaties {
		if p.Order == 4 {
			t.Error("the rejected prestatie is in the notification")
		}
	}
	p := n.Prestaties[0]
	if p.Order != 3 || p.Code != 761294 || p.Amount != 10000 || p.Units != 1 || p.Invoice != 1 || p.Mutualiteit != "306" ||
		p.First != day(2026, 11, 1) || p.INSZ.Full() != "0085010112387" {
		t.Errorf("first accepted prestatie %+v", p)
	}
	if q := n.Prestaties[1]; q.Order != 7 || q.Destination != "319" || q.Invoice != 2 {
		t.Errorf("second accepted prestatie %+v", q)
	}
	j, _ := json.Marshal(n)
	printed := fmt.Sprintf("%v %+v %#v %s", p, p, n, j)
	if strings.Contains(printed, "0085010112387") || !strings.Contains(printed, "**********387") {
		t.Errorf("the INSZ is not masked when printed:\n%s", printed)
	}
	if kept, _ := h.Get(t.Context(), c.Sending.ID); kept.State != StateSettled || kept.Reply != "920900" {
		t.Errorf("history holds %s %s", kept.State, kept.Reply)
	}
	if _, err := desk2.Sign(t.Context(), c2, "J. Peeters", signed); !errors.Is(err, ErrWrongStep) {
		t.Errorf("a second signature: %v", err)
	}
}

// Seed 001: a file refused by the technical validation (920999) is answered at once;
// its resubmission keeps the zending number, the invoice type and the facturatiedatum,
// with a new creation date, and is not a second use of the number.
func TestDeskFileRefusedAndResubmitted(t *testing.T) {
	h := &MemoryHistory{}
	desk := &Desk{History: h}
	good, err := vsb.Build(zending(nil))
	if err != nil {
		t.Fatal(err)
	}
	b := good.Bytes()
	off := 227 + 2*350 + 348 // record 3's check number
	b[off], b[off+1] = '9', '9'
	bad, err := vsb.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	c, out, err := desk.Receive(t.Context(), bad, day(2026, 12, 2))
	if err != nil {
		t.Fatal(err)
	}
	if kinds(out) != "zorgvoorziening:920999" || c.Sending.State != StateFileRefused || c.Decision != nil {
		t.Fatalf("sent %q, state %s", kinds(out), c.Sending.State)
	}
	again, err := vsb.Build(zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 2) }))
	if err != nil {
		t.Fatal(err)
	}
	c, out, err = desk.Receive(t.Context(), again, day(2026, 12, 2))
	if err != nil {
		t.Fatal(err)
	}
	if kinds(out) != "zorgvoorziening:931000" || c.Sending.State != StateAwaitingSignature || c.Sending.Resubmits == 0 {
		t.Errorf("resubmission: sent %q, state %s, resubmits %d, findings %v", kinds(out), c.Sending.State, c.Sending.Resubmits, c.Decision.Findings)
	}
}
