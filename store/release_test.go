package store_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/jackc/pgx/v5"
)

// TestScheduleReplaced: a changed file for a scheduled key replaces the
// scheduled one, time and content, and bumps the version; what is
// released is the later file.
func TestScheduleReplaced(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := embargoed("2023-05", day("2023-05-01"), c.Now().Add(2*time.Hour), "")
		mustIngestAs(t, db, first, store.IngestOptions{}, store.Scheduled)
		v := mustVersion(t, db)
		later := c.Now().Add(3 * time.Hour)
		second := embargoed("2023-05", day("2023-05-01"), later, "v2")
		second.Articles = append(second.Articles, article("综合", "新增一篇", para("c")))
		mustIngestAs(t, db, second, store.IngestOptions{}, store.Scheduled)
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after rescheduling, want above %d", got, v)
		}
		s := mustScheduled(t, db)
		if len(s) != 1 || !s[0].PublishAt.Equal(later) || s[0].Articles != 3 {
			t.Fatalf("ScheduledIssues = %+v; want the second file alone, at %v with 3 articles", s, later)
		}
		if got := mustRelease(t, db, c.Now().Add(2*time.Hour)); len(got) != 0 {
			t.Errorf("ReleaseDue at the first file's time released %d issues", len(got))
		}
		got := mustRelease(t, db, later)
		if len(got) != 1 {
			t.Fatalf("ReleaseDue at the second file's time released %d issues, want 1", len(got))
		}
		stored, err := db.Issue(ctx, pubID, "2023-05")
		if err != nil {
			t.Fatal(err)
		}
		if want := titles(second.Articles); !slices.Equal(titles(stored.Articles), want) || stored.ContentHash != second.ContentHash {
			t.Errorf("released %v (hash %s), want the second file %v", titles(stored.Articles), stored.ContentHash, want)
		}
	})
}

// TestSchedulePublishNow: a file of a scheduled key published at once
// (no publication time, or one past) is published and drops the
// scheduled file, which would otherwise overwrite it at its release; so
// does the scheduled time of a revision of a published issue.
func TestSchedulePublishNow(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		at := c.Now().Add(2 * time.Hour)
		mustIngestAs(t, db, embargoed("2023-05", day("2023-05-01"), at, ""), store.IngestOptions{}, store.Scheduled)
		correction := embargoed("2023-05", day("2023-05-01"), c.Now().Add(-time.Minute), "fix")
		mustIngestAs(t, db, correction, store.IngestOptions{}, store.New)
		if s := mustScheduled(t, db); len(s) != 0 {
			t.Errorf("ScheduledIssues after publishing the key at once = %+v, want none", s)
		}
		if got := mustRelease(t, db, at); len(got) != 0 {
			t.Errorf("ReleaseDue released %d issues after the key was published at once", len(got))
		}
		stored, err := db.Issue(ctx, pubID, "2023-05")
		if err != nil {
			t.Fatal(err)
		}
		if stored.ContentHash != correction.ContentHash {
			t.Errorf("stored %s, want the correction %s", stored.ContentHash, correction.ContentHash)
		}

		// A revision of the published issue, scheduled, then withdrawn by
		// the published bytes again: Unchanged, yet the schedule goes.
		mustIngestAs(t, db, embargoed("2023-05", day("2023-05-01"), at, "v3"), store.IngestOptions{}, store.Scheduled)
		v := mustVersion(t, db)
		res := mustIngestAs(t, db, correction, store.IngestOptions{}, store.Unchanged)
		if res.Issue.ContentHash != correction.ContentHash {
			t.Errorf("Unchanged result holds %s, want the published issue", res.Issue.ContentHash)
		}
		if s := mustScheduled(t, db); len(s) != 0 {
			t.Errorf("ScheduledIssues after the published file again = %+v, want none", s)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after dropping a schedule, want above %d", got, v)
		}
	})
}

