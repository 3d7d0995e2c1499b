package ledger

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, ""); !errors.Is(err, ErrNotOpen) {
		t.Errorf("empty: %v", err)
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "a?b.db")); !errors.Is(err, ErrNotOpen) {
		t.Errorf("name with ?: %v", err)
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "no-such-dir", "w.db")); err == nil {
		t.Error("file in a missing directory: no error")
	}
}

// A ledger of a newer schema version is not touched by an older program.
func TestNewerSchema(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		db := l.Store().(*SQLStore)
		if _, err := db.DB().Exec("UPDATE q_meta SET value = '99' WHERE name = 'schema'"); err != nil {
			t.Fatal(err)
		}
		err := db.migrate(context.Background())
		if err == nil || !strings.Contains(err.Error(), "schema version 99, newer than this program's 1") {
			t.Errorf("migrate: %v", err)
		}
	})
}

// Opening again migrates nothing and keeps the records.
func TestReopen(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "w.db")
	l := openLedger(t, dsn)
	mustApply(t, l, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, "20160101"))
	l.Close()
	l2 := openLedger(t, dsn)
	if n := len(allRecords(t, l2)); n != 1 {
		t.Errorf("%d records after reopening, want 1", n)
	}
}
