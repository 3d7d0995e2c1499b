package qve301

import (
	"context"

	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// History returns what the ledger knows of the prestatierecords d names (its own
// identificaties and the debits its credits point at), as the q.History the Q rules use
// to check d against earlier deliveries:
//
//	h, err := qve301.History(ctx, l, d)
//	rules := q.RuleSet(q.RuleOptions{History: h})
//
// It reads the ledger once, now; the rules then ask it without I/O.
func History(ctx context.Context, l *ledger.Ledger, d *ledger.Delivery) (q.History, error) {
	h := history{indiener: d.Header.Indiener, bron: d.Header.BronID, known: map[string]q.Delivered{}}
	// The first delivery of an indiener and bron-id has nothing to look up.
	evs, err := l.Events(ctx, d.Header.Indiener, d.Header.BronID)
	if err != nil || len(evs) == 0 {
		return h, err
	}
	seen := map[string]bool{}
	var ids []string
	for i := range d.Records {
		for _, id := range []string{d.Records[i].Identificatie, d.Records[i].GerelateerdDebet} {
			if id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	// The records come in the order of the events that made them active: the active
	// version of an identificatie when there is one, else the latest, is kept.
	err = l.Store().View(ctx, func(tx ledger.Tx) error {
		return tx.Lookup(ctx, d.Header.Indiener, d.Header.BronID, ids, func(s ledger.RecordState) error {
			id := s.Record.Identificatie
			if cur, ok := h.known[id]; ok && cur.Active && !s.Active() {
				return nil
			}
			h.known[id] = q.Delivered{Credit: s.Record.DebetCredit == ledger.Credit, Active: s.Active(),
				Verwerkingsdatum: s.Record.Verwerkingsdatum}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

type history struct {
	indiener, bron string
	known          map[string]q.Delivered
}

// Lookup implements q.History for the indiener and bron-id of the delivery it was made for.
func (h history) Lookup(indiener, bron, id string) (q.Delivered, bool) {
	if indiener != h.indiener || bron != h.bron {
		return q.Delivered{}, false
	}
	d, ok := h.known[id]
	return d, ok
}
