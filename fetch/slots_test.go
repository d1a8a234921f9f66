package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// Fetchers that share slots never have more requests in flight than the
// slots, whichever fetcher makes them: slow bodies wait their turn rather
// than all being held in memory at once.
func TestFetchSlotsBoundRequestsInFlight(t *testing.T) {
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		w.Write([]byte("issue"))
	}))
	defer srv.Close()
	slots := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := range 8 {
		f := &fetch.Fetcher{Slots: slots, Tries: 1}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Fetch(context.Background(), srv.URL+"/"+string(rune('a'+i))+".txt", bulletinfeed.RemoteFile{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := most.Load(); got > 2 {
		t.Errorf("%d requests in flight with 2 slots", got)
	}
	if len(slots) != 0 {
		t.Errorf("%d slots still held", len(slots))
	}
}
