package worker

import (
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// releaseRetry is how soon a release that failed (an embargoed issue
// whose key another file took meanwhile, a busy database) is tried
// again: the store keeps the issue due, so every other due issue waits
// on the same call, and a second is within the two allowed. Its error is
// logged once per releaseLogEvery.
const (
	releaseRetry    = time.Second
	releaseLogEvery = time.Minute
)

// Releaser is the part of the store that holds embargoed issues back;
// *store.DB satisfies it.
type Releaser interface {
	NextRelease(ctx context.Context) (time.Time, error)
	ReleaseDue(ctx context.Context, now time.Time) ([]*store.IngestResult, error)
}

// Embargo releases the store's embargoed issues when their time comes.
// Every replica runs one (serve's store watch, build, run-once); the store
// releases each issue once whichever asks first.
type Embargo struct {
	// Log is told of each release and, once a minute, of a release that
	// keeps failing; nil discards it.
	Log *slog.Logger
	// Now is the clock; nil means time.Now.
	Now        func() time.Time
	retryAfter time.Time // after a failed release
	loggedAt   time.Time // the last failure logged
	failed     error     // the last release's failure, nil after a success
}

// Failed returns why the last release failed; nil after a success.
func (e *Embargo) Failed() error { return e.failed }

// Check releases what is due and returns when the next release is due
// (zero: none scheduled), which the caller passes to the server.
func (e *Embargo) Check(ctx context.Context, db Releaser) (time.Time, error) {
	now := e.clock()
	next, err := db.NextRelease(ctx)
	if err != nil || next.IsZero() || now.Before(next) {
		return next, err
	}
	if now.Before(e.retryAfter) {
		return e.retryAfter, nil
	}
	released, err := db.ReleaseDue(ctx, now)
	for _, r := range released {
		e.log().Info("embargoed issue released", "publication", r.Issue.PublicationID, "issue", r.Issue.Key, "status", string(r.Status), "articles", len(r.Issue.Articles))
	}
	if err != nil {
		e.retryAfter, e.failed = now.Add(releaseRetry), err
		if now.Sub(e.loggedAt) >= releaseLogEvery {
			e.loggedAt = now
			e.log().Error("embargoed issue not released; trying again every second", "err", err)
		}
		// The issue is still due: no page may be cached meanwhile.
		return e.retryAfter, nil
	}
	e.loggedAt, e.failed = time.Time{}, nil
	return db.NextRelease(ctx)
}

func (e *Embargo) clock() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Embargo) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.DiscardHandler)
}
