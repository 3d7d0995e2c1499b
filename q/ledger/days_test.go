//go:build integration

package ledger

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
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

// checkScan compares Tx.Scan, which takes what closed a record from its day count, with
// Records (which joins them), for indiener 7119 and bron-id B.
func checkScan(t *testing.T, l *Ledger, when string) {
	t.Helper()
	ctx := context.Background()
	var want, got []RecordState
	if err := l.Records(ctx, Query{Indiener: "7119", BronID: "B", IncludeClosed: true}, func(s RecordState) error {
		s.Referentienummer = 0 // Scan does not fill it
		want = append(want, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := l.Store().View(ctx, func(tx Tx) error {
		return tx.Scan(ctx, Query{Indiener: "7119", BronID: "B", IncludeClosed: true}, func(s RecordState) error { got = append(got, s); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	order := func(a, b RecordState) int {
		return cmp.Or(cmp.Compare(a.ActivatedBy, b.ActivatedBy), cmp.Compare(a.Record.Identificatie, b.Record.Identificatie))
	}
	slices.SortFunc(want, order)
	slices.SortFunc(got, order)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Scan =\n%+v\nwant, as Records,\n%+v", when, got, want)
	}
}

// checkGroups compares Groups with the groups of the records, for a few queries.
func checkGroups(t *testing.T, l *Ledger, when string) {
	t.Helper()
	queries := []Query{
		{},
		{IncludeClosed: true},
		{Indiener: "7119", BronID: "B"},
		{Indiener: "7119", BronID: "B", IncludeClosed: true, Period: Period{From: d("20160110"), To: d("20160120")}},
		{Risicodragers: []string{"7119", "0104"}, Period: Period{From: d("20160101"), To: d("20160131")}, OtherThan: "7119"},
		{Risicodragers: []string{"8971"}, IncludeClosed: true},
	}
	for _, q := range queries {
		got, err := l.Groups(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if want := groupsOfRecords(t, l, q); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("%s: Groups(%+v) =\n%+v\nwant, from the records,\n%+v", when, q, got, want)
		}
	}
}

// Groups counts from q_day what the records say, after deliveries, a partial
// re-delivery, a closing on request and another indiener's file, with volmachten (0000
// and a real one).
func TestGroupsFromDayCounts(t *testing.T) {
	ctx := context.Background()
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
		checkGroups(t, l, "applied")
		checkScan(t, l, "applied")
	})
}

// openAtVersion opens the ledger at dsn with the schema of version (an earlier one), as a
// program of that version made it.
func openAtVersion(t *testing.T, dsn string, version int) *SQLStore {
	t.Helper()
	s := &SQLStore{dialect: SQLite, batch: 500}
	driverName, source := "sqlite", dsn
	if IsPostgresURL(dsn) {
		s.dialect, s.copy, driverName = Postgres, testCopy, "pgx"
	} else {
		var err error
		if source, err = SQLiteDSN(dsn, OpenOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open(driverName, source)
	if err != nil {
		t.Fatal(err)
	}
	s.db = db
	if err := s.migrateTo(context.Background(), version); err != nil {
		db.Close()
		t.Fatal(err)
	}
	return s
}

// The migration to schema 3 counts the records of a ledger of schema 2 per day, with what
// closed them (then kept in q_day only): Groups and Records answer as before it.
func TestMigrateDayCounts(t *testing.T) {
	ctx := context.Background()
	for _, dbase := range databases() {
		t.Run(dbase.name, func(t *testing.T) {
			dsn := dbase.dsn(t)
			old := openAtVersion(t, dsn, 2)
			stmts := []string{
				`INSERT INTO q_event (` + eventCols + `) VALUES
				(1, 'delivery', 'ref1', '7119', 'B', 1, 20160206, 20160101, 20160131, '0104,7119', 3, '2016-02-07T00:00:00Z'),
				(2, 'delivery', 'ref2', '7119', 'B', 2, 20160219, 20160105, 20160131, '7119', 2, '2016-02-20T00:00:00Z'),
				(3, 'closing', '', '7119', 'B', 0, 0, 20160120, 20160120, '', 1, '2016-02-21T00:00:00Z')`,
				`INSERT INTO q_record (indiener, bron, identificatie, activated_by, closed_by, detail, gerelateerd_debet, risicodrager, volmacht,
					verwerkingsdatum, debet_credit, declaratiebedrag, vergoed_basis, vergoed_aanvullend, eigen_risico) VALUES
				('7119', 'B', 'a', 1, 2, 1, '', '7119', '', 20160105, 'D', 100, 100, 0, 0),
				('7119', 'B', 'b', 1, 2, 2, '', '7119', '', 20160105, 'D', 100, 100, 0, 0),
				('7119', 'B', 'c', 1, NULL, 3, '', '0104', '0000', 20160104, 'D', 100, 100, 0, 0),
				('7119', 'B', 'a', 2, NULL, 1, '', '7119', '', 20160105, 'D', 100, 100, 0, 0),
				('7119', 'B', 'd', 2, 3, 2, '', '7119', '', 20160120, 'D', 100, 100, 0, 0)`,
			}
			if old.dialect == Postgres { // as the events of a program of version 2 would have it
				stmts = append(stmts, `SELECT setval('q_event_id', 4, false)`)
			}
			for _, stmt := range stmts {
				if _, err := old.DB().Exec(stmt); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()
			l := openLedger(t, dsn) // migrates
			active := []Group{
				{Indiener: "7119", BronID: "B", Event: 1, Referentienummer: 1, Risicodrager: "0104", Count: 1, From: d("20160104"), To: d("20160104")},
				{Indiener: "7119", BronID: "B", Event: 2, Referentienummer: 2, Risicodrager: "7119", Count: 1, From: d("20160105"), To: d("20160105")},
			}
			all := []Group{active[0],
				{Indiener: "7119", BronID: "B", Event: 1, Referentienummer: 1, Risicodrager: "7119", Count: 2, From: d("20160105"), To: d("20160105")},
				{Indiener: "7119", BronID: "B", Event: 2, Referentienummer: 2, Risicodrager: "7119", Count: 2, From: d("20160105"), To: d("20160120")},
			}
			for _, c := range []struct {
				q    Query
				want []Group
			}{{Query{}, active}, {Query{IncludeClosed: true}, all}} {
				got, err := l.Groups(ctx, c.q)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("Groups(%+v) =\n%+v\nwant\n%+v", c.q, got, c.want)
				}
			}
			closedBy := map[string]int64{}
			for _, s := range allRecords(t, l) {
				closedBy[fmt.Sprintf("%s/%d", s.Record.Identificatie, s.ActivatedBy)] = s.ClosedBy
			}
			if want := map[string]int64{"a/1": 2, "b/1": 2, "c/1": 0, "a/2": 0, "d/2": 3}; !reflect.DeepEqual(closedBy, want) {
				t.Errorf("closed by %v, want %v", closedBy, want)
			}
			// And a re-delivery of the migrated ledger closes by the day counts.
			p, err := l.Apply(ctx, file("7119", "B", 4, "20160301", "20160101", "20160131", []string{"7119", "0104"}, "20160110"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Closed() != 2 {
				t.Errorf("re-delivery closed %d records, want 2 (c/1 and a/2)", p.Closed())
			}
			checkGroups(t, l, "migrated, re-delivered")
			checkScan(t, l, "migrated, re-delivered")
		})
	}
}

// The migration to schema 4 keys the records' index by indiener, bron-id, activating event
// and verwerkingsdatum: a ledger of schema 3 keeps its records, and applies, closes and
// scans as before.
func TestMigrateRecordIndex(t *testing.T) {
	ctx := context.Background()
	for _, dbase := range databases() {
		t.Run(dbase.name, func(t *testing.T) {
			dsn := dbase.dsn(t)
			old := openAtVersion(t, dsn, 3)
			l3 := New(old)
			if _, err := l3.Apply(ctx, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119", "0104"}, "20160105", "20160106"), Options{}); err != nil {
				t.Fatal(err)
			}
			if _, err := l3.Apply(ctx, file("7119", "B", 2, "20160219", "20160106", "20160131", []string{"7119"}, "20160110"), Options{}); err != nil {
				t.Fatal(err)
			}
			before := allRecords(t, l3)
			old.Close()
			l := openLedger(t, dsn) // migrates
			s := l.Store().(*SQLStore)
			cols := `SELECT name FROM pragma_index_info('q_record_key') ORDER BY seqno`
			if s.Dialect() == Postgres {
				cols = `SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
					CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
					JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
					WHERE i.indrelid = to_regclass('q_record') AND c.relname = 'q_record_key' ORDER BY k.n`
			}
			rows, err := s.DB().QueryContext(ctx, cols)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var c string
				if err := rows.Scan(&c); err != nil {
					t.Fatal(err)
				}
				got = append(got, c)
			}
			rows.Close()
			if want := []string{"indiener", "bron", "activated_by", "verwerkingsdatum"}; !reflect.DeepEqual(got, want) {
				t.Errorf("q_record_key on %v, want %v", got, want)
			}
			if after := allRecords(t, l); !reflect.DeepEqual(after, before) {
				t.Errorf("records after the migration:\n%+v\nwant\n%+v", after, before)
			}
			// A re-delivery of the migrated ledger closes what it replaces.
			p, err := l.Apply(ctx, file("7119", "B", 3, "20160301", "20160101", "20160131", []string{"7119", "0104"}, "20160111"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Closed() != 3 || p.Added() != 2 {
				t.Errorf("re-delivery closed %d and added %d records, want 3 and 2", p.Closed(), p.Added())
			}
			checkScan(t, l, "migrated to schema 4, re-delivered")
		})
	}
}
