package vsb_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

// mutationZending is a synthetic sending with every record type: two invoices for two
// mutualiteiten, a 51 and a 52. Invented numbers with valid check digits.
func mutationZending() *vsb.Zending {
	d := func(day int) vsb.Date { return vsb.Date{Year: 2026, Month: time.November, Day: day} }
	return &vsb.Zending{
		Test: true, MessageRef: 12345678901234, FileRef: "WZC-2026-11", ContactName: "DE SMET", ContactFirst: "AN",
		ContactPhone: "0471234567", InvoiceType: 3, Mode: 1, Number: 7, Content: 40, ThirdParty: "071234567890",
		Year: 2026, Month: 11, Created: vsb.Date{Year: 2026, Month: time.December, Day: 1}, BCE: "0123456749",
		Reference: "ZENDING-7", BIC: "GEBABEBB", IBAN: "BE68539007547034",
		Facturen: []vsb.Factuur{
			{Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 2, Type: 3, Establishment: "071234567890",
				Number: 1001, Date: d(30), Reference: "FACT-1001", Prestaties: []vsb.Prestatie{
					{Code: 761294, First: d(1), Last: d(30), Provider: "071234567890", Amount: 123456, Units: 30},
					{Code: 761305, First: d(3), Last: d(3), Provider: "071234567890", Amount: 100, Units: 1,
						Tussenkomst: &vsb.Tussenkomst{Code: 761305, Date: d(3), Provider: "071234567890", Amount: 100, Network: "NET-REF-1", InfoDate: d(4)},
						EID:         &vsb.EIDLezing{Code: 761305, Date: d(3), ReadDate: d(3), Support: "1", ReadType: "1", Hour: 930, Provider: "071234567890"}},
				}},
			{Mutualiteit: "319", Destination: "319", INSZ: "0090061512301", Sex: 1, Type: 3, Establishment: "071234567890",
				Number: 1002, Date: d(30), Reference: "FACT-1002", Prestaties: []vsb.Prestatie{
					{Code: 761294, First: d(1), Last: d(15), Provider: "071234567890", Amount: 61728, Units: 15},
				}},
		},
	}
}

// answers reports an error if a file that passed the technical validation cannot be
// answered: read back, decided, settled and replied to.
func answers(f *vsb.File) error {
	if _, err := f.Zending(); err != nil {
		return fmt.Errorf("read back: %w", err)
	}
	received := vsb.Date{Year: 2026, Month: time.December, Day: 2}
	d, err := zorgkas.Decide(f, zorgkas.Content(f), received)
	if err != nil {
		return fmt.Errorf("decide: %w", err)
	}
	if err := vsb.EncodeReply(io.Discard, zorgkas.SendingReply(f, d)); err != nil {
		return fmt.Errorf("reply %s: %w", d.Reply, err)
	}
	if d.Accepted {
		s, err := zorgkas.Settle(f, d)
		if err != nil {
			return fmt.Errorf("settle: %w", err)
		}
		r, err := zorgkas.SettlementReply(f, d, s)
		if err != nil {
			return fmt.Errorf("settlement reply: %w", err)
		}
		if err := vsb.EncodeReply(io.Discard, r); err != nil {
			return fmt.Errorf("settlement reply: %w", err)
		}
	}
	return nil
}

// dictionaryCodes gives the codes of ../shared/vsb/efact-errors.json (vsb/foutcode) for a
// zone of a record whose Dutch text contains one of the phrases.
func dictionaryCodes(record, zone string, phrases ...string) map[string]bool {
	n := 0
	fmt.Sscanf(zone, "%d", &n)
	prefix := fmt.Sprintf("%s%02d", record, n%100)
	out := map[string]bool{}
	for _, fc := range foutcode.All() {
		if !strings.HasPrefix(fc.Code, prefix) || strings.Contains(fc.NL, "<") {
			continue
		}
		for _, p := range phrases {
			if strings.Contains(fc.NL, p) {
				out[fc.Code] = true
			}
		}
	}
	return out
}

