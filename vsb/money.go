package vsb

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Money is an amount in euro cents. (It becomes the core's money.Money, also int64 cents.)
type Money int64

// String formats the amount as euros with two decimals: "-12.34".
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// MarshalJSON writes the amount as a decimal string, "-12.34", so no float is involved.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.String() + `"`), nil }

// Date is a calendar date; the zero Date is the empty date 00000000.
// (It becomes the core's civil.Date.)
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYYMMDD; 00000000 is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "00000000" {
		return Date{}, nil
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return Date{}, fmt.Errorf("%w: date %q, want YYYYMMDD", ErrInvalid, s)
	}
	return DateOf(t), nil
}

// DateOf is the date of t.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Digits is YYYYMMDD (00000000 for the zero date).
func (d Date) Digits() string {
	if d.IsZero() {
		return "00000000"
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// String is YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Digits() < e.Digits() }

// ParseMoney reads "-12.34" (exactly two decimals, or none) into cents.
func ParseMoney(s string) (Money, error) {
	in := s
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || (dot && len(frac) != 2) {
		return 0, fmt.Errorf("%w: amount %q, want euros with two decimals", ErrInvalid, in)
	}
	var v int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' || v > (1<<62)/10 {
			return 0, fmt.Errorf("%w: amount %q, want euros with two decimals", ErrInvalid, in)
		}
		v = v*10 + int64(c-'0')
	}
	if !dot {
		v *= 100
	}
	if neg {
		v = -v
	}
	return Money(v), nil
}

// UnmarshalJSON reads the string form MarshalJSON writes.
func (m *Money) UnmarshalJSON(b []byte) error {
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("%w: amount %s, want a string like \"12.34\"", ErrInvalid, b)
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
