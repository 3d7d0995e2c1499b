package cov_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func TestClientSuccess(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsn := covtest.BSNs(1)[0]
	srv.Script(bsn, covtest.Answer{Verzekeringen: []cov.Verzekering{
		{UZOVI: 3311, Verzekerdennummer: "ZK123", Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2024, 1, 1)},
		{UZOVI: 3311, Verzekerdennummer: "ZK123", Soort: cov.SoortAanvullend, Pakket: "Aanvullend 3", Ingangsdatum: cov.NewDate(2025, 1, 1), Einddatum: cov.NewDate(2025, 12, 31)},
	}})
	c := newClient(t, srv, cov.ClientOptions{})

	res, err := c.Controleer(t.Context(), patient(bsn))
	if err != nil {
		t.Fatalf("Controleer: %v", err)
	}
	if res.Peildatum != today || !res.CheckedAt.Equal(now) {
		t.Errorf("peildatum %s, checked at %s; want %s, %s", res.Peildatum, res.CheckedAt, today, now)
	}
	if len(res.Verzekeringen) != 2 {
		t.Fatalf("got %d verzekeringen, want 2", len(res.Verzekeringen))
	}
	basis, ok := res.Basis()
	if !ok || basis.Verzekeraar != "Zilveren Kruis Zorgverzekeringen N.V." || basis.Verzekerdennummer != "ZK123" {
		t.Errorf("basis = %+v, %v; want Zilveren Kruis, ZK123", basis, ok)
	}
	av := res.Verzekeringen[1]
	if av.Soort != cov.SoortAanvullend || av.Pakket != "Aanvullend 3" || av.Status(res.Peildatum) != cov.StatusEnded {
		t.Errorf("aanvullend = %+v, status %s; want ended package Aanvullend 3", av, av.Status(res.Peildatum))
	}
	if res.Status() != cov.StatusActive || res.BSNOnbekend || res.Overleden {
		t.Errorf("status %s, onbekend %v, overleden %v; want active", res.Status(), res.BSNOnbekend, res.Overleden)
	}
	if n := srv.Requests(bsn); n != 1 {
		t.Errorf("service saw %d requests, want 1", n)
	}
}

