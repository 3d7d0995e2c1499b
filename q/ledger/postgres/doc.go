// Package postgres opens the warehouse ledger (package q/ledger) on a PostgreSQL server,
// with github.com/jackc/pgx/v5; records are inserted with COPY. A program that uses it
// links no SQLite code.
//
//	l, err := postgres.Open(ctx, "postgres://user:pw@host/db", ledger.OpenOptions{})
//
// Applies of different indieners run at the same time, applies of one indiener and
// bron-id one after the other, and readers never wait (see ledger.SQLStore.Update).
package postgres
