package main

import (
	"context"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// console returns serve's editors' console, on serve's store. It
// parses an upload with the options ingest gives a file of the same
// publication (its stored banners, zone and limits), so that what the
// editor previews is what publishing stores. Publishing needs no
// notifier: the watch sees the store's new version within worker.CheckEvery.
func (m *serveMain) console(pubs []config.Publication, baseURL string) *admin.Handler {
	ps := make([]admin.Publication, len(pubs))
	inboxes, remotes := map[string][]string{}, map[string][]string{}
	for i, p := range pubs {
		for _, s := range p.Sources {
			switch s.Kind {
			case "inbox":
				inboxes[p.ID] = append(inboxes[p.ID], s.Path)
			case "url", "feed", "page":
				// The id the schedule records the source's state under.
				remotes[p.ID] = append(remotes[p.ID], s.Kind+":"+s.URL)
			}
		}
		ps[i] = admin.Publication{ID: p.ID, Title: p.Title}
		if ps[i].Title == "" {
			ps[i].Title = p.ID
		}
	}
	return admin.New(admin.Config{
		Store:        func() (admin.Store, error) { return m.db, nil },
		Publications: ps,
		Inboxes:      inboxes,
		Sources:      remotes,
		ParseOptions: func(ctx context.Context, pubID string) (source.Options, error) {
			pub, err := m.db.Publication(ctx, pubID)
			if err != nil {
				return source.Options{}, err
			}
			loc, err := time.LoadLocation(pub.TimeZone)
			if err != nil {
				return source.Options{}, fmt.Errorf("publication %s: time zone: %w", pubID, err)
			}
			return m.cfg.SourceOptions(pubID, pub.Banners, loc), nil
		},
		BaseURL: baseURL,
		MaxSize: m.cfg.MaxSize,
		Log:     m.log,
	})
}
