package websub

import (
	"sync"
	"time"
)

// limiter caps subscription requests per minute, by callback host and in
// all, with token buckets: a bucket holds up to a minute's allowance and
// refills continuously, so a burst of that size passes and a steady
// stream passes at the rate.
type limiter struct {
	mu      sync.Mutex
	now     func() time.Time
	perHost int
	// globalRate is the allowance of global, per minute.
	globalRate int
	global     bucket
	hosts      map[string]*bucket
	lastTidy   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(perHost, global int, now func() time.Time) *limiter {
	return &limiter{now: now, perHost: perHost, globalRate: global, global: bucket{tokens: float64(global), at: now()}, hosts: map[string]*bucket{}}
}

// take refills b at perMinute and takes a token if it has one.
func (b *bucket) take(now time.Time, perMinute int) bool {
	b.tokens = min(float64(perMinute), b.tokens+now.Sub(b.at).Minutes()*float64(perMinute))
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// allow reports whether a request for a callback on host may go on,
// taking a token from the host's bucket and the global one.
func (l *limiter) allow(host string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	// Full buckets hold nothing worth keeping: drop them now and then,
	// so that the map does not grow with every host ever seen.
	if now.Sub(l.lastTidy) > time.Minute {
		for h, b := range l.hosts {
			if now.Sub(b.at) > time.Minute {
				delete(l.hosts, h)
			}
		}
		l.lastTidy = now
	}
	b := l.hosts[host]
	if b == nil {
		b = &bucket{tokens: float64(l.perHost), at: now}
		l.hosts[host] = b
	}
	// Check both before taking from either, so that a request refused by
	// one costs the other nothing.
	hostBefore, globalBefore := *b, l.global
	if !b.take(now, l.perHost) {
		return false
	}
	if !l.global.take(now, l.globalRate) {
		*b, l.global = hostBefore, globalBefore
		return false
	}
	return true
}
