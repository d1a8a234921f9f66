package main

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

func init() {
	register("build", "write the feeds and pages as static files for a plain web server", runBuild)
}

func runBuild(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env.Getenv)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "build", "build --out DIR [--db DSN] [--base-url URL] [--feed-items N]")
	cfg.bindStore(fs)
	cfg.bindPublication(fs)
	cfg.bindBuild(fs)
	if err := parseFlags(env, fs, args); err != nil {
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
	// The schedule still sets the feeds' ttl: it says how often whatever
	// rebuilds the site runs.
	ttl, err := scheduleInterval(cfg.Schedule)
	if err != nil {
		return err
	}
	db, _, err := openStore(ctx, cfg, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	site, err := feed.Render(ctx, db, feedConfig(cfg, ttl, env.Log))
	if err != nil {
		return err
	}
	n, err := site.WriteDir(cfg.Out)
	if err != nil {
		return err
	}
	env.Log.Info("built site", "dir", cfg.Out, "files", n, "store_version", site.Version, "duration", site.Duration)
	return nil
}
