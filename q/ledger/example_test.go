package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/sqlite"
)

func day(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }

// week delivers one record per day of January from..to.
func week(ref int64, aanmaak ledger.Date, from, to int) *ledger.Delivery {
	dl := &ledger.Delivery{Header: ledger.Header{Indiener: "7119", BronID: "DV1", Referentienummer: ref,
		DagtekeningAanmaak: aanmaak, Begin: day(from), Eind: day(to)}}
	for n := from; n <= to; n++ {
		dl.Records = append(dl.Records, ledger.Record{Identificatie: fmt.Sprintf("%d-%d", ref, n),
			Risicodrager: "7119", Verwerkingsdatum: day(n), DebetCredit: ledger.Debet, Declaratiebedrag: 12550})
	}
	return dl
}

// A re-delivery of 5 t/m 9 January closes what files 1 and 2 delivered for those days
// (seed 003, table 2-8).
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "ledger")
	defer os.RemoveAll(dir)
	l, err := sqlite.Open(ctx, filepath.Join(dir, "warehouse.db"), ledger.OpenOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()

	l.Apply(ctx, week(1, day(8), 1, 7), ledger.Options{})
	l.Apply(ctx, week(2, day(15), 8, 14), ledger.Options{})

	plan, _ := l.Plan(ctx, week(3, day(18), 5, 9), ledger.Options{})
	for _, g := range plan.Closes {
		fmt.Printf("closes %d records of referentienummer %d (%s t/m %s)\n", g.Count, g.Referentienummer, g.From, g.To)
	}
	fmt.Printf("adds %d records\n", plan.Added())

	// The same file on the same day again is refused.
	l.Apply(ctx, week(3, day(18), 5, 9), ledger.Options{})
	_, err = l.Apply(ctx, week(4, day(18), 5, 9), ledger.Options{})
	fmt.Println(errors.Is(err, ledger.ErrRefused))
	// Output:
	// closes 3 records of referentienummer 1 (2016-01-05 t/m 2016-01-07)
	// closes 2 records of referentienummer 2 (2016-01-08 t/m 2016-01-09)
	// adds 5 records
	// true
}
