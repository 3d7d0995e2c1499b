//go:build integration

package sqlite

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoPostgresLinked: a program that keeps its ledger in SQLite links no PostgreSQL
// driver (and package postgres no SQLite).
func TestNoPostgresLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for pkg, banned := range map[string]string{
		".":           "github.com/jackc/pgx",
		"../postgres": "modernc.org/sqlite",
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		if !strings.Contains(string(out), "github.com/zorgbericht/zorgbericht/q/ledger\n") {
			t.Fatalf("go list -deps %s does not list q/ledger:\n%s", pkg, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
