package record

import "strings"

// MaxIntDigits is the longest N field read as an int64 (Kind KindInteger). Longer N
// fields are Digits: every digit is kept, none is lost to an overflow.
const MaxIntDigits = 18

// Digits is the content of an N field of any length as its digits, exactly as they stand
// (zero-padded on the left to the field's length when read). The empty Digits is written
// as zeros. Use it for N fields longer than MaxIntDigits positions, where an int64 would
// not hold every value.
type Digits string

// IsZero reports whether every digit is 0 (the empty Digits too).
func (d Digits) IsZero() bool { return strings.Trim(string(d), "0") == "" }

// Int64 returns the value when it fits an int64 (at most MaxIntDigits significant digits).
func (d Digits) Int64() (int64, bool) {
	s := strings.TrimLeft(string(d), "0")
	if len(s) > MaxIntDigits {
		return 0, false
	}
	v, bad := ParseDigits(s)
	return v, bad < 0
}

// String returns the digits.
func (d Digits) String() string { return string(d) }

// Digits returns N field i as its digits, checked one by one (any length).
func (d *Decoder) Digits(i int) Digits {
	if d.err != nil {
		return ""
	}
	_, s := d.raw(i)
	f := &d.layout.fields[i]
	if err := checkDigits(d.layout, f, s); err != nil {
		d.err = err
		return ""
	}
	return Digits(s)
}

// Digits writes N field i: the digits of v right-aligned and padded with zeros (zeros for
// the empty Digits). A non-digit or more digits than the field has positions is an error.
func (e *Encoder) Digits(i int, v Digits) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendDigits(e.buf, e.layout, f, string(v))
		e.setErr(err)
	}
}

func checkDigits(l *Layout, f *Field, s string) *Error {
	if f.Type != Numeric {
		return FieldError(l, f, f.Start, ErrNotDigit, "Digits are an N field")
	}
	for j := 0; j < len(s); j++ {
		if s[j] < '0' || s[j] > '9' {
			return FieldError(l, f, f.Start+j, ErrNotDigit, "N field holds a non-digit")
		}
	}
	return nil
}

func appendDigits(dst []byte, l *Layout, f *Field, v string) ([]byte, *Error) {
	if f.Type != Numeric {
		return dst, FieldError(l, f, f.Start, ErrNotDigit, "Digits are an N field")
	}
	for j := 0; j < len(v); j++ {
		if v[j] < '0' || v[j] > '9' {
			return dst, FieldError(l, f, f.Start, ErrNotDigit, "Digits hold a non-digit")
		}
	}
	if len(v) > f.Length {
		t := strings.TrimLeft(v, "0")
		if len(t) > f.Length {
			return dst, FieldError(l, f, f.Start, ErrTooLong, "more digits than the field has positions")
		}
		v = t
	}
	return append(pad(dst, zeros, f.Length-len(v)), v...), nil
}

// FieldDigits returns N field i of rec as its digits, checked one by one (any length).
func FieldDigits[T ~string | ~[]byte](rec T, l *Layout, i int) (Digits, error) {
	f := &l.fields[i]
	s := string(rec[f.Start-1 : f.End])
	if err := checkDigits(l, f, s); err != nil {
		return "", err
	}
	return Digits(s), nil
}

// PutDigits overwrites N field i of the formatted record rec with v, zero-padded.
func PutDigits(rec []byte, l *Layout, i int, v Digits) error {
	f := &l.fields[i]
	b, err := appendDigits(make([]byte, 0, f.Length), l, f, string(v))
	if err != nil {
		return err
	}
	copy(rec[f.Start-1:f.End], b)
	return nil
}

// tooBig reports whether the digits s (checked) hold a value beyond MaxIntDigits
// significant digits, which an int64 cannot hold exactly.
func tooBig[T ~string | ~[]byte](s T) bool {
	if len(s) <= MaxIntDigits {
		return false
	}
	i := 0
	for i < len(s) && s[i] == '0' {
		i++
	}
	return len(s)-i > MaxIntDigits
}
