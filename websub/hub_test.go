package websub_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/websub"
	"github.com/prometheus/client_golang/prometheus"
)

const (
	topicAll = "https://news.example.org/feeds/all.atom"
	topicSec = "https://news.example.org/feeds/yaowen.atom"
)

// fakeFeeds serves feeds from a map; topics it lacks are NotFound.
type fakeFeeds struct {
	mu    sync.Mutex
	feeds map[string]*bulletinfeed.FeedUpdate
}

var _ websub.Feeds = (*fakeFeeds)(nil)

func (f *fakeFeeds) Feed(ctx context.Context, u string) (*bulletinfeed.FeedUpdate, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fd := f.feeds[u]
	if fd == nil {
		// The server finds a feed by another spelling of its URL too.
		fd = f.feeds[strings.ToLower(u)]
	}
	if fd == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no feed %s", u)
	}
	c := *fd
	return &c, nil
}

// set changes a feed's content, as a render would.
func (f *fakeFeeds) set(topic, body string, version int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feeds[topic] = &bulletinfeed.FeedUpdate{Topic: topic, ETag: "tag-" + body, Version: version, ContentType: "application/atom+xml; charset=utf-8",
		Link: `<https://news.example.org/websub>; rel="hub", <` + topic + `>; rel="self"`, Body: []byte(body)}
}

// dsns returns a fresh SQLite store, and a PostgreSQL schema of its own
// when BULLETINFEED_TEST_POSTGRES is set, by backend name.
func dsns(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "hub.db")}
	pg := os.Getenv("BULLETINFEED_TEST_POSTGRES")
	if pg == "" {
		return out
	}
	out["postgres"] = testpg.Schema(t, pg)
	return out
}

// rig is a hub on a store with fake feeds, served over HTTP.
type rig struct {
	hub   *websub.Hub
	db    *store.DB
	feeds *fakeFeeds
	url   string
	reg   *prometheus.Registry
}

func testConfig() websub.Config {
	return websub.Config{AllowPrivateCallbacks: true, Poll: 50 * time.Millisecond, RetryMin: 20 * time.Millisecond, RetryMax: 100 * time.Millisecond, Timeout: 5 * time.Second}
}

func newRig(t *testing.T, dsn string, cfg websub.Config) *rig {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return startRig(t, db, cfg)
}

func startRig(t *testing.T, db *store.DB, cfg websub.Config) *rig {
	t.Helper()
	return startRigStore(t, db, db, cfg)
}

// startRigStore is startRig with the hub keeping its state in st, a
// Store in front of db.
func startRigStore(t *testing.T, db *store.DB, st websub.Store, cfg websub.Config) *rig {
	t.Helper()
	feeds := &fakeFeeds{feeds: map[string]*bulletinfeed.FeedUpdate{}}
	feeds.set(topicAll, "<feed>one</feed>", 1)
	feeds.set(topicSec, "<feed>section one</feed>", 1)
	hub, err := websub.New(st, feeds, cfg)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(hub.Collectors()...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		hub.Run(ctx)
	}()
	srv := httptest.NewServer(hub)
	t.Cleanup(func() {
		srv.Close()
		cancel()
		<-done
	})
	return &rig{hub: hub, db: db, feeds: feeds, url: srv.URL, reg: reg}
}

// subscriber is a callback: it answers verifications as told and records
// what is delivered.
type subscriber struct {
	*httptest.Server
	mu sync.Mutex
	// echo returns the answer to a verification's challenge.
	echo func(challenge string) string
	// status is the status of the answer to a delivery.
	status   int
	verified []url.Values
	got      []delivery
	arrived  chan struct{}
}

type delivery struct {
	header http.Header
	body   []byte
}