// TestScheduleChecks: a file that could not be published now is refused
// when it is scheduled, not at its release: a key from a file name taken
// by another file (published or scheduled), a revision of no issue, a
// publication time out of range. Nothing is scheduled.
func TestScheduleChecks(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		at := c.Now().Add(time.Hour)
		fromName := func(key, path, seed string) *bulletinfeed.Issue {
			iss := embargoed(key, day("2023-05-01"), at, seed)
			iss.KeyFromName, iss.SourcePath = true, path
			return iss
		}
		published := fromName("bulletin", "/july/bulletin.txt", "july")
		published.PublishAt = time.Time{}
		mustIngestAs(t, db, published, store.IngestOptions{}, store.New)
		mustIngestAs(t, db, fromName("other", "/july/other.txt", "a"), store.IngestOptions{}, store.Scheduled)
		v := mustVersion(t, db)

		cases := []struct {
			name string
			iss  *bulletinfeed.Issue
			opt  store.IngestOptions
			kind bulletinfeed.Kind
		}{
			{"collides with a published issue", fromName("bulletin", "/august/bulletin.txt", "aug"), store.IngestOptions{}, bulletinfeed.Conflict},
			{"collides with a scheduled issue", fromName("other", "/august/other.txt", "b"), store.IngestOptions{}, bulletinfeed.Conflict},
			{"revises no issue", embargoed("nothing", day("2023-05-01"), at, ""), store.IngestOptions{Revise: true}, bulletinfeed.NotFound},
			{"publication time out of range", embargoed("far", day("2023-05-01"), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), ""), store.IngestOptions{}, bulletinfeed.Invalid},
		}
		for _, tc := range cases {
			_, err := db.IngestWith(ctx, pubID, tc.iss, tc.opt)
			if bulletinfeed.KindOf(err) != tc.kind {
				t.Errorf("%s: %v; want kind %s", tc.name, err, tc.kind)
			}
		}
		if s := mustScheduled(t, db); len(s) != 1 || s[0].Key != "other" || s[0].SourcePath != "/july/other.txt" {
			t.Errorf("ScheduledIssues after refused files = %+v; want only the first other.txt", s)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version %d after refused files, want %d", got, v)
		}
		// Meant as a revision, the other file replaces the scheduled one.
		mustIngestAs(t, db, fromName("other", "/august/other.txt", "b"), store.IngestOptions{Revise: true}, store.Scheduled)
		if got := mustRelease(t, db, at); len(got) != 1 || got[0].Status != store.New || got[0].Issue.SourcePath != "/august/other.txt" {
			t.Errorf("ReleaseDue of a revised schedule = %+v; want the August file, new", got)
		}
	})
}

// TestReleaseDueConcurrent: two handles releasing at once publish each
// due issue exactly once between them.
func TestReleaseDueConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		a := mustOpen(t, dsn, c)
		b := mustOpen(t, dsn, c)
		const n = 8
		at := c.Now().Add(time.Hour)
		for i := range n {
			key := "2023-" + strconv.Itoa(10+i)
			mustIngestAs(t, a, embargoed(key, day("2023-05-01"), at.Add(time.Duration(i)*time.Second), key), store.IngestOptions{}, store.Scheduled)
		}
		c.Advance(2 * time.Hour)
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			released []string
		)
		for _, db := range []*store.DB{a, b, a, b} {
			wg.Go(func() {
				res, err := db.ReleaseDue(context.Background(), c.Now())
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				for _, r := range res {
					released = append(released, r.Issue.Key)
				}
			})
		}
		wg.Wait()
		slices.Sort(released)
		if len(released) != n || len(slices.Compact(slices.Clone(released))) != n {
			t.Errorf("released %v; want each of the %d issues once", released, n)
		}
		issues, err := a.Issues(context.Background(), pubID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(issues) != n {
			t.Errorf("%d issues published, want %d", len(issues), n)
		}
	})
}

