package zorgkas

import (
	"fmt"
	"sort"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// Line is one service line (record 50) in the settlement.
type Line struct {
	Order       int
	Invoice     int    // invoice index (0-based)
	Mutualiteit string // destination mutualiteit (R20 Z18)
	Code        int    // nomenclature code
	Account     int    // 0 account A, 1 account B
	Amount      vsb.Money
	Findings    []validate.Finding // rejected lines: why
}

// Settlement is the content of the afrekenbestand (DF015) and the payment order (DF017).
type Settlement struct {
	Payable  []Line
	Rejected []Line
	// Per destination mutualiteit (91 records) and the total (92).
	Totals []vsb.Afrekening
	Order  PaymentOrder
}

// PaymentOrder is DF017, the betaalopdracht the central application sends to the
// zorgkas together with the afrekenbestand. Its message format is not public (no source
// found); the project models it as an event.
type PaymentOrder struct {
	DF         string    `json:"df"`          // always "DF017"
	Sending    int       `json:"sending"`     // zending number
	ThirdParty string    `json:"third_party"` // the facility's third-party number
	IBAN       string    `json:"iban"`
	BIC        string    `json:"bic"`
	Amount     vsb.Money `json:"amount"` // accepted amount, accounts A and B
	Received   vsb.Date  `json:"received"`
	Due        vsb.Date  `json:"due"` // Received + 6 weeks
}

// Settle computes the settlement of an accepted sending: the payable and rejected lines,
// the accepted and refused amounts per mutualiteit and account, and the payment order.
func Settle(f *vsb.File, d *Decision) (*Settlement, error) {
	if !d.Accepted {
		return nil, fmt.Errorf("zorgkas: sending refused (%s): no settlement", d.Reason)
	}
	z, err := f.Zending()
	if err != nil {
		return nil, err
	}
	rejected := map[int]bool{}
	for _, o := range d.RejectedOrders {
		rejected[o] = true
	}
	why := map[int][]validate.Finding{}
	for _, x := range d.Findings {
		why[x.Line] = append(why[x.Line], x)
	}
	s := &Settlement{}
	type acc struct {
		askedA, askedB, accA, refA, accB, refB vsb.Money
		records, codes                         int
	}
	muts := map[string]*acc{}
	inv := -1
	var cur *acc
	for _, r := range f.Records {
		switch code(r) {
		case "20":
			inv++
			m := recordZone(r, "18")
			if muts[m] == nil {
				muts[m] = &acc{}
			}
			cur = muts[m]
		case "50":
			nomenclature := recordInt(r, "4")
			account := recordInt(r, "11")
			amount := vsb.Money(recordInt(r, "19"))
			l := Line{Order: vsb.Order(r), Invoice: inv, Mutualiteit: z.Facturen[inv].Destination, Code: int(nomenclature), Account: int(account), Amount: amount}
			cur.codes += int(nomenclature)
			if account == 1 {
				cur.askedB += amount
			} else {
				cur.askedA += amount
			}
			if rejected[l.Order] {
				l.Findings = why[l.Order]
				s.Rejected = append(s.Rejected, l)
				if account == 1 {
					cur.refB += amount
				} else {
					cur.refA += amount
				}
			} else {
				s.Payable = append(s.Payable, l)
				if account == 1 {
					cur.accB += amount
				} else {
					cur.accA += amount
				}
			}
		case "80":
			if cur != nil {
				cur.records += vsb.Order(r) - firstOrder(f, inv) + 1
			}
		}
	}
	// Rejected lines of a rejected invoice carry the invoice's findings (in its 20/80).
	for i := range s.Rejected {
		l := &s.Rejected[i]
		if len(l.Findings) == 0 {
			for _, x := range d.Findings {
				if x.Line != 0 && invoiceOf(f, x.Line) == l.Invoice {
					l.Findings = append(l.Findings, x)
				}
			}
		}
	}
	names := make([]string, 0, len(muts))
	for m := range muts {
		names = append(names, m)
	}
	sort.Strings(names)
	var tot vsb.Afrekening
	tot.Record = "92"
	allCodes := 0
	for _, m := range names {
		a := muts[m]
		r := vsb.Afrekening{Record: "91", Mutualiteit: m,
			AskedA: a.askedA, AskedB: a.askedB, Asked: a.askedA + a.askedB, Records: a.records, Control: vsb.Mod97(a.codes),
			AcceptedA: a.accA, RefusedA: a.refA, AcceptedB: a.accB, RefusedB: a.refB,
			Accepted: a.accA + a.accB, Refused: a.refA + a.refB}
		s.Totals = append(s.Totals, r)
		tot.AskedA += r.AskedA
		tot.AskedB += r.AskedB
		tot.Asked += r.Asked
		tot.Records += r.Records
		tot.AcceptedA += r.AcceptedA
		tot.RefusedA += r.RefusedA
		tot.AcceptedB += r.AcceptedB
		tot.RefusedB += r.RefusedB
		tot.Accepted += r.Accepted
		tot.Refused += r.Refused
		allCodes += a.codes
	}
	tot.Control = vsb.Mod97(allCodes)
	tot.Mutualiteit = "999"
	if len(names) > 0 && names[0] != "" {
		tot.Mutualiteit = names[0][:1] + "99"
	}
	s.Totals = append(s.Totals, tot)
	s.Order = PaymentOrder{DF: "DF017", Sending: z.Number, ThirdParty: z.ThirdParty, IBAN: z.IBAN, BIC: z.BIC,
		Amount: tot.Accepted, Received: d.Received, Due: d.PaymentDue}
	return s, nil
}

func firstOrder(f *vsb.File, inv int) int {
	i := -1
	for _, r := range f.Records {
		if code(r) == "20" {
			i++
			if i == inv {
				return vsb.Order(r)
			}
		}
	}
	return 0
}

func invoiceOf(f *vsb.File, order int) int {
	s := structureOf(f)
	if i, ok := s.invoice[order]; ok {
		return i
	}
	return -1
}
