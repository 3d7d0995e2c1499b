package cov

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors. Errors returned by this package wrap one of them; test
// with errors.Is. None of them is ever returned bare with personal data in
// the message.
var (
	// ErrInvalidQuery: the Zoekopdracht did not validate; nothing was sent.
	// The error is (or joins) *ValidationError values saying what was wrong.
	ErrInvalidQuery = errors.New("cov: invalid zoekopdracht")

	// ErrNotAuthorised: the certificate is known to VECOZO but not
	// authorised for COV. Authorisation is per VECOZO service: an
	// authorisation for Claims (declareren) is not enough. Never retried.
	ErrNotAuthorised = errors.New("cov: not authorised for COV (authorisation is per VECOZO service: Claims authorisation is not enough)")

	// ErrNotAuthenticated: mutual TLS failed: the client certificate is
	// missing, expired, revoked or not issued by VECOZO, or the service's
	// own certificate is not trusted. Never retried.
	ErrNotAuthenticated = errors.New("cov: not authenticated (client certificate refused or missing)")

	// ErrBSNUnknown: COV does not know the BSN (BSNOnbekend). The service
	// answered; the result is returned alongside with BSNOnbekend set.
	ErrBSNUnknown = errors.New("cov: BSN unknown to COV")

	// ErrUnavailable: the service did not answer in time, is overloaded
	// (HTTP 429/503) or down. This is the only transient error: the Client
	// retries it with backoff.
	ErrUnavailable = errors.New("cov: service unavailable")

	// ErrProtocol: the service answered something this package does not
	// understand (unexpected HTTP status, malformed XML, unknown SOAP fault).
	ErrProtocol = errors.New("cov: unexpected answer from the service")

	// ErrNoAGB: no AGB code to make the check for (see SelectAGB).
	ErrNoAGB = errors.New("cov: no AGB code for COV")
)

// ValidationError says which field of a Zoekopdracht (or option) is wrong,
// what is wrong with it and what was expected. It never contains a full BSN,
// a birth date or an address. It matches ErrInvalidQuery with errors.Is.
type ValidationError struct {
	Field    string // e.g. "BSN", "Peildatum", "Postcode"
	Problem  string // what is wrong
	Expected string // what was expected instead
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("cov: invalid zoekopdracht: %s %s; expected %s", e.Field, e.Problem, e.Expected)
}

// Is makes errors.Is(err, ErrInvalidQuery) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidQuery }

// ServiceError is an error from the COV service or the way to it. Kind is
// one of ErrNotAuthorised, ErrNotAuthenticated, ErrBSNUnknown,
// ErrUnavailable or ErrProtocol, and errors.Is matches it; Err, when set, is
// the underlying cause (a net or TLS error, context.DeadlineExceeded …).
// Text from the service is stripped of anything that looks like a BSN.
type ServiceError struct {
	Kind       error
	StatusCode int           // HTTP status, 0 if there was no HTTP answer
	FaultCode  string        // SOAP fault code (detail code when present), "" if no fault
	Detail     string        // what happened, free of personal data
	RetryAfter time.Duration // the service's Retry-After, if it sent one
	Err        error
}

func (e *ServiceError) Error() string {
	var b strings.Builder
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("cov: service error")
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	var extra []string
	if e.StatusCode != 0 {
		extra = append(extra, fmt.Sprintf("HTTP %d", e.StatusCode))
	}
	if e.FaultCode != "" {
		extra = append(extra, "fault "+e.FaultCode)
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(redactDigits(e.Err.Error()))
	}
	return b.String()
}

// Unwrap returns Kind and Err, so errors.Is and errors.As see both.
func (e *ServiceError) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// IsTransient reports whether err is worth retrying later: only
// ErrUnavailable (timeouts, HTTP 429/503, connection failures) is.
// Validation errors, BSN unknown, not authorised and not authenticated are
// not: sending the same request again gives the same answer.
func IsTransient(err error) bool { return errors.Is(err, ErrUnavailable) }
