package ledger

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

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
