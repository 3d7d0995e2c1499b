package cov

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxBody bounds what is read of an HTTP body (request or answer).
const maxBody = 1 << 20

// SOAPConfig configures a SOAPTransport.
type SOAPConfig struct {
	// Endpoint is the https URL of the COV service for the environment in
	// use (VECOZO lists them in the aansluitdocument, Bijlage A). Required.
	Endpoint string

	// TLS holds the practice's client certificate (the VECOZO
	// systeemcertificaat, with COV authorisation) in Certificates or
	// GetClientCertificate, and RootCAs if the system roots are not to be
	// used. It is cloned; MinVersion is raised to TLS 1.2 when lower.
	// Required unless HTTPClient is set. InsecureSkipVerify is refused:
	// COV requests carry BSNs, and the service's certificate must be
	// verified before one leaves the process.
	TLS *tls.Config

	// HTTPClient, when set, is used instead of one made from TLS (which is
	// then ignored): bring your own proxy, timeouts or TLS setup. Its
	// Transport must be an *http.Transport (or nil for a clone of
	// http.DefaultTransport) so that its TLS settings can be checked: one
	// with InsecureSkipVerify, or with its own DialTLS/DialTLSContext, is
	// refused. The client is not changed; a clone of its transport with
	// TLS 1.2 at least is used.
	HTTPClient *http.Client

	// InsecureTestServer lifts the checks above — InsecureSkipVerify, an
	// HTTPClient with any RoundTripper — for a fake service on this
	// machine: the Endpoint must then be a loopback address (127.0.0.1,
	// ::1, localhost). NEVER set it for VECOZO: the service's certificate
	// would go unchecked and BSNs could go to anyone. Fakes such as covtest
	// do not need it either: trust their CA in TLS.RootCAs.
	InsecureTestServer bool

	// MaxIdleConns is how many idle connections to the service are kept
	// for reuse (each new one costs a TLS handshake). 0 means 16.
	MaxIdleConns int
}

// SOAPTransport is the Transport that speaks SOAP 1.1 over HTTPS with a
// client certificate to the COV service. It is safe for concurrent use.
// It makes one attempt per call; timeouts and retries are the Client's.
type SOAPTransport struct {
	endpoint   string
	hc         *http.Client
	certExpiry time.Time // NotAfter of the client certificate; zero if not known
}

// NewSOAPTransport checks the configuration and returns the transport.
func NewSOAPTransport(c SOAPConfig) (*SOAPTransport, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("cov: SOAPConfig.Endpoint %q: expected an https:// URL (COV is only offered over HTTPS with a client certificate)", c.Endpoint)
	}
	if c.InsecureTestServer && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("cov: SOAPConfig.InsecureTestServer is set for %s, which is not a loopback address: refused; the option is for a fake service on this machine only", u.Hostname())
	}
	if c.HTTPClient != nil {
		return byoTransport(c)
	}
	if c.TLS == nil || (len(c.TLS.Certificates) == 0 && c.TLS.GetClientCertificate == nil) {
		return nil, fmt.Errorf("cov: SOAPConfig.TLS has no client certificate: %w; expected the practice's VECOZO certificate in TLS.Certificates", ErrNotAuthenticated)
	}
	if c.TLS.InsecureSkipVerify && !c.InsecureTestServer {
		return nil, errInsecure("SOAPConfig.TLS")
	}
	cfg := c.TLS.Clone()
	if cfg.MinVersion < tls.VersionTLS12 {
		cfg.MinVersion = tls.VersionTLS12
	}
	idle := c.MaxIdleConns
	if idle <= 0 {
		idle = 16
	}
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		TLSClientConfig:     cfg,
		TLSHandshakeTimeout: 15 * time.Second,
		MaxIdleConns:        idle,
		MaxIdleConnsPerHost: idle,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   false, // SOAP 1.1 over HTTP/1.1
	}
	hc := &http.Client{
		Transport: tr,
		// A SOAP POST is never redirected.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &SOAPTransport{endpoint: c.Endpoint, hc: hc, certExpiry: certificateExpiry(cfg)}, nil
}

func errInsecure(where string) error {
	return fmt.Errorf("cov: %s has InsecureSkipVerify set: refused; COV requests carry BSNs and the service's certificate must be verified (trust a test server's CA in RootCAs)", where)
}

