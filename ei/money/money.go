package money

import (
	"errors"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of euros, held as a whole number of cents. It is never a float.
// EI and eFact amounts fit (at most 18 digits). Compute with Decimal when more than adding
// is needed, and come back with FromDecimal.
type Money int64

// Errors of conversions.
var (
	// ErrFraction: an amount with more than two decimals.
	ErrFraction = errors.New("amount has more than two decimals")
	// ErrRange: an amount outside the range of Money.
	ErrRange = errors.New("amount out of range")
	// ErrSyntax: text that is not an amount.
	ErrSyntax = errors.New("not an amount: want digits with at most two decimals, e.g. 12.34")
)

// Cents returns the amount of c cents.
func Cents(c int64) Money { return Money(c) }

// Euros returns the amount of e whole euros (it panics on overflow, like a constant would
// not compile; e is meant for literals).
func Euros(e int64) Money {
	if e > math.MaxInt64/100 || e < math.MinInt64/100 {
		panic("money.Euros: out of range")
	}
	return Money(e * 100)
}

// Cents returns the amount in cents.
func (m Money) Cents() int64 { return int64(m) }

// Decimal returns the amount in euros as a decimal.
func (m Money) Decimal() decimal.Decimal {
	if m == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(int64(m), -2)
}

// FromDecimal returns the amount of d euros. More than two decimals is ErrFraction; an
// amount outside the range of Money is ErrRange.
func FromDecimal(d decimal.Decimal) (Money, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, ErrFraction
	}
	if c.GreaterThan(decimal.NewFromInt(math.MaxInt64)) || c.LessThan(decimal.NewFromInt(math.MinInt64)) {
		return 0, ErrRange
	}
	return Money(c.IntPart()), nil
}

// Parse reads an amount in euros: an optional sign, digits, and at most two decimals after
// a point ("12.34", "-0.5", "7"). It allocates nothing.
func Parse(s string) (Money, error) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var v uint64
	digits, decimals, point := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !point:
			point = true
			continue
		case c < '0' || c > '9':
			return 0, ErrSyntax
		}
		if point {
			decimals++
			if decimals > 2 {
				return 0, ErrFraction
			}
		}
		digits++
		v = v*10 + uint64(c-'0')
		if v > math.MaxInt64 {
			return 0, ErrRange
		}
	}
	if digits == 0 {
		return 0, ErrSyntax
	}
	for ; decimals < 2; decimals++ {
		v *= 10
		if v > math.MaxInt64 {
			return 0, ErrRange
		}
	}
	if neg {
		return Money(-int64(v)), nil
	}
	return Money(v), nil
}

// String returns the amount in euros with two decimals: "12.34", "-0.05", "0.00".
func (m Money) String() string {
	var b [24]byte
	return string(m.Append(b[:0]))
}

// Append appends the amount as String writes it.
func (m Money) Append(dst []byte) []byte {
	u := uint64(m)
	if m < 0 {
		dst = append(dst, '-')
		u = uint64(-m) // also right for math.MinInt64
	}
	dst = strconv.AppendUint(dst, u/100, 10)
	c := u % 100
	return append(dst, '.', byte('0'+c/10), byte('0'+c%10))
}

// MarshalJSON writes the amount as a JSON string in euros ("12.34"), so that no reader
// turns it into a float.
func (m Money) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = m.Append(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string or number in euros ("12.34" or 12.34).
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalText writes the amount as String does.
func (m Money) MarshalText() ([]byte, error) { return m.Append(nil), nil }

// UnmarshalText reads an amount as Parse does.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Add returns m + n; ok is false when the sum overflows.
func (m Money) Add(n Money) (sum Money, ok bool) {
	s := m + n
	if (n > 0 && s < m) || (n < 0 && s > m) {
		return 0, false
	}
	return s, true
}

// Neg returns -m.
func (m Money) Neg() Money { return -m }

// Abs returns the absolute amount.
func (m Money) Abs() Money {
	if m < 0 {
		return -m
	}
	return m
}

// Cmp returns -1, 0 or +1 as m is less than, equal to or more than n.
func (m Money) Cmp(n Money) int {
	switch {
	case m < n:
		return -1
	case m > n:
		return 1
	}
	return 0
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m == 0 }
