package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// Store checks of a running server. A check is one cheap query (the
// version counter, and on SQLite a stat of the file), so an ingest by
// another process is served within about checkEvery whatever the
// schedule; on PostgreSQL a notification of the change (store.DB.Changes)
// triggers a check at once, and the poll remains for when the listening
// connection is down. A store that fails is retried with back-off up to
// checkBackoffMax rather than hammered. Four checks a second cost a few
// hundred microseconds of a core and keep the wait for a new issue well
// inside the one second it may take to appear.
const (
	checkEvery      = 250 * time.Millisecond
	checkBackoffMax = 10 * time.Second
)

// releaseTarget learns when the next embargoed issue appears, so that no
// response is cached past it: feed.Handler.
type releaseTarget interface {
	SetNextRelease(t time.Time)
}

// refresher is what the watch drives: feed.Handler.Refresh, which checks
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
	// changes, when set, replaces store.DB.Changes, for tests.
	changes func(context.Context, *store.DB) (<-chan struct{}, error)
	// embargo releases embargoed issues at their time, before the
	// refresh that serves them.
	embargo worker.Embargo
}

// run checks until ctx is done, at once when the store reports a change.
func (w *storeWatch) run(ctx context.Context) {
	b := newBackoff(w.every, w.max)
	failing := false
	var changes <-chan struct{}
	listening := false
	for {
		err := w.check(ctx)
		if ctx.Err() != nil {
			return
		}
		if db := w.slot.opened(); db != nil && !listening {
			listening = true
			changes = w.listen(ctx, db)
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
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case _, ok := <-changes:
			if !ok {
				changes = nil // closed: only the poll is left
			}
		case <-t.C:
		}
		t.Stop()
	}
}

// listen asks the store for a channel of its changes, nil when it offers
// none (SQLite) or the asking failed, which only leaves the poll.
func (w *storeWatch) listen(ctx context.Context, db *store.DB) <-chan struct{} {
	changes := w.changes
	if changes == nil {
		changes = func(ctx context.Context, db *store.DB) (<-chan struct{}, error) { return db.Changes(ctx) }
	}
	ch, err := changes(ctx, db)
	if err != nil {
		w.log.Warn("cannot listen for store changes; polling only", "err", err, "every", w.every)
		return nil
	}
	if ch != nil {
		w.log.Info("listening for store changes", "poll_every", w.every)
	}
	return ch
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
	if w.embargo.Log == nil {
		w.embargo.Log = w.log
	}
	next, releaseErr := w.embargo.Check(ctx, w.slot.opened())
	// The refresh runs even when the store failed the release: it is
	// what records the store's fault for /healthz.
	if err := w.target.Refresh(ctx); err != nil {
		// The cap stays where it was: after a release, the pages in
		// memory do not show the issue yet and must not be cached.
		return err
	}
	if releaseErr != nil {
		return releaseErr
	}
	// Only now that the site shows what was released is the max-age
	// allowed past its time.
	if t, ok := w.target.(releaseTarget); ok {
		t.SetNextRelease(next)
	}
	return nil
}

// retryable reports whether a failure to open the store may pass by
// itself, so that serve should wait for it rather than exit.
func retryable(err error) bool {
	return bulletinfeed.KindOf(err) == bulletinfeed.Unavailable
}
