package ledger

import (
	"fmt"
	"sort"
	"strings"
	"time"
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
	Name          string    `json:"name,omitempty"` // the file name given when it was applied
	Header        Header    `json:"header"`         // for a closing: Indiener, BronID, Begin, Eind
	Risicodragers []string  `json:"risicodragers,omitempty"`
	Records       int64     `json:"records"` // records added (delivery) or closed (closing)
	Applied       time.Time `json:"applied"`
}

// Group counts records of one indiener, bron-id, activating event and risicodrager.
type Group struct {
	Indiener         string `json:"indiener"`
	BronID           string `json:"bron_id"`
	Event            int64  `json:"event,omitempty"`            // the event that made them active (0 in Plan.Adds)
	Referentienummer int64  `json:"referentienummer,omitempty"` // of that event's file
	Risicodrager     string `json:"risicodrager"`
	Count            int64  `json:"count"`
	From             Date   `json:"from"` // earliest verwerkingsdatum
	To               Date   `json:"to"`   // latest verwerkingsdatum
}

// Plan says what applying a delivery does: which findings the delivery rules have, which
// active records it closes and which it adds.
type Plan struct {
	Name          string    `json:"name,omitempty"`
	Header        Header    `json:"header"`
	Risicodragers []string  `json:"risicodragers"`
	Findings      []Finding `json:"findings"`
	Closes        []Group   `json:"closes"`          // active records of the same indiener and bron-id in the period
	Adds          []Group   `json:"adds"`            // the file's records per risicodrager
	Event         int64     `json:"event,omitempty"` // set by Apply: the event the file became
}