func TestClientBSNUnknownAndDeceased(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(2)
	srv.Script(bsns[0], covtest.Answer{BSNOnbekend: true})
	srv.Script(bsns[1], covtest.Answer{Overleden: true, Verzekeringen: []cov.Verzekering{
		{UZOVI: 7095, Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2020, 1, 1), Einddatum: cov.NewDate(2026, 2, 10)}}})
	c := newClient(t, srv, cov.ClientOptions{})

	res, err := c.Controleer(t.Context(), patient(bsns[0]))
	if !errors.Is(err, cov.ErrBSNUnknown) {
		t.Fatalf("err = %v, want ErrBSNUnknown", err)
	}
	if !res.BSNOnbekend || res.Status() != cov.StatusUnknown || res.CheckedAt.IsZero() {
		t.Errorf("result %+v: want BSNOnbekend, status unknown, CheckedAt set", res)
	}
	if n := srv.Requests(bsns[0]); n != 1 {
		t.Errorf("BSN unknown was sent %d times; it must not be retried", n)
	}

	res, err = c.Controleer(t.Context(), patient(bsns[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Overleden || res.Status() != cov.StatusEnded || res.Verzekeringen[0].Verzekeraar != "VGZ Zorgverzekeraar N.V." {
		t.Errorf("result %+v: want overleden, ended, VGZ", res)
	}
}

func TestClientRefused(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsn := covtest.BSNs(1)[0]
	tests := []struct {
		name string
		tls  func() *cov.SOAPConfig
		want error
		sent int // requests that reach the service
	}{
		{"claims only: not authorised for COV", func() *cov.SOAPConfig {
			return &cov.SOAPConfig{Endpoint: srv.URL, TLS: srv.ClaimsOnlyTLS()}
		}, cov.ErrNotAuthorised, 1},
		{"certificate from an unknown CA", func() *cov.SOAPConfig {
			return &cov.SOAPConfig{Endpoint: srv.URL, TLS: srv.UntrustedTLS()}
		}, cov.ErrNotAuthenticated, 0},
		{"no client certificate", func() *cov.SOAPConfig {
			// bring-your-own HTTP client, so that NewSOAPTransport's own check does not stop it first
			return &cov.SOAPConfig{Endpoint: srv.URL, HTTPClient: &http.Client{Transport: &http.Transport{TLSClientConfig: srv.NoCertTLS()}}}
		}, cov.ErrNotAuthenticated, 0},
		{"service certificate not trusted", func() *cov.SOAPConfig {
			cfg := srv.ClientTLS()
			cfg.RootCAs = nil // system roots do not know the fake's CA
			return &cov.SOAPConfig{Endpoint: srv.URL, TLS: cfg}
		}, cov.ErrNotAuthenticated, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.Requests(bsn)
			tr, err := cov.NewSOAPTransport(*tt.tls())
			if err != nil {
				t.Fatal(err)
			}
			c := newClientWith(t, tr, cov.ClientOptions{Retry: cov.RetryPolicy{MaxAttempts: 3}})
			_, err = c.Controleer(t.Context(), patient(bsn))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if cov.IsTransient(err) {
				t.Errorf("%v counts as transient; it must not be retried", err)
			}
			if got := srv.Requests(bsn) - before; got != tt.sent {
				t.Errorf("%d requests reached the service, want %d (no retries)", got, tt.sent)
			}
		})
	}
}

func TestSOAPTransportNeedsClientCertificate(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	_, err := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL, TLS: srv.NoCertTLS()})
	if !errors.Is(err, cov.ErrNotAuthenticated) {
		t.Errorf("err = %v, want ErrNotAuthenticated", err)
	}
	_, err = cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: strings.Replace(srv.URL, "https", "http", 1), TLS: srv.ClientTLS()})
	if err == nil || !strings.Contains(err.Error(), "https") {
		t.Errorf("plain http endpoint: err = %v, want a refusal naming https", err)
	}
}

// TestClientTimeout: each attempt is bounded by ClientOptions.Timeout, and an attempt
// that runs out of time is retried. The service never answers within the test (it
// holds the answer a minute), so only the client's timeout ends an attempt; the
// transport sees every attempt's deadline, which shows the timeout without measuring
// time. The timeout leaves the TLS handshake seconds on a loaded machine, so that every
// attempt reaches the service.
func TestClientTimeout(t *testing.T) {
	t.Parallel() // seconds of waiting for the timeouts, beside the other tests
	srv := covtest.NewServer(t, covtest.Options{})
	bsn := covtest.BSNs(1)[0]
	srv.Script(bsn, covtest.Answer{Delay: time.Minute})
	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.CloseIdleConnections)
	const timeout = 500 * time.Millisecond
	var (
		mu       sync.Mutex
		attempts []time.Duration // the time each attempt was given
	)
	c := newClientWith(t, cov.ControleerFunc(func(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
		start := time.Now()
		deadline, ok := ctx.Deadline()
		mu.Lock()
		if ok {
			attempts = append(attempts, deadline.Sub(start))
		} else {
			attempts = append(attempts, -1)
		}
		mu.Unlock()
		return tr.Controleer(ctx, q)
	}), cov.ClientOptions{Timeout: timeout, Retry: cov.RetryPolicy{MaxAttempts: 2}})

	_, err = c.Controleer(t.Context(), patient(bsn))
	if !errors.Is(err, cov.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrUnavailable and DeadlineExceeded", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(attempts) != 2 {
		t.Fatalf("%d attempts, want 2 (a timeout is retried)", len(attempts))
	}
	for i, d := range attempts {
		if d < 0 || d > timeout {
			t.Errorf("attempt %d had %v to answer; want a deadline within the %v timeout", i+1, d, timeout)
		}
	}
	if n := srv.Requests(bsn); n != 2 {
		t.Errorf("service saw %d requests, want 2 (a timeout is retried)", n)
	}
}

