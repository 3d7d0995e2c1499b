package ledger

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"testing"
)

// groupsOfRecords counts the records q selects per indiener, bron-id, event,
// risicodrager and volmacht, from the records themselves: what Groups, which reads the
// day counts of q_day, must answer.
func groupsOfRecords(t *testing.T, l *Ledger, q Query) []Group {
	t.Helper()
	byKey := map[Group]*Group{}
	var out []*Group
	for _, s := range allRecords(t, l) {
		r := s.Record
		switch {
		case !q.IncludeClosed && !s.Active(),
			q.Indiener != "" && s.Indiener != q.Indiener,
			q.BronID != "" && s.BronID != q.BronID,
			q.OtherThan != "" && s.Indiener == q.OtherThan,
			len(q.Risicodragers) > 0 && !slices.Contains(q.Risicodragers, r.Risicodrager),
			q.Period != (Period{}) && !q.Period.Contains(r.Verwerkingsdatum):
			continue
		}
		vm := r.Volmacht
		if vm == "0000" {
			vm = ""
		}
		k := Group{Indiener: s.Indiener, BronID: s.BronID, Event: s.ActivatedBy, Referentienummer: s.Referentienummer, Risicodrager: r.Risicodrager, Volmacht: vm}
		g := byKey[k]
		if g == nil {
			g = &Group{Indiener: k.Indiener, BronID: k.BronID, Event: k.Event, Referentienummer: k.Referentienummer, Risicodrager: k.Risicodrager, Volmacht: vm,
				From: r.Verwerkingsdatum, To: r.Verwerkingsdatum}
			byKey[k] = g
			out = append(out, g)
		}
		g.Count++
		if r.Verwerkingsdatum.Before(g.From) {
			g.From = r.Verwerkingsdatum
		}
		if g.To.Before(r.Verwerkingsdatum) {
			g.To = r.Verwerkingsdatum
		}
	}
	gs := make([]Group, len(out))
	for i, g := range out {
		gs[i] = *g
	}
	slices.SortFunc(gs, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Indiener, b.Indiener), cmp.Compare(a.BronID, b.BronID), cmp.Compare(a.Event, b.Event),
			cmp.Compare(a.Risicodrager, b.Risicodrager), cmp.Compare(a.Volmacht, b.Volmacht))
	})
	return gs
}

// Groups counts from q_day what the records say, after deliveries, a partial
// re-delivery, a closing on request and another indiener's file, with volmachten (0000
// and a real one); and the migration to q_day builds it from the records of a ledger
// that lacks it.
func TestGroupsFromDayCounts(t *testing.T) {
	ctx := context.Background()
	queries := []Query{
		{},
		{IncludeClosed: true},
		{Indiener: "7119", BronID: "B"},
		{Indiener: "7119", BronID: "B", IncludeClosed: true, Period: Period{From: d("20160110"), To: d("20160120")}},
		{Risicodragers: []string{"7119", "0104"}, Period: Period{From: d("20160101"), To: d("20160131")}, OtherThan: "7119"},
		{Risicodragers: []string{"8971"}, IncludeClosed: true},
	}
	check := func(t *testing.T, l *Ledger, when string) {
		t.Helper()
		for _, q := range queries {
			got, err := l.Groups(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if want := groupsOfRecords(t, l, q); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Errorf("%s: Groups(%+v) =\n%+v\nwant, from the records,\n%+v", when, q, got, want)
			}
		}
	}
	eachDB(t, func(t *testing.T, l *Ledger) {
		jan := file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119", "0104"}, daysOf("20160101", "20160131")...)
		for i := range jan.Records {
			switch i % 3 {
			case 1:
				jan.Records[i].Volmacht = "0000"
			case 2:
				jan.Records[i].Volmacht = "8971"
			}
		}
		mustApply(t, l, jan)
		other := file("0104", "A", 1, "20160206", "20160101", "20160131", []string{"0104"}, "20160105", "20160125")
		if _, err := l.Apply(ctx, other, Options{}); err != nil {
			t.Fatal(err)
		}
		half := file("7119", "B", 2, "20160219", "20160110", "20160120", []string{"7119", "0104"}, daysOf("20160110", "20160120")...)
		if _, err := l.Apply(ctx, half, Options{}); err != nil { // QL030: the volmachten are closed, not replaced
			t.Fatal(err)
		}
		if _, err := l.ClosePeriod(ctx, "7119", "B", Period{From: d("20160101"), To: d("20160103")}); err != nil {
			t.Fatal(err)
		}
		check(t, l, "applied")

		// A ledger of schema version 2: no day counts yet.
		db := l.Store().(*SQLStore).DB()
		for _, stmt := range []string{"DROP TABLE q_day", "UPDATE q_meta SET value = '2' WHERE name = 'schema'"} {
			if _, err := db.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Store().(*SQLStore).migrate(ctx); err != nil {
			t.Fatal(err)
		}
		check(t, l, "migrated")
	})
}
