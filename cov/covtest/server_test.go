package covtest_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func TestServerIsLoopbackHTTPS(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	u, err := url.Parse(srv.URL)
	if err != nil || u.Scheme != "https" {
		t.Fatalf("URL %q", srv.URL)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		t.Errorf("listens on %s, want a loopback address", u.Hostname())
	}
}

func post(t *testing.T, cfg *tls.Config, endpoint, body string) (*http.Response, error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
	t.Cleanup(client.CloseIdleConnections)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, strings.NewReader(body))
	return client.Do(req)
}

func TestServerTLS(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	old := srv.ClientTLS()
	old.MaxVersion = tls.VersionTLS11
	tests := []struct {
		name   string
		cfg    *tls.Config
		accept bool
	}{
		{"authorised certificate", srv.ClientTLS(), true},
		{"claims-only certificate (refused later, by COV)", srv.ClaimsOnlyTLS(), true},
		{"no certificate", srv.NoCertTLS(), false},
		{"certificate from an unknown CA", srv.UntrustedTLS(), false},
		{"TLS 1.1", old, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := post(t, tt.cfg, srv.URL, "<not-soap/>")
			if tt.accept != (err == nil) {
				t.Fatalf("err = %v, want accepted=%v", err, tt.accept)
			}
			if err == nil {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(string(body), "Fault") {
					t.Errorf("garbage got HTTP %d %s; want a SOAP fault", resp.StatusCode, body)
				}
			}
		})
	}
	if n := srv.TotalRequests(); n != 0 {
		t.Errorf("%d Zoekopdrachten counted; none were sent", n)
	}
}

func TestServerRateLimit(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{RatePerSecond: 0.5, Burst: 2})
	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
	if err != nil {
		t.Fatal(err)
	}
	q := cov.Zoekopdracht{Peildatum: cov.NewDate(2026, 3, 2), Geboortedatum: cov.NewDate(1980, 1, 1), AGB: "01001234", Rol: cov.RolPraktijk}
	var got []error
	for _, b := range covtest.BSNs(3) {
		q.BSN = b
		_, err := tr.Controleer(context.Background(), q)
		got = append(got, err)
	}
	var se *cov.ServiceError
	if got[0] != nil || got[1] != nil || !errors.As(got[2], &se) || se.StatusCode != http.StatusTooManyRequests || se.RetryAfter == 0 || !cov.IsTransient(got[2]) {
		t.Errorf("errors %v; want two answers, then 429 with Retry-After", got)
	}
	if n := srv.TotalRequests(); n != 3 {
		t.Errorf("%d requests counted, want 3", n)
	}
}

func TestScriptedFailuresThenAnswer(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	tr, _ := cov.NewSOAPTransport(srv.SOAPConfig())
	b := covtest.BSNs(1)[0]
	srv.Script(b, covtest.Answer{Fail: cov.ErrUnavailable, Status: 503, FailTimes: 1})
	q := cov.Zoekopdracht{Peildatum: cov.NewDate(2026, 3, 2), Geboortedatum: cov.NewDate(1980, 1, 1), BSN: b, AGB: "01001234", Rol: cov.RolPraktijk}
	if _, err := tr.Controleer(t.Context(), q); !errors.Is(err, cov.ErrUnavailable) {
		t.Fatalf("first: %v", err)
	}
	res, err := tr.Controleer(t.Context(), q)
	if err != nil || len(res.Verzekeringen) == 0 {
		t.Fatalf("second: %+v, %v; want the default answer", res, err)
	}
	if want := covtest.DefaultAnswer(q); res.Verzekeringen[0].UZOVI != want.Verzekeringen[0].UZOVI {
		t.Errorf("answer %+v, want the default %+v", res, want)
	}
}

func TestBSNs(t *testing.T) {
	seen := map[cov.BSN]bool{}
	for _, b := range covtest.BSNs(5000) {
		if err := cov.ValidateBSN(b); err != nil || seen[b] {
			t.Fatalf("%s: %v (seen before: %v)", b, err, seen[b])
		}
		seen[b] = true
	}
	if a, b := covtest.BSNs(3), covtest.BSNs(3); fmt.Sprint(a) != fmt.Sprint(b) || a[0] != b[0] {
		t.Error("BSNs is not deterministic")
	}
}
