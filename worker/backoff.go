package worker

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff is an exponential delay between retries, from min doubling up to
// max, with up to a fifth of jitter so that replicas restarted together do
// not knock on the database in step.
type Backoff struct {
	min, max time.Duration
	next     time.Duration
}

// NewBackoff returns a back-off from min to max.
func NewBackoff(min, max time.Duration) *Backoff { return &Backoff{min: min, max: max, next: min} }

// Delay returns the delay before the next try and doubles the one after.
func (b *Backoff) Delay() time.Duration {
	d := b.next
	b.next = min(b.next*2, b.max)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// Reset starts again from min, after a success.
func (b *Backoff) Reset() { b.next = b.min }

// Sleep waits d or until ctx is done, and reports whether d passed.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
