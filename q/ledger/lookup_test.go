//go:build integration

package ledger

import (
	"context"
	"fmt"
	"testing"
)

// TestLookup: table 2-12 across files. File 1 delivers debits 1–7; file 2 (a re-delivery
// of the same period) delivers 3 again as a debit, credit 11 for debit 7 and debit 8.
func TestLookup(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		f1 := file("7119", "0001", 1, "20160206", "20160101", "20160131", []string{"7119"})
		for i := 1; i <= 7; i++ {
			f1.Records = append(f1.Records, Record{Identificatie: fmt.Sprint(i), Risicodrager: "7119", Verwerkingsdatum: d("20160110"), DebetCredit: Debet, Declaratiebedrag: 100})
		}
		f2 := file("7119", "0001", 2, "20160219", "20160101", "20160131", []string{"7119"})
		f2.Records = []Record{
			{Identificatie: "3", Risicodrager: "7119", Verwerkingsdatum: d("20160110"), DebetCredit: Debet, Declaratiebedrag: 100},
			{Identificatie: "11", GerelateerdDebet: "7", Risicodrager: "7119", Verwerkingsdatum: d("20160111"), DebetCredit: Credit, Declaratiebedrag: -100},
			{Identificatie: "8", Risicodrager: "7119", Verwerkingsdatum: d("20160111"), DebetCredit: Debet, Declaratiebedrag: 100},
		}
		mustApply(t, l, f1)
		mustApply(t, l, f2)
		got, err := l.Lookup(context.Background(), "7119", "0001", []string{"3", "7", "11", "99", "3"})
		if err != nil {
			t.Fatal(err)
		}
		show := func(id string) string {
			var s []string
			for _, st := range got[id] {
				s = append(s, fmt.Sprintf("ref %d %s closed by %d", st.Referentienummer, st.Record.DebetCredit, st.ClosedBy))
			}
			return fmt.Sprint(s)
		}
		want := map[string]string{
			"3":  "[ref 1 D closed by 2 ref 2 D closed by 0]",
			"7":  "[ref 1 D closed by 2]",
			"11": "[ref 2 C closed by 0]",
			"99": "[]",
		}
		for id, w := range want {
			if g := show(id); g != w {
				t.Errorf("%s: %s, want %s", id, g, w)
			}
		}
		if len(got) != 3 {
			t.Errorf("%d ids found, want 3", len(got))
		}
		// Another bron-id knows none of them.
		if other, err := l.Lookup(context.Background(), "7119", "0002", []string{"3"}); err != nil || len(other) != 0 {
			t.Errorf("bron 0002: %v %v", other, err)
		}
	})
}
