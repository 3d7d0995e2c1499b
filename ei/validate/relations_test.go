package validate

import (
	"strings"
	"testing"
)

// trimSpaces is strings.TrimRight(v, " ") (the reference number N5-UNIQUE fingerprints),
// over every length around its eight-space steps.
func TestTrimSpaces(t *testing.T) {
	cases := []string{"", " ", "A", "A ", " A", "A B", "AB       ", "\tA\t ", "A\u00a0 ", "AB CD EF GH   ", "1234567 9 ", "\u00e9\u00e9\u00e9\u00e9 "}
	for n := range 20 {
		for _, v := range []string{"REF1", "", " X", "12345678"} {
			cases = append(cases, v+strings.Repeat(" ", n), strings.Repeat(" ", n)+v)
		}
	}
	for _, v := range cases {
		if got, want := trimSpaces(v), strings.TrimRight(v, " "); got != want {
			t.Errorf("trimSpaces(%q) = %q, want %q", v, got, want)
		}
	}
}
