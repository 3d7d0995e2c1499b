//go:build integration

package ledger

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestCancelledWriteSaysCanceled: an error in a transaction whose context is canceled
// matches context.Canceled, also when the driver reports only the write it broke off
// (pgx: "use of closed network connection"), and still matches its own error.
func TestCancelledWriteSaysCanceled(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		ctx, cancel := context.WithCancel(context.Background())
		broken := errors.New("write failed: use of closed network connection")
		err := l.Store().Update(ctx, UpdateKey("9964", "B"), func(Tx) error {
			cancel()
			return broken
		})
		if !errors.Is(err, context.Canceled) || !errors.Is(err, broken) {
			t.Fatalf("err = %v, want context.Canceled and the driver's error", err)
		}
		// Without a cancellation the error is returned as it is.
		err = l.Store().Update(context.Background(), UpdateKey("9964", "B"), func(Tx) error { return broken })
		if err != broken {
			t.Fatalf("err = %v, want the driver's error itself", err)
		}
	})
}

// TestApplyCancelled cancels the context half way through an apply: the error is the
// context's and the ledger is as before.
func TestApplyCancelled(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		jan := daysOf("20160101", "20160131")
		mustApply(t, l, file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...))
		before := allRecords(t, l)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := l.Apply(ctx, bigRedelivery(120000), Options{Progress: func(done, total int) {
			if done*2 >= total {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("apply: %v, want context.Canceled", err)
		}
		if after := allRecords(t, l); !slices.Equal(before, after) {
			t.Fatalf("the cancelled apply changed the ledger: %d records, %d before", len(after), len(before))
		}
		if evs, _ := l.Events(context.Background(), "", ""); len(evs) != 1 {
			t.Fatalf("%d events, want 1", len(evs))
		}
	})
}

// TestApplyBeforeCommit: an error of Options.BeforeCommit, called once the records are in,
// rolls the apply back; without one the apply commits what the plan it is given says.
func TestApplyBeforeCommit(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		jan := daysOf("20160101", "20160131")
		mustApply(t, l, file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...))
		before := allRecords(t, l)
		refuse := errors.New("the file's rules refuse it")
		var seen *Plan
		_, err := l.Apply(context.Background(), bigRedelivery(1000), Options{BeforeCommit: func(p *Plan) error {
			seen = p
			return refuse
		}})
		if !errors.Is(err, refuse) {
			t.Fatalf("apply: %v, want the BeforeCommit error", err)
		}
		if seen == nil || seen.Added() != 1000 || seen.Closed() != int64(len(before)) {
			t.Fatalf("BeforeCommit saw %+v, want 1000 added and %d closed", seen, len(before))
		}
		if after := allRecords(t, l); !slices.Equal(before, after) {
			t.Fatalf("the refused apply changed the ledger: %d records, %d before", len(after), len(before))
		}
		if evs, _ := l.Events(context.Background(), "", ""); len(evs) != 1 {
			t.Fatalf("%d events, want 1", len(evs))
		}
		p, err := l.Apply(context.Background(), bigRedelivery(1000), Options{BeforeCommit: func(*Plan) error { return nil }})
		if err != nil || p.Added() != 1000 {
			t.Fatalf("apply: %v", err)
		}
		if n := len(allRecords(t, l)); n != len(before)+1000 {
			t.Fatalf("%d records after the apply, want %d", n, len(before)+1000)
		}
	})
}

// TestConcurrentApply applies deliveries of two ledgers on the same database at once:
// they are serialized and both land.
func TestConcurrentApply(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			ls := []*Ledger{openLedger(t, dsn), openLedger(t, dsn)}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					// Four indieners, so that the order does not matter to the rules.
					ind := []string{"7119", "0104", "0201", "7053"}[i]
					dl := file(ind, "B", 1, "20160206", "20160101", "20160131", []string{ind}, daysOf("20160101", "20160131")...)
					_, errs[i] = ls[i%2].Apply(context.Background(), dl, Options{})
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("apply %d: %v", i, err)
				}
			}
			evs, err := ls[0].Events(context.Background(), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 4 || evs[3].ID != 4 {
				t.Errorf("events %+v, want 4 with IDs 1-4", evs)
			}
			if n := len(allRecords(t, ls[1])); n != 4*31 {
				t.Errorf("%d records, want %d", n, 4*31)
			}
		})
	}
}

