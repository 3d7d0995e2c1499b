package cov_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

// hostileAnswers are answers of a service that echoes personal data in
// every free-text place it has: the fault string, the fault code, the
// detail code, element names of broken XML, unknown values.
func hostileAnswers(spacedBSN string) []string {
	const env = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>%s</s:Body></s:Envelope>`
	pii := "Jan de Vries, geboren 17-05-1980, Dorpsstraat 27b, 3511 AB Utrecht, BSN " + spacedBSN
	return []string{
		fmt.Sprintf(env, `<s:Fault><faultcode>s:Client</faultcode><faultstring>`+pii+`</faultstring></s:Fault>`),
		fmt.Sprintf(env, `<s:Fault><faultcode>s:Client.Jan_de_Vries_17-05-1980</faultcode><faultstring>x</faultstring><detail><Foutcode>Vries-3511AB-27b</Foutcode></detail></s:Fault>`),
		fmt.Sprintf(env, `<s:Fault><faultcode>Vries 3511 AB</faultcode><faultstring>`+pii+`</faultstring><detail><Foutcode>NietGeautoriseerd</Foutcode></detail></s:Fault>`),
		fmt.Sprintf(env, `<s:Fault><faultcode>Vries:17-05-1980</faultcode><faultstring>`+pii+`</faultstring></s:Fault>`),
		fmt.Sprintf(env, `<controleerResponse><Zoekresultaat><Resultaat>`+pii+`</Resultaat></Zoekresultaat></controleerResponse>`),
		fmt.Sprintf(env, `<controleerResponse><Zoekresultaat><Resultaat>Gevonden</Resultaat><Verzekering><UZOVINummer>Vries 3511</UZOVINummer><SoortVerzekering>Basis</SoortVerzekering><Ingangsdatum>2026-01-01</Ingangsdatum></Verzekering></Zoekresultaat></controleerResponse>`),
		fmt.Sprintf(env, `<controleerResponse><Zoekresultaat><Resultaat>Gevonden</Resultaat><Verzekering><UZOVINummer>3311</UZOVINummer><SoortVerzekering>`+pii+`</SoortVerzekering><Ingangsdatum>2026-01-01</Ingangsdatum></Verzekering></Zoekresultaat></controleerResponse>`),
		`<Jan_de_Vries_17-05-1980><Dorpsstraat_27b></Jan_de_Vries_17-05-1980>`,
	}
}

// leaks are the pieces of hostileAnswers that must not come back.
var leaks = []string{"Vries", "17-05-1980", "Dorpsstraat", "27b", "3511", "Utrecht"}

// standsIn reports whether leak occurs in text other than inside a longer run of letters
// and digits, and not followed by a digit: "3511 AB", "-3511AB-" and "Vries_17" count;
// the fraction of a log line's timestamp ("…:51.835114Z"), a port ("127.0.0.1:43511")
// or a pointer printed by %#v ("0xc00027b480") do not. Those made the test fail now and
// then (a timestamp held 3511 in a CI run of 7 December 2026).
func standsIn(text, leak string) bool {
	re := regexp.MustCompile(`(?:^|[^0-9A-Za-z])` + regexp.QuoteMeta(leak) + `(?:[^0-9]|$)`)
	return re.MatchString(text)
}

// TestServiceTextIsNeverShown: nothing the service writes in free text —
// a name, birth date, address or BSN with spaces in the fault string, a
// made-up fault or detail code, names in broken XML — reaches an error
// (Error, %+v, %#v), the Client's debug log or bulk's "bulk check failed"
// warning. Before, only runs of eight or more digits were masked.
func TestServiceTextIsNeverShown(t *testing.T) {
	bsns := covtest.BSNs(14)
	d := bsns[0].Digits()
	spaced := d[:3] + " " + d[3:6] + " " + d[6:]
	answers := hostileAnswers(spaced)
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := answers[int(n.Add(1)-1)%len(answers)]
		w.Header().Set("Content-Type", "text/xml")
		if strings.Contains(a, "Fault") {
			w.WriteHeader(http.StatusInternalServerError)
		}
		w.Write([]byte(a))
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes cut off at the end are expected
	srv.StartTLS()
	defer srv.Close()
	tr, err := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	debug := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newClientWith(t, tr, cov.ClientOptions{Logger: debug, Retry: cov.RetryPolicy{MaxAttempts: 1}})

	var out strings.Builder
	for range answers {
		_, err := c.Controleer(t.Context(), patient(bsns[0]))
		if err == nil {
			t.Fatal("a hostile answer was accepted")
		}
		var se *cov.ServiceError
		if errors.As(err, &se) {
			fmt.Fprintf(&out, "%#v\n%+v\n%s\n", se, *se, se.FaultCode)
		}
		fmt.Fprintf(&out, "%v\n%+v\n%#v\n", err, err, err)
	}
	chk := &cov.Checker{Client: c, Store: &cov.MemoryStore{}, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
	sum, err := chk.Bulk(t.Context(), appointments(bsns), cov.BulkOptions{RunID: "hostile", RatePerSecond: 1000, Workers: 2})
	if err != nil && !errors.Is(err, cov.ErrNotAuthorised) {
		t.Fatal(err)
	}
	for _, f := range sum.Failures {
		fmt.Fprintf(&out, "%v\n%+v\n%#v\n", f.Err, f, f)
	}
	out.WriteString(logs.String())
	text := out.String()
	if !strings.Contains(text, "bulk check failed") || !strings.Contains(text, "attempt=") {
		t.Fatalf("the logs are not captured:\n%s", text)
	}
	for _, leak := range append(leaks, spaced, d[3:6]+" "+d[6:]) {
		if standsIn(text, leak) {
			t.Errorf("%q from the service reached errors or logs", leak)
		}
	}
	if !strings.Contains(text, "fault NietGeautoriseerd") || !strings.Contains(text, "fault unrecognised") {
		t.Errorf("known codes should still be shown, unknown ones named as such:\n%s", text)
	}
}

// TestStandsIn: the leak check finds a leak in every form the hostile answers give it,
// and not in the digits a log line or %#v prints of itself.
func TestStandsIn(t *testing.T) {
	for _, c := range []struct {
		text, leak string
		want       bool
	}{
		{"Dorpsstraat 27b, 3511 AB Utrecht", "3511", true},
		{"Dorpsstraat 27b, 3511 AB Utrecht", "27b", true},
		{"<Foutcode>Vries-3511AB-27b</Foutcode>", "3511", true},
		{"<Foutcode>Vries-3511AB-27b</Foutcode>", "27b", true},
		{"s:Client.Jan_de_Vries_17-05-1980", "Vries", true},
		{"s:Client.Jan_de_Vries_17-05-1980", "17-05-1980", true},
		{"fault Vries:17-05-1980", "17-05-1980", true},
		{"3511", "3511", true},
		{`time=2026-12-07T02:53:51.835114Z level=DEBUG`, "3511", false},
		{`dial tcp 127.0.0.1:43511: connection refused`, "3511", false},
		{`&cov.ServiceError{p:(*int)(0xc00027b480)}`, "27b", false},
		{"attempts=35110", "3511", false},
	} {
		if got := standsIn(c.text, c.leak); got != c.want {
			t.Errorf("standsIn(%q, %q) = %v, want %v", c.text, c.leak, got, c.want)
		}
	}
}

// TestInsecureTLSIsRefused: InsecureSkipVerify, on SOAPConfig.TLS or on a
// caller's HTTPClient, and an HTTPClient whose TLS checks cannot be seen
// are refused before any BSN leaves; InsecureTestServer lifts that only for
// a loopback endpoint. Before, all of them were accepted silently and the
// BSN went to the untrusted server.
func TestInsecureTLSIsRefused(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsn := covtest.BSNs(1)[0]
	insecure := func() *tls.Config {
		cfg := srv.ClientTLS()
		cfg.RootCAs = nil
		cfg.InsecureSkipVerify = true
		return cfg
	}
	refused := map[string]cov.SOAPConfig{
		"TLS.InsecureSkipVerify": {Endpoint: srv.URL, TLS: insecure()},
		"HTTPClient with InsecureSkipVerify": {Endpoint: srv.URL,
			HTTPClient: &http.Client{Transport: &http.Transport{TLSClientConfig: insecure()}}},
		"HTTPClient with an opaque RoundTripper": {Endpoint: srv.URL,
			HTTPClient: &http.Client{Transport: roundTripper(http.DefaultTransport.RoundTrip)}},
		"HTTPClient dialling TLS itself": {Endpoint: srv.URL,
			HTTPClient: &http.Client{Transport: &http.Transport{DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return tls.Dial(network, addr, insecure())
			}}}},
		"InsecureTestServer for a remote host": {Endpoint: "https://cov.example.nl/cov", TLS: insecure(), InsecureTestServer: true},
	}
	for name, cfg := range refused {
		if _, err := cov.NewSOAPTransport(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if n := srv.Requests(bsn); n != 0 {
		t.Errorf("%d requests reached the service", n)
	}

	// A caller's client that does not trust the service: nothing is sent.
	tr, err := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL,
		HTTPClient: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{Certificates: srv.ClientTLS().Certificates}}}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClientWith(t, tr, cov.ClientOptions{Retry: cov.RetryPolicy{MaxAttempts: 1}})
	if _, err := c.Controleer(t.Context(), patient(bsn)); !errors.Is(err, cov.ErrNotAuthenticated) {
		t.Errorf("err = %v, want ErrNotAuthenticated (service certificate not trusted)", err)
	}
	if n := srv.Requests(bsn); n != 0 {
		t.Errorf("%d requests reached an untrusted service", n)
	}

	// The loud option, on loopback: allowed.
	tr, err = cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL, TLS: insecure(), InsecureTestServer: true})
	if err != nil {
		t.Fatalf("InsecureTestServer on loopback: %v", err)
	}
	c = newClientWith(t, tr, cov.ClientOptions{})
	if _, err := c.Controleer(t.Context(), patient(bsn)); err != nil {
		t.Errorf("InsecureTestServer on loopback: %v", err)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestRetryAfterIsHonouredBeyondMaxDelay: a Retry-After longer than the
// Client's own backoff cap is waited for in full (before, it was capped at
// MaxDelay, so the service was asked again at once); one longer than
// MaxRetryAfter is not retried at all.
func TestRetryAfterIsHonouredBeyondMaxDelay(t *testing.T) {
	t.Parallel() // waits (timeouts, Retry-After, rates) beside the other tests
	for _, tt := range []struct {
		name       string
		retryAfter time.Duration
		maxAfter   time.Duration
		wantCalls  int64
		wantText   string
	}{
		{"longer than MaxDelay: waited for", 3 * time.Second, 0, 1, "deadline"},
		{"longer than MaxRetryAfter: not retried", time.Hour, 0, 1, "asked to wait 1h0m0s"},
		{"within MaxRetryAfter: retried after it", 50 * time.Millisecond, time.Second, 3, "gave up after 3 attempts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			tr := cov.ControleerFunc(func(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
				calls.Add(1)
				return cov.Zoekresultaat{}, &cov.ServiceError{Kind: cov.ErrUnavailable, StatusCode: http.StatusTooManyRequests, RetryAfter: tt.retryAfter}
			})
			c := newClientWith(t, tr, cov.ClientOptions{Retry: cov.RetryPolicy{MaxAttempts: 3, MaxDelay: 10 * time.Millisecond, MaxRetryAfter: tt.maxAfter}})
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			_, err := c.Controleer(ctx, patient(covtest.BSNs(1)[0]))
			if err == nil || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %v, want it to say %q", err, tt.wantText)
			}
			if n := calls.Load(); n != tt.wantCalls {
				t.Errorf("%d calls, want %d", n, tt.wantCalls)
			}
		})
	}
}

// TestBulkSlowsDownUnder429: a bulk run started faster than the service
// allows slows down and checks every patient; before, it kept its rate and
// patients ran out of attempts on 429s.
func TestBulkSlowsDownUnder429(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	t.Parallel() // seconds of waiting for the service's rate, beside the other tests
	srv := covtest.NewServer(t, covtest.Options{RatePerSecond: 25, Burst: 2})
	bsns := covtest.BSNs(20)
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{Retry: cov.RetryPolicy{MaxAttempts: 2}}), Store: &cov.MemoryStore{}}
	sum, err := chk.Bulk(t.Context(), appointments(bsns), cov.BulkOptions{RunID: "fast", Workers: 4, RatePerSecond: 200})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Checked != len(bsns) {
		t.Errorf("checked %d of %d, %d failed: %v", sum.Checked, len(bsns), sum.Failed, sum.Failures)
	}
	if sum.Slowdowns == 0 || sum.LowestRate >= 200 {
		t.Errorf("slowdowns %d, lowest rate %v: the run did not slow down", sum.Slowdowns, sum.LowestRate)
	}
}

// TestSecondBulkTheSameDayWarns: seed 000 and VECOZO: bulk is a last
// resort, never daily. A second run on one day warns (in the Summary and
// the log); resuming the same run does not.
func TestSecondBulkTheSameDayWarns(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(6)
	var logs lockedBuffer
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: &cov.MemoryStore{},
		Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	first, err := chk.Bulk(t.Context(), appointments(bsns[:3]), cov.BulkOptions{RunID: "a", RatePerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	resumed, err := chk.Bulk(t.Context(), appointments(bsns[:3]), cov.BulkOptions{RunID: "a", RatePerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Warnings) != 0 || len(resumed.Warnings) != 0 {
		t.Errorf("warnings on the first run or its resumption: %q %q", first.Warnings, resumed.Warnings)
	}
	second, err := chk.Bulk(t.Context(), appointments(bsns[3:]), cov.BulkOptions{RunID: "b", RatePerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Warnings) != 1 || !strings.Contains(second.Warnings[0], "second bulk run today") {
		t.Errorf("second run: warnings %q, want one about a second bulk run today", second.Warnings)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "second bulk run today") {
		t.Errorf("the warning was not logged:\n%s", logs.String())
	}
}

// TestCertificateExpiryWarns: the checker's status tells the days the
// client certificate has left and warns within CertificateWarning (30
// days by default). covtest's certificates live one day.
func TestCertificateExpiryWarns(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	for _, tt := range []struct {
		name     string
		now      func() time.Time
		wantDays int
		warn     bool
	}{
		{"a day left", time.Now, 0, true},
		{"40 days left", func() time.Time { return time.Now().Add(-40 * 24 * time.Hour) }, 40, false},
		{"expired", func() time.Time { return time.Now().Add(48 * time.Hour) }, -2, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{Now: tt.now}), Store: &cov.MemoryStore{}}
			st := chk.Status()
			if st.CertificateExpiry.IsZero() || st.CertificateDaysLeft != tt.wantDays {
				t.Errorf("expiry %v, days left %d, want %d", st.CertificateExpiry, st.CertificateDaysLeft, tt.wantDays)
			}
			if got := len(st.Warnings) == 1 && strings.Contains(st.Warnings[0], "certificate"); got != tt.warn {
				t.Errorf("warnings %q, want a certificate warning: %v", st.Warnings, tt.warn)
			}
		})
	}
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{Now: time.Now}), Store: &cov.MemoryStore{}}
	sum, err := chk.Bulk(t.Context(), appointments(covtest.BSNs(1)), cov.BulkOptions{RunID: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "days left") {
		t.Errorf("bulk warnings %q, want the certificate's", sum.Warnings)
	}
}

// TestVerzekerdennummerMasksItself: the policy number prints masked with
// every verb, in JSON and in slog, and the FileStore keeps only the masked
// form on disk; Full gives the number, and the MemoryStore keeps it.
func TestVerzekerdennummerMasksItself(t *testing.T) {
	const full = "ZK8765432109"
	v := cov.Verzekering{UZOVI: 3311, Verzekerdennummer: full, Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2026, 1, 1)}
	res := cov.Zoekresultaat{Peildatum: today, Verzekeringen: []cov.Verzekering{v}, CheckedAt: now}
	var out strings.Builder
	fmt.Fprintf(&out, "%v %+v %#v %s %q %v %+v %#v\n", v.Verzekerdennummer, v.Verzekerdennummer, v.Verzekerdennummer,
		v.Verzekerdennummer, v.Verzekerdennummer, v, v, res)
	j, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(j)
	slog.New(slog.NewJSONHandler(&out, nil)).Info("x", "v", v.Verzekerdennummer, "res", res)
	slog.New(slog.NewTextHandler(&out, nil)).Info("x", "v", v.Verzekerdennummer, "res", res)

	path := filepath.Join(t.TempDir(), "cov.jsonl")
	fs, err := cov.OpenFileStore(path, cov.FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Save(t.Context(), cov.Record{PatientID: "P1", Result: res}); err != nil {
		t.Fatal(err)
	}
	fs.Close()
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(file)
	if strings.Contains(out.String(), full) || strings.Contains(out.String(), full[:6]) {
		t.Errorf("full verzekerdennummer printed or stored:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "*********109") {
		t.Errorf("masked number not shown:\n%s", out.String())
	}
	if v.Verzekerdennummer.Full() != full || !v.Verzekerdennummer.Known() {
		t.Errorf("Full = %q", v.Verzekerdennummer.Full())
	}

	fs, err = cov.OpenFileStore(path, cov.FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	back, ok, err := fs.Latest(t.Context(), "P1")
	if err != nil || !ok || back.Result.Verzekeringen[0].Verzekerdennummer.Known() || back.Result.Verzekeringen[0].UZOVI != 3311 {
		t.Errorf("read back %+v, %v, %v: want the masked number, not Known", back, ok, err)
	}
	var mem cov.MemoryStore
	mem.Save(t.Context(), cov.Record{PatientID: "P1", Result: res})
	if got, _, _ := mem.Latest(t.Context(), "P1"); got.Result.Verzekeringen[0].Verzekerdennummer.Full() != full {
		t.Errorf("MemoryStore lost the number: %q", got.Result.Verzekeringen[0].Verzekerdennummer.Full())
	}
}
