package cov_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// appointments makes one appointment in the last 30 days for each BSN.
func appointments(bsns []cov.BSN) []cov.Appointment {
	out := make([]cov.Appointment, len(bsns))
	for i, b := range bsns {
		out[i] = cov.Appointment{
			PatientID: fmt.Sprintf("P%05d", i),
			Datum:     today.AddDays(-(i % 30)),
			Patient:   cov.Zoekopdracht{Geboortedatum: cov.NewDate(1940+i%80, time.Month(1+i%12), 1+i%28), BSN: b},
		}
	}
	return out
}

// maxInWindow returns the largest number of arrivals within any window.
func maxInWindow(arrivals []time.Time, window time.Duration) int {
	slices.SortFunc(arrivals, time.Time.Compare)
	most, lo := 0, 0
	for hi := range arrivals {
		for arrivals[hi].Sub(arrivals[lo]) >= window {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	return most
}

// requestedOnce fails the test unless every BSN reached the service exactly once.
func requestedOnce(t *testing.T, srv *covtest.Server, bsns []cov.BSN) {
	t.Helper()
	bad := 0
	for _, b := range bsns {
		if n := srv.Requests(b); n != 1 {
			if bad++; bad <= 5 {
				t.Errorf("BSN %s was sent %d times, want exactly 1", b, n)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d patients were not sent exactly once", bad, len(bsns))
	}
}

// TestBulk10000 runs a bulk check of 10,000 patients that is stopped half
// way and resumed from the same file store, as after a restart: it
// finishes, keeps to the rate limit, and sends every patient exactly once.
func TestBulk10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 checks over TLS")
	}
	const (
		rate  = 4000.0
		burst = 20
	)
	n := testlevel.Pick(10000, 2000) // 10,000 in the full test run (CI)
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(n)
	appts := appointments(bsns)
	path := filepath.Join(t.TempDir(), "cov.jsonl")
	opts := cov.BulkOptions{RunID: "10000", Workers: 8, RatePerSecond: rate, Burst: burst}

	// First attempt: stopped half way.
	store, err := cov.OpenFileStore(path, cov.FileStoreOptions{SyncEvery: 100})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: store}
	reports := 0
	opts.Progress = func(p cov.Progress) {
		if reports++; p.Done >= n/2 {
			cancel()
		}
	}
	start := time.Now()
	first, err := chk.Bulk(ctx, appts, opts)
	firstTook := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first attempt: err = %v, want context.Canceled", err)
	}
	if first.Checked < n/2 || first.Checked >= n || first.Unfinished != n-first.Checked || reports != first.Checked+1 {
		t.Fatalf("first attempt: %+v after %d progress reports; want it stopped half way", first, reports)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	firstSent := srv.TotalRequests()
	if firstSent != first.Checked {
		t.Errorf("%d requests sent but %d answers saved: an answer in flight was lost", firstSent, first.Checked)
	}

	// Second attempt, as after a restart: a new store on the same file.
	store, err = cov.OpenFileStore(path, cov.FileStoreOptions{SyncEvery: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	chk = &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: store}
	var last cov.Progress
	opts.Progress = func(p cov.Progress) { last = p }
	start = time.Now()
	second, err := chk.Bulk(t.Context(), appts, opts)
	secondTook := time.Since(start)
	if err != nil {
		t.Fatalf("second attempt: %v", err)
	}
	t.Logf("%d checked in %s, then %d resumed and %d checked in %s", first.Checked, firstTook, second.Resumed, second.Checked, secondTook)
	if second.Resumed != first.Checked || first.Checked+second.Checked != n || second.Failed != 0 || second.Unfinished != 0 {
		t.Errorf("first %+v, second %+v: want the second to finish what the first left", first, second)
	}
	if last.Done != n || last.Total != n || last.Resumed != first.Checked {
		t.Errorf("last progress %+v", last)
	}
	insured := second.NotInsured + second.BSNUnknown
	for _, c := range second.Insured {
		insured += c
	}
	if insured != second.Checked {
		t.Errorf("summary does not add up: %+v", second)
	}
	requestedOnce(t, srv, bsns)

	// The limiter allows burst + rate·w requests in any window w. Measured at
	// the service, in-flight requests (one per worker) may bunch up.
	arrivals := srv.Arrivals()
	for i, run := range []struct {
		arrivals []time.Time
		took     time.Duration
	}{{arrivals[:firstSent], firstTook}, {arrivals[firstSent:], secondTook}} {
		if least := time.Duration(float64(len(run.arrivals)-burst) / rate * float64(time.Second)); run.took < least*9/10 {
			t.Errorf("attempt %d sent %d requests in %s; at %.0f/s that takes at least %s", i+1, len(run.arrivals), run.took, rate, least)
		}
		for _, w := range []time.Duration{50 * time.Millisecond, 250 * time.Millisecond, time.Second} {
			limit := burst + int(rate*w.Seconds()) + opts.Workers
			if got := maxInWindow(run.arrivals, w); got > limit {
				t.Errorf("attempt %d: %d requests within %s; the rate limit allows at most %d", i+1, got, w, limit)
			}
		}
	}
}

func TestBulkThrottles(t *testing.T) {
	t.Parallel() // waits (timeouts, Retry-After, rates) beside the other tests
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(12)
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: &cov.MemoryStore{}}
	start := time.Now()
	sum, err := chk.Bulk(t.Context(), appointments(bsns), cov.BulkOptions{RunID: "slow", Workers: 4, RatePerSecond: 10})
	if err != nil || sum.Checked != 12 {
		t.Fatalf("Bulk: %+v, %v", sum, err)
	}
	// 12 requests at 10/s with a burst of 1: 11 intervals of 100ms.
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("12 checks at 10/s took %s; want at least 1.1s", d)
	}
	if got := maxInWindow(srv.Arrivals(), 250*time.Millisecond); got > 3+4 {
		t.Errorf("%d requests within 250ms at 10/s", got)
	}
}

