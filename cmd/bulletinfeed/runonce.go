package main

import (
	"context"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func init() {
	register("run-once", "run one pass of every source of the configuration and exit, for system cron or a CI job", runRunOnce)
}

// runOnceSettle is how long run-once watches each inbox file before it
// reads it: a file whose size or modification time changes meanwhile is
// still being written and is left for the next run.
const runOnceSettle = time.Second

func runRunOnce(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "run-once", "run-once [--config FILE] [--db DSN] [--settle DURATION]")
	cfg.BindStore(fs)
	cfg.BindLog(fs)
	fs.DurationVar(&cfg.Wait, "wait", cfg.Wait, "how long to retry, with back-off, while the store cannot be reached (0: fail at once)")
	settle := fs.Duration("settle", runOnceSettle, "how long an inbox file must keep its size and modification time to be read")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("run-once: unexpected argument %q", fs.Arg(0))
	}
	if *settle <= 0 {
		return usageErrorf("run-once: --settle must be positive, got %s", *settle)
	}
	pubs, _, err := cfg.Resolve()
	if err != nil {
		return err
	}
	// The sources first, on the store not opened yet: a run with nothing
	// to do must not leave a new, empty store behind.
	db, err := store.Later(cfg.DB, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	ins := inboxes(cfg, pubs, db, nil, env.Log)
	remote, err := remoteSources(cfg, pubs, db, nil, env.Log)
	if err != nil {
		return err
	}
	if len(ins) == 0 && len(remote) == 0 {
		fmt.Fprintln(env.Stdout, "run-once: the configuration has no source")
		return nil
	}
	err = retryUnavailable(ctx, cfg.Wait, env.Log, "open store", func() error {
		opened, err := createStore(ctx, cfg, env.Log)
		if err != nil {
			return err
		}
		if _, err := syncPublications(ctx, opened, pubs); err != nil {
			opened.Close()
			return err
		}
		return db.Take(opened)
	})
	if err != nil {
		return err
	}

	// Embargoed issues whose time has come are released here too, for a
	// site built by run-once and build without a server running.
	release := &worker.Embargo{Log: env.Log}
	if _, err := release.Check(ctx, db); err != nil {
		return err
	}

	var total worker.PassResult
	broken := 0
	for _, in := range ins {
		// No notifier: a server in another process notices the store's
		// change by itself.
		in.Settle = *settle
		res, err := in.RunOnce(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			env.Log.Error("source failed", "publication", in.Publication, "kind", "inbox", "inbox", in.Dir, "err", err)
			broken++
		}
		total.Published += res.Published
		total.Failed += res.Failed
		total.Waiting += res.Waiting
		total.Retry += res.Retry
	}
	sched := &worker.Scheduler{States: db, Log: env.Log}
	for _, src := range remote {
		res, ran, err := sched.RunOnce(ctx, src)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case err != nil:
			env.Log.Error("source failed", "publication", src.Publication, "source", src.ID, "err", err)
			broken++
		case !ran:
			// Not run is not done: a lease a crashed process left would
			// otherwise make every cron run exit 0 having done nothing.
			env.Log.Error("source not run: another process holds it", "publication", src.Publication, "source", src.ID)
			broken++
		}
		total.Published += res.Published
		total.Failed += res.Failed
		total.Retry += res.Retry
	}
	n := len(ins) + len(remote)
	fmt.Fprintf(env.Stdout, "run-once: %d %s, %d published, %d failed, %d waiting, %d left for the next run, %d %s failed\n",
		n, plural(n, "source", "sources"), total.Published, total.Failed, total.Waiting, total.Retry, broken, plural(broken, "source", "sources"))
	if release.Failed() != nil {
		return fmt.Errorf("run-once: an embargoed issue due now could not be released: %w", release.Failed())
	}
	if total.Failed > 0 || broken > 0 {
		return fmt.Errorf("run-once: %d %s failed, %d %s failed", total.Failed, plural(total.Failed, "file", "files"), broken, plural(broken, "source", "sources"))
	}
	return nil
}
