package cov

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/zorgbericht/zorgbericht/cov/internal/tokenbucket"
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
// doubling up to 10s, with jitter; a Retry-After from the service is
// honoured up to MaxDelay.
type RetryPolicy struct {
	MaxAttempts int           // attempts in all, the first included; 0 means 3, 1 means no retries
	BaseDelay   time.Duration // wait before the first retry; 0 means 500ms
	MaxDelay    time.Duration // longest wait; 0 means 10s
}

// delay returns the wait before attempt+1: BaseDelay·2^(attempt−1), capped
// at MaxDelay, with jitter down to half of it; at least retryAfter (capped).
func (p RetryPolicy) delay(attempt int, retryAfter time.Duration) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	d = d/2 + rand.N(d/2+1)
	return max(d, min(retryAfter, p.MaxDelay))
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
	return &Client{t: t, o: o}, nil
}

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

// controleer is Controleer with the bulk run's rate limit (waited for
// before every attempt) and, when drain is set, attempts that are not cut
// short by ctx: once sent, an answer is waited for (up to the timeout) so
// that it can be stored, but no new attempt starts after ctx is done.
func (c *Client) controleer(ctx context.Context, q Zoekopdracht, limit *tokenbucket.Bucket, drain bool) (Zoekresultaat, error) {
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
	for attempt := 1; ; attempt++ {
		if limit != nil {
			if err := limit.Wait(ctx); err != nil {
				return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w", err)
			}
		} else if err := ctx.Err(); err != nil {
			return Zoekresultaat{}, fmt.Errorf("cov: controleer: %w", err)
		}
		res, err := c.attempt(ctx, q, drain)
		c.o.Logger.LogAttrs(ctx, slog.LevelDebug, "cov: controleer", slog.Any("zoekopdracht", q),
			slog.Int("attempt", attempt), slog.Any("error", err))
		if err == nil || errors.Is(err, ErrBSNUnknown) {
			return c.finish(q, res, err)
		}
		if !IsTransient(err) || attempt >= c.o.Retry.MaxAttempts {
			if attempt > 1 {
				err = fmt.Errorf("cov: controleer: gave up after %d attempts: %w", attempt, err)
			}
			return Zoekresultaat{}, err
		}
		var se *ServiceError
		var after time.Duration
		if errors.As(err, &se) {
			after = se.RetryAfter
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
