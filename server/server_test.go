package server_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/internal/servetest"
	"github.com/bulletinfeed/bulletinfeed/server"
)

// TestListen binds a real port, serves, and shuts down; a second server on
// the same port fails at once.
func TestListen(t *testing.T) {
	h := mustHandler(t, mustStore(t), siteConfig("https://example.org"))
	srv := server.New(h, server.Config{Addr: "127.0.0.1:0"})
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	if resp, _ := do(t, "GET", srv.URL()+"/feeds/all.json"); resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	other := server.New(h, server.Config{Addr: srv.Addr().String()})
	if err := other.Open(); err == nil {
		other.Close(context.Background())
		t.Error("second Open on a taken port succeeded")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.URL() + "/healthz"); err == nil {
		t.Error("server still answers after Close")
	}
}

// TestHealthAndMetrics: a served site is healthy, and /metrics shows the
// site's counts of its answers by route and status.
func TestHealthAndMetrics(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{})
	if resp, body := do(t, "GET", ts.URL+"/healthz"); resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Errorf("healthz: %d %q", resp.StatusCode, body)
	}
	do(t, "GET", ts.URL+"/feeds/all.atom")
	r, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	do(t, "GET", ts.URL+"/feeds/all.atom", "If-None-Match", r.Header.Get("ETag"))
	do(t, "GET", ts.URL+"/nope")
	resp, body := do(t, "GET", ts.URL+"/metrics")
	if resp.StatusCode != 200 {
		t.Fatalf("metrics: status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`bulletinfeed_http_requests_total{route="/feeds/{slug}.atom",status="200"} 2`,
		`bulletinfeed_http_requests_total{route="/feeds/{slug}.atom",status="304"} 1`,
		`bulletinfeed_http_requests_total{route="other",status="404"} 1`,
		`bulletinfeed_http_response_bytes_total{route="/feeds/{slug}.atom"}`,
		`bulletinfeed_render_seconds_count 1`,
		`bulletinfeed_store_version `,
		`bulletinfeed_page_cache_hits_total`,
		`go_memstats_`,
		`process_`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestServerRoutesCounted: the server's own answers are counted in the
// site's requests metric under their paths, and every route of the
// server has its series from the start.
func TestServerRoutesCounted(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{})
	do(t, "GET", ts.URL+"/healthz")
	do(t, "GET", ts.URL+"/healthz")
	do(t, "GET", ts.URL+"/metrics")
	_, body := do(t, "GET", ts.URL+"/metrics")
	for route, n := range map[string]int{"/healthz": 2, "/metrics": 2, "/websub": 0, "/admin": 0} {
		re := regexp.MustCompile(`bulletinfeed_http_requests_total\{route="` + regexp.QuoteMeta(route) + `",status="200"\} (\d+)`)
		got := re.FindSubmatch(body)
		if got == nil || string(got[1]) != strconv.Itoa(n) {
			t.Errorf("%s: counted %q, want %d", route, got, n)
		}
	}
	if !bytes.Contains(body, []byte(`bulletinfeed_http_response_bytes_total{route="/healthz"} 6`)) {
		t.Error("the bytes of /healthz are not counted under its route")
	}
}

// TestUnavailable makes the store fail: before any render every path, and
// /healthz, answers 503 with Retry-After and without the store's error;
// /healthz names each fault with its detail to this machine only, and
// once the site is served, keeps failing while the store does.
func TestUnavailable(t *testing.T) {
	broken := errors.New("database is locked")
	st := &failing{DB: mustStore(t), err: broken}
	h := feed.NewHandler(st, siteConfig("https://example.org"))
	ts := httptest.NewServer(server.New(h, server.Config{BaseURL: "https://example.org"}))
	defer ts.Close()

	if err := h.Refresh(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("Refresh = %v, want the store's error", err)
	}
	for _, path := range []string{"/feeds/all.atom", "/", "/healthz"} {
		resp, body := do(t, "GET", ts.URL+path, "X-Forwarded-For", "203.0.113.9")
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s: status %d, Retry-After %q; want 503 with Retry-After", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if bytes.Contains(body, []byte("locked")) {
			t.Errorf("%s: the store's error leaked into the page", path)
		}
	}
	if _, body := do(t, "GET", ts.URL+"/healthz"); !bytes.Contains(body, []byte("no site rendered yet")) || !bytes.Contains(body, []byte("store: unavailable since ")) || !bytes.Contains(body, []byte("database is locked")) {
		t.Errorf("/healthz from this machine: %q, want each fault with its detail", body)
	}

	st.err = nil
	if err := h.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if resp, body := do(t, "GET", ts.URL+"/healthz"); resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Errorf("/healthz after recovery: %d %q", resp.StatusCode, body)
	}
	st.err = broken
	if err := h.Refresh(context.Background()); err == nil {
		t.Fatal("Refresh succeeded with a broken store")
	}
	if resp, _ := do(t, "GET", ts.URL+"/feeds/all.atom"); resp.StatusCode != 200 {
		t.Errorf("feed: status %d after a failed refresh, want the cached 200", resp.StatusCode)
	}
	resp, body := do(t, "GET", ts.URL+"/healthz", "X-Forwarded-For", "203.0.113.9")
	if resp.StatusCode != 503 || !bytes.HasPrefix(body, []byte("store: unavailable since ")) || bytes.Contains(body, []byte("locked")) {
		t.Errorf("/healthz with a failing store: %d %q, want 503 naming the fault without its detail", resp.StatusCode, body)
	}
}

