package zorgkas

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// Desk runs sendings through the zorgkas steps of seed 001 ("Controle en betaling van de
// facturen"), with a History that remembers them:
//
//  1. Receive: technical validation (931000, or 920999 which leaves at once); the
//     limits between sendings (Admit: 100721, 100723, 100724); the content validation
//     and the decision. A refusal for a blocking error (920099) leaves at once. A refusal
//     for the percentage, or of a sending whose every prestatie is refused, waits for a
//     zorgkas employee: Confirm. An accepted sending waits for an employee's signature:
//     Sign.
//  2. Confirm: the employee confirms the automatic refusal; only then does the 920099
//     leave.
//  3. Sign: the employee signs the accepted sending; then the acceptance (920098) and
//     the afrekenbestand (920900) go to the facility, the payment order (DF017) to the
//     zorgkas, and the notification of accepted prestaties to the mutualiteiten.
//
// Each step returns what it sends, as Messages, in order; nothing leaves otherwise.
type Desk struct {
	History History             // required
	Rules   []*validate.RuleSet // content rule sets (tarification, insurability, …; Content)
}

// Recipient says who a Message is for.
type Recipient string

// The recipients.
const (
	ToFacility      Recipient = "zorgvoorziening" // replies 931000, 920999, 920099, 920098, 920900
	ToZorgkas       Recipient = "zorgkas"         // the payment order DF017
	ToMutualiteiten Recipient = "mutualiteiten"   // the notification of accepted prestaties
)

// Message is one thing a step sends: a reply, a payment order or a notification.
type Message struct {
	To           Recipient
	Reply        *vsb.Reply    // to the facility
	Payment      *PaymentOrder // DF017, to the zorgkas
	Notification *Notification // to the mutualiteiten
}

// Kind names what m carries: the reply's message type, "DF017" or "notification".
func (m Message) Kind() string {
	switch {
	case m.Reply != nil:
		return m.Reply.Type
	case m.Payment != nil:
		return "DF017"
	case m.Notification != nil:
		return "notification"
	}
	return ""
}

// Case is one sending on its way through the steps.
type Case struct {
	Sending   Sending    // as kept in the History; State says where it stands
	File      *vsb.File  // the facturatiebestand
	Technical Technical  // the technical validation
	Admission *Admission // the limits between sendings; nil when the file was refused technically
	Decision  *Decision  // the content decision; nil when the file was refused technically
	Sent      []Message  // everything sent for the case so far, in order
}

// ErrWrongStep: the step does not apply to the sending in its state (e.g. Sign on a
// refusal, Confirm on an acceptance, or either twice).
var ErrWrongStep = errors.New("zorgkas: step does not apply")

// Receive takes a sending in. extra are content findings from elsewhere (e.g. the
// insurability check), added to those of the Desk's rules. A sending identical to one
// that waits for an employee (same third party, number, year and creation date) is that
// case again, not a new sending: so a second run with the employee's answer does not count
// the sending twice.
func (d *Desk) Receive(ctx context.Context, f *vsb.File, received vsb.Date, extra ...validate.Finding) (*Case, []Message, error) {
	if d.History == nil {
		return nil, nil, errors.New("zorgkas: Desk needs a History")
	}
	c := &Case{File: f, Technical: Validate(f)}
	z, zerr := f.Zending()
	if !c.Technical.Accepted {
		msg := Message{To: ToFacility, Reply: FileRefused(f, c.Technical)}
		if zerr == nil { // what cannot be read is answered, but not remembered
			c.Sending = SendingOf(z, received)
			c.Sending.State, c.Sending.Reply = StateFileRefused, vsb.MsgFileRefused
			id, err := d.History.Add(ctx, c.Sending)
			if err != nil {
				return nil, nil, fmt.Errorf("zorgkas: recording a refused file: %w", err)
			}
			c.Sending.ID = id
		}
		c.Sent = append(c.Sent, msg)
		return c, []Message{msg}, nil
	}
	if zerr != nil {
		return nil, nil, fmt.Errorf("zorgkas: a file that passed technical validation does not read as a sending: %w", zerr)
	}
	if pending, ok, err := d.pending(ctx, z); err != nil {
		return nil, nil, err
	} else if ok {
		c.Sending = pending
		c.Admission = &Admission{Sending: pending}
	} else {
		if c.Admission, err = Admit(ctx, d.History, z, received); err != nil {
			return nil, nil, err
		}
		c.Sending = c.Admission.Sending
	}
	findings, err := Content(f, d.Rules...)
	if err != nil {
		return nil, nil, err
	}
	findings = append(findings, c.Admission.Findings...)
	findings = append(findings, extra...)
	dec, err := Decide(f, findings, c.Sending.Received)
	if err != nil {
		return nil, nil, err
	}
	c.Decision = dec
	var out []Message
	if c.Sending.Reply == "" { // a case taken up again has had its 931000
		out = append(out, Message{To: ToFacility, Reply: FileAccepted(f)})
		c.Sending.Reply = vsb.MsgFileAccepted
	}
	switch {
	case dec.Accepted:
		c.Sending.State = StateAwaitingSignature
	case dec.NeedsConfirmation:
		c.Sending.State = StateAwaitingConfirmation
	default: // a blocking error: the refusal leaves at once
		out = append(out, Message{To: ToFacility, Reply: SendingReply(f, dec)})
		c.Sending.State, c.Sending.Reply = StateRefused, vsb.MsgSendingRefused
	}
	if err := d.History.Update(ctx, c.Sending); err != nil {
		return nil, nil, fmt.Errorf("zorgkas: recording the decision on sending %d: %w", c.Sending.Number, err)
	}
	c.Sent = append(c.Sent, out...)
	return c, out, nil
}

