//go:build amd64 || arm64 || 386 || ppc64le

package record

import "unsafe"

// word returns the eight bytes line[end-8:end] little-endian (line[end-8] lowest), on a
// processor that is little-endian and loads a word from any address: one load, after the
// slice's bounds check. Its inlining cost is small enough that the functions of
// generated Parse methods built on it (TrimWord, DigitsWord with Word) are inlined too,
// which the byte-by-byte expression of word_portable.go, compiled to the same load,
// prevents (BENCHMARKS.md, fifteenth round).
func word(line string, end int) uint64 {
	_ = line[end-8 : end] // the bounds check
	return *(*uint64)(unsafe.Add(unsafe.Pointer(unsafe.StringData(line)), end-8))
}
