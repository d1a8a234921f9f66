package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// inboxes returns an inbox for every source of kind "inbox" of pubs,
// publishing to st and telling n. The other kinds are logged as not run
// by this version: the configuration accepts them, a later version runs
// them.
func inboxes(cfg Config, pubs []pubConfig, st worker.Store, n worker.Notifier, db func() (*store.DB, error), log *slog.Logger) []*worker.Inbox {
	var out []*worker.Inbox
	for _, p := range pubs {
		for _, s := range p.Sources {
			if s.Kind != "inbox" {
				log.Warn("source kind not yet supported by this version; skipped", "publication", p.ID, "kind", s.Kind, "url", s.URL)
				continue
			}
			out = append(out, &worker.Inbox{
				Dir: s.Path, Publication: p.ID, Store: st, Notifier: n,
				Options: publicationOptions(cfg, p.ID, db), Log: log,
			})
		}
	}
	return out
}

// publicationOptions returns the parse options of the publication id as
// stored (its banners, its time zone), read from the store db returns at
// each call, so that an inbox started before the store could be opened
// works once it is.
func publicationOptions(cfg Config, id string, db func() (*store.DB, error)) func(context.Context) (source.Options, error) {
	return func(ctx context.Context) (source.Options, error) {
		d, err := db()
		if err != nil {
			return source.Options{}, err
		}
		pub, err := d.Publication(ctx, id)
		if err != nil {
			return source.Options{}, err
		}
		loc, err := time.LoadLocation(pub.TimeZone)
		if err != nil {
			return source.Options{}, err
		}
		return cfg.sourceOptions(pub.Banners, loc), nil
	}
}

// sourceRunners runs the inboxes of a server until stopped.
type sourceRunners struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startSources runs each inbox in a goroutine of its own, and a refresher
// that renders the site at once when one has published.
func startSources(ctx context.Context, ins []*worker.Inbox, refresh *refreshNow) *sourceRunners {
	ctx, cancel := context.WithCancel(ctx)
	r := &sourceRunners{cancel: cancel}
	r.wg.Go(func() { refresh.run(ctx) })
	for _, in := range ins {
		r.wg.Go(func() { in.Run(ctx) })
	}
	return r
}

// stop stops the inboxes and waits for their running passes.
func (r *sourceRunners) stop() {
	r.cancel()
	r.wg.Wait()
}

// refreshNow is the worker.Notifier of serve: a publication makes the
// server render at once instead of at the watch's next check. Changes
// that come while it renders are rendered together after.
type refreshNow struct {
	target refresher
	log    *slog.Logger
	wake   chan struct{}
}

var _ worker.Notifier = (*refreshNow)(nil)

func newRefreshNow(target refresher, log *slog.Logger) *refreshNow {
	return &refreshNow{target: target, log: log, wake: make(chan struct{}, 1)}
}

// StoreChanged asks for a render without waiting for it.
func (r *refreshNow) StoreChanged() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// run renders on each request until ctx is done. A failure is left to
// the watch, which records and retries it.
func (r *refreshNow) run(ctx context.Context) {
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
