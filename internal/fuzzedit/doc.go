// Package fuzzedit applies one small edit, described by a few fuzz arguments, to a real
// file of records. Fuzz targets whose work per input is milliseconds (validating a whole
// file, dumping it) fuzz such edits instead of raw bytes: every input is a real file with
// one thing wrong, and the fuzzed values stay a few bytes long, so that minimising an
// interesting input takes a handful of runs instead of the whole fuzzing time (the
// minimiser's search is quadratic in the input's length).
package fuzzedit
