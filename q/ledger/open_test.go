//go:build integration

package ledger

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := openDSN(ctx, ""); !errors.Is(err, ErrNotOpen) {
		t.Errorf("empty: %v", err)
	}
	if _, err := openDSN(ctx, filepath.Join(t.TempDir(), "a?b.db")); !errors.Is(err, ErrNotOpen) {
		t.Errorf("name with ?: %v", err)
	}
	if _, err := openDSN(ctx, filepath.Join(t.TempDir(), "no-such-dir", "w.db")); err == nil {
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
		if err == nil || !strings.Contains(err.Error(), "schema version 99, newer than this program's 4") {
			t.Errorf("migrate: %v", err)
		}
	})
}

// A new SQLite ledger is in WAL mode with 64 KiB pages (sqliteTuning); a ledger made with
// 4 KiB pages keeps them, and takes deliveries as before.
func TestSQLitePages(t *testing.T) {
	ctx := context.Background()
	pragmas := func(l *Ledger) (pageSize int, journal string) {
		t.Helper()
		db := l.Store().(*SQLStore).DB()
		if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
			t.Fatal(err)
		}
		return pageSize, journal
	}
	dsn := filepath.Join(t.TempDir(), "new.db")
	l := openLedger(t, dsn)
	mustApply(t, l, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, "20160101"))
	if size, journal := pragmas(l); size != 65536 || journal != "wal" {
		t.Errorf("new ledger: page size %d, journal mode %s; want 65536 and wal", size, journal)
	}
	l.Close()

	old := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", old+"?_pragma=page_size(4096)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE other (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l = openLedger(t, old)
	mustApply(t, l, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, "20160101"))
	if size, journal := pragmas(l); size != 4096 || journal != "wal" {
		t.Errorf("ledger of 4 KiB pages: page size %d, journal mode %s; want 4096 and wal", size, journal)
	}
	if n := len(allRecords(t, l)); n != 1 {
		t.Errorf("ledger of 4 KiB pages: %d records, want 1", n)
	}
	l.Close()
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

// Read-only opening refuses what is not a ledger and never creates one: a mistyped path,
// an empty file, a file of another kind, a SQLite database without the tables. A
// ledger's writer must exist with MustExist.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	text := filepath.Join(dir, "text.db")
	other := filepath.Join(dir, "other.db")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 100)), 0o644)
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x INT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{filepath.Join(dir, "typo.db"), empty, text, other} {
		for _, opts := range []OpenOptions{{ReadOnly: true}, {MustExist: true}} {
			if path == text && opts.MustExist {
				continue // not a database: the migration fails, with SQLite's message
			}
			if _, err := openWith(ctx, path, opts); !errors.Is(err, ErrNoLedger) {
				t.Errorf("%s %+v: %v, want ErrNoLedger", filepath.Base(path), opts, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("a read-only open created the file")
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("a read-only open wrote into the empty file")
	}
	// A ledger opens read-only and reads; one whose schema is behind does not.
	path := filepath.Join(dir, "w.db")
	l := openLedger(t, path)
	mustApply(t, l, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, "20160101"))
	ro, err := openWith(ctx, path, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(allRecords(t, ro)); n != 1 {
		t.Errorf("read-only: %d records, want 1", n)
	}
	if _, err := ro.Apply(ctx, file("7119", "B", 2, "20160306", "20160201", "20160229", []string{"7119"}, "20160201"), Options{}); err == nil {
		t.Error("apply on a read-only ledger: no error")
	}
	ro.Close()
	old := filepath.Join(dir, "old.db")
	openAtVersion(t, old, 2).Close()
	if _, err := openWith(ctx, old, OpenOptions{ReadOnly: true}); !errors.Is(err, ErrNoLedger) || !strings.Contains(err.Error(), "behind") {
		t.Errorf("schema behind, read-only: %v", err)
	}
	l2, err := openWith(ctx, old, OpenOptions{})
	if err != nil {
		t.Fatalf("migrating: %v", err)
	}
	l2.Close()
}
