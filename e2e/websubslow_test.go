//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWebSubHangingCallbacks: serve's hub has 300 subscribers on one host
// whose callbacks hang on every delivery and one on another host that
// answers. After an ingest changes the feed, the good subscriber has the
// change within 2 s of the ingest's end, whatever the hanging ones do.
// (In the hostile test it waited 110 s.)
func TestWebSubHangingCallbacks(t *testing.T) {
	h := newHarness(t, 3*time.Minute)
	db := filepath.Join(h.dir, "news.db")
	conf := filepath.Join(h.dir, "bulletinfeed.toml")
	os.WriteFile(conf, []byte(fmt.Sprintf(`db = %q
[websub]
allow_private_callbacks = true
rate_per_callback = 10000
rate_global = 10000
rate_per_client = 10000
max_per_topic = 10000
[[publication]]
id = "news"
`, db)), 0o644)
	ingest := func(f issueFile) {
		p := h.start("ingest", append([]string{"ingest", "--config", conf, f.path}, sectionArgs()...)...)
		if c, _ := p.wait(60 * time.Second); c != 0 {
			t.Fatalf("ingest: %s", tail(p.stderr.String(), 10))
		}
	}
	ingest(h.writeIssues(filepath.Join(h.dir, "seed"), 1)[0])
	s := h.startServe("serve", db, "--config", conf)
	h.waitHealthy(s, 30*time.Second)
	topic := s.base + "/feeds/all.atom"

	release := make(chan struct{})
	verify := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet {
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
			return true
		}
		return false
	}
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if verify(w, r) {
			return
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	// Deferred calls run last first: the hanging requests are let go,
	// then the server closes (Close waits for requests in flight).
	defer hang.Close()
	defer hang.CloseClientConnections()
	defer close(release)
	var mu sync.Mutex
	var got []time.Time
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if verify(w, r) {
			return
		}
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		got = append(got, time.Now())
		mu.Unlock()
	}))
	defer good.Close()
	subscribe := func(cb string) {
		form := url.Values{"hub.mode": {"subscribe"}, "hub.topic": {topic}, "hub.callback": {cb}}
		resp, err := http.PostForm(s.base+"/websub", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("subscribe %s: %s", cb, resp.Status)
		}
	}
	for i := range 300 {
		subscribe(fmt.Sprintf("%s/hang/%d", hang.URL, i))
	}
	subscribe(strings.Replace(good.URL, "127.0.0.1", "localhost", 1) + "/push")
	// The verifications are made in the background; wait for them.
	took, ok, detail := h.eventually(60*time.Second, 250*time.Millisecond, func() (bool, string) {
		r, err := h.get(s.base + "/metrics")
		if err != nil {
			return false, err.Error()
		}
		return strings.Contains(r.body, `bulletinfeed_websub_subscriptions{state="active"} 301`), ""
	})
	if !ok {
		t.Fatalf("301 subscriptions not active within %v %s", took, detail)
	}

	ingest(h.writeIssues(filepath.Join(h.dir, "new"), 2)[0])
	done := time.Now()
	took, ok, _ = h.eventually(20*time.Second, 20*time.Millisecond, func() (bool, string) {
		mu.Lock()
		defer mu.Unlock()
		return len(got) > 0, ""
	})
	if !ok {
		t.Fatalf("the good subscriber got nothing within %v of the ingest", took)
	}
	mu.Lock()
	after := got[0].Sub(done)
	mu.Unlock()
	t.Logf("the good subscriber had the change %v after the ingest ended, beside 300 hanging callbacks", after.Round(time.Millisecond))
	if after > 2*time.Second {
		t.Errorf("the good subscriber waited %v", after.Round(time.Millisecond))
	}
	s.terminate(15 * time.Second)
}
