package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// named builds an issue read from the file path with no "Issue:" header,
// so keyed by its file name.
func named(path string, date time.Time, arts ...*bulletinfeed.Article) *bulletinfeed.Issue {
	return &bulletinfeed.Issue{Key: "bulletin", Date: date, SourceName: filepath.Base(path), SourcePath: path,
		KeyFromName: true, Articles: arts}
}

// TestNameKeysCollide: two files named bulletin.txt in two folders get
// the same key from their names; the second does not silently replace the
// first, but can on purpose, or under a key of its own.
func TestNameKeysCollide(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		july := named("/srv/july/bulletin.txt", day("2023-07-01"), article("要闻", "七月要闻", para("七月")))
		august := named("/srv/august/bulletin.txt", day("2023-08-01"), article("要闻", "八月要闻", para("八月")))
		mustIngest(t, db, july)
		before, err := db.Issue(ctx, pubID, "bulletin")
		if err != nil {
			t.Fatal(err)
		}
		v := mustVersion(t, db)
		c.Advance(time.Hour)

		_, err = db.Ingest(ctx, pubID, august)
		want := `issue "bulletin" is already stored from /srv/july/bulletin.txt (dated 2023-07-01); ` +
			`/srv/august/bulletin.txt (dated 2023-08-01) is not marked as a revision of it (its key comes from its file name or --key, not an "Issue:" header): ` +
			`use --revise bulletin to replace the stored issue on purpose, or another --key KEY (or an "Issue:" header line) to store it as an issue of its own`
		if err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Fatalf("second bulletin.txt: %v\nwant the conflict %q", err, want)
		}
		// Either difference alone is enough.
		for _, other := range []*bulletinfeed.Issue{
			named("/srv/august/bulletin.txt", day("2023-07-01"), article("要闻", "八月要闻", para("八月"))),
			named("/srv/july/bulletin.txt", day("2023-08-01"), article("要闻", "八月要闻", para("八月"))),
		} {
			if _, err := db.Ingest(ctx, pubID, other); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
				t.Errorf("bulletin.txt from %s dated %v: %v, want a conflict", other.SourcePath, other.Date, err)
			}
		}
		if after, err := db.Issue(ctx, pubID, "bulletin"); err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("store after refused ingests:\n got %+v (%v)\nwant %+v", after, err, before)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version %d after refused ingests, want %d", got, v)
		}

		// Under a key of its own it is an issue of its own.
		own := *august
		own.Key = "august-bulletin"
		if res := mustIngestWith(t, db, &own, store.IngestOptions{}); res.Status != store.New {
			t.Errorf("august under its own key: %s, want new", res.Status)
		}
		if is, err := db.Issues(ctx, pubID, 0); err != nil || len(is) != 2 {
			t.Errorf("Issues = %d (%v), want july and august", len(is), err)
		}

		// --revise replaces it on purpose.
		res := mustIngestWith(t, db, august, store.IngestOptions{Revise: true})
		if res.Status != store.Revised || res.Issue.SourcePath != "/srv/august/bulletin.txt" || !res.Issue.Date.Equal(day("2023-08-01")) {
			t.Errorf("revise: %s from %s dated %v, want revised from august", res.Status, res.Issue.SourcePath, res.Issue.Date)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after a revise, want more than %d", got, v)
		}

		// The same file corrected in place is a revision, as always.
		fixed := named("/srv/august/bulletin.txt", day("2023-08-01"), article("要闻", "八月要闻", para("八月"), para("更正")))
		if res := mustIngest(t, db, fixed); res.Status != store.Revised || res.Changed != 1 {
			t.Errorf("corrected august: %+v, want revised with 1 changed", res)
		}
		if res := mustIngest(t, db, fixed); res.Status != store.Unchanged {
			t.Errorf("corrected august again: %s, want unchanged", res.Status)
		}
	})
}

// TestNameKeyCollisionNeedsEvidence: without a stored path (issues from
// before paths were kept) or a printed date, nothing says two files are
// different issues, and a changed file revises as before.
func TestNameKeyCollisionNeedsEvidence(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)

		pathless := named("", day("2023-07-01"), article("", "一", para("一")))
		pathless.SourceName = "bulletin.txt"
		mustIngest(t, db, pathless)
		c.Advance(time.Hour)
		if res := mustIngest(t, db, named("/srv/july/bulletin.txt", day("2023-07-01"), article("", "一", para("一改")))); res.Status != store.Revised {
			t.Errorf("same date, no stored path: %s, want revised", res.Status)
		}

		undated := named("/srv/notes/notes.txt", time.Time{}, article("", "甲", para("甲")))
		undated.Key = "notes"
		mustIngest(t, db, undated)
		c.Advance(time.Hour)
		dated := named("/srv/notes/notes.txt", day("2023-07-02"), article("", "甲", para("甲改")))
		dated.Key = "notes"
		if res := mustIngest(t, db, dated); res.Status != store.Revised {
			t.Errorf("a date added to the same file: %s, want revised", res.Status)
		}

		missing := named("/x/nope.txt", day("2023-07-01"))
		missing.Key = "nope"
		_, err := db.IngestWith(ctx, pubID, missing, store.IngestOptions{Revise: true})
		if err == nil || err.Error() != `no issue "nope" to revise` || bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("revise of a missing issue: %v, want not found", err)
		}
		if _, err := db.Issue(ctx, pubID, "nope"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("the refused revise stored an issue: %v", err)
		}
	})
}