// pending finds a sending identical to z that waits for an employee.
func (d *Desk) pending(ctx context.Context, z *vsb.Zending) (Sending, bool, error) {
	earlier, err := d.History.Sendings(ctx, z.ThirdParty)
	if err != nil {
		return Sending{}, false, fmt.Errorf("zorgkas: reading the sendings of third party %s: %w", z.ThirdParty, err)
	}
	for i := len(earlier) - 1; i >= 0; i-- {
		e := earlier[i]
		if e.Number == z.Number && e.Year == z.Year && e.Month == z.Month && e.Created == z.Created &&
			(e.State == StateAwaitingConfirmation || e.State == StateAwaitingSignature) {
			return e, true, nil
		}
	}
	return Sending{}, false, nil
}

// Confirm is a zorgkas employee confirming the automatic refusal of a sending (for the
// percentage, or every prestatie refused): the 920099 leaves now.
func (d *Desk) Confirm(ctx context.Context, c *Case, employee string) ([]Message, error) {
	if c.Sending.State != StateAwaitingConfirmation || c.Decision == nil {
		return nil, fmt.Errorf("%w: Confirm on sending %d, which is %s", ErrWrongStep, c.Sending.Number, c.Sending.State)
	}
	if employee == "" {
		return nil, errors.New("zorgkas: Confirm: who confirms? (the employee's name or id)")
	}
	msg := Message{To: ToFacility, Reply: SendingReply(c.File, c.Decision)}
	c.Sending.State, c.Sending.Reply = StateRefused, vsb.MsgSendingRefused
	if err := d.History.Update(ctx, c.Sending); err != nil {
		return nil, fmt.Errorf("zorgkas: recording the confirmation of sending %d: %w", c.Sending.Number, err)
	}
	c.Sent = append(c.Sent, msg)
	return []Message{msg}, nil
}

// Sign is a zorgkas employee signing an accepted sending on the day signed: the
// acceptance (920098) and the afrekenbestand (920900) go to the facility, the payment
// order (DF017) to the zorgkas, and the notification of accepted prestaties to the
// mutualiteiten.
func (d *Desk) Sign(ctx context.Context, c *Case, employee string, signed vsb.Date) ([]Message, error) {
	if c.Sending.State != StateAwaitingSignature || c.Decision == nil {
		return nil, fmt.Errorf("%w: Sign on sending %d, which is %s", ErrWrongStep, c.Sending.Number, c.Sending.State)
	}
	if employee == "" {
		return nil, errors.New("zorgkas: Sign: who signs? (the employee's name or id)")
	}
	s, err := Settle(c.File, c.Decision)
	if err != nil {
		return nil, err
	}
	settlement, err := SettlementReply(c.File, c.Decision, s)
	if err != nil {
		return nil, err
	}
	note, err := notification(c.File, c.Decision, employee, signed)
	if err != nil {
		return nil, err
	}
	order := s.Order
	out := []Message{
		{To: ToFacility, Reply: SendingReply(c.File, c.Decision)},
		{To: ToFacility, Reply: settlement},
		{To: ToZorgkas, Payment: &order},
		{To: ToMutualiteiten, Notification: note},
	}
	c.Sending.State, c.Sending.Reply = StateSettled, vsb.MsgSettlement
	if err := d.History.Update(ctx, c.Sending); err != nil {
		return nil, fmt.Errorf("zorgkas: recording the signature of sending %d: %w", c.Sending.Number, err)
	}
	c.Sent = append(c.Sent, out...)
	return out, nil
}

