package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

var referenceBanners = []string{"新时代新征程新伟业 以新担当新作为推动高质量发展", "十项行动 奋进新征程"}

// mustReferenceDB returns the path of a temp SQLite store holding the
// reference issue in the publication "default".
func mustReferenceDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bulletinfeed.db")
	seedReference(t, path)
	return path
}

// seedReference creates the store at dsn (a SQLite path or a PostgreSQL
// DSN) with the publication "default" and the reference issue.
func seedReference(t testing.TB, dsn string) { seedIssue(t, dsn, reference) }

// seedIssue creates the store at dsn with the publication "default" (the
// reference issue's banners) and publishes file into it.
func seedIssue(t testing.TB, dsn, file string) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	pub := &bulletinfeed.Publication{ID: "default", Title: "河西", Lang: "zh-CN", TimeZone: "Asia/Shanghai", Banners: referenceBanners}
	err = db.PutPublication(context.Background(), pub)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	publish(t, dsn, file)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeMain(t *testing.T) {
	cfg := config.Default()
	cfg.DB = mustReferenceDB(t)
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := m.srv.URL()
	for _, p := range []string{"/", "/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds.opml", "/healthz", "/metrics"} {
		if code, _ := get(t, base+p); code != 200 {
			t.Errorf("%s: status %d", p, code)
		}
	}
	_, atom := get(t, base+"/feeds/all.atom")
	if n := strings.Count(atom, "<entry>"); n != 10 {
		t.Errorf("all.atom has %d entries, want the reference issue's 10", n)
	}
	// max-age and ttl follow the default schedule, every five minutes.
	resp, err := http.Get(base + "/feeds/all.rss")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
		t.Errorf("Cache-Control %q", cc)
	}
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	m.srv, m.db, m.stopWatch = nil, nil, nil
}

// TestServeTakenPort checks that serve fails at once, with exit status 1,
// when its port is taken.
func TestServeTakenPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out, errb strings.Builder
	start := time.Now()
	code := run(ctx, []string{"serve", "--db", mustReferenceDB(t), "--addr", ln.Addr().String(), "--base-url", "http://news.example.org"},
		strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if code != exitFail || !strings.Contains(errb.String(), "address already in use") {
		t.Errorf("exit %d, stderr %q; want 1 and the bind error", code, errb.String())
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v to fail", time.Since(start))
	}
}

// TestServeShutdown runs serve as main does and cancels its context, as
// SIGTERM would: it must stop cleanly with status 0.
func TestServeShutdown(t *testing.T) {
	addr := closedPort(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var errb strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "--db", mustReferenceDB(t), "--addr", addr, "--schedule", "@every 1s"},
			strings.NewReader(""), io.Discard, &errb, func(string) string { return "" })
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never became healthy: %s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestServeUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"bad schedule", []string{"serve", "--schedule", "every now and then"}},
		{"extra argument", []string{"serve", "extra"}},
		{"zero items", []string{"serve", "--feed-items", "0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if code, _, errs := runCmd(t, c.args...); code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, errs)
			}
		})
	}
}

// TestServePicksUpIngest ingests an issue through a second store handle,
// as another process would, and waits for the worker to re-render.
func TestServePicksUpIngest(t *testing.T) {
	cfg := config.Default()
	cfg.DB = mustReferenceDB(t)
	cfg.Addr = "127.0.0.1:0"
	cfg.Schedule = "@every 1s"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	const title = "新苑街道召开二季度重点工作推进会"
	if _, body := get(t, m.srv.URL()+"/feeds/all.atom"); strings.Contains(body, title) {
		t.Fatal("the new issue is served before it was ingested")
	}

	ctx := context.Background()
	db, err := store.Open(ctx, cfg.DB, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	iss, err := source.ParseFile(context.Background(), "../../examples/xinyuan-2024-05.txt", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Ingest(ctx, "default", iss); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, m.srv.URL()+"/feeds/all.atom")
		if strings.Contains(body, title) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker did not pick up the ingest within 10s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServeWithoutDatabase: a PostgreSQL that cannot be reached at start
// is no reason to exit: serve listens, answers 503 with Retry-After on
// every path and says why on /healthz, while it retries in the background.
func TestServeWithoutDatabase(t *testing.T) {
	closed := closedPort(t)
	cfg := config.Default()
	cfg.DB = "postgres://postgres@" + closed + "/test?sslmode=disable&connect_timeout=2"
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatalf("Open with the database down: %v", err)
	}
	defer m.Close()
	for _, p := range []string{"/feeds/all.atom", "/", "/healthz"} {
		resp, err := http.Get(m.srv.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s: %d, Retry-After %q; want 503 with Retry-After", p, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if p == "/healthz" && (!strings.Contains(string(body), "store: unavailable since") || !strings.Contains(string(body), "connection refused")) {
			t.Errorf("/healthz: %q, want the store's fault", body)
		}
	}
}

// TestServeMetricsAddr: with --metrics-addr, /metrics moves there.
func TestServeMetricsAddr(t *testing.T) {
	cfg := config.Default()
	cfg.DB = mustReferenceDB(t)
	cfg.Addr = "127.0.0.1:0"
	cfg.MetricsAddr = closedPort(t)
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if code, _ := get(t, m.srv.URL()+"/metrics"); code != 404 {
		t.Errorf("/metrics on the site's address: %d, want 404", code)
	}
	if code, body := get(t, "http://"+cfg.MetricsAddr+"/metrics"); code != 200 || !strings.Contains(body, "bulletinfeed_store_healthy 1") {
		t.Errorf("/metrics on its own address: %d", code)
	}
}

// An error that is not Unavailable is not worth waiting for at start.
func TestRetryable(t *testing.T) {
	down := bulletinfeed.Errorf(bulletinfeed.Unavailable, "database unavailable")
	if retryable(errors.New("permission denied")) || !retryable(down) {
		t.Error("retryable: only Unavailable errors are retried")
	}
}

// TestServeSilentDatabase: a PostgreSQL that takes the connection and
// never answers is a store that is down: serve listens and answers 503,
// saying why on /healthz, instead of waiting before it listens.
func TestServeSilentDatabase(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never answered
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}()
	cfg := config.Default()
	cfg.DB = "postgres://postgres@" + ln.Addr().String() + "/test?sslmode=disable"
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler), storeAnswer: 300 * time.Millisecond}
	opened := make(chan error, 1)
	go func() { opened <- m.Open(context.Background()) }()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not listen: it waits for a database that never answers")
	}
	defer m.Close()
	code, body := get(t, m.srv.URL()+"/healthz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "did not answer within") {
		t.Errorf("/healthz: %d %q, want 503 saying the database did not answer", code, body)
	}
}
