package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func init() {
	register("ingest", "parse issue files and store them; a changed file revises its issue", runIngest)
}

func runIngest(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "ingest", "ingest [flags] FILE|DIR...")
	cfg.BindStore(fs)
	cfg.BindPublication(fs)
	cfg.BindParse(fs)
	cfg.BindLog(fs)
	fs.DurationVar(&cfg.Wait, "wait", cfg.Wait, "how long to retry, with back-off, while the store cannot be reached (0: fail at once)")
	// The flags that change how one file is stored fill the job that every
	// file's job is copied from.
	var opt worker.Job
	fs.BoolVar(&opt.Force, "force", false, "store again even when a file's bytes and its articles are unchanged (a changed section list is stored again without it)")
	fs.StringVar(&opt.Revise, "revise", "", "store the one FILE as a revision of the stored issue `KEY`, whatever its file name and date")
	fs.StringVar(&opt.Key, "key", "", "give the one FILE the issue `KEY` instead of the one of its \"Issue:\" header or file name")
	publishAt := fs.String("publish-at", "", "keep the issues back from every feed and page until `TIME` (2026-12-01T08:00+08:00, or 2026-12-01 08:00 in the publication's zone), as a \"Publish:\" line does; \"now\" publishes at once")
	allowPast := fs.Bool("allow-past", false, "accept a --publish-at time in the past (the issue is published at once)")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("ingest: want at least one FILE or DIR")
	}
	if opt.Revise != "" && opt.Key != "" {
		return usageErrorf("ingest: give --revise KEY or --key KEY, not both")
	}
	if (opt.Revise != "" || opt.Key != "") && fs.NArg() != 1 {
		return usageErrorf("ingest: --revise and --key apply to one FILE, got %d arguments", fs.NArg())
	}
	for _, k := range []string{opt.Revise, opt.Key} {
		if k != "" {
			if err := bulletinfeed.CheckKey(k); err != nil {
				return usageErrorf("ingest: %v", err)
			}
		}
	}
	pubs, at, err := cfg.Resolve()
	if err != nil {
		return err
	}
	// The arguments first: a run that has nothing to ingest must not
	// leave a new, empty store behind.
	files, bad, empty := ingestFiles(fs.Args())
	if (opt.Revise != "" || opt.Key != "") && (len(files) != 1 || len(bad) != 0) {
		return usageErrorf("ingest: --revise and --key apply to one FILE, not to a folder")
	}
	if len(files) == 0 && len(bad) > 0 {
		for _, b := range bad {
			env.Log.Error("ingest failed", "file", b.path, "err", b.err)
		}
		fmt.Fprintf(env.Stdout, "ingested: 0 new, 0 revised, 0 unchanged, %d failed\n", len(bad))
		return fmt.Errorf("ingest: %d of %d files failed", len(bad), len(bad))
	}

	var (
		db  *store.DB
		pub *bulletinfeed.Publication
	)
	err = retryUnavailable(ctx, cfg.Wait, env.Log, "open store", func() error {
		var err error
		if db, err = createStore(ctx, cfg, env.Log); err != nil {
			return err
		}
		stored, err := syncPublications(ctx, db, pubs)
		if err != nil {
			db.Close()
			return err
		}
		pub = stored[at]
		return nil
	})
	if err != nil {
		return err
	}
	defer db.Close()
	loc, err := time.LoadLocation(pub.TimeZone)
	if err != nil {
		return err // ensurePublication has checked it
	}
	opts := cfg.SourceOptions(pub.ID, pub.Banners, loc)
	if *publishAt != "" {
		if opt.PublishAt, err = worker.ParsePublishAt(*publishAt, loc, time.Now(), *allowPast); err != nil {
			if errors.As(err, new(*worker.PastError)) {
				return usageErrorf("ingest: --publish-at: %v: check the date, or give --publish-at now, or --allow-past", err)
			}
			return usageErrorf("ingest: --publish-at: %v", err)
		}
	}

	for _, d := range empty {
		env.Log.Warn("no .txt files in directory", "dir", d)
	}
	var n ingestCounts
	bar := newProgress(env.Stderr, len(files)+len(bad))
	fail := func(name string, err error) {
		n.failed++
		bar.Clear()
		env.Log.Error("ingest failed", "file", name, "err", err)
	}
	for _, b := range bad {
		fail(b.path, b.err)
		bar.Step(b.path)
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		job := opt
		job.Publication, job.Path, job.Parse, job.Log = pub.ID, f, opts, env.Log
		var res *worker.Result
		err := retryUnavailable(ctx, cfg.Wait, env.Log, "ingest "+f, func() error {
			var err error
			res, err = worker.Publish(ctx, db, nil, job)
			return err
		})
		switch {
		case errors.As(err, new(*store.DuplicateError)):
			// Like an unchanged file, under another name: nothing to do,
			// and no failure; the message says how to store it anyway.
			n.duplicate++
			bar.Clear()
			env.Log.Warn("not stored: a copy of a stored issue", "file", f, "err", err)
		case err != nil:
			fail(f, err)
		default:
			warnMissingBanners(env.Log, f, res.MissingBanners)
			n.add(res.Status)
			if res.Status == store.Scheduled {
				bar.Clear()
				env.Log.Info("scheduled: kept back from every feed and page until its time", "file", f, "issue", res.Issue.Key,
					"publish_at", res.Issue.PublishAt.In(loc).Format(time.RFC3339), "articles", len(res.Issue.Articles))
			} else if !bar.Active() {
				env.Log.Info("ingested", "file", f, "issue", res.Issue.Key, "status", string(res.Status),
					"articles", len(res.Issue.Articles), "added", res.Added, "changed", res.Changed, "removed", res.Removed, "method", res.Method)
			}
		}
		bar.Step(f)
	}
	bar.Clear()
	fmt.Fprintf(env.Stdout, "ingested: %d new, %d revised, %d unchanged, %d failed", n.new, n.revised, n.unchanged, n.failed)
	if n.scheduled > 0 {
		fmt.Fprintf(env.Stdout, ", %d scheduled (see \"bulletinfeed issues\")", n.scheduled)
	}
	if n.duplicate > 0 {
		fmt.Fprintf(env.Stdout, ", %d not stored again (copies of stored issues)", n.duplicate)
	}
	fmt.Fprintln(env.Stdout)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ingest interrupted: %w", err)
	}
	if n.failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", n.failed, len(files)+len(bad))
	}
	return nil
}

