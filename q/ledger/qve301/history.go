package qve301

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/internal/fingerprint"
	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// History returns what the ledger knows of the prestatierecords d names (its own
// identificaties and the debits its credits point at), as the q.History the Q rules use
// to check d against earlier deliveries:
//
//	h, err := qve301.History(ctx, l, d)
//	rules := q.RuleSet(q.RuleOptions{History: h})
//
// It reads d's records once (d.Each) and, when they can answer a rule, the ledger's
// records of d's indiener and bron-id once (Tx.Scan), now; the rules then ask it without
// I/O. The rules ask it two things: whether an identificatie of d was delivered before and
// stays active outside d's verwerkingsperiode (RuleUniek: records inside it are closed by
// d), and what a credit's identificatie gerelateerd debet names (RuleCreditRef, active or
// closed). So the ledger's records are read only when d has credits (all of them) or the
// ledger holds active records outside d's period (those): a re-delivery of debits of
// the same period reads none. Lookup answers for those questions only: for an identificatie
// of d whose records all lie inside its period it may say "not delivered", and one active
// both inside and outside the period (only after -force-invalid) is answered with the
// record outside it.
//
// It holds the identificaties by an 8-byte fingerprint (FNV-64a, as the Q rules keep the
// file's own): those asked while it reads the ledger, then, sorted, what the ledger holds
// of them in 12 bytes each.
func History(ctx context.Context, l *ledger.Ledger, d *ledger.Delivery) (q.History, error) {
	h := &history{indiener: d.Header.Indiener, bron: d.Header.BronID}
	// The first delivery of an indiener and bron-id has nothing to look up.
	evs, err := l.Events(ctx, d.Header.Indiener, d.Header.BronID)
	if err != nil || len(evs) == 0 {
		return h, err
	}
	hd := d.Header
	all := ledger.Query{Indiener: hd.Indiener, BronID: hd.BronID, IncludeClosed: true}
	// The active records outside the period, before it and after it (the whole ledger
	// when the period is not one).
	var outside []ledger.Query
	if p := hd.Period(); p.From.Valid() && p.To.Valid() && !p.To.Before(p.From) {
		first, last := ledger.MakeDate(1, time.January, 1), ledger.MakeDate(9999, time.December, 31)
		for _, o := range []ledger.Period{{From: first, To: p.From.AddDays(-1)}, {From: p.To.AddDays(1), To: last}} {
			if o.To.Before(o.From) {
				continue
			}
			q := ledger.Query{Indiener: hd.Indiener, BronID: hd.BronID, Period: o}
			gs, err := l.Groups(ctx, q)
			if err != nil {
				return nil, err
			}
			if len(gs) > 0 {
				outside = append(outside, q)
			}
		}
	} else {
		outside = []ledger.Query{{Indiener: hd.Indiener, BronID: hd.BronID}}
	}
	var wanted []uint64
	credits := false
	err = d.Each(func(r *ledger.Record) error {
		if len(outside) > 0 {
			wanted = append(wanted, fingerprint.Of(r.Identificatie))
		}
		if r.GerelateerdDebet != "" {
			credits = true
			wanted = append(wanted, fingerprint.Of(r.GerelateerdDebet))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	scans := outside
	if credits {
		scans = []ledger.Query{all} // a credit may name a closed debit
	}
	if len(wanted) == 0 {
		return h, nil
	}
	slices.Sort(wanted)
	wanted = slices.Compact(wanted)
	// At most one record per identificatie asked and per record of the indiener's
	// deliveries: room for them at once, not grown by doubling.
	var held int64
	for _, e := range evs {
		if e.Kind == ledger.KindDelivery {
			held += e.Records
		}
	}
	found := make([]known, 0, min(int64(len(wanted)), held))
	err = l.Store().View(ctx, func(tx ledger.Tx) error {
		for _, sel := range scans {
			err := tx.Scan(ctx, sel, func(s ledger.RecordState) error {
				fp := fingerprint.Of(s.Record.Identificatie)
				if _, ok := slices.BinarySearch(wanted, fp); ok {
					found = append(found, known{fp, pack(s.Record.DebetCredit == ledger.Credit, s.Active(), s.Record.Verwerkingsdatum),
						uint32(min(s.ActivatedBy, math.MaxUint32))})
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	wanted = nil
	// Per identificatie the active version when there is one, else the latest.
	slices.SortFunc(found, func(a, b known) int {
		return cmp.Or(cmp.Compare(a.fp, b.fp), cmp.Compare(a.event, b.event))
	})
	out := found[:0]
	for _, k := range found {
		if n := len(out); n > 0 && out[n-1].fp == k.fp {
			if !out[n-1].v.active() || k.v.active() {
				out[n-1] = k
			}
			continue
		}
		out = append(out, k)
	}
	// Kept in 12 bytes per identificatie, without the event (only the order above needs
	// it): the Q rules' table of the file and the ledger's set grow beside it.
	h.fps, h.vals = make([]uint64, len(out)), make([]delivered, len(out))
	for i, k := range out {
		h.fps[i], h.vals[i] = k.fp, k.v
	}
	return h, nil
}

// history holds what the ledger knows, sorted by fingerprint: 12 bytes per identificatie
// found (fps[i] and vals[i]).
type history struct {
	indiener, bron string
	fps            []uint64
	vals           []delivered
}

type known struct {
	fp    uint64
	v     delivered
	event uint32 // the event that made it active (ids beyond 1<<32 count as one), for the order
}

// delivered is a q.Delivered in 4 bytes: bit 31 credit, bit 30 active, the
// verwerkingsdatum as the number YYYYMMDD below (at most 99991231 < 1<<27).
type delivered uint32

const (
	deliveredCredit delivered = 1 << 31
	deliveredActive delivered = 1 << 30
	deliveredDays   delivered = 1<<30 - 1
)

func pack(credit, active bool, datum ledger.Date) delivered {
	v := delivered(datum.Year*10000+int(datum.Month)*100+datum.Day) & deliveredDays
	if credit {
		v |= deliveredCredit
	}
	if active {
		v |= deliveredActive
	}
	return v
}

func (v delivered) active() bool { return v&deliveredActive != 0 }

func (v delivered) unpack() q.Delivered {
	k := int(v & deliveredDays)
	return q.Delivered{Credit: v&deliveredCredit != 0, Active: v.active(),
		Verwerkingsdatum: record.Date{Year: k / 10000, Month: time.Month(k / 100 % 100), Day: k % 100}}
}

// Lookup implements q.History for the indiener and bron-id of the delivery it was made for.
func (h *history) Lookup(indiener, bron, id string) (q.Delivered, bool) {
	if indiener != h.indiener || bron != h.bron {
		return q.Delivered{}, false
	}
	fp := fingerprint.Of(id)
	i, ok := slices.BinarySearch(h.fps, fp)
	if !ok {
		return q.Delivered{}, false
	}
	return h.vals[i].unpack(), true
}
