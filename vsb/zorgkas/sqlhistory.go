package zorgkas

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite", pure Go (as the Q ledger uses)

	"github.com/zorgbericht/zorgbericht/vsb"
)

// SQLHistory is the History on database/sql, in SQLite (modernc.org/sqlite, the driver
// the Q ledger uses). It creates its table itself.
type SQLHistory struct {
	db *sql.DB
}

// OpenSQLHistory opens (creating it when needed) the history in the SQLite file at path.
func OpenSQLHistory(ctx context.Context, path string) (*SQLHistory, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("zorgkas: history %q: a SQLite file name cannot contain '?' (the driver would read what follows as options)", path)
	}
	// WAL lets readers go on while a sending is recorded; busy_timeout makes a second
	// writer wait instead of failing.
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("zorgkas: history %s: %w", path, err)
	}
	h, err := NewSQLHistory(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("zorgkas: history %s: %w", path, err)
	}
	return h, nil
}

// NewSQLHistory keeps the history in db (SQLite), creating its table when it is not there.
func NewSQLHistory(ctx context.Context, db *sql.DB) (*SQLHistory, error) {
	const schema = `CREATE TABLE IF NOT EXISTS vsb_sending (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		third_party TEXT NOT NULL,
		number INTEGER NOT NULL,
		year INTEGER NOT NULL,
		month INTEGER NOT NULL,
		content INTEGER NOT NULL,
		invoice_type INTEGER NOT NULL,
		created INTEGER NOT NULL,
		received INTEGER NOT NULL,
		invoice_dates TEXT NOT NULL,
		billing TEXT NOT NULL,
		state TEXT NOT NULL,
		reply TEXT NOT NULL,
		resubmits INTEGER NOT NULL
	);
	CREATE INDEX IF NOT EXISTS vsb_sending_third_party ON vsb_sending (third_party, id);`
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return nil, fmt.Errorf("creating the table: %w", err)
	}
	return &SQLHistory{db: db}, nil
}

// Close closes the database.
func (h *SQLHistory) Close() error { return h.db.Close() }

const sendingColumns = `third_party, number, year, month, content, invoice_type, created, received, invoice_dates, billing, state, reply, resubmits`

func sendingArgs(s Sending) []any {
	return []any{s.ThirdParty, s.Number, s.Year, s.Month, s.Content, s.InvoiceType, dateInt(s.Created), dateInt(s.Received),
		joinDates(s.InvoiceDates), joinInts(s.Billing), string(s.State), s.Reply, s.Resubmits}
}

// Add implements History.
func (h *SQLHistory) Add(ctx context.Context, s Sending) (int64, error) {
	res, err := h.db.ExecContext(ctx, `INSERT INTO vsb_sending (`+sendingColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sendingArgs(s)...)
	if err != nil {
		return 0, fmt.Errorf("zorgkas: history: %w", err)
	}
	return res.LastInsertId()
}

// Update implements History.
func (h *SQLHistory) Update(ctx context.Context, s Sending) error {
	res, err := h.db.ExecContext(ctx, `UPDATE vsb_sending SET (`+sendingColumns+`) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`,
		append(sendingArgs(s), s.ID)...)
	if err != nil {
		return fmt.Errorf("zorgkas: history: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("%w: %d", ErrNoSending, s.ID)
	}
	return nil
}

// Sendings implements History.
func (h *SQLHistory) Sendings(ctx context.Context, thirdParty string) ([]Sending, error) {
	rows, err := h.db.QueryContext(ctx, `SELECT id, `+sendingColumns+` FROM vsb_sending WHERE third_party = ? ORDER BY id`, thirdParty)
	if err != nil {
		return nil, fmt.Errorf("zorgkas: history: %w", err)
	}
	defer rows.Close()
	var out []Sending
	for rows.Next() {
		s, err := scanSending(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("zorgkas: history: %w", err)
	}
	return out, nil
}

// Get implements History.
func (h *SQLHistory) Get(ctx context.Context, id int64) (Sending, error) {
	s, err := scanSending(h.db.QueryRowContext(ctx, `SELECT id, `+sendingColumns+` FROM vsb_sending WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Sending{}, fmt.Errorf("%w: %d", ErrNoSending, id)
	}
	return s, err
}

func scanSending(row interface{ Scan(...any) error }) (Sending, error) {
	var s Sending
	var created, received int
	var dates, billing, state string
	err := row.Scan(&s.ID, &s.ThirdParty, &s.Number, &s.Year, &s.Month, &s.Content, &s.InvoiceType, &created, &received,
		&dates, &billing, &state, &s.Reply, &s.Resubmits)
	if errors.Is(err, sql.ErrNoRows) {
		return s, err
	}
	if err != nil {
		return s, fmt.Errorf("zorgkas: history: %w", err)
	}
	s.Created, s.Received, s.State = intDate(created), intDate(received), State(state)
	ds, err := splitInts(dates)
	if err != nil {
		return s, fmt.Errorf("zorgkas: history: sending %d: invoice_dates: %w", s.ID, err)
	}
	for _, d := range ds {
		s.InvoiceDates = append(s.InvoiceDates, intDate(d))
	}
	if s.Billing, err = splitInts(billing); err != nil {
		return s, fmt.Errorf("zorgkas: history: sending %d: billing: %w", s.ID, err)
	}
	return s, nil
}

// Dates are kept as YYYYMMDD numbers.
func dateInt(d vsb.Date) int { return d.Year*10000 + int(d.Month)*100 + d.Day }

func intDate(n int) vsb.Date {
	return vsb.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
}

func joinDates(ds []vsb.Date) string {
	ns := make([]int, len(ds))
	for i, d := range ds {
		ns[i] = dateInt(d)
	}
	return joinInts(ns)
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("%q is not a list of numbers", s)
		}
		out = append(out, n)
	}
	return out, nil
}
