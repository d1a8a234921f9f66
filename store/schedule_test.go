package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// embargoed returns the issue key, dated d, with two articles, to be
// published at publishAt.
func embargoed(key string, d, publishAt time.Time, seed string) *bulletinfeed.Issue {
	iss := issue(key, d,
		article("要闻", "社区议事会召开"+seed, para("a"+seed)),
		article("综合", "垃圾分类新规实施"+seed, para("b"+seed)))
	iss.PublishAt = publishAt
	iss.ContentHash = "hash-" + key + "-" + seed
	return iss
}

func mustIngestAs(t *testing.T, db *store.DB, iss *bulletinfeed.Issue, opt store.IngestOptions, want store.Status) *store.IngestResult {
	t.Helper()
	res, err := db.IngestWith(context.Background(), pubID, iss, opt)
	if err != nil {
		t.Fatalf("ingest %s: %v", iss.Key, err)
	}
	if res.Status != want {
		t.Fatalf("ingest %s: status %s, want %s", iss.Key, res.Status, want)
	}
	return res
}

func mustScheduled(t *testing.T, db *store.DB) []store.ScheduledIssue {
	t.Helper()
	s, err := db.ScheduledIssues(context.Background(), pubID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustNextRelease(t *testing.T, db *store.DB) time.Time {
	t.Helper()
	next, err := db.NextRelease(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return next
}

func mustRelease(t *testing.T, db *store.DB, now time.Time) []*store.IngestResult {
	t.Helper()
	res, err := db.ReleaseDue(context.Background(), now)
	if err != nil {
		t.Fatalf("ReleaseDue(%v): %v", now, err)
	}
	return res
}

// servedView is what readers of a publication can see, to compare
// before and after a schedule.
type servedView struct {
	Issues     []*bulletinfeed.Issue
	Latest     []*bulletinfeed.Article
	Channels   []bulletinfeed.ChannelState
	IssueState bulletinfeed.ChannelState
	Sections   []bulletinfeed.Section
	Counts     []store.SectionCount
	IssueCount int
}

func served(t *testing.T, db *store.DB) servedView {
	t.Helper()
	ctx := context.Background()
	var v servedView
	var err error
	check := func(e error) {
		t.Helper()
		if e != nil {
			t.Fatal(e)
		}
	}
	v.Issues, err = db.Issues(ctx, pubID, 0)
	check(err)
	v.Latest, err = db.LatestArticles(ctx, pubID, "", 100)
	check(err)
	v.Channels, err = db.ChannelStates(ctx, pubID)
	check(err)
	v.IssueState, err = db.IssueState(ctx, pubID)
	check(err)
	v.Sections, err = db.Sections(ctx, pubID)
	check(err)
	v.Counts, err = db.SectionCounts(ctx, pubID)
	check(err)
	counts, err := db.IssueCounts(ctx)
	check(err)
	v.IssueCount = counts[pubID]
	return v
}

// TestSchedule: an issue with a publication time to come is seen by no
// read of what is served (issues, articles, channel states, sections and
// their counts, issue counts), only by ScheduledIssues and NextRelease;
// scheduling bumps the version, the same file again does not; ReleaseDue
// before the time releases nothing, and at the time publishes the issue
// with the article ids and ordinals an immediate ingest gives.
func TestSchedule(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		mustIngest(t, db, issue("2023-04", day("2023-04-20"), article("要闻", "四月要闻", para("april"))))
		before := served(t, db)
		v0 := mustVersion(t, db)

		at := c.Now().Add(2 * time.Hour)
		iss := embargoed("2023-05", day("2023-05-01"), at, "")
		res := mustIngestAs(t, db, iss, store.IngestOptions{}, store.Scheduled)
		if !res.Issue.PublishAt.Equal(at) || len(res.Issue.Articles) != 2 {
			t.Errorf("scheduled issue: publish at %v with %d articles; want %v and 2", res.Issue.PublishAt, len(res.Issue.Articles), at)
		}
		v1 := mustVersion(t, db)
		if v1 <= v0 {
			t.Errorf("version %d after scheduling, want above %d", v1, v0)
		}
		if after := served(t, db); !reflect.DeepEqual(before, after) {
			t.Errorf("what is served changed when an issue was scheduled:\nbefore %+v\nafter  %+v", before, after)
		}
		if _, err := db.Issue(ctx, pubID, iss.Key); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("Issue of a scheduled key: %v; want NotFound", err)
		}
		want := []store.ScheduledIssue{{Key: "2023-05", PublishAt: at, SourceName: "2023-05.txt", Articles: 2, Date: day("2023-05-01")}}
		if got := mustScheduled(t, db); !slices.Equal(got, want) {
			t.Errorf("ScheduledIssues = %+v, want %+v", got, want)
		}
		if got := mustNextRelease(t, db); !got.Equal(at) {
			t.Errorf("NextRelease = %v, want %v", got, at)
		}

		mustIngestAs(t, db, iss, store.IngestOptions{}, store.Unchanged)
		if v := mustVersion(t, db); v != v1 {
			t.Errorf("version %d after the same file again, want %d", v, v1)
		}

		if got := mustRelease(t, db, at.Add(-time.Microsecond)); len(got) != 0 {
			t.Errorf("ReleaseDue before the time released %d issues", len(got))
		}
		if v := mustVersion(t, db); v != v1 {
			t.Errorf("version %d after releasing nothing, want %d", v, v1)
		}

		c.Advance(2 * time.Hour)
		got := mustRelease(t, db, c.Now())
		if len(got) != 1 || got[0].Status != store.New || got[0].Issue.Key != iss.Key {
			t.Fatalf("ReleaseDue at the time = %+v; want the issue, new", got)
		}
		if v := mustVersion(t, db); v <= v1 {
			t.Errorf("version %d after the release, want above %d", v, v1)
		}
		if s := mustScheduled(t, db); len(s) != 0 {
			t.Errorf("ScheduledIssues after the release = %+v, want none", s)
		}
		if next := mustNextRelease(t, db); !next.IsZero() {
			t.Errorf("NextRelease after the release = %v, want zero", next)
		}
		if again := mustRelease(t, db, c.Now()); len(again) != 0 {
			t.Errorf("a second ReleaseDue released %d issues", len(again))
		}
		stored, err := db.Issue(ctx, pubID, iss.Key)
		if err != nil {
			t.Fatal(err)
		}
		released := ids(stored.Articles)
		if !slices.Equal(ids(got[0].Issue.Articles), released) || !slices.Equal(ids(res.Issue.Articles), released) {
			t.Errorf("article ids: scheduled %v, released %v, stored %v", ids(res.Issue.Articles), ids(got[0].Issue.Articles), released)
		}
		if !stored.IngestedAt.Equal(c.Now()) {
			t.Errorf("released issue ingested at %v, want the release time %v", stored.IngestedAt, c.Now())
		}
		states, err := db.ChannelStates(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range states {
			if st.Slug == "" && (st.Articles != 3 || st.LastOrdinal != 3) {
				t.Errorf("publication channel: %d articles, last ordinal %d; want 3 and 3 (the check at scheduling gives none away)", st.Articles, st.LastOrdinal)
			}
		}

		// The same file ingested at once, in place of the released one,
		// gets the same ids.
		if _, err := db.DeleteIssue(ctx, pubID, iss.Key); err != nil {
			t.Fatal(err)
		}
		now := *iss
		now.PublishAt = time.Time{}
		direct := mustIngestAs(t, db, &now, store.IngestOptions{}, store.New)
		if !slices.Equal(ids(direct.Issue.Articles), released) {
			t.Errorf("ids of an immediate ingest %v, of the release %v", ids(direct.Issue.Articles), released)
		}
	})
}

// TestScheduleMoved: the same file ingested again with another
// publication time moves its embargo, later or earlier: it is scheduled
// anew (not unchanged), the version is bumped so that servers learn the
// new NextRelease, and ReleaseDue publishes it at the new time only.
func TestScheduleMoved(t *testing.T) {
	cases := []struct {
		name        string
		first, then time.Duration
	}{
		{"postponed", 2 * time.Hour, 48 * time.Hour},
		{"brought forward", 48 * time.Hour, 2 * time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, dsn string) {
				c := newClock()
				db := mustOpen(t, dsn, c)
				first, then := c.Now().Add(tc.first), c.Now().Add(tc.then)
				iss := embargoed("2023-05", day("2023-05-01"), first, "")
				mustIngestAs(t, db, iss, store.IngestOptions{}, store.Scheduled)
				v := mustVersion(t, db)

				moved := *iss
				moved.PublishAt = then
				res := mustIngestAs(t, db, &moved, store.IngestOptions{}, store.Scheduled)
				if !res.Issue.PublishAt.Equal(then) {
					t.Errorf("moved issue: publish at %v, want %v", res.Issue.PublishAt, then)
				}
				if got := mustVersion(t, db); got <= v {
					t.Errorf("version %d after moving the embargo, want above %d", got, v)
				}
				if s := mustScheduled(t, db); len(s) != 1 || !s[0].PublishAt.Equal(then) {
					t.Errorf("ScheduledIssues = %+v, want the issue at %v", s, then)
				}
				if got := mustNextRelease(t, db); !got.Equal(then) {
					t.Errorf("NextRelease = %v, want %v", got, then)
				}
				// The same file at the same time again is unchanged.
				mustIngestAs(t, db, &moved, store.IngestOptions{}, store.Unchanged)

				if got := mustRelease(t, db, then.Add(-time.Microsecond)); len(got) != 0 {
					t.Errorf("ReleaseDue before the new time released %d issues", len(got))
				}
				if tc.first < tc.then {
					if got := mustRelease(t, db, first); len(got) != 0 {
						t.Errorf("ReleaseDue at the old time released %d issues", len(got))
					}
				}
				got := mustRelease(t, db, then)
				if len(got) != 1 || got[0].Status != store.New || got[0].Issue.Key != iss.Key {
					t.Fatalf("ReleaseDue at the new time = %+v; want the issue, new", got)
				}
			})
		})
	}
}
