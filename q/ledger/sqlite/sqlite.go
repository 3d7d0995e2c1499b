package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/zorgbericht/zorgbericht/q/ledger"
	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

// Open opens the ledger in the SQLite file at path: see OpenStore.
func Open(ctx context.Context, path string, opts ledger.OpenOptions) (*ledger.Ledger, error) {
	s, err := OpenStore(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return ledger.New(s), nil
}

// OpenStore opens the store in the SQLite file at path, in WAL mode. By default the file
// is created when missing and its schema migrated when behind; with opts.ReadOnly or
// opts.MustExist a missing file is refused (ledger.ErrNoLedger), and read-only a file that
// holds no ledger (an empty file included) too.
func OpenStore(ctx context.Context, path string, opts ledger.OpenOptions) (*ledger.SQLStore, error) {
	dsn, err := ledger.SQLiteDSN(path, opts)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s, err := ledger.NewSQLStore(ctx, db, ledger.SQLConfig{Dialect: ledger.SQLite, Name: path}, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