// Refused reports whether a finding of severity Error refuses the delivery.
func (p *Plan) Refused() bool {
	for _, f := range p.Findings {
		if f.Severity == Error {
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

// Options tune the delivery rules. The zero value is the strict default.
type Options struct {
	// AllowSelectionChange turns CodeSelectionChanged into a warning, for an agreed change of
	// the risicodragers an indiener delivers for.
	AllowSelectionChange bool
	// Progress, when set, is called during Apply after each batch of inserted records.
	Progress func(done, total int)
}

// history is what the rules need to know of the ledger about one delivery.
type history struct {
	prior  []Event // deliveries of the same indiener and bron-id, in order of application
	closes []Group // active records of the same indiener and bron-id in the period
	others []Group // active records of the file's risicodragers in the period, any indiener
}

// check applies the delivery rules to d. It does not look at the database: h holds all it
// needs.
func check(d *Delivery, h history, opts Options) []Finding {
	var fs []Finding
	add := func(c Code, sev Severity, field string, rec int, format string, args ...any) {
		fs = append(fs, Finding{Code: c, Severity: sev, Field: field, Record: rec, Message: fmt.Sprintf(format, args...)})
	}
	hd := d.Header
	p := hd.Period()

	// §2.3.5.2: from dagbestanden (1 day) to maandbestanden (at most 31 days).
	validPeriod := hd.Begin.Valid() && hd.Eind.Valid() && !hd.Eind.Before(hd.Begin)
	if n := p.Days(); n < 1 || n > 31 {
		if hd.Eind.Before(hd.Begin) {
			add(CodePeriodLength, Error, "0109", 0, "einddatum verwerkingsperiode %s is before begindatum %s", hd.Eind, hd.Begin)
		} else {
			add(CodePeriodLength, Error, "0109", 0, "verwerkingsperiode %s is %d days; want 1 to 31", p, n)
		}
	}
	seen := make(map[string]int, len(d.Records))
	for i := range d.Records {
		r := &d.Records[i]
		if validPeriod && !p.Contains(r.Verwerkingsdatum) {
			add(CodeOutsidePeriod, Error, "", i+1, "verwerkingsdatum %s outside the verwerkingsperiode %s", r.Verwerkingsdatum, p)
		}
		if j, dup := seen[r.Identificatie]; dup {
			add(CodeDuplicateIdentificatie, Error, "0450", i+1, "identificatie prestatierecord also in prestatierecord %d", j)
		} else {
			seen[r.Identificatie] = i + 1
		}
	}

	sel := d.Risicodragers()
	var last *Event
	var maxRef int64
	for i := range h.prior {
		e := &h.prior[i]
		if e.Kind != KindDelivery {
			continue
		}
		last = e
		if e.Header.Referentienummer == hd.Referentienummer {
			add(CodeReferentieUsed, Error, "0110", 0, "referentienummer %d was used by the file applied as event %d", hd.Referentienummer, e.ID)
		}
		maxRef = max(maxRef, e.Header.Referentienummer)
		ep := e.Header.Period()
		sameDay := e.Header.DagtekeningAanmaak == hd.DagtekeningAanmaak
		switch {
		case ep == p && sameDay:
			add(CodeSamePeriodSameDay, Error, "0107", 0, "referentienummer %d has the same verwerkingsperiode %s and dagtekening aanmaak %s", e.Header.Referentienummer, p, hd.DagtekeningAanmaak)
		case ep.Overlaps(p) && sameDay:
			add(CodeRedeliverySameDay, Error, "0107", 0, "re-delivers part of referentienummer %d (%s) on its dagtekening aanmaak %s; deliver it the next day at the earliest", e.Header.Referentienummer, ep, hd.DagtekeningAanmaak)
		}
	}
	if maxRef > hd.Referentienummer {
		add(CodeReferentieOrder, Error, "0110", 0, "referentienummer %d is lower than %d, applied before", hd.Referentienummer, maxRef)
	}
	if last != nil && hd.DagtekeningAanmaak.Before(last.Header.DagtekeningAanmaak) {
		add(CodeDagtekeningOrder, Warning, "0107", 0, "dagtekening aanmaak %s is earlier than %s of referentienummer %d", hd.DagtekeningAanmaak, last.Header.DagtekeningAanmaak, last.Header.Referentienummer)
	}

	// Table 2-3: the risicodragers whose records the file closes without replacing them.
	in := make(map[string]bool, len(sel))
	for _, s := range sel {
		in[s] = true
	}
	notReplaced := map[string]int64{}
	for _, g := range h.closes {
		if !in[g.Risicodrager] {
			notReplaced[g.Risicodrager] += g.Count
		}
	}
	if len(notReplaced) > 0 {
		var parts []string
		for _, k := range sortedKeysInt(notReplaced) {
			parts = append(parts, fmt.Sprintf("%s (%d records)", k, notReplaced[k]))
		}
		add(CodeNotReplaced, Error, "0404", 0, "closes the active records of risicodrager %s in %s without delivering new ones", strings.Join(parts, ", "), p)
	}
	if last != nil && !equalStrings(last.Risicodragers, sel) {
		sev := Error
		if opts.AllowSelectionChange {
			sev = Warning
		}
		add(CodeSelectionChanged, sev, "0404", 0, "risicodragers %s; referentienummer %d delivered for %s", listOrNone(sel), last.Header.Referentienummer, listOrNone(last.Risicodragers))
	}
	other := map[string]bool{}
	for _, g := range h.others {
		if g.Indiener != hd.Indiener && in[g.Risicodrager] {
			other[g.Indiener+" for risicodrager "+g.Risicodrager] = true
		}
	}
	if len(other) > 0 {
		add(CodeOtherIndiener, Error, "0106", 0, "records in %s are active under indiener %s: the claims would be counted twice", p, strings.Join(sortedKeys(other), ", "))
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Record < fs[j].Record })
	return fs
}

func sortedKeysInt(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ",")
}

// addGroups counts d's records per risicodrager.
func addGroups(d *Delivery) []Group {
	by := map[string]*Group{}
	for i := range d.Records {
		r := &d.Records[i]
		g := by[r.Risicodrager]
		if g == nil {
			g = &Group{Indiener: d.Header.Indiener, BronID: d.Header.BronID, Referentienummer: d.Header.Referentienummer, Risicodrager: r.Risicodrager, From: r.Verwerkingsdatum, To: r.Verwerkingsdatum}
			by[r.Risicodrager] = g
		}
		g.Count++
		if r.Verwerkingsdatum.Before(g.From) {
			g.From = r.Verwerkingsdatum
		}
		if g.To.Before(r.Verwerkingsdatum) {
			g.To = r.Verwerkingsdatum
		}
	}
	out := make([]Group, 0, len(by))
	for _, k := range sortedKeysGroup(by) {
		out = append(out, *by[k])
	}
	return out
}

func sortedKeysGroup(m map[string]*Group) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
