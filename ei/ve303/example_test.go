package ve303_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

func ExampleBuild() {
	d := ve303.Declaratie{
		// 1C: an ambulance service declares to the insurer itself.
		Provider:      ve303.Provider{Scenario: ve303.Scenario{Flow: ve303.ZAtoZV, Setting: ve303.Vervoer}, UZOVI: 736, Zorgverlener: "36001234"},
		Factuurnummer: "ZB2025-0001",
		Dagtekening:   civil.NewDate(2025, 4, 1),
		Patients: []ve303.Patient{{
			BSN: "", Verzekerdennummer: "ZB000001", // no BSN: the dummy 999999999 is written
			Geboortedatum: civil.NewDate(1954, 12, 10), Geslacht: 1,
			Naam: ve303.Name{Achternaam: "Testpersoon", Voorletters: "T"}, Postcode: "3511AB", Huisnummer: 10,
			Ritten: []ve303.Rit{{Datum: civil.NewDate(2025, 3, 3), Codelijst: 38, Prestatiecode: "000001",
				Eenheid: 1, Aantal: 1, Tarief: money.Cents(50000)}},
		}},
	}
	data, err := ve303.Build(context.Background(), d, ve303.Options{Today: civil.NewDate(2025, 6, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\r\n") {
		fmt.Println(line[:30])
	}
	// Output:
	// 011170402T000000          0736
	// 020000000000019999999990736ZB0
	// 040000000000029999999990736ZB0
	// 990000010000000000010000000000
}