func newSubscriber(t *testing.T) *subscriber {
	s := &subscriber{echo: func(c string) string { return c }, status: http.StatusOK, arrived: make(chan struct{}, 100)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch r.Method {
		case http.MethodGet:
			q := r.URL.Query()
			s.verified = append(s.verified, q)
			io.WriteString(w, s.echo(q.Get("hub.challenge")))
		case http.MethodPost:
			b, _ := io.ReadAll(r.Body)
			s.got = append(s.got, delivery{r.Header.Clone(), b})
			w.WriteHeader(s.status)
		}
		s.arrived <- struct{}{}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *subscriber) deliveries() []delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]delivery(nil), s.got...)
}

// request posts a subscription request and returns the status and body
// of the answer.
func request(t *testing.T, hubURL string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(hubURL, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func subscribeForm(topic, callback, secret string) url.Values {
	f := url.Values{"hub.mode": {"subscribe"}, "hub.topic": {topic}, "hub.callback": {callback}}
	if secret != "" {
		f.Set("hub.secret", secret)
	}
	return f
}

// eventually waits, up to a generous bound, for cond; the hub works in
// the background. This bounds a wait; it measures nothing.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func active(t *testing.T, db *store.DB, topic string) []*bulletinfeed.Subscription {
	t.Helper()
	subs, err := db.Subscriptions(context.Background(), topic, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return subs
}

// metric returns the value of a counter or gauge with the given labels.
func metric(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if v, ok := labels[lp.GetName()]; ok && v != lp.GetValue() {
					continue next
				}
			}
			if c := m.GetCounter(); c != nil {
				return c.GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

func hmacHex(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// TestSubscribeVerifyDeliver: a subscription with a secret is verified
// with a GET carrying the mode, topic, challenge and lease, then each
// change of its topic, and only of its topic, is POSTed with the feed's
// type, Link and a correct signature.
func TestSubscribeVerifyDeliver(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, dsn, testConfig())
			sub := newSubscriber(t)
			cb := sub.URL + "/push?id=7"
			if code, body := request(t, r.url, subscribeForm(topicSec, cb, "a secret")); code != http.StatusAccepted {
				t.Fatalf("subscribe: %d %s", code, body)
			}
			eventually(t, "an active subscription", func() bool { return len(active(t, r.db, topicSec)) == 1 })
			sub.mu.Lock()
			q := sub.verified[0]
			sub.mu.Unlock()
			if q.Get("hub.mode") != "subscribe" || q.Get("hub.topic") != topicSec || q.Get("hub.lease_seconds") != "864000" || q.Get("id") != "7" || len(q.Get("hub.challenge")) < 16 {
				t.Errorf("verification query %v", q)
			}
			if s := active(t, r.db, topicSec)[0]; s.Callback != cb || s.Secret != "a secret" {
				t.Errorf("stored %+v", s)
			}
			// What the subscriber could fetch when it subscribed is not
			// sent again.
			r.hub.Notify([]string{topicSec, topicAll})
			r.feeds.set(topicSec, "<feed>section two</feed>", 2)
			r.feeds.set(topicAll, "<feed>two</feed>", 2)
			r.hub.Notify([]string{topicSec, topicAll})
			eventually(t, "a delivery", func() bool { return len(sub.deliveries()) > 0 })
			d := sub.deliveries()[0]
			if string(d.body) != "<feed>section two</feed>" {
				t.Errorf("delivered %q", d.body)
			}
			if got, want := d.header.Get("X-Hub-Signature"), hmacHex("a secret", d.body); got != want {
				t.Errorf("X-Hub-Signature %q, want %q", got, want)
			}
			if ct := d.header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if l := d.header.Get("Link"); !strings.Contains(l, `rel="hub"`) || !strings.Contains(l, "<"+topicSec+`>; rel="self"`) {
				t.Errorf("Link %q", l)
			}
			eventually(t, "the delivery's outcome", func() bool {
				return metric(t, r.reg, "bulletinfeed_websub_deliveries_total", map[string]string{"kind": "subscriber", "outcome": "delivered"}) == 1
			})
			if n := len(sub.deliveries()); n != 1 {
				t.Errorf("%d deliveries, want 1: the other topic has no subscriber here", n)
			}
		})
	}
}

