//go:build integration

package ledger

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The expectations in this file are transcribed from seed 003 (Vektis, Invulinstructie
// QVE301/QVE302 v1.0), tables 2-3, 2-4, 2-7, 2-8 and 2-9, not computed by the ledger.

// seedRow is one row of tables 2-4, 2-8 and 2-9: a record of file ref with verwerkingsdatum
// datum, and what closed it: "" (still active), "heraanlevering" (file 3) or "afsluiting"
// (the closing of 1 t/m 7 januari on request).
type seedRow struct {
	begin, eind, datum string
	ref                int64
	after3             string // table 2-8 / 2-4: after the re-delivery
	afterClosing       string // table 2-9: after closing 1 t/m 7 januari
}

const (
	active  = ""
	redeliv = "heraanlevering"
	afsluit = "afsluiting"
)

// tabel28en29 is table 2-8 with the extra column of table 2-9 ("X reeds afgesloten" keeps
// the closing by the re-delivery).
var tabel28en29 = []seedRow{
	{"20160101", "20160107", "20160101", 1, active, afsluit},
	{"20160101", "20160107", "20160102", 1, active, afsluit},
	{"20160101", "20160107", "20160103", 1, active, afsluit},
	{"20160101", "20160107", "20160104", 1, active, afsluit},
	{"20160101", "20160107", "20160105", 1, redeliv, redeliv},
	{"20160101", "20160107", "20160106", 1, redeliv, redeliv},
	{"20160101", "20160107", "20160107", 1, redeliv, redeliv},
	{"20160108", "20160114", "20160108", 2, redeliv, redeliv},
	{"20160108", "20160114", "20160109", 2, redeliv, redeliv},
	{"20160108", "20160114", "20160110", 2, active, active},
	{"20160108", "20160114", "20160111", 2, active, active},
	{"20160108", "20160114", "20160112", 2, active, active},
	{"20160108", "20160114", "20160113", 2, active, active},
	{"20160108", "20160114", "20160114", 2, active, active},
	{"20160105", "20160109", "20160105", 3, active, afsluit},
	{"20160105", "20160109", "20160106", 3, active, afsluit},
	{"20160105", "20160109", "20160107", 3, active, afsluit},
	{"20160105", "20160109", "20160108", 3, active, active},
	{"20160105", "20160109", "20160109", 3, active, active},
}

// threeFiles builds the deliveries of tables 2-4/2-8/2-9 from the rows: files 1 (1–7
// January), 2 (8–14 January) and the re-delivery 3 (5–9 January), each record delivered
// for every risicodrager given. The seed gives no dagtekening aanmaak; the files are made
// on different days after their periods.
func threeFiles(indiener string, rds []string) []*Delivery {
	aanmaak := map[int64]string{1: "20160108", 2: "20160115", 3: "20160118"}
	byRef := map[int64]*Delivery{}
	var out []*Delivery
	for _, r := range tabel28en29 {
		dl := byRef[r.ref]
		if dl == nil {
			dl = file(indiener, "BRON1", r.ref, aanmaak[r.ref], r.begin, r.eind, rds)
			byRef[r.ref] = dl
			out = append(out, dl)
		}
		dl.Records = append(dl.Records, file(indiener, "BRON1", r.ref, aanmaak[r.ref], r.begin, r.eind, rds, r.datum).Records...)
	}
	for _, dl := range out {
		for i := range dl.Records {
			dl.Records[i].Detail = int64(i + 1)
		}
	}
	return out
}

// checkState compares every record of the ledger with the column of the seed rows.
func checkState(t *testing.T, l *Ledger, rds []string, column func(seedRow) string, closingEvent int64) {
	t.Helper()
	got := map[string]string{}
	for _, s := range allRecords(t, l) {
		var state string
		switch {
		case s.ClosedBy == 0:
			state = active
		case s.ClosedBy == closingEvent:
			state = afsluit
		default:
			state = fmt.Sprintf("event %d", s.ClosedBy)
		}
		got[fmt.Sprintf("%d %s %s", s.Referentienummer, s.Record.Verwerkingsdatum.String(), s.Record.Risicodrager)] = state
	}
	// Files are applied in order: events 1, 2, 3; the re-delivery is event 3.
	want := map[string]string{}
	for _, r := range tabel28en29 {
		st := column(r)
		if st == redeliv {
			st = "event 3"
		}
		for _, rd := range rds {
			want[fmt.Sprintf("%d %s %s", r.ref, d(r.datum), rd)] = st
		}
	}
	if len(got) != len(want) {
		t.Errorf("ledger holds %d records, the seed table %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("record ref/datum/risicodrager %s: not in the ledger", k)
		case g != w:
			t.Errorf("record ref/datum/risicodrager %s: %q, want %q", k, show(g), show(w))
		}
	}
}

func show(s string) string {
	if s == "" {
		return "active"
	}
	return "closed by " + s
}

func runThreeFiles(t *testing.T, l *Ledger, indiener string, rds []string) {
	ctx := context.Background()
	files := threeFiles(indiener, rds)
	// Deliver them out of order: the ledger applies them by referentienummer.
	plans, err := l.ApplyAll(ctx, []*Delivery{files[2], files[0], files[1]}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range plans {
		if p.Header.Referentienummer != int64(i+1) || p.Event != int64(i+1) {
			t.Fatalf("plan %d: referentienummer %d event %d, want both %d", i, p.Header.Referentienummer, p.Event, i+1)
		}
		if len(p.Findings) != 0 {
			t.Errorf("file %d: findings %v", i+1, p.Findings)
		}
	}
	// The re-delivery closed 5 t/m 7 januari of file 1 and 8, 9 januari of file 2.
	if got, want := plans[2].Closed(), int64(5*len(rds)); got != want {
		t.Errorf("re-delivery closed %d records, want %d", got, want)
	}
	checkState(t, l, rds, func(r seedRow) string { return r.after3 }, -1)
}

// TestTabel28 reproduces table 2-8: a re-delivery with a flexible verwerkingsperiode.
func TestTabel28(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		runThreeFiles(t, l, "7119", []string{"7119"})
	})
}

