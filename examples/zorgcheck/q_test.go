//go:build integration

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/sqlite"
)

// qFiles writes the three files of seed 003 table 2-8 (indiener 7119, bron-id 0001, one
// record per verwerkingsdatum) into dir and returns their paths.
func qFiles(t *testing.T, dir string) []string {
	jan := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	var paths []string
	for _, f := range []struct {
		ref               int64
		aanmaak, from, to int
	}{{1, 8, 1, 7}, {2, 15, 8, 14}, {3, 18, 5, 9}} {
		d := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "0001", Referentienummer: f.ref,
			DagtekeningAanmaak: jan(f.aanmaak), Begin: jan(f.from), Eind: jan(f.to)}}
		for n := f.from; n <= f.to; n++ {
			d.Records = append(d.Records, ledger.Record{Identificatie: fmt.Sprintf("P%d-%02d", f.ref, n), Risicodrager: "7119",
				Verwerkingsdatum: jan(n), DebetCredit: ledger.Debet, Declaratiebedrag: 12550, VergoedBasis: 12550})
		}
		p := fmt.Sprintf("ref%d.asc", f.ref)
		if dir != "." {
			p = filepath.Join(dir, p)
		}
		if err := os.WriteFile(p, qtest.MustQVE301(d), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// activeDays runs q active -json and returns "referentienummer/day" per active record.
func activeDays(t *testing.T, db string) []string {
	t.Helper()
	code, out, errOut := runTool(t, "q", "active", "-db", db, "-indiener", "7119", "-bron", "0001", "-json")
	if code != exitOK {
		t.Fatalf("q active: exit %d: %s", code, errOut)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r activeJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if r.Indiener != "7119" || r.BronID != "0001" || r.Risicodrager != "7119" || !strings.HasSuffix(r.File, fmt.Sprintf("ref%d.asc", r.Referentienummer)) {
			t.Errorf("record %+v", r)
		}
		got = append(got, fmt.Sprintf("%d/%s", r.Referentienummer, r.Verwerkingsdatum[8:]))
	}
	slices.Sort(got)
	return got
}

// TestQ runs plan, apply, active and close on the files of seed 003 tables 2-8 and 2-9.
func TestQ(t *testing.T) {
	// Relative names: the file names are in the output.
	wd, _ := os.Getwd()
	tmp := t.TempDir()
	t.Chdir(tmp)
	db := "warehouse.db"
	files := qFiles(t, ".")
	clean := func(s string) string { return s }
	goldenAt := func(name, got string) {
		t.Helper()
		os.Chdir(wd)
		defer os.Chdir(tmp)
		golden(t, name, got)
	}

	// A read-only command refuses a ledger that does not exist (and creates none).
	code, out, errOut := runTool(t, "q", "plan", "-db", db, files[0])
	if code != exitFailure || out != "" || !strings.Contains(errOut, "the file does not exist") {
		t.Errorf("q plan without a ledger: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("q plan created the ledger")
	}
	l, err := sqlite.Open(context.Background(), db, ledger.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	code, out, errOut = runTool(t, "q", "plan", "-db", db, files[0])
	if code != exitOK || errOut != "" {
		t.Fatalf("q plan: exit %d, %s", code, errOut)
	}
	goldenAt("q-plan-first.txt", clean(out))

	// Given out of order, applied by referentienummer.
	code, out, errOut = runTool(t, "q", "apply", "-db", db, files[2], files[0], files[1])
	if code != exitOK || errOut != "" {
		t.Fatalf("q apply: exit %d, %s", code, errOut)
	}
	goldenAt("q-apply-2-8.txt", clean(out))

	// Table 2-8: active are 1–4 of file 1, 10–14 of file 2 and 5–9 of file 3.
	want := []string{"1/01", "1/02", "1/03", "1/04", "2/10", "2/11", "2/12", "2/13", "2/14", "3/05", "3/06", "3/07", "3/08", "3/09"}
	if got := activeDays(t, db); !slices.Equal(got, want) {
		t.Errorf("active after table 2-8:\n%v\nwant\n%v", got, want)
	}

	// The same file again is refused: exit 1, the ledger unchanged.
	code, out, errOut = runTool(t, "q", "plan", "-db", db, files[2], "-json")
	if code != exitFindings || errOut != "" {
		t.Errorf("q plan again: exit %d, %s", code, errOut)
	}
	var p ledger.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	var cs []ledger.Code
	for _, f := range p.Findings {
		cs = append(cs, ledger.Code(f.Rule))
	}
	if !slices.Equal(cs, []ledger.Code{ledger.CodeReferentieUsed, ledger.CodeSamePeriodSameDay}) || p.Closed() != 5 || p.Added() != 5 {
		t.Errorf("plan again: findings %v, closes %d, adds %d", cs, p.Closed(), p.Added())
	}
	code, _, errOut = runTool(t, "q", "apply", "-db", db, files[2])
	if code != exitFindings || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "refused") {
		t.Errorf("q apply again: exit %d, stderr %q", code, errOut)
	}
	if got := activeDays(t, db); !slices.Equal(got, want) {
		t.Errorf("the refused file changed the ledger: %v", got)
	}

	// Table 2-9: closing 1 t/m 7 januari leaves 10–14 of file 2 and 8, 9 of file 3.
	code, out, errOut = runTool(t, "q", "close", "-db", db, "-indiener", "7119", "-bron", "0001", "-from", "2016-01-01", "-to", "20160107")
	if code != exitOK || errOut != "" {
		t.Fatalf("q close: exit %d, %s", code, errOut)
	}
	if want := "closed 7 records of indiener 7119, bron-id 0001, verwerkingsperiode 2016-01-01 t/m 2016-01-07 (event 4)\n"; out != want {
		t.Errorf("q close: %q, want %q", out, want)
	}
	want = []string{"2/10", "2/11", "2/12", "2/13", "2/14", "3/08", "3/09"}
	if got := activeDays(t, db); !slices.Equal(got, want) {
		t.Errorf("active after table 2-9:\n%v\nwant\n%v", got, want)
	}
	code, out, _ = runTool(t, "q", "active", "-db", db, "-risicodrager", "7119", "-from", "20160108", "-to", "20160109")
	if code != exitOK {
		t.Fatal(code)
	}
	goldenAt("q-active-8-9.txt", clean(out))
}

func TestQErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	bad := filepath.Join(dir, "bad.asc")
	os.WriteFile(bad, []byte("01542\n"), 0o644)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, args := range [][]string{
		{"q"},
		{"q", "frobnicate"},
		{"q", "plan", "-db", db},
		{"q", "plan", filepath.Join(dir, "x.asc")},
		{"q", "plan", "-db", db, filepath.Join(dir, "does-not-exist.asc")},
		{"q", "apply", "-db", db, bad},
		{"q", "active"},
		// Read-only commands refuse a ledger that does not exist, and a 0-byte file.
		{"q", "active", "-db", filepath.Join(dir, "typo.db")},
		{"q", "active", "-db", empty},
		{"q", "validate", "-db", filepath.Join(dir, "typo2.db"), bad},
		{"q", "close", "-db", filepath.Join(dir, "typo3.db"), "-indiener", "7119", "-bron", "1", "-from", "2016-01-01", "-to", "2016-01-07"},
		{"q", "active", "-db", db, "-from", "2016-01-01"},
		{"q", "close", "-db", db, "-indiener", "7119", "-from", "2016-01-01", "-to", "2016-01-07"},
		{"q", "close", "-db", db, "-indiener", "7119", "-bron", "1", "-from", "2016-01-08", "-to", "2016-01-07"},
	} {
		code, out, errOut := runTool(t, args...)
		if code != exitFailure || out != "" {
			t.Errorf("%q: exit %d, stdout %q; want exit %d and nothing on stdout", args, code, out, exitFailure)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "zorgcheck q") {
			t.Errorf("%q: stderr %q; want one line", args, errOut)
		}
	}
	for _, typo := range []string{"typo.db", "typo2.db", "typo3.db"} {
		if _, err := os.Stat(filepath.Join(dir, typo)); err == nil {
			t.Errorf("%s was created", typo)
		}
	}
	for _, args := range [][]string{{"q", "-h"}, {"q", "plan", "-h"}, {"q", "close", "-h"}} {
		code, out, errOut := runTool(t, args...)
		if code != exitOK || errOut != "" || !strings.HasPrefix(out, "usage: zorgcheck "+strings.Join(args[:len(args)-1], " ")) || !strings.Contains(out, exitTable) {
			t.Errorf("%q: exit %d, stderr %q, stdout %q", args, code, errOut, out)
		}
	}
}

// q validate -db: with the ledger, a credit that names a debit never delivered is
// reported and one that names a debit of an earlier delivery is not; without the ledger
// neither is (a debit outside the file may have been delivered earlier).
func TestQValidateWithLedger(t *testing.T) {
	dir := t.TempDir()
	jan := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	first := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "0001", Referentienummer: 1,
		DagtekeningAanmaak: jan(8), Begin: jan(1), Eind: jan(7)},
		Records: []ledger.Record{{Identificatie: "D1", Risicodrager: "7119", Verwerkingsdatum: jan(3),
			DebetCredit: ledger.Debet, Declaratiebedrag: 12550, VergoedBasis: 12550}}}
	credit := func(ref int64, debit string) string {
		d := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "0001", Referentienummer: ref,
			DagtekeningAanmaak: jan(15), Begin: jan(8), Eind: jan(14)},
			Records: []ledger.Record{{Identificatie: "C" + debit, GerelateerdDebet: debit, Risicodrager: "7119", Verwerkingsdatum: jan(9),
				DebetCredit: ledger.Credit, Declaratiebedrag: -12550, VergoedBasis: -12550}}}
		p := filepath.Join(dir, fmt.Sprintf("ref%d.asc", ref))
		if err := os.WriteFile(p, qtest.MustQVE301(d), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p1 := filepath.Join(dir, "ref1.asc")
	if err := os.WriteFile(p1, qtest.MustQVE301(first), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "warehouse.db")
	if code, _, errOut := runTool(t, "q", "apply", "-db", db, p1); code != exitOK {
		t.Fatalf("q apply: exit %d: %s", code, errOut)
	}
	const never = "names no debit of this file nor of an earlier delivery"
	known, unknown := credit(2, "D1"), credit(3, "D9")
	for _, tc := range []struct {
		file   string
		withDB bool
		want   bool
	}{{known, true, false}, {unknown, true, true}, {unknown, false, false}} {
		args := []string{"q", "validate", "-today", "2016-02-01"}
		if tc.withDB {
			args = append(args, "-db", db)
		}
		code, out, errOut := runTool(t, append(args, tc.file)...)
		if code == exitFailure {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if got := strings.Contains(out, never); got != tc.want {
			t.Errorf("%s with ledger %v: reported %v, want %v:\n%s", filepath.Base(tc.file), tc.withDB, got, tc.want, out)
		}
	}
}
