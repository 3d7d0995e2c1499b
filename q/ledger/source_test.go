//go:build integration

package ledger

import (
	"context"
	"errors"
	"github.com/zorgbericht/zorgbericht/q/internal/fingerprint"
	"reflect"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// sourceOf returns dl read through Source: one Record variable reused for every record
// (as a streaming reader does), and a count of the passes made over it.
func sourceOf(dl *Delivery, passes *int) *Delivery {
	recs := dl.Records
	return &Delivery{Name: dl.Name, Header: dl.Header, Count: len(recs), Source: func(fn func(*Record) error) error {
		*passes++
		var r Record
		for i := range recs {
			r = recs[i]
			if err := fn(&r); err != nil {
				return err
			}
			r = Record{Identificatie: "overwritten", Risicodrager: "XXXX"} // what the ledger kept must be its own
		}
		return nil
	}}
}

// TestApplySource applies the same deliveries held in Records and read through Source, in
// two ledgers: the plans (findings, closes, adds) and the ledgers are the same, and
// Source is read once, twice only when the file holds an identificatie twice.
func TestApplySource(t *testing.T) {
	ctx := context.Background()
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			held, streamed := openLedger(t, db.dsn(t)), openLedger(t, db.dsn(t))
			rds := []string{"7119", "0104"}
			first := file("7119", "0001", 1, "20160202", "20160101", "20160131", rds, daysOf("20160101", "20160131")...)
			// Refused: a record outside the period and an identificatie twice (records 3 and 5).
			bad := file("7119", "0001", 2, "20160203", "20160101", "20160131", rds, daysOf("20160101", "20160131")...)
			bad.Records[4].Identificatie = bad.Records[2].Identificatie
			bad.Records[7].Verwerkingsdatum = d("20160201")
			// A re-delivery without one of the risicodragers: closes, not replaced (QL030, a warning).
			again := file("7119", "0001", 3, "20160204", "20160101", "20160131", rds[:1], daysOf("20160101", "20160131")...)
			for _, dl := range []*Delivery{first, bad, again} {
				passes := 0
				p1, err1 := held.Apply(ctx, dl, Options{})
				p2, err2 := streamed.Apply(ctx, sourceOf(dl, &passes), Options{})
				if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
					t.Fatalf("%s: errors differ: Records %v, Source %v", dl.Name, err1, err2)
				}
				if !reflect.DeepEqual(p1, p2) {
					t.Errorf("%s: plans differ:\nRecords %+v\nSource  %+v", dl.Name, p1, p2)
				}
				wantPasses := 1
				if dl == bad {
					wantPasses = 2
					if !errors.Is(err2, ErrRefused) {
						t.Fatalf("%s: %v, want refused", dl.Name, err2)
					}
					got := codes(p2.Findings, validate.Error)
					if want := []Code{CodeDuplicateIdentificatie, CodeOutsidePeriod}; !reflect.DeepEqual(got, want) {
						t.Errorf("%s: errors %v, want %v", dl.Name, got, want)
					}
					if f := p2.Findings[0]; prestatierecord(f) != 5 || f.Message != "identificatie prestatierecord also in prestatierecord 3" {
						t.Errorf("%s: duplicate finding %+v, want record 5 naming record 3", dl.Name, f)
					}
				}
				if passes != wantPasses {
					t.Errorf("%s: Source read %d times, want %d", dl.Name, passes, wantPasses)
				}
			}
			r1, r2 := allRecords(t, held), allRecords(t, streamed)
			if len(r1) != 31*2+31 { // the first file's 62, closed, and the re-delivery's 31
				t.Errorf("ledger holds %d records, want 93", len(r1))
			}
			if !reflect.DeepEqual(r1, r2) {
				t.Errorf("the ledgers differ: %d records from Records, %d from Source", len(r1), len(r2))
			}
			e1, _ := held.Events(ctx, "", "")
			e2, _ := streamed.Events(ctx, "", "")
			for i := range e1 {
				e1[i].Applied = e2[i].Applied
			}
			if !reflect.DeepEqual(e1, e2) {
				t.Errorf("events differ:\n%+v\n%+v", e1, e2)
			}
		})
	}
}

// TestSummaryFingerprintCollision: two identificaties sharing a fingerprint are not a
// duplicate; the text decides.
func TestSummaryFingerprintCollision(t *testing.T) {
	dl := file("7119", "0001", 1, "20160202", "20160101", "20160131", []string{"7119"}, "20160105", "20160106", "20160107")
	s := newSummary(dl.Header)
	defer s.close()
	for i := range dl.Records {
		if err := s.add(&dl.Records[i]); err != nil {
			t.Fatal(err)
		}
	}
	// As if records 1 and 3 had collided.
	s.twice = map[uint64]struct{}{fingerprint.Of(dl.Records[0].Identificatie): {}, fingerprint.Of(dl.Records[2].Identificatie): {}}
	if err := s.finish(dl); err != nil {
		t.Fatal(err)
	}
	if len(s.dups) != 0 {
		t.Errorf("findings %+v for distinct identificaties", s.dups)
	}
}
