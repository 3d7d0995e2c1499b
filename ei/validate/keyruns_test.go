package validate

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// TestKeyRuns holds N5-PARENT's runs of keys (keyRuns) to what makes comparing a run as
// one text the same as comparing its keys one by one, on every layout of every standard:
// the runs cover the keys in order, each key once; within a run the fields follow one
// another without a gap in the record and in its parent, each key's two fields of one
// length; bits mark exactly the run's fields. And on GZ321's tariefrecord, from the BER:
// BSN, UZOVI-nummer and verzekerdennummer (0603-0605 under 0403-0405) are one run, the
// prestatiecodelijst and prestatiecode (0606-0607 under 0407-0408) another.
func TestKeyRuns(t *testing.T) {
	for _, std := range standards.Registry().All() {
		pl := compile(std)
		for _, lp := range pl.layouts {
			par := pl.layout(lp.parent)
			if par == nil || len(lp.keys) == 0 {
				continue
			}
			st := newParentState().(*parentState)
			runs := st.keyRuns(lp, par)
			if again := st.keyRuns(lp, par); &again[0] != &runs[0] {
				t.Errorf("%s %s: the runs are worked out again", std.ID(), lp.code)
			}
			for i := 0; i < len(lp.keys); {
				run := runs[i]
				if run.to <= i || run.to > len(lp.keys) {
					t.Fatalf("%s %s: run at key %d ends at %d", std.ID(), lp.code, i, run.to)
				}
				var bits, parentBits uint64
				wide := false
				for j := i; j < run.to; j++ {
					k := lp.keys[j]
					c, p := lp.spans[k.child], par.spans[k.parent]
					if c.end-c.start != p.end-p.start {
						t.Errorf("%s %s: key %d (%s) in a run with fields of different lengths", std.ID(), lp.code, j, lp.fields[k.child].f.Number)
					}
					if j > i {
						prev := lp.keys[j-1]
						if c.start != lp.spans[prev.child].end || p.start != par.spans[prev.parent].end {
							t.Errorf("%s %s: key %d (%s) is not beside the key before it", std.ID(), lp.code, j, lp.fields[k.child].f.Number)
						}
					}
					if k.child >= 64 || k.parent >= 64 {
						wide = true
					}
					bits |= 1 << (k.child & 63)
					parentBits |= 1 << (k.parent & 63)
				}
				if wide {
					bits, parentBits = 0, 0
				}
				if run.bits != bits || run.parentBits != parentBits {
					t.Errorf("%s %s: run at key %d marks %b/%b, want %b/%b", std.ID(), lp.code, i, run.bits, run.parentBits, bits, parentBits)
				}
				first, last := lp.keys[i], lp.keys[run.to-1]
				if run.start != int(lp.spans[first.child].start) || run.end != int(lp.spans[last.child].end) ||
					run.parentStart != int(par.spans[first.parent].start) || run.parentEnd != int(par.spans[last.parent].end) {
					t.Errorf("%s %s: run at key %d has the wrong positions", std.ID(), lp.code, i)
				}
				i = run.to
			}
		}
	}

	std, ok := standards.Registry().ByEICode(195, 1, 0)
	if !ok {
		t.Skip("no GZ321 1.0 in the registry")
	}
	pl := compile(std)
	lp, par := pl.layout("06"), pl.layout(record.CodePrestatie)
	runs := newParentState().(*parentState).keyRuns(lp, par)
	numbers := func(from, to int) (s []string) {
		for _, k := range lp.keys[from:to] {
			s = append(s, lp.fields[k.child].f.Number)
		}
		return s
	}
	if got := numbers(0, runs[0].to); len(got) != 3 || got[0] != "0603" || got[2] != "0605" {
		t.Errorf("GZ321 06: first run %v, want 0603-0605", got)
	}
	if r := runs[0].to; r < len(runs) {
		if got := numbers(r, runs[r].to); len(got) != 2 || got[0] != "0606" || got[1] != "0607" {
			t.Errorf("GZ321 06: second run %v, want 0606-0607", got)
		}
	}
}
