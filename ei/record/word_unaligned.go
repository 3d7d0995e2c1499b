//go:build amd64 || arm64 || 386 || ppc64le

package record

import "unsafe"

// word returns the eight bytes line[end-8:end] little-endian (line[end-8] lowest), on a
// processor that is little-endian and loads a word from any address: one load, after the
// slice's bounds check. Its inlining cost is small enough that the functions of
// generated Parse methods built on it (TrimWord, DateWord with Word) are inlined too,
// which the byte-by-byte expression of word_portable.go, compiled to the same load,
// prevents (BENCHMARKS.md, fifteenth round).
//
// Why it is sound:
//   - The bytes: line[end-8:end] panics unless 8 ≤ end ≤ len(line), as the expression
//     does, so the load reads eight bytes of the string and nothing beyond it, inside
//     the one allocation the string points into (what -d=checkptr, on with -race,
//     checks; TestWordAtEveryOffset runs under it in CI).
//   - The load: uint64 holds no pointers, so its alignment is the processor's concern
//     only, and the processors of the build constraint load from any address (Go's
//     compiler turns the portable expression into the same unaligned load on them).
//   - The order: they are little-endian, so the first byte is the lowest, as the
//     expression makes it.
//   - Strings are never written: the load only reads.
func word(line string, end int) uint64 {
	_ = line[end-8 : end] // the bounds check
	return *(*uint64)(unsafe.Add(unsafe.Pointer(unsafe.StringData(line)), end-8))
}
