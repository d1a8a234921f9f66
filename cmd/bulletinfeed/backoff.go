package main

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff is an exponential delay between retries, from min doubling up to
// max, with up to a fifth of jitter so that replicas restarted together do
// not knock on the database in step.
type backoff struct {
	min, max time.Duration
	next     time.Duration
}

func newBackoff(min, max time.Duration) *backoff { return &backoff{min: min, max: max, next: min} }

// Delay returns the delay before the next try and doubles the one after.
func (b *backoff) Delay() time.Duration {
	d := b.next
	b.next = min(b.next*2, b.max)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// Reset starts again from min, after a success.
func (b *backoff) Reset() { b.next = b.min }

// sleep waits d or until ctx is done, and reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
