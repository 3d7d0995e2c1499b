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
	// Required unless HTTPClient is set.
	TLS *tls.Config

	// HTTPClient, when set, is used as it is, TLS setup included: bring
	// your own HTTP stack. TLS is then ignored.
	HTTPClient *http.Client

	// MaxIdleConns is how many idle connections to the service are kept
	// for reuse (each new one costs a TLS handshake). 0 means 16.
	MaxIdleConns int
}

// SOAPTransport is the Transport that speaks SOAP 1.1 over HTTPS with a
// client certificate to the COV service. It is safe for concurrent use.
// It makes one attempt per call; timeouts and retries are the Client's.
type SOAPTransport struct {
	endpoint string
	hc       *http.Client
}

// NewSOAPTransport checks the configuration and returns the transport.
func NewSOAPTransport(c SOAPConfig) (*SOAPTransport, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("cov: SOAPConfig.Endpoint %q: expected an https:// URL (COV is only offered over HTTPS with a client certificate)", c.Endpoint)
	}
	if c.HTTPClient != nil {
		return &SOAPTransport{endpoint: c.Endpoint, hc: c.HTTPClient}, nil
	}
	if c.TLS == nil || (len(c.TLS.Certificates) == 0 && c.TLS.GetClientCertificate == nil) {
		return nil, fmt.Errorf("cov: SOAPConfig.TLS has no client certificate: %w; expected the practice's VECOZO certificate in TLS.Certificates", ErrNotAuthenticated)
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
	return &SOAPTransport{endpoint: c.Endpoint, hc: hc}, nil
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
