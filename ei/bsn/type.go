package bsn

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// BSN is a burgerservicenummer as text of nine digits; it keeps its leading zeros.
//
// A BSN is personal data. Every way of printing it masks it: String, every fmt verb (%v,
// %+v, %#v, %s, %q, %d, %x …), MarshalText (so JSON and XML) and slog (LogValue) show at
// most the last three digits ("******782"). Only Digits returns the full number: use it to
// write a file or a request, never in a message.
//
// The zero BSN is the empty BSN (an N field of zeros reads as "000000000", not as "").
type BSN string

// Dummy is the placeholder 999999999 that declarations carry when a person has no BSN.
// It fails the elfproef.
const Dummy BSN = "999999999"

// Errors of Check.
var (
	ErrForm     = errors.New("a BSN is nine digits")
	ErrElfproef = errors.New("BSN fails the elfproef")
	ErrDummy    = errors.New("BSN is the dummy 999999999")
	ErrEmptyBSN = errors.New("BSN is empty")
)

// Digits returns the full number. Never log it or put it in an error.
func (b BSN) Digits() string { return string(b) }

// Check reports whether b is nine digits passing the elfproef. The dummy gives ErrDummy,
// the empty BSN ErrEmptyBSN. Errors never hold the number.
func (b BSN) Check() error {
	switch {
	case b == "":
		return ErrEmptyBSN
	case b == Dummy:
		return ErrDummy
	case len(b) != 9 || strings.Trim(string(b), "0123456789") != "":
		return ErrForm
	case !Valid(string(b)):
		return ErrElfproef
	}
	return nil
}

// IsDummy reports whether b is the dummy 999999999.
func (b BSN) IsDummy() bool { return b == Dummy }

// String returns the masked BSN, for example "******782".
func (b BSN) String() string { return Mask(string(b)) }

// GoString returns the masked BSN, so that %#v does not show it either.
func (b BSN) GoString() string { return fmt.Sprintf("BSN(%q)", Mask(string(b))) }

// Format prints the masked BSN for every verb.
func (b BSN) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, b.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", Mask(string(b)))
	default:
		fmt.Fprint(f, Mask(string(b)))
	}
}

// MarshalText returns the masked BSN: encoding a BSN never writes the full number. There
// is deliberately no UnmarshalText.
func (b BSN) MarshalText() ([]byte, error) { return []byte(Mask(string(b))), nil }

// LogValue makes slog log the masked BSN.
func (b BSN) LogValue() slog.Value { return slog.StringValue(Mask(string(b))) }

// Mask masks all but the last three characters of s with '*' ("123456782" →
// "******782"). Strings of fewer than seven characters are masked completely.
func Mask(s string) string {
	n := len(s)
	keep := 3
	if n < 7 {
		keep = 0
	}
	return strings.Repeat("*", n-keep) + s[n-keep:]
}
