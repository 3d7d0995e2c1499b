package validate_test

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The 99 of a return (MZ302, AP305, EP302, from their BERs): TOTAAL INGEDIEND
// DECLARATIEBEDRAG "Vulling is gelijk aan TOTAAL DECLARATIEBEDRAG in het heenbericht",
// while only some records come back (DOMAIN §4: the rejected ones; none but 01 and 99 when
// all is allowed, with toegekend = ingediend). Neither total is the sum of the records
// returned, and a return that says so must be accepted.
func TestReturnTotalsAreTheDeclarations(t *testing.T) {
	decl := mz301Lines(t)
	mz301, err := standards.Registry().Parse("MZ301@1.3")
	if err != nil {
		t.Fatal(err)
	}
	mz302, err := standards.Registry().Parse("MZ302@1.3")
	if err != nil {
		t.Fatal(err)
	}
	f := mz301.Layout("99").Field("9907")
	total := decl[len(decl)-1][f.Start-1 : f.End] // the declaration's TOTAAL DECLARATIEBEDRAG
	set := func(lines []string, line int, field, v string) {
		g := mz302.Layout("99").Field(field)
		put(lines, line, g.Start, v)
	}
	for _, tc := range []struct {
		name string
		keep []int
		// toegekend: the 99 allows everything declared (all accepted) or what the returned
		// records allow
		allAccepted bool
	}{
		{"all accepted: only 01 and 99", nil, true},
		{"one verzekerde with a prestatie returned", []int{5, 7, 8}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.SplitAfter(partialReturn(decl, tc.keep...), "\r\n")
			last := len(lines) - 1
			if lines[last] == "" {
				last--
			}
			set(lines, last+1, "9907", total)
			if tc.allAccepted {
				set(lines, last+1, "9909", total)
				put(lines, 1, 343, "8001") // RETOURCODE (01): declaratie is volledig toegewezen
			}
			rep := validateString(t, strings.Join(lines, ""), validate.Options{Registry: standards.Registry()})
			for _, fd := range rep.Findings {
				if fd.Rule == "N5-TOTAL" {
					t.Errorf("the 99 repeats the declaration's total, yet: %s", fd.Error())
				}
			}
		})
	}
}