// TestTabel24 reproduces table 2-4: the same with four risicodragers delivered gelaagd
// through the central processing unit of CZ. (The X marks of the table's "afgesloten"
// column are lost in the seed's text; the text under it says records of 5 t/m 9 januari
// of all four risicodragers are closed, as in table 2-8.)
func TestTabel24(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		runThreeFiles(t, l, "9964", []string{"7119", "0104", "0201", "7053"})
	})
}

// TestTabel29 reproduces table 2-9: after the three files, the verwerkingsperiode 1 t/m
// 7 januari is closed on request; records of files 1 and 3 are closed.
func TestTabel29(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		rds := []string{"7119"}
		runThreeFiles(t, l, "7119", rds)
		e, err := l.ClosePeriod(context.Background(), "7119", "BRON1", Period{d("20160101"), d("20160107")})
		if err != nil {
			t.Fatal(err)
		}
		if e.ID != 4 || e.Kind != KindClosing {
			t.Errorf("closing event %+v", e)
		}
		// Rows closed by "afsluiting" in table 2-9 that were active before: 1–4 of file 1, 5–7 of file 3.
		if e.Records != 7 {
			t.Errorf("closing closed %d records, want 7", e.Records)
		}
		checkState(t, l, rds, func(r seedRow) string { return r.afterClosing }, e.ID)
		evs, err := l.Events(context.Background(), "7119", "BRON1")
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 4 || evs[3].Records != 7 || evs[3].Header.Begin != d("20160101") {
			t.Errorf("events %+v", evs)
		}
	})
}

var cz = []string{"7119", "0104", "0201", "7053"}

