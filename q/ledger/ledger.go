package ledger

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Ledger is the warehouse's bookkeeping of Q deliveries: which prestatierecords are
// active, which file made them active and what closed them.
type Ledger struct {
	store Store
	now   func() time.Time
}

// New returns a ledger on store.
func New(store Store) *Ledger { return &Ledger{store: store, now: time.Now} }

// Store returns the storage of the ledger.
func (l *Ledger) Store() Store { return l.store }

// Close closes the storage.
func (l *Ledger) Close() error { return l.store.Close() }

// Plan says what applying d would do, without changing the ledger: the findings of the
// delivery rules, the active records it would close and the records it would add.
func (l *Ledger) Plan(ctx context.Context, d *Delivery, opts Options) (*Plan, error) {
	var p *Plan
	err := l.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = plan(ctx, tx, d, opts)
		return err
	})
	return p, err
}

func plan(ctx context.Context, tx Tx, d *Delivery, opts Options) (*Plan, error) {
	h, err := before(ctx, tx, d.Header)
	if err != nil {
		return nil, err
	}
	s := newSummary(d.Header)
	defer s.close()
	if err := d.Each(s.add); err != nil {
		return nil, err
	}
	return after(ctx, tx, d, s, h, opts)
}

// before reads what the ledger holds of the indiener and bron-id of hd before the
// delivery: its earlier deliveries and the active records of its period.
func before(ctx context.Context, tx Tx, hd Header) (history, error) {
	var h history
	prior, err := tx.Events(ctx, hd.Indiener, hd.BronID)
	if err != nil {
		return h, err
	}
	for _, e := range prior {
		if e.Kind == KindDelivery {
			h.prior = append(h.prior, e)
		}
	}
	if hd.Begin.Valid() && hd.Eind.Valid() && !hd.Eind.Before(hd.Begin) {
		if h.closes, err = tx.Groups(ctx, Query{Indiener: hd.Indiener, BronID: hd.BronID, Period: hd.Period()}); err != nil {
			return h, err
		}
	}
	return h, nil
}

// after completes h with the records of other indieners once the delivery's records are
// summed up in s, and applies the delivery rules.
func after(ctx context.Context, tx Tx, d *Delivery, s *summary, h history, opts Options) (*Plan, error) {
	if err := s.finish(d); err != nil {
		return nil, err
	}
	hd := d.Header
	units := s.units()
	if s.validPeriod {
		if sel := s.risicodragers(); len(sel) > 0 {
			others, err := tx.Groups(ctx, Query{Risicodragers: sel, Period: hd.Period(), OtherThan: hd.Indiener})
			if err != nil {
				return nil, err
			}
			in := map[Unit]bool{}
			for _, u := range units {
				in[u] = true
			}
			for _, g := range others {
				if in[g.Unit()] {
					h.others = append(h.others, g)
				}
			}
		}
	}
	findings := check(hd, s, h, opts)
	if findings == nil {
		findings = Findings{} // JSON: [] rather than null
	}
	return &Plan{
		Name:          d.Name,
		Header:        hd,
		Risicodragers: unitStrings(units),
		Findings:      findings,
		Closes:        nonNil(h.closes),
		NotReplaced:   nonNil(notReplacedGroups(units, h.closes)),
		Adds:          nonNil(s.adds()),
		CountedTwice:  nonNil(h.others),
	}, nil
}

func nonNil(g []Group) []Group {
	if g == nil {
		return []Group{}
	}
	return g
}

// Apply applies d in one transaction: it closes every active record of the same
// indiener and bron-id whose verwerkingsdatum lies in d's verwerkingsperiode and adds d's
// records as active, as Vektis's warehouse does: also when that closes records of a
// risicodrager/volmacht d does not deliver, or leaves another indiener's records of the
// same schade active (table 2-3; warnings in the plan). When the delivery rules refuse d it returns a *RefusedError (which
// matches ErrRefused) and the ledger is unchanged; so it is after any other error, or when
// the process dies half way. The returned plan is what was done.
func (l *Ledger) Apply(ctx context.Context, d *Delivery, opts Options) (*Plan, error) {
	var p *Plan
	err := l.store.Update(ctx, UpdateKey(d.Header.Indiener, d.Header.BronID), func(tx Tx) error {
		// One pass over the records: they are inserted and summed up for the delivery
		// rules at once; a refused file is rolled back with the rest.
		h, err := before(ctx, tx, d.Header)
		if err != nil {
			return err
		}
		e := Event{Kind: KindDelivery, Name: d.Name, Header: d.Header, Applied: l.now()}
		if err := tx.AddEvent(ctx, &e); err != nil {
			return err
		}
		closed, err := tx.CloseActive(ctx, d.Header.Indiener, d.Header.BronID, d.Header.Period(), e.ID)
		if err != nil {
			return err
		}
		if closed != sumCount(h.closes) {
			return fmt.Errorf("apply: closed %d records where the plan counted %d", closed, sumCount(h.closes))
		}
		s := newSummary(d.Header)
		defer s.close()
		src := func(fn func(*Record) error) error {
			return d.Each(func(r *Record) error {
				if err := s.add(r); err != nil {
					return err
				}
				return fn(r)
			})
		}
		if err := tx.InsertRecords(ctx, &e, src, d.count(), opts.Progress); err != nil {
			return err
		}
		if p, err = after(ctx, tx, d, s, h, opts); err != nil {
			return err
		}
		if p.Refused() {
			return &RefusedError{Name: d.Name, Plan: p}
		}
		e.Risicodragers, e.Records = p.Risicodragers, int64(s.n)
		if err := tx.SetEvent(ctx, &e); err != nil {
			return err
		}
		p.Event = e.ID
		if opts.BeforeCommit != nil {
			return opts.BeforeCommit(p)
		}
		return nil
	})
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			return re.Plan, err
		}
		return nil, err
	}
	return p, nil
}

