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

// refSum takes the fingerprint prefetchRef computed ahead only for the same field of the
// same record type: the same bytes at the same place, the same length, the same type.
// Anything else is computed afresh, as uniqueRefs would without the prefetch: from the
// number without its trailing spaces.
func TestRefSumAhead(t *testing.T) {
	e := &engine{refSeed: maphash.MakeSeed()}
	for i := range e.refMix {
		e.refMix[i] = uint64(i+1) * 0x9e3779b97f4a7c15
	}
	fresh := func(ref string, code int) uint64 { // the definition, written out
		return maphash.String(e.refSeed, strings.TrimRight(ref, " ")) ^ e.refMix[code]
	}
	text := "04REF0001  REF0001  "
	ref := text[2:11]   // "REF0001  "
	same := text[11:20] // "REF0001  " again, elsewhere in memory
	e.refAhead = refAhead{text: unsafe.StringData(ref), n: len(ref), code: 4, sum: 42}
	cases := []struct {
		name string
		ref  string
		code int
		want uint64
	}{
		{"the field computed ahead", ref, 4, 42},
		{"equal text at another place", same, 4, fresh(same, 4)},
		{"the same place, shorter", ref[:6], 4, fresh(ref[:6], 4)},
		{"the same place, without its spaces", ref[:7], 4, fresh(ref[:7], 4)},
		{"the same place, longer", text[2:12], 4, fresh(text[2:12], 4)},
		{"the same field, another record type", ref, 6, fresh(ref, 6)},
	}
	for _, c := range cases {
		if got := e.refSum(c.ref, c.code); got != c.want {
			t.Errorf("%s: refSum(%q, %d) = %#x, want %#x", c.name, c.ref, c.code, got, c.want)
		}
	}
	if fresh(same, 4) != fresh("REF0001", 4) {
		t.Error("the trailing spaces are part of the fingerprint")
	}
	e.refAhead = refAhead{}
	if got, want := e.refSum(ref, 4), fresh(ref, 4); got != want {
		t.Errorf("nothing computed ahead: refSum = %#x, want %#x", got, want)
	}
}

// sizeHint.project grows the fingerprints held in the part read in proportion to the
// source, 1.3 slots each; nothing without a size, before a line, past the end, or with
// fewer than projectFrom fingerprints.
func TestSizeHintProject(t *testing.T) {
	var none *sizeHint
	cases := []struct {
		name string
		h    *sizeHint
		n    int
		want int
	}{
		{"no hint", none, 10_000, 0},
		{"size unknown", &sizeHint{at: 1000}, 10_000, 0},
		{"at the start", &sizeHint{size: 1e8}, 10_000, 0},
		{"at the end", &sizeHint{size: 1e8, at: 1e8}, 10_000, 0},
		{"too few", &sizeHint{size: 1e8, at: 1e6}, projectFrom - 1, 0},
		{"a tenth read", &sizeHint{size: 1e7, at: 1e6}, 10_000, 130_000},
		{"half read", &sizeHint{size: 2e6, at: 1e6}, projectFrom, 10_649}, // 4096 × 2 × 1.3 = 10,649.6
		// A file read from offset 5e6 (base) on: 1e7 bytes follow it, 1e6 of them read.
		{"a tenth read from a base", &sizeHint{size: 1e7, at: 6e6, base: 5e6}, 10_000, 130_000},
		{"at the base", &sizeHint{size: 1e7, at: 5e6, base: 5e6}, 10_000, 0},
	}
	for _, c := range cases {
		if got := c.h.project(c.n); got != c.want {
			t.Errorf("%s: project(%d) = %d, want %d", c.name, c.n, got, c.want)
		}
	}
}

// A set with a hint grows to the projection in one step, within its budget; without one
// it grows by half.
func TestFpSetGrowsToProjection(t *testing.T) {
	var next uint64
	fill := func(s *fpSet, n int) {
		for range n {
			next++
			h := next * 0x9e3779b97f4a7c15
			slot, found := s.lookup(h)
			if found {
				t.Fatalf("%#x found before it was added", h)
			}
			s.addAt(slot, h)
		}
	}
	sized := func(hint *sizeHint, pool *slotPool) (before, after int) {
		s := fpSet{hint: hint, pool: pool}
		fill(&s, projectFrom)
		before = len(s.slots)
		for s.n < projectFrom+1 || len(s.slots) == before {
			fill(&s, 1)
			if s.n > 4*projectFrom {
				t.Fatal("the table did not grow")
			}
		}
		return before, len(s.slots)
	}
	// A tenth of the source read: the table is sized for ten times what it holds.
	before, after := sized(&sizeHint{size: 10e6, at: 1e6}, nil)
	if min := int(float64(projectFrom) * 10 * 1.3); after < min || after > min*11/10 {
		t.Errorf("with a hint the table grew from %d to %d slots, want about %d", before, after, min)
	}
	// Without a hint: by half.
	if before, after := sized(nil, nil); after != before+before/2 {
		t.Errorf("without a hint the table grew from %d to %d slots, want %d", before, after, before+before/2)
	}
	// Within the budget: the pool grants what it has.
	pool := &slotPool{free: 20_000, floor: 1000}
	if _, after := sized(&sizeHint{size: 10e6, at: 1e6}, pool); after > 20_000 {
		t.Errorf("with a budget of 20,000 slots the table grew to %d", after)
	}
}
