//go:build !(amd64 || arm64 || 386 || ppc64le)

package record

// word returns the eight bytes line[end-8:end] little-endian (line[end-8] lowest), on any
// processor.
func word(line string, end int) uint64 {
	s := line[end-8 : end]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
