package ledger

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"           // database/sql driver "sqlite", pure Go
)

// Dialect is the SQL database a SQLStore runs on.
type Dialect int

// The dialects.
const (
	SQLite   Dialect = iota // embedded, one file (modernc.org/sqlite, no cgo)
	Postgres                // a PostgreSQL server (github.com/jackc/pgx/v5)
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// SQLStore is the Store on database/sql. It creates and migrates its tables itself.
type SQLStore struct {
	db      *sql.DB
	dialect Dialect
	batch   int // records per INSERT statement
}

// IsPostgresURL reports whether dsn names a PostgreSQL server rather than a file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// OpenStore opens the ledger at dsn: a postgres:// or postgresql:// URL, or else the path
// of a SQLite database file, created when it does not exist.
func OpenStore(ctx context.Context, dsn string) (*SQLStore, error) {
	if dsn == "" {
		return nil, fmt.Errorf("%w: want a file path or a postgres:// URL", ErrNotOpen)
	}
	if IsPostgresURL(dsn) {
		return OpenPostgres(ctx, dsn)
	}
	return OpenSQLite(ctx, dsn)
}

// OpenSQLite opens (creating it when needed) the SQLite ledger in the file at path.
func OpenSQLite(ctx context.Context, path string) (*SQLStore, error) {
	if strings.ContainsRune(path, '?') {
		// The driver would read what follows as its options.
		return nil, fmt.Errorf("ledger %q: %w: a SQLite file name cannot contain '?'", path, ErrNotOpen)
	}
	// WAL lets readers go on while a delivery is applied; a killed process leaves the
	// last committed state. busy_timeout makes a second writer wait instead of failing.
	dsn := path + "?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	return newSQLStore(ctx, db, SQLite, path)
}

// OpenPostgres opens the ledger on the PostgreSQL server at url, in the schema its
// search_path names.
func OpenPostgres(ctx context.Context, url string) (*SQLStore, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return newSQLStore(ctx, db, Postgres, "postgres")
}

func newSQLStore(ctx context.Context, db *sql.DB, d Dialect, name string) (*SQLStore, error) {
	s := &SQLStore{db: db, dialect: d, batch: 500}
	if d == Postgres {
		s.batch = 50000
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ledger %s: %w", name, err)
	}
	return s, nil
}

// Dialect returns the database the store runs on.
func (s *SQLStore) Dialect() Dialect { return s.dialect }

// DB returns the database handle, for reports of one's own.
func (s *SQLStore) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *SQLStore) Close() error { return s.db.Close() }

// migrations are the schema versions, each applied once in order.
var migrations = []string{
	`CREATE TABLE q_event (
		id BIGINT PRIMARY KEY,
		kind TEXT NOT NULL,
		name TEXT NOT NULL,
		indiener TEXT NOT NULL,
		bron TEXT NOT NULL,
		referentienummer BIGINT NOT NULL,
		dagtekening BIGINT NOT NULL,
		begin_date BIGINT NOT NULL,
		end_date BIGINT NOT NULL,
		risicodragers TEXT NOT NULL,
		records BIGINT NOT NULL,
		applied TEXT NOT NULL
	);
	CREATE INDEX q_event_key ON q_event (indiener, bron, id);
	CREATE TABLE q_record (
		indiener TEXT NOT NULL,
		bron TEXT NOT NULL,
		identificatie TEXT NOT NULL,
		activated_by BIGINT NOT NULL,
		closed_by BIGINT,
		detail BIGINT NOT NULL,
		gerelateerd_debet TEXT NOT NULL,
		risicodrager TEXT NOT NULL,
		volmacht TEXT NOT NULL,
		verwerkingsdatum BIGINT NOT NULL,
		debet_credit TEXT NOT NULL,
		declaratiebedrag BIGINT NOT NULL,
		vergoed_basis BIGINT NOT NULL,
		vergoed_aanvullend BIGINT NOT NULL,
		eigen_risico BIGINT NOT NULL
	);
	CREATE INDEX q_record_active ON q_record (indiener, bron, verwerkingsdatum) WHERE closed_by IS NULL;
	CREATE INDEX q_record_risicodrager ON q_record (risicodrager, verwerkingsdatum, indiener) WHERE closed_by IS NULL`,
}

