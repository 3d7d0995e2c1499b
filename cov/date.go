package cov

import (
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
)

// Date is a civil date (a day in the calendar, without a time or a time
// zone), as the COV messages carry them: peildatum, geboortedatum,
// ingangsdatum, einddatum. It is the module's one date type (the same as
// record.Date).
//
// The zero Date means "not set". A Date made from a struct literal may be
// invalid (for example 31 February); [Date.Valid] tells, and [Zoekopdracht.Validate]
// rejects such dates before anything is sent.
type Date = civil.Date

// NewDate returns the date y-m-d. It does not normalise: NewDate(2025, 2, 29)
// is an invalid Date, not 1 March.
func NewDate(year int, month time.Month, day int) Date { return civil.NewDate(year, month, day) }

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return civil.DateOf(t) }

// ParseDate parses a date written as YYYY-MM-DD.
func ParseDate(s string) (Date, error) { return civil.ParseDate(s) }
