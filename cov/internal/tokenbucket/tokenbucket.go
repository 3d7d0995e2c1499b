package tokenbucket

import (
	"context"
	"sync"
	"time"
)

// Bucket is safe for concurrent use.
type Bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second, > 0
	burst  float64 // capacity, >= 1
	tokens float64 // may go negative: reservations not yet due
	last   time.Time
}

// New returns a full bucket. rate must be > 0; burst below 1 counts as 1.
func New(rate float64, burst int) *Bucket {
	b := float64(max(burst, 1))
	return &Bucket{rate: rate, burst: b, tokens: b, last: time.Now()}
}

// refill adds the tokens that flowed in since the last call; b.mu is held.
func (b *Bucket) refill(now time.Time) {
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(b.burst, b.tokens+elapsed.Seconds()*b.rate)
		b.last = now
	}
}

// reserve takes a token and returns how long to wait until it is due.
func (b *Bucket) reserve(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(now)
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// Wait blocks until a token is due, or returns ctx's error. A token
// reserved by a Wait that is cancelled is not given back, so the rate is
// never exceeded.
func (b *Bucket) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := b.reserve(time.Now())
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Allow takes a token if one is there now and reports whether it did.
func (b *Bucket) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(time.Now())
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Rate returns the tokens per second.
func (b *Bucket) Rate() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rate
}

// SetRate changes the tokens per second (rate must be > 0). Tokens that
// flowed in before the change are kept; reservations already made keep
// their place in the queue and are paid back at the new rate.
func (b *Bucket) SetRate(rate float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(time.Now())
	b.rate = rate
}

// Pause makes the next token due no earlier than d from now (the tokens
// already reserved wait as well): a service's Retry-After for everyone.
func (b *Bucket) Pause(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(time.Now())
	b.tokens = min(b.tokens, 1-d.Seconds()*b.rate)
}
