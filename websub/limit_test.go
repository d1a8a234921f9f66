package websub

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestLimiterKeepsNoRefusedHosts: a flood of requests, each for a new
// long host, keeps a bucket only for those the limits let through.
func TestLimiterKeepsNoRefusedHosts(t *testing.T) {
	now := time.Now()
	l := newLimiter(60, 600, func() time.Time { return now })
	pad := strings.Repeat("a", 1900)
	passed := 0
	for i := range 100000 {
		if l.allow(fmt.Sprintf("%s%d.example", pad, i)) {
			passed++
		}
	}
	if passed != 600 {
		t.Errorf("%d requests passed, want the global allowance of 600", passed)
	}
	if n := len(l.hosts); n > passed {
		t.Errorf("%d host buckets kept after 100000 requests of which %d passed", n, passed)
	}
}

// TestLimiterCapsHosts: however high the global rate, the buckets kept
// stay under maxHosts, and a host beyond the cap is refused rather than
// let in without a bucket.
func TestLimiterCapsHosts(t *testing.T) {
	now := time.Now()
	l := newLimiter(2, 10*maxHosts, func() time.Time { return now })
	for i := range maxHosts + 100 {
		l.allow(fmt.Sprint("h", i, ".example"))
	}
	if n := len(l.hosts); n > maxHosts {
		t.Errorf("%d host buckets kept, cap %d", n, maxHosts)
	}
	if l.allow("late.example") {
		t.Error("a new host was let through with the buckets full")
	}
	// Known hosts keep their limit.
	if !l.allow("h1.example") || l.allow("h1.example") {
		t.Error("h1 should have one request left of its 2")
	}
	// A minute later the buckets have refilled and make room.
	now = now.Add(time.Minute)
	if !l.allow("late.example") {
		t.Error("a new host was refused after the buckets refilled")
	}
}

// TestHostKey: every spelling of one host has one key.
func TestHostKey(t *testing.T) {
	for _, tc := range []struct {
		name, callback, want string
	}{
		{"name", "http://localhost:8080/cb", "localhost"},
		{"upper case", "http://LOCALHOST/cb", "localhost"},
		{"mixed case", "http://LocalHost/cb", "localhost"},
		{"final dot", "http://localhost./cb", "localhost"},
		{"final dot, upper case", "https://Example.ORG./x", "example.org"},
		{"ipv4", "http://127.0.0.1/cb", "127.0.0.1"},
		{"ipv6", "http://[::1]/cb", "::1"},
		{"ipv6 with zeros", "http://[0::1]/cb", "::1"},
		{"ipv6 long form", "http://[0000:0000:0000:0000:0000:0000:0000:0001]:80/cb", "::1"},
		{"ipv6 upper case", "http://[FE80::1]/cb", "fe80::1"},
		{"ipv4-mapped ipv6", "http://[::ffff:127.0.0.1]/cb", "127.0.0.1"},
		{"ipv4-mapped ipv6, hex", "http://[::ffff:7f00:1]/cb", "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(tc.callback)
			if err != nil {
				t.Fatal(err)
			}
			if got := hostKey(u); got != tc.want {
				t.Errorf("hostKey(%s) = %q, want %q", tc.callback, got, tc.want)
			}
		})
	}
}
