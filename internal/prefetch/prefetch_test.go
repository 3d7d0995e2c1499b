package prefetch

import "testing"

// A prefetch reads nothing the program sees and never faults: not on a word the program
// holds, not on the last word of a slice, not on nil (the fallback must not dereference
// either). Were it to dereference, the nil case would crash the test.
func TestUint64NeverFaults(t *testing.T) {
	slots := make([]uint64, 1<<16)
	for i := range slots {
		slots[i] = uint64(i)
	}
	for _, i := range []int{0, 1, 4095, len(slots) - 1} {
		Uint64(&slots[i])
		if slots[i] != uint64(i) {
			t.Fatalf("slot %d changed to %d by a prefetch", i, slots[i])
		}
	}
	Uint64(nil)
}
