package main

import (
	"context"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestReplicasShareSources: two serves on one PostgreSQL run the same
// feed source every second. Each tick, one of them asks the upstream (the
// other finds the pass done or the lock taken); a changed issue file is
// ingested once and both serve it within 2 seconds of the tick that
// fetched it.
func TestReplicasShareSources(t *testing.T) {
	pg := os.Getenv("BULLETINFEED_TEST_POSTGRES")
	if pg == "" {
		t.Skip("BULLETINFEED_TEST_POSTGRES is not set")
	}
	dsn := testpg.Schema(t, pg)
	seedReference(t, dsn)
	up := newUpstream(t, "Date: 2023-07-08\n\n"+referenceBanners[0]+"\n\n河西街道举办夏季运动会\n\n通讯员 李明\n\n运动会在街道体育场举行，五百余名居民参加了比赛。\n")
	var mu sync.Mutex
	feedAsked := map[int64]int{} // feed requests per second of the clock
	up.onRequest = func(path string) {
		if path == "/bulletin.atom" {
			mu.Lock()
			feedAsked[time.Now().Unix()]++
			mu.Unlock()
		}
	}
	fetched := make(chan time.Time, 8)
	var armed atomic.Bool // the change is made: report fetches of the file
	up.onIssue = func() {
		if armed.Load() {
			select {
			case fetched <- time.Now():
			default:
			}
		}
	}
	source := `
[[publication.sources]]
kind = "feed"
url = "` + up.URL + `/bulletin.atom"
`
	a, _ := serveWithSources(t, dsn, "* * * * * *", source)
	defer a.Close()
	b, _ := serveWithSources(t, dsn, "* * * * * *", source)
	defer b.Close()

	waitServed(t, a, "五百余名", time.Now(), 5*time.Second)
	waitServed(t, b, "五百余名", time.Now(), 5*time.Second)
	changed := strings.Replace(*up.issue.Load(), "五百余名", "六百余名", 1)
	up.issue.Store(&changed)
	armed.Store(true)
	var at time.Time
	select {
	case at = <-fetched:
	case <-time.After(5 * time.Second):
		t.Fatal("the changed file was not fetched")
	}
	for name, m := range map[string]*serveMain{"a": a, "b": b} {
		took := waitServed(t, m, "六百余名", at, 5*time.Second)
		// The target is 2 s; the limit leaves room for a loaded CI
		// machine running the race detector (unloaded: under 1 s).
		if took > 5*time.Second {
			t.Errorf("replica %s served the change %s after its fetch", name, took)
		}
		t.Logf("replica %s served the change %s after its fetch", name, took.Round(time.Millisecond))
	}
	time.Sleep(2 * time.Second) // more ticks, in which both replicas fire
	mu.Lock()
	defer mu.Unlock()
	for sec, n := range feedAsked {
		if n > 1 {
			t.Errorf("the feed was asked %d times in the second %d: both replicas ran one tick", n, sec)
		}
	}
	if len(feedAsked) < 3 {
		t.Errorf("the feed was asked in %d seconds only", len(feedAsked))
	}
	db, err := store.OpenExisting(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	iss, err := db.Issue(context.Background(), "default", "issue")
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Articles) != 1 {
		t.Errorf("the upstream issue has %d articles", len(iss.Articles))
	}
}
