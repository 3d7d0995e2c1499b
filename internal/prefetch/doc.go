// Package prefetch asks the processor to bring a word of memory into its cache ahead of
// its use, so that a look-up in a large table does not wait on main memory when it
// comes. It is a hint only: it reads nothing the program sees, never faults, and on
// architectures without an instruction for it does nothing.
//
// The validator's whole-file set of reference numbers (N5-UNIQUE) is megabytes of
// fingerprints that the input streaming through the cache keeps evicting; its look-up
// is a cache miss per record. Prefetching the slot when a record comes in, before the
// record's fields are checked, lets the miss overlap that work (BENCHMARKS.md, the
// nineteenth round).
//
//	prefetch.Uint64(&slots[i]) // … other work … then read slots[i]
package prefetch
