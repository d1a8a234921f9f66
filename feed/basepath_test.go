package feed_test

import (
	"bytes"
	"context"
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
