package websub

import (
	"net/url"
	"sync"
	"time"
)

// breakAfter is how many failures in a row open a host's circuit.
const breakAfter = 3

// hostGate keeps slow and failing callback hosts from holding the hub's
// workers: at most perHost deliveries to one host are in flight, and a
// host whose deliveries failed breakAfter times in a row is not sent any
// for a while (its circuit is open), growing like a delivery's own
// back-off. Deliveries it holds back go back to the store, due when the
// host may be tried, and count no attempt: a subscriber on another host
// is delivered to at once, whatever hundreds of hanging callbacks do.
type hostGate struct {
	mu       sync.Mutex
	perHost  int
	backoff  func(n int) time.Duration
	inFlight map[string]int
	broken   map[string]*circuit
}

type circuit struct {
	failures  int // in a row
	openUntil time.Time
}

func newHostGate(perHost int, backoff func(n int) time.Duration) *hostGate {
	return &hostGate{perHost: perHost, backoff: backoff, inFlight: map[string]int{}, broken: map[string]*circuit{}}
}

// acquire takes a slot for host at now. When it cannot, it returns false
// and the time to try again: the circuit's end, or zero when the host
// only has all its slots taken.
func (g *hostGate) acquire(host string, now time.Time) (bool, time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c := g.broken[host]; c != nil && now.Before(c.openUntil) {
		return false, c.openUntil
	}
	if g.inFlight[host] >= g.perHost {
		return false, time.Time{}
	}
	g.inFlight[host]++
	return true, time.Time{}
}

// release gives back host's slot with the delivery's outcome: a success
// closes its circuit, a failure counts towards opening it.
func (g *hostGate) release(host string, ok bool, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inFlight[host]--; g.inFlight[host] <= 0 {
		delete(g.inFlight, host)
	}
	if ok {
		delete(g.broken, host)
		return
	}
	c := g.broken[host]
	if c == nil {
		c = &circuit{}
		g.broken[host] = c
	}
	c.failures++
	if c.failures >= breakAfter {
		c.openUntil = now.Add(g.backoff(c.failures - breakAfter))
	}
}

// targetHost is the host a delivery goes to, as the rate limits key it.
func targetHost(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	return hostKey(u)
}