// warnMissingBanners logs each configured banner that an issue does not
// print.
func warnMissingBanners(log *slog.Logger, path string, missing []string) {
	for _, b := range missing {
		log.Warn("configured banner not found in issue", "file", path, "banner", b)
	}
}

type ingestCounts struct{ new, revised, unchanged, scheduled, duplicate, failed int }

func (n *ingestCounts) add(s store.Status) {
	switch s {
	case store.New:
		n.new++
	case store.Revised:
		n.revised++
	case store.Unchanged:
		n.unchanged++
	case store.Scheduled:
		n.scheduled++
	}
}

// badPath is a command-line path that cannot be ingested.
type badPath struct {
	path string
	err  error
}

// ingestFiles expands the command-line paths: a directory stands for its
// .txt and .pdf files in name order (not its subdirectories). A path given twice is
// ingested once. Paths that cannot be read come back as bad, to be counted
// as failures while the others go on; directories without .txt files come
// back as empty, which is no failure (an inbox may be empty).
func ingestFiles(paths []string) (files []string, bad []badPath, empty []string) {
	seen := make(map[string]bool)
	add := func(p string) {
		if key := filepath.Clean(p); !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			bad = append(bad, badPath{p, cleanPathError(err)})
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				// A FIFO, a device or a socket: never opened, so a named
				// pipe cannot hold the command (the inbox refuses them too).
				bad = append(bad, badPath{p, fmt.Errorf("not a regular file (%s): only issue files are read", st.Mode().Type())})
				continue
			}
			add(p)
			continue
		}
		entries, err := os.ReadDir(p) // sorted by name
		if err != nil {
			bad = append(bad, badPath{p, cleanPathError(err)})
			continue
		}
		found := false
		for _, e := range entries {
			if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".txt" || ext == ".pdf") {
				path := filepath.Join(p, e.Name())
				if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
					bad = append(bad, badPath{path, fmt.Errorf("not a regular file (%s): only issue files are read", st.Mode().Type())})
					continue
				}
				add(path)
				found = true
			}
		}
		if !found {
			empty = append(empty, p)
		}
	}
	return files, bad, empty
}

// cleanPathError drops the path from an *os.PathError: the log line names
// the file already.
func cleanPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Back-off of ingest while the store cannot be reached.
const (
	retryFirst = 500 * time.Millisecond
	retryMax   = 10 * time.Second
)

// retryUnavailable runs f, and runs it again with back-off while it fails
// because the store cannot be reached (a PostgreSQL restarting), for at
// most wait from the first failure. Other failures, a full disk among
// them, are returned at once: retrying would not help. The ingest of one
// file is one transaction, so running it again is safe.
func retryUnavailable(ctx context.Context, wait time.Duration, log *slog.Logger, what string, f func() error) error {
	var deadline time.Time
	b := worker.NewBackoff(retryFirst, retryMax)
	for {
		err := f()
		if err == nil || !retryable(err) {
			return err
		}
		now := time.Now()
		if deadline.IsZero() {
			deadline = now.Add(wait)
		}
		d := b.Delay()
		if now.Add(d).After(deadline) {
			return fmt.Errorf("%w (gave up after --wait %s)", err, wait)
		}
		log.Warn("store unavailable; retrying", "op", what, "err", err, "retry_in", d.Round(time.Millisecond))
		if !worker.Sleep(ctx, d) {
			return err
		}
	}
}
