package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// releaseRetry is how long an embargoed issue that failed to be released
// (its key taken meanwhile by another file) waits before the next try:
// the store keeps it due, and trying at every check would fill the log.
const releaseRetry = time.Minute

// releaser is the part of the store that holds embargoed issues back;
// *store.DB satisfies it.
type releaser interface {
	NextRelease(ctx context.Context) (time.Time, error)
	ReleaseDue(ctx context.Context, now time.Time) ([]*store.IngestResult, error)
}

// releaseTarget learns when the next embargoed issue appears, so that no
// response is cached past it: feed.Server.
type releaseTarget interface {
	SetNextRelease(t time.Time)
}

// embargo releases the store's embargoed issues when their time comes.
// Every replica runs one; the store releases each issue once whichever
// asks first.
type embargo struct {
	log        *slog.Logger
	now        func() time.Time
	retryAfter time.Time // after a failed release
}

// check releases what is due and returns when the next release is due
// (zero: none scheduled), which the caller passes to the server.
func (e *embargo) check(ctx context.Context, db releaser) (time.Time, error) {
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
		e.log.Info("embargoed issue released", "publication", r.Issue.PublicationID, "issue", r.Issue.Key, "status", string(r.Status), "articles", len(r.Issue.Articles))
	}
	if err != nil {
		e.retryAfter = now.Add(releaseRetry)
		e.log.Error("embargoed issue not released; trying again later", "err", err, "retry_at", e.retryAfter)
		return e.retryAfter, nil
	}
	return db.NextRelease(ctx)
}

func (e *embargo) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}
