//go:build integration

package ledger

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// postgresEnv names the PostgreSQL server the tests use besides SQLite.
const postgresEnv = "ZORGBERICHT_POSTGRES_URL"

// database is one database the ledger tests run on.
type database struct {
	name string
	// dsn returns the data source of a new, empty ledger.
	dsn func(t testing.TB) string
}

// databases returns SQLite always and PostgreSQL when ZORGBERICHT_POSTGRES_URL is set.
func databases() []database {
	dbs := []database{{"sqlite", func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "ledger.db")
	}}}
	dbs = append(dbs, database{"postgres", func(t testing.TB) string {
		base := os.Getenv(postgresEnv)
		if base == "" {
			t.Skipf("PostgreSQL not configured: set %s to a postgres:// URL (.ci/services/postgres.sh starts a server and prints it)", postgresEnv)
		}
		return newSchema(t, base)
	}})
	return dbs
}

// newSchema creates a schema of its own for one test and returns the URL that uses it.
func newSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "qledger_test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("PostgreSQL at %s: %v", postgresEnv, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// openDSN opens a ledger for the tests of this package, which cannot import the driver
// packages q/ledger/sqlite and q/ledger/postgres (they import this one): the same
// drivers and data source names, and on PostgreSQL the same COPY (testCopy).
func openDSN(ctx context.Context, dsn string) (*Ledger, error) {
	return openWith(ctx, dsn, OpenOptions{})
}

func openWith(ctx context.Context, dsn string, opts OpenOptions) (*Ledger, error) {
	cfg := SQLConfig{Dialect: SQLite, Name: dsn}
	driverName, source := "sqlite", dsn
	if IsPostgresURL(dsn) {
		cfg = SQLConfig{Dialect: Postgres, Name: "postgres", Copy: testCopy}
		driverName = "pgx"
	} else {
		var err error
		if source, err = SQLiteDSN(dsn, opts); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open(driverName, source)
	if err != nil {
		return nil, err
	}
	s, err := NewSQLStore(ctx, db, cfg, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return New(s), nil
}

// testCopy is the COPY of package q/ledger/postgres.
func testCopy(ctx context.Context, conn *sql.Conn, table string, columns []string, n int, row func(i int, dst []any)) error {
	return conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn)
		vals := make([]any, len(columns))
		src := pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			row(i, vals)
			return vals, nil
		})
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
		return err
	})
}

func openLedger(t testing.TB, dsn string) *Ledger {
	t.Helper()
	l, err := openDSN(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// eachDB runs f as a subtest on every configured database, with a new empty ledger.
func eachDB(t *testing.T, f func(t *testing.T, l *Ledger)) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			l := openLedger(t, db.dsn(t))
			f(t, l)
		})
	}
}

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// file builds a delivery: one record per risicodrager per day of the days given (YYYYMMDD),
// with identificatie prestatierecord "<ref>-<day>-<risicodrager>".
func file(indiener, bron string, ref int64, aanmaak, begin, eind string, risicodragers []string, days ...string) *Delivery {
	dl := &Delivery{Name: fmt.Sprintf("ref%d", ref), Header: Header{Indiener: indiener, BronID: bron, Referentienummer: ref,
		DagtekeningAanmaak: d(aanmaak), Begin: d(begin), Eind: d(eind)}}
	for _, day := range days {
		for _, rd := range risicodragers {
			dl.Records = append(dl.Records, Record{
				Detail:           int64(len(dl.Records) + 1),
				Identificatie:    fmt.Sprintf("%d-%s-%s", ref, day, rd),
				Risicodrager:     rd,
				Verwerkingsdatum: d(day),
				DebetCredit:      Debet,
				Declaratiebedrag: 12345,
				VergoedBasis:     12000,
			})
		}
	}
	return dl
}

// daysOf lists the days from begin to eind (YYYYMMDD).
func daysOf(begin, eind string) []string {
	var out []string
	for x := d(begin); !d(eind).Before(x); x = x.AddDays(1) {
		out = append(out, fmt.Sprintf("%04d%02d%02d", x.Year, int(x.Month), x.Day))
	}
	return out
}

func mustApply(t *testing.T, l *Ledger, dl *Delivery) *Plan {
	t.Helper()
	p, err := l.Apply(context.Background(), dl, Options{})
	if err != nil {
		t.Fatalf("apply %s: %v", dl.Name, err)
	}
	for _, f := range p.Findings {
		t.Errorf("apply %s: unexpected finding %s", dl.Name, FindingText(f))
	}
	return p
}

func allRecords(t *testing.T, l *Ledger) []RecordState {
	t.Helper()
	var out []RecordState
	if err := l.Records(context.Background(), Query{IncludeClosed: true}, func(s RecordState) error {
		out = append(out, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func codes(fs []validate.Finding, sev validate.Severity) []Code {
	var out []Code
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, Code(f.Rule))
		}
	}
	return out
}
