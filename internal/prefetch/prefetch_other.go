//go:build !amd64 && !arm64

package prefetch

// Uint64 hints that the word at p will be read soon; on this architecture it does
// nothing.
func Uint64(p *uint64) {}