// byoTransport checks a caller's HTTPClient and returns a transport on a
// clone of its *http.Transport.
func byoTransport(c SOAPConfig) (*SOAPTransport, error) {
	hc := *c.HTTPClient
	var ht *http.Transport
	switch rt := hc.Transport.(type) {
	case nil:
		def, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, errors.New("cov: SOAPConfig.HTTPClient has no Transport and http.DefaultTransport is not an *http.Transport: its TLS checks cannot be seen; set an *http.Transport")
		}
		ht = def
	case *http.Transport:
		ht = rt
	default:
		if !c.InsecureTestServer {
			return nil, fmt.Errorf("cov: SOAPConfig.HTTPClient.Transport is a %T: refused, as its TLS checks cannot be seen; expected an *http.Transport", rt)
		}
		return &SOAPTransport{endpoint: c.Endpoint, hc: &hc}, nil
	}
	if !c.InsecureTestServer {
		if ht.TLSClientConfig != nil && ht.TLSClientConfig.InsecureSkipVerify {
			return nil, errInsecure("SOAPConfig.HTTPClient's TLSClientConfig")
		}
		//lint:ignore SA1019 a caller may still set the deprecated DialTLS: it bypasses TLSClientConfig too
		if ht.DialTLS != nil || ht.DialTLSContext != nil {
			return nil, errors.New("cov: SOAPConfig.HTTPClient's transport dials TLS itself (DialTLS/DialTLSContext): refused, as its certificate checks cannot be seen; configure TLSClientConfig instead")
		}
	}
	ht = ht.Clone()
	if ht.TLSClientConfig == nil {
		ht.TLSClientConfig = &tls.Config{}
	}
	if ht.TLSClientConfig.MinVersion < tls.VersionTLS12 {
		ht.TLSClientConfig.MinVersion = tls.VersionTLS12
	}
	hc.Transport = ht
	return &SOAPTransport{endpoint: c.Endpoint, hc: &hc, certExpiry: certificateExpiry(ht.TLSClientConfig)}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// certificateExpiry returns the NotAfter of the first client certificate
// in cfg; zero when there is none or it cannot be read (a
// GetClientCertificate callback).
func certificateExpiry(cfg *tls.Config) time.Time {
	if cfg == nil || len(cfg.Certificates) == 0 {
		return time.Time{}
	}
	c := cfg.Certificates[0]
	if c.Leaf != nil {
		return c.Leaf.NotAfter
	}
	if len(c.Certificate) == 0 {
		return time.Time{}
	}
	leaf, err := x509.ParseCertificate(c.Certificate[0])
	if err != nil {
		return time.Time{}
	}
	return leaf.NotAfter
}

// ClientCertificateExpiry returns when the client certificate expires (its
// NotAfter); ok is false when it is not known (no certificate in the TLS
// configuration, or one given by a GetClientCertificate callback).
func (t *SOAPTransport) ClientCertificateExpiry() (notAfter time.Time, ok bool) {
	return t.certExpiry, !t.certExpiry.IsZero()
}

// CloseIdleConnections closes connections kept for reuse.
func (t *SOAPTransport) CloseIdleConnections() { t.hc.CloseIdleConnections() }

