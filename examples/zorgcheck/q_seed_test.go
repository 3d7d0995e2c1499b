//go:build integration

package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// The tables of chapter 2 and the voorbeelden of chapter 3 of seed 003 (Vektis,
// invulinstructie QVE301/QVE302 v1.0), replayed through zorgcheck q on SQLite and, with
// ZORGBERICHT_POSTGRES_URL (.ci/services/postgres.sh), PostgreSQL. The expected ledgers and
// returns are written from the seed's text. The QVE301/QVE302 layouts are reconstructions
// (specs/q).

// qDB is a ledger data source for one test: a new SQLite file, or a new schema on the
// PostgreSQL server.
type qDB struct {
	name string
	dsn  func(t testing.TB) string
}

func qDatabases() []qDB {
	return []qDB{
		{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "warehouse.db") }},
		{"postgres", func(t testing.TB) string {
			base := os.Getenv("ZORGBERICHT_POSTGRES_URL")
			if base == "" {
				t.Skip("PostgreSQL not configured: set ZORGBERICHT_POSTGRES_URL (.ci/services/postgres.sh)")
			}
			b := make([]byte, 6)
			rand.Read(b)
			schema := "zorgcheck_q_" + hex.EncodeToString(b)
			db, err := sql.Open("pgx", base)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
				t.Fatalf("PostgreSQL: %v", err)
			}
			t.Cleanup(func() {
				if db, err := sql.Open("pgx", base); err == nil {
					db.Exec("DROP SCHEMA " + schema + " CASCADE")
					db.Close()
				}
			})
			sep := "?"
			if strings.Contains(base, "?") {
				sep = "&"
			}
			return base + sep + "search_path=" + schema
		}},
	}
}

// eachQDB runs f on every configured database, with a new ledger data source.
func eachQDB(t *testing.T, f func(t *testing.T, db string)) {
	for _, d := range qDatabases() {
		t.Run(d.name, func(t *testing.T) { f(t, d.dsn(t)) })
	}
}

