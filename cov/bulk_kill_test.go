package cov_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

const (
	killWorkers = 4
	killRun     = "killed"
)

// killPatients is the size of the killed run: 10,000 in the full test run (CI), 2,000 by
// default (internal/testlevel). The child process sees the same environment.
func killPatients() int { return testlevel.Pick(10000, 2000) }

// TestBulkResumesAfterKill runs a bulk check in a child process, kills it
// (SIGKILL, no chance to clean up) half way, and resumes the run from the
// file store: no patient whose answer was saved is sent again, and only the
// requests in flight at the moment of the kill (at most one per worker)
// can be repeated. Past half way the child's requests reach the service and
// their answers are held until the kill (TestBulkKillHelper), so the kill
// lands half way with requests in flight however loaded the machine is.
func TestBulkResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	t.Parallel() // beside the tests that wait for timeouts and rates
	srv := covtest.NewServer(t, covtest.Options{})
	dir := t.TempDir()
	cert, key, ca, err := srv.ClientPEM()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"client.pem": cert, "client.key": key, "ca.pem": ca, "url": []byte(srv.URL)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "cov.jsonl")

	cmd := exec.Command(os.Args[0], "-test.run=^TestBulkKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "COV_KILL_HELPER_DIR="+dir)
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// A safety net, not the synchronisation: the child stops half way by itself.
	const wait = 3 * time.Minute
	deadline := time.Now().Add(wait)
	for lines := 0; lines < killPatients()/2; {
		select {
		case err := <-exited:
			t.Fatalf("child exited before it was killed (%v):\n%s", err, childOut.Bytes())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("child saved only %d answers in %v:\n%s", lines, wait, childOut.Bytes())
		}
		data, _ := os.ReadFile(path)
		lines = bytes.Count(data, []byte("\n"))
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	// What had reached the service when the child died: a patient may have been sent
	// more than once by then (the client retries a request that timed out on a loaded
	// machine), which is not what this test is about.
	bsns := covtest.BSNs(killPatients())
	atKill := make([]int, len(bsns))
	for i, b := range bsns {
		atKill[i] = srv.Requests(b)
	}

	store, err := cov.OpenFileStore(path, cov.FileStoreOptions{})
	if err != nil {
		t.Fatalf("reopening the store after the kill: %v", err)
	}
	defer store.Close()
	finished, err := store.Finished(t.Context(), killRun)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d of %d answers were saved; %d requests had reached the service", len(finished), killPatients(), srv.TotalRequests())
	if len(finished) == 0 || len(finished) >= killPatients() {
		t.Fatalf("%d finished: the kill did not land half way", len(finished))
	}

	appts := appointments(bsns)
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: store}
	sum, err := chk.Bulk(t.Context(), appts, cov.BulkOptions{RunID: killRun, Workers: killWorkers, RatePerSecond: 4000, Burst: 10})
	if err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	if sum.Resumed != len(finished) || sum.Resumed+sum.Checked != killPatients() {
		t.Errorf("resumed run %+v; want %d resumed and the rest checked", sum, len(finished))
	}

	done := map[string]bool{}
	for _, id := range finished {
		done[id] = true
	}
	repeated := 0
	for i, b := range bsns {
		before, after := atKill[i], srv.Requests(b)-atKill[i]
		switch {
		case done[appts[i].PatientID] && after != 0:
			t.Errorf("patient %s was finished before the kill but sent %d times after it", appts[i].PatientID, after)
		case done[appts[i].PatientID]:
		case after != 1:
			t.Errorf("patient %s not finished before the kill but sent %d times by the resumed run", appts[i].PatientID, after)
		case before > 0:
			repeated++ // in flight when the child was killed: its answer was never saved
		}
	}
	if repeated > killWorkers {
		t.Errorf("%d patients sent twice; at most %d (one per worker) can have been in flight", repeated, killWorkers)
	}
}

// TestBulkKillHelper is the child process of TestBulkResumesAfterKill.
func TestBulkKillHelper(t *testing.T) {
	dir := os.Getenv("COV_KILL_HELPER_DIR")
	if dir == "" {
		t.Skip("runs only as the child process of TestBulkResumesAfterKill")
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cert, err := tls.X509KeyPair(read("client.pem"), read("client.key"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(read("ca.pem"))
	tr, err := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: string(read("url")),
		TLS: &tls.Config{Certificates: []tls.Certificate{cert}, RootCAs: roots}})
	if err != nil {
		t.Fatal(err)
	}
	store, err := cov.OpenFileStore(filepath.Join(dir, "cov.jsonl"), cov.FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Half way, the requests still reach the service but their answers are held
	// (never saved) until the parent, which waits for half the answers in the
	// store, kills the process.
	var answered atomic.Int64
	half := int64(killPatients() / 2)
	hold := cov.ControleerFunc(func(ctx context.Context, q cov.Zoekopdracht) (cov.Zoekresultaat, error) {
		if answered.Load() >= half {
			tr.Controleer(ctx, q)
			time.Sleep(time.Hour) // held until the kill
		}
		res, err := tr.Controleer(ctx, q)
		answered.Add(1)
		return res, err
	})
	chk := &cov.Checker{Client: newClientWith(t, hold, cov.ClientOptions{}), Store: store}
	chk.Bulk(t.Context(), appointments(covtest.BSNs(killPatients())), cov.BulkOptions{RunID: killRun, Workers: killWorkers, RatePerSecond: 2000, Burst: 1})
	t.Error("the bulk run ended; the parent should have killed it")
}
