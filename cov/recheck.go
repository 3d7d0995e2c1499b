package cov

import (
	"fmt"
	"time"
)

// Trigger is the moment at which practice software asks whether a COV check
// is due (seed 000): a new patient, opening a record, creating an invoice.
type Trigger int

// The triggers. The zero Trigger is "unspecified".
const (
	TriggerNewPatient Trigger = iota + 1 // a patient is created
	TriggerOpenRecord                    // an existing patient record is opened
	TriggerInvoice                       // an invoice (declaration) is created
)

// String returns "new patient", "open record", "invoice" or "unspecified".
func (t Trigger) String() string {
	switch t {
	case TriggerNewPatient:
		return "new patient"
	case TriggerOpenRecord:
		return "open record"
	case TriggerInvoice:
		return "invoice"
	}
	return "unspecified"
}

// Reason says why a check is due, or that it is not.
type Reason int

// The reasons, in the order RecheckPolicy tests them.
const (
	ReasonNotDue       Reason = iota // the last check is recent enough
	ReasonNeverChecked               // there is no earlier check
	ReasonEarlierYear                // the last check was in an earlier calendar year
	ReasonTurnedAdult                // the patient turned 18 (AdultAge) since the last check
	ReasonTooOld                     // the last check is more than MaxAgeDays days old
)

// String describes the reason in a few words.
func (r Reason) String() string {
	switch r {
	case ReasonNeverChecked:
		return "never checked"
	case ReasonEarlierYear:
		return "last check in an earlier calendar year"
	case ReasonTurnedAdult:
		return "patient came of age since the last check"
	case ReasonTooOld:
		return "last check too old"
	}
	return "not due"
}

// RecheckPolicy decides when a COV check is due. Its zero value is the
// policy of seed 000: a check is due when the patient was never checked,
// when the last check was in an earlier calendar year, when the patient
// turned 18 since the last check, or when the last check is older than 28
// days. Each rule can be switched off, and the age and the days changed.
type RecheckPolicy struct {
	// MaxAgeDays: a check is due when the last one is more than this many
	// days old (checked on day 0, due again on day MaxAgeDays+1).
	// 0 means 28.
	MaxAgeDays int
	// AdultAge: a check is due when the patient reached this age since the
	// last check (the move to an adult policy). 0 means 18.
	AdultAge int

	// Switches: set to true to turn a rule off.
	IgnoreAge       bool // turn off the MaxAgeDays rule
	IgnoreNewYear   bool // turn off the calendar-year rule
	IgnoreAdulthood bool // turn off the AdultAge rule
	// IgnoreNeverChecked turns off "never checked is due". Rarely wanted.
	IgnoreNeverChecked bool

	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location is the time zone in which calendar days are counted (for
	// "today" and for the day of the last check); nil means time.Local.
	Location *time.Location
}

// Decision is the answer of RecheckPolicy.Decide.
type Decision struct {
	Due     bool
	Reason  Reason
	Trigger Trigger
	// Why says in words why the check is (not) due. It contains no
	// personal data (no birth date).
	Why string
}

// String returns e.g. "COV check due (invoice): last check 29 days ago, more than 28".
func (d Decision) String() string {
	state := "COV check not due"
	if d.Due {
		state = "COV check due"
	}
	return fmt.Sprintf("%s (%s): %s", state, d.Trigger, d.Why)
}

// Decide tells whether a check is due for a patient born on geboortedatum
// whose last check was at lastChecked (the zero time: never). The rules are
// tested in the order of the Reason constants and the first that applies is
// reported. The trigger is recorded in the Decision; the rules are the same
// for every trigger.
func (p RecheckPolicy) Decide(trigger Trigger, geboortedatum Date, lastChecked time.Time) Decision {
	maxDays := p.MaxAgeDays
	if maxDays <= 0 {
		maxDays = 28
	}
	adultAge := p.AdultAge
	if adultAge <= 0 {
		adultAge = 18
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	loc := p.Location
	if loc == nil {
		loc = time.Local
	}
	today := DateOf(now().In(loc))
	d := Decision{Trigger: trigger}
	due := func(r Reason, why string) Decision {
		d.Due, d.Reason, d.Why = true, r, why
		return d
	}

	if lastChecked.IsZero() {
		if p.IgnoreNeverChecked {
			d.Why = "never checked, but that rule is off"
			return d
		}
		return due(ReasonNeverChecked, "never checked")
	}
	last := DateOf(lastChecked.In(loc))
	age := today.DaysSince(last)

	if !p.IgnoreNewYear && last.Year < today.Year {
		return due(ReasonEarlierYear, fmt.Sprintf("last check on %s, in an earlier calendar year than %d", last, today.Year))
	}
	if !p.IgnoreAdulthood && geboortedatum.Valid() {
		if birthday := geboortedatum.AddYears(adultAge); last.Before(birthday) && !today.Before(birthday) {
			return due(ReasonTurnedAdult, fmt.Sprintf("patient turned %d after the last check on %s", adultAge, last))
		}
	}
	if !p.IgnoreAge && age > maxDays {
		return due(ReasonTooOld, fmt.Sprintf("last check %s ago, more than %d", days(age), maxDays))
	}
	d.Why = fmt.Sprintf("last check %s ago", days(age))
	return d
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
