package websub_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestHangingCallbacksDoNotDelayOthers: with 300 callbacks on one host
// that hang on every delivery, a subscriber on another host gets the
// change within 2 s: one host holds at most PerHost workers, the rest of
// its deliveries wait in the store, and after failures in a row its
// circuit opens. (Before, the good subscriber waited behind whole batches
// of hanging requests, 110 s in the hostile test.)
func TestHangingCallbacksDoNotDelayOthers(t *testing.T) {
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(release)
	good := newSubscriber(t)
	goodURL := strings.Replace(good.URL, "127.0.0.1", "localhost", 1) + "/push"

	cfg := testConfig()
	cfg.Timeout = 20 * time.Second // a hanging callback holds its worker this long
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	ctx := context.Background()
	current, err := r.feeds.Feed(ctx, topicAll)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	put := func(cb string) {
		sub := &bulletinfeed.Subscription{Topic: topicAll, Callback: cb, LeaseSeconds: 86400, Expires: now.Add(24 * time.Hour)}
		if err := r.db.PutSubscriptionCapped(ctx, sub, current, 0, 0, now); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 300 {
		put(fmt.Sprintf("%s/hang/%d", hang.URL, i))
	}
	put(goodURL)

	r.feeds.set(topicAll, "<feed>two</feed>", 2)
	start := time.Now()
	r.hub.Notify([]string{topicAll})
	select {
	case <-good.arrived:
		t.Logf("the good subscriber got the change %v after it, beside 300 hanging callbacks", time.Since(start).Round(time.Millisecond))
	case <-time.After(2 * time.Second):
		t.Fatalf("the good subscriber got nothing within 2 s of the change")
	}
	if d := good.deliveries(); len(d) != 1 || string(d[0].body) != "<feed>two</feed>" {
		t.Errorf("deliveries %v", d)
	}
}
