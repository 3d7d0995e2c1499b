package cov_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

// TestNoFullBSNInErrorsOrLogs runs a bulk check with every kind of failure,
// logging at debug level, and greps everything it produced — log lines,
// error strings, the summary, the store file — for full BSNs and birth dates.
func TestNoFullBSNInErrorsOrLogs(t *testing.T) {
	t.Parallel() // waits (timeouts, Retry-After, rates) beside the other tests
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(40)
	appts := appointments(bsns)
	for i := range appts {
		b := bsns[i]
		switch i % 8 {
		case 1:
			srv.Script(b, covtest.Answer{BSNOnbekend: true})
		case 2:
			srv.Script(b, covtest.Answer{Status: 503}) // fails after the retries
		case 3: // a service that echoes the BSN in its fault
			srv.Script(b, covtest.Answer{Fail: cov.ErrUnavailable, Message: "verzekerde " + b.Digits() + " tijdelijk niet te controleren"})
		case 4: // a service that echoes the BSN in a fault it should not send
			srv.Script(b, covtest.Answer{Fail: cov.ErrInvalidQuery, Message: "BSN " + b.Digits() + " ongeldig"})
		case 5: // fails the elfproef: never sent
			appts[i].Patient.BSN = b[:8] + cov.BSN(fmt.Sprint((int(b[8]-'0')+1)%10))
		case 6:
			appts[i].Patient.BSN = cov.DummyBSN
		case 7:
			srv.Script(b, covtest.Answer{Delay: time.Second}) // times out
		}
	}

	var logs lockedBuffer // two handlers write to it
	textLog := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	jsonLog := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	path := filepath.Join(t.TempDir(), "cov.jsonl")
	store, err := cov.OpenFileStore(path, cov.FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	chk := &cov.Checker{
		// 400ms: the 1s delay times out, the other answers arrive on a loaded machine too.
		Client: newClient(t, srv, cov.ClientOptions{Logger: textLog, Timeout: 400 * time.Millisecond, Retry: cov.RetryPolicy{MaxAttempts: 2}}),
		Store:  store,
		Logger: jsonLog,
	}
	sum, err := chk.Bulk(t.Context(), appts, cov.BulkOptions{RunID: "privacy", Workers: 4, RatePerSecond: 500})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	if sum.Failed < 20 || sum.BSNUnknown != 5 {
		t.Fatalf("summary %+v: the run should have many failures", sum)
	}

	// Single checks through the Checker log too.
	for i, trig := range []cov.Trigger{cov.TriggerNewPatient, cov.TriggerOpenRecord, cov.TriggerInvoice} {
		chk.Check(t.Context(), trig, fmt.Sprintf("S%d", i), appts[i+2].Patient)
	}

	var out strings.Builder
	out.WriteString(logs.String())
	for _, f := range sum.Failures {
		fmt.Fprintf(&out, "%v\n%+v\n%#v\n%s\n", f.Err, f.Err, f, f.Err.Error())
	}
	fmt.Fprintf(&out, "%v\n%+v\n%#v\n", sum, sum, sum)
	for _, a := range appts {
		fmt.Fprintf(&out, "%v %+v %#v %s %d %q\n", a.Patient, a.Patient, a.Patient, a.Patient, a.Patient, a.Patient.BSN)
		withAGB := a.Patient
		withAGB.AGB, withAGB.Rol = practice.AGB, practice.Rol
		j, err := json.Marshal(withAGB)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(j)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(file)

	text := out.String()
	if !strings.Contains(text, "cov: bulk check failed") || !strings.Contains(text, "attempt=") {
		t.Fatalf("the logs are not captured:\n%s", text)
	}
	for _, a := range appts {
		if b := a.Patient.BSN.Digits(); strings.Contains(text, b) && a.Patient.BSN != cov.DummyBSN {
			t.Errorf("full BSN %s found in errors, logs or the store file", cov.MaskBSN(b))
		}
		if d := a.Patient.Geboortedatum.String(); strings.Contains(text, d) {
			t.Errorf("birth date of %s found in errors, logs or the store file", a.PatientID)
		}
	}
	for _, b := range bsns {
		if strings.Contains(text, b.Digits()) {
			t.Errorf("full BSN %s found", b)
		}
	}
	if strings.Contains(text, cov.DummyBSN.Digits()) {
		t.Error("even the dummy BSN should print masked")
	}
	if !strings.Contains(text, bsns[3].String()) {
		t.Errorf("masked BSN %s not found; the test does not look at the right output", bsns[3])
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
