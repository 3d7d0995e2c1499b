package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// Open opens the ledger on the server at url, in the schema its search_path names: see
// OpenStore.
func Open(ctx context.Context, url string, opts ledger.OpenOptions) (*ledger.Ledger, error) {
	s, err := OpenStore(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	return ledger.New(s), nil
}

// OpenStore opens the store on the server at url. By default its tables are created and
// migrated when behind; with opts.ReadOnly (or MustExist) a database without a ledger is
// refused (ledger.ErrNoLedger). Errors never repeat the URL (it may hold a password).
func OpenStore(ctx context.Context, url string, opts ledger.OpenOptions) (*ledger.SQLStore, error) {
	if !ledger.IsPostgresURL(url) {
		return nil, fmt.Errorf("%w: want a postgres:// or postgresql:// URL", ledger.ErrNotOpen)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	s, err := ledger.NewSQLStore(ctx, db, ledger.SQLConfig{Dialect: ledger.Postgres, Name: "postgres", Copy: copyFrom}, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// copyFrom inserts rows with COPY on the pgx connection under conn.
func copyFrom(ctx context.Context, conn *sql.Conn, table string, columns []string, n int, row func(i int, dst []any)) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("driver connection %T is not pgx", dc)
		}
		vals := make([]any, len(columns))
		src := pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			row(i, vals)
			return vals, nil
		})
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
		return err
	})
}
