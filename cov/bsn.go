package cov

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
)

// BSN is a burgerservicenummer: nine digits that pass the elfproef. It is the module's
// one BSN type (the same as record.BSN): every way of printing it masks it (String, fmt
// verbs, MarshalText so JSON, slog); only Digits returns the full number, and the SOAP
// transport uses it to fill in the request and nothing else should.
type BSN = bsn.BSN

// DummyBSN is the placeholder 999999999 that declarations carry when a
// person has no BSN. It fails the elfproef and is never sent to COV.
const DummyBSN BSN = bsn.Dummy

// ParseBSN returns s as a BSN after removing spaces and dots. It checks the
// form (nine digits) and the elfproef; the error masks the number.
func ParseBSN(s string) (BSN, error) {
	b := BSN(strings.NewReplacer(" ", "", ".", "").Replace(s))
	if err := ValidateBSN(b); err != nil {
		return "", err
	}
	return b, nil
}

// ValidateBSN checks that b is nine digits passing the elfproef
// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, and not all zeros). The dummy
// 999999999 fails it. The error is a *ValidationError and names the BSN only in
// masked form.
func ValidateBSN(b BSN) error {
	switch b.Check() {
	case nil:
		return nil
	case bsn.ErrDummy:
		return &ValidationError{Field: "BSN", Problem: "is the dummy BSN (all nines) used when no BSN is known; it fails the elfproef and is never sent to COV",
			Expected: "the patient's real BSN, or no BSN and the postcode + huisnummer search path"}
	case bsn.ErrElfproef:
		return &ValidationError{Field: "BSN", Problem: fmt.Sprintf("%s fails the elfproef", MaskBSN(string(b))),
			Expected: "nine digits with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11"}
	}
	return &ValidationError{Field: "BSN", Problem: fmt.Sprintf("%s is not nine digits (%d characters)", MaskBSN(string(b)), len(b)),
		Expected: "exactly nine digits"}
}

// MaskBSN masks all but the last three characters of s with '*'
// ("123456782" → "******782"). Strings of fewer than seven characters are
// masked completely. The empty string stays empty.
func MaskBSN(s string) string { return bsn.Mask(s) }