// TestTabel23 reproduces the situations of table 2-3 (and 2-2, 2-5, 2-6, 2-7) as the
// warehouse processes them: the foutsituaties are the insurer's errors, applied with a
// warning and the closings and double counting the seed describes; under
// Options.PreFlight they refuse the file. Table 2-7's same-day re-delivery cannot be read
// by the warehouse: refused in both modes.
func TestTabel23(t *testing.T) {
	jan := daysOf("20160101", "20160131")
	feb := daysOf("20160201", "20160228")
	ctx := context.Background()
	type step struct {
		dl       *Delivery
		errors   []Code           // refused by the warehouse
		warnings []Code           // applied with these warnings (errors under PreFlight)
		closes   map[string]int64 // risicodrager: records of the earlier file closed (as planned)
		notRepl  []string         // risicodragers closed and not replaced
		twice    []string         // "indiener risicodrager" of records counted twice
		adds     []string
		text     string // text the findings name (the risicodragers concerned)
	}
	cases := []struct {
		name  string
		steps []step
		// active is the seed's outcome: active records per "indiener ref risicodrager" after
		// every step (warehouse mode).
		active map[string]int
	}{
		{"goed: constante UZOVI-selectie", []step{
			{dl: file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...), adds: cz},
			{dl: file("9964", "B", 2, "20160305", "20160201", "20160228", cz, feb...), adds: cz, closes: map[string]int64{}},
		}, map[string]int{"9964 1 7119": 31, "9964 1 0104": 31, "9964 1 0201": 31, "9964 1 7053": 31,
			"9964 2 7119": 28, "9964 2 0104": 28, "9964 2 0201": 28, "9964 2 7053": 28}},
		{"goed: heraanlevering met constante UZOVI-selectie", []step{
			{dl: file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...), adds: cz},
			// "Alle records ... met aanmaakdatum 20160206 worden afgesloten en vervangen".
			{dl: file("9964", "B", 2, "20160219", "20160101", "20160131", cz, jan...), adds: cz,
				closes: map[string]int64{"7119": 31, "0104": 31, "0201": 31, "7053": 31}},
		}, map[string]int{"9964 2 7119": 31, "9964 2 0104": 31, "9964 2 0201": 31, "9964 2 7053": 31}},
		{"fout 1: aanleveringen bevatten niet dezelfde UZOVI-selectie", []step{
			{dl: file("9964", "B", 1, "20160206", "20160101", "20160131", []string{"0104", "0201", "7119"}, jan...), adds: []string{"0104", "0201", "7119"}},
			// "technisch als een bestandheraanlevering beschouwd": 0104, 0201 and 7119 of
			// 20160206 closed, the records of 7053 active.
			{dl: file("9964", "B", 2, "20160208", "20160101", "20160131", []string{"7053"}, jan...), adds: []string{"7053"},
				closes:   map[string]int64{"0104": 31, "0201": 31, "7119": 31},
				notRepl:  []string{"0104", "0201", "7119"},
				warnings: []Code{CodeNotReplaced, CodeSelectionChanged}, // 7053 was not delivered before
				text:     "0104 (31 records), 0201 (31 records), 7119 (31 records)"},
		}, map[string]int{"9964 2 7053": 31}},
		{"fout 2: heraanlevering bevat niet dezelfde UZOVI-selectie", []step{
			{dl: file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...), adds: cz},
			// "0104, 0201 en 7053 worden afgesloten maar niet vervangen. Alleen 7119 ... vervangen".
			{dl: file("9964", "B", 2, "20160219", "20160101", "20160131", []string{"7119"}, jan...), adds: []string{"7119"},
				closes:   map[string]int64{"7119": 31, "0104": 31, "0201": 31, "7053": 31},
				notRepl:  []string{"0104", "0201", "7053"},
				warnings: []Code{CodeNotReplaced},
				text:     "0104 (31 records), 0201 (31 records), 7053 (31 records)"},
		}, map[string]int{"9964 2 7119": 31}},
		{"fout 3: aanleveringen bevatten niet dezelfde UZOVI-nummer indiener", []step{
			{dl: file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...), adds: cz},
			// "De records ... met aanmaakdatum 20160206 blijven actief. Het bestand van 7053
			// wordt ook juist verwerkt": dubbele schade voor 7053.
			{dl: file("7053", "B", 2, "20160308", "20160101", "20160131", []string{"7053"}, jan...), adds: []string{"7053"},
				closes: map[string]int64{}, twice: []string{"9964 7053"}, warnings: []Code{CodeOtherIndiener},
				text: "indiener 9964 for 7053 (31 records of referentienummer 1)"},
		}, map[string]int{"9964 1 7119": 31, "9964 1 0104": 31, "9964 1 0201": 31, "9964 1 7053": 31, "7053 2 7053": 31}},
		// Table 2-7: a re-delivery on the day of the original; only the file read first
		// (referentienummer 001) is read in.
		{"fout tabel 2-7: schadelastbestand en heraanlevering op dezelfde dag", []step{
			{dl: file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan...), adds: []string{"7119"}},
			{dl: file("7119", "B", 2, "20160206", "20160101", "20160131", []string{"7119"}, jan...), adds: []string{"7119"},
				closes: map[string]int64{"7119": 31}, errors: []Code{CodeSamePeriodSameDay}, text: "dagtekening aanmaak 2016-02-06"},
		}, map[string]int{"7119 1 7119": 31}},
		// Table 2-2 and 2-5: one file for four risicodragers; table 2-5 with a risicodrager as indiener.
		{"goed tabel 2-2: gelaagd aanleveren", []step{
			{dl: file("9664", "B", 1, "20160206", "20160101", "20160131", cz, jan...), adds: cz},
		}, map[string]int{"9664 1 7119": 31, "9664 1 0104": 31, "9664 1 0201": 31, "9664 1 7053": 31}},
		{"goed tabel 2-5: indiener is een risicodrager", []step{
			{dl: file("3332", "B", 1, "20160206", "20160101", "20160131", []string{"3332", "3333", "7054"}, jan...), adds: []string{"3332", "3333", "7054"}},
		}, map[string]int{"3332 1 3332": 31, "3332 1 3333": 31, "3332 1 7054": 31}},
		// Table 2-6: before gelaagd aanleveren, one file per risicodrager on the same day.
		{"goed tabel 2-6: per risicodrager een bestand", []step{
			{dl: file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan...), adds: []string{"7119"}},
			{dl: file("0104", "B", 2, "20160206", "20160101", "20160131", []string{"0104"}, jan...), adds: []string{"0104"}, closes: map[string]int64{}},
			{dl: file("0201", "B", 3, "20160206", "20160101", "20160131", []string{"0201"}, jan...), adds: []string{"0201"}, closes: map[string]int64{}},
			{dl: file("7053", "B", 4, "20160206", "20160101", "20160131", []string{"7053"}, jan...), adds: []string{"7053"}, closes: map[string]int64{}},
		}, map[string]int{"7119 1 7119": 31, "0104 2 0104": 31, "0201 3 0201": 31, "7053 4 7053": 31}},
	}
	for _, c := range cases {
		for _, preflight := range []bool{false, true} {
			name := c.name
			if preflight {
				name += "/preflight"
			}
			t.Run(name, func(t *testing.T) {
				eachDB(t, func(t *testing.T, l *Ledger) {
					opts := Options{PreFlight: preflight}
					for i, s := range c.steps {
						wantErr, wantWarn := s.errors, s.warnings
						if preflight {
							wantErr, wantWarn = append(append([]Code(nil), s.errors...), s.warnings...), nil
						}
						p, err := l.Plan(ctx, s.dl, opts)
						if err != nil {
							t.Fatal(err)
						}
						if got := codes(p.Findings, validate.Error); !slices.Equal(got, wantErr) {
							t.Errorf("step %d: errors %v, want %v (%v)", i+1, got, wantErr, p.Findings)
						}
						if got := codes(p.Findings, validate.Warning); !slices.Equal(got, wantWarn) {
							t.Errorf("step %d: warnings %v, want %v (%v)", i+1, got, wantWarn, p.Findings)
						}
						if s.text != "" && !strings.Contains(fmt.Sprint(p.Findings), s.text) {
							t.Errorf("step %d: findings %v do not name %q", i+1, p.Findings, s.text)
						}
						var adds, notRepl, twice []string
						for _, g := range p.Adds {
							adds = append(adds, g.Risicodrager)
						}
						for _, g := range p.NotReplaced {
							notRepl = append(notRepl, g.Risicodrager)
						}
						for _, g := range p.CountedTwice {
							twice = append(twice, g.Indiener+" "+g.Risicodrager)
						}
						if want := slices.Sorted(slices.Values(s.adds)); !slices.Equal(adds, want) {
							t.Errorf("step %d: adds %v, want %v", i+1, adds, want)
						}
						if !slices.Equal(notRepl, s.notRepl) {
							t.Errorf("step %d: not replaced %v, want %v", i+1, notRepl, s.notRepl)
						}
						if !slices.Equal(twice, s.twice) {
							t.Errorf("step %d: counted twice %v, want %v", i+1, twice, s.twice)
						}
						if s.closes != nil {
							got := map[string]int64{}
							for _, g := range p.Closes {
								got[g.Risicodrager] += g.Count
							}
							if fmt.Sprint(got) != fmt.Sprint(s.closes) {
								t.Errorf("step %d: closes %v, want %v", i+1, got, s.closes)
							}
						}
						before := allRecords(t, l)
						_, err = l.Apply(ctx, s.dl, opts)
						if len(wantErr) == 0 {
							if err != nil {
								t.Fatalf("step %d: %v", i+1, err)
							}
							continue
						}
						var re *RefusedError
						if !errors.As(err, &re) || !errors.Is(err, ErrRefused) {
							t.Fatalf("step %d: error %v, want a refusal", i+1, err)
						}
						if after := allRecords(t, l); !slices.Equal(before, after) {
							t.Errorf("step %d: the refused file changed the ledger", i+1)
						}
					}
					if preflight {
						return
					}
					got := map[string]int{}
					for _, s := range allRecords(t, l) {
						if s.Active() {
							got[fmt.Sprintf("%s %d %s", s.Indiener, s.Referentienummer, s.Record.Risicodrager)]++
						}
					}
					if fmt.Sprint(got) != fmt.Sprint(c.active) {
						t.Errorf("active records %v, want %v", got, c.active)
					}
				})
			})
		}
	}
}

