package fingerprint

import "math/bits"

// Table maps fingerprints (Of) to a value of type V. It takes 8 bytes a slot beside the
// value and is kept 55-85% full (open addressing, linear probing, grown by half): a
// Table[uint32] about 17 bytes per identificatie, against some 45 for a map[uint64]int;
// a Table[struct{}], a set, about 12. The zero Table is empty and ready.
type Table[V any] struct {
	keys []uint64 // 0: empty
	vals []V
	n    int
}

// slot returns the slot of fp, or of the empty slot where it goes.
func (t *Table[V]) slot(fp uint64) int {
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

// Len returns the number of fingerprints in the table.
func (t *Table[V]) Len() int { return t.n }

// Get returns the value of fp, and whether fp is in the table.
func (t *Table[V]) Get(fp uint64) (V, bool) {
	if t.n == 0 {
		var zero V
		return zero, false
	}
	fp = key(fp)
	i := t.slot(fp)
	return t.vals[i], t.keys[i] == fp
}

// Put sets the value of fp.
func (t *Table[V]) Put(fp uint64, v V) {
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

// Reserve makes room for n fingerprints at once, 80% full, when the table has less: a
// table that knows its size is not grown step by step, and never holds its old and its
// new slots at the same time. n is a guess: the table still grows beyond it.
func (t *Table[V]) Reserve(n int) {
	size := n + n/4
	if n <= 0 || size <= len(t.keys) {
		return
	}
	old, oldVals := t.keys, t.vals
	t.keys, t.vals = make([]uint64, size), make([]V, size)
	t.rehash(old, oldVals)
}

func (t *Table[V]) grow() {
	old, oldVals := t.keys, t.vals
	size := max(1024, len(old)+len(old)/2)
	t.keys, t.vals = make([]uint64, size), make([]V, size)
	t.rehash(old, oldVals)
}

// rehash puts the fingerprints of old slots into the table's new ones.
func (t *Table[V]) rehash(old []uint64, oldVals []V) {
	for i, k := range old {
		if k != 0 {
			j := t.slot(k)
			t.keys[j], t.vals[j] = k, oldVals[i]
		}
	}
}
