package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// serveWithInbox starts serve on the reference store with a configuration
// whose publication has an inbox, and returns it with the inbox folder.
func serveWithInbox(tb testing.TB, db string) (*serveMain, string) {
	return serveWithSources(tb, db, "* * * * * *", "")
}

// serveWithSources starts serve as serveWithInbox does, on schedule, with
// more configuration (sources) appended to the publication's.
func serveWithSources(tb testing.TB, db, schedule, more string) (*serveMain, string) {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "bulletinfeed.toml")
	conf := `db = "` + db + `"
base_url = "http://news.example.org"
schedule = "` + schedule + `"

[[publication]]
id = "default"
title = "河西"
lang = "zh-CN"
sections = ["` + referenceBanners[0] + `", "` + referenceBanners[1] + `"]

[[publication.sources]]
kind = "inbox"
path = "inbox"
` + more
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		tb.Fatal(err)
	}
	cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", path})
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: testLog}
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		tb.Fatal(err)
	}
	return m, inbox
}

var testLog = slog.New(slog.DiscardHandler)

// droppedIssue is an issue file whose one article has title.
func droppedIssue(title string) string {
	return "Date: 2023-07-01\n\n" + title + "\n\n通讯员 王一\n\n集市上的摊位为屋顶修缮筹得四百元，志愿者们从清晨忙到傍晚。\n"
}

// waitServed returns how long it took from start until the all-articles
// feed of m names title, failing after limit.
func waitServed(tb testing.TB, m *serveMain, title string, start time.Time, limit time.Duration) time.Duration {
	tb.Helper()
	for {
		code, body := getTB(tb, m.srv.URL()+"/feeds/all.atom")
		if code == 200 && strings.Contains(body, title) {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			tb.Fatalf("%q not served within %s", title, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// response is what the tests read of an answer.
type response struct {
	code         int
	body         string
	cacheControl string
}

func httpGet(url string) (response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(body), resp.Header.Get("Cache-Control")}, err
}

func getTB(tb testing.TB, url string) (int, string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeInbox: a file dropped into an inbox of the configuration is
// published, moved to processed/ and its article served within 2 s.
func TestServeInbox(t *testing.T) {
	m, inbox := serveWithInbox(t, mustReferenceDB(t))
	defer m.Close()
	start := time.Now()
	if err := os.WriteFile(filepath.Join(inbox, "fair.txt"), []byte(droppedIssue("夏季集市筹款")), 0o644); err != nil {
		t.Fatal(err)
	}
	took := waitServed(t, m, "夏季集市筹款", start, 5*time.Second)
	t.Logf("served %s after the drop", took)
	if _, err := os.Stat(filepath.Join(inbox, "processed", "fair_2023-07-01_fair.txt")); err != nil {
		t.Error(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkInboxToServed measures the time from a file landing in the
// inbox of a running serve to its article being in the served feed, over
// 20 drops, and reports the median and the 99th percentile.
func BenchmarkInboxToServed(b *testing.B) {
	m, inbox := serveWithInbox(b, mustReferenceDB(b))
	defer m.Close()
	var all []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		for j := range 20 {
			title := fmt.Sprintf("第%d次投递的文章%d", i, j)
			name := filepath.Join(inbox, fmt.Sprintf("drop-%d-%d.txt", i, j))
			start := time.Now()
			if err := os.WriteFile(name, []byte(droppedIssue(title)), 0o644); err != nil {
				b.Fatal(err)
			}
			all = append(all, waitServed(b, m, title, start, 10*time.Second))
		}
	}
	b.StopTimer()
	slices.Sort(all)
	p := func(q float64) time.Duration { return all[min(len(all)-1, int(q*float64(len(all))))] }
	b.ReportMetric(float64(p(0.5).Milliseconds()), "p50-ms")
	b.ReportMetric(float64(p(0.99).Milliseconds()), "p99-ms")
	b.Logf("inbox to served over %d drops: p50 %s, p99 %s, max %s", len(all), p(0.5), p(0.99), all[len(all)-1])
}

// TestServeFeedSource: serve runs an upstream feed on its schedule. The
// issue it points at is served after the first pass (made at start); a
// changed file is served after a later tick as a revision; an upstream
// that fails is listed on /healthz, which still answers 200, and counted
// in the metrics.
func TestServeFeedSource(t *testing.T) {
	up := newUpstream(t, "Date: 2023-07-08\n\n"+referenceBanners[0]+"\n\n河西街道举办夏季运动会\n\n通讯员 李明\n\n运动会在街道体育场举行，五百余名居民参加了比赛。\n")
	m, _ := serveWithSources(t, mustReferenceDB(t), "* * * * * *", `
[[publication.sources]]
kind = "feed"
url = "`+up.URL+`/bulletin.atom"
`)
	defer m.Close()
	start := time.Now()
	waitServed(t, m, "河西街道举办夏季运动会", start, 5*time.Second)

	changed := strings.Replace(*up.issue.Load(), "五百余名", "六百余名", 1)
	up.issue.Store(&changed)
	start = time.Now()
	took := waitServed(t, m, "六百余名", start, 5*time.Second)
	t.Logf("a changed upstream file served %s after the change (schedule: every second)", took)

	up.fail.Store(true)
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, body := getTB(t, m.srv.URL()+"/healthz")
		if code == 200 && strings.Contains(body, "source feed:"+up.URL+"/bulletin.atom of default: failing since") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz: %d %q", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, metrics := getTB(t, m.srv.URL()+"/metrics")
	for _, want := range []string{`bulletinfeed_source_passes_total{outcome="failed",publication="default",source="feed:` + up.URL, `bulletinfeed_source_issues_published_total{publication="default",source="feed:` + up.URL} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestServeInboxHealth: an inbox's passes are counted in the metrics, and
// an inbox that cannot be read (its folder gone) is listed on /healthz,
// which still answers 200, until it can be read again.
func TestServeInboxHealth(t *testing.T) {
	m, inbox := serveWithInbox(t, mustReferenceDB(t))
	defer m.Close()
	if err := os.RemoveAll(inbox); err != nil {
		t.Fatal(err)
	}
	line := "source inbox:" + inbox + " of default: failing since"
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := getTB(t, m.srv.URL()+"/healthz")
		if code == 200 && strings.Contains(body, line) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz: %d %q", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, metrics := getTB(t, m.srv.URL()+"/metrics")
	if !strings.Contains(metrics, `bulletinfeed_source_passes_total{outcome="failed",publication="default",source="inbox:`+inbox+`"}`) {
		t.Error("the inbox's failed passes are not counted")
	}
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for {
		_, body := getTB(t, m.srv.URL()+"/healthz")
		if !strings.Contains(body, line) {
			break
		}
		if time.Now().After(deadline.Add(10 * time.Second)) {
			t.Fatalf("/healthz still lists the inbox: %q", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
