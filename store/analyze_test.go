package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// ingestN ingests n issues of arts articles each over three sections,
// keyed k0, k1 … from the first, advancing the clock an hour for each.
func ingestN(t testing.TB, db *store.DB, c *clock, first, n, arts int) {
	t.Helper()
	for k := first; k < first+n; k++ {
		var as []*bulletinfeed.Article
		for i := range arts {
			title := fmt.Sprintf("%d-%d", k, i)
			as = append(as, article([]string{"要闻", "民生", ""}[i%3], title, para(title)))
		}
		c.Advance(time.Hour)
		mustIngest(t, db, issue(fmt.Sprintf("k%d", k), day("2022-01-01").AddDate(0, 0, k), as...))
	}
}

// TestAnalyzeAfterIngest: an ingest refreshes the planner statistics once
// the articles written since the last refresh are more than the least
// number (1,000 by default, 5 here) and than a tenth of the store.
func TestAnalyzeAfterIngest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		db.SetAnalyzeMin(5)
		expect := func(when string, want int64) {
			t.Helper()
			if got := db.Analyzes(); got != want {
				t.Errorf("%s: %d runs of Analyze, want %d", when, got, want)
			}
		}
		ingestN(t, db, c, 0, 1, 3)
		expect("3 articles written", 0)
		ingestN(t, db, c, 1, 1, 3)
		expect("6 written, more than 5 and than a tenth of 6", 1)
		ingestN(t, db, c, 2, 1, 54)
		expect("54 more, of 60", 2)
		ingestN(t, db, c, 3, 1, 6)
		expect("6 more, not more than a tenth of 66", 2)
		ingestN(t, db, c, 4, 1, 2)
		expect("8 more, of 68", 3)
		// A revision writes every article it keeps, and removes the rest.
		c.Advance(time.Hour)
		mustIngest(t, db, issue("k2", day("2022-01-03"), article("要闻", "改", para("改"))))
		expect("a revision of 54 articles", 4)
		if _, err := db.DeleteIssue(ctx, pubID, "k3"); err != nil {
			t.Fatal(err)
		}
		expect("a deletion of 6 articles", 4)
		if err := db.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		expect("Analyze called", 5)
		ingestN(t, db, c, 5, 1, 6)
		expect("6 written since it, of 69", 5)

		// The default bound.
		other := mustOpen(t, dsn, c)
		ingestN(t, other, c, 10, 10, 10)
		if got := other.Analyzes(); got != 0 {
			t.Errorf("100 articles written with the default bound: %d runs of Analyze, want none", got)
		}
	})
}

// TestAnalyzeKeepsAnswers: every read gives the same answer before the
// planner has statistics and after.
func TestAnalyzeKeepsAnswers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		ingestN(t, db, c, 0, 40, 10)
		if _, err := db.DeleteIssue(ctx, pubID, "k7"); err != nil {
			t.Fatal(err)
		}
		if got := db.Analyzes(); got != 0 {
			t.Fatalf("%d runs of Analyze while building, want none", got)
		}
		before := reads(t, db)
		if err := db.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		after := reads(t, db)
		for k, v := range before {
			if !reflect.DeepEqual(after[k], v) {
				t.Errorf("%s after Analyze =\n%v\nwant\n%v", k, after[k], v)
			}
		}
		// k7 held the articles 71–80.
		if n := len(before["archive all 51–100"].([]string)); n != 40 {
			t.Errorf("archive page 51–100 has %d articles, want 40", n)
		}
	})
}

// reads runs every read of the store on db and returns what each gave.
func reads(t testing.TB, db *store.DB) map[string]any {
	t.Helper()
	ctx := context.Background()
	out := map[string]any{}
	must := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = v
	}
	latest, err := db.LatestArticles(ctx, pubID, "", 20)
	must("latest", ids(latest), err)
	latest, err = db.LatestArticles(ctx, pubID, "min-sheng", 20)
	must("latest of a section", ids(latest), err)
	for _, r := range [][2]int64{{1, 50}, {51, 100}, {351, 400}} {
		arts, err := db.ArchiveArticles(ctx, pubID, "", r[0], r[1])
		must(fmt.Sprintf("archive all %d–%d", r[0], r[1]), ids(arts), err)
		arts, err = db.ArchiveArticles(ctx, pubID, "yao-wen", r[0], r[1])
		must(fmt.Sprintf("archive of a section %d–%d", r[0], r[1]), ids(arts), err)
	}
	chs, err := db.ChannelStates(ctx, pubID)
	must("channels", chs, err)
	rs, err := db.RangeStates(ctx, pubID, "", 50)
	must("ranges", rs, err)
	rs, err = db.RangeStates(ctx, pubID, "general", 50)
	must("ranges of a section", rs, err)
	r, err := db.RangeState(ctx, pubID, "", 51, 100)
	must("range", r, err)
	r, err = db.RangeState(ctx, pubID, "yao-wen", 51, 100)
	must("range of a section", r, err)
	vs, err := db.ArticleVersions(ctx, pubID, "", 1000)
	must("versions", vs, err)
	v, err := db.ArticleVersion(ctx, pubID, vs[len(vs)/2].ID)
	must("version", v, err)
	a, iss, err := db.PublicationArticle(ctx, pubID, vs[len(vs)/2].ID)
	must("publication article", []any{a, iss}, err)
	is, err := db.IssueState(ctx, pubID)
	must("issue state", is, err)
	issues, err := db.IssuesInRange(ctx, pubID, 5, 12)
	must("issues in range", issues, err)
	ir, err := db.IssueRangeState(ctx, pubID, 5, 12)
	must("issue range", ir, err)
	issues, err = db.Issues(ctx, pubID, 3)
	must("issues", issues, err)
	secs, err := db.Sections(ctx, pubID)
	must("sections", secs, err)
	counts, err := db.SectionCounts(ctx, pubID)
	must("section counts", counts, err)
	return out
}
