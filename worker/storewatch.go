package worker

import (
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// Store checks of a running server. A check is one cheap query (the
// version counter, and on SQLite a stat of the file), so an ingest by
// another process is served within about CheckEvery whatever the
// schedule; on PostgreSQL a notification of the change (store.DB.Changes)
// triggers a check at once, and the poll remains for when the listening
// connection is down. A store that fails is retried with back-off up to
// CheckBackoffMax rather than hammered. Four checks a second cost a few
// hundred microseconds of a core and keep the wait for a new issue well
// inside the one second it may take to appear.
const (
	CheckEvery      = 250 * time.Millisecond
	CheckBackoffMax = 10 * time.Second
)

// ReleaseTarget learns when the next embargoed issue appears, so that no
// response is cached past it: the feed server.
type ReleaseTarget interface {
	SetNextRelease(t time.Time)
}

// Refresher is what the watch drives: the feed server's Refresh, which
// checks the store's version and renders again only when it changed.
type Refresher interface {
	Refresh(ctx context.Context) error
}

// StoreWatch keeps a server's store open and its site current: it opens
// the store when serve started without it (a PostgreSQL that was down),
// then refreshes every Every, backing off while the store fails. The
// server records each failure for /healthz; the watch logs it.
type StoreWatch struct {
	// Store is the server's store, of store.Later while it could not be
	// opened: the watch hands it what Open opens.
	Store *store.DB
	// Open opens the store as the server requires (created, migrated,
	// its publications synchronised).
	Open   func(context.Context) (*store.DB, error)
	Target Refresher
	Log    *slog.Logger
	// Every is the pace of the checks (CheckEvery if zero), Max the
	// longest back-off (CheckBackoffMax if zero).
	Every, Max time.Duration
	// Changes, when set, replaces store.DB.Changes, for tests.
	Changes func(context.Context, *store.DB) (<-chan struct{}, error)
	// Embargo releases embargoed issues at their time, before the
	// refresh that serves them.
	Embargo Embargo
}

// Run checks until ctx is done, at once when the store reports a change.
func (w *StoreWatch) Run(ctx context.Context) {
	every, most := w.Every, w.Max
	if every <= 0 {
		every = CheckEvery
	}
	if most <= 0 {
		most = CheckBackoffMax
	}
	b := NewBackoff(every, most)
	failing := false
	var changes <-chan struct{}
	listening := false
	for {
		err := w.Check(ctx)
		if ctx.Err() != nil {
			return
		}
		if w.Store.IsOpen() && !listening {
			listening = true
			changes = w.listen(ctx, every)
		}
		wait := every
		switch {
		case err != nil:
			wait = b.Delay()
			w.Log.Warn("store check failed; serving what was rendered and retrying", "err", err, "retry_in", wait.Round(time.Millisecond))
			failing = true
		case failing:
			w.Log.Info("store check succeeded again")
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
func (w *StoreWatch) listen(ctx context.Context, every time.Duration) <-chan struct{} {
	changes := w.Changes
	if changes == nil {
		changes = func(ctx context.Context, db *store.DB) (<-chan struct{}, error) { return db.Changes(ctx) }
	}
	ch, err := changes(ctx, w.Store)
	if err != nil {
		w.Log.Warn("cannot listen for store changes; polling only", "err", err, "every", every)
		return nil
	}
	if ch != nil {
		w.Log.Info("listening for store changes", "poll_every", every)
	}
	return ch
}

// Check opens the store if it is not open yet, releases what is due, then
// refreshes.
func (w *StoreWatch) Check(ctx context.Context) error {
	if !w.Store.IsOpen() {
		db, err := w.Open(ctx)
		if err != nil {
			w.Store.Fail(err)
			// Record the failure where /healthz reads it.
			w.Target.Refresh(ctx)
			return err
		}
		if err := w.Store.Take(db); err != nil {
			w.Log.Warn("closing the store opened for the watch", "err", err)
		}
		w.Log.Info("store opened")
	}
	if w.Embargo.Log == nil {
		w.Embargo.Log = w.Log
	}
	next, releaseErr := w.Embargo.Check(ctx, w.Store)
	// The refresh runs even when the store failed the release: it is
	// what records the store's fault for /healthz.
	if err := w.Target.Refresh(ctx); err != nil {
		// The cap stays where it was: after a release, the pages in
		// memory do not show the issue yet and must not be cached.
		return err
	}
	if releaseErr != nil {
		return releaseErr
	}
	// Only now that the site shows what was released is the max-age
	// allowed past its time.
	if t, ok := w.Target.(ReleaseTarget); ok {
		t.SetNextRelease(next)
	}
	return nil
}
