//go:build integration

package vsb_test

import (
	"fmt"
	"github.com/zorgbericht/zorgbericht/ei/record"
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
	content, err := zorgkas.Content(f)
	if err != nil {
		return fmt.Errorf("content: %w", err)
	}
	d, err := zorgkas.Decide(f, content, received)
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
		code := base.Records[ri].Text[:2]
		if !carried[code] {
			continue
		}
		l := vsb.LayoutOf(code)
		for _, fl := range l.Fields() {
			var ms []mutation
			switch fl.Type {
			case record.Numeric:
				num := dictionaryCodes(code, fl.Number, "niet numeriek", "formaat foutief", "verschillend van nul", "niet toegelaten")
				if len(num) == 0 {
					num = nil
				}
				ms = append(ms, mutation{"space", 0, ' ', num}, mutation{"letter", fl.Length - 1, 'X', num})
				if zero := dictionaryCodes(code, fl.Number, "Inhoud zone verschillend van nul", "Inhoud zone "+fl.Number+" verschillend van nul"); len(zero) > 0 && !strings.Contains(fl.Number, ",") {
					ms = append(ms, mutation{"non-zero", fl.Length - 1, '1', zero})
				}
			case record.Signed:
				sign := dictionaryCodes(code, fl.Number, "+ of -")
				if len(sign) == 0 { // the zone has no sign code: its "niet numeriek" code
					sign = dictionaryCodes(code, fl.Number, "niet numeriek")
				}
				ms = append(ms, mutation{"no sign", 0, '0', sign})
			}
			for _, m := range ms {
				msg := base.Bytes()
				off := int(base.Records[ri].Offset)
				b := msg[off : off+vsb.RecordLength]
				if b[fl.Start-1+m.pos] == m.char {
					continue
				}
				b[fl.Start-1+m.pos] = m.char
				if fl.Role != record.RoleCheck {
					_ = record.Seal(b, l, vsb.Check97)
				}
				f, err := vsb.Decode(msg)
				if fl.Role == record.RoleRecordCode {
					// A record of no known type cannot be framed: the file is refused
					// whole (920999), saying where reading stopped.
					if err == nil {
						t.Errorf("record %s zone %s, %s: decoded", code, fl.Number, m.name)
					} else if at, ok := vsb.UnreadableReply(msg, err).StoppedAt(); !ok || at != off {
						t.Errorf("record %s zone %s, %s: 920999 stops at %d, want %d (%v)", code, fl.Number, m.name, at, off, err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				count++
				rep := vsb.Check(f)
				found := false
				order := vsb.Order(f.Records[ri])
				for _, x := range append(rep.Technical, rep.Content...) {
					if x.Line == order && x.Field == fl.Number && (m.codes == nil || m.codes[x.Retourcode]) {
						found = true
					}
				}
				if !found {
					t.Errorf("record %s (order %06d) zone %s, %s at position %d: findings %v %v, want one of %v",
						code, order, fl.Number, m.name, fl.Start+m.pos, rep.Technical, rep.Content, keys(m.codes))
				}
				if len(rep.Technical) == 0 {
					if err := answers(f); err != nil {
						t.Errorf("record %s zone %s, %s: passes the technical validation but cannot be answered: %v", code, fl.Number, m.name, err)
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
	for _, seg := range []struct {
		code string
		off  int
	}{{"200", 0}, {"300", 67}} {
		l := vsb.LayoutOf(seg.code)
		for _, fl := range l.Fields() {
			if fl.Type != record.Numeric {
				continue
			}
			for _, m := range []struct {
				pos  int
				char byte
			}{{0, ' '}, {fl.Length - 1, '9'}} {
				msg := base.Bytes()
				b := msg[seg.off : seg.off+l.Length()]
				if b[fl.Start-1+m.pos] == m.char {
					continue
				}
				b[fl.Start-1+m.pos] = m.char
				f, err := vsb.Decode(msg)
				if fl.Role == record.RoleRecordCode {
					// Not a 920000: refused whole (920999) with code erreur 03 in zone 200.
					r := vsb.UnreadableReply(msg, err)
					if err == nil || len(r.SegmentErrors) == 0 || r.SegmentErrors[0].Field != "200" {
						t.Errorf("segment %s zone %s = %q: %v, segment errors %v", seg.code, fl.Number, b[fl.Start-1:fl.End], err, r.SegmentErrors)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				rep := vsb.Check(f)
				if m.char == ' ' {
					found := false
					for _, x := range rep.Technical {
						found = found || x.Record == seg.code && x.Field == fl.Number && x.Retourcode == vsb.SegmentNotNumeric && x.Letter == "B"
					}
					if !found {
						t.Errorf("segment %s zone %s with a space: %v, want code erreur 01", seg.code, fl.Number, rep.Technical)
					}
				}
				if len(rep.Technical) == 0 {
					if err := answers(f); err != nil {
						t.Errorf("segment %s zone %s = %q: passes the technical validation but cannot be answered: %v", seg.code, fl.Number, b[fl.Start-1:fl.End], err)
					}
				}
			}
		}
	}
}
