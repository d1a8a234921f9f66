package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // publication time zones resolve on hosts without a zoneinfo database

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Publication settings used when neither the store nor the configuration
// has one.
const (
	defaultTitle = "Bulletin"
	defaultLang  = "zh-CN"
)

// createStore opens the store of cfg, creating it and bringing its schema
// up to date: what ingest, run-once, migrate and (for a store its
// configuration file names) serve do. The folder of the default store and
// of a store named in the configuration file is created: the file was
// written with care and `config example` names data/bulletinfeed.db. A
// folder named in --db or BULLETINFEED_DB must exist, so that a typing
// mistake fails instead of starting a new, empty store.
func createStore(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.DB, error) {
	if cfg.DBDefault || cfg.DBFromFile {
		if err := os.MkdirAll(filepath.Dir(cfg.DB), 0o755); err != nil {
			return nil, fmt.Errorf("create the folder of the store %s: %w", cfg.DB, err)
		}
	}
	return store.Open(ctx, cfg.DB, log)
}

// openExisting opens the store of cfg without creating it or changing its
// schema: what every command but ingest and migrate uses.
func openExisting(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.DB, error) {
	db, err := store.OpenExisting(ctx, cfg.DB, log)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		// Say which configuration led here: the usual cause is a command
		// run without the --config the previous one had.
		err = fmt.Errorf("%w (%s)", err, cfg.DescribeFile())
	}
	return db, err
}

// syncPublications makes the store hold each publication as configured and
// returns them as stored, in the same order.
func syncPublications(ctx context.Context, db *store.DB, pubs []config.Publication) ([]*bulletinfeed.Publication, error) {
	return putPublications(ctx, db, pubs)
}

// syncServed does what syncPublications does for serve and build, which
// show only the publications configured: a store that holds issues of a
// publication they would not show is refused, since the site would lose
// those pages (a configuration file added to a store made without one,
// whose publication is "default"). A configured publication with nothing
// stored yet is logged.
func syncServed(ctx context.Context, db *store.DB, pubs []config.Publication, cfg config.Config, log *slog.Logger) ([]*bulletinfeed.Publication, error) {
	counts, err := db.IssueCounts(ctx)
	if err != nil {
		return nil, err
	}
	served := map[string]bool{}
	for _, p := range pubs {
		served[p.ID] = true
		if counts[p.ID] == 0 {
			log.Warn("publication has no issue stored yet; its feeds are empty until one is ingested", "publication", p.ID)
		}
	}
	if cfg.File == "" || len(cfg.Publications) == 0 {
		// Without a file, one publication is served at a time, as a site
		// of its own (--publication): others in the store are not lost.
		return putPublications(ctx, db, pubs)
	}
	var missing []string
	for id, n := range counts {
		if n > 0 && !served[id] {
			missing = append(missing, fmt.Sprintf("%q (%d %s)", id, n, plural(n, "issue", "issues")))
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		how := "add a [[publication]] with that id to " + cfg.File + " (the first one keeps the site's root paths; a store made without a configuration file has the id \"default\"), or check --db"
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "the store holds issues of %s that this configuration does not serve, so the site would lose their pages: %s",
			strings.Join(missing, ", "), how)
	}
	return putPublications(ctx, db, pubs)
}

// putPublications writes each publication as configured.
func putPublications(ctx context.Context, db *store.DB, pubs []config.Publication) ([]*bulletinfeed.Publication, error) {
	out := make([]*bulletinfeed.Publication, 0, len(pubs))
	for _, pc := range pubs {
		p, err := ensurePublication(ctx, db, pc)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// ensurePublication creates the publication pc.ID with defaults if the
// store lacks it, and updates it with the settings pc gives. Without a
// configuration file, settings pc leaves empty keep their stored values
// and banners only accumulate; a publication of the file is what the file
// says, its section list included (a banner removed from the file is no
// longer used for new parses; existing sections keep their slugs).
func ensurePublication(ctx context.Context, db *store.DB, pc config.Publication) (*bulletinfeed.Publication, error) {
	pub, err := db.Publication(ctx, pc.ID)
	switch {
	case bulletinfeed.KindOf(err) == bulletinfeed.NotFound:
		pub = &bulletinfeed.Publication{ID: pc.ID, Title: defaultTitle, Lang: defaultLang}
	case err != nil:
		return nil, err
	}
	if pc.Title != "" {
		pub.Title = pc.Title
	}
	if pc.Lang != "" {
		pub.Lang = pc.Lang
	}
	if pc.TZ != "" {
		pub.TimeZone = pc.TZ
	}
	if pub.TimeZone == "" {
		pub.TimeZone = defaultTimeZone(pub.Lang)
	}
	if _, err := time.LoadLocation(pub.TimeZone); err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "publication %q: unknown time zone %q (want an IANA name such as Asia/Shanghai)", pub.ID, pub.TimeZone)
	}
	if pc.FromFile {
		pub.Description = pc.Description
		pub.DefaultSection = pc.DefaultSection
		pub.Banners = pc.Banners()
		names := map[string]string{}
		for _, s := range pc.Sections {
			if s.Name != "" && s.Name != s.Banner {
				names[s.Banner] = s.Name
			}
		}
		pub.SectionNames = nil
		if len(names) > 0 {
			pub.SectionNames = names
		}
	} else {
		for _, b := range pc.Banners() {
			if !slices.Contains(pub.Banners, b) {
				pub.Banners = append(pub.Banners, b)
			}
		}
	}
	if len(pub.Banners) == 0 {
		pub.Banners = nil
	}
	if err := db.PutPublication(ctx, pub); err != nil {
		return nil, err
	}
	for _, s := range pc.Sections {
		if s.Slug == "" {
			continue
		}
		if err := db.SetSectionSlug(ctx, pub.ID, s.Banner, s.Slug); err != nil {
			return nil, fmt.Errorf("publication %q: %w (a section keeps the slug it was first given: its feed URLs use it)", pub.ID, err)
		}
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

// retryable reports whether a failure to open the store may pass by
// itself, so that serve should wait for it rather than exit.
func retryable(err error) bool {
	return bulletinfeed.KindOf(err) == bulletinfeed.Unavailable
}
