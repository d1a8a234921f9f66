package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("ingest", "parse issue files and store them; a changed file revises its issue", runIngest)
}

func runIngest(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env.Getenv)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "ingest", "ingest [--db DSN] [--publication ID] [--title T] [--lang L] [--tz ZONE] [--section BANNER]... [--max-size N] FILE|DIR...")
	cfg.bindStore(fs)
	cfg.bindPublication(fs)
	cfg.bindParse(fs)
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("ingest: want at least one FILE or DIR")
	}

	db, pub, err := openStore(ctx, cfg, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	loc, err := time.LoadLocation(pub.TimeZone)
	if err != nil {
		return err // openStore has checked it
	}
	opts := source.Options{Banners: pub.Banners, MaxSize: cfg.MaxSize, Location: loc}

	files, bad, empty := ingestFiles(fs.Args())
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
		res, err := ingestFile(ctx, db, pub.ID, f, opts)
		if err != nil {
			fail(f, err)
		} else {
			n.add(res.Status)
			if !bar.Active() {
				env.Log.Info("ingested", "file", f, "issue", res.Issue.Key, "status", string(res.Status),
					"articles", len(res.Issue.Articles), "added", res.Added, "changed", res.Changed, "removed", res.Removed)
			}
		}
		bar.Step(f)
	}
	bar.Clear()
	fmt.Fprintf(env.Stdout, "ingested: %d new, %d revised, %d unchanged, %d failed\n", n.new, n.revised, n.unchanged, n.failed)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ingest interrupted: %w", err)
	}
	if n.failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", n.failed, len(files)+len(bad))
	}
	return nil
}

// ingestFile parses one file and stores its issue. The file is only read,
// whatever happens.
func ingestFile(ctx context.Context, db *store.DB, pubID, path string, opts source.Options) (*store.IngestResult, error) {
	iss, err := source.ParseFile(path, opts)
	if err != nil {
		return nil, err
	}
	return db.Ingest(ctx, pubID, iss)
}

type ingestCounts struct{ new, revised, unchanged, failed int }

func (n *ingestCounts) add(s store.Status) {
	switch s {
	case store.New:
		n.new++
	case store.Revised:
		n.revised++
	case store.Unchanged:
		n.unchanged++
	}
}

// badPath is a command-line path that cannot be ingested.
type badPath struct {
	path string
	err  error
}

// ingestFiles expands the command-line paths: a directory stands for its
// .txt files in name order (not its subdirectories). A path given twice is
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
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".txt") {
				add(filepath.Join(p, e.Name()))
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
