package retour_test

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/retour"
)

// Seed 002 example 2a: a declaration addressed to UZOVI 9900, a number no zorgverzekeraar
// has (not in the UZOVI register), is not connected: the portal answers 0001 + 8198
// without being told which numbers are connected. -connected narrows further.
func TestNotConnected(t *testing.T) {
	for _, std := range declStandards {
		for _, tc := range []struct {
			variant   string
			role      retour.Role
			connected []int64
			want      bool
		}{
			{"base", retour.Portal, nil, false},       // 0736 is in the register
			{"uzovi9900", retour.Portal, nil, true},   // example 2a
			{"uzovi9900", retour.Insurer, nil, false}, // the insurer is the addressee
			{"base", retour.Portal, []int64{3311}, true},
			{"base", retour.Portal, []int64{3311, 736}, false},
			{"base", retour.Insurer, []int64{3311}, true},
			{"uzovi9900", retour.Portal, []int64{9900}, true}, // narrows, never widens the register
		} {
			decl := readFile(t, seedFile(t, std, tc.variant))
			got, err := retour.NotConnected(decl, tc.role, retour.Addressing{Connected: tc.connected})
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%s %s %s connected %v: not connected %v, want %v", std.Code(), tc.variant, tc.role, tc.connected, got, tc.want)
			}
		}
	}
}
