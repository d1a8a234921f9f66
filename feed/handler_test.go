package feed_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/internal/servetest"

	"github.com/bulletinfeed/bulletinfeed"
)

// mustServer returns a refreshed server of the fixture behind an
// httptest.Server.
func mustServer(t *testing.T) (*feed.Handler, *httptest.Server, *memory) {
	t.Helper()
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts, m
}

// metricsText returns the handler's metrics as the server's /metrics
// shows them.
func metricsText(t testing.TB, srv *feed.Handler) string {
	t.Helper()
	return servetest.Metrics(t, srv.Collectors()...)
}

// do sends a request over the network (servetest.Do).
var do = servetest.Do

func TestContentTypes(t *testing.T) {
	srv, ts, _ := mustServer(t)
	cases := []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/sections/xinshidai", "text/html; charset=utf-8"},
		{"/articles/c9d0e1f2", "text/html; charset=utf-8"},
		{"/issues/2023-04", "text/html; charset=utf-8"},
		{"/feeds/all.rss", "application/rss+xml; charset=utf-8"},
		{"/feeds/xinshidai.atom", "application/atom+xml; charset=utf-8"},
		{"/feeds/community.json", "application/feed+json; charset=utf-8"},
		{"/feeds/all/archive/1.atom", "application/atom+xml; charset=utf-8"},
		{"/feeds.opml", "text/x-opml; charset=utf-8"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			resp, body := do(t, "GET", ts.URL+c.path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != c.ctype {
				t.Errorf("Content-Type %q, want %q", got, c.ctype)
			}
			want, err := srv.Site().Page(context.Background(), c.path)
			if err != nil || !bytes.Equal(body, want) {
				t.Error("body differs from the rendered one")
			}
			etag := resp.Header.Get("ETag")
			if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
				t.Errorf("ETag %q is not a strong tag", etag)
			}
			if _, err := http.ParseTime(resp.Header.Get("Last-Modified")); err != nil {
				t.Errorf("Last-Modified %q: %v", resp.Header.Get("Last-Modified"), err)
			}
			cc := resp.Header.Get("Cache-Control")
			want900 := "public, max-age=900"
			if strings.Contains(c.path, "/archive/1.") {
				// Complete, and so is the page after it.
				want900 = "public, max-age=31536000, immutable"
			}
			if cc != want900 {
				t.Errorf("Cache-Control %q, want %q", cc, want900)
			}
			if resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary %q", resp.Header.Get("Vary"))
			}
		})
	}
}

func TestConditionalGET(t *testing.T) {
	_, ts, _ := mustServer(t)
	url := ts.URL + "/feeds/all.atom"
	first, _ := do(t, "GET", url)
	etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	lmTime, _ := http.ParseTime(lm)
	gzResp, _ := do(t, "GET", url, "Accept-Encoding", "gzip")
	gzTag := gzResp.Header.Get("ETag")
	if gzTag == etag {
		t.Errorf("gzip and identity share the strong ETag %s", etag)
	}
	cases := []struct {
		name string
		hdr  []string
		want int
	}{
		{"no validators", nil, 200},
		{"If-None-Match exact", []string{"If-None-Match", etag}, 304},
		{"If-None-Match weak form", []string{"If-None-Match", "W/" + etag}, 304},
		{"If-None-Match in a list", []string{"If-None-Match", `"nope", ` + etag + `, "other"`}, 304},
		{"If-None-Match star", []string{"If-None-Match", "*"}, 304},
		{"If-None-Match gzip tag", []string{"If-None-Match", gzTag}, 304},
		{"If-None-Match other", []string{"If-None-Match", `"abc"`}, 200},
		{"If-None-Match unquoted", []string{"If-None-Match", strings.Trim(etag, `"`)}, 200},
		{"If-Modified-Since equal string", []string{"If-Modified-Since", lm}, 304},
		{"If-Modified-Since later date", []string{"If-Modified-Since", lmTime.Add(time.Hour).Format(http.TimeFormat)}, 304},
		{"If-Modified-Since RFC 850 date", []string{"If-Modified-Since", lmTime.Format("Monday, 02-Jan-06 15:04:05 GMT")}, 304},
		{"If-Modified-Since asctime date", []string{"If-Modified-Since", lmTime.Format(time.ANSIC)}, 304},
		{"If-Modified-Since earlier date", []string{"If-Modified-Since", lmTime.Add(-time.Second).Format(http.TimeFormat)}, 200},
		{"If-Modified-Since garbage", []string{"If-Modified-Since", "yesterday"}, 200},
		// If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3).
		{"If-None-Match mismatch beats If-Modified-Since", []string{"If-None-Match", `"abc"`, "If-Modified-Since", lm}, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := do(t, "GET", url, c.hdr...)
			if resp.StatusCode != c.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, c.want)
			}
			if c.want != 304 {
				return
			}
			if len(body) != 0 {
				t.Errorf("304 with a %d-byte body", len(body))
			}
			for _, h := range []string{"ETag", "Last-Modified", "Cache-Control"} {
				if resp.Header.Get(h) != first.Header.Get(h) {
					t.Errorf("304 %s = %q, want %q", h, resp.Header.Get(h), first.Header.Get(h))
				}
			}
			if resp.Header.Get("Content-Type") != "" {
				t.Errorf("304 carries Content-Type %q", resp.Header.Get("Content-Type"))
			}
		})
	}
}

