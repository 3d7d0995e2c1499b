package tokenbucket

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestWaitKeepsTheRate(t *testing.T) {
	const rate, burst, n = 200.0, 5, 45
	b := New(rate, burst)
	start := time.Now()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range n / 4 {
				if err := b.Wait(context.Background()); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// 44 tokens: 5 at once, 39 at 200/s = 195ms at least.
	if d := time.Since(start); d < 150*time.Millisecond || d > 5*time.Second {
		t.Errorf("44 tokens at 200/s with burst 5 took %s", d)
	}
}

func TestWaitHonoursContext(t *testing.T) {
	b := New(0.1, 1)
	b.Wait(context.Background()) // takes the only token
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := b.Wait(ctx); err == nil {
		t.Error("Wait returned a token that is 10s away")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Wait ignored the context for %s", d)
	}
	cancelled, stop := context.WithCancel(context.Background())
	stop()
	if err := New(100, 1).Wait(cancelled); err == nil {
		t.Error("Wait on a cancelled context succeeded")
	}
}

func TestAllow(t *testing.T) {
	b := New(1, 2)
	first, second, third := b.Allow(), b.Allow(), b.Allow()
	if !first || !second || third {
		t.Error("a bucket of 2 should allow exactly 2 at once")
	}
}

func TestPauseDelaysTheNextToken(t *testing.T) {
	b := New(1000, 1)
	b.Pause(150 * time.Millisecond)
	start := time.Now()
	if err := b.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("the token after a pause of 150ms came after %s", d)
	}
}

func TestSetRateSlowsDown(t *testing.T) {
	b := New(1000, 1)
	b.SetRate(20)
	if r := b.Rate(); r != 20 {
		t.Fatalf("Rate = %v, want 20", r)
	}
	b.Wait(context.Background()) // the token in the bucket
	start := time.Now()
	for range 3 {
		b.Wait(context.Background())
	}
	// 3 tokens at 20/s take 150ms; at the old 1000/s they would take 3ms.
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("3 tokens at 20/s took %s", d)
	}
}
