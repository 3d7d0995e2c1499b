package retour_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
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
			// Seed 002 example 6: BSN and UZOVI-nummer of prestatie 4 differ from its
			// verzekerde's and belong to no other verzekerde of the file: not a wrong
			// physical relation, but 0435 (BSN) and 0423 (UZOVI) in retourcode (01) and (02).
			{"key", nil, map[retour.Key][]string{k("04", 4): {"0435", "0423"}}},
			{"keybsn", nil, map[retour.Key][]string{k("04", 4): {"0435"}}},
			{"keyuzovi", nil, map[retour.Key][]string{k("04", 4): {"0423"}}},
			// The 04 carries the key of another verzekerde of the file (before or after
			// it): the physical relation is wrong, 8150.
			{"keyother", nil, map[retour.Key][]string{k("04", 4): {"8150"}}},
			{"keylater", nil, map[retour.Key][]string{k("04", 2): {"8150"}}},
		} {
			data := seedFile(t, std, tc.variant)
			rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2011, 4, 10)})
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
