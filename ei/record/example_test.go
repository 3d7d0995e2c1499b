package record_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
)

func ExampleLayout() {
	l := gz321v10.Standard().Layout("02")
	for _, f := range l.Fields()[:4] {
		fmt.Printf("%s %-40s %3d-%-3d %s%d %s\n", f.Number, f.Name, f.Start, f.End, f.Type, f.Length, f.Obligation)
	}
	// Output:
	// 0201 KENMERK RECORD                             1-2   N2 M
	// 0202 IDENTIFICATIE DETAILRECORD                 3-14  N12 M
	// 0203 BURGERSERVICENUMMER (BSN) VERZEKERDE      15-23  N9 M
	// 0204 UZOVI-NUMMER                              24-27  N4 M
}

func ExampleDate() {
	var empty record.Date
	d := civil.NewDate(2024, 2, 29)
	fmt.Println(empty.IsZero(), d, d.Valid(), civil.NewDate(2023, 2, 29).Valid())
	// Output: true 2024-02-29 true false
}