func seedDate(s string) ledger.Date {
	d, err := ledger.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func seedDays(begin, eind string) []string {
	var out []string
	for x := seedDate(begin); !seedDate(eind).Before(x); x = x.AddDays(1) {
		out = append(out, fmt.Sprintf("%04d%02d%02d", x.Year, int(x.Month), x.Day))
	}
	return out
}

// units are risicodrager[/volmacht] strings.
type seedFile struct {
	indiener, bron      string
	ref                 int64
	aanmaak, begin, end string
	units               []string
	days                []string
}

// write writes the file into dir: one record per unit per day, identificatie
// "<ref>-<day>-<unit>".
func (f seedFile) write(t *testing.T, dir string) string {
	t.Helper()
	d := &ledger.Delivery{Header: ledger.Header{Indiener: f.indiener, BronID: f.bron, Referentienummer: f.ref,
		DagtekeningAanmaak: seedDate(f.aanmaak), Begin: seedDate(f.begin), Eind: seedDate(f.end)}}
	for _, day := range f.days {
		for _, u := range f.units {
			rd, vm, _ := strings.Cut(u, "/")
			d.Records = append(d.Records, ledger.Record{Identificatie: fmt.Sprintf("%d-%s-%s", f.ref, day, strings.ReplaceAll(u, "/", "v")),
				Risicodrager: rd, Volmacht: vm, Verwerkingsdatum: seedDate(day), DebetCredit: ledger.Debet,
				Declaratiebedrag: 12550, VergoedBasis: 12550})
		}
	}
	p := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.asc", f.indiener, f.bron, f.ref))
	if err := os.WriteFile(p, qtest.MustQVE301(d), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// activeCounts runs q active -json and counts the active records per "indiener ref
// risicodrager[/volmacht]".
func activeCounts(t *testing.T, db string) map[string]int {
	t.Helper()
	code, out, errOut := runTool(t, "q", "active", "-db", db, "-json")
	if code != exitOK {
		t.Fatalf("q active: exit %d: %s", code, errOut)
	}
	got := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r activeJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		got[fmt.Sprintf("%s %d %s", r.Indiener, r.Referentienummer, r.Risicodrager)]++
	}
	return got
}

var czUnits = []string{"7119", "0104", "0201", "7053"}

// TestQSeedTabel23 replays table 2-3 (and 2-2, 2-5, 2-6, 2-7) through q plan, q apply and
// q active: the goedsituaties apply cleanly; the three foutsituaties are the insurer's
// errors, which the warehouse processes (closing without replacing, counting twice) and q
// apply applies with the warnings the seed's text explains; with -preflight they are
// refused. Table 2-7's same-day re-delivery cannot be read by the warehouse: refused.
func TestQSeedTabel23(t *testing.T) {
	jan := seedDays("20160101", "20160131")
	feb := seedDays("20160201", "20160228")
	type step struct {
		f        seedFile
		exit     int      // of q apply (warehouse mode)
		says     []string // q plan and q apply say these
		preFirst bool     // -preflight refuses it
	}
	cases := []struct {
		name   string
		steps  []step
		active map[string]int // after the steps, warehouse mode
	}{
		{"goed: constante UZOVI-selectie", []step{
			{f: seedFile{"9964", "0001", 1, "20160206", "20160101", "20160131", czUnits, jan}},
			{f: seedFile{"9964", "0001", 2, "20160305", "20160201", "20160228", czUnits, feb}},
		}, map[string]int{"9964 1 7119": 31, "9964 1 0104": 31, "9964 1 0201": 31, "9964 1 7053": 31,
			"9964 2 7119": 28, "9964 2 0104": 28, "9964 2 0201": 28, "9964 2 7053": 28}},
		{"goed: heraanlevering met constante UZOVI-selectie", []step{
			{f: seedFile{"9964", "0001", 1, "20160206", "20160101", "20160131", czUnits, jan}},
			{f: seedFile{"9964", "0001", 2, "20160219", "20160101", "20160131", czUnits, jan},
				says: []string{"31 records  of referentienummer 1  risicodrager 7119  verwerkingsdatum 2016-01-01 t/m 2016-01-31  replaced by this file"}},
		}, map[string]int{"9964 2 7119": 31, "9964 2 0104": 31, "9964 2 0201": 31, "9964 2 7053": 31}},
		// "De bestandsaanlevering van 8 februari 2016 wordt technisch als een
		// bestandheraanlevering beschouwd. Alle records van 0104, 0201 en 7119 met
		// aanmaakdatum 20160206 worden afgesloten en de records van 7053 zijn actief."
		{"fout 1: aanleveringen bevatten niet dezelfde UZOVI-selectie", []step{
			{f: seedFile{"9964", "0001", 1, "20160206", "20160101", "20160131", []string{"0104", "0201", "7119"}, jan}},
			{f: seedFile{"9964", "0001", 2, "20160208", "20160101", "20160131", []string{"7053"}, jan},
				says: []string{"QL030 warning", "0104 (31 records), 0201 (31 records), 7119 (31 records)", "NOT replaced", "QL031 warning"}, preFirst: true},
		}, map[string]int{"9964 2 7053": 31}},
		// "De records ... van 0104, 0201 en 7053 worden afgesloten (=inactief) maar niet
		// vervangen. Alleen de records van UZOVI 7119 worden vervangen."
		{"fout 2: heraanlevering bevat niet dezelfde UZOVI-selectie", []step{
			{f: seedFile{"9964", "0001", 1, "20160206", "20160101", "20160131", czUnits, jan}},
			{f: seedFile{"9964", "0001", 2, "20160219", "20160101", "20160131", []string{"7119"}, jan},
				says: []string{"QL030 warning", "0104 (31 records), 0201 (31 records), 7053 (31 records)", "NOT replaced"}, preFirst: true},
		}, map[string]int{"9964 2 7119": 31}},
		// "De records ... met aanmaakdatum 20160206 blijven actief. Het bestand van 7053
		// wordt ook juist verwerkt ... dubbele schade voor UZOVI-nummer 7053."
		{"fout 3: aanleveringen bevatten niet dezelfde UZOVI-nummer indiener", []step{
			{f: seedFile{"9964", "0001", 1, "20160206", "20160101", "20160131", czUnits, jan}},
			{f: seedFile{"7053", "0001", 2, "20160308", "20160101", "20160131", []string{"7053"}, jan},
				says: []string{"QL032 warning", "COUNTED TWICE", "indiener 9964 for 7053"}, preFirst: true},
		}, map[string]int{"9964 1 7119": 31, "9964 1 0104": 31, "9964 1 0201": 31, "9964 1 7053": 31, "7053 2 7053": 31}},
		// Table 2-7: "Slechts het laatst ingediende schadelast-informatiebestand (met
		// referentienummer 001) wordt ingelezen."
		{"fout tabel 2-7: heraanlevering op dezelfde dag", []step{
			{f: seedFile{"7119", "0001", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan}},
			{f: seedFile{"7119", "0001", 2, "20160206", "20160101", "20160131", []string{"7119"}, jan},
				exit: exitFindings, says: []string{"QL020 error"}},
		}, map[string]int{"7119 1 7119": 31}},
		{"goed tabel 2-2/2-5: gelaagd aanleveren", []step{
			{f: seedFile{"9664", "0001", 1, "20160206", "20160101", "20160131", czUnits, jan}},
			{f: seedFile{"3332", "0001", 1, "20160206", "20160101", "20160131", []string{"3332", "3333", "7054"}, jan}},
		}, map[string]int{"9664 1 7119": 31, "9664 1 0104": 31, "9664 1 0201": 31, "9664 1 7053": 31,
			"3332 1 3332": 31, "3332 1 3333": 31, "3332 1 7054": 31}},
		{"goed tabel 2-6: per risicodrager een bestand", []step{
			{f: seedFile{"7119", "0001", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan}},
			{f: seedFile{"0104", "0001", 2, "20160206", "20160101", "20160131", []string{"0104"}, jan}},
			{f: seedFile{"0201", "0001", 3, "20160206", "20160101", "20160131", []string{"0201"}, jan}},
			{f: seedFile{"7053", "0001", 4, "20160206", "20160101", "20160131", []string{"7053"}, jan}},
		}, map[string]int{"7119 1 7119": 31, "0104 2 0104": 31, "0201 3 0201": 31, "7053 4 7053": 31}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachQDB(t, func(t *testing.T, db string) {
				dir := t.TempDir()
				for i, s := range c.steps {
					path := s.f.write(t, dir)
					if i > 0 {
						code, out, errOut := runTool(t, "q", "plan", "-db", db, path)
						wantPlan := exitOK
						if s.exit != exitOK {
							wantPlan = s.exit
						}
						if code != wantPlan {
							t.Errorf("step %d: q plan: exit %d, want %d: %s%s", i+1, code, wantPlan, out, errOut)
						}
						for _, w := range s.says {
							if !strings.Contains(out, w) {
								t.Errorf("step %d: q plan does not say %q:\n%s", i+1, w, out)
							}
						}
						if s.preFirst {
							before := activeCounts(t, db)
							code, out, _ := runTool(t, "q", "apply", "-preflight", "-db", db, path)
							if code != exitFindings || !strings.Contains(out, " error") {
								t.Errorf("step %d: q apply -preflight: exit %d, want %d:\n%s", i+1, code, exitFindings, out)
							}
							if after := activeCounts(t, db); fmt.Sprint(after) != fmt.Sprint(before) {
								t.Errorf("step %d: the refused file changed the ledger", i+1)
							}
						}
					}
					code, out, errOut := runTool(t, "q", "apply", "-db", db, path)
					if code != s.exit {
						t.Fatalf("step %d: q apply: exit %d, want %d: %s%s", i+1, code, s.exit, out, errOut)
					}
					for _, w := range s.says {
						if !strings.Contains(out, w) {
							t.Errorf("step %d: q apply does not say %q:\n%s", i+1, w, out)
						}
					}
				}
				if got := activeCounts(t, db); fmt.Sprint(got) != fmt.Sprint(c.active) {
					t.Errorf("active records\n got %v\nwant %v", got, c.active)
				}
			})
		})
	}
}

// TestQSeedTabel24en29 replays tables 2-4, 2-8 and 2-9: files of 1 t/m 7 and 8 t/m 14
// January, a re-delivery of 5 t/m 9 January, then the closing of 1 t/m 7 January on
// request. Table 2-4 delivers the four risicodragers of CZ gelaagd (indiener 9964), 2-8
// and 2-9 one.
func TestQSeedTabel24en29(t *testing.T) {
	for _, tc := range []struct {
		name     string
		indiener string
		units    []string
	}{{"tabel 2-4", "9964", czUnits}, {"tabel 2-8 en 2-9", "7119", []string{"7119"}}} {
		t.Run(tc.name, func(t *testing.T) {
			eachQDB(t, func(t *testing.T, db string) {
				dir := t.TempDir()
				files := []string{
					seedFile{tc.indiener, "0001", 3, "20160118", "20160105", "20160109", tc.units, seedDays("20160105", "20160109")}.write(t, dir),
					seedFile{tc.indiener, "0001", 1, "20160108", "20160101", "20160107", tc.units, seedDays("20160101", "20160107")}.write(t, dir),
					seedFile{tc.indiener, "0001", 2, "20160115", "20160108", "20160114", tc.units, seedDays("20160108", "20160114")}.write(t, dir),
				}
				// Given out of order: applied "in juiste volgorde o.b.v. referentienummer".
				if code, out, errOut := runTool(t, append([]string{"q", "apply", "-db", db}, files...)...); code != exitOK {
					t.Fatalf("q apply: exit %d: %s%s", code, out, errOut)
				}
				// Table 2-8: records 5 t/m 9 of files 1 and 2 closed; file 3 active.
				want := map[string]int{}
				for _, u := range tc.units {
					want[fmt.Sprintf("%s 1 %s", tc.indiener, u)] = 4 // 1 t/m 4
					want[fmt.Sprintf("%s 2 %s", tc.indiener, u)] = 5 // 10 t/m 14
					want[fmt.Sprintf("%s 3 %s", tc.indiener, u)] = 5 // 5 t/m 9
				}
				if got := activeCounts(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("after the re-delivery\n got %v\nwant %v", got, want)
				}
				if tc.indiener != "7119" {
					return
				}
				// Table 2-9: closing 1 t/m 7 January closes 1 t/m 4 of file 1 and 5 t/m 7 of file 3.
				code, out, errOut := runTool(t, "q", "close", "-db", db, "-indiener", "7119", "-bron", "0001", "-from", "20160101", "-to", "20160107")
				if code != exitOK || !strings.HasPrefix(out, "closed 7 records") {
					t.Fatalf("q close: exit %d: %s%s", code, out, errOut)
				}
				want = map[string]int{"7119 2 7119": 5, "7119 3 7119": 2}
				if got := activeCounts(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("after the closing\n got %v\nwant %v", got, want)
				}
			})
		})
	}
}

// creditFile writes a file of table 2-12: records "D <id>" or "C <id> <debit>".
func creditFile(t *testing.T, dir string, ref int64, aanmaak, begin, end string, recs ...string) string {
	t.Helper()
	d := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "0001", Referentienummer: ref,
		DagtekeningAanmaak: seedDate(aanmaak), Begin: seedDate(begin), Eind: seedDate(end)}}
	for _, r := range recs {
		f := strings.Fields(r)
		rec := ledger.Record{Identificatie: f[1], Risicodrager: "7119", Verwerkingsdatum: seedDate(begin),
			DebetCredit: ledger.Debet, Declaratiebedrag: 10000, VergoedBasis: 10000}
		if f[0] == "C" {
			rec.DebetCredit, rec.GerelateerdDebet, rec.Declaratiebedrag, rec.VergoedBasis = ledger.Credit, f[2], -10000, -10000
		}
		d.Records = append(d.Records, rec)
	}
	p := filepath.Join(dir, fmt.Sprintf("credit-%d.asc", ref))
	if err := os.WriteFile(p, qtest.MustQVE301(d), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestQSeedTabel212 replays table 2-12: file 002 credits debit 3 of file 001 with 9 and
// debit 7 with 11 (the seed prints "12" for 9, an OCR slip: "De records met identificatie
// prestatierecord 3 en 9 horen bij elkaar"). The one Q rule set of q validate, plan and
// apply refuses a credit of a debit never delivered, a credit of a credit and an
// identificatie delivered again while its record stays active; -force-invalid applies
// such a file with a warning.
func TestQSeedTabel212(t *testing.T) {
	eachQDB(t, func(t *testing.T, db string) {
		dir := t.TempDir()
		f1 := creditFile(t, dir, 1, "20160208", "20160101", "20160131", "D 1", "D 2", "D 3", "D 4", "D 5", "D 6", "D 7")
		f2 := creditFile(t, dir, 2, "20160308", "20160201", "20160229", "D 8", "C 9 3", "D 10", "C 11 7", "D 12", "D 13", "D 14")
		if code, out, errOut := runTool(t, "q", "apply", "-db", db, f1, f2); code != exitOK {
			t.Fatalf("q apply: exit %d: %s%s", code, out, errOut)
		}
		if got := activeCounts(t, db); fmt.Sprint(got) != fmt.Sprint(map[string]int{"7119 1 7119": 7, "7119 2 7119": 7}) {
			t.Errorf("active %v", got)
		}
		for _, tc := range []struct {
			name, rec, says string
		}{
			{"credit of a debit never delivered", "C 15 99", "names no debit of this file nor of an earlier delivery"},
			{"credit of a credit", "C 16 9", "names an earlier credit record, not a debit"},
			{"identificatie delivered again", "D 5", "was delivered before from this bron-id and stays active"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := creditFile(t, t.TempDir(), 3, "20160408", "20160301", "20160331", tc.rec)
				for _, cmd := range [][]string{{"q", "validate", "-db", db, f}, {"q", "plan", "-db", db, f}, {"q", "apply", "-db", db, f}} {
					code, out, _ := runTool(t, cmd...)
					if code != exitFindings || !strings.Contains(out, tc.says) {
						t.Errorf("%s: exit %d, want %d and %q:\n%s", cmd[1], code, exitFindings, tc.says, out)
					}
				}
				if got := activeCounts(t, db); len(got) != 2 {
					t.Errorf("the refused file changed the ledger: %v", got)
				}
			})
		}
		f := creditFile(t, t.TempDir(), 3, "20160408", "20160301", "20160331", "C 15 99")
		code, _, errOut := runTool(t, "q", "apply", "-force-invalid", "-db", db, f)
		if code != exitOK || !strings.Contains(errOut, "WARNING") || !strings.Contains(errOut, "-force-invalid") {
			t.Errorf("q apply -force-invalid: exit %d, stderr %q", code, errOut)
		}
		if got := activeCounts(t, db); got["7119 3 7119"] != 1 {
			t.Errorf("-force-invalid did not apply the file: %v", got)
		}
	})
}

