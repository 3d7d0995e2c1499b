package validate

import (
	"hash/maphash"
	"strings"
	"testing"
	"unsafe"
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

// refSum takes the fingerprint prefetchRef computed ahead only for the same reference
// number of the same record type: the same bytes at the same place, the same length, the
// same type. Anything else is computed afresh, as uniqueRefs would without the prefetch.
func TestRefSumAhead(t *testing.T) {
	e := &engine{refSeed: maphash.MakeSeed()}
	for i := range e.refMix {
		e.refMix[i] = uint64(i+1) * 0x9e3779b97f4a7c15
	}
	fresh := func(ref string, code int) uint64 { return maphash.String(e.refSeed, ref) ^ e.refMix[code] } // the definition, written out
	text := "04REF0001REF00012"
	ref := text[2:9]   // "REF0001"
	same := text[9:16] // "REF0001" again, elsewhere in memory
	e.refAhead = refAhead{text: unsafe.StringData(ref), n: len(ref), code: 4, sum: 42}
	cases := []struct {
		name string
		ref  string
		code int
		want uint64
	}{
		{"the number computed ahead", ref, 4, 42},
		{"equal text at another place", same, 4, fresh(same, 4)},
		{"the same place, shorter", ref[:6], 4, fresh(ref[:6], 4)},
		{"the same place, longer", text[2:10], 4, fresh(text[2:10], 4)},
		{"the same number, another record type", ref, 6, fresh(ref, 6)},
	}
	for _, c := range cases {
		if got := e.refSum(c.ref, c.code); got != c.want {
			t.Errorf("%s: refSum(%q, %d) = %#x, want %#x", c.name, c.ref, c.code, got, c.want)
		}
	}
	e.refAhead = refAhead{}
	if got, want := e.refSum(ref, 4), fresh(ref, 4); got != want {
		t.Errorf("nothing computed ahead: refSum = %#x, want %#x", got, want)
	}
}
