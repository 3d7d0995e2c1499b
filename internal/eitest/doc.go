// Package eitest builds synthetic EI files for tests, examples and benchmarks: valid
// files of made-up practices and patients (no real person's data), of any size.
package eitest