// Notification is the "notificatie aanvaarde prestaties" that goes to the mutualiteiten
// when a sending is signed: what they need for their tasks in the federal health
// insurance (cumul checks, forfait chronisch zieken, maximumfactuur, palliatief statuut
// and forfait, geneesmiddelenforfait): per accepted prestatie who, what, when, how much
// the insurance pays and what the patient pays. Its message format is not public (no
// source found); the project models it as an event.
type Notification struct {
	ThirdParty string   // the facility's third-party number
	Sending    int      // zending number
	Year       int      // invoicing year and month
	Month      int      //
	Signed     vsb.Date // the day it was signed
	SignedBy   string   // the employee
	Prestaties []AcceptedPrestatie
}

// AcceptedPrestatie is one accepted service line (record 50) in a Notification.
type AcceptedPrestatie struct {
	Mutualiteit  string    // R20 Z7 mutualiteit of affiliation
	Destination  string    // R20 Z18 destination mutualiteit
	INSZ         INSZ      // R20 Z8a,8b the beneficiary (prints masked)
	Invoice      int64     // R20 Z24,25 individual invoice number
	Order        int       // the record's order number
	Code         int       // R50 Z4 nomenclature or pseudo-code
	First, Last  vsb.Date  // R50 Z5, Z6
	Units        int       // R50 Z22
	Provider     string    // R50 Z15
	Account      int       // 0 account A, 1 account B
	Amount       vsb.Money // R50 Z19 the insurance's part
	PatientShare vsb.Money // R50 Z27 the patient's share (maximumfactuur)
	Supplement   vsb.Money // R50 Z30,31
}

// INSZ is a Belgian national number (INSZ/NISS). It is personal data: every way of
// printing it (String, fmt verbs, slog, JSON) shows the last three digits only; Full
// returns the number, for the mutualiteit's own processing.
type INSZ string

// Full returns the number unmasked.
func (n INSZ) Full() string { return string(n) }

// String returns the masked number.
func (n INSZ) String() string { return record.PersonalBSN.Mask(string(n)) }

// Format prints String for every verb.
func (n INSZ) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", n.String())
		return
	}
	fmt.Fprint(f, n.String())
}

// LogValue logs the masked number.
func (n INSZ) LogValue() slog.Value { return slog.StringValue(n.String()) }

// MarshalText writes the masked number.
func (n INSZ) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// notification lists the accepted prestaties of a signed sending.
func notification(f *vsb.File, d *Decision, employee string, signed vsb.Date) (*Notification, error) {
	z, err := f.Zending()
	if err != nil {
		return nil, err
	}
	rejected := map[int]bool{}
	for _, o := range d.RejectedOrders {
		rejected[o] = true
	}
	n := &Notification{ThirdParty: z.ThirdParty, Sending: z.Number, Year: z.Year, Month: z.Month, Signed: signed, SignedBy: employee}
	inv, line := -1, 0
	for _, r := range f.Records {
		switch code(r) {
		case "20":
			inv, line = inv+1, 0
		case "50":
			if inv < 0 || inv >= len(z.Facturen) || line >= len(z.Facturen[inv].Prestaties) {
				return nil, fmt.Errorf("%w: record %06d: a record 50 outside an invoice", vsb.ErrInvalid, vsb.Order(r))
			}
			fa, p := z.Facturen[inv], z.Facturen[inv].Prestaties[line]
			line++
			if rejected[vsb.Order(r)] {
				continue
			}
			n.Prestaties = append(n.Prestaties, AcceptedPrestatie{Mutualiteit: fa.Mutualiteit, Destination: fa.Destination,
				INSZ: INSZ(fa.INSZ), Invoice: fa.Number, Order: vsb.Order(r), Code: p.Code, First: p.First, Last: p.Last,
				Units: p.Units, Provider: p.Provider, Account: p.Account, Amount: p.Amount, PatientShare: p.PatientShare,
				Supplement: p.Supplement})
		}
	}
	return n, nil
}
