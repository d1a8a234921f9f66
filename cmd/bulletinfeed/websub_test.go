package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// pushed is one delivery a test subscriber received.
type pushed struct {
	feed string // the callback's ?feed=
	at   time.Time
	sig  string
	typ  string
	link string
	body []byte
}

// pushSubscriber is a reader's callback: it echoes challenges and
// records deliveries, by the ?feed= each subscription's callback has.
type pushSubscriber struct {
	*httptest.Server
	mu  sync.Mutex
	got []pushed
	new chan struct{}
}

func newPushSubscriber(t testing.TB) *pushSubscriber {
	s := &pushSubscriber{new: make(chan struct{}, 1000)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
			return
		}
		b, _ := io.ReadAll(r.Body)
		p := pushed{feed: r.URL.Query().Get("feed"), at: time.Now(), sig: r.Header.Get("X-Hub-Signature"),
			typ: r.Header.Get("Content-Type"), link: r.Header.Get("Link"), body: b}
		s.mu.Lock()
		s.got = append(s.got, p)
		s.mu.Unlock()
		s.new <- struct{}{}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *pushSubscriber) received() []pushed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// hubStore makes a store at dsn holding the reference issue, ingested
// from a copy of its file that the test can revise, and returns that
// copy's path.
func hubStore(t testing.TB, dsn string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "hexi-2023-04.txt")
	text, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	seedIssue(t, dsn, file)
	return file
}

// publish ingests file through a handle of its own, as an ingest by
// another process does; the server learns of it from its watch.
func publish(t testing.TB, dsn, file string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loc, _ := time.LoadLocation("Asia/Shanghai")
	cfg := config.Default()
	if _, err := worker.Publish(ctx, db, nil, worker.Job{Publication: "default", Path: file,
		Parse: cfg.SourceOptions("default", referenceBanners, loc)}); err != nil {
		t.Fatal(err)
	}
}