func (s *SQLStore) migrate(ctx context.Context) error {
	return s.Update(ctx, func(t Tx) error {
		tx := t.(*sqlTx)
		if _, err := tx.q.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS q_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		var v string
		err := tx.q.QueryRowContext(ctx, tx.rebind(`SELECT value FROM q_meta WHERE name = ?`), "schema").Scan(&v)
		version := 0
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.q.ExecContext(ctx, tx.rebind(`INSERT INTO q_meta (name, value) VALUES (?, ?)`), "schema", "0"); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
		case err != nil:
			return fmt.Errorf("migrate: %w", err)
		default:
			if version, err = strconv.Atoi(v); err != nil {
				return fmt.Errorf("migrate: schema version %q: %w", v, err)
			}
		}
		if version > len(migrations) {
			return fmt.Errorf("migrate: the ledger has schema version %d, newer than this program's %d", version, len(migrations))
		}
		for i := version; i < len(migrations); i++ {
			for _, stmt := range strings.Split(migrations[i], ";\n") {
				if _, err := tx.q.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migrate to version %d: %w", i+1, err)
				}
			}
		}
		if version != len(migrations) {
			if _, err := tx.q.ExecContext(ctx, tx.rebind(`UPDATE q_meta SET value = ? WHERE name = ?`), strconv.Itoa(len(migrations)), "schema"); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
		}
		return nil
	})
}

// querier is what *sql.Tx and *sql.Conn have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

type sqlTx struct {
	q       querier
	conn    *sql.Conn
	dialect Dialect
	batch   int
}

// Update runs fn in one transaction. On SQLite it is BEGIN IMMEDIATE (the write lock is
// taken at the start); on PostgreSQL the transaction first locks q_event against other
// writers, so deliveries of several processes are applied one after the other.
func (s *SQLStore) Update(ctx context.Context, fn func(Tx) error) error {
	return s.run(ctx, true, fn)
}

// View runs fn in a transaction that only reads.
func (s *SQLStore) View(ctx context.Context, fn func(Tx) error) error {
	return s.run(ctx, false, fn)
}

