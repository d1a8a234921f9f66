package worker

import (
	"context"
	"log/slog"
	"sync"
)

// Inboxes runs the inboxes of a server until stopped.
type Inboxes struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// StartInboxes runs each inbox in a goroutine of its own, and refresh,
// which renders the site at once when one has published.
func StartInboxes(ctx context.Context, ins []*Inbox, refresh *RefreshNow) *Inboxes {
	ctx, cancel := context.WithCancel(ctx)
	r := &Inboxes{cancel: cancel}
	r.wg.Go(func() { refresh.Run(ctx) })
	for _, in := range ins {
		r.wg.Go(func() { in.Run(ctx) })
	}
	return r
}

// Stop stops the inboxes and waits for their running passes.
func (r *Inboxes) Stop() {
	r.cancel()
	r.wg.Wait()
}

// RefreshNow is the Notifier of a server: a publication makes the server
// render at once instead of at the StoreWatch's next check. Changes that
// come while it renders are rendered together after.
type RefreshNow struct {
	target Refresher
	log    *slog.Logger
	wake   chan struct{}
}

var _ Notifier = (*RefreshNow)(nil)

// NewRefreshNow returns a notifier that refreshes target.
func NewRefreshNow(target Refresher, log *slog.Logger) *RefreshNow {
	return &RefreshNow{target: target, log: log, wake: make(chan struct{}, 1)}
}

// StoreChanged asks for a render without waiting for it.
func (r *RefreshNow) StoreChanged() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run renders on each request until ctx is done. A failure is left to
// the StoreWatch, which records and retries it.
func (r *RefreshNow) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
			if err := r.target.Refresh(ctx); err != nil && ctx.Err() == nil {
				r.log.Debug("render after a publication failed; the watch retries", "err", err)
			}
		}
	}
}
