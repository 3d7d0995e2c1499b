package q

import "math/bits"

// fpTable maps fingerprints (fingerprint: 8 bytes per identificatie) to a uint32, for
// the rules that remember every identificatie of a file. It takes 12 bytes a slot and is
// kept 55-85% full (open addressing, linear probing, grown by half): about 17 bytes per
// identificatie, against some 45 for a map[uint64]int, so that the memory of checking a
// file stays small beside the file.
type fpTable struct {
	keys []uint64 // 0: empty
	vals []uint32
	n    int
}

// slot returns the slot of fp, or of the empty slot where it goes.
func (t *fpTable) slot(fp uint64) int {
	// Mixed, as FNV's low bits are weak, and mapped onto the table by multiplication.
	hi, _ := bits.Mul64(fp*0x9e3779b97f4a7c15, uint64(len(t.keys)))
	i := int(hi)
	for t.keys[i] != 0 && t.keys[i] != fp {
		if i++; i == len(t.keys) {
			i = 0
		}
	}
	return i
}

// key keeps 0 for the empty slot.
func key(fp uint64) uint64 {
	if fp == 0 {
		return 1
	}
	return fp
}

// get returns the value of fp.
func (t *fpTable) get(fp uint64) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	fp = key(fp)
	i := t.slot(fp)
	return t.vals[i], t.keys[i] == fp
}

// put sets the value of fp.
func (t *fpTable) put(fp uint64, v uint32) {
	if (t.n+1)*20 > len(t.keys)*17 { // above 85% full
		t.grow()
	}
	fp = key(fp)
	i := t.slot(fp)
	if t.keys[i] == 0 {
		t.keys[i] = fp
		t.n++
	}
	t.vals[i] = v
}

func (t *fpTable) grow() {
	old, oldVals := t.keys, t.vals
	size := max(1024, len(old)+len(old)/2)
	t.keys, t.vals = make([]uint64, size), make([]uint32, size)
	for i, k := range old {
		if k != 0 {
			j := t.slot(k)
			t.keys[j], t.vals[j] = k, oldVals[i]
		}
	}
}