func (s *SQLStore) run(ctx context.Context, write bool, fn func(Tx) error) error {
	// The transaction is run by hand on one connection: database/sql cannot say BEGIN
	// IMMEDIATE (SQLite), and COPY (PostgreSQL) needs the driver's connection inside it.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	begin := "BEGIN"
	switch {
	case s.dialect == SQLite && write:
		begin = "BEGIN IMMEDIATE" // take the write lock now, not at the first write
	case s.dialect == Postgres && !write:
		begin = "BEGIN READ ONLY"
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		return err
	}
	tx := &sqlTx{q: conn, conn: conn, dialect: s.dialect, batch: s.batch}
	if s.dialect == Postgres && write {
		// Serialize writers over every process; the lock ends with the transaction. An
		// advisory lock, as the first migration runs before the tables exist.
		if _, err = conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock(5423010)`); err != nil {
			return s.rollback(ctx, conn, err)
		}
	}
	if err := fn(tx); err != nil {
		return s.rollback(ctx, conn, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return s.rollback(ctx, conn, err)
	}
	return nil
}

func (s *SQLStore) rollback(ctx context.Context, conn *sql.Conn, err error) error {
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
		// A connection whose transaction state is unknown is not given back to the pool.
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return err
}

// rebind turns ? placeholders into $n for PostgreSQL.
func (t *sqlTx) rebind(q string) string {
	if t.dialect != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

const eventCols = `id, kind, name, indiener, bron, referentienummer, dagtekening, begin_date, end_date, risicodragers, records, applied`

func (t *sqlTx) Events(ctx context.Context, indiener, bronID string) ([]Event, error) {
	q := `SELECT ` + eventCols + ` FROM q_event`
	var conds []string
	var args []any
	if indiener != "" {
		conds, args = append(conds, "indiener = ?"), append(args, indiener)
	}
	if bronID != "" {
		conds, args = append(conds, "bron = ?"), append(args, bronID)
	}
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := t.q.QueryContext(ctx, t.rebind(q+" ORDER BY id"), args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var kind, rds, applied string
		var dag, begin, end int64
		if err := rows.Scan(&e.ID, &kind, &e.Name, &e.Header.Indiener, &e.Header.BronID, &e.Header.Referentienummer, &dag, &begin, &end, &rds, &e.Records, &applied); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		e.Kind = EventKind(kind)
		if dag != 0 {
			e.Header.DagtekeningAanmaak = dateFromKey(dag)
		}
		e.Header.Begin, e.Header.Eind = dateFromKey(begin), dateFromKey(end)
		if rds != "" {
			e.Risicodragers = strings.Split(rds, ",")
		}
		e.Applied, _ = time.Parse(time.RFC3339Nano, applied)
		out = append(out, e)
	}
	return out, rows.Err()
}

func where(q Query) (string, []any) {
	var conds []string
	var args []any
	if !q.IncludeClosed {
		conds = append(conds, "r.closed_by IS NULL")
	}
	if q.Indiener != "" {
		conds, args = append(conds, "r.indiener = ?"), append(args, q.Indiener)
	}
	if q.BronID != "" {
		conds, args = append(conds, "r.bron = ?"), append(args, q.BronID)
	}
	if q.OtherThan != "" {
		conds, args = append(conds, "r.indiener <> ?"), append(args, q.OtherThan)
	}
	if len(q.Risicodragers) > 0 {
		conds = append(conds, "r.risicodrager IN (?"+strings.Repeat(", ?", len(q.Risicodragers)-1)+")")
		for _, r := range q.Risicodragers {
			args = append(args, r)
		}
	}
	if q.Period != (Period{}) {
		conds, args = append(conds, "r.verwerkingsdatum BETWEEN ? AND ?"), append(args, dateKey(q.Period.From), dateKey(q.Period.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func (t *sqlTx) Groups(ctx context.Context, q Query) ([]Group, error) {
	w, args := where(q)
	// 0000 and an empty 0406 both say "no volmacht".
	rows, err := t.q.QueryContext(ctx, t.rebind(`SELECT r.indiener, r.bron, r.activated_by, e.referentienummer, r.risicodrager,
		CASE WHEN r.volmacht = '0000' THEN '' ELSE r.volmacht END AS vm,
		COUNT(*), MIN(r.verwerkingsdatum), MAX(r.verwerkingsdatum)
		FROM q_record r JOIN q_event e ON e.id = r.activated_by`+w+`
		GROUP BY r.indiener, r.bron, r.activated_by, e.referentienummer, r.risicodrager, vm
		ORDER BY r.indiener, r.bron, r.activated_by, r.risicodrager, vm`), args...)
	if err != nil {
		return nil, fmt.Errorf("groups: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		var from, to int64
		if err := rows.Scan(&g.Indiener, &g.BronID, &g.Event, &g.Referentienummer, &g.Risicodrager, &g.Volmacht, &g.Count, &from, &to); err != nil {
			return nil, fmt.Errorf("groups: %w", err)
		}
		g.From, g.To = dateFromKey(from), dateFromKey(to)
		out = append(out, g)
	}
	return out, rows.Err()
}

func (t *sqlTx) AddEvent(ctx context.Context, e *Event) error {
	if err := t.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM q_event`).Scan(&e.ID); err != nil {
		return fmt.Errorf("add event: %w", err)
	}
	var dag int64
	if !e.Header.DagtekeningAanmaak.IsZero() {
		dag = dateKey(e.Header.DagtekeningAanmaak)
	}
	_, err := t.q.ExecContext(ctx, t.rebind(`INSERT INTO q_event (`+eventCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		e.ID, string(e.Kind), e.Name, e.Header.Indiener, e.Header.BronID, e.Header.Referentienummer, dag,
		dateKey(e.Header.Begin), dateKey(e.Header.Eind), strings.Join(e.Risicodragers, ","), e.Records, e.Applied.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("add event: %w", err)
	}
	return nil
}

func (t *sqlTx) SetEventRecords(ctx context.Context, id, n int64) error {
	_, err := t.q.ExecContext(ctx, t.rebind(`UPDATE q_event SET records = ? WHERE id = ?`), n, id)
	return err
}

func (t *sqlTx) CloseActive(ctx context.Context, indiener, bronID string, p Period, by int64) (int64, error) {
	res, err := t.q.ExecContext(ctx, t.rebind(`UPDATE q_record SET closed_by = ?
		WHERE closed_by IS NULL AND indiener = ? AND bron = ? AND verwerkingsdatum BETWEEN ? AND ?`),
		by, indiener, bronID, dateKey(p.From), dateKey(p.To))
	if err != nil {
		return 0, fmt.Errorf("close %s %s %s: %w", indiener, bronID, p, err)
	}
	return res.RowsAffected()
}

const recordCols = `indiener, bron, activated_by, identificatie, detail, gerelateerd_debet, risicodrager, volmacht,
	verwerkingsdatum, debet_credit, declaratiebedrag, vergoed_basis, vergoed_aanvullend, eigen_risico`

const nRecordCols = 14

func (t *sqlTx) InsertRecords(ctx context.Context, e *Event, recs []Record, progress func(done, total int)) error {
	if t.dialect == Postgres {
		return t.insertPostgres(ctx, e, recs, progress)
	}
	return t.insertValues(ctx, e, recs, progress)
}

// insertValues inserts with multi-row INSERT … VALUES statements of t.batch rows.
func (t *sqlTx) insertValues(ctx context.Context, e *Event, recs []Record, progress func(done, total int)) error {
	row := "(?" + strings.Repeat(", ?", nRecordCols-1) + ")"
	stmtFor := func(n int) string {
		return t.rebind(`INSERT INTO q_record (` + recordCols + `) VALUES ` + row + strings.Repeat(", "+row, n-1))
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, t.batch*nRecordCols)
	for start := 0; start < len(recs); start += t.batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+t.batch, len(recs))
		args = args[:0]
		for i := start; i < end; i++ {
			r := &recs[i]
			args = append(args, e.Header.Indiener, e.Header.BronID, e.ID, r.Identificatie, r.Detail, r.GerelateerdDebet,
				r.Risicodrager, r.Volmacht, dateKey(r.Verwerkingsdatum), string(rune(r.DebetCredit)),
				r.Declaratiebedrag, r.VergoedBasis, r.VergoedAanvullend, r.EigenRisico)
		}
		var err error
		if end-start == t.batch {
			if full == nil {
				if full, err = t.q.PrepareContext(ctx, stmtFor(t.batch)); err != nil {
					return fmt.Errorf("insert records: %w", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = t.q.ExecContext(ctx, stmtFor(end-start), args...)
		}
		if err != nil {
			return fmt.Errorf("insert records %d-%d: %w", start+1, end, err)
		}
		if progress != nil {
			progress(end, len(recs))
		}
	}
	return nil
}

// insertPostgres inserts with COPY, in chunks of t.batch rows so that progress can be told.
func (t *sqlTx) insertPostgres(ctx context.Context, e *Event, recs []Record, progress func(done, total int)) error {
	cols := strings.Fields(strings.ReplaceAll(recordCols, ",", " "))
	return t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("insert records: driver connection %T is not pgx", dc)
		}
		for start := 0; start < len(recs); start += t.batch {
			chunk := recs[start:min(start+t.batch, len(recs))]
			row := make([]any, nRecordCols)
			src := pgx.CopyFromSlice(len(chunk), func(i int) ([]any, error) {
				r := &chunk[i]
				row[0], row[1], row[2], row[3], row[4], row[5], row[6] = e.Header.Indiener, e.Header.BronID, e.ID, r.Identificatie, r.Detail, r.GerelateerdDebet, r.Risicodrager
				row[7], row[8], row[9], row[10], row[11], row[12], row[13] = r.Volmacht, dateKey(r.Verwerkingsdatum), string(rune(r.DebetCredit)), r.Declaratiebedrag, r.VergoedBasis, r.VergoedAanvullend, r.EigenRisico
				return row, nil
			})
			if _, err := c.Conn().CopyFrom(ctx, pgx.Identifier{"q_record"}, cols, src); err != nil {
				return fmt.Errorf("insert records %d-%d: %w", start+1, start+len(chunk), err)
			}
			if progress != nil {
				progress(start+len(chunk), len(recs))
			}
		}
		return nil
	})
}

