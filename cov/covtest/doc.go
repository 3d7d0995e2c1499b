// Package covtest is a fake VECOZO COV service for tests: the real wire
// format (cov's SOAP handler) over real HTTPS with client certificates, on
// 127.0.0.1 only.
//
// Start one per test with NewServer (or Start outside tests). It makes its
// own certificate authority, server certificate and client certificates in
// process:
//
//   - ClientTLS: a certificate authorised for COV: checks are answered;
//   - ClaimsOnlyTLS: accepted, but authorised for Claims only: COV answers
//     "niet geautoriseerd" (cov.ErrNotAuthorised);
//   - UntrustedTLS, NoCertTLS: the TLS handshake is refused
//     (cov.ErrNotAuthenticated).
//
// Answers are scripted per BSN (Script): insurances, BSN unknown, deceased,
// failures (SOAP faults, HTTP statuses, the first N times only) and
// slowness; unscripted BSNs get DefaultAnswer. Options add slowness and a
// rate limit (HTTP 429) for every request. The server counts requests per
// BSN and records when each arrived, so that tests can check retries, rate
// limits and "nobody checked twice".
//
// # Quick start
//
//	srv := covtest.NewServer(t, covtest.Options{})
//	bsn := covtest.BSNs(1)[0]
//	srv.Script(bsn, covtest.Answer{BSNOnbekend: true})
//	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
//	…
//	if srv.Requests(bsn) != 1 { … }
package covtest
