package q_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// Build a QVE301 delivery with the EI writer and check it with the Q rules. The second
// prestatie is a claim of the verzekerde (identificatiecode indiener 05) that still names
// an AGB-code, which invulinstructie 2.3.13 does not allow.
func ExampleRuleSet() {
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, qve301v10.Standard(), ei.WriterOptions{})
	w.Write(&qve301v10.Voorlooprecord{SoortBericht: "T", UZOVINummerIndiener: 9664,
		DagtekeningAanmaak:                          record.Date{Year: 2016, Month: 2, Day: 6},
		BegindatumVerwerkingsperiodeZorgverzekeraar: record.Date{Year: 2016, Month: 1, Day: 1},
		EinddatumVerwerkingsperiodeZorgverzekeraar:  record.Date{Year: 2016, Month: 1, Day: 31},
		ReferentienummerDitSchadebestand:            1, BronIDDeclaratieverwerkingssysteem: 1})
	prestatie := func(id string, indiener int64) *qve301v10.Prestatierecord {
		return &qve301v10.Prestatierecord{BurgerservicenummerVerzekerde: "999999999", Verzekerdennummer: "VZ0001",
			UZOVINummerRisicodrager: 7119, IdentificatiecodeIndiener: indiener, AGBCodeIndiener: 23012345,
			CodeBestemmingVervoer: 600, AanduidingPrestatiecodelijst: 38, Prestatiecode: 100001,
			ZorgverlenerscodeVervoerder: 23012345, DatumPrestatie: record.Date{Year: 2016, Month: 1, Day: 5},
			EenheidRitPrestatie: 4, AantalEenheden: 1, SoortDeclaratie: 1,
			Declaratiebedrag: money.Cents(45000), IndicatieDebetCredit01: "D",
			VergoedBedragBasisverzekering: money.Cents(45000), IndicatieDebetCredit02: "D",
			IndicatieDebetCredit03: "D", IndicatieDebetCredit04: "D", IndicatieBedragEigenRisicoBekend: 1,
			VerwerkingsdatumZorgverzekeraar: record.Date{Year: 2016, Month: 1, Day: 8},
			IdentificatiePrestatierecord:    id}
	}
	w.Write(prestatie("P1", 4))
	w.Write(prestatie("P2", 5))
	w.Write(&qve301v10.Sluitrecord{TotaalVergoedBedragBasisverzekering: money.Cents(90000),
		IndicatieDebetCredit02: "D", IndicatieDebetCredit03: "D", IndicatieDebetCredit04: "D"})
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}

	rep, err := validate.File(context.Background(), &buf, validate.Options{
		Registry: q.Registry(),
		RuleSets: []*validate.RuleSet{q.RuleSet(q.RuleOptions{})},
		Today:    record.Date{Year: 2016, Month: 3, Day: 1},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		fmt.Println(f.Error(), f.Retourcode)
	}
	// Output:
	// line 3: N5 0408 AGB-CODE INDIENER: AGB-code indiener must be zeros when the verzekerde submitted the claim (identificatiecode indiener 05), invulinstructie 2.3.13 8437
}

// Q layouts are reconstructions: the writer refuses a production file unless asked.
func ExampleStandards() {
	for _, s := range q.Standards() {
		fmt.Println(s.ID(), s.EICodes(), s.Status())
	}
	w := ei.NewWriter(new(bytes.Buffer), qve301v10.Standard(), ei.WriterOptions{})
	err := w.Write(&qve301v10.Voorlooprecord{SoortBericht: "P"})
	fmt.Println(errors.Is(err, ei.ErrReconstructed))
	// Output:
	// QVE301@1.0 [542] reconstructed
	// QVE302@1.0 [543] reconstructed
	// true
}
