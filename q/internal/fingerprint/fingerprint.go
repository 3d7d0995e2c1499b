// Package fingerprint keeps identificaties prestatierecord in eight bytes each, for the
// Q rules (package q), the ledger's duplicate check (q/ledger) and the ledger's history of
// a delivery (q/ledger/qve301), which remember every identificatie of a file: one hash
// function and one compact table for all three, so that the memory of checking and
// applying a file stays small beside the file. A fingerprint says only "maybe the same":
// where a collision would change an answer, the caller compares the text.
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
