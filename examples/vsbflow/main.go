package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
	"github.com/zorgbericht/zorgbericht/vsb/voorziening"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

func main() {
	dir := flag.String("o", "", "also write the messages into this directory")
	flag.Parse()
	if err := run(os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "vsbflow:", err)
		os.Exit(1)
	}
}

// zending is the facility's November invoicing: 20 residents, 30 days each, one with a
// wrong unit count (an invented content error the zorgkas will reject).
func zending() *vsb.Zending {
	z := &vsb.Zending{
		Test: true, MessageRef: 20261100000001, FileRef: "WZC-NOV-2026", ContactName: "DE SMET", ContactFirst: "AN",
		ContactPhone: "0471234567", InvoiceType: 3, Mode: 1,
		Number: 11, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: vsb.NewDate(2026, time.December, 1), BCE: "0123456749", Reference: "NOV-2026",
		BIC: "GEBABEBB", IBAN: "BE68539007547034",
	}
	for i := range 20 {
		dest := []string{"306", "319", "501"}[i%3]
		fa := vsb.Factuur{Mutualiteit: dest, Destination: dest, INSZ: insz(850101000 + i*10), Sex: 1 + i%2, Type: 3,
			Establishment: "071234567890", Number: int64(2026110 + i), Date: vsb.NewDate(2026, time.November, 30),
			Reference: fmt.Sprintf("BEWONER-%02d", i+1)}
		for d := 1; d <= 30; d += 10 {
			fa.Prestaties = append(fa.Prestaties, vsb.Prestatie{Code: 761294, Provider: "071234567890", Amount: vsb.Cents(41152), Units: 10,
				First: vsb.NewDate(2026, time.November, d), Last: vsb.NewDate(2026, time.November, d+9)})
		}
		z.Facturen = append(z.Facturen, fa)
	}
	return z
}

// insz is an invented INSZ with valid check digits (97 - the nine digits mod 97), in
// the 13 positions of zone 8a,8b.
func insz(base int) string { return fmt.Sprintf("00%09d%02d", base, 97-base%97) }

// unitsRules is an invented content rule set: a line of more than 10 days is rejected
// (R). Its rule runs on the validation engine beside the format's own rules.
var unitsRules = &validate.RuleSet{Name: "example", Rules: []*validate.Rule{{
	ID:      "EXAMPLE-UNITS",
	Doc:     "A prestatie (50) of more than 10 units is rejected (500130).",
	Records: []string{"50"},
	Record: func(p *validate.Pass, rec *validate.Record) {
		// The records are the generated types of vsb/efact.
		var pr ef920000v20.Prestatie
		if pr.Parse(rec.RawText()) != nil {
			return // the technical validation reports that
		}
		if u := pr.SigneNombreDunites; u > 10 {
			vsb.Fail(p, rec, "22", "500130", fmt.Sprintf("%d units for a period of 10 days", u))
		}
	},
}}}

func run(w io.Writer, dir string) error {
	save := func(name string, b []byte) error {
		if dir == "" {
			return nil
		}
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	sendReply := func(r *vsb.Reply) (*vsb.Reply, error) {
		var b bytes.Buffer
		if err := vsb.EncodeReply(&b, r); err != nil {
			return nil, err
		}
		if err := save(fmt.Sprintf("%s-%03d.txt", r.Type, r.Sending), b.Bytes()); err != nil {
			return nil, err
		}
		return vsb.DecodeReply(b.Bytes()) // what the facility receives
	}
	received := vsb.NewDate(2026, time.December, 2)

	// 1. The facility sends; the first attempt has a broken check number (a transport fault).
	z := zending()
	z.Facturen[4].Prestaties[1].Units = 30 // the content error
	var msg bytes.Buffer
	if err := vsb.Encode(&msg, z); err != nil {
		return err
	}
	broken := bytes.Clone(msg.Bytes())
	broken[227+3*350+348] = '0' // zone 99 of record 000004
	fmt.Fprintf(w, "facility: sends zending %d (%d invoices, %d characters)\n", z.Number, len(z.Facturen), len(broken))

	// 2. The zorgkas: technical validation.
	f, err := vsb.Decode(broken)
	if err != nil {
		return err
	}
	tech := zorgkas.Validate(f)
	r, err := sendReply(zorgkas.FileRefused(f, tech))
	if err != nil {
		return err
	}
	fmt.Fprint(w, "facility reads: ", voorziening.Read(r))

	// 3. The facility resends as the 920999 rule says: same number, invoice type and dates.
	again, err := voorziening.Resubmit(z, r, vsb.NewDate(2026, time.December, 2))
	if err != nil {
		return err
	}
	if p := voorziening.CheckResubmission(z, again, r.Type); len(p) > 0 {
		return fmt.Errorf("resubmission: %v", p)
	}
	msg.Reset()
	if err := vsb.Encode(&msg, again); err != nil {
		return err
	}
	if err := save("920000-011.txt", msg.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(w, "facility: resends zending %d created %s\n", again.Number, again.Created)

	// 4. The zorgkas again: technical, then content.
	f, err = vsb.Decode(msg.Bytes())
	if err != nil {
		return err
	}
	if tech = zorgkas.Validate(f); !tech.Accepted {
		return fmt.Errorf("resubmission refused: %v", tech.Findings)
	}
	if r, err = sendReply(zorgkas.FileAccepted(f)); err != nil {
		return err
	}
	fmt.Fprint(w, "facility reads: ", voorziening.Read(r))
	content, err := zorgkas.Content(f, unitsRules)
	if err != nil {
		return err
	}
	d, err := zorgkas.Decide(f, content, received)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "zorgkas: %d of %d records rejected (%d.%02d %%): %s\n", d.Rejected, d.Records, d.Percentage/100, d.Percentage%100, d.Reason)
	if r, err = sendReply(zorgkas.SendingReply(f, d)); err != nil {
		return err
	}
	fmt.Fprint(w, "facility reads: ", voorziening.Read(r))
	if !d.Accepted {
		return nil
	}

	// 5. Settlement and payment order.
	s, err := zorgkas.Settle(f, d)
	if err != nil {
		return err
	}
	sr, err := zorgkas.SettlementReply(f, d, s)
	if err != nil {
		return err
	}
	if r, err = sendReply(sr); err != nil {
		return err
	}
	fmt.Fprint(w, "facility reads: ", voorziening.Read(r))
	for _, l := range s.Rejected {
		fc, _ := foutcode.Lookup(l.Findings[0].Retourcode)
		fmt.Fprintf(w, "  rejected line %06d (code %d, %s): %s\n", l.Order, l.Code, l.Amount, fc.NL)
	}
	po := s.Order
	fmt.Fprintf(w, "zorgkas: DF017 payment order for zending %d: %s to %s, due %s\n", po.Sending, po.Amount, po.IBAN, po.Due)
	return nil
}
