package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// inboxes returns an inbox for every source of kind "inbox" of pubs,
// publishing to st and telling n. Inboxes are watched, not scheduled.
func inboxes(cfg Config, pubs []pubConfig, st worker.Store, n worker.Notifier, db func() (*store.DB, error), log *slog.Logger) []*worker.Inbox {
	var out []*worker.Inbox
	for _, p := range pubs {
		for _, s := range p.Sources {
			if s.Kind != "inbox" {
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

// remoteSources returns the sources of pubs that the schedule paces
// (url, feed, page), publishing to st and telling n. The configuration
// has checked their URLs and patterns.
func remoteSources(cfg Config, pubs []pubConfig, st worker.RemoteStore, n worker.Notifier, db func() (*store.DB, error), log *slog.Logger) ([]worker.Scheduled, error) {
	// A source's own host may be on a private network (an office's
	// intranet); what its feed, page and redirects point at may not,
	// unless it is that same host and port: another source's intranet
	// host is no more this source's to reach than any other.
	// Every fetcher shares the slots, which bound the bodies in memory;
	// an issue file may be at most max_size, as if it were read from disk.
	slots := make(chan struct{}, fetch.DefaultFetchSlots)
	ua := fetch.UserAgent(version(), cfg.BaseURL)
	var out []worker.Scheduled
	for _, p := range pubs {
		for i, s := range p.Sources {
			if s.Kind == "inbox" {
				continue
			}
			own, err := fetch.HostPort(s.URL)
			if err != nil {
				return nil, usageErrorf("publication %s: source %s: %v", p.ID, s.URL, err)
			}
			fetcher := &fetch.Fetcher{UserAgent: ua, Log: log, MaxBytes: cfg.MaxSize, Slots: slots,
				AllowedPrivate: func(hostport string) bool { return hostport == own }}
			r := worker.Remote{URL: s.URL, PublicationID: p.ID, Store: st, Notifier: n, Fetcher: fetcher,
				Options: publicationOptions(cfg, p.ID, db), Log: log}
			var src interface {
				ID() string
				Pass(context.Context) (worker.PassResult, error)
			}
			switch s.Kind {
			case "url":
				src = &worker.URLSource{Remote: r}
			case "feed":
				src = &worker.FeedSource{Remote: r}
			case "page":
				page, err := worker.NewPageSource(r, s.Selector, s.Pattern)
				if err != nil {
					return nil, usageErrorf("publication %s: page source %s: %v", p.ID, s.URL, err)
				}
				src = page
			default:
				continue
			}
			out = append(out, worker.Scheduled{Publication: p.ID, ID: src.ID(), Kind: s.Kind, Pass: src.Pass,
				Name: fmt.Sprintf("%s source %d", s.Kind, i+1)})
		}
	}
	return out, nil
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
		return cfg.sourceOptions(pub.ID, pub.Banners, loc), nil
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
