package fingerprint

import (
	"math/rand/v2"
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