// TestWrongEcho: a verification answered with anything but the exact
// challenge, or without a 2xx, leaves no subscription.
func TestWrongEcho(t *testing.T) {
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), testConfig())
	cases := []struct {
		name   string
		echo   func(string) string
		status int
	}{
		{"another string", func(string) string { return "nope" }, 200},
		{"the challenge and a newline", func(c string) string { return c + "\n" }, 200},
		{"the challenge with 404", func(c string) string { return c }, 404},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				w.WriteHeader(c.status)
				io.WriteString(w, c.echo(req.URL.Query().Get("hub.challenge")))
			}))
			defer sub.Close()
			if code, body := request(t, r.url, subscribeForm(topicAll, sub.URL, "")); code != http.StatusAccepted {
				t.Fatalf("subscribe: %d %s", code, body)
			}
			eventually(t, "the verification", func() bool {
				return metric(t, r.reg, "bulletinfeed_websub_verifications_total", map[string]string{"mode": "subscribe", "result": "failed"}) == float64(i+1)
			})
			if subs := active(t, r.db, ""); len(subs) != 0 {
				t.Errorf("active after a wrong echo: %+v", subs)
			}
		})
	}
}

// TestGoneRemoves: a callback that answers a delivery with 410 loses its
// subscription; one that answers 500 is tried again and keeps it.
func TestGoneRemoves(t *testing.T) {
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), testConfig())
	gone, flaky := newSubscriber(t), newSubscriber(t)
	gone.status, flaky.status = http.StatusGone, http.StatusInternalServerError
	for _, s := range []*subscriber{gone, flaky} {
		request(t, r.url, subscribeForm(topicAll, s.URL, ""))
	}
	eventually(t, "two subscriptions", func() bool { return len(active(t, r.db, topicAll)) == 2 })
	r.feeds.set(topicAll, "<feed>two</feed>", 2)
	r.hub.Notify([]string{topicAll})
	eventually(t, "the flaky callback tried three times", func() bool { return len(flaky.deliveries()) >= 3 })
	flaky.mu.Lock()
	flaky.status = http.StatusNoContent
	flaky.mu.Unlock()
	eventually(t, "the 410 and the success", func() bool {
		return len(active(t, r.db, topicAll)) == 1 &&
			metric(t, r.reg, "bulletinfeed_websub_deliveries_total", map[string]string{"kind": "subscriber", "outcome": "delivered"}) == 1
	})
	if s := active(t, r.db, topicAll); s[0].Callback != flaky.URL {
		t.Errorf("left %+v, want the flaky one", s[0])
	}
	if n := len(gone.deliveries()); n != 1 {
		t.Errorf("the gone callback got %d deliveries, want 1", n)
	}
	// The outcome is counted when the answer comes and written after.
	eventually(t, "nothing owed", func() bool {
		n, _ := r.db.PendingDeliveries(context.Background())
		return n == 0
	})
}

