package cov

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"
)

// Transport sends one Zoekopdracht to COV and returns the answer. The
// SOAPTransport is the implementation for the real service; plug in your
// own (or a ControleerFunc) to use another HTTP stack, a gateway or a fake.
//
// A Transport makes one attempt and honours ctx. It reports a BSN that COV
// does not know either as a result with BSNOnbekend set or as an error
// wrapping ErrBSNUnknown; it wraps ErrUnavailable for failures worth
// retrying, and ErrNotAuthorised / ErrNotAuthenticated when the service
// refuses the practice. The Client handles validation, timeouts and retries.
type Transport interface {
	Controleer(ctx context.Context, q Zoekopdracht) (Zoekresultaat, error)
}

// ControleerFunc adapts a function to a Transport.
type ControleerFunc func(ctx context.Context, q Zoekopdracht) (Zoekresultaat, error)

// Controleer calls f.
func (f ControleerFunc) Controleer(ctx context.Context, q Zoekopdracht) (Zoekresultaat, error) {
	return f(ctx, q)
}

// RetryPolicy bounds the retries of transient failures (ErrUnavailable:
// timeouts, HTTP 429/503, lost connections). Other errors are never
// retried. The zero value is the default: 3 attempts, backoff from 500ms
// doubling up to 10s, with jitter.
//
// A Retry-After from the service (with HTTP 429 or 503) is always honoured
// in full: the next attempt waits at least that long, whatever MaxDelay
// says. When the service asks for more than MaxRetryAfter (default
// DefaultMaxRetryAfter, 5 minutes), the Client does not retry at all and
// returns the error, saying how long the service asked to wait: retrying
// sooner would hammer a service that asked for quiet.
type RetryPolicy struct {
	MaxAttempts   int           // attempts in all, the first included; 0 means 3, 1 means no retries
	BaseDelay     time.Duration // wait before the first retry; 0 means 500ms
	MaxDelay      time.Duration // longest backoff of our own; 0 means 10s
	MaxRetryAfter time.Duration // longest Retry-After waited for; 0 means DefaultMaxRetryAfter
}

// DefaultMaxRetryAfter is the longest Retry-After a Client waits for unless
// RetryPolicy.MaxRetryAfter says otherwise.
const DefaultMaxRetryAfter = 5 * time.Minute

// delay returns the wait before attempt+1: BaseDelay·2^(attempt−1), capped
// at MaxDelay, with jitter down to half of it; at least retryAfter.
func (p RetryPolicy) delay(attempt int, retryAfter time.Duration) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	d = d/2 + rand.N(d/2+1)
	return max(d, retryAfter)
}

// ClientOptions configure a Client. The zero value is usable: every field
// documents its default.
type ClientOptions struct {
	// AGB is the code and role checks are made for when a Zoekopdracht
	// leaves them empty. Pick it with SelectAGB. Zero: each Zoekopdracht
	// must carry its own.
	AGB AGBRole
	// Timeout bounds each attempt. 0 means 30s.
	Timeout time.Duration
	// Retry bounds the retries of transient failures.
	Retry RetryPolicy
	// Now is the clock: "today" for the peildatum, and CheckedAt. nil means time.Now.
	Now func() time.Time
	// Location is the time zone of "today"; nil means time.Local.
	Location *time.Location
	// Logger receives debug lines per attempt (never a full BSN). nil discards.
	Logger *slog.Logger
}

// Client checks Zoekopdrachten against COV through a Transport: it fills
// in defaults, validates before anything is sent, bounds each attempt with
// a timeout, retries transient failures with backoff, names the insurers
// from the UZOVI register and stamps CheckedAt. It is safe for concurrent use.
type Client struct {
	t Transport
	o ClientOptions // with the defaults filled in
}