// TestQDayFilesAndVolmacht: day files of a gelaagd indiener in which risicodrager 0104
// has no claims on some days, and the schade of volmacht 8971 (booked on risicodrager
// 7119) delivered by the volmacht itself beside the risicodrager's own, apply cleanly:
// the selection unit is risicodrager/volmacht (§2.3.5.1).
func TestQDayFilesAndVolmacht(t *testing.T) {
	eachQDB(t, func(t *testing.T, db string) {
		dir := t.TempDir()
		var files []string
		days := seedDays("20160104", "20160108")
		for i, day := range days {
			units := []string{"7119", "0104"}
			if i%2 == 1 {
				units = []string{"7119"}
			}
			next := seedDate(day).AddDays(1)
			files = append(files, seedFile{"9964", "0001", int64(i + 1), fmt.Sprintf("%04d%02d%02d", next.Year, int(next.Month), next.Day), day, day, units, []string{day}}.write(t, dir))
		}
		files = append(files, seedFile{"8971", "0002", 1, "20160109", "20160104", "20160108", []string{"7119/8971"}, days}.write(t, dir))
		code, out, errOut := runTool(t, append([]string{"q", "apply", "-db", db}, files...)...)
		if code != exitOK || strings.Contains(out, "warning") || strings.Contains(out, "error") {
			t.Fatalf("q apply: exit %d:\n%s%s", code, out, errOut)
		}
		// A re-delivery of 5 January by 9964 closes and replaces its own records only.
		redo := seedFile{"9964", "0001", 6, "20160110", "20160105", "20160105", []string{"7119"}, []string{"20160105"}}.write(t, dir)
		code, out, errOut = runTool(t, "q", "apply", "-db", db, redo)
		if code != exitOK || strings.Contains(out, "warning") || !strings.Contains(out, "1 records closed (0 not replaced)") {
			t.Fatalf("q apply re-delivery: exit %d:\n%s%s", code, out, errOut)
		}
		got := activeCounts(t, db)
		want := map[string]int{"9964 1 7119": 1, "9964 1 0104": 1, "9964 6 7119": 1, "9964 3 7119": 1, "9964 3 0104": 1,
			"9964 4 7119": 1, "9964 5 7119": 1, "9964 5 0104": 1, "8971 1 7119": 5}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("active\n got %v\nwant %v", got, want)
		}
	})
}