// TestRefused: what the hub will not take is refused at once with 4xx
// and the reason, and nothing is verified.
func TestRefused(t *testing.T) {
	strict := testConfig()
	strict.AllowPrivateCallbacks = false
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), strict)
	sub := newSubscriber(t)
	cases := []struct {
		name string
		form url.Values
		code int
		why  string
	}{
		{"a callback on 127.0.0.1", subscribeForm(topicAll, sub.URL, ""), 400, "loopback, private"},
		{"a callback on localhost", subscribeForm(topicAll, "http://localhost:9/x", ""), 400, "loopback, private"},
		{"a callback on a private network", subscribeForm(topicAll, "http://10.1.2.3/x", ""), 400, "10.1.2.3"},
		{"a callback on a link-local address", subscribeForm(topicAll, "http://[fe80::1]/x", ""), 400, "fe80::1"},
		{"a callback to cloud metadata", subscribeForm(topicAll, "http://169.254.169.254/latest", ""), 400, "169.254.169.254"},
		{"an ftp callback", subscribeForm(topicAll, "ftp://203.0.113.9/x", ""), 400, "http or https"},
		{"a relative callback", subscribeForm(topicAll, "/push", ""), 400, "absolute"},
		{"another site's topic", subscribeForm("https://elsewhere.example/feed", "http://203.0.113.9/x", ""), 400, "not a feed of this server"},
		{"another spelling of a topic", subscribeForm("HTTPS://NEWS.example.org/feeds/all.atom", "http://203.0.113.9/x", ""), 400, "write it as the feed names itself, " + topicAll},
		{"a secret of 200 bytes", subscribeForm(topicAll, "http://203.0.113.9/x", strings.Repeat("s", 200)), 400, "under 200 bytes"},
		{"no mode", url.Values{"hub.topic": {topicAll}, "hub.callback": {"http://203.0.113.9/x"}}, 400, "hub.mode"},
		{"publish", url.Values{"hub.mode": {"publish"}, "hub.url": {topicAll}}, 400, "no publish"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body := request(t, r.url, c.form)
			if code != c.code || !strings.Contains(body, c.why) {
				t.Errorf("%d %q, want %d and a reason with %q", code, body, c.code, c.why)
			}
		})
	}
	resp, err := http.Get(r.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if len(sub.verified) != 0 {
		t.Errorf("a refused request was verified")
	}
}

// TestLimits: leases are clamped to the configured range; requests above
// the rate per callback host are answered 429; subscriptions beyond the
// cap per topic are refused, renewals not.
func TestLimits(t *testing.T) {
	cfg := testConfig()
	cfg.LeaseMin, cfg.LeaseMax, cfg.LeaseDefault = time.Hour, 48*time.Hour, 24*time.Hour
	cfg.RatePerCallback, cfg.MaxPerTopic = 3, 1
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	sub := newSubscriber(t)
	f := subscribeForm(topicAll, sub.URL+"/a", "")
	f.Set("hub.lease_seconds", "5")
	if code, body := request(t, r.url, f); code != http.StatusAccepted {
		t.Fatalf("%d %s", code, body)
	}
	eventually(t, "the subscription", func() bool { return len(active(t, r.db, topicAll)) == 1 })
	if got := active(t, r.db, topicAll)[0].LeaseSeconds; got != 3600 {
		t.Errorf("lease of 5 s granted as %d s, want the minimum", got)
	}
	// A second callback to the same topic is over the cap; a renewal
	// of the first is not.
	if code, body := request(t, r.url, subscribeForm(topicAll, sub.URL+"/b", "")); code != http.StatusConflict || !strings.Contains(body, "most subscriptions") {
		t.Errorf("over the cap: %d %s", code, body)
	}
	f.Set("hub.lease_seconds", "999999999")
	if code, body := request(t, r.url, f); code != http.StatusAccepted {
		t.Fatalf("renewal: %d %s", code, body)
	}
	eventually(t, "the renewal", func() bool { return active(t, r.db, topicAll)[0].LeaseSeconds == 48*3600 })
	// Three requests so far took the host's three tokens, the refused
	// one too: what a request costs is spent before it is judged.
	code, _ := request(t, r.url, subscribeForm(topicSec, sub.URL+"/c", ""))
	if code != http.StatusTooManyRequests {
		t.Errorf("the fourth request of a minute: %d, want 429", code)
	}
}

