package vsb

import (
	"fmt"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
)

// Money is an amount in euro cents: the module's money type (String "12.34", JSON as a
// string, never a float).
type Money = money.Money

// Date is a calendar date, the module's date type; the zero Date is the empty date
// 00000000.
type Date = civil.Date

// Cents is the amount of c euro cents: Cents(1234) is 12.34 euro.
func Cents(c int64) Money { return money.Cents(c) }

// Euros is the amount of e whole euros.
func Euros(e int64) Money { return money.Euros(e) }

// NewDate is the date y-m-d (no check: Date.Valid says whether it exists).
func NewDate(y int, m time.Month, d int) Date { return civil.NewDate(y, m, d) }

// ParseMoney reads an amount in euros ("-12.34", "7").
func ParseMoney(s string) (Money, error) {
	m, err := money.Parse(s)
	if err != nil {
		return 0, fmt.Errorf("%w: amount %q: %w", ErrInvalid, s, err)
	}
	return m, nil
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
	return civil.DateOf(t), nil
}

// DateOf is the date of t.
func DateOf(t time.Time) Date { return civil.DateOf(t) }

// dateDigits is YYYYMMDD (00000000 for the zero date).
func dateDigits(d Date) string {
	if d.IsZero() {
		return "00000000"
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}
