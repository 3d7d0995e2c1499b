package zorgkas

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/voorziening"
)

// State is where a sending stands at the zorgkas.
type State string

// The states of a sending. A sending is Received until its content is decided; then it
// is refused at once (blocking error), waits for a zorgkas employee (confirmation of a
// refusal, signature of an acceptance), or is settled.
const (
	StateReceived             State = "received"              // arrived, not yet decided
	StateFileRefused          State = "file-refused"          // 920999 sent: technical validation failed
	StateAwaitingConfirmation State = "awaiting-confirmation" // refusal (920099) waits for an employee
	StateRefused              State = "refused"               // 920099 sent
	StateAwaitingSignature    State = "awaiting-signature"    // accepted, waits for an employee's signature
	StateSettled              State = "settled"               // signed: 920098, 920900, DF017 and the notification sent
)

// Sending is what the zorgkas remembers of a sending it received: enough to check the
// limits between sendings (100721, 100723, 100724) and to recognise a resubmission.
type Sending struct {
	ID           int64  // given by the History
	ThirdParty   string // R10 Z14 derdebetalende
	Number       int    // R10 Z7 zending number
	Year, Month  int    // R10 Z22/Z23 invoicing year and month
	Content      int    // R10 Z13: 0 = no derogation, 40 = eFact
	InvoiceType  int    // 300 zone 308 ("type factuur")
	Created      vsb.Date
	Received     vsb.Date
	InvoiceDates []vsb.Date // R20 Z47 of each invoice (facturatiedatum), in order
	Billing      []int      // R20 Z11 of each invoice (original, correction, credit note)
	State        State
	Reply        string // the last reply sent to the facility: 931000, 920999, 920099, 920098 …
	Resubmits    int64  // the ID of the refused sending this one resubmits; 0 if none
}

// Refused reports whether the facility was told to send the sending again (920999 or
// 920099): such a sending does not count against the limits, and its number may be used
// again by its resubmission.
func (s Sending) Refused() bool { return s.State == StateFileRefused || s.State == StateRefused }

// History is where the zorgkas side keeps the sendings it received: the same small store
// pattern as the COV Store and the Q ledger. MemoryHistory and SQLHistory implement it.
// Implementations must be safe for concurrent use.
type History interface {
	// Add records a new sending and returns its ID.
	Add(ctx context.Context, s Sending) (int64, error)
	// Update replaces the sending with s.ID.
	Update(ctx context.Context, s Sending) error
	// Sendings returns the sendings of a third party, in the order they were added.
	Sendings(ctx context.Context, thirdParty string) ([]Sending, error)
	// Get returns the sending with the ID.
	Get(ctx context.Context, id int64) (Sending, error)
}

// ErrNoSending: the History has no sending with that ID.
var ErrNoSending = errors.New("zorgkas: no such sending")

// SendingOf sums up a sending read from its file.
func SendingOf(z *vsb.Zending, received vsb.Date) Sending {
	s := Sending{ThirdParty: z.ThirdParty, Number: z.Number, Year: z.Year, Month: z.Month, Content: z.Content,
		InvoiceType: z.InvoiceType, Created: z.Created, Received: received, State: StateReceived}
	for _, f := range z.Facturen {
		s.InvoiceDates = append(s.InvoiceDates, f.Date)
		s.Billing = append(s.Billing, f.Billing)
	}
	return s
}

// zending is the part of a Zending a Sending remembers, for voorziening.CheckResubmission.
func (s Sending) zending() *vsb.Zending {
	z := &vsb.Zending{Number: s.Number, InvoiceType: s.InvoiceType, Created: s.Created}
	for i, d := range s.InvoiceDates {
		f := vsb.Factuur{Date: d}
		if i < len(s.Billing) {
			f.Billing = s.Billing[i]
		}
		z.Facturen = append(z.Facturen, f)
	}
	return z
}

// Admission is what the history says about a new sending.
type Admission struct {
	Sending Sending // as added to the History (with its ID)
	// Resubmission is the refused sending this one sends again (same number), nil if
	// none. Problems lists what the resubmission keeps that must change or changes that
	// must stay (seed 001); a resubmission with problems is not one: its number counts as
	// used twice (100721).
	Resubmission *Sending
	Problems     []string
	// Findings are the limits the sending breaks, with the dictionary's code and letter
	// (all B: the sending is refused, 920099), on record 10 zone 7 or 13.
	Findings []validate.Finding
}