// returnedRecord is a record of a QVE302 as tables 3-2 and 3-3 show it.
type returnedRecord struct {
	code  string
	id    string
	codes string
}

// readQReturn reads a QVE302: per record its type, identificatie detailrecord and return
// codes, and the counts of the 99.
func readQReturn(t *testing.T, data string) (recs []returnedRecord, prest, detail string) {
	t.Helper()
	std := q.Standards()[1]
	for _, line := range strings.Split(strings.TrimRight(data, "\r\n"), "\r\n") {
		l := std.Layout(line[:2])
		if l == nil {
			t.Fatalf("record %q is not of %s", line[:2], std.ID())
		}
		field := func(n string) string {
			f := l.Field(n)
			if f == nil {
				return ""
			}
			return strings.TrimSpace(line[f.Start-1 : f.End])
		}
		if l.Code() == "99" {
			prest, detail = field("9902"), field("9903")
			continue
		}
		codes := strings.Fields(field(l.Code()+"96") + " " + field(l.Code()+"97") + " " + field(l.Code()+"98"))
		id := ""
		if l.Code() != "01" {
			id = field(l.Code() + "02") // identificatie detailrecord
		}
		recs = append(recs, returnedRecord{l.Code(), id, strings.Join(codes, " ")})
	}
	return recs, prest, detail
}

