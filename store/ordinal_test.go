package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestOrdinals: ordinals follow ingestion, are never given twice (not
// after the deletion of the newest articles either), stay with an article
// through revisions, and a moved article gets the next one of its new
// section; so archive ranges keep their articles.
func TestOrdinals(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		// A slug given ahead of any article makes no channel.
		if err := db.SetSectionSlug(ctx, pubID, "社区风采", "community"); err != nil {
			t.Fatal(err)
		}
		a1, a2 := article("要闻", "A1", para("A1")), article("民生", "A2", para("A2"))
		april := mustIngest(t, db, issue("2022-04", day("2022-04-20"), a1, a2)).Issue
		c.Advance(time.Hour)
		may := issue("2022-05", day("2022-05-20"),
			article("要闻", "B1", para("B1")), article("要闻", "B2", para("B2")), article("文化", "B3", para("B3")))
		mustIngest(t, db, may)
		if _, err := db.DeleteIssue(ctx, pubID, "2022-05"); err != nil {
			t.Fatal(err)
		}
		c.Advance(time.Hour)
		june := mustIngest(t, db, issue("2022-06", day("2022-06-20"), article("要闻", "C1", para("C1")))).Issue
		t2 := june.UpdatedAt

		archive := func(name, slug string, first, last int64, want ...string) {
			t.Helper()
			got, err := db.ArchiveArticles(ctx, pubID, slug, first, last)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(titles(got), want) {
				t.Errorf("%s: ArchiveArticles(%q, %d, %d) = %q, want %q", name, slug, first, last, titles(got), want)
			}
		}
		channels := func(name string, want ...bulletinfeed.ChannelState) {
			t.Helper()
			got, err := db.ChannelStates(ctx, pubID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: ChannelStates =\n%+v\nwant\n%+v", name, got, want)
			}
		}
		ranges := func(name, slug string, size int, want ...bulletinfeed.RangeState) {
			t.Helper()
			got, err := db.RangeStates(ctx, pubID, slug, size)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: RangeStates(%q, %d) =\n%+v\nwant\n%+v", name, slug, size, got, want)
			}
		}
		aprilDate, juneDate := april.Articles[0].Updated, june.Articles[0].Updated
		// The states follow the writes of their articles' issues too.
		t1 := april.UpdatedAt

		// Ordinals 3–5 went with May; June's article is 6, not 3.
		archive("after a delete", "", 1, 10, "A1", "A2", "C1")
		archive("the deleted range", "", 3, 5)
		archive("after a delete", "yao-wen", 1, 10, "A1", "C1")
		channels("after a delete",
			bulletinfeed.ChannelState{Slug: "", Articles: 3, LastOrdinal: 6, Updated: juneDate, IssueUpdated: t2},
			bulletinfeed.ChannelState{Slug: "min-sheng", Articles: 1, LastOrdinal: 1, Updated: aprilDate, IssueUpdated: t1},
			// Emptied, and listed: its feed and archive are still there.
			bulletinfeed.ChannelState{Slug: "wen-hua", Articles: 0, LastOrdinal: 1},
			bulletinfeed.ChannelState{Slug: "yao-wen", Articles: 2, LastOrdinal: 4, Updated: juneDate, IssueUpdated: t2})
		ranges("after a delete", "", 2,
			bulletinfeed.RangeState{First: 1, Articles: 2, Updated: aprilDate, IssueUpdated: t1},
			bulletinfeed.RangeState{First: 3},
			bulletinfeed.RangeState{First: 5, Articles: 1, Updated: juneDate, IssueUpdated: t2})
		ranges("after a delete", "yao-wen", 2,
			bulletinfeed.RangeState{First: 1, Articles: 1, Updated: aprilDate, IssueUpdated: t1},
			bulletinfeed.RangeState{First: 3, Articles: 1, Updated: juneDate, IssueUpdated: t2})
		ranges("emptied", "wen-hua", 50, bulletinfeed.RangeState{First: 1})
		ranges("never had an article", "community", 50)
		ranges("unknown", "nope", 50)
		if _, err := db.RangeStates(ctx, pubID, "", 0); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("RangeStates of size 0: %v, want invalid", err)
		}
		for _, tc := range []struct {
			slug        string
			first, last int64
			want        bulletinfeed.RangeState
		}{
			{"", 1, 2, bulletinfeed.RangeState{First: 1, Articles: 2, Updated: aprilDate, IssueUpdated: t1}},
			{"", 3, 4, bulletinfeed.RangeState{First: 3}},
			{"", 1, 100, bulletinfeed.RangeState{First: 1, Articles: 3, Updated: juneDate, IssueUpdated: t2}},
			{"yao-wen", 2, 4, bulletinfeed.RangeState{First: 2, Articles: 1, Updated: juneDate, IssueUpdated: t2}},
			{"nope", 1, 100, bulletinfeed.RangeState{First: 1}},
		} {
			if got, err := db.RangeState(ctx, pubID, tc.slug, tc.first, tc.last); err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("RangeState(%q, %d, %d) = %+v, %v; want %+v", tc.slug, tc.first, tc.last, got, err, tc.want)
			}
		}

		// A revision of the oldest issue: A1 moves to 民生 and gets its
		// next ordinal there, A2 keeps its own, and A3, new, goes after
		// every article stored before: the full ranges keep their articles.
		c.Advance(time.Hour)
		moved := article("民生", "A1", para("A1"))
		res := mustIngest(t, db, issue("2022-04", day("2022-04-20"), moved, a2, article("要闻", "A3", para("A3"))))
		if res.Added != 1 || res.Changed != 1 || res.Issue.Articles[0].ID != april.Articles[0].ID {
			t.Fatalf("revision = %+v, want A1 kept and changed, A3 added", res)
		}
		t3 := res.Issue.UpdatedAt
		archive("after a revision", "", 1, 10, "A1", "A2", "C1", "A3")
		archive("after a revision", "", 1, 2, "A1", "A2")
		archive("after a revision", "min-sheng", 1, 10, "A2", "A1")
		archive("after a revision", "yao-wen", 1, 10, "C1", "A3")
		archive("after a revision", "yao-wen", 5, 5, "A3")
		// 要闻 keeps its latest update, June's, but holds A3 of the
		// revised issue.
		channels("after a revision",
			bulletinfeed.ChannelState{Slug: "", Articles: 4, LastOrdinal: 7, Updated: t3, IssueUpdated: t3},
			bulletinfeed.ChannelState{Slug: "min-sheng", Articles: 2, LastOrdinal: 2, Updated: t3, IssueUpdated: t3},
			bulletinfeed.ChannelState{Slug: "wen-hua", Articles: 0, LastOrdinal: 1},
			bulletinfeed.ChannelState{Slug: "yao-wen", Articles: 2, LastOrdinal: 5, Updated: juneDate, IssueUpdated: t3})
		ranges("after a revision", "yao-wen", 2,
			bulletinfeed.RangeState{First: 1},
			bulletinfeed.RangeState{First: 3, Articles: 1, Updated: juneDate, IssueUpdated: t2},
			bulletinfeed.RangeState{First: 5, Articles: 1, Updated: aprilDate, IssueUpdated: t3})

		// The deleted issue ingested again: its old ids, new ordinals.
		c.Advance(time.Hour)
		back := mustIngest(t, db, may).Issue
		t4 := back.UpdatedAt
		archive("after a re-ingest", "", 1, 100, "A1", "A2", "C1", "A3", "B1", "B2", "B3")
		archive("after a re-ingest", "", 8, 10, "B1", "B2", "B3")
		archive("after a re-ingest", "wen-hua", 2, 2, "B3")

		// Issues have ordinals of their own, kept by a revision.
		if got, err := db.IssueState(ctx, pubID); err != nil ||
			!reflect.DeepEqual(got, bulletinfeed.ChannelState{Articles: 3, LastOrdinal: 4, Updated: t4}) {
			t.Errorf("IssueState = %+v, %v; want 3 issues, last ordinal 4, updated %v", got, err, t4)
		}
		issues, err := db.IssuesInRange(ctx, pubID, 1, 4)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		var arts [][]string
		for _, iss := range issues {
			keys = append(keys, iss.Key)
			arts = append(arts, titles(iss.Articles))
			for _, a := range iss.Articles {
				if a.Blocks != nil || a.ID == "" || len(a.Headings) == 0 || len(a.Bylines) == 0 {
					t.Errorf("listed article %+v: want all but blocks", a)
				}
			}
		}
		if want := []string{"2022-04", "2022-06", "2022-05"}; !slices.Equal(keys, want) {
			t.Errorf("IssuesInRange(1, 4) = %q, want %q", keys, want)
		}
		if want := [][]string{{"A1", "A2", "A3"}, {"C1"}, {"B1", "B2", "B3"}}; !reflect.DeepEqual(arts, want) {
			t.Errorf("IssuesInRange(1, 4) articles = %q, want %q", arts, want)
		}
		if got, err := db.IssuesInRange(ctx, pubID, 2, 2); err != nil || got != nil {
			t.Errorf("IssuesInRange(2, 2) = %v, %v; want none: its issue was deleted", got, err)
		}
		for _, tc := range []struct {
			first, last int64
			want        bulletinfeed.RangeState
		}{
			{1, 2, bulletinfeed.RangeState{First: 1, Articles: 1, Updated: t3, IssueUpdated: t3}},
			{2, 2, bulletinfeed.RangeState{First: 2}},
			{2, 3, bulletinfeed.RangeState{First: 2, Articles: 1, Updated: t2, IssueUpdated: t2}},
			{1, 10, bulletinfeed.RangeState{First: 1, Articles: 3, Updated: t4, IssueUpdated: t4}},
		} {
			if got, err := db.IssueRangeState(ctx, pubID, tc.first, tc.last); err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("IssueRangeState(%d, %d) = %+v, %v; want %+v", tc.first, tc.last, got, err, tc.want)
			}
		}

		// Another publication counts from 1.
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: "other", Title: "Other", Lang: "en", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Ingest(ctx, "other", issue("1", day("2022-01-01"), article("要闻", "O1", para("O1")))); err != nil {
			t.Fatal(err)
		}
		if got, err := db.ArchiveArticles(ctx, "other", "yao-wen", 1, 1); err != nil || !slices.Equal(titles(got), []string{"O1"}) {
			t.Errorf("ArchiveArticles(other) = %q, %v; want O1 at 1", titles(got), err)
		}
		if got, err := db.ChannelStates(ctx, "nobody"); err != nil || !reflect.DeepEqual(got, []bulletinfeed.ChannelState{{}}) {
			t.Errorf("ChannelStates of a publication without articles = %+v, %v; want one empty state", got, err)
		}
		if got, err := db.IssueState(ctx, "nobody"); err != nil || got != (bulletinfeed.ChannelState{}) {
			t.Errorf("IssueState of a publication without issues = %+v, %v; want the zero state", got, err)
		}
	})
}
