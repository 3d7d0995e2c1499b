package testlevel

import (
	"os"
	"testing"
)

// EnvFull is the environment variable that asks for the full matrices.
const EnvFull = "ZORGBERICHT_TEST_FULL"

// Full reports whether the full matrices are asked for: ZORGBERICHT_TEST_FULL is set to
// a non-empty value other than "0", and the run is not -short (which always reduces).
func Full() bool {
	if testing.Short() {
		return false
	}
	v := os.Getenv(EnvFull)
	return v != "" && v != "0"
}

// Pick returns full when Full, else reduced.
func Pick[T any](full, reduced T) T {
	if Full() {
		return full
	}
	return reduced
}

// Sample returns every item of s when Full, else every n-th (the first always, and the
// last), in order: a sample of the same kinds of case.
func Sample[T any](s []T, n int) []T {
	if Full() || n <= 1 || len(s) <= 2 {
		return s
	}
	var out []T
	for i := 0; i < len(s); i += n {
		out = append(out, s[i])
	}
	if (len(s)-1)%n != 0 {
		out = append(out, s[len(s)-1])
	}
	return out
}