// TestQSeedVoorbeelden answers voorbeelden 1 to 5 of chapter 3 with zorgcheck q retour,
// as VECOZO's portal. The expectations are tables 3-2 and 3-3: voorbeeld 1 gets no
// return; 2 (UZOVI-nummer 9900 not connected) and 3 (totaal aantal detailrecords wrong)
// only the 01 with 0001 and the reason and the 99; 4 (datum prestatie 20140332) and 5 (a
// wrong BSN) the 01 with 0200 and the rejected record, the approved records not.
// QVE301 has no tariefrecord: voorbeeld 5's wrong BSN stands in a prestatierecord.
func TestQSeedVoorbeelden(t *testing.T) {
	dir := t.TempDir()
	march := func(indiener string) *ledger.Delivery {
		d := &ledger.Delivery{Header: ledger.Header{Indiener: indiener, BronID: "0001", Referentienummer: 1,
			DagtekeningAanmaak: seedDate("20140405"), Begin: seedDate("20140301"), Eind: seedDate("20140331")}}
		for i, day := range []string{"20140310", "20140311", "20140312"} {
			d.Records = append(d.Records, ledger.Record{Identificatie: fmt.Sprint("Q", i+1), Risicodrager: indiener,
				Verwerkingsdatum: seedDate(day), DebetCredit: ledger.Debet, Declaratiebedrag: 10000, VergoedBasis: 10000})
		}
		return d
	}
	std := qve301v10.Standard()
	put := func(text []byte, line int, field, v string) []byte {
		f := std.Layout(map[bool]string{true: "99", false: "04"}[field[:2] == "99"]).Field(field)
		lines := strings.SplitAfter(string(text), "\n")
		l := lines[line-1]
		lines[line-1] = l[:f.Start-1] + v + l[f.End:]
		return []byte(strings.Join(lines, ""))
	}
	for _, tc := range []struct {
		name     string
		indiener string
		edit     func([]byte) []byte
		exit     int
		want     []returnedRecord
		prest    string
		detail   string
	}{
		{name: "1 gehele schadelastinformatie goedgekeurd", indiener: "0736", exit: exitOK},
		{name: "2 fout in voorlooprecord", indiener: "9900", exit: exitFindings,
			want: []returnedRecord{{"01", "", "0001 8198"}}, prest: "000000", detail: "0000000"},
		{name: "3 fout in sluitrecord", indiener: "0736", exit: exitFindings,
			edit: func(b []byte) []byte { return put(b, 5, "9903", "0000004") },
			want: []returnedRecord{{"01", "", "0001 0156"}}, prest: "000000", detail: "0000000"},
		{name: "4 fout in datum prestatierecord", indiener: "0736", exit: exitFindings,
			edit: func(b []byte) []byte { return put(b, 3, "0418", "20140332") },
			want: []returnedRecord{{"01", "", "0200"}, {"04", "000000000002", "8007"}}, prest: "000001", detail: "0000001"},
		{name: "5 fout in sleutel (BSN)", indiener: "0736", exit: exitFindings,
			edit: func(b []byte) []byte { return put(b, 3, "0403", "123456789") },
			want: []returnedRecord{{"01", "", "0200"}, {"04", "000000000002", "0435"}}, prest: "000001", detail: "0000001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := qtest.MustQVE301(march(tc.indiener))
			if tc.edit != nil {
				text = tc.edit(text)
			}
			p := filepath.Join(dir, strings.Fields(tc.name)[0]+".asc")
			if err := os.WriteFile(p, text, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runTool(t, "q", "retour", "-connected", "0736,9664", "-today", "2014-04-07",
				"-referentie", "VECOZO-1", "-allow-reconstructed", p)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d: %s", code, tc.exit, errOut)
			}
			if tc.want == nil {
				if out != "" || !strings.Contains(errOut, "VECOZO sends no return") {
					t.Errorf("voorbeeld 1: stdout %q, stderr %q; want no return", out, errOut)
				}
				return
			}
			got, prest, detail := readQReturn(t, out)
			if !slices.Equal(got, tc.want) || prest != tc.prest || detail != tc.detail {
				t.Errorf("return %v, 99 %s %s\nwant %v, 99 %s %s", got, prest, detail, tc.want, tc.prest, tc.detail)
			}
		})
	}
}

