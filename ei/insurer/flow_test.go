package insurer_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/insurer"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

// The whole flow of the README: a vendor builds a VE303 declaration, the insurer checks it
// and answers, the vendor reads the answer. The insurer knows the second patient with
// another date of birth (8004): that patient's ride is rejected, the first is paid.
func TestFlow(t *testing.T) {
	ctx := context.Background()
	rit := ve303.Rit{Datum: d(2025, 3, 3), Codelijst: 38, Prestatiecode: "000001", Eenheid: 1, Aantal: 1, Tarief: money.Cents(42000)}
	data, err := ve303.Build(ctx, ve303.Declaratie{
		Provider:      ve303.Provider{Scenario: ve303.Scenario{Flow: ve303.ZAtoZV, Setting: ve303.Vervoer}, UZOVI: 736, Zorgverlener: "36001234"},
		Factuurnummer: "ZB2025-0100", Dagtekening: d(2025, 4, 1),
		Patients: []ve303.Patient{
			{BSN: "123456782", Geboortedatum: d(1954, 12, 10), Geslacht: 1, Naam: ve303.Name{Achternaam: "Testpersoon", Voorletters: "A"},
				Postcode: "3511AB", Huisnummer: 1, Ritten: []ve303.Rit{rit}},
			{BSN: "100197243", Geboortedatum: d(1932, 3, 22), Geslacht: 2, Naam: ve303.Name{Achternaam: "Testpersoon", Voorletters: "B"},
				Postcode: "3511AB", Huisnummer: 2, Ritten: []ve303.Rit{rit}},
		},
	}, ve303.Options{Today: d(2025, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	// The insurer.
	out, _, err := insurer.Assess(ctx, data, insurer.Config{Received: d(2025, 4, 2), Source: source(d(2000, 1, 1))}, nil, validate.Options{Registry: standards.Registry(), Today: d(2025, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	reg := standards.Registry()
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	var answer bytes.Buffer
	if _, err := retour.Write(&answer, decl, out, retour.Options{Registry: standards.Registry(), Role: retour.Insurer, Dagtekening: d(2025, 4, 10), Referentie: "ZV-0001"}); err != nil {
		t.Fatal(err)
	}
	// The vendor.
	ret, err := ei.ReadFile(&answer, ei.ReaderOptions{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	res, err := retour.Read(ret, decl)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != retour.Partly || res.Toegekend != money.Cents(42000) || len(res.Prestaties) != 2 {
		t.Fatalf("result %+v", res)
	}
	if p := res.Prestaties[0]; p.Status != retour.Accepted || p.Returned {
		t.Errorf("first ride: %+v", p)
	}
	if p := res.Prestaties[1]; p.Status != retour.Rejected || len(p.Codes) != 2 || p.Codes[1].Code != "8004" {
		t.Errorf("second ride: %+v", p)
	}
}
