package eitest

import (
	"fmt"
	"io"
	"time"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

// BSN returns the i-th made-up BSN that passes the elfproef (i from 0).
func BSN(i int) record.BSN {
	for n := int64(100000000) + int64(i)*10; ; n++ {
		if s := fmt.Sprintf("%09d", n); bsn.Valid(s) {
			return record.BSN(s)
		}
	}
}

// Options say what to write. The zero value writes one verzekerde with CR/LF line breaks.
type Options struct {
	Verzekerden int  // number of insured persons (at least 1)
	LF          bool // LF line breaks instead of CR/LF
}

// WriteGZ321 writes a valid GZ321 1.0 declaration: per verzekerde a prestatie with two
// tarief records (one with a comment), a zorgactiviteit and a tijdsbesteding.
func WriteGZ321(w io.Writer, opts Options) error {
	wr := ei.NewWriter(w, gz321v10.Standard(), ei.WriterOptions{LF: opts.LF})
	period := civil.NewDate(2025, 1, 1)
	end := civil.NewDate(2025, 1, 31)
	if err := wr.Write(&gz321v10.Voorlooprecord{
		CodeExterneIntegratiebericht: 195, VersienummerBerichtstandaard: 1, SoortBericht: "T",
		UZOVINummer: 3311, Instellingscode: 73730001, IdentificatiecodeBetalingAan: 4,
		BegindatumDeclaratieperiode: period, EinddatumDeclaratieperiode: end,
		FactuurnummerDeclarant: "ZB2025-00001", DagtekeningFactuur: civil.NewDate(2025, 2, 3), Valutacode: "EUR",
	}); err != nil {
		return err
	}
	for i := range max(opts.Verzekerden, 1) {
		bsn := BSN(i)
		vnr := fmt.Sprintf("V%08d", i+1)
		ref := fmt.Sprintf("zb%07d", i+1)
		if err := writeAll(wr,
			&gz321v10.Verzekerdenrecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
				DatumGeboorteVerzekerde: civil.NewDate(1950+i%60, time.Month(1+i%12), 1+i%28), CodeGeslachtVerzekerde: int64(1 + i%2),
				NaamcodeNaamgebruik01: 1, NaamVerzekerde01: "Testpersoon", VoorlettersVerzekerde: "T",
				PostcodeVerzekerde: "1234AB", HuisnummerVerzekerde: int64(1 + i%200), IndicatieClientOverleden: 2,
			},
			&gz321v10.Prestatierecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
				DoorsturenToegestaan: 1, AanduidingPrestatiecodelijst: 50, PrestatiecodeDBCDeclaratiecode: "26A012",
				DBCPrestatiecode: "101001000041", BegindatumPrestatie: period, EinddatumPrestatie: end,
				PrestatievolgnummerAlgemeen: 1, Zorgtrajectnummer: "traject" + ref,
				Zorgverlenerscode1eHoofdbehandelaar: 94001234, Beroep1eHoofdbehandelaar: 9954, CodeVerwijzer: 1,
				ZorgverlenerscodeVoorschrijverVerwijzer: 1004321, Afsluitreden: 4,
				TijdseenheidZorgactiviteit: 4, AantalTijdseenhedenZorgactiviteit: 20, TijdseenheidTijdsbesteding: 1,
				AantalTijdseenhedenTotaal: 150, AantalTijdseenhedenDirect: 120, AantalTijdseenhedenIndirect: 30,
				CodeHerdeclaratie: 1, IndicatieDebetCredit: "D", ReferentienummerDitPrestatierecord: ref,
			},
			tarief(bsn, vnr, ref, 1, period, end, "125.40"),
			&gz321v10.Commentaarrecord{RegelnummerVrijeTekst: 1, VrijeTekst: "Synthetisch testbestand van zorgbericht"},
			tarief(bsn, vnr, ref, 2, period, end, "35.00"),
			&gz321v10.Zorgactiviteitrecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
				AanduidingPrestatiecodelijst: 50, PrestatiecodeDBCDeclaratiecode: "26A012", BegindatumPrestatie: period,
				PrestatievolgnummerAlgemeen: 1, Activiteitcode: "act_9.1", BegindatumZorgactiviteit: civil.NewDate(2025, 1, 6),
				EinddatumZorgactiviteit: civil.NewDate(2025, 1, 20), TijdseenheidZorgactiviteit: 4,
				AantalTijdseenhedenZorgactiviteit: 20, IndicatieDebetCredit: "D", ReferentienummerDitZorgactiviteitrecord: ref + "_za1",
			},
			&gz321v10.Tijdsbestedingrecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
				AanduidingPrestatiecodelijst01: 50, PrestatiecodeDBCDeclaratiecode: "26A012", BegindatumPrestatie: period,
				PrestatievolgnummerAlgemeen: 1, SoortBehandelaar: 1, ZorgverlenerscodeHoofdbehandelaar: 94001234,
				BegindatumTijdsbesteding: civil.NewDate(2025, 1, 6), EinddatumTijdsbesteding: end,
				TijdseenheidTijdsbesteding: 1, AantalTijdseenhedenDirect: 120, AantalTijdseenhedenIndirect: 30,
				IndicatieDebetCredit: "D", ReferentienummerDitTijdsbestedingrecord: ref + "_tb1",
			},
		); err != nil {
			return err
		}
	}
	return wr.Close()
}

