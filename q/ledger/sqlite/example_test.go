package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/sqlite"
)

// Open creates the ledger file when it is missing; Apply records a delivery in it.
func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "ledger")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	l, err := sqlite.Open(ctx, filepath.Join(dir, "warehouse.db"), ledger.OpenOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()

	day := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	d := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "DV1", Referentienummer: 1,
		DagtekeningAanmaak: day(8), Begin: day(1), Eind: day(2)}}
	for _, n := range []int{1, 2} {
		d.Records = append(d.Records, ledger.Record{Identificatie: fmt.Sprint("1-", n), Risicodrager: "7119",
			Verwerkingsdatum: day(n), DebetCredit: ledger.Debet, Declaratiebedrag: 12550})
	}
	plan, err := l.Apply(ctx, d, ledger.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("added %d records, closed %d\n", plan.Added(), len(plan.Closes))
	// Output: added 2 records, closed 0
}
