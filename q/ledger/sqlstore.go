package ledger

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/q/internal/ahead"
)

// The store speaks SQL through database/sql and links no driver: the packages
// q/ledger/sqlite (modernc.org/sqlite, pure Go) and q/ledger/postgres
// (github.com/jackc/pgx/v5) open a database and hand it to NewSQLStore, so a program that
// keeps its ledger in SQLite links no PostgreSQL code and the other way round.

// Dialect is the SQL database a SQLStore runs on.
type Dialect int

// The dialects.
const (
	SQLite   Dialect = iota // embedded, one file (package q/ledger/sqlite)
	Postgres                // a PostgreSQL server (package q/ledger/postgres)
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// ErrNoLedger is wrapped by the error of opening a ledger that does not exist (a read-only
// command given a mistyped path) or a database that is not a ledger.
var ErrNoLedger = errors.New("no ledger")

// ErrReadOnly is returned by an update of a ledger opened read-only.
var ErrReadOnly = errors.New("ledger opened read-only")

// OpenOptions steer how a ledger is opened. The zero value opens it for writing and
// creates (SQLite file) and migrates it when needed, as an apply does.
type OpenOptions struct {
	// ReadOnly opens an existing ledger for reading only: nothing is created or migrated,
	// and a path that does not exist, a file or database that holds no ledger (an empty
	// file included) or a ledger whose schema is behind is refused (ErrNoLedger).
	ReadOnly bool
	// MustExist refuses to create a new ledger (ErrNoLedger), for commands that change
	// an existing one (q close).
	MustExist bool
}

// CopyFunc inserts n rows into table in bulk on conn, inside the transaction open on it;
// row fills dst (one value per column) for row i. The postgres package gives one (COPY).
type CopyFunc func(ctx context.Context, conn *sql.Conn, table string, columns []string, n int, row func(i int, dst []any)) error

// SQLConfig is what a driver package tells NewSQLStore about its database.
type SQLConfig struct {
	Dialect Dialect
	Name    string   // for messages: the file path, or "postgres" (never a URL with a password)
	Copy    CopyFunc // bulk insert; nil: multi-row INSERT statements
}

// SQLStore is the Store on database/sql. It creates and migrates its tables itself.
type SQLStore struct {
	db       *sql.DB
	dialect  Dialect
	batch    int // records per INSERT statement or COPY chunk
	copy     CopyFunc
	readOnly bool
}

// IsPostgresURL reports whether dsn names a PostgreSQL server rather than a file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLiteDSN returns the data source name for the modernc.org/sqlite driver of the ledger
// in the file at path. WAL lets readers go on while a delivery is applied, and a killed
// process leaves the last committed state; busy_timeout makes a second writer wait
// instead of failing. With opts.ReadOnly or opts.MustExist a path that is not a non-empty
// file is refused (ErrNoLedger); read-only, the file is opened with SQLite's mode=ro.
func SQLiteDSN(path string, opts OpenOptions) (string, error) {
	if path == "" {
		return "", fmt.Errorf("%w: want a file path or a postgres:// URL", ErrNotOpen)
	}
	if strings.ContainsRune(path, '?') {
		// The driver would read what follows as its options.
		return "", fmt.Errorf("ledger %q: %w: a SQLite file name cannot contain '?'", path, ErrNotOpen)
	}
	if opts.ReadOnly || opts.MustExist {
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("ledger %s: %w: the file does not exist", path, ErrNoLedger)
		case err != nil:
			return "", fmt.Errorf("ledger %s: %w", path, err)
		case st.IsDir():
			return "", fmt.Errorf("ledger %s: %w: a directory", path, ErrNoLedger)
		case st.Size() == 0:
			return "", fmt.Errorf("ledger %s: %w: the file is empty", path, ErrNoLedger)
		}
	}
	if opts.ReadOnly {
		esc := strings.NewReplacer("%", "%25", "#", "%23").Replace(path)
		return "file:" + esc + "?mode=ro&_pragma=busy_timeout(30000)", nil
	}
	return path + "?_pragma=busy_timeout(30000)&_journal_mode=WAL&_synchronous=NORMAL" + sqliteTuning, nil
}

