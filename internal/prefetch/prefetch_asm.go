//go:build amd64 || arm64

package prefetch

// Uint64 hints that the word at p will be read soon. p must point into memory the
// program holds (the address is not dereferenced by Go, but a prefetch of an address
// outside the heap is wasted).
//
//go:noescape
func Uint64(p *uint64)