const recordSelect = `SELECT r.indiener, r.bron, r.activated_by, e.referentienummer, r.closed_by,
		r.identificatie, r.detail, r.gerelateerd_debet, r.risicodrager, r.volmacht, r.verwerkingsdatum, r.debet_credit,
		r.declaratiebedrag, r.vergoed_basis, r.vergoed_aanvullend, r.eigen_risico`

func (t *sqlTx) Records(ctx context.Context, q Query, fn func(RecordState) error) error {
	w, args := where(q)
	rows, err := t.q.QueryContext(ctx, t.rebind(recordSelect+`
		FROM q_record r JOIN q_event e ON e.id = r.activated_by`+w+`
		ORDER BY r.indiener, r.bron, r.verwerkingsdatum, r.activated_by, r.identificatie`), args...)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	return scanRecords(rows, fn)
}

// Lookup reads the records of ids in one pass over the records of indiener and bron-id:
// the ids go into a temporary table (SQLite) or an array (PostgreSQL) that the records
// are joined with, so no index on identificatie is needed.
func (t *sqlTx) Lookup(ctx context.Context, indiener, bronID string, ids []string, fn func(RecordState) error) error {
	if len(ids) == 0 {
		return nil
	}
	if t.dialect == Postgres {
		rows, err := t.q.QueryContext(ctx, recordSelect+`
			FROM q_record r JOIN q_event e ON e.id = r.activated_by
			JOIN (SELECT DISTINCT id FROM unnest($3::text[]) AS u(id)) k ON k.id = r.identificatie
			WHERE r.indiener = $1 AND r.bron = $2
			ORDER BY r.activated_by, r.identificatie`, indiener, bronID, ids)
		if err != nil {
			return fmt.Errorf("lookup: %w", err)
		}
		return scanRecords(rows, fn)
	}
	if _, err := t.q.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS q_lookup (id TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	defer t.q.ExecContext(context.WithoutCancel(ctx), `DELETE FROM q_lookup`)
	for start := 0; start < len(ids); start += t.batch {
		end := min(start+t.batch, len(ids))
		args := make([]any, 0, end-start)
		for _, id := range ids[start:end] {
			args = append(args, id)
		}
		q := `INSERT OR IGNORE INTO q_lookup (id) VALUES (?)` + strings.Repeat(", (?)", end-start-1)
		if _, err := t.q.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("lookup: %w", err)
		}
	}
	// CROSS JOIN keeps q_record the outer loop: one scan, a primary key probe per record.
	rows, err := t.q.QueryContext(ctx, recordSelect+`
		FROM q_record r CROSS JOIN q_lookup k JOIN q_event e ON e.id = r.activated_by
		WHERE k.id = r.identificatie AND r.indiener = ? AND r.bron = ?
		ORDER BY r.activated_by, r.identificatie`, indiener, bronID)
	if err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	return scanRecords(rows, fn)
}

func scanRecords(rows *sql.Rows, fn func(RecordState) error) error {
	defer rows.Close()
	for rows.Next() {
		var s RecordState
		var closed sql.NullInt64
		var datum int64
		var dc string
		r := &s.Record
		if err := rows.Scan(&s.Indiener, &s.BronID, &s.ActivatedBy, &s.Referentienummer, &closed,
			&r.Identificatie, &r.Detail, &r.GerelateerdDebet, &r.Risicodrager, &r.Volmacht, &datum, &dc,
			&r.Declaratiebedrag, &r.VergoedBasis, &r.VergoedAanvullend, &r.EigenRisico); err != nil {
			return fmt.Errorf("records: %w", err)
		}
		s.ClosedBy = closed.Int64
		r.Verwerkingsdatum = dateFromKey(datum)
		if dc != "" {
			r.DebetCredit = DebetCredit(dc[0])
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return rows.Err()
}