// TestOutsideHub: each changed feed is pinged to the outside hubs, with
// hub.mode=publish and hub.url, and retried when the hub fails.
func TestOutsideHub(t *testing.T) {
	var mu sync.Mutex
	var pings []url.Values
	fail := 1
	outside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		defer mu.Unlock()
		pings = append(pings, r.PostForm)
		if fail > 0 {
			fail--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer outside.Close()
	cfg := testConfig()
	cfg.Hubs = []string{outside.URL}
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	r.feeds.set(topicSec, "<feed>section two</feed>", 2)
	r.hub.Notify([]string{topicSec})
	eventually(t, "a ping that succeeded", func() bool {
		return metric(t, r.reg, "bulletinfeed_websub_deliveries_total", map[string]string{"kind": "hub", "outcome": "delivered"}) == 1
	})
	mu.Lock()
	defer mu.Unlock()
	if len(pings) != 2 {
		t.Fatalf("%d pings, want a failure and a retry", len(pings))
	}
	for _, p := range pings {
		if p.Get("hub.mode") != "publish" || p.Get("hub.url") != topicSec {
			t.Errorf("ping %v", p)
		}
	}
}

// TestUnsubscribe: an unsubscription is verified like a subscription and
// then removes it.
func TestUnsubscribe(t *testing.T) {
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), testConfig())
	sub := newSubscriber(t)
	request(t, r.url, subscribeForm(topicAll, sub.URL, ""))
	eventually(t, "the subscription", func() bool { return len(active(t, r.db, topicAll)) == 1 })
	f := subscribeForm(topicAll, sub.URL, "")
	f.Set("hub.mode", "unsubscribe")
	if code, body := request(t, r.url, f); code != http.StatusAccepted {
		t.Fatalf("unsubscribe: %d %s", code, body)
	}
	eventually(t, "the unsubscription", func() bool { return len(active(t, r.db, topicAll)) == 0 })
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if q := sub.verified[len(sub.verified)-1]; q.Get("hub.mode") != "unsubscribe" || q.Get("hub.topic") != topicAll || q.Has("hub.lease_seconds") {
		t.Errorf("verification of the unsubscription: %v", q)
	}
}

// TestLeaseExpires: once its lease ends a subscription is sent nothing
// and is removed.
func TestLeaseExpires(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	cfg := testConfig()
	cfg.LeaseMin = time.Hour
	cfg.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	sub := newSubscriber(t)
	f := subscribeForm(topicAll, sub.URL, "")
	f.Set("hub.lease_seconds", "3600")
	request(t, r.url, f)
	eventually(t, "the subscription", func() bool { return len(active(t, r.db, topicAll)) == 1 })
	mu.Lock()
	now = now.Add(time.Hour + time.Second)
	mu.Unlock()
	// A change announced after the lease ends is owed to no one.
	r.feeds.set(topicAll, "<feed>after the lease</feed>", 2)
	u, _ := r.feeds.Feed(context.Background(), topicAll)
	if n, err := r.db.AnnounceFeed(context.Background(), u, nil, now); err != nil || n != 0 {
		t.Errorf("AnnounceFeed = %d, %v; want nothing enqueued", n, err)
	}
	if n, _ := r.db.PendingDeliveries(context.Background()); n != 0 {
		t.Errorf("%d deliveries owed to an expired subscription", n)
	}
	if n, err := r.db.ExpireSubscriptions(context.Background(), now); err != nil || n != 1 {
		t.Errorf("ExpireSubscriptions = %d, %v; want the expired one", n, err)
	}
	if len(sub.deliveries()) != 0 {
		t.Error("an expired subscription was sent the feed")
	}
}

// TestRateLimitPerHostAllSpellings: the per-callback limit holds for a
// host however it is spelled (case, final dot, IP literal forms).
func TestRateLimitPerHostAllSpellings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		hosts []string
	}{
		{"name", []string{"localhost", "LOCALHOST", "Localhost", "localhost.", "LocalHost."}},
		{"ipv6", []string{"[::1]", "[0::1]", "[0:0:0:0:0:0:0:1]", "[::0001]"}},
		{"ipv4", []string{"127.0.0.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.RatePerCallback = 1
			r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
			sub := newSubscriber(t)
			port := sub.URL[strings.LastIndex(sub.URL, ":"):]
			accepted := 0
			for _, host := range tc.hosts {
				code, body := request(t, r.url, subscribeForm(topicAll, "http://"+host+port+"/cb", ""))
				switch code {
				case http.StatusAccepted:
					accepted++
				case http.StatusTooManyRequests:
				default:
					t.Errorf("%s: %d %s", host, code, body)
				}
			}
			if accepted != 1 {
				t.Errorf("%d requests accepted for one callback host limited to 1 a minute", accepted)
			}
		})
	}
}