// Controleer sends q (which should have validated; use a Client for that)
// and reads the answer. A BSN unknown to COV gives the result with
// BSNOnbekend set and an error wrapping ErrBSNUnknown.
func (t *SOAPTransport) Controleer(ctx context.Context, q Zoekopdracht) (Zoekresultaat, error) {
	body, err := encodeRequest(q)
	if err != nil {
		return Zoekresultaat{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.endpoint, bytes.NewReader(body))
	if err != nil {
		return Zoekresultaat{}, fmt.Errorf("cov: building the request: %w", err)
	}
	req.Header.Set("Content-Type", soapMediaType)
	req.Header.Set("SOAPAction", soapAction)
	resp, err := t.hc.Do(req)
	if err != nil {
		return Zoekresultaat{}, classifyTransportError(ctx, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return Zoekresultaat{}, classifyTransportError(ctx, err)
	}
	if resp.StatusCode == http.StatusOK {
		res, err := decodeResponse(data)
		if err == nil && res.BSNOnbekend {
			err = &ServiceError{Kind: ErrBSNUnknown}
		}
		return res, err
	}
	return Zoekresultaat{}, statusError(resp, data)
}

// statusError maps an HTTP answer other than 200 to a *ServiceError. A SOAP
// fault in the body decides the kind, except that 429 and 502–504 are
// always ErrUnavailable.
func statusError(resp *http.Response, body []byte) *ServiceError {
	e := decodeFault(body)
	if e == nil {
		e = &ServiceError{Detail: http.StatusText(resp.StatusCode)}
		switch {
		case resp.StatusCode == http.StatusUnauthorized:
			e.Kind = ErrNotAuthenticated
		case resp.StatusCode == http.StatusForbidden:
			e.Kind = ErrNotAuthorised
		case resp.StatusCode >= 500:
			e.Kind = ErrUnavailable
		default:
			e.Kind = ErrProtocol
		}
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		e.Kind = ErrUnavailable
	}
	e.StatusCode = resp.StatusCode
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"))
	return e
}

func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// classifyTransportError maps an error on the way to the service.
func classifyTransportError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("cov: controleer: %w", context.Canceled)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &ServiceError{Kind: ErrUnavailable, Detail: "no answer before the deadline", Err: context.DeadlineExceeded}
	}
	var (
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		rherr tls.RecordHeaderError
		operr *net.OpError
	)
	switch {
	case errors.As(err, &verr), errors.As(err, &uaerr), errors.As(err, &herr):
		return &ServiceError{Kind: ErrNotAuthenticated, Detail: "the service's certificate is not trusted", Err: err}
	case errors.As(err, &operr) && operr.Op == "remote error":
		// A TLS alert from the service: it refused our certificate (or sent none
		// we accept) during or right after the handshake.
		return &ServiceError{Kind: ErrNotAuthenticated, Detail: "the service refused the TLS handshake (client certificate missing, expired or not trusted)", Err: err}
	case errors.As(err, &rherr):
		return &ServiceError{Kind: ErrProtocol, Detail: "the endpoint does not speak TLS", Err: err}
	}
	var nerr net.Error
	if errors.As(err, &nerr) && nerr.Timeout() {
		return &ServiceError{Kind: ErrUnavailable, Detail: "timed out", Err: err}
	}
	return &ServiceError{Kind: ErrUnavailable, Detail: "no connection to the service", Err: err}
}

// NewSOAPHandler serves the COV SOAP operation over HTTP with t answering
// the Zoekopdrachten: the server side of the wire format, for fakes (see
// covtest) and gateways. Errors from t become SOAP faults by their kind
// (ErrNotAuthorised, ErrNotAuthenticated, ErrUnavailable, ErrInvalidQuery);
// ErrBSNUnknown becomes an answer with Resultaat BSNOnbekend. A
// *ServiceError with a StatusCode other than 500 is answered with that
// status (and its RetryAfter as Retry-After) instead.
func NewSOAPHandler(t Transport) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "COV expects a SOAP POST", http.StatusMethodNotAllowed)
			return
		}
		data, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return // the client went away
		}
		q, err := decodeRequest(data)
		var res Zoekresultaat
		if err == nil {
			res, err = t.Controleer(r.Context(), q)
		}
		if err == nil || errors.Is(err, ErrBSNUnknown) {
			res.BSNOnbekend = res.BSNOnbekend || err != nil
			out, err := encodeResponse(res)
			if err != nil {
				http.Error(w, "encoding the answer failed", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", soapMediaType)
			w.Write(out)
			return
		}
		writeFault(w, err)
	})
}

func writeFault(w http.ResponseWriter, err error) {
	kind, message, status := ErrUnavailable, err.Error(), http.StatusInternalServerError
	for _, k := range []error{ErrNotAuthenticated, ErrNotAuthorised, ErrInvalidQuery, ErrUnavailable, ErrProtocol} {
		if errors.Is(err, k) {
			kind = k
			break
		}
	}
	var se *ServiceError
	if errors.As(err, &se) {
		if se.StatusCode != 0 {
			status = se.StatusCode
		}
		message = se.Detail
		if message == "" {
			message = http.StatusText(status)
		}
		if se.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int((se.RetryAfter+time.Second-1)/time.Second)))
		}
	}
	out, encErr := encodeFault(kind, message)
	if encErr != nil {
		http.Error(w, "encoding the fault failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", soapMediaType)
	w.WriteHeader(status)
	w.Write(out)
}