func tarief(bsn record.BSN, vnr, ref string, n int, begin, end record.Date, euros string) *gz321v10.Tariefrecord {
	amount := mustMoney(euros)
	return &gz321v10.Tariefrecord{
		BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
		AanduidingPrestatiecodelijst01: 50, PrestatiecodeDBCDeclaratiecode: "26A012", BegindatumPrestatie: begin,
		PrestatievolgnummerAlgemeen: 1, SoortPrestatieTarief: 10, DeclaratiecodeDeelprestatie: "26A012",
		Poortspecialisme: 329, ZorgverlenerscodeBehandelaarUitvoerder: 94001234, BegindatumDeelprestatie: begin,
		EinddatumDeelprestatie: end, AantalUitgevoerdePrestaties: 1, TariefPrestatie: amount, BerekendBedrag: amount,
		IndicatieDebetCredit01: "D", IndicatieDebetCredit02: "D", Declaratiebedrag: amount, IndicatieDebetCredit03: "D",
		ReferentienummerDitTariefrecord: fmt.Sprintf("%s_tar%d", ref, n),
	}
}

// WriteMZ301 writes a valid MZ301 1.3 declaration: per verzekerde two prestaties, the
// second with a comment.
func WriteMZ301(w io.Writer, opts Options) error {
	wr := ei.NewWriter(w, mz301v13.Standard(), ei.WriterOptions{LF: opts.LF})
	if err := wr.Write(&mz301v13.Voorlooprecord{
		CodeExterneIntegratiebericht: 176, VersienummerBerichtstandaard: 1, SubversienummerBerichtstandaard: 3,
		SoortBericht: "T", UZOVINummer: 3311, Zorgverlenerscode: 12001234, Praktijkcode: 12000567,
		IdentificatiecodeBetalingAan: 3, BegindatumDeclaratieperiode: civil.NewDate(2025, 3, 1),
		EinddatumDeclaratieperiode: civil.NewDate(2025, 3, 31), FactuurnummerDeclarant: "MZ2025-0042",
		DagtekeningFactuur: civil.NewDate(2025, 4, 1), Valutacode: "EUR",
	}); err != nil {
		return err
	}
	for i := range max(opts.Verzekerden, 1) {
		bsn := BSN(i)
		vnr := fmt.Sprintf("V%08d", i+1)
		prest := func(n int, code string, euros string) *mz301v13.Prestatierecord {
			a := mustMoney(euros)
			return &mz301v13.Prestatierecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr, DoorsturenToegestaan: 1,
				DatumPrestatie: civil.NewDate(2025, 3, 3+n), IndicatieSoortPrestatierecord: 1,
				IndicatieBijzondereTandheelkunde: "N", AanduidingPrestatiecodelijst: 10, Prestatiecode: code,
				ZorgverlenerscodeBehandelaarUitvoerder: 12001234, TariefPrestatie: a, AantalUitgevoerdePrestaties: 1,
				BerekendBedrag: a, IndicatieDebetCredit01: "D", Declaratiebedrag: a, IndicatieDebetCredit02: "D",
				ReferentienummerDitPrestatierecord: fmt.Sprintf("mz%06d-%d", i+1, n),
			}
		}
		if err := writeAll(wr,
			&mz301v13.Verzekerdenrecord{
				BurgerservicenummerVerzekerde: bsn, UZOVINummer: 3311, Verzekerdennummer: vnr,
				DatumGeboorteVerzekerde: civil.NewDate(1960+i%40, time.Month(1+i%12), 1+i%28), CodeGeslachtVerzekerde: int64(1 + i%2),
				NaamcodeNaamgebruik01: 1, NaamVerzekerde01: "Testpersoon", VoorlettersVerzekerde: "M",
				PostcodeVerzekerde: "3511AB", HuisnummerVerzekerde: int64(10 + i%90), IndicatieClientOverleden: 2,
			},
			prest(1, "C11", "23.67"),
			prest(2, "M03", "28.40"),
			&mz301v13.Commentaarrecord{RegelnummerVrijeTekst: 1, VrijeTekst: "Synthetisch testbestand van zorgbericht"},
		); err != nil {
			return err
		}
	}
	return wr.Close()
}

func writeAll(w *ei.Writer, recs ...record.Record) error {
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return nil
}

func mustMoney(euros string) record.Money {
	m, err := money.Parse(euros)
	if err != nil {
		panic(err) // test data written in this file
	}
	return m
}