func TestClientRetries(t *testing.T) {
	tests := []struct {
		name     string
		answer   covtest.Answer
		attempts int
		wantErr  error
		wantSent int
	}{
		{"503 twice then success", covtest.Answer{Status: 503, FailTimes: 2}, 3, nil, 3},
		{"429 once then success", covtest.Answer{Status: 429, FailTimes: 1}, 3, nil, 2},
		{"fault ServiceNietBeschikbaar once then success", covtest.Answer{Fail: cov.ErrUnavailable, FailTimes: 1}, 3, nil, 2},
		{"503 always: gives up", covtest.Answer{Status: 503}, 3, cov.ErrUnavailable, 3},
		{"no retries when MaxAttempts is 1", covtest.Answer{Status: 503, FailTimes: 1}, 1, cov.ErrUnavailable, 1},
		{"not authorised fault is not retried", covtest.Answer{Fail: cov.ErrNotAuthorised}, 3, cov.ErrNotAuthorised, 1},
		{"not authenticated fault is not retried", covtest.Answer{Fail: cov.ErrNotAuthenticated}, 3, cov.ErrNotAuthenticated, 1},
		{"401 is not authenticated", covtest.Answer{Fail: cov.ErrNotAuthenticated, Status: 401}, 3, cov.ErrNotAuthenticated, 1},
		{"403 is not authorised", covtest.Answer{Fail: cov.ErrNotAuthorised, Status: 403}, 3, cov.ErrNotAuthorised, 1},
	}
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(len(tests))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Script(bsns[i], tt.answer)
			c := newClient(t, srv, cov.ClientOptions{Retry: cov.RetryPolicy{MaxAttempts: tt.attempts}})
			res, err := c.Controleer(t.Context(), patient(bsns[i]))
			if tt.wantErr == nil && (err != nil || len(res.Verzekeringen) == 0) {
				t.Fatalf("err = %v, result %+v; want an answer", err, res)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if n := srv.Requests(bsns[i]); n != tt.wantSent {
				t.Errorf("service saw %d requests, want %d", n, tt.wantSent)
			}
		})
	}
}

