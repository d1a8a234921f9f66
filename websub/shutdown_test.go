package websub_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/websub"
)

// TestStopKeepsAnsweredDeliveries: a delivery the callback answers 2xx
// counts as made when the hub is told to stop as the answer comes or
// while it reads it, so a restart does not make it again; and the hub's
// keep-alive connections to the callback end with Run.
func TestStopKeepsAnsweredDeliveries(t *testing.T) {
	for _, tc := range []struct {
		name string
		// wait is how long after sending the status the callback
		// has the hub stopped.
		wait time.Duration
	}{
		{"stop as the answer comes", 0},
		{"stop while the answer is read", 50 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) { testStopKeepsAnsweredDeliveries(t, tc.wait) })
	}
}

func testStopKeepsAnsweredDeliveries(t *testing.T, wait time.Duration) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "hub.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var posts atomic.Int32
	var stopHub atomic.Pointer[context.CancelFunc]
	var open sync.Map
	var mu sync.Mutex
	var bodies []string
	sub := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		n := posts.Add(1)
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "thanks")
		w.(http.Flusher).Flush()
		if n == 1 {
			time.Sleep(wait)
			(*stopHub.Load())()
			time.Sleep(200 * time.Millisecond)
		}
	}))
	sub.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateClosed || s == http.StateHijacked {
			open.Delete(c)
		} else {
			open.Store(c, s)
		}
	}
	sub.Start()
	defer sub.Close()
	openConns := func() int {
		n := 0
		open.Range(func(any, any) bool { n++; return true })
		return n
	}

	feeds := &fakeFeeds{feeds: map[string]*bulletinfeed.FeedUpdate{}}
	feeds.set(topicAll, "<feed>one</feed>", 1)
	run := func() (*websub.Hub, context.CancelFunc, chan struct{}) {
		hub, err := websub.New(db, feeds, testConfig())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		stopHub.Store(&cancel)
		done := make(chan struct{})
		go func() {
			defer close(done)
			hub.Run(ctx)
		}()
		return hub, cancel, done
	}
	hub, cancel, done := run()
	defer cancel()
	srv := httptest.NewServer(hub)
	defer srv.Close()
	if code, body := request(t, srv.URL, subscribeForm(topicAll, sub.URL, "")); code != http.StatusAccepted {
		t.Fatalf("%d %s", code, body)
	}
	eventually(t, "the subscription", func() bool { return len(active(t, db, topicAll)) == 1 })
	feeds.set(topicAll, "<feed>two</feed>", 2)
	hub.Notify([]string{topicAll})
	<-done
	// The callback's server sees a connection closed a moment after
	// the client closes it.
	eventually(t, "the first hub's connections to close", func() bool { return openConns() == 0 })

	// A restart, and a change delivered before a stop, which leaves the
	// connection idle.
	hub2, cancel2, done2 := run()
	defer cancel2()
	time.Sleep(500 * time.Millisecond) // for a delivery made again
	feeds.set(topicAll, "<feed>three</feed>", 3)
	hub2.Notify([]string{topicAll})
	eventually(t, "the second delivery", func() bool { return posts.Load() >= 2 })
	time.Sleep(200 * time.Millisecond)
	cancel2()
	<-done2
	eventually(t, "the second hub's connections to close", func() bool { return openConns() == 0 })
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"<feed>two</feed>", "<feed>three</feed>"}; !slices.Equal(bodies, want) {
		t.Errorf("the callback received %q, want %q: it answered 200 each time", bodies, want)
	}
	if n, err := db.PendingDeliveries(context.Background()); err != nil || n != 0 {
		t.Errorf("%d deliveries still owed, %v", n, err)
	}
}
