package main

import (
	"context"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/server"
	"github.com/bulletinfeed/bulletinfeed/websub"
)

// serveHub is serve's WebSub hub: built before the feed handler, whose
// configuration names it, and the server, which serves its endpoint; run
// once the handler exists, which it reads feeds from and which reports
// changed feeds to it.
type serveHub struct {
	hub   *websub.Hub
	feeds *hubFeeds
	stop  context.CancelFunc
	done  chan struct{}
}

// hubFeeds gives the hub the feeds of the handler, set once it exists.
type hubFeeds struct {
	srv *feed.Handler
}

var _ websub.Feeds = (*hubFeeds)(nil)

func (f *hubFeeds) Feed(ctx context.Context, url string) (*bulletinfeed.FeedUpdate, error) {
	if f.srv == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Unavailable, "the server is starting")
	}
	fd, err := f.srv.Feed(ctx, url)
	if err != nil {
		return nil, err
	}
	return &bulletinfeed.FeedUpdate{Topic: fd.URL, ETag: fd.ETag, Version: fd.Version, ContentType: fd.ContentType, Link: fd.Link, Body: fd.Body}, nil
}

// openHub makes the hub the configuration asks for, if any, and points
// fc and sc at it: every feed names it and the outside hubs, and /websub
// is its endpoint. Outside hubs are named and pinged even with our own hub
// off.
func (m *serveMain) openHub(fc *feed.Config, sc *server.Config) error {
	w := m.cfg.WebSub
	if w.Hub {
		fc.Hubs = append(fc.Hubs, server.HubURL(m.cfg.BaseURL))
	}
	fc.Hubs = append(fc.Hubs, w.Hubs...)
	if !w.Hub && len(w.Hubs) == 0 {
		return nil
	}
	hc := w.HubConfig()
	hc.Log = m.log
	feeds := &hubFeeds{}
	hub, err := websub.New(m.db, feeds, hc)
	if err != nil {
		return usageErrorf("serve: websub: %v", err)
	}
	m.hub = &serveHub{hub: hub, feeds: feeds}
	if w.Hub {
		// Without it the hub only pings: no subscriber reaches it.
		sc.Hub = hub
	}
	return nil
}

// startHub runs the hub on the handler's feeds until stopHub, the handler
// telling it which feeds changed: before the server listens and the first
// refresh, so that no request finds the hub without them and no change
// goes untold.
func (m *serveMain) startHub(ctx context.Context) error {
	if m.hub == nil {
		return nil
	}
	m.hub.feeds.srv = m.feed
	hub := m.hub.hub
	m.feed.OnFeedsChanged(func(c feed.FeedsChanged) { hub.Notify(c.URLs) })
	for _, c := range m.hub.hub.Collectors() {
		if err := m.srv.Registerer().Register(c); err != nil {
			return fmt.Errorf("register the hub's metrics: %w", err)
		}
	}
	ctx, m.hub.stop = context.WithCancel(ctx)
	m.hub.done = make(chan struct{})
	go func() {
		defer close(m.hub.done)
		m.hub.hub.Run(ctx)
	}()
	return nil
}

// stopHub stops the hub and waits for its requests in flight, which
// hand back what they could not finish.
func (m *serveMain) stopHub() {
	if m.hub == nil || m.hub.stop == nil {
		return
	}
	m.hub.stop()
	<-m.hub.done
}
