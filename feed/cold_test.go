package feed_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// countRenders makes st count the reads that only rendering an article
// page does.
func countRenders(st *fakeStore) *atomic.Int64 {
	var n atomic.Int64
	read := st.PublicationArticleFunc
	st.PublicationArticleFunc = func(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
		n.Add(1)
		return read(ctx, pubID, id)
	}
	return &n
}

// TestColdPageConditional: an article page is rendered at its first
// request, then served from the cache, and a request with its entity tag
// is answered 304 without rendering it, cache or no cache.
func TestColdPageConditional(t *testing.T) {
	for _, cacheBytes := range []int64{0, -1} {
		t.Run(fmt.Sprint("cache ", cacheBytes), func(t *testing.T) {
			_, st := newFixtureStore()
			renders := countRenders(st)
			cfg := testConfig()
			cfg.CacheBytes = cacheBytes
			srv := feed.NewHandler(st, cfg)
			if err := srv.Refresh(context.Background()); err != nil {
				t.Fatal(err)
			}
			first := serve(srv, "GET", "/articles/c9d0e1f2")
			if first.Code != 200 || renders.Load() != 1 {
				t.Fatalf("first request: %d, %d renders", first.Code, renders.Load())
			}
			etag := first.Header().Get("ETag")
			again := serve(srv, "GET", "/articles/c9d0e1f2")
			if again.Header().Get("ETag") != etag || again.Body.String() != first.Body.String() {
				t.Error("a second request got another page")
			}
			wantRenders := int64(1)
			if cacheBytes < 0 {
				wantRenders = 2
			}
			if renders.Load() != wantRenders {
				t.Errorf("%d renders after two requests, want %d", renders.Load(), wantRenders)
			}
			for _, hdr := range [][]string{{"If-None-Match", etag}, {"If-None-Match", `"x", W/` + etag}, {"If-Modified-Since", first.Header().Get("Last-Modified")}} {
				rec := serve(srv, "GET", "/articles/c9d0e1f2", hdr...)
				if rec.Code != 304 || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag || rec.Header().Get("Cache-Control") != "public, max-age=900" {
					t.Errorf("%v: %d, ETag %s, Cache-Control %s", hdr, rec.Code, rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
				}
			}
			if renders.Load() != wantRenders {
				t.Errorf("a 304 rendered the page: %d renders", renders.Load())
			}
			gz := serve(srv, "GET", "/articles/c9d0e1f2", "Accept-Encoding", "gzip")
			if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") != strings.TrimSuffix(etag, `"`)+`-gz"` {
				t.Errorf("gzip: Content-Encoding %q, ETag %s", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"))
			}
			if rec := serve(srv, "GET", "/articles/c9d0e1f2", "Accept-Encoding", "gzip", "If-None-Match", gz.Header().Get("ETag")); rec.Code != 304 {
				t.Errorf("If-None-Match with the gzip tag: %d", rec.Code)
			}
		})
	}
}

// TestCacheSmallerThanSite: with a cache that holds a few pages, every
// page of a larger site is still served whole and current, validators
// and all, and the cache stays within its size.
func TestCacheSmallerThanSite(t *testing.T) {
	m := &memory{}
	m.set(fixturePublication(), bigFixture(12))
	cfg := testConfig()
	cfg.CacheBytes = 64 << 10
	srv := feed.NewHandler(newFakeStore(m), cfg)
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	site := srv.Site()
	var cold []string
	for _, p := range allPaths(t, site) {
		if _, hot := site.Body(p); !hot {
			cold = append(cold, p)
		}
	}
	if len(cold) < 60 {
		t.Fatalf("only %d pages rendered on request", len(cold))
	}
	tags := map[string]string{}
	for round := 0; round < 2; round++ {
		for _, p := range cold {
			rec := serve(srv, "GET", p)
			if rec.Code != 200 || rec.Body.String() != string(mustBody(t, site, p)) {
				t.Fatalf("round %d, %s: status %d or another body", round, p, rec.Code)
			}
			tag := rec.Header().Get("ETag")
			if round == 1 && tag != tags[p] {
				t.Errorf("%s: ETag %s, then %s", p, tags[p], tag)
			}
			tags[p] = tag
			if rec := serve(srv, "GET", p, "If-None-Match", tag); rec.Code != 304 {
				t.Errorf("%s: %d for its own ETag", p, rec.Code)
			}
			if rec := serve(srv, "GET", p); rec.Header().Get("ETag") != tag || rec.Body.String() != string(mustBody(t, site, p)) {
				t.Errorf("%s: another page the second time", p)
			}
		}
	}
	metrics := metricsText(t, srv)
	if v := metricValue(t, metrics, "bulletinfeed_page_cache_evictions_total"); v == 0 {
		t.Error("no eviction from a cache smaller than the site")
	}
	if v := metricValue(t, metrics, "bulletinfeed_page_cache_bytes"); v > float64(cfg.CacheBytes) || v == 0 {
		t.Errorf("cache holds %v bytes, bound %d", v, cfg.CacheBytes)
	}
	if v := metricValue(t, metrics, "bulletinfeed_page_cache_hits_total"); v == 0 {
		t.Error("no hit")
	}
}

// metricValue returns the value of an unlabelled metric.
func metricValue(t *testing.T, metrics, name string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(metrics)
	if m == nil {
		t.Fatalf("no metric %s", name)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestImmutableArchivePages: a complete archive page whose successor is
// complete too never changes, and says so; the newest complete page may
// still gain its link to the next, and is revalidated.
func TestImmutableArchivePages(t *testing.T) {
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	const immutable, ttl = "public, max-age=31536000, immutable", "public, max-age=900"
	check := func(want map[string]string) {
		t.Helper()
		for p, cc := range want {
			rec := serve(srv, "GET", p)
			if rec.Code != 200 || rec.Header().Get("Cache-Control") != cc {
				t.Errorf("%s: %d, Cache-Control %q, want %q", p, rec.Code, rec.Header().Get("Cache-Control"), cc)
			}
		}
	}
	check(map[string]string{
		"/feeds/all/archive/1.atom": immutable, "/feeds/all/archive/1.rss": immutable,
		"/feeds/all/archive/2.atom": ttl, "/sections/yaowen/page/1": ttl,
	})
	before := serve(srv, "GET", "/feeds/all/archive/2.atom")
	m.add("hexi", mayIssue())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Ten articles: page 3 is complete, so page 2 is for good.
	check(map[string]string{"/feeds/all/archive/2.atom": immutable, "/feeds/all/archive/3.atom": ttl})
	after := serve(srv, "GET", "/feeds/all/archive/2.atom", "If-None-Match", before.Header().Get("ETag"))
	if after.Code != 200 || !strings.Contains(after.Body.String(), `/feeds/all/archive/3.atom" rel="next-archive"`) {
		t.Errorf("page 2 after page 3 filled up: %d\n%s", after.Code, after.Body)
	}
	if rec := serve(srv, "GET", "/feeds/all/archive/4.atom"); rec.Code != 404 {
		t.Errorf("an incomplete page: %d, want 404", rec.Code)
	}
}

// TestPagination: a section's page links its newest complete archive
// page, each archive page its neighbours (the newest back to the
// section's page), and walking them reaches every article once per page;
// the index links the list of issues, whose pages do the same.
func TestPagination(t *testing.T) {
	m := &memory{}
	m.set(fixturePublication(), bigFixture(60))
	srv := feed.NewHandler(newFakeStore(m), testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	links := func(path string) (body, newer, older string) {
		t.Helper()
		rec := serve(srv, "GET", path)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		body = rec.Body.String()
		if m := regexp.MustCompile(`<link rel="prev" href="([^"]*)">`).FindStringSubmatch(body); m != nil {
			newer = m[1]
		}
		if m := regexp.MustCompile(`<link rel="next" href="([^"]*)">`).FindStringSubmatch(body); m != nil {
			older = m[1]
		}
		for _, l := range []string{newer, older} {
			if l != "" && !strings.Contains(body, `<a href="`+l+`" rel=`) {
				t.Errorf("%s: no visible link to %s", path, l)
			}
		}
		return body, newer, older
	}
	article := regexp.MustCompile(`<li><a href="/articles/([^"]+)">`)

	// 要闻 has two articles an issue: 120 in pages of 3.
	body, newer, older := links("/sections/yaowen")
	if newer != "" || older != "/sections/yaowen/page/40" || !strings.Contains(body, "较早") {
		t.Errorf("/sections/yaowen: newer %q, older %q", newer, older)
	}
	seen := map[string]int{}
	for page, path := 40, older; path != ""; page-- {
		body, newer, older := links(path)
		wantNewer := "/sections/yaowen/page/" + strconv.Itoa(page+1)
		if page == 40 {
			wantNewer = "/sections/yaowen"
		}
		if newer != wantNewer {
			t.Errorf("%s: newer %q, want %q", path, newer, wantNewer)
		}
		ids := article.FindAllStringSubmatch(body, -1)
		if len(ids) != 3 {
			t.Errorf("%s: %d articles", path, len(ids))
		}
		for _, id := range ids {
			seen[id[1]]++
		}
		if page == 1 && older != "" {
			t.Errorf("page 1 links an older page %s", older)
		}
		path = older
	}
	if len(seen) != 120 {
		t.Errorf("the pages show %d articles, want 120", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s on %d pages", id, n)
		}
	}

	// 60 issues: the index shows 20 and links page 2 of the list, the
	// newest, with issues 51–60.
	index := string(mustBody(t, srv.Site(), "/"))
	if !strings.Contains(index, `<a href="/issues/page/2">全部往期 →</a>`) || strings.Count(index, `<li><a href="/issues/`) != 20 {
		t.Errorf("the index does not list 20 issues and link the list:\n%s", index)
	}
	body, newer, older = links("/issues/page/2")
	if newer != "/" || older != "/issues/page/1" || strings.Count(body, `<li><a href="/issues/`) != 10 {
		t.Errorf("/issues/page/2: newer %q, older %q", newer, older)
	}
	body, newer, older = links("/issues/page/1")
	if newer != "/issues/page/2" || older != "" || strings.Count(body, `<li><a href="/issues/`) != 50 {
		t.Errorf("/issues/page/1: newer %q, older %q", newer, older)
	}
	if cc := serve(srv, "GET", "/issues/page/1").Header().Get("Cache-Control"); !strings.HasSuffix(cc, "immutable") {
		t.Errorf("a complete page of issues: Cache-Control %q", cc)
	}
	if cc := serve(srv, "GET", "/issues/page/2").Header().Get("Cache-Control"); cc != "public, max-age=900" {
		t.Errorf("the newest page of issues: Cache-Control %q", cc)
	}
	for _, p := range []string{"/issues/page/3", "/issues/page/0", "/issues/page/01", "/sections/yaowen/page/41", "/sections/all/page/1"} {
		if rec := serve(srv, "GET", p); rec.Code != 404 {
			t.Errorf("%s: %d, want 404", p, rec.Code)
		}
	}
	// No page grows with the archive.
	for _, p := range srv.Site().Paths() {
		if b, _ := srv.Site().Body(p); strings.HasSuffix(p, "/") && len(b) > 64<<10 {
			t.Errorf("%s is %d bytes", p, len(b))
		}
	}
}
