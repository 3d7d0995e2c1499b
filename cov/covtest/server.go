package covtest

import (
	"context"
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"hash/fnv"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/internal/tokenbucket"
)

// Options configure the fake service. The zero value answers every BSN
// with DefaultAnswer, at once, without a rate limit.
type Options struct {
	// Delay is added to every answer (slowness).
	Delay time.Duration
	// RatePerSecond, when > 0, limits the requests the service accepts;
	// above it, it answers HTTP 429 with Retry-After: 1.
	RatePerSecond float64
	// Burst for RatePerSecond; 0 means 1.
	Burst int
	// Default answers Zoekopdrachten without a script. nil means DefaultAnswer.
	Default func(q cov.Zoekopdracht) Answer
}

// Answer is what the fake service answers for a BSN.
type Answer struct {
	Verzekeringen []cov.Verzekering
	Overleden     bool
	BSNOnbekend   bool

	// Fail, when set, makes the service fail with a SOAP fault of that
	// kind: cov.ErrUnavailable, cov.ErrNotAuthorised, cov.ErrNotAuthenticated
	// or cov.ErrInvalidQuery.
	Fail error
	// Status, when set, makes the service answer with that HTTP status
	// (e.g. 503 or 429) instead of an answer; with Fail the fault kind.
	Status int
	// FailTimes limits Fail and Status to the first FailTimes requests for
	// this BSN; after that the service answers: with Verzekeringen,
	// Overleden and BSNOnbekend, or, when none of those is set, with the
	// default answer. 0 means always.
	FailTimes int
	// Message is the fault string of a failure.
	Message string
	// Delay is added to this answer.
	Delay time.Duration
}

// DefaultAnswer is a plausible answer made up from the query: a
// basisverzekering with one of the large insurers since 1 January of the
// peildatum's year, for one patient in four also an aanvullende verzekering.
// The same query always gets the same answer.
func DefaultAnswer(q cov.Zoekopdracht) Answer {
	h := fnv.New32a()
	if q.UsesBSN() {
		io.WriteString(h, q.BSN.Digits())
	} else {
		fmt.Fprintf(h, "%s/%d/%s", q.Postcode, q.Huisnummer, q.Huisnummertoevoeging)
	}
	sum := h.Sum32()
	insurers := []cov.UZOVI{3311, 7095, 7119, 3332, 7029, 3358, 7085, 3343}
	u := insurers[sum%uint32(len(insurers))]
	start := cov.NewDate(q.Peildatum.Year, time.January, 1)
	a := Answer{Verzekeringen: []cov.Verzekering{{
		UZOVI: u, Verzekerdennummer: cov.Verzekerdennummer(fmt.Sprintf("V%08d", sum%100000000)), Soort: cov.SoortBasis, Ingangsdatum: start,
	}}}
	if sum%4 == 0 {
		a.Verzekeringen = append(a.Verzekeringen, cov.Verzekering{
			UZOVI: u, Verzekerdennummer: a.Verzekeringen[0].Verzekerdennummer, Soort: cov.SoortAanvullend,
			Pakket: "Aanvullend 2 sterren", Ingangsdatum: start,
		})
	}
	return a
}

// Server is a fake COV service: SOAP over real HTTPS on 127.0.0.1, with a
// certificate authority made in-process that signs the server certificate
// and the client certificates, and client authentication required
// (tls.RequireAndVerifyClientCert, TLS 1.2 at least). It only listens on
// the loopback address.
type Server struct {
	// URL is the endpoint, https://127.0.0.1:port/cov.
	URL string

	srv        *httptest.Server
	ca         *authority
	client     tls.Certificate // authorised for COV and Claims
	claimsOnly tls.Certificate // authorised for Claims only
	untrusted  tls.Certificate // from a CA the service does not trust
	opts       Options
	limit      *tokenbucket.Bucket

	mu       sync.Mutex
	scripts  map[string]Answer
	requests map[string]int // by BSN digits, or "postcode huisnummer toevoeging"
	arrivals []time.Time
}

// NewServer starts a fake service for the test and closes it when the test
// ends. It fails the test if the service cannot start.
func NewServer(tb testing.TB, o Options) *Server {
	tb.Helper()
	s, err := Start(o)
	if err != nil {
		tb.Fatalf("covtest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Start starts a fake service; Close it when done.
func Start(o Options) (*Server, error) {
	ca, err := newAuthority("covtest CA")
	if err != nil {
		return nil, fmt.Errorf("covtest: making the CA: %w", err)
	}
	other, err := newAuthority("covtest unknown CA")
	if err != nil {
		return nil, fmt.Errorf("covtest: making the second CA: %w", err)
	}
	s := &Server{ca: ca, opts: o, scripts: map[string]Answer{}, requests: map[string]int{}}
	serverCert, err := ca.issue("covtest COV service", true)
	if err == nil {
		s.client, err = ca.issue("covtest practice", false, serviceClaims, serviceCOV)
	}
	if err == nil {
		s.claimsOnly, err = ca.issue("covtest practice (Claims only)", false, serviceClaims)
	}
	if err == nil {
		s.untrusted, err = other.issue("covtest stranger", false, serviceClaims, serviceCOV)
	}
	if err != nil {
		return nil, fmt.Errorf("covtest: making certificates: %w", err)
	}
	if o.RatePerSecond > 0 {
		s.limit = tokenbucket.New(o.RatePerSecond, o.Burst)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0") // loopback only, ever
	if err != nil {
		return nil, fmt.Errorf("covtest: listening on 127.0.0.1: %w", err)
	}
	soap := cov.NewSOAPHandler(cov.ControleerFunc(s.controleer))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		soap.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), peerKey{}, r.TLS)))
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{serverCert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    ca.pool(),
		MinVersion:   tls.VersionTLS12,
	}
	srv.StartTLS()
	s.srv = srv
	s.URL = srv.URL + "/cov"
	return s, nil
}