// TestQChild is the child process of TestQFourApplies: it runs zorgcheck with the
// arguments in ZORGCHECK_Q_CHILD (separated by newlines) and exits with its status.
func TestQChild(t *testing.T) {
	args := os.Getenv("ZORGCHECK_Q_CHILD")
	if args == "" {
		t.Skip("only as a child of TestQFourApplies")
	}
	os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// TestQFourApplies runs four zorgcheck q apply processes at once against one PostgreSQL
// server, as the warehouse has many indieners: three indieners with a month file each
// and a fourth process re-delivering the month of the first indiener's bron-id (applies
// of one indiener and bron-id take turns). Afterwards the ledger holds every file, and
// the re-delivery replaced what it re-delivered.
func TestQFourApplies(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	base := os.Getenv("ZORGBERICHT_POSTGRES_URL")
	if base == "" {
		t.Skip("PostgreSQL not configured: set ZORGBERICHT_POSTGRES_URL (.ci/services/postgres.sh)")
	}
	db := qDatabases()[1].dsn(t)
	dir := t.TempDir()
	jan := seedDays("20160101", "20160131")
	first := seedFile{"7119", "0001", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan}.write(t, dir)
	if code, out, errOut := runTool(t, "q", "apply", "-db", db, first); code != exitOK {
		t.Fatalf("q apply: exit %d: %s%s", code, out, errOut)
	}
	files := []string{
		seedFile{"7119", "0001", 2, "20160219", "20160101", "20160131", []string{"7119"}, jan}.write(t, dir),
		seedFile{"0104", "0001", 1, "20160206", "20160101", "20160131", []string{"0104"}, jan}.write(t, dir),
		seedFile{"0201", "0001", 1, "20160206", "20160101", "20160131", []string{"0201"}, jan}.write(t, dir),
		seedFile{"7053", "0001", 1, "20160206", "20160101", "20160131", []string{"7053"}, jan}.write(t, dir),
	}
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, f := range files {
		cmd := exec.Command(os.Args[0], "-test.run=^TestQChild$")
		cmd.Env = append(os.Environ(), "ZORGCHECK_Q_CHILD="+strings.Join([]string{"q", "apply", "-db", db, f}, "\n"))
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d (%s): %v\n%s", i+1, filepath.Base(files[i]), err, outs[i])
		}
	}
	want := map[string]int{"7119 2 7119": 31, "0104 1 0104": 31, "0201 1 0201": 31, "7053 1 7053": 31}
	if got := activeCounts(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("active\n got %v\nwant %v", got, want)
	}
}