func TestHEAD(t *testing.T) {
	_, ts, _ := mustServer(t)
	for _, path := range []string{"/feeds/all.rss", "/", "/feeds/none.rss"} {
		get, getBody := do(t, "GET", ts.URL+path)
		head, headBody := do(t, "HEAD", ts.URL+path)
		if head.StatusCode != get.StatusCode {
			t.Errorf("%s: HEAD %d, GET %d", path, head.StatusCode, get.StatusCode)
		}
		if len(headBody) != 0 {
			t.Errorf("%s: HEAD returned a body", path)
		}
		for _, h := range []string{"Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"} {
			if head.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("%s: HEAD %s %q, GET %q", path, h, head.Header.Get(h), get.Header.Get(h))
			}
		}
		if get.Header.Get("Content-Length") != strconv.Itoa(len(getBody)) {
			t.Errorf("%s: Content-Length %s for %d bytes", path, get.Header.Get("Content-Length"), len(getBody))
		}
	}
}

func TestGzip(t *testing.T) {
	srv, ts, _ := mustServer(t)
	cases := []struct {
		accept string
		gz     bool
	}{
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"x-gzip", true},
		{"*", true},
		{"*, gzip;q=0", false},
		{"gzip;q=0, *", false},
		{"identity, *;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip;q=0.000", false},
		{"deflate", false},
		{"", false},
	}
	want, _ := srv.Site().Body("/feeds/all.atom")
	for _, c := range cases {
		t.Run(c.accept, func(t *testing.T) {
			resp, body := do(t, "GET", ts.URL+"/feeds/all.atom", "Accept-Encoding", c.accept)
			gz := resp.Header.Get("Content-Encoding") == "gzip"
			if gz != c.gz {
				t.Fatalf("Content-Encoding %q, want gzip %v", resp.Header.Get("Content-Encoding"), c.gz)
			}
			if resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length %s for %d bytes", resp.Header.Get("Content-Length"), len(body))
			}
			if gz {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(body, want) {
				t.Error("decoded body differs from the rendered feed")
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	_, ts, _ := mustServer(t)
	for _, path := range []string{"/sections/nope", "/articles/zzz", "/issues/1999-01", "/feeds/nope.rss", "/feeds/all.xml", "/feeds/all/archive/9.atom", "/sections/all", "/nope"} {
		resp, body := do(t, "GET", ts.URL+path)
		if resp.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
		if resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || !bytes.Contains(body, []byte("<html lang=\"zh-CN\"")) {
			t.Errorf("%s: not the small HTML page: %s", path, body)
		}
	}
}

func TestTrailingSlashRedirects(t *testing.T) {
	_, ts, _ := mustServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL + "/sections/community/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/sections/community" {
		t.Errorf("status %d, Location %q; want 301 to /sections/community", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestMethodNotAllowed(t *testing.T) {
	_, ts, _ := mustServer(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		resp, _ := do(t, m, ts.URL+"/feeds/all.atom")
		if resp.StatusCode != 405 {
			t.Errorf("%s: status %d, want 405", m, resp.StatusCode)
		}
		if resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q", m, resp.Header.Get("Allow"))
		}
	}
}

// TestUnavailable makes the store fail: before any render the handler
// answers 503 with Retry-After; after one, it keeps serving what it has
// while Health reports the fault (which server.TestUnavailable shows on
// /healthz, with its detail only to this machine).
func TestUnavailable(t *testing.T) {
	m, st := newFixtureStore()
	broken := errors.New("database is locked")
	working := st.VersionFunc
	st.VersionFunc = func(context.Context) (int64, error) { return 0, broken }
	srv := feed.NewHandler(st, testConfig())
	ts := httptest.NewServer(srv)
	defer ts.Close()

	if err := srv.Refresh(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("Refresh = %v, want the store's error", err)
	}
	for _, path := range []string{"/feeds/all.atom", "/"} {
		resp, body := do(t, "GET", ts.URL+path, "X-Forwarded-For", "203.0.113.9")
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s: status %d, Retry-After %q; want 503 with Retry-After", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if bytes.Contains(body, []byte("locked")) {
			t.Errorf("%s: the store's error leaked into the page", path)
		}
	}
	if h := srv.Health(); h.Rendered || !errors.Is(h.StoreErr, broken) || h.StoreSince.IsZero() {
		t.Errorf("Health = %+v, want no site rendered and the store's fault", h)
	}

	st.VersionFunc = working
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if h := srv.Health(); !h.Rendered || h.StoreErr != nil || h.FailedPaths != 0 {
		t.Errorf("Health after recovery = %+v, want a site and no fault", h)
	}
	st.VersionFunc = func(context.Context) (int64, error) { return 0, broken }
	m.set(fixturePublication(), revisedIssues())
	if err := srv.Refresh(context.Background()); err == nil {
		t.Fatal("Refresh succeeded with a broken store")
	}
	if resp, _ := do(t, "GET", ts.URL+"/feeds/all.atom"); resp.StatusCode != 200 {
		t.Errorf("feed: status %d after a failed refresh, want the cached 200", resp.StatusCode)
	}
	if h := srv.Health(); !h.Rendered || !errors.Is(h.StoreErr, broken) {
		t.Errorf("Health with a failing store = %+v, want the site and the store's fault", h)
	}
}

// TestRefresh checks that a new store version is rendered and an unchanged
// one is not.
func TestRefresh(t *testing.T) {
	srv, ts, m := mustServer(t)
	resp, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	etag := resp.Header.Get("ETag")
	site := srv.Site()
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if srv.Site() != site {
		t.Error("Refresh rendered again without a store change")
	}
	m.set(fixturePublication(), revisedIssues())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, body := do(t, "GET", ts.URL+"/feeds/all.atom", "If-None-Match", etag)
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("河西区委常委会扩大会议召开")) {
		t.Errorf("after a revision: status %d, revised title present %v", resp.StatusCode, bytes.Contains(body, []byte("河西区委常委会扩大会议召开")))
	}
	if resp.Header.Get("ETag") == etag {
		t.Error("ETag unchanged by a revision")
	}
}

// TestHealthAndMetrics: a refreshed handler is healthy and counts its
// answers by route and status (server.TestHealthAndMetrics serves both).
func TestHealthAndMetrics(t *testing.T) {
	srv, ts, _ := mustServer(t)
	if h := srv.Health(); !h.Rendered || h.StoreErr != nil || h.FailedPaths != 0 {
		t.Errorf("Health = %+v, want a site and no fault", h)
	}
	do(t, "GET", ts.URL+"/feeds/all.atom")
	r, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	do(t, "GET", ts.URL+"/feeds/all.atom", "If-None-Match", r.Header.Get("ETag"))
	do(t, "GET", ts.URL+"/nope")
	body := []byte(metricsText(t, srv))
	for _, want := range []string{
		`bulletinfeed_http_requests_total{route="/feeds/{slug}.atom",status="200"} 2`,
		`bulletinfeed_http_requests_total{route="/feeds/{slug}.atom",status="304"} 1`,
		`bulletinfeed_http_requests_total{route="other",status="404"} 1`,
		`bulletinfeed_http_response_bytes_total{route="/feeds/{slug}.atom"}`,
		`bulletinfeed_render_seconds_count 1`,
		`bulletinfeed_store_version 1`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestHotPathAllocations asserts that serving a cached feed, gzipped or
// not modified, allocates nothing in the handler.
func TestHotPathAllocations(t *testing.T) {
	srv, _, _ := mustServer(t)
	probe := httptest.NewRecorder()
	srv.ServeHTTP(probe, httptest.NewRequest("GET", "/feeds/all.atom", nil))
	cases := map[string]http.Header{
		"gzip 200":  {"Accept-Encoding": {"gzip, deflate"}},
		"304":       {"If-None-Match": {probe.Header().Get("ETag")}},
		"plain 200": {},
	}
	for name, hdr := range cases {
		req := httptest.NewRequest("GET", "/feeds/all.atom", nil)
		req.Header = hdr
		w := &servetest.Discard{H: http.Header{}}
		allocs := testing.AllocsPerRun(1000, func() { srv.ServeHTTP(w, req) })
		if allocs != 0 {
			t.Errorf("%s: %.1f allocations per request, want 0", name, allocs)
		}
	}
}

func BenchmarkServeGzip(b *testing.B) {
	m := &memory{}
	m.set(fixturePublication(), fixtureIssues())
	srv := feed.NewHandler(newFakeStore(m), testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/feeds/all.atom", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	w := &servetest.Discard{H: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		srv.ServeHTTP(w, req)
	}
}

// TestLastModifiedMovesWithABackdatedIssue: an issue dated before the
// newest one adds items without a newer article date; Last-Modified must
// still move, or a client polling with If-Modified-Since alone would keep
// its stale copy.
func TestLastModifiedMovesWithABackdatedIssue(t *testing.T) {
	srv, ts, m := mustServer(t)
	resp, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	before := resp.Header.Get("Last-Modified")

	issues := fixtureIssues()
	ingested := time.Date(2023, 4, 20, 8, 0, 0, 0, time.UTC)
	feb := &bulletinfeed.Issue{Key: "2023-02", Date: date(2023, 2, 1), PublicationID: "hexi", UpdatedAt: ingested, IngestedAt: ingested,
		Articles: []*bulletinfeed.Article{{
			ID: "0b1c2d3e", IssueKey: "2023-02", Section: secComm, SectionSlug: "community",
			Headings: []string{"Winter coat drive collects 300 coats"}, Title: "Winter coat drive collects 300 coats",
			Bylines: []bulletinfeed.Byline{by("By", "Sam Lee")}, Blocks: []bulletinfeed.Block{para("Volunteers sorted the coats in the church hall.")},
			Published: date(2023, 2, 1), Updated: date(2023, 2, 1),
		}}}
	m.set(fixturePublication(), append(issues, feb))
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/feeds/all.atom", "/feeds/community.rss", "/", "/feeds.opml", "/issues/2023-02"} {
		resp, body := do(t, "GET", ts.URL+path, "If-Modified-Since", before)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d for If-Modified-Since the old Last-Modified, want 200", path, resp.StatusCode)
		}
		if got, want := resp.Header.Get("Last-Modified"), ingested.Format(http.TimeFormat); got != want {
			t.Errorf("%s: Last-Modified %s, want the ingest time %s", path, got, want)
		}
		if path == "/issues/2023-02" && !bytes.Contains(body, []byte("Winter coat drive")) {
			t.Error("the backdated issue's article is missing from its issue page")
		}
	}
}