// TestCapsHoldAcrossPendingVerifications: requests whose verifications
// are in flight together all pass the check made at request time; the
// caps still hold when the verified subscriptions are stored.
func TestCapsHoldAcrossPendingVerifications(t *testing.T) {
	for backend, dsn := range dsns(t) {
		t.Run(backend, func(t *testing.T) {
			db, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			cfg := testConfig()
			cfg.MaxPerTopic = 1
			r := startRigStore(t, db, db, cfg)
			slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				time.Sleep(time.Second) // a callback that takes its time to answer
				io.WriteString(w, req.URL.Query().Get("hub.challenge"))
			}))
			defer slow.Close()
			cb := fmt.Sprint(slow.URL, "/", backend)
			var wg sync.WaitGroup
			var accepted atomic.Int64
			for _, p := range []string{"/a", "/b", "/c", "/d", "/e"} {
				wg.Go(func() {
					// On a loaded machine a verification may end before
					// a later request comes: that one is refused at
					// once, as it should be.
					switch code, body := request(t, r.url, subscribeForm(topicAll, cb+p, "")); code {
					case http.StatusAccepted:
						accepted.Add(1)
					case http.StatusConflict:
					default:
						t.Errorf("%s: %d %s", p, code, body)
					}
				})
			}
			wg.Wait()
			t.Logf("%d of 5 requests in flight together", accepted.Load())
			eventually(t, "the verifications", func() bool {
				return metric(t, r.reg, "bulletinfeed_websub_verifications_total", map[string]string{"mode": "subscribe", "result": "verified"})+
					metric(t, r.reg, "bulletinfeed_websub_verifications_total", map[string]string{"mode": "subscribe", "result": "failed"}) == float64(accepted.Load())
			})
			if n := len(active(t, db, topicAll)); n != 1 {
				t.Errorf("%d active subscriptions to a topic capped at 1", n)
			}
		})
	}
}

// TestChangeDuringVerificationDelivered: a feed that changes while a
// subscriber's intent is being verified is delivered to it once it is
// active, whether the change found the topic without subscribers (and
// was not announced) or announced it to others.
func TestChangeDuringVerificationDelivered(t *testing.T) {
	for _, tc := range []struct {
		name  string
		other bool
	}{
		{"first subscriber", false},
		{"topic with a subscriber", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for backend, dsn := range dsns(t) {
				t.Run(backend, func(t *testing.T) {
					r := newRig(t, dsn, testConfig())
					var other *subscriber
					if tc.other {
						other = newSubscriber(t)
						request(t, r.url, subscribeForm(topicSec, other.URL, ""))
						eventually(t, "the other subscription", func() bool { return len(active(t, r.db, topicSec)) == 1 })
					}
					asked, release := make(chan struct{}), make(chan struct{})
					sub := newSubscriber(t)
					sub.mu.Lock()
					sub.echo = func(c string) string {
						close(asked)
						<-release // the subscriber answers the verification a moment later
						return c
					}
					sub.mu.Unlock()
					if code, body := request(t, r.url, subscribeForm(topicSec, sub.URL, "")); code != http.StatusAccepted {
						t.Fatalf("%d %s", code, body)
					}
					<-asked
					// The issue is ingested while the verification is in flight.
					r.feeds.set(topicSec, "<feed>section two</feed>", 2)
					r.hub.Notify([]string{topicSec})
					if tc.other {
						eventually(t, "the delivery to the other", func() bool { return len(other.deliveries()) == 1 })
					} else {
						time.Sleep(200 * time.Millisecond)
					}
					close(release)
					eventually(t, "the delivery", func() bool { return len(sub.deliveries()) == 1 })
					if got := string(sub.deliveries()[0].body); got != "<feed>section two</feed>" {
						t.Errorf("delivered %q", got)
					}
					time.Sleep(300 * time.Millisecond)
					if n := len(sub.deliveries()); n != 1 {
						t.Errorf("%d deliveries of one change", n)
					}
					if other != nil {
						if n := len(other.deliveries()); n != 1 {
							t.Errorf("the other subscriber: %d deliveries of one change", n)
						}
					}
				})
			}
		})
	}
}

