package zorgkas

import (
	"context"
	"fmt"
	"sort"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// Content runs the content validation: the rule set of the format (vsb.Rules) and the
// zorgkas's own rule sets (tarification, insurability, …: validate.RuleSet whose
// Standard is "" or vsb.MsgFacturatiebestand, run on the same validation engine), and
// returns the findings that belong to the content validation (control numbers, totals
// and the findings of the sets given). A rule of a set reports with vsb.Fail, which
// gives the finding its eFact code and letter. The error is about the rules (an id used
// twice, a rule without an id).
func Content(f *vsb.File, sets ...*validate.RuleSet) ([]validate.Finding, error) {
	rep, err := vsb.Validate(context.Background(), f, validate.Options{RuleSets: sets})
	if err != nil {
		return nil, fmt.Errorf("zorgkas: content rules: %w", err)
	}
	return rep.Content, nil
}

// Technical is the result of the technical validation.
type Technical struct {
	Accepted bool
	Reply    string // 931000 or 920999
	Findings []validate.Finding
}

// Validate is the technical validation: the findings of vsb.Check that concern
// readability (format, structure, order numbers, check numbers).
func Validate(f *vsb.File) Technical {
	rep := vsb.Check(f)
	if rep.OK() {
		return Technical{Accepted: true, Reply: vsb.MsgFileAccepted}
	}
	return Technical{Reply: vsb.MsgFileRefused, Findings: rep.Technical}
}

// Reason says why a sending is accepted or refused.
type Reason string

// The reasons.
const (
	NoErrors        Reason = "no errors"
	WithinThreshold Reason = "rejected records within 5 %"
	Blocking        Reason = "blocking error (type B)"
	OverThreshold   Reason = "rejected records above 5 %"
	AllRejected     Reason = "every prestatie rejected"
)

// PaymentTerm is the time the zorgkas has to pay, from the receipt of the sending.
const PaymentTermDays = 42 // 6 weeks

// Decision is the outcome of the content validation of one sending.
type Decision struct {
	Accepted bool
	Reason   Reason
	Reply    string // 920098 (DF014) or 920099 (DF013)

	Records  int // records 10 … 90 of the sending
	Rejected int // of which rejected
	// Percentage is Rejected/Records in hundredths of a percent, rounded up (500 = 5.00 %,
	// 5.0025 % is 501): what zone 310 of the reply carries, so that a refusal for the
	// percentage always reads above 5 %. The decision itself compares exactly.
	Percentage int

	RejectedOrders   []int // order numbers of the rejected records, ascending
	RejectedInvoices []int // indexes (0-based) of the rejected invoices
	Findings         []validate.Finding

	// NeedsConfirmation: the refusal may only leave after a zorgkas employee confirms it:
	// always when every prestatie is rejected, and ("in een eerste tijd", for now) when
	// the rejected records exceed 5 %. A refusal for a blocking error leaves at once.
	NeedsConfirmation bool
	// NeedsSignature: an accepted sending is signed by a zorgkas employee; signing sends
	// the 920098 and 920900 and the payment order.
	NeedsSignature bool

	Received   vsb.Date // the day the sending was received
	PaymentDue vsb.Date // accepted only: Received + 6 weeks
}

// RefusalType is zone 311 of the reply: 01 for a blocking error, 02 for the percentage
// (the meaning of the values is an inference: the sample refusal has 01).
func (d *Decision) RefusalType() int {
	switch d.Reason {
	case Blocking:
		return 1
	case OverThreshold, AllRejected:
		return 2
	}
	return 0
}

// structure maps order numbers to record type and invoice.
type structure struct {
	code    map[int]string
	invoice map[int]int   // order → invoice index, for records 20 … 80
	members map[int][]int // invoice index → its order numbers
	total   int
}

func structureOf(f *vsb.File) structure {
	s := structure{code: map[int]string{}, invoice: map[int]int{}, members: map[int][]int{}}
	inv := -1
	in := false
	for _, r := range f.Records {
		c := code(r)
		if c == "95" || c == "96" {
			continue
		}
		o := vsb.Order(r)
		s.total++
		s.code[o] = c
		if c == "20" {
			inv++
			in = true
		}
		if in {
			s.invoice[o] = inv
			s.members[inv] = append(s.members[inv], o)
		}
		if c == "80" {
			in = false
		}
	}
	return s
}

// Decide is the zorgkas decision on the content findings of a sending:
//
//   - any finding of letter B refuses the sending (DF013), whatever the percentage;
//   - a finding of letter F rejects the invoice it is in, and any finding in a record 20
//     or 80 counts every record of that invoice (20 to 80) as rejected;
//   - any other finding (R, and E and S, whose exact scope the sources do not give)
//     rejects the record it is in;
//   - rejected records above 5 % of all records 10 … 90 refuse the sending; exactly 5 %
//     is accepted;
//   - every prestatie (record 50) rejected: refused, and the refusal waits for a zorgkas
//     employee's confirmation.
//
// A finding that names an order number not in the file is an error.
func Decide(f *vsb.File, findings []validate.Finding, received vsb.Date) (*Decision, error) {
	s := structureOf(f)
	// The record type of a finding is the one in the file at its order number.
	findings = append([]validate.Finding(nil), findings...)
	for i := range findings {
		if c, ok := s.code[findings[i].Line]; ok {
			findings[i].Record = c
		}
	}
	d := &Decision{Records: s.total, Findings: findings, Received: received}
	rejected := map[int]bool{}
	invoices := map[int]bool{}
	blocking := false
	for _, x := range findings {
		if x.Letter == "B" {
			blocking = true
		}
		if x.Line == 0 {
			continue // segment or 95/96 finding: only its letter counts
		}
		code, ok := s.code[x.Line]
		if !ok {
			return nil, fmt.Errorf("%w: finding %s names order number %06d, which the sending does not have", vsb.ErrInvalid, x.Retourcode, x.Line)
		}
		inv, inInvoice := s.invoice[x.Line]
		if inInvoice && (x.Letter == "F" || code == "20" || code == "80") {
			invoices[inv] = true
			for _, o := range s.members[inv] {
				rejected[o] = true
			}
			continue
		}
		rejected[x.Line] = true
	}
	for o := range rejected {
		d.RejectedOrders = append(d.RejectedOrders, o)
	}
	sort.Ints(d.RejectedOrders)
	for i := range invoices {
		d.RejectedInvoices = append(d.RejectedInvoices, i)
	}
	sort.Ints(d.RejectedInvoices)
	d.Rejected = len(rejected)
	lines, rejectedLines := 0, 0
	for o, c := range s.code {
		if c == "50" {
			lines++
			if rejected[o] {
				rejectedLines++
			}
		}
	}
	if d.Records > 0 {
		// Rounded up, so that a refusal for the percentage never reads 5.00 % or less
		// (100 of 1999 records, 5.0025 %, is written 5.01 %).
		d.Percentage = (d.Rejected*10000 + d.Records - 1) / d.Records
	}
	switch {
	case blocking:
		d.Reason = Blocking
	case lines > 0 && rejectedLines == lines:
		d.Reason = AllRejected
		d.NeedsConfirmation = true
	case d.Rejected*100 > 5*d.Records:
		d.Reason = OverThreshold
		d.NeedsConfirmation = true
	case d.Rejected == 0:
		d.Reason, d.Accepted = NoErrors, true
	default:
		d.Reason, d.Accepted = WithinThreshold, true
	}
	if d.Accepted {
		d.NeedsSignature = true
		d.Reply = vsb.MsgSendingAccepted
		d.PaymentDue = received.AddDays(PaymentTermDays)
	} else {
		d.Reply = vsb.MsgSendingRefused
	}
	return d, nil
}
