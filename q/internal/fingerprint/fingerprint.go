package fingerprint

// Of returns the fingerprint of an identificatie (FNV-64a over its bytes), whatever its
// length.
func Of(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}