// TestPostgresLocks: on PostgreSQL an apply of one indiener and bron-id waits for another
// of the same, an apply of another indiener does not, and readers never wait. An update
// of indiener 7119 holds its lock until released; meanwhile 0104 applies, q active reads,
// and a second 7119 apply waits.
func TestPostgresLocks(t *testing.T) {
	base := os.Getenv(postgresEnv)
	if base == "" {
		t.Skipf("PostgreSQL not configured: set %s", postgresEnv)
	}
	dsn := newSchema(t, base)
	l := openLedger(t, dsn)
	ctx := context.Background()
	jan := daysOf("20160101", "20160131")
	mustApply(t, l, file("7119", "B", 1, "20160206", "20160101", "20160131", []string{"7119"}, jan...))

	held, release := make(chan struct{}), make(chan struct{})
	holder := make(chan error, 1)
	go func() {
		holder <- l.Store().Update(ctx, UpdateKey("7119", "B"), func(tx Tx) error {
			if _, err := tx.CloseActive(ctx, "7119", "B", Period{d("20160101"), d("20160131")}, 99); err != nil {
				return err
			}
			close(held)
			<-release
			return errors.New("rolled back on purpose")
		})
	}()
	<-held
	timeout := func(f func(context.Context) error) error {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return f(c)
	}
	// Another indiener applies while 7119's lock is held.
	if err := timeout(func(c context.Context) error {
		_, err := l.Apply(c, file("0104", "B", 1, "20160206", "20160101", "20160131", []string{"0104"}, jan...), Options{})
		return err
	}); err != nil {
		t.Errorf("apply of another indiener while the lock is held: %v", err)
	}
	// A reader does not wait and sees the committed state: 7119's records still active.
	if err := timeout(func(c context.Context) error {
		n := 0
		err := l.Records(c, Query{Indiener: "7119"}, func(RecordState) error { n++; return nil })
		if err == nil && n != 31 {
			t.Errorf("reader sees %d active records of 7119, want 31", n)
		}
		return err
	}); err != nil {
		t.Errorf("reader while the lock is held: %v", err)
	}
	// The same indiener and bron-id waits.
	second := make(chan error, 1)
	go func() {
		_, err := l.Apply(ctx, file("7119", "B", 2, "20160219", "20160101", "20160131", []string{"7119"}, jan...), Options{})
		second <- err
	}()
	select {
	case err := <-second:
		t.Fatalf("apply of the same indiener and bron-id did not wait: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	close(release)
	if err := <-holder; err == nil {
		t.Error("the holder's update committed")
	}
	if err := <-second; err != nil {
		t.Errorf("second apply of 7119: %v", err)
	}
	got := map[string]int{}
	for _, s := range allRecords(t, l) {
		if s.Active() {
			got[fmt.Sprintf("%s %d", s.Indiener, s.Referentienummer)]++
		}
	}
	if want := map[string]int{"7119 2": 31, "0104 1": 31}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("active %v, want %v", got, want)
	}
}

// TestInsertRecordsAhead: InsertRecords takes the records from Source on a goroutine of
// its own while the database inserts the batch before. Over many batches the ledger holds
// what Apply of the records in memory gives; an error of Source after some batches is
// returned and leaves the ledger unchanged; an insert that fails (here: the context
// canceled while Source runs) stops Source a batch or two later, and its error is returned.
func TestInsertRecordsAhead(t *testing.T) {
	eachDB(t, func(t *testing.T, l *Ledger) {
		ctx := context.Background()
		l.Store().(*SQLStore).batch = 10 // 62 records: 7 batches
		jan := daysOf("20160101", "20160131")
		dl := file("9964", "B", 1, "20160206", "20160101", "20160131", cz[:2], jan...)
		if len(dl.Records) != 62 {
			t.Fatalf("%d records, want 62", len(dl.Records))
		}

		failAt := func(n int, err error, given *int) *Delivery {
			s := *dl
			s.Records = nil
			s.Source = func(fn func(*Record) error) error {
				for i := range dl.Records {
					if i == n {
						return err
					}
					*given = i + 1
					r := dl.Records[i]
					if err := fn(&r); err != nil {
						return err
					}
				}
				return nil
			}
			return &s
		}
		broken := errors.New("the file breaks at record 45")
		given := 0
		if _, err := l.Apply(ctx, failAt(44, broken, &given), Options{}); err != broken || given != 44 {
			t.Fatalf("Source failing after 44 records: %v after %d, want its own error after 44", err, given)
		}
		if n := len(allRecords(t, l)); n != 0 {
			t.Fatalf("the failed apply left %d records", n)
		}

		cctx, cancel := context.WithCancel(ctx)
		given = 0
		canceling := failAt(-1, nil, &given)
		src := canceling.Source
		canceling.Source = func(fn func(*Record) error) error {
			return src(func(r *Record) error {
				if r.Verwerkingsdatum == d("20160111") { // record 21, in the third batch
					cancel()
				}
				return fn(r)
			})
		}
		// The insert of the second or third batch sees the cancellation; Source is stopped
		// before it gives the fifth batch's records whole.
		if _, err := l.Apply(cctx, canceling, Options{}); !errors.Is(err, context.Canceled) || given > 50 {
			t.Fatalf("canceled in the third batch: %v after %d records given, want context.Canceled after at most 50", err, given)
		}
		if n := len(allRecords(t, l)); n != 0 {
			t.Fatalf("the canceled apply left %d records", n)
		}

		streamed := failAt(-1, nil, &given)
		p, err := l.Apply(ctx, streamed, Options{})
		if err != nil {
			t.Fatal(err)
		}
		held := openLedger(t, filepath.Join(t.TempDir(), "held.db"))
		want := mustApply(t, held, dl)
		p.Event, want.Event = 0, 0
		if !reflect.DeepEqual(p, want) {
			t.Errorf("plan of the records in 7 batches:\n%+v\nwant that of the same records in one:\n%+v", p, want)
		}
		got, wantRecs := allRecords(t, l), allRecords(t, held)
		for i := range got {
			got[i].ActivatedBy = 0
		}
		for i := range wantRecs {
			wantRecs[i].ActivatedBy = 0
		}
		if len(got) != 62 || !reflect.DeepEqual(got, wantRecs) {
			t.Errorf("%d records in the ledger, want the 62 of the file as held", len(got))
		}
	})
}
