package ledger

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar day as Q files write it (EEJJMMDD). The zero Date is "no date".
//
// It has the shape of the module's civil date (Year, Month, Day) so that switching to it
// is a rename.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// MakeDate returns the date of year, month and day.
func MakeDate(year int, month time.Month, day int) Date { return Date{year, month, day} }

// ParseDate reads a date written as YYYYMMDD (the Q file form) or YYYY-MM-DD. It refuses
// days that do not exist (20140332).
func ParseDate(s string) (Date, error) {
	var y, m, d int
	var err error
	switch {
	case len(s) == 8 && allDigits(s):
		y, _ = strconv.Atoi(s[0:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:8])
	case len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[0:4]+s[5:7]+s[8:10]):
		y, _ = strconv.Atoi(s[0:4])
		m, _ = strconv.Atoi(s[5:7])
		d, _ = strconv.Atoi(s[8:10])
	default:
		return Date{}, fmt.Errorf("date %q: want YYYYMMDD or YYYY-MM-DD", s)
	}
	dt := Date{y, time.Month(m), d}
	if !dt.Valid() {
		err = fmt.Errorf("date %q: no such day", s)
		return Date{}, err
	}
	return dt, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a day of the calendar.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day && t.Month() == d.Month
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Key is the date as the number YYYYMMDD: it sorts as the dates do and is how the
// ledger stores dates.
func (d Date) Key() int64 { return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day) }

// dateFromKey is the inverse of Key.
func dateFromKey(k int64) Date {
	return Date{int(k / 10000), time.Month(k / 100 % 100), int(k % 100)}
}

// AddDays returns the date n days after d (before it for negative n).
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Key() < e.Key() }

// daysInclusive is the number of days from d up to and including e (0 when e < d).
func daysInclusive(d, e Date) int {
	if e.Before(d) {
		return 0
	}
	a := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours()/24) + 1
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as YYYY-MM-DD or YYYYMMDD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