// A file Encode writes passes check and answer unchanged; every single-zone mutation of
// it that the dictionary calls an error (a non-digit in an N zone, a missing sign, a
// non-zero zone that must be zero) is refused with that zone's code; and every mutation
// that passes the technical validation can still be answered.
func TestMutationsOverTheLayouts(t *testing.T) {
	base, err := vsb.Build(mutationZending())
	if err != nil {
		t.Fatal(err)
	}
	if rep := vsb.Check(base); len(rep.Technical)+len(rep.Content) != 0 {
		t.Fatalf("the written file has findings: %v %v", rep.Technical, rep.Content)
	}
	if err := answers(base); err != nil {
		t.Fatalf("the written file cannot be answered: %v", err)
	}
	type mutation struct {
		name  string
		pos   int // 0-based position in the zone
		char  byte
		codes map[string]bool // one of these must be found on the zone; nil: any technical finding
	}
	carried := map[string]bool{"10": true, "20": true, "50": true, "51": true, "52": true, "80": true, "90": true}
	count := 0
	for ri := range base.Records {
		code := base.Records[ri].Code()
		if !carried[code] {
			continue
		}
		for _, fl := range base.Records[ri].Layout.Fields {
			var ms []mutation
			switch fl.Type {
			case vsb.N:
				num := dictionaryCodes(code, fl.ID, "niet numeriek", "formaat foutief", "verschillend van nul", "niet toegelaten")
				if len(num) == 0 {
					num = nil
				}
				ms = append(ms, mutation{"space", 0, ' ', num}, mutation{"letter", fl.Length - 1, 'X', num})
				if zero := dictionaryCodes(code, fl.ID, "Inhoud zone verschillend van nul", "Inhoud zone "+fl.ID+" verschillend van nul"); len(zero) > 0 && !strings.Contains(fl.ID, ",") {
					ms = append(ms, mutation{"non-zero", fl.Length - 1, '1', zero})
				}
			case vsb.SN:
				sign := dictionaryCodes(code, fl.ID, "+ of -")
				if len(sign) == 0 { // the zone has no sign code: its "niet numeriek" code
					sign = dictionaryCodes(code, fl.ID, "niet numeriek")
				}
				ms = append(ms, mutation{"no sign", 0, '0', sign})
			}
			for _, m := range ms {
				f, _ := vsb.Build(mutationZending())
				r := f.Records[ri]
				b := r.Bytes()
				if b[fl.Start-1+m.pos] == m.char {
					continue
				}
				b[fl.Start-1+m.pos] = m.char
				if fl.Role != "check" {
					r.SealCheck()
				}
				count++
				rep := vsb.Check(f)
				found := false
				for _, x := range append(rep.Technical, rep.Content...) {
					if x.Order == r.Order() && x.Zone == fl.ID && (m.codes == nil || m.codes[x.Code]) {
						found = true
					}
				}
				if !found {
					t.Errorf("record %s (order %06d) zone %s, %s at position %d: findings %v %v, want one of %v",
						code, r.Order(), fl.ID, m.name, fl.Start+m.pos, rep.Technical, rep.Content, keys(m.codes))
				}
				if len(rep.Technical) == 0 {
					if err := answers(f); err != nil {
						t.Errorf("record %s zone %s, %s: passes the technical validation but cannot be answered: %v", code, fl.ID, m.name, err)
					}
				}
			}
		}
	}
	if count < 500 {
		t.Errorf("only %d mutations", count)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Segments 200 and 300: a non-digit in an N zone is refused (code erreur 01 on the zone),
// and whatever passes the technical validation can be answered.
func TestMutationsOfTheSegments(t *testing.T) {
	base, err := vsb.Build(mutationZending())
	if err != nil {
		t.Fatal(err)
	}
	for si, seg := range []*vsb.Record{base.Segment200, base.Segment300} {
		for _, fl := range seg.Layout.Fields {
			if fl.Type != vsb.N {
				continue
			}
			for _, m := range []struct {
				pos  int
				char byte
			}{{0, ' '}, {fl.Length - 1, '9'}} {
				f, _ := vsb.Build(mutationZending())
				s := []*vsb.Record{f.Segment200, f.Segment300}[si]
				b := s.Bytes()
				if b[fl.Start-1+m.pos] == m.char {
					continue
				}
				b[fl.Start-1+m.pos] = m.char
				rep := vsb.Check(f)
				if m.char == ' ' {
					found := false
					for _, x := range rep.Technical {
						found = found || x.Record == seg.Code() && x.Zone == fl.ID && x.Code == vsb.SegmentNotNumeric && x.Letter == "B"
					}
					if !found {
						t.Errorf("segment %s zone %s with a space: %v, want code erreur 01", seg.Code(), fl.ID, rep.Technical)
					}
				}
				if len(rep.Technical) == 0 {
					if err := answers(f); err != nil {
						t.Errorf("segment %s zone %s = %q: passes the technical validation but cannot be answered: %v", seg.Code(), fl.ID, s.Raw(fl.ID), err)
					}
				}
			}
		}
	}
}
