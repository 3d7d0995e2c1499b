package record

import (
	"fmt"
	"time"
)

// Date is a calendar date as an EI file holds it (EEJJMMDD). The zero Date is the empty
// date, written as 00000000.
//
// A Date read from a file keeps its digits as they are, so a date that does not exist
// (20150231) survives a round trip; Valid tells whether it exists.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the empty date (00000000).
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is an existing calendar date (the empty date is not).
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Time returns midnight UTC of d. For an invalid date the result is normalised by time.Date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d plus n days (d must be valid).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String returns the date as YYYY-MM-DD, or "" for the empty date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes YYYY-MM-DD, or nothing for the empty date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD (or nothing, for the empty date). The date must exist.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD: %w", b, err)
	}
	*d = DateOf(t)
	return nil
}

// ParseEEJJMMDD parses an 8-digit EI date; 00000000 gives the empty date.
// The date need not exist (see Valid).
func ParseEEJJMMDD(s string) (Date, error) {
	if len(s) != 8 {
		return Date{}, fmt.Errorf("date %q: want 8 digits EEJJMMDD", s)
	}
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return Date{}, fmt.Errorf("date: want 8 digits EEJJMMDD, found a non-digit at position %d", i+1)
		}
	}
	return dateFromDigits(s), nil
}

func dateFromDigits(s string) Date {
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[4]-'0')*10 + int(s[5]-'0')
	dd := int(s[6]-'0')*10 + int(s[7]-'0')
	return Date{Year: y, Month: time.Month(m), Day: dd}
}
