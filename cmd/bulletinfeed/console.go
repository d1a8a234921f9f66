package main

import (
	"context"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// console returns serve's editors' console, on the store of its slot. It
// parses an upload with the options ingest gives a file of the same
// publication (its stored banners, zone and limits), so that what the
// editor previews is what publishing stores. Publishing needs no
// notifier: the watch sees the store's new version within checkEvery.
func (m *serveMain) console(pubs []pubConfig) *admin.Handler {
	ps := make([]admin.Publication, len(pubs))
	for i, p := range pubs {
		ps[i] = admin.Publication{ID: p.ID, Title: p.Title}
		if ps[i].Title == "" {
			ps[i].Title = p.ID
		}
	}
	return admin.New(admin.Config{
		Store: func() (admin.Store, error) {
			db, err := m.slot.get()
			if err != nil {
				return nil, err
			}
			return db, nil
		},
		Publications: ps,
		ParseOptions: func(ctx context.Context, pubID string) (source.Options, error) {
			db, err := m.slot.get()
			if err != nil {
				return source.Options{}, err
			}
			pub, err := db.Publication(ctx, pubID)
			if err != nil {
				return source.Options{}, err
			}
			loc, err := time.LoadLocation(pub.TimeZone)
			if err != nil {
				return source.Options{}, fmt.Errorf("publication %s: time zone: %w", pubID, err)
			}
			return m.cfg.sourceOptions(pubID, pub.Banners, loc), nil
		},
		BaseURL: m.cfg.BaseURL,
		MaxSize: m.cfg.MaxSize,
		Log:     m.log,
	})
}
