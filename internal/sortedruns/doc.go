// Package sortedruns is the project's one external sort: a temporary file of sorted runs
// of fixed-size entries, written one after the other, read back buffered and merged in
// order at the end. It holds in memory only the read buffers of a merge, never the
// entries; the caller sorts each run before writing it.
package sortedruns