// TestForceRewritesUnchangedBytes: the same bytes parsed again after the
// section list changed are stored when forced, as a revision that keeps
// every id and moves Updated only where the parse changed.
func TestForceRewritesUnchangedBytes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := issue("2023-04", day("2023-04-20"), article("", "社区风采 活动", para("活动")), article("要闻", "会议", para("会议")))
		first.ContentHash = "same-bytes"
		orig := mustIngest(t, db, first).Issue
		v := mustVersion(t, db)
		c.Advance(time.Hour)

		// Unforced, the same bytes parsed the same change nothing.
		if res := mustIngest(t, db, first); res.Status != store.Unchanged {
			t.Fatalf("unforced: %s, want unchanged", res.Status)
		}
		reparsed := issue("2023-04", day("2023-04-20"), article("社区风采", "活动", para("活动")), article("要闻", "会议", para("会议")))
		reparsed.Articles[0].Headings = first.Articles[0].Headings
		reparsed.ContentHash = "same-bytes"

		res := mustIngestWith(t, db, reparsed, store.IngestOptions{Force: true})
		if res.Status != store.Revised || res.Changed != 1 || res.Added != 0 || res.Removed != 0 {
			t.Fatalf("forced: %+v, want revised with 1 changed", res)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after a forced ingest, want more than %d", got, v)
		}
		got := res.Issue.Articles
		if !slices.Equal(ids(got), ids(orig.Articles)) {
			t.Errorf("ids %q, want the old %q", ids(got), ids(orig.Articles))
		}
		if got[0].Section != "社区风采" || !got[0].Updated.Equal(c.Now()) {
			t.Errorf("re-sectioned article: section %q updated %v, want 社区风采 at %v", got[0].Section, got[0].Updated, c.Now())
		}
		if !got[1].Updated.Equal(orig.Articles[1].Updated) {
			t.Errorf("untouched article updated %v, want it kept at %v", got[1].Updated, orig.Articles[1].Updated)
		}

		// Forced with nothing changed at all: still a revision, nothing
		// marked changed.
		c.Advance(time.Hour)
		v = mustVersion(t, db)
		res = mustIngestWith(t, db, reparsed, store.IngestOptions{Force: true})
		if res.Status != store.Revised || res.Changed+res.Added+res.Removed != 0 {
			t.Errorf("forced again: %+v, want revised with nothing changed", res)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after a forced ingest, want more than %d", got, v)
		}
	})
}

func mustIngestWith(t testing.TB, db *store.DB, iss *bulletinfeed.Issue, opt store.IngestOptions) *store.IngestResult {
	t.Helper()
	res, err := db.IngestWith(context.Background(), pubID, iss, opt)
	if err != nil {
		t.Fatalf("ingest %s with %+v: %v", iss.Key, opt, err)
	}
	return res
}

// TestReparsedBytesRevise: the same bytes parsed into other articles
// (after the section list changed) are a revision without Force, which
// keeps every id and moves Updated only where the parse changed.
func TestReparsedBytesRevise(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := issue("2023-04", day("2023-04-20"), article("", "社区风采 活动", para("活动")), article("要闻", "会议", para("会议")))
		first.ContentHash = "same-bytes"
		orig := mustIngest(t, db, first).Issue
		c.Advance(time.Hour)

		reparsed := issue("2023-04", day("2023-04-20"), article("社区风采", "活动", para("活动")), article("要闻", "会议", para("会议")))
		reparsed.Articles[0].Headings = first.Articles[0].Headings
		reparsed.ContentHash = "same-bytes"
		res := mustIngest(t, db, reparsed)
		if res.Status != store.Revised || res.Changed != 1 || res.Added != 0 || res.Removed != 0 {
			t.Fatalf("re-parsed: %+v, want revised with 1 changed", res)
		}
		if got := res.Issue.Articles; !slices.Equal(ids(got), ids(orig.Articles)) || got[0].Section != "社区风采" {
			t.Errorf("ids %q section %q, want the old ids %q and 社区风采", ids(got), got[0].Section, ids(orig.Articles))
		}
		if res := mustIngest(t, db, reparsed); res.Status != store.Unchanged {
			t.Errorf("again: %s, want unchanged", res.Status)
		}
	})
}
