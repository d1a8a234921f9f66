package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestDeleteIssue: a deleted issue and its articles are gone from every
// read, listed by Deleted for 410 answers, and back with the same ids when
// the file is ingested again.
func TestDeleteIssue(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		april := issue("2023-04", day("2023-04-20"),
			article("要闻", "四月要闻", para("四要")), article("民生", "四月民生", para("四民")), article("", "四月简讯", para("四简")))
		mustIngest(t, db, issue("2023-03", day("2023-03-20"), article("要闻", "三月要闻", para("三要"))))
		stored := mustIngest(t, db, april).Issue
		v := mustVersion(t, db)

		n, err := db.DeleteIssue(ctx, pubID, "2023-04")
		if err != nil || n != 3 {
			t.Fatalf("DeleteIssue = %d, %v; want 3 articles", n, err)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version %d after a delete, want more than %d", got, v)
		}
		if _, err := db.Issue(ctx, pubID, "2023-04"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("Issue(deleted) = %v, want not found", err)
		}
		for _, a := range stored.Articles {
			if _, err := db.Article(ctx, a.ID); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("Article(%s) of the deleted issue = %v, want not found", a.ID, err)
			}
		}
		if latest, err := db.LatestArticles(ctx, pubID, "", 0); err != nil || !slices.Equal(titles(latest), []string{"三月要闻"}) {
			t.Errorf("LatestArticles after the delete = %q, %v; want only March", titles(latest), err)
		}
		keys, artIDs, err := db.Deleted(ctx, pubID)
		wantIDs := slices.Sorted(slices.Values(ids(stored.Articles)))
		if err != nil || !slices.Equal(keys, []string{"2023-04"}) || !slices.Equal(artIDs, wantIDs) {
			t.Errorf("Deleted = %q, %q, %v; want [2023-04] and %q", keys, artIDs, err, wantIDs)
		}
		if keys, artIDs, err := db.Deleted(ctx, "other"); err != nil || keys != nil || artIDs != nil {
			t.Errorf("Deleted of another publication = %q, %q, %v; want nothing", keys, artIDs, err)
		}
		_, err = db.DeleteIssue(ctx, pubID, "2023-04")
		if want := `no issue "2023-04" in publication "hexi"`; err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("DeleteIssue again = %v, want not found %q", err, want)
		}
		if _, err := db.DeleteIssue(ctx, "other", "2023-03"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("DeleteIssue in another publication = %v, want not found", err)
		}

		// The same file again: the same ids, and nothing is gone any more.
		c.Advance(time.Hour)
		back := mustIngest(t, db, april)
		if back.Status != store.New || !slices.Equal(ids(back.Issue.Articles), ids(stored.Articles)) {
			t.Errorf("re-ingest: %s with ids %q, want new with the old ids %q", back.Status, ids(back.Issue.Articles), ids(stored.Articles))
		}
		if keys, artIDs, err := db.Deleted(ctx, pubID); err != nil || len(keys)+len(artIDs) != 0 {
			t.Errorf("Deleted after the re-ingest = %q, %q, %v; want nothing", keys, artIDs, err)
		}
		if got, err := db.Issue(ctx, pubID, "2023-04"); err != nil || len(got.Articles) != 3 {
			t.Errorf("Issue after the re-ingest = %+v, %v; want it back", got, err)
		}
	})
}

// TestReingestClearsOnlyWhatComesBack: an issue ingested again without
// one of its deleted articles brings the key back, and the missing article
// stays gone.
func TestReingestClearsOnlyWhatComesBack(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		a, b := article("要闻", "留下", para("留下")), article("要闻", "撤下", para("撤下"))
		stored := mustIngest(t, db, issue("2023-04", day("2023-04-20"), a, b)).Issue
		mustIngest(t, db, issue("2023-05", day("2023-05-20"), article("要闻", "五月", para("五月"))))
		if _, err := db.DeleteIssue(ctx, pubID, "2023-04"); err != nil {
			t.Fatal(err)
		}
		// Another issue's ingest leaves the deletion alone.
		mustIngest(t, db, issue("2023-05", day("2023-05-20"), article("要闻", "五月", para("五月改"))))
		if keys, artIDs, _ := db.Deleted(ctx, pubID); len(keys) != 1 || len(artIDs) != 2 {
			t.Errorf("Deleted after another issue's ingest = %q, %q; want the key and both ids", keys, artIDs)
		}
		mustIngest(t, db, issue("2023-04", day("2023-04-20"), a))
		keys, artIDs, err := db.Deleted(ctx, pubID)
		if err != nil || len(keys) != 0 || !slices.Equal(artIDs, []string{stored.Articles[1].ID}) {
			t.Errorf("Deleted = %q, %q, %v; want only the article left out (%s)", keys, artIDs, err, stored.Articles[1].ID)
		}
	})
}