// sqliteTuning are the pragmas of a writer. temp_store(MEMORY): the statement journal of
// a multi-row INSERT (what SQLite undoes when one row of the statement fails) stays in
// memory instead of a temporary file written page by page; the transaction's own
// atomicity is the WAL's and does not depend on it. cache_size(-32768): 32 MiB of page
// cache per connection, so that an apply of a few hundred thousand records does not spill
// its pages into the WAL before the commit; it bounds the memory, whatever the file's
// size. page_size(65536): a new ledger gets SQLite's largest page, 16 times the default
// 4 KiB (an existing ledger keeps the page size it was created with). An apply adds its
// records' rows and index entries in bulk: with large pages it splits and balances a
// sixteenth as many pages, writes a sixteenth as many WAL frames, and its 32 MiB of page
// cache is 512 allocations instead of 8,192, each one mapped and unmapped by the pure-Go
// driver's allocator (freeing them when the ledger is closed cost a quarter of a second
// of system time for 300,000 records). A CPU profile of zorgcheck q apply of 300,000
// records: the apply and close 2.1 s with 4 KiB pages, 1.7 s with 64 KiB. The ledger's
// reads are scans of an indiener and bron-id, which large pages do not slow down.
//
// The driver runs the _pragma list sorted by name, and journal_mode(WAL) there (before
// page_size) would fix the page size of a new file at 4 KiB: WAL and synchronous are
// given with the driver's _journal_mode and _synchronous, which it applies after the
// list.
const sqliteTuning = "&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32768)&_pragma=page_size(65536)"

// NewSQLStore returns the store on db, which a driver package opened. Unless
// opts.ReadOnly, it migrates the schema when it is behind (and only then: a ledger of the
// current schema is opened without a write).
func NewSQLStore(ctx context.Context, db *sql.DB, cfg SQLConfig, opts OpenOptions) (*SQLStore, error) {
	s := &SQLStore{db: db, dialect: cfg.Dialect, batch: 500, copy: cfg.Copy, readOnly: opts.ReadOnly}
	if cfg.Dialect == Postgres {
		s.batch = 20000 // COPY chunks: few round trips, a few MB held
	}
	version, err := s.schemaVersion(ctx)
	switch {
	case err != nil && opts.ReadOnly:
		return nil, fmt.Errorf("ledger %s: %w: %v", cfg.Name, ErrNoLedger, err)
	case err == nil && version == 0 && (opts.ReadOnly || opts.MustExist):
		return nil, fmt.Errorf("ledger %s: %w: the database holds no ledger (no q_meta table)", cfg.Name, ErrNoLedger)
	case err == nil && version > len(migrations):
		return nil, fmt.Errorf("ledger %s: the ledger has schema version %d, newer than this program's %d", cfg.Name, version, len(migrations))
	case err == nil && version < len(migrations) && opts.ReadOnly:
		return nil, fmt.Errorf("ledger %s: %w: schema version %d is behind this program's %d: apply a file (or q close) to migrate it", cfg.Name, ErrNoLedger, version, len(migrations))
	case err != nil || version < len(migrations):
		if err := s.migrate(ctx); err != nil {
			return nil, fmt.Errorf("ledger %s: %w", cfg.Name, err)
		}
	}
	return s, nil
}

// schemaVersion reads the schema version without writing: 0 when the database has no
// q_meta table.
func (s *SQLStore) schemaVersion(ctx context.Context) (int, error) {
	var exists bool
	q := `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'q_meta')`
	if s.dialect == Postgres {
		q = `SELECT to_regclass('q_meta') IS NOT NULL`
	}
	if err := s.db.QueryRowContext(ctx, q).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM q_meta WHERE name = 'schema'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("schema version %q: %w", v, err)
	}
	return n, nil
}

// Dialect returns the database the store runs on.
func (s *SQLStore) Dialect() Dialect { return s.dialect }

// DB returns the database handle, for reports of one's own.
func (s *SQLStore) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *SQLStore) Close() error { return s.db.Close() }

