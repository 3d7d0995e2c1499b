package q

import (
	"math/rand/v2"
	"testing"
)

// fpTable answers as a map does, over growth, overwrites and the fingerprint 0.
func TestFPTable(t *testing.T) {
	var tab fpTable
	want := map[uint64]uint32{}
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []uint64{0, 1, 2, 1 << 63}
	for range 100_000 {
		keys = append(keys, rng.Uint64())
	}
	for i, k := range keys {
		tab.put(k, uint32(i))
		want[k] = uint32(i)
		if i%3 == 0 { // overwrite
			tab.put(k, uint32(i+7))
			want[k] = uint32(i + 7)
		}
	}
	// 0 and 1 share a slot (0 is kept as 1): 1's value, put last, is what both give.
	want[0] = want[1]
	for k, v := range want {
		if got, ok := tab.get(k); !ok || got != v {
			t.Fatalf("get(%d) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for range 10_000 {
		k := rng.Uint64()
		if _, in := want[k]; in {
			continue
		}
		if _, ok := tab.get(k); ok {
			t.Fatalf("get(%d) found a key never put", k)
		}
	}
	if tab.n != len(want)-1 || tab.n*20 > len(tab.keys)*17 {
		t.Errorf("%d keys in %d slots; want %d, at most 85%% full", tab.n, len(tab.keys), len(want)-1)
	}
}
