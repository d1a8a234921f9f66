package websub

import (
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxHosts caps the host buckets the limiter keeps. A bucket is kept only
// for a request both limits let through, so the global rate bounds the
// map already; the cap holds it when the global rate is set very high.
const maxHosts = 10000

// limiter caps subscription requests per minute, by callback host and in
// all, with token buckets: a bucket holds up to a minute's allowance and
// refills continuously, so a burst of that size passes and a steady
// stream passes at the rate. A global rate of 0 is no global limit (the
// limiter of client addresses).
type limiter struct {
	mu      sync.Mutex
	now     func() time.Time
	perHost int
	// globalRate is the allowance of global, per minute.
	globalRate int
	global     bucket
	// hosts holds the buckets of hosts that used some of their
	// allowance; a host without one has a full bucket.
	hosts    map[string]*bucket
	lastTidy time.Time
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
// taking a token from the host's bucket and the global one. host is a
// key from hostKey.
func (l *limiter) allow(host string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	// Full buckets hold nothing worth keeping: drop them now and then,
	// so that the map does not grow with every host ever seen.
	if now.Sub(l.lastTidy) > time.Minute {
		l.tidy(now)
	}
	// A host not seen starts full, and its bucket is stored only once
	// both limits let the request through: a refused request, which
	// anyone can send with a new host each time, stores nothing.
	b, known := l.hosts[host]
	if !known {
		b = &bucket{tokens: float64(l.perHost), at: now}
	}
	// Check both before taking from either, so that a request refused by
	// one costs the other nothing.
	hostBefore, globalBefore := *b, l.global
	if !b.take(now, l.perHost) {
		return false
	}
	if l.globalRate > 0 && !l.global.take(now, l.globalRate) {
		*b, l.global = hostBefore, globalBefore
		return false
	}
	if !known {
		if len(l.hosts) >= maxHosts {
			l.tidy(now)
		}
		if len(l.hosts) >= maxHosts {
			// Refused rather than let in without a bucket, which would
			// give every host beyond the cap an allowance without limit.
			l.global = globalBefore
			return false
		}
		l.hosts[host] = b
	}
	return true
}

// tidy drops the buckets that have refilled.
func (l *limiter) tidy(now time.Time) {
	for h, b := range l.hosts {
		if b.tokens+now.Sub(b.at).Minutes()*float64(l.perHost) >= float64(l.perHost) {
			delete(l.hosts, h)
		}
	}
	l.lastTidy = now
}

// hostKey is the key of a callback's host in the limiter: one for every
// spelling of the host, so that LOCALHOST, localhost. and [0::1] share the
// allowance of localhost and [::1]. Names are lowercased without a final
// dot; IP literals are parsed, unmapped and printed again, without zone.
func hostKey(u *url.URL) string {
	h := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Unmap().WithZone("").String()
	}
	return h
}

// clientKey is the key of a request's client address in the limiter: its
// IP without port, or the whole RemoteAddr when it has none.
func clientKey(remoteAddr string) string {
	if ap, err := netip.ParseAddrPort(remoteAddr); err == nil {
		return ap.Addr().Unmap().WithZone("").String()
	}
	return remoteAddr
}
