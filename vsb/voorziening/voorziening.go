package voorziening

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
)

// Step is what the facility must do after a reply.
type Step string

// The steps.
const (
	Wait    Step = "wait"    // nothing to do yet: the next reply follows
	Resend  Step = "resend"  // fix and resend the whole facturatiebestand
	Correct Step = "correct" // the sending stands; rejected invoices or records need attention
	Book    Step = "book"    // book the settlement and expect the payment
	Contact Step = "contact" // questions about rejected lines go to the zorgkas
	Unknown Step = "unknown" // not a reply the facility expects
)

// Advice is what a reply says and what to do next.
type Advice struct {
	Type   string // message type
	DF     string
	Says   string // what the reply means, one sentence
	Steps  []Step
	Do     []string         // what to do, in order
	Errors []ErrorLine      // the errors the reply lists
	Totals []vsb.Afrekening // 920900: accepted and refused amounts
}

// ErrorLine is one error of a reply with its dictionary text.
type ErrorLine struct {
	Order  int    // record order number of the echoed record (0 if none)
	Record string // record type
	Letter string
	Code   string
	Text   string // Dutch text of the dictionary ("" if the code is unknown)
	Zone   string // the zone the code names (digits 3-4)
}

// ErrorLines lists every letter+code pair of the reply's echoes.
func ErrorLines(r *vsb.Reply) []ErrorLine {
	var out []ErrorLine
	for _, e := range r.Echoes {
		for _, rj := range e.Rejections {
			l := ErrorLine{Order: vsb.Order(e.Record), Record: recordCode(e.Record.Text), Letter: rj.Letter, Code: rj.Code}
			if fc, ok := foutcode.Lookup(rj.Code); ok {
				l.Text, l.Zone = fc.NL, fc.Zone()
				if l.Letter == "" {
					l.Letter = string(fc.Letter)
				}
			}
			out = append(out, l)
		}
	}
	return out
}

// Read says what a reply means and what the facility must do.
func Read(r *vsb.Reply) Advice {
	a := Advice{Type: r.Type, DF: r.DF(), Errors: ErrorLines(r)}
	pct := fmt.Sprintf("%d.%02d %%", r.ErrorPercentage/100, r.ErrorPercentage%100)
	switch r.Type {
	case vsb.MsgFileAccepted:
		a.Says = fmt.Sprintf("facturatiebestand of sending %d accepted after technical validation", r.Sending)
		a.Steps = []Step{Wait}
		a.Do = []string{"wait for the content validation: 920098 (sending accepted) or 920099 (sending refused)"}
	case vsb.MsgFileRefused:
		a.Says = fmt.Sprintf("facturatiebestand of sending %d refused by the technical validation (%s)", r.Sending, count(len(a.Errors), "error", "errors"))
		fix := "fix the listed errors"
		if off, ok := r.StoppedAt(); ok {
			a.Says = fmt.Sprintf("facturatiebestand of sending %d refused: it could not be read, reading stopped at byte offset %d", r.Sending, off)
			fix = fmt.Sprintf("fix the file from byte offset %d (%s)", off, r.Echoes[0].Comment)
		}
		for _, se := range r.SegmentErrors {
			code, _ := vsb.SegmentCode(se)
			fix += fmt.Sprintf("; segment %s zone %s: code erreur %02d", se.Record, se.Field, code)
		}
		a.Steps = []Step{Resend}
		a.Do = []string{
			fix,
			fmt.Sprintf("resend the whole file with the same zending number (%d), the same invoice type and the same invoice dates", r.Sending),
			"change only the creation date (record 10, zones 25-26) to the day you resend it",
		}
	case vsb.MsgSendingRefused:
		why := "blocking errors"
		if r.RefusalType == 2 {
			why = "too many rejected records (" + pct + ", more than 5 %)"
		}
		a.Says = fmt.Sprintf("sending %d refused by the content validation: %s", r.Sending, why)
		a.Steps = []Step{Resend}
		fix := "fix the listed errors"
		if len(a.Errors) == 0 {
			fix = "the reply lists no record errors: ask the zorgkas which errors it found, and fix them"
		}
		a.Do = []string{
			fix,
			fmt.Sprintf("resend the whole file with the same zending number (%d) and the same invoice type", r.Sending),
			"change the creation date (record 10, zones 25-26) and the invoice date to the day you resend it",
		}
	case vsb.MsgSendingAccepted:
		a.Says = fmt.Sprintf("sending %d accepted; %s of the records rejected, %s listed", r.Sending, pct, count(len(a.Errors), "error", "errors"))
		a.Steps = []Step{Wait}
		a.Do = []string{"wait for the afrekenbestand (920900) with the payable and the rejected lines"}
		if len(a.Errors) > 0 {
			a.Steps = append(a.Steps, Correct)
			a.Do = append(a.Do, "correct the rejected invoices and records; ask the zorgkas about rejections you do not understand")
		}
	case vsb.MsgSettlement:
		var acc, ref vsb.Money
		for _, t := range r.Settlement {
			if t.Record == "92" {
				acc, ref = t.Accepted, t.Refused
			}
		}
		a.Totals = r.Settlement
		a.Says = fmt.Sprintf("afrekening of sending %d: %s accepted, %s refused", r.Sending, acc, ref)
		a.Steps = []Step{Book}
		a.Do = []string{"book the accepted amounts; the zorgkas pays within 6 weeks of receiving the sending"}
		if len(a.Errors) > 0 || ref != 0 {
			a.Steps = append(a.Steps, Contact)
			a.Do = append(a.Do, "the rejected lines and their codes are listed; contact the zorgkas with questions about them")
		}
	default:
		a.Says = fmt.Sprintf("message %s is not a reply to a facturatiebestand", r.Type)
		a.Steps = []Step{Unknown}
	}
	return a
}

