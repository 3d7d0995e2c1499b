package ledger

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q/internal/fingerprint"
)

// EventKind says what changed the ledger.
type EventKind string

// The kinds of event.
const (
	KindDelivery EventKind = "delivery" // a Q file was applied
	KindClosing  EventKind = "closing"  // a verwerkingsperiode was closed on request (§2.3.5.2 item 5)
)

// Event is one change of the ledger: an applied file or a closing on request. Records
// point at the event that made them active and the one that closed them.
type Event struct {
	ID            int64     `json:"id"`
	Kind          EventKind `json:"kind"`
	Name          string    `json:"name,omitempty"`          // the file name given when it was applied
	Header        Header    `json:"header"`                  // for a closing: Indiener, BronID, Begin, Eind
	Risicodragers []string  `json:"risicodragers,omitempty"` // its risicodrager/volmacht units ("7119", "7119/8971")
	Records       int64     `json:"records"`                 // records added (delivery) or closed (closing)
	Applied       time.Time `json:"applied"`
}

// Group counts records of one indiener, bron-id, activating event and
// risicodrager/volmacht (the unit the seed's selection is made of, §2.3.5.1).
type Group struct {
	Indiener         string `json:"indiener"`
	BronID           string `json:"bron_id"`
	Event            int64  `json:"event,omitempty"`            // the event that made them active (0 in Plan.Adds)
	Referentienummer int64  `json:"referentienummer,omitempty"` // of that event's file
	Risicodrager     string `json:"risicodrager"`
	Volmacht         string `json:"volmacht,omitempty"` // "" when the schade is not booked on a volmacht (0406 empty or 0000)
	Count            int64  `json:"count"`
	From             Date   `json:"from"` // earliest verwerkingsdatum
	To               Date   `json:"to"`   // latest verwerkingsdatum
}

// Unit returns the risicodrager/volmacht the records belong to.
func (g Group) Unit() Unit { return Unit{Risicodrager: g.Risicodrager, Volmacht: g.Volmacht} }

// Plan says what applying a delivery does: which findings the delivery rules have, which
// active records it closes (and of those, which it does not replace), which it adds and
// which records of another indiener stay active beside them (counted twice).
type Plan struct {
	Name          string   `json:"name,omitempty"`
	Header        Header   `json:"header"`
	Risicodragers []string `json:"risicodragers"` // the risicodrager/volmacht units of the file ("7119", "7119/8971")
	Findings      Findings `json:"findings"`
	Closes        []Group  `json:"closes"` // active records of the same indiener and bron-id in the period
	// NotReplaced are the groups of Closes whose risicodrager/volmacht the file does not
	// deliver: closed, not replaced (table 2-3, foutsituaties 1 and 2).
	NotReplaced []Group `json:"not_replaced"`
	Adds        []Group `json:"adds"` // the file's records per risicodrager/volmacht
	// CountedTwice are the active records of another indiener for a risicodrager/volmacht
	// of the file in its period: they stay active, and the warehouse holds the schade twice
	// (table 2-3, foutsituatie 3).
	CountedTwice []Group `json:"counted_twice"`
	Event        int64   `json:"event,omitempty"` // set by Apply: the event the file became
}

// Refused reports whether a finding of severity Error refuses the delivery.
func (p *Plan) Refused() bool {
	for _, f := range p.Findings {
		if f.Severity == validate.Error {
			return true
		}
	}
	return false
}

// Closed is the number of records the delivery closes.
func (p *Plan) Closed() int64 { return sumCount(p.Closes) }

// Added is the number of records the delivery adds.
func (p *Plan) Added() int64 { return sumCount(p.Adds) }

func sumCount(gs []Group) int64 {
	var n int64
	for _, g := range gs {
		n += g.Count
	}
	return n
}

