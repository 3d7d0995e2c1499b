package vsb

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// The settlement records of a 920900 (91 per mutualiteit, 92 for the total) are read and
// written through their generated types (ef920900v20.AfrekeningMutualiteit and
// AfrekeningTotaal). The two carry the same data zones under the same Go names (only
// their code erreur zones and 91's payment references differ), so settlementOf gives the
// zones an Afrekening holds as pointers into either record.

// settlement is a settlement record's data zones, in the order of its layout.
type settlement struct {
	rec                      record.Record
	mutualiteit, invoice     *int64
	records, control         *int64
	signs                    [9]*string
	amounts                  [9]*record.Money
	paymentRefA, paymentRefB *string // 91 only
}

// settlementOf returns a new settlement record of code ("91" or "92"), or false.
func settlementOf(code string) (settlement, bool) {
	switch code {
	case "91":
		r := new(ef920900v20.AfrekeningMutualiteit)
		return settlement{rec: r, mutualiteit: &r.LienT10NMutualit, invoice: &r.NFactureRecapitulative,
			records: &r.NombreDEnregistrement, control: &r.LienT80Z98NContrleParMutuelle,
			signs: [9]*string{&r.SigneMontantDemandCompteA, &r.SigneMontantDemandCompteB, &r.SigneMontantDemandAB,
				&r.SigneMontantAccepteCompteA, &r.SigneMontantRefuseCompteA, &r.SigneMontantAccepteCompteB,
				&r.SigneMontantRefuseCompteB, &r.SigneTotalMontantsAcceptesCompteACompteB, &r.SigneTotalMontantsRefusesCompteACompteB},
			amounts: [9]*record.Money{&r.MontantDemandCompteA, &r.MontantDemandCompteB, &r.MontantDemandCompteABLienCptA,
				&r.MontantAccepteCompteA, &r.MontantRefuseCompteA, &r.MontantAccepteCompteB,
				&r.MontantRefuseCompteB, &r.TotalMontantsAcceptesCompteACompteB, &r.TotalMontantsRefusesCompteACompteb},
			paymentRefA: &r.ReferencePaiementCompteAOaOuMutualite, paymentRefB: &r.ReferencePaiementCompteBOaOuMutualite,
		}, true
	case "92":
		r := new(ef920900v20.AfrekeningTotaal)
		return settlement{rec: r, mutualiteit: &r.LienT10NMutualit, invoice: &r.NFactureRecapitulative,
			records: &r.NombreDEnregistrement, control: &r.LienT80Z98NContrleParMutuelle,
			signs: [9]*string{&r.SigneMontantDemandCompteA, &r.SigneMontantDemandCompteB, &r.SigneMontantDemandAB,
				&r.SigneMontantAccepteCompteA, &r.SigneMontantRefuseCompteA, &r.SigneMontantAccepteCompteB,
				&r.SigneMontantRefuseCompteB, &r.SigneTotalMontantsAcceptesCompteACompteB, &r.SigneTotalMontantsRefusesCompteACompteB},
			amounts: [9]*record.Money{&r.MontantDemandCompteA, &r.MontantDemandCompteB, &r.MontantDemandCompteABLienCptA,
				&r.MontantAccepteCompteA, &r.MontantRefuseCompteA, &r.MontantAccepteCompteB,
				&r.MontantRefuseCompteB, &r.TotalMontantsAcceptesCompteACompteB, &r.TotalMontantsRefusesCompteACompteb},
		}, true
	}
	return settlement{}, false
}

// signZones returns the indexes of the sign zones of l: each AN zone of one position
// followed by an amount zone, in the layout's order (the order of settlement.signs).
func signZones(l *record.Layout) []int {
	var idx []int
	for i := 0; i+1 < l.NumFields(); i++ {
		f, next := l.FieldIndex(i), l.FieldIndex(i+1)
		if f.Type == record.Alphanumeric && f.Length == 1 && next.Kind == record.KindAmount {
			idx = append(idx, i)
		}
	}
	return idx
}

// afrekening reads a settlement record (91 or 92) of a reply.
func afrekening(code, text string) (Afrekening, error) {
	s, ok := settlementOf(code)
	if !ok {
		return Afrekening{}, fmt.Errorf("%w: record %q is not a settlement record (91, 92)", ErrInvalid, code)
	}
	if err := s.rec.Parse(text); err != nil {
		return Afrekening{}, err
	}
	l := s.rec.Layout()
	zones := signZones(l)
	if len(zones) != len(s.signs) {
		return Afrekening{}, fmt.Errorf("%w: layout %s has %d sign zones, want %d", ErrInvalid, code, len(zones), len(s.signs))
	}
	var m [9]Money
	for i, sg := range s.signs {
		switch *sg {
		case "+", "": // a space reads as +, as a VI writes a zero amount
			m[i] = *s.amounts[i]
		case "-":
			m[i] = -*s.amounts[i]
		default:
			f := l.FieldIndex(zones[i])
			return Afrekening{}, record.FieldError(l, &f, f.Start, record.ErrSign, "want + or -")
		}
	}
	a := Afrekening{
		Record: code, Mutualiteit: fmt.Sprintf("%03d", *s.mutualiteit), Invoice: *s.invoice,
		AskedA: m[0], AskedB: m[1], Asked: m[2],
		Records: int(*s.records), Control: int(*s.control),
		AcceptedA: m[3], RefusedA: m[4], AcceptedB: m[5], RefusedB: m[6], Accepted: m[7], Refused: m[8],
	}
	if s.paymentRefA != nil {
		a.PaymentRefA, a.PaymentRefB = *s.paymentRefA, *s.paymentRefB
	}
	return a, nil
}

// appendAfrekening appends settlement record a, formatted by its generated type.
func appendAfrekening(dst []byte, a Afrekening) ([]byte, error) {
	s, ok := settlementOf(a.Record)
	if !ok {
		return dst, fmt.Errorf("settlement record %q, want 91 or 92", a.Record)
	}
	var m modelErr
	if a.Mutualiteit != "" {
		*s.mutualiteit = m.num("Mutualiteit", a.Mutualiteit)
	}
	*s.invoice = a.Invoice
	*s.records, *s.control = int64(a.Records), int64(a.Control)
	for i, v := range [9]Money{a.AskedA, a.AskedB, a.Asked, a.AcceptedA, a.RefusedA, a.AcceptedB, a.RefusedB, a.Accepted, a.Refused} {
		*s.signs[i], *s.amounts[i] = sign(v)
	}
	if s.paymentRefA != nil {
		*s.paymentRefA = m.text("PaymentRefA", a.PaymentRefA)
		*s.paymentRefB = m.text("PaymentRefB", a.PaymentRefB)
	}
	if m.err != nil {
		return dst, m.err
	}
	return s.rec.AppendTo(dst)
}