// String is the advice as text lines.
func (a Advice) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n", a.Type, a.DF, a.Says)
	for _, e := range a.Errors {
		fmt.Fprintf(&b, "  record %06d (type %s) zone %s: %s %s %s\n", e.Order, e.Record, e.Zone, e.Letter, e.Code, e.Text)
	}
	for i, d := range a.Do {
		fmt.Fprintf(&b, "%d. %s\n", i+1, d)
	}
	return b.String()
}

// ErrNoResubmission is returned for replies after which the file is not resent.
var ErrNoResubmission = errors.New("voorziening: this reply does not ask for a resubmission")

// AfterFileRefused is the resubmission after DF012 (920999): a copy of the sending with
// the new creation date; zending number, invoice type and invoice dates unchanged.
func AfterFileRefused(sent *vsb.Zending, created vsb.Date) *vsb.Zending {
	z := clone(sent)
	z.Created = created
	return z
}

// AfterSendingRefused is the resubmission after DF013 (920099): a copy with the new
// creation date and the new invoice date on every invoice; zending number and invoice
// type unchanged.
func AfterSendingRefused(sent *vsb.Zending, created, invoiceDate vsb.Date) *vsb.Zending {
	z := clone(sent)
	z.Created = created
	for i := range z.Facturen {
		z.Facturen[i].Date = invoiceDate
	}
	return z
}

// Resubmit picks the rule by the reply's type; today is both the new creation date and,
// after 920099, the new invoice date. The caller fixes the errors in the copy.
func Resubmit(sent *vsb.Zending, r *vsb.Reply, today vsb.Date) (*vsb.Zending, error) {
	if r.Sending != 0 && r.Sending != sent.Number {
		return nil, fmt.Errorf("voorziening: reply is about sending %d, not %d", r.Sending, sent.Number)
	}
	switch r.Type {
	case vsb.MsgFileRefused:
		return AfterFileRefused(sent, today), nil
	case vsb.MsgSendingRefused:
		return AfterSendingRefused(sent, today, today), nil
	}
	return nil, fmt.Errorf("%w: %s (%s)", ErrNoResubmission, r.Type, r.DF())
}

// CheckResubmission lists what a resubmission changes that must stay, or keeps that
// must change, for the reply type it answers (920999 or 920099).
func CheckResubmission(sent, again *vsb.Zending, after string) []string {
	var out []string
	if again.Number != sent.Number {
		out = append(out, fmt.Sprintf("zending number changed from %d to %d: it must stay", sent.Number, again.Number))
	}
	if again.InvoiceType != sent.InvoiceType {
		out = append(out, fmt.Sprintf("invoice type changed from %d to %d: it must stay", sent.InvoiceType, again.InvoiceType))
	}
	if again.Created == sent.Created {
		out = append(out, "creation date unchanged: it must change")
	}
	n := min(len(sent.Facturen), len(again.Facturen))
	for i := range n {
		s, a := sent.Facturen[i], again.Facturen[i]
		if a.Billing != s.Billing {
			out = append(out, fmt.Sprintf("invoice %d: billing type changed from %d to %d: it must stay", i+1, s.Billing, a.Billing))
		}
		switch after {
		case vsb.MsgFileRefused:
			if a.Date != s.Date {
				out = append(out, fmt.Sprintf("invoice %d: invoice date changed from %s to %s: after 920999 it must stay", i+1, s.Date, a.Date))
			}
		case vsb.MsgSendingRefused:
			if a.Date == s.Date {
				out = append(out, fmt.Sprintf("invoice %d: invoice date %s unchanged: after 920099 it must change", i+1, s.Date))
			}
		}
	}
	return out
}

func clone(z *vsb.Zending) *vsb.Zending {
	c := *z
	c.Facturen = make([]vsb.Factuur, len(z.Facturen))
	for i, f := range z.Facturen {
		f.Prestaties = append([]vsb.Prestatie(nil), f.Prestaties...)
		for j := range f.Prestaties {
			p := &f.Prestaties[j]
			if p.Tussenkomst != nil {
				t := *p.Tussenkomst
				p.Tussenkomst = &t
			}
			if p.EID != nil {
				e := *p.EID
				p.EID = &e
			}
		}
		c.Facturen[i] = f
	}
	return &c
}

// count is n with the singular or plural noun: "1 error", "2 errors".
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, more)
}

// recordCode is the record type of an echoed record (its first two characters).
func recordCode(text string) string {
	if len(text) < 2 {
		return text
	}
	return text[:2]
}
