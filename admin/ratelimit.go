package admin

import (
	"sync"
	"time"
)

// limiter counts failed logins per key (an account, a client address) in
// a fixed window: after max failures the key is refused until the window
// that began with its first failure ends. It is per process: replicas
// each allow max, which still bounds guessing to a handful a minute.
type limiter struct {
	max    int
	window time.Duration

	mu   sync.Mutex
	keys map[string]*failures
}

type failures struct {
	n     int
	since time.Time
}

// maxTracked bounds the keys kept: past it, windows that ended are
// forgotten, so a flood of addresses cannot grow the map without end.
const maxTracked = 10000

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, keys: map[string]*failures{}}
}

// blocked reports whether key has used up its failures at now, and when
// it may try again.
func (l *limiter) blocked(key string, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.keys[key]
	if f == nil || now.Sub(f.since) >= l.window {
		return false, time.Time{}
	}
	return f.n >= l.max, f.since.Add(l.window)
}

// fail records a failure of key at now.
func (l *limiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.keys[key]
	if f == nil || now.Sub(f.since) >= l.window {
		if len(l.keys) >= maxTracked {
			for k, old := range l.keys {
				if now.Sub(old.since) >= l.window {
					delete(l.keys, k)
				}
			}
		}
		f = &failures{since: now}
		l.keys[key] = f
	}
	f.n++
}

// reset forgets key's failures, after a success.
func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}