// TestReleaseDueFailure: an issue that can no longer be published stays
// scheduled and its error is returned, while the others are released.
func TestReleaseDueFailure(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		at := c.Now().Add(time.Hour)
		mustIngestAs(t, db, embargoed("good", day("2023-05-01"), at, "g"), store.IngestOptions{}, store.Scheduled)
		mustIngestAs(t, db, embargoed("bad", day("2023-05-01"), at, "b"), store.IngestOptions{}, store.Scheduled)
		// As if scheduled as a revision of an issue deleted since.
		if err := db.Exec(ctx, `UPDATE scheduled_issues SET opt_revise = 1 WHERE key = 'bad'`); err != nil {
			t.Fatal(err)
		}
		res, err := db.ReleaseDue(ctx, at)
		if bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("ReleaseDue error %v; want the bad issue's NotFound", err)
		}
		if len(res) != 1 || res[0].Issue.Key != "good" {
			t.Errorf("released %+v; want the good issue", res)
		}
		if s := mustScheduled(t, db); len(s) != 1 || s[0].Key != "bad" {
			t.Errorf("ScheduledIssues = %+v; want the bad issue left", s)
		}
		if _, err := db.Issue(ctx, pubID, "bad"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("the bad issue was published: %v", err)
		}
	})
}

// TestDeleteScheduled: deleting a key that is only scheduled removes the
// schedule, counts its articles and records nothing as gone (no reader
// saw it); deleting a published key drops its scheduled revision too.
func TestDeleteScheduled(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		at := c.Now().Add(time.Hour)
		mustIngestAs(t, db, embargoed("only", day("2023-05-01"), at, "o"), store.IngestOptions{}, store.Scheduled)
		v := mustVersion(t, db)
		n, err := db.DeleteIssue(ctx, pubID, "only")
		if err != nil || n != 2 {
			t.Fatalf("DeleteIssue of a scheduled key = %d, %v; want 2, nil", n, err)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after deleting a schedule, want above %d", got, v)
		}
		keys, artIDs, err := db.Deleted(ctx, pubID)
		if err != nil || len(keys) != 0 || len(artIDs) != 0 {
			t.Errorf("Deleted = %v, %v, %v; want nothing", keys, artIDs, err)
		}
		if _, err := db.DeleteIssue(ctx, pubID, "only"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("second DeleteIssue: %v; want NotFound", err)
		}

		pub := embargoed("both", day("2023-05-01"), time.Time{}, "p")
		mustIngestAs(t, db, pub, store.IngestOptions{}, store.New)
		mustIngestAs(t, db, embargoed("both", day("2023-05-01"), at, "rev"), store.IngestOptions{}, store.Scheduled)
		if n, err := db.DeleteIssue(ctx, pubID, "both"); err != nil || n != 2 {
			t.Fatalf("DeleteIssue of a published key with a schedule = %d, %v; want 2, nil", n, err)
		}
		if s := mustScheduled(t, db); len(s) != 0 {
			t.Errorf("ScheduledIssues after the delete = %+v, want none", s)
		}
		if got := mustRelease(t, db, at); len(got) != 0 {
			t.Errorf("ReleaseDue after the delete released %d issues", len(got))
		}
		if keys, _, _ := db.Deleted(ctx, pubID); !slices.Equal(keys, []string{"both"}) {
			t.Errorf("Deleted keys = %v, want [both]", keys)
		}
	})
}

// TestScheduleNotifyPostgres: scheduling notifies listeners of the new
// version, so that servers learn the next release time at once.
func TestScheduleNotifyPostgres(t *testing.T) {
	dsn := pgDSN(t)
	c := newClock()
	db := mustOpen(t, dsn, c)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	raw, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(context.Background())
	if _, err := raw.Exec(ctx, "LISTEN bulletinfeed_version"); err != nil {
		t.Fatal(err)
	}
	mustIngestAs(t, db, embargoed("2023-05", day("2023-05-01"), c.Now().Add(time.Hour), ""), store.IngestOptions{}, store.Scheduled)
	want := fmt.Sprint(mustVersion(t, db))
	// Other tests notify the same channel: wait for this version.
	for {
		n, err := raw.WaitForNotification(ctx)
		if err != nil {
			t.Fatalf("no notification of version %s after scheduling: %v", want, err)
		}
		if n.Payload == want {
			return
		}
	}
}
