package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Store checks of a running server. A check is one cheap query (the
// version counter, and on SQLite a stat of the file), so an ingest by
// another process is served within about checkEvery whatever the
// schedule, and a store that fails is retried with back-off up to
// checkBackoffMax rather than hammered. Four checks a second cost a few
// hundred microseconds of a core and keep the wait for a new issue well
// inside the one second it may take to appear.
const (
	checkEvery      = 250 * time.Millisecond
	checkBackoffMax = 10 * time.Second
)

// refresher is what the watch drives: feed.Server.Refresh, which checks
// the store's version and renders again only when it changed.
type refresher interface {
	Refresh(ctx context.Context) error
}

// storeWatch keeps a server's store open and its site current: it opens
// the store when serve started without it (a PostgreSQL that was down),
// then refreshes every checkEvery, backing off while the store fails. The
// server records each failure for /healthz; the watch logs it.
type storeWatch struct {
	slot   *storeSlot
	open   func(context.Context) (*store.DB, error) // opens the store
	target refresher
	log    *slog.Logger
	every  time.Duration
	max    time.Duration
}

// run checks until ctx is done.
func (w *storeWatch) run(ctx context.Context) {
	b := newBackoff(w.every, w.max)
	failing := false
	for {
		err := w.check(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := w.every
		switch {
		case err != nil:
			wait = b.Delay()
			w.log.Warn("store check failed; serving what was rendered and retrying", "err", err, "retry_in", wait.Round(time.Millisecond))
			failing = true
		case failing:
			w.log.Info("store check succeeded again")
			b.Reset()
			failing = false
		}
		if !sleep(ctx, wait) {
			return
		}
	}
}

// check opens the store if it is not open yet, then refreshes.
func (w *storeWatch) check(ctx context.Context) error {
	if w.slot.opened() == nil {
		db, err := w.open(ctx)
		if err != nil {
			w.slot.fail(err)
			// Record the failure where /healthz reads it.
			w.target.Refresh(ctx)
			return err
		}
		w.slot.set(db)
		w.log.Info("store opened")
	}
	return w.target.Refresh(ctx)
}

// retryable reports whether a failure to open the store may pass by
// itself, so that serve should wait for it rather than exit.
func retryable(err error) bool {
	return bulletinfeed.KindOf(err) == bulletinfeed.Unavailable
}
