package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/internal/fetchtest"
)

func TestFetchConditional(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "hello")
	}))
	defer srv.Close()
	f := fetchtest.NewFetcher(&fetchtest.Sleeps{})
	ctx := context.Background()

	first, err := f.Fetch(ctx, srv.URL+"/a.txt", bulletinfeed.RemoteFile{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || string(first.Body) != "hello" || first.ETag != `"v1"` || first.ContentType != "text/plain; charset=utf-8" ||
		first.Hash != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" || first.URL != srv.URL+"/a.txt" {
		t.Errorf("first fetch: %+v", first)
	}
	if ua := got.Get("User-Agent"); ua != "bulletinfeed/1.2.3 (+https://news.example.org/)" {
		t.Errorf("User-Agent %q", ua)
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Errorf("validators sent without a previous fetch: %v", got)
	}

	again, err := f.Fetch(ctx, srv.URL+"/a.txt", bulletinfeed.RemoteFile{ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || again.Body != nil {
		t.Errorf("second fetch: %+v", again)
	}
	if got.Get("If-None-Match") != `"v1"` || got.Get("If-Modified-Since") != "Sat, 05 Dec 2026 10:00:00 GMT" {
		t.Errorf("validators sent: %v", got)
	}

	// A 304 to a request without validators leaves nothing to keep.
	notModified := httptest.NewServer(fetchtest.Status(http.StatusNotModified))
	defer notModified.Close()
	if _, err := f.Fetch(ctx, notModified.URL, bulletinfeed.RemoteFile{}); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
		t.Errorf("304 without validators: %v", err)
	}
}

// TestFetchRetryAfter: a short Retry-After is waited, through Sleep; a
// long one ends the fetch with the time to wait until.
func TestFetchRetryAfter(t *testing.T) {
	for _, code := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			ans := &fetchtest.Answers{Steps: []http.HandlerFunc{fetchtest.Status(code, "Retry-After", "1"), fetchtest.Status(200)}}
			srv := httptest.NewServer(ans)
			defer srv.Close()
			var s fetchtest.Sleeps
			got, err := fetchtest.NewFetcher(&s).Fetch(context.Background(), srv.URL, bulletinfeed.RemoteFile{})
			if err != nil || string(got.Body) != "status 200" {
				t.Fatalf("short wait: %v", err)
			}
			if w := s.All(); len(w) != 1 || w[0] != time.Second {
				t.Errorf("waits %v, want [1s]", w)
			}

			for _, after := range []string{"3600", fetchtest.Now.Add(time.Hour).Format(http.TimeFormat)} {
				ans := &fetchtest.Answers{Steps: []http.HandlerFunc{fetchtest.Status(code, "Retry-After", after), fetchtest.Status(200)}}
				srv := httptest.NewServer(ans)
				defer srv.Close()
				var s fetchtest.Sleeps
				_, err := fetchtest.NewFetcher(&s).Fetch(context.Background(), srv.URL, bulletinfeed.RemoteFile{})
				var ra *fetch.RetryAfterError
				if !errors.As(err, &ra) || !ra.RetryAfter.Equal(fetchtest.Now.Add(time.Hour)) || bulletinfeed.KindOf(err) != bulletinfeed.Unavailable {
					t.Fatalf("Retry-After %s: %v", after, err)
				}
				if len(s.All()) != 0 || ans.Count() != 1 || !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("Retry-After %s: waited %v, %d requests, error %v", after, s.All(), ans.Count(), err)
				}
			}
		})
	}
}