// ApplyAll applies deliveries in the order of their referentienummer (per indiener and
// bron-id, as the warehouse does), each in its own transaction. It stops at the first one
// that fails and returns the plans of those applied before it.
func (l *Ledger) ApplyAll(ctx context.Context, ds []*Delivery, opts Options) ([]*Plan, error) {
	sorted := append([]*Delivery(nil), ds...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].Header.Referentienummer < sorted[j].Header.Referentienummer
	})
	var plans []*Plan
	for _, d := range sorted {
		p, err := l.Apply(ctx, d, opts)
		if err != nil {
			return plans, err
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// ClosePeriod closes, on request of the insurer or Vektis (§2.3.5.2 item 5), every active
// record of indiener and bron-id whose verwerkingsdatum lies in p, whatever file made it
// active. It returns the closing event; its Records is the number of records closed.
func (l *Ledger) ClosePeriod(ctx context.Context, indiener, bronID string, p Period) (*Event, error) {
	if indiener == "" || bronID == "" {
		return nil, fmt.Errorf("close: %w: want an indiener and a bron-id", ErrMissing)
	}
	if !p.From.Valid() || !p.To.Valid() || p.To.Before(p.From) {
		return nil, fmt.Errorf("close: %w: period %s", ErrValue, p)
	}
	e := Event{Kind: KindClosing, Header: Header{Indiener: indiener, BronID: bronID, Begin: p.From, Eind: p.To}, Applied: l.now()}
	err := l.store.Update(ctx, UpdateKey(indiener, bronID), func(tx Tx) error {
		if err := tx.AddEvent(ctx, &e); err != nil {
			return err
		}
		n, err := tx.CloseActive(ctx, indiener, bronID, p, e.ID)
		if err != nil {
			return err
		}
		e.Records = n
		return tx.SetEventRecords(ctx, e.ID, n)
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// Records calls fn for every record q selects (by default the active ones).
func (l *Ledger) Records(ctx context.Context, q Query, fn func(RecordState) error) error {
	return l.store.View(ctx, func(tx Tx) error { return tx.Records(ctx, q, fn) })
}

// Groups counts the records q selects per indiener, bron-id, file and risicodrager.
func (l *Ledger) Groups(ctx context.Context, q Query) ([]Group, error) {
	var gs []Group
	err := l.store.View(ctx, func(tx Tx) error {
		var err error
		gs, err = tx.Groups(ctx, q)
		return err
	})
	return gs, err
}

// Events returns the events of indiener and bron-id ("" for all), oldest first.
func (l *Ledger) Events(ctx context.Context, indiener, bronID string) ([]Event, error) {
	var es []Event
	err := l.store.View(ctx, func(tx Tx) error {
		var err error
		es, err = tx.Events(ctx, indiener, bronID)
		return err
	})
	return es, err
}

// Lookup returns what the ledger knows of the identificaties prestatierecord ids (0450) of
// indiener and bron-id: per id the records that carried it, oldest first (a re-delivery
// may deliver the same identificatie again). It reads the records in one pass, for the
// checks of a file against earlier deliveries (credits pointing at a debit, 2.3.21).
func (l *Ledger) Lookup(ctx context.Context, indiener, bronID string, ids []string) (map[string][]RecordState, error) {
	out := map[string][]RecordState{}
	err := l.store.View(ctx, func(tx Tx) error {
		return tx.Lookup(ctx, indiener, bronID, ids, func(s RecordState) error {
			out[s.Record.Identificatie] = append(out[s.Record.Identificatie], s)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
