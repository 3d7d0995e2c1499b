//go:build integration

package qve301_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
	"github.com/zorgbericht/zorgbericht/q/ledger/sqlite"
)

// History gives the Q rules what the ledger knows of the debits a file's credits name,
// the active version first.
func TestHistory(t *testing.T) {
	ctx := context.Background()
	l := openLedger(t)
	first := delivery()
	if _, err := l.Apply(ctx, first, ledger.Options{}); err != nil {
		t.Fatal(err)
	}
	// A re-delivery of the period with debit 9 again: the first 9 is closed, this one active.
	again := delivery()
	again.Header.Referentienummer, again.Header.DagtekeningAanmaak = 4, again.Header.DagtekeningAanmaak.AddDays(1)
	again.Records = again.Records[:1]
	again.Records[0].Verwerkingsdatum = ledger.MakeDate(2016, time.January, 6)
	if _, err := l.Apply(ctx, again, ledger.Options{}); err != nil {
		t.Fatal(err)
	}
	// The next file credits 9.
	next := delivery()
	next.Header.Referentienummer, next.Header.DagtekeningAanmaak = 5, next.Header.DagtekeningAanmaak.AddDays(2)
	next.Records = next.Records[1:]
	next.Records[0].Identificatie, next.Records[0].GerelateerdDebet = "12", "9"
	h, err := qve301.History(ctx, l, next)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := h.Lookup("9964", "0001", "9"); !ok || d.Credit || !d.Active || d.Verwerkingsdatum.Day != 6 {
		t.Errorf("9: %+v %v, want the active debit of 6 January", d, ok)
	}
	if d, ok := h.Lookup("9964", "0001", "11"); ok {
		t.Errorf("11 is not named by the next file, so not loaded: %+v", d)
	}
	if _, ok := h.Lookup("9964", "0002", "9"); ok {
		t.Error("another bron-id")
	}
}

// History reads the ledger's records only where they can answer a rule: a file of debits
// asks only after the active records outside its period (those inside it it closes).
func TestHistoryOutsidePeriod(t *testing.T) {
	ctx := context.Background()
	l := openLedger(t)
	first := delivery()
	first.Records = first.Records[:1] // debit 9 of 5 January, active after
	if _, err := l.Apply(ctx, first, ledger.Options{}); err != nil {
		t.Fatal(err)
	}
	// A re-delivery of the same period: 9 is closed by it, so not asked after.
	again := delivery()
	again.Header.Referentienummer, again.Header.DagtekeningAanmaak = 4, again.Header.DagtekeningAanmaak.AddDays(1)
	again.Records = again.Records[:1]
	h, err := qve301.History(ctx, l, again)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := h.Lookup("9964", "0001", "9"); ok {
		t.Errorf("9 in a re-delivery of its period: %+v, want not loaded", d)
	}
	// A file of February delivers 9 again: the January record stays active beside it.
	feb := delivery()
	feb.Header.Referentienummer, feb.Header.DagtekeningAanmaak = 4, ledger.MakeDate(2016, time.February, 18)
	feb.Header.Begin, feb.Header.Eind = ledger.MakeDate(2016, time.February, 1), ledger.MakeDate(2016, time.February, 29)
	feb.Records = feb.Records[:1]
	feb.Records[0].Verwerkingsdatum = ledger.MakeDate(2016, time.February, 3)
	if h, err = qve301.History(ctx, l, feb); err != nil {
		t.Fatal(err)
	}
	if d, ok := h.Lookup("9964", "0001", "9"); !ok || d.Credit || !d.Active || d.Verwerkingsdatum.Day != 5 {
		t.Errorf("9 delivered again in February: %+v %v, want the active debit of 5 January", d, ok)
	}
}

// openLedger opens a new SQLite ledger in the test's directory, closed after the test.
func openLedger(t *testing.T) *ledger.Ledger {
	t.Helper()
	l, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), ledger.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}
