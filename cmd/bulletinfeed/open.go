package main

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // publication time zones resolve on hosts without a zoneinfo database

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Publication settings used when neither the store nor the configuration
// has one.
const (
	defaultTitle = "Bulletin"
	defaultLang  = "zh-CN"
)

// openStore opens the store of cfg and makes sure it holds the publication
// cfg.Publication: created with defaults if missing, and updated with the
// settings cfg gives (title, language, time zone, banners added). Settings
// cfg leaves empty keep their stored values. It returns the publication as
// stored; the caller closes the store.
func openStore(ctx context.Context, cfg Config, log *slog.Logger) (*store.DB, *bulletinfeed.Publication, error) {
	db, err := store.Open(ctx, cfg.DB, log)
	if err != nil {
		return nil, nil, err
	}
	pub, err := ensurePublication(ctx, db, cfg)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, pub, nil
}

func ensurePublication(ctx context.Context, db *store.DB, cfg Config) (*bulletinfeed.Publication, error) {
	pub, err := db.Publication(ctx, cfg.Publication)
	switch {
	case bulletinfeed.KindOf(err) == bulletinfeed.NotFound:
		pub = &bulletinfeed.Publication{ID: cfg.Publication, Title: defaultTitle, Lang: defaultLang}
	case err != nil:
		return nil, err
	}
	if cfg.Title != "" {
		pub.Title = cfg.Title
	}
	if cfg.Lang != "" {
		pub.Lang = cfg.Lang
	}
	if cfg.TZ != "" {
		pub.TimeZone = cfg.TZ
	}
	if pub.TimeZone == "" {
		pub.TimeZone = defaultTimeZone(pub.Lang)
	}
	if _, err := time.LoadLocation(pub.TimeZone); err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "publication %q: unknown time zone %q (want an IANA name such as Asia/Shanghai)", pub.ID, pub.TimeZone)
	}
	// Banners only accumulate: a banner given once stays known, since
	// later issues may print it again without it being repeated on the
	// command line.
	for _, b := range cfg.Sections {
		if !slices.Contains(pub.Banners, b) {
			pub.Banners = append(pub.Banners, b)
		}
	}
	if err := db.PutPublication(ctx, pub); err != nil {
		return nil, err
	}
	return pub, nil
}

// defaultTimeZone is where date-only issue dates are midnight when no
// zone is configured: China's for Chinese, else UTC.
func defaultTimeZone(lang string) string {
	if l := strings.ToLower(lang); l == "zh" || strings.HasPrefix(l, "zh-") || strings.HasPrefix(l, "zh_") {
		return "Asia/Shanghai"
	}
	return "UTC"
}