// TestRedeliveryCloses checks table 2-3's second good situation on the stored records:
// after the re-delivery of 19 February every record of 6 February is closed by it.
func TestRedeliveryCloses(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		jan := daysOf("20160101", "20160131")
		mustApply(t, l, file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...))
		mustApply(t, l, file("9964", "B", 2, "20160219", "20160101", "20160131", cz, jan...))
		n := map[string]int{}
		for _, s := range allRecords(t, l) {
			n[fmt.Sprintf("ref %d closed by %d", s.Referentienummer, s.ClosedBy)]++
		}
		want := map[string]int{"ref 1 closed by 2": 4 * 31, "ref 2 closed by 0": 4 * 31}
		if fmt.Sprint(n) != fmt.Sprint(want) {
			t.Errorf("records %v, want %v", n, want)
		}
	})
}

// TestDayFilesAndVolmacht: the selection unit is risicodrager/volmacht (§2.3.5.1). Day
// files in which a small risicodrager had no paid claims are no change of selection, and
// the schade a volmacht delivers itself (indiener 8971, 0406 = 8971) stands beside the
// risicodrager's own schade (indiener 7119, no volmacht) without being counted twice.
func TestDayFilesAndVolmacht(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		days := daysOf("20160104", "20160108")
		for i, day := range days {
			rds := []string{"7119", "0104"}
			if i%2 == 1 {
				rds = []string{"7119"} // 0104 had no claims on these days
			}
			next := d(day).AddDays(1)
			mustApply(t, l, file("9964", "B", int64(i+1), fmt.Sprintf("%04d%02d%02d", next.Year, int(next.Month), next.Day), day, day, rds, day))
		}
		vm := file("8971", "V", 1, "20160109", "20160104", "20160108", []string{"7119"}, days...)
		for i := range vm.Records {
			vm.Records[i].Volmacht = "8971"
		}
		p := mustApply(t, l, vm)
		if len(p.CountedTwice) != 0 || len(p.Adds) != 1 || p.Adds[0].Unit().String() != "7119/8971" {
			t.Errorf("volmacht plan: adds %+v, counted twice %+v", p.Adds, p.CountedTwice)
		}
		// The risicodrager's own re-delivery of a day is not counted twice with the volmacht's.
		own := file("9964", "B", 6, "20160110", "20160105", "20160105", []string{"7119"}, "20160105")
		p = mustApply(t, l, own)
		if p.Closed() != 1 {
			t.Errorf("re-delivery of 5 January closed %d records, want 1 (7119's own)", p.Closed())
		}
		n := 0
		for _, s := range allRecords(t, l) {
			if s.Active() {
				n++
			}
		}
		// 7119: 5 days, 0104: 3 days, the volmacht: 5 days.
		if n != 13 {
			t.Errorf("%d active records, want 13", n)
		}
	})
}
