package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// inboxes returns an inbox for every source of kind "inbox" of pubs,
// publishing to db and telling n. Inboxes are watched, not scheduled.
func inboxes(cfg config.Config, pubs []config.Publication, db *store.DB, n worker.Notifier, log *slog.Logger) []*worker.Inbox {
	var out []*worker.Inbox
	for _, p := range pubs {
		for _, s := range p.Sources {
			if s.Kind != "inbox" {
				continue
			}
			out = append(out, &worker.Inbox{
				Dir: s.Path, Publication: p.ID, Store: db, Notifier: n,
				// Replicas that share the folder take turns.
				Exclusive: db.TryExclusive,
				Options:   publicationOptions(cfg, p.ID, db), Log: log,
			})
		}
	}
	return out
}

// remoteSources returns the sources of pubs that the schedule paces
// (url, feed, page), publishing to db and telling n. The configuration
// has checked their URLs and patterns.
func remoteSources(cfg config.Config, pubs []config.Publication, db *store.DB, n worker.Notifier, log *slog.Logger) ([]worker.Scheduled, error) {
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
			r := worker.Remote{URL: s.URL, PublicationID: p.ID, Store: db, Notifier: n, Fetcher: fetcher,
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
// stored (its banners, its time zone), read from db at each call, so that
// an inbox started before the store could be opened works once it is.
func publicationOptions(cfg config.Config, id string, db *store.DB) func(context.Context) (source.Options, error) {
	return func(ctx context.Context) (source.Options, error) {
		pub, err := db.Publication(ctx, id)
		if err != nil {
			return source.Options{}, err
		}
		loc, err := time.LoadLocation(pub.TimeZone)
		if err != nil {
			return source.Options{}, err
		}
		return cfg.SourceOptions(pub.ID, pub.Banners, loc), nil
	}
}