// TestHealthNotes: notes (a failing source) are listed under "ok" and do
// not fail the check; details go to private clients only.
func TestHealthNotes(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{HealthNotes: func(private bool) []string {
		if private {
			return []string{"source feed:https://example.org/f.xml failing since 2026-12-06T10:00:00Z: 503 Service Unavailable"}
		}
		return []string{"source feed:https://example.org/f.xml failing since 2026-12-06T10:00:00Z"}
	}})
	resp, body := do(t, "GET", ts.URL+"/healthz")
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("ok\nsource feed:")) || !bytes.Contains(body, []byte(": 503")) {
		t.Errorf("/healthz from this machine: %d %q", resp.StatusCode, body)
	}
	resp, body = do(t, "GET", ts.URL+"/healthz", "X-Forwarded-For", "203.0.113.9")
	if resp.StatusCode != 200 || bytes.Contains(body, []byte("503")) || !bytes.Contains(body, []byte("failing since")) {
		t.Errorf("/healthz from elsewhere: %d %q", resp.StatusCode, body)
	}
}

// TestHealthFaults: faults (work that should run and does not) fail the
// check, with what the client may read.
func TestHealthFaults(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{HealthFaults: func(private bool) []string {
		if private {
			return []string{"schedule: stopped: detail"}
		}
		return []string{"schedule: stopped"}
	}})
	if resp, body := do(t, "GET", ts.URL+"/healthz"); resp.StatusCode != 503 || string(body) != "schedule: stopped: detail\n" {
		t.Errorf("/healthz from this machine: %d %q", resp.StatusCode, body)
	}
	if resp, body := do(t, "GET", ts.URL+"/healthz", "X-Forwarded-For", "203.0.113.9"); resp.StatusCode != 503 || string(body) != "schedule: stopped\n" {
		t.Errorf("/healthz from elsewhere: %d %q", resp.StatusCode, body)
	}
}

// TestSecurityHeaders: every response, whatever its status and whoever
// answers it, tells the browser not to sniff types, to run nothing and to
// send little referrer.
func TestSecurityHeaders(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{Hub: http.NotFoundHandler()})
	r, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	for _, req := range [][]string{
		{"/"}, {"/feeds/all.atom"}, {"/feeds/all.atom", "If-None-Match", r.Header.Get("ETag")},
		{"/nope"}, {"/healthz"}, {"/metrics"}, {"/metrics", "X-Forwarded-For", "203.0.113.9"}, {"/websub"},
	} {
		resp, _ := do(t, "GET", ts.URL+req[0], req[1:]...)
		for name, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'",
			"Referrer-Policy":         "strict-origin-when-cross-origin",
		} {
			if got := resp.Header.Get(name); !strings.HasPrefix(got, want) {
				t.Errorf("%v (%d): %s %q, want %q", req, resp.StatusCode, name, got, want)
			}
		}
	}
}

