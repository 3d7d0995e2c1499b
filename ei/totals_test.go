package ei_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

// seedTotals reads the seed 002 example declaration, gives every record to add with a
// Totals of its standard, and checks what the 99 counts: 2 verzekerden, 3 prestaties,
// 1 comment, 6 detail records, € 660.00 declared.
func seedTotals(t *testing.T, add func(tot *ei.Totals, e ei.Entry, text string)) (*ei.Totals, *record.Standard) {
	t.Helper()
	data, err := os.ReadFile("retour/testdata/decl/MZ301-base.txt")
	if err != nil {
		t.Fatal(err)
	}
	std := mz301v13.Standard()
	tot := ei.NewTotals(std)
	rd := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Standard: std})
	for e, err := range rd.All() {
		if err != nil {
			t.Fatal(err)
		}
		add(tot, e, rd.Text())
	}
	if tot.Count("02") != 2 || tot.Count("04") != 3 || tot.Count("98") != 1 || tot.Details() != 6 || tot.Declared() != 66000 {
		t.Fatalf("got 02 %d, 04 %d, 98 %d, details %d, declared %d", tot.Count("02"), tot.Count("04"), tot.Count("98"), tot.Details(), tot.Declared())
	}
	return tot, std
}

// TestTotals adds up records as the 99 of the seed 002 example declaration counts them:
// 2 verzekerden, 3 prestaties, 1 comment, 6 detail records, € 660.00 declared, and a
// credit prestatie (D/C field C) subtracts.
func TestTotals(t *testing.T) {
	var prestatie []byte
	tot, std := seedTotals(t, func(tot *ei.Totals, e ei.Entry, text string) {
		tot.Add(e.Record.Layout(), []byte(text))
		if e.Code() == record.CodePrestatie {
			prestatie = []byte(text)
		}
	})
	l := std.Layout(record.CodePrestatie)
	amount := l.RoleIndex(record.RoleDeclared)
	v, err := record.SignedAt(prestatie, l, amount)
	if err != nil {
		t.Fatal(err)
	}
	if err := record.PutSignedAt(prestatie, l, amount, -v); err != nil {
		t.Fatal(err)
	}
	tot.Add(l, prestatie)
	if want := int64(66000 - v); tot.Declared() != want {
		t.Errorf("after a credit prestatie of %d: declared %d, want %d", v, tot.Declared(), want)
	}
	sluit := std.Layout(record.CodeSluit)
	for i := 0; i < sluit.NumFields(); i++ {
		f := sluit.FieldIndex(i)
		if f.Role == record.RoleTotalDeclared {
			if got, ok := tot.Want(&f); !ok || got != tot.Declared() {
				t.Errorf("Want(%s) = %d, %v", f.Number, got, ok)
			}
		}
	}
}

// TestTotalsString: a record added as a string counts as the same record added as bytes;
// a record counted without its amounts (AddCount, a record of the wrong length) counts as
// a record of its type and a detail record but adds no amount; the 01 and 99 are not
// counted either way. The seed 002 example declaration: 2 verzekerden, 3 prestaties,
// 1 comment, 6 detail records, € 660.00 declared.
func TestTotalsString(t *testing.T) {
	tot, std := seedTotals(t, func(tot *ei.Totals, e ei.Entry, text string) {
		tot.AddString(e.Record.Layout(), text)
	})
	for _, code := range []string{"04", "01", "99", "X1"} {
		tot.AddCount(code)
	}
	if tot.Count("04") != 4 || tot.Count("X1") != 1 || tot.Count("01") != 0 || tot.Count("99") != 0 || tot.Details() != 8 || tot.Declared() != 66000 {
		t.Errorf("after AddCount: 04 %d, X1 %d, 01 %d, 99 %d, details %d, declared %d",
			tot.Count("04"), tot.Count("X1"), tot.Count("01"), tot.Count("99"), tot.Details(), tot.Declared())
	}
	l := std.Layout(record.CodeSluit)
	for i := 0; i < l.NumFields(); i++ {
		f := l.FieldIndex(i)
		if f.Role == record.RoleCount && f.Counts == "04" {
			if got, ok := tot.Want(&f); !ok || got != 4 {
				t.Errorf("Want(%s) = %d, %v; want 4", f.Number, got, ok)
			}
		}
	}
}