func TestClientHonoursRetryAfter(t *testing.T) {
	t.Parallel() // waits (timeouts, Retry-After, rates) beside the other tests
	srv := covtest.NewServer(t, covtest.Options{RatePerSecond: 1, Burst: 1})
	bsns := covtest.BSNs(2)
	c := newClient(t, srv, cov.ClientOptions{})
	if _, err := c.Controleer(t.Context(), patient(bsns[0])); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := c.Controleer(t.Context(), patient(bsns[1])); err != nil {
		t.Fatalf("second check: %v (the 429 should have been retried after Retry-After)", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("retried after %s; the service asked for Retry-After: 1", d)
	}
	if n := srv.Requests(bsns[1]); n != 2 {
		t.Errorf("service saw %d requests, want 2 (429, then the answer)", n)
	}
}

func TestClientCancellation(t *testing.T) {
	t.Parallel() // waits (timeouts, Retry-After, rates) beside the other tests
	srv := covtest.NewServer(t, covtest.Options{Delay: 10 * time.Second})
	bsn := covtest.BSNs(1)[0]
	c := newClient(t, srv, cov.ClientOptions{Timeout: 30 * time.Second})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(time.Second, cancel) // after the request arrived, on a loaded machine too

	start := time.Now()
	_, err := c.Controleer(ctx, patient(bsn))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if cov.IsTransient(err) {
		t.Errorf("a cancelled check counts as transient: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %s; cancellation was not honoured", d)
	}
	if n := srv.Requests(bsn); n != 1 {
		t.Errorf("service saw %d requests, want 1", n)
	}
}

func TestClientValidatesBeforeSending(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsn := covtest.BSNs(1)[0]
	c := newClient(t, srv, cov.ClientOptions{})
	tests := []struct {
		name  string
		query cov.Zoekopdracht
	}{
		{"dummy BSN", patient(cov.DummyBSN)},
		{"elfproef", patient(bsn[:8] + "0")},
		{"peildatum in the future", func() cov.Zoekopdracht { q := patient(bsn); q.Peildatum = today.AddDays(1); return q }()},
		{"peildatum three years back", func() cov.Zoekopdracht { q := patient(bsn); q.Peildatum = today.AddYears(-3); return q }()},
		{"no search path", cov.Zoekopdracht{Geboortedatum: cov.NewDate(1980, 1, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Controleer(t.Context(), tt.query)
			if !errors.Is(err, cov.ErrInvalidQuery) {
				t.Fatalf("err = %v, want ErrInvalidQuery", err)
			}
		})
	}
	if n := srv.TotalRequests(); n != 0 {
		t.Errorf("%d invalid queries reached the service", n)
	}
}

func TestClientPostcodePath(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	c := newClient(t, srv, cov.ClientOptions{})
	q := cov.Zoekopdracht{Geboortedatum: cov.NewDate(1990, 7, 1), Postcode: "3511 ab", Huisnummer: 12, Huisnummertoevoeging: "a"}
	res, err := c.Controleer(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Basis(); !ok {
		t.Errorf("no basisverzekering in %+v", res)
	}
}

func TestNewClientChecksOptions(t *testing.T) {
	tr := cov.ControleerFunc(func(context.Context, cov.Zoekopdracht) (cov.Zoekresultaat, error) { return cov.Zoekresultaat{}, nil })
	for name, o := range map[string]cov.ClientOptions{
		"malformed AGB":      {AGB: cov.AGBRole{AGB: "123", Rol: cov.RolPraktijk}},
		"AGB without a role": {AGB: cov.AGBRole{AGB: "01001234"}},
	} {
		if _, err := cov.NewClient(tr, o); err == nil {
			t.Errorf("%s: NewClient accepted it", name)
		}
	}
	if _, err := cov.NewClient(nil, cov.ClientOptions{}); err == nil {
		t.Error("NewClient accepted a nil Transport")
	}
}

// A Transport of your own: the Client still validates, retries transient
// errors only and names the insurer.
func TestClientWithOwnTransport(t *testing.T) {
	calls := 0
	tr := cov.ControleerFunc(func(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
		if calls++; calls == 1 {
			return cov.Zoekresultaat{}, &cov.ServiceError{Kind: cov.ErrUnavailable, Detail: "gateway busy"}
		}
		if q.AGB != practice.AGB || q.Peildatum != today {
			t.Errorf("transport got %v; want the Client's AGB and today", q)
		}
		return cov.Zoekresultaat{Verzekeringen: []cov.Verzekering{{UZOVI: 7119, Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2026, 1, 1)}}}, nil
	})
	c := newClientWith(t, tr, cov.ClientOptions{})
	res, err := c.Controleer(t.Context(), patient(covtest.BSNs(1)[0]))
	if err != nil || calls != 2 || res.Verzekeringen[0].Verzekeraar != "OWM CZ Groep Zorgverzekeraar ua" {
		t.Errorf("result %+v, err %v after %d calls", res, err, calls)
	}
	calls = 10
	tr2 := cov.ControleerFunc(func(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
		calls++
		return cov.Zoekresultaat{BSNOnbekend: true}, nil
	})
	c = newClientWith(t, tr2, cov.ClientOptions{})
	if _, err := c.Controleer(t.Context(), patient(covtest.BSNs(1)[0])); !errors.Is(err, cov.ErrBSNUnknown) || calls != 11 {
		t.Errorf("BSNOnbekend from a transport: err %v after %d calls; want ErrBSNUnknown at once", err, calls)
	}
}
