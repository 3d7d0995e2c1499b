package insurer

import (
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The COD954 return codes of the insurer's checks.
const (
	CodeTeLaat             = "0586" // declaratie is te laat ingediend
	CodeGeenMachtiging     = "0551" // er is geen machtiging afgegeven
	CodeBSNGeboortedatum   = "8004" // combinatie BSN en geboortedatum verzekerde is onjuist
	CodeVnrGeboortedatum   = "0307" // combinatie verzekerdennummer en geboortedatum verzekerde is onjuist
	CodeNietVerzekerd      = "0320" // cliënt is niet verzekerd
	CodeGeenContract       = "8648" // voor deze prestatie i.c.m. de polis is er geen contract met de declarant
	DefaultMachtigingLimit = 3000   // minutes (seed 004)
)

// DummyBSN is the value filled when a person has no (known) BSN (seed 002 table 2-4).
const DummyBSN = "999999999"

// Deadline is an insurer's submission deadline (indientermijn) and the date from which it
// holds. The zero value is the policy of seed 004: "Door de invoering van het
// Zorgprestatiemodel wijzigt de indientermijn per 1 januari 2022 naar 1 jaar": a prestatie
// opened in year Y must be submitted by 30 April of Y+1, for declarations submitted on or
// after 1 January 2022.
//
// The date of effect is read as a date of submission, not of opening: the seed's own
// example applies the term to a prestatie opened on 20 May 2021. What held before it
// the seed does not say: Earlier gives that term as a policy option; without it a
// declaration submitted before the date of effect is not late (the reading that does not
// reject a correct file).
type Deadline struct {
	Years int        // years after the opening year; zero means 1
	Month time.Month // month of the last day; zero means April
	Day   int        // last day; zero means 30
	// Since is the first day of submission the term holds for; zero means 1 January 2022
	// (seed 004). A term that always held has a Since far back (record.NewDate(1, 1, 1)).
	Since record.Date
	// Earlier is the term for declarations submitted before Since; nil means none: they
	// are not late.
	Earlier *Deadline
}

// DeadlineSince is the date of effect of seed 004's one-year term.
var DeadlineSince = civil.NewDate(2022, time.January, 1)

func (d Deadline) since() record.Date {
	if d.Since.IsZero() {
		return DeadlineSince
	}
	return d.Since
}

// For returns the term that holds for a declaration submitted on submitted: d itself, or
// its Earlier term before its date of effect (false when there is none).
func (d Deadline) For(submitted record.Date) (Deadline, bool) {
	for cur := &d; ; {
		if !submitted.Before(cur.since()) {
			return *cur, true
		}
		if cur.Earlier == nil {
			return Deadline{}, false
		}
		cur = cur.Earlier
	}
}

// Last returns the last day on which a prestatie opened on opened may be submitted under
// this term (its date of effect aside; see For).
func (d Deadline) Last(opened record.Date) record.Date {
	y, m, day := d.Years, d.Month, d.Day
	if y == 0 {
		y = 1
	}
	if m == 0 {
		m = time.April
	}
	if day == 0 {
		day = 30
	}
	return civil.NewDate(opened.Year+y, m, day)
}

// Late reports whether a prestatie opened on opened and submitted on submitted is late,
// under the term that holds on the day of submission (For). An empty or impossible
// opening date is not judged here (the validator reports it).
func (d Deadline) Late(opened, submitted record.Date) bool {
	if !opened.Valid() || !submitted.Valid() {
		return false
	}
	t, ok := d.For(submitted)
	return ok && submitted.After(t.Last(opened))
}

// Treatment is what the insurer knows of a treatment for the machtiging rules of seed 004.
type Treatment struct {
	// SpecialisedGGZ: the insured has a referral for specialised GGZ (gespecialiseerde GGZ).
	SpecialisedGGZ bool
	// Institution: the provider is a GGZ institution (instelling); false means a
	// self-employed provider (vrijgevestigde), per the Model Kwaliteitsstatuut.
	Institution bool
	// Contracted: the insurer has a contract with the provider.
	Contracted bool
	// MaxMinutes is how long the treatment may take, in minutes (0 when not known).
	MaxMinutes int
}

// NeedsMachtiging reports whether a treatment needs prior authorisation (seed 004): a
// referral for specialised GGZ to a non-contracted institution, or a treatment by a
// self-employed provider that may take more than limit minutes (zero: 3000).
func NeedsMachtiging(t Treatment, limit int) bool {
	if limit == 0 {
		limit = DefaultMachtigingLimit
	}
	switch {
	case t.SpecialisedGGZ && t.Institution && !t.Contracted:
		return true
	case !t.Institution && t.MaxMinutes > limit:
		return true
	}
	return false
}

// Cap returns what the insurer pays for a prestatie of a non-contracted provider: the
// declared amount up to the maximum reimbursement, and whether it was capped.
// Contracted providers are paid per contract (the declared amount here).
func Cap(declared, max record.Money, contracted bool) (toegekend record.Money, capped bool) {
	if contracted || declared <= max {
		return declared, false
	}
	return max, true
}

// Person is what the insurer's records say about an insured person.
type Person struct {
	Geboortedatum record.Date
	Periods       []Period // the periods in which the person is insured with this insurer
}

// Period is a period of insurance; a zero End means open-ended.
type Period struct {
	Begin, End record.Date
}

// InsuredOn reports whether the person is insured on date d.
func (p Person) InsuredOn(d record.Date) bool {
	for _, pr := range p.Periods {
		if !d.Before(pr.Begin) && (pr.End.IsZero() || !d.After(pr.End)) {
			return true
		}
	}
	return false
}

// CheckPerson returns the return code for a verzekerde as the insurer knows it: 8004 when
// the BSN is unknown or its date of birth differs (0307 when the person was looked up by
// verzekerdennummer because the BSN is the dummy), "" when it matches.
func CheckPerson(found bool, p Person, birth record.Date, byNumber bool) string {
	if !found || p.Geboortedatum != birth {
		if byNumber {
			return CodeVnrGeboortedatum
		}
		return CodeBSNGeboortedatum
	}
	return ""
}

// CheckInsured returns 0320 when the person is not insured on the date of the prestatie.
func CheckInsured(p Person, on record.Date) string {
	if !on.Valid() || p.InsuredOn(on) {
		return ""
	}
	return CodeNietVerzekerd
}
