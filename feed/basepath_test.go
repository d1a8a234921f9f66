package feed_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// baseConfig serves the site of several publications at
// https://example.org/bulletin/.
func baseConfig() feed.Config {
	cfg := multiConfig()
	cfg.BaseURL = "https://example.org/bulletin/"
	return cfg
}

// rootRelative finds the root-relative links of a page.
var rootRelative = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// TestBasePathInPages: with a base URL that has a path, every link of
// every page, feed and list carries it, so a static build works copied
// into that folder.
func TestBasePathInPages(t *testing.T) {
	m, st := newMultiStore()
	m.remove("hexi", "2023-03")
	srv := feed.NewHandler(st, baseConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	site := srv.Site()
	pages := 0
	for _, p := range allPaths(t, site) {
		body := mustBody(t, site, p)
		for _, l := range rootRelative.FindAllSubmatch(body, -1) {
			if !bytes.HasPrefix(l[1], []byte("/bulletin/")) {
				t.Errorf("%s links %s, outside /bulletin/", p, l[1])
			}
		}
		if bytes.Count(body, []byte("https://example.org/")) != bytes.Count(body, []byte("https://example.org/bulletin/")) {
			t.Errorf("%s has an absolute link outside the base URL", p)
		}
		if strings.HasSuffix(p, "/") || !strings.Contains(p, ".") {
			pages++
		}
	}
	if pages < 10 {
		t.Fatalf("checked %d pages", pages)
	}
	// Error pages link home under the base path too.
	for _, p := range []string{"/nope", "/articles/b1c2d3e4"} {
		if body := serve(srv, "GET", p).Body.String(); !strings.Contains(body, `<a href="/bulletin/">河西报道</a>`) {
			t.Errorf("%s: the error page does not link to /bulletin/:\n%s", p, body)
		}
	}
	index := string(mustBody(t, site, "/"))
	for _, want := range []string{
		`<link rel="canonical" href="https://example.org/bulletin/">`,
		`<a href="/bulletin/sections/community">Community</a>`,
		`<a href="/bulletin/river/">Riverside News</a>`,
		`<a href="/bulletin/feeds.opml">OPML</a>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %s", want)
		}
	}
	if atom := string(mustBody(t, site, "/river/feeds/all.atom")); !strings.Contains(atom, "<id>https://example.org/bulletin/river/articles/r1a2b3c4</id>") {
		t.Errorf("entry ids do not carry the base path:\n%s", atom)
	}
	if opml := string(mustBody(t, site, "/feeds-rss.opml")); !strings.Contains(opml, `xmlUrl="https://example.org/bulletin/river/feeds/all.rss" htmlUrl="https://example.org/bulletin/river/"`) {
		t.Errorf("OPML URLs do not carry the base path:\n%s", opml)
	}
}

// TestBasePathRequests: the server answers with and without the base
// path, as proxies differ in stripping it, and redirects under it.
func TestBasePathRequests(t *testing.T) {
	_, st := newMultiStore()
	srv := feed.NewHandler(st, baseConfig())
	before := serve(srv, "GET", "/bulletin/feeds/all.atom")
	if before.Code != 503 || !strings.Contains(before.Body.String(), `href="/bulletin/"`) {
		t.Errorf("before the first render: %d\n%s", before.Code, before.Body)
	}
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	site := srv.Site()
	same := []struct{ target, path string }{
		{"/bulletin/feeds/all.atom", "/feeds/all.atom"},
		{"/feeds/all.atom", "/feeds/all.atom"},
		{"/bulletin/", "/"},
		{"/bulletin", "/"},
		{"/", "/"},
		{"/bulletin/river/", "/river/"},
		{"/river/feeds/all.json", "/river/feeds/all.json"},
		{"/bulletin/river/feeds.opml?format=json", "/river/feeds-json.opml"},
	}
	for _, c := range same {
		rec := serve(srv, "GET", c.target)
		if want := mustBody(t, site, c.path); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("%s: status %d, want the body of %s", c.target, rec.Code, c.path)
		}
	}
	for _, c := range []struct{ target, location string }{
		{"/bulletin/sections/community/", "/bulletin/sections/community"},
		{"/sections/community/", "/bulletin/sections/community"},
		{"/bulletin/river", "/bulletin/river/"},
	} {
		if rec := serve(srv, "GET", c.target); rec.Code != 301 || rec.Header().Get("Location") != c.location {
			t.Errorf("%s: %d to %q, want 301 to %s", c.target, rec.Code, rec.Header().Get("Location"), c.location)
		}
	}
	for _, target := range []string{"/bulletinx/feeds/all.atom", "/bulletin/nope", "/other/feeds/all.atom"} {
		if rec := serve(srv, "GET", target); rec.Code != 404 {
			t.Errorf("%s: status %d, want 404", target, rec.Code)
		}
	}
	if rec := serve(srv, "GET", "/bulletin/healthz"); rec.Code != 200 {
		t.Errorf("/bulletin/healthz: status %d", rec.Code)
	}
}

// TestBasePathHotPath: stripping the base path costs the hot path no
// allocation.
func TestBasePathHotPath(t *testing.T) {
	_, st := newMultiStore()
	srv := feed.NewHandler(st, baseConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/bulletin/river/feeds/all.atom", nil)
	req.Header = http.Header{"Accept-Encoding": {"gzip"}}
	w := &discardWriter{h: http.Header{}}
	if allocs := testing.AllocsPerRun(1000, func() { srv.ServeHTTP(w, req) }); allocs != 0 {
		t.Errorf("%.1f allocations per request, want 0", allocs)
	}
}