// TestQApplyInvalidBSN: a file whose BSN holds letters fails the Q rules (N3): q validate
// and q apply both exit 1, and the ledger records nothing of it.
func TestQApplyInvalidBSN(t *testing.T) {
	dir := t.TempDir()
	p := seedFile{"7119", "0001", 1, "20160206", "20160101", "20160103", []string{"7119"}, seedDays("20160101", "20160103")}.write(t, dir)
	text, _ := os.ReadFile(p)
	f := qve301v10.Standard().Layout("04").Field("0403")
	lines := strings.SplitAfter(string(text), "\n")
	lines[2] = lines[2][:f.Start-1] + "12345678A" + lines[2][f.End:]
	os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	db := filepath.Join(dir, "w.db")
	if code, out, _ := runTool(t, "q", "validate", p); code != exitFindings || !strings.Contains(out, "0403") {
		t.Errorf("q validate: exit %d:\n%s", code, out)
	}
	if code, out, errOut := runTool(t, "q", "apply", "-db", db, p); code != exitFindings || !strings.Contains(out, "0403") || !strings.Contains(errOut, "refused") {
		t.Errorf("q apply: exit %d:\n%s%s", code, out, errOut)
	}
	if got := activeCounts(t, db); len(got) != 0 {
		t.Errorf("the ledger holds %v", got)
	}
}

// TestQValidateStrictUZOVI: UZOVI-nummer indiener 9964 (the seed's CZ unit, not in the
// module's copy of the UZOVI register) is a warning, and with -strict-uzovi an error.
func TestQValidateStrictUZOVI(t *testing.T) {
	p := seedFile{"9964", "0001", 1, "20160206", "20160101", "20160101", []string{"7119"}, []string{"20160101"}}.write(t, t.TempDir())
	code, out, _ := runTool(t, "q", "validate", p)
	if code != exitOK || !strings.Contains(out, "warning: N4 0106") || !strings.HasSuffix(out, "valid, 1 warning\n") {
		t.Errorf("q validate: exit %d:\n%s", code, out)
	}
	code, out, _ = runTool(t, "q", "validate", "-strict-uzovi", p)
	if code != exitFindings || !strings.Contains(out, ": N4 0106") || strings.Contains(out, "warning") {
		t.Errorf("q validate -strict-uzovi: exit %d:\n%s", code, out)
	}
}

