package main

import (
	"context"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
)

func init() {
	register("migrate", "bring an existing store's schema up to date for this version", runMigrate)
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "migrate", "migrate [--config FILE] [--db DSN]")
	cfg.BindStore(fs)
	cfg.BindLog(fs)
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("migrate: unexpected argument %q", fs.Arg(0))
	}
	// A store that is not there is not made here: only ingest creates one.
	db, err := openExisting(ctx, cfg, env.Log)
	switch {
	case err == nil:
		db.Close()
		fmt.Fprintf(env.Stdout, "store is up to date\n")
		return nil
	case bulletinfeed.KindOf(err) != bulletinfeed.Invalid:
		return err
	}
	db, err = createStore(ctx, cfg, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(env.Stdout, "store migrated\n")
	return nil
}