// TestStartDeliversChangesMadeWhileStopped: a feed whose bytes changed
// while no hub ran, and that nothing reports, is delivered to its
// subscribers when a hub starts; an unchanged one is sent nothing.
func TestStartDeliversChangesMadeWhileStopped(t *testing.T) {
	for backend, dsn := range dsns(t) {
		t.Run(backend, func(t *testing.T) {
			db, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			feeds := &fakeFeeds{feeds: map[string]*bulletinfeed.FeedUpdate{}}
			feeds.set(topicAll, "<feed>one</feed>", 1)
			feeds.set(topicSec, "<feed>section one</feed>", 1)
			run := func() (*websub.Hub, func()) {
				hub, err := websub.New(db, feeds, testConfig())
				if err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithCancel(context.Background())
				done := make(chan struct{})
				go func() {
					defer close(done)
					hub.Run(ctx)
				}()
				stop := func() {
					cancel()
					<-done
				}
				t.Cleanup(stop)
				return hub, stop
			}
			hub, stop := run()
			srv := httptest.NewServer(hub)
			defer srv.Close()
			changed, unchanged := newSubscriber(t), newSubscriber(t)
			request(t, srv.URL, subscribeForm(topicSec, changed.URL, ""))
			request(t, srv.URL, subscribeForm(topicAll, unchanged.URL, ""))
			eventually(t, "the subscriptions", func() bool { return len(active(t, db, "")) == 2 })
			stop()
			// While no hub runs, a feed changes, and nothing reports it.
			feeds.set(topicSec, "<feed>section two</feed>", 2)
			run()
			eventually(t, "the delivery", func() bool { return len(changed.deliveries()) == 1 })
			if got := string(changed.deliveries()[0].body); got != "<feed>section two</feed>" {
				t.Errorf("delivered %q", got)
			}
			time.Sleep(300 * time.Millisecond)
			if got := unchanged.deliveries(); len(got) > 0 {
				t.Errorf("the unchanged feed was sent: %q", got[0].body)
			}
		})
	}
}

// TestNewSubscriberNotSentWhatItCouldFetch: a feed that changed while it
// had no subscribers is not sent to the next one when it is reported
// again unchanged (as every subscribed feed is when a hub starts).
func TestNewSubscriberNotSentWhatItCouldFetch(t *testing.T) {
	for backend, dsn := range dsns(t) {
		t.Run(backend, func(t *testing.T) {
			r := newRig(t, dsn, testConfig())
			first := newSubscriber(t)
			request(t, r.url, subscribeForm(topicSec, first.URL, ""))
			eventually(t, "the first subscription", func() bool { return len(active(t, r.db, topicSec)) == 1 })
			f := subscribeForm(topicSec, first.URL, "")
			f.Set("hub.mode", "unsubscribe")
			request(t, r.url, f)
			eventually(t, "no subscription", func() bool { return len(active(t, r.db, topicSec)) == 0 })
			// The feed changes while nobody is subscribed: nothing is
			// announced.
			r.feeds.set(topicSec, "<feed>section two</feed>", 2)
			r.hub.Notify([]string{topicSec})
			time.Sleep(200 * time.Millisecond)
			second := newSubscriber(t)
			request(t, r.url, subscribeForm(topicSec, second.URL, ""))
			eventually(t, "the second subscription", func() bool { return len(active(t, r.db, topicSec)) == 1 })
			r.hub.Notify([]string{topicSec})
			time.Sleep(500 * time.Millisecond)
			if got := second.deliveries(); len(got) > 0 {
				t.Errorf("sent %q, which had not changed since the subscriber asked", got[0].body)
			}
		})
	}
}