func TestBulkStopsWhenNotAuthorised(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(200)
	tr, err := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL, TLS: srv.ClaimsOnlyTLS()})
	if err != nil {
		t.Fatal(err)
	}
	chk := &cov.Checker{Client: newClientWith(t, tr, cov.ClientOptions{}), Store: &cov.MemoryStore{}}
	sum, err := chk.Bulk(t.Context(), appointments(bsns), cov.BulkOptions{RunID: "claims-only", Workers: 4, RatePerSecond: 1000})
	if !errors.Is(err, cov.ErrNotAuthorised) {
		t.Fatalf("err = %v, want ErrNotAuthorised", err)
	}
	if sent := srv.TotalRequests(); sent > 10 {
		t.Errorf("%d requests sent after COV refused the practice; want the run to stop at once", sent)
	}
	if sum.Checked != 0 || sum.Unfinished < 190 {
		t.Errorf("summary %+v", sum)
	}
}

func TestBulkOnePerPatientAndPeildatum(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(2)
	store := &cov.MemoryStore{}
	chk := &cov.Checker{Client: newClient(t, srv, cov.ClientOptions{}), Store: store}
	p := func(id string, d cov.Date, b cov.BSN) cov.Appointment {
		return cov.Appointment{PatientID: id, Datum: d, Patient: patient(b)}
	}
	appts := []cov.Appointment{
		p("A", today.AddDays(-40), bsns[0]),
		p("A", today.AddDays(-10), bsns[0]), // latest appointment of A
		p("A", today.AddDays(-20), bsns[0]),
		p("B", today.AddDays(14), bsns[1]), // ahead: checked for today
		p("", today, bsns[1]),              // no patient id
	}
	sum, err := chk.Bulk(t.Context(), appts, cov.BulkOptions{RunID: "dedupe"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Patients != 3 || sum.Checked != 2 || sum.Failed != 1 || !errors.Is(sum.Failures[0].Err, cov.ErrInvalidQuery) {
		t.Errorf("summary %+v", sum)
	}
	for id, want := range map[string]cov.Date{"A": today.AddDays(-10), "B": today} {
		rec, ok, _ := store.Latest(t.Context(), id)
		if !ok || rec.Result.Peildatum != want || rec.RunID != "dedupe" {
			t.Errorf("patient %s: record %+v; want peildatum %s", id, rec, want)
		}
	}
	if srv.Requests(bsns[0]) != 1 || srv.Requests(bsns[1]) != 1 {
		t.Errorf("requests %d, %d; want one per patient", srv.Requests(bsns[0]), srv.Requests(bsns[1]))
	}
}

func TestBulkNeedsRunID(t *testing.T) {
	chk := &cov.Checker{Client: newClientWith(t, cov.ControleerFunc(nil), cov.ClientOptions{}), Store: &cov.MemoryStore{}}
	if _, err := chk.Bulk(t.Context(), nil, cov.BulkOptions{}); err == nil {
		t.Error("Bulk without RunID did not fail")
	}
}
