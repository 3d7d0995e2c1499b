package cov

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
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
//
// Nothing the service writes in free text reaches a ServiceError made by
// this package: a fault string may echo a name, a birth date, an address
// or a BSN in any spelling, so it is dropped (only its length is told).
// FaultCode holds only codes this package knows (see wire.go's faultKinds
// and the SOAP 1.1 codes Client, Server, VersionMismatch, MustUnderstand);
// any other code reads "unrecognised". Error prints the cause (Err) by its
// kind, not its text: a TLS or HTTP error can quote what the service sent.
type ServiceError struct {
	Kind       error
	StatusCode int           // HTTP status, 0 if there was no HTTP answer
	FaultCode  string        // known SOAP fault code (detail code when present), "unrecognised" for others, "" if no fault
	Detail     string        // what happened, in this package's words
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
		b.WriteString(safeCause(e.Err))
	}
	return b.String()
}

// Format prints Error for every verb, so that %+v and %#v (also of a
// struct holding the error, such as a bulk Failure) show no more than
// Error does.
func (e *ServiceError) Format(f fmt.State, _ rune) { io.WriteString(f, e.Error()) }

// safeCause describes an error on the way to the service by its kind. Its
// text is not used: errors from TLS, x509 and net/http quote what the other
// side sent (certificate names, a malformed status line, a body).
func safeCause(err error) string {
	var (
		herr   x509.HostnameError
		uaerr  x509.UnknownAuthorityError
		cierr  x509.CertificateInvalidError
		verr   *tls.CertificateVerificationError
		rherr  tls.RecordHeaderError
		alert  tls.AlertError
		dnserr *net.DNSError
		errno  syscall.Errno
		operr  *net.OpError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &herr):
		return "the service's certificate is not valid for the endpoint's host"
	case errors.As(err, &uaerr):
		return "the service's certificate is signed by an unknown authority"
	case errors.As(err, &cierr):
		if cierr.Reason == x509.Expired {
			return "the service's certificate has expired or is not yet valid"
		}
		return "the service's certificate is not valid"
	case errors.As(err, &verr):
		return "the service's certificate failed verification"
	case errors.As(err, &rherr):
		return "the endpoint does not speak TLS"
	case errors.As(err, &alert):
		return "TLS alert: " + alert.Error() // a fixed name, e.g. "tls: bad certificate"
	case errors.As(err, &dnserr):
		return "the service's host name could not be resolved"
	case errors.As(err, &errno):
		if operr := (*net.OpError)(nil); errors.As(err, &operr) {
			return operr.Op + ": " + errno.Error()
		}
		return errno.Error() // the local system's text, e.g. "connection refused"
	case errors.As(err, &operr):
		return operr.Op + " failed"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection was closed"
	}
	return fmt.Sprintf("%T (text not shown: it may quote the service)", err)
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
