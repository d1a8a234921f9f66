package worker_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// releases is a store holding one embargoed issue, whose release fails
// while fail is set.
type releases struct {
	due   time.Time
	fail  error
	calls int
}

func (r *releases) NextRelease(context.Context) (time.Time, error) { return r.due, nil }

func (r *releases) ReleaseDue(_ context.Context, now time.Time) ([]*store.IngestResult, error) {
	r.calls++
	if r.fail != nil {
		return nil, r.fail
	}
	if r.due.IsZero() || now.Before(r.due) {
		return nil, nil
	}
	r.due = time.Time{}
	return []*store.IngestResult{{Issue: &bulletinfeed.Issue{Key: "2024-05", PublicationID: "p"}, Status: store.New}}, nil
}

// TestEmbargo: nothing is released before its time; at its time the issue
// is; a failed release is tried again a second later, not at every
// check, and says why until one succeeds.
func TestEmbargo(t *testing.T) {
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	now := at.Add(-time.Minute)
	db := &releases{due: at}
	e := &worker.Embargo{Now: func() time.Time { return now }}
	ctx := context.Background()
	if next, err := e.Check(ctx, db); err != nil || !next.Equal(at) || db.calls != 0 {
		t.Fatalf("before its time: next %v, %v, %d releases asked", next, err, db.calls)
	}
	now = at
	db.fail = errors.New("database is locked")
	next, err := e.Check(ctx, db)
	if err != nil || !next.Equal(at.Add(time.Second)) || e.Failed() == nil {
		t.Fatalf("failed release: next %v, %v, failed %v", next, err, e.Failed())
	}
	if _, _ = e.Check(ctx, db); db.calls != 1 {
		t.Fatalf("tried again within the second: %d calls", db.calls)
	}
	now, db.fail = at.Add(time.Second), nil
	if next, err := e.Check(ctx, db); err != nil || !next.IsZero() || e.Failed() != nil || db.calls != 2 {
		t.Fatalf("second try: next %v, %v, failed %v, %d calls", next, err, e.Failed(), db.calls)
	}
}
