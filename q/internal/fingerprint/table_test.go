package fingerprint

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// Of is FNV-64a: the published test values of the FNV authors.
func TestOf(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"foobar", 0x85944171f73967e8},
	} {
		if got := Of(c.in); got != c.want {
			t.Errorf("Of(%q) = %#x, want %#x", c.in, got, c.want)
		}
	}
}

// Table answers as a map does, over growth, overwrites and the fingerprint 0.
func TestTable(t *testing.T) {
	var tab Table[uint32]
	want := map[uint64]uint32{}
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []uint64{0, 1, 2, 1 << 63}
	for range 100_000 {
		keys = append(keys, rng.Uint64())
	}
	for i, k := range keys {
		tab.Put(k, uint32(i))
		want[k] = uint32(i)
		if i%3 == 0 { // overwrite
			tab.Put(k, uint32(i+7))
			want[k] = uint32(i + 7)
		}
	}
	// 0 and 1 share a slot (0 is kept as 1): 1's value, put last, is what both give.
	want[0] = want[1]
	for k, v := range want {
		if got, ok := tab.Get(k); !ok || got != v {
			t.Fatalf("get(%d) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for range 10_000 {
		k := rng.Uint64()
		if _, in := want[k]; in {
			continue
		}
		if _, ok := tab.Get(k); ok {
			t.Fatalf("get(%d) found a key never put", k)
		}
	}
	if tab.n != len(want)-1 || tab.n*20 > len(tab.keys)*17 {
		t.Errorf("%d keys in %d slots; want %d, at most 85%% full", tab.n, len(tab.keys), len(want)-1)
	}
}

// Reserve makes room at once: no growth up to n, the fingerprints put before kept, and
// still growth beyond n.
func TestTableReserve(t *testing.T) {
	var tab Table[uint32]
	tab.Put(7, 70)
	tab.Reserve(10_000)
	size := len(tab.keys)
	if size < 10_000 {
		t.Fatalf("Reserve(10000): %d slots", size)
	}
	if v, ok := tab.Get(7); !ok || v != 70 {
		t.Fatalf("get(7) after Reserve = %d, %v; want 70, true", v, ok)
	}
	for k := uint64(100); k < 100+9_999; k++ {
		tab.Put(k, uint32(k))
	}
	if len(tab.keys) != size {
		t.Errorf("grown from %d to %d slots below the %d reserved", size, len(tab.keys), 10_000)
	}
	tab.Reserve(5) // less than it has: nothing
	if len(tab.keys) != size {
		t.Errorf("Reserve(5) changed the table from %d to %d slots", size, len(tab.keys))
	}
	for k := uint64(20_000); k < 30_000; k++ {
		tab.Put(k, uint32(k))
	}
	for _, k := range []uint64{7, 100, 10_098, 20_000, 29_999} {
		if _, ok := tab.Get(k); !ok {
			t.Errorf("get(%d) not found", k)
		}
	}
	if tab.n != 1+9_999+10_000 {
		t.Errorf("%d fingerprints, want %d", tab.n, 1+9_999+10_000)
	}
}

// Spill finds what a map finds: every fingerprint added more than once, once, in order;
// in memory (one run) and through its file (many runs, with repeats across them).
func TestSpill(t *testing.T) {
	for _, n := range []int{0, 1, 1000, spillRun, 5*spillRun + 123} {
		rng := rand.New(rand.NewPCG(uint64(n), 3))
		count := map[uint64]int{}
		s := Spill{Dir: t.TempDir()}
		for i := range n {
			fp := rng.Uint64()
			if i%7 == 3 { // a repeat of an earlier one, maybe in another run
				fp = uint64(rng.IntN(i + 1))
			}
			count[fp]++
			if err := s.Add(fp); err != nil {
				t.Fatal(err)
			}
		}
		var want, got []uint64
		for fp, c := range count {
			if c > 1 {
				want = append(want, fp)
			}
		}
		slices.Sort(want)
		if err := s.Repeated(func(fp uint64) { got = append(got, fp) }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d added: %d repeated, want %d", n, len(got), len(want))
		}
		if wrote := s.file != nil; wrote != (n >= spillRun) {
			t.Errorf("%d added: wrote a file: %v", n, wrote)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(s.Dir); len(left) != 0 {
			t.Errorf("%d added: %d files left after Close", n, len(left))
		}
	}
}
