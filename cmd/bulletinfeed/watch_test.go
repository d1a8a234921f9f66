package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// refreshFunc adapts a function to the watch's refresher.
type refreshFunc func(ctx context.Context) error

func (f refreshFunc) Refresh(ctx context.Context) error { return f(ctx) }

// TestStoreWatch: the watch opens a store that was down at start once it
// can be reached, backs off while refreshes fail (never faster than the
// delays allow), comes back to its pace after a success, and stops with
// its context.
func TestStoreWatch(t *testing.T) {
	down := bulletinfeed.Errorf(bulletinfeed.Unavailable, "database unavailable")
	var mu sync.Mutex
	var opens, refreshes []time.Time
	slot := &storeSlot{}
	w := &storeWatch{
		slot: slot,
		open: func(ctx context.Context) (*store.DB, error) {
			mu.Lock()
			defer mu.Unlock()
			opens = append(opens, time.Now())
			if len(opens) < 3 {
				return nil, down
			}
			return store.Open(ctx, t.TempDir()+"/bulletinfeed.db", nil)
		},
		target: refreshFunc(func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			if slot.opened() == nil {
				return nil // the failed open is recorded, not a refresh
			}
			refreshes = append(refreshes, time.Now())
			if len(refreshes) <= 2 {
				return errors.New("database is locked")
			}
			return nil
		}),
		log:   slog.New(slog.DiscardHandler),
		every: 20 * time.Millisecond,
		max:   80 * time.Millisecond,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx)
	}()
	time.Sleep(600 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("the watch did not stop with its context")
	}
	mu.Lock()
	defer mu.Unlock()
	if db := slot.opened(); db == nil {
		t.Fatal("the store was never opened")
	} else {
		db.Close()
	}
	if len(opens) != 3 {
		t.Errorf("%d opens, want 3: two failures, then one success", len(opens))
	}
	// Back-off: the gaps after failures grow (20, 40 ms, plus jitter).
	if gap := opens[2].Sub(opens[1]); gap < 40*time.Millisecond {
		t.Errorf("second retry after %v, want at least 40ms", gap)
	}
	if len(refreshes) < 5 {
		t.Fatalf("%d refreshes in 600ms, want the watch to go on after the failures", len(refreshes))
	}
	// After the success the pace is back to every, not the backed-off max.
	last := refreshes[len(refreshes)-1].Sub(refreshes[len(refreshes)-2])
	if last > 60*time.Millisecond {
		t.Errorf("gap between healthy refreshes %v, want about 20ms", last)
	}
	// An error that is not Unavailable is not worth waiting for at start.
	if retryable(errors.New("permission denied")) || !retryable(down) {
		t.Error("retryable: only Unavailable errors are retried")
	}
}