// migrations are the schema versions, each applied once in order; a dialect may differ
// (migrationsFor).
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
	// 2: event ids from a sequence on PostgreSQL, where applies of different indieners run
	// at the same time (SQLite takes MAX(id)+1 under its one write lock).
	`SELECT 1`,
	// 3: the records counted per day in q_day, which holds what closed them. A row counts
	// the records of an indiener, bron-id, activating event, risicodrager, volmacht (0406
	// as delivered) and verwerkingsdatum. Closing is by indiener, bron-id and
	// verwerkingsdatum, so all the records of a row are closed together, by the same event:
	// closed_by of the row is theirs, and a record is closed by changing the row, not the
	// record (a re-delivery of 300,000 records changes a few hundred rows, not 300,000
	// records and their index entries). Groups reads the rows instead of the records, so the
	// index of the records per risicodrager goes; the records are found by indiener, bron-id
	// and verwerkingsdatum (q_record_key), closed or not, and joined with their row.
	`CREATE TABLE q_day (
		indiener TEXT NOT NULL,
		bron TEXT NOT NULL,
		activated_by BIGINT NOT NULL,
		closed_by BIGINT,
		risicodrager TEXT NOT NULL,
		volmacht TEXT NOT NULL,
		verwerkingsdatum BIGINT NOT NULL,
		n BIGINT NOT NULL
	);
	INSERT INTO q_day (indiener, bron, activated_by, closed_by, risicodrager, volmacht, verwerkingsdatum, n)
		SELECT indiener, bron, activated_by, closed_by, risicodrager, volmacht, verwerkingsdatum, COUNT(*)
		FROM q_record GROUP BY indiener, bron, activated_by, closed_by, risicodrager, volmacht, verwerkingsdatum;
	CREATE INDEX q_day_key ON q_day (indiener, bron, verwerkingsdatum);
	CREATE INDEX q_day_risicodrager ON q_day (risicodrager, verwerkingsdatum);
	DROP INDEX q_record_risicodrager;
	DROP INDEX q_record_active;
	ALTER TABLE q_record DROP COLUMN closed_by;
	CREATE INDEX q_record_key ON q_record (indiener, bron, verwerkingsdatum)`,
	// 4: the records' index puts the activating event before the verwerkingsdatum, so the
	// records of a file go in at the end of their indiener and bron-id, beside each other,
	// instead of between those of every earlier file of the same days, in pages to read
	// and split (a CPU profile of a re-delivery of 300,000 records: its INSERTs 1.88 s
	// before, 1.63 s after). The records are still found by indiener and bron-id, and
	// their verwerkingsdatum is read from the index.
	`DROP INDEX q_record_key;
	CREATE INDEX q_record_key ON q_record (indiener, bron, activated_by, verwerkingsdatum)`,
}

// migrationsFor returns the migrations of dialect d.
func migrationsFor(d Dialect) []string {
	if d != Postgres {
		return migrations
	}
	out := append([]string(nil), migrations...)
	out[1] = `CREATE SEQUENCE IF NOT EXISTS q_event_id;
	SELECT setval('q_event_id', COALESCE((SELECT MAX(id) FROM q_event), 0) + 1, false)`
	return out
}

func (s *SQLStore) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