// Options tune the delivery rules. The zero value does what Vektis's warehouse does: it
// refuses only what the warehouse cannot read (a re-delivery on the day of the original,
// a referentienummer used before or lower than one applied, a file whose values break the
// rules) and records what the seed calls an insurer's error (table 2-3) with a warning:
// records closed and not replaced (QL030), a new risicodrager/volmacht (QL031), schade
// counted twice beside another indiener's (QL032).
type Options struct {
	// PreFlight refuses, as an insurer's own check before sending would, a file the
	// warehouse would take with those warnings: QL030 and QL032 become errors, and QL031
	// unless AllowSelectionChange.
	PreFlight bool
	// AllowSelectionChange keeps CodeSelectionChanged a warning under PreFlight, for an
	// agreed change of the risicodragers/volmachten an indiener delivers for.
	AllowSelectionChange bool
	// Progress, when set, is called during Apply after each batch of inserted records.
	Progress func(done, total int)
	// BeforeCommit, when set, is called by Apply inside its transaction once the records
	// are in, just before the commit, with the plan that was done. An error it returns
	// rolls the transaction back (the ledger unchanged) and is what Apply returns. It lets
	// a caller check the file while the ledger applies it, and keep the file out when
	// the check fails: zorgcheck q apply runs the Q rules meanwhile.
	BeforeCommit func(*Plan) error
}

// history is what the rules need to know of the ledger about one delivery.
type history struct {
	prior  []Event // deliveries of the same indiener and bron-id, in order of application
	closes []Group // active records of the same indiener and bron-id in the period
	others []Group // active records of the file's risicodragers/volmachten in the period, other indieners
}

// summary is what the delivery rules need to know of a delivery's records, gathered in
// one pass (add per record, then finish, then close): its groups per
// risicodrager/volmacht, the records outside its period and the identificaties it holds
// twice. It holds no record, and its memory does not grow with the file: the fingerprint
// of each identificatie goes to a fingerprint.Spill (sorted runs in a temporary file, 8
// bytes each), and the text is read again, at the end, only for the fingerprints that
// came twice.
type summary struct {
	header      Header
	validPeriod bool
	n           int
	groups      map[Unit]*Group
	outside     []validate.Finding
	seen        fingerprint.Spill   // fingerprints of the identificaties
	twice       map[uint64]struct{} // fingerprints seen more than once
	dups        []validate.Finding
}

// newSummary makes the summary of a delivery with the voorlooprecord hd; close it.
func newSummary(hd Header) *summary {
	return &summary{header: hd, validPeriod: hd.Begin.Valid() && hd.Eind.Valid() && !hd.Eind.Before(hd.Begin),
		groups: map[Unit]*Group{}}
}

// close removes what the summary wrote to disk.
func (s *summary) close() error { return s.seen.Close() }

func (s *summary) add(r *Record) error {
	s.n++
	u := r.Unit()
	g := s.groups[u]
	if g == nil {
		// The strings are copied: r's may live in a buffer the caller reuses.
		g = &Group{Indiener: s.header.Indiener, BronID: s.header.BronID, Referentienummer: s.header.Referentienummer,
			Risicodrager: strings.Clone(u.Risicodrager), Volmacht: strings.Clone(u.Volmacht), From: r.Verwerkingsdatum, To: r.Verwerkingsdatum}
		s.groups[u] = g
	}
	g.Count++
	if r.Verwerkingsdatum.Before(g.From) {
		g.From = r.Verwerkingsdatum
	}
	if g.To.Before(r.Verwerkingsdatum) {
		g.To = r.Verwerkingsdatum
	}
	// §2.3.5.2: the verwerkingsdatum lies in the file's period.
	if p := s.header.Period(); s.validPeriod && !p.Contains(r.Verwerkingsdatum) {
		s.outside = append(s.outside, newFinding(CodeOutsidePeriod, validate.Error, "", s.n,
			fmt.Sprintf("verwerkingsdatum %s outside the verwerkingsperiode %s", r.Verwerkingsdatum, p)))
	}
	return s.seen.Add(fingerprint.Of(r.Identificatie))
}