// NewClient returns a Client sending through t.
func NewClient(t Transport, o ClientOptions) (*Client, error) {
	if t == nil {
		return nil, errors.New("cov: NewClient: the Transport is nil; expected a transport such as NewSOAPTransport's")
	}
	if o.AGB != (AGBRole{}) {
		if err := o.AGB.AGB.Validate(); err != nil {
			return nil, fmt.Errorf("cov: ClientOptions.AGB: %w", err)
		}
		if _, ok := rolNames[o.AGB.Rol]; !ok {
			return nil, fmt.Errorf("cov: ClientOptions.AGB %s has no role; expected Zorgverlener, Praktijk or Instelling (SelectAGB fills it in)", o.AGB.AGB)
		}
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Retry.MaxAttempts <= 0 {
		o.Retry.MaxAttempts = 3
	}
	if o.Retry.BaseDelay <= 0 {
		o.Retry.BaseDelay = 500 * time.Millisecond
	}
	if o.Retry.MaxDelay <= 0 {
		o.Retry.MaxDelay = 10 * time.Second
	}
	if o.Retry.MaxRetryAfter <= 0 {
		o.Retry.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return &Client{t: t, o: o}, nil
}

// CertificateExpiry returns when the client certificate expires, if the
// Transport can tell (SOAPTransport can when the certificate is in
// TLS.Certificates).
func (c *Client) CertificateExpiry() (notAfter time.Time, ok bool) {
	if t, isExp := c.t.(interface {
		ClientCertificateExpiry() (time.Time, bool)
	}); isExp {
		return t.ClientCertificateExpiry()
	}
	return time.Time{}, false
}

// dayOf returns the day of t in the Client's time zone.
func (c *Client) dayOf(t time.Time) Date { return DateOf(t.In(c.o.Location)) }

// Today returns the current day by the Client's clock and time zone.
func (c *Client) Today() Date { return DateOf(c.o.Now().In(c.o.Location)) }

// Controleer checks q. A zero Peildatum means today, a zero AGB the
// Client's. q is validated first; an invalid q is not sent and the error
// wraps ErrInvalidQuery. When COV does not know the BSN the result (with
// BSNOnbekend set, to be stored) comes back together with an error
// wrapping ErrBSNUnknown. Other errors wrap ErrNotAuthorised,
// ErrNotAuthenticated, ErrUnavailable (after the retries) or ErrProtocol,
// or ctx's error.
func (c *Client) Controleer(ctx context.Context, q Zoekopdracht) (Zoekresultaat, error) {
	return c.controleer(ctx, q, nil, false)
}

// maxThrottled bounds the answers "too many requests" (HTTP 429, or a
// Retry-After) a bulk run takes for one patient without counting them as
// attempts: the run slows down instead (see pace), so that patients do not
// run out of attempts because the run went too fast.
const maxThrottled = 20

// controleer is Controleer with the bulk run's pace (waited for before
// every attempt) and, when drain is set, attempts that are not cut short
// by ctx: once sent, an answer is waited for (up to the timeout) so that
// it can be stored, but no new attempt starts after ctx is done.
func (c *Client) controleer(ctx context.Context, q Zoekopdracht, p *pace, drain bool) (Zoekresultaat, error) {
	today := c.Today()
	if q.Peildatum.IsZero() {
		q.Peildatum = today
	}
	if q.AGB == "" && q.Rol == 0 {
		q.AGB, q.Rol = c.o.AGB.AGB, c.o.AGB.Rol
	}
	if err := q.Validate(today); err != nil {
		return Zoekresultaat{}, err
	}
	attempt, throttled := 0, 0
	for {
		if p != nil {
			if err := p.wait(ctx); err != nil {
				return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w", err)
			}
		} else if err := ctx.Err(); err != nil {
			return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w", err)
		}
		attempt++
		res, err := c.attempt(ctx, q, drain)
		c.o.Logger.LogAttrs(ctx, slog.LevelDebug, "cov: controleer", slog.Any("zoekopdracht", q),
			slog.Int("attempt", attempt), slog.Any("error", err))
		if err == nil || errors.Is(err, ErrBSNUnknown) {
			if p != nil {
				p.success()
			}
			return c.finish(q, res, err)
		}
		var se *ServiceError
		var after time.Duration
		isThrottle := false
		if errors.As(err, &se) {
			after = se.RetryAfter
			isThrottle = se.StatusCode == http.StatusTooManyRequests || after > 0
		}
		if after > c.o.Retry.MaxRetryAfter {
			return Zoekresultaat{}, fmt.Errorf("cov: controleer: the service asked to wait %s before trying again, more than RetryPolicy.MaxRetryAfter (%s); not retried: %w",
				after, c.o.Retry.MaxRetryAfter, err)
		}
		if p != nil && isThrottle && IsTransient(err) && throttled < maxThrottled {
			// The bulk run slows down for everyone; this answer does not use up an attempt.
			throttled++
			attempt--
			p.throttled(after)
			continue
		}
		if !IsTransient(err) || attempt >= c.o.Retry.MaxAttempts {
			if attempt > 1 {
				err = fmt.Errorf("cov: controleer: gave up after %d attempts: %w", attempt, err)
			}
			return Zoekresultaat{}, err
		}
		t := time.NewTimer(c.o.Retry.delay(attempt, after))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w (while waiting to retry after: %v)", ctx.Err(), err)
		}
	}
}

// attempt makes one call, bounded by the timeout.
func (c *Client) attempt(ctx context.Context, q Zoekopdracht, drain bool) (Zoekresultaat, error) {
	actx := ctx
	if drain {
		actx = context.WithoutCancel(ctx)
	}
	actx, cancel := context.WithTimeout(actx, c.o.Timeout)
	defer cancel()
	res, err := c.t.Controleer(actx, q)
	switch {
	case err == nil && res.BSNOnbekend:
		err = &ServiceError{Kind: ErrBSNUnknown}
	case err == nil:
	case ctx.Err() != nil && !drain:
		// the caller gave up; report that, not what it did to the transport
		return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w", ctx.Err())
	case errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrUnavailable):
		// a Transport that reports its timeout bare
		err = &ServiceError{Kind: ErrUnavailable, Detail: fmt.Sprintf("no answer within %s", c.o.Timeout), Err: err}
	case errors.Is(actx.Err(), context.DeadlineExceeded) && !errors.Is(err, context.DeadlineExceeded):
		// The attempt's time ran out while the transport was answering with something
		// else (a service that answers a dropped request with a fault, seen under load):
		// it is a timeout all the same.
		err = &ServiceError{Kind: ErrUnavailable, Detail: fmt.Sprintf("no answer within %s", c.o.Timeout), Err: context.DeadlineExceeded}
	}
	return res, err
}

func (c *Client) finish(q Zoekopdracht, res Zoekresultaat, err error) (Zoekresultaat, error) {
	if err != nil {
		res.BSNOnbekend = true
	}
	res.Peildatum = q.Peildatum
	res.CheckedAt = c.o.Now().Round(0)
	for i := range res.Verzekeringen {
		if v := &res.Verzekeringen[i]; v.Verzekeraar == "" {
			v.Verzekeraar = v.UZOVI.Name()
		}
	}
	return res, err
}
