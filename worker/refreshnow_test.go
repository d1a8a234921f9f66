package worker_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// A publication makes the server render at once; changes told while it
// renders are rendered together after, not once each.
func TestRefreshNow(t *testing.T) {
	started := make(chan struct{}, 16)
	release := make(chan struct{})
	r := worker.NewRefreshNow(refreshFunc(func(ctx context.Context) error {
		started <- struct{}{}
		<-release
		return nil
	}), slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx)
	}()
	r.StoreChanged()
	select {
	case <-started:
	case <-time.After(2 * time.Second):
		t.Fatal("no render after StoreChanged")
	}
	// Three changes while the first render runs make one more render.
	r.StoreChanged()
	r.StoreChanged()
	r.StoreChanged()
	close(release)
	select {
	case <-started:
	case <-time.After(2 * time.Second):
		t.Fatal("the changes told during a render were not rendered after it")
	}
	select {
	case <-started:
		t.Fatal("one render per change told during a render; want them merged")
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop with its context")
	}
}
