package websub_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/websub"
)

// slowWrites is a store whose subscription writes take a while, and
// which records how many run at once.
type slowWrites struct {
	websub.Store
	mu        sync.Mutex
	now, most int
	stored    int
}

func (s *slowWrites) PutSubscriptionCapped(ctx context.Context, sub *bulletinfeed.Subscription, current *bulletinfeed.FeedUpdate, maxPerTopic, maxTotal int, now time.Time) error {
	s.mu.Lock()
	s.now++
	s.most = max(s.most, s.now)
	s.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	err := s.Store.PutSubscriptionCapped(ctx, sub, current, maxPerTopic, maxTotal, now)
	s.mu.Lock()
	s.now--
	if err == nil {
		s.stored++
	}
	s.mu.Unlock()
	return err
}

// Many subscribers verified at once are stored a few at a time, and every
// one of them is stored: on SQLite, hundreds of writers at once kept each
// other past the lock timeout and were dropped.
func TestVerifiedWritesBounded(t *testing.T) {
	r0 := newRig(t, filepath.Join(t.TempDir(), "hub.db"), testConfig())
	st := &slowWrites{Store: r0.db}
	r := startRigStore(t, r0.db, st, testConfig())
	sub := newSubscriber(t)
	const n = 40
	for i := range n {
		if code, body := request(t, r.url, subscribeForm(topicAll, fmt.Sprintf("%s/cb/%d", sub.URL, i), "")); code != http.StatusAccepted {
			t.Fatalf("subscribe %d: %d %s", i, code, body)
		}
	}
	eventually(t, "every subscription stored", func() bool {
		st.mu.Lock()
		defer st.mu.Unlock()
		return st.stored == n
	})
	if st.most > 4 {
		t.Errorf("%d subscription writes at once, want at most 4", st.most)
	}
}
