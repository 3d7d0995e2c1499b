package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the shared reference directory, or skips the test when it is not there.
// ZORGBERICHT_SHARED overrides where it is looked for.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("ZORGBERICHT_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("reference material not found at %s: skipping", dir)
	}
	return dir
}

// Path returns a path below the shared directory, skipping the test when it is missing.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir(t)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found: skipping", p)
	}
	return p
}

// RepoRoot returns the root of the repository (the directory holding go.mod).
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