// writeQBenchFile writes a QVE301 file of n records for one month of four risicodragers,
// as file ref of the series: ref 1 is the first delivery, ref 2 a re-delivery of the same
// month (the same identificaties, dagtekening aanmaak 13 days later) that closes and
// replaces every record of ref 1.
func writeQBenchFile(path string, n int, ref int64) error {
	aanmaak := map[int64]string{1: "20160206", 2: "20160219"}[ref]
	h := ledger.Header{Indiener: "9664", BronID: "0001", Referentienummer: ref,
		DagtekeningAanmaak: seedDate(aanmaak), Begin: seedDate("20160101"), Eind: seedDate("20160131")}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	jan := seedDate("20160101")
	err = qtest.WriteQVE301(f, h, n, func(i int) ledger.Record {
		return ledger.Record{Identificatie: "P" + strconv.Itoa(100_000_000 + i)[1:], Risicodrager: czUnits[i%4],
			Verwerkingsdatum: jan.AddDays(i % 31), DebetCredit: ledger.Debet, Declaratiebedrag: 12550, VergoedBasis: 12550}
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// TestQBenchFiles writes the files of .ci/checks/qledger.sh when ZORGCHECK_Q_BENCH_DIR is
// set: for each size in ZORGCHECK_Q_BENCH_SIZES (records, comma-separated), q-SIZE-1.asc
// and its re-delivery q-SIZE-2.asc.
func TestQBenchFiles(t *testing.T) {
	dir := os.Getenv("ZORGCHECK_Q_BENCH_DIR")
	if dir == "" {
		t.Skip("ZORGCHECK_Q_BENCH_DIR not set: .ci/checks/qledger.sh sets it")
	}
	for _, size := range strings.Split(os.Getenv("ZORGCHECK_Q_BENCH_SIZES"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if err != nil || n <= 0 {
			t.Fatalf("ZORGCHECK_Q_BENCH_SIZES: %q is not a number of records", size)
		}
		for ref := int64(1); ref <= 2; ref++ {
			if err := writeQBenchFile(filepath.Join(dir, fmt.Sprintf("q-%d-%d.asc", n, ref)), n, ref); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// BenchmarkQApply300k runs zorgcheck q apply, the Q rules included, on a file of 300,000
// records (one month of four risicodragers, 93 MB) into a new ledger ("new"), and on its
// re-delivery, which closes and replaces the 300,000 ("redelivery"; the first file is
// applied before the timer), on SQLite and, with ZORGBERICHT_POSTGRES_URL, PostgreSQL. It
// reports records/s: issue 21 asks 120,000 on both databases.
func BenchmarkQApply300k(b *testing.B) {
	const n = 300_000
	dir := b.TempDir()
	files := [3]string{"", filepath.Join(dir, "q-1.asc"), filepath.Join(dir, "q-2.asc")}
	for ref := int64(1); ref <= 2; ref++ {
		if err := writeQBenchFile(files[ref], n, ref); err != nil {
			b.Fatal(err)
		}
	}
	for _, db := range qDatabases() {
		for _, redeliver := range []bool{false, true} {
			name := db.name + "/new"
			if redeliver {
				name = db.name + "/redelivery"
			}
			b.Run(name, func(b *testing.B) {
				if db.name == "postgres" && os.Getenv("ZORGBERICHT_POSTGRES_URL") == "" {
					b.Skip("PostgreSQL not configured")
				}
				apply := func(dsn, file string) {
					var out, errOut strings.Builder
					if code := run([]string{"q", "apply", "-today", "2016-03-01", "-db", dsn, file}, &out, &errOut); code != exitOK {
						b.Fatalf("q apply %s: exit %d: %s", filepath.Base(file), code, errOut.String())
					}
				}
				// The memory limit main sets for q apply, under which it collects only at
				// the limit (collectAtLimit): the benchmark measures what the command does.
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit))
				var total time.Duration
				for b.Loop() {
					b.StopTimer()
					dsn := db.dsn(b)
					file := files[1]
					if redeliver {
						apply(dsn, files[1])
						file = files[2]
					}
					b.StartTimer()
					start := time.Now()
					apply(dsn, file)
					total += time.Since(start)
				}
				b.ReportMetric(float64(n*b.N)/total.Seconds(), "records/s")
			})
		}
	}
}