// revise changes, in the issue file, a sentence of an article of the
// section 十项行动 and nothing else.
func revise(t testing.TB, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// openHubServer serves the store at dsn on addr with the hub on and
// private callbacks allowed, as the tests' subscribers are on loopback.
func openHubServer(t testing.TB, dsn, addr string) *serveMain {
	t.Helper()
	cfg := config.Default()
	cfg.DB = dsn
	cfg.Addr = addr
	cfg.BaseURL = "http://" + addr
	cfg.WebSub.AllowPrivateCallbacks = true
	cfg.WebSub.RatePerCallback = 1000
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// sectionFeeds returns the Atom feeds of the site by what they hold: the
// all-sections feed, the section of the text marker and another section.
func sectionFeeds(t testing.TB, base, marker string) (all, changed, other string) {
	t.Helper()
	// The all-sections feed is in /feeds.opml, the sections' in
	// ?sections=1.
	type outline struct {
		XMLURL string `xml:"xmlUrl,attr"`
	}
	var opml string
	var outlines []outline
	for _, list := range []string{"/feeds.opml", "/feeds.opml?sections=1"} {
		_, body := getTB(t, base+list)
		opml += body
		var doc struct {
			Outlines []outline `xml:"body>outline>outline"`
		}
		if err := xml.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		outlines = append(outlines, doc.Outlines...)
	}
	for _, o := range outlines {
		switch _, body := getTB(t, o.XMLURL); {
		case strings.HasSuffix(o.XMLURL, "/feeds/all.atom"):
			all = o.XMLURL
		case strings.Contains(body, marker):
			changed = o.XMLURL
		default:
			other = o.XMLURL
		}
	}
	if all == "" || changed == "" || other == "" {
		t.Fatalf("feeds of %s: all %q, changed %q, other %q", opml, all, changed, other)
	}
	return all, changed, other
}

// subscribeAll subscribes the callback ?feed=name to each feed, with
// secret, and waits for the store to hold every subscription.
func subscribeAll(t testing.TB, m *serveMain, sub *pushSubscriber, secret string, feeds map[string]string) {
	t.Helper()
	for name, topic := range feeds {
		resp, err := http.PostForm(m.srv.URL()+"/websub", url.Values{"hub.mode": {"subscribe"}, "hub.topic": {topic},
			"hub.callback": {sub.URL + "/?feed=" + name}, "hub.secret": {secret}})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("subscribe to %s: %d %s", topic, resp.StatusCode, b)
		}
	}
	waitSubscriptions(t, m.db, len(feeds))
}

func waitSubscriptions(t testing.TB, db *store.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		subs, err := db.Subscriptions(context.Background(), "", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d subscriptions active, want %d", len(subs), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// hubBackends are the stores the end-to-end tests of the hub run on.
func hubBackends(t *testing.T) map[string]func() string {
	out := map[string]func() string{"sqlite": func() string { return filepath.Join(t.TempDir(), "bulletinfeed.db") }}
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		out["postgres"] = func() string { return testpg.Schema(t, pg) }
	}
	return out
}

// TestWebSubEndToEnd: a reader subscribes with a secret to the
// all-sections feed and to two sections' feeds; a revision of one
// section's article, ingested by another process, reaches it within two
// seconds as that section's feed and the all-sections feed, both signed
// correctly, and not as the other section's. The subscriptions survive a
// restart of the server, which delivers the next change.
func TestWebSubEndToEnd(t *testing.T) {
	for name, newDSN := range hubBackends(t) {
		t.Run(name, func(t *testing.T) {
			dsn := newDSN()
			file := hubStore(t, dsn)
			// The address stays across the restart: it makes the feeds'
			// URLs, the topics.
			addr := closedPort(t)
			m := openHubServer(t, dsn, addr)
			base := m.srv.URL()
			const secret = "reader's secret"
			all, changed, other := sectionFeeds(t, base, "中信银行天津分行")
			_, body := getTB(t, changed)
			if !strings.Contains(body, `<link href="`+base+`/websub" rel="hub"></link>`) {
				t.Errorf("%s does not name the hub", changed)
			}
			sub := newPushSubscriber(t)
			subscribeAll(t, m, sub, secret, map[string]string{"all": all, "changed": changed, "other": other})

			start := time.Now()
			revise(t, file, "中信银行天津分行", "中信银行天津分行（修订）")
			publish(t, dsn, file)
			want := []string{"all", "changed"}
			deadline := time.After(2 * time.Second)
			for got := 0; got < len(want); {
				select {
				case <-sub.new:
					got++
				case <-deadline:
					t.Fatalf("within 2 s of the ingest, received %d deliveries", len(sub.received()))
				}
			}
			checkPushes(t, sub.received(), want, secret, "中信银行天津分行（修订）")
			t.Logf("both feeds delivered %v after the ingest began", time.Since(start).Round(time.Millisecond))
			waitNoneOwed(t, m.db)
			// The subscriptions gauge is read from the store in the
			// background: a loaded machine may show it a moment later.
			for _, line := range []string{`bulletinfeed_websub_deliveries_total{kind="subscriber",outcome="delivered"} 2`,
				`bulletinfeed_websub_subscriptions{state="active"} 3`, `bulletinfeed_websub_delivery_seconds_count{kind="subscriber"} 2`} {
				for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(50 * time.Millisecond) {
					_, metrics := getTB(t, base+"/metrics")
					if strings.Contains(metrics, line+"\n") {
						break
					}
					if time.Now().After(deadline) {
						t.Errorf("/metrics lacks %s", line)
						break
					}
				}
			}

			// A restart: the subscriptions are read from the store.
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			m = openHubServer(t, dsn, addr)
			waitSubscriptions(t, m.db, 3)
			revise(t, file, "（修订）", "（再修订）")
			publish(t, dsn, file)
			for got := len(want); got < 2*len(want); {
				select {
				case <-sub.new:
					got++
				case <-time.After(10 * time.Second):
					t.Fatalf("after the restart, received %d deliveries in all", len(sub.received()))
				}
			}
			waitNoneOwed(t, m.db)
			checkPushes(t, sub.received()[len(want):], want, secret, "（再修订）")
		})
	}
}

// checkPushes checks that got are deliveries of the feeds want, each
// once, holding text and signed with secret.
func checkPushes(t testing.TB, got []pushed, want []string, secret, text string) {
	t.Helper()
	var names []string
	for _, p := range got {
		names = append(names, p.feed)
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(p.body)
		if wantSig := "sha256=" + hex.EncodeToString(m.Sum(nil)); p.sig != wantSig {
			t.Errorf("%s: X-Hub-Signature %q, want %q", p.feed, p.sig, wantSig)
		}
		if !strings.Contains(string(p.body), text) {
			t.Errorf("%s: the delivered feed lacks %q", p.feed, text)
		}
		if p.typ != "application/atom+xml; charset=utf-8" || !strings.Contains(p.link, `rel="hub"`) || !strings.Contains(p.link, `rel="self"`) {
			t.Errorf("%s: Content-Type %q, Link %q", p.feed, p.typ, p.link)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("delivered %q, want %q", names, want)
	}
}

// waitNoneOwed waits until the outbox is empty: every delivery the
// change enqueued was made, so one not received was never enqueued.
func waitNoneOwed(t testing.TB, db *store.DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := db.PendingDeliveries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries still owed", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWebSubReplicas: two servers share one PostgreSQL database and one
// base URL, as replicas behind a load balancer. Both render an ingest and
// report the same changed feeds; each delivery is made once.
func TestWebSubReplicas(t *testing.T) {
	pg := os.Getenv("BULLETINFEED_TEST_POSTGRES")
	if pg == "" {
		t.Skip("BULLETINFEED_TEST_POSTGRES is not set")
	}
	dsn := testpg.Schema(t, pg)
	file := hubStore(t, dsn)
	addr := closedPort(t)
	a := openHubServer(t, dsn, addr)
	b := openReplica(t, dsn, "http://"+addr)
	all, changed, other := sectionFeeds(t, a.srv.URL(), "中信银行天津分行")
	sub := newPushSubscriber(t)
	subscribeAll(t, a, sub, "s", map[string]string{"all": all, "changed": changed, "other": other})
	prev := ""
	for round, text := range []string{"（一）", "（二）", "（三）"} {
		revise(t, file, "中信银行天津分行"+prev, "中信银行天津分行"+text)
		prev = text
		publish(t, dsn, file)
		v, err := a.db.Version(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Both replicas render the change, then have time to announce it.
		for _, m := range []*serveMain{a, b} {
			deadline := time.Now().Add(10 * time.Second)
			for m.feed.Site() == nil || m.feed.Site().Version < v {
				if time.Now().After(deadline) {
					t.Fatal("a replica did not render the ingest")
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		waitNoneOwed(t, a.db)
		time.Sleep(300 * time.Millisecond)
		waitNoneOwed(t, a.db)
		got := sub.received()
		if len(got) != 2*(round+1) {
			t.Fatalf("after %d ingests, %d deliveries; want 2 each", round+1, len(got))
		}
		checkPushes(t, got[2*round:], []string{"all", "changed"}, "s", text)
	}
}

// openReplica serves the store at dsn on a port of its own under the
// base URL of another replica.
func openReplica(t testing.TB, dsn, baseURL string) *serveMain {
	t.Helper()
	cfg := config.Default()
	cfg.DB = dsn
	cfg.Addr = "127.0.0.1:0"
	cfg.BaseURL = baseURL
	cfg.WebSub.AllowPrivateCallbacks = true
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// TestWebSubOff: with [websub] hub = false the feeds name only the
// outside hubs and nothing answers at /websub.
func TestWebSubOff(t *testing.T) {
	cfg := config.Default()
	cfg.DB = mustReferenceDB(t)
	cfg.Addr = "127.0.0.1:0"
	cfg.WebSub.Hub = false
	cfg.WebSub.Hubs = []string{"https://hub.example.net/"}
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	defer m.Close()
	resp, err := http.Get(m.srv.URL() + "/feeds/all.rss")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), "/websub") || !strings.Contains(string(body), `<atom:link href="https://hub.example.net/" rel="hub">`) {
		t.Errorf("feed without our hub names %s", body[:min(len(body), 800)])
	}
	if l := resp.Header.Get("Link"); !strings.HasPrefix(l, `<https://hub.example.net/>; rel="hub", `) {
		t.Errorf("Link %q", l)
	}
	resp, err = http.PostForm(m.srv.URL()+"/websub", url.Values{"hub.mode": {"subscribe"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 4 {
		t.Errorf("POST /websub with the hub off: %d", resp.StatusCode)
	}
}