type peerKey struct{}

// Close stops the service.
func (s *Server) Close() { s.srv.Close() }

// controleer answers one Zoekopdracht: the fake's logic behind the SOAP handler.
func (s *Server) controleer(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
	key := q.BSN.Digits()
	if !q.UsesBSN() {
		key = fmt.Sprintf("%s %d %s", q.Postcode, q.Huisnummer, q.Huisnummertoevoeging)
	}
	s.mu.Lock()
	s.requests[key]++
	n := s.requests[key]
	s.arrivals = append(s.arrivals, time.Now())
	a, scripted := s.scripts[key]
	s.mu.Unlock()

	state, _ := ctx.Value(peerKey{}).(*tls.ConnectionState)
	if state == nil || len(state.PeerCertificates) == 0 || !slices.Contains(state.PeerCertificates[0].Subject.OrganizationalUnit, serviceCOV) {
		return cov.Zoekresultaat{}, &cov.ServiceError{Kind: cov.ErrNotAuthorised, Detail: "certificaat niet geautoriseerd voor COV"}
	}
	if s.limit != nil && !s.limit.Allow() {
		return cov.Zoekresultaat{}, &cov.ServiceError{Kind: cov.ErrUnavailable, StatusCode: http.StatusTooManyRequests, RetryAfter: time.Second, Detail: "te veel verzoeken"}
	}
	if !scripted {
		a = s.defaultAnswer(q)
	}
	content := a // what is answered once the failures are over
	if a.failing() && a.Verzekeringen == nil && !a.BSNOnbekend && !a.Overleden {
		content = s.defaultAnswer(q)
	}
	if d := s.opts.Delay + a.Delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return cov.Zoekresultaat{}, ctx.Err()
		}
	}
	if a.failing() && (a.FailTimes == 0 || n <= a.FailTimes) {
		kind := a.Fail
		if kind == nil {
			kind = cov.ErrUnavailable
		}
		return cov.Zoekresultaat{}, &cov.ServiceError{Kind: kind, StatusCode: a.Status, Detail: a.Message}
	}
	return cov.Zoekresultaat{Overleden: content.Overleden, BSNOnbekend: content.BSNOnbekend, Verzekeringen: slices.Clone(content.Verzekeringen)}, nil
}

func (a Answer) failing() bool { return a.Fail != nil || a.Status != 0 }

func (s *Server) defaultAnswer(q cov.Zoekopdracht) Answer {
	if s.opts.Default != nil {
		return s.opts.Default(q)
	}
	return DefaultAnswer(q)
}

// Script sets the answer for a BSN.
func (s *Server) Script(bsn cov.BSN, a Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts[bsn.Digits()] = a
}

// Requests returns how many requests for the BSN reached the service,
// failed ones included.
func (s *Server) Requests(bsn cov.BSN) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[bsn.Digits()]
}

// TotalRequests returns how many Zoekopdrachten reached the service.
func (s *Server) TotalRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.arrivals)
}

// Arrivals returns the arrival time of every Zoekopdracht, in order.
func (s *Server) Arrivals() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.arrivals)
}

// ClientTLS returns a client TLS configuration with a certificate the
// service accepts and has authorised for COV (and Claims).
func (s *Server) ClientTLS() *tls.Config { return s.clientTLS(&s.client) }

// ClaimsOnlyTLS returns a configuration with a certificate the service
// accepts but that is authorised for Claims only: COV answers "niet
// geautoriseerd" (cov.ErrNotAuthorised).
func (s *Server) ClaimsOnlyTLS() *tls.Config { return s.clientTLS(&s.claimsOnly) }

// UntrustedTLS returns a configuration with a certificate from an
// authority the service does not trust: the TLS handshake is refused
// (cov.ErrNotAuthenticated).
func (s *Server) UntrustedTLS() *tls.Config { return s.clientTLS(&s.untrusted) }

// NoCertTLS returns a configuration that trusts the service but presents no
// client certificate: the TLS handshake is refused.
func (s *Server) NoCertTLS() *tls.Config { return s.clientTLS(nil) }

func (s *Server) clientTLS(c *tls.Certificate) *tls.Config {
	cfg := &tls.Config{RootCAs: s.ca.pool(), MinVersion: tls.VersionTLS12}
	if c != nil {
		cfg.Certificates = []tls.Certificate{*c}
	}
	return cfg
}

// SOAPConfig returns the configuration of a cov.SOAPTransport for this
// service with the authorised client certificate.
func (s *Server) SOAPConfig() cov.SOAPConfig {
	return cov.SOAPConfig{Endpoint: s.URL, TLS: s.ClientTLS()}
}

// ClientPEM returns the authorised client certificate and its key, and the
// CA certificate that signs the service's certificate, in PEM: for tools
// and other processes that talk to the fake.
func (s *Server) ClientPEM() (cert, key, caCert []byte, err error) {
	cert, key, err = certPEM(s.client)
	if err != nil {
		return nil, nil, nil, err
	}
	caCert = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.ca.cert.Raw})
	return cert, key, caCert, nil
}
