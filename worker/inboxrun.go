package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults of Run: a copy of a file sends a burst of events, and one pass
// after the burst is enough; a folder on a network file system sends none,
// so it is looked at every DefaultEvery as well.
const (
	DefaultDebounce = 200 * time.Millisecond
	DefaultEvery    = 2 * time.Second
)

// Run runs passes until ctx is done: Debounce after the folder changed,
// Settle after a pass that left a file waiting, and every Every. A pass
// that fails is logged and tried again at the next one. Passes run one at
// a time in Run's goroutine, so when Run returns no pass is running.
func (in *Inbox) Run(ctx context.Context) {
	debounce, every := in.Debounce, in.Every
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	if every <= 0 {
		every = DefaultEvery
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		in.log().Warn("inbox: no file events; looking every tick only", "inbox", in.Dir, "err", err)
	} else {
		defer watcher.Close()
		events, errs = watcher.Events, watcher.Errors
	}
	watching := false
	watch := func() {
		if watcher == nil || watching {
			return
		}
		if err := watcher.Add(in.Dir); err != nil {
			in.log().Warn("inbox: cannot watch the folder; looking every tick", "inbox", in.Dir, "err", err)
			return
		}
		watching = true
	}
	watch()

	soon := time.NewTimer(0) // a first pass at once
	defer soon.Stop()
	tick := time.NewTicker(every)
	defer tick.Stop()
	failing := false
	pass := func() {
		start := time.Now()
		res, err := in.exclusivePass(ctx)
		if ctx.Err() != nil {
			return
		}
		if in.Observe != nil {
			in.Observe(start, res, err)
		}
		switch {
		case err != nil && !failing:
			in.log().Warn("inbox pass failed; files left for the next one", "inbox", in.Dir, "err", err)
			failing = true
		case err != nil:
			in.log().Debug("inbox pass failed again", "inbox", in.Dir, "err", err)
		case failing:
			in.log().Info("inbox pass succeeded again", "inbox", in.Dir)
			failing = false
		}
		if res.Waiting > 0 {
			soon.Reset(in.settle())
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if ev.Name == in.Dir && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				watching = false // the folder itself went; watch it again when back
			}
			soon.Reset(debounce)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// An overflow loses events; the next pass looks anyway.
			in.log().Warn("inbox: file events lost", "inbox", in.Dir, "err", err)
			soon.Reset(debounce)
		case <-tick.C:
			watch()
			pass()
		case <-soon.C:
			pass()
		}
	}
}

// RunOnce runs the passes of a run that does not stay: it looks at the
// folder, waits Settle and publishes the files that kept their size and
// modification time meanwhile. Files that changed are left for the next
// run.
//
// A run whose last pass another process held returns an error wrapping
// ErrRunElsewhere: run-once must say it did not read the folder.
func (in *Inbox) RunOnce(ctx context.Context) (PassResult, error) {
	if _, err := in.exclusivePass(ctx); err != nil {
		return PassResult{}, err
	}
	select {
	case <-ctx.Done():
		return PassResult{}, ctx.Err()
	case <-time.After(in.settle()):
	}
	res, ran, err := in.exclusivePassRan(ctx)
	if err == nil && !ran {
		err = fmt.Errorf("inbox %s: %w", in.Dir, ErrRunElsewhere)
	}
	return res, err
}

// ErrRunElsewhere says a source was not run because another process holds
// it (a server, another run-once), alive or not yet seen dead.
var ErrRunElsewhere = errors.New("another process is running this source; not run")

// exclusivePass runs Pass, under Exclusive when it is set; a pass that
// another process is running already counts as nothing done.
func (in *Inbox) exclusivePass(ctx context.Context) (PassResult, error) {
	res, _, err := in.exclusivePassRan(ctx)
	return res, err
}

// exclusivePassRan is exclusivePass, reporting whether the pass ran.
func (in *Inbox) exclusivePassRan(ctx context.Context) (PassResult, bool, error) {
	if in.Exclusive == nil {
		res, err := in.Pass(ctx)
		return res, true, err
	}
	var res PassResult
	var passErr error
	ran, err := in.Exclusive(ctx, "inbox:"+in.Publication+":"+in.Dir, func(ctx context.Context) error {
		res, passErr = in.Pass(ctx)
		return nil
	})
	if err != nil {
		return res, ran, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	if !ran {
		in.log().Debug("inbox pass skipped: another process is reading the folder", "inbox", in.Dir)
	}
	return res, ran, passErr
}
