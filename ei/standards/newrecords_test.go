package standards_test

import (
	"reflect"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// TestNewRecords: for every record type of every standard, NewRecords fills a batch with
// distinct empty records of the type NewRecord makes, as does a standard built without a
// batch function (record.NewStandard alone); for a code without record type it reports
// false and leaves the batch as it was.
func TestNewRecords(t *testing.T) {
	for _, std := range standards.Registry().All() {
		plain := record.NewStandard(std.Info(), std.Records(), std.NewRecord)
		for _, s := range []*record.Standard{std, plain} {
			for _, l := range s.Records() {
				recs := make([]record.Record, 5)
				if !s.NewRecords(l.Code(), recs) {
					t.Fatalf("%s: NewRecords(%q) = false", s, l.Code())
				}
				want := s.NewRecord(l.Code())
				for i, r := range recs {
					if reflect.TypeOf(r) != reflect.TypeOf(want) || !reflect.DeepEqual(r, want) {
						t.Fatalf("%s %s: record %d is %#v, want %#v", s, l.Code(), i, r, want)
					}
					for _, o := range recs[:i] {
						if o == r {
							t.Fatalf("%s %s: record %d is record %d again", s, l.Code(), i, i-1)
						}
					}
				}
			}
			recs := []record.Record{nil, nil}
			if s.NewRecords("x7", recs) || recs[0] != nil || recs[1] != nil {
				t.Errorf("%s: NewRecords(\"x7\") = true or filled %v", s, recs)
			}
		}
	}
}
