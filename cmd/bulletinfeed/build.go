package main

import (
	"context"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func init() {
	register("build", "write the feeds and pages as static files for a plain web server", runBuild)
}

func runBuild(ctx context.Context, env *Env, args []string) error {
	start := time.Now()
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "build", "build --out DIR --base-url URL [--config FILE] [--db DSN] [--feed-items N] [--gzip] [--allow-shrink] [--allow-local]")
	cfg.BindStore(fs)
	cfg.BindPublication(fs)
	cfg.BindBuild(fs)
	cfg.BindLog(fs)
	allowShrink := fs.Bool("allow-shrink", false, "write the site even when it would remove more than half of the files the last build wrote (after deleting issues on purpose)")
	gzipCopies := fs.Bool("gzip", false, "write beside every text file a copy compressed at the best level, FILE.gz, for nginx's gzip_static or a CDN (unchanged copies are left as they are)")
	allowLocal := fs.Bool("allow-local", false, "build with a base URL on this machine (localhost, 127.0.0.1, ::1), for a preview: every link and feed GUID of the site names it")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("build: unexpected argument %q", fs.Arg(0))
	}
	if cfg.Out == "" {
		return usageErrorf("build: --out DIR is required")
	}
	if cfg.FeedItems <= 0 {
		return usageErrorf("build: --feed-items must be positive, got %d", cfg.FeedItems)
	}
	if cfg.BaseURL == "" {
		// A static site has no listening address to guess from, and feed
		// GUIDs are made from the base URL: a wrong one cannot be fixed
		// later without every item looking new to readers.
		return usageErrorf("build: a base URL is required (base_url in the configuration file, --base-url or BULLETINFEED_BASE_URL), such as https://news.example.org/bulletin/")
	}
	if host, local := config.LocalBaseURL(cfg.BaseURL); local && !*allowLocal {
		// The example configuration's base URL: a site built with it and
		// deployed links every page and feed item to the builder's
		// machine, and readers keep its GUIDs.
		return usageErrorf("build: the base URL %s names this machine (%s), so the deployed site would link to it and its feed GUIDs would have to change later: set base_url (or --base-url) to the public address, or give --allow-local for a local preview", cfg.BaseURL, host)
	}
	pubs, _, err := cfg.Resolve()
	if err != nil {
		return err
	}
	// The schedule still sets the feeds' ttl: it says how often whatever
	// rebuilds the site runs.
	ttl, err := config.ScheduleInterval(cfg.Schedule)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := syncServed(ctx, db, pubs, cfg, env.Log); err != nil {
		return err
	}
	// Embargoed issues whose time has come are released first; a static
	// site shows the next one only when built again after its time.
	release := &worker.Embargo{Log: env.Log}
	next, err := release.Check(ctx, db)
	if err != nil {
		return err
	}
	if !next.IsZero() && release.Failed() == nil {
		env.Log.Info("an embargoed issue waits: build again after its time", "publish_at", next.Format(time.RFC3339))
	}
	site, err := feed.Render(ctx, db, feedConfig(cfg, pubs, ttl, env.Log))
	if err != nil {
		return err
	}
	previous, removed, err := site.Shrink(ctx, cfg.Out)
	if err != nil {
		return err
	}
	if removed > previous/2 && !*allowShrink {
		return fmt.Errorf("build: the new site would remove %d of the %d files the last build wrote in %s; nothing was written (check --db and --publication; if issues were deleted on purpose, run again with --allow-shrink)",
			removed, previous, cfg.Out)
	}
	bar := newProgress(env.Stderr, 0)
	res, err := site.WriteDirWith(ctx, cfg.Out, feed.WriteOptions{
		Progress: func(done, total int) { bar.Set(done, total, "pages rendered") },
		Gzip:     *gzipCopies,
	})
	bar.Clear()
	if err != nil {
		return err
	}
	// The duration is the whole command's: the render of the feeds is a
	// small part of a build, most of which renders and writes pages.
	env.Log.Info("built site", "dir", cfg.Out, "files", res.Files, "rendered", res.Rendered, "written", res.Written, "removed", res.Removed,
		"store_version", site.Version, "duration", time.Since(start).Round(time.Millisecond))
	if release.Failed() != nil {
		// The site is written without the issue that could not be
		// released; the exit status says so.
		return fmt.Errorf("build: an embargoed issue due now could not be released: %w", release.Failed())
	}
	return nil
}
