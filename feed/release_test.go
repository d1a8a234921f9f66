package feed_test

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMaxAgeStopsAtNextRelease: while an embargoed issue waits, no
// response may be cached past its release; once none waits, the TTL
// applies again.
func TestMaxAgeStopsAtNextRelease(t *testing.T) {
	srv, ts, _ := mustServer(t)
	maxAge := func(path string) int {
		t.Helper()
		resp, _ := do(t, "GET", ts.URL+path)
		cc := resp.Header.Get("Cache-Control")
		_, n, ok := strings.Cut(cc, "max-age=")
		if !ok {
			t.Fatalf("%s: Cache-Control %q has no max-age", path, cc)
		}
		v, err := strconv.Atoi(strings.TrimSuffix(n, ", immutable"))
		if err != nil {
			t.Fatalf("%s: Cache-Control %q", path, cc)
		}
		return v
	}
	paths := []string{"/feeds/all.atom", "/", "/feeds.opml"}
	for _, p := range paths {
		if got := maxAge(p); got != 900 {
			t.Errorf("%s: max-age %d with no release scheduled, want the TTL 900", p, got)
		}
	}
	srv.SetNextRelease(time.Now().Add(90 * time.Second))
	for _, p := range paths {
		if got := maxAge(p); got > 90 || got < 85 {
			t.Errorf("%s: max-age %d with a release in 90 s", p, got)
		}
	}
	// A complete archive page never changes, release or not.
	if got := maxAge("/feeds/all/archive/1.atom"); got != 31536000 {
		t.Errorf("complete archive page: max-age %d with a release in 90 s", got)
	}
	// A release due already (its refresh not yet made): a second.
	srv.SetNextRelease(time.Now().Add(-time.Second))
	if got := maxAge("/feeds/all.atom"); got != 1 {
		t.Errorf("max-age %d with a release due", got)
	}
	srv.SetNextRelease(time.Now().Add(90 * time.Second))
	// A 304 carries the shortened max-age too.
	resp, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	resp304, _ := do(t, "GET", ts.URL+"/feeds/all.atom", "If-None-Match", resp.Header.Get("Etag"))
	if resp304.StatusCode != 304 || !strings.HasPrefix(resp304.Header.Get("Cache-Control"), "public, max-age=8") {
		t.Errorf("304: %d %q", resp304.StatusCode, resp304.Header.Get("Cache-Control"))
	}
	srv.SetNextRelease(time.Now().Add(time.Hour)) // after the TTL: no change
	if got := maxAge("/feeds/all.atom"); got != 900 {
		t.Errorf("max-age %d with a release after the TTL", got)
	}
	srv.SetNextRelease(time.Time{})
	if got := maxAge("/feeds/all.atom"); got != 900 {
		t.Errorf("max-age %d once no release waits", got)
	}
}