// TestMetricsArePrivate: /metrics answers this machine only, never a
// request that came through a proxy, and not at all on the site's
// listener when it has an address of its own.
func TestMetricsArePrivate(t *testing.T) {
	_, _, ts := mustServer(t, server.Config{})
	if resp, _ := do(t, "GET", ts.URL+"/metrics"); resp.StatusCode != 200 {
		t.Errorf("metrics from loopback: %d, want 200", resp.StatusCode)
	}
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "X-Real-IP"} {
		if resp, body := do(t, "GET", ts.URL+"/metrics", h, "for=203.0.113.9"); resp.StatusCode != 404 || bytes.Contains(body, []byte("go_memstats")) {
			t.Errorf("metrics through a proxy (%s): %d, want 404", h, resp.StatusCode)
		}
	}

	_, _, ts2 := mustServer(t, server.Config{PrivateNetworks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	if resp, _ := do(t, "GET", ts2.URL+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("metrics from a network not allowed: %d, want 404", resp.StatusCode)
	}

	srv, _, ts3 := mustServer(t, server.Config{MetricsAddr: "127.0.0.1:0"})
	if resp, _ := do(t, "GET", ts3.URL+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("metrics on the site's listener with an address of their own: %d, want 404", resp.StatusCode)
	}
	ms := httptest.NewServer(srv.MetricsHandler())
	defer ms.Close()
	if resp, body := do(t, "GET", ms.URL+"/metrics"); resp.StatusCode != 200 || !bytes.Contains(body, []byte("bulletinfeed_store_healthy")) {
		t.Errorf("metrics on their own address: %d", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", ms.URL+"/feeds/all.atom"); resp.StatusCode != 404 {
		t.Errorf("the metrics' address serves the site: %d, want 404", resp.StatusCode)
	}
}

// TestOpenMetricsAddr: Open serves /metrics on an address of its own
// when it has one, and Close stops it.
func TestOpenMetricsAddr(t *testing.T) {
	h := mustHandler(t, mustStore(t), siteConfig("https://example.org"))
	metricsAddr := freeAddr(t)
	srv := server.New(h, server.Config{Addr: "127.0.0.1:0", MetricsAddr: metricsAddr})
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	if resp, body := do(t, "GET", "http://"+metricsAddr+"/metrics"); resp.StatusCode != 200 || !bytes.Contains(body, []byte("bulletinfeed_store_healthy 1")) {
		t.Errorf("metrics on their own address: %d", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", srv.URL()+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("metrics on the site's address: %d, want 404", resp.StatusCode)
	}
	if err := srv.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get("http://" + metricsAddr + "/metrics"); err == nil {
		t.Error("metrics still served after Close")
	}
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(http.NotFoundHandler())
	addr := ts.Listener.Addr().String()
	ts.Close()
	return addr
}

// TestBasePathRequests: the server answers with and without the base
// path, as proxies differ in stripping it, and redirects under it.
func TestBasePathRequests(t *testing.T) {
	h := feed.NewHandler(mustStore(t), siteConfig("https://example.org/bulletin/"))
	srv := server.New(h, server.Config{BaseURL: "https://example.org/bulletin/"})
	before := serve(srv, "GET", "/bulletin/feeds/all.atom")
	if before.Code != 503 || !strings.Contains(before.Body.String(), `href="/bulletin/"`) {
		t.Errorf("before the first render: %d\n%s", before.Code, before.Body)
	}
	if err := h.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
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
		want, err := h.Site().Page(context.Background(), c.path)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
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

// TestStrip: a request path is read without the base URL's path when it
// carries it, and as it is otherwise.
func TestStrip(t *testing.T) {
	cases := []struct {
		baseURL string
		strip   map[string]string
	}{
		{"https://example.org", map[string]string{"/feeds/all.atom": "/feeds/all.atom", "/": "/"}},
		{"https://example.org/bulletin", map[string]string{
			"/bulletin/feeds/all.atom": "/feeds/all.atom",
			"/bulletin/":               "/",
			"/bulletin":                "/",
			"/feeds/all.atom":          "/feeds/all.atom",
			"/bulletins/x":             "/bulletins/x",
		}},
		{"https://example.org/a/my%20bulletin", map[string]string{
			"/a/my bulletin/sections/x": "/sections/x",
			"/a/my/sections/x":          "/a/my/sections/x",
		}},
	}
	for _, c := range cases {
		for in, want := range c.strip {
			if got := server.Strip(c.baseURL, in); got != want {
				t.Errorf("%q: strip(%q) = %q, want %q", c.baseURL, in, got, want)
			}
		}
	}
}

// TestBasePathHotPath: stripping the base path costs the hot path no
// allocation.
func TestBasePathHotPath(t *testing.T) {
	h := mustHandler(t, mustStore(t), siteConfig("https://example.org/bulletin/"))
	srv := server.New(h, server.Config{BaseURL: "https://example.org/bulletin/"})
	req := httptest.NewRequest("GET", "/bulletin/river/feeds/all.atom", nil)
	req.Header = http.Header{"Accept-Encoding": {"gzip"}}
	w := &servetest.Discard{H: http.Header{}}
	if allocs := testing.AllocsPerRun(1000, func() { srv.ServeHTTP(w, req) }); allocs != 0 {
		t.Errorf("%.1f allocations per request, want 0", allocs)
	}
}

// TestHubMount: /websub, with or without the base path, is the hub's,
// whatever the method; without a hub it is no page.
func TestHubMount(t *testing.T) {
	var got []string
	hub := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.Path)
		w.WriteHeader(http.StatusAccepted)
	})
	_, _, ts := mustServer(t, server.Config{BaseURL: "https://example.org/bulletin", Hub: hub})
	for _, target := range []string{"/websub", "/bulletin/websub"} {
		if resp, _ := do(t, "POST", ts.URL+target); resp.StatusCode != http.StatusAccepted {
			t.Errorf("POST %s: %d, want the hub's 202", target, resp.StatusCode)
		}
	}
	if want := []string{"POST /websub", "POST /bulletin/websub"}; !slices.Equal(got, want) {
		t.Errorf("the hub saw %q, want %q", got, want)
	}
	_, _, ts2 := mustServer(t, server.Config{})
	if resp, _ := do(t, "POST", ts2.URL+"/websub"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /websub without a hub: %d, want 405", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", ts2.URL+"/websub"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /websub without a hub: %d, want 404", resp.StatusCode)
	}
	if got := server.HubURL("https://example.org/bulletin/"); got != "https://example.org/bulletin/websub" {
		t.Errorf("HubURL = %q", got)
	}
}

// TestConsoleMount: the console answers /admin/ and below of the site,
// with the base path removed, made for the base URL; /admin is sent to
// /admin/ under the base path. With an address of its own, it answers
// there only, at /admin/, made for that address.
func TestConsoleMount(t *testing.T) {
	var bases, paths []string
	console := func(baseURL string) http.Handler {
		bases = append(bases, baseURL)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			paths = append(paths, r.URL.Path)
			w.Header().Set("Content-Security-Policy", "form-action 'self'")
		})
	}
	srv, _, ts := mustServer(t, server.Config{BaseURL: "https://example.org/bulletin", Admin: console})
	resp, _ := do(t, "POST", ts.URL+"/bulletin/admin/login")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "form-action 'self'" {
		t.Errorf("POST /bulletin/admin/login: %d, CSP %q; want the console's answer and headers", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	if rec := serve(srv, "GET", "/bulletin/admin"); rec.Code != 301 || rec.Header().Get("Location") != "/bulletin/admin/" {
		t.Errorf("/bulletin/admin: %d to %q, want 301 to /bulletin/admin/", rec.Code, rec.Header().Get("Location"))
	}
	if !slices.Equal(bases, []string{"https://example.org/bulletin"}) || !slices.Equal(paths, []string{"/admin/login"}) {
		t.Errorf("console made for %q, saw %q", bases, paths)
	}
	if server.RouteAdmin != admin.Prefix {
		t.Errorf("the server mounts the console at %s, which serves %s", server.RouteAdmin, admin.Prefix)
	}

	bases, paths = nil, nil
	h := mustHandler(t, mustStore(t), siteConfig("https://example.org"))
	own := server.New(h, server.Config{Addr: "127.0.0.1:0", BaseURL: "https://example.org", Admin: console, AdminAddr: "127.0.0.1:0"})
	if err := own.Open(); err != nil {
		t.Fatal(err)
	}
	defer own.Close(context.Background())
	if resp, _ := do(t, "GET", own.URL()+"/admin/login"); resp.StatusCode != 404 {
		t.Errorf("the site's /admin/login with the console elsewhere: %d, want 404", resp.StatusCode)
	}
	at := "http://" + own.AdminAddr()
	if resp, _ := do(t, "GET", at+"/admin/login"); resp.StatusCode != 200 {
		t.Errorf("the console's own /admin/login: %d", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", at+"/feeds/all.atom"); resp.StatusCode != 404 {
		t.Errorf("the console's address serves the site: %d, want 404", resp.StatusCode)
	}
	if want := []string{"https://" + own.AdminAddr() + "/"}; !slices.Equal(bases, want) || !slices.Equal(paths, []string{"/admin/login"}) {
		t.Errorf("console made for %q, saw %q; want %q", bases, paths, want)
	}
}

// TestRoutesReserved: no publication may be served under one of the
// server's paths: feed reserves each.
func TestRoutesReserved(t *testing.T) {
	for _, rt := range server.Routes() {
		seg := strings.TrimPrefix(rt, "/")
		if !slices.Contains(feed.RouteSegments(), seg) {
			t.Errorf("the server's %s is not among feed's reserved segments %q", rt, feed.RouteSegments())
		}
	}
}
