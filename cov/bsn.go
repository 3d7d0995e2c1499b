package cov

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/zorgbericht/zorgbericht/internal/bsn"
)

// BSN is a burgerservicenummer: nine digits that pass the elfproef.
//
// A BSN is personal data. Every way of printing a BSN masks it: String,
// fmt verbs (%v, %s, %q, %d, %x, %#v …), MarshalText (so JSON and XML
// encoders) and slog (LogValue) all show at most the last three digits, as
// [MaskBSN] does. Only [BSN.Digits] returns the full number; the SOAP
// transport uses it to fill in the request and nothing else should.
type BSN string

// DummyBSN is the placeholder 999999999 that declarations carry when a
// person has no BSN. It fails the elfproef and is never sent to COV.
const DummyBSN BSN = "999999999"

// ParseBSN returns s as a BSN after removing spaces and dots. It checks the
// form (nine digits) and the elfproef; the error masks the number.
func ParseBSN(s string) (BSN, error) {
	b := BSN(strings.NewReplacer(" ", "", ".", "").Replace(s))
	if err := b.Validate(); err != nil {
		return "", err
	}
	return b, nil
}

// Digits returns the full nine digits. Use it only to put the number on the
// wire; never log it or put it in an error.
func (b BSN) Digits() string { return string(b) }

// Validate checks that b is nine digits passing the elfproef
// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, and not all zeros). The dummy
// 999999999 fails it. The error names the BSN only in masked form.
func (b BSN) Validate() error {
	if b == DummyBSN {
		return &ValidationError{Field: "BSN", Problem: "is the dummy BSN (all nines) used when no BSN is known; it fails the elfproef and is never sent to COV",
			Expected: "the patient's real BSN, or no BSN and the postcode + huisnummer search path"}
	}
	if len(b) != 9 || strings.Trim(string(b), "0123456789") != "" {
		return &ValidationError{Field: "BSN", Problem: fmt.Sprintf("%s is not nine digits (%d characters)", MaskBSN(string(b)), len(b)),
			Expected: "exactly nine digits"}
	}
	if !bsn.Valid(string(b)) {
		return &ValidationError{Field: "BSN", Problem: fmt.Sprintf("%s fails the elfproef", MaskBSN(string(b))),
			Expected: "nine digits with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11"}
	}
	return nil
}

// String returns the masked BSN, for example "******782".
func (b BSN) String() string { return MaskBSN(string(b)) }

// GoString returns the masked BSN, so that %#v does not show it either.
func (b BSN) GoString() string { return fmt.Sprintf("cov.BSN(%q)", MaskBSN(string(b))) }

// Format prints the masked BSN for every verb.
func (b BSN) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, b.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", MaskBSN(string(b)))
	default:
		fmt.Fprint(f, MaskBSN(string(b)))
	}
}

// MarshalText returns the masked BSN: encoding a BSN never writes the full
// number. There is deliberately no UnmarshalText; use [ParseBSN].
func (b BSN) MarshalText() ([]byte, error) { return []byte(MaskBSN(string(b))), nil }

// LogValue makes slog log the masked BSN.
func (b BSN) LogValue() slog.Value { return slog.StringValue(MaskBSN(string(b))) }

// MaskBSN masks all but the last three characters of s with '*'
// ("123456782" → "******782"). Strings of fewer than seven characters are
// masked completely. The empty string stays empty.
func MaskBSN(s string) string {
	n := len(s)
	keep := 3
	if n < 7 {
		keep = 0
	}
	return strings.Repeat("*", n-keep) + s[n-keep:]
}

// redactDigits masks every run of eight or more digits in text that comes
// from outside (SOAP faults, HTTP bodies), in case it echoes a BSN.
func redactDigits(text string) string {
	var out strings.Builder
	run := 0
	flush := func(end int) {
		if run >= 8 {
			out.WriteString(MaskBSN(text[end-run : end]))
		} else {
			out.WriteString(text[end-run : end])
		}
		run = 0
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= '0' && c <= '9' {
			run++
			continue
		}
		flush(i)
		out.WriteByte(text[i])
	}
	flush(len(text))
	return out.String()
}
