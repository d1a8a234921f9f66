package websub

import (
	"context"
	"slices"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// announceRetry is how long the announcer waits before trying again the
// feeds it could not announce (a store that cannot be reached).
const announceRetry = 2 * time.Second

// announceLoop announces the feeds Notify reported, as they come.
func (h *Hub) announceLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.changed:
		}
		h.changesMu.Lock()
		urls := make([]string, 0, len(h.changes))
		for u := range h.changes {
			urls = append(urls, u)
		}
		clear(h.changes)
		h.changesMu.Unlock()
		slices.Sort(urls)
		if failed := h.announce(ctx, urls); len(failed) > 0 && ctx.Err() == nil {
			// Put them back unless a newer report has them already,
			// and come back to them.
			h.Notify(failed)
			select {
			case <-ctx.Done():
				return
			case <-time.After(announceRetry):
			}
		}
	}
}

// reportSubscribed reports every topic with an active subscription as
// changed, once, trying again while the store cannot list them. The
// server reports only the feeds it saw change while it ran, and may not
// report after a start those that changed while no hub ran (archive
// pages it had not rendered yet); the announcer compares each feed with
// what was last announced, so one unchanged sends nothing.
func (h *Hub) reportSubscribed(ctx context.Context) {
	for failures := 0; ; failures++ {
		topics, err := h.store.SubscribedTopics(ctx, nil, h.cfg.Now())
		if err == nil {
			if len(topics) > 0 {
				h.Notify(topics)
			}
			return
		}
		if ctx.Err() != nil {
			return
		}
		if failures == 0 {
			h.log.Warn("websub: cannot list subscribed topics to compare them with the feeds; trying again", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(announceRetry):
		}
	}
}

// announce records the new content of those of urls that anyone is told
// of (subscribers, or outside hubs for every feed) and wakes the
// deliverer when that enqueued deliveries. It returns the feeds to try
// again.
func (h *Hub) announce(ctx context.Context, urls []string) (failed []string) {
	if len(urls) == 0 {
		return nil // nil would ask the store for every subscribed topic
	}
	now := h.cfg.Now()
	topics := urls
	if len(h.cfg.Hubs) == 0 {
		var err error
		if topics, err = h.store.SubscribedTopics(ctx, urls, now); err != nil {
			h.log.Warn("websub: cannot read subscribed topics; trying again", "err", err)
			return urls
		}
	}
	enqueued := 0
	for _, t := range topics {
		u, err := h.feeds.Feed(ctx, t)
		if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
			continue // the feed is gone since: nothing to deliver
		}
		if err != nil {
			h.log.Warn("websub: cannot read changed feed; trying again", "topic", t, "err", err)
			failed = append(failed, t)
			continue
		}
		n, err := h.store.AnnounceFeed(ctx, u, h.cfg.Hubs, now)
		if err != nil {
			h.log.Warn("websub: cannot announce changed feed; trying again", "topic", t, "err", err)
			failed = append(failed, t)
			continue
		}
		if n > 0 {
			h.log.Info("websub: feed changed", "topic", t, "deliveries", n)
		}
		enqueued += n
	}
	if enqueued > 0 {
		signal(h.wake)
	}
	return failed
}
