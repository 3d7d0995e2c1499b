package vsb

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	ef "github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	seg "github.com/zorgbericht/zorgbericht/vsb/efact/segments/seg920000v20"
)

// Encode writes a Zending as one 920000 message: segment 200, segment 300, the records
// 10 … 90 and per destination mutualiteit a 95, then the 96, concatenated without line
// breaks. The records are the generated types of package vsb/efact, appended by the
// shared core's Appender (record.NewAppender), which formats each in place, numbers it
// (zone 2, from 000001) and computes its check number (zone 99), as the core's Writer
// does; Encode computes the invoice control number (R80 Z98) and the sending control number (R90 Z98, 95 zone 410, 96 zone 510), and the
// amount totals of 80, 90, 95 and 96. Every N zone the Zending leaves empty is zeros,
// every AN zone spaces.
//
// The message is formatted in memory and written with one Write: on an error nothing is
// written. A *bytes.Buffer is formatted into directly (its free room, grown first).
func Encode(w io.Writer, z *Zending) error {
	if buf, ok := w.(*bytes.Buffer); ok {
		// 8 positions beyond the message: AppendTo writes whole words (record.Grow).
		buf.Grow(messageSize(z) + 8)
		out, err := encode(buf.AvailableBuffer(), z)
		if err != nil {
			return err
		}
		buf.Write(out) // its own free room: no new allocation
		return nil
	}
	out, err := encode(make([]byte, 0, messageSize(z)+8), z)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// messageSize is the length of the message Encode writes for z.
func messageSize(z *Zending) int {
	n := 2 // 10 and 90
	muts := 0
	for i := range z.Facturen {
		fa := &z.Facturen[i]
		n += 2 + len(fa.Prestaties)
		for j := range fa.Prestaties {
			if fa.Prestaties[j].Tussenkomst != nil {
				n++
			}
			if fa.Prestaties[j].EID != nil {
				n++
			}
		}
		if i == 0 || fa.Destination != z.Facturen[i-1].Destination {
			muts++ // an upper bound of the 95 records: enough to size the buffer
		}
	}
	return segmentsLength + (n+muts+1)*RecordLength
}

// segmentsLength is the length of segments 200 and 300 of a 920000.
const segmentsLength = 67 + 160

// Control numbers: the sum of the nomenclature codes (zone 4) of the 50 records, modulo
// 97 with 0 → 97. Codes of 51 and 52 are not counted (inference: the notes speak of the
// nomenclature codes of the invoice's service lines). Encode sums them as it writes the
// 50 records.

// Build turns a Zending into its records (see Encode) without writing them: the
// message Encode writes, decoded.
func Build(z *Zending) (*File, error) {
	var buf bytes.Buffer
	if err := Encode(&buf, z); err != nil {
		return nil, err
	}
	return Decode(buf.Bytes())
}

// number is the value of a string of digits the model holds for an N zone (a mutualiteit,
// an INSZ, a provider number): "" is 0. what names the model's field in an error, which
// never holds the value (an INSZ is personal data).
func number(what, v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, bad := record.ParseDigits(v)
	if bad >= 0 {
		return 0, fmt.Errorf("%w: %s: %w at character %d", ErrInvalid, what, record.ErrNotDigit, bad+1)
	}
	if len(strings.TrimLeft(v, "0")) > record.MaxIntDigits {
		return 0, fmt.Errorf("%w: %s: %w", ErrInvalid, what, record.ErrTooLong)
	}
	return n, nil
}

// text checks a value for an AN zone: printable ASCII only (the format removes
// diacritics before writing; the core would write Latin-1).
func text(what, v string) (string, error) {
	for i := 0; i < len(v); i++ {
		if v[i] < ' ' || v[i] > '~' {
			return "", fmt.Errorf("%w: %s: the character at %d is not printable ASCII", ErrInvalid, what, i+1)
		}
	}
	return v, nil
}

// modelErr keeps the first error of converting the model's values.
type modelErr struct{ err error }

func (m *modelErr) num(what, v string) int64 {
	n, err := number(what, v)
	if err != nil && m.err == nil {
		m.err = err
	}
	return n
}

func (m *modelErr) text(what, v string) string {
	s, err := text(what, v)
	if err != nil && m.err == nil {
		m.err = err
	}
	return s
}

// at is the first error of converting the values of prestatie pi of invoice fi, saying
// which; nil when there is none.
func (m *modelErr) at(fi, pi int) error {
	if m.err == nil {
		return nil
	}
	return fmt.Errorf("invoice %d, prestatie %d: %w", fi+1, pi+1, m.err)
}

// sign splits an amount into the sign zone and the unsigned amount of records 95 and 96.
func sign(m Money) (string, Money) {
	if m < 0 {
		return "-", -m
	}
	return "+", m
}

// asked is what records 95 and 96 ask of accounts A, B and A+B, each as a sign zone and
// an unsigned amount.
type asked struct {
	signA, signB, signAB string
	a, b, ab             Money
}

func askedOf(a, b Money) asked {
	var x asked
	x.signA, x.a = sign(a)
	x.signB, x.b = sign(b)
	x.signAB, x.ab = sign(a + b)
	return x
}

// mutTotal is what the 95 of one destination mutualiteit sums.
type mutTotal struct {
	mut     string
	a, b    Money
	records int
	codes   int
}

// encode appends the message to out with the core's Appender, which formats each record
// in place, numbers it and computes its check number.
func encode(out []byte, z *Zending) ([]byte, error) {
	w := record.NewAppender(out, Format(), "")
	if err := encodeRecords(w, z); err != nil {
		return nil, fmt.Errorf("vsb: build zending %d: %w", z.Number, err)
	}
	return w.Bytes(), nil
}

func encodeRecords(w *record.Appender, z *Zending) error {
	var m modelErr
	s2, s3, err := segments920000(z, &m)
	if err != nil {
		return err
	}
	w.AppendRaw(s2, false)
	w.AppendRaw(s3, false)

	version := version(z.Test)
	thirdParty := m.num("ThirdParty", z.ThirdParty)
	bce := m.num("BCE", z.BCE)
	reference := m.text("Reference", z.Reference)
	bic := m.text("BIC", z.BIC)
	iban := m.text("IBAN", z.IBAN)
	if m.err != nil {
		return m.err
	}
	if err := w.Append(&ef.ZendingBegin{
		NombreNumerosComptesFinanciers:     1,
		VersionFichier:                     version,
		NumeroDeLenvoi:                     int64(z.Number),
		ContenuDeLaFacturation:             int64(z.Content),
		NumeroTiersPayant:                  thirdParty,
		AnneeDeFacturation:                 int64(z.Year),
		MoisDeFacturation:                  int64(z.Month),
		DateDeCreationPartie1et2:           z.Created,
		Bce:                                bce,
		ReferenceDeLetablissement:          reference,
		BicCompteFinancierApartie123et4:    bic,
		IbanCompteFinancierApartie12345et6: iban,
	}); err != nil {
		return err
	}

	var (
		muts       []mutTotal
		totA, totB Money
		allCodes   int
		r20        ef.FactuurBegin
		r50        ef.Prestatie
		r51        ef.Tussenkomst
		r52        ef.EidLezing
		r80        ef.FactuurEinde
	)
	for fi := range z.Facturen {
		fa := &z.Facturen[fi]
		first := w.Records()
		mutualiteit := m.num("Mutualiteit", fa.Mutualiteit)
		insz := m.num("INSZ", fa.INSZ)
		establishment := m.num("Establishment", fa.Establishment)
		destination := m.num("Destination", fa.Destination)
		ref := m.text("Reference", fa.Reference)
		if m.err != nil {
			return fmt.Errorf("invoice %d: %w", fi+1, m.err)
		}
		r20 = ef.FactuurBegin{
			NumeroMutualiteDaffiliation:             mutualiteit,
			IdentificationBeneficiairePartie1et2:    insz,
			SexeBeneficiaire:                        int64(fa.Sex),
			TypeFacture:                             int64(fa.Type),
			TypeDeFacturation:                       int64(fa.Billing),
			NumeroDeLetablissementQuiFacture:        establishment,
			CausesDuTraitement:                      int64(fa.Cause),
			NumeroMutualiteDeDestination:            destination,
			NumeroDeLaFactureIndividuellePartie1et2: fa.Number,
			ReferenceDeLetablissement:               ref,
			FlagIdentificationDuBeneficiaire:        1,
			DateDeFacturation:                       fa.Date,
		}
		if err := w.Append(&r20); err != nil {
			return err
		}
		var a, b, share, supp Money
		codes := 0
		for pi := range fa.Prestaties {
			p := &fa.Prestaties[pi]
			provider := m.num("Provider", p.Provider)
			pref := m.text("Reference", p.Reference)
			if err := m.at(fi, pi); err != nil {
				return err
			}
			r50 = ef.Prestatie{
				CodeNomenclatureOuPseudoCodeNomenclature:  int64(p.Code),
				DatePremierePrestationEffectuee:           p.First,
				DateDernierePrestationEffectueePartie1et2: p.Last,
				NumeroMutualiteDaffiliation:               mutualiteit,
				IdentificationBeneficiairePartie1et2:      insz,
				SexeBeneficiaire:                          int64(fa.Sex),
				ReferenceNumeroDeCompteFinancier:          int64(p.Account),
				IdentificationDuDispensateur:              provider,
				SigneMontantInterventionDeLassurance:      p.Amount,
				SigneNombreDunites:                        int64(p.Units),
				SigneInterventionPersonnellePatient:       p.PatientShare,
				ReferenceDeLetablissement:                 pref,
				SigneMontantSupplementPartie1et2:          p.Supplement,
			}
			if err := w.Append(&r50); err != nil {
				return err
			}
			if p.Account == 1 {
				b += p.Amount
			} else {
				a += p.Amount
			}
			share += p.PatientShare
			supp += p.Supplement
			codes += p.Code
			if t := p.Tussenkomst; t != nil {
				tprovider := m.num("Tussenkomst.Provider", t.Provider)
				network := m.text("Tussenkomst.Network", t.Network)
				if err := m.at(fi, pi); err != nil {
					return err
				}
				r51 = ef.Tussenkomst{
					CodeNomenclatureOuPseudoCodeNomenclature: int64(t.Code),
					DatePrestation:                           t.Date,
					IdentificationBeneficiaire:               insz,
					IdentificationDuDispensateur:             tprovider,
					SigneMontantInterventionDeLAssurance:     t.Amount,
					DonneesDeReferenceReseau:                 network,
					DateCommunicationInformation:             t.InfoDate,
				}
				if err := w.Append(&r51); err != nil {
					return err
				}
			}
			if e := p.EID; e != nil {
				eprovider := m.num("EID.Provider", e.Provider)
				support := m.text("EID.Support", e.Support)
				readType := m.text("EID.ReadType", e.ReadType)
				if err := m.at(fi, pi); err != nil {
					return err
				}
				r52 = ef.EidLezing{
					CodeNomenclature: int64(e.Code),
					DateDePrestation: e.Date,
					DateDeLectureDocumentIdentiteElectronique:                           e.ReadDate,
					NumeroNissDuPatientSaufEnCasDeConventionInternationaleOuNouveauxNes: insz,
					TypeDeSupportDocumentIdentiteElectronique:                           support,
					TypeDeLectureDocumentIdentiteElectronique:                           readType,
					HeureDeLectureDocumentIdentiteElectronique:                          int64(e.Hour),
					NumeroInami: eprovider,
				}
				if err := w.Append(&r52); err != nil {
					return err
				}
			}
		}
		r80 = ef.FactuurEinde{
			NumeroMutualiteDaffiliation:             mutualiteit,
			IdentificationBeneficiairePartie1:       insz,
			SexeBeneficiaire:                        int64(fa.Sex),
			TypeFacture:                             int64(fa.Type),
			NumeroDeLetablissementQuiFacture:        establishment,
			SigneMontantDeCompteFinancierB:          b,
			CausesDuTraitement:                      int64(fa.Cause),
			NumeroMutualiteDeDestination:            destination,
			SigneMontantDeCompteFinancierA:          a,
			DateDeLaFacturePartie1et2:               fa.Date,
			NumeroDeLaFactureIndividuellePartie1et2: fa.Number,
			SigneInterventionPersonnellePatient:     share,
			ReferenceDeLetablissement:               ref,
			Z27SigneMontantSupplementPartie1et2:     supp,
			FlagIdentificationDuBeneficiaire:        1,
			ChiffresDeControleDeLaFacture:           int64(Mod97(codes)),
		}
		if err := w.Append(&r80); err != nil {
			return err
		}
		totA += a
		totB += b
		allCodes += codes
		i := slices.IndexFunc(muts, func(t mutTotal) bool { return t.mut == fa.Destination })
		if i < 0 {
			i = len(muts)
			muts = append(muts, mutTotal{mut: fa.Destination})
		}
		mt := &muts[i]
		mt.a += a
		mt.b += b
		mt.records += w.Records() - first
		mt.codes += codes
	}

	if err := w.Append(&ef.ZendingEinde{
		NumeroDenvoi:                            int64(z.Number),
		NumeroTiersPayant:                       thirdParty,
		SigneMontantTotalNumeroCompteFinancierB: totB,
		SigneMontantTotalNumeroCompteFinancierA: totA,
		AnneeDeFacturation:                      int64(z.Year),
		MoisDeFacturation:                       int64(z.Month),
		Bce:                                     bce,
		ReferenceDeLetablissement:               reference,
		BicCompteFinancierApartie123et4:         bic,
		IbanCompteFinancierApartie12345et6:      iban,
		ChiffresDeControleDeLaFacture:           int64(Mod97(allCodes)),
	}); err != nil {
		return err
	}
	numbered := w.Records() - 2 // every record 10 … 90 (vsb/VALIDATION.md)

	slices.SortFunc(muts, func(x, y mutTotal) int { return strings.Compare(x.mut, y.mut) })
	for _, mt := range muts {
		x := askedOf(mt.a, mt.b)
		if err := w.Append(&ef.MutualiteitTotaal{
			LienT10NMutualit:               m.num("Destination", mt.mut),
			NFactureRecapitulative:         z.MessageRef % 1e12,
			SigneMontantDemandCompteA:      x.signA,
			MontantDemandCompteA:           x.a,
			SigneMontantDemandCompteB:      x.signB,
			MontantDemandCompteB:           x.b,
			SigneMontantDemandAB:           x.signAB,
			MontantDemandCompteABLienCptA:  x.ab,
			NombreDEnregistrement:          int64(mt.records),
			LienT80Z98NControleParMutuelle: int64(Mod97(mt.codes)),
		}); err != nil {
			return err
		}
	}
	fed := int64(999)
	if len(muts) > 0 && muts[0].mut != "" {
		fed = m.num("Destination", muts[0].mut[:1]+"99")
	}
	x := askedOf(totA, totB)
	if err := w.Append(&ef.FederatieTotaal{
		LienT10NMutualit:              fed,
		SigneMontantDemandCompteA:     x.signA,
		MontantDemandCompteA:          x.a,
		SigneMontantDemandCompteB:     x.signB,
		MontantDemandCompteB:          x.b,
		SigneMontantDemandAB:          x.signAB,
		MontantDemandCompteABLienCptA: x.ab,
		NombreDEnregistrement:         int64(numbered),
		LienT90Z98NControleEnvoi:      int64(Mod97(allCodes)),
	}); err != nil {
		return err
	}
	return m.err
}

// Zone 202 of segment 200 says whether a message is a test, zone 201 its format version.
const (
	prodMessage   = 12
	testMessage   = 92
	formatVersion = 2
)

// messageKind is zone 202 of segment 200: 92 for a test message, 12 for production.
func messageKind(test bool) int64 {
	if test {
		return testMessage
	}
	return prodMessage
}

// segments920000 formats segments 200 and 300 of the message: the generated types of
// the positional segments (vsb/efact/segments), formatted by the shared core.
func segments920000(z *Zending, m *modelErr) (s2, s3 []byte, err error) {
	phone := m.num("ContactPhone", z.ContactPhone)
	fileRef := m.text("FileRef", z.FileRef)
	name := m.text("ContactName", z.ContactName)
	first := m.text("ContactFirst", z.ContactFirst)
	if m.err != nil {
		return nil, nil, m.err
	}
	s2, err = (&seg.Segment200Berichtheader{
		Type:                                   facturatiebestand,
		NVersionFormatMessagePremiereVersion01: formatVersion,
		TypeMessage12Prod92Test:                messageKind(z.Test),
		ReferenceNumeriqueMessagePrestataire:   z.MessageRef,
	}).AppendTo(nil)
	if err != nil {
		return nil, nil, err
	}
	s3, err = (&seg.Segment300Facturatieheader{
		LienT10Z2223AnneEtMoisFacturation: int64(z.Year*100 + z.Month),
		LienT10Z7NumroDEnvoi:              int64(z.Number),
		LienT10Z25DateCrationFacture:      z.Created,
		ReferenceFacture:                  fileRef,
		LienT10Z4NumroVersionInstructions0001999Production9991999Test: version(z.Test),
		NomPersonneContact:                                 name,
		PrenomPersonneDeContact:                            first,
		NumroTelephonePersonneContact:                      phone,
		TypeDeFacture01Hospit03Ambulatoire09Mixte:          int64(z.InvoiceType),
		TypeFacturation011Fichier1Compte021Fichier2Comptes: int64(z.Mode),
	}).AppendTo(nil)
	return s2, s3, err
}

// facturatiebestand is MsgFacturatiebestand as zone 200 holds it.
const facturatiebestand = 920000

func version(test bool) int64 {
	if test {
		return 9991999
	}
	return 1999
}
