package ledger

import (
	"fmt"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
)

// Date is a calendar day: the module's one date type (the same as record.Date). The zero
// Date is "no date".
type Date = civil.Date

// MakeDate returns the date of year, month and day.
func MakeDate(year int, month time.Month, day int) Date { return civil.NewDate(year, month, day) }

// ParseDate reads a date written as YYYYMMDD (the Q file form) or YYYY-MM-DD. It refuses
// days that do not exist (20140332).
func ParseDate(s string) (Date, error) {
	if len(s) == 8 {
		d, err := civil.ParseEEJJMMDD(s)
		if err == nil && d.Valid() {
			return d, nil
		}
		return Date{}, fmt.Errorf("date %q: want YYYYMMDD or YYYY-MM-DD, an existing day", s)
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYYMMDD or YYYY-MM-DD, an existing day", s)
	}
	return d, nil
}

// dateKey is the date as the number YYYYMMDD: it sorts as the dates do and is how the
// ledger stores dates.
func dateKey(d Date) int64 { return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day) }

// dateFromKey is the inverse of dateKey.
func dateFromKey(k int64) Date {
	return Date{Year: int(k / 10000), Month: time.Month(k / 100 % 100), Day: int(k % 100)}
}

// daysInclusive is the number of days from d up to and including e (0 when e < d).
func daysInclusive(d, e Date) int {
	if e.Before(d) {
		return 0
	}
	return e.DaysSince(d) + 1
}
