package qve301

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// lookupChunk is how many identificaties History asks the ledger for at a time: the ids
// of a chunk are what it holds of the file.
const lookupChunk = 20000

// History returns what the ledger knows of the prestatierecords d names (its own
// identificaties and the debits its credits point at), as the q.History the Q rules use
// to check d against earlier deliveries:
//
//	h, err := qve301.History(ctx, l, d)
//	rules := q.RuleSet(q.RuleOptions{History: h})
//
// It reads the ledger once, now, in chunks of the file's identificaties (d's records are
// read once, through d.Each); the rules then ask it without I/O. It keeps what it found
// per identificatie the ledger holds, under an 8-byte fingerprint of the identificatie
// (FNV-64a, as the Q rules keep the file's own) and in 4 bytes, in a sorted slice: 16
// bytes per identificatie, nothing for one the ledger does not hold.
func History(ctx context.Context, l *ledger.Ledger, d *ledger.Delivery) (q.History, error) {
	h := &history{indiener: d.Header.Indiener, bron: d.Header.BronID}
	// The first delivery of an indiener and bron-id has nothing to look up.
	evs, err := l.Events(ctx, d.Header.Indiener, d.Header.BronID)
	if err != nil || len(evs) == 0 {
		return h, err
	}
	err = l.Store().View(ctx, func(tx ledger.Tx) error {
		seen := make(map[string]bool, lookupChunk)
		ids := make([]string, 0, 2*lookupChunk)
		lookup := func() error {
			err := tx.Lookup(ctx, d.Header.Indiener, d.Header.BronID, ids, func(s ledger.RecordState) error {
				h.known = append(h.known, known{fingerprint(s.Record.Identificatie),
					pack(s.Record.DebetCredit == ledger.Credit, s.Active(), s.Record.Verwerkingsdatum)})
				return nil
			})
			clear(seen)
			ids = ids[:0]
			return err
		}
		err := d.Each(func(r *ledger.Record) error {
			for _, id := range [2]string{r.Identificatie, r.GerelateerdDebet} {
				if id != "" && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
			if len(ids) >= lookupChunk {
				return lookup()
			}
			return nil
		})
		if err != nil {
			return err
		}
		return lookup()
	})
	if err != nil {
		return nil, err
	}
	h.settle()
	return h, nil
}

// history holds what the ledger knows, sorted by fingerprint: 16 bytes per record found.
type history struct {
	indiener, bron string
	known          []known
}

type known struct {
	fp uint64
	v  delivered
}

// settle sorts the records found by fingerprint and keeps one per identificatie. They
// came per chunk in the order of the events that made them active: the active version of
// an identificatie when there is one, else the latest, is kept. An identificatie asked in
// two chunks comes twice, to the same end.
func (h *history) settle() {
	slices.SortStableFunc(h.known, func(a, b known) int { return cmp.Compare(a.fp, b.fp) })
	out := h.known[:0]
	for _, k := range h.known {
		if n := len(out); n > 0 && out[n-1].fp == k.fp {
			if !out[n-1].v.active() || k.v.active() {
				out[n-1].v = k.v
			}
			continue
		}
		out = append(out, k)
	}
	h.known = slices.Clip(out)
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
	fp := fingerprint(id)
	i, ok := slices.BinarySearchFunc(h.known, fp, func(k known, fp uint64) int { return cmp.Compare(k.fp, fp) })
	if !ok {
		return q.Delivered{}, false
	}
	return h.known[i].v.unpack(), true
}

// fingerprint keeps an identificatie in eight bytes (FNV-64a).
func fingerprint(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}
