package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// refresher is what the worker drives: feed.Server.Refresh, which checks
// the store's version and renders again only when it changed.
type refresher interface {
	Refresh(ctx context.Context) error
}

// worker runs a refresh on a cron schedule. Another process (an ingest
// run by hand or by a timer) bumps the store version; the worker is how a
// long-running server notices.
type worker struct {
	spec   string
	target refresher
	log    *slog.Logger

	cron   *cron.Cron
	cancel context.CancelFunc
	mu     sync.Mutex
	fails  int
}

// scheduleParser reads standard five-field specs and the @every, @hourly…
// descriptors.
var scheduleParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// newWorker checks spec and returns a worker that is not yet started.
func newWorker(spec string, target refresher, log *slog.Logger) (*worker, error) {
	if _, err := scheduleParser.Parse(spec); err != nil {
		return nil, usageErrorf("schedule %q: %v", spec, err)
	}
	return &worker{spec: spec, target: target, log: log}, nil
}

// Start runs a refresh at every tick of the schedule until Stop. A pass
// still running at the next tick makes that tick skip rather than queue.
func (w *worker) Start(ctx context.Context) error {
	ctx, w.cancel = context.WithCancel(ctx)
	w.cron = cron.New(
		cron.WithParser(scheduleParser),
		cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)),
	)
	if _, err := w.cron.AddFunc(w.spec, func() { w.pass(ctx) }); err != nil {
		w.cancel()
		return fmt.Errorf("schedule %q: %w", w.spec, err)
	}
	w.cron.Start()
	return nil
}

// pass is one refresh. A failure is logged and counted, not fatal: the
// server keeps what it has and the next tick tries again.
func (w *worker) pass(ctx context.Context) {
	if err := w.target.Refresh(ctx); err != nil {
		w.mu.Lock()
		w.fails++
		n := w.fails
		w.mu.Unlock()
		w.log.Error("refresh failed", "err", err, "failures", n)
	}
}

// Stop cancels a running pass and waits for it to return.
func (w *worker) Stop() {
	if w.cron == nil {
		return
	}
	w.cancel()
	<-w.cron.Stop().Done()
}

// Failures returns the number of failed passes so far.
func (w *worker) Failures() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fails
}

// scheduleInterval returns the shortest gap between runs of spec over a
// week of runs: the feeds' ttl and the responses' max-age, since nothing
// served can change more often than the worker looks.
func scheduleInterval(spec string) (time.Duration, error) {
	sched, err := scheduleParser.Parse(spec)
	if err != nil {
		return 0, usageErrorf("schedule %q: %v", spec, err)
	}
	// A fixed start keeps the result independent of today's date.
	t := sched.Next(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
	end := t.Add(7 * 24 * time.Hour)
	var shortest time.Duration
	for i := 0; i < 10000 && t.Before(end); i++ {
		next := sched.Next(t)
		if next.IsZero() {
			break
		}
		if d := next.Sub(t); shortest == 0 || d < shortest {
			shortest = d
		}
		t = next
	}
	if shortest <= 0 {
		return 0, usageErrorf("schedule %q never repeats", spec)
	}
	return shortest, nil
}