// TestFetchRetries: network errors and 5xx are tried again after a
// growing, jittered wait; a 4xx is not.
func TestFetchRetries(t *testing.T) {
	cases := []struct {
		name     string
		handler  http.HandlerFunc
		kind     bulletinfeed.Kind
		requests int
	}{
		{"500", fetchtest.Status(500), bulletinfeed.Unavailable, 3},
		{"503 without Retry-After", fetchtest.Status(503), bulletinfeed.Unavailable, 3},
		{"404", fetchtest.Status(404), bulletinfeed.NotFound, 1},
		{"410", fetchtest.Status(410), bulletinfeed.NotFound, 1},
		{"403", fetchtest.Status(403), bulletinfeed.Invalid, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ans := &fetchtest.Answers{Steps: []http.HandlerFunc{tc.handler}}
			srv := httptest.NewServer(ans)
			defer srv.Close()
			var s fetchtest.Sleeps
			_, err := fetchtest.NewFetcher(&s).Fetch(context.Background(), srv.URL+"/x.txt", bulletinfeed.RemoteFile{})
			if bulletinfeed.KindOf(err) != tc.kind || ans.Count() != tc.requests || !strings.Contains(err.Error(), srv.URL+"/x.txt") || !strings.Contains(err.Error(), tc.name[:3]) {
				t.Fatalf("got %v (%s) after %d requests; want %s after %d", err, bulletinfeed.KindOf(err), ans.Count(), tc.kind, tc.requests)
			}
			w := s.All()
			if len(w) != tc.requests-1 {
				t.Fatalf("waits %v", w)
			}
			for i, d := range w {
				lo, hi := time.Second<<i/2, time.Second<<i
				if d < lo || d > hi {
					t.Errorf("wait %d is %v, want between %v and %v", i, d, lo, hi)
				}
			}
		})
	}

	// A server that is down: the connection is refused every time.
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	var s fetchtest.Sleeps
	if _, err := fetchtest.NewFetcher(&s).Fetch(context.Background(), url, bulletinfeed.RemoteFile{}); bulletinfeed.KindOf(err) != bulletinfeed.Unavailable || len(s.All()) != 2 {
		t.Errorf("server down: %v after %v", err, s.All())
	}
	// 503, then success on the second try.
	ans := &fetchtest.Answers{Steps: []http.HandlerFunc{fetchtest.Status(502), fetchtest.Status(200)}}
	srv = httptest.NewServer(ans)
	defer srv.Close()
	if got, err := fetchtest.NewFetcher(&s).Fetch(context.Background(), srv.URL, bulletinfeed.RemoteFile{}); err != nil || string(got.Body) != "status 200" {
		t.Errorf("502 then 200: %v", err)
	}
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/ftp", http.RedirectHandler("ftp://files.example.org/issue.txt", http.StatusFound))
	mux.Handle("/file", http.RedirectHandler("file:///etc/passwd", http.StatusFound))
	mux.Handle("/moved", http.RedirectHandler("/issue.txt", http.StatusMovedPermanently))
	mux.HandleFunc("/loop/{n}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/"+r.PathValue("n")+"x", http.StatusFound)
	})
	mux.HandleFunc("/issue.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "issue") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := fetchtest.NewFetcher(&fetchtest.Sleeps{})
	ctx := context.Background()

	got, err := f.Fetch(ctx, srv.URL+"/moved", bulletinfeed.RemoteFile{})
	if err != nil || got.URL != srv.URL+"/issue.txt" || string(got.Body) != "issue" {
		t.Errorf("redirect to http: %v, %+v", err, got)
	}
	for _, tc := range []struct{ path, want string }{
		{"/ftp", "redirect to ftp://files.example.org/issue.txt refused"},
		{"/file", "redirect to file:///etc/passwd refused"},
		{"/loop/x", "stopped after 10 redirects"},
	} {
		_, err := f.Fetch(ctx, srv.URL+tc.path, bulletinfeed.RemoteFile{})
		if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), srv.URL+tc.path) {
			t.Errorf("%s: %v", tc.path, err)
		}
	}
	if _, err := f.Fetch(ctx, "file:///etc/passwd", bulletinfeed.RemoteFile{}); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
		t.Errorf("file URL: %v", err)
	}
}

// TestFetchMaxBytes: a body over the limit is refused, whether its length
// is declared or not, and without reading it all.
func TestFetchMaxBytes(t *testing.T) {
	const limit = 1000
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := strings.Repeat("x", 100)
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", fmt.Sprint(100*limit))
		}
		for wrote := 0; wrote < 100*limit; wrote += len(chunk) {
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	f := fetchtest.NewFetcher(&fetchtest.Sleeps{})
	f.MaxBytes = limit
	for _, path := range []string{"/declared", "/chunked"} {
		_, err := f.Fetch(context.Background(), srv.URL+path, bulletinfeed.RemoteFile{})
		if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), srv.URL+path) || !strings.Contains(err.Error(), "limit of 1000 bytes") {
			t.Errorf("%s: %v", path, err)
		}
	}
	f.MaxBytes = 100 * limit
	if got, err := f.Fetch(context.Background(), srv.URL+"/chunked", bulletinfeed.RemoteFile{}); err != nil || len(got.Body) != 100*limit {
		t.Errorf("at the limit: %v", err)
	}
	// A feed or a page has a limit of its own, smaller than an issue
	// file's.
	f.MaxBytes = 0
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(fetch.DefaultMaxDocumentBytes+1))
		w.Write(make([]byte, 1000))
	}))
	defer big.Close()
	if _, err := f.FetchDocument(context.Background(), big.URL+"/list.html", bulletinfeed.RemoteFile{}); !strings.Contains(err.Error(), fmt.Sprintf("limit of %d bytes", fetch.DefaultMaxDocumentBytes)) {
		t.Errorf("a page over the document limit: %v", err)
	}
}

func TestUserAgent(t *testing.T) {
	for _, tc := range []struct{ version, base, want string }{
		{"1.4.0", "https://news.example.org/", "bulletinfeed/1.4.0 (+https://news.example.org/)"},
		{"1.4.0", "", "bulletinfeed/1.4.0"},
		{"", "", "bulletinfeed/dev"},
	} {
		if got := fetch.UserAgent(tc.version, tc.base); got != tc.want {
			t.Errorf("UserAgent(%q, %q) = %q, want %q", tc.version, tc.base, got, tc.want)
		}
	}
}