// migrateTo migrates the schema to version (at most the latest): the tests make ledgers
// of an earlier schema with it.
func (s *SQLStore) migrateTo(ctx context.Context, version int) error {
	migrations := migrationsFor(s.dialect)[:version]
	return s.Update(ctx, "", func(t Tx) error {
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
		if version == len(migrations) {
			return nil // migrated by another process meanwhile
		}
		for i := version; i < len(migrations); i++ {
			for _, stmt := range strings.Split(migrations[i], ";\n") {
				if _, err := tx.q.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migrate to version %d: %w", i+1, err)
				}
			}
		}
		if _, err := tx.q.ExecContext(ctx, tx.rebind(`UPDATE q_meta SET value = ? WHERE name = ?`), strconv.Itoa(len(migrations)), "schema"); err != nil {
			return fmt.Errorf("migrate: %w", err)
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
	copy    CopyFunc
	full    driver.Stmt         // the INSERT of a full batch, once prepared; closed with the transaction
	args    []driver.NamedValue // the arguments of a batch, reused
}

// Update runs fn in one transaction. On SQLite it is BEGIN IMMEDIATE: the one write lock
// of the file is taken at the start, so writers take turns. On PostgreSQL writers of
// different keys (indiener and bron-id) run at the same time: the transaction takes an
// advisory lock on its key, so that deliveries of one indiener and bron-id are applied one
// after the other, and shares a lock that only a schema migration (key "") takes alone.
// Readers (View) never wait for either.
func (s *SQLStore) Update(ctx context.Context, key string, fn func(Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.run(ctx, true, key, fn)
}

// View runs fn in a transaction that only reads.
func (s *SQLStore) View(ctx context.Context, fn func(Tx) error) error {
	return s.run(ctx, false, "", fn)
}

// schemaLock is the advisory lock a migration takes exclusively and every other writer
// shares (PostgreSQL); keyLockClass is the class of the per-key locks.
const (
	schemaLock   = 5423010
	keyLockClass = 5423011
)

func (s *SQLStore) run(ctx context.Context, write bool, key string, fn func(Tx) error) error {
	// The transaction is run by hand on one connection: database/sql cannot say BEGIN
	// IMMEDIATE (SQLite), and COPY (PostgreSQL) needs the driver's connection inside it.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.dialect == SQLite && !s.readOnly {
		// A connection of the pool serves writes and reads: the page cache of a write
		// (sqliteTuning) is set again for each, and a read, which passes over the records
		// once (History's scan), keeps SQLite's default 2 MiB instead of filling 32 more.
		cache := "PRAGMA cache_size = -2048"
		if write {
			cache = "PRAGMA cache_size = -32768"
		}
		if _, err := conn.ExecContext(ctx, cache); err != nil {
			return err
		}
	}
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
	tx := &sqlTx{q: conn, conn: conn, dialect: s.dialect, batch: s.batch, copy: s.copy}
	if s.dialect == Postgres && write {
		// Advisory locks, as the first migration runs before the tables exist; they end
		// with the transaction.
		if key == "" {
			_, err = conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, schemaLock)
		} else {
			_, err = conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2, hashtext($3))`, schemaLock, keyLockClass, key)
		}
		if err != nil {
			return s.rollback(ctx, conn, err)
		}
	}
	err = fn(tx)
	if tx.full != nil {
		conn.Raw(func(any) error { return tx.full.Close() })
	}
	if err != nil {
		return s.rollback(ctx, conn, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return s.rollback(ctx, conn, err)
	}
	return nil
}

// rollback rolls the transaction back and returns err. When ctx is done, the error says
// so (errors.Is with context.Canceled or context.DeadlineExceeded): a driver may report a
// cancellation only as the write it broke off (pgx closes the connection, "use of closed
// network connection").
func (s *SQLStore) rollback(ctx context.Context, conn *sql.Conn, err error) error {
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
		// A connection whose transaction state is unknown is not given back to the pool.
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %w", cerr, err)
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

// where returns the WHERE clause of q over a table aliased r (q_record or q_day), whose
// closed_by is that of the q_day row aliased day (r itself for q_day).
func where(q Query, day string) (string, []any) {
	var conds []string
	var args []any
	if !q.IncludeClosed {
		conds = append(conds, day+".closed_by IS NULL")
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
	w, args := where(q, "r")
	// 0000 and an empty 0406 both say "no volmacht".
	// The records' day counts (q_day) are grouped first and the few groups joined with
	// their events: no record is read.
	rows, err := t.q.QueryContext(ctx, t.rebind(`SELECT g.indiener, g.bron, g.activated_by, e.referentienummer, g.risicodrager,
		g.vm, g.n, g.lo, g.hi
		FROM (SELECT r.indiener, r.bron, r.activated_by, r.risicodrager,
			CASE WHEN r.volmacht = '0000' THEN '' ELSE r.volmacht END AS vm,
			SUM(r.n) AS n, MIN(r.verwerkingsdatum) AS lo, MAX(r.verwerkingsdatum) AS hi
			FROM q_day r`+w+`
			GROUP BY r.indiener, r.bron, r.activated_by, r.risicodrager, vm) g
		JOIN q_event e ON e.id = g.activated_by
		ORDER BY g.indiener, g.bron, g.activated_by, g.risicodrager, g.vm`), args...)
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
	next := `SELECT COALESCE(MAX(id), 0) + 1 FROM q_event`
	if t.dialect == Postgres {
		next = `SELECT nextval('q_event_id')`
	}
	if err := t.q.QueryRowContext(ctx, next).Scan(&e.ID); err != nil {
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

func (t *sqlTx) SetEvent(ctx context.Context, e *Event) error {
	_, err := t.q.ExecContext(ctx, t.rebind(`UPDATE q_event SET records = ?, risicodragers = ? WHERE id = ?`), e.Records, strings.Join(e.Risicodragers, ","), e.ID)
	if err != nil {
		return fmt.Errorf("event %d: %w", e.ID, err)
	}
	return nil
}

func (t *sqlTx) CloseActive(ctx context.Context, indiener, bronID string, p Period, by int64) (int64, error) {
	// The records are closed by their day counts (q_day): a few rows per day, whatever
	// the number of records.
	const cond = ` WHERE closed_by IS NULL AND indiener = ? AND bron = ? AND verwerkingsdatum BETWEEN ? AND ?`
	args := []any{indiener, bronID, dateKey(p.From), dateKey(p.To)}
	var n int64
	if err := t.q.QueryRowContext(ctx, t.rebind(`SELECT COALESCE(SUM(n), 0) FROM q_day`+cond), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("close %s %s %s: %w", indiener, bronID, p, err)
	}
	if _, err := t.q.ExecContext(ctx, t.rebind(`UPDATE q_day SET closed_by = ?`+cond), append([]any{by}, args...)...); err != nil {
		return 0, fmt.Errorf("close %s %s %s: %w", indiener, bronID, p, err)
	}
	return n, nil
}

const recordCols = `indiener, bron, activated_by, identificatie, detail, gerelateerd_debet, risicodrager, volmacht,
	verwerkingsdatum, debet_credit, declaratiebedrag, vergoed_basis, vergoed_aanvullend, eigen_risico`

const nRecordCols = 14

// insertAhead is how many batches InsertRecords takes from src while the database inserts
// the one before them.
const insertAhead = 1

func (t *sqlTx) InsertRecords(ctx context.Context, e *Event, src func(fn func(*Record) error) error, total int, progress func(done, total int)) error {
	// The records are taken from src in batches of t.batch, copied, on a goroutine of its
	// own, while this one inserts the batch before (ahead.Batches: on two cores the wall
	// time is the database's alone, not the database's plus that of src: reading the file,
	// the delivery rules' sums, the day counts). The memory is that of insertAhead+2
	// batches, whatever the file's size. An insert that fails stops src, and its error
	// wins over one src meets after it; an error of src (the file, a canceled ctx) is
	// returned after the records before it are inserted. Either way the transaction is
	// rolled back.
	flush := t.insertValues
	if t.copy != nil {
		flush = t.insertCopy
	}
	days := map[dayKey]int64{} // filled by src's goroutine, read once Batches has returned
	done := 0
	err := ahead.Batches(t.batch, insertAhead,
		func(emit func(*Record) error) error {
			return src(func(r *Record) error {
				k := dayKey{r.Risicodrager, r.Volmacht, r.Verwerkingsdatum}
				if _, ok := days[k]; !ok {
					// The strings are copied: r's may live in a buffer the caller reuses.
					k.risicodrager, k.volmacht = strings.Clone(k.risicodrager), strings.Clone(k.volmacht)
				}
				days[k]++
				return emit(r)
			})
		},
		func(batch []Record) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := flush(ctx, e, batch); err != nil {
				return fmt.Errorf("insert records %d-%d: %w", done+1, done+len(batch), err)
			}
			done += len(batch)
			if progress != nil {
				progress(done, max(total, done))
			}
			return nil
		})
	if err != nil {
		return err
	}
	return t.insertDays(ctx, e, days)
}

// dayKey is a row of q_day within one event: the records of a risicodrager, volmacht and
// verwerkingsdatum.
type dayKey struct {
	risicodrager, volmacht string
	datum                  Date
}

// insertDays adds the q_day rows of event e's records, counted per day.
func (t *sqlTx) insertDays(ctx context.Context, e *Event, days map[dayKey]int64) error {
	const perStmt = 500
	keys := make([]dayKey, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	for start := 0; start < len(keys); start += perStmt {
		part := keys[start:min(start+perStmt, len(keys))]
		args := make([]any, 0, len(part)*7)
		for _, k := range part {
			args = append(args, e.Header.Indiener, e.Header.BronID, e.ID, k.risicodrager, k.volmacht, dateKey(k.datum), days[k])
		}
		row := "(?, ?, ?, ?, ?, ?, ?)"
		q := `INSERT INTO q_day (indiener, bron, activated_by, risicodrager, volmacht, verwerkingsdatum, n) VALUES ` + row + strings.Repeat(", "+row, len(part)-1)
		if _, err := t.q.ExecContext(ctx, t.rebind(q), args...); err != nil {
			return fmt.Errorf("insert day counts: %w", err)
		}
	}
	return nil
}

// insertValues inserts recs with one multi-row INSERT … VALUES statement; a full batch
// with a statement prepared once per transaction. The statement is run on the driver's
// connection with arguments reused from batch to batch: through database/sql every
// statement of 500 rows converted and copied its 5,500 arguments once more (a third of
// what an apply allocated). The event's columns (indiener, bron-id, event) are the
// parameters ?1-?3 of every row, bound once per statement.
func (t *sqlTx) insertValues(ctx context.Context, e *Event, recs []Record) error {
	if len(recs) == t.batch && t.full != nil {
		return t.execValues(ctx, t.full, e, recs)
	}
	// On SQLite, OR FAIL: a failing row ends the statement without undoing the rows before
	// it, so SQLite keeps no statement journal (a copy of every page the statement
	// changes). The error rolls the whole transaction back anyway.
	insertVerb := "INSERT"
	if t.dialect == SQLite {
		insertVerb = "INSERT OR FAIL"
	}
	// ?1-?3 are the event's; the plain ? after them number on from 4 (PostgreSQL: $n).
	var b strings.Builder
	b.WriteString(insertVerb + ` INTO q_record (` + recordCols + `) VALUES `)
	n := 3
	for i := range recs {
		if i > 0 {
			b.WriteString(", ")
		}
		if t.dialect == Postgres {
			b.WriteString("($1, $2, $3")
		} else {
			b.WriteString("(?1, ?2, ?3")
		}
		for range nRecordCols - 3 {
			n++
			if t.dialect == Postgres {
				b.WriteString(", $" + strconv.Itoa(n))
			} else {
				b.WriteString(", ?")
			}
		}
		b.WriteString(")")
	}
	q := b.String()
	var stmt driver.Stmt
	err := t.conn.Raw(func(dc any) error {
		var err error
		if p, ok := dc.(driver.ConnPrepareContext); ok {
			stmt, err = p.PrepareContext(ctx, q)
		} else {
			stmt, err = dc.(driver.Conn).Prepare(q)
		}
		return err
	})
	if err != nil {
		return err
	}
	if len(recs) == t.batch {
		t.full = stmt // closed with the transaction
		return t.execValues(ctx, stmt, e, recs)
	}
	err = t.execValues(ctx, stmt, e, recs)
	if cerr := t.conn.Raw(func(any) error { return stmt.Close() }); err == nil {
		err = cerr
	}
	return err
}

func (t *sqlTx) execValues(ctx context.Context, stmt driver.Stmt, e *Event, recs []Record) error {
	args := t.valuesArgs(e, recs)
	x, ok := stmt.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("the database driver's statement %T has no ExecContext", stmt)
	}
	return t.conn.Raw(func(any) error {
		_, err := x.ExecContext(ctx, args)
		return err
	})
}

// valuesArgs fills the arguments of recs, in a slice reused from batch to batch: the
// event's three, then the others of each record.
func (t *sqlTx) valuesArgs(e *Event, recs []Record) []driver.NamedValue {
	const perRow = nRecordCols - 3
	n := 3 + len(recs)*perRow
	if cap(t.args) < n {
		t.args = make([]driver.NamedValue, 3+t.batch*perRow)
		for i := range t.args {
			t.args[i].Ordinal = i + 1
		}
	}
	args := t.args[:n]
	args[0].Value, args[1].Value, args[2].Value = e.Header.Indiener, e.Header.BronID, e.ID
	var row [nRecordCols]any
	for i := range recs {
		recordRow(e, &recs[i], row[:])
		dst := args[3+i*perRow : 3+(i+1)*perRow]
		for j := range dst {
			dst[j].Value = row[3+j]
		}
	}
	return args
}

// recordRow fills dst with the values of recordCols for r of event e.
func recordRow(e *Event, r *Record, dst []any) []any {
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], dst[6] = e.Header.Indiener, e.Header.BronID, e.ID, r.Identificatie, r.Detail, r.GerelateerdDebet, r.Risicodrager
	dst[7], dst[8], dst[9], dst[10], dst[11], dst[12], dst[13] = r.Volmacht, dateKey(r.Verwerkingsdatum), string(rune(r.DebetCredit)), r.Declaratiebedrag.Cents(), r.VergoedBasis.Cents(), r.VergoedAanvullend.Cents(), r.EigenRisico.Cents() // integer cents in SQL
	return dst
}

// insertCopy inserts recs with the driver's bulk insert.
func (t *sqlTx) insertCopy(ctx context.Context, e *Event, recs []Record) error {
	cols := strings.Fields(strings.ReplaceAll(recordCols, ",", " "))
	return t.copy(ctx, t.conn, "q_record", cols, len(recs), func(i int, dst []any) { recordRow(e, &recs[i], dst) })
}

const recordSelect = `SELECT r.indiener, r.bron, r.activated_by, e.referentienummer, dy.closed_by,
		r.identificatie, r.detail, r.gerelateerd_debet, r.risicodrager, r.volmacht, r.verwerkingsdatum, r.debet_credit,
		r.declaratiebedrag, r.vergoed_basis, r.vergoed_aanvullend, r.eigen_risico`

// recordSelectNoEvent is recordSelect with 0 for the referentienummer: the caller fills it.
const recordSelectNoEvent = `SELECT r.indiener, r.bron, r.activated_by, 0, dy.closed_by,
		r.identificatie, r.detail, r.gerelateerd_debet, r.risicodrager, r.volmacht, r.verwerkingsdatum, r.debet_credit,
		r.declaratiebedrag, r.vergoed_basis, r.vergoed_aanvullend, r.eigen_risico`

// dayJoin joins the records r with the q_day row dy that counts them (and says what
// closed them).
const dayJoin = ` JOIN q_day dy ON dy.indiener = r.indiener AND dy.bron = r.bron AND dy.verwerkingsdatum = r.verwerkingsdatum
		AND dy.activated_by = r.activated_by AND dy.risicodrager = r.risicodrager AND dy.volmacht = r.volmacht`

func (t *sqlTx) Records(ctx context.Context, q Query, fn func(RecordState) error) error {
	w, args := where(q, "dy")
	rows, err := t.q.QueryContext(ctx, t.rebind(recordSelect+`
		FROM q_record r JOIN q_event e ON e.id = r.activated_by`+dayJoin+w+`
		ORDER BY r.indiener, r.bron, r.verwerkingsdatum, r.activated_by, r.identificatie`), args...)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	return scanRecords(rows, fn)
}

func (t *sqlTx) Scan(ctx context.Context, q Query, fn func(RecordState) error) error {
	indiener, bronID := q.Indiener, q.BronID
	if indiener == "" || bronID == "" || len(q.Risicodragers) > 0 || q.OtherThan != "" {
		return fmt.Errorf("scan: %w: want an indiener and a bron-id, and no risicodragers nor other indiener", ErrValue)
	}
	// What closed the records comes from their day counts, read first (a few hundred
	// rows), not joined record by record; the indiener and bron-id are the ones asked.
	// Only the days the day counts select are read: none when they select no record.
	dayCond, recCond := ` WHERE indiener = ? AND bron = ?`, ` WHERE r.indiener = ? AND r.bron = ?`
	args := []any{indiener, bronID}
	if q.Period != (Period{}) {
		dayCond += ` AND verwerkingsdatum BETWEEN ? AND ?`
		recCond += ` AND r.verwerkingsdatum BETWEEN ? AND ?`
		args = append(args, dateKey(q.Period.From), dateKey(q.Period.To))
	}
	if !q.IncludeClosed {
		dayCond += ` AND closed_by IS NULL`
	}
	type day struct {
		event                  int64
		risicodrager, volmacht string
		datum                  int64
	}
	closedBy := map[day]int64{}
	names := map[string]string{} // the risicodragers and volmachten of the day counts, once each
	days, err := t.q.QueryContext(ctx, t.rebind(`SELECT activated_by, risicodrager, volmacht, verwerkingsdatum, COALESCE(closed_by, 0)
		FROM q_day`+dayCond), args...)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	for days.Next() {
		var k day
		var by int64
		if err := days.Scan(&k.event, &k.risicodrager, &k.volmacht, &k.datum, &by); err != nil {
			days.Close()
			return fmt.Errorf("scan: %w", err)
		}
		for _, n := range [...]string{k.risicodrager, k.volmacht} {
			if _, ok := names[n]; !ok {
				names[n] = n
			}
		}
		k.risicodrager, k.volmacht = names[k.risicodrager], names[k.volmacht]
		closedBy[k] = by
	}
	if err := days.Close(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	if len(closedBy) == 0 {
		return nil
	}
	rows, err := t.q.QueryContext(ctx, t.rebind(`SELECT r.activated_by, r.identificatie, r.detail, r.gerelateerd_debet,
		r.risicodrager, r.volmacht, r.verwerkingsdatum, r.debet_credit,
		r.declaratiebedrag, r.vergoed_basis, r.vergoed_aanvullend, r.eigen_risico
		FROM q_record r`+recCond), args...)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer rows.Close()
	var risicodrager, volmacht, dc sql.RawBytes // reused from row to row
	for rows.Next() {
		s := RecordState{Indiener: indiener, BronID: bronID}
		r := &s.Record
		var datum int64
		var amounts [4]int64 // integer cents in SQL
		if err := rows.Scan(&s.ActivatedBy, &r.Identificatie, &r.Detail, &r.GerelateerdDebet, &risicodrager, &volmacht, &datum, &dc,
			&amounts[0], &amounts[1], &amounts[2], &amounts[3]); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		// The risicodrager and volmacht strings of the day counts, not two per record.
		k := day{event: s.ActivatedBy, risicodrager: names[string(risicodrager)], volmacht: names[string(volmacht)], datum: datum}
		by, ok := closedBy[k]
		if !ok && !q.IncludeClosed {
			continue // a closed record's day, which the day counts did not select
		}
		if !ok || k.risicodrager != string(risicodrager) || k.volmacht != string(volmacht) {
			return fmt.Errorf("scan: record %q of event %d has no day count in q_day", r.Identificatie, s.ActivatedBy)
		}
		s.ClosedBy = by
		r.Risicodrager, r.Volmacht = k.risicodrager, k.volmacht
		r.Declaratiebedrag, r.VergoedBasis = money.Cents(amounts[0]), money.Cents(amounts[1])
		r.VergoedAanvullend, r.EigenRisico = money.Cents(amounts[2]), money.Cents(amounts[3])
		r.Verwerkingsdatum = dateFromKey(datum)
		if len(dc) > 0 {
			r.DebetCredit = DebetCredit(dc[0])
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Lookup reads the records of ids in one pass over the records of indiener and bron-id:
// the ids go into a temporary table (SQLite) or an array (PostgreSQL) that the records
// are joined with, so no index on identificatie is needed.
func (t *sqlTx) Lookup(ctx context.Context, indiener, bronID string, ids []string, fn func(RecordState) error) error {
	if len(ids) == 0 {
		return nil
	}
	// The referentienummers of the events of indiener and bron-id (a few), so that the
	// records are not joined with their event one by one.
	refs := map[int64]int64{}
	evs, err := t.q.QueryContext(ctx, t.rebind(`SELECT id, referentienummer FROM q_event WHERE indiener = ? AND bron = ?`), indiener, bronID)
	if err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	for evs.Next() {
		var id, ref int64
		if err := evs.Scan(&id, &ref); err != nil {
			evs.Close()
			return fmt.Errorf("lookup: %w", err)
		}
		refs[id] = ref
	}
	if err := evs.Close(); err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	withRef := func(s RecordState) error {
		s.Referentienummer = refs[s.ActivatedBy]
		return fn(s)
	}
	if t.dialect == Postgres {
		// A ledger just filled has no statistics yet: the planner may then join the ids
		// and the records in a nested loop, one pass over the records per id (minutes for
		// a re-delivery of 10,000). A hash join is one pass; SET LOCAL ends with the
		// transaction.
		if _, err := t.q.ExecContext(ctx, `SET LOCAL enable_nestloop = off`); err != nil {
			return fmt.Errorf("lookup: %w", err)
		}
		rows, err := t.q.QueryContext(ctx, recordSelectNoEvent+`
			FROM q_record r
			JOIN (SELECT DISTINCT id FROM unnest($3::text[]) AS u(id)) k ON k.id = r.identificatie`+dayJoin+`
			WHERE r.indiener = $1 AND r.bron = $2
			ORDER BY r.activated_by, r.identificatie`, indiener, bronID, ids)
		if err != nil {
			return fmt.Errorf("lookup: %w", err)
		}
		return scanRecords(rows, withRef)
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
	rows, err := t.q.QueryContext(ctx, recordSelectNoEvent+`
		FROM q_record r CROSS JOIN q_lookup k`+dayJoin+`
		WHERE k.id = r.identificatie AND r.indiener = ? AND r.bron = ?
		ORDER BY r.activated_by, r.identificatie`, indiener, bronID)
	if err != nil {
		return fmt.Errorf("lookup: %w", err)
	}
	return scanRecords(rows, withRef)
}

func scanRecords(rows *sql.Rows, fn func(RecordState) error) error {
	defer rows.Close()
	for rows.Next() {
		var s RecordState
		var closed sql.NullInt64
		var datum int64
		var amounts [4]int64 // integer cents in SQL
		var dc string
		r := &s.Record
		if err := rows.Scan(&s.Indiener, &s.BronID, &s.ActivatedBy, &s.Referentienummer, &closed,
			&r.Identificatie, &r.Detail, &r.GerelateerdDebet, &r.Risicodrager, &r.Volmacht, &datum, &dc,
			&amounts[0], &amounts[1], &amounts[2], &amounts[3]); err != nil {
			return fmt.Errorf("records: %w", err)
		}
		r.Declaratiebedrag, r.VergoedBasis = money.Cents(amounts[0]), money.Cents(amounts[1])
		r.VergoedAanvullend, r.EigenRisico = money.Cents(amounts[2]), money.Cents(amounts[3])
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
