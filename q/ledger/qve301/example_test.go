package qve301_test

import (
	"bytes"
	"fmt"

	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

func ExampleRead() {
	file := qtest.MustQVE301(delivery()) // a synthetic QVE301 file of two prestatierecords
	d, err := qve301.Read(bytes.NewReader(file), "t.asc")
	if err != nil {
		fmt.Println(err)
		return
	}
	h := d.Header
	fmt.Println(h.Indiener, h.BronID, h.Referentienummer, h.Period())
	for _, r := range d.Records {
		fmt.Printf("%s %s %s %s %s euro %q\n", r.Identificatie, r.Risicodrager, r.Verwerkingsdatum, r.DebetCredit, r.Declaratiebedrag, r.GerelateerdDebet)
	}
	// Output:
	// 9964 0001 3 2016-01-05 t/m 2016-01-09
	// 9 7119 2016-01-05 D 125.50 euro ""
	// 11 0104 2016-01-09 C -125.50 euro "7"
}
