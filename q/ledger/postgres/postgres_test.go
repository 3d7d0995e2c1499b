//go:build integration

package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// schemaURL returns the URL of a new, empty schema on the server of
// ZORGBERICHT_POSTGRES_URL (.ci/services/postgres.sh), or skips.
func schemaURL(t *testing.T) string {
	base := os.Getenv("ZORGBERICHT_POSTGRES_URL")
	if base == "" {
		t.Skip("PostgreSQL not configured: set ZORGBERICHT_POSTGRES_URL (.ci/services/postgres.sh)")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "qledger_pg_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// A schema without a ledger is refused read-only; opened for writing it becomes one, and
// an apply (COPY) lands.
func TestOpenAndApply(t *testing.T) {
	ctx := context.Background()
	url := schemaURL(t)
	if _, err := Open(ctx, url, ledger.OpenOptions{ReadOnly: true}); !errors.Is(err, ledger.ErrNoLedger) {
		t.Fatalf("read-only open of an empty schema: %v", err)
	}
	if _, err := Open(ctx, "warehouse.db", ledger.OpenOptions{}); !errors.Is(err, ledger.ErrNotOpen) {
		t.Errorf("a file path: %v", err)
	}
	l, err := Open(ctx, url, ledger.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	day := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	d := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "0001", Referentienummer: 1,
		DagtekeningAanmaak: day(8), Begin: day(1), Eind: day(7)}}
	for n := 1; n <= 7; n++ {
		d.Records = append(d.Records, ledger.Record{Identificatie: string(rune('A' + n)), Risicodrager: "7119",
			Verwerkingsdatum: day(n), DebetCredit: ledger.Debet, Declaratiebedrag: 100})
	}
	if _, err := l.Apply(ctx, d, ledger.Options{}); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(ctx, url, ledger.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Apply(ctx, d, ledger.Options{}); !errors.Is(err, ledger.ErrReadOnly) {
		t.Errorf("apply on a read-only ledger: %v", err)
	}
	n := 0
	if err := ro.Records(ctx, ledger.Query{}, func(ledger.RecordState) error { n++; return nil }); err != nil || n != 7 {
		t.Errorf("%d records, %v; want 7", n, err)
	}
}
