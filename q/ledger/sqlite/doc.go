// Package sqlite opens the warehouse ledger (package q/ledger) in a SQLite file, with the
// pure-Go driver modernc.org/sqlite (no cgo). A program that uses it links no PostgreSQL
// code.
//
//	l, err := sqlite.Open(ctx, "warehouse.db", ledger.OpenOptions{})
package sqlite