// Admit checks a sending against the earlier sendings of its third party and adds it to
// the History:
//
//   - 100721 (B): the zending number was used before by the same derdebetalende in the
//     same year, unless this is the resubmission of a refused sending (920999 or 920099)
//     that follows seed 001's rules: same number and invoice type, a new creation date, and
//     the same facturatiedatum after 920999 or a new one after 920099;
//   - 100723 (B): a third sending for one invoicing month, when R10 Z13 = 000 (no
//     derogation);
//   - 100724 (B): a second eFact sending (R10 Z13 = 040) received on one day.
//
// Readings (the dictionary gives one line each; chosen so as not to refuse a correct
// sending, see NOTES in the package doc): "year" is the invoicing year (R10 Z22) and the
// year of the creation date both, so a December invoicing sent in January collides with
// neither numbering; "per month" is the invoicing month; "per day" is the day received;
// sendings that were refused (920999, 920099) count for none of the limits, since the
// facility was told to send them again.
func Admit(ctx context.Context, h History, z *vsb.Zending, received vsb.Date) (*Admission, error) {
	if h == nil {
		return nil, errors.New("zorgkas: Admit: the History is nil")
	}
	earlier, err := h.Sendings(ctx, z.ThirdParty)
	if err != nil {
		return nil, fmt.Errorf("zorgkas: reading the sendings of third party %s: %w", z.ThirdParty, err)
	}
	a := &Admission{Sending: SendingOf(z, received)}
	s := &a.Sending
	sameMonth, sameDay := 0, 0
	var used *Sending // a sending that was not refused, with the same number
	for i, e := range earlier {
		if e.Refused() {
			continue
		}
		if e.Number == s.Number && sameYear(e, *s) && used == nil {
			used = &earlier[i]
		}
		if e.Year == s.Year && e.Month == s.Month {
			sameMonth++
		}
		if e.Received == s.Received && e.Content == 40 {
			sameDay++
		}
	}
	switch {
	case used != nil:
		a.Findings = append(a.Findings, finding("100721", "7",
			fmt.Sprintf("zending number %d was used by sending %d (received %s) of third party %s in %d", s.Number, used.ID, used.Received, s.ThirdParty, s.Year)))
	default:
		// The latest refused sending with the same number is what this one resubmits.
		for i := len(earlier) - 1; i >= 0; i-- {
			e := earlier[i]
			if e.Number == s.Number && sameYear(e, *s) && e.Refused() {
				after := vsb.MsgSendingRefused
				if e.State == StateFileRefused {
					after = vsb.MsgFileRefused
				}
				a.Resubmission = &earlier[i]
				a.Problems = voorziening.CheckResubmission(e.zending(), z, after)
				break
			}
		}
		if a.Resubmission != nil && len(a.Problems) == 0 {
			s.Resubmits = a.Resubmission.ID
		}
		if a.Resubmission != nil && len(a.Problems) > 0 {
			a.Findings = append(a.Findings, finding("100721", "7",
				fmt.Sprintf("zending number %d is that of refused sending %d, but this is no valid resubmission: %s", s.Number, a.Resubmission.ID, a.Problems[0])))
		}
	}
	if s.Content == 0 && sameMonth >= 2 {
		a.Findings = append(a.Findings, finding("100723", "13",
			fmt.Sprintf("%d sendings for %04d-%02d already, and R10 Z13 = 000 (no derogation): at most two a month", sameMonth, s.Year, s.Month)))
	}
	if s.Content == 40 && sameDay >= 1 {
		a.Findings = append(a.Findings, finding("100724", "13",
			fmt.Sprintf("an eFact sending was received on %s already: at most one a day", s.Received)))
	}
	id, err := h.Add(ctx, *s)
	if err != nil {
		return nil, fmt.Errorf("zorgkas: recording sending %d of third party %s: %w", s.Number, s.ThirdParty, err)
	}
	s.ID = id
	return a, nil
}

func sameYear(a, b Sending) bool { return a.Year == b.Year && a.Created.Year == b.Created.Year }

// finding is a finding on record 10 (order number 1), with the dictionary's letter and text.
func finding(code, zone, detail string) validate.Finding {
	return vsb.NewFinding(1, "10", zone, code, detail)
}

// MemoryHistory is a History in memory. The zero value is ready for use.
type MemoryHistory struct {
	mu       sync.Mutex
	sendings []Sending
}

// Add implements History.
func (m *MemoryHistory) Add(_ context.Context, s Sending) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s.ID = int64(len(m.sendings) + 1)
	m.sendings = append(m.sendings, clone(s))
	return s.ID, nil
}

// Update implements History.
func (m *MemoryHistory) Update(_ context.Context, s Sending) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s.ID < 1 || s.ID > int64(len(m.sendings)) {
		return fmt.Errorf("%w: %d", ErrNoSending, s.ID)
	}
	m.sendings[s.ID-1] = clone(s)
	return nil
}

// Sendings implements History.
func (m *MemoryHistory) Sendings(_ context.Context, thirdParty string) ([]Sending, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Sending
	for _, s := range m.sendings {
		if s.ThirdParty == thirdParty {
			out = append(out, clone(s))
		}
	}
	return out, nil
}

// Get implements History.
func (m *MemoryHistory) Get(_ context.Context, id int64) (Sending, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id < 1 || id > int64(len(m.sendings)) {
		return Sending{}, fmt.Errorf("%w: %d", ErrNoSending, id)
	}
	return clone(m.sendings[id-1]), nil
}

func clone(s Sending) Sending {
	s.InvoiceDates = slices.Clone(s.InvoiceDates)
	s.Billing = slices.Clone(s.Billing)
	return s
}
