package retour_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The validator's findings on the seed's faulty declarations become the outcomes the seed
// shows: 8007 on prestatie 4 (example 4b), 0150 for the file (example 3a).
func TestFromFindings(t *testing.T) {
	for _, std := range declStandards {
		for _, tc := range []struct {
			variant string
			file    []string
			records map[retour.Key][]string
		}{
			{"base", nil, map[retour.Key][]string{}},
			{"date", nil, map[retour.Key][]string{k("04", 4): {"8007"}}},
			{"total", []string{"0150"}, map[retour.Key][]string{}},
			// Seed 002 example 6 has 0435 and 0423; the validator answers a BSN that fails
			// the elfproef with 0435 and a key that differs from the verzekerde with 8150.
			{"key", nil, map[retour.Key][]string{k("04", 4): {"0435", "8150"}}},
		} {
			data := seedFile(t, std, tc.variant)
			rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Today: record.NewDate(2011, 4, 10)})
			if err != nil {
				t.Fatal(err)
			}
			out, dropped, err := retour.FromFindings(readFile(t, data), rep.Findings)
			if err != nil {
				t.Fatal(err)
			}
			if dropped != 0 {
				t.Errorf("%s %s: %d codes dropped", std.Code(), tc.variant, dropped)
			}
			if !slices.Equal(out.File, tc.file) {
				t.Errorf("%s %s: file codes %v, want %v", std.Code(), tc.variant, out.File, tc.file)
			}
			if len(out.Records) != len(tc.records) {
				t.Errorf("%s %s: outcomes %v, want %v", std.Code(), tc.variant, out.Records, tc.records)
			}
			for key, want := range tc.records {
				if got := out.Records[key].Codes; !slices.Equal(got, want) {
					t.Errorf("%s %s %v: codes %v, want %v", std.Code(), tc.variant, key, got, want)
				}
			}
		}
	}
}
