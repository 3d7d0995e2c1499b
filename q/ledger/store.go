package ledger

import "context"

// Store keeps the ledger. SQLStore is the implementation on database/sql (SQLite and
// PostgreSQL); another storage implements the same two interfaces.
type Store interface {
	// Update runs fn in one transaction, committed when fn returns nil and rolled back
	// otherwise. Updates of one key (UpdateKey: an indiener and bron-id) are serialized
	// over every process; the key "" excludes every other update.
	Update(ctx context.Context, key string, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// Tx is what the ledger does inside a transaction.
type Tx interface {
	// Events returns the events of an indiener and bron-id ("" for all), in order of ID.
	Events(ctx context.Context, indiener, bronID string) ([]Event, error)
	// Groups counts the records that q selects per indiener, bron-id, activating event and
	// risicodrager.
	Groups(ctx context.Context, q Query) ([]Group, error)
	// AddEvent stores e and sets e.ID.
	AddEvent(ctx context.Context, e *Event) error
	// SetEventRecords sets the record count of event id (for a closing, once it is known).
	SetEventRecords(ctx context.Context, id, n int64) error
	// CloseActive closes every active record of indiener and bron-id whose
	// verwerkingsdatum lies in p, marking it closed by event by. It returns how many it closed.
	CloseActive(ctx context.Context, indiener, bronID string, p Period, by int64) (int64, error)
	// SetEvent sets the record count and the risicodragers of delivery event e, once its
	// records are in.
	SetEvent(ctx context.Context, e *Event) error
	// InsertRecords adds the records src gives (as Delivery.Source does), active and made
	// active by event e, holding a bounded number at a time. total is the number expected
	// (0 when unknown), for progress only.
	InsertRecords(ctx context.Context, e *Event, src func(fn func(*Record) error) error, total int, progress func(done, total int)) error
	// Lookup calls fn for every record of indiener and bron-id, active or closed, whose
	// identificatie prestatierecord is one of ids, in order of the event that made it
	// active.
	Lookup(ctx context.Context, indiener, bronID string, ids []string, fn func(RecordState) error) error
	// Scan calls fn for every record q selects, in no particular order, in one pass that
	// holds none of them; the Referentienummer of the RecordState is not filled. q names
	// an indiener and a bron-id; it may select a Period and IncludeClosed, and not
	// Risicodragers nor OtherThan (ErrValue).
	Scan(ctx context.Context, q Query, fn func(RecordState) error) error
	// Records calls fn for each record q selects, ordered by indiener, bron-id,
	// verwerkingsdatum, activating event and identificatie prestatierecord.
	Records(ctx context.Context, q Query, fn func(RecordState) error) error
}

// Query selects records.
type Query struct {
	Indiener      string   // "" for every indiener
	BronID        string   // "" for every bron-id
	Risicodragers []string // empty for every risicodrager
	OtherThan     string   // when set, only records of another indiener than this one
	Period        Period   // verwerkingsdatum range; zero for all dates
	IncludeClosed bool     // also the closed records
}

// RecordState is a record in the ledger with where it came from and what closed it.
type RecordState struct {
	Indiener         string `json:"indiener"`
	BronID           string `json:"bron_id"`
	Record           Record `json:"record"`
	ActivatedBy      int64  `json:"activated_by"`        // the event (file) that made it active
	Referentienummer int64  `json:"referentienummer"`    // of that file
	ClosedBy         int64  `json:"closed_by,omitempty"` // the event that closed it; 0 while active
}

// Active reports whether the record is active.
func (s RecordState) Active() bool { return s.ClosedBy == 0 }

// UpdateKey is the key of the updates of an indiener and bron-id (Store.Update).
func UpdateKey(indiener, bronID string) string { return indiener + "/" + bronID }
