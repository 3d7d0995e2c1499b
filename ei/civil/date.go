package civil

import (
	"fmt"
	"time"
)

// Date is a calendar date without time or zone. The zero Date is the empty date, written
// as 00000000 in a fixed-width field.
//
// A Date read from a file keeps its digits as they are, so a date that does not exist
// (20150231) survives a round trip; Valid tells whether it exists.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d. It does not normalise: NewDate(2025, 2, 29) is an
// invalid Date, not 1 March.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns the current date in local time.
func Today() Date { return DateOf(time.Now()) }

// ParseDate parses a date written as YYYY-MM-DD. The date must exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: expected a real date written as YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// ParseEEJJMMDD parses an 8-digit date EEJJMMDD; 00000000 gives the empty date. The date
// need not exist (see Valid).
func ParseEEJJMMDD(s string) (Date, error) {
	if len(s) != 8 {
		return Date{}, fmt.Errorf("date: want 8 digits EEJJMMDD, have %d characters", len(s))
	}
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return Date{}, fmt.Errorf("date: want 8 digits EEJJMMDD, found a non-digit at position %d", i+1)
		}
	}
	return FromDigits(s), nil
}

// FromDigits returns the date of 8 ASCII digits EEJJMMDD without checking them; callers
// have checked that s holds 8 digits.
func FromDigits[T ~string | ~[]byte](s T) Date {
	_ = s[7]
	return FromWord(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
}

// FromWord is FromDigits for the eight digits loaded as one word, the first digit in the
// lowest byte (as binary.LittleEndian.Uint64 loads them), unchecked. It is what the
// fixed-width readers use: a date in a handful of instructions, small enough to be
// inlined.
func FromWord(w uint64) Date {
	// Each byte made its digit, then each even byte ten times itself plus the next: the
	// pairs EE, JJ, MM and DD in the low byte of each 16 bits (no sum leaves its byte: at
	// most 9*10+9).
	w -= 0x3030303030303030
	w = (w*10 + w>>8) & 0x00ff00ff00ff00ff
	return Date{Year: int(w&0xff)*100 + int(w>>16&0xff), Month: time.Month(w >> 32 & 0xff), Day: int(w >> 48)}
}

// AppendDigits appends d as EEJJMMDD (00000000 for the empty date). ok is false when d
// does not fit eight digits.
func (d Date) AppendDigits(dst []byte) (_ []byte, ok bool) {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return dst, false
	}
	y, m, dd := d.Year, int(d.Month), d.Day
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10), byte('0'+dd/10), byte('0'+dd%10)), true
}

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is an existing calendar date, year 1 to 9999 (the empty date is
// not).
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Month, d.Year)
}

// daysIn returns the number of days of month m (1-12) of year y (Gregorian calendar),
// without time.Date: validation checks dates by the million.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Time returns midnight UTC of d. For an invalid date the result is normalised by time.Date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d plus n days (d must be valid).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddYears returns the same day n years later (earlier when n < 0). 29 February becomes
// 1 March in a year that is not a leap year.
func (d Date) AddYears(n int) Date { return DateOf(d.Time().AddDate(n, 0, 0)) }

// DaysSince returns the number of days from e to d (negative if d is before e).
func (d Date) DaysSince(e Date) int {
	return int((d.Time().Unix() - e.Time().Unix()) / (24 * 60 * 60))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	}
	return cmp(d.Day, e.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func cmp(a, b int) int {
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
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