// finish ends the pass: when fingerprints came twice, it reads the records of d again
// and compares the identificaties of those fingerprints as text, so that only a true
// duplicate is reported. (The fingerprints and texts of the repeated identificaties are
// held: few, but as many as the file repeats.)
func (s *summary) finish(d *Delivery) error {
	err := s.seen.Repeated(func(fp uint64) {
		if s.twice == nil {
			s.twice = map[uint64]struct{}{}
		}
		s.twice[fp] = struct{}{}
	})
	if cerr := s.seen.Close(); err == nil {
		err = cerr
	}
	if err != nil || len(s.twice) == 0 {
		return err
	}
	first := map[string]int{}
	n := 0
	return d.Each(func(r *Record) error {
		n++
		if _, ok := s.twice[fingerprint.Of(r.Identificatie)]; !ok {
			return nil
		}
		if j, dup := first[r.Identificatie]; dup {
			s.dups = append(s.dups, newFinding(CodeDuplicateIdentificatie, validate.Error, "0450", n,
				fmt.Sprintf("identificatie prestatierecord also in prestatierecord %d", j)))
		} else {
			first[strings.Clone(r.Identificatie)] = n
		}
		return nil
	})
}

// units returns the risicodrager/volmacht units of the records, sorted.
func (s *summary) units() []Unit {
	out := make([]Unit, 0, len(s.groups))
	for u := range s.groups {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// risicodragers returns the distinct UZOVI-nummers risicodrager, sorted.
func (s *summary) risicodragers() []string {
	seen := map[string]bool{}
	for u := range s.groups {
		seen[u.Risicodrager] = true
	}
	return sortedKeys(seen)
}

// adds returns the groups per risicodrager/volmacht, in the order of their unit's text.
func (s *summary) adds() []Group {
	out := make([]Group, 0, len(s.groups))
	for _, u := range s.units() {
		out = append(out, *s.groups[u])
	}
	return out
}

// check applies the delivery rules to the delivery of header hd whose records s sums up.
// It does not look at the database: h holds all it needs.
func check(hd Header, s *summary, h history, opts Options) Findings {
	var fs Findings
	add := func(c Code, sev validate.Severity, field string, rec int, format string, args ...any) {
		fs = append(fs, newFinding(c, sev, field, rec, fmt.Sprintf(format, args...)))
	}
	p := hd.Period()

	// §2.3.5.2: from dagbestanden (1 day) to maandbestanden (at most 31 days).
	if n := p.Days(); n < 1 || n > 31 {
		if hd.Eind.Before(hd.Begin) {
			add(CodePeriodLength, validate.Error, "0109", 0, "einddatum verwerkingsperiode %s is before begindatum %s", hd.Eind, hd.Begin)
		} else {
			add(CodePeriodLength, validate.Error, "0109", 0, "verwerkingsperiode %s is %d days; want 1 to 31", p, n)
		}
	}
	fs = append(fs, s.outside...)
	fs = append(fs, s.dups...)

	var last *Event
	var maxRef int64
	for i := range h.prior {
		e := &h.prior[i]
		if e.Kind != KindDelivery {
			continue
		}
		last = e
		if e.Header.Referentienummer == hd.Referentienummer {
			add(CodeReferentieUsed, validate.Error, "0110", 0, "referentienummer %d was used by the file applied as event %d", hd.Referentienummer, e.ID)
		}
		maxRef = max(maxRef, e.Header.Referentienummer)
		ep := e.Header.Period()
		sameDay := e.Header.DagtekeningAanmaak == hd.DagtekeningAanmaak
		switch {
		case ep == p && sameDay:
			add(CodeSamePeriodSameDay, validate.Error, "0107", 0, "referentienummer %d has the same verwerkingsperiode %s and dagtekening aanmaak %s", e.Header.Referentienummer, p, hd.DagtekeningAanmaak)
		case ep.Overlaps(p) && sameDay:
			add(CodeRedeliverySameDay, validate.Error, "0107", 0, "re-delivers part of referentienummer %d (%s) on its dagtekening aanmaak %s; deliver it the next day at the earliest", e.Header.Referentienummer, ep, hd.DagtekeningAanmaak)
		}
	}
	if maxRef > hd.Referentienummer {
		add(CodeReferentieOrder, validate.Error, "0110", 0, "referentienummer %d is lower than %d, applied before", hd.Referentienummer, maxRef)
	}
	if last != nil && hd.DagtekeningAanmaak.Before(last.Header.DagtekeningAanmaak) {
		add(CodeDagtekeningOrder, validate.Warning, "0107", 0, "dagtekening aanmaak %s is earlier than %s of referentienummer %d", hd.DagtekeningAanmaak, last.Header.DagtekeningAanmaak, last.Header.Referentienummer)
	}

	// Table 2-3: what the warehouse does with an insurer's error. Under PreFlight these
	// refuse the file.
	insurerError := validate.Warning
	if opts.PreFlight {
		insurerError = validate.Error
	}
	// Foutsituaties 1 and 2: the file closes records of risicodragers/volmachten it does
	// not deliver; they are closed and not replaced.
	if notReplaced := notReplacedGroups(s.units(), h.closes); len(notReplaced) > 0 {
		add(CodeNotReplaced, insurerError, "0404", 0, "closes the active records of %s in %s without delivering new ones: they are closed, not replaced (table 2-3)", describeUnits(notReplaced), p)
	}
	// A risicodrager/volmacht the indiener and bron-id never delivered before. One that is
	// missing from a file is no change: it had no paid claims in the period.
	if len(h.prior) > 0 {
		before := map[Unit]bool{}
		for _, e := range h.prior {
			for _, s := range e.Risicodragers {
				before[ParseUnit(s)] = true
			}
		}
		var fresh []string
		for _, u := range s.units() {
			if !before[u] {
				fresh = append(fresh, u.String())
			}
		}
		if len(fresh) > 0 {
			sev := insurerError
			if opts.AllowSelectionChange {
				sev = validate.Warning
			}
			add(CodeSelectionChanged, sev, "0404", 0, "delivers for %s, which no earlier file of indiener %s and bron-id %s did: keep the risicodragers/volmachten constant (table 2-3)", strings.Join(fresh, ", "), hd.Indiener, hd.BronID)
		}
	}
	// Foutsituatie 3: another indiener's records of the same risicodrager/volmacht and
	// period stay active; the schade is counted twice.
	if len(h.others) > 0 {
		var parts []string
		for _, g := range h.others {
			parts = append(parts, fmt.Sprintf("indiener %s for %s (%d records of referentienummer %d)", g.Indiener, g.Unit(), g.Count, g.Referentienummer))
		}
		add(CodeOtherIndiener, insurerError, "0106", 0, "records in %s stay active under %s: the warehouse counts that schade twice (table 2-3)", p, strings.Join(parts, ", "))
	}
	sort.SliceStable(fs, func(i, j int) bool { return prestatierecord(fs[i]) < prestatierecord(fs[j]) })
	return fs
}

// notReplacedGroups returns the groups of closes whose risicodrager/volmacht is not one
// of units (those the delivery delivers).
func notReplacedGroups(units []Unit, closes []Group) []Group {
	in := map[Unit]bool{}
	for _, u := range units {
		in[u] = true
	}
	var out []Group
	for _, g := range closes {
		if !in[g.Unit()] {
			out = append(out, g)
		}
	}
	return out
}

// describeUnits sums groups per risicodrager/volmacht: "0104 (31 records), 7119/8971 (2 records)".
func describeUnits(gs []Group) string {
	n := map[Unit]int64{}
	var units []Unit
	for _, g := range gs {
		if _, ok := n[g.Unit()]; !ok {
			units = append(units, g.Unit())
		}
		n[g.Unit()] += g.Count
	}
	sort.Slice(units, func(i, j int) bool { return units[i].String() < units[j].String() })
	parts := make([]string, len(units))
	for i, u := range units {
		parts[i] = fmt.Sprintf("%s (%d records)", u, n[u])
	}
	return strings.Join(parts, ", ")
}
