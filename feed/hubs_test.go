package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

const ourHub = baseURL + "/websub"

func hubConfig() feed.Config {
	cfg := testConfig()
	cfg.Hubs = []string{ourHub, "https://pubsubhubbub.example.net/"}
	return cfg
}

// TestHubDiscovery: every feed names its hubs and itself inside the
// document and in a Link header; pages that are not feeds do not.
func TestHubDiscovery(t *testing.T) {
	_, st := newFixtureStore()
	srv := feed.NewHandler(st, hubConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path string
		want []string
	}{
		{"/feeds/all.rss", []string{`<atom:link href="` + ourHub + `" rel="hub"></atom:link>`, `<atom:link href="https://pubsubhubbub.example.net/" rel="hub"></atom:link>`,
			`<atom:link href="` + baseURL + `/feeds/all.rss" rel="self" type="application/rss+xml"></atom:link>`}},
		{"/feeds/yaowen.atom", []string{`<link href="` + ourHub + `" rel="hub"></link>`, `<link href="` + baseURL + `/feeds/yaowen.atom" rel="self" type="application/atom+xml"></link>`}},
		{"/feeds/all/archive/1.atom", []string{`<link href="` + ourHub + `" rel="hub"></link>`, `<link href="` + baseURL + `/feeds/all/archive/1.atom" rel="self" type="application/atom+xml"></link>`}},
	}
	for _, c := range cases {
		rec := serve(srv, "GET", c.path)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", c.path, rec.Code)
		}
		for _, w := range c.want {
			if !strings.Contains(rec.Body.String(), w) {
				t.Errorf("%s lacks %s", c.path, w)
			}
		}
		want := `<` + ourHub + `>; rel="hub", <https://pubsubhubbub.example.net/>; rel="hub", <` + baseURL + c.path + `>; rel="self"`
		if got := rec.Header().Get("Link"); got != want {
			t.Errorf("%s: Link %q\nwant %q", c.path, got, want)
		}
	}
	rec := serve(srv, "GET", "/feeds/all.json")
	var jf struct {
		Hubs []struct{ Type, URL string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &jf); err != nil {
		t.Fatal(err)
	}
	if len(jf.Hubs) != 2 || jf.Hubs[0].Type != "WebSub" || jf.Hubs[0].URL != ourHub {
		t.Errorf("JSON Feed hubs %+v", jf.Hubs)
	}
	if rec.Header().Get("Link") == "" {
		t.Error("the JSON Feed has no Link header")
	}
	if l := serve(srv, "GET", "/sections/yaowen").Header().Get("Link"); l != "" {
		t.Errorf("a section page has Link %q", l)
	}
	// Without hubs, nothing is added: the goldens hold.
	_, st = newFixtureStore()
	plain := feed.NewHandler(st, testConfig())
	if err := plain.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rec := serve(plain, "GET", "/feeds/all.atom"); rec.Header().Get("Link") != "" || strings.Contains(rec.Body.String(), `rel="hub"`) {
		t.Error("a server without hubs names one")
	}
}

// servedFeed is a feed as served: its bytes and entity tag.
type servedFeed struct {
	body []byte
	etag string
}

// feedsServed returns every feed of the site, subscription feeds and
// archive pages, by absolute URL.
func feedsServed(t *testing.T, srv *feed.Handler) map[string]servedFeed {
	t.Helper()
	paths, err := srv.Site().AllPaths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]servedFeed{}
	for _, p := range paths {
		if !strings.HasPrefix(p, "/feeds/") {
			continue
		}
		rec := serve(srv, "GET", p)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", p, rec.Code)
		}
		out[baseURL+p] = servedFeed{rec.Body.Bytes(), rec.Header().Get("ETag")}
	}
	return out
}

// TestFeedsChanged: after each change of the store, the subscription
// feeds reported are exactly those whose bytes changed, the archive pages
// exactly those whose entity tag changed, and no feed whose bytes changed
// is left out.
func TestFeedsChanged(t *testing.T) {
	m, st := newFixtureStore()
	cfg := hubConfig()
	var got []feed.FeedsChanged
	srv := feed.NewHandler(st, cfg)
	srv.OnFeedsChanged(func(c feed.FeedsChanged) { got = append(got, c) })
	refresh := func() {
		t.Helper()
		if err := srv.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	refresh()
	if len(got) != 1 {
		t.Fatalf("first render reported %d times", len(got))
	}
	var hot []string
	for _, p := range srv.Site().Paths() {
		if strings.HasPrefix(p, "/feeds/") {
			hot = append(hot, baseURL+p)
		}
	}
	if !slices.Equal(got[0].URLs, hot) {
		t.Errorf("first render reported %q, want every subscription feed %q", got[0].URLs, hot)
	}
	revise := func(issues []*bulletinfeed.Issue) []*bulletinfeed.Issue {
		a := issues[len(issues)-1].Articles[0] // of the oldest issue, on archive page 1
		a.Title = "改过的标题"
		a.Headings = []string{a.Title}
		a.Updated = time.Date(2023, 5, 2, 9, 0, 0, 0, time.UTC)
		issues[len(issues)-1].UpdatedAt = a.Updated
		return issues
	}
	cases := []struct {
		name   string
		change func()
		// mustHave are feeds the change must report; the test also
		// checks that every feed reported changed bytes and every
		// other one did not.
		mustHave []string
	}{
		{"an issue in two sections", func() { m.add("hexi", mayIssue()) },
			[]string{"/feeds/all.atom", "/feeds/yaowen.rss", "/feeds/community.json"}},
		{"a revision of an article on an archive page", func() {
			m.set(fixturePublication(), revise(append([]*bulletinfeed.Issue{mayIssue()}, fixtureIssues()...)))
		}, []string{"/feeds/all/archive/1.atom"}},
		{"nothing", func() {}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := feedsServed(t, srv)
			got = nil
			c.change()
			refresh()
			after := feedsServed(t, srv)
			var want []string
			for u, f := range after {
				old, ok := before[u]
				if !ok {
					continue // a page new with the change
				}
				bytesChanged := !bytes.Equal(old.body, f.body)
				archive := strings.Contains(u, "/archive/")
				if !archive && bytesChanged || archive && old.etag != f.etag {
					want = append(want, u)
				}
				if bytesChanged && old.etag == f.etag {
					t.Errorf("%s: new bytes under the same entity tag", u)
				}
			}
			slices.Sort(want)
			var reported []string
			for _, r := range got {
				reported = append(reported, r.URLs...)
			}
			if !slices.Equal(reported, want) {
				t.Errorf("reported %q\nwant %q", reported, want)
			}
			for _, p := range c.mustHave {
				if !slices.Contains(reported, baseURL+p) {
					t.Errorf("%s not reported", p)
				}
			}
		})
	}
}
